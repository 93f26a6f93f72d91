// koodrive-ose: share tasks. Create one (POST /koodrive/ose/v1/share/tasks) and query it
// (POST /koodrive/ose/v1/share/taskDetail).
#ifndef KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../enums.hpp"
#include "../reflect.hpp"

namespace koodrive::ose {
inline namespace v1 {

// ---- create share task ---------------------------------------------------------------------

/// A file and its container (targetFileId of a dump).
template <class String = std::string>
struct basic_file_id_info {
    String fileId;       ///< "root" for the root directory
    String containerId;  ///< the container
};
using file_id_info = basic_file_id_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using file_id_info_view = basic_file_id_info<std::string_view>;

/// Create share task request (POST /koodrive/ose/v1/share/tasks): dump or package-download shared files.
template <class String = std::string>
struct basic_create_share_task_request {
    std::optional<share_task_type> taskType;                 ///< required: unset is an error, not a default
    String containerId;                                      ///< the container
    std::vector<String> fileIds;                             ///< 1 to 1000 entries
    std::optional<basic_file_id_info<String>> targetFileId;  ///< required with taskType 2 (dump), else absent
    std::optional<String> zipName;   ///< required with taskType 1 (package download), else absent
    String shareId;                  ///< the share's ID
    std::optional<String> kdstoken;  ///< a secret
};
using create_share_task_request = basic_create_share_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_share_task_request_view = basic_create_share_task_request<std::string_view>;

/// Create share task response: the new task ID.
template <class String = std::string>
struct basic_create_share_task_response {
    String code;    ///< the API's code, as text ("0" is success)
    String msg;     ///< the API's message
    String taskId;  ///< the task ID (digits)
};
using create_share_task_response = basic_create_share_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_share_task_response_view = basic_create_share_task_response<std::string_view>;

template <class String>
struct description<basic_file_id_info<String>> {
    using T = basic_file_id_info<String>;
    static constexpr std::string_view name = "file_id_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields =
        make_field_list(field(&T::fileId, "fileId").required(), field(&T::containerId, "containerId").required());
};

template <class String>
struct description<basic_create_share_task_request<String>> {
    using T = basic_create_share_task_request<String>;
    static constexpr std::string_view name = "create_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        make_field_list(field(&T::taskType, "taskType").required(), field(&T::containerId, "containerId").required(),
                        field(&T::fileIds, "fileIds").required().items(1, 1000),
                        field(&T::targetFileId, "targetFileId"), field(&T::zipName, "zipName"),
                        field(&T::shareId, "shareId").required(), field(&T::kdstoken, "kdstoken").secret());

    static rule_check rules(const T& m) {
        if (!m.taskType) return rules_hold;  // reported as required, before the rules run
        const bool dump = m.taskType == share_task_type::dump;
        if (dump && !m.targetFileId) return rule_broken(".targetFileId", "required with taskType 2 (dump)");
        if (!dump && m.targetFileId) return rule_broken(".targetFileId", "allowed only with taskType 2 (dump)");
        if (!dump && !m.zipName) return rule_broken(".zipName", "required with taskType 1 (package download)");
        if (dump && m.zipName) return rule_broken(".zipName", "allowed only with taskType 1 (package download)");
        return rules_hold;
    }
};

template <class String>
struct description<basic_create_share_task_response<String>> {
    using T = basic_create_share_task_response<String>;
    static constexpr std::string_view name = "create_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"),
                                                   field(&T::taskId, "taskId").required_on_success());
};

// ---- query share task ----------------------------------------------------------------------

/// Query share task request (POST /koodrive/ose/v1/share/taskDetail).
template <class String = std::string>
struct basic_query_share_task_request {
    String taskId;                   ///< the task ID (digits)
    String shareId;                  ///< the share's ID
    std::optional<String> kdstoken;  ///< a secret
};
using query_share_task_request = basic_query_share_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using query_share_task_request_view = basic_query_share_task_request<std::string_view>;

/// A share task's state (jobInfo of query share task).
template <class String = std::string>
struct basic_share_job_info {
    String userId;                 ///< the user who owns the task
    String taskId;                 ///< the task ID (digits)
    share_task_type taskType{};    ///< the kind of task
    job_status taskStatus{};       ///< pending, processing, completed or canceled
    task_result taskResultCode{};  ///< how the task ended
    String createTime;             ///< yyyyMMddHHmmss, UTC; see parse_compact_time()
    String startTime;              ///< yyyyMMddHHmmss, UTC; empty until it starts
    String endTime;                ///< yyyyMMddHHmmss, UTC; empty until it ends
    std::int32_t progress = 0;     ///< percent
    String downloadUrl;            ///< the package's URL, for package downloads
};
using share_job_info = basic_share_job_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using share_job_info_view = basic_share_job_info<std::string_view>;

/// One file of a share task (taskInfos[]).
template <class String = std::string>
struct basic_share_task_info {
    String fileId;          ///< "root" for the root directory
    String status;          ///< only jobs in this state
    String newFileId;       ///< the ID of the copy, once dumped
    String srcContainerId;  ///< the container the files come from
};
using share_task_info = basic_share_task_info<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using share_task_info_view = basic_share_task_info<std::string_view>;

/// Query share task response: the task and its files.
template <class String = std::string>
struct basic_query_share_task_response {
    String code;                                           ///< the API's code, as text ("0" is success)
    String msg;                                            ///< the API's message
    basic_share_job_info<String> jobInfo;                  ///< the task
    std::vector<basic_share_task_info<String>> taskInfos;  ///< also read from a single object
};
using query_share_task_response = basic_query_share_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using query_share_task_response_view = basic_query_share_task_response<std::string_view>;

template <class String>
struct description<basic_query_share_task_request<String>> {
    using T = basic_query_share_task_request<String>;
    static constexpr std::string_view name = "query_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        make_field_list(field(&T::taskId, "taskId").required(), field(&T::shareId, "shareId").required(),
                        field(&T::kdstoken, "kdstoken").secret());
};

template <class String>
struct description<basic_share_job_info<String>> {
    using T = basic_share_job_info<String>;
    static constexpr std::string_view name = "share_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = make_field_list(
        field(&T::userId, "userId"), field(&T::taskId, "taskId"), field(&T::taskType, "taskType"),
        field(&T::taskStatus, "taskStatus"), field(&T::taskResultCode, "taskResultCode"),
        field(&T::createTime, "createTime"), field(&T::startTime, "startTime"), field(&T::endTime, "endTime"),
        field(&T::progress, "progress"), field(&T::downloadUrl, "downloadUrl"));
};

template <class String>
struct description<basic_share_task_info<String>> {
    using T = basic_share_task_info<String>;
    static constexpr std::string_view name = "share_task_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields =
        make_field_list(field(&T::fileId, "fileId"), field(&T::status, "status"), field(&T::newFileId, "newFileId"),
                        field(&T::srcContainerId, "srcContainerId"));
};

template <class String>
struct description<basic_query_share_task_response<String>> {
    using T = basic_query_share_task_response<String>;
    static constexpr std::string_view name = "query_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields =
        make_field_list(field(&T::code, "code").required(), field(&T::msg, "msg"), field(&T::jobInfo, "jobInfo"),
                        field(&T::taskInfos, "taskInfos").single_as_array());
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP
