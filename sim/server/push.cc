#include "sim/server/push.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "sim/carrier/number.h"
#include "sim/core/rng.h"
#include "sim/server/faults.h"
#include "sim/server/render.h"
#include "sim/time/clock.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;
constexpr std::uint64_t kFaultSalt = 0x7075'7368'6661'756cULL;  // "pushfaul": apart from HTTP's

// Where a push goes: http://HOST[:PORT]/PATH[?QUERY].
struct Target {
  std::string host;
  int port = 80;
  std::string path;  // with the query
};

bool loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Result<Target> parse_callback(std::string_view url, const std::vector<std::string>& allowed) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return unexpected("the callback URL must start with http://");
  url.remove_prefix(kScheme.size());
  const std::size_t slash = url.find_first_of("/?");
  std::string_view authority = url.substr(0, slash);
  Target t;
  t.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  if (t.path.front() == '?') t.path.insert(0, "/");
  std::string_view host = authority;
  if (authority.starts_with("[")) {  // [::1]:8080
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return unexpected("bad host in the callback URL");
    host = authority.substr(1, close - 1);
    authority.remove_prefix(close + 1);
  } else {
    const std::size_t colon = authority.rfind(':');
    host = authority.substr(0, colon);
    authority = colon == std::string_view::npos ? "" : authority.substr(colon);
  }
  if (authority.starts_with(":")) {
    const std::string digits(authority.substr(1));
    if (digits.empty() || digits.size() > 5 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return unexpected("bad port in the callback URL");
    t.port = std::stoi(digits);
  }
  if (host.empty()) return unexpected("no host in the callback URL");
  t.host = std::string(host);
  if (!loopback(t.host) && std::find(allowed.begin(), allowed.end(), t.host) == allowed.end()) {
    return unexpected("callback host " + t.host +
                      " is not loopback (start serve with --allow-callback-hosts " + t.host +
                      " to allow it)");
  }
  return t;
}

std::string form_escape(std::string_view s) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '*') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4U];
      out += kHex[c & 15U];
    }
  }
  return out;
}

// {"result":false|true,"returnCode":"<code>","message":"<message>"}
PushReply answer(std::string_view code, std::string_view message) {
  const Json j = {{"result", code == "200"}, {"returnCode", code}, {"message", message}};
  return {200, j.dump()};
}

// One delivery attempt (or a fault's extra copy) of one push.
struct Push {
  std::uint64_t id = 0;  // the push; its retries and copies share it
  Carrier carrier = Carrier::sf;
  std::string number;
  std::shared_ptr<const Target> target;
  std::shared_ptr<const std::string> param;
  std::optional<std::string> salt;
  std::string status;  // polling | shutdown | abort
  std::size_t scans = 0;
  Instant at;  // the virtual instant it is sent at
  int attempt = 1;
  bool copy = false;  // an extra copy (duplicate, storm): never retried
  bool bad_sign = false;
  std::string fault;
  std::uint64_t epoch = 0;  // Pusher's epoch when it was handed to a sender
};

struct Subscription {
  Carrier carrier = Carrier::sf;
  std::string number;
  std::shared_ptr<const Target> target;
  std::optional<std::string> salt;
  Instant subscribed_at;
  std::optional<Instant> seen_until;   // visible_at instants up to here are pushed
  std::optional<Instant> last_change;  // the newest pushed change
  std::size_t seen_count = 0;
  std::optional<Push> held;         // reorder: sent after the next push
  std::optional<Instant> next_due;  // nothing to do before (unset: look every scan)
};

struct Entry {
  Push push;
  std::int64_t wall_ms = 0;
  int http_status = 0;  // 0: no answer
  std::string answer;
  std::string outcome;  // delivered | failed | gave_up | dropped
};

bool ended(const TrackView& v) {
  if (v.scans.empty()) return false;
  const ScanKind k = v.scans.back().kind;
  return k == ScanKind::delivered || k == ScanKind::returned || k == ScanKind::cancelled;
}

