// Round trips: generated values of all ten messages survive encode then decode exactly, and
// escapes survive byte for byte.
#include <doctest/doctest.h>

#include <koodrive/ose/codec.hpp>
#include <koodrive/ose/json_reader.hpp>
#include <koodrive/ose/messages/batch_tasks.hpp>
#include <koodrive/ose/messages/share_tasks.hpp>
#include <koodrive/ose/messages/transfer_tasks.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace ose = koodrive::ose;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace roundtrip_tests {

namespace {

// ---- generic deep equality over the descriptions ---------------------------------------------

template <class V>
bool deep_equal(const V& a, const V& b);

template <class T>
bool deep_equal_object(const T& a, const T& b) {
    bool eq = true;
    ose::for_each_field<T>([&](const auto& f) {
        if (!deep_equal(f.get(a), f.get(b))) {
            eq = false;
            return false;
        }
        return true;
    });
    return eq;
}

template <class V>
bool deep_equal(const V& a, const V& b) {
    if constexpr (ose::described<V>) {
        return deep_equal_object(a, b);
    } else if constexpr (ose::is_optional<V>::value) {
        return a.has_value() == b.has_value() && (!a.has_value() || deep_equal(*a, *b));
    } else if constexpr (ose::is_vector<V>::value) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!deep_equal(a[i], b[i])) return false;
        return true;
    } else {
        return a == b;
    }
}

// ---- a deterministic generator -------------------------------------------------------------

