// koodrive-ose: building and checking HTTP header values.
//
// Pure functions only: no I/O, no global clock, no global random source. Time and
// randomness come in as arguments so that requests are reproducible in tests.
//
// Errors from the checks name the header and the byte index, never the value itself: a
// header value may be an access token.
#pragma once

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "detail/utf8.hpp"
#include "error.hpp"
#include "result.hpp"

namespace koodrive::ose {

namespace detail {

// ---------------------------------------------------------------------------------------
// Small character helpers. The <cctype> functions depend on the locale and take int, so
// the library uses its own ASCII-only versions.

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }
constexpr bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
constexpr int hex_value(char c) noexcept {
    if (is_digit(c)) return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}
constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr unsigned char byte_of(char c) noexcept { return static_cast<unsigned char>(c); }

inline error header_error(std::string_view header_name, std::string message) {
    error e;
    e.kind = error_kind::invalid_request;
    e.code = errc::invalid_header;
    e.path = std::string(header_name);
    e.message = std::move(message);
    return e;
}

inline std::string at_index(std::string_view what, std::size_t i) {
    std::string s(what);
    s += " at index ";
    s += std::to_string(i);
    return s;
}

// ---------------------------------------------------------------------------------------
// Calendar. Days since 1970-01-01 <-> proleptic Gregorian date, using the era/day-of-era
// decomposition described by Howard Hinnant ("chrono-Compatible Low-Level Date
// Algorithms"). Written out so the result does not depend on how much of the C++20
// calendar a given standard library ships, and because gmtime is not thread safe.

struct civil_date {
    std::int64_t year;
    std::int64_t month;  ///< 1..12
    std::int64_t day;    ///< 1..31
};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr civil_date civil_from_days(std::int64_t days) noexcept {
    // Shift the epoch to 0000-03-01 so that the leap day is the last day of a year.
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);                                   // 400-year cycles
    const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                                     // March = 0 .. February = 11
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

constexpr std::int64_t days_from_civil(std::int64_t year, std::int64_t month, std::int64_t day) noexcept {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;  // [0, 399]
    const std::int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
    return era * 146097 + doe - 719468;
}

constexpr bool is_leap_year(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr std::int64_t days_in_month(std::int64_t y, std::int64_t m) noexcept {
    constexpr std::int64_t lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap_year(y)) return 29;
    return lengths[m - 1];
}

/// Appends v (>= 0) as exactly `width` decimal digits, or more if it needs more.
inline void append_padded(std::string& out, std::int64_t v, int width) {
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v > 0);
    while (n < width) buf[n++] = '0';
    while (n > 0) out.push_back(buf[--n]);
}

