// Tests for koodrive/ose/client.hpp: the client over a fake transport, and the polling helpers.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/client.hpp>

#include "support/test_support.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ose = koodrive::ose;
using namespace std::chrono_literals;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace client_tests {

namespace {

ose::settings test_settings() {
    ose::settings s;
    s.auth = ose::access_token{"tok"};
    s.user_id = "u1";
    s.agent_name = "agent";
    s.host = "api.example.com";
    return s;
}

ose::http_response reply(int status, std::string body) {
    ose::http_response r;
    r.status = status;
    r.headers.push_back({"Content-Type", "application/json"});
    r.body = std::move(body);
    return r;
}

// Canned replies, served in order; every request is recorded.
struct fake_server {
    std::deque<ose::result<ose::http_response>> replies;
    std::vector<ose::http_request> requests;

    void push(int status, std::string body) { replies.emplace_back(reply(status, std::move(body))); }
    void push_failure(std::string what) { replies.emplace_back(ose::transport_error(what)); }

    ose::result<ose::http_response> next(const ose::http_request& r) {
        requests.push_back(r);
        if (replies.empty()) {
            FAIL_CHECK("the client sent more requests than expected");
            return reply(599, "");
        }
        auto x = std::move(replies.front());
        replies.pop_front();
        return x;
    }
};

// A plain transport: returns an http_response.
auto plain(fake_server& srv) {
    return [&srv](const ose::http_request& r) -> ose::http_response {
        auto x = srv.next(r);
        REQUIRE(x.has_value());
        return std::move(x).value();
    };
}

// A fallible transport: returns result<http_response>.
auto fallible(fake_server& srv) {
    return [&srv](const ose::http_request& r) -> ose::result<ose::http_response> { return srv.next(r); };
}

// No retries inside a call: these tests count the polls' own attempts.
template <class T>
ose::client<T> make_client(T transport) {
    ose::client_options o;
    o.retry = ose::retry_policy::none();
    return ose::client<T>(std::move(transport), test_settings(), test_support::fixed_env(1), o);
}

std::string job_json(std::string_view id, int status) {
    return R"({"taskId":")" + std::string(id) + R"(","taskType":2,"actionType":201,"status":)" +
           std::to_string(status) + R"(,"taskResultCode":1,"contentNum":1,"createTime":"20231227151904"})";
}

std::string list_json(const std::vector<std::string>& jobs) {
    std::string out = R"({"code":0,"msg":"OK","data":[)";
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (i != 0) out += ',';
        out += jobs[i];
    }
    return out + "]}";
}

std::string share_json(int status, int progress) {
    return R"({"code":0,"msg":"Success.","jobInfo":{"userId":"1","taskId":"T1","taskType":1,"taskStatus":)" +
           std::to_string(status) + R"(,"progress":)" + std::to_string(progress) + R"(},"taskInfos":[]})";
}

// Counts sleeps and records their lengths; never sleeps.
struct sleep_log {
    std::vector<std::chrono::milliseconds> calls;
    ose::sleeper fn() {
        return [this](std::chrono::milliseconds d, const std::stop_token&) { calls.push_back(d); };
    }
};

ose::poll_options fast_options(std::size_t max_attempts = 10) {
    ose::poll_options o;
    o.max_attempts = max_attempts;
    o.interval = 1500ms;
    return o;
}

const ose::query_share_task_request share_query{"T1", "S1", std::nullopt};

}  // namespace

