// koodrive-ose testing: messages generated from fuzz bytes, driven by the descriptions alone.
//
// Not part of the core: include it on its own (`koodrive/ose.hpp` does not include it).
//
//   ose::testing::byte_source src({data, size});
//   auto request = ose::testing::generate_valid<ose::create_batch_task_request>(src);  // validates
//   ose::testing::byte_source src2({data, size});
//   if (auto bad = ose::testing::generate_invalid<ose::create_batch_task_request>(src2))
//       ;  // bad->message fails validate() with bad->broken (its path and rule)
//
// Everything is chosen from the bytes (zeros once they run out): the same bytes give the same
// message. No global state, no exceptions, no randomness. There is no per-message code: fields
// are generated from their descriptions (ranges, items, lengths, enum tables), and cross-field
// rules, which are functions, are met by repair: while validate() fails at a path, the value at
// that path is replaced by the first of its alternatives (absent or present, each enum entry,
// empty or one entry, ...; starting at one chosen by the bytes) that moves the failure on.
//
// Messages with std::string fields only (not the *_view aliases).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../codec.hpp"
#include "../reflect.hpp"

namespace koodrive::ose::testing {

// Deterministic choices from a byte span; yields zeros once the bytes run out.
class byte_source {
public:
    byte_source() = default;
    explicit byte_source(std::span<const std::uint8_t> bytes) noexcept : bytes_(bytes) {}