// The push form's param: {"status","billstatus","message","autoCheck","comOld","comNew",
// "lastResult":{the query answer}}.
std::string push_param(std::string_view status, bool signed_off, std::string_view message,
                       const std::string& last_result) {
  std::string p = R"({"status":")";
  p += status;
  p += R"(","billstatus":")";
  p += signed_off ? "check" : "got";
  p += R"(","message":)";
  p += Json(std::string(message)).dump();
  p += R"(,"autoCheck":"0","comOld":"","comNew":"","lastResult":)";
  p += last_result;
  p += '}';
  return p;
}

// A bounded FIFO: the dispatcher waits when it is full, a sender when it is empty.
class Queue {
 public:
  explicit Queue(std::size_t capacity) : capacity_(capacity) {}
  bool put(Push p) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(p));
    not_empty_.notify_one();
    return true;
  }
  std::optional<Push> take() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (closed_) return std::nullopt;  // stopping: what is left is dropped
    Push p = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return p;
  }
  std::size_t clear() {
    std::lock_guard lock(mu_);
    const std::size_t n = items_.size();
    items_.clear();
    not_full_.notify_all();
    return n;
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }
  void open() {
    std::lock_guard lock(mu_);
    closed_ = false;
  }

 private:
  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Push> items_;
  bool closed_ = false;
};

}  // namespace

struct Pusher::Impl {
  explicit Impl(PushOptions o) : opts(std::move(o)) {
    opts.senders = std::max<std::size_t>(opts.senders, 1);
    for (std::size_t i = 0; i < opts.senders; ++i)
      queues.push_back(std::make_unique<Queue>(std::max<std::size_t>(opts.queue_capacity, 1)));
  }

  PushOptions opts;
  mutable std::mutex mu;  // guards everything below but the queues
  std::condition_variable wake;
  std::condition_variable settled;  // notified whenever a scan or a delivery finishes
  bool woken = false;
  bool running = false;
  std::map<std::pair<Carrier, std::string>, Subscription> subs;
  std::multimap<Instant, Push> timed;  // retries and delayed pushes, by due instant
  std::vector<PushFaultRule> rules;
  std::deque<Entry> journal;
  std::uint64_t total = 0, delivered = 0, failed = 0, dropped = 0, gave_up = 0;
  std::uint64_t next_id = 1;
  std::size_t queued = 0;  // handed to a sender and not finished
  std::optional<Instant> scanned_to;
  std::uint64_t epoch = 0;  // bumped by reset: senders drop results of older pushes
  std::vector<std::unique_ptr<Queue>> queues;
  std::thread dispatcher;
  std::vector<std::thread> senders;

  PushReply subscribe(const std::map<std::string, std::string>& form);
  void dispatch_loop();
  void scan(Instant now, std::vector<Push>& out);
  void scan_one(Subscription& s, Instant now, std::vector<Push>& out, bool& over);
  void scan_due(Subscription& s, Instant now, std::vector<Push>& out, bool& over);
  void emit(Subscription& s, Push p, bool final, std::vector<Push>& out);
  void send_loop(std::size_t index);
  void record(Entry e);
  Queue& queue_of(const Push& p) { return *queues[Rng::hash(p.number) % queues.size()]; }
};

