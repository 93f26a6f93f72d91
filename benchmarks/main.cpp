// koodrive-ose benchmarks: cross-check every implementation, then time them all in one run.
//
//   decode/<message>/<impl>   decode_into a reused message (peers: the same, by hand)
//   encode/<message>/<impl>   encode_to a reused, cleared std::string
//
// Before anything is timed, every decoder must turn each sample into exactly the generated
// value (field by field, also when decoding into an already-filled message), and the output
// of every encoder must decode back to that value with every decoder. A mismatch aborts the
// run. After the runs, a summary prints ns per message and each peer's speed relative to
// this library (peer / ose: below 1 means the peer is slower).
#include "bench.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>

namespace bench {
namespace {

[[noreturn]] void mismatch(const std::string& what) {
    std::fprintf(stderr, "\n*** CROSS-CHECK FAILED: %s\n*** nothing was timed.\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

template <class T>
std::size_t check_message() {
    const sample<T>& s = get_sample<T>();
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
        const sample<T>& s = get_sample<T>();
        std::printf("  %-22s %8zu bytes  %s\n", s.slug.c_str(), s.json.size(), s.title.c_str());
        // For table.py: the row title and input size, in the JSON output's context.
        benchmark::AddCustomContext("sample/" + s.slug, s.title + "|" + std::to_string(s.json.size()));
        checks += check_message<T>();
    });
    std::string names;
    for (const auto& e : registry<ose::create_task_request>) names += " " + e.name;
    benchmark::AddCustomContext("implementations", names.substr(1));
    std::printf("cross-checks passed: %zu (implementations:%s)\n\n", checks, names.c_str());
    std::fflush(stdout);
}

void register_benchmarks() {
    for (const char* op : {"decode", "encode"}) {
        for_each_message([&]<class T>(T*) {
            const sample<T>& s = get_sample<T>();
            for (const auto& e : registry<T>) {
                auto* fn = op[0] == 'd' ? e.bench_decode : e.bench_encode;
                if (!fn) continue;
                benchmark::RegisterBenchmark((std::string(op) + "/" + s.slug + "/" + e.name).c_str(), fn)
                    ->Unit(benchmark::kNanosecond);
            }
        });
    }
}

// The console output, then a summary of ns per message and ratios to this library.
class summary_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs) {
            if (r.error_occurred) continue;
            const bool plain = r.run_type == Run::RT_Iteration;
            if (!plain && r.aggregate_name != "median") continue;
            // Benchmarks run in ns; with repetitions, the median wins over single runs. CPU
            // time, as for Google Benchmark's bytes_per_second: on a shared virtual machine
            // wall time also counts the time other guests take the CPU away.
            const std::string name = r.run_name.function_name;
            if (plain && results_.count(name)) continue;
            results_[name] = r.GetAdjustedCPUTime();
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        print_summary();
    }

private:
    void print_summary() {
        std::printf(
            "\nCPU ns per message; peer / ose = speed of the peer relative to this library (below 1: slower)\n");
        for (const char* op : {"decode", "encode"}) {
            for_each_message([&]<class T>(T*) {
                const sample<T>& s = get_sample<T>();
                const auto ours = results_.find(std::string(op) + "/" + s.slug + "/ose");
                if (ours == results_.end()) return;
                std::printf("  %s %-22s ose %10.0f ns", op, s.slug.c_str(), ours->second);
                for (const auto& e : registry<T>) {
                    if (e.name == "ose") continue;
                    const auto peer = results_.find(std::string(op) + "/" + s.slug + "/" + e.name);
                    if (peer == results_.end()) continue;
                    std::printf("  %s %.2fx", e.name.c_str(), ours->second / peer->second);
                }
                std::printf("\n");
            });
        }
        std::fflush(stdout);
    }
    std::map<std::string, double> results_;
};

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    bench::register_ose();
    bench::register_ose_view();
#ifdef KOODRIVE_BENCH_NLOHMANN
    bench::register_nlohmann();
#endif
#ifdef KOODRIVE_BENCH_BOOST_JSON
    bench::register_boost_json();
#endif
#ifdef KOODRIVE_BENCH_SIMDJSON
    bench::register_simdjson();
#endif
#ifdef KOODRIVE_BENCH_RAPIDJSON
    bench::register_rapidjson();
#endif

    bench::check_all();
    bench::register_benchmarks();
    bench::summary_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
