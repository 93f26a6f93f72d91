// koodrive-ose 1.0.0: single-header edition.
//
// GENERATED FILE, DO NOT EDIT. Made by tools/amalgamate.py from include/koodrive/ose.hpp,
// include/koodrive/ose/client.hpp and the headers they include; edit those and run
// `python3 tools/amalgamate.py`.
// The optional koodrive/ose/testing/*.hpp are not part of it; include them beside it.
// Compiled mode: -DKOODRIVE_OSE_COMPILED everywhere, and in one .cpp of yours
// `#define KOODRIVE_OSE_IMPLEMENTATION` before including this header.
//
// SPDX-License-Identifier: MIT
// Copyright (c) 2026 the koodrive-ose authors
#pragma once

// ==== koodrive/ose/version.hpp ==================================================================
// koodrive-ose: version of the library, and the one check every header makes first: C++20.
//
// Everything is declared in `koodrive::ose::v1`, an inline namespace named after the
// major version: code says `koodrive::ose::x`, while the symbols of two incompatible major
// versions linked into one program stay distinct. Forward-declare through koodrive/ose/fwd.hpp.
#ifndef KOODRIVE_OSE_VERSION_HPP
#define KOODRIVE_OSE_VERSION_HPP

// Every header reaches this check before any of its own code. The include after #error stops
// the compiler (a missing header is fatal), rather than let hundreds of errors follow.
#if !defined(_MSVC_LANG) && __cplusplus < 202002L || defined(_MSVC_LANG) && _MSVC_LANG < 202002L
#error "koodrive-ose needs C++20 or later: compile with -std=c++20 (or /std:c++20)"
#include <koodrive_ose_stops_here_because_it_needs_cxx20>
#endif

#define KOODRIVE_OSE_VERSION_MAJOR 1
#define KOODRIVE_OSE_VERSION_MINOR 0
#define KOODRIVE_OSE_VERSION_PATCH 0
#define KOODRIVE_OSE_VERSION \
    (KOODRIVE_OSE_VERSION_MAJOR * 10000 + KOODRIVE_OSE_VERSION_MINOR * 100 + KOODRIVE_OSE_VERSION_PATCH)

#endif  // KOODRIVE_OSE_VERSION_HPP

// ==== koodrive/ose/detail/ascii.hpp =============================================================
// koodrive-ose: ASCII character classes. The <cctype> functions depend on the locale and take
// int, so the library uses its own ASCII-only versions.
#ifndef KOODRIVE_OSE_DETAIL_ASCII_HPP
#define KOODRIVE_OSE_DETAIL_ASCII_HPP

#include <string_view>

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

// ==== koodrive/ose/detail/swar.hpp ==============================================================
// koodrive-ose: eight bytes at a time, for the hot loops of the JSON reader and writer.
#ifndef KOODRIVE_OSE_DETAIL_SWAR_HPP
#define KOODRIVE_OSE_DETAIL_SWAR_HPP

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

inline constexpr std::uint64_t ones8 = 0x0101010101010101ull;
inline constexpr std::uint64_t highs8 = 0x8080808080808080ull;

