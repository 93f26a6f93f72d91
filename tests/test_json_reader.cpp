// Tests for koodrive/ose/json_reader.hpp and json_writer.hpp: RFC 8259 strictness, limits,
// error locations, exact escaping, and the JSONTestSuite (top level and inside a message).
#include <doctest/doctest.h>

#include <koodrive/ose/codec.hpp>
#include <koodrive/ose/json_reader.hpp>
#include <koodrive/ose/json_writer.hpp>
#include <koodrive/ose/messages/batch_tasks.hpp>
#include <koodrive/ose/messages/share_tasks.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#ifndef KOODRIVE_OSE_JSONTESTSUITE_DIR
#define KOODRIVE_OSE_JSONTESTSUITE_DIR "/work/shared/testdata/jsontestsuite/test_parsing"
#endif

namespace ose = koodrive::ose;
namespace json = koodrive::ose::json;
using namespace std::string_literals;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace json_reader_tests {

namespace {

ose::result<void> jv(std::string_view s, const json::read_limits& l = {}) { return json::validate(s, l); }

// Decodes `value` (JSON text) as the `msg` string of a response.
ose::result<ose::create_batch_task_response> as_msg(std::string_view value, const json::read_limits& l = {}) {
    std::string doc = R"({"code":0,"msg":)";
    doc.append(value);
    doc += '}';
    return ose::decode<ose::create_batch_task_response>(doc, l);
}

// Every reader error carries an offset and a `$`-rooted path.
void check_located(const ose::error& e, std::size_t input_size) {
    CHECK(e.offset != ose::error::no_offset);
    CHECK(e.offset <= input_size);
    REQUIRE(!e.path.empty());
    CHECK(e.path[0] == '$');
    CHECK(!e.message.empty());
}

ose::error fails(std::string_view s, ose::errc code, std::size_t offset, const json::read_limits& l = {}) {
    auto r = jv(s, l);
    REQUIRE_MESSAGE(!r.has_value(), "accepted: " << s);
    const ose::error e = r.error();
    CHECK_MESSAGE(e.code == code, s << " gave " << ose::to_string(e.code));
    CHECK_MESSAGE(e.offset == offset, s << " gave offset " << e.offset);
    CHECK(e.kind == ose::error_kind::malformed_response);
    check_located(e, s.size());
    return e;
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string escaped(std::string_view s) {
    std::string out;
    json::write_string(out, s);
    return out;
}

// A reference escaper, byte by byte, to compare the writer's fast path against.
std::string reference_escape(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// ============================================================================================
// RFC 8259 strictness
// ============================================================================================

TEST_CASE("reader: well-formed documents are accepted") {
    for (const char* s : {"{}", "[]", " {} ", "\t\r\n{}\n", "0", "-0", "1.5e-3", "\"x\"", "true", "false", "null",
                          R"({"a":[1,{"b":null},"c",true,false,-1.0E+2]})", "[[[]]]", "{\"\":{}}"}) {
        CHECK_MESSAGE(jv(s).has_value(), s);
    }
}

TEST_CASE("reader: byte-order mark, trailing content and empty input are rejected") {
    fails("\xEF\xBB\xBF{}", ose::errc::syntax, 0);
    fails("{} x", ose::errc::syntax, 3);
    fails("{}{}", ose::errc::syntax, 2);
    fails("[1] ]", ose::errc::syntax, 4);
    fails("1 2", ose::errc::syntax, 2);
    fails("", ose::errc::syntax, 0);
    fails("   ", ose::errc::syntax, 3);
    // Also in a message: nothing but whitespace after the object.
    auto r = ose::decode<ose::create_batch_task_response>("{\"code\":0} \n x");
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::syntax);
    CHECK(r.error().offset == 13);
    CHECK(r.error().path == "$");
    auto bom = ose::decode<ose::create_batch_task_response>("\xEF\xBB\xBF{\"code\":0}");
    REQUIRE(!bom);
    CHECK(bom.error().code == ose::errc::syntax);
    CHECK(bom.error().offset == 0);
    CHECK(ose::decode<ose::create_batch_task_response>("{\"code\":0} \r\n\t").has_value());
}

TEST_CASE("reader: number grammar") {
    fails("01", ose::errc::syntax, 1);
    fails("-01", ose::errc::syntax, 2);
    fails("[00]", ose::errc::syntax, 2);
    fails("+1", ose::errc::syntax, 0);
    fails("-", ose::errc::syntax, 1);
    fails("1.", ose::errc::syntax, 2);
    fails(".5", ose::errc::syntax, 0);
    fails("1e", ose::errc::syntax, 2);
    fails("1e+", ose::errc::syntax, 3);
    fails("[1.e5]", ose::errc::syntax, 3);
    fails("0x10", ose::errc::syntax, 1);
    fails("[NaN]", ose::errc::syntax, 1);
    fails("[Infinity]", ose::errc::syntax, 1);
    CHECK(jv("1E+400").has_value());
    CHECK(jv("-0.0e-0").has_value());
    CHECK(jv("123456789012345678901234567890").has_value());
}

TEST_CASE("reader: literals, punctuation and structure") {
    fails("tru", ose::errc::syntax, 0);
    fails("[nul]", ose::errc::syntax, 1);
    fails("True", ose::errc::syntax, 0);
    fails("[1,]", ose::errc::syntax, 3);
    fails("[,1]", ose::errc::syntax, 1);
    fails("[1 2]", ose::errc::syntax, 3);
    fails(R"({"a":1,})", ose::errc::syntax, 7);
    fails(R"({"a" 1})", ose::errc::syntax, 5);
    fails(R"({a:1})", ose::errc::syntax, 1);
    fails(R"({'a':1})", ose::errc::syntax, 1);
    fails(R"({"a":1 "b":2})", ose::errc::syntax, 7);
    fails("[1", ose::errc::syntax, 2);
    fails("{", ose::errc::syntax, 1);
    fails("{\"a\":", ose::errc::syntax, 5);
    fails("[1]/**/", ose::errc::syntax, 3);
    fails("\"abc", ose::errc::syntax, 4);
}

TEST_CASE("reader: a failure inside a skipped container says where and what was expected") {
    struct bad {
        std::string_view json;
        std::size_t offset;
        std::string_view expected;
    };
    // The skipper keeps the cursor to itself while it runs: each failure must still land on
    // the first byte that cannot continue, with the reader's own words for it.
    for (const bad& b : {bad{R"({"a":[1 2]})", 8, "',' or ']'"},
                         bad{R"({"a":{"b":1 "c":2}})", 12, "',' or '}'"},
                         bad{R"({"a":{"b" 1}})", 10, "':' after the key"},
                         bad{R"({"a":{"b":1,}})", 12, "a string key"},
                         bad{R"({"a":{,}})", 6, "a string key or '}'"},
                         bad{R"({"a":[,1]})", 6, "a value"},
                         bad{R"({"a":[1,]})", 8, "a value"},
                         bad{R"({"a":[-]})", 7, "a digit"},
                         bad{R"({"a":[1.]})", 8, "a digit after '.'"},
                         bad{R"({"a":[1e]})", 8, "a digit in the exponent"},
                         bad{R"({"a":[nul]})", 6, "a value"},
                         bad{R"({"a":["x\q"]})", 9, "after '\\'"},
                         bad{"{\"a\":[\"\xFF\"]}", 7, "valid UTF-8"},
                         bad{R"({"a":[[1]})", 9, "',' or ']'"},
                         bad{R"({"a":[{"b":[]]}]})", 13, "',' or '}'"},
                         bad{R"({"a":{"b":[1}}})", 12, "',' or ']'"},
                         bad{R"({"a":[1)", 7, "',' or ']'"},
                         bad{R"({"a":{)", 6, "a string key or '}'"},
                         bad{R"({"a":[)", 6, "a value or ']'"},
                         bad{R"({"a":{"b":)", 10, "a value"}}) {
        const auto e =
            fails(b.json, b.json.find("\xFF") != std::string_view::npos ? ose::errc::invalid_utf8 : ose::errc::syntax,
                  b.offset);
        CHECK_MESSAGE(e.message.find(b.expected) != std::string::npos, b.json << ": " << e.message);
        // The same in a message, as an unknown field: the same place, and the path names it.
        const std::string doc = R"({"code":0,)" + std::string(b.json.substr(1));
        auto r = ose::decode<ose::create_batch_task_response>(doc);
        REQUIRE_MESSAGE(!r, doc);
        CHECK_MESSAGE(r.error().offset == b.offset + 9, doc << " gave offset " << r.error().offset);
        CHECK(r.error().path == "$.a");
        CHECK(r.error().message.find(b.expected) != std::string::npos);
    }
    // A container after a container of the other kind at the same depth keeps its own kind.
    CHECK(jv(R"({"a":[{"x":[]},[{"y":{}}],{"z":[[],{}]}]})").has_value());
    fails(R"([{"x":1},[1:2]])", ose::errc::syntax, 11);
}

TEST_CASE("reader: an unknown number is skipped as the skipper of containers skips it") {
    // A number that is a field's whole value takes a short path of its own; inside an array the
    // container skipper reads it. Both must accept the same numbers and stop at the same byte.
    for (const std::string_view num : {"0",
                                       "-0",
                                       "7",
                                       "-12",
                                       "99",
                                       "100",
                                       "123456789012345678",
                                       "1234567890123456789012345",
                                       "-9223372036854775809",
                                       "1.5",
                                       "-0.25",
                                       "1e5",
                                       "1E+5",
                                       "2e-3",
                                       "0.0",
                                       "01",
                                       "-01",
                                       "00",
                                       "-",
                                       "--1",
                                       "1.",
                                       "1e",
                                       "1e+",
                                       ".5",
                                       "+1",
                                       "1x",
                                       "0x10",
                                       "12 ",
                                       " 12",
                                       "1.5.5",
                                       "1ee5"}) {
        CAPTURE(num);
        const std::string plain = R"({"code":0,"x":)" + std::string(num) + R"(,"msg":"m"})";
        const std::string in_array = R"({"code":0,"x":[)" + std::string(num) + R"(],"msg":"m"})";
        const auto a = ose::decode<ose::create_batch_task_response>(plain);
        const auto b = ose::decode<ose::create_batch_task_response>(in_array);
        REQUIRE(a.has_value() == b.has_value());
        if (a) {
            CHECK(a->msg == "m");
            CHECK(b->msg == "m");
            continue;
        }
        CHECK(a.error().code == b.error().code);
        CHECK(a.error().offset + 1 == b.error().offset);
    }
}

TEST_CASE("reader: string escapes") {
    auto ok = [](std::string_view lit, std::string_view expect) {
        auto r = as_msg(lit);
        REQUIRE_MESSAGE(r.has_value(), lit);
        CHECK(r->msg == expect);
        CHECK(jv(lit).has_value());
    };
    ok(R"("\"\\\/\b\f\n\r\t")", "\"\\/\b\f\n\r\t");
    ok(R"("\u0041\u00e9\u20AC")", "A\xC3\xA9\xE2\x82\xAC");
    ok(R"("\u0000")", std::string_view("\0", 1));
    ok(R"("a\u0000b")", std::string_view("a\0b", 3));
    ok(R"("\u007f")", "\x7F");
    // A valid surrogate pair becomes one 4-byte UTF-8 sequence.
    ok(R"("\ud83d\ude00")", "\xF0\x9F\x98\x80");
    ok(R"("\uD834\uDD1E")", "\xF0\x9D\x84\x9E");
    ok(R"("\udbff\udfff")", "\xF4\x8F\xBF\xBF");
    ok(R"("\ud800\udc00")", "\xF0\x90\x80\x80");

    fails(R"("\x41")", ose::errc::syntax, 2);
    fails(R"("\a")", ose::errc::syntax, 2);
    fails(R"("\u12")", ose::errc::syntax, 5);
    fails(R"("\u12G4")", ose::errc::syntax, 5);
    fails("\"\\", ose::errc::syntax, 2);
    fails(R"("\U0041")", ose::errc::syntax, 2);
}

TEST_CASE("reader: lone surrogate escapes are rejected") {
    fails(R"("\ud800")", ose::errc::invalid_utf8, 1);
    fails(R"("\udc00")", ose::errc::invalid_utf8, 1);
    fails(R"("ab\uDFFF")", ose::errc::invalid_utf8, 3);
    fails(R"("\ud800x")", ose::errc::invalid_utf8, 1);
    fails(R"("\ud800\u0041")", ose::errc::invalid_utf8, 1);
    fails(R"("\ud800\ud800")", ose::errc::invalid_utf8, 1);
    fails(R"("\udc00\ud800")", ose::errc::invalid_utf8, 1);
    fails(R"(["\ud83d\ude00", "\ude00"])", ose::errc::invalid_utf8, 18);
    auto r = as_msg(R"("\ud800")");
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::invalid_utf8);
    CHECK(r.error().path == "$.msg");
    CHECK(r.error().offset == 17);
}

TEST_CASE("reader: raw UTF-8 is checked strictly") {
    // Well-formed sequences of every length, at the edges of their ranges.
    for (const char* s :
         {"\"\xC2\x80\"", "\"\xDF\xBF\"", "\"\xE0\xA0\x80\"", "\"\xED\x9F\xBF\"", "\"\xEE\x80\x80\"",
          "\"\xEF\xBF\xBF\"", "\"\xF0\x90\x80\x80\"", "\"\xF4\x8F\xBF\xBF\"", "\"\xE2\x82\xAC\xF0\x9F\x98\x80\""}) {
        CHECK_MESSAGE(jv(s).has_value(), s);
        auto r = as_msg(s);
        REQUIRE(r.has_value());
        CHECK(r->msg == std::string_view(s).substr(1, std::string_view(s).size() - 2));
    }
    fails("\"\xC0\x80\"", ose::errc::invalid_utf8, 1);      // overlong NUL
    fails("\"\xC1\xBF\"", ose::errc::invalid_utf8, 1);      // overlong
    fails("\"\xE0\x80\x80\"", ose::errc::invalid_utf8, 1);  // overlong 3-byte
    fails("\"\xE0\x9F\xBF\"", ose::errc::invalid_utf8, 1);
    fails("\"\xF0\x80\x80\x80\"", ose::errc::invalid_utf8, 1);  // overlong 4-byte
    fails("\"\xF0\x8F\xBF\xBF\"", ose::errc::invalid_utf8, 1);
    fails("\"\xED\xA0\x80\"", ose::errc::invalid_utf8, 1);      // U+D800 encoded in UTF-8
    fails("\"\xED\xBF\xBF\"", ose::errc::invalid_utf8, 1);      // U+DFFF
    fails("\"\xF4\x90\x80\x80\"", ose::errc::invalid_utf8, 1);  // above U+10FFFF
    fails("\"\xF5\x80\x80\x80\"", ose::errc::invalid_utf8, 1);
    fails("\"\xFF\"", ose::errc::invalid_utf8, 1);
    fails("\"\x80\"", ose::errc::invalid_utf8, 1);    // lone continuation
    fails("\"ab\xC3\"", ose::errc::invalid_utf8, 3);  // truncated before the quote
    fails("\"\xE2\x82\"", ose::errc::invalid_utf8, 1);
    fails("\"\xC3", ose::errc::invalid_utf8, 1);                      // truncated at the end of input
    fails("\"0123456789abcdef\xC3(\"", ose::errc::invalid_utf8, 17);  // after a fast 8-byte run
    // Outside strings any byte >= 0x80 is not JSON.
    fails("[\xC3\xA9]", ose::errc::syntax, 1);
    auto r = as_msg("\"ok\xED\xA0\x80\"");
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::invalid_utf8);
    CHECK(r.error().offset == 19);
    CHECK(r.error().path == "$.msg");
}

