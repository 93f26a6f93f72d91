// koodrive-ose testing: string values shaped like the API's, for the generators.
//
// Not part of the core. Every value is a window into a static pool built at compile time, so a
// generated std::string copies it and a generated std::string_view points at it: both kinds of
// message get the same text, and neither needs storage of its own.
//
// The shape of a field's value comes from its wire name (IDs, times and paths are named the
// same way in every message); a name the table does not know gets generic text.
#ifndef KOODRIVE_OSE_TESTING_SAMPLE_VALUES_HPP
#define KOODRIVE_OSE_TESTING_SAMPLE_VALUES_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../version.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace testing {

/// The shape of a string field's values, from its wire name.
enum class value_shape : std::uint8_t {
    text,          ///< generic: digits, letters, path characters, or text with escapes and é
    snowflake_id,  ///< 19 digits: task, share, user, tenant and organisation IDs
    container_id,  ///< IAADfsBFCO6WtAtuA + 30 hex, or IAABh_RdhS8bOg0cA + 19 digits
    file_id,       ///< F + 32 of [A-Za-z0-9_-]
    compact_time,  ///< yyyyMMddHHmmss
    file_path,     ///< /Documents/2024/report-q3.pdf
    hex_token,     ///< a kdstoken: 48 hex digits
    password,      ///< 8 to 16 letters and digits
    archive_name,  ///< a zip name
    download_url,  ///< https://...
    result_code,   ///< "0" mostly
    result_msg,    ///< "success", "OK", ...
    status_digit,  ///< "0" to "3"
};

/// The shape of the values of the field with JSON key `wire_name`.
constexpr value_shape shape_of(std::string_view wire_name) noexcept {
    struct entry {
        std::string_view name;
        value_shape shape;
    };
    constexpr entry table[] = {
        {"taskId", value_shape::snowflake_id},
        {"shareId", value_shape::snowflake_id},
        {"userId", value_shape::snowflake_id},
        {"srcUserId", value_shape::snowflake_id},
        {"dstUserId", value_shape::snowflake_id},
        {"orgId", value_shape::snowflake_id},
        {"orgUserId", value_shape::snowflake_id},
        {"tenantId", value_shape::snowflake_id},
        {"resultId", value_shape::snowflake_id},
        {"data", value_shape::snowflake_id},
        {"containerId", value_shape::container_id},
        {"srcContainerId", value_shape::container_id},
        {"dstContainerId", value_shape::container_id},
        {"fileId", value_shape::file_id},
        {"fileIds", value_shape::file_id},
        {"newFileId", value_shape::file_id},
        {"newFilePath", value_shape::file_id},  // the reference's example is a folder's file ID
        {"beginTime", value_shape::compact_time},
        {"endTime", value_shape::compact_time},
        {"createTime", value_shape::compact_time},
        {"startTime", value_shape::compact_time},
        {"filePath", value_shape::file_path},
        {"uncompressFilePaths", value_shape::file_path},
        {"kdstoken", value_shape::hex_token},
        {"password", value_shape::password},
        {"zipName", value_shape::archive_name},
        {"downloadUrl", value_shape::download_url},
        {"code", value_shape::result_code},
        {"msg", value_shape::result_msg},
        {"status", value_shape::status_digit},
    };
    for (const auto& e : table)
        if (e.name == wire_name) return e.shape;
    return value_shape::text;
}