inline std::uint64_t load8(const char* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// High bit set in each byte of x that equals b (may also flag bytes after a true hit).
constexpr std::uint64_t bytes_equal(std::uint64_t x, unsigned char b) noexcept {
    const std::uint64_t y = x ^ (ones8 * b);
    return (y - ones8) & ~y & highs8;
}

// High bit set in each byte of x below 0x20 (may also flag bytes after a true hit).
constexpr std::uint64_t bytes_below_space(std::uint64_t x) noexcept { return (x - ones8 * 0x20u) & ~x & highs8; }

// High bit set in each of eight string bytes that needs attention: quote, backslash, control,
// and (when asked) non-ASCII. Bytes after the first flagged one may be flagged falsely.
constexpr std::uint64_t string_special_mask(std::uint64_t x, bool non_ascii_is_special) noexcept {
    std::uint64_t m = bytes_equal(x, '"') | bytes_equal(x, '\\') | bytes_below_space(x);
    if (non_ascii_is_special) m |= x & highs8;
    return m;
}

constexpr bool string_chunk_is_special(std::uint64_t x, bool non_ascii_is_special) noexcept {
    return string_special_mask(x, non_ascii_is_special) != 0;
}

// Index of the first flagged byte of a non-zero mask, in memory order.
inline unsigned first_flagged_byte(std::uint64_t mask) noexcept {
    if constexpr (std::endian::native == std::endian::little)
        return static_cast<unsigned>(std::countr_zero(mask)) / 8;
    else
        return static_cast<unsigned>(std::countl_zero(mask)) / 8;
}

inline std::uint32_t load4(const char* p) noexcept {
    std::uint32_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}
inline std::uint16_t load2(const char* p) noexcept {
    std::uint16_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// Whether N bytes at a and b are equal, N a compile-time constant: a few loads, overlapping at
// the tail, never a call to memcmp.
template <std::size_t N>
[[gnu::always_inline]] inline bool equal_fixed(const char* a, const char* b) noexcept {
    if constexpr (N >= 8) {
        std::uint64_t diff = 0;
        for (std::size_t i = 0; i + 8 <= N; i += 8) diff |= load8(a + i) ^ load8(b + i);
        if constexpr (N % 8 != 0) diff |= load8(a + N - 8) ^ load8(b + N - 8);
        return diff == 0;
    } else if constexpr (N >= 4) {
        return ((load4(a) ^ load4(b)) | (load4(a + N - 4) ^ load4(b + N - 4))) == 0;
    } else if constexpr (N >= 2) {
        return ((load2(a) ^ load2(b)) | (load2(a + N - 2) ^ load2(b + N - 2))) == 0;
    } else if constexpr (N == 1) {
        return *a == *b;
    } else {
        return true;
    }
}

// Whether n bytes at a and b are equal; inline for the short keys of this API.
inline bool equal_bytes(const char* a, const char* b, std::size_t n) noexcept {
    if (n >= 8) {
        for (std::size_t i = 0; i + 8 <= n; i += 8)
            if (load8(a + i) != load8(b + i)) return false;
        return load8(a + n - 8) == load8(b + n - 8);  // the tail, overlapping
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_SWAR_HPP

// ==== koodrive/ose/detail/utf8.hpp ==============================================================
// koodrive-ose: strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
#ifndef KOODRIVE_OSE_DETAIL_UTF8_HPP
#define KOODRIVE_OSE_DETAIL_UTF8_HPP

#include <string>

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

// Length of the well-formed UTF-8 sequence that starts at p (lead byte >= 0x80), or 0 when the
// bytes at p are not one. `avail` is how many bytes may be read from p.
inline std::size_t utf8_sequence_length(const unsigned char* p, std::size_t avail) noexcept {
    const unsigned char c = p[0];
    if (c < 0x80) return 1;
    auto cont = [&](std::size_t i) { return i < avail && (p[i] & 0xC0u) == 0x80u; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3 || !cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
        if (c == 0xED && p[1] > 0x9F) return 0;  // UTF-16 surrogate encoded in UTF-8
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
        if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;  // continuation byte, C0/C1 overlong lead, or F5..FF
}

// Index of the first byte that is not part of valid UTF-8, or npos.
inline std::size_t find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII runs, the common case, eight bytes at a time.
        while (n - i >= 8 && (load8(s.data() + i) & highs8) == 0) i += 8;
        if (i == n) break;
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence_length(p + i, n - i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Writes code point cp (already checked to be a scalar value) as UTF-8 into buf; returns
// how many bytes (1 to 4).
inline std::size_t encode_utf8(std::uint32_t cp, char* buf) noexcept {
    if (cp < 0x80) {
        buf[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = static_cast<char>(0xC0u | (cp >> 6));
        buf[1] = static_cast<char>(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = static_cast<char>(0xE0u | (cp >> 12));
        buf[1] = static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
        buf[2] = static_cast<char>(0x80u | (cp & 0x3Fu));
        return 3;
    }
    buf[0] = static_cast<char>(0xF0u | (cp >> 18));
    buf[1] = static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu));
    buf[2] = static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
    buf[3] = static_cast<char>(0x80u | (cp & 0x3Fu));
    return 4;
}

// A bounded byte buffer with the append interface the unescaper uses; what does not fit is
// dropped and remembered (for keys, which only need comparing with the known names). Not a
// template, so the unescaper is made once for every capacity (fixed_buffer<N> below).
struct bounded_buffer {
    char* data;
    std::size_t capacity;
    std::size_t size = 0;
    bool overflow = false;
    void append(const char* p, std::size_t n) noexcept {
        if (n > capacity - size) {
            overflow = true;
            n = capacity - size;
        }
        for (std::size_t i = 0; i < n; ++i) data[size + i] = p[i];
        size += n;
    }
    void push_back(char c) noexcept { append(&c, 1); }
    [[nodiscard]] std::string_view view() const noexcept { return {data, size}; }
};

// A bounded_buffer over N bytes of its own.
template <std::size_t N>
struct fixed_buffer : bounded_buffer {
    char storage[N];
    fixed_buffer() noexcept : bounded_buffer{storage, N} {}
    fixed_buffer(const fixed_buffer&) = delete;
    fixed_buffer& operator=(const fixed_buffer&) = delete;
};

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_UTF8_HPP

// ==== koodrive/ose/snippet.hpp ==================================================================
// koodrive-ose: bodies shown in errors and logs, cut short and safe to print.
#ifndef KOODRIVE_OSE_SNIPPET_HPP
#define KOODRIVE_OSE_SNIPPET_HPP

namespace koodrive::ose {
inline namespace v1 {

/// At most `max_bytes` bytes of `body`, safe to print: well-formed UTF-8 characters are kept
/// whole (a character that does not fit ends the snippet instead of being cut); control
/// bytes (< 0x20, 0x7F), the C1 controls U+0080..U+009F (terminal escapes such as CSI) and
/// every byte that is not part of well-formed UTF-8 each become '?'.
inline std::string safe_snippet(std::string_view body, std::size_t max_bytes = 256) {
    std::string out;
    out.reserve(body.size() < max_bytes ? body.size() : max_bytes);
    std::size_t i = 0;
    while (i < body.size() && out.size() < max_bytes) {
        const unsigned char b = detail::byte_of(body[i]);
        const std::size_t len =
            detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(body.data() + i), body.size() - i);
        if (len == 0 || b < 0x20 || b == 0x7F) {
            out.push_back('?');
            ++i;
            continue;
        }
        if (len == 2 && b == 0xC2 && detail::byte_of(body[i + 1]) <= 0x9F) {
            out.push_back('?');  // C1 control: one character, one '?'
            i += 2;
            continue;
        }
        if (out.size() + len > max_bytes) break;
        out.append(body.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_SNIPPET_HPP

// ==== koodrive/ose/error.hpp ====================================================================
// koodrive-ose: the one error type of the library.
//
// Every failure, from a stray byte in a response to a rule a request breaks, is an `error`
// value: which kind of failure (what the caller should do about it), a finer code, and
// where it happened (byte offset and JSON path). Messages never contain field values, so a
// token, password or kdstoken can never leak through an error.
#ifndef KOODRIVE_OSE_ERROR_HPP
#define KOODRIVE_OSE_ERROR_HPP

#include <utility>

namespace koodrive::ose {
inline namespace v1 {

/// What went wrong, from the caller's point of view.
enum class error_kind : std::uint8_t {
    invalid_request,     ///< the request (ours, or a client's on the server side) breaks a rule
    api_error,           ///< the service answered with a non-zero `code`
    http_error,          ///< an unexpected HTTP status, or an error body that is not {code,msg}
    malformed_response,  ///< the service's body is not what the API promises
    transport_failure,   ///< the user's HTTP callback could not deliver the request
    timed_out,           ///< a polled task did not end within the allowed attempts, or a deadline passed
    canceled,            ///< the caller's stop_token (or an Asio cancellation) asked the call to stop
    invalid_response,    ///< a response this side built (a server's reply) breaks a rule
};

/// The finer reason.
enum class errc : std::uint8_t {
    syntax,           ///< not JSON (RFC 8259)
    invalid_utf8,     ///< bytes that are not UTF-8, or a lone surrogate escape
    limit_exceeded,   ///< depth, size, string or array length beyond the configured limit
    type_mismatch,    ///< valid JSON of the wrong type for the field
    out_of_range,     ///< a number outside the field's type or range
    missing_field,    ///< a required field is absent or null
    duplicate_field,  ///< a known key given twice
    constraint,       ///< a field-level constraint (range, size, non-empty, enum membership)
    rule,             ///< a cross-field rule of the message
    invalid_header,   ///< a header value that is malformed or could inject
    api,              ///< the service's own error code
    http_status,      ///< unexpected HTTP status
    transport,        ///< the transport reported a failure
    timeout,          ///< polling gave up, or the call's deadline passed
    not_found,        ///< a polled task is not listed on any page
    canceled,         ///< stop was requested
};

/// The kind's name, e.g. "malformed response".
constexpr std::string_view to_string(error_kind k) noexcept {
    switch (k) {
    case error_kind::invalid_request: return "invalid request";
    case error_kind::api_error: return "API error";
    case error_kind::http_error: return "HTTP error";
    case error_kind::malformed_response: return "malformed response";
    case error_kind::transport_failure: return "transport failure";
    case error_kind::timed_out: return "timed out";
    case error_kind::canceled: return "canceled";
    case error_kind::invalid_response: return "invalid response";
    }
    return "error";
}

/// The code's name, e.g. "missing field".
constexpr std::string_view to_string(errc c) noexcept {
    switch (c) {
    case errc::syntax: return "syntax";
    case errc::invalid_utf8: return "invalid UTF-8";
    case errc::limit_exceeded: return "limit exceeded";
    case errc::type_mismatch: return "type mismatch";
    case errc::out_of_range: return "out of range";
    case errc::missing_field: return "missing field";
    case errc::duplicate_field: return "duplicate field";
    case errc::constraint: return "constraint";
    case errc::rule: return "rule";
    case errc::invalid_header: return "invalid header";
    case errc::api: return "api";
    case errc::http_status: return "http status";
    case errc::transport: return "transport";
    case errc::timeout: return "timeout";
    case errc::not_found: return "not found";
    case errc::canceled: return "canceled";
    }
    return "error";
}

/// What went wrong, where and why: the one error type of the library. Never holds a field's value, so no secret can
/// leak through it.
struct error {
    /// The offset of an error that has none.
    static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

    error_kind kind = error_kind::invalid_request;  ///< what kind of failure
    errc code = errc::syntax;                       ///< what exactly, finer than the kind
    std::size_t offset = no_offset;                 ///< byte offset in the JSON body, when there is one
    std::string path;          ///< JSON path such as `$.taskInfo.fileInfo[3].fileId`, or a header name
    std::string message;       ///< what was expected there, or the rule that failed
    int http_status = 0;       ///< for api_error and http_error
    std::string api_code;      ///< the service's `code` exactly as received (api_error); print via to_string()
    std::string api_msg;       ///< the service's `msg` exactly as received (api_error); print via to_string()
    std::string body_snippet;  ///< at most 256 safe bytes of an unexpected body (http_error)
    std::string trace_id;      ///< X-Traceid of the client call that failed, for a support ticket (not a secret)
    bool not_sent = false;     ///< transport_failure: the request certainly never left (refused, DNS)

    /// Worth sending the same request again: 408, 429, 500, 502, 503, 504, transport failures.
    [[nodiscard]] bool retryable() const noexcept {
        if (kind == error_kind::transport_failure) return true;
        if (kind != error_kind::api_error && kind != error_kind::http_error) return false;
        switch (http_status) {
        case 408:
        case 429:
        case 500:
        case 502:
        case 503:
        case 504: return true;
        default: return false;
        }
    }

    /// Safe to send again even when the request creates a task: it is retryable and certainly
    /// never reached the service. A timeout, a reset or a 502 may come after the task was made.
    [[nodiscard]] bool safe_to_resend() const noexcept { return kind == error_kind::transport_failure && not_sent; }

    /// The one way to make an error of the codec's shape (kind, code, where, what was expected).
    static error make(error_kind k, errc c, std::string at_path, std::string what, std::size_t at_offset = no_offset) {
        error e;
        e.kind = k;
        e.code = c;
        e.offset = at_offset;
        e.path = std::move(at_path);
        e.message = std::move(what);
        return e;
    }

    /// One line for a log: kind, place and reason; never a field value. What the service sent
    /// (api_code, api_msg, a body snippet) is stored as received and printed through
    /// safe_snippet(): control bytes, C1 controls and bad UTF-8 as '?', cut at 64 or 256 bytes,
    /// so a log line cannot be forged or flooded through it.
    [[nodiscard]] std::string to_string() const {
        std::string s(ose::to_string(kind));
        if (http_status != 0) {
            s += " (HTTP ";
            s += std::to_string(http_status);
            s += ')';
        }
        if (!path.empty()) {
            s += " at ";
            s += path;
        }
        if (offset != no_offset) {
            s += " (byte ";
            s += std::to_string(offset);
            s += ')';
        }
        if (!message.empty()) {
            s += ": ";
            s += message;
        }
        if (kind == error_kind::api_error) {
            s += ": code ";
            append_printable(s, api_code, 64);
            if (!api_msg.empty()) {
                s += ", msg \"";
                append_printable(s, api_msg, 256);
                s += '"';
            }
        }
        if (!body_snippet.empty()) {
            s += ": body \"";
            append_printable(s, body_snippet, 256);
            s += '"';
        }
        if (!trace_id.empty()) {
            s += " [trace ";
            s += trace_id;
            s += ']';
        }
        return s;
    }

private:
    static void append_printable(std::string& s, std::string_view text, std::size_t at_most) {
        s += safe_snippet(text, at_most);
        if (text.size() > at_most) s += "...";
    }
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ERROR_HPP

// ==== koodrive/ose/result.hpp ===================================================================
// koodrive-ose: `result<T>`, a value or an `error`, in the spirit of std::expected (C++23).
//
// The library reports every failure through this type; it never throws, so it works with
// -fno-exceptions. Reading the value of a failed result (or the error of a good one) is a
// precondition violation and stops the program with a message rather than invoking UB.
#ifndef KOODRIVE_OSE_RESULT_HPP
#define KOODRIVE_OSE_RESULT_HPP

#include <cstdio>
#include <cstdlib>
#include <new>
#include <type_traits>

namespace koodrive::ose {
inline namespace v1 {

namespace detail {
[[noreturn]] inline void contract_violation(const char* what) noexcept {
    std::fputs("koodrive-ose: ", stderr);
    std::fputs(what, stderr);
    std::fputc('\n', stderr);
    std::abort();
}
}  // namespace detail

/// A `T` or an error: what every fallible function of the library returns (nothing throws).
template <class T>
class [[nodiscard]] result {
    static_assert(!std::is_reference_v<T>, "result<T&> is not supported");

public:
    /// The type of the value.
    using value_type = T;
    /// The type of the error.
    using error_type = ose::error;

    result() requires std::is_default_constructible_v<T> : ok_(true) { ::new (&value_) T(); }
    /// A result holding `v`.
    result(const T& v) : ok_(true) { ::new (&value_) T(v); }  // NOLINT: implicit by design
    /// A result holding `v`, moved in.
    result(T&& v) : ok_(true) { ::new (&value_) T(std::move(v)); }  // NOLINT
    /// A failed result holding `e`.
    result(const error_type& e) : ok_(false) { ::new (&error_) error_type(e); }  // NOLINT
    /// A failed result holding `e`, moved in.
    result(error_type&& e) : ok_(false) { ::new (&error_) error_type(std::move(e)); }  // NOLINT

    /// Copies the value or the error.
    result(const result& o) : ok_(o.ok_) {
        if (ok_)
            ::new (&value_) T(o.value_);
        else
            ::new (&error_) error_type(o.error_);
    }
    /// Moves the value or the error.
    result(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(o.ok_) {
        if (ok_)
            ::new (&value_) T(std::move(o.value_));
        else
            ::new (&error_) error_type(std::move(o.error_));
    }
    /// Assignment keeps the old state when copying or moving the new one throws (as
    /// std::expected does): the error moves without throwing, so it is the one set aside.
    result& operator=(const result& o) {
        if (this == &o) return *this;
        if (o.ok_)
            assign_value(o.value_);
        else
            assign_error(o.error_);
        return *this;
    }
    /// Moves the value or the error.
    result& operator=(result&& o) noexcept(
        std::is_nothrow_move_constructible_v<T>&& std::is_nothrow_move_assignable_v<T>) {
        if (this == &o) return *this;
        if (o.ok_)
            assign_value(std::move(o.value_));
        else
            assign_error(std::move(o.error_));
        return *this;
    }
    ~result() { destroy(); }

    /// Whether it holds a value.
    [[nodiscard]] bool has_value() const noexcept { return ok_; }
    /// Whether it holds a value.
    explicit operator bool() const noexcept { return ok_; }

    /// The value; only when has_value().
    [[nodiscard]] T& value() & {
        check(ok_, "value() of a failed result");
        return value_;
    }
    /// The value; only when has_value().
    [[nodiscard]] const T& value() const& {
        check(ok_, "value() of a failed result");
        return value_;
    }
    /// The value, moved out; only when has_value().
    [[nodiscard]] T&& value() && {
        check(ok_, "value() of a failed result");
        return std::move(value_);
    }
    /// The error; only when not has_value().
    [[nodiscard]] const error_type& error() const& {
        check(!ok_, "error() of a good result");
        return error_;
    }
    /// The error, moved out; only when not has_value().
    [[nodiscard]] error_type&& error() && {
        check(!ok_, "error() of a good result");
        return std::move(error_);
    }

    /// The value; only when has_value().
    T& operator*() & { return value(); }
    /// The value; only when has_value().
    const T& operator*() const& { return value(); }
    /// The value, moved out; only when has_value().
    T&& operator*() && { return std::move(*this).value(); }
    /// The value's members; only when has_value().
    T* operator->() { return &value(); }
    /// The value's members; only when has_value().
    const T* operator->() const { return &value(); }

    /// The value, or `fallback` when it holds an error.
    template <class U>
    [[nodiscard]] T value_or(U&& fallback) const& {
        return ok_ ? value_ : static_cast<T>(std::forward<U>(fallback));
    }

    /// f(value) -> `result<U>`, called only with a value; an error passes through.
    template <class F>
    auto and_then(F&& f) const& {
        using R = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
        return ok_ ? std::forward<F>(f)(value_) : R(error_);
    }
    /// The same, on an rvalue: the value is moved into f.
    template <class F>
    auto and_then(F&& f) && {
        using R = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
        return ok_ ? std::forward<F>(f)(std::move(value_)) : R(std::move(error_));
    }
    /// f(value) -> U, made `result<U>`; an error passes through.
    template <class F>
    auto transform(F&& f) const& {
        using U = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
        if (!ok_) return result<U>(error_);
        if constexpr (std::is_void_v<U>) {
            std::forward<F>(f)(value_);
            return result<U>();
        } else {
            return result<U>(std::forward<F>(f)(value_));
        }
    }
    /// The same, on an rvalue: the value is moved into f.
    template <class F>
    auto transform(F&& f) && {
        using U = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
        if (!ok_) return result<U>(std::move(error_));
        if constexpr (std::is_void_v<U>) {
            std::forward<F>(f)(std::move(value_));
            return result<U>();
        } else {
            return result<U>(std::forward<F>(f)(std::move(value_)));
        }
    }
    /// f(error) -> `result<T>`, called only with an error; a value passes through.
    template <class F>
    result or_else(F&& f) const& {
        return ok_ ? result(value_) : result(std::forward<F>(f)(error_));
    }
    /// The same, on an rvalue: the error is moved into f.
    template <class F>
    result or_else(F&& f) && {
        return ok_ ? result(std::move(value_)) : result(std::forward<F>(f)(std::move(error_)));
    }

private:
    static void check(bool cond, const char* what) noexcept {
        if (!cond) detail::contract_violation(what);
    }
    template <class V>
    void assign_value(V&& v) {
        if (ok_) {
            value_ = std::forward<V>(v);  // T's own guarantee
            return;
        }
        if constexpr (std::is_nothrow_constructible_v<T, V&&>) {
            error_.~error_type();
            ::new (&value_) T(std::forward<V>(v));
        } else {
            T fresh(std::forward<V>(v));  // may throw: nothing changed yet
            if constexpr (std::is_nothrow_move_constructible_v<T>) {
                error_.~error_type();
                ::new (&value_) T(std::move(fresh));
            } else {
                error_type saved(std::move(error_));
                error_.~error_type();
#if defined(__cpp_exceptions)
                try {
                    ::new (&value_) T(std::move(fresh));
                } catch (...) {
                    ::new (&error_) error_type(std::move(saved));
                    throw;
                }
#else
                ::new (&value_) T(std::move(fresh));
#endif
            }
        }
        ok_ = true;
    }
    template <class E>
    void assign_error(E&& e) {
        if (!ok_) {
            error_ = std::forward<E>(e);
            return;
        }
        error_type fresh(std::forward<E>(e));  // may throw (a copy allocates): nothing changed yet
        value_.~T();
        ::new (&error_) error_type(std::move(fresh));
        ok_ = false;
    }
    void destroy() noexcept {
        if (ok_)
            value_.~T();
        else
            error_.~error_type();
    }

    union {
        T value_;
        error_type error_;
    };
    bool ok_;
};

// A result that carries no value: success, or an error. The error is constructed only on
// failure, so a success costs a bool (validation returns many of these).
/// A result that carries no value: success, or an error. The error is constructed only on
/// failure, so a success costs a bool (validation returns many of these).
template <>
class [[nodiscard]] result<void> {
public:
    /// No value.
    using value_type = void;
    /// The type of the error.
    using error_type = ose::error;
    result() noexcept : ok_(true) {}
    /// A failed result holding `e`.
    result(const error_type& e) : ok_(false) { ::new (&error_) error_type(e); }  // NOLINT
    /// A failed result holding `e`, moved in.
    result(error_type&& e) : ok_(false) { ::new (&error_) error_type(std::move(e)); }  // NOLINT
    /// Copies the value or the error.
    result(const result& o) : ok_(o.ok_) {
        if (!ok_) ::new (&error_) error_type(o.error_);
    }
    /// Moves the outcome.
    result(result&& o) noexcept : ok_(o.ok_) {
        if (!ok_) ::new (&error_) error_type(std::move(o.error_));
    }
    /// Assignment keeps the old state when copying or moving the new one throws (as
    /// std::expected does): the error moves without throwing, so it is the one set aside.
    result& operator=(const result& o) {
        if (this == &o) return *this;
        if (o.ok_) {
            destroy();
            ok_ = true;
        } else if (!ok_) {
            error_ = o.error_;
        } else {
            ::new (&error_) error_type(o.error_);  // may throw: still a success
            ok_ = false;
        }
        return *this;
    }
    /// Moves the outcome.
    result& operator=(result&& o) noexcept {
        if (this == &o) return *this;
        if (o.ok_) {
            destroy();
            ok_ = true;
        } else if (!ok_) {
            error_ = std::move(o.error_);
        } else {
            ::new (&error_) error_type(std::move(o.error_));
            ok_ = false;
        }
        return *this;
    }
    ~result() { destroy(); }

    /// Whether it holds a value.
    [[nodiscard]] bool has_value() const noexcept { return ok_; }
    /// Whether it holds a value.
    explicit operator bool() const noexcept { return ok_; }
    /// Nothing; only when has_value().
    void value() const noexcept {
        if (!ok_) detail::contract_violation("value() of a failed result");
    }
    /// The error; only when not has_value().
    [[nodiscard]] const error_type& error() const& noexcept {
        if (ok_) detail::contract_violation("error() of a good result");
        return error_;
    }
    /// The error, moved out; only when not has_value().
    [[nodiscard]] error_type&& error() && noexcept {
        if (ok_) detail::contract_violation("error() of a good result");
        return std::move(error_);
    }

    /// f() -> `result<U>`, called only on success; an error passes through.
    template <class F>
    auto and_then(F&& f) const {
        using R = std::remove_cvref_t<std::invoke_result_t<F>>;
        return ok_ ? std::forward<F>(f)() : R(error_);
    }
    /// f() -> U, made `result<U>`; an error passes through.
    template <class F>
    auto transform(F&& f) const {
        using U = std::remove_cvref_t<std::invoke_result_t<F>>;
        if (!ok_) return result<U>(error_);
        if constexpr (std::is_void_v<U>) {
            std::forward<F>(f)();
            return result<U>();
        } else {
            return result<U>(std::forward<F>(f)());
        }
    }
    /// f(error) -> `result<void>`, called only on failure.
    template <class F>
    result or_else(F&& f) const {
        return ok_ ? result() : result(std::forward<F>(f)(error_));
    }

private:
    void destroy() noexcept {
        if (!ok_) error_.~error_type();
    }
    union {
        error_type error_;
    };
    bool ok_;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RESULT_HPP

// ==== koodrive/ose/read_limits.hpp ==============================================================
// koodrive-ose: the bounds on what the JSON reader accepts, apart from the reader, so that the
// codec's declarations (all the compiled mode parses) need not include it.
#ifndef KOODRIVE_OSE_READ_LIMITS_HPP
#define KOODRIVE_OSE_READ_LIMITS_HPP

namespace koodrive::ose {
inline namespace v1 {
namespace json {

/// Bounds on what the reader accepts. Input beyond a bound is an error, never a crash or
/// unbounded memory.
struct read_limits {
    std::size_t max_depth = 64;               ///< nesting; the root object counts as 1 (at most 1024)
    std::size_t max_input_bytes = 16u << 20;  ///< whole body
    std::size_t max_string_bytes = 1u << 20;  ///< one string, as written between its quotes
    std::size_t max_array_elements = 100000;  ///< one array
};

}  // namespace json

using json::read_limits;

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_READ_LIMITS_HPP

// ==== koodrive/ose/violation.hpp ================================================================
// koodrive-ose: the one failure record of the codec, filled without allocating.
//
// The JSON reader records where a body stops being what was expected (byte offset, static
// expectation), validation the first rule a message breaks; both add the JSON path as the
// failure travels back up. Validation runs before every encode and after every decoded
// request, and fuzz and traffic generators run both many times per message, mostly on inputs
// that fail. So a violation is a fixed-size value (a path of at most 128 bytes, static texts,
// two numbers, an offset) that costs nothing until it is used; only the public boundary spells
// it out as an `error`, with its message and the kind of failure that the boundary knows.
#ifndef KOODRIVE_OSE_VIOLATION_HPP
#define KOODRIVE_OSE_VIOLATION_HPP

#include <array>
#include <optional>

namespace koodrive::ose {
inline namespace v1 {

/// A JSON path relative to a message (".taskInfo.fileInfo[3].fileId"), built from the inside out
/// as validation unwinds: the bytes sit at the end of the buffer, so prepending copies only the
/// new part. A path that does not fit keeps its innermost parts, after "...".
class violation_path {
public:
    /// The longest path kept, in bytes.
    static constexpr std::size_t capacity = 128;

    violation_path() noexcept {}  // NOLINT(modernize-use-equals-default): buf_ stays uninitialised
    /// Copies the path.
    violation_path(const violation_path& o) noexcept : start_(o.start_), truncated_(o.truncated_) {
        std::memcpy(buf_ + start_, o.buf_ + start_, capacity - start_);
    }
    /// Copies the path.
    violation_path& operator=(const violation_path& o) noexcept {
        if (this == &o) return *this;
        start_ = o.start_;
        truncated_ = o.truncated_;
        std::memcpy(buf_ + start_, o.buf_ + start_, capacity - start_);
        return *this;
    }
    ~violation_path() = default;

    /// The path, e.g. `.taskInfo.fileInfo[1].fileId`.
    std::string_view view() const noexcept { return {buf_ + start_, capacity - start_}; }
    /// Whether the path is empty (the message itself).
    bool empty() const noexcept { return start_ == capacity; }
    /// Empties the path.
    void clear() noexcept {
        start_ = capacity;
        truncated_ = false;
    }

    /// Puts `part` in front (a path is built from the inside out).
    void prepend(std::string_view part) noexcept {
        if (truncated_) return;
        if (part.size() + ellipsis.size() > start_) {
            truncated_ = true;
            part = ellipsis;
        }
        start_ -= part.size();
        std::memcpy(buf_ + start_, part.data(), part.size());
    }
    /// `.key`, or `["key"]` for a key that is not plain (its odd bytes as '?', at most 64).
    void prepend_key(std::string_view key) noexcept {
        if (!key.empty() && is_plain_key(key)) {
            prepend(key);
            prepend(".");
            return;
        }
        std::array<char, 64 + 7> text{};
        std::size_t n = 0;
        text[n++] = '[';
        text[n++] = '"';
        for (std::size_t i = 0; i < key.size() && i < 64; ++i) {
            const auto u = static_cast<unsigned char>(key[i]);
            text[n++] = (u < 0x20 || u >= 0x7F || u == '"' || u == '\\') ? '?' : key[i];
        }
        if (key.size() > 64)
            for (int i = 0; i < 3; ++i) text[n++] = '.';
        text[n++] = '"';
        text[n++] = ']';
        prepend({text.data(), n});
    }
    /// Puts `[i]` in front.
    void prepend_index(std::size_t i) noexcept {
        std::array<char, 24> text{};
        std::size_t at = text.size();
        text[--at] = ']';
        do {
            text[--at] = static_cast<char>('0' + i % 10);
            i /= 10;
        } while (i != 0);
        text[--at] = '[';
        prepend({text.data() + at, text.size() - at});
    }

private:
    static constexpr bool is_plain_key(std::string_view k) noexcept {
        for (char c : k) {
            const bool ok =
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
    static constexpr std::string_view ellipsis = "...";
    char buf_[capacity];  ///< only [start_, capacity) is ever read
    std::size_t start_ = capacity;
    bool truncated_ = false;
};

/// How a violation's message reads; the numbers are in lo and hi.
enum class expectation : std::uint8_t {
    text,              ///< `text` says it all
    length_between,    ///< length must be between lo and hi bytes
    at_least,          ///< must be at least lo
    between,           ///< must be between lo and hi
    entries_at_least,  ///< must have at least lo entries
    entries_between,   ///< must have between lo and hi entries
    one_of,            ///< must be one of the values append_values() lists
    expected,          ///< JSON: "expected " + text
    expected_found,    ///< JSON: "expected " + text + ", found " + found
};

/// The first rule a message breaks, in a fixed-size value (no allocation): find_violation() fills it, message() and
/// to_error() spell it out.
struct violation {
    errc code = errc::constraint;  ///< what kind of rule
    violation_path path;           ///< where, from the message's root
    std::string_view text;         ///< static text: a rule, a constraint with no numbers, what JSON was expected
    std::string_view found;        ///< static text: the JSON type found instead (expected_found)
    std::size_t offset = error::no_offset;  ///< byte offset in the JSON body, for a failure of the body
    expectation shape = expectation::text;  ///< what the rule expects
    /// The bounds of the rule (range, items, length).
    std::uint64_t lo = 0, hi = 0;  ///< integer ranges are kept as their two's-complement bits
    /// The lower bound of an integer range.
    std::int64_t signed_lo() const noexcept { return static_cast<std::int64_t>(lo); }
    /// The upper bound of an integer range.
    std::int64_t signed_hi() const noexcept { return static_cast<std::int64_t>(hi); }
    void (*append_values)(std::string&) = nullptr;  ///< one_of: the enum's wire numbers

    /// Records what the JSON reader expected at byte `at` (the path is added while unwinding).
    void set_expected(errc c, std::size_t at, std::string_view expected, std::string_view found_instead) noexcept {
        code = c;
        offset = at;
        text = expected;
        found = found_instead;
        shape = found_instead.empty() ? expectation::expected : expectation::expected_found;
        path.clear();
    }
    /// Records a broken constraint or rule of a message (no offset: it is about values).
    void set_broken(errc c, std::string_view what, expectation how = expectation::text, std::uint64_t low = 0,
                    std::uint64_t high = 0) noexcept {
        code = c;
        offset = error::no_offset;
        text = what;
        found = {};
        shape = how;
        lo = low;
        hi = high;
        append_values = nullptr;
        path.clear();
    }

    /// What was expected, spelled out (allocates; only for the error a caller sees).
    [[gnu::cold]] std::string message() const {
        // Appended piece by piece, one function call each: `"a" + b + "c"` chains inline into
        // every message type's decoder otherwise.
        std::string s;
        const auto put = [&s](std::string_view piece) { s.append(piece); };
        const auto number = [&s](auto value) { s.append(std::to_string(value)); };
        switch (shape) {
        case expectation::text: put(text); break;
        case expectation::expected:
            put("expected ");
            put(text);
            break;
        case expectation::expected_found:
            put("expected ");
            put(text);
            put(", found ");
            put(found);
            break;
        case expectation::length_between:
            put("length must be between ");
            number(lo);
            put(" and ");
            number(hi);
            put(" bytes");
            break;
        case expectation::at_least:
            put("must be at least ");
            number(signed_lo());
            break;
        case expectation::between:
            put("must be between ");
            number(signed_lo());
            put(" and ");
            number(signed_hi());
            break;
        case expectation::entries_at_least:
            put("must have at least ");
            number(lo);
            put(" entries");
            break;
        case expectation::entries_between:
            put("must have between ");
            number(lo);
            put(" and ");
            number(hi);
            put(" entries");
            break;
        case expectation::one_of:
            put("must be one of ");
            if (append_values) append_values(s);
            break;
        }
        return s;
    }

    /// The error a caller sees, with the kind of failure its boundary decides: the path rooted
    /// at `$`.
    [[gnu::cold]] error to_error(error_kind kind) const {
        std::string at;
        at.reserve(1 + path.view().size());
        at += '$';
        at += path.view();
        return error::make(kind, code, std::move(at), message(), offset);
    }
};

/// What a message's cross-field rules return: the first one broken, or `rules_hold`.
using rule_check = std::optional<violation>;
/// What a rules function returns when the message keeps every rule.
inline constexpr std::nullopt_t rules_hold = std::nullopt;

/// A broken cross-field rule at `path` (relative: ".targetFileId"); `rule` is static text.
inline violation rule_broken(std::string_view path, std::string_view rule) noexcept {
    violation v;
    v.code = errc::rule;
    v.path.prepend(path);
    v.text = rule;
    return v;
}

/// The same, at an array entry's field: head[index]tail (".taskInfo.fileInfo", 3, ".fileId").
inline violation rule_broken(std::string_view head, std::size_t index, std::string_view tail,
                             std::string_view rule) noexcept {
    violation v;
    v.code = errc::rule;
    v.path.prepend(tail);
    v.path.prepend_index(index);
    v.path.prepend(head);
    v.text = rule;
    return v;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_VIOLATION_HPP

// ==== koodrive/ose/reflect.hpp ==================================================================
// koodrive-ose: the reflection machinery.
//
// A message is a plain struct; one constexpr description names its JSON fields and their
// constraints, and one constexpr table per enum lists its values. Everything else (encode,
// decode, validation, log printing, query strings) is generic code over these descriptions.
//
//     template <> struct description<list_jobs_request> {
//         static constexpr std::string_view name = "list_jobs_request";
//         static constexpr auto direction = message_direction::request;
//         static constexpr auto fields = make_field_list(
//             field(&list_jobs_request::offset, "offset").required().range(0, max_int64),
//             field(&list_jobs_request::limit, "limit").required().range(1, 100), ...);
//     };
//
// Factory functions (not aggregate CTAD, not names parsed from __PRETTY_FUNCTION__) because
// they work the same on g++ 12 and clang++ 14.
#ifndef KOODRIVE_OSE_REFLECT_HPP
#define KOODRIVE_OSE_REFLECT_HPP

#include <limits>
#include <vector>

namespace koodrive::ose {
inline namespace v1 {

// ---- enums ---------------------------------------------------------------------------------

/// One row of an enum_table: a value and its readable name.
template <class E>
struct enum_entry {
    E value;                ///< the enumerator, whose underlying value is its wire number
    std::int32_t wire;      ///< the number on the wire
    std::string_view name;  ///< a readable name, for logs
};

/// Specialise with `static constexpr std::array<enum_entry<E>, N> entries{...}`.
template <class E>
struct enum_table;

template <class E>
concept described_enum = std::is_enum_v<E> && requires {
    enum_table<E>::entries;
};

/// The row of `v` in its enum_table, or nullptr when the table does not list it.
template <described_enum E>
constexpr const enum_entry<E>* find_entry(E v) noexcept {
    for (const auto& e : enum_table<E>::entries)
        if (e.value == v) return &e;
    return nullptr;
}

/// Whether v is one of the table's values (a response may carry values the table lacks).
template <described_enum E>
constexpr bool is_known(E v) noexcept {
    return find_entry(v) != nullptr;
}

/// The readable name, or "" for a value the table does not know.
template <described_enum E>
constexpr std::string_view enum_name(E v) noexcept {
    const auto* e = find_entry(v);
    return e ? e->name : std::string_view{};
}

/// The number `v` is written as.
template <described_enum E>
constexpr std::int32_t to_wire(E v) noexcept {
    return static_cast<std::int32_t>(v);
}

/// Every table must map each value to its own wire number (the enum's underlying value), with
/// no value listed twice. The library static_asserts it for its own tables; do the same for a
/// table of your own.
template <described_enum E>
constexpr bool enum_table_is_sound() {
    const auto& t = enum_table<E>::entries;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (static_cast<std::int32_t>(t[i].value) != t[i].wire || t[i].name.empty()) return false;
        for (std::size_t j = i + 1; j < t.size(); ++j)
            if (t[i].value == t[j].value) return false;
    }
    return true;
}

// ---- user field types ------------------------------------------------------------------------

/// Customization point: a user type (a strong ID, say) that is written, read, checked, logged
/// and generated as another field type, its wire type. Specialise with
///   using wire_type = std::string;              // or any other field type
///   static wire_type& wire(T&);                 // the value inside
///   static const wire_type& wire(const T&);
/// and every traversal takes the type; nothing else changes.
template <class T>
struct field_traits {};

/// A type with a field_traits specialization.
template <class T>
concept wrapped_field = requires(T& t, const T& c) {
    typename field_traits<T>::wire_type;
    { field_traits<T>::wire(t) } -> std::same_as<typename field_traits<T>::wire_type&>;
    { field_traits<T>::wire(c) } -> std::same_as<const typename field_traits<T>::wire_type&>;
};

// ---- fields --------------------------------------------------------------------------------

/// Which way a message goes: a request, a response, or a part of either.
enum class message_direction : std::uint8_t { request, response, part };

/// When a field must be present.
enum class presence : std::uint8_t {
    optional,    ///< may be absent (or null)
    required,    ///< must be present and, for strings in requests, non-empty
    on_success,  ///< a response field that must be present when `code` is 0 (the task ID)
};

/// No lower bound for field_description::range().
inline constexpr std::int64_t no_min = std::numeric_limits<std::int64_t>::min();
/// No upper bound for field_description::range().
inline constexpr std::int64_t no_max = std::numeric_limits<std::int64_t>::max();
/// No bound for field_description::items() or field_description::length().
inline constexpr std::size_t no_limit = static_cast<std::size_t>(-1);

namespace detail {
/// The type a constraint applies to: the value inside an optional, the element of an array.
template <class M>
struct constrained {
    using type = M;
};
template <class M>
struct constrained<std::optional<M>> : constrained<M> {};
template <class M, class A>
struct constrained<std::vector<M, A>> : constrained<M> {};
template <wrapped_field M>
struct constrained<M> : constrained<typename field_traits<M>::wire_type> {};
template <class M>
using constrained_t = typename constrained<M>::type;

template <class M>
inline constexpr bool is_array_field = false;
template <class M, class A>
inline constexpr bool is_array_field<std::vector<M, A>> = true;
template <class M>
inline constexpr bool is_array_field<std::optional<M>> = is_array_field<M>;

template <class M>
inline constexpr bool is_text_field =
    std::is_same_v<constrained_t<M>, std::string> || std::is_same_v<constrained_t<M>, std::string_view>;
template <class M>
inline constexpr bool is_integer_field =
    std::is_integral_v<constrained_t<M>> && !std::is_same_v<constrained_t<M>, bool>;
}  // namespace detail

/// One field of a description: its member, its wire name and its constraints, built by field().
template <class Owner, class Member>
struct field_description {
    using owner_type = Owner;    ///< the struct the member belongs to
    using member_type = Member;  ///< the member's type

    Member Owner::*member;                    ///< the member
    std::string_view name;                    ///< a readable name, for logs
    presence presence_ = presence::optional;  ///< when the field must be present
    bool secret_ = false;                     ///< printed as *** and never echoed
    bool single_as_array_ = false;            ///< an array field that also takes one object
    std::int64_t min_ = no_min;               ///< integer range
    std::int64_t max_ = no_max;               ///< the upper bound of the value (integers)
    std::size_t min_items_ = 0;               ///< array size
    std::size_t max_items_ = no_limit;        ///< the most array entries
    std::size_t min_length_ = 0;              ///< string length in bytes
    std::size_t max_length_ = no_limit;       ///< the longest string, in bytes

    /// The field must be present.
    constexpr field_description required() const {
        auto f = *this;
        f.presence_ = presence::required;
        return f;
    }
    /// The field must be present when the response reports success (code 0).
    constexpr field_description required_on_success() const {
        auto f = *this;
        f.presence_ = presence::on_success;
        return f;
    }
    /// The value is a secret: logged as ***, never in an error.
    constexpr field_description secret() const {
        auto f = *this;
        f.secret_ = true;
        return f;
    }
    /// An array that also accepts a single object in its place.
    constexpr field_description single_as_array() const {
        auto f = *this;
        f.single_as_array_ = true;
        return f;
    }
    /// The value must lie in [lo, hi].
    constexpr field_description range(std::int64_t lo, std::int64_t hi) const {
        static_assert(detail::is_integer_field<Member>, ".range() applies to integer fields only");
        auto f = *this;
        f.min_ = lo;
        f.max_ = hi;
        return f;
    }
    /// The array must have from lo to hi entries.
    constexpr field_description items(std::size_t lo, std::size_t hi) const {
        static_assert(detail::is_array_field<Member>, ".items() applies to array fields only");
        auto f = *this;
        f.min_items_ = lo;
        f.max_items_ = hi;
        return f;
    }
    /// The string must have from lo to hi bytes.
    constexpr field_description length(std::size_t lo, std::size_t hi) const {
        static_assert(detail::is_text_field<Member>, ".length() applies to string fields only");
        auto f = *this;
        f.min_length_ = lo;
        f.max_length_ = hi;
        return f;
    }

    /// The member of `o`.
    constexpr const Member& get(const Owner& o) const noexcept { return o.*member; }
    /// The member of `o`, to write.
    constexpr Member& get(Owner& o) const noexcept { return o.*member; }
};

/// Describes the member `member` with the JSON key `name`; chain required(), range(), ... to constrain it.
template <class Owner, class Member>
constexpr field_description<Owner, Member> field(Member Owner::*member, std::string_view name) {
    return {member, name};
}

namespace detail {
template <std::size_t I, class F>
struct field_slot {
    F value;
};
template <class Indices, class... F>
struct field_slots;
template <std::size_t... I, class... F>
struct field_slots<std::index_sequence<I...>, F...> : field_slot<I, F>... {};

/// Field I of a field_list: the base of type field_slot<I, F> is found by deduction.
template <std::size_t I, class F>
constexpr const F& slot_value(const field_slot<I, F>& slot) noexcept {
    return slot.value;
}
}  // namespace detail

/// The fields of a description, in order: a tuple that does only what descriptions need, so
/// that every message costs the compiler a few plain aggregates instead of a std::tuple and its
/// constraint-checked constructors (README, "Compile cost"). Made by make_field_list().
template <class... F>
struct field_list : detail::field_slots<std::index_sequence_for<F...>, F...> {
    static constexpr std::size_t size = sizeof...(F);  ///< how many fields
};

/// The field_list of the fields given, in the order given.
template <class... F>
constexpr field_list<F...> make_field_list(F... f) {
    return {{{f}...}};
}

/// Specialise for each message and each struct inside one:
///   static constexpr std::string_view name;
///   static constexpr message_direction direction;
///   static constexpr auto fields = make_field_list(field(...), ...);   // (a std::tuple works too)
///   optionally: static rule_check rules(const T&);   // cross-field rules, after the fields
template <class T>
struct description;

template <class T>
concept described = requires {
    description<T>::fields;
    description<T>::name;
};

template <class T>
concept has_rules = requires(const T& m) {
    { description<T>::rules(m) } -> std::same_as<rule_check>;
};
namespace detail {
/// Any member called `rules`, whatever its signature (one that has_rules does not take would
/// otherwise be ignored silently).
template <class T>
concept declares_rules = requires {
    &description<T>::rules;
}
|| requires { description<T>::rules; };
}  // namespace detail

namespace detail {
template <class L>
constexpr std::size_t list_size() noexcept {
    if constexpr (requires { L::size; })
        return L::size;
    else
        return std::tuple_size_v<L>;  // a std::tuple of fields
}
template <std::size_t I, class L>
constexpr const auto& list_get(const L& list) noexcept {
    if constexpr (requires { L::size; }) {
        return slot_value<I>(list);
    } else {
        using std::get;
        return get<I>(list);
    }
}
}  // namespace detail

/// How many fields the description of `T` lists.
template <described T>
inline constexpr std::size_t field_count = detail::list_size<std::decay_t<decltype(description<T>::fields)>>();

/// The `I`-th field of the description of `T`.
template <described T, std::size_t I>
inline constexpr const auto& field_at = detail::list_get<I>(description<T>::fields);

/// Calls f(field_description) for each field, in order; stops when f returns false.
template <described T, class F>
constexpr bool for_each_field(F&& f) {
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return (f(field_at<T, I>) && ...);
    }(std::make_index_sequence<field_count<T>>{});
    // clang-format on
}

/// Index of the field with wire name `name`, or field_count<T>.
template <described T>
constexpr std::size_t field_index(std::string_view name) {
    std::size_t i = 0, found = field_count<T>;
    for_each_field<T>([&](const auto& f) {
        if (f.name == name) {
            found = i;
            return false;
        }
        ++i;
        return true;
    });
    return found;
}

/// Which of 64 bits a key or field name stands for: its length, first and last byte mixed.
constexpr unsigned name_signature(std::string_view name) noexcept {
    if (name.empty()) return 0;
    return (static_cast<unsigned>(name.size()) * 7u + static_cast<unsigned char>(name.front()) * 3u +
            static_cast<unsigned char>(name.back())) %
           64u;
}

/// The wire names of the fields of `T`, in order, the longest of them, their signatures and
/// which fields are required.
template <described T>
struct field_names {
    /// The names, as a std::array of string_view in the order of the description.
    static constexpr auto value = [] {
        std::array<std::string_view, field_count<T>> names{};
        std::size_t i = 0;
        for_each_field<T>([&](const auto& f) {
            names[i++] = f.name;
            return true;
        });
        return names;
    }();
    /// The longest name: a key that unescapes to more bytes is unknown.
    static constexpr std::size_t longest = [] {
        std::size_t n = 0;
        for (auto name : value) n = name.size() > n ? name.size() : n;
        return n;
    }();
    /// A bit per name_signature() of the names: a key whose bit is clear is no name, decided
    /// without comparing it with each of them (most unknown keys).
    static constexpr std::uint64_t signatures = [] {
        std::uint64_t bits = 0;
        for (auto name : value) bits |= std::uint64_t{1} << name_signature(name);
        return bits;
    }();
    /// A bit per required field, by index: the first one missing is the lowest bit left.
    static constexpr std::uint64_t required = [] {
        std::uint64_t bits = 0;
        std::size_t i = 0;
        for_each_field<T>([&](const auto& f) {
            if (f.presence_ == presence::required) bits |= std::uint64_t{1} << i;
            ++i;
            return true;
        });
        return bits;
    }();
};

/// Calls f(std::integral_constant<size_t, I>) for the runtime index i.
template <std::size_t N, class F>
constexpr void with_index(std::size_t i, F&& f) {
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)((i == I ? (f(std::integral_constant<std::size_t, I>{}), true) : false) || ...);
    }(std::make_index_sequence<N>{});
    // clang-format on
}

// ---- type traits over field types ------------------------------------------------------------

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

// ---- field kinds: the one classification every traversal dispatches on ----------------------

/// What a field value is: decode, encode, validation, query strings, log lines and the test
/// generators all dispatch on this one classification (`if constexpr` on field_kind_of), so a
/// type is taken the same way everywhere.
enum class field_kind : std::uint8_t {
    string,       ///< std::string
    string_view,  ///< std::string_view (view messages)
    enumeration,  ///< a described enum, written as its wire number
    integer,      ///< an integral type other than bool, written as a JSON integer
    optional,     ///< std::optional: absent, or the value inside
    array,        ///< std::vector: a JSON array
    object,       ///< a described struct: a JSON object
    wrapped,      ///< a user type with field_traits, taken as its wire type
    unsupported,  ///< anything else, bool included (no field of the API is a JSON boolean)
};

namespace detail {
template <class V>
constexpr field_kind classify_field() noexcept {
    if constexpr (wrapped_field<V>)
        return field_kind::wrapped;
    else if constexpr (std::is_same_v<V, std::string>)
        return field_kind::string;
    else if constexpr (std::is_same_v<V, std::string_view>)
        return field_kind::string_view;
    else if constexpr (described_enum<V>)
        return field_kind::enumeration;
    else if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>)
        return field_kind::integer;
    else if constexpr (is_optional<V>::value)
        return field_kind::optional;
    else if constexpr (is_vector<V>::value)
        return field_kind::array;
    else if constexpr (described<V>)
        return field_kind::object;
    else
        return field_kind::unsupported;
}
}  // namespace detail

/// The kind of the field type `V` (cv and references removed).
template <class V>
inline constexpr field_kind field_kind_of = detail::classify_field<std::remove_cvref_t<V>>();

/// Either string kind.
template <class V>
inline constexpr bool is_text_kind =
    field_kind_of<V> == field_kind::string || field_kind_of<V> == field_kind::string_view;

namespace detail {
/// Whether every type inside `V` (through optionals, arrays and wrappers) has a kind; the
/// members of a described struct are checked by its own check_description().
template <class V>
constexpr bool field_type_is_supported() noexcept {
    constexpr field_kind k = field_kind_of<V>;
    if constexpr (k == field_kind::optional || k == field_kind::array)
        return field_type_is_supported<typename V::value_type>();
    else if constexpr (k == field_kind::wrapped)
        return field_type_is_supported<typename field_traits<V>::wire_type>();
    else
        return k != field_kind::unsupported;
}
}  // namespace detail

// ---- compile-time checks -------------------------------------------------------------------

/// Whether a field is written in JSON (and shown in logs): absent optionals and empty optional
/// arrays are left out.
template <class V>
bool is_written(const V& v, presence p) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional)
        return v.has_value();
    else if constexpr (kind == field_kind::array)
        return p != presence::optional || !v.empty();
    else if constexpr (kind == field_kind::wrapped)
        return is_written(field_traits<V>::wire(v), p);
    else
        return true;
}

/// False for every `T`: the `static_assert` that ends each traversal's switch over
/// field_kind_of, so a type no branch takes fails to compile where it is used.
template <class T>
inline constexpr bool unsupported_field_type = false;

namespace detail {

/// Counts an aggregate's members by brace-init probing, so a description that forgets a member
/// fails to compile.
struct any_member {
    template <class U>
    operator U&() const&&;  // NOLINT: declared only, probed in unevaluated context
};
template <class T, class... Probe>
constexpr std::size_t aggregate_member_count() {
    if constexpr (requires { T{std::declval<Probe>()..., any_member{}}; })
        return aggregate_member_count<T, Probe..., any_member>();
    else
        return sizeof...(Probe);
}

/// A wire name is written into the output as is, so it must be plain JSON key text.
constexpr bool is_valid_wire_name(std::string_view n) {
    if (n.empty()) return false;
    for (char c : n) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
}

template <described T>
constexpr bool description_is_sound() {
    std::array<std::string_view, field_count<T>> names{};
    std::size_t i = 0;
    bool ok = true;
    for_each_field<T>([&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        ok = ok && std::is_same_v<typename F::owner_type, T> && is_valid_wire_name(f.name);
        names[i++] = f.name;
        return true;
    });
    for (std::size_t a = 0; a < names.size(); ++a)
        for (std::size_t b = a + 1; b < names.size(); ++b)
            if (names[a] == names[b]) ok = false;
    return ok;
}

/// No member is described twice (under two names, which the member count cannot see).
template <described T>
constexpr bool members_are_distinct() {
    bool ok = true;
    for_each_field<T>([&](const auto& a) {
        for_each_field<T>([&](const auto& b) {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::decay_t<decltype(b)>>)
                if (&a != &b && a.member == b.member) ok = false;
            return true;
        });
        return true;
    });
    return ok;
}

template <described T>
constexpr bool all_field_types_supported() {
    bool ok = true;
    for_each_field<T>([&](const auto& f) {
        ok = ok && field_type_is_supported<typename std::decay_t<decltype(f)>::member_type>();
        return true;
    });
    return ok;
}

}  // namespace detail

/// Checked once per described type, where the codec first touches it.
template <described T>
constexpr bool check_description() {
    static_assert(std::is_aggregate_v<T>, "a message is a plain aggregate struct");
    static_assert(field_count<T> <= 64, "at most 64 fields per struct (seen-field bitmask)");
    static_assert(detail::aggregate_member_count<T>() == field_count<T>,
                  "the description must list every member of the struct, once");
    static_assert(detail::description_is_sound<T>(),
                  "wire names must be unique, plain JSON key text, and fields must belong to the struct");
    static_assert(detail::members_are_distinct<T>(), "a member is described twice");
    static_assert(detail::all_field_types_supported<T>(),
                  "a field is a std::string, std::string_view, described enum, integer (not bool), std::optional, "
                  "std::vector, described struct, or a type with a field_traits specialization");
    static_assert(!detail::declares_rules<T> || has_rules<T>,
                  "rules() must be declared `static rule_check rules(const T&)`");
    return true;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_REFLECT_HPP

// ==== koodrive/ose/fwd.hpp ======================================================================
// koodrive-ose: forward declarations of the types a user names in an interface (the
// messages, results and errors, HTTP values, settings, the client), for headers that only
// pass them along and need not pay for their definitions.
//
// The library lives in the inline namespace koodrive::ose::v1, so a hand-written
// `namespace koodrive::ose { struct error; }` declares a different type; include this instead.
// It stays in step with the definitions: tests/fwd_check.cpp includes it before and after the
// whole library.
#ifndef KOODRIVE_OSE_FWD_HPP
#define KOODRIVE_OSE_FWD_HPP

namespace koodrive::ose {
inline namespace v1 {

// error.hpp, result.hpp, violation.hpp
enum class error_kind : std::uint8_t;
enum class errc : std::uint8_t;
struct error;
template <class T>
class result;
struct violation;

// reflect.hpp, read_limits.hpp, unescape_storage.hpp
template <class T>
struct description;
namespace json {
struct read_limits;
}  // namespace json
using json::read_limits;
class unescape_storage;

// enums.hpp
enum class batch_task_type : std::int32_t;
enum class batch_action_type : std::int32_t;
enum class job_status : std::int32_t;
enum class task_result : std::int32_t;
enum class share_task_type : std::int32_t;
enum class transfer_task_type : std::int32_t;

// messages/batch_tasks.hpp
template <class String>
struct basic_file_info;
template <class String>
struct basic_batch_task_info;
template <class String>
struct basic_create_batch_task_request;
template <class String>
struct basic_create_batch_task_response;
struct list_batch_tasks_request;
template <class String>
struct basic_batch_job_info;
template <class String>
struct basic_list_batch_tasks_response;
using file_info = basic_file_info<std::string>;
using file_info_view = basic_file_info<std::string_view>;
using batch_task_info = basic_batch_task_info<std::string>;
using batch_task_info_view = basic_batch_task_info<std::string_view>;
using create_batch_task_request = basic_create_batch_task_request<std::string>;
using create_batch_task_request_view = basic_create_batch_task_request<std::string_view>;
using create_batch_task_response = basic_create_batch_task_response<std::string>;
using create_batch_task_response_view = basic_create_batch_task_response<std::string_view>;
using batch_job_info = basic_batch_job_info<std::string>;
using batch_job_info_view = basic_batch_job_info<std::string_view>;
using list_batch_tasks_response = basic_list_batch_tasks_response<std::string>;
using list_batch_tasks_response_view = basic_list_batch_tasks_response<std::string_view>;

// messages/share_tasks.hpp
template <class String>
struct basic_file_id_info;
template <class String>
struct basic_create_share_task_request;
template <class String>
struct basic_create_share_task_response;
template <class String>
struct basic_query_share_task_request;
template <class String>
struct basic_share_job_info;
template <class String>
struct basic_share_task_info;
template <class String>
struct basic_query_share_task_response;
using file_id_info = basic_file_id_info<std::string>;
using file_id_info_view = basic_file_id_info<std::string_view>;
using create_share_task_request = basic_create_share_task_request<std::string>;
using create_share_task_request_view = basic_create_share_task_request<std::string_view>;
using create_share_task_response = basic_create_share_task_response<std::string>;
using create_share_task_response_view = basic_create_share_task_response<std::string_view>;
using query_share_task_request = basic_query_share_task_request<std::string>;
using query_share_task_request_view = basic_query_share_task_request<std::string_view>;
using share_job_info = basic_share_job_info<std::string>;
using share_job_info_view = basic_share_job_info<std::string_view>;
using share_task_info = basic_share_task_info<std::string>;
using share_task_info_view = basic_share_task_info<std::string_view>;
using query_share_task_response = basic_query_share_task_response<std::string>;
using query_share_task_response_view = basic_query_share_task_response<std::string_view>;

// messages/transfer_tasks.hpp
template <class String>
struct basic_create_task_request;
template <class String>
struct basic_create_task_response;
using create_task_request = basic_create_task_request<std::string>;
using create_task_request_view = basic_create_task_request<std::string_view>;
using create_task_response = basic_create_task_response<std::string>;
using create_task_response_view = basic_create_task_response<std::string_view>;

// http.hpp, header_values.hpp, request_builder.hpp, client.hpp (client<Transport> itself is a
// constrained template: include client.hpp to name it)
struct http_header;
struct http_request;
struct http_response;
enum class token_scheme : std::uint8_t;
struct settings;
struct environment;
struct poll_options;

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_FWD_HPP

// ==== koodrive/ose/codec.hpp ====================================================================
// koodrive-ose: encode, decode and validate any described message: what to call.
//
// Declarations only: codec_impl.hpp has the definitions, and this header includes it at its end
// unless the compiled mode (KOODRIVE_OSE_COMPILED) makes the ten messages' functions elsewhere,
// so that a file using only those parses none of the JSON machinery (README, "Compile cost").
#ifndef KOODRIVE_OSE_CODEC_HPP
#define KOODRIVE_OSE_CODEC_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Checks every field constraint and cross-field rule of a request (responses are only checked
/// for valid UTF-8): the check before sending, so a failure is a local error. The error names
/// the JSON path of the first violation, in field order.
template <described T>
result<void> validate(const T& message);

/// The same check without allocating: true, with the first violation in `out`, when the message
/// breaks a rule (for loops that check many messages, such as fuzz and traffic generators).
template <described T>
bool find_violation(const T& message, violation& out);

/// Appends the JSON of `message` to `out` without validating it.
template <described T>
void encode_unchecked(const T& message, std::string& out);

/// Appends the JSON of `message` to `out`, checking every rule validate() checks while it
/// writes, in one pass (UTF-8 in the same pass as escaping): on failure nothing is appended,
/// and the error is the one validate() gives.
template <described T>
result<void> encode_to(const T& message, std::string& out);

/// Validates `message`, then writes it as compact JSON.
template <described T>
result<std::string> encode(const T& message);

/// Decodes `json`, a message received from the peer, into `out` (a reused message keeps its
/// capacity). A request is then validated (a server's view): a failure is the peer's invalid
/// request; for a response it is a malformed response.
template <described T>
result<void> decode_into(T& out, std::string_view json, const read_limits& limits = {});

/// The same without allocating on failure: false, with the failure (offset, path, expectation)
/// in `failure`; `failure.to_error(kind)` spells it out when wanted. For servers and fuzz loops
/// that reject many bodies.
template <described T>
bool decode_into(T& out, std::string_view json, violation& failure, const read_limits& limits = {});

/// View mode, for messages whose strings are std::string_view (the `*_view` aliases): strings
/// point into `json`, which must outlive `out`, or into `storage` when they had escapes.
template <described T>
result<void> decode_view(T& out, std::string_view json, unescape_storage& storage, const read_limits& limits = {});

/// Reads `json` into `out` with no rule checked, only JSON, types and limits (the counterpart of
/// encode_unchecked, for generators and tools that make rule-breaking messages on purpose):
/// false, with the failure in `failure`.
template <described T>
bool decode_unchecked(T& out, std::string_view json, violation& failure, const read_limits& limits = {});

/// Reads a `T` from `json` (strict RFC 8259, within `limits`), then validates it.
template <described T>
result<T> decode(std::string_view json, const read_limits& limits = {});

}  // namespace v1
}  // namespace koodrive::ose

#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#endif

#endif  // KOODRIVE_OSE_CODEC_HPP

// ==== koodrive/ose/detail/integer_text.hpp ======================================================
// koodrive-ose: a canonical integer read from text (no leading zero, no sign but '-'), shared by
// the codec (integers sent as strings) and query strings, and written as text (without
// <charconv>, which costs every translation unit more to parse than this does).
#ifndef KOODRIVE_OSE_DETAIL_INTEGER_TEXT_HPP
#define KOODRIVE_OSE_DETAIL_INTEGER_TEXT_HPP

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

/// "00" to "99": two digits per division, as most fast integer printers do.
inline constexpr auto digit_pairs = [] {
    struct table {
        char d[200]{};
    } t{};
    for (std::size_t i = 0; i < 100; ++i) {
        t.d[2 * i] = static_cast<char>('0' + i / 10);
        t.d[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return t;
}();

/// Writes `v` in decimal at `w` (room for 20 digits and a sign) and returns the end.
template <class I>
char* write_integer_text(char* w, I v) noexcept {
    using U = std::make_unsigned_t<I>;
    auto u = static_cast<U>(v);
    if constexpr (std::is_signed_v<I>) {
        if (v < 0) {
            *w++ = '-';
            u = static_cast<U>(U{0} - u);  // the magnitude, even of the lowest value
        }
    }
    std::size_t n = 1;  // digits, counted first so the pairs can be written from the end
    for (U rest = u; rest >= 10; rest = static_cast<U>(rest / 10)) ++n;
    char* const end = w + n;
    char* q = end;
    while (u >= 100) {
        const auto pair = static_cast<std::size_t>(u % 100) * 2;
        u = static_cast<U>(u / 100);
        q -= 2;
        q[0] = digit_pairs.d[pair];
        q[1] = digit_pairs.d[pair + 1];
    }
    if (const auto last = static_cast<std::size_t>(u) * 2; u >= 10) {
        q[-2] = digit_pairs.d[last];
        q[-1] = digit_pairs.d[last + 1];
    } else {
        q[-1] = static_cast<char>('0' + u);
    }
    return end;
}

/// A canonical integer as text: optional '-', then digits with no leading zero.
template <class I>
bool parse_integer_text(std::string_view t, I& out, bool& in_range) noexcept {
    in_range = true;
    std::size_t i = 0;
    const bool negative = !t.empty() && t[0] == '-';
    if (negative) i = 1;
    if (i == t.size()) return false;
    if (t[i] == '0' && t.size() > i + 1) return false;
    // Accumulate as a negative number so INT64_MIN fits.
    std::int64_t acc = 0;
    constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c < '0' || c > '9') return false;
        const int d = c - '0';
        if (acc < (lowest + d) / 10)
            in_range = false;
        else
            acc = acc * 10 - d;
    }
    if (!in_range) return true;
    if (!negative) {
        if (acc == lowest) {
            in_range = false;
            return true;
        }
        acc = -acc;
    }
    if (acc < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
        acc > static_cast<std::int64_t>(std::numeric_limits<I>::max())) {
        in_range = false;
        return true;
    }
    out = static_cast<I>(acc);
    return true;
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_INTEGER_TEXT_HPP

// ==== koodrive/ose/detail/scan.hpp ==============================================================
// koodrive-ose: finding the next byte of a JSON string that needs attention.
//
// Sixteen bytes at a time with SSE2 (the x86-64 baseline), then eight with SWAR, then one by
// one; each path stops at the first quote, backslash, control byte or non-ASCII byte.
#ifndef KOODRIVE_OSE_DETAIL_SCAN_HPP
#define KOODRIVE_OSE_DETAIL_SCAN_HPP

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

// ==== koodrive/ose/unescape_storage.hpp =========================================================
// koodrive-ose: where view mode (decode_view) keeps the strings that had escapes. An arena of
// blocks that never move, so every view into it stays valid until it is cleared or destroyed;
// it allocates nothing until a string with an escape needs room (most bodies have none), so a
// fresh storage per decode costs nothing.
#ifndef KOODRIVE_OSE_UNESCAPE_STORAGE_HPP
#define KOODRIVE_OSE_UNESCAPE_STORAGE_HPP

namespace koodrive::ose {
inline namespace v1 {

/// The strings view mode had to unescape: pass one to decode_view(); the `std::string_view`s of
/// the decoded message that had escapes point into it.
class unescape_storage {
public:
    /// Empty; allocates nothing.
    unescape_storage() noexcept = default;
    unescape_storage(const unescape_storage&) = delete;
    unescape_storage& operator=(const unescape_storage&) = delete;
    /// Moving keeps every view valid: the blocks themselves do not move.
    unescape_storage(unescape_storage&& other) noexcept
            : blocks_(static_cast<std::vector<block>&&>(other.blocks_)),
              next_(other.next_),
              left_(other.left_),
              count_(other.count_) {
        other.forget();
    }
    /// Drops what this one held (its views dangle), then takes `other`'s blocks, views kept valid.
    unescape_storage& operator=(unescape_storage&& other) noexcept {
        if (this != &other) {
            release();
            blocks_ = static_cast<std::vector<block>&&>(other.blocks_);
            next_ = other.next_;
            left_ = other.left_;
            count_ = other.count_;
            other.forget();
        }
        return *this;
    }
    /// Frees every block (the views into them dangle).
    ~unescape_storage() { release(); }

    /// How many strings it holds.
    [[nodiscard]] std::size_t size() const noexcept { return count_; }
    /// Whether it holds no string.
    [[nodiscard]] bool empty() const noexcept { return count_ == 0; }

    /// Drops every string (views into them dangle from here on); the largest block is kept, so a
    /// storage cleared between decodes stops allocating once it has grown.
    void clear() noexcept {
        if (blocks_.empty()) return;
        for (std::size_t i = 0; i + 1 < blocks_.size(); ++i) delete[] blocks_[i].data;
        blocks_.front() = blocks_.back();
        blocks_.resize(1);
        next_ = blocks_.front().data;
        left_ = blocks_.front().size;
        count_ = 0;
    }

    /// Room for a string of at most `n` bytes, to be written from the pointer returned, then
    /// ended by `commit` with its length (at most n). For the reader.
    char* reserve_string(std::size_t n) {
        if (n > left_) add_block(n);
        return next_;
    }
    /// Ends the string begun by the last reserve_string: its `length` bytes, as a view.
    std::string_view commit(std::size_t length) noexcept {
        const std::string_view s(next_, length);
        next_ += length;
        left_ -= length;
        ++count_;
        return s;
    }

private:
    struct block {
        char* data;
        std::size_t size;
    };
    static constexpr std::size_t first_block = 1024;

    void add_block(std::size_t n) {
        std::size_t size = blocks_.empty() ? first_block : 2 * blocks_.back().size;
        if (size < n) size = n;
        blocks_.reserve(blocks_.size() + 1);  // before new[]: nothing leaks if this throws
        blocks_.push_back(block{new char[size], size});
        next_ = blocks_.back().data;
        left_ = size;
    }
    void release() noexcept {
        for (const block& b : blocks_) delete[] b.data;
        forget();
    }
    void forget() noexcept {
        blocks_.clear();
        next_ = nullptr;
        left_ = 0;
        count_ = 0;
    }

    std::vector<block> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t count_ = 0;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_UNESCAPE_STORAGE_HPP

// ==== koodrive/ose/json_reader.hpp ==============================================================
// koodrive-ose: the JSON reader, a token cursor over the caller's bytes.
//
// It has no DOM and holds no strings: the codec asks it for the next key, string or number and
// stores the result straight into typed fields. Whatever it is not asked to decode it skips,
// while still checking it against RFC 8259, so an unknown field cannot smuggle malformed JSON
// through. One convention throughout: a function that can fail returns false after recording
// the failure (the byte offset of the first byte that cannot continue valid JSON and a static
// text of what was expected there) in the caller's `violation`, the same fixed-size record
// validation uses; the codec adds the JSON path while the failure travels back up, and only the
// public boundary spells it out as an `error`.
#ifndef KOODRIVE_OSE_JSON_READER_HPP
#define KOODRIVE_OSE_JSON_READER_HPP

namespace koodrive::ose {
inline namespace v1 {
namespace json {

inline constexpr std::size_t hard_max_depth = 1024;

/// What peek() returns at the end of the input (a NUL byte in the input is 0, not this).
inline constexpr int end_of_input = -1;

/// A JSON number as written, split into its parts (the text is validated).
struct number_token {
    std::string_view text;  ///< the whole number
    bool negative = false;
    bool integral = true;  ///< no fraction, no exponent
};

/// A string as written between its quotes (validated), and whether it holds an escape.
struct raw_string {
    std::string_view text;
    bool escaped = false;
};

class reader {
public:
    reader(std::string_view input, const read_limits& limits, violation& failure) noexcept
            : begin_(input.data()),
              p_(input.data()),
              end_(input.data() + input.size()),
              failure_(&failure),
              max_depth_(limits.max_depth > hard_max_depth ? hard_max_depth : limits.max_depth),
              max_input_(limits.max_input_bytes),
              max_string_(limits.max_string_bytes),
              max_elements_(limits.max_array_elements) {}

    // ---- state ---------------------------------------------------------------------------
    [[nodiscard]] std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
    [[nodiscard]] violation& failure() const noexcept { return *failure_; }

    /// Records a failure at the current position and returns false, so callers can `return fail(...)`.
    bool fail(errc code, std::string_view expected) const noexcept { return fail_at(offset(), code, expected); }
    bool fail_at(std::size_t at, errc code, std::string_view expected, std::string_view found = {}) const noexcept {
        failure_->set_expected(code, at, expected, found);
        return false;
    }

    // ---- document ------------------------------------------------------------------------
    [[gnu::always_inline]] bool begin_document() noexcept {  // once per document: no call
        if (static_cast<std::size_t>(end_ - begin_) > max_input_)
            return fail(errc::limit_exceeded, "a body no larger than the input limit");
        if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0)
            return fail(errc::syntax, "a JSON value, not a byte-order mark");
        skip_ws();
        return true;
    }
    bool end_document() noexcept {
        skip_ws();
        if (p_ != end_) return fail(errc::syntax, "end of input after the JSON value");
        return true;
    }

    // ---- tokens --------------------------------------------------------------------------
    [[gnu::always_inline]] void skip_ws() noexcept { p_ = after_ws(p_, end_); }
    [[nodiscard]] bool at_end() const noexcept { return p_ == end_; }
    /// The next byte, or end_of_input.
    [[nodiscard]] int peek() const noexcept { return p_ < end_ ? static_cast<unsigned char>(*p_) : end_of_input; }
    /// Consumes `null` when it is next.
    bool try_null() noexcept {
        if (end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
            p_ += 4;
            return true;
        }
        return false;
    }

    /// Object protocol: begin_container() at '{'; then next_key(first, more) until `more` is
    /// false ('}' consumed); with `more`, the cursor is at the key's opening quote: try_key(),
    /// try_key_token() or read_key(), then colon().
    /// Array protocol, the same shape: begin_container() at '['; next_element(count, more).
    [[gnu::always_inline]] bool begin_container() noexcept {
        if (++depth_ > max_depth_) return fail(errc::limit_exceeded, "nesting no deeper than the depth limit");
        ++p_;  // '{' or '['
        skip_ws();
        return true;
    }

    [[gnu::always_inline]] bool next_key(bool first, bool& more) noexcept {
        // Compact JSON first, inline: `,"` between members, `"` right after '{'.
        const std::ptrdiff_t comma = first ? 0 : 1;
        if (end_ - p_ > comma && p_[comma] == '"' && (first || *p_ == ',')) {
            p_ += comma;
            key_offset_ = offset();
            more = true;
            return true;
        }
        if (p_ != end_ && *p_ == '}') {  // the end, right after the last value
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        return next_key_slow(first, more);
    }
    [[gnu::noinline]] bool next_key_slow(bool first, bool& more) noexcept {
        skip_ws();
        if (p_ == end_) return fail(errc::syntax, first ? "a string key or '}'" : "',' or '}'");
        if (*p_ == '}') {
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        if (!first) {
            if (*p_ != ',') return fail(errc::syntax, "',' or '}'");
            ++p_;
            skip_ws();
        }
        if (p_ == end_ || *p_ != '"') return fail(errc::syntax, first ? "a string key or '}'" : "a string key");
        key_offset_ = offset();
        more = true;
        return true;
    }
    /// Consumes the key at the cursor when it is exactly `name` (plain ASCII, no escapes);
    /// false leaves the cursor where it was (not a failure).
    bool try_key(std::string_view name) noexcept {
        const std::size_t n = name.size();
        if (static_cast<std::size_t>(end_ - p_) < n + 2 || p_[n + 1] != '"' ||
            !ose::detail::equal_bytes(p_ + 1, name.data(), n))
            return false;
        p_ += n + 2;
        return true;
    }
    /// Consumes `"name":` (a key, its quotes and the colon, given whole) when it is next, and the
    /// whitespace after it. N is a compile-time constant, so the compare is a few loads.
    template <std::size_t N>
    [[gnu::always_inline]] bool try_key_token(const std::array<char, N>& token) noexcept {
        if (static_cast<std::size_t>(end_ - p_) < N || !ose::detail::equal_fixed<N>(p_, token.data())) return false;
        p_ += N;
        skip_ws();
        return true;
    }
    /// Reads the key at the cursor as written (validated); the caller unescapes it if it must.
    bool read_key(raw_string& key) noexcept { return scan(key); }
    /// Where the key returned by the last next_key() began.
    [[nodiscard]] std::size_t key_offset() const noexcept { return key_offset_; }
    bool colon() noexcept {
        if (end_ - p_ >= 2 && *p_ == ':' && !is_ws(p_[1])) [[likely]] {  // compact: `:` then the value
            ++p_;
            return true;
        }
        skip_ws();
        if (p_ == end_ || *p_ != ':') return fail(errc::syntax, "':' after the key");
        ++p_;
        skip_ws();
        return true;
    }

    [[gnu::always_inline]] bool next_element(std::size_t count, bool& more) noexcept {
        // Compact JSON first, inline: `,` right before the next value, or the closing ']'.
        if (end_ - p_ >= 2 && count != 0 && count < max_elements_ && *p_ == ',' && !is_ws(p_[1])) {
            ++p_;
            more = true;
            return true;
        }
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        return next_element_slow(count, more);
    }
    [[gnu::noinline]] bool next_element_slow(std::size_t count, bool& more) noexcept {
        skip_ws();
        if (p_ == end_) return fail(errc::syntax, count == 0 ? "a value or ']'" : "',' or ']'");
        if (*p_ == ']') {
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        if (count != 0) {
            if (*p_ != ',') return fail(errc::syntax, "',' or ']'");
            ++p_;
            skip_ws();
        }
        if (count >= max_elements_) return fail(errc::limit_exceeded, "no more array elements than the array limit");
        more = true;
        return true;
    }

    // How many elements an array may hold, from where its first element began (at) and the
    // input left after it: at least 1, at most the array limit and 4096.
    [[nodiscard]] std::size_t elements_left_guess(std::size_t at) const noexcept {
        const std::size_t first = offset() - at + 1;  // with its comma
        std::size_t n = 1 + static_cast<std::size_t>(end_ - p_) / first;
        if (n > max_elements_) n = max_elements_;
        return n < 4096 ? n : 4096;
    }

    // ---- strings -------------------------------------------------------------------------
    /// A string at '"', validated and measured before anything is stored, so that a string
    /// without escapes is copied once into storage of its final size.
    bool read_string(std::string& out) {
        raw_string s;
        if (!scan(s)) return false;
        if (!s.escaped) {
            if (s.text.size() > out.capacity()) {
                // A fresh (or too small) string: made at its size, and moved in. Cheaper than
                // growing it, which copies through the general mutation path.
                out = std::string(s.text.data(), s.text.size());
            } else {
                // Within the capacity: resize only moves the terminator when the old value was
                // as long (a reused message), then one copy. Cheaper than assign or append.
                out.resize(s.text.size());
                std::memcpy(out.data(), s.text.data(), s.text.size());
            }
        } else {
            out.clear();
            out.reserve(s.text.size());  // unescaping only shrinks
            unescape(s.text, out);
        }
        return true;
    }
    /// View mode: a view into the input when the string has no escape; an escaped one is
    /// unescaped into a new element of `storage` (whose elements never move).
    bool read_string_view(std::string_view& view, unescape_storage& storage) {
        raw_string s;
        if (!scan(s)) return false;
        if (!s.escaped) {
            view = s.text;
            return true;
        }
        // Unescaping only shrinks: the raw length is room enough (the bound never cuts).
        ose::detail::bounded_buffer out{storage.reserve_string(s.text.size()), s.text.size()};
        unescape(s.text, out);
        view = storage.commit(out.size);
        return true;
    }
    /// A string at '"', as written between its quotes.
    bool read_raw_string(raw_string& s) noexcept { return scan(s); }

    /// Unescapes a validated string body (from read_raw_string or read_key) by appending to `out`.
    static void unescape(std::string_view raw, std::string& out) { unescape_into(raw, out); }
    /// The same into a bounded buffer (a fixed_buffer): what does not fit sets its overflow.
    static void unescape(std::string_view raw, ose::detail::bounded_buffer& out) { unescape_into(raw, out); }

private:
    template <class Out>
    static void unescape_into(std::string_view raw, Out& out) {
        const char* p = raw.data();
        const char* const end = p + raw.size();
        while (p < end) {
            const char* run = p;
            while (p < end && *p != '\\') ++p;
            out.append(run, static_cast<std::size_t>(p - run));
            if (p == end) break;
            const char e = p[1];
            p += 2;
            if (e != 'u') {
                out.push_back(unescaped(e));
                continue;
            }
            std::uint32_t cp = hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate escape follows
                cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 2) - 0xDC00);
                p += 6;
            }
            char buf[4];
            out.append(buf, ose::detail::encode_utf8(cp, buf));
        }
    }

public:
    // ---- numbers -------------------------------------------------------------------------
    /// Reads a number at '-' or a digit, validating the full RFC 8259 grammar.
    bool read_number(number_token& num) noexcept {
        const char* start = p_;
        num.negative = *p_ == '-';
        const char* const expected = skip_number(p_, end_, num.integral);
        if (expected != nullptr) return fail(errc::syntax, expected);
        num.text = std::string_view(start, static_cast<std::size_t>(p_ - start));
        return true;
    }

    /// Reads an integer of at most 18 digits, the common case, in one pass. Returns false with
    /// the cursor unmoved when the number is anything else (the caller takes the full path);
    /// not a failure.
    [[gnu::always_inline]] bool try_small_integer(std::int64_t& v) noexcept {
        const char* q = p_;
        // One or two digits (the enums and counts of this API), with the byte after them,
        // decided in a few compares.
        if (end_ - q >= 3) {
            const auto digit = [](char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; };
            const auto ends_number = [](char c) { return c != '.' && c != 'e' && c != 'E'; };  // not a digit either
            if (const unsigned d0 = digit(q[0]); d0 <= 9) {
                if (const unsigned d1 = digit(q[1]); d1 > 9) {
                    if (ends_number(q[1])) {
                        v = d0;
                        p_ = q + 1;
                        return true;
                    }
                } else if (d0 != 0 && digit(q[2]) > 9 && ends_number(q[2])) {
                    v = d0 * 10 + d1;
                    p_ = q + 2;
                    return true;
                }
            }
        }
        const bool negative = q < end_ && *q == '-';
        if (negative) ++q;
        const char* digits = q;
        const char* const limit = end_ - q > 18 ? q + 18 : end_;  // one bound for both
        std::int64_t acc = 0;
        while (q < limit && is_digit(*q)) acc = acc * 10 + (*q++ - '0');
        const std::ptrdiff_t count = q - digits;
        if (count == 0 || (count > 1 && *digits == '0')) return false;
        if (q < end_ && (is_digit(*q) || *q == '.' || *q == 'e' || *q == 'E')) return false;
        v = negative ? -acc : acc;
        p_ = q;
        return true;
    }

    // ---- skipping ------------------------------------------------------------------------
    /// Skips any JSON value, checking it fully.
    bool skip_value() {
        skip_ws();
        if (p_ == end_) return fail(errc::syntax, "a value");
        const char c = *p_;
        if (c == '"') {
            raw_string s;
            return scan(s);
        }
        if (c == '-' || is_digit(c)) {
            std::int64_t ignored = 0;
            if (try_small_integer(ignored)) return true;  // the usual integer, without a call
            number_token num;
            return read_number(num);
        }
        if (c == '{' || c == '[') return skip_container();
        return skip_literal();
    }

private:
    static constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
    static constexpr bool is_ws(char c) noexcept {
        // Most tokens follow each other directly: one compare decides.
        return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    }
    [[gnu::always_inline]] static const char* after_ws(const char* p, const char* end) noexcept {
        while (p < end && is_ws(*p)) ++p;
        return p;
    }
    /// The closing quote of a string at '"' (p) that is plain ASCII, no escape, within the
    /// string limit: the common case, decided without a call. nullptr for anything else.
    [[gnu::always_inline]] const char* plain_string_end(const char* p) const noexcept {
        const char* const q = ose::detail::find_plain_string_quote(begin_, p + 1, end_);
        return q != nullptr && static_cast<std::size_t>(q - p - 1) <= max_string_ ? q : nullptr;
    }

    /// Moves p over a number at '-' or a digit (RFC 8259 grammar). Returns nullptr, or what was
    /// expected where p stopped; `integral` says whether it had neither fraction nor exponent.
    [[gnu::always_inline]] static const char* skip_number(const char*& p, const char* end, bool& integral) noexcept {
        integral = true;
        if (*p == '-') ++p;
        if (p == end || !is_digit(*p)) return "a digit";
        if (*p == '0') {
            ++p;
        } else {
            while (p < end && is_digit(*p)) ++p;
        }
        if (p < end && *p == '.') {
            integral = false;
            ++p;
            if (p == end || !is_digit(*p)) return "a digit after '.'";
            while (p < end && is_digit(*p)) ++p;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            integral = false;
            ++p;
            if (p < end && (*p == '+' || *p == '-')) ++p;
            if (p == end || !is_digit(*p)) return "a digit in the exponent";
            while (p < end && is_digit(*p)) ++p;
        }
        return nullptr;
    }

    /// Iterative, so a deep input costs no stack; out of line, so that its frame (a bit per
    /// open container and a count per open array) is paid only when a container is skipped.
    /// The cursor and the innermost container's state stay in locals while it runs; a string
    /// with an escape or a non-ASCII byte, a literal and every failure take the general path.
    [[gnu::noinline]] bool skip_container() {
        std::uint64_t kinds[hard_max_depth / 64];  // a bit per open container: 1 for an object
        std::uint32_t counts[hard_max_depth];      // each enclosing container's count, kept
        std::size_t open = 0;                      // containers this skip opened and not closed
        std::uint32_t count = 0;                   // elements (members) of the innermost so far
        bool object = false;                       // the innermost is an object
        const char* p = p_;
        const char* const end = end_;
        auto stop = [&](errc code, std::string_view expected) {
            p_ = p;
            return fail(code, expected);
        };
        auto ws = [&]() __attribute__((always_inline)) { p = after_ws(p, end); };
        auto string = [&]() __attribute__((always_inline)) {  // at '"'
            if (const char* q = plain_string_end(p)) [[likely]] {
                p = q + 1;
                return true;
            }
            p_ = p;
            raw_string s;
            if (!scan_slow(s)) return false;
            p = p_;
            return true;
        };
        auto member = [&](std::string_view expected)
            __attribute__((always_inline)) {  // `"key":` and the whitespace after it
            if (p == end || *p != '"') return stop(errc::syntax, expected);
            if (!string()) return false;
            ws();
            if (p == end || *p != ':') return stop(errc::syntax, "':' after the key");
            ++p;
            ws();
            return true;
        };
        for (;;) {
            // At a value (skip_value() or the code below stopped there, after whitespace).
            const char c = *p;
            if (c == '{' || c == '[') {
                if (depth_ + open >= max_depth_)
                    return stop(errc::limit_exceeded, "nesting no deeper than the depth limit");
                if (open % 64 == 0) kinds[open / 64] = 0;  // a word is read only after this
                object = c == '{';
                const std::uint64_t bit = std::uint64_t{1} << (open % 64);
                kinds[open / 64] = object ? kinds[open / 64] | bit : kinds[open / 64] & ~bit;
                counts[open] = count;
                ++open;
                count = 0;
                ++p;
                ws();
                if (p == end) return stop(errc::syntax, object ? "a string key or '}'" : "a value or ']'");
                if (*p != (object ? '}' : ']')) {
                    if (object) {
                        if (!member("a string key or '}'")) return false;
                    } else if (max_elements_ == 0) {
                        return stop(errc::limit_exceeded, "no more array elements than the array limit");
                    }
                    count = 1;
                    if (p == end) return stop(errc::syntax, "a value");
                    continue;
                }
                // Empty: closed below.
            } else if (c == '"') {
                if (!string()) return false;
            } else if (c == '-' || is_digit(c)) {
                bool integral = true;
                if (const char* expected = skip_number(p, end, integral); expected != nullptr)
                    return stop(errc::syntax, expected);
            } else {
                p_ = p;
                if (!skip_literal()) return false;
                p = p_;
            }
            // After a value (or inside an empty container): the next one, or the ends here.
            for (;;) {
                ws();
                const char close = object ? '}' : ']';
                if (p != end && *p == ',') {
                    ++p;
                    ws();
                    if (object) {
                        if (!member("a string key")) return false;
                    } else if (count >= max_elements_) {
                        return stop(errc::limit_exceeded, "no more array elements than the array limit");
                    }
                    ++count;
                    if (p == end) return stop(errc::syntax, "a value");
                    break;
                }
                if (p == end || *p != close) return stop(errc::syntax, object ? "',' or '}'" : "',' or ']'");
                ++p;
                if (--open == 0) {
                    p_ = p;
                    return true;
                }
                count = counts[open];
                object = (kinds[(open - 1) / 64] >> ((open - 1) % 64) & 1) != 0;
            }
        }
    }

    bool skip_literal() noexcept {
        auto lit = [&](const char* w, std::size_t n) {
            if (static_cast<std::size_t>(end_ - p_) >= n && std::memcmp(p_, w, n) == 0) {
                p_ += n;
                return true;
            }
            return false;
        };
        if (lit("true", 4) || lit("false", 5) || lit("null", 4)) return true;
        return fail(errc::syntax, "a value");
    }

    static int hex_value(char c) noexcept {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    static std::uint32_t hex4(const char* p) noexcept {  // four validated hex digits
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 4) | static_cast<std::uint32_t>(hex_value(p[i]));
        return v;
    }
    static char unescaped(char e) noexcept {
        switch (e) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        default: return e;  // '"', '\\', '/'
        }
    }
    /// Checks 4 hex digits at p_ (after "\u") and reads them.
    bool read_hex4(std::uint32_t& v) noexcept {
        std::uint32_t acc = 0;  // checked and read in one pass
        for (int i = 0; i < 4; ++i) {
            const int h = p_ + i == end_ ? -1 : hex_value(p_[i]);
            if (h < 0) {
                p_ += i;  // the first byte that is not a hex digit
                return fail(errc::syntax, "four hex digits after \\u");
            }
            acc = acc << 4 | static_cast<std::uint32_t>(h);
        }
        v = acc;
        p_ += 4;
        return true;
    }

    /// Scans and validates a string at '"': its body, and whether it holds an escape. Plain
    /// ASCII up to the closing quote is decided here, without a call (so without saving
    /// registers); anything else takes the loop out of line.
    bool scan(raw_string& s) noexcept {
        if (const char* q = plain_string_end(p_)) [[likely]] {
            const char* const start = p_ + 1;
            s.text = std::string_view(start, static_cast<std::size_t>(q - start));
            s.escaped = false;
            p_ = q + 1;
            return true;
        }
        return scan_slow(s);
    }
    [[gnu::noinline]] bool scan_slow(raw_string& s) noexcept {
        ++p_;  // opening quote
        const char* const start = p_;
        s.escaped = false;
        for (;;) {
            p_ = ose::detail::find_string_special(p_, end_);
            if (static_cast<std::size_t>(p_ - start) > max_string_) {
                p_ = start + max_string_;
                return fail(errc::limit_exceeded, "a string no longer than the string limit");
            }
            if (p_ == end_) return fail(errc::syntax, "'\"' to end the string");
            const auto u = static_cast<unsigned char>(*p_);
            if (u == '"') {
                s.text = std::string_view(start, static_cast<std::size_t>(p_ - start));
                ++p_;
                return true;
            }
            if (u < 0x20) return fail(errc::syntax, "no raw control character in a string (escape it)");
            if (u >= 0x80) {
                const std::size_t len = ose::detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(p_),
                                                                          static_cast<std::size_t>(end_ - p_));
                if (len == 0) return fail(errc::invalid_utf8, "valid UTF-8");
                p_ += len;
                continue;
            }
            if (!scan_escape()) return false;
            s.escaped = true;
        }
    }
    /// Checks the escape at '\\'.
    bool scan_escape() noexcept {
        ++p_;
        if (p_ == end_) return fail(errc::syntax, "an escape character after '\\'");
        const char e = *p_;
        switch (e) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't': ++p_; return true;
        case 'u': break;
        default: return fail(errc::syntax, R"(one of " \ / b f n r t u after '\')");
        }
        ++p_;
        const std::size_t escape_at = offset() - 2;
        std::uint32_t cp = 0;
        if (!read_hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail_at(escape_at, errc::invalid_utf8, "no lone low surrogate escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                return fail_at(escape_at, errc::invalid_utf8, "a low surrogate escape after a high surrogate");
            p_ += 2;
            std::uint32_t lo = 0;
            if (!read_hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return fail_at(escape_at, errc::invalid_utf8, "a low surrogate escape after a high surrogate");
        }
        return true;
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    violation* failure_;
    std::size_t depth_ = 0;
    std::size_t key_offset_ = 0;
    std::size_t max_depth_;
    std::size_t max_input_;
    std::size_t max_string_;
    std::size_t max_elements_;
};

/// Checks that `input` is one JSON text within the limits (RFC 8259, UTF-8), without decoding.
inline result<void> validate(std::string_view input, const read_limits& limits = {}) {
    violation v;
    reader r(input, limits, v);
    if (r.begin_document() && r.skip_value() && r.end_document()) return {};
    return v.to_error(error_kind::malformed_response);
}

}  // namespace json
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_JSON_READER_HPP

// ==== koodrive/ose/json_writer.hpp ==============================================================
// koodrive-ose: the JSON writer. It appends to a caller's std::string through a raw cursor,
// growing the string like a vector, so encoding into a reused buffer allocates nothing once
// the buffer has grown. Strings are escaped exactly as RFC 8259 requires (quote, backslash,
// controls); everything else, UTF-8 included, is copied.
#ifndef KOODRIVE_OSE_JSON_WRITER_HPP
#define KOODRIVE_OSE_JSON_WRITER_HPP

#include <concepts>
#include <exception>

namespace koodrive::ose {
inline namespace v1 {
namespace json {

namespace detail {

/// The escape of each byte: 0 = copy as is, 'u' = \u00XX, else the letter after the backslash.
inline constexpr auto escape_table = [] {
    struct table {
        char e[256]{};
    } t{};
    for (int c = 0; c < 0x20; ++c) t.e[c] = 'u';
    t.e[static_cast<unsigned char>('\b')] = 'b';
    t.e[static_cast<unsigned char>('\f')] = 'f';
    t.e[static_cast<unsigned char>('\n')] = 'n';
    t.e[static_cast<unsigned char>('\r')] = 'r';
    t.e[static_cast<unsigned char>('\t')] = 't';
    t.e[static_cast<unsigned char>('"')] = '"';
    t.e[static_cast<unsigned char>('\\')] = '\\';
    return t;
}();

}  // namespace detail

/// Appends to a std::string through a cursor. The first bytes go to a buffer of its own and
/// reach the string in one append at finish() (which the destructor also calls): a small
/// message costs one copy instead of sizing the string twice, and a fresh string allocates once,
/// at its final size. Longer output moves to the string itself, which is then sized a window
/// ahead of what is written (resize() within the capacity, so reserve() space is used without
/// reallocating) and cut to what was written at finish(). Past 4 KiB the window grows by a
/// quarter at a time rather than to the whole capacity at once, because C++20's resize()
/// zero-fills: a reused buffer of 128 KiB would be cleared whole for every message.
class output {
public:
    /// Appends to `s`, which it grows as needed.
    explicit output(std::string& s) noexcept : s_(s), start_(s.size()) {}
    output(const output&) = delete;
    output& operator=(const output&) = delete;
    /// Calls finish(), unless an exception is unwinding and the message, still in the own
    /// buffer, does not fit the string's capacity: an append that allocates could throw again,
    /// so the string then keeps what it held. Call finish() where an allocation failure must
    /// reach the caller; the library's encoders do.
    ~output() {
        if (p_ == nullptr) return;
        if (in_string_ || s_.capacity() - s_.size() >= static_cast<std::size_t>(p_ - first_) ||
            std::uncaught_exceptions() == 0)
            finish();
    }

    /// Room for n more bytes at cursor().
    [[gnu::always_inline]] char* ensure(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n) [[unlikely]]
            grow(n);
        return p_;
    }
    /// Where the next byte goes.
    [[nodiscard]] char* cursor() const noexcept { return p_; }
    /// Marks the bytes up to `p` as written (after writing through cursor()).
    void advance_to(char* p) noexcept { p_ = p; }

    /// Appends one byte.
    [[gnu::always_inline]] void put(char c) {
        *ensure(1) = c;
        ++p_;
    }
    /// Appends `s`.
    void put(std::string_view s) {
        std::memcpy(ensure(s.size()), s.data(), s.size());
        p_ += s.size();
    }
    /// Drops everything written through this output.
    void rollback() noexcept { p_ = in_string_ ? s_.data() + start_ : first_; }
    /// Puts what was written into the string (once; later calls do nothing).
    void finish() {
        if (p_ == nullptr) return;
        if (in_string_)
            s_.resize(static_cast<std::size_t>(p_ - s_.data()));
        else
            s_.append(first_, static_cast<std::size_t>(p_ - first_));
        p_ = end_ = nullptr;
    }

private:
    static constexpr std::size_t first_size = 512;
    static constexpr std::size_t big = 4096;  // a window beyond this grows by a quarter
    static constexpr std::size_t slack = 64;
    [[gnu::noinline]] void grow(std::size_t n) {
        if (!in_string_) {  // move to the string: at least the capacity it has, up to 4 KiB
            const auto used = static_cast<std::size_t>(p_ - first_);
            const std::size_t room = s_.capacity() - start_;
            std::size_t window = room < 2 * first_size ? 2 * first_size : room > big ? big : room;
            if (window < used + n + slack) window = used + n + slack;
            s_.resize(start_ + window);
            std::memcpy(s_.data() + start_, first_, used);
            in_string_ = true;
            p_ = s_.data() + start_ + used;
            end_ = s_.data() + s_.size();
            return;
        }
        const auto used = static_cast<std::size_t>(p_ - s_.data());
        const std::size_t want = used + n + slack;
        const std::size_t size = s_.size();
        const std::size_t step = size < big ? 2 * size : size + size / 4;  // (the capacity doubles anyway)
        s_.resize(want > step ? want : step);
        p_ = s_.data() + used;
        end_ = s_.data() + s_.size();
    }

    std::string& s_;
    std::size_t start_;
    bool in_string_ = false;
    char* p_ = first_;
    char* end_ = first_ + first_size;
    char first_[first_size];
};

/// Copies the bytes of [p, end) to w up to the first that needs attention (an escape, or with
/// CheckUtf8 a non-ASCII byte), sixteen at a time (SSE2) or eight (SWAR) while they last; may
/// store up to 16 bytes past what it copies. Advances p and w.
template <bool CheckUtf8>
[[gnu::always_inline]] inline void copy_plain(const char*& p, const char* end, char*& w) noexcept {
    const char* const first = p;  // from here on, input and output bytes correspond one to one
    auto done = [&] {
        w += end - p;
        p = end;
    };
#ifdef KOODRIVE_OSE_SSE2
    auto stop_at = [&](unsigned mask) {  // at the first flagged byte of a 16-byte block
        const auto n = static_cast<unsigned>(std::countr_zero(mask));
        p += n;
        w += n;
    };
    while (end - p >= 16) {
        __m128i x;
        const unsigned mask = ose::detail::escape_mask16<CheckUtf8>(p, x);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w), x);
        if (mask != 0) return stop_at(mask);
        p += 16;
        w += 16;
    }
    if (end - p >= 4 && end - first >= 16) {
        // A tail of 4 to 15 bytes as the last sixteen, overlapping some just copied (stored
        // again, the same); a shorter one is cheaper byte by byte.
        const auto back = static_cast<unsigned>(16 - (end - p));
        __m128i x;
        const unsigned mask = ose::detail::escape_mask16<CheckUtf8>(end - 16, x) >> back;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w - back), x);
        if (mask != 0) return stop_at(mask);
        return done();
    }
#endif
    // A short string: its first and last eight (or four) bytes, overlapping, decide at once.
    if (const auto n = static_cast<std::size_t>(end - p); n >= 8 && n < 16) {
        const std::uint64_t a = ose::detail::load8(p), b = ose::detail::load8(end - 8);
        if (!ose::detail::string_chunk_is_special(a, CheckUtf8) &&
            !ose::detail::string_chunk_is_special(b, CheckUtf8)) {
            std::memcpy(w, &a, 8);
            std::memcpy(w + n - 8, &b, 8);
            return done();
        }
    } else if (n >= 4 && n < 8) {
        const std::uint32_t a = ose::detail::load4(p), b = ose::detail::load4(end - 4);
        if (!ose::detail::string_chunk_is_special(a | std::uint64_t{b} << 32, CheckUtf8)) {
            std::memcpy(w, &a, 4);
            std::memcpy(w + n - 4, &b, 4);
            return done();
        }
    }
    while (end - p >= 8) {
        const std::uint64_t x = ose::detail::load8(p);
        if (ose::detail::string_chunk_is_special(x, CheckUtf8)) break;
        std::memcpy(w, &x, 8);
        w += 8;
        p += 8;
    }
    while (p < end) {
        const auto u = static_cast<unsigned char>(*p);
        if (detail::escape_table.e[u] != 0 || (CheckUtf8 && u >= 0x80)) break;
        *w++ = *p++;
    }
}

/// Writes s as a JSON string (with quotes). With CheckUtf8, returns false at the first byte
/// that is not valid UTF-8 (what was written is then garbage; the caller rolls back).
template <bool CheckUtf8>
bool write_string(output& out, std::string_view s) {
    // Room for the quotes and for the sixteen-byte stores running past the end; escapes ask more.
    constexpr std::size_t overrun = 16;
    char* w = out.ensure(s.size() + 2 + overrun);
    *w++ = '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    for (;;) {
        copy_plain<CheckUtf8>(p, end, w);
        if (p == end) break;
        const auto u = static_cast<unsigned char>(*p);
        if (CheckUtf8 && u >= 0x80) {
            const std::size_t len = ose::detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(p),
                                                                      static_cast<std::size_t>(end - p));
            if (len == 0) return false;
            std::memcpy(w, p, len);  // room: len bytes of input were counted in ensure()
            w += len;
            p += len;
            continue;
        }
        // An escape: up to 6 bytes for 1, so ask for 5 more than counted.
        out.advance_to(w);
        w = out.ensure(static_cast<std::size_t>(end - p) + 2 + overrun + 5);
        const char e = detail::escape_table.e[u];
        *w++ = '\\';
        if (e == 'u') {
            static constexpr char hex[] = "0123456789abcdef";
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[u >> 4];
            *w++ = hex[u & 0xF];
        } else {
            *w++ = e;
        }
        ++p;
    }
    *w++ = '"';
    out.advance_to(w);
    return true;
}

/// Writes an integer in decimal, without locale.
template <std::integral I>
[[gnu::always_inline]] inline void write_integer(output& out, I v) {
    char* w = out.ensure(24);
    // Most numbers of the API (types, statuses, codes, progress) are below 100: written here,
    // inline; the rest by the general writer.
    bool small = false;  // (widened first: a comparison on a narrow type may be always true)
    if constexpr (std::is_signed_v<I>)
        small = static_cast<long long>(v) >= 0 && static_cast<long long>(v) < 100;
    else
        small = static_cast<unsigned long long>(v) < 100;
    if (small) {
        const auto u = static_cast<std::size_t>(v);
        if (u < 10) {
            *w = static_cast<char>('0' + u);
            out.advance_to(w + 1);
        } else {
            w[0] = ose::detail::digit_pairs.d[2 * u];
            w[1] = ose::detail::digit_pairs.d[2 * u + 1];
            out.advance_to(w + 2);
        }
        return;
    }
    out.advance_to(ose::detail::write_integer_text(w, v));
}

/// The same, appending to a plain string (for callers outside the codec).
inline void write_string(std::string& out, std::string_view s) {
    output o(out);
    write_string<false>(o, s);
    o.finish();
}
template <std::integral I>
void write_integer(std::string& out, I v) {
    char buf[24];
    out.append(buf, static_cast<std::size_t>(ose::detail::write_integer_text(buf, v) - buf));
}

}  // namespace json
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_JSON_WRITER_HPP

// ==== koodrive/ose/enums.hpp ====================================================================
// koodrive-ose: the API's enumerations, each with its constexpr table.
//
// Every enum's underlying value is its wire number, so a response can carry a value the
// table does not know (a newer server may add one) and it is kept as is; requests only take
// values from the table.
#ifndef KOODRIVE_OSE_ENUMS_HPP
#define KOODRIVE_OSE_ENUMS_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Batch task types (create batch task `taskType`, list `type`, JobInfo `taskType`).
enum class batch_task_type : std::int32_t {
    copy = 1,
    remove = 2,
    move = 3,
    restore = 4,
    decompress = 5,
    package_download = 6,
    clear_recycle_bin = 7,
};
template <>
struct enum_table<batch_task_type> {
    using E = batch_task_type;
    static constexpr std::array<enum_entry<E>, 7> entries{{
        {E::copy, 1, "copy"},
        {E::remove, 2, "remove"},
        {E::move, 3, "move"},
        {E::restore, 4, "restore"},
        {E::decompress, 5, "decompress"},
        {E::package_download, 6, "package_download"},
        {E::clear_recycle_bin, 7, "clear_recycle_bin"},
    }};
};

/// Batch action types: a subdivision of the task type (its hundreds digit).
enum class batch_action_type : std::int32_t {
    copy_dump = 101,
    logical_delete = 201,
    permanent_delete = 202,
    move = 301,
    preview_archive = 501,
    decompress_full = 502,
    decompress_partial = 503,
    clear_recycle_bin = 701,
};
template <>
struct enum_table<batch_action_type> {
    using E = batch_action_type;
    static constexpr std::array<enum_entry<E>, 8> entries{{
        {E::copy_dump, 101, "copy_dump"},
        {E::logical_delete, 201, "logical_delete"},
        {E::permanent_delete, 202, "permanent_delete"},
        {E::move, 301, "move"},
        {E::preview_archive, 501, "preview_archive"},
        {E::decompress_full, 502, "decompress_full"},
        {E::decompress_partial, 503, "decompress_partial"},
        {E::clear_recycle_bin, 701, "clear_recycle_bin"},
    }};
};

/// The task type an action type belongs to: its hundreds digit.
constexpr batch_task_type task_type_of(batch_action_type a) noexcept {
    return static_cast<batch_task_type>(static_cast<std::int32_t>(a) / 100);
}

/// Status of a batch job or a share task.
enum class job_status : std::int32_t { pending = 0, processing = 1, completed = 2, canceled = 3 };
template <>
struct enum_table<job_status> {
    using E = job_status;
    static constexpr std::array<enum_entry<E>, 4> entries{{
        {E::pending, 0, "pending"},
        {E::processing, 1, "processing"},
        {E::completed, 2, "completed"},
        {E::canceled, 3, "canceled"},
    }};
};

/// A job has ended when it is completed or canceled.
constexpr bool is_final(job_status s) noexcept { return s == job_status::completed || s == job_status::canceled; }

/// Outcome of a finished task.
enum class task_result : std::int32_t { all_succeeded = 1, partially_failed = 2, all_failed = 3 };
template <>
struct enum_table<task_result> {
    using E = task_result;
    static constexpr std::array<enum_entry<E>, 3> entries{{
        {E::all_succeeded, 1, "all_succeeded"},
        {E::partially_failed, 2, "partially_failed"},
        {E::all_failed, 3, "all_failed"},
    }};
};

/// Share task types (create share task `taskType`).
enum class share_task_type : std::int32_t { package_download = 1, dump = 2 };
template <>
struct enum_table<share_task_type> {
    using E = share_task_type;
    static constexpr std::array<enum_entry<E>, 2> entries{{
        {E::package_download, 1, "package_download"},
        {E::dump, 2, "dump"},
    }};
};

/// Transfer task types (create task `taskType`).
enum class transfer_task_type : std::int32_t { transfer_and_delete = 0, batch_import = 1 };
template <>
struct enum_table<transfer_task_type> {
    using E = transfer_task_type;
    static constexpr std::array<enum_entry<E>, 2> entries{{
        {E::transfer_and_delete, 0, "transfer_and_delete"},
        {E::batch_import, 1, "batch_import"},
    }};
};

static_assert(enum_table_is_sound<batch_task_type>());
static_assert(enum_table_is_sound<batch_action_type>());
static_assert(enum_table_is_sound<job_status>());
static_assert(enum_table_is_sound<task_result>());
static_assert(enum_table_is_sound<share_task_type>());
static_assert(enum_table_is_sound<transfer_task_type>());

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ENUMS_HPP

// ==== koodrive/ose/messages/batch_tasks.hpp =====================================================
// koodrive-ose: batch tasks. Create one (POST /koodrive/ose/v1/jobs) and list them
// (GET /koodrive/ose/v1/jobs?offset=&limit=[&type=][&status=]).
#ifndef KOODRIVE_OSE_MESSAGES_BATCH_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_BATCH_TASKS_HPP

namespace koodrive::ose {
inline namespace v1 {

// ---- create batch task ---------------------------------------------------------------------

/// A file of a batch task (fileInfo[]): its ID and, for some actions, its path.
template <class String = std::string>
struct basic_file_info {
    std::optional<String> fileId;    ///< every entry but for taskType 7
    std::optional<String> filePath;  ///< required with actionType 201 (drives restoration)
};
using file_info = basic_file_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using file_info_view = basic_file_info<std::string_view>;

/// What a batch task works on (taskInfo): the source container and its files.
template <class String = std::string>
struct basic_batch_task_info {
    std::vector<basic_file_info<String>> fileInfo;  ///< at least one, but for taskType 7
    std::optional<String> newFilePath;              ///< required for taskType 1 and 3
    String srcContainerId;                          ///< the container the files come from
    std::vector<String> uncompressFilePaths;        ///< only, and then required, with actionType 503
};
using batch_task_info = basic_batch_task_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using batch_task_info_view = basic_batch_task_info<std::string_view>;

/// Create batch task request (POST /koodrive/ose/v1/jobs): copy, move, delete, ... files.
template <class String = std::string>
struct basic_create_batch_task_request {
    std::optional<batch_task_type> taskType;      ///< required: unset is an error, not a default
    std::optional<batch_action_type> actionType;  ///< the action within the task type
    basic_batch_task_info<String> taskInfo;       ///< what the task works on
    String dstContainerId;                        ///< the destination container
    std::optional<String> password;               ///< only with taskType 5; a secret
};
using create_batch_task_request = basic_create_batch_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_batch_task_request_view = basic_create_batch_task_request<std::string_view>;

/// Create batch task response: `data` is the new task ID.
template <class String = std::string>
struct basic_create_batch_task_response {
    String code;  ///< the API's code, as text ("0" is success)
    String msg;   ///< the API's message
    String data;  ///< the task ID
};
using create_batch_task_response = basic_create_batch_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_batch_task_response_view = basic_create_batch_task_response<std::string_view>;

template <class String>
struct description<basic_file_info<String>> {
    using T = basic_file_info<String>;
    static constexpr std::string_view name = "file_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(field(&T::fileId, "fileId"), field(&T::filePath, "filePath"));
};

template <class String>
struct description<basic_batch_task_info<String>> {
    using T = basic_batch_task_info<String>;
    static constexpr std::string_view name = "batch_task_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(
        field(&T::fileInfo, "fileInfo").items(0, 1000000), field(&T::newFilePath, "newFilePath"),
        field(&T::srcContainerId, "srcContainerId").required(), field(&T::uncompressFilePaths, "uncompressFilePaths"));
};

template <class String>
struct description<basic_create_batch_task_request<String>> {
    using T = basic_create_batch_task_request<String>;
    static constexpr std::string_view name = "create_batch_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(
        field(&T::taskType, "taskType").required(), field(&T::actionType, "actionType"),
        field(&T::taskInfo, "taskInfo").required(), field(&T::dstContainerId, "dstContainerId").required(),
        field(&T::password, "password").secret());

    /// Checked in field order, after every field's own type and range.
    static rule_check rules(const T& m) {
        if (!m.taskType) return rules_hold;  // reported as required, before the rules run
        const auto type = *m.taskType;
        const auto action = m.actionType;
        if (action && task_type_of(*action) != type)
            return rule_broken(".actionType", "must belong to the taskType (its hundreds digit is the taskType)");
        const auto& info = m.taskInfo;
        const bool clearing = type == batch_task_type::clear_recycle_bin;
        if (info.fileInfo.empty() && !clearing)
            return rule_broken(".taskInfo.fileInfo",
                               "must have at least one entry (only taskType 7 may leave it empty)");
        for (std::size_t i = 0; i < info.fileInfo.size(); ++i) {
            const auto& entry = info.fileInfo[i];
            if (!entry.fileId && !clearing)
                return rule_broken(".taskInfo.fileInfo", i, ".fileId", "required on every entry (but for taskType 7)");
            if (!entry.filePath && action == batch_action_type::logical_delete)
                return rule_broken(".taskInfo.fileInfo", i, ".filePath",
                                   "required on every entry with actionType 201 (logical deletion)");
        }
        if (!info.newFilePath && (type == batch_task_type::copy || type == batch_task_type::move))
            return rule_broken(".taskInfo.newFilePath",
                               "required for taskType 1 and 3 (a copy or move needs a destination)");
        const bool partial = action == batch_action_type::decompress_partial;
        if (partial && info.uncompressFilePaths.empty())
            return rule_broken(".taskInfo.uncompressFilePaths",
                               "required, with at least one entry, with actionType 503 (partial decompression)");
        if (!partial && !info.uncompressFilePaths.empty())
            return rule_broken(".taskInfo.uncompressFilePaths",
                               "allowed only with actionType 503 (partial decompression)");
        if (m.password && type != batch_task_type::decompress)
            return rule_broken(".password", "allowed only with taskType 5 (cloud decompression)");
        return rules_hold;
    }
};

template <class String>
struct description<basic_create_batch_task_response<String>> {
    using T = basic_create_batch_task_response<String>;
    static constexpr std::string_view name = "create_batch_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"),
                                                   field(&T::data, "data").required_on_success());
};

// ---- list batch tasks ----------------------------------------------------------------------

/// Sent as a query string, not a body; offset 0 is the first page. Both offset and limit are
/// required and have no default: a request that forgets one is an error, not page 1 of 100.
struct list_batch_tasks_request {
    std::optional<std::int64_t> offset;   ///< the first job to list, from 0; required
    std::optional<std::int32_t> limit;    ///< jobs per page, 1-100; required
    std::optional<batch_task_type> type;  ///< only jobs of this type
    std::optional<job_status> status;     ///< only jobs in this state
};

/// A batch job as listed (list batch tasks `data[]`).
template <class String = std::string>
struct basic_batch_job_info {
    String taskId;                   ///< the task ID (digits)
    batch_task_type taskType{};      ///< the kind of task
    batch_action_type actionType{};  ///< the action within the task type
    job_status status{};             ///< only jobs in this state
    task_result taskResultCode{};    ///< how the task ended
    std::int32_t resultCode = 0;     ///< the result code of the job
    std::int32_t contentNum = 0;     ///< how many items the job covers
    String containerId;              ///< the container
    String tenantId;                 ///< the tenant
    String beginTime;                ///< yyyyMMddHHmmss, UTC; see parse_compact_time()
    String endTime;                  ///< yyyyMMddHHmmss, UTC; empty until it ends
    String createTime;               ///< yyyyMMddHHmmss, UTC
};
using batch_job_info = basic_batch_job_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using batch_job_info_view = basic_batch_job_info<std::string_view>;

/// List batch tasks response: one page of jobs.
template <class String = std::string>
struct basic_list_batch_tasks_response {
    String code;                                     ///< the API's code, as text ("0" is success)
    String msg;                                      ///< the API's message
    std::vector<basic_batch_job_info<String>> data;  ///< the jobs of this page
};
using list_batch_tasks_response = basic_list_batch_tasks_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using list_batch_tasks_response_view = basic_list_batch_tasks_response<std::string_view>;

template <>
struct description<list_batch_tasks_request> {
    using T = list_batch_tasks_request;
    static constexpr std::string_view name = "list_batch_tasks_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::offset, "offset").required().range(0, no_max),
                                                   field(&T::limit, "limit").required().range(1, 100),
                                                   field(&T::type, "type"), field(&T::status, "status"));
};

template <class String>
struct description<basic_batch_job_info<String>> {
    using T = basic_batch_job_info<String>;
    static constexpr std::string_view name = "batch_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(
        field(&T::taskId, "taskId"), field(&T::taskType, "taskType"), field(&T::actionType, "actionType"),
        field(&T::status, "status"), field(&T::taskResultCode, "taskResultCode"), field(&T::resultCode, "resultCode"),
        field(&T::contentNum, "contentNum"), field(&T::containerId, "containerId"), field(&T::tenantId, "tenantId"),
        field(&T::beginTime, "beginTime"), field(&T::endTime, "endTime"), field(&T::createTime, "createTime"));
};

template <class String>
struct description<basic_list_batch_tasks_response<String>> {
    using T = basic_list_batch_tasks_response<String>;
    static constexpr std::string_view name = "list_batch_tasks_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields =
        make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"), field(&T::data, "data"));
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_BATCH_TASKS_HPP

// ==== koodrive/ose/messages/share_tasks.hpp =====================================================
// koodrive-ose: share tasks. Create one (POST /koodrive/ose/v1/share/tasks) and query it
// (POST /koodrive/ose/v1/share/taskDetail).
#ifndef KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP

namespace koodrive::ose {
inline namespace v1 {

// ---- create share task ---------------------------------------------------------------------

/// A file and its container (targetFileId of a dump).
template <class String = std::string>
struct basic_file_id_info {
    String fileId;       ///< "root" for the root directory
    String containerId;  ///< the container
};
using file_id_info = basic_file_id_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using file_id_info_view = basic_file_id_info<std::string_view>;

/// Create share task request (POST /koodrive/ose/v1/share/tasks): dump or package-download shared files.
template <class String = std::string>
struct basic_create_share_task_request {
    std::optional<share_task_type> taskType;                 ///< required: unset is an error, not a default
    String containerId;                                      ///< the container
    std::vector<String> fileIds;                             ///< 1 to 1000 entries
    std::optional<basic_file_id_info<String>> targetFileId;  ///< required with taskType 2 (dump), else absent
    std::optional<String> zipName;   ///< required with taskType 1 (package download), else absent
    String shareId;                  ///< the share's ID
    std::optional<String> kdstoken;  ///< a secret
};
using create_share_task_request = basic_create_share_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_share_task_request_view = basic_create_share_task_request<std::string_view>;

/// Create share task response: the new task ID.
template <class String = std::string>
struct basic_create_share_task_response {
    String code;    ///< the API's code, as text ("0" is success)
    String msg;     ///< the API's message
    String taskId;  ///< the task ID (digits)
};
using create_share_task_response = basic_create_share_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_share_task_response_view = basic_create_share_task_response<std::string_view>;

template <class String>
struct description<basic_file_id_info<String>> {
    using T = basic_file_id_info<String>;
    static constexpr std::string_view name = "file_id_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields =
        make_field_list(field(&T::fileId, "fileId").required(), field(&T::containerId, "containerId").required());
};

template <class String>
struct description<basic_create_share_task_request<String>> {
    using T = basic_create_share_task_request<String>;
    static constexpr std::string_view name = "create_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        make_field_list(field(&T::taskType, "taskType").required(), field(&T::containerId, "containerId").required(),
                        field(&T::fileIds, "fileIds").required().items(1, 1000),
                        field(&T::targetFileId, "targetFileId"), field(&T::zipName, "zipName"),
                        field(&T::shareId, "shareId").required(), field(&T::kdstoken, "kdstoken").secret());

    static rule_check rules(const T& m) {
        if (!m.taskType) return rules_hold;  // reported as required, before the rules run
        const bool dump = m.taskType == share_task_type::dump;
        if (dump && !m.targetFileId) return rule_broken(".targetFileId", "required with taskType 2 (dump)");
        if (!dump && m.targetFileId) return rule_broken(".targetFileId", "allowed only with taskType 2 (dump)");
        if (!dump && !m.zipName) return rule_broken(".zipName", "required with taskType 1 (package download)");
        if (dump && m.zipName) return rule_broken(".zipName", "allowed only with taskType 1 (package download)");
        return rules_hold;
    }
};

template <class String>
struct description<basic_create_share_task_response<String>> {
    using T = basic_create_share_task_response<String>;
    static constexpr std::string_view name = "create_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"),
                                                   field(&T::taskId, "taskId").required_on_success());
};

// ---- query share task ----------------------------------------------------------------------

/// Query share task request (POST /koodrive/ose/v1/share/taskDetail).
template <class String = std::string>
struct basic_query_share_task_request {
    String taskId;                   ///< the task ID (digits)
    String shareId;                  ///< the share's ID
    std::optional<String> kdstoken;  ///< a secret
};
using query_share_task_request = basic_query_share_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using query_share_task_request_view = basic_query_share_task_request<std::string_view>;

/// A share task's state (jobInfo of query share task).
template <class String = std::string>
struct basic_share_job_info {
    String userId;                 ///< the user who owns the task
    String taskId;                 ///< the task ID (digits)
    share_task_type taskType{};    ///< the kind of task
    job_status taskStatus{};       ///< pending, processing, completed or canceled
    task_result taskResultCode{};  ///< how the task ended
    String createTime;             ///< yyyyMMddHHmmss, UTC; see parse_compact_time()
    String startTime;              ///< yyyyMMddHHmmss, UTC; empty until it starts
    String endTime;                ///< yyyyMMddHHmmss, UTC; empty until it ends
    std::int32_t progress = 0;     ///< percent
    String downloadUrl;            ///< the package's URL, for package downloads
};
using share_job_info = basic_share_job_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using share_job_info_view = basic_share_job_info<std::string_view>;

/// One file of a share task (taskInfos[]).
template <class String = std::string>
struct basic_share_task_info {
    String fileId;          ///< "root" for the root directory
    String status;          ///< only jobs in this state
    String newFileId;       ///< the ID of the copy, once dumped
    String srcContainerId;  ///< the container the files come from
};
using share_task_info = basic_share_task_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using share_task_info_view = basic_share_task_info<std::string_view>;

/// Query share task response: the task and its files.
template <class String = std::string>
struct basic_query_share_task_response {
    String code;                                           ///< the API's code, as text ("0" is success)
    String msg;                                            ///< the API's message
    basic_share_job_info<String> jobInfo;                  ///< the task
    std::vector<basic_share_task_info<String>> taskInfos;  ///< also read from a single object
};
using query_share_task_response = basic_query_share_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using query_share_task_response_view = basic_query_share_task_response<std::string_view>;

template <class String>
struct description<basic_query_share_task_request<String>> {
    using T = basic_query_share_task_request<String>;
    static constexpr std::string_view name = "query_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        make_field_list(field(&T::taskId, "taskId").required(), field(&T::shareId, "shareId").required(),
                        field(&T::kdstoken, "kdstoken").secret());
};

template <class String>
struct description<basic_share_job_info<String>> {
    using T = basic_share_job_info<String>;
    static constexpr std::string_view name = "share_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(
        field(&T::userId, "userId"), field(&T::taskId, "taskId"), field(&T::taskType, "taskType"),
        field(&T::taskStatus, "taskStatus"), field(&T::taskResultCode, "taskResultCode"),
        field(&T::createTime, "createTime"), field(&T::startTime, "startTime"), field(&T::endTime, "endTime"),
        field(&T::progress, "progress"), field(&T::downloadUrl, "downloadUrl"));
};

template <class String>
struct description<basic_share_task_info<String>> {
    using T = basic_share_task_info<String>;
    static constexpr std::string_view name = "share_task_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields =
        make_field_list(field(&T::fileId, "fileId"), field(&T::status, "status"), field(&T::newFileId, "newFileId"),
                        field(&T::srcContainerId, "srcContainerId"));
};

template <class String>
struct description<basic_query_share_task_response<String>> {
    using T = basic_query_share_task_response<String>;
    static constexpr std::string_view name = "query_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields =
        make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"), field(&T::jobInfo, "jobInfo"),
                        field(&T::taskInfos, "taskInfos").single_as_array());
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP

// ==== koodrive/ose/messages/transfer_tasks.hpp ==================================================
// koodrive-ose: transfer and import tasks (POST /koodrive/ose/v1/task/create).
#ifndef KOODRIVE_OSE_MESSAGES_TRANSFER_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_TRANSFER_TASKS_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Create task request (POST /koodrive/ose/v1/task/create): transfer one user's files to another.
template <class String = std::string>
struct basic_create_task_request {
    std::optional<transfer_task_type> taskType;  ///< required by this library: the other fields hang on it
    std::optional<String> srcUserId;             ///< taskType 0: required
    std::optional<String> dstUserId;             ///< taskType 0: required
    std::optional<String> resultId;              ///< taskType 1: optional
    std::optional<String> orgId;                 ///< taskType 1: required
    std::optional<String> orgUserId;             ///< taskType 1: required
};
using create_task_request = basic_create_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_task_request_view = basic_create_task_request<std::string_view>;

/// Create task response: the new task ID.
template <class String = std::string>
struct basic_create_task_response {
    String taskId;  ///< the task ID (digits)
    String code;    ///< the API's code, as text ("0" is success)
    String msg;     ///< the API's message
};
using create_task_response = basic_create_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_task_response_view = basic_create_task_response<std::string_view>;

template <class String>
struct description<basic_create_task_request<String>> {
    using T = basic_create_task_request<String>;
    static constexpr std::string_view name = "create_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        make_field_list(field(&T::taskType, "taskType").required(), field(&T::srcUserId, "srcUserId"),
                        field(&T::dstUserId, "dstUserId"), field(&T::resultId, "resultId"), field(&T::orgId, "orgId"),
                        field(&T::orgUserId, "orgUserId"));

    static rule_check rules(const T& m) {
        if (!m.taskType) return rules_hold;  // reported as required, before the rules run
        // Each field in order: required by one variant, an error in the other (written out,
        // not looped over a table: this runs for every request built and every one decoded).
        constexpr std::string_view need_transfer = "required with taskType 0 (transfer and deletion)";
        constexpr std::string_view need_import = "required with taskType 1 (batch import)";
        constexpr std::string_view only_transfer = "allowed only with taskType 0 (transfer and deletion)";
        constexpr std::string_view only_import = "allowed only with taskType 1 (batch import)";
        if (*m.taskType == transfer_task_type::transfer_and_delete) {
            if (!m.srcUserId) return rule_broken(".srcUserId", need_transfer);
            if (!m.dstUserId) return rule_broken(".dstUserId", need_transfer);
            if (m.resultId) return rule_broken(".resultId", only_import);
            if (m.orgId) return rule_broken(".orgId", only_import);
            if (m.orgUserId) return rule_broken(".orgUserId", only_import);
        } else {
            if (m.srcUserId) return rule_broken(".srcUserId", only_transfer);
            if (m.dstUserId) return rule_broken(".dstUserId", only_transfer);
            if (!m.orgId) return rule_broken(".orgId", need_import);
            if (!m.orgUserId) return rule_broken(".orgUserId", need_import);
        }
        return rules_hold;
    }
};

template <class String>
struct description<basic_create_task_response<String>> {
    using T = basic_create_task_response<String>;
    static constexpr std::string_view name = "create_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::taskId, "taskId").required_on_success(),
                                                   field(&T::code, "code").required(), field(&T::msg, "msg"));
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_TRANSFER_TASKS_HPP

// ==== koodrive/ose/detail/compiled.hpp ==========================================================
// koodrive-ose: the compiled mode's lists, as macros: the ten messages of the five endpoints, and
// what is instantiated for each. With KOODRIVE_OSE_COMPILED, codec.hpp, request_builder.hpp and
// response_reader.hpp declare their functions only; a file that includes the definitions anyway
// (codec_impl.hpp, detail/*_impl.hpp) gets these as explicit instantiation declarations (extern
// template), so it makes none of the ten itself. src/koodrive_ose.cpp defines
// KOODRIVE_OSE_IMPLEMENTATION and so makes the one set of definitions (README, "Compile cost").
#ifndef KOODRIVE_OSE_DETAIL_COMPILED_HPP
#define KOODRIVE_OSE_DETAIL_COMPILED_HPP

#if defined(KOODRIVE_OSE_IMPLEMENTATION)
#define KOODRIVE_OSE_DETAIL_INSTANCE template
#else
#define KOODRIVE_OSE_DETAIL_INSTANCE extern template
#endif

// A plain function that the compiled mode only declares (to spare every file a heavy standard
// header) is `inline` in the header-only mode and made once, not inline, in src/koodrive_ose.cpp.
#if defined(KOODRIVE_OSE_IMPLEMENTATION)
#define KOODRIVE_OSE_DETAIL_HEADER_INLINE
#else
#define KOODRIVE_OSE_DETAIL_HEADER_INLINE inline
#endif

#define KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(X) \
    X(create_batch_task_request)                \
    X(list_batch_tasks_request)                 \
    X(create_share_task_request)                \
    X(query_share_task_request)                 \
    X(create_task_request)

#define KOODRIVE_OSE_DETAIL_FOR_EACH_MESSAGE(X) \
    KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(X)     \
    X(create_batch_task_response)               \
    X(list_batch_tasks_response)                \
    X(create_share_task_response)               \
    X(query_share_task_response)                \
    X(create_task_response)

// The argument is a type, used as a template argument and a parameter type, where parentheses
// cannot go.
// NOLINTBEGIN(bugprone-macro-parentheses)

// codec.hpp: validate, find_violation, encode_unchecked, encode_to, encode, decode_into, decode.
#define KOODRIVE_OSE_DETAIL_CODEC_INSTANCES(T)                                                          \
    KOODRIVE_OSE_DETAIL_INSTANCE result<void> validate<T>(const T&);                                    \
    KOODRIVE_OSE_DETAIL_INSTANCE bool find_violation<T>(const T&, violation&);                          \
    KOODRIVE_OSE_DETAIL_INSTANCE void encode_unchecked<T>(const T&, std::string&);                      \
    KOODRIVE_OSE_DETAIL_INSTANCE result<void> encode_to<T>(const T&, std::string&);                     \
    KOODRIVE_OSE_DETAIL_INSTANCE result<std::string> encode<T>(const T&);                               \
    KOODRIVE_OSE_DETAIL_INSTANCE result<void> decode_into<T>(T&, std::string_view, const read_limits&); \
    KOODRIVE_OSE_DETAIL_INSTANCE result<T> decode<T>(std::string_view, const read_limits&);

// request_builder.hpp
#define KOODRIVE_OSE_DETAIL_BUILD_INSTANCES(T) \
    KOODRIVE_OSE_DETAIL_INSTANCE result<http_request> build_request<T>(const T&, const settings&, environment&);

// response_reader.hpp
#define KOODRIVE_OSE_DETAIL_READ_INSTANCES(T)                                                                        \
    KOODRIVE_OSE_DETAIL_INSTANCE result<response_of<T>> read_response<T>(int, std::string_view, const read_limits&); \
    KOODRIVE_OSE_DETAIL_INSTANCE result<response_of<T>> read_response<T>(const http_response&, const read_limits&);

// NOLINTEND(bugprone-macro-parentheses)

#endif  // KOODRIVE_OSE_DETAIL_COMPILED_HPP

// ==== koodrive/ose/codec_impl.hpp ===============================================================
// koodrive-ose: how the codec encodes, decodes and validates (codec.hpp declares what it does).
//
// All three walk the same constexpr descriptions (reflect.hpp); no message has JSON code of
// its own. Decoding is one pass from bytes into the struct; validation walks the fields in
// their declared order so that the first violation reported is the first in the message.
//
// Header-only, codec.hpp includes this at its end. In the compiled mode (KOODRIVE_OSE_COMPILED)
// it does not, and src/koodrive_ose.cpp makes the ten messages' functions once; include this
// header yourself there to encode or decode other types (your own described structs).
#ifndef KOODRIVE_OSE_CODEC_IMPL_HPP
#define KOODRIVE_OSE_CODEC_IMPL_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Who is to blame for a failure is known only at the boundary, by who wrote the bytes: the codec
/// below reports a neutral `violation`, and these functions name the kind.
namespace detail {

// ============================================================================================
// Decoding
// ============================================================================================

/// What the decoder carries besides the cursor: where view mode keeps unescaped strings.
struct decoder : json::reader {
    decoder(std::string_view input, const read_limits& limits, violation& failure,
            ose::unescape_storage* storage) noexcept
            : json::reader(input, limits, failure), view_storage(storage), reserve_budget(input.size()) {}
    ose::unescape_storage* view_storage;
    // Bytes that arrays may reserve on a guess of their size: as many as the input has, so a
    // guess never costs more memory than the body itself.
    std::size_t reserve_budget;
};

/// Whether a field type holds a std::string_view anywhere (a view message).
template <class V>
constexpr bool has_string_views() {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::string_view) {
        return true;
    } else if constexpr (kind == field_kind::optional || kind == field_kind::array) {
        return has_string_views<typename V::value_type>();
    } else if constexpr (kind == field_kind::wrapped) {
        return has_string_views<typename field_traits<V>::wire_type>();
    } else if constexpr (kind == field_kind::object) {
        return []<std::size_t... I>(std::index_sequence<I...>) {
            return (has_string_views<typename std::decay_t<decltype(field_at<V, I>)>::member_type>() || ...);
        }
        (std::make_index_sequence<field_count<V>>{});
    } else {
        return false;
    }
}

inline std::string_view json_type_name(int c) noexcept {
    switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    case json::end_of_input: return "the end of input";
    default: return (c == '-' || (c >= '0' && c <= '9')) ? "a number" : "an invalid token";
    }
}

inline bool type_mismatch(decoder& r, std::string_view expected) {
    // Bytes that are not JSON at all are a syntax error where valid JSON cannot continue,
    // not a type mismatch: check the value on a copy of the cursor first.
    json::reader probe = r;
    if (!probe.skip_value()) return false;
    return r.fail_at(r.offset(), errc::type_mismatch, expected, json_type_name(r.peek()));
}

template <class I>
inline constexpr std::string_view fits_text = sizeof(I) == 4 ? "an integer that fits in 32 bits"
                                                             : "an integer that fits in 64 bits";

/// Anything but a short plain integer: long numbers, fractions, strings holding integers.
template <class I>
[[gnu::noinline]] bool read_integer_slow(decoder& r, I& out) {
    const std::size_t at = r.offset();
    const int c = r.peek();
    std::string_view text;
    ose::detail::fixed_buffer<32> unescaped;  // a canonical integer has at most 20 bytes
    if (c == '"') {
        json::raw_string s;
        if (!r.read_raw_string(s)) return false;
        text = s.text;
        if (s.escaped) {
            json::reader::unescape(s.text, unescaped);
            if (unescaped.overflow)
                return r.fail_at(at, errc::type_mismatch, "an integer, or a string holding a canonical integer");
            text = unescaped.view();
        }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        json::number_token num;
        if (!r.read_number(num)) return false;
        if (!num.integral)
            return r.fail_at(at, errc::type_mismatch, "an integer, not a number with a fraction or exponent");
        text = num.text;
    } else {
        return type_mismatch(r, "an integer");
    }
    bool in_range = true;
    if (!parse_integer_text(text, out, in_range))
        return r.fail_at(at, errc::type_mismatch, "an integer, or a string holding a canonical integer");
    if (!in_range) return r.fail_at(at, errc::out_of_range, fits_text<I>);
    return true;
}

template <class I>
[[gnu::noinline]] bool fail_out_of_range(decoder& r, std::size_t at) {
    return r.fail_at(at, errc::out_of_range, fits_text<I>);
}

// Inline: a field's short integer costs no call; anything else calls out.
template <class I>
[[gnu::always_inline]] inline bool read_integer(decoder& r, I& out) {
    const std::size_t at = r.offset();
    if (std::int64_t small = 0; r.try_small_integer(small)) {
        if (small < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
            small > static_cast<std::int64_t>(std::numeric_limits<I>::max()))
            return fail_out_of_range<I>(r, at);
        out = static_cast<I>(small);
        return true;
    }
    return read_integer_slow(r, out);
}

/// A string field takes a JSON string, or a non-negative JSON integer kept digit for digit
/// (task IDs exceed 2^53, so servers sometimes send them as numbers).
/// The digits of a number given where a string is expected; false (with the failure recorded)
/// when it is not a non-negative integer.
inline bool read_digits_as_string(decoder& r, std::string_view& digits) {
    const std::size_t at = r.offset();
    json::number_token num;
    if (!r.read_number(num)) return false;
    if (num.negative || !num.integral)
        return r.fail_at(at, errc::type_mismatch,
                         "a string, or a non-negative integer (no sign, fraction or exponent)");
    digits = num.text;
    return true;
}

inline bool starts_number(int c) noexcept { return c == '-' || (c >= '0' && c <= '9'); }

inline bool read_string_field(decoder& r, std::string& out) {
    const int c = r.peek();
    if (c == '"') return r.read_string(out);
    std::string_view digits;
    if (!starts_number(c)) return type_mismatch(r, "a string");
    if (!read_digits_as_string(r, digits)) return false;
    out.assign(digits);
    return true;
}

/// View mode: a std::string_view field points into the input (or, for an escaped string,
/// into the caller's unescape storage); a JSON integer is a view of its digits.
inline bool read_string_view_field(decoder& r, std::string_view& out) {
    const int c = r.peek();
    if (c == '"') {
        if (r.view_storage == nullptr)
            return r.fail(errc::type_mismatch, "decode_view() for a message with string views");
        return r.read_string_view(out, *r.view_storage);
    }
    if (!starts_number(c)) return type_mismatch(r, "a string");
    return read_digits_as_string(r, out);
}

template <described T>
bool read_object(decoder& r, T& obj);

/// An integer field, or an enum field as its wire number; inline, so a short one costs no call.
template <class V>
[[gnu::always_inline]] inline bool read_number_value(decoder& r, V& v) {
    if constexpr (field_kind_of<V> == field_kind::enumeration) {
        std::int32_t wire = 0;
        if (!read_integer(r, wire)) return false;
        v = static_cast<V>(wire);  // unknown values are kept; validation of requests rejects them
        return true;
    } else {
        return read_integer(r, v);
    }
}

template <class V>
bool read_value(decoder& r, V& v, bool single_as_array) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::string) {
        return read_string_field(r, v);
    } else if constexpr (kind == field_kind::string_view) {
        return read_string_view_field(r, v);
    } else if constexpr (kind == field_kind::enumeration || kind == field_kind::integer) {
        return read_number_value(r, v);
    } else if constexpr (kind == field_kind::optional) {
        if (!v) v.emplace();  // a value already there keeps its capacity
        return read_value(r, *v, single_as_array);
    } else if constexpr (kind == field_kind::array) {
        using E = typename V::value_type;
        if constexpr (field_kind_of<E> == field_kind::object) {
            if (single_as_array && r.peek() == '{') {
                v.resize(1);
                return read_object(r, v.front());
            }
        }
        if (r.peek() != '[') return type_mismatch(r, single_as_array ? "an array or an object" : "an array");
        if (!r.begin_container()) return false;
        // Elements already in v are reused, so decoding into a reused message keeps the
        // strings' capacity instead of allocating again.
        for (std::size_t i = 0;; ++i) {
            bool more = false;
            if (!r.next_element(i, more)) return false;
            if (!more) {
                v.resize(i);
                return true;
            }
            if (i == v.size()) v.emplace_back();
            const std::size_t element_at = r.offset();
            if (!read_value(r, v[i], false)) {
                r.failure().path.prepend_index(i);
                return false;
            }
            // A fresh array with a second element: guess its size from its first element and the
            // input left, so that it grows once instead of log2(n) times (bounded by the array
            // limit and the decoder's budget).
            if (i == 0 && v.capacity() < 2 && r.peek() == ',') {
                const std::size_t guess = r.elements_left_guess(element_at);
                if (guess * sizeof(E) <= r.reserve_budget) {
                    r.reserve_budget -= guess * sizeof(E);
                    v.reserve(guess);
                }
            }
        }
    } else if constexpr (kind == field_kind::object) {
        return read_object(r, v);
    } else if constexpr (kind == field_kind::wrapped) {
        return read_value(r, field_traits<V>::wire(v), single_as_array);
    } else {
        static_assert(unsupported_field_type<V>, "no JSON mapping for this field type");
        return false;
    }
}

/// The default value of a described struct (its members' own initializers, e.g. progress = 0).
template <described T>
[[gnu::always_inline]] inline const T& defaults_of() {  // inline: its guard is one test
    static const T value{};
    return value;
}

/// Puts field f of obj back to its default (as when absent from the JSON), keeping the
/// capacity of strings and arrays so that a reused message decodes without allocating.
template <class V>
void reset_value(V& v, const V& initial) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::string || kind == field_kind::array) {
        v.clear();
    } else if constexpr (kind == field_kind::object) {
        for_each_field<V>([&](const auto& inner) {
            reset_value(inner.get(v), inner.get(initial));
            return true;
        });
    } else if constexpr (kind == field_kind::wrapped) {
        reset_value(field_traits<V>::wire(v), field_traits<V>::wire(initial));
    } else {
        v = initial;
    }
}

template <class T, class F>
[[gnu::always_inline]] inline void reset_field(T& obj, const F& f) {
    reset_value(f.get(obj), f.get(defaults_of<T>()));
}

/// `"name":` of field I, as it appears in compact JSON.
template <described T, std::size_t I>
inline constexpr auto key_token = [] {
    constexpr std::string_view name = field_at<T, I>.name;
    std::array<char, name.size() + 3> token{};
    token[0] = '"';
    for (std::size_t i = 0; i < name.size(); ++i) token[i + 1] = name[i];
    token[name.size() + 1] = '"';
    token[name.size() + 2] = ':';
    return token;
}();

/// A field's value in the in-order path: an integer or an enum (optional or not) is read here,
/// inline, so that a short number costs no call; anything else through read_value.
template <class V>
[[gnu::always_inline]] inline bool read_field_value(decoder& r, V& v, bool single_as_array) {
    constexpr auto is_number = [](field_kind k) { return k == field_kind::integer || k == field_kind::enumeration; };
    if constexpr (is_number(field_kind_of<V>)) {
        return read_number_value(r, v);
    } else if constexpr (field_kind_of<V> == field_kind::optional) {
        if constexpr (is_number(field_kind_of<typename V::value_type>)) {
            if (!v) v.emplace();
            return read_number_value(r, *v);
        } else {
            return read_value(r, v, single_as_array);
        }
    } else {
        return read_value(r, v, single_as_array);
    }
}

/// The value of field I, its key consumed; null leaves the field absent (reset later).
template <described T, std::size_t I>
[[gnu::always_inline]] inline bool read_field(decoder& r, T& obj, std::uint64_t& present) {
    const auto& f = field_at<T, I>;
    if (r.peek() == 'n' && r.try_null()) return true;
    present |= std::uint64_t{1} << I;
    if (read_field_value(r, f.get(obj), f.single_as_array_)) return true;
    r.failure().path.prepend_key(f.name);
    return false;
}

// The general loop (keys out of order, after an unknown key) reads a field through two small
// tables instead of a copy of every field's reader: the field's address, and a reader made once
// per field *type*, shared by every message that has a field of that type. The in-order path
// above keeps its inlined readers, so the common case pays nothing for it.

/// Reads one value of type V through an untyped pointer: the general loop's reader for V.
template <class V>
bool read_erased(decoder& r, void* value, bool single_as_array) {
    return read_value(r, *static_cast<V*>(value), single_as_array);
}

/// The readers, wire names and single_as_array flags of T's fields, by index.
template <described T>
struct field_table {
    using reader = bool (*)(decoder&, void*, bool);
    template <std::size_t I>
    using member_t = typename std::decay_t<decltype(field_at<T, I>)>::member_type;

    static constexpr auto readers = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<reader, sizeof...(I)>{&read_erased<member_t<I>>...};
    }
    (std::make_index_sequence<field_count<T>>{});
    static constexpr auto single_as_array = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<bool, sizeof...(I)>{field_at<T, I>.single_as_array_...};
    }
    (std::make_index_sequence<field_count<T>>{});
};

/// The address of field i of obj (i < field_count<T>).
template <described T>
void* field_address(T& obj, std::size_t i) noexcept {
    void* p = nullptr;
    with_index<field_count<T>>(i, [&](auto ic) { p = &field_at<T, decltype(ic)::value>.get(obj); });
    return p;
}

/// Where the in-order reading of an object stopped.
struct object_cursor {
    bool failed = false;
    bool more = true;      ///< a key follows
    bool pending = false;  ///< the cursor is at a key that next_key() has already seen
    std::size_t done = 0;  ///< fields read in the described order
};

/// Field I, when it is the next key, written compactly: no lookup, no dispatch.
template <described T, std::size_t I>
[[gnu::always_inline]] inline bool read_in_order(decoder& r, T& obj, std::uint64_t& present, object_cursor& c) {
    if (!r.next_key(I == 0, c.more)) {
        c.failed = true;
        return false;
    }
    if (!c.more) return false;
    c.pending = true;
    if (!r.try_key_token(key_token<T, I>)) return false;
    c.pending = false;
    if (!read_field<T, I>(r, obj, present)) {
        c.failed = true;
        return false;
    }
    ++c.done;
    return true;
}

/// Index of the field named by the key at the cursor (consumed), or n when it is unknown.
template <described T>
bool find_key(decoder& r, std::size_t expected, std::size_t& idx, json::raw_string& key) {
    constexpr std::size_t n = field_count<T>;
    constexpr auto& names = field_names<T>::value;
    if (expected < n && r.try_key(names[expected])) {
        idx = expected;
        return true;
    }
    if (!r.read_key(key)) return false;
    // A key whose signature bit is clear is no name: most unknown keys end here, uncompared.
    auto lookup = [&](std::string_view k) {
        idx = 0;
        if (!(field_names<T>::signatures >> name_signature(k) & 1)) idx = n;
        while (idx < n && names[idx] != k) ++idx;
        return true;
    };
    if (!key.escaped) return lookup(key.text);
    ose::detail::fixed_buffer<field_names<T>::longest + 1> unescaped;
    json::reader::unescape(key.text, unescaped);
    if (unescaped.overflow) {  // longer than every name
        idx = n;
        return true;
    }
    return lookup(unescaped.view());
}

template <described T>
bool read_object(decoder& r, T& obj) {
    static_assert(check_description<T>());
    constexpr std::size_t n = field_count<T>;
    constexpr auto& names = field_names<T>::value;
    if (r.peek() != '{') return type_mismatch(r, "an object");
    if (!r.begin_container()) return false;
    std::uint64_t present = 0;
    // Fields usually arrive in the described order, written compactly: read those first.
    object_cursor c;
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)(read_in_order<T, I>(r, obj, present, c) && ...);
    }(std::make_index_sequence<n>{});
    // clang-format on
    if (c.failed) return false;
    // Then any order, unknown keys, spaces: the general loop goes on from there.
    std::uint64_t seen = c.done == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << c.done) - 1;
    std::size_t expected = c.done;  // try the next field in order first
    for (bool first = c.done == 0 && !c.pending; c.more; first = false) {
        if (!c.pending) {
            if (!r.next_key(first, c.more)) return false;
            if (!c.more) break;
        }
        c.pending = false;
        std::size_t idx = 0;
        json::raw_string key;
        if (!find_key<T>(r, expected, idx, key) || !r.colon()) return false;
        expected = idx + 1;
        if (idx == n) {
            // Unknown: skipped, but checked. The path names the key (its first 64 bytes).
            if (!r.skip_value()) {
                ose::detail::fixed_buffer<65> shown;
                json::reader::unescape(key.text, shown);
                r.failure().path.prepend_key(shown.view());
                return false;
            }
            continue;
        }
        const std::uint64_t bit = std::uint64_t{1} << idx;
        if (seen & bit) {
            r.fail_at(r.key_offset(), errc::duplicate_field, "each known key at most once");
            r.failure().path.prepend_key(names[idx]);
            return false;
        }
        seen |= bit;
        if (r.peek() == 'n' && r.try_null()) continue;  // null: absent, as in read_field
        present |= bit;
        using table = field_table<T>;
        if (!table::readers[idx](r, field_address(obj, idx), table::single_as_array[idx])) {
            r.failure().path.prepend_key(names[idx]);
            return false;
        }
    }
    // Every required field must have been given (not null); the others the JSON left out
    // get their defaults (the message may be a reused one): only those are visited.
    constexpr std::uint64_t all = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    if (present == all) return true;
    const std::uint64_t missing = all & ~present;
    if (const std::uint64_t absent_required = missing & field_names<T>::required; absent_required != 0) {
        r.fail_at(r.offset() - 1, errc::missing_field, "a value for this required field");
        r.failure().path.prepend_key(names[static_cast<std::size_t>(std::countr_zero(absent_required))]);
        return false;
    }
    for (std::uint64_t m = missing; m != 0; m &= m - 1)
        with_index<n>(static_cast<std::size_t>(std::countr_zero(m)),
                      [&](auto i) { reset_field(obj, field_at<T, decltype(i)::value>); });
    return true;
}

// ============================================================================================
// Validation
// ============================================================================================

inline bool fail_validation(violation& v, errc code, std::string_view text, expectation shape = expectation::text,
                            std::uint64_t lo = 0, std::uint64_t hi = 0) noexcept {
    v.set_broken(code, text, shape, lo, hi);
    return false;
}

template <described_enum E>
void append_known_values(std::string& s) {
    bool first = true;
    for (const auto& entry : enum_table<E>::entries) {
        if (!first) s += ", ";
        first = false;
        s += std::to_string(entry.wire);
    }
}

/// What validation checks: the request rules, and UTF-8 (already checked when the strings
/// came from the JSON reader).
struct check_mode {
    bool request;
    bool utf8;
};

// The checks of one value, shared by validation and by the checking writer (encode), so both
// find the same first violation in the same order.

[[gnu::always_inline]] inline bool check_not_empty(violation& v, std::string_view s, check_mode mode) noexcept {
    if (mode.request && s.empty()) return fail_validation(v, errc::constraint, "must not be empty");
    return true;
}
inline bool fail_utf8(violation& v) noexcept { return fail_validation(v, errc::invalid_utf8, "must be valid UTF-8"); }
[[gnu::always_inline]] inline bool check_length(violation& v, std::string_view s, const auto& f) noexcept {
    if (s.size() < f.min_length_ || s.size() > f.max_length_)
        return fail_validation(v, errc::constraint, {}, expectation::length_between, f.min_length_, f.max_length_);
    return true;
}
inline bool check_string(violation& v, std::string_view s, check_mode mode, const auto& f) {
    if (!check_not_empty(v, s, mode)) return false;
    if (mode.utf8 && ose::detail::find_invalid_utf8(s) != std::string_view::npos) return fail_utf8(v);
    return check_length(v, s, f);
}
template <class E>
[[gnu::always_inline]] inline bool check_enum(violation& v, E e, check_mode mode) {
    if (mode.request && !is_known(e)) {
        fail_validation(v, errc::constraint, {}, expectation::one_of);
        v.append_values = &append_known_values<E>;
        return false;
    }
    return true;
}
template <class I>
[[gnu::always_inline]] inline bool check_range(violation& v, I i, const auto& f) noexcept {
    const auto x = static_cast<std::int64_t>(i);
    if (x < f.min_ || x > f.max_)
        return fail_validation(v, errc::constraint, {}, f.max_ == no_max ? expectation::at_least : expectation::between,
                               static_cast<std::uint64_t>(f.min_), static_cast<std::uint64_t>(f.max_));
    return true;
}
[[gnu::always_inline]] inline bool check_entries(violation& v, std::size_t n, const auto& f) noexcept {
    if (n < f.min_items_ || n > f.max_items_) {
        if (n == 0 && f.min_items_ > 0)
            return fail_validation(v, errc::constraint, {}, expectation::entries_at_least, f.min_items_);
        return fail_validation(v, errc::constraint, {}, expectation::entries_between, f.min_items_, f.max_items_);
    }
    return true;
}

/// The value as the wire sees it: a wrapped type's wire value, unwrapped all the way.
template <class V>
const auto& wire_value(const V& v) {
    if constexpr (field_kind_of<V> == field_kind::wrapped)
        return wire_value(field_traits<V>::wire(v));
    else
        return v;
}

/// A required field of a request that is missing (an empty string or strong ID, or a required
/// optional such as offset, limit or taskType that was never set). The caller adds the key.
template <class V, class F>
[[gnu::always_inline]] inline bool check_presence(violation& out, const V& v, check_mode mode, const F& f) noexcept {
    if (f.presence_ != presence::required || !mode.request) return true;
    if constexpr (is_text_kind<V>) {
        if (v.empty()) return fail_validation(out, errc::missing_field, "required, and must not be empty");
    } else if constexpr (field_kind_of<V> == field_kind::optional) {
        if (!v) return fail_validation(out, errc::missing_field, "required");
    }
    return true;
}

/// The cross-field rules of a request's object, after its fields.
template <described T>
bool check_rules(violation& out, const T& obj, check_mode mode) {
    if constexpr (has_rules<T>) {
        if (mode.request) {
            if (auto broken = description<T>::rules(obj)) {
                out = *broken;
                return false;
            }
        }
    }
    return true;
}

template <described T>
bool validate_object(violation& out, const T& obj, check_mode mode);

/// Checks one value of a field (an array element when in_array).
template <class V, class F>
bool validate_value(violation& out, const V& v, check_mode mode, const F& f) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (is_text_kind<V>) {
        return check_string(out, v, mode, f);
    } else if constexpr (kind == field_kind::enumeration) {
        return check_enum(out, v, mode);
    } else if constexpr (kind == field_kind::integer) {
        return check_range(out, v, f);
    } else if constexpr (kind == field_kind::optional) {
        return !v.has_value() || validate_value(out, *v, mode, f);
    } else if constexpr (kind == field_kind::array) {
        if (!check_entries(out, v.size(), f)) return false;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!validate_value(out, v[i], mode, f)) {
                out.path.prepend_index(i);
                return false;
            }
        }
        return true;
    } else if constexpr (kind == field_kind::object) {
        return validate_object(out, v, mode);
    } else if constexpr (kind == field_kind::wrapped) {
        return validate_value(out, field_traits<V>::wire(v), mode, f);
    } else {
        static_assert(unsupported_field_type<V>, "no validation for this field type");
        return false;
    }
}