TEST_CASE("client: each endpoint method builds, sends and reads") {
    fake_server srv;
    auto c = make_client(plain(srv));

    srv.push(200, R"({"data":"1309243162258308352","code":0,"msg":"success"})");
    ose::create_batch_task_request b;
    b.taskType = ose::batch_task_type::remove;
    b.actionType = ose::batch_action_type::permanent_delete;
    b.dstContainerId = "c";
    b.taskInfo.srcContainerId = "c";
    b.taskInfo.fileInfo.push_back({std::string("f"), std::nullopt});
    auto r1 = c.create_batch_task(b);
    REQUIRE(r1.has_value());
    CHECK(r1->data == "1309243162258308352");
    REQUIRE(srv.requests.size() == 1);
    CHECK(srv.requests[0].method == "POST");
    CHECK(srv.requests[0].target == "/koodrive/ose/v1/jobs");
    CHECK(srv.requests[0].header("Authorization") == "Bearer+tok");
    CHECK(srv.requests[0].header("X-Date") == "20251103T070140Z");
    CHECK(srv.requests[0].body == ose::encode(b).value());

    srv.push(200, list_json({job_json("J1", 2)}));
    auto r2 = c.list_batch_tasks({.offset = 0, .limit = 2, .type = {}, .status = {}});
    REQUIRE(r2.has_value());
    REQUIRE(r2->data.size() == 1);
    CHECK(r2->data[0].taskId == "J1");
    CHECK(srv.requests[1].method == "GET");
    CHECK(srv.requests[1].target == "/koodrive/ose/v1/jobs?offset=0&limit=2");
    CHECK(srv.requests[1].body.empty());

    srv.push(200, R"({"code":0,"msg":"Success","taskId":"1689765568237837824"})");
    ose::create_share_task_request s;
    s.taskType = ose::share_task_type::package_download;
    s.containerId = "c";
    s.fileIds = {"f"};
    s.zipName = "a.zip";
    s.shareId = "S1";
    auto r3 = c.create_share_task(s);
    REQUIRE(r3.has_value());
    CHECK(r3->taskId == "1689765568237837824");
    CHECK(srv.requests[2].target == "/koodrive/ose/v1/share/tasks");
    CHECK(srv.requests[2].header("X-Hw-Agentname") == "agent");

    srv.push(200, R"({"taskId":"1534087020903704704","code":0,"msg":"Success."})");
    ose::create_task_request t;
    t.taskType = ose::transfer_task_type::batch_import;
    t.orgId = "o";
    t.orgUserId = "ou";
    auto r4 = c.create_task(t);
    REQUIRE(r4.has_value());
    CHECK(r4->taskId == "1534087020903704704");
    CHECK(srv.requests[3].target == "/koodrive/ose/v1/task/create");
    CHECK(srv.requests[3].header("Host") == "api.example.com");

    srv.push(200, share_json(2, 100));
    auto r5 = c.query_share_task(share_query);
    REQUIRE(r5.has_value());
    CHECK(r5->jobInfo.taskStatus == ose::job_status::completed);
    CHECK(srv.requests[4].target == "/koodrive/ose/v1/share/taskDetail");

    CHECK(srv.requests.size() == 5);
    CHECK(srv.replies.empty());
}

TEST_CASE("client: an invalid request is not sent") {
    fake_server srv;
    auto c = make_client(plain(srv));
    auto r = c.list_batch_tasks({.offset = 0, .limit = 0, .type = {}, .status = {}});
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::invalid_request);
    CHECK(r.error().path == "$.limit");
    c.config().user_id.clear();
    auto r2 = c.query_share_task(share_query);
    REQUIRE(!r2.has_value());
    CHECK(r2.error().path == "X-User-Id");
    CHECK(srv.requests.empty());
}

TEST_CASE("client: error replies come back as errors") {
    fake_server srv;
    auto c = make_client(plain(srv));
    srv.push(401, R"({"code":"31084404","msg":"token expired"})");
    auto r = c.query_share_task(share_query);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::api_error);
    CHECK(r.error().http_status == 401);
    CHECK(r.error().api_code == "31084404");
    CHECK(!r.error().retryable());
    srv.push(503, "<html>busy</html>");
    r = c.query_share_task(share_query);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::http_error);
    CHECK(r.error().retryable());
}

TEST_CASE("client: a fallible transport's failure is a retryable transport_failure") {
    fake_server srv;
    auto c = make_client(fallible(srv));
    srv.push_failure("connection refused");
    auto r = c.query_share_task(share_query);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::transport_failure);
    CHECK(r.error().code == ose::errc::transport);
    CHECK(r.error().retryable());
    CHECK(r.error().to_string().find("connection refused") != std::string::npos);

    // A transport that reports its own error kind still comes back as a transport failure.
    ose::error own;
    own.kind = ose::error_kind::http_error;
    own.message = "timeout after 30 s";
    srv.replies.emplace_back(own);
    r = c.query_share_task(share_query);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::transport_failure);
    CHECK(r.error().retryable());

    // And a good reply through the same transport reads normally.
    srv.push(200, share_json(1, 40));
    r = c.query_share_task(share_query);
    REQUIRE(r.has_value());
    CHECK(r->jobInfo.progress == 40);
}

TEST_CASE("client: settings can change between calls") {
    fake_server srv;
    auto c = make_client(plain(srv));
    c.config().auth = ose::access_token{"other"};
    c.config().language = "en-US";
    srv.push(200, list_json({}));
    auto r = c.list_batch_tasks({.offset = 0, .limit = 2, .type = {}, .status = {}});
    REQUIRE(r.has_value());
    REQUIRE(srv.requests.size() == 1);
    CHECK(srv.requests[0].header("Authorization") == "Bearer+other");
    CHECK(srv.requests[0].header("language") == "en-US");
}

