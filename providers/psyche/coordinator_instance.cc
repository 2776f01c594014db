#include "providers/psyche/coordinator_instance.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "providers/psyche/borsh.h"

namespace psyche {
namespace {

constexpr absl::string_view kName = "CoordinatorInstance";

absl::Status Prefixed(const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(kName, ": ", s.message()));
}

}  // namespace

const AnchorDiscriminator& CoordinatorInstanceDiscriminator() {
  static const AnchorDiscriminator d = AnchorAccountDiscriminator(kName);
  return d;
}

absl::StatusOr<CoordinatorInstance> DecodeCoordinatorInstance(solana::ByteView data) {
  RETURN_IF_ERROR(CheckDiscriminator(data, CoordinatorInstanceDiscriminator(), kName));
  solana::ByteReader r(data);
  RETURN_IF_ERROR(r.Skip(kAnchorDiscriminatorSize, "discriminator"));
  CoordinatorInstance out;
  auto read = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(out.bump, r.U8("bump"));
    ASSIGN_OR_RETURN(auto main, r.Take(32, "main_authority"));
    ASSIGN_OR_RETURN(out.main_authority, solana::Pubkey::FromBytes(main));
    ASSIGN_OR_RETURN(auto join, r.Take(32, "join_authority"));
    ASSIGN_OR_RETURN(out.join_authority, solana::Pubkey::FromBytes(join));
    ASSIGN_OR_RETURN(auto acct, r.Take(32, "coordinator_account"));
    ASSIGN_OR_RETURN(out.coordinator_account, solana::Pubkey::FromBytes(acct));
    size_t len_offset = r.offset();
    ASSIGN_OR_RETURN(uint32_t len, r.U32("run_id length"));
    if (len > kCoordinatorInstanceMaxRunIdBytes) {
      return absl::InvalidArgumentError(absl::StrCat("field run_id at offset ", len_offset,
                                                     ": length ", len, " exceeds ",
                                                     kCoordinatorInstanceMaxRunIdBytes));
    }
    size_t id_offset = r.offset();
    ASSIGN_OR_RETURN(auto id, r.Take(len, "run_id"));
    out.run_id.assign(id.begin(), id.end());
    if (!IsValidUtf8(out.run_id)) {
      return absl::InvalidArgumentError(
          absl::StrCat("field run_id at offset ", id_offset, ": invalid UTF-8 in string"));
    }
    return absl::OkStatus();
  };
  if (absl::Status s = read(); !s.ok()) return Prefixed(s);
  return out;
}

absl::StatusOr<CoordinatorInstance> DecodeCoordinatorInstance(solana::ByteView data,
                                                              const solana::Pubkey& owner,
                                                              const solana::Pubkey& program_id) {
  RETURN_IF_ERROR(CheckOwner(owner, program_id, kName));
  return DecodeCoordinatorInstance(data);
}

solana::Bytes EncodeCoordinatorInstance(const CoordinatorInstance& instance) {
  solana::Bytes out;
  out.reserve(kCoordinatorInstanceSize);
  const auto& d = CoordinatorInstanceDiscriminator();
  out.insert(out.end(), d.begin(), d.end());
  solana::PutU8(&out, instance.bump);
  solana::PutBytes(&out, instance.main_authority.view());
  solana::PutBytes(&out, instance.join_authority.view());
  solana::PutBytes(&out, instance.coordinator_account.view());
  solana::PutU32(&out, static_cast<uint32_t>(instance.run_id.size()));
  out.insert(out.end(), instance.run_id.begin(), instance.run_id.end());
  if (out.size() < kCoordinatorInstanceSize) out.resize(kCoordinatorInstanceSize, 0);
  return out;
}

absl::StatusOr<solana::ProgramAddress> CoordinatorInstanceAddress(
    absl::string_view run_id, const solana::Pubkey& program_id) {
  // The program seeds with the first min(64, len) bytes, but Solana caps seeds at 32 bytes.
  if (run_id.size() > 32) {
    return absl::InvalidArgumentError(absl::StrCat(
        "run id is ", run_id.size(), " bytes; at most 32 bytes are allowed (no instance PDA)"));
  }
  const auto* id = reinterpret_cast<const uint8_t*>(run_id.data());
  std::vector<solana::ByteView> seeds = {
      solana::ByteView(reinterpret_cast<const uint8_t*>(kCoordinatorInstanceSeed.data()),
                       kCoordinatorInstanceSeed.size()),
      solana::ByteView(id, run_id.size())};
  return solana::FindProgramAddress(seeds, program_id);
}

}  // namespace psyche
