// End-to-end over loopback: the simulator behind cpp-httplib on 127.0.0.1 (a port the OS
// chooses), the library's client in front of libcurl. Everything a real deployment has but
// the service itself: sockets, HTTP framing, keep-alive, threads.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/client.hpp>
#include <koodrive/ose/testing/simulator.hpp>

#include "../support/test_support.hpp"

#include <koodrive/ose/adapters/curl.hpp>
#include <koodrive/ose/adapters/httplib_client.hpp>
#include <koodrive/ose/adapters/httplib_server.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace ose = koodrive::ose;
using test_support::contains;
namespace sim = koodrive::ose::testing;
namespace ex = koodrive::ose::adapters;
using namespace std::chrono_literals;

namespace {

const std::chrono::system_clock::time_point start = test_support::fixed_now;
constexpr std::string_view token = "e2e-SECRET-token";
constexpr std::string_view user = "1684711050387378049";

sim::simulator_options sim_options() {
    sim::simulator_options o;
    o.access_token = token;
    o.clock = sim::fixed_clock(start);
    o.batch = {.pending = 2s, .processing = 8s};
    o.share = {.pending = 1s, .processing = 4s};
    return o;
}

ose::settings user_settings(std::string_view user_id = user) {
    ose::settings s;
    s.auth = ose::access_token{std::string(token)};
    s.user_id = user_id;
    s.agent_name = "e2e-carrier";
    s.host = "drive.example.com";
    return s;
}

ose::environment env_of(const sim::simulator& s) {
    ose::environment env;
    env.clock = s.clock();
    return env;
}

// The simulator on a loopback port.
struct served {
    sim::simulator simulator;
    ex::loopback_server http;
    explicit served(sim::simulator_options o = sim_options())
            : simulator(std::move(o)), http([this](const ose::http_request& r) { return simulator(r); }) {
        REQUIRE(http.ok());
    }
};

auto curl_client(served& s, ose::settings settings = user_settings()) {
    return ose::client(ex::curl_transport(s.http.base_url()), std::move(settings), env_of(s.simulator));
}

ose::create_batch_task_request a_copy(std::string container = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4") {
    auto copy = test_support::sample_batch_request();
    copy.dstContainerId = std::move(container);
    return copy;
}

ose::create_share_task_request a_dump(std::string share_id = "1689765568237837824") {
    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    dump.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"};
    dump.shareId = std::move(share_id);
    dump.kdstoken = "kds-SECRET-aea2968ec8cfac338cd4647f071c4464";
    dump.targetFileId = ose::file_id_info{"root", "IAABh_RdhS8bOg0cA1684711052660690818"};
    return dump;
}

// Sends again while the failure is retryable, at most `attempts` times.
template <class F>
auto with_retries(int attempts, F&& call) {
    auto r = call();
    for (int i = 1; i < attempts && !r && r.error().retryable(); ++i) r = call();
    return r;
}

}  // namespace

TEST_CASE("loopback: every endpoint through libcurl") {
    served s;
    auto client = curl_client(s);

    auto created = client.create_batch_task(a_copy());
    REQUIRE(created);
    auto page = client.list_batch_tasks(
        {.offset = 0, .limit = 10, .type = ose::batch_task_type::copy, .status = ose::job_status::pending});
    REQUIRE(page);
    REQUIRE(page->data.size() == 1);
    CHECK(page->data[0].taskId == created->data);
    CHECK(page->data[0].taskId.size() == 19);  // beyond 2^53, kept digit for digit

    auto share = client.create_share_task(a_dump());
    REQUIRE(share);
    auto detail =
        client.query_share_task({share->taskId, "1689765568237837824", "kds-SECRET-aea2968ec8cfac338cd4647f071c4464"});
    REQUIRE(detail);
    CHECK(detail->jobInfo.taskId == share->taskId);
    CHECK(detail->jobInfo.userId == user);

    auto task = client.create_task(test_support::sample_task_request());
    REQUIRE(task);
    CHECK_FALSE(task->taskId.empty());

    const auto st = s.simulator.stats();
    CHECK(st.requests == 5);
    CHECK(st.succeeded == 5);
}

