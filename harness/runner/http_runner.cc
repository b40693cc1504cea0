#include "harness/runner/http_runner.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "harness/client/carrier_client.h"
#include "harness/runner/judge.h"
#include "harness/runner/order_tracker.h"
#include "sim/core/check.h"
#include "sim/core/rng.h"
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
  Watched(OrderTracker t, sim::Instant f) : tracker(std::move(t)), first(f) {}

  OrderTracker tracker;
  sim::Instant first;                // its earliest instant
  std::optional<sim::Instant> last;  // the last instant it was observed at
  bool settled = false;              // the carrier showed a final scan
  sim::Parcel answer;                // what the carrier answered last (owns the view's scans)
  bool found = false;                // and whether it had a record
  std::optional<VisibleSet> seen;    // the visible set that answer came from, if known
  // Instants waiting for the next answer (oldest first; empty: none), and the set it will show.
  std::vector<sim::Instant> deferred;
  std::optional<VisibleSet> awaited;
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

// The agenda is walked in virtual time, but a poll need not go out at the instant that wants it:
// a number's visible set changes only at its own scans' visibility times, all on the agenda, so
// its answer as of any later instant before the next change is the same bytes. Polls wait
// ("deferred") until one of them would see a newer set, or a batch is full; then the carrier's
// clock moves to just before that instant, all waiting numbers are asked in batches, and each
// order is judged at the instants it waited at (and any deadline that fell between) in order.
// Batches go out on kConnections keep-alive connections in parallel.
// Orders never look at each other's verdicts, so the interleaving changes no output. With fault
// rules (drawn per request on virtual time) every poll goes out alone at its own instant.
constexpr std::size_t kBatch = CarrierClient::kBatchMax;
constexpr std::size_t kConnections = 2;  // the machine class has 2 cores

class HttpRun {
 public:
  // Watches the orders of `s` at the indices `shard` (all of them, or one shard's share).
  HttpRun(const Scenario& s, const RunnerOptions& o, Evaluator* external,
          const CrossOrderIndex& index, std::vector<std::size_t> shard)
      : s_(s), o_(o), external_(external), index_(index), shard_(std::move(shard)) {}

  ScenarioResult run();

 private:
  sim::Instant plan();
  void step(sim::Instant t, Step& st);
  void place(std::size_t i, sim::Instant t, bool scheduled);
  void flush(sim::Instant at);
  std::vector<std::optional<TrackingAnswer>> fetch_pending(sim::Instant at);
  void judge_waiting(std::size_t i, sim::Instant at);
  void observe(std::size_t i, sim::Instant t, const TrackingView& view);
  std::optional<VisibleSet> visible(const Upload& u, sim::Instant t) const;
  std::optional<TrackingAnswer> fetch(const Upload& u, sim::Instant t, const std::string& id);
  std::vector<std::optional<TrackingAnswer>> pushed_pending(sim::Instant at);
  void tally_pushes();

  const Scenario& s_;
  const RunnerOptions& o_;
  Evaluator* external_;
  const CrossOrderIndex& index_;
  const std::vector<std::size_t> shard_;  // scenario order index of each watched order
  std::vector<Watched> orders_;           // in shard_ order
  std::map<sim::Instant, Step> agenda_;
  std::vector<std::size_t> pending_;  // orders with deferred instants, in the order they began
  std::unique_ptr<sim::server::CarrierServer> server_;
  std::unique_ptr<CarrierClient> client_;                      // single GETs (main thread)
  std::vector<std::unique_ptr<CarrierClient>> batch_clients_;  // one per batch connection
  std::vector<std::string> errors_;
  bool stopped_ = false;                    // the external engine failed: judging stops
  std::unique_ptr<PushReceiver> receiver_;  // --via push
  std::set<std::pair<sim::Carrier, std::string>> subscribed_;
  // Per number: the scan count last pushed and when it changed (for reconciliation).
  std::map<std::pair<sim::Carrier, std::string>, std::pair<std::size_t, sim::Instant>> changed_;
};

