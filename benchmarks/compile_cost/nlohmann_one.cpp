// Compile cost: nlohmann/json, decoding one message (the list jobs response) by hand.
#include <nlohmann/json.hpp>

#include "peer_structs.hpp"

using nlohmann::json;

static void str(const json& v, std::string& out) {
    out = v.is_string() ? v.get<std::string>() : std::to_string(v.get<std::uint64_t>());
}

bool decode_one(std::string_view text, list_response& out) {
    json doc = json::parse(text, nullptr, false);
    if (!doc.is_object()) return false;
    for (auto& [k, v] : doc.items()) {
        if (k == "code")
            str(v, out.code);
        else if (k == "msg")
            str(v, out.msg);
        else if (k == "data") {
            out.data.resize(v.size());
            std::size_t i = 0;
            for (const auto& e : v) {
                job& j = out.data[i++];
                for (auto& [jk, jv] : e.items()) {
                    if (jk == "taskId")
                        str(jv, j.taskId);
                    else if (jk == "taskType")
                        j.taskType = jv.get<std::int32_t>();
                    else if (jk == "actionType")
                        j.actionType = jv.get<std::int32_t>();
                    else if (jk == "status")
                        j.status = jv.get<std::int32_t>();
                    else if (jk == "taskResultCode")
                        j.taskResultCode = jv.get<std::int32_t>();
                    else if (jk == "resultCode")
                        j.resultCode = jv.get<std::int32_t>();
                    else if (jk == "contentNum")
                        j.contentNum = jv.get<std::int32_t>();
                    else if (jk == "containerId")
                        str(jv, j.containerId);
                    else if (jk == "tenantId")
                        str(jv, j.tenantId);
                    else if (jk == "beginTime")
                        str(jv, j.beginTime);
                    else if (jk == "endTime")
                        str(jv, j.endTime);
                    else if (jk == "createTime")
                        str(jv, j.createTime);
                }
            }
        }
    }
    return true;
}
