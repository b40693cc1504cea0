#include "sim/server/md5.h"

#include <gtest/gtest.h>

namespace tracksim::sim::server {
namespace {

// The test suite of RFC 1321, appendix A.5.
TEST(Md5, MatchesTheRfc1321TestSuite) {
  EXPECT_EQ(md5_hex_upper(""), "D41D8CD98F00B204E9800998ECF8427E");
  EXPECT_EQ(md5_hex_upper("a"), "0CC175B9C0F1B6A831C399E269772661");
  EXPECT_EQ(md5_hex_upper("abc"), "900150983CD24FB0D6963F7D28E17F72");
  EXPECT_EQ(md5_hex_upper("message digest"), "F96B697D7CB7938D525A2F31AAF161D0");
  EXPECT_EQ(md5_hex_upper("abcdefghijklmnopqrstuvwxyz"), "C3FCD3D76192E4007DFB496CCA67E13B");
  EXPECT_EQ(md5_hex_upper("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "D174AB98D277D9F5A5611C2C9F419D9F");
  EXPECT_EQ(md5_hex_upper("1234567890123456789012345678901234567890123456789012345678901234567890"
                          "1234567890"),
            "57EDF4A22BE3C955AC49DA2E2107B67A");
}

TEST(Md5, PadsCorrectlyAroundTheBlockBoundary) {
  // 55, 56 and 64 bytes straddle the one-block / two-block padding edge.
  EXPECT_EQ(md5_hex_upper(std::string(55, 'a')), "EF1772B6DFF9A122358552954AD0DF65");
  EXPECT_EQ(md5_hex_upper(std::string(56, 'a')), "3B0C8AC703F828B04C6C197006D17218");
  EXPECT_EQ(md5_hex_upper(std::string(64, 'a')), "014842D480B571495A4A0363793F7367");
}

}  // namespace
}  // namespace tracksim::sim::server
