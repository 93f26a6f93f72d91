// koodrive-ose: batch tasks. Create one (POST /koodrive/ose/v1/jobs) and list them
// (GET /koodrive/ose/v1/jobs?offset=&limit=[&type=][&status=]).
#ifndef KOODRIVE_OSE_MESSAGES_BATCH_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_BATCH_TASKS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../enums.hpp"
#include "../reflect.hpp"

namespace koodrive::ose {
inline namespace v1 {

// ---- create batch task ---------------------------------------------------------------------

/// A file of a batch task (fileInfo[]): its ID and, for some actions, its path.
template <class String = std::string>
struct basic_file_info {
    std::optional<String> fileId;    ///< every entry but for taskType 7
    std::optional<String> filePath;  ///< required with actionType 201 (drives restoration)
};
using file_info = basic_file_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using file_info_view = basic_file_info<std::string_view>;

/// What a batch task works on (taskInfo): the source container and its files.
template <class String = std::string>
struct basic_batch_task_info {
    std::vector<basic_file_info<String>> fileInfo;  ///< at least one, but for taskType 7
    std::optional<String> newFilePath;              ///< required for taskType 1 and 3
    String srcContainerId;                          ///< the container the files come from
    std::vector<String> uncompressFilePaths;        ///< only, and then required, with actionType 503
};
using batch_task_info = basic_batch_task_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using batch_task_info_view = basic_batch_task_info<std::string_view>;

/// Create batch task request (POST /koodrive/ose/v1/jobs): copy, move, delete, ... files.
template <class String = std::string>
struct basic_create_batch_task_request {
    std::optional<batch_task_type> taskType;      ///< required: unset is an error, not a default
    std::optional<batch_action_type> actionType;  ///< the action within the task type
    basic_batch_task_info<String> taskInfo;       ///< what the task works on
    String dstContainerId;                        ///< the destination container
    std::optional<String> password;               ///< only with taskType 5; a secret
};
using create_batch_task_request = basic_create_batch_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_batch_task_request_view = basic_create_batch_task_request<std::string_view>;

/// Create batch task response: `data` is the new task ID.
template <class String = std::string>
struct basic_create_batch_task_response {
    String code;  ///< the API's code, as text ("0" is success)
    String msg;   ///< the API's message
    String data;  ///< the task ID
};
using create_batch_task_response = basic_create_batch_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_batch_task_response_view = basic_create_batch_task_response<std::string_view>;

template <class String>
struct description<basic_file_info<String>> {
    using T = basic_file_info<String>;
    static constexpr std::string_view name = "file_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(field(&T::fileId, "fileId"), field(&T::filePath, "filePath"));
};

template <class String>
struct description<basic_batch_task_info<String>> {
    using T = basic_batch_task_info<String>;
    static constexpr std::string_view name = "batch_task_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(
        field(&T::fileInfo, "fileInfo").items(0, 1000000), field(&T::newFilePath, "newFilePath"),
        field(&T::srcContainerId, "srcContainerId").required(), field(&T::uncompressFilePaths, "uncompressFilePaths"));
};

template <class String>
struct description<basic_create_batch_task_request<String>> {
    using T = basic_create_batch_task_request<String>;
    static constexpr std::string_view name = "create_batch_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(
        field(&T::taskType, "taskType").required(), field(&T::actionType, "actionType"),
        field(&T::taskInfo, "taskInfo").required(), field(&T::dstContainerId, "dstContainerId").required(),
        field(&T::password, "password").secret());

    /// Checked in field order, after every field's own type and range.
    static rule_check rules(const T& m) {
        if (!m.taskType) return rules_hold;  // reported as required, before the rules run
        const auto type = *m.taskType;
        const auto action = m.actionType;
        if (action && task_type_of(*action) != type)
            return rule_broken(".actionType", "must belong to the taskType (its hundreds digit is the taskType)");
        const auto& info = m.taskInfo;
        const bool clearing = type == batch_task_type::clear_recycle_bin;
        if (info.fileInfo.empty() && !clearing)
            return rule_broken(".taskInfo.fileInfo",
                               "must have at least one entry (only taskType 7 may leave it empty)");
        for (std::size_t i = 0; i < info.fileInfo.size(); ++i) {
            const auto& entry = info.fileInfo[i];
            if (!entry.fileId && !clearing)
                return rule_broken(".taskInfo.fileInfo", i, ".fileId", "required on every entry (but for taskType 7)");
            if (!entry.filePath && action == batch_action_type::logical_delete)
                return rule_broken(".taskInfo.fileInfo", i, ".filePath",
                                   "required on every entry with actionType 201 (logical deletion)");
        }
        if (!info.newFilePath && (type == batch_task_type::copy || type == batch_task_type::move))
            return rule_broken(".taskInfo.newFilePath",
                               "required for taskType 1 and 3 (a copy or move needs a destination)");
        const bool partial = action == batch_action_type::decompress_partial;
        if (partial && info.uncompressFilePaths.empty())
            return rule_broken(".taskInfo.uncompressFilePaths",
                               "required, with at least one entry, with actionType 503 (partial decompression)");
        if (!partial && !info.uncompressFilePaths.empty())
            return rule_broken(".taskInfo.uncompressFilePaths",
                               "allowed only with actionType 503 (partial decompression)");
        if (m.password && type != batch_task_type::decompress)
            return rule_broken(".password", "allowed only with taskType 5 (cloud decompression)");
        return rules_hold;
    }
};

