// koodrive-ose: how the codec encodes, decodes and validates (codec.hpp declares what it does).
//
// All three walk the same constexpr descriptions (reflect.hpp); no message has JSON code of
// its own. Decoding is one pass from bytes into the struct; validation walks the fields in
// their declared order so that the first violation reported is the first in the message.
//
// Header-only, codec.hpp includes this at its end. In the compiled mode (KOODRIVE_OSE_COMPILED)
// it does not, and src/koodrive_ose.cpp makes the ten messages' functions once; include this
// header yourself there to encode or decode other types (your own described structs).
#ifndef KOODRIVE_OSE_CODEC_IMPL_HPP
#define KOODRIVE_OSE_CODEC_IMPL_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "codec.hpp"
#include "detail/integer_text.hpp"
#include "detail/utf8.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "reflect.hpp"
#include "result.hpp"
#include "unescape_storage.hpp"
#include "violation.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// Who is to blame for a failure is known only at the boundary, by who wrote the bytes: the codec
/// below reports a neutral `violation`, and these functions name the kind.
namespace detail {

// ============================================================================================
// Decoding
// ============================================================================================

/// What the decoder carries besides the cursor: where view mode keeps unescaped strings.
struct decoder : json::reader {
    decoder(std::string_view input, const read_limits& limits, violation& failure,
            ose::unescape_storage* storage) noexcept
            : json::reader(input, limits, failure), view_storage(storage), reserve_budget(input.size()) {}
    ose::unescape_storage* view_storage;
    // Bytes that arrays may reserve on a guess of their size: as many as the input has, so a
    // guess never costs more memory than the body itself.
    std::size_t reserve_budget;
};

/// Whether a field type holds a std::string_view anywhere (a view message).
template <class V>
constexpr bool has_string_views() {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::string_view) {
        return true;
    } else if constexpr (kind == field_kind::optional || kind == field_kind::array) {
        return has_string_views<typename V::value_type>();
    } else if constexpr (kind == field_kind::wrapped) {
        return has_string_views<typename field_traits<V>::wire_type>();
    } else if constexpr (kind == field_kind::object) {
        return []<std::size_t... I>(std::index_sequence<I...>) {
            return (has_string_views<typename std::decay_t<decltype(field_at<V, I>)>::member_type>() || ...);
        }
        (std::make_index_sequence<field_count<V>>{});
    } else {
        return false;
    }
}

inline std::string_view json_type_name(int c) noexcept {
    switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    case json::end_of_input: return "the end of input";
    default: return (c == '-' || (c >= '0' && c <= '9')) ? "a number" : "an invalid token";
    }
}

inline bool type_mismatch(decoder& r, std::string_view expected) {
    // Bytes that are not JSON at all are a syntax error where valid JSON cannot continue,
    // not a type mismatch: check the value on a copy of the cursor first.
    json::reader probe = r;
    if (!probe.skip_value()) return false;
    return r.fail_at(r.offset(), errc::type_mismatch, expected, json_type_name(r.peek()));
}

template <class I>
inline constexpr std::string_view fits_text = sizeof(I) == 4 ? "an integer that fits in 32 bits"
                                                             : "an integer that fits in 64 bits";

/// Anything but a short plain integer: long numbers, fractions, strings holding integers.
template <class I>
[[gnu::noinline]] bool read_integer_slow(decoder& r, I& out) {
    const std::size_t at = r.offset();
    const int c = r.peek();
    std::string_view text;
    ose::detail::fixed_buffer<32> unescaped;  // a canonical integer has at most 20 bytes
    if (c == '"') {
        json::raw_string s;
        if (!r.read_raw_string(s)) return false;
        text = s.text;
        if (s.escaped) {
            json::reader::unescape(s.text, unescaped);
            if (unescaped.overflow)
                return r.fail_at(at, errc::type_mismatch, "an integer, or a string holding a canonical integer");
            text = unescaped.view();
        }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        json::number_token num;
        if (!r.read_number(num)) return false;
        if (!num.integral)
            return r.fail_at(at, errc::type_mismatch, "an integer, not a number with a fraction or exponent");
        text = num.text;
    } else {
        return type_mismatch(r, "an integer");
    }
    bool in_range = true;
    if (!parse_integer_text(text, out, in_range))
        return r.fail_at(at, errc::type_mismatch, "an integer, or a string holding a canonical integer");
    if (!in_range) return r.fail_at(at, errc::out_of_range, fits_text<I>);
    return true;
}

