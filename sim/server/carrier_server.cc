#include "sim/server/carrier_server.h"

#include <httplib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <unordered_map>

#include "sim/core/address.h"
#include "sim/geo/atlas.h"
#include "sim/server/journal.h"
#include "sim/server/md5.h"
#include "sim/server/render.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;
constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kHtmlType = "text/html; charset=utf-8";
constexpr std::size_t kBatchMax = 100;
constexpr std::size_t kCacheMax = 4096;
constexpr std::size_t kBodyMax = 16U << 20U;  // any request body, chunked or not  // rendered
                                              // bodies kept; the cache is emptied when full

enum class Api { rest, page, poll, batch };

// An answer before it meets httplib.
struct Reply {
  Reply(int s, std::string b, const char* t = kJsonType, std::optional<Duration> ra = {})
      : status(s), body(std::move(b)), type(t), retry_after(ra) {}
  int status;
  std::string body;
  const char* type;
  std::optional<Duration> retry_after;
};

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  if (r.retry_after) res.set_header("Retry-After", std::to_string(r.retry_after->count()));
  res.set_content(r.body, r.type);
}

void send_error(httplib::Response& res, int status, std::string_view message) {
  send(res, {status, kuaidi100_error(std::to_string(status), message)});
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Form fields of an application/x-www-form-urlencoded body, then of the query string.
std::map<std::string, std::string> form_fields(const httplib::Request& req) {
  std::map<std::string, std::string> fields;
  std::string_view body = req.body;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos) {
      fields.emplace(url_decode(pair.substr(0, eq)), url_decode(pair.substr(eq + 1)));
    }
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
  }
  for (const auto& [k, v] : req.params) fields.emplace(k, v);
  return fields;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

// Cuts a body the way a dropped connection would, or garbles it so no JSON parser accepts it.
void apply_body_faults(const FaultDecision& f, Reply& r) {
  if (f.malformed) r.body = "{\"message\":\"ok\",\"data\":[{'time': <html>502 Bad Gateway</html>";
  if (f.truncate) r.body.resize(r.body.size() / 2);
}

}  // namespace

struct CarrierServer::Impl {
  explicit Impl(ServerOptions o)
      : opts(std::move(o)),
        clock(opts.start, opts.clock, opts.wall),
        faults(opts.seed),
        journal(opts.journal_capacity),
        procedural(opts.procedural, opts.start),
        initial(World::table_of(opts.parcels)),
        pusher(push_options()) {
    world.reset(initial);
    release_parcels();
    pusher.set_faults(opts.push_faults);
  }

  ServerOptions opts;
  World world;
  ServerClock clock;
  Faults faults;
  Journal journal;
  Procedural procedural;
  std::shared_ptr<const ParcelTable> initial;  // the world at start and after reset
  Pusher pusher;
  std::unique_ptr<FaultProxy> proxy;
  httplib::Server http;
  std::thread listener;
  int port = 0;
  std::atomic<bool> running{false};
  std::mutex cache_mu;  // guards cache
  std::unordered_map<std::string, std::shared_ptr<const std::string>> cache;

  Reply unknown(Api api, std::string_view carrier, const std::string& number) const;
  std::optional<TrackView> lookup(Carrier carrier, const std::string& number, Instant as_of) const;
  std::optional<Instant> first_scan(Carrier carrier, const std::string& number) const;
  Reply track(std::string_view carrier_name, const std::string& number, bool ascending, Api api);
  struct JsonBody {
    std::shared_ptr<const std::string> text;
    std::size_t scans = 0;
  };
  std::optional<JsonBody> json_body(Carrier carrier, const std::string& number, Instant as_of,
                                    bool ascending);
  Reply poll(const httplib::Request& req);
  Reply maptrack(const httplib::Request& req);
  PushOptions push_options();
  void push_routes();
  Reply batch(const httplib::Request& req);
  Json clock_json() const;
  Reply set_clock(const httplib::Request& req);
  Reply load_scenarios(const httplib::Request& req);
  Json journal_json() const;
  Json proxy_json() const;
  Reply set_proxy(const httplib::Request& req);
  void proxy_routes();
  void reset();
  void release_parcels();
  void routes();
  void admin_routes();
  void admin_guard();
  void post(const char* pattern,
            std::function<void(const httplib::Request&, httplib::Response&)> fn);
  void error_handling();
};

