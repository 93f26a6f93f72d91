#!/usr/bin/env bash
# Runs the README's curl block (between <!-- simulator-curl:begin --> and <!-- simulator-curl:end -->)
# against a fresh koodrive-ose-simulator, as written but on a free port: every one of the five
# calls must answer {"code":"0",...}, and the simulator must stop with status 0 on SIGTERM and on
# SIGINT. Also checks that --help names every option the README mentions.
#
#   tests/simulator/readme_curl.sh PATH/TO/koodrive-ose-simulator
set -euo pipefail

cd "$(dirname "$0")/../.."
simulator=$(realpath "${1:?usage: readme_curl.sh PATH/TO/koodrive-ose-simulator}")
work=$(mktemp -d "${TMPDIR:-/tmp}/koodrive_ose_readme_curl.XXXXXX")
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

block=$(sed -n '/<!-- simulator-curl:begin -->/,/<!-- simulator-curl:end -->/p' README.md | sed '1,2d;$d' | sed '$d')
[[ -n $block ]] || { echo "readme_curl: no simulator-curl block in README.md" >&2; exit 1; }

# A free port: bind 0, read the ready line, then stop it (the README's own line starts it again).
"$simulator" --port 0 --quiet >"$work/probe" &
probe=$!
pids+=("$probe")
for _ in $(seq 100); do [[ -s $work/probe ]] && break; sleep 0.05; done
port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$work/probe")
kill -INT "$probe"
wait "$probe" || { echo "readme_curl: SIGINT did not stop the simulator with status 0" >&2; exit 1; }
[[ -n $port ]] || { echo "readme_curl: no ready line" >&2; exit 1; }

# The block as written, with the simulator found on PATH, on that port, and waiting for the
# ready line before the first curl.
script=${block//8080/$port}
script=${script/&$'\n'/& sim=\$!; for _ in \$(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/ \&\& break; sleep 0.05; done$'\n'}
script=${script//kill %1/kill %1; wait \$sim}
printf '%s\n' "set -euo pipefail" "$script" >"$work/block.sh"
PATH=$(dirname "$simulator"):$PATH timeout 60 bash "$work/block.sh" >"$work/out" 2>"$work/err" ||
    { cat "$work/out" "$work/err"; echo "readme_curl: the README block failed" >&2; exit 1; }

ok=$(grep -o '"code":"0"' "$work/out" | wc -l)
cat "$work/out"
if [[ $ok -ne 5 ]]; then
    echo "readme_curl: $ok of the 5 calls answered code 0" >&2
    exit 1
fi
# The access log went to stdout after the ready line: one JSON object per call, 200 each.
logged=$(grep -o '"status":200' "$work/out" | wc -l)
[[ $logged -ge 5 ]] || { echo "readme_curl: the access log shows $logged answers of 200" >&2; exit 1; }
if grep -q 'demo-token\|aea2968ec8cfac338cd4647f071c44644c491d0a2039cd6c' "$work/out"; then
    echo "readme_curl: a secret reached the access log or a reply" >&2
    exit 1
fi

help=$("$simulator" --help)
for option in --host --port --token --user --agent --app-id --app-secret --batch-pending --batch-processing \
    --share-pending --share-processing --fault --slow-reply-delay --clock-offset --threads --max-threads \
    --max-body --header-timeout --read-timeout --keep-alive-timeout --access-log --quiet --help; do
    grep -q -- "$option" <<<"$help" || { echo "readme_curl: --help does not mention $option" >&2; exit 1; }
done
echo "readme_curl: the README's 5 curl calls answered code 0 on port $port; SIGINT and SIGTERM stop it with 0"
