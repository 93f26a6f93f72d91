// Tests for koodrive/ose/response_reader.hpp: from status and body to a response or an error.
#include <doctest/doctest.h>

#include <koodrive/ose.hpp>

#include <string>
#include <string_view>

namespace ose = koodrive::ose;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace response_reader_tests {

namespace {

// The example responses of the five reference pages. The one of page 1 lacks a comma after
// "data"; `page1_fixed` is the same with the comma.
constexpr std::string_view page1_example = R"({
    "data": "1309243162258308352"
    "code": 0,
    "msg": "success"
})";

constexpr std::string_view page1_fixed = R"({
    "data": "1309243162258308352",
    "code": 0,
    "msg": "success"
})";

constexpr std::string_view page2_example = R"({
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

constexpr std::string_view page3_example = R"({
  "code" : 0,
  "msg" : "Success",
  "taskId" : "1689765568237837824"
})";

constexpr std::string_view page4_example = R"({
  "taskId" : "1534087020903704704",
  "code" : 0,
  "msg" : "Success."
})";

constexpr std::string_view page5_example = R"({
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

using batch = ose::create_batch_task_request;
using list = ose::list_batch_tasks_request;
using share = ose::create_share_task_request;
using task = ose::create_task_request;
using query = ose::query_share_task_request;

bool one_line(const std::string& s) { return s.find('\n') == std::string::npos && s.find('\r') == std::string::npos; }

// Every byte of a snippet is printable ASCII or part of well-formed UTF-8 without C0/C1 controls.
bool is_safe_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x20 || b == 0x7F) return false;
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        if (b == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return false;
        i += len;
    }
    return true;
}

template <class Request>
ose::error read_error(int status, std::string_view body) {
    auto r = ose::read_response<Request>(status, body);
    REQUIRE(!r.has_value());
    CHECK(one_line(r.error().to_string()));
    return r.error();
}

}  // namespace

TEST_CASE("read_response: the examples of every page decode") {
    SUBCASE("1 create batch task (with the missing comma added)") {
        auto r = ose::read_response<batch>(200, page1_fixed);
        REQUIRE(r.has_value());
        CHECK(r->code == "0");
        CHECK(r->msg == "success");
        CHECK(r->data == "1309243162258308352");
    }
    SUBCASE("1 create batch task, verbatim: not JSON, malformed at the missing comma") {
        const auto e = read_error<batch>(200, page1_example);
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.code == ose::errc::syntax);
        CHECK(e.offset == page1_example.find("\"code\""));
        CHECK(e.message.find(',') != std::string::npos);
        CHECK(e.message.find('}') != std::string::npos);
        CHECK(!e.retryable());
    }
    SUBCASE("2 list batch tasks") {
        auto r = ose::read_response<list>(200, page2_example);
        REQUIRE(r.has_value());
        CHECK(r->code == "0");
        CHECK(r->msg == "OK");
        REQUIRE(r->data.size() == 2);
        CHECK(r->data[0].taskId == "1320279189273965056");
        CHECK(r->data[0].taskType == ose::batch_task_type::remove);
        CHECK(r->data[0].actionType == ose::batch_action_type::logical_delete);
        CHECK(r->data[0].status == ose::job_status::completed);
        CHECK(r->data[0].taskResultCode == ose::task_result::all_succeeded);
        CHECK(r->data[0].contentNum == 1);
        CHECK(r->data[0].beginTime == "20231227151904");
        CHECK(r->data[1].taskId == "1320279092268104960");
        CHECK(r->data[1].contentNum == 4);
        CHECK(r->data[1].createTime == "20231227151852");
    }
    SUBCASE("3 create share task") {
        auto r = ose::read_response<share>(200, page3_example);
        REQUIRE(r.has_value());
        CHECK(r->code == "0");
        CHECK(r->msg == "Success");
        CHECK(r->taskId == "1689765568237837824");
    }
    SUBCASE("4 create task") {
        auto r = ose::read_response<task>(200, page4_example);
        REQUIRE(r.has_value());
        CHECK(r->code == "0");
        CHECK(r->taskId == "1534087020903704704");
    }
    SUBCASE("5 query share task") {
        auto r = ose::read_response<query>(200, page5_example);
        REQUIRE(r.has_value());
        CHECK(r->code == "0");
        CHECK(r->msg == "Success.");
        CHECK(r->jobInfo.userId == "1684711050387378049");
        CHECK(r->jobInfo.taskStatus == ose::job_status::completed);
        CHECK(r->jobInfo.taskType == ose::share_task_type::package_download);
        CHECK(r->jobInfo.progress == 100);
        REQUIRE(r->taskInfos.size() == 1);
        CHECK(r->taskInfos[0].newFileId == "FpUqGxkEf54_NeuRnzRdGmrIrzQCPnKCP");
    }
    SUBCASE("through an http_response") {
        ose::http_response resp;
        resp.status = 200;
        resp.body = std::string(page3_example);
        auto r = ose::read_response<share>(resp);
        REQUIRE(r.has_value());
        CHECK(r->taskId == "1689765568237837824");
    }
    SUBCASE("code as a string \"0\", task ID as an integer") {
        auto r = ose::read_response<batch>(200, R"({"code":"0","msg":"ok","data":1309243162258308352123})");
        REQUIRE(r.has_value());
        CHECK(r->data == "1309243162258308352123");
    }
}

