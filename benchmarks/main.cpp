// koodrive-ose benchmarks: cross-check every implementation, then time them all in one run.
//
//   decode_fresh/<message>/<impl>    decode into a new message, destroyed after each decode
//   decode_reused/<message>/<impl>   decode into one message kept across decodes (ours:
//                                    decode_into; peers: assign into its strings, refill arrays)
//   encode/<message>/<impl>          encode into a reused, cleared std::string
//
// `ose_view` is this library's view mode (decode_view), in both decode modes.
// Before anything is timed, every decoder must turn each sample into exactly the generated
// value (field by field, also when decoding into an already-filled message), and the output
// of every encoder must decode back to that value with every decoder. A mismatch aborts the
// run. After the runs, a summary prints, per mode, ns per message (fastest repetition) and the
// fastest peer's time divided by ours (above 1: we lead); benchmarks/table.py makes the tables.
#include "bench.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define KOODRIVE_BENCH_TOGGLE_COLLECT CALLGRIND_TOGGLE_COLLECT
#else
#define KOODRIVE_BENCH_TOGGLE_COLLECT (void)0
#endif

namespace bench {
namespace {

[[noreturn]] void mismatch(const std::string& what) {
    std::fprintf(stderr, "\n*** CROSS-CHECK FAILED: %s\n*** nothing was timed.\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

template <class T>
std::size_t check_sample(const sample<T>& s) {
    const auto& impls = registry<T>;
    std::size_t checks = 0;
    std::string where;
    // 1. Every decoder reads the sample as the generated value, into a fresh message and into
    //    one that already holds it (the reused message of the timed loop).
    for (const auto& d : impls) {
        T fresh{};
        if (!d.decode(s.json, fresh)) mismatch(d.name + " cannot decode " + s.slug);
        if (!same(fresh, s.value, where)) mismatch(d.name + " decodes " + s.slug + " differently at $" + where);
        if (!d.decode(s.json, fresh)) mismatch(d.name + " cannot decode " + s.slug + " a second time");
        if (!same(fresh, s.value, where))
            mismatch(d.name + " decodes " + s.slug + " differently into a reused message at $" + where);
        checks += 2;
    }
    // 2. What every encoder writes decodes back to the value with every decoder.
    for (const auto& e : impls) {
        if (!e.encode) continue;
        std::string out;
        if (!e.encode(s.value, out)) mismatch(e.name + " cannot encode " + s.slug);
        const std::string text = padded(out);
        for (const auto& d : impls) {
            T back{};
            if (!d.decode(text, back))
                mismatch(d.name + " cannot decode what " + e.name + " wrote for " + s.slug + ": " + out.substr(0, 200));
            if (!same(back, s.value, where))
                mismatch(d.name + " reads what " + e.name + " wrote for " + s.slug + " differently at $" + where);
            ++checks;
        }
    }
    return checks;
}

void check_all() {
    std::size_t checks = 0;
    std::printf("samples:\n");
    for_each_message([&]<class T>(T*) {
        for (const sample<T>& s : samples_of<T>()) {
            std::printf("  %-22s %8zu bytes  %s\n", s.slug.c_str(), s.json.size(), s.title.c_str());
            // For table.py: the row title and input size, in the JSON output's context.
            benchmark::AddCustomContext("sample/" + s.slug, s.title + "|" + std::to_string(s.json.size()));
            checks += check_sample<T>(s);
        }
    });
    std::string names;
    for (const auto& e : registry<ose::create_task_request>) names += " " + e.name;
    benchmark::AddCustomContext("implementations", names.substr(1));
    std::printf("cross-checks passed: %zu (implementations:%s)\n\n", checks, names.c_str());
    std::fflush(stdout);
}

constexpr const char* modes[] = {"decode_fresh", "decode_reused", "encode"};

void register_benchmarks() {
    for (const std::string op : modes) {
        for_each_message([&]<class T>(T*) {
            for (const sample<T>& s : samples_of<T>()) {
                for (const auto& e : registry<T>) {
                    auto* fn = op == "decode_fresh"    ? e.bench_decode_fresh
                               : op == "decode_reused" ? e.bench_decode_reused
                                                       : e.bench_encode;
                    if (!fn) continue;
                    benchmark::RegisterBenchmark((op + "/" + s.slug + "/" + e.name).c_str(), fn, std::cref(s))
                        ->Unit(benchmark::kNanosecond);
                }
            }
        });
    }
}

bool ours(const std::string& impl) { return impl == "ose" || impl == "ose_view"; }

// The console output, then per mode the fastest repetition of each benchmark and how the
// fastest peer compares with ours.
class summary_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs) {
            if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
            // CPU time, as for Google Benchmark's bytes_per_second: on a shared virtual
            // machine wall time also counts the time other guests take the CPU away.
            const std::string name = r.run_name.function_name;
            const double t = r.GetAdjustedCPUTime();
            const auto it = fastest_.find(name);
            if (it == fastest_.end() || t < it->second) fastest_[name] = t;
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        print_summary();
    }

private:
    void print_summary() {
        std::printf("\nCPU ns per message, fastest repetition; lead = fastest peer's time / ours (above 1: we lead)\n");
        for (const std::string op : modes) {
            for_each_message([&]<class T>(T*) {
                for (const sample<T>& s : samples_of<T>()) print_row<T>(op, s);
            });
        }
        std::fflush(stdout);
    }
    template <class T>
    void print_row(const std::string& op, const sample<T>& s) {
        const std::string prefix = op + "/" + s.slug + "/";
        std::string peer;
        double best = 0;
        for (const auto& e : registry<T>) {
            const auto it = fastest_.find(prefix + e.name);
            if (ours(e.name) || it == fastest_.end()) continue;
            if (peer.empty() || it->second < best) {
                peer = e.name;
                best = it->second;
            }
        }
        if (fastest_.find(prefix + "ose") == fastest_.end()) return;
        std::printf("  %-13s %-22s", op.c_str(), s.slug.c_str());
        for (const char* mine : {"ose", "ose_view"}) {
            const auto it = fastest_.find(prefix + mine);
            if (it == fastest_.end()) continue;
            std::printf("  %s %9.0f ns", mine, it->second);
            if (!peer.empty()) std::printf(" (lead %.2fx)", best / it->second);
        }
        if (!peer.empty()) std::printf("  fastest peer %s %.0f ns", peer.c_str(), best);
        std::printf("\n");
    }
    std::map<std::string, double> fastest_;
};

}  // namespace
}  // namespace bench

