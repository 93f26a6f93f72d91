// koodrive-ose: `result<T>`, a value or an `error`, in the spirit of std::expected (C++23).
//
// The library reports every failure through this type; it never throws, so it works with
// -fno-exceptions. Reading the value of a failed result (or the error of a good one) is a
// precondition violation and stops the program with a message rather than invoking UB.
#ifndef KOODRIVE_OSE_RESULT_HPP
#define KOODRIVE_OSE_RESULT_HPP

#include <cstdio>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

#include "error.hpp"

namespace koodrive::ose {
inline namespace v1 {

namespace detail {
[[noreturn]] inline void contract_violation(const char* what) noexcept {
    std::fputs("koodrive-ose: ", stderr);
    std::fputs(what, stderr);
    std::fputc('\n', stderr);
    std::abort();
}
}  // namespace detail

/// A `T` or an error: what every fallible function of the library returns (nothing throws).
template <class T>
class [[nodiscard]] result {
    static_assert(!std::is_reference_v<T>, "result<T&> is not supported");

public:
    /// The type of the value.
    using value_type = T;
    /// The type of the error.
    using error_type = ose::error;

    result() requires std::is_default_constructible_v<T> : ok_(true) { ::new (&value_) T(); }
    /// A result holding `v`.
    result(const T& v) : ok_(true) { ::new (&value_) T(v); }  // NOLINT: implicit by design
    /// A result holding `v`, moved in.
    result(T&& v) : ok_(true) { ::new (&value_) T(std::move(v)); }  // NOLINT
    /// A failed result holding `e`.
    result(const error_type& e) : ok_(false) { ::new (&error_) error_type(e); }  // NOLINT
    /// A failed result holding `e`, moved in.
    result(error_type&& e) : ok_(false) { ::new (&error_) error_type(std::move(e)); }  // NOLINT

    /// Copies the value or the error.
    result(const result& o) : ok_(o.ok_) {
        if (ok_)
            ::new (&value_) T(o.value_);
        else
            ::new (&error_) error_type(o.error_);
    }
    /// Moves the value or the error.
    result(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(o.ok_) {
        if (ok_)
            ::new (&value_) T(std::move(o.value_));
        else
            ::new (&error_) error_type(std::move(o.error_));
    }
    /// Copies the value or the error.
    result& operator=(const result& o) {
        if (this != &o) {
            destroy();
            ok_ = o.ok_;
            if (ok_)
                ::new (&value_) T(o.value_);
            else
                ::new (&error_) error_type(o.error_);
        }
        return *this;
    }
    /// Moves the value or the error.
    result& operator=(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) {
        if (this != &o) {
            destroy();
            ok_ = o.ok_;
            if (ok_)
                ::new (&value_) T(std::move(o.value_));
            else
                ::new (&error_) error_type(std::move(o.error_));
        }
        return *this;
    }
    ~result() { destroy(); }

    /// Whether it holds a value.
    [[nodiscard]] bool has_value() const noexcept { return ok_; }
    /// Whether it holds a value.
    explicit operator bool() const noexcept { return ok_; }

    /// The value; only when has_value().
    [[nodiscard]] T& value() & {
        check(ok_, "value() of a failed result");
        return value_;
    }
    /// The value; only when has_value().
    [[nodiscard]] const T& value() const& {
        check(ok_, "value() of a failed result");
        return value_;
    }
    /// The value, moved out; only when has_value().
    [[nodiscard]] T&& value() && {
        check(ok_, "value() of a failed result");
        return std::move(value_);
    }
    /// The error; only when not has_value().
    [[nodiscard]] const error_type& error() const& {
        check(!ok_, "error() of a good result");
        return error_;
    }
    /// The error, moved out; only when not has_value().
    [[nodiscard]] error_type&& error() && {
        check(!ok_, "error() of a good result");
        return std::move(error_);
    }

    /// The value; only when has_value().
    T& operator*() & { return value(); }
    /// The value; only when has_value().
    const T& operator*() const& { return value(); }
    /// The value, moved out; only when has_value().
    T&& operator*() && { return std::move(*this).value(); }
    /// The value's members; only when has_value().
    T* operator->() { return &value(); }
    /// The value's members; only when has_value().
    const T* operator->() const { return &value(); }

    /// The value, or `fallback` when it holds an error.
    template <class U>
    [[nodiscard]] T value_or(U&& fallback) const& {
        return ok_ ? value_ : static_cast<T>(std::forward<U>(fallback));
    }

private:
    static void check(bool cond, const char* what) noexcept {
        if (!cond) detail::contract_violation(what);
    }
    void destroy() noexcept {
        if (ok_)
            value_.~T();
        else
            error_.~error_type();
    }

    union {
        T value_;
        error_type error_;
    };
    bool ok_;
};

/// A result that carries no value: success, or an error. The error is constructed only on
/// failure, so a success costs a bool (validation returns many of these).
template <>
class [[nodiscard]] result<void> {
public:
    /// No value.
    using value_type = void;
    /// The type of the error.
    using error_type = ose::error;
    result() noexcept : ok_(true) {}
    /// A failed result holding `e`.
    result(const error_type& e) : ok_(false) { ::new (&error_) error_type(e); }  // NOLINT
    /// A failed result holding `e`, moved in.
    result(error_type&& e) : ok_(false) { ::new (&error_) error_type(std::move(e)); }  // NOLINT
    /// Copies the outcome.
    result(const result& o) : ok_(o.ok_) {
        if (!ok_) ::new (&error_) error_type(o.error_);
    }
    /// Moves the outcome.
    result(result&& o) noexcept : ok_(o.ok_) {
        if (!ok_) ::new (&error_) error_type(std::move(o.error_));
    }
    /// Copies the outcome.
    result& operator=(const result& o) {
        if (this != &o) {
            destroy();
            ok_ = o.ok_;
            if (!ok_) ::new (&error_) error_type(o.error_);
        }
        return *this;
    }
    /// Moves the outcome.
    result& operator=(result&& o) noexcept {
        if (this != &o) {
            destroy();
            ok_ = o.ok_;
            if (!ok_) ::new (&error_) error_type(std::move(o.error_));
        }
        return *this;
    }
    ~result() { destroy(); }

    /// Whether it succeeded.
    [[nodiscard]] bool has_value() const noexcept { return ok_; }
    /// Whether it succeeded.
    explicit operator bool() const noexcept { return ok_; }
    /// Nothing; only when has_value().
    void value() const noexcept {
        if (!ok_) detail::contract_violation("value() of a failed result");
    }
    /// The error; only when not has_value().
    [[nodiscard]] const error_type& error() const& noexcept {
        if (ok_) detail::contract_violation("error() of a good result");
        return error_;
    }
    /// The error, moved out; only when not has_value().
    [[nodiscard]] error_type&& error() && noexcept {
        if (ok_) detail::contract_violation("error() of a good result");
        return std::move(error_);
    }

private:
    void destroy() noexcept {
        if (!ok_) error_.~error_type();
    }
    union {
        error_type error_;
    };
    bool ok_;
};

}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_RESULT_HPP
