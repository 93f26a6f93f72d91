// Create a transfer task: POST /koodrive/ose/v1/task/create, moving one user's files to another
// (then deleting them at the source), against the in-process simulator. Prints the raw request
// and response, and the same request as curl.
#include "example_session.hpp"

int main() {
    koodrive_examples::example_session session;
    namespace ose = koodrive::ose;

    ose::create_task_request transfer;
    transfer.taskType = ose::transfer_task_type::transfer_and_delete;
    transfer.srcUserId = "1397687227244555008";
    transfer.dstUserId = "1507947856550550784";

    ose::result<ose::create_task_response> created = session.client.create_task(transfer);
    if (!created) return session.fail(created.error());
    std::printf("created transfer task %s\n", created->taskId.c_str());
    return 0;
}
