#include "harness/scenario/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "harness/population/fault.h"
#include "harness/population/injectors.h"
#include "harness/population/population.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/yaml_reader.h"
#include "sim/carrier/carrier.h"
#include "sim/core/rng.h"
#include "sim/core/text.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"
#include "sim/timeline/route.h"

namespace tracksim::harness {

const ParcelSpec* Scenario::find_parcel(sim::Carrier carrier, std::string_view number) const {
  if (parcel_index.size() != parcels.size()) {  // not indexed (or changed since)
    for (const ParcelSpec& p : parcels) {
      if (p.carrier == carrier && p.number == number) return &p;
    }
    return nullptr;
  }
  const auto key = std::make_pair(carrier, number);
  auto it = std::lower_bound(
      parcel_index.begin(), parcel_index.end(), key, [&](std::uint32_t i, const auto& k) {
        return std::make_pair(parcels[i].carrier, std::string_view(parcels[i].number)) < k;
      });
  if (it == parcel_index.end()) return nullptr;
  const ParcelSpec& p = parcels[*it];
  return p.carrier == carrier && p.number == number ? &p : nullptr;
}

void Scenario::index_parcels() {
  parcel_index.resize(parcels.size());
  for (std::size_t i = 0; i < parcels.size(); ++i) parcel_index[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(parcel_index.begin(), parcel_index.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::make_pair(parcels[a].carrier, std::string_view(parcels[a].number)) <
           std::make_pair(parcels[b].carrier, std::string_view(parcels[b].number));
  });
}

std::size_t order_count(const std::vector<Scenario>& scenarios) {
  std::size_t n = 0;
  for (const Scenario& s : scenarios) n += s.orders.size();
  return n;
}

namespace {

// `push_faults:` (docs/push.md): a list of mappings with scalar values, handed to the server's
// own parser as the JSON the admin API takes, so both read them alike.
void push_faults(YamlReader& r, YamlNode n, Scenario& s) {
  if (!r.is_seq(n, "push_faults")) return;
  std::string json = "[";
  for (YamlNode rule : n) {
    if (!r.is_map(rule, "a push fault")) return;
    json += json.size() > 1 ? ",{" : "{";
    bool first = true;
    for (const auto& [key, value] : rule.entries()) {
      if (!value.is_scalar()) return r.fail(value, "push_faults: expected a plain value");
      const std::string& v = value.scalar();
      char* end = nullptr;
      std::strtod(v.c_str(), &end);
      const bool number = !v.empty() && end == v.c_str() + v.size() &&
                          v.find_first_not_of("0123456789.-eE") == std::string::npos &&
                          std::isdigit(static_cast<unsigned char>(v.back())) != 0;
      std::string quoted = "\"";
      for (const char c : v) {
        quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
      }
      quoted += '"';
      const std::string k = key.is_scalar() ? key.scalar() : std::string();
      json += (first ? "\"" : ",\"") + k + "\":" + (number ? v : quoted);
      first = false;
    }
    json += "}";
  }
  json += "]";
  auto rules = sim::server::parse_push_fault_rules(json);
  if (!rules) return r.fail(n, rules.error().message);
  s.push_faults = std::move(*rules);
}

namespace geo = sim::geo;

// Parses one YAML document into a Scenario, reporting into the reader. The items of `orders:` and
// `parcels:` may come one at a time while the file is read (stream, item), as soon as the keys
// they depend on are known; parse(doc) then reads the rest. Problems are reported in the order a
// whole-document reading finds them (keys, head, orders, parcels, until), whatever the order in
// which they were found.
class ScenarioParser {
 public:
  ScenarioParser(YamlReader& r, std::string base_dir) : r_(r), base_dir_(std::move(base_dir)) {}

  // Whether the items of top-level list `key` can be parsed as they are read, given the document
  // read so far (`root`): only orders and parcels, once name, ruleset and start are known.
  bool stream(YamlNode root, std::string_view key);
  // One item of a streamed list.
  void item(std::string_view key, YamlNode n);
  // The whole document (streamed lists hold no items by now); problems go to `errors`.
  std::optional<Scenario> parse(YamlNode doc, std::vector<Error>& errors);
  // One order file (an `orders:` entry on its own, paid_at absolute): its scenario shell holds
  // the ruleset (`fixed`, else the shipped one in force at paid_at) and the order.
  std::optional<Scenario> order_file(YamlNode doc, const RulesetPtr& fixed);

