// koodrive-ose: a hook to watch what a client does (for logs, metrics and traces).
//
// Every event carries the call's trace ID (X-Traceid; not a secret) and never a header value,
// body or token. The client calls the observer on the calling thread; a client shared between
// threads calls it from each of them, so an observer shared that way must be thread safe.
#ifndef KOODRIVE_OSE_OBSERVER_HPP
#define KOODRIVE_OSE_OBSERVER_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "enums.hpp"

namespace koodrive::ose {
inline namespace v1 {

struct request_sent_event {
    std::string_view trace_id;
    std::string_view method;
    std::string_view target;  // path and query (the query holds no secret: offset, limit, type, status)
    std::size_t attempt;      // 1 for the first send of the call
};

struct response_received_event {
    std::string_view trace_id;
    int status;                         // 0 when the transport failed
    std::chrono::milliseconds elapsed;  // on the client's clock
    std::size_t attempt;
};

struct retry_scheduled_event {
    std::string_view trace_id;
    std::chrono::milliseconds delay;
    std::string_view reason;  // the failure, as error::to_string() says it, or the recovery made
    std::size_t next_attempt;
};

struct poll_progress_event {
    std::string_view trace_id;  // of the request whose reply showed this state
    std::string_view task_id;
    job_status status;
    std::int32_t progress;  // percent for share tasks; -1 for batch jobs, which have none
    std::size_t attempt;
};

class observer {
public:
    virtual ~observer() = default;
    virtual void request_sent(const request_sent_event&) {}
    virtual void response_received(const response_received_event&) {}
    virtual void retry_scheduled(const retry_scheduled_event&) {}
    virtual void poll_progress(const poll_progress_event&) {}

protected:
    observer() = default;
    observer(const observer&) = default;
    observer& operator=(const observer&) = default;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_OBSERVER_HPP
