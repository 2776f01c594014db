#!/usr/bin/env python3
"""Writes the committed seed corpora in tests/fuzz/corpus/<target>/ from the
spec vectors (spec/solana-wire.md section 9) and the shared fixtures.
Run from anywhere: python3 tests/fuzz/make_corpus.py. Idempotent."""
import base64
import os
import re
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

INSTANCE = bytes.fromhex(  # spec coordinator.md 8.5: run id "test"
    "9c099910af181ffcff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526"
    "2728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455"
    "565758595a5b5c5d5e5f60040000007465737400000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000")

FIXTURES = HERE.parent / "fixtures"
VECTORS = "providers/psyche/spec_vectors_for_test.h"
CONFIG_SIZE = 64  # kCoordinatorConfigBorshSize

# authorizer-treasurer-token.md 8.1: a fresh Authorization account (108 bytes).
AUTHORIZATION = bytes.fromhex(
    "0344a8f3c3a8204b" "ff"
    "7e8c088760bfde1dddcf32c17f209b8242ee52aaf131facd88d0ea2c6d0b06f2"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "12000000" "436f6f7264696e61746f724a6f696e52756e"
    "00" "00000000" "0000000000000000")
K1 = bytes.fromhex("79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664")
USDC = bytes.fromhex("c6fa7af3bedbad3a3d65f36aabc97431a1899dc461c8fafe65359c66c9ef5d61")


def le(n, width):
    return n.to_bytes(width, "little")


def some_key(key):  # COption<Pubkey>
    return le(1, 4) + key


NONE_KEY = le(0, 4) + bytes(32)
# Layouts of authorizer-treasurer-token.md 3.4, 3.5, 5.2, 5.3.
TREASURER_RUN = (bytes.fromhex("c7369b56eb73f6bd") + b"\xfc" + le(7313085519096743583, 8) +
                 K1 + K1 + bytes(range(32)) + bytes(range(32, 64)) + USDC +
                 le(1500000, 8) + le(1500000, 8) + bytes(7))
PARTICIPANT = bytes.fromhex("208e6c4ff7b33606") + b"\xfe" + le(42, 8) + le(42, 8) + bytes(7)
MINT = some_key(K1) + le(10**15, 8) + b"\x06" + b"\x01" + NONE_KEY
TOKEN_ACCOUNT = (USDC + K1 + le(1500000, 8) + NONE_KEY + b"\x01" + le(0, 4) + le(0, 8) +
                 le(0, 8) + NONE_KEY)
assert len(MINT) == 82 and len(TOKEN_ACCOUNT) == 165 and len(TREASURER_RUN) == 200


def spec_vector(path, name):
    """A hex string constant from a test header that copies it from the spec."""
    text = (HERE.parent.parent / path).read_text()
    start = text.index(name)
    body = text[text.index("=", start):text.index(";", start)]
    return bytes.fromhex("".join(re.findall(r'"([0-9a-f]*)"', body)))


def rpc(method, wrap, payload):
    """rpc_response_fuzz input: method selector, serving mode, reply text."""
    return bytes([method, 1 if wrap else 0]) + payload.encode()


ACCOUNT = ('{"lamports":890880,"owner":"11111111111111111111111111111111",'
           '"data":["AQID","base64"],"executable":false,'
           '"rentEpoch":18446744073709551615,"space":3}')
SEED_SIG_B58 = SIG_A_B58 = ("3JsTRaF8cY4NjQ1wApc6EwWZNt95dKW5BiCAs14b3BFhvJ74UCo6Ytb2moPe7U1vskyMG7HdWy5kZTV565wXNXLS")
SIMULATION = ('{"context":{"slot":5},"value":{"err":{"InstructionError":[0,{"Custom":6001}]},'
              '"logs":["Program log: x"],"accounts":null,"unitsConsumed":150,'
              '"returnData":null,"replacementBlockhash":'
              '{"blockhash":"US517G5965aydkZ46HS38QLi7UQiSojurfbQfKCELFx","lastValidBlockHeight":9}}}')
STATUS = ('{"slot":7,"confirmations":null,"err":null,"status":{"Ok":null},'
          '"confirmationStatus":"finalized"}')
