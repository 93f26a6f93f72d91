// koodrive-ose: the RFC 3986 pieces requests need: the Host header (host[:port], with IPv4
// and IPv6 literals) and percent encoding.
#ifndef KOODRIVE_OSE_URI_HPP
#define KOODRIVE_OSE_URI_HPP

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

namespace detail {

// Host (RFC 3986 section 3.2.2).

constexpr bool is_unreserved(char c) noexcept { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
constexpr bool is_sub_delim(char c) noexcept {
    switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=': return true;
    default: return false;
    }
}

/// dec-octet "." dec-octet "." dec-octet "." dec-octet; no leading zeros (RFC 3986 forbids
/// them, and some resolvers read them as octal).
constexpr bool is_ipv4(std::string_view s) noexcept {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        int v = 0;
        while (i < s.size() && is_digit(s[i])) {
            if (i - start >= 3) return false;
            v = v * 10 + (s[i] - '0');
            ++i;
        }
        const std::size_t len = i - start;
        if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return false;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

/// RFC 4291 text form as RFC 3986 allows it: hex groups of 1-4 digits separated by ':',
/// at most one "::", optionally ending in a dotted IPv4 address that counts as two groups.
/// Eight groups without "::"; at most seven explicit ones with it ("::" stands for >= 1).
constexpr bool is_ipv6(std::string_view s) noexcept {
    if (s.empty()) return false;
    int groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    const std::size_t n = s.size();
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        compressed = true;
        i = 2;
    } else if (s[0] == ':') {
        return false;
    }
    while (i < n) {
        std::size_t j = i;
        bool has_dot = false;
        while (j < n && s[j] != ':') {
            if (s[j] == '.') has_dot = true;
            ++j;
        }
        const std::string_view piece = s.substr(i, j - i);
        if (has_dot) {
            // The embedded IPv4 address can only be the last piece.
            if (j != n || !is_ipv4(piece)) return false;
            groups += 2;
            break;
        }
        if (piece.empty() || piece.size() > 4) return false;
        for (char c : piece) {
            if (!is_hex(c)) return false;
        }
        ++groups;
        if (groups > 8) return false;
        if (j == n) break;
        if (j + 1 < n && s[j + 1] == ':') {
            if (compressed) return false;
            compressed = true;
            i = j + 2;
        } else {
            i = j + 1;
            if (i == n) return false;  // a single trailing ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

/// reg-name = *( unreserved / pct-encoded / sub-delims ), here non-empty.
constexpr std::size_t bad_reg_name_index(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return i;  // needs two more characters
            if (!is_hex(s[i + 1]) || !is_hex(s[i + 2])) return i;
            i += 2;
            continue;
        }
        if (!is_unreserved(c) && !is_sub_delim(c)) return i;
    }
    return std::string_view::npos;
}

}  // namespace detail

// =======================================================================================
// Host: host[:port] (RFC 3986 section 3.2.2 and 3.2.3)

/// The name of the Host header.
inline constexpr std::string_view host_header = "Host";

/// host is a non-empty reg-name, an IPv4 address or a bracketed IPv6 literal; port is 1-5
/// digits up to 65535. A name made only of digits and dots must be a valid IPv4 address:
/// RFC 3986 would read "256.1.1.1" as a reg-name, but resolvers would not.
inline result<void> check_host(std::string_view value) {
    if (value.empty()) return detail::header_error(host_header, "empty");
    std::string_view host;
    std::string_view rest;  // "" or ":port"
    std::size_t rest_pos = 0;
    if (value.front() == '[') {
        const std::size_t close = value.find(']');
        if (close == std::string_view::npos)
            return detail::header_error(host_header, "IPv6 literal without closing ']'");
        if (!detail::is_ipv6(value.substr(1, close - 1)))
            return detail::header_error(host_header, "invalid IPv6 literal");
        rest_pos = close + 1;
        rest = value.substr(rest_pos);
        if (!rest.empty() && rest.front() != ':')
            return detail::header_error(host_header, detail::at_index("unexpected character", rest_pos));
    } else {
        const std::size_t colon = value.find(':');
        host = value.substr(0, colon);
        if (colon != std::string_view::npos) {
            rest_pos = colon;
            rest = value.substr(colon);
        }
        if (host.empty()) return detail::header_error(host_header, "empty host name");
        const std::size_t bad = detail::bad_reg_name_index(host);
        if (bad != std::string_view::npos)
            return detail::header_error(host_header, detail::at_index("invalid character in host", bad));
        bool digits_and_dots = true;
        for (char c : host) {
            if (!detail::is_digit(c) && c != '.') digits_and_dots = false;
        }
        if (digits_and_dots && !detail::is_ipv4(host)) return detail::header_error(host_header, "invalid IPv4 address");
    }
    if (!rest.empty()) {
        const std::string_view port = rest.substr(1);
        if (port.empty()) return detail::header_error(host_header, "empty port after ':'");
        if (port.size() > 5) return detail::header_error(host_header, "port longer than 5 digits");
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < port.size(); ++i) {
            if (!detail::is_digit(port[i]))
                return detail::header_error(host_header,
                                            detail::at_index("invalid character in port", rest_pos + 1 + i));
            v = v * 10u + static_cast<std::uint32_t>(port[i] - '0');
        }
        if (v > 65535u) return detail::header_error(host_header, "port above 65535");
    }
    return {};
}

// =======================================================================================
// Percent encoding (RFC 3986 section 2.1), as signed requests need it

/// Appends `in` to `out`, keeping unreserved characters (A-Za-z0-9-_.~) and writing every
/// other byte as %XX with upper-case hex digits.
inline void percent_encode(std::string_view in, std::string& out) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    for (char c : in) {
        if (detail::is_unreserved(c)) {
            out.push_back(c);
        } else {
            const unsigned char b = detail::byte_of(c);
            out.push_back('%');
            out.push_back(hex[b >> 4]);
            out.push_back(hex[b & 0x0Fu]);
        }
    }
}

/// Strict: '%' must be followed by two hex digits (either case). '+' stays '+': it means a
/// space only in HTML forms, not in RFC 3986. The result may hold any byte; callers check.
inline result<std::string> percent_decode(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) {
            return error::make(error_kind::invalid_request, errc::syntax, "", "truncated percent-encoding", i);
        }
        const int hi = detail::hex_value(in[i + 1]);
        const int lo = detail::hex_value(in[i + 2]);
        if (hi < 0 || lo < 0) {
            return error::make(error_kind::invalid_request, errc::syntax, "", "'%' not followed by two hex digits", i);
        }
        out.push_back(static_cast<char>(static_cast<unsigned char>(hi * 16 + lo)));
        i += 2;
    }
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_URI_HPP
