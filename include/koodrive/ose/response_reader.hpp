// koodrive-ose: from the HTTP status, headers and body the user's stack received to a typed
// response, or an error that says which kind of failure it was and whether to retry.
//
//   200 + JSON with code 0        -> the response
//   200 + JSON with another code  -> api_error (code, msg)
//   200 + anything else           -> malformed_response (offset, path, expectation)
//   400/401/500 + JSON {code,msg} -> api_error
//   anything else                 -> http_error (status, a safe snippet of the body)
#ifndef KOODRIVE_OSE_RESPONSE_READER_HPP
#define KOODRIVE_OSE_RESPONSE_READER_HPP

#include <string>
#include <string_view>
#include <utility>

#include "codec.hpp"
#include "endpoints.hpp"
#include "http.hpp"
#include "snippet.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// The body of an error status: {code, msg}.
struct api_error_body {
    std::string code;  ///< the API's code, as text ("0" is success)
    std::string msg;   ///< the API's message
};

template <>
struct description<api_error_body> {
    using T = api_error_body;
    static constexpr std::string_view name = "api_error_body";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"));
};

namespace detail {

inline error api_failure(int status, std::string_view code, std::string_view msg) {
    error e = error::make(error_kind::api_error, errc::api, "", "");
    e.http_status = status;
    // Kept exactly as received (the decoder's read_limits bound their size); error::to_string()
    // sanitizes them when they are printed.
    e.api_code = code;
    e.api_msg = msg;
    return e;
}

inline error http_failure(int status, std::string_view body) {
    error e = error::make(
        error_kind::http_error, errc::http_status, "",
        (status == 400 || status == 401 || status == 500) ? "expected a JSON {code,msg} body" : "unexpected status");
    e.http_status = status;
    e.body_snippet = safe_snippet(body, 256);
    return e;
}

/// A response field that a successful reply must carry (the task ID of a create).
template <described T>
result<void> check_success_fields(const T& r, std::size_t body_size) {
    std::optional<error> missing;
    for_each_field<T>([&](const auto& f) {
        if constexpr (std::is_same_v<std::decay_t<decltype(f.get(r))>, std::string>) {
            if (f.presence_ == presence::on_success && f.get(r).empty()) {
                missing = error::make(error_kind::malformed_response, errc::missing_field, "$." + std::string(f.name),
                                      "expected a task ID in a successful response", body_size);
                return false;
            }
        }
        return true;
    });
    if (missing) return std::move(*missing);
    return {};
}

}  // namespace detail

/// Reads the reply to a request of type Request.
template <endpoint_request Request>
result<response_of<Request>> read_response(int status, std::string_view body, const read_limits& limits = {}) {
    using Response = response_of<Request>;
    if (status == 200) {
        Response out{};
        if (auto r = decode_into(out, body, limits); !r) return std::move(r).error();
        if (out.code != "0") return detail::api_failure(status, out.code, out.msg);
        if (auto r = detail::check_success_fields(out, body.size()); !r) return std::move(r).error();
        return out;
    }
    if (status == 400 || status == 401 || status == 500) {
        api_error_body b{};
        if (decode_into(b, body, limits)) return detail::api_failure(status, b.code, b.msg);
    }
    return detail::http_failure(status, body);
}

/// Reads the response to `Request`: the typed message on HTTP 200 with code 0, else the error it says (see error_kind).
template <endpoint_request Request>
result<response_of<Request>> read_response(const http_response& r, const read_limits& limits = {}) {
    return read_response<Request>(r.status, r.body, limits);
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made elsewhere.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "detail/compiled_http.hpp"
#endif

#endif  // KOODRIVE_OSE_RESPONSE_READER_HPP
