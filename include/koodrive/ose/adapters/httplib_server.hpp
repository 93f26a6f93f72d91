// koodrive-ose adapter: serve any `http_response(const http_request&)` handler, such as the
// simulator, over HTTP/1.1 with cpp-httplib. Optional, outside the core and the single header;
// needs cpp-httplib (Debian: libcpp-httplib-dev and pkg-config; CMake: cmake/adapters.cmake).
//
//   ose::testing::simulator sim;
//   ose::adapters::httplib_server server([&](const ose::http_request& r) { return sim(r); });
//   if (server.bind("127.0.0.1", 8080) < 0) die(server.bind_error());   // port taken: refused
//   server.listen();                                                     // until server.stop()
//
// cpp-httplib's defaults are not fit to face clients one does not control (8 threads held by
// whoever connects, a listen backlog of 5, SO_REUSEPORT, a body buffered whole before its size is
// checked, bare error pages). This server keeps cpp-httplib's parser and replaces the rest:
//   - a few threads serve connections, and more start when every one of them is held by a slow
//     or idle client (up to options.max_threads);
//   - the request line and headers must arrive within header_timeout and max_header_bytes, so a
//     client trickling bytes cannot keep a thread (408 / 431); idle keep-alive connections close
//     after keep_alive_timeout;
//   - a Content-Length over max_body is refused with 413 before any of the body is read (also on
//     `Expect: 100-continue`, so the client never sends it); a chunked body stops at the limit;
//   - ambiguous framing (two Content-Length, Content-Length with Transfer-Encoding, a body on GET)
//     is 400, and the connection closes after any refusal, draining for a moment so the reply is
//     not lost to a reset;
//   - every error status cpp-httplib produces itself (400, 408, 413, 414, 431, 500) carries the
//     API's JSON error body {"code": "<status>", "msg": "..."}; the handler answers the rest;
//   - bind() refuses a port already in use (SO_REUSEADDR only, never SO_REUSEPORT), and the listen
//     backlog is options.backlog.
// The handler is called from several threads at once: it must be thread safe (the simulator is).
#ifndef KOODRIVE_OSE_ADAPTERS_HTTPLIB_SERVER_HPP
#define KOODRIVE_OSE_ADAPTERS_HTTPLIB_SERVER_HPP

#include "detail/httplib.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "../codec_impl.hpp"
#include "../header_values.hpp"
#include "../http.hpp"
#include "../response_reader.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace adapters {

/// How httplib_server serves: threads, limits and timeouts.
struct httplib_server_options {
    /// `threads` threads serve connections (started as needed); when all of them are held (slow
    /// or idle clients) and connections wait for longer than `stall`, more start, up to
    /// `max_threads`, and stay.
    std::size_t threads = 16;
    std::size_t max_threads = 512;        ///< the most threads
    std::chrono::milliseconds stall{10};  ///< how long connections may wait before more threads start
    int backlog = 1024;                   ///< connections the kernel queues before accept (capped by somaxconn)
    std::size_t max_body = std::size_t{16} << 20;        ///< a longer request body is 413
    std::size_t max_header_bytes = 64u << 10;            ///< request line and headers; more is 431
    std::chrono::milliseconds header_timeout{10000};     ///< for the request line and all headers (408)
    std::chrono::milliseconds read_timeout{5000};        ///< each wait for body bytes
    std::chrono::milliseconds write_timeout{5000};       ///< each wait to send reply bytes
    std::chrono::milliseconds keep_alive_timeout{5000};  ///< an idle connection is closed after it
    std::size_t keep_alive_max_requests = 1000;          ///< then the connection is closed
};

/// One exchange, for an access log. `request` holds the method, target and headers (the body
/// only when the handler saw it); the server's own refusals have no handler call.
struct exchange_record {
    const http_request& request;         ///< the request, as the handler saw it
    int status;                          ///< the status sent
    std::size_t request_body_bytes;      ///< the request body's size
    std::size_t response_body_bytes;     ///< the reply body's size
    std::string_view remote_address;     ///< the client's address
    std::chrono::microseconds duration;  ///< from the first byte of the request to the reply sent
    bool handled;                        ///< false: refused by the server before the handler
};

