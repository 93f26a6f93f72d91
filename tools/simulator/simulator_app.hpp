// koodrive-ose-simulator: the KooDrive OSE simulator (testing/simulator.hpp) as a standalone HTTP
// service, for clients in any language (curl, Python, Java, a CI job), in the manner of
// LocalStack, moto or Azurite. Shared by tools/simulator/main.cpp and the demo's --serve.
//
// One line on stdout when it accepts connections (`listening on http://HOST:PORT`), then one
// JSON object per exchange (the access log; no header value other than X-User-Id and X-Traceid,
// no query, no body: never a secret), unless --quiet. SIGINT and SIGTERM stop it cleanly.
#ifndef KOODRIVE_OSE_SIMULATOR_APP_HPP
#define KOODRIVE_OSE_SIMULATOR_APP_HPP

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "koodrive/ose/adapters/httplib_server.hpp"
#include "koodrive/ose/testing/simulator.hpp"

namespace koodrive_ose_simulator {

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;

struct config {
    std::string host = "127.0.0.1";
    int port = 8080;
    sim::simulator_options simulator;
    std::chrono::milliseconds clock_offset{0};
    std::vector<sim::fault> faults;
    ose::adapters::httplib_server_options server;
    bool quiet = false;
    std::string access_log;  // a file; empty: stdout
};

inline constexpr std::string_view usage_text =
    R"(usage: koodrive-ose-simulator [OPTION]...

Serves the KooDrive OSE open API (all five endpoints) from memory, over HTTP/1.1, for tests
and demos of clients in any language. Jobs and share tasks move from pending through processing
to completed as time passes.

  --host HOST              address to listen on (default 127.0.0.1; 0.0.0.0 exposes it)
  --port PORT              port (default 8080; 0: one the OS chooses, see the ready line)
  --token TOKEN            the only access token accepted, as `Bearer+TOKEN` or `Bearer TOKEN`
                           (scheme in any case); default: $KOODRIVE_TOKEN, else any token
  --user ID                the only X-User-Id accepted (default: any; data is kept per user)
  --agent NAME             the only X-Hw-Agentname accepted on share endpoints (default: any)
  --app-id ID, --app-secret SECRET
                           verify HMAC-SHA256 signed requests with these app credentials
                           (default secret: $KOODRIVE_APP_SECRET; without both, signed requests get 401)
  --batch-pending D, --batch-processing D
                           how long a batch job stays pending, then processing (default 2s, 10s)
  --share-pending D, --share-processing D
                           the same for share tasks (default 1s, 4s)
  --fault KIND[:OPERATION][:TIMES][:EVERY]
                           inject a fault (repeatable; faults queue up in order):
                             KIND       internal_error (500 JSON), unavailable (503 HTML),
                                        truncated_body (served, reply cut in half),
                                        slow_reply (served after --slow-reply-delay)
                             OPERATION  create_batch_task, list_batch_tasks, create_share_task,
                                        create_task, query_share_task, or any (default)
                             TIMES      how many requests it hits (default 1; `always`: forever)
                             EVERY      fire on every n-th matching request (default 1)
                           e.g. --fault unavailable:list_batch_tasks:3:2
  --slow-reply-delay D     how long a slow_reply fault waits (default 1s)
  --clock-offset D         run the simulator's clock ahead (or behind, with -) of the system
                           clock, e.g. -20m: X-Date is checked against it (15 minutes window)
  --threads N              threads serving connections (default 16); when every one is held by
                           a slow or idle client for 10 ms, more start, up to
  --max-threads N          (default 512)
  --max-body BYTES         larger request bodies are refused with 413 (default 16777216)
  --header-timeout D       time allowed for the request line and headers (default 10s)
  --read-timeout D         each wait for body bytes (default 5s)
  --keep-alive-timeout D   idle keep-alive connections close after it (default 5s)
  --access-log FILE        append the access log (JSON lines) to FILE instead of stdout
  --quiet                  no access log
  --help                   this text

D is a duration with a unit: 250ms, 2s, 15m, 1h. Every status, 404, 405, 413 and 431 included,
is answered with the API's JSON error body {"code": ..., "msg": ...} (but the unavailable fault,
which imitates a gateway's HTML page). The ready line is `listening on http://HOST:PORT`; then,
unless --quiet, one JSON object per exchange: time, remote, method, path (no query), status,
operation, user, trace_id, request_bytes, response_bytes, duration_us, refused. No token,
secret or body is ever logged. SIGINT or SIGTERM stops it (exit status 0).
)";

