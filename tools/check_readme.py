#!/usr/bin/env python3
"""README.md as written: its command blocks, and what its other blocks claim to be.

Every fenced block may carry a marker, an HTML comment on the line before its opening fence
(invisible on a rendered page):

    <!-- readme: file PATH -->            the block is the content of PATH: written before the
                                          commands after it run (a project of the user's)
    <!-- readme: lines of PATH -->        every non-blank line of the block is a line of PATH, in
                                          order (a snippet of a compiled, tested file)
    <!-- readme: output TARGET PART -->   the block is exactly what the example program TARGET
                                          prints as PART (request, response or curl)
    <!-- readme: run -->                  an sh block that this check runs
    <!-- readme: skip REASON -->          an sh block that this check does not run, and why
    <!-- readme: needs TARGET -->         an sh block that runs only when the default preset's
                                          build defines TARGET (e.g. a tool another branch adds)

Every ```sh block carries one of run, skip or needs (so a new block is never run by surprise:
it may take minutes), and those marked run or needs run, in order, in one bash session started
at the root of a clean copy of the repository (tools/check_readme.sh makes it).

    check_readme.py static [README]          markers, and every `lines of` block against its file
    check_readme.py examples DIR [--update]  every `output` block against the programs in DIR
                                             (--update rewrites the blocks from their output)
    check_readme.py script [README]          the bash script that runs the sh blocks
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!-- readme: (file|lines of|output|run|skip|needs) ?(.*?) -->$")
FENCE = re.compile(r"^```(\w*)\s*$")


class Block:
    def __init__(self, lang, start, lines, markers):
        self.lang = lang
        self.start = start  # line number of the opening fence, from 1
        self.lines = lines
        self.markers = markers  # {kind: argument}; a block may carry several (output and needs)

    def has(self, kind):
        return kind in self.markers

    def arg(self, kind):
        return self.markers.get(kind, "")

    def where(self):
        return f"README.md:{self.start}"


def blocks_of(text):
    lines = text.split("\n")
    found, markers, i = [], {}, 0
    while i < len(lines):
        m = MARKER.match(lines[i].strip())
        if m:
            markers[m.group(1)] = m.group(2).strip()
            i += 1
            continue
        f = FENCE.match(lines[i])
        if f:
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != "```":
                j += 1
            found.append(Block(f.group(1), i + 1, lines[i + 1 : j], markers))
            markers, i = {}, j + 1
            continue
        if lines[i].strip() and not re.match(r"^<!--.*-->$", lines[i].strip()):
            markers = {}  # markers belong to the block right after them (other comments between)
        i += 1
    return found


def check_static(readme):
    problems = []
    for b in blocks_of(readme.read_text()):
        if b.lang == "sh" and not (b.has("run") or b.has("skip") or b.has("needs")):
            problems.append(f"{b.where()}: an sh block needs a marker: run, skip REASON or needs TARGET")
        for kind in ("run", "skip", "needs"):
            if b.has(kind) and b.lang != "sh":
                problems.append(f"{b.where()}: '{kind}' marks only sh blocks")
        if b.has("skip") and not b.arg("skip"):
            problems.append(f"{b.where()}: 'skip' needs a reason")
        if b.has("lines of"):
            path = ROOT / b.arg("lines of")
            if not path.is_file():
                problems.append(f"{b.where()}: no file {b.arg('lines of')}")
                continue
            have = [line.strip() for line in path.read_text().split("\n")]
            at = 0
            for line in (x.strip() for x in b.lines):
                if not line:
                    continue
                try:
                    at = have.index(line, at) + 1
                except ValueError:
                    problems.append(f"{b.where()}: not a line of {b.arg('lines of')} (or out of order): {line}")
                    break
    return problems


def printed_parts(program):
    """The parts of an example's output: request, response, curl (its first exchange)."""
    out = subprocess.run([str(program)], capture_output=True, text=True, check=True).stdout
    parts, name = {}, None
    for line in out.split("\n"):
        heads = {">>> request": "request", "<<< response": "response", "$$$ curl": "curl"}
        if line in heads:
            name = heads[line]
            parts.setdefault(name, [])
        elif line == "===":
            if name:
                break
        elif name:
            parts[name].append(line)
    return {k: [x for x in v] for k, v in parts.items()}


def check_examples(readme, directory, update):
    text = readme.read_text()
    lines = text.split("\n")
    problems, checked, cache = [], 0, {}
    for b in blocks_of(text):
        if not b.has("output"):
            continue
        target, _, part = b.arg("output").partition(" ")
        program = Path(directory) / target
        if target not in cache:
            cache[target] = printed_parts(program)
        want = cache[target].get(part)
        if want is None:
            problems.append(f"{b.where()}: {target} prints no {part}")
            continue
        while want and want[-1] == "":
            want = want[:-1]
        checked += 1
        if b.lines != want:
            if update:
                lines[b.start : b.start + len(b.lines)] = want
                text = "\n".join(lines)
                readme.write_text(text)
                return check_examples(readme, directory, update)  # line numbers moved
            problems.append(f"{b.where()}: the {part} of {target} differs from what it prints "
                            f"(tools/check_readme.py examples DIR --update rewrites it)")
    if not checked:
        problems.append("no output blocks found")
    return problems, checked


def script(readme):
    out = ["set -euo pipefail",
           "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",  # a server a block left running
           # the target list first, then grep: with pipefail, grep -q's early exit would fail the pipe
           "has_target() { local t; t=$(cmake --build build/default --target help 2>/dev/null) || true; "
           "grep -Eq \"(^|[ :])($1|${1//-/_})( |:|$)\" <<<\"$t\"; }"]
    for b in blocks_of(readme.read_text()):
        if b.has("file"):
            path = b.arg("file")
            out.append(f"mkdir -p {shlex.quote(str(Path(path).parent))}")
            out.append(f"cat > {shlex.quote(path)} <<'README_BLOCK_EOF'")
            out.extend(b.lines)
            out.append("README_BLOCK_EOF")
            continue
        if b.lang != "sh":
            continue
        if b.has("skip"):
            out.append(f"printf '\\n---- {b.where()}: skipped: %s\\n' {shlex.quote(b.arg('skip'))}")
            continue
        needs = b.arg("needs")
        if needs:
            out.append(f"if has_target {shlex.quote(needs)}; then")
        out.append(f"printf '\\n---- {b.where()}\\n'")
        out.append("set -x")
        out.extend(b.lines)
        out.append("{ set +x; } 2>/dev/null")
        if needs:
            out.append(f"else printf '\\n---- {b.where()}: skipped: the build defines no target {needs}\\n'; fi")
    out.append("printf '\\nREADME commands: all ran\\n'")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 2 or argv[1] not in ("static", "examples", "script"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "examples":
        if len(argv) < 3:
            print(__doc__, file=sys.stderr)
            return 2
        problems, checked = check_examples(ROOT / "README.md", argv[2], "--update" in argv[3:])
        for p in problems:
            print(p, file=sys.stderr)
        if not problems:
            print(f"README.md: {checked} blocks are exactly what the examples print")
        return 1 if problems else 0
    readme = Path(argv[2]) if len(argv) > 2 else ROOT / "README.md"
    if argv[1] == "script":
        sys.stdout.write(script(readme))
        return 0
    problems = check_static(readme)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"{readme.name}: markers and snippets agree with the tree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
