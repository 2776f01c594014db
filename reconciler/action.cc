#include "reconciler/action.h"

namespace reconciler {

absl::string_view ActionSymbol(Action action) {
  switch (action) {
    case Action::kNoOp: return " ";
    case Action::kCreate: return "+";
    case Action::kUpdate: return "~";
    case Action::kDelete: return "-";
    case Action::kReplace: return "\xC2\xB1";  // ±
    case Action::kRead: return "<=";
  }
  return "?";
}

absl::string_view ActionName(Action action) {
  switch (action) {
    case Action::kNoOp: return "no-op";
    case Action::kCreate: return "create";
    case Action::kUpdate: return "update";
    case Action::kDelete: return "delete";
    case Action::kReplace: return "replace";
    case Action::kRead: return "read";
  }
  return "unknown";
}

std::optional<Action> ActionFromName(absl::string_view name) {
  for (Action a : {Action::kNoOp, Action::kCreate, Action::kUpdate, Action::kDelete,
                   Action::kReplace, Action::kRead}) {
    if (ActionName(a) == name) return a;
  }
  return std::nullopt;
}

bool ActionChangesChain(Action action) {
  return action != Action::kNoOp && action != Action::kRead;
}

}  // namespace reconciler
