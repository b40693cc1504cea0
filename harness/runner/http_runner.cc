#include "harness/runner/http_runner.h"

#include <algorithm>
#include <cstdint>
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

// The carrier's visible set of one number at one instant, as its World names it: without fault
// rules two polls with equal sets get byte-identical answers, so the second need not be sent.
struct VisibleSet {
  bool known = false;  // the world holds the number (else the answer is "no record")
  std::size_t count = 0;
  std::uint64_t generation = 0;
  bool operator==(const VisibleSet&) const = default;
};

struct Watched {
  OrderTracker tracker;
  sim::Instant first;                  // its earliest instant
  std::optional<sim::Instant> last;    // the last instant it was observed at
  std::optional<sim::Instant> queued;  // the instant it was last queued for
  bool settled = false;                // the carrier showed a final scan
  sim::Parcel answer;                  // what the carrier answered last (owns the view's scans)
  bool found = false;                  // and whether it had a record
  std::optional<VisibleSet> seen;      // the visible set that answer came from, if known
};

// The view of the carrier's last answer (nothing when it had no record).
TrackingView view_of(const Watched& w) {
  TrackingView view;
  if (w.found) {
    view.scans = w.answer.scans;
    view.consignee_city = w.answer.consignee_city;
    view.consignee_phone_tail = w.answer.consignee_phone_tail;
  }
  return view;
}

// What happens at one instant: the orders due by their own instants, and whether the polling
// schedule falls there.
struct Step {
  std::vector<std::size_t> due;
  bool schedule = false;
};

// How one queued order is observed at an instant.
enum class Source : std::uint8_t {
  no_upload,  // nothing to poll yet: an empty view
  unchanged,  // the carrier's answer cannot have changed: the last one
  fetched,    // asked over HTTP (batched, or alone)
  failed,     // the answer stayed unknown; the error is recorded
};

struct Poll {
  std::size_t order = 0;
  Source source = Source::no_upload;
  std::optional<VisibleSet> visible;  // nullopt: cannot be told
  std::optional<TrackingAnswer> answer;
};

class HttpRun {
 public:
  HttpRun(const Scenario& s, const RunnerOptions& o, Evaluator* external)
      : s_(s), o_(o), external_(external), index_(build_index(s)) {}

  ScenarioResult run();

 private:
  sim::Instant plan();
  void step(sim::Instant t, const Step& st);
  void queue(std::size_t i, sim::Instant t, bool scheduled, std::vector<Poll>& polls);
  void fetch_all(sim::Instant t, std::vector<Poll>& polls);
  void apply(sim::Instant t, Poll& p);
  std::optional<VisibleSet> visible(const Upload& u, sim::Instant t) const;
  std::optional<TrackingAnswer> fetch(const Upload& u, sim::Instant t, const std::string& id);

  const Scenario& s_;
  const RunnerOptions& o_;
  Evaluator* external_;
  const CrossOrderIndex index_;
  std::vector<Watched> orders_;
  std::map<sim::Instant, Step> agenda_;
  std::unique_ptr<sim::server::CarrierServer> server_;
  std::unique_ptr<CarrierClient> client_;
  std::vector<std::string> errors_;
  bool stopped_ = false;  // the external engine failed: judging stops
};

