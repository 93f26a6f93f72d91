// koodrive-ose: the API's enumerations, each with its constexpr table.
//
// Every enum's underlying value is its wire number, so a response can carry a value the
// table does not know (a newer server may add one) and it is kept as is; requests only take
// values from the table.
#ifndef KOODRIVE_OSE_ENUMS_HPP
#define KOODRIVE_OSE_ENUMS_HPP

#include <array>
#include <cstdint>

#include "reflect.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// Batch task types (create batch task `taskType`, list `type`, JobInfo `taskType`).
enum class batch_task_type : std::int32_t {
    copy = 1,
    remove = 2,
    move = 3,
    restore = 4,
    decompress = 5,
    package_download = 6,
    clear_recycle_bin = 7,
};
template <>
struct enum_table<batch_task_type> {
    using E = batch_task_type;
    static constexpr std::array<enum_entry<E>, 7> entries{{
        {E::copy, 1, "copy"},
        {E::remove, 2, "remove"},
        {E::move, 3, "move"},
        {E::restore, 4, "restore"},
        {E::decompress, 5, "decompress"},
        {E::package_download, 6, "package_download"},
        {E::clear_recycle_bin, 7, "clear_recycle_bin"},
    }};
};

/// Batch action types: a subdivision of the task type (its hundreds digit).
enum class batch_action_type : std::int32_t {
    copy_dump = 101,
    logical_delete = 201,
    permanent_delete = 202,
    move = 301,
    preview_archive = 501,
    decompress_full = 502,
    decompress_partial = 503,
    clear_recycle_bin = 701,
};
template <>
struct enum_table<batch_action_type> {
    using E = batch_action_type;
    static constexpr std::array<enum_entry<E>, 8> entries{{
        {E::copy_dump, 101, "copy_dump"},
        {E::logical_delete, 201, "logical_delete"},
        {E::permanent_delete, 202, "permanent_delete"},
        {E::move, 301, "move"},
        {E::preview_archive, 501, "preview_archive"},
        {E::decompress_full, 502, "decompress_full"},
        {E::decompress_partial, 503, "decompress_partial"},
        {E::clear_recycle_bin, 701, "clear_recycle_bin"},
    }};
};

/// The task type an action type belongs to: its hundreds digit.
constexpr batch_task_type task_type_of(batch_action_type a) noexcept {
    return static_cast<batch_task_type>(static_cast<std::int32_t>(a) / 100);
}

/// Status of a batch job or a share task.
enum class job_status : std::int32_t { pending = 0, processing = 1, completed = 2, canceled = 3 };
template <>
struct enum_table<job_status> {
    using E = job_status;
    static constexpr std::array<enum_entry<E>, 4> entries{{
        {E::pending, 0, "pending"},
        {E::processing, 1, "processing"},
        {E::completed, 2, "completed"},
        {E::canceled, 3, "canceled"},
    }};
};

/// A job has ended when it is completed or canceled.
constexpr bool is_final(job_status s) noexcept { return s == job_status::completed || s == job_status::canceled; }

/// Outcome of a finished task.
enum class task_result : std::int32_t { all_succeeded = 1, partially_failed = 2, all_failed = 3 };
template <>
struct enum_table<task_result> {
    using E = task_result;
    static constexpr std::array<enum_entry<E>, 3> entries{{
        {E::all_succeeded, 1, "all_succeeded"},
        {E::partially_failed, 2, "partially_failed"},
        {E::all_failed, 3, "all_failed"},
    }};
};

/// Share task types (create share task `taskType`).
enum class share_task_type : std::int32_t { package_download = 1, dump = 2 };
template <>
struct enum_table<share_task_type> {
    using E = share_task_type;
    static constexpr std::array<enum_entry<E>, 2> entries{{
        {E::package_download, 1, "package_download"},
        {E::dump, 2, "dump"},
    }};
};

/// Transfer task types (create task `taskType`).
enum class transfer_task_type : std::int32_t { transfer_and_delete = 0, batch_import = 1 };
template <>
struct enum_table<transfer_task_type> {
    using E = transfer_task_type;
    static constexpr std::array<enum_entry<E>, 2> entries{{
        {E::transfer_and_delete, 0, "transfer_and_delete"},
        {E::batch_import, 1, "batch_import"},
    }};
};

static_assert(enum_table_is_sound<batch_task_type>());
static_assert(enum_table_is_sound<batch_action_type>());
static_assert(enum_table_is_sound<job_status>());
static_assert(enum_table_is_sound<task_result>());
static_assert(enum_table_is_sound<share_task_type>());
static_assert(enum_table_is_sound<transfer_task_type>());

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ENUMS_HPP
