#include "providers/solana/packer.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"

namespace solana {
namespace {

// The counts that decide a legacy transaction's size (spec 3.7): distinct keys
// with their merged signer flag, instruction count and instruction bytes.
class TransactionShape {
 public:
  explicit TransactionShape(const Pubkey& payer) {
    keys_[payer] = true;
    signers_ = 1;
  }

  void Add(const Instruction& ix) {
    Note(ix.program_id, false);
    for (const AccountMeta& m : ix.accounts) Note(m.pubkey, m.is_signer);
    ++num_instructions_;
    instruction_bytes_ += CompiledInstructionWireSize(ix.accounts.size(), ix.data.size());
  }

  size_t size() const {
    return LegacyTransactionSize(signers_, keys_.size(), num_instructions_, instruction_bytes_);
  }
  size_t num_accounts() const { return keys_.size(); }
  size_t num_signatures() const { return signers_; }

 private:
  void Note(const Pubkey& key, bool is_signer) {
    auto [it, inserted] = keys_.emplace(key, is_signer);
    if (inserted) {
      signers_ += is_signer;
    } else if (is_signer && !it->second) {
      it->second = true;
      ++signers_;
    }
  }

  std::map<Pubkey, bool> keys_;  // key -> signer
  size_t signers_ = 0;
  size_t num_instructions_ = 0;
  size_t instruction_bytes_ = 0;
};

struct Current {
  TransactionShape shape;
  PackedTransaction packed;
};

Current Fresh(const Pubkey& payer, const std::vector<Instruction>& prefix) {
  Current c{TransactionShape(payer), {}};
  for (const Instruction& ix : prefix) {
    c.shape.Add(ix);
    c.packed.instructions.push_back(ix);
  }
  return c;
}

void Finish(Current* c, std::vector<PackedTransaction>* out) {
  c->packed.serialized_size = c->shape.size();
  c->packed.num_signatures = c->shape.num_signatures();
  c->packed.num_accounts = c->shape.num_accounts();
  out->push_back(std::move(c->packed));
}

// Why `shape` with `units` compute units does not fit, or "" when it does.
std::string Overflow(const TransactionShape& shape, uint64_t units, const PackOptions& options) {
  if (shape.size() > options.max_transaction_size) {
    return absl::StrCat(shape.size(), " bytes > ", options.max_transaction_size);
  }
  if (shape.num_accounts() > options.max_accounts) {
    return absl::StrCat(shape.num_accounts(), " accounts > ", options.max_accounts);
  }
  if (units > options.max_compute_units) {
    return absl::StrCat(units, " compute units > ", options.max_compute_units);
  }
  return "";
}

std::string GroupName(const InstructionGroup& g, size_t index) {
  return absl::StrCat("instruction group '", g.name, "' (#", index, ")");
}

absl::Status CheckGroup(const InstructionGroup& g, size_t index, const Pubkey& payer,
                        absl::Span<const Pubkey> signers) {
  if (g.instructions.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(GroupName(g, index), " is empty"));
  }
  for (const Instruction& ix : g.instructions) {
    for (const AccountMeta& m : ix.accounts) {
      if (m.is_signer && m.pubkey != payer &&
          std::find(signers.begin(), signers.end(), m.pubkey) == signers.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat(GroupName(g, index), " needs a signature from ", m.pubkey.ToBase58(),
                         ", which is not among the signers"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<PackedTransaction>> PackInstructionGroups(
    const Pubkey& payer, absl::Span<const Pubkey> signers,
    absl::Span<const InstructionGroup> groups, const PackOptions& options) {
  std::vector<PackedTransaction> out;
  Current cur = Fresh(payer, options.prefix);
  if (std::string why = Overflow(cur.shape, 0, options); !why.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the prefix instructions alone do not fit: ", why));
  }
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const InstructionGroup& g = groups[gi];
    RETURN_IF_ERROR(CheckGroup(g, gi, payer, signers));
    for (int attempt = 0; attempt < 2; ++attempt) {
      TransactionShape trial = cur.shape;
      for (const Instruction& ix : g.instructions) trial.Add(ix);
      const uint64_t units = cur.packed.compute_units + g.compute_units;
      const std::string why = Overflow(trial, units, options);
      if (why.empty()) {
        cur.shape = std::move(trial);
        cur.packed.compute_units = units;
        cur.packed.group_indexes.push_back(gi);
        cur.packed.instructions.insert(cur.packed.instructions.end(), g.instructions.begin(),
                                       g.instructions.end());
        break;
      }
      if (cur.packed.group_indexes.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(GroupName(g, gi), " does not fit in one transaction: ", why));
      }
      Finish(&cur, &out);
      cur = Fresh(payer, options.prefix);
    }
  }
  if (!cur.packed.group_indexes.empty()) Finish(&cur, &out);
  return out;
}

}  // namespace solana
