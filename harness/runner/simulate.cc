#include "harness/runner/simulate.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "harness/rules/cross_index.h"
#include "harness/rules/engine.h"
#include "sim/carrier/number.h"

namespace tracksim::harness {
namespace {

// The parcels of a population by (number, carrier), for the view of each order's upload: open
// addressing over parcel pointers. Reusable: reset(n) for up to n parcels (keeps the buffer),
// add() them in population order, then find().
class ParcelLookup {
 public:
  void reset(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    slots_.assign(size, nullptr);
  }
  // Keeps the first parcel listed for a carrier+number (as Scenario::find_parcel does).
  void add(const sim::Parcel& p) {
    for (std::size_t s = home(p.number);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s] == nullptr) {
        slots_[s] = &p;
        return;
      }
      if (slots_[s]->carrier == p.carrier && slots_[s]->number == p.number) return;
    }
  }
  // The first parcel listed for carrier+number, or nullptr.
  const sim::Parcel* find(sim::Carrier carrier, std::string_view number) const {
    for (std::size_t s = home(number);; s = (s + 1) & (slots_.size() - 1)) {
      const sim::Parcel* p = slots_[s];
      if (p == nullptr || (p->carrier == carrier && p->number == number)) return p;
    }
  }

 private:
  std::size_t home(std::string_view number) const {
    return std::hash<std::string_view>{}(number) & (slots_.size() - 1);
  }
  std::vector<const sim::Parcel*> slots_;  // power-of-two size, at most half full
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

namespace {

// Judges orders 0..n-1 (order(i), labels[i]) at `until`; each_parcel(add) adds the population's
// parcels in population order (the first listed for a number is the one an upload shows).
template <class OrderAt, class ParcelsEach>
void judge_into(std::size_t n, OrderAt&& order, const std::vector<Label>& labels,
                std::size_t max_parcels, ParcelsEach&& each_parcel, sim::Instant until,
                const Ruleset& rs, ParcelLookup& lookup, CrossOrderIndex& index,
                SimulateTotals& totals) {
  index.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const Order& o = order(i);
    if (o.upload && sim::is_valid_number(o.upload->carrier, o.upload->number)) {
      index.add_upload(o);
    }
  }
  lookup.reset(max_parcels);
  each_parcel([&](const sim::Parcel& parcel) {
    index.add_track(parcel.carrier, parcel.number, parcel.scans);
    lookup.add(parcel);
  });
  index.seal();
  for (std::size_t i = 0; i < n; ++i) {
    const Order& o = order(i);
    TrackingView view;
    if (o.upload) {
      if (const sim::Parcel* parcel = lookup.find(o.upload->carrier, o.upload->number)) {
        view.scans = parcel->scans;
        view.consignee_city = parcel->consignee_city;
        view.consignee_phone_tail = parcel->consignee_phone_tail;
      }
    }
    tally(evaluate(o, view, until, rs, index), labels[i], rs, totals);
  }
}

}  // namespace

void judge_population_into(const Population& p, const Ruleset& rs, SimulateTotals& totals) {
  ParcelLookup lookup;
  CrossOrderIndex index;
  judge_into(
      p.orders.size(), [&](std::size_t i) -> const Order& { return p.orders[i]; }, p.labels,
      p.parcels.size(),
      [&](auto&& add) {
        for (const sim::Parcel& parcel : p.parcels) add(parcel);
      },
      p.until, rs, lookup, index, totals);
}

namespace {

// One worker: its generator and lookup keep their buffers from chunk to chunk.
struct Worker {
  Worker(const GenerateSpec& spec, const Ruleset& rs) : stream(spec, rs) {}
  void run(std::size_t begin, std::size_t end, const Ruleset& rs) {
    stream.generate(begin, end);
    const std::span<const OrderDraft> drafts = stream.drafts();
    judge_into(
        drafts.size(), [&](std::size_t i) -> const Order& { return drafts[i].order; },
        stream.labels(), drafts.size(),
        [&](auto&& add) {
          for (const OrderDraft& d : drafts) {
            if (d.has_parcel) add(d.parcel);
          }
        },
        stream.until(), rs, lookup, index, totals);
  }
  PopulationStream stream;
  ParcelLookup lookup;
  CrossOrderIndex index;
  SimulateTotals totals;
};

}  // namespace

SimulateTotals simulate(const SimulateSpec& spec, const Ruleset& rs) {
  const std::size_t n = spec.generate.orders;
  const std::size_t chunk = std::max<std::size_t>(1, spec.chunk);
  const std::size_t all_chunks = (n + chunk - 1) / chunk;
  const std::size_t total = std::max<std::size_t>(1, spec.shard_total);
  // This shard's chunks are shard_index, shard_index + total, ...: the k-th of them is mine(k).
  const std::size_t chunks =
      spec.shard_index < all_chunks ? (all_chunks - spec.shard_index + total - 1) / total : 0;
  auto mine = [&](std::size_t k) { return spec.shard_index + k * total; };
  unsigned threads = spec.threads != 0 ? spec.threads : std::thread::hardware_concurrency();
  threads =
      static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(chunks, 1)));
  std::atomic<std::size_t> next{0};
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < threads; ++i)
    workers.push_back(std::make_unique<Worker>(spec.generate, rs));
  auto work = [&](Worker& w) {
    for (std::size_t k = next.fetch_add(1); k < chunks; k = next.fetch_add(1)) {
      const std::size_t c = mine(k);
      w.run(c * chunk, std::min(n, (c + 1) * chunk), rs);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work, std::ref(*workers[i]));
  work(*workers[0]);
  for (std::thread& th : pool) th.join();
  // Sums are exact integers: the order of addition cannot change them.
  SimulateTotals sum;
  for (const auto& w : workers) sum.add(w->totals);
  return sum;
}

}  // namespace tracksim::harness