Reply CarrierServer::Impl::unknown(Api api, std::string_view carrier,
                                   const std::string& number) const {
  if (api == Api::poll) return {200, kuaidi100_error("500", kNoRecordMessage)};
  const std::string message = "unknown number " + number + " for carrier " + std::string(carrier) +
                              " (" + std::string(kNoRecordMessage) + ")";
  if (api == Api::page) {
    return {404,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" +
                std::string(kNoRecordMessage) + "</title></head><body><p>" + message +
                "</p></body></html>\n",
            kHtmlType};
  }
  return {404, kuaidi100_error("404", message)};
}

// The scenario world first; a number it does not know may be procedural.
std::optional<TrackView> CarrierServer::Impl::lookup(Carrier carrier, const std::string& number,
                                                     Instant as_of) const {
  auto v = world.view(carrier, number, as_of);
  return v ? v : procedural.view(carrier, number, as_of);
}

std::optional<Instant> CarrierServer::Impl::first_scan(Carrier carrier,
                                                       const std::string& number) const {
  auto t = world.first_scan(carrier, number);
  return t ? t : procedural.first_scan(carrier, number);
}

Reply CarrierServer::Impl::track(std::string_view carrier_name, const std::string& number,
                                 bool ascending, Api api) {
  const std::optional<Carrier> carrier = parse_carrier(carrier_name);
  if (!carrier) return unknown(api, carrier_name, number);
  const Instant now = clock.now();
  const FaultDecision f = faults.decide(*carrier, number, now, first_scan(*carrier, number));
  if (api != Api::batch) {
    if (f.delay.count() > 0) std::this_thread::sleep_for(f.delay);  // the bounded slow fault
    if (f.error_status) return {*f.error_status, kuaidi100_error("502", "服务器繁忙，请稍后再试")};
    if (f.retry_after) {
      return {429, kuaidi100_error("429", "请求过于频繁，请稍后再试"), kJsonType, f.retry_after};
    }
  }
  if (f.locked) return {200, kuaidi100_error("502", kLockedMessage)};
  if (f.unknown) return unknown(api, carrier_name, number);
  const Instant as_of = now - f.stale;
  if (api == Api::page) {
    const std::optional<TrackView> view = lookup(*carrier, number, as_of);
    if (!view) return unknown(api, carrier_name, number);
    Reply r{200, tracking_page_html(*view), kHtmlType};
    apply_body_faults(f, r);
    return r;
  }
  const std::optional<JsonBody> body = json_body(*carrier, number, as_of, ascending);
  if (!body) return unknown(api, carrier_name, number);
  if (api == Api::poll && body->scans == 0) return {200, kuaidi100_error("500", kNoRecordMessage)};
  Reply r{200, *body->text};
  if (api != Api::batch) apply_body_faults(f, r);
  return r;
}

// The Kuaidi100 JSON of a number as of `as_of`, rendered once per (world generation, number,
// order, visible scan count) and then served from the cache: a poll loop asks for the same
// answer many times, and rendering it costs more than the rest of the request.
std::optional<CarrierServer::Impl::JsonBody> CarrierServer::Impl::json_body(
    Carrier carrier, const std::string& number, Instant as_of, bool ascending) {
  const auto key = [&](std::uint64_t generation, std::size_t count) {
    return std::to_string(generation) + '|' + std::string(code(carrier)) + '|' + number +
           (ascending ? "|a" : "|d") + std::to_string(count);
  };
  const std::optional<World::Visible> visible = world.visible(carrier, number, as_of);
  if (!visible) {
    // Not in the world: a procedural number (when that mode is on), rendered afresh, not cached.
    const std::optional<TrackView> pv = lookup(carrier, number, as_of);
    if (!pv) return std::nullopt;
    return JsonBody{std::make_shared<const std::string>(kuaidi100_json(*pv, ascending)),
                    pv->scans.size()};
  }
  {
    std::lock_guard lock(cache_mu);
    auto it = cache.find(key(visible->generation, visible->count));
    if (it != cache.end()) return JsonBody{it->second, visible->count};
  }
  const std::optional<TrackView> view = world.view(carrier, number, as_of);
  if (!view) return std::nullopt;
  auto text = std::make_shared<const std::string>(kuaidi100_json(*view, ascending));
  std::lock_guard lock(cache_mu);
  if (cache.size() >= kCacheMax) cache.clear();
  cache.insert_or_assign(key(view->generation, view->scans.size()), text);
  return JsonBody{std::move(text), view->scans.size()};
}

