#include "harness/scenario/population_scenario.h"

#include <utility>

namespace tracksim::harness {

Expectation expectation_from_label(const Label& label, const Ruleset& ruleset) {
  Expectation e;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (ruleset.has(static_cast<Rule>(i))) e.outcomes[i] = label.outcomes[i];
  }
  const auto fake = static_cast<std::size_t>(Rule::fake_shipment);
  if (ruleset.has(Rule::fake_shipment) && label.outcomes[fake] != Outcome::not_applicable) {
    e.detectors = label.detectors;
  }
  return e;
}

void add_population(Scenario& s, Population population, bool expect_labels,
                    const std::string& where) {
  s.orders.reserve(s.orders.size() + population.orders.size());
  for (std::size_t i = 0; i < population.orders.size(); ++i) {
    OrderSpec spec;
    spec.order = std::move(population.orders[i]);
    spec.where = where;
    if (expect_labels) {
      spec.expect = expectation_from_label(population.labels[i], *s.ruleset);
      spec.expect->where = where + " (order " + spec.order.id + ")";
    }
    s.orders.push_back(std::move(spec));
  }
  s.parcels.reserve(s.parcels.size() + population.parcels.size());
  for (sim::Parcel& p : population.parcels) {
    ParcelSpec spec;
    static_cast<sim::Parcel&>(spec) = std::move(p);
    spec.where = where;
    s.parcels.push_back(std::move(spec));
  }
  s.until = population.until;
}

}  // namespace tracksim::harness
