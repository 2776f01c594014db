#include "providers/psyche/run_config_toml.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace psyche {
namespace {

absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Shortest text of `v` that reads back (as a double) to exactly `v`, always
// with a '.' or an exponent so TOML sees a float.
std::string ShortestF64(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// Writes the sections of one file; the first problem found is kept and
// reported by Finish().
class TomlWriter {
 public:
  void Section(absl::string_view path) {
    absl::StrAppend(&out_, out_.empty() ? "" : "\n", "[", path, "]\n");
  }
  void Uint(absl::string_view key, uint64_t v) {
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      Fail(absl::StrCat(key, ": ", v, " does not fit a TOML integer (at most 2^63-1)"));
    }
    absl::StrAppend(&out_, key, " = ", v, "\n");
  }
  void F64(absl::string_view key, double v) {
    if (!std::isfinite(v)) Fail(absl::StrCat(key, ": NaN and infinity have no run-config form"));
    absl::StrAppend(&out_, key, " = ", ShortestF64(v), "\n");
  }
  void F32(absl::string_view key, float v) { absl::StrAppend(&out_, key, " = ", F32Text(key, v)); }
  void Bool(absl::string_view key, bool v) {
    absl::StrAppend(&out_, key, " = ", v ? "true" : "false", "\n");
  }
  void String(absl::string_view key, absl::string_view v) {
    absl::StrAppend(&out_, key, " = ", Quote(key, v), "\n");
  }
  // Raw TOML value text (inline arrays, tables).
  void Raw(absl::string_view key, absl::string_view value_text) {
    absl::StrAppend(&out_, key, " = ", value_text, "\n");
  }
  std::string F32Text(absl::string_view key, float v) {
    if (!std::isfinite(v)) {
      Fail(absl::StrCat(key, ": NaN and infinity have no run-config form"));
      return "0.0\n";
    }
    // The parser reads a double and rounds it to f32: the shortest f32 text
    // is used when that rounding gives `v` back, the exact double otherwise.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), v);
    std::string s(buf, res.ptr);
    if (static_cast<float>(std::strtod(s.c_str(), nullptr)) != v) {
      s = ShortestF64(static_cast<double>(v));
    } else if (s.find_first_of(".e") == std::string::npos) {
      s += ".0";
    }
    return s + "\n";
  }
  std::string Quote(absl::string_view key, absl::string_view v) {
    std::string q = "\"";
    for (char c : v) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '\0') Fail(absl::StrCat(key, ": a NUL byte has no run-config form"));
      if (c == '"' || c == '\\') {
        absl::StrAppend(&q, "\\", std::string(1, c));
      } else if (u < 0x20 || u == 0x7f) {
        absl::StrAppend(&q, absl::StrFormat("\\u%04x", u));
      } else {
        q.push_back(c);
      }
    }
    return q + "\"";
  }
  absl::StatusOr<std::string> Finish() && {
    if (!error_.empty()) return absl::InvalidArgumentError(error_);
    return std::move(out_);
  }

 private:
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  std::string out_;
  std::string error_;
};

void WriteConfig(TomlWriter& w, const CoordinatorConfig& c) {
  w.Section("config");
  w.Uint("warmup_time", c.warmup_time);
  w.Uint("cooldown_time", c.cooldown_time);
  w.Uint("epoch_time", c.epoch_time);
  w.Uint("max_round_train_time", c.max_round_train_time);
  w.Uint("round_witness_time", c.round_witness_time);
  w.Uint("min_clients", c.min_clients);
  w.Uint("init_min_clients", c.init_min_clients);
  w.Uint("verification_percent", c.verification_percent);
  w.Uint("witness_nodes", c.witness_nodes);
  w.Uint("global_batch_size_start", c.global_batch_size_start);
  w.Uint("global_batch_size_end", c.global_batch_size_end);
  w.Uint("global_batch_size_warmup_tokens", c.global_batch_size_warmup_tokens);
  w.Uint("total_steps", c.total_steps);
  w.Uint("waiting_for_members_extra_time", c.waiting_for_members_extra_time);
}

constexpr char kLLM[] = "model.LLM";

