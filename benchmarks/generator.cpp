// koodrive-ose benchmarks: deterministic, realistic inputs for the ten messages.
//
// A fixed-seed splitmix64 (no std:: distributions, whose output differs between standard
// libraries) draws IDs shaped like the reference's: 19-digit task and user IDs, 'IAAD...'
// and 'IAAB...' container IDs, 33-character 'F...' file IDs, yyyyMMddHHmmss times. Each
// sample's JSON is written here by hand, independently of any implementation under test:
// responses carry `code` as a JSON integer (as the reference's examples do), keys in the
// reference's order, and unknown extra fields of every JSON type (objects, arrays, numbers
// with fractions, booleans, null, escaped strings) that every decoder must skip. One
// download URL is written Gson-style (`&` as \u0026), so decoders also unescape.
#include "bench.hpp"

#include <cstdio>
#include <cstdlib>

namespace bench {
namespace {

struct rng {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }

    std::string digits(std::size_t n, char first) {
        std::string s(1, first);
        while (s.size() < n) s += static_cast<char>('0' + below(10));
        return s;
    }
    std::string from(std::string_view alphabet, std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += alphabet[below(alphabet.size())];
        return s;
    }
    // 19 digits, like 1320279189273965056.
    std::string task_id() { return digits(19, '1'); }
    // IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4 (47) or IAABh_RdhS8bOg0cA1684711052660690818 (36).
    std::string container_id() { return "IAADfsBFCO6WtAtuA" + from("0123456789abcdef", 30); }
    std::string share_container_id() { return "IAABh_RdhS8bOg0cA" + digits(19, '1'); }
    // F + 32 of [A-Za-z0-9_-]: FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3.
    std::string file_id() { return "F" + from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 32); }
    std::string hex(std::size_t n) { return from("0123456789abcdef", n); }
    // yyyyMMddHHmmss in 2023-2025.
    std::string time() {
        char b[15];
        std::snprintf(b, sizeof b, "%04d%02d%02d%02d%02d%02d", between(2023, 2025), between(1, 12), between(1, 28),
                      between(0, 23), between(0, 59), between(0, 59));
        return b;
    }
};

// ---- a tiny JSON text writer (independent of every implementation under test) ----------------

struct text {
    std::string s;
    void raw(std::string_view r) { s.append(r); }
    void key(std::string_view k) {
        if (!s.empty() && s.back() != '{' && s.back() != '[') s += ',';
        s += '"';
        s.append(k);
        s += "\":";
    }
    void str(std::string_view v, bool gson = false) {
        s += '"';
        for (char c : v) {
            if (c == '"' || c == '\\') {
                s += '\\';
                s += c;
            } else if (gson && (c == '&' || c == '=')) {
                char b[8];
                std::snprintf(b, sizeof b, "\\u%04x", static_cast<unsigned>(c));
                s += b;
            } else {
                s += c;
            }
        }
        s += '"';
    }
    void num(long long v) { s += std::to_string(v); }
    void kstr(std::string_view k, std::string_view v, bool gson = false) {
        key(k);
        str(v, gson);
    }
    void knum(std::string_view k, long long v) {
        key(k);
        num(v);
    }
    void kraw(std::string_view k, std::string_view r) {
        key(k);
        raw(r);
    }
    void open(char c) {
        if (!s.empty() && s.back() != '{' && s.back() != '[' && s.back() != ':') s += ',';
        s += c;
    }
    void close(char c) { s += c; }
    void element() {  // the comma before an array element, but the first
        if (s.back() != '[') s += ',';
    }
};

template <class E>
int wire(E e) {
    return static_cast<int>(e);
}

// Unknown fields a server adds at the top of a response: every JSON type, nested, escaped.
void top_level_extras(text& t, rng& r) {
    t.kstr("requestId", r.hex(32));
    t.kraw(
        "ext",
        R"({"region":"cn-north-4","cost":12.5e-1,"retry":false,"hints":[1,-2,3.25,"caf\u00e9",null,{"deep":[[]]}],"note":null})");
}

