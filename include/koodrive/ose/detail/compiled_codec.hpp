// koodrive-ose, compiled mode: the codec of the ten messages, declared here and made once in
// src/koodrive_ose.cpp. Included by codec_impl.hpp (at its end) only in that mode, so that a
// file that includes the definitions still leaves those ten to the library.
#ifndef KOODRIVE_OSE_DETAIL_COMPILED_CODEC_HPP
#define KOODRIVE_OSE_DETAIL_COMPILED_CODEC_HPP

#include "../codec_impl.hpp"
#include "../messages/batch_tasks.hpp"
#include "../messages/share_tasks.hpp"
#include "../messages/transfer_tasks.hpp"
#include "compiled.hpp"

namespace koodrive::ose {
inline namespace v1 {
KOODRIVE_OSE_DETAIL_FOR_EACH_MESSAGE(KOODRIVE_OSE_DETAIL_CODEC_INSTANCES)
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_DETAIL_COMPILED_CODEC_HPP
