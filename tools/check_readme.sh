#!/usr/bin/env bash
# Runs README.md as written: checks its markers and snippets (tools/check_readme.py static), then
# runs every ```sh block, in order, in one bash session, from a clean clone of HEAD in a
# temporary folder: the demo, install, find_package, pkg-config, the endpoint examples' curl
# commands against the standalone simulator (once a build defines it), ... Blocks marked
# `<!-- readme: skip REASON -->` are left to the CI stage the reason names (the full test run is
# CI's `test` stage; it is not run twice). The blocks that are printed output of the examples
# are compared by ctest (test `readme_examples`), not here.
#
#   tools/check_readme.sh            static checks, then the commands (about a minute on 2 cores)
#   tools/check_readme.sh --static   static checks only (instant)
#
# Uncommitted changes are not part of HEAD, so they are not run: commit first.
set -euo pipefail

cd "$(dirname "$0")/.."
python3 tools/check_readme.py static
[[ ${1:-} == --static ]] && exit 0

if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    echo "note: uncommitted changes are not run (the commands run on a clone of HEAD)"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/koodrive_ose_readme.XXXXXX")
prefix=/tmp/koodrive-ose  # where README.md installs: from scratch, so nothing stale counts
rm -rf "$prefix"
trap 'rm -rf "$work" "$prefix"' EXIT
git clone -q "$PWD" "$work/koodrive-ose"
python3 tools/check_readme.py script README.md >"$work/readme.sh"
cd "$work/koodrive-ose"
timeout 1200 bash "$work/readme.sh"