TEST_CASE("reader: control characters, DEL and C1") {
    for (int c = 0; c < 0x20; ++c) {
        std::string s = "\"ab";
        s += static_cast<char>(c);
        s += "\"";
        auto e = fails(s, ose::errc::syntax, 3);
        // The same inside a long string (the 8-byte fast path) and in a key.
        std::string longer = "\"0123456789abcdefgh" + std::string(1, static_cast<char>(c)) + "\"";
        fails(longer, ose::errc::syntax, 19);
        std::string key = "{\"k" + std::string(1, static_cast<char>(c)) + "\":1}";
        fails(key, ose::errc::syntax, 3);
    }
    // DEL and C1 controls (U+0080..U+009F, as UTF-8) are allowed raw.
    auto r = as_msg(
        "\"a\x7F"
        "b\xC2\x80\xC2\x9F\"");
    REQUIRE(r.has_value());
    CHECK(r->msg ==
          "a\x7F"
          "b\xC2\x80\xC2\x9F");
    CHECK(jv("\"\x7F\x7F\x7F\x7F\x7F\x7F\x7F\x7F\x7F\"").has_value());
    // Whitespace outside strings is only space, tab, CR, LF.
    fails("[1,\f2]", ose::errc::syntax, 3);
    fails("[1,\v2]", ose::errc::syntax, 3);
    fails("\x00{}"s, ose::errc::syntax, 0);
    fails("{}\x00"s, ose::errc::syntax, 2);
}

TEST_CASE("reader: a string that ends near the end of the input, with a special byte anywhere in it") {
    // The scan's last 16-byte block ends at the end of the input and overlaps bytes already
    // seen (here: a string with an escape before the one read): each position of a special
    // byte, each distance from the end, must read as the general path reads it.
    for (std::size_t len = 0; len <= 20; ++len) {
        for (std::size_t at = 0; at <= len; ++at) {
            for (std::string_view special : {"", "\\n", "\\\"", "\xC3\xA9", "\x01", "\xFF"}) {
                std::string body(len, 'x');
                body.insert(at, special);
                for (std::string_view before : {"", R"("data":"\\q\"",)", R"("extra":"\\q\"",)"}) {
                    std::string doc = R"({"code":0,)";
                    doc += before;
                    doc += R"("msg":")";
                    const std::size_t body_at = doc.size();
                    doc += body;
                    doc += "\"}";
                    const auto r = ose::decode<ose::create_batch_task_response>(doc);
                    if (special == "\x01") {
                        REQUIRE_MESSAGE(!r, doc);
                        CHECK(r.error().code == ose::errc::syntax);
                        CHECK(r.error().offset == body_at + at);
                    } else if (special == "\xFF") {
                        REQUIRE_MESSAGE(!r, doc);
                        CHECK(r.error().code == ose::errc::invalid_utf8);
                        CHECK(r.error().offset == body_at + at);
                    } else {
                        REQUIRE_MESSAGE(r.has_value(), doc);
                        std::string expect(len, 'x');
                        expect.insert(at, special == "\\n" ? "\n" : special == "\\\"" ? "\"" : special);
                        CHECK(r->msg == expect);
                        if (before.find("data") != std::string_view::npos) CHECK(r->data == "\\q\"");
                    }
                }
            }
        }
    }
}

