// The README's example: a libFuzzer target for your server's handler, fed valid and invalid
// create-batch-task requests. Built by the fuzz preset so the README cannot rot.
#include <koodrive/ose.hpp>
#include <koodrive/ose/testing/generate.hpp>

namespace ose = koodrive::ose;
int my_handle_create_batch_task(const std::string&) { return 0; }  // (yours)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ose::testing::byte_source bytes({data, size});
    if (bytes.boolean()) {  // a request that passes validation: must get past the first checks
        auto body = ose::encode(ose::testing::generate_valid<ose::create_batch_task_request>(bytes));
        my_handle_create_batch_task(*body);
    } else if (auto bad = ose::testing::generate_invalid<ose::create_batch_task_request>(bytes)) {
        std::string body;  // breaks one rule: bad->broken.path.view(), bad->broken.message()
        ose::encode_unchecked(bad->message, body);
        my_handle_create_batch_task(body);  // must be rejected (400), not crash
    }
    return 0;
}
