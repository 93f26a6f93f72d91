// Tests for koodrive/ose/testing/simulator.hpp, in-process (no network): the library's client
// drives the simulator directly. The loopback tests over real HTTP are in tests/e2e/.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/client.hpp>
// generate.hpp first: its namespace testing::detail must not hide the library's detail:: names
// from the simulator (a name lookup that once failed in that order).
#include <koodrive/ose/testing/generate.hpp>
#include <koodrive/ose/testing/simulator.hpp>

#include "support/test_support.hpp"

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;
using test_support::contains;
using namespace std::chrono_literals;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace simulator_tests {

namespace {

const std::chrono::system_clock::time_point start = test_support::fixed_now;

constexpr std::string_view secret_token = "tok-SECRET-0123456789";
constexpr std::string_view secret_kds = "kds-SECRET-aea2968ec8cf";

sim::simulator_options sim_options() {
    sim::simulator_options o;
    o.access_token = secret_token;
    o.user_id = "1684711050387378049";
    o.clock = sim::fixed_clock(start);
    return o;
}

ose::settings user_settings() {
    ose::settings s;
    s.auth = ose::access_token{std::string(secret_token)};
    s.user_id = "1684711050387378049";
    s.agent_name = "demo-carrier";
    s.host = "drive.example.com";
    return s;
}

ose::environment env_of(const sim::simulator& s) {
    ose::environment env;
    env.clock = s.clock();
    env.random = test_support::seeded_random(7);
    return env;
}

// A transport that records every exchange and asks the simulator.
struct recording_transport {
    sim::simulator* s;
    std::vector<ose::http_response>* replies;
    ose::http_response operator()(const ose::http_request& r) const {
        ose::http_response reply = (*s)(r);
        replies->push_back(reply);
        return reply;
    }
};

ose::create_batch_task_request a_copy() {  // the reference's sample, with two files
    auto copy = test_support::sample_batch_request();
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu4", std::nullopt});
    return copy;
}

ose::create_share_task_request a_dump() {
    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    dump.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI", "Fk63FCWhcDAga2puvYKRG1oTMjs-m30sJ"};
    dump.shareId = "1689765568237837824";
    dump.kdstoken = std::string(secret_kds);
    dump.targetFileId = ose::file_id_info{"root", "IAABh_RdhS8bOg0cA1684711052660690818"};
    return dump;
}

// A request built by the library for `m`, to alter before handing it to the simulator.
template <class Request>
ose::http_request built(const Request& m, const ose::settings& s, sim::simulator& server) {
    auto env = env_of(server);
    auto r = ose::build_request(m, s, env);
    REQUIRE(r);
    return *r;
}

}  // namespace

TEST_CASE("simulator: every endpoint through the client") {
    sim::simulator server(sim_options());
    std::vector<ose::http_response> replies;
    ose::client client(recording_transport{&server, &replies}, user_settings(), env_of(server));

    auto created = client.create_batch_task(a_copy());
    REQUIRE(created);
    CHECK(created->data == "1320279189273965056");

    auto page = client.list_batch_tasks({.offset = 0, .limit = 10, .type = {}, .status = {}});
    REQUIRE(page);
    REQUIRE(page->data.size() == 1);
    CHECK(page->data[0].taskId == created->data);
    CHECK(page->data[0].status == ose::job_status::pending);
    CHECK(page->data[0].taskType == ose::batch_task_type::copy);
    CHECK(page->data[0].actionType == ose::batch_action_type::copy_dump);
    CHECK(page->data[0].createTime == "20251103070140");

    auto share = client.create_share_task(a_dump());
    REQUIRE(share);
    CHECK(share->taskId == "1320279189273965057");

    auto detail = client.query_share_task({share->taskId, "1689765568237837824", std::string(secret_kds)});
    REQUIRE(detail);
    CHECK(detail->jobInfo.taskStatus == ose::job_status::pending);
    CHECK(detail->jobInfo.userId == "1684711050387378049");
    CHECK(detail->taskInfos.size() == 2);

    auto task = client.create_task(test_support::sample_task_request());
    REQUIRE(task);
    CHECK(task->taskId == "1320279189273965058");
    CHECK(server.transfer_tasks().size() == 1);

    for (const auto& r : replies) {
        CHECK(r.status == 200);
        CHECK(r.header("Content-Type") == "application/json");
        CHECK_FALSE(contains(r.body, secret_kds));  // the kdstoken is never echoed
    }
    const auto st = server.stats();
    CHECK(st.requests == 5);
    CHECK(st.succeeded == 5);
    CHECK(st.batch_jobs == 1);
    CHECK(st.share_tasks == 1);
    CHECK(st.transfer_tasks == 1);
}

TEST_CASE("simulator: a batch job and a share task advance with the clock until done") {
    auto o = sim_options();
    o.batch = {.pending = 2s, .processing = 10s};
    o.share = {.pending = 1s, .processing = 4s};
    sim::simulator server(o);
    std::vector<ose::http_response> replies;
    ose::client client(recording_transport{&server, &replies}, user_settings(), env_of(server));

    auto created = client.create_batch_task(a_copy());
    REQUIRE(created);
    std::vector<ose::job_status> seen;
    ose::poll_options poll;
    poll.interval = 1s;
    poll.max_attempts = 30;
    client.options().sleep = [&](std::chrono::milliseconds d, const std::stop_token&) { server.advance(d); };
    auto done = client.wait_for_batch_task(created->data, poll,
                                           [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
    REQUIRE(done);
    CHECK(done->status == ose::job_status::completed);
    CHECK(done->taskResultCode == ose::task_result::all_succeeded);
    CHECK(done->contentNum == 2);
    CHECK(done->beginTime == "20251103070142");
    CHECK(done->endTime == "20251103070152");
    REQUIRE(seen.size() == 13);  // t = 0 .. 12 s
    CHECK(seen.front() == ose::job_status::pending);
    CHECK(seen[5] == ose::job_status::processing);

    auto share = client.create_share_task(a_dump());
    REQUIRE(share);
    std::vector<std::int32_t> progress;
    auto detail = client.wait_for_share_task({share->taskId, "1689765568237837824", std::string(secret_kds)}, poll,
                                             [&](const ose::share_job_info& j) { progress.push_back(j.progress); });
    REQUIRE(detail);
    CHECK(detail->jobInfo.taskStatus == ose::job_status::completed);
    CHECK(detail->jobInfo.progress == 100);
    CHECK(progress == std::vector<std::int32_t>{0, 0, 25, 50, 75, 100});
    REQUIRE(detail->taskInfos.size() == 2);
    CHECK(detail->taskInfos[0].status == "1");
    CHECK_FALSE(detail->taskInfos[0].newFileId.empty());
    CHECK(detail->taskInfos[0].srcContainerId == "IAABh_RdhS8bOg0cA1684711052660690818");
}

TEST_CASE("simulator: list with offset, limit, type and status") {
    auto o = sim_options();
    o.batch = {.pending = 10s, .processing = 10s};
    sim::simulator server(o);
    std::vector<ose::http_response> replies;
    ose::client client(recording_transport{&server, &replies}, user_settings(), env_of(server));

    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        auto r = client.create_batch_task(a_copy());
        REQUIRE(r);
        ids.push_back(r->data);
        server.advance(5s);  // jobs 0..4 created at 0, 5, 10, 15, 20 s
    }
    ose::create_batch_task_request removal;
    removal.taskType = ose::batch_task_type::remove;
    removal.actionType = ose::batch_action_type::permanent_delete;
    removal.dstContainerId = "c";
    removal.taskInfo.srcContainerId = "c";
    removal.taskInfo.fileInfo.push_back({"f", std::nullopt});
    auto removed = client.create_batch_task(removal);  // at 25 s
    REQUIRE(removed);

    auto all = client.list_batch_tasks({.offset = 0, .limit = 100, .type = {}, .status = {}});
    REQUIRE(all);
    REQUIRE(all->data.size() == 6);
    CHECK(all->data[0].taskId == removed->data);  // newest first
    CHECK(all->data[5].taskId == ids[0]);

    auto page = client.list_batch_tasks({.offset = 2, .limit = 2, .type = {}, .status = {}});
    REQUIRE(page);
    REQUIRE(page->data.size() == 2);
    CHECK(page->data[0].taskId == ids[3]);
    CHECK(page->data[1].taskId == ids[2]);

    auto copies =
        client.list_batch_tasks({.offset = 0, .limit = 100, .type = ose::batch_task_type::copy, .status = {}});
    REQUIRE(copies);
    CHECK(copies->data.size() == 5);

    // At 25 s: jobs at 0 and 5 s completed, 10 and 15 s processing, 20 and 25 s pending.
    auto count = [&](ose::job_status s) {
        auto r = client.list_batch_tasks({.offset = 0, .limit = 100, .type = {}, .status = s});
        REQUIRE(r);
        return r->data.size();
    };
    CHECK(count(ose::job_status::completed) == 2);
    CHECK(count(ose::job_status::processing) == 2);
    CHECK(count(ose::job_status::pending) == 2);
    CHECK(count(ose::job_status::canceled) == 0);
    CHECK(server.cancel(ids[4]));
    CHECK_FALSE(server.cancel(ids[0]));  // already completed
    CHECK(count(ose::job_status::canceled) == 1);

    auto beyond = client.list_batch_tasks({.offset = 100, .limit = 10, .type = {}, .status = {}});
    REQUIRE(beyond);
    CHECK(beyond->data.empty());

    // Another user sees none of them.
    auto o2 = user_settings();
    o2.user_id = "someone-else";
    auto s2 = sim_options();
    s2.user_id.clear();
    sim::simulator open(s2);
    ose::client c1(recording_transport{&open, &replies}, user_settings(), env_of(open));
    ose::client c2(recording_transport{&open, &replies}, o2, env_of(open));
    REQUIRE(c1.create_batch_task(a_copy()));
    auto theirs = c2.list_batch_tasks({.offset = 0, .limit = 10, .type = {}, .status = {}});
    REQUIRE(theirs);
    CHECK(theirs->data.empty());
    CHECK(open.batch_jobs("1684711050387378049").size() == 1);
}

TEST_CASE("simulator: 401 for the token, the user, the date window; no secret in the body") {
    sim::simulator server(sim_options());
    std::vector<ose::http_response> replies;

    auto wrong = user_settings();
    wrong.auth = ose::access_token{"tok-OTHER-SECRET"};
    ose::client bad_token(recording_transport{&server, &replies}, wrong, env_of(server));
    auto r = bad_token.create_batch_task(a_copy());
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ose::error_kind::api_error);
    CHECK(r.error().http_status == 401);
    CHECK(r.error().api_code == "APIGW.0301");
    CHECK_FALSE(r.error().retryable());
    CHECK_FALSE(contains(replies.back().body, "SECRET"));

    // "Bearer " with a space is accepted too.
    auto spaced = user_settings();
    std::get<ose::access_token>(spaced.auth).scheme = ose::token_scheme::bearer_space;
    ose::client space_client(recording_transport{&server, &replies}, spaced, env_of(server));
    CHECK(space_client.create_batch_task(a_copy()));

    auto other_user = user_settings();
    other_user.user_id = "1";
    ose::client stranger(recording_transport{&server, &replies}, other_user, env_of(server));
    auto s = stranger.list_batch_tasks({.offset = 0, .limit = 1, .type = {}, .status = {}});
    REQUIRE_FALSE(s);
    CHECK(s.error().http_status == 401);

    // Missing Authorization where required.
    auto req = built(a_copy(), user_settings(), server);
    std::erase_if(req.headers, [](const ose::http_header& h) { return h.name == "Authorization"; });
    auto reply = server(req);
    CHECK(reply.status == 401);

    // An X-Date 16 minutes old (the client's clock is behind the simulator's).
    auto stale = built(a_copy(), user_settings(), server);
    server.advance(16min);
    reply = server(stale);
    CHECK(reply.status == 401);
    CHECK(contains(reply.body, "15 minutes"));
    // ... and one from the future.
    sim::simulator behind(sim_options());
    ose::environment ahead;
    ahead.clock = [] { return start + 1min; };
    auto future = ose::build_request(a_copy(), user_settings(), ahead);
    REQUIRE(future);
    CHECK(behind(*future).status == 401);

    // Create task: Authorization optional, but checked when sent.
    ose::create_task_request transfer;
    transfer.taskType = ose::transfer_task_type::batch_import;
    transfer.orgId = "org";
    transfer.orgUserId = "ou";
    auto no_token = user_settings();
    no_token.auth = ose::access_token{};
    sim::simulator fresh(sim_options());
    ose::client anonymous(recording_transport{&fresh, &replies}, no_token, env_of(fresh));
    CHECK(anonymous.create_task(transfer));
    ose::client wrong_import(recording_transport{&fresh, &replies}, wrong, env_of(fresh));
    auto w = wrong_import.create_task(transfer);
    REQUIRE_FALSE(w);
    CHECK(w.error().http_status == 401);
}

TEST_CASE("simulator: 400 with 13000102 for invalid parameters; secrets never echoed") {
    sim::simulator server(sim_options());
    auto settings = user_settings();

    auto check_400 = [&](const ose::http_response& reply, std::string_view mentions) {
        CHECK(reply.status == 400);
        auto body = ose::decode<ose::api_error_body>(reply.body);
        REQUIRE(body);
        CHECK(body->code == "13000102");
        CHECK(body->msg.starts_with("Verify parameters failed."));
        CHECK(contains(body->msg, mentions));
        CHECK_FALSE(contains(reply.body, "SECRET"));
    };

    // A body that breaks a rule, with secrets in it.
    auto req = built(a_copy(), settings, server);
    req.body = R"({"taskType":1,"taskInfo":{"srcContainerId":"c","fileInfo":[{"fileId":"f"}],"newFilePath":"p"},)"
               R"("dstContainerId":"d","password":"pw-SECRET-hunter2"})";
    check_400(server(req), "$.password");
    // Not JSON; a secret right where the parser stops.
    req.body = R"({"taskType":1,"password":"pw-SECRET-hunter2)";
    check_400(server(req), "byte");
    // A duplicate kdstoken in a query.
    auto q = built(ose::query_share_task_request{"1", "2", std::string(secret_kds)}, settings, server);
    q.body = R"({"taskId":"1","shareId":"2","kdstoken":"kds-SECRET-1","kdstoken":"kds-SECRET-2"})";
    check_400(server(q), "$.kdstoken");
    // An unknown share task.
    q = built(ose::query_share_task_request{"1", "2", std::string(secret_kds)}, settings, server);
    check_400(server(q), "no such share task");
    // A bad list query.
    auto list =
        built(ose::list_batch_tasks_request{.offset = 0, .limit = 1, .type = {}, .status = {}}, settings, server);
    list.target = "/koodrive/ose/v1/jobs?offset=0&limit=101";
    check_400(server(list), "$.limit");
    list.target = "/koodrive/ose/v1/jobs";
    check_400(server(list), "$.offset");

    // Headers: X-Hw-Agentname, Host, X-User-Id, X-Traceid, language, Content-Type.
    auto drop = [](ose::http_request r, std::string_view name) {
        std::erase_if(r.headers, [&](const ose::http_header& h) { return ose::iequals(h.name, name); });
        return r;
    };
    auto share = built(a_dump(), settings, server);
    check_400(server(drop(share, "X-Hw-Agentname")), "X-Hw-Agentname");
    check_400(server(drop(share, "Content-Type")), "Content-Type");
    check_400(server(drop(share, "X-User-Id")), "X-User-Id");
    check_400(server(drop(share, "X-Date")), "X-Date");
    auto bad_trace = share;
    for (auto& h : bad_trace.headers)
        if (h.name == "X-Traceid") h.value = "short";
    check_400(server(bad_trace), "X-Traceid");
    ose::create_task_request transfer;
    transfer.taskType = ose::transfer_task_type::transfer_and_delete;
    transfer.srcUserId = "a";
    transfer.dstUserId = "b";
    auto create = built(transfer, settings, server);
    check_400(server(drop(create, "Host")), "Host");
    for (auto& h : create.headers)
        if (h.name == "Host") h.value = "bad host";
    check_400(server(create), "Host");
    auto lang = built(a_copy(), settings, server);
    lang.headers.push_back({"language", "en US"});
    check_400(server(lang), "language");

    // The kdstoken of a query must match the share's.
    std::vector<ose::http_response> replies;
    ose::client client(recording_transport{&server, &replies}, settings, env_of(server));
    auto created = client.create_share_task(a_dump());
    REQUIRE(created);
    auto mismatch = client.query_share_task({created->taskId, "1689765568237837824", std::string("kds-SECRET-wrong")});
    REQUIRE_FALSE(mismatch);
    CHECK(mismatch.error().http_status == 400);
    CHECK_FALSE(contains(replies.back().body, "SECRET"));
    auto wrong_share = client.query_share_task({created->taskId, "999", std::string(secret_kds)});
    REQUIRE_FALSE(wrong_share);
    CHECK(wrong_share.error().api_code == "13000102");

    // Unknown paths and methods.
    ose::http_request nowhere{"GET", "/koodrive/ose/v1/nothing", {}, {}};
    CHECK(server(nowhere).status == 404);
    ose::http_request put{"PUT", "/koodrive/ose/v1/jobs", {}, {}};
    CHECK(server(put).status == 405);
    ose::http_request get_share{"GET", "/koodrive/ose/v1/share/tasks", {}, {}};
    CHECK(server(get_share).status == 405);

    const auto st = server.stats();
    CHECK(st.bad_requests >= 15);
    CHECK(st.not_found == 3);
}

