#include "providers/solana/message.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "providers/solana/shortvec.h"

namespace solana {
namespace {

constexpr uint8_t kVersionPrefix = 0x80;
// Account indexes are one byte.
constexpr size_t kMaxAccountKeys = 256;

size_t ShortVecField(size_t n) { return ShortVecLength(n) + n; }

size_t CompiledInstructionSize(const CompiledInstruction& ix) {
  return 1 + ShortVecField(ix.account_indexes.size()) + ShortVecField(ix.data.size());
}

void PutIndexes(Bytes* out, const std::vector<uint8_t>& indexes) {
  PutShortVec(out, static_cast<uint16_t>(indexes.size()));
  PutBytes(out, indexes);
}

absl::StatusOr<std::vector<uint8_t>> ReadIndexes(ByteReader* in, absl::string_view what) {
  ASSIGN_OR_RETURN(uint16_t count, ReadShortVec(in, what));
  ASSIGN_OR_RETURN(ByteView raw, in->Take(count, what));
  return std::vector<uint8_t>(raw.begin(), raw.end());
}

absl::Status CheckShortVecCount(size_t n, absl::string_view what) {
  if (n > kMaxShortVecValue) {
    return absl::InvalidArgumentError(absl::StrCat(what, " count ", n, " exceeds 65535"));
  }
  return absl::OkStatus();
}

absl::StatusOr<CompiledInstruction> ReadInstruction(ByteReader* in) {
  CompiledInstruction ix;
  ASSIGN_OR_RETURN(ix.program_id_index, in->U8("program id index"));
  ASSIGN_OR_RETURN(ix.account_indexes, ReadIndexes(in, "instruction account indexes"));
  ASSIGN_OR_RETURN(uint16_t len, ReadShortVec(in, "instruction data length"));
  ASSIGN_OR_RETURN(ByteView data, in->Take(len, "instruction data"));
  ix.data.assign(data.begin(), data.end());
  return ix;
}

absl::StatusOr<AddressTableLookup> ReadLookup(ByteReader* in) {
  AddressTableLookup lookup;
  ASSIGN_OR_RETURN(ByteView table, in->Take(Pubkey::kSize, "lookup table address"));
  ASSIGN_OR_RETURN(lookup.table, Pubkey::FromBytes(table));
  ASSIGN_OR_RETURN(lookup.writable_indexes, ReadIndexes(in, "lookup writable indexes"));
  ASSIGN_OR_RETURN(lookup.readonly_indexes, ReadIndexes(in, "lookup readonly indexes"));
  return lookup;
}

// One distinct key of a message being compiled, with merged privileges.
struct KeyEntry {
  Pubkey key;
  bool is_signer;
  bool is_writable;
};

// 0 = writable signer ... 3 = read-only non-signer (spec 3.4 step 3).
int PrivilegeClass(const KeyEntry& e) { return (e.is_signer ? 0 : 2) + (e.is_writable ? 0 : 1); }

}  // namespace

bool Message::IsSigner(size_t index) const { return index < header.num_required_signatures; }

bool Message::IsWritable(size_t index) const {
  const size_t r = header.num_required_signatures;
  const size_t n = account_keys.size();
  if (index < r) return index < r - header.num_readonly_signed_accounts;
  return index < n - header.num_readonly_unsigned_accounts;
}

absl::Span<const Pubkey> Message::signer_keys() const {
  return absl::MakeConstSpan(account_keys)
      .subspan(0, std::min<size_t>(header.num_required_signatures, account_keys.size()));
}

absl::Status Message::Validate() const {
  const size_t n = account_keys.size();
  const size_t r = header.num_required_signatures;
  const size_t rs = header.num_readonly_signed_accounts;
  const size_t ru = header.num_readonly_unsigned_accounts;
  if (n > kMaxAccountKeys) {
    return absl::InvalidArgumentError(absl::StrCat("message has ", n, " account keys, max 256"));
  }
  if (r + ru > n) {
    return absl::InvalidArgumentError(absl::StrCat("message header: required signatures ", r,
                                                   " + read-only unsigned ", ru, " exceed ", n,
                                                   " account keys"));
  }
  if (rs >= r) {
    return absl::InvalidArgumentError(absl::StrCat("message header: read-only signed ", rs,
                                                   " leaves no writable fee payer among ", r,
                                                   " signers"));
  }
  std::vector<Pubkey> sorted = account_keys;
  std::sort(sorted.begin(), sorted.end());
  if (auto dup = std::adjacent_find(sorted.begin(), sorted.end()); dup != sorted.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("account key ", dup->ToBase58(), " appears twice"));
  }
  if (version == MessageVersion::kLegacy && !address_table_lookups.empty()) {
    return absl::InvalidArgumentError("legacy message cannot carry address table lookups");
  }
  size_t total = n;
  for (const AddressTableLookup& l : address_table_lookups) {
    if (l.writable_indexes.empty() && l.readonly_indexes.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("address table lookup ", l.table.ToBase58(), " loads no address"));
    }
    total += l.writable_indexes.size() + l.readonly_indexes.size();
  }
  if (total > kMaxAccountKeys) {
    return absl::InvalidArgumentError(
        absl::StrCat("message references ", total, " accounts, max 256"));
  }
  RETURN_IF_ERROR(CheckShortVecCount(instructions.size(), "instruction"));
  for (size_t i = 0; i < instructions.size(); ++i) {
    const CompiledInstruction& ix = instructions[i];
    if (ix.program_id_index == 0 || ix.program_id_index >= n) {
      return absl::InvalidArgumentError(
          absl::StrCat("instruction ", i, ": program id index ", ix.program_id_index,
                       " must name a static key other than the fee payer (", n, " keys)"));
    }
    for (uint8_t a : ix.account_indexes) {
      if (a >= total) {
        return absl::InvalidArgumentError(absl::StrCat("instruction ", i, ": account index ", a,
                                                       " out of range (", total, " accounts)"));
      }
    }
    RETURN_IF_ERROR(CheckShortVecCount(ix.account_indexes.size(), "instruction account"));
    RETURN_IF_ERROR(CheckShortVecCount(ix.data.size(), "instruction data byte"));
  }
  return absl::OkStatus();
}

