// Tests for koodrive/ose/request_builder.hpp: build_request for the five endpoints.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>

#include "support/test_support.hpp"

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ose = koodrive::ose;
using test_support::contains;
using test_support::fixed_env;
using test_support::fixed_now;
using test_support::sample_batch_request;
using test_support::sample_list_request;
using test_support::sample_query_request;
using test_support::sample_share_request;
using test_support::sample_task_request;
using namespace std::chrono_literals;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace request_builder_tests {

namespace {

ose::settings full_settings() {
    ose::settings s;
    s.auth = ose::access_token{"tok"};
    s.user_id = "1397687227244555008";
    s.agent_name = "carrier";
    s.host = "api.example.com:443";
    s.language = "en-US";
    s.share_folder_id = "folder1";
    return s;
}

std::set<std::string> header_names(const ose::http_request& r) {
    std::set<std::string> names;
    for (const auto& h : r.headers) names.insert(h.name);
    return names;
}

bool has_header(const ose::http_request& r, std::string_view name) {
    for (const auto& h : r.headers)
        if (ose::iequals(h.name, name)) return true;
    return false;
}

bool is_trace_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

void check_trace_id(std::string_view id) {
    CHECK(id.size() == 58);
    for (char c : id) CHECK(is_trace_char(c));
}

// Builds `m` with settings `s` and a fresh fixed environment.
template <class M>
ose::result<ose::http_request> build(const M& m, const ose::settings& s) {
    auto env = fixed_env();
    return ose::build_request(m, s, env);
}

// Every header sent once, every value free of injection.
void check_well_formed(const ose::http_request& r) {
    CHECK(header_names(r).size() == r.headers.size());
    for (const auto& h : r.headers) {
        CHECK(!h.value.empty());
        CHECK(ose::check_header_value(h.name, h.value).has_value());
    }
}

}  // namespace

TEST_CASE("build_request: create batch task (1)") {
    const auto m = sample_batch_request();
    auto r = build(m, full_settings());
    REQUIRE(r.has_value());
    CHECK(r->method == "POST");
    CHECK(r->target == "/koodrive/ose/v1/jobs");
    CHECK(header_names(*r) == std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Traceid", "language",
                                                    "x-hw-share-folder-id", "Content-Type"});
    check_well_formed(*r);
    CHECK(r->header("Authorization") == "Bearer+tok");
    CHECK(r->header("X-User-Id") == "1397687227244555008");
    CHECK(r->header("X-Date") == "20251103T070140Z");
    check_trace_id(r->header("X-Traceid"));
    CHECK(r->header("language") == "en-US");
    CHECK(r->header("x-hw-share-folder-id") == "folder1");
    CHECK(r->header("Content-Type") == "application/json");
    auto body = ose::encode(m);
    REQUIRE(body.has_value());
    CHECK(r->body == *body);
    CHECK(!r->body.empty());
}

