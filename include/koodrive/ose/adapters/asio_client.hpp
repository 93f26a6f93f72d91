// koodrive-ose adapter: the client as C++20 coroutines over Boost.Asio (not part of the core).
//
//   ose::adapters::asio_client client(ose::adapters::beast_transport(ex, "127.0.0.1", "8080"), settings);
//   auto created = co_await client.create_batch_task(copy);          // result<create_batch_task_response>
//   auto done = co_await client.wait_for_batch_task(created->data);  // polling, waits on an Asio timer
//
// It drives the same sans-I/O machines as the blocking client (call_machine.hpp, pollers.hpp),
// so retries, Retry-After, the budget, clock-skew correction, the token provider, the observer
// and the trace ID in errors behave the same. Per call: `call_options` (deadline on the
// injected clock, stop_token checked between steps) and the transport's timeout per request,
// shortened to what is left before the deadline. Cancellation: bind an Asio cancellation slot
// to the co_spawn (or use awaitable operators); it aborts the pending socket operation or wait
// and the call ends with kind `canceled`. Arguments are taken by value: a coroutine may outlive
// the caller's temporaries. Many calls may run at once on one io_context.
#ifndef KOODRIVE_OSE_ADAPTERS_ASIO_CLIENT_HPP
#define KOODRIVE_OSE_ADAPTERS_ASIO_CLIENT_HPP

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "beast_transport.hpp"
#include "koodrive/ose/call_machine.hpp"
#include "koodrive/ose/call_options.hpp"
#include "koodrive/ose/client_state.hpp"
#include "koodrive/ose/endpoints.hpp"
#include "koodrive/ose/pollers.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace adapters {

/// How the async client waits (between retries and polls). Empty: an Asio steady_timer.
using async_sleeper = std::function<boost::asio::awaitable<void>(std::chrono::milliseconds)>;

/// The client as coroutines over Asio (see above); `Transport` is beast_transport or one like it.
template <class Transport = beast_transport>
class asio_client {
public:
    /// A client over `transport`; waits use `sleep`, or an Asio timer when it is empty.
    asio_client(Transport transport, settings config, environment env = {}, client_options options = {},
                async_sleeper sleep = {})
            : transport_(std::move(transport)),
              state_(std::make_unique<client_state>(std::move(config), std::move(env), std::move(options))),
              sleep_(std::move(sleep)) {}

    /// The settings every request is built from (change them only while no call runs).
    [[nodiscard]] settings& config() noexcept { return state_->config(); }
    /// Retry policy, observer and token provider (client_options::sleep is not used here).
    [[nodiscard]] client_options& options() noexcept { return state_->options(); }
    /// How far the clock is corrected to agree with the service's Date.
    [[nodiscard]] std::chrono::milliseconds clock_offset() const { return state_->clock_offset(); }

    /// Any endpoint: build, send, read; again as the retry policy allows.
    template <endpoint_request Request>
    boost::asio::awaitable<result<response_of<Request>>> send(Request message, call_options call = {}) {
        std::string trace;
        co_return co_await send_traced(message, call, trace);
    }

    /// Creates a batch job (resent only when safe).
    boost::asio::awaitable<result<create_batch_task_response>> create_batch_task(create_batch_task_request m,
                                                                                 call_options call = {}) {
        return send(std::move(m), std::move(call));
    }
    /// One page of the job list.
    boost::asio::awaitable<result<list_batch_tasks_response>> list_batch_tasks(list_batch_tasks_request m,
                                                                               call_options call = {}) {
        return send(std::move(m), std::move(call));
    }
    /// Creates a share task (resent only when safe).
    boost::asio::awaitable<result<create_share_task_response>> create_share_task(create_share_task_request m,
                                                                                 call_options call = {}) {
        return send(std::move(m), std::move(call));
    }
    /// Creates a transfer task (resent only when safe).
    boost::asio::awaitable<result<create_task_response>> create_task(create_task_request m, call_options call = {}) {
        return send(std::move(m), std::move(call));
    }
    /// The state of a share task.
    boost::asio::awaitable<result<query_share_task_response>> query_share_task(query_share_task_request m,
                                                                               call_options call = {}) {
        return send(std::move(m), std::move(call));
    }

    /// Lists batch jobs until `task_id` is completed or canceled (batch_task_poller).
    boost::asio::awaitable<result<batch_job_info>> wait_for_batch_task(
        std::string task_id, poll_options options = {}, std::function<void(const batch_job_info&)> on_progress = {},
        call_options call = {}) {
        co_await boost::asio::this_coro::throw_if_cancelled(false);  // a cancelled call returns an error
        batch_task_poller poll(std::move(task_id), options, call);
        co_return co_await run_poller(poll, on_progress, call);
    }

