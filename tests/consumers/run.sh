#!/usr/bin/env bash
# Proves every way of consuming koodrive-ose, each from a clean build folder:
#
#   single header  single_include/koodrive_ose.hpp is fresh (tools/amalgamate.py --check), and
#                  tests/single_header/use_all_endpoints.cpp, which includes only it, compiles
#                  warning-free (-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror) and runs
#                  with g++ and clang++, C++20 and C++23, with and without -fno-exceptions -fno-rtti
#                  (every pair of the three, in four builds), and in the compiled mode (with
#                  tests/single_header/implementation.cpp);
#   find_package   cmake --install into a temporary prefix, then find_package(koodrive_ose 1.0 CONFIG REQUIRED),
#                  header-only and in the compiled mode (koodrive_ose::compiled, also from add_subdirectory);
#   pkg-config     the installed koodrive_ose.pc, from CMake (pkg_check_modules) and from a bare compiler call;
#   add_subdirectory   the source tree as a subdirectory;
#   FetchContent   URL file:// of an archive of the source tree;
#   meson          the tree as a meson subproject (meson.build's koodrive_ose_dep), then meson
#                  install into a temporary prefix and dependency('koodrive_ose') from its pkg-config file.
#
#   tests/consumers/run.sh [single-header|cmake|meson|all]      (default: all)
#
# Each consumer builds tests/consumers/common/main.cpp (encode and decode a message) with the
# same warnings as errors, and runs it. Every consumer project says cmake_minimum_required(VERSION
# 3.16), so it runs with CMake 3.16's policies, and is configured with -Werror=dev
# -Werror=deprecated: a warning from koodrive-ose's CMake code under those policies fails it.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$PWD
what=${1:-all}
work=$(mktemp -d "${TMPDIR:-/tmp}/koodrive_ose_consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT

warnings=(-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

step() { printf '\n---- %s\n' "$*"; }

# The spelling of C++23 the compiler knows (clang++ 14 and g++ 12 know c++2b).
cxx23() {
    if echo 'int main(){}' | "$1" -std=c++23 -x c++ -fsyntax-only - 2>/dev/null; then echo c++23; else echo c++2b; fi
}

single_header() {
    step "single header is fresh"
    python3 tools/amalgamate.py --check

    # Every pair of {g++, clang++} x {C++20, C++23} x {exceptions, -fno-exceptions -fno-rtti} in
    # four builds (pairwise, not all eight: each takes some 20 s of CPU, and the noexcept preset
    # builds the whole suite against this header with g++ -std=c++20 -fno-exceptions -fno-rtti).
    local cxx std mode name combo pids=() names=()
    for combo in "g++ c++20 default" "g++ c++23 noexcept" "clang++ c++20 noexcept" "clang++ c++23 default"; do
        read -r cxx std mode <<<"$combo"
        command -v "$cxx" >/dev/null || { echo "$cxx not found" >&2; return 1; }
        [[ $std == c++23 ]] && std=$(cxx23 "$cxx")
        local flags=(-std="$std" -O2 "${warnings[@]}" -Isingle_include)
        [[ $mode == noexcept ]] && flags+=(-fno-exceptions -fno-rtti)
        name="$cxx-$std-$mode"
        (
            "$cxx" "${flags[@]}" tests/single_header/use_all_endpoints.cpp -o "$work/$name" >"$work/$name.log" 2>&1 &&
                "$work/$name" >>"$work/$name.log" 2>&1
        ) &
        pids+=($!)
        names+=("$name")
    done
    # The compiled mode through the single header: implementation.cpp makes the instances.
    name=g++-c++20-compiled
    (
        g++ -std=c++20 -O2 "${warnings[@]}" -Isingle_include -DKOODRIVE_OSE_COMPILED \
            tests/single_header/use_all_endpoints.cpp tests/single_header/implementation.cpp -o "$work/$name" \
            >"$work/$name.log" 2>&1 && "$work/$name" >>"$work/$name.log" 2>&1
    ) &
    pids+=($!)
    names+=("$name")
    local i failed=0
    for i in "${!pids[@]}"; do
        if wait "${pids[$i]}"; then
            printf 'ok    %-28s %s\n' "${names[$i]}" "$(tail -1 "$work/${names[$i]}.log")"
        else
            printf 'FAIL  %s\n' "${names[$i]}"
            cat "$work/${names[$i]}.log"
            failed=1
        fi
    done
    return $failed
}

# configure + build + run one consumer project in a fresh build folder.
consumer() {
    local name=$1
    shift
    step "consumer: $name"
    rm -rf "$work/build-$name"
    cmake -S "tests/consumers/$name" -B "$work/build-$name" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
        -Werror=dev -Werror=deprecated -DCMAKE_CXX_FLAGS="${warnings[*]}" "$@" >"$work/$name.configure.log" 2>&1 ||
        { cat "$work/$name.configure.log"; return 1; }
    cmake --build "$work/build-$name"
    "$work/build-$name/consumer"
    # The compiled mode (koodrive_ose::compiled), where the consumer offers it: main.cpp's object
    # leaves decode<> to the library, where the header-only one makes its own.
    if [[ -x $work/build-$name/consumer_compiled ]]; then
        "$work/build-$name/consumer_compiled"
        local header_only compiled
        header_only=$(find "$work/build-$name" -path '*/consumer.dir/*' -name 'main.cpp.o' | head -1)
        compiled=$(find "$work/build-$name" -path '*/consumer_compiled.dir/*' -name 'main.cpp.o' | head -1)
        # Symbols to files first: `nm | grep -q` fails under pipefail when grep stops early.
        nm -C --defined-only "$header_only" >"$work/$name.header_only.nm"
        nm -C --defined-only "$compiled" >"$work/$name.compiled.nm"
        grep -q 'koodrive::ose::v1::decode<' "$work/$name.header_only.nm" ||
            { echo "$name: the header-only consumer has no decode<> of its own (the check below proves nothing)" >&2; return 1; }
        if grep -q 'koodrive::ose::v1::decode<' "$work/$name.compiled.nm"; then
            echo "$name: the compiled-mode consumer made its own decode<> instead of the library's" >&2
            return 1
        fi
        echo "compiled mode: decode<> comes from koodrive_ose::compiled"
    fi
}

cmake_consumers() {
    step "cmake --install into a temporary prefix"
    local prefix=$work/prefix
    cmake -S . -B "$work/build-install" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
        -DKOODRIVE_OSE_BUILD_TESTS=OFF -DKOODRIVE_OSE_BUILD_EXAMPLES=OFF >"$work/install.configure.log" 2>&1 ||
        { cat "$work/install.configure.log"; return 1; }
    cmake --install "$work/build-install" --prefix "$prefix" >"$work/install.log"
    local f
    for f in include/koodrive/ose.hpp include/koodrive_ose.hpp share/cmake/koodrive_ose/koodrive_oseConfig.cmake \
        share/cmake/koodrive_ose/koodrive_oseConfigVersion.cmake share/cmake/koodrive_ose/koodrive_oseTargets.cmake \
        share/pkgconfig/koodrive_ose.pc share/koodrive_ose/src/koodrive_ose.cpp; do
        [[ -f $prefix/$f ]] || { echo "not installed: $f" >&2; return 1; }
    done
    echo "installed $(grep -c Installing "$work/install.log") files"

    consumer find_package -DCMAKE_PREFIX_PATH="$prefix"

    step "find_package(koodrive_ose 2.0) is refused (SameMajorVersion)"
    mkdir -p "$work/major"
    printf 'cmake_minimum_required(VERSION 3.16)\nproject(p LANGUAGES CXX)\nfind_package(koodrive_ose 2.0 CONFIG REQUIRED)\n' \
        >"$work/major/CMakeLists.txt"
    if cmake -S "$work/major" -B "$work/major/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null 2>&1; then
        echo "find_package(koodrive_ose 2.0) should have failed" >&2
        return 1
    fi
    echo "refused, as it should be"

    PKG_CONFIG_PATH=$prefix/share/pkgconfig consumer pkgconfig
    step "pkg-config: bare compiler call"
    local cflags
    cflags=$(PKG_CONFIG_PATH=$prefix/share/pkgconfig pkg-config --cflags koodrive_ose)
    # shellcheck disable=SC2086  # word splitting of the flags is intended
    g++ -std=c++20 "${warnings[@]}" $cflags '-DKOODRIVE_OSE_CONSUMER="pkg-config, bare"' \
        tests/consumers/common/main.cpp -o "$work/pkgconfig-bare"
    "$work/pkgconfig-bare"

    consumer add_subdirectory -DKOODRIVE_OSE_SOURCE_DIR="$root"

    step "archive of the source tree for FetchContent"
    tar -C "$root" --exclude=./build --exclude=./.git --transform 's,^\.,koodrive-ose,' \
        -czf "$work/koodrive-ose.tar.gz" .
    echo "$(du -h "$work/koodrive-ose.tar.gz" | cut -f1) archive"
    consumer fetchcontent -DKOODRIVE_OSE_URL="file://$work/koodrive-ose.tar.gz"
}

meson_consumers() {
    command -v meson >/dev/null || { echo "meson not found (apt-get install meson)" >&2; return 1; }
    local dir=$work/meson
    mkdir -p "$dir/subprojects"
    cp tests/consumers/meson/meson.build tests/consumers/common/main.cpp "$dir/"
    ln -s "$root" "$dir/subprojects/koodrive_ose"

    step "meson consumer: koodrive-ose as a subproject"
    meson setup "$dir/build-subproject" "$dir" --wrap-mode=forcefallback >"$work/meson-subproject.log" 2>&1 ||
        { cat "$work/meson-subproject.log"; return 1; }
    meson compile -C "$dir/build-subproject"
    "$dir/build-subproject/consumer"

    step "meson install into a temporary prefix"
    local prefix=$work/meson-prefix
    meson setup "$work/build-meson-install" . --prefix "$prefix" >"$work/meson-install.log" 2>&1 &&
        meson install -C "$work/build-meson-install" >>"$work/meson-install.log" 2>&1 ||
        { cat "$work/meson-install.log"; return 1; }
    local f
    for f in include/koodrive/ose.hpp include/koodrive_ose.hpp share/pkgconfig/koodrive_ose.pc; do
        [[ -f $prefix/$f ]] || { echo "not installed by meson: $f" >&2; return 1; }
    done
    echo "installed $(find "$prefix" -type f | wc -l) files"

    step "meson consumer: the installed pkg-config file"
    PKG_CONFIG_PATH=$prefix/share/pkgconfig meson setup "$dir/build-pkgconfig" "$dir" --wrap-mode=nofallback \
        >"$work/meson-pkgconfig.log" 2>&1 || { cat "$work/meson-pkgconfig.log"; return 1; }
    meson compile -C "$dir/build-pkgconfig"
    "$dir/build-pkgconfig/consumer"
}

case $what in
single-header) single_header ;;
cmake) cmake_consumers ;;
meson) meson_consumers ;;
all)
    single_header
    cmake_consumers
    meson_consumers
    ;;
*)
    echo "usage: $0 [single-header|cmake|meson|all]" >&2
    exit 2
    ;;
esac
printf '\nconsumers: all passed (%s)\n' "$what"