template <class T>
sample<T> make(std::string slug, std::string title, T value, std::string json) {
    return sample<T>{std::move(slug), std::move(title), std::move(value), padded(json)};
}

// ---- the ten messages ------------------------------------------------------------------------

sample<ose::list_batch_tasks_response> list_jobs(rng& r) {
    ose::list_batch_tasks_response m;
    m.code = "0";
    m.msg = "OK";
    static constexpr ose::batch_action_type actions[] = {
        ose::batch_action_type::copy_dump,        ose::batch_action_type::logical_delete,
        ose::batch_action_type::permanent_delete, ose::batch_action_type::move,
        ose::batch_action_type::decompress_full,  ose::batch_action_type::decompress_partial};
    const std::string container = r.container_id();
    const std::string tenant = r.digits(19, '1');
    text t;
    t.open('{');
    t.key("data");
    t.open('[');
    for (int i = 0; i < 100; ++i) {
        ose::batch_job_info j;
        j.taskId = r.task_id();
        j.actionType = actions[r.below(std::size(actions))];
        j.taskType = ose::task_type_of(j.actionType);
        j.status = static_cast<ose::job_status>(r.between(0, 3));
        j.taskResultCode = static_cast<ose::task_result>(r.between(1, 3));
        j.resultCode = r.below(10) == 0 ? 31084100 + r.between(0, 99) : 0;
        j.contentNum = r.between(1, 5000);
        j.containerId = r.below(4) == 0 ? r.container_id() : container;
        j.tenantId = tenant;
        j.beginTime = r.time();
        j.endTime = r.time();
        j.createTime = r.time();
        t.open('{');
        t.kstr("taskId", j.taskId);
        t.knum("taskType", wire(j.taskType));
        t.knum("actionType", wire(j.actionType));
        t.knum("status", wire(j.status));
        t.knum("taskResultCode", wire(j.taskResultCode));
        t.knum("resultCode", j.resultCode);
        t.knum("contentNum", j.contentNum);
        t.kstr("containerId", j.containerId);
        t.kstr("tenantId", j.tenantId);
        t.kstr("beginTime", j.beginTime);
        t.kstr("endTime", j.endTime);
        t.kstr("createTime", j.createTime);
        t.knum("failedNum", r.between(0, 3));  // unknown
        t.kraw("operator", "{\"id\":null}");   // unknown
        t.close('}');
        m.data.push_back(std::move(j));
    }
    t.close(']');
    t.knum("code", 0);
    t.kstr("msg", m.msg);
    t.knum("total", 2315);
    top_level_extras(t, r);
    t.close('}');
    return make("list_jobs_100", "list jobs, 100 entries", std::move(m), t.s);
}

sample<ose::query_share_task_response> query_share(rng& r) {
    ose::query_share_task_response m;
    m.code = "0";
    m.msg = "Success.";
    auto& j = m.jobInfo;
    j.userId = r.digits(19, '1');
    j.taskId = r.task_id();
    j.taskType = ose::share_task_type::dump;
    j.taskStatus = ose::job_status::completed;
    j.taskResultCode = ose::task_result::partially_failed;
    j.createTime = r.time();
    j.startTime = r.time();
    j.endTime = r.time();
    j.progress = 100;
    j.downloadUrl =
        "https://download.example.com/share/v1/" + r.hex(32) + "?expires=" + r.digits(10, '1') + "&sign=" + r.hex(40);
    const std::string src = r.share_container_id();
    text t;
    t.open('{');
    t.key("jobInfo");
    t.open('{');
    t.kstr("userId", j.userId);
    t.kstr("taskId", j.taskId);
    t.knum("taskType", wire(j.taskType));
    t.knum("taskStatus", wire(j.taskStatus));
    t.knum("taskResultCode", wire(j.taskResultCode));
    t.kstr("createTime", j.createTime);
    t.kstr("startTime", j.startTime);
    t.kstr("endTime", j.endTime);
    t.knum("progress", j.progress);
    t.kstr("downloadUrl", j.downloadUrl, true);
    t.kraw("expireSeconds", "86400");  // unknown
    t.close('}');
    t.key("taskInfos");
    t.open('[');
    for (int i = 0; i < 1000; ++i) {
        ose::share_task_info e;
        e.fileId = r.file_id();
        e.status = r.below(20) == 0 ? "2" : "1";
        e.newFileId = e.status == "1" ? r.file_id() : "";
        e.srcContainerId = src;
        t.open('{');
        t.kstr("fileId", e.fileId);
        t.kstr("status", e.status);
        t.kstr("newFileId", e.newFileId);
        t.kstr("srcContainerId", e.srcContainerId);
        t.knum("size", static_cast<long long>(r.below(1000000)));  // unknown
        t.close('}');
        m.taskInfos.push_back(std::move(e));
    }
    t.close(']');
    t.knum("code", 0);
    t.kstr("msg", m.msg);
    top_level_extras(t, r);
    t.close('}');
    return make("query_share_1000", "query share task, 1000 taskInfos", std::move(m), t.s);
}

