// koodrive-ose: batch tasks. Create one (POST /koodrive/ose/v1/jobs) and list them
// (GET /koodrive/ose/v1/jobs?offset=&limit=[&type=][&status=]).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../codec.hpp"
#include "../enums.hpp"
#include "../reflect.hpp"

namespace koodrive::ose {

// ---- create batch task ---------------------------------------------------------------------

struct file_info {
    std::optional<std::string> fileId;    // every entry but for taskType 7
    std::optional<std::string> filePath;  // required with actionType 201 (drives restoration)
};

struct batch_task_info {
    std::vector<file_info> fileInfo;               // at least one, but for taskType 7
    std::optional<std::string> newFilePath;        // required for taskType 1 and 3
    std::string srcContainerId;
    std::vector<std::string> uncompressFilePaths;  // only, and then required, with actionType 503
};

struct create_batch_task_request {
    batch_task_type taskType{};
    std::optional<batch_action_type> actionType;
    batch_task_info taskInfo;
    std::string dstContainerId;
    std::optional<std::string> password;  // only with taskType 5; a secret
};

struct create_batch_task_response {
    std::string code;
    std::string msg;
    std::string data;  // the task ID
};

template <>
struct description<file_info> {
    using T = file_info;
    static constexpr std::string_view name = "file_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(field(&T::fileId, "fileId"), field(&T::filePath, "filePath"));
};

template <>
struct description<batch_task_info> {
    using T = batch_task_info;
    static constexpr std::string_view name = "batch_task_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(
        field(&T::fileInfo, "fileInfo").items(0, 1000000),
        field(&T::newFilePath, "newFilePath"),
        field(&T::srcContainerId, "srcContainerId").required(),
        field(&T::uncompressFilePaths, "uncompressFilePaths"));
};

template <>
struct description<create_batch_task_request> {
    using T = create_batch_task_request;
    static constexpr std::string_view name = "create_batch_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = std::make_tuple(
        field(&T::taskType, "taskType").required(),
        field(&T::actionType, "actionType"),
        field(&T::taskInfo, "taskInfo").required(),
        field(&T::dstContainerId, "dstContainerId").required(),
        field(&T::password, "password").secret());

    // Checked in field order, after every field's own type and range.
    static result<void> rules(const T& m) {
        const auto type = m.taskType;
        const auto action = m.actionType;
        if (action && task_type_of(*action) != type)
            return rule_violation(".actionType", "must belong to taskType " + std::to_string(to_wire(type)) +
                                                     " (its hundreds digit is the taskType)");
        const auto& info = m.taskInfo;
        const bool clearing = type == batch_task_type::clear_recycle_bin;
        if (info.fileInfo.empty() && !clearing)
            return rule_violation(".taskInfo.fileInfo", "must have at least one entry (only taskType 7 may leave it empty)");
        for (std::size_t i = 0; i < info.fileInfo.size(); ++i) {
            const auto& entry = info.fileInfo[i];
            const std::string at = ".taskInfo.fileInfo[" + std::to_string(i) + "]";
            if (!entry.fileId && !clearing)
                return rule_violation(at + ".fileId", "required on every entry (but for taskType 7)");
            if (!entry.filePath && action == batch_action_type::logical_delete)
                return rule_violation(at + ".filePath", "required on every entry with actionType 201 (logical deletion)");
        }
        if (!info.newFilePath && (type == batch_task_type::copy || type == batch_task_type::move))
            return rule_violation(".taskInfo.newFilePath", "required for taskType 1 and 3 (a copy or move needs a destination)");
        const bool partial = action == batch_action_type::decompress_partial;
        if (partial && info.uncompressFilePaths.empty())
            return rule_violation(".taskInfo.uncompressFilePaths", "required, with at least one entry, with actionType 503 (partial decompression)");
        if (!partial && !info.uncompressFilePaths.empty())
            return rule_violation(".taskInfo.uncompressFilePaths", "allowed only with actionType 503 (partial decompression)");
        if (m.password && type != batch_task_type::decompress)
            return rule_violation(".password", "allowed only with taskType 5 (cloud decompression)");
        return {};
    }
};

template <>
struct description<create_batch_task_response> {
    using T = create_batch_task_response;
    static constexpr std::string_view name = "create_batch_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = std::make_tuple(
        field(&T::code, "code").required(),
        field(&T::msg, "msg"),
        field(&T::data, "data").required_on_success());
};

// ---- list batch tasks ----------------------------------------------------------------------

// Sent as a query string, not a body; offset 0 is the first page.
struct list_batch_tasks_request {
    std::int64_t offset = 0;
    std::int32_t limit = 100;
    std::optional<batch_task_type> type;
    std::optional<job_status> status;
};

struct batch_job_info {
    std::string taskId;
    batch_task_type taskType{};
    batch_action_type actionType{};
    job_status status{};
    task_result taskResultCode{};
    std::int32_t resultCode = 0;
    std::int32_t contentNum = 0;
    std::string containerId;
    std::string tenantId;
    std::string beginTime;   // yyyyMMddHHmmss, UTC; see parse_compact_time()
    std::string endTime;
    std::string createTime;
};

struct list_batch_tasks_response {
    std::string code;
    std::string msg;
    std::vector<batch_job_info> data;
};

template <>
struct description<list_batch_tasks_request> {
    using T = list_batch_tasks_request;
    static constexpr std::string_view name = "list_batch_tasks_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = std::make_tuple(
        field(&T::offset, "offset").required().range(0, no_max),
        field(&T::limit, "limit").required().range(1, 100),
        field(&T::type, "type"),
        field(&T::status, "status"));
};

template <>
struct description<batch_job_info> {
    using T = batch_job_info;
    static constexpr std::string_view name = "batch_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(
        field(&T::taskId, "taskId"),
        field(&T::taskType, "taskType"),
        field(&T::actionType, "actionType"),
        field(&T::status, "status"),
        field(&T::taskResultCode, "taskResultCode"),
        field(&T::resultCode, "resultCode"),
        field(&T::contentNum, "contentNum"),
        field(&T::containerId, "containerId"),
        field(&T::tenantId, "tenantId"),
        field(&T::beginTime, "beginTime"),
        field(&T::endTime, "endTime"),
        field(&T::createTime, "createTime"));
};

template <>
struct description<list_batch_tasks_response> {
    using T = list_batch_tasks_response;
    static constexpr std::string_view name = "list_batch_tasks_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = std::make_tuple(
        field(&T::code, "code").required(),
        field(&T::msg, "msg"),
        field(&T::data, "data"));
};

}  // namespace koodrive::ose
