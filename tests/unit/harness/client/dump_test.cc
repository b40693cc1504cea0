#include "harness/client/dump.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/client/dump_time.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using sim::ScanKind;
using ::testing::HasSubstr;

sim::Instant at(const char* iso) { return *sim::parse_timestamp(iso); }

TEST(DumpTime, ReadsTheWaysDumpsWriteTimes) {
  EXPECT_EQ(*parse_dump_time("2023-02-04 19:30:02"), at("2023-02-04T19:30:02+08:00"));
  EXPECT_EQ(*parse_dump_time("2023/2/4 19:30"), at("2023-02-04T19:30:00+08:00"));
  EXPECT_EQ(*parse_dump_time(" 2016-5-12  16:45:5 "), at("2016-05-12T16:45:05+08:00"));
  EXPECT_EQ(*parse_dump_time("2023-02-04T11:30:02Z"), at("2023-02-04T19:30:02+08:00"));
  EXPECT_FALSE(parse_dump_time("2023-02-30 10:00:00").has_value());
  EXPECT_FALSE(parse_dump_time("2023-02-04").has_value());  // no time of day
  EXPECT_FALSE(parse_dump_time("yesterday").has_value());
}

// Fuzz finding (tests/fuzz dump target): an ftime of year 0018 read as a time of the first
// century, and the dump re-rendered as text read back differently. Such a time is refused.
TEST(DumpTime, YearsNoCarrierTraceHasAreRefused) {
  const auto old = parse_dump_time("0018-10-05 07:35:31");
  ASSERT_FALSE(old.has_value());
  EXPECT_THAT(old.error().message, HasSubstr("outside the years a carrier trace can have"));
  EXPECT_FALSE(parse_dump_time("2300-01-01 00:00:00").has_value());
  EXPECT_TRUE(parse_dump_time("1999-12-31 23:59:59").has_value());
  const auto d = read_dump(
      R"({"message":"ok","com":"shentong","nu":"3378237498354","data":[)"
      R"({"time":"2018-10-05 07:35:31","ftime":"0018-10-05 07:35:31","context":"已到达"}]})");
  ASSERT_FALSE(d.has_value());
  EXPECT_THAT(d.error().to_string(), HasSubstr("data[0]"));
}

TEST(DumpShapes, AreDetectedFromTheBody) {
  EXPECT_EQ(detect_dump_shape(R"({"message":"ok","data":[]})"), DumpShape::kuaidi100);
  EXPECT_EQ(detect_dump_shape(R"({"result":false,"returnCode":"500"})"), DumpShape::kuaidi100);
  EXPECT_EQ(detect_dump_shape(R"({"status":"polling","lastResult":{"data":[]}})"),
            DumpShape::kuaidi100_push);
  EXPECT_EQ(detect_dump_shape("param=%7B%22status%22%3A%22polling%22%7D&sign=AB"),
            DumpShape::kuaidi100_push);
  EXPECT_EQ(detect_dump_shape(R"({"Success":true,"Traces":[]})"), DumpShape::kdniao);
  EXPECT_EQ(detect_dump_shape(R"({"EBusinessID":"1","Count":"1","Data":[{"Traces":[]}]})"),
            DumpShape::kdniao);
  EXPECT_EQ(detect_dump_shape("2023-02-04 19:30:02 快件已签收"), DumpShape::text);
  EXPECT_EQ(detect_dump_shape(R"({"foo":1})"), std::nullopt);
  EXPECT_EQ(detect_dump_shape("hello"), std::nullopt);
}

