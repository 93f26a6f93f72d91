#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets (the committed corpus in fuzz/corpus/ was grown
from these, then minimized with -merge=1).

    fuzz/make_seeds.py OUT_DIR [SPEC_API_DIR]

Sources: the JSON raw strings in tests/*.cpp, the JSON examples of the API reference pages
(SPEC_API_DIR, e.g. ../shared/spec/api) and tests/data/jsontestsuite. Each target gets the
input layout it expects (see the comment at the top of each fuzz_*.cpp)."""
import hashlib
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1]
spec = sys.argv[2] if len(sys.argv) > 2 else None


def json_blocks(text):
    """Balanced {...} blocks (strings respected), which is what the examples are."""
    blocks, depth, start, in_str, esc = [], 0, None, False, False
    for i, c in enumerate(text):
        if in_str:
            if esc:
                esc = False
            elif c == '\\':
                esc = True
            elif c == '"':
                in_str = False
            continue
        if c == '"' and depth > 0:
            in_str = True
        elif c == '{':
            if depth == 0:
                start = i
            depth += 1
        elif c == '}' and depth > 0:
            depth -= 1
            if depth == 0:
                blocks.append(text[start:i + 1])
    return blocks


docs = set()
for name in sorted(os.listdir(os.path.join(root, 'tests'))):
    if name.endswith('.cpp'):
        src = open(os.path.join(root, 'tests', name), encoding='utf-8').read()
        for m in re.finditer(r'R"\((.*?)\)"', src, re.S):
            body = m.group(1)
            if body.lstrip().startswith(('{', '[')):
                docs.add(body.encode())
if spec:
    for name in sorted(os.listdir(spec)):
        for b in json_blocks(open(os.path.join(spec, name), encoding='utf-8').read()):
            docs.add(b.encode())
suite = os.path.join(root, 'tests', 'data', 'jsontestsuite', 'test_parsing')
suite_docs = [open(os.path.join(suite, n), 'rb').read() for n in sorted(os.listdir(suite)) if n.endswith('.json')]


def put(target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)


for doc in sorted(docs):
    put('fuzz_differential', doc)
    for sel in range(10):
        put('fuzz_decode', bytes([sel]) + doc)
        put('fuzz_decode', bytes([sel + 11]) + doc)  # tight limits
        put('fuzz_roundtrip', bytes([sel]) + doc)
    for req in range(5):
        for status in (0, 4, 7, 9):  # 200, 400, 404, 429
            put('fuzz_decode', bytes([10, req, status]) + doc)
for doc in suite_docs:
    put('fuzz_differential', doc)
    put('fuzz_decode', bytes([6]) + doc)

# fuzz_headers reads its selector from the last byte (FuzzedDataProvider): 5 = query, 6 = percent
# and header values; 0-4 build a request from the bytes.
for q in (b'offset=0&limit=2', b'offset=0&limit=100&type=7&status=3', b'limit=1&offset=9223372036854775807',
          b'offset=%30&limit=1&x=%zz', b'offset=0&offset=1&limit=1'):
    put('fuzz_headers', q + b'\x05')
for v in (b'drive.example.com:443', b'[::1]:8080', b'192.168.0.1', b'en-US', b'20251103T070140Z', b'20231227151904',
          b'a b%20c\r\nX: y', b'\xc2\x9b\xe2\x82\xac'):
    put('fuzz_headers', v + b'\x06')
for i in range(5):
    put('fuzz_headers', (b'\x01' * 40 + b'token-value' + b'\x00' * 8 + bytes([i])) * 2)
