#!/usr/bin/env python3
"""Looks for secret key bytes in files: each solana-keygen keypair given with
--secret (a JSON array of 64 bytes) is searched in every file under --scan in
these forms: raw bytes, hex (either case), base58, base64 and the JSON array
(any spacing), for the whole 64-byte secret and for its 32-byte seed.
Prints each hit and exits 1 if any; exits 2 on bad input.
--self-check proves the scanner finds every form (a negative control)."""
import argparse
import base64
import json
import os
import re
import sys
import tempfile

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def forms(secret):
    """(label, needle bytes) pairs; needles are matched against whitespace-free text too."""
    out = []
    for name, part in (("secret", secret), ("seed", secret[:32])):
        out += [
            (name + "/raw", part),
            (name + "/hex", part.hex().encode()),
            (name + "/HEX", part.hex().upper().encode()),
            (name + "/base58", b58(part).encode()),
            (name + "/base64", base64.b64encode(part).rstrip(b"=")),
            (name + "/json", ",".join(str(b) for b in part).encode()),
        ]
    return out


def scan_bytes(data, needles):
    squeezed = re.sub(rb"\s+", b"", data)
    hits = []
    for label, needle in needles:
        if needle in data or (not label.endswith("/raw") and needle in squeezed):
            hits.append(label)
    return hits


def files_under(paths, skip_dirs):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, names in os.walk(p):
            dirs[:] = [d for d in dirs if os.path.join(root, d) not in skip_dirs]
            for n in names:
                yield os.path.join(root, n)


def load_secret(path):
    with open(path) as f:
        arr = json.load(f)
    if not (isinstance(arr, list) and len(arr) == 64 and all(isinstance(b, int) and 0 <= b < 256 for b in arr)):
        raise ValueError(path + ": not a 64-byte keypair")
    return bytes(arr)


def scan(secret_files, scan_paths, skip_dirs, quiet=False):
    needles = []
    for s in secret_files:
        for label, needle in forms(load_secret(s)):
            needles.append((os.path.basename(s) + ":" + label, needle))
    hits = 0
    for f in files_under(scan_paths, set(skip_dirs)):
        with open(f, "rb") as h:
            data = h.read()
        for label in scan_bytes(data, needles):
            if not quiet:
                print("LEAK %s in %s" % (label, f))
            hits += 1
    return hits


def self_check(secret_file):
    secret = load_secret(secret_file)
    with tempfile.TemporaryDirectory() as d:
        for label, needle in forms(secret):
            p = os.path.join(d, "leak.txt")
            with open(p, "wb") as h:
                text = needle if label.endswith("/raw") else b"noise " + needle + b" noise\n"
                if label.endswith("/json"):
                    text = b"[ " + needle.replace(b",", b", ") + b" ]"
                h.write(text)
            if scan([secret_file], [p], [], quiet=True) == 0:
                print("SELF-CHECK FAILED: %s not detected" % label)
                return 1
        p = os.path.join(d, "clean.txt")
        with open(p, "w") as h:
            h.write("nothing secret here: " + b58(secret[32:]) + "\n")  # the public key
        if scan([secret_file], [p], [], quiet=True) != 0:
            print("SELF-CHECK FAILED: a public key was reported")
            return 1
    print("self-check ok: every form of the secret is detected, the public key is not")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--secret", action="append", default=[])
    ap.add_argument("--scan", action="append", default=[])
    ap.add_argument("--skip-dir", action="append", default=[])
    ap.add_argument("--self-check", action="store_true")
    a = ap.parse_args()
    if not a.secret:
        print("no --secret given")
        return 2
    if a.self_check:
        return self_check(a.secret[0])
    hits = scan(a.secret, a.scan, a.skip_dir)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
