// Decoding into a message that already holds values: the result must equal a fresh decode,
// whatever the previous content (fields the JSON leaves out get their defaults).
#include <doctest/doctest.h>

#include <string>

#include "koodrive/ose.hpp"

namespace ose = koodrive::ose;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace decode_reuse_tests {

namespace {
template <class T>
std::string json_of(const T& m) {
    std::string out;
    ose::encode_unchecked(m, out);
    return out;
}
}  // namespace

TEST_CASE("decode_into a reused response equals a fresh decode") {
    const std::string big = R"({"code":0,"msg":"OK","data":[
        {"taskId":"1","taskType":2,"status":1,"contentNum":5,"containerId":"IAAD1","beginTime":"20231227151904"},
        {"taskId":"2","taskType":3,"status":2,"resultCode":7,"tenantId":"t"},
        {"taskId":"3","taskType":1}]})";
    const std::string small = R"({"code":"0","data":[{"taskId":"9","status":3}]})";
    ose::list_batch_tasks_response reused;
    REQUIRE(ose::decode_into(reused, big));
    REQUIRE(reused.data.size() == 3);
    REQUIRE(ose::decode_into(reused, small));
    const auto fresh = ose::decode<ose::list_batch_tasks_response>(small);
    REQUIRE(fresh);
    CHECK(json_of(reused) == json_of(*fresh));
    REQUIRE(reused.data.size() == 1);
    CHECK(reused.data[0].taskId == "9");
    CHECK(reused.data[0].taskType == ose::batch_task_type{});  // was 2: reset, not kept
    CHECK(reused.data[0].contentNum == 0);
    CHECK(reused.data[0].containerId.empty());
    CHECK(reused.msg.empty());
}

TEST_CASE("decode_into a reused request restores member defaults for absent fields") {
    ose::list_batch_tasks_request reused{.offset = 7, .limit = 3, .type = ose::batch_task_type::move, .status = {}};
    REQUIRE(ose::decode_into(reused, R"({"offset":0,"limit":2})"));
    CHECK(reused.offset == 0);
    CHECK(reused.limit == 2);
    CHECK_FALSE(reused.type.has_value());

    ose::create_share_task_request share;
    share.zipName = "old.zip";
    share.fileIds = {"a", "b", "c"};
    REQUIRE(ose::decode_into(share, R"({"taskType":2,"containerId":"c","fileIds":["x"],"shareId":"s",
                                        "targetFileId":{"fileId":"root","containerId":"c"}})"));
    CHECK_FALSE(share.zipName.has_value());
    CHECK(share.fileIds == std::vector<std::string>{"x"});
}

TEST_CASE("null resets a field of a reused message") {
    ose::query_share_task_response reused;
    REQUIRE(
        ose::decode_into(reused, R"({"code":0,"jobInfo":{"progress":70,"taskId":"1"},"taskInfos":[{"fileId":"f"}]})"));
    REQUIRE(ose::decode_into(reused, R"({"code":0,"jobInfo":{"progress":null},"taskInfos":null})"));
    CHECK(reused.jobInfo.progress == 0);
    CHECK(reused.jobInfo.taskId.empty());
    CHECK(reused.taskInfos.empty());
}

}  // namespace decode_reuse_tests
