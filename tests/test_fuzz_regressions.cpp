// Regression tests for what the fuzzers in fuzz/ found; one test case per finding, with the
// input that found it (see fuzz/README.md).
#include <doctest/doctest.h>

#include <koodrive/ose/time.hpp>

#include <chrono>
#include <string>

namespace ose = koodrive::ose;

// fuzz_headers, input "00251103T070140Z" (UBSan: signed integer overflow in chrono.h):
// parse_x_date accepted the year 0025 and returned a sys_seconds that overflows when converted
// to std::chrono::system_clock::time_point (nanoseconds in libstdc++: 1677-09-21 to
// 2262-04-11), which is undefined behaviour in the caller's plain conversion, reachable from a
// client's X-Date on the server side or a time in a response. Every parsed time now fits.
TEST_CASE("fuzz: parsed times fit std::chrono::system_clock") {
    using clock_point = std::chrono::system_clock::time_point;
    for (const char* v :
         {"00251103T070140Z", "00000101T000000Z", "16770921T001243Z", "99991231T235959Z", "22620411T234717Z"}) {
        CAPTURE(v);
        auto r = ose::parse_x_date(v);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ose::errc::invalid_header);
        CHECK(r.error().message == "outside the range of std::chrono::system_clock");
    }
    for (const char* v : {"00251103070140", "99991231235959"}) {
        CAPTURE(v);
        auto r = ose::parse_compact_time(v);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ose::errc::out_of_range);
    }
    // The edges of the clock's range, and everyday values, still parse and convert exactly.
    for (const char* v : {"16770921T001244Z", "22620411T234716Z", "19700101T000000Z", "20251103T070140Z"}) {
        CAPTURE(v);
        auto r = ose::parse_x_date(v);
        REQUIRE(r.has_value());
        const clock_point t = *r;  // no overflow (UBSan would report it)
        CHECK(ose::format_x_date(t) == v);
    }
    CHECK(ose::parse_compact_time("16770921001244").has_value());
    CHECK(ose::parse_compact_time("22620411234716").has_value());
}
