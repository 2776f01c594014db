// Runs the same signed transactions through psyche-localnet (in-process, via
// the localnet_driver executable) and LiteSVM (the real Solana runtime), one
// by one and in the same order, and checks that both agree on the error kind
// of every transaction and, after each one, on every watched account:
// lamports, owning program and data bytes (mints and token accounts included).
// Run through ctest (which sets PSYCHE_TXGEN and PSYCHE_LOCALNET_DRIVER).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const haveModules = existsSync(new URL('./node_modules/litesvm/package.json', import.meta.url));
const txgenPath = process.env.PSYCHE_TXGEN;
const driverPath = process.env.PSYCHE_LOCALNET_DRIVER;

if (!haveModules) {
  test('litesvm packages installed', () =>
    assert.fail('run scripts/setup.sh (npm ci in tests/litesvm) first'));
} else if (!txgenPath || !existsSync(txgenPath) || !driverPath || !existsSync(driverPath)) {
  test('txgen and localnet_driver available', () =>
    assert.fail(`PSYCHE_TXGEN / PSYCHE_LOCALNET_DRIVER must name built executables ` +
                `(got ${txgenPath}, ${driverPath})`));
} else {
  await runComparison();
}

// Our error JSON (serde's externally tagged form, solana-wire.md 5.16) in the
// Rust Debug form LiteSVM prints: {"InstructionError":[0,{"Custom":18}]} ->
// InstructionError(0, Custom(18)).
function debugForm(json) {
  if (typeof json === 'string') return json;
  const [kind, value] = Object.entries(json)[0];
  if (kind === 'InstructionError') return `InstructionError(${value[0]}, ${debugForm(value[1])})`;
  if (kind === 'Custom') return `Custom(${value})`;
  if (typeof value === 'object') {
    const fields = Object.entries(value).map(([k, v]) => `${k}: ${v}`).join(', ');
    return `${kind} { ${fields} }`;
  }
  return `${kind}(${value})`;
}

function liteErrorForm(result) {
  const m = /err: (.*?), meta: TransactionMetadata/s.exec(result.toString());
  return m ? m[1] : `unparsed: ${result.toString().slice(0, 200)}`;
}

async function runComparison() {
  const { LiteSVM, FailedTransactionMetadata } = await import('litesvm');
  const { address, lamports, getBase64Encoder, getBase64Decoder, getTransactionDecoder } =
    await import('@solana/kit');
  const AIRDROP = 10_000_000_000n; // localnet_driver's kAirdrop

  const svm = new LiteSVM();
  const blockhash = svm.latestBlockhash();
  const args = ['--blockhash', blockhash, '--seed', '1'];
  const txgenOut = execFileSync(txgenPath, args, { encoding: 'utf8' });
  const local = JSON.parse(execFileSync(driverPath, args, { input: txgenOut, encoding: 'utf8' }));
  const txgen = JSON.parse(txgenOut);
  const labels = {
    payer: txgen.payer, recipient: txgen.recipient, created: txgen.created, mint: txgen.mint,
    mint2: txgen.mint2, payer_ata: txgen.payer_ata, recipient_ata: txgen.recipient_ata,
    stranger_ata: local.stranger_ata, recipient_ata2: local.recipient_ata2,
  };
  const toBase64 = (bytes) => getBase64Decoder().decode(bytes);

  const liteAccounts = () => {
    const out = {};
    for (const label of Object.keys(local.transactions[0].accounts)) {
      const a = labels[label] ?? null;
      const acc = a ? svm.getAccount(address(a)) : { exists: false };
      out[label] = acc.exists ? {
        lamports: acc.lamports.toString(), owner: acc.programAddress, data: toBase64(acc.data),
      } : null;
    }
    return out;
  };

  test('localnet_driver ran txgen\'s transactions and its own', () => {
    assert.ok(local.transactions.length > txgen.transactions.length);
    for (const t of txgen.transactions) {
      assert.ok(local.transactions.some((l) => l.name === t.name && l.base64 === t.base64),
                `${t.name} missing from the driver's output`);
    }
    const r = svm.airdrop(address(txgen.payer), lamports(AIRDROP));
    assert.ok(r && !(r instanceof FailedTransactionMetadata), 'airdrop failed');
  });

  for (const t of local.transactions) {
    test(`${t.name}: same error kind and accounts`, () => {
      const bytes = getBase64Encoder().encode(t.base64);
      const r = svm.sendTransaction(getTransactionDecoder().decode(bytes));
      const liteErr = r instanceof FailedTransactionMetadata ? liteErrorForm(r) : null;
      const localErr = t.err === null ? null :
        (t.err.startsWith('rejected') ? t.err : debugForm(JSON.parse(t.err)));
      assert.equal(localErr, liteErr, `error kind (local logs: ${t.logs.join(' | ')})`);
      const lite = liteAccounts();
      for (const [label, mine] of Object.entries(t.accounts)) {
        if (!(label in labels)) continue;  // not derivable on the Node side
        assert.deepEqual(mine, lite[label], `account ${label} after ${t.name}`);
      }
    });
  }
}
