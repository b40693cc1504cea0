#include "sim/carrier/carrier.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(codes.size(), kCarrierCount);
  EXPECT_EQ(names.size(), kCarrierCount);
  EXPECT_EQ(k100.size(), kCarrierCount);
}

TEST(Carrier, NamesMatchTheRealBrands) {
  EXPECT_EQ(code(Carrier::yunda), "yunda");
  EXPECT_EQ(chinese_name(Carrier::sf), "顺丰速运");
  EXPECT_EQ(chinese_name(Carrier::ems), "中国邮政EMS");
  EXPECT_EQ(kuaidi100_code(Carrier::jt), "jtexpress");
  EXPECT_EQ(kuaidi100_code(Carrier::sto), "shentong");
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

TEST(ParseCarrier, MapsChinaPostDomesticParcelsToEms) {
  EXPECT_EQ(parse_carrier("youzhengguonei"), Carrier::ems);
}

TEST(ParseCarrier, RejectsUnknownAndWrongCaseNames) {
  EXPECT_EQ(parse_carrier(""), std::nullopt);
  EXPECT_EQ(parse_carrier("SF"), std::nullopt);
  EXPECT_EQ(parse_carrier("dhl"), std::nullopt);
}

TEST(CarrierNames, ListsEverySpellingParseAcceptsAndFeedsDidYouMean) {
  for (std::string_view name : carrier_names()) EXPECT_TRUE(parse_carrier(name)) << name;
  EXPECT_EQ(carrier_names().size(), 14U);
  EXPECT_EQ(did_you_mean("zhongtonng", carrier_names()), " (did you mean 'zhongtong'?)");
}

}  // namespace
}  // namespace tracksim::sim
