#include "sim/time/clock.h"

#include <gtest/gtest.h>

#include <vector>

namespace tracksim::sim {
namespace {

TEST(VirtualClock, FiresTimersInDeadlineThenInsertionOrder) {
  VirtualClock clock(Instant::from_unix(1000));
  std::vector<int> fired;
  std::vector<Instant> seen;
  clock.schedule(Instant::from_unix(1030),
                 [&](Instant t) { fired.push_back(3), seen.push_back(t); });
  clock.schedule(Instant::from_unix(1010),
                 [&](Instant t) { fired.push_back(1), seen.push_back(t); });
  clock.schedule(Instant::from_unix(1030),
                 [&](Instant t) { fired.push_back(4), seen.push_back(t); });
  clock.schedule(Instant::from_unix(1010),
                 [&](Instant t) { fired.push_back(2), seen.push_back(t); });
  ASSERT_TRUE(clock.advance(Duration(25)).has_value());
  EXPECT_EQ(fired, (std::vector<int>{1, 2}));
  EXPECT_EQ(clock.now(), Instant::from_unix(1025));
  ASSERT_TRUE(clock.advance_to(Instant::from_unix(1030)).has_value());
  EXPECT_EQ(fired, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(seen.back(), Instant::from_unix(1030));
}

TEST(VirtualClock, NowEqualsTheDeadlineInsideACallback) {
  VirtualClock clock(Instant::from_unix(0));
  Instant inside;
  clock.schedule(Instant::from_unix(50), [&](Instant) { inside = clock.now(); });
  ASSERT_TRUE(clock.advance(Duration(100)).has_value());
  EXPECT_EQ(inside, Instant::from_unix(50));
}

TEST(VirtualClock, TimersScheduledByTimersFireInTheSameMove) {
  VirtualClock clock(Instant::from_unix(0));
  int chain = 0;
  clock.schedule(Instant::from_unix(10), [&](Instant t) {
    ++chain;
    clock.schedule(t + Duration(10), [&](Instant) { ++chain; });
  });
  ASSERT_TRUE(clock.advance(Duration(30)).has_value());
  EXPECT_EQ(chain, 2);
  EXPECT_EQ(clock.pending_timers(), 0U);
}

TEST(VirtualClock, NeverGoesBackwards) {
  VirtualClock clock(Instant::from_unix(100));
  auto r = clock.advance_to(Instant::from_unix(99));
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("backwards"), std::string::npos);
  EXPECT_EQ(clock.now(), Instant::from_unix(100));
}

TEST(VirtualClock, CancelledTimersDoNotFire) {
  VirtualClock clock(Instant::from_unix(0));
  bool fired = false;
  auto id = clock.schedule(Instant::from_unix(5), [&](Instant) { fired = true; });
  EXPECT_TRUE(clock.cancel(id));
  EXPECT_FALSE(clock.cancel(id));
  ASSERT_TRUE(clock.advance(Duration(10)).has_value());
  EXPECT_FALSE(fired);
  EXPECT_EQ(clock.next_deadline(), std::nullopt);
}

}  // namespace
}  // namespace tracksim::sim
