#include <iostream>

#include "harness/cli/app.h"

int main(int argc, char** argv) {
  return tracksim::harness::run_cli(argc, argv, std::cout, std::cerr);
}
