// koodrive-ose testing: a KooDrive OSE simulator, for tests and demos without the service.
//
// Not part of the core: include it on its own (`koodrive/ose.hpp` does not include it).
//
//   ose::testing::simulator sim;                       // all five endpoints, in memory
//   ose::client client([&](const ose::http_request& r) { return sim(r); }, settings, env);
//
// `simulator` is a callable `http_response(const http_request&)`, the shape of the transport
// a client takes, so it can stand in for the network in-process, or be mounted on an HTTP
// server (see adapters/httplib_server.hpp and the koodrive-ose-simulator executable). It reads requests with the
// library's own decoders (`decode<...>`, `decode_query` for the list), checks each endpoint's headers, keeps batch jobs
// and share tasks whose status and progress follow its clock, and answers with the library's encoders. Faults (500, 503
// with HTML, a truncated body, a slow reply) are injected on demand. It is thread safe: every call takes one mutex.
//
// Answers, in the order they are checked:
//   unknown path 404, wrong method 405 (both {code,msg}; 405 with Allow)
//   an injected 500 or 503 fault (before anything else, like a failing gateway)
//   401 {code: options.unauthorized_code, msg}  Authorization missing (where required),
//       wrong token, bad or unknown signature; X-User-Id not the configured user;
//       X-Date more than 15 minutes before the simulator's clock, or after it
//   400 {code: 13000102, msg: "Verify parameters failed. (...)"}  a single-valued header
//       sent twice (Authorization, X-User-Id, X-Date, X-Traceid, Host, ...: checked first), a
//       header missing or malformed (X-User-Id, X-Date, X-Traceid, language, X-Hw-Agentname,
//       Host, Content-Type), a body or query the decoders reject, an unknown share task
//   413 {code: "413", msg}  a body over options.limits.max_input_bytes
// The Authorization scheme (Bearer, AT, HMAC-SHA256) is matched in any case (RFC 7235); the
// token, never.
//   200 with the endpoint's response
// The detail in parentheses comes from the library's errors, which name a field or header and
// a rule but never a value: no token, password or kdstoken is ever echoed.
#ifndef KOODRIVE_OSE_TESTING_SIMULATOR_HPP
#define KOODRIVE_OSE_TESTING_SIMULATOR_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../ascii.hpp"
#include "../codec_impl.hpp"
#include "../detail/header_error.hpp"
#include "../endpoints.hpp"
#include "../enums.hpp"
#include "../error.hpp"
#include "../header_values.hpp"
#include "../hmac.hpp"
#include "../http.hpp"
#include "../http_date.hpp"
#include "../messages/batch_tasks.hpp"
#include "../messages/share_tasks.hpp"
#include "../messages/transfer_tasks.hpp"
#include "../query.hpp"
#include "../response_reader.hpp"
#include "../signing.hpp"
#include "../time.hpp"
#include "../trace_id.hpp"
#include "../uri.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace testing {

/// The simulator's time.
using time_point = std::chrono::system_clock::time_point;

/// The five endpoints, to aim a fault at one of them.
enum class operation : std::uint8_t {
    create_batch_task,
    list_batch_tasks,
    create_share_task,
    create_task,
    query_share_task
};

/// The endpoint's name, e.g. "create batch task".
constexpr std::string_view to_string(operation o) noexcept {
    switch (o) {
    case operation::create_batch_task: return "create batch task";
    case operation::list_batch_tasks: return "list batch tasks";
    case operation::create_share_task: return "create share task";
    case operation::create_task: return "create task";
    case operation::query_share_task: return "query share task";
    }
    return "?";
}

/// What an injected fault does.
enum class fault_kind : std::uint8_t {
    internal_error,  ///< HTTP 500 with {code: options.internal_error_code, msg}; nothing is done
    unavailable,     ///< HTTP 503 with an HTML body, as a gateway sends it; nothing is done
    truncated_body,  ///< the request is served (a task is created), but the 200 body is cut in half
    slow_reply,      ///< the request is served after options.sleep(delay)
    reply_lost,      ///< the request is served (a task is created), then the reply is lost: see lost_reply_header
};

/// The fault's name.
constexpr std::string_view to_string(fault_kind k) noexcept {
    switch (k) {
    case fault_kind::internal_error: return "internal_error";
    case fault_kind::unavailable: return "unavailable";
    case fault_kind::truncated_body: return "truncated_body";
    case fault_kind::slow_reply: return "slow_reply";
    case fault_kind::reply_lost: return "reply_lost";
    }
    return "?";
}

