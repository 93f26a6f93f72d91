// koodrive-ose adapter: cpp-httplib, both ways (not part of the core library).
//
// Client: a transport for koodrive::ose::client.
//   koodrive::ose::client client(koodrive::ose::examples::httplib_transport("http://127.0.0.1:8080"), settings);
//
// Server: mount any `http_response(const http_request&)` handler, such as the simulator, on
// an httplib::Server; it sees every method and path.
//   koodrive::ose::testing::simulator sim;
//   httplib::Server server;
//   koodrive::ose::examples::mount(server, [&](const koodrive::ose::http_request& r) { return sim(r); });
//   server.listen("127.0.0.1", 8080);
//
// httplib calls handlers from several threads at once: the handler must be thread safe (the
// simulator is).
#pragma once

// cpp-httplib's header does not build warning-free under -Wconversion -Wshadow; keep its
// warnings out of ours.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#include <httplib.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "koodrive/ose/client.hpp"
#include "koodrive/ose/header_values.hpp"
#include "koodrive/ose/http.hpp"
#include "koodrive/ose/result.hpp"

namespace koodrive::ose::examples {

// ---- client ------------------------------------------------------------------------------

class httplib_transport {
public:
    // `base_url`: "http://host:port" (https needs cpp-httplib built with OpenSSL).
    explicit httplib_transport(const std::string& base_url) : client_(std::make_unique<httplib::Client>(base_url)) {
        client_->set_url_encode(false);  // targets come percent-encoded already
        client_->set_keep_alive(true);
        client_->set_tcp_nodelay(true);  // small requests: no Nagle delay
    }

    result<http_response> operator()(const http_request& request) {
        httplib::Request out;
        out.method = request.method;
        out.path = request.target;
        for (const auto& h : request.headers) out.headers.emplace(h.name, h.value);
        out.body = request.body;
        auto reply = client_->send(out);
        if (!reply) return transport_error("cpp-httplib: " + httplib::to_string(reply.error()));
        http_response in;
        in.status = reply->status;
        for (const auto& [name, value] : reply->headers) in.headers.push_back({name, value});
        in.body = std::move(reply->body);
        return in;
    }

private:
    std::unique_ptr<httplib::Client> client_;  // not thread safe: one transport per thread
};

// ---- server ------------------------------------------------------------------------------

// Routes every request of `server` to `handler`.
template <class Handler>
void mount(httplib::Server& server, Handler handler) {
    auto shared = std::make_shared<Handler>(std::move(handler));
    auto serve = [shared](const httplib::Request& in, httplib::Response& out) {
        http_request request;
        request.method = in.method;
        request.target = in.target;  // as received: path and percent-encoded query
        for (const auto& [name, value] : in.headers) {
            // httplib adds the peer's address as pseudo-headers; they did not come from the client.
            if (iequals(name, "REMOTE_ADDR") || iequals(name, "REMOTE_PORT") || iequals(name, "LOCAL_ADDR") ||
                iequals(name, "LOCAL_PORT"))
                continue;
            request.headers.push_back({name, value});
        }
        request.body = in.body;
        const http_response reply = (*shared)(request);
        out.status = reply.status;
        std::string content_type = "application/json";
        for (const auto& h : reply.headers) {
            if (iequals(h.name, "Content-Type"))
                content_type = h.value;
            else if (!iequals(h.name, "Content-Length"))
                out.set_header(h.name, h.value);
        }
        out.set_content(reply.body, content_type);
    };
    server.set_tcp_nodelay(true);  // headers and body go in two writes: no Nagle delay between them
    server.Get(".*", serve);
    server.Post(".*", serve);
    server.Put(".*", serve);
    server.Delete(".*", serve);
    server.Patch(".*", serve);
}

// A server on 127.0.0.1 with a port the OS chooses, listening on its own thread until the
// object is destroyed. For tests and demos.
class loopback_server {
public:
    template <class Handler>
    explicit loopback_server(Handler handler) {
        mount(server_, std::move(handler));
        server_.set_keep_alive_max_count(1000);
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ > 0) {
            thread_ = std::thread([this] { server_.listen_after_bind(); });
            // The socket already listens (connections wait in its backlog); wait for the
            // accept loop anyway, for at most a few seconds.
            for (int i = 0; i < 5000 && !server_.is_running(); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    loopback_server(const loopback_server&) = delete;
    loopback_server& operator=(const loopback_server&) = delete;
    ~loopback_server() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }

    [[nodiscard]] bool ok() const noexcept { return port_ > 0; }
    [[nodiscard]] int port() const noexcept { return port_; }
    [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] httplib::Server& server() noexcept { return server_; }

private:
    httplib::Server server_;
    int port_ = -1;
    std::thread thread_;
};

}  // namespace koodrive::ose::examples
