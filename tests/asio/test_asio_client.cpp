// Tests for the Asio/Beast adapter: coroutine calls over loopback (127.0.0.1) against the
// simulator, which a small Beast server in this file serves on the same io_context.
#include <doctest/doctest.h>

#include <koodrive/ose/adapters/asio_client.hpp>
#include <koodrive/ose/adapters/beast_transport.hpp>

#include "../test_client_support.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <exception>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace client_test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using ose::adapters::asio_client;
using ose::adapters::beast_transport;

namespace {

constexpr auto tuple = asio::as_tuple(asio::use_awaitable);

// One connection: requests in, the simulator's replies out; a lost reply closes the connection.
asio::awaitable<void> serve_connection(asio::ip::tcp::socket socket, sim::simulator& server) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> in;
        auto [read_error, n] = co_await http::async_read(stream, buffer, in, tuple);
        if (read_error) co_return;
        ose::http_request request;
        request.method = std::string(in.method_string());
        request.target = std::string(in.target());
        for (const auto& f : in) request.headers.push_back({std::string(f.name_string()), std::string(f.value())});
        request.body = std::move(in.body());
        const ose::http_response reply = server(request);
        if (!reply.header(sim::simulator::lost_reply_header).empty()) co_return;  // closed, never answered
        http::response<http::string_body> out;
        out.result(static_cast<unsigned>(reply.status));
        out.version(11);
        for (const auto& h : reply.headers) out.insert(h.name, h.value);
        out.body() = reply.body;
        out.keep_alive(in.keep_alive());
        out.prepare_payload();
        auto [write_error, written] = co_await http::async_write(stream, out, tuple);
        if (write_error || !in.keep_alive()) co_return;
    }
}

asio::awaitable<void> accept_loop(asio::ip::tcp::acceptor& acceptor, sim::simulator& server) {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(tuple);
        if (ec) co_return;
        asio::co_spawn(acceptor.get_executor(), serve_connection(std::move(socket), server), asio::detached);
    }
}

// Accepts and never answers: a hung service.
asio::awaitable<void> silent_loop(asio::ip::tcp::acceptor& acceptor, std::vector<asio::ip::tcp::socket>& held) {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(tuple);
        if (ec) co_return;
        held.push_back(std::move(socket));
    }
}

void rethrow(const std::exception_ptr& e) {
    if (e) std::rethrow_exception(e);
}

struct loopback {
    manual_clock clock;
    sim::simulator server;
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
    std::vector<std::chrono::milliseconds> sleeps;

    explicit loopback(sim::simulator_options o = {}) : server(fixture::with_clock(std::move(o), clock)) {
        asio::co_spawn(io, accept_loop(acceptor, server), asio::detached);
    }

    [[nodiscard]] std::string port() const { return std::to_string(acceptor.local_endpoint().port()); }

    ose::environment env() {
        ose::environment e;
        e.clock = clock.source();
        e.random = test_support::seeded_random(9);
        return e;
    }

    // Waits move the manual clock; no real time passes.
    asio_client<> client(ose::client_options o = {}, std::chrono::milliseconds timeout = 10s) {
        return asio_client<>(beast_transport(io.get_executor(), "127.0.0.1", port(), timeout), user_settings(), env(),
                             std::move(o), [this](std::chrono::milliseconds d) -> asio::awaitable<void> {
                                 sleeps.push_back(d);
                                 clock.advance(d);
                                 co_return;
                             });
    }

    // Runs `body` to its end (bounded in real time), then stops the servers.
    template <class Body>
    void run(Body body) {
        bool finished = false;
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                co_await body();
                finished = true;
                io.stop();
            },
            rethrow);
        io.run_for(60s);
        REQUIRE(finished);
    }
};

}  // namespace

