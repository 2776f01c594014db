// libFuzzer target for the JSON-RPC handler (not part of the default build):
//   clang++-14 -std=c++20 -fsanitize=fuzzer,address,undefined -I. \
//     localnet/rpc_server_fuzz.cc localnet/*.cc(minus tests/main) providers/solana/*.cc ...
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
