// koodrive-ose: bodies shown in errors and logs, cut short and safe to print.
#ifndef KOODRIVE_OSE_SNIPPET_HPP
#define KOODRIVE_OSE_SNIPPET_HPP

#include <cstddef>
#include <string>
#include <string_view>

#include "detail/ascii.hpp"
#include "detail/utf8.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// At most `max_bytes` bytes of `body`, safe to print: well-formed UTF-8 characters are kept
/// whole (a character that does not fit ends the snippet instead of being cut); control
/// bytes (< 0x20, 0x7F), the C1 controls U+0080..U+009F (terminal escapes such as CSI) and
/// every byte that is not part of well-formed UTF-8 each become '?'.
inline std::string safe_snippet(std::string_view body, std::size_t max_bytes = 256) {
    std::string out;
    out.reserve(body.size() < max_bytes ? body.size() : max_bytes);
    std::size_t i = 0;
    while (i < body.size() && out.size() < max_bytes) {
        const unsigned char b = detail::byte_of(body[i]);
        const std::size_t len =
            detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(body.data() + i), body.size() - i);
        if (len == 0 || b < 0x20 || b == 0x7F) {
            out.push_back('?');
            ++i;
            continue;
        }
        if (len == 2 && b == 0xC2 && detail::byte_of(body[i + 1]) <= 0x9F) {
            out.push_back('?');  // C1 control: one character, one '?'
            i += 2;
            continue;
        }
        if (out.size() + len > max_bytes) break;
        out.append(body.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_SNIPPET_HPP
