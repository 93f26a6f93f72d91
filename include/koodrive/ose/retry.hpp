// koodrive-ose: when to send a failed request again, and how long to wait first.
//
// A `retry_policy` is a value: attempts, exponential backoff with full jitter (the delay is
// uniform in [0, min(max_delay, base_delay * 2^n)], from the caller's random source), the
// service's `Retry-After` (seconds or an HTTP date), and a total time budget per call.
//
// Reads (list, query) are sent again after any retryable failure. A create is sent again only
// when the request certainly never reached the service (`error::safe_to_resend()`: the
// transport said "not sent"), unless the caller opts in: a timeout, a reset or a 502 may come
// after the service made the task, and sending again would make a second one.
#ifndef KOODRIVE_OSE_RETRY_HPP
#define KOODRIVE_OSE_RETRY_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "detail/lean_std.hpp"
#include "error.hpp"
#include "http_date.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// When and how long before a failed call is sent again.
struct retry_policy {
    std::size_t max_attempts = 4;                ///< sends per call, the first included (1: never again)
    std::chrono::milliseconds base_delay{200};   ///< the first retry waits up to this
    std::chrono::milliseconds max_delay{10000};  ///< cap of a backoff wait (a Retry-After is taken as sent)
    std::chrono::milliseconds budget{30000};     ///< a call's sends and waits, on the client's clock; 0: none
    bool honor_retry_after = true;               ///< wait what the service's Retry-After asks
    /// Opt in to resend a create after any retryable failure, accepting that the service may
    /// then make the task twice. Off: only failures that are `safe_to_resend()`.
    bool resend_creates_that_may_have_been_applied = false;

    /// One attempt, no wait.
    static retry_policy none() {
        retry_policy p;
        p.max_attempts = 1;
        return p;
    }
};

/// The wait before retry `retry` (1 for the first), full jitter from 64 random bits.
inline std::chrono::milliseconds backoff_delay(const retry_policy& p, std::size_t retry, std::uint64_t random_bits) {
    const auto cap = p.max_delay.count() > 0 ? p.max_delay.count() : 0;
    std::int64_t ceiling = p.base_delay.count() > 0 ? p.base_delay.count() : 0;
    for (std::size_t i = 1; i < retry && ceiling < cap; ++i) ceiling *= 2;
    if (ceiling > cap) ceiling = cap;
    if (ceiling <= 0) return std::chrono::milliseconds{0};
    return std::chrono::milliseconds{
        static_cast<std::int64_t>(random_bits % (static_cast<std::uint64_t>(ceiling) + 1))};
}

/// `Retry-After` as a wait from `now`: delay-seconds (digits only) or an HTTP date (a date in
/// the past is no wait). None when the header is absent or not one of the two forms.
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                                  std::chrono::system_clock::time_point now) {
    if (value.empty()) return std::nullopt;
    if (value.size() <= 9 && value.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t seconds = 0;
        for (const char c : value) seconds = seconds * 10 + (c - '0');
        return std::chrono::milliseconds{seconds * 1000};
    }
    auto date = parse_http_date(value, "Retry-After");
    if (!date) return std::nullopt;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*date - now);
    return wait.count() > 0 ? wait : std::chrono::milliseconds{0};
}

/// May a failure of this call be sent again? (The attempt count and budget are checked apart.)
inline bool may_resend(const retry_policy& p, const error& e, bool creates) noexcept {
    if (!e.retryable()) return false;
    return !creates || e.safe_to_resend() || p.resend_creates_that_may_have_been_applied;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RETRY_HPP
