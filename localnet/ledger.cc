#include "localnet/ledger.h"

#include "providers/solana/system_program.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "localnet/compute_budget_exec.h"
#include "localnet/executor.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"

namespace localnet {

using solana::ByteReader;
using solana::Hash;

namespace {

constexpr size_t kMaxRecentBlocks = 4096;
constexpr size_t kMaxAccountLocks = 64;
constexpr char kSnapshotMagic[] = "PSYLNSN1";

enum WalType : uint8_t {
  kWalGenesis = 1,  // genesis hash
  kWalBlock = 2,    // BlockInfo
  kWalSkip = 3,     // next_slot_gap u64
  kWalAccount = 4,  // one account write
  kWalTx = 5,       // TxRecord + account writes
  kWalExpire = 6,   // min_valid_height u64
};

const Pubkey& NativeLoader() {
  static const Pubkey k = Pubkey::FromBase58OrDie("NativeLoader1111111111111111111111111111111");
  return k;
}

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void EncodeBlock(const BlockInfo& b, Bytes* out) {
  solana::PutU64(out, b.slot);
  solana::PutU64(out, b.height);
  solana::PutBytes(out, b.blockhash.view());
  solana::PutI64(out, b.unix_time);
}

absl::StatusOr<BlockInfo> DecodeBlock(ByteReader* in) {
  BlockInfo b;
  ASSIGN_OR_RETURN(b.slot, in->U64("slot"));
  ASSIGN_OR_RETURN(b.height, in->U64("height"));
  ASSIGN_OR_RETURN(ByteView h, in->Take(32, "blockhash"));
  ASSIGN_OR_RETURN(b.blockhash, Hash::FromBytes(h));
  ASSIGN_OR_RETURN(b.unix_time, in->I64("unix_time"));
  return b;
}

void PutString(Bytes* out, const std::string& s) {
  solana::PutU32(out, static_cast<uint32_t>(s.size()));
  out->insert(out->end(), s.begin(), s.end());
}

void EncodeTxRecord(const TxRecord& r, Bytes* out) {
  solana::PutBytes(out, ByteView(r.signature.data(), 64));
  solana::PutU64(out, r.slot);
  solana::PutI64(out, r.block_time);
  solana::PutU32(out, static_cast<uint32_t>(r.raw.size()));
  solana::PutBytes(out, r.raw);
  solana::PutU8(out, r.err ? 1 : 0);
  if (r.err) r.err->Encode(out);
  solana::PutU64(out, r.fee);
  solana::PutU64(out, r.units_consumed);
  solana::PutU32(out, static_cast<uint32_t>(r.pre_balances.size()));
  for (uint64_t b : r.pre_balances) solana::PutU64(out, b);
  solana::PutU32(out, static_cast<uint32_t>(r.post_balances.size()));
  for (uint64_t b : r.post_balances) solana::PutU64(out, b);
  solana::PutU32(out, static_cast<uint32_t>(r.logs.size()));
  for (const auto& l : r.logs) PutString(out, l);
}

absl::StatusOr<TxRecord> DecodeTxRecord(ByteReader* in) {
  TxRecord r;
  ASSIGN_OR_RETURN(ByteView sig, in->Take(64, "signature"));
  std::copy(sig.begin(), sig.end(), r.signature.begin());
  ASSIGN_OR_RETURN(r.slot, in->U64("slot"));
  ASSIGN_OR_RETURN(r.block_time, in->I64("block_time"));
  ASSIGN_OR_RETURN(uint32_t n, in->U32("raw length"));
  ASSIGN_OR_RETURN(ByteView raw, in->Take(n, "raw"));
  r.raw.assign(raw.begin(), raw.end());
  ASSIGN_OR_RETURN(uint8_t has_err, in->U8("has error"));
  if (has_err) {
    ASSIGN_OR_RETURN(r.err, TransactionError::Decode(in));
  }
  ASSIGN_OR_RETURN(r.fee, in->U64("fee"));
  ASSIGN_OR_RETURN(r.units_consumed, in->U64("units"));
  for (auto* v : {&r.pre_balances, &r.post_balances}) {
    ASSIGN_OR_RETURN(uint32_t count, in->U32("balance count"));
    RETURN_IF_ERROR(in->Need(size_t{count} * 8, "balances"));
    for (uint32_t i = 0; i < count; ++i) v->push_back(*in->U64("balance"));
  }
  ASSIGN_OR_RETURN(uint32_t nlogs, in->U32("log count"));
  for (uint32_t i = 0; i < nlogs; ++i) {
    ASSIGN_OR_RETURN(uint32_t len, in->U32("log length"));
    ASSIGN_OR_RETURN(ByteView l, in->Take(len, "log"));
    r.logs.emplace_back(l.begin(), l.end());
  }
  return r;
}

// Rent state transition rule of the runtime: an account may end rent-paying
// only if it already was, with the same size and no more lamports.
bool RentTransitionAllowed(const Account& pre, bool pre_existed, const Account& post) {
  if (post.lamports == 0) return true;
  uint64_t min_post = RentExemptMinimum(post.data.size());
  if (post.lamports >= min_post) return true;
  if (!pre_existed || pre.lamports == 0) return false;
  uint64_t min_pre = RentExemptMinimum(pre.data.size());
  if (pre.lamports >= min_pre) return false;
  return pre.data.size() == post.data.size() && post.lamports <= pre.lamports;
}

}  // namespace

struct Ledger::Processing {
  bool verify_signatures = true;
  bool check_blockhash = true;
  bool preflight = true;
  bool commit = true;
};

Ledger::Ledger(ConstructionToken, LedgerOptions options, ProgramRegistry registry)
    : options_(std::move(options)),
      registry_(std::move(registry)),
      blockhash_max_age_(options_.blockhash_max_age) {
  // A fixed faucet key, so tests and tools can name the faucet address.
  Hash seed =
      solana::Sha256({ByteView(reinterpret_cast<const uint8_t*>("psyche-localnet faucet"), 22)});
  faucet_keypair_.emplace(*solana::Keypair::FromSeed(seed.view()));
  faucet_ = faucet_keypair_->pubkey();
}

Ledger::~Ledger() = default;

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::Open(LedgerOptions options,
                                                     ProgramRegistry registry) {
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to initialise");
  auto l = std::make_unique<Ledger>(ConstructionToken{}, std::move(options), std::move(registry));
  std::lock_guard<std::mutex> lock(l->mu_);
  if (l->options_.dir.empty()) {
    RETURN_IF_ERROR(l->InitGenesis());
    return l;
  }
  RETURN_IF_ERROR(MakeDirs(l->options_.dir));
  RETURN_IF_ERROR(l->Recover());
  return l;
}

absl::Status Ledger::InitGenesis() {
  std::array<uint8_t, 16> nonce;
  randombytes_buf(nonce.data(), nonce.size());
  genesis_hash_ = solana::Sha256(
      {ByteView(reinterpret_cast<const uint8_t*>("psyche-localnet genesis"), 23), nonce});
  Bytes payload(genesis_hash_.bytes().begin(), genesis_hash_.bytes().end());
  RETURN_IF_ERROR(AppendWal(kWalGenesis, payload));
  auto add = [&](const Pubkey& k, const Account& a) -> absl::Status {
    SetAccountLocked(k, a);
    Bytes p;
    EncodeAccount(k, a, &p);
    return AppendWal(kWalAccount, p);
  };
  Account faucet;
  faucet.lamports = options_.faucet_lamports;
  RETURN_IF_ERROR(add(faucet_, faucet));
  for (const Pubkey& id : registry_.ProgramIds()) {
    Account prog;
    prog.lamports = 1;
    prog.owner = NativeLoader();
    prog.executable = true;
    RETURN_IF_ERROR(add(id, prog));
  }
  BlockInfo b0;
  b0.blockhash = options_.genesis_blockhash.value_or(solana::Sha256({genesis_hash_.view()}));
  b0.unix_time = NowUnix();
  blocks_.push_back(b0);
  Bytes p;
  EncodeBlock(b0, &p);
  RETURN_IF_ERROR(AppendWal(kWalBlock, p));
  // Start with a finalized history, so every commitment names a real block
  // behind the tip from the first transaction on.
  uint64_t warmup = std::max(options_.confirm_depth, options_.finalize_depth);
  for (uint64_t i = 0; i < warmup; ++i) RETURN_IF_ERROR(TickLocked());
  UpdateCommitmentLocked();
  if (wal_) RETURN_IF_ERROR(wal_->Sync());
  return absl::OkStatus();
}

// ---------------------------------------------------------------- persistence

absl::Status Ledger::AppendWal(uint8_t type, const Bytes& payload) {
  if (options_.dir.empty()) return absl::OkStatus();
  if (!wal_) {
    ASSIGN_OR_RETURN(
        wal_, WriteAheadLog::Open(absl::StrCat(options_.dir, "/wal-", wal_generation_, ".log")));
  }
  ++wal_records_;
  return wal_->Append(type, payload);
}

absl::Status Ledger::ApplyRecord(const WalRecord& r) {
  ByteReader in(r.payload);
  switch (r.type) {
    case kWalGenesis: {
      ASSIGN_OR_RETURN(ByteView h, in.Take(32, "genesis"));
      ASSIGN_OR_RETURN(genesis_hash_, Hash::FromBytes(h));
      return absl::OkStatus();
    }
    case kWalBlock: {
      ASSIGN_OR_RETURN(BlockInfo b, DecodeBlock(&in));
      blocks_.push_back(b);
      if (blocks_.size() > kMaxRecentBlocks) blocks_.pop_front();
      next_slot_gap_ = 0;
      return absl::OkStatus();
    }
    case kWalSkip: {
      ASSIGN_OR_RETURN(next_slot_gap_, in.U64("gap"));
      return absl::OkStatus();
    }
    case kWalExpire: {
      ASSIGN_OR_RETURN(min_valid_height_, in.U64("min valid height"));
      return absl::OkStatus();
    }
    case kWalAccount: {
      Pubkey k;
      Account a;
      RETURN_IF_ERROR(DecodeAccount(&in, &k, &a));
      SetAccountLocked(k, a);
      return absl::OkStatus();
    }
    case kWalTx: {
      ASSIGN_OR_RETURN(TxRecord rec, DecodeTxRecord(&in));
      ASSIGN_OR_RETURN(uint32_t n, in.U32("write count"));
      for (uint32_t i = 0; i < n; ++i) {
        Pubkey k;
        Account a;
        RETURN_IF_ERROR(DecodeAccount(&in, &k, &a));
        SetAccountLocked(k, a);
      }
      ++airdrop_counter_;  // keeps airdrop messages unique across restarts
      Signature sig = rec.signature;
      transactions_[sig] = std::move(rec);
      return absl::OkStatus();
    }
    default:
      return absl::DataLossError(absl::StrCat("unknown WAL record type ", r.type));
  }
}

absl::Status Ledger::Recover() {
  std::string snap_path = options_.dir + "/snapshot";
  bool have_snapshot = FileExists(snap_path);
  if (have_snapshot) {
    ASSIGN_OR_RETURN(Bytes bytes, ReadWholeFile(snap_path));
    if (bytes.size() < 12) return absl::DataLossError("snapshot too short");
    uint32_t crc = solana::DecodeFixedLE<uint32_t>(bytes.data() + bytes.size() - 4);
    ByteView body(bytes.data(), bytes.size() - 4);
    if (Crc32(body) != crc) return absl::DataLossError("snapshot checksum mismatch");
    ByteReader in(body);
    ASSIGN_OR_RETURN(ByteView magic, in.Take(8, "magic"));
    if (std::string(magic.begin(), magic.end()) != kSnapshotMagic) {
      return absl::DataLossError("not a psyche-localnet snapshot");
    }
    ASSIGN_OR_RETURN(wal_generation_, in.U64("wal generation"));
    ASSIGN_OR_RETURN(ByteView g, in.Take(32, "genesis"));
    ASSIGN_OR_RETURN(genesis_hash_, Hash::FromBytes(g));
    ASSIGN_OR_RETURN(min_valid_height_, in.U64("min valid height"));
    ASSIGN_OR_RETURN(next_slot_gap_, in.U64("slot gap"));
    ASSIGN_OR_RETURN(airdrop_counter_, in.U64("airdrop counter"));
    ASSIGN_OR_RETURN(uint32_t nblocks, in.U32("block count"));
    for (uint32_t i = 0; i < nblocks; ++i) {
      ASSIGN_OR_RETURN(BlockInfo b, DecodeBlock(&in));
      blocks_.push_back(b);
    }
    ASSIGN_OR_RETURN(uint64_t naccounts, in.U64("account count"));
    accounts_.Reserve(naccounts);
    for (uint64_t i = 0; i < naccounts; ++i) {
      Pubkey k;
      Account a;
      RETURN_IF_ERROR(DecodeAccount(&in, &k, &a));
      accounts_.Store(k, std::move(a));
    }
    ASSIGN_OR_RETURN(uint64_t ntx, in.U64("transaction count"));
    transactions_.reserve(ntx);
    for (uint64_t i = 0; i < ntx; ++i) {
      ASSIGN_OR_RETURN(TxRecord r, DecodeTxRecord(&in));
      Signature sig = r.signature;
      transactions_[sig] = std::move(r);
    }
    RETURN_IF_ERROR(in.ExpectEnd("snapshot"));
  }
  std::string wal_path = absl::StrCat(options_.dir, "/wal-", wal_generation_, ".log");
  ASSIGN_OR_RETURN(WalContents wal, ReadWriteAheadLog(wal_path, /*truncate=*/true));
  recovered_torn_tail_ = wal.torn_tail;
  for (const WalRecord& r : wal.records) RETURN_IF_ERROR(ApplyRecord(r));
  wal_records_ = wal.records.size();
  if (!have_snapshot && wal.records.empty()) return InitGenesis();
  if (blocks_.empty()) return absl::DataLossError("ledger has no blocks");
  UpdateCommitmentLocked();
  // Older generations are covered by the snapshot.
  if (wal_generation_ > 0) {
    std::remove(absl::StrCat(options_.dir, "/wal-", wal_generation_ - 1, ".log").c_str());
  }
  return absl::OkStatus();
}

absl::Status Ledger::Checkpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  return CheckpointLocked();
}