TEST_CASE("wait_for_batch_task: pending, processing, completed") {
    fake_server srv;
    auto c = make_client(plain(srv));
    srv.push(200, list_json({job_json("J0", 2), job_json("J1", 0)}));
    srv.push(200, list_json({job_json("J0", 2), job_json("J1", 1)}));
    srv.push(200, list_json({job_json("J0", 2), job_json("J1", 2)}));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    std::vector<ose::job_status> seen;
    auto r =
        c.wait_for_batch_task("J1", fast_options(), [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
    REQUIRE(r.has_value());
    CHECK(r->taskId == "J1");
    CHECK(r->status == ose::job_status::completed);
    CHECK(seen == std::vector<ose::job_status>{ose::job_status::pending, ose::job_status::processing,
                                               ose::job_status::completed});
    CHECK(sleeps.calls == std::vector<std::chrono::milliseconds>{1500ms, 1500ms});
    REQUIRE(srv.requests.size() == 3);
    for (const auto& req : srv.requests) CHECK(req.target == "/koodrive/ose/v1/jobs?offset=0&limit=100");
    CHECK(srv.replies.empty());
}

TEST_CASE("wait_for_batch_task: a canceled job ends the wait") {
    fake_server srv;
    auto c = make_client(plain(srv));
    srv.push(200, list_json({job_json("J1", 3)}));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    auto r = c.wait_for_batch_task("J1", fast_options());
    REQUIRE(r.has_value());
    CHECK(r->status == ose::job_status::canceled);
    CHECK(sleeps.calls.empty());
    CHECK(srv.requests.size() == 1);
}

TEST_CASE("wait_for_batch_task: the job on page 2") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    auto options = fast_options();
    options.page_size = 2;
    // Attempt 1: page 1 full of others, page 2 has the job processing.
    srv.push(200, list_json({job_json("A", 2), job_json("B", 2)}));
    srv.push(200, list_json({job_json("C", 2), job_json("J1", 1)}));
    // Attempt 2: starts again at offset 0.
    srv.push(200, list_json({job_json("A", 2), job_json("B", 2)}));
    srv.push(200, list_json({job_json("J1", 2)}));
    std::vector<ose::job_status> seen;
    auto r = c.wait_for_batch_task("J1", options, [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
    REQUIRE(r.has_value());
    CHECK(r->status == ose::job_status::completed);
    CHECK(seen == std::vector<ose::job_status>{ose::job_status::processing, ose::job_status::completed});
    REQUIRE(srv.requests.size() == 4);
    CHECK(srv.requests[0].target == "/koodrive/ose/v1/jobs?offset=0&limit=2");
    CHECK(srv.requests[1].target == "/koodrive/ose/v1/jobs?offset=2&limit=2");
    CHECK(srv.requests[2].target == "/koodrive/ose/v1/jobs?offset=0&limit=2");
    CHECK(srv.requests[3].target == "/koodrive/ose/v1/jobs?offset=2&limit=2");
    // One sleep between the two attempts, none between pages.
    CHECK(sleeps.calls.size() == 1);
}

TEST_CASE("wait_for_batch_task: a job on no page is not found once the list ends") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    auto options = fast_options(5);
    options.page_size = 2;
    // Three pages, the last one short: every job listed, none is J1.
    srv.push(200, list_json({job_json("A", 2), job_json("B", 2)}));
    srv.push(200, list_json({job_json("C", 2), job_json("D", 1)}));
    srv.push(200, list_json({job_json("E", 2)}));
    auto r = c.wait_for_batch_task("J1", options);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::invalid_request);
    CHECK(r.error().code == ose::errc::not_found);
    CHECK(r.error().path == "taskId");
    CHECK(r.error().to_string().find("3 pages") != std::string::npos);
    REQUIRE(srv.requests.size() == 3);
    CHECK(srv.requests[2].target == "/koodrive/ose/v1/jobs?offset=4&limit=2");
    CHECK(sleeps.calls.empty());
    CHECK(srv.replies.empty());
}

TEST_CASE("wait_for_batch_task: max_pages bounds a list that never ends") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    auto options = fast_options(2);
    options.page_size = 1;
    options.max_pages = 3;
    for (int i = 0; i < 3; ++i) srv.push(200, list_json({job_json("X" + std::to_string(i), 2)}));
    auto r = c.wait_for_batch_task("J1", options);
    REQUIRE(!r.has_value());
    CHECK(r.error().code == ose::errc::not_found);
    CHECK(r.error().to_string().find("max_pages") != std::string::npos);
    REQUIRE(srv.requests.size() == 3);
    CHECK(srv.requests[2].target == "/koodrive/ose/v1/jobs?offset=2&limit=1");
    CHECK(sleeps.calls.empty());
}

