// koodrive-ose: SHA-256 (FIPS 180-4), for signed requests.
//
// Written from the standard: section 4.1.2 (functions), 4.2.2 (constants), 5.1.1 (padding),
// 5.3.3 (initial hash value) and 6.2 (computation). No allocation, no exception; usable in
// constant expressions. Not hardened against side channels beyond what SHA-256 needs (it has
// no secret-dependent branches or table look-ups).
//
//   ose::sha256_digest d = ose::sha256("abc");        // one shot
//   ose::sha256_context c; c.update("ab"); c.update("c"); d = c.finish();   // incremental
//   std::string hex = ose::to_hex(d);                  // lowercase, 64 characters
#ifndef KOODRIVE_OSE_SHA256_HPP
#define KOODRIVE_OSE_SHA256_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "version.hpp"

namespace koodrive::ose {
inline namespace v1 {

/// A SHA-256 digest: 32 bytes.
using sha256_digest = std::array<std::uint8_t, 32>;

namespace detail {

/// FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
/// 64 primes (generated from that definition, not copied).
inline constexpr std::array<std::uint32_t, 64> sha256_k = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/// FIPS 180-4 5.3.3: the first 32 bits of the fractional parts of the square roots of the
/// first 8 primes.
inline constexpr std::array<std::uint32_t, 8> sha256_h0 = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

constexpr std::uint32_t rotr32(std::uint32_t x, unsigned n) noexcept { return (x >> n) | (x << (32u - n)); }

/// One 64-byte block into the state (FIPS 180-4 6.2.2). Byte is char or an unsigned byte type,
/// so that text and bytes are hashed without a cast that constant evaluation would refuse.
template <class Byte>
constexpr void sha256_compress(std::array<std::uint32_t, 8>& h, const Byte* block) noexcept {
    std::array<std::uint32_t, 64> w{};
    for (std::size_t t = 0; t < 16; ++t) {
        w[t] = (std::uint32_t{static_cast<std::uint8_t>(block[4 * t])} << 24) |
               (std::uint32_t{static_cast<std::uint8_t>(block[4 * t + 1])} << 16) |
               (std::uint32_t{static_cast<std::uint8_t>(block[4 * t + 2])} << 8) |
               std::uint32_t{static_cast<std::uint8_t>(block[4 * t + 3])};
    }
    for (std::size_t t = 16; t < 64; ++t) {
        const std::uint32_t s0 = rotr32(w[t - 15], 7) ^ rotr32(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const std::uint32_t s1 = rotr32(w[t - 2], 17) ^ rotr32(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (std::size_t t = 0; t < 64; ++t) {
        const std::uint32_t big_s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
        const std::uint32_t ch = (e & f) ^ (~e & g);
        const std::uint32_t t1 = k + big_s1 + ch + sha256_k[t] + w[t];
        const std::uint32_t big_s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
        const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = big_s0 + maj;
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
}

}  // namespace detail

/// Incremental SHA-256: update() any number of times, then finish(), which returns the digest
/// and starts over, so a context can hash one message after another.
class sha256_context {
    /// Defined before its callers: Clang 14 cannot constant-evaluate a member template
    /// defined later in the class.
    template <class Byte>
    constexpr void absorb(const Byte* p, std::size_t n) noexcept {
        length_ += n;
        std::size_t i = 0;
        if (buffered_ != 0) {
            while (i < n && buffered_ < block_size) buffer_[buffered_++] = static_cast<std::uint8_t>(p[i++]);
            if (buffered_ < block_size) return;
            detail::sha256_compress(h_, buffer_.data());
            buffered_ = 0;
        }
        for (; n - i >= block_size; i += block_size) detail::sha256_compress(h_, p + i);
        while (i < n) buffer_[buffered_++] = static_cast<std::uint8_t>(p[i++]);
    }

public:
    /// Bytes per block.
    static constexpr std::size_t block_size = 64;
    /// Bytes per digest.
    static constexpr std::size_t digest_size = 32;

    constexpr sha256_context() noexcept = default;

    /// Adds `data` to the message.
    constexpr sha256_context& update(std::string_view data) noexcept {
        absorb(data.data(), data.size());
        return *this;
    }
    /// Adds the bytes of `data` to the message.
    constexpr sha256_context& update(std::span<const std::uint8_t> data) noexcept {
        absorb(data.data(), data.size());
        return *this;
    }

    /// FIPS 180-4 5.1.1: a 1 bit, zeros up to 448 bits mod 512, then the length in bits as a
    /// 64-bit big-endian number. Messages of 2^61 bytes or more are outside the standard.
    [[nodiscard]] constexpr sha256_digest finish() noexcept {
        const std::uint64_t bits = length_ * 8u;
        std::array<std::uint8_t, block_size + 8> pad{};
        pad[0] = 0x80;
        const std::size_t zeros_end = buffered_ < 56 ? 56 - buffered_ : 120 - buffered_;
        for (std::size_t i = 0; i < 8; ++i) pad[zeros_end + i] = static_cast<std::uint8_t>(bits >> (56u - 8u * i));
        absorb(pad.data(), zeros_end + 8);
        sha256_digest out{};
        for (std::size_t i = 0; i < 8; ++i) {
            out[4 * i] = static_cast<std::uint8_t>(h_[i] >> 24);
            out[4 * i + 1] = static_cast<std::uint8_t>(h_[i] >> 16);
            out[4 * i + 2] = static_cast<std::uint8_t>(h_[i] >> 8);
            out[4 * i + 3] = static_cast<std::uint8_t>(h_[i]);
        }
        reset();
        return out;
    }

    /// Starts over, with an empty message.
    constexpr void reset() noexcept {
        h_ = detail::sha256_h0;
        buffer_ = {};
        buffered_ = 0;
        length_ = 0;
    }

private:
    std::array<std::uint32_t, 8> h_ = detail::sha256_h0;
    std::array<std::uint8_t, block_size> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  ///< bytes so far
};

/// One shot.
[[nodiscard]] constexpr sha256_digest sha256(std::string_view data) noexcept {
    sha256_context c;
    c.update(data);
    return c.finish();
}
/// SHA-256 (FIPS 180-4) of the bytes of `data`.
[[nodiscard]] constexpr sha256_digest sha256(std::span<const std::uint8_t> data) noexcept {
    sha256_context c;
    c.update(data);
    return c.finish();
}

/// Lowercase hex, two characters a byte.
[[nodiscard]] inline std::string to_hex(std::span<const std::uint8_t> bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0Fu]);
    }
    return out;
}

/// Lowercase hex SHA-256 of `data`: 64 characters.
[[nodiscard]] inline std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_SHA256_HPP