TEST_CASE("loopback: the cpp-httplib client transport too") {
    served s;
    ose::client client(ex::httplib_transport(s.http.base_url()), user_settings(), env_of(s.simulator));
    REQUIRE(client.create_batch_task(a_copy()));
    auto page = client.list_batch_tasks({.offset = 0, .limit = 10, .type = {}, .status = {}});
    REQUIRE(page);
    CHECK(page->data.size() == 1);
    REQUIRE(client.create_task(test_support::sample_task_request()));  // sends its own Host header
    auto share = client.create_share_task(a_dump());
    REQUIRE(share);
    CHECK(
        client.query_share_task({share->taskId, "1689765568237837824", "kds-SECRET-aea2968ec8cfac338cd4647f071c4464"}));
}

TEST_CASE("loopback: polling a batch job and a share task to completion") {
    served s;
    auto client = curl_client(s);
    ose::poll_options poll;
    poll.interval = 1s;
    poll.max_attempts = 20;
    client.options().sleep = [&](std::chrono::milliseconds d, const std::stop_token&) { s.simulator.advance(d); };

    auto created = client.create_batch_task(a_copy());
    REQUIRE(created);
    std::vector<ose::job_status> seen;
    auto done = client.wait_for_batch_task(created->data, poll,
                                           [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
    REQUIRE(done);
    CHECK(done->status == ose::job_status::completed);
    CHECK(done->taskResultCode == ose::task_result::all_succeeded);
    CHECK(seen.size() == 11);  // 0 .. 10 s
    CHECK(seen[3] == ose::job_status::processing);

    auto share = client.create_share_task(a_dump());
    REQUIRE(share);
    std::vector<std::int32_t> progress;
    auto detail = client.wait_for_share_task(
        {share->taskId, "1689765568237837824", "kds-SECRET-aea2968ec8cfac338cd4647f071c4464"}, poll,
        [&](const ose::share_job_info& j) { progress.push_back(j.progress); });
    REQUIRE(detail);
    CHECK(detail->jobInfo.taskStatus == ose::job_status::completed);
    CHECK(progress == std::vector<std::int32_t>{0, 0, 25, 50, 75, 100});
    REQUIRE(detail->taskInfos.size() == 1);
    CHECK(detail->taskInfos[0].status == "1");
}

TEST_CASE("loopback: 401 and 400") {
    served s;
    auto wrong = user_settings();
    wrong.auth = ose::access_token{"e2e-SECRET-wrong"};
    auto intruder = curl_client(s, wrong);
    auto r = intruder.create_batch_task(a_copy());
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ose::error_kind::api_error);
    CHECK(r.error().http_status == 401);
    CHECK(r.error().api_code == "APIGW.0301");
    CHECK_FALSE(r.error().retryable());
    CHECK_FALSE(contains(r.error().to_string(), "SECRET"));

    // A raw request the library would never build: straight through libcurl.
    ex::curl_transport raw(s.http.base_url());
    auto env = env_of(s.simulator);
    auto request = ose::build_request(a_copy(), user_settings(), env);
    REQUIRE(request);
    request->body = R"({"taskType":1,"taskInfo":{"srcContainerId":"c","fileInfo":[{"fileId":"f"}],"newFilePath":"p"},)"
                    R"("dstContainerId":"d","password":"pw-SECRET-hunter2"})";
    auto reply = raw(*request);
    REQUIRE(reply);
    CHECK(reply->status == 400);
    CHECK_FALSE(contains(reply->body, "SECRET"));
    auto e = ose::read_response<ose::create_batch_task_request>(*reply);
    REQUIRE_FALSE(e);
    CHECK(e.error().api_code == "13000102");
    CHECK(e.error().api_msg.starts_with("Verify parameters failed."));
    CHECK(contains(e.error().api_msg, "$.password"));

    // The list query is checked too.
    auto list = ose::build_request(ose::list_batch_tasks_request{.offset = 0, .limit = 1, .type = {}, .status = {}},
                                   user_settings(), env);
    REQUIRE(list);
    list->target = "/koodrive/ose/v1/jobs?offset=-1&limit=1";
    reply = raw(*list);
    REQUIRE(reply);
    CHECK(reply->status == 400);
    CHECK(contains(reply->body, "$.offset"));

    // An unknown path.
    list->target = "/koodrive/ose/v1/elsewhere";
    reply = raw(*list);
    REQUIRE(reply);
    CHECK(reply->status == 404);
}

TEST_CASE("loopback: retries over injected faults") {
    served s;
    auto client = curl_client(s);

    s.simulator.inject({.kind = sim::fault_kind::internal_error, .only = {}, .times = 2, .every = 1, .delay = {}});
    s.simulator.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 1, .every = 1, .delay = {}});
    std::vector<int> statuses;
    auto created = with_retries(5, [&] {
        auto r = client.create_batch_task(a_copy());
        statuses.push_back(r ? 200 : r.error().http_status);
        return r;
    });
    REQUIRE(created);
    CHECK(statuses == std::vector<int>{500, 500, 503, 200});
    CHECK(s.simulator.stats().batch_jobs == 1);  // the failed attempts created nothing

    // 503 with HTML through real HTTP: an HTTP error with a safe snippet.
    s.simulator.inject({.kind = sim::fault_kind::unavailable,
                        .only = sim::operation::create_task,
                        .times = 1,
                        .every = 1,
                        .delay = {}});
    auto t = client.create_task(test_support::sample_task_request());
    REQUIRE_FALSE(t);
    CHECK(t.error().kind == ose::error_kind::http_error);
    CHECK(contains(t.error().body_snippet, "503 Service Temporarily Unavailable"));

    // A truncated body arrives whole at the HTTP level, and is a malformed response.
    s.simulator.inject({.kind = sim::fault_kind::truncated_body, .only = {}, .times = 1, .every = 1, .delay = {}});
    auto share = client.create_share_task(a_dump());
    REQUIRE_FALSE(share);
    CHECK(share.error().kind == ose::error_kind::malformed_response);

    // A slow reply: the simulator's clock moves by the delay, no real waiting.
    const auto before = s.simulator.now();
    s.simulator.inject({.kind = sim::fault_kind::slow_reply, .only = {}, .times = 1, .every = 1, .delay = 30s});
    REQUIRE(client.create_task(test_support::sample_task_request()));
    CHECK(s.simulator.now() - before == 30s);

    // Polling counts 5xx as attempts and carries on.
    created = client.create_batch_task(a_copy());
    REQUIRE(created);
    s.simulator.inject({.kind = sim::fault_kind::internal_error,
                        .only = sim::operation::list_batch_tasks,
                        .times = 4,
                        .every = 2,
                        .delay = {}});
    ose::poll_options poll;
    poll.interval = 1s;
    poll.max_attempts = 40;
    client.options().sleep = [&](std::chrono::milliseconds d, const std::stop_token&) { s.simulator.advance(d); };
    auto done = client.wait_for_batch_task(created->data, poll);
    REQUIRE(done);
    CHECK(done->status == ose::job_status::completed);
    CHECK(s.simulator.pending_faults() == 0);
}

