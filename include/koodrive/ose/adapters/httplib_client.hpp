// koodrive-ose adapter: cpp-httplib as the client's transport. Optional, outside the core and
// the single header; needs cpp-httplib (Debian: libcpp-httplib-dev and pkg-config; CMake:
// cmake/adapters.cmake).
//
//   ose::client client(ose::adapters::httplib_transport("http://127.0.0.1:8080"), settings);
//
// Failures (no connection, timeout, a reply over max_body) become errors of kind
// transport_failure, retryable, named by cpp-httplib's error text only (no URL, header or body).
// Threads: one httplib::Client per transport, keeping its connection alive; concurrent calls on
// one transport wait for each other (a mutex). Give each thread its own for parallel requests.
#ifndef KOODRIVE_OSE_ADAPTERS_HTTPLIB_CLIENT_HPP
#define KOODRIVE_OSE_ADAPTERS_HTTPLIB_CLIENT_HPP

#include "detail/httplib.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "../client.hpp"
#include "../http.hpp"
#include "../result.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace adapters {

/// How httplib_transport connects: timeouts and the body limit.
struct httplib_client_options {
    std::chrono::milliseconds connect_timeout{10000};  ///< TCP (and TLS) connection
    std::chrono::milliseconds read_timeout{30000};     ///< each wait for reply bytes
    std::chrono::milliseconds write_timeout{30000};    ///< each wait to send request bytes
    std::size_t max_body = std::size_t{16} << 20;      ///< a longer reply is an error
};

/// A transport for koodrive::ose::client over cpp-httplib's client (thread safe by serialising).
class httplib_transport {
public:
    /// `base_url`: "http://host:port" (https needs cpp-httplib built with OpenSSL, as Debian's is).
    explicit httplib_transport(const std::string& base_url, httplib_client_options options = {})
            : state_(std::make_unique<state>(base_url, options)) {}

    /// Sends `request` to the base URL plus its target.
    result<http_response> operator()(const http_request& request) {
        std::lock_guard lock(state_->mutex);
        httplib::Request out;
        out.method = request.method;
        out.path = request.target;
        for (const auto& h : request.headers) out.headers.emplace(h.name, h.value);
        out.body = request.body;
        http_response in;
        bool too_large = false;
        const std::size_t max_body = state_->max_body;
        out.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
            if (in.body.size() + n > max_body) {
                too_large = true;
                return false;  // cancels the exchange
            }
            in.body.append(data, n);
            return true;
        };
        httplib::Response reply;
        httplib::Error failure = httplib::Error::Success;
        if (!state_->client.send(out, reply, failure)) {
            if (too_large) return transport_error("cpp-httplib: response body larger than the limit");
            return transport_error("cpp-httplib: " + httplib::to_string(failure));
        }
        in.status = reply.status;
        for (const auto& [name, value] : reply.headers) in.headers.push_back({name, value});
        return in;
    }

private:
    struct state {
        state(const std::string& base_url, const httplib_client_options& o) : client(base_url), max_body(o.max_body) {
            client.set_url_encode(false);  // targets come percent-encoded already
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);  // small requests: no Nagle delay
            client.set_connection_timeout(o.connect_timeout);
            client.set_read_timeout(o.read_timeout);
            client.set_write_timeout(o.write_timeout);
        }
        httplib::Client client;
        std::size_t max_body;
        std::mutex mutex;
    };
    std::unique_ptr<state> state_;  ///< the transport stays movable
};

}  // namespace adapters
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ADAPTERS_HTTPLIB_CLIENT_HPP
