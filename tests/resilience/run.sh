#!/usr/bin/env bash
# Resilience of koodrive-ose-simulator against hostile and heavy clients (curl, ApacheBench and
# Python's standard library), on loopback, bounded in time: see resilience.py for the checks.
#
#   tests/resilience/run.sh [SIMULATOR] [--quick]
#
# SIMULATOR defaults to the test preset's build/test/tools/simulator/koodrive-ose-simulator.
# Needs python3, curl and ab (Debian: apache2-utils). --quick: 2,000 requests for ab instead of
# 20,000 (what CI runs).
set -euo pipefail

cd "$(dirname "$0")/../.."
simulator=build/test/tools/simulator/koodrive-ose-simulator
quick=()
for arg in "$@"; do
    case $arg in
    --quick) quick=(--quick) ;;
    *) simulator=$arg ;;
    esac
done
for tool in python3 curl ab; do
    command -v "$tool" >/dev/null || { echo "resilience: $tool not found (apt-get install python3 curl apache2-utils)" >&2; exit 2; }
done
[[ -x $simulator ]] || { echo "resilience: $simulator not found (cmake --workflow --preset test builds it)" >&2; exit 2; }
# ab and the slow-header check hold about 600 sockets at once.
ulimit -n 4096 2>/dev/null || true
exec timeout --kill-after=10 180 python3 tests/resilience/resilience.py "$simulator" "${quick[@]}"
