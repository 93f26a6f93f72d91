// koodrive-ose: finding the next byte of a JSON string that needs attention.
//
// Sixteen bytes at a time with SSE2 (the x86-64 baseline), then eight with SWAR, then one by
// one; each path stops at the first quote, backslash, control byte or non-ASCII byte.
#ifndef KOODRIVE_OSE_DETAIL_SCAN_HPP
#define KOODRIVE_OSE_DETAIL_SCAN_HPP

#include <bit>
#include <cstddef>
#include <cstdint>

#include "swar.hpp"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define KOODRIVE_OSE_SSE2 1
#endif

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

inline bool is_string_special(unsigned char u) noexcept { return u == '"' || u == '\\' || u < 0x20 || u >= 0x80; }

#ifdef KOODRIVE_OSE_SSE2
// A bit per byte of the 16 at p that needs escaping in JSON (a quote, a backslash, below 0x20),
// and with NonAscii also each byte above 0x7F.
template <bool NonAscii>
inline unsigned escape_mask16(const char* p, __m128i& bytes) noexcept {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i below_space = _mm_set1_epi8(0x1F);
    bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // x <= 0x1F unsigned: max(x, 0x1F) == 0x1F. Non-ASCII bytes carry their high bit.
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                               _mm_cmpeq_epi8(_mm_max_epu8(bytes, below_space), below_space));
    if constexpr (NonAscii) hit = _mm_or_si128(hit, bytes);
    return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
#endif

// The first byte in [p, end) that is a quote, a backslash, below 0x20 or above 0x7F, or end.
inline const char* find_string_special(const char* p, const char* end) noexcept {
#ifdef KOODRIVE_OSE_SSE2
    while (end - p >= 16) {
        __m128i bytes;
        if (const unsigned mask = escape_mask16<true>(p, bytes); mask != 0) return p + std::countr_zero(mask);
        p += 16;
    }
#endif
    while (end - p >= 8) {
        const std::uint64_t m = string_special_mask(load8(p), true);
        if (m != 0) return p + first_flagged_byte(m);
        p += 8;
    }
    while (p < end && !is_string_special(static_cast<unsigned char>(*p))) ++p;
    return p;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_SCAN_HPP
