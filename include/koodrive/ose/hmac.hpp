// koodrive-ose: HMAC-SHA256 (RFC 2104, with SHA-256 as in RFC 4231), for signed requests.
//
//   HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))
//
// where K0 is the key padded with zeros to the 64-byte block, or, for a key longer than the
// block, its SHA-256 digest padded likewise; ipad is 0x36 and opad 0x5c repeated. The context
// keeps only the two hash states after the padded key blocks, never the key itself.
//
//   ose::sha256_digest mac = ose::hmac_sha256(secret, message);
//   std::string hex = ose::hmac_sha256_hex(secret, message);
#ifndef KOODRIVE_OSE_HMAC_HPP
#define KOODRIVE_OSE_HMAC_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "sha256.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// Incremental HMAC-SHA256 under one key: update() any number of times, then finish(), which
/// returns the MAC and starts a new message under the same key.
class hmac_sha256_context {
    /// Defined before its callers (see sha256_context::absorb).
    template <class Byte>
    constexpr void init(const Byte* key, std::size_t n) noexcept {
        std::array<std::uint8_t, sha256_context::block_size> k0{};
        if (n > sha256_context::block_size) {
            sha256_digest d{};
            if constexpr (std::is_same_v<Byte, char>)
                d = sha256(std::string_view(key, n));
            else
                d = sha256(std::span<const std::uint8_t>(key, n));
            for (std::size_t i = 0; i < d.size(); ++i) k0[i] = d[i];
        } else {
            for (std::size_t i = 0; i < n; ++i) k0[i] = static_cast<std::uint8_t>(key[i]);
        }
        std::array<std::uint8_t, sha256_context::block_size> pad{};
        for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x36u);
        inner_keyed_.update(pad);
        for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x5cu);
        outer_keyed_.update(pad);
        inner_ = inner_keyed_;
        // Best effort: the padded key does not outlive the constructor.
        k0 = {};
        pad = {};
    }

public:
    /// Starts a MAC keyed with `key` (any length; longer than a block, it is hashed first).
    constexpr explicit hmac_sha256_context(std::string_view key) noexcept { init(key.data(), key.size()); }
    /// Starts a MAC keyed with the bytes of `key`.
    constexpr explicit hmac_sha256_context(std::span<const std::uint8_t> key) noexcept { init(key.data(), key.size()); }

    /// Adds `data` to the message.
    constexpr hmac_sha256_context& update(std::string_view data) noexcept {
        inner_.update(data);
        return *this;
    }
    /// Adds the bytes of `data` to the message.
    constexpr hmac_sha256_context& update(std::span<const std::uint8_t> data) noexcept {
        inner_.update(data);
        return *this;
    }

    /// The MAC of everything added so far.
    [[nodiscard]] constexpr sha256_digest finish() noexcept {
        const sha256_digest inner_digest = inner_.finish();
        sha256_context outer = outer_keyed_;
        outer.update(inner_digest);
        inner_ = inner_keyed_;
        return outer.finish();
    }

private:
    sha256_context inner_keyed_;  ///< after (K0 ^ ipad)
    sha256_context outer_keyed_;  ///< after (K0 ^ opad)
    sha256_context inner_;        ///< the message so far
};

/// HMAC-SHA256 (RFC 2104) of `message` keyed with `key`.
[[nodiscard]] constexpr sha256_digest hmac_sha256(std::string_view key, std::string_view message) noexcept {
    hmac_sha256_context c(key);
    c.update(message);
    return c.finish();
}
/// HMAC-SHA256 (RFC 2104) of the bytes of `message` keyed with the bytes of `key`.
[[nodiscard]] constexpr sha256_digest hmac_sha256(std::span<const std::uint8_t> key,
                                                  std::span<const std::uint8_t> message) noexcept {
    hmac_sha256_context c(key);
    c.update(message);
    return c.finish();
}

/// Lowercase hex HMAC-SHA256: 64 characters.
[[nodiscard]] inline std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    return to_hex(hmac_sha256(key, message));
}

/// Compares two strings in time that depends on their lengths only, not on where they first
/// differ; for checking a MAC or signature someone else sent.
[[nodiscard]] constexpr bool equal_constant_time(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return diff == 0;
}

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_HMAC_HPP
