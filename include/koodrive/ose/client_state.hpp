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

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>

#include "detail/lean_std.hpp"
#include "observer.hpp"
#include "random_source.hpp"
#include "request_builder.hpp"
#include "response_reader.hpp"
#include "result.hpp"
#include "retry.hpp"
#include "trace_id.hpp"

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