sample<ose::create_batch_task_request> create_batch(rng& r) {
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::copy;
    m.actionType = ose::batch_action_type::copy_dump;
    m.taskInfo.fileInfo.push_back(
        {r.file_id(), "/Documents/2024/reports/" + r.from("abcdefghijklmnopqrstuvwxyz", 14) + ".xlsx"});
    m.taskInfo.newFilePath = r.file_id();
    m.taskInfo.srcContainerId = r.container_id();
    m.dstContainerId = r.container_id();
    text t;
    t.open('{');
    t.knum("taskType", wire(m.taskType));
    t.knum("actionType", wire(*m.actionType));
    t.key("taskInfo");
    t.open('{');
    t.key("fileInfo");
    t.open('[');
    t.open('{');
    t.kstr("fileId", *m.taskInfo.fileInfo[0].fileId);
    t.kstr("filePath", *m.taskInfo.fileInfo[0].filePath);
    t.close('}');
    t.close(']');
    t.kstr("newFilePath", *m.taskInfo.newFilePath);
    t.kstr("srcContainerId", m.taskInfo.srcContainerId);
    t.close('}');
    t.kstr("dstContainerId", m.dstContainerId);
    t.close('}');
    return make("create_batch_1", "create batch task, 1 file", std::move(m), t.s);
}

sample<ose::create_share_task_request> create_share(rng& r) {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::dump;
    m.containerId = r.share_container_id();
    for (int i = 0; i < 1000; ++i) m.fileIds.push_back(r.file_id());
    m.targetFileId = ose::file_id_info{r.file_id(), m.containerId};
    m.shareId = r.digits(19, '1');
    m.kdstoken = r.hex(48);
    text t;
    t.open('{');
    t.knum("taskType", wire(m.taskType));
    t.kstr("containerId", m.containerId);
    t.key("fileIds");
    t.open('[');
    for (const auto& f : m.fileIds) {
        t.element();
        t.str(f);
    }
    t.close(']');
    t.key("targetFileId");
    t.open('{');
    t.kstr("fileId", m.targetFileId->fileId);
    t.kstr("containerId", m.targetFileId->containerId);
    t.close('}');
    t.kstr("shareId", m.shareId);
    t.kstr("kdstoken", *m.kdstoken);
    t.close('}');
    return make("create_share_1000", "create share task, 1000 fileIds", std::move(m), t.s);
}

sample<ose::create_batch_task_response> create_batch_response(rng& r) {
    ose::create_batch_task_response m{"0", "Success.", r.task_id()};
    text t;
    t.open('{');
    t.knum("code", 0);
    t.kstr("msg", m.msg);
    t.kstr("data", m.data);
    t.kstr("requestId", r.hex(32));  // unknown
    t.close('}');
    return make("create_batch_response", "create batch task response", std::move(m), t.s);
}

