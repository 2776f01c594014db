// `drift` output for cron jobs: each resource whose chain state differs from
// the manifests, with every drifted field's expected (manifest) and observed
// (chain) value. Fields the run changes by itself (ignored) and fields only
// known after apply (computed) never appear.
#ifndef RECONCILER_RENDER_DRIFT_H_
#define RECONCILER_RENDER_DRIFT_H_

#include <string>

#include "reconciler/plan.h"

namespace reconciler {

// Any resource the plan would create, update, delete or replace.
bool HasDrift(const Plan& plan);

// JSON, documented in docs/plan-json.md ("Drift report"). Pretty-printed,
// fixed key order, ending in a newline.
std::string RenderDriftJson(const Plan& plan);

}  // namespace reconciler

#endif  // RECONCILER_RENDER_DRIFT_H_
