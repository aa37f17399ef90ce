# Embeds data files (migrations, the OpenAPI document) into the binary.
#
# unknot_embed_files(OUTPUT <cpp> NAMESPACE <ns> FUNCTION <fn> BASE <dir> FILES <f>...)
# generates <cpp> defining `std::span<const unknot::EmbeddedFile> <ns>::<fn>()`,
# each entry holding the path relative to BASE and the file's bytes. The file
# is regenerated whenever an input changes.
function(unknot_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;FUNCTION;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
            -DFUNCTION=${ARG_FUNCTION} -DBASE=${ARG_BASE} "-DFILES=${ARG_FILES}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
endfunction()