TEST_CASE("build_request: list batch tasks (2)") {
    SUBCASE("offset and limit only") {
        auto r = build(sample_list_request(), full_settings());
        REQUIRE(r.has_value());
        CHECK(r->method == "GET");
        CHECK(r->target == "/koodrive/ose/v1/jobs?offset=0&limit=2");
        CHECK(r->body.empty());
        CHECK(header_names(*r) ==
              std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Traceid", "language"});
        check_well_formed(*r);
        CHECK(r->header("Authorization") == "Bearer+tok");
        CHECK(r->header("X-Date") == "20251103T070140Z");
        CHECK(!has_header(*r, "Content-Type"));
    }
    SUBCASE("with type and status, in the order offset, limit, type, status") {
        ose::list_batch_tasks_request m{.offset = 1234567890123,
                                        .limit = 100,
                                        .type = ose::batch_task_type::remove,
                                        .status = ose::job_status::canceled};
        auto r = build(m, full_settings());
        REQUIRE(r.has_value());
        CHECK(r->target == "/koodrive/ose/v1/jobs?offset=1234567890123&limit=100&type=2&status=3");
        CHECK(r->body.empty());
    }
    SUBCASE("status only") {
        ose::list_batch_tasks_request m{.offset = 4, .limit = 2, .type = {}, .status = ose::job_status::pending};
        auto r = build(m, full_settings());
        REQUIRE(r.has_value());
        CHECK(r->target == "/koodrive/ose/v1/jobs?offset=4&limit=2&status=0");
    }
    SUBCASE("type only") {
        ose::list_batch_tasks_request m{
            .offset = 0, .limit = 1, .type = ose::batch_task_type::clear_recycle_bin, .status = {}};
        auto r = build(m, full_settings());
        REQUIRE(r.has_value());
        CHECK(r->target == "/koodrive/ose/v1/jobs?offset=0&limit=1&type=7");
    }
    SUBCASE("an invalid query is rejected with its path") {
        ose::list_batch_tasks_request m{.offset = 0, .limit = 0, .type = {}, .status = {}};
        auto r = build(m, full_settings());
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().path == "$.limit");
        m.limit = 101;
        r = build(m, full_settings());
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.limit");
        m.limit = 2;
        m.offset = -1;
        r = build(m, full_settings());
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.offset");
        m.offset = 0;
        m.type = static_cast<ose::batch_task_type>(8);
        r = build(m, full_settings());
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.type");
    }
    SUBCASE("offset and limit have no default: unset, they are required") {
        ose::list_batch_tasks_request m;
        auto r = build(m, full_settings());
        REQUIRE(!r.has_value());
        CHECK(r.error().to_string() == "invalid request at $.offset: required");
        m.offset = 0;
        r = build(m, full_settings());
        REQUIRE(!r.has_value());
        CHECK(r.error().to_string() == "invalid request at $.limit: required");
    }
}

TEST_CASE("build_request: create share task (3)") {
    const auto m = sample_share_request();
    auto r = build(m, full_settings());
    REQUIRE(r.has_value());
    CHECK(r->method == "POST");
    CHECK(r->target == "/koodrive/ose/v1/share/tasks");
    CHECK(header_names(*r) ==
          std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Traceid", "X-Hw-Agentname", "Content-Type"});
    check_well_formed(*r);
    CHECK(r->header("Authorization") == "Bearer+tok");
    CHECK(r->header("X-Hw-Agentname") == "carrier");
    CHECK(r->header("Content-Type") == "application/json");
    auto body = ose::encode(m);
    REQUIRE(body.has_value());
    CHECK(r->body == *body);
}

TEST_CASE("build_request: create task (4)") {
    const auto m = sample_task_request();
    SUBCASE("with a token") {
        auto r = build(m, full_settings());
        REQUIRE(r.has_value());
        CHECK(r->method == "POST");
        CHECK(r->target == "/koodrive/ose/v1/task/create");
        CHECK(header_names(*r) == std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Traceid", "language",
                                                        "Host", "Content-Type"});
        check_well_formed(*r);
        CHECK(r->header("Authorization") == "Bearer+tok");
        CHECK(r->header("Host") == "api.example.com:443");
        CHECK(r->header("language") == "en-US");
        auto body = ose::encode(m);
        REQUIRE(body.has_value());
        CHECK(r->body == *body);
    }
    SUBCASE("without a token: no Authorization") {
        auto s = full_settings();
        s.auth = ose::access_token{};
        auto r = build(m, s);
        REQUIRE(r.has_value());
        CHECK(!has_header(*r, "Authorization"));
        CHECK(header_names(*r) ==
              std::set<std::string>{"X-User-Id", "X-Date", "X-Traceid", "language", "Host", "Content-Type"});
    }
    SUBCASE("Host is required") {
        auto s = full_settings();
        s.host.clear();
        auto r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().code == ose::errc::invalid_header);
        CHECK(r.error().path == "Host");
        CHECK(contains(r.error().to_string(), "Host"));
    }
    SUBCASE("Host forms") {
        for (const char* host : {"example.com", "10.0.0.1:8080", "[::1]", "[2001:db8::1]:443"}) {
            CAPTURE(host);
            auto s = full_settings();
            s.host = host;
            auto r = build(m, s);
            REQUIRE(r.has_value());
            CHECK(r->header("Host") == host);
        }
        for (const char* host : {"exa mple.com", "example.com:", "example.com:65536", "[::1", "256.1.1.1", "a/b"}) {
            CAPTURE(host);
            auto s = full_settings();
            s.host = host;
            auto r = build(m, s);
            REQUIRE(!r.has_value());
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "Host");
        }
    }
}

