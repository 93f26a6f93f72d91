// koodrive-ose: the JSON reader, a cursor over the caller's bytes.
//
// It has no DOM: the codec asks it for the next key, string or number and stores the result
// straight into typed fields. Whatever it is not asked to decode it skips, while still checking
// it against RFC 8259, so an unknown field cannot smuggle malformed JSON through. Every failure
// records the byte offset of the first byte that cannot continue valid JSON and what was
// expected there; the codec adds the JSON path while the failure travels back up.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>

#include "detail/swar.hpp"
#include "detail/utf8.hpp"
#include "error.hpp"
#include "result.hpp"

namespace koodrive::ose::json {

/// Bounds on what the reader accepts. Input beyond a bound is an error, never a crash or
/// unbounded memory.
struct read_limits {
    std::size_t max_depth = 64;               ///< nesting; the root object counts as 1 (at most 1024)
    std::size_t max_input_bytes = 16u << 20;  ///< whole body
    std::size_t max_string_bytes = 1u << 20;  ///< one string, as written between its quotes
    std::size_t max_array_elements = 100000;  ///< one array
};

inline constexpr std::size_t hard_max_depth = 1024;

/// A JSON number as written, split into its parts (the text is validated).
struct number_token {
    std::string_view text;  ///< the whole number
    bool negative = false;
    bool integral = true;  ///< no fraction, no exponent
};

class reader {
public:
    reader(std::string_view input, const read_limits& limits) noexcept
            : begin_(input.data()), p_(input.data()), end_(input.data() + input.size()), limits_(limits) {
        if (limits_.max_depth > hard_max_depth) limits_.max_depth = hard_max_depth;
    }

    // ---- state ---------------------------------------------------------------------------
    [[nodiscard]] std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
    [[nodiscard]] const read_limits& limits() const noexcept { return limits_; }
    [[nodiscard]] error& failure() noexcept { return error_; }

    /// Records a failure at the current position and returns false, so callers can `return fail(...)`.
    bool fail(errc code, std::string_view expected) { return fail_at(offset(), code, expected); }
    bool fail_at(std::size_t at, errc code, std::string_view expected) {
        error_.code = code;
        error_.offset = at;
        error_.message.assign("expected ");
        error_.message.append(expected);
        error_.path.clear();
        return false;
    }

    /// While a failure travels up through the containers, each adds its part of the path.
    void prepend_key(std::string_view key) {
        std::string part;
        const bool plain = !key.empty() && is_plain_key(key);
        if (plain) {
            part.reserve(key.size() + 1);
            part += '.';
            part.append(key);
        } else {
            part = "[\"";
            append_printable(part, key.substr(0, 64));
            if (key.size() > 64) part += "...";
            part += "\"]";
        }
        error_.path.insert(0, part);
    }
    void prepend_index(std::size_t i) { error_.path.insert(0, "[" + std::to_string(i) + "]"); }

    // ---- document ------------------------------------------------------------------------
    bool begin_document() {
        if (static_cast<std::size_t>(end_ - begin_) > limits_.max_input_bytes)
            return fail(errc::limit_exceeded, "a body no larger than the input limit");
        if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0)
            return fail(errc::syntax, "a JSON value, not a byte-order mark");
        skip_ws();
        return true;
    }
    bool end_document() {
        skip_ws();
        if (p_ != end_) return fail(errc::syntax, "end of input after the JSON value");
        return true;
    }

