// Tests for the five endpoints' messages (messages/*.hpp) through the codec: the reference
// pages' examples, every request constraint of docs/decisions.md, and the reading rules that hold
// for every message (types, null, unknown and duplicate keys, IDs as numbers, ...).
#include <doctest/doctest.h>

#include <koodrive/ose/codec.hpp>
#include <koodrive/ose/json_reader.hpp>
#include <koodrive/ose/messages/batch_tasks.hpp>
#include <koodrive/ose/messages/share_tasks.hpp>
#include <koodrive/ose/messages/transfer_tasks.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ose = koodrive::ose;
using ose::errc;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace messages_tests {

namespace {

// ---- the examples of the reference pages (/work/shared/spec/api/*.txt), copied verbatim ----

// 1-create-batch-task.txt, lines 468-481, verbatim.
constexpr std::string_view kCreateBatchRequest = R"({
    "taskType":1 ,
    "actionType":101 ,
    "dstContainerId": "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4" ,
    "taskInfo": {
        "srcContainerId": "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4",
        "newFilePath": "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA" ,
        "fileInfo": [
            {
                "fileId": "FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3"  
            }
        ]
    }
})";

// 1-create-batch-task.txt, lines 489-493, verbatim.
constexpr std::string_view kCreateBatchResponse = R"({
    "data": "1309243162258308352"
    "code": 0,
    "msg": "success"
})";

// 2-list-batch-tasks.txt, lines 463-489, verbatim.
constexpr std::string_view kListResponse = R"({
  "data" : [ {
    "taskId" : "1320279189273965056",
    "taskType" : 2,
    "actionType" : 201,
    "status" : 2,
    "taskResultCode" : 1,
    "contentNum" : 1,
    "containerId" : "IAADfsBFCO6WtAtuA9add2fea594e4e75b8feb8474ef236",
    "beginTime" : "20231227151904",
    "endTime" : "20231227151904",
    "createTime" : "20231227151904"
  }, {
    "taskId" : "1320279092268104960",
    "taskType" : 2,
    "actionType" : 201,
    "status" : 2,
    "taskResultCode" : 1,
    "contentNum" : 4,
    "containerId" : "IAADfsBFCO6WtAtuA9add2fea594e4e75b8feb8474ef236",
    "beginTime" : "20231227151852",
    "endTime" : "20231227151852",
    "createTime" : "20231227151852"
  } ],
  "code" : 0,
  "msg" : "OK"
})";

// 3-create-share-task.txt, lines 389-399, verbatim.
constexpr std::string_view kCreateShareRequest = R"({
  "taskType" : 2,
  "containerId" : "IAABh_RdhS8bOg0cA1684711052660690818",
  "fileIds" : [ "Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI" ],
  "shareId" : "1689765568237837824",
  "kdstoken" : "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c",
  "targetFileId" : {
    "fileId" : "FhTB_fxx3LRszaivDFX9NN5JRNLnS9Gob",
    "containerId" : "IAABh_RdhS8bOg0cA1684711052660690818"
  }
})";

// 3-create-share-task.txt, lines 407-411, verbatim.
constexpr std::string_view kCreateShareResponse = R"({
  "code" : 0,
  "msg" : "Success",
  "taskId" : "1689765568237837824"
})";

// 4-create-task.txt, lines 169-173, verbatim.
constexpr std::string_view kCreateTaskRequest = R"({
  "taskType": 0,
  "srcUserId": "1397687227244555008",
  "dstUserId": "1507947856550550784"
})";

// 4-create-task.txt, lines 181-185, verbatim.
constexpr std::string_view kCreateTaskResponse = R"({
  "taskId" : "1534087020903704704",
  "code" : 0,
  "msg" : "Success."
})";

// 5-query-share-task.txt, lines 351-355, verbatim.
constexpr std::string_view kQueryShareRequest = R"({
  "taskId" : "1689768877770401664",
  "shareId" : "1689765568237837824",
  "kdstoken" : "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c"
})";

// 5-query-share-task.txt, lines 363-383, verbatim.
constexpr std::string_view kQueryShareResponse = R"({
  "jobInfo" : {
    "userId" : "1684711050387378049",
    "taskId" : "1689768877770401664",
    "taskType" : 1,
    "taskStatus" : 2,
    "taskResultCode" : 1,
    "createTime" : "20250520022907",
    "startTime" : "20250520022907",
    "endTime" : "20250520022907",
    "progress" : 100
  },
  "taskInfos" : [ {
    "fileId" : "Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI",
    "status" : "1",
    "newFileId" : "FpUqGxkEf54_NeuRnzRdGmrIrzQCPnKCP",
    "srcContainerId" : "IAABh_RdhS8bOg0cA1684711052660690818"
  } ],
  "code" : 0,
  "msg" : "Success."
})";

// ---- helpers ---------------------------------------------------------------------------------

template <class R>
std::string describe(const R& r) {
    return r.has_value() ? std::string("success") : r.error().to_string();
}

template <class T>
T decode_ok(std::string_view doc) {
    auto r = ose::decode<T>(doc);
    REQUIRE_MESSAGE(r.has_value(), doc << "\n  -> " << describe(r));
    return *r;
}

template <class T>
ose::error decode_fails(std::string_view doc, errc code, std::string_view path) {
    auto r = ose::decode<T>(doc);
    REQUIRE_MESSAGE(!r.has_value(), "accepted: " << doc);
    const ose::error e = r.error();
    CHECK_MESSAGE(e.code == code, doc << "\n  -> " << e.to_string() << " [" << ose::to_string(e.code) << "]");
    CHECK_MESSAGE(e.path == path, doc << "\n  -> " << e.to_string());
    constexpr bool request = ose::description<T>::direction == ose::message_direction::request;
    CHECK(e.kind == (request ? ose::error_kind::invalid_request : ose::error_kind::malformed_response));
    CHECK(!e.message.empty());
    return e;
}

// A valid request: validate, encode and decode(encode) all accept it, and it round-trips.
template <class T>
void expect_valid(const T& m) {
    auto v = ose::validate(m);
    REQUIRE_MESSAGE(v.has_value(), describe(v));
    auto enc = ose::encode(m);
    REQUIRE(enc.has_value());
    auto back = ose::decode<T>(*enc);
    REQUIRE_MESSAGE(back.has_value(), *enc << "\n  -> " << describe(back));
    auto again = ose::encode(*back);
    REQUIRE(again.has_value());
    CHECK(*again == *enc);
}

// An invalid request: validate, encode and decoding its unchecked JSON all report the same
// first violation.
template <class T>
ose::error expect_violation(const T& m, errc code, std::string_view path) {
    auto v = ose::validate(m);
    REQUIRE_MESSAGE(!v.has_value(), "valid, expected " << path);
    const ose::error e = v.error();
    CHECK_MESSAGE(e.code == code, e.to_string() << " [" << ose::to_string(e.code) << "]");
    CHECK_MESSAGE(e.path == path, e.to_string());
    CHECK(e.kind == ose::error_kind::invalid_request);
    CHECK(!e.message.empty());

    std::string out = "unchanged";
    auto to = ose::encode_to(m, out);
    REQUIRE(!to.has_value());
    CHECK(out == "unchanged");  // nothing appended on failure
    CHECK(to.error().path == e.path);
    auto enc = ose::encode(m);
    REQUIRE(!enc.has_value());
    CHECK(enc.error().code == e.code);
    CHECK(enc.error().path == e.path);

    std::string unchecked;
    ose::encode_unchecked(m, unchecked);
    auto d = ose::decode<T>(unchecked);
    REQUIRE_MESSAGE(!d.has_value(), "decoded: " << unchecked);
    CHECK_MESSAGE(d.error().code == e.code, unchecked << "\n  -> " << d.error().to_string());
    CHECK_MESSAGE(d.error().path == e.path, unchecked << "\n  -> " << d.error().to_string());
    return e;
}

// A create-batch-task request that satisfies every rule for this taskType and actionType.
ose::create_batch_task_request batch(int type, std::optional<int> action = std::nullopt) {
    ose::create_batch_task_request m;
    m.taskType = static_cast<ose::batch_task_type>(type);
    if (action) m.actionType = static_cast<ose::batch_action_type>(*action);
    m.dstContainerId = "dst";
    m.taskInfo.srcContainerId = "src";
    m.taskInfo.fileInfo.push_back({"F1", "/a/F1"});
    if (type == 1 || type == 3) m.taskInfo.newFilePath = "/new";
    if (action == 503) m.taskInfo.uncompressFilePaths = {"/in/archive.txt"};
    return m;
}

ose::create_share_task_request share(int type) {
    ose::create_share_task_request m;
    m.taskType = static_cast<ose::share_task_type>(type);
    m.containerId = "C";
    m.fileIds = {"F1"};
    if (type == 2) m.targetFileId = ose::file_id_info{"root", "C2"};
    if (type == 1) m.zipName = "files.zip";
    m.shareId = "S";
    return m;
}

