// libFuzzer target for the JSON-RPC handler, built with -DPSYCHE_FUZZ=ON by tests/fuzz
// (run it with scripts/fuzz.sh; seeds in tests/fuzz/corpus/rpc_server_fuzz/).
#include <cstddef>
#include <cstdint>

#include "localnet/rpc_server.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto* ledger =
      localnet::Ledger::Open(localnet::LedgerOptions{}, localnet::ProgramRegistry::WithBuiltins())
          ->release();
  static localnet::Faults faults;
  static localnet::RpcServer server(ledger, &faults);
  server.Handle(absl::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
