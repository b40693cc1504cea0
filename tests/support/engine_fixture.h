// Builders for rule-engine tests: an order paid at an instant, its upload and scans, the shipped
// rulesets, and evaluation at an instant with an empty or a built CrossOrderIndex.
// Test-only; not thread-safe (builders are plain mutable values).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/rules/cross_index.h"
#include "harness/rules/engine.h"
#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/carrier/number.h"
#include "sim/core/money.h"
#include "sim/geo/atlas.h"
#include "sim/time/instant.h"
#include "sim/time/timestamp.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness::testing {

using namespace std::chrono_literals;  // NOLINT: 72h + 1s reads best in tests
using sim::Instant;
using sim::ScanKind;

inline constexpr std::string_view kSfNumber = "SF1234567890123";
inline constexpr std::string_view kOtherSfNumber = "SF9876543210987";
inline constexpr std::string_view kInvalidSfNumber = "SF123";

// A timestamp in docs/rules.md syntax; no offset means Beijing time.
inline Instant at(std::string_view text) {
  auto r = sim::parse_timestamp(text);
  if (!r.has_value()) {
    ADD_FAILURE() << "bad timestamp " << text << ": " << r.error().to_string();
    return Instant();
  }
  return *r;
}

// A city of the atlas by name (never by id).
inline const sim::geo::City& city(std::string_view name) {
  const sim::geo::City* c = sim::geo::Atlas::china().find_city(name);
  if (c == nullptr) {
    ADD_FAILURE() << "unknown city " << name;
    std::abort();
  }
  return *c;
}

// An address in the named city; the province comes from the atlas.
inline Address address(std::string_view city_name, std::string phone_tail = "1234",
                       std::string district = "中心区") {
  const sim::geo::City& c = city(city_name);
  return Address{c.province, c.id, std::move(district), std::move(phone_tail)};
}

inline const Ruleset& shipped(std::string_view name) {
  auto r = load_ruleset(name);
  if (!r.has_value()) {
    ADD_FAILURE() << r.error().to_string();
    std::abort();
  }
  static std::vector<RulesetPtr> keep;  // rulesets are shared and immutable; keep them alive
  keep.push_back(*r);
  return *keep.back();
}
inline const Ruleset& douyin2023() {
  static const Ruleset& r = shipped("douyin-2023");
  return r;
}
inline const Ruleset& douyin2026() {
  static const Ruleset& r = shipped("douyin-2026");
  return r;
}

// An empty, sealed index: no other orders exist.
inline const CrossOrderIndex& no_other_orders() {
  static const CrossOrderIndex index = [] {
    CrossOrderIndex i;
    i.seal();
    return i;
  }();
  return index;
}

// One order and what the carrier shows for its number. Keep it alive (and unmoved) while a
// Verdict or a CrossOrderIndex built from it is in use: both point into `scans`.
struct Shipment {
  Order order;
  std::vector<sim::Scan> scans;
  sim::geo::CityId consignee_city = sim::geo::kNoCity;
  std::string consignee_phone_tail;

  Shipment& id(std::string order_id) { return order.id = std::move(order_id), *this; }
  Shipment& kind(OrderKind k) { return order.kind = k, *this; }
  Shipment& promise_within(sim::Duration d) {
    order.promise = Promise{Promise::Type::duration, d, {}};
    return *this;
  }
  Shipment& promise_same_day() { return order.promise.type = Promise::Type::same_day, *this; }
  Shipment& promise_next_day() { return order.promise.type = Promise::Type::next_day, *this; }
  Shipment& promise_ship_by(Instant t) {
    order.promise = Promise{Promise::Type::ship_by, {}, t};
    return *this;
  }
  Shipment& amount_fen(std::int64_t fen) { return order.amount = sim::Money::from_fen(fen), *this; }
  Shipment& from(std::string_view c) { return order.ship_from = address(c, ""), *this; }
  Shipment& to(Address a) { return order.ship_to = std::move(a), *this; }
  Shipment& to(std::string_view c) { return to(address(c)); }
  Shipment& no_ship_from() { return order.ship_from = Address{}, *this; }
  Shipment& buyer_asked_for_return() { return order.buyer_requested_return = true, *this; }

