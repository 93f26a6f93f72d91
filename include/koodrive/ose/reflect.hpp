// koodrive-ose: the reflection machinery.
//
// A message is a plain struct; one constexpr description names its JSON fields and their
// constraints, and one constexpr table per enum lists its values. Everything else (encode,
// decode, validation, log printing, query strings) is generic code over these descriptions.
//
//     template <> struct description<list_jobs_request> {
//         static constexpr std::string_view name = "list_jobs_request";
//         static constexpr auto direction = message_direction::request;
//         static constexpr auto fields = make_field_list(
//             field(&list_jobs_request::offset, "offset").required().range(0, max_int64),
//             field(&list_jobs_request::limit, "limit").required().range(1, 100), ...);
//     };
//
// Factory functions (not aggregate CTAD, not names parsed from __PRETTY_FUNCTION__) because
// they work the same on g++ 12 and clang++ 14.
#ifndef KOODRIVE_OSE_REFLECT_HPP
#define KOODRIVE_OSE_REFLECT_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "result.hpp"
#include "violation.hpp"

namespace koodrive::ose {
inline namespace v1 {

// ---- enums ---------------------------------------------------------------------------------

/// One row of an enum_table: a value and its readable name.
template <class E>
struct enum_entry {
    E value;                ///< the enumerator, whose underlying value is its wire number
    std::int32_t wire;      ///< the number on the wire
    std::string_view name;  ///< a readable name, for logs
};

/// Specialise with `static constexpr std::array<enum_entry<E>, N> entries{...}`.
template <class E>
struct enum_table;

template <class E>
concept described_enum = std::is_enum_v<E> && requires {
    enum_table<E>::entries;
};

/// The row of `v` in its enum_table, or nullptr when the table does not list it.
template <described_enum E>
constexpr const enum_entry<E>* find_entry(E v) noexcept {
    for (const auto& e : enum_table<E>::entries)
        if (e.value == v) return &e;
    return nullptr;
}

/// Whether v is one of the table's values (a response may carry values the table lacks).
template <described_enum E>
constexpr bool is_known(E v) noexcept {
    return find_entry(v) != nullptr;
}

/// The readable name, or "" for a value the table does not know.
template <described_enum E>
constexpr std::string_view enum_name(E v) noexcept {
    const auto* e = find_entry(v);
    return e ? e->name : std::string_view{};
}

/// The number `v` is written as.
template <described_enum E>
constexpr std::int32_t to_wire(E v) noexcept {
    return static_cast<std::int32_t>(v);
}

/// Every table must map each value to its own wire number (the enum's underlying value), with
/// no value listed twice. The library static_asserts it for its own tables; do the same for a
/// table of your own.
template <described_enum E>
constexpr bool enum_table_is_sound() {
    const auto& t = enum_table<E>::entries;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (static_cast<std::int32_t>(t[i].value) != t[i].wire || t[i].name.empty()) return false;
        for (std::size_t j = i + 1; j < t.size(); ++j)
            if (t[i].value == t[j].value) return false;
    }
    return true;
}

// ---- user field types ------------------------------------------------------------------------

/// Customization point: a user type (a strong ID, say) that is written, read, checked, logged
/// and generated as another field type, its wire type. Specialise with
///   using wire_type = std::string;              // or any other field type
///   static wire_type& wire(T&);                 // the value inside
///   static const wire_type& wire(const T&);
/// and every traversal takes the type; nothing else changes.
template <class T>
struct field_traits {};

/// A type with a field_traits specialization.
template <class T>
concept wrapped_field = requires(T& t, const T& c) {
    typename field_traits<T>::wire_type;
    { field_traits<T>::wire(t) } -> std::same_as<typename field_traits<T>::wire_type&>;
    { field_traits<T>::wire(c) } -> std::same_as<const typename field_traits<T>::wire_type&>;
};

// ---- fields --------------------------------------------------------------------------------

/// Which way a message goes: a request, a response, or a part of either.
enum class message_direction : std::uint8_t { request, response, part };

/// When a field must be present.
enum class presence : std::uint8_t {
    optional,    ///< may be absent (or null)
    required,    ///< must be present and, for strings in requests, non-empty
    on_success,  ///< a response field that must be present when `code` is 0 (the task ID)
};

/// No lower bound for field_description::range().
inline constexpr std::int64_t no_min = std::numeric_limits<std::int64_t>::min();
/// No upper bound for field_description::range().
inline constexpr std::int64_t no_max = std::numeric_limits<std::int64_t>::max();
/// No bound for field_description::items() or field_description::length().
inline constexpr std::size_t no_limit = static_cast<std::size_t>(-1);

namespace detail {
/// The type a constraint applies to: the value inside an optional, the element of an array.
template <class M>
struct constrained {
    using type = M;
};
template <class M>
struct constrained<std::optional<M>> : constrained<M> {};
template <class M, class A>
struct constrained<std::vector<M, A>> : constrained<M> {};
template <wrapped_field M>
struct constrained<M> : constrained<typename field_traits<M>::wire_type> {};
template <class M>
using constrained_t = typename constrained<M>::type;

template <class M>
inline constexpr bool is_array_field = false;
template <class M, class A>
inline constexpr bool is_array_field<std::vector<M, A>> = true;
template <class M>
inline constexpr bool is_array_field<std::optional<M>> = is_array_field<M>;

template <class M>
inline constexpr bool is_text_field =
    std::is_same_v<constrained_t<M>, std::string> || std::is_same_v<constrained_t<M>, std::string_view>;
template <class M>
inline constexpr bool is_integer_field =
    std::is_integral_v<constrained_t<M>> && !std::is_same_v<constrained_t<M>, bool>;
}  // namespace detail

/// One field of a description: its member, its wire name and its constraints, built by field().
template <class Owner, class Member>
struct field_description {
    using owner_type = Owner;    ///< the struct the member belongs to
    using member_type = Member;  ///< the member's type

