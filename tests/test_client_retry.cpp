// Tests for the client's retries (retry.hpp, call_machine.hpp) against the simulator: which
// failures are sent again, how long the client waits, and when it stops.
#include <doctest/doctest.h>

#include "test_client_support.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

using namespace client_test;
using namespace std::chrono_literals;

TEST_CASE("backoff_delay: full jitter under an exponential ceiling, capped") {
    ose::retry_policy p;
    p.base_delay = 100ms;
    p.max_delay = 1000ms;
    // The random bits pick a point in [0, ceiling]: all-ones bits modulo (ceiling + 1).
    CHECK(ose::backoff_delay(p, 1, 100) == 100ms);
    CHECK(ose::backoff_delay(p, 1, 101) == 0ms);
    CHECK(ose::backoff_delay(p, 2, 200) == 200ms);
    CHECK(ose::backoff_delay(p, 3, 400) == 400ms);
    CHECK(ose::backoff_delay(p, 4, 800) == 800ms);
    CHECK(ose::backoff_delay(p, 5, 1000) == 1000ms);   // capped: 1600 > 1000
    CHECK(ose::backoff_delay(p, 60, 1000) == 1000ms);  // no overflow for a high retry count
    auto random = test_support::seeded_random(3);
    std::int64_t low = 1000, high = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto d = ose::backoff_delay(p, 3, random()).count();
        CHECK(d >= 0);
        CHECK(d <= 400);
        low = std::min(low, d);
        high = std::max(high, d);
    }
    CHECK(low < 40);  // spread over the whole range: full jitter, not "ceiling plus noise"
    CHECK(high > 360);
    p.base_delay = 0ms;
    CHECK(ose::backoff_delay(p, 3, 12345) == 0ms);
}

TEST_CASE("parse_retry_after: seconds or an HTTP date") {
    const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{784111777}};  // 06 Nov 1994 08:49:37
    CHECK(ose::parse_retry_after("2", now) == 2000ms);
    CHECK(ose::parse_retry_after("0", now) == 0ms);
    CHECK(ose::parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now) == 10000ms);
    CHECK(ose::parse_retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now) == 0ms);  // in the past: no wait
    CHECK(!ose::parse_retry_after("", now));
    CHECK(!ose::parse_retry_after("-1", now));
    CHECK(!ose::parse_retry_after("1.5", now));
    CHECK(!ose::parse_retry_after("9999999999", now));                      // more digits than any sane wait
    CHECK(!ose::parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now));  // obsolete RFC 850 form
    CHECK(!ose::parse_retry_after("Mon, 06 Nov 1994 08:49:37 GMT", now));   // wrong weekday
}

TEST_CASE("HTTP dates: format and parse round trip") {
    const auto t = std::chrono::system_clock::time_point{std::chrono::seconds{784111777}};
    CHECK(ose::format_http_date(t) == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(ose::format_http_date(t + 500ms) == "Sun, 06 Nov 1994 08:49:37 GMT");
    auto back = ose::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
    REQUIRE(back);
    CHECK(*back == std::chrono::sys_seconds{std::chrono::seconds{784111777}});
    CHECK(ose::format_http_date(std::chrono::system_clock::time_point{}) == "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK(ose::format_http_date(std::chrono::system_clock::time_point{std::chrono::seconds{951782400}}) ==
          "Tue, 29 Feb 2000 00:00:00 GMT");
    for (const char* bad :
         {"Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT",
          "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT"}) {
        CAPTURE(bad);
        auto r = ose::parse_http_date(bad);
        REQUIRE(!r);
        CHECK(r.error().path == "Date");
    }
}

TEST_CASE("retry: a 503 with Retry-After: 2 waits exactly 2 s on the injected clock") {
    sim::simulator_options o;
    o.fault_retry_after = "2";
    fixture f(o);
    f.server.inject({.kind = sim::fault_kind::unavailable,
                     .only = sim::operation::list_batch_tasks,
                     .times = 1,
                     .every = 1,
                     .delay = {}});
    auto c = f.make_client(f.options());
    const auto before = f.clock.now();
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(r);
    CHECK(f.sleeps == std::vector<std::chrono::milliseconds>{2000ms});
    CHECK(f.clock.now() - before == 2s);
    CHECK(f.server.stats().requests == 2);
}

TEST_CASE("retry: Retry-After as an HTTP date") {
    sim::simulator_options o;
    o.fault_retry_after = ose::format_http_date(manual_clock{}.now() + 7s);
    fixture f(o);
    auto c = f.make_client(f.options());
    f.server.inject({.kind = sim::fault_kind::internal_error,
                     .only = sim::operation::list_batch_tasks,
                     .times = 1,
                     .every = 1,
                     .delay = {}});
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(r);
    CHECK(f.sleeps == std::vector<std::chrono::milliseconds>{7000ms});
}

TEST_CASE("retry: without Retry-After, backoff with jitter, up to max_attempts") {
    fixture f;
    ose::retry_policy p;
    p.max_attempts = 3;
    p.base_delay = 100ms;
    p.max_delay = 150ms;
    p.budget = 0ms;
    auto c = f.make_client(f.options(p));
    f.server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 5, .every = 1, .delay = {}});
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(!r);
    CHECK(r.error().http_status == 503);
    CHECK(f.server.stats().requests == 3);
    REQUIRE(f.sleeps.size() == 2);
    CHECK(f.sleeps[0] <= 100ms);
    CHECK(f.sleeps[1] <= 150ms);
}