absl::Status Ledger::CheckpointLocked() {
  if (options_.dir.empty()) return absl::OkStatus();
  Bytes out;
  out.reserve(1 << 16);
  solana::PutBytes(&out, ByteView(reinterpret_cast<const uint8_t*>(kSnapshotMagic), 8));
  solana::PutU64(&out, wal_generation_ + 1);
  solana::PutBytes(&out, genesis_hash_.view());
  solana::PutU64(&out, min_valid_height_);
  solana::PutU64(&out, next_slot_gap_);
  solana::PutU64(&out, airdrop_counter_);
  solana::PutU32(&out, static_cast<uint32_t>(blocks_.size()));
  for (const auto& b : blocks_) EncodeBlock(b, &out);
  solana::PutU64(&out, accounts_.size());
  accounts_.ForEach([&](const Pubkey& k, const Account& a) { EncodeAccount(k, a, &out); });
  solana::PutU64(&out, transactions_.size());
  for (const auto& [sig, r] : transactions_) EncodeTxRecord(r, &out);
  solana::PutU32(&out, Crc32(out));
  // The snapshot names generation g+1 as its continuation: until the rename
  // lands, recovery still reads the old snapshot plus wal-g.
  RETURN_IF_ERROR(WriteFileAtomically(options_.dir + "/snapshot", out));
  std::string old_wal = wal_ ? wal_->path() : "";
  wal_.reset();
  ++wal_generation_;
  wal_records_ = 0;
  if (!old_wal.empty()) std::remove(old_wal.c_str());
  return absl::OkStatus();
}

