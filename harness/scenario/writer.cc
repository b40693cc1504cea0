#include "harness/scenario/writer.h"

#include <cstdio>
#include <string_view>

#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

// A double-quoted YAML scalar: safe for any text (digits-only numbers, colons, Chinese).
void quoted(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string time_text(sim::Instant t) { return sim::format_timestamp(t); }

void address(std::string& out, const Address& a) {
  const auto& atlas = sim::geo::Atlas::china();
  std::string_view sep = "{";
  auto key = [&](std::string_view k) {
    out += sep;
    out += k;
    out += ": ";
    sep = ", ";
  };
  if (a.province != sim::geo::kNoProvince)
    key("province"), quoted(out, atlas.province(a.province).full_name);
  if (a.city != sim::geo::kNoCity) key("city"), quoted(out, atlas.city(a.city).full_name);
  if (!a.district.empty()) key("district"), quoted(out, a.district);
  if (!a.phone_tail.empty()) key("phone_tail"), quoted(out, a.phone_tail);
  out += sep == "{" ? "{}" : "}";
}

void promise(std::string& out, const Promise& p) {
  switch (p.type) {
    case Promise::Type::same_day:
      out += "same_day";
      return;
    case Promise::Type::next_day:
      out += "next_day";
      return;
    case Promise::Type::duration:
      out += sim::format_duration(p.within);
      return;
    case Promise::Type::ship_by:
      out += "{ship_by: " + time_text(p.ship_by) + "}";
      return;
  }
}

// An expectation's keys as a flow mapping's entries (without braces), `at` first when given.
void expectation(std::string& out, const Expectation& e, const Ruleset& rs) {
  std::string_view sep = "";
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const auto rule = static_cast<Rule>(i);
    if (!rs.has(rule)) continue;
    if (rule == Rule::fake_shipment && e.detectors) {
      out += sep;
      out += "fake_shipment: [";
      std::string_view inner = "";
      for (std::size_t d = 0; d < kDetectorCount; ++d) {
        if (!e.detectors->test(d)) continue;
        out += inner;
        out += to_string(static_cast<Detector>(d));
        inner = ", ";
      }
      out += "]";
      sep = ", ";
      continue;
    }
    if (!e.outcomes[i]) continue;
    out += sep;
    out += rule_names()[i];
    out += ": ";
    out += to_string(*e.outcomes[i]);
    sep = ", ";
  }
  if (e.compensation_yuan) {
    out += sep;
    out += "compensation: " + std::to_string(*e.compensation_yuan);
  }
}

void order(std::string& out, const OrderSpec& spec, const Ruleset& rs) {
  const Order& o = spec.order;
  out += "  - id: ";
  quoted(out, o.id);
  out += "\n    kind: ";
  out += to_string(o.kind);
  out += "\n    paid_at: " + time_text(o.paid_at) + "\n    promise: ";
  promise(out, o.promise);
  out += "\n    amount: ";
  quoted(out, o.amount.to_string());
  out += "\n    ship_from: ";
  address(out, o.ship_from);
  out += "\n    ship_to: ";
  address(out, o.ship_to);
  if (o.buyer_requested_return) out += "\n    buyer_requested_return: true";
  if (o.upload) {
    out += "\n    upload: {at: " + time_text(o.upload->at) + ", carrier: ";
    out += sim::code(o.upload->carrier);
    out += ", number: ";
    quoted(out, o.upload->number);
    out += "}";
  }
  if (spec.expect) {
    out += "\n    expect: {";
    expectation(out, *spec.expect, rs);
    out += "}";
  }
  if (!spec.expect_at.empty()) {
    out += "\n    expect_at:";
    for (const ExpectAt& e : spec.expect_at) {
      out += "\n      - {at: " + time_text(e.at);
      std::string rest;
      expectation(rest, e.expect, rs);
      if (!rest.empty()) out += ", " + rest;
      out += "}";
    }
  }
  out += "\n";
}

void scan(std::string& out, const sim::Scan& s) {
  const auto& atlas = sim::geo::Atlas::china();
  out += "      - {at: " + time_text(s.at) + ", kind: ";
  out += sim::to_string(s.kind);
  if (s.city != sim::geo::kNoCity) out += ", city: ", quoted(out, atlas.city(s.city).full_name);
  if (!s.facility.empty()) out += ", facility: ", quoted(out, s.facility);
  if (s.facility_type != sim::FacilityType::unspecified) {
    out += ", facility_type: ";
    out += sim::to_string(s.facility_type);
  }
  if (s.visible_at != s.at) out += ", visible_at: " + time_text(s.visible_at);
  if (!s.text.empty()) out += ", text: ", quoted(out, s.text);
  out += "}\n";
}

void parcel(std::string& out, const ParcelSpec& p) {
  out += "  - carrier: ";
  out += sim::code(p.carrier);
  out += "\n    number: ";
  quoted(out, p.number);
  if (p.consignee_city != sim::geo::kNoCity || !p.consignee_phone_tail.empty()) {
    Address to;
    to.city = p.consignee_city;
    to.phone_tail = p.consignee_phone_tail;
    out += "\n    to: ";
    address(out, to);
  }
  // A parcel the carrier knows with nothing scanned yet: an empty list, which reads back (a bare
  // `scans:` would read as nothing, not as a list).
  out += p.scans.empty() ? "\n    scans: []\n" : "\n    scans:\n";
  for (const sim::Scan& s : p.scans) scan(out, s);
}

}  // namespace

std::string write_scenario_yaml(const Scenario& s) {
  std::string out;
  out.reserve(512 + s.orders.size() * 700 + s.parcels.size() * 1200);
  out += "name: ";
  quoted(out, s.name);
  out += "\n";
  if (!s.description.empty()) out += "description: ", quoted(out, s.description), out += "\n";
  if (!s.tags.empty()) {
    out += "tags: [";
    for (std::size_t i = 0; i < s.tags.size(); ++i) {
      if (i) out += ", ";
      quoted(out, s.tags[i]);
    }
    out += "]\n";
  }
  out += "ruleset: ";
  quoted(out, s.ruleset_name);
  out += "\nstart: " + time_text(s.start) + "\nuntil: " + time_text(s.until) + "\norders:\n";
  for (const OrderSpec& o : s.orders) order(out, o, *s.ruleset);
  if (!s.parcels.empty()) {
    out += "parcels:\n";
    for (const ParcelSpec& p : s.parcels) parcel(out, p);
  }
  return out;
}

}  // namespace tracksim::harness
