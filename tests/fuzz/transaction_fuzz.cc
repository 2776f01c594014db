// Transaction::Parse and Message::Parse on arbitrary bytes. The parsers are
// strict (one canonical encoding), so whatever parses must serialize back to
// exactly the input, and the size-from-counts formula must agree.
#include <cstddef>
#include <cstdint>

#include "providers/solana/message.h"
#include "providers/solana/transaction.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const solana::ByteView input(data, size);

  absl::StatusOr<solana::Transaction> tx = solana::Transaction::Parse(input);
  if (tx.ok()) {
    const solana::Bytes out = tx->Serialize();
    FUZZ_CHECK(out == solana::Bytes(input.begin(), input.end()));
    FUZZ_CHECK(tx->SerializedSize() == size);
    (void)tx->MissingSigners();
    (void)tx->Id();
    (void)tx->message.Decompile();
  }

  absl::StatusOr<solana::Message> message = solana::Message::Parse(input);
  if (message.ok()) {
    const solana::Bytes out = message->Serialize();
    FUZZ_CHECK(out == solana::Bytes(input.begin(), input.end()));
    FUZZ_CHECK(message->SerializedSize() == size);
    FUZZ_CHECK(message->Validate().ok());
    for (size_t i = 0; i < message->account_keys.size(); ++i) {
      (void)message->IsSigner(i);
      (void)message->IsWritable(i);
    }
    (void)message->Decompile();
  }
  return 0;
}
