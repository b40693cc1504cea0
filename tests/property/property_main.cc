// Entry point of tracksim_property_tests. Sizes the RapidCheck runs for CI: unless RC_PARAMS
// names max_success itself, every property runs kCiCases cases (the whole suite stays well under
// a minute on 2 cores in a Debug build). Nightly: RC_PARAMS="max_success=20000" (see README).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {
constexpr const char* kCiCases = "max_success=300";
}  // namespace

int main(int argc, char** argv) {
  // RapidCheck reads RC_PARAMS once, on first use; set the CI default before any property runs.
  const char* given = std::getenv("RC_PARAMS");
  std::string params = given != nullptr ? given : "";
  if (params.find("max_success") == std::string::npos) {
    params = std::string(kCiCases) + (params.empty() ? "" : " ") + params;
    setenv("RC_PARAMS", params.c_str(), 1);
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