template <class I>
[[gnu::noinline]] bool fail_out_of_range(decoder& r, std::size_t at) {
    return r.fail_at(at, errc::out_of_range, fits_text<I>);
}

// Inline: a field's short integer costs no call; anything else calls out.
template <class I>
[[gnu::always_inline]] inline bool read_integer(decoder& r, I& out) {
    const std::size_t at = r.offset();
    if (std::int64_t small = 0; r.try_small_integer(small)) {
        if (small < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
            small > static_cast<std::int64_t>(std::numeric_limits<I>::max()))
            return fail_out_of_range<I>(r, at);
        out = static_cast<I>(small);
        return true;
    }
    return read_integer_slow(r, out);
}

/// A string field takes a JSON string, or a non-negative JSON integer kept digit for digit
/// (task IDs exceed 2^53, so servers sometimes send them as numbers).
/// The digits of a number given where a string is expected; false (with the failure recorded)
/// when it is not a non-negative integer.
inline bool read_digits_as_string(decoder& r, std::string_view& digits) {
    const std::size_t at = r.offset();
    json::number_token num;
    if (!r.read_number(num)) return false;
    if (num.negative || !num.integral)
        return r.fail_at(at, errc::type_mismatch,
                         "a string, or a non-negative integer (no sign, fraction or exponent)");
    digits = num.text;
    return true;
}

inline bool starts_number(int c) noexcept { return c == '-' || (c >= '0' && c <= '9'); }

inline bool read_string_field(decoder& r, std::string& out) {
    const int c = r.peek();
    if (c == '"') return r.read_string(out);
    std::string_view digits;
    if (!starts_number(c)) return type_mismatch(r, "a string");
    if (!read_digits_as_string(r, digits)) return false;
    out.assign(digits);
    return true;
}

/// View mode: a std::string_view field points into the input (or, for an escaped string,
/// into the caller's unescape storage); a JSON integer is a view of its digits.
inline bool read_string_view_field(decoder& r, std::string_view& out) {
    const int c = r.peek();
    if (c == '"') {
        if (r.view_storage == nullptr)
            return r.fail(errc::type_mismatch, "decode_view() for a message with string views");
        return r.read_string_view(out, *r.view_storage);
    }
    if (!starts_number(c)) return type_mismatch(r, "a string");
    return read_digits_as_string(r, out);
}

template <described T>
bool read_object(decoder& r, T& obj);

/// An integer field, or an enum field as its wire number; inline, so a short one costs no call.
template <class V>
[[gnu::always_inline]] inline bool read_number_value(decoder& r, V& v) {
    if constexpr (field_kind_of<V> == field_kind::enumeration) {
        std::int32_t wire = 0;
        if (!read_integer(r, wire)) return false;
        v = static_cast<V>(wire);  // unknown values are kept; validation of requests rejects them
        return true;
    } else {
        return read_integer(r, v);
    }
}

template <class V>
bool read_value(decoder& r, V& v, bool single_as_array) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::string) {
        return read_string_field(r, v);
    } else if constexpr (kind == field_kind::string_view) {
        return read_string_view_field(r, v);
    } else if constexpr (kind == field_kind::enumeration || kind == field_kind::integer) {
        return read_number_value(r, v);
    } else if constexpr (kind == field_kind::optional) {
        if (!v) v.emplace();  // a value already there keeps its capacity
        return read_value(r, *v, single_as_array);
    } else if constexpr (kind == field_kind::array) {
        using E = typename V::value_type;
        if constexpr (field_kind_of<E> == field_kind::object) {
            if (single_as_array && r.peek() == '{') {
                v.resize(1);
                return read_object(r, v.front());
            }
        }
        if (r.peek() != '[') return type_mismatch(r, single_as_array ? "an array or an object" : "an array");
        if (!r.begin_container()) return false;
        // Elements already in v are reused, so decoding into a reused message keeps the
        // strings' capacity instead of allocating again.
        for (std::size_t i = 0;; ++i) {
            bool more = false;
            if (!r.next_element(i, more)) return false;
            if (!more) {
                v.resize(i);
                return true;
            }
            if (i == v.size()) v.emplace_back();
            const std::size_t element_at = r.offset();
            if (!read_value(r, v[i], false)) {
                r.failure().path.prepend_index(i);
                return false;
            }
            // A fresh array with a second element: guess its size from its first element and the
            // input left, so that it grows once instead of log2(n) times (bounded by the array
            // limit and the decoder's budget).
            if (i == 0 && v.capacity() < 2 && r.peek() == ',') {
                const std::size_t guess = r.elements_left_guess(element_at);
                if (guess * sizeof(E) <= r.reserve_budget) {
                    r.reserve_budget -= guess * sizeof(E);
                    v.reserve(guess);
                }
            }
        }
    } else if constexpr (kind == field_kind::object) {
        return read_object(r, v);
    } else if constexpr (kind == field_kind::wrapped) {
        return read_value(r, field_traits<V>::wire(v), single_as_array);
    } else {
        static_assert(unsupported_field_type<V>, "no JSON mapping for this field type");
        return false;
    }
}

