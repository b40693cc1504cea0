#include "harness/runner/push_receiver.h"

#include <httplib.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "sim/server/push.h"

namespace tracksim::harness {
namespace {

using Json = nlohmann::json;
constexpr const char* kSalt = "tracksim-run-via-push";
constexpr const char* kOk = R"({"result":true,"returnCode":"200","message":"成功"})";

// A trace is newer than another when it shows more scans (visible sets only grow).
bool newer(const TrackingAnswer& a, const TrackingAnswer& b) {
  return a.found && (!b.found || a.parcel.scans.size() > b.parcel.scans.size());
}

}  // namespace

struct PushReceiver::Impl {
  httplib::Server http;
  std::thread listener;
  int port = 0;
  mutable std::mutex mu;
  std::map<std::pair<sim::Carrier, std::string>, Held> held;
  PushCounts counts;

  void take(const httplib::Request& req, httplib::Response& res);
};

void PushReceiver::Impl::take(const httplib::Request& req, httplib::Response& res) {
  const std::string param = req.get_param_value("param");
  const std::string sign = req.get_param_value("sign");
  std::lock_guard lock(mu);
  ++counts.received;
  if (sign != sim::server::push_sign(param, kSalt)) {
    ++counts.forged;
    res.status = 400;
    res.set_content(R"({"result":false,"returnCode":"500","message":"sign"})", "application/json");
    return;
  }
  Json p = Json::parse(param, nullptr, false);
  Result<TrackingAnswer> answer = unexpected("no lastResult");
  if (p.is_object() && p.contains("lastResult") && p["lastResult"].is_object()) {
    // Pushes list events newest first; read them oldest first, as poll mode asks (order=asc),
    // so that events with equal times keep the carrier's order.
    Json& last = p["lastResult"];
    if (last.contains("data") && last["data"].is_array()) {
      std::reverse(last["data"].begin(), last["data"].end());
    }
    answer = parse_kuaidi100(last.dump());
  }
  if (!answer) {
    res.status = 400;
    res.set_content(R"({"result":false,"returnCode":"500","message":"param"})", "application/json");
    return;
  }
  if (answer->parcel.scans.empty()) answer->found = false;  // abort with no record: nothing known
  const bool final = p.value("status", "") != "polling";
  const auto key = std::make_pair(answer->parcel.carrier, answer->parcel.number);
  auto it = held.find(key);
  if (it == held.end()) {
    held.emplace(key, Held{std::move(*answer), final});
  } else if (newer(*answer, it->second.answer)) {
    it->second = Held{std::move(*answer), final};
  } else if (answer->parcel.scans.size() == it->second.answer.parcel.scans.size()) {
    ++counts.repeated;
    it->second.final = it->second.final || final;
  } else {
    ++counts.reordered;
  }
  res.set_content(kOk, "application/json");
}

PushReceiver::PushReceiver() : impl_(std::make_unique<Impl>()) {}

PushReceiver::~PushReceiver() {
  if (impl_->port > 0) {
    impl_->http.stop();
    if (impl_->listener.joinable()) impl_->listener.join();
  }
}

Result<void> PushReceiver::start() {
  Impl& s = *impl_;
  s.http.new_task_queue = [] { return new httplib::ThreadPool(4); };
  s.http.set_tcp_nodelay(true);
  s.http.set_keep_alive_max_count(1'000'000);
  s.http.Post("/push", [&s](const auto& req, auto& res) { s.take(req, res); });
  s.port = s.http.bind_to_any_port("127.0.0.1");
  if (s.port <= 0) return unexpected("the push receiver cannot listen on 127.0.0.1");
  s.listener = std::thread([&s] { s.http.listen_after_bind(); });
  while (!s.http.is_running()) std::this_thread::yield();
  return {};
}

Result<void> PushReceiver::subscribe(int carrier_port, const std::string& key, sim::Carrier carrier,
                                     const std::string& number) {
  const Json param = {
      {"company", sim::kuaidi100_code(carrier)},
      {"number", number},
      {"key", key},
      {"parameters",
       {{"callbackurl", "http://127.0.0.1:" + std::to_string(impl_->port) + "/push"},
        {"salt", kSalt},
        {"resultv2", "1"}}}};
  httplib::Client client("127.0.0.1", carrier_port);
  const httplib::Params form = {{"schema", "json"}, {"param", param.dump()}};
  auto res = client.Post("/poll", form);
  if (!res) return unexpected("subscribe " + number + ": " + httplib::to_string(res.error()));
  const Json a = Json::parse(res->body, nullptr, false);
  if (!a.is_object() || a.value("returnCode", "") != "200") {
    return unexpected("subscribe " + number + ": " + res->body);
  }
  return {};
}

std::optional<PushReceiver::Held> PushReceiver::latest(sim::Carrier carrier,
                                                       const std::string& number) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->held.find({carrier, number});
  if (it == impl_->held.end()) return std::nullopt;
  return it->second;
}

void PushReceiver::reconcile(sim::Carrier carrier, const std::string& number,
                             const TrackingAnswer& polled, bool recovery) {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->held.find({carrier, number});
  if (it == impl_->held.end()) {
    if (recovery && polled.found && !polled.parcel.scans.empty()) ++impl_->counts.recovered;
    impl_->held.emplace(std::make_pair(carrier, number), Held{polled, false});
  } else if (newer(polled, it->second.answer)) {
    if (recovery) ++impl_->counts.recovered;
    it->second.answer = polled;
  }
}

PushCounts PushReceiver::counts() const {
  std::lock_guard lock(impl_->mu);
  return impl_->counts;
}

}  // namespace tracksim::harness