void append_code_point(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct generator {
    std::mt19937_64 rng;

    explicit generator(std::uint64_t seed) : rng(seed) {}

    std::uint64_t below(std::uint64_t n) { return rng() % n; }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }

    std::string text(bool non_empty) {
        std::string s;
        std::size_t len = 0;
        const auto shape = below(100);
        if (shape < 10)
            len = 0;
        else if (shape < 85)
            len = below(24);
        else if (shape < 98)
            len = below(200);
        else
            len = below(3000);
        if (len == 0 && non_empty) len = 1;
        if (chance(15)) {  // an ID: digits only, sometimes far beyond 2^64
            for (std::size_t i = 0; i < len; ++i) s += static_cast<char>('0' + below(10));
            return s;
        }
        for (std::size_t i = 0; i < len; ++i) {
            const auto kind = below(100);
            if (kind < 50)
                append_code_point(s, static_cast<std::uint32_t>(0x20 + below(0x5F)));  // printable ASCII
            else if (kind < 60)
                s += "\"\\/"[below(3)];
            else if (kind < 70)
                s += static_cast<char>(below(0x20));  // controls, NUL included
            else if (kind < 73)
                s += '\x7F';
            else if (kind < 82)
                append_code_point(s, static_cast<std::uint32_t>(0x80 + below(0x800 - 0x80)));
            else if (kind < 93) {
                std::uint32_t cp = 0;
                do cp = static_cast<std::uint32_t>(0x800 + below(0x10000 - 0x800));
                while (cp >= 0xD800 && cp <= 0xDFFF);
                append_code_point(s, cp);
            } else {
                append_code_point(s, static_cast<std::uint32_t>(0x10000 + below(0x110000 - 0x10000)));
            }
        }
        return s;
    }
    std::optional<std::string> maybe_text(bool non_empty, unsigned percent = 50) {
        if (!chance(percent)) return std::nullopt;
        return text(non_empty);
    }
    std::vector<std::string> texts(std::size_t lo, std::size_t hi, bool non_empty) {
        std::size_t n = lo + below(hi - lo + 1);
        if (hi > 50 && !chance(5)) n = lo + below(std::min<std::size_t>(hi - lo + 1, 8));
        std::vector<std::string> v;
        v.reserve(n);
        for (std::size_t i = 0; i < n; ++i) v.push_back(text(non_empty));
        return v;
    }

    std::int32_t int32() {
        static const std::vector<std::int32_t> edges = {
            0, 1, -1, 100, std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min()};
        if (chance(30)) return pick(edges);
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(rng()));
    }
    // Any wire value for a response enum: mostly known ones, sometimes anything.
    template <class E>
    E any_enum() {
        if (chance(80)) {
            const auto& entries = ose::enum_table<E>::entries;
            return entries[below(entries.size())].value;
        }
        return static_cast<E>(int32());
    }
    template <class E>
    E known_enum() {
        const auto& entries = ose::enum_table<E>::entries;
        return entries[below(entries.size())].value;
    }

    // ---- the ten messages ----

    ose::create_batch_task_request create_batch_task_request() {
        ose::create_batch_task_request m;
        const int type = static_cast<int>(1 + below(7));
        m.taskType = static_cast<ose::batch_task_type>(type);
        std::vector<int> actions;
        for (const auto& e : ose::enum_table<ose::batch_action_type>::entries)
            if (e.wire / 100 == type) actions.push_back(e.wire);
        if (!actions.empty() && chance(60)) m.actionType = static_cast<ose::batch_action_type>(pick(actions));
        const bool clearing = type == 7;
        const bool logical = m.actionType == ose::batch_action_type::logical_delete;
        std::size_t n = clearing ? below(4) : 1 + below(6);
        if (chance(2)) n = 1 + below(300);
        for (std::size_t i = 0; i < n; ++i) {
            ose::file_info f;
            f.fileId = clearing ? maybe_text(true) : std::optional<std::string>(text(true));
            f.filePath = logical ? std::optional<std::string>(text(true)) : maybe_text(true);
            m.taskInfo.fileInfo.push_back(std::move(f));
        }
        m.taskInfo.newFilePath = (type == 1 || type == 3) ? std::optional<std::string>(text(true)) : maybe_text(true);
        m.taskInfo.srcContainerId = text(true);
        if (m.actionType == ose::batch_action_type::decompress_partial)
            m.taskInfo.uncompressFilePaths = texts(1, 100, true);
        m.dstContainerId = text(true);
        if (type == 5) m.password = maybe_text(true);
        return m;
    }
    ose::create_batch_task_response create_batch_task_response() { return {text(false), text(false), text(false)}; }

    ose::list_batch_tasks_request list_batch_tasks_request() {
        ose::list_batch_tasks_request m;
        const auto shape = below(4);
        m.offset = shape == 0   ? 0
                   : shape == 1 ? std::numeric_limits<std::int64_t>::max()
                                : static_cast<std::int64_t>(rng() >> (1 + below(63)));
        m.limit = static_cast<std::int32_t>(1 + below(100));
        if (chance(50)) m.type = known_enum<ose::batch_task_type>();
        if (chance(50)) m.status = known_enum<ose::job_status>();
        return m;
    }
    ose::list_batch_tasks_response list_batch_tasks_response() {
        ose::list_batch_tasks_response m;
        m.code = text(false);
        m.msg = text(false);
        std::size_t n = below(5);
        if (chance(2)) n = below(100);
        for (std::size_t i = 0; i < n; ++i) {
            ose::batch_job_info j;
            j.taskId = text(false);
            j.taskType = any_enum<ose::batch_task_type>();
            j.actionType = any_enum<ose::batch_action_type>();
            j.status = any_enum<ose::job_status>();
            j.taskResultCode = any_enum<ose::task_result>();
            j.resultCode = int32();
            j.contentNum = int32();
            j.containerId = text(false);
            j.tenantId = text(false);
            j.beginTime = chance(70) ? "20231227151904" : text(false);
            j.endTime = text(false);
            j.createTime = text(false);
            m.data.push_back(std::move(j));
        }
        return m;
    }

    ose::create_share_task_request create_share_task_request() {
        ose::create_share_task_request m;
        const bool dump = chance(50);
        m.taskType = dump ? ose::share_task_type::dump : ose::share_task_type::package_download;
        m.containerId = text(true);
        m.fileIds = texts(1, 1000, true);
        if (dump)
            m.targetFileId = ose::file_id_info{chance(30) ? std::string("root") : text(true), text(true)};
        else
            m.zipName = text(true);
        m.shareId = text(true);
        m.kdstoken = maybe_text(true);
        return m;
    }
    ose::create_share_task_response create_share_task_response() { return {text(false), text(false), text(false)}; }

    ose::create_task_request create_task_request() {
        ose::create_task_request m;
        if (chance(50)) {
            m.taskType = ose::transfer_task_type::transfer_and_delete;
            m.srcUserId = text(true);
            m.dstUserId = text(true);
        } else {
            m.taskType = ose::transfer_task_type::batch_import;
            m.resultId = maybe_text(true);
            m.orgId = text(true);
            m.orgUserId = text(true);
        }
        return m;
    }
    ose::create_task_response create_task_response() { return {text(false), text(false), text(false)}; }

    ose::query_share_task_request query_share_task_request() { return {text(true), text(true), maybe_text(true)}; }
    ose::query_share_task_response query_share_task_response() {
        ose::query_share_task_response m;
        m.code = text(false);
        m.msg = text(false);
        auto& j = m.jobInfo;
        j.userId = text(false);
        j.taskId = text(false);
        j.taskType = any_enum<ose::share_task_type>();
        j.taskStatus = any_enum<ose::job_status>();
        j.taskResultCode = any_enum<ose::task_result>();
        j.createTime = text(false);
        j.startTime = text(false);
        j.endTime = text(false);
        j.progress = chance(50) ? static_cast<std::int32_t>(below(101)) : int32();
        j.downloadUrl = text(false);
        std::size_t n = below(4);
        if (chance(2)) n = below(100);
        for (std::size_t i = 0; i < n; ++i) m.taskInfos.push_back({text(false), text(false), text(false), text(false)});
        return m;
    }
};