TEST_CASE("wait_for_batch_task: gives up after max_attempts") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    for (int i = 0; i < 4; ++i) srv.push(200, list_json({job_json("J1", i == 0 ? 0 : 1)}));
    int progress_calls = 0;
    auto r = c.wait_for_batch_task("J1", fast_options(4), [&](const ose::batch_job_info&) { ++progress_calls; });
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::timed_out);
    CHECK(r.error().code == ose::errc::timeout);
    CHECK(!r.error().retryable());
    CHECK(r.error().to_string().find('4') != std::string::npos);
    CHECK(progress_calls == 4);
    CHECK(srv.requests.size() == 4);
    CHECK(sleeps.calls.size() == 3);
    CHECK(srv.replies.empty());
}

TEST_CASE("wait_for_batch_task: an empty list is not found at once") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    srv.push(200, list_json({}));
    int progress_calls = 0;
    auto r = c.wait_for_batch_task("J1", fast_options(3), [&](const ose::batch_job_info&) { ++progress_calls; });
    REQUIRE(!r.has_value());
    CHECK(r.error().code == ose::errc::not_found);
    CHECK(!r.error().trace_id.empty());
    CHECK(progress_calls == 0);
    CHECK(srv.requests.size() == 1);
    CHECK(sleeps.calls.empty());
}

TEST_CASE("wait_for_batch_task: a retryable failure counts as an attempt, polling goes on") {
    fake_server srv;
    auto c = make_client(fallible(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    srv.push(200, list_json({job_json("J1", 0)}));
    srv.push(503, "Service Unavailable");
    srv.push_failure("connection reset");
    srv.push(500, R"({"code":"500","msg":"internal"})");
    srv.push(200, list_json({job_json("J1", 2)}));
    std::vector<ose::job_status> seen;
    auto r =
        c.wait_for_batch_task("J1", fast_options(5), [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
    REQUIRE(r.has_value());
    CHECK(r->status == ose::job_status::completed);
    CHECK(seen == std::vector<ose::job_status>{ose::job_status::pending, ose::job_status::completed});
    CHECK(srv.requests.size() == 5);
    CHECK(sleeps.calls.size() == 4);

    SUBCASE("and counts against max_attempts") {
        fake_server srv2;
        auto c2 = make_client(plain(srv2));
        sleep_log sleeps2;
        c2.options().sleep = sleeps2.fn();
        srv2.push(503, "");
        srv2.push(200, list_json({job_json("J1", 1)}));
        srv2.push(429, "");
        auto r2 = c2.wait_for_batch_task("J1", fast_options(3));
        REQUIRE(!r2.has_value());
        CHECK(r2.error().kind == ose::error_kind::timed_out);
        CHECK(srv2.requests.size() == 3);
        CHECK(sleeps2.calls.size() == 2);
    }
}

TEST_CASE("wait_for_batch_task: a non-retryable error ends polling") {
    SUBCASE("401 API error") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(200, list_json({job_json("J1", 1)}));
        srv.push(401, R"({"code":"31084404","msg":"token expired"})");
        auto r = c.wait_for_batch_task("J1", fast_options());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::api_error);
        CHECK(r.error().http_status == 401);
        CHECK(r.error().api_code == "31084404");
        CHECK(srv.requests.size() == 2);
        CHECK(sleeps.calls.size() == 1);
    }
    SUBCASE("200 with an API error code") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(200, R"({"code":"APIGW.0301","msg":"auth"})");
        auto r = c.wait_for_batch_task("J1", fast_options());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::api_error);
        CHECK(r.error().api_code == "APIGW.0301");
        CHECK(srv.requests.size() == 1);
        CHECK(sleeps.calls.empty());
    }
    SUBCASE("a malformed response") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(200, "<html>");
        auto r = c.wait_for_batch_task("J1", fast_options());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::malformed_response);
        CHECK(srv.requests.size() == 1);
    }
    SUBCASE("404") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(404, "not found");
        auto r = c.wait_for_batch_task("J1", fast_options());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::http_error);
        CHECK(r.error().http_status == 404);
        CHECK(srv.requests.size() == 1);
    }
}

