// Psyche account decoders on arbitrary bytes: DecodeAnyAccount (dispatch by
// discriminator or size, then every registered decoder's JSON view) and each
// decoder directly. Whatever decodes must render as valid JSON.
#include <cstddef>
#include <cstdint>

#include "providers/psyche/account_decoders.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/run_dump.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const solana::ByteView input(data, size);

  absl::StatusOr<psyche::DecodedAccount> any = psyche::DecodeAnyAccount(input);
  if (any.ok()) FUZZ_CHECK(psyche::PrettyJson(any->json).ok());

  for (const psyche::AccountDecoder& decoder : psyche::AccountDecoders()) {
    rapidjson::StringBuffer buffer;
    psyche::JsonWriter writer(buffer);
    if (decoder.write_json(input, writer).ok()) {
      FUZZ_CHECK(writer.IsComplete());
      FUZZ_CHECK(psyche::PrettyJson(buffer.GetString()).ok());
    }
  }

  absl::StatusOr<psyche::CoordinatorInstance> instance = psyche::DecodeCoordinatorInstance(input);
  if (instance.ok()) {
    psyche::RunDump dump;
    dump.instance = *instance;
    FUZZ_CHECK(psyche::PrettyJson(psyche::RunDumpJson(dump)).ok());
  }
  absl::StatusOr<psyche::CoordinatorState> state = psyche::DecodeCoordinatorAccount(input);
  if (state.ok()) {
    psyche::RunDump dump;
    dump.state = *state;
    dump.include_clients = true;
    dump.now_unix = 1700000000;
    FUZZ_CHECK(psyche::PrettyJson(psyche::RunDumpJson(dump)).ok());
  }
  return 0;
}
