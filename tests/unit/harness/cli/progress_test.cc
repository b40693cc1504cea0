// The progress line: absent off a terminal and during the first second, then redrawn in place
// (at most every 100 ms, always for the last scenario), and erased before the table.
#include "harness/cli/progress.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tracksim::harness {
namespace {

struct FakeWall {
  std::int64_t now = 50'000;
  std::function<std::int64_t()> fn() {
    return [this] { return now; };
  }
};

TEST(Progress, NothingOffATerminal) {
  std::ostringstream err;
  FakeWall wall;
  Progress p(err, /*enabled=*/false, 3, wall.fn());
  wall.now += 5'000;
  p.finished(10);
  p.clear();
  EXPECT_EQ(err.str(), "");
}

TEST(Progress, NothingDuringTheFirstSecond) {
  std::ostringstream err;
  FakeWall wall;
  Progress p(err, true, 3, wall.fn());
  wall.now += 999;
  p.finished(10);
  p.finished(10);
  p.finished(10);
  p.clear();
  EXPECT_EQ(err.str(), "");
}

TEST(Progress, ALongRunShowsCountsAndTimeThenErasesTheLine) {
  std::ostringstream err;
  FakeWall wall;
  Progress p(err, true, 3, wall.fn());
  wall.now += 1'200;
  p.finished(1'041);
  EXPECT_EQ(err.str(), "\r\033[K1/3 scenarios, 1,041 orders, 1.2 s");
  wall.now += 50;  // too soon to redraw
  p.finished(9);
  EXPECT_EQ(err.str(), "\r\033[K1/3 scenarios, 1,041 orders, 1.2 s");
  wall.now += 10;  // the last scenario is always drawn
  p.finished(1'000'000);
  EXPECT_EQ(err.str(),
            "\r\033[K1/3 scenarios, 1,041 orders, 1.2 s"
            "\r\033[K3/3 scenarios, 1,001,050 orders, 1.2 s");
  p.clear();
  EXPECT_TRUE(err.str().ends_with("1.2 s\r\033[K"));
}

}  // namespace
}  // namespace tracksim::harness
