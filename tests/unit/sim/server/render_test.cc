// The Kuaidi100 body writer against the JSON tree it replaced: for random views (quotes,
// backslashes, every control character, Chinese text, empty fields, consignee or not, both
// orders) the direct writer must give exactly the bytes nlohmann::json::dump() gave, since
// clients, digests and recorded dumps were made from those; ill-formed UTF-8 must still be
// refused (nlohmann throws), never written out as it came.
#include "sim/server/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sim/carrier/carrier.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

// The writer as it was before bodies were written directly (commit 81363b3).
std::string tree_json(const TrackView& view, bool ascending) {
  auto event = [](const ShownScan& s) {
    const std::string when = format_beijing(s.at);
    Json e = {{"time", when},
              {"ftime", when},
              {"context", s.context},
              {"location", s.location},
              {"status", std::string(s.status.code_name)},
              {"statusCode", std::to_string(s.status.status_code)}};
    e["areaCode"] = s.area_code.empty() ? Json(nullptr) : Json(s.area_code);
    e["areaName"] = s.area_name.empty() ? Json(nullptr) : Json(s.area_name);
    e["kind"] = std::string(to_string(s.kind));
    e["facility"] = s.facility;
    e["facilityType"] = std::string(to_string(s.facility_type));
    e["visibleAt"] = format_beijing(s.visible_at);
    return e;
  };
  Json data = Json::array();
  if (ascending) {
    for (const ShownScan& s : view.scans) data.push_back(event(s));
  } else {
    for (auto it = view.scans.rbegin(); it != view.scans.rend(); ++it) data.push_back(event(*it));
  }
  Json j = {{"message", "ok"},
            {"nu", view.number},
            {"com", std::string(kuaidi100_code(view.carrier))},
            {"state", view.state()},
            {"ischeck", view.delivered() ? "1" : "0"},
            {"condition", "F00"},
            {"status", "200"},
            {"data", std::move(data)}};
  const auto& cities = geo::Atlas::china().cities();
  const bool has_city = view.consignee_city != geo::kNoCity && view.consignee_city < cities.size();
  if (has_city || !view.consignee_phone_tail.empty()) {
    Json consignee = Json::object();
    if (has_city) consignee["city"] = std::string(cities[view.consignee_city].full_name);
    if (!view.consignee_phone_tail.empty()) consignee["phoneTail"] = view.consignee_phone_tail;
    j["consignee"] = std::move(consignee);
  }
  return j.dump();
}

// Text mixing every ASCII byte (controls included), Chinese and 4-byte characters.
std::string random_text(Rng& rng) {
  static const std::string pieces[] = {
      "【杭州转运中心】", "已签收", "😀", "\"", "\\", "/", "\x7f", "é", "a b"};
  std::string out;
  const auto n = rng.below(8);
  for (std::uint64_t i = 0; i < n; ++i) {
    if (rng.below(2) == 0) {
      out += static_cast<char>(rng.below(0x80));
    } else {
      out += pieces[rng.below(std::size(pieces))];
    }
  }
  return out;
}

TrackView random_view(Rng& rng) {
  const auto& cities = geo::Atlas::china().cities();
  TrackView v;
  v.carrier = all_carriers()[rng.below(all_carriers().size())];
  v.number = random_text(rng);
  if (rng.below(2) == 0) v.consignee_city = static_cast<geo::CityId>(rng.below(cities.size()));
  if (rng.below(2) == 0) v.consignee_phone_tail = random_text(rng);
  const auto scans = rng.below(6);
  for (std::uint64_t i = 0; i < scans; ++i) {
    ShownScan s;
    s.at = Instant::from_unix(1'675'180'800 + static_cast<std::int64_t>(rng.below(1'000'000)));
    s.visible_at = s.at + Duration(static_cast<std::int64_t>(rng.below(10'000)));
    s.kind = static_cast<ScanKind>(rng.below(kScanKindCount));
    s.facility_type = static_cast<FacilityType>(rng.below(5));
    s.status = kuaidi100_status(s.kind, rng.below(2) == 0);
    s.facility = random_text(rng);
    s.context = random_text(rng);
    s.location = random_text(rng);
    s.area_code = rng.below(3) == 0 ? "" : random_text(rng);
    s.area_name = rng.below(3) == 0 ? "" : random_text(rng);
    v.scans.push_back(std::move(s));
  }
  return v;
}

TEST(Render, Kuaidi100JsonIsByteForByteWhatTheJsonTreeWrote) {
  Rng rng(20261126);
  for (int i = 0; i < 2'000; ++i) {
    const TrackView v = random_view(rng);
    for (const bool ascending : {true, false}) {
      ASSERT_EQ(kuaidi100_json(v, ascending), tree_json(v, ascending)) << "view " << i;
    }
  }
}

TEST(Render, Kuaidi100JsonRefusesIllFormedUtf8AsBefore) {
  // A lone continuation byte, an overlong '/', a UTF-16 surrogate, past U+10FFFF, a cut-off
  // character: each is refused, as nlohmann refused it.
  for (const std::string bad :
       {"\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe6\x9d"}) {
    TrackView v;
    v.number = "SF1234567890123";
    ShownScan s;
    s.context = "ok " + bad;
    v.scans.push_back(s);
    EXPECT_THROW(tree_json(v, true), Json::exception);
    EXPECT_THROW(kuaidi100_json(v, true), Json::exception);
  }
}

}  // namespace
}  // namespace tracksim::sim::server
