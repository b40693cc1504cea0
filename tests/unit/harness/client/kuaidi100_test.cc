#include "harness/client/kuaidi100.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness/client/json_doc.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using sim::ScanKind;
using ::testing::HasSubstr;

// A dump as an aggregator returns it: newest first, Beijing times without offset, no
// statusCode on some events (tests/data/zto_dump.json).
std::string dump() {
  std::ifstream in(std::string(TRACKSIM_SOURCE_DIR) + "/tests/data/zto_dump.json");
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(Kuaidi100Parser, ReadsARealShapedDumpNewestFirst) {
  auto r = parse_kuaidi100(dump());
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_TRUE(r->found);
  EXPECT_EQ(r->parcel.carrier, sim::Carrier::zto);
  EXPECT_EQ(r->parcel.number, "73190553102532");
  const auto& s = r->parcel.scans;
  ASSERT_EQ(s.size(), 5U);
  EXPECT_EQ(s[0].kind, ScanKind::delivered);
  EXPECT_EQ(s[1].kind, ScanKind::out_for_delivery);  // from wording alone
  EXPECT_EQ(s[2].kind, ScanKind::arrive);            // 1002 + 到达
  EXPECT_EQ(s[3].kind, ScanKind::depart);            // 1002 + 发出
  EXPECT_EQ(s[4].kind, ScanKind::pickup);            // from wording alone
  EXPECT_EQ(s[4].at, *sim::parse_timestamp("2023-02-03T17:05:00+08:00"));
  const auto& atlas = sim::geo::Atlas::china();
  EXPECT_EQ(s[4].city, atlas.find_city("杭州市")->id);
  EXPECT_EQ(s[1].city, atlas.find_city("北京市")->id);  // from 【北京市】 in the text
  EXPECT_EQ(s[2].facility, "北京转运中心");
  EXPECT_EQ(s[4].facility, "杭州西湖区公司");
}

// Found by HttpPath.FetchingThroughTheMockCarrierJudgesLikeTheInProcessView: "海南" is the short
// name of 海南省 and of 海南藏族自治州 (青海), so reading the province part as a city put every
// Hainan scan in Qinghai (recipient_mismatch fired over HTTP only).
TEST(Kuaidi100Parser, TheProvincePartOfAreaNameIsNeverReadAsACity) {
  const auto r = parse_kuaidi100(
      R"({"message":"ok","nu":"YT2692597927914","com":"yuantong","status":"200","state":"3",
      "data":[{"ftime":"2023-02-04 13:53:03","context":"快件已签收","areaName":"海南,五指山市",
      "statusCode":"301"}]})");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->parcel.scans.size(), 1U);
  EXPECT_EQ(r->parcel.scans[0].city, sim::geo::Atlas::china().find_city("五指山市")->id);
}

TEST(Kuaidi100Parser, NoRecordIsNotFoundRatherThanEmpty) {
  auto r = parse_kuaidi100(
      R"({"result": false, "returnCode": "500", "message": "查询无结果，请隔段时间再查"})");
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->found);
  EXPECT_EQ(r->return_code, "500");
}

TEST(Kuaidi100Parser, BrokenAnswersAreErrorsNotEmptyTimelines) {
  EXPECT_FALSE(parse_kuaidi100(R"({"message": "ok", "data": [)").has_value());  // truncated
  EXPECT_FALSE(parse_kuaidi100(R"({"message": "ok"})").has_value());            // no data[]
  EXPECT_FALSE(parse_kuaidi100("<html>502 Bad Gateway</html>").has_value());
  auto bad_time = parse_kuaidi100(
      R"({"message":"ok","data":[{"ftime":"2023-02-30 10:00:00","context":"已揽收"}]})");
  ASSERT_FALSE(bad_time.has_value());
  EXPECT_THAT(bad_time.error().message, HasSubstr("data[0].ftime"));
}

// Words no rule knows and no code are no reason to refuse a dump: the event is read as an
// in-transit scan and its note says the kind was guessed.
TEST(Kuaidi100Parser, AnEventOfUnknownWordingIsReadAsAGuessedInTransitScan) {
  const std::string body =
      R"({"message":"ok","data":[{"ftime":"2023-02-03 10:00:00","context":"【杭州市】 您好"}]})";
  const auto doc = JsonDoc::parse(body);
  ASSERT_TRUE(doc.has_value());
  std::vector<EventNote> notes;
  auto r = read_kuaidi100(doc->root(), std::nullopt, "", &notes);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->parcel.scans.size(), 1U);
  EXPECT_EQ(r->parcel.scans[0].kind, ScanKind::arrive);
  EXPECT_EQ(r->parcel.scans[0].city, sim::geo::Atlas::china().find_city("杭州市")->id);
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0].where, "data[0]");
  EXPECT_TRUE(notes[0].basis == KindBasis::guessed);
}

