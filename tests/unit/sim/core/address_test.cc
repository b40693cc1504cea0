#include "sim/core/address.h"

#include <gtest/gtest.h>

namespace tracksim::sim {
namespace {

TEST(IsLoopbackHost, AcceptsLocalhostThe127NetworkAndIpv6Loopback) {
  for (const char* host :
       {"localhost", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
}

// Catches a check that tests a prefix ("127.") or treats the wildcard as local.
TEST(IsLoopbackHost, RefusesWildcardsOtherAddressesAndLookAlikes) {
  for (const char* host : {"0.0.0.0", "::", "", "10.0.0.1", "192.168.1.5", "127.0.0.1.evil.com",
                           "127.0.0", "127.0.0.256", "127.00.0.1", "1127.0.0.1", "localhost.",
                           "localhost.evil.com", "example.com", "::ffff:10.0.0.1"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(SameSecret, ComparesWholeStrings) {
  EXPECT_TRUE(same_secret("s3cret", "s3cret"));
  EXPECT_FALSE(same_secret("s3cret", "s3cres"));
  EXPECT_FALSE(same_secret("s3cret", "s3cret-and-more"));
  EXPECT_FALSE(same_secret("", "x"));
  EXPECT_TRUE(same_secret("", ""));
}

}  // namespace
}  // namespace tracksim::sim