TEST_CASE("build_request: query share task (5)") {
    const auto m = sample_query_request();
    auto r = build(m, full_settings());
    REQUIRE(r.has_value());
    CHECK(r->method == "POST");
    CHECK(r->target == "/koodrive/ose/v1/share/taskDetail");
    CHECK(header_names(*r) ==
          std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Traceid", "X-Hw-Agentname", "Content-Type"});
    check_well_formed(*r);
    CHECK(r->header("Authorization") == "Bearer+tok");
    CHECK(r->header("X-Hw-Agentname") == "carrier");
    auto body = ose::encode(m);
    REQUIRE(body.has_value());
    CHECK(r->body == *body);
}

TEST_CASE("build_request: minimal settings send only the required headers") {
    ose::settings s;
    s.auth = ose::access_token{"tok"};
    s.user_id = "u1";
    s.generate_trace_id = false;
    {
        auto r = build(sample_batch_request(), s);
        REQUIRE(r.has_value());
        CHECK(header_names(*r) == std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "Content-Type"});
    }
    {
        auto r = build(sample_list_request(), s);
        REQUIRE(r.has_value());
        CHECK(header_names(*r) == std::set<std::string>{"Authorization", "X-User-Id", "X-Date"});
    }
    s.agent_name = "agent";
    {
        auto r = build(sample_share_request(), s);
        REQUIRE(r.has_value());
        CHECK(header_names(*r) ==
              std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Hw-Agentname", "Content-Type"});
    }
    {
        auto r = build(sample_query_request(), s);
        REQUIRE(r.has_value());
        CHECK(header_names(*r) ==
              std::set<std::string>{"Authorization", "X-User-Id", "X-Date", "X-Hw-Agentname", "Content-Type"});
    }
    s.host = "example.com";
    s.auth = ose::access_token{};
    {
        auto r = build(sample_task_request(), s);
        REQUIRE(r.has_value());
        CHECK(header_names(*r) == std::set<std::string>{"X-User-Id", "X-Date", "Host", "Content-Type"});
    }
}

TEST_CASE("build_request: required settings") {
    SUBCASE("Authorization is required for 1, 2, 3 and 5") {
        auto s = full_settings();
        s.auth = ose::access_token{};
        auto check_missing = [](const ose::result<ose::http_request>& r) {
            REQUIRE(!r.has_value());
            CHECK(r.error().kind == ose::error_kind::invalid_request);
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "Authorization");
            CHECK(contains(r.error().to_string(), "Authorization"));
        };
        check_missing(build(sample_batch_request(), s));
        check_missing(build(sample_list_request(), s));
        check_missing(build(sample_share_request(), s));
        check_missing(build(sample_query_request(), s));
        CHECK(build(sample_task_request(), s).has_value());
    }
    SUBCASE("X-User-Id is required everywhere") {
        auto s = full_settings();
        s.user_id.clear();
        auto check_missing = [](const ose::result<ose::http_request>& r) {
            REQUIRE(!r.has_value());
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "X-User-Id");
            CHECK(contains(r.error().to_string(), "X-User-Id"));
        };
        check_missing(build(sample_batch_request(), s));
        check_missing(build(sample_list_request(), s));
        check_missing(build(sample_share_request(), s));
        check_missing(build(sample_task_request(), s));
        check_missing(build(sample_query_request(), s));
    }
    SUBCASE("X-Hw-Agentname is required for 3 and 5") {
        auto s = full_settings();
        s.agent_name.clear();
        auto check_missing = [](const ose::result<ose::http_request>& r) {
            REQUIRE(!r.has_value());
            CHECK(r.error().kind == ose::error_kind::invalid_request);
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "X-Hw-Agentname");
            CHECK(contains(r.error().to_string(), "X-Hw-Agentname"));
        };
        check_missing(build(sample_share_request(), s));
        check_missing(build(sample_query_request(), s));
        CHECK(build(sample_batch_request(), s).has_value());
        CHECK(build(sample_list_request(), s).has_value());
        CHECK(build(sample_task_request(), s).has_value());
    }
}

