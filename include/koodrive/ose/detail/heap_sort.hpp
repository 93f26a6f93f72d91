// koodrive-ose: an in-place sort for the few lists the library orders (signed header names,
// query parameters), so that no header needs <algorithm>: its ranges machinery, and std::sort
// instantiated in every translation unit, cost more to compile than the signing itself.
// Heapsort: O(n log n) at worst, whatever the caller's query holds; not stable, which the
// callers do not need (equal elements are equal strings).
#ifndef KOODRIVE_OSE_DETAIL_HEAP_SORT_HPP
#define KOODRIVE_OSE_DETAIL_HEAP_SORT_HPP

#include <cstddef>
#include <utility>
#include <vector>

namespace koodrive::ose {
inline namespace v1 {
namespace detail {

/// Sorts `v` ascending by `operator<`.
template <class T>
void heap_sort(std::vector<T>& v) {
    using std::swap;
    // Moves v[root] down until both its children are smaller, within v[0, end).
    const auto sift_down = [&v](std::size_t root, std::size_t end) {
        for (;;) {
            std::size_t child = 2 * root + 1;
            if (child >= end) return;
            if (child + 1 < end && v[child] < v[child + 1]) ++child;
            if (!(v[root] < v[child])) return;
            swap(v[root], v[child]);
            root = child;
        }
    };
    const std::size_t n = v.size();
    for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
    for (std::size_t end = n; end > 1; --end) {
        swap(v[0], v[end - 1]);
        sift_down(0, end - 1);
    }
}

}  // namespace detail
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_HEAP_SORT_HPP
