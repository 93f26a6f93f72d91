// Realistic traffic (testing/traffic.hpp): seeded, valid, shaped like the reference's values,
// with the entries and sizes asked for.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <koodrive/ose.hpp>
#include <koodrive/ose/testing/traffic.hpp>
#include <koodrive/ose/time.hpp>

#include "support/test_support.hpp"

namespace ose = koodrive::ose;
using ose::testing::traffic;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace traffic_tests {

namespace {

template <class T>
std::string json_of(const T& m) {
    std::string s;
    ose::encode_unchecked(m, s);
    return s;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

}  // namespace

TEST_CASE_TEMPLATE_DEFINE("traffic: every message is valid, and the seed alone decides it", T,
                          traffic_valid_and_seeded) {
    traffic a(7), b(7), c(8);
    std::set<std::string> distinct;
    std::size_t invalid = 0, same_as_other_seed = 0;
    for (int i = 0; i < 300; ++i) {
        const T x = a.template next<T>(3);
        const T y = b.template next<T>(3);
        const T z = c.template next<T>(3);
        invalid += !ose::validate(x);
        CHECK(json_of(x) == json_of(y));
        same_as_other_seed += json_of(x) == json_of(z);
        distinct.insert(json_of(x));
    }
    CHECK(invalid == 0);
    CHECK(same_as_other_seed < 30);  // small messages (list requests) may repeat
    CHECK(distinct.size() > 100);
}
TEST_CASE_TEMPLATE_APPLY(traffic_valid_and_seeded, test_support::message_types);

TEST_CASE("traffic: arrays get the entries asked for, within their limits") {
    traffic t(1);
    CHECK(t.next<ose::list_batch_tasks_response>(100).data.size() == 100);
    CHECK(t.next<ose::list_batch_tasks_response>(0).data.empty());
    CHECK(t.next<ose::create_share_task_request>(5000).fileIds.size() == 1000);  // at most 1000
    CHECK(t.next<ose::create_share_task_request>(0).fileIds.size() == 1);        // at least 1
    CHECK(t.next<ose::query_share_task_response>(40).taskInfos.size() == 40);
    for (int i = 0; i < 50; ++i) {
        const auto m = t.next<ose::create_batch_task_request>(25);
        if (m.taskType != ose::batch_task_type::clear_recycle_bin) CHECK(m.taskInfo.fileInfo.size() == 25);
    }
}

TEST_CASE("traffic: values are shaped like the reference's") {
    traffic t(2024);
    const auto page = t.next<ose::list_batch_tasks_response>(200);
    for (const auto& job : page.data) {
        CHECK(job.taskId.size() == 19);
        CHECK(all_digits(job.taskId));
        CHECK(job.tenantId.size() == 19);
        const bool drive = job.containerId.rfind("IAADfsBFCO6WtAtuA", 0) == 0 && job.containerId.size() == 47;
        const bool share = job.containerId.rfind("IAABh_RdhS8bOg0cA", 0) == 0 && job.containerId.size() == 36;
        CHECK((drive || share));
        for (const auto* time : {&job.beginTime, &job.endTime, &job.createTime}) {
            CHECK(time->size() == 14);
            CHECK(ose::parse_compact_time(*time));  // a real date and time
        }
        CHECK(ose::is_known(job.taskType));
    }
    CHECK((page.code == "0" || page.code == "1001"));
    const auto share = t.next<ose::create_share_task_request>(1000);
    std::set<std::string> distinct;
    for (const auto& id : share.fileIds) {
        CHECK(id.size() == 33);
        CHECK(id.front() == 'F');
        distinct.insert(id);
    }
    CHECK(distinct.size() > 500);  // a thousand file IDs are mostly different
}

TEST_CASE("traffic: next_of_size reaches the size asked for, and not much more") {
    traffic t(3);
    constexpr std::size_t kib = 1024;
    for (const std::size_t bytes : {kib, 64 * kib, kib * kib}) {
        INFO(bytes);
        const auto page = t.next_of_size<ose::list_batch_tasks_response>(bytes);
        const std::size_t size = json_of(page).size();
        CHECK(size >= bytes);
        CHECK(size < bytes + 1024);  // within a few entries
        const auto request = t.next_of_size<ose::create_batch_task_request>(bytes);
        CHECK(ose::validate(request));
        CHECK(json_of(request).size() >= bytes);
    }
    // A message without arrays is as long as it is.
    const auto small = t.next_of_size<ose::create_task_response>(4096);
    CHECK(json_of(small).size() < 200);
}

}  // namespace traffic_tests
