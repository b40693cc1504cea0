# tracksim_version_header(TARGET <target>): gives <target> a generated `tracksim_version.h`
# with TRACKSIM_VERSION (the project version) and TRACKSIM_COMMIT (`git describe` of the source
# tree, "unknown" outside a git checkout). The header is rewritten on every build but only
# touched when its content changes, so a new commit recompiles the one file that prints it.
function(tracksim_version_header)
  cmake_parse_arguments(V "" "TARGET" "" ${ARGN})
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/version")
  add_custom_target(${V_TARGET}_version_header
    COMMAND ${CMAKE_COMMAND} -DOUT=${dir}/tracksim_version.h -DSRC=${PROJECT_SOURCE_DIR}
            -DVERSION=${PROJECT_VERSION} -P "${PROJECT_SOURCE_DIR}/cmake/version_write.cmake"
    BYPRODUCTS "${dir}/tracksim_version.h"
    COMMENT "Stamping the version and commit"
    VERBATIM)
  add_dependencies(${V_TARGET} ${V_TARGET}_version_header)
  target_include_directories(${V_TARGET} PRIVATE "${dir}")
endfunction()
