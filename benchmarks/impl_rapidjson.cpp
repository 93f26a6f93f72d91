// koodrive-ose benchmarks: RapidJSON, mapped by hand onto the library's structs.
//
// Decode: Document::Parse (default flags: no UTF-8 validation) into a DOM whose values live
// in a reused MemoryPoolAllocator over a 4 MiB buffer (cleared per message, so a parse
// allocates nothing once warm); members dispatched by key, unknown keys skipped; string
// fields also take a non-negative integer (`code`). Encode: a reused Writer over a reused
// StringBuffer, SAX style (no DOM), appended to the output. No rule is checked.
#include "bench.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <memory>

namespace bench {
namespace {

namespace rj = rapidjson;
using pool = rj::MemoryPoolAllocator<>;
using dom = rj::GenericDocument<rj::UTF8<>, pool>;
using value = rj::GenericValue<rj::UTF8<>, pool>;
using sv = std::string_view;

// ---- decode ------------------------------------------------------------------------------------

struct mismatch {};

// Declared first: the generic readers below call them for array elements and members.
void read(const value& v, ose::file_info& o);
void read(const value& v, ose::batch_task_info& o);
void read(const value& v, ose::create_batch_task_request& o);
void read(const value& v, ose::create_batch_task_response& o);
void read(const value& v, ose::list_batch_tasks_request& o);
void read(const value& v, ose::batch_job_info& o);
void read(const value& v, ose::list_batch_tasks_response& o);
void read(const value& v, ose::file_id_info& o);
void read(const value& v, ose::create_share_task_request& o);
void read(const value& v, ose::create_share_task_response& o);
void read(const value& v, ose::query_share_task_request& o);
void read(const value& v, ose::share_job_info& o);
void read(const value& v, ose::share_task_info& o);
void read(const value& v, ose::query_share_task_response& o);
void read(const value& v, ose::create_task_request& o);
void read(const value& v, ose::create_task_response& o);

void read(const value& v, std::string& out) {
    if (v.IsString())
        out.assign(v.GetString(), v.GetStringLength());
    else if (v.IsUint64())
        out = std::to_string(v.GetUint64());
    else
        throw mismatch{};
}
template <class I>
requires std::is_integral_v<I>
void read(const value& v, I& out) {
    if (!v.IsInt64()) throw mismatch{};
    out = static_cast<I>(v.GetInt64());
}
template <class E>
requires std::is_enum_v<E>
void read(const value& v, E& out) {
    if (!v.IsInt64()) throw mismatch{};
    out = static_cast<E>(v.GetInt64());
}
template <class T>
void read(const value& v, std::optional<T>& out) {
    if (!out) out.emplace();
    read(v, *out);
}
template <class T>
void read(const value& v, std::vector<T>& out) {
    if (!v.IsArray()) throw mismatch{};
    out.resize(v.Size());
    std::size_t i = 0;
    for (const auto& e : v.GetArray()) read(e, out[i++]);
}
template <class F>
void members(const value& v, F&& f) {
    if (!v.IsObject()) throw mismatch{};
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
        f(sv(it->name.GetString(), it->name.GetStringLength()), it->value);
}

void read(const value& v, ose::file_info& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "fileId")
            read(x, o.fileId);
        else if (k == "filePath")
            read(x, o.filePath);
    });
}
void read(const value& v, ose::batch_task_info& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::create_batch_task_request& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::create_batch_task_response& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "data")
            read(x, o.data);
    });
}
void read(const value& v, ose::list_batch_tasks_request& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::batch_job_info& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::list_batch_tasks_response& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "data")
            read(x, o.data);
    });
}
void read(const value& v, ose::file_id_info& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "fileId")
            read(x, o.fileId);
        else if (k == "containerId")
            read(x, o.containerId);
    });
}
void read(const value& v, ose::create_share_task_request& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::create_share_task_response& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "taskId")
            read(x, o.taskId);
    });
}
void read(const value& v, ose::query_share_task_request& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "taskId")
            read(x, o.taskId);
        else if (k == "shareId")
            read(x, o.shareId);
        else if (k == "kdstoken")
            read(x, o.kdstoken);
    });
}
void read(const value& v, ose::share_job_info& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::share_task_info& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::query_share_task_response& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
        else if (k == "jobInfo")
            read(x, o.jobInfo);
        else if (k == "taskInfos") {
            if (x.IsObject()) {  // a single object is read as one entry
                o.taskInfos.resize(1);
                read(x, o.taskInfos[0]);
            } else {
                read(x, o.taskInfos);
            }
        }
    });
}
void read(const value& v, ose::create_task_request& o) {
    members(v, [&](sv k, const value& x) {
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
void read(const value& v, ose::create_task_response& o) {
    members(v, [&](sv k, const value& x) {
        if (k == "taskId")
            read(x, o.taskId);
        else if (k == "code")
            read(x, o.code);
        else if (k == "msg")
            read(x, o.msg);
    });
}

// ---- encode ------------------------------------------------------------------------------------

using writer = rj::Writer<rj::StringBuffer>;

void write(writer& w, const std::string& s) { w.String(s.data(), static_cast<rj::SizeType>(s.size())); }
template <class I>
requires std::is_integral_v<I>
void write(writer& w, I v) { w.Int64(v); }
template <class E>
requires std::is_enum_v<E>
void write(writer& w, E v) { w.Int(static_cast<int>(v)); }
template <class T>
void write(writer& w, const std::vector<T>& v);
void write(writer& w, const ose::file_info& m);
void write(writer& w, const ose::batch_task_info& m);
void write(writer& w, const ose::batch_job_info& m);
void write(writer& w, const ose::file_id_info& m);
void write(writer& w, const ose::share_job_info& m);
void write(writer& w, const ose::share_task_info& m);
template <class T>
void write(writer& w, const std::vector<T>& v) {
    w.StartArray();
    for (const auto& e : v) write(w, e);
    w.EndArray();
}
template <std::size_t N>
void key(writer& w, const char (&k)[N]) {
    w.Key(k, N - 1);
}
template <std::size_t N, class T>
void put(writer& w, const char (&k)[N], const T& v) {
    key(w, k);
    write(w, v);
}
template <std::size_t N, class T>
void put(writer& w, const char (&k)[N], const std::optional<T>& v) {
    if (v) put(w, k, *v);
}
template <std::size_t N, class T>
void put_optional_array(writer& w, const char (&k)[N], const std::vector<T>& v) {
    if (!v.empty()) put(w, k, v);
}

void write(writer& w, const ose::file_info& m) {
    w.StartObject();
    put(w, "fileId", m.fileId);
    put(w, "filePath", m.filePath);
    w.EndObject();
}
void write(writer& w, const ose::batch_task_info& m) {
    w.StartObject();
    put_optional_array(w, "fileInfo", m.fileInfo);
    put(w, "newFilePath", m.newFilePath);
    put(w, "srcContainerId", m.srcContainerId);
    put_optional_array(w, "uncompressFilePaths", m.uncompressFilePaths);
    w.EndObject();
}
void write(writer& w, const ose::create_batch_task_request& m) {
    w.StartObject();
    put(w, "taskType", m.taskType);
    put(w, "actionType", m.actionType);
    put(w, "taskInfo", m.taskInfo);
    put(w, "dstContainerId", m.dstContainerId);
    put(w, "password", m.password);
    w.EndObject();
}
void write(writer& w, const ose::create_batch_task_response& m) {
    w.StartObject();
    put(w, "code", m.code);
    put(w, "msg", m.msg);
    put(w, "data", m.data);
    w.EndObject();
}
void write(writer& w, const ose::list_batch_tasks_request& m) {
    w.StartObject();
    put(w, "offset", m.offset);
    put(w, "limit", m.limit);
    put(w, "type", m.type);
    put(w, "status", m.status);
    w.EndObject();
}
void write(writer& w, const ose::batch_job_info& m) {
    w.StartObject();
    put(w, "taskId", m.taskId);
    put(w, "taskType", m.taskType);
    put(w, "actionType", m.actionType);
    put(w, "status", m.status);
    put(w, "taskResultCode", m.taskResultCode);
    put(w, "resultCode", m.resultCode);
    put(w, "contentNum", m.contentNum);
    put(w, "containerId", m.containerId);
    put(w, "tenantId", m.tenantId);
    put(w, "beginTime", m.beginTime);
    put(w, "endTime", m.endTime);
    put(w, "createTime", m.createTime);
    w.EndObject();
}
void write(writer& w, const ose::list_batch_tasks_response& m) {
    w.StartObject();
    put(w, "code", m.code);
    put(w, "msg", m.msg);
    put_optional_array(w, "data", m.data);
    w.EndObject();
}
void write(writer& w, const ose::file_id_info& m) {
    w.StartObject();
    put(w, "fileId", m.fileId);
    put(w, "containerId", m.containerId);
    w.EndObject();
}
void write(writer& w, const ose::create_share_task_request& m) {
    w.StartObject();
    put(w, "taskType", m.taskType);
    put(w, "containerId", m.containerId);
    put(w, "fileIds", m.fileIds);
    put(w, "targetFileId", m.targetFileId);
    put(w, "zipName", m.zipName);
    put(w, "shareId", m.shareId);
    put(w, "kdstoken", m.kdstoken);
    w.EndObject();
}
void write(writer& w, const ose::create_share_task_response& m) {
    w.StartObject();
    put(w, "code", m.code);
    put(w, "msg", m.msg);
    put(w, "taskId", m.taskId);
    w.EndObject();
}
void write(writer& w, const ose::query_share_task_request& m) {
    w.StartObject();
    put(w, "taskId", m.taskId);
    put(w, "shareId", m.shareId);
    put(w, "kdstoken", m.kdstoken);
    w.EndObject();
}
void write(writer& w, const ose::share_job_info& m) {
    w.StartObject();
    put(w, "userId", m.userId);
    put(w, "taskId", m.taskId);
    put(w, "taskType", m.taskType);
    put(w, "taskStatus", m.taskStatus);
    put(w, "taskResultCode", m.taskResultCode);
    put(w, "createTime", m.createTime);
    put(w, "startTime", m.startTime);
    put(w, "endTime", m.endTime);
    put(w, "progress", m.progress);
    put(w, "downloadUrl", m.downloadUrl);
    w.EndObject();
}
void write(writer& w, const ose::share_task_info& m) {
    w.StartObject();
    put(w, "fileId", m.fileId);
    put(w, "status", m.status);
    put(w, "newFileId", m.newFileId);
    put(w, "srcContainerId", m.srcContainerId);
    w.EndObject();
}
void write(writer& w, const ose::query_share_task_response& m) {
    w.StartObject();
    put(w, "code", m.code);
    put(w, "msg", m.msg);
    put(w, "jobInfo", m.jobInfo);
    put_optional_array(w, "taskInfos", m.taskInfos);
    w.EndObject();
}
void write(writer& w, const ose::create_task_request& m) {
    w.StartObject();
    put(w, "taskType", m.taskType);
    put(w, "srcUserId", m.srcUserId);
    put(w, "dstUserId", m.dstUserId);
    put(w, "resultId", m.resultId);
    put(w, "orgId", m.orgId);
    put(w, "orgUserId", m.orgUserId);
    w.EndObject();
}
void write(writer& w, const ose::create_task_response& m) {
    w.StartObject();
    put(w, "taskId", m.taskId);
    put(w, "code", m.code);
    put(w, "msg", m.msg);
    w.EndObject();
}

struct rapidjson_impl {
    static constexpr bool encodes = true;
    static constexpr std::size_t arena_bytes = 4u << 20;

    std::unique_ptr<char[]> arena{new char[arena_bytes]};
    pool values{arena.get(), arena_bytes};
    dom doc{&values};
    rj::StringBuffer buffer;
    writer w{buffer};

    template <class T>
    bool decode(std::string_view text, T& out) {
        doc.SetNull();
        values.Clear();
        doc.Parse(text.data(), text.size());
        if (doc.HasParseError()) return false;
        try {
            read(doc, out);
        } catch (const mismatch&) {
            return false;
        }
        return true;
    }
    template <class T>
    bool encode(const T& message, std::string& out) {
        buffer.Clear();
        w.Reset(buffer);
        write(w, message);
        if (!w.IsComplete()) return false;
        out.append(buffer.GetString(), buffer.GetSize());
        return true;
    }
};

}  // namespace

namespace {
const registrar added{20, [] { add_impl<rapidjson_impl>("rapidjson"); }};
}  // namespace

}  // namespace bench
