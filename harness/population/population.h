// The population generator: N orders with realistic kinds, promises, amounts, places, carriers and
// routes, faults injected by probability, each order labelled by construction (labeller.h).
// Seeded and split per order: order i draws its base from rng.split(i).split("base") and each
// fault decision from rng.split(i).split(<fault name>), so one order's draws never shift another's.
// Pure function of its inputs; thread-safe.
//
// Combinations (a second fault that would make a label ambiguous is skipped, not injected):
// - no_upload > invalid_number > late_upload: at most one; no_upload and invalid_number drop
//   every other fault (the engine sees no scans without a valid upload).
// - reused_number and copied_track (pair faults, reused first) replace the order's tracking with
//   a donor's: an earlier fault-free order with a valid upload (for reused_number one uploaded
//   strictly earlier). The order then gets no other fault. No donor: the pair fault is skipped.
//   reused_number flags only the later order; copied_track flags both orders.
// - never_picked_up > late_pickup > missing_pickup_scan: at most one; never_picked_up drops
//   impossible_route and repeated_scans (they need physical scans).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "harness/population/fault.h"
#include "harness/population/injectors.h"
#include "harness/population/labeller.h"
#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "sim/time/instant.h"
#include "sim/timeline/parcel.h"

namespace tracksim::harness {

struct GenerateSpec {
  std::uint64_t seed = 0;
  std::size_t orders = 0;
  sim::Instant start;           // orders are paid within two days after it
  std::string id_prefix = "G";  // order ids: G0001, G0002, ...
  // Relative weights per order kind (any scale); all zero means the default mix.
  std::array<std::uint32_t, kOrderKindCount> kind_weights{};
  std::array<std::uint32_t, kFaultCount> fault_ppm{};  // probability per order, parts per million
};

struct Population {
  std::vector<Order> orders;
  std::vector<sim::Parcel> parcels;  // one per valid, own tracking number, in order order
  std::vector<Label> labels;         // labels[i] is orders[i]'s outcome at `until`
  std::vector<FaultSet> faults;      // what was injected into orders[i]
  sim::Instant until;                // every deadline passed and every scan visible by then
};

// Generates the population; same spec and ruleset -> identical result.
Population generate_population(const GenerateSpec& spec, const Ruleset& ruleset);

// The same generator with the faults chosen by the caller: order i is asked for exactly
// faults[i] (spec.fault_ppm is ignored, spec.orders must equal faults.size()), injected under
// the combination rules above with the same per-fault streams. For property tests that draw the
// faults themselves, so that a failing case shrinks by dropping faults.
Population generate_population_with(const GenerateSpec& spec, const Ruleset& ruleset,
                                    const std::vector<FaultSet>& faults);

// Orders [begin, end) of spec.orders as a population of their own (ids and every per-order draw
// as in the whole population; numbers unique, donors and `until` within the range only).
// generate_orders(spec, rs, 0, spec.orders) is generate_population(spec, rs).
Population generate_orders(const GenerateSpec& spec, const Ruleset& ruleset, std::size_t begin,
                           std::size_t end);

namespace detail {
class Generator;
}

// The generator kept between consecutive ranges of one spec (simulate's chunks): it reuses its
// buffers, so a range in steady state allocates almost nothing. Not thread-safe: one per thread.
class PopulationStream {
 public:
  PopulationStream(const GenerateSpec& spec, const Ruleset& ruleset);  // both must outlive it
  ~PopulationStream();
  // Orders [begin, end) of spec.orders exactly as generate_orders makes them, as drafts (the
  // order, its own parcel when has_parcel, the facts): valid until the next call.
  void generate(std::size_t begin, std::size_t end);
  std::span<const OrderDraft> drafts() const;
  const std::vector<Label>& labels() const;  // labels()[k] is drafts()[k]'s
  sim::Instant until() const;

 private:
  std::unique_ptr<detail::Generator> impl_;
};

// The base timing and places of order `index` before any fault: what split independence keeps.
struct BaseDraw {
  Order order;
  sim::Instant info_at;    // the e-waybill (info_received) scan
  sim::Instant pickup_at;  // the pickup scan, first of the route
  bool locker = false;     // the route ends in a locker
  bool show_city = false;  // the carrier shows the consignee's city
  bool show_tail = false;  // and phone tail
  std::uint64_t route_seed = 0;
};
BaseDraw draw_base(const GenerateSpec& spec, const Ruleset& ruleset, std::size_t index);

// The default start of a generated population (`generate`, `simulate`): a month into the
// ruleset's effective range (Beijing midnight), so that a ruleset with dates judges its orders.
sim::Instant default_start(const Ruleset& rs);

}  // namespace tracksim::harness
