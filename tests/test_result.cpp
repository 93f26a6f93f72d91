// Tests for koodrive/ose/result.hpp: and_then / transform / or_else, and assignment that keeps
// the old state when the new one cannot be copied.
#include <koodrive/ose/result.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ose = koodrive::ose;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace result_tests {

namespace {

ose::error failure(std::string path) {
    ose::error e;
    e.kind = ose::error_kind::malformed_response;
    e.path = std::move(path);
    return e;
}

ose::result<int> parse_positive(int x) {
    if (x <= 0) return failure("$.x");
    return x;
}

}  // namespace

TEST_CASE("result: and_then, transform and or_else") {
    const ose::result<int> three = 3;
    const ose::result<int> bad = failure("$.a");

    CHECK(*three.and_then(parse_positive) == 3);
    CHECK(three.and_then([](int) { return parse_positive(0); }).error().path == "$.x");
    CHECK(bad.and_then(parse_positive).error().path == "$.a");  // not called

    const ose::result<std::string> text = three.transform([](int v) { return std::to_string(v * 2); });
    CHECK(*text == "6");
    CHECK(bad.transform([](int v) { return v + 1; }).error().path == "$.a");
    CHECK(ose::result<int>(7).transform([](int) {}).has_value());  // void

    CHECK(*bad.or_else([](const ose::error&) { return ose::result<int>(0); }) == 0);
    int calls = 0;
    CHECK(*three.or_else([&](const ose::error&) {
        ++calls;
        return ose::result<int>(0);
    }) == 3);
    CHECK(calls == 0);

    // Rvalue forms move the value along.
    auto moved = ose::result<std::string>(std::string(40, 'x')).and_then([](std::string s) {
        return ose::result<std::size_t>(s.size());
    });
    CHECK(*moved == 40);

    // result<void>.
    const ose::result<void> ok;
    const ose::result<void> no = failure("$.v");
    CHECK(*ok.transform([] { return 5; }) == 5);
    CHECK(no.transform([] { return 5; }).error().path == "$.v");
    CHECK(*ok.and_then([] { return parse_positive(2); }) == 2);
    CHECK(no.or_else([](const ose::error& e) -> ose::result<void> {
                return e.path == "$.v" ? ose::result<void>() : failure("?");
            }).has_value());
}

TEST_CASE("result: assignment between values and errors") {
    ose::result<std::string> r = std::string("value");
    r = failure("$.e");
    REQUIRE(!r);
    CHECK(r.error().path == "$.e");
    r = std::string("back");
    REQUIRE(r);
    CHECK(*r == "back");
    const ose::result<std::string> other = failure("$.o");
    r = other;
    CHECK(r.error().path == "$.o");
    ose::result<void> v;
    v = ose::result<void>(failure("$.w"));
    CHECK(v.error().path == "$.w");
    v = ose::result<void>();
    CHECK(v.has_value());
}

#if defined(__cpp_exceptions)
namespace {
// Copying throws once armed.
struct fragile {
    static inline bool armed = false;
    int v = 0;
    explicit fragile(int x) : v(x) {}
    fragile(const fragile& o) : v(o.v) {
        if (armed) throw 1;
    }
    fragile(fragile&& o) : v(o.v) {  // NOLINT: may throw, on purpose
        if (armed) throw 1;
    }
    fragile& operator=(const fragile&) = default;
    fragile& operator=(fragile&&) = default;
    ~fragile() = default;
};
}  // namespace

TEST_CASE("result: an assignment that throws leaves the old state") {
    ose::result<fragile> r = failure("$.kept");
    const ose::result<fragile> source = fragile(9);
    fragile::armed = true;
    CHECK_THROWS(r = source);
    fragile::armed = false;
    REQUIRE(!r);
    CHECK(r.error().path == "$.kept");  // the error survived
    r = source;
    REQUIRE(r);
    CHECK(r->v == 9);
}
#endif

}  // namespace result_tests
