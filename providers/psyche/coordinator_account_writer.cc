#include "providers/psyche/coordinator_account_writer.h"

#include <cstring>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "providers/psyche/coordinator_account.h"

namespace psyche {
namespace {

// Writes fields at absolute data offsets into a pre-sized, zeroed image; the first error sticks.
class ImageWriter {
 public:
  explicit ImageWriter(solana::Bytes* out) : out_(*out) {}

  template <typename T>
  void Put(size_t offset, T v) {
    if constexpr (std::is_floating_point_v<T>) {
      std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t> u;
      std::memcpy(&u, &v, sizeof v);
      Put(offset, u);
    } else {
      using U = std::make_unsigned_t<T>;
      U u = static_cast<U>(v);
      for (size_t i = 0; i < sizeof(T); ++i) out_[offset + i] = static_cast<uint8_t>(u >> (8 * i));
    }
  }
  void Tag(size_t offset, size_t index) { Put(offset, static_cast<uint32_t>(index)); }
  void Key(size_t offset, const solana::Pubkey& k) {
    std::memcpy(out_.data() + offset, k.bytes().data(), solana::Pubkey::kSize);
  }
  void String(size_t offset, const std::string& s, size_t capacity, absl::string_view field) {
    if (s.size() > capacity) {
      Fail(absl::StrCat(field, ": ", s.size(), " bytes exceed the capacity of ", capacity));
      return;
    }
    std::memcpy(out_.data() + offset, s.data(), s.size());
  }
  void OptString64(size_t offset, const std::optional<std::string>& s, absl::string_view field) {
    Put<uint8_t>(offset, s ? 1 : 0);
    if (s) String(offset + 1, *s, 64, field);
  }
  void OptF32(size_t offset, const std::optional<float>& v) {
    Put<uint8_t>(offset, v ? 1 : 0);
    if (v) Put(offset + 4, *v);
  }
  void Fail(std::string message) {
    if (status_.ok()) status_ = absl::InvalidArgumentError(std::move(message));
  }
  const absl::Status& status() const { return status_; }

