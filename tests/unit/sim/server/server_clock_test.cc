#include "sim/server/server_clock.h"

#include <gtest/gtest.h>

#include "tests/support/server_fixture.h"

namespace tracksim::sim::server {
namespace {

using tracksim::testing::kT0;

TEST(ServerClock, ManualModeMovesOnlyWhenTold) {
  std::int64_t wall = 0;
  ServerClock clock(kT0, ClockMode{0}, [&] { return wall; });
  wall += 3'600'000;
  EXPECT_EQ(clock.now(), kT0);
  ASSERT_TRUE(clock.advance(std::chrono::hours(24)));
  EXPECT_EQ(clock.now(), kT0 + std::chrono::hours(24));
}

TEST(ServerClock, AcceleratedModeRunsNTimesTheWall) {
  std::int64_t wall = 1'000'000;
  ServerClock clock(kT0, ClockMode{60}, [&] { return wall; });
  wall += 1500;  // 1.5 s of wall = 90 s of virtual time
  EXPECT_EQ(clock.now(), kT0 + Duration(90));
  ASSERT_TRUE(clock.advance(std::chrono::hours(1)));
  EXPECT_EQ(clock.now(), kT0 + Duration(90 + 3600));
  wall += 1000;
  EXPECT_EQ(clock.now(), kT0 + Duration(150 + 3600));
}

TEST(ServerClock, RealtimeModeFollowsTheWall) {
  std::int64_t wall = 0;
  ServerClock clock(kT0, ClockMode{1}, [&] { return wall; });
  wall += 5'000;
  EXPECT_EQ(clock.now(), kT0 + Duration(5));
}

TEST(ServerClock, NeverGoesBackwards) {
  ServerClock clock(kT0, ClockMode{0});
  auto back = clock.set(kT0 - Duration(1));
  ASSERT_FALSE(back);
  EXPECT_NE(back.error().message.find("never goes backwards"), std::string::npos);
  EXPECT_FALSE(clock.advance(Duration(-5)));
  EXPECT_EQ(clock.now(), kT0);
  EXPECT_TRUE(clock.set(kT0));
}

TEST(ServerClock, ParsesModes) {
  EXPECT_EQ(parse_clock_mode("manual")->factor, 0U);
  EXPECT_EQ(parse_clock_mode("realtime")->factor, 1U);
  EXPECT_EQ(parse_clock_mode("x60")->factor, 60U);
  EXPECT_FALSE(parse_clock_mode("x0"));
  EXPECT_FALSE(parse_clock_mode("x"));
  EXPECT_FALSE(parse_clock_mode("fast"));
  EXPECT_EQ(to_string(ClockMode{3600}), "x3600");
}

}  // namespace
}  // namespace tracksim::sim::server
