// koodrive-ose: requests signed by an application (HMAC-SHA256) instead of a user's token.
//
// Pure functions over the `http_request` the builder makes, one per step, so that each can be
// checked on its own:
//
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
//                      SignedHeaders \n HashedRequestPayload
//   StringToSign     = "HMAC-SHA256" \n hex(SHA-256(CanonicalRequest))
//   Signature        = hex(HMAC-SHA256(app secret, StringToSign))
//   Authorization: HMAC-SHA256 AppId={app id},SignedHeaders=host;x-date;x-user-id,Signature={64 hex}
//
// The API's documentation describes every step but the last: that the signature is the
// HMAC-SHA256 of the string to sign keyed with the app secret is inferred (it is the one
// construction that fits the documented 64-hex-digit signature).
//
// The app secret goes into the HMAC and nowhere else: no error, header or log line holds it.
#ifndef KOODRIVE_OSE_SIGNING_HPP
#define KOODRIVE_OSE_SIGNING_HPP

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ascii.hpp"
#include "detail/ascii.hpp"
#include "detail/header_error.hpp"
#include "detail/heap_sort.hpp"
#include "detail/lean_std.hpp"
#include "error.hpp"
#include "hmac.hpp"
#include "http.hpp"
#include "result.hpp"
#include "sha256.hpp"
#include "time.hpp"
#include "uri.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// The algorithm of signed requests, as the Authorization header names it.
inline constexpr std::string_view signing_algorithm = "HMAC-SHA256";
/// The headers a signed request signs, lower-case and sorted, and the SignedHeaders line.
inline constexpr std::array<std::string_view, 3> signed_header_names = {"host", "x-date", "x-user-id"};
/// The headers a signed request signs, in the order they are signed.
inline constexpr std::string_view signed_headers = "host;x-date;x-user-id";

namespace detail {

inline error target_error(const error& decode_error, std::size_t base, std::string_view where) {
    return error::make(error_kind::invalid_request, errc::syntax, "target",
                       std::string(where) + ": " + decode_error.message,
                       decode_error.offset == error::no_offset ? error::no_offset : base + decode_error.offset);
}

inline error authorization_error(std::string message) {
    return error::make(error_kind::invalid_request, errc::invalid_header, "Authorization", std::move(message));
}

constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

constexpr std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
    return s;
}

inline std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

/// Where the path of a request target ends (at '?', or its end).
constexpr std::size_t path_end(std::string_view target) noexcept {
    const std::size_t q = target.find('?');
    return q == std::string_view::npos ? target.size() : q;
}

}  // namespace detail

// =======================================================================================
// The steps

/// The path, each '/'-separated segment percent-decoded, then percent-encoded (RFC 3986:
/// all but A-Za-z0-9-_.~ as %XX, upper-case hex), always ending with '/'. Decoding first
/// means a path already encoded is not encoded twice, and "%2f" and "%2F" sign alike.
/// `base` is only for error offsets: where the path starts in the target.
inline result<std::string> canonical_uri(std::string_view path, std::size_t base = 0) {
    std::string out;
    out.reserve(path.size() + 1);
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        auto segment = percent_decode(path.substr(start, end - start));
        if (!segment) return detail::target_error(segment.error(), base + start, "path");
        percent_encode(*segment, out);
        if (slash == std::string_view::npos) break;
        out.push_back('/');
        start = slash + 1;
    }
    if (out.empty() || out.back() != '/') out.push_back('/');
    return out;
}

/// The query (without '?'): parameters split on '&' (empty ones dropped) and at their first
/// '=', names and values percent-decoded, sorted by name and, for equal names, by value (bytes
/// compared as unsigned), then percent-encoded as in canonical_uri and joined as
/// `name=value&...`. A parameter with an empty value, or none, keeps its '=': `a=`.
inline result<std::string> canonical_query_string(std::string_view query, std::size_t base = 0) {
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t amp = query.find('&', start);
        const std::size_t end = amp == std::string_view::npos ? query.size() : amp;
        const std::string_view piece = query.substr(start, end - start);
        if (!piece.empty()) {
            const std::size_t eq = piece.find('=');
            const std::string_view name = piece.substr(0, eq);
            const std::string_view value = eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
            auto n = percent_decode(name);
            if (!n) return detail::target_error(n.error(), base + start, "query");
            auto v = percent_decode(value);
            if (!v) return detail::target_error(v.error(), base + start + eq + 1, "query");
            params.emplace_back(std::move(*n), std::move(*v));
        }
        if (amp == std::string_view::npos) break;
        start = amp + 1;
    }
    detail::heap_sort(params);  // std::string compares chars as unsigned
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out.push_back('&');
        percent_encode(name, out);
        out.push_back('=');
        percent_encode(value, out);
    }
    return out;
}

