#include "tests/support/fault_generators.h"

#include <algorithm>
#include <utility>

#include "harness/population/labeller.h"
#include "sim/carrier/number.h"
#include "sim/time/timestamp.h"
#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

constexpr std::string_view kNames[] = {"douyin-2023", "douyin-2026"};

// The first day of each ruleset's test epoch (2023-02-01 and 2026-03-02, Beijing midnight).
sim::Instant epoch_of(int ruleset) {
  return ruleset == 0 ? sim::Instant::from_unix(1'675'180'800)
                      : sim::Instant::from_unix(1'772'380'800);
}

// One fault of one order: present one time in twelve, so that about a third of the orders are
// fault-free and can lend their number to a pair fault. The draw shrinks towards 0: absent.
rc::Gen<bool> fault_drawn() {
  return rc::gen::map(rc::gen::inRange(0, 12), [](int x) { return x == 11; });
}

}  // namespace

const Ruleset& FaultedPopulation::rules() const {
  return ruleset == 0 ? douyin2023() : douyin2026();
}
std::string_view FaultedPopulation::ruleset_name() const { return kNames[ruleset == 0 ? 0 : 1]; }

FaultSet all_faults() { return FaultSet{}.set(); }

FaultSet single_order_faults() {
  FaultSet f = all_faults();
  f.reset(static_cast<std::size_t>(Fault::reused_number));
  f.reset(static_cast<std::size_t>(Fault::copied_track));
  return f;
}

rc::Gen<FaultedPopulation> faulted_population(int ruleset, std::size_t max_orders,
                                              FaultSet allowed) {
  return rc::gen::exec([=] {
    FaultedPopulation fp;
    fp.ruleset = ruleset;
    const auto n = *rc::gen::inRange<std::size_t>(1, max_orders + 1);
    fp.spec.seed = *rc::gen::inRange<std::uint64_t>(0, 1'000'000);
    fp.spec.orders = n;
    // A few days into the epoch, so that payments fall on any weekday and hour.
    fp.spec.start = epoch_of(ruleset) + sim::Duration(*rc::gen::inRange(0, 24 * 30) * 3600LL);
    // Kind weights 0..2 each; all zero (what everything shrinks to) is the default mix.
    for (auto& w : fp.spec.kind_weights) w = *rc::gen::inRange<std::uint32_t>(0, 3);
    fp.asked.resize(n);
    for (FaultSet& f : fp.asked) {
      for (std::size_t k = 0; k < kFaultCount; ++k) {
        if (allowed.test(k) && *fault_drawn()) f.set(k);
      }
    }
    fp.pop = generate_population_with(fp.spec, fp.rules(), fp.asked);
    return fp;
  });
}

FaultedPopulation regenerate(const FaultedPopulation& fp, std::vector<FaultSet> faults) {
  FaultedPopulation out;
  out.ruleset = fp.ruleset;
  out.spec = fp.spec;
  out.asked = std::move(faults);
  out.pop = generate_population_with(out.spec, out.rules(), out.asked);
  return out;
}

const sim::Parcel* parcel_of(const Population& pop, const Order& order) {
  if (!order.upload) return nullptr;
  for (const sim::Parcel& p : pop.parcels) {
    if (p.carrier == order.upload->carrier && p.number == order.upload->number) return &p;
  }
  return nullptr;
}

TrackingView view_of(const Population& pop, const Order& order) {
  const sim::Parcel* p = parcel_of(pop, order);
  if (p == nullptr) return {};
  return TrackingView{p->scans, p->consignee_city, p->consignee_phone_tail};
}

std::unique_ptr<CrossOrderIndex> index_of(const Population& pop) {
  auto index = std::make_unique<CrossOrderIndex>();
  for (const Order& o : pop.orders) {
    if (o.upload && sim::is_valid_number(o.upload->carrier, o.upload->number)) {
      index->add_upload(o);
    }
  }
  for (const sim::Parcel& p : pop.parcels) index->add_track(p.carrier, p.number, p.scans);
  index->seal();
  return index;
}

ScenarioDraft draft_of(const FaultedPopulation& fp, sim::Instant until, std::string description) {
  ScenarioDraft d;
  d.name = "faulted population counterexample";
  d.description = std::move(description);
  d.ruleset = std::string(fp.ruleset_name());
  d.until = until;
  for (std::size_t i = 0; i < fp.pop.orders.size(); ++i) {
    Shipment s;
    s.order = fp.pop.orders[i];
    if (const sim::Parcel* p = parcel_of(fp.pop, s.order)) {
      s.scans = p->scans;
      s.consignee_city = p->consignee_city;
      s.consignee_phone_tail = p->consignee_phone_tail;
    }
    d.shipments.push_back(std::move(s));
    Expectation e;
    const Label& label = fp.pop.labels[i];
    for (std::size_t r = 0; r < kRuleCount; ++r) {
      if (fp.rules().rules.test(r)) e.outcomes[r] = label.outcomes[r];
    }
    if (fp.rules().rules.test(static_cast<std::size_t>(Rule::fake_shipment))) {
      e.detectors = label.detectors;
    }
    d.expect.emplace_back(std::move(e));
  }
  return d;
}

void showValue(const FaultedPopulation& fp, std::ostream& os) {
  os << fp.ruleset_name() << " seed " << fp.spec.seed << " start "
     << sim::format_beijing(fp.spec.start) << " kinds";
  for (auto w : fp.spec.kind_weights) os << ' ' << w;
  os << '\n';
  for (std::size_t i = 0; i < fp.asked.size(); ++i) {
    os << "  order " << (i < fp.pop.orders.size() ? fp.pop.orders[i].id : "?") << " asked [";
    for (std::size_t k = 0; k < kFaultCount; ++k) {
      if (fp.asked[i].test(k)) os << ' ' << fault_names()[k];
    }
    os << " ] injected [";
    for (std::size_t k = 0; k < kFaultCount; ++k) {
      if (i < fp.pop.faults.size() && fp.pop.faults[i].test(k)) os << ' ' << fault_names()[k];
    }
    os << " ]\n";
  }
}

}  // namespace tracksim::harness::testing
