#!/usr/bin/env python3
"""Writes the committed seed corpora in tests/fuzz/corpus/<target>/ from the
spec vectors (spec/solana-wire.md section 9) and the shared fixtures.
Run from anywhere: python3 tests/fuzz/make_corpus.py. Idempotent."""
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

MSG_A = bytes.fromhex(
    "0100010379b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664"
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "0707070707070707070707070707070707070707070707070707070707070707"
    "01020200010c020000000100000000000000")
SIG_A = bytes.fromhex(
    "7371c050742595feae7ff9e3c1516ae578d97c3f361520d2451a881321d026fb"
    "86aa257cdd2ca4e44693e4e2c5053f6c270aeac0716670a781b7e2ff0a7dcd07")
MSG_B = bytes.fromhex(
    "0100020479b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664"
    "0000000000000000000000000000000000000000000000000000000000000001"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "0306466fe5211732ffecadba72c39be7bc8ce5bbc5f7126b2c439b3a40000000"
    "0707070707070707070707070707070707070707070707070707070707070707"
    "0303000502400d0300030009031027000000000000020200010c020000000100000000000000")
SIG_B = bytes.fromhex(
    "3871da3b2299f7b5485837531799f53ab93b7dd1c07e8d9a5e85699341dba33a"
    "ab0e02057c50de29dcbe7b5af918df2b0abf83aa9551af01ddbcf70bede25e03")
MSG_V0 = b"\x80" + MSG_A + b"\x00"
SIG_V0 = bytes.fromhex(
    "b7aab12336d8a1c3c68651002651efe31a285d2333d55ce0b97a323a3bb4d760"
    "4ef6f7c00e0ff1f3a0257cedca86bc64d6ff3ed4593d378cb3d2d3925db81b0c")

KEYGEN = ("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,"
          "29,30,31,32,121,181,86,46,143,230,84,249,64,120,177,18,232,169,139,167,144,31,"
          "133,58,230,149,190,215,224,227,145,11,173,4,150,100]")

SEEDS = {
    "base58_keypair_fuzz": {
        "empty": b"",
        "one": b"1",
        "hello": b"2NEpo7TZRRrLZSi2U",
        "leading_zeros": b"1111233QC4",
        "zero_key": b"11111111111111111111111111111111",
        "max_key": b"JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG",
        "blockhash": b"US517G5965aydkZ46HS38QLi7UQiSojurfbQfKCELFx",
        "signature_a": b"3JsTRaF8cY4NjQ1wApc6EwWZNt95dKW5BiCAs14b3BFhvJ74UCo6Ytb2moPe7U1vskyMG7HdWy5kZTV565wXNXLS",
        "keygen_json": KEYGEN.encode(),
        "keygen_json_spaced": KEYGEN.replace(",", ", ").encode() + b"\n",
    },
    "transaction_fuzz": {
        "tx_a": b"\x01" + SIG_A + MSG_A,
        "tx_b": b"\x01" + SIG_B + MSG_B,
        "tx_v0": b"\x01" + SIG_V0 + MSG_V0,
        "msg_a": MSG_A,
        "msg_b": MSG_B,
        "msg_v0": MSG_V0,
    },
    "shortvec_fuzz": {
        "0": bytes.fromhex("00"),
        "127": bytes.fromhex("7f"),
        "128": bytes.fromhex("8001"),
        "16383": bytes.fromhex("ff7f"),
        "16384": bytes.fromhex("808001"),
        "65535": bytes.fromhex("ffff03"),
        "16511": bytes.fromhex("ff8001"),
        "reject_80_00": bytes.fromhex("8000"),
        "reject_ff_ff_04": bytes.fromhex("ffff04"),
    },
}


def main():
    for target, files in SEEDS.items():
        d = CORPUS / target
        d.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (d / name).write_bytes(data)


if __name__ == "__main__":
    main()
