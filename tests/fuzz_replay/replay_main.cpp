// Replays fuzz corpora without libFuzzer: every file under the given files and folders goes
// once through the target's LLVMFuzzerTestOneInput, in a fixed order, as libFuzzer would run
// it. Linked with a fuzz target's source, it runs under any compiler and the build's own
// sanitizers, so everything the fuzzers once found keeps being checked by ctest.
//
//   replay_fuzz_decode fuzz/corpus/fuzz_decode [more files or folders]
//
// A target reports a broken property by aborting (FUZZ_CHECK); the input it was running is
// printed first. An empty corpus is an error too: a replay of nothing proves nothing.
#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The input being replayed, for the signal handler: set before each call, never freed.
char current_input[4096] = "";

extern "C" void report_input(int sig) {
    const char prefix[] = "\nreplay: crashed on input ";
    (void)!write(STDERR_FILENO, prefix, sizeof prefix - 1);
    (void)!write(STDERR_FILENO, current_input, std::strlen(current_input));
    (void)!write(STDERR_FILENO, "\n", 1);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

bool collect(const fs::path& p, std::vector<fs::path>& files) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
        files.push_back(p);
        return true;
    }
    if (!fs::is_directory(p, ec)) {
        std::fprintf(stderr, "replay: %s is neither a file nor a folder\n", p.c_str());
        return false;
    }
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path());
    if (ec) std::fprintf(stderr, "replay: cannot read %s: %s\n", p.c_str(), ec.message().c_str());
    return !ec;
}

// A buffer of exactly the file's size, as libFuzzer hands over: a read past the end shows
// under ASan.
bool read_all(const fs::path& p, std::vector<std::uint8_t>& out) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) return false;
    out = std::vector<std::uint8_t>(static_cast<std::size_t>(size));
    std::ifstream in(p, std::ios::binary);
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size()));
    return static_cast<std::size_t>(in.gcount()) == out.size();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_FOLDER_OR_FILE...\n", argv[0]);
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i)
        if (!collect(argv[i], files)) return 1;
    if (files.empty()) {
        std::fprintf(stderr, "replay: no input found\n");
        return 1;
    }
    std::sort(files.begin(), files.end());
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, report_input);

    std::size_t total = 0;
    for (const auto& f : files) {
        const std::string name = f.string();
        std::snprintf(current_input, sizeof current_input, "%s", name.c_str());
        std::vector<std::uint8_t> bytes;
        if (!read_all(f, bytes)) {
            std::fprintf(stderr, "replay: cannot read %s\n", name.c_str());
            return 1;
        }
        const std::uint8_t none = 0;  // never a null pointer, as with libFuzzer
        LLVMFuzzerTestOneInput(bytes.empty() ? &none : bytes.data(), bytes.size());
        total += bytes.size();
    }
    std::printf("replayed %zu inputs, %zu bytes\n", files.size(), total);
    return 0;
}
