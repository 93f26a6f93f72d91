// koodrive-ose demo: one session with every endpoint, against a tiny in-process stand-in for
// the service, with no network. The stand-in uses the library in the other direction (it
// decodes requests and encodes responses), so the whole round trip is the library's own code.
#include <cstdio>
#include <string>

#include "koodrive/ose.hpp"

namespace ose = koodrive::ose;

namespace {

// Answers like the service would: decode and validate the request, reply with a typed response.
ose::http_response stand_in_service(const ose::http_request& request) {
    auto reply = [](const auto& message) {
        return ose::http_response{200, {{"Content-Type", "application/json"}}, ose::encode(message).value()};
    };
    auto refuse = [](const ose::error& e) {
        ose::api_error_body body{"13000102", "Verify parameters failed. " + e.to_string()};
        return ose::http_response{400, {}, ose::encode(body).value()};
    };
    const std::string_view target = request.target;
    if (request.method == "GET") {
        auto list = ose::decode_query<ose::list_batch_tasks_request>(target.substr(target.find('?') + 1));
        if (!list) return refuse(list.error());
        ose::batch_job_info job{"1320279189273965056", ose::batch_task_type::copy, ose::batch_action_type::copy_dump,
                                ose::job_status::completed, ose::task_result::all_succeeded, 0, 1,
                                "IAADfsBFCO6WtAtuA9add2fea594e4e75b8feb8474ef236", "", "20231227151904", "20231227151904",
                                "20231227151904"};
        return reply(ose::list_batch_tasks_response{"0", "OK", {job}});
    }
    if (target == "/koodrive/ose/v1/jobs") {
        auto m = ose::decode<ose::create_batch_task_request>(request.body);
        return m ? reply(ose::create_batch_task_response{"0", "success", "1320279189273965056"}) : refuse(m.error());
    }
    if (target == "/koodrive/ose/v1/share/tasks") {
        auto m = ose::decode<ose::create_share_task_request>(request.body);
        return m ? reply(ose::create_share_task_response{"0", "Success", "1689768877770401664"}) : refuse(m.error());
    }
    if (target == "/koodrive/ose/v1/share/taskDetail") {
        auto m = ose::decode<ose::query_share_task_request>(request.body);
        if (!m) return refuse(m.error());
        ose::query_share_task_response r{"0", "Success.", {}, {}};
        r.jobInfo.taskId = m->taskId;
        r.jobInfo.taskType = ose::share_task_type::dump;
        r.jobInfo.taskStatus = ose::job_status::completed;
        r.jobInfo.taskResultCode = ose::task_result::all_succeeded;
        r.jobInfo.progress = 100;
        r.taskInfos.push_back({"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI", "1", "FpUqGxkEf54_NeuRnzRdGmrIrzQCPnKCP",
                               "IAABh_RdhS8bOg0cA1684711052660690818"});
        return reply(r);
    }
    if (target == "/koodrive/ose/v1/task/create") {
        auto m = ose::decode<ose::create_task_request>(request.body);
        return m ? reply(ose::create_task_response{"1534087020903704704", "0", "Success."}) : refuse(m.error());
    }
    return {404, {}, "no such endpoint"};
}

template <class Message>
void send(const char* what, const Message& m, auto& client) {
    std::printf("  %s\n", ose::to_log_string(m).c_str());
    auto r = client.send(m);
    if (r) std::printf("  <- %s\n\n", ose::to_log_string(*r).c_str());
    else std::printf("  <- %s failed: %s\n\n", what, r.error().to_string().c_str());
}

}  // namespace

int main() {
    ose::settings settings;
    settings.access_token = "10f88d07fa5a544791e9ff";  // printed as *** everywhere
    settings.user_id = "1684711050387378049";
    settings.agent_name = "demo-carrier";
    settings.host = "drive.example.com";

    // The transport is any callable; this one prints each exchange and asks the stand-in.
    auto transport = [](const ose::http_request& request) {
        std::printf("  -> %s\n", ose::to_log_string(request).c_str());
        // The body is not printed: it may hold a password or kdstoken. Log messages instead.
        ose::http_response response = stand_in_service(request);
        std::printf("  <- %s\n     %s\n", ose::to_log_string(response).c_str(), response.body.c_str());
        return response;
    };
    ose::client client(transport, settings);

    std::puts("1. create a batch copy");
    ose::create_batch_task_request copy;
    copy.taskType = ose::batch_task_type::copy;
    copy.actionType = ose::batch_action_type::copy_dump;
    copy.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3", std::nullopt});
    send("create batch task", copy, client);

    std::puts("2. list batch tasks");
    send("list batch tasks", ose::list_batch_tasks_request{.offset = 0, .limit = 2, .type = {}, .status = {}}, client);

    std::puts("3. create a share dump");
    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    dump.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"};
    dump.shareId = "1689765568237837824";
    dump.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";
    dump.targetFileId = ose::file_id_info{"root", "IAABh_RdhS8bOg0cA1684711052660690818"};
    send("create share task", dump, client);

    std::puts("4. query the share task");
    send("query share task", ose::query_share_task_request{"1689768877770401664", "1689765568237837824", std::nullopt}, client);

    std::puts("5. create a transfer task");
    ose::create_task_request transfer;
    transfer.taskType = ose::transfer_task_type::transfer_and_delete;
    transfer.srcUserId = "1397687227244555008";
    transfer.dstUserId = "1507947856550550784";
    send("create task", transfer, client);

    std::puts("6. a request that breaks a rule never leaves the process");
    ose::create_share_task_request wrong = dump;
    wrong.zipName = "all.zip";  // zipName belongs to package downloads, not dumps
    send("create share task", wrong, client);
    return 0;
}
