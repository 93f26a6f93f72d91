// koodrive-ose: how read_response reads a reply (response_reader.hpp declares it).
#ifndef KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP
#define KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "../codec_impl.hpp"
#include "../error.hpp"
#include "../response_reader.hpp"
#include "../snippet.hpp"

namespace koodrive::ose {
inline namespace v1 {

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

template <endpoint_request Request>
result<response_of<Request>> read_response(int status, std::string_view body, const read_limits& limits) {
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

template <endpoint_request Request>
result<response_of<Request>> read_response(const http_response& r, const read_limits& limits) {
    return read_response<Request>(r.status, r.body, limits);
}

}  // namespace v1
}  // namespace koodrive::ose

// Compiled mode (README, "Compile cost"): the ten messages' instances are declared, made once in
// src/koodrive_ose.cpp.
#if defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "compiled_http.hpp"
#endif

#endif  // KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP
