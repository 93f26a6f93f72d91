// View mode: strings are std::string_view into the caller's buffer, or into the unescape
// storage when the JSON escaped them; everything else reads exactly as the owning mode.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "koodrive/ose.hpp"
#include "koodrive/ose/codec_impl.hpp"  // view messages: the compiled library makes only the ten
#include "koodrive/ose/log_format.hpp"
#include "koodrive/ose/unescape_storage.hpp"

namespace ose = koodrive::ose;

// Its own scope: in a unity build (tests/CMakeLists.txt) this file shares one translation unit
// with others whose helpers have the same short names.
namespace view_mode_tests {

namespace {
bool points_into(std::string_view view, std::string_view buffer) {
    return view.data() >= buffer.data() && view.data() + view.size() <= buffer.data() + buffer.size();
}
}  // namespace

TEST_CASE("view mode points into the input and unescapes into the storage") {
    const std::string body = R"({"jobInfo":{"userId":"1684711050387378049","taskId":1689768877770401664,"progress":100},
        "taskInfos":[{"fileId":"Fk63FC","status":"1","newFileId":"a\"b\u00e9"}],"code":0,"msg":"Success."})";
    ose::query_share_task_response_view view;
    ose::unescape_storage storage;
    REQUIRE(ose::decode_view(view, body, storage));
    CHECK(view.jobInfo.userId == "1684711050387378049");
    CHECK(points_into(view.jobInfo.userId, body));
    CHECK(view.jobInfo.taskId == "1689768877770401664");  // a JSON integer: a view of its digits
    CHECK(points_into(view.jobInfo.taskId, body));
    CHECK(view.code == "0");
    REQUIRE(view.taskInfos.size() == 1);
    CHECK(view.taskInfos[0].newFileId == "a\"b\xC3\xA9");
    CHECK_FALSE(points_into(view.taskInfos[0].newFileId, body));
    CHECK(storage.size() == 1);

    // The same bytes through the owning mode give the same values.
    const auto owned = ose::decode<ose::query_share_task_response>(body);
    REQUIRE(owned);
    CHECK(owned->taskInfos[0].newFileId == view.taskInfos[0].newFileId);
    CHECK(owned->jobInfo.progress == view.jobInfo.progress);
}

TEST_CASE("view mode validates requests and reports errors like the owning mode") {
    ose::create_share_task_request_view view;
    ose::unescape_storage storage;
    const std::string bad = R"({"taskType":1,"containerId":"c","fileIds":["a",""],"shareId":"s","zipName":"z"})";
    auto r = ose::decode_view(view, bad, storage);
    REQUIRE_FALSE(r);
    const auto owned = ose::decode<ose::create_share_task_request>(bad);
    REQUIRE_FALSE(owned);
    CHECK(r.error().path == owned.error().path);
    CHECK(r.error().path == "$.fileIds[1]");

    const std::string broken = R"({"taskType":1,"containerId":"c\x"})";
    auto s = ose::decode_view(view, broken, storage);
    REQUIRE_FALSE(s);
    CHECK(s.error().code == ose::errc::syntax);
    CHECK(s.error().offset == 31);
}

TEST_CASE("a view message encodes to the same JSON as its owning twin") {
    const std::string body = R"({"taskType":2,"containerId":"IAAB","fileIds":["F1","F2"],"shareId":"16","kdstoken":"k",
                                 "targetFileId":{"fileId":"root","containerId":"IAAB"}})";
    ose::create_share_task_request_view view;
    ose::unescape_storage storage;
    REQUIRE(ose::decode_view(view, body, storage));
    const auto owned = ose::decode<ose::create_share_task_request>(body);
    REQUIRE(owned);
    auto a = ose::encode(view);
    auto b = ose::encode(*owned);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    CHECK(ose::to_log_string(view) == ose::to_log_string(*owned));
}

// decode_into on a view message does not compile (tests/compile_fail/decode_into_view.cpp).

TEST_CASE("unescape storage: views stay valid across blocks, moves and growth; clear keeps one block") {
    ose::unescape_storage storage;
    CHECK(storage.empty());
    // Strings of growing size, past the first block and past any doubling: each its own bytes.
    std::vector<std::string> wanted;
    std::vector<std::string_view> views;
    for (std::size_t i = 0; i < 200; ++i) {
        std::string s(i * 37 % 5000 + 1, static_cast<char>('a' + i % 26));
        char* w = storage.reserve_string(s.size() + 10);  // room asked may exceed what is used
        s.copy(w, s.size());
        views.push_back(storage.commit(s.size()));
        wanted.push_back(std::move(s));
    }
    CHECK(storage.size() == 200);
    ose::unescape_storage moved(std::move(storage));
    CHECK(storage.empty());  // NOLINT(bugprone-use-after-move): a moved-from storage is empty
    CHECK(moved.size() == 200);
    ose::unescape_storage assigned;
    assigned = std::move(moved);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        CAPTURE(i);
        REQUIRE(views[i] == wanted[i]);
    }
    // The moved-from storage is usable again.
    char* w = storage.reserve_string(3);
    std::memcpy(w, "xyz", 3);
    CHECK(storage.commit(3) == "xyz");
    assigned.clear();
    CHECK(assigned.empty());
    // After clear, a string that fits the kept (largest) block is written at its start.
    char* first = assigned.reserve_string(4000);
    CHECK(assigned.commit(0).empty());
    CHECK(assigned.reserve_string(4000) == first);
}

TEST_CASE("view mode: escaped strings of a long array all keep their values (the storage grows)") {
    std::string body = R"({"taskType":1,"containerId":"c","fileIds":[)";
    std::vector<std::string> ids;
    for (int i = 0; i < 500; ++i) {
        ids.push_back("F\"" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 40), 'x'));
        body += (i ? "," : "");
        body += "\"F\\\"" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 40), 'x') + "\"";
    }
    body += R"(],"shareId":"s","zipName":"z"})";
    ose::create_share_task_request_view view;
    ose::unescape_storage storage;
    REQUIRE(ose::decode_view(view, body, storage));
    REQUIRE(view.fileIds.size() == ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        CAPTURE(i);
        REQUIRE(view.fileIds[i] == ids[i]);
        REQUIRE_FALSE(points_into(view.fileIds[i], body));
    }
    CHECK(storage.size() == ids.size());
}

}  // namespace view_mode_tests