Reply CarrierServer::Impl::poll(const httplib::Request& req) {
  const auto fields = form_fields(req);
  for (const char* name : {"customer", "sign", "param"}) {
    if (!fields.contains(name)) {
      return {400, kuaidi100_error("501", std::string("missing form field '") + name +
                                              "' (expected customer, sign and param)")};
    }
  }
  const std::string& param = fields.at("param");
  const std::string& customer = fields.at("customer");
  if (customer != opts.customer ||
      !iequals(fields.at("sign"), md5_hex_upper(param + opts.key + customer))) {
    return {200, kuaidi100_error("503",
                                 "验证签名失败: sign must be upper-case MD5(param + key + "
                                 "customer)")};
  }
  const Json p = Json::parse(param, nullptr, false);
  if (!p.is_object() || !p.contains("com") || !p["com"].is_string() || !p.contains("num") ||
      !p["num"].is_string()) {
    return {400, kuaidi100_error("501",
                                 "param must be a JSON object with string fields com and "
                                 "num")};
  }
  const bool ascending = p.contains("order") && p["order"] == "asc";
  return track(p["com"].get<std::string>(), p["num"].get<std::string>(), ascending, Api::poll);
}

PushOptions CarrierServer::Impl::push_options() {
  PushOptions po;
  po.seed = opts.seed;
  po.key = opts.key;
  po.allowed_hosts = opts.callback_hosts;
  po.senders = opts.push_senders;
  po.watch_clock = opts.clock.factor != 0;
  po.now = [this] { return clock.now(); };
  po.view = [this](Carrier c, const std::string& n, Instant t) { return lookup(c, n, t); };
  po.next_visible = [this](Carrier c, const std::string& n, Instant t) {
    return world.next_visible(c, n, t);
  };
  po.visible_count = [this](Carrier c, const std::string& n,
                            Instant t) -> std::optional<std::size_t> {
    auto v = world.visible(c, n, t);
    if (!v) return std::nullopt;
    return v->count;
  };
  return po;
}

void CarrierServer::Impl::push_routes() {
  http.Get("/__admin/pushes", [this](const auto&, auto& res) {
    send(res, {200, pusher.journal_json()});
  });
  http.Get("/__admin/push-faults", [this](const auto&, auto& res) {
    Json list = Json::array();
    for (const PushFaultRule& r : pusher.faults()) list.push_back(std::string(to_string(r.kind)));
    send(res, {200, Json{{"push_faults", std::move(list)}}.dump()});
  });
  post("/__admin/push-faults", [this](const httplib::Request& req, httplib::Response& res) {
    auto rules = parse_push_fault_rules(req.body);
    if (!rules) return send_error(res, 400, rules.error().message);
    const std::size_t n = rules->size();
    pusher.set_faults(std::move(*rules));
    send(res, {200, Json{{"result", true}, {"push_faults", n}}.dump()});
  });
  http.Delete("/__admin/push-faults", [this](const auto&, auto& res) {
    pusher.set_faults({});
    send(res, {200, Json{{"result", true}, {"push_faults", 0}}.dump()});
  });
}

