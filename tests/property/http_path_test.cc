// The HTTP path judges like the in-process path: a generated, faulted population is loaded into
// the mock carrier (loopback, port 0, manual clock), every uploaded number is fetched through
// CarrierClient at a few instants, and the verdict on the parsed answer must equal the verdict
// on the parcel itself. Runs kHttpCases cases in CI (each starts a server); nightly as the rest.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "harness/client/carrier_client.h"
#include "sim/geo/atlas.h"
#include "sim/server/carrier_server.h"
#include "sim/time/timestamp.h"
#include "tests/property/property_helpers.h"
#include "tests/support/fault_generators.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

// The population judged at `now` (the labels hold at `until` only, so no expectations).
ScenarioDraft draft_at(const FaultedPopulation& fp, sim::Instant now, std::string why) {
  ScenarioDraft d = draft_of(fp, now, std::move(why));
  d.expect.clear();
  return d;
}

// The scans of a view as "kind@city" in listing order, for failure messages.
std::string scans_text(std::span<const sim::Scan> scans) {
  std::string out;
  for (const sim::Scan& s : scans) {
    out += " " + std::string(to_string(s.kind)) + "@" +
           (s.city == sim::geo::kNoCity
                ? std::string("-")
                : std::string(sim::geo::Atlas::china().city(s.city).full_name)) +
           "/" + s.facility;
  }
  return out;
}

std::string detectors_text(DetectorSet d) {
  std::string out = "[";
  for (std::size_t k = 0; k < kDetectorCount; ++k) {
    if (d.test(k)) out += " " + std::string(detector_names()[k]);
  }
  return out + " ]";
}

// Catches a parser or renderer that drops or misreads what the engine needs: a scan kind read
// from the wording wrongly (a 到达 at a 转运中心 read as pickup moves P), a Beijing time parsed
// as UTC (every deadline 8h off), scans re-sorted so the first physical scan changes, a
// facility name cut at the bracket (repeated_scans and copied_track stop matching), and a
// client that turns a 404 for a not-yet-known number into an error instead of "no scans".
RC_GTEST_PROP(HttpPath, FetchingThroughTheMockCarrierJudgesLikeTheInProcessView, ()) {
  const int rs = *ruleset_index();
  FaultedPopulation fp = *faulted_population(rs, 3, all_faults());
  Population& pop = fp.pop;
  const auto index = index_of(pop);

  // A few instants between the start and `until`, ascending, and `until` itself.
  const std::int64_t span_s = (pop.until - fp.spec.start).count();
  std::vector<sim::Instant> instants;
  const auto n = *rc::gen::inRange(1, 4);
  for (int k = 0; k < n; ++k) {
    instants.push_back(fp.spec.start + sim::Duration(*rc::gen::inRange<std::int64_t>(0, span_s)));
  }
  instants.push_back(pop.until);
  std::sort(instants.begin(), instants.end());

  sim::server::ServerOptions so;
  so.start = fp.spec.start;
  so.threads = 2;
  so.parcels = pop.parcels;
  sim::server::CarrierServer server(std::move(so));
  const auto port = server.start();
  RC_ASSERT(port.has_value());
  ClientOptions co;
  co.port = *port;
  co.sleep = [](std::chrono::milliseconds) {};
  auto client = std::make_unique<CarrierClient>(co);

  for (const sim::Instant now : instants) {
    RC_ASSERT(server.clock().set(now).has_value());
    for (const Order& o : pop.orders) {
      const Verdict local = evaluate(o, view_of(pop, o), now, fp.rules(), *index);
      FetchResult fetched;
      TrackingView wire;
      if (o.upload) {
        fetched = client->track(o.upload->carrier, o.upload->number);
        RC_ASSERT(fetched.status != FetchStatus::unknown);
        if (fetched.status == FetchStatus::ok) {
          const sim::Parcel& shown = fetched.answer.parcel;
          wire.scans = shown.scans;
          wire.consignee_city = shown.consignee_city;
          wire.consignee_phone_tail = shown.consignee_phone_tail;
        }
      }
      const Verdict remote = evaluate(o, wire, now, fp.rules(), *index);
      const std::string why = o.id + " at " + sim::format_beijing(now) + " detectors: in " +
                              "process " + detectors_text(local.detectors) + ", over HTTP " +
                              detectors_text(remote.detectors) +
                              "\n  in process:" + scans_text(view_of(pop, o).scans) +
                              "\n  over HTTP: " + scans_text(wire.scans);
      TS_RC_ASSERT(local.detectors == remote.detectors, draft_at(fp, now, why));
      for (std::size_t r = 0; r < kRuleCount; ++r) {
        const std::string rule_why =
            o.id + " at " + sim::format_beijing(now) + " " + std::string(rule_names()[r]) +
            ": in process " + std::string(to_string(local.rules[r].outcome)) + ", over HTTP " +
            std::string(to_string(remote.rules[r].outcome));
        TS_RC_ASSERT(local.rules[r].outcome == remote.rules[r].outcome,
                     draft_at(fp, now, rule_why));
      }
    }
  }
  client.reset();  // close the keep-alive connection first: stop() would wait out its timeout
  server.stop();
}

}  // namespace
}  // namespace tracksim::harness::testing
