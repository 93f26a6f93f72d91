// fuzz_headers: the request builder, the query codec, percent-encoding and the header checks,
// with every setting taken from the input.
//
// build_request() runs with a fixed clock and a deterministic random source. Checked:
//   - no header name or value, method or target ever holds CR, LF or NUL; every header value
//     passes check_header_value; the target is visible ASCII; a body is valid JSON;
//   - the secrets (access token, password, kdstoken) never appear in an error's to_string(),
//     nor in the log line of the request, the message or the error. Each secret is built as
//     [scheme prefix] MARK <fuzzed bytes> MARK, every other setting has MARK removed, and the
//     check is that MARK appears in none of those texts (so a secret shown in part, or cut
//     short, is caught as well as one shown whole);
//   - decode_query / encode_query: what decodes re-encodes to a query that decodes to the
//     same value; percent_decode(percent_encode(x)) == x, and the encoding uses only
//     unreserved characters and %XX;
//   - encode_to() of the message appends valid JSON exactly when the message validates, and
//     leaves the output as it was otherwise;
//   - sign_request() with an app ID and secret from the input: the signed request verifies,
//     and the app secret is in no error, header or log line;
//   - safe_snippet: at most max bytes, no control byte, valid UTF-8; check_host,
//     check_language, parse_x_date, parse_compact_time, canonical_uri, canonical_query_string
//     and parse_hmac_authorization never crash, and their errors are one line.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.hpp"

#include <koodrive/ose/testing/traffic.hpp>

namespace {

using namespace fuzz;

constexpr std::string_view mark = "Zq7Xw3Kv";

void strip_mark(std::string& s) {
    for (std::size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, mark.size());
}

bool leaks(std::string_view text) { return text.find(mark) != std::string_view::npos; }

std::string secret(FuzzedDataProvider& in) {
    static constexpr const char* schemes[] = {"", "", "Bearer+", "Bearer ", "AT ", "AT+"};
    std::string s = schemes[in.ConsumeIntegralInRange<std::size_t>(0, 5)];
    s += mark;
    s += in.ConsumeRandomLengthString(48);
    s += mark;
    return s;
}

std::string plain(FuzzedDataProvider& in, std::size_t max = 64) {
    std::string s = in.ConsumeRandomLengthString(max);
    strip_mark(s);
    return s;
}

const auto fixed_now = std::chrono::system_clock::time_point(std::chrono::seconds(1762153300));  // 20251103T070140Z

std::string trace_id(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: return {};
    case 1: return plain(in, 80);
    default: {
        std::string id = plain(in, 58);
        for (char& c : id)
            if (!ose::detail::is_alnum(c)) c = '_';
        id.resize(58, 'A');
        return id;
    }
    }
}

std::string x_date(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: return {};
    case 1: return plain(in, 24);
    default: {
        const auto shift = std::chrono::seconds(in.ConsumeIntegralInRange<std::int64_t>(-120, 1200));
        return ose::format_x_date(fixed_now - shift);
    }
    }
}

std::string valid_or_plain(FuzzedDataProvider& in, std::string_view valid) {
    return in.ConsumeBool() ? std::string(valid) : plain(in);
}

template <class Request>
Request make_message(FuzzedDataProvider& in);

template <>
ose::create_batch_task_request make_message(FuzzedDataProvider& in) {
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::decompress;
    m.actionType = in.ConsumeBool() ? ose::batch_action_type::preview_archive : ose::batch_action_type::decompress_full;
    m.taskInfo.fileInfo.push_back({valid_or_plain(in, "f1"), std::nullopt});
    m.taskInfo.srcContainerId = valid_or_plain(in, "src");
    m.dstContainerId = valid_or_plain(in, "dst");
    if (in.ConsumeBool()) m.password = secret(in);
    return m;
}

template <>
ose::list_batch_tasks_request make_message(FuzzedDataProvider& in) {
    ose::list_batch_tasks_request m;
    m.offset = in.ConsumeIntegral<std::int64_t>();
    m.limit = in.ConsumeIntegralInRange<std::int32_t>(-1, 101);
    if (in.ConsumeBool()) m.type = static_cast<ose::batch_task_type>(in.ConsumeIntegralInRange(0, 8));
    if (in.ConsumeBool()) m.status = static_cast<ose::job_status>(in.ConsumeIntegralInRange(-1, 4));
    return m;
}

template <>
ose::create_share_task_request make_message(FuzzedDataProvider& in) {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::package_download;
    m.containerId = valid_or_plain(in, "c");
    m.fileIds.push_back(valid_or_plain(in, "f"));
    m.zipName = valid_or_plain(in, "z.zip");
    m.shareId = valid_or_plain(in, "s");
    if (in.ConsumeBool()) m.kdstoken = secret(in);
    return m;
}