/// The default value of a described struct (its members' own initializers, e.g. progress = 0).
template <described T>
[[gnu::always_inline]] inline const T& defaults_of() {  // inline: its guard is one test
    static const T value{};
    return value;
}

/// Puts field f of obj back to its default (as when absent from the JSON), keeping the
/// capacity of strings and arrays so that a reused message decodes without allocating.
template <class V>
void reset_value(V& v, const V& initial) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::string || kind == field_kind::array) {
        v.clear();
    } else if constexpr (kind == field_kind::object) {
        for_each_field<V>([&](const auto& inner) {
            reset_value(inner.get(v), inner.get(initial));
            return true;
        });
    } else if constexpr (kind == field_kind::wrapped) {
        reset_value(field_traits<V>::wire(v), field_traits<V>::wire(initial));
    } else {
        v = initial;
    }
}

template <class T, class F>
[[gnu::always_inline]] inline void reset_field(T& obj, const F& f) {
    reset_value(f.get(obj), f.get(defaults_of<T>()));
}

/// `"name":` of field I, as it appears in compact JSON.
template <described T, std::size_t I>
inline constexpr auto key_token = [] {
    constexpr std::string_view name = field_at<T, I>.name;
    std::array<char, name.size() + 3> token{};
    token[0] = '"';
    for (std::size_t i = 0; i < name.size(); ++i) token[i + 1] = name[i];
    token[name.size() + 1] = '"';
    token[name.size() + 2] = ':';
    return token;
}();

/// A field's value in the in-order path: an integer or an enum (optional or not) is read here,
/// inline, so that a short number costs no call; anything else through read_value.
template <class V>
[[gnu::always_inline]] inline bool read_field_value(decoder& r, V& v, bool single_as_array) {
    constexpr auto is_number = [](field_kind k) { return k == field_kind::integer || k == field_kind::enumeration; };
    if constexpr (is_number(field_kind_of<V>)) {
        return read_number_value(r, v);
    } else if constexpr (field_kind_of<V> == field_kind::optional) {
        if constexpr (is_number(field_kind_of<typename V::value_type>)) {
            if (!v) v.emplace();
            return read_number_value(r, *v);
        } else {
            return read_value(r, v, single_as_array);
        }
    } else {
        return read_value(r, v, single_as_array);
    }
}

/// The value of field I, its key consumed; null leaves the field absent (reset later).
template <described T, std::size_t I>
[[gnu::always_inline]] inline bool read_field(decoder& r, T& obj, std::uint64_t& present) {
    const auto& f = field_at<T, I>;
    if (r.peek() == 'n' && r.try_null()) return true;
    present |= std::uint64_t{1} << I;
    if (read_field_value(r, f.get(obj), f.single_as_array_)) return true;
    r.failure().path.prepend_key(f.name);
    return false;
}

// The general loop (keys out of order, after an unknown key) reads a field through two small
// tables instead of a copy of every field's reader: the field's address, and a reader made once
// per field *type*, shared by every message that has a field of that type. The in-order path
// above keeps its inlined readers, so the common case pays nothing for it.

/// Reads one value of type V through an untyped pointer: the general loop's reader for V.
template <class V>
bool read_erased(decoder& r, void* value, bool single_as_array) {
    return read_value(r, *static_cast<V*>(value), single_as_array);
}

/// The readers, wire names and single_as_array flags of T's fields, by index.
template <described T>
struct field_table {
    using reader = bool (*)(decoder&, void*, bool);
    template <std::size_t I>
    using member_t = typename std::decay_t<decltype(field_at<T, I>)>::member_type;