// ---------------------------------------------------------------------- clock

absl::Status Ledger::Tick(uint64_t blocks) {
  std::lock_guard<std::mutex> lock(mu_);
  for (uint64_t i = 0; i < blocks; ++i) RETURN_IF_ERROR(TickLocked());
  // Durability point: everything up to the new tip is on disk before any
  // transaction is reported confirmed.
  if (wal_) RETURN_IF_ERROR(wal_->Sync());
  UpdateCommitmentLocked();
  if (options_.snapshot_every > 0 && wal_records_ >= options_.snapshot_every) {
    RETURN_IF_ERROR(CheckpointLocked());
  }
  return absl::OkStatus();
}

absl::Status Ledger::TickLocked() {
  const BlockInfo& tip = blocks_.back();
  BlockInfo b;
  b.slot = tip.slot + 1 + next_slot_gap_;
  b.height = tip.height + 1;
  Bytes seed;
  solana::PutU64(&seed, b.slot);
  b.blockhash = solana::Sha256({genesis_hash_.view(), seed});
  b.unix_time = NowUnix();
  next_slot_gap_ = 0;
  Bytes p;
  EncodeBlock(b, &p);
  RETURN_IF_ERROR(AppendWal(kWalBlock, p));
  blocks_.push_back(b);
  if (blocks_.size() > kMaxRecentBlocks) blocks_.pop_front();
  if (hold_blocks_ > 0) --hold_blocks_;
  // Delayed transactions land in the first block at or after their due height.
  std::vector<Pending> due;
  auto split = std::stable_partition(pending_.begin(), pending_.end(),
                                     [&](const Pending& p) { return p.due_height > b.height; });
  due.assign(std::make_move_iterator(split), std::make_move_iterator(pending_.end()));
  pending_.erase(split, pending_.end());
  for (const Pending& p : due) {
    auto tx = DecodeTransaction(p.wire);
    if (!tx.ok()) continue;
    SubmitOptions opts;
    opts.preflight = false;
    RETURN_IF_ERROR(SubmitLocked(p.wire, *tx, opts).status());
  }
  return absl::OkStatus();
}

