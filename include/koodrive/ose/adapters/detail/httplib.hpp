// koodrive-ose adapters: cpp-httplib's header, included once for the client and the server.
// It does not build warning-free under -Wconversion -Wshadow; its warnings stay out of ours.
#ifndef KOODRIVE_OSE_ADAPTERS_DETAIL_HTTPLIB_HPP
#define KOODRIVE_OSE_ADAPTERS_DETAIL_HTTPLIB_HPP

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#include <httplib.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#endif  // KOODRIVE_OSE_ADAPTERS_DETAIL_HTTPLIB_HPP
