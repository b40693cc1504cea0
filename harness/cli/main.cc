#include <cstdio>

namespace tracksim::harness {
const char* version();
}

int main() {
  std::printf("tracksim %s\n", tracksim::harness::version());
  return 0;
}