TEST_CASE("reader: keys are unescaped before comparison") {
    auto r = ose::decode<ose::create_batch_task_response>(R"({"\u0063ode":"7","m\u0073g":"x","d\u0061ta":"9"})");
    REQUIRE(r.has_value());
    CHECK(r->code == "7");
    CHECK(r->msg == "x");
    CHECK(r->data == "9");
}

// ============================================================================================
// Limits
// ============================================================================================

TEST_CASE("limits: nesting depth, default 64 with the root counting as 1") {
    CHECK(jv(nested_arrays(64)).has_value());
    fails(nested_arrays(65), ose::errc::limit_exceeded, 64);
    CHECK(jv(std::string(63, '[') + "{}" + std::string(63, ']')).has_value());
    fails(std::string(64, '[') + "{}" + std::string(64, ']'), ose::errc::limit_exceeded, 64);
    // Objects count the same.
    std::string objs;
    for (int i = 0; i < 64; ++i) objs += "{\"a\":";
    objs += "1";
    objs += std::string(64, '}');
    CHECK(jv(objs).has_value());
    std::string objs65 = "{\"a\":" + objs + "}";
    auto e = fails(objs65, ose::errc::limit_exceeded, 5 * 64);
    CHECK(e.message.find("depth") != std::string::npos);

    // In a message the root object is level 1: 63 more levels fit under it.
    const std::string ok_doc = R"({"code":0,"x":)" + nested_arrays(63) + "}";
    CHECK(ose::decode<ose::create_batch_task_response>(ok_doc).has_value());
    const std::string deep_doc = R"({"code":0,"x":)" + nested_arrays(64) + "}";
    auto r = ose::decode<ose::create_batch_task_response>(deep_doc);
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::limit_exceeded);
    CHECK(r.error().offset == 14 + 63);
    CHECK(r.error().path == "$.x");
    // Through known fields too: root, data array, job object = 3 levels.
    json::read_limits three;
    three.max_depth = 3;
    CHECK(ose::decode<ose::list_batch_tasks_response>(R"({"code":0,"data":[{"taskId":"1"}]})", three).has_value());
    auto known = ose::decode<ose::list_batch_tasks_response>(R"({"code":0,"data":[{"taskId":"1","x":[]}]})", three);
    REQUIRE(!known);
    CHECK(known.error().code == ose::errc::limit_exceeded);
    CHECK(known.error().path == "$.data[0].x");
}

