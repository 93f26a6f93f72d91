// Shared by the client tests: a manual clock, a simulator on it, and a client whose waits move
// that clock instead of sleeping.
#pragma once

#include <koodrive/ose.hpp>
#include <koodrive/ose/client.hpp>
#include <koodrive/ose/testing/simulator.hpp>

#include "support/test_support.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace client_test {

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;

// Time that moves only when told (thread safe).
struct manual_clock {
    std::atomic<std::int64_t> ms{test_support::reference_epoch * 1000};  // 2025-11-03T07:01:40Z
    [[nodiscard]] std::chrono::system_clock::time_point now() const {
        return std::chrono::system_clock::time_point{std::chrono::milliseconds{ms.load()}};
    }
    void advance(std::chrono::milliseconds d) { ms += d.count(); }
    [[nodiscard]] ose::clock_source source() const {
        return [this] { return now(); };
    }
};

inline ose::settings user_settings() {
    ose::settings s;
    s.auth = ose::access_token{"tok-SECRET-1"};
    s.user_id = "1684711050387378049";
    s.agent_name = "carrier";
    s.host = "drive.example.com";
    return s;
}

// A valid create (the reference's sample copy).
inline ose::create_batch_task_request a_copy() { return test_support::sample_batch_request(); }

inline const ose::list_batch_tasks_request first_page{.offset = 0, .limit = 100, .type = {}, .status = {}};

// Everything an observer saw, in order.
struct recording_observer final : ose::observer {
    std::mutex m;
    std::vector<std::string> lines;
    std::vector<std::string> traces;
    void add(std::string line, std::string_view trace) {
        std::lock_guard lock(m);
        lines.push_back(std::move(line));
        traces.emplace_back(trace);
    }
    void request_sent(const ose::request_sent_event& e) override {
        add("sent " + std::string(e.method) + " #" + std::to_string(e.attempt), e.trace_id);
    }
    void response_received(const ose::response_received_event& e) override {
        add("received " + std::to_string(e.status) + " after " + std::to_string(e.elapsed.count()) + " ms", e.trace_id);
    }
    void retry_scheduled(const ose::retry_scheduled_event& e) override {
        add("retry #" + std::to_string(e.next_attempt) + " in " + std::to_string(e.delay.count()) +
                " ms: " + std::string(e.reason),
            e.trace_id);
    }
    void poll_progress(const ose::poll_progress_event& e) override {
        add("progress " + std::string(e.task_id) + " " + std::to_string(static_cast<int>(e.status)) + " " +
                std::to_string(e.progress),
            e.trace_id);
    }
};

// A simulator and a client on one manual clock; the client's waits advance the clock and are
// recorded. `transport` is how requests reach the simulator (in-process by default).
struct fixture {
    manual_clock clock;
    sim::simulator server;
    std::vector<std::chrono::milliseconds> sleeps;
    std::mutex sleeps_mutex;

    explicit fixture(sim::simulator_options o = {}) : server(with_clock(std::move(o), clock)) {}

    static sim::simulator_options with_clock(sim::simulator_options o, const manual_clock& c) {
        o.clock = c.source();
        return o;
    }

    ose::environment env() {
        ose::environment e;
        e.clock = clock.source();
        e.random = test_support::seeded_random(42);
        return e;
    }

    ose::client_options options(ose::retry_policy retry = {}) {
        ose::client_options o;
        o.retry = retry;
        o.sleep = [this](std::chrono::milliseconds d, const std::stop_token&) {
            std::lock_guard lock(sleeps_mutex);
            sleeps.push_back(d);
            clock.advance(d);
        };
        return o;
    }

    // Straight to the simulator; a lost reply becomes the reset it stands for.
    auto in_process() {
        return [this](const ose::http_request& r) -> ose::result<ose::http_response> {
            ose::http_response reply = server(r);
            if (!reply.header(sim::simulator::lost_reply_header).empty())
                return ose::transport_error("connection reset by peer");
            return reply;
        };
    }

    auto make_client(ose::client_options o, ose::settings s = user_settings()) {
        return ose::client(in_process(), std::move(s), env(), std::move(o));
    }
};

}  // namespace client_test
