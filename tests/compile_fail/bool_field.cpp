// A bool member: no API field is a JSON boolean, so every traversal refuses it alike
// (field_kind_of<bool> is unsupported), with one message from check_description().
#include "common.hpp"

namespace probe {
struct flagged {
    bool on = false;
};
}  // namespace probe

template <>
struct koodrive::ose::description<probe::flagged> {
    using T = probe::flagged;
    static constexpr std::string_view name = "flagged";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::on, "on"));
};

int main() { (void)koodrive::ose::encode(probe::flagged{}); }