/// Reads `width` decimal digits at s[pos]; -1 if any is not a digit.
constexpr std::int64_t read_digits(std::string_view s, std::size_t pos, std::size_t width) noexcept {
    std::int64_t v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/// What a 14-digit `yyyyMMddHHmmss` string (at given positions) means, or why it is not a
/// real instant. The date part sits at s[0..8) and the time part at s[time_pos..time_pos+6).
enum class time_parse_status : std::uint8_t { ok, not_digits, bad_date, bad_time, out_of_clock_range };

struct time_parse_out {
    time_parse_status status = time_parse_status::ok;
    std::chrono::sys_seconds value{};
};

constexpr time_parse_out parse_fields(std::string_view s, std::size_t time_pos) noexcept {
    time_parse_out r;
    const std::int64_t year = read_digits(s, 0, 4);
    const std::int64_t month = read_digits(s, 4, 2);
    const std::int64_t day = read_digits(s, 6, 2);
    const std::int64_t hour = read_digits(s, time_pos, 2);
    const std::int64_t minute = read_digits(s, time_pos + 2, 2);
    const std::int64_t second = read_digits(s, time_pos + 4, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
        r.status = time_parse_status::not_digits;
        return r;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        r.status = time_parse_status::bad_date;
        return r;
    }
    // No leap second: a UTC clock on a computer never shows :60 in practice, and
    // sys_seconds could not represent it distinctly anyway.
    if (hour > 23 || minute > 59 || second > 59) {
        r.status = time_parse_status::bad_time;
        return r;
    }
    const std::int64_t secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    // Only instants std::chrono::system_clock can hold (libstdc++ counts nanoseconds:
    // 1677-09-21 to 2262-04-11), so that converting the result to its time_point cannot overflow.
    using clock_point = std::chrono::system_clock::time_point;
    constexpr auto lowest = std::chrono::ceil<std::chrono::seconds>(clock_point::min().time_since_epoch()).count();
    constexpr auto highest = std::chrono::floor<std::chrono::seconds>(clock_point::max().time_since_epoch()).count();
    if (secs < lowest || secs > highest) {
        r.status = time_parse_status::out_of_clock_range;
        return r;
    }
    r.value = std::chrono::sys_seconds{std::chrono::seconds{secs}};
    return r;
}

// ---------------------------------------------------------------------------------------
// Trace IDs.

/// 63 symbols; a uniformly random 6-bit chunk is used as an index and 63 is rejected,
/// which keeps every symbol exactly equally likely.
inline constexpr std::string_view trace_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
static_assert(trace_alphabet.size() == 63);

// ---------------------------------------------------------------------------------------
// Host (RFC 3986 section 3.2.2).

constexpr bool is_unreserved(char c) noexcept { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
constexpr bool is_sub_delim(char c) noexcept {
    switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=': return true;
    default: return false;
    }
}

/// dec-octet "." dec-octet "." dec-octet "." dec-octet; no leading zeros (RFC 3986 forbids
/// them, and some resolvers read them as octal).
constexpr bool is_ipv4(std::string_view s) noexcept {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        int v = 0;
        while (i < s.size() && is_digit(s[i])) {
            if (i - start >= 3) return false;
            v = v * 10 + (s[i] - '0');
            ++i;
        }
        const std::size_t len = i - start;
        if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return false;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

/// RFC 4291 text form as RFC 3986 allows it: hex groups of 1-4 digits separated by ':',
/// at most one "::", optionally ending in a dotted IPv4 address that counts as two groups.
/// Eight groups without "::"; at most seven explicit ones with it ("::" stands for >= 1).
constexpr bool is_ipv6(std::string_view s) noexcept {
    if (s.empty()) return false;
    int groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    const std::size_t n = s.size();
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        compressed = true;
        i = 2;
    } else if (s[0] == ':') {
        return false;
    }
    while (i < n) {
        std::size_t j = i;
        bool has_dot = false;
        while (j < n && s[j] != ':') {
            if (s[j] == '.') has_dot = true;
            ++j;
        }
        const std::string_view piece = s.substr(i, j - i);
        if (has_dot) {
            // The embedded IPv4 address can only be the last piece.
            if (j != n || !is_ipv4(piece)) return false;
            groups += 2;
            break;
        }
        if (piece.empty() || piece.size() > 4) return false;
        for (char c : piece) {
            if (!is_hex(c)) return false;
        }
        ++groups;
        if (groups > 8) return false;
        if (j == n) break;
        if (j + 1 < n && s[j + 1] == ':') {
            if (compressed) return false;
            compressed = true;
            i = j + 2;
        } else {
            i = j + 1;
            if (i == n) return false;  // a single trailing ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

/// reg-name = *( unreserved / pct-encoded / sub-delims ), here non-empty.
constexpr std::size_t bad_reg_name_index(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return i;  // needs two more characters
            if (!is_hex(s[i + 1]) || !is_hex(s[i + 2])) return i;
            i += 2;
            continue;
        }
        if (!is_unreserved(c) && !is_sub_delim(c)) return i;
    }
    return std::string_view::npos;
}

constexpr bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace detail

// =======================================================================================
// Header names

/// ASCII case-insensitive comparison, for header names (RFC 9110 section 5.1).
inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    }
    return true;
}

// =======================================================================================
// Any header value

