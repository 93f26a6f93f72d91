// koodrive-ose testing: messages generated from fuzz bytes, driven by the descriptions alone.
//
// Not part of the core: include it on its own (`koodrive/ose.hpp` does not include it).
//
//   ose::testing::byte_source src({data, size});
//   auto request = ose::testing::generate_valid<ose::create_batch_task_request>(src);  // validates
//   ose::testing::byte_source src2({data, size});
//   if (auto bad = ose::testing::generate_invalid<ose::create_batch_task_request>(src2))
//       ;  // bad->message fails validate(), at bad->broken.path with bad->broken.message()
//
// Everything is chosen from the bytes (zeros once they run out): the same bytes give the same
// message. No global state, no exceptions, no randomness, and no heap but the message's own
// (its strings and arrays; the *_view messages point their strings at static sample text).
// There is no per-message code: fields are generated from their descriptions (ranges, items,
// lengths, enum tables; strings shaped by their wire names, see sample_values.hpp), and
// cross-field rules, which are functions, are met by repair: while the message breaks a rule,
// the value where it breaks is replaced, in place, by its alternatives (absent or present, each
// enum entry, the fewest entries or one more, ...; from one the bytes choose) until one moves
// the failure on.
#ifndef KOODRIVE_OSE_TESTING_GENERATE_HPP
#define KOODRIVE_OSE_TESTING_GENERATE_HPP

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../codec_impl.hpp"
#include "../reflect.hpp"
#include "../violation.hpp"
#include "sample_values.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace testing {

/// Deterministic choices from a byte span; yields zeros once the bytes run out.
class byte_source {
public:
    byte_source() = default;
    /// Reads `bytes`, which must outlive the source.
    explicit byte_source(std::span<const std::uint8_t> bytes) noexcept : bytes_(bytes) {}

    /// The next byte, or 0 once the bytes are used up.
    std::uint8_t byte() noexcept { return pos_ < bytes_.size() ? bytes_[pos_++] : std::uint8_t{0}; }
    /// A choice from the next byte.
    bool boolean() noexcept { return (byte() & 1) != 0; }
    /// Eight bytes as a number.
    std::uint64_t u64() noexcept {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
        return v;
    }
    /// A number in [0, n) (0 when n is 0); one byte when n <= 256.
    std::size_t below(std::size_t n) noexcept {
        if (n <= 1) return 0;
        if (n <= 256) return byte() % n;
        return static_cast<std::size_t>(u64() % n);
    }
    /// A number in [lo, hi]; often one of the bounds.
    std::int64_t in_range(std::int64_t lo, std::int64_t hi) noexcept {
        const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
        std::uint64_t off = 0;
        switch (byte() % 4) {
        case 0: off = 0; break;
        case 1: off = span; break;
        case 2: off = std::min<std::uint64_t>(span, byte()); break;
        default: off = span == std::numeric_limits<std::uint64_t>::max() ? u64() : u64() % (span + 1); break;
        }
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + off);
    }
    /// How many entries an array of lo to hi entries gets: the fewest, or up to three more.
    std::size_t entries(std::size_t lo, std::size_t hi) noexcept {
        const std::size_t top = hi - lo > 3 ? lo + 3 : hi;
        return lo + below(top - lo + 1);
    }
    /// Whether a string takes the shape its field's name suggests (else it is generic text).
    bool shaped() noexcept { return byte() % 4 != 0; }
    /// Which of the sample values of a shape.
    std::size_t pick() noexcept { return byte(); }
    /// Whether every byte has been read.
    bool exhausted() const noexcept { return pos_ >= bytes_.size(); }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

