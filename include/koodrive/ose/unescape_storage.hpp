// koodrive-ose: where view mode (decode_view) keeps the strings that had escapes. An arena of
// blocks that never move, so every view into it stays valid until it is cleared or destroyed;
// it allocates nothing until a string with an escape needs room (most bodies have none), so a
// fresh storage per decode costs nothing.
#ifndef KOODRIVE_OSE_UNESCAPE_STORAGE_HPP
#define KOODRIVE_OSE_UNESCAPE_STORAGE_HPP

#include <cstddef>
#include <string_view>
#include <vector>

namespace koodrive::ose {
inline namespace v1 {

/// The strings view mode had to unescape: pass one to decode_view(); the `std::string_view`s of
/// the decoded message that had escapes point into it.
class unescape_storage {
public:
    /// Empty; allocates nothing.
    unescape_storage() noexcept = default;
    unescape_storage(const unescape_storage&) = delete;
    unescape_storage& operator=(const unescape_storage&) = delete;
    /// Moving keeps every view valid: the blocks themselves do not move.
    unescape_storage(unescape_storage&& other) noexcept
            : blocks_(static_cast<std::vector<block>&&>(other.blocks_)),
              next_(other.next_),
              left_(other.left_),
              count_(other.count_) {
        other.forget();
    }
    /// Drops what this one held (its views dangle), then takes `other`'s blocks, views kept valid.
    unescape_storage& operator=(unescape_storage&& other) noexcept {
        if (this != &other) {
            release();
            blocks_ = static_cast<std::vector<block>&&>(other.blocks_);
            next_ = other.next_;
            left_ = other.left_;
            count_ = other.count_;
            other.forget();
        }
        return *this;
    }
    /// Frees every block (the views into them dangle).
    ~unescape_storage() { release(); }

    /// How many strings it holds.
    [[nodiscard]] std::size_t size() const noexcept { return count_; }
    /// Whether it holds no string.
    [[nodiscard]] bool empty() const noexcept { return count_ == 0; }

    /// Drops every string (views into them dangle from here on); the largest block is kept, so a
    /// storage cleared between decodes stops allocating once it has grown.
    void clear() noexcept {
        if (blocks_.empty()) return;
        for (std::size_t i = 0; i + 1 < blocks_.size(); ++i) delete[] blocks_[i].data;
        blocks_.front() = blocks_.back();
        blocks_.resize(1);
        next_ = blocks_.front().data;
        left_ = blocks_.front().size;
        count_ = 0;
    }

    /// Room for a string of at most `n` bytes, to be written from the pointer returned, then
    /// ended by `commit` with its length (at most n). For the reader.
    char* reserve_string(std::size_t n) {
        if (n > left_) add_block(n);
        return next_;
    }
    /// Ends the string begun by the last reserve_string: its `length` bytes, as a view.
    std::string_view commit(std::size_t length) noexcept {
        const std::string_view s(next_, length);
        next_ += length;
        left_ -= length;
        ++count_;
        return s;
    }

private:
    struct block {
        char* data;
        std::size_t size;
    };
    static constexpr std::size_t first_block = 1024;

    void add_block(std::size_t n) {
        std::size_t size = blocks_.empty() ? first_block : 2 * blocks_.back().size;
        if (size < n) size = n;
        blocks_.reserve(blocks_.size() + 1);  // before new[]: nothing leaks if this throws
        blocks_.push_back(block{new char[size], size});
        next_ = blocks_.back().data;
        left_ = size;
    }
    void release() noexcept {
        for (const block& b : blocks_) delete[] b.data;
        forget();
    }
    void forget() noexcept {
        blocks_.clear();
        next_ = nullptr;
        left_ = 0;
        count_ = 0;
    }

    std::vector<block> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t count_ = 0;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_UNESCAPE_STORAGE_HPP
