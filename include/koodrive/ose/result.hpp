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
    /// Assignment keeps the old state when copying or moving the new one throws (as
    /// std::expected does): the error moves without throwing, so it is the one set aside.
    result& operator=(const result& o) {
        if (this == &o) return *this;
        if (o.ok_)
            assign_value(o.value_);
        else
            assign_error(o.error_);
        return *this;
    }
    /// Moves the value or the error.
    result& operator=(result&& o) noexcept(
        std::is_nothrow_move_constructible_v<T>&& std::is_nothrow_move_assignable_v<T>) {
        if (this == &o) return *this;
        if (o.ok_)
            assign_value(std::move(o.value_));
        else
            assign_error(std::move(o.error_));
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

    /// f(value) -> `result<U>`, called only with a value; an error passes through.
    template <class F>
    auto and_then(F&& f) const& {
        using R = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
        return ok_ ? std::forward<F>(f)(value_) : R(error_);
    }
    /// The same, on an rvalue: the value is moved into f.
    template <class F>
    auto and_then(F&& f) && {
        using R = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
        return ok_ ? std::forward<F>(f)(std::move(value_)) : R(std::move(error_));
    }
    /// f(value) -> U, made `result<U>`; an error passes through.
    template <class F>
    auto transform(F&& f) const& {
        using U = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
        if (!ok_) return result<U>(error_);
        if constexpr (std::is_void_v<U>) {
            std::forward<F>(f)(value_);
            return result<U>();
        } else {
            return result<U>(std::forward<F>(f)(value_));
        }
    }
    /// The same, on an rvalue: the value is moved into f.
    template <class F>
    auto transform(F&& f) && {
        using U = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
        if (!ok_) return result<U>(std::move(error_));
        if constexpr (std::is_void_v<U>) {
            std::forward<F>(f)(std::move(value_));
            return result<U>();
        } else {
            return result<U>(std::forward<F>(f)(std::move(value_)));
        }
    }
    /// f(error) -> `result<T>`, called only with an error; a value passes through.
    template <class F>
    result or_else(F&& f) const& {
        return ok_ ? result(value_) : result(std::forward<F>(f)(error_));
    }
    /// The same, on an rvalue: the error is moved into f.
    template <class F>
    result or_else(F&& f) && {
        return ok_ ? result(std::move(value_)) : result(std::forward<F>(f)(std::move(error_)));
    }

private:
    static void check(bool cond, const char* what) noexcept {
        if (!cond) detail::contract_violation(what);
    }
    template <class V>
    void assign_value(V&& v) {
        if (ok_) {
            value_ = std::forward<V>(v);  // T's own guarantee
            return;
        }
        if constexpr (std::is_nothrow_constructible_v<T, V&&>) {
            error_.~error_type();
            ::new (&value_) T(std::forward<V>(v));
        } else {
            T fresh(std::forward<V>(v));  // may throw: nothing changed yet
            if constexpr (std::is_nothrow_move_constructible_v<T>) {
                error_.~error_type();
                ::new (&value_) T(std::move(fresh));
            } else {
                error_type saved(std::move(error_));
                error_.~error_type();
#if defined(__cpp_exceptions)
                try {
                    ::new (&value_) T(std::move(fresh));
                } catch (...) {
                    ::new (&error_) error_type(std::move(saved));
                    throw;
                }
#else
                ::new (&value_) T(std::move(fresh));
#endif
            }
        }
        ok_ = true;
    }
    template <class E>
    void assign_error(E&& e) {
        if (!ok_) {
            error_ = std::forward<E>(e);
            return;
        }
        error_type fresh(std::forward<E>(e));  // may throw (a copy allocates): nothing changed yet
        value_.~T();
        ::new (&error_) error_type(std::move(fresh));
        ok_ = false;
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

// A result that carries no value: success, or an error. The error is constructed only on
// failure, so a success costs a bool (validation returns many of these).
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
    /// Copies the value or the error.
    result(const result& o) : ok_(o.ok_) {
        if (!ok_) ::new (&error_) error_type(o.error_);
    }
    /// Moves the outcome.
    result(result&& o) noexcept : ok_(o.ok_) {
        if (!ok_) ::new (&error_) error_type(std::move(o.error_));
    }
    /// Assignment keeps the old state when copying or moving the new one throws (as
    /// std::expected does): the error moves without throwing, so it is the one set aside.
    result& operator=(const result& o) {
        if (this == &o) return *this;
        if (o.ok_) {
            destroy();
            ok_ = true;
        } else if (!ok_) {
            error_ = o.error_;
        } else {
            ::new (&error_) error_type(o.error_);  // may throw: still a success
            ok_ = false;
        }
        return *this;
    }
    /// Moves the outcome.
    result& operator=(result&& o) noexcept {
        if (this == &o) return *this;
        if (o.ok_) {
            destroy();
            ok_ = true;
        } else if (!ok_) {
            error_ = std::move(o.error_);
        } else {
            ::new (&error_) error_type(std::move(o.error_));
            ok_ = false;
        }
        return *this;
    }
    ~result() { destroy(); }

    /// Whether it holds a value.
    [[nodiscard]] bool has_value() const noexcept { return ok_; }
    /// Whether it holds a value.
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

    /// f() -> `result<U>`, called only on success; an error passes through.
    template <class F>
    auto and_then(F&& f) const {
        using R = std::remove_cvref_t<std::invoke_result_t<F>>;
        return ok_ ? std::forward<F>(f)() : R(error_);
    }
    /// f() -> U, made `result<U>`; an error passes through.
    template <class F>
    auto transform(F&& f) const {
        using U = std::remove_cvref_t<std::invoke_result_t<F>>;
        if (!ok_) return result<U>(error_);
        if constexpr (std::is_void_v<U>) {
            std::forward<F>(f)();
            return result<U>();
        } else {
            return result<U>(std::forward<F>(f)());
        }
    }
    /// f(error) -> `result<void>`, called only on failure.
    template <class F>
    result or_else(F&& f) const {
        return ok_ ? result() : result(std::forward<F>(f)(error_));
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
