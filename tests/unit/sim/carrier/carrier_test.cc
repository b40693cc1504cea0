#include "sim/carrier/carrier.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "sim/core/text.h"

namespace tracksim::sim {
namespace {

TEST(Carrier, EveryCarrierHasDistinctCodesAndNames) {
  std::set<std::string_view> codes, names, k100, kdniao;
  for (Carrier c : all_carriers()) {
    codes.insert(code(c));
    names.insert(chinese_name(c));
    k100.insert(kuaidi100_code(c));
    kdniao.insert(kdniao_code(c));
  }
  EXPECT_GE(kCarrierCount, 15U);
  EXPECT_EQ(codes.size(), kCarrierCount);
  EXPECT_EQ(names.size(), kCarrierCount);
  EXPECT_EQ(k100.size(), kCarrierCount);
  EXPECT_EQ(kdniao.size(), kCarrierCount);
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
  EXPECT_EQ(kdniao_code(Carrier::yunda), "YD");
  EXPECT_EQ(kdniao_code(Carrier::jt), "JTSD");
  EXPECT_EQ(kdniao_code(Carrier::youzheng), "YZPY");
  EXPECT_EQ(kdniao_code(Carrier::tiantian), "HHTT");
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
  EXPECT_EQ(parse_carrier("YZPY"),
            std::nullopt);  // KDNiao codes are for dumps only
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

TEST(CarrierFromAnyName, AcceptsEverythingParseCarrierAcceptsInAnyCase) {
  for (std::string_view name : carrier_names()) {
    EXPECT_EQ(carrier_from_any_name(name), parse_carrier(name)) << name;
    std::string upper(name);
    for (char& ch : upper) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    EXPECT_EQ(carrier_from_any_name(upper), parse_carrier(name)) << upper;
  }
}

TEST(CarrierFromAnyName, ReadsKdniaoCodesInAnyCase) {
  for (Carrier c : all_carriers()) {
    EXPECT_EQ(carrier_from_any_name(kdniao_code(c)), c) << kdniao_code(c);
  }
  EXPECT_EQ(carrier_from_any_name("YZPY"), Carrier::youzheng);
  EXPECT_EQ(carrier_from_any_name("yzpy"), Carrier::youzheng);
  EXPECT_EQ(carrier_from_any_name("DBL"), Carrier::deppon);
  EXPECT_EQ(carrier_from_any_name("HTKY"), Carrier::best);
  EXPECT_EQ(carrier_from_any_name("HHTT"), Carrier::tiantian);
  EXPECT_EQ(carrier_from_any_name("UC"), Carrier::uc);
  EXPECT_EQ(carrier_from_any_name("ZJS"), Carrier::zjs);
  EXPECT_EQ(carrier_from_any_name("YD"), Carrier::yunda);
  EXPECT_EQ(carrier_from_any_name("JTSD"), Carrier::jt);
  EXPECT_EQ(carrier_from_any_name("Jtsd"), Carrier::jt);
}

TEST(CarrierFromAnyName, ReadsTheChineseNamesPeopleWrite) {
  const std::vector<std::pair<std::string, Carrier>> names = {
      {"顺丰", Carrier::sf},         {"中通", Carrier::zto},          {"圆通", Carrier::yto},
      {"韵达", Carrier::yunda},      {"申通", Carrier::sto},          {"极兔", Carrier::jt},
      {"京东", Carrier::jd},         {"邮政", Carrier::youzheng},     {"EMS", Carrier::ems},
      {"德邦", Carrier::deppon},     {"百世", Carrier::best},         {"汇通", Carrier::best},
      {"天天", Carrier::tiantian},   {"丰网", Carrier::fengwang},     {"优速", Carrier::uc},
      {"宅急送", Carrier::zjs},      {"安能", Carrier::ane},          {"百世汇通", Carrier::best},
      {"京东物流", Carrier::jd},     {"中国邮政", Carrier::youzheng}, {"邮政EMS", Carrier::ems},
      {" 韵达快递 ", Carrier::yunda}};
  for (const auto& [name, carrier] : names) {
    EXPECT_EQ(carrier_from_any_name(name), carrier) << name;
  }
  for (Carrier c : all_carriers()) EXPECT_EQ(carrier_from_any_name(chinese_name(c)), c);
}

TEST(CarrierFromAnyName, RejectsWhatNamesNoCarrier) {
  EXPECT_EQ(carrier_from_any_name(""), std::nullopt);
  EXPECT_EQ(carrier_from_any_name("   "), std::nullopt);
  EXPECT_EQ(carrier_from_any_name("DHL"), std::nullopt);
  EXPECT_EQ(carrier_from_any_name("顺"), std::nullopt);
  EXPECT_EQ(carrier_from_any_name("顺丰 速运"), std::nullopt);
  EXPECT_EQ(carrier_from_any_name("sf express"), std::nullopt);
}

}  // namespace
}  // namespace tracksim::sim
