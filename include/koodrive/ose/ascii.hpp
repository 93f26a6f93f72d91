// koodrive-ose: ASCII text helpers for protocol text, independent of the locale.
#ifndef KOODRIVE_OSE_ASCII_HPP
#define KOODRIVE_OSE_ASCII_HPP

#include <cstddef>
#include <string_view>

#include "detail/ascii.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// ASCII case-insensitive comparison, for header names (RFC 9110 section 5.1).
inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    }
    return true;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ASCII_HPP