void Ledger::SkipSlots(uint64_t slots) {
  std::lock_guard<std::mutex> lock(mu_);
  next_slot_gap_ += slots;
  Bytes p;
  solana::PutU64(&p, next_slot_gap_);
  AppendWal(kWalSkip, p).IgnoreError();  // a lost gap only renumbers future slots
}

void Ledger::UpdateCommitmentLocked() {
  if (hold_blocks_ > 0 && confirmed_.blockhash != Hash()) return;
  auto behind = [&](uint64_t depth) {
    size_t n = blocks_.size();
    return blocks_[n - 1 - std::min<uint64_t>(depth, n - 1)];
  };
  confirmed_ = behind(options_.confirm_depth);
  finalized_ = behind(options_.finalize_depth);
}

const BlockInfo& Ledger::BlockLocked(Commitment c) const {
  switch (c) {
    case Commitment::kProcessed:
      return blocks_.back();
    case Commitment::kConfirmed:
      return confirmed_;
    case Commitment::kFinalized:
      return finalized_;
  }
  return blocks_.back();
}

BlockInfo Ledger::Block(Commitment c) const {
  std::lock_guard<std::mutex> lock(mu_);
  return BlockLocked(c);
}

bool Ledger::BlockhashUsableLocked(const Hash& h) const {
  uint64_t height = blocks_.back().height;
  size_t scanned = 0;
  for (auto it = blocks_.rbegin(); it != blocks_.rend() && scanned <= blockhash_max_age_;
       ++it, ++scanned) {
    if (it->blockhash == h) {
      return it->height >= min_valid_height_ && height - it->height <= blockhash_max_age_;
    }
  }
  return false;
}