TEST_CASE("asio_client: create, list, query, wait and paging over loopback") {
    sim::simulator_options o;
    o.batch = {.pending = 1000ms, .processing = 2000ms};
    o.share = {.pending = 0ms, .processing = 2000ms};
    loopback net(o);
    auto c = net.client();
    net.run([&]() -> asio::awaitable<void> {
        auto created = co_await c.create_batch_task(a_copy());
        REQUIRE(created);
        std::vector<ose::job_status> seen;
        auto done = co_await c.wait_for_batch_task(
            created->data, {.max_attempts = 10, .interval = 1s, .page_size = 100, .max_pages = 10},
            [&](const ose::batch_job_info& j) { seen.push_back(j.status); });
        REQUIRE(done);
        CHECK(done->status == ose::job_status::completed);
        CHECK(seen == std::vector<ose::job_status>{ose::job_status::pending, ose::job_status::processing,
                                                   ose::job_status::processing, ose::job_status::completed});
        CHECK(net.sleeps == std::vector<std::chrono::milliseconds>{1s, 1s, 1s});

        for (int i = 0; i < 4; ++i) REQUIRE(co_await c.create_batch_task(a_copy()));
        std::vector<std::string> ids;
        auto listed = co_await c.for_each_batch_task({.offset = 0, .limit = 2, .type = {}, .status = {}},
                                                     [&](const ose::batch_job_info& j) { ids.push_back(j.taskId); });
        REQUIRE(listed);
        CHECK(*listed == 5);
        CHECK(ids.back() == created->data);  // the oldest, on the last page
        auto page = co_await c.list_batch_tasks({.offset = 0, .limit = 3, .type = {}, .status = {}});
        REQUIRE(page);
        CHECK(page->data.size() == 3);

        ose::create_share_task_request dump;
        dump.taskType = ose::share_task_type::dump;
        dump.containerId = "c";
        dump.fileIds = {"f1"};
        dump.shareId = "S1";
        dump.targetFileId = ose::file_id_info{"root", "c"};
        auto share = co_await c.create_share_task(dump);
        REQUIRE(share);
        // Named, not braced temporaries in the co_await expression: g++ 12 destroys those twice.
        const ose::query_share_task_request query{share->taskId, "S1", std::nullopt};
        auto now = co_await c.query_share_task(query);
        REQUIRE(now);
        auto finished =
            co_await c.wait_for_share_task(query, {.max_attempts = 10, .interval = 1s, .page_size = 1, .max_pages = 1});
        REQUIRE(finished);
        CHECK(finished->jobInfo.progress == 100);

        ose::create_task_request transfer;
        transfer.taskType = ose::transfer_task_type::batch_import;
        transfer.orgId = "o";
        transfer.orgUserId = "ou";
        CHECK(co_await c.create_task(transfer));
    });
    CHECK(net.server.stats().transfer_tasks == 1);
}

TEST_CASE("asio_client: many concurrent calls on one io_context") {
    loopback net;
    auto c = net.client();
    constexpr int calls = 40;
    int pending = calls;
    std::set<std::string> ids;
    int failures = 0;
    for (int i = 0; i < calls; ++i) {
        asio::co_spawn(
            net.io,
            [&]() -> asio::awaitable<void> {
                auto created = co_await c.create_batch_task(a_copy());
                auto page = co_await c.list_batch_tasks({.offset = 0, .limit = 5, .type = {}, .status = {}});
                if (created && page)
                    ids.insert(created->data);
                else
                    ++failures;
                if (--pending == 0) net.io.stop();
            },
            rethrow);
    }
    net.io.run_for(60s);
    CHECK(pending == 0);
    CHECK(failures == 0);
    CHECK(ids.size() == static_cast<std::size_t>(calls));
    CHECK(net.server.batch_jobs(user_settings().user_id).size() == static_cast<std::size_t>(calls));
}

TEST_CASE("asio_client: Retry-After on the injected clock, and clock skew, over the wire") {
    sim::simulator_options o;
    o.fault_retry_after = "2";
    o.clock_skew = -10s;
    loopback net(o);
    auto c = net.client();
    net.server.inject({.kind = sim::fault_kind::unavailable,
                       .only = sim::operation::list_batch_tasks,
                       .times = 1,
                       .every = 1,
                       .delay = {}});
    net.run([&]() -> asio::awaitable<void> {
        auto page = co_await c.list_batch_tasks(first_page);
        REQUIRE(page);
    });
    // 401 for X-Date (corrected at once, from Date), then 503 and a 2 s wait, then 200.
    CHECK(net.server.stats().unauthorized == 1);
    CHECK(c.clock_offset() == -10s);
    CHECK(net.sleeps == std::vector<std::chrono::milliseconds>{2s});
}

TEST_CASE("asio_client: a lost reply to a create leaves one job; a refused connection is safe to resend") {
    loopback net;
    ose::client_options opts;
    recording_observer seen;
    opts.watch = &seen;
    auto c = net.client(opts);
    net.server.inject({.kind = sim::fault_kind::reply_lost,
                       .only = sim::operation::create_batch_task,
                       .times = 1,
                       .every = 1,
                       .delay = {}});
    asio::ip::tcp::acceptor closed(net.io, {asio::ip::make_address("127.0.0.1"), 0});
    const std::string refused_port = std::to_string(closed.local_endpoint().port());
    closed.close();
    ose::retry_policy three;
    three.max_attempts = 3;
    ose::client_options retry_three;
    retry_three.retry = three;
    asio_client<> nowhere(beast_transport(net.io.get_executor(), "127.0.0.1", refused_port, 5s), user_settings(),
                          net.env(), retry_three,
                          [](std::chrono::milliseconds) -> asio::awaitable<void> { co_return; });
    net.run([&]() -> asio::awaitable<void> {
        auto lost = co_await c.create_batch_task(a_copy());
        REQUIRE(!lost);
        CHECK(lost.error().kind == ose::error_kind::transport_failure);
        CHECK(lost.error().retryable());
        CHECK(!lost.error().safe_to_resend());
        CHECK(!lost.error().trace_id.empty());

        auto refused = co_await nowhere.create_batch_task(a_copy());
        REQUIRE(!refused);
        CHECK(refused.error().safe_to_resend());
        CHECK(refused.error().message.find("beast: connect") != std::string::npos);
    });
    CHECK(net.server.batch_jobs(user_settings().user_id).size() == 1);
    CHECK(net.server.stats().requests == 1);
    CHECK(seen.lines.size() == 2);  // one send, one failure: not sent again
}

