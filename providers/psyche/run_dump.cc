#include "providers/psyche/run_dump.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>

#include <charconv>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "providers/psyche/hex.h"

namespace psyche {
namespace {

void Key(JsonWriter& w, absl::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}
void Str(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void Pub(JsonWriter& w, const solana::Pubkey& k) { Str(w, k.ToBase58()); }

// Shortest round-trip text (0.999f prints as 0.999, not 0.9990000128746033). Non-finite values
// have no JSON number form and are written as strings.
template <typename F>
void Float(JsonWriter& w, F v) {
  if (!std::isfinite(v)) {
    Str(w, std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf"));
    return;
  }
  char buf[64];
  // Plain decimals for the usual magnitudes (learning rates print as 0.0004, not 4e-04).
  F mag = std::fabs(v);
  auto format = (mag == 0 || (mag >= F(1e-6) && mag < F(1e15))) ? std::chars_format::fixed
                                                                : std::chars_format::scientific;
  auto res = std::to_chars(buf, buf + sizeof buf, v, format);
  // to_chars output ("0.999", "1e-05", "2") is always a valid JSON number.
  w.RawValue(buf, static_cast<size_t>(res.ptr - buf), rapidjson::kNumberType);
}
template <typename F>
void OptFloat(JsonWriter& w, const std::optional<F>& v) {
  if (v) {
    Float(w, *v);
  } else {
    w.Null();
  }
}
void OptStr(JsonWriter& w, const std::optional<std::string>& v) {
  if (v) {
    Str(w, *v);
  } else {
    w.Null();
  }
}

// {"Name": {...}} for data-carrying variants.
template <typename Body>
void Tagged(JsonWriter& w, std::string_view name, Body body) {
  w.StartObject();
  Key(w, std::string(name));
  w.StartObject();
  body();
  w.EndObject();
  w.EndObject();
}

void WriteHubRepo(JsonWriter& w, const HubRepo& h) {
  Key(w, "repo_id");
  Str(w, h.repo_id);
  Key(w, "revision");
  OptStr(w, h.revision);
}
void WriteGcsRepo(JsonWriter& w, const GcsRepo& g) {
  Key(w, "bucket");
  Str(w, g.bucket);
  Key(w, "prefix");
  OptStr(w, g.prefix);
}

void WriteCheckpoint(JsonWriter& w, const Checkpoint& c) {
  std::string_view name = VariantName(c, kCheckpointNames);
  if (std::holds_alternative<CheckpointEphemeral>(c)) return Str(w, name);
  Tagged(w, name, [&] {
    if (auto* d = std::get_if<CheckpointDummy>(&c)) WriteHubRepo(w, d->repo);
    if (auto* h = std::get_if<CheckpointHub>(&c)) WriteHubRepo(w, h->repo);
    if (auto* p = std::get_if<CheckpointP2P>(&c)) WriteHubRepo(w, p->repo);
    if (auto* g = std::get_if<CheckpointGcs>(&c)) WriteGcsRepo(w, g->repo);
    if (auto* g = std::get_if<CheckpointP2PGcs>(&c)) WriteGcsRepo(w, g->repo);
  });
}

void WriteHttpLocation(JsonWriter& w, const HttpTrainingDataLocation& l) {
  std::string_view name = VariantName(l, kHttpTrainingDataLocationNames);
  w.StartObject();
  Key(w, std::string(name));
  if (auto* s = std::get_if<HttpSingleUrl>(&l)) {
    Str(w, s->url);
  } else if (auto* n = std::get_if<HttpNumberedFiles>(&l)) {
    w.StartObject();
    Key(w, "url_template");
    Str(w, n->url_template);
    Key(w, "start_index");
    w.Uint(n->start_index);
    Key(w, "n_left_pad_zeros");
    w.Uint(n->n_left_pad_zeros);
    Key(w, "num_files");
    w.Uint(n->num_files);
    w.EndObject();
  } else if (auto* g = std::get_if<HttpGcp>(&l)) {
    w.StartObject();
    Key(w, "bucket_name");
    Str(w, g->bucket_name);
    Key(w, "filter_directory");
    Str(w, g->filter_directory);
    w.EndObject();
  }
  w.EndObject();
}

void WriteDataLocation(JsonWriter& w, const LLMTrainingDataLocation& d) {
  std::string_view name = VariantName(d, kLLMTrainingDataLocationNames);
  if (std::holds_alternative<DataLocationDummy>(d)) return Str(w, name);
  w.StartObject();
  Key(w, std::string(name));
  if (auto* s = std::get_if<DataLocationServer>(&d)) Str(w, s->address);
  if (auto* l = std::get_if<DataLocationLocal>(&d)) Str(w, l->path);
  if (auto* u = std::get_if<DataLocationWeightedHttp>(&d)) Str(w, u->url);
  if (auto* p = std::get_if<DataLocationPreprocessed>(&d)) Str(w, p->location);
  if (auto* h = std::get_if<DataLocationHttp>(&d)) {
    w.StartObject();
    Key(w, "location");
    WriteHttpLocation(w, h->location);
    Key(w, "token_size_in_bytes");
    Str(w, EnumName(h->token_size_in_bytes, kTokenSizeNames));
    Key(w, "shuffle");
    if (auto* s = std::get_if<ShuffleSeeded>(&h->shuffle)) {
      w.StartObject();
      Key(w, "Seeded");
      Str(w, HexEncode(solana::ByteView(s->seed.data(), s->seed.size())));
      w.EndObject();
    } else {
      Str(w, "DontShuffle");
    }
    w.EndObject();
  }
  w.EndObject();
}

void WriteLr(JsonWriter& w, const LearningRateSchedule& lr) {
  Tagged(w, VariantName(lr, kLearningRateScheduleNames), [&] {
    auto common = [&](double base, double init) {
      Key(w, "base_lr");
      Float(w, base);
      Key(w, "warmup_init_lr");
      Float(w, init);
    };
    auto linear = [&](const auto& v) {
      common(v.base_lr, v.warmup_init_lr);
      Key(w, "final_lr");
      Float(w, v.final_lr);
      Key(w, "warmup_steps");
      w.Uint(v.warmup_steps);
      Key(w, "total_steps");
      w.Uint(v.total_steps);
    };
    if (auto* c = std::get_if<LrConstant>(&lr)) {
      common(c->base_lr, c->warmup_init_lr);
      Key(w, "warmup_steps");
      w.Uint(c->warmup_steps);
    }
    if (auto* l = std::get_if<LrLinear>(&lr)) linear(*l);
    if (auto* c = std::get_if<LrCosine>(&lr)) linear(*c);
    if (auto* s = std::get_if<LrWarmupStableDecay>(&lr)) {
      common(s->base_lr, s->warmup_init_lr);
      Key(w, "cosine_decay_final_lr");
      Float(w, s->cosine_decay_final_lr);
      Key(w, "linear_decay_final_lr");
      Float(w, s->linear_decay_final_lr);
      Key(w, "warmup_steps");
      w.Uint(s->warmup_steps);
      Key(w, "stable_steps");
      w.Uint(s->stable_steps);
      Key(w, "cosine_decay_steps");
      w.Uint(s->cosine_decay_steps);
      Key(w, "linear_decay_steps");
      w.Uint(s->linear_decay_steps);
    }
  });
}

void WriteOptimizer(JsonWriter& w, const OptimizerDefinition& o) {
  std::string_view name = VariantName(o, kOptimizerNames);
  if (std::holds_alternative<OptimizerDummy>(o)) return Str(w, name);
  Tagged(w, name, [&] {
    if (auto* a = std::get_if<OptimizerAdamW>(&o)) {
      Key(w, "betas");
      w.StartArray();
      Float(w, a->betas[0]);
      Float(w, a->betas[1]);
      w.EndArray();
      Key(w, "weight_decay");
      Float(w, a->weight_decay);
      Key(w, "eps");
      Float(w, a->eps);
      Key(w, "clip_grad_norm");
      OptFloat(w, a->clip_grad_norm);
    }
    if (auto* d = std::get_if<OptimizerDistro>(&o)) {
      Key(w, "clip_grad_norm");
      OptFloat(w, d->clip_grad_norm);
      Key(w, "weight_decay");
      OptFloat(w, d->weight_decay);
      Key(w, "compression_decay");
      Float(w, d->compression_decay);
      Key(w, "compression_topk");
      w.Uint(d->compression_topk);
      Key(w, "compression_chunk");
      w.Uint(d->compression_chunk);
      Key(w, "quantize_1bit");
      w.Bool(d->quantize_1bit);
    }
  });
}

void WriteRates(JsonWriter& w, const ClientsEpochRates& r) {
  w.StartObject();
  Key(w, "earning_rate_total_shared");
  w.Uint64(r.earning_rate_total_shared);
  Key(w, "slashing_rate_per_client");
  w.Uint64(r.slashing_rate_per_client);
  w.EndObject();
}

void WriteNodeIdentity(JsonWriter& w, const NodeIdentity& id) {
  Key(w, "signer");
  Pub(w, id.signer);
  Key(w, "p2p_identity");
  Pub(w, id.p2p_identity);
}

void WriteEpoch(JsonWriter& w, const CoordinatorState& s, bool include_clients,
                std::optional<uint64_t> now_unix) {
  const EpochState& e = s.epoch_state;
  w.StartObject();
  Key(w, "clients_count");
  w.Uint64(e.clients.size());
  Key(w, "exited_clients_count");
  w.Uint64(e.exited_clients.size());
  Key(w, "rounds_head");
  w.Uint(e.rounds_head);
  Key(w, "start_step");
  w.Uint(e.start_step);
  if (s.layout == CoordinatorLayout::kV1) {
    Key(w, "last_step");
    w.Uint(e.last_step);
    Key(w, "start_timestamp");
    w.Uint64(e.start_timestamp);
  }
  Key(w, "first_round");
  w.Bool(e.first_round);
  Key(w, "cold_start_epoch");
  w.Bool(e.cold_start_epoch);
  if (e.checkpointed) {
    Key(w, "checkpointed");
    w.Bool(*e.checkpointed);
  }
  const RoundSummary& r = e.rounds[e.rounds_head % 4];
  Key(w, "current_round");
  w.StartObject();
  Key(w, "height");
  w.Uint(r.height);
  Key(w, "data_index");
  w.Uint64(r.data_index);
  Key(w, "clients_len");
  w.Uint(r.clients_len);
  Key(w, "witnesses");
  w.Uint64(r.witnesses_len);
  w.EndObject();
  // The run manager's "time left in epoch": only outside halted states and WaitingForMembers.
  if (now_unix && s.layout == CoordinatorLayout::kV1 && !IsHalted(s.run_state) &&
      s.run_state != RunState::kWaitingForMembers) {
    uint64_t elapsed = *now_unix > e.start_timestamp ? *now_unix - e.start_timestamp : 0;
    Key(w, "epoch_time_left");
    w.Int64(static_cast<int64_t>(s.config.epoch_time) - static_cast<int64_t>(elapsed));
  }
  if (include_clients) {
    for (const auto* list : {&e.clients, &e.exited_clients}) {
      Key(w, list == &e.clients ? "clients" : "exited_clients");
      w.StartArray();
      for (const EpochClient& c : *list) {
        w.StartObject();
        WriteNodeIdentity(w, c.id);
        Key(w, "state");
        Str(w, EnumName(c.state, kClientStateNames));
        Key(w, "exited_height");
        w.Uint(c.exited_height);
        w.EndObject();
      }
      w.EndArray();
    }
  }
  w.EndObject();
}

void WriteClientsState(JsonWriter& w, const ClientsState& cs, bool include_clients) {
  uint64_t earned = 0, slashed = 0, queued = 0;
  for (const auto& c : cs.clients) {
    earned += c.earned;
    slashed += c.slashed;
    if (c.active == cs.next_active) ++queued;
  }
  w.StartObject();
  Key(w, "registered_count");
  w.Uint64(cs.clients.size());
  Key(w, "queued_for_next_epoch");
  w.Uint64(queued);
  Key(w, "next_active");
  w.Uint64(cs.next_active);
  Key(w, "total_earned");
  w.Uint64(earned);
  Key(w, "total_slashed");
  w.Uint64(slashed);
  Key(w, "current_epoch_rates");
  WriteRates(w, cs.current_epoch_rates);
  Key(w, "future_epoch_rates");
  WriteRates(w, cs.future_epoch_rates);
  if (include_clients) {
    Key(w, "registered");
    w.StartArray();
    for (const auto& c : cs.clients) {
      w.StartObject();
      WriteNodeIdentity(w, c.id);
      Key(w, "earned");
      w.Uint64(c.earned);
      Key(w, "slashed");
      w.Uint64(c.slashed);
      Key(w, "active");
      w.Uint64(c.active);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

void WriteCoordinatorInstanceJson(JsonWriter& w, const CoordinatorInstance& i) {
  w.StartObject();
  Key(w, "run_id");
  Str(w, i.run_id);
  Key(w, "bump");
  w.Uint(i.bump);
  Key(w, "main_authority");
  Pub(w, i.main_authority);
  Key(w, "join_authority");
  Pub(w, i.join_authority);
  Key(w, "coordinator_account");
  Pub(w, i.coordinator_account);
  w.EndObject();
}

void WriteRunMetadataJson(JsonWriter& w, const RunMetadata& m) {
  w.StartObject();
  Key(w, "name");
  Str(w, m.name);
  Key(w, "description");
  Str(w, m.description);
  Key(w, "num_parameters");
  w.Uint64(m.num_parameters);
  Key(w, "vocab_size");
  w.Uint64(m.vocab_size);
  w.EndObject();
}

void WriteCoordinatorConfigJson(JsonWriter& w, const CoordinatorConfig& c,
                                std::optional<uint32_t> v0_rounds_per_epoch) {
  w.StartObject();
  Key(w, "warmup_time");
  w.Uint64(c.warmup_time);
  Key(w, "cooldown_time");
  w.Uint64(c.cooldown_time);
  Key(w, "max_round_train_time");
  w.Uint64(c.max_round_train_time);
  Key(w, "round_witness_time");
  w.Uint64(c.round_witness_time);
  Key(w, "global_batch_size_warmup_tokens");
  w.Uint64(c.global_batch_size_warmup_tokens);
  if (v0_rounds_per_epoch) {
    Key(w, "rounds_per_epoch");
    w.Uint(*v0_rounds_per_epoch);
  } else {
    Key(w, "epoch_time");
    w.Uint64(c.epoch_time);
  }
  Key(w, "total_steps");
  w.Uint(c.total_steps);
  Key(w, "init_min_clients");
  w.Uint(c.init_min_clients);
  Key(w, "min_clients");
  w.Uint(c.min_clients);
  Key(w, "witness_nodes");
  w.Uint(c.witness_nodes);
  Key(w, "global_batch_size_start");
  w.Uint(c.global_batch_size_start);
  Key(w, "global_batch_size_end");
  w.Uint(c.global_batch_size_end);
  Key(w, "verification_percent");
  w.Uint(c.verification_percent);
  if (!v0_rounds_per_epoch) {
    Key(w, "waiting_for_members_extra_time");
    w.Uint(c.waiting_for_members_extra_time);
  }
  w.EndObject();
}

void WriteModelJson(JsonWriter& w, const Model& model) {
  const LLM& l = std::get<LLM>(model);
  Tagged(w, "LLM", [&] {
    Key(w, "max_seq_len");
    w.Uint(l.max_seq_len);
    Key(w, "cold_start_warmup_steps");
    w.Uint(l.cold_start_warmup_steps);
    Key(w, "architecture");
    Str(w, EnumName(l.architecture, kLLMArchitectureNames));
    Key(w, "checkpoint");
    WriteCheckpoint(w, l.checkpoint);
    Key(w, "data_type");
    Str(w, EnumName(l.data_type, kLLMTrainingDataTypeNames));
    Key(w, "data_location");
    WriteDataLocation(w, l.data_location);
    Key(w, "lr_schedule");
    WriteLr(w, l.lr_schedule);
    Key(w, "optimizer");
    WriteOptimizer(w, l.optimizer);
  });
}

void WriteProgressJson(JsonWriter& w, const CoordinatorProgress& p) {
  w.StartObject();
  Key(w, "epoch");
  w.Uint(p.epoch);
  Key(w, "step");
  w.Uint(p.step);
  Key(w, "epoch_start_data_index");
  w.Uint64(p.epoch_start_data_index);
  w.EndObject();
}

void WriteCoordinatorStateJson(JsonWriter& w, const CoordinatorState& s, bool include_clients,
                               std::optional<uint64_t> now_unix) {
  w.StartObject();
  Key(w, "layout_version");
  w.Uint(s.layout == CoordinatorLayout::kV1 ? 1 : 0);
  Key(w, "nonce");
  w.Uint64(s.nonce);
  Key(w, "run_id");
  Str(w, s.run_id);
  Key(w, "run_state");
  Str(w, EnumName(s.run_state, kRunStateNames));
  Key(w, "run_state_display");
  Str(w, EnumName(s.run_state, kRunStateDisplayTexts));
  Key(w, "halted");
  w.Bool(IsHalted(s.run_state));
  Key(w, "active");
  w.Bool(IsActive(s.run_state));
  Key(w, "run_state_start_unix_timestamp");
  w.Uint64(s.run_state_start_unix_timestamp);
  Key(w, "pending_pause");
  w.Bool(s.pending_pause);
  Key(w, "client_version");
  OptStr(w, s.client_version);
  Key(w, "metadata");
  WriteRunMetadataJson(w, s.metadata);
  Key(w, "config");
  WriteCoordinatorConfigJson(w, s.config, s.rounds_per_epoch);
  Key(w, "model");
  WriteModelJson(w, s.model);
  Key(w, "progress");
  WriteProgressJson(w, s.progress);
  Key(w, "epoch");
  WriteEpoch(w, s, include_clients, now_unix);
  Key(w, "clients");
  WriteClientsState(w, s.clients_state, include_clients);
  w.EndObject();
}

std::string RunDumpJson(const RunDump& run) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  Key(w, "coordinator_instance_address");
  if (run.instance_address) {
    Pub(w, *run.instance_address);
  } else {
    w.Null();
  }
  Key(w, "coordinator_instance");
  if (run.instance) {
    WriteCoordinatorInstanceJson(w, *run.instance);
  } else {
    w.Null();
  }
  Key(w, "coordinator_account_address");
  if (run.coordinator_account_address) {
    Pub(w, *run.coordinator_account_address);
  } else if (run.instance) {
    Pub(w, run.instance->coordinator_account);
  } else {
    w.Null();
  }
  Key(w, "coordinator");
  if (run.state) {
    WriteCoordinatorStateJson(w, *run.state, run.include_clients, run.now_unix);
  } else {
    w.Null();
  }
  Key(w, "treasurer");
  if (run.write_treasurer) {
    run.write_treasurer(w);
  } else {
    w.Null();
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

absl::StatusOr<std::string> PrettyJson(absl::string_view compact) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(compact.data(), compact.size());
  if (doc.HasParseError()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at offset ", doc.GetErrorOffset(), ": ",
                     rapidjson::GetParseError_En(doc.GetParseError())));
  }
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> pw(buf);
  pw.SetIndent(' ', 2);
  doc.Accept(pw);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace psyche