TEST_CASE("build_request: optional headers only when set") {
    auto s = full_settings();
    s.language.clear();
    s.share_folder_id.clear();
    auto r1 = build(sample_batch_request(), s);
    REQUIRE(r1.has_value());
    CHECK(!has_header(*r1, "language"));
    CHECK(!has_header(*r1, "x-hw-share-folder-id"));
    auto r2 = build(sample_list_request(), s);
    REQUIRE(r2.has_value());
    CHECK(!has_header(*r2, "language"));
    auto r4 = build(sample_task_request(), s);
    REQUIRE(r4.has_value());
    CHECK(!has_header(*r4, "language"));

    SUBCASE("language forms") {
        for (const char* lang : {"en-US", "en_us", "zh-Hans-CN", "x"}) {
            CAPTURE(lang);
            s.language = lang;
            auto r = build(sample_batch_request(), s);
            REQUIRE(r.has_value());
            CHECK(r->header("language") == lang);
        }
        for (const char* lang : {"en US", "en.US", "en-US;q=1", "abcdefghijklmnopqrstuvwxyz0123456789"}) {
            CAPTURE(lang);
            s.language = lang;
            auto r = build(sample_task_request(), s);
            REQUIRE(!r.has_value());
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "language");
        }
    }
}

TEST_CASE("build_request: settings are shared, unused ones are ignored") {
    auto s = full_settings();
    // Endpoint 1 does not send agent name or host; 2 sends neither folder, agent nor host;
    // 3 and 5 send neither language, folder nor host; 4 neither folder nor agent.
    auto r1 = build(sample_batch_request(), s);
    REQUIRE(r1.has_value());
    CHECK(!has_header(*r1, "X-Hw-Agentname"));
    CHECK(!has_header(*r1, "Host"));
    auto r2 = build(sample_list_request(), s);
    REQUIRE(r2.has_value());
    CHECK(!has_header(*r2, "X-Hw-Agentname"));
    CHECK(!has_header(*r2, "Host"));
    CHECK(!has_header(*r2, "x-hw-share-folder-id"));
    for (const auto& r : {build(sample_share_request(), s), build(sample_query_request(), s)}) {
        REQUIRE(r.has_value());
        CHECK(!has_header(*r, "language"));
        CHECK(!has_header(*r, "x-hw-share-folder-id"));
        CHECK(!has_header(*r, "Host"));
    }
    auto r4 = build(sample_task_request(), s);
    REQUIRE(r4.has_value());
    CHECK(!has_header(*r4, "X-Hw-Agentname"));
    CHECK(!has_header(*r4, "x-hw-share-folder-id"));

    SUBCASE("a malformed setting an endpoint does not use does not fail it") {
        auto bad = full_settings();
        bad.agent_name = "bad\r\nX: y";
        bad.host = "bad host";
        CHECK(build(sample_batch_request(), bad).has_value());
        CHECK(build(sample_list_request(), bad).has_value());
        bad = full_settings();
        bad.language = "bad lang";
        bad.share_folder_id = "bad\n";
        CHECK(build(sample_share_request(), bad).has_value());
        CHECK(build(sample_query_request(), bad).has_value());
    }
}