    static constexpr auto readers = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<reader, sizeof...(I)>{&read_erased<member_t<I>>...};
    }
    (std::make_index_sequence<field_count<T>>{});
    static constexpr auto single_as_array = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<bool, sizeof...(I)>{field_at<T, I>.single_as_array_...};
    }
    (std::make_index_sequence<field_count<T>>{});
};

/// The address of field i of obj (i < field_count<T>).
template <described T>
void* field_address(T& obj, std::size_t i) noexcept {
    void* p = nullptr;
    with_index<field_count<T>>(i, [&](auto ic) { p = &field_at<T, decltype(ic)::value>.get(obj); });
    return p;
}

/// Where the in-order reading of an object stopped.
struct object_cursor {
    bool failed = false;
    bool more = true;      ///< a key follows
    bool pending = false;  ///< the cursor is at a key that next_key() has already seen
    std::size_t done = 0;  ///< fields read in the described order
};

/// Field I, when it is the next key, written compactly: no lookup, no dispatch.
template <described T, std::size_t I>
[[gnu::always_inline]] inline bool read_in_order(decoder& r, T& obj, std::uint64_t& present, object_cursor& c) {
    if (!r.next_key(I == 0, c.more)) {
        c.failed = true;
        return false;
    }
    if (!c.more) return false;
    c.pending = true;
    if (!r.try_key_token(key_token<T, I>)) return false;
    c.pending = false;
    if (!read_field<T, I>(r, obj, present)) {
        c.failed = true;
        return false;
    }
    ++c.done;
    return true;
}

/// Index of the field named by the key at the cursor (consumed), or n when it is unknown.
template <described T>
bool find_key(decoder& r, std::size_t expected, std::size_t& idx, json::raw_string& key) {
    constexpr std::size_t n = field_count<T>;
    constexpr auto& names = field_names<T>::value;
    if (expected < n && r.try_key(names[expected])) {
        idx = expected;
        return true;
    }
    if (!r.read_key(key)) return false;
    // A key whose signature bit is clear is no name: most unknown keys end here, uncompared.
    auto lookup = [&](std::string_view k) {
        idx = 0;
        if (!(field_names<T>::signatures >> name_signature(k) & 1)) idx = n;
        while (idx < n && names[idx] != k) ++idx;
        return true;
    };
    if (!key.escaped) return lookup(key.text);
    ose::detail::fixed_buffer<field_names<T>::longest + 1> unescaped;
    json::reader::unescape(key.text, unescaped);
    if (unescaped.overflow) {  // longer than every name
        idx = n;
        return true;
    }
    return lookup(unescaped.view());
}

template <described T>
bool read_object(decoder& r, T& obj) {
    static_assert(check_description<T>());
    constexpr std::size_t n = field_count<T>;
    constexpr auto& names = field_names<T>::value;
    if (r.peek() != '{') return type_mismatch(r, "an object");
    if (!r.begin_container()) return false;
    std::uint64_t present = 0;
    // Fields usually arrive in the described order, written compactly: read those first.
    object_cursor c;
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)(read_in_order<T, I>(r, obj, present, c) && ...);
    }(std::make_index_sequence<n>{});
    // clang-format on
    if (c.failed) return false;
    // Then any order, unknown keys, spaces: the general loop goes on from there.
    std::uint64_t seen = c.done == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << c.done) - 1;
    std::size_t expected = c.done;  // try the next field in order first
    for (bool first = c.done == 0 && !c.pending; c.more; first = false) {
        if (!c.pending) {
            if (!r.next_key(first, c.more)) return false;
            if (!c.more) break;
        }
        c.pending = false;
        std::size_t idx = 0;
        json::raw_string key;
        if (!find_key<T>(r, expected, idx, key) || !r.colon()) return false;
        expected = idx + 1;
        if (idx == n) {
            // Unknown: skipped, but checked. The path names the key (its first 64 bytes).
            if (!r.skip_value()) {
                ose::detail::fixed_buffer<65> shown;
                json::reader::unescape(key.text, shown);
                r.failure().path.prepend_key(shown.view());
                return false;
            }
            continue;
        }
        const std::uint64_t bit = std::uint64_t{1} << idx;
        if (seen & bit) {
            r.fail_at(r.key_offset(), errc::duplicate_field, "each known key at most once");
            r.failure().path.prepend_key(names[idx]);
            return false;
        }
        seen |= bit;
        if (r.peek() == 'n' && r.try_null()) continue;  // null: absent, as in read_field
        present |= bit;
        using table = field_table<T>;
        if (!table::readers[idx](r, field_address(obj, idx), table::single_as_array[idx])) {
            r.failure().path.prepend_key(names[idx]);
            return false;
        }
    }
    // Every required field must have been given (not null); the others the JSON left out
    // get their defaults (the message may be a reused one): only those are visited.
    constexpr std::uint64_t all = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    if (present == all) return true;
    const std::uint64_t missing = all & ~present;
    if (const std::uint64_t absent_required = missing & field_names<T>::required; absent_required != 0) {
        r.fail_at(r.offset() - 1, errc::missing_field, "a value for this required field");
        r.failure().path.prepend_key(names[static_cast<std::size_t>(std::countr_zero(absent_required))]);
        return false;
    }
    for (std::uint64_t m = missing; m != 0; m &= m - 1)
        with_index<n>(static_cast<std::size_t>(std::countr_zero(m)),
                      [&](auto i) { reset_field(obj, field_at<T, decltype(i)::value>); });
    return true;
}