 private:
  enum Section : std::size_t { kKeys, kHead, kOrders, kParcels, kUntil, kSections };
  void report_into(Section section) { r_.report_into(sections_[section]); }
  bool parse_sections(YamlNode doc);
  bool head(YamlNode doc);
  void labels(YamlNode doc);
  void lists(YamlNode doc);
  void until(YamlNode doc, bool generated);
  void order(YamlNode n, Scenario& s);
  void parcel(YamlNode n, Scenario& s);
  void generate(YamlNode n, Scenario& s);
  std::optional<double> real(YamlNode n, std::string_view what, double max);
  void route_parcel(YamlNode n, const Scenario& s, ParcelSpec& p);
  std::optional<sim::Scan> scan(YamlNode n);
  std::optional<Promise> promise(YamlNode n);
  std::optional<Upload> upload(YamlNode n);
  std::optional<Address> address(YamlNode n, std::string_view what);
  std::optional<Expectation> expectation(YamlNode n, bool with_at, const Ruleset& rs);
  std::optional<sim::Carrier> carrier(YamlNode n);
  std::optional<geo::CityId> city(YamlNode n);
  std::optional<std::string> phone_tail(YamlNode n);
  sim::Instant when(YamlNode n, std::string_view what) {
    auto t = r_.instant(n, what, start_);
    if (t) last_ = std::max(last_, *t);
    return t.value_or(start_);
  }