// ---- parsing -----------------------------------------------------------------------------

inline std::optional<long long> parse_integer(std::string_view s, long long min, long long max) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    long long v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    if (v < min || v > max) return std::nullopt;
    return v;
}

// "250ms", "2s", "15m", "1h"; a leading '-' when `signed_ok`.
inline std::optional<std::chrono::milliseconds> parse_duration(std::string_view s, bool signed_ok = false) {
    bool negative = false;
    if (signed_ok && !s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    const auto n = parse_integer(s.substr(0, digits), 0, 1'000'000'000);
    if (!n) return std::nullopt;
    const std::string_view unit = s.substr(digits);
    long long ms = 0;
    if (unit == "ms")
        ms = *n;
    else if (unit == "s")
        ms = *n * 1000;
    else if (unit == "m")
        ms = *n * 60'000;
    else if (unit == "h")
        ms = *n * 3'600'000;
    else
        return std::nullopt;
    return std::chrono::milliseconds(negative ? -ms : ms);
}

inline std::optional<sim::operation> parse_operation(std::string_view s) {
    constexpr std::pair<std::string_view, sim::operation> names[] = {
        {"create_batch_task", sim::operation::create_batch_task},
        {"list_batch_tasks", sim::operation::list_batch_tasks},
        {"create_share_task", sim::operation::create_share_task},
        {"create_task", sim::operation::create_task},
        {"query_share_task", sim::operation::query_share_task}};
    for (const auto& [name, op] : names)
        if (s == name) return op;
    return std::nullopt;
}

inline std::optional<sim::fault_kind> parse_fault_kind(std::string_view s) {
    for (auto k : {sim::fault_kind::internal_error, sim::fault_kind::unavailable, sim::fault_kind::truncated_body,
                   sim::fault_kind::slow_reply})
        if (s == sim::to_string(k)) return k;
    return std::nullopt;
}

// KIND[:OPERATION][:TIMES][:EVERY]; the error names the part that is wrong.
inline std::optional<sim::fault> parse_fault(std::string_view spec, std::chrono::milliseconds delay, std::string& why) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t colon = spec.find(':', start);
        parts.push_back(spec.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos) break;
        start = colon + 1;
    }
    if (parts.size() > 4) {
        why = "expected KIND[:OPERATION][:TIMES][:EVERY]";
        return std::nullopt;
    }
    sim::fault f;
    f.delay = delay;
    const auto kind = parse_fault_kind(parts[0]);
    if (!kind) {
        why = "unknown KIND (internal_error, unavailable, truncated_body, slow_reply)";
        return std::nullopt;
    }
    f.kind = *kind;
    if (parts.size() > 1 && !parts[1].empty() && parts[1] != "any") {
        f.only = parse_operation(parts[1]);
        if (!f.only) {
            why =
                "unknown OPERATION (create_batch_task, list_batch_tasks, create_share_task, create_task, "
                "query_share_task, any)";
            return std::nullopt;
        }
    }
    if (parts.size() > 2 && !parts[2].empty()) {
        if (parts[2] == "always") {
            f.times = std::numeric_limits<std::size_t>::max();
        } else if (const auto n = parse_integer(parts[2], 1, 1'000'000'000)) {
            f.times = static_cast<std::size_t>(*n);
        } else {
            why = "TIMES must be a number from 1, or always";
            return std::nullopt;
        }
    }
    if (parts.size() > 3 && !parts[3].empty()) {
        const auto n = parse_integer(parts[3], 1, 1'000'000'000);
        if (!n) {
            why = "EVERY must be a number from 1";
            return std::nullopt;
        }
        f.every = static_cast<std::size_t>(*n);
    }
    return f;
}

// Parses the command line into `c`; returns an exit status to stop with (0 after --help), or
// nothing to go on. Errors name the option, never its value (it may be a secret).
inline std::optional<int> parse_arguments(int argc, char** argv, config& c) {
    if (const char* t = std::getenv("KOODRIVE_TOKEN")) c.simulator.access_token = t;
    if (const char* s = std::getenv("KOODRIVE_APP_SECRET")) c.simulator.app_secret = s;
    c.simulator.batch = {.pending = std::chrono::seconds(2), .processing = std::chrono::seconds(10)};
    c.simulator.share = {.pending = std::chrono::seconds(1), .processing = std::chrono::seconds(4)};
    std::chrono::milliseconds slow_delay{1000};
    std::vector<std::string_view> fault_specs;
    auto fail = [](std::string_view option, std::string_view why) {
        std::fprintf(stderr, "koodrive-ose-simulator: %.*s: %.*s (see --help)\n", static_cast<int>(option.size()),
                     option.data(), static_cast<int>(why.size()), why.data());
        return 2;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            std::fwrite(usage_text.data(), 1, usage_text.size(), stdout);
            return 0;
        }
        if (option == "--quiet") {
            c.quiet = true;
            continue;
        }
        if (i + 1 >= argc) return fail(option, option.starts_with("--") ? "needs a value" : "unknown option");
        const std::string_view value = argv[++i];
        auto duration = [&](std::chrono::milliseconds& out, bool signed_ok = false) -> std::optional<int> {
            const auto d = parse_duration(value, signed_ok);
            if (!d) return fail(option, "expected a duration such as 250ms, 2s, 15m or 1h");
            out = *d;
            return std::nullopt;
        };
        std::optional<int> bad;
        if (option == "--host") {
            c.host = value;
        } else if (option == "--port") {
            const auto n = parse_integer(value, 0, 65535);
            if (!n) return fail(option, "expected a port number from 0 to 65535");
            c.port = static_cast<int>(*n);
        } else if (option == "--token") {
            c.simulator.access_token = value;
        } else if (option == "--user") {
            c.simulator.user_id = value;
        } else if (option == "--agent") {
            c.simulator.agent_name = value;
        } else if (option == "--app-id") {
            c.simulator.app_id = value;
        } else if (option == "--app-secret") {
            c.simulator.app_secret = value;
        } else if (option == "--batch-pending") {
            bad = duration(c.simulator.batch.pending);
        } else if (option == "--batch-processing") {
            bad = duration(c.simulator.batch.processing);
        } else if (option == "--share-pending") {
            bad = duration(c.simulator.share.pending);
        } else if (option == "--share-processing") {
            bad = duration(c.simulator.share.processing);
        } else if (option == "--slow-reply-delay") {
            bad = duration(slow_delay);
        } else if (option == "--clock-offset") {
            bad = duration(c.clock_offset, true);
        } else if (option == "--fault") {
            fault_specs.push_back(value);
        } else if (option == "--threads") {
            const auto n = parse_integer(value, 1, 4096);
            if (!n) return fail(option, "expected a number from 1 to 4096");
            c.server.threads = static_cast<std::size_t>(*n);
        } else if (option == "--max-threads") {
            const auto n = parse_integer(value, 1, 4096);
            if (!n) return fail(option, "expected a number from 1 to 4096");
            c.server.max_threads = static_cast<std::size_t>(*n);
        } else if (option == "--max-body") {
            const auto n = parse_integer(value, 1, 1ll << 40);
            if (!n) return fail(option, "expected a number of bytes from 1");
            c.server.max_body = static_cast<std::size_t>(*n);
            c.simulator.limits.max_input_bytes = c.server.max_body;
        } else if (option == "--header-timeout") {
            bad = duration(c.server.header_timeout);
        } else if (option == "--read-timeout") {
            bad = duration(c.server.read_timeout);
        } else if (option == "--keep-alive-timeout") {
            bad = duration(c.server.keep_alive_timeout);
        } else if (option == "--access-log") {
            c.access_log = value;
        } else {
            return fail(option, "unknown option");
        }
        if (bad) return bad;
    }
    for (const std::string_view spec : fault_specs) {
        std::string why;
        auto f = parse_fault(spec, slow_delay, why);
        if (!f) return fail("--fault", why);
        c.faults.push_back(*f);
    }
    return std::nullopt;
}

// ---- the access log ----------------------------------------------------------------------

// A JSON string of at most `max` input bytes; anything but printable ASCII as \u00XX.
inline void append_json_string(std::string& out, std::string_view s, std::size_t max = 256) {
    constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char ch : s.substr(0, max)) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c >= 0x20 && c < 0x7f) {
            out += ch;
        } else {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out += '"';
}