// Values per message: 2000, or fewer when KOODRIVE_OSE_ROUND_TRIPS says so. CI's valgrind stage
// runs 300: memcheck is some 20x slower, and the paths it watches are the same after a few hundred.
int values_per_type() {
    constexpr int all = 2000;
    const char* env = std::getenv("KOODRIVE_OSE_ROUND_TRIPS");
    if (env == nullptr) return all;
    int n = 0;
    const std::string_view text(env);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    REQUIRE_MESSAGE((ec == std::errc{} && end == text.data() + text.size() && n >= 1 && n <= all),
                    "KOODRIVE_OSE_ROUND_TRIPS must be a count from 1 to 2000, not '" << text << "'");
    return n;
}

// decode(encode(x)) == x, field by field, and the JSON is a fixed point.
template <class T>
void check_round_trip(const T& x) {
    auto valid = ose::validate(x);
    REQUIRE_MESSAGE(valid.has_value(), valid.error().to_string());
    auto enc = ose::encode(x);
    REQUIRE(enc.has_value());
    REQUIRE(ose::json::validate(*enc).has_value());
    auto back = ose::decode<T>(*enc);
    REQUIRE_MESSAGE(back.has_value(), back.error().to_string());
    REQUIRE(deep_equal(*back, x));
    auto again = ose::encode(*back);
    REQUIRE(again.has_value());
    REQUIRE(*again == *enc);
    // encode_to appends to what is already there; encode_unchecked writes the same bytes.
    std::string buf = "[";
    REQUIRE(ose::encode_to(x, buf).has_value());
    REQUIRE(buf == "[" + *enc);
    std::string unchecked;
    ose::encode_unchecked(x, unchecked);
    REQUIRE(unchecked == *enc);
    // Whitespace around the document changes nothing.
    auto spaced = ose::decode<T>(" \n\t" + *enc + "\r\n ");
    REQUIRE(spaced.has_value());
    REQUIRE(deep_equal(*spaced, x));
}

template <class T, class Make, class Spot>
void run(std::uint64_t seed, Make make, Spot spot) {
    generator g(seed);
    const int values = values_per_type();
    for (int i = 0; i < values; ++i) {
        CAPTURE(i);
        const T x = make(g);
        check_round_trip(x);
        auto back = ose::decode<T>(*ose::encode(x));
        spot(x, *back);
    }
}

}  // namespace

TEST_CASE("round trip: deep_equal notices differences") {
    ose::query_share_task_response a;
    a.taskInfos.push_back({"a", "b", "c", "d"});
    auto b = a;
    CHECK(deep_equal(a, b));
    b.taskInfos[0].srcContainerId = "e";
    CHECK(!deep_equal(a, b));
    b = a;
    b.jobInfo.progress = 1;
    CHECK(!deep_equal(a, b));
    ose::create_batch_task_request c, d;
    d.password = "";
    CHECK(!deep_equal(c, d));
    d.password.reset();
    d.taskInfo.fileInfo.push_back({});
    CHECK(!deep_equal(c, d));
}

TEST_CASE("round trip: create batch task request") {
    run<ose::create_batch_task_request>(
        1, [](generator& g) { return g.create_batch_task_request(); },
        [](const auto& x, const auto& y) {
            CHECK(y.taskType == x.taskType);
            CHECK(y.taskInfo.fileInfo.size() == x.taskInfo.fileInfo.size());
            CHECK(y.password == x.password);
        });
}

TEST_CASE("round trip: create batch task response") {
    run<ose::create_batch_task_response>(
        2, [](generator& g) { return g.create_batch_task_response(); },
        [](const auto& x, const auto& y) {
            CHECK(y.code == x.code);
            CHECK(y.data == x.data);
        });
}