TEST_CASE("retry: the budget ends retries") {
    sim::simulator_options o;
    o.fault_retry_after = "2";
    fixture f(o);
    ose::retry_policy p;
    p.max_attempts = 100;
    p.budget = 5s;
    auto c = f.make_client(f.options(p));
    f.server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 50, .every = 1, .delay = {}});
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(!r);
    CHECK(r.error().http_status == 503);
    // Sends at 0 s, 2 s and 4 s; a third wait would end at 6 s, past the 5 s budget.
    CHECK(f.server.stats().requests == 3);
    CHECK(f.sleeps == std::vector<std::chrono::milliseconds>{2000ms, 2000ms});
}

TEST_CASE("retry: a create whose reply is lost after the job was made leaves exactly one job") {
    for (const bool as_reset : {true, false}) {
        CAPTURE(as_reset);
        fixture f;
        auto transport = [&](const ose::http_request& r) -> ose::result<ose::http_response> {
            ose::http_response reply = f.server(r);
            if (as_reset && !reply.header(sim::simulator::lost_reply_header).empty())
                return ose::transport_error("connection reset by peer");
            return reply;  // else the gateway's 502
        };
        ose::client c(transport, user_settings(), f.env(), f.options());
        f.server.inject({.kind = sim::fault_kind::reply_lost,
                         .only = sim::operation::create_batch_task,
                         .times = 1,
                         .every = 1,
                         .delay = {}});
        auto r = c.create_batch_task(a_copy());
        REQUIRE(!r);
        CHECK(r.error().retryable());        // a read would be sent again ...
        CHECK(!r.error().safe_to_resend());  // ... a create may have been applied
        CHECK(r.error().kind == (as_reset ? ose::error_kind::transport_failure : ose::error_kind::http_error));
        CHECK(f.server.batch_jobs(user_settings().user_id).size() == 1);
        CHECK(f.server.stats().requests == 1);
        CHECK(f.sleeps.empty());
    }
}

TEST_CASE("retry: the caller may opt in to resending creates, and then may get two jobs") {
    fixture f;
    ose::retry_policy p;
    p.resend_creates_that_may_have_been_applied = true;
    auto c = f.make_client(f.options(p));
    f.server.inject({.kind = sim::fault_kind::reply_lost,
                     .only = sim::operation::create_batch_task,
                     .times = 1,
                     .every = 1,
                     .delay = {}});
    auto r = c.create_batch_task(a_copy());
    REQUIRE(r);
    CHECK(f.server.batch_jobs(user_settings().user_id).size() == 2);  // the risk the opt-in accepts
}

