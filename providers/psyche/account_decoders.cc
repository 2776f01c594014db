#include "providers/psyche/account_decoders.h"

#include "absl/strings/str_cat.h"
#include "providers/psyche/account_checks.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/hex.h"
#include "providers/psyche/program_json.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

absl::Status WriteInstance(solana::ByteView data, JsonWriter& w) {
  ASSIGN_OR_RETURN(CoordinatorInstance inst, DecodeCoordinatorInstance(data));
  WriteCoordinatorInstanceJson(w, inst);
  return absl::OkStatus();
}

absl::Status WriteCoordinator(solana::ByteView data, JsonWriter& w) {
  ASSIGN_OR_RETURN(CoordinatorState state, DecodeCoordinatorAccount(data));
  WriteCoordinatorStateJson(w, state, /*include_clients=*/true, /*now_unix=*/std::nullopt);
  return absl::OkStatus();
}

// A raw dump carries no owner, so the owner check is made against the program
// the kind belongs to; the address of a PDA kind is re-derived from its fields.
absl::Status WriteAuthorization(solana::ByteView data, JsonWriter& w) {
  ASSIGN_OR_RETURN(Authorization a, DecodeAuthorization(program_ids::Authorizer(), data));
  ASSIGN_OR_RETURN(solana::ProgramAddress pda, AuthorizationAddress(a.grantor, a.grantee, a.scope));
  WriteAuthorizationJson(w, pda.address, a);
  return absl::OkStatus();
}

void WriteKey(JsonWriter& w, const char* name, const solana::Pubkey& key) {
  json_internal::Key(w, name, key);
}
void WriteOptionalKey(JsonWriter& w, const char* name, const std::optional<solana::Pubkey>& key) {
  if (key) return WriteKey(w, name, *key);
  w.Key(name);
  w.Null();
}

absl::Status WriteTreasurerRunJson(solana::ByteView data, JsonWriter& w) {
  ASSIGN_OR_RETURN(TreasurerRun run, DecodeTreasurerRun(program_ids::Treasurer(), data));
  ASSIGN_OR_RETURN(solana::ProgramAddress pda, TreasurerRunAddress(run.index));
  w.StartObject();
  WriteKey(w, "address", pda.address);
  w.Key("bump");
  w.Uint(run.bump);
  w.Key("index");
  w.Uint64(run.index);
  WriteKey(w, "main_authority", run.main_authority);
  WriteKey(w, "join_authority", run.join_authority);
  WriteKey(w, "coordinator_account", run.coordinator_account);
  WriteKey(w, "coordinator_instance", run.coordinator_instance);
  WriteKey(w, "collateral_mint", run.collateral_mint);
  w.Key("total_claimed_collateral_amount");
  w.Uint64(run.total_claimed_collateral_amount);
  w.Key("total_claimed_earned_points");
  w.Uint64(run.total_claimed_earned_points);
  w.EndObject();
  return absl::OkStatus();
}

absl::Status WriteMintJson(solana::ByteView data, JsonWriter& w) {
  ASSIGN_OR_RETURN(Mint mint, DecodeMint(solana::program_ids::Token(), data));
  w.StartObject();
  WriteOptionalKey(w, "mint_authority", mint.mint_authority);
  w.Key("supply");
  w.Uint64(mint.supply);
  w.Key("decimals");
  w.Uint(mint.decimals);
  WriteOptionalKey(w, "freeze_authority", mint.freeze_authority);
  w.EndObject();
  return absl::OkStatus();
}

absl::Status WriteTokenAccountJson(solana::ByteView data, JsonWriter& w) {
  ASSIGN_OR_RETURN(TokenAccount acct, DecodeTokenAccount(solana::program_ids::Token(), data));
  w.StartObject();
  WriteKey(w, "mint", acct.mint);
  WriteKey(w, "owner", acct.owner);
  w.Key("amount");
  w.Uint64(acct.amount);
  WriteOptionalKey(w, "delegate", acct.delegate);
  w.Key("delegated_amount");
  w.Uint64(acct.delegated_amount);
  w.Key("state");
  w.String(acct.state == TokenAccountState::kFrozen ? "frozen" : "initialized");
  WriteOptionalKey(w, "close_authority", acct.close_authority);
  w.EndObject();
  return absl::OkStatus();
}

std::vector<AccountDecoder> BuildDecoders() {
  std::vector<AccountDecoder> d;
  d.push_back(
      {"CoordinatorInstance", CoordinatorInstanceDiscriminator(), std::nullopt, WriteInstance});
  d.push_back(
      {"CoordinatorAccount", CoordinatorAccountDiscriminator(), std::nullopt, WriteCoordinator});
  d.push_back({"Authorization", AnchorAccountDiscriminator("Authorization"), std::nullopt,
               WriteAuthorization});
  d.push_back({"TreasurerRun", AnchorAccountDiscriminator("Run"), std::nullopt,
               WriteTreasurerRunJson});
  d.push_back({"SplMint", std::nullopt, 82, WriteMintJson});
  d.push_back({"SplTokenAccount", std::nullopt, 165, WriteTokenAccountJson});
  return d;
}

}  // namespace

const std::vector<AccountDecoder>& AccountDecoders() {
  static const std::vector<AccountDecoder> decoders = BuildDecoders();
  return decoders;
}

namespace {
std::string KnownKinds() {
  std::string names;
  for (const auto& d : AccountDecoders())
    absl::StrAppend(&names, names.empty() ? "" : ", ", d.kind);
  return names;
}
}  // namespace

absl::StatusOr<DecodedAccount> DecodeAnyAccount(solana::ByteView data) {
  const AccountDecoder* match = nullptr;
  for (const auto& d : AccountDecoders()) {
    if (d.discriminator && HasDiscriminator(data, *d.discriminator)) {
      match = &d;
      break;
    }
  }
  for (const auto& d : AccountDecoders()) {
    if (match == nullptr && d.exact_size && data.size() == *d.exact_size) match = &d;
  }
  if (match == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        "unknown account kind: ", data.size(), " bytes starting with ",
        data.empty() ? "(nothing)" : HexEncode(data.subspan(0, std::min<size_t>(8, data.size()))),
        "; known kinds: ", KnownKinds()));
  }
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("kind");
  w.String(match->kind.c_str(), static_cast<rapidjson::SizeType>(match->kind.size()));
  w.Key("data_size");
  w.Uint64(data.size());
  w.Key("account");
  RETURN_IF_ERROR(match->write_json(data, w));
  w.EndObject();
  return DecodedAccount{match->kind, std::string(buf.GetString(), buf.GetSize())};
}

}  // namespace psyche
