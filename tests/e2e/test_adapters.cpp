// The supported adapters over loopback: what the hardened cpp-httplib server refuses and how
// (413 before the body, 400/414/431/408 with the JSON error body, a port in use), and the
// client transports' timeouts, body limits and proxy handling. Raw bytes go through a plain
// socket, so that nothing on the client side fixes them up.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/adapters/curl.hpp>
#include <koodrive/ose/adapters/httplib_client.hpp>
#include <koodrive/ose/adapters/httplib_server.hpp>
#include <koodrive/ose/client.hpp>
#include <koodrive/ose/testing/simulator.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;
namespace ad = koodrive::ose::adapters;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view token = "adapter-SECRET-token";
constexpr std::string_view user = "1684711050387378049";

sim::simulator_options sim_options() {
    sim::simulator_options o;
    o.access_token = token;
    return o;
}

ose::settings user_settings() {
    ose::settings s;
    s.auth = ose::access_token{std::string(token)};
    s.user_id = user;
    s.agent_name = "e2e-carrier";
    s.host = "drive.example.com";
    return s;
}

ose::create_task_request a_transfer() {
    ose::create_task_request t;
    t.taskType = ose::transfer_task_type::transfer_and_delete;
    t.srcUserId = "1397687227244555008";
    t.dstUserId = "1507947856550550784";
    return t;
}

struct served {
    sim::simulator simulator;
    ad::loopback_server http;
    explicit served(ad::httplib_server_options o = {}, sim::simulator_options so = sim_options())
            : simulator(std::move(so)), http([this](const ose::http_request& r) { return simulator(r); }, o) {
        REQUIRE(http.ok());
    }
};

// A plain TCP connection to 127.0.0.1:port, with a receive timeout.
struct raw_connection {
    int fd = -1;
    explicit raw_connection(int port, std::chrono::milliseconds timeout = 5s) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        timeval tv{static_cast<time_t>(timeout.count() / 1000),
                   static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    }
    raw_connection(const raw_connection&) = delete;
    raw_connection& operator=(const raw_connection&) = delete;
    ~raw_connection() { ::close(fd); }

    bool send(std::string_view bytes) const {
        while (!bytes.empty()) {
            const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }
    // Everything until the peer closes, or the timeout.
    std::string receive_all() const {
        std::string out;
        char buf[16384];
        for (;;) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return out;
            out.append(buf, static_cast<std::size_t>(n));
        }
    }
};

int status_of(std::string_view reply) {
    if (reply.size() < 12 || !reply.starts_with("HTTP/1.1 ")) return 0;
    return std::atoi(std::string(reply.substr(9, 3)).c_str());
}

std::string_view body_of(std::string_view reply) {
    const std::size_t end = reply.find("\r\n\r\n");
    return end == std::string_view::npos ? std::string_view{} : reply.substr(end + 4);
}