// ============================================================================================
// Validation
// ============================================================================================

inline bool fail_validation(violation& v, errc code, std::string_view text, expectation shape = expectation::text,
                            std::uint64_t lo = 0, std::uint64_t hi = 0) noexcept {
    v.set_broken(code, text, shape, lo, hi);
    return false;
}

template <described_enum E>
void append_known_values(std::string& s) {
    bool first = true;
    for (const auto& entry : enum_table<E>::entries) {
        if (!first) s += ", ";
        first = false;
        s += std::to_string(entry.wire);
    }
}

/// What validation checks: the request rules, and UTF-8 (already checked when the strings
/// came from the JSON reader).
struct check_mode {
    bool request;
    bool utf8;
};

// The checks of one value, shared by validation and by the checking writer (encode), so both
// find the same first violation in the same order.

[[gnu::always_inline]] inline bool check_not_empty(violation& v, std::string_view s, check_mode mode) noexcept {
    if (mode.request && s.empty()) return fail_validation(v, errc::constraint, "must not be empty");
    return true;
}
inline bool fail_utf8(violation& v) noexcept { return fail_validation(v, errc::invalid_utf8, "must be valid UTF-8"); }
[[gnu::always_inline]] inline bool check_length(violation& v, std::string_view s, const auto& f) noexcept {
    if (s.size() < f.min_length_ || s.size() > f.max_length_)
        return fail_validation(v, errc::constraint, {}, expectation::length_between, f.min_length_, f.max_length_);
    return true;
}
inline bool check_string(violation& v, std::string_view s, check_mode mode, const auto& f) {
    if (!check_not_empty(v, s, mode)) return false;
    if (mode.utf8 && ose::detail::find_invalid_utf8(s) != std::string_view::npos) return fail_utf8(v);
    return check_length(v, s, f);
}
template <class E>
[[gnu::always_inline]] inline bool check_enum(violation& v, E e, check_mode mode) {
    if (mode.request && !is_known(e)) {
        fail_validation(v, errc::constraint, {}, expectation::one_of);
        v.append_values = &append_known_values<E>;
        return false;
    }
    return true;
}
template <class I>
[[gnu::always_inline]] inline bool check_range(violation& v, I i, const auto& f) noexcept {
    const auto x = static_cast<std::int64_t>(i);
    if (x < f.min_ || x > f.max_)
        return fail_validation(v, errc::constraint, {}, f.max_ == no_max ? expectation::at_least : expectation::between,
                               static_cast<std::uint64_t>(f.min_), static_cast<std::uint64_t>(f.max_));
    return true;
}
[[gnu::always_inline]] inline bool check_entries(violation& v, std::size_t n, const auto& f) noexcept {
    if (n < f.min_items_ || n > f.max_items_) {
        if (n == 0 && f.min_items_ > 0)
            return fail_validation(v, errc::constraint, {}, expectation::entries_at_least, f.min_items_);
        return fail_validation(v, errc::constraint, {}, expectation::entries_between, f.min_items_, f.max_items_);
    }
    return true;
}

/// The value as the wire sees it: a wrapped type's wire value, unwrapped all the way.
template <class V>
const auto& wire_value(const V& v) {
    if constexpr (field_kind_of<V> == field_kind::wrapped)
        return wire_value(field_traits<V>::wire(v));
    else
        return v;
}

