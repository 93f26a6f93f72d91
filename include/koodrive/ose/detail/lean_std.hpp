// koodrive-ose: the parts of <chrono> and <functional> the library uses (clocks, durations,
// time points, std::function), without the rest.
//
// With libstdc++, <chrono> also brings C++20 calendar I/O (<sstream>, <locale>) and
// <functional> the searchers and binders: together about 0.2 s of every translation unit that
// includes the library, more than the library's own code (README, "Compile cost"). libstdc++
// keeps what the library needs in two internal headers of its own, used here when present;
// every other standard library gets the standard headers.
#ifndef KOODRIVE_OSE_DETAIL_LEAN_STD_HPP
#define KOODRIVE_OSE_DETAIL_LEAN_STD_HPP

#include <cstddef>  // defines __GLIBCXX__ with libstdc++

#if defined(__GLIBCXX__) && __has_include(<bits/chrono.h>) && __has_include(<bits/std_function.h>) && \
    !defined(KOODRIVE_OSE_FULL_STD_HEADERS)
#include <bits/chrono.h>
#include <bits/std_function.h>
#include <new>  // bits/std_function.h places its target with placement new, as <functional> does
#else
#include <chrono>
#include <functional>
#endif

#endif  // KOODRIVE_OSE_DETAIL_LEAN_STD_HPP
