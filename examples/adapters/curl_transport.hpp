// koodrive-ose adapter: libcurl as the client's transport (not part of the core library).
//
//   koodrive::ose::examples::curl_transport http("https://drive.example.com");
//   koodrive::ose::client client(std::move(http), settings);
//
// A callable `result<http_response>(const http_request&)`: libcurl failures (no connection,
// timeout, TLS) become errors of kind transport_failure, which are retryable. One CURL easy
// handle per object, reused, so connections are kept alive between requests; an object is
// not thread safe (make one per thread). Error messages are libcurl's text for its code: no
// URL, header or body, so nothing secret.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "koodrive/ose/client.hpp"
#include "koodrive/ose/http.hpp"
#include "koodrive/ose/result.hpp"

namespace koodrive::ose::examples {

class curl_transport {
public:
    // `base_url`: scheme, host and port, without a trailing '/' (targets start with one).
    explicit curl_transport(std::string base_url, std::chrono::milliseconds timeout = std::chrono::seconds(30),
                            std::size_t max_body = std::size_t{16} << 20)
            : base_url_(std::move(base_url)), timeout_(timeout), max_body_(max_body) {
        static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;  // once, thread safe
        if (initialized) handle_.reset(curl_easy_init());
    }

    result<http_response> operator()(const http_request& request) {
        CURL* h = handle_.get();
        if (h == nullptr) return transport_error("curl: could not create a handle");
        curl_easy_reset(h);  // options only: open connections stay for reuse
        const std::string url = base_url_ + request.target;
        curl_slist* headers = nullptr;
        for (const auto& hd : request.headers)
            headers = curl_slist_append(headers, (hd.name + ": " + hd.value).c_str());
        headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
        const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers, &curl_slist_free_all);

        reply state{{}, max_body_, false};
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
        if (request.method == "GET") {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        } else {
            if (request.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        }
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &state);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &state);

        const CURLcode rc = curl_easy_perform(h);
        if (state.too_large) return transport_error("curl: response body larger than the limit");
        if (rc != CURLE_OK) return transport_error(std::string("curl: ") + curl_easy_strerror(rc));
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        state.response.status = static_cast<int>(status);
        return std::move(state.response);
    }

private:
    struct reply {
        http_response response;
        std::size_t max_body;
        bool too_large;
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

    std::string base_url_;
    std::chrono::milliseconds timeout_;
    std::size_t max_body_;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle_{nullptr, &curl_easy_cleanup};
};

}  // namespace koodrive::ose::examples
