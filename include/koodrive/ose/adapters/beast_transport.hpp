// koodrive-ose adapter: an asynchronous HTTP/1.1 transport over Boost.Beast (not part of the
// core; needs Boost 1.81+, e.g. Debian's libboost1.81-dev, and C++20 coroutines).
//
//   koodrive::ose::adapters::beast_transport http(io.get_executor(), "127.0.0.1", "8080");
//   auto reply = co_await http(request, 5s);   // result<http_response>
//
// One connection per request (plain TCP: put TLS in front with a proxy, or wrap the stream).
// The timeout covers resolve, connect, write and read. Cancellation comes through the calling
// coroutine's Asio cancellation slot, which Beast and Asio pass to the socket operations.
// Failures are `transport_failure`s whose message is Beast's text for the error code (no URL,
// header or body); those before the connection was made say `not_sent`, so even a create may
// be sent again. Many requests may run at once on one executor; an object keeps no state
// between requests.
#ifndef KOODRIVE_OSE_ADAPTERS_BEAST_TRANSPORT_HPP
#define KOODRIVE_OSE_ADAPTERS_BEAST_TRANSPORT_HPP

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "koodrive/ose/call_machine.hpp"
#include "koodrive/ose/http.hpp"
#include "koodrive/ose/result.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace adapters {

/// HTTP/1.1 over TCP with Beast, one connection per request (see above).
class beast_transport {
public:
    /// Requests go to `host`:`port`; `timeout` bounds each; bodies over `max_body` fail.
    beast_transport(boost::asio::any_io_executor executor, std::string host, std::string port,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30),
                    std::size_t max_body = std::size_t{16} << 20)
            : executor_(std::move(executor)),
              host_(std::move(host)),
              port_(std::move(port)),
              timeout_(timeout),
              max_body_(max_body) {}

    /// Where the requests run.
    [[nodiscard]] const boost::asio::any_io_executor& executor() const noexcept { return executor_; }
    /// The default timeout of a request.
    [[nodiscard]] std::chrono::milliseconds timeout() const noexcept { return timeout_; }

    /// Sends `request` (copied into the coroutine) and reads the reply within `timeout`.
    boost::asio::awaitable<result<http_response>> operator()(http_request request, std::chrono::milliseconds timeout) {
        namespace http = boost::beast::http;
        constexpr auto tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
        boost::asio::ip::tcp::resolver resolver(executor_);
        boost::beast::tcp_stream stream(executor_);
        stream.expires_after(timeout);
        auto [resolve_error, endpoints] = co_await resolver.async_resolve(host_, port_, tuple);
        if (resolve_error) co_return failure("resolve", resolve_error, true);
        auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, tuple);
        (void)endpoint;
        if (connect_error) co_return failure("connect", connect_error, true);

        http::request<http::string_body> out;
        out.method_string(request.method);
        out.target(request.target);
        out.version(11);
        for (const auto& h : request.headers) out.insert(h.name, h.value);
        if (out.find(http::field::host) == out.end()) out.set(http::field::host, host_);
        out.set(http::field::connection, "close");
        out.body() = std::move(request.body);
        out.prepare_payload();
        auto [write_error, written] = co_await http::async_write(stream, out, tuple);
        (void)written;
        if (write_error) co_return failure("write", write_error, false);

        boost::beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(max_body_);
        auto [read_error, read] = co_await http::async_read(stream, buffer, parser, tuple);
        (void)read;
        if (read_error) co_return failure("read", read_error, false);

        http_response reply;
        auto& in = parser.get();
        reply.status = static_cast<int>(in.result_int());
        for (const auto& field : in)
            reply.headers.push_back({std::string(field.name_string()), std::string(field.value())});
        reply.body = std::move(in.body());
        boost::beast::error_code ignored;
        stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
        co_return reply;
    }

    /// Sends `request` within the default timeout.
    boost::asio::awaitable<result<http_response>> operator()(http_request request) {
        return (*this)(std::move(request), timeout_);
    }

private:
    static error failure(std::string_view step, const boost::beast::error_code& ec, bool not_sent) {
        std::string what = "beast: ";
        what += step;
        what += ": ";
        what += ec == boost::beast::error::timeout ? std::string("timed out") : ec.message();
        return transport_error(what, not_sent);
    }

    boost::asio::any_io_executor executor_;
    std::string host_;
    std::string port_;
    std::chrono::milliseconds timeout_;
    std::size_t max_body_;
};

}  // namespace adapters
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ADAPTERS_BEAST_TRANSPORT_HPP
