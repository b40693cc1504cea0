// Scenario: one world of QA's YAML (format v1, docs/scenarios.md) after loading: orders
// with their expectations, the parcels the carriers know, the clock's epoch and end.
// Value types; thread-safe to read once loaded.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/server/push.h"
#include "sim/timeline/parcel.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

// What QA expects of one order at one instant; absent keys are not checked.
struct Expectation {
  std::array<std::optional<Outcome>, kRuleCount> outcomes{};
  std::optional<DetectorSet> detectors;  // fake_shipment: exactly these fire
  std::optional<std::int64_t> compensation_yuan;
  std::string where;  // file:line:col of the block, for reports
};

struct ExpectAt {
  sim::Instant at;
  Expectation expect;
};

struct OrderSpec {
  Order order;
  std::optional<Expectation> expect;  // at `until`
  std::vector<ExpectAt> expect_at;
  std::string where;
};

// A parcel as a scenario lists it: the carrier's record plus where it was written.
struct ParcelSpec : sim::Parcel {
  std::string where;
};

struct Scenario {
  std::string name;
  std::string description;
  std::vector<std::string> tags;
  std::string file;   // the file it came from
  std::string where;  // file:line:col of the document
  std::string ruleset_name;
  RulesetPtr ruleset;
  sim::Instant start;
  sim::Instant until;
  std::vector<OrderSpec> orders;
  std::vector<ParcelSpec> parcels;
  std::vector<sim::server::PushFaultRule> push_faults;  // `push_faults:`, as the admin API takes

  // The parcel a carrier+number names (the first listed), or nullptr when the carrier does not
  // know it. A binary search once index_parcels() has run since parcels last changed.
  const ParcelSpec* find_parcel(sim::Carrier carrier, std::string_view number) const;
  // Sorts parcel_index by carrier and number (the loader does this once a scenario is read).
  void index_parcels();
  std::vector<std::uint32_t> parcel_index;  // positions in parcels, or empty
};

// The orders of all `scenarios` together.
std::size_t order_count(const std::vector<Scenario>& scenarios);

}  // namespace tracksim::harness
