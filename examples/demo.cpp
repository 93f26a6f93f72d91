// koodrive-ose demo: a session with every endpoint.
//
//   koodrive_ose_demo                    against the in-process simulator: no network, no waiting
//   koodrive_ose_demo --serve PORT       serve the simulator on http://127.0.0.1:PORT, as
//                                        koodrive-ose-simulator does (cpp-httplib server adapter)
//   koodrive_ose_demo --base-url URL     list batch tasks on a real server through libcurl; with
//                                        --full, run the whole session there (it creates tasks)
//
// --base-url reads KOODRIVE_TOKEN and KOODRIVE_USER_ID, and optionally KOODRIVE_AGENT_NAME and
// KOODRIVE_HOST (default: the URL's host) from the environment. The token is printed as ***.
//
// Each HTTP exchange is printed in one line each way, with to_log_string: the Authorization
// header as ***, and request bodies only by their size (they may hold a password or kdstoken);
// the typed messages are printed instead, with their secrets as ***.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <variant>

#include "koodrive/ose.hpp"
#include "koodrive/ose/client.hpp"
#include "koodrive/ose/log_format.hpp"
#include "koodrive/ose/testing/simulator.hpp"

#if defined(KOODRIVE_OSE_HAVE_CURL)
#include "koodrive/ose/adapters/curl.hpp"
#endif
#if defined(KOODRIVE_OSE_HAVE_HTTPLIB)
#include "simulator_app.hpp"  // tools/simulator/: what koodrive-ose-simulator runs
#endif

namespace ose = koodrive::ose;
namespace sim = koodrive::ose::testing;
using namespace std::chrono_literals;