template <>
ose::create_task_request make_message(FuzzedDataProvider& in) {
    ose::create_task_request m;
    m.taskType = ose::transfer_task_type::transfer_and_delete;
    m.srcUserId = valid_or_plain(in, "1397687227244555008");
    m.dstUserId = valid_or_plain(in, "1507947856550550784");
    return m;
}

template <>
ose::query_share_task_request make_message(FuzzedDataProvider& in) {
    ose::query_share_task_request m;
    m.taskId = valid_or_plain(in, "t");
    m.shareId = valid_or_plain(in, "s");
    if (in.ConsumeBool()) m.kdstoken = secret(in);
    return m;
}

template <class Request>
void build(FuzzedDataProvider& in) {
    const Request message = make_message<Request>(in);
    ose::settings s;
    ose::access_token token;
    if (in.ConsumeIntegralInRange(0, 7) != 0) token.token = secret(in);
    token.scheme = static_cast<ose::token_scheme>(in.ConsumeIntegralInRange(0, 2));
    s.auth = token;
    s.user_id = valid_or_plain(in, "1397687227244555008");
    s.agent_name = valid_or_plain(in, "agent");
    s.host = valid_or_plain(in, "drive.example.com:443");
    s.language = valid_or_plain(in, "en-US");
    s.share_folder_id = valid_or_plain(in, "folder");
    s.trace_id = trace_id(in);
    s.generate_trace_id = in.ConsumeBool();
    s.x_date = x_date(in);
    // The library's seeded source: deterministic, and never stuck at all ones.
    ose::testing::seeded_source random(in.ConsumeIntegral<std::uint64_t>());
    ose::environment env{[] { return fixed_now; }, [&random] { return random.next(); }};

    // encode_to appends exactly when the message validates, and nothing otherwise.
    std::string out = "prefix";
    const bool valid = static_cast<bool>(ose::validate(message));
    auto enc = ose::encode_to(message, out);
    FUZZ_CHECK(static_cast<bool>(enc) == valid);
    if (enc)
        FUZZ_CHECK(out.starts_with("prefix") && ose::json::validate(std::string_view(out).substr(6)));
    else
        FUZZ_CHECK_MSG(out == "prefix", out);
    if (!enc) FUZZ_CHECK_MSG(!leaks(enc.error().to_string()), enc.error().to_string());

    const std::string message_log = ose::to_log_string(message);
    FUZZ_CHECK_MSG(!leaks(message_log), message_log);
    FUZZ_CHECK(one_line(message_log));

    auto r = ose::build_request(message, s, env);
    if (!r) {
        const std::string text = r.error().to_string();
        FUZZ_CHECK_MSG(!leaks(text), text);
        FUZZ_CHECK_MSG(one_line(text), text);
        FUZZ_CHECK(r.error().kind == ose::error_kind::invalid_request);
        return;
    }
    const ose::http_request& req = *r;
    FUZZ_CHECK(one_line(req.method));
    FUZZ_CHECK_MSG(one_line(req.target), req.target);
    for (char c : req.target) FUZZ_CHECK(c > 0x20 && c < 0x7F);
    for (const auto& h : req.headers) {
        FUZZ_CHECK(one_line(h.name));
        FUZZ_CHECK_MSG(one_line(h.value), h.name);
        FUZZ_CHECK_MSG(ose::check_header_value(h.name, h.value), h.name);
        FUZZ_CHECK(!h.value.empty());
    }
    FUZZ_CHECK(!req.header("X-User-Id").empty());
    FUZZ_CHECK(ose::check_x_date(req.header("X-Date"), fixed_now));
    if (!req.header("X-Traceid").empty()) FUZZ_CHECK(ose::is_valid_trace_id(req.header("X-Traceid")));
    if (!req.body.empty()) FUZZ_CHECK(ose::json::validate(req.body));
    const std::string log = ose::to_log_string(req);
    FUZZ_CHECK_MSG(!leaks(log), log);
    FUZZ_CHECK_MSG(one_line(log), log);

    // Signed by an app instead: the app secret is a secret too.
    ose::http_request signed_req = req;
    if (signed_req.header("Host").empty() && ose::check_host(s.host) && in.ConsumeBool())
        signed_req.headers.push_back({"Host", s.host});
    const std::string app_id = valid_or_plain(in, "app-1");
    const std::string app_secret = secret(in);
    auto sr = ose::sign_request(signed_req, app_id, app_secret);
    if (!sr) {
        const std::string text = sr.error().to_string();
        FUZZ_CHECK_MSG(!leaks(text), text);
        FUZZ_CHECK_MSG(one_line(text), text);
        return;
    }
    FUZZ_CHECK(signed_req.headers.front().name == "Authorization");
    for (const auto& h : signed_req.headers) FUZZ_CHECK_MSG(one_line(h.value) && !leaks(h.value), h.name);
    FUZZ_CHECK(ose::parse_hmac_authorization(signed_req.headers.front().value));
    auto verified = ose::verify_signed_request(signed_req, app_id, app_secret, fixed_now);
    FUZZ_CHECK_MSG(verified, verified.error().to_string());
    const std::string signed_log = ose::to_log_string(signed_req);
    FUZZ_CHECK_MSG(!leaks(signed_log) && one_line(signed_log), signed_log);
}

