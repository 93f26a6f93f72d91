// koodrive-ose: the blocking client's default wait: blocks the calling thread for the delay,
// and wakes up early when stop is requested.
//
// Kept apart so that the sans-I/O parts (call_machine.hpp, pollers.hpp) and event-loop
// adapters never see <condition_variable>. Real time (steady clock): replace it through
// client_options::sleep in tests, so that waits move the injected clock instead.
#ifndef KOODRIVE_OSE_BLOCKING_SLEEPER_HPP
#define KOODRIVE_OSE_BLOCKING_SLEEPER_HPP

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace koodrive::ose {
inline namespace v1 {

/// Blocks for `delay`, or until `stop` is requested.
inline void blocking_sleep(std::chrono::milliseconds delay, const std::stop_token& stop) {
    if (delay.count() <= 0 || stop.stop_requested()) return;
    std::mutex m;
    std::condition_variable_any woken;
    std::unique_lock lock(m);
    // Returns at the delay or when stop is requested (a stop_callback notifies), never spuriously early.
    (void)woken.wait_for(lock, stop, delay, [] { return false; });
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_BLOCKING_SLEEPER_HPP
