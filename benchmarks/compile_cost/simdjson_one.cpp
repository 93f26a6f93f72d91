// Compile cost: simdjson On-Demand, decoding one message (exceptions on, for brevity).
#include <simdjson.h>

#include "peer_structs.hpp"

namespace od = simdjson::ondemand;

static void str(od::value v, std::string& out) {
    if (v.type() == od::json_type::string)
        out = std::string_view(v.get_string());
    else
        out = std::to_string(std::uint64_t(v.get_uint64()));
}

bool decode_one(const simdjson::padded_string& text, list_response& out) {
    static od::parser parser;
    od::document doc = parser.iterate(text);
    for (auto field : doc.get_object()) {
        const std::string_view k = field.unescaped_key();
        od::value v = field.value();
        if (k == "code")
            str(v, out.code);
        else if (k == "msg")
            str(v, out.msg);
        else if (k == "data") {
            out.data.clear();
            for (od::value e : v.get_array()) {
                job& j = out.data.emplace_back();
                for (auto m : e.get_object()) {
                    const std::string_view jk = m.unescaped_key();
                    od::value jv = m.value();
                    if (jk == "taskId")
                        str(jv, j.taskId);
                    else if (jk == "taskType")
                        j.taskType = int(std::int64_t(jv.get_int64()));
                    else if (jk == "actionType")
                        j.actionType = int(std::int64_t(jv.get_int64()));
                    else if (jk == "status")
                        j.status = int(std::int64_t(jv.get_int64()));
                    else if (jk == "taskResultCode")
                        j.taskResultCode = int(std::int64_t(jv.get_int64()));
                    else if (jk == "resultCode")
                        j.resultCode = int(std::int64_t(jv.get_int64()));
                    else if (jk == "contentNum")
                        j.contentNum = int(std::int64_t(jv.get_int64()));
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