/// `name:value\n` for each of `names` (sorted, lower-case), the value of the one header of
/// that name (found case-insensitively) with spaces and tabs trimmed from both ends. A signed
/// header that is absent, or given twice, is an error naming the header.
inline result<std::string> canonical_headers(const std::vector<http_header>& headers,
                                             std::span<const std::string_view> names = signed_header_names) {
    std::vector<std::string> sorted;
    sorted.reserve(names.size());
    for (std::string_view n : names) sorted.push_back(detail::lower_ascii(n));
    detail::heap_sort(sorted);
    std::string out;
    for (const std::string& name : sorted) {
        const http_header* found = nullptr;
        for (const http_header& h : headers) {
            if (!iequals(h.name, name)) continue;
            if (found != nullptr) return detail::header_error(h.name, "given more than once in a signed request");
            found = &h;
        }
        if (found == nullptr) return detail::header_error(name, "required in a signed request, but absent");
        out += name;
        out.push_back(':');
        out += detail::trim_ows(found->value);
        out.push_back('\n');
    }
    return out;
}

/// Lowercase hex SHA-256 of the body; of "" for none.
inline std::string hashed_payload(std::string_view body) { return sha256_hex(body); }

/// The six lines, joined by '\n' (the canonical headers end with their own '\n', so a blank
/// line follows them).
inline result<std::string> canonical_request(const http_request& r) {
    const std::size_t qpos = detail::path_end(r.target);
    auto uri = canonical_uri(std::string_view(r.target).substr(0, qpos));
    if (!uri) return std::move(uri).error();
    const std::string_view query =
        qpos < r.target.size() ? std::string_view(r.target).substr(qpos + 1) : std::string_view();
    auto q = canonical_query_string(query, qpos + 1);
    if (!q) return std::move(q).error();
    auto h = canonical_headers(r.headers);
    if (!h) return std::move(h).error();
    std::string out;
    out.reserve(r.method.size() + uri->size() + q->size() + h->size() + signed_headers.size() + 64 + 5);
    out += r.method;
    out.push_back('\n');
    out += *uri;
    out.push_back('\n');
    out += *q;
    out.push_back('\n');
    out += *h;
    out.push_back('\n');
    out += signed_headers;
    out.push_back('\n');
    out += hashed_payload(r.body);
    return out;
}

/// "HMAC-SHA256\n" and the lowercase hex SHA-256 of the canonical request (no date line).
inline std::string string_to_sign(std::string_view canonical) {
    std::string out(signing_algorithm);
    out.push_back('\n');
    out += sha256_hex(canonical);
    return out;
}

/// Lowercase hex HMAC-SHA256 of the string to sign, keyed with the app secret (inferred).
inline std::string request_signature(std::string_view app_secret, std::string_view to_sign) {
    return hmac_sha256_hex(app_secret, to_sign);
}

/// An app ID: non-empty visible ASCII without ',' (which would end it in the header).
inline result<void> check_app_id(std::string_view app_id) {
    if (app_id.empty()) return detail::authorization_error("empty app ID");
    for (std::size_t i = 0; i < app_id.size(); ++i) {
        const unsigned char b = detail::byte_of(app_id[i]);
        if (b <= 0x20 || b >= 0x7F || b == ',')
            return detail::authorization_error(detail::at_index("app ID: invalid character", i) +
                                               " (visible ASCII other than ',')");
    }
    return {};
}

/// `HMAC-SHA256 AppId={app id},SignedHeaders=host;x-date;x-user-id,Signature={signature}`.
inline result<std::string> hmac_authorization_value(std::string_view app_id, std::string_view signature) {
    if (auto ok = check_app_id(app_id); !ok) return std::move(ok).error();
    std::string out(signing_algorithm);
    out += " AppId=";
    out += app_id;
    out += ",SignedHeaders=";
    out += signed_headers;
    out += ",Signature=";
    out += signature;
    return out;
}