/// A required field of a request that is missing (an empty string or strong ID, or a required
/// optional such as offset, limit or taskType that was never set). The caller adds the key.
template <class V, class F>
[[gnu::always_inline]] inline bool check_presence(violation& out, const V& v, check_mode mode, const F& f) noexcept {
    if (f.presence_ != presence::required || !mode.request) return true;
    if constexpr (is_text_kind<V>) {
        if (v.empty()) return fail_validation(out, errc::missing_field, "required, and must not be empty");
    } else if constexpr (field_kind_of<V> == field_kind::optional) {
        if (!v) return fail_validation(out, errc::missing_field, "required");
    }
    return true;
}

/// The cross-field rules of a request's object, after its fields.
template <described T>
bool check_rules(violation& out, const T& obj, check_mode mode) {
    if constexpr (has_rules<T>) {
        if (mode.request) {
            if (auto broken = description<T>::rules(obj)) {
                out = *broken;
                return false;
            }
        }
    }
    return true;
}

template <described T>
bool validate_object(violation& out, const T& obj, check_mode mode);

/// Checks one value of a field (an array element when in_array).
template <class V, class F>
bool validate_value(violation& out, const V& v, check_mode mode, const F& f) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (is_text_kind<V>) {
        return check_string(out, v, mode, f);
    } else if constexpr (kind == field_kind::enumeration) {
        return check_enum(out, v, mode);
    } else if constexpr (kind == field_kind::integer) {
        return check_range(out, v, f);
    } else if constexpr (kind == field_kind::optional) {
        return !v.has_value() || validate_value(out, *v, mode, f);
    } else if constexpr (kind == field_kind::array) {
        if (!check_entries(out, v.size(), f)) return false;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!validate_value(out, v[i], mode, f)) {
                out.path.prepend_index(i);
                return false;
            }
        }
        return true;
    } else if constexpr (kind == field_kind::object) {
        return validate_object(out, v, mode);
    } else if constexpr (kind == field_kind::wrapped) {
        return validate_value(out, field_traits<V>::wire(v), mode, f);
    } else {
        static_assert(unsupported_field_type<V>, "no validation for this field type");
        return false;
    }
}

template <described T>
bool validate_object(violation& out, const T& obj, check_mode mode) {
    static_assert(check_description<T>());
    const bool ok = for_each_field<T>([&](const auto& f) {
        const auto& v = wire_value(f.get(obj));  // a required strong ID is missing like a string
        if (!check_presence(out, v, mode, f) || !validate_value(out, v, mode, f)) {
            out.path.prepend_key(f.name);
            return false;
        }
        return true;
    });
    return ok && check_rules(out, obj, mode);
}

// ============================================================================================
// Encoding
// ============================================================================================

/// `,"name":` for field I of T, built at compile time; the first field skips the comma.
template <described T, std::size_t I>
struct key_fragment {
    static constexpr std::string_view name = field_at<T, I>.name;
    static constexpr auto chars = [] {
        std::array<char, name.size() + 4> a{};
        a[0] = ',';
        a[1] = '"';
        for (std::size_t k = 0; k < name.size(); ++k) a[k + 2] = name[k];
        a[name.size() + 2] = '"';
        a[name.size() + 3] = ':';
        return a;
    }();
};

/// The checks a writer makes: none (encode_unchecked), or every check of validate_object in the
/// same order, each value checked as it is written (encode_to), so a message is walked once. The
/// first failure goes to `failure`, with its path. Whether the message is a request is known at
/// compile time, so a response's writer keeps only the checks its fields have.
struct write_unchecked {
    static constexpr bool check = false;
};
template <bool Request>
struct write_checked {
    static constexpr bool check = true;
    static constexpr check_mode mode{Request, true};
    violation& failure;
};

template <class Checks, described T>
bool write_object(json::output& out, const T& obj, const Checks& c);

