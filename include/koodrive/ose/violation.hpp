// koodrive-ose: the one failure record of the codec, filled without allocating.
//
// The JSON reader records where a body stops being what was expected (byte offset, static
// expectation), validation the first rule a message breaks; both add the JSON path as the
// failure travels back up. Validation runs before every encode and after every decoded
// request, and fuzz and traffic generators run both many times per message, mostly on inputs
// that fail. So a violation is a fixed-size value (a path of at most 128 bytes, static texts,
// two numbers, an offset) that costs nothing until it is used; only the public boundary spells
// it out as an `error`, with its message and the kind of failure that the boundary knows.
#ifndef KOODRIVE_OSE_VIOLATION_HPP
#define KOODRIVE_OSE_VIOLATION_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "error.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// A JSON path relative to a message (".taskInfo.fileInfo[3].fileId"), built from the inside out
/// as validation unwinds: the bytes sit at the end of the buffer, so prepending copies only the
/// new part. A path that does not fit keeps its innermost parts, after "...".
class violation_path {
public:
    /// The longest path kept, in bytes.
    static constexpr std::size_t capacity = 128;

    violation_path() noexcept {}  // NOLINT(modernize-use-equals-default): buf_ stays uninitialised
    /// Copies the path.
    violation_path(const violation_path& o) noexcept : start_(o.start_), truncated_(o.truncated_) {
        std::memcpy(buf_ + start_, o.buf_ + start_, capacity - start_);
    }
    /// Copies the path.
    violation_path& operator=(const violation_path& o) noexcept {
        if (this == &o) return *this;
        start_ = o.start_;
        truncated_ = o.truncated_;
        std::memcpy(buf_ + start_, o.buf_ + start_, capacity - start_);
        return *this;
    }
    ~violation_path() = default;

    /// The path, e.g. `.taskInfo.fileInfo[1].fileId`.
    std::string_view view() const noexcept { return {buf_ + start_, capacity - start_}; }
    /// Whether the path is empty (the message itself).
    bool empty() const noexcept { return start_ == capacity; }
    /// Empties the path.
    void clear() noexcept {
        start_ = capacity;
        truncated_ = false;
    }