/// One injected fault. Faults wait in a queue; a request consults the first one that matches
/// its endpoint: that fault fires on every `every`-th request it sees, `times` times, then
/// leaves the queue.
struct fault {
    fault_kind kind = fault_kind::internal_error;  ///< what happens
    std::optional<operation> only;                 ///< any endpoint when empty
    std::size_t times = 1;                         ///< how many requests it hits before it is spent
    std::size_t every = 1;                         ///< fire on every n-th matching request (1: each)
    std::chrono::milliseconds delay{1000};         ///< slow_reply: how long the reply takes
};

/// How long a task stays in each state, in simulated time.
struct task_timing {
    std::chrono::milliseconds pending{2000};      ///< pending, then
    std::chrono::milliseconds processing{10000};  ///< processing (progress 0 -> 100), then completed
};

/// How the simulator behaves: whom it accepts, its clock, how long tasks take.
struct simulator_options {
    /// Authorization: empty accepts any `Bearer+`/`Bearer ` token; otherwise only this token
    /// (as `Bearer+{token}`, `Bearer {token}`, or verbatim when it carries its scheme).
    std::string access_token;
    /// App credentials: when both are set, requests signed with them (HMAC-SHA256 AppId=...)
    /// are verified like the service does; with none, a signed request gets 401.
    std::string app_id;
    std::string app_secret;  ///< the HMAC key of signed requests
    /// X-User-Id: empty accepts any; otherwise only this user (others get 401). Jobs and share
    /// tasks are kept per user: one user never sees another's.
    std::string user_id;
    /// X-Hw-Agentname (share endpoints): empty accepts any non-empty name; otherwise only this.
    std::string agent_name;

    /// The clock the simulator reads (plus whatever advance() added). Share it with the client's
    /// environment so that X-Date and task progress agree.
    std::function<time_point()> clock = [] { return std::chrono::system_clock::now(); };
    /// What a slow_reply fault does with its delay. Empty: advance the simulator's own clock by
    /// the delay (simulated time passes; no real sleeping). Called without the lock held.
    std::function<void(std::chrono::milliseconds)> sleep;

    task_timing batch{};                                    ///< how long batch jobs take
    task_timing share{};                                    ///< how long share tasks take
    task_result batch_result = task_result::all_succeeded;  ///< how finished jobs end
    task_result share_result = task_result::all_succeeded;  ///< how finished share tasks end

    std::string first_task_id = "1320279189273965056";  ///< digits; later IDs count up from it
    std::string unauthorized_code = "APIGW.0301";       ///< the code of a 401 (a gateway's)
    std::string internal_error_code = "13000001";       ///< the code of an injected 500
    bool detailed_messages = true;  ///< append the reason, e.g. "(... at $.shareId: ...)", to 400/401 msgs
    bool send_date = true;          ///< a Date header (IMF-fixdate of the simulator's clock) on every reply
    /// Added to the simulator's clock: a service whose clock is behind the client's is a
    /// negative skew (the client's X-Date is then "later than now").
    std::chrono::milliseconds clock_skew{0};
    std::string fault_retry_after;  ///< a Retry-After ("2", an HTTP date) on injected 500 and 503 replies
    read_limits limits{};           ///< limits on the requests it reads
};

/// What the simulator has seen, for tests.
struct simulator_stats {
    std::size_t requests = 0;        ///< every call
    std::size_t succeeded = 0;       ///< answered 200 (truncated ones included)
    std::size_t unauthorized = 0;    ///< 401
    std::size_t bad_requests = 0;    ///< 400
    std::size_t not_found = 0;       ///< 404 and 405
    std::size_t faults = 0;          ///< injected faults that fired
    std::size_t batch_jobs = 0;      ///< created, over all users
    std::size_t share_tasks = 0;     ///< created, over all users
    std::size_t transfer_tasks = 0;  ///< created, over all users
};

/// A clock that stands still at `t` (advance the simulator to move it).
inline std::function<time_point()> fixed_clock(time_point t) {
    return [t] { return t; };
}

/// `yyyyMMddHHmmss`, UTC, the form of times in responses.
inline std::string format_compact_time(time_point t) {
    std::string x = format_x_date(t);  // yyyyMMdd'T'HHmmss'Z'
    return x.substr(0, 8) + x.substr(9, 6);
}

