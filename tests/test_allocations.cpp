// Encoding into a reused, already-grown std::string allocates nothing (issue 5), nor does
// finding a violation, nor do the generators beyond the message's own storage (issue 9).
//
// This file replaces the global operator new and delete of the whole test binary. They
// forward to malloc and free and count nothing unless a test arms the counter, and only on
// the thread that armed it; so every other test is unaffected. Under AddressSanitizer the
// replacement is left out (ASan brings its own), and under valgrind (which replaces them
// again) nothing can be counted: there every test case of this file is reported as skipped.
#include <doctest/doctest.h>

#include <koodrive/ose/codec.hpp>
#include <koodrive/ose/messages/batch_tasks.hpp>
#include <koodrive/ose/messages/share_tasks.hpp>
#include <koodrive/ose/messages/transfer_tasks.hpp>
#include <koodrive/ose/testing/generate.hpp>
#include <koodrive/ose/testing/traffic.hpp>

#include "support/test_support.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KOODRIVE_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KOODRIVE_TEST_ASAN 1
#endif

namespace {

thread_local bool counting = false;
thread_local std::size_t allocations = 0;

#ifndef KOODRIVE_TEST_ASAN
constexpr bool counter_works = true;

void* allocate(std::size_t n) {
    if (counting) ++allocations;
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
#if defined(__cpp_exceptions)
    throw std::bad_alloc();
#else
    std::abort();
#endif
}
void* allocate_aligned(std::size_t n, std::align_val_t a) {
    if (counting) ++allocations;
    const auto align = static_cast<std::size_t>(a);
    const std::size_t size = (n + align - 1) / align * align;  // aligned_alloc wants a multiple
    if (void* p = std::aligned_alloc(align, size == 0 ? align : size)) return p;
#if defined(__cpp_exceptions)
    throw std::bad_alloc();
#else
    std::abort();
#endif
}
#else
constexpr bool counter_works = false;
#endif

// Under valgrind, its own operator new and delete replace ours, so nothing is counted.
bool under_valgrind() {
    const char* preload = std::getenv("LD_PRELOAD");
    return preload != nullptr && std::strstr(preload, "vgpreload") != nullptr;
}
bool can_count() { return counter_works && !under_valgrind(); }

// Counts the heap allocations made while f runs on this thread.
template <class F>
std::size_t allocations_during(F&& f) {
    allocations = 0;
    counting = true;
    f();
    counting = false;
    return allocations;
}

}  // namespace