namespace {

// "2天13小时", as Kuaidi100 writes the map track's durations.
std::string days_hours(Duration d) {
  const std::int64_t h = std::max<std::int64_t>(0, d.count()) / 3600;
  return std::to_string(h / 24) + "天" + std::to_string(h % 24) + "小时";
}

// The route model's transit time between two cities (sim/timeline/route.cc): about 20 h within a
// city; otherwise pickup-to-hub and hub-to-door waits (about 16 h) plus line haul at the model's
// mean 42 km/h (SF flies legs over 800 km: about 7 h).
Duration predicted_transit(Carrier carrier, const geo::City& from, const geo::City& to) {
  const double km = geo::distance_km(from, to);
  if (km < 1) return Duration(20 * 3600);
  const double haul_h = carrier == Carrier::sf && km > 800 ? 7.0 : km / 42.0 + 2.0;
  return Duration(static_cast<std::int64_t>((16.0 + haul_h) * 3600.0));
}

Json place_json(const geo::City& c) {
  const geo::Atlas& atlas = geo::Atlas::china();
  std::string name(atlas.province(c.province).short_name);
  name += ",";
  name += c.full_name;
  return {{"number", "CN" + std::string(c.code) + "000000"},
          {"name", name},
          {"coordinates", {{"lng", c.lon}, {"lat", c.lat}}}};
}

const geo::City* city_of(const ShownScan& s) {
  return s.location.empty() ? nullptr : geo::Atlas::china().find_city(s.location);
}

}  // namespace

// POST /poll/maptrack.do: signed like query.do; the query answer plus routeInfo (from: the first
// scan's city, cur: the newest scan's, to: the consignee's), arrivalTime ("yyyy-MM-dd HH"),
// totalTime and remainTime, predicted from the route model unless the parcel is delivered.
Reply CarrierServer::Impl::maptrack(const httplib::Request& req) {
  Reply r = poll(req);
  if (r.status != 200) return r;
  Json answer = Json::parse(r.body, nullptr, false);
  if (!answer.is_object() || !answer.contains("nu") || !answer.contains("com")) return r;
  const std::optional<Carrier> carrier = parse_carrier(answer["com"].get<std::string>());
  if (!carrier) return r;
  const Instant now = clock.now();
  const std::optional<TrackView> view = lookup(*carrier, answer["nu"].get<std::string>(), now);
  if (!view || view->scans.empty()) return r;
  const geo::City* from = nullptr;
  const geo::City* cur = nullptr;
  for (const ShownScan& s : view->scans) {
    if (const geo::City* c = city_of(s)) {
      if (from == nullptr) from = c;
      cur = c;
    }
  }
  const geo::City* to = view->consignee_city != geo::kNoCity
                            ? &geo::Atlas::china().city(view->consignee_city)
                            : (view->delivered() ? cur : nullptr);
  Json route = Json::object();
  if (from != nullptr) route["from"] = place_json(*from);
  if (cur != nullptr) route["cur"] = place_json(*cur);
  if (to != nullptr) route["to"] = place_json(*to);
  answer["routeInfo"] = route;
  if (from != nullptr && to != nullptr) {
    const Instant start = view->scans.front().at;
    const Duration total =
        view->delivered() ? view->scans.back().at - start : predicted_transit(*carrier, *from, *to);
    const Instant arrival = start + total;
    answer["arrivalTime"] = format_beijing(arrival).substr(0, 13);
    answer["totalTime"] = days_hours(total);
    answer["remainTime"] = view->delivered() ? days_hours(Duration(0)) : days_hours(arrival - now);
  }
  answer["isLoop"] = false;
  return {200, answer.dump()};
}

