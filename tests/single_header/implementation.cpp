// The compiled mode through the single header: this translation unit makes the ten messages'
// encode, decode, validate, build_request and read_response; use_all_endpoints.cpp, compiled
// with -DKOODRIVE_OSE_COMPILED, only declares them. tests/consumers/run.sh links the two.
#define KOODRIVE_OSE_IMPLEMENTATION
#include "koodrive_ose.hpp"