    // ---- tokens --------------------------------------------------------------------------
    [[gnu::always_inline]] void skip_ws() noexcept {
        // Most tokens follow each other directly: one compare decides.
        while (p_ < end_ && static_cast<unsigned char>(*p_) <= ' ' &&
               (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t'))
            ++p_;
    }
    [[nodiscard]] bool at_end() const noexcept { return p_ == end_; }
    [[nodiscard]] char peek() const noexcept { return p_ < end_ ? *p_ : '\0'; }
    /// Consumes c (after whitespace) when it is next.
    bool consume(char c) noexcept {
        skip_ws();
        if (p_ < end_ && *p_ == c) {
            ++p_;
            skip_ws();
            return true;
        }
        return false;
    }
    bool try_literal_null() noexcept {
        if (end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
            p_ += 4;
            return true;
        }
        return false;
    }

    /// Entering and leaving containers keeps the depth count.
    bool enter() {
        if (++depth_ > limits_.max_depth) return fail(errc::limit_exceeded, "nesting no deeper than the depth limit");
        return true;
    }
    void leave() noexcept { --depth_; }

    /// Object protocol: begin_object() at '{'; then next_member(first, key) until it reports
    /// no more members; next_member leaves the cursor at the member's value.
    bool begin_object() {
        if (!enter()) return false;
        ++p_;  // '{'
        skip_ws();
        return true;
    }
    /// Returns 1 with key set, 0 at the end of the object ('}' consumed), -1 on failure.
    int next_member(bool first, std::string_view& key) {
        const int more = next_key(first);
        if (more <= 0) return more;
        return read_key(key) && colon() ? 1 : -1;
    }

    /// next_member() in three steps, so that the codec can match a key it expects without
    /// scanning it: next_key() stops at the key's opening quote (1), or consumes the closing
    /// '}' (0), or fails (-1); then match_key() or read_key(); then colon().
    int next_key(bool first) {
        // Compact JSON first: `,"` between members, `"` right after '{'.
        const std::ptrdiff_t comma = first ? 0 : 1;
        if (end_ - p_ > comma && p_[comma] == '"' && (first || *p_ == ',')) {
            p_ += comma;
            key_offset_ = offset();
            return 1;
        }
        skip_ws();
        if (p_ == end_) {
            fail(errc::syntax, first ? "a string key or '}'" : "',' or '}'");
            return -1;
        }
        if (*p_ == '}') {
            ++p_;
            leave();
            return 0;
        }
        if (!first) {
            if (*p_ != ',') {
                fail(errc::syntax, "',' or '}'");
                return -1;
            }
            ++p_;
            skip_ws();
        }
        if (p_ == end_ || *p_ != '"') {
            fail(errc::syntax, first ? "a string key or '}'" : "a string key");
            return -1;
        }
        key_offset_ = offset();
        return 1;
    }
    /// Consumes the key at the cursor when it is exactly `name` (plain ASCII, no escapes).
    bool match_key(std::string_view name) noexcept {
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
    bool match_key_token(const std::array<char, N>& token) noexcept {
        if (static_cast<std::size_t>(end_ - p_) < N || std::memcmp(p_, token.data(), N) != 0) return false;
        p_ += N;
        skip_ws();
        return true;
    }
    bool colon() {
        skip_ws();
        if (p_ == end_ || *p_ != ':') return fail(errc::syntax, "':' after the key");
        ++p_;
        skip_ws();
        return true;
    }

    /// Array protocol, the same shape: begin_array() at '['; next_element(count) returns 1 when
    /// an element follows, 0 at ']' and -1 on failure. count is how many elements were read.
    bool begin_array() {
        if (!enter()) return false;
        ++p_;  // '['
        skip_ws();
        return true;
    }
    int next_element(std::size_t count) {
        skip_ws();
        if (p_ == end_) {
            fail(errc::syntax, count == 0 ? "a value or ']'" : "',' or ']'");
            return -1;
        }
        if (*p_ == ']') {
            ++p_;
            leave();
            return 0;
        }
        if (count != 0) {
            if (*p_ != ',') {
                fail(errc::syntax, "',' or ']'");
                return -1;
            }
            ++p_;
            skip_ws();
        }
        if (count >= limits_.max_array_elements) {
            fail(errc::limit_exceeded, "no more array elements than the array limit");
            return -1;
        }
        return 1;
    }

    /// Reads a string at '"' into out (appending the unescaped bytes).
    bool read_string(std::string& out) { return scan_string<true>(&out); }
    /// Reads a string at '"' and returns a view of it when it holds no escape; escaped strings
    /// are unescaped into `scratch` and the view points there.
    bool read_string_view(std::string_view& view, std::string& scratch) {
        const char* start = p_ + 1;
        if (!scan_string<false>(nullptr)) return false;
        if (!had_escape_) {
            view = std::string_view(start, static_cast<std::size_t>(p_ - 1 - start));
            return true;
        }
        scratch.clear();
        p_ = start - 1;
        if (!scan_string<true>(&scratch)) return false;  // cannot fail: already validated
        view = scratch;
        return true;
    }
    /// View mode: reads a string at '"' as a view into the input when it has no escape; an
    /// escaped one is unescaped into a new element of `storage` (whose elements never move).
    bool read_string_view_stable(std::string_view& view, std::deque<std::string>& storage) {
        const char* start = p_ + 1;
        if (!scan_string<false>(nullptr)) return false;
        if (!had_escape_) {
            view = std::string_view(start, static_cast<std::size_t>(p_ - 1 - start));
            return true;
        }
        std::string& out = storage.emplace_back();
        p_ = start - 1;
        if (!scan_string<true>(&out)) return false;  // cannot fail: already validated
        view = out;
        return true;
    }
    void set_unescape_storage(std::deque<std::string>* storage) noexcept { unescape_storage_ = storage; }
    [[nodiscard]] std::deque<std::string>* unescape_storage() const noexcept { return unescape_storage_; }
    [[nodiscard]] bool last_string_had_escape() const noexcept { return had_escape_; }
    /// Where the key returned by the last next_member() began.
    [[nodiscard]] std::size_t key_offset() const noexcept { return key_offset_; }

    /// Reads a number at '-' or a digit, validating the full RFC 8259 grammar.
    bool read_number(number_token& num) {
        const char* start = p_;
        num.negative = false;
        num.integral = true;
        if (p_ < end_ && *p_ == '-') {
            num.negative = true;
            ++p_;
        }
        if (p_ == end_ || !is_digit(*p_)) return fail(errc::syntax, "a digit");
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ < end_ && is_digit(*p_)) ++p_;
        }
        if (p_ < end_ && *p_ == '.') {
            num.integral = false;
            ++p_;
            if (p_ == end_ || !is_digit(*p_)) return fail(errc::syntax, "a digit after '.'");
            while (p_ < end_ && is_digit(*p_)) ++p_;
        }
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
            num.integral = false;
            ++p_;
            if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ == end_ || !is_digit(*p_)) return fail(errc::syntax, "a digit in the exponent");
            while (p_ < end_ && is_digit(*p_)) ++p_;
        }
        num.text = std::string_view(start, static_cast<std::size_t>(p_ - start));
        return true;
    }

    /// Reads an integer of at most 18 digits, the common case, in one pass. Returns false with
    /// the cursor unmoved when the number is anything else (the caller takes the full path).
    bool read_small_integer(std::int64_t& v) noexcept {
        const char* q = p_;
        const bool negative = q < end_ && *q == '-';
        if (negative) ++q;
        const char* digits = q;
        std::int64_t acc = 0;
        while (q < end_ && is_digit(*q) && q - digits < 18) acc = acc * 10 + (*q++ - '0');
        const std::ptrdiff_t count = q - digits;
        if (count == 0 || (count > 1 && *digits == '0')) return false;
        if (q < end_ && (is_digit(*q) || *q == '.' || *q == 'e' || *q == 'E')) return false;
        v = negative ? -acc : acc;
        p_ = q;
        return true;
    }

    /// Skips any JSON value, checking it fully. Iterative, so a deep input costs no stack.
    bool skip_value() {
        bool is_object[hard_max_depth];      // kind of each open container
        std::size_t counts[hard_max_depth];  // members or elements read so far in each
        std::size_t open = 0;
        std::string_view key;
        for (;;) {
            skip_ws();
            if (p_ == end_) return fail(errc::syntax, "a value");
            const char c = *p_;
            if (c == '{' || c == '[') {
                if (!enter()) return false;
                ++p_;
                is_object[open] = (c == '{');
                counts[open] = 0;
                ++open;
            } else if (c == '"') {
                if (!scan_string<false>(nullptr)) return false;
            } else if (c == '-' || is_digit(c)) {
                number_token num;
                if (!read_number(num)) return false;
            } else if (!skip_literal()) {
                return false;
            }
            // After a value, or just inside a new container: close what ends here, then stop
            // at the next value.
            for (;;) {
                if (open == 0) return true;
                const std::size_t top = open - 1;
                const int more = is_object[top] ? next_member(counts[top] == 0, key) : next_element(counts[top]);
                if (more < 0) return false;
                if (more > 0) {
                    ++counts[top];
                    break;
                }
                --open;
            }
        }
    }

