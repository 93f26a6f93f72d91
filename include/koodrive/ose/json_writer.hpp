// koodrive-ose: the JSON writer. It appends to a caller's std::string through a raw cursor,
// growing the string like a vector, so encoding into a reused buffer allocates nothing once
// the buffer has grown. Strings are escaped exactly as RFC 8259 requires (quote, backslash,
// controls); everything else, UTF-8 included, is copied.
#ifndef KOODRIVE_OSE_JSON_WRITER_HPP
#define KOODRIVE_OSE_JSON_WRITER_HPP

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <type_traits>

#include "detail/integer_text.hpp"
#include "detail/scan.hpp"
#include "detail/swar.hpp"
#include "detail/utf8.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace json {

namespace detail {

/// The escape of each byte: 0 = copy as is, 'u' = \u00XX, else the letter after the backslash.
inline constexpr auto escape_table = [] {
    struct table {
        char e[256]{};
    } t{};
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

/// Appends to a std::string through a cursor. The first bytes go to a buffer of its own and
/// reach the string in one append at finish() (which the destructor also calls): a small
/// message costs one copy instead of sizing the string twice, and a fresh string allocates once,
/// at its final size. Longer output moves to the string itself, which is then sized a window
/// ahead of what is written (resize() within the capacity, so reserve() space is used without
/// reallocating) and cut to what was written at finish(). Past 4 KiB the window grows by a
/// quarter at a time rather than to the whole capacity at once, because C++20's resize()
/// zero-fills: a reused buffer of 128 KiB would be cleared whole for every message.
class output {
public:
    /// Appends to `s`, which it grows as needed.
    explicit output(std::string& s) noexcept : s_(s), start_(s.size()) {}
    output(const output&) = delete;
    output& operator=(const output&) = delete;
    /// Calls finish(), unless an exception is unwinding and the message, still in the own
    /// buffer, does not fit the string's capacity: an append that allocates could throw again,
    /// so the string then keeps what it held. Call finish() where an allocation failure must
    /// reach the caller; the library's encoders do.
    ~output() {
        if (p_ == nullptr) return;
        if (in_string_ || s_.capacity() - s_.size() >= static_cast<std::size_t>(p_ - first_) ||
            std::uncaught_exceptions() == 0)
            finish();
    }

    /// Room for n more bytes at cursor().
    [[gnu::always_inline]] char* ensure(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n) [[unlikely]]
            grow(n);
        return p_;
    }
    /// Where the next byte goes.
    [[nodiscard]] char* cursor() const noexcept { return p_; }
    /// Marks the bytes up to `p` as written (after writing through cursor()).
    void advance_to(char* p) noexcept { p_ = p; }

    /// Appends one byte.
    [[gnu::always_inline]] void put(char c) {
        *ensure(1) = c;
        ++p_;
    }
    /// Appends `s`.
    void put(std::string_view s) {
        std::memcpy(ensure(s.size()), s.data(), s.size());
        p_ += s.size();
    }
    /// Drops everything written through this output.
    void rollback() noexcept { p_ = in_string_ ? s_.data() + start_ : first_; }
    /// Puts what was written into the string (once; later calls do nothing).
    void finish() {
        if (p_ == nullptr) return;
        if (in_string_)
            s_.resize(static_cast<std::size_t>(p_ - s_.data()));
        else
            s_.append(first_, static_cast<std::size_t>(p_ - first_));
        p_ = end_ = nullptr;
    }

private:
    static constexpr std::size_t first_size = 512;
    static constexpr std::size_t big = 4096;  // a window beyond this grows by a quarter
    static constexpr std::size_t slack = 64;
    [[gnu::noinline]] void grow(std::size_t n) {
        if (!in_string_) {  // move to the string: at least the capacity it has, up to 4 KiB
            const auto used = static_cast<std::size_t>(p_ - first_);
            const std::size_t room = s_.capacity() - start_;
            std::size_t window = room < 2 * first_size ? 2 * first_size : room > big ? big : room;
            if (window < used + n + slack) window = used + n + slack;
            s_.resize(start_ + window);
            std::memcpy(s_.data() + start_, first_, used);
            in_string_ = true;
            p_ = s_.data() + start_ + used;
            end_ = s_.data() + s_.size();
            return;
        }
        const auto used = static_cast<std::size_t>(p_ - s_.data());
        const std::size_t want = used + n + slack;
        const std::size_t size = s_.size();
        const std::size_t step = size < big ? 2 * size : size + size / 4;  // (the capacity doubles anyway)
        s_.resize(want > step ? want : step);
        p_ = s_.data() + used;
        end_ = s_.data() + s_.size();
    }

    std::string& s_;
    std::size_t start_;
    bool in_string_ = false;
    char* p_ = first_;
    char* end_ = first_ + first_size;
    char first_[first_size];
};

/// Copies the bytes of [p, end) to w up to the first that needs attention (an escape, or with
/// CheckUtf8 a non-ASCII byte), sixteen at a time (SSE2) or eight (SWAR) while they last; may
/// store up to 16 bytes past what it copies. Advances p and w.
template <bool CheckUtf8>
[[gnu::always_inline]] inline void copy_plain(const char*& p, const char* end, char*& w) noexcept {
    const char* const first = p;  // from here on, input and output bytes correspond one to one
    auto done = [&] {
        w += end - p;
        p = end;
    };
#ifdef KOODRIVE_OSE_SSE2
    auto stop_at = [&](unsigned mask) {  // at the first flagged byte of a 16-byte block
        const auto n = static_cast<unsigned>(std::countr_zero(mask));
        p += n;
        w += n;
    };
    while (end - p >= 16) {
        __m128i x;
        const unsigned mask = ose::detail::escape_mask16<CheckUtf8>(p, x);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w), x);
        if (mask != 0) return stop_at(mask);
        p += 16;
        w += 16;
    }
    if (end - p >= 4 && end - first >= 16) {
        // A tail of 4 to 15 bytes as the last sixteen, overlapping some just copied (stored
        // again, the same); a shorter one is cheaper byte by byte.
        const auto back = static_cast<unsigned>(16 - (end - p));
        __m128i x;
        const unsigned mask = ose::detail::escape_mask16<CheckUtf8>(end - 16, x) >> back;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w - back), x);
        if (mask != 0) return stop_at(mask);
        return done();
    }
