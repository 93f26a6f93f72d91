// koodrive-ose: checking HTTP header values: any value (no header injection), language, and
// the Authorization value of an access token.
//
// Errors from the checks name the header and the byte index, never the value itself: a
// header value may be an access token. The other headers have their own headers: X-Date in
// time.hpp, X-Traceid in trace_id.hpp, Host in uri.hpp.
#ifndef KOODRIVE_OSE_HEADER_VALUES_HPP
#define KOODRIVE_OSE_HEADER_VALUES_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "detail/ascii.hpp"
#include "detail/header_error.hpp"
#include "error.hpp"
#include "result.hpp"

namespace koodrive::ose {
inline namespace v1 {

// =======================================================================================
// Any header value

/// Visible ASCII (0x21-0x7E) and space only, no leading or trailing space. CR, LF and NUL
/// would let a value inject headers; other controls and non-ASCII bytes are refused too
/// (RFC 9110 calls obs-text obsolete, and proxies differ on it). An empty value passes:
/// whether a header may be empty is up to the caller.
inline result<void> check_header_value(std::string_view header_name, std::string_view value) {
    // Forbidden bytes first, so that " \r\n" is reported as injection, not as a space.
    for (std::size_t i = 0; i < value.size(); ++i) {
        const unsigned char b = detail::byte_of(value[i]);
        if (b == '\r' || b == '\n')
            return detail::header_error(header_name, detail::at_index("CR or LF", i) + " (header injection)");
        if (b == 0) return detail::header_error(header_name, detail::at_index("NUL byte", i) + " (header injection)");
        if (b < 0x20 || b == 0x7F)
            return detail::header_error(header_name, detail::at_index("control character", i) + " (header injection)");
        if (b >= 0x80)
            return detail::header_error(header_name,
                                        detail::at_index("non-ASCII byte", i) + " (only visible ASCII and space)");
    }
    if (!value.empty() && value.front() == ' ')
        return detail::header_error(header_name, "leading whitespace at index 0");
    if (!value.empty() && value.back() == ' ')
        return detail::header_error(header_name, detail::at_index("trailing whitespace", value.size() - 1));
    return {};
}

// =======================================================================================
// language: a tag such as en-US or en_us

/// The name of the language header.
inline constexpr std::string_view language_header = "language";
/// The longest language tag.
inline constexpr std::size_t language_max_length = 35;

/// Checks a language tag such as en-US or en_us: letters, digits, - and _, at most 35 characters.
inline result<void> check_language(std::string_view value) {
    if (value.empty()) return detail::header_error(language_header, "empty");
    if (value.size() > language_max_length) return detail::header_error(language_header, "longer than 35 characters");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (!detail::is_alnum(c) && c != '-' && c != '_')
            return detail::header_error(language_header,
                                        detail::at_index("invalid character", i) + " (letters, digits, '-', '_')");
    }
    return {};
}

// =======================================================================================
// Authorization

/// How the access token is sent in Authorization.
enum class token_scheme : std::uint8_t {
    bearer_plus,   ///< "Bearer+" + token, as the API reference documents (the default)
    bearer_space,  ///< "Bearer " + token, RFC 6750 style
    verbatim,      ///< the token as given
};

/// Tokens handed out by the service sometimes carry their scheme already ("Bearer+...",
/// "AT ..."); those are sent unchanged so the scheme is never doubled. The match is
/// case-sensitive, exactly the prefixes the service is known to use.
inline std::string authorization_value(std::string_view token, token_scheme scheme = token_scheme::bearer_plus) {
    if (scheme == token_scheme::verbatim) return std::string(token);
    for (std::string_view p :
         {std::string_view("Bearer+"), std::string_view("Bearer "), std::string_view("AT "), std::string_view("AT+")}) {
        if (detail::starts_with(token, p)) return std::string(token);
    }
    std::string out(scheme == token_scheme::bearer_space ? "Bearer " : "Bearer+");
    out += token;
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_HEADER_VALUES_HPP