#ifndef KOODRIVE_TEST_ASAN
// The replaceable global allocation functions ([new.delete]); the nothrow forms must not throw.
// Never inlined: a tool that replaces them in the binary (valgrind does) must see every call,
// or memory from its operator new would reach our inlined free().
#define KOODRIVE_TEST_NOINLINE __attribute__((noinline))
KOODRIVE_TEST_NOINLINE void* operator new(std::size_t n) { return allocate(n); }
KOODRIVE_TEST_NOINLINE void* operator new[](std::size_t n) { return allocate(n); }
KOODRIVE_TEST_NOINLINE void* operator new(std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
KOODRIVE_TEST_NOINLINE void* operator new[](std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
KOODRIVE_TEST_NOINLINE void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    if (counting) ++allocations;
    return std::malloc(n == 0 ? 1 : n);
}
KOODRIVE_TEST_NOINLINE void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    if (counting) ++allocations;
    return std::malloc(n == 0 ? 1 : n);
}
KOODRIVE_TEST_NOINLINE void operator delete(void* p) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete[](void* p) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete(void* p, std::size_t) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
KOODRIVE_TEST_NOINLINE void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#undef KOODRIVE_TEST_NOINLINE
#endif

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace allocations_tests {

namespace {

namespace ose = koodrive::ose;

// ---- realistic messages, long enough that every string is beyond the small-string buffer ----

std::string id(char first, std::size_t n, std::size_t seed) {
    std::string s(1, first);
    for (std::size_t i = 1; i < n; ++i) s += static_cast<char>('0' + (seed * 7 + i * 13) % 10);
    return s;
}
std::string task_id(std::size_t seed) { return id('1', 19, seed); }
std::string file_id(std::size_t seed) { return "F" + id('u', 32, seed); }
const std::string container = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
const std::string share_container = "IAABh_RdhS8bOg0cA1684711052660690818";

ose::create_batch_task_request create_batch_task_request() {
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::copy;
    m.actionType = ose::batch_action_type::copy_dump;
    for (std::size_t i = 0; i < 12; ++i)  // beyond ".taskInfo.fileInfo[9]"
        m.taskInfo.fileInfo.push_back({file_id(i), "/Documents/2024/reports/quarter-" + std::to_string(i) + ".xlsx"});
    m.taskInfo.newFilePath = file_id(99);
    m.taskInfo.srcContainerId = container;
    m.dstContainerId = container;
    return m;
}
ose::create_batch_task_request decompress_partial_request() {  // with uncompressFilePaths and a password
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::decompress;
    m.actionType = ose::batch_action_type::decompress_partial;
    m.taskInfo.fileInfo.push_back({file_id(1), std::nullopt});
    m.taskInfo.srcContainerId = container;
    m.taskInfo.uncompressFilePaths = {"/archive/a directory with \"quotes\"/file.txt",
                                      "/archive/tab\there/line\nbreak.bin"};
    m.dstContainerId = container;
    m.password = "a password that is long enough \\ with a backslash";
    return m;
}
ose::create_batch_task_response create_batch_task_response() {
    return {"0", "Success, and a message long enough", task_id(1)};
}
ose::list_batch_tasks_request list_batch_tasks_request() {
    return {1234567890123, 100, ose::batch_task_type::remove, ose::job_status::completed};
}
ose::list_batch_tasks_response list_batch_tasks_response() {
    ose::list_batch_tasks_response m;
    m.code = "0";
    m.msg = "OK, and a message long enough to allocate";
    for (std::size_t i = 0; i < 20; ++i) {
        ose::batch_job_info j;
        j.taskId = task_id(i);
        j.taskType = ose::batch_task_type::remove;
        j.actionType = ose::batch_action_type::logical_delete;
        j.status = ose::job_status::completed;
        j.taskResultCode = ose::task_result::all_succeeded;
        j.resultCode = -2147483647 - 1;
        j.contentNum = 2147483647;
        j.containerId = container;
        j.tenantId = task_id(i + 100);
        j.beginTime = "20231227151904";
        j.endTime = "20231227151904";
        j.createTime = "20231227151852";
        m.data.push_back(std::move(j));
    }
    return m;
}
ose::create_share_task_request create_share_task_request() {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::dump;
    m.containerId = share_container;
    for (std::size_t i = 0; i < 1000; ++i) m.fileIds.push_back(file_id(i));
    m.targetFileId = ose::file_id_info{file_id(5000), share_container};
    m.shareId = task_id(7);
    m.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";
    return m;
}
ose::create_share_task_request package_download_request() {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::package_download;
    m.containerId = share_container;
    m.fileIds = {file_id(1), file_id(2)};
    m.zipName = "holiday photos (2024) \xE2\x80\x94 \xE6\x97\x85\xE8\xA1\x8C.zip";
    m.shareId = task_id(8);
    return m;
}
ose::create_share_task_response create_share_task_response() { return {"0", "Success", task_id(2)}; }
ose::query_share_task_request query_share_task_request() {
    return {task_id(3), task_id(4), "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c"};
}
ose::query_share_task_response query_share_task_response() {
    ose::query_share_task_response m;
    m.code = "0";
    m.msg = "Success.";
    m.jobInfo = {task_id(5),
                 task_id(6),
                 ose::share_task_type::dump,
                 ose::job_status::completed,
                 ose::task_result::partially_failed,
                 "20250520022907",
                 "20250520022907",
                 "20250520022907",
                 100,
                 "https://download.example.com/share/v1/abc?expires=1700000000&sign=0123456789abcdef"};
    for (std::size_t i = 0; i < 200; ++i) m.taskInfos.push_back({file_id(i), "1", file_id(i + 1000), share_container});
    return m;
}
ose::create_task_request create_task_request() {
    ose::create_task_request m;
    m.taskType = ose::transfer_task_type::transfer_and_delete;
    m.srcUserId = task_id(9);
    m.dstUserId = task_id(10);
    return m;
}
ose::create_task_request import_task_request() {
    ose::create_task_request m;
    m.taskType = ose::transfer_task_type::batch_import;
    m.resultId = task_id(11);
    m.orgId = task_id(12);
    m.orgUserId = task_id(13);
    return m;
}
ose::create_task_response create_task_response() { return {task_id(14), "0", "Success."}; }

// Encodes m into a buffer grown by earlier encodes; reports the allocations of the last one.
template <class T>
std::size_t encode_to_allocations(const T& m) {
    std::string out;
    for (int i = 0; i < 3; ++i) {
        out.clear();
        REQUIRE(ose::encode_to(m, out));
    }
    const std::size_t grown = out.size();
    out.clear();
    bool ok = false;
    const std::size_t n = allocations_during([&] { ok = static_cast<bool>(ose::encode_to(m, out)); });
    REQUIRE(ok);
    REQUIRE(out.size() == grown);
    return n;
}
template <class T>
std::size_t encode_unchecked_allocations(const T& m) {
    std::string out;
    ose::encode_unchecked(m, out);
    out.clear();
    const std::size_t n = allocations_during([&] { ose::encode_unchecked(m, out); });
    REQUIRE(!out.empty());
    return n;
}
template <class T>
std::size_t validate_allocations(const T& m) {
    bool ok = false;
    const std::size_t n = allocations_during([&] { ok = static_cast<bool>(ose::validate(m)); });
    REQUIRE(ok);
    return n;
}

// Every message, as (name, value) pairs, to f.
template <class F>
void for_each_sample(F&& f) {
    f("create_batch_task_request (copy, 12 files)", create_batch_task_request());
    f("create_batch_task_request (partial decompression)", decompress_partial_request());
    f("create_batch_task_response", create_batch_task_response());
    f("list_batch_tasks_request", list_batch_tasks_request());
    f("list_batch_tasks_response (20 jobs)", list_batch_tasks_response());
    f("create_share_task_request (dump, 1000 fileIds)", create_share_task_request());
    f("create_share_task_request (package download)", package_download_request());
    f("create_share_task_response", create_share_task_response());
    f("query_share_task_request", query_share_task_request());
    f("query_share_task_response (200 taskInfos)", query_share_task_response());
    f("create_task_request (transfer)", create_task_request());
    f("create_task_request (import)", import_task_request());
    f("create_task_response", create_task_response());
}

}  // namespace

TEST_CASE("allocations: the counter sees allocations, and only while armed" * doctest::skip(!can_count())) {
    CHECK(allocations_during([] {}) == 0);
    const std::size_t n = allocations_during([] {
        auto* s = new std::string(100, 'x');
        asm volatile("" : : "g"(s) : "memory");  // keep the compiler from eliding the pair
        delete s;
    });
    CHECK(n >= 1);
    std::string outside(1000, 'z');  // not counted
    CHECK(allocations_during([] {}) == 0);
}

TEST_CASE("allocations: encode_unchecked into a reused, grown std::string allocates nothing" *
          doctest::skip(!can_count())) {
    for_each_sample([](const char* name, const auto& m) {
        INFO(std::string(name));
        CHECK(encode_unchecked_allocations(m) == 0);
    });
}

// Validation builds a path only for a violation, so checking allocates nothing either.
TEST_CASE("allocations: encode_to (validate, then write) into a reused, grown std::string allocates nothing" *
          doctest::skip(!can_count())) {
    for_each_sample([](const char* name, const auto& m) {
        INFO(std::string(name));
        CHECK(validate_allocations(m) == 0);
        CHECK(encode_to_allocations(m) == 0);
    });
}

// The writer keeps a message of up to 512 bytes to itself and appends it to the string once.
TEST_CASE("allocations: encoding a small message into a fresh std::string allocates once" *
          doctest::skip(!can_count())) {
    int small = 0;
    for_each_sample([&](const char* name, const auto& m) {
        INFO(std::string(name));
        const auto size = ose::encode(m)->size();
        if (size <= 15 || size > 512) return;  // (the string's own buffer, or more than one growth)
        ++small;
        std::size_t bytes = 0;
        const std::size_t n = allocations_during([&] {
            auto s = ose::encode(m);
            bytes = s->capacity();
        });
        CHECK(n == 1);
        CHECK(bytes < 2 * size);  // at about its size, not a window
    });
    CHECK(small >= 3);  // the samples include small messages
}

TEST_CASE("allocations: decoding into a reused message allocates nothing" * doctest::skip(!can_count())) {
    for_each_sample([](const char* name, const auto& m) {
        using T = std::decay_t<decltype(m)>;
        std::string json;
        ose::encode_unchecked(m, json);
        T out{};
        REQUIRE(ose::decode_into(out, json));
        REQUIRE(ose::decode_into(out, json));
        bool ok = false;
        const std::size_t n = allocations_during([&] { ok = static_cast<bool>(ose::decode_into(out, json)); });
        REQUIRE(ok);
        INFO(std::string(name));
        CHECK(n == 0);
    });
}

TEST_CASE("allocations: view mode with a fresh storage allocates only for escapes; a cleared one, not at all" *
          doctest::skip(!can_count())) {
    const std::string plain = R"({"taskType":1,"containerId":"c","fileIds":["a","b"],"shareId":"s","zipName":"z"})";
    const std::string escaped =
        R"({"taskType":1,"containerId":"c\n","fileIds":["a\"","b\u00e9"],"shareId":"s","zipName":"z"})";
    ose::create_share_task_request_view view;
    ose::unescape_storage warm;
    REQUIRE(ose::decode_view(view, plain, warm));
    view.fileIds.reserve(8);
    bool ok = false;
    // No escape: the storage is made and dropped without touching the heap.
    std::size_t n = allocations_during([&] {
        ose::unescape_storage storage;
        ok = static_cast<bool>(ose::decode_view(view, plain, storage));
    });
    CHECK(ok);
    CHECK(n == 0);
    // Three escaped strings: one block (and the storage's list of blocks), not one per string.
    ose::unescape_storage kept;
    n = allocations_during([&] { ok = static_cast<bool>(ose::decode_view(view, escaped, kept)); });
    CHECK(ok);
    CHECK(kept.size() == 3);
    CHECK(n == 2);
    CHECK(view.fileIds[0] == "a\"");
    // Cleared and reused: nothing.
    n = allocations_during([&] {
        kept.clear();
        ok = static_cast<bool>(ose::decode_view(view, escaped, kept));
    });
    CHECK(ok);
    CHECK(n == 0);
    CHECK(view.fileIds[1] == "b\xC3\xA9");
}

