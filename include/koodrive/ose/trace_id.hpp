// koodrive-ose: X-Traceid values, exactly 58 characters of [A-Za-z0-9_], and how to make them
// from a random source the caller supplies.
#ifndef KOODRIVE_OSE_TRACE_ID_HPP
#define KOODRIVE_OSE_TRACE_ID_HPP

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "detail/ascii.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

/// 63 symbols; a uniformly random 6-bit chunk is used as an index and 63 is rejected,
/// which keeps every symbol exactly equally likely.
inline constexpr std::string_view trace_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
static_assert(trace_alphabet.size() == 63);

}  // namespace detail

/// The length of a trace ID.
inline constexpr std::size_t trace_id_length = 58;

/// Whether `s` is a trace ID: exactly 58 characters of A-Z, a-z, 0-9 and _.
inline bool is_valid_trace_id(std::string_view s) noexcept {
    if (s.size() != trace_id_length) return false;
    for (char c : s) {
        if (!detail::is_alnum(c) && c != '_') return false;
    }
    return true;
}

/// `next()` returns 64 uniformly random bits. Each call yields ten 6-bit chunks; a chunk
/// equal to 63 is skipped (probability 1/64), so the output is unbiased and takes about
/// six calls. A source that keeps returning all ones never finishes: it is not random.
template <class Random>
requires std::invocable<Random&> && std::convertible_to<std::invoke_result_t<Random&>, std::uint64_t> std::string
generate_trace_id(Random&& next) {
    std::string id;
    id.reserve(trace_id_length);
    while (id.size() < trace_id_length) {
        auto bits = static_cast<std::uint64_t>(next());
        for (int k = 0; k < 10 && id.size() < trace_id_length; ++k) {
            const auto v = static_cast<std::size_t>(bits & 0x3Fu);
            bits >>= 6;
            if (v < detail::trace_alphabet.size()) id.push_back(detail::trace_alphabet[v]);
        }
    }
    return id;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TRACE_ID_HPP
