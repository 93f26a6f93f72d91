// koodrive-ose: a canonical integer read from text (no leading zero, no sign but '-'), shared by
// the codec (integers sent as strings) and query strings, and written as text (without
// <charconv>, which costs every translation unit more to parse than this does).
#ifndef KOODRIVE_OSE_DETAIL_INTEGER_TEXT_HPP
#define KOODRIVE_OSE_DETAIL_INTEGER_TEXT_HPP

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

#include "../version.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

/// "00" to "99": two digits per division, as most fast integer printers do.
inline constexpr auto digit_pairs = [] {
    struct table {
        char d[200]{};
    } t{};
    for (std::size_t i = 0; i < 100; ++i) {
        t.d[2 * i] = static_cast<char>('0' + i / 10);
        t.d[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return t;
}();

/// Writes `v` in decimal at `w` (room for 20 digits and a sign) and returns the end.
template <class I>
char* write_integer_text(char* w, I v) noexcept {
    using U = std::make_unsigned_t<I>;
    auto u = static_cast<U>(v);
    if constexpr (std::is_signed_v<I>) {
        if (v < 0) {
            *w++ = '-';
            u = static_cast<U>(U{0} - u);  // the magnitude, even of the lowest value
        }
    }
    std::size_t n = 1;  // digits, counted first so the pairs can be written from the end
    for (U rest = u; rest >= 10; rest = static_cast<U>(rest / 10)) ++n;
    char* const end = w + n;
    char* q = end;
    while (u >= 100) {
        const auto pair = static_cast<std::size_t>(u % 100) * 2;
        u = static_cast<U>(u / 100);
        q -= 2;
        q[0] = digit_pairs.d[pair];
        q[1] = digit_pairs.d[pair + 1];
    }
    if (const auto last = static_cast<std::size_t>(u) * 2; u >= 10) {
        q[-2] = digit_pairs.d[last];
        q[-1] = digit_pairs.d[last + 1];
    } else {
        q[-1] = static_cast<char>('0' + u);
    }
    return end;
}

/// A canonical integer as text: optional '-', then digits with no leading zero.
template <class I>
bool parse_integer_text(std::string_view t, I& out, bool& in_range) noexcept {
    in_range = true;
    std::size_t i = 0;
    const bool negative = !t.empty() && t[0] == '-';
    if (negative) i = 1;
    if (i == t.size()) return false;
    if (t[i] == '0' && t.size() > i + 1) return false;
    // Accumulate as a negative number so INT64_MIN fits.
    std::int64_t acc = 0;
    constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c < '0' || c > '9') return false;
        const int d = c - '0';
        if (acc < (lowest + d) / 10)
            in_range = false;
        else
            acc = acc * 10 - d;
    }
    if (!in_range) return true;
    if (!negative) {
        if (acc == lowest) {
            in_range = false;
            return true;
        }
        acc = -acc;
    }
    if (acc < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
        acc > static_cast<std::int64_t>(std::numeric_limits<I>::max())) {
        in_range = false;
        return true;
    }
    out = static_cast<I>(acc);
    return true;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_INTEGER_TEXT_HPP
