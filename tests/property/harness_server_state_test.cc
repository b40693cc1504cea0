// Stateful property of the harness against the mock carrier: a model (orders, their parcels, the
// numbers made to fail, a virtual now) predicts every poll. A poll fetches through CarrierClient
// and evaluates on the answer; the model evaluates its own in-process view. Loopback, port 0,
// manual clock, the client's sleep injected: no real waiting.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <array>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "harness/client/carrier_client.h"
#include "harness/rules/engine.h"
#include "sim/server/carrier_server.h"
#include "sim/time/timestamp.h"
#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

// 2023-02-01T10:00:00+08:00
constexpr sim::Instant kStart = sim::Instant::from_unix(1'675'216'800);
constexpr int kMaxAttempts = 3;

struct ModelOrder {
  Order order;
  sim::Parcel parcel;
};

struct Model {
  sim::Instant now = kStart;
  std::vector<ModelOrder> orders;
  std::set<std::size_t> failing;  // orders whose number the server answers 503 for
  int ruleset = 0;
};

struct Sut {
  Sut() : server(options()), client(client_options(start_server())) {}
  static sim::server::ServerOptions options() {
    sim::server::ServerOptions o;
    o.start = kStart;
    o.threads = 2;
    return o;
  }
  int start_server() {
    const auto port = server.start();
    RC_ASSERT(port.has_value());
    return *port;
  }
  ClientOptions client_options(int port) {
    ClientOptions o;
    o.port = port;
    o.max_attempts = kMaxAttempts;
    o.sleep = [this](std::chrono::milliseconds) { ++sleeps; };
    return o;
  }
  sim::server::CarrierServer server;  // declared first: destroyed after the client
  int sleeps = 0;
  CarrierClient client;
};

using Command = rc::state::Command<Model, Sut>;

const Ruleset& rules_of(const Model& m) { return m.ruleset == 0 ? douyin2023() : douyin2026(); }

// The index judge builds from the model: every upload (all valid) and every parcel.
CrossOrderIndex index_of(const Model& m) {
  CrossOrderIndex index;
  for (const ModelOrder& o : m.orders) index.add_upload(o.order);
  for (const ModelOrder& o : m.orders) {
    index.add_track(o.parcel.carrier, o.parcel.number, o.parcel.scans);
  }
  index.seal();
  return index;
}

std::string number_of(std::size_t i) {
  const std::string digits = std::to_string(1'000'000'000'000ULL + i);
  return "SF" + digits;  // SF + 13 digits
}

// upload: a new order paid up to two days ago, its valid SF number uploaded now; the carrier
// knows the number (no scans yet).
struct UploadOrder : Command {
  int paid_hours_ago = *rc::gen::inRange(0, 48);
  int from = *rc::gen::inRange(0, 3);
  int to = *rc::gen::inRange(0, 3);
  static constexpr std::array<std::string_view, 3> kCities = {"杭州市", "北京市", "广州市"};

  void apply(Model& m) const override {
    ModelOrder o;
    o.order.id = "O" + std::to_string(m.orders.size() + 1);
    o.order.paid_at = m.now - std::chrono::hours(paid_hours_ago);
    o.order.amount = sim::Money::from_yuan(100);
    o.order.ship_from = address(kCities[static_cast<std::size_t>(from)], "");
    o.order.ship_to = address(kCities[static_cast<std::size_t>(to)]);
    o.order.upload = Upload{m.now, sim::Carrier::sf, number_of(m.orders.size())};
    o.parcel.carrier = sim::Carrier::sf;
    o.parcel.number = o.order.upload->number;
    m.orders.push_back(std::move(o));
  }
  void run(const Model& m, Sut& s) const override {
    Model next = m;
    apply(next);
    s.server.world().load({next.orders.back().parcel});
  }
  void show(std::ostream& os) const override {
    os << "upload, paid " << paid_hours_ago << "h ago, " << kCities[static_cast<std::size_t>(from)]
       << " -> " << kCities[static_cast<std::size_t>(to)];
  }
};

// add scan: the carrier records one more scan of an order's parcel, which happened up to 12h
// ago and shows up to 6h from now; the server's world replaces the parcel.
struct AddScan : Command {
  struct Step {
    sim::ScanKind kind;
    std::string_view city;
    std::string_view facility;
  };
  static constexpr std::array<Step, 6> kSteps = {{
      {sim::ScanKind::pickup, "杭州市", "杭州萧山营业部"},
      {sim::ScanKind::depart, "杭州市", "杭州转运中心"},
      {sim::ScanKind::arrive, "北京市", "北京转运中心"},
      {sim::ScanKind::arrive, "广州市", "广州转运中心"},
      {sim::ScanKind::out_for_delivery, "北京市", "北京朝阳营业部"},
      {sim::ScanKind::delivered, "北京市", "北京朝阳营业部"},
  }};
  std::size_t order;
  std::size_t step = *rc::gen::inRange<std::size_t>(0, kSteps.size());
  int happened_hours_ago = *rc::gen::inRange(0, 12);
  int shows_in_hours = *rc::gen::inRange(0, 6);

  explicit AddScan(const Model& m) {
    RC_PRE(!m.orders.empty());
    order = *rc::gen::inRange<std::size_t>(0, m.orders.size());
  }
  sim::Scan scan(const Model& m) const {
    const Step& st = kSteps[step];
    sim::Scan s;
    s.kind = st.kind;
    s.at = m.now - std::chrono::hours(happened_hours_ago);
    s.visible_at = m.now + std::chrono::hours(shows_in_hours);
    s.city = city(st.city).id;
    s.facility = std::string(st.facility);
    return s;
  }
  void checkPreconditions(const Model& m) const override { RC_PRE(order < m.orders.size()); }
  void apply(Model& m) const override { m.orders[order].parcel.scans.push_back(scan(m)); }
  void run(const Model& m, Sut& s) const override {
    sim::Parcel p = m.orders[order].parcel;
    p.scans.push_back(scan(m));
    s.server.world().load({p});
  }
  void show(std::ostream& os) const override {
    os << "add scan to O" << order + 1 << ": " << to_string(kSteps[step].kind) << " at "
       << kSteps[step].facility << ", " << happened_hours_ago << "h ago, shown in "
       << shows_in_hours << "h";
  }
};

// advance clock: the server's virtual clock (and the model's now) move forward.
struct AdvanceClock : Command {
  int hours = *rc::gen::inRange(1, 40);
  void apply(Model& m) const override { m.now += std::chrono::hours(hours); }
  void run(const Model& m, Sut& s) const override {
    RC_ASSERT(s.server.clock().advance(std::chrono::hours(hours)).has_value());
    RC_ASSERT(s.server.clock().now() == m.now + std::chrono::hours(hours));
  }
  void show(std::ostream& os) const override { os << "advance " << hours << "h"; }
};

// set fault: the server answers 503 for one order's number, always (or stops doing so).
struct SetFault : Command {
  std::size_t order;
  bool failing = *rc::gen::inRange(0, 4) != 0;
  explicit SetFault(const Model& m) {
    RC_PRE(!m.orders.empty());
    order = *rc::gen::inRange<std::size_t>(0, m.orders.size());
  }
  void checkPreconditions(const Model& m) const override { RC_PRE(order < m.orders.size()); }
  void apply(Model& m) const override {
    if (failing) {
      m.failing.insert(order);
    } else {
      m.failing.erase(order);
    }
  }
  void run(const Model& m, Sut& s) const override {
    Model next = m;
    apply(next);
    std::vector<sim::server::FaultRule> rules;
    for (std::size_t i : next.failing) {
      sim::server::FaultRule r;
      r.kind = sim::server::FaultKind::server_error;
      r.carrier = sim::Carrier::sf;
      r.number = next.orders[i].parcel.number;
      r.ppm = 1'000'000;
      r.status = 503;
      rules.push_back(std::move(r));
    }
    s.server.faults().set(std::move(rules));
  }
  void show(std::ostream& os) const override {
    os << (failing ? "fail" : "heal") << " O" << order + 1 << "'s number with 503";
  }
};

// poll: fetch one order's number and judge it. A failing number must end `unknown` after every
// attempt (and is not judged: "no scans" would make pickup and ship rules fire wrongly);
// otherwise the verdict on the answer equals the model's verdict on its own view.
struct Poll : Command {
  std::size_t order;
  explicit Poll(const Model& m) {
    RC_PRE(!m.orders.empty());
    order = *rc::gen::inRange<std::size_t>(0, m.orders.size());
  }
  void checkPreconditions(const Model& m) const override { RC_PRE(order < m.orders.size()); }
  void apply(Model&) const override {}
  void run(const Model& m, Sut& s) const override {
    const ModelOrder& o = m.orders[order];
    const int sleeps_before = s.sleeps;
    const FetchResult f = s.client.track(o.parcel.carrier, o.parcel.number);
    if (m.failing.contains(order)) {
      RC_ASSERT(f.status == FetchStatus::unknown);
      RC_ASSERT(f.attempts == kMaxAttempts);
      RC_ASSERT(s.sleeps - sleeps_before == kMaxAttempts - 1);
      return;
    }
    RC_ASSERT(f.status != FetchStatus::unknown);
    RC_ASSERT(s.sleeps == sleeps_before);
    TrackingView wire;
    if (f.status == FetchStatus::ok) wire.scans = f.answer.parcel.scans;
    const CrossOrderIndex index = index_of(m);
    const TrackingView own{o.parcel.scans, o.parcel.consignee_city, o.parcel.consignee_phone_tail};
    const Verdict expected = evaluate(o.order, own, m.now, rules_of(m), index);
    const Verdict got = evaluate(o.order, wire, m.now, rules_of(m), index);
    for (std::size_t r = 0; r < kRuleCount; ++r) {
      RC_ASSERT(got.rules[r].outcome == expected.rules[r].outcome);
    }
    RC_ASSERT(got.detectors == expected.detectors);
    RC_ASSERT(got.compensation_yuan == expected.compensation_yuan);
  }
  void show(std::ostream& os) const override { os << "poll O" << order + 1; }
};

// Catches a client that reports a 5xx as "not found" or as an empty record (the harness would
// then judge a parcel it could not see as never picked up), retries that really sleep or stop
// early, a server whose admin clock and scan visibility disagree with the model's now, a World
// that appends instead of replacing a reloaded parcel, and fault rules that hit other numbers.
RC_GTEST_PROP(HarnessAgainstServer, EveryPollJudgesWhatTheModelPredictsAndFaultsEndUnknown, ()) {
  Model model;
  model.ruleset = *rc::gen::inRange(0, 2);
  Sut sut;
  rc::state::check(model, sut,
                   rc::state::gen::execOneOfWithArgs<UploadOrder, AddScan, AddScan, AdvanceClock,
                                                     SetFault, Poll, Poll>());
  // No explicit stop: ~Sut closes the client's keep-alive connection before the server stops
  // (stopping first would wait out the connection's keep-alive timeout).
}

}  // namespace
}  // namespace tracksim::harness::testing
