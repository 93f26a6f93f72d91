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

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "blocking_sleeper.hpp"
#include "call_machine.hpp"
#include "call_options.hpp"
#include "client_state.hpp"
#include "detail/lean_std.hpp"
#include "endpoints.hpp"
#include "http.hpp"
#include "pollers.hpp"
#include "request_builder.hpp"
#include "response_reader.hpp"

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