TEST_CASE("allocations: finding the rule a message breaks allocates nothing" * doctest::skip(!can_count())) {
    auto m = create_batch_task_request();
    m.password = "secret";  // allowed only with taskType 5: a cross-field rule
    ose::violation v;
    bool found = false;
    CHECK(allocations_during([&] { found = ose::find_violation(m, v); }) == 0);
    REQUIRE(found);
    CHECK(v.path.view() == ".password");
    m.password.reset();
    m.taskInfo.fileInfo[11].fileId = std::string("ab\xFF");  // a field constraint, deep inside
    CHECK(allocations_during([&] { found = ose::find_violation(m, v); }) == 0);
    REQUIRE(found);
    CHECK(v.path.view() == ".taskInfo.fileInfo[11].fileId");
    CHECK(v.message() == "must be valid UTF-8");
}

namespace {

// Random byte strings of 0 to 255 bytes, from a fixed seed.
std::vector<std::uint8_t> random_bytes(std::uint64_t& state) {
    auto step = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    std::vector<std::uint8_t> v(step() % 256);
    for (auto& b : v) b = static_cast<std::uint8_t>(step());
    return v;
}

// A view message's strings point at static sample text, so its arrays are the only heap it
// has: generating into a message whose arrays have grown allocates nothing at all.
template <class T>
void check_generators_allocate_nothing_again() {
    INFO(std::string(ose::description<T>::name));
    std::uint64_t state = 0x9E3779B97F4A7C15u;
    std::size_t valid_allocs = 0, invalid_allocs = 0, traffic_allocs = 0;
    for (int i = 0; i < 300; ++i) {
        const auto bytes = random_bytes(state);
        T m{};
        ose::testing::byte_source first(bytes);
        ose::testing::generate_valid_into(m, first);
        valid_allocs += allocations_during([&] {
            ose::testing::byte_source again(bytes);
            ose::testing::generate_valid_into(m, again);
        });
        T bad{};
        ose::violation v;
        ose::testing::byte_source b1(bytes);
        (void)ose::testing::generate_invalid_into(bad, v, b1);
        invalid_allocs += allocations_during([&] {
            ose::testing::byte_source again(bytes);
            (void)ose::testing::generate_invalid_into(bad, v, again);
        });
        ose::testing::traffic t1(state), t2(state);
        T big{};
        t1.next_into(big, 50);
        traffic_allocs += allocations_during([&] { t2.next_into(big, 50); });
    }
    CHECK(valid_allocs == 0);
    CHECK(invalid_allocs == 0);
    CHECK(traffic_allocs == 0);
}

}  // namespace

