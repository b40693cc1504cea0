#include "harness/runner/replay.h"

#include "harness/runner/judge.h"

namespace tracksim::harness {

Result<ReplayDump> read_replay_dump(const std::string& file, std::string_view body,
                                    const Scenario& scenario, std::optional<DumpShape> shape) {
  const auto& upload = scenario.orders.front().order.upload;
  std::optional<sim::Carrier> carrier;
  if (upload) carrier = upload->carrier;
  auto dump = read_dump(body, shape, carrier);
  if (!dump) {
    // A place inside the dump ("LINE:COL") follows the file name: "dump.json:3:7: ...".
    const Error& e = dump.error();
    return unexpected(Error{e.message, e.where.empty() ? file : file + ":" + e.where});
  }
  ReplayDump out;
  out.shape = dump->shape;
  out.notes = std::move(dump->notes);
  static_cast<sim::Parcel&>(out.parcel) = std::move(dump->answer.parcel);
  out.parcel.where = file;
  ParcelSpec& p = out.parcel;
  if (upload) {
    if (!p.number.empty() && p.number != upload->number) {
      const char* field = dump->shape == DumpShape::kdniao ? "LogisticCode" : "nu";
      return unexpected(Error{std::string(field) + ": the dump is for '" + p.number +
                                  "' but the order uploaded '" + upload->number + "'",
                              file});
    }
    if (dump->names_carrier && p.carrier != upload->carrier) {
      return unexpected(Error{"the dump is a " + std::string(sim::code(p.carrier)) +
                                  " parcel but the order uploaded a " +
                                  std::string(sim::code(upload->carrier)) + " number",
                              file});
    }
    p.carrier = upload->carrier;
    p.number = upload->number;
  } else if (p.number.empty()) {
    return unexpected(Error{"the dump names no number and the order has no upload", file});
  }
  return out;
}

std::vector<UncertainScan> guessed_scans(const Scenario& scenario,
                                         const std::vector<EventNote>& notes) {
  std::vector<UncertainScan> out;
  const std::vector<sim::Scan>& scans = scenario.parcels.front().scans;
  std::optional<OrderResult> base;
  for (std::size_t i = 0; i < notes.size() && i < scans.size(); ++i) {
    if (notes[i].basis != KindBasis::guessed) continue;
    if (!base) base = judge_scenario(scenario).orders.front();
    UncertainScan u{notes[i].where, scans[i].at, scans[i].text, {}};
    std::bitset<kRuleCount> changed;
    const auto compare = [&](const Scenario& variant) {
      const OrderResult r = judge_scenario(variant).orders.front();
      for (std::size_t k = 0; k < kRuleCount; ++k) {
        if (r.outcomes[k] != base->outcomes[k]) changed.set(k);
      }
    };
    Scenario variant = scenario;
    std::vector<sim::Scan>& vs = variant.parcels.front().scans;
    vs.erase(vs.begin() + static_cast<std::ptrdiff_t>(i));
    compare(variant);
    for (std::size_t k = 0; k < sim::kScanKindCount; ++k) {
      const auto kind = static_cast<sim::ScanKind>(k);
      if (kind == scans[i].kind) continue;
      variant = scenario;
      variant.parcels.front().scans[i].kind = kind;
      compare(variant);
    }
    for (std::size_t k = 0; k < kRuleCount; ++k) {
      if (changed.test(k) && scenario.ruleset->has(static_cast<Rule>(k))) {
        u.affects.push_back(static_cast<Rule>(k));
      }
    }
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace tracksim::harness