ose::create_task_request transfer(int type) {
    ose::create_task_request m;
    m.taskType = static_cast<ose::transfer_task_type>(type);
    if (type == 0) {
        m.srcUserId = "U1";
        m.dstUserId = "U2";
    } else {
        m.orgId = "O";
        m.orgUserId = "OU";
    }
    return m;
}

ose::list_batch_tasks_request list(std::int64_t offset, std::int32_t limit) {
    ose::list_batch_tasks_request m;
    m.offset = offset;
    m.limit = limit;
    return m;
}

constexpr int kActions[] = {101, 201, 202, 301, 501, 502, 503, 701};

}  // namespace

// ============================================================================================
// The reference pages' examples
// ============================================================================================

TEST_CASE("examples: create batch task request") {
    const auto m = decode_ok<ose::create_batch_task_request>(kCreateBatchRequest);
    CHECK(m.taskType == ose::batch_task_type::copy);
    REQUIRE(m.actionType.has_value());
    CHECK(*m.actionType == ose::batch_action_type::copy_dump);
    CHECK(m.dstContainerId == "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4");
    CHECK(m.taskInfo.srcContainerId == "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4");
    REQUIRE(m.taskInfo.newFilePath.has_value());
    CHECK(*m.taskInfo.newFilePath == "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA");
    REQUIRE(m.taskInfo.fileInfo.size() == 1);
    CHECK(m.taskInfo.fileInfo[0].fileId == std::optional<std::string>("FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3"));
    CHECK(!m.taskInfo.fileInfo[0].filePath.has_value());
    CHECK(m.taskInfo.uncompressFilePaths.empty());
    CHECK(!m.password.has_value());
    auto enc = ose::encode(m);
    REQUIRE(enc.has_value());
    CHECK(
        *enc ==
        R"({"taskType":1,"actionType":101,"taskInfo":{"fileInfo":[{"fileId":"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3"}],)"
        R"("newFilePath":"Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA","srcContainerId":"IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4"},)"
        R"("dstContainerId":"IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4"})");
}

TEST_CASE("examples: the create batch task response lacks a comma") {
    auto r = ose::decode<ose::create_batch_task_response>(kCreateBatchResponse);
    REQUIRE(!r.has_value());
    const auto& e = r.error();
    CHECK(e.kind == ose::error_kind::malformed_response);
    CHECK(e.code == errc::syntax);
    CHECK(e.offset == kCreateBatchResponse.find("\"code\""));
    CHECK((e.message.find("','") != std::string::npos || e.message.find("'}'") != std::string::npos));
    CHECK(e.message.find("','") != std::string::npos);
    CHECK(e.message.find("'}'") != std::string::npos);
    CHECK(e.path == "$");
    // json::validate agrees, and with the comma it decodes.
    auto v = ose::json::validate(kCreateBatchResponse);
    REQUIRE(!v.has_value());
    CHECK(v.error().offset == e.offset);
    std::string fixed(kCreateBatchResponse);
    fixed.insert(fixed.find("\n    \"code\""), ",");
    const auto ok = decode_ok<ose::create_batch_task_response>(fixed);
    CHECK(ok.data == "1309243162258308352");
    CHECK(ok.code == "0");
    CHECK(ok.msg == "success");
}

TEST_CASE("examples: list batch tasks") {
    // The example request is `GET /koodrive/ose/v1/jobs?offset=0&limit=2`; as a message:
    const auto q = decode_ok<ose::list_batch_tasks_request>(R"({"offset":0,"limit":2})");
    CHECK(q.offset == 0);
    CHECK(q.limit == 2);
    CHECK(!q.type.has_value());
    CHECK(!q.status.has_value());

    const auto m = decode_ok<ose::list_batch_tasks_response>(kListResponse);
    CHECK(m.code == "0");
    CHECK(m.msg == "OK");
    REQUIRE(m.data.size() == 2);
    const auto& a = m.data[0];
    CHECK(a.taskId == "1320279189273965056");
    CHECK(a.taskType == ose::batch_task_type::remove);
    CHECK(a.actionType == ose::batch_action_type::logical_delete);
    CHECK(a.status == ose::job_status::completed);
    CHECK(a.taskResultCode == ose::task_result::all_succeeded);
    CHECK(a.resultCode == 0);
    CHECK(a.contentNum == 1);
    CHECK(a.containerId == "IAADfsBFCO6WtAtuA9add2fea594e4e75b8feb8474ef236");
    CHECK(a.tenantId.empty());
    CHECK(a.beginTime == "20231227151904");
    CHECK(a.endTime == "20231227151904");
    CHECK(a.createTime == "20231227151904");
    const auto& b = m.data[1];
    CHECK(b.taskId == "1320279092268104960");
    CHECK(b.contentNum == 4);
    CHECK(b.beginTime == "20231227151852");
    CHECK(b.endTime == "20231227151852");
    CHECK(b.createTime == "20231227151852");
}

TEST_CASE("examples: create share task") {
    const auto m = decode_ok<ose::create_share_task_request>(kCreateShareRequest);
    CHECK(m.taskType == ose::share_task_type::dump);
    CHECK(m.containerId == "IAABh_RdhS8bOg0cA1684711052660690818");
    REQUIRE(m.fileIds.size() == 1);
    CHECK(m.fileIds[0] == "Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI");
    CHECK(m.shareId == "1689765568237837824");
    CHECK(m.kdstoken == std::optional<std::string>("aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c"));
    REQUIRE(m.targetFileId.has_value());
    CHECK(m.targetFileId->fileId == "FhTB_fxx3LRszaivDFX9NN5JRNLnS9Gob");
    CHECK(m.targetFileId->containerId == "IAABh_RdhS8bOg0cA1684711052660690818");
    CHECK(!m.zipName.has_value());
    expect_valid(m);

    const auto r = decode_ok<ose::create_share_task_response>(kCreateShareResponse);
    CHECK(r.code == "0");
    CHECK(r.msg == "Success");
    CHECK(r.taskId == "1689765568237837824");
}

TEST_CASE("examples: create task") {
    const auto m = decode_ok<ose::create_task_request>(kCreateTaskRequest);
    CHECK(m.taskType == ose::transfer_task_type::transfer_and_delete);
    CHECK(m.srcUserId == std::optional<std::string>("1397687227244555008"));
    CHECK(m.dstUserId == std::optional<std::string>("1507947856550550784"));
    CHECK(!m.resultId.has_value());
    CHECK(!m.orgId.has_value());
    CHECK(!m.orgUserId.has_value());
    auto enc = ose::encode(m);
    REQUIRE(enc.has_value());
    CHECK(*enc == R"({"taskType":0,"srcUserId":"1397687227244555008","dstUserId":"1507947856550550784"})");

    const auto r = decode_ok<ose::create_task_response>(kCreateTaskResponse);
    CHECK(r.taskId == "1534087020903704704");
    CHECK(r.code == "0");
    CHECK(r.msg == "Success.");
}

TEST_CASE("examples: query share task") {
    const auto m = decode_ok<ose::query_share_task_request>(kQueryShareRequest);
    CHECK(m.taskId == "1689768877770401664");
    CHECK(m.shareId == "1689765568237837824");
    CHECK(m.kdstoken == std::optional<std::string>("aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c"));
    expect_valid(m);

    const auto r = decode_ok<ose::query_share_task_response>(kQueryShareResponse);
    CHECK(r.code == "0");
    CHECK(r.msg == "Success.");
    const auto& j = r.jobInfo;
    CHECK(j.userId == "1684711050387378049");
    CHECK(j.taskId == "1689768877770401664");
    CHECK(j.taskType == ose::share_task_type::package_download);
    CHECK(j.taskStatus == ose::job_status::completed);
    CHECK(j.taskResultCode == ose::task_result::all_succeeded);
    CHECK(j.createTime == "20250520022907");
    CHECK(j.startTime == "20250520022907");
    CHECK(j.endTime == "20250520022907");
    CHECK(j.progress == 100);
    CHECK(j.downloadUrl.empty());
    REQUIRE(r.taskInfos.size() == 1);
    CHECK(r.taskInfos[0].fileId == "Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI");
    CHECK(r.taskInfos[0].status == "1");
    CHECK(r.taskInfos[0].newFileId == "FpUqGxkEf54_NeuRnzRdGmrIrzQCPnKCP");
    CHECK(r.taskInfos[0].srcContainerId == "IAABh_RdhS8bOg0cA1684711052660690818");
}

// ============================================================================================
// Request constraints: create batch task
// ============================================================================================

