// fuzz_mutator: create-batch-task requests under a structure-aware mutator.
//
// Input: the JSON of a create_batch_task_request. LLVMFuzzerCustomMutator decodes it (or, when
// it is not one, generates a valid request from the bytes), changes one field within or across
// its constraints, and encodes it again (testing/generate.hpp, ose::testing::mutate); one
// mutation in four is libFuzzer's own byte mutation, so the decoder's error paths stay in reach.
// The property checked is the round trip: a request that decodes (and so validates) encodes,
// and decodes again to the same encoding.
//
// Built with -DKOODRIVE_OSE_FUZZ_PLAIN_MUTATION it has no custom mutator: the same target under
// plain byte mutation, to compare the coverage both reach in the same time.
#include <cstddef>
#include <cstdint>
#include <string>

#include <koodrive/ose/testing/generate.hpp>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;
using request = ose::create_batch_task_request;

}  // namespace

#ifndef KOODRIVE_OSE_FUZZ_PLAIN_MUTATION
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
    if (seed % 4 == 0) return LLVMFuzzerMutate(data, size, max_size);
    return ose::testing::mutate<request>(data, size, max_size, seed / 4);
}
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    request first{};
    if (!ose::decode_into(first, as_text(data, size))) return 0;
    auto e1 = ose::encode(first);
    FUZZ_CHECK_MSG(e1, e1.error().to_string());
    request second{};
    auto d2 = ose::decode_into(second, *e1);
    FUZZ_CHECK_MSG(d2, d2.error().to_string() + "\n  encoding: " + *e1);
    auto e2 = ose::encode(second);
    FUZZ_CHECK_MSG(e2 && *e1 == *e2, *e1);
    FUZZ_CHECK(ose::to_log_string(first) == ose::to_log_string(second));
    return 0;
}
