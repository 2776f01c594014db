// The local ledger: accounts, a slot clock with a blockhash queue, commitment
// by slot lag, the status cache, transaction records, fee and rent rules, and
// all-or-nothing execution. Thread-safe (one mutex). With a directory it is
// durable: every landed transaction goes to a write-ahead log, which is
// fsynced at each block boundary before any commitment advances, so kill -9
// never loses a confirmed transaction.
//
// Clock model: transactions land in the tip block (its slot is their slot);
// Tick() produces the next block (slot + 1 + skipped slots, height + 1) whose
// blockhash is SHA-256(genesis hash || slot). A blockhash of height h is usable
// while tip height <= h + 150, i.e. the server INCLUDES lastValidBlockHeight
// (spec 11.1). A transaction is confirmed once `confirm_depth` blocks follow
// its block and finalized after `finalize_depth`. A fresh ledger starts with
// `finalize_depth` blocks so every commitment names a real block.
#ifndef LOCALNET_LEDGER_H_
#define LOCALNET_LEDGER_H_

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "localnet/accounts_db.h"
#include "localnet/persistence.h"
#include "localnet/program_registry.h"
#include "localnet/tx_error.h"
#include "localnet/wire_tx.h"

namespace localnet {

enum class Commitment { kProcessed, kConfirmed, kFinalized };

struct LedgerOptions {
  std::string dir;               // empty: in memory only
  uint64_t confirm_depth = 1;    // blocks behind the tip that count as confirmed
  uint64_t finalize_depth = 32;  // ... as finalized
  uint64_t blockhash_max_age = 150;
  uint64_t lamports_per_signature = 5000;
  uint64_t faucet_lamports = 500'000'000ull * 1'000'000'000ull;
  uint64_t snapshot_every = 20000;  // WAL records between snapshots
  // Blockhash of the genesis block (tests replay spec vectors signed over a
  // fixed hash); by default derived from the genesis hash.
  std::optional<solana::Hash> genesis_blockhash;
};

struct BlockInfo {
  uint64_t slot = 0;
  uint64_t height = 0;
  solana::Hash blockhash;
  int64_t unix_time = 0;
};

struct TxRecord {
  Signature signature{};
  uint64_t slot = 0;
  int64_t block_time = 0;
  Bytes raw;  // the wire transaction
  std::optional<TransactionError> err;
  uint64_t fee = 0;
  uint64_t units_consumed = 0;
  std::vector<uint64_t> pre_balances, post_balances;
  std::vector<std::string> logs;
};

struct SignatureStatus {
  uint64_t slot = 0;
  std::optional<TransactionError> err;
  Commitment level = Commitment::kProcessed;
  std::optional<uint64_t> confirmations;  // null once finalized
};

struct TxOutcome {
  Signature signature{};
  bool landed = false;  // recorded on the ledger (fee charged)
  std::optional<TransactionError> err;
  std::vector<std::string> logs;
  uint64_t units_consumed = 0;
  uint64_t fee = 0;
  uint64_t loaded_accounts_data_size = 0;
  uint64_t slot = 0;
  std::vector<std::optional<Account>> returned_accounts;  // simulate's "accounts"
  std::optional<BlockInfo> replacement_blockhash;
};

struct SubmitOptions {
  bool verify_signatures = true;
  // Preflight: any failure leaves no trace (no fee, no status), like a node
  // that refuses to forward. Without it a failing transaction lands failed.
  bool preflight = true;
};

struct SimulateOptions {
  bool verify_signatures = false;
  bool replace_blockhash = false;
  std::vector<Pubkey> return_accounts;
};

struct SignatureHasher {
  size_t operator()(const Signature& s) const { return solana::DecodeFixedLE<uint64_t>(s.data()); }
};

class Ledger {
 private:
  struct ConstructionToken {};

 public:
  // Use Open().
  Ledger(ConstructionToken, LedgerOptions options, ProgramRegistry registry);
  // Opens (or creates) the ledger in options.dir, recovering snapshot + WAL.
  static absl::StatusOr<std::unique_ptr<Ledger>> Open(LedgerOptions options,
                                                      ProgramRegistry registry);
  ~Ledger();

  // Transactions. Undecodable bytes and sanitize failures are InvalidArgument
  // with the validator's -32602 message text.
  absl::StatusOr<TxOutcome> Submit(ByteView wire, const SubmitOptions& opts);
  absl::StatusOr<TxOutcome> Simulate(ByteView wire, const SimulateOptions& opts);
  // Holds the transaction "in the network" and submits it (without preflight)
  // after `blocks` more blocks; a restart forgets it, as a real node would.
  absl::StatusOr<Signature> SubmitLater(ByteView wire, uint64_t blocks);
  // A transfer from the faucet, signed and processed like any transaction.
  absl::StatusOr<TxOutcome> Airdrop(const Pubkey& to, uint64_t lamports);
  // Writes an account directly (genesis seeding, dumps); logged to the WAL.
  absl::Status SetAccount(const Pubkey& key, const Account& account);

