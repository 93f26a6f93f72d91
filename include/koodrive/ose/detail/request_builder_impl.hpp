// koodrive-ose: how build_request builds a request (request_builder.hpp declares it).
#ifndef KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP
#define KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "../codec_impl.hpp"
#include "../endpoints.hpp"
#include "../header_values.hpp"
#include "../http.hpp"
#include "../query.hpp"
#include "../random_source.hpp"
#include "../signing.hpp"
#include "../time.hpp"
#include "../trace_id.hpp"
#include "../uri.hpp"
#include "header_error.hpp"
#include "lean_std.hpp"

#include "../request_builder.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline error missing_setting(std::string_view header) {
    return error::make(error_kind::invalid_request, errc::invalid_header, std::string(header),
                       "required by this endpoint, but the setting is empty");
}

inline result<void> add_header(http_request& req, std::string_view name, std::string value) {
    if (auto ok = check_header_value(name, value); !ok) return ok;
    req.headers.push_back({std::string(name), std::move(value)});
    return {};
}

/// The access token: a header value, and, after any scheme it already carries, visible ASCII
/// only (no space), non-empty. A verbatim value is the caller's whole header and may hold spaces.
inline result<void> check_token(std::string_view token, token_scheme scheme) {
    if (auto ok = check_header_value("Authorization", token); !ok) return ok;
    if (scheme == token_scheme::verbatim) return {};
    std::size_t start = 0;
    for (std::string_view p :
         {std::string_view("Bearer+"), std::string_view("Bearer "), std::string_view("AT "), std::string_view("AT+")}) {
        if (token.substr(0, p.size()) == p) {
            start = p.size();
            break;
        }
    }
    if (start == token.size()) return header_error("Authorization", "no token after the scheme");
    for (std::size_t i = start; i < token.size(); ++i)
        if (token[i] == ' ') return header_error("Authorization", at_index("space in the access token", i));
    return {};
}

/// App credentials come as a pair.
inline result<void> check_app_credentials(const app_credentials& app) {
    if (app.app_id.empty() || app.app_secret.empty())
        return header_error("Authorization", "app credentials need both an app ID and an app secret");
    return check_app_id(app.app_id);
}

/// Adds a header the endpoint uses `use`-ly from a setting.
inline result<void> add_setting(http_request& req, header_use use, std::string_view name, const std::string& value) {
    if (use == header_use::no || (use == header_use::optional && value.empty())) return {};
    if (value.empty()) return missing_setting(name);
    return add_header(req, name, value);
}

}  // namespace detail

template <endpoint_request Request>
result<http_request> build_request(const Request& message, const settings& s, environment& env) {
    using ep = endpoint<Request>;
    http_request req;
    req.method.assign(to_string(ep::method));
    req.target.assign(ep::path);
    if constexpr (ep::method == http_method::get) {
        if (auto v = validate(message); !v) return std::move(v).error();
        req.target.push_back('?');
        encode_query(message, req.target);
    } else {
        if (auto v = encode_to(message, req.body); !v) return std::move(v).error();
    }

    constexpr endpoint_headers h = ep::headers;
    const auto* app = std::get_if<app_credentials>(&s.auth);
    const auto* token = std::get_if<access_token>(&s.auth);
    if (app) {
        if (auto ok = detail::check_app_credentials(*app); !ok) return ok.error();
    }
    const header_use host_use = app ? header_use::required : h.host;
    req.headers.reserve(9);
    if (token && h.authorization != header_use::no &&
        !(h.authorization == header_use::optional && token->token.empty())) {
        if (token->token.empty()) return detail::missing_setting("Authorization");
        // Checked on its own so the error names the token, not the prefixed value.
        if (auto ok = detail::check_token(token->token, token->scheme); !ok) return ok.error();
        if (auto ok = detail::add_header(req, "Authorization", authorization_value(token->token, token->scheme)); !ok)
            return ok.error();
    }
    if (auto ok = detail::add_setting(req, header_use::required, "X-User-Id", s.user_id); !ok) return ok.error();

    const auto now = env.clock();
    if (s.x_date.empty()) {
        if (auto ok = detail::add_header(req, "X-Date", format_x_date(now)); !ok) return ok.error();
    } else {
        if (auto ok = check_x_date(s.x_date, now); !ok) return ok.error();
        if (auto ok = detail::add_header(req, "X-Date", s.x_date); !ok) return ok.error();
    }

    if (!s.trace_id.empty()) {
        if (!is_valid_trace_id(s.trace_id)) {
            return error::make(error_kind::invalid_request, errc::invalid_header, "X-Traceid",
                               "must be exactly 58 characters of A-Z, a-z, 0-9 and _");
        }
        req.headers.push_back({"X-Traceid", s.trace_id});
    } else if (s.generate_trace_id) {
        req.headers.push_back({"X-Traceid", generate_trace_id(env.random)});
    }

    if (h.language != header_use::no && !s.language.empty()) {
        if (auto ok = check_language(s.language); !ok) return ok.error();
    }
    if (auto ok = detail::add_setting(req, h.language, "language", s.language); !ok) return ok.error();
    if (auto ok = detail::add_setting(req, h.share_folder_id, "x-hw-share-folder-id", s.share_folder_id); !ok)
        return ok.error();
    if (auto ok = detail::add_setting(req, h.agent_name, "X-Hw-Agentname", s.agent_name); !ok) return ok.error();
    if (host_use != header_use::no && !s.host.empty()) {
        if (auto ok = check_host(s.host); !ok) return ok.error();
    }
    if (auto ok = detail::add_setting(req, host_use, "Host", s.host); !ok) return ok.error();
    if (!req.body.empty()) req.headers.push_back({"Content-Type", "application/json"});
    if (app) {
        if (auto ok = sign_request(req, app->app_id, app->app_secret); !ok) return ok.error();
    }
    return req;
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made once in
// src/koodrive_ose.cpp.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "compiled_http.hpp"
#endif

#endif  // KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP
