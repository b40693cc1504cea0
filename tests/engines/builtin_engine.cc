// An external engine that answers through the protocol (README "External engines") with the
// built-in rule engine: it proves the protocol end to end. By default it reads JSON lines on stdin
// (`--engine exec:CMD`); with `--http` it is a web service instead (`--engine http://...`): it
// listens on 127.0.0.1 (a free port), prints its URL (http://127.0.0.1:PORT/evaluate) on stdout,
// answers POST /evaluate, and exits when its stdin closes. `--pickup-hours-off N` makes it
// deliberately wrong: every pickup deadline N hours earlier (the harness must report the
// mismatches). One request at a time.
#include <httplib.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "harness/rules/engine.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/carrier/carrier.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace {

using Json = nlohmann::json;
using namespace tracksim;
using namespace tracksim::harness;

sim::Instant instant(const Json& j) { return sim::parse_timestamp(j.get<std::string>()).value(); }

sim::geo::CityId city(const Json& j) {
  if (!j.is_string()) return sim::geo::kNoCity;
  const auto* c = sim::geo::Atlas::china().find_city(j.get<std::string>());
  return c ? c->id : sim::geo::kNoCity;
}

Address address(const Json& j) {
  Address a;
  if (j["province"].is_string()) {
    if (const auto* p = sim::geo::Atlas::china().find_province(j["province"].get<std::string>()))
      a.province = p->id;
  }
  a.city = city(j["city"]);
  a.district = j["district"].get<std::string>();
  a.phone_tail = j["phone_tail"].get<std::string>();
  return a;
}

Order order(const Json& req) {
  const Json& j = req["order"];
  Order o;
  o.id = j["id"].get<std::string>();
  o.kind = parse_order_kind(j["kind"].get<std::string>()).value();
  o.paid_at = instant(j["paid_at"]);
  const Json& p = j["promise"];
  if (p.is_object()) {
    o.promise.type = Promise::Type::ship_by;
    o.promise.ship_by = instant(p["ship_by"]);
  } else if (p == "same_day") {
    o.promise.type = Promise::Type::same_day;
  } else if (p == "next_day") {
    o.promise.type = Promise::Type::next_day;
  } else {
    o.promise.within = sim::parse_duration(p.get<std::string>()).value();
  }
  o.amount = sim::Money::parse(j["amount"].get<std::string>()).value();
  o.ship_from = address(j["ship_from"]);
  o.ship_to = address(j["ship_to"]);
  o.buyer_requested_return = j["buyer_requested_return"].get<bool>();
  if (const Json& u = req["upload"]; u.is_object()) {
    o.upload = Upload{instant(u["at"]), sim::parse_carrier(u["carrier"].get<std::string>()).value(),
                      u["number"].get<std::string>()};
  }
  return o;
}

std::vector<sim::Scan> scans(const Json& req) {
  std::vector<sim::Scan> out;
  for (const Json& j : req["tracking"]) {
    sim::Scan s;
    s.at = instant(j["at"]);
    s.visible_at = instant(j["visible_at"]);
    s.kind = sim::parse_scan_kind(j["kind"].get<std::string>()).value();
    s.city = city(j["city"]);
    s.facility = j["facility"].get<std::string>();
    if (j["facility_type"].is_string()) {
      s.facility_type = sim::parse_facility_type(j["facility_type"].get<std::string>()).value();
    }
    s.text = j["text"].get<std::string>();
    out.push_back(std::move(s));
  }
  return out;
}

Json answer(const Verdict& v, const Ruleset& rs) {
  Json outcomes = Json::object();
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (rs.has(static_cast<Rule>(i))) {
      outcomes[std::string(rule_names()[i])] = std::string(to_string(v.rules[i].outcome));
    }
  }
  Json detectors = Json::array();
  for (std::size_t d = 0; d < kDetectorCount; ++d) {
    if (v.detectors.test(d)) detectors.push_back(std::string(detector_names()[d]));
  }
  return {{"outcomes", outcomes}, {"detectors", detectors}, {"compensation", v.compensation_yuan}};
}

// The answer object for one request object, with the rulesets loaded so far.
class Engine {
 public:
  explicit Engine(long off_hours) : off_hours_(off_hours) {}

  Json answer_for(const Json& req) {
    const std::string name = req["ruleset"].get<std::string>();
    RulesetPtr& rs = rulesets_[name];
    if (!rs) {
      auto copy = std::make_shared<Ruleset>(*load_ruleset(name).value());
      for (auto& p : copy->pickup_by_kind) p.within = p.within - sim::Duration(off_hours_ * 3600);
      rs = copy;
    }
    const Order o = order(req);
    const std::vector<sim::Scan> seen = scans(req);
    TrackingView view;
    view.scans = seen;
    std::string phone_tail;
    if (const Json& c = req["consignee"]; c.is_object()) {
      view.consignee_city = city(c["city"]);
      phone_tail = c["phone_tail"].get<std::string>();
      view.consignee_phone_tail = phone_tail;
    }
    CrossOrderIndex index;
    index.seal();
    const Verdict v = evaluate(o, view, instant(req["now"]), *rs, index);
    return answer(v, *rs);
  }

 private:
  long off_hours_;
  std::map<std::string, RulesetPtr> rulesets_;
};

int serve_http(Engine& engine) {
  httplib::Server server;
  std::mutex mu;  // one request at a time
  server.Post("/evaluate", [&](const httplib::Request& req, httplib::Response& res) {
    const Json body = Json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
      res.status = 400;
      res.set_content(R"({"error":"the body is not a JSON object"})", "application/json");
      return;
    }
    std::lock_guard lock(mu);
    res.set_content(engine.answer_for(body).dump(), "application/json; charset=utf-8");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 1;
  std::thread listener([&] { server.listen_after_bind(); });
  std::cout << "http://127.0.0.1:" << port << "/evaluate" << std::endl;
  for (std::string ignored; std::getline(std::cin, ignored);) {
  }
  server.stop();
  listener.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  long off_hours = 0;
  bool http = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--http") http = true;
    if (arg == "--pickup-hours-off" && i + 1 < argc) off_hours = std::stol(argv[++i]);
  }
  Engine engine(off_hours);
  if (http) return serve_http(engine);
  std::string line;
  while (std::getline(std::cin, line)) {
    std::cout << engine.answer_for(Json::parse(line)).dump() << std::endl;  // one line, flushed
  }
  return 0;
}
