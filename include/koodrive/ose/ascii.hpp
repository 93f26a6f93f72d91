// koodrive-ose: ASCII text helpers for protocol text, independent of the locale.
#pragma once

#include <cstddef>
#include <string_view>

#include "detail/ascii.hpp"

namespace koodrive::ose {

// ASCII case-insensitive comparison, for header names (RFC 9110 section 5.1).
inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    }
    return true;
}

}  // namespace koodrive::ose