/// An in-memory KooDrive OSE service: serves all five endpoints from an http_request, checks headers and bodies as the
/// service does, and moves tasks along as its clock advances. Thread safe.
class simulator {
public:
    /// The code of a 400 answer.
    inline static constexpr std::string_view invalid_parameters_code = "13000102";
    /// The message of a 400 answer.
    inline static constexpr std::string_view invalid_parameters_msg = "Verify parameters failed.";

    /// A simulator with no jobs or tasks yet.
    explicit simulator(simulator_options options = {}) : options_(std::move(options)) {
        next_id_ = parse_id(options_.first_task_id);
    }

    simulator(const simulator&) = delete;
    simulator& operator=(const simulator&) = delete;

    /// A reply_lost fault answers 502 with this header: an in-process transport turns it into
    /// the failure it stands for (a reset after the request was applied); a server closes the
    /// connection without answering.
    inline static constexpr std::string_view lost_reply_header = "X-Simulator-Lost-Reply";

    /// Serves one request. Thread safe.
    http_response operator()(const http_request& request) {
        http_response reply = serve_request(request);
        if (options_.send_date) reply.headers.push_back({"Date", format_http_date(now())});
        return reply;
    }

private:
    http_response serve_request(const http_request& request) {
        const std::string_view target = request.target;
        const std::size_t q = target.find('?');
        const std::string_view path = target.substr(0, q);
        const std::string_view query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);

        std::optional<operation> op;
        bool wrong_method = false;
        auto route = [&](operation o, http_method m) {
            if (request.method == to_string(m))
                op = o;
            else
                wrong_method = true;
        };
        if (path == endpoint<create_batch_task_request>::path) {
            // Same path for both: POST creates, GET lists.
            if (request.method == "POST")
                op = operation::create_batch_task;
            else if (request.method == "GET")
                op = operation::list_batch_tasks;
            else
                wrong_method = true;
        } else if (path == endpoint<create_share_task_request>::path) {
            route(operation::create_share_task, endpoint<create_share_task_request>::method);
        } else if (path == endpoint<create_task_request>::path) {
            route(operation::create_task, endpoint<create_task_request>::method);
        } else if (path == endpoint<query_share_task_request>::path) {
            route(operation::query_share_task, endpoint<query_share_task_request>::method);
        }

        std::optional<fault> fired;
        {
            std::lock_guard lock(mutex_);
            ++stats_.requests;
            if (!op) {
                ++stats_.not_found;
                return wrong_method ? method_not_allowed(path) : json_reply(404, {"404", "Not found."});
            }
            fired = take_fault(*op);
            if (fired) {
                ++stats_.faults;
                if (fired->kind == fault_kind::internal_error)
                    return with_retry_after(json_reply(500, {options_.internal_error_code, "Internal server error."}),
                                            options_.fault_retry_after);
                if (fired->kind == fault_kind::unavailable)
                    return with_retry_after(unavailable_reply(), options_.fault_retry_after);
            }
        }
        if (fired && fired->kind == fault_kind::slow_reply) {
            if (options_.sleep)
                options_.sleep(fired->delay);
            else
                advance(fired->delay);
        }

        http_response reply;
        switch (*op) {
        case operation::create_batch_task: reply = serve<create_batch_task_request>(request, query); break;
        case operation::list_batch_tasks: reply = serve<list_batch_tasks_request>(request, query); break;
        case operation::create_share_task: reply = serve<create_share_task_request>(request, query); break;
        case operation::create_task: reply = serve<create_task_request>(request, query); break;
        case operation::query_share_task: reply = serve<query_share_task_request>(request, query); break;
        }
        if (fired && fired->kind == fault_kind::truncated_body && reply.status == 200)
            reply.body.resize(reply.body.size() / 2);
        if (fired && fired->kind == fault_kind::reply_lost) return lost_reply();
        return reply;
    }

