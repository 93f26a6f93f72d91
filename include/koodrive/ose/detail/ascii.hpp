// koodrive-ose: ASCII character classes. The <cctype> functions depend on the locale and take
// int, so the library uses its own ASCII-only versions.
#ifndef KOODRIVE_OSE_DETAIL_ASCII_HPP
#define KOODRIVE_OSE_DETAIL_ASCII_HPP

#include <string_view>

#include "../version.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }
constexpr bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
constexpr int hex_value(char c) noexcept {
    if (is_digit(c)) return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}
constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr unsigned char byte_of(char c) noexcept { return static_cast<unsigned char>(c); }

constexpr bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_ASCII_HPP
