// koodrive-ose, compiled mode: build_request and read_response of the five endpoints, declared
// here and made once in src/koodrive_ose.cpp. Included by request_builder_impl.hpp and
// response_reader_impl.hpp (at their ends) only in that mode.
#ifndef KOODRIVE_OSE_DETAIL_COMPILED_HTTP_HPP
#define KOODRIVE_OSE_DETAIL_COMPILED_HTTP_HPP

#include "compiled.hpp"
#include "request_builder_impl.hpp"
#include "response_reader_impl.hpp"

namespace koodrive::ose {
inline namespace v1 {
KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(KOODRIVE_OSE_DETAIL_BUILD_INSTANCES)
KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(KOODRIVE_OSE_DETAIL_READ_INSTANCES)
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_COMPILED_HTTP_HPP
