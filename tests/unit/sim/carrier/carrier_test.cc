#include "sim/carrier/carrier.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/core/text.h"

namespace tracksim::sim {
namespace {

TEST(Carrier, EveryCarrierHasDistinctCodesAndNames) {
  std::set<std::string_view> codes, names, k100;
  for (Carrier c : all_carriers()) {
    codes.insert(code(c));
    names.insert(chinese_name(c));
    k100.insert(kuaidi100_code(c));
  }
  EXPECT_GE(kCarrierCount, 15U);
  EXPECT_EQ(codes.size(), kCarrierCount);
  EXPECT_EQ(names.size(), kCarrierCount);
  EXPECT_EQ(k100.size(), kCarrierCount);
}

TEST(Carrier, TheFirstEightKeepTheirPlaceSoSeededDrawsStayTheSame) {
  EXPECT_EQ(static_cast<int>(Carrier::sf), 0);
  EXPECT_EQ(static_cast<int>(Carrier::jt), 5);
  EXPECT_EQ(static_cast<int>(Carrier::ems), 7);
  EXPECT_EQ(static_cast<int>(Carrier::youzheng), 8);
  EXPECT_EQ(kOriginalCarrierCount, 8U);
  for (std::size_t i = 0; i < kCarrierCount; ++i)
    EXPECT_EQ(all_carriers()[i], static_cast<Carrier>(i));
}

TEST(Carrier, NamesMatchTheRealBrands) {
  EXPECT_EQ(code(Carrier::yunda), "yunda");
  EXPECT_EQ(chinese_name(Carrier::sf), "顺丰速运");
  EXPECT_EQ(chinese_name(Carrier::ems), "中国邮政EMS");
  EXPECT_EQ(chinese_name(Carrier::youzheng), "邮政快递包裹");
  EXPECT_EQ(chinese_name(Carrier::deppon), "德邦快递");
  EXPECT_EQ(kuaidi100_code(Carrier::jt), "jtexpress");
  EXPECT_EQ(kuaidi100_code(Carrier::sto), "shentong");
  EXPECT_EQ(kuaidi100_code(Carrier::youzheng), "youzhengguonei");
  EXPECT_EQ(kuaidi100_code(Carrier::deppon), "debangwuliu");
  EXPECT_EQ(kuaidi100_code(Carrier::best), "huitongkuaidi");
  EXPECT_EQ(kuaidi100_code(Carrier::uc), "youshuwuliu");
  EXPECT_EQ(kuaidi100_code(Carrier::zjs), "zhaijisong");
}

TEST(ParseCarrier, AcceptsOurCodeForEveryCarrier) {
  for (Carrier c : all_carriers()) EXPECT_EQ(parse_carrier(code(c)), c) << code(c);
}

TEST(ParseCarrier, AcceptsEveryKuaidi100Code) {
  for (Carrier c : all_carriers()) EXPECT_EQ(parse_carrier(kuaidi100_code(c)), c);
  EXPECT_EQ(parse_carrier("shunfeng"), Carrier::sf);
  EXPECT_EQ(parse_carrier("zhongtong"), Carrier::zto);
  EXPECT_EQ(parse_carrier("yuantong"), Carrier::yto);
  EXPECT_EQ(parse_carrier("yunda"), Carrier::yunda);
  EXPECT_EQ(parse_carrier("shentong"), Carrier::sto);
  EXPECT_EQ(parse_carrier("jtexpress"), Carrier::jt);
  EXPECT_EQ(parse_carrier("jd"), Carrier::jd);
  EXPECT_EQ(parse_carrier("ems"), Carrier::ems);
}

TEST(ParseCarrier, AcceptsKuaidi100Alternates) {
  EXPECT_EQ(parse_carrier("debangkuaidi"), Carrier::deppon);
  EXPECT_EQ(parse_carrier("baishiwuliu"), Carrier::best);
  EXPECT_EQ(parse_carrier("htky"), Carrier::best);
}

TEST(ParseCarrier, MapsChinaPostDomesticParcelsToTheirOwnCarrierNotEms) {
  EXPECT_EQ(parse_carrier("youzhengguonei"), Carrier::youzheng);
  EXPECT_NE(parse_carrier("youzhengguonei"), parse_carrier("ems"));
}

TEST(ParseCarrier, RejectsUnknownWrongCaseAndChineseNames) {
  EXPECT_EQ(parse_carrier(""), std::nullopt);
  EXPECT_EQ(parse_carrier("SF"), std::nullopt);
  EXPECT_EQ(parse_carrier("dhl"), std::nullopt);
  EXPECT_EQ(parse_carrier("YZPY"), std::nullopt);
  EXPECT_EQ(parse_carrier("顺丰"), std::nullopt);
  EXPECT_EQ(parse_carrier(" sf"), std::nullopt);
}

TEST(CarrierNames, ListsEverySpellingParseAcceptsAndFeedsDidYouMean) {
  std::set<std::string_view> distinct;
  for (std::string_view name : carrier_names()) {
    EXPECT_TRUE(parse_carrier(name)) << name;
    distinct.insert(name);
  }
  EXPECT_EQ(distinct.size(), carrier_names().size());
  EXPECT_EQ(carrier_names().size(), 30U);
  EXPECT_EQ(did_you_mean("zhongtonng", carrier_names()), " (did you mean 'zhongtong'?)");
  EXPECT_EQ(did_you_mean("debangwuli", carrier_names()), " (did you mean 'debangwuliu'?)");
}

// The editors' schema and the loader must accept the same carrier names.
TEST(CarrierNames, AreExactlyTheSchemasCarrierEnum) {
  std::ifstream in(std::string(TRACKSIM_SOURCE_DIR) + "/scenarios/schema/scenario.schema.json");
  ASSERT_TRUE(in);
  const nlohmann::json schema = nlohmann::json::parse(in);
  std::set<std::string> in_schema;
  for (const auto& name : schema["definitions"]["carrier"]["enum"]) {
    in_schema.insert(name.get<std::string>());
  }
  std::set<std::string> ours;
  for (std::string_view name : carrier_names()) ours.emplace(name);
  EXPECT_EQ(in_schema, ours);
}

}  // namespace
}  // namespace tracksim::sim