inline std::string utc_timestamp(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms % 1000));
    return std::string(buf, n) + frac;
}

inline std::string_view operation_of(const ose::http_request& r) {
    const std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
    if (path == ose::endpoint<ose::create_batch_task_request>::path)
        return r.method == "POST" ? "create_batch_task" : r.method == "GET" ? "list_batch_tasks" : "";
    if (path == ose::endpoint<ose::create_share_task_request>::path) return "create_share_task";
    if (path == ose::endpoint<ose::create_task_request>::path) return "create_task";
    if (path == ose::endpoint<ose::query_share_task_request>::path) return "query_share_task";
    return "";
}

inline std::string access_log_line(const ose::adapters::exchange_record& e) {
    std::string line = "{\"time\":";
    append_json_string(line, utc_timestamp(std::chrono::system_clock::now()));
    line += ",\"remote\":";
    append_json_string(line, e.remote_address);
    line += ",\"method\":";
    append_json_string(line, e.request.method, 16);
    line += ",\"path\":";
    append_json_string(line, std::string_view(e.request.target).substr(0, e.request.target.find('?')));
    line += ",\"status\":" + std::to_string(e.status);
    line += ",\"operation\":";
    append_json_string(line, operation_of(e.request));
    line += ",\"user\":";
    append_json_string(line, e.request.header("X-User-Id"), 64);
    line += ",\"trace_id\":";
    append_json_string(line, e.request.header("X-Traceid"), 64);
    line += ",\"request_bytes\":" + std::to_string(e.request_body_bytes);
    line += ",\"response_bytes\":" + std::to_string(e.response_body_bytes);
    line += ",\"duration_us\":" + std::to_string(e.duration.count());
    line += e.handled ? ",\"refused\":false}\n" : ",\"refused\":true}\n";
    return line;
}