namespace detail {

/// What the generators draw their choices from: byte_source here, seeded_source in traffic.hpp.
template <class S>
concept choice_source = requires(S& s, std::size_t n, std::int64_t x) {
    { s.byte() } -> std::same_as<std::uint8_t>;
    { s.boolean() } -> std::same_as<bool>;
    { s.below(n) } -> std::same_as<std::size_t>;
    { s.in_range(x, x) } -> std::same_as<std::int64_t>;
    { s.entries(n, n) } -> std::same_as<std::size_t>;
    { s.shaped() } -> std::same_as<bool>;
    { s.pick() } -> std::same_as<std::size_t>;
};

inline constexpr std::size_t max_generated_length = 24;  // generic text: at most min_length + 24 bytes
inline constexpr std::size_t max_repairs = 64;

/// Strings are set from static text: a std::string copies it, a std::string_view points at it.
template <class V>
void set_text(V& v, std::string_view text) {
    if constexpr (field_kind_of<V> == field_kind::string)
        v.assign(text.data(), text.size());
    else
        v = text;
}

/// Non-empty valid UTF-8 within the field's length: a sample of the shape its name suggests,
/// or generic text.
template <class F, class S>
std::string_view gen_text(const F& f, S& s) {
    const std::size_t lo = std::max<std::size_t>(1, f.min_length_);
    if (s.shaped()) {
        const std::string_view sample = sample_value(shape_of(f.name), s.pick());
        if (sample.size() >= lo && sample.size() <= f.max_length_) return sample;
    }
    const std::size_t hi = std::max(lo, std::min(f.max_length_, lo + max_generated_length));
    const std::size_t len = lo + s.below(hi - lo + 1);
    const unsigned style = s.byte();
    return sample_text(style, len, s.pick());
}

template <class V, class F, class S>
void gen_value(V& v, const F& f, S& s);

template <described T, class S>
void gen_object(T& obj, S& s) {
    for_each_field<T>([&](const auto& f) {
        gen_value(f.get(obj), f, s);
        return true;
    });
}

template <class V, class F, class S>
void gen_present(V& v, const F& f, S& s) {
    if (!v) v.emplace();
    gen_value(*v, f, s);
}

/// n entries; a reused array keeps its capacity.
template <class V, class F, class S>
void gen_items(V& v, const F& f, S& s, std::size_t n) {
    v.resize(n);
    for (auto& e : v) gen_value(e, f, s);
}

template <class V, class F, class S>
void gen_value(V& v, const F& f, S& s) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (is_text_kind<V>) {
        set_text(v, gen_text(f, s));
    } else if constexpr (kind == field_kind::enumeration) {
        const auto& t = enum_table<V>::entries;
        v = t[s.below(t.size())].value;
    } else if constexpr (kind == field_kind::integer) {
        const std::int64_t lo = std::max<std::int64_t>(f.min_, std::numeric_limits<V>::min());
        const std::int64_t hi = std::min<std::int64_t>(f.max_, std::numeric_limits<V>::max());
        v = static_cast<V>(s.in_range(lo, hi));
    } else if constexpr (kind == field_kind::optional) {
        if (f.presence_ == presence::required || s.boolean())
            gen_present(v, f, s);
        else
            v.reset();
    } else if constexpr (kind == field_kind::array) {
        gen_items(v, f, s, s.entries(f.min_items_, f.max_items_));
    } else if constexpr (kind == field_kind::object) {
        gen_object(v, s);
    } else if constexpr (kind == field_kind::wrapped) {
        gen_value(field_traits<V>::wire(v), f, s);
    } else {
        static_assert(unsupported_field_type<V>, "no generator for this field type");
    }
}

// ---- sites: the places a change can be made ---------------------------------------------------
// Every field, every array entry, and the fields of present optionals and of entries, depth
// first in field order; a visitor's site() returns true to stop the walk.

template <class V, class F, class Visit>
void walk_inside(V& v, const F& f, Visit& visit);

template <described T, class Visit>
void walk_object(T& obj, Visit& visit) {
    for_each_field<T>([&](const auto& f) {
        auto& v = f.get(obj);
        if (visit.site(v, f)) return false;
        walk_inside(v, f, visit);
        return !visit.stopped;
    });
}

template <class V, class F, class Visit>
void walk_inside(V& v, const F& f, Visit& visit) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional) {
        if (v) walk_inside(*v, f, visit);
    } else if constexpr (kind == field_kind::array) {
        for (auto& e : v) {
            if (visit.site(e, f)) return;
            walk_inside(e, f, visit);
            if (visit.stopped) return;
        }
    } else if constexpr (kind == field_kind::object) {
        walk_object(v, visit);
    }  // a wrapped value is one site, like the value inside
}

struct site_counter {
    std::size_t count = 0;
    bool stopped = false;
    template <class V, class F>
    bool site(V&, const F&) noexcept {
        ++count;
        return false;
    }
};

/// Calls fn(value, field) at site number `target`.
template <class Fn>
struct site_at {
    std::size_t target;
    Fn& fn;
    std::size_t seen = 0;
    bool stopped = false;
    template <class V, class F>
    bool site(V& v, const F& f) {
        if (seen++ != target) return false;
        fn(v, f);
        stopped = true;
        return true;
    }
};

template <described T>
std::size_t count_sites(T& obj) {
    site_counter c;
    walk_object(obj, c);
    return c.count;
}

template <described T, class Fn>
void at_site(T& obj, std::size_t target, Fn&& fn) {
    site_at<std::remove_reference_t<Fn>> visit{target, fn};
    walk_object(obj, visit);
}

