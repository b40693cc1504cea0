// Stateful property: a model of the mock carrier (clock, parcels, one fault rule) predicts the
// exact answer of every GET /track. Catches visibility off-by-ones, wrong ordering, fault rules
// applied to the wrong request, and lock windows measured on the wrong clock.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <map>

#include "sim/server/carrier_server.h"
#include "tests/support/server_fixture.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;
using tracksim::testing::kT0;

enum class ModelFault { none, server_error, stale, lock };

struct Model {
  Instant now = kT0;
  std::map<std::string, Parcel> parcels;
  ModelFault fault = ModelFault::none;
  Duration stale{0};
  std::map<std::string, Instant> last_poll;
};

struct Sut {
  Sut() : server(options()), client("127.0.0.1", port()) {}
  static ServerOptions options() {
    ServerOptions o;
    o.start = kT0;
    o.threads = 4;
    return o;
  }
  int port() {
    auto p = server.start();
    RC_ASSERT(p.has_value());
    return *p;
  }
  CarrierServer server;
  httplib::Client client;
};

using Command = rc::state::Command<Model, Sut>;
constexpr std::array<std::string_view, 3> kNumbers = {"SF100", "SF101", "SF102"};
constexpr std::array<ScanKind, 5> kKinds = {ScanKind::pickup, ScanKind::arrive, ScanKind::depart,
                                            ScanKind::out_for_delivery, ScanKind::delivered};

// The model's own table, written independently of sim/carrier/wording.cc.
std::string status_code(ScanKind k) {
  switch (k) {
    case ScanKind::pickup:
      return "103";
    case ScanKind::out_for_delivery:
      return "5";
    case ScanKind::delivered:
      return "301";
    default:
      return "1002";
  }
}

struct AdvanceClock : Command {
  int minutes = *rc::gen::inRange(0, 3000);
  void apply(Model& m) const override { m.now += std::chrono::minutes(minutes); }
  void run(const Model& m, Sut& s) const override {
    const std::string body = R"({"advance":")" + std::to_string(minutes) + R"(m"})";
    auto res = s.client.Post("/__admin/clock", body, "application/json");
    RC_ASSERT(res && res->status == 200);
    RC_ASSERT(Json::parse(res->body)["now"] ==
              format_timestamp(m.now + std::chrono::minutes(minutes)));
  }
  void show(std::ostream& os) const override { os << "advance " << minutes << "m"; }
};

struct LoadParcel : Command {
  Parcel parcel = make();
  static Parcel make() {
    Parcel p;
    p.number = std::string(*rc::gen::elementOf(kNumbers));
    p.consignee_city = tracksim::testing::city("上海市");
    const auto n = *rc::gen::inRange<std::size_t>(0, 5);
    for (std::size_t i = 0; i < n; ++i) {
      Scan s;
      s.kind = *rc::gen::elementOf(kKinds);
      s.at = kT0 + std::chrono::minutes(*rc::gen::inRange(0, 6000));
      s.visible_at = s.at + std::chrono::minutes(*rc::gen::inRange(0, 600));
      s.city = tracksim::testing::city("杭州市");
      s.text = "scan " + std::to_string(i);
      p.scans.push_back(s);
    }
    return p;
  }
  void apply(Model& m) const override { m.parcels[parcel.number] = parcel; }
  void run(const Model&, Sut& s) const override { s.server.world().load({parcel}); }
  void show(std::ostream& os) const override {
    os << "load " << parcel.number << " with " << parcel.scans.size() << " scans";
  }
};

struct SetFault : Command {
  ModelFault fault = *rc::gen::element(ModelFault::none, ModelFault::server_error,
                                       ModelFault::stale, ModelFault::lock);
  int stale_hours = *rc::gen::inRange(1, 48);
  std::string json() const {
    switch (fault) {
      case ModelFault::server_error:
        return R"([{"kind":"server_error","status":503}])";
      case ModelFault::stale:
        return R"([{"kind":"stale","for":")" + std::to_string(stale_hours) + R"(h"}])";
      case ModelFault::lock:
        return R"([{"kind":"lock"}])";
      case ModelFault::none:
        break;
    }
    return "[]";
  }
  void apply(Model& m) const override {
    m.fault = fault;
    m.stale = std::chrono::hours(stale_hours);
    m.last_poll.clear();
  }
  void run(const Model&, Sut& s) const override {
    auto res = s.client.Post("/__admin/faults", json(), "application/json");
    RC_ASSERT(res && res->status == 200);
  }
  void show(std::ostream& os) const override { os << "faults " << json(); }
};

// The events the model expects, newest first.
Json expected_events(const Parcel& p, Instant as_of) {
  std::vector<const Scan*> shown;
  for (const Scan& s : p.scans) shown.push_back(&s);
  std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->at < b->at; });
  Json data = Json::array();
  for (auto it = shown.rbegin(); it != shown.rend(); ++it) {
    if ((*it)->visible_at > as_of) continue;
    data.push_back({{"ftime", format_beijing((*it)->at)},
                    {"context", (*it)->text},
                    {"statusCode", status_code((*it)->kind)}});
  }
  return data;
}

struct Query : Command {
  std::string number = std::string(*rc::gen::elementOf(kNumbers));
  void apply(Model& m) const override {
    if (m.fault != ModelFault::lock) return;
    auto it = m.last_poll.find(number);
    if (it == m.last_poll.end() || m.now - it->second >= std::chrono::minutes(30)) {
      m.last_poll[number] = m.now;
    }
  }
  void run(const Model& m, Sut& s) const override {
    auto res = s.client.Get(("/track/sf/" + number).c_str());
    RC_ASSERT(res);
    if (m.fault == ModelFault::server_error) {
      RC_ASSERT(res->status == 503);
      return;
    }
    if (m.fault == ModelFault::lock) {
      auto it = m.last_poll.find(number);
      if (it != m.last_poll.end() && m.now - it->second < std::chrono::minutes(30)) {
        RC_ASSERT(res->status == 200);
        RC_ASSERT(Json::parse(res->body)["returnCode"] == "502");
        return;
      }
    }
    auto parcel = m.parcels.find(number);
    if (parcel == m.parcels.end()) {
      RC_ASSERT(res->status == 404);
      return;
    }
    RC_ASSERT(res->status == 200);
    const Json got = Json::parse(res->body);
    const Instant as_of = m.fault == ModelFault::stale ? m.now - m.stale : m.now;
    Json events = Json::array();
    for (const Json& e : got["data"]) {
      events.push_back(
          {{"ftime", e["ftime"]}, {"context", e["context"]}, {"statusCode", e["statusCode"]}});
    }
    RC_ASSERT(events == expected_events(parcel->second, as_of));
    const bool delivered =
        std::any_of(events.begin(), events.end(), [](auto& e) { return e["statusCode"] == "301"; });
    RC_ASSERT(got["ischeck"] == (delivered ? "1" : "0"));
  }
  void show(std::ostream& os) const override { os << "query " << number; }
};

RC_GTEST_PROP(CarrierServerModel, EveryQueryAnswersWhatTheModelPredicts, ()) {
  Model model;
  Sut sut;
  rc::state::check(
      model, sut,
      rc::state::gen::execOneOfWithArgs<AdvanceClock, LoadParcel, SetFault, Query, Query>());
  sut.server.stop();
}

}  // namespace
}  // namespace tracksim::sim::server
