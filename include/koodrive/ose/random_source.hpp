// koodrive-ose: the random source behind generated trace IDs, replaceable so that requests are
// reproducible in tests. Only what needs a default source includes this (and <random>).
#ifndef KOODRIVE_OSE_RANDOM_SOURCE_HPP
#define KOODRIVE_OSE_RANDOM_SOURCE_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <random>

#include "version.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// A source of random 64-bit numbers (for trace IDs); replace it in tests.
using random_source = std::function<std::uint64_t()>;

/// A Mersenne Twister seeded from std::random_device. Its state lives in the returned
/// function (shared by its copies), so there is no global state; not thread safe, one per
/// thread or per client.
inline random_source default_random_source() {
    std::random_device rd;
    // Seed the whole 64-bit state space rather than one 32-bit word.
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    auto engine = std::make_shared<std::mt19937_64>(seq);
    return [engine]() -> std::uint64_t { return static_cast<std::uint64_t>((*engine)()); };
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RANDOM_SOURCE_HPP
