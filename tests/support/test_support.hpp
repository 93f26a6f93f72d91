// koodrive-ose tests: what the test files share, written once.
//
// The reference's sample requests, a fixed environment (the reference's X-Date as the clock,
// the library's seeded source as the random source), and the ten message types, taken from
// the endpoint table: each request with the response `endpoint<Request>` names for it.
#pragma once

#include <koodrive/ose.hpp>
#include <koodrive/ose/testing/traffic.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace test_support {

namespace ose = koodrive::ose;

// ---- a fixed environment ----------------------------------------------------------------------

// 2025-11-03T07:01:40Z, the X-Date of the reference's examples.
inline constexpr std::int64_t reference_epoch = 1762153300;
inline const std::chrono::system_clock::time_point fixed_now{std::chrono::seconds{reference_epoch}};

// The same seed gives the same numbers: the generators' own seeded_source (SplitMix64), as a
// random_source for trace IDs.
inline ose::random_source seeded_random(std::uint64_t seed) {
    return [source = ose::testing::seeded_source(seed)]() mutable { return source.next(); };
}

// A clock stopped at `now` and a seeded random source: build_request becomes a pure function.
inline ose::environment fixed_env(std::uint64_t seed = 42, std::chrono::system_clock::time_point now = fixed_now) {
    ose::environment env;
    env.clock = [now] { return now; };
    env.random = seeded_random(seed);
    return env;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// ---- the reference's sample requests, one per endpoint (all valid) ----------------------------

inline ose::create_batch_task_request sample_batch_request() {
    ose::create_batch_task_request m;
    m.taskType = ose::batch_task_type::copy;
    m.actionType = ose::batch_action_type::copy_dump;
    m.dstContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    m.taskInfo.srcContainerId = "IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4";
    m.taskInfo.newFilePath = "Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA";
    m.taskInfo.fileInfo.push_back({"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3", std::nullopt});
    return m;
}

inline ose::list_batch_tasks_request sample_list_request() {
    return ose::list_batch_tasks_request{.offset = 0, .limit = 2, .type = {}, .status = {}};
}

inline ose::create_share_task_request sample_share_request() {
    ose::create_share_task_request m;
    m.taskType = ose::share_task_type::dump;
    m.containerId = "IAABh_RdhS8bOg0cA1684711052660690818";
    m.fileIds = {"Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"};
    m.shareId = "1689765568237837824";
    m.kdstoken = "aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c";
    m.targetFileId = ose::file_id_info{"FhTB_fxx3LRszaivDFX9NN5JRNLnS9Gob", "IAABh_RdhS8bOg0cA1684711052660690818"};
    return m;
}

inline ose::create_task_request sample_task_request() {
    ose::create_task_request m;
    m.taskType = ose::transfer_task_type::transfer_and_delete;
    m.srcUserId = "1397687227244555008";
    m.dstUserId = "1507947856550550784";
    return m;
}

inline ose::query_share_task_request sample_query_request() {
    return ose::query_share_task_request{"1689768877770401664", "1689765568237837824",
                                         std::string("aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c")};
}

// ---- the ten message types ------------------------------------------------------------------

// The requests of the endpoint table, then their responses, in the same order. For doctest:
//   TEST_CASE_TEMPLATE_DEFINE("name", T, id) { ... }
//   TEST_CASE_TEMPLATE_APPLY(id, test_support::message_types);
template <ose::endpoint_request... Requests>
struct endpoint_messages {
    using requests = std::tuple<Requests...>;
    using all = std::tuple<Requests..., ose::response_of<Requests>...>;
};

using endpoints =
    endpoint_messages<ose::create_batch_task_request, ose::list_batch_tasks_request, ose::create_share_task_request,
                      ose::create_task_request, ose::query_share_task_request>;
using request_types = endpoints::requests;
using message_types = endpoints::all;
static_assert(std::tuple_size_v<message_types> == 10);

// The `*_view` form of a message (std::string_view strings); a message without strings, such as
// list_batch_tasks_request, is its own view.
template <class T>
struct view_of {
    using type = T;
};
template <template <class> class Message>
struct view_of<Message<std::string>> {
    using type = Message<std::string_view>;
};

template <class Tuple>
struct views_of;
template <class... T>
struct views_of<std::tuple<T...>> {
    using type = std::tuple<typename view_of<T>::type...>;
};

using view_message_types = views_of<message_types>::type;
static_assert(std::is_same_v<std::tuple_element_t<0, view_message_types>, ose::create_batch_task_request_view>);
static_assert(std::is_same_v<std::tuple_element_t<1, view_message_types>, ose::list_batch_tasks_request>);

}  // namespace test_support
