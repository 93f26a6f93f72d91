// The client's thread safety: one client, several threads, against the (thread safe)
// simulator. Part of the normal suite, so the TSan preset runs it too.
#include <doctest/doctest.h>

#include "test_client_support.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace client_test;
using namespace std::chrono_literals;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace client_threads_tests {

namespace {

struct counting_observer final : ose::observer {
    std::atomic<int> sent{0}, received{0}, retries{0};
    void request_sent(const ose::request_sent_event&) override { ++sent; }
    void response_received(const ose::response_received_event&) override { ++received; }
    void retry_scheduled(const ose::retry_scheduled_event&) override { ++retries; }
};

}  // namespace

TEST_CASE("client: one client serves several threads at once") {
    sim::simulator_options o;
    o.clock_skew = -5s;
    o.fault_retry_after = "1";  // every thread's first call may meet the 401 and correct the clock
    fixture f(o);
    counting_observer seen;
    // The threads share one clock that every wait moves, and one "every fifth list" counter,
    // so a list may meet the 503 again on its next tries: no budget, more attempts.
    ose::retry_policy retry;
    retry.max_attempts = 10;
    retry.budget = 0ms;
    auto opts = f.options(retry);
    opts.watch = &seen;
    ose::environment env = f.env();
    env.random = ose::default_random_source();  // not thread safe itself: the client guards it
    ose::client c(f.in_process(), user_settings(), env, opts);
    // Every fifth list fails with a 503 that may be resent (after the Retry-After of 1 s).
    f.server.inject({.kind = sim::fault_kind::unavailable,
                     .only = sim::operation::list_batch_tasks,
                     .times = 1000,
                     .every = 5,
                     .delay = {}});

    constexpr int threads = 4;
    constexpr int calls = 25;
    std::atomic<int> created{0}, listed{0};
    std::vector<std::vector<std::string>> ids(threads);
    std::mutex failures_mutex;
    std::vector<std::string> failures;  // what each failed call said, so a failure shows why
    auto failed = [&](std::string_view call, const ose::error& e) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(std::string(call) + ": " + e.to_string());
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < calls; ++i) {
                auto r = c.create_batch_task(a_copy());
                if (r) {
                    ++created;
                    ids[static_cast<std::size_t>(t)].push_back(r->data);
                } else {
                    failed("create", r.error());
                }
                if (auto l = c.list_batch_tasks({.offset = 0, .limit = 5, .type = {}, .status = {}}))
                    ++listed;
                else
                    failed("list", l.error());
            }
        });
    }
    for (auto& th : pool) th.join();
    std::string why;
    for (const auto& line : failures) why += line + "\n";
    INFO(why);
    CHECK(failures.empty());
    CHECK(created == threads * calls);
    CHECK(listed == threads * calls);
    std::set<std::string> unique;
    for (const auto& v : ids) unique.insert(v.begin(), v.end());
    CHECK(unique.size() == static_cast<std::size_t>(threads * calls));
    CHECK(f.server.batch_jobs(user_settings().user_id).size() == static_cast<std::size_t>(threads * calls));
    // -5 s, or a little more when another thread's wait moved the shared clock between the
    // service's Date and the correction: never less, which would put X-Date ahead of the service.
    std::chrono::milliseconds waited{0};
    for (auto d : f.sleeps) waited += d;
    CHECK(c.clock_offset() <= -5s);
    CHECK(c.clock_offset() >= -5s - waited);
    CHECK(seen.sent == seen.received);
    CHECK(seen.retries >= 1);
}

}  // namespace client_threads_tests
