# One INTERFACE target carries the warning flags; every target of ours links it.
add_library(tracksim_warnings INTERFACE)
target_compile_options(tracksim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wold-style-cast -Wnon-virtual-dtor)
if(TRACKSIM_WERROR)
  target_compile_options(tracksim_warnings INTERFACE -Werror)
endif()
