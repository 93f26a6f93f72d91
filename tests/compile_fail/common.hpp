// Compile-fail tests: each .cpp here must fail to compile with the message its ctest entry
// expects (tests/CMakeLists.txt), proving that a descriptor mistake is caught at compile time.
#pragma once

#include <koodrive/ose/codec.hpp>

#include <cstdint>
#include <string>

namespace probe {
struct two {
    std::string a;
    std::int32_t n = 0;
};
}  // namespace probe