private:
    static constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

    static bool is_plain_key(std::string_view k) noexcept {
        for (char c : k) {
            const bool ok =
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
    static void append_printable(std::string& out, std::string_view s) {
        for (char c : s) {
            const auto u = static_cast<unsigned char>(c);
            out += (u < 0x20 || u == 0x7F || u >= 0x80 || c == '"' || c == '\\') ? '?' : c;
        }
    }

    bool skip_literal() {
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

public:
    /// Reads the key at the cursor (after next_key()); escaped keys are unescaped into scratch.
    bool read_key(std::string_view& key) {
        const char* start = p_ + 1;
        if (!scan_string<false>(nullptr)) return false;
        if (!had_escape_) {
            key = std::string_view(start, static_cast<std::size_t>(p_ - 1 - start));
            return true;
        }
        key_scratch_.clear();
        p_ = start - 1;
        if (!scan_string<true>(&key_scratch_)) return false;
        key = key_scratch_;
        return true;
    }

private:
    static int hex_value(char c) noexcept {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    /// Reads 4 hex digits at p_ (after "\u").
    bool read_hex4(std::uint32_t& v) {
        if (end_ - p_ < 4) {
            // Point at the first byte that is not a hex digit.
            while (p_ < end_ && hex_value(*p_) >= 0) ++p_;
            return fail(errc::syntax, "four hex digits after \\u");
        }
        v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex_value(p_[i]);
            if (h < 0) {
                p_ += i;
                return fail(errc::syntax, "four hex digits after \\u");
            }
            v = (v << 4) | static_cast<std::uint32_t>(h);
        }
        p_ += 4;
        return true;
    }

    /// Scans a string at '"'; with Decode, appends its unescaped bytes to *out. Sets had_escape_.
    template <bool Decode>
    bool scan_string(std::string* out) {
        ++p_;  // opening quote
        const char* const start = p_;
        had_escape_ = false;
        const std::size_t max_len = limits_.max_string_bytes;
        for (;;) {
            const char* run = p_;
            for (;;) {
                if (end_ - p_ >= 8) {
                    const std::uint64_t m = ose::detail::string_special_mask(ose::detail::load8(p_), true);
                    if (m == 0) {
                        p_ += 8;
                        continue;
                    }
                    p_ += ose::detail::first_flagged_byte(m);
                    break;
                }
                while (p_ < end_) {
                    const auto u = static_cast<unsigned char>(*p_);
                    if (u == '"' || u == '\\' || u < 0x20 || u >= 0x80) break;
                    ++p_;
                }
                break;
            }
            if constexpr (Decode) out->append(run, static_cast<std::size_t>(p_ - run));
            if (static_cast<std::size_t>(p_ - start) > max_len) {
                p_ = start + max_len;
                return fail(errc::limit_exceeded, "a string no longer than the string limit");
            }
            if (p_ == end_) return fail(errc::syntax, "'\"' to end the string");
            const auto u = static_cast<unsigned char>(*p_);
            if (u == '"') {
                ++p_;
                return true;
            }
            if (u < 0x20) return fail(errc::syntax, "no raw control character in a string (escape it)");
            if (u >= 0x80) {
                const std::size_t len = ose::detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(p_),
                                                                          static_cast<std::size_t>(end_ - p_));
                if (len == 0) return fail(errc::invalid_utf8, "valid UTF-8");
                if constexpr (Decode) out->append(p_, len);
                p_ += len;
                continue;
            }
            // Backslash.
            had_escape_ = true;
            ++p_;
            if (p_ == end_) return fail(errc::syntax, "an escape character after '\\'");
            char e = *p_;
            char plain = 0;
            switch (e) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': break;
            default: return fail(errc::syntax, R"(one of " \ / b f n r t u after '\')");
            }
            ++p_;
            if (e != 'u') {
                if constexpr (Decode) out->push_back(plain);
                continue;
            }
            const std::size_t escape_at = offset() - 2;
            std::uint32_t cp = 0;
            if (!read_hex4(cp)) return false;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail_at(escape_at, errc::invalid_utf8, "no lone low surrogate escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                    return fail_at(escape_at, errc::invalid_utf8, "a low surrogate escape after a high surrogate");
                p_ += 2;
                std::uint32_t lo = 0;
                if (!read_hex4(lo)) return false;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail_at(escape_at, errc::invalid_utf8, "a low surrogate escape after a high surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if constexpr (Decode) ose::detail::append_utf8(*out, cp);
        }
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    read_limits limits_;
    std::size_t depth_ = 0;
    std::size_t key_offset_ = 0;
    std::deque<std::string>* unescape_storage_ = nullptr;
    bool had_escape_ = false;
    std::string key_scratch_;
    error error_;
};

/// Checks that `input` is one JSON text within the limits (RFC 8259, UTF-8), without decoding.
inline result<void> validate(std::string_view input, const read_limits& limits = {}) {
    reader r(input, limits);
    if (r.begin_document() && r.skip_value() && r.end_document()) return {};
    error e = std::move(r.failure());
    e.path.insert(e.path.begin(), '$');
    e.kind = error_kind::malformed_response;
    return e;
}

}  // namespace koodrive::ose::json