// ---- paths (where validation says a message breaks a rule) --------------------------------------

template <described T, class Fn>
bool at_path_object(T& obj, std::string_view rest, Fn& fn);

/// Calls fn(value, field) for the value at `rest` (".a.b[2].c", relative to v), if it exists.
/// A path ending at an optional or an array gives the optional or the array itself.
template <class V, class F, class Fn>
bool at_path_value(V& v, const F& f, std::string_view rest, Fn& fn) {
    if (rest.empty()) {
        fn(v, f);
        return true;
    }
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional) {
        return v.has_value() && at_path_value(*v, f, rest, fn);
    } else if constexpr (kind == field_kind::array) {
        if (rest.front() != '[') return false;
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return false;
        std::size_t i = 0;
        for (char c : rest.substr(1, close - 1)) {
            if (c < '0' || c > '9') return false;
            i = i * 10 + static_cast<std::size_t>(c - '0');
        }
        return i < v.size() && at_path_value(v[i], f, rest.substr(close + 1), fn);
    } else if constexpr (kind == field_kind::object) {
        return at_path_object(v, rest, fn);
    } else {
        return false;
    }
}

template <described T, class Fn>
bool at_path_object(T& obj, std::string_view rest, Fn& fn) {
    if (rest.empty() || rest.front() != '.') return false;
    rest.remove_prefix(1);
    const std::string_view name = rest.substr(0, rest.find_first_of(".["));
    bool found = false;
    for_each_field<T>([&](const auto& f) {
        if (f.name != name) return true;
        found = at_path_value(f.get(obj), f, rest.substr(name.size()), fn);
        return false;
    });
    return found;
}

// ---- alternatives (valid values for one field, for repair and in-constraint mutation) --------

template <class V>
constexpr std::size_t alternative_count() {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional) {
        using E = typename V::value_type;
        if constexpr (field_kind_of<E> == field_kind::enumeration)
            return 1 + enum_table<E>::entries.size();
        else
            return 2;
    } else if constexpr (kind == field_kind::enumeration) {
        return enum_table<V>::entries.size();
    } else if constexpr (kind == field_kind::array) {
        return 2;
    } else if constexpr (kind == field_kind::wrapped) {
        return alternative_count<typename field_traits<V>::wire_type>();
    } else {
        return 1;
    }
}

/// Alternative k: for an optional, 0 is absent; for an enum, entry k; for an array, the fewest
/// entries allowed or one more; else a freshly generated value.
template <class V, class F, class S>
void apply_alternative(V& v, const F& f, std::size_t k, S& s) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional) {
        using E = typename V::value_type;
        if (k == 0) {
            v.reset();
        } else if constexpr (field_kind_of<E> == field_kind::enumeration) {
            v = enum_table<E>::entries[k - 1].value;
        } else {
            gen_present(v, f, s);
        }
    } else if constexpr (kind == field_kind::enumeration) {
        v = enum_table<V>::entries[k % enum_table<V>::entries.size()].value;
    } else if constexpr (kind == field_kind::array) {
        const std::size_t n = f.min_items_ + k;
        gen_items(v, f, s, std::min(n, f.max_items_));
    } else if constexpr (kind == field_kind::wrapped) {
        apply_alternative(field_traits<V>::wire(v), f, k, s);
    } else {
        gen_value(v, f, s);
    }
}

inline bool same_violation(const violation& a, const violation& b) noexcept {
    return a.code == b.code && a.shape == b.shape && a.text == b.text && a.path.view() == b.path.view();
}

/// Gives alternative k to the value at `path` in every other entry of the (innermost) array the
/// path goes through: a rule broken in one entry is usually broken in its siblings too, and
/// repairing them together keeps a message with thousands of entries to one repair.
template <described T, class S>
void apply_to_siblings(T& m, std::string_view path, std::size_t k, S& s) {
    const auto open = path.rfind('[');
    if (open == std::string_view::npos) return;
    const auto close = path.find(']', open);
    if (close == std::string_view::npos) return;
    std::size_t own = 0;
    for (char c : path.substr(open + 1, close - open - 1)) own = own * 10 + static_cast<std::size_t>(c - '0');
    auto apply = [&](auto& v, const auto& f) {
        apply_alternative(v, f, k % alternative_count<std::decay_t<decltype(v)>>(), s);
    };
    for (std::size_t j = 0;; ++j) {
        if (j == own) continue;
        violation_path sibling;
        sibling.prepend(path.substr(close + 1));
        sibling.prepend_index(j);
        sibling.prepend(path.substr(0, open));
        if (!at_path_object(m, sibling.view(), apply)) break;
    }
}

