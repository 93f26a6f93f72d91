// koodrive-ose: the error of a header value that breaks a rule. It names the header and the
// byte index, never the value itself: a header value may be an access token.
#ifndef KOODRIVE_OSE_DETAIL_HEADER_ERROR_HPP
#define KOODRIVE_OSE_DETAIL_HEADER_ERROR_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "../error.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

inline error header_error(std::string_view header_name, std::string message) {
    return error::make(error_kind::invalid_request, errc::invalid_header, std::string(header_name), std::move(message));
}

// "what at index i", the place of a bad byte in a value that must not be shown.
inline std::string at_index(std::string_view what, std::size_t i) {
    std::string s(what);
    s += " at index ";
    s += std::to_string(i);
    return s;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_HEADER_ERROR_HPP
