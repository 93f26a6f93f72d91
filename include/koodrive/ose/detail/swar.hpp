// koodrive-ose: eight bytes at a time, for the hot loops of the JSON reader and writer.
#ifndef KOODRIVE_OSE_DETAIL_SWAR_HPP
#define KOODRIVE_OSE_DETAIL_SWAR_HPP

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../version.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

inline constexpr std::uint64_t ones8 = 0x0101010101010101ull;
inline constexpr std::uint64_t highs8 = 0x8080808080808080ull;

inline std::uint64_t load8(const char* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// High bit set in each byte of x that equals b (may also flag bytes after a true hit).
constexpr std::uint64_t bytes_equal(std::uint64_t x, unsigned char b) noexcept {
    const std::uint64_t y = x ^ (ones8 * b);
    return (y - ones8) & ~y & highs8;
}

// High bit set in each byte of x below 0x20 (may also flag bytes after a true hit).
constexpr std::uint64_t bytes_below_space(std::uint64_t x) noexcept { return (x - ones8 * 0x20u) & ~x & highs8; }

// High bit set in each of eight string bytes that needs attention: quote, backslash, control,
// and (when asked) non-ASCII. Bytes after the first flagged one may be flagged falsely.
constexpr std::uint64_t string_special_mask(std::uint64_t x, bool non_ascii_is_special) noexcept {
    std::uint64_t m = bytes_equal(x, '"') | bytes_equal(x, '\\') | bytes_below_space(x);
    if (non_ascii_is_special) m |= x & highs8;
    return m;
}

constexpr bool string_chunk_is_special(std::uint64_t x, bool non_ascii_is_special) noexcept {
    return string_special_mask(x, non_ascii_is_special) != 0;
}

// Index of the first flagged byte of a non-zero mask, in memory order.
inline unsigned first_flagged_byte(std::uint64_t mask) noexcept {
    if constexpr (std::endian::native == std::endian::little)
        return static_cast<unsigned>(std::countr_zero(mask)) / 8;
    else
        return static_cast<unsigned>(std::countl_zero(mask)) / 8;
}

inline std::uint32_t load4(const char* p) noexcept {
    std::uint32_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}
inline std::uint16_t load2(const char* p) noexcept {
    std::uint16_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// Whether N bytes at a and b are equal, N a compile-time constant: a few loads, overlapping at
// the tail, never a call to memcmp.
template <std::size_t N>
[[gnu::always_inline]] inline bool equal_fixed(const char* a, const char* b) noexcept {
    if constexpr (N >= 8) {
        std::uint64_t diff = 0;
        for (std::size_t i = 0; i + 8 <= N; i += 8) diff |= load8(a + i) ^ load8(b + i);
        if constexpr (N % 8 != 0) diff |= load8(a + N - 8) ^ load8(b + N - 8);
        return diff == 0;
    } else if constexpr (N >= 4) {
        return ((load4(a) ^ load4(b)) | (load4(a + N - 4) ^ load4(b + N - 4))) == 0;
    } else if constexpr (N >= 2) {
        return ((load2(a) ^ load2(b)) | (load2(a + N - 2) ^ load2(b + N - 2))) == 0;
    } else if constexpr (N == 1) {
        return *a == *b;
    } else {
        return true;
    }
}

// Whether n bytes at a and b are equal; inline for the short keys of this API.
inline bool equal_bytes(const char* a, const char* b, std::size_t n) noexcept {
    if (n >= 8) {
        for (std::size_t i = 0; i + 8 <= n; i += 8)
            if (load8(a + i) != load8(b + i)) return false;
        return load8(a + n - 8) == load8(b + n - 8);  // the tail, overlapping
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_SWAR_HPP