TEST_CASE("build_request: X-Traceid") {
    const auto m = sample_batch_request();
    SUBCASE("generated, 58 characters, a new one per request") {
        auto env = fixed_env(7);
        auto s = full_settings();
        auto a = ose::build_request(m, s, env);
        auto b = ose::build_request(m, s, env);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        check_trace_id(a->header("X-Traceid"));
        check_trace_id(b->header("X-Traceid"));
        CHECK(a->header("X-Traceid") != b->header("X-Traceid"));
    }
    SUBCASE("comes from the injected random source") {
        auto env1 = fixed_env(99);
        auto env2 = fixed_env(99);
        auto env3 = fixed_env(100);
        auto s = full_settings();
        auto a = ose::build_request(m, s, env1);
        auto b = ose::build_request(m, s, env2);
        auto c = ose::build_request(m, s, env3);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        REQUIRE(c.has_value());
        CHECK(a->header("X-Traceid") == b->header("X-Traceid"));
        CHECK(a->header("X-Traceid") != c->header("X-Traceid"));
    }
    SUBCASE("fixed by the settings") {
        auto s = full_settings();
        s.trace_id = std::string(29, 'a') + std::string(28, 'Z') + "_";
        REQUIRE(s.trace_id.size() == 58);
        auto a = build(m, s);
        auto b = build(sample_list_request(), s);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(a->header("X-Traceid") == s.trace_id);
        CHECK(b->header("X-Traceid") == s.trace_id);
        s.generate_trace_id = false;  // a fixed one is still sent
        auto c = build(m, s);
        REQUIRE(c.has_value());
        CHECK(c->header("X-Traceid") == s.trace_id);
    }
    SUBCASE("absent when generation is off and none is given") {
        auto s = full_settings();
        s.generate_trace_id = false;
        for (const auto& r :
             {build(sample_batch_request(), s), build(sample_list_request(), s), build(sample_share_request(), s),
              build(sample_task_request(), s), build(sample_query_request(), s)}) {
            REQUIRE(r.has_value());
            CHECK(!has_header(r.value(), "X-Traceid"));
        }
    }
    SUBCASE("a malformed trace ID is rejected") {
        for (const std::string& id : {std::string(57, 'a'), std::string(59, 'a'), std::string(57, 'a') + "-",
                                      std::string(57, 'a') + " ", std::string(56, 'a') + "\r\n"}) {
            CAPTURE(id);
            auto s = full_settings();
            s.trace_id = id;
            auto r = build(m, s);
            REQUIRE(!r.has_value());
            CHECK(r.error().kind == ose::error_kind::invalid_request);
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "X-Traceid");
        }
    }
}

TEST_CASE("build_request: X-Date") {
    const auto m = sample_list_request();
    SUBCASE("from the clock, sub-seconds dropped") {
        auto env = fixed_env(1, fixed_now + 999ms);
        auto r = ose::build_request(m, full_settings(), env);
        REQUIRE(r.has_value());
        CHECK(r->header("X-Date") == "20251103T070140Z");
    }
    SUBCASE("the clock is read per request") {
        std::chrono::system_clock::time_point now = fixed_now;
        ose::environment env;
        env.clock = [&now] { return now; };
        env.random = test_support::seeded_random(1);
        auto a = ose::build_request(m, full_settings(), env);
        now += 61s;
        auto b = ose::build_request(m, full_settings(), env);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(a->header("X-Date") == "20251103T070140Z");
        CHECK(b->header("X-Date") == "20251103T070241Z");
    }
    SUBCASE("a caller-supplied value is checked against the clock") {
        auto with_date = [&](const char* x_date) {
            auto s = full_settings();
            s.x_date = x_date;
            return build(m, s);
        };
        auto now = with_date("20251103T070140Z");
        REQUIRE(now.has_value());
        CHECK(now->header("X-Date") == "20251103T070140Z");
        auto old = with_date("20251103T064640Z");  // exactly 15:00 before
        REQUIRE(old.has_value());
        CHECK(old->header("X-Date") == "20251103T064640Z");
        for (const char* bad : {"20251103T064639Z",  // 15:01 before
                                "20251103T070141Z",  // 1 s in the future
                                "20251103T070140",   // no Z
                                "20251103 070140Z",  // no T
                                "20251103t070140z",  // lower case
                                "20251131T070140Z",  // no such date
                                "20251103T070140Z\r\n"}) {
            CAPTURE(bad);
            auto r = with_date(bad);
            REQUIRE(!r.has_value());
            CHECK(r.error().kind == ose::error_kind::invalid_request);
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "X-Date");
        }
    }
    SUBCASE("exactly now passes when the clock has a fraction of a second") {
        auto env = fixed_env(1, fixed_now + 500ms);
        auto s = full_settings();
        s.x_date = "20251103T070140Z";
        CHECK(ose::build_request(m, s, env).has_value());
    }
}