  Shipment& upload(Instant t, std::string_view number = kSfNumber,
                   sim::Carrier carrier = sim::Carrier::sf) {
    order.upload = Upload{t, carrier, std::string(number)};
    return *this;
  }

  // A scan visible as soon as it happens; `lag` on the next line delays it.
  Shipment& scan(ScanKind kind, Instant t, std::string_view city_name, std::string facility = {},
                 sim::FacilityType type = sim::FacilityType::unspecified) {
    sim::Scan s;
    s.at = t;
    s.visible_at = t;
    s.kind = kind;
    s.city = city(city_name).id;
    s.facility_type = type;
    s.facility = std::move(facility);
    scans.push_back(std::move(s));
    return *this;
  }
  Shipment& pickup(Instant t, std::string_view city_name = "杭州市") {
    return scan(ScanKind::pickup, t, city_name, "网点", sim::FacilityType::outlet);
  }
  // An arrive scan at a facility typed hub.
  Shipment& hub(Instant t, std::string_view city_name = "杭州市") {
    return scan(ScanKind::arrive, t, city_name, std::string(city_name) + "枢纽",
                sim::FacilityType::hub);
  }
  // The last scan becomes visible only at `t`.
  Shipment& visible_at(Instant t) { return scans.back().visible_at = t, *this; }

  Shipment& consignee(std::string_view city_name, std::string phone_tail) {
    consignee_city = city(city_name).id;
    consignee_phone_tail = std::move(phone_tail);
    return *this;
  }

  TrackingView view() const { return TrackingView{scans, consignee_city, consignee_phone_tail}; }

  Verdict evaluate(Instant now, const Ruleset& ruleset,
                   const CrossOrderIndex& index = no_other_orders()) const {
    return harness::evaluate(order, view(), now, ruleset, index);
  }
  RuleVerdict rule(Rule r, Instant now, const Ruleset& ruleset,
                   const CrossOrderIndex& index = no_other_orders()) const {
    return evaluate(now, ruleset, index)[r];
  }
  Outcome outcome(Rule r, Instant now, const Ruleset& ruleset,
                  const CrossOrderIndex& index = no_other_orders()) const {
    return rule(r, now, ruleset, index).outcome;
  }
};

// An in-stock order "O1", paid at `paid_at`, promised within 48h, 100.00 yuan, shipped from
// 杭州 to 北京.
inline Shipment paid(Instant paid_at) {
  Shipment s;
  s.order.id = "O1";
  s.order.paid_at = paid_at;
  s.order.amount = sim::Money::from_yuan(100);
  s.order.ship_from = address("杭州市", "");
  s.order.ship_to = address("北京市");
  return s;
}

// An index of the given shipments: every valid upload, and each distinct number's track once.
inline CrossOrderIndex index_of(std::initializer_list<const Shipment*> shipments) {
  CrossOrderIndex index;
  std::set<std::pair<sim::Carrier, std::string>> tracked;
  for (const Shipment* s : shipments) {
    if (!s->order.upload) continue;
    const Upload& u = *s->order.upload;
    if (sim::is_valid_number(u.carrier, u.number)) index.add_upload(s->order);
    if (tracked.emplace(u.carrier, u.number).second) index.add_track(u.carrier, u.number, s->scans);
  }
  index.seal();
  return index;
}

inline bool fired(const Verdict& v, Detector d) {
  return v.detectors.test(static_cast<std::size_t>(d));
}

}  // namespace tracksim::harness::testing

namespace tracksim::harness {
// Outcomes print by name in gtest failures.
inline void PrintTo(Outcome o, std::ostream* os) { *os << to_string(o); }
}  // namespace tracksim::harness
