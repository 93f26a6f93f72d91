// fuzz_differential: the library's JSON reader against Boost.JSON (a test-only dependency).
//
// Input: the JSON text itself (no selector byte), so the JSONTestSuite files seed it as is.
//
// 1. Accept/reject: ose::json::validate(input) accepts exactly when Boost.JSON's parser,
//    configured strictly (no comments, no trailing commas, no invalid UTF-8, max_depth equal to
//    the library's depth limit), accepts the whole input as one JSON text.
// 2. Values: Boost.JSON's basic_parser builds a small tree that keeps what a DOM would lose
//    (duplicate keys, key order, the digits of each number as written); an independent reading
//    of that tree by the rules in docs/decisions.md must agree with ose::decode for
//    list_batch_tasks_response and query_share_task_response: both accept or both reject, and
//    when both accept, every field is equal.
//
// Documented differences that are excluded, not failures:
//   - Boost.JSON refuses an exponent beyond INT_MAX digits' worth (error::exponent_overflow,
//     e.g. 1e9999999999); RFC 8259 and the library accept any exponent. Such inputs are skipped.
//   - Inputs longer than the library's limits are not generated (-max_len is far below them);
//     the depth limit is set equal on both sides.
//   Both reject lone surrogate escapes and invalid UTF-8, so no exclusion is needed there;
//   duplicate keys are kept by the tree, not merged, so they are compared too.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/src.hpp>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;
namespace bj = boost::json;

// ---- a tree from Boost.JSON's events ----------------------------------------------------------

struct member;

struct node {
    enum kind_t { null_v, bool_v, number_v, string_v, array_v, object_v } kind = null_v;
    std::string text;             // string contents, or the number as written
    std::vector<member> members;  // in input order, duplicates kept
    std::vector<node> items;
};

struct member {
    std::string key;
    node value;
};

struct tree_handler {
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    std::vector<node> stack;        // open containers
    std::vector<std::string> keys;  // pending key of each open object
    std::string key_buf, str_buf, num_buf;
    std::optional<node> root;

    void add(node&& n) {
        if (stack.empty()) {
            root = std::move(n);
            return;
        }
        node& top = stack.back();
        if (top.kind == node::object_v)
            top.members.push_back(member{std::move(keys.back()), std::move(n)});
        else
            top.items.push_back(std::move(n));
    }
    bool on_document_begin(bj::error_code&) { return true; }
    bool on_document_end(bj::error_code&) { return true; }
    bool on_array_begin(bj::error_code&) {
        stack.push_back(node{node::array_v, {}, {}, {}});
        keys.emplace_back();
        return true;
    }
    bool on_array_end(std::size_t, bj::error_code&) { return close(); }
    bool on_object_begin(bj::error_code&) {
        stack.push_back(node{node::object_v, {}, {}, {}});
        keys.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t, bj::error_code&) { return close(); }
    bool close() {
        node n = std::move(stack.back());
        stack.pop_back();
        keys.pop_back();
        add(std::move(n));
        return true;
    }
    bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
        str_buf.append(s.data(), s.size());
        return true;
    }
    bool on_string(bj::string_view s, std::size_t, bj::error_code&) {
        str_buf.append(s.data(), s.size());
        add(node{node::string_v, std::move(str_buf), {}, {}});
        str_buf.clear();
        return true;
    }
    bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
        key_buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(bj::string_view s, std::size_t, bj::error_code&) {
        key_buf.append(s.data(), s.size());
        keys.back() = std::move(key_buf);
        key_buf.clear();
        return true;
    }
    bool on_number_part(bj::string_view s, bj::error_code&) {
        num_buf.append(s.data(), s.size());
        return true;
    }
    bool number(bj::string_view s) {
        num_buf.append(s.data(), s.size());
        add(node{node::number_v, std::move(num_buf), {}, {}});
        num_buf.clear();
        return true;
    }
    bool on_int64(std::int64_t, bj::string_view s, bj::error_code&) { return number(s); }
    bool on_uint64(std::uint64_t, bj::string_view s, bj::error_code&) { return number(s); }
    bool on_double(double, bj::string_view s, bj::error_code&) { return number(s); }
    bool on_bool(bool b, bj::error_code&) {
        add(node{node::bool_v, b ? "true" : "false", {}, {}});
        return true;
    }
    bool on_null(bj::error_code&) {
        add(node{node::null_v, {}, {}, {}});
        return true;
    }
    bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
    bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

enum class verdict { accept, reject, excluded };