TEST_CASE("simulator: injected faults") {
    auto o = sim_options();
    std::vector<std::chrono::milliseconds> slept;
    o.sleep = [&](std::chrono::milliseconds d) { slept.push_back(d); };
    sim::simulator server(o);
    std::vector<ose::http_response> replies;
    ose::client_options one_attempt;  // each fault reaches the test, not the client's retries
    one_attempt.retry = ose::retry_policy::none();
    ose::client client(recording_transport{&server, &replies}, user_settings(), env_of(server), one_attempt);

    SUBCASE("500 with {code,msg}, retryable, nothing created") {
        server.inject({.kind = sim::fault_kind::internal_error, .only = {}, .times = 2, .every = 1, .delay = {}});
        for (int i = 0; i < 2; ++i) {
            auto r = client.create_batch_task(a_copy());
            REQUIRE_FALSE(r);
            CHECK(r.error().kind == ose::error_kind::api_error);
            CHECK(r.error().http_status == 500);
            CHECK(r.error().api_code == "13000001");
            CHECK(r.error().retryable());
        }
        CHECK(server.stats().batch_jobs == 0);
        CHECK(server.pending_faults() == 0);
        CHECK(client.create_batch_task(a_copy()));
    }
    SUBCASE("503 with an HTML body") {
        server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 1, .every = 1, .delay = {}});
        auto r = client.list_batch_tasks({.offset = 0, .limit = 1, .type = {}, .status = {}});
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ose::error_kind::http_error);
        CHECK(r.error().http_status == 503);
        CHECK(r.error().retryable());
        CHECK(contains(r.error().body_snippet, "<html>"));
        CHECK(replies.back().header("Content-Type") == "text/html");
    }
    SUBCASE("a truncated body: served, but malformed") {
        server.inject({.kind = sim::fault_kind::truncated_body, .only = {}, .times = 1, .every = 1, .delay = {}});
        auto r = client.create_batch_task(a_copy());
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ose::error_kind::malformed_response);
        CHECK(server.stats().batch_jobs == 1);  // the job exists although its reply was lost
    }
    SUBCASE("a slow reply calls the injected sleep") {
        server.inject({.kind = sim::fault_kind::slow_reply, .only = {}, .times = 1, .every = 1, .delay = 3s});
        CHECK(client.create_batch_task(a_copy()));
        REQUIRE(slept.size() == 1);
        CHECK(slept[0] == 3s);
    }
    SUBCASE("aimed at one endpoint, every n-th request") {
        server.inject({.kind = sim::fault_kind::internal_error,
                       .only = sim::operation::query_share_task,
                       .times = 2,
                       .every = 2,
                       .delay = {}});
        auto share = client.create_share_task(a_dump());  // not aimed at: passes
        REQUIRE(share);
        const ose::query_share_task_request q{share->taskId, "1689765568237837824", std::string(secret_kds)};
        std::vector<int> statuses;
        for (int i = 0; i < 6; ++i) {
            (void)client.query_share_task(q);
            statuses.push_back(replies.back().status);
        }
        CHECK(statuses == std::vector<int>{200, 500, 200, 500, 200, 200});
        CHECK(server.stats().faults == 2);
    }
    SUBCASE("polling rides over faults") {
        server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 3, .every = 1, .delay = {}});
        auto created = client.create_batch_task(a_copy());  // the first fault
        REQUIRE_FALSE(created);
        created = client.create_batch_task(a_copy());  // the second
        REQUIRE_FALSE(created);
        created = client.create_batch_task(a_copy());  // the third
        REQUIRE_FALSE(created);
        server.inject({.kind = sim::fault_kind::internal_error,
                       .only = sim::operation::list_batch_tasks,
                       .times = 3,
                       .every = 2,
                       .delay = {}});
        created = client.create_batch_task(a_copy());
        REQUIRE(created);
        ose::poll_options poll;
        poll.interval = 2s;
        client.options().sleep = [&](std::chrono::milliseconds d, const std::stop_token&) { server.advance(d); };
        auto done = client.wait_for_batch_task(created->data, poll);
        REQUIRE(done);
        CHECK(done->status == ose::job_status::completed);
        CHECK(server.stats().faults == 6);
    }
    SUBCASE("without a sleep callback, a slow reply advances the simulated clock") {
        sim::simulator plain(sim_options());
        plain.inject({.kind = sim::fault_kind::slow_reply, .only = {}, .times = 1, .every = 1, .delay = 90s});
        ose::client c(recording_transport{&plain, &replies}, user_settings(), env_of(plain));
        CHECK(c.create_batch_task(a_copy()));
        CHECK(plain.now() == start + 90s);
    }
}