    std::uint8_t byte() noexcept { return pos_ < bytes_.size() ? bytes_[pos_++] : std::uint8_t{0}; }
    bool boolean() noexcept { return (byte() & 1) != 0; }
    std::uint64_t u64() noexcept {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
        return v;
    }
    // A number in [0, n) (0 when n is 0); one byte when n <= 256.
    std::size_t below(std::size_t n) noexcept {
        if (n <= 1) return 0;
        if (n <= 256) return byte() % n;
        return static_cast<std::size_t>(u64() % n);
    }
    // A number in [lo, hi]; often one of the bounds.
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
    bool exhausted() const noexcept { return pos_ >= bytes_.size(); }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

namespace detail {

using ose::is_optional;
using ose::is_vector;

inline constexpr std::size_t max_generated_items = 3;    // arrays get at most min_items + 3 entries
inline constexpr std::size_t max_generated_length = 24;  // strings at most min_length + 24 bytes
inline constexpr std::size_t max_repairs = 64;

// Non-empty valid UTF-8, shaped like an ID (digits, letters), a path, or text.
inline std::string gen_string(byte_source& s, std::size_t min_len, std::size_t max_len) {
    const std::size_t lo = std::max<std::size_t>(1, min_len);
    const std::size_t hi = std::max(lo, std::min(max_len, lo + max_generated_length));
    const std::size_t len = lo + s.below(hi - lo + 1);
    static constexpr std::string_view digits = "0123456789";
    static constexpr std::string_view alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static constexpr std::string_view path = "abcdefghijklmnopqrstuvwxyz0123456789/._-";
    std::string out;
    out.reserve(len);
    const unsigned shape = s.byte() % 4;
    while (out.size() < len) {
        switch (shape) {
        case 0: out.push_back(digits[s.below(digits.size())]); break;
        case 1: out.push_back(alnum[s.below(alnum.size())]); break;
        case 2: out.push_back(out.empty() ? '/' : path[s.below(path.size())]); break;
        default:
            // Text with escapes and two-byte characters (é), when they fit.
            if (const auto b = s.byte(); b % 5 == 0 && out.size() + 2 <= len)
                out.append("\xC3\xA9");
            else if (b % 5 == 1)
                out.push_back("\"\\\n\t "[(b / 5) % 5]);
            else
                out.push_back(alnum[s.below(alnum.size())]);
        }
    }
    return out;
}

template <class V, class F>
void gen_value(V& v, const F& f, byte_source& s);

template <described T>
void gen_object(T& obj, byte_source& s) {
    for_each_field<T>([&](const auto& f) {
        gen_value(f.get(obj), f, s);
        return true;
    });
}

template <class V, class F>
void gen_present(V& v, const F& f, byte_source& s) {
    if (!v) v.emplace();
    gen_value(*v, f, s);
}

template <class V, class F>
void gen_items(V& v, const F& f, byte_source& s, std::size_t n) {
    v.clear();
    v.resize(n);
    for (auto& e : v) gen_value(e, f, s);
}

template <class V, class F>
void gen_value(V& v, const F& f, byte_source& s) {
    if constexpr (std::is_same_v<V, std::string>) {
        v = gen_string(s, f.min_length_, f.max_length_);
    } else if constexpr (std::is_same_v<V, std::string_view>) {
        static_assert(ose::detail::always_false<V>, "generate messages with std::string fields, not views");
    } else if constexpr (described_enum<V>) {
        const auto& t = enum_table<V>::entries;
        v = t[s.below(t.size())].value;
    } else if constexpr (std::is_integral_v<V>) {
        const std::int64_t lo = std::max<std::int64_t>(f.min_, std::numeric_limits<V>::min());
        const std::int64_t hi = std::min<std::int64_t>(f.max_, std::numeric_limits<V>::max());
        v = static_cast<V>(s.in_range(lo, hi));
    } else if constexpr (is_optional<V>::value) {
        if (f.presence_ == presence::required || s.boolean())
            gen_present(v, f, s);
        else
            v.reset();
    } else if constexpr (is_vector<V>::value) {
        const std::size_t lo = f.min_items_;
        const std::size_t hi = std::min(f.max_items_, lo + max_generated_items);
        gen_items(v, f, s, lo + s.below(hi - lo + 1));
    } else if constexpr (described<V>) {
        gen_object(v, s);
    } else {
        static_assert(ose::detail::always_false<V>, "no generator for this field type");
    }
}

// ---- paths -------------------------------------------------------------------------------

template <described T, class Fn>
bool at_path_object(T& obj, std::string_view rest, Fn& fn);

// Calls fn(value, field) for the value at `rest` (".a.b[2].c", relative to v), if it exists.
// A path ending at an optional or an array gives the optional or the array itself.
template <class V, class F, class Fn>
bool at_path_value(V& v, const F& f, std::string_view rest, Fn& fn) {
    if (rest.empty()) {
        fn(v, f);
        return true;
    }
    if constexpr (is_optional<V>::value) {
        return v.has_value() && at_path_value(*v, f, rest, fn);
    } else if constexpr (is_vector<V>::value) {
        if (rest.front() != '[') return false;
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return false;
        std::size_t i = 0;
        for (char c : rest.substr(1, close - 1)) {
            if (c < '0' || c > '9') return false;
            i = i * 10 + static_cast<std::size_t>(c - '0');
        }
        return i < v.size() && at_path_value(v[i], f, rest.substr(close + 1), fn);
    } else if constexpr (described<V>) {
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

// Every path in obj (fields, array entries, fields of present optionals), in field order.
template <class V>
void collect_paths(const V& v, const std::string& prefix, std::vector<std::string>& out);

template <described T>
void collect_object_paths(const T& obj, const std::string& prefix, std::vector<std::string>& out) {
    for_each_field<T>([&](const auto& f) {
        std::string p = prefix;
        p += '.';
        p += f.name;
        out.push_back(p);
        collect_paths(f.get(obj), p, out);
        return true;
    });
}

template <class V>
void collect_paths(const V& v, const std::string& prefix, std::vector<std::string>& out) {
    if constexpr (is_optional<V>::value) {
        if (v) collect_paths(*v, prefix, out);
    } else if constexpr (is_vector<V>::value) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            std::string p = prefix + "[" + std::to_string(i) + "]";
            out.push_back(p);
            collect_paths(v[i], p, out);
        }
    } else if constexpr (described<V>) {
        collect_object_paths(v, prefix, out);
    }
}

// ---- alternatives (valid values for one field, for repair and in-constraint mutation) --------

template <class V>
constexpr std::size_t alternative_count() {
    if constexpr (is_optional<V>::value) {
        using E = typename V::value_type;
        if constexpr (described_enum<E>)
            return 1 + enum_table<E>::entries.size();
        else
            return 2;
    } else if constexpr (described_enum<V>) {
        return enum_table<V>::entries.size();
    } else if constexpr (is_vector<V>::value) {
        return 2;
    } else {
        return 1;
    }
}

// Alternative k: for an optional, 0 is absent; for an enum, entry k; for an array, the fewest
// entries allowed or one more; else a freshly generated value.
template <class V, class F>
void apply_alternative(V& v, const F& f, std::size_t k, byte_source& s) {
    if constexpr (is_optional<V>::value) {
        using E = typename V::value_type;
        if (k == 0) {
            v.reset();
        } else if constexpr (described_enum<E>) {
            v = enum_table<E>::entries[k - 1].value;
        } else {
            gen_present(v, f, s);
        }
    } else if constexpr (described_enum<V>) {
        v = enum_table<V>::entries[k % enum_table<V>::entries.size()].value;
    } else if constexpr (is_vector<V>::value) {
        const std::size_t n = f.min_items_ + k;
        gen_items(v, f, s, std::min(n, f.max_items_));
    } else {
        gen_value(v, f, s);
    }
}

inline std::string_view relative(const error& e) {
    std::string_view p = e.path;
    if (!p.empty() && p.front() == '$') p.remove_prefix(1);
    return p;
}

// Replaces the value at e's path with the first alternative (from one the bytes choose) that
// makes the message valid or moves the failure elsewhere. False when none does.
template <described T>
bool repair_once(T& m, const error& e, byte_source& s) {
    const std::string path(relative(e));
    bool repaired = false;
    const std::size_t start = s.byte();
    auto try_alternatives = [&](auto& v, const auto& f) {
        using V = std::decay_t<decltype(v)>;
        constexpr std::size_t n = alternative_count<V>();
        (void)v;
        for (std::size_t i = 0; i < n && !repaired; ++i) {
            T trial = m;
            const std::size_t k = (start + i) % n;
            auto apply = [&](auto& tv, const auto&) {
                if constexpr (std::is_same_v<std::decay_t<decltype(tv)>, V>) apply_alternative(tv, f, k, s);
            };
            if (!at_path_object(trial, path, apply)) continue;
            const auto r = validate(trial);
            if (r || r.error().path != e.path || r.error().message != e.message) {
                m = std::move(trial);
                repaired = true;
            }
        }
    };
    at_path_object(m, path, try_alternatives);
    return repaired;
}

}  // namespace detail

// A valid message (it passes validate() and encode()) chosen from the bytes.
template <described T>
T generate_valid(byte_source& s) {
    T m{};
    detail::gen_object(m, s);
    for (std::size_t i = 0; i < detail::max_repairs; ++i) {
        const auto r = validate(m);
        if (r) break;
        if (!detail::repair_once(m, r.error(), s)) break;
    }
    return m;
}

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

// Mutation `kind` of a value, possibly out of its constraints; false when it does not apply.
template <class V, class F>
bool break_value(V& v, const F& f, std::size_t kind, byte_source& s) {
    if constexpr (std::is_same_v<V, std::string>) {
        switch (kind) {
        case 0:
            if (v.empty()) return false;
            v.clear();
            return true;
        case 1: v.push_back('\xFF'); return true;  // not UTF-8
        case 2:
            if (f.max_length_ == no_limit) return false;
            v.assign(f.max_length_ + 1, 'x');
            return true;
        case 3:
            if (f.min_length_ < 2) return false;
            v.assign(f.min_length_ - 1, 'x');
            return true;
        default: return false;
        }
    } else if constexpr (described_enum<V>) {
        if (kind != 0) return false;
        v = unknown_enum_value<V>();
        return true;
    } else if constexpr (std::is_integral_v<V>) {
        if (kind == 0 && f.min_ > std::numeric_limits<V>::min() && f.min_ != no_min) {
            v = static_cast<V>(f.min_ - 1);
            return true;
        }
        if (kind == 1 && f.max_ < std::numeric_limits<V>::max() && f.max_ != no_max) {
            v = static_cast<V>(f.max_ + 1);
            return true;
        }
        return false;
    } else if constexpr (is_optional<V>::value) {
        if (kind == 0) {
            if (v)
                v.reset();
            else
                gen_present(v, f, s);
            return true;
        }
        return v.has_value() && break_value(*v, f, kind - 1, s);
    } else if constexpr (is_vector<V>::value) {
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
    } else {
        (void)v, (void)f, (void)kind, (void)s;
        return false;
    }
}

}  // namespace detail

// A message that fails validation, and the failure (its path and the rule's message).
template <described T>
struct invalid_message {
    T message;
    error broken;
};

// A valid message with one generic mutation, chosen from the bytes, that validate() rejects:
// a string emptied or made invalid UTF-8, a number just outside its range, an unknown enum
// value, too few or too many entries, an optional field removed or added. Every mutation site
// and kind is tried, from one the bytes choose, until one breaks a rule; std::nullopt when none
// does.
template <described T>
std::optional<invalid_message<T>> generate_invalid(byte_source& s) {
    const T valid = generate_valid<T>(s);
    std::vector<std::string> paths;
    detail::collect_object_paths(valid, std::string(), paths);
    if (paths.empty()) return std::nullopt;
    const std::size_t total = paths.size() * detail::mutation_kinds;
    const std::size_t start = s.below(total);
    for (std::size_t i = 0; i < total; ++i) {
        const std::size_t at = (start + i) % total;
        T trial = valid;
        bool applied = false;
        auto mutate = [&](auto& v, const auto& f) {
            applied = detail::break_value(v, f, at % detail::mutation_kinds, s);
        };
        if (!detail::at_path_object(trial, paths[at / detail::mutation_kinds], mutate) || !applied) continue;
        if (auto r = validate(trial); !r) return invalid_message<T>{std::move(trial), std::move(r).error()};
    }
    return std::nullopt;
}

template <described T>
std::optional<invalid_message<T>> generate_invalid(std::span<const std::uint8_t> bytes) {
    byte_source s(bytes);
    return generate_invalid<T>(s);
}

// ---- structure-aware mutation for libFuzzer ---------------------------------------------------

// For LLVMFuzzerCustomMutator: reads data[0, size) as the JSON of a T (or, when it is not one,
// generates a valid T from the bytes), changes one field chosen by `seed` (to another value
// within its constraints, or across one), and writes the JSON back into data (at most max_size
// bytes, truncated). Returns the new size.
template <described T>
std::size_t mutate(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed) {
    // The seed, stretched into bytes (splitmix64).
    std::array<std::uint8_t, 64> seed_bytes{};
    std::uint64_t x = seed;
    for (std::size_t i = 0; i < seed_bytes.size(); i += 8) {
        x += 0x9E3779B97F4A7C15u;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        z ^= z >> 31;
        for (std::size_t b = 0; b < 8; ++b) seed_bytes[i + b] = static_cast<std::uint8_t>(z >> (8 * b));
    }
    byte_source s(seed_bytes);

    T m{};
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    json::reader r(text, read_limits{});
    if (!(r.begin_document() && ose::detail::read_object(r, m) && r.end_document())) {
        byte_source from_input({data, size});
        m = generate_valid<T>(from_input);
    }
    std::vector<std::string> paths;
    detail::collect_object_paths(m, std::string(), paths);
    if (!paths.empty()) {
        const std::string& path = paths[s.below(paths.size())];
        const bool across = (s.byte() % 4) == 0;  // mostly stay within the constraints
        const std::size_t k = s.byte();
        auto change = [&](auto& v, const auto& f) {
            using V = std::decay_t<decltype(v)>;
            if (across)
                (void)detail::break_value(v, f, k % detail::mutation_kinds, s);
            else
                detail::apply_alternative(v, f, k % detail::alternative_count<V>(), s);
        };
        detail::at_path_object(m, path, change);
        // Within the constraints, also meet the rules again (one changed field may break one).
        if (!across) {
            for (std::size_t i = 0; i < detail::max_repairs; ++i) {
                const auto v = validate(m);
                if (v || !detail::repair_once(m, v.error(), s)) break;
            }
        }
    }
    std::string out;
    encode_unchecked(m, out);
    const std::size_t n = std::min(out.size(), max_size);
    if (n > 0) std::memcpy(data, out.data(), n);
    return n;
}

}  // namespace koodrive::ose::testing
