// koodrive-ose: a hook to watch what a client does (for logs, metrics and traces).
//
// Every event carries the call's trace ID (X-Traceid; not a secret) and never a header value,
// body or token. The client calls the observer on the calling thread; a client shared between
// threads calls it from each of them, so an observer shared that way must be thread safe.
#ifndef KOODRIVE_OSE_OBSERVER_HPP
#define KOODRIVE_OSE_OBSERVER_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detail/lean_std.hpp"
#include "enums.hpp"

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
