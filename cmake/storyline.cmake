# storyline_library(NAME SOURCES ... DEPS ...): one library target per pipeline stage,
# aliased storyline::NAME, warnings on, headers from include/ and src/.
function(storyline_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(storyline_${name} STATIC ${ARG_SOURCES})
  add_library(storyline::${name} ALIAS storyline_${name})
  target_compile_features(storyline_${name} PUBLIC cxx_std_20)
  target_include_directories(storyline_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                                       ${PROJECT_SOURCE_DIR}/src)
  storyline_warnings(storyline_${name})
  target_link_libraries(storyline_${name} PUBLIC ${ARG_DEPS})
endfunction()

function(storyline_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion
                                           # g++ 12 reports false positives inside std::variant
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endfunction()

# storyline_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with ctest.
function(storyline_test name)
  if(NOT STORYLINE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  storyline_warnings(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    STORYLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                       # A hung test fails after 10 minutes instead of holding CI.
                       PROPERTIES ENVIRONMENT "STORYLINE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
                                  TIMEOUT 600)
endfunction()