size_t Message::SerializedSize() const {
  size_t size = (version == MessageVersion::kLegacy ? 0 : 1) + 3;
  size += ShortVecLength(account_keys.size()) + Pubkey::kSize * account_keys.size();
  size += Pubkey::kSize;
  size += ShortVecLength(instructions.size());
  for (const CompiledInstruction& ix : instructions) size += CompiledInstructionSize(ix);
  if (version != MessageVersion::kLegacy) {
    size += ShortVecLength(address_table_lookups.size());
    for (const AddressTableLookup& l : address_table_lookups) {
      size += Pubkey::kSize + ShortVecField(l.writable_indexes.size()) +
              ShortVecField(l.readonly_indexes.size());
    }
  }
  return size;
}

Bytes Message::Serialize() const {
  Bytes out;
  out.reserve(SerializedSize());
  AppendTo(&out);
  return out;
}

void Message::AppendTo(Bytes* out_ptr) const {
  Bytes& out = *out_ptr;
  if (version == MessageVersion::kV0) PutU8(&out, kVersionPrefix | 0);
  PutU8(&out, header.num_required_signatures);
  PutU8(&out, header.num_readonly_signed_accounts);
  PutU8(&out, header.num_readonly_unsigned_accounts);
  PutShortVec(&out, static_cast<uint16_t>(account_keys.size()));
  for (const Pubkey& k : account_keys) PutBytes(&out, k.view());
  PutBytes(&out, recent_blockhash.view());
  PutShortVec(&out, static_cast<uint16_t>(instructions.size()));
  for (const CompiledInstruction& ix : instructions) {
    PutU8(&out, ix.program_id_index);
    PutIndexes(&out, ix.account_indexes);
    PutShortVec(&out, static_cast<uint16_t>(ix.data.size()));
    PutBytes(&out, ix.data);
  }
  if (version == MessageVersion::kV0) {
    PutShortVec(&out, static_cast<uint16_t>(address_table_lookups.size()));
    for (const AddressTableLookup& l : address_table_lookups) {
      PutBytes(&out, l.table.view());
      PutIndexes(&out, l.writable_indexes);
      PutIndexes(&out, l.readonly_indexes);
    }
  }
}

