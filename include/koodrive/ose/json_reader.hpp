// koodrive-ose: the JSON reader, a token cursor over the caller's bytes.
//
// It has no DOM and holds no strings: the codec asks it for the next key, string or number and
// stores the result straight into typed fields. Whatever it is not asked to decode it skips,
// while still checking it against RFC 8259, so an unknown field cannot smuggle malformed JSON
// through. One convention throughout: a function that can fail returns false after recording
// the failure (the byte offset of the first byte that cannot continue valid JSON and a static
// text of what was expected there) in the caller's `violation`, the same fixed-size record
// validation uses; the codec adds the JSON path while the failure travels back up, and only the
// public boundary spells it out as an `error`.
#ifndef KOODRIVE_OSE_JSON_READER_HPP
#define KOODRIVE_OSE_JSON_READER_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "detail/scan.hpp"
#include "detail/swar.hpp"
#include "detail/utf8.hpp"
#include "error.hpp"
#include "read_limits.hpp"
#include "result.hpp"
#include "unescape_storage.hpp"
#include "violation.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace json {

inline constexpr std::size_t hard_max_depth = 1024;

/// What peek() returns at the end of the input (a NUL byte in the input is 0, not this).
inline constexpr int end_of_input = -1;

/// A JSON number as written, split into its parts (the text is validated).
struct number_token {
    std::string_view text;  ///< the whole number
    bool negative = false;
    bool integral = true;  ///< no fraction, no exponent
};

/// A string as written between its quotes (validated), and whether it holds an escape.
struct raw_string {
    std::string_view text;
    bool escaped = false;
};

class reader {
public:
    reader(std::string_view input, const read_limits& limits, violation& failure) noexcept
            : begin_(input.data()),
              p_(input.data()),
              end_(input.data() + input.size()),
              failure_(&failure),
              max_depth_(limits.max_depth > hard_max_depth ? hard_max_depth : limits.max_depth),
              max_input_(limits.max_input_bytes),
              max_string_(limits.max_string_bytes),
              max_elements_(limits.max_array_elements) {}

    // ---- state ---------------------------------------------------------------------------
    [[nodiscard]] std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
    [[nodiscard]] violation& failure() const noexcept { return *failure_; }

    /// Records a failure at the current position and returns false, so callers can `return fail(...)`.
    bool fail(errc code, std::string_view expected) const noexcept { return fail_at(offset(), code, expected); }
    bool fail_at(std::size_t at, errc code, std::string_view expected, std::string_view found = {}) const noexcept {
        failure_->set_expected(code, at, expected, found);
        return false;
    }