TEST_CASE("batch: taskType required, 1-7") {
    for (int t = 1; t <= 7; ++t) expect_valid(batch(t));
    for (int t : {0, 8, -1, 42}) expect_violation(batch(t), errc::constraint, "$.taskType");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskInfo":{"fileInfo":[{"fileId":"f"}],"srcContainerId":"s"},"dstContainerId":"d"})", errc::missing_field,
        "$.taskType");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":null,"taskInfo":{"fileInfo":[{"fileId":"f"}],"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::missing_field, "$.taskType");
}

TEST_CASE("batch: actionType is known and belongs to its taskType") {
    for (int t = 1; t <= 7; ++t) {
        for (int a : kActions) {
            CAPTURE(t);
            CAPTURE(a);
            auto m = batch(t, a);
            if (a / 100 == t)
                expect_valid(m);
            else
                expect_violation(m, errc::rule, "$.actionType");
        }
    }
    for (int a : {0, 100, 102, 203, 401, 601, 504, 702, -101})
        expect_violation(batch(a / 100 >= 1 && a / 100 <= 7 ? a / 100 : 1, a), errc::constraint, "$.actionType");
    // A rule is not checked while a field it hangs on is invalid.
    auto m = batch(9, 101);
    m.password = "pw";
    expect_violation(m, errc::constraint, "$.taskType");
    auto n = batch(1, 999);
    n.password = "pw";
    expect_violation(n, errc::constraint, "$.actionType");
}

TEST_CASE("batch: fileInfo has an entry, but for taskType 7") {
    for (int t = 1; t <= 6; ++t) {
        auto m = batch(t);
        m.taskInfo.fileInfo.clear();
        expect_violation(m, errc::rule, "$.taskInfo.fileInfo");
    }
    auto seven = batch(7);
    seven.taskInfo.fileInfo.clear();
    expect_valid(seven);
    auto seven_action = batch(7, 701);
    seven_action.taskInfo.fileInfo.clear();
    expect_valid(seven_action);
    decode_ok<ose::create_batch_task_request>(
        R"({"taskType":7,"taskInfo":{"srcContainerId":"s"},"dstContainerId":"d"})");
    decode_ok<ose::create_batch_task_request>(
        R"({"taskType":7,"taskInfo":{"fileInfo":[],"srcContainerId":"s"},"dstContainerId":"d"})");
    decode_ok<ose::create_batch_task_request>(
        R"({"taskType":7,"taskInfo":{"fileInfo":null,"srcContainerId":"s"},"dstContainerId":"d"})");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":2,"taskInfo":{"fileInfo":[],"srcContainerId":"s"},"dstContainerId":"d"})", errc::rule,
        "$.taskInfo.fileInfo");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":2,"taskInfo":{"srcContainerId":"s"},"dstContainerId":"d"})", errc::rule, "$.taskInfo.fileInfo");
}

TEST_CASE("batch: every fileInfo entry has a fileId, but for taskType 7") {
    for (int t = 1; t <= 6; ++t) {
        auto m = batch(t);
        m.taskInfo.fileInfo.push_back({"F2", std::nullopt});
        m.taskInfo.fileInfo.push_back({std::nullopt, "/p"});
        m.taskInfo.fileInfo.push_back({std::nullopt, std::nullopt});
        expect_violation(m, errc::rule, "$.taskInfo.fileInfo[2].fileId");
    }
    auto seven = batch(7);
    seven.taskInfo.fileInfo = {{std::nullopt, std::nullopt}, {std::nullopt, "/p"}, {"F", std::nullopt}};
    expect_valid(seven);
    // A present fileId is not empty.
    auto empty = batch(2);
    empty.taskInfo.fileInfo.push_back({"", "/p"});
    expect_violation(empty, errc::constraint, "$.taskInfo.fileInfo[1].fileId");
    auto empty_path = batch(2);
    empty_path.taskInfo.fileInfo.push_back({"F", ""});
    expect_violation(empty_path, errc::constraint, "$.taskInfo.fileInfo[1].filePath");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":4,"taskInfo":{"fileInfo":[{"fileId":"a"},{"fileId":null}],"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::rule, "$.taskInfo.fileInfo[1].fileId");
}

TEST_CASE("batch: filePath on every entry with actionType 201") {
    auto m = batch(2, 201);
    m.taskInfo.fileInfo.push_back({"F2", "/a/F2"});
    expect_valid(m);
    m.taskInfo.fileInfo.push_back({"F3", std::nullopt});
    expect_violation(m, errc::rule, "$.taskInfo.fileInfo[2].filePath");
    m.actionType = ose::batch_action_type::permanent_delete;
    expect_valid(m);
    m.actionType.reset();
    expect_valid(m);
    auto only = batch(2, 201);
    only.taskInfo.fileInfo[0].filePath.reset();
    expect_violation(only, errc::rule, "$.taskInfo.fileInfo[0].filePath");
}

TEST_CASE("batch: newFilePath required for taskType 1 and 3") {
    for (int t : {1, 3}) {
        auto m = batch(t);
        m.taskInfo.newFilePath.reset();
        expect_violation(m, errc::rule, "$.taskInfo.newFilePath");
        m.taskInfo.newFilePath = "";
        expect_violation(m, errc::constraint, "$.taskInfo.newFilePath");
    }
    for (int t : {2, 4, 5, 6, 7}) {
        auto m = batch(t);
        expect_valid(m);
        m.taskInfo.newFilePath = "/somewhere";
        expect_valid(m);
    }
}

TEST_CASE("batch: uncompressFilePaths only, and required, with actionType 503") {
    auto m = batch(5, 503);
    expect_valid(m);
    m.taskInfo.uncompressFilePaths.push_back("/b");
    expect_valid(m);
    m.taskInfo.uncompressFilePaths.push_back("");
    expect_violation(m, errc::constraint, "$.taskInfo.uncompressFilePaths[2]");
    m.taskInfo.uncompressFilePaths.clear();
    expect_violation(m, errc::rule, "$.taskInfo.uncompressFilePaths");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":5,"actionType":503,"taskInfo":{"fileInfo":[{"fileId":"f"}],"srcContainerId":"s","uncompressFilePaths":[]},"dstContainerId":"d"})",
        errc::rule, "$.taskInfo.uncompressFilePaths");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":5,"actionType":503,"taskInfo":{"fileInfo":[{"fileId":"f"}],"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::rule, "$.taskInfo.uncompressFilePaths");
    // An empty optional array is the same as an absent one.
    const auto empty_ok = decode_ok<ose::create_batch_task_request>(
        R"({"taskType":1,"taskInfo":{"fileInfo":[{"fileId":"f"}],"newFilePath":"n","srcContainerId":"s","uncompressFilePaths":[]},"dstContainerId":"d"})");
    CHECK(empty_ok.taskInfo.uncompressFilePaths.empty());
    for (auto [t, a] :
         {std::pair<int, std::optional<int>>{5, 502}, {5, 501}, {5, std::nullopt}, {1, 101}, {2, std::nullopt}}) {
        auto n = batch(t, a);
        n.taskInfo.uncompressFilePaths = {"/x"};
        expect_violation(n, errc::rule, "$.taskInfo.uncompressFilePaths");
    }
}

TEST_CASE("batch: password only with taskType 5, never in an error") {
    const std::string secret = "Pa55w0rd-do-not-print";
    auto m = batch(5);
    m.password = secret;
    expect_valid(m);
    auto with_action = batch(5, 502);
    with_action.password = secret;
    expect_valid(with_action);
    for (int t : {1, 2, 3, 4, 6, 7}) {
        auto n = batch(t);
        n.password = secret;
        const auto e = expect_violation(n, errc::rule, "$.password");
        CHECK(e.to_string().find(secret) == std::string::npos);
    }
    m.password = "";
    expect_violation(m, errc::constraint, "$.password");
    auto bad = batch(5);
    bad.password = secret + "\xC0\x80";
    const auto e = expect_violation(bad, errc::invalid_utf8, "$.password");
    CHECK(e.to_string().find(secret) == std::string::npos);
}

TEST_CASE("batch: required strings") {
    auto m = batch(1);
    m.dstContainerId.clear();
    expect_violation(m, errc::missing_field, "$.dstContainerId");
    auto n = batch(1);
    n.taskInfo.srcContainerId.clear();
    expect_violation(n, errc::missing_field, "$.taskInfo.srcContainerId");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":1,"taskInfo":{"fileInfo":[{"fileId":"f"}],"newFilePath":"n"}})", errc::missing_field,
        "$.taskInfo.srcContainerId");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":1,"taskInfo":{"fileInfo":[{"fileId":"f"}],"newFilePath":"n","srcContainerId":"s"}})",
        errc::missing_field, "$.dstContainerId");
    decode_fails<ose::create_batch_task_request>(R"({"taskType":1,"dstContainerId":"d"})", errc::missing_field,
                                                 "$.taskInfo");
    decode_fails<ose::create_batch_task_request>(R"({"taskType":1,"dstContainerId":"d","taskInfo":null})",
                                                 errc::missing_field, "$.taskInfo");
}

