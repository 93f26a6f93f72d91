// koodrive-ose: the bounds on what the JSON reader accepts, apart from the reader, so that the
// codec's declarations (all the compiled mode parses) need not include it.
#ifndef KOODRIVE_OSE_READ_LIMITS_HPP
#define KOODRIVE_OSE_READ_LIMITS_HPP

#include <cstddef>

#include "version.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace json {

/// Bounds on what the reader accepts. Input beyond a bound is an error, never a crash or
/// unbounded memory.
struct read_limits {
    std::size_t max_depth = 64;               ///< nesting; the root object counts as 1 (at most 1024)
    std::size_t max_input_bytes = 16u << 20;  ///< whole body
    std::size_t max_string_bytes = 1u << 20;  ///< one string, as written between its quotes
    std::size_t max_array_elements = 100000;  ///< one array
};

}  // namespace json

using json::read_limits;

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_READ_LIMITS_HPP
