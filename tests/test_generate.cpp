// Generators from fuzz bytes (testing/generate.hpp): valid messages always validate and
// encode, the same bytes give the same message, and invalid ones break a rule at many paths.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <koodrive/ose.hpp>
#include <koodrive/ose/testing/generate.hpp>

namespace ose = koodrive::ose;
namespace gen = koodrive::ose::testing;

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
            CHECK(x->broken.path == y->broken.path);
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
        CHECK(v.error().path == bad->broken.path);
        CHECK(v.error().message == bad->broken.message);
        CHECK(!ose::encode(bad->message));
        // Array indexes make many paths of one rule: count the rule's shape.
        std::string p = bad->broken.path;
        for (auto& c : p)
            if (c >= '0' && c <= '9') c = '#';
        paths.insert(p + " " + bad->broken.message);
    }
    CHECK(none == 0);
    CHECK(accepted == 0);
    return paths;
}

}  // namespace

TEST_CASE_TEMPLATE("generate_valid: every message validates, encodes and decodes", T, ose::create_batch_task_request,
                   ose::list_batch_tasks_request, ose::create_share_task_request, ose::create_task_request,
                   ose::query_share_task_request, ose::create_batch_task_response, ose::list_batch_tasks_response,
                   ose::create_share_task_response, ose::create_task_response, ose::query_share_task_response) {
    check_valid<T>(sample);
}

TEST_CASE_TEMPLATE("generate_valid and generate_invalid: same bytes, same message", T, ose::create_batch_task_request,
                   ose::list_batch_tasks_request, ose::create_share_task_request, ose::create_task_request,
                   ose::query_share_task_request, ose::create_batch_task_response, ose::list_batch_tasks_response,
                   ose::create_share_task_response, ose::create_task_response, ose::query_share_task_response) {
    check_deterministic<T>();
}

TEST_CASE_TEMPLATE("generate_invalid: breaks a rule, at several paths", T, ose::create_batch_task_request,
                   ose::list_batch_tasks_request, ose::create_share_task_request, ose::create_task_request,
                   ose::query_share_task_request, ose::create_batch_task_response, ose::list_batch_tasks_response,
                   ose::create_share_task_response, ose::create_task_response, ose::query_share_task_response) {
    const auto paths = check_invalid<T>(2000);
    CHECK(paths.size() >= 3);
}

TEST_CASE("generate_invalid: the rules of create_batch_task_request are reached") {
    const auto paths = check_invalid<ose::create_batch_task_request>(5000);
    std::string all;
    for (const auto& p : paths) all += p + "\n";
    INFO(all);
    for (const char* p : {"$.taskType ", "$.actionType ", "$.taskInfo.fileInfo ", "$.taskInfo.fileInfo[#].fileId ",
                          "$.taskInfo.newFilePath ", "$.taskInfo.uncompressFilePaths ", "$.password ",
                          "$.taskInfo.srcContainerId ", "$.dstContainerId "}) {
        bool found = false;
        for (const auto& q : paths) found = found || q.rfind(p, 0) == 0;
        CHECK_MESSAGE(found, p);
    }
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
