# tracksim_embed(TARGET <target> NAMESPACE <ns> FUNCTION <fn> FILES <name=path>...)
# Compiles data files into the binary so that shipped rulesets and geography need no install
# path. Generates <fn>() returning a span of {name, content} pairs.
function(tracksim_embed)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_FUNCTION}_embedded.cc")
  set(deps "")
  foreach(pair IN LISTS E_FILES)
    string(REPLACE "=" ";" parts "${pair}")
    list(GET parts 1 path)
    list(APPEND deps "${CMAKE_CURRENT_SOURCE_DIR}/${path}")
  endforeach()
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${E_NAMESPACE} -DFN=${E_FUNCTION}
            -DSRC=${CMAKE_CURRENT_SOURCE_DIR} "-DFILES=${files_arg}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_write.cmake"
    DEPENDS ${deps} "${PROJECT_SOURCE_DIR}/cmake/embed_write.cmake"
    COMMENT "Embedding data files into ${E_FUNCTION}"
    VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
