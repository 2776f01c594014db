# Warnings are errors on our own code only; third-party headers come in as SYSTEM.
set(PSYCHE_WARNINGS -Wall -Wextra -Werror)
# Clang (fuzz build): RapidJSON 1.1.0's member iterators declare operator!= in a way C++20's
# reversed-operator rules call ambiguous, so every `it != obj.MemberEnd()` warns at our call site.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  list(APPEND PSYCHE_WARNINGS -Wno-ambiguous-reversed-operator)
endif()

# psyche_library(NAME DIR DEPS...): every *.cc in DIR that is not a test, bench or main.
function(psyche_library name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "(_test|_bench|_main|_fuzz)\\.cc$")
  if(NOT srcs)  # a library whose files have not been written yet
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${PSYCHE_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# psyche_tests(NAME DEPS...): one gtest binary from every *_test.cc in the current dir.
function(psyche_tests name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(NOT srcs)
    return()
  endif()
  add_executable(${name} ${srcs})
  target_compile_options(${name} PRIVATE ${PSYCHE_WARNINGS})
  target_compile_definitions(${name} PRIVATE
    PSYCHE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    PSYCHE_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest_main GTest::gmock)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()
