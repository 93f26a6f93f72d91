// Compile cost: koodrive/ose.hpp, decoding one message (the list jobs response).
#include <koodrive/ose.hpp>

bool decode_one(std::string_view json, koodrive::ose::list_batch_tasks_response& out) {
    return static_cast<bool>(koodrive::ose::decode_into(out, json));
}