template <described T>
bool validate_object(violation& out, const T& obj, check_mode mode) {
    static_assert(check_description<T>());
    const bool ok = for_each_field<T>([&](const auto& f) {
        const auto& v = wire_value(f.get(obj));  // a required strong ID is missing like a string
        if (!check_presence(out, v, mode, f) || !validate_value(out, v, mode, f)) {
            out.path.prepend_key(f.name);
            return false;
        }
        return true;
    });
    return ok && check_rules(out, obj, mode);
}

// ============================================================================================
// Encoding
// ============================================================================================

/// `,"name":` for field I of T, built at compile time; the first field skips the comma.
template <described T, std::size_t I>
struct key_fragment {
    static constexpr std::string_view name = field_at<T, I>.name;
    static constexpr auto chars = [] {
        std::array<char, name.size() + 4> a{};
        a[0] = ',';
        a[1] = '"';
        for (std::size_t k = 0; k < name.size(); ++k) a[k + 2] = name[k];
        a[name.size() + 2] = '"';
        a[name.size() + 3] = ':';
        return a;
    }();
};

/// The checks a writer makes: none (encode_unchecked), or every check of validate_object in the
/// same order, each value checked as it is written (encode_to), so a message is walked once. The
/// first failure goes to `failure`, with its path. Whether the message is a request is known at
/// compile time, so a response's writer keeps only the checks its fields have.
struct write_unchecked {
    static constexpr bool check = false;
};
template <bool Request>
struct write_checked {
    static constexpr bool check = true;
    static constexpr check_mode mode{Request, true};
    violation& failure;
};