TX_INFO = ('{"slot":9,"blockTime":1700000000,"version":"legacy","transaction":["AQID","base64"],'
           '"meta":{"err":{"InsufficientFundsForRent":{"account_index":1}},"status":{"Err":'
           '{"InsufficientFundsForRent":{"account_index":1}}},"fee":5000,"preBalances":[1],'
           '"postBalances":[0],"logMessages":[],"computeUnitsConsumed":150}}')

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
        # authorizer-treasurer-token.md 8.5 T1 (authorization_create) and T3 (two signers).
        "tx_t1": base64.b64decode(
            "AYpn6n/fJl6qgCV5h3++eFD5OUna4PABJjqaoAgu4F82LerKT7D6+u9x+mToQMqHjZOqXL3U3xm0mmcUe8TnLwYBAAIEebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQk6FQJ1FzcrDnmwIDllEZRwl0atFCL5qjejw+A4ygtKwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABdxoas4h/KezDHO72TuQ0kfBo69DmxSRmG37vpcFClIHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDBAAAAQI+FJ3Es+ffbWYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABIAAABDb29yZGluYXRvckpvaW5SdW4="),
        "tx_t3": base64.b64decode(
            "Aq/jMEzNZOBKdVnSJC8nK070GPjgL9zG3oSmVVXwUnIqSyhQ06ODxM1UN7VaWvPOl/0Ck0e9yalRSlSFEfUhPAXFVuWRYRzHIyOh0TAU7kUJFGbFLX0h0NptBGUCduGBNeRNplB8Nbaa8rodwmoU12rn14yoxGn/bkftLnrtltcKAgAGC3m1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk5/FioQvsVZr+oZXk3OhLaVaNXSywlj60RsBoXisX8vANIaLV2vByHpqH5jCeTX49edTFQhIdCF452vFNDDaws3vABLXEmeZOzT+/zrJkGZbEidtWs0lZqp3/6eikVCx4phrQ+ttcsWzLdYNi0yodyynzSj5pBNcuZzncbi9St08AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAbd9uHXZaGT2cvhRs7reawctIXtX1s3kTqM9YV+/wCpMw2zA/mp11T+252QqmOR05AzEWfxA1yU9BGcxp3FPRqMlyWPTiSJ8bs9ECkUjg2DC1oTmdr/EIQEjnvY2+n4Wcb6evO+2606PWXzaqvJdDGhiZ3EYcj6/mU1nGbJ711hzM23cs/HnLZlpUbgT12J3M99jsA+Wxp0i0Y02tjFXtYHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwIFAgABNAAAAACAhnwxAAAAAHjRAQAAAAAAMw2zA/mp11T+252QqmOR05AzEWfxA1yU9BGcxp3FPRoKCgACBAkDAQcIBgVixjij9w46p/2fhtCBiEx9ZQQAAAB0ZXN0BgAAAGxhdGVzdHm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZkebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ="),
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
    "rpc_response_fuzz": {
        "account_info": rpc(0, True, '{"context":{"slot":1,"apiVersion":"2.2.7"},"value":' + ACCOUNT + '}'),
        "account_info_null": rpc(0, True, '{"context":{"slot":1},"value":null}'),
        "multiple_accounts": rpc(1, True, '{"context":{"slot":2},"value":[' + ACCOUNT + ',null]}'),
        "program_accounts": rpc(2, True, '[{"pubkey":"11111111111111111111111111111112","account":' + ACCOUNT + '}]'),
        "balance": rpc(3, True, '{"context":{"slot":3},"value":18446744073709551615}'),
        "latest_blockhash": rpc(4, True, '{"context":{"slot":4},"value":{"blockhash":"US517G5965aydkZ46HS38QLi7UQiSojurfbQfKCELFx","lastValidBlockHeight":150}}'),
        "blockhash_valid": rpc(5, True, '{"context":{"slot":4},"value":false}'),
        "block_height": rpc(6, True, '12345'),
        "rent": rpc(7, True, '890880'),
        "fee_null": rpc(8, True, '{"context":{"slot":4},"value":null}'),
        "send": rpc(9, True, '"' + SIG_A_B58 + '"'),
        "send_preflight_error": rpc(9, False, '{"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Transaction simulation failed: Blockhash not found","data":{"err":"BlockhashNotFound","logs":[],"accounts":null,"unitsConsumed":0,"returnData":null}}}'),
        "simulate": rpc(10, True, SIMULATION),
        "signature_statuses": rpc(11, True, '{"context":{"slot":8},"value":[' + STATUS + ',null]}'),
        "signature_statuses_batch_raw": rpc(11, False, '[{"jsonrpc":"2.0","id":1,"result":{"context":{"slot":8},"value":[null,' + STATUS + ']}}]'),
        "transaction": rpc(12, True, TX_INFO),
        "airdrop": rpc(13, True, '"' + SIG_A_B58 + '"'),
        "health": rpc(14, True, '"ok"'),
        "unhealthy": rpc(14, False, '{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"Node is behind by 42 slots","data":{"numSlotsBehind":42}}}'),
        "version": rpc(15, True, '{"solana-core":"2.2.7","feature-set":3294202862}'),
        "genesis": rpc(16, True, '"5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d"'),
        "batch_raw": rpc(17, False, '[{"jsonrpc":"2.0","id":2,"result":"ok"},{"jsonrpc":"2.0","id":1,"result":7}]'),
    },
    "program_accounts_fuzz": {
        "authorization": AUTHORIZATION,
        "treasurer_run": TREASURER_RUN,
        "participant": PARTICIPANT,
        "mint": MINT,
        "token_account": TOKEN_ACCOUNT,
        "model_nano": spec_vector(VECTORS, "kModelNanoConfigHex"),
        "model_synthetic": spec_vector(VECTORS, "kModelSyntheticHex"),
        # coordinator.md 8.3 update data: discriminator, None, Some(config ...).
        "config": spec_vector(VECTORS, "kUpdateDataSolanaTestConfigHex")[10:10 + CONFIG_SIZE],
    },
    "ui_amount_fuzz": {
        "usdc": b"\x06" + b"1.5",
        "whole": b"\x00" + b"7",
        "small": b"\x06" + b"0.000001",
        "max": b"\x13" + b"18.446744073709551615",
        "units": b"\x06" + le(1500000, 8),
    },
    "planfile_fuzz": {
        "plan": (HERE.parent.parent / "reconciler/testdata/plan.json").read_bytes(),
    },
    "account_fuzz": {
        "coordinator_instance": INSTANCE,
        "coordinator_account_v0": (FIXTURES / "coordinator-account-v0.so").read_bytes(),
        "coordinator_account_v1": (FIXTURES / "coordinator-account-v1.so").read_bytes(),
    },
}