verdict boost_parse(std::string_view input, std::size_t max_depth, std::optional<node>& out) {
    bj::parse_options opt;
    opt.max_depth = max_depth;
    opt.allow_comments = false;
    opt.allow_trailing_commas = false;
    opt.allow_invalid_utf8 = false;
    bj::basic_parser<tree_handler> p(opt);
    bj::error_code ec;
    const std::size_t n = p.write_some(false, input.data(), input.size(), ec);
    if (ec == bj::error::exponent_overflow) return verdict::excluded;
    if (ec || n != input.size() || !p.done()) return verdict::reject;
    out = std::move(p.handler().root);
    return verdict::accept;
}

// ---- the reference reading of the tree, by docs/decisions.md ----------------------------------

bool is_integral_text(const std::string& t) { return t.find_first_of(".eE") == std::string::npos; }

// Wide enough for any 64-bit value and its negation (g++ -Wpedantic wants the extension named).
__extension__ using wide_int = __int128;

// A canonical integer: optional '-', digits, no leading zero; in [lo, hi].
bool read_int(const std::string& t, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
    std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
    if (i == t.size()) return false;
    if (t[i] == '0' && t.size() > i + 1) return false;
    wide_int v = 0;
    for (; i < t.size(); ++i) {
        if (t[i] < '0' || t[i] > '9') return false;
        v = v * 10 + (t[i] - '0');
        if (v > (static_cast<wide_int>(1) << 64)) return false;
    }
    if (t[0] == '-') v = -v;
    if (v < lo || v > hi) return false;
    out = static_cast<std::int64_t>(v);
    return true;
}

// A string field: a string, or a non-negative integer kept as written.
bool ref_string(const node& n, std::string& out) {
    if (n.kind == node::string_v) {
        out = n.text;
        return true;
    }
    if (n.kind == node::number_v && n.text[0] != '-' && is_integral_text(n.text)) {
        out = n.text;
        return true;
    }
    return false;
}

// An integer field (int32, or an enum over int32): an integer number, or a string holding one.
bool ref_int32(const node& n, std::int32_t& out) {
    std::int64_t v = 0;
    if (n.kind == node::number_v && !is_integral_text(n.text)) return false;
    if (n.kind != node::number_v && n.kind != node::string_v) return false;
    if (!read_int(n.text, INT32_MIN, INT32_MAX, v)) return false;
    out = static_cast<std::int32_t>(v);
    return true;
}

template <class E>
bool ref_enum(const node& n, E& out) {
    std::int32_t v = 0;
    if (!ref_int32(n, v)) return false;
    out = static_cast<E>(v);
    return true;
}

// Reads the members of an object: `field(key, value)` returns 1 when it took a known key,
// 0 for an unknown key, -1 when the value is wrong. A known key twice is an error, null is
// absent. `required` names the keys that must be present and not null.
template <class F>
bool ref_object(const node& n, F&& field, std::vector<std::string> required = {}) {
    if (n.kind != node::object_v) return false;
    std::vector<std::string> seen;
    for (const auto& [key, value] : n.members) {
        const int r = field(key, value, /*probe=*/true);
        if (r == 0) continue;  // unknown: skipped (it is valid JSON already)
        for (const auto& s : seen)
            if (s == key) return false;
        seen.push_back(key);
        if (value.kind == node::null_v) continue;
        if (field(key, value, false) < 0) return false;
        std::erase(required, key);
    }
    return required.empty();
}

bool ref_job(const node& n, ose::batch_job_info& j) {
    return ref_object(n, [&](const std::string& k, const node& v, bool probe) -> int {
        auto str = [&](std::string& s) { return probe ? 1 : (ref_string(v, s) ? 1 : -1); };
        auto num = [&](std::int32_t& x) { return probe ? 1 : (ref_int32(v, x) ? 1 : -1); };
        auto en = [&](auto& e) { return probe ? 1 : (ref_enum(v, e) ? 1 : -1); };
        if (k == "taskId") return str(j.taskId);
        if (k == "taskType") return en(j.taskType);
        if (k == "actionType") return en(j.actionType);
        if (k == "status") return en(j.status);
        if (k == "taskResultCode") return en(j.taskResultCode);
        if (k == "resultCode") return num(j.resultCode);
        if (k == "contentNum") return num(j.contentNum);
        if (k == "containerId") return str(j.containerId);
        if (k == "tenantId") return str(j.tenantId);
        if (k == "beginTime") return str(j.beginTime);
        if (k == "endTime") return str(j.endTime);
        if (k == "createTime") return str(j.createTime);
        return 0;
    });
}

bool ref_list(const node& n, ose::list_batch_tasks_response& r) {
    return ref_object(n,
                      [&](const std::string& k, const node& v, bool probe) -> int {
                          if (k == "code") return probe ? 1 : (ref_string(v, r.code) ? 1 : -1);
                          if (k == "msg") return probe ? 1 : (ref_string(v, r.msg) ? 1 : -1);
                          if (k == "data") {
                              if (probe) return 1;
                              if (v.kind != node::array_v) return -1;
                              for (const auto& item : v.items) {
                                  r.data.emplace_back();
                                  if (!ref_job(item, r.data.back())) return -1;
                              }
                              return 1;
                          }
                          return 0;
                      },
                      {"code"});
}