TEST_CASE("limits: depth is configurable and capped, never a crash") {
    json::read_limits l;
    l.max_depth = 3;
    CHECK(jv("[[[]]]", l).has_value());
    fails("[[[[]]]]", ose::errc::limit_exceeded, 3, l);
    CHECK(ose::decode<ose::create_batch_task_response>(R"({"code":0,"x":[[]]})", l).has_value());
    auto r = ose::decode<ose::create_batch_task_response>(R"({"code":0,"x":[[[]]]})", l);
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::limit_exceeded);
    CHECK(r.error().offset == 16);
    l.max_depth = 1;
    CHECK(jv("[]", l).has_value());
    fails("[[]]", ose::errc::limit_exceeded, 1, l);
    // Larger than the hard cap of 1024: clamped.
    l.max_depth = 1u << 20;
    CHECK(jv(nested_arrays(1024), l).has_value());
    fails(nested_arrays(1025), ose::errc::limit_exceeded, 1024, l);
    // Pathologically deep input costs neither stack nor a crash.
    fails(std::string(100000, '['), ose::errc::limit_exceeded, 64);
    fails(std::string(100000, '[') + std::string(100000, ']'), ose::errc::limit_exceeded, 64);
    std::string deep_objects;
    for (int i = 0; i < 20000; ++i) deep_objects += "{\"a\":";
    fails(deep_objects, ose::errc::limit_exceeded, 5 * 64);
}

TEST_CASE("limits: input size") {
    json::read_limits l;
    l.max_input_bytes = 10;
    CHECK(jv("[1,2,3,45]", l).has_value());
    fails("[1,2,3,456]", ose::errc::limit_exceeded, 0, l);
    auto r = ose::decode<ose::create_batch_task_response>(R"({"code":0})", l);
    CHECK(r.has_value());
    auto r2 = ose::decode<ose::create_batch_task_response>(R"({"code":10})", l);
    REQUIRE(!r2);
    CHECK(r2.error().code == ose::errc::limit_exceeded);
    CHECK(r2.error().offset != ose::error::no_offset);
    CHECK(r2.error().path == "$");
    // The default is 16 MiB.
    CHECK(json::read_limits{}.max_input_bytes == 16u << 20);
    std::string big = "\"" + std::string((16u << 20) - 2, 'a') + "\"";
    json::read_limits wide;
    wide.max_string_bytes = big.size();
    CHECK(jv(big, wide).has_value());
    big.insert(0, " ");
    auto too_big = jv(big, wide);
    REQUIRE(!too_big);
    CHECK(too_big.error().code == ose::errc::limit_exceeded);
}

TEST_CASE("limits: string length, as written between the quotes") {
    json::read_limits l;
    l.max_string_bytes = 5;
    CHECK(jv(R"("abcde")", l).has_value());
    fails(R"("abcdef")", ose::errc::limit_exceeded, 6, l);
    fails(R"("abcdefghijklmnopqrstuvwxyz")", ose::errc::limit_exceeded, 6, l);
    CHECK(jv(R"("\n\n")", l).has_value());
    auto esc = jv(R"("\n\n\n")", l);
    REQUIRE(!esc);
    CHECK(esc.error().code == ose::errc::limit_exceeded);
    CHECK(esc.error().offset == 6);
    auto uni = jv("\"\xE2\x82\xAC\xE2\x82\xAC\"", l);  // 6 bytes of UTF-8
    REQUIRE(!uni);
    CHECK(uni.error().code == ose::errc::limit_exceeded);
    // Keys count too.
    fails(R"({"abcdef":1})", ose::errc::limit_exceeded, 7, l);
    // In a decoded field, with its path.
    auto r = as_msg(R"("abcdef")", l);
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::limit_exceeded);
    CHECK(r.error().path == "$.msg");
    CHECK(r.error().offset == 16 + 1 + 5);
    CHECK(as_msg(R"("abcde")", l).has_value());
    CHECK(json::read_limits{}.max_string_bytes == 1u << 20);
    CHECK(jv("\"" + std::string(1u << 20, 'x') + "\"").has_value());
    fails("\"" + std::string((1u << 20) + 1, 'x') + "\"", ose::errc::limit_exceeded, (1u << 20) + 1);
}

TEST_CASE("limits: array length") {
    json::read_limits l;
    l.max_array_elements = 3;
    CHECK(jv("[1,2,3]", l).has_value());
    CHECK(jv("[[1,2,3],[1,2,3]]", l).has_value());
    fails("[1,2,3,4]", ose::errc::limit_exceeded, 7, l);
    fails("[1, 2, 3, 4]", ose::errc::limit_exceeded, 10, l);
    const std::string doc =
        R"({"taskType":1,"containerId":"c","fileIds":["a","b","c","d"],"zipName":"z","shareId":"s"})";
    auto r = ose::decode<ose::create_share_task_request>(doc, l);
    REQUIRE(!r);
    CHECK(r.error().code == ose::errc::limit_exceeded);
    CHECK(r.error().path == "$.fileIds");
    CHECK(r.error().offset == doc.find("\"d\""));
    CHECK(json::read_limits{}.max_array_elements == 100000);
    std::string arr = "[0";
    for (int i = 1; i < 100000; ++i) arr += ",0";
    CHECK(jv(arr + "]").has_value());
    fails(arr + ",0]", ose::errc::limit_exceeded, arr.size() + 1);
}

