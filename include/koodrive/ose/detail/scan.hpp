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
    const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash));
    // As signed bytes, x < 0x20 is both a control byte and every byte above 0x7F: one compare.
    if constexpr (NonAscii)
        return static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(quote_or_backslash, _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)))));
    // x <= 0x1F unsigned: max(x, 0x1F) == 0x1F.
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(bytes, below_space), below_space);
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(quote_or_backslash, control)));
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

// Where a plain string whose body starts at p ends: its closing quote, found in blocks of 16
// (or, without SSE2, 8) bytes; the last block ends at `end` and overlaps bytes already seen
// when at least 16 lie between `begin` and `end`. nullptr when a block meets another special
// byte first, or no block fits: the caller's general path decides those. Nothing here calls
// out, so a caller that inlines it saves no registers for it.
[[gnu::always_inline]] inline const char* find_plain_string_quote(const char* begin, const char* p,
                                                                  const char* end) noexcept {
    // The first flagged byte ends the fast path: the closing quote, or anything else (nullptr).
    const auto stop_at = [](const char* at) { return *at == '"' ? at : nullptr; };
#ifdef KOODRIVE_OSE_SSE2
    __m128i bytes;
    for (; end - p >= 16; p += 16)
        if (const unsigned mask = escape_mask16<true>(p, bytes); mask != 0) return stop_at(p + std::countr_zero(mask));
    if (end - begin >= 16) {
        const auto seen = static_cast<unsigned>(16 - (end - p));  // bytes of the block before p
        if (const unsigned mask = escape_mask16<true>(end - 16, bytes) >> seen; mask != 0)
            return stop_at(p + std::countr_zero(mask));
    }
#else
    (void)begin;
    for (; end - p >= 8; p += 8)
        if (const std::uint64_t m = string_special_mask(load8(p), true); m != 0)
            return stop_at(p + first_flagged_byte(m));
#endif
    return nullptr;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_SCAN_HPP