// Kuaidi100's subscription answers (their 订阅 API document): 200 提交成功; 501 重复订阅 (still
// being watched); 600 您不是合法的订阅者 (bad key); 700 订阅方的订阅数据存在错误 (unsupported
// company, empty or too long number, bad callback URL); 702 POLL:识别不到该单号对应的快递公司
// (autoCom found no company).
PushReply Pusher::Impl::subscribe(const std::map<std::string, std::string>& form) {
  const auto param_it = form.find("param");
  if (param_it == form.end())
    return answer("700", "订阅方的订阅数据存在错误: missing form field param");
  const Json p = Json::parse(param_it->second, nullptr, false);
  if (!p.is_object()) return answer("700", "订阅方的订阅数据存在错误: param is not a JSON object");
  const auto text = [&](const Json& obj, const char* name) -> std::string {
    return obj.contains(name) && obj[name].is_string() ? obj[name].get<std::string>() : "";
  };
  if (text(p, "key") != opts.key) return answer("600", "您不是合法的订阅者（即授权Key出错）");
  const std::string number = text(p, "number");
  if (number.empty() || number.size() > 32)
    return answer("700", "订阅方的订阅数据存在错误: number must have 1 to 32 characters");
  const Json params = p.contains("parameters") ? p["parameters"] : Json::object();
  if (!params.is_object())
    return answer("700", "订阅方的订阅数据存在错误: parameters is not an object");
  std::optional<Carrier> carrier = parse_carrier(text(p, "company"));
  if (!carrier && text(p, "company").empty() && text(params, "autoCom") == "1") {
    for (const Carrier c : all_carriers()) {
      if (is_valid_number(c, number)) {
        carrier = c;
        break;
      }
    }
    if (!carrier) return answer("702", "POLL:识别不到该单号对应的快递公司");
  }
  if (!carrier) {
    return answer("700",
                  "订阅方的订阅数据存在错误: unsupported company '" + text(p, "company") + "'");
  }
  const std::string url = text(params, "callbackurl");
  if (url.empty())
    return answer("700", "订阅方的订阅数据存在错误: parameters.callbackurl is missing");
  auto target = parse_callback(url, opts.allowed_hosts);
  if (!target) return answer("700", "错误的回调地址: " + target.error().message);
  Subscription s;
  s.carrier = *carrier;
  s.number = number;
  s.target = std::make_shared<const Target>(std::move(*target));
  if (params.contains("salt") && params["salt"].is_string()) s.salt = params["salt"];
  s.subscribed_at = opts.now();
  {
    std::lock_guard lock(mu);
    if (!subs.try_emplace({*carrier, number}, std::move(s)).second)
      return answer("501", "重复订阅");
    woken = true;
  }
  wake.notify_one();
  return answer("200", "提交成功");
}

void Pusher::Impl::record(Entry e) {
  e.wall_ms = SystemClock::wall_millis();
  ++total;
  if (e.outcome == "delivered") ++delivered;
  if (e.outcome == "failed") ++failed;
  if (e.outcome == "gave_up") ++gave_up;
  if (e.outcome == "dropped") ++dropped;
  journal.push_back(std::move(e));
  if (journal.size() > opts.journal_capacity) journal.pop_front();
}

// Applies the push faults to a new push and puts what is to be sent now in `out` (or schedules
// it). `final`: the subscription ends with this push, so a held push goes out after it.
void Pusher::Impl::emit(Subscription& s, Push p, bool final, std::vector<Push>& out) {
  bool drop = false, delay = false, reorder = false;
  int copies = 1;
  Duration delay_by{0};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const PushFaultRule& r = rules[i];
    if ((r.carrier && *r.carrier != p.carrier) || (!r.number.empty() && r.number != p.number))
      continue;
    if (!fault_fires(opts.seed ^ kFaultSalt, i, p.carrier, p.number, p.at, r.ppm)) continue;
    const std::string_view name = to_string(r.kind);
    if (p.fault.empty()) p.fault = name;
    switch (r.kind) {
      case PushFaultKind::drop:
        drop = true;
        break;
      case PushFaultKind::delay:
        delay = true;
        delay_by = std::max(delay_by, r.delay);
        break;
      case PushFaultKind::duplicate:
        copies = std::max(copies, 2);
        break;
      case PushFaultKind::storm:
        copies = std::max(copies, r.count);
        break;
      case PushFaultKind::reorder:
        reorder = true;
        break;
      case PushFaultKind::bad_sign:
        p.bad_sign = true;
        break;
    }
  }
  std::vector<Push> now_out;
  if (drop) {
    record({p, 0, 0, "", "dropped"});
  } else if (delay) {
    p.at = p.at + delay_by;
    timed.emplace(p.at, p);
    for (int c = 1; c < copies; ++c) {
      Push extra = p;
      extra.copy = true;
      timed.emplace(p.at, std::move(extra));
    }
  } else {
    for (int c = 0; c < copies; ++c) {
      now_out.push_back(p);
      now_out.back().copy = c > 0;
    }
  }
  if (reorder && !final && !drop && !delay) {
    if (s.held) out.push_back(*std::exchange(s.held, std::nullopt));
    s.held = std::move(now_out.front());
    now_out.erase(now_out.begin());
    for (Push& x : now_out) out.push_back(std::move(x));
    return;
  }
  for (Push& x : now_out) out.push_back(std::move(x));
  if (s.held) {
    Push h = *std::exchange(s.held, std::nullopt);
    h.at = p.at;
    out.push_back(std::move(h));
  }
}

