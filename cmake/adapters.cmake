# The optional HTTP stacks of the adapters in include/koodrive/ose/adapters/: libcurl and
# cpp-httplib. Not part of the library's usage requirements: a target that includes an adapter
# header links its stack with the functions below.
#
# koodrive_ose_find_adapters() sets, in the caller's scope:
#   KOODRIVE_OSE_HAVE_CURL, KOODRIVE_OSE_HAVE_HTTPLIB   TRUE when found
# koodrive_ose_link_curl(target) / koodrive_ose_link_httplib(target) add what a target needs
# (include directories, libraries, and for cpp-httplib the compile definitions its library was
# built with: Debian's is a compiled library whose classes change with CPPHTTPLIB_*_SUPPORT).
# Nothing here is required: without them the demo and the core tests build as before, and the
# simulator executable and the loopback tests are skipped.
include_guard(GLOBAL)

macro(koodrive_ose_find_adapters)
    find_package(CURL QUIET)
    set(KOODRIVE_OSE_HAVE_CURL ${CURL_FOUND})

    set(KOODRIVE_OSE_HAVE_HTTPLIB FALSE)
    # Upstream's CMake package first, then pkg-config (Debian's libcpp-httplib-dev).
    find_package(httplib CONFIG QUIET)
    if(httplib_FOUND AND TARGET httplib::httplib)
        set(KOODRIVE_OSE_HAVE_HTTPLIB TRUE)
    else()
        find_package(PkgConfig QUIET)
        if(PKG_CONFIG_FOUND)
            pkg_check_modules(KOODRIVE_OSE_HTTPLIB QUIET cpp-httplib)
            if(KOODRIVE_OSE_HTTPLIB_FOUND)
                set(KOODRIVE_OSE_HAVE_HTTPLIB TRUE)
            endif()
        endif()
    endif()
endmacro()

function(koodrive_ose_link_curl target)
    target_include_directories(${target} SYSTEM PRIVATE ${CURL_INCLUDE_DIRS})
    target_link_libraries(${target} PRIVATE ${CURL_LIBRARIES})
    target_compile_definitions(${target} PRIVATE KOODRIVE_OSE_HAVE_CURL=1)
endfunction()

function(koodrive_ose_link_httplib target)
    find_package(Threads REQUIRED)
    if(TARGET httplib::httplib)
        target_link_libraries(${target} PRIVATE httplib::httplib Threads::Threads)
    else()
        target_include_directories(${target} SYSTEM PRIVATE ${KOODRIVE_OSE_HTTPLIB_INCLUDE_DIRS})
        target_compile_options(${target} PRIVATE ${KOODRIVE_OSE_HTTPLIB_CFLAGS_OTHER})
        target_link_libraries(${target} PRIVATE ${KOODRIVE_OSE_HTTPLIB_LINK_LIBRARIES} Threads::Threads)
    endif()
    target_compile_definitions(${target} PRIVATE KOODRIVE_OSE_HAVE_HTTPLIB=1)
endfunction()
