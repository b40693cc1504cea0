#include "tests/support/same_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tracksim::testing {
namespace {

using ::testing::HasSubstr;

// Two 5 MB reports that differ in one byte: the failure names the place and stays short, where
// gtest's own string comparison would print both texts (and diff them at a cost of gigabytes).
TEST(SameText, ReportsTheFirstDifferenceBriefly) {
  std::string a;
  for (int i = 0; i < 100'000; ++i)
    a += "line " + std::to_string(i) + " of a long report xxxxxxxxxxxxxx\n";
  std::string b = a;
  const std::size_t at = b.find("line 54321 ") + 5;
  b[at] = '9';
  const auto r = same_text(a, b);
  ASSERT_FALSE(r);
  const std::string message = r.message();
  EXPECT_THAT(message, HasSubstr("first at line 54322, column 6"));
  EXPECT_THAT(message, HasSubstr("54322: line 54321 of a long report"));
  EXPECT_THAT(message, HasSubstr("54322: line 94321 of a long report"));
  EXPECT_LT(message.size(), 2000U);
  EXPECT_TRUE(same_text(a, a));
  EXPECT_FALSE(same_text(a, a + "tail"));  // one is a prefix of the other
}

}  // namespace
}  // namespace tracksim::testing
