// An in-process chain for tests and benchmarks: an HttpTransport answering
// the JSON-RPC reads the planner makes (getMultipleAccounts and
// getProgramAccounts with memcmp/dataSize filters, single or batched) from a
// map of accounts. Anything else gets a JSON-RPC "method not found" error.
#ifndef RECONCILER_FAKE_CHAIN_H_
#define RECONCILER_FAKE_CHAIN_H_

#include <cstdint>
#include <map>
#include <string>

#include "providers/psyche/authorizer.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/http_transport.h"
#include "providers/solana/rpc_types.h"

namespace reconciler {

class FakeChain : public solana::HttpTransport {
 public:
  void Set(const solana::Pubkey& address, solana::AccountInfo account) {
    accounts_[address] = std::move(account);
  }
  void Erase(const solana::Pubkey& address) { accounts_.erase(address); }
  void set_slot(uint64_t slot) { slot_ = slot; }

  absl::StatusOr<solana::HttpResponse> Post(const std::string& url, const std::string& body,
                                            absl::Duration timeout) override;

 private:
  std::map<solana::Pubkey, solana::AccountInfo> accounts_;
  uint64_t slot_ = 1000;
};

// An account owned by `owner` holding `data`, with `lamports` (default: rent-exempt).
solana::AccountInfo FakeAccount(const solana::Pubkey& owner, solana::Bytes data,
                                uint64_t lamports = 0);

// Account images as the programs write them (authorizer-treasurer-token.md
// 2.3, 3.4, 5.x), for seeding a FakeChain.
solana::Bytes AuthorizationImage(const psyche::Authorization& a);
solana::Bytes TreasurerRunImage(const psyche::TreasurerRun& run);
solana::Bytes MintImage(uint64_t supply, uint8_t decimals);
solana::Bytes TokenAccountImage(const solana::Pubkey& mint, const solana::Pubkey& owner,
                                uint64_t amount);

}  // namespace reconciler

#endif  // RECONCILER_FAKE_CHAIN_H_
