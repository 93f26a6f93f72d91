// Compile cost: Boost.JSON (linked library, not header-only mode), decoding one message.
#include <boost/json.hpp>

#include "peer_structs.hpp"

namespace bj = boost::json;

static void str(const bj::value& v, std::string& out) {
    if (auto s = v.if_string())
        out.assign(s->data(), s->size());
    else
        out = std::to_string(v.to_number<std::uint64_t>());
}

bool decode_one(std::string_view text, list_response& out) {
    boost::system::error_code ec;
    bj::value doc = bj::parse(bj::string_view(text.data(), text.size()), ec);
    if (ec || !doc.is_object()) return false;
    for (const auto& kv : doc.get_object()) {
        const std::string_view k(kv.key().data(), kv.key().size());
        const bj::value& v = kv.value();
        if (k == "code")
            str(v, out.code);
        else if (k == "msg")
            str(v, out.msg);
        else if (k == "data") {
            const auto& a = v.as_array();
            out.data.resize(a.size());
            std::size_t i = 0;
            for (const auto& e : a) {
                job& j = out.data[i++];
                for (const auto& m : e.as_object()) {
                    const std::string_view jk(m.key().data(), m.key().size());
                    const bj::value& jv = m.value();
                    if (jk == "taskId")
                        str(jv, j.taskId);
                    else if (jk == "taskType")
                        j.taskType = jv.to_number<std::int32_t>();
                    else if (jk == "actionType")
                        j.actionType = jv.to_number<std::int32_t>();
                    else if (jk == "status")
                        j.status = jv.to_number<std::int32_t>();
                    else if (jk == "taskResultCode")
                        j.taskResultCode = jv.to_number<std::int32_t>();
                    else if (jk == "resultCode")
                        j.resultCode = jv.to_number<std::int32_t>();
                    else if (jk == "contentNum")
                        j.contentNum = jv.to_number<std::int32_t>();
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