TEST_CASE("simulator: thread safe under concurrent clients") {
    auto o = sim_options();
    o.user_id.clear();
    sim::simulator server(o);
    server.inject({.kind = sim::fault_kind::internal_error, .only = {}, .times = 20, .every = 7, .delay = {}});
    constexpr int threads = 4;
    constexpr int per_thread = 50;
    std::vector<std::thread> pool;
    std::vector<int> failures(threads, 0);
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            auto s = user_settings();
            s.user_id = "user-" + std::to_string(t);
            std::vector<ose::http_response> mine;
            ose::client c(recording_transport{&server, &mine}, s, env_of(server));
            for (int i = 0; i < per_thread; ++i) {
                auto r = c.create_batch_task(a_copy());
                while (!r && r.error().retryable()) r = c.create_batch_task(a_copy());
                if (!r) ++failures[static_cast<std::size_t>(t)];
            }
        });
    }
    for (auto& th : pool) th.join();
    for (int f : failures) CHECK(f == 0);
    for (int t = 0; t < threads; ++t) CHECK(server.batch_jobs("user-" + std::to_string(t)).size() == per_thread);
    const auto st = server.stats();
    CHECK(st.faults == 20);
    CHECK(st.batch_jobs == threads * per_thread);
    CHECK(st.requests == threads * per_thread + 20);
}

