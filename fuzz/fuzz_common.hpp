// koodrive-ose fuzzing: helpers shared by the libFuzzer targets.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>

#include <koodrive/ose.hpp>

namespace fuzz {

namespace ose = koodrive::ose;

// Checks a property; on failure prints it and aborts, so libFuzzer saves the input as a crash.
// Unlike assert(), it is not compiled out by NDEBUG.
#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (0)

#define FUZZ_CHECK_MSG(cond, text)                                                                  \
    do {                                                                                            \
        if (!(cond)) {                                                                              \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n  %s\n", __FILE__, __LINE__, #cond, \
                         std::string(text).c_str());                                                \
            std::abort();                                                                           \
        }                                                                                           \
    } while (0)

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// No byte of `s` is CR, LF or NUL.
inline bool one_line(std::string_view s) {
    return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// The ten messages: index 0-4 the requests, 5-9 their responses (same endpoint order).
inline constexpr unsigned message_count = 10;

template <class F>
void with_message(unsigned index, F&& f) {
    switch (index % message_count) {
    case 0: f(std::type_identity<ose::create_batch_task_request>{}); break;
    case 1: f(std::type_identity<ose::list_batch_tasks_request>{}); break;
    case 2: f(std::type_identity<ose::create_share_task_request>{}); break;
    case 3: f(std::type_identity<ose::create_task_request>{}); break;
    case 4: f(std::type_identity<ose::query_share_task_request>{}); break;
    case 5: f(std::type_identity<ose::create_batch_task_response>{}); break;
    case 6: f(std::type_identity<ose::list_batch_tasks_response>{}); break;
    case 7: f(std::type_identity<ose::create_share_task_response>{}); break;
    case 8: f(std::type_identity<ose::create_task_response>{}); break;
    default: f(std::type_identity<ose::query_share_task_response>{}); break;
    }
}

template <class F>
void with_request(unsigned index, F&& f) {
    switch (index % 5) {
    case 0: f(std::type_identity<ose::create_batch_task_request>{}); break;
    case 1: f(std::type_identity<ose::list_batch_tasks_request>{}); break;
    case 2: f(std::type_identity<ose::create_share_task_request>{}); break;
    case 3: f(std::type_identity<ose::create_task_request>{}); break;
    default: f(std::type_identity<ose::query_share_task_request>{}); break;
    }
}

// Tight limits, so that short inputs reach every limit check too.
inline ose::read_limits tight_limits() {
    ose::read_limits l;
    l.max_depth = 4;
    l.max_input_bytes = 512;
    l.max_string_bytes = 24;
    l.max_array_elements = 4;
    return l;
}

// Invariants of every error: one line (the service's code and msg, kept exactly as received,
// are sanitized when printed), an offset inside the input (or none), nothing larger than it.
inline void check_error(const ose::error& e, std::size_t input_size) {
    const std::string text = e.to_string();
    FUZZ_CHECK_MSG(one_line(text), text);
    FUZZ_CHECK_MSG(e.offset == ose::error::no_offset || e.offset <= input_size, text);
    FUZZ_CHECK(e.body_snippet.size() <= 256);
    FUZZ_CHECK(e.api_code.size() <= input_size);
    FUZZ_CHECK(e.api_msg.size() <= input_size);
}

}  // namespace fuzz
