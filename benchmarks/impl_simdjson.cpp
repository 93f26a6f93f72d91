// koodrive-ose benchmarks: simdjson On-Demand (decode only; simdjson does not write JSON),
// mapped by hand onto the library's structs.
//
// A reused ondemand::parser iterates the input in place (the corpus keeps simdjson's 64 bytes
// of padding after every text, so nothing is copied); each object's fields are walked and
// dispatched by their unescaped key, unknown fields are skipped by the iterator; string fields
// also take a non-negative integer (`code`). No rule is checked; simdjson validates UTF-8
// of the whole input, but skipped values are only scanned for structure, not fully validated.
#include "bench.hpp"

#include <simdjson.h>

namespace bench {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

#define TRY(expr)                                    \
    do {                                             \
        if (const error_code e_ = (expr)) return e_; \
    } while (false)

error_code read(od::value v, std::string& out) {
    od::json_type t;
    TRY(v.type().get(t));
    if (t == od::json_type::string) {
        std::string_view s;
        TRY(v.get_string().get(s));
        out.assign(s);
        return SUCCESS;
    }
    if (t == od::json_type::number) {
        std::uint64_t u = 0;
        TRY(v.get_uint64().get(u));
        out = std::to_string(u);
        return SUCCESS;
    }
    return simdjson::INCORRECT_TYPE;
}
template <class I>
requires std::is_integral_v<I> error_code read(od::value v, I& out) {
    std::int64_t x = 0;
    TRY(v.get_int64().get(x));
    out = static_cast<I>(x);
    return SUCCESS;
}
template <class E>
requires std::is_enum_v<E> error_code read(od::value v, E& out) {
    std::int64_t x = 0;
    TRY(v.get_int64().get(x));
    out = static_cast<E>(x);
    return SUCCESS;
}
template <class T>
requires ose::described<T> error_code read(od::value v, T& out);
template <class T>
error_code read(od::value v, std::optional<T>& out) {
    if (!out) out.emplace();
    return read(v, *out);
}
template <class T>
error_code read(od::value v, std::vector<T>& out) {
    od::array a;
    TRY(v.get_array().get(a));
    std::size_t n = 0;
    for (auto element : a) {
        od::value e;
        TRY(std::move(element).get(e));
        if (n == out.size()) out.emplace_back();
        TRY(read(e, out[n++]));
    }
    out.resize(n);
    return SUCCESS;
}
// Calls f(key, value) -> error_code for each field of the object.
template <class F>
error_code members(od::object o, F&& f) {
    for (auto field : o) {
        od::field fl;
        TRY(std::move(field).get(fl));
        std::string_view k;
        TRY(fl.unescaped_key().get(k));
        TRY(f(k, fl.value()));
    }
    return SUCCESS;
}
using sv = std::string_view;

error_code read_members(od::object ob, ose::file_info& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "fileId") return read(x, o.fileId);
        if (k == "filePath") return read(x, o.filePath);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::batch_task_info& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "fileInfo") return read(x, o.fileInfo);
        if (k == "newFilePath") return read(x, o.newFilePath);
        if (k == "srcContainerId") return read(x, o.srcContainerId);
        if (k == "uncompressFilePaths") return read(x, o.uncompressFilePaths);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::create_batch_task_request& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "taskType") return read(x, o.taskType);
        if (k == "actionType") return read(x, o.actionType);
        if (k == "taskInfo") return read(x, o.taskInfo);
        if (k == "dstContainerId") return read(x, o.dstContainerId);
        if (k == "password") return read(x, o.password);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::create_batch_task_response& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "code") return read(x, o.code);
        if (k == "msg") return read(x, o.msg);
        if (k == "data") return read(x, o.data);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::list_batch_tasks_request& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "offset") return read(x, o.offset);
        if (k == "limit") return read(x, o.limit);
        if (k == "type") return read(x, o.type);
        if (k == "status") return read(x, o.status);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::batch_job_info& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "taskId") return read(x, o.taskId);
        if (k == "taskType") return read(x, o.taskType);
        if (k == "actionType") return read(x, o.actionType);
        if (k == "status") return read(x, o.status);
        if (k == "taskResultCode") return read(x, o.taskResultCode);
        if (k == "resultCode") return read(x, o.resultCode);
        if (k == "contentNum") return read(x, o.contentNum);
        if (k == "containerId") return read(x, o.containerId);
        if (k == "tenantId") return read(x, o.tenantId);
        if (k == "beginTime") return read(x, o.beginTime);
        if (k == "endTime") return read(x, o.endTime);
        if (k == "createTime") return read(x, o.createTime);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::list_batch_tasks_response& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "code") return read(x, o.code);
        if (k == "msg") return read(x, o.msg);
        if (k == "data") return read(x, o.data);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::file_id_info& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "fileId") return read(x, o.fileId);
        if (k == "containerId") return read(x, o.containerId);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::create_share_task_request& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "taskType") return read(x, o.taskType);
        if (k == "containerId") return read(x, o.containerId);
        if (k == "fileIds") return read(x, o.fileIds);
        if (k == "targetFileId") return read(x, o.targetFileId);
        if (k == "zipName") return read(x, o.zipName);
        if (k == "shareId") return read(x, o.shareId);
        if (k == "kdstoken") return read(x, o.kdstoken);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::create_share_task_response& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "code") return read(x, o.code);
        if (k == "msg") return read(x, o.msg);
        if (k == "taskId") return read(x, o.taskId);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::query_share_task_request& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "taskId") return read(x, o.taskId);
        if (k == "shareId") return read(x, o.shareId);
        if (k == "kdstoken") return read(x, o.kdstoken);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::share_job_info& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "userId") return read(x, o.userId);
        if (k == "taskId") return read(x, o.taskId);
        if (k == "taskType") return read(x, o.taskType);
        if (k == "taskStatus") return read(x, o.taskStatus);
        if (k == "taskResultCode") return read(x, o.taskResultCode);
        if (k == "createTime") return read(x, o.createTime);
        if (k == "startTime") return read(x, o.startTime);
        if (k == "endTime") return read(x, o.endTime);
        if (k == "progress") return read(x, o.progress);
        if (k == "downloadUrl") return read(x, o.downloadUrl);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::share_task_info& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "fileId") return read(x, o.fileId);
        if (k == "status") return read(x, o.status);
        if (k == "newFileId") return read(x, o.newFileId);
        if (k == "srcContainerId") return read(x, o.srcContainerId);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::query_share_task_response& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "code") return read(x, o.code);
        if (k == "msg") return read(x, o.msg);
        if (k == "jobInfo") return read(x, o.jobInfo);
        if (k == "taskInfos") {
            od::json_type t;
            TRY(x.type().get(t));
            if (t == od::json_type::object) {  // a single object is read as one entry
                o.taskInfos.resize(1);
                return read(x, o.taskInfos[0]);
            }
            return read(x, o.taskInfos);
        }
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::create_task_request& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "taskType") return read(x, o.taskType);
        if (k == "srcUserId") return read(x, o.srcUserId);
        if (k == "dstUserId") return read(x, o.dstUserId);
        if (k == "resultId") return read(x, o.resultId);
        if (k == "orgId") return read(x, o.orgId);
        if (k == "orgUserId") return read(x, o.orgUserId);
        return SUCCESS;
    });
}
error_code read_members(od::object ob, ose::create_task_response& o) {
    return members(ob, [&](sv k, od::value x) -> error_code {
        if (k == "taskId") return read(x, o.taskId);
        if (k == "code") return read(x, o.code);
        if (k == "msg") return read(x, o.msg);
        return SUCCESS;
    });
}

template <class T>
requires ose::described<T> error_code read(od::value v, T& out) {
    od::object o;
    TRY(v.get_object().get(o));
    return read_members(o, out);
}

struct simdjson_impl {
    static constexpr bool encodes = false;

    od::parser parser;

    template <class T>
    bool decode(std::string_view text, T& out) {
        od::document doc;
        if (parser.iterate(simdjson::padded_string_view(text.data(), text.size(), text.size() + padding)).get(doc))
            return false;
        od::object o;
        if (doc.get_object().get(o)) return false;
        return read_members(o, out) == SUCCESS;
    }
};

#undef TRY

}  // namespace

namespace {
const registrar added{10, [] { add_impl<simdjson_impl>("simdjson"); }};
}  // namespace

}  // namespace bench
