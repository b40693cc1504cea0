#include "sim/core/text.h"

#include <gtest/gtest.h>

#include <array>

namespace tracksim::sim {
namespace {

TEST(EditDistance, CountsCodePointsNotBytes) {
  EXPECT_EQ(edit_distance("pickup", "pickp"), 1U);
  EXPECT_EQ(edit_distance("杭州市", "杭洲市"), 1U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
}

TEST(DidYouMean, SuggestsOnlyCloseWords) {
  constexpr std::array<std::string_view, 3> kinds = {"pickup", "arrive", "depart"};
  EXPECT_EQ(did_you_mean("pickp", kinds), " (did you mean 'pickup'?)");
  EXPECT_EQ(did_you_mean("teleport", kinds), "");
}

}  // namespace
}  // namespace tracksim::sim
