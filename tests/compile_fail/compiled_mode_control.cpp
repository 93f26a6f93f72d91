// Must compile: in the compiled mode, ose.hpp declares the codec and HTTP functions and parses
// none of their definitions (the JSON reader and writer, the codec's internals, the signing).
#define KOODRIVE_OSE_COMPILED
#include <koodrive/ose.hpp>

#if defined(KOODRIVE_OSE_CODEC_IMPL_HPP) || defined(KOODRIVE_OSE_JSON_READER_HPP) || \
    defined(KOODRIVE_OSE_JSON_WRITER_HPP) || defined(KOODRIVE_OSE_SIGNING_HPP) ||    \
    defined(KOODRIVE_OSE_DETAIL_REQUEST_BUILDER_IMPL_HPP) || defined(KOODRIVE_OSE_DETAIL_RESPONSE_READER_IMPL_HPP)
#error "the compiled mode's ose.hpp parsed a definition it only needs to declare"
#endif

bool use(const koodrive::ose::create_batch_task_request& m, std::string& out) {
    return static_cast<bool>(koodrive::ose::encode_to(m, out));
}