TEST_CASE("retry: a create that certainly was not sent is sent again") {
    fixture f;
    int refused = 2;
    auto transport = [&](const ose::http_request& r) -> ose::result<ose::http_response> {
        if (refused > 0) {
            --refused;
            return ose::transport_error("connection refused", /*not_sent=*/true);
        }
        return f.server(r);
    };
    ose::client c(transport, user_settings(), f.env(), f.options());
    auto r = c.create_batch_task(a_copy());
    REQUIRE(r);
    CHECK(refused == 0);
    CHECK(f.sleeps.size() == 2);
    CHECK(f.server.batch_jobs(user_settings().user_id).size() == 1);

    SUBCASE("a refused connection's error says it is safe to resend") {
        auto e = ose::transport_error("connection refused", true);
        CHECK(e.retryable());
        CHECK(e.safe_to_resend());
        CHECK(!ose::transport_error("timeout").safe_to_resend());
    }
}

TEST_CASE("retry: reads are sent again after a reset, creates are not") {
    fixture f;
    int resets = 1;
    auto transport = [&](const ose::http_request& r) -> ose::result<ose::http_response> {
        if (resets > 0) {
            --resets;
            (void)f.server(r);  // served, then the connection dies
            return ose::transport_error("connection reset by peer");
        }
        return f.server(r);
    };
    ose::client c(transport, user_settings(), f.env(), f.options());
    auto listed = c.list_batch_tasks(first_page);
    CHECK(listed);
    CHECK(f.sleeps.size() == 1);
}

TEST_CASE("retry: 400 and 401 are not sent again") {
    fixture f;
    auto c = f.make_client(f.options());
    auto bad = a_copy();
    bad.dstContainerId = "";
    // Invalid before sending: nothing goes out.
    auto r = c.create_batch_task(bad);
    REQUIRE(!r);
    CHECK(r.error().kind == ose::error_kind::invalid_request);
    CHECK(f.server.stats().requests == 0);
    CHECK(!r.error().trace_id.empty());
}

TEST_CASE("deadline: none left, nothing is sent; a wait past it is not started") {
    sim::simulator_options o;
    o.fault_retry_after = "5";
    fixture f(o);
    auto c = f.make_client(f.options());
    ose::call_options call;
    call.deadline = f.clock.now();
    auto r = c.list_batch_tasks(first_page, call);
    REQUIRE(!r);
    CHECK(r.error().kind == ose::error_kind::timed_out);
    CHECK(r.error().code == ose::errc::timeout);
    CHECK(!r.error().trace_id.empty());
    CHECK(f.server.stats().requests == 0);

    f.server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 1, .every = 1, .delay = {}});
    call.deadline = f.clock.now() + 3s;
    r = c.list_batch_tasks(first_page, call);
    REQUIRE(!r);
    CHECK(r.error().http_status == 503);  // the failure that could not be retried in time
    CHECK(f.sleeps.empty());
    CHECK(f.server.stats().requests == 1);
}

TEST_CASE("cancellation: a stop before the call, and during a wait") {
    fixture f;
    auto c = f.make_client(f.options());
    std::stop_source stop;
    stop.request_stop();
    auto r = c.list_batch_tasks(first_page, {.deadline = {}, .stop = stop.get_token()});
    REQUIRE(!r);
    CHECK(r.error().kind == ose::error_kind::canceled);
    CHECK(r.error().code == ose::errc::canceled);
    CHECK(f.server.stats().requests == 0);

    // The sleeper sees a stop requested while it waits (as a real one would wake up).
    std::stop_source during;
    c.options().sleep = [&](std::chrono::milliseconds, const std::stop_token&) { during.request_stop(); };
    f.server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 1, .every = 1, .delay = {}});
    r = c.list_batch_tasks(first_page, {.deadline = {}, .stop = during.get_token()});
    REQUIRE(!r);
    CHECK(r.error().kind == ose::error_kind::canceled);
    CHECK(f.server.stats().requests == 1);
}

