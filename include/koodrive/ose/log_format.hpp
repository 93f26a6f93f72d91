// koodrive-ose: one line for a log, for any message, HTTP value or error.
//
// Secrets (the access token, password, kdstoken, an app secret) print as ***; enums print by
// name (or their number when the table does not know them); strings are quoted with control
// and invalid bytes escaped, so a line is always one line; long arrays are cut short.
#ifndef KOODRIVE_OSE_LOG_FORMAT_HPP
#define KOODRIVE_OSE_LOG_FORMAT_HPP

#include <string>
#include <string_view>
#include <type_traits>

#include "ascii.hpp"
#include "codec_impl.hpp"
#include "detail/utf8.hpp"
#include "error.hpp"
#include "http.hpp"
#include "json_writer.hpp"
#include "reflect.hpp"
#include "snippet.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

inline constexpr std::size_t log_max_array_entries = 8;
inline constexpr std::string_view redacted = "***";

/// Quoted, with C0 controls, DEL and invalid UTF-8 shown as \xNN and C1 controls as \u00NN.
inline void append_log_string(std::string& out, std::string_view s) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < s.size()) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0x80) {
            const std::size_t len =
                utf8_sequence_length(reinterpret_cast<const unsigned char*>(s.data() + i), s.size() - i);
            if (len == 2 && u == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
                // A C1 control (U+0080..U+009F: NEL, CSI, ...) is a control character too.
                static constexpr char hex[] = "0123456789abcdef";
                const auto c = static_cast<unsigned char>(s[i + 1]);
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xF]);
                i += len;
                continue;
            }
            if (len != 0) {
                out.append(s.substr(i, len));
                i += len;
                continue;
            }
        }
        if (u < 0x20 || u == 0x7F || u >= 0x80 || u == '"' || u == '\\') {
            static constexpr char hex[] = "0123456789abcdef";
            if (u == '"' || u == '\\') {
                out.push_back('\\');
                out.push_back(static_cast<char>(u));
            } else {
                out += "\\x";
                out.push_back(hex[u >> 4]);
                out.push_back(hex[u & 0xF]);
            }
        } else {
            out.push_back(static_cast<char>(u));
        }
        ++i;
    }
    out.push_back('"');
}

template <class V>
void append_log_value(std::string& out, const V& v) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (is_text_kind<V>) {
        append_log_string(out, v);
    } else if constexpr (kind == field_kind::enumeration) {
        const auto name = enum_name(v);
        if (name.empty())
            json::write_integer(out, to_wire(v));
        else
            out.append(name);
    } else if constexpr (kind == field_kind::integer) {
        json::write_integer(out, v);
    } else if constexpr (kind == field_kind::optional) {
        append_log_value(out, *v);
    } else if constexpr (kind == field_kind::array) {
        out.push_back('[');
        for (std::size_t i = 0; i < v.size() && i < log_max_array_entries; ++i) {
            if (i != 0) out += ", ";
            append_log_value(out, v[i]);
        }
        if (v.size() > log_max_array_entries) out += ", ... (" + std::to_string(v.size()) + " in all)";
        out.push_back(']');
    } else if constexpr (kind == field_kind::wrapped) {
        append_log_value(out, field_traits<V>::wire(v));
    } else if constexpr (kind == field_kind::object) {
        out.append(description<V>::name);
        out.push_back('{');
        bool first = true;
        for_each_field<V>([&](const auto& f) {
            const auto& m = f.get(v);
            if (!is_written(m, f.presence_)) return true;  // absent, as in the JSON
            if (!first) out += ", ";
            first = false;
            out.append(f.name);
            out.push_back('=');
            if (f.secret_)
                out.append(redacted);
            else
                append_log_value(out, m);
            return true;
        });
        out.push_back('}');
    } else {
        static_assert(unsupported_field_type<V>, "no log form for this type");
    }
}

/// Header values a log must not show.
inline bool is_secret_header(std::string_view name) noexcept { return iequals(name, "Authorization"); }

inline void append_log_headers(std::string& out, const std::vector<http_header>& headers) {
    out += " {";
    bool first = true;
    for (const auto& h : headers) {
        if (!first) out += ", ";
        first = false;
        out += safe_snippet(h.name, 64);
        out += ": ";
        if (is_secret_header(h.name))
            out.append(redacted);
        else
            out += safe_snippet(h.value, 128);
    }
    out += '}';
}

}  // namespace detail

/// `create_batch_task_request{taskType=copy, actionType=copy_dump, ..., password=***}`
template <described T>
std::string to_log_string(const T& message) {
    std::string out;
    detail::append_log_value(out, message);
    return out;
}

/// `POST /koodrive/ose/v1/jobs {Authorization: ***, X-User-Id: ...} body 312 bytes`. The body is
/// not shown: it may hold a password or kdstoken; log the message itself instead.
inline std::string to_log_string(const http_request& r) {
    std::string out = safe_snippet(r.method, 16);
    out += ' ';
    out += safe_snippet(r.target, 512);
    detail::append_log_headers(out, r.headers);
    out += " body " + std::to_string(r.body.size()) + " bytes";
    return out;
}

/// One log line for a response: its status, headers and body size.
inline std::string to_log_string(const http_response& r) {
    std::string out = "HTTP " + std::to_string(r.status);
    detail::append_log_headers(out, r.headers);
    out += " body " + std::to_string(r.body.size()) + " bytes";
    return out;
}

/// One log line for an error (error::to_string()).
inline std::string to_log_string(const error& e) { return e.to_string(); }

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_LOG_FORMAT_HPP