// Fills the agenda from every order's instants and the polling schedule; the earliest instant.
sim::Instant HttpRun::plan() {
  sim::Instant earliest = s_.start;
  orders_.reserve(s_.orders.size());
  for (std::size_t i = 0; i < s_.orders.size(); ++i) {
    OrderTracker tracker(s_, s_.orders[i], index_, external_);
    const std::set<sim::Instant> own = tracker.instants();
    for (sim::Instant t : own) agenda_[t].due.push_back(i);
    const sim::Instant first = own.empty() ? s_.until : *own.begin();
    earliest = std::min(earliest, first);
    orders_.push_back({std::move(tracker), first});
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
  for (auto it = agenda_.begin(); it != agenda_.end() && !stopped_; ++it) {
    step(it->first, it->second);
  }
  client_.reset();
  server_->stop();
  for (Watched& w : orders_) out.orders.push_back(w.tracker.take_result());
  out.errors = std::move(errors_);
  return out;
}

// Observes at `t` every order due then and, on the schedule, every watched order whose answer
// may have changed: the polls of one instant go out together, in batches.
void HttpRun::step(sim::Instant t, const Step& st) {
  if (auto moved = server_->clock().set(t); !moved) {
    errors_.push_back("cannot set the carrier's clock to " + sim::format_timestamp(t) + ": " +
                      moved.error().message);
    return;
  }
  std::vector<Poll> polls;
  // `due` lives in the agenda, which observing extends: index it, do not iterate.
  for (std::size_t k = 0; k < st.due.size(); ++k) queue(st.due[k], t, false, polls);
  if (st.schedule) {
    for (std::size_t i = 0; i < orders_.size(); ++i) {
      const Watched& w = orders_[i];
      const auto& up = w.tracker.spec().order.upload;
      if (!w.settled && up && up->at <= t && w.first <= t) queue(i, t, true, polls);
    }
  }
  fetch_all(t, polls);
  for (Poll& p : polls) {
    apply(t, p);
    if (stopped_) return;
  }
}

// Queues order i for `t` unless it was observed or queued for `t` already. Without fault rules a
// poll whose answer cannot have changed is not sent: a scheduled one is dropped, a due one is
// observed on the last answer (its instant may change the verdict by time alone).
void HttpRun::queue(std::size_t i, sim::Instant t, bool scheduled, std::vector<Poll>& polls) {
  Watched& w = orders_[i];
  if ((w.last && *w.last >= t) || (w.queued && *w.queued >= t)) return;
  Poll p;
  p.order = i;
  const auto& up = w.tracker.spec().order.upload;
  if (up && up->at <= t) {
    p.visible = visible(*up, t);
    const bool same = o_.faults.empty() && p.visible && w.seen && *w.seen == *p.visible;
    if (same && scheduled) return;
    p.source = same ? Source::unchanged : Source::fetched;
  }
  w.queued = t;
  polls.push_back(std::move(p));
}

std::optional<VisibleSet> HttpRun::visible(const Upload& u, sim::Instant t) const {
  if (server_->procedural().enabled()) return std::nullopt;  // its answers are not the world's
  const auto v = server_->world().visible(u.carrier, u.number, t);
  if (!v) return VisibleSet{};
  return VisibleSet{true, v->count, v->generation};
}

// Sends the queued polls that need the carrier: without fault rules in batches of up to
// CarrierClient::kBatchMax, an entry that stays unknown asked again alone; with fault rules
// (which the batch API does not apply per number) one GET per number, as a platform would.
void HttpRun::fetch_all(sim::Instant t, std::vector<Poll>& polls) {
  std::vector<Poll*> wanted;
  for (Poll& p : polls) {
    if (p.source == Source::fetched) wanted.push_back(&p);
  }
  if (o_.faults.empty()) {
    for (std::size_t from = 0; from < wanted.size(); from += CarrierClient::kBatchMax) {
      const std::size_t to = std::min(wanted.size(), from + CarrierClient::kBatchMax);
      std::vector<std::pair<sim::Carrier, std::string>> numbers;
      for (std::size_t k = from; k < to; ++k) {
        const Upload& u = *orders_[wanted[k]->order].tracker.spec().order.upload;
        numbers.emplace_back(u.carrier, u.number);
      }
      std::vector<FetchResult> got = client_->track_batch(numbers);
      for (std::size_t k = from; k < to; ++k) {
        FetchResult& r = got[k - from];
        if (r.status == FetchStatus::ok) wanted[k]->answer = std::move(r.answer);
        if (r.status == FetchStatus::not_found) wanted[k]->answer = TrackingAnswer{};
      }
    }
  }
  for (Poll* p : wanted) {
    if (p->answer) continue;
    const OrderSpec& spec = orders_[p->order].tracker.spec();
    p->answer = fetch(*spec.order.upload, t, spec.order.id);
    if (!p->answer) p->source = Source::failed;
  }
}

// Feeds one poll's answer to its order's tracker.
void HttpRun::apply(sim::Instant t, Poll& p) {
  Watched& w = orders_[p.order];
  switch (p.source) {
    case Source::failed:
      return;  // unknown: keep the last verdict; the error is recorded
    case Source::no_upload:
      w.last = t;
      w.tracker.observe(t, TrackingView{});  // nothing to poll yet: the engine ignores the view
      break;
    case Source::unchanged:
      w.last = t;
      w.tracker.observe(t, view_of(w));
      break;
    case Source::fetched:
      w.last = t;
      w.found = p.answer->found;
      w.answer = std::move(p.answer->parcel);
      w.seen = p.visible;
      w.settled = std::any_of(w.answer.scans.begin(), w.answer.scans.end(),
                              [](const sim::Scan& sc) { return settles(sc.kind); });
      w.tracker.observe(t, view_of(w));
      break;
  }
  if (!w.tracker.error().empty()) {
    errors_.push_back("order " + w.tracker.spec().order.id + ": " + w.tracker.error());
    stopped_ = true;
    return;
  }
  if (auto next = w.tracker.next_change()) agenda_[*next].due.push_back(p.order);
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
  HttpRun run(scenario, options, nullptr);
  return run.run();
}

ScenarioResult run_scenario_http(const Scenario& scenario, const RunnerOptions& options,
                                 Evaluator& external) {
  HttpRun run(scenario, options, &external);
  return run.run();
}

}  // namespace tracksim::harness
