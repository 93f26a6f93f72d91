// Tests for koodrive/ose/query.hpp: the list request as a query string, both ways.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/query.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace ose = koodrive::ose;
using list_request = ose::list_batch_tasks_request;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace query_tests {

namespace {

std::string encode(const list_request& m) {
    std::string out;
    ose::encode_query(m, out);
    return out;
}

ose::error decode_error(std::string_view query) {
    auto r = ose::decode_query<list_request>(query);
    REQUIRE(!r.has_value());
    CHECK(r.error().kind == ose::error_kind::invalid_request);
    CHECK(r.error().to_string().find('\n') == std::string::npos);
    return r.error();
}

bool same(const list_request& a, const list_request& b) {
    return a.offset == b.offset && a.limit == b.limit && a.type == b.type && a.status == b.status;
}

}  // namespace

TEST_CASE("encode_query: the order is offset, limit, type, status") {
    CHECK(encode({.offset = 0, .limit = 2, .type = {}, .status = {}}) == "offset=0&limit=2");
    CHECK(encode({.offset = 10, .limit = 100, .type = ose::batch_task_type::move, .status = {}}) ==
          "offset=10&limit=100&type=3");
    CHECK(encode({.offset = 0, .limit = 1, .type = {}, .status = ose::job_status::pending}) ==
          "offset=0&limit=1&status=0");
    CHECK(encode({.offset = 9223372036854775807,
                  .limit = 50,
                  .type = ose::batch_task_type::copy,
                  .status = ose::job_status::processing}) == "offset=9223372036854775807&limit=50&type=1&status=1");
}

TEST_CASE("encode_query appends to what is there") {
    std::string out = "/koodrive/ose/v1/jobs?";
    ose::encode_query(list_request{.offset = 0, .limit = 2, .type = {}, .status = {}}, out);
    CHECK(out == "/koodrive/ose/v1/jobs?offset=0&limit=2");
}

TEST_CASE("decode_query: round trip") {
    const list_request cases[] = {
        {.offset = 0, .limit = 2, .type = {}, .status = {}},
        {.offset = 1, .limit = 1, .type = ose::batch_task_type::copy, .status = {}},
        {.offset = 200, .limit = 100, .type = {}, .status = ose::job_status::canceled},
        {.offset = 9223372036854775807,
         .limit = 100,
         .type = ose::batch_task_type::clear_recycle_bin,
         .status = ose::job_status::completed},
    };
    for (const auto& m : cases) {
        const std::string q = encode(m);
        CAPTURE(q);
        auto back = ose::decode_query<list_request>(q);
        REQUIRE(back.has_value());
        CHECK(same(*back, m));
        CHECK(encode(*back) == q);
    }
}

TEST_CASE("decode_query: the parameters may come in any order") {
    auto r = ose::decode_query<list_request>("status=2&type=5&limit=7&offset=3");
    REQUIRE(r.has_value());
    CHECK(r->offset == 3);
    CHECK(r->limit == 7);
    CHECK(r->type == ose::batch_task_type::decompress);
    CHECK(r->status == ose::job_status::completed);
    CHECK(encode(*r) == "offset=3&limit=7&type=5&status=2");
}

TEST_CASE("decode_query: offset and limit are required") {
    auto e = decode_error("limit=2");
    CHECK(e.code == ose::errc::missing_field);
    CHECK(e.path == "$.offset");
    e = decode_error("offset=0");
    CHECK(e.code == ose::errc::missing_field);
    CHECK(e.path == "$.limit");
    e = decode_error("");
    CHECK(e.code == ose::errc::missing_field);
    CHECK(e.path == "$.offset");
    e = decode_error("type=1&status=2");
    CHECK(e.path == "$.offset");
}

TEST_CASE("decode_query: a parameter given twice is an error") {
    auto e = decode_error("offset=0&limit=2&offset=1");
    CHECK(e.code == ose::errc::duplicate_field);
    CHECK(e.path == "$.offset");
    CHECK(e.offset == std::string_view("offset=0&limit=2&").size());
    e = decode_error("offset=0&limit=2&limit=2");
    CHECK(e.code == ose::errc::duplicate_field);
    CHECK(e.path == "$.limit");
    e = decode_error("offset=0&limit=2&type=1&type=1");
    CHECK(e.path == "$.type");
    // A duplicate under a percent-encoded name is the same name.
    e = decode_error("offset=0&limit=2&%6Cimit=3");
    CHECK(e.code == ose::errc::duplicate_field);
    CHECK(e.path == "$.limit");
}

TEST_CASE("decode_query: unknown parameters are skipped") {
    for (std::string_view q :
         {"offset=0&limit=2&foo=bar", "foo=bar&offset=0&limit=2", "offset=0&x&limit=2", "offset=0&limit=2&foo=1&foo=2",
          "offset=0&&limit=2", "offset=0&limit=2&", "Offset=5&offset=0&limit=2", "offset=0&limit=2&=x"}) {
        CAPTURE(q);
        auto r = ose::decode_query<list_request>(q);
        REQUIRE(r.has_value());
        CHECK(r->offset == 0);
        CHECK(r->limit == 2);
        CHECK(!r->type);
        CHECK(!r->status);
    }
}

TEST_CASE("decode_query: limit is 1-100") {
    for (std::string_view q :
         {"offset=0&limit=0", "offset=0&limit=101", "offset=0&limit=-1", "offset=0&limit=2147483647"}) {
        CAPTURE(q);
        const auto e = decode_error(q);
        CHECK(e.path == "$.limit");
    }
    CHECK(decode_error("offset=0&limit=0").code == ose::errc::constraint);
    CHECK(ose::decode_query<list_request>("offset=0&limit=1").has_value());
    CHECK(ose::decode_query<list_request>("offset=0&limit=100").has_value());
    // Beyond 32 bits: does not fit the field.
    const auto e = decode_error("offset=0&limit=2147483648");
    CHECK(e.path == "$.limit");
}

TEST_CASE("decode_query: offset is >= 0, 64-bit") {
    auto e = decode_error("offset=-1&limit=2");
    CHECK(e.path == "$.offset");
    e = decode_error("offset=9223372036854775808&limit=2");
    CHECK(e.path == "$.offset");
    auto r = ose::decode_query<list_request>("offset=9223372036854775807&limit=2");
    REQUIRE(r.has_value());
    CHECK(r->offset == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("decode_query: integers are canonical") {
    for (std::string_view q :
         {"offset=01&limit=2", "offset=+1&limit=2", "offset=1.0&limit=2", "offset=1e2&limit=2", "offset= 1&limit=2",
          "offset=1 &limit=2", "offset=&limit=2", "offset&limit=2", "offset=0x1&limit=2", "offset=%201&limit=2"}) {
        CAPTURE(q);
        const auto e = decode_error(q);
        CHECK(e.path == "$.offset");
        CHECK(e.offset != ose::error::no_offset);
    }
    const auto e = decode_error("offset=01&limit=2");
    CHECK(e.code == ose::errc::type_mismatch);
    CHECK(e.offset == 7);  // where the value begins
}

TEST_CASE("decode_query: enums take only known values") {
    auto e = decode_error("offset=0&limit=2&type=0");
    CHECK(e.path == "$.type");
    e = decode_error("offset=0&limit=2&type=8");
    CHECK(e.path == "$.type");
    e = decode_error("offset=0&limit=2&status=4");
    CHECK(e.path == "$.status");
    e = decode_error("offset=0&limit=2&status=-1");
    CHECK(e.path == "$.status");
    e = decode_error("offset=0&limit=2&type=copy");
    CHECK(e.path == "$.type");
}

TEST_CASE("decode_query: percent-encoded names and values") {
    auto r = ose::decode_query<list_request>("%6F%66%66%73%65%74=%31%30&l%69mit=%32&typ%65=%34&%73tatus=%33");
    REQUIRE(r.has_value());
    CHECK(r->offset == 10);
    CHECK(r->limit == 2);
    CHECK(r->type == ose::batch_task_type::restore);
    CHECK(r->status == ose::job_status::canceled);
    // Lower-case hex digits too.
    r = ose::decode_query<list_request>("offset=%3a&limit=2");
    REQUIRE(!r.has_value());  // ':' is no digit
    r = ose::decode_query<list_request>("offset=%3%31&limit=2");
    REQUIRE(!r.has_value());
    // '+' is not a space.
    r = ose::decode_query<list_request>("offset=0&limit=2&fo+o=b+ar");
    CHECK(r.has_value());
    SUBCASE("malformed percent-encoding is an error") {
        for (std::string_view q : {"offset=%&limit=2", "offset=%3&limit=2", "offset=0&limit=%G2",
                                   "offset=0&limit=2&x=%", "%zz=1&offset=0&limit=2"}) {
            CAPTURE(q);
            const auto e = decode_error(q);
            CHECK(e.code == ose::errc::syntax);
            CHECK(e.offset != ose::error::no_offset);
        }
    }
}

}  // namespace query_tests
