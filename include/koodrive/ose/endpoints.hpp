// koodrive-ose: the five endpoints: method, target, which headers each sends, and the
// response type of each request type. This table is the only per-endpoint knowledge the
// request builder, the response reader and the client have.
#ifndef KOODRIVE_OSE_ENDPOINTS_HPP
#define KOODRIVE_OSE_ENDPOINTS_HPP

#include <cstdint>
#include <string_view>

#include "messages/batch_tasks.hpp"
#include "messages/share_tasks.hpp"
#include "messages/transfer_tasks.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// Whether an endpoint sends a header: never, when its setting is not empty, or always.
enum class header_use : std::uint8_t { no, optional, required };

/// The headers of one endpoint beyond X-User-Id, X-Date and X-Traceid, which all send.
struct endpoint_headers {
    header_use authorization = header_use::required;  ///< Authorization (optional only for create task)
    header_use language = header_use::no;             ///< language, from settings::language
    header_use share_folder_id = header_use::no;      ///< x-hw-share-folder-id, from settings::share_folder_id
    header_use agent_name = header_use::no;           ///< X-Hw-Agentname, from settings::agent_name
    header_use host = header_use::no;                 ///< Host, from settings::host
};

/// The HTTP method of an endpoint.
enum class http_method : std::uint8_t { get, post };

/// "GET" or "POST".
constexpr std::string_view to_string(http_method m) noexcept { return m == http_method::get ? "GET" : "POST"; }

template <class Request>
struct endpoint;

template <>
struct endpoint<create_batch_task_request> {
    using response = create_batch_task_response;
    static constexpr std::string_view operation = "create batch task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/jobs";
    static constexpr endpoint_headers headers{.language = header_use::optional,
                                              .share_folder_id = header_use::optional};
};

template <>
struct endpoint<list_batch_tasks_request> {
    using response = list_batch_tasks_response;
    static constexpr std::string_view operation = "list batch tasks";
    static constexpr http_method method = http_method::get;  ///< the request travels in the query string
    static constexpr std::string_view path = "/koodrive/ose/v1/jobs";
    static constexpr endpoint_headers headers{.language = header_use::optional};
};

template <>
struct endpoint<create_share_task_request> {
    using response = create_share_task_response;
    static constexpr std::string_view operation = "create share task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/share/tasks";
    static constexpr endpoint_headers headers{.agent_name = header_use::required};
};

template <>
struct endpoint<create_task_request> {
    using response = create_task_response;
    static constexpr std::string_view operation = "create task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/task/create";
    static constexpr endpoint_headers headers{
        .authorization = header_use::optional, .language = header_use::optional, .host = header_use::required};
};

template <>
struct endpoint<query_share_task_request> {
    using response = query_share_task_response;
    static constexpr std::string_view operation = "query share task";
    static constexpr http_method method = http_method::post;
    static constexpr std::string_view path = "/koodrive/ose/v1/share/taskDetail";
    static constexpr endpoint_headers headers{.agent_name = header_use::required};
};

template <class Request>
concept endpoint_request = requires {
    typename endpoint<Request>::response;
};

/// The response type of the endpoint that takes `Request`.
template <endpoint_request Request>
using response_of = typename endpoint<Request>::response;

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ENDPOINTS_HPP
