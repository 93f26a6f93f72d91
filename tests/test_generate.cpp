// Generators from fuzz bytes (testing/generate.hpp): valid messages always validate and
// encode, the same bytes give the same message, and invalid ones break a rule at many paths.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <koodrive/ose.hpp>
#include <koodrive/ose/testing/generate.hpp>

#include "support/test_support.hpp"

namespace ose = koodrive::ose;
namespace gen = koodrive::ose::testing;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace generate_tests {

namespace {

// The full sample in optimised builds (the `test` preset); fewer under sanitizers and in Debug
// builds, which CI also runs under valgrind.
#if defined(__SANITIZE_ADDRESS__)
#define KOODRIVE_OSE_TEST_SLOW_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KOODRIVE_OSE_TEST_SLOW_BUILD 1
#endif
#endif
#if defined(KOODRIVE_OSE_TEST_SLOW_BUILD) || !defined(NDEBUG)
constexpr std::size_t sample = 5000;
#else
constexpr std::size_t sample = 100000;
#endif

// Random byte strings of 0 to 255 bytes, from a fixed-seed xorshift.
struct byte_strings {
    std::uint64_t state = 0x243F6A8885A308D3u;
    std::vector<std::uint8_t> next() {
        std::vector<std::uint8_t> v(step() % 256);
        for (auto& b : v) b = static_cast<std::uint8_t>(step());
        return v;
    }
    std::uint64_t step() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
};

template <class T>
void check_valid(std::size_t n) {
    byte_strings inputs;
    std::size_t failures = 0;
    std::set<std::string> distinct;
    for (std::size_t i = 0; i < n; ++i) {
        const auto bytes = inputs.next();
        gen::byte_source s(bytes);
        const T m = gen::generate_valid<T>(s);
        const auto v = ose::validate(m);
        const auto e = ose::encode(m);
        if (!v || !e) {
            if (++failures <= 3) {
                std::string u;
                ose::encode_unchecked(m, u);
                MESSAGE(ose::description<T>::name << ": " << (v ? e.error().to_string() : v.error().to_string())
                                                  << "\n  " << u);
            }
            continue;
        }
        if (distinct.size() < 1000) distinct.insert(*e);
        const auto back = ose::decode<T>(*e);
        if (!back) ++failures;
    }
    CHECK(failures == 0);
    CHECK(distinct.size() > 100);  // the bytes matter
}

template <class T>
void check_deterministic() {
    byte_strings inputs;
    for (int i = 0; i < 200; ++i) {
        const auto bytes = inputs.next();
        std::string a, b;
        ose::encode_unchecked(gen::generate_valid<T>(std::span<const std::uint8_t>(bytes)), a);
        ose::encode_unchecked(gen::generate_valid<T>(std::span<const std::uint8_t>(bytes)), b);
        CHECK(a == b);
        const auto x = gen::generate_invalid<T>(std::span<const std::uint8_t>(bytes));
        const auto y = gen::generate_invalid<T>(std::span<const std::uint8_t>(bytes));
        REQUIRE(x.has_value() == y.has_value());
        if (x) {
            a.clear(), b.clear();
            ose::encode_unchecked(x->message, a);
            ose::encode_unchecked(y->message, b);
            CHECK(a == b);
            CHECK(x->broken.path.view() == y->broken.path.view());
        }
    }
}

template <class T>
std::set<std::string> check_invalid(std::size_t n) {
    byte_strings inputs;
    std::set<std::string> paths;
    std::size_t none = 0, accepted = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto bytes = inputs.next();
        const auto bad = gen::generate_invalid<T>(std::span<const std::uint8_t>(bytes));
        if (!bad) {
            ++none;
            continue;
        }
        const auto v = ose::validate(bad->message);
        if (v) {
            ++accepted;
            continue;
        }
        const std::string path = "$" + std::string(bad->broken.path.view());
        CHECK(v.error().path == path);
        CHECK(v.error().message == bad->broken.message());
        // Encoding checks while it writes, and must find the same first violation.
        const auto e = ose::encode(bad->message);
        REQUIRE(!e);
        CHECK(e.error().path == v.error().path);
        CHECK(e.error().message == v.error().message);
        CHECK(e.error().code == v.error().code);
        CHECK(e.error().kind == v.error().kind);
        // A server decoding the JSON rejects it at the same place.
        std::string json;
        ose::encode_unchecked(bad->message, json);
        T back{};
        const auto d = ose::decode_into(back, json);
        if constexpr (ose::description<T>::direction == ose::message_direction::request) {
            REQUIRE(!d);
            CHECK(d.error().path == path);
        }
        // Array indexes make many paths of one rule: count the rule's shape.
        std::string p = path;
        for (auto& c : p)
            if (c >= '0' && c <= '9') c = '#';
        paths.insert(p + " " + bad->broken.message());
    }
    CHECK(none == 0);
    CHECK(accepted == 0);
    return paths;
}

}  // namespace