// ============================================================================================
// Request constraints: list batch tasks
// ============================================================================================

TEST_CASE("list: offset >= 0 (64-bit), limit 1-100, type 1-7, status 0-3") {
    expect_valid(list(0, 1));
    expect_valid(list(0, 100));
    expect_valid(list(std::int64_t{1} << 40, 50));
    expect_valid(list(std::numeric_limits<std::int64_t>::max(), 2));
    expect_violation(list(-1, 10), errc::constraint, "$.offset");
    expect_violation(list(std::numeric_limits<std::int64_t>::min(), 10), errc::constraint, "$.offset");
    expect_violation(list(0, 0), errc::constraint, "$.limit");
    expect_violation(list(0, 101), errc::constraint, "$.limit");
    expect_violation(list(0, -1), errc::constraint, "$.limit");
    for (int t = 1; t <= 7; ++t) {
        auto m = list(0, 10);
        m.type = static_cast<ose::batch_task_type>(t);
        expect_valid(m);
    }
    for (int t : {0, 8, 42}) {
        auto m = list(0, 10);
        m.type = static_cast<ose::batch_task_type>(t);
        expect_violation(m, errc::constraint, "$.type");
    }
    for (int s = 0; s <= 3; ++s) {
        auto m = list(0, 10);
        m.status = static_cast<ose::job_status>(s);
        expect_valid(m);
    }
    for (int s : {-1, 4}) {
        auto m = list(0, 10);
        m.status = static_cast<ose::job_status>(s);
        expect_violation(m, errc::constraint, "$.status");
    }
    CHECK(decode_ok<ose::list_batch_tasks_request>(R"({"offset":1099511627776,"limit":100,"type":7,"status":3})")
              .offset == 1099511627776);
    CHECK(decode_ok<ose::list_batch_tasks_request>(R"({"offset":"1099511627776","limit":"1"})").offset ==
          1099511627776);
    decode_fails<ose::list_batch_tasks_request>(R"({"limit":1})", errc::missing_field, "$.offset");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":0})", errc::missing_field, "$.limit");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":null,"limit":1})", errc::missing_field, "$.offset");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":0,"limit":101})", errc::constraint, "$.limit");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":-1,"limit":1})", errc::constraint, "$.offset");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":0,"limit":1,"type":0})", errc::constraint, "$.type");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":0,"limit":1,"status":4})", errc::constraint, "$.status");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":9223372036854775808,"limit":1})", errc::out_of_range,
                                                "$.offset");
    CHECK(decode_ok<ose::list_batch_tasks_request>(R"({"offset":9223372036854775807,"limit":1})").offset ==
          std::numeric_limits<std::int64_t>::max());
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":-9223372036854775808,"limit":1})", errc::constraint,
                                                "$.offset");
    decode_fails<ose::list_batch_tasks_request>(R"({"offset":0,"limit":4294967297})", errc::out_of_range, "$.limit");
}

// ============================================================================================
// Request constraints: create share task
// ============================================================================================

TEST_CASE("share: taskType 1 or 2") {
    expect_valid(share(1));
    expect_valid(share(2));
    for (int t : {0, 3, -1}) expect_violation(share(t), errc::constraint, "$.taskType");
    decode_fails<ose::create_share_task_request>(R"({"containerId":"c","fileIds":["f"],"zipName":"z","shareId":"s"})",
                                                 errc::missing_field, "$.taskType");
}

TEST_CASE("share: fileIds 1 to 1000 entries, none empty") {
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{1001}}) {
        CAPTURE(n);
        auto m = share(1);
        m.fileIds.assign(n, "F");
        if (n >= 1 && n <= 1000)
            expect_valid(m);
        else
            expect_violation(m, errc::constraint, "$.fileIds");
    }
    auto m = share(2);
    m.fileIds = {"a", "b", "", "d", ""};
    expect_violation(m, errc::constraint, "$.fileIds[2]");
    decode_fails<ose::create_share_task_request>(R"({"taskType":1,"containerId":"c","zipName":"z","shareId":"s"})",
                                                 errc::missing_field, "$.fileIds");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":"c","fileIds":[],"zipName":"z","shareId":"s"})", errc::constraint, "$.fileIds");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":"c","fileIds":["a",""],"zipName":"z","shareId":"s"})", errc::constraint,
        "$.fileIds[1]");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":"c","fileIds":"a","zipName":"z","shareId":"s"})", errc::type_mismatch,
        "$.fileIds");
}

TEST_CASE("share: targetFileId with taskType 2 only, zipName with taskType 1 only") {
    auto dump = share(2);
    dump.targetFileId.reset();
    expect_violation(dump, errc::rule, "$.targetFileId");
    auto dump_zip = share(2);
    dump_zip.zipName = "a.zip";
    expect_violation(dump_zip, errc::rule, "$.zipName");
    auto pkg = share(1);
    pkg.zipName.reset();
    expect_violation(pkg, errc::rule, "$.zipName");
    auto pkg_target = share(1);
    pkg_target.targetFileId = ose::file_id_info{"root", "C"};
    expect_violation(pkg_target, errc::rule, "$.targetFileId");
    auto pkg_empty = share(1);
    pkg_empty.zipName = "";
    expect_violation(pkg_empty, errc::constraint, "$.zipName");
    // targetFileId's own fields are required.
    auto no_id = share(2);
    no_id.targetFileId->fileId.clear();
    expect_violation(no_id, errc::missing_field, "$.targetFileId.fileId");
    auto no_container = share(2);
    no_container.targetFileId->containerId.clear();
    expect_violation(no_container, errc::missing_field, "$.targetFileId.containerId");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":2,"containerId":"c","fileIds":["f"],"targetFileId":{"containerId":"c"},"shareId":"s"})",
        errc::missing_field, "$.targetFileId.fileId");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":2,"containerId":"c","fileIds":["f"],"targetFileId":{"fileId":"root"},"shareId":"s"})",
        errc::missing_field, "$.targetFileId.containerId");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":2,"containerId":"c","fileIds":["f"],"targetFileId":null,"shareId":"s"})", errc::rule,
        "$.targetFileId");
    decode_ok<ose::create_share_task_request>(
        R"({"taskType":2,"containerId":"c","fileIds":["f"],"targetFileId":{"fileId":"root","containerId":"c"},"shareId":"s","zipName":null})");
}

TEST_CASE("share: containerId, shareId required; kdstoken optional and secret") {
    auto m = share(1);
    m.containerId.clear();
    expect_violation(m, errc::missing_field, "$.containerId");
    auto n = share(1);
    n.shareId.clear();
    expect_violation(n, errc::missing_field, "$.shareId");
    auto k = share(2);
    k.kdstoken = "kdstoken-secret-value";
    expect_valid(k);
    k.kdstoken = "";
    expect_violation(k, errc::constraint, "$.kdstoken");
    decode_fails<ose::create_share_task_request>(R"({"taskType":1,"fileIds":["f"],"zipName":"z","shareId":"s"})",
                                                 errc::missing_field, "$.containerId");
    decode_fails<ose::create_share_task_request>(R"({"taskType":1,"containerId":"c","fileIds":["f"],"zipName":"z"})",
                                                 errc::missing_field, "$.shareId");
}

// ============================================================================================
// Request constraints: create task
// ============================================================================================

TEST_CASE("create task: taskType required, 0 or 1") {
    expect_valid(transfer(0));
    expect_valid(transfer(1));
    for (int t : {2, -1, 42}) expect_violation(transfer(t), errc::constraint, "$.taskType");
    decode_fails<ose::create_task_request>(R"({"srcUserId":"a","dstUserId":"b"})", errc::missing_field, "$.taskType");
}

TEST_CASE("create task: taskType 0 needs srcUserId and dstUserId, rejects orgId, orgUserId, resultId") {
    auto m = transfer(0);
    m.srcUserId.reset();
    expect_violation(m, errc::rule, "$.srcUserId");
    m = transfer(0);
    m.dstUserId.reset();
    expect_violation(m, errc::rule, "$.dstUserId");
    m = transfer(0);
    m.srcUserId = "";
    expect_violation(m, errc::constraint, "$.srcUserId");
    m = transfer(0);
    m.orgId = "O";
    expect_violation(m, errc::rule, "$.orgId");
    m = transfer(0);
    m.orgUserId = "OU";
    expect_violation(m, errc::rule, "$.orgUserId");
    m = transfer(0);
    m.resultId = "R";
    expect_violation(m, errc::rule, "$.resultId");
    decode_fails<ose::create_task_request>(R"({"taskType":0,"dstUserId":"b"})", errc::rule, "$.srcUserId");
    decode_fails<ose::create_task_request>(R"({"taskType":0,"srcUserId":"a","dstUserId":null})", errc::rule,
                                           "$.dstUserId");
    decode_fails<ose::create_task_request>(R"({"taskType":0,"srcUserId":"a","dstUserId":"b","orgId":"o"})", errc::rule,
                                           "$.orgId");
}

