// Properties of fake_shipment detectors: the two rulesets share their 2023 detectors, and a
// repeated scan is always noticed.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "sim/carrier/number.h"
#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

// douyin-2026 with its own detectors (no_pickup_48h, no_hub_48h, unrequested_return) off.
const Ruleset& douyin2026_with_2023_detectors() {
  static const Ruleset rs = [] {
    Ruleset r = douyin2026();
    for (Detector d :
         {Detector::no_pickup_48h, Detector::no_hub_48h, Detector::unrequested_return}) {
      r.detectors.reset(static_cast<std::size_t>(d));
    }
    return r;
  }();
  return rs;
}

// Catches: a shared detector reading a ruleset-specific parameter or rule (e.g. P or the
// shipped time) so that the same tracking is fake under one ruleset and genuine under the other.
RC_GTEST_PROP(FakeShipment, BothRulesetsAgreeOnTheDetectorsTheyShare, ()) {
  const Shipment s = *shipment();
  const sim::Instant now = now_after(s);
  const Verdict a = s.evaluate(now, douyin2023());
  const Verdict b = s.evaluate(now, douyin2026_with_2023_detectors());
  const Verdict full = s.evaluate(now, douyin2026());
  DetectorSet shared = douyin2023().detectors;
  const auto draft = [&] {
    return draft_of(s, now, "douyin-2023", "douyin-2026 disagrees on a shared detector");
  };
  TS_RC_ASSERT(a[Rule::fake_shipment].outcome == b[Rule::fake_shipment].outcome, draft());
  TS_RC_ASSERT(a.detectors == b.detectors, draft());
  TS_RC_ASSERT((full.detectors & shared) == a.detectors, draft());
}

// Catches: repeated_scans never firing, or comparing scans by listing position instead of
// (kind, city, facility, event time).
RC_GTEST_PROP(FakeShipment, ADuplicatedVisibleScanFiresRepeatedScans, ()) {
  Shipment s = *shipment();
  const sim::Instant now = now_after(s);
  RC_PRE(has_valid_upload(s.order, now));
  std::vector<std::size_t> visible;
  for (std::size_t i = 0; i < s.scans.size(); ++i) {
    if (s.scans[i].visible_at <= now) visible.push_back(i);
  }
  RC_PRE(!visible.empty());
  const std::size_t i = *rc::gen::elementOf(visible);
  sim::Scan copy = s.scans[i];
  copy.text = "重复";  // the carrier's wording may differ; the scan is the same
  s.scans.insert(s.scans.begin() + static_cast<std::ptrdiff_t>(
                                       *rc::gen::inRange<std::size_t>(0, s.scans.size() + 1)),
                 copy);
  const int which = *ruleset_index();
  const Verdict v = s.evaluate(now, ruleset_at(which));
  TS_RC_ASSERT(fired(v, Detector::repeated_scans),
               draft_of(s, now, kRulesetNames[which], "a repeated scan went unnoticed"));
  TS_RC_ASSERT(v[Rule::fake_shipment].outcome == Outcome::violated,
               draft_of(s, now, kRulesetNames[which], "a repeated scan went unnoticed"));
}

}  // namespace
}  // namespace tracksim::harness::testing
