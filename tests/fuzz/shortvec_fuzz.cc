// compact-u16 decoding: a value that decodes must re-encode to exactly the
// bytes consumed (the strict decoder accepts only the minimal form).
#include <cstddef>
#include <cstdint>

#include "providers/solana/coding.h"
#include "providers/solana/shortvec.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  solana::ByteReader reader(solana::ByteView(data, size));
  while (reader.remaining() > 0) {
    const size_t start = reader.offset();
    absl::StatusOr<uint16_t> value = solana::ReadShortVec(&reader, "fuzz");
    if (!value.ok()) break;
    const size_t used = reader.offset() - start;
    FUZZ_CHECK(used == solana::ShortVecLength(*value));
    solana::Bytes encoded;
    solana::PutShortVec(&encoded, *value);
    FUZZ_CHECK(encoded == solana::Bytes(data + start, data + start + used));
  }
  return 0;
}
