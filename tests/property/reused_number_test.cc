// Property: reused_number flags exactly the later uploads of a carrier+number whose address
// differs from some earlier upload of it (by upload time, ties by order id).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>
#include <vector>

#include "sim/carrier/number.h"
#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;
using sim::Instant;

bool earlier(const Order& a, const Order& b) {
  return a.upload->at != b.upload->at ? a.upload->at < b.upload->at : a.id < b.id;
}

// docs/rules.md's reused_number, straight from the definition over all orders.
bool reused(const std::vector<Shipment>& all, const Order& o) {
  const auto valid = [](const Order& x) {
    return x.upload && sim::is_valid_number(x.upload->carrier, x.upload->number);
  };
  if (!valid(o)) return false;
  for (const Shipment& e : all) {
    const Order& x = e.order;
    if (x.id == o.id || !valid(x)) continue;
    if (x.upload->carrier != o.upload->carrier || x.upload->number != o.upload->number) continue;
    if (earlier(x, o) && !(x.ship_to == o.ship_to)) return true;
  }
  return false;
}

// Catches: flagging the first upload too, comparing names or the whole address instead of
// province/city/district/phone tail, ignoring the carrier, breaking upload-time ties by payment
// instead of order id, counting invalid uploads as earlier uploads.
RC_GTEST_PROP(ReusedNumber, FlagsExactlyTheLaterOrdersWhoseAddressDiffers, ()) {
  const Instant paid_at = *paid_instant();
  const std::vector<Address> addresses = {*address(), *address()};
  const sim::Carrier carrier = *rc::gen::elementOf(sim::all_carriers());
  sim::Rng rng(*rc::gen::inRange<std::uint64_t>(0, 1000));
  const std::vector<std::string> numbers = {sim::generate_number(carrier, rng),
                                            sim::generate_number(carrier, rng)};
  const std::size_t n = *rc::gen::inRange<std::size_t>(2, 7);
  std::vector<Shipment> all;
  for (std::size_t i = 0; i < n; ++i) {
    Shipment s = paid(paid_at);
    s.order.id = "O" + std::to_string(i);
    Address to = addresses[*rc::gen::inRange<std::size_t>(0, 2)];
    if (*rc::gen::weightedOneOf<bool>({{4, rc::gen::just(false)}, {1, rc::gen::just(true)}}))
      to.phone_tail = "9999";  // same place, another buyer
    s.order.ship_to = to;
    const Instant at = paid_at + Duration(*rc::gen::inRange<std::int64_t>(0, 3) * kHourS);
    const bool other_carrier =
        *rc::gen::weightedOneOf<bool>({{6, rc::gen::just(false)}, {1, rc::gen::just(true)}});
    const bool invalid =
        *rc::gen::weightedOneOf<bool>({{8, rc::gen::just(false)}, {1, rc::gen::just(true)}});
    std::string number = numbers[*rc::gen::inRange<std::size_t>(0, 2)];
    if (invalid) number += "X";
    s.upload(at, number, other_carrier ? sim::Carrier::zto : carrier);
    s.pickup(at + Duration(kHourS), "北京市");
    all.push_back(std::move(s));
  }
  std::vector<const Shipment*> ptrs;
  CrossOrderIndex index;
  {
    // The same index the judge builds: valid uploads, and one track per number.
    std::set<std::pair<sim::Carrier, std::string>> tracked;
    for (const Shipment& s : all) {
      const Upload& u = *s.order.upload;
      if (sim::is_valid_number(u.carrier, u.number)) index.add_upload(s.order);
      if (tracked.emplace(u.carrier, u.number).second)
        index.add_track(u.carrier, u.number, s.scans);
    }
    index.seal();
  }
  const Instant now = paid_at + Duration(4 * kHourS);
  for (const Shipment& s : all) {
    const Verdict v = s.evaluate(now, douyin2023(), index);
    const bool flagged = fired(v, Detector::reused_number);
    ScenarioDraft d;
    d.name = "reused number counterexample";
    d.description = "order " + s.order.id + " flagged=" + (flagged ? "yes" : "no");
    d.until = now;
    d.shipments = all;
    TS_RC_ASSERT(flagged == reused(all, s.order), d);
  }
}

}  // namespace
}  // namespace tracksim::harness::testing
