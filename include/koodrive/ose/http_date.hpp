// koodrive-ose: HTTP dates (RFC 9110 IMF-fixdate), as in the `Date` and `Retry-After` headers.
//
// `Sun, 06 Nov 1994 08:49:37 GMT`: the one form a sender may generate. The client reads the
// service's `Date` to correct its clock and a `Retry-After` date to know how long to wait; the
// obsolete RFC 850 and asctime forms are refused (a reader falls back to its own delay).
#ifndef KOODRIVE_OSE_HTTP_DATE_HPP
#define KOODRIVE_OSE_HTTP_DATE_HPP

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "detail/header_error.hpp"
#include "detail/lean_std.hpp"
#include "error.hpp"
#include "result.hpp"
#include "time.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline constexpr std::array<std::string_view, 7> weekday_names = {"Thu", "Fri", "Sat", "Sun",
                                                                  "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
inline constexpr std::array<std::string_view, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

inline error http_date_error(std::string_view header, const char* why) {
    error e = header_error(header, why);
    e.kind = error_kind::malformed_response;  // dates come from the service
    return e;
}

}  // namespace detail

/// `t` as an IMF-fixdate, whole seconds rounded towards the past.
inline std::string format_http_date(std::chrono::system_clock::time_point t) {
    const auto secs = static_cast<std::int64_t>(std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
    const std::int64_t days = detail::floor_div(secs, 86400);
    const std::int64_t sod = secs - days * 86400;
    const detail::civil_date d = detail::civil_from_days(days);
    std::string out;
    out.reserve(29);
    out += detail::weekday_names[static_cast<std::size_t>(days - detail::floor_div(days, 7) * 7)];
    out += ", ";
    detail::append_padded(out, d.day, 2);
    out += ' ';
    out += detail::month_names[static_cast<std::size_t>(d.month - 1)];
    out += ' ';
    detail::append_padded(out, d.year < 0 ? 0 : d.year, 4);
    out += ' ';
    detail::append_padded(out, sod / 3600, 2);
    out += ':';
    detail::append_padded(out, sod / 60 % 60, 2);
    out += ':';
    detail::append_padded(out, sod % 60, 2);
    out += " GMT";
    return out;
}

/// An IMF-fixdate; strict, and the weekday must match the date. `header` names the header in errors.
inline result<std::chrono::sys_seconds> parse_http_date(std::string_view value, std::string_view header = "Date") {
    constexpr const char* expected = "expected an HTTP date such as Sun, 06 Nov 1994 08:49:37 GMT";
    if (value.size() != 29 || value.substr(3, 2) != ", " || value[7] != ' ' || value[11] != ' ' || value[16] != ' ' ||
        value[19] != ':' || value[22] != ':' || value.substr(25) != " GMT")
        return detail::http_date_error(header, expected);
    std::size_t month = 0;
    while (month < detail::month_names.size() && detail::month_names[month] != value.substr(8, 3)) ++month;
    if (month == detail::month_names.size()) return detail::http_date_error(header, expected);
    // As yyyyMMdd and HHmmss, to share the X-Date checks (real date, real time, clock range).
    std::string compact;
    compact += value.substr(12, 4);
    detail::append_padded(compact, static_cast<std::int64_t>(month + 1), 2);
    compact += value.substr(5, 2);
    compact += value.substr(17, 2);
    compact += value.substr(20, 2);
    compact += value.substr(23, 2);
    const detail::time_parse_out r = detail::parse_fields(compact, 8);
    if (r.status == detail::time_parse_status::not_digits) return detail::http_date_error(header, expected);
    if (r.status != detail::time_parse_status::ok) return detail::http_date_error(header, "not a real date and time");
    const auto days = detail::floor_div(static_cast<std::int64_t>(r.value.time_since_epoch().count()), 86400);
    if (detail::weekday_names[static_cast<std::size_t>(days - detail::floor_div(days, 7) * 7)] != value.substr(0, 3))
        return detail::http_date_error(header, "the weekday does not match the date");
    return r.value;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_HTTP_DATE_HPP