// ============================================================================================
// Errors
// ============================================================================================

TEST_CASE("errors: every failure has an offset and a $-rooted path, never the value") {
    const std::string secret = "S3cr3tV4lu3";
    const std::vector<std::string> docs = {
        R"({"code":")" + secret + "\" x",
        R"({"code":")" + secret + "\\q\"}",
        R"({"code":")" + secret + "\",\"msg\":" + secret + "}",
        R"({"code":")" + secret + "\",\"msg\":[\"" + secret + "\"]}",
        R"({"code":")" + secret + "\",\"x\":[\"" + secret + "\",]}",
        R"({"code":")" + secret + "\",\"data\":-" + secret + "}",
        R"({"code":")" + secret + "\",\"data\":{\"" + secret + "\":1}}",
        R"({"code":")" + secret + "\",\"code\":\"" + secret + "\"}",
        "{\"code\":\"" + secret + "\xC0\x80\"}",
        R"({"msg":")" + secret + "\"}",
        R"({"code":")" + secret + "\"",
        R"({"code":")" + secret + R"(\ud800"})",
    };
    for (const auto& d : docs) {
        auto r = ose::decode<ose::create_batch_task_response>(d);
        REQUIRE_MESSAGE(!r, d);
        const auto& e = r.error();
        check_located(e, d.size());
        CHECK(e.kind == ose::error_kind::malformed_response);
        CHECK_MESSAGE(e.message.find(secret) == std::string::npos, e.message);
        CHECK_MESSAGE(e.to_string().find(secret) == std::string::npos, e.to_string());
        CHECK(e.to_string().find("S3cr") == std::string::npos);
        auto v = json::validate(d);
        if (!v) {
            check_located(v.error(), d.size());
            CHECK(v.error().to_string().find(secret) == std::string::npos);
        }
    }
    // Request fields with secrets: the type error names the path only.
    auto r =
        ose::decode<ose::query_share_task_request>(R"({"taskId":"t","shareId":"s","kdstoken":[")" + secret + "\"]}");
    REQUIRE(!r);
    CHECK(r.error().path == "$.kdstoken");
    CHECK(r.error().to_string().find(secret) == std::string::npos);
}

TEST_CASE("errors: paths through arrays and odd keys") {
    const std::string doc = R"({"code":0,"data":[{},{},{"status":"x"}]})";
    auto r = ose::decode<ose::list_batch_tasks_response>(doc);
    REQUIRE(!r);
    CHECK(r.error().path == "$.data[2].status");
    CHECK(r.error().code == ose::errc::type_mismatch);
    CHECK(r.error().offset == doc.find("\"x\""));
    auto odd = ose::decode<ose::create_batch_task_response>(R"({"code":0,"a b.\"c":[1,]})");
    REQUIRE(!odd);
    CHECK(odd.error().path.rfind("$[\"", 0) == 0);
    CHECK(odd.error().code == ose::errc::syntax);
}

TEST_CASE("errors: invalid JSON in place of a value is a syntax error, not a type mismatch") {
    for (const char* d :
         {R"({"code":x})", R"({"code":nul})", R"({"code":[1,]})", R"({"code":{"a"}})", R"({"code":tru})"}) {
        auto r = ose::decode<ose::create_batch_task_response>(d);
        REQUIRE(!r);
        CHECK_MESSAGE(r.error().code == ose::errc::syntax, d);
        CHECK(r.error().path == "$.code");
    }
    auto r = ose::decode<ose::create_batch_task_response>(R"({"code":[1,]})");
    REQUIRE(!r);
    CHECK(r.error().offset == 11);
    auto t = ose::decode<ose::create_batch_task_response>(R"({"code":[1,2]})");
    REQUIRE(!t);
    CHECK(t.error().code == ose::errc::type_mismatch);
    CHECK(t.error().offset == 8);
}

// ============================================================================================
// Writer
// ============================================================================================