/// The reason phrase of the JSON error bodies the server writes itself.
inline std::string_view status_message(int status) noexcept {
    switch (status) {
    case 400: return "Bad request.";
    case 404: return "Not found.";
    case 405: return "Method not allowed.";
    case 408: return "Request timeout.";
    case 411: return "Length required.";
    case 413: return "Payload too large.";
    case 414: return "URI too long.";
    case 416: return "Range not satisfiable.";
    case 417: return "Expectation failed.";
    case 431: return "Request header fields too large.";
    case 500: return "Internal server error.";
    case 501: return "Not implemented.";
    case 503: return "Service unavailable.";
    default: return status < 500 ? "Client error." : "Server error.";
    }
}

/// {"code":"413","msg":"Payload too large."}
inline std::string error_body(int status) {
    std::string body;
    encode_unchecked(api_error_body{std::to_string(status), std::string(status_message(status))}, body);
    return body;
}

namespace detail {

/// Threads for connections. `base` threads serve at once (started as needed): few threads make
/// short requests fastest. When connections wait and no thread has taken one for `stall` (every
/// thread held by a slow, idle or sleeping client), a thread starts for each waiting connection,
/// up to `max`. cpp-httplib's own pool has a fixed size, and a connection holds its thread for as
/// long as it stays open.
class elastic_pool final : public httplib::TaskQueue {
public:
    using clock = std::chrono::steady_clock;

    elastic_pool(std::size_t base, std::size_t max, std::chrono::milliseconds stall)
            : base_(std::max<std::size_t>(1, base)),
              max_(std::max(max, base_)),
              stall_(stall),
              supervisor_([this] { supervise(); }) {}

    void enqueue(std::function<void()> fn) override {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(fn));
        if (idle_ < jobs_.size() && threads_.size() < base_) start_thread();
        ready_.notify_one();
    }

    void shutdown() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        stalled_.notify_all();
        supervisor_.join();
        for (auto& t : threads_) t.join();  // enqueue is no longer called: the accept loop ended
    }

private:
    void start_thread() {
        threads_.emplace_back([this] { work(); });
    }

    void work() {
        std::unique_lock lock(mutex_);
        for (;;) {
            ++idle_;
            ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            --idle_;
            if (jobs_.empty()) return;  // stopping, and nothing left to serve
            std::function<void()> job = std::move(jobs_.front());
            jobs_.pop_front();
            last_taken_ = clock::now();
            lock.unlock();
            job();
            lock.lock();
        }
    }

    void supervise() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            stalled_.wait_for(lock, stall_ / 2);
            if (stopping_ || jobs_.size() <= idle_ || clock::now() - last_taken_ < stall_) continue;
            for (std::size_t waiting = jobs_.size() - idle_; waiting > 0 && threads_.size() < max_; --waiting)
                start_thread();
            last_taken_ = clock::now();  // give the new threads time to take their connections
        }
    }

    std::size_t base_;
    std::size_t max_;
    std::chrono::milliseconds stall_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable stalled_;  ///< only to wake the supervisor for shutdown
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    bool stopping_ = false;
    clock::time_point last_taken_ = clock::now();
    std::thread supervisor_;  ///< last: starts once the rest is ready
};

/// What the server knows of the connection a thread is serving.
struct connection {
    using clock = std::chrono::steady_clock;
    std::string remote_address;
    clock::time_point request_started;
    bool reading_headers = true;
    bool header_too_large = false;  ///< over max_header_bytes, or one line over cpp-httplib's 8 KiB
    bool header_timed_out = false;
    bool handled = false;      ///< the request reached the handler
    bool close_after = false;  ///< what follows on the connection cannot be trusted to be a request
    std::size_t body_bytes = 0;
};

inline thread_local connection* current_connection = nullptr;

/// A cpp-httplib Stream over one accepted socket, alive for the whole connection (so bytes of a
/// pipelined request stay buffered), with a deadline and a byte budget for each header section.
class connection_stream final : public httplib::Stream {
public:
    connection_stream(int sock, const httplib_server_options& o, const std::atomic<int>& listening, connection& state)
            : sock_(sock), options_(o), listening_(listening), state_(state) {}