TEST_CASE("asio_client: a per-call timeout, and cancellation through a cancellation slot") {
    sim::simulator_options with_retry_after;
    with_retry_after.fault_retry_after = "60";
    loopback net(with_retry_after);
    asio::ip::tcp::acceptor hung(net.io, {asio::ip::make_address("127.0.0.1"), 0});
    std::vector<asio::ip::tcp::socket> held;
    asio::co_spawn(net.io, silent_loop(hung, held), asio::detached);
    const std::string hung_port = std::to_string(hung.local_endpoint().port());
    ose::client_options once;
    once.retry = ose::retry_policy::none();
    asio_client<> quick(beast_transport(net.io.get_executor(), "127.0.0.1", hung_port, 200ms), user_settings(),
                        net.env(), once);
    asio_client<> patient(beast_transport(net.io.get_executor(), "127.0.0.1", hung_port, 30s), user_settings(),
                          net.env(), once);

    SUBCASE("the transport's timeout") {
        net.run([&]() -> asio::awaitable<void> {
            const auto t0 = std::chrono::steady_clock::now();
            auto r = co_await quick.list_batch_tasks(first_page);
            REQUIRE(!r);
            CHECK(r.error().kind == ose::error_kind::transport_failure);
            CHECK(r.error().message.find("timed out") != std::string::npos);
            CHECK(std::chrono::steady_clock::now() - t0 < 20s);
        });
    }
    SUBCASE("a deadline already passed sends nothing") {
        net.run([&]() -> asio::awaitable<void> {
            ose::call_options call;
            call.deadline = net.clock.now();
            auto r = co_await patient.list_batch_tasks(first_page, call);
            REQUIRE(!r);
            CHECK(r.error().kind == ose::error_kind::timed_out);
        });
        CHECK(held.empty());
    }
    SUBCASE("a terminal cancellation ends a call waiting for a reply") {
        asio::cancellation_signal signal;
        std::optional<ose::result<ose::list_batch_tasks_response>> outcome;
        asio::co_spawn(net.io, patient.list_batch_tasks(first_page),
                       asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, auto r) {
                           rethrow(e);
                           outcome.emplace(std::move(r));
                           net.io.stop();
                       }));
        asio::steady_timer later(net.io, 100ms);
        later.async_wait([&](const boost::system::error_code&) { signal.emit(asio::cancellation_type::terminal); });
        const auto t0 = std::chrono::steady_clock::now();
        net.io.run_for(30s);
        REQUIRE(outcome);
        REQUIRE(!*outcome);
        CHECK(outcome->error().kind == ose::error_kind::canceled);
        CHECK(std::chrono::steady_clock::now() - t0 < 20s);
    }
    SUBCASE("and one waiting to retry") {
        net.server.inject({.kind = sim::fault_kind::unavailable, .only = {}, .times = 1, .every = 1, .delay = {}});
        ose::retry_policy slow;
        slow.budget = 0ms;  // a 60 s Retry-After is waited for
        ose::client_options o;
        o.retry = slow;
        // Real timers (no injected sleeper): the wait is an Asio steady_timer.
        asio_client<> waiting(beast_transport(net.io.get_executor(), "127.0.0.1", net.port(), 10s), user_settings(),
                              net.env(), o);
        asio::cancellation_signal signal;
        std::optional<ose::result<ose::list_batch_tasks_response>> outcome;
        asio::co_spawn(net.io, waiting.list_batch_tasks(first_page),
                       asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, auto r) {
                           rethrow(e);
                           outcome.emplace(std::move(r));
                           net.io.stop();
                       }));
        asio::steady_timer later(net.io, 300ms);
        later.async_wait([&](const boost::system::error_code&) { signal.emit(asio::cancellation_type::terminal); });
        net.io.run_for(30s);
        REQUIRE(outcome);
        REQUIRE(!*outcome);
        CHECK(outcome->error().kind == ose::error_kind::canceled);
        CHECK(net.server.stats().requests == 1);
    }
}