    // ---- document ------------------------------------------------------------------------
    [[gnu::always_inline]] bool begin_document() noexcept {  // once per document: no call
        if (static_cast<std::size_t>(end_ - begin_) > max_input_)
            return fail(errc::limit_exceeded, "a body no larger than the input limit");
        if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0)
            return fail(errc::syntax, "a JSON value, not a byte-order mark");
        skip_ws();
        return true;
    }
    bool end_document() noexcept {
        skip_ws();
        if (p_ != end_) return fail(errc::syntax, "end of input after the JSON value");
        return true;
    }

    // ---- tokens --------------------------------------------------------------------------
    [[gnu::always_inline]] void skip_ws() noexcept { p_ = after_ws(p_, end_); }
    [[nodiscard]] bool at_end() const noexcept { return p_ == end_; }
    /// The next byte, or end_of_input.
    [[nodiscard]] int peek() const noexcept { return p_ < end_ ? static_cast<unsigned char>(*p_) : end_of_input; }
    /// Consumes `null` when it is next.
    bool try_null() noexcept {
        if (end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
            p_ += 4;
            return true;
        }
        return false;
    }

    /// Object protocol: begin_container() at '{'; then next_key(first, more) until `more` is
    /// false ('}' consumed); with `more`, the cursor is at the key's opening quote: try_key(),
    /// try_key_token() or read_key(), then colon().
    /// Array protocol, the same shape: begin_container() at '['; next_element(count, more).
    [[gnu::always_inline]] bool begin_container() noexcept {
        if (++depth_ > max_depth_) return fail(errc::limit_exceeded, "nesting no deeper than the depth limit");
        ++p_;  // '{' or '['
        skip_ws();
        return true;
    }

    [[gnu::always_inline]] bool next_key(bool first, bool& more) noexcept {
        // Compact JSON first, inline: `,"` between members, `"` right after '{'.
        const std::ptrdiff_t comma = first ? 0 : 1;
        if (end_ - p_ > comma && p_[comma] == '"' && (first || *p_ == ',')) {
            p_ += comma;
            key_offset_ = offset();
            more = true;
            return true;
        }
        if (p_ != end_ && *p_ == '}') {  // the end, right after the last value
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        return next_key_slow(first, more);
    }
    [[gnu::noinline]] bool next_key_slow(bool first, bool& more) noexcept {
        skip_ws();
        if (p_ == end_) return fail(errc::syntax, first ? "a string key or '}'" : "',' or '}'");
        if (*p_ == '}') {
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        if (!first) {
            if (*p_ != ',') return fail(errc::syntax, "',' or '}'");
            ++p_;
            skip_ws();
        }
        if (p_ == end_ || *p_ != '"') return fail(errc::syntax, first ? "a string key or '}'" : "a string key");
        key_offset_ = offset();
        more = true;
        return true;
    }
    /// Consumes the key at the cursor when it is exactly `name` (plain ASCII, no escapes);
    /// false leaves the cursor where it was (not a failure).
    bool try_key(std::string_view name) noexcept {
        const std::size_t n = name.size();
        if (static_cast<std::size_t>(end_ - p_) < n + 2 || p_[n + 1] != '"' ||
            !ose::detail::equal_bytes(p_ + 1, name.data(), n))
            return false;
        p_ += n + 2;
        return true;
    }
    /// Consumes `"name":` (a key, its quotes and the colon, given whole) when it is next, and the
    /// whitespace after it. N is a compile-time constant, so the compare is a few loads.
    template <std::size_t N>
    [[gnu::always_inline]] bool try_key_token(const std::array<char, N>& token) noexcept {
        if (static_cast<std::size_t>(end_ - p_) < N || !ose::detail::equal_fixed<N>(p_, token.data())) return false;
        p_ += N;
        skip_ws();
        return true;
    }
    /// Reads the key at the cursor as written (validated); the caller unescapes it if it must.
    bool read_key(raw_string& key) noexcept { return scan(key); }
    /// Where the key returned by the last next_key() began.
    [[nodiscard]] std::size_t key_offset() const noexcept { return key_offset_; }
    bool colon() noexcept {
        if (end_ - p_ >= 2 && *p_ == ':' && !is_ws(p_[1])) [[likely]] {  // compact: `:` then the value
            ++p_;
            return true;
        }
        skip_ws();
        if (p_ == end_ || *p_ != ':') return fail(errc::syntax, "':' after the key");
        ++p_;
        skip_ws();
        return true;
    }

    [[gnu::always_inline]] bool next_element(std::size_t count, bool& more) noexcept {
        // Compact JSON first, inline: `,` right before the next value, or the closing ']'.
        if (end_ - p_ >= 2 && count != 0 && count < max_elements_ && *p_ == ',' && !is_ws(p_[1])) {
            ++p_;
            more = true;
            return true;
        }
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        return next_element_slow(count, more);
    }
    [[gnu::noinline]] bool next_element_slow(std::size_t count, bool& more) noexcept {
        skip_ws();
        if (p_ == end_) return fail(errc::syntax, count == 0 ? "a value or ']'" : "',' or ']'");
        if (*p_ == ']') {
            ++p_;
            --depth_;
            more = false;
            return true;
        }
        if (count != 0) {
            if (*p_ != ',') return fail(errc::syntax, "',' or ']'");
            ++p_;
            skip_ws();
        }
        if (count >= max_elements_) return fail(errc::limit_exceeded, "no more array elements than the array limit");
        more = true;
        return true;
    }

    // How many elements an array may hold, from where its first element began (at) and the
    // input left after it: at least 1, at most the array limit and 4096.
    [[nodiscard]] std::size_t elements_left_guess(std::size_t at) const noexcept {
        const std::size_t first = offset() - at + 1;  // with its comma
        std::size_t n = 1 + static_cast<std::size_t>(end_ - p_) / first;
        if (n > max_elements_) n = max_elements_;
        return n < 4096 ? n : 4096;
    }

    // ---- strings -------------------------------------------------------------------------
    /// A string at '"', validated and measured before anything is stored, so that a string
    /// without escapes is copied once into storage of its final size.
    bool read_string(std::string& out) {
        raw_string s;
        if (!scan(s)) return false;
        if (!s.escaped) {
            if (s.text.size() > out.capacity()) {
                // A fresh (or too small) string: made at its size, and moved in. Cheaper than
                // growing it, which copies through the general mutation path.
                out = std::string(s.text.data(), s.text.size());
            } else {
                // Within the capacity: resize only moves the terminator when the old value was
                // as long (a reused message), then one copy. Cheaper than assign or append.
                out.resize(s.text.size());
                std::memcpy(out.data(), s.text.data(), s.text.size());
            }
        } else {
            out.clear();
            out.reserve(s.text.size());  // unescaping only shrinks
            unescape(s.text, out);
        }
        return true;
    }
    /// View mode: a view into the input when the string has no escape; an escaped one is
    /// unescaped into a new element of `storage` (whose elements never move).
    bool read_string_view(std::string_view& view, unescape_storage& storage) {
        raw_string s;
        if (!scan(s)) return false;
        if (!s.escaped) {
            view = s.text;
            return true;
        }
        // Unescaping only shrinks: the raw length is room enough (the bound never cuts).
        ose::detail::bounded_buffer out{storage.reserve_string(s.text.size()), s.text.size()};
        unescape(s.text, out);
        view = storage.commit(out.size);
        return true;
    }
    /// A string at '"', as written between its quotes.
    bool read_raw_string(raw_string& s) noexcept { return scan(s); }

    /// Unescapes a validated string body (from read_raw_string or read_key) by appending to `out`.
    static void unescape(std::string_view raw, std::string& out) { unescape_into(raw, out); }
    /// The same into a bounded buffer (a fixed_buffer): what does not fit sets its overflow.
    static void unescape(std::string_view raw, ose::detail::bounded_buffer& out) { unescape_into(raw, out); }

private:
    template <class Out>
    static void unescape_into(std::string_view raw, Out& out) {
        const char* p = raw.data();
        const char* const end = p + raw.size();
        while (p < end) {
            const char* run = p;
            while (p < end && *p != '\\') ++p;
            out.append(run, static_cast<std::size_t>(p - run));
            if (p == end) break;
            const char e = p[1];
            p += 2;
            if (e != 'u') {
                out.push_back(unescaped(e));
                continue;
            }
            std::uint32_t cp = hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate escape follows
                cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 2) - 0xDC00);
                p += 6;
            }
            char buf[4];
            out.append(buf, ose::detail::encode_utf8(cp, buf));
        }
    }

