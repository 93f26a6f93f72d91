// Tests for koodrive/ose/header_values.hpp.
#include <doctest/doctest.h>

#include <koodrive/ose/ascii.hpp>
#include <koodrive/ose/header_values.hpp>
#include <koodrive/ose/random_source.hpp>
#include <koodrive/ose/snippet.hpp>
#include <koodrive/ose/time.hpp>
#include <koodrive/ose/trace_id.hpp>
#include <koodrive/ose/uri.hpp>

#include "support/test_support.hpp"

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace ose = koodrive::ose;
using test_support::seeded_random;
using namespace std::chrono_literals;
using std::chrono::seconds;
using std::chrono::sys_seconds;
using std::chrono::system_clock;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace header_values_tests {

namespace {

sys_seconds at(std::int64_t epoch_seconds) { return sys_seconds{seconds{epoch_seconds}}; }

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// Naive oracle for the calendar: walks day by day from 1970-01-01.
struct naive_date {
    int y = 1970, m = 1, d = 1;
    void next_day() {
        static constexpr int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        const int dim = (m == 2 && leap) ? 29 : len[m - 1];
        if (++d > dim) {
            d = 1;
            if (++m > 12) {
                m = 1;
                ++y;
            }
        }
    }
    std::string x_date() const {
        std::string s = std::to_string(y);
        auto two = [&](int v) {
            s += static_cast<char>('0' + v / 10);
            s += static_cast<char>('0' + v % 10);
        };
        two(m);
        two(d);
        return s + "T000000Z";
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------
TEST_CASE("format_x_date: known instants") {
    CHECK(ose::format_x_date(at(0)) == "19700101T000000Z");
    CHECK(ose::format_x_date(at(1762153300)) == "20251103T070140Z");
    CHECK(ose::format_x_date(at(1709210096)) == "20240229T123456Z");  // leap day
    CHECK(ose::format_x_date(at(1709210096 + 86400)) == "20240301T123456Z");
    CHECK(ose::format_x_date(at(946684799)) == "19991231T235959Z");
    CHECK(ose::format_x_date(at(946684800)) == "20000101T000000Z");
    CHECK(ose::format_x_date(at(4107542400 - 1)) == "21000228T235959Z");  // 2100 is no leap year
    CHECK(ose::format_x_date(at(4107542400)) == "21000301T000000Z");
    CHECK(ose::format_x_date(at(-1)) == "19691231T235959Z");
    CHECK(ose::format_x_date(at(-2208988800)) == "19000101T000000Z");
}

TEST_CASE("format_x_date: truncates to whole seconds, towards the past") {
    const system_clock::time_point t = at(1762153300) + std::chrono::duration_cast<system_clock::duration>(999ms);
    CHECK(ose::format_x_date(t) == "20251103T070140Z");
    const system_clock::time_point before_epoch =
        system_clock::time_point{} - std::chrono::duration_cast<system_clock::duration>(1ms);
    CHECK(ose::format_x_date(before_epoch) == "19691231T235959Z");
}

TEST_CASE("format_x_date and parse_x_date agree with a day-by-day calendar for 1970-2200") {
    naive_date d;
    for (std::int64_t day = 0; d.y <= 2200; ++day, d.next_day()) {
        const std::string expected = d.x_date();
        const std::string got = ose::format_x_date(at(day * 86400));
        if (got != expected) {
            FAIL_CHECK("day " << day << ": " << got << " != " << expected);
            break;
        }
        auto back = ose::parse_x_date(got);
        REQUIRE(back.has_value());
        if (*back != at(day * 86400)) {
            FAIL_CHECK("round trip of day " << day);
            break;
        }
    }
}

// ---------------------------------------------------------------------------------------
TEST_CASE("parse_x_date: valid values") {
    auto r = ose::parse_x_date("20251103T070140Z");
    REQUIRE(r.has_value());
    CHECK(*r == at(1762153300));
    CHECK(*ose::parse_x_date("19700101T000000Z") == at(0));
    CHECK(*ose::parse_x_date("20240229T123456Z") == at(1709210096));
    CHECK(*ose::parse_x_date("20000229T000000Z") == at(951782400));  // 2000 is a leap year
    CHECK(*ose::parse_x_date("19991231T235959Z") == at(946684799));
    CHECK(ose::parse_x_date("20231231T235959Z").has_value());
}

TEST_CASE("parse_x_date: rejections") {
    const char* bad[] = {
        "",                   // empty
        "20251103T070140",    // too short
        "20251103T070140ZZ",  // too long
        "20251103t070140Z",   // lower-case t
        "20251103T070140z",   // lower-case z
        "20251103 070140Z",   // space instead of T
        "2025-11-03T07:01:40Z",
        "20251303T070140Z",  // month 13
        "20250003T070140Z",  // month 0
        "20250100T070140Z",  // day 0
        "20250132T070140Z",  // Jan 32
        "20240230T000000Z",  // Feb 30
        "20230229T000000Z",  // not a leap year
        "19000229T000000Z",  // not a leap year (century)
        "20250431T000000Z",  // April 31
        "20251103T240000Z",  // hour 24
        "20251103T076000Z",  // minute 60
        "20251103T070160Z",  // second 60
        "2025110AT070140Z",  // letter
        "+0251103T070140Z",
        "20251103T07014-Z",
    };
    for (const char* v : bad) {
        CAPTURE(v);
        auto r = ose::parse_x_date(v);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == ose::error_kind::invalid_request);
        CHECK(r.error().code == ose::errc::invalid_header);
        CHECK(r.error().path == "X-Date");
        CHECK_FALSE(r.error().message.empty());
    }
}

// ---------------------------------------------------------------------------------------
TEST_CASE("check_x_date: the 15-minute window, edges exactly") {
    const sys_seconds t = at(1762153300);  // 20251103T070140Z
    const std::string v = ose::format_x_date(t);

    CHECK(ose::check_x_date(v, t).has_value());  // exactly now
    CHECK(ose::check_x_date(v, t + 1s).has_value());
    CHECK(ose::check_x_date(v, t + 15min).has_value());             // exactly 15:00 before
    CHECK_FALSE(ose::check_x_date(v, t + 15min + 1s).has_value());  // 15:01 before
    CHECK_FALSE(ose::check_x_date(v, t + 16min).has_value());
    CHECK_FALSE(ose::check_x_date(v, t - 1s).has_value());  // 1 s in the future
    CHECK_FALSE(ose::check_x_date(v, t - 1h).has_value());

    // `now` is truncated to seconds: a value made from the same reading always passes, and
    // 15:00.999 before still counts as 15:00.
    const auto frac = std::chrono::duration_cast<system_clock::duration>(999ms);
    CHECK(ose::check_x_date(v, t + frac).has_value());
    CHECK(ose::check_x_date(v, t + 15min + frac).has_value());
    CHECK(ose::check_x_date(ose::format_x_date(t + frac), t + frac).has_value());

    auto future = ose::check_x_date(v, t - 1s);
    REQUIRE_FALSE(future.has_value());
    CHECK(future.error().path == "X-Date");
    CHECK(contains(future.error().message, "later"));
    auto old = ose::check_x_date(v, t + 15min + 1s);
    REQUIRE_FALSE(old.has_value());
    CHECK(contains(old.error().message, "15 minutes"));

    auto malformed = ose::check_x_date("20251103T070140", t);
    REQUIRE_FALSE(malformed.has_value());
    CHECK(malformed.error().code == ose::errc::invalid_header);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("parse_compact_time") {
    auto r = ose::parse_compact_time("20231227151904");
    REQUIRE(r.has_value());
    CHECK(*r == at(1703690344));
    CHECK(*ose::parse_compact_time("19700101000000") == at(0));
    CHECK(*ose::parse_compact_time("20240229235959") == at(1709251199));

    const char* bad[] = {
        "",
        "2023122715190",    // 13 digits
        "202312271519040",  // 15 digits
        "20231227T151904",
        "2023-12-27151904",
        "20231327151904",  // month 13
        "20230229000000",  // not a leap year
        "20240230000000",  // Feb 30
        "20231227241904",  // hour 24
        "20231227156004",  // minute 60
        "20231227151960",  // second 60
        "2023122715190a",
    };
    for (const char* v : bad) {
        CAPTURE(v);
        auto e = ose::parse_compact_time(v);
        REQUIRE_FALSE(e.has_value());
        CHECK(e.error().kind == ose::error_kind::malformed_response);
        CHECK_FALSE(e.error().message.empty());
    }
    CHECK(ose::parse_compact_time("20230229000000").error().code == ose::errc::out_of_range);
    CHECK(ose::parse_compact_time("2023122715190").error().code == ose::errc::syntax);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("is_valid_trace_id") {
    const std::string ok(58, 'a');
    CHECK(ose::trace_id_length == 58);
    CHECK(ose::is_valid_trace_id(ok));
    CHECK(ose::is_valid_trace_id("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012345"));
    CHECK(ose::is_valid_trace_id(std::string(58, '_')));
    CHECK_FALSE(ose::is_valid_trace_id(std::string(57, 'a')));
    CHECK_FALSE(ose::is_valid_trace_id(std::string(59, 'a')));
    CHECK_FALSE(ose::is_valid_trace_id(""));
    for (char c : std::string_view("-. +/=\r\n\0\x7f\x80", 12)) {
        std::string s = ok;
        s[20] = c;
        CAPTURE(static_cast<int>(static_cast<unsigned char>(c)));
        CHECK_FALSE(ose::is_valid_trace_id(s));
    }
}

TEST_CASE("generate_trace_id: deterministic source") {
    auto a = seeded_random(42);
    const std::string id1 = ose::generate_trace_id(a);
    CHECK(id1.size() == 58);
    CHECK(ose::is_valid_trace_id(id1));

    // Same state, same ID; the state advanced, so the next ID differs.
    auto a_again = seeded_random(42);
    CHECK(ose::generate_trace_id(a_again) == id1);
    CHECK(ose::generate_trace_id(a) != id1);

    auto b = seeded_random(43);
    CHECK(ose::generate_trace_id(b) != id1);

    // Works with a temporary, a lambda and a std::function.
    CHECK(ose::generate_trace_id(seeded_random(42)) == id1);
    auto c = seeded_random(42);
    CHECK(ose::generate_trace_id([&c] { return c(); }) == id1);
    ose::random_source f = seeded_random(42);
    CHECK(ose::generate_trace_id(f) == id1);
}

TEST_CASE("generate_trace_id: rejection of chunk 63 and use of the bits") {
    // All-zero bits: every 6-bit chunk is 0 -> 'A'.
    CHECK(ose::generate_trace_id([] { return std::uint64_t{0}; }) == std::string(58, 'A'));

    // Chunk value 62 -> '_' (the last symbol); 63 is skipped. A word whose low chunk is 63
    // followed by chunks of 0 gives nine 'A' per word, not ten.
    int calls = 0;
    const std::string id = ose::generate_trace_id([&calls] {
        ++calls;
        return std::uint64_t{63};
    });
    CHECK(id == std::string(58, 'A'));
    CHECK(calls == 7);  // ceil(58 / 9)

    // 62 in every chunk: all underscores, ten symbols per call.
    calls = 0;
    std::uint64_t all62 = 0;
    for (int k = 0; k < 10; ++k) all62 |= std::uint64_t{62} << (6 * k);
    const std::string under = ose::generate_trace_id([&] {
        ++calls;
        return all62;
    });
    CHECK(under == std::string(58, '_'));
    CHECK(calls == 6);
}

TEST_CASE("generate_trace_id: every symbol appears, none outside the alphabet") {
    auto g = seeded_random(7);
    std::set<char> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string id = ose::generate_trace_id(g);
        REQUIRE(ose::is_valid_trace_id(id));
        seen.insert(id.begin(), id.end());
    }
    CHECK(seen.size() == 63);
}

TEST_CASE("default_random_source") {
    ose::random_source src = ose::default_random_source();
    const std::string a = ose::generate_trace_id(src);
    const std::string b = ose::generate_trace_id(src);
    CHECK(ose::is_valid_trace_id(a));
    CHECK(ose::is_valid_trace_id(b));
    CHECK(a != b);
    // Copies share the engine: they continue one sequence instead of repeating it.
    ose::random_source copy = src;
    CHECK(ose::generate_trace_id(copy) != ose::generate_trace_id(src));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("check_header_value: accepted values") {
    CHECK(ose::check_header_value("X-User-Id", "12345").has_value());
    CHECK(ose::check_header_value("Authorization", "Bearer+abc.DEF_123-~!#$%&'*+/=?^`{|}").has_value());
    CHECK(ose::check_header_value("X", "a b").has_value());
    CHECK(ose::check_header_value("X", "a").has_value());
    CHECK(ose::check_header_value("X", "").has_value());  // emptiness is the caller's rule
}

TEST_CASE("check_header_value: injection and bad bytes") {
    struct bad_case {
        std::string value;
        std::size_t index;
        const char* why;
    };
    const bad_case cases[] = {
        {"abc\rdef", 3, "CR"},        {"abc\ndef", 3, "LF"},
        {"ab\r\nX-Evil: 1", 2, "CR"}, {std::string("abc\0def", 7), 3, "NUL"},
        {"ab\tc", 2, "control"},      {"\tabc", 0, "control"},
        {"abc\x7f", 3, "control"},    {"abc\x1b[0m", 3, "control"},
        {"abc\x80", 3, "non-ASCII"},  {"caf\xc3\xa9", 3, "non-ASCII"},
        {" abc", 0, "leading"},       {"abc ", 3, "trailing"},
        {" \r\n", 1, "CR"},  // injection wins over the leading space
    };
    for (const auto& c : cases) {
        CAPTURE(c.why);
        CAPTURE(c.index);
        auto r = ose::check_header_value("X-Test", c.value);
        REQUIRE_FALSE(r.has_value());
        const ose::error& e = r.error();
        CHECK(e.kind == ose::error_kind::invalid_request);
        CHECK(e.code == ose::errc::invalid_header);
        CHECK(e.path == "X-Test");
        CHECK(contains(e.message, c.why));
        CHECK(contains(e.message, "index " + std::to_string(c.index)));
    }
    auto tab = ose::check_header_value("X", "abcde\tf");
    REQUIRE_FALSE(tab.has_value());
    CHECK(tab.error().message == "control character at index 5 (header injection)");
}

TEST_CASE("check_header_value: the error never contains the value") {
    const std::string_view values[] = {"secret-token\r\n", " secret-token", "secret-token ", "secret-token\x01",
                                       "secret\xff-token"};
    for (std::string_view v : values) {
        auto r = ose::check_header_value("Authorization", v);
        REQUIRE_FALSE(r.has_value());
        const std::string s = r.error().to_string();
        CHECK(contains(s, "Authorization"));
        CHECK_FALSE(contains(s, "secret"));
        CHECK_FALSE(contains(s, "token"));
    }
}

// ---------------------------------------------------------------------------------------
TEST_CASE("check_language") {
    for (std::string_view ok : {"en", "en-US", "en_us", "zh-Hans-CN", "de", "x1", "A"}) {
        CAPTURE(ok);
        CHECK(ose::check_language(ok).has_value());
    }
    CHECK(ose::check_language(std::string(35, 'a')).has_value());
    CHECK_FALSE(ose::check_language(std::string(36, 'a')).has_value());
    for (std::string_view bad : {"", "en US", "en;q=0.9", "en,de", "en\r\n", "\xc3\xa9n", "en.US", " en"}) {
        CAPTURE(bad);
        auto r = ose::check_language(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ose::errc::invalid_header);
        CHECK(r.error().path == "language");
    }
    CHECK(contains(ose::check_language("en US").error().message, "index 2"));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("check_host: accepted forms") {
    for (std::string_view ok : {"example.com",
                                "example.com:443",
                                "127.0.0.1:8080",
                                "127.0.0.1",
                                "[::1]:80",
                                "[2001:db8::1]",
                                "[::1]",
                                "[::]",
                                "[1:2:3:4:5:6:7:8]",
                                "[1:2:3:4:5:6:7::]",
                                "[::2:3:4:5:6:7:8]",
                                "[::ffff:192.0.2.1]",
                                "[1:2:3:4:5:6:1.2.3.4]",
                                "[fe80::abcd:1]:65535",
                                "localhost:1",
                                "a",
                                "my-host_1.example~x",
                                "xn--bcher-kva.example",
                                "h%41st",
                                "a!$&'()*+,;=b",
                                "255.255.255.255:0",
                                "EXAMPLE.COM:00443"}) {
        CAPTURE(ok);
        CHECK(ose::check_host(ok).has_value());
    }
}

TEST_CASE("check_host: rejections") {
    for (std::string_view bad : {"",
                                 "a b",
                                 "host:99999",
                                 "host:65536",
                                 "host:123456",
                                 "host:",
                                 "host:8a",
                                 "host:-1",
                                 "[::1",
                                 "[1:2:3:4:5:6:7:8:9]",
                                 "[1:2:3:4:5:6:7]",
                                 "[1::2::3]",
                                 "[:::]",
                                 "[12345::]",
                                 "[::g]",
                                 "[1:]",
                                 "[:1]",
                                 "[1:2:3:4:5:6:7:1.2.3.4]",
                                 "[::1.2.3]",
                                 "[::1.2.3.4:5]",
                                 "[1:2:3:4::5:6:7:8]",
                                 "[::1:2:3:4:5:6:7:8]",
                                 "[1:2:3:4:5:6:7:8::]",
                                 "[::1]x",
                                 "[::1]:",
                                 "[]",
                                 "[example.com]",
                                 "user@host",
                                 "host/path",
                                 "host?q",
                                 "host#f",
                                 "host\r\n",
                                 "ho\tst",
                                 "host\x7f",
                                 "h\xc3\xa9st",
                                 " host",
                                 "host ",
                                 ":80",
                                 "h%4",
                                 "h%zz",
                                 "256.1.1.1",
                                 "1.2.3",
                                 "1.2.3.4.5",
                                 "01.2.3.4",
                                 "1..2.3",
                                 "a:b:c",
                                 "[::1]:80:80"}) {
        CAPTURE(bad);
        auto r = ose::check_host(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ose::errc::invalid_header);
        CHECK(r.error().path == "Host");
    }
    auto r = ose::check_host("secret host");
    REQUIRE_FALSE(r.has_value());
    CHECK_FALSE(contains(r.error().to_string(), "secret"));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("percent_encode: exact output") {
    auto enc = [](std::string_view in) {
        std::string out;
        ose::percent_encode(in, out);
        return out;
    };
    CHECK(enc("") == "");
    CHECK(enc("a b") == "a%20b");
    CHECK(enc("~") == "~");
    CHECK(enc("AZaz09-_.~") == "AZaz09-_.~");
    CHECK(enc("a+b=c&d/e?") == "a%2Bb%3Dc%26d%2Fe%3F");
    CHECK(enc("%") == "%25");
    CHECK(enc("\xc3\xa9") == "%C3%A9");         // é
    CHECK(enc("\xe4\xb8\xad") == "%E4%B8%AD");  // 中
    CHECK(enc(std::string_view("\0\xff", 2)) == "%00%FF");

    std::string out = "prefix=";
    ose::percent_encode("x y", out);
    CHECK(out == "prefix=x%20y");  // appends
}

TEST_CASE("percent_decode") {
    CHECK(*ose::percent_decode("a%20b") == "a b");
    CHECK(*ose::percent_decode("%c3%A9") == "\xc3\xa9");
    CHECK(*ose::percent_decode("a+b") == "a+b");  // '+' stays '+'
    CHECK(*ose::percent_decode("") == "");
    CHECK(*ose::percent_decode("%00") == std::string(1, '\0'));

    for (std::string_view bad : {"%", "%2", "a%2", "%zz", "%2g", "%g2", "100%", "%%20"}) {
        CAPTURE(bad);
        auto r = ose::percent_decode(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ose::errc::syntax);
    }
    CHECK(ose::percent_decode("ab%2").error().offset == 2);

    // Round trip of every byte value.
    std::string all;
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
    std::string encoded;
    ose::percent_encode(all, encoded);
    auto decoded = ose::percent_decode(encoded);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == all);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("authorization_value") {
    using ose::token_scheme;
    CHECK(ose::authorization_value("10f88d") == "Bearer+10f88d");
    CHECK(ose::authorization_value("10f88d", token_scheme::bearer_plus) == "Bearer+10f88d");
    CHECK(ose::authorization_value("10f88d", token_scheme::bearer_space) == "Bearer 10f88d");
    CHECK(ose::authorization_value("10f88d", token_scheme::verbatim) == "10f88d");

    // Already carrying a scheme: sent as is.
    for (std::string_view t : {"Bearer+013b", "Bearer 013b", "AT 013b", "AT+013b"}) {
        CAPTURE(t);
        CHECK(ose::authorization_value(t) == t);
        CHECK(ose::authorization_value(t, token_scheme::bearer_space) == t);
        CHECK(ose::authorization_value(t, token_scheme::verbatim) == t);
    }
    // Only those exact prefixes count.
    CHECK(ose::authorization_value("ATx") == "Bearer+ATx");
    CHECK(ose::authorization_value("Bearer") == "Bearer+Bearer");
    CHECK(ose::authorization_value("AT") == "Bearer+AT");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("safe_snippet") {
    CHECK(ose::safe_snippet("hello") == "hello");
    CHECK(ose::safe_snippet("") == "");
    CHECK(ose::safe_snippet("a\r\nb\tc\x7f"
                            "d") == "a??b?c?d");
    CHECK(ose::safe_snippet(std::string_view("a\0b", 3)) == "a?b");
    CHECK(ose::safe_snippet("caf\xc3\xa9") == "caf\xc3\xa9");
    CHECK(ose::safe_snippet("\xf0\x9f\x98\x80") == "\xf0\x9f\x98\x80");  // U+1F600

    // Invalid UTF-8: each offending byte becomes '?'.
    CHECK(ose::safe_snippet("a\x80"
                            "b") == "a?b");                  // stray continuation
    CHECK(ose::safe_snippet("\xc0\xaf") == "??");            // overlong '/'
    CHECK(ose::safe_snippet("\xe0\x80\xaf") == "???");       // overlong
    CHECK(ose::safe_snippet("\xed\xa0\x80") == "???");       // surrogate U+D800
    CHECK(ose::safe_snippet("\xf4\x90\x80\x80") == "????");  // above U+10FFFF
    CHECK(ose::safe_snippet("\xf5\x80\x80\x80") == "????");
    CHECK(ose::safe_snippet("\xff\xfe") == "??");
    CHECK(ose::safe_snippet("\xc3"
                            "a") == "?a");             // truncated sequence
    CHECK(ose::safe_snippet("ab\xe4\xb8") == "ab??");  // cut at the end of the body
    CHECK(ose::safe_snippet("\xc2\x9b"
                            "31m") == "?31m");           // C1 control (CSI)
    CHECK(ose::safe_snippet("\xc2\xa0") == "\xc2\xa0");  // U+00A0 is not a control

    // Truncation never splits a character.
    CHECK(ose::safe_snippet("abcdef", 3) == "abc");
    CHECK(ose::safe_snippet("ab\xc3\xa9", 3) == "ab");  // é would need 2 bytes, 1 left
    CHECK(ose::safe_snippet("ab\xc3\xa9", 4) == "ab\xc3\xa9");
    CHECK(ose::safe_snippet("\xe4\xb8\xad\xe4\xb8\xad", 5) == "\xe4\xb8\xad");
    CHECK(ose::safe_snippet("x", 0) == "");

    std::string long_body;
    for (int i = 0; i < 200; ++i) long_body += "\xe4\xb8\xad";  // 600 bytes of 中
    const std::string s = ose::safe_snippet(long_body);
    CHECK(s.size() == 255);  // 85 whole characters; the 86th would need 258 bytes
    CHECK(ose::safe_snippet(std::string(1000, 'x')).size() == 256);
    CHECK(ose::safe_snippet(std::string(1000, '\n')) == std::string(256, '?'));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("iequals") {
    CHECK(ose::iequals("X-Date", "x-date"));
    CHECK(ose::iequals("X-TRACEID", "X-Traceid"));
    CHECK(ose::iequals("", ""));
    CHECK_FALSE(ose::iequals("X-Date", "X-Dates"));
    CHECK_FALSE(ose::iequals("X-Date", "X_Date"));
    CHECK_FALSE(ose::iequals("[", "{"));                // only letters fold
    CHECK_FALSE(ose::iequals("\xc3\xa9", "\xc3\x89"));  // ASCII only
}

}  // namespace header_values_tests
