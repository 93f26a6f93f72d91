// koodrive-ose: transfer and import tasks (POST /koodrive/ose/v1/task/create).
#ifndef KOODRIVE_OSE_MESSAGES_TRANSFER_TASKS_HPP
#define KOODRIVE_OSE_MESSAGES_TRANSFER_TASKS_HPP

#include <optional>
#include <string>
#include <string_view>

#include "../enums.hpp"
#include "../reflect.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// Create task request (POST /koodrive/ose/v1/task/create): transfer one user's files to another.
template <class String = std::string>
struct basic_create_task_request {
    std::optional<transfer_task_type> taskType;  ///< required by this library: the other fields hang on it
    std::optional<String> srcUserId;             ///< taskType 0: required
    std::optional<String> dstUserId;             ///< taskType 0: required
    std::optional<String> resultId;              ///< taskType 1: optional
    std::optional<String> orgId;                 ///< taskType 1: required
    std::optional<String> orgUserId;             ///< taskType 1: required
};
using create_task_request = basic_create_task_request<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_task_request_view = basic_create_task_request<std::string_view>;

/// Create task response: the new task ID.
template <class String = std::string>
struct basic_create_task_response {
    String taskId;  ///< the task ID (digits)
    String code;    ///< the API's code, as text ("0" is success)
    String msg;     ///< the API's message
};
using create_task_response = basic_create_task_response<>;  ///< with std::string members
/// The view-mode form: its strings are string_views into the decoded JSON.
using create_task_response_view = basic_create_task_response<std::string_view>;

template <class String>
struct description<basic_create_task_request<String>> {
    using T = basic_create_task_request<String>;
    static constexpr std::string_view name = "create_task_request";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields =
        make_field_list(field(&T::taskType, "taskType").required(), field(&T::srcUserId, "srcUserId"),
                        field(&T::dstUserId, "dstUserId"), field(&T::resultId, "resultId"), field(&T::orgId, "orgId"),
                        field(&T::orgUserId, "orgUserId"));

    static rule_check rules(const T& m) {
        if (!m.taskType) return rules_hold;  // reported as required, before the rules run
        // Each field in order: required by one variant, an error in the other (written out,
        // not looped over a table: this runs for every request built and every one decoded).
        constexpr std::string_view need_transfer = "required with taskType 0 (transfer and deletion)";
        constexpr std::string_view need_import = "required with taskType 1 (batch import)";
        constexpr std::string_view only_transfer = "allowed only with taskType 0 (transfer and deletion)";
        constexpr std::string_view only_import = "allowed only with taskType 1 (batch import)";
        if (*m.taskType == transfer_task_type::transfer_and_delete) {
            if (!m.srcUserId) return rule_broken(".srcUserId", need_transfer);
            if (!m.dstUserId) return rule_broken(".dstUserId", need_transfer);
            if (m.resultId) return rule_broken(".resultId", only_import);
            if (m.orgId) return rule_broken(".orgId", only_import);
            if (m.orgUserId) return rule_broken(".orgUserId", only_import);
        } else {
            if (m.srcUserId) return rule_broken(".srcUserId", only_transfer);
            if (m.dstUserId) return rule_broken(".dstUserId", only_transfer);
            if (!m.orgId) return rule_broken(".orgId", need_import);
            if (!m.orgUserId) return rule_broken(".orgUserId", need_import);
        }
        return rules_hold;
    }
};

template <class String>
struct description<basic_create_task_response<String>> {
    using T = basic_create_task_response<String>;
    static constexpr std::string_view name = "create_task_response";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::taskId, "taskId").required_on_success(),
                                                   field(&T::code, "code").required(), field(&T::msg, "msg"));
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_MESSAGES_TRANSFER_TASKS_HPP