TEST_CASE("blocking_sleep: wakes up when stop is requested") {
    std::stop_source stop;
    std::thread stopper([&] {
        std::this_thread::sleep_for(20ms);
        stop.request_stop();
    });
    const auto t0 = std::chrono::steady_clock::now();
    ose::blocking_sleep(60s, stop.get_token());
    const auto waited = std::chrono::steady_clock::now() - t0;
    stopper.join();
    CHECK(waited < 30s);  // far less than 60 s even on a loaded machine
    const auto t1 = std::chrono::steady_clock::now();
    ose::blocking_sleep(20ms, {});
    CHECK(std::chrono::steady_clock::now() - t1 >= 20ms);
}

TEST_CASE("clock skew: a client whose clock runs fast follows the service's Date once") {
    for (const std::chrono::milliseconds skew : {-30000ms, -1000ms, 1200000ms}) {
        CAPTURE(skew.count());
        sim::simulator_options o;
        o.clock_skew = skew;  // the service's clock relative to the client's
        fixture f(o);
        recording_observer seen;
        auto opts = f.options();
        opts.watch = &seen;
        auto c = f.make_client(opts);
        auto r = c.list_batch_tasks(first_page);
        REQUIRE(r);
        CHECK(f.server.stats().unauthorized == 1);
        CHECK(c.clock_offset() == skew);
        CHECK(f.sleeps.empty());
        REQUIRE(seen.lines.size() >= 3);
        CHECK(seen.lines[2].find("X-Date") != std::string::npos);
        // Later calls are right the first time.
        REQUIRE(c.list_batch_tasks(first_page));
        CHECK(f.server.stats().unauthorized == 1);
    }
}

TEST_CASE("clock skew: without a Date header the 401 stands") {
    sim::simulator_options o;
    o.clock_skew = -30s;
    o.send_date = false;
    fixture f(o);
    auto c = f.make_client(f.options());
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(!r);
    CHECK(r.error().http_status == 401);
    CHECK(f.server.stats().requests == 1);
    CHECK(c.clock_offset() == 0ms);
}

TEST_CASE("clock skew: a request built before another call corrected the clock is sent once more") {
    // Two calls in flight: this one built its X-Date without a correction, another one then
    // learned it. By the time the service answers this one with 401, its Date may already have
    // passed our stale X-Date, so the Date alone shows nothing wrong.
    manual_clock clock;
    ose::environment env;
    env.clock = clock.source();
    ose::client_state state(user_settings(), env, ose::client_options{});
    const auto message = a_copy();
    ose::call_machine<ose::create_batch_task_request> call(state, message, {});
    REQUIRE(call.next() == ose::call_step::send);
    const std::string stale = std::string(call.request().header("X-Date"));
    CHECK(stale == ose::format_x_date(clock.now()));

    state.set_clock_offset(-5s);  // what the other call learned
    ose::http_response unauthorized{401,
                                    {{"Date", ose::format_http_date(clock.now())}},
                                    R"({"code":"APIGW.0301","msg":"Incorrect authentication information."})"};
    call.on_reply(unauthorized);
    REQUIRE(call.next() == ose::call_step::send);
    CHECK(call.request().header("X-Date") == ose::format_x_date(clock.now() - 5s));
    CHECK(call.attempt() == 2);

    // Once only: the same 401 again ends the call with it.
    call.on_reply(unauthorized);
    REQUIRE(call.next() == ose::call_step::done);
    auto r = call.take_result();
    REQUIRE(!r);
    CHECK(r.error().http_status == 401);
    CHECK(state.clock_offset() == -5s);
}

TEST_CASE("token provider: asked again once after a 401") {
    sim::simulator_options o;
    o.access_token = "tok-SECRET-new";
    fixture f(o);
    std::vector<bool> asked;
    auto opts = f.options();
    opts.token = [&](bool refresh) -> ose::result<std::string> {
        asked.push_back(refresh);
        return std::string(refresh ? "tok-SECRET-new" : "tok-SECRET-old");
    };
    auto c = f.make_client(opts);
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(r);
    CHECK(asked == std::vector<bool>{false, true});
    CHECK(f.server.stats().unauthorized == 1);

    SUBCASE("only once: a second 401 is the answer") {
        asked.clear();
        c.options().token = [&](bool refresh) -> ose::result<std::string> {
            asked.push_back(refresh);
            return std::string("tok-SECRET-wrong");
        };
        auto again = c.list_batch_tasks(first_page);
        REQUIRE(!again);
        CHECK(again.error().http_status == 401);
        CHECK(asked == std::vector<bool>{false, true});
        CHECK(again.error().to_string().find("SECRET") == std::string::npos);
    }
    SUBCASE("a provider's failure ends the call with it") {
        c.options().token = [](bool) -> ose::result<std::string> {
            return ose::transport_error("token endpoint unreachable");
        };
        auto failed = c.list_batch_tasks(first_page);
        REQUIRE(!failed);
        CHECK(failed.error().message == "token endpoint unreachable");
        CHECK(!failed.error().trace_id.empty());
    }
}

