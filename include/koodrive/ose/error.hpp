// koodrive-ose: the one error type of the library.
//
// Every failure, from a stray byte in a response to a rule a request breaks, is an `error`
// value: which kind of failure (what the caller should do about it), a finer code, and
// where it happened (byte offset and JSON path). Messages never contain field values, so a
// token, password or kdstoken can never leak through an error.
#ifndef KOODRIVE_OSE_ERROR_HPP
#define KOODRIVE_OSE_ERROR_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "snippet.hpp"
#include "version.hpp"

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
