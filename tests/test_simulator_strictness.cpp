// The simulator's strictness, in-process: a single-valued header sent twice is 400, the
// Authorization scheme matches in any case but the token only exactly, a body over the limit is
// 413, and 404/405 carry the API's JSON error body (405 with Allow).
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/testing/simulator.hpp>

#include "support/test_support.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;
using test_support::contains;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace simulator_strictness_tests {

namespace {

const std::chrono::system_clock::time_point t0 = test_support::fixed_now;
constexpr std::string_view token = "tok-SECRET-0123456789";
constexpr std::string_view user = "1684711050387378049";

sim::simulator_options options() {
    sim::simulator_options o;
    o.access_token = token;
    o.user_id = user;
    o.clock = sim::fixed_clock(t0);
    return o;
}

ose::settings settings() {
    ose::settings s;
    s.auth = ose::access_token{std::string(token)};
    s.user_id = user;
    s.agent_name = "demo-carrier";
    s.host = "drive.example.com";
    s.trace_id = std::string(58, 'T');
    return s;
}

template <class Request>
ose::http_request built(const Request& m, const ose::settings& s = settings()) {
    ose::environment env;
    env.clock = sim::fixed_clock(t0);
    auto r = ose::build_request(m, s, env);
    REQUIRE(r);
    return *r;
}

void set_header(ose::http_request& r, std::string_view name, std::string value) {
    for (auto& h : r.headers)
        if (ose::iequals(h.name, name)) h.value = std::move(value);
}

}  // namespace

TEST_CASE("simulator strictness: a single-valued header sent twice is 400, naming it") {
    sim::simulator server(options());
    const auto good = built(test_support::sample_task_request());
    REQUIRE(server(good).status == 200);
    for (const std::string_view name : {"Authorization", "X-User-Id", "X-Date", "X-Traceid", "Host", "Content-Type"}) {
        CAPTURE(name);
        auto twice = good;
        const std::string value(twice.header(name));
        REQUIRE_FALSE(value.empty());
        twice.headers.push_back({std::string(name), value});  // even the same value twice
        const auto reply = server(twice);
        CHECK(reply.status == 400);
        CHECK(contains(reply.body, "13000102"));
        CHECK(contains(reply.body, std::string(name)));
        CHECK(contains(reply.body, "more than once"));
        CHECK_FALSE(contains(reply.body, "SECRET"));
    }
    // Another spelling of the name is the same header.
    auto lower = good;
    lower.headers.push_back({"authorization", std::string(good.header("Authorization"))});
    CHECK(server(lower).status == 400);
    // A second Authorization that differs: refused too, not "the first wins".
    auto smuggled = good;
    smuggled.headers.push_back({"Authorization", "Bearer+someone-else"});
    CHECK(server(smuggled).status == 400);
}

TEST_CASE("simulator strictness: the auth scheme in any case, the token exactly") {
    sim::simulator server(options());
    auto r = built(test_support::sample_task_request());
    for (const std::string scheme : {"Bearer+", "Bearer ", "bearer+", "BEARER ", "bEaReR+"}) {
        CAPTURE(scheme);
        set_header(r, "Authorization", scheme + std::string(token));
        CHECK(server(r).status == 200);
    }
    for (const std::string& wrong : {std::string("Bearer+TOK-SECRET-0123456789"), std::string("Bearer+") + "tok",
                                     std::string("Bearer+") + std::string(token) + "x", std::string("Basic ") + "dG9r",
                                     std::string(token), std::string("Bearer") + std::string(token)}) {
        CAPTURE(wrong);
        set_header(r, "Authorization", wrong);
        const auto reply = server(r);
        CHECK(reply.status == 401);
        CHECK_FALSE(contains(reply.body, "SECRET"));
    }

    // Signed requests: HMAC-SHA256 in any case; the signature itself exactly.
    auto o = options();
    o.app_id = "demo-app";
    o.app_secret = "app-SECRET-0123456789";
    sim::simulator signer(o);
    auto s = settings();
    s.auth = ose::app_credentials{"demo-app", "app-SECRET-0123456789"};
    auto signed_request = built(test_support::sample_task_request(), s);
    const std::string auth(signed_request.header("Authorization"));
    REQUIRE(auth.starts_with("HMAC-SHA256 "));
    CHECK(signer(signed_request).status == 200);
    set_header(signed_request, "Authorization", "hmac-sha256 " + auth.substr(12));
    CHECK(signer(signed_request).status == 200);
    std::string tampered = auth;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    set_header(signed_request, "Authorization", "Hmac-Sha256 " + tampered.substr(12));
    CHECK(signer(signed_request).status == 401);
}

TEST_CASE("simulator strictness: a body over the limit is 413 with the JSON error body") {
    auto o = options();
    o.limits.max_input_bytes = 1024;
    sim::simulator server(o);
    auto r = built(test_support::sample_task_request());
    REQUIRE(server(r).status == 200);
    r.body.insert(r.body.size() - 1, ",\"pad\":\"" + std::string(1100, 'x') + "\"");
    const auto reply = server(r);
    CHECK(reply.status == 413);
    CHECK(reply.header("Content-Type") == "application/json");
    CHECK(reply.body == R"({"code":"413","msg":"Payload too large."})");
    // Authentication comes first: a stranger learns nothing about sizes.
    set_header(r, "Authorization", "Bearer+nope");
    CHECK(server(r).status == 401);
}

TEST_CASE("simulator strictness: 404 and 405 with JSON bodies; 405 names the allowed methods") {
    sim::simulator server(options());
    auto r = built(test_support::sample_task_request());
    r.target = "/koodrive/ose/v1/nothing";
    auto reply = server(r);
    CHECK(reply.status == 404);
    CHECK(reply.body == R"({"code":"404","msg":"Not found."})");

    for (const std::string method : {"GET", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PATCH"}) {
        CAPTURE(method);
        auto m = built(test_support::sample_task_request());
        m.method = method;
        reply = server(m);
        CHECK(reply.status == 405);
        CHECK(reply.header("Allow") == "POST");
        CHECK(reply.body == R"({"code":"405","msg":"Method not allowed."})");
    }
    auto jobs = built(test_support::sample_task_request());
    jobs.target = "/koodrive/ose/v1/jobs";
    jobs.method = "PUT";
    reply = server(jobs);
    CHECK(reply.status == 405);
    CHECK(reply.header("Allow") == "GET, POST");
}

}  // namespace simulator_strictness_tests
