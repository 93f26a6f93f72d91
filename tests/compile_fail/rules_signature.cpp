// rules() with another signature than `static rule_check rules(const T&)`.
#include "common.hpp"

template <>
struct koodrive::ose::description<probe::two> {
    using T = probe::two;
    static constexpr std::string_view name = "two";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::a, "a"), field(&T::n, "n"));
    static bool rules(const T& m) { return m.n > 0; }  // the old signature
};

int main() { (void)koodrive::ose::encode(probe::two{}); }
