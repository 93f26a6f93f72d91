// Query a share task: POST /koodrive/ose/v1/share/taskDetail, against the in-process simulator.
// It first gets what README.md's curl commands create before this one, in the same order (the
// copy of create_batch_task.cpp, the dump of create_share_task.cpp), so the share task has the
// same ID there; then it runs to the end. Prints the raw request and response, and the same
// request as curl.
#include <chrono>

#include "example_session.hpp"

int main() {
    koodrive_examples::example_session session;
    namespace ose = koodrive::ose;

    session.printing = false;  // a share task to query, finished
    ose::create_batch_task_request copy;
    copy.taskType = ose::batch_task_type::copy;
    copy.actionType = ose::batch_action_type::copy_dump;
    copy.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3", std::nullopt});
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu4", std::nullopt});
    if (auto copied = session.client.create_batch_task(copy); !copied) return session.fail(copied.error());

    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    dump.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"};
    dump.shareId = "1689765568237837824";
    dump.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";
    dump.targetFileId = ose::file_id_info{"root", "IAABh_RdhS8bOg0cA1684711052660690818"};
    auto created = session.client.create_share_task(dump);
    if (!created) return session.fail(created.error());
    session.simulator.advance(std::chrono::minutes{1});
    session.printing = true;

    const ose::query_share_task_request query{created->taskId, dump.shareId, dump.kdstoken};
    ose::result<ose::query_share_task_response> detail = session.client.query_share_task(query);
    if (!detail) return session.fail(detail.error());
    std::printf("share task %s: %s, %d%%\n", detail->jobInfo.taskId.c_str(),
                std::string(ose::enum_name(detail->jobInfo.taskStatus)).c_str(), detail->jobInfo.progress);
    return 0;
}