TEST_CASE("create task: taskType 1 needs orgId and orgUserId, resultId optional, rejects srcUserId, dstUserId") {
    auto m = transfer(1);
    m.resultId = "R";
    expect_valid(m);
    m = transfer(1);
    m.orgId.reset();
    expect_violation(m, errc::rule, "$.orgId");
    m = transfer(1);
    m.orgUserId.reset();
    expect_violation(m, errc::rule, "$.orgUserId");
    m = transfer(1);
    m.srcUserId = "U";
    expect_violation(m, errc::rule, "$.srcUserId");
    m = transfer(1);
    m.dstUserId = "U";
    expect_violation(m, errc::rule, "$.dstUserId");
    m = transfer(1);
    m.resultId = "";
    expect_violation(m, errc::constraint, "$.resultId");
    decode_ok<ose::create_task_request>(R"({"taskType":1,"orgId":"o","orgUserId":"ou","resultId":"r"})");
    decode_fails<ose::create_task_request>(R"({"taskType":1,"orgUserId":"ou"})", errc::rule, "$.orgId");
    decode_fails<ose::create_task_request>(R"({"taskType":1,"srcUserId":"a","orgId":"o","orgUserId":"ou"})", errc::rule,
                                           "$.srcUserId");
}

// ============================================================================================
// Request constraints: query share task
// ============================================================================================

TEST_CASE("query share task: taskId and shareId required, kdstoken optional") {
    ose::query_share_task_request m{"T", "S", std::nullopt};
    expect_valid(m);
    m.kdstoken = "k";
    expect_valid(m);
    m.kdstoken = "";
    expect_violation(m, errc::constraint, "$.kdstoken");
    ose::query_share_task_request no_task{"", "S", std::nullopt};
    expect_violation(no_task, errc::missing_field, "$.taskId");
    ose::query_share_task_request no_share{"T", "", std::nullopt};
    expect_violation(no_share, errc::missing_field, "$.shareId");
    decode_fails<ose::query_share_task_request>(R"({"shareId":"s"})", errc::missing_field, "$.taskId");
    decode_fails<ose::query_share_task_request>(R"({"taskId":"t"})", errc::missing_field, "$.shareId");
    decode_fails<ose::query_share_task_request>(R"({"taskId":null,"shareId":"s"})", errc::missing_field, "$.taskId");
    decode_fails<ose::query_share_task_request>(R"({"taskId":"","shareId":"s"})", errc::missing_field, "$.taskId");
    CHECK(decode_ok<ose::query_share_task_request>(R"({"taskId":1689768877770401664,"shareId":"s"})").taskId ==
          "1689768877770401664");
}

// ============================================================================================
// Required fields have no default
// ============================================================================================

TEST_CASE("required fields have no default: one never set is `required` at its path") {
    // Each required number or enum, left unset on an otherwise valid request.
    auto no_offset = list(0, 10);
    no_offset.offset.reset();
    CHECK(expect_violation(no_offset, errc::missing_field, "$.offset").to_string() ==
          "invalid request at $.offset: required");
    auto no_limit = list(0, 10);
    no_limit.limit.reset();
    CHECK(expect_violation(no_limit, errc::missing_field, "$.limit").message == "required");
    auto no_batch_type = batch(1);
    no_batch_type.taskType.reset();
    CHECK(expect_violation(no_batch_type, errc::missing_field, "$.taskType").message == "required");
    auto no_share_type = share(2);
    no_share_type.taskType.reset();
    CHECK(expect_violation(no_share_type, errc::missing_field, "$.taskType").message == "required");
    // taskType 0 (transfer and deletion) is a valid value: unset must not become it.
    auto no_task_type = transfer(0);
    no_task_type.taskType.reset();
    CHECK(expect_violation(no_task_type, errc::missing_field, "$.taskType").message == "required");

    // A request nobody filled in fails at its first required field, never as another request.
    expect_violation(ose::list_batch_tasks_request{}, errc::missing_field, "$.offset");
    expect_violation(ose::create_batch_task_request{}, errc::missing_field, "$.taskType");
    expect_violation(ose::create_share_task_request{}, errc::missing_field, "$.taskType");
    expect_violation(ose::create_task_request{}, errc::missing_field, "$.taskType");
    expect_violation(ose::query_share_task_request{}, errc::missing_field, "$.taskId");
    // Required strings, arrays and nested structs have no valid empty state either.
    ose::create_batch_task_request typed_only;
    typed_only.taskType = ose::batch_task_type::copy;
    expect_violation(typed_only, errc::missing_field, "$.taskInfo.srcContainerId");
    ose::create_share_task_request no_files;
    no_files.taskType = ose::share_task_type::package_download;
    no_files.containerId = "C";
    expect_violation(no_files, errc::constraint, "$.fileIds");

    // Encoding writes nothing for an unset field, so a server reports the same path.
    std::string json;
    ose::encode_unchecked(no_offset, json);
    CHECK(json == R"({"limit":10})");
}

// ============================================================================================
// Validation order
// ============================================================================================

TEST_CASE("validation order: first violation in field order, nested first, rules last") {
    // Two field violations: the earlier field wins.
    auto m = batch(1, 101);
    m.dstContainerId.clear();
    m.password = "";
    expect_violation(m, errc::missing_field, "$.dstContainerId");
    // Nested fields come before the next top-level field.
    m = batch(1, 101);
    m.taskInfo.srcContainerId.clear();
    m.dstContainerId.clear();
    expect_violation(m, errc::missing_field, "$.taskInfo.srcContainerId");
    m = batch(1, 101);
    m.taskInfo.fileInfo.push_back({"", std::nullopt});
    m.taskInfo.srcContainerId.clear();
    expect_violation(m, errc::constraint, "$.taskInfo.fileInfo[1].fileId");
    m = batch(1, 101);
    m.taskInfo.fileInfo.push_back({"F", ""});
    m.taskInfo.fileInfo.push_back({"", "P"});
    expect_violation(m, errc::constraint, "$.taskInfo.fileInfo[1].filePath");
    // Fields before rules: an action of the wrong taskType, and an empty dstContainerId.
    m = batch(1, 201);
    m.dstContainerId.clear();
    expect_violation(m, errc::missing_field, "$.dstContainerId");
    m = batch(2);
    m.taskInfo.fileInfo.clear();
    m.password = "";
    expect_violation(m, errc::constraint, "$.password");
    // Rules in field order.
    m = batch(1, 201);  // wrong action and a password
    m.password = "x";
    expect_violation(m, errc::rule, "$.actionType");
    m = batch(1);
    m.taskInfo.fileInfo.push_back({std::nullopt, std::nullopt});
    m.taskInfo.newFilePath.reset();
    m.password = "x";
    expect_violation(m, errc::rule, "$.taskInfo.fileInfo[1].fileId");
    m = batch(3);
    m.taskInfo.newFilePath.reset();
    m.taskInfo.uncompressFilePaths = {"u"};
    expect_violation(m, errc::rule, "$.taskInfo.newFilePath");
    m = batch(1);
    m.taskInfo.uncompressFilePaths = {"u"};
    m.password = "x";
    expect_violation(m, errc::rule, "$.taskInfo.uncompressFilePaths");
    auto s = share(2);
    s.targetFileId.reset();
    s.zipName = "z";
    expect_violation(s, errc::rule, "$.targetFileId");
    s = share(2);
    s.targetFileId->containerId.clear();
    s.shareId.clear();
    expect_violation(s, errc::missing_field, "$.targetFileId.containerId");
    s = share(1);
    s.zipName.reset();
    s.shareId.clear();
    expect_violation(s, errc::missing_field, "$.shareId");
    auto t = transfer(0);
    t.srcUserId.reset();
    t.dstUserId.reset();
    t.orgId = "o";
    expect_violation(t, errc::rule, "$.srcUserId");
    t = transfer(0);
    t.orgUserId = "o";
    t.resultId = "r";
    expect_violation(t, errc::rule, "$.resultId");
    auto l = list(-1, 0);
    expect_violation(l, errc::constraint, "$.offset");
    l = list(0, 0);
    l.type = static_cast<ose::batch_task_type>(9);
    expect_violation(l, errc::constraint, "$.limit");
    // A decode error (reading) comes before any validation.
    decode_fails<ose::create_task_request>(R"({"taskType":1,"srcUserId":"a","orgId":5.5})", errc::type_mismatch,
                                           "$.orgId");
}

// ============================================================================================
// Reading rules for every message
// ============================================================================================