/// Visible ASCII (0x21-0x7E) and space only, no leading or trailing space. CR, LF and NUL
/// would let a value inject headers; other controls and non-ASCII bytes are refused too
/// (RFC 9110 calls obs-text obsolete, and proxies differ on it). An empty value passes:
/// whether a header may be empty is up to the caller.
inline result<void> check_header_value(std::string_view header_name, std::string_view value) {
    // Forbidden bytes first, so that " \r\n" is reported as injection, not as a space.
    for (std::size_t i = 0; i < value.size(); ++i) {
        const unsigned char b = detail::byte_of(value[i]);
        if (b == '\r' || b == '\n')
            return detail::header_error(header_name, detail::at_index("CR or LF", i) + " (header injection)");
        if (b == 0) return detail::header_error(header_name, detail::at_index("NUL byte", i) + " (header injection)");
        if (b < 0x20 || b == 0x7F)
            return detail::header_error(header_name, detail::at_index("control character", i) + " (header injection)");
        if (b >= 0x80)
            return detail::header_error(header_name,
                                        detail::at_index("non-ASCII byte", i) + " (only visible ASCII and space)");
    }
    if (!value.empty() && value.front() == ' ')
        return detail::header_error(header_name, "leading whitespace at index 0");
    if (!value.empty() && value.back() == ' ')
        return detail::header_error(header_name, detail::at_index("trailing whitespace", value.size() - 1));
    return {};
}

// =======================================================================================
// X-Date: yyyyMMdd'T'HHmmss'Z' in UTC

/// The name of the X-Date header.
inline constexpr std::string_view x_date_header = "X-Date";
/// How old an X-Date may be: 15 minutes.
inline constexpr std::chrono::seconds x_date_max_age{15 * 60};

