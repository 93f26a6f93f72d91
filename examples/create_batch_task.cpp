// Create a batch task: POST /koodrive/ose/v1/jobs, here a copy of two files, against the
// in-process simulator. Prints the raw request and response, and the same request as curl.
#include "example_session.hpp"

int main() {
    koodrive_examples::example_session session;
    namespace ose = koodrive::ose;

    ose::create_batch_task_request copy;
    copy.taskType = ose::batch_task_type::copy;
    copy.actionType = ose::batch_action_type::copy_dump;
    copy.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3", std::nullopt});
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu4", std::nullopt});

    ose::result<ose::create_batch_task_response> created = session.client.create_batch_task(copy);
    if (!created) return session.fail(created.error());
    std::printf("created batch task %s\n", created->data.c_str());
    return 0;
}