absl::StatusOr<Message> Message::Parse(ByteView bytes) {
  ByteReader in(bytes);
  Message m;
  ASSIGN_OR_RETURN(uint8_t first, in.U8("message header"));
  if (first & kVersionPrefix) {
    const int v = first & 0x7f;
    if (v != 0) {
      return absl::InvalidArgumentError(absl::StrCat("unsupported message version ", v));
    }
    m.version = MessageVersion::kV0;
    ASSIGN_OR_RETURN(first, in.U8("message header"));
  }
  m.header.num_required_signatures = first;
  ASSIGN_OR_RETURN(m.header.num_readonly_signed_accounts, in.U8("message header"));
  ASSIGN_OR_RETURN(m.header.num_readonly_unsigned_accounts, in.U8("message header"));
  ASSIGN_OR_RETURN(uint16_t num_keys, ReadShortVec(&in, "account key count"));
  RETURN_IF_ERROR(in.Need(size_t{num_keys} * Pubkey::kSize, "account keys"));
  m.account_keys.reserve(num_keys);
  for (size_t i = 0; i < num_keys; ++i) {
    ASSIGN_OR_RETURN(ByteView raw, in.Take(Pubkey::kSize, "account key"));
    ASSIGN_OR_RETURN(Pubkey key, Pubkey::FromBytes(raw));
    m.account_keys.push_back(key);
  }
  ASSIGN_OR_RETURN(ByteView hash, in.Take(Pubkey::kSize, "recent blockhash"));
  ASSIGN_OR_RETURN(m.recent_blockhash, Pubkey::FromBytes(hash));
  ASSIGN_OR_RETURN(uint16_t num_ix, ReadShortVec(&in, "instruction count"));
  for (size_t i = 0; i < num_ix; ++i) {
    ASSIGN_OR_RETURN(CompiledInstruction ix, ReadInstruction(&in));
    m.instructions.push_back(std::move(ix));
  }
  if (m.version == MessageVersion::kV0) {
    ASSIGN_OR_RETURN(uint16_t num_lookups, ReadShortVec(&in, "address table lookup count"));
    for (size_t i = 0; i < num_lookups; ++i) {
      ASSIGN_OR_RETURN(AddressTableLookup l, ReadLookup(&in));
      m.address_table_lookups.push_back(std::move(l));
    }
  }
  RETURN_IF_ERROR(in.ExpectEnd("message"));
  RETURN_IF_ERROR(m.Validate());
  return m;
}

absl::StatusOr<std::vector<Instruction>> Message::Decompile() const {
  if (!address_table_lookups.empty()) {
    return absl::FailedPreconditionError(
        "cannot decompile a message that loads addresses from lookup tables");
  }
  RETURN_IF_ERROR(Validate());
  std::vector<Instruction> out;
  out.reserve(instructions.size());
  for (const CompiledInstruction& cix : instructions) {
    Instruction ix;
    ix.program_id = account_keys[cix.program_id_index];
    for (uint8_t a : cix.account_indexes) {
      ix.accounts.push_back({account_keys[a], IsSigner(a), IsWritable(a)});
    }
    ix.data = cix.data;
    out.push_back(std::move(ix));
  }
  return out;
}