 private:
  solana::Bytes& out_;
  absl::Status status_;
};

void WriteCheckpoint(ImageWriter& w, size_t o, const Checkpoint& c) {
  w.Tag(o, c.index());
  auto hub = [&](const HubRepo& h) {
    w.OptString64(o + 4, h.revision, "checkpoint.revision");
    w.String(o + 69, h.repo_id, kRepoIdCapacity, "checkpoint.repo_id");
  };
  auto gcs = [&](const GcsRepo& g) {
    w.OptString64(o + 4, g.prefix, "checkpoint.prefix");
    w.String(o + 69, g.bucket, kBucketCapacity, "checkpoint.bucket");
  };
  if (auto* v = std::get_if<CheckpointDummy>(&c)) hub(v->repo);
  if (auto* v = std::get_if<CheckpointHub>(&c)) hub(v->repo);
  if (auto* v = std::get_if<CheckpointP2P>(&c)) hub(v->repo);
  if (auto* v = std::get_if<CheckpointGcs>(&c)) gcs(v->repo);
  if (auto* v = std::get_if<CheckpointP2PGcs>(&c)) gcs(v->repo);
}

void WriteDataLocation(ImageWriter& w, size_t o, const LLMTrainingDataLocation& d) {
  w.Tag(o, d.index());
  size_t p = o + 4;
  if (auto* v = std::get_if<DataLocationServer>(&d)) {
    w.String(p, v->address, kServerAddressCapacity, "data_location.Server");
  }
  if (auto* v = std::get_if<DataLocationLocal>(&d)) {
    w.String(p, v->path, kDataPathCapacity, "data_location.Local");
  }
  if (auto* v = std::get_if<DataLocationWeightedHttp>(&d)) {
    w.String(p, v->url, kDataPathCapacity, "data_location.WeightedHttp");
  }
  if (auto* v = std::get_if<DataLocationPreprocessed>(&d)) {
    w.String(p, v->location, kDataPathCapacity, "data_location.Preprocessed");
  }
  if (auto* h = std::get_if<DataLocationHttp>(&d)) {
    w.Tag(p, h->location.index());
    size_t q = p + 4;
    if (auto* s = std::get_if<HttpSingleUrl>(&h->location)) {
      w.String(q, s->url, kDataPathCapacity, "Http.SingleUrl");
    }
    if (auto* n = std::get_if<HttpNumberedFiles>(&h->location)) {
      w.String(q, n->url_template, kUrlTemplateCapacity, "Http.NumberedFiles.url_template");
      w.Put(q + 64, n->start_index);
      w.Put(q + 68, n->n_left_pad_zeros);
      w.Put(q + 72, n->num_files);
    }
    if (auto* g = std::get_if<HttpGcp>(&h->location)) {
      w.String(q, g->bucket_name, kGcpBucketNameCapacity, "Http.Gcp.bucket_name");
      w.String(q + 64, g->filter_directory, kGcpFilterDirectoryCapacity,
               "Http.Gcp.filter_directory");
    }
    w.Put(p + 260, static_cast<uint32_t>(h->token_size_in_bytes));
    w.Tag(p + 264, h->shuffle.index());
    if (auto* s = std::get_if<ShuffleSeeded>(&h->shuffle)) {
      for (size_t i = 0; i < s->seed.size(); ++i) w.Put(p + 268 + i, s->seed[i]);
    }
  }
}

void WriteLr(ImageWriter& w, size_t o, const LearningRateSchedule& lr) {
  w.Tag(o, lr.index());
  size_t p = o + 8;
  if (auto* c = std::get_if<LrConstant>(&lr)) {
    w.Put(p, c->base_lr);
    w.Put(p + 8, c->warmup_init_lr);
    w.Put(p + 16, c->warmup_steps);
  }
  auto linear = [&](const auto& v) {
    w.Put(p, v.base_lr);
    w.Put(p + 8, v.warmup_init_lr);
    w.Put(p + 16, v.final_lr);
    w.Put(p + 24, v.warmup_steps);
    w.Put(p + 28, v.total_steps);
  };
  if (auto* v = std::get_if<LrLinear>(&lr)) linear(*v);
  if (auto* v = std::get_if<LrCosine>(&lr)) linear(*v);
  if (auto* s = std::get_if<LrWarmupStableDecay>(&lr)) {
    w.Put(p, s->base_lr);
    w.Put(p + 8, s->warmup_init_lr);
    w.Put(p + 16, s->cosine_decay_final_lr);
    w.Put(p + 24, s->linear_decay_final_lr);
    w.Put(p + 32, s->warmup_steps);
    w.Put(p + 36, s->stable_steps);
    w.Put(p + 40, s->cosine_decay_steps);
    w.Put(p + 44, s->linear_decay_steps);
  }
}

void WriteOptimizer(ImageWriter& w, size_t o, const OptimizerDefinition& opt) {
  w.Tag(o, opt.index());
  size_t p = o + 4;
  if (auto* a = std::get_if<OptimizerAdamW>(&opt)) {
    w.Put(p, a->betas[0]);
    w.Put(p + 4, a->betas[1]);
    w.Put(p + 8, a->weight_decay);
    w.Put(p + 12, a->eps);
    w.OptF32(p + 16, a->clip_grad_norm);
  }
  if (auto* d = std::get_if<OptimizerDistro>(&opt)) {
    w.OptF32(p, d->clip_grad_norm);
    w.OptF32(p + 8, d->weight_decay);
    w.Put(p + 16, d->compression_decay);
    w.Put(p + 20, d->compression_topk);
    w.Put(p + 22, d->compression_chunk);
    w.Put<uint8_t>(p + 24, d->quantize_1bit ? 1 : 0);
  }
}

void WriteModel(ImageWriter& w, const Model& model) {
  const LLM& l = std::get<LLM>(model);
  w.Tag(416, model.index());
  size_t o = 424;
  w.Put(o, l.max_seq_len);
  w.Put(o + 4, l.cold_start_warmup_steps);
  w.Put(o + 8, static_cast<uint32_t>(l.architecture));
  WriteCheckpoint(w, o + 12, l.checkpoint);
  w.Put(o + 148, static_cast<uint32_t>(l.data_type));
  WriteDataLocation(w, o + 152, l.data_location);
  WriteLr(w, o + 456, l.lr_schedule);
  WriteOptimizer(w, o + 512, l.optimizer);
}

void WriteConfig(ImageWriter& w, const CoordinatorConfig& c) {
  constexpr size_t o = 968;
  w.Put(o, c.warmup_time);
  w.Put(o + 8, c.cooldown_time);
  w.Put(o + 16, c.max_round_train_time);
  w.Put(o + 24, c.round_witness_time);
  w.Put(o + 32, c.global_batch_size_warmup_tokens);
  w.Put(o + 40, c.epoch_time);
  w.Put(o + 48, c.total_steps);
  w.Put(o + 52, c.init_min_clients);
  w.Put(o + 54, c.min_clients);
  w.Put(o + 56, c.witness_nodes);
  w.Put(o + 58, c.global_batch_size_start);
  w.Put(o + 60, c.global_batch_size_end);
  w.Put(o + 62, c.verification_percent);
  w.Put(o + 63, c.waiting_for_members_extra_time);
}

void WriteEpochClients(ImageWriter& w, size_t data, size_t len_offset,
                       const std::vector<EpochClient>& list, absl::string_view field) {
  if (list.size() > kMaxClients) return w.Fail(absl::StrCat(field, ": more than 256 entries"));
  for (size_t k = 0; k < list.size(); ++k) {
    size_t o = data + 72 * k;
    w.Key(o, list[k].id.signer);
    w.Key(o + 32, list[k].id.p2p_identity);
    w.Put(o + 64, static_cast<uint8_t>(list[k].state));
    w.Put(o + 68, list[k].exited_height);
  }
  w.Put<uint64_t>(len_offset, list.size());
}

void WriteEpochState(ImageWriter& w, const EpochState& e) {
  constexpr size_t o = 1048;
  for (size_t i = 0; i < 4; ++i) {
    size_t r = o + 14112 * i;
    if (e.rounds[i].witnesses_len != 0) {
      // The witnesses themselves are not modelled, so a non-zero count could not be honest.
      return w.Fail("epoch_state.rounds: witnesses are not encodable");
    }
    w.Put(r + 14088, e.rounds[i].data_index);
    w.Put(r + 14096, e.rounds[i].random_seed);
    w.Put(r + 14104, e.rounds[i].height);
    w.Put(r + 14108, e.rounds[i].clients_len);
    w.Put(r + 14110, e.rounds[i].tie_breaker_tasks);
  }
  WriteEpochClients(w, 57496, 75928, e.clients, "epoch_state.clients");
  WriteEpochClients(w, 75936, 94368, e.exited_clients, "epoch_state.exited_clients");
  w.Put(94376, e.rounds_head);
  w.Put(94380, e.start_step);
  w.Put(94384, e.last_step);
  w.Put(94392, e.start_timestamp);
  w.Put<uint8_t>(94400, e.first_round ? 1 : 0);
  w.Put<uint8_t>(94401, e.cold_start_epoch ? 1 : 0);
}

void WriteClientsState(ImageWriter& w, const ClientsState& cs) {
  constexpr size_t o = 94424;
  if (cs.clients.size() > kMaxClients) {
    return w.Fail("clients_state.clients: more than 256 entries");
  }
  for (size_t k = 0; k < cs.clients.size(); ++k) {
    size_t e = o + 96 * k;
    w.Key(e, cs.clients[k].id.signer);
    w.Key(e + 32, cs.clients[k].id.p2p_identity);
    w.Put(e + 72, cs.clients[k].earned);
    w.Put(e + 80, cs.clients[k].slashed);
    w.Put(e + 88, cs.clients[k].active);
  }
  w.Put<uint64_t>(119000, cs.clients.size());
  w.Put(119008, cs.next_active);
  w.Put(119016, cs.current_epoch_rates.earning_rate_total_shared);
  w.Put(119024, cs.current_epoch_rates.slashing_rate_per_client);
  w.Put(119032, cs.future_epoch_rates.earning_rate_total_shared);
  w.Put(119040, cs.future_epoch_rates.slashing_rate_per_client);
}

}  // namespace

absl::StatusOr<solana::Bytes> EncodeCoordinatorAccount(const CoordinatorState& s) {
  solana::Bytes out(kCoordinatorAccountSize, 0);
  ImageWriter w(&out);
  const auto& d = CoordinatorAccountDiscriminator();
  std::memcpy(out.data(), d.data(), d.size());
  w.Put(8, kCoordinatorAccountVersion);
  w.String(16, s.metadata.name, kMetadataNameCapacity, "metadata.name");
  w.String(80, s.metadata.description, kMetadataDescriptionCapacity, "metadata.description");
  w.Put(360, s.metadata.num_parameters);
  w.Put(368, s.metadata.vocab_size);
  w.String(376, s.run_id, kRunIdCapacity, "run_id");
  w.Put(408, static_cast<uint8_t>(s.run_state));
  WriteModel(w, s.model);
  WriteConfig(w, s.config);
  w.Put(1032, s.progress.epoch);
  w.Put(1036, s.progress.step);
  w.Put(1040, s.progress.epoch_start_data_index);
  WriteEpochState(w, s.epoch_state);
  w.Put(94408, s.run_state_start_unix_timestamp);
  w.Put<uint8_t>(94416, s.pending_pause ? 1 : 0);
  WriteClientsState(w, s.clients_state);
  w.Put<uint8_t>(119048, s.is_warmup_first_tick ? 1 : 0);
  w.Put<uint8_t>(119049, s.is_training_first_tick ? 1 : 0);
  if (s.client_version) {
    w.String(119050, *s.client_version, kClientVersionCapacity, "client_version");
  }
  w.Put(119152, s.nonce);
  if (!w.status().ok()) return w.status();
  return out;
}

}  // namespace psyche