TEST_CASE("simulator: package download and cancellation of a share task") {
    auto o = sim_options();
    o.share = {.pending = 0s, .processing = 10s};
    sim::simulator server(o);
    std::vector<ose::http_response> replies;
    ose::client client(recording_transport{&server, &replies}, user_settings(), env_of(server));

    ose::create_share_task_request pkg;
    pkg.taskType = ose::share_task_type::package_download;
    pkg.containerId = "c";
    pkg.fileIds = {"f1"};
    pkg.shareId = "s";
    pkg.zipName = "all.zip";
    auto created = client.create_share_task(pkg);
    REQUIRE(created);
    server.advance(10s);
    auto done = client.query_share_task({created->taskId, "s", std::nullopt});
    REQUIRE(done);
    CHECK(done->jobInfo.taskStatus == ose::job_status::completed);
    CHECK(contains(done->jobInfo.downloadUrl, "all.zip"));

    auto other = client.create_share_task(pkg);
    REQUIRE(other);
    server.advance(5s);
    CHECK(server.cancel(other->taskId));
    auto canceled = client.query_share_task({other->taskId, "s", std::nullopt});
    REQUIRE(canceled);
    CHECK(canceled->jobInfo.taskStatus == ose::job_status::canceled);
    CHECK(canceled->jobInfo.endTime == sim::format_compact_time(start + 15s));
}