TEST_CASE("loopback: a closed port is a transport failure that is safe to resend") {
    int port = 0;
    {
        served s;
        port = s.http.port();
    }  // stopped: nothing listens there any more (the port stays free in practice)
    ose::environment env;
    env.clock = sim::fixed_clock(start);
    ose::client client(ex::curl_transport("http://127.0.0.1:" + std::to_string(port),
                                          [] {
                                              ex::curl_options o;
                                              o.connect_timeout = 2s;
                                              o.total_timeout = 2s;
                                              return o;
                                          }()),
                       user_settings(), env, [] {
                           ose::client_options o;
                           o.retry = ose::retry_policy::none();  // the failure itself, not a retry of it
                           return o;
                       }());
    auto r = client.create_task(test_support::sample_task_request());
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ose::error_kind::transport_failure);
    CHECK(r.error().retryable());
    CHECK(r.error().safe_to_resend());  // refused: the request never left
    CHECK(contains(r.error().to_string(), "curl: "));
}

TEST_CASE("loopback: app-signed requests are verified") {
    auto o = sim_options();
    o.app_id = "e2e-app";
    o.app_secret = "app-SECRET-0123456789abcdef";
    served s(o);
    ose::settings signed_settings = user_settings();
    signed_settings.auth = ose::app_credentials{"e2e-app", "app-SECRET-0123456789abcdef"};
    auto client = curl_client(s, signed_settings);
    auto created = client.create_batch_task(a_copy());
    REQUIRE(created);
    auto page = client.list_batch_tasks({.offset = 0, .limit = 5, .type = {}, .status = {}});  // a signed query string
    REQUIRE(page);
    CHECK(page->data.size() == 1);
    REQUIRE(client.create_task(test_support::sample_task_request()));

    auto forged = signed_settings;
    std::get<ose::app_credentials>(forged.auth).app_secret = "app-SECRET-guessed";
    auto intruder = curl_client(s, forged);
    auto r = intruder.create_batch_task(a_copy());
    REQUIRE_FALSE(r);
    CHECK(r.error().http_status == 401);
    CHECK(contains(r.error().api_msg, "signature"));
    CHECK_FALSE(contains(r.error().to_string(), "SECRET"));
}