TEST_CASE("round trip: list batch tasks request") {
    run<ose::list_batch_tasks_request>(
        3, [](generator& g) { return g.list_batch_tasks_request(); },
        [](const auto& x, const auto& y) {
            CHECK(y.offset == x.offset);
            CHECK(y.limit == x.limit);
        });
}

TEST_CASE("round trip: list batch tasks response") {
    run<ose::list_batch_tasks_response>(
        4, [](generator& g) { return g.list_batch_tasks_response(); },
        [](const auto& x, const auto& y) {
            REQUIRE(y.data.size() == x.data.size());
            if (!x.data.empty()) {
                CHECK(y.data.back().resultCode == x.data.back().resultCode);
                CHECK(ose::to_wire(y.data.back().taskType) == ose::to_wire(x.data.back().taskType));
            }
        });
}

TEST_CASE("round trip: create share task request") {
    run<ose::create_share_task_request>(
        5, [](generator& g) { return g.create_share_task_request(); },
        [](const auto& x, const auto& y) {
            CHECK(y.fileIds.size() == x.fileIds.size());
            CHECK(y.fileIds.back() == x.fileIds.back());
            CHECK(y.targetFileId.has_value() == x.targetFileId.has_value());
            CHECK(y.kdstoken == x.kdstoken);
        });
}

TEST_CASE("round trip: create share task response") {
    run<ose::create_share_task_response>(
        6, [](generator& g) { return g.create_share_task_response(); },
        [](const auto& x, const auto& y) { CHECK(y.taskId == x.taskId); });
}

TEST_CASE("round trip: create task request") {
    run<ose::create_task_request>(
        7, [](generator& g) { return g.create_task_request(); },
        [](const auto& x, const auto& y) {
            CHECK(y.taskType == x.taskType);
            CHECK(y.resultId == x.resultId);
            CHECK(y.srcUserId == x.srcUserId);
        });
}

TEST_CASE("round trip: create task response") {
    run<ose::create_task_response>(
        8, [](generator& g) { return g.create_task_response(); },
        [](const auto& x, const auto& y) { CHECK(y.taskId == x.taskId); });
}

TEST_CASE("round trip: query share task request") {
    run<ose::query_share_task_request>(
        9, [](generator& g) { return g.query_share_task_request(); },
        [](const auto& x, const auto& y) {
            CHECK(y.taskId == x.taskId);
            CHECK(y.kdstoken == x.kdstoken);
        });
}

TEST_CASE("round trip: query share task response") {
    run<ose::query_share_task_response>(
        10, [](generator& g) { return g.query_share_task_response(); },
        [](const auto& x, const auto& y) {
            CHECK(y.taskInfos.size() == x.taskInfos.size());
            CHECK(y.jobInfo.progress == x.jobInfo.progress);
            CHECK(y.jobInfo.downloadUrl == x.jobInfo.downloadUrl);
        });
}