TEST_CASE_TEMPLATE_DEFINE("generate_valid: every message validates, encodes and decodes", T, generate_valid_validates) {
    check_valid<T>(sample);
}
TEST_CASE_TEMPLATE_APPLY(generate_valid_validates, test_support::message_types);

TEST_CASE_TEMPLATE_DEFINE("generate_valid and generate_invalid: same bytes, same message", T, generate_deterministic) {
    check_deterministic<T>();
}
TEST_CASE_TEMPLATE_APPLY(generate_deterministic, test_support::message_types);

TEST_CASE_TEMPLATE_DEFINE("generate_invalid: breaks a rule, at several paths", T, generate_invalid_paths) {
    const auto paths = check_invalid<T>(2000);
    CHECK(paths.size() >= 3);
}
TEST_CASE_TEMPLATE_APPLY(generate_invalid_paths, test_support::message_types);

// Every rule of every request, each field's own and each cross-field one, is broken by some
// byte string: "path message" prefixes, array indexes as #.
template <class T>
void check_reached(std::initializer_list<const char*> expected) {
    const auto seen = check_invalid<T>(sample / 10);
    std::string all;
    for (const auto& p : seen) all += p + "\n";
    INFO(all);
    for (const char* e : expected) {
        bool found = false;
        for (const auto& q : seen) found = found || q.rfind(e, 0) == 0;
        CHECK_MESSAGE(found, std::string(e));
    }
}

TEST_CASE("generate_invalid: every rule of create_batch_task_request is reached") {
    check_reached<ose::create_batch_task_request>({
        "$.taskType must be one of",
        "$.actionType must be one of",
        "$.actionType must belong to the taskType",
        "$.taskInfo.fileInfo must have at least one entry",
        "$.taskInfo.fileInfo[#].fileId required on every entry",
        "$.taskInfo.fileInfo[#].fileId must not be empty",
        "$.taskInfo.fileInfo[#].filePath required on every entry with actionType 201",
        "$.taskInfo.fileInfo[#].filePath must be valid UTF-8",
        "$.taskInfo.newFilePath required for taskType 1 and 3",
        "$.taskInfo.srcContainerId required, and must not be empty",
        "$.taskInfo.uncompressFilePaths required, with at least one entry, with actionType 503",
        "$.taskInfo.uncompressFilePaths allowed only with actionType 503",
        "$.dstContainerId required, and must not be empty",
        "$.password allowed only with taskType 5",
    });
}