absl::StatusOr<Message> CompileLegacyMessage(const Pubkey& payer,
                                             absl::Span<const Instruction> instructions,
                                             const Hash& recent_blockhash) {
  std::vector<KeyEntry> entries;
  entries.push_back({payer, true, true});
  for (size_t i = 0; i < instructions.size(); ++i) {
    const Instruction& ix = instructions[i];
    if (ix.program_id == payer) {
      return absl::InvalidArgumentError(absl::StrCat("instruction ", i, " invokes the fee payer ",
                                                     payer.ToBase58(), " as a program"));
    }
    entries.push_back({ix.program_id, false, false});
    for (const AccountMeta& m : ix.accounts) {
      entries.push_back({m.pubkey, m.is_signer, m.is_writable});
    }
  }
  // Merge duplicates: sorting by key also gives the in-class order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const KeyEntry& a, const KeyEntry& b) { return a.key < b.key; });
  std::vector<KeyEntry> keys;
  for (const KeyEntry& e : entries) {
    if (!keys.empty() && keys.back().key == e.key) {
      keys.back().is_signer |= e.is_signer;
      keys.back().is_writable |= e.is_writable;
    } else {
      keys.push_back(e);
    }
  }
  if (keys.size() > kMaxAccountKeys) {
    return absl::InvalidArgumentError(
        absl::StrCat("instructions use ", keys.size(), " distinct accounts, max 256"));
  }
  // Index by key (still sorted) before reordering into the message order.
  std::vector<std::pair<Pubkey, uint8_t>> index_of;
  index_of.reserve(keys.size());
  std::stable_partition(keys.begin(), keys.end(),
                        [&](const KeyEntry& e) { return e.key == payer; });
  std::stable_sort(keys.begin() + 1, keys.end(), [](const KeyEntry& a, const KeyEntry& b) {
    return PrivilegeClass(a) < PrivilegeClass(b);
  });

  Message m;
  m.recent_blockhash = recent_blockhash;
  size_t class_count[4] = {0, 0, 0, 0};
  m.account_keys.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    class_count[PrivilegeClass(keys[i])]++;
    m.account_keys.push_back(keys[i].key);
    index_of.emplace_back(keys[i].key, static_cast<uint8_t>(i));
  }
  std::sort(index_of.begin(), index_of.end());
  const size_t signers = class_count[0] + class_count[1];
  if (signers > 255 || class_count[3] > 255) {
    return absl::InvalidArgumentError("too many signers or read-only accounts for the header");
  }
  m.header.num_required_signatures = static_cast<uint8_t>(signers);
  m.header.num_readonly_signed_accounts = static_cast<uint8_t>(class_count[1]);
  m.header.num_readonly_unsigned_accounts = static_cast<uint8_t>(class_count[3]);

  auto lookup = [&](const Pubkey& k) {
    auto it = std::lower_bound(index_of.begin(), index_of.end(), std::make_pair(k, uint8_t{0}));
    return it->second;  // every key was collected above
  };
  m.instructions.reserve(instructions.size());
  for (const Instruction& ix : instructions) {
    CompiledInstruction c;
    c.program_id_index = lookup(ix.program_id);
    c.account_indexes.reserve(ix.accounts.size());
    for (const AccountMeta& a : ix.accounts) c.account_indexes.push_back(lookup(a.pubkey));
    c.data = ix.data;
    m.instructions.push_back(std::move(c));
  }
  RETURN_IF_ERROR(m.Validate());
  return m;
}

absl::StatusOr<Message> CompileV0Message(const Pubkey& payer,
                                         absl::Span<const Instruction> instructions,
                                         const Hash& recent_blockhash) {
  ASSIGN_OR_RETURN(Message m, CompileLegacyMessage(payer, instructions, recent_blockhash));
  m.version = MessageVersion::kV0;
  return m;
}

}  // namespace solana