TEST_CASE("build_request: token schemes") {
    const auto m = sample_query_request();
    auto auth = [&](const std::string& token, ose::token_scheme scheme = ose::token_scheme::bearer_plus) {
        auto s = full_settings();
        s.auth = ose::access_token{token, scheme};
        auto r = build(m, s);
        REQUIRE(r.has_value());
        return std::string(r->header("Authorization"));
    };
    CHECK(auth("tok") == "Bearer+tok");
    CHECK(auth("10f88d07fa44791e9ff") == "Bearer+10f88d07fa44791e9ff");
    CHECK(auth("Bearer+013b") == "Bearer+013b");
    CHECK(auth("Bearer 013b") == "Bearer 013b");
    CHECK(auth("AT 013b") == "AT 013b");
    CHECK(auth("AT+013b") == "AT+013b");
    CHECK(auth("tok", ose::token_scheme::bearer_space) == "Bearer tok");
    CHECK(auth("Bearer+013b", ose::token_scheme::bearer_space) == "Bearer+013b");
    CHECK(auth("AT 013b", ose::token_scheme::bearer_space) == "AT 013b");
    CHECK(auth("tok", ose::token_scheme::verbatim) == "tok");
    CHECK(auth("Custom abc", ose::token_scheme::verbatim) == "Custom abc");
    // Only the known schemes, case-sensitively: anything else gets the prefix.
    CHECK(auth("bearer+x") == "Bearer+bearer+x");
    CHECK(auth("ATx") == "Bearer+ATx");
    // The token itself is visible ASCII: no space after the scheme, and not empty.
    for (const char* bad : {"abc def", "Bearer+abc def", "Bearer ", "Bearer+", "AT ", "AT+", "AT  abc"}) {
        CAPTURE(bad);
        for (auto scheme : {ose::token_scheme::bearer_plus, ose::token_scheme::bearer_space}) {
            auto s = full_settings();
            s.auth = ose::access_token{bad, scheme};
            auto r = build(m, s);
            REQUIRE(!r.has_value());
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "Authorization");
        }
    }
    // A verbatim value is the whole header and may carry its own scheme.
    CHECK(auth("HMAC-SHA256 AppId=1,SignedHeaders=host;x-date;x-user-id,Signature=ab", ose::token_scheme::verbatim) ==
          "HMAC-SHA256 AppId=1,SignedHeaders=host;x-date;x-user-id,Signature=ab");
    // The scheme applies to the optional Authorization of endpoint 4 as well.
    auto s = full_settings();
    std::get<ose::access_token>(s.auth).scheme = ose::token_scheme::bearer_space;
    auto r = build(sample_task_request(), s);
    REQUIRE(r.has_value());
    CHECK(r->header("Authorization") == "Bearer tok");
}

TEST_CASE("build_request: header injection in any setting is refused") {
    const std::vector<std::string> bad_values = {
        "ab\rcd",
        "ab\ncd",
        "ab\r\nX-Injected: 1",
        std::string("ab\0cd", 5),
        "ab\tcd",
        "ab\x7f"
        "cd",
        "ab\xc3\xa9"
        "cd",
        "ab\x80",
        " abcd",
        "abcd ",
        "\x1b[31m",
    };
    struct setting_case {
        const char* name;
        std::string ose::settings::*member;
        const char* header;
    };
    const setting_case cases[] = {
        {"token", nullptr, "Authorization"},  // in settings::auth
        {"user id", &ose::settings::user_id, "X-User-Id"},
        {"agent name", &ose::settings::agent_name, "X-Hw-Agentname"},
        {"host", &ose::settings::host, "Host"},
        {"language", &ose::settings::language, "language"},
        {"share folder id", &ose::settings::share_folder_id, "x-hw-share-folder-id"},
        {"trace id", &ose::settings::trace_id, "X-Traceid"},
    };
    for (const auto& c : cases) {
        for (const auto& value : bad_values) {
            CAPTURE(c.name);
            CAPTURE(value.size());
            auto s = full_settings();
            if (c.member)
                s.*c.member = value;
            else
                s.auth = ose::access_token{value};
            std::vector<ose::result<ose::http_request>> results;
            const std::string_view h = c.header;
            // Every endpoint that uses this setting.
            if (h != "X-Hw-Agentname" && h != "Host") results.push_back(build(sample_batch_request(), s));
            if (h == "Authorization" || h == "X-User-Id" || h == "language" || h == "X-Traceid")
                results.push_back(build(sample_list_request(), s));
            if (h == "Authorization" || h == "X-User-Id" || h == "X-Hw-Agentname" || h == "X-Traceid") {
                results.push_back(build(sample_share_request(), s));
                results.push_back(build(sample_query_request(), s));
            }
            if (h != "X-Hw-Agentname" && h != "x-hw-share-folder-id")
                results.push_back(build(sample_task_request(), s));
            REQUIRE(!results.empty());
            for (const auto& r : results) {
                REQUIRE(!r.has_value());
                CHECK(r.error().kind == ose::error_kind::invalid_request);
                CHECK(r.error().code == ose::errc::invalid_header);
                CHECK(r.error().path == c.header);
                const std::string text = r.error().to_string();
                CHECK(text.find('\n') == std::string::npos);
                CHECK(text.find('\r') == std::string::npos);
            }
        }
    }
}