public:
    // ---- the clock ----------------------------------------------------------------------

    /// The simulator's time: options.clock() plus everything advance() added.
    [[nodiscard]] time_point now() const {
        std::lock_guard lock(mutex_);
        return now_locked();
    }
    /// Moves the simulator's time forward by `d`.
    void advance(std::chrono::milliseconds d) {
        std::lock_guard lock(mutex_);
        offset_ += d;
    }
    /// A clock_source for the client's environment, reading this simulator's time. The
    /// simulator must outlive it.
    [[nodiscard]] std::function<time_point()> clock() const {
        return [this] { return now(); };
    }

    // ---- faults -------------------------------------------------------------------------

    /// Queues a fault (see fault).
    void inject(fault f) {
        if (f.times == 0) return;
        if (f.every == 0) f.every = 1;
        std::lock_guard lock(mutex_);
        faults_.push_back({f, 0});
    }
    /// Drops every queued fault.
    void clear_faults() {
        std::lock_guard lock(mutex_);
        faults_.clear();
    }
    /// How many faults are still queued.
    [[nodiscard]] std::size_t pending_faults() const {
        std::lock_guard lock(mutex_);
        return faults_.size();
    }

    // ---- state, for tests ---------------------------------------------------------------

    /// What the simulator has seen so far.
    [[nodiscard]] simulator_stats stats() const {
        std::lock_guard lock(mutex_);
        return stats_;
    }

    /// Every batch job of `user_id` as the list would show it now (newest first, unfiltered).
    [[nodiscard]] std::vector<batch_job_info> batch_jobs(std::string_view user_id) const {
        std::lock_guard lock(mutex_);
        std::vector<batch_job_info> out;
        const auto it = jobs_.find(std::string(user_id));
        if (it == jobs_.end()) return out;
        const time_point t = now_locked();
        for (auto j = it->second.rbegin(); j != it->second.rend(); ++j) out.push_back(job_view(*j, t));
        return out;
    }

    /// The share task with `task_id` as a query would show it now.
    [[nodiscard]] std::optional<query_share_task_response> share_task(std::string_view task_id) const {
        std::lock_guard lock(mutex_);
        const auto it = shares_.find(std::string(task_id));
        if (it == shares_.end()) return std::nullopt;
        return share_view(it->second, now_locked());
    }

    /// The create-task requests accepted so far, in order.
    [[nodiscard]] std::vector<create_task_request> transfer_tasks() const {
        std::lock_guard lock(mutex_);
        return transfers_;
    }

    /// Cancels a batch job or share task that has not ended; false if there is none such.
    bool cancel(std::string_view task_id) {
        std::lock_guard lock(mutex_);
        const time_point t = now_locked();
        for (auto& [user, jobs] : jobs_) {
            for (auto& j : jobs) {
                if (j.id != task_id) continue;
                if (is_final(phase(j.created, j.canceled, options_.batch, t))) return false;
                j.canceled = t;
                return true;
            }
        }
        const auto it = shares_.find(std::string(task_id));
        if (it == shares_.end() || is_final(phase(it->second.created, it->second.canceled, options_.share, t)))
            return false;
        it->second.canceled = t;
        return true;
    }