Reply CarrierServer::Impl::batch(const httplib::Request& req) {
  const Json body = Json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("numbers") || !body["numbers"].is_array()) {
    return {400, kuaidi100_error("400", "expected {\"numbers\": [{\"com\": ..., \"num\": ...}]}")};
  }
  const Json& numbers = body["numbers"];
  if (numbers.size() > kBatchMax) {
    return {400, kuaidi100_error("400", "at most 100 numbers per batch; got " +
                                            std::to_string(numbers.size()))};
  }
  const bool ascending = body.contains("order") && body["order"] == "asc";
  std::string out = "[";
  for (const Json& item : numbers) {
    if (out.size() > 1) out += ',';
    if (!item.is_object() || !item.contains("com") || !item["com"].is_string() ||
        !item.contains("num") || !item["num"].is_string()) {
      out += kuaidi100_error("400", "each entry needs string fields com and num");
      continue;
    }
    out +=
        track(item["com"].get<std::string>(), item["num"].get<std::string>(), ascending, Api::batch)
            .body;
  }
  out += "]";
  return {200, out};
}

Json CarrierServer::Impl::clock_json() const {
  return {{"now", format_timestamp(clock.now())}, {"mode", to_string(clock.mode())}};
}

Reply CarrierServer::Impl::set_clock(const httplib::Request& req) {
  const Json body = Json::parse(req.body, nullptr, false);
  const bool advance = body.is_object() && body.contains("advance") && body["advance"].is_string();
  const bool set = body.is_object() && body.contains("set") && body["set"].is_string();
  if (advance == set) {
    return {400, kuaidi100_error("400",
                                 "expected {\"advance\": \"24h\"} or {\"set\": "
                                 "\"2023-02-01T18:00:00+08:00\"}")};
  }
  Result<void> moved;
  if (advance) {
    auto d = parse_duration(body["advance"].get<std::string>());
    if (!d) return {400, kuaidi100_error("400", "advance: " + d.error().message)};
    moved = clock.advance(*d);
  } else {
    auto t = parse_timestamp(body["set"].get<std::string>());
    if (!t) return {400, kuaidi100_error("400", "set: " + t.error().message)};
    moved = clock.set(*t);
  }
  if (!moved) return {409, kuaidi100_error("409", moved.error().message)};
  pusher.clock_moved();
  return {200, clock_json().dump()};
}

Reply CarrierServer::Impl::load_scenarios(const httplib::Request& req) {
  if (!opts.loader) return {501, kuaidi100_error("501", "this server has no scenario loader")};
  Result<LoadedWorld> loaded = opts.loader(req.body);
  if (!loaded) return {400, kuaidi100_error("400", loaded.error().to_string())};
  world.clear();
  world.load(loaded->parcels);
  if (loaded->start && !req.has_param("keep_clock")) clock.reset(*loaded->start);
  if (!loaded->push_faults.empty()) pusher.set_faults(loaded->push_faults);
  pusher.world_changed();
  Json j = clock_json();
  j["result"] = true;
  j["parcels"] = loaded->parcels.size();
  return {200, j.dump()};
}

Json CarrierServer::Impl::journal_json() const {
  Json list = Json::array();
  for (const JournalEntry& e : journal.entries()) {
    list.push_back({{"method", e.method},
                    {"path", e.path},
                    {"status", e.status},
                    {"virtual_time", format_timestamp(e.virtual_time)},
                    {"wall_ms", e.wall_ms}});
  }
  return {{"total", journal.total()}, {"requests", std::move(list)}};
}

Json CarrierServer::Impl::proxy_json() const {
  if (!proxy) return {{"proxy", false}};
  const ProxyStats st = proxy->stats();
  return {{"proxy", true},
          {"url", proxy->url()},
          {"spec", to_spec(proxy->config())},
          {"stats",
           {{"accepted", st.accepted},
            {"reset", st.reset},
            {"stalled", st.stalled},
            {"bytes", st.bytes}}}};
}

// Body: {"spec": "latency=50ms,slice=7"} or the same keys as members, e.g. {"latency": "50ms",
// "reset": 0.01, "slice": 7}. Replaces the whole configuration; absent keys are off.
Reply CarrierServer::Impl::set_proxy(const httplib::Request& req) {
  if (!proxy) return {409, kuaidi100_error("409", "this server runs without a proxy (--proxy)")};
  const Json body = Json::parse(req.body, nullptr, false);
  if (!body.is_object()) {
    return {400, kuaidi100_error("400", R"(expected {"spec": "latency=50ms,slice=7"} or keys)")};
  }
  std::string spec;
  for (const auto& [key, value] : body.items()) {
    const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
    if (key == "spec") {
      spec += "," + v;
    } else {
      spec += "," + key + "=" + v;
    }
  }
  auto config = parse_proxy_config(spec);
  if (!config) return {400, kuaidi100_error("400", config.error().message)};
  proxy->configure(*config);
  Json j = proxy_json();
  j["result"] = true;
  return {200, j.dump()};
}

