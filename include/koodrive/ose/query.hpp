// koodrive-ose: a flat message as a URL query string (`offset=0&limit=2&type=1`), both ways.
//
// The list endpoint carries its request in the query. Fields are written in the order of the
// description, percent-encoded; the reader (for servers) applies the same rules as the JSON
// reader: canonical integers, known keys once, unknown keys skipped, then validation.
#ifndef KOODRIVE_OSE_QUERY_HPP
#define KOODRIVE_OSE_QUERY_HPP

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "codec_impl.hpp"
#include "detail/integer_text.hpp"
#include "reflect.hpp"
#include "uri.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {

template <class V>
void append_query_value(std::string& out, const V& v) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional)
        append_query_value(out, *v);
    else if constexpr (kind == field_kind::string)
        percent_encode(v, out);
    else if constexpr (kind == field_kind::enumeration)
        json::write_integer(out, to_wire(v));
    else if constexpr (kind == field_kind::integer)
        json::write_integer(out, v);
    else if constexpr (kind == field_kind::wrapped)
        append_query_value(out, field_traits<V>::wire(v));
    else
        static_assert(unsupported_field_type<V>, "a query field is a string, an integer or an enum");
}

inline error query_error(errc code, std::string_view name, std::string message, std::size_t offset) {
    return error::make(error_kind::invalid_request, code, "$." + std::string(name), std::move(message), offset);
}

template <class V>
bool read_query_value(std::string_view text, V& v, std::string& why) {
    constexpr field_kind kind = field_kind_of<V>;
    if constexpr (kind == field_kind::optional) {
        v.emplace();
        return read_query_value(text, *v, why);
    } else if constexpr (kind == field_kind::string) {
        v.assign(text);
        return true;
    } else if constexpr (kind == field_kind::wrapped) {
        return read_query_value(text, field_traits<V>::wire(v), why);
    } else if constexpr (kind == field_kind::enumeration || kind == field_kind::integer) {
        using I = std::conditional_t<kind == field_kind::enumeration, std::int32_t, V>;
        I x{};
        bool in_range = true;
        if (!parse_integer_text(text, x, in_range)) {
            why = "expected a canonical integer";
            return false;
        }
        if (!in_range) {
            why = sizeof(I) == 4 ? "expected an integer that fits in 32 bits"
                                 : "expected an integer that fits in 64 bits";
            return false;
        }
        v = static_cast<V>(x);
        return true;
    } else {
        static_assert(unsupported_field_type<V>, "a query field is a string, an integer or an enum");
        return false;
    }
}

}  // namespace detail

/// Appends `name=value&...` for the fields that are set, in description order (no leading '?').
template <described T>
void encode_query(const T& message, std::string& out) {
    bool first = true;
    for_each_field<T>([&](const auto& f) {
        const auto& v = f.get(message);
        if constexpr (field_kind_of<decltype(v)> == field_kind::optional)
            if (!v) return true;
        if (!first) out.push_back('&');
        first = false;
        out.append(f.name);
        out.push_back('=');
        detail::append_query_value(out, v);
        return true;
    });
}

/// Reads a query string (without '?') into a message, then validates it.
template <described T>
result<T> decode_query(std::string_view query) {
    T out{};
    std::uint64_t seen = 0;
    constexpr auto& names = field_names<T>::value;
    std::size_t pos = 0;
    while (pos <= query.size() && !query.empty()) {
        std::size_t amp = query.find('&', pos);
        if (amp == std::string_view::npos) amp = query.size();
        const std::string_view pair = query.substr(pos, amp - pos);
        const std::size_t eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq));
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!key || !value) {
            auto e = detail::query_error(errc::syntax, "", "expected a percent-encoded name=value pair", pos);
            e.path = "$";
            return e;
        }
        std::size_t idx = 0;
        while (idx < names.size() && names[idx] != *key) ++idx;
        if (idx < names.size()) {
            const std::uint64_t bit = std::uint64_t{1} << idx;
            if (seen & bit)
                return detail::query_error(errc::duplicate_field, names[idx], "expected each parameter at most once",
                                           pos);
            seen |= bit;
            std::string why;
            bool ok = true;
            with_index<field_count<T>>(idx, [&](auto ic) {
                ok = detail::read_query_value(*value, field_at<T, decltype(ic)::value>.get(out), why);
            });
            if (!ok) return detail::query_error(errc::type_mismatch, names[idx], why, pos + eq + 1);
        }
        pos = amp + 1;
        if (amp == query.size()) break;
    }
    if (const std::uint64_t missing = field_names<T>::required & ~seen; missing != 0)
        return detail::query_error(errc::missing_field, names[static_cast<std::size_t>(std::countr_zero(missing))],
                                   "expected this required parameter", query.size());
    if (auto v = validate(out); !v) return std::move(v).error();
    return out;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_QUERY_HPP