bool ref_share_job(const node& n, ose::share_job_info& j) {
    return ref_object(n, [&](const std::string& k, const node& v, bool probe) -> int {
        auto str = [&](std::string& s) { return probe ? 1 : (ref_string(v, s) ? 1 : -1); };
        auto en = [&](auto& e) { return probe ? 1 : (ref_enum(v, e) ? 1 : -1); };
        if (k == "userId") return str(j.userId);
        if (k == "taskId") return str(j.taskId);
        if (k == "taskType") return en(j.taskType);
        if (k == "taskStatus") return en(j.taskStatus);
        if (k == "taskResultCode") return en(j.taskResultCode);
        if (k == "createTime") return str(j.createTime);
        if (k == "startTime") return str(j.startTime);
        if (k == "endTime") return str(j.endTime);
        if (k == "progress") return probe ? 1 : (ref_int32(v, j.progress) ? 1 : -1);
        if (k == "downloadUrl") return str(j.downloadUrl);
        return 0;
    });
}

bool ref_task_info(const node& n, ose::share_task_info& t) {
    return ref_object(n, [&](const std::string& k, const node& v, bool probe) -> int {
        auto str = [&](std::string& s) { return probe ? 1 : (ref_string(v, s) ? 1 : -1); };
        if (k == "fileId") return str(t.fileId);
        if (k == "status") return str(t.status);
        if (k == "newFileId") return str(t.newFileId);
        if (k == "srcContainerId") return str(t.srcContainerId);
        return 0;
    });
}

bool ref_query(const node& n, ose::query_share_task_response& r) {
    return ref_object(n,
                      [&](const std::string& k, const node& v, bool probe) -> int {
                          if (k == "code") return probe ? 1 : (ref_string(v, r.code) ? 1 : -1);
                          if (k == "msg") return probe ? 1 : (ref_string(v, r.msg) ? 1 : -1);
                          if (k == "jobInfo") return probe ? 1 : (ref_share_job(v, r.jobInfo) ? 1 : -1);
                          if (k == "taskInfos") {
                              if (probe) return 1;
                              if (v.kind == node::object_v) {  // a single object is a one-element array
                                  r.taskInfos.emplace_back();
                                  return ref_task_info(v, r.taskInfos.back()) ? 1 : -1;
                              }
                              if (v.kind != node::array_v) return -1;
                              for (const auto& item : v.items) {
                                  r.taskInfos.emplace_back();
                                  if (!ref_task_info(item, r.taskInfos.back())) return -1;
                              }
                              return 1;
                          }
                          return 0;
                      },
                      {"code"});
}

// Equality through the encoder, which writes every field (encode_unchecked skips validation).
template <class T>
std::string bytes_of(const T& m) {
    std::string out;
    ose::encode_unchecked(m, out);
    return out;
}

template <class T, class Ref>
void compare_values(std::string_view input, const node* tree, Ref&& ref) {
    T ours{};
    const bool ours_ok = static_cast<bool>(ose::decode_into(ours, input));
    T theirs{};
    const bool theirs_ok = tree != nullptr && ref(*tree, theirs);
    const std::string ours_text = ours_ok ? bytes_of(ours) : std::string("(rejected)");
    const std::string theirs_text = theirs_ok ? bytes_of(theirs) : std::string("(rejected)");
    FUZZ_CHECK_MSG(ours_ok == theirs_ok,
                   std::string(ose::description<T>::name) + ": library " + ours_text + "\n  reference " + theirs_text);
    if (ours_ok) FUZZ_CHECK_MSG(ours_text == theirs_text, ours_text + "\n  reference " + theirs_text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = as_text(data, size);
    const ose::read_limits limits{};
    std::optional<node> tree;
    const verdict boost = boost_parse(input, limits.max_depth, tree);
    if (boost == verdict::excluded) return 0;
    const auto ours = ose::json::validate(input, limits);
    FUZZ_CHECK_MSG(static_cast<bool>(ours) == (boost == verdict::accept),
                   std::string("library ") + (ours ? "accepts" : "rejects: " + ours.error().to_string()) +
                       ", Boost.JSON " + (boost == verdict::accept ? "accepts" : "rejects"));
    const node* root = boost == verdict::accept ? &*tree : nullptr;
    compare_values<ose::list_batch_tasks_response>(input, root, ref_list);
    compare_values<ose::query_share_task_response>(input, root, ref_query);
    return 0;
}
