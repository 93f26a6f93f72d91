// koodrive-ose adapter: libcurl as the client's transport. Optional, outside the core and the
// single header; needs libcurl (Debian: libcurl4-openssl-dev; CMake: cmake/adapters.cmake).
//
//   ose::adapters::curl_options o;          // connect 10 s, total 30 s, TLS verified
//   o.ca_file = "/etc/ssl/private-ca.pem";  // optional: a CA bundle of your own
//   ose::client client(ose::adapters::curl_transport("https://drive.example.com", o), settings);
//
// A callable `result<http_response>(const http_request&)`. libcurl failures (no connection,
// timeout, TLS) become errors of kind transport_failure, which are retryable; their messages
// are libcurl's text for its code, without URL, header or body, so nothing secret.
//
// Threads: one libcurl easy handle per transport, reused so that its connection stays open
// between requests. A transport sends one request at a time: concurrent calls on one object
// wait for each other (a mutex), so sharing one is safe but serial. For parallel requests give
// each thread its own transport (and its own client). libcurl's global initialisation runs
// once, on first construction; no signal handler is installed (CURLOPT_NOSIGNAL).
#ifndef KOODRIVE_OSE_ADAPTERS_CURL_HPP
#define KOODRIVE_OSE_ADAPTERS_CURL_HPP

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "../client.hpp"
#include "../http.hpp"
#include "../result.hpp"

namespace koodrive::ose {
inline namespace v1 {
namespace adapters {

/// How curl_transport connects: timeouts, TLS verification, proxy, body limit.
struct curl_options {
    std::chrono::milliseconds connect_timeout{10000};  ///< TCP and TLS handshakes
    std::chrono::milliseconds total_timeout{30000};    ///< the whole exchange, connecting included
    /// TLS: the peer's certificate and host name are verified unless this is false (never in
    /// production). ca_file / ca_path: a PEM bundle / a hashed directory instead of libcurl's
    /// default store.
    bool verify_tls = true;
    std::string ca_file;  ///< a PEM bundle of CA certificates
    std::string ca_path;  ///< a hashed directory of CA certificates
    /// A proxy URL (e.g. "http://proxy.internal:3128"). Empty: no proxy at all, whatever
    /// http_proxy / https_proxy / ALL_PROXY in the environment say.
    std::string proxy;
    std::size_t max_body = std::size_t{16} << 20;  ///< a longer response is an error
};

/// A transport for koodrive::ose::client over libcurl: one reused easy handle, serialised (thread safe); failures are
/// retryable transport errors without URL, header or body.
class curl_transport {
public:
    /// `base_url`: scheme, host and port, without a trailing '/' (targets start with one).
    explicit curl_transport(std::string base_url, curl_options options = {})
            : state_(std::make_unique<state>(std::move(base_url), std::move(options))) {}

    /// Sends `request` to the base URL plus its target.
    result<http_response> operator()(const http_request& request) {
        std::lock_guard lock(state_->mutex);
        return state_->send(request);
    }

private:
    struct reply {
        http_response response;
        std::size_t max_body;
        bool too_large;
    };

    struct state {
        state(std::string url, curl_options o) : base_url(std::move(url)), options(std::move(o)) {
            static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;  // once, thread safe
            if (initialized) handle.reset(curl_easy_init());
        }

        result<http_response> send(const http_request& request) {
            CURL* h = handle.get();
            if (h == nullptr) return transport_error("curl: could not create a handle");
            curl_easy_reset(h);  // options only: open connections stay for reuse
            const std::string url = base_url + request.target;
            curl_slist* headers = nullptr;
            for (const auto& hd : request.headers)
                headers = curl_slist_append(headers, (hd.name + ": " + hd.value).c_str());
            headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
            const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                                          &curl_slist_free_all);

            reply out{{}, options.max_body, false};
            curl_easy_setopt(h, CURLOPT_URL, url.c_str());
            curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
            curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
            curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.connect_timeout));
            curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, milliseconds(options.total_timeout));
            curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
            curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
            if (!options.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_file.c_str());
            if (!options.ca_path.empty()) curl_easy_setopt(h, CURLOPT_CAPATH, options.ca_path.c_str());
            curl_easy_setopt(h, CURLOPT_PROXY, options.proxy.c_str());  // "": none, not even from the environment
            curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body));
            if (request.method == "GET") {
                curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
            } else {
                if (request.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
                curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
                curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            }
            curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
            curl_easy_setopt(h, CURLOPT_WRITEDATA, &out);
            curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
            curl_easy_setopt(h, CURLOPT_HEADERDATA, &out);

            const CURLcode rc = curl_easy_perform(h);
            if (out.too_large || rc == CURLE_FILESIZE_EXCEEDED)
                return transport_error("curl: response body larger than the limit");
            if (rc != CURLE_OK) {
                // Refused or not resolved: no byte of the request left, so a create may be resent.
                const bool not_sent = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                                      rc == CURLE_COULDNT_RESOLVE_PROXY;
                return transport_error(std::string("curl: ") + curl_easy_strerror(rc), not_sent);
            }
            long status = 0;
            curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
            out.response.status = static_cast<int>(status);
            return std::move(out.response);
        }

        static long milliseconds(std::chrono::milliseconds d) {
            return d.count() <= 0 ? 1L : static_cast<long>(d.count());  // 0 would mean "no timeout"
        }

        std::string base_url;
        curl_options options;
        std::mutex mutex;
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle{nullptr, &curl_easy_cleanup};
    };

    static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
        auto& r = *static_cast<reply*>(user);
        if (r.response.body.size() + size * n > r.max_body) {
            r.too_large = true;
            return 0;  // makes curl stop with an error
        }
        r.response.body.append(data, size * n);
        return size * n;
    }

    static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
        auto& r = *static_cast<reply*>(user);
        std::string_view line(data, size * n);
        if (line.starts_with("HTTP/")) r.response.headers.clear();  // a new response (after a 100)
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
                value.remove_suffix(1);
            r.response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
        }
        return size * n;
    }

    std::unique_ptr<state> state_;  ///< stable address for the handle; the transport stays movable
};

}  // namespace adapters
}  // namespace v1
}  // namespace koodrive::ose

#endif  // KOODRIVE_OSE_ADAPTERS_CURL_HPP
