// koodrive-ose testing: seeded, realistic traffic for benchmarks.
//
// Not part of the core: include it on its own.
//
//   ose::testing::traffic traffic(42);
//   auto page = traffic.next<ose::list_batch_tasks_response>(100);          // 100 jobs
//   auto big = traffic.next_of_size<ose::create_batch_task_request>(64 * 1024);  // ~64 KiB of JSON
//
// The same generator as for fuzzing (generate.hpp), fed from a seeded splitmix64 stream instead
// of fuzz bytes, with realistic rather than edge-case choices: every string shaped like the
// reference's values (19-digit task IDs, IAAD... container IDs, F... file IDs, yyyyMMddHHmmss
// times, see sample_values.hpp), integers spread near the bottom of their range, and arrays with
// the number of entries asked for. Every message is valid. The same seed gives the same
// messages with every compiler and standard library (no std:: distributions).
#ifndef KOODRIVE_OSE_TESTING_TRAFFIC_HPP
#define KOODRIVE_OSE_TESTING_TRAFFIC_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../codec_impl.hpp"
#include "generate.hpp"
#include "sample_values.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace testing {

/// The choices behind one realistic message.
class seeded_source {
public:
    /// A source seeded with `seed`, asking for `entries` array entries.
    explicit seeded_source(std::uint64_t seed, std::size_t entries = 1) noexcept : state_(seed), entries_(entries) {}

    /// The next 64 pseudo-random bits.
    std::uint64_t next() noexcept { return detail::mix(state_); }
    /// A pseudo-random byte.
    std::uint8_t byte() noexcept { return static_cast<std::uint8_t>(next() >> 56); }
    /// A pseudo-random choice.
    bool boolean() noexcept { return (next() >> 63) != 0; }
    /// A pseudo-random number below `n` (0 when n <= 1).
    std::size_t below(std::size_t n) noexcept { return n <= 1 ? 0 : static_cast<std::size_t>(next() % n); }
    /// Counts, codes and percentages are small: at most a hundred above the range's start (0 for
    /// ranges that include negative numbers).
    std::int64_t in_range(std::int64_t lo, std::int64_t hi) noexcept {
        const std::int64_t base = lo < 0 && hi >= 0 ? 0 : lo;
        const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(base);
        const std::uint64_t top = std::min<std::uint64_t>(span, 100);
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(base) + next() % (top + 1));
    }
    /// How many entries an array gets: the number asked for, within [lo, hi].
    std::size_t entries(std::size_t lo, std::size_t hi) const noexcept { return std::clamp(entries_, lo, hi); }
    /// Strings always take the shape of their field (realistic values).
    bool shaped() const noexcept { return true; }
    /// A pseudo-random index.
    std::size_t pick() noexcept { return static_cast<std::size_t>(next()); }

private:
    std::uint64_t state_;
    std::size_t entries_;
};

/// A stream of realistic messages from one seed.
class traffic {
public:
    /// Messages from the seed `seed`: the same seed gives the same messages.
    explicit traffic(std::uint64_t seed) noexcept : state_(seed) {}

    /// The next message, every array with `entries` entries (within its limits; a cross-field
    /// rule may leave one with fewer, as create_batch_task_request's uncompressFilePaths).
    /// A reused message keeps its capacity.
    template <described T>
    void next_into(T& m, std::size_t entries = 1) {
        seeded_source s(draw(), entries);
        generate_valid_into(m, s);
    }

    /// The next valid `T`, with `entries` entries in its arrays (within their limits).
    template <described T>
    T next(std::size_t entries = 1) {
        T m{};
        next_into(m, entries);
        return m;
    }

    /// The next message whose JSON is at least `bytes` long: its arrays get as many entries as
    /// that takes (at most max_entries; a message without arrays is as long as it is).
    template <described T>
    T next_of_size(std::size_t bytes, std::size_t max_entries = 1000000) {
        const std::uint64_t seed = draw();
        T m{};
        std::string json;
        auto make = [&](std::size_t entries) {
            seeded_source s(seed, entries);
            generate_valid_into(m, s);
            json.clear();
            encode_unchecked(m, json);
            return json.size();
        };
        const std::size_t one = make(1);
        if (one >= bytes || max_entries <= 1) return m;
        const std::size_t two = make(2);
        if (two <= one) return m;  // nothing grows
        const std::size_t per_entry = two - one;
        std::size_t entries = 2, size = two;
        // Entries differ in length, so step towards the target a few times.
        for (int step = 0; step < 16 && size < bytes && entries < max_entries; ++step) {
            entries = std::min(max_entries, entries + (bytes - size + per_entry - 1) / per_entry);
            size = make(entries);
        }
        return m;
    }

private:
    std::uint64_t draw() noexcept { return detail::mix(state_); }
    std::uint64_t state_;
};

}  // namespace testing
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TESTING_TRAFFIC_HPP
