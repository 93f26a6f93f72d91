// Compile cost: koodrive/ose.hpp, every request and response of the five endpoints encoded
// (validated) and decoded (requests validated too).
#include <koodrive/ose.hpp>

namespace ose = koodrive::ose;

#define KOODRIVE_ROUND_TRIP(T)                                             \
    bool round_trip_##T(const ose::T& m, std::string& out, ose::T& back) { \
        out.clear();                                                       \
        return ose::encode_to(m, out) && ose::decode_into(back, out);      \
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
