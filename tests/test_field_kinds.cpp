// Tests for the one classification of field types (reflect.hpp: field_kind_of, field_traits):
// a user's strong ID type, added by one field_traits specialization, goes through every
// traversal (decode, encode, validation, log lines, the generators) as the string inside it.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>  // the description below is a std::tuple, as a user's may be
#include <vector>

#include <koodrive/ose.hpp>
#include <koodrive/ose/log_format.hpp>
#include <koodrive/ose/testing/generate.hpp>

namespace ose = koodrive::ose;

namespace demo {

/// A strong ID: a file ID that cannot be mixed up with any other string.
struct file_id {
    std::string value;
    friend bool operator==(const file_id&, const file_id&) = default;
};

struct copy_request {
    file_id source;
    std::optional<file_id> target;
    std::vector<file_id> also;
    file_id parent;
    std::int32_t count = 0;
    friend bool operator==(const copy_request&, const copy_request&) = default;
};

}  // namespace demo

// The one place that teaches the library the new type.
template <>
struct koodrive::ose::field_traits<demo::file_id> {
    using wire_type = std::string;
    static std::string& wire(demo::file_id& id) noexcept { return id.value; }
    static const std::string& wire(const demo::file_id& id) noexcept { return id.value; }
};

template <>
struct koodrive::ose::description<demo::copy_request> {
    using T = demo::copy_request;
    static constexpr std::string_view name = "copy_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        std::make_tuple(field(&T::source, "sourceFileId").required().length(1, 24),
                        field(&T::target, "targetFileId").length(1, 24), field(&T::also, "alsoIds").items(0, 3),
                        field(&T::parent, "parentFileId"), field(&T::count, "count").required().range(0, 10));
};

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace field_kinds_tests {

namespace {

using demo::copy_request;
using demo::file_id;
using ose::field_kind;

// Every type has one kind, and bool is refused everywhere alike (no API field is a boolean).
static_assert(ose::field_kind_of<std::string> == field_kind::string);
static_assert(ose::field_kind_of<std::string_view> == field_kind::string_view);
static_assert(ose::field_kind_of<ose::job_status> == field_kind::enumeration);
static_assert(ose::field_kind_of<std::int64_t> == field_kind::integer);
static_assert(ose::field_kind_of<bool> == field_kind::unsupported);
static_assert(ose::field_kind_of<double> == field_kind::unsupported);
static_assert(ose::field_kind_of<std::optional<std::int32_t>> == field_kind::optional);
static_assert(ose::field_kind_of<std::vector<std::string>> == field_kind::array);
static_assert(ose::field_kind_of<ose::list_batch_tasks_request> == field_kind::object);
static_assert(ose::field_kind_of<file_id> == field_kind::wrapped);
static_assert(ose::field_kind_of<const file_id&> == field_kind::wrapped);
static_assert(ose::check_description<copy_request>());

copy_request sample() {
    copy_request m;
    m.source = {"f1"};
    m.target = file_id{"f2"};
    m.also = {{"a"}, {"b"}};
    m.parent = {"p"};
    m.count = 3;
    return m;
}

constexpr std::string_view sample_json =
    R"({"sourceFileId":"f1","targetFileId":"f2","alsoIds":["a","b"],"parentFileId":"p","count":3})";

}  // namespace

TEST_CASE("field kinds: a strong ID type round-trips as the string inside it") {
    const auto json = ose::encode(sample());
    REQUIRE(json.has_value());
    CHECK(*json == sample_json);
    const auto back = ose::decode<copy_request>(*json);
    REQUIRE(back.has_value());
    CHECK(*back == sample());
}

TEST_CASE("field kinds: a strong ID is read by the string rules") {
    SUBCASE("a large integer is kept digit for digit, as for a string field") {
        const auto m =
            ose::decode<copy_request>(R"({"sourceFileId":12345678901234567890,"parentFileId":"p","count":0})");
        REQUIRE(m.has_value());
        CHECK(m->source.value == "12345678901234567890");
    }
    SUBCASE("a value of another type is a type mismatch at its path") {
        const auto m =
            ose::decode<copy_request>(R"({"sourceFileId":"f1","alsoIds":["a",{}],"parentFileId":"p","count":0})");
        REQUIRE(!m.has_value());
        CHECK(m.error().code == ose::errc::type_mismatch);
        CHECK(m.error().path == "$.alsoIds[1]");
    }
    SUBCASE("a reused message gets its defaults back for the fields left out") {
        copy_request m = sample();
        REQUIRE(ose::decode_into(m, R"({"sourceFileId":"s","parentFileId":"q","count":1})"));
        CHECK(m.source.value == "s");
        CHECK(!m.target.has_value());
        CHECK(m.also.empty());
        CHECK(m.parent.value == "q");
        CHECK(m.count == 1);
    }
    SUBCASE("a strong ID left out is empty, which a request refuses") {
        const auto d = ose::decode<copy_request>(R"({"sourceFileId":"s","count":1})");
        REQUIRE(!d.has_value());
        CHECK(d.error().path == "$.parentFileId");
    }
}

TEST_CASE("field kinds: a strong ID is checked by the string constraints") {
    copy_request m = sample();
    SUBCASE("empty") {
        m.source.value.clear();
        const auto v = ose::validate(m);
        REQUIRE(!v);
        CHECK(v.error().code == ose::errc::missing_field);  // required, as a plain string would be
        CHECK(v.error().path == "$.sourceFileId");
        CHECK(!ose::encode(m).has_value());
    }
    SUBCASE("too long, inside an optional") {
        m.target = file_id{std::string(25, 'x')};
        const auto v = ose::validate(m);
        REQUIRE(!v);
        CHECK(v.error().code == ose::errc::constraint);
        CHECK(v.error().path == "$.targetFileId");
    }
    SUBCASE("not UTF-8, inside an array") {
        m.also[1].value = "ab\xFF";
        const auto v = ose::validate(m);
        REQUIRE(!v);
        CHECK(v.error().code == ose::errc::invalid_utf8);
        CHECK(v.error().path == "$.alsoIds[1]");
    }
    SUBCASE("a decoded request is validated too") {
        const auto d =
            ose::decode<copy_request>(R"({"sourceFileId":"f1","alsoIds":[""],"parentFileId":"p","count":0})");
        REQUIRE(!d.has_value());
        CHECK(d.error().path == "$.alsoIds[0]");
    }
}

TEST_CASE("field kinds: a strong ID in a log line and in the generators") {
    const std::string line = ose::to_log_string(sample());
    CHECK(line.find(R"(sourceFileId="f1")") != std::string::npos);
    CHECK(line.find(R"(alsoIds=["a", "b"])") != std::string::npos);

    for (std::uint8_t seed = 0; seed < 32; ++seed) {
        CAPTURE(seed);
        const std::vector<std::uint8_t> bytes(64, seed);
        const auto m = ose::testing::generate_valid<copy_request>(std::span<const std::uint8_t>(bytes));
        CHECK(ose::validate(m).has_value());
        CHECK(!m.source.value.empty());
        const auto broken = ose::testing::generate_invalid<copy_request>(std::span<const std::uint8_t>(bytes));
        REQUIRE(broken.has_value());
        CHECK(!ose::validate(broken->message).has_value());
    }
}

}  // namespace field_kinds_tests