TEST_CASE("observer: requests, responses, retries and poll progress, with the trace ID") {
    sim::simulator_options o;
    o.batch = {.pending = 1000ms, .processing = 2000ms};
    o.fault_retry_after = "1";
    fixture f(o);
    recording_observer seen;
    auto opts = f.options();
    opts.watch = &seen;
    auto c = f.make_client(opts);
    f.server.inject({.kind = sim::fault_kind::unavailable,
                     .only = sim::operation::create_batch_task,
                     .times = 1,
                     .every = 1,
                     .delay = {}});
    // A 503 is not "certainly not applied", so the create is not resent by default.
    auto failed = c.create_batch_task(a_copy());
    REQUIRE(!failed);
    REQUIRE(seen.lines.size() == 2);
    CHECK(seen.lines[0] == "sent POST #1");
    CHECK(seen.lines[1] == "received 503 after 0 ms");
    CHECK(failed.error().trace_id == seen.traces[0]);
    CHECK(failed.error().to_string().find("[trace " + seen.traces[0] + "]") != std::string::npos);
    seen.lines.clear();
    seen.traces.clear();

    f.server.inject({.kind = sim::fault_kind::unavailable,
                     .only = sim::operation::list_batch_tasks,
                     .times = 1,
                     .every = 1,
                     .delay = {}});
    auto created = c.create_batch_task(a_copy());
    REQUIRE(created);
    auto done = c.wait_for_batch_task(created->data,
                                      {.max_attempts = 10, .interval = 1000ms, .page_size = 100, .max_pages = 10});
    REQUIRE(done);
    CHECK(done->status == ose::job_status::completed);
    const std::vector<std::string> expected = {
        "sent POST #1",
        "received 200 after 0 ms",
        "sent GET #1",  // first look: a 503, retried after Retry-After
        "received 503 after 0 ms",
        "retry",
        "sent GET #2",
        "received 200 after 0 ms",
        "progress " + created->data + " 1 -1",  // at 1 s: processing
        "sent GET #1",
        "received 200 after 0 ms",
        "progress " + created->data + " 1 -1",  // at 2 s
        "sent GET #1",
        "received 200 after 0 ms",
        "progress " + created->data + " 2 -1",  // at 3 s: completed
    };
    REQUIRE(seen.lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        if (i == 4)
            CHECK(seen.lines[i].starts_with("retry #2 in 1000 ms: HTTP error (HTTP 503)"));
        else
            CHECK(seen.lines[i] == expected[i]);
    }
    // One trace ID per call, the same on its retry.
    CHECK(seen.traces[2] == seen.traces[6]);
    CHECK(seen.traces[2] != seen.traces[8]);
    CHECK(seen.traces[0] != seen.traces[2]);
}

TEST_CASE("trace ID: every error of a call carries it, generated or fixed") {
    fixture f;
    auto s = user_settings();
    s.trace_id = std::string(58, 'A');
    auto c = f.make_client(f.options(ose::retry_policy::none()), s);
    f.server.inject({.kind = sim::fault_kind::internal_error, .only = {}, .times = 1, .every = 1, .delay = {}});
    auto r = c.list_batch_tasks(first_page);
    REQUIRE(!r);
    CHECK(r.error().trace_id == s.trace_id);
    auto missing = c.wait_for_batch_task("999", {});
    REQUIRE(!missing);
    CHECK(missing.error().code == ose::errc::not_found);
    CHECK(missing.error().trace_id == s.trace_id);
}