template <class Checks, described T>
bool write_object(json::output& out, const T& obj, const Checks& c);

/// Writes one value of a field (an array element too); false only with Check, at a violation.
template <class Checks, class V, class F>
[[gnu::always_inline]] inline bool write_value(json::output& out, const V& v, const Checks& c, const F& f) {
    constexpr field_kind kind = field_kind_of<V>;
    constexpr bool Check = Checks::check;
    if constexpr (is_text_kind<V>) {
        if constexpr (Check) {
            if (!check_not_empty(c.failure, v, c.mode)) return false;
            // UTF-8 is checked in the copy, before the length, as check_string orders them.
            if (!json::write_string<true>(out, v)) return fail_utf8(c.failure);
            return check_length(c.failure, v, f);
        } else {
            return json::write_string<false>(out, v);
        }
    } else if constexpr (kind == field_kind::enumeration) {
        if constexpr (Check)
            if (!check_enum(c.failure, v, c.mode)) return false;
        json::write_integer(out, static_cast<std::int32_t>(v));
        return true;
    } else if constexpr (kind == field_kind::integer) {
        if constexpr (Check)
            if (!check_range(c.failure, v, f)) return false;
        json::write_integer(out, v);
        return true;
    } else if constexpr (kind == field_kind::optional) {
        return write_value(out, *v, c, f);
    } else if constexpr (kind == field_kind::array) {
        if constexpr (Check)
            if (!check_entries(c.failure, v.size(), f)) return false;
        out.put('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i != 0) out.put(',');
            if (!write_value(out, v[i], c, f)) {
                if constexpr (Check) c.failure.path.prepend_index(i);
                return false;
            }
        }
        out.put(']');
        return true;
    } else if constexpr (kind == field_kind::object) {
        return write_object(out, v, c);
    } else if constexpr (kind == field_kind::wrapped) {
        return write_value(out, field_traits<V>::wire(v), c, f);
    } else {
        static_assert(unsupported_field_type<V>, "no JSON mapping for this field type");
        return false;
    }
}