    /// Queries a share task until it is completed or canceled (share_task_poller).
    boost::asio::awaitable<result<query_share_task_response>> wait_for_share_task(
        query_share_task_request query, poll_options options = {},
        std::function<void(const share_job_info&)> on_progress = {}, call_options call = {}) {
        co_await boost::asio::this_coro::throw_if_cancelled(false);
        share_task_poller poll(std::move(query), options, call);
        co_return co_await run_poller(poll, on_progress, call);
    }

    /// Every job of the list from `first.offset` on, page by page; the number of jobs listed.
    boost::asio::awaitable<result<std::size_t>> for_each_batch_task(list_batch_tasks_request first,
                                                                    std::function<void(const batch_job_info&)> each,
                                                                    std::size_t max_pages = 1000,
                                                                    call_options call = {}) {
        co_await boost::asio::this_coro::throw_if_cancelled(false);
        batch_task_pager pages(first, max_pages, call);
        std::string trace;
        while (pages.next() == poll_step::send) {
            auto reply = co_await send_traced(pages.request(), call, trace);
            pages.on_response(std::move(reply));
            if (each)
                for (const auto& job : pages.page()) each(job);
        }
        co_return with_trace(pages.take_result(), trace);
    }

private:
    /// Drives a poller (pollers.hpp) to its end: each send a full call, each wait a timer.
    /// The caller's frame owns `poll`, `on_progress` and `call` and awaits this at once.
    template <class Poller, class Job>
    boost::asio::awaitable<decltype(std::declval<Poller&>().take_result())> run_poller(
        Poller& poll, const std::function<void(const Job&)>& on_progress, const call_options& call) {
        using result_type = decltype(poll.take_result());
        std::string trace;
        for (;;) {
            switch (poll.next(state_->now())) {
            case poll_step::send: {
                auto reply = co_await send_traced(poll.request(), call, trace);
                if (co_await cancelled()) co_return result_type(canceled_error(trace));
                poll.on_response(std::move(reply), state_->now());
                if (const Job* job = poll.seen()) {
                    if (on_progress) on_progress(*job);
                    state_->report_poll(trace, *job, poll.attempt());
                }
                break;
            }
            case poll_step::wait:
                if (!co_await wait(ceil_ms(poll.wake_at() - state_->now())))
                    co_return result_type(canceled_error(trace));
                poll.on_waited();
                break;
            case poll_step::done: co_return with_trace(poll.take_result(), trace);
            }
        }
    }

    static std::chrono::milliseconds ceil_ms(std::chrono::system_clock::duration d) {
        return std::chrono::ceil<std::chrono::milliseconds>(d);
    }

    static boost::asio::awaitable<bool> cancelled() {
        auto state = co_await boost::asio::this_coro::cancellation_state;
        co_return state.cancelled() != boost::asio::cancellation_type::none;
    }

    template <endpoint_request Request>
    boost::asio::awaitable<result<response_of<Request>>> send_traced(const Request& message, const call_options& call,
                                                                     std::string& trace) {
        // Asio would throw from the next co_await after a cancellation; the call returns an error instead.
        co_await boost::asio::this_coro::throw_if_cancelled(false);
        call_machine<Request> machine(*state_, message, call);
        trace.assign(machine.trace_id());
        for (;;) {
            switch (machine.next()) {
            case call_step::send: {
                auto timeout = transport_.timeout();
                if (call.deadline) {
                    const auto left = ceil_ms(*call.deadline - state_->now());
                    if (left < timeout) timeout = left;
                }
                auto reply = co_await transport_(machine.request(), timeout);
                if (co_await cancelled()) co_return canceled_error(machine.trace_id());
                machine.on_reply(std::move(reply));
                break;
            }
            case call_step::wait:
                if (!co_await wait(machine.delay())) co_return canceled_error(machine.trace_id());
                machine.on_waited();
                break;
            case call_step::done: co_return machine.take_result();
            }
        }
    }

    /// False when the wait was cancelled.
    boost::asio::awaitable<bool> wait(std::chrono::milliseconds delay) {
        if (delay.count() > 0) {
            if (sleep_) {
                co_await sleep_(delay);
            } else {
                boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
                auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
                (void)ec;
            }
        }
        co_return !co_await cancelled();
    }

    Transport transport_;
    std::unique_ptr<client_state> state_;
    async_sleeper sleep_;
};

}  // namespace adapters
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ADAPTERS_ASIO_CLIENT_HPP
