#!/usr/bin/env python3
"""Writes the TEST-ONLY keypairs of the examples (solana-keygen JSON format).

Every seed is SHA-256("psyche-reconcile example test key: " + label), so the
keys are reproducible and PUBLICLY KNOWN: never fund them on a real cluster.
Usage: examples/make_test_keys.py   (from anywhere; rewrites the files)
"""
import hashlib
import json
import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = os.path.dirname(os.path.abspath(__file__))

# example directory -> labels of the keypairs it holds in keys/
KEYS = {
    "public-run": ["payer", "owner"],
    "private-run": ["payer", "owner", "join-authority"],
    "treasurer-run": ["payer", "owner"],
}
# pubkey-only participants (their secrets are not written anywhere)
PUBKEY_ONLY = ["joiner-1", "joiner-2", "joiner-3", "collateral-mint"]

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def keypair(label: str):
    seed = hashlib.sha256(b"psyche-reconcile example test key: " + label.encode()).digest()
    pub = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)
    return seed, pub


def main():
    for example, labels in KEYS.items():
        os.makedirs(os.path.join(HERE, example, "keys"), exist_ok=True)
        for label in labels:
            seed, pub = keypair(label)
            path = os.path.join(HERE, example, "keys", label + ".json")
            with open(path, "w") as f:
                json.dump(list(seed + pub), f, separators=(",", ":"))
            os.chmod(path, 0o600)
            print(f"{example}/keys/{label}.json {b58(pub)}")
    for label in PUBKEY_ONLY:
        print(f"{label} {b58(keypair(label)[1])}")


if __name__ == "__main__":
    main()
