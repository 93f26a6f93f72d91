// koodrive-ose: encode, decode and validate any described message: what to call.
//
// Declarations only: codec_impl.hpp has the definitions, and this header includes it at its end
// unless the compiled mode (KOODRIVE_OSE_COMPILED) makes the ten messages' functions elsewhere,
// so that a file using only those parses none of the JSON machinery (README, "Compile cost").
#ifndef KOODRIVE_OSE_CODEC_HPP
#define KOODRIVE_OSE_CODEC_HPP

#include <string>
#include <string_view>

#include "fwd.hpp"  // unescape_storage, declared: only view mode needs its definition
#include "read_limits.hpp"
#include "reflect.hpp"
#include "result.hpp"
#include "violation.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// Checks every field constraint and cross-field rule of a request (responses are only checked
/// for valid UTF-8): the check before sending, so a failure is a local error. The error names
/// the JSON path of the first violation, in field order.
template <described T>
result<void> validate(const T& message);

/// The same check without allocating: true, with the first violation in `out`, when the message
/// breaks a rule (for loops that check many messages, such as fuzz and traffic generators).
template <described T>
bool find_violation(const T& message, violation& out);

/// Appends the JSON of `message` to `out` without validating it.
template <described T>
void encode_unchecked(const T& message, std::string& out);

/// Appends the JSON of `message` to `out`, checking every rule validate() checks while it
/// writes, in one pass (UTF-8 in the same pass as escaping): on failure nothing is appended,
/// and the error is the one validate() gives.
template <described T>
result<void> encode_to(const T& message, std::string& out);

/// Validates `message`, then writes it as compact JSON.
template <described T>
result<std::string> encode(const T& message);

/// Decodes `json`, a message received from the peer, into `out` (a reused message keeps its
/// capacity). A request is then validated (a server's view): a failure is the peer's invalid
/// request; for a response it is a malformed response.
template <described T>
result<void> decode_into(T& out, std::string_view json, const read_limits& limits = {});

/// The same without allocating on failure: false, with the failure (offset, path, expectation)
/// in `failure`; `failure.to_error(kind)` spells it out when wanted. For servers and fuzz loops
/// that reject many bodies.
template <described T>
bool decode_into(T& out, std::string_view json, violation& failure, const read_limits& limits = {});

/// View mode, for messages whose strings are std::string_view (the `*_view` aliases): strings
/// point into `json`, which must outlive `out`, or into `storage` when they had escapes.
template <described T>
result<void> decode_view(T& out, std::string_view json, unescape_storage& storage, const read_limits& limits = {});

/// Reads `json` into `out` with no rule checked, only JSON, types and limits (the counterpart of
/// encode_unchecked, for generators and tools that make rule-breaking messages on purpose):
/// false, with the failure in `failure`.
template <described T>
bool decode_unchecked(T& out, std::string_view json, violation& failure, const read_limits& limits = {});

/// Reads a `T` from `json` (strict RFC 8259, within `limits`), then validates it.
template <described T>
result<T> decode(std::string_view json, const read_limits& limits = {});

}  // namespace v1
}  // namespace koodrive::ose

#if !defined(KOODRIVE_OSE_COMPILED) || defined(KOODRIVE_OSE_IMPLEMENTATION)
#include "codec_impl.hpp"
#endif

#endif  // KOODRIVE_OSE_CODEC_HPP