  YamlReader& r_;
  std::string base_dir_;
  Scenario s_;
  std::array<std::vector<Error>, kSections> sections_;
  std::optional<bool> head_ok_;  // set once the head (name to start) has been read
  bool description_read_ = false;
  bool tags_read_ = false;
  std::set<std::string> streamed_;
  std::set<std::string> order_ids_;
  std::set<std::pair<sim::Carrier, std::string>> parcel_keys_;
  sim::Instant start_;
  sim::Instant last_;            // the last scripted time, for the default `until`
  sim::Instant last_expect_at_;  // the last expect_at instant, which must not pass `until`
};

bool ScenarioParser::stream(YamlNode root, std::string_view key) {
  if (key != "orders" && key != "parcels") return false;
  if (!root["name"] || !root["ruleset"] || !root["start"] || root["generate"]) return false;
  if (!streamed_.insert(std::string(key)).second) return false;  // a duplicate key stays whole
  if (!head_ok_) head_ok_ = head(root);
  return *head_ok_;
}

void ScenarioParser::item(std::string_view key, YamlNode n) {
  if (key == "orders") {
    report_into(kOrders);
    order(n, s_);
  } else {
    report_into(kParcels);
    parcel(n, s_);
  }
}

std::optional<Scenario> ScenarioParser::parse(YamlNode doc, std::vector<Error>& errors) {
  const bool ok = parse_sections(doc);
  for (auto& section : sections_) {
    errors.insert(errors.end(), std::make_move_iterator(section.begin()),
                  std::make_move_iterator(section.end()));
  }
  if (!ok || r_.error_count() != 0) return std::nullopt;
  s_.index_parcels();
  return std::move(s_);
}

bool ScenarioParser::parse_sections(YamlNode doc) {
  report_into(kKeys);
  if (!r_.is_map(doc, "a scenario")) return false;
  r_.known_keys(doc, {"name", "description", "tags", "ruleset", "start", "until", "orders",
                      "parcels", "generate", "push_faults"});
  if (!head_ok_) head_ok_ = head(doc);
  if (!*head_ok_) return false;
  labels(doc);  // description: or tags: after a streamed list
  lists(doc);
  if (auto n = doc["push_faults"]) push_faults(r_, n, s_);
  until(doc, static_cast<bool>(doc["generate"]));
  return true;
}

// name, description, tags, ruleset and start; false when the ruleset cannot be loaded.
bool ScenarioParser::head(YamlNode doc) {
  report_into(kHead);
  s_.file = r_.file();
  s_.where = r_.where(doc);
  if (auto n = r_.required(doc, "name", "scenario")) s_.name = r_.text(n, "name").value_or("");
  labels(doc);
  s_.ruleset_name = "douyin-2023";
  if (auto n = doc["ruleset"]) s_.ruleset_name = r_.text(n, "ruleset").value_or(s_.ruleset_name);
  auto rs = load_ruleset(s_.ruleset_name, base_dir_);
  if (!rs) {
    r_.fail(doc["ruleset"] ? doc["ruleset"].mark() : doc.mark(), rs.error().to_string());
    return false;
  }
  s_.ruleset = *rs;
  if (auto n = r_.required(doc, "start", "scenario")) {
    if (auto t = r_.timestamp(n, "start")) start_ = *t;
  }
  s_.start = start_;
  last_ = start_;
  last_expect_at_ = start_;
  return true;
}

// description and tags, each once (a streamed list may come before them).
void ScenarioParser::labels(YamlNode doc) {
  report_into(kHead);
  if (auto n = doc["description"]; n && !description_read_) {
    description_read_ = true;
    s_.description = r_.text(n, "description").value_or("");
  }
  if (auto n = doc["tags"]; n && !tags_read_) {
    tags_read_ = true;
    if (r_.is_seq(n, "tags")) {
      for (YamlNode t : n) {
        if (auto v = r_.text(t, "tag")) s_.tags.push_back(*v);
      }
    }
  }
}

// generate:, or orders: and parcels: (their items already read when they streamed).
void ScenarioParser::lists(YamlNode doc) {
  report_into(kOrders);
  const YamlNode gen = doc["generate"];
  if (gen && (doc["orders"] || doc["parcels"])) {
    sections_[kOrders].clear();  // streamed items are not looked at, as in a whole document
    sections_[kParcels].clear();
    r_.fail(doc["orders"] ? doc["orders"] : doc["parcels"],
            "orders:/parcels: cannot be combined with generate: in one scenario; put scripted "
            "orders in a scenario of their own");
  } else if (gen) {
    generate(gen, s_);
  } else if (auto n = r_.required(doc, "orders", "scenario"); n && r_.is_seq(n, "orders")) {
    if (n.size() == 0) r_.fail(n, "orders: at least one order is required");
    for (YamlNode o : n) order(o, s_);
  }
  report_into(kParcels);
  if (auto n = doc["parcels"]; n && !gen && r_.is_seq(n, "parcels")) {
    for (YamlNode p : n) parcel(p, s_);
  }
}

void ScenarioParser::until(YamlNode doc, bool generated) {
  report_into(kUntil);
  if (!generated) s_.until = last_ + sim::Duration(7 * 86400);
  if (auto n = doc["until"]) {
    auto t = r_.instant(n, "until", start_);
    if (t && *t < last_expect_at_) {
      r_.fail(n, "until " + sim::format_timestamp(*t) + " is before the last expect_at instant " +
                     sim::format_timestamp(last_expect_at_));
    } else if (t && generated && *t < s_.until) {
      r_.fail(n, "until " + sim::format_timestamp(*t) +
                     " is before the generated orders' labels are final (" +
                     sim::format_timestamp(s_.until) + "); leave until out or make it later");
    } else if (t) {
      s_.until = *t;
    }
  }
}

std::optional<Scenario> ScenarioParser::order_file(YamlNode doc, const RulesetPtr& fixed) {
  if (!r_.is_map(doc, "an order")) return std::nullopt;
  const std::size_t errors_before = r_.error_count();
  const YamlNode paid = r_.required(doc, "paid_at", "order");
  if (!paid) return std::nullopt;
  auto t = r_.timestamp(paid,
                        "paid_at (absolute in an order file; other times may be offsets "
                        "from it)");
  if (!t) return std::nullopt;
  Scenario s;
  s.file = r_.file();
  s.where = r_.where(doc);
  s.ruleset = fixed;
  if (!s.ruleset) {
    auto rs = ruleset_in_force(*t);
    if (!rs) return r_.fail(paid, rs.error().to_string()), std::nullopt;
    s.ruleset = *rs;
  }
  s.ruleset_name = s.ruleset->name;
  start_ = last_ = last_expect_at_ = s.start = *t;
  order(doc, s);
  s.until = last_ + sim::Duration(7 * 86400);
  return r_.error_count() == errors_before ? std::optional<Scenario>(std::move(s)) : std::nullopt;
}

void ScenarioParser::order(YamlNode n, Scenario& s) {
  if (!r_.is_map(n, "an order")) return;
  r_.known_keys(n, {"id", "kind", "paid_at", "promise", "amount", "ship_from", "ship_to",
                    "buyer_requested_return", "upload", "expect", "expect_at"});
  OrderSpec spec;
  spec.where = r_.where(n);
  Order& o = spec.order;
  if (auto v = r_.required(n, "id", "order")) {
    o.id = r_.text(v, "id").value_or("");
    if (!o.id.empty() && !order_ids_.insert(o.id).second) {
      r_.fail(v, "duplicate order id '" + o.id + "' in this scenario");
    }
  }
  if (auto v = n["kind"]) {
    if (auto k = r_.choice(v, "order kind", order_kind_names()))
      o.kind = static_cast<OrderKind>(*k);
  }
  if (auto v = r_.required(n, "paid_at", "order")) o.paid_at = when(v, "paid_at");
  o.promise.within = s.ruleset->default_promise;
  if (auto v = n["promise"]) {
    if (auto p = promise(v)) o.promise = *p;
  }
  if (auto v = n["amount"]) o.amount = r_.money(v, "amount").value_or(sim::Money());
  if (auto v = n["ship_from"]) o.ship_from = address(v, "ship_from").value_or(Address{});
  if (auto v = n["ship_to"]) o.ship_to = address(v, "ship_to").value_or(Address{});
  if (auto v = n["buyer_requested_return"]) {
    o.buyer_requested_return = r_.boolean(v, "buyer_requested_return").value_or(false);
  }
  if (auto v = n["upload"]) o.upload = upload(v);
  if (auto v = n["expect"]) spec.expect = expectation(v, false, *s.ruleset);
  if (auto v = n["expect_at"]; v && r_.is_seq(v, "expect_at")) {
    for (YamlNode item : v) {
      if (!r_.is_map(item, "an expect_at entry")) continue;
      auto e = expectation(item, true, *s.ruleset);
      if (!e) continue;
      const YamlNode at = r_.required(item, "at", "expect_at entry");
      if (!at) continue;
      const sim::Instant t = when(at, "at");
      last_expect_at_ = std::max(last_expect_at_, t);
      spec.expect_at.push_back({t, std::move(*e)});
    }
  }
  s.orders.push_back(std::move(spec));
}

std::optional<Promise> ScenarioParser::promise(YamlNode n) {
  Promise p;
  if (n.is_map()) {
    r_.known_keys(n, {"ship_by"});
    const YamlNode v = r_.required(n, "ship_by", "promise");
    if (!v) return std::nullopt;
    p.type = Promise::Type::ship_by;
    p.ship_by = when(v, "ship_by");
    return p;
  }
  auto s = r_.text(n, "promise");
  if (!s) return std::nullopt;
  if (*s == "same_day") return p.type = Promise::Type::same_day, p;
  if (*s == "next_day") return p.type = Promise::Type::next_day, p;
  auto d = sim::parse_duration(*s);
  if (!d) {
    constexpr std::string_view kWords[] = {"same_day", "next_day"};
    const std::string hint = sim::did_you_mean(*s, kWords);
    r_.fail(n,
            "promise must be same_day, next_day, a duration like 48h, or {ship_by: <time>}; got '" +
                *s + "'" + hint);
    return std::nullopt;
  }
  p.type = Promise::Type::duration;
  p.within = *d;
  return p;
}

std::optional<sim::Carrier> ScenarioParser::carrier(YamlNode n) {
  auto s = r_.text(n, "carrier");
  if (!s) return std::nullopt;
  if (auto c = sim::parse_carrier(*s)) return c;
  const std::string hint = sim::did_you_mean(*s, sim::carrier_names());
  r_.fail(
      n, "unknown carrier '" + *s + "'" +
             (hint.empty() ? " (expected sf, zto, yto, yunda, sto, jt, jd, ems or a Kuaidi100 code)"
                           : hint));
  return std::nullopt;
}

std::optional<geo::CityId> ScenarioParser::city(YamlNode n) {
  auto s = r_.text(n, "city");
  if (!s) return std::nullopt;
  const auto& atlas = geo::Atlas::china();
  if (const geo::City* c = atlas.find_city(*s)) return c->id;
  r_.fail(n, "unknown city '" + *s + "'" + atlas.suggest_city(*s));
  return std::nullopt;
}

std::optional<std::string> ScenarioParser::phone_tail(YamlNode n) {
  auto s = r_.text(n, "phone_tail");
  if (!s) return std::nullopt;
  const bool digits = s->size() == 4 && std::all_of(s->begin(), s->end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    r_.fail(n, "phone_tail must be the last 4 digits of a phone number, quoted (\"5678\"); got '" +
                   *s + "'");
    return std::nullopt;
  }
  return s;
}

std::optional<Address> ScenarioParser::address(YamlNode n, std::string_view what) {
  if (!r_.is_map(n, what)) return std::nullopt;
  r_.known_keys(n, {"province", "city", "district", "phone_tail"});
  const auto& atlas = geo::Atlas::china();
  Address a;
  if (auto v = n["province"]) {
    auto s = r_.text(v, "province");
    const geo::Province* p = s ? atlas.find_province(*s) : nullptr;
    if (s && !p) r_.fail(v, "unknown province '" + *s + "'" + atlas.suggest_province(*s));
    if (p) a.province = p->id;
  }
  if (auto v = n["city"]) {
    if (auto c = city(v)) {
      a.city = *c;
      const geo::ProvinceId in = atlas.city(*c).province;
      if (a.province != geo::kNoProvince && a.province != in) {
        r_.fail(v, "city " + std::string(atlas.city(*c).full_name) + " is in " +
                       std::string(atlas.province(in).full_name) + ", not " +
                       std::string(atlas.province(a.province).full_name));
      }
      a.province = in;  // a province left out is derived from the city
    }
  }
  if (auto v = n["district"]) a.district = r_.text(v, "district").value_or("");
  if (auto v = n["phone_tail"]) a.phone_tail = phone_tail(v).value_or("");
  return a;
}

std::optional<Upload> ScenarioParser::upload(YamlNode n) {
  if (!r_.is_map(n, "upload")) return std::nullopt;
  r_.known_keys(n, {"at", "carrier", "number"});
  Upload u;
  bool ok = true;
  if (auto v = r_.required(n, "at", "upload")) u.at = when(v, "upload.at");
  if (auto v = r_.required(n, "carrier", "upload")) {
    auto c = carrier(v);
    ok = ok && c.has_value();
    if (c) u.carrier = *c;
  } else {
    ok = false;
  }
  if (auto v = r_.required(n, "number", "upload")) {
    auto s = r_.text(v, "number");
    ok = ok && s.has_value();
    if (s) u.number = *s;
  } else {
    ok = false;
  }
  return ok ? std::optional<Upload>(std::move(u)) : std::nullopt;
}

std::optional<Expectation> ScenarioParser::expectation(YamlNode n, bool with_at,
                                                       const Ruleset& rs) {
  if (!r_.is_map(n, with_at ? "an expect_at entry" : "expect")) return std::nullopt;
  Expectation e;
  e.where = r_.where(n);
  const std::size_t before = r_.error_count();
  std::set<std::string> seen;  // these keys are checked here, not by known_keys
  for (const auto& [key, value] : n.entries()) {
    const std::string name = key.is_scalar() ? key.scalar() : std::string();
    if (!seen.insert(name).second) {
      r_.fail(key, "duplicate key '" + name + "'");
      continue;
    }
    if (with_at && name == "at") continue;
    if (name == "compensation") {
      auto m = r_.money(value, "compensation");
      if (m && m->fen() % 100 != 0) r_.fail(value, "compensation is paid in whole yuan");
      if (m) e.compensation_yuan = m->fen() / 100;
      continue;
    }
    const auto rule = parse_rule(name);
    if (!rule) {
      std::vector<std::string_view> keys(rule_names().begin(), rule_names().end());
      keys.push_back("compensation");
      if (with_at) keys.push_back("at");
      r_.fail(key, "unknown key '" + name + "'" + sim::did_you_mean(name, keys));
      continue;
    }
    if (!rs.has(*rule)) {
      r_.fail(key, "ruleset " + rs.name + " has no rule '" + name + "'");
      continue;
    }
    if (*rule == Rule::fake_shipment && value.is_seq()) {
      DetectorSet set;
      for (YamlNode d : value) {
        auto i = r_.choice(d, "detector", detector_names());
        if (i && !rs.detects(static_cast<Detector>(*i))) {
          r_.fail(d, "ruleset " + rs.name + " has no detector '" + d.scalar() + "'");
        } else if (i) {
          set.set(*i);
        }
      }
      e.detectors = set;
      e.outcomes[static_cast<std::size_t>(Rule::fake_shipment)] =
          set.any() ? Outcome::violated : Outcome::ok;
      continue;
    }
    constexpr std::string_view kOutcomes[] = {"ok", "violated", "pending", "n/a"};
    if (auto i = r_.choice(value, "outcome", kOutcomes)) {
      e.outcomes[static_cast<std::size_t>(*rule)] = static_cast<Outcome>(*i);
    }
  }
  if (r_.error_count() != before) return std::nullopt;
  return e;
}

std::optional<sim::Scan> ScenarioParser::scan(YamlNode n) {
  if (!r_.is_map(n, "a scan")) return std::nullopt;
  r_.known_keys(
      n, {"at", "kind", "city", "province", "facility", "facility_type", "visible_at", "text"});
  const std::size_t before = r_.error_count();
  sim::Scan s;
  if (auto v = r_.required(n, "at", "scan")) s.at = when(v, "at");
  if (auto v = r_.required(n, "kind", "scan")) {
    if (auto k = r_.choice(v, "scan kind", sim::scan_kind_names()))
      s.kind = static_cast<sim::ScanKind>(*k);
  }
  if (auto v = n["city"]) {
    s.city = city(v).value_or(geo::kNoCity);
  } else if (sim::is_physical(s.kind) && r_.error_count() == before) {
    r_.fail(n, "a " + std::string(sim::to_string(s.kind)) + " scan needs a city");
  }
  if (auto v = n["province"]) {
    const auto& atlas = geo::Atlas::china();
    auto name = r_.text(v, "province");
    const geo::Province* p = name ? atlas.find_province(*name) : nullptr;
    if (name && !p) r_.fail(v, "unknown province '" + *name + "'" + atlas.suggest_province(*name));
    if (p && s.city != geo::kNoCity && atlas.city(s.city).province != p->id) {
      r_.fail(v, "city " + std::string(atlas.city(s.city).full_name) + " is not in " +
                     std::string(p->full_name));
    }
  }
  if (auto v = n["facility"]) s.facility = r_.text(v, "facility").value_or("");
  if (auto v = n["facility_type"]) {
    constexpr std::string_view kTypes[] = {"outlet", "hub", "station", "locker"};
    if (auto t = r_.choice(v, "facility_type", kTypes))
      s.facility_type = static_cast<sim::FacilityType>(*t + 1);
  }
  s.visible_at = s.at;
  if (auto v = n["visible_at"]) {
    s.visible_at = when(v, "visible_at");
    if (s.visible_at < s.at) {
      r_.fail(v, "visible_at " + sim::format_timestamp(s.visible_at) +
                     " is before the scan happened (" + sim::format_timestamp(s.at) + ")");
    }
  }
  if (auto v = n["text"]) s.text = r_.text(v, "text").value_or("");
  if (r_.error_count() != before) return std::nullopt;
  return s;
}

void ScenarioParser::parcel(YamlNode n, Scenario& s) {
  if (!r_.is_map(n, "a parcel")) return;
  r_.known_keys(n, {"carrier", "number", "to", "scans", "route"});
  ParcelSpec p;
  p.where = r_.where(n);
  if (auto v = r_.required(n, "carrier", "parcel")) p.carrier = carrier(v).value_or(p.carrier);
  if (auto v = r_.required(n, "number", "parcel")) p.number = r_.text(v, "number").value_or("");
  if (!p.number.empty() && !parcel_keys_.insert({p.carrier, p.number}).second) {
    r_.fail(n["number"], "parcel " + std::string(sim::code(p.carrier)) + " " + p.number +
                             " is listed twice in this scenario");
  }
  if (auto v = n["to"]) {
    if (auto c = address(v, "to")) {  // address() checks the type and the keys
      p.consignee_city = c->city;
      p.consignee_phone_tail = c->phone_tail;
    }
  }
  const YamlNode scans = n["scans"];
  const YamlNode route = n["route"];
  if (route && scans) {
    r_.fail(route, "parcel: give scans: or route:, not both");
  } else if (route) {
    route_parcel(route, s, p);
  } else if (!scans) {
    r_.fail(n, "parcel: needs scans: (or route:)");
  } else if (r_.is_seq(scans, "scans")) {
    for (YamlNode item : scans) {
      if (auto sc = scan(item)) p.scans.push_back(std::move(*sc));
    }
  }
  s.parcels.push_back(std::move(p));
}

// A `route:` block: the route builder writes the scans. The default seed is a hash of the
// scenario name and the parcel's carrier and number, so it survives reordering the parcels.
void ScenarioParser::route_parcel(YamlNode n, const Scenario& s, ParcelSpec& p) {
  if (!r_.is_map(n, "route")) return;
  r_.known_keys(n, {"from", "to", "pickup_at", "seed", "faults", "locker"});
  const std::size_t before = r_.error_count();
  sim::RouteRequest req;
  req.carrier = p.carrier;
  if (auto v = r_.required(n, "from", "route")) req.from = city(v).value_or(geo::kNoCity);
  if (auto v = r_.required(n, "to", "route")) req.to = city(v).value_or(geo::kNoCity);
  if (auto v = r_.required(n, "pickup_at", "route")) req.pickup_at = when(v, "pickup_at");
  req.seed = sim::Rng::hash(s.name + "/" + std::string(sim::code(p.carrier)) + ":" + p.number);
  if (auto v = n["seed"]) {
    req.seed = static_cast<std::uint64_t>(
        r_.integer(v, "seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(0));
  }
  if (auto v = n["locker"]) req.locker = r_.boolean(v, "locker").value_or(false);
  std::vector<Fault> faults;
  if (auto v = n["faults"]; v && r_.is_seq(v, "faults")) {
    for (YamlNode f : v) {
      auto i = r_.choice(f, "fault", fault_names());
      if (!i) continue;
      const auto fault = static_cast<Fault>(*i);
      if (!is_timeline_fault(fault)) {
        r_.fail(f, "fault '" + f.scalar() +
                       "' is about the order, not the parcel's timeline: script it in the "
                       "order, or use a generate: block");
        continue;
      }
      faults.push_back(fault);
    }
  }
  if (r_.error_count() != before) return;
  // The same injectors as `generate:` (population/injectors.h), on a draft holding the route.
  OrderDraft draft;
  draft.parcel.scans = sim::build_route(req);
  draft.facts.valid_upload = true;
  summarize_route(draft);
  const sim::Rng rng = sim::Rng(req.seed).split("faults");
  for (Fault f : faults) {
    sim::Rng fault_rng = rng.split(to_string(f));
    inject_timeline_fault(f, draft, *s.ruleset, fault_rng);
  }
  p.scans = std::move(draft.parcel.scans);
  if (!p.scans.empty()) last_ = std::max(last_, p.scans.back().at);
}

std::optional<double> ScenarioParser::real(YamlNode n, std::string_view what, double max) {
  double v = 0;
  if (!n.is_scalar() || !YAML::convert<double>::decode(YAML::Node(n.scalar()), v) ||
      !(v >= 0 && v <= max)) {
    r_.fail(n, std::string(what) + " must be a number from 0 to " +
                   (max == 1 ? std::string("1") : std::to_string(static_cast<long>(max))) +
                   "; got '" + (n.is_scalar() ? n.scalar() : std::string("...")) + "'");
    return std::nullopt;
  }
  return v;
}

// A `generate:` block: the population generator's orders and parcels, labelled by construction.
void ScenarioParser::generate(YamlNode n, Scenario& s) {
  if (!r_.is_map(n, "generate")) return;
  r_.known_keys(n, {"seed", "orders", "kinds", "faults", "expect"});
  const std::size_t before = r_.error_count();
  GenerateSpec spec;
  spec.start = start_;
  if (auto v = n["seed"]) {
    spec.seed = static_cast<std::uint64_t>(r_.integer(v, "seed", 0, INT64_MAX).value_or(0));
  }
  if (auto v = r_.required(n, "orders", "generate")) {
    spec.orders = static_cast<std::size_t>(r_.integer(v, "orders", 1, 1'000'000).value_or(1));
  }
  if (auto v = n["kinds"]; v && r_.is_map(v, "kinds")) {
    for (const auto& [key, value] : v.entries()) {
      auto k = r_.choice(key, "order kind", order_kind_names());
      auto w = real(value, "a kind's weight", 1000);
      if (k && w) spec.kind_weights[*k] = static_cast<std::uint32_t>(*w * 1'000'000 + 0.5);
    }
  }
  if (auto v = n["faults"]; v && r_.is_map(v, "faults")) {
    for (const auto& [key, value] : v.entries()) {
      auto f = r_.choice(key, "fault", fault_names());
      auto p = real(value, "a fault's probability", 1);
      if (f && p) spec.fault_ppm[*f] = sim::probability_ppm(*p);
    }
  }
  bool labels = false;
  if (auto v = n["expect"]) {
    constexpr std::string_view kExpect[] = {"labels"};
    labels = r_.choice(v, "generate.expect", kExpect).has_value();
  }
  if (r_.error_count() != before) return;
  add_population(s, generate_population(spec, *s.ruleset), labels, r_.where(n));
}

Error joined(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& e : errors) text += (text.empty() ? "" : "\n") + e.to_string();
  return Error{text, {}};
}

}  // namespace

namespace {

// Scenarios of YAML text, each document's orders and parcels parsed as they are read; `release`
// learns how far the text has been read.
Result<std::vector<Scenario>> read_scenarios(std::string_view yaml, const std::string& file,
                                             const std::function<void(std::size_t)>& release) {
  std::vector<Error> errors;
  std::vector<Scenario> out;
  std::string base_dir = std::filesystem::path(file).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  std::optional<YamlReader> reader;  // one reader and parser per document
  std::optional<ScenarioParser> parser;
  auto start = [&] {
    if (parser) return;
    reader.emplace(file, yaml, errors);
    parser.emplace(*reader, base_dir);
  };
  YamlCallbacks callbacks;
  callbacks.stream_key = [&](YamlNode root, std::string_view key) {
    start();
    return parser->stream(root, key);
  };
  callbacks.on_item = [&](std::string_view key, YamlNode item) { parser->item(key, item); };
  callbacks.on_document = [&](YamlNode doc) {
    if (!doc.is_null()) {  // not an empty document between --- separators
      start();
      if (auto s = parser->parse(doc, errors)) out.push_back(std::move(*s));
    }
    parser.reset();
    reader.reset();
  };
  if (auto read = read_yaml(yaml, file, callbacks, release); !read) {
    return unexpected(read.error());
  }
  if (errors.empty() && out.empty()) errors.push_back(Error{"no scenario in this file", file});
  if (!errors.empty()) return unexpected(joined(errors));
  return out;
}

}  // namespace

Result<std::vector<Scenario>> parse_scenarios(std::string_view yaml, const std::string& file) {
  return read_scenarios(yaml, file, {});
}

Result<Scenario> parse_order_yaml(std::string_view yaml, const std::string& file,
                                  const RulesetPtr& ruleset) {
  auto docs = parse_yaml_documents(yaml, file);
  if (!docs) return unexpected(docs.error());
  if (docs->size() != 1 || YamlNode(&(*docs)[0]).is_null()) {
    return unexpected(Error{"an order file holds exactly one order (one YAML document)", file});
  }
  std::vector<Error> errors;
  YamlReader r(file, yaml, errors);
  const std::string base_dir = std::filesystem::path(file).parent_path().string();
  auto s = ScenarioParser(r, base_dir.empty() ? "." : base_dir)
               .order_file(YamlNode(&(*docs)[0]), ruleset);
  if (!errors.empty() || !s) return unexpected(joined(errors));
  return std::move(*s);
}

Result<std::vector<Scenario>> load_scenario_file(const std::string& path) {
  auto file = MappedFile::open(path);
  if (!file) return unexpected(file.error());
  return read_scenarios(file->text(), path, [&](std::size_t pos) { file->release_before(pos); });
}

Result<std::vector<std::string>> expand_scenario_paths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
      continue;
    }
    if (!fs::is_directory(p, ec))
      return unexpected(ErrorKind::not_found, "no such file or folder", p);
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (it->is_directory() && name.starts_with(".")) {
        it.disable_recursion_pending();
        continue;
      }
      const bool yaml = name.ends_with(".yaml") || name.ends_with(".yml");
      const bool other = name.ends_with(".ruleset.yaml") || name.ends_with(".ruleset.yml") ||
                         name.ends_with(".order.yaml") || name.ends_with(".order.yml");
      if (it->is_regular_file() && yaml && !other) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

Result<std::vector<Scenario>> load_scenarios(const std::vector<std::string>& paths) {
  auto files = expand_scenario_paths(paths);
  if (!files) return unexpected(files.error());
  std::vector<Scenario> all;
  std::vector<Error> errors;
  std::map<std::string, std::string> names;  // name -> where first seen
  for (const std::string& f : *files) {
    auto loaded = load_scenario_file(f);
    if (!loaded) {
      errors.push_back(loaded.error());
      continue;
    }
    for (Scenario& s : *loaded) {
      auto [it, fresh] = names.emplace(s.name, s.where);
      if (!fresh) {
        errors.push_back(Error{
            "duplicate scenario name '" + s.name + "' (first at " + it->second + ")", s.where});
        continue;
      }
      all.push_back(std::move(s));
    }
  }
  if (!errors.empty()) return unexpected(joined(errors));
  return all;
}

}  // namespace tracksim::harness