sample<ose::list_batch_tasks_request> list_jobs_request(rng&) {
    ose::list_batch_tasks_request m{200, 100, ose::batch_task_type::remove, ose::job_status::completed};
    text t;
    t.open('{');
    t.knum("offset", m.offset);
    t.knum("limit", m.limit);
    t.knum("type", wire(*m.type));
    t.knum("status", wire(*m.status));
    t.close('}');
    return make("list_jobs_request", "list jobs request (as JSON)", std::move(m), t.s);
}

sample<ose::create_share_task_response> create_share_response(rng& r) {
    ose::create_share_task_response m{"0", "Success", r.task_id()};
    text t;
    t.open('{');
    t.knum("code", 0);
    t.kstr("msg", m.msg);
    t.kstr("taskId", m.taskId);
    t.kraw("estimated", "{\"seconds\":12.5,\"queue\":3}");  // unknown
    t.close('}');
    return make("create_share_response", "create share task response", std::move(m), t.s);
}

sample<ose::create_task_request> create_task(rng& r) {
    ose::create_task_request m;
    m.taskType = ose::transfer_task_type::transfer_and_delete;
    m.srcUserId = r.digits(19, '1');
    m.dstUserId = r.digits(19, '1');
    text t;
    t.open('{');
    t.knum("taskType", wire(m.taskType));
    t.kstr("srcUserId", *m.srcUserId);
    t.kstr("dstUserId", *m.dstUserId);
    t.close('}');
    return make("create_task", "create task (transfer)", std::move(m), t.s);
}

sample<ose::create_task_response> create_task_response(rng& r) {
    ose::create_task_response m{r.task_id(), "0", "Success."};
    text t;
    t.open('{');
    t.kstr("taskId", m.taskId);
    t.knum("code", 0);
    t.kstr("msg", m.msg);
    t.kraw("retryAfter", "null");  // unknown
    t.close('}');
    return make("create_task_response", "create task response", std::move(m), t.s);
}

sample<ose::query_share_task_request> query_share_request(rng& r) {
    ose::query_share_task_request m{r.task_id(), r.digits(19, '1'), r.hex(48)};
    text t;
    t.open('{');
    t.kstr("taskId", m.taskId);
    t.kstr("shareId", m.shareId);
    t.kstr("kdstoken", *m.kdstoken);
    t.close('}');
    return make("query_share_request", "query share task request", std::move(m), t.s);
}

rng& seeded() {
    static rng r{0x6B6F6F6472697665ull};  // "koodrive"
    return r;
}

}  // namespace

// Each sample has its own generator state, derived from the seed and its position, so the
// samples do not depend on the order in which they are first used.
#define KOODRIVE_BENCH_SAMPLE(Type, maker, index)         \
    template <>                                           \
    const sample<Type>& get_sample<Type>() {              \
        static const sample<Type> s = [] {                \
            rng r{seeded().state + (index)*0x1000193ull}; \
            return maker(r);                              \
        }();                                              \
        return s;                                         \
    }

KOODRIVE_BENCH_SAMPLE(ose::list_batch_tasks_response, list_jobs, 1)
KOODRIVE_BENCH_SAMPLE(ose::query_share_task_response, query_share, 2)
KOODRIVE_BENCH_SAMPLE(ose::create_batch_task_request, create_batch, 3)
KOODRIVE_BENCH_SAMPLE(ose::create_share_task_request, create_share, 4)
KOODRIVE_BENCH_SAMPLE(ose::create_batch_task_response, create_batch_response, 5)
KOODRIVE_BENCH_SAMPLE(ose::list_batch_tasks_request, list_jobs_request, 6)
KOODRIVE_BENCH_SAMPLE(ose::create_share_task_response, create_share_response, 7)
KOODRIVE_BENCH_SAMPLE(ose::create_task_request, create_task, 8)
KOODRIVE_BENCH_SAMPLE(ose::create_task_response, create_task_response, 9)
KOODRIVE_BENCH_SAMPLE(ose::query_share_task_request, query_share_request, 10)

#undef KOODRIVE_BENCH_SAMPLE

}  // namespace bench
