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

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "call_options.hpp"
#include "detail/lean_std.hpp"
#include "enums.hpp"
#include "error.hpp"
#include "messages/batch_tasks.hpp"
#include "messages/share_tasks.hpp"
#include "result.hpp"

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