TEST_CASE("writer: escapes exactly quote, backslash and controls") {
    CHECK(escaped("") == "\"\"");
    CHECK(escaped("abc") == "\"abc\"");
    CHECK(escaped("\"") == R"("\"")");
    CHECK(escaped("\\") == R"("\\")");
    CHECK(escaped("/") == "\"/\"");
    CHECK(escaped("\b\f\n\r\t") == R"("\b\f\n\r\t")");
    CHECK(escaped(std::string_view("\0", 1)) == R"("\u0000")");
    CHECK(escaped("\x01\x1F\x0B\x1B") == R"("\u0001\u001f\u000b\u001b")");
    CHECK(escaped("\x7F") == "\"\x7F\"");
    CHECK(escaped("\xC2\x80\xE2\x82\xAC\xF0\x9F\x98\x80") == "\"\xC2\x80\xE2\x82\xAC\xF0\x9F\x98\x80\"");
    // Every byte value, alone.
    for (int c = 0; c < 256; ++c) {
        const std::string s(1, static_cast<char>(c));
        CHECK(escaped(s) == reference_escape(s));
    }
    // Every special byte at every position of an 8-byte chunk, in strings of many lengths.
    const std::string specials = std::string("\"\\\b\f\n\r\t\x01\x1F\x7F\xC3", 11) + std::string(1, '\0');
    for (std::size_t len = 1; len < 40; ++len) {
        for (std::size_t pos = 0; pos < len; ++pos) {
            for (char sp : specials) {
                std::string s(len, 'a');
                s[pos] = sp;
                if (static_cast<unsigned char>(sp) == 0xC3) {
                    if (pos + 1 >= len) continue;
                    s[pos + 1] = '\xA9';
                }
                REQUIRE(escaped(s) == reference_escape(s));
            }
        }
    }
    // Appends to what is there.
    std::string out = "prefix:";
    json::write_string(out, "x\ny");
    CHECK(out == "prefix:\"x\\ny\"");
    // A long string of nothing but escapes grows correctly.
    std::string controls;
    for (int i = 0; i < 1000; ++i) controls += static_cast<char>(i % 32);
    CHECK(escaped(controls) == reference_escape(controls));
}

TEST_CASE("writer: what it writes reads back to the same bytes") {
    std::string all;
    for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
    all += "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    const std::string lit = escaped(all);
    CHECK(jv(lit).has_value());
    auto r = as_msg(lit);
    REQUIRE(r.has_value());
    CHECK(r->msg == all);
}

TEST_CASE("writer: integers through the codec's output, the small-number path and past it") {
    auto w = [](auto v) {
        std::string s = "x";  // appended after what is there
        {
            json::output o(s);
            json::write_integer(o, v);
        }
        return s;
    };
    for (int v = -1100; v <= 1100; ++v) {
        CAPTURE(v);
        REQUIRE(w(v) == "x" + std::to_string(v));
        REQUIRE(w(static_cast<std::int64_t>(v)) == "x" + std::to_string(v));
        if (v >= 0) REQUIRE(w(static_cast<std::uint32_t>(v)) == "x" + std::to_string(v));
    }
    CHECK(w(std::int8_t{-128}) == "x-128");
    CHECK(w(std::uint8_t{255}) == "x255");
    CHECK(w(std::numeric_limits<std::int64_t>::min()) == "x-9223372036854775808");
    CHECK(w(std::numeric_limits<std::uint64_t>::max()) == "x18446744073709551615");
}

TEST_CASE("writer: integers at every digit count, both signs") {
    auto w = [](auto v) {
        std::string s;
        {
            json::output o(s);
            json::write_integer(o, v);
        }
        return s;
    };
    std::uint64_t p = 1;
    for (int digits = 1; digits <= 19; ++digits, p *= 10) {
        CAPTURE(digits);
        for (const std::uint64_t u : {p, p + 1, p * 10 - 1, p * 5 + 7}) {
            CAPTURE(u);
            REQUIRE(w(u) == std::to_string(u));
            const auto i = static_cast<std::int64_t>(u);
            REQUIRE(w(i) == std::to_string(i));
            REQUIRE(w(-i) == std::to_string(-i));
        }
    }
}

// The output writes into a buffer of its own first and into the string past 512 bytes, in
// windows that grow by a quarter past 4 KiB: the bytes must come out the same at every length,
// appended after what the string held, with or without reserved room, and roll back whole.
TEST_CASE("writer: the output appends the same bytes at every length, and rolls back whole") {
    const std::string prefixes[] = {"", "p", std::string(700, 'q')};
    const std::size_t lengths[] = {0,    1,    100,  497,  511,  512,  513,   600,
                                   1000, 1024, 4095, 4096, 4097, 5000, 20000, 100000};
    for (const auto& prefix : prefixes) {
        for (const std::size_t reserved : {std::size_t{0}, std::size_t{200000}}) {
            for (const std::size_t len : lengths) {
                CAPTURE(prefix.size());
                CAPTURE(reserved);
                CAPTURE(len);
                std::string expected;
                std::string s = prefix;
                s.reserve(reserved);
                {
                    json::output o(s);
                    std::size_t i = 0;
                    while (expected.size() < len) {  // pieces of 1 to 40 bytes, by three routes
                        const std::size_t n = std::min<std::size_t>(1 + i % 40, len - expected.size());
                        std::string piece(n, static_cast<char>('a' + i % 26));
                        if (i % 3 == 0) {
                            for (const char c : piece) o.put(c);
                        } else if (i % 3 == 1 || n < 6) {
                            o.put(piece);
                        } else {
                            piece = std::to_string(100000 + i % 900000).substr(0, n);
                            json::write_integer(o, std::stoll(piece));
                        }
                        expected += piece;
                        ++i;
                    }
                }
                REQUIRE(s.size() == prefix.size() + expected.size());
                REQUIRE(s.compare(0, prefix.size(), prefix) == 0);
                REQUIRE(s.compare(prefix.size(), std::string::npos, expected) == 0);

                std::string r = prefix;
                r.reserve(reserved);
                {
                    json::output o(r);
                    o.put(std::string_view(expected));
                    o.rollback();
                    o.put(std::string_view("ok"));
                }
                REQUIRE(r == prefix + "ok");
            }
        }
    }
}

