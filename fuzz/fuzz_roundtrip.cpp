// fuzz_roundtrip: whatever decodes and validates must encode, and decode again to an equal
// value.
//
// Input: one selector byte (selector % 10 picks the message: 0-4 requests, 5-9 responses),
// then the JSON. Values are compared through their encoding: encode(decode(x)) = e1 must
// decode again, and encode that = e2 must equal e1 byte for byte. For the list request the
// same holds for its query string. Also, the encoding of a decoded message is accepted by
// json::validate, and both values print the same log line.
//
// Decoding the same bytes three ways must agree (same accept/reject, same value): into a fresh
// message; into a reused one (first filled from a full document of that type, then by a
// decode of the input under tight limits, which may fail halfway and leave it half-filled); and
// in view mode (decode_view into the *_view type, strings pointing into the input or the
// unescape storage).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

// A document of each message type with every field set (index as in with_message).
constexpr std::string_view full_documents[message_count] = {
    R"({"taskType":5,"actionType":503,"taskInfo":{"fileInfo":[{"fileId":"f1","filePath":"/p"},{"fileId":"f2"}],)"
    R"("newFilePath":"n","srcContainerId":"s","uncompressFilePaths":["a","b"]},"dstContainerId":"d","password":"pw"})",
    R"({"offset":7,"limit":9,"type":2,"status":1})",
    R"({"taskType":2,"containerId":"c","fileIds":["a","b"],"targetFileId":{"fileId":"root","containerId":"c2"},)"
    R"("zipName":"z","shareId":"s","kdstoken":"k"})",
    R"({"taskType":1,"srcUserId":"a","dstUserId":"b","resultId":"r","orgId":"o","orgUserId":"ou"})",
    R"({"taskId":"t","shareId":"s","kdstoken":"k"})",
    R"({"code":"0","msg":"m","data":"123"})",
    R"({"code":"0","msg":"m","data":[{"taskId":"t","taskType":1,"actionType":101,"status":2,"taskResultCode":1,)"
    R"("resultCode":5,"contentNum":3,"containerId":"c","tenantId":"te","beginTime":"20231227151904","endTime":"e",)"
    R"("createTime":"c"},{"taskId":"t2"}]})",
    R"({"code":"0","msg":"m","taskId":"t"})",
    R"({"taskId":"t","code":"0","msg":"m"})",
    R"({"code":"0","msg":"m","jobInfo":{"userId":"u","taskId":"t","taskType":1,"taskStatus":2,"taskResultCode":1,)"
    R"("createTime":"c","startTime":"s","endTime":"e","progress":50,"downloadUrl":"https://x"},)"
    R"("taskInfos":[{"fileId":"f","status":"ok","newFileId":"n","srcContainerId":"s"},{"fileId":"g"}]})",
};

// The view-mode type of a message: basic_x<std::string> -> basic_x<std::string_view>.
template <class T>
struct view_of {
    using type = T;
};
template <template <class> class B>
struct view_of<B<std::string>> {
    using type = B<std::string_view>;
};

template <class T>
std::string bytes_of(const T& m) {
    std::string out;
    ose::encode_unchecked(m, out);
    return out;
}

template <class T>
void three_ways(unsigned index, std::string_view body) {
    T fresh{};
    const bool fresh_ok = static_cast<bool>(ose::decode_into(fresh, body));
    const std::string fresh_bytes = fresh_ok ? bytes_of(fresh) : std::string();

    T reused{};
    (void)ose::decode_into(reused, full_documents[index]);  // every field set (some break a request rule)
    (void)ose::decode_into(reused, body, tight_limits());
    const auto again = ose::decode_into(reused, body);
    FUZZ_CHECK_MSG(static_cast<bool>(again) == fresh_ok,
                   again ? std::string("reused accepts") : again.error().to_string());
    if (fresh_ok) FUZZ_CHECK_MSG(bytes_of(reused) == fresh_bytes, fresh_bytes + "\n  reused: " + bytes_of(reused));
    if (!fresh_ok) FUZZ_CHECK(again.error().to_string() == ose::decode_into(fresh, body).error().to_string());

    using V = typename view_of<T>::type;
    V view{};
    ose::unescape_storage storage;
    const auto v = ose::decode_view(view, body, storage);
    FUZZ_CHECK_MSG(static_cast<bool>(v) == fresh_ok, v ? std::string("view accepts") : v.error().to_string());
    if (fresh_ok) FUZZ_CHECK_MSG(bytes_of(view) == fresh_bytes, fresh_bytes + "\n  view: " + bytes_of(view));
}

template <class T>
void roundtrip(unsigned index, std::string_view body) {
    three_ways<T>(index, body);
    T first{};
    if (!ose::decode_into(first, body)) return;
    if (!ose::validate(first)) return;  // responses: validation is not part of decoding

    auto e1 = ose::encode(first);
    FUZZ_CHECK_MSG(e1, e1.error().to_string());
    FUZZ_CHECK(ose::json::validate(*e1));

    T second{};
    auto d2 = ose::decode_into(second, *e1);
    FUZZ_CHECK_MSG(d2, d2.error().to_string() + "\n  encoding: " + *e1);
    auto e2 = ose::encode(second);
    FUZZ_CHECK_MSG(e2, e2.error().to_string());
    FUZZ_CHECK_MSG(*e1 == *e2, *e1 + "\n  then: " + *e2);

    // Log lines are a function of the value.
    FUZZ_CHECK(ose::to_log_string(first) == ose::to_log_string(second));

    if constexpr (std::is_same_v<T, ose::list_batch_tasks_request>) {
        std::string q1;
        ose::encode_query(first, q1);
        auto back = ose::decode_query<T>(q1);
        FUZZ_CHECK_MSG(back, back.error().to_string() + "\n  query: " + q1);
        std::string q2;
        ose::encode_query(*back, q2);
        FUZZ_CHECK_MSG(q1 == q2, q1 + "\n  then: " + q2);
        auto e3 = ose::encode(*back);
        FUZZ_CHECK(e3 && *e3 == *e1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string_view body = as_text(data + 1, size - 1);
    const unsigned index = data[0] % message_count;
    with_message(index, [&](auto t) { roundtrip<typename decltype(t)::type>(index, body); });
    return 0;
}