/// Replaces the value where `broken` says the message breaks a rule with its alternatives, in
/// turn from one the bytes choose, until the message is valid or breaks a rule elsewhere.
/// False when none does.
template <described T, class S>
bool repair_once(T& m, const violation& broken, S& s) {
    const violation was = broken;  // the path is read while m changes
    bool repaired = false;
    std::size_t chosen = 0;
    const std::size_t start = s.byte();
    auto try_alternatives = [&](auto& v, const auto& f) {
        constexpr std::size_t n = alternative_count<std::decay_t<decltype(v)>>();
        for (std::size_t i = 0; i < n && !repaired; ++i) {
            chosen = (start + i) % n;
            apply_alternative(v, f, chosen, s);
            violation now;
            repaired = !find_violation(m, now) || !same_violation(now, was);
        }
    };
    at_path_object(m, was.path.view(), try_alternatives);
    if (repaired) apply_to_siblings(m, was.path.view(), chosen, s);
    return repaired;
}

/// Repairs until the message breaks no rule (or no repair helps).
template <described T, class S>
void repair(T& m, S& s) {
    violation v;
    for (std::size_t i = 0; i < max_repairs && find_violation(m, v); ++i)
        if (!repair_once(m, v, s)) break;
}

}  // namespace detail

/// Fills `m` with a valid message (it passes validate() and encode()) chosen from the source;
/// a reused message keeps its capacity.
template <described T, detail::choice_source S>
void generate_valid_into(T& m, S& s) {
    detail::gen_object(m, s);
    detail::repair(m, s);
}

/// A `T` that passes validation, chosen by the bytes of `s`.
template <described T>
T generate_valid(byte_source& s) {
    T m{};
    generate_valid_into(m, s);
    return m;
}

/// A `T` that passes validation, chosen by `bytes`.
template <described T>
T generate_valid(std::span<const std::uint8_t> bytes) {
    byte_source s(bytes);
    return generate_valid<T>(s);
}

// ---- breaking rules ---------------------------------------------------------------------------

namespace detail {

inline constexpr std::size_t mutation_kinds = 5;
inline constexpr std::size_t max_too_many = 4096;  // "too many entries" only for arrays up to this

template <described_enum E>
E unknown_enum_value() {
    std::int32_t w = 0;
    for (const auto& e : enum_table<E>::entries) w = std::max(w, e.wire);
    return static_cast<E>(w + 1);
}

inline constexpr std::string_view not_utf8 = "ab\xFF";

/// Mutation `kind` of a value, possibly out of its constraints; false, with v unchanged, when it
/// does not apply.
template <class V, class F, class S>
bool break_value(V& v, const F& f, std::size_t kind, S& s) {
    constexpr field_kind value_kind = field_kind_of<V>;
    if constexpr (is_text_kind<V>) {
        switch (kind) {
        case 0:
            if (v.empty()) return false;
            set_text(v, {});
            return true;
        case 1: set_text(v, not_utf8); return true;
        case 2:
            if (f.max_length_ >= max_sample_length) return false;
            set_text(v, sample_text(0, f.max_length_ + 1, 0));
            return true;
        case 3:
            if (f.min_length_ < 2) return false;
            set_text(v, sample_text(1, f.min_length_ - 1, 0));
            return true;
        default: return false;
        }
    } else if constexpr (value_kind == field_kind::enumeration) {
        if (kind != 0) return false;
        v = unknown_enum_value<V>();
        return true;
    } else if constexpr (value_kind == field_kind::integer) {
        if (kind == 0 && f.min_ > std::numeric_limits<V>::min() && f.min_ != no_min) {
            v = static_cast<V>(f.min_ - 1);
            return true;
        }
        if (kind == 1 && f.max_ < std::numeric_limits<V>::max() && f.max_ != no_max) {
            v = static_cast<V>(f.max_ + 1);
            return true;
        }
        return false;
    } else if constexpr (value_kind == field_kind::optional) {
        if (kind == 0) {
            if (v)
                v.reset();
            else
                gen_present(v, f, s);
            return true;
        }
        return v.has_value() && break_value(*v, f, kind - 1, s);
    } else if constexpr (value_kind == field_kind::array) {
        switch (kind) {
        case 0:
            if (v.empty()) return false;
            v.clear();
            return true;
        case 1:
            if (f.min_items_ < 2) return false;
            gen_items(v, f, s, f.min_items_ - 1);
            return true;
        case 2:
            if (f.max_items_ > max_too_many) return false;
            gen_items(v, f, s, f.max_items_ + 1);
            return true;
        case 3:
            v.emplace_back();
            gen_value(v.back(), f, s);
            return true;
        default: return false;
        }
    } else if constexpr (value_kind == field_kind::wrapped) {
        return break_value(field_traits<V>::wire(v), f, kind, s);
    } else {
        (void)v, (void)f, (void)kind, (void)s;
        return false;
    }
}

}  // namespace detail