#if defined(__cpp_exceptions)
// While an exception unwinds, the destructor must not append what would need memory (a second
// throw ends the program): the string keeps what it held, or gets the bytes if they fit.
TEST_CASE("writer: an output destroyed by an exception appends only what fits the string") {
    auto unwind_through = [](std::string& s) {
        try {
            json::output o(s);
            o.put(std::string_view(std::string(100, 'x')));
            throw 1;
        } catch (int) {}
    };
    std::string tight = "ab";  // in its own 15 bytes: no room for 100 more
    unwind_through(tight);
    CHECK(tight == "ab");
    std::string roomy = "ab";
    roomy.reserve(200);
    unwind_through(roomy);
    CHECK(roomy == "ab" + std::string(100, 'x'));
    std::string normal = "ab";  // and without an exception, the destructor appends
    { json::output(normal).put('c'); }
    CHECK(normal == "abc");
}
#endif

TEST_CASE("writer: integers") {
    auto w = [](auto v) {
        std::string s;
        json::write_integer(s, v);
        return s;
    };
    CHECK(w(0) == "0");
    CHECK(w(-1) == "-1");
    CHECK(w(std::int32_t{2147483647}) == "2147483647");
    CHECK(w(std::numeric_limits<std::int32_t>::min()) == "-2147483648");
    CHECK(w(std::numeric_limits<std::int64_t>::max()) == "9223372036854775807");
    CHECK(w(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
    CHECK(w(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
    std::string s = "[";
    json::write_integer(s, std::int64_t{1} << 40);
    s += ']';
    CHECK(s == "[1099511627776]");
    CHECK(jv(w(std::numeric_limits<std::int64_t>::min())).has_value());
    // The 64-bit offset field round-trips at both ends of its range.
    ose::list_batch_tasks_request q;
    q.offset = std::numeric_limits<std::int64_t>::max();
    q.limit = 1;
    auto enc = ose::encode(q);
    REQUIRE(enc.has_value());
    CHECK(*enc == R"({"offset":9223372036854775807,"limit":1})");
    auto back = ose::decode<ose::list_batch_tasks_request>(*enc);
    REQUIRE(back.has_value());
    CHECK(back->offset == std::numeric_limits<std::int64_t>::max());
    ose::list_batch_tasks_response resp;
    resp.code = "0";
    resp.data.emplace_back();
    resp.data[0].resultCode = std::numeric_limits<std::int32_t>::min();
    resp.data[0].contentNum = std::numeric_limits<std::int32_t>::max();
    auto renc = ose::encode(resp);
    REQUIRE(renc.has_value());
    CHECK(renc->find("\"resultCode\":-2147483648,\"contentNum\":2147483647") != std::string::npos);
    auto rback = ose::decode<ose::list_batch_tasks_response>(*renc);
    REQUIRE(rback.has_value());
    CHECK(rback->data[0].resultCode == std::numeric_limits<std::int32_t>::min());
    CHECK(rback->data[0].contentNum == std::numeric_limits<std::int32_t>::max());
}

// ============================================================================================
// JSONTestSuite (https://github.com/nst/JSONTestSuite), test_parsing
// ============================================================================================

TEST_CASE("JSONTestSuite: y_ accepted, n_ rejected, i_ no crash; top level and inside a message") {
    namespace fs = std::filesystem;
    const fs::path dir = KOODRIVE_OSE_JSONTESTSUITE_DIR;
    INFO("suite directory: " << dir.string());
    std::error_code ec;
    REQUIRE(fs::is_directory(dir, ec));
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path());
    REQUIRE(!ec);
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() > 300);

    std::size_t y = 0, n = 0, i = 0, n_embedded_rejected = 0;
    std::vector<std::string> n_embedded_accepted;
    for (const auto& path : files) {
        const std::string name = path.filename().string();
        const std::string text = read_file(path);
        INFO("file: " << name);
        const auto top = json::validate(text);
        const std::string embedded = R"({"code":0,"x":)" + text + "}";
        const auto in_message = ose::decode<ose::create_batch_task_response>(embedded);
        const auto embedded_valid = json::validate(embedded);
        // Decoding a message and validating the same bytes always agree.
        CHECK(in_message.has_value() == embedded_valid.has_value());
        if (!top) check_located(top.error(), text.size());
        if (!in_message) {
            check_located(in_message.error(), embedded.size());
        } else {
            CHECK(in_message->code == "0");
        }
        switch (name[0]) {
        case 'y':
            ++y;
            CHECK(top.has_value());
            CHECK(in_message.has_value());
            break;
        case 'n':
            ++n;
            CHECK(!top.has_value());
            if (in_message)
                n_embedded_accepted.push_back(name + ": " + text);
            else
                ++n_embedded_rejected;
            break;
        case 'i':
            ++i;  // implementation-defined: either answer, but no crash (the sanitizers watch)
            break;
        default: FAIL("unexpected file name " << name);
        }
    }
    MESSAGE("JSONTestSuite: " << y << " y_, " << n << " n_, " << i << " i_ files; " << n_embedded_rejected
                              << " n_ files also rejected inside a message");
    for (const auto& s : n_embedded_accepted)
        MESSAGE("n_ file that is valid JSON once embedded as {\"code\":0,\"x\":...}: " << s);
    CHECK(y > 90);
    CHECK(n > 180);
    CHECK(n_embedded_rejected * 10 >= n * 9);
}

}  // namespace json_reader_tests
