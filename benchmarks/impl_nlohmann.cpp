// koodrive-ose benchmarks: nlohmann/json, mapped by hand onto the library's structs.
//
// Decode: json::parse into its DOM, then each object's members are walked and dispatched by
// key (unknown keys are skipped); string fields also take a non-negative integer (`code`).
// Encode: the DOM is built member by member (absent optionals and empty optional arrays are
// left out, as the library does) and dumped. No rule is checked; nlohmann's parser validates
// the JSON grammar and UTF-8, and dump() rejects invalid UTF-8.
#include "bench.hpp"

#include <nlohmann/json.hpp>

namespace bench {
namespace {

using nlohmann::json;

// ---- decode ------------------------------------------------------------------------------------

struct mismatch {};

// Declared first: the generic readers below call them for array elements and members.
void read(const json& v, ose::file_info& o);
void read(const json& v, ose::batch_task_info& o);
void read(const json& v, ose::create_batch_task_request& o);
void read(const json& v, ose::create_batch_task_response& o);
void read(const json& v, ose::list_batch_tasks_request& o);
void read(const json& v, ose::batch_job_info& o);
void read(const json& v, ose::list_batch_tasks_response& o);
void read(const json& v, ose::file_id_info& o);
void read(const json& v, ose::create_share_task_request& o);
void read(const json& v, ose::create_share_task_response& o);
void read(const json& v, ose::query_share_task_request& o);
void read(const json& v, ose::share_job_info& o);
void read(const json& v, ose::share_task_info& o);
void read(const json& v, ose::query_share_task_response& o);
void read(const json& v, ose::create_task_request& o);
void read(const json& v, ose::create_task_response& o);

void read(const json& v, std::string& out) {
    if (v.is_string())
        out = v.get_ref<const std::string&>();
    else if (v.is_number_unsigned())
        out = std::to_string(v.get<std::uint64_t>());
    else
        throw mismatch{};
}
template <class I>
requires std::is_integral_v<I>
void read(const json& v, I& out) {
    if (!v.is_number_integer()) throw mismatch{};
    out = static_cast<I>(v.get<std::int64_t>());
}
template <class E>
requires std::is_enum_v<E>
void read(const json& v, E& out) {
    if (!v.is_number_integer()) throw mismatch{};
    out = static_cast<E>(v.get<std::int64_t>());
}
template <class T>
void read(const json& v, std::optional<T>& out) {
    if (!out) out.emplace();
    read(v, *out);
}
template <class T>
void read(const json& v, std::vector<T>& out) {
    if (!v.is_array()) throw mismatch{};
    out.resize(v.size());
    std::size_t i = 0;
    for (const auto& e : v) read(e, out[i++]);
}

// Calls f(key, value) for each member of the object v.
template <class F>
void members(const json& v, F&& f) {
    if (!v.is_object()) throw mismatch{};
    for (auto it = v.begin(); it != v.end(); ++it) f(it.key(), it.value());
}

void read(const json& v, ose::file_info& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "fileId")
            read(x, o.fileId);
        else if (k == "filePath")
            read(x, o.filePath);
    });
}
void read(const json& v, ose::batch_task_info& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "fileInfo")
            read(x, o.fileInfo);
        else if (k == "newFilePath")
            read(x, o.newFilePath);
        else if (k == "srcContainerId")
            read(x, o.srcContainerId);
        else if (k == "uncompressFilePaths")
            read(x, o.uncompressFilePaths);
    });
}
void read(const json& v, ose::create_batch_task_request& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "taskType")
            read(x, o.taskType);
        else if (k == "actionType")
            read(x, o.actionType);
        else if (k == "taskInfo")
            read(x, o.taskInfo);
        else if (k == "dstContainerId")
            read(x, o.dstContainerId);
        else if (k == "password")
            read(x, o.password);
    });
}
void read(const json& v, ose::create_batch_task_response& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "data")
            read(x, o.data);
    });
}
void read(const json& v, ose::list_batch_tasks_request& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "offset")
            read(x, o.offset);
        else if (k == "limit")
            read(x, o.limit);
        else if (k == "type")
            read(x, o.type);
        else if (k == "status")
            read(x, o.status);
    });
}
void read(const json& v, ose::batch_job_info& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "taskId")
            read(x, o.taskId);
        else if (k == "taskType")
            read(x, o.taskType);
        else if (k == "actionType")
            read(x, o.actionType);
        else if (k == "status")
            read(x, o.status);
        else if (k == "taskResultCode")
            read(x, o.taskResultCode);
        else if (k == "resultCode")
            read(x, o.resultCode);
        else if (k == "contentNum")
            read(x, o.contentNum);
        else if (k == "containerId")
            read(x, o.containerId);
        else if (k == "tenantId")
            read(x, o.tenantId);
        else if (k == "beginTime")
            read(x, o.beginTime);
        else if (k == "endTime")
            read(x, o.endTime);
        else if (k == "createTime")
            read(x, o.createTime);
    });
}
void read(const json& v, ose::list_batch_tasks_response& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "data")
            read(x, o.data);
    });
}
void read(const json& v, ose::file_id_info& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "fileId")
            read(x, o.fileId);
        else if (k == "containerId")
            read(x, o.containerId);
    });
}
void read(const json& v, ose::create_share_task_request& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "taskType")
            read(x, o.taskType);
        else if (k == "containerId")
            read(x, o.containerId);
        else if (k == "fileIds")
            read(x, o.fileIds);
        else if (k == "targetFileId")
            read(x, o.targetFileId);
        else if (k == "zipName")
            read(x, o.zipName);
        else if (k == "shareId")
            read(x, o.shareId);
        else if (k == "kdstoken")
            read(x, o.kdstoken);
    });
}
void read(const json& v, ose::create_share_task_response& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "taskId")
            read(x, o.taskId);
    });
}
void read(const json& v, ose::query_share_task_request& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "taskId")
            read(x, o.taskId);
        else if (k == "shareId")
            read(x, o.shareId);
        else if (k == "kdstoken")
            read(x, o.kdstoken);
    });
}
void read(const json& v, ose::share_job_info& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "userId")
            read(x, o.userId);
        else if (k == "taskId")
            read(x, o.taskId);
        else if (k == "taskType")
            read(x, o.taskType);
        else if (k == "taskStatus")
            read(x, o.taskStatus);
        else if (k == "taskResultCode")
            read(x, o.taskResultCode);
        else if (k == "createTime")
            read(x, o.createTime);
        else if (k == "startTime")
            read(x, o.startTime);
        else if (k == "endTime")
            read(x, o.endTime);
        else if (k == "progress")
            read(x, o.progress);
        else if (k == "downloadUrl")
            read(x, o.downloadUrl);
    });
}
void read(const json& v, ose::share_task_info& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "fileId")
            read(x, o.fileId);
        else if (k == "status")
            read(x, o.status);
        else if (k == "newFileId")
            read(x, o.newFileId);
        else if (k == "srcContainerId")
            read(x, o.srcContainerId);
    });
}
void read(const json& v, ose::query_share_task_response& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "jobInfo")
            read(x, o.jobInfo);
        else if (k == "taskInfos") {
            if (x.is_object()) {  // a single object is read as one entry
                o.taskInfos.resize(1);
                read(x, o.taskInfos[0]);
            } else {
                read(x, o.taskInfos);
            }
        }
    });
}
void read(const json& v, ose::create_task_request& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "taskType")
            read(x, o.taskType);
        else if (k == "srcUserId")
            read(x, o.srcUserId);
        else if (k == "dstUserId")
            read(x, o.dstUserId);
        else if (k == "resultId")
            read(x, o.resultId);
        else if (k == "orgId")
            read(x, o.orgId);
        else if (k == "orgUserId")
            read(x, o.orgUserId);
    });
}
void read(const json& v, ose::create_task_response& o) {
    members(v, [&](const std::string& k, const json& x) {
        if (k == "taskId")
            read(x, o.taskId);
        else if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
    });
}

