# Writes CTEST_FILE with one ctest test per doctest case of TEST_EXECUTABLE: our stand-in for
# doctest's doctestAddTests.cmake, which doctest_discover_tests runs after each build
# (tests/CMakeLists.txt points _DOCTEST_DISCOVER_TESTS_SCRIPT here). doctest 2.4.9's own script
# splits a case name at every ';' (CMake's list separator), so a case such as "sha256: finish
# starts over; constant evaluation" became two tests that matched nothing and passed without
# running. Here a name keeps its ';' (shown as ','), and its filter matches it with '?'.
#
# Reads the -D variables doctest_discover_tests passes: TEST_EXECUTABLE, TEST_EXECUTOR,
# TEST_WORKING_DIR, TEST_EXTRA_ARGS, TEST_PROPERTIES, TEST_PREFIX, TEST_SUFFIX, TEST_LIST,
# CTEST_FILE (TEST_SPEC, TEST_ADD_LABELS and TEST_JUNIT_OUTPUT_DIR are not used here).

if(NOT EXISTS "${TEST_EXECUTABLE}")
    message(FATAL_ERROR "no test executable ${TEST_EXECUTABLE}")
endif()
# --no-skip lists the cases a skip decorator holds too (doctest leaves them out otherwise): each
# then runs nothing and shows in ctest as skipped, rather than not at all.
execute_process(
    COMMAND ${TEST_EXECUTOR} "${TEST_EXECUTABLE}" --list-test-cases --no-skip
    OUTPUT_VARIABLE output
    RESULT_VARIABLE result
    WORKING_DIRECTORY "${TEST_WORKING_DIR}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-cases failed (${result}):\n${output}")
endif()

# Lines, with every ';' kept out of CMake's list splitting.
string(REPLACE ";" "<semicolon>" output "${output}")
string(REPLACE "\n" ";" lines "${output}")

set(script "")
set(names "")
set(properties "")
foreach(property IN LISTS TEST_PROPERTIES)
    string(APPEND properties " [==[${property}]==]")
endforeach()
set(extra "")
foreach(arg IN LISTS TEST_EXTRA_ARGS)
    string(APPEND extra " [==[${arg}]==]")
endforeach()
foreach(line IN LISTS lines)
    if(line STREQUAL "" OR line MATCHES "^=+$" OR line MATCHES "^\\[doctest\\] ")
        continue()
    endif()
    # The ctest name: ';' shown as ','. The doctest filter: ',' separates filters (so it is
    # escaped), '?' matches any one character (here the ';').
    string(REPLACE "<semicolon>" "," name "${TEST_PREFIX}${line}${TEST_SUFFIX}")
    string(REPLACE "," "\\," filter "${line}")
    string(REPLACE "<semicolon>" "?" filter "${filter}")
    string(APPEND script
        "add_test([==[${name}]==] ${TEST_EXECUTOR} [==[${TEST_EXECUTABLE}]==] [==[--test-case=${filter}]==]${extra})\n"
        "set_tests_properties([==[${name}]==] PROPERTIES WORKING_DIRECTORY [==[${TEST_WORKING_DIR}]==]${properties})\n")
    string(APPEND names " [==[${name}]==]")
endforeach()
string(APPEND script "set(${TEST_LIST}${names})\n")
file(WRITE "${CTEST_FILE}" "${script}")
