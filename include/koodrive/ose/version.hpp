// koodrive-ose: version of the library, and the one check every header makes first: C++20.
//
// Everything is declared in `koodrive::ose::v1`, an inline namespace named after the
// major version: code says `koodrive::ose::x`, while the symbols of two incompatible major
// versions linked into one program stay distinct. Forward-declare through koodrive/ose/fwd.hpp.
#ifndef KOODRIVE_OSE_VERSION_HPP
#define KOODRIVE_OSE_VERSION_HPP

// Every header reaches this check before any of its own code. The include after #error stops
// the compiler (a missing header is fatal), rather than let hundreds of errors follow.
#if !defined(_MSVC_LANG) && __cplusplus < 202002L || defined(_MSVC_LANG) && _MSVC_LANG < 202002L
#error "koodrive-ose needs C++20 or later: compile with -std=c++20 (or /std:c++20)"
#include <koodrive_ose_stops_here_because_it_needs_cxx20>
#endif

#define KOODRIVE_OSE_VERSION_MAJOR 1
#define KOODRIVE_OSE_VERSION_MINOR 0
#define KOODRIVE_OSE_VERSION_PATCH 0
#define KOODRIVE_OSE_VERSION \
    (KOODRIVE_OSE_VERSION_MAJOR * 10000 + KOODRIVE_OSE_VERSION_MINOR * 100 + KOODRIVE_OSE_VERSION_PATCH)

#endif  // KOODRIVE_OSE_VERSION_HPP
