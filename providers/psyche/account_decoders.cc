#include "providers/psyche/account_decoders.h"

#include "absl/strings/str_cat.h"
#include "providers/psyche/account_checks.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/hex.h"

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

std::vector<AccountDecoder> BuildDecoders() {
  std::vector<AccountDecoder> d;
  d.push_back(
      {"CoordinatorInstance", CoordinatorInstanceDiscriminator(), std::nullopt, WriteInstance});
  d.push_back(
      {"CoordinatorAccount", CoordinatorAccountDiscriminator(), std::nullopt, WriteCoordinator});
  // Extension point for the `spl` helper (one entry each):
  //   authorizer Authorization  (discriminator "account:Authorization", 0344a8f3c3a8204b)
  //   treasurer Run             (discriminator "account:Run")
  //   SPL Mint                  (exact_size 82)
  //   SPL token account         (exact_size 165)
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
