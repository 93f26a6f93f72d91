// The forms of the headers fit together: fwd.hpp before and after the definitions, the single
// header beside the modular headers and the optional testing/ ones (each part keeps its
// include guard, so the second sight of a header is a no-op, in either order).
#include <koodrive/ose/fwd.hpp>
// clang-format off
#include "../single_include/koodrive_ose.hpp"
// clang-format on
#include <doctest/doctest.h>
#include <koodrive/ose/codec.hpp>
#include <koodrive/ose/fwd.hpp>
#include <koodrive/ose/messages/batch_tasks.hpp>
#include <koodrive/ose/testing/simulator.hpp>

#include <string>
#include <type_traits>

namespace ose = koodrive::ose;

static_assert(std::is_same_v<ose::create_batch_task_response, ose::v1::basic_create_batch_task_response<std::string>>);
static_assert(KOODRIVE_OSE_VERSION_MAJOR == 1, "the inline namespace v1 is named after the major version");

TEST_CASE("the single header with testing/simulator.hpp and the modular headers: one program") {
    ose::testing::simulator sim{ose::testing::simulator_options{}};
    ose::http_request r;
    r.method = "GET";
    r.target = "/koodrive/ose/v1/jobs?offset=0&limit=1";
    const ose::http_response reply = sim(r);
    CHECK(reply.status >= 400);  // no credentials: refused, but served by the simulator

    const ose::create_batch_task_response m{"0", "success", {}};
    auto json = ose::encode(m);
    REQUIRE(json);
    auto back = ose::decode<ose::create_batch_task_response>(*json);
    REQUIRE(back);
    CHECK(back->code == "0");
}
