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

#include "codec.hpp"
#include "endpoints.hpp"
#include "http.hpp"
#include "read_limits.hpp"
#include "reflect.hpp"
#include "result.hpp"

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

/// Reads the reply to a request of type Request.
template <endpoint_request Request>
result<response_of<Request>> read_response(int status, std::string_view body, const read_limits& limits = {});

/// Reads the response to `Request`: the typed message on HTTP 200 with code 0, else the error it says (see error_kind).
template <endpoint_request Request>
result<response_of<Request>> read_response(const http_response& r, const read_limits& limits = {});

}  // namespace v1
}  // namespace koodrive::ose

// The definitions; in the compiled mode, made once in src/koodrive_ose.cpp (README, "Compile cost").
#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "detail/response_reader_impl.hpp"
#endif

#endif  // KOODRIVE_OSE_RESPONSE_READER_HPP
