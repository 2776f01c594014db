// Authorizer, Treasurer and SPL Token account decoders on arbitrary bytes,
// each given its correct owning program so the fuzzer gets past the owner
// check; plus the coordinator's Borsh Model/Config codecs. A decoded value
// must render as valid JSON, and a Borsh value must survive encode/decode.
#include <cstddef>
#include <cstdint>

#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_borsh.h"
#include "providers/psyche/program_json.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/run_dump.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/program_ids.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

template <typename Write>
void CheckJson(Write write) {
  rapidjson::StringBuffer buffer;
  psyche::JsonWriter writer(buffer);
  write(writer);
  FUZZ_CHECK(writer.IsComplete());
  FUZZ_CHECK(psyche::PrettyJson(buffer.GetString()).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const solana::ByteView input(data, size);
  const solana::Pubkey address;

  if (auto auth = psyche::DecodeAuthorization(psyche::program_ids::Authorizer(), input);
      auth.ok()) {
    CheckJson([&](psyche::JsonWriter& w) { psyche::WriteAuthorizationJson(w, address, *auth); });
    (void)auth->IsValidFor(auth->grantor, address, auth->scope);
  }

  auto mint = psyche::DecodeMint(solana::program_ids::Token(), input);
  // On chain any u8 is a valid decimals byte; only display refuses above 19.
  if (mint.ok() && mint->decimals <= psyche::kMaxTokenDecimals) {
    FUZZ_CHECK(psyche::BaseUnitsToUiAmount(mint->supply, mint->decimals).ok());
  }
  auto token = psyche::DecodeTokenAccount(solana::program_ids::Token(), input);

  if (auto run = psyche::DecodeTreasurerRun(psyche::program_ids::Treasurer(), input); run.ok()) {
    const uint64_t vault = token.ok() ? token->amount : 0;
    const psyche::TreasurerBalances b =
        psyche::ComputeTreasurerBalances(vault, run->total_claimed_earned_points, *run,
                                         /*earning_rate_total_shared=*/vault);
    const uint8_t decimals = data[size - 1];  // the Run ignores trailing bytes: any u8
    CheckJson([&](psyche::JsonWriter& w) {
      psyche::WriteTreasurerBalancesJson(w, address, *run, address, decimals, b);
    });
  }
  (void)psyche::DecodeTreasurerParticipant(psyche::program_ids::Treasurer(), input);

  if (auto model = psyche::DecodeModel(input); model.ok()) {
    auto bytes = psyche::EncodeModel(*model);
    FUZZ_CHECK(bytes.ok());
    auto again = psyche::DecodeModel(*bytes);
    FUZZ_CHECK(again.ok() && *again == *model);
  }
  if (auto config = psyche::DecodeCoordinatorConfig(input); config.ok()) {
    auto bytes = psyche::EncodeCoordinatorConfig(*config);
    FUZZ_CHECK(bytes.ok());
    auto again = psyche::DecodeCoordinatorConfig(*bytes);
    FUZZ_CHECK(again.ok() && *again == *config);
  }
  return 0;
}
