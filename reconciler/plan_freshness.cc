#include "reconciler/plan_freshness.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "reconciler/render_json.h"

namespace reconciler {
namespace {

solana::ByteView View(const std::string& s) {
  return solana::ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

absl::Status Stale(const solana::Pubkey& address, absl::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat("plan is stale: account ",
                                                    address.ToBase58(), " ", what,
                                                    "; re-run plan"));
}

}  // namespace

solana::Hash HashManifestFiles(std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  solana::Bytes framed;
  for (const auto& [path, content] : files) {
    solana::PutU64(&framed, path.size());
    solana::PutBytes(&framed, View(path));
    solana::PutU64(&framed, content.size());
    solana::PutBytes(&framed, View(content));
  }
  return solana::Sha256({solana::ByteView(framed)});
}

Precondition AccountRead(const solana::Pubkey& address, uint64_t slot, uint64_t lamports,
                         const solana::Pubkey& owner, solana::ByteView data) {
  Precondition p;
  p.address = address;
  p.exists = true;
  p.slot = slot;
  p.lamports = lamports;
  p.owner = owner;
  p.data_sha256 = solana::Sha256({data});
  return p;
}

Precondition AccountAbsent(const solana::Pubkey& address, uint64_t slot) {
  Precondition p;
  p.address = address;
  p.exists = false;
  p.slot = slot;
  return p;
}

absl::Status CheckPlanFresh(const Plan& plan, const solana::Hash& manifests_hash,
                            absl::Span<const Precondition> current) {
  if (plan.manifests_hash != manifests_hash) {
    return absl::FailedPreconditionError(
        absl::StrCat("plan is stale: the manifests changed since it was made (plan ",
                     HashHex(plan.manifests_hash), ", now ", HashHex(manifests_hash),
                     "); re-run plan"));
  }
  for (const Precondition& want : plan.preconditions) {
    auto it = std::find_if(current.begin(), current.end(),
                           [&](const Precondition& c) { return c.address == want.address; });
    if (it == current.end()) return Stale(want.address, "was not re-read");
    const Precondition& now = *it;
    if (now.slot < want.slot) {
      return Stale(want.address, absl::StrCat("was re-read at slot ", now.slot,
                                              ", older than the plan's slot ", want.slot));
    }
    if (now.exists != want.exists) {
      return Stale(want.address, want.exists ? "no longer exists" : "now exists");
    }
    if (!want.exists) continue;
    if (now.lamports != want.lamports) {
      return Stale(want.address, absl::StrCat("lamports changed from ", want.lamports, " to ",
                                              now.lamports, " since slot ", want.slot));
    }
    if (now.owner != want.owner) {
      return Stale(want.address, absl::StrCat("owner changed from ", want.owner.ToBase58(),
                                              " to ", now.owner.ToBase58()));
    }
    if (now.data_sha256 != want.data_sha256) {
      return Stale(want.address, absl::StrCat("data changed since slot ", want.slot));
    }
  }
  return absl::OkStatus();
}

}  // namespace reconciler
