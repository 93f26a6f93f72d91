// koodrive-ose benchmarks: deterministic, realistic inputs for the ten messages.
//
// The values come from ose::testing::traffic (testing/traffic.hpp) with a fixed seed, so the
// benchmarks time the project's one reproducible model of realistic traffic (19-digit IDs,
// IAAD... and IAAB... container IDs, F... file IDs, yyyyMMddHHmmss times; the same with every
// compiler) rather than a private copy of it. Where a sample needs one variant (a copy task, a
// dump, `code` "0"), successive messages are drawn until one fits; every value is validated.
// Each sample's JSON is still written here by hand from those values, independently of any
// implementation under test: responses carry `code` as a JSON integer (as the reference's
// examples do), keys in the reference's order, and unknown extra fields of every JSON type
// (objects, arrays, numbers with fractions, booleans, null, escaped strings) that every
// decoder must skip. The download URL is written Gson-style (`&` and `=` as \u0026 and
// \u003d), so decoders also unescape.
#include "bench.hpp"

#include <koodrive/ose/testing/traffic.hpp>

#include <cstdio>
#include <cstdlib>

namespace bench {
namespace {

using ose::testing::traffic;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "\n*** SAMPLE GENERATION FAILED: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

// The library's seeded source (SplitMix64) for the unknown extra fields only (request IDs,
// sizes); the values come from traffic.
struct rng {
    ose::testing::seeded_source source;
    std::uint64_t next() { return source.next(); }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    long long between(int lo, int hi) {
        return lo + static_cast<long long>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    std::string hex(std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += "0123456789abcdef"[below(16)];
        return s;
    }
};

// The next message of `t` with `entries` per array that `fits`, validated.
template <class T, class Fits>
T draw(traffic& t, std::size_t entries, Fits fits) {
    T m{};
    for (int i = 0; i < 1000; ++i) {
        t.next_into(m, entries);
        if (!fits(m)) continue;
        if (auto v = ose::validate(m); !v)
            fail(std::string(ose::description<T>::name) + " does not validate at " + v.error().path + ": " +
                 v.error().message);
        return m;
    }
    fail(std::string("no ") + std::string(ose::description<T>::name) + " fits in 1000 draws");
}

// A response that succeeded: code "0" (its on-success fields are always generated).
template <class T>
T draw_ok(traffic& t, std::size_t entries = 1) {
    return draw<T>(t, entries, [](const T& m) { return m.code == "0"; });
}

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
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                s += '\\';
                s += c;
            } else if (c == '\n') {
                s += "\\n";
            } else if (c == '\t') {
                s += "\\t";
            } else if (u < 0x20 || (gson && (c == '&' || c == '=' || c == '<' || c == '>' || c == '\''))) {
                char b[8];
                std::snprintf(b, sizeof b, "\\u%04x", static_cast<unsigned>(u));
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
    template <class String>
    void kstr(std::string_view k, const std::optional<String>& v) {  // absent: no key
        if (v) kstr(k, *v);
    }
    void knum(std::string_view k, long long v) {
        key(k);
        num(v);
    }
    void kraw(std::string_view k, std::string_view r) {
        key(k);
        raw(r);
    }
    // `code` as a JSON integer, as in the reference's examples.
    void kcode(std::string_view c) {
        if (c.empty() || c.find_first_not_of("0123456789") != std::string_view::npos)
            fail("code \"" + std::string(c) + "\" is not an integer");
        kraw("code", c);
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

sample<ose::list_batch_tasks_response> list_jobs(traffic& tr, rng& r, std::size_t entries) {
    auto m = draw_ok<ose::list_batch_tasks_response>(tr, entries);
    text t;
    t.open('{');
    t.key("data");
    t.open('[');
    for (const auto& j : m.data) {
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
    }
    t.close(']');
    t.kcode(m.code);
    t.kstr("msg", m.msg);
    t.knum("total", 2315);  // unknown
    top_level_extras(t, r);
    t.close('}');
    return make("list_jobs_" + std::to_string(entries), "list jobs, " + std::to_string(entries) + " entries",
                std::move(m), t.s);
}

sample<ose::query_share_task_response> query_share(traffic& tr, rng& r) {
    auto m = draw_ok<ose::query_share_task_response>(tr, 1000);
    const auto& j = m.jobInfo;
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
    for (const auto& e : m.taskInfos) {
        t.open('{');
        t.kstr("fileId", e.fileId);
        t.kstr("status", e.status);
        t.kstr("newFileId", e.newFileId);
        t.kstr("srcContainerId", e.srcContainerId);
        t.knum("size", static_cast<long long>(r.below(1000000)));  // unknown
        t.close('}');
    }
    t.close(']');
    t.kcode(m.code);
    t.kstr("msg", m.msg);
    top_level_extras(t, r);
    t.close('}');
    return make("query_share_1000", "query share task, 1000 taskInfos", std::move(m), t.s);
}

sample<ose::create_batch_task_request> create_batch(traffic& tr, rng&, std::size_t files) {
    // A copy of `files` files, every optional field of that variant present in the first.
    auto m = draw<ose::create_batch_task_request>(tr, files, [&](const ose::create_batch_task_request& c) {
        return c.taskType == ose::batch_task_type::copy && c.actionType && c.taskInfo.fileInfo.size() == files &&
               c.taskInfo.fileInfo[0].fileId && c.taskInfo.fileInfo[0].filePath;
    });
    text t;
    t.open('{');
    t.knum("taskType", wire(*m.taskType));
    if (m.actionType) t.knum("actionType", wire(*m.actionType));
    t.key("taskInfo");
    t.open('{');
    t.key("fileInfo");
    t.open('[');
    for (const auto& f : m.taskInfo.fileInfo) {
        t.open('{');
        t.kstr("fileId", f.fileId);
        t.kstr("filePath", f.filePath);
        t.close('}');
    }
    t.close(']');
    t.kstr("newFilePath", m.taskInfo.newFilePath);
    t.kstr("srcContainerId", m.taskInfo.srcContainerId);
    if (!m.taskInfo.uncompressFilePaths.empty()) {
        t.key("uncompressFilePaths");
        t.open('[');
        for (const auto& p : m.taskInfo.uncompressFilePaths) {
            t.element();
            t.str(p);
        }
        t.close(']');
    }
    t.close('}');
    t.kstr("dstContainerId", m.dstContainerId);
    t.kstr("password", m.password);
    t.close('}');
    return make("create_batch_" + std::to_string(files),
                "create batch task, " + std::to_string(files) + (files == 1 ? " file" : " files"), std::move(m), t.s);
}

sample<ose::create_share_task_request> create_share(traffic& tr, rng&) {
    auto m = draw<ose::create_share_task_request>(tr, 1000, [](const ose::create_share_task_request& c) {
        return c.taskType == ose::share_task_type::dump && c.fileIds.size() == 1000 && c.kdstoken;
    });
    text t;
    t.open('{');
    t.knum("taskType", wire(*m.taskType));
    t.kstr("containerId", m.containerId);
    t.key("fileIds");
    t.open('[');
    for (const auto& f : m.fileIds) {
        t.element();
        t.str(f);
    }
    t.close(']');
    if (m.targetFileId) {
        t.key("targetFileId");
        t.open('{');
        t.kstr("fileId", m.targetFileId->fileId);
        t.kstr("containerId", m.targetFileId->containerId);
        t.close('}');
    }
    t.kstr("zipName", m.zipName);
    t.kstr("shareId", m.shareId);
    t.kstr("kdstoken", m.kdstoken);
    t.close('}');
    return make("create_share_1000", "create share task, 1000 fileIds", std::move(m), t.s);
}

sample<ose::create_batch_task_response> create_batch_response(traffic& tr, rng& r) {
    auto m = draw_ok<ose::create_batch_task_response>(tr);
    text t;
    t.open('{');
    t.kcode(m.code);
    t.kstr("msg", m.msg);
    t.kstr("data", m.data);
    t.kstr("requestId", r.hex(32));  // unknown
    t.close('}');
    return make("create_batch_response", "create batch task response", std::move(m), t.s);
}

sample<ose::list_batch_tasks_request> list_jobs_request(traffic& tr, rng&) {
    auto m = draw<ose::list_batch_tasks_request>(
        tr, 1, [](const ose::list_batch_tasks_request& q) { return q.type && q.status; });
    text t;
    t.open('{');
    t.knum("offset", *m.offset);
    t.knum("limit", *m.limit);
    t.knum("type", wire(*m.type));
    t.knum("status", wire(*m.status));
    t.close('}');
    return make("list_jobs_request", "list jobs request (as JSON)", std::move(m), t.s);
}

sample<ose::create_share_task_response> create_share_response(traffic& tr, rng&) {
    auto m = draw_ok<ose::create_share_task_response>(tr);
    text t;
    t.open('{');
    t.kcode(m.code);
    t.kstr("msg", m.msg);
    t.kstr("taskId", m.taskId);
    t.kraw("estimated", "{\"seconds\":12.5,\"queue\":3}");  // unknown
    t.close('}');
    return make("create_share_response", "create share task response", std::move(m), t.s);
}

sample<ose::create_task_request> create_task(traffic& tr, rng&) {
    auto m = draw<ose::create_task_request>(tr, 1, [](const ose::create_task_request& c) {
        return c.taskType == ose::transfer_task_type::transfer_and_delete;
    });
    text t;
    t.open('{');
    t.knum("taskType", wire(*m.taskType));
    t.kstr("srcUserId", m.srcUserId);
    t.kstr("dstUserId", m.dstUserId);
    t.kstr("resultId", m.resultId);
    t.kstr("orgId", m.orgId);
    t.kstr("orgUserId", m.orgUserId);
    t.close('}');
    return make("create_task", "create task (transfer)", std::move(m), t.s);
}

sample<ose::create_task_response> create_task_response(traffic& tr, rng&) {
    auto m = draw_ok<ose::create_task_response>(tr);
    text t;
    t.open('{');
    t.kstr("taskId", m.taskId);
    t.kcode(m.code);
    t.kstr("msg", m.msg);
    t.kraw("retryAfter", "null");  // unknown
    t.close('}');
    return make("create_task_response", "create task response", std::move(m), t.s);
}

sample<ose::query_share_task_request> query_share_request(traffic& tr, rng&) {
    auto m = draw<ose::query_share_task_request>(
        tr, 1, [](const ose::query_share_task_request& q) { return q.kdstoken.has_value(); });
    text t;
    t.open('{');
    t.kstr("taskId", m.taskId);
    t.kstr("shareId", m.shareId);
    t.kstr("kdstoken", m.kdstoken);
    t.close('}');
    return make("query_share_request", "query share task request", std::move(m), t.s);
}

constexpr std::uint64_t seed = 0x6B6F6F6472697665ull;  // "koodrive"

}  // namespace

// Each sample has its own traffic and extras generator, derived from the seed and its position
// (`index`, then 100 more per further sample of the same message), so the samples do not depend
// on the order in which they are first used.
template <class T, class... Makers>
std::vector<sample<T>> build(std::uint64_t index, Makers... makers) {
    std::vector<sample<T>> all;
    for (auto& maker : {std::function<sample<T>(traffic&, rng&)>(makers)...}) {
        traffic tr(seed + index * 0x1000193ull);
        rng r{ose::testing::seeded_source(~seed + index * 0x1000193ull)};
        all.push_back(maker(tr, r));
        index += 100;
    }
    return all;
}

#define KOODRIVE_BENCH_SAMPLES(Type, ...)                                      \
    template <>                                                                \
    const std::vector<sample<Type>>& samples_of<Type>() {                      \
        static const std::vector<sample<Type>> all = build<Type>(__VA_ARGS__); \
        return all;                                                            \
    }

KOODRIVE_BENCH_SAMPLES(
    ose::list_batch_tasks_response, 1, [](traffic& tr, rng& r) { return list_jobs(tr, r, 2); },
    [](traffic& tr, rng& r) { return list_jobs(tr, r, 100); })
KOODRIVE_BENCH_SAMPLES(ose::query_share_task_response, 2, query_share)
KOODRIVE_BENCH_SAMPLES(
    ose::create_batch_task_request, 3, [](traffic& tr, rng& r) { return create_batch(tr, r, 1); },
    [](traffic& tr, rng& r) { return create_batch(tr, r, 1000); })
KOODRIVE_BENCH_SAMPLES(ose::create_share_task_request, 4, create_share)
KOODRIVE_BENCH_SAMPLES(ose::create_batch_task_response, 5, create_batch_response)
KOODRIVE_BENCH_SAMPLES(ose::list_batch_tasks_request, 6, list_jobs_request)
KOODRIVE_BENCH_SAMPLES(ose::create_share_task_response, 7, create_share_response)
KOODRIVE_BENCH_SAMPLES(ose::create_task_request, 8, create_task)
KOODRIVE_BENCH_SAMPLES(ose::create_task_response, 9, create_task_response)
KOODRIVE_BENCH_SAMPLES(ose::query_share_task_request, 10, query_share_request)

#undef KOODRIVE_BENCH_SAMPLES

}  // namespace bench
