// koodrive-ose: eight bytes at a time, for the hot loops of the JSON reader and writer.
#pragma once

#include <cstdint>
#include <cstring>

namespace koodrive::ose::detail {

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
constexpr std::uint64_t bytes_below_space(std::uint64_t x) noexcept {
    return (x - ones8 * 0x20u) & ~x & highs8;
}

// Whether any of eight string bytes needs attention: quote, backslash, control, non-ASCII.
constexpr bool string_chunk_is_special(std::uint64_t x, bool non_ascii_is_special) noexcept {
    std::uint64_t m = bytes_equal(x, '"') | bytes_equal(x, '\\') | bytes_below_space(x);
    if (non_ascii_is_special) m |= x & highs8;
    return m != 0;
}

}  // namespace koodrive::ose::detail
