// koodrive-ose benchmarks: this library's view mode. Strings are std::string_view into the
// input (escaped ones go to an unescape storage); every rule is still checked. The timed loop
// decodes only; the cross-check copies the views into the owning message to compare it.
#include <type_traits>

#include "bench.hpp"

namespace bench {
namespace {

// The view twin of a message: basic_X<std::string> -> basic_X<std::string_view>.
template <class T>
struct view_of {
    using type = T;  // messages without strings (the list query) are their own view
};
template <template <class> class Basic>
struct view_of<Basic<std::string>> {
    using type = Basic<std::string_view>;
};

// Copies a view value into its owning twin, field by field, through the descriptions.
template <class Owned, class View>
void materialize(Owned& out, const View& in) {
    if constexpr (std::is_same_v<Owned, std::string>) {
        out.assign(in);
    } else if constexpr (ose::is_optional<Owned>::value) {
        if (in)
            materialize(out.emplace(), *in);
        else
            out.reset();
    } else if constexpr (ose::is_vector<Owned>::value) {
        out.resize(in.size());
        for (std::size_t i = 0; i < in.size(); ++i) materialize(out[i], in[i]);
    } else if constexpr (ose::described<Owned>) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (materialize(ose::field_at<Owned, I>.get(out), ose::field_at<View, I>.get(in)), ...);
        }
        (std::make_index_sequence<ose::field_count<Owned>>{});
    } else {
        out = in;
    }
}

// Fresh: a new view message and storage per decode. Reused: both kept (storage cleared).
template <class T, bool Reuse>
void bench_decode_view(benchmark::State& state, const sample<T>& s) {
    using V = typename view_of<T>::type;
    const std::string_view json = s.json;
    V kept{};
    ose::unescape_storage kept_storage;
    if (!ose::decode_view(kept, json, kept_storage)) {
        state.SkipWithError("decode failed");
        return;
    }
    for (auto _ : state) {
        bool ok = false;
        if constexpr (Reuse) {
            kept_storage.clear();
            ok = static_cast<bool>(ose::decode_view(kept, json, kept_storage));
            V* p = &kept;
            benchmark::DoNotOptimize(p);
        } else {
            V out{};
            ose::unescape_storage storage;
            ok = static_cast<bool>(ose::decode_view(out, json, storage));
            V* p = &out;
            benchmark::DoNotOptimize(p);
        }
        benchmark::DoNotOptimize(ok);
        benchmark::ClobberMemory();
    }
    count_bytes(state, json.size());
}

template <class T>
bool loop_view(int mode, std::size_t n, const sample<T>& s) {
    using V = typename view_of<T>::type;
    const std::string_view json = s.json;
    bool ok = true;
    V kept{};
    ose::unescape_storage kept_storage;
    for (std::size_t i = 0; i < n && mode != loop_encode; ++i) {
        if (mode == loop_reused) {
            kept_storage.clear();
            ok = static_cast<bool>(ose::decode_view(kept, json, kept_storage)) && ok;
            V* p = &kept;
            benchmark::DoNotOptimize(p);
        } else {
            V out{};
            ose::unescape_storage storage;
            ok = static_cast<bool>(ose::decode_view(out, json, storage)) && ok;
            V* p = &out;
            benchmark::DoNotOptimize(p);
        }
        benchmark::ClobberMemory();
    }
    return ok && mode != loop_encode;
}

void register_ose_view() {
    for_each_message([&]<class T>(T*) {
        impl_entry<T> e;
        e.name = "ose_view";
        e.decode = [](std::string_view json, T& out) {
            typename view_of<T>::type view{};
            ose::unescape_storage storage;
            if (!ose::decode_view(view, json, storage)) return false;
            materialize(out, view);
            return true;
        };
        e.bench_decode_fresh = &bench_decode_view<T, false>;
        e.bench_decode_reused = &bench_decode_view<T, true>;
        e.loop = &loop_view<T>;
        registry<T>.push_back(std::move(e));
    });
}

const registrar added{1, &register_ose_view};

}  // namespace

}  // namespace bench
