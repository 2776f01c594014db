// A hand-built plan with every kind of resource change, shared by the
// renderer golden tests and the planfile round-trip tests (test-only header).
#ifndef RECONCILER_PLAN_TESTING_H_
#define RECONCILER_PLAN_TESTING_H_

#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include "reconciler/plan.h"

namespace reconciler::testing {

inline solana::Pubkey TestKey(uint8_t fill) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  b[0] = 0x80;  // keeps the base58 form at full length
  return solana::Pubkey(b);
}

inline FieldChange Field(std::string path, Value before, Value after) {
  FieldChange f;
  f.path = std::move(path);
  f.before = std::move(before);
  f.after = std::move(after);
  return f;
}

inline ResourceChange Resource(std::string address, std::string kind, Action action) {
  ResourceChange c;
  c.address = std::move(address);
  c.kind = std::move(kind);
  c.action = action;
  return c;
}

inline Operation Op(std::string id, std::string address, std::string description,
                    std::vector<std::string> depends_on, uint32_t instructions,
                    solana::Pubkey signer, uint64_t fee) {
  Operation op;
  op.id = std::move(id);
  op.address = std::move(address);
  op.description = std::move(description);
  op.depends_on = std::move(depends_on);
  op.instruction_count = instructions;
  op.signers = {signer};
  op.fee_lamports = fee;
  return op;
}

// create, update (with an ignored field), delete, replace, no-op, read, and a
// treasury top-up; values include 2^64-1, a negative integer, Markdown and
// terminal control characters, a computed and a sensitive field.
inline Plan SamplePlan() {
  Plan p;
  p.cluster = "localnet";
  std::string manifests = "cluster.yaml\nrun.yaml\n";
  p.manifests_hash = solana::Sha256(
      {solana::ByteView(reinterpret_cast<const uint8_t*>(manifests.data()), manifests.size())});

  ResourceChange create = Resource("run.my-run", "run", Action::kCreate);
  create.fields.push_back(Field("run_id", Value(), Value::String("my-run")));
  create.fields.push_back(Field("authority", Value(), Value::Key(TestKey(1))));
  create.fields.push_back(Field("config.min_clients", Value(), Value::Uint(2)));
  create.fields.push_back(Field(
      "description", Value(),
      Value::String("A | B `x` *bold* <b>hi</b> @octocat [l](http://x)\nnext\x1b[31m")));
  FieldChange computed = Field("coordinator_account", Value(), Value());
  computed.computed = true;
  create.fields.push_back(computed);
  FieldChange secret = Field("hub_token", Value(), Value());
  secret.sensitive = true;
  create.fields.push_back(secret);
  p.changes.push_back(create);

  std::string grantee = TestKey(2).ToBase58();
  ResourceChange update = Resource("authorization.my-run-joiners[" + grantee + "]", "authorization", Action::kUpdate);
  update.fields.push_back(Field("active", Value::Bool(false), Value::Bool(true)));
  update.fields.push_back(Field("priority", Value::Int(-1), Value::Int(5)));
  FieldChange step = Field("step", Value::Uint(10), Value::Uint(20));
  step.ignored = true;
  update.fields.push_back(step);
  p.changes.push_back(update);

  ResourceChange pause = Resource("run.my-run-2", "run", Action::kUpdate);
  pause.fields.push_back(Field("paused", Value::Bool(false), Value::Bool(true)));
  pause.notes.push_back("deferred pause: run is training");
  p.changes.push_back(pause);

  ResourceChange del = Resource("authorization.old-joiners[" + TestKey(3).ToBase58() + "]", "authorization", Action::kDelete);
  del.fields.push_back(Field("grantee", Value::Key(TestKey(3)), Value()));
  p.changes.push_back(del);

  ResourceChange replace = Resource("run.legacy", "run", Action::kReplace);
  FieldChange id = Field("run_id", Value::String("legacy"), Value::String("legacy-v2"));
  id.requires_replace = true;
  replace.fields.push_back(id);
  p.changes.push_back(replace);

  p.changes.push_back(Resource("run.steady", "run", Action::kNoOp));

  ResourceChange read = Resource("mint.train", "mint", Action::kRead);
  read.notes.push_back("not managed: read for decimals");
  p.changes.push_back(read);

  ResourceChange treasury = Resource("treasury.my-run", "treasury", Action::kUpdate);
  treasury.fields.push_back(Field("max_claim", Value::Uint(0),
                                  Value::Uint(std::numeric_limits<uint64_t>::max())));
  treasury.top_up = TreasuryTopUp{TestKey(4), 5000000, 1234567};
  p.changes.push_back(treasury);

  p.operations.push_back(Op("create-run", "run.my-run", "init coordinator instance and account",
                            {}, 2, TestKey(1), 5000));
  p.operations.push_back(Op("top-up-treasury", "treasury.my-run",
                            "transfer 3765433 to the treasury", {"create-run"}, 1, TestKey(1),
                            5000));
  p.operations.push_back(Op("delete-auth", del.address, "authorization_delete", {}, 1,
                            TestKey(5), 5000));
  p.transactions.push_back(TransactionPlan{{"create-run", "top-up-treasury"}, 812, 10000});
  p.transactions.push_back(TransactionPlan{{"delete-auth"}, 301, 5000});

  p.preconditions.push_back(
      Precondition{TestKey(6), true, 123456, 2039280, TestKey(7), solana::Sha256({})});
  p.preconditions.push_back(
      Precondition{TestKey(8), false, 123456, 0, solana::Pubkey(), solana::Hash()});
  p.warnings.push_back("run.my-run-2 is training: its pause waits for the epoch to end");
  return p;
}

}  // namespace reconciler::testing

#endif  // RECONCILER_PLAN_TESTING_H_
