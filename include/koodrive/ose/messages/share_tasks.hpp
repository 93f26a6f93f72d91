// koodrive-ose: share tasks. Create one (POST /koodrive/ose/v1/share/tasks) and query it
// (POST /koodrive/ose/v1/share/taskDetail).
#ifndef KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "../enums.hpp"
#include "../reflect.hpp"

namespace koodrive::ose {
inline namespace v1 {

// ---- create share task ---------------------------------------------------------------------

template <class String = std::string>
struct basic_file_id_info {
    String fileId;  // "root" for the root directory
    String containerId;
};
using file_id_info = basic_file_id_info<>;
using file_id_info_view = basic_file_id_info<std::string_view>;

template <class String = std::string>
struct basic_create_share_task_request {
    std::optional<share_task_type> taskType;  // required: unset is an error, not a default
    String containerId;
    std::vector<String> fileIds;                             // 1 to 1000 entries
    std::optional<basic_file_id_info<String>> targetFileId;  // required with taskType 2 (dump), else absent
    std::optional<String> zipName;                           // required with taskType 1 (package download), else absent
    String shareId;
    std::optional<String> kdstoken;  // a secret
};
using create_share_task_request = basic_create_share_task_request<>;
using create_share_task_request_view = basic_create_share_task_request<std::string_view>;

template <class String = std::string>
struct basic_create_share_task_response {
    String code;
    String msg;
    String taskId;
};
using create_share_task_response = basic_create_share_task_response<>;
using create_share_task_response_view = basic_create_share_task_response<std::string_view>;

template <class String>
struct description<basic_file_id_info<String>> {
    using T = basic_file_id_info<String>;
    static constexpr std::string_view name = "file_id_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields =
        std::make_tuple(field(&T::fileId, "fileId").required(), field(&T::containerId, "containerId").required());
};

template <class String>
struct description<basic_create_share_task_request<String>> {
    using T = basic_create_share_task_request<String>;
    static constexpr std::string_view name = "create_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        std::make_tuple(field(&T::taskType, "taskType").required(), field(&T::containerId, "containerId").required(),
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
    static constexpr auto fields = std::make_tuple(field(&T::code, "code").required(), field(&T::msg, "msg"),
                                                   field(&T::taskId, "taskId").required_on_success());
};

// ---- query share task ----------------------------------------------------------------------

template <class String = std::string>
struct basic_query_share_task_request {
    String taskId;
    String shareId;
    std::optional<String> kdstoken;  // a secret
};
using query_share_task_request = basic_query_share_task_request<>;
using query_share_task_request_view = basic_query_share_task_request<std::string_view>;

template <class String = std::string>
struct basic_share_job_info {
    String userId;
    String taskId;
    share_task_type taskType{};
    job_status taskStatus{};
    task_result taskResultCode{};
    String createTime;  // yyyyMMddHHmmss, UTC; see parse_compact_time()
    String startTime;
    String endTime;
    std::int32_t progress = 0;  // percent
    String downloadUrl;
};
using share_job_info = basic_share_job_info<>;
using share_job_info_view = basic_share_job_info<std::string_view>;

template <class String = std::string>
struct basic_share_task_info {
    String fileId;
    String status;
    String newFileId;
    String srcContainerId;
};
using share_task_info = basic_share_task_info<>;
using share_task_info_view = basic_share_task_info<std::string_view>;

template <class String = std::string>
struct basic_query_share_task_response {
    String code;
    String msg;
    basic_share_job_info<String> jobInfo;
    std::vector<basic_share_task_info<String>> taskInfos;  // also read from a single object
};
using query_share_task_response = basic_query_share_task_response<>;
using query_share_task_response_view = basic_query_share_task_response<std::string_view>;

template <class String>
struct description<basic_query_share_task_request<String>> {
    using T = basic_query_share_task_request<String>;
    static constexpr std::string_view name = "query_share_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        std::make_tuple(field(&T::taskId, "taskId").required(), field(&T::shareId, "shareId").required(),
                        field(&T::kdstoken, "kdstoken").secret());
};

template <class String>
struct description<basic_share_job_info<String>> {
    using T = basic_share_job_info<String>;
    static constexpr std::string_view name = "share_job_info";
    static constexpr auto direction = message_direction::part;
    static constexpr auto fields = std::make_tuple(
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
        std::make_tuple(field(&T::fileId, "fileId"), field(&T::status, "status"), field(&T::newFileId, "newFileId"),
                        field(&T::srcContainerId, "srcContainerId"));
};

template <class String>
struct description<basic_query_share_task_response<String>> {
    using T = basic_query_share_task_response<String>;
    static constexpr std::string_view name = "query_share_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields =
        std::make_tuple(field(&T::code, "code").required(), field(&T::msg, "msg"), field(&T::jobInfo, "jobInfo"),
                        field(&T::taskInfos, "taskInfos").single_as_array());
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_SHARE_TASKS_HPP
