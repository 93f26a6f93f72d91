// koodrive-ose, compiled mode: the one translation unit that makes the encode, decode,
// validate, build_request and read_response of the ten messages of the five endpoints.
//
// Build it into your program (CMake: link koodrive_ose::compiled, which also defines
// KOODRIVE_OSE_COMPILED for you) and compile every other translation unit with
// -DKOODRIVE_OSE_COMPILED: there the headers only declare those functions (extern template), so
// a file that uses all five endpoints costs little more than including the headers. With the
// single header, do the same in a .cpp of your own: define KOODRIVE_OSE_IMPLEMENTATION, then
// include koodrive_ose.hpp.
#define KOODRIVE_OSE_IMPLEMENTATION
#include "koodrive/ose.hpp"