TEST_CASE("read_response: values the tables do not know are kept") {
    auto r = ose::read_response<list>(
        200,
        R"({"code":"0","data":[{"taskId":1,"taskType":9,"actionType":901,"status":4,"taskResultCode":0,"new":{"x":[1E+400]}}]})");
    REQUIRE(r.has_value());
    REQUIRE(r->data.size() == 1);
    CHECK(r->data[0].taskId == "1");
    CHECK(static_cast<int>(r->data[0].taskType) == 9);
    CHECK(static_cast<int>(r->data[0].actionType) == 901);
    CHECK(static_cast<int>(r->data[0].status) == 4);
    CHECK(static_cast<int>(r->data[0].taskResultCode) == 0);
}

TEST_CASE("read_response: 200 with a non-zero code is an API error") {
    SUBCASE("a gateway code") {
        const auto e =
            read_error<batch>(200, R"({"code":"APIGW.0301","msg":"Incorrect IAM authentication information"})");
        CHECK(e.kind == ose::error_kind::api_error);
        CHECK(e.code == ose::errc::api);
        CHECK(e.http_status == 200);
        CHECK(e.api_code == "APIGW.0301");
        CHECK(e.api_msg == "Incorrect IAM authentication information");
        CHECK(!e.retryable());
        CHECK(e.to_string().find("APIGW.0301") != std::string::npos);
    }
    SUBCASE("an integer code") {
        const auto e = read_error<list>(200, R"({"code":13000102,"msg":"invalid param"})");
        CHECK(e.kind == ose::error_kind::api_error);
        CHECK(e.api_code == "13000102");
        CHECK(e.api_msg == "invalid param");
        CHECK(!e.retryable());
    }
    SUBCASE("for every endpoint, even without the task ID") {
        constexpr std::string_view body = R"({"code":"13000102","msg":"x"})";
        CHECK(read_error<batch>(200, body).kind == ose::error_kind::api_error);
        CHECK(read_error<list>(200, body).kind == ose::error_kind::api_error);
        CHECK(read_error<share>(200, body).kind == ose::error_kind::api_error);
        CHECK(read_error<task>(200, body).kind == ose::error_kind::api_error);
        CHECK(read_error<query>(200, body).kind == ose::error_kind::api_error);
    }
    SUBCASE("a msg with control characters stays on one line") {
        const auto e = read_error<query>(200, R"({"code":"1","msg":"bad\nline\r\u001b[31m"})");
        CHECK(e.kind == ose::error_kind::api_error);
        CHECK(e.api_msg == "bad\nline\r\x1b[31m");  // stored exactly as received
        CHECK(one_line(e.to_string()));
        CHECK(e.to_string().find("msg \"bad?line??[31m\"") != std::string::npos);
    }
    SUBCASE("a long code and msg are stored whole and cut only when printed") {
        const std::string code(100, 'C');
        const std::string msg(1000, 'm');
        const auto e = read_error<query>(200, R"({"code":")" + code + R"(","msg":")" + msg + R"("})");
        CHECK(e.api_code == code);
        CHECK(e.api_msg == msg);
        const std::string line = e.to_string();
        CHECK(line.find(std::string(64, 'C') + "...") != std::string::npos);
        CHECK(line.find(std::string(65, 'C')) == std::string::npos);
        CHECK(line.find(std::string(256, 'm') + "...") != std::string::npos);
        CHECK(line.find(std::string(257, 'm')) == std::string::npos);
    }
    SUBCASE("other fields of the error body never reach the error") {
        const auto e =
            read_error<query>(401, R"({"code":"31084404","msg":"token expired","accessToken":"s3cr3t-kdstoken"})");
        CHECK(e.api_code == "31084404");
        CHECK(e.api_msg == "token expired");
        CHECK(e.to_string().find("s3cr3t") == std::string::npos);
        CHECK(e.body_snippet.empty());
    }
}

TEST_CASE("read_response: 200 without code is malformed") {
    const auto e = read_error<list>(200, R"({"msg":"OK","data":[]})");
    CHECK(e.kind == ose::error_kind::malformed_response);
    CHECK(e.code == ose::errc::missing_field);
    CHECK(e.path == "$.code");
    CHECK(!e.retryable());
    const auto n = read_error<query>(200, R"({"code":null,"msg":"OK"})");
    CHECK(n.kind == ose::error_kind::malformed_response);
    CHECK(n.path == "$.code");
}

TEST_CASE("read_response: a successful create without its task ID is malformed") {
    SUBCASE("1: $.data") {
        for (std::string_view body : {std::string_view(R"({"code":0,"msg":"success"})"),
                                      std::string_view(R"({"code":0,"msg":"success","data":null})")}) {
            const auto e = read_error<batch>(200, body);
            CHECK(e.kind == ose::error_kind::malformed_response);
            CHECK(e.code == ose::errc::missing_field);
            CHECK(e.path == "$.data");
        }
    }
    SUBCASE("3: $.taskId") {
        const auto e = read_error<share>(200, R"({"code":"0","msg":"Success"})");
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.path == "$.taskId");
    }
    SUBCASE("4: $.taskId") {
        const auto e = read_error<task>(200, R"({"code":0})");
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.path == "$.taskId");
    }
    SUBCASE("list and query need none") {
        auto l = ose::read_response<list>(200, R"({"code":0})");
        REQUIRE(l.has_value());
        CHECK(l->data.empty());
        auto q = ose::read_response<query>(200, R"({"code":0})");
        REQUIRE(q.has_value());
        CHECK(q->taskInfos.empty());
    }
}