template <class String>
struct description<basic_create_batch_task_response<String>> {
    using T = basic_create_batch_task_response<String>;
    static constexpr std::string_view name = "create_batch_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"),
                                                   field(&T::data, "data").required_on_success());
};

// ---- list batch tasks ----------------------------------------------------------------------

/// Sent as a query string, not a body; offset 0 is the first page. Both offset and limit are
/// required and have no default: a request that forgets one is an error, not page 1 of 100.
struct list_batch_tasks_request {
    std::optional<std::int64_t> offset;   ///< the first job to list, from 0; required
    std::optional<std::int32_t> limit;    ///< jobs per page, 1-100; required
    std::optional<batch_task_type> type;  ///< only jobs of this type
    std::optional<job_status> status;     ///< only jobs in this state
};

/// A batch job as listed (list batch tasks `data[]`).
template <class String = std::string>
struct basic_batch_job_info {
    String taskId;                   ///< the task ID (digits)
    batch_task_type taskType{};      ///< the kind of task
    batch_action_type actionType{};  ///< the action within the task type
    job_status status{};             ///< only jobs in this state
    task_result taskResultCode{};    ///< how the task ended
    std::int32_t resultCode = 0;     ///< the result code of the job
    std::int32_t contentNum = 0;     ///< how many items the job covers
    String containerId;              ///< the container
    String tenantId;                 ///< the tenant
    String beginTime;                ///< yyyyMMddHHmmss, UTC; see parse_compact_time()
    String endTime;                  ///< yyyyMMddHHmmss, UTC; empty until it ends
    String createTime;               ///< yyyyMMddHHmmss, UTC
};
using batch_job_info = basic_batch_job_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using batch_job_info_view = basic_batch_job_info<std::string_view>;

/// List batch tasks response: one page of jobs.
template <class String = std::string>
struct basic_list_batch_tasks_response {
    String code;                                     ///< the API's code, as text ("0" is success)
    String msg;                                      ///< the API's message
    std::vector<basic_batch_job_info<String>> data;  ///< the jobs of this page
};
using list_batch_tasks_response = basic_list_batch_tasks_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using list_batch_tasks_response_view = basic_list_batch_tasks_response<std::string_view>;

template <>
struct description<list_batch_tasks_request> {
    using T = list_batch_tasks_request;
    static constexpr std::string_view name = "list_batch_tasks_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::offset, "offset").required().range(0, no_max),
                                                   field(&T::limit, "limit").required().range(1, 100),
                                                   field(&T::type, "type"), field(&T::status, "status"));
};

template <class String>
struct description<basic_batch_job_info<String>> {
    using T = basic_batch_job_info<String>;
    static constexpr std::string_view name = "batch_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(
        field(&T::taskId, "taskId"), field(&T::taskType, "taskType"), field(&T::actionType, "actionType"),
        field(&T::status, "status"), field(&T::taskResultCode, "taskResultCode"), field(&T::resultCode, "resultCode"),
        field(&T::contentNum, "contentNum"), field(&T::containerId, "containerId"), field(&T::tenantId, "tenantId"),
        field(&T::beginTime, "beginTime"), field(&T::endTime, "endTime"), field(&T::createTime, "createTime"));
};

template <class String>
struct description<basic_list_batch_tasks_response<String>> {
    using T = basic_list_batch_tasks_response<String>;
    static constexpr std::string_view name = "list_batch_tasks_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields =
        make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"), field(&T::data, "data"));
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_BATCH_TASKS_HPP
