// A consumer's whole program: encode a request, decode it back, check it is the same.
// Built by every consumer project under tests/consumers/ (see run.sh).
#include <koodrive/ose.hpp>

#include <cstdio>

namespace ose = koodrive::ose;

int main() {
    const ose::list_batch_tasks_request request{.offset = 0, .limit = 10, .type = {}, .status = {}};
    auto json = ose::encode(request);
    if (!json) {
        std::fprintf(stderr, "encode: %s\n", json.error().to_string().c_str());
        return 1;
    }
    auto back = ose::decode<ose::list_batch_tasks_request>(*json);
    if (!back || back->limit != 10 || back->offset != 0) {
        std::fprintf(stderr, "decode failed\n");
        return 1;
    }
    std::printf("koodrive_ose %d.%d.%d (%s): %s\n", KOODRIVE_OSE_VERSION_MAJOR, KOODRIVE_OSE_VERSION_MINOR,
                KOODRIVE_OSE_VERSION_PATCH, KOODRIVE_OSE_CONSUMER, json->c_str());
    return 0;
}
