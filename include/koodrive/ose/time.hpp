// koodrive-ose: times on the wire. X-Date (yyyyMMdd'T'HHmmss'Z', UTC) made and checked, and
// the compact yyyyMMddHHmmss form of times in responses.
//
// Pure functions: the current time always comes in as an argument.
#ifndef KOODRIVE_OSE_TIME_HPP
#define KOODRIVE_OSE_TIME_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "detail/ascii.hpp"
#include "detail/header_error.hpp"
#include "detail/lean_std.hpp"
#include "error.hpp"
#include "result.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

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

}  // namespace detail

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
        return error::make(error_kind::malformed_response, code, "", message);
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

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TIME_HPP