// =======================================================================================
// All steps at once

/// The Authorization value for `r` (whose Host, X-Date and X-User-Id must be set).
inline result<std::string> sign(const http_request& r, std::string_view app_id, std::string_view app_secret) {
    if (auto ok = check_app_id(app_id); !ok) return std::move(ok).error();
    if (app_secret.empty()) return detail::authorization_error("empty app secret");
    auto canonical = canonical_request(r);
    if (!canonical) return std::move(canonical).error();
    return hmac_authorization_value(app_id, request_signature(app_secret, string_to_sign(*canonical)));
}

/// Signs `r` in place: its Authorization header (any earlier one removed) goes first.
inline result<void> sign_request(http_request& r, std::string_view app_id, std::string_view app_secret) {
    auto value = sign(r, app_id, app_secret);
    if (!value) return std::move(value).error();
    // Any earlier Authorization out, keeping the others' order; then the new one, moved to the front.
    std::vector<http_header>& h = r.headers;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < h.size(); ++i) {
        if (iequals(h[i].name, "Authorization")) continue;
        if (i != kept) h[kept] = std::move(h[i]);
        ++kept;
    }
    h.resize(kept);
    h.push_back(http_header{"Authorization", std::move(*value)});
    for (std::size_t i = h.size() - 1; i > 0; --i) std::swap(h[i], h[i - 1]);
    return {};
}

// =======================================================================================
// The server's side

/// The three parts of a signed request's Authorization value.
struct hmac_authorization {
    std::string app_id;          ///< AppId=
    std::string signed_headers;  ///< SignedHeaders=
    std::string signature;       ///< Signature=, 64 lowercase hex digits
};

/// Strict: exactly `HMAC-SHA256 AppId=...,SignedHeaders=...,Signature=...` in this order, an
/// app ID as check_app_id wants it and a signature of 64 lowercase hex digits.
inline result<hmac_authorization> parse_hmac_authorization(std::string_view value) {
    auto take = [&value](std::string_view key, bool last, std::string& into) -> bool {
        if (value.substr(0, key.size()) != key) return false;
        value.remove_prefix(key.size());
        const std::size_t comma = last ? value.size() : value.find(',');
        if (comma == std::string_view::npos) return false;
        into.assign(value.substr(0, comma));
        value.remove_prefix(last ? comma : comma + 1);
        return true;
    };
    hmac_authorization a;
    if (value.substr(0, signing_algorithm.size()) != signing_algorithm)
        return detail::authorization_error("not an HMAC-SHA256 signature");
    value.remove_prefix(signing_algorithm.size());
    if (!take(" AppId=", false, a.app_id) || !take("SignedHeaders=", false, a.signed_headers) ||
        !take("Signature=", true, a.signature))
        return detail::authorization_error("expected HMAC-SHA256 AppId=...,SignedHeaders=...,Signature=...");
    if (auto ok = check_app_id(a.app_id); !ok) return std::move(ok).error();
    bool hex = a.signature.size() == 64;
    for (char c : a.signature) hex = hex && (detail::is_digit(c) || (c >= 'a' && c <= 'f'));
    if (!hex) return detail::authorization_error("signature: expected 64 lowercase hex digits");
    return a;
}

/// Checks a signed request as the service would: the Authorization value names `app_id` and
/// the three signed headers, X-Date is at most 15 minutes before `now` and not after it, and
/// the signature matches (compared in constant time). The error says which check failed.
inline result<void> verify_signed_request(const http_request& r, std::string_view app_id, std::string_view app_secret,
                                          std::chrono::system_clock::time_point now) {
    auto a = parse_hmac_authorization(r.header("Authorization"));
    if (!a) return std::move(a).error();
    if (a->app_id != app_id) return detail::authorization_error("unknown app ID");
    if (a->signed_headers != signed_headers)
        return detail::authorization_error("SignedHeaders: expected host;x-date;x-user-id");
    if (auto ok = check_x_date(r.header("X-Date"), now); !ok) return ok;
    auto canonical = canonical_request(r);
    if (!canonical) return std::move(canonical).error();
    const std::string expected = request_signature(app_secret, string_to_sign(*canonical));
    if (!equal_constant_time(expected, a->signature)) return detail::authorization_error("signature does not match");
    return {};
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_SIGNING_HPP
