#include "tests/support/scenario_writer.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "sim/carrier/carrier.h"
#include "sim/carrier/number.h"
#include "sim/core/atomic_file.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness::testing {
namespace {

// A YAML double-quoted scalar.
std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string when(sim::Instant t) { return sim::format_timestamp(t); }

// "{province: "浙江省", city: "杭州市", ...}", or "" when the address names no place.
std::string address_yaml(const Address& a) {
  const auto& atlas = sim::geo::Atlas::china();
  std::vector<std::string> parts;
  if (a.province != sim::geo::kNoProvince) {
    parts.push_back("province: " + yaml_quoted(atlas.province(a.province).full_name));
  }
  if (a.city != sim::geo::kNoCity) {
    parts.push_back("city: " + yaml_quoted(atlas.city(a.city).full_name));
  }
  if (!a.district.empty()) parts.push_back("district: " + yaml_quoted(a.district));
  if (!a.phone_tail.empty()) parts.push_back("phone_tail: " + yaml_quoted(a.phone_tail));
  if (parts.empty()) return "";
  std::string out = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + "}";
}

std::string promise_yaml(const Promise& p) {
  switch (p.type) {
    case Promise::Type::same_day:
      return "same_day";
    case Promise::Type::next_day:
      return "next_day";
    case Promise::Type::duration:
      return yaml_quoted(sim::format_duration(p.within));
    case Promise::Type::ship_by:
      return "{ship_by: " + when(p.ship_by) + "}";
  }
  return "";
}

std::string expect_yaml(const Expectation& e) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!e.outcomes[i]) continue;
    std::string value(to_string(*e.outcomes[i]));
    if (static_cast<Rule>(i) == Rule::fake_shipment && e.detectors && e.detectors->any()) {
      value = "[";
      for (std::size_t d = 0; d < kDetectorCount; ++d) {
        if (!e.detectors->test(d)) continue;
        if (value.size() > 1) value += ", ";
        value += to_string(static_cast<Detector>(d));
      }
      value += "]";
    }
    parts.push_back(std::string(rule_names()[i]) + ": " + value);
  }
  if (e.compensation_yuan) parts.push_back("compensation: " + std::to_string(*e.compensation_yuan));
  std::string out = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out + "}";
}

std::string scan_yaml(const sim::Scan& s) {
  const auto& atlas = sim::geo::Atlas::china();
  std::string out = "{at: " + when(s.at) + ", kind: " + std::string(sim::to_string(s.kind));
  if (s.city != sim::geo::kNoCity) {
    const sim::geo::City& c = atlas.city(s.city);
    out += ", province: " + yaml_quoted(atlas.province(c.province).full_name);
    out += ", city: " + yaml_quoted(c.full_name);
  }
  if (!s.facility.empty()) out += ", facility: " + yaml_quoted(s.facility);
  if (s.facility_type != sim::FacilityType::unspecified) {
    out += ", facility_type: " + std::string(sim::to_string(s.facility_type));
  }
  if (s.visible_at != s.at) out += ", visible_at: " + when(s.visible_at);
  if (!s.text.empty()) out += ", text: " + yaml_quoted(s.text);
  return out + "}";
}

void order_yaml(std::ostringstream& out, const Order& o, const std::optional<Expectation>& e) {
  out << "  - id: " << yaml_quoted(o.id) << "\n";
  out << "    kind: " << to_string(o.kind) << "\n";
  out << "    paid_at: " << when(o.paid_at) << "\n";
  out << "    promise: " << promise_yaml(o.promise) << "\n";
  out << "    amount: " << yaml_quoted(o.amount.to_string()) << "\n";
  if (auto a = address_yaml(o.ship_from); !a.empty()) out << "    ship_from: " << a << "\n";
  if (auto a = address_yaml(o.ship_to); !a.empty()) out << "    ship_to: " << a << "\n";
  if (o.buyer_requested_return) out << "    buyer_requested_return: true\n";
  if (o.upload) {
    out << "    upload: {at: " << when(o.upload->at)
        << ", carrier: " << sim::code(o.upload->carrier)
        << ", number: " << yaml_quoted(o.upload->number) << "}\n";
  }
  if (e) out << "    expect: " << expect_yaml(*e) << "\n";
}

sim::Instant earliest(const ScenarioDraft& d) {
  sim::Instant t = d.until;
  for (const Shipment& s : d.shipments) {
    t = std::min(t, s.order.paid_at);
    if (s.order.upload) t = std::min(t, s.order.upload->at);
    for (const sim::Scan& sc : s.scans) t = std::min({t, sc.at, sc.visible_at});
  }
  return t;
}

}  // namespace

std::string render_scenario(const ScenarioDraft& d) {
  std::ostringstream out;
  out << "name: " << yaml_quoted(d.name) << "\n";
  if (!d.description.empty()) out << "description: " << yaml_quoted(d.description) << "\n";
  out << "ruleset: " << yaml_quoted(d.ruleset) << "\n";
  out << "start: " << when(earliest(d)) << "\n";
  out << "until: " << when(d.until) << "\n";
  out << "orders:\n";
  for (std::size_t i = 0; i < d.shipments.size(); ++i) {
    order_yaml(out, d.shipments[i].order, i < d.expect.size() ? d.expect[i] : std::nullopt);
  }
  std::set<std::pair<sim::Carrier, std::string>> listed;
  bool header = false;
  for (const Shipment& s : d.shipments) {
    const auto& u = s.order.upload;
    if (!u || !sim::is_valid_number(u->carrier, u->number)) continue;
    if (!listed.emplace(u->carrier, u->number).second) continue;
    if (!header) out << "parcels:\n", header = true;
    out << "  - carrier: " << sim::code(u->carrier) << "\n";
    out << "    number: " << yaml_quoted(u->number) << "\n";
    Address consignee;
    consignee.city = s.consignee_city;
    consignee.phone_tail = s.consignee_phone_tail;
    if (auto a = address_yaml(consignee); !a.empty()) out << "    to: " << a << "\n";
    out << "    scans:" << (s.scans.empty() ? " []" : "") << "\n";
    for (const sim::Scan& sc : s.scans) out << "      - " << scan_yaml(sc) << "\n";
  }
  return out.str();
}

Expectation expectation_of(const Verdict& v, const Ruleset& ruleset) {
  Expectation e;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (ruleset.has(static_cast<Rule>(i))) e.outcomes[i] = v.rules[i].outcome;
  }
  if (ruleset.has(Rule::fake_shipment)) e.detectors = v.detectors;
  e.compensation_yuan = v.compensation_yuan;
  return e;
}

std::string write_counterexample(std::string_view file_stem, const ScenarioDraft& draft) {
  namespace fs = std::filesystem;
  const char* tmp = std::getenv("TMPDIR");
  const fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / "tracksim-counterexamples";
  std::error_code ec;
  fs::create_directories(dir, ec);
  ScenarioDraft d = draft;
  if (d.ruleset_yaml) {
    const fs::path rules = dir / (std::string(file_stem) + ".ruleset.yaml");
    (void)sim::write_file_atomically(rules.string(), *d.ruleset_yaml);
    d.ruleset = rules.string();
  }
  const fs::path path = dir / (std::string(file_stem) + ".yaml");
  (void)sim::write_file_atomically(path.string(), render_scenario(d));
  return path.string();
}

}  // namespace tracksim::harness::testing