// The starting parcels live on in `initial` alone. Their vector (often millions of small blocks)
// is freed and the allocator asked to hand the pages back, so that resident memory shows the
// compact table rather than the loader's leftovers.
void CarrierServer::Impl::release_parcels() {
  if (opts.parcels.empty()) return;
  std::vector<Parcel>().swap(opts.parcels);
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

void CarrierServer::Impl::reset() {
  world.reset(initial);
  faults.clear();
  journal.clear();
  clock.reset(opts.start);
  pusher.reset();
  pusher.set_faults(opts.push_faults);
}

}  // namespace tracksim::sim::server

namespace tracksim::sim::server {

void CarrierServer::Impl::routes() {
  http.Get(R"(/track/([^/]+)/([^/]+)\.html)", [this](const auto& req, auto& res) {
    send(res, track(req.matches[1].str(), req.matches[2].str(), false, Api::page));
  });
  http.Get(R"(/track/([^/]+)/([^/]+))", [this](const auto& req, auto& res) {
    const bool ascending = req.get_param_value("order") == "asc";
    send(res, track(req.matches[1].str(), req.matches[2].str(), ascending, Api::rest));
  });
  post("/track/batch",
       [this](const httplib::Request& req, httplib::Response& res) { send(res, batch(req)); });
  post("/poll/query.do",
       [this](const httplib::Request& req, httplib::Response& res) { send(res, poll(req)); });
  post("/poll/maptrack.do",
       [this](const httplib::Request& req, httplib::Response& res) { send(res, maptrack(req)); });
  post("/poll", [this](const httplib::Request& req, httplib::Response& res) {
    const PushReply r = pusher.subscribe(form_fields(req));
    send(res, {r.status, r.body});
  });
  http.Get("/", [](const auto&, auto& res) {
    const Json j = {
        {"name", "tracksim mock carrier"},
        {"track", "/track/{carrier}/{number}[.html][?order=asc]"},
        {"poll", "POST /poll/query.do"},
        {"subscribe", "POST /poll"},
        {"maptrack", "POST /poll/maptrack.do"},
        {"batch", "POST /track/batch"},
        {"admin", "/__admin/{clock,scenarios,requests,faults,proxy,pushes,push-faults,reset}"}};
    send(res, {200, j.dump()});
  });
  admin_routes();
  admin_guard();
  error_handling();
}

void CarrierServer::Impl::admin_routes() {
  http.Get("/__admin/clock", [this](const auto&, auto& res) {
    send(res, {200, clock_json().dump()});
  });
  post("/__admin/clock",
       [this](const httplib::Request& req, httplib::Response& res) { send(res, set_clock(req)); });
  post("/__admin/scenarios", [this](const httplib::Request& req, httplib::Response& res) {
    send(res, load_scenarios(req));
  });
  http.Get("/__admin/requests", [this](const auto&, auto& res) {
    // Paths are the clients' bytes: invalid UTF-8 becomes U+FFFD instead of an exception.
    send(res, {200, journal_json().dump(-1, ' ', false, Json::error_handler_t::replace)});
  });
  http.Delete("/__admin/requests", [this](const auto&, auto& res) {
    journal.clear();
    send(res, {200, Json{{"result", true}}.dump()});
  });
  http.Get("/__admin/faults", [this](const auto&, auto& res) {
    Json list = Json::array();
    for (const FaultRule& r : faults.rules()) list.push_back(std::string(to_string(r.kind)));
    send(res, {200, Json{{"faults", std::move(list)}}.dump()});
  });
  post("/__admin/faults", [this](const httplib::Request& req, httplib::Response& res) {
    auto rules = parse_fault_rules(req.body);
    if (!rules) return send_error(res, 400, rules.error().message);
    const std::size_t n = rules->size();
    faults.set(std::move(*rules));
    send(res, {200, Json{{"result", true}, {"faults", n}}.dump()});
  });
  http.Delete("/__admin/faults", [this](const auto&, auto& res) {
    faults.clear();
    send(res, {200, Json{{"result", true}, {"faults", 0}}.dump()});
  });
  proxy_routes();
  push_routes();
  post("/__admin/reset", [this](const httplib::Request&, httplib::Response& res) {
    reset();
    Json j = clock_json();
    j["result"] = true;
    send(res, {200, j.dump()});
  });
}

void CarrierServer::Impl::proxy_routes() {
  http.Get("/__admin/proxy", [this](const auto&, auto& res) {
    send(res, {200, proxy_json().dump()});
  });
  post("/__admin/proxy",
       [this](const httplib::Request& req, httplib::Response& res) { send(res, set_proxy(req)); });
  http.Delete("/__admin/proxy", [this](const auto&, auto& res) {
    if (proxy) proxy->configure({});
    Json j = proxy_json();
    j["result"] = proxy != nullptr;
    send(res, {proxy ? 200 : 409, j.dump()});
  });
}

// POST routes read their bodies themselves, up to kBodyMax: httplib bounds a Content-Length body
// (set_payload_max_length) but would read a chunked one without end. More is 413 and the
// connection is closed.
void CarrierServer::Impl::post(
    const char* pattern, std::function<void(const httplib::Request&, httplib::Response&)> fn) {
  http.Post(pattern, [fn = std::move(fn)](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& reader) {
    std::string body;
    bool too_big = false;
    reader([&](const char* data, std::size_t n) {
      if (body.size() + n > kBodyMax) {
        too_big = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    if (too_big) {
      res.set_header("Connection", "close");
      return send_error(res, 413, "request body larger than 16 MB");
    }
    httplib::Request with_body = req;
    with_body.body = std::move(body);
    fn(with_body, res);
  });
}

// Before routing (and before any body is read): a chunked body to a path without a POST route
// gets 411; with a token, an /__admin/ request without "Authorization: Bearer TOKEN" gets 401 and
// is not routed (nor journaled: admin calls never are).
void CarrierServer::Impl::admin_guard() {
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // httplib would read a chunked body of a request no route takes without a bound: refuse it
    // unread (the POST routes read theirs with a limit, see post()).
    static const std::regex posts(
        R"(/track/batch|/poll/query\.do|/__admin/(clock|scenarios|faults|proxy|reset))");
    if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos &&
        (req.method != "POST" || !std::regex_match(req.path, posts))) {
      res.set_header("Connection", "close");
      send_error(res, 411, "a chunked body is taken only by the POST endpoints");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (opts.admin_token.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (!req.path.starts_with("/__admin/") && req.path != "/__admin") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    constexpr std::string_view kBearer = "Bearer ";
    const std::string given = req.get_header_value("Authorization");
    if (given.starts_with(kBearer) &&
        same_secret(std::string_view(given).substr(kBearer.size()), opts.admin_token)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.set_header("WWW-Authenticate", "Bearer realm=\"tracksim admin\"");
    res.set_header("Connection", "close");  // its body, if any, stays unread
    send_error(res, 401,
               given.empty() ? "the admin API needs \"Authorization: Bearer TOKEN\" (--admin-token)"
                             : "wrong admin token");
    return httplib::Server::HandlerResponse::Handled;
  });
}

void CarrierServer::Impl::error_handling() {
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    static const std::regex known(
        R"(/track/[^/]+/[^/]+|/track/batch|/poll(/query\.do|/maptrack\.do)?|)"
        R"(/__admin/(clock|scenarios|requests|faults|proxy|pushes|push-faults|reset))");
    if (res.status == 404 && std::regex_match(req.path, known)) {
      res.status = 405;
      send_error(res, 405, "method " + req.method + " not allowed on " + req.path);
      return;
    }
    send_error(res, res.status,
               res.status == 404 ? "no such page: " + req.method + " " + req.path
                                 : "bad request: " + req.method + " " + req.path);
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what += std::string(": ") + e.what();
        } catch (...) {
        }
        send_error(res, 500, what);
      });
  // Runs after the handler (and the error handler) but before the response is written, so a
  // client that reads the journal right after its answer finds its request there.
  http.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const Instant now = clock.now();
    res.set_header("X-Tracksim-Virtual-Time", format_timestamp(now));
    if (req.path.starts_with("/__admin/")) return;
    journal.add({req.method, req.path, res.status, now, SystemClock::wall_millis()});
  });
}

