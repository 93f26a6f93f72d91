// Compile cost: RapidJSON, decoding one message.
#include <rapidjson/document.h>

#include <string_view>

#include "peer_structs.hpp"

static void str(const rapidjson::Value& v, std::string& out) {
    if (v.IsString())
        out.assign(v.GetString(), v.GetStringLength());
    else
        out = std::to_string(v.GetUint64());
}

bool decode_one(std::string_view text, list_response& out) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject()) return false;
    for (const auto& kv : doc.GetObject()) {
        const std::string_view k(kv.name.GetString(), kv.name.GetStringLength());
        const auto& v = kv.value;
        if (k == "code")
            str(v, out.code);
        else if (k == "msg")
            str(v, out.msg);
        else if (k == "data") {
            out.data.resize(v.Size());
            std::size_t i = 0;
            for (const auto& e : v.GetArray()) {
                job& j = out.data[i++];
                for (const auto& m : e.GetObject()) {
                    const std::string_view jk(m.name.GetString(), m.name.GetStringLength());
                    const auto& jv = m.value;
                    if (jk == "taskId")
                        str(jv, j.taskId);
                    else if (jk == "taskType")
                        j.taskType = jv.GetInt();
                    else if (jk == "actionType")
                        j.actionType = jv.GetInt();
                    else if (jk == "status")
                        j.status = jv.GetInt();
                    else if (jk == "taskResultCode")
                        j.taskResultCode = jv.GetInt();
                    else if (jk == "resultCode")
                        j.resultCode = jv.GetInt();
                    else if (jk == "contentNum")
                        j.contentNum = jv.GetInt();
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