bool Ledger::IsBlockhashValid(const Hash& h, Commitment c) const {
  std::lock_guard<std::mutex> lock(mu_);
  // Valid at commitment c: the hash is known in c's bank and not yet expired at the tip.
  const BlockInfo& at = BlockLocked(c);
  for (const auto& b : blocks_) {
    if (b.blockhash == h) return b.height <= at.height && BlockhashUsableLocked(h);
  }
  return false;
}

// ------------------------------------------------------------------- faults

void Ledger::HoldConfirmations(uint64_t blocks) {
  std::lock_guard<std::mutex> lock(mu_);
  hold_blocks_ = blocks;
}

absl::Status Ledger::ExpireBlockhashes() {
  std::lock_guard<std::mutex> lock(mu_);
  min_valid_height_ = blocks_.back().height + 1;
  Bytes p;
  solana::PutU64(&p, min_valid_height_);
  RETURN_IF_ERROR(AppendWal(kWalExpire, p));
  RETURN_IF_ERROR(TickLocked());
  if (wal_) RETURN_IF_ERROR(wal_->Sync());
  UpdateCommitmentLocked();
  return absl::OkStatus();
}

void Ledger::SetBlockhashMaxAge(uint64_t age) {
  std::lock_guard<std::mutex> lock(mu_);
  blockhash_max_age_ = age;
}

// -------------------------------------------------------------------- reads

std::vector<std::optional<Account>> Ledger::GetAccounts(const std::vector<Pubkey>& keys) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::optional<Account>> out;
  out.reserve(keys.size());
  for (const auto& k : keys) {
    const Account* a = accounts_.Find(k);
    out.push_back(a ? std::optional<Account>(*a) : std::nullopt);
  }
  return out;
}

std::vector<std::pair<Pubkey, Account>> Ledger::ProgramAccounts(
    const Pubkey& owner, const std::function<bool(const Account&)>& filter) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<Pubkey, Account>> out;
  accounts_.ForEach([&](const Pubkey& k, const Account& a) {
    if (a.owner == owner && filter(a)) out.emplace_back(k, a);
  });
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  return out;
}

std::vector<std::optional<SignatureStatus>> Ledger::SignatureStatuses(
    const std::vector<Signature>& sigs) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::optional<SignatureStatus>> out;
  uint64_t tip = blocks_.back().slot;
  for (const auto& s : sigs) {
    auto it = transactions_.find(s);
    if (it == transactions_.end()) {
      out.push_back(std::nullopt);
      continue;
    }
    SignatureStatus st;
    st.slot = it->second.slot;
    st.err = it->second.err;
    if (st.slot <= finalized_.slot) {
      st.level = Commitment::kFinalized;
    } else {
      st.level = st.slot <= confirmed_.slot ? Commitment::kConfirmed : Commitment::kProcessed;
      st.confirmations = tip - st.slot;
    }
    out.push_back(st);
  }
  return out;
}

std::optional<TxRecord> Ledger::GetTransaction(const Signature& sig, Commitment c) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = transactions_.find(sig);
  if (it == transactions_.end() || it->second.slot > BlockLocked(c).slot) return std::nullopt;
  return it->second;
}

std::vector<TxRecord> Ledger::Transactions() const {
  std::vector<TxRecord> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out.reserve(transactions_.size());
    for (const auto& [sig, r] : transactions_) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const TxRecord& a, const TxRecord& b) {
    return a.slot != b.slot ? a.slot < b.slot : a.signature < b.signature;
  });
  return out;
}

Hash Ledger::genesis_hash() const {
  std::lock_guard<std::mutex> lock(mu_);
  return genesis_hash_;
}

Pubkey Ledger::faucet() const { return faucet_; }

size_t Ledger::account_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accounts_.size();
}

absl::StatusOr<std::optional<uint64_t>> Ledger::FeeForMessage(ByteView message) const {
  auto m = DecodeMessage(message);
  if (!m.ok())
    return absl::InvalidArgumentError(absl::StrCat("invalid message: ", m.status().message()));
  if (!SanitizeMessage(*m).ok()) return absl::InvalidArgumentError("invalid transaction message");
  std::lock_guard<std::mutex> lock(mu_);
  if (!BlockhashUsableLocked(m->recent_blockhash)) return std::optional<uint64_t>();
  ComputeBudgetLimits limits;
  if (ReadComputeBudget(*m, registry_, &limits)) return std::optional<uint64_t>();
  return std::optional<uint64_t>(options_.lamports_per_signature * m->num_required_signatures +
                                 PrioritizationFee(limits));
}