private:
    struct queued_fault {
        fault f;
        std::size_t seen;
    };

    struct batch_job {
        std::string id;
        create_batch_task_request request;
        time_point created;
        std::optional<time_point> canceled;
    };

    struct share_task_state {
        std::string id;
        /// X-User-Id: empty accepts any; otherwise only this user (others get 401). Jobs and share
        /// tasks are kept per user: one user never sees another's.
        std::string user_id;
        create_share_task_request request;  ///< its kdstoken is kept to check queries, never shown
        time_point created;
        std::optional<time_point> canceled;
    };

    // ---- helpers ------------------------------------------------------------------------

    static std::uint64_t parse_id(std::string_view s) {
        std::uint64_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10) return 1320279189273965056ull;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return s.empty() ? 1320279189273965056ull : v;
    }

    time_point now_locked() const { return options_.clock() + offset_ + options_.clock_skew; }

    std::string new_id() { return std::to_string(next_id_++); }

    std::optional<fault> take_fault(operation op) {
        for (auto it = faults_.begin(); it != faults_.end(); ++it) {
            if (it->f.only && *it->f.only != op) continue;
            if (++it->seen % it->f.every != 0) return std::nullopt;
            fault f = it->f;
            if (--it->f.times == 0) faults_.erase(it);
            return f;
        }
        return std::nullopt;
    }

    static http_response json_reply(int status, const api_error_body& body) {
        http_response r;
        r.status = status;
        r.headers.push_back({"Content-Type", "application/json"});
        encode_unchecked(body, r.body);
        return r;
    }

    static http_response with_retry_after(http_response r, const std::string& retry_after) {
        if (!retry_after.empty()) r.headers.push_back({"Retry-After", retry_after});
        return r;
    }

    /// What a gateway answers when the service's reply never reached it.
    static http_response lost_reply() {
        http_response r;
        r.status = 502;
        r.headers.push_back({"Content-Type", "text/html"});
        r.headers.push_back({std::string(lost_reply_header), "1"});
        r.body = "<html><body><h1>502 Bad Gateway</h1></body></html>\n";
        return r;
    }

    /// 405, with the methods the path has (RFC 9110 requires Allow).
    static http_response method_not_allowed(std::string_view path) {
        http_response r = json_reply(405, {"405", "Method not allowed."});
        r.headers.push_back({"Allow", path == endpoint<create_batch_task_request>::path ? "GET, POST" : "POST"});
        return r;
    }

    static http_response unavailable_reply() {
        http_response r;
        r.status = 503;
        r.headers.push_back({"Content-Type", "text/html"});
        r.body =
            "<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n"
            "<center><h1>503 Service Temporarily Unavailable</h1></center>\n</body>\n</html>\n";
        return r;
    }

    template <class Message>
    static http_response ok_reply(const Message& m) {
        http_response r;
        r.status = 200;
        r.headers.push_back({"Content-Type", "application/json"});
        if (auto ok = encode_to(m, r.body); !ok) {
            r = json_reply(500, {"13000001", "Internal server error."});
        }
        return r;
    }

    std::string with_detail(std::string_view base, const error& e) const {
        std::string msg(base);
        if (options_.detailed_messages) {
            msg += " (";
            msg += e.to_string();  // a path and a rule; the library's errors never hold values
            msg += ')';
        }
        return msg;
    }

    http_response bad_request(const error& e) {
        ++stats_.bad_requests;
        return json_reply(400, {std::string(invalid_parameters_code), with_detail(invalid_parameters_msg, e)});
    }
    http_response bad_request(std::string_view header, std::string_view why) {
        return bad_request(ose::detail::header_error(header, std::string(why)));
    }
    http_response unauthorized(const error& e) {
        ++stats_.unauthorized;
        return json_reply(401, {options_.unauthorized_code, with_detail("Incorrect authentication information.", e)});
    }
    http_response unauthorized(std::string_view header, std::string_view why) {
        return unauthorized(ose::detail::header_error(header, std::string(why)));
    }

    // ---- strictness: repeated headers, the auth scheme's case, oversized bodies ----------

    /// Headers a request carries once. A second copy makes the request ambiguous (which one
    /// does a proxy check, which one the service?), so it is refused rather than the first
    /// taken.
    static constexpr std::string_view single_valued_headers[] = {
        "Authorization",        "X-User-Id",    "X-Date",        "X-Traceid", "Host", "language", "X-Hw-Agentname",
        "x-hw-share-folder-id", "Content-Type", "Content-Length"};

    std::optional<http_response> refuse_repeated_headers(const http_request& r) {
        for (const std::string_view name : single_valued_headers) {
            std::size_t copies = 0;
            for (const auto& h : r.headers) copies += iequals(h.name, name) ? 1 : 0;
            if (copies > 1) return bad_request(name, "sent more than once");
        }
        return std::nullopt;
    }

    /// A body over limits.max_input_bytes: 413, as a service's front end would answer it.
    std::optional<http_response> refuse_oversized_body(const http_request& r) {
        if (r.body.size() <= options_.limits.max_input_bytes) return std::nullopt;
        ++stats_.bad_requests;
        return json_reply(413, {"413", "Payload too large."});
    }

    struct credentials {
        std::string_view scheme;  ///< "Bearer" or "AT", as sent (any case)
        std::string_view token;
    };

    /// "Bearer+tok", "Bearer tok", "AT+tok", "AT tok": the scheme in any case (RFC 7235), the
    /// token as is.
    static std::optional<credentials> split_authorization(std::string_view value) {
        for (const std::string_view scheme : {std::string_view("Bearer"), std::string_view("AT")}) {
            if (value.size() > scheme.size() + 1 && iequals(value.substr(0, scheme.size()), scheme) &&
                (value[scheme.size()] == '+' || value[scheme.size()] == ' '))
                return credentials{value.substr(0, scheme.size()), value.substr(scheme.size() + 1)};
        }
        return std::nullopt;
    }

    /// Does `value` carry `token` in a form a client may send it? Empty `token`: any token of
    /// a known scheme. A configured token that carries its own scheme wants that scheme.
    static bool token_matches(std::string_view value, std::string_view token) {
        const auto sent = split_authorization(value);
        if (!sent) return false;
        if (token.empty()) return true;
        if (const auto own = split_authorization(token))
            return iequals(own->scheme, sent->scheme) && equal_constant_time(sent->token, own->token);
        return iequals(sent->scheme, "Bearer") && equal_constant_time(sent->token, token);
    }

    /// Is `value` an HMAC-SHA256 signature, whatever the case of its scheme?
    static bool is_signed_authorization(std::string_view value) {
        return value.size() > signing_algorithm.size() &&
               iequals(value.substr(0, signing_algorithm.size()), signing_algorithm) &&
               value[signing_algorithm.size()] == ' ';
    }

    /// Verifies a signed request; the scheme is matched in any case, the rest as is.
    result<void> verify_signature(const http_request& r, time_point t) const {
        const std::string_view auth = r.header("Authorization");
        if (auth.substr(0, signing_algorithm.size()) == signing_algorithm)
            return verify_signed_request(r, options_.app_id, options_.app_secret, t);
        http_request canonical = r;
        for (auto& h : canonical.headers)
            if (iequals(h.name, "Authorization")) h.value.replace(0, signing_algorithm.size(), signing_algorithm);
        return verify_signed_request(canonical, options_.app_id, options_.app_secret, t);
    }

    /// The headers of endpoint `ep`; an answer when they are not acceptable. Called locked.
    std::optional<http_response> check_headers(const http_request& r, const endpoint_headers& h, time_point t) {
        // 0. a single-valued header sent twice (400)
        if (auto refused = refuse_repeated_headers(r)) return refused;
        // 1. Authorization (401)
        const std::string_view auth = r.header("Authorization");
        const bool is_signed = is_signed_authorization(auth);
        if (is_signed) {
            if (options_.app_id.empty() || options_.app_secret.empty())
                return unauthorized("Authorization", "app authentication is not enabled");
            if (auto ok = verify_signature(r, t); !ok) return unauthorized(ok.error());
        } else if (auth.empty()) {
            if (h.authorization == header_use::required) return unauthorized("Authorization", "missing");
        } else if (!token_matches(auth, options_.access_token)) {
            return unauthorized("Authorization", "the access token is not valid");
        }
        // 2. X-User-Id (400 when missing, 401 when not the configured user)
        const std::string_view user = r.header("X-User-Id");
        if (user.empty()) return bad_request("X-User-Id", "missing");
        if (auto ok = check_header_value("X-User-Id", user); !ok) return bad_request(ok.error());
        if (!options_.user_id.empty() && user != options_.user_id)
            return unauthorized("X-User-Id", "the token does not belong to this user");
        // 3. X-Date (400 when missing or malformed, 401 outside the window)
        const std::string_view date = r.header("X-Date");
        if (date.empty()) return bad_request("X-Date", "missing");
        if (auto parsed = parse_x_date(date); !parsed) return bad_request(parsed.error());
        if (auto ok = check_x_date(date, t); !ok) return unauthorized(ok.error());
        // 4. the optional and endpoint-specific headers (400)
        if (const auto trace = r.header("X-Traceid"); !trace.empty() && !is_valid_trace_id(trace))
            return bad_request("X-Traceid", "must be exactly 58 characters of A-Z, a-z, 0-9 and _");
        if (h.language != header_use::no) {
            if (const auto lang = r.header("language"); !lang.empty())
                if (auto ok = check_language(lang); !ok) return bad_request(ok.error());
        }
        if (h.agent_name != header_use::no) {
            const auto agent = r.header("X-Hw-Agentname");
            if (agent.empty()) {
                if (h.agent_name == header_use::required) return bad_request("X-Hw-Agentname", "missing");
            } else if (auto ok = check_header_value("X-Hw-Agentname", agent); !ok) {
                return bad_request(ok.error());
            } else if (!options_.agent_name.empty() && agent != options_.agent_name) {
                return bad_request("X-Hw-Agentname", "unknown agent");
            }
        }
        if (h.host != header_use::no || is_signed) {
            const auto host = r.header("Host");
            if (host.empty()) {
                if (h.host == header_use::required) return bad_request("Host", "missing");
            } else if (auto ok = check_host(host); !ok) {
                return bad_request(ok.error());
            }
        }
        if (r.method == "POST") {
            const auto type = r.header("Content-Type");
            const std::string_view json = "application/json";
            if (!iequals(type.substr(0, json.size()), json) ||
                (type.size() > json.size() && type[json.size()] != ';' && type[json.size()] != ' '))
                return bad_request("Content-Type", "expected application/json");
        }
        return std::nullopt;
    }

    template <class Request>
    http_response serve(const http_request& r, std::string_view query) {
        std::lock_guard lock(mutex_);
        const time_point t = now_locked();
        if (auto refused = check_headers(r, endpoint<Request>::headers, t)) return std::move(*refused);
        if (auto refused = refuse_oversized_body(r)) return std::move(*refused);
        const std::string user(r.header("X-User-Id"));
        if constexpr (std::is_same_v<Request, list_batch_tasks_request>) {
            auto m = decode_query<Request>(query);
            if (!m) return bad_request(m.error());
            return handle(*m, user, t);
        } else {
            auto m = decode<Request>(r.body, options_.limits);
            if (!m) return bad_request(m.error());
            return handle(*m, user, t);
        }
    }

    // ---- the endpoints (called locked) --------------------------------------------------

    http_response handle(const create_batch_task_request& m, const std::string& user, time_point t) {
        batch_job j{new_id(), m, t, std::nullopt};
        create_batch_task_response out{"0", "success", j.id};
        jobs_[user].push_back(std::move(j));
        ++stats_.batch_jobs;
        ++stats_.succeeded;
        return ok_reply(out);
    }

    http_response handle(const list_batch_tasks_request& m, const std::string& user, time_point t) {
        list_batch_tasks_response out{"0", "success", {}};
        const auto it = jobs_.find(user);
        if (it != jobs_.end()) {
            std::int64_t skip = *m.offset;                                     // present: the request was validated
            for (auto j = it->second.rbegin(); j != it->second.rend(); ++j) {  // newest first
                if (m.type && j->request.taskType != *m.type) continue;
                batch_job_info info = job_view(*j, t);
                if (m.status && info.status != *m.status) continue;
                if (skip > 0) {
                    --skip;
                    continue;
                }
                out.data.push_back(std::move(info));
                if (out.data.size() >= static_cast<std::size_t>(*m.limit)) break;
            }
        }
        ++stats_.succeeded;
        return ok_reply(out);
    }

    http_response handle(const create_share_task_request& m, const std::string& user, time_point t) {
        share_task_state s{new_id(), user, m, t, std::nullopt};
        create_share_task_response out{"0", "Success", s.id};
        shares_.emplace(s.id, std::move(s));
        ++stats_.share_tasks;
        ++stats_.succeeded;
        return ok_reply(out);
    }

    http_response handle(const create_task_request& m, const std::string&, time_point) {
        create_task_response out{new_id(), "0", "Success."};
        transfers_.push_back(m);
        ++stats_.transfer_tasks;
        ++stats_.succeeded;
        return ok_reply(out);
    }

    http_response handle(const query_share_task_request& m, const std::string& user, time_point t) {
        const auto it = shares_.find(m.taskId);
        // Another user's task, or one of another share, is as unknown as a missing one.
        if (it == shares_.end() || it->second.user_id != user || it->second.request.shareId != m.shareId) {
            return bad_request(
                error::make(error_kind::invalid_request, errc::constraint, "$.taskId", "no such share task"));
        }
        const auto& kds = it->second.request.kdstoken;
        if (kds && (!m.kdstoken || !equal_constant_time(*kds, *m.kdstoken))) {
            return bad_request(
                error::make(error_kind::invalid_request, errc::constraint, "$.kdstoken", "does not match the share's"));
        }
        ++stats_.succeeded;
        return ok_reply(share_view(it->second, t));
    }

    // ---- task state over time -----------------------------------------------------------

    static job_status phase(time_point created, const std::optional<time_point>& canceled, const task_timing& timing,
                            time_point t) {
        if (canceled && *canceled <= t) return job_status::canceled;
        if (t < created + timing.pending) return job_status::pending;
        if (t < created + timing.pending + timing.processing) return job_status::processing;
        return job_status::completed;
    }

    /// Percent done: 0 while pending, linear while processing, 100 when completed.
    static std::int32_t progress(time_point created, const task_timing& timing, time_point t) {
        const auto started = created + timing.pending;
        if (t < started) return 0;
        const auto total = timing.processing.count();
        if (total <= 0) return 100;
        const auto done = std::chrono::duration_cast<std::chrono::milliseconds>(t - started).count();
        if (done >= total) return 100;
        return static_cast<std::int32_t>(done * 100 / total);
    }

    batch_job_info job_view(const batch_job& j, time_point t) const {
        batch_job_info info;
        info.taskId = j.id;
        info.taskType = *j.request.taskType;  // validated requests only
        info.actionType = j.request.actionType ? *j.request.actionType
                                               : static_cast<batch_action_type>(to_wire(*j.request.taskType) * 100 + 1);
        info.status = phase(j.created, j.canceled, options_.batch, t);
        info.containerId = j.request.dstContainerId;
        info.createTime = format_compact_time(j.created);
        const time_point begin = j.created + options_.batch.pending;
        const time_point end = begin + options_.batch.processing;
        if (info.status == job_status::processing || info.status == job_status::completed ||
            (info.status == job_status::canceled && *j.canceled >= begin))
            info.beginTime = format_compact_time(begin);
        if (info.status == job_status::completed) {
            info.endTime = format_compact_time(end);
            info.taskResultCode = options_.batch_result;
            info.resultCode = options_.batch_result == task_result::all_succeeded ? 0 : 1;
            info.contentNum = static_cast<std::int32_t>(j.request.taskInfo.fileInfo.size());
        } else if (info.status == job_status::canceled) {
            info.endTime = format_compact_time(*j.canceled);
        }
        return info;
    }

    query_share_task_response share_view(const share_task_state& s, time_point t) const {
        query_share_task_response out{"0", "Success.", {}, {}};
        auto& job = out.jobInfo;
        job.userId = s.user_id;
        job.taskId = s.id;
        job.taskType = *s.request.taskType;  // validated requests only
        job.taskStatus = phase(s.created, s.canceled, options_.share, t);
        job.createTime = format_compact_time(s.created);
        const time_point begin = s.created + options_.share.pending;
        if (job.taskStatus != job_status::pending && !(job.taskStatus == job_status::canceled && *s.canceled < begin))
            job.startTime = format_compact_time(begin);
        job.progress = job.taskStatus == job_status::canceled ? 0 : progress(s.created, options_.share, t);
        const bool done = job.taskStatus == job_status::completed;
        if (done) {
            job.endTime = format_compact_time(begin + options_.share.processing);
            job.taskResultCode = options_.share_result;
            if (s.request.taskType == share_task_type::package_download)
                job.downloadUrl = "https://download.koodrive.invalid/share/" + s.id + "/" +
                                  (s.request.zipName ? *s.request.zipName : std::string("package.zip"));
        } else if (job.taskStatus == job_status::canceled) {
            job.endTime = format_compact_time(*s.canceled);
        }
        const bool all_ok = options_.share_result == task_result::all_succeeded;
        for (std::size_t i = 0; i < s.request.fileIds.size(); ++i) {
            share_task_info info;
            info.fileId = s.request.fileIds[i];
            info.srcContainerId = s.request.containerId;
            // "1": copied, "0": not (yet); a partial failure fails every other file.
            const bool copied =
                done && (all_ok || (options_.share_result == task_result::partially_failed && i % 2 == 0));
            info.status = copied ? "1" : "0";
            if (copied && s.request.taskType == share_task_type::dump)
                info.newFileId = "F" + s.id + "_" + std::to_string(i);
            out.taskInfos.push_back(std::move(info));
        }
        return out;
    }

    simulator_options options_;
    mutable std::mutex mutex_;
    std::chrono::milliseconds offset_{0};
    std::uint64_t next_id_ = 0;
    std::deque<queued_fault> faults_;
    std::map<std::string, std::vector<batch_job>, std::less<>> jobs_;  ///< by user, oldest first
    std::map<std::string, share_task_state, std::less<>> shares_;      ///< by task ID
    std::vector<create_task_request> transfers_;
    simulator_stats stats_;
};

}  // namespace testing
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TESTING_SIMULATOR_HPP
