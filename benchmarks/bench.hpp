// koodrive-ose benchmarks: what every implementation shares.
//
// The ten messages (in table order), their generated samples, the equality used by the
// cross-checks, and the benchmark bodies. Each implementation lives in its own translation
// unit (impl_*.cpp) as a class with
//
//     bool decode(std::string_view json, T& out);        // for every message type T
//     bool encode(const T& message, std::string& out);   // appends; only if Impl::encodes
//
// and registers itself with add_impl<Impl>(name), which instantiates the timed loops in that
// translation unit, so every call in a loop is direct and can be inlined. A translation unit
// announces its registration function with a static `registrar`, so a harness outside the
// repository can link more peers into the same binary without editing main.cpp.
//
// Decoding is timed in two modes, side by side:
//   fresh    a new message per decode, constructed and destroyed each time (what a caller
//            that keeps nothing does; every string and array allocates)
//   reused   one message kept across decodes (strings are assigned into, arrays cleared and
//            refilled, so their capacity is reused)
//
// Every JSON text handed to decode() is followed by at least 64 readable bytes (simdjson's
// padding requirement); see padded().
#pragma once

#include <benchmark/benchmark.h>

#include <koodrive/ose/codec.hpp>
#include <koodrive/ose/messages/batch_tasks.hpp>
#include <koodrive/ose/messages/share_tasks.hpp>
#include <koodrive/ose/messages/transfer_tasks.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace bench {

namespace ose = koodrive::ose;

// ---- the messages ------------------------------------------------------------------------------

template <class... T>
struct type_list {};

// Table order: the four of issue 5 first, then the other six.
using all_messages =
    type_list<ose::list_batch_tasks_response, ose::query_share_task_response, ose::create_batch_task_request,
              ose::create_share_task_request, ose::create_batch_task_response, ose::list_batch_tasks_request,
              ose::create_share_task_response, ose::create_task_request, ose::create_task_response,
              ose::query_share_task_request>;

template <class F, class... T>
void for_each_message(type_list<T...>, F&& f) {
    (f(static_cast<T*>(nullptr)), ...);
}
template <class F>
void for_each_message(F&& f) {
    for_each_message(all_messages{}, std::forward<F>(f));
}

// A generated message: its value, and the JSON a server or client would send for it.
template <class T>
struct sample {
    std::string slug;   // benchmark name part, e.g. "list_jobs_100"
    std::string title;  // table row, e.g. "list jobs, 100 entries"
    T value;
    std::string json;  // followed by >= 64 readable bytes (capacity), see padded()
};

// A message's samples (one or more sizes), defined in generator.cpp; built once,
// deterministic (fixed seed).
template <class T>
const std::vector<sample<T>>& samples_of();

inline constexpr std::size_t padding = 64;

// A copy of s whose buffer has `padding` readable bytes (spaces) after its end.
inline std::string padded(std::string_view s) {
    std::string out;
    out.reserve(s.size() + padding);
    out.assign(s);
    out.append(padding, ' ');
    out.resize(s.size());
    return out;
}

// ---- equality, field by field, naming the first difference ------------------------------------

template <class V>
bool same(const V& a, const V& b, std::string& where);

template <class V>
bool same(const V& a, const V& b, std::string& where) {
    if constexpr (ose::described<V>) {
        bool eq = true;
        ose::for_each_field<V>([&](const auto& f) {
            if (!same(f.get(a), f.get(b), where)) {
                where.insert(0, "." + std::string(f.name));
                eq = false;
            }
            return eq;
        });
        return eq;
    } else if constexpr (ose::is_optional<V>::value) {
        if (a.has_value() != b.has_value()) {
            where = a.has_value() ? " (present / absent)" : " (absent / present)";
            return false;
        }
        return !a.has_value() || same(*a, *b, where);
    } else if constexpr (ose::is_vector<V>::value) {
        if (a.size() != b.size()) {
            where = " (size " + std::to_string(a.size()) + " / " + std::to_string(b.size()) + ")";
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same(a[i], b[i], where)) {
                where.insert(0, "[" + std::to_string(i) + "]");
                return false;
            }
        }
        return true;
    } else if constexpr (std::is_enum_v<V>) {
        if (a == b) return true;
        where =
            " (" + std::to_string(static_cast<long long>(a)) + " / " + std::to_string(static_cast<long long>(b)) + ")";
        return false;
    } else if constexpr (std::is_integral_v<V>) {
        if (a == b) return true;
        where = " (" + std::to_string(a) + " / " + std::to_string(b) + ")";
        return false;
    } else {
        if (a == b) return true;
        where = " (\"" + std::string(a).substr(0, 80) + "\" / \"" + std::string(b).substr(0, 80) + "\")";
        return false;
    }
}

// ---- the registry of implementations ---------------------------------------------------------

