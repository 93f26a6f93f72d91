// Tests for pollers.hpp: the sans-I/O machines driven by hand (no client), and the job-list
// pager through the client against the simulator.
#include <doctest/doctest.h>

#include "test_client_support.hpp"

#include <chrono>
#include <string>
#include <vector>

using namespace client_test;
using namespace std::chrono_literals;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace client_pollers_tests {

namespace {

ose::list_batch_tasks_response page_of(std::vector<std::pair<std::string, ose::job_status>> jobs) {
    ose::list_batch_tasks_response r{"0", "success", {}};
    for (auto& [id, status] : jobs) {
        ose::batch_job_info j;
        j.taskId = id;
        j.status = status;
        r.data.push_back(j);
    }
    return r;
}

}  // namespace

TEST_CASE("batch_task_poller: send, wait until, done, driven by hand") {
    const auto t0 = std::chrono::system_clock::time_point{std::chrono::seconds{1000}};
    ose::batch_task_poller poll("J1", {.max_attempts = 5, .interval = 2s, .page_size = 2, .max_pages = 10});
    REQUIRE(poll.next(t0) == ose::poll_step::send);
    CHECK(poll.request().offset == 0);
    CHECK(poll.request().limit == 2);
    poll.on_response(page_of({{"A", ose::job_status::completed}, {"B", ose::job_status::completed}}), t0);
    CHECK(poll.seen() == nullptr);
    REQUIRE(poll.next(t0) == ose::poll_step::send);  // the next page, at once
    CHECK(poll.request().offset == 2);
    poll.on_response(page_of({{"J1", ose::job_status::processing}}), t0);
    REQUIRE(poll.seen() != nullptr);
    CHECK(poll.seen()->status == ose::job_status::processing);
    REQUIRE(poll.next(t0) == ose::poll_step::wait);
    CHECK(poll.wake_at() == t0 + 2s);
    CHECK(poll.next(t0 + 1s) == ose::poll_step::wait);  // not yet
    REQUIRE(poll.next(t0 + 2s) == ose::poll_step::send);
    CHECK(poll.request().offset == 0);  // a new look starts at the first page
    ose::error busy;
    busy.kind = ose::error_kind::http_error;
    busy.http_status = 503;
    poll.on_response(busy, t0 + 2s);  // retryable: counts as a look
    REQUIRE(poll.next(t0 + 2s) == ose::poll_step::wait);
    REQUIRE(poll.next(t0 + 4s) == ose::poll_step::send);
    poll.on_response(page_of({{"J1", ose::job_status::completed}}), t0 + 4s);
    REQUIRE(poll.next(t0 + 4s) == ose::poll_step::done);
    auto r = poll.take_result();
    REQUIRE(r);
    CHECK(r->status == ose::job_status::completed);
}

TEST_CASE("batch_task_poller: a deadline before the next look ends it; so does stop") {
    const auto t0 = std::chrono::system_clock::time_point{std::chrono::seconds{1000}};
    ose::call_options call;
    call.deadline = t0 + 3s;
    ose::batch_task_poller poll("J1", {.max_attempts = 5, .interval = 2s, .page_size = 100, .max_pages = 10}, call);
    REQUIRE(poll.next(t0) == ose::poll_step::send);
    poll.on_response(page_of({{"J1", ose::job_status::pending}}), t0);
    REQUIRE(poll.next(t0) == ose::poll_step::wait);
    REQUIRE(poll.next(t0 + 2s) == ose::poll_step::send);
    poll.on_response(page_of({{"J1", ose::job_status::pending}}), t0 + 2s);  // next look at 4 s > 3 s
    REQUIRE(poll.next(t0 + 2s) == ose::poll_step::done);
    auto r = poll.take_result();
    REQUIRE(!r);
    CHECK(r.error().kind == ose::error_kind::timed_out);

    std::stop_source stop;
    ose::share_task_poller share({"T1", "S1", std::nullopt}, {}, {.deadline = {}, .stop = stop.get_token()});
    REQUIRE(share.next(t0) == ose::poll_step::send);
    stop.request_stop();
    REQUIRE(share.next(t0) == ose::poll_step::done);
    auto s = share.take_result();
    REQUIRE(!s);
    CHECK(s.error().kind == ose::error_kind::canceled);
}

TEST_CASE("share_task_poller: progress until completed") {
    const auto t0 = std::chrono::system_clock::time_point{std::chrono::seconds{1000}};
    ose::share_task_poller poll({"T1", "S1", std::nullopt},
                                {.max_attempts = 3, .interval = 1s, .page_size = 1, .max_pages = 1});
    ose::query_share_task_response reply{"0", "ok", {}, {}};
    reply.jobInfo.taskStatus = ose::job_status::processing;
    reply.jobInfo.progress = 50;
    REQUIRE(poll.next(t0) == ose::poll_step::send);
    CHECK(poll.request().taskId == "T1");
    poll.on_response(reply, t0);
    REQUIRE(poll.seen() != nullptr);
    CHECK(poll.seen()->progress == 50);
    REQUIRE(poll.next(t0 + 1s) == ose::poll_step::send);
    poll.on_response(reply, t0 + 1s);
    REQUIRE(poll.next(t0 + 2s) == ose::poll_step::send);
    poll.on_response(reply, t0 + 2s);  // the third and last look
    REQUIRE(poll.next(t0 + 3s) == ose::poll_step::done);
    auto r = poll.take_result();
    REQUIRE(!r);
    CHECK(r.error().kind == ose::error_kind::timed_out);
}

TEST_CASE("batch_task_pager: every page of the job list, through the client") {
    fixture f;
    auto c = f.make_client(f.options());
    std::vector<std::string> made;
    for (int i = 0; i < 7; ++i) {
        auto r = c.create_batch_task(a_copy());
        REQUIRE(r);
        made.insert(made.begin(), r->data);  // the list is newest first
    }
    std::vector<std::string> listed;
    auto n = c.for_each_batch_task({.offset = 0, .limit = 3, .type = {}, .status = {}},
                                   [&](const ose::batch_job_info& j) { listed.push_back(j.taskId); });
    REQUIRE(n);
    CHECK(*n == 7);
    CHECK(listed == made);
    CHECK(f.server.stats().requests == 7 + 3);  // pages of 3, 3 and 1

    // A full last page takes one more, empty, page to know it was the last.
    listed.clear();
    n = c.for_each_batch_task({.offset = 1, .limit = 3, .type = {}, .status = {}},
                              [&](const ose::batch_job_info& j) { listed.push_back(j.taskId); });
    REQUIRE(n);
    CHECK(*n == 6);
    CHECK(f.server.stats().requests == 7 + 3 + 3);

    // max_pages bounds the walk.
    n = c.for_each_batch_task({.offset = 0, .limit = 1, .type = {}, .status = {}}, {}, 2);
    REQUIRE(n);
    CHECK(*n == 2);
}

TEST_CASE("wait_for_share_task: through the client against the simulator, with progress") {
    sim::simulator_options o;
    o.share = {.pending = 0ms, .processing = 4000ms};
    fixture f(o);
    recording_observer seen;
    auto opts = f.options();
    opts.watch = &seen;
    auto c = f.make_client(opts);
    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "c";
    dump.fileIds = {"f1", "f2"};
    dump.shareId = "S1";
    dump.targetFileId = ose::file_id_info{"root", "c"};
    auto created = c.create_share_task(dump);
    INFO((created ? std::string() : created.error().to_string()));
    REQUIRE(created);
    std::vector<int> progress;
    auto done = c.wait_for_share_task({created->taskId, "S1", std::nullopt},
                                      {.max_attempts = 10, .interval = 1000ms, .page_size = 1, .max_pages = 1},
                                      [&](const ose::share_job_info& j) { progress.push_back(j.progress); });
    REQUIRE(done);
    CHECK(done->jobInfo.taskStatus == ose::job_status::completed);
    CHECK(progress == std::vector<int>{0, 25, 50, 75, 100});
    CHECK(seen.lines.back() == "progress " + created->taskId + " 2 100");
}

}  // namespace client_pollers_tests
