// koodrive-ose: the JSON writer. It appends to a caller's std::string, so encoding into a
// reused buffer allocates nothing once the buffer has grown. Strings are escaped exactly as
// RFC 8259 requires (quote, backslash, controls); everything else, UTF-8 included, is copied.
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "detail/swar.hpp"

namespace koodrive::ose::json {

namespace detail {

// The escape of each byte: 0 = copy as is, 'u' = \u00XX, else the letter after the backslash.
inline constexpr auto escape_table = [] {
    struct table { char e[256]{}; } t{};
    for (int c = 0; c < 0x20; ++c) t.e[c] = 'u';
    t.e[static_cast<unsigned char>('\b')] = 'b';
    t.e[static_cast<unsigned char>('\f')] = 'f';
    t.e[static_cast<unsigned char>('\n')] = 'n';
    t.e[static_cast<unsigned char>('\r')] = 'r';
    t.e[static_cast<unsigned char>('\t')] = 't';
    t.e[static_cast<unsigned char>('"')] = '"';
    t.e[static_cast<unsigned char>('\\')] = '\\';
    return t;
}();

}  // namespace detail

// Appends s as a JSON string (with quotes). s must be valid UTF-8; the codec checks that first.
inline void write_string(std::string& out, std::string_view s) {
    const std::size_t old = out.size();
    // Worst case every byte becomes \u00XX; reserve the common case and grow on escapes.
    out.resize(old + s.size() + 2);
    char* w = out.data() + old;
    *w++ = '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end) {
        while (end - p >= 8 && !ose::detail::string_chunk_is_special(ose::detail::load8(p), false)) {
            std::memcpy(w, p, 8);
            w += 8;
            p += 8;
        }
        while (p < end) {
            const char e = detail::escape_table.e[static_cast<unsigned char>(*p)];
            if (e != 0) break;
            *w++ = *p++;
        }
        if (p == end) break;
        // An escape: make room for it (at most 6 bytes replace 1).
        const char e = detail::escape_table.e[static_cast<unsigned char>(*p)];
        const std::size_t written = static_cast<std::size_t>(w - out.data());
        const std::size_t extra = (e == 'u') ? 5u : 1u;
        out.resize(out.size() + extra);
        w = out.data() + written;
        *w++ = '\\';
        if (e == 'u') {
            static constexpr char hex[] = "0123456789abcdef";
            const auto c = static_cast<unsigned char>(*p);
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 0xF];
        } else {
            *w++ = e;
        }
        ++p;
    }
    *w++ = '"';
    out.resize(static_cast<std::size_t>(w - out.data()));
}

// Appends an integer in decimal, without locale.
template <std::integral I>
void write_integer(std::string& out, I v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

// Appends text that is already JSON (keys prepared at compile time, punctuation).
inline void write_raw(std::string& out, std::string_view s) { out.append(s); }

}  // namespace koodrive::ose::json