template <class T>
struct impl_entry {
    std::string name;
    std::function<bool(std::string_view, T&)> decode;    // for the cross-checks
    std::function<bool(const T&, std::string&)> encode;  // empty when the impl cannot
    void (*bench_decode_fresh)(benchmark::State&, const sample<T>&) = nullptr;
    void (*bench_decode_reused)(benchmark::State&, const sample<T>&) = nullptr;
    void (*bench_encode)(benchmark::State&, const sample<T>&) = nullptr;
    bool (*loop)(int mode, std::size_t n, const sample<T>&) = nullptr;  // untimed, for instruction counts
};

template <class T>
inline std::vector<impl_entry<T>> registry{};

// ---- the timed loops -------------------------------------------------------------------------

inline void count_bytes(benchmark::State& state, std::size_t bytes) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
    state.counters["bytes"] = static_cast<double>(bytes);
}

template <class Impl, class T>
void bench_decode_fresh(benchmark::State& state, const sample<T>& s) {
    const std::string_view json = s.json;
    Impl impl;  // a library's reusable parser state (simdjson's parser) is kept, as documented
    for (auto _ : state) {
        T out{};
        const bool ok = impl.decode(json, out);
        benchmark::DoNotOptimize(ok);
        T* p = &out;
        benchmark::DoNotOptimize(p);
        benchmark::ClobberMemory();
    }
    count_bytes(state, json.size());
}

template <class Impl, class T>
void bench_decode_reused(benchmark::State& state, const sample<T>& s) {
    const std::string_view json = s.json;
    Impl impl;
    T out{};
    if (!impl.decode(json, out)) {  // also grows `out` once, as a reused message would be
        state.SkipWithError("decode failed");
        return;
    }
    for (auto _ : state) {
        const bool ok = impl.decode(json, out);
        benchmark::DoNotOptimize(ok);
        T* p = &out;
        benchmark::DoNotOptimize(p);
        benchmark::ClobberMemory();
    }
    count_bytes(state, json.size());
}

template <class Impl, class T>
void bench_encode(benchmark::State& state, const sample<T>& s) {
    Impl impl;
    std::string out;
    if (!impl.encode(s.value, out)) {  // grows the buffer once
        state.SkipWithError("encode failed");
        return;
    }
    const std::size_t bytes = out.size();
    for (auto _ : state) {
        out.clear();
        const bool ok = impl.encode(s.value, out);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    count_bytes(state, bytes);
}

// The timed loops without the timer, for instruction counts (benchmarks/count.sh runs them
// under callgrind): n operations in one mode (0 fresh, 1 reused, 2 encode); false if one fails.
enum loop_mode { loop_fresh = 0, loop_reused = 1, loop_encode = 2 };

template <class Impl, class T>
bool run_loop(int mode, std::size_t n, const sample<T>& s) {
    const std::string_view json = s.json;
    Impl impl;
    bool ok = true;
    if (mode == loop_fresh) {
        for (std::size_t i = 0; i < n; ++i) {
            T out{};
            ok = impl.decode(json, out) && ok;
            T* p = &out;
            benchmark::DoNotOptimize(p);
            benchmark::ClobberMemory();
        }
    } else if (mode == loop_reused) {
        T out{};
        ok = impl.decode(json, out);
        for (std::size_t i = 0; i < n; ++i) {
            ok = impl.decode(json, out) && ok;
            T* p = &out;
            benchmark::DoNotOptimize(p);
            benchmark::ClobberMemory();
        }
    } else if constexpr (Impl::encodes) {
        std::string out;
        ok = impl.encode(s.value, out);
        for (std::size_t i = 0; i < n; ++i) {
            out.clear();
            ok = impl.encode(s.value, out) && ok;
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
        }
    } else {
        return false;
    }
    return ok;
}

// Adds Impl to the registry of every message.
template <class Impl>
void add_impl(const std::string& name) {
    for_each_message([&]<class T>(T*) {
        impl_entry<T> e;
        e.name = name;
        e.decode = [](std::string_view json, T& out) {
            Impl impl;
            return impl.decode(json, out);
        };
        e.bench_decode_fresh = &bench_decode_fresh<Impl, T>;
        e.bench_decode_reused = &bench_decode_reused<Impl, T>;
        e.loop = &run_loop<Impl, T>;
        if constexpr (Impl::encodes) {
            e.encode = [](const T& m, std::string& out) {
                Impl impl;
                return impl.encode(m, out);
            };
            e.bench_encode = &bench_encode<Impl, T>;
        }
        registry<T>.push_back(std::move(e));
    });
}

// Registration functions, called by main in the order of their rank (ours first).
struct registration {
    int rank;
    void (*add)();
};
inline std::vector<registration>& registrations() {
    static std::vector<registration> all;
    return all;
}
struct registrar {
    registrar(int rank, void (*add)()) { registrations().push_back({rank, add}); }
};

}  // namespace bench