    Member Owner::*member;                    ///< the member
    std::string_view name;                    ///< a readable name, for logs
    presence presence_ = presence::optional;  ///< when the field must be present
    bool secret_ = false;                     ///< printed as *** and never echoed
    bool single_as_array_ = false;            ///< an array field that also takes one object
    std::int64_t min_ = no_min;               ///< integer range
    std::int64_t max_ = no_max;               ///< the upper bound of the value (integers)
    std::size_t min_items_ = 0;               ///< array size
    std::size_t max_items_ = no_limit;        ///< the most array entries
    std::size_t min_length_ = 0;              ///< string length in bytes
    std::size_t max_length_ = no_limit;       ///< the longest string, in bytes

    /// The field must be present.
    constexpr field_description required() const {
        auto f = *this;
        f.presence_ = presence::required;
        return f;
    }
    /// The field must be present when the response reports success (code 0).
    constexpr field_description required_on_success() const {
        auto f = *this;
        f.presence_ = presence::on_success;
        return f;
    }
    /// The value is a secret: logged as ***, never in an error.
    constexpr field_description secret() const {
        auto f = *this;
        f.secret_ = true;
        return f;
    }
    /// An array that also accepts a single object in its place.
    constexpr field_description single_as_array() const {
        auto f = *this;
        f.single_as_array_ = true;
        return f;
    }
    /// The value must lie in [lo, hi].
    constexpr field_description range(std::int64_t lo, std::int64_t hi) const {
        static_assert(detail::is_integer_field<Member>, ".range() applies to integer fields only");
        auto f = *this;
        f.min_ = lo;
        f.max_ = hi;
        return f;
    }
    /// The array must have from lo to hi entries.
    constexpr field_description items(std::size_t lo, std::size_t hi) const {
        static_assert(detail::is_array_field<Member>, ".items() applies to array fields only");
        auto f = *this;
        f.min_items_ = lo;
        f.max_items_ = hi;
        return f;
    }
    /// The string must have from lo to hi bytes.
    constexpr field_description length(std::size_t lo, std::size_t hi) const {
        static_assert(detail::is_text_field<Member>, ".length() applies to string fields only");
        auto f = *this;
        f.min_length_ = lo;
        f.max_length_ = hi;
        return f;
    }