/// Fills `m` with a valid message and one generic mutation, chosen from the bytes, that breaks
/// a rule, and puts the rule in `broken`: a string emptied or made invalid UTF-8, a number just
/// outside its range, an unknown enum value, too few or too many entries, an optional field
/// removed or added. Every site and kind is tried, from one the bytes choose, until one breaks a
/// rule (the message is generated again, from the same bytes, after a mutation that does not);
/// false when none does.
template <described T>
bool generate_invalid_into(T& m, violation& broken, byte_source& s) {
    const byte_source start = s;
    generate_valid_into(m, s);
    const std::size_t total = detail::count_sites(m) * detail::mutation_kinds;
    const std::size_t first = s.below(total);
    bool pristine = true;
    for (std::size_t i = 0; i < total; ++i) {
        const std::size_t at = (first + i) % total;
        if (!pristine) {
            byte_source again = start;
            generate_valid_into(m, again);
            pristine = true;
        }
        bool applied = false;
        detail::at_site(m, at / detail::mutation_kinds, [&](auto& v, const auto& f) {
            applied = detail::break_value(v, f, at % detail::mutation_kinds, s);
        });
        if (!applied) continue;
        pristine = false;
        if (find_violation(m, broken)) return true;
    }
    return false;
}

/// A message that fails validation, and the rule it breaks (broken.path, broken.message()).
template <described T>
struct invalid_message {
    T message;         ///< the message, valid but for one rule
    violation broken;  ///< the rule it breaks, and where
};

/// A `T` that breaks exactly one rule, chosen by the bytes of `s`; none when `T` has no rule the bytes can reach.
template <described T>
std::optional<invalid_message<T>> generate_invalid(byte_source& s) {
    invalid_message<T> out{};
    if (!generate_invalid_into(out.message, out.broken, s)) return std::nullopt;
    return out;
}

/// A `T` that breaks exactly one rule, chosen by `bytes`.
template <described T>
std::optional<invalid_message<T>> generate_invalid(std::span<const std::uint8_t> bytes) {
    byte_source s(bytes);
    return generate_invalid<T>(s);
}

// ---- structure-aware mutation for libFuzzer ---------------------------------------------------

/// For LLVMFuzzerCustomMutator: reads data[0, size) as the JSON of a T (or, when it is not one,
/// generates a valid T from the bytes), changes one field chosen by `seed` (to another value
/// within its constraints, or across one), and writes the JSON back into data (at most max_size
/// bytes, truncated). Returns the new size. Messages with std::string fields; unlike the
/// generators it allocates (the decoded message and its JSON), as a mutator may.
template <described T>
std::size_t mutate(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed) {
    // The seed, stretched into bytes.
    std::array<std::uint8_t, 64> seed_bytes{};
    std::uint64_t x = seed;
    for (std::size_t i = 0; i < seed_bytes.size(); i += 8) {
        const std::uint64_t z = detail::mix(x);
        for (std::size_t b = 0; b < 8; ++b) seed_bytes[i + b] = static_cast<std::uint8_t>(z >> (8 * b));
    }
    byte_source s(seed_bytes);

    T m{};
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (violation failure; !decode_unchecked(m, text, failure)) {
        byte_source from_input({data, size});
        generate_valid_into(m, from_input);
    }
    if (const std::size_t sites = detail::count_sites(m); sites > 0) {
        const std::size_t site = s.below(sites);
        const bool across = (s.byte() % 4) == 0;  // mostly stay within the constraints
        const std::size_t k = s.byte();
        detail::at_site(m, site, [&](auto& v, const auto& f) {
            using V = std::decay_t<decltype(v)>;
            if (across)
                (void)detail::break_value(v, f, k % detail::mutation_kinds, s);
            else
                detail::apply_alternative(v, f, k % detail::alternative_count<V>(), s);
        });
        // Within the constraints, also meet the rules again (one changed field may break one).
        if (!across) detail::repair(m, s);
    }
    std::string out;
    encode_unchecked(m, out);
    const std::size_t n = std::min(out.size(), max_size);
    std::copy_n(reinterpret_cast<const std::uint8_t*>(out.data()), n, data);
    return n;
}

}  // namespace testing
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TESTING_GENERATE_HPP
