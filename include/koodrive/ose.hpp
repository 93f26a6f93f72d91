// koodrive-ose: the protocol, sans I/O. Include this, or only the parts you use:
//
//   koodrive/ose/messages/*.hpp   the messages of the five endpoints (encode, decode, validate)
//   koodrive/ose/endpoints.hpp    method, target and headers of each endpoint
//   koodrive/ose/request_builder.hpp, response_reader.hpp   sans-I/O HTTP
//   koodrive/ose/signing.hpp      app-signed requests (HMAC-SHA256; sha256.hpp, hmac.hpp)
//   koodrive/ose/log_format.hpp   one-line log forms with secrets redacted
//
// Not included, so that a user of the protocol alone never parses threads, mutexes or stop
// tokens (README, "Compile cost"):
//
//   koodrive/ose/client.hpp       a client over your own HTTP callback (retries, polling)
#ifndef KOODRIVE_OSE_HPP
#define KOODRIVE_OSE_HPP

// In layer order, not sorted:
// clang-format off
#include "ose/version.hpp"
#include "ose/error.hpp"
#include "ose/result.hpp"
#include "ose/read_limits.hpp"
#include "ose/reflect.hpp"
#include "ose/codec.hpp"
#include "ose/enums.hpp"
#include "ose/messages/batch_tasks.hpp"
#include "ose/messages/share_tasks.hpp"
#include "ose/messages/transfer_tasks.hpp"
#include "ose/ascii.hpp"
#include "ose/header_values.hpp"
#include "ose/random_source.hpp"
#include "ose/snippet.hpp"
#include "ose/http.hpp"
#include "ose/endpoints.hpp"
#include "ose/request_builder.hpp"
#include "ose/response_reader.hpp"
// clang-format on

// The rest. The compiled mode declares only the above, the messages and what is done with them,
// and leaves these to the files that use them (README, "Compile cost").
#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
// clang-format off
#include "ose/unescape_storage.hpp"
#include "ose/json_reader.hpp"
#include "ose/json_writer.hpp"
#include "ose/codec_impl.hpp"
#include "ose/time.hpp"
#include "ose/trace_id.hpp"
#include "ose/uri.hpp"
#include "ose/sha256.hpp"
#include "ose/hmac.hpp"
#include "ose/signing.hpp"
#include "ose/query.hpp"
#include "ose/log_format.hpp"
// clang-format on
#endif

#endif  // KOODRIVE_OSE_HPP
