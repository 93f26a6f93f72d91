// koodrive-ose: strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
#ifndef KOODRIVE_OSE_DETAIL_UTF8_HPP
#define KOODRIVE_OSE_DETAIL_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "swar.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

// Length of the well-formed UTF-8 sequence that starts at p (lead byte >= 0x80), or 0 when the
// bytes at p are not one. `avail` is how many bytes may be read from p.
inline std::size_t utf8_sequence_length(const unsigned char* p, std::size_t avail) noexcept {
    const unsigned char c = p[0];
    if (c < 0x80) return 1;
    auto cont = [&](std::size_t i) { return i < avail && (p[i] & 0xC0u) == 0x80u; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3 || !cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
        if (c == 0xED && p[1] > 0x9F) return 0;  // UTF-16 surrogate encoded in UTF-8
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
        if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;  // continuation byte, C0/C1 overlong lead, or F5..FF
}

// Index of the first byte that is not part of valid UTF-8, or npos.
inline std::size_t find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII runs, the common case, eight bytes at a time.
        while (n - i >= 8 && (load8(s.data() + i) & highs8) == 0) i += 8;
        if (i == n) break;
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence_length(p + i, n - i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Writes code point cp (already checked to be a scalar value) as UTF-8 into buf; returns
// how many bytes (1 to 4).
inline std::size_t encode_utf8(std::uint32_t cp, char* buf) noexcept {
    if (cp < 0x80) {
        buf[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = static_cast<char>(0xC0u | (cp >> 6));
        buf[1] = static_cast<char>(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = static_cast<char>(0xE0u | (cp >> 12));
        buf[1] = static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
        buf[2] = static_cast<char>(0x80u | (cp & 0x3Fu));
        return 3;
    }
    buf[0] = static_cast<char>(0xF0u | (cp >> 18));
    buf[1] = static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu));
    buf[2] = static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
    buf[3] = static_cast<char>(0x80u | (cp & 0x3Fu));
    return 4;
}

// A bounded byte buffer with the append interface the unescaper uses; what does not fit is
// dropped and remembered (for keys, which only need comparing with the known names). Not a
// template, so the unescaper is made once for every capacity (fixed_buffer<N> below).
struct bounded_buffer {
    char* data;
    std::size_t capacity;
    std::size_t size = 0;
    bool overflow = false;
    void append(const char* p, std::size_t n) noexcept {
        if (n > capacity - size) {
            overflow = true;
            n = capacity - size;
        }
        for (std::size_t i = 0; i < n; ++i) data[size + i] = p[i];
        size += n;
    }
    void push_back(char c) noexcept { append(&c, 1); }
    [[nodiscard]] std::string_view view() const noexcept { return {data, size}; }
};

// A bounded_buffer over N bytes of its own.
template <std::size_t N>
struct fixed_buffer : bounded_buffer {
    char storage[N];
    fixed_buffer() noexcept : bounded_buffer{storage, N} {}
    fixed_buffer(const fixed_buffer&) = delete;
    fixed_buffer& operator=(const fixed_buffer&) = delete;
};

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_UTF8_HPP
