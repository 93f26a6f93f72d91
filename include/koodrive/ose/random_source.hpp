// koodrive-ose: the random source behind generated trace IDs, replaceable so that requests are
// reproducible in tests. Only what needs a default source includes this (and <random>); in the
// compiled mode the default is made in src/koodrive_ose.cpp and <random> is not parsed here.
#ifndef KOODRIVE_OSE_RANDOM_SOURCE_HPP
#define KOODRIVE_OSE_RANDOM_SOURCE_HPP

#include <cstdint>
#include <functional>

#include "detail/compiled.hpp"
#include "version.hpp"

#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include <memory>
#include <random>
#endif

namespace koodrive::ose {
inline namespace v1 {

/// A source of random 64-bit numbers (for trace IDs); replace it in tests.
using random_source = std::function<std::uint64_t()>;

// A Mersenne Twister seeded from std::random_device. Its state lives in the returned
// function (shared by its copies), so there is no global state; not thread safe, one per
// thread or per client.
#if defined(KOODRIVE_OSE_COMPILED) && !defined(KOODRIVE_OSE_IMPLEMENTATION)
random_source default_random_source();
#else
/// A Mersenne Twister seeded from std::random_device (see above).
KOODRIVE_OSE_DETAIL_HEADER_INLINE random_source default_random_source() {
    std::random_device rd;
    // Seed the whole 64-bit state space rather than one 32-bit word.
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    auto engine = std::make_shared<std::mt19937_64>(seq);
    return [engine]() -> std::uint64_t { return static_cast<std::uint64_t>((*engine)()); };
}
#endif

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RANDOM_SOURCE_HPP
