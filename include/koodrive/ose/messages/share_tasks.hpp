// koodrive-ose: share tasks. Create one (POST /koodrive/ose/v1/share/tasks) and query it
// (POST /koodrive/ose/v1/share/taskDetail).
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

// ---- create share task ---------------------------------------------------------------------

struct file_id_info {
    std::string fileId;       // "root" for the root directory
    std::string containerId;
};

struct create_share_task_request {
    share_task_type taskType{};
    std::string containerId;
    std::vector<std::string> fileIds;         // 1 to 1000 entries
    std::optional<file_id_info> targetFileId; // required with taskType 2 (dump), else absent
    std::optional<std::string> zipName;       // required with taskType 1 (package download), else absent
    std::string shareId;
    std::optional<std::string> kdstoken;      // a secret
};

struct create_share_task_response {
    std::string code;
    std::string msg;
    std::string taskId;
};

template <>
struct description<file_id_info> {
    using T = file_id_info;
    static constexpr std::string_view name = "file_id_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(
        field(&T::fileId, "fileId").required(),
        field(&T::containerId, "containerId").required());
};

template <>
struct description<create_share_task_request> {
    using T = create_share_task_request;
    static constexpr std::string_view name = "create_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = std::make_tuple(
        field(&T::taskType, "taskType").required(),
        field(&T::containerId, "containerId").required(),
        field(&T::fileIds, "fileIds").required().items(1, 1000),
        field(&T::targetFileId, "targetFileId"),
        field(&T::zipName, "zipName"),
        field(&T::shareId, "shareId").required(),
        field(&T::kdstoken, "kdstoken").secret());

    static result<void> rules(const T& m) {
        const bool dump = m.taskType == share_task_type::dump;
        if (dump && !m.targetFileId) return rule_violation(".targetFileId", "required with taskType 2 (dump)");
        if (!dump && m.targetFileId) return rule_violation(".targetFileId", "allowed only with taskType 2 (dump)");
        if (!dump && !m.zipName) return rule_violation(".zipName", "required with taskType 1 (package download)");
        if (dump && m.zipName) return rule_violation(".zipName", "allowed only with taskType 1 (package download)");
        return {};
    }
};

template <>
struct description<create_share_task_response> {
    using T = create_share_task_response;
    static constexpr std::string_view name = "create_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = std::make_tuple(
        field(&T::code, "code").required(),
        field(&T::msg, "msg"),
        field(&T::taskId, "taskId").required_on_success());
};

// ---- query share task ----------------------------------------------------------------------

struct query_share_task_request {
    std::string taskId;
    std::string shareId;
    std::optional<std::string> kdstoken;  // a secret
};

struct share_job_info {
    std::string userId;
    std::string taskId;
    share_task_type taskType{};
    job_status taskStatus{};
    task_result taskResultCode{};
    std::string createTime;  // yyyyMMddHHmmss, UTC; see parse_compact_time()
    std::string startTime;
    std::string endTime;
    std::int32_t progress = 0;  // percent
    std::string downloadUrl;
};

struct share_task_info {
    std::string fileId;
    std::string status;
    std::string newFileId;
    std::string srcContainerId;
};

struct query_share_task_response {
    std::string code;
    std::string msg;
    share_job_info jobInfo;
    std::vector<share_task_info> taskInfos;  // also read from a single object
};

template <>
struct description<query_share_task_request> {
    using T = query_share_task_request;
    static constexpr std::string_view name = "query_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = std::make_tuple(
        field(&T::taskId, "taskId").required(),
        field(&T::shareId, "shareId").required(),
        field(&T::kdstoken, "kdstoken").secret());
};

template <>
struct description<share_job_info> {
    using T = share_job_info;
    static constexpr std::string_view name = "share_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(
        field(&T::userId, "userId"),
        field(&T::taskId, "taskId"),
        field(&T::taskType, "taskType"),
        field(&T::taskStatus, "taskStatus"),
        field(&T::taskResultCode, "taskResultCode"),
        field(&T::createTime, "createTime"),
        field(&T::startTime, "startTime"),
        field(&T::endTime, "endTime"),
        field(&T::progress, "progress"),
        field(&T::downloadUrl, "downloadUrl"));
};

template <>
struct description<share_task_info> {
    using T = share_task_info;
    static constexpr std::string_view name = "share_task_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(
        field(&T::fileId, "fileId"),
        field(&T::status, "status"),
        field(&T::newFileId, "newFileId"),
        field(&T::srcContainerId, "srcContainerId"));
};

template <>
struct description<query_share_task_response> {
    using T = query_share_task_response;
    static constexpr std::string_view name = "query_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = std::make_tuple(
        field(&T::code, "code").required(),
        field(&T::msg, "msg"),
        field(&T::jobInfo, "jobInfo"),
        field(&T::taskInfos, "taskInfos").single_as_array());
};

}  // namespace koodrive::ose
