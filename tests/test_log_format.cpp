// Tests for koodrive/ose/log_format.hpp: one safe line per message, HTTP value or error.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>
#include <koodrive/ose/log_format.hpp>

#include "support/test_support.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ose = koodrive::ose;
using test_support::contains;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace log_format_tests {

namespace {

// One line: no C0 control at all (so no CR, LF, ESC), no DEL, no C1 control, no U+2028/2029.
bool is_one_safe_line(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x20 || b == 0x7F) return false;
        if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return false;
    }
    return true;
}

ose::create_batch_task_request batch_request() {
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::decompress;
    m.actionType = ose::batch_action_type::decompress_partial;
    m.dstContainerId = "dst";
    m.taskInfo.srcContainerId = "src";
    m.taskInfo.fileInfo.push_back({std::string("F1"), std::string("/a/b.zip")});
    m.taskInfo.uncompressFilePaths = {"x/1.txt", "x/2.txt"};
    m.password = "PaSsW0rd-S3CRET";
    return m;
}

}  // namespace

TEST_CASE("to_log_string: create batch task request") {
    const auto m = batch_request();
    const std::string s = ose::to_log_string(m);
    CHECK(is_one_safe_line(s));
    CHECK(s ==
          "create_batch_task_request{taskType=decompress, actionType=decompress_partial, "
          "taskInfo=batch_task_info{fileInfo=[file_info{fileId=\"F1\", filePath=\"/a/b.zip\"}], "
          "srcContainerId=\"src\", uncompressFilePaths=[\"x/1.txt\", \"x/2.txt\"]}, dstContainerId=\"dst\", "
          "password=***}");
    CHECK(!contains(s, "PaSsW0rd"));
    CHECK(!contains(s, "S3CRET"));
    SUBCASE("no password, nothing printed for it") {
        auto n = m;
        n.password.reset();
        CHECK(!contains(ose::to_log_string(n), "password"));
    }
}

TEST_CASE("to_log_string: every message type") {
    SUBCASE("create batch task response") {
        const ose::create_batch_task_response r{"0", "success", "1309243162258308352"};
        CHECK(ose::to_log_string(r) ==
              R"(create_batch_task_response{code="0", msg="success", data="1309243162258308352"})");
    }
    SUBCASE("list batch tasks request") {
        const ose::list_batch_tasks_request m{
            .offset = 0, .limit = 2, .type = ose::batch_task_type::copy, .status = ose::job_status::processing};
        CHECK(ose::to_log_string(m) == "list_batch_tasks_request{offset=0, limit=2, type=copy, status=processing}");
        const ose::list_batch_tasks_request n{.offset = 5, .limit = 100, .type = {}, .status = {}};
        CHECK(ose::to_log_string(n) == "list_batch_tasks_request{offset=5, limit=100}");
    }
    SUBCASE("list batch tasks response") {
        ose::list_batch_tasks_response r;
        r.code = "0";
        r.msg = "OK";
        ose::batch_job_info j;
        j.taskId = "1320279189273965056";
        j.taskType = ose::batch_task_type::remove;
        j.actionType = ose::batch_action_type::logical_delete;
        j.status = ose::job_status::completed;
        j.taskResultCode = ose::task_result::partially_failed;
        j.contentNum = 4;
        j.beginTime = "20231227151904";
        r.data.push_back(j);
        const std::string s = ose::to_log_string(r);
        CHECK(is_one_safe_line(s));
        CHECK(contains(
            s,
            "list_batch_tasks_response{code=\"0\", msg=\"OK\", data=[batch_job_info{taskId=\"1320279189273965056\", "
            "taskType=remove, actionType=logical_delete, status=completed, taskResultCode=partially_failed, "
            "resultCode=0, contentNum=4,"));
        CHECK(contains(s, "beginTime=\"20231227151904\""));
    }
    SUBCASE("create share task request") {
        ose::create_share_task_request m;
        m.taskType = ose::share_task_type::dump;
        m.containerId = "C";
        m.fileIds = {"F1"};
        m.targetFileId = ose::file_id_info{"root", "C"};
        m.shareId = "S";
        m.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";
        const std::string s = ose::to_log_string(m);
        CHECK(s ==
              "create_share_task_request{taskType=dump, containerId=\"C\", fileIds=[\"F1\"], "
              "targetFileId=file_id_info{fileId=\"root\", containerId=\"C\"}, shareId=\"S\", kdstoken=***}");
        CHECK(!contains(s, "aea2968ec8"));
    }
    SUBCASE("create share task response") {
        const ose::create_share_task_response r{"0", "Success", "1689765568237837824"};
        CHECK(ose::to_log_string(r) ==
              R"(create_share_task_response{code="0", msg="Success", taskId="1689765568237837824"})");
    }
    SUBCASE("create task request") {
        ose::create_task_request m;
        m.taskType = ose::transfer_task_type::batch_import;
        m.orgId = "O";
        m.orgUserId = "OU";
        CHECK(ose::to_log_string(m) == R"(create_task_request{taskType=batch_import, orgId="O", orgUserId="OU"})");
    }
    SUBCASE("create task response") {
        const ose::create_task_response r{"1534087020903704704", "0", "Success."};
        CHECK(ose::to_log_string(r) ==
              R"(create_task_response{taskId="1534087020903704704", code="0", msg="Success."})");
    }
    SUBCASE("query share task request") {
        const ose::query_share_task_request m{"T", "S", std::string("KDS-S3CRET")};
        const std::string s = ose::to_log_string(m);
        CHECK(s == R"(query_share_task_request{taskId="T", shareId="S", kdstoken=***})");
        CHECK(!contains(s, "S3CRET"));
    }
    SUBCASE("query share task response") {
        ose::query_share_task_response r;
        r.code = "0";
        r.jobInfo.taskId = "T";
        r.jobInfo.taskType = ose::share_task_type::package_download;
        r.jobInfo.taskStatus = ose::job_status::processing;
        r.jobInfo.progress = 70;
        r.taskInfos.push_back({"F", "1", "NF", "C"});
        const std::string s = ose::to_log_string(r);
        CHECK(is_one_safe_line(s));
        CHECK(contains(s, "jobInfo=share_job_info{"));
        CHECK(contains(s, "taskType=package_download, taskStatus=processing"));
        CHECK(contains(s, "progress=70"));
        CHECK(
            contains(s, R"(taskInfos=[share_task_info{fileId="F", status="1", newFileId="NF", srcContainerId="C"}])"));
    }
}