ad::curl_options with_timeouts(std::chrono::milliseconds connect, std::chrono::milliseconds total) {
    ad::curl_options o;
    o.connect_timeout = connect;
    o.total_timeout = total;
    return o;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

TEST_CASE("httplib server: error statuses cpp-httplib sets itself carry the API's JSON body, then close") {
    served s;
    struct probe {
        std::string bytes;
        int status;
    };
    const std::vector<probe> probes = {
        {"NONSENSE\r\n\r\n", 400},
        {"GET / HTTP/3.0\r\nHost: x\r\n\r\n", 400},
        {"GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
        {"GET / HTTP/1.1\r\nX-Big: " + std::string(9000, 'b') + "\r\n\r\n", 431},
        {"GET / HTTP/1.1\r\n" + std::string(70000, 'h') + "\r\n\r\n", 431},  // over max_header_bytes
        {"POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
        {"POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
         400},
        {"POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n", 400},
        {"GET /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody", 400},
        {"POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n", 413},
        {"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404},  // the simulator's
        {"DELETE /koodrive/ose/v1/task/create HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405},
        {"HEAD /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405},
    };
    for (const auto& p : probes) {
        CAPTURE(p.bytes.substr(0, 60));
        raw_connection c(s.http.port());
        REQUIRE(c.send(p.bytes));
        const std::string reply = c.receive_all();  // the server closes after a refusal
        CHECK(status_of(reply) == p.status);
        CHECK(contains(reply, "Connection: close"));
        if (p.bytes.starts_with("HEAD")) continue;  // no body for HEAD, by definition
        CHECK(contains(reply, "Content-Type: application/json"));
        CHECK(body_of(reply).starts_with(R"({"code":")" + std::to_string(p.status) + R"(","msg":")"));
    }
    // And it still serves.
    ose::client client(ad::curl_transport(s.http.base_url()), user_settings());
    CHECK(client.create_task(a_transfer()));
}

TEST_CASE("httplib server: a body over the limit is refused before it is read") {
    ad::httplib_server_options o;
    o.max_body = 1 << 20;
    served s(o);
    // A length announced and never sent: the answer comes at once, not after a read timeout.
    {
        raw_connection c(s.http.port());
        const auto t0 = std::chrono::steady_clock::now();
        REQUIRE(c.send("POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 268435456\r\n\r\n"));
        const std::string reply = c.receive_all();
        CHECK(std::chrono::steady_clock::now() - t0 < 2s);
        CHECK(status_of(reply) == 413);
        CHECK(body_of(reply) == R"({"code":"413","msg":"Payload too large."})");
    }
    // Expect: 100-continue: 413 instead of 100, so the client never sends the body.
    {
        raw_connection c(s.http.port());
        REQUIRE(
            c.send("POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n"
                   "Expect: 100-continue\r\n\r\n"));
        const std::string reply = c.receive_all();
        CHECK(status_of(reply) == 413);
        CHECK_FALSE(contains(reply, "100 Continue"));
    }
    // A chunked body stops at the limit.
    {
        raw_connection c(s.http.port());
        std::string chunked = "POST /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 20; ++i) chunked += "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
        chunked += "0\r\n\r\n";
        (void)c.send(chunked);  // the server may close before all of it is sent
        CHECK(status_of(c.receive_all()) == 413);
    }
    // Through libcurl, whole: 413 with the JSON body (the simulator never sees it).
    ad::curl_transport curl(s.http.base_url());
    ose::environment env;
    auto request = ose::build_request(a_transfer(), user_settings(), env);
    REQUIRE(request);
    request->body.insert(request->body.size() - 1, R"(,"pad":")" + std::string(2 << 20, 'p') + "\"");
    auto reply = curl(*request);
    REQUIRE(reply);
    CHECK(reply->status == 413);
    CHECK(reply->body == R"({"code":"413","msg":"Payload too large."})");
    CHECK(s.simulator.stats().requests == 0);
}

TEST_CASE("httplib server: slow headers are cut off with 408; others are served meanwhile") {
    ad::httplib_server_options o;
    o.threads = 2;  // fewer threads than slow clients: more must start
    o.header_timeout = 1500ms;
    served s(o);
    std::vector<std::unique_ptr<raw_connection>> slow;
    for (int i = 0; i < 8; ++i) {
        slow.push_back(std::make_unique<raw_connection>(s.http.port()));
        REQUIRE(slow.back()->send("GET /koodrive/ose/v1/jobs HTTP/1.1\r\nHost: x\r\n"));
    }
    std::this_thread::sleep_for(200ms);
    ose::environment env;
    ose::client client(ad::curl_transport(s.http.base_url(), with_timeouts(1s, 1s)), user_settings(), env);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(client.create_task(a_transfer()));
    CHECK(std::chrono::steady_clock::now() - t0 < 1s);
    for (auto& c : slow) {
        (void)c->send("X-Still: here\r\n");
        const std::string reply = c->receive_all();
        CHECK(status_of(reply) == 408);
        CHECK(body_of(reply) == R"({"code":"408","msg":"Request timeout."})");
    }
}

TEST_CASE("httplib server: a port in use is refused, not shared") {
    served first;
    ad::httplib_server second([](const ose::http_request&) { return ose::http_response{}; });
    CHECK(second.bind("127.0.0.1", first.http.port()) == -1);
    CHECK(contains(second.bind_error(), "already in use"));
    CHECK(contains(second.bind_error(), std::to_string(first.http.port())));
}

TEST_CASE("httplib server: the access log hook sees every exchange, refusals included, without bodies") {
    std::mutex m;
    std::vector<std::string> lines;
    sim::simulator simulator(sim_options());
    ad::httplib_server server([&](const ose::http_request& r) { return simulator(r); });
    server.on_exchange([&](const ad::exchange_record& e) {
        std::lock_guard lock(m);
        lines.push_back(e.request.method + " " + e.request.target + " " + std::to_string(e.status) +
                        (e.handled ? " handled" : " refused"));
    });
    const int port = server.bind("127.0.0.1", 0);
    REQUIRE(port > 0);
    std::thread t([&] { server.listen(); });
    while (!server.is_running()) std::this_thread::sleep_for(1ms);
    ose::client client(ad::httplib_transport("http://127.0.0.1:" + std::to_string(port)), user_settings());
    CHECK(client.create_task(a_transfer()));
    {
        raw_connection c(port);
        REQUIRE(c.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"));
        CHECK(status_of(c.receive_all()) == 413);
    }
    server.stop();
    t.join();
    std::lock_guard lock(m);
    REQUIRE(lines.size() == 2);
    // Each exchange is logged when its connection's thread finishes it, in either order.
    std::sort(lines.begin(), lines.end());
    CHECK(lines[0] == "POST /koodrive/ose/v1/task/create 200 handled");
    CHECK(lines[1] == "POST /x 413 refused");
}

TEST_CASE("curl transport: total timeout, response body limit, no proxy unless asked") {
    sim::simulator_options so = sim_options();
    so.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };  // a slow reply really waits
    served s({}, so);
    ose::environment env;

    s.simulator.inject({.kind = sim::fault_kind::slow_reply, .only = {}, .times = 1, .every = 1, .delay = 1500ms});
    ose::client impatient(ad::curl_transport(s.http.base_url(), with_timeouts(1s, 300ms)), user_settings(), env);
    const auto t0 = std::chrono::steady_clock::now();
    auto late = impatient.create_task(a_transfer());
    REQUIRE_FALSE(late);
    CHECK(late.error().kind == ose::error_kind::transport_failure);
    CHECK(late.error().retryable());
    CHECK(contains(late.error().to_string(), "curl: Timeout"));
    CHECK_FALSE(late.error().safe_to_resend());  // it was sent: the service may have made the task
    CHECK(std::chrono::steady_clock::now() - t0 < 1200ms);

    ad::curl_options tiny;
    tiny.max_body = 16;
    ose::client small(ad::curl_transport(s.http.base_url(), tiny), user_settings(), env);
    auto big = small.create_task(a_transfer());
    REQUIRE_FALSE(big);
    CHECK(contains(big.error().to_string(), "larger than the limit"));

    // A proxy in the environment is ignored: the request goes straight to the server.
    ::setenv("http_proxy", "http://127.0.0.1:9", 1);
    ::setenv("ALL_PROXY", "http://127.0.0.1:9", 1);
    ose::client direct(ad::curl_transport(s.http.base_url()), user_settings(), env);
    CHECK(direct.create_task(a_transfer()));
    // Asked for, it is used (and nothing listens on port 9).
    ad::curl_options via;
    via.proxy = "http://127.0.0.1:9";
    via.connect_timeout = 1s;
    ose::client proxied(ad::curl_transport(s.http.base_url(), via), user_settings(), env);
    auto refused = proxied.create_task(a_transfer());
    ::unsetenv("http_proxy");
    ::unsetenv("ALL_PROXY");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ose::error_kind::transport_failure);
    CHECK(refused.error().safe_to_resend());  // the proxy refused: nothing reached the service

    // TLS is verified by default.
    CHECK(ad::curl_options{}.verify_tls);
}

TEST_CASE("curl transport: one object shared by threads serialises its requests safely") {
    served s;
    ad::curl_transport shared(s.http.base_url());
    ose::environment env;
    auto request = ose::build_request(a_transfer(), user_settings(), env);
    REQUIRE(request);
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                auto reply = shared(*request);
                if (reply && reply->status == 200) ++ok;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 100);
    CHECK(s.simulator.stats().transfer_tasks == 100);
}

TEST_CASE("httplib transport: response body limit") {
    served s;
    ose::environment env;
    ose::client small(ad::httplib_transport(s.http.base_url(), {.max_body = 16}), user_settings(), env);
    auto big = small.create_task(a_transfer());
    REQUIRE_FALSE(big);
    CHECK(big.error().kind == ose::error_kind::transport_failure);
    CHECK(contains(big.error().to_string(), "larger than the limit"));
    ose::client normal(ad::httplib_transport(s.http.base_url()), user_settings(), env);
    CHECK(normal.create_task(a_transfer()));
}