def request(method, params="[]", id_=1):
    return ('{"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}' % (id_, method, params)).encode()


TX_A_B64 = base64.b64encode(b"\x01" + SIG_A + MSG_A).decode()
SEEDS["rpc_server_fuzz"] = {
    "get_account_info": request("getAccountInfo", '["11111111111111111111111111111111",{"encoding":"base64","commitment":"confirmed"}]'),
    "get_multiple_accounts": request("getMultipleAccounts", '[["11111111111111111111111111111111","9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj"],{"encoding":"base64"}]'),
    "get_program_accounts": request("getProgramAccounts", '["11111111111111111111111111111111",{"encoding":"base64","filters":[{"dataSize":80},{"memcmp":{"offset":0,"bytes":"2"}}]}]'),
    "get_balance": request("getBalance", '["9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj"]'),
    "get_latest_blockhash": request("getLatestBlockhash", '[{"commitment":"confirmed"}]'),
    "get_fee_for_message": request("getFeeForMessage", '["%s"]' % base64.b64encode(MSG_A).decode()),
    "send_transaction": request("sendTransaction", '["%s",{"encoding":"base64","skipPreflight":false}]' % TX_A_B64),
    "simulate_transaction": request("simulateTransaction", '["%s",{"encoding":"base64","replaceRecentBlockhash":true}]' % TX_A_B64),
    "get_signature_statuses": request("getSignatureStatuses", '[["%s"],{"searchTransactionHistory":true}]' % SEED_SIG_B58),
    "request_airdrop": request("requestAirdrop", '["9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj",1000000000]'),
    "rent": request("getMinimumBalanceForRentExemption", "[165]"),
    "batch": b"[" + request("getHealth") + b"," + request("getVersion", id_=2) + b"," + request("getSlot", id_=3) + b"]",
    "notification": b'{"jsonrpc":"2.0","method":"getHealth"}',
}

EXAMPLES = HERE.parent.parent / "examples"
SEEDS["manifest_yaml_fuzz"] = {
    f"{f.parent.name}_{f.stem}": f.read_bytes() for f in sorted(EXAMPLES.glob("*/*.yaml"))}

SEEDS["run_config_fuzz"] = {
    f.stem: f.read_bytes() for f in sorted((FIXTURES / "run-configs").glob("*.toml"))}


def main():
    for target, files in SEEDS.items():
        d = CORPUS / target
        d.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (d / name).write_bytes(data)


if __name__ == "__main__":
    main()
