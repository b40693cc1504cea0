// One-line, plain-words explanations of the engine's outcomes, rendered from the evidence a
// Verdict records (so evaluation itself stays allocation-free). Pure; thread-safe.
#pragma once

#include <string>

#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"

namespace tracksim::harness {

// E.g. "picked up 2023-02-04 19:04:20 (pickup at 杭州市), 1h after the deadline
// 2023-02-04 18:04:20 (72h after payment)". The verdict's scan pointers must still be valid.
std::string explain(Rule rule, const Verdict& verdict, const Order& order, const Ruleset& ruleset);

}  // namespace tracksim::harness