TEST_CASE("to_log_string: unknown enum values print as their number") {
    ose::batch_job_info j;
    j.taskType = static_cast<ose::batch_task_type>(42);
    j.actionType = static_cast<ose::batch_action_type>(999);
    j.status = static_cast<ose::job_status>(9);
    j.taskResultCode = static_cast<ose::task_result>(-3);
    const std::string s = ose::to_log_string(j);
    CHECK(contains(s, "taskType=42, actionType=999, status=9, taskResultCode=-3,"));
    ose::list_batch_tasks_request m{
        .offset = 0, .limit = 1, .type = static_cast<ose::batch_task_type>(8), .status = {}};
    CHECK(ose::to_log_string(m) == "list_batch_tasks_request{offset=0, limit=1, type=8}");
}

TEST_CASE("to_log_string: strings are quoted and escaped") {
    ose::create_share_task_response r;
    r.code = "0";
    r.msg = "a\nb\r\x1b[31m\t\"q\"\\ \x7f";
    r.taskId = "T";
    const std::string s = ose::to_log_string(r);
    CHECK(is_one_safe_line(s));
    CHECK(contains(s, R"(msg="a\x0ab\x0d\x1b[31m\x09\"q\"\\ \x7f")"));

    SUBCASE("NUL, invalid UTF-8, C1 controls") {
        static constexpr char raw[] =
            "x\0y\xff\xc3(\xc2\x85\xc2\x9b"
            "z";
        r.msg = std::string(raw, sizeof raw - 1);
        const std::string t = ose::to_log_string(r);
        CHECK(is_one_safe_line(t));
        CHECK(contains(t, R"(\x00)"));
        CHECK(contains(t, R"(\xff)"));
        CHECK(contains(t, R"(\xc3()"));
        CHECK(contains(t, R"(\u0085\u009b)"));
        CHECK(contains(t, "z\""));
    }
    SUBCASE("valid UTF-8 is kept") {
        r.msg = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80";
        CHECK(contains(ose::to_log_string(r), "msg=\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""));
    }
}

TEST_CASE("to_log_string: long arrays are cut with the total") {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::package_download;
    m.zipName = "z.zip";
    for (int i = 0; i < 1000; ++i) m.fileIds.push_back("file" + std::to_string(i));
    const std::string s = ose::to_log_string(m);
    CHECK(is_one_safe_line(s));
    CHECK(contains(s, R"("file7")"));
    CHECK(!contains(s, R"("file8")"));
    CHECK(contains(s, "(1000 in all)"));
    CHECK(s.size() < 400);

    SUBCASE("eight entries are all shown") {
        m.fileIds.resize(8);
        const std::string t = ose::to_log_string(m);
        CHECK(contains(t, R"("file7"])"));
        CHECK(!contains(t, "in all"));
    }
    SUBCASE("nine are cut") {
        m.fileIds.resize(9);
        const std::string t = ose::to_log_string(m);
        CHECK(!contains(t, R"("file8")"));
        CHECK(contains(t, "(9 in all)"));
    }
    SUBCASE("arrays of objects too") {
        ose::list_batch_tasks_response r;
        r.code = "0";
        for (int i = 0; i < 20; ++i) {
            ose::batch_job_info j;
            j.taskId = "J" + std::to_string(i);
            r.data.push_back(j);
        }
        const std::string t = ose::to_log_string(r);
        CHECK(contains(t, "\"J7\""));
        CHECK(!contains(t, "\"J8\""));
        CHECK(contains(t, "(20 in all)"));
    }
}

TEST_CASE("to_log_string: http_request hides the token and the body") {
    const std::string token = "S3CRETTOKEN0123456789";
    ose::settings s;
    s.auth = ose::access_token{token};
    s.user_id = "u1";
    auto env = test_support::fixed_env();
    const auto m = batch_request();
    auto req = ose::build_request(m, s, env);
    REQUIRE(req.has_value());
    const std::string line = ose::to_log_string(*req);
    CHECK(is_one_safe_line(line));
    CHECK(!contains(line, token));
    CHECK(!contains(line, "S3CRET"));
    CHECK(contains(line, "POST /koodrive/ose/v1/jobs {"));
    CHECK(contains(line, "Authorization: ***"));
    CHECK(contains(line, "X-User-Id: u1"));
    CHECK(contains(line, "X-Date: 20251103T070140Z"));
    CHECK(contains(line, "body " + std::to_string(req->body.size()) + " bytes"));
    CHECK(!contains(line, "dst"));  // no body content
    CHECK(!contains(line, "PaSsW0rd"));

    SUBCASE("whatever the header name's case") {
        ose::http_request r;
        r.method = "GET";
        r.target = "/koodrive/ose/v1/jobs?offset=0&limit=2";
        r.headers = {{"authorization", "Bearer+" + token}, {"AUTHORIZATION", token}, {"x-user-id", "u\r\n1"}};
        const std::string t = ose::to_log_string(r);
        CHECK(is_one_safe_line(t));
        CHECK(!contains(t, token));
        CHECK(contains(t, "GET /koodrive/ose/v1/jobs?offset=0&limit=2 {"));
        CHECK(contains(t, "body 0 bytes"));
    }
    SUBCASE("http_response") {
        ose::http_response r;
        r.status = 503;
        r.headers = {{"Retry-After", "5"}};
        r.body = "line1\nline2";
        const std::string t = ose::to_log_string(r);
        CHECK(is_one_safe_line(t));
        CHECK(contains(t, "HTTP 503"));
        CHECK(contains(t, "Retry-After: 5"));
        CHECK(contains(t, "body 11 bytes"));
    }
}

TEST_CASE("to_log_string: error") {
    auto r = ose::read_response<ose::query_share_task_request>(400, "<html>\nBad\x1b[0m</html>");
    REQUIRE(!r.has_value());
    const std::string s = ose::to_log_string(r.error());
    CHECK(s == r.error().to_string());
    CHECK(is_one_safe_line(s));
    CHECK(contains(s, "HTTP error (HTTP 400)"));

    auto a = ose::read_response<ose::create_task_request>(200, R"({"code":"APIGW.0301","msg":"bad\nauth"})");
    REQUIRE(!a.has_value());
    const std::string t = ose::to_log_string(a.error());
    CHECK(is_one_safe_line(t));
    CHECK(contains(t, "APIGW.0301"));

    ose::create_batch_task_request m = batch_request();
    m.taskType = ose::batch_task_type::copy;
    m.actionType = ose::batch_action_type::copy_dump;
    m.taskInfo.uncompressFilePaths.clear();
    m.taskInfo.newFilePath = "n";
    auto v = ose::validate(m);  // password with taskType 1
    REQUIRE(!v.has_value());
    const std::string u = ose::to_log_string(v.error());
    CHECK(contains(u, "$.password"));
    CHECK(!contains(u, "PaSsW0rd"));
    CHECK(is_one_safe_line(u));
}

}  // namespace log_format_tests