TEST_CASE("simulator: app-signed requests round trip, and a bad signature is refused") {
    auto o = sim_options();
    o.app_id = "demo-app";
    o.app_secret = "app-SECRET-0123456789";
    sim::simulator server(o);
    std::vector<ose::http_response> replies;
    auto s = user_settings();
    s.auth = ose::app_credentials{"demo-app", "app-SECRET-0123456789"};
    ose::client client(recording_transport{&server, &replies}, s, env_of(server));

    auto created = client.create_batch_task(a_copy());
    REQUIRE(created);
    auto page = client.list_batch_tasks({.offset = 0, .limit = 5, .type = ose::batch_task_type::copy, .status = {}});
    REQUIRE(page);
    CHECK(page->data.size() == 1);
    auto share = client.create_share_task(a_dump());
    REQUIRE(share);
    CHECK(client.query_share_task({share->taskId, "1689765568237837824", std::string(secret_kds)}));
    ose::create_task_request transfer;
    transfer.taskType = ose::transfer_task_type::transfer_and_delete;
    transfer.srcUserId = "a";
    transfer.dstUserId = "b";
    CHECK(client.create_task(transfer));

    // Wrong secret, tampered body, tampered Host, unknown app: 401, and no secret in the reply.
    auto forged = s;
    std::get<ose::app_credentials>(forged.auth).app_secret = "app-SECRET-guess";
    ose::client intruder(recording_transport{&server, &replies}, forged, env_of(server));
    auto r = intruder.create_batch_task(a_copy());
    REQUIRE_FALSE(r);
    CHECK(r.error().http_status == 401);
    CHECK(contains(r.error().api_msg, "signature does not match"));
    CHECK_FALSE(contains(replies.back().body, "SECRET"));

    auto good = built(a_copy(), s, server);
    auto tampered = good;
    tampered.body.replace(tampered.body.find("IAADfs"), 6, "XXXXXX");
    CHECK(server(tampered).status == 401);
    auto moved = good;
    for (auto& h : moved.headers)
        if (h.name == "Host") h.value = "elsewhere.example.com";
    CHECK(server(moved).status == 401);
    CHECK(server(good).status == 200);

    auto other_app = s;
    std::get<ose::app_credentials>(other_app.auth).app_id = "other-app";
    CHECK(server(built(a_copy(), other_app, server)).status == 401);

    // A simulator without app credentials refuses every signed request.
    sim::simulator tokens_only(sim_options());
    CHECK(tokens_only(built(a_copy(), s, tokens_only)).status == 401);
}

}  // namespace simulator_tests