TEST_CASE("read_response: 200 with a body that is not JSON is malformed, with an offset") {
    SUBCASE("HTML") {
        const auto e = read_error<list>(200, "<html><body>502 Bad Gateway</body></html>");
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.code == ose::errc::syntax);
        CHECK(e.offset == 0);
    }
    SUBCASE("empty") {
        const auto e = read_error<batch>(200, "");
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.offset == 0);
    }
    SUBCASE("truncated") {
        const std::string_view body = page3_example.substr(0, 40);
        const auto e = read_error<share>(200, body);
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.offset != ose::error::no_offset);
        CHECK(e.offset <= body.size());
        CHECK(e.to_string().find("byte") != std::string::npos);
    }
    SUBCASE("truncated in every place") {
        for (std::size_t n = 0; n < page5_example.size(); ++n) {
            CAPTURE(n);
            auto r = ose::read_response<query>(200, page5_example.substr(0, n));
            REQUIRE(!r.has_value());
            CHECK(r.error().kind == ose::error_kind::malformed_response);
            CHECK(r.error().offset != ose::error::no_offset);
            CHECK(r.error().offset <= n);
        }
    }
    SUBCASE("trailing text") {
        std::string body(page4_example);
        body += " x";
        const auto e = read_error<task>(200, body);
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.offset == body.size() - 1);
    }
}

TEST_CASE("read_response: 400, 401 and 500 with {code,msg} are API errors") {
    for (int status : {400, 401, 500}) {
        CAPTURE(status);
        const auto e = read_error<batch>(status, R"({"code":"31084404","msg":"token expired"})");
        CHECK(e.kind == ose::error_kind::api_error);
        CHECK(e.code == ose::errc::api);
        CHECK(e.http_status == status);
        CHECK(e.api_code == "31084404");
        CHECK(e.api_msg == "token expired");
        CHECK(e.retryable() == (status == 500));
        CHECK(e.to_string().find(std::to_string(status)) != std::string::npos);
    }
    SUBCASE("an integer code, no msg") {
        const auto e = read_error<query>(401, R"({"code":401})");
        CHECK(e.kind == ose::error_kind::api_error);
        CHECK(e.api_code == "401");
        CHECK(e.api_msg.empty());
    }
    SUBCASE("code 0 on an error status is still an error") {
        const auto e = read_error<share>(500, R"({"code":0,"msg":"?"})");
        CHECK(e.kind == ose::error_kind::api_error);
        CHECK(e.http_status == 500);
        CHECK(e.retryable());
    }
}