    /// The member of `o`.
    constexpr const Member& get(const Owner& o) const noexcept { return o.*member; }
    /// The member of `o`, to write.
    constexpr Member& get(Owner& o) const noexcept { return o.*member; }
};

/// Describes the member `member` with the JSON key `name`; chain required(), range(), ... to constrain it.
template <class Owner, class Member>
constexpr field_description<Owner, Member> field(Member Owner::*member, std::string_view name) {
    return {member, name};
}

namespace detail {
template <std::size_t I, class F>
struct field_slot {
    F value;
};
template <class Indices, class... F>
struct field_slots;
template <std::size_t... I, class... F>
struct field_slots<std::index_sequence<I...>, F...> : field_slot<I, F>... {};

/// Field I of a field_list: the base of type field_slot<I, F> is found by deduction.
template <std::size_t I, class F>
constexpr const F& slot_value(const field_slot<I, F>& slot) noexcept {
    return slot.value;
}
}  // namespace detail

/// The fields of a description, in order: a tuple that does only what descriptions need, so
/// that every message costs the compiler a few plain aggregates instead of a std::tuple and its
/// constraint-checked constructors (README, "Compile cost"). Made by make_field_list().
template <class... F>
struct field_list : detail::field_slots<std::index_sequence_for<F...>, F...> {
    static constexpr std::size_t size = sizeof...(F);  ///< how many fields
};

/// The field_list of the fields given, in the order given.
template <class... F>
constexpr field_list<F...> make_field_list(F... f) {
    return {{{f}...}};
}

/// Specialise for each message and each struct inside one:
///   static constexpr std::string_view name;
///   static constexpr message_direction direction;
///   static constexpr auto fields = make_field_list(field(...), ...);   // (a std::tuple works too)
///   optionally: static rule_check rules(const T&);   // cross-field rules, after the fields
template <class T>
struct description;

template <class T>
concept described = requires {
    description<T>::fields;
    description<T>::name;
};

template <class T>
concept has_rules = requires(const T& m) {
    { description<T>::rules(m) } -> std::same_as<rule_check>;
};
namespace detail {
/// Any member called `rules`, whatever its signature (one that has_rules does not take would
/// otherwise be ignored silently).
template <class T>
concept declares_rules = requires {
    &description<T>::rules;
}
|| requires { description<T>::rules; };
}  // namespace detail

namespace detail {
template <class L>
constexpr std::size_t list_size() noexcept {
    if constexpr (requires { L::size; })
        return L::size;
    else
        return std::tuple_size_v<L>;  // a std::tuple of fields
}
template <std::size_t I, class L>
constexpr const auto& list_get(const L& list) noexcept {
    if constexpr (requires { L::size; }) {
        return slot_value<I>(list);
    } else {
        using std::get;
        return get<I>(list);
    }
}
}  // namespace detail

/// How many fields the description of `T` lists.
template <described T>
inline constexpr std::size_t field_count = detail::list_size<std::decay_t<decltype(description<T>::fields)>>();

/// The `I`-th field of the description of `T`.
template <described T, std::size_t I>
inline constexpr const auto& field_at = detail::list_get<I>(description<T>::fields);

/// Calls f(field_description) for each field, in order; stops when f returns false.
template <described T, class F>
constexpr bool for_each_field(F&& f) {
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return (f(field_at<T, I>) && ...);
    }(std::make_index_sequence<field_count<T>>{});
    // clang-format on
}

/// Index of the field with wire name `name`, or field_count<T>.
template <described T>
constexpr std::size_t field_index(std::string_view name) {
    std::size_t i = 0, found = field_count<T>;
    for_each_field<T>([&](const auto& f) {
        if (f.name == name) {
            found = i;
            return false;
        }
        ++i;
        return true;
    });
    return found;
}

