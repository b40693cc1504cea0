#include "harness/runner/http_runner.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/client/carrier_client.h"
#include "harness/runner/judge.h"
#include "harness/runner/order_tracker.h"
#include "sim/server/carrier_server.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

bool settles(sim::ScanKind k) {
  return k == sim::ScanKind::delivered || k == sim::ScanKind::returned ||
         k == sim::ScanKind::cancelled;
}

struct Watched {
  OrderTracker tracker;
  sim::Instant first;                // its earliest instant
  std::optional<sim::Instant> last;  // the last instant it was observed at
  bool settled = false;              // the carrier showed a final scan
};

// What happens at one instant: the orders due by their own instants, and whether the polling
// schedule falls there.
struct Step {
  std::vector<std::size_t> due;
  bool schedule = false;
};

class HttpRun {
 public:
  HttpRun(const Scenario& s, const RunnerOptions& o) : s_(s), o_(o), index_(build_index(s)) {}

  ScenarioResult run();

 private:
  sim::Instant plan();
  void step(sim::Instant t, const Step& st);
  void observe(std::size_t i, sim::Instant t);
  std::optional<TrackingAnswer> fetch(const Upload& u, sim::Instant t, const std::string& id);

  const Scenario& s_;
  const RunnerOptions& o_;
  const CrossOrderIndex index_;
  std::vector<Watched> orders_;
  std::map<sim::Instant, Step> agenda_;
  std::unique_ptr<sim::server::CarrierServer> server_;
  std::unique_ptr<CarrierClient> client_;
  std::vector<std::string> errors_;
};

// Fills the agenda from every order's instants and the polling schedule; the earliest instant.
sim::Instant HttpRun::plan() {
  sim::Instant earliest = s_.start;
  orders_.reserve(s_.orders.size());
  for (std::size_t i = 0; i < s_.orders.size(); ++i) {
    OrderTracker tracker(s_, s_.orders[i], index_);
    const std::set<sim::Instant> own = tracker.instants();
    for (sim::Instant t : own) agenda_[t].due.push_back(i);
    const sim::Instant first = own.empty() ? s_.until : *own.begin();
    earliest = std::min(earliest, first);
    orders_.push_back({std::move(tracker), first, std::nullopt, false});
  }
  if (o_.poll_every.count() > 0) {
    for (sim::Instant t = s_.start; t <= s_.until; t += o_.poll_every) agenda_[t].schedule = true;
  }
  return earliest;
}

ScenarioResult HttpRun::run() {
  ScenarioResult out;
  out.name = s_.name;
  out.file = s_.file;
  out.ruleset = s_.ruleset->name;
  out.rules = s_.ruleset->rules;
  out.until = s_.until;
  sim::server::ServerOptions so;
  so.start = plan();
  so.threads = o_.server_threads;
  so.parcels.assign(s_.parcels.begin(), s_.parcels.end());
  server_ = std::make_unique<sim::server::CarrierServer>(std::move(so));
  server_->faults().set(o_.faults);
  auto port = server_->start();
  if (!port) {
    out.errors.push_back("cannot start the embedded carrier server: " + port.error().message);
    return out;
  }
  ClientOptions co;
  co.port = *port;
  co.sleep = o_.sleep;
  client_ = std::make_unique<CarrierClient>(std::move(co));
  // Deadlines join the agenda as verdicts reveal them; std::map iterators survive inserts.
  for (auto it = agenda_.begin(); it != agenda_.end(); ++it) step(it->first, it->second);
  client_.reset();
  server_->stop();
  for (Watched& w : orders_) out.orders.push_back(w.tracker.take_result());
  out.errors = std::move(errors_);
  return out;
}

void HttpRun::step(sim::Instant t, const Step& st) {
  if (auto moved = server_->clock().set(t); !moved) {
    errors_.push_back("cannot set the carrier's clock to " + sim::format_timestamp(t) + ": " +
                      moved.error().message);
    return;
  }
  // `due` may grow while we observe (a next_change at t itself): index, do not iterate.
  for (std::size_t k = 0; k < st.due.size(); ++k) observe(st.due[k], t);
  if (!st.schedule) return;
  for (std::size_t i = 0; i < orders_.size(); ++i) {
    const Watched& w = orders_[i];
    const auto& up = w.tracker.spec().order.upload;
    if (!w.settled && up && up->at <= t && w.first <= t) observe(i, t);
  }
}

void HttpRun::observe(std::size_t i, sim::Instant t) {
  Watched& w = orders_[i];
  if (w.last && *w.last >= t) return;
  const auto& up = w.tracker.spec().order.upload;
  if (!up || up->at > t) {
    w.last = t;
    w.tracker.observe(t, TrackingView{});  // nothing to poll yet: the engine ignores the view
  } else {
    const std::optional<TrackingAnswer> answer = fetch(*up, t, w.tracker.spec().order.id);
    if (!answer) return;  // unknown: keep the last verdict; the error is recorded
    w.last = t;
    const sim::Parcel& p = answer->parcel;
    TrackingView view;
    if (answer->found) {
      view.scans = p.scans;
      view.consignee_city = p.consignee_city;
      view.consignee_phone_tail = p.consignee_phone_tail;
    }
    w.settled = std::any_of(p.scans.begin(), p.scans.end(),
                            [](const sim::Scan& sc) { return settles(sc.kind); });
    w.tracker.observe(t, view);
  }
  if (auto next = w.tracker.next_change()) agenda_[*next].due.push_back(i);
}

std::optional<TrackingAnswer> HttpRun::fetch(const Upload& u, sim::Instant t,
                                             const std::string& id) {
  FetchResult r;
  for (int k = 0; k < std::max(1, o_.polls_per_fault); ++k) {
    r = client_->track(u.carrier, u.number);
    if (r.status == FetchStatus::ok) return std::move(r.answer);
    if (r.status == FetchStatus::not_found) return TrackingAnswer{};  // the carrier shows nothing
  }
  errors_.push_back("order " + id + ": the carrier's answer for " +
                    std::string(sim::code(u.carrier)) + " " + u.number + " at " +
                    sim::format_timestamp(t) + " stayed unknown after " +
                    std::to_string(std::max(1, o_.polls_per_fault)) + " polls (" + r.last_error +
                    "); not judged as no scans");
  return std::nullopt;
}

}  // namespace

ScenarioResult run_scenario_http(const Scenario& scenario, const RunnerOptions& options) {
  HttpRun run(scenario, options);
  return run.run();
}

}  // namespace tracksim::harness
