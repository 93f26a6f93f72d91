// What the endpoint examples share: a client talking to the in-process simulator, and the
// printing of each HTTP exchange as it would go on the wire.
//
// The clock and the trace IDs are fixed, so every run prints the same request byte for byte:
// README.md shows that output (tools/check_readme.sh compares the two), and the curl command each
// example prints is the same request for the standalone simulator (koodrive-ose-simulator).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

#include "koodrive/ose.hpp"
#include "koodrive/ose/client.hpp"
#include "koodrive/ose/testing/simulator.hpp"

namespace koodrive_examples {

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;

// Who the examples are to the service: the made-up values of the API reference's examples.
inline ose::settings example_settings() {
    ose::settings s;
    s.auth = ose::access_token{"10f88d07fa5a544791e9ff"};
    s.user_id = "1684711050387378049";
    s.agent_name = "demo-carrier";  // X-Hw-Agentname: the share endpoints
    s.host = "drive.example.com";   // Host: create task
    return s;
}

// 2025-11-03 07:01:40 UTC, the X-Date of the reference's examples.
inline std::chrono::system_clock::time_point example_time() {
    return std::chrono::sys_days{std::chrono::year{2025} / 11 / 3} + std::chrono::hours{7} + std::chrono::minutes{1} +
           std::chrono::seconds{40};
}

// A fixed random source (splitmix64), so the generated X-Traceid is the same on every run.
inline ose::random_source seeded_random(std::uint64_t seed) {
    return [state = seed]() mutable {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15U);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9U;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBU;
        return z ^ (z >> 31U);
    };
}

// The request as the library hands it to the HTTP stack, in HTTP/1.1 form; the stack adds
// Content-Length, and Host where the request has none.
inline void print_request(const ose::http_request& r) {
    std::printf("%s %s HTTP/1.1\n", r.method.c_str(), r.target.c_str());
    for (const auto& h : r.headers) std::printf("%s: %s\n", h.name.c_str(), h.value.c_str());
    if (!r.body.empty()) std::printf("\n%s\n", r.body.c_str());
}

inline void print_response(const ose::http_response& r) {
    std::printf("HTTP/1.1 %d\n", r.status);
    for (const auto& h : r.headers) std::printf("%s: %s\n", h.name.c_str(), h.value.c_str());
    std::printf("\n%s\n", r.body.c_str());
}

// The same request as a curl command for the standalone simulator on 127.0.0.1:8080, with an
// X-Date of now (the simulator accepts 15 minutes), in single quotes for a POSIX shell; it fails
// on an HTTP error, showing the body.
inline void print_curl(const ose::http_request& r) {
    auto quoted = [](std::string_view text) {
        std::string q = "'";
        for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return q + "'";
    };
    std::printf("curl -sS --fail-with-body -w '\\n'");
    if (r.method != "GET") std::printf(" -X %s", r.method.c_str());
    std::printf(" %s", quoted("http://127.0.0.1:8080" + r.target).c_str());
    for (const auto& h : r.headers) {
        if (ose::iequals(h.name, "X-Date"))
            std::printf(" \\\n  -H \"X-Date: $(date -u +%%Y%%m%%dT%%H%%M%%SZ)\"");
        else
            std::printf(" \\\n  -H %s", quoted(h.name + ": " + h.value).c_str());
    }
    if (!r.body.empty()) std::printf(" \\\n  -d %s", quoted(r.body).c_str());
    std::printf("\n");
}

// The simulator, and a transport to it that prints each exchange while `printing` is on.
class example_session {
public:
    struct printing_transport {
        example_session* session;
        ose::http_response operator()(const ose::http_request& request) const {
            ose::http_response reply = session->simulator(request);
            if (session->printing) {
                std::puts(">>> request");
                print_request(request);
                std::puts("<<< response");
                print_response(reply);
                std::puts("$$$ curl");
                print_curl(request);
                std::puts("===");
            }
            return reply;
        }
    };

    example_session() : simulator(simulator_options()), client(printing_transport{this}, example_settings(), env()) {}
    example_session(const example_session&) = delete;
    example_session& operator=(const example_session&) = delete;

    sim::simulator simulator;
    bool printing = true;  // off while an example prepares what its endpoint needs
    ose::client<printing_transport> client;

    static int fail(const ose::error& e) {
        std::fprintf(stderr, "failed: %s\n", e.to_string().c_str());
        return 1;
    }

private:
    static sim::simulator_options simulator_options() {
        sim::simulator_options o;
        o.access_token = std::get<ose::access_token>(example_settings().auth).token;
        o.user_id = example_settings().user_id;
        o.clock = sim::fixed_clock(example_time());
        return o;
    }
    ose::environment env() {
        ose::environment e;
        e.clock = [this] { return simulator.now(); };
        e.random = seeded_random(2025);
        return e;
    }
};

}  // namespace koodrive_examples