/// Which of 64 bits a key or field name stands for: its length, first and last byte mixed.
constexpr unsigned name_signature(std::string_view name) noexcept {
    if (name.empty()) return 0;
    return (static_cast<unsigned>(name.size()) * 7u + static_cast<unsigned char>(name.front()) * 3u +
            static_cast<unsigned char>(name.back())) %
           64u;
}

/// The wire names of the fields of `T`, in order, the longest of them, their signatures and
/// which fields are required.
template <described T>
struct field_names {
    /// The names, as a std::array of string_view in the order of the description.
    static constexpr auto value = [] {
        std::array<std::string_view, field_count<T>> names{};
        std::size_t i = 0;
        for_each_field<T>([&](const auto& f) {
            names[i++] = f.name;
            return true;
        });
        return names;
    }();
    /// The longest name: a key that unescapes to more bytes is unknown.
    static constexpr std::size_t longest = [] {
        std::size_t n = 0;
        for (auto name : value) n = name.size() > n ? name.size() : n;
        return n;
    }();
    /// A bit per name_signature() of the names: a key whose bit is clear is no name, decided
    /// without comparing it with each of them (most unknown keys).
    static constexpr std::uint64_t signatures = [] {
        std::uint64_t bits = 0;
        for (auto name : value) bits |= std::uint64_t{1} << name_signature(name);
        return bits;
    }();
    /// A bit per required field, by index: the first one missing is the lowest bit left.
    static constexpr std::uint64_t required = [] {
        std::uint64_t bits = 0;
        std::size_t i = 0;
        for_each_field<T>([&](const auto& f) {
            if (f.presence_ == presence::required) bits |= std::uint64_t{1} << i;
            ++i;
            return true;
        });
        return bits;
    }();
};

/// Calls f(std::integral_constant<size_t, I>) for the runtime index i.
template <std::size_t N, class F>
constexpr void with_index(std::size_t i, F&& f) {
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)((i == I ? (f(std::integral_constant<std::size_t, I>{}), true) : false) || ...);
    }(std::make_index_sequence<N>{});
    // clang-format on
}

// ---- type traits over field types ------------------------------------------------------------

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

// ---- field kinds: the one classification every traversal dispatches on ----------------------

/// What a field value is: decode, encode, validation, query strings, log lines and the test
/// generators all dispatch on this one classification (`if constexpr` on field_kind_of), so a
/// type is taken the same way everywhere.
enum class field_kind : std::uint8_t {
    string,       ///< std::string
    string_view,  ///< std::string_view (view messages)
    enumeration,  ///< a described enum, written as its wire number
    integer,      ///< an integral type other than bool, written as a JSON integer
    optional,     ///< std::optional: absent, or the value inside
    array,        ///< std::vector: a JSON array
    object,       ///< a described struct: a JSON object
    wrapped,      ///< a user type with field_traits, taken as its wire type
    unsupported,  ///< anything else, bool included (no field of the API is a JSON boolean)
};

namespace detail {
template <class V>
constexpr field_kind classify_field() noexcept {
    if constexpr (wrapped_field<V>)
        return field_kind::wrapped;
    else if constexpr (std::is_same_v<V, std::string>)
        return field_kind::string;
    else if constexpr (std::is_same_v<V, std::string_view>)
        return field_kind::string_view;
    else if constexpr (described_enum<V>)
        return field_kind::enumeration;
    else if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>)
        return field_kind::integer;
    else if constexpr (is_optional<V>::value)
        return field_kind::optional;
    else if constexpr (is_vector<V>::value)
        return field_kind::array;
    else if constexpr (described<V>)
        return field_kind::object;
    else
        return field_kind::unsupported;
}
}  // namespace detail

/// The kind of the field type `V` (cv and references removed).
template <class V>
inline constexpr field_kind field_kind_of = detail::classify_field<std::remove_cvref_t<V>>();

/// Either string kind.
template <class V>
inline constexpr bool is_text_kind =
    field_kind_of<V> == field_kind::string || field_kind_of<V> == field_kind::string_view;