CarrierServer::CarrierServer(ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

CarrierServer::~CarrierServer() { stop(); }

Result<void> check_exposure(const ServerOptions& options) {
  if (!options.admin_token.empty() || is_loopback_host(options.host)) return {};
  return unexpected("refusing to listen on " + options.host +
                    " without an admin token: anyone who reaches it could move the clock, "
                    "load scenarios and switch faults on. Pass --admin-token TOKEN (or set "
                    "TRACKSIM_ADMIN_TOKEN), or bind 127.0.0.1");
}

Result<int> CarrierServer::start() {
  Impl& s = *impl_;
  if (s.running) return unexpected(ErrorKind::internal, "the server is already running");
  if (auto exposed = check_exposure(s.opts); !exposed) return unexpected(exposed.error());
  const std::size_t threads = std::max<std::size_t>(s.opts.threads, 1);
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.http.set_tcp_nodelay(true);
  s.http.set_keep_alive_max_count(1'000'000);
  s.http.set_payload_max_length(16U << 20U);
  s.routes();
  if (s.opts.port == 0) {
    s.port = s.http.bind_to_any_port(s.opts.host);
  } else {
    s.port = s.http.bind_to_port(s.opts.host, s.opts.port) ? s.opts.port : -1;
  }
  if (s.port <= 0) {
    return unexpected("cannot listen on " + s.opts.host + ":" + std::to_string(s.opts.port) +
                      " (in use, or not an address of this machine)");
  }
  if (s.opts.proxy) {
    ProxyOptions po;
    po.upstream_host = s.opts.host == "0.0.0.0" ? "127.0.0.1" : s.opts.host;
    po.upstream_port = s.port;
    po.config = *s.opts.proxy;
    po.seed = s.opts.seed;
    po.allow_remote_upstream = !s.opts.admin_token.empty();  // the bind itself was allowed
    s.proxy = std::make_unique<FaultProxy>(std::move(po));
    if (auto p = s.proxy->start(); !p) return unexpected(p.error());
  }
  s.pusher.start();
  s.running = true;
  s.listener = std::thread([&s] { s.http.listen_after_bind(); });
  while (!s.http.is_running()) std::this_thread::yield();  // bound already: only a moment
  return s.port;
}

void CarrierServer::stop() {
  Impl& s = *impl_;
  if (!s.running.exchange(false)) return;
  if (s.proxy) s.proxy->stop();
  s.http.stop();
  if (s.listener.joinable()) s.listener.join();
  s.pusher.stop();
}

int CarrierServer::port() const { return impl_->port; }

std::string CarrierServer::url() const {
  return "http://" + impl_->opts.host + ":" + std::to_string(impl_->port) + "/";
}

std::string CarrierServer::client_url() const { return impl_->proxy ? impl_->proxy->url() : url(); }

World& CarrierServer::world() { return impl_->world; }
FaultProxy* CarrierServer::proxy() { return impl_->proxy.get(); }
const Procedural& CarrierServer::procedural() const { return impl_->procedural; }
ServerClock& CarrierServer::clock() { return impl_->clock; }
Faults& CarrierServer::faults() { return impl_->faults; }
Pusher& CarrierServer::pusher() { return impl_->pusher; }

}  // namespace tracksim::sim::server
