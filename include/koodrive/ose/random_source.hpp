// koodrive-ose: the random source behind generated trace IDs, replaceable so that requests are
// reproducible in tests.
//
// The default asks the operating system for every number (getrandom on Linux, getentropy on
// the BSDs and macOS, std::random_device elsewhere): no state, so copies never repeat each
// other and threads may share it, and no <random> to parse where the OS call exists. A trace
// ID is made once per call, so a system call per number costs nothing that matters.
#ifndef KOODRIVE_OSE_RANDOM_SOURCE_HPP
#define KOODRIVE_OSE_RANDOM_SOURCE_HPP

#include <cstdint>

#include "detail/compiled.hpp"
#include "detail/lean_std.hpp"
#include "version.hpp"

#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#if defined(__linux__) && __has_include(<sys/random.h>)
#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#define KOODRIVE_OSE_DETAIL_GETRANDOM 1
#elif (defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)) && \
    __has_include(<unistd.h>)
#include <unistd.h>
#if __has_include(<sys/random.h>)
#include <sys/random.h>  // getentropy on macOS
#endif
#define KOODRIVE_OSE_DETAIL_GETENTROPY 1
#else
#include <random>
#endif
#endif

namespace koodrive::ose {
inline namespace v1 {

/// A source of random 64-bit numbers (for trace IDs); replace it in tests.
using random_source = std::function<std::uint64_t()>;

#if defined(KOODRIVE_OSE_COMPILED) && !defined(KOODRIVE_OSE_IMPLEMENTATION)
random_source default_random_source();
#else
namespace detail {
/// 64 bits from the operating system (see above).
inline std::uint64_t os_random() {
    std::uint64_t x = 0;
#if defined(KOODRIVE_OSE_DETAIL_GETRANDOM)
    // At most 256 bytes never come back short once the pool is ready; EINTR before then.
    auto n = getrandom(&x, sizeof x, 0);
    while (n < 0 && errno == EINTR) n = getrandom(&x, sizeof x, 0);
    if (n == static_cast<decltype(n)>(sizeof x)) return x;
    // A kernel older than 3.17 has no getrandom: its /dev/urandom then.
    if (std::FILE* f = std::fopen("/dev/urandom", "rb")) {
        if (std::fread(&x, sizeof x, 1, f) != 1) x = 0;
        std::fclose(f);
    }
#elif defined(KOODRIVE_OSE_DETAIL_GETENTROPY)
    (void)getentropy(&x, sizeof x);
#else
    thread_local std::random_device device;
    x = (static_cast<std::uint64_t>(device()) << 32) ^ static_cast<std::uint64_t>(device());
#endif
    return x;
}
}  // namespace detail

/// Random numbers from the operating system, for trace IDs (see above). Thread safe.
KOODRIVE_OSE_DETAIL_HEADER_INLINE random_source default_random_source() { return detail::os_random; }
#endif

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RANDOM_SOURCE_HPP