void query(std::string_view q) {
    using L = ose::list_batch_tasks_request;
    auto r = ose::decode_query<L>(q);
    if (!r) {
        check_error(r.error(), q.size());
        return;
    }
    std::string q1;
    ose::encode_query(*r, q1);
    auto back = ose::decode_query<L>(q1);
    FUZZ_CHECK_MSG(back, q1);
    std::string q2;
    ose::encode_query(*back, q2);
    FUZZ_CHECK_MSG(q1 == q2, q1 + " then " + q2);
}

void percent(std::string_view x) {
    std::string enc;
    ose::percent_encode(x, enc);
    for (std::size_t i = 0; i < enc.size(); ++i) {
        const char c = enc[i];
        if (c == '%') {
            FUZZ_CHECK(i + 2 < enc.size());
            for (std::size_t k = i + 1; k <= i + 2; ++k)
                FUZZ_CHECK((enc[k] >= '0' && enc[k] <= '9') || (enc[k] >= 'A' && enc[k] <= 'F'));
            i += 2;
        } else {
            FUZZ_CHECK(ose::detail::is_unreserved(c));
        }
    }
    auto dec = ose::percent_decode(enc);
    FUZZ_CHECK(dec && *dec == x);
    // And the other way: what decodes re-encodes to something that decodes to the same bytes.
    if (auto d = ose::percent_decode(x)) {
        std::string again;
        ose::percent_encode(*d, again);
        auto d2 = ose::percent_decode(again);
        FUZZ_CHECK(d2 && *d2 == *d);
    } else {
        check_error(d.error(), x.size());
    }
}

void values(std::string_view x, std::size_t max) {
    const std::string snip = ose::safe_snippet(x, max);
    FUZZ_CHECK(snip.size() <= max);
    FUZZ_CHECK(ose::detail::find_invalid_utf8(snip) == std::string_view::npos);
    for (char c : snip) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
    if (auto h = ose::check_host(x); !h) FUZZ_CHECK(one_line(h.error().to_string()));
    if (auto l = ose::check_language(x); !l) FUZZ_CHECK(one_line(l.error().to_string()));
    if (auto v = ose::check_header_value("X", x); v) FUZZ_CHECK(one_line(x));
    if (auto d = ose::parse_x_date(x); d) FUZZ_CHECK(ose::format_x_date(*d) == x);
    if (auto t = ose::parse_compact_time(x); t) FUZZ_CHECK(x.size() == 14);
    if (auto u = ose::canonical_uri(x); u)
        FUZZ_CHECK(!u->empty() && u->back() == '/' && one_line(*u));
    else
        check_error(u.error(), x.size());
    if (auto q = ose::canonical_query_string(x); q)
        FUZZ_CHECK(one_line(*q));
    else
        check_error(q.error(), x.size());
    if (auto a = ose::parse_hmac_authorization(x); a)
        FUZZ_CHECK(a->signature.size() == 64);
    else
        FUZZ_CHECK(one_line(a.error().to_string()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    switch (in.ConsumeIntegralInRange(0, 6)) {
    case 0: build<ose::create_batch_task_request>(in); break;
    case 1: build<ose::list_batch_tasks_request>(in); break;
    case 2: build<ose::create_share_task_request>(in); break;
    case 3: build<ose::create_task_request>(in); break;
    case 4: build<ose::query_share_task_request>(in); break;
    case 5: query(in.ConsumeRemainingBytesAsString()); break;
    default: {
        const std::size_t max = in.ConsumeIntegralInRange<std::size_t>(0, 300);
        const std::string x = in.ConsumeRemainingBytesAsString();
        percent(x);
        values(x, max);
        break;
    }
    }
    return 0;
}