TEST_CASE("integers: JSON integers or canonical integer strings") {
    auto limit = [](std::string_view v) { return std::string(R"({"offset":0,"limit":)") + std::string(v) + "}"; };
    CHECK(decode_ok<ose::list_batch_tasks_request>(limit("5")).limit == 5);
    CHECK(decode_ok<ose::list_batch_tasks_request>(limit("\"5\"")).limit == 5);
    CHECK(decode_ok<ose::list_batch_tasks_request>(limit("\"100\"")).limit == 100);
    CHECK(decode_ok<ose::list_batch_tasks_request>(limit("\"\\u0035\"")).limit == 5);
    for (const char* bad : {"\"05\"",   "\"+5\"",  "\" 5\"",       "\"5 \"", "\"5.0\"", "\"5e0\"", "\"\"",     "\"-\"",
                            "\"five\"", "\"0x5\"", "\"5\\u0000\"", "5.0",    "5e0",     "5E0",     "5.5",      "1e400",
                            "-0.0",     "true",    "false",        "[5]",    "{}",      "[]",      "{\"v\":5}"}) {
        CAPTURE(bad);
        const auto e = decode_fails<ose::list_batch_tasks_request>(limit(bad), errc::type_mismatch, "$.limit");
        CHECK(e.offset == 20);
    }
    for (const char* big : {"2147483648", "-2147483649", "\"2147483648\"", "\"-2147483649\"", "9223372036854775808",
                            "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
                            "\"18446744073709551616\""}) {
        CAPTURE(big);
        const auto e = decode_fails<ose::list_batch_tasks_request>(limit(big), errc::out_of_range, "$.limit");
        CHECK(e.offset == 20);
    }
    // In range for int32 but not for the field.
    decode_fails<ose::list_batch_tasks_request>(limit("\"-5\""), errc::constraint, "$.limit");
    decode_fails<ose::list_batch_tasks_request>(limit("2147483647"), errc::constraint, "$.limit");
    // null is absent: a required field is then missing.
    decode_fails<ose::list_batch_tasks_request>(limit("null"), errc::missing_field, "$.limit");
    // Response int32 fields at their limits.
    auto job = [](std::string_view v) { return R"({"code":0,"data":[{"contentNum":)" + std::string(v) + "}]}"; };
    CHECK(decode_ok<ose::list_batch_tasks_response>(job("2147483647")).data[0].contentNum == 2147483647);
    CHECK(decode_ok<ose::list_batch_tasks_response>(job("-2147483648")).data[0].contentNum ==
          std::numeric_limits<std::int32_t>::min());
    CHECK(decode_ok<ose::list_batch_tasks_response>(job("\"-2147483648\"")).data[0].contentNum ==
          std::numeric_limits<std::int32_t>::min());
    CHECK(decode_ok<ose::list_batch_tasks_response>(job("\"0\"")).data[0].contentNum == 0);
    CHECK(decode_ok<ose::list_batch_tasks_response>(job("null")).data[0].contentNum == 0);
    decode_fails<ose::list_batch_tasks_response>(job("2147483648"), errc::out_of_range, "$.data[0].contentNum");
    decode_fails<ose::list_batch_tasks_response>(job("-2147483649"), errc::out_of_range, "$.data[0].contentNum");
    decode_fails<ose::list_batch_tasks_response>(job("1E+400"), errc::type_mismatch, "$.data[0].contentNum");
    decode_fails<ose::list_batch_tasks_response>(job("\"00\""), errc::type_mismatch, "$.data[0].contentNum");
    // Enum fields read the same way.
    CHECK(decode_ok<ose::list_batch_tasks_response>(R"({"code":0,"data":[{"taskType":"2"}]})").data[0].taskType ==
          ose::batch_task_type::remove);
    decode_fails<ose::list_batch_tasks_response>(R"({"code":0,"data":[{"taskType":2.0}]})", errc::type_mismatch,
                                                 "$.data[0].taskType");
    decode_fails<ose::list_batch_tasks_response>(R"({"code":0,"data":[{"taskType":4294967298}]})", errc::out_of_range,
                                                 "$.data[0].taskType");
}

TEST_CASE("integers: offset is 64-bit") {
    auto off = [](std::string_view v) { return std::string(R"({"offset":)") + std::string(v) + R"(,"limit":1})"; };
    CHECK(decode_ok<ose::list_batch_tasks_request>(off("1099511627776")).offset == (std::int64_t{1} << 40));
    CHECK(decode_ok<ose::list_batch_tasks_request>(off("\"1099511627776\"")).offset == (std::int64_t{1} << 40));
    CHECK(decode_ok<ose::list_batch_tasks_request>(off("2147483648")).offset == 2147483648);
    CHECK(decode_ok<ose::list_batch_tasks_request>(off("0")).offset == 0);
    decode_fails<ose::list_batch_tasks_request>(off("1099511627776.0"), errc::type_mismatch, "$.offset");
    decode_fails<ose::list_batch_tasks_request>(off("\"9223372036854775808\""), errc::out_of_range, "$.offset");
    decode_fails<ose::list_batch_tasks_request>(off("-9223372036854775809"), errc::out_of_range, "$.offset");
}

TEST_CASE("strings: JSON strings, or non-negative integers kept digit for digit") {
    auto data = [](std::string_view v) { return std::string(R"({"code":0,"data":)") + std::string(v) + "}"; };
    CHECK(decode_ok<ose::create_batch_task_response>(data("12345678901234567890123456789")).data ==
          "12345678901234567890123456789");
    CHECK(decode_ok<ose::create_batch_task_response>(data("1309243162258308352")).data == "1309243162258308352");
    CHECK(decode_ok<ose::create_batch_task_response>(data("0")).data == "0");
    CHECK(decode_ok<ose::create_batch_task_response>(data("\"\"")).data.empty());
    CHECK(decode_ok<ose::create_batch_task_response>(data("null")).data.empty());
    for (const char* bad : {"-1", "-0", "1.5", "1e5", "1E+400", "10.0", "-12345678901234567890"}) {
        CAPTURE(bad);
        const auto e = decode_fails<ose::create_batch_task_response>(data(bad), errc::type_mismatch, "$.data");
        CHECK(e.offset == 17);
    }
    for (const char* bad : {"true", "false", "{}", "{\"a\":\"b\"}", "[]", "[\"x\"]"}) {
        CAPTURE(bad);
        const auto e = decode_fails<ose::create_batch_task_response>(data(bad), errc::type_mismatch, "$.data");
        CHECK(e.offset == 17);
    }
    // The same for IDs in other messages, and string array entries in requests.
    CHECK(decode_ok<ose::create_task_response>(R"({"taskId":1534087020903704704,"code":0})").taskId ==
          "1534087020903704704");
    CHECK(decode_ok<ose::create_share_task_response>(R"({"code":0,"taskId":98765432109876543210})").taskId ==
          "98765432109876543210");
    const auto q = decode_ok<ose::query_share_task_response>(
        R"({"code":0,"jobInfo":{"userId":1684711050387378049,"taskId":1689768877770401664},"taskInfos":[{"fileId":7,"status":1,"newFileId":0}]})");
    CHECK(q.jobInfo.userId == "1684711050387378049");
    CHECK(q.jobInfo.taskId == "1689768877770401664");
    CHECK(q.taskInfos[0].fileId == "7");
    CHECK(q.taskInfos[0].status == "1");
    CHECK(q.taskInfos[0].newFileId == "0");
    const auto s = decode_ok<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":1,"fileIds":[123456789012345678901234,"F"],"zipName":"z","shareId":2})");
    CHECK(s.fileIds[0] == "123456789012345678901234");
    CHECK(s.containerId == "1");
    CHECK(s.shareId == "2");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":"c","fileIds":["a",-1],"zipName":"z","shareId":"s"})", errc::type_mismatch,
        "$.fileIds[1]");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":"c","fileIds":["a",true],"zipName":"z","shareId":"s"})", errc::type_mismatch,
        "$.fileIds[1]");
    decode_fails<ose::create_share_task_request>(
        R"({"taskType":1,"containerId":"c","fileIds":["a",null],"zipName":"z","shareId":"s"})", errc::type_mismatch,
        "$.fileIds[1]");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":2,"taskInfo":{"fileInfo":[{"fileId":{}}],"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::type_mismatch, "$.taskInfo.fileInfo[0].fileId");
    decode_fails<ose::query_share_task_request>(R"({"taskId":"t","shareId":"s","kdstoken":false})", errc::type_mismatch,
                                                "$.kdstoken");
}