// The pushes one subscription owes as of `now`: one per instant at which scans became visible
// (those visible when it was made go out together), then shutdown or abort when due.
void Pusher::Impl::scan_one(Subscription& s, Instant now, std::vector<Push>& out, bool& over) {
  if (s.next_due && now < *s.next_due) return;
  scan_due(s, now, out, over);
  if (over || !opts.next_visible) return;
  s.next_due.reset();
  const std::optional<std::optional<Instant>> next = opts.next_visible(s.carrier, s.number, now);
  if (!next) return;  // not the world's: look every time
  std::optional<Instant> due = *next;
  const auto sooner = [&](Instant t) { due = due ? std::min(*due, t) : t; };
  if (s.seen_count == 0) sooner(s.subscribed_at + kAbortNoRecord);
  if (s.last_change) sooner(*s.last_change + kAbortNoChange);
  s.next_due = due ? *due : now + kAbortNoChange;
}

void Pusher::Impl::scan_due(Subscription& s, Instant now, std::vector<Push>& out, bool& over) {
  if (opts.visible_count && s.seen_until) {  // the cheap look: nothing new, nothing due
    const std::optional<std::size_t> n = opts.visible_count(s.carrier, s.number, now);
    const bool abort_due = (s.seen_count == 0 && now - s.subscribed_at >= kAbortNoRecord) ||
                           (s.last_change && now - *s.last_change >= kAbortNoChange);
    if (n && *n == s.seen_count && !abort_due) {
      s.seen_until = now;
      return;
    }
  }
  std::optional<TrackView> view = opts.view(s.carrier, s.number, now);
  const auto make = [&](std::string status, std::string message, const TrackView& v, Instant at) {
    Push p;
    p.id = next_id++;
    p.carrier = s.carrier;
    p.number = s.number;
    p.target = s.target;
    p.salt = s.salt;
    p.scans = v.scans.size();
    p.at = at;
    p.param = std::make_shared<const std::string>(
        push_param(status, ended(v), message, kuaidi100_json(v, false)));
    p.status = std::move(status);
    return p;
  };
  if (!view || view->scans.empty()) {
    if (now - s.subscribed_at >= kAbortNoRecord) {
      TrackView empty;
      empty.carrier = s.carrier;
      empty.number = s.number;
      emit(s, make("abort", "3天查询无记录", empty, s.subscribed_at + kAbortNoRecord), true, out);
      over = true;
    }
    s.seen_until = now;
    s.seen_count = 0;
    return;
  }
  std::vector<Instant> changes;
  for (const ShownScan& sc : view->scans) {
    const Instant t = std::max(sc.visible_at, s.subscribed_at);
    if (!s.seen_until || t > *s.seen_until) changes.push_back(t);
  }
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
  for (const Instant t : changes) {
    TrackView at_t = *view;
    std::erase_if(at_t.scans, [&](const ShownScan& sc) { return sc.visible_at > t; });
    const bool last = ended(at_t);
    emit(s, make(last ? "shutdown" : "polling", "", at_t, t), last, out);
    s.last_change = t;
    if (last) {
      over = true;
      return;
    }
  }
  s.seen_until = now;
  s.seen_count = view->scans.size();
  if (s.last_change && now - *s.last_change >= kAbortNoChange) {
    emit(s, make("abort", "60天无变化", *view, *s.last_change + kAbortNoChange), true, out);
    over = true;
  }
}

