// koodrive-ose: forward declarations of the types a user names in an interface (the
// messages, results and errors, HTTP values, settings, the client), for headers that only
// pass them along and need not pay for their definitions.
//
// The library lives in the inline namespace koodrive::ose::v1, so a hand-written
// `namespace koodrive::ose { struct error; }` declares a different type; include this instead.
// It stays in step with the definitions: tests/fwd_check.cpp includes it before and after the
// whole library.
#ifndef KOODRIVE_OSE_FWD_HPP
#define KOODRIVE_OSE_FWD_HPP

#include <cstdint>
#include <string>
#include <string_view>

#include "version.hpp"

namespace koodrive::ose {
inline namespace v1 {

// error.hpp, result.hpp, violation.hpp
enum class error_kind : std::uint8_t;
enum class errc : std::uint8_t;
struct error;
template <class T>
class result;
struct violation;

// reflect.hpp, read_limits.hpp, unescape_storage.hpp
template <class T>
struct description;
namespace json {
struct read_limits;
}  // namespace json
using json::read_limits;
class unescape_storage;

// enums.hpp
enum class batch_task_type : std::int32_t;
enum class batch_action_type : std::int32_t;
enum class job_status : std::int32_t;
enum class task_result : std::int32_t;
enum class share_task_type : std::int32_t;
enum class transfer_task_type : std::int32_t;

// messages/batch_tasks.hpp
template <class String>
struct basic_file_info;
template <class String>
struct basic_batch_task_info;
template <class String>
struct basic_create_batch_task_request;
template <class String>
struct basic_create_batch_task_response;
struct list_batch_tasks_request;
template <class String>
struct basic_batch_job_info;
template <class String>
struct basic_list_batch_tasks_response;
using file_info = basic_file_info<std::string>;
using file_info_view = basic_file_info<std::string_view>;
using batch_task_info = basic_batch_task_info<std::string>;
using batch_task_info_view = basic_batch_task_info<std::string_view>;
using create_batch_task_request = basic_create_batch_task_request<std::string>;
using create_batch_task_request_view = basic_create_batch_task_request<std::string_view>;
using create_batch_task_response = basic_create_batch_task_response<std::string>;
using create_batch_task_response_view = basic_create_batch_task_response<std::string_view>;
using batch_job_info = basic_batch_job_info<std::string>;
using batch_job_info_view = basic_batch_job_info<std::string_view>;
using list_batch_tasks_response = basic_list_batch_tasks_response<std::string>;
using list_batch_tasks_response_view = basic_list_batch_tasks_response<std::string_view>;

// messages/share_tasks.hpp
template <class String>
struct basic_file_id_info;
template <class String>
struct basic_create_share_task_request;
template <class String>
struct basic_create_share_task_response;
template <class String>
struct basic_query_share_task_request;
template <class String>
struct basic_share_job_info;
template <class String>
struct basic_share_task_info;
template <class String>
struct basic_query_share_task_response;
using file_id_info = basic_file_id_info<std::string>;
using file_id_info_view = basic_file_id_info<std::string_view>;
using create_share_task_request = basic_create_share_task_request<std::string>;
using create_share_task_request_view = basic_create_share_task_request<std::string_view>;
using create_share_task_response = basic_create_share_task_response<std::string>;
using create_share_task_response_view = basic_create_share_task_response<std::string_view>;
using query_share_task_request = basic_query_share_task_request<std::string>;
using query_share_task_request_view = basic_query_share_task_request<std::string_view>;
using share_job_info = basic_share_job_info<std::string>;
using share_job_info_view = basic_share_job_info<std::string_view>;
using share_task_info = basic_share_task_info<std::string>;
using share_task_info_view = basic_share_task_info<std::string_view>;
using query_share_task_response = basic_query_share_task_response<std::string>;
using query_share_task_response_view = basic_query_share_task_response<std::string_view>;

// messages/transfer_tasks.hpp
template <class String>
struct basic_create_task_request;
template <class String>
struct basic_create_task_response;
using create_task_request = basic_create_task_request<std::string>;
using create_task_request_view = basic_create_task_request<std::string_view>;
using create_task_response = basic_create_task_response<std::string>;
using create_task_response_view = basic_create_task_response<std::string_view>;

// http.hpp, header_values.hpp, request_builder.hpp, client.hpp (client<Transport> itself is a
// constrained template: include client.hpp to name it)
struct http_header;
struct http_request;
struct http_response;
enum class token_scheme : std::uint8_t;
struct settings;
struct environment;
struct poll_options;

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_FWD_HPP