TEST(Kuaidi100Parser, WordingRulesPreferTheMostSpecificMeaning) {
  EXPECT_EQ(kind_from_wording("快件已被【丰巢智能快递柜】代收，请及时取件"), ScanKind::locker);
  EXPECT_EQ(kind_from_wording("已由【小区驿站】代收，凭取件码取出已签收"), ScanKind::delivered);
  EXPECT_EQ(kind_from_wording("快件已退回寄件人，退件签收"), ScanKind::returned);
  EXPECT_EQ(kind_from_wording("快件正在退回中"), ScanKind::returning);
  EXPECT_EQ(kind_from_wording("快件拦截成功，已销单"), ScanKind::cancelled);
  EXPECT_EQ(kind_from_wording("派件失败，收件人无法联系"), ScanKind::failed_attempt);
  EXPECT_EQ(kind_from_wording("商家已下单，等待揽收"), ScanKind::info_received);
  EXPECT_EQ(kind_from_wording("顺丰速运 已收取快件"), ScanKind::pickup);
  EXPECT_EQ(kind_from_wording("您好"), std::nullopt);
}

TEST(Kuaidi100Parser, StatusCodesSetTheClassAndWordingTheKindWithinIt) {
  const auto kind = [](const char* code, const char* text) {
    const std::string body = std::string(R"({"data":[{"ftime":"2023-02-03 10:00:00","context":")") +
                             text + R"(","statusCode":")" + code + R"("}]})";
    auto r = parse_kuaidi100(body);
    EXPECT_TRUE(r.has_value()) << body;
    return r && r->parcel.scans.size() == 1 ? r->parcel.scans[0].kind : ScanKind::cancelled;
  };
  EXPECT_EQ(kind("101", ""), ScanKind::info_received);
  EXPECT_EQ(kind("103", ""), ScanKind::pickup);
  EXPECT_EQ(kind("501", ""), ScanKind::locker);
  EXPECT_EQ(kind("401", ""), ScanKind::cancelled);
  EXPECT_EQ(kind("1002", "【杭州转运中心】 已发出"), ScanKind::depart);
  EXPECT_EQ(kind("1002", "快件信息已更新"), ScanKind::arrive);  // in transit, no more said
  // 304 投柜或站签收 is a signature; a station holding the parcel for the buyer is a locker scan.
  EXPECT_EQ(kind("304", "快件已从【丰巢柜】取出"), ScanKind::delivered);
  EXPECT_EQ(kind("304", "快件已被【XX驿站】代收，请及时取件"), ScanKind::locker);
  // 签收 never becomes a pickup however the words read.
  EXPECT_EQ(kind("301", "已揽收"), ScanKind::delivered);
}

// The mock's tracksim extensions win over statusCode and wording: a custom text that reads as an
// arrival but is a departure, a facility the brackets do not name, the time it became visible
// and the waybill consignee.
TEST(Kuaidi100Parser, PrefersTracksimExtensionFieldsWhenPresent) {
  const std::string body = R"({"message":"ok","nu":"SF1","com":"shunfeng","state":"0",
    "consignee":{"city":"杭州市","phoneTail":"1234"},
    "data":[{"time":"2023-02-03 10:00:00","ftime":"2023-02-03 10:00:00",
             "context":"快件到达转运中心","statusCode":"1002","kind":"depart",
             "facility":"杭州转运中心","facilityType":"hub",
             "visibleAt":"2023-02-03 12:00:00"}]})";
  auto r = parse_kuaidi100(body);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->parcel.scans.size(), 1U);
  const sim::Scan& s = r->parcel.scans[0];
  EXPECT_EQ(s.kind, ScanKind::depart);
  EXPECT_EQ(s.facility, "杭州转运中心");
  EXPECT_EQ(s.facility_type, sim::FacilityType::hub);
  EXPECT_EQ(s.visible_at, *sim::parse_timestamp("2023-02-03T12:00:00+08:00"));
  EXPECT_EQ(r->parcel.consignee_city, sim::geo::Atlas::china().find_city("杭州市")->id);
  EXPECT_EQ(r->parcel.consignee_phone_tail, "1234");
  // Without the extensions the same event is inferred from statusCode + wording.
  auto plain = parse_kuaidi100(R"({"nu":"SF1","com":"shunfeng","data":[{"ftime":
    "2023-02-03 10:00:00","context":"快件到达转运中心","statusCode":"1002"}]})");
  ASSERT_TRUE(plain.has_value()) << plain.error().to_string();
  EXPECT_EQ(plain->parcel.scans[0].kind, ScanKind::arrive);
  EXPECT_EQ(plain->parcel.scans[0].visible_at, plain->parcel.scans[0].at);
}

}  // namespace
}  // namespace tracksim::harness