// Unit variants are plain strings in [model.LLM]; they must come before any
// sub-table header, so they are written with the scalar keys.
void WriteUnitVariants(TomlWriter& w, const LLM& llm) {
  if (std::holds_alternative<CheckpointEphemeral>(llm.checkpoint)) {
    w.String("checkpoint", "Ephemeral");
  }
  if (std::holds_alternative<DataLocationDummy>(llm.data_location)) {
    w.String("data_location", "Dummy");
  }
  if (std::holds_alternative<OptimizerDummy>(llm.optimizer)) w.String("optimizer", "Dummy");
}

void WriteHubRepo(TomlWriter& w, absl::string_view variant, const HubRepo& r) {
  w.Section(absl::StrCat(kLLM, ".checkpoint.", variant));
  w.String("repo_id", r.repo_id);
  if (r.revision) w.String("revision", *r.revision);
}

void WriteGcsRepo(TomlWriter& w, absl::string_view variant, const GcsRepo& r) {
  w.Section(absl::StrCat(kLLM, ".checkpoint.", variant));
  w.String("bucket", r.bucket);
  if (r.prefix) w.String("prefix", *r.prefix);
}

void WriteCheckpoint(TomlWriter& w, const Checkpoint& c) {
  const absl::string_view name = AV(VariantName(c, kCheckpointNames));
  if (auto* d = std::get_if<CheckpointDummy>(&c)) WriteHubRepo(w, name, d->repo);
  if (auto* h = std::get_if<CheckpointHub>(&c)) WriteHubRepo(w, name, h->repo);
  if (auto* p = std::get_if<CheckpointP2P>(&c)) WriteHubRepo(w, name, p->repo);
  if (auto* g = std::get_if<CheckpointGcs>(&c)) WriteGcsRepo(w, name, g->repo);
  if (auto* g = std::get_if<CheckpointP2PGcs>(&c)) WriteGcsRepo(w, name, g->repo);
}

std::string ShuffleText(TomlWriter& w, const Shuffle& s) {
  const auto* seeded = std::get_if<ShuffleSeeded>(&s);
  if (seeded == nullptr) return w.Quote("shuffle", "DontShuffle");
  std::string bytes;
  for (size_t i = 0; i < seeded->seed.size(); ++i) {
    absl::StrAppend(&bytes, i ? ", " : "", seeded->seed[i]);
  }
  return absl::StrCat("{ Seeded = [", bytes, "] }");
}

void WriteHttp(TomlWriter& w, const DataLocationHttp& http) {
  const std::string base = absl::StrCat(kLLM, ".data_location.Http");
  w.Section(base);
  w.String("token_size_in_bytes", AV(EnumName(http.token_size_in_bytes, kTokenSizeNames)));
  w.Raw("shuffle", ShuffleText(w, http.shuffle));
  const std::string location = base + ".location";
  if (auto* u = std::get_if<HttpSingleUrl>(&http.location)) {
    w.Section(location);
    w.String("SingleUrl", u->url);
  } else if (auto* n = std::get_if<HttpNumberedFiles>(&http.location)) {
    w.Section(location + ".NumberedFiles");
    w.String("url_template", n->url_template);
    w.Uint("start_index", n->start_index);
    w.Uint("n_left_pad_zeros", n->n_left_pad_zeros);
    w.Uint("num_files", n->num_files);
  } else if (auto* g = std::get_if<HttpGcp>(&http.location)) {
    w.Section(location + ".Gcp");
    w.String("bucket_name", g->bucket_name);
    w.String("filter_directory", g->filter_directory);
  }
}

void WriteDataLocation(TomlWriter& w, const LLMTrainingDataLocation& d) {
  const std::string section = absl::StrCat(kLLM, ".data_location");
  auto string_variant = [&](absl::string_view name, const std::string& value) {
    w.Section(section);
    w.String(name, value);
  };
  if (auto* s = std::get_if<DataLocationServer>(&d)) string_variant("Server", s->address);
  if (auto* l = std::get_if<DataLocationLocal>(&d)) string_variant("Local", l->path);
  if (auto* h = std::get_if<DataLocationHttp>(&d)) WriteHttp(w, *h);
  if (auto* wh = std::get_if<DataLocationWeightedHttp>(&d)) string_variant("WeightedHttp", wh->url);
  if (auto* p = std::get_if<DataLocationPreprocessed>(&d)) {
    string_variant("Preprocessed", p->location);
  }
}

