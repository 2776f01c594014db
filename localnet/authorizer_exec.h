// Native emulation of the Psyche Authorizer (authorizer-treasurer-token.md 2):
// authorization_create, authorization_grantor_update, authorization_grantee_update and
// authorization_close with the real account layout, checks, error numbers and rent flows.
#ifndef LOCALNET_AUTHORIZER_EXEC_H_
#define LOCALNET_AUTHORIZER_EXEC_H_

#include "localnet/anchor_exec.h"
#include "localnet/program_registry.h"

namespace localnet {

inline constexpr ProgramErrorDef kAuthorizationActiveIsTrue = {
    6000, "AuthorizationActiveIsTrue", "Authorization active is true"};
inline constexpr ProgramErrorDef kAuthorizationClosingConditionsNotReachedYet = {
    6001, "AuthorizationClosingConditionsNotReachedYet",
    "Authorization closing conditions not reached yet"};

// Seconds after the last grantor update before an authorization with delegates may close.
inline constexpr int64_t kAuthorizationCloseDelaySeconds = 2'592'000;

class AuthorizerProgram : public NativeProgram {
 public:
  InstructionResult Process(InvokeContext& ctx) const override;
  uint64_t ComputeUnits() const override { return 10'000; }
  bool IsBuiltin() const override { return false; }
};

}  // namespace localnet

#endif  // LOCALNET_AUTHORIZER_EXEC_H_
