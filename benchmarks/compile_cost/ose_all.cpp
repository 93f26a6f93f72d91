// Compile cost: koodrive/ose.hpp, all five endpoints: every request and response encoded
// (validated) and decoded (requests validated too), every request built into an HTTP request
// and every response read from an HTTP response. Also compiled with -DKOODRIVE_OSE_COMPILED
// (the compiled mode: the same calls, declared only).
#include <koodrive/ose.hpp>

namespace ose = koodrive::ose;

#define KOODRIVE_ROUND_TRIP(T)                                             \
    bool round_trip_##T(const ose::T& m, std::string& out, ose::T& back) { \
        out.clear();                                                       \
        return ose::encode_to(m, out) && ose::decode_into(back, out);      \
    }

#define KOODRIVE_EXCHANGE(T)                                                          \
    bool exchange_##T(const ose::T& m, const ose::settings& s, ose::environment& env, \
                      const ose::http_response& reply) {                              \
        return ose::build_request(m, s, env) && ose::read_response<ose::T>(reply);    \
    }

KOODRIVE_ROUND_TRIP(create_batch_task_request)
KOODRIVE_ROUND_TRIP(create_batch_task_response)
KOODRIVE_ROUND_TRIP(list_batch_tasks_request)
KOODRIVE_ROUND_TRIP(list_batch_tasks_response)
KOODRIVE_ROUND_TRIP(create_share_task_request)
KOODRIVE_ROUND_TRIP(create_share_task_response)
KOODRIVE_ROUND_TRIP(create_task_request)
KOODRIVE_ROUND_TRIP(create_task_response)
KOODRIVE_ROUND_TRIP(query_share_task_request)
KOODRIVE_ROUND_TRIP(query_share_task_response)

KOODRIVE_EXCHANGE(create_batch_task_request)
KOODRIVE_EXCHANGE(list_batch_tasks_request)
KOODRIVE_EXCHANGE(create_share_task_request)
KOODRIVE_EXCHANGE(create_task_request)
KOODRIVE_EXCHANGE(query_share_task_request)