TEST_CASE("loopback: load from several threads loses and corrupts nothing") {
    auto o = sim_options();
    served s(o);
    // Some 5xx along the way, retried by the clients.
    s.simulator.inject({.kind = sim::fault_kind::internal_error, .only = {}, .times = 40, .every = 37, .delay = {}});

    constexpr int threads = 4;
    constexpr int rounds = 250;  // 4 requests a round: 4000 requests, plus the retries and checks
    std::atomic<int> failures{0};
    std::vector<std::map<std::string, std::string>> jobs(threads);    // task ID -> dstContainerId
    std::vector<std::map<std::string, std::string>> shares(threads);  // task ID -> shareId
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            const std::string me = "user-" + std::to_string(t);
            auto client = curl_client(s, user_settings(me));
            auto& my_jobs = jobs[static_cast<std::size_t>(t)];
            auto& my_shares = shares[static_cast<std::size_t>(t)];
            for (int i = 0; i < rounds; ++i) {
                const std::string tag = me + "-" + std::to_string(i);
                auto job = with_retries(5, [&] { return client.create_batch_task(a_copy("container-" + tag)); });
                if (!job) {
                    ++failures;
                    continue;
                }
                my_jobs[job->data] = "container-" + tag;
                auto share = with_retries(5, [&] { return client.create_share_task(a_dump("share-" + tag)); });
                if (!share) {
                    ++failures;
                    continue;
                }
                my_shares[share->taskId] = "share-" + tag;
                auto detail = with_retries(5, [&] {
                    return client.query_share_task(
                        {share->taskId, "share-" + tag, "kds-SECRET-aea2968ec8cfac338cd4647f071c4464"});
                });
                if (!detail || detail->jobInfo.taskId != share->taskId || detail->jobInfo.userId != me) ++failures;
                auto page = with_retries(
                    5, [&] { return client.list_batch_tasks({.offset = 0, .limit = 1, .type = {}, .status = {}}); });
                if (!page || page->data.size() != 1 || page->data[0].taskId != job->data ||
                    page->data[0].containerId != "container-" + tag)
                    ++failures;
            }
        });
    }
    for (auto& th : pool) th.join();
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    const auto st = s.simulator.stats();
    MESSAGE("load: " << st.requests << " requests from " << threads << " threads in "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");
    CHECK(failures.load() == 0);
    CHECK(elapsed < 20s);
    CHECK(st.faults == 40);
    CHECK(st.requests == threads * rounds * 4 + 40);
    CHECK(st.batch_jobs == threads * rounds);
    CHECK(st.share_tasks == threads * rounds);

    // Every job is there, once, under its user, with what was sent.
    for (int t = 0; t < threads; ++t) {
        const std::string me = "user-" + std::to_string(t);
        const auto& mine = jobs[static_cast<std::size_t>(t)];
        CHECK(mine.size() == rounds);
        std::map<std::string, std::string> listed;
        auto c = curl_client(s, user_settings(me));
        for (std::int64_t offset = 0;; offset += 100) {
            auto page = c.list_batch_tasks({.offset = offset, .limit = 100, .type = {}, .status = {}});
            REQUIRE(page);
            for (const auto& j : page->data) CHECK(listed.emplace(j.taskId, j.containerId).second);
            if (page->data.size() < 100) break;
        }
        CHECK(listed == mine);
        for (const auto& [id, share_id] : shares[static_cast<std::size_t>(t)]) {
            auto v = s.simulator.share_task(id);
            REQUIRE(v);
            CHECK(v->jobInfo.userId == me);
        }
    }
}
