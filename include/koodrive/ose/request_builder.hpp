// koodrive-ose: from a message and the caller's settings to an `http_request`.
//
// The builder validates the message, writes the target (with the query for GET), every header
// the endpoint sends (each value checked against injection), and the JSON body. X-Date comes
// from an injectable clock and trace IDs from an injectable random source, so the builder is
// a pure function of its inputs in tests.
#ifndef KOODRIVE_OSE_REQUEST_BUILDER_HPP
#define KOODRIVE_OSE_REQUEST_BUILDER_HPP

#include <string>
#include <variant>

#include "detail/lean_std.hpp"
#include "endpoints.hpp"
#include "header_values.hpp"
#include "http.hpp"
#include "random_source.hpp"
#include "result.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// A user's access token: sent as `Bearer+{token}` by default (see token_scheme).
struct access_token {
    std::string token;                                ///< a secret
    token_scheme scheme = token_scheme::bearer_plus;  ///< how it is sent
};

/// App credentials: every request is signed (HMAC-SHA256, see signing.hpp) and needs Host.
struct app_credentials {
    std::string app_id;      ///< visible ASCII without `,`
    std::string app_secret;  ///< a secret: only ever the HMAC key, never sent, logged or in an error
};

/// One or the other, never both.
using credentials = std::variant<access_token, app_credentials>;

/// What the caller knows about themselves; shared by every endpoint, each of which sends only
/// its own headers. An empty optional setting is the same as none.
struct settings {
    credentials auth;               ///< an access token (empty: none) or app credentials
    std::string user_id;            ///< X-User-Id
    std::string agent_name;         ///< X-Hw-Agentname (share endpoints)
    std::string host;               ///< Host (create task): host[:port]
    std::string language;           ///< language, e.g. en-US; none sent when empty
    std::string share_folder_id;    ///< x-hw-share-folder-id (create batch task)
    std::string trace_id;           ///< a fixed X-Traceid (58 chars of [A-Za-z0-9_]); empty: generated
    bool generate_trace_id = true;  ///< with no trace_id, make one per request
    std::string x_date;             ///< a fixed X-Date, checked against the clock; empty: from the clock
};

/// Where the builder reads the time (X-Date).
using clock_source = std::function<std::chrono::system_clock::time_point()>;

/// The system clock, the default.
inline clock_source system_clock_source() {
    return [] { return std::chrono::system_clock::now(); };
}

/// The outside world the builder reads: a clock and a random source, both replaceable.
struct environment {
    clock_source clock = system_clock_source();      ///< for X-Date
    random_source random = default_random_source();  ///< for generated trace IDs
};

/// Builds the HTTP request for `message`. Fails with kind invalid_request when the message
/// breaks a rule or a setting is missing or malformed; the error never shows a setting's value.
template <endpoint_request Request>
result<http_request> build_request(const Request& message, const settings& s, environment& env);

}  // namespace v1
}  // namespace koodrive::ose

// The definition; in the compiled mode, made once in src/koodrive_ose.cpp (README, "Compile cost").
#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "detail/request_builder_impl.hpp"
#endif

#endif  // KOODRIVE_OSE_REQUEST_BUILDER_HPP
