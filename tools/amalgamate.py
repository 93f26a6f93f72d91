#!/usr/bin/env python3
"""Merge include/koodrive/ose.hpp, include/koodrive/ose/client.hpp and every header they include
with quotes into one header.

    tools/amalgamate.py            write single_include/koodrive_ose.hpp
    tools/amalgamate.py --check    exit 1 if the committed single header is stale
    tools/amalgamate.py --output PATH

Each file named by a quoted include goes out whole, recursively, each file once and before the
file that includes it (dependency order), under a `// ==== path ====` line. Every header keeps its
include guard, so the single header combines with any koodrive/ose/ header (testing/ ones too), in
any order. A quoted include inside an `#if !defined(KOODRIVE_OSE_COMPILED) ...` (the definitions
that codec.hpp, request_builder.hpp and response_reader.hpp include at their ends in the
header-only mode) goes out whole right after the file that includes it, unconditionally: the
single header always has the definitions, and other headers use them. A quoted include inside any
other `#if` (the compiled mode's instantiation lists, at the ends of those definitions) goes out
in place, inside that `#if`, after its own dependencies went out unconditionally. The standard includes (angle brackets) are kept where they
are, each once. The result depends only on the sources, so `--check` can compare it byte for byte.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
# The protocol, then the client: one header for users who copy one file, everything in it.
ENTRIES = (INCLUDE / "koodrive" / "ose.hpp", INCLUDE / "koodrive" / "ose" / "client.hpp")
OUTPUT = ROOT / "single_include" / "koodrive_ose.hpp"
VERSION_HEADER = INCLUDE / "koodrive" / "ose" / "version.hpp"

QUOTED = re.compile(r'^\s*#\s*include\s*"([^"]+)"\s*(//.*)?$')
ANGLED = re.compile(r"^\s*#\s*include\s*<([^>]+)>\s*(//.*)?$")
PRAGMA_ONCE = re.compile(r"^\s*#\s*pragma\s+once\s*$")
CONDITIONAL_OPEN = re.compile(r"^\s*#\s*if")
CONDITIONAL_CLOSE = re.compile(r"^\s*#\s*endif")
HEADER_ONLY_BLOCK = re.compile(r"^\s*#\s*if\s+!\s*defined\(KOODRIVE_OSE_COMPILED\)")


def version() -> str:
    text = VERSION_HEADER.read_text(encoding="utf-8")
    parts = []
    for name in ("MAJOR", "MINOR", "PATCH"):
        m = re.search(rf"#define\s+KOODRIVE_OSE_VERSION_{name}\s+(\d+)", text)
        if not m:
            sys.exit(f"amalgamate: KOODRIVE_OSE_VERSION_{name} not found in {VERSION_HEADER}")
        parts.append(m.group(1))
    return ".".join(parts)


class Amalgamator:
    def __init__(self) -> None:
        self.done: set[Path] = set()
        self.active: list[Path] = []
        self.std_includes: set[str] = set()
        self.out: list[str] = []

    def quoted_includes(self, path: Path, lines: list[str]) -> list[tuple[int, Path, bool]]:
        """(line index, target, conditional) of each quoted include; conditional: inside an #if
        other than the file's include guard, and not one that holds the header-only mode's
        definitions (those count as unconditional: see deferred_includes)."""
        return [(i, t, c) for i, t, c, _ in self.classified_includes(path, lines)]

    def deferred_includes(self, path: Path, lines: list[str]) -> list[Path]:
        """The definitions a declaring header includes at its end in the header-only mode."""
        return [t for _, t, _, d in self.classified_includes(path, lines) if d]

    def classified_includes(self, path: Path, lines: list[str]) -> list[tuple[int, Path, bool, bool]]:
        found = []
        depth = 0
        header_only = False  # inside `#if !defined(KOODRIVE_OSE_COMPILED) ...`
        for number, line in enumerate(lines, start=1):
            if CONDITIONAL_OPEN.match(line):
                depth += 1
                if depth == 2:
                    header_only = HEADER_ONLY_BLOCK.match(line) is not None
            elif CONDITIONAL_CLOSE.match(line):
                depth -= 1
            quoted = QUOTED.match(line)
            if quoted:
                target = (path.parent / quoted.group(1)).resolve()
                if not target.is_file():
                    sys.exit(f"amalgamate: {path.relative_to(ROOT)}:{number}: {quoted.group(1)} not found")
                deferred = depth > 1 and header_only
                found.append((number - 1, target, depth > 1 and not deferred, deferred))  # depth 1: the guard
        return found

    def add(self, path: Path) -> None:
        path = path.resolve()
        if path in self.done:
            return
        if path in self.active:
            cycle = " -> ".join(str(p.relative_to(INCLUDE)) for p in self.active + [path])
            sys.exit(f"amalgamate: include cycle: {cycle}")
        self.active.append(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        includes = [(i, t, c) for i, t, c, d in self.classified_includes(path, lines) if not d]
        deferred = self.deferred_includes(path, lines)
        # Dependencies first: every header includes what it uses at its top, so the whole of
        # each quoted include goes out before the whole of the file that includes it. A
        # conditional include's own dependencies go out first too; it itself stays in place.
        in_place: dict[int, Path] = {}
        for index, target, conditional in includes:
            if conditional:
                for _, dependency, _ in self.quoted_includes(target, target.read_text(encoding="utf-8").splitlines()):
                    if dependency != path and dependency not in self.active:
                        self.add(dependency)
                in_place[index] = target
            else:
                self.add(target)
        self.active.pop()
        self.done.add(path)
        self.emit(path, lines, in_place)
        # The definitions right after the declarations (one already on its way out is skipped).
        for target in deferred:
            if target not in self.active:
                self.add(target)

    def emit(self, path: Path, lines: list[str], in_place: dict[int, Path]) -> None:
        name = path.relative_to(INCLUDE).as_posix()
        self.out.append(f"// ==== {name} " + "=" * max(3, 90 - len(name)))
        depth = 0
        for index, line in enumerate(lines):
            if CONDITIONAL_OPEN.match(line):
                depth += 1
            elif CONDITIONAL_CLOSE.match(line):
                depth -= 1
            if index in in_place:
                target = in_place[index]
                # Out at the first site where all it needs is already out (for the compiled
                # mode's declarations of build_request and read_response: after both).
                needs = [d for _, d, _ in self.quoted_includes(target, target.read_text(encoding="utf-8").splitlines())]
                if target not in self.done and all(d in self.done for d in needs):
                    self.done.add(target)
                    self.emit(target, target.read_text(encoding="utf-8").splitlines(), {})
                    self.out.append(f"// ==== {name} (continued) " + "=" * max(3, 78 - len(name)))
                continue
            if PRAGMA_ONCE.match(line) or QUOTED.match(line):
                continue
            angled = ANGLED.match(line)
            if angled and depth <= 1:  # one inside an #if (not the guard) stays, and counts for nothing
                if angled.group(1) in self.std_includes:
                    continue
                self.std_includes.add(angled.group(1))
            self.out.append(line)
        self.out.append("")


def collapse_blank_lines(lines: list[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line == "" and result and result[-1] == "":
            continue
        result.append(line)
    while result and result[-1] == "":
        result.pop()
    return result


def generate() -> str:
    a = Amalgamator()
    for entry in ENTRIES:
        a.add(entry)
    v = version()
    banner = [
        f"// koodrive-ose {v}: single-header edition.",
        "//",
        "// GENERATED FILE, DO NOT EDIT. Made by tools/amalgamate.py from include/koodrive/ose.hpp,",
        "// include/koodrive/ose/client.hpp and the headers they include; edit those and run",
        "// `python3 tools/amalgamate.py`.",
        "// The optional koodrive/ose/testing/*.hpp are not part of it; include them beside it.",
        "// Compiled mode: -DKOODRIVE_OSE_COMPILED everywhere, and in one .cpp of yours",
        "// `#define KOODRIVE_OSE_IMPLEMENTATION` before including this header.",
        "//",
        "// SPDX-License-Identifier: MIT",
        "// Copyright (c) 2026 the koodrive-ose authors",
        "#pragma once",
        "",
    ]
    return "\n".join(collapse_blank_lines(banner + a.out)) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed single header is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT.relative_to(ROOT)}")
    args = parser.parse_args()
    text = generate()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current == text:
            print(f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} is up to date")
            return 0
        diff = difflib.unified_diff(current.splitlines(), text.splitlines(), "committed", "generated", lineterm="", n=1)
        for i, line in enumerate(diff):
            if i == 40:
                print("...")
                break
            print(line)
        print(f"{args.output} is stale: run `python3 tools/amalgamate.py` and commit the result", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