namespace detail {
/// Whether every type inside `V` (through optionals, arrays and wrappers) has a kind; the
/// members of a described struct are checked by its own check_description().
template <class V>
constexpr bool field_type_is_supported() noexcept {
    constexpr field_kind k = field_kind_of<V>;
    if constexpr (k == field_kind::optional || k == field_kind::array)
        return field_type_is_supported<typename V::value_type>();
    else if constexpr (k == field_kind::wrapped)
        return field_type_is_supported<typename field_traits<V>::wire_type>();
    else
        return k != field_kind::unsupported;
}
}  // namespace detail

// ---- compile-time checks -------------------------------------------------------------------

/// Whether a field is written in JSON (and shown in logs): absent optionals and empty optional
/// arrays are left out.
template <class V>
bool is_written(const V& v, presence p) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional)
        return v.has_value();
    else if constexpr (kind == field_kind::array)
        return p != presence::optional || !v.empty();
    else if constexpr (kind == field_kind::wrapped)
        return is_written(field_traits<V>::wire(v), p);
    else
        return true;
}

/// False for every `T`: the `static_assert` that ends each traversal's switch over
/// field_kind_of, so a type no branch takes fails to compile where it is used.
template <class T>
inline constexpr bool unsupported_field_type = false;

namespace detail {

/// Counts an aggregate's members by brace-init probing, so a description that forgets a member
/// fails to compile.
struct any_member {
    template <class U>
    operator U&() const&&;  // NOLINT: declared only, probed in unevaluated context
};
template <class T, class... Probe>
constexpr std::size_t aggregate_member_count() {
    if constexpr (requires { T{std::declval<Probe>()..., any_member{}}; })
        return aggregate_member_count<T, Probe..., any_member>();
    else
        return sizeof...(Probe);
}

/// A wire name is written into the output as is, so it must be plain JSON key text.
constexpr bool is_valid_wire_name(std::string_view n) {
    if (n.empty()) return false;
    for (char c : n) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
}

template <described T>
constexpr bool description_is_sound() {
    std::array<std::string_view, field_count<T>> names{};
    std::size_t i = 0;
    bool ok = true;
    for_each_field<T>([&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        ok = ok && std::is_same_v<typename F::owner_type, T> && is_valid_wire_name(f.name);
        names[i++] = f.name;
        return true;
    });
    for (std::size_t a = 0; a < names.size(); ++a)
        for (std::size_t b = a + 1; b < names.size(); ++b)
            if (names[a] == names[b]) ok = false;
    return ok;
}

/// No member is described twice (under two names, which the member count cannot see).
template <described T>
constexpr bool members_are_distinct() {
    bool ok = true;
    for_each_field<T>([&](const auto& a) {
        for_each_field<T>([&](const auto& b) {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::decay_t<decltype(b)>>)
                if (&a != &b && a.member == b.member) ok = false;
            return true;
        });
        return true;
    });
    return ok;
}

template <described T>
constexpr bool all_field_types_supported() {
    bool ok = true;
    for_each_field<T>([&](const auto& f) {
        ok = ok && field_type_is_supported<typename std::decay_t<decltype(f)>::member_type>();
        return true;
    });
    return ok;
}

}  // namespace detail

/// Checked once per described type, where the codec first touches it.
template <described T>
constexpr bool check_description() {
    static_assert(std::is_aggregate_v<T>, "a message is a plain aggregate struct");
    static_assert(field_count<T> <= 64, "at most 64 fields per struct (seen-field bitmask)");
    static_assert(detail::aggregate_member_count<T>() == field_count<T>,
                  "the description must list every member of the struct, once");
    static_assert(detail::description_is_sound<T>(),
                  "wire names must be unique, plain JSON key text, and fields must belong to the struct");
    static_assert(detail::members_are_distinct<T>(), "a member is described twice");
    static_assert(detail::all_field_types_supported<T>(),
                  "a field is a std::string, std::string_view, described enum, integer (not bool), std::optional, "
                  "std::vector, described struct, or a type with a field_traits specialization");
    static_assert(!detail::declares_rules<T> || has_rules<T>,
                  "rules() must be declared `static rule_check rules(const T&)`");
    return true;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_REFLECT_HPP
