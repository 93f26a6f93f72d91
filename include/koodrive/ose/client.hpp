// koodrive-ose: a client over the user's own HTTP callback.
//
// The transport is any callable that sends an `http_request` and returns either an
// `http_response`, or a `result<http_response>` when it can report a failure (connection
// refused, timeout). The client builds each request, hands it over, and reads the reply; it
// owns no socket and starts no thread. Polling helpers wait with an injectable sleep.
#ifndef KOODRIVE_OSE_CLIENT_HPP
#define KOODRIVE_OSE_CLIENT_HPP

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#include "endpoints.hpp"
#include "http.hpp"
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

/// How to wait for a task to end.
struct poll_options {
    std::size_t max_attempts = 60;             ///< requests (or list scans) before giving up
    std::chrono::milliseconds interval{2000};  ///< between attempts
    /// How to wait between attempts: a real sleep by default; in tests, advance a simulated clock.
    std::function<void(std::chrono::milliseconds)> sleep = [](std::chrono::milliseconds d) {
        std::this_thread::sleep_for(d);
    };
    std::int32_t page_size = 100;  ///< batch jobs: list page size while looking for the job
    std::size_t max_pages = 10;    ///< batch jobs: pages scanned per attempt
};

/// A transport failure as the library's error (for transports that report one).
inline error transport_error(std::string_view what) {
    error e;
    e.kind = error_kind::transport_failure;
    e.code = errc::transport;
    e.message.assign(what);
    return e;
}

/// One method per endpoint over your HTTP callable (see transport): builds each request, sends it through the
/// transport, reads the reply. Owns no socket and starts no thread.
template <transport Transport>
class client {
public:
    /// A client sending through `transport`, as `config` says, with the clock and random source of `env`.
    client(Transport transport, settings config, environment env = {}, read_limits limits = {})
            : transport_(std::move(transport)), settings_(std::move(config)), env_(std::move(env)), limits_(limits) {}

    /// The settings, to change between requests.
    [[nodiscard]] settings& config() noexcept { return settings_; }
    /// The settings.
    [[nodiscard]] const settings& config() const noexcept { return settings_; }

    /// Any endpoint: build, send, read.
    template <endpoint_request Request>
    result<response_of<Request>> send(const Request& message) {
        auto request = build_request(message, settings_, env_);
        if (!request) return std::move(request).error();
        if constexpr (fallible_transport<Transport>) {
            result<http_response> reply = transport_(*request);
            if (!reply) {
                error e = std::move(reply).error();
                e.kind = error_kind::transport_failure;
                e.code = errc::transport;
                return e;
            }
            return read_response<Request>(*reply, limits_);
        } else {
            const http_response reply = transport_(*request);
            return read_response<Request>(reply, limits_);
        }
    }

    /// POST /koodrive/ose/v1/jobs.
    result<create_batch_task_response> create_batch_task(const create_batch_task_request& m) { return send(m); }
    /// GET /koodrive/ose/v1/jobs?offset=&limit=[&type=][&status=].
    result<list_batch_tasks_response> list_batch_tasks(const list_batch_tasks_request& m) { return send(m); }
    /// POST /koodrive/ose/v1/share/tasks.
    result<create_share_task_response> create_share_task(const create_share_task_request& m) { return send(m); }
    /// POST /koodrive/ose/v1/task/create.
    result<create_task_response> create_task(const create_task_request& m) { return send(m); }
    /// POST /koodrive/ose/v1/share/taskDetail.
    result<query_share_task_response> query_share_task(const query_share_task_request& m) { return send(m); }

    /// Lists batch jobs until the one with `task_id` is completed or canceled. Retryable
    /// failures count as an attempt; others end the wait.
    result<batch_job_info> wait_for_batch_task(std::string_view task_id, const poll_options& options = {},
                                               const std::function<void(const batch_job_info&)>& on_progress = {}) {
        if (task_id.empty()) {  // would match any job listed without a taskId
            error e;
            e.kind = error_kind::invalid_request;
            e.code = errc::missing_field;
            e.path = "taskId";
            e.message = "expected the ID of the task to wait for";
            return e;
        }
        for (std::size_t attempt = 0; attempt < options.max_attempts; ++attempt) {
            if (attempt != 0 && options.sleep) options.sleep(options.interval);
            list_batch_tasks_request page{.offset = 0, .limit = options.page_size, .type = {}, .status = {}};
            for (std::size_t n = 0; n < options.max_pages; ++n) {
                auto reply = list_batch_tasks(page);
                if (!reply) {
                    if (reply.error().retryable()) break;
                    return std::move(reply).error();
                }
                const batch_job_info* found = nullptr;
                for (const auto& job : reply->data)
                    if (job.taskId == task_id) found = &job;
                if (found) {
                    if (on_progress) on_progress(*found);
                    if (is_final(found->status)) return *found;
                    break;
                }
                if (reply->data.size() < static_cast<std::size_t>(*page.limit)) break;  // last page
                *page.offset += *page.limit;
            }
        }
        return gave_up(options.max_attempts);
    }

    /// Queries a share task until it is completed or canceled.
    result<query_share_task_response> wait_for_share_task(
        const query_share_task_request& query, const poll_options& options = {},
        const std::function<void(const share_job_info&)>& on_progress = {}) {
        for (std::size_t attempt = 0; attempt < options.max_attempts; ++attempt) {
            if (attempt != 0 && options.sleep) options.sleep(options.interval);
            auto reply = query_share_task(query);
            if (!reply) {
                if (reply.error().retryable()) continue;
                return reply;
            }
            if (on_progress) on_progress(reply->jobInfo);
            if (is_final(reply->jobInfo.taskStatus)) return reply;
        }
        return gave_up(options.max_attempts);
    }

private:
    static error gave_up(std::size_t attempts) {
        error e;
        e.kind = error_kind::timed_out;
        e.code = errc::timeout;
        e.message = "the task had not ended after " + std::to_string(attempts) + " attempts";
        return e;
    }

    Transport transport_;
    settings settings_;
    environment env_;
    read_limits limits_;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_CLIENT_HPP
