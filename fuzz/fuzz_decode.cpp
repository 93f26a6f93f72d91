// fuzz_decode: every decoder of the library on arbitrary bytes.
//
// Input: one selector byte, then the body.
//   selector % 11 in 0-4: decode one of the five requests (decode validates, as a server
//                         would); whatever decodes must encode, and its JSON must be valid.
//   selector % 11 in 5-9: decode one of the five responses; it must validate, encode, and
//                         its log line must be one line.
//   selector % 11 == 10:  the HTTP-level reader read_response<Request>(status, body); two more
//                         bytes pick the request type and the status.
//   (selector / 11) odd:  tight read limits (depth 4, 512 bytes, strings of 24 bytes, arrays
//                         of 4), so that short inputs reach the limit checks too.
// Every error must be one line and point inside the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

template <class T>
void decode_one(std::string_view body, const ose::read_limits& limits) {
    constexpr bool request = ose::description<T>::direction == ose::message_direction::request;
    T msg{};
    auto r = ose::decode_into(msg, body, limits);
    if (!r) {
        check_error(r.error(), body.size());
        FUZZ_CHECK(r.error().kind ==
                   (request ? ose::error_kind::invalid_request : ose::error_kind::malformed_response));
        return;
    }
    // What decoded is valid (a request was validated by decode already).
    auto v = ose::validate(msg);
    FUZZ_CHECK_MSG(v, v.error().to_string());
    auto enc = ose::encode(msg);
    FUZZ_CHECK_MSG(enc, enc.error().to_string());
    FUZZ_CHECK(ose::json::validate(*enc));
    const std::string log = ose::to_log_string(msg);
    FUZZ_CHECK_MSG(one_line(log), log);
    if constexpr (std::is_same_v<T, ose::list_batch_tasks_request>) {
        std::string q;
        ose::encode_query(msg, q);
        auto back = ose::decode_query<T>(q);
        FUZZ_CHECK_MSG(back, back.error().to_string());
    }
}

constexpr int statuses[] = {200, 200, 200, 200, 400, 401, 500, 404, 408, 429, 502, 503, 504, 0, 204, 999};

template <class Req>
void read_one(int status, std::string_view body, const ose::read_limits& limits) {
    auto r = ose::read_response<Req>(status, body, limits);
    if (r) {
        FUZZ_CHECK(status == 200);
        FUZZ_CHECK(r->code == "0");
        const std::string log = ose::to_log_string(*r);
        FUZZ_CHECK_MSG(one_line(log), log);
        return;
    }
    const ose::error& e = r.error();
    check_error(e, body.size());
    switch (e.kind) {
    case ose::error_kind::api_error:
        FUZZ_CHECK(e.http_status == status);
        FUZZ_CHECK(status == 200 || status == 400 || status == 401 || status == 500);
        break;
    case ose::error_kind::http_error: FUZZ_CHECK(e.http_status == status && status != 200); break;
    case ose::error_kind::malformed_response: FUZZ_CHECK(status == 200); break;
    default: FUZZ_CHECK_MSG(false, e.to_string());
    }
    const bool retry = e.retryable();
    FUZZ_CHECK(
        retry == (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504) ||
        e.kind == ose::error_kind::malformed_response);
    FUZZ_CHECK(!retry || e.kind != ose::error_kind::malformed_response);
    FUZZ_CHECK(one_line(ose::to_log_string(e)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const unsigned selector = data[0];
    const ose::read_limits limits = ((selector / 11) & 1) ? tight_limits() : ose::read_limits{};
    const unsigned which = selector % 11;
    if (which < 10) {
        const std::string_view body = as_text(data + 1, size - 1);
        with_message(which, [&](auto t) { decode_one<typename decltype(t)::type>(body, limits); });
        return 0;
    }
    if (size < 3) return 0;
    const int status = statuses[data[2] % 16];
    const std::string_view body = as_text(data + 3, size - 3);
    with_request(data[1], [&](auto t) { read_one<typename decltype(t)::type>(status, body, limits); });
    return 0;
}