namespace {

// ---- printing ----------------------------------------------------------------------------

bool quiet_exchanges = false;  // while polling, the progress bar speaks instead

void print_exchange(const ose::http_request& request, const ose::http_response* response, const ose::error* failure) {
    if (quiet_exchanges) return;
    std::printf("   -> %s\n", ose::to_log_string(request).c_str());
    if (response) std::printf("   <- %s\n", ose::to_log_string(*response).c_str());
    if (failure) std::printf("   <- %s\n", failure->to_string().c_str());
}

// A transport that prints each exchange, around any other transport.
template <class Inner>
struct printing_transport {
    Inner inner;
    ose::result<ose::http_response> operator()(const ose::http_request& request) {
        ose::result<ose::http_response> reply = [&]() -> ose::result<ose::http_response> {
            if constexpr (ose::fallible_transport<Inner>)
                return inner(request);
            else
                return ose::http_response(inner(request));
        }();
        if (reply)
            print_exchange(request, &*reply, nullptr);
        else
            print_exchange(request, nullptr, &reply.error());
        return reply;
    }
};

template <class T>
bool show(const ose::result<T>& r) {
    if (r)
        std::printf("   = %s\n\n", ose::to_log_string(*r).c_str());
    else
        std::printf("   ! %s\n\n", r.error().to_string().c_str());
    return static_cast<bool>(r);
}

std::string bar(int percent) {
    constexpr int width = 30;
    const int filled = percent * width / 100;
    std::string s = "[";
    for (int i = 0; i < width; ++i) s.push_back(i < filled ? '#' : '.');
    s += "] ";
    s += std::to_string(percent);
    s += '%';
    return s;
}

// Batch jobs have no progress figure: a bar that moves while processing.
std::string activity_bar(ose::job_status status, int tick) {
    constexpr int width = 30;
    std::string s = "[";
    for (int i = 0; i < width; ++i) {
        const int from_marker = ((i - tick * 3) % width + width) % width;
        if (status == ose::job_status::completed)
            s.push_back('#');
        else if (status == ose::job_status::processing && from_marker < 4)
            s.push_back('=');
        else
            s.push_back('.');
    }
    s.push_back(']');
    return s;
}

// ---- the session -------------------------------------------------------------------------

ose::create_batch_task_request sample_copy() {
    ose::create_batch_task_request copy;
    copy.taskType = ose::batch_task_type::copy;
    copy.actionType = ose::batch_action_type::copy_dump;
    copy.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    copy.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3", std::nullopt});
    copy.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu4", std::nullopt});
    return copy;
}

ose::create_share_task_request sample_dump() {
    ose::create_share_task_request dump;
    dump.taskType = ose::share_task_type::dump;
    dump.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    dump.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"};
    dump.shareId = "1689765568237837824";
    dump.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";  // a secret: printed as ***
    dump.targetFileId = ose::file_id_info{"root", "IAABh_RdhS8bOg0cA1684711052660690818"};
    return dump;
}

// Every endpoint, in the order a real integration would use them. `sleep` is how the polls
// wait: real time against a server, simulated time against the in-process simulator.
// `hiccup` (optional) makes the service fail once, to show a retry.
template <class Client>
bool run_session(Client& client, std::function<void(std::chrono::milliseconds)> sleep,
                 std::function<void()> hiccup = {}) {
    bool ok = true;
    // Polls and retries wait through the client's sleeper.
    client.options().sleep = [sleep = std::move(sleep)](std::chrono::milliseconds d, const std::stop_token&) {
        sleep(d);
    };

    std::puts("1. create a batch copy");
    const auto copy = sample_copy();
    std::printf("   %s\n", ose::to_log_string(copy).c_str());
    auto created = client.create_batch_task(copy);
    ok = show(created) && ok;

    std::puts("2. list batch tasks (first page of 10)");
    if (hiccup) {
        hiccup();
        auto first = client.list_batch_tasks({.offset = 0, .limit = 10, .type = {}, .status = {}});
        if (!first && first.error().retryable())
            std::printf("   ! %s\n   retryable: sending again\n", first.error().to_string().c_str());
    }
    auto page = client.list_batch_tasks({.offset = 0, .limit = 10, .type = {}, .status = {}});
    ok = show(page) && ok;

    ose::poll_options poll;
    poll.interval = 1s;
    poll.max_attempts = 120;

    if (created) {
        std::puts("3. follow the copy until it is done (each poll lists the jobs; exchanges not shown)");
        int tick = 0;
        quiet_exchanges = true;
        auto done = client.wait_for_batch_task(created->data, poll, [&](const ose::batch_job_info& j) {
            std::printf("   %s %-10s (poll %d)\n", activity_bar(j.status, tick).c_str(),
                        std::string(ose::enum_name(j.status)).c_str(), tick + 1);
            ++tick;
        });
        quiet_exchanges = false;
        ok = show(done) && ok;
    }

    std::puts("4. create a share dump");
    const auto dump = sample_dump();
    std::printf("   %s\n", ose::to_log_string(dump).c_str());
    auto share = client.create_share_task(dump);
    ok = show(share) && ok;

    if (share) {
        const ose::query_share_task_request query{share->taskId, dump.shareId, dump.kdstoken};
        std::puts("5. query the share task, then wait for it (exchanges not shown while waiting)");
        ok = show(client.query_share_task(query)) && ok;
        quiet_exchanges = true;
        auto detail = client.wait_for_share_task(query, poll, [](const ose::share_job_info& j) {
            std::printf("   %s %s\n", bar(j.progress).c_str(), std::string(ose::enum_name(j.taskStatus)).c_str());
        });
        quiet_exchanges = false;
        ok = show(detail) && ok;
    }

    std::puts("6. create a transfer task");
    ose::create_task_request transfer;
    transfer.taskType = ose::transfer_task_type::transfer_and_delete;
    transfer.srcUserId = "1397687227244555008";
    transfer.dstUserId = "1507947856550550784";
    std::printf("   %s\n", ose::to_log_string(transfer).c_str());
    ok = show(client.create_task(transfer)) && ok;

    std::puts("7. a request that breaks a rule never leaves the process");
    auto wrong = dump;
    wrong.zipName = "all.zip";  // zipName belongs to package downloads, not dumps
    auto refused = client.create_share_task(wrong);
    (void)show(refused);
    return ok && !refused;
}

ose::settings demo_settings() {
    ose::settings s;
    s.auth = ose::access_token{"10f88d07fa5a544791e9ff"};  // printed as *** everywhere
    s.user_id = "1684711050387378049";
    s.agent_name = "demo-carrier";
    s.host = "drive.example.com";
    return s;
}

// ---- modes -------------------------------------------------------------------------------

int run_in_process() {
    std::puts("koodrive-ose demo: a session against the in-process simulator (no network; simulated time)\n");
    sim::simulator_options o;
    o.access_token = std::get<ose::access_token>(demo_settings().auth).token;
    o.user_id = demo_settings().user_id;
    o.batch = {.pending = 2s, .processing = 10s};
    o.share = {.pending = 1s, .processing = 4s};
    sim::simulator simulator(o);

    ose::environment env;
    env.clock = simulator.clock();  // X-Date from the simulator's time, which the polls advance
    ose::client client(printing_transport<std::reference_wrapper<sim::simulator>>{std::ref(simulator)}, demo_settings(),
                       env);
    const bool ok = run_session(
        client, [&](std::chrono::milliseconds d) { simulator.advance(d); },
        [&] {
            simulator.inject({.kind = sim::fault_kind::unavailable,
                              .only = sim::operation::list_batch_tasks,
                              .times = 1,
                              .every = 1,
                              .delay = {}});
        });
    const auto st = simulator.stats();
    std::printf("simulator: %zu requests, %zu answered 200, %zu faults injected; the session %s\n", st.requests,
                st.succeeded, st.faults, ok ? "went as expected" : "had failures");
    return ok ? 0 : 1;
}

int serve(const char* port_text, const char* program) {
#if defined(KOODRIVE_OSE_HAVE_HTTPLIB)
    char* end = nullptr;
    const long port = std::strtol(port_text, &end, 10);
    if (end == port_text || *end != '\0' || port < 0 || port > 65535) {
        std::fprintf(stderr, "--serve: expected a port number (0-65535), 0 for one the OS chooses\n");
        return 2;
    }
    // What `koodrive-ose-simulator --port PORT` runs, with the demo's timings.
    koodrive_ose_simulator::config c;
    c.port = static_cast<int>(port);
    const char* token = std::getenv("KOODRIVE_TOKEN");
    if (token != nullptr) c.simulator.access_token = token;  // else any Bearer token
    c.simulator.batch = {.pending = 1s, .processing = 5s};
    c.simulator.share = {.pending = 1s, .processing = 4s};
    return koodrive_ose_simulator::run(std::move(c), [&](const std::string& host, int bound) {
        std::printf("listening on http://%s:%d\n", host.c_str(), bound);
        std::printf(
            "serving the KooDrive OSE simulator (%s; access log below, one JSON line per exchange); "
            "Ctrl-C to stop\n",
            token != nullptr ? "the token from KOODRIVE_TOKEN" : "any Bearer token");
        std::printf(
            "try: KOODRIVE_TOKEN=%s KOODRIVE_USER_ID=%s KOODRIVE_AGENT_NAME=%s %s --base-url http://%s:%d --full\n",
            token != nullptr ? "..." : "demo-token", demo_settings().user_id.c_str(),
            demo_settings().agent_name.c_str(), program, host.c_str(), bound);
    });
#else
    (void)port_text;
    (void)program;
    std::fprintf(stderr,
                 "--serve needs cpp-httplib, which was not found when this demo was built "
                 "(apt-get install libcpp-httplib-dev pkg-config, then configure again)\n");
    return 2;
#endif
}

int talk_to(const char* base_url, bool full) {
#if defined(KOODRIVE_OSE_HAVE_CURL)
    const char* token = std::getenv("KOODRIVE_TOKEN");
    const char* user = std::getenv("KOODRIVE_USER_ID");
    if (!token || !*token || !user || !*user) {
        std::fprintf(stderr, "--base-url needs KOODRIVE_TOKEN and KOODRIVE_USER_ID in the environment\n");
        return 2;
    }
    ose::settings s;
    s.auth = ose::access_token{token};
    s.user_id = user;
    if (const char* agent = std::getenv("KOODRIVE_AGENT_NAME")) s.agent_name = agent;
    if (const char* host = std::getenv("KOODRIVE_HOST")) s.host = host;
    std::string_view url = base_url;
    if (s.host.empty()) {  // the URL's authority
        const auto scheme = url.find("://");
        std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
        s.host = std::string(rest.substr(0, rest.find('/')));
    }
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    std::printf("koodrive-ose demo: talking to %.*s through libcurl\n\n", static_cast<int>(url.size()), url.data());
    ose::client client(
        printing_transport<ose::adapters::curl_transport>{ose::adapters::curl_transport(std::string(url))}, s);
    if (!full) {
        std::puts("list batch tasks (first page of 10; add --full to run the whole session, which creates tasks)");
        return show(client.list_batch_tasks({.offset = 0, .limit = 10, .type = {}, .status = {}})) ? 0 : 1;
    }
    return run_session(client, [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }) ? 0 : 1;
#else
    (void)base_url;
    (void)full;
    std::fprintf(stderr,
                 "--base-url needs libcurl, which was not found when this demo was built "
                 "(apt-get install libcurl4-openssl-dev, then configure again)\n");
    return 2;
#endif
}

int usage(int code) {
    std::fprintf(code == 0 ? stdout : stderr,
                 "usage: koodrive_ose_demo                  a session against the in-process simulator\n"
                 "       koodrive_ose_demo --serve PORT     serve the simulator on http://127.0.0.1:PORT%s\n"
                 "       koodrive_ose_demo --base-url URL [--full]\n"
                 "                                          talk to a server through libcurl%s; reads KOODRIVE_TOKEN,\n"
                 "                                          KOODRIVE_USER_ID, KOODRIVE_AGENT_NAME, KOODRIVE_HOST\n",
#if defined(KOODRIVE_OSE_HAVE_HTTPLIB)
                 "",
#else
                 " (not built: no cpp-httplib)",
#endif
#if defined(KOODRIVE_OSE_HAVE_CURL)
                 ""
#else
                 " (not built: no libcurl)"
#endif
    );
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 1) return run_in_process();
    const std::string_view mode = argv[1];
    if (mode == "--help" || mode == "-h") return usage(0);
    if (mode == "--serve" && argc == 3) return serve(argv[2], argv[0]);
    if (mode == "--base-url" && (argc == 3 || (argc == 4 && std::strcmp(argv[3], "--full") == 0)))
        return talk_to(argv[2], argc == 4);
    return usage(2);
}