namespace {
// --loop=MODE/SAMPLE/IMPL/N: no timing, no cross-check; runs N operations of one benchmark
// (for benchmarks/count.sh, which counts their instructions under callgrind). Instructions are
// collected only around the loop when the valgrind headers are there.
int count_loop(const std::string& spec) {
    const auto a = spec.find('/'), b = spec.find('/', a + 1), c = spec.find('/', b + 1);
    if (c == std::string::npos) return 2;
    const std::string op = spec.substr(0, a), slug = spec.substr(a + 1, b - a - 1),
                      impl = spec.substr(b + 1, c - b - 1);
    const auto n = static_cast<std::size_t>(std::stoull(spec.substr(c + 1)));
    const int mode = op == "decode_fresh"    ? bench::loop_fresh
                     : op == "decode_reused" ? bench::loop_reused
                                             : bench::loop_encode;
    int rc = 3;
    bench::for_each_message([&]<class T>(T*) {
        for (const auto& s : bench::samples_of<T>()) {
            if (s.slug != slug) continue;
            for (const auto& e : bench::registry<T>)
                if (e.name == impl && e.loop) {
                    e.loop(mode, 1, s);  // warm: samples built, buffers grown
                    KOODRIVE_BENCH_TOGGLE_COLLECT;
                    rc = e.loop(mode, n, s) ? 0 : 1;
                    KOODRIVE_BENCH_TOGGLE_COLLECT;
                }
        }
    });
    return rc;
}
}  // namespace

int main(int argc, char** argv) {
    std::string loop;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--loop=", 7) == 0) loop = argv[i] + 7;
    }
    if (!loop.empty()) {
        auto& all = bench::registrations();
        for (const auto& r : all) r.add();
        return count_loop(loop);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    auto& all = bench::registrations();
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.rank < b.rank; });
    for (const auto& r : all) r.add();

    bench::check_all();
    bench::register_benchmarks();
    bench::summary_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