/// Sub-second parts are dropped (rounded towards the past, also before 1970).
inline std::string format_x_date(std::chrono::system_clock::time_point t) {
    const std::int64_t secs =
        static_cast<std::int64_t>(std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
    const std::int64_t days = detail::floor_div(secs, 86400);
    const std::int64_t sod = secs - days * 86400;  // [0, 86399]
    const detail::civil_date d = detail::civil_from_days(days);
    std::string out;
    out.reserve(16);
    // system_clock spans a few hundred years around 1970, so the year fits 4 digits in
    // practice; a year before 0000 would not, and gets a sign rather than a wrong value.
    if (d.year < 0) {
        out.push_back('-');
        detail::append_padded(out, -d.year, 4);
    } else {
        detail::append_padded(out, d.year, 4);
    }
    detail::append_padded(out, d.month, 2);
    detail::append_padded(out, d.day, 2);
    out.push_back('T');
    detail::append_padded(out, sod / 3600, 2);
    detail::append_padded(out, sod / 60 % 60, 2);
    detail::append_padded(out, sod % 60, 2);
    out.push_back('Z');
    return out;
}

/// Strict: exactly 16 characters, upper-case 'T' and 'Z', a real date and time.
inline result<std::chrono::sys_seconds> parse_x_date(std::string_view value) {
    if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z')
        return detail::header_error(x_date_header, "expected yyyyMMdd'T'HHmmss'Z' (16 characters)");
    const detail::time_parse_out r = detail::parse_fields(value, 9);
    switch (r.status) {
    case detail::time_parse_status::ok: return r.value;
    case detail::time_parse_status::not_digits:
        return detail::header_error(x_date_header, "expected yyyyMMdd'T'HHmmss'Z' (digits)");
    case detail::time_parse_status::bad_date: return detail::header_error(x_date_header, "not a real calendar date");
    case detail::time_parse_status::bad_time: return detail::header_error(x_date_header, "not a real time of day");
    case detail::time_parse_status::out_of_clock_range:
        return detail::header_error(x_date_header, "outside the range of std::chrono::system_clock");
    }
    return detail::header_error(x_date_header, "invalid");
}

/// Well formed, not later than `now` and at most 15 minutes before it. `now` is truncated
/// to whole seconds first, so a value made from the same clock reading always passes.
inline result<void> check_x_date(std::string_view value, std::chrono::system_clock::time_point now) {
    auto t = parse_x_date(value);
    if (!t) return std::move(t).error();
    const std::chrono::sys_seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
    if (*t > now_s) return detail::header_error(x_date_header, "later than now");
    if (now_s - *t > x_date_max_age) return detail::header_error(x_date_header, "more than 15 minutes before now");
    return {};
}

/// `yyyyMMddHHmmss` (14 digits, UTC), the form of times in responses. The error is
/// `malformed_response`, since that is where such times come from; a caller decoding a
/// request can change the kind.
inline result<std::chrono::sys_seconds> parse_compact_time(std::string_view value) {
    auto fail = [](errc code, const char* message) {
        error e;
        e.kind = error_kind::malformed_response;
        e.code = code;
        e.message = message;
        return e;
    };
    if (value.size() != 14) return fail(errc::syntax, "expected yyyyMMddHHmmss (14 digits)");
    const detail::time_parse_out r = detail::parse_fields(value, 8);
    switch (r.status) {
    case detail::time_parse_status::ok: return r.value;
    case detail::time_parse_status::not_digits: return fail(errc::syntax, "expected yyyyMMddHHmmss (14 digits)");
    case detail::time_parse_status::bad_date: return fail(errc::out_of_range, "not a real calendar date");
    case detail::time_parse_status::bad_time: return fail(errc::out_of_range, "not a real time of day");
    case detail::time_parse_status::out_of_clock_range:
        return fail(errc::out_of_range, "outside the range of std::chrono::system_clock");
    }
    return fail(errc::syntax, "invalid time");
}

// =======================================================================================
// X-Traceid: exactly 58 characters of [A-Za-z0-9_]

/// The length of a trace ID.
inline constexpr std::size_t trace_id_length = 58;

/// Whether `s` is a trace ID: exactly 58 characters of A-Z, a-z, 0-9 and _.
inline bool is_valid_trace_id(std::string_view s) noexcept {
    if (s.size() != trace_id_length) return false;
    for (char c : s) {
        if (!detail::is_alnum(c) && c != '_') return false;
    }
    return true;
}

/// `next()` returns 64 uniformly random bits. Each call yields ten 6-bit chunks; a chunk
/// equal to 63 is skipped (probability 1/64), so the output is unbiased and takes about
/// six calls. A source that keeps returning all ones never finishes: it is not random.
template <class Random>
requires std::invocable<Random&> && std::convertible_to<std::invoke_result_t<Random&>, std::uint64_t> std::string
generate_trace_id(Random&& next) {
    std::string id;
    id.reserve(trace_id_length);
    while (id.size() < trace_id_length) {
        auto bits = static_cast<std::uint64_t>(next());
        for (int k = 0; k < 10 && id.size() < trace_id_length; ++k) {
            const auto v = static_cast<std::size_t>(bits & 0x3Fu);
            bits >>= 6;
            if (v < detail::trace_alphabet.size()) id.push_back(detail::trace_alphabet[v]);
        }
    }
    return id;
}

/// A source of random 64-bit numbers (for trace IDs); replace it in tests.
using random_source = std::function<std::uint64_t()>;

/// A Mersenne Twister seeded from std::random_device. Its state lives in the returned
/// function (shared by its copies), so there is no global state; not thread safe, one per
/// thread or per client.
inline random_source default_random_source() {
    std::random_device rd;
    // Seed the whole 64-bit state space rather than one 32-bit word.
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    auto engine = std::make_shared<std::mt19937_64>(seq);
    return [engine]() -> std::uint64_t { return static_cast<std::uint64_t>((*engine)()); };
}

// =======================================================================================
// language: a tag such as en-US or en_us

/// The name of the language header.
inline constexpr std::string_view language_header = "language";
/// The longest language tag.
inline constexpr std::size_t language_max_length = 35;

/// Checks a language tag such as en-US or en_us: letters, digits, - and _, at most 35 characters.
inline result<void> check_language(std::string_view value) {
    if (value.empty()) return detail::header_error(language_header, "empty");
    if (value.size() > language_max_length) return detail::header_error(language_header, "longer than 35 characters");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (!detail::is_alnum(c) && c != '-' && c != '_')
            return detail::header_error(language_header,
                                        detail::at_index("invalid character", i) + " (letters, digits, '-', '_')");
    }
    return {};
}

// =======================================================================================
// Host: host[:port] (RFC 3986 section 3.2.2 and 3.2.3)

/// The name of the Host header.
inline constexpr std::string_view host_header = "Host";