// ---- encode ------------------------------------------------------------------------------------

json to(const std::string& s) { return s; }
template <class I>
requires std::is_integral_v<I> json to(I v) { return v; }
template <class E>
requires std::is_enum_v<E> json to(E v) { return static_cast<std::int32_t>(v); }
json to(const ose::file_info& o);
json to(const ose::batch_task_info& o);
json to(const ose::batch_job_info& o);
json to(const ose::file_id_info& o);
json to(const ose::share_job_info& o);
json to(const ose::share_task_info& o);
template <class T>
json to(const std::vector<T>& v) {
    json a = json::array();
    for (const auto& e : v) a.push_back(to(e));
    return a;
}
// Sets j[k] when the value is to be written: absent optionals and empty optional arrays are not.
template <class T>
void put(json& j, const char* k, const T& v) {
    j[k] = to(v);
}
template <class T>
void put(json& j, const char* k, const std::optional<T>& v) {
    if (v) j[k] = to(*v);
}
template <class T>
void put_optional_array(json& j, const char* k, const std::vector<T>& v) {
    if (!v.empty()) j[k] = to(v);
}

json to(const ose::file_info& o) {
    json j = json::object();
    put(j, "fileId", o.fileId);
    put(j, "filePath", o.filePath);
    return j;
}
json to(const ose::batch_task_info& o) {
    json j = json::object();
    put_optional_array(j, "fileInfo", o.fileInfo);
    put(j, "newFilePath", o.newFilePath);
    put(j, "srcContainerId", o.srcContainerId);
    put_optional_array(j, "uncompressFilePaths", o.uncompressFilePaths);
    return j;
}
json to(const ose::create_batch_task_request& o) {
    json j = json::object();
    put(j, "taskType", o.taskType);
    put(j, "actionType", o.actionType);
    j["taskInfo"] = to(o.taskInfo);
    put(j, "dstContainerId", o.dstContainerId);
    put(j, "password", o.password);
    return j;
}
json to(const ose::create_batch_task_response& o) { return json{{"code", o.code}, {"msg", o.msg}, {"data", o.data}}; }
json to(const ose::list_batch_tasks_request& o) {
    json j = json::object();
    put(j, "offset", o.offset);
    put(j, "limit", o.limit);
    put(j, "type", o.type);
    put(j, "status", o.status);
    return j;
}
json to(const ose::batch_job_info& o) {
    json j = json::object();
    put(j, "taskId", o.taskId);
    put(j, "taskType", o.taskType);
    put(j, "actionType", o.actionType);
    put(j, "status", o.status);
    put(j, "taskResultCode", o.taskResultCode);
    put(j, "resultCode", o.resultCode);
    put(j, "contentNum", o.contentNum);
    put(j, "containerId", o.containerId);
    put(j, "tenantId", o.tenantId);
    put(j, "beginTime", o.beginTime);
    put(j, "endTime", o.endTime);
    put(j, "createTime", o.createTime);
    return j;
}
json to(const ose::list_batch_tasks_response& o) {
    json j = json::object();
    put(j, "code", o.code);
    put(j, "msg", o.msg);
    put_optional_array(j, "data", o.data);
    return j;
}
json to(const ose::file_id_info& o) { return json{{"fileId", o.fileId}, {"containerId", o.containerId}}; }
json to(const ose::create_share_task_request& o) {
    json j = json::object();
    put(j, "taskType", o.taskType);
    put(j, "containerId", o.containerId);
    put(j, "fileIds", o.fileIds);
    put(j, "targetFileId", o.targetFileId);
    put(j, "zipName", o.zipName);
    put(j, "shareId", o.shareId);
    put(j, "kdstoken", o.kdstoken);
    return j;
}
json to(const ose::create_share_task_response& o) {
    return json{{"code", o.code}, {"msg", o.msg}, {"taskId", o.taskId}};
}
json to(const ose::query_share_task_request& o) {
    json j = json::object();
    put(j, "taskId", o.taskId);
    put(j, "shareId", o.shareId);
    put(j, "kdstoken", o.kdstoken);
    return j;
}
json to(const ose::share_job_info& o) {
    json j = json::object();
    put(j, "userId", o.userId);
    put(j, "taskId", o.taskId);
    put(j, "taskType", o.taskType);
    put(j, "taskStatus", o.taskStatus);
    put(j, "taskResultCode", o.taskResultCode);
    put(j, "createTime", o.createTime);
    put(j, "startTime", o.startTime);
    put(j, "endTime", o.endTime);
    put(j, "progress", o.progress);
    put(j, "downloadUrl", o.downloadUrl);
    return j;
}
json to(const ose::share_task_info& o) {
    return json{
        {"fileId", o.fileId}, {"status", o.status}, {"newFileId", o.newFileId}, {"srcContainerId", o.srcContainerId}};
}
json to(const ose::query_share_task_response& o) {
    json j = json::object();
    put(j, "code", o.code);
    put(j, "msg", o.msg);
    j["jobInfo"] = to(o.jobInfo);
    put_optional_array(j, "taskInfos", o.taskInfos);
    return j;
}
json to(const ose::create_task_request& o) {
    json j = json::object();
    put(j, "taskType", o.taskType);
    put(j, "srcUserId", o.srcUserId);
    put(j, "dstUserId", o.dstUserId);
    put(j, "resultId", o.resultId);
    put(j, "orgId", o.orgId);
    put(j, "orgUserId", o.orgUserId);
    return j;
}
json to(const ose::create_task_response& o) { return json{{"taskId", o.taskId}, {"code", o.code}, {"msg", o.msg}}; }

struct nlohmann_impl {
    static constexpr bool encodes = true;

    template <class T>
    bool decode(std::string_view text, T& out) {
        json doc = json::parse(text, nullptr, false);
        if (doc.is_discarded()) return false;
        try {
            read(doc, out);
        } catch (const mismatch&) {
            return false;
        }
        return true;
    }
    template <class T>
    bool encode(const T& message, std::string& out) {
        try {
            out += to(message).dump();
        } catch (const json::exception&) {
            return false;
        }
        return true;
    }
};

}  // namespace

namespace {
const registrar added{40, [] { add_impl<nlohmann_impl>("nlohmann"); }};
}  // namespace

}  // namespace bench
