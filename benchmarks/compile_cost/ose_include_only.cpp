// Compile cost: koodrive/ose.hpp included, nothing used (the price of parsing the headers).
#include <koodrive/ose.hpp>
