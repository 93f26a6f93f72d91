// Compile cost: koodrive/ose/client.hpp included beside koodrive/ose.hpp, nothing used (the price of
// the client's headers: threads' stop tokens, mutexes, condition variables).
#include <koodrive/ose.hpp>
#include <koodrive/ose/client.hpp>