TEST_CASE("read_response: 400/401/500 without a JSON {code} body are HTTP errors") {
    SUBCASE("HTML, snippet made safe") {
        std::string body = "<html>\r\n<body>\x1b[31mBad\tRequest\xff\xfe \xc3\xa9 \xe2\x82 end</body></html>";
        const auto e = read_error<batch>(400, body);
        CHECK(e.kind == ose::error_kind::http_error);
        CHECK(e.code == ose::errc::http_status);
        CHECK(e.http_status == 400);
        CHECK(!e.retryable());
        CHECK(!e.body_snippet.empty());
        CHECK(e.body_snippet.size() <= 256);
        CHECK(is_safe_text(e.body_snippet));
        CHECK(e.body_snippet.find("Bad") != std::string::npos);
        CHECK(e.body_snippet.find("\xc3\xa9") != std::string::npos);  // valid UTF-8 is kept
        CHECK(one_line(e.to_string()));
    }
    SUBCASE("each bad byte becomes '?'") {
        const auto e = read_error<task>(400,
                                        "a\x01"
                                        "b\xff"
                                        "c\r\n"
                                        "d\xc2\x9b"
                                        "e\x7f");
        CHECK(e.body_snippet == "a?b?c??d?e?");
    }
    SUBCASE("JSON without code") {
        const auto e = read_error<list>(401, R"({"msg":"unauthorized"})");
        CHECK(e.kind == ose::error_kind::http_error);
        CHECK(e.http_status == 401);
        CHECK(!e.retryable());
    }
    SUBCASE("empty body") {
        const auto e = read_error<list>(500, "");
        CHECK(e.kind == ose::error_kind::http_error);
        CHECK(e.http_status == 500);
        CHECK(e.body_snippet.empty());
        CHECK(e.retryable());
    }
}

TEST_CASE("read_response: other statuses are HTTP errors, retryable as documented") {
    for (int status : {404, 502, 503, 504, 408, 429, 403, 201, 204, 301, 302, 418, 501, 505}) {
        CAPTURE(status);
        // Even a JSON {code,msg} body: only 400, 401 and 500 carry one.
        for (std::string_view body :
             {std::string_view(R"({"code":"1","msg":"x"})"), std::string_view("Not here"), std::string_view("")}) {
            const auto e = read_error<query>(status, body);
            CHECK(e.kind == ose::error_kind::http_error);
            CHECK(e.code == ose::errc::http_status);
            CHECK(e.http_status == status);
            CHECK(e.retryable() == (status == 408 || status == 429 || status == 502 || status == 503 || status == 504));
            CHECK(e.body_snippet == body);
        }
    }
}

TEST_CASE("read_response: a huge body is cut to a 256-byte snippet") {
    const std::string body(5 * 1024 * 1024, 'x');
    for (int status : {400, 503}) {
        const auto e = read_error<batch>(status, body);
        CHECK(e.kind == ose::error_kind::http_error);
        CHECK(e.body_snippet.size() == 256);
        CHECK(e.to_string().size() < 512);
    }
    SUBCASE("multi-byte characters are not split") {
        std::string wide;
        while (wide.size() < 5 * 1024 * 1024) wide += "\xe2\x82\xac";  // U+20AC, 3 bytes
        const auto e = read_error<list>(404, wide);
        CHECK(e.body_snippet.size() <= 256);
        CHECK(e.body_snippet.size() >= 253);
        CHECK(e.body_snippet.size() % 3 == 0);
        CHECK(is_safe_text(e.body_snippet));
    }
    SUBCASE("a huge 200 body that is not JSON") {
        const auto e = read_error<list>(200, body);
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK(e.to_string().size() < 512);
    }
}

TEST_CASE("read_response: errors print on one line") {
    static constexpr char raw[] = "line1\nline2\r\nline3\x00\x85\xc2\x85\x1b]0;title\x07";
    const std::string nasty(raw, sizeof raw - 1);
    for (int status : {200, 400, 401, 404, 500, 503}) {
        CAPTURE(status);
        auto e = read_error<batch>(status, nasty);
        CHECK(one_line(e.to_string()));
        auto j = read_error<batch>(status, R"({"code":"E\n1","msg":"a\nb\u2028c\u0085"})");
        CHECK(one_line(j.to_string()));
        CHECK(j.to_string().find("\xc2\x85") == std::string::npos);  // no C1 control printed
        if (j.kind == ose::error_kind::api_error) {                  // 200, 400, 401 and 500 carry {code,msg}
            CHECK(j.api_code == "E\n1");                             // kept exactly; sanitized only in to_string()
            CHECK(j.api_msg ==
                  "a\nb\xe2\x80\xa8"
                  "c\xc2\x85");
            CHECK(j.to_string().find("code E?1") != std::string::npos);
        }
    }
}

}  // namespace response_reader_tests