TEST_CASE("wait_for_share_task: 0 -> 1 -> 2") {
    fake_server srv;
    auto c = make_client(plain(srv));
    srv.push(200, share_json(0, 0));
    srv.push(200, share_json(1, 50));
    srv.push(200, share_json(2, 100));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    std::vector<std::pair<ose::job_status, std::int32_t>> seen;
    auto r = c.wait_for_share_task(share_query, fast_options(),
                                   [&](const ose::share_job_info& j) { seen.emplace_back(j.taskStatus, j.progress); });
    REQUIRE(r.has_value());
    CHECK(r->jobInfo.taskStatus == ose::job_status::completed);
    CHECK(r->jobInfo.progress == 100);
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == std::pair{ose::job_status::pending, 0});
    CHECK(seen[1] == std::pair{ose::job_status::processing, 50});
    CHECK(seen[2] == std::pair{ose::job_status::completed, 100});
    CHECK(sleeps.calls == std::vector<std::chrono::milliseconds>{1500ms, 1500ms});
    REQUIRE(srv.requests.size() == 3);
    const std::string body = ose::encode(share_query).value();
    for (const auto& req : srv.requests) {
        CHECK(req.target == "/koodrive/ose/v1/share/taskDetail");
        CHECK(req.body == body);
    }
}

TEST_CASE("wait_for_share_task: retryable failures, limits, fatal errors") {
    SUBCASE("a retryable failure counts as an attempt") {
        fake_server srv;
        auto c = make_client(fallible(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(200, share_json(1, 10));
        srv.push(502, "Bad Gateway");
        srv.push_failure("timeout");
        srv.push(200, share_json(3, 10));
        int calls = 0;
        auto r = c.wait_for_share_task(share_query, fast_options(), [&](const ose::share_job_info&) { ++calls; });
        REQUIRE(r.has_value());
        CHECK(r->jobInfo.taskStatus == ose::job_status::canceled);
        CHECK(calls == 2);
        CHECK(srv.requests.size() == 4);
        CHECK(sleeps.calls.size() == 3);
    }
    SUBCASE("gives up after max_attempts") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(200, share_json(0, 0));
        srv.push(504, "");
        srv.push(200, share_json(1, 50));
        auto r = c.wait_for_share_task(share_query, fast_options(3));
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::timed_out);
        CHECK(srv.requests.size() == 3);
        CHECK(sleeps.calls.size() == 2);
    }
    SUBCASE("a 401 ends polling with that error") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        srv.push(200, share_json(1, 50));
        srv.push(401, R"({"code":"401","msg":"Unauthorized"})");
        auto r = c.wait_for_share_task(share_query, fast_options());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::api_error);
        CHECK(r.error().http_status == 401);
        CHECK(srv.requests.size() == 2);
        CHECK(sleeps.calls.size() == 1);
    }
    SUBCASE("an invalid query ends polling at once") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        auto r = c.wait_for_share_task(ose::query_share_task_request{"", "S1", std::nullopt}, fast_options());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(srv.requests.empty());
        CHECK(sleeps.calls.empty());
    }
    SUBCASE("zero attempts") {
        fake_server srv;
        auto c = make_client(plain(srv));
        sleep_log sleeps;
        c.options().sleep = sleeps.fn();
        auto r = c.wait_for_share_task(share_query, fast_options(0));
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::timed_out);
        CHECK(srv.requests.empty());
    }
}

TEST_CASE("wait_for_batch_task: an empty task ID is refused, not matched") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    auto r = c.wait_for_batch_task("", fast_options());
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::invalid_request);
    CHECK(srv.requests.empty());
    CHECK(sleeps.calls.empty());
}

TEST_CASE("wait_for_batch_task: an invalid page size ends polling at once") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    auto options = fast_options();
    options.page_size = 0;
    auto r = c.wait_for_batch_task("J1", options);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::invalid_request);
    CHECK(r.error().path == "$.limit");
    CHECK(srv.requests.empty());
}

TEST_CASE("wait_for_batch_task: a status the table does not know is not final") {
    fake_server srv;
    auto c = make_client(plain(srv));
    sleep_log sleeps;
    c.options().sleep = sleeps.fn();
    srv.push(200, list_json({job_json("J1", 7)}));
    srv.push(200, list_json({job_json("J1", 2)}));
    std::vector<ose::job_status> seen;
    auto r =
        c.wait_for_batch_task("J1", fast_options(), [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
    REQUIRE(r.has_value());
    CHECK(seen == std::vector<ose::job_status>{static_cast<ose::job_status>(7), ose::job_status::completed});
}

}  // namespace client_tests