// ---------------------------------------------------------------- execution

void Ledger::SetAccountLocked(const Pubkey& key, const Account& account) {
  accounts_.Store(key, account);
}

absl::Status Ledger::SetAccount(const Pubkey& key, const Account& account) {
  std::lock_guard<std::mutex> lock(mu_);
  SetAccountLocked(key, account);
  Bytes p;
  EncodeAccount(key, account, &p);
  return AppendWal(kWalAccount, p);
}

absl::StatusOr<WireTransaction> Ledger::DecodeWire(ByteView wire) const {
  if (wire.size() > kMaxTransactionSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        "decoded solana_transaction::versioned::VersionedTransaction too large: ", wire.size(),
        " bytes (max: ", kMaxTransactionSize, " bytes)"));
  }
  auto tx = DecodeTransaction(wire);
  if (!tx.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("failed to deserialize solana_transaction::versioned::VersionedTransaction: ",
                     tx.status().message()));
  }
  if (!SanitizeTransaction(*tx).ok()) {
    return absl::InvalidArgumentError(
        "invalid transaction: Transaction failed to sanitize accounts offsets correctly");
  }
  return tx;
}

absl::StatusOr<TxOutcome> Ledger::Submit(ByteView wire, const SubmitOptions& opts) {
  ASSIGN_OR_RETURN(WireTransaction tx, DecodeWire(wire));
  std::lock_guard<std::mutex> lock(mu_);
  return SubmitLocked(wire, tx, opts);
}

absl::StatusOr<Signature> Ledger::SubmitLater(ByteView wire, uint64_t blocks) {
  ASSIGN_OR_RETURN(WireTransaction tx, DecodeWire(wire));
  std::lock_guard<std::mutex> lock(mu_);
  pending_.push_back({blocks_.back().height + blocks, Bytes(wire.begin(), wire.end())});
  return tx.signatures[0];
}

absl::StatusOr<TxOutcome> Ledger::SubmitLocked(ByteView wire, const WireTransaction& tx,
                                               const SubmitOptions& opts) {
  Processing how;
  how.verify_signatures = opts.verify_signatures;
  how.preflight = opts.preflight;
  std::vector<std::pair<Pubkey, Account>> writes;
  TxOutcome out = ProcessLocked(tx, how, &writes);
  if (!out.landed) return out;
  TxRecord rec;
  rec.signature = out.signature;
  rec.slot = blocks_.back().slot;
  rec.block_time = blocks_.back().unix_time;
  rec.raw.assign(wire.begin(), wire.end());
  rec.err = out.err;
  rec.fee = out.fee;
  rec.units_consumed = out.units_consumed;
  rec.logs = out.logs;
  rec.pre_balances.reserve(tx.message.keys.size());
  for (const auto& k : tx.message.keys) {
    const Account* a = accounts_.Find(k);
    rec.pre_balances.push_back(a ? a->lamports : 0);
  }
  RETURN_IF_ERROR(CommitLocked(std::move(rec), writes));
  return out;
}

absl::Status Ledger::CommitLocked(TxRecord record,
                                  const std::vector<std::pair<Pubkey, Account>>& writes) {
  for (const auto& [k, a] : writes) accounts_.Store(k, a);
  WireTransaction tx = *DecodeTransaction(record.raw);
  for (const auto& k : tx.message.keys) {
    const Account* a = accounts_.Find(k);
    record.post_balances.push_back(a ? a->lamports : 0);
  }
  Bytes p;
  EncodeTxRecord(record, &p);
  solana::PutU32(&p, static_cast<uint32_t>(writes.size()));
  for (const auto& [k, a] : writes) EncodeAccount(k, a, &p);
  Signature sig = record.signature;
  transactions_[sig] = std::move(record);
  ++airdrop_counter_;
  return AppendWal(kWalTx, p);
}

absl::StatusOr<TxOutcome> Ledger::Simulate(ByteView wire, const SimulateOptions& opts) {
  ASSIGN_OR_RETURN(WireTransaction tx, DecodeWire(wire));
  std::lock_guard<std::mutex> lock(mu_);
  Processing how;
  how.verify_signatures = opts.verify_signatures;
  how.check_blockhash = !opts.replace_blockhash;
  how.preflight = false;
  how.commit = false;
  std::vector<std::pair<Pubkey, Account>> writes;
  TxOutcome out = ProcessLocked(tx, how, &writes);
  if (opts.replace_blockhash) out.replacement_blockhash = blocks_.back();
  for (const Pubkey& k : opts.return_accounts) {
    auto it =
        std::find_if(writes.begin(), writes.end(), [&](const auto& w) { return w.first == k; });
    if (it != writes.end()) {
      out.returned_accounts.push_back(it->second.lamports == 0 ? std::nullopt
                                                               : std::optional(it->second));
    } else {
      const Account* a = accounts_.Find(k);
      out.returned_accounts.push_back(a ? std::optional(*a) : std::nullopt);
    }
  }
  return out;
}