template <class Checks, described T>
bool write_object(json::output& out, const T& obj, const Checks& c) {
    static_assert(check_description<T>());
    constexpr bool Check = Checks::check;
    out.put('{');
    bool first = true;
    // (clang-format 14 splits an immediately invoked template lambda)
    // clang-format off
    const bool ok = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return ([&]() __attribute__((always_inline)) {
            const auto& f = field_at<T, I>;
            const auto& v = f.get(obj);
            auto failed = [&]() __attribute__((always_inline)) {
                if constexpr (Check) c.failure.path.prepend_key(f.name);
                return false;
            };
            if constexpr (Check)
                if (!check_presence(c.failure, wire_value(v), c.mode, f)) return failed();
            if (!is_written(v, f.presence_)) {
                // An absent optional holds nothing to check; an optional empty array, its minimum.
                // (nested: clang 14 looks into the false branch of a combined condition)
                if constexpr (Check) {
                    using W = std::decay_t<decltype(wire_value(v))>;
                    if constexpr (field_kind_of<W> == field_kind::array)
                        if (!check_entries(c.failure, 0, f)) return failed();
                }
                return true;
            }
            // `,"name":` (or without the comma first), copied with a compile-time length.
            constexpr auto& frag = key_fragment<T, I>::chars;
            constexpr std::size_t size = frag.size();
            char* w = out.ensure(size);
            if (first) {
                std::memcpy(w, frag.data() + 1, size - 1);
                out.advance_to(w + size - 1);
            } else {
                std::memcpy(w, frag.data(), size);
                out.advance_to(w + size);
            }
            first = false;
            return write_value(out, v, c, f) || failed();
        }() && ...);
    }(std::make_index_sequence<field_count<T>>{});
    // clang-format on
    out.put('}');
    if constexpr (Check)
        return ok && check_rules(c.failure, obj, c.mode);
    else
        return ok;
}

}  // namespace detail

// ============================================================================================
// The public functions (declared, with their documentation, in codec.hpp)
// ============================================================================================

/// Who is to blame for a failure is known only at the boundary, by who wrote the bytes: the codec
/// below reports a neutral `violation`, and these functions name the kind.
namespace detail {
/// A message this side received: a request decoded by a server is the peer's invalid request;
/// a response decoded by a client is a malformed response.
template <described T>
constexpr error_kind received_failure() noexcept {
    return description<T>::direction == message_direction::request ? error_kind::invalid_request
                                                                   : error_kind::malformed_response;
}
/// A message this side built (encoded or validated before sending): a local error.
template <described T>
constexpr error_kind local_failure() noexcept {
    return description<T>::direction == message_direction::request ? error_kind::invalid_request
                                                                   : error_kind::invalid_response;
}

// Whether a response type has any field constraint (a request always has something to check).
template <described T>
constexpr bool has_constraints() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return ([] {
            constexpr auto& f = field_at<T, I>;
            using M = typename std::decay_t<decltype(f)>::member_type;
            using E = constrained_t<M>;
            bool nested = false;
            if constexpr (described<E>) nested = has_constraints<E>();
            return nested || f.min_ != no_min || f.max_ != no_max || f.min_items_ != 0 || f.max_items_ != no_limit ||
                   f.min_length_ != 0 || f.max_length_ != no_limit;
        }() || ...);
    }
    (std::make_index_sequence<field_count<T>>{});
}

template <described T>
bool find_violation(const T& message, violation& out, bool check_utf8) {
    constexpr bool request = description<T>::direction == message_direction::request;
    // A response with no constraint has nothing to check but UTF-8: no walk when that is off.
    if constexpr (!request && !has_constraints<T>())
        if (!check_utf8) return false;
    return !detail::validate_object(out, message, check_mode{request, check_utf8});
}

template <described T>
result<void> validate(const T& message, bool check_utf8) {
    violation v;
    if (!find_violation(message, v, check_utf8)) return {};
    return v.to_error(local_failure<T>());
}
}  // namespace detail

template <described T>
result<void> validate(const T& message) {
    return detail::validate(message, true);
}

template <described T>
bool find_violation(const T& message, violation& out) {
    return detail::find_violation(message, out, true);
}

template <described T>
void encode_unchecked(const T& message, std::string& out) {
    json::output o(out);
    detail::write_object(o, message, detail::write_unchecked{});
    o.finish();
}

template <described T>
result<void> encode_to(const T& message, std::string& out) {
    constexpr bool request = description<T>::direction == message_direction::request;
    violation failure;
    json::output o(out);
    if (detail::write_object(o, message, detail::write_checked<request>{failure})) {
        o.finish();  // here, not in the destructor: the append may throw
        return {};
    }
    o.rollback();
    o.finish();
    return failure.to_error(detail::local_failure<T>());
}

template <described T>
result<std::string> encode(const T& message) {
    std::string out;
    if (auto v = encode_to(message, out); !v) return std::move(v).error();
    return out;
}

