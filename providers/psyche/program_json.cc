#include "providers/psyche/program_json.h"

#include "providers/psyche/hex.h"

namespace psyche {

const char* AuthorizationMatchName(AuthorizationMatch match) {
  switch (match) {
    case AuthorizationMatch::kPermissionless:
      return "permissionless";
    case AuthorizationMatch::kGrantee:
      return "grantee";
    case AuthorizationMatch::kDelegate:
      return "delegate";
    case AuthorizationMatch::kNone:
      break;
  }
  return "none";
}

std::optional<std::string> PrintableScope(solana::ByteView scope) {
  for (uint8_t c : scope) {
    if (c < 0x20 || c > 0x7e) return std::nullopt;
  }
  return std::string(scope.begin(), scope.end());
}

std::string HexOfScope(solana::ByteView scope) { return HexEncode(scope); }

std::string UiAmountOrEmpty(uint64_t amount, uint8_t decimals) {
  auto ui = BaseUnitsToUiAmount(amount, decimals);
  return ui.ok() ? *ui : std::string();
}

}  // namespace psyche
