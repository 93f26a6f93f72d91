// koodrive-ose: the HTTP values the library hands to, and takes back from, the user's stack.
//
// Sans-I/O: the library never opens a socket. It builds an `http_request` (method, target,
// headers, body) for the user's HTTP callback to send, and reads the `http_response` the
// callback returns.
#ifndef KOODRIVE_OSE_HTTP_HPP
#define KOODRIVE_OSE_HTTP_HPP

#include <string>
#include <string_view>
#include <vector>

#include "ascii.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// One HTTP header, as sent or received.
struct http_header {
    std::string name;   ///< as spelled on the wire; compared case-insensitively when read
    std::string value;  ///< the value, without surrounding whitespace
};

/// Finds a header by name, case-insensitively; "" when absent.
inline std::string_view find_header(const std::vector<http_header>& headers, std::string_view name) noexcept {
    for (const auto& h : headers)
        if (iequals(h.name, name)) return h.value;
    return {};
}

/// An HTTP request as the library builds it, for your HTTP stack to send.
struct http_request {
    std::string method;                ///< "GET" or "POST"
    std::string target;                ///< path and percent-encoded query, e.g. /koodrive/ose/v1/jobs?offset=0&limit=2
    std::vector<http_header> headers;  ///< in the order they should be sent
    std::string body;                  ///< JSON, or empty

    /// The value of the header `name` (case-insensitive), or "" when absent.
    [[nodiscard]] std::string_view header(std::string_view name) const noexcept { return find_header(headers, name); }
};

/// An HTTP response, as your HTTP stack hands it back.
struct http_response {
    int status = 0;                    ///< the HTTP status code, e.g. 200
    std::vector<http_header> headers;  ///< in the order they should be sent
    std::string body;                  ///< JSON, or empty

    /// The value of the header `name` (case-insensitive), or "" when absent.
    [[nodiscard]] std::string_view header(std::string_view name) const noexcept { return find_header(headers, name); }
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_HTTP_HPP