TEST_CASE_TEMPLATE_DEFINE("allocations: generators allocate nothing but the message's own arrays" *
                              doctest::skip(!can_count()),
                          T, generators_allocate_nothing) {
    check_generators_allocate_nothing_again<T>();
}
TEST_CASE_TEMPLATE_APPLY(generators_allocate_nothing, test_support::view_message_types);

// With std::string fields, generating allocates what the message's strings and arrays need:
// at most twice what copying the finished message takes (a repair that makes a field absent
// and then present again grows its string again).
TEST_CASE_TEMPLATE("allocations: generating a std::string message allocates about what copying it does" *
                       doctest::skip(!can_count()),
                   T, ose::create_batch_task_request, ose::create_share_task_request, ose::create_task_request,
                   ose::query_share_task_request, ose::list_batch_tasks_response, ose::query_share_task_response) {
    INFO(std::string(ose::description<T>::name));
    std::uint64_t state = 0x243F6A8885A308D3u;
    std::size_t generating = 0, copying = 0;
    for (int i = 0; i < 300; ++i) {
        const auto bytes = random_bytes(state);
        T m{};
        generating += allocations_during([&] {
            ose::testing::byte_source s(bytes);
            ose::testing::generate_valid_into(m, s);
        });
        copying += allocations_during([&] {
            T copy = m;
            asm volatile("" : : "g"(&copy) : "memory");
        });
    }
    MESSAGE(ose::description<T>::name << ": " << generating << " allocations generating, " << copying << " copying");
    CHECK(generating <= 2 * copying);
}

