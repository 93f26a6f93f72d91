// koodrive-ose: a deadline and a cancellation token for one client call or poller.
//
// The deadline is read on the client's own (injected) clock, so tests move time by hand. The
// token is a std::stop_token: a waiting call wakes up when stop is requested and fails with
// kind `canceled`; a request already handed to the transport is not interrupted by the
// synchronous client (the transport's own timeout bounds it).
#ifndef KOODRIVE_OSE_CALL_OPTIONS_HPP
#define KOODRIVE_OSE_CALL_OPTIONS_HPP

#include <optional>
#include <stop_token>
#include <string_view>

#include "detail/lean_std.hpp"
#include "error.hpp"

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