/// Who is to blame for a failure is known only at the boundary, by who wrote the bytes: the codec
/// below reports a neutral `violation`, and these functions name the kind.
namespace detail {
/// One JSON document into `out`, with no rule checked; false with the failure in `failure`.
template <described T>
bool read_document(T& out, std::string_view json, const read_limits& limits, violation& failure,
                   unescape_storage* storage = nullptr) {
    decoder r(json, limits, failure, storage);
    return r.begin_document() && read_object(r, out) && r.end_document();
}

/// The same, then, for a request, its rules (a server's view); the failure is neutral.
template <described T>
bool decode_document(T& out, std::string_view json, const read_limits& limits, violation& failure,
                     unescape_storage* storage) {
    if (!read_document(out, json, limits, failure, storage)) return false;
    if constexpr (description<T>::direction == message_direction::request)
        return !find_violation(out, failure, false);  // the reader checked UTF-8
    return true;
}
}  // namespace detail

template <described T>
result<void> decode_into(T& out, std::string_view json, const read_limits& limits) {
    static_assert(!detail::has_string_views<T>(), "a message with string views decodes with decode_view()");
    violation failure;
    if (detail::decode_document(out, json, limits, failure, nullptr)) return {};
    return failure.to_error(detail::received_failure<T>());
}

template <described T>
bool decode_into(T& out, std::string_view json, violation& failure, const read_limits& limits) {
    static_assert(!detail::has_string_views<T>(), "a message with string views decodes with decode_view()");
    return detail::decode_document(out, json, limits, failure, nullptr);
}

template <described T>
result<void> decode_view(T& out, std::string_view json, unescape_storage& storage, const read_limits& limits) {
    violation failure;
    if (detail::decode_document(out, json, limits, failure, &storage)) return {};
    return failure.to_error(detail::received_failure<T>());
}

template <described T>
bool decode_unchecked(T& out, std::string_view json, violation& failure, const read_limits& limits) {
    static_assert(!detail::has_string_views<T>(), "a message with string views decodes with decode_view()");
    return detail::read_document(out, json, limits, failure);
}

template <described T>
result<T> decode(std::string_view json, const read_limits& limits) {
    T out{};
    if (auto r = decode_into(out, json, limits); !r) return std::move(r).error();
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made once in
// src/koodrive_ose.cpp, so a file that includes these definitions does not make them again.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
// ==== koodrive/ose/detail/compiled_codec.hpp ====================================================
// koodrive-ose, compiled mode: the codec of the ten messages, declared here and made once in
// src/koodrive_ose.cpp. Included by codec_impl.hpp (at its end) only in that mode, so that a
// file that includes the definitions still leaves those ten to the library.
#ifndef KOODRIVE_OSE_DETAIL_COMPILED_CODEC_HPP
#define KOODRIVE_OSE_DETAIL_COMPILED_CODEC_HPP

namespace koodrive::ose {
inline namespace v1 {
KOODRIVE_OSE_DETAIL_FOR_EACH_MESSAGE(KOODRIVE_OSE_DETAIL_CODEC_INSTANCES)
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_COMPILED_CODEC_HPP

// ==== koodrive/ose/codec_impl.hpp (continued) ===================================================
#endif

#endif  // KOODRIVE_OSE_CODEC_IMPL_HPP

// ==== koodrive/ose/ascii.hpp ====================================================================
// koodrive-ose: ASCII text helpers for protocol text, independent of the locale.
#ifndef KOODRIVE_OSE_ASCII_HPP
#define KOODRIVE_OSE_ASCII_HPP

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

// ==== koodrive/ose/detail/header_error.hpp ======================================================
// koodrive-ose: the error of a header value that breaks a rule. It names the header and the
// byte index, never the value itself: a header value may be an access token.
#ifndef KOODRIVE_OSE_DETAIL_HEADER_ERROR_HPP
#define KOODRIVE_OSE_DETAIL_HEADER_ERROR_HPP

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

// ==== koodrive/ose/header_values.hpp ============================================================
// koodrive-ose: checking HTTP header values: any value (no header injection), language, and
// the Authorization value of an access token.
//
// Errors from the checks name the header and the byte index, never the value itself: a
// header value may be an access token. The other headers have their own headers: X-Date in
// time.hpp, X-Traceid in trace_id.hpp, Host in uri.hpp.
#ifndef KOODRIVE_OSE_HEADER_VALUES_HPP
#define KOODRIVE_OSE_HEADER_VALUES_HPP

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

// ==== koodrive/ose/detail/lean_std.hpp ==========================================================
// koodrive-ose: the parts of <chrono> and <functional> the library uses (clocks, durations,
// time points, std::function), without the rest.
//
// With libstdc++, <chrono> also brings C++20 calendar I/O (<sstream>, <locale>) and
// <functional> the searchers and binders: together about 0.2 s of every translation unit that
// includes the library, more than the library's own code (README, "Compile cost"). libstdc++
// keeps what the library needs in two internal headers of its own, used here when present;
// every other standard library gets the standard headers.
#ifndef KOODRIVE_OSE_DETAIL_LEAN_STD_HPP
#define KOODRIVE_OSE_DETAIL_LEAN_STD_HPP

#if defined(__GLIBCXX__) && __has_include(<bits/chrono.h>) && __has_include(<bits/std_function.h>) && \
    !defined(KOODRIVE_OSE_FULL_STD_HEADERS)
#include <bits/chrono.h>
#include <bits/std_function.h>
#include <new>  // bits/std_function.h places its target with placement new, as <functional> does
#else
#include <chrono>
#include <functional>
#endif

#endif  // KOODRIVE_OSE_DETAIL_LEAN_STD_HPP

// ==== koodrive/ose/random_source.hpp ============================================================
// koodrive-ose: the random source behind generated trace IDs, replaceable so that requests are
// reproducible in tests.
//
// The default asks the operating system for every number (getrandom on Linux, getentropy on
// the BSDs and macOS, std::random_device elsewhere): no state, so copies never repeat each
// other and threads may share it, and no <random> to parse where the OS call exists. A trace
// ID is made once per call, so a system call per number costs nothing that matters.
#ifndef KOODRIVE_OSE_RANDOM_SOURCE_HPP
#define KOODRIVE_OSE_RANDOM_SOURCE_HPP

#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#if defined(__linux__) && __has_include(<sys/random.h>)
#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#define KOODRIVE_OSE_DETAIL_GETRANDOM 1
#elif (defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)) && \
    __has_include(<unistd.h>)
#include <unistd.h>
#if __has_include(<sys/random.h>)
#include <sys/random.h>  // getentropy on macOS
#endif
#define KOODRIVE_OSE_DETAIL_GETENTROPY 1
#else
#include <random>
#endif
#endif

namespace koodrive::ose {
inline namespace v1 {

/// A source of random 64-bit numbers (for trace IDs); replace it in tests.
using random_source = std::function<std::uint64_t()>;

#if defined(KOODRIVE_OSE_COMPILED) && !defined(KOODRIVE_OSE_IMPLEMENTATION)
random_source default_random_source();
#else
namespace detail {
/// 64 bits from the operating system (see above).
inline std::uint64_t os_random() {
    std::uint64_t x = 0;
#if defined(KOODRIVE_OSE_DETAIL_GETRANDOM)
    // At most 256 bytes never come back short once the pool is ready; EINTR before then.
    auto n = getrandom(&x, sizeof x, 0);
    while (n < 0 && errno == EINTR) n = getrandom(&x, sizeof x, 0);
    if (n == static_cast<decltype(n)>(sizeof x)) return x;
    // A kernel older than 3.17 has no getrandom: its /dev/urandom then.
    if (std::FILE* f = std::fopen("/dev/urandom", "rb")) {
        if (std::fread(&x, sizeof x, 1, f) != 1) x = 0;
        std::fclose(f);
    }
#elif defined(KOODRIVE_OSE_DETAIL_GETENTROPY)
    (void)getentropy(&x, sizeof x);
#else
    thread_local std::random_device device;
    x = (static_cast<std::uint64_t>(device()) << 32) ^ static_cast<std::uint64_t>(device());
#endif
    return x;
}
}  // namespace detail

/// Random numbers from the operating system, for trace IDs (see above). Thread safe.
KOODRIVE_OSE_DETAIL_HEADER_INLINE random_source default_random_source() { return detail::os_random; }
#endif

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RANDOM_SOURCE_HPP

// ==== koodrive/ose/http.hpp =====================================================================
// koodrive-ose: the HTTP values the library hands to, and takes back from, the user's stack.
//
// Sans-I/O: the library never opens a socket. It builds an `http_request` (method, target,
// headers, body) for the user's HTTP callback to send, and reads the `http_response` the
// callback returns.
#ifndef KOODRIVE_OSE_HTTP_HPP
#define KOODRIVE_OSE_HTTP_HPP

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

// ==== koodrive/ose/endpoints.hpp ================================================================
// koodrive-ose: the five endpoints: method, target, which headers each sends, and the
// response type of each request type. This table is the only per-endpoint knowledge the
// request builder, the response reader and the client have.
#ifndef KOODRIVE_OSE_ENDPOINTS_HPP
#define KOODRIVE_OSE_ENDPOINTS_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Whether an endpoint sends a header: never, when its setting is not empty, or always.
enum class header_use : std::uint8_t { no, optional, required };

/// The headers of one endpoint beyond X-User-Id, X-Date and X-Traceid, which all send.
struct endpoint_headers {
    header_use authorization = header_use::required;  ///< Authorization (optional only for create task)
    header_use language = header_use::no;             ///< language, from settings::language
    header_use share_folder_id = header_use::no;      ///< x-hw-share-folder-id, from settings::share_folder_id
    header_use agent_name = header_use::no;           ///< X-Hw-Agentname, from settings::agent_name
    header_use host = header_use::no;                 ///< Host, from settings::host
};

/// The HTTP method of an endpoint.
enum class http_method : std::uint8_t { get, post };

/// "GET" or "POST".
constexpr std::string_view to_string(http_method m) noexcept { return m == http_method::get ? "GET" : "POST"; }

template <class Request>
struct endpoint;

template <>
struct endpoint<create_batch_task_request> {
    using response = create_batch_task_response;
    static constexpr std::string_view operation = "create batch task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/jobs";
    static constexpr endpoint_headers headers{.language = header_use::optional,
                                              .share_folder_id = header_use::optional};
};

template <>
struct endpoint<list_batch_tasks_request> {
    using response = list_batch_tasks_response;
    static constexpr std::string_view operation = "list batch tasks";
    static constexpr http_method method = http_method::get;  ///< the request travels in the query string
    static constexpr std::string_view path = "/koodrive/ose/v1/jobs";
    static constexpr endpoint_headers headers{.language = header_use::optional};
};

template <>
struct endpoint<create_share_task_request> {
    using response = create_share_task_response;
    static constexpr std::string_view operation = "create share task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/share/tasks";
    static constexpr endpoint_headers headers{.agent_name = header_use::required};
};

template <>
struct endpoint<create_task_request> {
    using response = create_task_response;
    static constexpr std::string_view operation = "create task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/task/create";
    static constexpr endpoint_headers headers{
        .authorization = header_use::optional, .language = header_use::optional, .host = header_use::required};
};

template <>
struct endpoint<query_share_task_request> {
    using response = query_share_task_response;
    static constexpr std::string_view operation = "query share task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/share/taskDetail";
    static constexpr endpoint_headers headers{.agent_name = header_use::required};
};

template <class Request>
concept endpoint_request = requires {
    typename endpoint<Request>::response;
};

/// The response type of the endpoint that takes `Request`.
template <endpoint_request Request>
using response_of = typename endpoint<Request>::response;

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ENDPOINTS_HPP

// ==== koodrive/ose/request_builder.hpp ==========================================================
// koodrive-ose: from a message and the caller's settings to an `http_request`.
//
// The builder validates the message, writes the target (with the query for GET), every header
// the endpoint sends (each value checked against injection), and the JSON body. X-Date comes
// from an injectable clock and trace IDs from an injectable random source, so the builder is
// a pure function of its inputs in tests.
#ifndef KOODRIVE_OSE_REQUEST_BUILDER_HPP
#define KOODRIVE_OSE_REQUEST_BUILDER_HPP

#include <variant>

namespace koodrive::ose {
inline namespace v1 {

/// A user's access token: sent as `Bearer+{token}` by default (see token_scheme).
struct access_token {
    std::string token;                                ///< a secret
    token_scheme scheme = token_scheme::bearer_plus;  ///< how it is sent
};

/// App credentials: every request is signed (HMAC-SHA256, see signing.hpp) and needs Host.
struct app_credentials {
    std::string app_id;      ///< visible ASCII without `,`
    std::string app_secret;  ///< a secret: only ever the HMAC key, never sent, logged or in an error
};

/// One or the other, never both.
using credentials = std::variant<access_token, app_credentials>;

/// What the caller knows about themselves; shared by every endpoint, each of which sends only
/// its own headers. An empty optional setting is the same as none.
struct settings {
    credentials auth;               ///< an access token (empty: none) or app credentials
    std::string user_id;            ///< X-User-Id
    std::string agent_name;         ///< X-Hw-Agentname (share endpoints)
    std::string host;               ///< Host (create task): host[:port]
    std::string language;           ///< language, e.g. en-US; none sent when empty
    std::string share_folder_id;    ///< x-hw-share-folder-id (create batch task)
    std::string trace_id;           ///< a fixed X-Traceid (58 chars of [A-Za-z0-9_]); empty: generated
    bool generate_trace_id = true;  ///< with no trace_id, make one per request
    std::string x_date;             ///< a fixed X-Date, checked against the clock; empty: from the clock
};

/// Where the builder reads the time (X-Date).
using clock_source = std::function<std::chrono::system_clock::time_point()>;

/// The system clock, the default.
inline clock_source system_clock_source() {
    return [] { return std::chrono::system_clock::now(); };
}

/// The outside world the builder reads: a clock and a random source, both replaceable.
struct environment {
    clock_source clock = system_clock_source();      ///< for X-Date
    random_source random = default_random_source();  ///< for generated trace IDs
};

/// Builds the HTTP request for `message`. Fails with kind invalid_request when the message
/// breaks a rule or a setting is missing or malformed; the error never shows a setting's value.
template <endpoint_request Request>
result<http_request> build_request(const Request& message, const settings& s, environment& env);

}  // namespace v1
}  // namespace koodrive::ose

// The definition; in the compiled mode, made once in src/koodrive_ose.cpp (README, "Compile cost").
#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#endif

#endif  // KOODRIVE_OSE_REQUEST_BUILDER_HPP

// ==== koodrive/ose/uri.hpp ======================================================================
// koodrive-ose: the RFC 3986 pieces requests need: the Host header (host[:port], with IPv4
// and IPv6 literals) and percent encoding.
#ifndef KOODRIVE_OSE_URI_HPP
#define KOODRIVE_OSE_URI_HPP

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

// ==== koodrive/ose/query.hpp ====================================================================
// koodrive-ose: a flat message as a URL query string (`offset=0&limit=2&type=1`), both ways.
//
// The list endpoint carries its request in the query. Fields are written in the order of the
// description, percent-encoded; the reader (for servers) applies the same rules as the JSON
// reader: canonical integers, known keys once, unknown keys skipped, then validation.
#ifndef KOODRIVE_OSE_QUERY_HPP
#define KOODRIVE_OSE_QUERY_HPP

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

template <class V>
void append_query_value(std::string& out, const V& v) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional)
        append_query_value(out, *v);
    else if constexpr (kind == field_kind::string)
        percent_encode(v, out);
    else if constexpr (kind == field_kind::enumeration)
        json::write_integer(out, to_wire(v));
    else if constexpr (kind == field_kind::integer)
        json::write_integer(out, v);
    else if constexpr (kind == field_kind::wrapped)
        append_query_value(out, field_traits<V>::wire(v));
    else
        static_assert(unsupported_field_type<V>, "a query field is a string, an integer or an enum");
}

inline error query_error(errc code, std::string_view name, std::string message, std::size_t offset) {
    return error::make(error_kind::invalid_request, code, "$." + std::string(name), std::move(message), offset);
}

template <class V>
bool read_query_value(std::string_view text, V& v, std::string& why) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional) {
        v.emplace();
        return read_query_value(text, *v, why);
    } else if constexpr (kind == field_kind::string) {
        v.assign(text);
        return true;
    } else if constexpr (kind == field_kind::wrapped) {
        return read_query_value(text, field_traits<V>::wire(v), why);
    } else if constexpr (kind == field_kind::enumeration || kind == field_kind::integer) {
        using I = std::conditional_t<kind == field_kind::enumeration, std::int32_t, V>;
        I x{};
        bool in_range = true;
        if (!parse_integer_text(text, x, in_range)) {
            why = "expected a canonical integer";
            return false;
        }
        if (!in_range) {
            why = sizeof(I) == 4 ? "expected an integer that fits in 32 bits"
                                 : "expected an integer that fits in 64 bits";
            return false;
        }
        v = static_cast<V>(x);
        return true;
    } else {
        static_assert(unsupported_field_type<V>, "a query field is a string, an integer or an enum");
        return false;
    }
}

}  // namespace detail

/// Appends `name=value&...` for the fields that are set, in description order (no leading '?').
template <described T>
void encode_query(const T& message, std::string& out) {
    bool first = true;
    for_each_field<T>([&](const auto& f) {
        const auto& v = f.get(message);
        if constexpr (field_kind_of<decltype(v)> == field_kind::optional)
            if (!v) return true;
        if (!first) out.push_back('&');
        first = false;
        out.append(f.name);
        out.push_back('=');
        detail::append_query_value(out, v);
        return true;
    });
}

/// Reads a query string (without '?') into a message, then validates it.
template <described T>
result<T> decode_query(std::string_view query) {
    T out{};
    std::uint64_t seen = 0;
    constexpr auto& names = field_names<T>::value;
    std::size_t pos = 0;
    while (pos <= query.size() && !query.empty()) {
        std::size_t amp = query.find('&', pos);
        if (amp == std::string_view::npos) amp = query.size();
        const std::string_view pair = query.substr(pos, amp - pos);
        const std::size_t eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq));
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!key || !value) {
            auto e = detail::query_error(errc::syntax, "", "expected a percent-encoded name=value pair", pos);
            e.path = "$";
            return e;
        }
        std::size_t idx = 0;
        while (idx < names.size() && names[idx] != *key) ++idx;
        if (idx < names.size()) {
            const std::uint64_t bit = std::uint64_t{1} << idx;
            if (seen & bit)
                return detail::query_error(errc::duplicate_field, names[idx], "expected each parameter at most once",
                                           pos);
            seen |= bit;
            std::string why;
            bool ok = true;
            with_index<field_count<T>>(idx, [&](auto ic) {
                ok = detail::read_query_value(*value, field_at<T, decltype(ic)::value>.get(out), why);
            });
            if (!ok) return detail::query_error(errc::type_mismatch, names[idx], why, pos + eq + 1);
        }
        pos = amp + 1;
        if (amp == query.size()) break;
    }
    if (const std::uint64_t missing = field_names<T>::required & ~seen; missing != 0)
        return detail::query_error(errc::missing_field, names[static_cast<std::size_t>(std::countr_zero(missing))],
                                   "expected this required parameter", query.size());
    if (auto v = validate(out); !v) return std::move(v).error();
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_QUERY_HPP

// ==== koodrive/ose/detail/heap_sort.hpp =========================================================
// koodrive-ose: an in-place sort for the few lists the library orders (signed header names,
// query parameters), so that no header needs <algorithm>: its ranges machinery, and std::sort
// instantiated in every translation unit, cost more to compile than the signing itself.
// Heapsort: O(n log n) at worst, whatever the caller's query holds; not stable, which the
// callers do not need (equal elements are equal strings).
#ifndef KOODRIVE_OSE_DETAIL_HEAP_SORT_HPP
#define KOODRIVE_OSE_DETAIL_HEAP_SORT_HPP

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

/// Sorts `v` ascending by `operator<`.
template <class T>
void heap_sort(std::vector<T>& v) {
    using std::swap;
    // Moves v[root] down until both its children are smaller, within v[0, end).
    const auto sift_down = [&v](std::size_t root, std::size_t end) {
        for (;;) {
            std::size_t child = 2 * root + 1;
            if (child >= end) return;
            if (child + 1 < end && v[child] < v[child + 1]) ++child;
            if (!(v[root] < v[child])) return;
            swap(v[root], v[child]);
            root = child;
        }
    };
    const std::size_t n = v.size();
    for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
    for (std::size_t end = n; end > 1; --end) {
        swap(v[0], v[end - 1]);
        sift_down(0, end - 1);
    }
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_HEAP_SORT_HPP

// ==== koodrive/ose/sha256.hpp ===================================================================
// koodrive-ose: SHA-256 (FIPS 180-4), for signed requests.
//
// Written from the standard: section 4.1.2 (functions), 4.2.2 (constants), 5.1.1 (padding),
// 5.3.3 (initial hash value) and 6.2 (computation). No allocation, no exception; usable in
// constant expressions. Not hardened against side channels beyond what SHA-256 needs (it has
// no secret-dependent branches or table look-ups).
//
//   ose::sha256_digest d = ose::sha256("abc");        // one shot
//   ose::sha256_context c; c.update("ab"); c.update("c"); d = c.finish();   // incremental
//   std::string hex = ose::to_hex(d);                  // lowercase, 64 characters
#ifndef KOODRIVE_OSE_SHA256_HPP
#define KOODRIVE_OSE_SHA256_HPP

#include <span>

namespace koodrive::ose {
inline namespace v1 {

/// A SHA-256 digest: 32 bytes.
using sha256_digest = std::array<std::uint8_t, 32>;

namespace detail {

/// FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
/// 64 primes (generated from that definition, not copied).
inline constexpr std::array<std::uint32_t, 64> sha256_k = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/// FIPS 180-4 5.3.3: the first 32 bits of the fractional parts of the square roots of the
/// first 8 primes.
inline constexpr std::array<std::uint32_t, 8> sha256_h0 = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

constexpr std::uint32_t rotr32(std::uint32_t x, unsigned n) noexcept { return (x >> n) | (x << (32u - n)); }

/// One 64-byte block into the state (FIPS 180-4 6.2.2). Byte is char or an unsigned byte type,
/// so that text and bytes are hashed without a cast that constant evaluation would refuse.
template <class Byte>
constexpr void sha256_compress(std::array<std::uint32_t, 8>& h, const Byte* block) noexcept {
    std::array<std::uint32_t, 64> w{};
    for (std::size_t t = 0; t < 16; ++t) {
        w[t] = (std::uint32_t{static_cast<std::uint8_t>(block[4 * t])} << 24) |
               (std::uint32_t{static_cast<std::uint8_t>(block[4 * t + 1])} << 16) |
               (std::uint32_t{static_cast<std::uint8_t>(block[4 * t + 2])} << 8) |
               std::uint32_t{static_cast<std::uint8_t>(block[4 * t + 3])};
    }
    for (std::size_t t = 16; t < 64; ++t) {
        const std::uint32_t s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const std::uint32_t s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (std::size_t t = 0; t < 64; ++t) {
        const std::uint32_t big_s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
        const std::uint32_t ch = (e & f) ^ (~e & g);
        const std::uint32_t t1 = k + big_s1 + ch + sha256_k[t] + w[t];
        const std::uint32_t big_s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
        const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = big_s0 + maj;
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
}

}  // namespace detail

/// Incremental SHA-256: update() any number of times, then finish(), which returns the digest
/// and starts over, so a context can hash one message after another.
class sha256_context {
    /// Defined before its callers: Clang 14 cannot constant-evaluate a member template
    /// defined later in the class.
    template <class Byte>
    constexpr void absorb(const Byte* p, std::size_t n) noexcept {
        length_ += n;
        std::size_t i = 0;
        if (buffered_ != 0) {
            while (i < n && buffered_ < block_size) buffer_[buffered_++] = static_cast<std::uint8_t>(p[i++]);
            if (buffered_ < block_size) return;
            detail::sha256_compress(h_, buffer_.data());
            buffered_ = 0;
        }
        for (; n - i >= block_size; i += block_size) detail::sha256_compress(h_, p + i);
        while (i < n) buffer_[buffered_++] = static_cast<std::uint8_t>(p[i++]);
    }

public:
    /// Bytes per block.
    static constexpr std::size_t block_size = 64;
    /// Bytes per digest.
    static constexpr std::size_t digest_size = 32;

    constexpr sha256_context() noexcept = default;

    /// Adds `data` to the message.
    constexpr sha256_context& update(std::string_view data) noexcept {
        absorb(data.data(), data.size());
        return *this;
    }
    /// Adds the bytes of `data` to the message.
    constexpr sha256_context& update(std::span<const std::uint8_t> data) noexcept {
        absorb(data.data(), data.size());
        return *this;
    }

    /// FIPS 180-4 5.1.1: a 1 bit, zeros up to 448 bits mod 512, then the length in bits as a
    /// 64-bit big-endian number. Messages of 2^61 bytes or more are outside the standard.
    [[nodiscard]] constexpr sha256_digest finish() noexcept {
        const std::uint64_t bits = length_ * 8u;
        std::array<std::uint8_t, block_size + 8> pad{};
        pad[0] = 0x80;
        const std::size_t zeros_end = buffered_ < 56 ? 56 - buffered_ : 120 - buffered_;
        for (std::size_t i = 0; i < 8; ++i) pad[zeros_end + i] = static_cast<std::uint8_t>(bits >> (56u - 8u * i));
        absorb(pad.data(), zeros_end + 8);
        sha256_digest out{};
        for (std::size_t i = 0; i < 8; ++i) {
            out[4 * i] = static_cast<std::uint8_t>(h_[i] >> 24);
            out[4 * i + 1] = static_cast<std::uint8_t>(h_[i] >> 16);
            out[4 * i + 2] = static_cast<std::uint8_t>(h_[i] >> 8);
            out[4 * i + 3] = static_cast<std::uint8_t>(h_[i]);
        }
        reset();
        return out;
    }

    /// Starts over, with an empty message.
    constexpr void reset() noexcept {
        h_ = detail::sha256_h0;
        buffer_ = {};
        buffered_ = 0;
        length_ = 0;
    }

private:
    std::array<std::uint32_t, 8> h_ = detail::sha256_h0;
    std::array<std::uint8_t, block_size> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  ///< bytes so far
};

/// One shot.
[[nodiscard]] constexpr sha256_digest sha256(std::string_view data) noexcept {
    sha256_context c;
    c.update(data);
    return c.finish();
}
/// SHA-256 (FIPS 180-4) of the bytes of `data`.
[[nodiscard]] constexpr sha256_digest sha256(std::span<const std::uint8_t> data) noexcept {
    sha256_context c;
    c.update(data);
    return c.finish();
}

/// Lowercase hex, two characters a byte.
[[nodiscard]] inline std::string to_hex(std::span<const std::uint8_t> bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0Fu]);
    }
    return out;
}

/// Lowercase hex SHA-256 of `data`: 64 characters.
[[nodiscard]] inline std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_SHA256_HPP

// ==== koodrive/ose/hmac.hpp =====================================================================
// koodrive-ose: HMAC-SHA256 (RFC 2104, with SHA-256 as in RFC 4231), for signed requests.
//
//   HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))
//
// where K0 is the key padded with zeros to the 64-byte block, or, for a key longer than the
// block, its SHA-256 digest padded likewise; ipad is 0x36 and opad 0x5c repeated. The context
// keeps only the two hash states after the padded key blocks, never the key itself.
//
//   ose::sha256_digest mac = ose::hmac_sha256(secret, message);
//   std::string hex = ose::hmac_sha256_hex(secret, message);
#ifndef KOODRIVE_OSE_HMAC_HPP
#define KOODRIVE_OSE_HMAC_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Incremental HMAC-SHA256 under one key: update() any number of times, then finish(), which
/// returns the MAC and starts a new message under the same key.
class hmac_sha256_context {
    /// Defined before its callers (see sha256_context::absorb).
    template <class Byte>
    constexpr void init(const Byte* key, std::size_t n) noexcept {
        std::array<std::uint8_t, sha256_context::block_size> k0{};
        if (n > sha256_context::block_size) {
            sha256_digest d{};
            if constexpr (std::is_same_v<Byte, char>)
                d = sha256(std::string_view(key, n));
            else
                d = sha256(std::span<const std::uint8_t>(key, n));
            for (std::size_t i = 0; i < d.size(); ++i) k0[i] = d[i];
        } else {
            for (std::size_t i = 0; i < n; ++i) k0[i] = static_cast<std::uint8_t>(key[i]);
        }
        std::array<std::uint8_t, sha256_context::block_size> pad{};
        for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x36u);
        inner_keyed_.update(pad);
        for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x5cu);
        outer_keyed_.update(pad);
        inner_ = inner_keyed_;
        // Best effort: the padded key does not outlive the constructor.
        k0 = {};
        pad = {};
    }

public:
    /// Starts a MAC keyed with `key` (any length; longer than a block, it is hashed first).
    constexpr explicit hmac_sha256_context(std::string_view key) noexcept { init(key.data(), key.size()); }
    /// Starts a MAC keyed with the bytes of `key`.
    constexpr explicit hmac_sha256_context(std::span<const std::uint8_t> key) noexcept { init(key.data(), key.size()); }

    /// Adds `data` to the message.
    constexpr hmac_sha256_context& update(std::string_view data) noexcept {
        inner_.update(data);
        return *this;
    }
    /// Adds the bytes of `data` to the message.
    constexpr hmac_sha256_context& update(std::span<const std::uint8_t> data) noexcept {
        inner_.update(data);
        return *this;
    }

    /// The MAC of everything added so far.
    [[nodiscard]] constexpr sha256_digest finish() noexcept {
        const sha256_digest inner_digest = inner_.finish();
        sha256_context outer = outer_keyed_;
        outer.update(inner_digest);
        inner_ = inner_keyed_;
        return outer.finish();
    }

private:
    sha256_context inner_keyed_;  ///< after (K0 ^ ipad)
    sha256_context outer_keyed_;  ///< after (K0 ^ opad)
    sha256_context inner_;        ///< the message so far
};

/// HMAC-SHA256 (RFC 2104) of `message` keyed with `key`.
[[nodiscard]] constexpr sha256_digest hmac_sha256(std::string_view key, std::string_view message) noexcept {
    hmac_sha256_context c(key);
    c.update(message);
    return c.finish();
}
/// HMAC-SHA256 (RFC 2104) of the bytes of `message` keyed with the bytes of `key`.
[[nodiscard]] constexpr sha256_digest hmac_sha256(std::span<const std::uint8_t> key,
                                                  std::span<const std::uint8_t> message) noexcept {
    hmac_sha256_context c(key);
    c.update(message);
    return c.finish();
}

/// Lowercase hex HMAC-SHA256: 64 characters.
[[nodiscard]] inline std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    return to_hex(hmac_sha256(key, message));
}

/// Compares two strings in time that depends on their lengths only, not on where they first
/// differ; for checking a MAC or signature someone else sent.
[[nodiscard]] constexpr bool equal_constant_time(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return diff == 0;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_HMAC_HPP

// ==== koodrive/ose/time.hpp =====================================================================
// koodrive-ose: times on the wire. X-Date (yyyyMMdd'T'HHmmss'Z', UTC) made and checked, and
// the compact yyyyMMddHHmmss form of times in responses.
//
// Pure functions: the current time always comes in as an argument.
#ifndef KOODRIVE_OSE_TIME_HPP
#define KOODRIVE_OSE_TIME_HPP

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

// Calendar. Days since 1970-01-01 <-> proleptic Gregorian date, using the era/day-of-era
// decomposition described by Howard Hinnant ("chrono-Compatible Low-Level Date
// Algorithms"). Written out so the result does not depend on how much of the C++20
// calendar a given standard library ships, and because gmtime is not thread safe.

struct civil_date {
    std::int64_t year;
    std::int64_t month;  ///< 1..12
    std::int64_t day;    ///< 1..31
};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr civil_date civil_from_days(std::int64_t days) noexcept {
    // Shift the epoch to 0000-03-01 so that the leap day is the last day of a year.
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);                                   // 400-year cycles
    const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                                     // March = 0 .. February = 11
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

constexpr std::int64_t days_from_civil(std::int64_t year, std::int64_t month, std::int64_t day) noexcept {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;  // [0, 399]
    const std::int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
    return era * 146097 + doe - 719468;
}

constexpr bool is_leap_year(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr std::int64_t days_in_month(std::int64_t y, std::int64_t m) noexcept {
    constexpr std::int64_t lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap_year(y)) return 29;
    return lengths[m - 1];
}

/// Appends v (>= 0) as exactly `width` decimal digits, or more if it needs more.
inline void append_padded(std::string& out, std::int64_t v, int width) {
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v > 0);
    while (n < width) buf[n++] = '0';
    while (n > 0) out.push_back(buf[--n]);
}

