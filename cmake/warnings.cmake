# One INTERFACE target carries the warning flags; every target of ours links it.
add_library(tracksim_warnings INTERFACE)
target_compile_options(tracksim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wold-style-cast -Wnon-virtual-dtor)
# GCC 12 at -O2 reports impossible -Wrestrict overlaps inside std::string concatenation
# (GCC bug 105329); the warning says nothing about our code there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(tracksim_warnings INTERFACE -Wno-restrict)
  # ...and at -O2/-O3 it reports std::optional members "may be used uninitialized" where they
  # cannot be (GCC bug 80635); -Werror would fail release builds on it.
  target_compile_options(tracksim_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(TRACKSIM_WERROR)
  target_compile_options(tracksim_warnings INTERFACE -Werror)
endif()