// Fills the agenda from every order's instants and the polling schedule; the earliest instant.
sim::Instant HttpRun::plan() {
  sim::Instant earliest = s_.start;
  orders_.reserve(shard_.size());
  for (std::size_t i = 0; i < shard_.size(); ++i) {
    OrderTracker tracker(s_, s_.orders[shard_[i]], index_, external_);
    const std::set<sim::Instant> own = tracker.instants();
    for (sim::Instant t : own) agenda_[t].due.push_back(i);
    const sim::Instant first = own.empty() ? s_.until : *own.begin();
    earliest = std::min(earliest, first);
    orders_.emplace_back(std::move(tracker), first);
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
  if (o_.via_push) {
    so.push_faults = s_.push_faults;
    so.push_faults.insert(so.push_faults.end(), o_.push_faults.begin(), o_.push_faults.end());
    so.seed = s_.name.empty() ? 0 : sim::Rng::hash(s_.name);
  }
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
  for (std::size_t c = 0; c < kConnections; ++c) {
    batch_clients_.push_back(std::make_unique<CarrierClient>(co));
  }
  client_ = std::make_unique<CarrierClient>(std::move(co));
  if (o_.via_push) {
    receiver_ = std::make_unique<PushReceiver>();
    if (auto ok = receiver_->start(); !ok) {
      out.errors.push_back(ok.error().message);
      server_->stop();
      return out;
    }
  }
  // Deadlines join the agenda as verdicts reveal them; std::map iterators survive inserts.
  sim::Instant last = so.start;
  for (auto it = agenda_.begin(); it != agenda_.end() && !stopped_; ++it) {
    step(it->first, it->second);
    last = it->first;
  }
  if (!stopped_) flush(last);
  if (receiver_) tally_pushes();
  client_.reset();
  batch_clients_.clear();
  server_->stop();
  for (Watched& w : orders_) out.orders.push_back(w.tracker.take_result());
  out.errors = std::move(errors_);
  return out;
}

// Places at `t` every order due then and, on the schedule, every watched order. If one of the
// waiting orders would now see a newer set, the waiting polls go out first, as of `t` - 1 s.
void HttpRun::step(sim::Instant t, Step& st) {
  const bool faulted = !o_.faults.empty();
  bool newer = false;
  auto waits_for_older = [&](std::size_t i) {
    const Watched& w = orders_[i];
    if (w.deferred.empty()) return false;
    const std::optional<VisibleSet> now = visible(*w.tracker.spec().order.upload, t);
    return !now || now != w.awaited;
  };
  for (std::size_t i : st.due) newer = newer || waits_for_older(i);
  if (st.schedule) {
    for (std::size_t i = 0; i < orders_.size() && !newer; ++i) newer = waits_for_older(i);
  }
  if (newer) flush(t - sim::Duration(1));
  // `due` lives in the agenda, which judging extends (also at `t`): index it, do not iterate.
  for (std::size_t k = 0; k < st.due.size() && !stopped_; ++k) place(st.due[k], t, false);
  if (st.schedule) {
    for (std::size_t i = 0; i < orders_.size() && !stopped_; ++i) {
      const Watched& w = orders_[i];
      const auto& up = w.tracker.spec().order.upload;
      if (!w.settled && up && up->at <= t && w.first <= t) place(i, t, true);
    }
  }
  if (faulted || pending_.size() >= kConnections * kBatch) flush(t);
}

// Order i at `t`: judged now when no poll is needed (no upload yet, or an unchanged answer; a
// scheduled poll with an unchanged answer is dropped), else deferred until the next flush.
void HttpRun::place(std::size_t i, sim::Instant t, bool scheduled) {
  Watched& w = orders_[i];
  if ((w.last && *w.last >= t) || (!w.deferred.empty() && w.deferred.back() >= t)) return;
  const auto& up = w.tracker.spec().order.upload;
  if (!up || up->at > t) return observe(i, t, TrackingView{});  // nothing to poll yet
  if (!w.deferred.empty()) {  // waiting for an answer that will show this instant's set
    if (!scheduled) w.deferred.push_back(t);
    return;
  }
  const std::optional<VisibleSet> now = visible(*up, t);
  if (o_.faults.empty() && now && w.seen == now) {
    if (!scheduled) observe(i, t, view_of(w));
    return;
  }
  w.deferred.push_back(t);
  w.awaited = now;
  pending_.push_back(i);
}

// Moves the carrier's clock to `at`, asks it for every waiting number and judges each waiting
// order at its instants.
void HttpRun::flush(sim::Instant at) {
  if (pending_.empty()) return;
  std::vector<std::optional<TrackingAnswer>> answers;
  if (auto moved = server_->clock().set(at); !moved) {
    errors_.push_back("cannot set the carrier's clock to " + sim::format_timestamp(at) + ": " +
                      moved.error().message);
    answers.resize(pending_.size());
  } else {
    answers = o_.via_push ? pushed_pending(at) : fetch_pending(at);
  }
  const std::vector<std::size_t> pending = std::move(pending_);
  pending_.clear();
  for (std::size_t k = 0; k < pending.size(); ++k) {
    Watched& w = orders_[pending[k]];
    if (!answers[k] || stopped_) {  // unknown: keep the last verdict; the error is recorded
      w.deferred.clear();
      continue;
    }
    // The answer shows the set the order waited for: its set changes only at its own instants.
    TS_CHECK(!o_.faults.empty() || visible(*w.tracker.spec().order.upload, at) == w.awaited);
    w.found = answers[k]->found;
    w.answer = std::move(answers[k]->parcel);
    w.seen = w.awaited;
    w.settled = std::any_of(w.answer.scans.begin(), w.answer.scans.end(),
                            [](const sim::Scan& sc) { return settles(sc.kind); });
    judge_waiting(pending[k], at);
  }
}

// The answers for the waiting orders as of `at`: without fault rules in batches of up to
// CarrierClient::kBatchMax, an entry that stays unknown asked again alone; with fault rules
// (which the batch API does not apply per number) one GET per number, as a platform would.
std::vector<std::optional<TrackingAnswer>> HttpRun::fetch_pending(sim::Instant at) {
  std::vector<std::optional<TrackingAnswer>> out(pending_.size());
  if (o_.faults.empty()) {
    // Batch c goes to connection c mod n, each on a thread of its own (which also keeps the
    // parsing off the main thread's large, fragmented heap); answers land by index. Batches are
    // of equal size, at least one per connection, so that both connections carry work (126
    // waiting numbers go as 63 + 63, not 100 + 26).
    const std::size_t waiting = pending_.size();
    const std::size_t batches =
        std::max((waiting + kBatch - 1) / kBatch, std::min(batch_clients_.size(), waiting));
    const std::size_t size = batches == 0 ? 0 : (waiting + batches - 1) / batches;
    const std::size_t n = std::min(batch_clients_.size(), batches);
    auto work = [&](std::size_t c) {
      for (std::size_t b = c; b < batches; b += n) {
        const std::size_t from = std::min(waiting, b * size);
        const std::size_t to = std::min(waiting, from + size);
        if (from == to) continue;
        std::vector<std::pair<sim::Carrier, std::string>> numbers;
        for (std::size_t k = from; k < to; ++k) {
          const Upload& u = *orders_[pending_[k]].tracker.spec().order.upload;
          numbers.emplace_back(u.carrier, u.number);
        }
        std::vector<FetchResult> got = batch_clients_[c]->track_batch(numbers);
        for (std::size_t k = from; k < to; ++k) {
          FetchResult& r = got[k - from];
          if (r.status == FetchStatus::ok) out[k] = std::move(r.answer);
          if (r.status == FetchStatus::not_found) out[k] = TrackingAnswer{};
        }
      }
    };
    std::vector<std::thread> pool;
    for (std::size_t c = 0; c < n; ++c) pool.emplace_back(work, c);
    for (std::thread& t : pool) t.join();
  }
  for (std::size_t k = 0; k < pending_.size(); ++k) {
    if (out[k]) continue;
    const OrderSpec& spec = orders_[pending_[k]].tracker.spec();
    out[k] = fetch(*spec.order.upload, at, spec.order.id);
  }
  return out;
}

// Judges order i on its new answer at each instant it waited at, oldest first, and at each
// deadline up to `at` the verdicts reveal on the way (later ones join the agenda).
void HttpRun::judge_waiting(std::size_t i, sim::Instant at) {
  Watched& w = orders_[i];
  std::set<sim::Instant> instants(w.deferred.begin(), w.deferred.end());
  w.deferred.clear();
  const TrackingView view = view_of(w);
  for (auto it = instants.begin(); it != instants.end() && !stopped_; ++it) {
    if (w.last && *w.last >= *it) continue;
    observe(i, *it, view);
    if (auto next = w.tracker.next_change(); next && *next <= at) instants.insert(*next);
  }
}

// Judges order i at `t` on `view`; the next deadline joins the agenda.
void HttpRun::observe(std::size_t i, sim::Instant t, const TrackingView& view) {
  Watched& w = orders_[i];
  w.last = t;
  w.tracker.observe(t, view);
  if (!w.tracker.error().empty()) {
    errors_.push_back("order " + w.tracker.spec().order.id + ": " + w.tracker.error());
    stopped_ = true;
    return;
  }
  if (auto next = w.tracker.next_change()) agenda_[*next].due.push_back(i);
}

// --via push: subscribes the waiting numbers not yet subscribed, lets the carrier push what its
// clock (now `at`) shows, and answers each waiting order with the newest trace pushed. A number
// is polled instead (reconciliation) when its pushes stopped for o_.reconcile_after before a
// final push, or when the carrier's world shows a visible set the pushes did not deliver.
std::vector<std::optional<TrackingAnswer>> HttpRun::pushed_pending(sim::Instant at) {
  std::vector<std::optional<TrackingAnswer>> out(pending_.size());
  for (std::size_t i : pending_) {
    const Upload& u = *orders_[i].tracker.spec().order.upload;
    if (!subscribed_.emplace(u.carrier, u.number).second) continue;
    const std::string& id = orders_[i].tracker.spec().order.id;
    if (auto ok = receiver_->subscribe(server_->port(), "tracksim-key", u.carrier, u.number); !ok)
      errors_.push_back("order " + id + ": " + ok.error().message);
    // One query with the subscription, as careful platforms do: pushes only start with the first
    // change, and the waybill (consignee) may be known before any scan.
    if (std::optional<TrackingAnswer> now = fetch(u, at, id)) {
      receiver_->reconcile(u.carrier, u.number, *now, false);
    }
  }
  if (!server_->pusher().wait_idle(std::chrono::seconds(60))) {
    errors_.push_back("the carrier's pushes as of " + sim::format_timestamp(at) +
                      " did not settle within 60 s");
  }
  for (std::size_t k = 0; k < pending_.size(); ++k) {
    const OrderSpec& spec = orders_[pending_[k]].tracker.spec();
    const Upload& u = *spec.order.upload;
    const auto key = std::make_pair(u.carrier, u.number);
    std::optional<PushReceiver::Held> held = receiver_->latest(u.carrier, u.number);
    const std::size_t scans = held ? held->answer.parcel.scans.size() : 0;
    auto [it, fresh] = changed_.try_emplace(key, scans, at);
    if (!fresh && it->second.first != scans) it->second = {scans, at};
    const bool quiet = at - it->second.second >= o_.reconcile_after;
    // The carrier shows more than was pushed: a push was lost, late or out of order, or the
    // trace went on after shutdown (the same world lookup that lets poll mode skip polls).
    const std::optional<VisibleSet> vis = visible(u, at);
    const bool behind = vis && vis->known && vis->count != scans;
    if (behind || ((!held || !held->final) && quiet)) {
      if (std::optional<TrackingAnswer> polled = fetch(u, at, spec.order.id)) {
        receiver_->reconcile(u.carrier, u.number, *polled);
        held = receiver_->latest(u.carrier, u.number);
        it->second = {held ? held->answer.parcel.scans.size() : 0, at};
      }
    }
    out[k] = held ? held->answer : TrackingAnswer{};
  }
  return out;
}

void HttpRun::tally_pushes() {
  if (!o_.push_tally) return;
  const PushCounts c = receiver_->counts();
  std::lock_guard lock(o_.push_tally->mu);
  PushCounts& t = o_.push_tally->counts;
  t.received += c.received;
  t.forged += c.forged;
  t.repeated += c.repeated;
  t.reordered += c.reordered;
  t.recovered += c.recovered;
  o_.push_tally->lost += server_->pusher().dropped();
}

std::optional<VisibleSet> HttpRun::visible(const Upload& u, sim::Instant t) const {
  if (server_->procedural().enabled()) return std::nullopt;  // its answers are not the world's
  const auto v = server_->world().visible(u.carrier, u.number, t);
  if (!v) return VisibleSet{};
  return VisibleSet{true, v->count, v->generation};
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

// Large scenarios (RunnerOptions::shard_from) without fault rules or an external engine are
// split into shards of orders
// (every k-th order), each watched by its own HttpRun with its own embedded carrier and clock on
// a thread of its own: a single agenda keeps one core busy at a time (judging, then the server
// rendering, then the client parsing). Orders never look at each other's verdicts and the
// cross-order index is built from the whole scenario, so each order's outcome and history are
// the same in any shard; the results are put back in scenario order.
ScenarioResult run_http(const Scenario& scenario, const RunnerOptions& options,
                        Evaluator* external) {
  const CrossOrderIndex index = build_index(scenario);
  const std::size_t n = scenario.orders.size();
  const std::size_t cores =
      options.shards > 0 ? options.shards
                         : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  const std::size_t shards =
      external == nullptr && options.faults.empty() && n >= options.shard_from ? cores : 1;
  std::vector<std::vector<std::size_t>> parts(shards);
  for (std::size_t i = 0; i < n; ++i) parts[i % shards].push_back(i);
  if (shards == 1) return HttpRun(scenario, options, external, index, std::move(parts[0])).run();

  std::vector<ScenarioResult> results(shards);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < shards; ++k) {
    threads.emplace_back([&, k] {
      results[k] = HttpRun(scenario, options, external, index, std::move(parts[k])).run();
    });
  }
  for (std::thread& t : threads) t.join();
  // Shard k holds orders k, k + shards, ...; a shard that could not start holds none.
  ScenarioResult out;
  out.name = results[0].name;
  out.file = results[0].file;
  out.ruleset = results[0].ruleset;
  out.rules = results[0].rules;
  out.until = results[0].until;
  bool complete = true;
  for (const ScenarioResult& r : results) {
    out.errors.insert(out.errors.end(), r.errors.begin(), r.errors.end());
    complete = complete && !r.orders.empty();
  }
  if (!complete) return out;
  for (std::size_t i = 0; i < n; ++i) {
    out.orders.push_back(std::move(results[i % shards].orders[i / shards]));
  }
  return out;
}

}  // namespace

ScenarioResult run_scenario_http(const Scenario& scenario, const RunnerOptions& options) {
  return run_http(scenario, options, nullptr);
}

ScenarioResult run_scenario_http(const Scenario& scenario, const RunnerOptions& options,
                                 Evaluator& external) {
  return run_http(scenario, options, &external);
}

}  // namespace tracksim::harness
