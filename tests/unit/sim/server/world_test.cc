// World and ParcelTable: the compact store words every scan exactly as preparing it at load did,
// finds every number, and shares its base for reset.
#include "sim/server/world.h"

#include <gtest/gtest.h>

#include <array>
#include <span>
#include <string>
#include <vector>

#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/server/md5.h"
#include "sim/server/parcel_table.h"
#include "sim/server/render.h"

namespace tracksim::sim::server {
namespace {

// 2023-02-01T10:00:00+08:00
constexpr Instant kT0 = Instant::from_unix(1'675'216'800);
namespace sim = tracksim::sim;

// Parcels that reach every branch of the display fields: every carrier and kind, custom text,
// no city, a city id outside the atlas, typed and untyped facilities, locker and station names,
// scans out of order with ties, visible_at before at, consignee shown or not.
std::vector<sim::Parcel> varied_parcels(
    std::span<const sim::Carrier> carriers = sim::all_carriers()) {
  const auto& atlas = sim::geo::Atlas::china();
  const auto city_count = static_cast<std::uint64_t>(atlas.cities().size());
  const std::array<const char*, 6> facilities = {
      "", "杭州转运中心", "西湖区丰巢柜", "文一路菜鸟驿站", "滨江营业部", "A&B <hub>"};
  std::vector<sim::Parcel> out;
  sim::Rng rng(20'260'401);
  for (sim::Carrier carrier : carriers) {
    for (int variant = 0; variant < 6; ++variant) {
      sim::Parcel p;
      p.carrier = carrier;
      p.number = std::string(sim::code(carrier)) + "7" + std::to_string(1000 + variant);
      const auto home = static_cast<sim::geo::CityId>(rng.below(city_count));
      p.consignee_city = variant == 1 ? sim::geo::kNoCity : home;
      if (variant % 2 == 0) p.consignee_phone_tail = std::to_string(1000 + variant);
      for (std::size_t k = 0; k < sim::kScanKindCount; ++k) {
        sim::Scan s;
        s.kind = static_cast<sim::ScanKind>(k);
        s.at = kT0 + std::chrono::hours(static_cast<int>(rng.below(6)));  // ties on purpose
        s.visible_at = s.at + std::chrono::minutes(static_cast<int>(rng.below(240)) - 60);
        const std::uint64_t where = rng.below(4);
        s.city = where == 0   ? sim::geo::kNoCity
                 : where == 1 ? home
                 : where == 2 ? static_cast<sim::geo::CityId>(rng.below(city_count))
                              : static_cast<sim::geo::CityId>(city_count + 5);  // not in the atlas
        s.facility_type = static_cast<sim::FacilityType>(rng.below(5));
        s.facility = facilities[rng.below(facilities.size())];
        if (rng.below(5) == 0) s.text = "自定义 <文本> & " + std::to_string(k);
        p.scans.push_back(std::move(s));
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

void expect_same(const ShownScan& a, const ShownScan& b) {
  EXPECT_EQ(a.at.unix_seconds(), b.at.unix_seconds());
  EXPECT_EQ(a.visible_at.unix_seconds(), b.visible_at.unix_seconds());
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.facility_type, b.facility_type);
  EXPECT_EQ(a.facility, b.facility);
  EXPECT_EQ(a.status.state, b.status.state);
  EXPECT_EQ(a.status.status_code, b.status.status_code);
  EXPECT_EQ(a.status.state_name, b.status.state_name);
  EXPECT_EQ(a.context, b.context);
  EXPECT_EQ(a.location, b.location);
  EXPECT_EQ(a.area_code, b.area_code);
  EXPECT_EQ(a.area_name, b.area_name);
}

// Catches a store that loses or mixes up a field: a facility or text interned under the wrong
// id, scans re-ordered before the wording draws (which key on file order), visible_at dropped.
TEST(World, ShowsEachScanAsPreparingTheParcelDoes) {
  const std::vector<Parcel> parcels = varied_parcels();
  World world;
  world.load(parcels);
  for (const Parcel& p : parcels) {
    const std::vector<ShownScan> prepared = World::prepare(p);
    for (int hour : {-2, 0, 3, 5, 12}) {
      const Instant as_of = kT0 + std::chrono::hours(hour);
      const std::optional<TrackView> view = world.view(p.carrier, p.number, as_of);
      ASSERT_TRUE(view) << p.number;
      std::vector<const ShownScan*> expected;
      for (const ShownScan& s : prepared) {
        if (s.visible_at <= as_of) expected.push_back(&s);
      }
      ASSERT_EQ(view->scans.size(), expected.size()) << p.number << " at +" << hour << "h";
      for (std::size_t i = 0; i < expected.size(); ++i) expect_same(view->scans[i], *expected[i]);
      EXPECT_EQ(view->consignee_city, p.consignee_city);
      EXPECT_EQ(view->consignee_phone_tail, p.consignee_phone_tail);
      EXPECT_EQ(world.visible(p.carrier, p.number, as_of)->count, expected.size());
    }
    EXPECT_EQ(world.first_scan(p.carrier, p.number)->unix_seconds(),
              prepared.front().at.unix_seconds());
  }
}

// Every answer (Kuaidi100 JSON and page) for `carriers`' varied parcels, as one string.
std::string answers(std::span<const Carrier> carriers) {
  const std::vector<Parcel> parcels = varied_parcels(carriers);
  World world;
  world.load(parcels);
  std::string all;
  for (const Parcel& p : parcels) {
    for (int hour : {-1, 2, 4, 10}) {
      std::optional<TrackView> v = world.view(p.carrier, p.number, kT0 + std::chrono::hours(hour));
      EXPECT_TRUE(v);
      if (!v) continue;
      v->generation = 0;
      all += kuaidi100_json(*v, hour % 2 == 0) + tracking_page_html(*v);
    }
  }
  return all;
}

// The answers of the varied parcels, recorded from the server that prepared every scan's text at
// load (before the compact store): catches any change of wording, area or order. Change the
// digest only together with a deliberate change of what the carrier website says.
TEST(World, AnswersAsTheServerThatPreparedTextAtLoad) {
  const std::string all =
      answers(std::span(all_carriers()).first(kOriginalCarrierCount));  // sf .. ems
  // Re-pinned with the carriers' corpus wording (sim/data/wording.tsv) and resultv2 status names.
  EXPECT_EQ(all.size(), 632'286U);
  EXPECT_EQ(md5_hex_upper(all), "B26D72B80360FC2B712BFFF8F200FF67");
}

// The same for the carriers added later (youzheng .. ane), pinned when their wording was written.
TEST(World, AnswersForTheLaterCarriersAsWhenTheirWordingWasWritten) {
  const std::string all = answers(std::span(all_carriers()).subspan(kOriginalCarrierCount));
  EXPECT_EQ(all.size(), 609'426U);
  EXPECT_EQ(md5_hex_upper(all), "9BFE30F6401AB8B067075E87824BA2C9");
}

Parcel numbered(Carrier carrier, const std::string& number, int hours) {
  Parcel p;
  p.carrier = carrier;
  p.number = number;
  p.consignee_phone_tail = "0000";
  for (int h = 0; h < hours; ++h) {
    Scan s;
    s.kind = h == 0 ? ScanKind::pickup : ScanKind::arrive;
    s.at = kT0 + std::chrono::hours(h);
    s.visible_at = s.at;
    s.facility = "站" + std::to_string(h);
    p.scans.push_back(std::move(s));
  }
  return p;
}

// Catches an index that loses numbers when it grows, confuses carriers, or finds what was never
// added.
TEST(ParcelTable, FindsEveryNumberAndNothingElse) {
  ParcelTable table;
  constexpr int kCount = 20'000;
  for (int i = 0; i < kCount; ++i) table.add(numbered(Carrier::zto, std::to_string(i), 1 + i % 3));
  ASSERT_EQ(table.size(), static_cast<std::size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    const auto id = table.find(Carrier::zto, std::to_string(i));
    ASSERT_NE(id, ParcelTable::kNone) << i;
    EXPECT_EQ(table.view(id, kT0 + std::chrono::hours(5)).number, std::to_string(i));
    EXPECT_EQ(table.visible_count(id, kT0 + std::chrono::hours(5)),
              static_cast<std::size_t>(1 + i % 3));
    EXPECT_EQ(table.find(Carrier::sf, std::to_string(i)), ParcelTable::kNone);
    EXPECT_EQ(table.find(Carrier::zto, std::to_string(i) + "x"), ParcelTable::kNone);
  }
}

// Catches replaced parcels whose old scans leak into the view, or whose storage is compacted
// under a parcel still pointing at the old positions.
TEST(ParcelTable, ReplacingAParcelManyTimesKeepsTheLatestAndOthersIntact) {
  ParcelTable table;
  table.add(numbered(Carrier::sf, "SF1", 4));
  for (int round = 1; round <= 3'000; ++round)
    table.add(numbered(Carrier::jd, "JD1", 1 + round % 7));
  table.add(numbered(Carrier::sf, "SF2", 2));
  ASSERT_EQ(table.size(), 3U);
  const Instant late = kT0 + std::chrono::hours(10);
  const TrackView jd = table.view(table.find(Carrier::jd, "JD1"), late);
  ASSERT_EQ(jd.scans.size(), 1U + 3'000 % 7);
  EXPECT_EQ(jd.scans.back().facility, "站" + std::to_string(3'000 % 7));
  EXPECT_EQ(table.view(table.find(Carrier::sf, "SF1"), late).scans.size(), 4U);
  EXPECT_EQ(table.view(table.find(Carrier::sf, "SF2"), late).scans.size(), 2U);
}

// Catches a reset that copies or loses the base, a size that counts a replaced base parcel twice,
// and loads that leak past a reset.
TEST(World, ResetSharesTheBaseAndForgetsLaterLoads) {
  const auto base =
      World::table_of({numbered(Carrier::sf, "SF1", 3), numbered(Carrier::sf, "SF2", 2)});
  World world;
  world.reset(base);
  EXPECT_EQ(base.use_count(), 2);  // held by the world, not copied
  EXPECT_EQ(world.size(), 2U);
  world.load({numbered(Carrier::sf, "SF1", 1), numbered(Carrier::sf, "SF1", 5),
              numbered(Carrier::yto, "YT9", 1)});
  EXPECT_EQ(world.size(), 3U);
  const Instant late = kT0 + std::chrono::hours(10);
  EXPECT_EQ(world.visible(Carrier::sf, "SF1", late)->count, 5U);
  EXPECT_EQ(world.visible(Carrier::sf, "SF2", late)->count, 2U);
  const std::uint64_t before = world.visible(Carrier::sf, "SF2", late)->generation;
  world.reset(base);
  EXPECT_GT(world.visible(Carrier::sf, "SF2", late)->generation, before);
  EXPECT_EQ(world.size(), 2U);
  EXPECT_EQ(world.visible(Carrier::sf, "SF1", late)->count, 3U);
  EXPECT_FALSE(world.view(Carrier::yto, "YT9", late));
  world.clear();
  EXPECT_EQ(world.size(), 0U);
  EXPECT_FALSE(world.first_scan(Carrier::sf, "SF2"));
  EXPECT_EQ(base.use_count(), 1);
}

}  // namespace
}  // namespace tracksim::sim::server