void Pusher::Impl::scan(Instant now, std::vector<Push>& out) {
  for (auto it = subs.begin(); it != subs.end();) {
    bool over = false;
    scan_one(it->second, now, out, over);
    it = over ? subs.erase(it) : std::next(it);
  }
  while (!timed.empty() && timed.begin()->first <= now) {
    out.push_back(std::move(timed.begin()->second));
    timed.erase(timed.begin());
  }
  // Virtual order across numbers; each number's own order is kept (stable).
  std::stable_sort(out.begin(), out.end(),
                   [](const Push& a, const Push& b) { return a.at < b.at; });
  for (Push& p : out) p.epoch = epoch;
  queued += out.size();
  scanned_to = now;
}

void Pusher::Impl::dispatch_loop() {
  std::unique_lock lock(mu);
  while (running) {
    if (opts.watch_clock) {
      wake.wait_for(lock, opts.tick, [&] { return woken || !running; });
    } else {
      wake.wait(lock, [&] { return woken || !running; });
    }
    if (!running) break;
    woken = false;
    const Instant now = opts.now();
    std::vector<Push> out;
    scan(now, out);
    lock.unlock();
    for (Push& p : out) {
      Queue& q = queue_of(p);
      if (!q.put(std::move(p))) break;  // stopping
    }
    lock.lock();
    settled.notify_all();
  }
}

void Pusher::Impl::send_loop(std::size_t index) {
  std::map<std::pair<std::string, int>, std::unique_ptr<httplib::Client>> clients;
  while (std::optional<Push> p = queues[index]->take()) {
    {
      std::lock_guard lock(mu);
      if (p->epoch != epoch) continue;  // made before a reset: not sent
    }
    auto& client = clients[{p->target->host, p->target->port}];
    if (!client) {
      client = std::make_unique<httplib::Client>(p->target->host, p->target->port);
      client->set_keep_alive(true);
      client->set_tcp_nodelay(true);
      client->set_connection_timeout(opts.timeout);
      client->set_read_timeout(opts.timeout);
      client->set_write_timeout(opts.timeout);
    }
    std::string body = "param=" + form_escape(*p->param);
    if (p->salt) {
      body += "&sign=" + push_sign(*p->param, p->bad_sign ? *p->salt + "#tampered" : *p->salt);
    }
    Entry e{*p, 0, 0, "", "failed"};
    if (auto res = client->Post(p->target->path, body, "application/x-www-form-urlencoded")) {
      e.http_status = res->status;
      e.answer = res->body.substr(0, 200);
      const Json a = Json::parse(res->body, nullptr, false);
      const auto is_true = [](const Json& v) { return v == true || v == "true"; };
      const auto is_200 = [](const Json& v) { return v == "200" || v == 200; };
      if (res->status == 200 && a.is_object() && a.contains("result") && is_true(a["result"]) &&
          a.contains("returnCode") && is_200(a["returnCode"]))
        e.outcome = "delivered";
    } else {
      e.answer = httplib::to_string(res.error());
      clients.erase({p->target->host, p->target->port});
    }
    {
      std::lock_guard lock(mu);
      if (p->epoch != epoch) continue;  // reset meanwhile
      if (e.outcome == "failed" && !p->copy) {
        if (p->attempt <= kPushRetries) {
          Push retry = *p;
          retry.attempt += 1;
          retry.bad_sign = false;
          retry.fault.clear();
          retry.at = p->at + kPushRetryAfter;
          timed.emplace(retry.at, std::move(retry));
          woken = true;
        } else {
          e.outcome = "gave_up";
        }
      }
      record(std::move(e));
      --queued;
    }
    wake.notify_one();
    settled.notify_all();
  }
}

Pusher::Pusher(PushOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Pusher::~Pusher() { stop(); }

void Pusher::start() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.mu);
    if (s.running) return;
    s.running = true;
    s.woken = true;
  }
  for (auto& q : s.queues) q->open();
  s.dispatcher = std::thread([&s] { s.dispatch_loop(); });
  for (std::size_t i = 0; i < s.queues.size(); ++i)
    s.senders.emplace_back([&s, i] { s.send_loop(i); });
}

