// .length() on an integer field: ".length() applies to string fields only".
#include "common.hpp"

template <>
struct koodrive::ose::description<probe::two> {
    using T = probe::two;
    static constexpr std::string_view name = "two";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::a, "a"), field(&T::n, "n").length(1, 2));
};

int main() { (void)koodrive::ose::encode(probe::two{}); }