// ---- running -----------------------------------------------------------------------------

// Serves until SIGINT or SIGTERM. `on_ready(host, port)` runs once the port listens; by default
// it prints the ready line. Returns the process's exit status.
inline int run(config c, const std::function<void(const std::string&, int)>& on_ready = {}) {
    // Signals go to one thread that waits for them; every other thread (the server's) blocks them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    if (c.clock_offset.count() != 0) {
        const auto offset = c.clock_offset;
        c.simulator.clock = [offset] { return std::chrono::system_clock::now() + offset; };
    }
    // A slow reply really waits here: clients see the delay.
    c.simulator.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    sim::simulator simulator(c.simulator);
    for (const auto& f : c.faults) simulator.inject(f);

    std::FILE* log = nullptr;
    if (!c.quiet) {
        log = c.access_log.empty() ? stdout : std::fopen(c.access_log.c_str(), "a");
        if (log == nullptr) {
            std::fprintf(stderr, "koodrive-ose-simulator: --access-log: cannot open the file\n");
            return 1;
        }
    }

    ose::adapters::httplib_server server([&](const ose::http_request& r) { return simulator(r); }, c.server);
    std::mutex log_mutex;
    if (log != nullptr) {
        server.on_exchange([&](const ose::adapters::exchange_record& e) {
            const std::string line = access_log_line(e);
            std::lock_guard lock(log_mutex);
            std::fwrite(line.data(), 1, line.size(), log);
            std::fflush(log);
        });
    }
    const int port = server.bind(c.host, c.port);
    if (port < 0) {
        std::fprintf(stderr, "koodrive-ose-simulator: %s\n", server.bind_error().c_str());
        if (log != nullptr && log != stdout) std::fclose(log);
        return 1;
    }

    std::atomic<bool> finished{false};
    std::thread stopper([&] {
        const timespec slice{0, 100'000'000};
        while (!finished.load()) {
            if (sigtimedwait(&stop_signals, nullptr, &slice) < 0) continue;  // timeout or EINTR
            // The accept loop may not have started yet: stop() only stops a running one.
            while (!server.is_running() && !finished.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            server.stop();
            return;
        }
    });
    {
        std::lock_guard lock(log_mutex);
        if (on_ready)
            on_ready(c.host, port);
        else
            std::printf("listening on http://%s:%d\n",
                        c.host.find(':') == std::string::npos ? c.host.c_str() : ("[" + c.host + "]").c_str(), port);
        std::fflush(stdout);
    }
    const bool ok = server.listen();
    finished = true;
    stopper.join();
    if (log != nullptr && log != stdout) std::fclose(log);
    const auto st = simulator.stats();
    if (!c.quiet)
        std::fprintf(stderr, "koodrive-ose-simulator: stopped after %zu requests (%zu answered 200)\n", st.requests,
                     st.succeeded);
    return ok ? 0 : 1;
}

}  // namespace koodrive_ose_simulator

#endif  // KOODRIVE_OSE_SIMULATOR_APP_HPP