TEST_CASE("generate_invalid: every rule of the other requests is reached") {
    check_reached<ose::list_batch_tasks_request>({
        "$.offset must be at least 0",
        "$.limit must be between 1 and 100",
        "$.type must be one of",
        "$.status must be one of",
    });
    check_reached<ose::create_share_task_request>({
        "$.taskType must be one of",
        "$.containerId required",
        "$.fileIds must have between 1 and 1000 entries",
        "$.fileIds[#] must not be empty",
        "$.targetFileId required with taskType 2",
        "$.targetFileId allowed only with taskType 2",
        "$.zipName required with taskType 1",
        "$.zipName allowed only with taskType 1",
        "$.shareId required",
        "$.kdstoken must be valid UTF-8",
    });
    check_reached<ose::create_task_request>({
        "$.taskType must be one of",
        "$.srcUserId required with taskType 0",
        "$.srcUserId allowed only with taskType 0",
        "$.dstUserId required with taskType 0",
        "$.dstUserId allowed only with taskType 0",
        "$.resultId allowed only with taskType 1",
        "$.orgId required with taskType 1",
        "$.orgId allowed only with taskType 1",
        "$.orgUserId required with taskType 1",
        "$.orgUserId allowed only with taskType 1",
    });
    check_reached<ose::query_share_task_request>({
        "$.taskId required",
        "$.shareId required",
        "$.kdstoken must not be empty",
    });
}

// The *_view messages: their strings point at static sample text, and the same bytes give the
// same JSON as the std::string message.
template <class T, class View>
void check_view_matches() {
    byte_strings inputs;
    std::size_t differ = 0, invalid = 0;
    for (std::size_t i = 0; i < sample / 10; ++i) {
        const auto bytes = inputs.next();
        const auto m = gen::generate_valid<T>(std::span<const std::uint8_t>(bytes));
        const auto v = gen::generate_valid<View>(std::span<const std::uint8_t>(bytes));
        std::string a, b;
        ose::encode_unchecked(m, a);
        ose::encode_unchecked(v, b);
        differ += a != b;
        invalid += !ose::validate(v);
        const auto bad = gen::generate_invalid<View>(std::span<const std::uint8_t>(bytes));
        invalid += bad && static_cast<bool>(ose::validate(bad->message));  // it must fail
    }
    CHECK(differ == 0);
    CHECK(invalid == 0);
}

TEST_CASE("generate_valid: view messages match the std::string ones") {
    check_view_matches<ose::create_batch_task_request, ose::create_batch_task_request_view>();
    check_view_matches<ose::create_share_task_request, ose::create_share_task_request_view>();
    check_view_matches<ose::create_task_request, ose::create_task_request_view>();
    check_view_matches<ose::query_share_task_request, ose::query_share_task_request_view>();
    check_view_matches<ose::create_batch_task_response, ose::create_batch_task_response_view>();
    check_view_matches<ose::list_batch_tasks_response, ose::list_batch_tasks_response_view>();
    check_view_matches<ose::create_share_task_response, ose::create_share_task_response_view>();
    check_view_matches<ose::create_task_response, ose::create_task_response_view>();
    check_view_matches<ose::query_share_task_response, ose::query_share_task_response_view>();
}

TEST_CASE("byte_source: zeros after the end, values within bounds") {
    const std::uint8_t b[] = {7, 255};
    gen::byte_source s(b);
    CHECK(s.byte() == 7);
    CHECK(s.byte() == 255);
    CHECK(s.exhausted());
    CHECK(s.byte() == 0);
    CHECK(s.u64() == 0);
    for (int i = 0; i < 100; ++i) {
        const auto v = s.in_range(-5, 5);
        CHECK((v >= -5 && v <= 5));
    }
}

TEST_CASE("mutate: the result is JSON of the message type, within max_size") {
    std::vector<std::uint8_t> buf(4096);
    std::size_t size = 0;
    std::size_t decoded = 0, json = 0;
    for (unsigned seed = 0; seed < 2000; ++seed) {
        size = gen::mutate<ose::create_batch_task_request>(buf.data(), size, buf.size(), seed);
        REQUIRE(size <= buf.size());
        ose::create_batch_task_request m;
        const std::string_view text(reinterpret_cast<const char*>(buf.data()), size);
        if (ose::decode_into(m, text)) ++decoded;
        if (ose::json::validate(text)) ++json;  // not when a string was made invalid UTF-8
    }
    CHECK(decoded > 500);  // mostly within the constraints
    CHECK(json > 1500);
    const std::size_t small = gen::mutate<ose::create_batch_task_request>(buf.data(), size, 10, 1);
    CHECK(small <= 10);
}

}  // namespace generate_tests