TEST(PushDump, ReadsTheEncodedFormAndNamesPlacesInsideLastResult) {
  const std::string form =
      "sign=0123&param=%7B%22status%22%3A%22polling%22%2C%22lastResult%22%3A%7B%22nu%22%3A%22"
      "YT1%22%2C%22com%22%3A%22yuantong%22%2C%22data%22%3A%5B%7B%22ftime%22%3A%222023-02-0"
      "1+18%3A00%3A00%22%2C%22context%22%3A%22%E5%B7%B2%E6%8F%BD%E6%94%B6%22%7D%5D%7D%7D";
  const auto d = read_dump(form);
  ASSERT_TRUE(d.has_value()) << d.error().to_string();
  EXPECT_EQ(d->shape, DumpShape::kuaidi100_push);
  EXPECT_TRUE(d->names_carrier);
  EXPECT_EQ(d->answer.parcel.carrier, sim::Carrier::yto);
  ASSERT_EQ(d->answer.parcel.scans.size(), 1U);
  EXPECT_EQ(d->answer.parcel.scans[0].kind, ScanKind::pickup);
  EXPECT_EQ(d->notes[0].where, "param.lastResult.data[0]");
  const auto bad = read_dump(R"({"status":"polling","lastResult":{"data":[{"ftime":"x"}]}})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message, HasSubstr("lastResult.data[0].ftime"));
}

TEST(KdniaoDump, ReadsActionCodesAndLocationAndNamesTheCarrier) {
  const auto d = read_dump(R"({"ShipperCode":"YD","LogisticCode":"4300000000000","Success":true,
    "Traces":[{"AcceptTime":"2023-02-01 18:00:00","AcceptStation":"快件已被签收","Action":"311"},
              {"AcceptTime":"2023-02-02 09:00:00","AcceptStation":"运输中","Location":"郑州市",
               "Action":"2"},
              {"AcceptTime":"2023-02-02 09:30:00","AcceptStation":"收到","Action":"202"}]})");
  ASSERT_TRUE(d.has_value()) << d.error().to_string();
  EXPECT_EQ(d->answer.parcel.carrier, sim::Carrier::yunda);
  EXPECT_EQ(d->answer.parcel.number, "4300000000000");
  const auto& s = d->answer.parcel.scans;
  ASSERT_EQ(s.size(), 3U);
  EXPECT_EQ(s[0].kind, ScanKind::delivered);
  EXPECT_EQ(s[1].city, sim::geo::Atlas::china().find_city("郑州市")->id);
  EXPECT_EQ(s[2].kind, ScanKind::out_for_delivery);  // 202 派件中, though the words say little
  EXPECT_EQ(d->notes[2].basis, KindBasis::code_fallback);
  const auto bad = read_dump(R"({"Traces":[{"AcceptTime":"soon","AcceptStation":"x"}]})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message, HasSubstr("Traces[0].AcceptTime"));
}

TEST(TextDump, ReadsPastedLinesNewestOrOldestFirstWithSplitTimes) {
  const auto d = read_dump(
      "物流信息\n运单号：YT1234567890123\n"
      "2023-02-04\n19:30:02\n【北京市】 快件已签收，签收人: 本人\n"
      "2023-02-04 08:10 周六 【北京朝阳望京网点】 派件中\n"
      "  \n"
      "2023/02/03 21:40:00 快件已到达 【北京转运中心】\n"
      "2023-02-02 17:05:00\t【杭州西湖区公司】 已揽收\n取件人: 某师傅 (139****0000)\n",
      std::nullopt, sim::Carrier::yto);
  ASSERT_TRUE(d.has_value()) << d.error().to_string();
  EXPECT_EQ(d->shape, DumpShape::text);
  const auto& s = d->answer.parcel.scans;
  ASSERT_EQ(s.size(), 4U);
  EXPECT_EQ(s[0].at, at("2023-02-04T19:30:02+08:00"));
  EXPECT_EQ(s[0].kind, ScanKind::delivered);
  EXPECT_EQ(s[1].kind, ScanKind::out_for_delivery);
  EXPECT_EQ(s[1].text, "【北京朝阳望京网点】 派件中");
  EXPECT_EQ(s[2].kind, ScanKind::arrive);
  EXPECT_EQ(s[3].text, "【杭州西湖区公司】 已揽收 取件人: 某师傅 (139****0000)");
  EXPECT_EQ(d->notes[0].where, "line 3");
  EXPECT_EQ(d->notes[3].where, "line 9");
  const auto no_time = read_dump("2023-02-04 快件已签收\n");
  ASSERT_FALSE(no_time.has_value());
  EXPECT_THAT(no_time.error().message, HasSubstr("line 1: a date without a time of day"));
}

TEST(TextDump, RenderedTextReadsBackToTheSameTimesKindsAndTexts) {
  sim::Parcel p;
  p.carrier = sim::Carrier::zto;
  for (const auto& [when, text] : std::vector<std::pair<const char*, const char*>>{
           {"2023-02-03T17:05:00+08:00", "【杭州西湖区公司】 已揽收"},
           {"2023-02-03T22:10:00+08:00", "【杭州转运中心】 已发出 下一站 【北京转运中心】"},
           {"2023-02-05T14:12:09+08:00", "快件已签收，签收人: 本人"}}) {
    sim::Scan s;
    s.at = at(when);
    s.text = text;
    p.scans.push_back(s);
  }
  const auto d = read_dump(render_as_text(p), DumpShape::text, sim::Carrier::zto);
  ASSERT_TRUE(d.has_value()) << d.error().to_string();
  ASSERT_EQ(d->answer.parcel.scans.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(d->answer.parcel.scans[i].at, p.scans[i].at);
    EXPECT_EQ(d->answer.parcel.scans[i].text, p.scans[i].text);
  }
  EXPECT_EQ(d->answer.parcel.scans[1].kind, ScanKind::depart);
}

}  // namespace
}  // namespace tracksim::harness