void WriteLrSchedule(TomlWriter& w, const LearningRateSchedule& lr) {
  w.Section(absl::StrCat(kLLM, ".lr_schedule.", AV(VariantName(lr, kLearningRateScheduleNames))));
  if (auto* c = std::get_if<LrConstant>(&lr)) {
    w.F64("base_lr", c->base_lr);
    w.Uint("warmup_steps", c->warmup_steps);
    w.F64("warmup_init_lr", c->warmup_init_lr);
  }
  auto linear_like = [&](double base, uint32_t warmup, double init, uint32_t total, double fin) {
    w.F64("base_lr", base);
    w.Uint("warmup_steps", warmup);
    w.F64("warmup_init_lr", init);
    w.Uint("total_steps", total);
    w.F64("final_lr", fin);
  };
  if (auto* l = std::get_if<LrLinear>(&lr)) {
    linear_like(l->base_lr, l->warmup_steps, l->warmup_init_lr, l->total_steps, l->final_lr);
  }
  if (auto* c = std::get_if<LrCosine>(&lr)) {
    linear_like(c->base_lr, c->warmup_steps, c->warmup_init_lr, c->total_steps, c->final_lr);
  }
  if (auto* s = std::get_if<LrWarmupStableDecay>(&lr)) {
    w.F64("base_lr", s->base_lr);
    w.F64("warmup_init_lr", s->warmup_init_lr);
    w.F64("cosine_decay_final_lr", s->cosine_decay_final_lr);
    w.F64("linear_decay_final_lr", s->linear_decay_final_lr);
    w.Uint("warmup_steps", s->warmup_steps);
    w.Uint("stable_steps", s->stable_steps);
    w.Uint("cosine_decay_steps", s->cosine_decay_steps);
    w.Uint("linear_decay_steps", s->linear_decay_steps);
  }
}

void WriteOptimizer(TomlWriter& w, const OptimizerDefinition& o) {
  if (std::holds_alternative<OptimizerDummy>(o)) return;  // a unit variant, written earlier
  w.Section(absl::StrCat(kLLM, ".optimizer.", AV(VariantName(o, kOptimizerNames))));
  if (auto* a = std::get_if<OptimizerAdamW>(&o)) {
    std::string b0 = w.F32Text("betas[0]", a->betas[0]);
    std::string b1 = w.F32Text("betas[1]", a->betas[1]);
    b0.pop_back();  // the trailing newline
    b1.pop_back();
    w.Raw("betas", absl::StrCat("[", b0, ", ", b1, "]"));
    w.F32("weight_decay", a->weight_decay);
    w.F32("eps", a->eps);
    if (a->clip_grad_norm) w.F32("clip_grad_norm", *a->clip_grad_norm);
  }
  if (auto* d = std::get_if<OptimizerDistro>(&o)) {
    if (d->clip_grad_norm) w.F32("clip_grad_norm", *d->clip_grad_norm);
    if (d->weight_decay) w.F32("weight_decay", *d->weight_decay);
    w.F32("compression_decay", d->compression_decay);
    w.Uint("compression_chunk", d->compression_chunk);
    w.Uint("compression_topk", d->compression_topk);
    w.Bool("quantize_1bit", d->quantize_1bit);
  }
}

}  // namespace

absl::StatusOr<std::string> EncodeRunConfigToml(const RunConfig& run_config) {
  TomlWriter w;
  WriteConfig(w, run_config.config);
  const LLM& llm = std::get<LLM>(run_config.model);
  w.Section(kLLM);
  w.String("architecture", AV(EnumName(llm.architecture, kLLMArchitectureNames)));
  w.String("data_type", AV(EnumName(llm.data_type, kLLMTrainingDataTypeNames)));
  w.Uint("max_seq_len", llm.max_seq_len);
  w.Uint("cold_start_warmup_steps", llm.cold_start_warmup_steps);
  WriteUnitVariants(w, llm);
  WriteCheckpoint(w, llm.checkpoint);
  WriteDataLocation(w, llm.data_location);
  WriteLrSchedule(w, llm.lr_schedule);
  WriteOptimizer(w, llm.optimizer);
  return std::move(w).Finish();
}

}  // namespace psyche