    void start_request() {
        state_.reading_headers = true;
        header_bytes_ = 0;
        line_bytes_ = 0;
        lines_ = 0;
        header_deadline_ = connection::clock::now() + options_.header_timeout;
    }

    [[nodiscard]] bool has_buffered() const noexcept { return begin_ < end_; }

    /// Waits up to `timeout` for bytes (or the server stopping); false when none came.
    [[nodiscard]] bool wait_readable(std::chrono::milliseconds timeout) const {
        return has_buffered() || wait(POLLIN, connection::clock::now() + timeout);
    }

    bool is_readable() const override { return wait_readable(options_.read_timeout); }

    bool is_writable() const override { return wait(POLLOUT, connection::clock::now() + options_.write_timeout); }

    ssize_t read(char* ptr, size_t size) override {
        if (size == 0) return 0;
        if (state_.reading_headers) {
            if (header_bytes_ >= options_.max_header_bytes) {
                state_.header_too_large = true;
                return 0;  // as if the peer stopped: the parser answers with the line it has
            }
            size = std::min(size, options_.max_header_bytes - header_bytes_);
        }
        if (!has_buffered()) {
            const auto deadline = state_.reading_headers
                                      ? std::min(header_deadline_, connection::clock::now() + options_.read_timeout)
                                      : connection::clock::now() + options_.read_timeout;
            if (!wait(POLLIN, deadline)) {
                if (state_.reading_headers && connection::clock::now() >= header_deadline_)
                    state_.header_timed_out = true;
                return -1;
            }
            ssize_t n = 0;
            do {
                n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
            } while (n < 0 && errno == EINTR);
            if (n <= 0) return n;
            begin_ = 0;
            end_ = static_cast<std::size_t>(n);
        }
        const std::size_t n = std::min(size, end_ - begin_);
        std::memcpy(ptr, buffer_.data() + begin_, n);
        begin_ += n;
        if (state_.reading_headers) {
            header_bytes_ += n;
            for (std::size_t i = 0; i < n; ++i) {
                if (ptr[i] == '\n') {
                    ++lines_;
                    line_bytes_ = 0;
                } else if (++line_bytes_ > max_line_bytes && lines_ > 0) {
                    // cpp-httplib answers a long request line with 414 itself; a long header
                    // line is its 400, which is 431 here.
                    state_.header_too_large = true;
                }
            }
        }
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (!is_writable()) return -1;
        ssize_t n = 0;
        do {
            n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        return n;
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override { address(false, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address(true, ip, port); }
    int socket() const override { return sock_; }

    void headers_done() {
        state_.reading_headers = false;
        lines_ = 0;
    }

    /// After a refusal: stop sending, then read and drop what the client still sends for a
    /// moment, so that closing does not reset the connection before the reply is read.
    void linger() {
        ::shutdown(sock_, SHUT_WR);
        const auto until = connection::clock::now() + std::chrono::seconds(2);
        std::array<char, 16384> sink{};
        // Until the client closes, is quiet for a quarter of a second, or two seconds passed.
        while (wait(POLLIN, std::min(until, connection::clock::now() + std::chrono::milliseconds(250)))) {
            const ssize_t n = ::recv(sock_, sink.data(), sink.size(), 0);
            if (n <= 0 && !(n < 0 && errno == EINTR)) break;
        }
    }

    void address(bool local, std::string& ip, int& port) const {
        sockaddr_storage addr{};
        socklen_t len = sizeof(addr);
        auto* a = reinterpret_cast<sockaddr*>(&addr);
        if ((local ? ::getsockname(sock_, a, &len) : ::getpeername(sock_, a, &len)) != 0) return;
        std::array<char, NI_MAXHOST> host{};
        std::array<char, NI_MAXSERV> serv{};
        if (::getnameinfo(a, len, host.data(), host.size(), serv.data(), serv.size(),
                          NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
            ip = host.data();
            port = static_cast<int>(std::strtol(serv.data(), nullptr, 10));
        }
    }

private:
    static constexpr std::size_t max_line_bytes = 8192;  ///< cpp-httplib's CPPHTTPLIB_HEADER_MAX_LENGTH

    /// Polls in short slices so that a stopping server does not wait for slow clients.
    bool wait(short events, connection::clock::time_point deadline) const {
        for (;;) {
            if (listening_.load() == INVALID_SOCKET) return false;
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - connection::clock::now());
            if (left.count() <= 0) return false;
            pollfd p{sock_, events, 0};
            const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
            if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
            if (r < 0 && errno != EINTR) return false;
        }
    }

    int sock_;
    const httplib_server_options& options_;
    const std::atomic<int>& listening_;
    connection& state_;
    std::array<char, 4096> buffer_{};
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::size_t header_bytes_ = 0;
    std::size_t line_bytes_ = 0;
    std::size_t lines_ = 0;
    connection::clock::time_point header_deadline_{};
};

/// cpp-httplib's Server with our connection loop, socket options and backlog.
class hardened_server final : public httplib::Server {
public:
    explicit hardened_server(const httplib_server_options& o) : options_(o) {
        new_task_queue = [o] { return new elastic_pool(o.threads, o.max_threads, o.stall); };
        set_socket_options([](socket_t sock) {
            int yes = 1;  // rebind after a restart (TIME_WAIT), but never share a live port
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        });
        set_tcp_nodelay(true);
        set_payload_max_length(o.max_body);
        set_keep_alive_max_count(std::max<std::size_t>(1, o.keep_alive_max_requests));
        set_read_timeout(o.read_timeout);
        set_write_timeout(o.write_timeout);
        // Only what the Keep-Alive reply header announces: connection_stream enforces it.
        set_keep_alive_timeout(std::max<time_t>(
            1, static_cast<time_t>(std::chrono::duration_cast<std::chrono::seconds>(o.keep_alive_timeout).count())));
    }

    /// After bind: the backlog cpp-httplib fixes at 5 at build time. Linux applies a second
    /// listen() on a listening socket.
    bool widen_backlog() { return ::listen(svr_sock_, options_.backlog) == 0; }

private:
    bool process_and_close_socket(socket_t sock) override {
        connection state;
        connection_stream stream(sock, options_, svr_sock_, state);
        int nodelay = 1;
        ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof(nodelay));
        int port = 0;
        stream.get_remote_ip_and_port(state.remote_address, port);
        current_connection = &state;
        bool ok = true;
        for (std::size_t left = options_.keep_alive_max_requests; ok && left > 0; --left) {
            if (!stream.wait_readable(options_.keep_alive_timeout)) break;
            state.request_started = connection::clock::now();
            state.handled = false;
            state.body_bytes = 0;
            stream.start_request();
            bool closed = false;
            ok = process_request(stream, left == 1, closed, [&](httplib::Request&) { stream.headers_done(); });
            if (closed || state.close_after || state.header_too_large || state.header_timed_out) break;
        }
        if (state.close_after) stream.linger();
        current_connection = nullptr;
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return ok;
    }

    httplib_server_options options_;
};

inline bool is_pseudo_header(std::string_view name) {
    // cpp-httplib adds the peer's address as headers; they did not come from the client.
    return iequals(name, "REMOTE_ADDR") || iequals(name, "REMOTE_PORT") || iequals(name, "LOCAL_ADDR") ||
           iequals(name, "LOCAL_PORT");
}

inline http_request to_request(const httplib::Request& in) {
    http_request out;
    out.method = in.method;
    out.target = in.target;  // as received: path and percent-encoded query
    for (const auto& [name, value] : in.headers)
        if (!is_pseudo_header(name)) out.headers.push_back({name, value});
    return out;
}

}  // namespace detail

/// An HTTP server (cpp-httplib, hardened) that hands every request to a handler `http_response(const http_request&)`,
/// such as a koodrive::ose::testing::simulator.
class httplib_server {
public:
    /// A server for `handler`, not yet bound.
    template <class Handler>
    explicit httplib_server(Handler handler, httplib_server_options options = {})
            : options_(options), server_(std::make_unique<detail::hardened_server>(options_)) {
        mount(std::function<http_response(const http_request&)>(std::move(handler)));
    }
    httplib_server(const httplib_server&) = delete;
    httplib_server& operator=(const httplib_server&) = delete;
    ~httplib_server() { stop(); }