/// Reads `width` decimal digits at s[pos]; -1 if any is not a digit.
constexpr std::int64_t read_digits(std::string_view s, std::size_t pos, std::size_t width) noexcept {
    std::int64_t v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/// What a 14-digit `yyyyMMddHHmmss` string (at given positions) means, or why it is not a
/// real instant. The date part sits at s[0..8) and the time part at s[time_pos..time_pos+6).
enum class time_parse_status : std::uint8_t { ok, not_digits, bad_date, bad_time, out_of_clock_range };

struct time_parse_out {
    time_parse_status status = time_parse_status::ok;
    std::chrono::sys_seconds value{};
};

constexpr time_parse_out parse_fields(std::string_view s, std::size_t time_pos) noexcept {
    time_parse_out r;
    const std::int64_t year = read_digits(s, 0, 4);
    const std::int64_t month = read_digits(s, 4, 2);
    const std::int64_t day = read_digits(s, 6, 2);
    const std::int64_t hour = read_digits(s, time_pos, 2);
    const std::int64_t minute = read_digits(s, time_pos + 2, 2);
    const std::int64_t second = read_digits(s, time_pos + 4, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
        r.status = time_parse_status::not_digits;
        return r;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        r.status = time_parse_status::bad_date;
        return r;
    }
    // No leap second: a UTC clock on a computer never shows :60 in practice, and
    // sys_seconds could not represent it distinctly anyway.
    if (hour > 23 || minute > 59 || second > 59) {
        r.status = time_parse_status::bad_time;
        return r;
    }
    const std::int64_t secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    // Only instants std::chrono::system_clock can hold (libstdc++ counts nanoseconds:
    // 1677-09-21 to 2262-04-11), so that converting the result to its time_point cannot overflow.
    using clock_point = std::chrono::system_clock::time_point;
    constexpr auto lowest = std::chrono::ceil<std::chrono::seconds>(clock_point::min().time_since_epoch()).count();
    constexpr auto highest = std::chrono::floor<std::chrono::seconds>(clock_point::max().time_since_epoch()).count();
    if (secs < lowest || secs > highest) {
        r.status = time_parse_status::out_of_clock_range;
        return r;
    }
    r.value = std::chrono::sys_seconds{std::chrono::seconds{secs}};
    return r;
}

}  // namespace detail

// =======================================================================================
// X-Date: yyyyMMdd'T'HHmmss'Z' in UTC

/// The name of the X-Date header.
inline constexpr std::string_view x_date_header = "X-Date";
/// How old an X-Date may be: 15 minutes.
inline constexpr std::chrono::seconds x_date_max_age{15 * 60};

/// Sub-second parts are dropped (rounded towards the past, also before 1970).
inline std::string format_x_date(std::chrono::system_clock::time_point t) {
    const std::int64_t secs =
        static_cast<std::int64_t>(std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
    const std::int64_t days = detail::floor_div(secs, 86400);
    const std::int64_t sod = secs - days * 86400;  // [0, 86399]
    const detail::civil_date d = detail::civil_from_days(days);
    std::string out;
    out.reserve(16);
    // system_clock spans a few hundred years around 1970, so the year fits 4 digits in
    // practice; a year before 0000 would not, and gets a sign rather than a wrong value.
    if (d.year < 0) {
        out.push_back('-');
        detail::append_padded(out, -d.year, 4);
    } else {
        detail::append_padded(out, d.year, 4);
    }
    detail::append_padded(out, d.month, 2);
    detail::append_padded(out, d.day, 2);
    out.push_back('T');
    detail::append_padded(out, sod / 3600, 2);
    detail::append_padded(out, sod / 60 % 60, 2);
    detail::append_padded(out, sod % 60, 2);
    out.push_back('Z');
    return out;
}

/// Strict: exactly 16 characters, upper-case 'T' and 'Z', a real date and time.
inline result<std::chrono::sys_seconds> parse_x_date(std::string_view value) {
    if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z')
        return detail::header_error(x_date_header, "expected yyyyMMdd'T'HHmmss'Z' (16 characters)");
    const detail::time_parse_out r = detail::parse_fields(value, 9);
    switch (r.status) {
    case detail::time_parse_status::ok: return r.value;
    case detail::time_parse_status::not_digits:
        return detail::header_error(x_date_header, "expected yyyyMMdd'T'HHmmss'Z' (digits)");
    case detail::time_parse_status::bad_date: return detail::header_error(x_date_header, "not a real calendar date");
    case detail::time_parse_status::bad_time: return detail::header_error(x_date_header, "not a real time of day");
    case detail::time_parse_status::out_of_clock_range:
        return detail::header_error(x_date_header, "outside the range of std::chrono::system_clock");
    }
    return detail::header_error(x_date_header, "invalid");
}

/// Well formed, not later than `now` and at most 15 minutes before it. `now` is truncated
/// to whole seconds first, so a value made from the same clock reading always passes.
inline result<void> check_x_date(std::string_view value, std::chrono::system_clock::time_point now) {
    auto t = parse_x_date(value);
    if (!t) return std::move(t).error();
    const std::chrono::sys_seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
    if (*t > now_s) return detail::header_error(x_date_header, "later than now");
    if (now_s - *t > x_date_max_age) return detail::header_error(x_date_header, "more than 15 minutes before now");
    return {};
}

/// `yyyyMMddHHmmss` (14 digits, UTC), the form of times in responses. The error is
/// `malformed_response`, since that is where such times come from; a caller decoding a
/// request can change the kind.
inline result<std::chrono::sys_seconds> parse_compact_time(std::string_view value) {
    auto fail = [](errc code, const char* message) {
        return error::make(error_kind::malformed_response, code, "", message);
    };
    if (value.size() != 14) return fail(errc::syntax, "expected yyyyMMddHHmmss (14 digits)");
    const detail::time_parse_out r = detail::parse_fields(value, 8);
    switch (r.status) {
    case detail::time_parse_status::ok: return r.value;
    case detail::time_parse_status::not_digits: return fail(errc::syntax, "expected yyyyMMddHHmmss (14 digits)");
    case detail::time_parse_status::bad_date: return fail(errc::out_of_range, "not a real calendar date");
    case detail::time_parse_status::bad_time: return fail(errc::out_of_range, "not a real time of day");
    case detail::time_parse_status::out_of_clock_range:
        return fail(errc::out_of_range, "outside the range of std::chrono::system_clock");
    }
    return fail(errc::syntax, "invalid time");
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TIME_HPP

// ==== koodrive/ose/signing.hpp ==================================================================
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

// ==== koodrive/ose/trace_id.hpp =================================================================
// koodrive-ose: X-Traceid values, exactly 58 characters of [A-Za-z0-9_], and how to make them
// from a random source the caller supplies.
#ifndef KOODRIVE_OSE_TRACE_ID_HPP
#define KOODRIVE_OSE_TRACE_ID_HPP

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

// ==== koodrive/ose/response_reader.hpp ==========================================================
// koodrive-ose: from the HTTP status, headers and body the user's stack received to a typed
// response, or an error that says which kind of failure it was and whether to retry.
//
//   200 + JSON with code 0        -> the response
//   200 + JSON with another code  -> api_error (code, msg)
//   200 + anything else           -> malformed_response (offset, path, expectation)
//   400/401/500 + JSON {code,msg} -> api_error
//   anything else                 -> http_error (status, a safe snippet of the body)
#ifndef KOODRIVE_OSE_RESPONSE_READER_HPP
#define KOODRIVE_OSE_RESPONSE_READER_HPP

namespace koodrive::ose {
inline namespace v1 {

/// The body of an error status: {code, msg}.
struct api_error_body {
    std::string code;  ///< the API's code, as text ("0" is success)
    std::string msg;   ///< the API's message
};

template <>
struct description<api_error_body> {
    using T = api_error_body;
    static constexpr std::string_view name = "api_error_body";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"));
};

/// Reads the reply to a request of type Request.
template <endpoint_request Request>
result<response_of<Request>> read_response(int status, std::string_view body, const read_limits& limits = {});

/// Reads the response to `Request`: the typed message on HTTP 200 with code 0, else the error it says (see error_kind).
template <endpoint_request Request>
result<response_of<Request>> read_response(const http_response& r, const read_limits& limits = {});

}  // namespace v1
}  // namespace koodrive::ose

// The definitions; in the compiled mode, made once in src/koodrive_ose.cpp (README, "Compile cost").
#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#endif

#endif  // KOODRIVE_OSE_RESPONSE_READER_HPP

// ==== koodrive/ose/detail/response_reader_impl.hpp ==============================================
// koodrive-ose: how read_response reads a reply (response_reader.hpp declares it).
#ifndef KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP
#define KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline error api_failure(int status, std::string_view code, std::string_view msg) {
    error e = error::make(error_kind::api_error, errc::api, "", "");
    e.http_status = status;
    // Kept exactly as received (the decoder's read_limits bound their size); error::to_string()
    // sanitizes them when they are printed.
    e.api_code = code;
    e.api_msg = msg;
    return e;
}

inline error http_failure(int status, std::string_view body) {
    error e = error::make(
        error_kind::http_error, errc::http_status, "",
        (status == 400 || status == 401 || status == 500) ? "expected a JSON {code,msg} body" : "unexpected status");
    e.http_status = status;
    e.body_snippet = safe_snippet(body, 256);
    return e;
}

/// A response field that a successful reply must carry (the task ID of a create).
template <described T>
result<void> check_success_fields(const T& r, std::size_t body_size) {
    std::optional<error> missing;
    for_each_field<T>([&](const auto& f) {
        if constexpr (std::is_same_v<std::decay_t<decltype(f.get(r))>, std::string>) {
            if (f.presence_ == presence::on_success && f.get(r).empty()) {
                missing = error::make(error_kind::malformed_response, errc::missing_field, "$." + std::string(f.name),
                                      "expected a task ID in a successful response", body_size);
                return false;
            }
        }
        return true;
    });
    if (missing) return std::move(*missing);
    return {};
}

}  // namespace detail

template <endpoint_request Request>
result<response_of<Request>> read_response(int status, std::string_view body, const read_limits& limits) {
    using Response = response_of<Request>;
    if (status == 200) {
        Response out{};
        if (auto r = decode_into(out, body, limits); !r) return std::move(r).error();
        if (out.code != "0") return detail::api_failure(status, out.code, out.msg);
        if (auto r = detail::check_success_fields(out, body.size()); !r) return std::move(r).error();
        return out;
    }
    if (status == 400 || status == 401 || status == 500) {
        api_error_body b{};
        if (decode_into(b, body, limits)) return detail::api_failure(status, b.code, b.msg);
    }
    return detail::http_failure(status, body);
}

template <endpoint_request Request>
result<response_of<Request>> read_response(const http_response& r, const read_limits& limits) {
    return read_response<Request>(r.status, r.body, limits);
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made once in
// src/koodrive_ose.cpp.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#endif

#endif  // KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP

// ==== koodrive/ose/detail/request_builder_impl.hpp ==============================================
// koodrive-ose: how build_request builds a request (request_builder.hpp declares it).
#ifndef KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP
#define KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline error missing_setting(std::string_view header) {
    return error::make(error_kind::invalid_request, errc::invalid_header, std::string(header),
                       "required by this endpoint, but the setting is empty");
}

inline result<void> add_header(http_request& req, std::string_view name, std::string value) {
    if (auto ok = check_header_value(name, value); !ok) return ok;
    req.headers.push_back({std::string(name), std::move(value)});
    return {};
}

/// The access token: a header value, and, after any scheme it already carries, visible ASCII
/// only (no space), non-empty. A verbatim value is the caller's whole header and may hold spaces.
inline result<void> check_token(std::string_view token, token_scheme scheme) {
    if (auto ok = check_header_value("Authorization", token); !ok) return ok;
    if (scheme == token_scheme::verbatim) return {};
    std::size_t start = 0;
    for (std::string_view p :
         {std::string_view("Bearer+"), std::string_view("Bearer "), std::string_view("AT "), std::string_view("AT+")}) {
        if (token.substr(0, p.size()) == p) {
            start = p.size();
            break;
        }
    }
    if (start == token.size()) return header_error("Authorization", "no token after the scheme");
    for (std::size_t i = start; i < token.size(); ++i)
        if (token[i] == ' ') return header_error("Authorization", at_index("space in the access token", i));
    return {};
}

/// App credentials come as a pair.
inline result<void> check_app_credentials(const app_credentials& app) {
    if (app.app_id.empty() || app.app_secret.empty())
        return header_error("Authorization", "app credentials need both an app ID and an app secret");
    return check_app_id(app.app_id);
}

/// Adds a header the endpoint uses `use`-ly from a setting.
inline result<void> add_setting(http_request& req, header_use use, std::string_view name, const std::string& value) {
    if (use == header_use::no || (use == header_use::optional && value.empty())) return {};
    if (value.empty()) return missing_setting(name);
    return add_header(req, name, value);
}

}  // namespace detail

template <endpoint_request Request>
result<http_request> build_request(const Request& message, const settings& s, environment& env) {
    using ep = endpoint<Request>;
    http_request req;
    req.method.assign(to_string(ep::method));
    req.target.assign(ep::path);
    if constexpr (ep::method == http_method::get) {
        if (auto v = validate(message); !v) return std::move(v).error();
        req.target.push_back('?');
        encode_query(message, req.target);
    } else {
        if (auto v = encode_to(message, req.body); !v) return std::move(v).error();
    }

    constexpr endpoint_headers h = ep::headers;
    const auto* app = std::get_if<app_credentials>(&s.auth);
    const auto* token = std::get_if<access_token>(&s.auth);
    if (app) {
        if (auto ok = detail::check_app_credentials(*app); !ok) return ok.error();
    }
    const header_use host_use = app ? header_use::required : h.host;
    req.headers.reserve(9);
    if (token && h.authorization != header_use::no &&
        !(h.authorization == header_use::optional && token->token.empty())) {
        if (token->token.empty()) return detail::missing_setting("Authorization");
        // Checked on its own so the error names the token, not the prefixed value.
        if (auto ok = detail::check_token(token->token, token->scheme); !ok) return ok.error();
        if (auto ok = detail::add_header(req, "Authorization", authorization_value(token->token, token->scheme)); !ok)
            return ok.error();
    }
    if (auto ok = detail::add_setting(req, header_use::required, "X-User-Id", s.user_id); !ok) return ok.error();

    const auto now = env.clock();
    if (s.x_date.empty()) {
        if (auto ok = detail::add_header(req, "X-Date", format_x_date(now)); !ok) return ok.error();
    } else {
        if (auto ok = check_x_date(s.x_date, now); !ok) return ok.error();
        if (auto ok = detail::add_header(req, "X-Date", s.x_date); !ok) return ok.error();
    }

    if (!s.trace_id.empty()) {
        if (!is_valid_trace_id(s.trace_id)) {
            return error::make(error_kind::invalid_request, errc::invalid_header, "X-Traceid",
                               "must be exactly 58 characters of A-Z, a-z, 0-9 and _");
        }
        req.headers.push_back({"X-Traceid", s.trace_id});
    } else if (s.generate_trace_id) {
        req.headers.push_back({"X-Traceid", generate_trace_id(env.random)});
    }

    if (h.language != header_use::no && !s.language.empty()) {
        if (auto ok = check_language(s.language); !ok) return ok.error();
    }
    if (auto ok = detail::add_setting(req, h.language, "language", s.language); !ok) return ok.error();
    if (auto ok = detail::add_setting(req, h.share_folder_id, "x-hw-share-folder-id", s.share_folder_id); !ok)
        return ok.error();
    if (auto ok = detail::add_setting(req, h.agent_name, "X-Hw-Agentname", s.agent_name); !ok) return ok.error();
    if (host_use != header_use::no && !s.host.empty()) {
        if (auto ok = check_host(s.host); !ok) return ok.error();
    }
    if (auto ok = detail::add_setting(req, host_use, "Host", s.host); !ok) return ok.error();
    if (!req.body.empty()) req.headers.push_back({"Content-Type", "application/json"});
    if (app) {
        if (auto ok = sign_request(req, app->app_id, app->app_secret); !ok) return ok.error();
    }
    return req;
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made once in
// src/koodrive_ose.cpp.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
// ==== koodrive/ose/detail/compiled_http.hpp =====================================================
// koodrive-ose, compiled mode: build_request and read_response of the five endpoints, declared
// here and made once in src/koodrive_ose.cpp. Included by request_builder_impl.hpp and
// response_reader_impl.hpp (at their ends) only in that mode.
#ifndef KOODRIVE_OSE_DETAIL_COMPILED_HTTP_HPP
#define KOODRIVE_OSE_DETAIL_COMPILED_HTTP_HPP

namespace koodrive::ose {
inline namespace v1 {
KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(KOODRIVE_OSE_DETAIL_BUILD_INSTANCES)
KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(KOODRIVE_OSE_DETAIL_READ_INSTANCES)
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_COMPILED_HTTP_HPP

// ==== koodrive/ose/detail/request_builder_impl.hpp (continued) ==================================
#endif

#endif  // KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP

// ==== koodrive/ose.hpp ==========================================================================
// koodrive-ose: the protocol, sans I/O. Include this, or only the parts you use:
//
//   koodrive/ose/messages/*.hpp   the messages of the five endpoints (encode, decode, validate)
//   koodrive/ose/endpoints.hpp    method, target and headers of each endpoint
//   koodrive/ose/request_builder.hpp, response_reader.hpp   sans-I/O HTTP
//   koodrive/ose/signing.hpp      app-signed requests (HMAC-SHA256; sha256.hpp, hmac.hpp)
//   koodrive/ose/log_format.hpp   one-line log forms with secrets redacted
//
// Not included, so that a user of the protocol alone never parses threads, mutexes or stop
// tokens (README, "Compile cost"):
//
//   koodrive/ose/client.hpp       a client over your own HTTP callback (retries, polling)
#ifndef KOODRIVE_OSE_HPP
#define KOODRIVE_OSE_HPP

// In layer order, not sorted:
// clang-format off
// clang-format on

// The rest. The compiled mode declares only the above, the messages and what is done with them,
// and leaves these to the files that use them (README, "Compile cost").
#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
// clang-format off
// clang-format on
#endif

#endif  // KOODRIVE_OSE_HPP

// ==== koodrive/ose/log_format.hpp ===============================================================
// koodrive-ose: one line for a log, for any message, HTTP value or error.
//
// Secrets (the access token, password, kdstoken, an app secret) print as ***; enums print by
// name (or their number when the table does not know them); strings are quoted with control
// and invalid bytes escaped, so a line is always one line; long arrays are cut short.
#ifndef KOODRIVE_OSE_LOG_FORMAT_HPP
#define KOODRIVE_OSE_LOG_FORMAT_HPP

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline constexpr std::size_t log_max_array_entries = 8;
inline constexpr std::string_view redacted = "***";

/// Quoted, with C0 controls, DEL and invalid UTF-8 shown as \xNN and C1 controls as \u00NN.
inline void append_log_string(std::string& out, std::string_view s) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < s.size()) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0x80) {
            const std::size_t len =
                utf8_sequence_length(reinterpret_cast<const unsigned char*>(s.data() + i), s.size() - i);
            if (len == 2 && u == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
                // A C1 control (U+0080..U+009F: NEL, CSI, ...) is a control character too.
                static constexpr char hex[] = "0123456789abcdef";
                const auto c = static_cast<unsigned char>(s[i + 1]);
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xF]);
                i += len;
                continue;
            }
            if (len != 0) {
                out.append(s.substr(i, len));
                i += len;
                continue;
            }
        }
        if (u < 0x20 || u == 0x7F || u >= 0x80 || u == '"' || u == '\\') {
            static constexpr char hex[] = "0123456789abcdef";
            if (u == '"' || u == '\\') {
                out.push_back('\\');
                out.push_back(static_cast<char>(u));
            } else {
                out += "\\x";
                out.push_back(hex[u >> 4]);
                out.push_back(hex[u & 0xF]);
            }
        } else {
            out.push_back(static_cast<char>(u));
        }
        ++i;
    }
    out.push_back('"');
}

template <class V>
void append_log_value(std::string& out, const V& v) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (is_text_kind<V>) {
        append_log_string(out, v);
    } else if constexpr (kind == field_kind::enumeration) {
        const auto name = enum_name(v);
        if (name.empty())
            json::write_integer(out, to_wire(v));
        else
            out.append(name);
    } else if constexpr (kind == field_kind::integer) {
        json::write_integer(out, v);
    } else if constexpr (kind == field_kind::optional) {
        append_log_value(out, *v);
    } else if constexpr (kind == field_kind::array) {
        out.push_back('[');
        for (std::size_t i = 0; i < v.size() && i < log_max_array_entries; ++i) {
            if (i != 0) out += ", ";
            append_log_value(out, v[i]);
        }
        if (v.size() > log_max_array_entries) out += ", ... (" + std::to_string(v.size()) + " in all)";
        out.push_back(']');
    } else if constexpr (kind == field_kind::wrapped) {
        append_log_value(out, field_traits<V>::wire(v));
    } else if constexpr (kind == field_kind::object) {
        out.append(description<V>::name);
        out.push_back('{');
        bool first = true;
        for_each_field<V>([&](const auto& f) {
            const auto& m = f.get(v);
            if (!is_written(m, f.presence_)) return true;  // absent, as in the JSON
            if (!first) out += ", ";
            first = false;
            out.append(f.name);
            out.push_back('=');
            if (f.secret_)
                out.append(redacted);
            else
                append_log_value(out, m);
            return true;
        });
        out.push_back('}');
    } else {
        static_assert(unsupported_field_type<V>, "no log form for this type");
    }
}

/// Header values a log must not show.
inline bool is_secret_header(std::string_view name) noexcept { return iequals(name, "Authorization"); }

inline void append_log_headers(std::string& out, const std::vector<http_header>& headers) {
    out += " {";
    bool first = true;
    for (const auto& h : headers) {
        if (!first) out += ", ";
        first = false;
        out += safe_snippet(h.name, 64);
        out += ": ";
        if (is_secret_header(h.name))
            out.append(redacted);
        else
            out += safe_snippet(h.value, 128);
    }
    out += '}';
}

}  // namespace detail

/// `create_batch_task_request{taskType=copy, actionType=copy_dump, ..., password=***}`
template <described T>
std::string to_log_string(const T& message) {
    std::string out;
    detail::append_log_value(out, message);
    return out;
}

/// `POST /koodrive/ose/v1/jobs {Authorization: ***, X-User-Id: ...} body 312 bytes`. The body is
/// not shown: it may hold a password or kdstoken; log the message itself instead.
inline std::string to_log_string(const http_request& r) {
    std::string out = safe_snippet(r.method, 16);
    out += ' ';
    out += safe_snippet(r.target, 512);
    detail::append_log_headers(out, r.headers);
    out += " body " + std::to_string(r.body.size()) + " bytes";
    return out;
}

/// One log line for a response: its status, headers and body size.
inline std::string to_log_string(const http_response& r) {
    std::string out = "HTTP " + std::to_string(r.status);
    detail::append_log_headers(out, r.headers);
    out += " body " + std::to_string(r.body.size()) + " bytes";
    return out;
}

/// One log line for an error (error::to_string()).
inline std::string to_log_string(const error& e) { return e.to_string(); }

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_LOG_FORMAT_HPP

