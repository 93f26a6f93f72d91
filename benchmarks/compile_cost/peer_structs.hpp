// Compile cost: the list jobs response as plain structs, for the peers' one-message TUs
// (so that they do not pay for this library's headers).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct job {
    std::string taskId;
    std::int32_t taskType = 0, actionType = 0, status = 0, taskResultCode = 0, resultCode = 0, contentNum = 0;
    std::string containerId, tenantId, beginTime, endTime, createTime;
};
struct list_response {
    std::string code, msg;
    std::vector<job> data;
};
