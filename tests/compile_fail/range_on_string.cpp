// .range() on a string field: ".range() applies to integer fields only".
#include "common.hpp"

template <>
struct koodrive::ose::description<probe::two> {
    using T = probe::two;
    static constexpr std::string_view name = "two";
    static constexpr auto direction = message_direction::request;
    static constexpr auto fields = make_field_list(field(&T::a, "a").range(0, 9), field(&T::n, "n"));
};

int main() { (void)koodrive::ose::encode(probe::two{}); }