TEST_CASE("allocations: a failing decode into a reused message allocates nothing" * doctest::skip(!can_count())) {
    // Syntax, type, range, duplicate, missing, UTF-8 and rule failures, at depth and in arrays.
    const char* const bodies[] = {
        R"({"taskId":"1","code":0,"msg":"x")",
        R"({"code":0,"data":[{"taskId":"1","status":"x"}]})",
        R"({"code":0,"data":[{"taskId":"1","status":99999999999}]})",
        R"({"code":0,"code":1})",
        R"({"msg":"x"})",
        "{\"code\":0,\"msg\":\"\xC3\"}",
        R"({"code":0,"\u0078":[,]})",
    };
    ose::list_batch_tasks_response m;
    REQUIRE(ose::decode_into(m, R"({"code":0,"msg":"ok","data":[{"taskId":"1","status":1}]})"));
    for (const char* body : bodies) {
        ose::violation failure;
        bool ok = true;
        const std::size_t n = allocations_during([&] { ok = ose::decode_into(m, body, failure); });
        CHECK_MESSAGE(!ok, body);
        CHECK_MESSAGE(n == 0, body);
        CHECK(failure.offset != ose::error::no_offset);
        // Spelled out, it is the error the allocating form returns.
        const auto r = ose::decode_into(m, body);
        REQUIRE(!r);
        const ose::error e = failure.to_error(ose::error_kind::malformed_response);
        CHECK(e.path == r.error().path);
        CHECK(e.offset == r.error().offset);
        CHECK(e.message == r.error().message);
    }
    // A request broken by a rule, decoded by a server.
    ose::create_share_task_request req;
    ose::violation failure;
    bool ok = true;
    const std::size_t n = allocations_during(
        [&] { ok = ose::decode_into(req, R"({"taskType":2,"containerId":"c","shareId":"s","fileIds":[]})", failure); });
    CHECK(!ok);
    CHECK(n == 0);
    CHECK(failure.path.view() == ".fileIds");
}

}  // namespace allocations_tests