// ==== koodrive/ose/blocking_sleeper.hpp =========================================================
// koodrive-ose: the blocking client's default wait: blocks the calling thread for the delay,
// and wakes up early when stop is requested.
//
// Kept apart so that the sans-I/O parts (call_machine.hpp, pollers.hpp) and event-loop
// adapters never see <condition_variable>. Real time (steady clock): replace it through
// client_options::sleep in tests, so that waits move the injected clock instead.
#ifndef KOODRIVE_OSE_BLOCKING_SLEEPER_HPP
#define KOODRIVE_OSE_BLOCKING_SLEEPER_HPP

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace koodrive::ose {
inline namespace v1 {

/// Blocks for `delay`, or until `stop` is requested.
inline void blocking_sleep(std::chrono::milliseconds delay, const std::stop_token& stop) {
    if (delay.count() <= 0 || stop.stop_requested()) return;
    std::mutex m;
    std::condition_variable_any woken;
    std::unique_lock lock(m);
    // Returns at the delay or when stop is requested (a stop_callback notifies), never spuriously early.
    (void)woken.wait_for(lock, stop, delay, [] { return false; });
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_BLOCKING_SLEEPER_HPP

// ==== koodrive/ose/call_options.hpp =============================================================
// koodrive-ose: a deadline and a cancellation token for one client call or poller.
//
// The deadline is read on the client's own (injected) clock, so tests move time by hand. The
// token is a std::stop_token: a waiting call wakes up when stop is requested and fails with
// kind `canceled`; a request already handed to the transport is not interrupted by the
// synchronous client (the transport's own timeout bounds it).
#ifndef KOODRIVE_OSE_CALL_OPTIONS_HPP
#define KOODRIVE_OSE_CALL_OPTIONS_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Bounds of one call or poller: when to give up, and a way to stop it.
struct call_options {
    std::optional<std::chrono::system_clock::time_point> deadline;  ///< none: only the retry budget bounds the call
    std::stop_token stop;                                           ///< default: never stops
};

/// The error of a call that stop ended.
inline error canceled_error(std::string_view trace_id) {
    error e = error::make(error_kind::canceled, errc::canceled, "", "stop was requested");
    e.trace_id.assign(trace_id);
    return e;
}

/// The error of a call whose deadline passed before it could send.
inline error deadline_error(std::string_view trace_id) {
    error e = error::make(error_kind::timed_out, errc::timeout, "", "the call's deadline passed");
    e.trace_id.assign(trace_id);
    return e;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_CALL_OPTIONS_HPP

// ==== koodrive/ose/observer.hpp =================================================================
// koodrive-ose: a hook to watch what a client does (for logs, metrics and traces).
//
// Every event carries the call's trace ID (X-Traceid; not a secret) and never a header value,
// body or token. The client calls the observer on the calling thread; a client shared between
// threads calls it from each of them, so an observer shared that way must be thread safe.
#ifndef KOODRIVE_OSE_OBSERVER_HPP
#define KOODRIVE_OSE_OBSERVER_HPP

namespace koodrive::ose {
inline namespace v1 {

/// A request handed to the transport.
struct request_sent_event {
    std::string_view trace_id;  ///< X-Traceid of the call
    std::string_view method;    ///< GET or POST
    std::string_view target;    ///< path and query (the query holds no secret: offset, limit, type, status)
    std::size_t attempt;        ///< 1 for the first send of the call
};

/// The transport's answer (a response, or a failure).
struct response_received_event {
    std::string_view trace_id;          ///< X-Traceid of the call
    int status;                         ///< 0 when the transport failed
    std::chrono::milliseconds elapsed;  ///< on the client's clock
    std::size_t attempt;                ///< the send this answers (1 for the first)
};

/// The call will send again after `delay`.
struct retry_scheduled_event {
    std::string_view trace_id;        ///< X-Traceid of the call
    std::chrono::milliseconds delay;  ///< the wait before the next send (0: at once)
    std::string_view reason;          ///< the failure, as error::to_string() says it, or the recovery made
    std::size_t next_attempt;         ///< the number of the send to come
};

/// A poller saw its task.
struct poll_progress_event {
    std::string_view trace_id;  ///< of the request whose reply showed this state
    std::string_view task_id;   ///< the task polled
    job_status status;          ///< its status
    std::int32_t progress;      ///< percent for share tasks; -1 for batch jobs, which have none
    std::size_t attempt;        ///< the look at the task (1 for the first)
};

/// Override the events you want; each default does nothing.
class observer {
public:
    virtual ~observer() = default;
    /// A request was handed to the transport.
    virtual void request_sent(const request_sent_event&) {}
    /// The transport answered (or failed).
    virtual void response_received(const response_received_event&) {}
    /// The call will send again.
    virtual void retry_scheduled(const retry_scheduled_event&) {}
    /// A poller saw its task.
    virtual void poll_progress(const poll_progress_event&) {}

protected:
    observer() = default;
    /// Copyable by derived classes only.
    observer(const observer&) = default;
    /// Assignable by derived classes only.
    observer& operator=(const observer&) = default;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_OBSERVER_HPP

// ==== koodrive/ose/http_date.hpp ================================================================
// koodrive-ose: HTTP dates (RFC 9110 IMF-fixdate), as in the `Date` and `Retry-After` headers.
//
// `Sun, 06 Nov 1994 08:49:37 GMT`: the one form a sender may generate. The client reads the
// service's `Date` to correct its clock and a `Retry-After` date to know how long to wait; the
// obsolete RFC 850 and asctime forms are refused (a reader falls back to its own delay).
#ifndef KOODRIVE_OSE_HTTP_DATE_HPP
#define KOODRIVE_OSE_HTTP_DATE_HPP

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline constexpr std::array<std::string_view, 7> weekday_names = {"Thu", "Fri", "Sat", "Sun",
                                                                  "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
inline constexpr std::array<std::string_view, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

inline error http_date_error(std::string_view header, const char* why) {
    error e = header_error(header, why);
    e.kind = error_kind::malformed_response;  // dates come from the service
    return e;
}

}  // namespace detail

/// `t` as an IMF-fixdate, whole seconds rounded towards the past.
inline std::string format_http_date(std::chrono::system_clock::time_point t) {
    const auto secs = static_cast<std::int64_t>(std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
    const std::int64_t days = detail::floor_div(secs, 86400);
    const std::int64_t sod = secs - days * 86400;
    const detail::civil_date d = detail::civil_from_days(days);
    std::string out;
    out.reserve(29);
    out += detail::weekday_names[static_cast<std::size_t>(days - detail::floor_div(days, 7) * 7)];
    out += ", ";
    detail::append_padded(out, d.day, 2);
    out += ' ';
    out += detail::month_names[static_cast<std::size_t>(d.month - 1)];
    out += ' ';
    detail::append_padded(out, d.year < 0 ? 0 : d.year, 4);
    out += ' ';
    detail::append_padded(out, sod / 3600, 2);
    out += ':';
    detail::append_padded(out, sod / 60 % 60, 2);
    out += ':';
    detail::append_padded(out, sod % 60, 2);
    out += " GMT";
    return out;
}

/// An IMF-fixdate; strict, and the weekday must match the date. `header` names the header in errors.
inline result<std::chrono::sys_seconds> parse_http_date(std::string_view value, std::string_view header = "Date") {
    constexpr const char* expected = "expected an HTTP date such as Sun, 06 Nov 1994 08:49:37 GMT";
    if (value.size() != 29 || value.substr(3, 2) != ", " || value[7] != ' ' || value[11] != ' ' || value[16] != ' ' ||
        value[19] != ':' || value[22] != ':' || value.substr(25) != " GMT")
        return detail::http_date_error(header, expected);
    std::size_t month = 0;
    while (month < detail::month_names.size() && detail::month_names[month] != value.substr(8, 3)) ++month;
    if (month == detail::month_names.size()) return detail::http_date_error(header, expected);
    // As yyyyMMdd and HHmmss, to share the X-Date checks (real date, real time, clock range).
    std::string compact;
    compact += value.substr(12, 4);
    detail::append_padded(compact, static_cast<std::int64_t>(month + 1), 2);
    compact += value.substr(5, 2);
    compact += value.substr(17, 2);
    compact += value.substr(20, 2);
    compact += value.substr(23, 2);
    const detail::time_parse_out r = detail::parse_fields(compact, 8);
    if (r.status == detail::time_parse_status::not_digits) return detail::http_date_error(header, expected);
    if (r.status != detail::time_parse_status::ok) return detail::http_date_error(header, "not a real date and time");
    const auto days = detail::floor_div(static_cast<std::int64_t>(r.value.time_since_epoch().count()), 86400);
    if (detail::weekday_names[static_cast<std::size_t>(days - detail::floor_div(days, 7) * 7)] != value.substr(0, 3))
        return detail::http_date_error(header, "the weekday does not match the date");
    return r.value;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_HTTP_DATE_HPP

// ==== koodrive/ose/retry.hpp ====================================================================
// koodrive-ose: when to send a failed request again, and how long to wait first.
//
// A `retry_policy` is a value: attempts, exponential backoff with full jitter (the delay is
// uniform in [0, min(max_delay, base_delay * 2^n)], from the caller's random source), the
// service's `Retry-After` (seconds or an HTTP date), and a total time budget per call.
//
// Reads (list, query) are sent again after any retryable failure. A create is sent again only
// when the request certainly never reached the service (`error::safe_to_resend()`: the
// transport said "not sent"), unless the caller opts in: a timeout, a reset or a 502 may come
// after the service made the task, and sending again would make a second one.
#ifndef KOODRIVE_OSE_RETRY_HPP
#define KOODRIVE_OSE_RETRY_HPP

namespace koodrive::ose {
inline namespace v1 {

/// When and how long before a failed call is sent again.
struct retry_policy {
    std::size_t max_attempts = 4;                ///< sends per call, the first included (1: never again)
    std::chrono::milliseconds base_delay{200};   ///< the first retry waits up to this
    std::chrono::milliseconds max_delay{10000};  ///< cap of a backoff wait (a Retry-After is taken as sent)
    std::chrono::milliseconds budget{30000};     ///< a call's sends and waits, on the client's clock; 0: none
    bool honor_retry_after = true;               ///< wait what the service's Retry-After asks
    /// Opt in to resend a create after any retryable failure, accepting that the service may
    /// then make the task twice. Off: only failures that are `safe_to_resend()`.
    bool resend_creates_that_may_have_been_applied = false;

    /// One attempt, no wait.
    static retry_policy none() {
        retry_policy p;
        p.max_attempts = 1;
        return p;
    }
};

/// The wait before retry `retry` (1 for the first), full jitter from 64 random bits.
inline std::chrono::milliseconds backoff_delay(const retry_policy& p, std::size_t retry, std::uint64_t random_bits) {
    const auto cap = p.max_delay.count() > 0 ? p.max_delay.count() : 0;
    std::int64_t ceiling = p.base_delay.count() > 0 ? p.base_delay.count() : 0;
    for (std::size_t i = 1; i < retry && ceiling < cap; ++i) ceiling *= 2;
    if (ceiling > cap) ceiling = cap;
    if (ceiling <= 0) return std::chrono::milliseconds{0};
    return std::chrono::milliseconds{
        static_cast<std::int64_t>(random_bits % (static_cast<std::uint64_t>(ceiling) + 1))};
}

/// `Retry-After` as a wait from `now`: delay-seconds (digits only) or an HTTP date (a date in
/// the past is no wait). None when the header is absent or not one of the two forms.
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                                  std::chrono::system_clock::time_point now) {
    if (value.empty()) return std::nullopt;
    if (value.size() <= 9 && value.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t seconds = 0;
        for (const char c : value) seconds = seconds * 10 + (c - '0');
        return std::chrono::milliseconds{seconds * 1000};
    }
    auto date = parse_http_date(value, "Retry-After");
    if (!date) return std::nullopt;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*date - now);
    return wait.count() > 0 ? wait : std::chrono::milliseconds{0};
}

/// May a failure of this call be sent again? (The attempt count and budget are checked apart.)
inline bool may_resend(const retry_policy& p, const error& e, bool creates) noexcept {
    if (!e.retryable()) return false;
    return !creates || e.safe_to_resend() || p.resend_creates_that_may_have_been_applied;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RETRY_HPP

// ==== koodrive/ose/client_state.hpp =============================================================
// koodrive-ose: what a client keeps between calls, shared by the blocking client and any
// event-loop driver (such as the Asio adapter).
//
// Settings, environment and options, plus the one thing learned from the service: how far
// the local clock is off (from its `Date` header after a 401 for X-Date). Thread safe for
// concurrent calls: the random source and the clock correction are guarded by a mutex; the
// settings are only read, so change them (config()) only while no call runs. The clock, the
// token provider and the observer are called from every calling thread.
#ifndef KOODRIVE_OSE_CLIENT_STATE_HPP
#define KOODRIVE_OSE_CLIENT_STATE_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Gives the access token for a call. `refresh` is true once after the service answered 401
/// to the token given last: fetch a new one (the service documents no code for "expired", so
/// any 401 that is not about X-Date asks). An error ends the call with it.
using token_provider = std::function<result<std::string>(bool refresh)>;

/// How the blocking client waits: sleep `delay`, or less when `stop` is requested.
using sleeper = std::function<void(std::chrono::milliseconds delay, const std::stop_token& stop)>;

/// What a client does besides building requests: retries, waits, hooks and credentials.
struct client_options {
    retry_policy retry{};            ///< when and how long before a failed call is sent again
    observer* watch = nullptr;       ///< not owned; outlives the client; none when null
    token_provider token;            ///< with settings::auth an access_token, its token comes from here
    bool correct_clock_skew = true;  ///< after a 401 for X-Date, follow the service's Date once
    sleeper sleep;                   ///< blocking client only; empty: block the thread, waking on stop
    read_limits limits{};            ///< limits on the responses read
};

/// A client's settings, environment, options and learned clock correction (see above).
class client_state {
public:
    /// Holds the three.
    client_state(settings config, environment env, client_options options)
            : config_(std::move(config)), env_(std::move(env)), options_(std::move(options)) {}

    /// The settings.
    [[nodiscard]] settings& config() noexcept { return config_; }
    /// The settings.
    [[nodiscard]] const settings& config() const noexcept { return config_; }
    /// The options.
    [[nodiscard]] const client_options& options() const noexcept { return options_; }
    /// The options.
    [[nodiscard]] client_options& options() noexcept { return options_; }

    /// The injected clock, as deadlines and budgets read it.
    [[nodiscard]] std::chrono::system_clock::time_point now() const { return env_.clock(); }
    /// The clock as the service sees it: now() plus the correction learned from its Date.
    [[nodiscard]] std::chrono::system_clock::time_point service_now() const { return now() + clock_offset(); }

    /// The correction added to now() for X-Date.
    [[nodiscard]] std::chrono::milliseconds clock_offset() const {
        std::lock_guard lock(mutex_);
        return offset_;
    }
    /// Sets the correction (from the service's Date).
    void set_clock_offset(std::chrono::milliseconds offset) {
        std::lock_guard lock(mutex_);
        offset_ = offset;
    }

    /// 64 bits from the random source (for jitter), under the lock.
    [[nodiscard]] std::uint64_t random() {
        std::lock_guard lock(mutex_);
        return env_.random ? env_.random() : 0;
    }
    /// A new X-Traceid from the random source, under the lock.
    [[nodiscard]] std::string new_trace_id() {
        std::lock_guard lock(mutex_);
        return generate_trace_id(env_.random);
    }

    /// Tells the observer, if there is one, how a polled batch job stands.
    void report_poll(std::string_view trace, const batch_job_info& job, std::size_t attempt) const {
        if (observer* w = options_.watch) w->poll_progress({trace, job.taskId, job.status, -1, attempt});
    }
    /// Tells the observer, if there is one, how a polled share task stands.
    void report_poll(std::string_view trace, const share_job_info& job, std::size_t attempt) const {
        if (observer* w = options_.watch) w->poll_progress({trace, job.taskId, job.taskStatus, job.progress, attempt});
    }

private:
    settings config_;
    environment env_;
    client_options options_;
    mutable std::mutex mutex_;
    std::chrono::milliseconds offset_{0};
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_CLIENT_STATE_HPP

// ==== koodrive/ose/call_machine.hpp =============================================================
// koodrive-ose: one client call as a state machine (sans-I/O), with retries and recoveries.
//
// Ask `next()`: `send` this `request()` and give the reply to `on_reply()`; `wait` for
// `delay()` (or until stop) and call `on_waited()`; or `done`: `take_result()`. The blocking
// client drives it with its transport and sleeper; an event loop drives it the same way.
//
// The machine builds each request from the client's settings (X-Date from the clock plus the
// learned correction, the call's one trace ID on every send), reads the reply, and decides:
//   - 401 with a `Date` header that shows our X-Date outside the service's window: correct
//     the clock offset and send once more, at once;
//   - 401 to a request built before another call corrected the clock: send once more with
//     the correction (calls run concurrently; the service's Date may have moved past our
//     stale X-Date by the time it answered, so the first rule alone would let it fail);
//   - another 401, with a token provider: ask it for a new token and send once more;
//   - a failure `may_resend()` allows, within max_attempts, the budget and the deadline: wait
//     (Retry-After, or backoff with full jitter) and send again;
//   - anything else: done, with the error carrying the call's trace ID.
#ifndef KOODRIVE_OSE_CALL_MACHINE_HPP
#define KOODRIVE_OSE_CALL_MACHINE_HPP

namespace koodrive::ose {
inline namespace v1 {

/// Does this endpoint make a task? Sending it twice may make two.
template <endpoint_request Request>
inline constexpr bool creates_task =
    !std::is_same_v<Request, list_batch_tasks_request> && !std::is_same_v<Request, query_share_task_request>;

/// The next thing a call_machine asks for.
enum class call_step : std::uint8_t { send, wait, done };

/// A transport failure as the library's error (for transports that report one). `not_sent`:
/// the request certainly never left (connection refused, name not resolved), so even a create
/// may be sent again.
inline error transport_error(std::string_view what, bool not_sent = false) {
    error e = error::make(error_kind::transport_failure, errc::transport, "", std::string(what));
    e.not_sent = not_sent;
    return e;
}

/// `r`, its error stamped with the call's trace ID when it has none yet.
template <class T>
result<T> with_trace(result<T> r, std::string_view trace_id) {
    if (!r && r.error().trace_id.empty()) {
        error e = std::move(r).error();
        e.trace_id.assign(trace_id);
        return e;
    }
    return r;
}

/// One call of `Request` with its retries and recoveries, as a state machine (see above).
template <endpoint_request Request>
class call_machine {
public:
    /// What the call gives back.
    using response = response_of<Request>;

    /// Starts a call: `state` and `message` must outlive the machine.
    call_machine(client_state& state, const Request& message, call_options options)
            : state_(state), message_(message), options_(std::move(options)), start_(state.now()) {
        const settings& s = state_.config();
        if (!s.trace_id.empty())
            trace_id_ = s.trace_id;
        else if (s.generate_trace_id)
            trace_id_ = state_.new_trace_id();
        prepare();
    }

    /// What to do now.
    [[nodiscard]] call_step next() const noexcept { return step_; }
    /// `send`: the request to hand to the transport.
    [[nodiscard]] const http_request& request() const noexcept { return request_; }
    /// `wait`: how long to wait before on_waited().
    [[nodiscard]] std::chrono::milliseconds delay() const noexcept { return delay_; }
    /// The call's stop token, for a wait that should wake on it.
    [[nodiscard]] const std::stop_token& stop() const noexcept { return options_.stop; }
    /// The call's deadline and stop token.
    [[nodiscard]] const call_options& options() const noexcept { return options_; }
    /// The X-Traceid of every send of this call (empty when none is sent).
    [[nodiscard]] std::string_view trace_id() const noexcept { return trace_id_; }
    /// Sends so far (1 for the first).
    [[nodiscard]] std::size_t attempt() const noexcept { return sends_; }

    /// After `send`: the transport's reply, or its failure.
    void on_reply(result<http_response> reply) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(state_.now() - sent_at_);
        if (observer* w = state_.options().watch)
            w->response_received({trace_id_, reply ? reply->status : 0, elapsed, sends_});
        if (!reply) {
            error e = std::move(reply).error();
            e.kind = error_kind::transport_failure;  // whatever the callable put there
            e.code = errc::transport;
            e.trace_id = trace_id_;
            return schedule_retry(std::move(e), {});
        }
        auto read = read_response<Request>(*reply, state_.options().limits);
        if (read) return finish(std::move(read));
        error e = std::move(read).error();
        e.trace_id = trace_id_;
        if (e.http_status == 401 && recover_from_401(*reply)) return;
        schedule_retry(std::move(e), reply->header("Retry-After"));
    }

    /// After `wait`.
    void on_waited() {
        if (options_.stop.stop_requested()) return finish(canceled_error(trace_id_));
        prepare();
    }

    /// `done`: the response, or the error (with the trace ID).
    [[nodiscard]] result<response> take_result() { return std::move(*result_); }

private:
    void finish(result<response> r) {
        result_.emplace(std::move(r));
        step_ = call_step::done;
    }

    /// Builds the next send, or ends the call (stopped, deadline passed, request invalid).
    void prepare() {
        if (options_.stop.stop_requested()) return finish(canceled_error(trace_id_));
        if (options_.deadline && state_.now() >= *options_.deadline) return finish(deadline_error(trace_id_));
        settings s = state_.config();
        s.trace_id = trace_id_;
        s.generate_trace_id = false;
        if (auto* token = std::get_if<access_token>(&s.auth); token && state_.options().token) {
            auto fresh = state_.options().token(refresh_token_);
            refresh_token_ = false;
            if (!fresh) {
                error e = std::move(fresh).error();
                e.trace_id = trace_id_;
                return finish(std::move(e));
            }
            token->token = std::move(*fresh);
        }
        built_with_offset_ = state_.clock_offset();
        environment env{[this] { return state_.now() + built_with_offset_; }, random_source{}};
        auto built = build_request(message_, s, env);
        if (!built) {
            error e = std::move(built).error();
            e.trace_id = trace_id_;
            return finish(std::move(e));
        }
        request_ = std::move(*built);
        ++sends_;
        sent_at_ = state_.now();
        if (observer* w = state_.options().watch)
            w->request_sent({trace_id_, request_.method, request_.target, sends_});
        step_ = call_step::send;
    }

    void resend_now(std::string_view reason) {
        ++recoveries_;
        if (observer* w = state_.options().watch)
            w->retry_scheduled({trace_id_, std::chrono::milliseconds{0}, reason, sends_ + 1});
        prepare();
    }

    bool recover_from_401(const http_response& reply) {
        const settings& s = state_.config();
        if (state_.options().correct_clock_skew && s.x_date.empty()) {
            if (!corrected_clock_) {
                corrected_clock_ = true;
                auto service_time = parse_http_date(reply.header("Date"));
                if (service_time && !check_x_date(request_.header("X-Date"), *service_time)) {
                    state_.set_clock_offset(
                        std::chrono::duration_cast<std::chrono::milliseconds>(*service_time - state_.now()));
                    resend_now("401 for X-Date: the clock follows the service's Date");
                    return true;
                }
            }
            if (!followed_other_correction_ && state_.clock_offset() != built_with_offset_) {
                followed_other_correction_ = true;
                resend_now("401: another call corrected the clock since this request was built");
                return true;
            }
        }
        if (state_.options().token && std::holds_alternative<access_token>(s.auth) && !refreshed_token_) {
            refreshed_token_ = true;
            refresh_token_ = true;
            resend_now("401: a new token from the token provider");
            return true;
        }
        return false;
    }

    void schedule_retry(error e, std::string_view retry_after) {
        const retry_policy& policy = state_.options().retry;
        const std::size_t tries = sends_ - recoveries_;
        if (!may_resend(policy, e, creates_task<Request>) || tries >= policy.max_attempts) return finish(std::move(e));
        const auto now = state_.now();
        std::optional<std::chrono::milliseconds> wait;
        if (policy.honor_retry_after) wait = parse_retry_after(retry_after, now);
        if (!wait) wait = backoff_delay(policy, tries, state_.random());
        if (policy.budget.count() > 0 && (now - start_) + *wait > policy.budget) return finish(std::move(e));
        if (options_.deadline && now + *wait >= *options_.deadline) return finish(std::move(e));
        if (observer* w = state_.options().watch) {
            const std::string reason = e.to_string();
            w->retry_scheduled({trace_id_, *wait, reason, sends_ + 1});
        }
        delay_ = *wait;
        step_ = call_step::wait;
    }

    client_state& state_;
    const Request& message_;
    call_options options_;
    std::chrono::system_clock::time_point start_;
    std::chrono::system_clock::time_point sent_at_{};
    std::string trace_id_;
    http_request request_;
    std::chrono::milliseconds delay_{0};
    std::optional<result<response>> result_;
    call_step step_ = call_step::done;
    std::size_t sends_ = 0;
    std::size_t recoveries_ = 0;
    std::chrono::milliseconds built_with_offset_{0};  // the clock correction in request_'s X-Date
    bool corrected_clock_ = false;
    bool followed_other_correction_ = false;
    bool refreshed_token_ = false;
    bool refresh_token_ = false;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_CALL_MACHINE_HPP

// ==== koodrive/ose/pollers.hpp ==================================================================
// koodrive-ose: waiting for a task and walking the job list, as state machines (sans-I/O).
//
// Each machine says what to do next: `send` this typed request (then feed the result back),
// `wait` until a time on the caller's clock (then call on_waited(), or just ask again once
// the clock shows it), or `done` (take the result). They hold no
// transport, clock or sleeper, so the blocking `client`, the Asio adapter or any event loop
// can drive them:
//
//   ose::batch_task_poller poll(task_id, options);
//   for (;;) {
//       auto step = poll.next(clock());
//       if (step == ose::poll_step::send) poll.on_response(send(poll.request()), clock());
//       else if (step == ose::poll_step::wait) sleep_until(poll.wake_at()), poll.on_waited();
//       else return poll.take_result();
//   }
//
// A batch job is found by listing every page (newest first) until a short page: a job that is
// on none of them is "not found" (kind invalid_request, code not_found), not "timed out".
#ifndef KOODRIVE_OSE_POLLERS_HPP
#define KOODRIVE_OSE_POLLERS_HPP

namespace koodrive::ose {
inline namespace v1 {

/// How to wait for a task to end.
struct poll_options {
    std::size_t max_attempts = 60;             ///< looks at the task (one scan of the list, or one query)
    std::chrono::milliseconds interval{2000};  ///< between looks, on the caller's clock
    std::int32_t page_size = 100;              ///< batch jobs: list page size while looking for the job
    std::size_t max_pages = 1000;              ///< batch jobs: a bound on one scan, for a list that never ends
};

/// The next thing a poller or pager asks for.
enum class poll_step : std::uint8_t { send, wait, done };

namespace detail {

inline error poll_gave_up(std::size_t attempts) {
    return error::make(error_kind::timed_out, errc::timeout, "",
                       "the task had not ended after " + std::to_string(attempts) + " attempts");
}

/// What every poller shares: attempts, the wait between them, the deadline and stop.
class poll_schedule {
public:
    poll_schedule(const poll_options& options, call_options call) : options_(options), call_(std::move(call)) {}

    /// The step before `next()` checks anything of its own; nullopt: go on.
    std::optional<error> check(std::chrono::system_clock::time_point now) const {
        if (call_.stop.stop_requested()) {
            return canceled_error({});
        }
        if (call_.deadline && now >= *call_.deadline) return deadline_passed();
        return std::nullopt;
    }

    /// A look ended without the task ending: wait for the next, or give up.
    std::optional<error> end_attempt(std::chrono::system_clock::time_point now) {
        ++attempts_;
        if (attempts_ >= options_.max_attempts) return poll_gave_up(attempts_);
        wake_at_ = now + options_.interval;
        if (call_.deadline && wake_at_ >= *call_.deadline) return deadline_passed();
        return std::nullopt;
    }

    /// `wait`: until when.
    [[nodiscard]] std::chrono::system_clock::time_point wake_at() const noexcept { return wake_at_; }
    [[nodiscard]] std::size_t attempts() const noexcept { return attempts_; }
    [[nodiscard]] const poll_options& options() const noexcept { return options_; }

private:
    static error deadline_passed() {
        return error::make(error_kind::timed_out, errc::timeout, "", "the deadline passes before the task ends");
    }

    poll_options options_;
    call_options call_;
    std::size_t attempts_ = 0;
    std::chrono::system_clock::time_point wake_at_{};
};

}  // namespace detail

/// Lists batch jobs until the one with `task_id` is completed or canceled. Retryable failures
/// count as an attempt; others end the wait.
class batch_task_poller {
public:
    /// Waits for the batch job `task_id`.
    batch_task_poller(std::string task_id, const poll_options& options = {}, call_options call = {})
            : task_id_(std::move(task_id)), schedule_(options, std::move(call)) {
        request_.offset = 0;
        request_.limit = options.page_size;
        if (task_id_.empty()) {  // would match any job listed without a taskId
            finish(error::make(error_kind::invalid_request, errc::missing_field, "taskId",
                               "expected the ID of the task to wait for"));
        } else if (options.max_attempts == 0) {
            finish(detail::poll_gave_up(0));
        }
    }

    /// What to do at `now` (the caller's clock).
    poll_step next(std::chrono::system_clock::time_point now) {
        if (step_ == poll_step::done) return step_;
        if (auto stop = schedule_.check(now)) {
            finish(std::move(*stop));
        } else if (step_ == poll_step::wait && now >= schedule_.wake_at()) {
            on_waited();
        }
        return step_;
    }

    /// After `wait`: the driver has waited until wake_at() (its clock may not show it: a fixed clock).
    void on_waited() {
        if (step_ != poll_step::wait) return;
        request_.offset = 0;
        pages_ = 0;
        step_ = poll_step::send;
    }

    /// `send`: the request to send.
    [[nodiscard]] const list_batch_tasks_request& request() const noexcept { return request_; }
    /// `wait`: until when.
    [[nodiscard]] std::chrono::system_clock::time_point wake_at() const noexcept { return schedule_.wake_at(); }
    /// The job as the last reply showed it, when it did: progress to report.
    [[nodiscard]] const batch_job_info* seen() const noexcept { return seen_ ? &*seen_ : nullptr; }
    /// The look at the task under way (1 for the first).
    [[nodiscard]] std::size_t attempt() const noexcept { return schedule_.attempts() + 1; }

    /// After `send`: the reply (or the failure) and the time it came.
    void on_response(result<list_batch_tasks_response> reply, std::chrono::system_clock::time_point now) {
        seen_.reset();
        if (step_ != poll_step::send) return;
        if (!reply) {
            if (reply.error().retryable()) return end_attempt(now);
            return finish(std::move(reply).error());
        }
        ++pages_;
        for (auto& job : reply->data) {
            if (job.taskId != task_id_) continue;
            seen_ = std::move(job);
            if (is_final(seen_->status)) return finish(*seen_);
            return end_attempt(now);
        }
        const auto limit = request_.limit.value_or(0);
        if (reply->data.size() < static_cast<std::size_t>(limit) || pages_ >= schedule_.options().max_pages) {
            std::string why = "no batch job with this ID on any of the " + std::to_string(pages_) + " pages listed";
            if (pages_ >= schedule_.options().max_pages) why += " (max_pages)";
            return finish(error::make(error_kind::invalid_request, errc::not_found, "taskId", std::move(why)));
        }
        request_.offset = request_.offset.value_or(0) + limit;
    }

    /// `done`: the job as it ended, or the error.
    [[nodiscard]] result<batch_job_info> take_result() { return std::move(*result_); }

private:
    void end_attempt(std::chrono::system_clock::time_point now) {
        if (auto stop = schedule_.end_attempt(now)) return finish(std::move(*stop));
        step_ = poll_step::wait;
    }
    void finish(result<batch_job_info> r) {
        result_.emplace(std::move(r));
        step_ = poll_step::done;
    }

    std::string task_id_;
    detail::poll_schedule schedule_;
    list_batch_tasks_request request_{};
    std::size_t pages_ = 0;
    std::optional<batch_job_info> seen_;
    std::optional<result<batch_job_info>> result_;
    poll_step step_ = poll_step::send;
};

/// Queries a share task until it is completed or canceled.
class share_task_poller {
public:
    /// Waits for the share task `query` names.
    explicit share_task_poller(query_share_task_request query, const poll_options& options = {}, call_options call = {})
            : request_(std::move(query)), schedule_(options, std::move(call)) {
        if (options.max_attempts == 0) finish(detail::poll_gave_up(0));
    }

    /// What to do at `now` (the caller's clock).
    poll_step next(std::chrono::system_clock::time_point now) {
        if (step_ == poll_step::done) return step_;
        if (auto stop = schedule_.check(now))
            finish(std::move(*stop));
        else if (step_ == poll_step::wait && now >= schedule_.wake_at())
            step_ = poll_step::send;
        return step_;
    }

    /// After `wait`: the driver has waited until wake_at().
    void on_waited() {
        if (step_ == poll_step::wait) step_ = poll_step::send;
    }

    /// `send`: the request to send.
    [[nodiscard]] const query_share_task_request& request() const noexcept { return request_; }
    /// `wait`: until when.
    [[nodiscard]] std::chrono::system_clock::time_point wake_at() const noexcept { return schedule_.wake_at(); }
    /// The task as the last reply showed it, when it did: progress to report.
    [[nodiscard]] const share_job_info* seen() const noexcept { return seen_ ? &*seen_ : nullptr; }
    /// The look at the task under way (1 for the first).
    [[nodiscard]] std::size_t attempt() const noexcept { return schedule_.attempts() + 1; }

    /// After `send`: the reply (or the failure) and the time it came.
    void on_response(result<query_share_task_response> reply, std::chrono::system_clock::time_point now) {
        seen_.reset();
        if (step_ != poll_step::send) return;
        if (!reply) {
            if (reply.error().retryable()) return end_attempt(now);
            return finish(std::move(reply).error());
        }
        seen_ = reply->jobInfo;
        if (is_final(reply->jobInfo.taskStatus)) return finish(std::move(*reply));
        end_attempt(now);
    }

    /// `done`: the task as it ended, or the error.
    [[nodiscard]] result<query_share_task_response> take_result() { return std::move(*result_); }

private:
    void end_attempt(std::chrono::system_clock::time_point now) {
        if (auto stop = schedule_.end_attempt(now)) return finish(std::move(*stop));
        step_ = poll_step::wait;
    }
    void finish(result<query_share_task_response> r) {
        result_.emplace(std::move(r));
        step_ = poll_step::done;
    }

    query_share_task_request request_;
    detail::poll_schedule schedule_;
    std::optional<share_job_info> seen_;
    std::optional<result<query_share_task_response>> result_;
    poll_step step_ = poll_step::send;
};

/// Walks every page of the job list: `send` each page's request, feed the reply back, read
/// `page()`; done after a short page (or `max_pages`), with the number of jobs listed.
class batch_task_pager {
public:
    /// Walks the list from `first` (its offset, limit and filters), at most `max_pages` pages.
    explicit batch_task_pager(list_batch_tasks_request first, std::size_t max_pages = 1000, call_options call = {})
            : request_(first), max_pages_(max_pages), call_(std::move(call)) {}

    /// What to do now (`send` or `done`).
    poll_step next() {
        if (step_ == poll_step::send && call_.stop.stop_requested()) {
            finish(canceled_error({}));
        }
        return step_;
    }

    /// `send`: the request to send.
    [[nodiscard]] const list_batch_tasks_request& request() const noexcept { return request_; }
    /// The jobs of the last page read.
    [[nodiscard]] const std::vector<batch_job_info>& page() const noexcept { return page_; }

    /// After `send`: the page, or the failure (which ends the walk).
    void on_response(result<list_batch_tasks_response> reply) {
        page_.clear();
        if (step_ != poll_step::send) return;
        if (!reply) return finish(std::move(reply).error());
        page_ = std::move(reply->data);
        listed_ += page_.size();
        ++pages_;
        const auto limit = request_.limit.value_or(0);
        if (page_.size() < static_cast<std::size_t>(limit) || pages_ >= max_pages_) return finish(listed_);
        request_.offset = request_.offset.value_or(0) + limit;
    }

    /// `done`: the number of jobs listed, or the error.
    [[nodiscard]] result<std::size_t> take_result() { return std::move(*result_); }

private:
    void finish(result<std::size_t> r) {
        result_.emplace(std::move(r));
        step_ = poll_step::done;
    }

    list_batch_tasks_request request_;
    std::size_t max_pages_;
    call_options call_;
    std::vector<batch_job_info> page_;
    std::size_t listed_ = 0;
    std::size_t pages_ = 0;
    std::optional<result<std::size_t>> result_;
    poll_step step_ = poll_step::send;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_POLLERS_HPP

// ==== koodrive/ose/client.hpp ===================================================================
// koodrive-ose: a blocking client over the user's own HTTP callback.
//
// The transport is any callable that sends an `http_request` and returns either an
// `http_response`, or a `result<http_response>` when it can report a failure (connection
// refused, timeout; `transport_error(what, not_sent)`). The client owns no socket and starts no
// thread: it drives the sans-I/O machines (call_machine.hpp, pollers.hpp) with the transport,
// and waits with client_options::sleep (by default blocking the thread, waking on stop).
//
// Thread safety: one client may serve calls from several threads at once when its transport,
// clock, token provider, sleeper and observer may be called that way (the simulator and
// std::chrono::system_clock may; the curl adapter may not: one per thread). The client guards
// its random source and clock correction itself. Change config() only while no call runs.
#ifndef KOODRIVE_OSE_CLIENT_HPP
#define KOODRIVE_OSE_CLIENT_HPP

#include <memory>

namespace koodrive::ose {
inline namespace v1 {

template <class F>
concept plain_transport = std::invocable<F&, const http_request&> &&
    std::same_as<std::invoke_result_t<F&, const http_request&>, http_response>;

template <class F>
concept fallible_transport = std::invocable<F&, const http_request&> &&
    std::same_as<std::invoke_result_t<F&, const http_request&>, result<http_response>>;

template <class F>
concept transport = plain_transport<F> || fallible_transport<F>;

/// The blocking client: one method per endpoint, waits for tasks, walks the job list (see above).
template <transport Transport>
class client {
public:
    /// A client over `transport`; `env` is its clock and random source.
    client(Transport transport, settings config, environment env = {}, client_options options = {})
            : transport_(std::move(transport)),
              state_(std::make_unique<client_state>(std::move(config), std::move(env), std::move(options))) {}

    /// The settings every request is built from (change them only while no call runs).
    [[nodiscard]] settings& config() noexcept { return state_->config(); }
    /// The settings every request is built from.
    [[nodiscard]] const settings& config() const noexcept { return state_->config(); }
    /// Retry policy, sleeper, observer and token provider (change them only while no call runs).
    [[nodiscard]] client_options& options() noexcept { return state_->options(); }
    /// How far the client's clock is corrected to agree with the service's Date.
    [[nodiscard]] std::chrono::milliseconds clock_offset() const { return state_->clock_offset(); }

    /// Any endpoint: build, send, read; again as the retry policy allows.
    template <endpoint_request Request>
    result<response_of<Request>> send(const Request& message, const call_options& call = {}) {
        std::string trace;
        return send_traced(message, call, trace);
    }

    /// Creates a batch job (resent only when safe, see retry.hpp).
    result<create_batch_task_response> create_batch_task(const create_batch_task_request& m,
                                                         const call_options& call = {}) {
        return send(m, call);
    }
    /// One page of the job list.
    result<list_batch_tasks_response> list_batch_tasks(const list_batch_tasks_request& m,
                                                       const call_options& call = {}) {
        return send(m, call);
    }
    /// Creates a share task (resent only when safe).
    result<create_share_task_response> create_share_task(const create_share_task_request& m,
                                                         const call_options& call = {}) {
        return send(m, call);
    }
    /// Creates a transfer task (resent only when safe).
    result<create_task_response> create_task(const create_task_request& m, const call_options& call = {}) {
        return send(m, call);
    }
    /// The state of a share task.
    result<query_share_task_response> query_share_task(const query_share_task_request& m,
                                                       const call_options& call = {}) {
        return send(m, call);
    }

    /// Lists batch jobs until the one with `task_id` is completed or canceled (batch_task_poller).
    result<batch_job_info> wait_for_batch_task(std::string_view task_id, const poll_options& options = {},
                                               const std::function<void(const batch_job_info&)>& on_progress = {},
                                               const call_options& call = {}) {
        batch_task_poller poll(std::string(task_id), options, call);
        return run_poller(poll, on_progress, call);
    }

    /// Queries a share task until it is completed or canceled (share_task_poller).
    result<query_share_task_response> wait_for_share_task(
        const query_share_task_request& query, const poll_options& options = {},
        const std::function<void(const share_job_info&)>& on_progress = {}, const call_options& call = {}) {
        share_task_poller poll(query, options, call);
        return run_poller(poll, on_progress, call);
    }

    /// Every job of the list from `first.offset` on, page by page (batch_task_pager); the
    /// number of jobs listed.
    result<std::size_t> for_each_batch_task(const list_batch_tasks_request& first,
                                            const std::function<void(const batch_job_info&)>& each,
                                            std::size_t max_pages = 1000, const call_options& call = {}) {
        batch_task_pager pages(first, max_pages, call);
        std::string trace;
        while (pages.next() == poll_step::send) {
            pages.on_response(send_traced(pages.request(), call, trace));
            if (each)
                for (const auto& job : pages.page()) each(job);
        }
        return with_trace(pages.take_result(), trace);
    }

private:
    template <endpoint_request Request>
    result<response_of<Request>> send_traced(const Request& message, const call_options& call, std::string& trace) {
        call_machine<Request> machine(*state_, message, call);
        trace.assign(machine.trace_id());
        for (;;) {
            switch (machine.next()) {
            case call_step::send: machine.on_reply(deliver(machine.request())); break;
            case call_step::wait:
                sleep(machine.delay(), call.stop);
                machine.on_waited();
                break;
            case call_step::done: return machine.take_result();
            }
        }
    }

    /// Drives a poller (pollers.hpp) to its end: each send a full call, each wait a sleep.
    template <class Poller, class Job>
    auto run_poller(Poller& poll, const std::function<void(const Job&)>& on_progress, const call_options& call) {
        std::string trace;
        for (;;) {
            switch (poll.next(state_->now())) {
            case poll_step::send: {
                auto reply = send_traced(poll.request(), call, trace);  // before reading the clock
                poll.on_response(std::move(reply), state_->now());
                if (const Job* job = poll.seen()) {
                    if (on_progress) on_progress(*job);
                    state_->report_poll(trace, *job, poll.attempt());
                }
                break;
            }
            case poll_step::wait:
                wait_until(poll.wake_at(), call.stop);
                poll.on_waited();
                break;
            case poll_step::done: return with_trace(poll.take_result(), trace);
            }
        }
    }

    result<http_response> deliver(const http_request& request) {
        if constexpr (fallible_transport<Transport>)
            return transport_(request);
        else
            return result<http_response>(transport_(request));
    }

    void sleep(std::chrono::milliseconds delay, const std::stop_token& stop) {
        if (delay.count() <= 0) return;
        if (state_->options().sleep)
            state_->options().sleep(delay, stop);
        else
            blocking_sleep(delay, stop);
    }

    void wait_until(std::chrono::system_clock::time_point t, const std::stop_token& stop) {
        sleep(std::chrono::ceil<std::chrono::milliseconds>(t - state_->now()), stop);
    }

    Transport transport_;
    std::unique_ptr<client_state> state_;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_CLIENT_HPP