/// Writes one value of a field (an array element too); false only with Check, at a violation.
template <class Checks, class V, class F>
[[gnu::always_inline]] inline bool write_value(json::output& out, const V& v, const Checks& c, const F& f) {
    constexpr field_kind kind = field_kind_of<V>;
    constexpr bool Check = Checks::check;
    if constexpr (is_text_kind<V>) {
        if constexpr (Check) {
            if (!check_not_empty(c.failure, v, c.mode)) return false;
            // UTF-8 is checked in the copy, before the length, as check_string orders them.
            if (!json::write_string<true>(out, v)) return fail_utf8(c.failure);
            return check_length(c.failure, v, f);
        } else {
            return json::write_string<false>(out, v);
        }
    } else if constexpr (kind == field_kind::enumeration) {
        if constexpr (Check)
            if (!check_enum(c.failure, v, c.mode)) return false;
        json::write_integer(out, static_cast<std::int32_t>(v));
        return true;
    } else if constexpr (kind == field_kind::integer) {
        if constexpr (Check)
            if (!check_range(c.failure, v, f)) return false;
        json::write_integer(out, v);
        return true;
    } else if constexpr (kind == field_kind::optional) {
        return write_value(out, *v, c, f);
    } else if constexpr (kind == field_kind::array) {
        if constexpr (Check)
            if (!check_entries(c.failure, v.size(), f)) return false;
        out.put('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i != 0) out.put(',');
            if (!write_value(out, v[i], c, f)) {
                if constexpr (Check) c.failure.path.prepend_index(i);
                return false;
            }
        }
        out.put(']');
        return true;
    } else if constexpr (kind == field_kind::object) {
        return write_object(out, v, c);
    } else if constexpr (kind == field_kind::wrapped) {
        return write_value(out, field_traits<V>::wire(v), c, f);
    } else {
        static_assert(unsupported_field_type<V>, "no JSON mapping for this field type");
        return false;
    }
}

template <class Checks, described T>
bool write_object(json::output& out, const T& obj, const Checks& c) {
    static_assert(check_description<T>());
    constexpr bool Check = Checks::check;
    out.put('{');
    bool first = true;
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    const bool ok = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return ([&]() __attribute__((always_inline)) {
            const auto& f = field_at<T, I>;
            const auto& v = f.get(obj);
            auto failed = [&]() __attribute__((always_inline)) {
                if constexpr (Check) c.failure.path.prepend_key(f.name);
                return false;
            };
            if constexpr (Check)
                if (!check_presence(c.failure, wire_value(v), c.mode, f)) return failed();
            if (!is_written(v, f.presence_)) {
                // An absent optional holds nothing to check; an optional empty array, its minimum.
                // (nested: clang 14 looks into the false branch of a combined condition)
                if constexpr (Check) {
                    using W = std::decay_t<decltype(wire_value(v))>;
                    if constexpr (field_kind_of<W> == field_kind::array)
                        if (!check_entries(c.failure, 0, f)) return failed();
                }
                return true;
            }
            // `,"name":` (or without the comma first), copied with a compile-time length.
            constexpr auto& frag = key_fragment<T, I>::chars;
            constexpr std::size_t size = frag.size();
            char* w = out.ensure(size);
            if (first) {
                std::memcpy(w, frag.data() + 1, size - 1);
                out.advance_to(w + size - 1);
            } else {
                std::memcpy(w, frag.data(), size);
                out.advance_to(w + size);
            }
            first = false;
            return write_value(out, v, c, f) || failed();
        }() && ...);
    }(std::make_index_sequence<field_count<T>>{});
    // clang-format on
    out.put('}');
    if constexpr (Check)
        return ok && check_rules(c.failure, obj, c.mode);
    else
        return ok;
}

}  // namespace detail

// ============================================================================================
// The public functions (declared, with their documentation, in codec.hpp)
// ============================================================================================

/// Who is to blame for a failure is known only at the boundary, by who wrote the bytes: the codec
/// below reports a neutral `violation`, and these functions name the kind.
namespace detail {
/// A message this side received: a request decoded by a server is the peer's invalid request;
/// a response decoded by a client is a malformed response.
template <described T>
constexpr error_kind received_failure() noexcept {
    return description<T>::direction == message_direction::request ? error_kind::invalid_request
                                                                   : error_kind::malformed_response;
}
/// A message this side built (encoded or validated before sending): a local error.
template <described T>
constexpr error_kind local_failure() noexcept {
    return description<T>::direction == message_direction::request ? error_kind::invalid_request
                                                                   : error_kind::invalid_response;
}

// Whether a response type has any field constraint (a request always has something to check).
template <described T>
constexpr bool has_constraints() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return ([] {
            constexpr auto& f = field_at<T, I>;
            using M = typename std::decay_t<decltype(f)>::member_type;
            using E = constrained_t<M>;
            bool nested = false;
            if constexpr (described<E>) nested = has_constraints<E>();
            return nested || f.min_ != no_min || f.max_ != no_max || f.min_items_ != 0 || f.max_items_ != no_limit ||
                   f.min_length_ != 0 || f.max_length_ != no_limit;
        }() || ...);
    }
    (std::make_index_sequence<field_count<T>>{});
}

