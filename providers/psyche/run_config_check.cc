#include "providers/psyche/run_config_check.h"

#include <variant>

#include "absl/strings/str_cat.h"

namespace psyche {
namespace {

constexpr char kConfigError[] = "ConfigSanityCheckFailed";
constexpr char kModelError[] = "ModelSanityCheckFailed";
constexpr uint16_t kMaxWitnessNodes = 32;  // SOLANA_MAX_NUM_WITNESSES

// "Non-empty" as the program sees a FixedString: first byte not 00.
bool NonEmpty(const std::string& s) { return !s.empty() && s[0] != '\0'; }

class Failures {
 public:
  explicit Failures(const char* program_error) : program_error_(program_error) {}
  void Add(std::string field, std::string reason) {
    out_.push_back({std::move(field), std::move(reason), program_error_});
  }
  std::vector<CheckFailure> Take() { return std::move(out_); }

 private:
  const char* program_error_;
  std::vector<CheckFailure> out_;
};

void CheckNonEmpty(Failures& f, const std::string& value, const std::string& field) {
  if (!NonEmpty(value)) f.Add(field, "must not be empty");
}

void CheckDataLocation(Failures& f, const LLMTrainingDataLocation& location) {
  const std::string base = "model.LLM.data_location";
  if (const auto* s = std::get_if<DataLocationServer>(&location)) {
    CheckNonEmpty(f, s->address, base + ".Server");
  } else if (const auto* w = std::get_if<DataLocationWeightedHttp>(&location)) {
    CheckNonEmpty(f, w->url, base + ".WeightedHttp");
  } else if (const auto* p = std::get_if<DataLocationPreprocessed>(&location)) {
    CheckNonEmpty(f, p->location, base + ".Preprocessed");
  } else if (const auto* h = std::get_if<DataLocationHttp>(&location)) {
    const std::string http = base + ".Http.location";
    if (const auto* u = std::get_if<HttpSingleUrl>(&h->location)) {
      CheckNonEmpty(f, u->url, http + ".SingleUrl");
    } else if (const auto* n = std::get_if<HttpNumberedFiles>(&h->location)) {
      CheckNonEmpty(f, n->url_template, http + ".NumberedFiles.url_template");
      if (n->num_files == 0) f.Add(http + ".NumberedFiles.num_files", "must be > 0 (is 0)");
    } else if (const auto* g = std::get_if<HttpGcp>(&h->location)) {
      CheckNonEmpty(f, g->bucket_name, http + ".Gcp.bucket_name");
    }
  }
  // Dummy and Local always pass.
}

void CheckCheckpoint(Failures& f, const Checkpoint& checkpoint) {
  const std::string base = "model.LLM.checkpoint";
  if (std::holds_alternative<CheckpointEphemeral>(checkpoint)) {
    f.Add(base, "Ephemeral checkpoints are refused by the program");
  } else if (const auto* h = std::get_if<CheckpointHub>(&checkpoint)) {
    CheckNonEmpty(f, h->repo.repo_id, base + ".Hub.repo_id");
  } else if (const auto* p = std::get_if<CheckpointP2P>(&checkpoint)) {
    CheckNonEmpty(f, p->repo.repo_id, base + ".P2P.repo_id");
  } else if (const auto* g = std::get_if<CheckpointGcs>(&checkpoint)) {
    CheckNonEmpty(f, g->repo.bucket, base + ".Gcs.bucket");
  } else if (const auto* pg = std::get_if<CheckpointP2PGcs>(&checkpoint)) {
    CheckNonEmpty(f, pg->repo.bucket, base + ".P2PGcs.bucket");
  }
  // Dummy passes, even with an empty repo_id.
}

}  // namespace

std::string FormatCheckFailure(const CheckFailure& failure) {
  return absl::StrCat(failure.field, ": ", failure.reason, " (the program would fail with ",
                      failure.program_error, ")");
}

std::vector<CheckFailure> CheckCoordinatorConfig(const CoordinatorConfig& c) {
  Failures f(kConfigError);
  if (c.epoch_time == 0) f.Add("config.epoch_time", "must be > 0 (is 0)");
  if (c.warmup_time >= c.epoch_time) {
    f.Add("config.warmup_time",
          absl::StrCat("must be < epoch_time (", c.warmup_time, " >= ", c.epoch_time, ")"));
  }
  if (c.max_round_train_time == 0) {
    f.Add("config.max_round_train_time", "must be > 0 (is 0)");
  } else if (c.max_round_train_time >= c.epoch_time) {
    f.Add(
        "config.max_round_train_time",
        absl::StrCat("must be < epoch_time (", c.max_round_train_time, " >= ", c.epoch_time, ")"));
  }
  if (c.round_witness_time == 0) f.Add("config.round_witness_time", "must be > 0 (is 0)");
  if (c.min_clients == 0) f.Add("config.min_clients", "must be > 0 (is 0)");
  if (c.min_clients > c.init_min_clients) {
    f.Add("config.init_min_clients",
          absl::StrCat("must be >= min_clients (", c.init_min_clients, " < ", c.min_clients, ")"));
  }
  if (c.init_min_clients > kMaxClients) {
    f.Add("config.init_min_clients",
          absl::StrCat("must be <= ", kMaxClients, " (is ", c.init_min_clients, ")"));
  }
  if (c.global_batch_size_start == 0) {
    f.Add("config.global_batch_size_start", "must be > 0 (is 0)");
  }
  if (c.global_batch_size_end == 0) f.Add("config.global_batch_size_end", "must be > 0 (is 0)");
  if (c.global_batch_size_end < c.global_batch_size_start) {
    f.Add("config.global_batch_size_end",
          absl::StrCat("must be >= global_batch_size_start (", c.global_batch_size_end, " < ",
                       c.global_batch_size_start, ")"));
  }
  if (c.total_steps == 0) f.Add("config.total_steps", "must be > 0 (is 0)");
  if (c.witness_nodes > c.min_clients) {
    f.Add("config.witness_nodes",
          absl::StrCat("must be <= min_clients (", c.witness_nodes, " > ", c.min_clients, ")"));
  }
  if (c.witness_nodes > kMaxWitnessNodes) {
    f.Add("config.witness_nodes",
          absl::StrCat("must be <= ", kMaxWitnessNodes, " (is ", c.witness_nodes, ")"));
  }
  if (c.cooldown_time == 0) f.Add("config.cooldown_time", "must be > 0 (is 0)");
  if (c.waiting_for_members_extra_time == 0) {
    f.Add("config.waiting_for_members_extra_time", "must be > 0 (is 0)");
  }
  return f.Take();
}

std::vector<CheckFailure> CheckModel(const Model& model) {
  Failures f(kModelError);
  const LLM& llm = std::get<LLM>(model);
  if (llm.max_seq_len == 0) f.Add("model.LLM.max_seq_len", "must be > 0 (is 0)");
  CheckDataLocation(f, llm.data_location);
  CheckCheckpoint(f, llm.checkpoint);
  if (std::holds_alternative<OptimizerDummy>(llm.optimizer)) {
    f.Add("model.LLM.optimizer", "the Dummy optimizer is refused by the program; use Distro");
  }
  return f.Take();
}

std::vector<CheckFailure> CheckColdStart(const CoordinatorConfig& c, const Model& model) {
  Failures f(kConfigError);
  const LLM& llm = std::get<LLM>(model);
  if (llm.cold_start_warmup_steps == 0) return f.Take();
  if (c.max_round_train_time == 0 || c.warmup_time > c.epoch_time) return f.Take();
  uint64_t limit = (c.epoch_time - c.warmup_time) / c.max_round_train_time;
  if (llm.cold_start_warmup_steps > limit) {
    f.Add("model.LLM.cold_start_warmup_steps",
          absl::StrCat("must be <= (epoch_time - warmup_time) / max_round_train_time = (",
                       c.epoch_time, " - ", c.warmup_time, ") / ", c.max_round_train_time, " = ",
                       limit, " (is ", llm.cold_start_warmup_steps, ")"));
  }
  return f.Take();
}

std::vector<CheckFailure> CheckProgress(const CoordinatorProgress& progress) {
  Failures f(kModelError);
  if (progress.step == 0) f.Add("progress.step", "must be > 0 (is 0)");
  return f.Take();
}

std::vector<CheckFailure> CheckRunConfig(const RunConfig& run_config) {
  std::vector<CheckFailure> all = CheckCoordinatorConfig(run_config.config);
  auto model = CheckModel(run_config.model);
  all.insert(all.end(), model.begin(), model.end());
  auto cold = CheckColdStart(run_config.config, run_config.model);
  all.insert(all.end(), cold.begin(), cold.end());
  return all;
}

}  // namespace psyche