    /// Binds `host`:`port` (0: a port the OS chooses) and listens; the port, or -1 (see
    /// bind_error()) when the port is in use or the host cannot be bound.
    int bind(const std::string& host, int port) {
        errno = 0;
        port_ = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
        if (port_ < 0) {
            const int e = errno;
            bind_error_ = "cannot listen on " + host + ":" + std::to_string(port) + ": " +
                          (e == EADDRINUSE ? std::string("the port is already in use")
                           : e != 0        ? std::string(std::strerror(e))
                                           : std::string("the host cannot be bound"));
            return -1;
        }
        if (!server_->widen_backlog()) {
            bind_error_ = "listen(): " + std::string(std::strerror(errno));
            server_->stop();
            port_ = -1;
        }
        return port_;
    }
    /// Why bind() failed.
    [[nodiscard]] const std::string& bind_error() const noexcept { return bind_error_; }
    /// The bound port, or -1.
    [[nodiscard]] int port() const noexcept { return port_; }

    /// Serves until stop(); false when not bound or the accept loop failed.
    bool listen() { return port_ > 0 && server_->listen_after_bind(); }
    /// From any thread: stops accepting, lets the connections being served finish (each within
    /// its timeouts), and makes listen() return.
    void stop() { server_->stop(); }
    /// Whether the accept loop runs.
    [[nodiscard]] bool is_running() const { return server_->is_running(); }