void Pusher::stop() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.mu);
    if (!s.running) return;
    s.running = false;
  }
  s.wake.notify_all();
  for (auto& q : s.queues) q->close();
  if (s.dispatcher.joinable()) s.dispatcher.join();
  for (std::thread& t : s.senders) t.join();
  s.senders.clear();
}

PushReply Pusher::subscribe(const std::map<std::string, std::string>& form) {
  return impl_->subscribe(form);
}

void Pusher::clock_moved() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->woken = true;
  }
  impl_->wake.notify_one();
}

bool Pusher::wait_idle(std::chrono::milliseconds timeout) {
  Impl& s = *impl_;
  const Instant now = s.opts.now();
  std::unique_lock lock(s.mu);
  s.woken = true;
  s.wake.notify_one();
  return s.settled.wait_for(lock, timeout, [&] {
    const bool due = !s.timed.empty() && s.timed.begin()->first <= now;
    return s.scanned_to && *s.scanned_to >= now && s.queued == 0 && !due;
  });
}

void Pusher::world_changed() {
  {
    std::lock_guard lock(impl_->mu);
    for (auto& [key, sub] : impl_->subs) sub.next_due.reset();
    impl_->woken = true;
  }
  impl_->wake.notify_one();
}

void Pusher::reset() {
  Impl& s = *impl_;
  std::lock_guard lock(s.mu);
  for (auto& q : s.queues) q->clear();
  s.subs.clear();
  s.timed.clear();
  s.rules.clear();
  s.journal.clear();
  s.total = s.delivered = s.failed = s.dropped = s.gave_up = 0;
  s.scanned_to.reset();
  s.queued = 0;
  ++s.epoch;
  s.woken = true;
  s.wake.notify_one();
}

void Pusher::set_faults(std::vector<PushFaultRule> rules) {
  std::lock_guard lock(impl_->mu);
  impl_->rules = std::move(rules);
}

std::vector<PushFaultRule> Pusher::faults() const {
  std::lock_guard lock(impl_->mu);
  return impl_->rules;
}

std::uint64_t Pusher::dropped() const {
  std::lock_guard lock(impl_->mu);
  return impl_->dropped;
}

std::string Pusher::journal_json() const {
  const Impl& s = *impl_;
  const Instant now = s.opts.now();
  std::lock_guard lock(s.mu);
  Json list = Json::array();
  for (const Entry& e : s.journal) {
    const Target& t = *e.push.target;
    list.push_back({{"id", e.push.id},
                    {"com", kuaidi100_code(e.push.carrier)},
                    {"nu", e.push.number},
                    {"status", e.push.status},
                    {"scans", e.push.scans},
                    {"attempt", e.push.attempt},
                    {"copy", e.push.copy},
                    {"fault", e.push.fault},
                    {"url", "http://" + t.host + ":" + std::to_string(t.port) + t.path},
                    {"virtual_time", format_timestamp(e.push.at)},
                    {"wall_ms", e.wall_ms},
                    {"http_status", e.http_status},
                    {"answer", e.answer},
                    {"outcome", e.outcome}});
  }
  std::size_t due = 0, held = 0;
  for (const auto& [at, p] : s.timed) due += at <= now ? 1U : 0U;
  for (const auto& [key, sub] : s.subs) held += sub.held ? 1U : 0U;
  const Json j = {{"total", s.total},
                  {"delivered", s.delivered},
                  {"failed", s.failed},
                  {"gave_up", s.gave_up},
                  {"dropped", s.dropped},
                  {"pending", s.queued + due},
                  {"scheduled", s.timed.size() - due},
                  {"held", held},
                  {"subscriptions", s.subs.size()},
                  {"scanned_to", s.scanned_to ? format_timestamp(*s.scanned_to) : ""},
                  {"idle", s.scanned_to && *s.scanned_to >= now && s.queued + due == 0},
                  {"pushes", std::move(list)}};
  return j.dump();
}

}  // namespace tracksim::sim::server