/// host is a non-empty reg-name, an IPv4 address or a bracketed IPv6 literal; port is 1-5
/// digits up to 65535. A name made only of digits and dots must be a valid IPv4 address:
/// RFC 3986 would read "256.1.1.1" as a reg-name, but resolvers would not.
inline result<void> check_host(std::string_view value) {
    if (value.empty()) return detail::header_error(host_header, "empty");
    std::string_view host;
    std::string_view rest;  // "" or ":port"
    std::size_t rest_pos = 0;
    if (value.front() == '[') {
        const std::size_t close = value.find(']');
        if (close == std::string_view::npos)
            return detail::header_error(host_header, "IPv6 literal without closing ']'");
        if (!detail::is_ipv6(value.substr(1, close - 1)))
            return detail::header_error(host_header, "invalid IPv6 literal");
        rest_pos = close + 1;
        rest = value.substr(rest_pos);
        if (!rest.empty() && rest.front() != ':')
            return detail::header_error(host_header, detail::at_index("unexpected character", rest_pos));
    } else {
        const std::size_t colon = value.find(':');
        host = value.substr(0, colon);
        if (colon != std::string_view::npos) {
            rest_pos = colon;
            rest = value.substr(colon);
        }
        if (host.empty()) return detail::header_error(host_header, "empty host name");
        const std::size_t bad = detail::bad_reg_name_index(host);
        if (bad != std::string_view::npos)
            return detail::header_error(host_header, detail::at_index("invalid character in host", bad));
        bool digits_and_dots = true;
        for (char c : host) {
            if (!detail::is_digit(c) && c != '.') digits_and_dots = false;
        }
        if (digits_and_dots && !detail::is_ipv4(host)) return detail::header_error(host_header, "invalid IPv4 address");
    }
    if (!rest.empty()) {
        const std::string_view port = rest.substr(1);
        if (port.empty()) return detail::header_error(host_header, "empty port after ':'");
        if (port.size() > 5) return detail::header_error(host_header, "port longer than 5 digits");
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < port.size(); ++i) {
            if (!detail::is_digit(port[i]))
                return detail::header_error(host_header,
                                            detail::at_index("invalid character in port", rest_pos + 1 + i));
            v = v * 10u + static_cast<std::uint32_t>(port[i] - '0');
        }
        if (v > 65535u) return detail::header_error(host_header, "port above 65535");
    }
    return {};
}

// =======================================================================================
// Percent encoding (RFC 3986 section 2.1), as signed requests need it

/// Appends `in` to `out`, keeping unreserved characters (A-Za-z0-9-_.~) and writing every
/// other byte as %XX with upper-case hex digits.
inline void percent_encode(std::string_view in, std::string& out) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    for (char c : in) {
        if (detail::is_unreserved(c)) {
            out.push_back(c);
        } else {
            const unsigned char b = detail::byte_of(c);
            out.push_back('%');
            out.push_back(hex[b >> 4]);
            out.push_back(hex[b & 0x0Fu]);
        }
    }
}

/// Strict: '%' must be followed by two hex digits (either case). '+' stays '+': it means a
/// space only in HTML forms, not in RFC 3986. The result may hold any byte; callers check.
inline result<std::string> percent_decode(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) {
            error e;
            e.code = errc::syntax;
            e.offset = i;
            e.message = "truncated percent-encoding";
            return e;
        }
        const int hi = detail::hex_value(in[i + 1]);
        const int lo = detail::hex_value(in[i + 2]);
        if (hi < 0 || lo < 0) {
            error e;
            e.code = errc::syntax;
            e.offset = i;
            e.message = "'%' not followed by two hex digits";
            return e;
        }
        out.push_back(static_cast<char>(static_cast<unsigned char>(hi * 16 + lo)));
        i += 2;
    }
    return out;
}

// =======================================================================================
// Authorization

/// How the access token is sent in Authorization.
enum class token_scheme : std::uint8_t {
    bearer_plus,   ///< "Bearer+" + token, as the API reference documents (the default)
    bearer_space,  ///< "Bearer " + token, RFC 6750 style
    verbatim,      ///< the token as given
};

/// Tokens handed out by the service sometimes carry their scheme already ("Bearer+...",
/// "AT ..."); those are sent unchanged so the scheme is never doubled. The match is
/// case-sensitive, exactly the prefixes the service is known to use.
inline std::string authorization_value(std::string_view token, token_scheme scheme = token_scheme::bearer_plus) {
    if (scheme == token_scheme::verbatim) return std::string(token);
    for (std::string_view p :
         {std::string_view("Bearer+"), std::string_view("Bearer "), std::string_view("AT "), std::string_view("AT+")}) {
        if (detail::starts_with(token, p)) return std::string(token);
    }
    std::string out(scheme == token_scheme::bearer_space ? "Bearer " : "Bearer+");
    out += token;
    return out;
}

// =======================================================================================
// Body snippets for errors and logs

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

}  // namespace koodrive::ose
