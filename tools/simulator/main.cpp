// koodrive-ose-simulator: the KooDrive OSE simulator as a standalone HTTP service (see --help).
#include <utility>

#include "simulator_app.hpp"

int main(int argc, char** argv) {
    koodrive_ose_simulator::config c;
    if (const auto stop = koodrive_ose_simulator::parse_arguments(argc, argv, c)) return *stop;
    return koodrive_ose_simulator::run(std::move(c));
}