std::optional<std::pair<Pubkey, Account>> Ledger::NonceAdvancedByLocked(
    const WireMessage& m) const {
  namespace sp = solana::system_program;
  if (m.instructions.empty()) return std::nullopt;
  const CompiledInstruction& ix = m.instructions[0];
  if (ix.program_id_index >= m.keys.size() ||
      m.keys[ix.program_id_index] != solana::program_ids::System() || ix.accounts.empty() ||
      ix.data.size() < 4 || ix.data[0] != static_cast<uint8_t>(sp::Tag::kAdvanceNonceAccount) ||
      ix.data[1] != 0 || ix.data[2] != 0 || ix.data[3] != 0) {
    return std::nullopt;
  }
  const size_t index = ix.accounts[0];
  if (index >= m.keys.size() || !m.IsHeaderWritable(index)) return std::nullopt;
  const Account* stored = accounts_.Find(m.keys[index]);
  if (stored == nullptr) return std::nullopt;
  auto nonce = sp::ParseNonceAccount(stored->owner, stored->data);
  if (!nonce.ok() || nonce->durable_nonce != m.recent_blockhash) return std::nullopt;
  Account advanced = *stored;
  nonce->durable_nonce = sp::DurableNonceFromBlockhash(blocks_.back().blockhash);
  nonce->lamports_per_signature = options_.lamports_per_signature;
  advanced.data = sp::SerializeNonceAccount(*nonce);
  return std::make_pair(m.keys[index], advanced);
}

TxOutcome Ledger::ProcessLocked(const WireTransaction& tx, const Processing& how,
                                std::vector<std::pair<Pubkey, Account>>* writes) {
  const WireMessage& m = tx.message;
  TxOutcome out;
  out.signature = tx.signatures[0];
  out.slot = blocks_.back().slot;
  auto fail = [&](TransactionError e) {
    out.err = e;
    return out;
  };
  using K = TransactionErrorKind;

  if (how.verify_signatures) {
    for (size_t i = 0; i < tx.signatures.size(); ++i) {
      if (!solana::VerifySignature(m.keys[i], tx.message_bytes, tx.signatures[i])) {
        return fail(TransactionError::Of(K::kSignatureFailure));
      }
    }
  }
  if (!m.lookups.empty()) return fail(TransactionError::Of(K::kAddressLookupTableNotFound));
  if (m.keys.size() > kMaxAccountLocks) return fail(TransactionError::Of(K::kTooManyAccountLocks));
  {
    std::vector<Pubkey> sorted = m.keys;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
      return fail(TransactionError::Of(K::kAccountLoadedTwice));
    }
  }
  // A durable-nonce transaction (spec 7.3) carries the stored nonce instead
  // of a recent blockhash; it stays valid until the nonce advances.
  std::optional<std::pair<Pubkey, Account>> advanced_nonce;
  if (how.check_blockhash && !BlockhashUsableLocked(m.recent_blockhash)) {
    advanced_nonce = NonceAdvancedByLocked(m);
    if (!advanced_nonce) return fail(TransactionError::Of(K::kBlockhashNotFound));
  }
  if (transactions_.count(out.signature)) return fail(TransactionError::Of(K::kAlreadyProcessed));

  ComputeBudgetLimits limits;
  if (auto e = ReadComputeBudget(m, registry_, &limits)) return fail(*e);
  out.fee = options_.lamports_per_signature * tx.signatures.size() + PrioritizationFee(limits);

  // Fee payer.
  const Account* payer_ptr = accounts_.Find(m.keys[0]);
  if (payer_ptr == nullptr) return fail(TransactionError::Of(K::kAccountNotFound));
  if (payer_ptr->owner != solana::program_ids::System() || !payer_ptr->data.empty()) {
    return fail(TransactionError::Of(K::kInvalidAccountForFee));
  }
  if (payer_ptr->lamports < out.fee) return fail(TransactionError::Of(K::kInsufficientFundsForFee));
  Account payer = *payer_ptr;
  payer.lamports -= out.fee;
  if (!RentTransitionAllowed(*payer_ptr, true, payer)) {
    return fail(TransactionError::Of(K::kInsufficientFundsForRent, 0));
  }

  // A failed transaction pays its fee and, with a durable nonce, still
  // advances the nonce.
  auto fee_only_writes = [&] {
    writes->assign(1, {m.keys[0], payer});
    if (advanced_nonce && advanced_nonce->first != m.keys[0]) writes->push_back(*advanced_nonce);
  };
  auto land_fee_only = [&](TransactionError e) {
    out.err = e;
    if (how.preflight) return out;
    out.landed = true;
    fee_only_writes();
    return out;
  };
  for (const auto& ix : m.instructions) {
    const Pubkey& pid = m.keys[ix.program_id_index];
    if (registry_.Find(pid) == nullptr) {
      return land_fee_only(TransactionError::Of(accounts_.Find(pid) ? K::kInvalidProgramForExecution
                                                                    : K::kProgramAccountNotFound));
    }
  }

  // Load accounts; invoked programs and builtin/sysvar addresses are never writable.
  std::set<uint8_t> invoked;
  for (const auto& ix : m.instructions) invoked.insert(ix.program_id_index);
  std::vector<TxAccount> accounts(m.keys.size());
  std::vector<bool> existed(m.keys.size());
  for (size_t i = 0; i < m.keys.size(); ++i) {
    TxAccount& a = accounts[i];
    a.key = m.keys[i];
    const Account* stored = accounts_.Find(a.key);
    existed[i] = stored != nullptr;
    a.account = i == 0 ? payer : (stored ? *stored : Account{});
    out.loaded_accounts_data_size += a.account.data.size();
    a.is_signer = m.IsSigner(i);
    a.is_writable = m.IsHeaderWritable(i) && !invoked.count(static_cast<uint8_t>(i)) &&
                    registry_.Find(a.key) == nullptr &&
                    a.key != solana::program_ids::SysvarRent() &&
                    a.key != solana::program_ids::SysvarRecentBlockhashes();
  }
  if (out.loaded_accounts_data_size > limits.loaded_accounts_bytes) {
    return land_fee_only(TransactionError::Of(K::kMaxLoadedAccountsDataSizeExceeded));
  }
  std::vector<Account> pre;
  pre.reserve(accounts.size());
  for (const auto& a : accounts) pre.push_back(a.account);

  ExecEnv env{blocks_.back().slot, blocks_.back().unix_time, blocks_.back().blockhash,
              options_.lamports_per_signature};
  ExecutionResult r = ExecuteMessage(m, registry_, env, limits.unit_limit, &accounts, &out.logs);
  out.units_consumed = r.units_consumed;
  out.err = r.err;
  if (!out.err) {
    for (size_t i = 0; i < accounts.size(); ++i) {
      if (!accounts[i].is_writable) continue;
      if (!RentTransitionAllowed(pre[i], existed[i] || i == 0, accounts[i].account)) {
        out.err = TransactionError::Of(K::kInsufficientFundsForRent, static_cast<uint8_t>(i));
        break;
      }
    }
  }
  if (out.err && how.preflight) return out;
  out.landed = how.commit;
  if (out.err) {
    fee_only_writes();
  } else {
    for (size_t i = 0; i < accounts.size(); ++i) {
      if (accounts[i].is_writable) writes->emplace_back(accounts[i].key, accounts[i].account);
    }
  }
  return out;
}

