// decode_into on a message with string views (it needs decode_view and its storage).
#include "common.hpp"

#include <string_view>

namespace probe {
struct view {
    std::string_view a;
};
}  // namespace probe

template <>
struct koodrive::ose::description<probe::view> {
    using T = probe::view;
    static constexpr std::string_view name = "view";
    static constexpr auto direction = message_direction::response;
    static constexpr auto fields = make_field_list(field(&T::a, "a"));
};

int main() {
    probe::view v;
    (void)koodrive::ose::decode_into(v, R"({"a":"x"})");
}