TEST_CASE("build_request: an error never shows the token") {
    const std::string secret = "S3CRETTOKEN";
    for (const std::string& token : {secret + "\r\nX: y", secret + " ", " " + secret, secret + std::string(1, '\0'),
                                     secret + "\xc3\xa9", "Bearer+" + secret + "\n", secret + "\t1"}) {
        CAPTURE(token.size());
        auto s = full_settings();
        s.auth = ose::access_token{token};
        for (const auto& r :
             {build(sample_batch_request(), s), build(sample_list_request(), s), build(sample_share_request(), s),
              build(sample_task_request(), s), build(sample_query_request(), s)}) {
            REQUIRE(!r.has_value());
            CHECK(r.error().code == ose::errc::invalid_header);
            CHECK(r.error().path == "Authorization");
            const std::string text = r.error().to_string();
            CHECK(text.find(secret) == std::string::npos);
            CHECK(r.error().message.find(secret) == std::string::npos);
            CHECK(r.error().path.find(secret) == std::string::npos);
            CHECK(r.error().body_snippet.find(secret) == std::string::npos);
        }
    }
    SUBCASE("nor does a failure elsewhere in a request with a good token") {
        auto s = full_settings();
        s.auth = ose::access_token{secret};
        s.host = "bad host";
        auto r = build(sample_task_request(), s);
        REQUIRE(!r.has_value());
        CHECK(r.error().to_string().find(secret) == std::string::npos);
    }
}

TEST_CASE("build_request: an invalid message is rejected with its JSON path") {
    const auto s = full_settings();
    SUBCASE("create batch task") {
        auto m = sample_batch_request();
        m.taskInfo.fileInfo.push_back({std::nullopt, std::string("/a/b")});
        auto r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().path == "$.taskInfo.fileInfo[1].fileId");
        m = sample_batch_request();
        m.password = "pw-S3CRET";
        r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.password");
        CHECK(r.error().to_string().find("pw-S3CRET") == std::string::npos);
        m = sample_batch_request();
        m.dstContainerId.clear();
        r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.dstContainerId");
    }
    SUBCASE("create share task") {
        auto m = sample_share_request();
        m.fileIds.clear();
        auto r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().path == "$.fileIds");
        m = sample_share_request();
        m.zipName = "a.zip";
        r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.zipName");
    }
    SUBCASE("create task") {
        auto m = sample_task_request();
        m.dstUserId.reset();
        auto r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().path == "$.dstUserId");
        m = sample_task_request();
        m.orgId = "org";
        r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().path == "$.orgId");
    }
    SUBCASE("query share task") {
        auto m = sample_query_request();
        m.shareId.clear();
        auto r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().path == "$.shareId");
        m = sample_query_request();
        m.kdstoken = std::string("KDS\xffSECRET");
        r = build(m, s);
        REQUIRE(!r.has_value());
        CHECK(r.error().to_string().find("SECRET") == std::string::npos);
    }
}

TEST_CASE("build_request: the environment is a pure input") {
    // Same message, settings, clock and seed: the same request, byte for byte.
    auto env1 = fixed_env(5);
    auto env2 = fixed_env(5);
    auto a = ose::build_request(sample_batch_request(), full_settings(), env1);
    auto b = ose::build_request(sample_batch_request(), full_settings(), env2);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(a->method == b->method);
    CHECK(a->target == b->target);
    CHECK(a->body == b->body);
    REQUIRE(a->headers.size() == b->headers.size());
    for (std::size_t i = 0; i < a->headers.size(); ++i) {
        CHECK(a->headers[i].name == b->headers[i].name);
        CHECK(a->headers[i].value == b->headers[i].value);
    }
}

}  // namespace request_builder_tests