// ------------------------------------------------------------------ airdrop

Bytes Ledger::SignWithFaucet(ByteView message) const {
  Signature sig = faucet_keypair_->Sign(message);
  return Bytes(sig.begin(), sig.end());
}

absl::StatusOr<TxOutcome> Ledger::Airdrop(const Pubkey& to, uint64_t lamports) {
  Bytes wire;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Faucet → recipient transfer. A SetComputeUnitLimit carrying a counter
    // keeps every airdrop message (and so its signature) unique.
    Bytes msg = {1, 0, 2};
    const Pubkey& sys = solana::program_ids::System();
    const Pubkey& cb = solana::program_ids::ComputeBudget();
    if (to == faucet_ || to == sys || to == cb) {
      return absl::InvalidArgumentError("cannot airdrop to this address");
    }
    PutShortVec(&msg, 4);
    for (const Pubkey* k : std::array<const Pubkey*, 4>{&faucet_, &to, &sys, &cb})
      solana::PutBytes(&msg, k->view());
    solana::PutBytes(&msg, blocks_.back().blockhash.view());
    PutShortVec(&msg, 2);
    msg.push_back(3);  // ComputeBudget: SetComputeUnitLimit(unique)
    PutShortVec(&msg, 0);
    PutShortVec(&msg, 5);
    msg.push_back(2);
    solana::PutU32(&msg, 1000 + static_cast<uint32_t>(airdrop_counter_ % 1'000'000));
    msg.push_back(2);  // System: Transfer
    PutShortVec(&msg, 2);
    msg.push_back(0);
    msg.push_back(1);
    PutShortVec(&msg, 12);
    solana::PutU32(&msg, 2);
    solana::PutU64(&msg, lamports);
    wire.push_back(1);
    Bytes sig = SignWithFaucet(msg);
    solana::PutBytes(&wire, sig);
    solana::PutBytes(&wire, msg);
  }
  SubmitOptions opts;
  opts.verify_signatures = false;
  opts.preflight = false;
  return Submit(wire, opts);
}

}  // namespace localnet
