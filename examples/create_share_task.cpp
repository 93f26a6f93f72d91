// Create a share task: POST /koodrive/ose/v1/share/tasks, here a dump of a shared file into the
// user's root folder, against the in-process simulator. Prints the raw request and response,
// and the same request as curl.
#include "example_session.hpp"

int main() {
    koodrive_examples::example_session session;
    namespace ose = koodrive::ose;

    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    dump.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"};
    dump.shareId = "1689765568237837824";
    dump.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";  // a secret: never in an error or log
    dump.targetFileId = ose::file_id_info{"root", "IAABh_RdhS8bOg0cA1684711052660690818"};

    ose::result<ose::create_share_task_response> created = session.client.create_share_task(dump);
    if (!created) return session.fail(created.error());
    std::printf("created share task %s\n", created->taskId.c_str());
    return 0;
}
