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

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "call_options.hpp"
#include "client_state.hpp"
#include "detail/lean_std.hpp"
#include "endpoints.hpp"
#include "error.hpp"
#include "http.hpp"
#include "http_date.hpp"
#include "request_builder.hpp"
#include "response_reader.hpp"
#include "result.hpp"
#include "retry.hpp"
#include "time.hpp"

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