public:
    // ---- numbers -------------------------------------------------------------------------
    /// Reads a number at '-' or a digit, validating the full RFC 8259 grammar.
    bool read_number(number_token& num) noexcept {
        const char* start = p_;
        num.negative = *p_ == '-';
        const char* const expected = skip_number(p_, end_, num.integral);
        if (expected != nullptr) return fail(errc::syntax, expected);
        num.text = std::string_view(start, static_cast<std::size_t>(p_ - start));
        return true;
    }

    /// Reads an integer of at most 18 digits, the common case, in one pass. Returns false with
    /// the cursor unmoved when the number is anything else (the caller takes the full path);
    /// not a failure.
    [[gnu::always_inline]] bool try_small_integer(std::int64_t& v) noexcept {
        const char* q = p_;
        // One or two digits (the enums and counts of this API), with the byte after them,
        // decided in a few compares.
        if (end_ - q >= 3) {
            const auto digit = [](char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; };
            const auto ends_number = [](char c) { return c != '.' && c != 'e' && c != 'E'; };  // not a digit either
            if (const unsigned d0 = digit(q[0]); d0 <= 9) {
                if (const unsigned d1 = digit(q[1]); d1 > 9) {
                    if (ends_number(q[1])) {
                        v = d0;
                        p_ = q + 1;
                        return true;
                    }
                } else if (d0 != 0 && digit(q[2]) > 9 && ends_number(q[2])) {
                    v = d0 * 10 + d1;
                    p_ = q + 2;
                    return true;
                }
            }
        }
        const bool negative = q < end_ && *q == '-';
        if (negative) ++q;
        const char* digits = q;
        const char* const limit = end_ - q > 18 ? q + 18 : end_;  // one bound for both
        std::int64_t acc = 0;
        while (q < limit && is_digit(*q)) acc = acc * 10 + (*q++ - '0');
        const std::ptrdiff_t count = q - digits;
        if (count == 0 || (count > 1 && *digits == '0')) return false;
        if (q < end_ && (is_digit(*q) || *q == '.' || *q == 'e' || *q == 'E')) return false;
        v = negative ? -acc : acc;
        p_ = q;
        return true;
    }

    // ---- skipping ------------------------------------------------------------------------
    /// Skips any JSON value, checking it fully.
    bool skip_value() {
        skip_ws();
        if (p_ == end_) return fail(errc::syntax, "a value");
        const char c = *p_;
        if (c == '"') {
            raw_string s;
            return scan(s);
        }
        if (c == '-' || is_digit(c)) {
            std::int64_t ignored = 0;
            if (try_small_integer(ignored)) return true;  // the usual integer, without a call
            number_token num;
            return read_number(num);
        }
        if (c == '{' || c == '[') return skip_container();
        return skip_literal();
    }