    /// Puts `part` in front (a path is built from the inside out).
    void prepend(std::string_view part) noexcept {
        if (truncated_) return;
        if (part.size() + ellipsis.size() > start_) {
            truncated_ = true;
            part = ellipsis;
        }
        start_ -= part.size();
        std::memcpy(buf_ + start_, part.data(), part.size());
    }
    /// `.key`, or `["key"]` for a key that is not plain (its odd bytes as '?', at most 64).
    void prepend_key(std::string_view key) noexcept {
        if (!key.empty() && is_plain_key(key)) {
            prepend(key);
            prepend(".");
            return;
        }
        std::array<char, 64 + 7> text{};
        std::size_t n = 0;
        text[n++] = '[';
        text[n++] = '"';
        for (std::size_t i = 0; i < key.size() && i < 64; ++i) {
            const auto u = static_cast<unsigned char>(key[i]);
            text[n++] = (u < 0x20 || u >= 0x7F || u == '"' || u == '\\') ? '?' : key[i];
        }
        if (key.size() > 64)
            for (int i = 0; i < 3; ++i) text[n++] = '.';
        text[n++] = '"';
        text[n++] = ']';
        prepend({text.data(), n});
    }
    /// Puts `[i]` in front.
    void prepend_index(std::size_t i) noexcept {
        std::array<char, 24> text{};
        std::size_t at = text.size();
        text[--at] = ']';
        do {
            text[--at] = static_cast<char>('0' + i % 10);
            i /= 10;
        } while (i != 0);
        text[--at] = '[';
        prepend({text.data() + at, text.size() - at});
    }

private:
    static constexpr bool is_plain_key(std::string_view k) noexcept {
        for (char c : k) {
            const bool ok =
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
    static constexpr std::string_view ellipsis = "...";
    char buf_[capacity];  ///< only [start_, capacity) is ever read
    std::size_t start_ = capacity;
    bool truncated_ = false;
};

/// How a violation's message reads; the numbers are in lo and hi.
enum class expectation : std::uint8_t {
    text,              ///< `text` says it all
    length_between,    ///< length must be between lo and hi bytes
    at_least,          ///< must be at least lo
    between,           ///< must be between lo and hi
    entries_at_least,  ///< must have at least lo entries
    entries_between,   ///< must have between lo and hi entries
    one_of,            ///< must be one of the values append_values() lists
    expected,          ///< JSON: "expected " + text
    expected_found,    ///< JSON: "expected " + text + ", found " + found
};

/// The first rule a message breaks, in a fixed-size value (no allocation): find_violation() fills it, message() and
/// to_error() spell it out.
struct violation {
    errc code = errc::constraint;  ///< what kind of rule
    violation_path path;           ///< where, from the message's root
    std::string_view text;         ///< static text: a rule, a constraint with no numbers, what JSON was expected
    std::string_view found;        ///< static text: the JSON type found instead (expected_found)
    std::size_t offset = error::no_offset;  ///< byte offset in the JSON body, for a failure of the body
    expectation shape = expectation::text;  ///< what the rule expects
    /// The bounds of the rule (range, items, length).
    std::uint64_t lo = 0, hi = 0;  ///< integer ranges are kept as their two's-complement bits
    /// The lower bound of an integer range.
    std::int64_t signed_lo() const noexcept { return static_cast<std::int64_t>(lo); }
    /// The upper bound of an integer range.
    std::int64_t signed_hi() const noexcept { return static_cast<std::int64_t>(hi); }
    void (*append_values)(std::string&) = nullptr;  ///< one_of: the enum's wire numbers

    /// Records what the JSON reader expected at byte `at` (the path is added while unwinding).
    void set_expected(errc c, std::size_t at, std::string_view expected, std::string_view found_instead) noexcept {
        code = c;
        offset = at;
        text = expected;
        found = found_instead;
        shape = found_instead.empty() ? expectation::expected : expectation::expected_found;
        path.clear();
    }
    /// Records a broken constraint or rule of a message (no offset: it is about values).
    void set_broken(errc c, std::string_view what, expectation how = expectation::text, std::uint64_t low = 0,
                    std::uint64_t high = 0) noexcept {
        code = c;
        offset = error::no_offset;
        text = what;
        found = {};
        shape = how;
        lo = low;
        hi = high;
        append_values = nullptr;
        path.clear();
    }

    /// What was expected, spelled out (allocates; only for the error a caller sees).
    [[gnu::cold]] std::string message() const {
        // Appended piece by piece, one function call each: `"a" + b + "c"` chains inline into
        // every message type's decoder otherwise.
        std::string s;
        const auto put = [&s](std::string_view piece) { s.append(piece); };
        const auto number = [&s](auto value) { s.append(std::to_string(value)); };
        switch (shape) {
        case expectation::text: put(text); break;
        case expectation::expected:
            put("expected ");
            put(text);
            break;
        case expectation::expected_found:
            put("expected ");
            put(text);
            put(", found ");
            put(found);
            break;
        case expectation::length_between:
            put("length must be between ");
            number(lo);
            put(" and ");
            number(hi);
            put(" bytes");
            break;
        case expectation::at_least:
            put("must be at least ");
            number(signed_lo());
            break;
        case expectation::between:
            put("must be between ");
            number(signed_lo());
            put(" and ");
            number(signed_hi());
            break;
        case expectation::entries_at_least:
            put("must have at least ");
            number(lo);
            put(" entries");
            break;
        case expectation::entries_between:
            put("must have between ");
            number(lo);
            put(" and ");
            number(hi);
            put(" entries");
            break;
        case expectation::one_of:
            put("must be one of ");
            if (append_values) append_values(s);
            break;
        }
        return s;
    }

    /// The error a caller sees, with the kind of failure its boundary decides: the path rooted
    /// at `$`.
    [[gnu::cold]] error to_error(error_kind kind) const {
        std::string at;
        at.reserve(1 + path.view().size());
        at += '$';
        at += path.view();
        return error::make(kind, code, std::move(at), message(), offset);
    }
};

/// What a message's cross-field rules return: the first one broken, or `rules_hold`.
using rule_check = std::optional<violation>;
/// What a rules function returns when the message keeps every rule.
inline constexpr std::nullopt_t rules_hold = std::nullopt;

/// A broken cross-field rule at `path` (relative: ".targetFileId"); `rule` is static text.
inline violation rule_broken(std::string_view path, std::string_view rule) noexcept {
    violation v;
    v.code = errc::rule;
    v.path.prepend(path);
    v.text = rule;
    return v;
}

/// The same, at an array entry's field: head[index]tail (".taskInfo.fileInfo", 3, ".fileId").
inline violation rule_broken(std::string_view head, std::size_t index, std::string_view tail,
                             std::string_view rule) noexcept {
    violation v;
    v.code = errc::rule;
    v.path.prepend(tail);
    v.path.prepend_index(index);
    v.path.prepend(head);
    v.text = rule;
    return v;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_VIOLATION_HPP
