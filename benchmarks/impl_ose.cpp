// koodrive-ose benchmarks: this library, through its public API only. Decoding checks every
// rule (requests are validated after decoding, as a server would); encoding checks every rule as it writes.
#include "bench.hpp"

namespace bench {
namespace {

struct ose_impl {
    static constexpr bool encodes = true;

    template <class T>
    bool decode(std::string_view json, T& out) {
        return static_cast<bool>(ose::decode_into(out, json));
    }
    template <class T>
    bool encode(const T& message, std::string& out) {
        return static_cast<bool>(ose::encode_to(message, out));
    }
};

}  // namespace

namespace {
const registrar added{0, [] { add_impl<ose_impl>("ose"); }};
}  // namespace

}  // namespace bench