#endif
    // A short string: its first and last eight (or four) bytes, overlapping, decide at once.
    if (const auto n = static_cast<std::size_t>(end - p); n >= 8 && n < 16) {
        const std::uint64_t a = ose::detail::load8(p), b = ose::detail::load8(end - 8);
        if (!ose::detail::string_chunk_is_special(a, CheckUtf8) &&
            !ose::detail::string_chunk_is_special(b, CheckUtf8)) {
            std::memcpy(w, &a, 8);
            std::memcpy(w + n - 8, &b, 8);
            return done();
        }
    } else if (n >= 4 && n < 8) {
        const std::uint32_t a = ose::detail::load4(p), b = ose::detail::load4(end - 4);
        if (!ose::detail::string_chunk_is_special(a | std::uint64_t{b} << 32, CheckUtf8)) {
            std::memcpy(w, &a, 4);
            std::memcpy(w + n - 4, &b, 4);
            return done();
        }
    }
    while (end - p >= 8) {
        const std::uint64_t x = ose::detail::load8(p);
        if (ose::detail::string_chunk_is_special(x, CheckUtf8)) break;
        std::memcpy(w, &x, 8);
        w += 8;
        p += 8;
    }
    while (p < end) {
        const auto u = static_cast<unsigned char>(*p);
        if (detail::escape_table.e[u] != 0 || (CheckUtf8 && u >= 0x80)) break;
        *w++ = *p++;
    }
}

/// Writes s as a JSON string (with quotes). With CheckUtf8, returns false at the first byte
/// that is not valid UTF-8 (what was written is then garbage; the caller rolls back).
template <bool CheckUtf8>
bool write_string(output& out, std::string_view s) {
    // Room for the quotes and for the sixteen-byte stores running past the end; escapes ask more.
    constexpr std::size_t overrun = 16;
    char* w = out.ensure(s.size() + 2 + overrun);
    *w++ = '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    for (;;) {
        copy_plain<CheckUtf8>(p, end, w);
        if (p == end) break;
        const auto u = static_cast<unsigned char>(*p);
        if (CheckUtf8 && u >= 0x80) {
            const std::size_t len = ose::detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(p),
                                                                      static_cast<std::size_t>(end - p));
            if (len == 0) return false;
            std::memcpy(w, p, len);  // room: len bytes of input were counted in ensure()
            w += len;
            p += len;
            continue;
        }
        // An escape: up to 6 bytes for 1, so ask for 5 more than counted.
        out.advance_to(w);
        w = out.ensure(static_cast<std::size_t>(end - p) + 2 + overrun + 5);
        const char e = detail::escape_table.e[u];
        *w++ = '\\';
        if (e == 'u') {
            static constexpr char hex[] = "0123456789abcdef";
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[u >> 4];
            *w++ = hex[u & 0xF];
        } else {
            *w++ = e;
        }
        ++p;
    }
    *w++ = '"';
    out.advance_to(w);
    return true;
}

/// Writes an integer in decimal, without locale.
template <std::integral I>
[[gnu::always_inline]] inline void write_integer(output& out, I v) {
    char* w = out.ensure(24);
    // Most numbers of the API (types, statuses, codes, progress) are below 100: written here,
    // inline; the rest by the general writer.
    bool small = false;  // (widened first: a comparison on a narrow type may be always true)
    if constexpr (std::is_signed_v<I>)
        small = static_cast<long long>(v) >= 0 && static_cast<long long>(v) < 100;
    else
        small = static_cast<unsigned long long>(v) < 100;
    if (small) {
        const auto u = static_cast<std::size_t>(v);
        if (u < 10) {
            *w = static_cast<char>('0' + u);
            out.advance_to(w + 1);
        } else {
            w[0] = ose::detail::digit_pairs.d[2 * u];
            w[1] = ose::detail::digit_pairs.d[2 * u + 1];
            out.advance_to(w + 2);
        }
        return;
    }
    out.advance_to(ose::detail::write_integer_text(w, v));
}

/// The same, appending to a plain string (for callers outside the codec).
inline void write_string(std::string& out, std::string_view s) {
    output o(out);
    write_string<false>(o, s);
    o.finish();
}
template <std::integral I>
void write_integer(std::string& out, I v) {
    char buf[24];
    out.append(buf, static_cast<std::size_t>(ose::detail::write_integer_text(buf, v) - buf));
}

}  // namespace json
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_JSON_WRITER_HPP