namespace detail {

/// splitmix64, usable at compile time.
constexpr std::uint64_t mix(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/// Count values of Width bytes, each `prefix` then characters of `alphabet`, back to back. Each
/// mix() gives ten characters (six bits each): the pools are built at compile time, cheaply.
template <std::size_t Count, std::size_t Width>
constexpr std::array<char, Count * Width> fixed_width_pool(std::string_view prefix, std::string_view alphabet,
                                                           std::uint64_t seed) {
    std::array<char, Count * Width> out{};
    std::uint64_t bits = 0;
    int left = 0;
    for (std::size_t i = 0; i < Count; ++i)
        for (std::size_t j = 0; j < Width; ++j) {
            if (j < prefix.size()) {
                out[i * Width + j] = prefix[j];
                continue;
            }
            if (left == 0) bits = mix(seed), left = 10;
            out[i * Width + j] = alphabet[(bits & 63) % alphabet.size()];
            bits >>= 6;
            --left;
        }
    return out;
}

/// Characters of `alphabet` with `lead` at every Stride-th place: a window from any of those places
/// is a value starting with `lead`, so Size / Stride different values share Size bytes.
template <std::size_t Size, std::size_t Stride>
constexpr std::array<char, Size> strided_pool(char lead, std::string_view alphabet, std::uint64_t seed) {
    auto out = fixed_width_pool<1, Size>("", alphabet, seed);
    for (std::size_t i = 0; i < Size; i += Stride) out[i] = lead;
    return out;
}

/// Count times yyyyMMddHHmmss in 2023 to 2025, back to back.
template <std::size_t Count>
constexpr std::array<char, Count * 14> time_pool(std::uint64_t seed) {
    std::array<char, Count * 14> out{};
    for (std::size_t i = 0; i < Count; ++i) {
        const unsigned fields[] = {
            static_cast<unsigned>(2023 + mix(seed) % 3), static_cast<unsigned>(1 + mix(seed) % 12),
            static_cast<unsigned>(1 + mix(seed) % 28),   static_cast<unsigned>(mix(seed) % 24),
            static_cast<unsigned>(mix(seed) % 60),       static_cast<unsigned>(mix(seed) % 60)};
        char* p = out.data() + i * 14;
        p[0] = static_cast<char>('0' + fields[0] / 1000);
        p[1] = static_cast<char>('0' + fields[0] / 100 % 10);
        p[2] = static_cast<char>('0' + fields[0] / 10 % 10);
        p[3] = static_cast<char>('0' + fields[0] % 10);
        for (std::size_t f = 1; f < 6; ++f) {
            p[2 + 2 * f] = static_cast<char>('0' + fields[f] / 10);
            p[3 + 2 * f] = static_cast<char>('0' + fields[f] % 10);
        }
    }
    return out;
}

/// Generic text: printable ASCII with the characters JSON escapes, and é (two bytes) never at
/// two neighbouring positions, so a window that cuts one moves by at most two bytes.
template <std::size_t Size>
constexpr std::array<char, Size> text_pool(std::uint64_t seed) {
    constexpr std::string_view plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.\"\\\n\t/";
    std::array<char, Size> out{};
    for (std::size_t i = 0; i < Size; ++i) {
        if (i + 2 < Size && mix(seed) % 8 == 0 && (i == 0 || static_cast<unsigned char>(out[i - 1]) < 0x80)) {
            out[i] = '\xC3';
            out[++i] = '\xA9';
        } else {
            out[i] = plain[mix(seed) % plain.size()];
        }
    }
    return out;
}

template <std::size_t Size>
constexpr std::array<char, Size> filled_pool(char c) {
    std::array<char, Size> out{};
    for (auto& x : out) x = c;
    return out;
}

/// Arrays of IDs run to a thousand entries: about that many different file IDs and snowflakes
/// (overlapping windows), fewer of the rest.
inline constexpr std::size_t many_values = 1024;
inline constexpr std::size_t pool_values = 128;
inline constexpr auto snowflake_digits = fixed_width_pool<1, many_values + 19>("", "0123456789", 1);
inline constexpr auto share_containers = fixed_width_pool<pool_values, 36>("IAABh_RdhS8bOg0cA1", "0123456789", 2);
inline constexpr auto drive_containers = fixed_width_pool<pool_values, 47>("IAADfsBFCO6WtAtuA", "0123456789abcdef", 3);
inline constexpr std::size_t file_id_stride = 4;
inline constexpr auto file_id_chars = strided_pool<many_values * file_id_stride + 33, file_id_stride>(
    'F', "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 4);
inline constexpr auto kdstokens = fixed_width_pool<pool_values, 48>("", "0123456789abcdef", 5);
inline constexpr auto passwords =
    fixed_width_pool<1, 256>("", "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 6);
inline constexpr auto times = time_pool<pool_values>(7);
inline constexpr auto digits = fixed_width_pool<1, 256>("", "0123456789", 8);
inline constexpr auto letters =
    fixed_width_pool<1, 256>("", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 9);
inline constexpr auto path_chars = fixed_width_pool<1, 256>("", "abcdefghijklmnopqrstuvwxyz0123456789/._-", 10);
inline constexpr auto escaped_text = text_pool<256>(11);
inline constexpr std::size_t filler_size = 4097;
inline constexpr auto filler = filled_pool<filler_size>('x');  // for lengths beyond the other pools

inline constexpr std::string_view file_paths[] = {
    "/Documents/report-2024-q3.pdf",
    "/Photos/2023/IMG_0412.jpg",
    "/Projects/koodrive/design.docx",
    "/Music/Live at the Roundhouse/03 - Overture.flac",
    "/Backup/phone/contacts.vcf",
    "/Shared/team/budget 2025.xlsx",
    "/Videos/holiday.mp4",
    "/Photos/Été 2024/plage à Nice.jpg",
    "/Documents/contracts/2025/NDA-Acme.pdf",
};
inline constexpr std::string_view archive_names[] = {"archive.zip", "photos-2024.zip", "Quarterly reports.zip",
                                                     "backup-20250520.zip", "share.zip"};
inline constexpr std::string_view download_urls[] = {
    "https://dl.koodrive.example/ose/v1/pkg/1689768877770401664.zip?sign=3f2a9c&expires=1748000000",
    "https://dl.koodrive.example/ose/v1/pkg/1534087020903704704.zip?sign=a91be0&expires=1748003600",
    "https://cdn-eu.koodrive.example/d/1320279189273965056?token=aea2968ec8cfac33&name=share.zip",
};
inline constexpr std::string_view result_msgs[] = {"success", "OK", "Success.", "Success"};
inline constexpr std::string_view status_digits[] = {"0", "1", "2", "3"};

inline constexpr std::string_view window(const auto& pool, std::size_t at, std::size_t len) noexcept {
    return {pool.data() + at, len};
}

/// Value i (taken modulo the pool) of a pool of fixed-width values.
template <std::size_t Width>
constexpr std::string_view nth(const auto& pool, std::size_t i) noexcept {
    return window(pool, (i % (pool.size() / Width)) * Width, Width);
}

}  // namespace detail

/// The longest generic text a window can give; longer strings, up to max_sample_length, are
/// all 'x'.
inline constexpr std::size_t max_sample_text = 240;
/// The longest sample value, in bytes.
inline constexpr std::size_t max_sample_length = detail::filler_size;

/// A value of `shape`, the `pick`-th of its kind (any number; taken modulo the kind's count).
constexpr std::string_view sample_value(value_shape shape, std::size_t pick) noexcept {
    using namespace detail;
    switch (shape) {
    case value_shape::snowflake_id: {
        std::size_t at = pick % many_values;
        while (snowflake_digits[at] == '0') at = (at + 1) % many_values;  // 19 digits, the first not 0
        return window(snowflake_digits, at, 19);
    }
    case value_shape::container_id:
        return pick % 2 == 0 ? nth<47>(drive_containers, pick / 2) : nth<36>(share_containers, pick / 2);
    case value_shape::file_id: return window(file_id_chars, pick % many_values * file_id_stride, 33);
    case value_shape::compact_time: return nth<14>(times, pick);
    case value_shape::file_path: return file_paths[pick % std::size(file_paths)];
    case value_shape::hex_token: return nth<48>(kdstokens, pick);
    case value_shape::password: return window(passwords, pick % 200, 8 + pick % 9);
    case value_shape::archive_name: return archive_names[pick % std::size(archive_names)];
    case value_shape::download_url: return download_urls[pick % std::size(download_urls)];
    case value_shape::result_code: return pick % 8 == 7 ? std::string_view("1001") : std::string_view("0");
    case value_shape::result_msg: return result_msgs[pick % std::size(result_msgs)];
    case value_shape::status_digit: return status_digits[pick % std::size(status_digits)];
    case value_shape::text: break;
    }
    return window(letters, pick % 200, 1 + pick % 24);
}

/// Generic text of exactly `len` bytes (valid UTF-8), in one of four styles: digits, letters,
/// path characters, or text with characters JSON escapes and é. `pick` chooses the window.
constexpr std::string_view sample_text(unsigned style, std::size_t len, std::size_t pick) noexcept {
    using namespace detail;
    if (len > max_sample_text) return window(filler, 0, len < filler_size ? len : filler_size);
    const std::size_t at = pick % (256 - 8 - len);
    switch (style % 4) {
    case 0: return window(digits, at, len);
    case 1: return window(letters, at, len);
    case 2: return window(path_chars, at, len);
    default: {
        // Move the window until it neither starts nor ends inside é.
        auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
        std::size_t start = at;
        while (continuation(escaped_text[start]) ||
               (start + len < escaped_text.size() && continuation(escaped_text[start + len])))
            ++start;
        return window(escaped_text, start, len);
    }
    }
}

}  // namespace testing
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_TESTING_SAMPLE_VALUES_HPP
