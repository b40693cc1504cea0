#include "sim/core/money.h"

#include <gtest/gtest.h>

namespace tracksim::sim {
namespace {

TEST(Money, ParsesYuanExactlyIntoFen) {
  EXPECT_EQ(Money::parse("129.00")->fen(), 12900);
  EXPECT_EQ(Money::parse("129")->fen(), 12900);
  EXPECT_EQ(Money::parse("129.5")->fen(), 12950);
  EXPECT_EQ(Money::parse("0.07")->fen(), 7);
  EXPECT_EQ(Money::parse("0.29")->fen(), 29);  // 0.29 is not exact as a double
}

TEST(Money, RejectsThreeDecimalsAndJunk) {
  for (const char* bad : {"1.005", "", ".5", "5.", "-1.00", "1,00", "12a", "1e3"}) {
    EXPECT_FALSE(Money::parse(bad).has_value()) << bad;
  }
  EXPECT_NE(Money::parse("1.005").error().message.find("at most 2 decimals"), std::string::npos);
}

TEST(Money, RoundsHalfUpToWholeYuan) {
  EXPECT_EQ(Money::from_fen(750).yuan_rounded(), 8);
  EXPECT_EQ(Money::from_fen(749).yuan_rounded(), 7);
  EXPECT_EQ(Money::from_fen(50).yuan_rounded(), 1);
  EXPECT_EQ(Money::from_fen(49).yuan_rounded(), 0);
}

TEST(Money, PrintsTwoDecimals) {
  EXPECT_EQ(Money::from_fen(12905).to_string(), "129.05");
  EXPECT_EQ(Money::from_fen(0).to_string(), "0.00");
}

}  // namespace
}  // namespace tracksim::sim