  // Clock.
  absl::Status Tick(uint64_t blocks = 1);
  void SkipSlots(uint64_t slots);  // the next block gets a slot number n higher

  // Reads. Account reads see the latest (processed) state at every commitment;
  // the commitment selects the context slot, block height and blockhash.
  BlockInfo Block(Commitment c) const;
  uint64_t Slot(Commitment c) const { return Block(c).slot; }
  bool IsBlockhashValid(const solana::Hash& h, Commitment c) const;
  std::vector<std::optional<Account>> GetAccounts(const std::vector<Pubkey>& keys) const;
  std::vector<std::pair<Pubkey, Account>> ProgramAccounts(
      const Pubkey& owner, const std::function<bool(const Account&)>& filter) const;
  // null when the blockhash is unknown or expired; InvalidArgument for bad bytes.
  absl::StatusOr<std::optional<uint64_t>> FeeForMessage(ByteView message) const;
  std::vector<std::optional<SignatureStatus>> SignatureStatuses(
      const std::vector<Signature>& sigs) const;
  // Only once the transaction reached `c` (confirmed or finalized).
  std::optional<TxRecord> GetTransaction(const Signature& sig, Commitment c) const;
  // Every landed transaction (any commitment), in slot order: what tests
  // compare against what a client meant to send.
  std::vector<TxRecord> Transactions() const;
  solana::Hash genesis_hash() const;
  Pubkey faucet() const;
  size_t account_count() const;
  const LedgerOptions& options() const { return options_; }

  // Faults.
  void HoldConfirmations(uint64_t blocks);  // confirmed/finalized stop advancing
  absl::Status ExpireBlockhashes();         // every issued hash expires; a new block starts
  void SetBlockhashMaxAge(uint64_t age);

  // Writes a snapshot and starts a fresh WAL generation.
  absl::Status Checkpoint();
  // Recovery statistics of the last Open.
  bool recovered_torn_tail() const { return recovered_torn_tail_; }

 private:
  struct Processing;

  absl::Status InitGenesis();
  absl::Status Recover();
  absl::Status ApplyRecord(const WalRecord& r);
  absl::Status AppendWal(uint8_t type, const Bytes& payload);
  absl::Status CheckpointLocked();
  absl::Status TickLocked();
  void UpdateCommitmentLocked();
  const BlockInfo& BlockLocked(Commitment c) const;
  bool BlockhashUsableLocked(const solana::Hash& h) const;
  void SetAccountLocked(const Pubkey& key, const Account& account);

  absl::StatusOr<WireTransaction> DecodeWire(ByteView wire) const;
  // For a durable-nonce message whose blockhash is the stored nonce: the
  // nonce account as AdvanceNonceAccount leaves it (kept even if the
  // transaction fails). nullopt when the message is no such transaction.
  std::optional<std::pair<Pubkey, Account>> NonceAdvancedByLocked(const WireMessage& m) const;
  TxOutcome ProcessLocked(const WireTransaction& tx, const Processing& how,
                          std::vector<std::pair<Pubkey, Account>>* writes);
  absl::StatusOr<TxOutcome> SubmitLocked(ByteView wire, const WireTransaction& tx,
                                         const SubmitOptions& opts);
  absl::Status CommitLocked(TxRecord record, const std::vector<std::pair<Pubkey, Account>>& writes);
  Bytes SignWithFaucet(ByteView message) const;

  const LedgerOptions options_;
  const ProgramRegistry registry_;
  mutable std::mutex mu_;
  AccountsDb accounts_;
  std::deque<BlockInfo> blocks_;  // recent blocks, oldest first; back() is the tip
  BlockInfo confirmed_, finalized_;
  uint64_t next_slot_gap_ = 0;
  uint64_t hold_blocks_ = 0;
  uint64_t min_valid_height_ = 0;
  uint64_t blockhash_max_age_;
  solana::Hash genesis_hash_;
  std::optional<solana::Keypair> faucet_keypair_;
  Pubkey faucet_;
  uint64_t airdrop_counter_ = 0;
  std::unordered_map<Signature, TxRecord, SignatureHasher> transactions_;
  std::unique_ptr<WriteAheadLog> wal_;
  uint64_t wal_generation_ = 0;
  uint64_t wal_records_ = 0;
  bool recovered_torn_tail_ = false;
  struct Pending {
    uint64_t due_height;
    Bytes wire;
  };
  std::vector<Pending> pending_;
};

}  // namespace localnet

#endif  // LOCALNET_LEDGER_H_