template <described T>
bool find_violation(const T& message, violation& out, bool check_utf8) {
    constexpr bool request = description<T>::direction == message_direction::request;
    // A response with no constraint has nothing to check but UTF-8: no walk when that is off.
    if constexpr (!request && !has_constraints<T>())
        if (!check_utf8) return false;
    return !detail::validate_object(out, message, check_mode{request, check_utf8});
}

template <described T>
result<void> validate(const T& message, bool check_utf8) {
    violation v;
    if (!find_violation(message, v, check_utf8)) return {};
    return v.to_error(local_failure<T>());
}
}  // namespace detail

template <described T>
result<void> validate(const T& message) {
    return detail::validate(message, true);
}

template <described T>
bool find_violation(const T& message, violation& out) {
    return detail::find_violation(message, out, true);
}

template <described T>
void encode_unchecked(const T& message, std::string& out) {
    json::output o(out);
    detail::write_object(o, message, detail::write_unchecked{});
    o.finish();
}

template <described T>
result<void> encode_to(const T& message, std::string& out) {
    constexpr bool request = description<T>::direction == message_direction::request;
    violation failure;
    json::output o(out);
    if (detail::write_object(o, message, detail::write_checked<request>{failure})) {
        o.finish();  // here, not in the destructor: the append may throw
        return {};
    }
    o.rollback();
    o.finish();
    return failure.to_error(detail::local_failure<T>());
}

template <described T>
result<std::string> encode(const T& message) {
    std::string out;
    if (auto v = encode_to(message, out); !v) return std::move(v).error();
    return out;
}

/// Who is to blame for a failure is known only at the boundary, by who wrote the bytes: the codec
/// below reports a neutral `violation`, and these functions name the kind.
namespace detail {
/// One JSON document into `out`, with no rule checked; false with the failure in `failure`.
template <described T>
bool read_document(T& out, std::string_view json, const read_limits& limits, violation& failure,
                   unescape_storage* storage = nullptr) {
    decoder r(json, limits, failure, storage);
    return r.begin_document() && read_object(r, out) && r.end_document();
}

/// The same, then, for a request, its rules (a server's view); the failure is neutral.
template <described T>
bool decode_document(T& out, std::string_view json, const read_limits& limits, violation& failure,
                     unescape_storage* storage) {
    if (!read_document(out, json, limits, failure, storage)) return false;
    if constexpr (description<T>::direction == message_direction::request)
        return !find_violation(out, failure, false);  // the reader checked UTF-8
    return true;
}
}  // namespace detail

template <described T>
result<void> decode_into(T& out, std::string_view json, const read_limits& limits) {
    static_assert(!detail::has_string_views<T>(), "a message with string views decodes with decode_view()");
    violation failure;
    if (detail::decode_document(out, json, limits, failure, nullptr)) return {};
    return failure.to_error(detail::received_failure<T>());
}

template <described T>
bool decode_into(T& out, std::string_view json, violation& failure, const read_limits& limits) {
    static_assert(!detail::has_string_views<T>(), "a message with string views decodes with decode_view()");
    return detail::decode_document(out, json, limits, failure, nullptr);
}

template <described T>
result<void> decode_view(T& out, std::string_view json, unescape_storage& storage, const read_limits& limits) {
    violation failure;
    if (detail::decode_document(out, json, limits, failure, &storage)) return {};
    return failure.to_error(detail::received_failure<T>());
}

template <described T>
bool decode_unchecked(T& out, std::string_view json, violation& failure, const read_limits& limits) {
    static_assert(!detail::has_string_views<T>(), "a message with string views decodes with decode_view()");
    return detail::read_document(out, json, limits, failure);
}

template <described T>
result<T> decode(std::string_view json, const read_limits& limits) {
    T out{};
    if (auto r = decode_into(out, json, limits); !r) return std::move(r).error();
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made once in
// src/koodrive_ose.cpp, so a file that includes these definitions does not make them again.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "detail/compiled_codec.hpp"
#endif

#endif  // KOODRIVE_OSE_CODEC_IMPL_HPP