TEST_CASE("round trip: every escape survives byte for byte") {
    // Every escape form RFC 8259 has, including the ones the writer never produces (\/,
    // \u00e9, uppercase hex, surrogate pairs).
    std::string escapes = R"(\"\\\/\b\f\n\r\t)";
    std::string expected = "\"\\/\b\f\n\r\t";
    for (int c = 0; c < 0x20; ++c) {
        static constexpr char hex[] = "0123456789abcdef";
        escapes += "\\u00";
        escapes += hex[c >> 4];
        escapes += (c % 2 == 0) ? hex[c & 0xF] : "0123456789ABCDEF"[c & 0xF];
        expected += static_cast<char>(c);
    }
    escapes += R"(\u007f\u0080\u00E9\u07ff\u0800\u20ac\ufffd\uFFFF\ud800\udc00\ud83d\ude00\uDBFF\uDFFF)";
    expected +=
        "\x7F\xC2\x80\xC3\xA9\xDF\xBF\xE0\xA0\x80\xE2\x82\xAC\xEF\xBF\xBD\xEF\xBF\xBF\xF0\x90\x80\x80"
        "\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";
    const std::string doc =
        R"({"code":")" + escapes + R"(","msg":"raw \u0000 é €😀 )" + escapes + R"(","data":")" + escapes + "\"}";
    auto r = ose::decode<ose::create_batch_task_response>(doc);
    REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
    CHECK(r->code == expected);
    CHECK(r->data == expected);
    CHECK(r->msg == std::string("raw ") + std::string("\0", 1) + " \xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80 " + expected);

    // Written back in the one canonical form: short escapes, \u00xx for other controls,
    // everything else (DEL, '/', UTF-8) as is.
    auto enc = ose::encode(*r);
    REQUIRE(enc.has_value());
    std::string canonical = R"(\"\\/\b\f\n\r\t)";
    for (int c = 0; c < 0x20; ++c) {
        switch (c) {
        case '\b': canonical += "\\b"; break;
        case '\f': canonical += "\\f"; break;
        case '\n': canonical += "\\n"; break;
        case '\r': canonical += "\\r"; break;
        case '\t': canonical += "\\t"; break;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            canonical += "\\u00";
            canonical += hex[c >> 4];
            canonical += hex[c & 0xF];
        }
        }
    }
    canonical += expected.substr(8 + 0x20);
    CHECK(*enc == R"({"code":")" + canonical + R"(","msg":"raw \u0000 )" + "\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80 " +
                      canonical + R"(","data":")" + canonical + "\"}");
    // The canonical form is a fixed point, and the values survive exactly.
    auto back = ose::decode<ose::create_batch_task_response>(*enc);
    REQUIRE(back.has_value());
    CHECK(back->code == expected);
    CHECK(back->msg == r->msg);
    CHECK(back->data == expected);
    CHECK(*ose::encode(*back) == *enc);

    // Every byte value that can stand in UTF-8 text, in every string field of a nested response.
    std::string all;
    for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
    for (std::uint32_t cp :
         {0x80u, 0x9Fu, 0xA0u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFDu, 0xFFFFu, 0x10000u, 0x10FFFFu})
        append_code_point(all, cp);
    ose::query_share_task_response q;
    q.code = all;
    q.msg = all;
    q.jobInfo = {all,
                 all,
                 ose::share_task_type::dump,
                 ose::job_status::canceled,
                 ose::task_result::partially_failed,
                 all,
                 all,
                 all,
                 70,
                 all};
    q.taskInfos = {{all, all, all, all}, {"", "", "", ""}};
    auto qe = ose::encode(q);
    REQUIRE(qe.has_value());
    auto qb = ose::decode<ose::query_share_task_response>(*qe);
    REQUIRE(qb.has_value());
    CHECK(deep_equal(*qb, q));
    CHECK(qb->jobInfo.downloadUrl == all);
    CHECK(qb->taskInfos[0].srcContainerId == all);
    CHECK(*ose::encode(*qb) == *qe);
}

// The decoder reads fields in the described order, written compactly, on a fast path, and
// everything else on the general one: any order, spacing or escaping gives the same message.
TEST_CASE("decoding: key order, spacing and escaped keys do not matter") {
    const std::string parts[] = {R"("taskId":"1320279189273965056")", R"("shareId":"1689765568237837824")",
                                 R"("kdstoken":"aea2968ec8cfac33")"};
    std::array<int, 3> order{0, 1, 2};
    const auto want =
        ose::decode<ose::query_share_task_request>("{" + parts[0] + "," + parts[1] + "," + parts[2] + "}");
    REQUIRE(want);
    const std::string expected = *ose::encode(*want);
    int permutations = 0;
    do {
        for (const char* sep : {",", " , ", "\n,\t"}) {
            std::string json = "{" + parts[order[0]] + sep + parts[order[1]] + sep + parts[order[2]] + "}";
            for (const std::string& variant :
                 {json, std::regex_replace(json, std::regex("\":"), "\" : "),
                  std::regex_replace(json, std::regex("\"shareId\""), R"("share\u0049d")"),
                  std::regex_replace(json, std::regex("\\{"), R"({"unknown":[1,{"taskId":2}],)")}) {
                ose::query_share_task_request m;
                m.taskId = "stale";  // a reused message
                const auto r = ose::decode_into(m, variant);
                INFO(variant);
                REQUIRE(r);
                CHECK(*ose::encode(m) == expected);
            }
        }
        ++permutations;
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(permutations == 6);
    // A field read on the fast path, given again later, is a duplicate.
    const auto dup = ose::decode<ose::query_share_task_request>("{" + parts[0] + "," + parts[1] + "," + parts[0] + "}");
    REQUIRE(!dup);
    CHECK(dup.error().code == ose::errc::duplicate_field);
    CHECK(dup.error().path == "$.taskId");
}

}  // namespace roundtrip_tests
