#include "harness/runner/simulate.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "harness/rules/cross_index.h"
#include "harness/rules/engine.h"
#include "sim/carrier/number.h"

namespace tracksim::harness {
namespace {

// The parcels of a population by (number, carrier), for the view of each order's upload.
class ParcelLookup {
 public:
  explicit ParcelLookup(const std::vector<sim::Parcel>& parcels) {
    entries_.reserve(parcels.size());
    for (const sim::Parcel& p : parcels) entries_.push_back({p.number, p.carrier, &p});
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.number, a.carrier) < std::tie(b.number, b.carrier);
    });
  }
  // The first parcel listed for carrier+number (as Scenario::find_parcel), or nullptr.
  const sim::Parcel* find(sim::Carrier carrier, std::string_view number) const {
    const Entry key{number, carrier, nullptr};
    auto it =
        std::lower_bound(entries_.begin(), entries_.end(), key, [](const Entry& a, const Entry& b) {
          return std::tie(a.number, a.carrier) < std::tie(b.number, b.carrier);
        });
    if (it == entries_.end() || it->number != number || it->carrier != carrier) return nullptr;
    return it->parcel;
  }

 private:
  struct Entry {
    std::string_view number;
    sim::Carrier carrier;
    const sim::Parcel* parcel;
  };
  std::vector<Entry> entries_;
};

// Adds one verdict and its comparison with the label (as expectation_from_label checks it).
void tally(const Verdict& v, const Label& label, const Ruleset& rs, SimulateTotals& t) {
  ++t.orders;
  bool agree = true;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    RuleTotals& r = t.rules[i];
    ++r.outcomes[static_cast<std::size_t>(v.rules[i].outcome)];
    r.compensation_yuan += v.rules[i].compensation_yuan;
    if (rs.has(static_cast<Rule>(i)) && label.outcomes[i] != v.rules[i].outcome) agree = false;
  }
  for (std::size_t d = 0; d < kDetectorCount; ++d) {
    if (v.detectors.test(d)) ++t.detectors[d];
  }
  const auto fake = static_cast<std::size_t>(Rule::fake_shipment);
  if (rs.has(Rule::fake_shipment) && label.outcomes[fake] != Outcome::not_applicable &&
      label.detectors != v.detectors) {
    agree = false;
  }
  t.compensation_yuan += v.compensation_yuan;
  ++t.label_checks;
  if (!agree) ++t.label_mismatches;
}

}  // namespace

void SimulateTotals::add(const SimulateTotals& o) {
  orders += o.orders;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    for (std::size_t k = 0; k < rules[i].outcomes.size(); ++k) {
      rules[i].outcomes[k] += o.rules[i].outcomes[k];
    }
    rules[i].compensation_yuan += o.rules[i].compensation_yuan;
  }
  for (std::size_t d = 0; d < kDetectorCount; ++d) detectors[d] += o.detectors[d];
  compensation_yuan += o.compensation_yuan;
  label_checks += o.label_checks;
  label_mismatches += o.label_mismatches;
}

void judge_population_into(const Population& p, const Ruleset& rs, SimulateTotals& totals) {
  CrossOrderIndex index;
  for (const Order& o : p.orders) {
    if (o.upload && sim::is_valid_number(o.upload->carrier, o.upload->number)) {
      index.add_upload(o);
    }
  }
  for (const sim::Parcel& parcel : p.parcels) {
    index.add_track(parcel.carrier, parcel.number, parcel.scans);
  }
  index.seal();
  const ParcelLookup lookup(p.parcels);
  for (std::size_t i = 0; i < p.orders.size(); ++i) {
    const Order& o = p.orders[i];
    TrackingView view;
    if (o.upload) {
      if (const sim::Parcel* parcel = lookup.find(o.upload->carrier, o.upload->number)) {
        view.scans = parcel->scans;
        view.consignee_city = parcel->consignee_city;
        view.consignee_phone_tail = parcel->consignee_phone_tail;
      }
    }
    tally(evaluate(o, view, p.until, rs, index), p.labels[i], rs, totals);
  }
}

SimulateTotals simulate(const SimulateSpec& spec, const Ruleset& rs) {
  const std::size_t n = spec.generate.orders;
  const std::size_t chunk = std::max<std::size_t>(1, spec.chunk);
  const std::size_t chunks = (n + chunk - 1) / chunk;
  unsigned threads = spec.threads != 0 ? spec.threads : std::thread::hardware_concurrency();
  threads =
      static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(chunks, 1)));
  std::atomic<std::size_t> next{0};
  std::vector<SimulateTotals> per_thread(threads);
  auto work = [&](SimulateTotals& t) {
    for (std::size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      const Population p =
          generate_orders(spec.generate, rs, c * chunk, std::min(n, (c + 1) * chunk));
      judge_population_into(p, rs, t);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work, std::ref(per_thread[i]));
  work(per_thread[0]);
  for (std::thread& th : pool) th.join();
  SimulateTotals total;
  for (const SimulateTotals& t : per_thread) total.add(t);
  return total;
}

}  // namespace tracksim::harness