TEST_CASE("objects and arrays: type mismatches") {
    decode_fails<ose::query_share_task_response>(R"({"code":0,"jobInfo":"x"})", errc::type_mismatch, "$.jobInfo");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"jobInfo":[]})", errc::type_mismatch, "$.jobInfo");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"taskInfos":"x"})", errc::type_mismatch, "$.taskInfos");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"taskInfos":[{},1]})", errc::type_mismatch,
                                                 "$.taskInfos[1]");
    decode_fails<ose::list_batch_tasks_response>(R"({"code":0,"data":{"taskId":"1"}})", errc::type_mismatch, "$.data");
    decode_fails<ose::list_batch_tasks_response>(R"({"code":0,"data":"x"})", errc::type_mismatch, "$.data");
    decode_fails<ose::create_batch_task_request>(R"({"taskType":7,"taskInfo":[],"dstContainerId":"d"})",
                                                 errc::type_mismatch, "$.taskInfo");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":7,"taskInfo":{"fileInfo":{"fileId":"f"},"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::type_mismatch, "$.taskInfo.fileInfo");
    auto top = ose::decode<ose::create_batch_task_response>(R"([{"code":0}])");
    REQUIRE(!top);
    CHECK(top.error().code == errc::type_mismatch);
    CHECK(top.error().path == "$");
    CHECK(top.error().offset == 0);
    CHECK(!ose::decode<ose::create_batch_task_response>(R"("code")").has_value());
    CHECK(!ose::decode<ose::create_batch_task_response>("null").has_value());
}

TEST_CASE("null is the same as absent") {
    const auto r = decode_ok<ose::create_batch_task_response>(R"({"code":0,"msg":null,"data":null})");
    CHECK(r.msg.empty());
    CHECK(r.data.empty());
    decode_fails<ose::create_batch_task_response>(R"({"code":null,"msg":"m"})", errc::missing_field, "$.code");
    decode_fails<ose::create_batch_task_response>(R"({"msg":"m"})", errc::missing_field, "$.code");
    decode_fails<ose::create_batch_task_response>(R"({})", errc::missing_field, "$.code");
    const auto q = decode_ok<ose::query_share_task_response>(R"({"code":0,"jobInfo":null,"taskInfos":null})");
    CHECK(q.jobInfo.taskId.empty());
    CHECK(q.taskInfos.empty());
    const auto b = decode_ok<ose::create_batch_task_request>(
        R"({"taskType":5,"actionType":null,"password":null,"taskInfo":{"fileInfo":[{"fileId":"f","filePath":null}],"newFilePath":null,"srcContainerId":"s","uncompressFilePaths":null},"dstContainerId":"d"})");
    CHECK(!b.actionType.has_value());
    CHECK(!b.password.has_value());
    CHECK(!b.taskInfo.fileInfo[0].filePath.has_value());
    CHECK(!b.taskInfo.newFilePath.has_value());
    // A later null resets nothing: a key given twice is an error even when one is null.
    decode_fails<ose::create_batch_task_response>(R"({"code":null,"code":0})", errc::duplicate_field, "$.code");
}

TEST_CASE("enums: unknown values kept in responses, rejected in requests") {
    const auto l = decode_ok<ose::list_batch_tasks_response>(
        R"({"code":0,"data":[{"taskType":42,"actionType":999,"status":7,"taskResultCode":-1}]})");
    CHECK(static_cast<int>(l.data[0].taskType) == 42);
    CHECK(static_cast<int>(l.data[0].actionType) == 999);
    CHECK(static_cast<int>(l.data[0].status) == 7);
    CHECK(static_cast<int>(l.data[0].taskResultCode) == -1);
    CHECK(!ose::is_known(l.data[0].taskType));
    CHECK(ose::validate(l).has_value());
    auto enc = ose::encode(l);
    REQUIRE(enc.has_value());
    CHECK(enc->find(R"("taskType":42,"actionType":999,"status":7,"taskResultCode":-1)") != std::string::npos);
    const auto q = decode_ok<ose::query_share_task_response>(R"({"code":0,"jobInfo":{"taskType":42,"taskStatus":9}})");
    CHECK(static_cast<int>(q.jobInfo.taskType) == 42);
    CHECK(static_cast<int>(q.jobInfo.taskStatus) == 9);

    decode_fails<ose::list_batch_tasks_request>(R"({"offset":0,"limit":1,"type":42})", errc::constraint, "$.type");
    decode_fails<ose::create_share_task_request>(R"({"taskType":42,"containerId":"c","fileIds":["f"],"shareId":"s"})",
                                                 errc::constraint, "$.taskType");
    decode_fails<ose::create_task_request>(R"({"taskType":42})", errc::constraint, "$.taskType");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":1,"actionType":42,"taskInfo":{"fileInfo":[{"fileId":"f"}],"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::constraint, "$.actionType");
}

TEST_CASE("unknown fields are skipped but checked") {
    const auto r = decode_ok<ose::create_batch_task_response>(
        R"({"extra":{"a":[1,{"b":[null,true,false,"x\u0041\ud83d\ude00"]}],"c":1E+400,"d":-0.5e-7},"code":0,)"
        R"("more":[],"msg":"m","z":"","data":"7","last":{"code":1,"data":[{"msg":2}]}})");
    CHECK(r.code == "0");
    CHECK(r.msg == "m");
    CHECK(r.data == "7");
    const auto q = decode_ok<ose::query_share_task_response>(
        R"({"code":0,"jobInfo":{"new":{"x":[[[]]]},"taskId":"t","progress":5},"taskInfos":[{"fileId":"f","n":null}]})");
    CHECK(q.jobInfo.taskId == "t");
    CHECK(q.jobInfo.progress == 5);
    CHECK(q.taskInfos[0].fileId == "f");
    // In requests too.
    CHECK(decode_ok<ose::query_share_task_request>(R"({"taskId":"t","shareId":"s","future":{"k":[1,2]}})").taskId ==
          "t");

    // Invalid JSON inside an unknown field is an error, with the field's path.
    auto e = decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":{"a":[1,]}})", errc::syntax, "$.extra");
    CHECK(e.offset == 26);
    // `0` is a whole value; the object cannot continue at `1`.
    auto lz = decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":01})", errc::syntax, "$");
    CHECK(lz.offset == 19);
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":-})", errc::syntax, "$.extra");
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":"\ud800"})", errc::invalid_utf8, "$.extra");
    decode_fails<ose::create_batch_task_response>("{\"code\":0,\"extra\":\"\xC0\x80\"}", errc::invalid_utf8, "$.extra");
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":tru})", errc::syntax, "$.extra");
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":})", errc::syntax, "$.extra");
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"extra":[1 2]})", errc::syntax, "$.extra");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"jobInfo":{"new":{"a":}}})", errc::syntax,
                                                 "$.jobInfo.new");
    decode_fails<ose::query_share_task_request>(R"({"taskId":"t","shareId":"s","future":[,]})", errc::syntax,
                                                "$.future");
    // An escaped unknown key is named unescaped.
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"\u0078":[,]})", errc::syntax, "$.x");
    // A value of the wrong type that is not even JSON is a syntax error where it breaks.
    auto trunc = decode_fails<ose::create_batch_task_response>(R"({"code":[1,2)", errc::syntax, "$.code");
    CHECK(trunc.offset == 12);
    // An unknown key that needs escaping in the path.
    auto odd = decode_fails<ose::create_batch_task_response>(R"({"code":0,"we\"ird\u0001":[}]})", errc::syntax,
                                                             "$[\"we?ird?\"]");
    (void)odd;
}

TEST_CASE("duplicate keys: known ones are errors, unknown ones are fine") {
    auto e = decode_fails<ose::create_batch_task_response>(R"({"code":0,"code":0})", errc::duplicate_field, "$.code");
    CHECK(e.offset == 10);
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"msg":"a","msg":"a"})", errc::duplicate_field, "$.msg");
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"\u0063ode":0})", errc::duplicate_field, "$.code");
    decode_fails<ose::create_batch_task_response>(R"({"code":0,"c\u006fd\u0065":"1"})", errc::duplicate_field,
                                                  "$.code");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"jobInfo":{"taskId":"1","taskId":"1"}})",
                                                 errc::duplicate_field, "$.jobInfo.taskId");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"taskInfos":[{},{"fileId":"a","fileId":"b"}]})",
                                                 errc::duplicate_field, "$.taskInfos[1].fileId");
    decode_fails<ose::query_share_task_request>(R"({"taskId":"t","shareId":"s","taskId":"t"})", errc::duplicate_field,
                                                "$.taskId");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":7,"taskInfo":{"srcContainerId":"s","srcContainerId":"s"},"dstContainerId":"d"})",
        errc::duplicate_field, "$.taskInfo.srcContainerId");
    const auto r = decode_ok<ose::create_batch_task_response>(R"({"x":1,"code":0,"x":[2],"x":{"x":3,"x":4}})");
    CHECK(r.code == "0");
    // Keys are compared after unescaping, also to find known fields.
    CHECK(decode_ok<ose::create_batch_task_response>(R"({"\u0063\u006f\u0064\u0065":"APIGW.0301"})").code ==
          "APIGW.0301");
    // A key that only looks like a known one is unknown.
    decode_fails<ose::create_batch_task_response>(R"({"Code":0})", errc::missing_field, "$.code");
    decode_fails<ose::create_batch_task_response>(R"({"code ":0})", errc::missing_field, "$.code");
}

