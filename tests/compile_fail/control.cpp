// The control: the same shapes, described correctly, compile (so a failure of the others is
// the mistake they show, not a broken set-up).
#include "common.hpp"

template <>
struct koodrive::ose::description<probe::two> {
    using T = probe::two;
    static constexpr std::string_view name = "two";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::a, "a").length(1, 9), field(&T::n, "n").range(0, 9));
    static rule_check rules(const T&) { return rules_hold; }
};

int main() {
    probe::two m{"x", 1};
    (void)koodrive::ose::encode(m);
    (void)koodrive::ose::decode_into(m, R"({"a":"x","n":1})");
}
