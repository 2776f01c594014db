// `explain` (reconciler/explain.h) on arbitrary input: a base64 transaction
// or message of any shape is explained or refused with a status, never a
// crash; the raw bytes are also tried as base64 of themselves.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "providers/solana/base64.h"
#include "reconciler/explain.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  (void)reconciler::ExplainBase64(text);
  (void)reconciler::ExplainBase64(solana::Base64Encode(solana::ByteView(data, size)));
  return 0;
}
