// Executes transactions built by our C++ code (the txgen executable) inside
// LiteSVM, the real Solana runtime, and checks balances and token amounts.
// Run through ctest (which sets PSYCHE_TXGEN) or:
//   PSYCHE_TXGEN=build/tests/litesvm/txgen node --test tests/litesvm/conformance.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETUP_HINT =
  'LiteSVM test packages are not installed: run scripts/setup.sh ' +
  '(it runs `npm ci` in tests/litesvm).';
const haveModules = existsSync(new URL('./node_modules/litesvm/package.json', import.meta.url));
const txgenPath = process.env.PSYCHE_TXGEN;

if (!haveModules) {
  test('litesvm packages installed', () => assert.fail(SETUP_HINT));
} else if (!txgenPath || !existsSync(txgenPath)) {
  test('txgen available', () =>
    assert.fail(`PSYCHE_TXGEN must name the built txgen executable (got ${txgenPath})`));
} else {
  await runConformance();
}

async function runConformance() {
  const { LiteSVM, FailedTransactionMetadata } = await import('litesvm');
  const { address, lamports, getAddressEncoder, getBase64Encoder, getTransactionDecoder } =
    await import('@solana/kit');
  const addressBytes = (a) => new Uint8Array(getAddressEncoder().encode(address(a)));

  // Mirrors of the constants in txgen_main.cc.
  const LAMPORTS_PER_SIGNATURE = 5000n;
  const TRANSFER = 1_000_000n;
  const CREATED_SPACE = 16n;
  const BUDGET_TRANSFER = 5_000n;
  const PRIORITY_FEE = 2_000n; // ceil(10,000 µlamports × 200,000 CU / 1e6)
  const MINT_SIZE = 82n;
  const TOKEN_ACCOUNT_SIZE = 165n;
  const MINT_TO_UNITS = 12_500_000n; // "12.5" at 6 decimals
  const CHECKED_UNITS = 2_500_000n; // "2.5"
  const PLAIN_UNITS = 1_000_000n;
  const AIRDROP = 10_000_000_000n;
  const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
  const SYSTEM_PROGRAM = '11111111111111111111111111111111';

  const svm = new LiteSVM();
  const blockhash = svm.latestBlockhash();
  const out = JSON.parse(
    execFileSync(txgenPath, ['--blockhash', blockhash, '--seed', '1'], { encoding: 'utf8' }));
  const txs = new Map(out.transactions.map((t) => [t.name, t]));
  const rent = (len) => svm.minimumBalanceForRentExemption(len);
  const balance = (a) => svm.getBalance(address(a)) ?? 0n;
  const data = (a) => {
    const acc = svm.getAccount(address(a));
    assert.ok(acc.exists, `account ${a} should exist`);
    return acc;
  };
  const u64At = (bytes, off) => new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(off, true);
  const tokenAmount = (a) => u64At(data(a).data, 64);

  const send = (name) => {
    const t = txs.get(name);
    assert.ok(t, `txgen did not produce ${name}`);
    const bytes = getBase64Encoder().encode(t.base64);
    assert.equal(bytes.length, t.size);
    return svm.sendTransaction(getTransactionDecoder().decode(bytes));
  };
  const sendOk = (name) => {
    const r = send(name);
    assert.ok(!(r instanceof FailedTransactionMetadata), `${name} failed: ${r.toString()}`);
    return r;
  };

  // Tests run in order and build on each other's state.
  test('payer is the spec test key K1 and gets an airdrop', () => {
    assert.equal(out.payer, '9C6hybhQ6Aycep9jaUnP6uL9ZYvDjUp1aSkFWPUFJtpj');
    const r = svm.airdrop(address(out.payer), lamports(AIRDROP));
    assert.ok(r && !(r instanceof FailedTransactionMetadata), 'airdrop failed');
    assert.equal(balance(out.payer), AIRDROP);
  });

  test('system transfer', () => {
    const before = balance(out.payer);
    const r = sendOk('system_transfer');
    assert.equal(r.computeUnitsConsumed(), 150n);
    assert.equal(balance(out.recipient), TRANSFER);
    assert.equal(balance(out.payer), before - TRANSFER - LAMPORTS_PER_SIGNATURE);
  });

  test('create_account with two signers', () => {
    const before = balance(out.payer);
    sendOk('create_account');
    const acc = data(out.created);
    assert.equal(acc.lamports, rent(CREATED_SPACE));
    assert.equal(BigInt(acc.data.length), CREATED_SPACE);
    assert.equal(acc.programAddress, SYSTEM_PROGRAM);
    assert.equal(balance(out.payer), before - rent(CREATED_SPACE) - 2n * LAMPORTS_PER_SIGNATURE);
  });

  test('compute budget limit + price, then a transfer', () => {
    const before = balance(out.payer);
    const recipientBefore = balance(out.recipient);
    sendOk('compute_budget_transfer');
    assert.equal(balance(out.recipient), recipientBefore + BUDGET_TRANSFER);
    assert.equal(balance(out.payer),
                 before - BUDGET_TRANSFER - LAMPORTS_PER_SIGNATURE - PRIORITY_FEE);
  });

  test('create_account + InitializeMint (with Rent sysvar)', () => {
    const before = balance(out.payer);
    sendOk('initialize_mint');
    const acc = data(out.mint);
    assert.equal(acc.programAddress, TOKEN_PROGRAM);
    assert.equal(acc.data.length, Number(MINT_SIZE));
    assert.equal(acc.lamports, rent(MINT_SIZE));
    assert.equal(acc.data[44], 6, 'decimals');
    assert.equal(acc.data[45], 1, 'is_initialized');
    assert.equal(u64At(acc.data, 36), 0n, 'supply');
    assert.equal(balance(out.payer), before - rent(MINT_SIZE) - 2n * LAMPORTS_PER_SIGNATURE);
  });

  test('create_account + InitializeMint2 with a freeze authority', () => {
    sendOk('initialize_mint2');
    const acc = data(out.mint2);
    assert.equal(acc.data[44], 0, 'decimals');
    assert.equal(acc.data[45], 1, 'is_initialized');
    assert.equal(new DataView(acc.data.buffer, acc.data.byteOffset).getUint32(46, true), 1,
                 'freeze authority COption tag');
  });

  test('ATA CreateIdempotent for payer and recipient', () => {
    const before = balance(out.payer);
    sendOk('ata_create_idempotent');
    for (const [ata, owner] of [[out.payer_ata, out.payer], [out.recipient_ata, out.recipient]]) {
      const acc = data(ata);
      assert.equal(acc.programAddress, TOKEN_PROGRAM);
      assert.equal(BigInt(acc.data.length), TOKEN_ACCOUNT_SIZE);
      assert.equal(acc.lamports, rent(TOKEN_ACCOUNT_SIZE));
      assert.equal(tokenAmount(ata), 0n);
      assert.deepEqual(acc.data.slice(0, 32), addressBytes(out.mint));
      assert.deepEqual(acc.data.slice(32, 64), addressBytes(owner));
    }
    assert.equal(balance(out.payer),
                 before - 2n * rent(TOKEN_ACCOUNT_SIZE) - LAMPORTS_PER_SIGNATURE);
  });

  test('MintTo 12.5 tokens', () => {
    sendOk('mint_to');
    assert.equal(tokenAmount(out.payer_ata), MINT_TO_UNITS);
    assert.equal(u64At(data(out.mint).data, 36), MINT_TO_UNITS, 'supply');
  });

  test('TransferChecked 2.5 tokens', () => {
    sendOk('transfer_checked');
    assert.equal(tokenAmount(out.payer_ata), MINT_TO_UNITS - CHECKED_UNITS);
    assert.equal(tokenAmount(out.recipient_ata), CHECKED_UNITS);
  });

  test('CreateIdempotent on an existing ATA changes nothing', () => {
    const before = balance(out.payer);
    sendOk('ata_create_idempotent_existing');
    assert.equal(tokenAmount(out.payer_ata), MINT_TO_UNITS - CHECKED_UNITS);
    assert.equal(balance(out.payer), before - LAMPORTS_PER_SIGNATURE);
  });

  test('plain Transfer (tag 3)', () => {
    sendOk('token_transfer');
    assert.equal(tokenAmount(out.payer_ata), MINT_TO_UNITS - CHECKED_UNITS - PLAIN_UNITS);
    assert.equal(tokenAmount(out.recipient_ata), CHECKED_UNITS + PLAIN_UNITS);
  });

  test('TransferChecked with wrong decimals fails with MintDecimalsMismatch (18)', () => {
    const r = send('transfer_checked_wrong_decimals');
    assert.ok(r instanceof FailedTransactionMetadata, 'should fail');
    assert.match(r.toString(), /Custom\(18\)/);
    assert.equal(tokenAmount(out.recipient_ata), CHECKED_UNITS + PLAIN_UNITS);
  });

  test('a tampered signature is rejected and charges nothing', () => {
    const payerBefore = balance(out.payer);
    const recipientBefore = balance(out.recipient);
    const r = send('tampered_signature');
    assert.ok(r instanceof FailedTransactionMetadata, 'tampered transaction must fail');
    assert.match(r.toString(), /SignatureFailure/);
    assert.equal(balance(out.payer), payerBefore);
    assert.equal(balance(out.recipient), recipientBefore);
  });
}
