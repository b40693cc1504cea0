// TEMP STUB
#pragma once
#include "sim/carrier/carrier.h"
namespace tracksim::sim {
bool is_valid_number(Carrier, std::string_view);
}
