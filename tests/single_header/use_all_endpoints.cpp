// The single header on its own: this translation unit includes only
// single_include/koodrive_ose.hpp and uses every endpoint (build_request and read_response for
// each of the five, encode and decode of every request and response, the client over a fake
// transport). tests/consumers/run.sh compiles it with g++ and clang++, C++20 and C++23, with and
// without -fno-exceptions -fno-rtti, warnings as errors, and runs it. Exit status 0: all passed.
#include "koodrive_ose.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

static_assert(KOODRIVE_OSE_VERSION ==
              KOODRIVE_OSE_VERSION_MAJOR * 10000 + KOODRIVE_OSE_VERSION_MINOR * 100 + KOODRIVE_OSE_VERSION_PATCH);

namespace ose = koodrive::ose;

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

template <class T>
void check_result(const ose::result<T>& r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "FAILED: %s: %s\n", what, r.error().to_string().c_str());
        ++failures;
    }
}

ose::environment fixed_env() {
    ose::environment env;
    env.clock = [] { return std::chrono::system_clock::time_point{std::chrono::seconds{1762153300}}; };
    env.random = [state = std::uint64_t{1}]() mutable {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state;
    };
    return env;
}

ose::settings test_settings() {
    ose::settings s;
    s.auth = ose::access_token{"tok"};
    s.user_id = "u1";
    s.agent_name = "agent";
    s.host = "api.example.com";
    return s;
}

ose::create_batch_task_request batch_request() {
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::copy;
    m.actionType = ose::batch_action_type::copy_dump;
    m.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    m.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    m.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    m.taskInfo.fileInfo.push_back({std::string("FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3"), std::nullopt});
    return m;
}

ose::list_batch_tasks_request list_request() { return {.offset = 0, .limit = 10, .type = {}, .status = {}}; }

ose::create_share_task_request share_request() {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::package_download;
    m.containerId = "c";
    m.fileIds = {"f"};
    m.zipName = "a.zip";
    m.shareId = "S1";
    return m;
}

ose::create_task_request task_request() {
    ose::create_task_request m;
    m.taskType = ose::transfer_task_type::batch_import;
    m.orgId = "o";
    m.orgUserId = "ou";
    return m;
}

ose::query_share_task_request query_request() { return {"T1", "S1", std::nullopt}; }

// The example responses of the five reference pages.
constexpr std::string_view batch_reply = R"({"data":"1309243162258308352","code":0,"msg":"success"})";
constexpr std::string_view list_reply =
    R"({"data":[{"taskId":"1320279189273965056","taskType":2,"actionType":201,"status":2,"taskResultCode":1,)"
    R"("contentNum":1,"containerId":"IAADfsBFCO6WtAtuA9add2fea594e4e75b8feb8474ef236",)"
    R"("beginTime":"20231227151904","endTime":"20231227151904","createTime":"20231227151904"}],"code":0,"msg":"OK"})";
constexpr std::string_view share_reply = R"({"code":0,"msg":"Success","taskId":"1689765568237837824"})";
constexpr std::string_view task_reply = R"({"taskId":"1534087020903704704","code":0,"msg":"Success."})";
constexpr std::string_view query_reply =
    R"({"jobInfo":{"userId":"1684711050387378049","taskId":"1689768877770401664","taskType":1,"taskStatus":2,)"
    R"("taskResultCode":1,"createTime":"20250520022907","startTime":"20250520022907","endTime":"20250520022907",)"
    R"("progress":100},"taskInfos":[{"fileId":"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI","status":"1",)"
    R"("newFileId":"FpUqGxkEf54_NeuRnzRdGmrIrzQCPnKCP","srcContainerId":"IAABh_RdhS8bOg0cA1684711052660690818"}],)"
    R"("code":0,"msg":"Success."})";

// A fake server: answers each target with the example of its page.
ose::http_response serve(const ose::http_request& request) {
    ose::http_response r;
    r.status = 200;
    r.headers.push_back({"Content-Type", "application/json"});
    const std::string_view target = request.target;
    if (target.starts_with("/koodrive/ose/v1/jobs?"))
        r.body = list_reply;
    else if (target == "/koodrive/ose/v1/jobs")
        r.body = batch_reply;
    else if (target == "/koodrive/ose/v1/share/tasks")
        r.body = share_reply;
    else if (target == "/koodrive/ose/v1/task/create")
        r.body = task_reply;
    else if (target.starts_with("/koodrive/ose/v1/share/taskDetail"))
        r.body = query_reply;
    else
        r.status = 404;
    return r;
}

// Encode, decode, encode again: the same bytes.
template <class T>
void round_trip(const T& message, const char* what) {
    auto json = ose::encode(message);
    check_result(json, what);
    if (!json) return;
    auto back = ose::decode<T>(*json);
    check_result(back, what);
    if (!back) return;
    auto again = ose::encode(*back);
    check(again && *again == *json, what);
}

// Build the HTTP request, answer it, read the response; then the same through the codec.
template <class Request>
void exchange(const Request& message, ose::environment& env, const char* what) {
    auto request = ose::build_request(message, test_settings(), env);
    check_result(request, what);
    if (!request) return;
    const ose::http_response reply = serve(*request);
    check(reply.status == 200, what);
    auto response = ose::read_response<Request>(reply);
    check_result(response, what);
    if (!response) return;
    round_trip(message, what);
    round_trip(*response, what);
}

}  // namespace

int main() {
    ose::environment env = fixed_env();
    exchange(batch_request(), env, "create batch task");
    exchange(list_request(), env, "list batch tasks");
    exchange(share_request(), env, "create share task");
    exchange(task_request(), env, "create task");
    exchange(query_request(), env, "query share task");

    ose::client c(serve, test_settings(), fixed_env());
    auto r1 = c.create_batch_task(batch_request());
    check_result(r1, "client: create batch task");
    check(r1 && r1->data == "1309243162258308352", "client: create batch task: data");
    auto r2 = c.list_batch_tasks(list_request());
    check_result(r2, "client: list batch tasks");
    check(r2 && r2->data.size() == 1 && r2->data[0].taskType == ose::batch_task_type::remove,
          "client: list batch tasks: data");
    auto r3 = c.create_share_task(share_request());
    check_result(r3, "client: create share task");
    check(r3 && r3->taskId == "1689765568237837824", "client: create share task: taskId");
    auto r4 = c.create_task(task_request());
    check_result(r4, "client: create task");
    check(r4 && r4->taskId == "1534087020903704704", "client: create task: taskId");
    auto r5 = c.query_share_task(query_request());
    check_result(r5, "client: query share task");
    check(r5 && r5->jobInfo.taskStatus == ose::job_status::completed, "client: query share task: status");

    // An invalid request fails before anything is sent, with a path to the culprit.
    auto invalid = c.list_batch_tasks({.offset = 0, .limit = 0, .type = {}, .status = {}});
    check(!invalid && invalid.error().kind == ose::error_kind::invalid_request && invalid.error().path == "$.limit",
          "client: invalid request rejected");

    if (failures != 0) {
        std::fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    std::printf("single header %d.%d.%d: all five endpoints OK\n", KOODRIVE_OSE_VERSION_MAJOR,
                KOODRIVE_OSE_VERSION_MINOR, KOODRIVE_OSE_VERSION_PATCH);
    return 0;
}