TEST_CASE("code: a string or an integer, kept as text") {
    CHECK(decode_ok<ose::create_batch_task_response>(R"({"code":"0"})").code == "0");
    CHECK(decode_ok<ose::create_batch_task_response>(R"({"code":0})").code == "0");
    CHECK(decode_ok<ose::create_batch_task_response>(
              R"({"code":"APIGW.0301","msg":"Incorrect IAM authentication information"})")
              .code == "APIGW.0301");
    CHECK(decode_ok<ose::create_share_task_response>(R"({"code":401})").code == "401");
    CHECK(decode_ok<ose::create_task_response>(R"({"code":"31084005","msg":"x"})").code == "31084005");
    CHECK(decode_ok<ose::list_batch_tasks_response>(R"({"code":500,"msg":"Internal"})").code == "500");
    CHECK(decode_ok<ose::query_share_task_response>(R"({"code":"0"})").code == "0");
    decode_fails<ose::create_batch_task_response>(R"({"code":0.0})", errc::type_mismatch, "$.code");
    decode_fails<ose::create_batch_task_response>(R"({"code":true})", errc::type_mismatch, "$.code");
}

TEST_CASE("taskInfos: an array, or a single object as a one-element array") {
    const auto arr = decode_ok<ose::query_share_task_response>(
        R"({"code":0,"taskInfos":[{"fileId":"a","status":"1"},{"fileId":"b","status":"2"}]})");
    REQUIRE(arr.taskInfos.size() == 2);
    CHECK(arr.taskInfos[1].fileId == "b");
    const auto one = decode_ok<ose::query_share_task_response>(
        R"({"code":0,"taskInfos":{"fileId":"a","status":"1","newFileId":"n","srcContainerId":"c"}})");
    REQUIRE(one.taskInfos.size() == 1);
    CHECK(one.taskInfos[0].fileId == "a");
    CHECK(one.taskInfos[0].status == "1");
    CHECK(one.taskInfos[0].newFileId == "n");
    CHECK(one.taskInfos[0].srcContainerId == "c");
    CHECK(decode_ok<ose::query_share_task_response>(R"({"code":0,"taskInfos":[]})").taskInfos.empty());
    CHECK(decode_ok<ose::query_share_task_response>(R"({"code":0,"taskInfos":{}})").taskInfos.size() == 1);
    decode_fails<ose::query_share_task_response>(R"({"code":0,"taskInfos":{"fileId":[]}})", errc::type_mismatch,
                                                 "$.taskInfos.fileId");
    decode_fails<ose::query_share_task_response>(R"({"code":0,"taskInfos":{"fileId":"a","fileId":"b"}})",
                                                 errc::duplicate_field, "$.taskInfos.fileId");
    // Written back as an array.
    auto enc = ose::encode(one);
    REQUIRE(enc.has_value());
    CHECK(enc->find(R"("taskInfos":[{"fileId":"a")") != std::string::npos);
}

TEST_CASE("empty strings: kept in responses, rejected in requests") {
    const auto r = decode_ok<ose::create_batch_task_response>(R"({"code":"","msg":"","data":""})");
    CHECK(r.code.empty());
    CHECK(r.msg.empty());
    CHECK(r.data.empty());
    CHECK(ose::validate(r).has_value());
    const auto q = decode_ok<ose::query_share_task_response>(
        R"({"code":"0","jobInfo":{"userId":"","createTime":""},"taskInfos":[{"fileId":"","status":""}]})");
    CHECK(q.taskInfos[0].fileId.empty());
    CHECK(ose::encode(q).has_value());
    decode_fails<ose::query_share_task_request>(R"({"taskId":"","shareId":"s"})", errc::missing_field, "$.taskId");
    decode_fails<ose::query_share_task_request>(R"({"taskId":"t","shareId":"s","kdstoken":""})", errc::constraint,
                                                "$.kdstoken");
    decode_fails<ose::create_task_request>(R"({"taskType":0,"srcUserId":"","dstUserId":"b"})", errc::constraint,
                                           "$.srcUserId");
    decode_fails<ose::create_batch_task_request>(
        R"({"taskType":2,"taskInfo":{"fileInfo":[{"fileId":""}],"srcContainerId":"s"},"dstContainerId":"d"})",
        errc::constraint, "$.taskInfo.fileInfo[0].fileId");
}

TEST_CASE("invalid UTF-8 in a string field is rejected by encode") {
    ose::query_share_task_request q{"T\xC0\x80", "S", std::nullopt};
    auto e = expect_violation(q, errc::invalid_utf8, "$.taskId");
    (void)e;
    auto s = share(2);
    s.fileIds = {"ok", "bad\xED\xA0\x80"};
    expect_violation(s, errc::invalid_utf8, "$.fileIds[1]");
    s = share(2);
    s.targetFileId->containerId = "\xFF";
    expect_violation(s, errc::invalid_utf8, "$.targetFileId.containerId");
    auto b = batch(2);
    b.taskInfo.fileInfo[0].filePath = "/a/\xF4\x90\x80\x80";
    expect_violation(b, errc::invalid_utf8, "$.taskInfo.fileInfo[0].filePath");
    auto t = transfer(0);
    t.dstUserId = "\xE2\x82";
    expect_violation(t, errc::invalid_utf8, "$.dstUserId");

    // Responses too (a server encodes them), as malformed content.
    ose::create_batch_task_response r{"0", "caf\xC3", "1"};
    auto v = ose::validate(r);
    REQUIRE(!v);
    CHECK(v.error().code == errc::invalid_utf8);
    CHECK(v.error().path == "$.msg");
    std::string out;
    auto to = ose::encode_to(r, out);
    REQUIRE(!to);
    CHECK(out.empty());
    ose::list_batch_tasks_response l;
    l.code = "0";
    l.data.resize(3);
    l.data[2].tenantId = "\x80";
    auto le = ose::encode(l);
    REQUIRE(!le);
    CHECK(le.error().code == errc::invalid_utf8);
    CHECK(le.error().path == "$.data[2].tenantId");
    // Valid UTF-8 of every length is fine.
    ose::create_batch_task_response fine{"0", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\x7F", "1"};
    CHECK(ose::encode(fine).has_value());
}

TEST_CASE("encode names the first violation in field order, whatever its kind, as validate does") {
    // encode_to checks each value as it writes it (a decoder, which checks UTF-8 while it reads,
    // would name the invalid UTF-8 first: not compared here).
    auto same_first = [](const ose::create_batch_task_request& m, errc code, std::string_view path) {
        const auto v = ose::validate(m);
        REQUIRE(!v);
        CHECK(v.error().code == code);
        CHECK(v.error().path == path);
        std::string out = "unchanged";
        const auto e = ose::encode_to(m, out);
        REQUIRE(!e);
        CHECK(out == "unchanged");
        CHECK(e.error().code == code);
        CHECK(e.error().path == path);
        CHECK(e.error().message == v.error().message);
    };
    auto b = batch(2);
    b.taskInfo.fileInfo[0].filePath = "\xFF";  // invalid UTF-8 before a missing field
    b.dstContainerId.clear();
    same_first(b, errc::invalid_utf8, "$.taskInfo.fileInfo[0].filePath");
    b = batch(2);
    b.taskInfo.srcContainerId.clear();  // a missing field before invalid UTF-8
    b.dstContainerId = "\xFF";
    same_first(b, errc::missing_field, "$.taskInfo.srcContainerId");
    b = batch(2);
    b.password = "p";  // a broken rule (checked after every field) and invalid UTF-8 in the last field
    b.dstContainerId = "\xFF";
    same_first(b, errc::invalid_utf8, "$.dstContainerId");
    b.dstContainerId = "C";
    same_first(b, errc::rule, "$.password");
}

TEST_CASE("encode writes absent optionals and empty optional arrays as nothing") {
    auto m = batch(7);
    m.taskInfo.fileInfo.clear();
    auto enc = ose::encode(m);
    REQUIRE(enc.has_value());
    CHECK(*enc == R"({"taskType":7,"taskInfo":{"srcContainerId":"src"},"dstContainerId":"dst"})");
    auto s = ose::encode(share(1));
    REQUIRE(s.has_value());
    CHECK(*s == R"({"taskType":1,"containerId":"C","fileIds":["F1"],"zipName":"files.zip","shareId":"S"})");
    ose::create_batch_task_response r;
    auto re = ose::encode(r);
    REQUIRE(re.has_value());
    CHECK(*re == R"({"code":"","msg":"","data":""})");
}

}  // namespace messages_tests