private:
    static constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
    static constexpr bool is_ws(char c) noexcept {
        // Most tokens follow each other directly: one compare decides.
        return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    }
    [[gnu::always_inline]] static const char* after_ws(const char* p, const char* end) noexcept {
        while (p < end && is_ws(*p)) ++p;
        return p;
    }
    /// The closing quote of a string at '"' (p) that is plain ASCII, no escape, within the
    /// string limit: the common case, decided without a call. nullptr for anything else.
    [[gnu::always_inline]] const char* plain_string_end(const char* p) const noexcept {
        const char* const q = ose::detail::find_plain_string_quote(begin_, p + 1, end_);
        return q != nullptr && static_cast<std::size_t>(q - p - 1) <= max_string_ ? q : nullptr;
    }

    /// Moves p over a number at '-' or a digit (RFC 8259 grammar). Returns nullptr, or what was
    /// expected where p stopped; `integral` says whether it had neither fraction nor exponent.
    [[gnu::always_inline]] static const char* skip_number(const char*& p, const char* end, bool& integral) noexcept {
        integral = true;
        if (*p == '-') ++p;
        if (p == end || !is_digit(*p)) return "a digit";
        if (*p == '0') {
            ++p;
        } else {
            while (p < end && is_digit(*p)) ++p;
        }
        if (p < end && *p == '.') {
            integral = false;
            ++p;
            if (p == end || !is_digit(*p)) return "a digit after '.'";
            while (p < end && is_digit(*p)) ++p;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            integral = false;
            ++p;
            if (p < end && (*p == '+' || *p == '-')) ++p;
            if (p == end || !is_digit(*p)) return "a digit in the exponent";
            while (p < end && is_digit(*p)) ++p;
        }
        return nullptr;
    }

    /// Iterative, so a deep input costs no stack; out of line, so that its frame (a bit per
    /// open container and a count per open array) is paid only when a container is skipped.
    /// The cursor and the innermost container's state stay in locals while it runs; a string
    /// with an escape or a non-ASCII byte, a literal and every failure take the general path.
    [[gnu::noinline]] bool skip_container() {
        std::uint64_t kinds[hard_max_depth / 64];  // a bit per open container: 1 for an object
        std::uint32_t counts[hard_max_depth];      // each enclosing container's count, kept
        std::size_t open = 0;                      // containers this skip opened and not closed
        std::uint32_t count = 0;                   // elements (members) of the innermost so far
        bool object = false;                       // the innermost is an object
        const char* p = p_;
        const char* const end = end_;
        auto stop = [&](errc code, std::string_view expected) {
            p_ = p;
            return fail(code, expected);
        };
        auto ws = [&]() __attribute__((always_inline)) { p = after_ws(p, end); };
        auto string = [&]() __attribute__((always_inline)) {  // at '"'
            if (const char* q = plain_string_end(p)) [[likely]] {
                p = q + 1;
                return true;
            }
            p_ = p;
            raw_string s;
            if (!scan_slow(s)) return false;
            p = p_;
            return true;
        };
        auto member = [&](std::string_view expected)
            __attribute__((always_inline)) {  // `"key":` and the whitespace after it
            if (p == end || *p != '"') return stop(errc::syntax, expected);
            if (!string()) return false;
            ws();
            if (p == end || *p != ':') return stop(errc::syntax, "':' after the key");
            ++p;
            ws();
            return true;
        };
        for (;;) {
            // At a value (skip_value() or the code below stopped there, after whitespace).
            const char c = *p;
            if (c == '{' || c == '[') {
                if (depth_ + open >= max_depth_)
                    return stop(errc::limit_exceeded, "nesting no deeper than the depth limit");
                if (open % 64 == 0) kinds[open / 64] = 0;  // a word is read only after this
                object = c == '{';
                const std::uint64_t bit = std::uint64_t{1} << (open % 64);
                kinds[open / 64] = object ? kinds[open / 64] | bit : kinds[open / 64] & ~bit;
                counts[open] = count;
                ++open;
                count = 0;
                ++p;
                ws();
                if (p == end) return stop(errc::syntax, object ? "a string key or '}'" : "a value or ']'");
                if (*p != (object ? '}' : ']')) {
                    if (object) {
                        if (!member("a string key or '}'")) return false;
                    } else if (max_elements_ == 0) {
                        return stop(errc::limit_exceeded, "no more array elements than the array limit");
                    }
                    count = 1;
                    if (p == end) return stop(errc::syntax, "a value");
                    continue;
                }
                // Empty: closed below.
            } else if (c == '"') {
                if (!string()) return false;
            } else if (c == '-' || is_digit(c)) {
                bool integral = true;
                if (const char* expected = skip_number(p, end, integral); expected != nullptr)
                    return stop(errc::syntax, expected);
            } else {
                p_ = p;
                if (!skip_literal()) return false;
                p = p_;
            }
            // After a value (or inside an empty container): the next one, or the ends here.
            for (;;) {
                ws();
                const char close = object ? '}' : ']';
                if (p != end && *p == ',') {
                    ++p;
                    ws();
                    if (object) {
                        if (!member("a string key")) return false;
                    } else if (count >= max_elements_) {
                        return stop(errc::limit_exceeded, "no more array elements than the array limit");
                    }
                    ++count;
                    if (p == end) return stop(errc::syntax, "a value");
                    break;
                }
                if (p == end || *p != close) return stop(errc::syntax, object ? "',' or '}'" : "',' or ']'");
                ++p;
                if (--open == 0) {
                    p_ = p;
                    return true;
                }
                count = counts[open];
                object = (kinds[(open - 1) / 64] >> ((open - 1) % 64) & 1) != 0;
            }
        }
    }

    bool skip_literal() noexcept {
        auto lit = [&](const char* w, std::size_t n) {
            if (static_cast<std::size_t>(end_ - p_) >= n && std::memcmp(p_, w, n) == 0) {
                p_ += n;
                return true;
            }
            return false;
        };
        if (lit("true", 4) || lit("false", 5) || lit("null", 4)) return true;
        return fail(errc::syntax, "a value");
    }

    static int hex_value(char c) noexcept {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    static std::uint32_t hex4(const char* p) noexcept {  // four validated hex digits
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 4) | static_cast<std::uint32_t>(hex_value(p[i]));
        return v;
    }
    static char unescaped(char e) noexcept {
        switch (e) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        default: return e;  // '"', '\\', '/'
        }
    }
    /// Checks 4 hex digits at p_ (after "\u") and reads them.
    bool read_hex4(std::uint32_t& v) noexcept {
        std::uint32_t acc = 0;  // checked and read in one pass
        for (int i = 0; i < 4; ++i) {
            const int h = p_ + i == end_ ? -1 : hex_value(p_[i]);
            if (h < 0) {
                p_ += i;  // the first byte that is not a hex digit
                return fail(errc::syntax, "four hex digits after \\u");
            }
            acc = acc << 4 | static_cast<std::uint32_t>(h);
        }
        v = acc;
        p_ += 4;
        return true;
    }

    /// Scans and validates a string at '"': its body, and whether it holds an escape. Plain
    /// ASCII up to the closing quote is decided here, without a call (so without saving
    /// registers); anything else takes the loop out of line.
    bool scan(raw_string& s) noexcept {
        if (const char* q = plain_string_end(p_)) [[likely]] {
            const char* const start = p_ + 1;
            s.text = std::string_view(start, static_cast<std::size_t>(q - start));
            s.escaped = false;
            p_ = q + 1;
            return true;
        }
        return scan_slow(s);
    }
    [[gnu::noinline]] bool scan_slow(raw_string& s) noexcept {
        ++p_;  // opening quote
        const char* const start = p_;
        s.escaped = false;
        for (;;) {
            p_ = ose::detail::find_string_special(p_, end_);
            if (static_cast<std::size_t>(p_ - start) > max_string_) {
                p_ = start + max_string_;
                return fail(errc::limit_exceeded, "a string no longer than the string limit");
            }
            if (p_ == end_) return fail(errc::syntax, "'\"' to end the string");
            const auto u = static_cast<unsigned char>(*p_);
            if (u == '"') {
                s.text = std::string_view(start, static_cast<std::size_t>(p_ - start));
                ++p_;
                return true;
            }
            if (u < 0x20) return fail(errc::syntax, "no raw control character in a string (escape it)");
            if (u >= 0x80) {
                const std::size_t len = ose::detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(p_),
                                                                          static_cast<std::size_t>(end_ - p_));
                if (len == 0) return fail(errc::invalid_utf8, "valid UTF-8");
                p_ += len;
                continue;
            }
            if (!scan_escape()) return false;
            s.escaped = true;
        }
    }
    /// Checks the escape at '\\'.
    bool scan_escape() noexcept {
        ++p_;
        if (p_ == end_) return fail(errc::syntax, "an escape character after '\\'");
        const char e = *p_;
        switch (e) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't': ++p_; return true;
        case 'u': break;
        default: return fail(errc::syntax, R"(one of " \ / b f n r t u after '\')");
        }
        ++p_;
        const std::size_t escape_at = offset() - 2;
        std::uint32_t cp = 0;
        if (!read_hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail_at(escape_at, errc::invalid_utf8, "no lone low surrogate escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                return fail_at(escape_at, errc::invalid_utf8, "a low surrogate escape after a high surrogate");
            p_ += 2;
            std::uint32_t lo = 0;
            if (!read_hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return fail_at(escape_at, errc::invalid_utf8, "a low surrogate escape after a high surrogate");
        }
        return true;
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    violation* failure_;
    std::size_t depth_ = 0;
    std::size_t key_offset_ = 0;
    std::size_t max_depth_;
    std::size_t max_input_;
    std::size_t max_string_;
    std::size_t max_elements_;
};

/// Checks that `input` is one JSON text within the limits (RFC 8259, UTF-8), without decoding.
inline result<void> validate(std::string_view input, const read_limits& limits = {}) {
    violation v;
    reader r(input, limits, v);
    if (r.begin_document() && r.skip_value() && r.end_document()) return {};
    return v.to_error(error_kind::malformed_response);
}

}  // namespace json
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_JSON_READER_HPP