    /// Called after each reply is sent, from the serving thread. Set before listen().
    void on_exchange(std::function<void(const exchange_record&)> log) { log_ = std::move(log); }

private:
    using handler_type = std::function<http_response(const http_request&)>;

    static void refuse(httplib::Response& out, int status) {
        out.status = status;
        out.set_content(error_body(status), "application/json");
        if (detail::current_connection != nullptr) detail::current_connection->close_after = true;
    }

    static void answer(httplib::Response& out, http_response reply) {
        out.status = reply.status;
        std::string content_type = "application/json";
        for (auto& h : reply.headers) {
            if (iequals(h.name, "Content-Type"))
                content_type = std::move(h.value);
            else if (!iequals(h.name, "Content-Length") && !iequals(h.name, "Connection"))
                out.set_header(h.name, h.value);
        }
        out.body = std::move(reply.body);
        out.set_header("Content-Type", content_type);
    }

    /// Content-Length as a number; -1 when absent, -2 when malformed or repeated.
    static long long content_length(const httplib::Request& in) {
        const std::size_t count = in.get_header_value_count("Content-Length");
        if (count == 0) return -1;
        if (count > 1) return -2;
        const std::string& v = in.get_header_value("Content-Length");
        if (v.empty() || v.size() > 18) return -2;
        long long n = 0;
        for (char c : v) {
            if (c < '0' || c > '9') return -2;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    void mount(handler_type handler) {
        auto serve = std::make_shared<handler_type>(std::move(handler));
        const std::size_t max_body = options_.max_body;

        // Before any of the body is read: framing, size, and every request without a body.
        server_->set_pre_routing_handler([serve, max_body](const httplib::Request& in, httplib::Response& out) {
            using handled = httplib::Server::HandlerResponse;
            const long long length = content_length(in);
            const bool chunked = in.has_header("Transfer-Encoding");
            if (length == -2 ||
                (chunked && (length >= 0 || !iequals(in.get_header_value("Transfer-Encoding"), "chunked") ||
                             in.get_header_value_count("Transfer-Encoding") > 1))) {
                refuse(out, 400);
                return handled::Handled;
            }
            const bool has_body = chunked || length > 0;
            const bool body_method =
                in.method == "POST" || in.method == "PUT" || in.method == "PATCH" || in.method == "DELETE";
            if (has_body && !body_method) {  // cpp-httplib would take the body for the next request
                refuse(out, 400);
                return handled::Handled;
            }
            if (length > 0 && static_cast<unsigned long long>(length) > max_body) {
                refuse(out, 413);
                return handled::Handled;
            }
            if (has_body) return handled::Unhandled;  // to the body reader below
            if (detail::current_connection != nullptr) detail::current_connection->handled = true;
            answer(out, (*serve)(detail::to_request(in)));
            return handled::Handled;
        });

        // `Expect: 100-continue` with a body too large: refused before the client sends it.
        server_->set_expect_100_continue_handler([max_body](const httplib::Request& in, httplib::Response& out) {
            const long long length = content_length(in);
            if (length > 0 && static_cast<unsigned long long>(length) > max_body) {
                refuse(out, 413);
                return 413;
            }
            return 100;
        });

        // A body, read straight into the request the handler gets (no second copy).
        auto with_body = [serve, max_body](const httplib::Request& in, httplib::Response& out,
                                           const httplib::ContentReader& read) {
            http_request request = detail::to_request(in);
            const long long length = content_length(in);
            if (length > 0) request.body.reserve(static_cast<std::size_t>(length));
            bool too_large = false;
            const bool complete = read([&](const char* data, std::size_t n) {
                if (request.body.size() + n > max_body) {
                    too_large = true;
                    return false;
                }
                request.body.append(data, n);
                return true;
            });
            if (detail::current_connection != nullptr) detail::current_connection->body_bytes = request.body.size();
            if (!complete) {
                refuse(out, too_large ? 413 : 400);
                return;
            }
            if (detail::current_connection != nullptr) detail::current_connection->handled = true;
            answer(out, (*serve)(request));
        };
        server_->Post(".*", with_body);
        server_->Put(".*", with_body);
        server_->Patch(".*", with_body);
        server_->Delete(".*", with_body);

        // Every status cpp-httplib sets itself gets the API's JSON body; a refusal of the parser
        // (the request could not be read) also closes the connection.
        server_->set_error_handler(
            httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& out) {
                detail::connection* c = detail::current_connection;
                if (c != nullptr && !c->handled) {
                    if (c->header_timed_out && out.status == 400) out.status = 408;
                    if (c->header_too_large && out.status == 400) out.status = 431;
                    if (out.body.empty()) c->close_after = true;
                }
                if (out.body.empty()) out.set_content(error_body(out.status), "application/json");
                return httplib::Server::HandlerResponse::Handled;
            }));
        server_->set_post_routing_handler([](const httplib::Request&, httplib::Response& out) {
            detail::connection* c = detail::current_connection;
            if (c != nullptr && (c->close_after || c->header_too_large || c->header_timed_out)) {
                out.headers.erase("Keep-Alive");
                out.set_header("Connection", "close");
            }
        });
        server_->set_logger([this](const httplib::Request& in, const httplib::Response& out) {
            if (!log_) return;
            detail::connection* c = detail::current_connection;
            const http_request request = detail::to_request(in);
            const auto took = c == nullptr ? std::chrono::microseconds(0)
                                           : std::chrono::duration_cast<std::chrono::microseconds>(
                                                 detail::connection::clock::now() - c->request_started);
            log_(exchange_record{request, out.status, c == nullptr ? in.body.size() : c->body_bytes, out.body.size(),
                                 c == nullptr ? std::string_view(in.remote_addr) : std::string_view(c->remote_address),
                                 took, c != nullptr && c->handled});
        });
    }

    httplib_server_options options_;
    std::unique_ptr<detail::hardened_server> server_;
    std::function<void(const exchange_record&)> log_;
    std::string bind_error_;
    int port_ = -1;
};

/// A server on 127.0.0.1 with a port the OS chooses, listening on its own thread until the
/// object is destroyed. For tests and demos.
class loopback_server {
public:
    /// Binds 127.0.0.1 on a free port and serves `handler` on its own thread.
    template <class Handler>
    explicit loopback_server(Handler handler, httplib_server_options options = {})
            : server_(std::move(handler), options) {
        if (server_.bind("127.0.0.1", 0) > 0) {
            thread_ = std::thread([this] { server_.listen(); });
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

    /// Whether it is listening.
    [[nodiscard]] bool ok() const noexcept { return server_.port() > 0; }
    /// The port it listens on.
    [[nodiscard]] int port() const noexcept { return server_.port(); }
    /// `http://127.0.0.1:PORT`, for a transport.
    [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
    /// The server, e.g. to set an access log.
    [[nodiscard]] httplib_server& server() noexcept { return server_; }

private:
    httplib_server server_;
    std::thread thread_;
};

}  // namespace adapters
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ADAPTERS_HTTPLIB_SERVER_HPP
