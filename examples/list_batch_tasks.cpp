// List batch tasks: GET /koodrive/ose/v1/jobs?offset=&limit=[&type=][&status=], the first page
// of copy jobs, against the in-process simulator (which first gets one copy job to list).
// Prints the raw request and response, and the same request as curl.
#include "example_session.hpp"

int main() {
    koodrive_examples::example_session session;
    namespace ose = koodrive::ose;

    session.printing = false;  // a job to list
    ose::create_batch_task_request copy;
    copy.taskType = ose::batch_task_type::copy;
    copy.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3", std::nullopt});
    if (auto created = session.client.create_batch_task(copy); !created) return session.fail(created.error());
    session.printing = true;

    const ose::list_batch_tasks_request query{
        .offset = 0, .limit = 10, .type = ose::batch_task_type::copy, .status = {}};
    ose::result<ose::list_batch_tasks_response> page = session.client.list_batch_tasks(query);
    if (!page) return session.fail(page.error());
    for (const ose::batch_job_info& job : page->data)
        std::printf("batch task %s: %s\n", job.taskId.c_str(), std::string(ose::enum_name(job.status)).c_str());
    return 0;
}
