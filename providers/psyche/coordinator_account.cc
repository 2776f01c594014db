#include "providers/psyche/coordinator_account.h"

#include "absl/strings/str_cat.h"
#include "providers/psyche/account_checks.h"
#include "providers/psyche/offset_reader.h"

namespace psyche {
namespace {

constexpr absl::string_view kName = "CoordinatorAccount";

// Data offsets (including the discriminator) of the parts whose position differs by layout.
// Offsets inside Model, Progress, Round, client entries and ClientsState are the same in both.
struct Layout {
  CoordinatorLayout kind;
  size_t size;
  size_t metadata;
  size_t run_id;
  size_t run_id_capacity;
  size_t run_state;
  size_t model;
  size_t config;
  size_t progress;
  size_t epoch_state;
  size_t run_state_start;
  size_t pending_pause;
  size_t clients_state;
  size_t first_ticks;     // is_warmup_first_tick; is_training_first_tick follows
  size_t client_version;  // 0 = absent (v0)
  size_t nonce;
  // Variant counts known to the programs of that era.
  uint32_t architectures;
  uint32_t checkpoints;
  uint32_t data_locations;
};

constexpr Layout kV1 = {CoordinatorLayout::kV1,
                        kCoordinatorAccountSize,
                        16,
                        376,
                        32,
                        408,
                        416,
                        968,
                        1032,
                        1048,
                        94408,
                        94416,
                        94424,
                        119048,
                        119050,
                        119152,
                        4,
                        6,
                        6};
constexpr Layout kV0 = {CoordinatorLayout::kV0,
                        kCoordinatorAccountSizeV0,
                        8,
                        368,
                        64,
                        432,
                        440,
                        992,
                        1056,
                        1072,
                        94416,
                        94424,
                        94432,
                        119056,
                        0,
                        119064,
                        2,
                        4,
                        5};

// Relative offsets shared by both layouts (spec 3.6, 3.9, 3.10).
constexpr size_t kLlmInModel = 8;
constexpr size_t kRoundSize = 14112;
constexpr size_t kEpochClientsData = 4 * kRoundSize;  // 56,448
constexpr size_t kEpochClientSize = 72;
constexpr size_t kEpochClientsLen = kEpochClientsData + kMaxClients * kEpochClientSize;  // 74,880
constexpr size_t kEpochExitedData = kEpochClientsLen + 8;
constexpr size_t kEpochExitedLen = kEpochExitedData + kMaxClients * kEpochClientSize;  // 93,320
constexpr size_t kEpochTail = kEpochExitedLen + 8;  // rounds_head (93,328)
constexpr size_t kRegisteredClientSize = 96;
constexpr size_t kClientsLen = kMaxClients * kRegisteredClientSize;  // 24,576

class Decoder {
 public:
  Decoder(solana::ByteView data, const Layout& layout) : r_(data, kName), l_(layout) {}

  absl::StatusOr<CoordinatorState> Decode() {
    CoordinatorState s;
    s.layout = l_.kind;
    RETURN_IF_ERROR(ReadMetadata(&s.metadata));
    ASSIGN_OR_RETURN(s.run_id,
                     r_.FixedString(l_.run_id, l_.run_id_capacity, "state.coordinator.run_id"));
    ASSIGN_OR_RETURN(uint8_t rs, r_.Tag8(l_.run_state, 8, "state.coordinator.run_state"));
    s.run_state = static_cast<RunState>(rs);
    RETURN_IF_ERROR(ReadModel(&s.model));
    RETURN_IF_ERROR(ReadConfig(&s));
    RETURN_IF_ERROR(ReadProgress(&s.progress));
    RETURN_IF_ERROR(ReadEpochState(&s.epoch_state));
    ASSIGN_OR_RETURN(
        s.run_state_start_unix_timestamp,
        r_.U64(l_.run_state_start, "state.coordinator.run_state_start_unix_timestamp"));
    ASSIGN_OR_RETURN(s.pending_pause,
                     r_.SmallBoolean(l_.pending_pause, "state.coordinator.pending_pause"));
    RETURN_IF_ERROR(ReadClientsState(&s.clients_state));
    ASSIGN_OR_RETURN(s.is_warmup_first_tick,
                     r_.SmallBoolean(l_.first_ticks, "state.is_warmup_first_tick"));
    ASSIGN_OR_RETURN(s.is_training_first_tick,
                     r_.SmallBoolean(l_.first_ticks + 1, "state.is_training_first_tick"));
    if (l_.client_version != 0) {
      ASSIGN_OR_RETURN(s.client_version, r_.FixedString(l_.client_version, kClientVersionCapacity,
                                                        "state.client_version"));
    }
    ASSIGN_OR_RETURN(s.nonce, r_.U64(l_.nonce, "nonce"));
    return s;
  }

 private:
  absl::Status ReadMetadata(RunMetadata* m) {
    size_t o = l_.metadata;
    ASSIGN_OR_RETURN(m->name, r_.FixedString(o, kMetadataNameCapacity, "state.metadata.name"));
    ASSIGN_OR_RETURN(m->description, r_.FixedString(o + 64, kMetadataDescriptionCapacity,
                                                    "state.metadata.description"));
    ASSIGN_OR_RETURN(m->num_parameters, r_.U64(o + 344, "state.metadata.num_parameters"));
    ASSIGN_OR_RETURN(m->vocab_size, r_.U64(o + 352, "state.metadata.vocab_size"));
    return absl::OkStatus();
  }

  absl::Status ReadModel(Model* model) {
    RETURN_IF_ERROR(r_.Tag32(l_.model, 1, "state.coordinator.model").status());
    size_t o = l_.model + kLlmInModel;
    LLM llm;
    ASSIGN_OR_RETURN(llm.max_seq_len, r_.U32(o, "model.llm.max_seq_len"));
    ASSIGN_OR_RETURN(llm.cold_start_warmup_steps,
                     r_.U32(o + 4, "model.llm.cold_start_warmup_steps"));
    ASSIGN_OR_RETURN(uint32_t arch, r_.Tag32(o + 8, l_.architectures, "model.llm.architecture"));
    llm.architecture = static_cast<LLMArchitecture>(arch);
    ASSIGN_OR_RETURN(llm.checkpoint, ReadCheckpoint(o + 12));
    ASSIGN_OR_RETURN(uint32_t dt, r_.Tag32(o + 148, 2, "model.llm.data_type"));
    llm.data_type = static_cast<LLMTrainingDataType>(dt);
    ASSIGN_OR_RETURN(llm.data_location, ReadDataLocation(o + 152));
    ASSIGN_OR_RETURN(llm.lr_schedule, ReadLrSchedule(o + 456));
    ASSIGN_OR_RETURN(llm.optimizer, ReadOptimizer(o + 512));
    *model = std::move(llm);
    return absl::OkStatus();
  }

  // Rust's own layout of Option<FS<64>>: tag byte then 64 bytes.
  absl::StatusOr<std::optional<std::string>> ReadOptString64(size_t o, absl::string_view field) {
    ASSIGN_OR_RETURN(bool some, r_.StrictBool(o, field));
    if (!some) return std::optional<std::string>();
    ASSIGN_OR_RETURN(std::string v, r_.FixedString(o + 1, 64, field));
    return std::optional<std::string>(std::move(v));
  }

  // HubRepo/GcsRepo in memory: option first (rel 0..65), then the string (65..129).
  absl::StatusOr<HubRepo> ReadHubRepo(size_t o) {
    HubRepo h;
    ASSIGN_OR_RETURN(h.revision, ReadOptString64(o, "model.llm.checkpoint.revision"));
    ASSIGN_OR_RETURN(h.repo_id,
                     r_.FixedString(o + 65, kRepoIdCapacity, "model.llm.checkpoint.repo_id"));
    return h;
  }
  absl::StatusOr<GcsRepo> ReadGcsRepo(size_t o) {
    GcsRepo g;
    ASSIGN_OR_RETURN(g.prefix, ReadOptString64(o, "model.llm.checkpoint.prefix"));
    ASSIGN_OR_RETURN(g.bucket,
                     r_.FixedString(o + 65, kBucketCapacity, "model.llm.checkpoint.bucket"));
    return g;
  }

  absl::StatusOr<Checkpoint> ReadCheckpoint(size_t o) {
    ASSIGN_OR_RETURN(uint32_t tag, r_.Tag32(o, l_.checkpoints, "model.llm.checkpoint"));
    size_t p = o + 4;
    switch (tag) {
      case 0:
        return Checkpoint(CheckpointEphemeral{});
      case 1: {
        ASSIGN_OR_RETURN(HubRepo h, ReadHubRepo(p));
        return Checkpoint(CheckpointDummy{std::move(h)});
      }
      case 2: {
        ASSIGN_OR_RETURN(HubRepo h, ReadHubRepo(p));
        return Checkpoint(CheckpointHub{std::move(h)});
      }
      case 3: {
        ASSIGN_OR_RETURN(HubRepo h, ReadHubRepo(p));
        return Checkpoint(CheckpointP2P{std::move(h)});
      }
      case 4: {
        ASSIGN_OR_RETURN(GcsRepo g, ReadGcsRepo(p));
        return Checkpoint(CheckpointGcs{std::move(g)});
      }
      default: {
        ASSIGN_OR_RETURN(GcsRepo g, ReadGcsRepo(p));
        return Checkpoint(CheckpointP2PGcs{std::move(g)});
      }
    }
  }

  absl::StatusOr<HttpTrainingDataLocation> ReadHttpLocation(size_t o) {
    ASSIGN_OR_RETURN(uint32_t tag, r_.Tag32(o, 3, "model.llm.data_location.Http.location"));
    size_t p = o + 4;
    if (tag == 0) {
      ASSIGN_OR_RETURN(std::string url, r_.FixedString(p, kDataPathCapacity,
                                                       "model.llm.data_location.Http.SingleUrl"));
      return HttpTrainingDataLocation(HttpSingleUrl{std::move(url)});
    }
    if (tag == 1) {
      HttpNumberedFiles n;
      ASSIGN_OR_RETURN(n.url_template,
                       r_.FixedString(p, kUrlTemplateCapacity,
                                      "model.llm.data_location.Http.NumberedFiles.url_template"));
      ASSIGN_OR_RETURN(n.start_index,
                       r_.U32(p + 64, "model.llm.data_location.Http.NumberedFiles.start_index"));
      ASSIGN_OR_RETURN(
          n.n_left_pad_zeros,
          r_.U8(p + 68, "model.llm.data_location.Http.NumberedFiles.n_left_pad_zeros"));
      ASSIGN_OR_RETURN(n.num_files,
                       r_.U32(p + 72, "model.llm.data_location.Http.NumberedFiles.num_files"));
      return HttpTrainingDataLocation(std::move(n));
    }
    HttpGcp g;
    ASSIGN_OR_RETURN(g.bucket_name, r_.FixedString(p, kGcpBucketNameCapacity,
                                                   "model.llm.data_location.Http.Gcp.bucket_name"));
    ASSIGN_OR_RETURN(g.filter_directory,
                     r_.FixedString(p + 64, kGcpFilterDirectoryCapacity,
                                    "model.llm.data_location.Http.Gcp.filter_directory"));
    return HttpTrainingDataLocation(std::move(g));
  }

  absl::StatusOr<LLMTrainingDataLocation> ReadDataLocation(size_t o) {
    ASSIGN_OR_RETURN(uint32_t tag, r_.Tag32(o, l_.data_locations, "model.llm.data_location"));
    size_t p = o + 4;
    switch (tag) {
      case 0:
        return LLMTrainingDataLocation(DataLocationDummy{});
      case 1: {
        ASSIGN_OR_RETURN(std::string s, r_.FixedString(p, kServerAddressCapacity,
                                                       "model.llm.data_location.Server"));
        return LLMTrainingDataLocation(DataLocationServer{std::move(s)});
      }
      case 2: {
        ASSIGN_OR_RETURN(std::string s,
                         r_.FixedString(p, kDataPathCapacity, "model.llm.data_location.Local"));
        return LLMTrainingDataLocation(DataLocationLocal{std::move(s)});
      }
      case 3: {
        DataLocationHttp h;
        ASSIGN_OR_RETURN(h.location, ReadHttpLocation(p));
        ASSIGN_OR_RETURN(uint32_t ts,
                         r_.Tag32(p + 260, 2, "model.llm.data_location.Http.token_size_in_bytes"));
        h.token_size_in_bytes = static_cast<TokenSize>(ts);
        ASSIGN_OR_RETURN(uint32_t sh, r_.Tag32(p + 264, 2, "model.llm.data_location.Http.shuffle"));
        if (sh == 0) {
          h.shuffle = ShuffleDontShuffle{};
        } else {
          ShuffleSeeded seeded;
          ASSIGN_OR_RETURN(solana::ByteView seed,
                           r_.Bytes(p + 268, 32, "model.llm.data_location.Http.shuffle.Seeded"));
          std::copy(seed.begin(), seed.end(), seeded.seed.begin());
          h.shuffle = seeded;
        }
        return LLMTrainingDataLocation(std::move(h));
      }
      case 4: {
        ASSIGN_OR_RETURN(std::string s, r_.FixedString(p, kDataPathCapacity,
                                                       "model.llm.data_location.WeightedHttp"));
        return LLMTrainingDataLocation(DataLocationWeightedHttp{std::move(s)});
      }
      default: {
        ASSIGN_OR_RETURN(std::string s, r_.FixedString(p, kDataPathCapacity,
                                                       "model.llm.data_location.Preprocessed"));
        return LLMTrainingDataLocation(DataLocationPreprocessed{std::move(s)});
      }
    }
  }

  absl::StatusOr<LearningRateSchedule> ReadLrSchedule(size_t o) {
    ASSIGN_OR_RETURN(uint32_t tag, r_.Tag32(o, 4, "model.llm.lr_schedule"));
    size_t p = o + 8;  // 4 padding bytes after the tag (f64 alignment)
    constexpr absl::string_view f = "model.llm.lr_schedule";
    if (tag == 0) {
      LrConstant c;
      ASSIGN_OR_RETURN(c.base_lr, r_.F64(p, f));
      ASSIGN_OR_RETURN(c.warmup_init_lr, r_.F64(p + 8, f));
      ASSIGN_OR_RETURN(c.warmup_steps, r_.U32(p + 16, f));
      return LearningRateSchedule(c);
    }
    if (tag == 1 || tag == 2) {
      LrLinear v;
      ASSIGN_OR_RETURN(v.base_lr, r_.F64(p, f));
      ASSIGN_OR_RETURN(v.warmup_init_lr, r_.F64(p + 8, f));
      ASSIGN_OR_RETURN(v.final_lr, r_.F64(p + 16, f));
      ASSIGN_OR_RETURN(v.warmup_steps, r_.U32(p + 24, f));
      ASSIGN_OR_RETURN(v.total_steps, r_.U32(p + 28, f));
      if (tag == 1) return LearningRateSchedule(v);
      return LearningRateSchedule(
          LrCosine{v.base_lr, v.warmup_init_lr, v.final_lr, v.warmup_steps, v.total_steps});
    }
    LrWarmupStableDecay w;
    ASSIGN_OR_RETURN(w.base_lr, r_.F64(p, f));
    ASSIGN_OR_RETURN(w.warmup_init_lr, r_.F64(p + 8, f));
    ASSIGN_OR_RETURN(w.cosine_decay_final_lr, r_.F64(p + 16, f));
    ASSIGN_OR_RETURN(w.linear_decay_final_lr, r_.F64(p + 24, f));
    ASSIGN_OR_RETURN(w.warmup_steps, r_.U32(p + 32, f));
    ASSIGN_OR_RETURN(w.stable_steps, r_.U32(p + 36, f));
    ASSIGN_OR_RETURN(w.cosine_decay_steps, r_.U32(p + 40, f));
    ASSIGN_OR_RETURN(w.linear_decay_steps, r_.U32(p + 44, f));
    return LearningRateSchedule(w);
  }

  // Rust's own layout of Option<f32>: tag byte, 3 padding bytes, f32.
  absl::StatusOr<std::optional<float>> ReadOptF32(size_t o, absl::string_view field) {
    ASSIGN_OR_RETURN(bool some, r_.StrictBool(o, field));
    if (!some) return std::optional<float>();
    ASSIGN_OR_RETURN(float v, r_.F32(o + 4, field));
    return std::optional<float>(v);
  }

  absl::StatusOr<OptimizerDefinition> ReadOptimizer(size_t o) {
    ASSIGN_OR_RETURN(uint32_t tag, r_.Tag32(o, 3, "model.llm.optimizer"));
    size_t p = o + 4;
    if (tag == 0) return OptimizerDefinition(OptimizerDummy{});
    if (tag == 1) {
      constexpr absl::string_view f = "model.llm.optimizer.AdamW";
      OptimizerAdamW a;
      ASSIGN_OR_RETURN(a.betas[0], r_.F32(p, f));
      ASSIGN_OR_RETURN(a.betas[1], r_.F32(p + 4, f));
      ASSIGN_OR_RETURN(a.weight_decay, r_.F32(p + 8, f));
      ASSIGN_OR_RETURN(a.eps, r_.F32(p + 12, f));
      ASSIGN_OR_RETURN(a.clip_grad_norm,
                       ReadOptF32(p + 16, "model.llm.optimizer.AdamW.clip_grad_norm"));
      return OptimizerDefinition(a);
    }
    constexpr absl::string_view f = "model.llm.optimizer.Distro";
    OptimizerDistro d;
    ASSIGN_OR_RETURN(d.clip_grad_norm, ReadOptF32(p, "model.llm.optimizer.Distro.clip_grad_norm"));
    ASSIGN_OR_RETURN(d.weight_decay, ReadOptF32(p + 8, "model.llm.optimizer.Distro.weight_decay"));
    ASSIGN_OR_RETURN(d.compression_decay, r_.F32(p + 16, f));
    ASSIGN_OR_RETURN(d.compression_topk, r_.U16(p + 20, f));
    ASSIGN_OR_RETURN(d.compression_chunk, r_.U16(p + 22, f));
    ASSIGN_OR_RETURN(d.quantize_1bit,
                     r_.StrictBool(p + 24, "model.llm.optimizer.Distro.quantize_1bit"));
    return OptimizerDefinition(d);
  }

  absl::Status ReadConfig(CoordinatorState* s) {
    size_t o = l_.config;
    CoordinatorConfig& c = s->config;
    ASSIGN_OR_RETURN(c.warmup_time, r_.U64(o, "config.warmup_time"));
    ASSIGN_OR_RETURN(c.cooldown_time, r_.U64(o + 8, "config.cooldown_time"));
    ASSIGN_OR_RETURN(c.max_round_train_time, r_.U64(o + 16, "config.max_round_train_time"));
    ASSIGN_OR_RETURN(c.round_witness_time, r_.U64(o + 24, "config.round_witness_time"));
    ASSIGN_OR_RETURN(c.global_batch_size_warmup_tokens,
                     r_.U64(o + 32, "config.global_batch_size_warmup_tokens"));
    size_t q;  // start of total_steps
    if (l_.kind == CoordinatorLayout::kV1) {
      ASSIGN_OR_RETURN(c.epoch_time, r_.U64(o + 40, "config.epoch_time"));
      q = o + 48;
    } else {
      ASSIGN_OR_RETURN(s->rounds_per_epoch, r_.U32(o + 40, "config.rounds_per_epoch"));
      q = o + 44;
    }
    ASSIGN_OR_RETURN(c.total_steps, r_.U32(q, "config.total_steps"));
    ASSIGN_OR_RETURN(c.init_min_clients, r_.U16(q + 4, "config.init_min_clients"));
    ASSIGN_OR_RETURN(c.min_clients, r_.U16(q + 6, "config.min_clients"));
    ASSIGN_OR_RETURN(c.witness_nodes, r_.U16(q + 8, "config.witness_nodes"));
    ASSIGN_OR_RETURN(c.global_batch_size_start, r_.U16(q + 10, "config.global_batch_size_start"));
    ASSIGN_OR_RETURN(c.global_batch_size_end, r_.U16(q + 12, "config.global_batch_size_end"));
    ASSIGN_OR_RETURN(c.verification_percent, r_.U8(q + 14, "config.verification_percent"));
    if (l_.kind == CoordinatorLayout::kV1) {
      ASSIGN_OR_RETURN(c.waiting_for_members_extra_time,
                       r_.U8(q + 15, "config.waiting_for_members_extra_time"));
    }
    return absl::OkStatus();
  }

  absl::Status ReadProgress(CoordinatorProgress* p) {
    size_t o = l_.progress;
    ASSIGN_OR_RETURN(p->epoch, r_.U16(o, "progress.epoch"));
    ASSIGN_OR_RETURN(p->step, r_.U32(o + 4, "progress.step"));
    ASSIGN_OR_RETURN(p->epoch_start_data_index, r_.U64(o + 8, "progress.epoch_start_data_index"));
    return absl::OkStatus();
  }

  // FixedVec len at `o`, rejected above capacity (checklist 6).
  absl::StatusOr<size_t> ReadLen(size_t o, uint64_t capacity, absl::string_view field) {
    ASSIGN_OR_RETURN(uint64_t len, r_.U64(o, field));
    if (len > capacity) {
      return r_.Error(field, o, absl::StrCat("length ", len, " exceeds capacity ", capacity));
    }
    return static_cast<size_t>(len);
  }

  absl::StatusOr<NodeIdentity> ReadNodeIdentity(size_t o, absl::string_view field) {
    NodeIdentity id;
    ASSIGN_OR_RETURN(id.signer, r_.Key(o, field));
    ASSIGN_OR_RETURN(id.p2p_identity, r_.Key(o + 32, field));
    return id;
  }

  absl::Status ReadEpochClients(size_t data, size_t len_offset, absl::string_view field,
                                std::vector<EpochClient>* out) {
    ASSIGN_OR_RETURN(size_t len, ReadLen(len_offset, kMaxClients, field));
    out->reserve(len);
    for (size_t k = 0; k < len; ++k) {
      size_t o = data + k * kEpochClientSize;
      EpochClient c;
      ASSIGN_OR_RETURN(c.id, ReadNodeIdentity(o, field));
      ASSIGN_OR_RETURN(uint8_t st, r_.Tag8(o + 64, 4, field));
      c.state = static_cast<ClientState>(st);
      ASSIGN_OR_RETURN(c.exited_height, r_.U32(o + 68, field));
      out->push_back(c);
    }
    return absl::OkStatus();
  }

  absl::Status ReadEpochState(EpochState* e) {
    size_t o = l_.epoch_state;
    for (size_t i = 0; i < 4; ++i) {
      size_t r = o + i * kRoundSize;
      RoundSummary& s = e->rounds[i];
      ASSIGN_OR_RETURN(s.witnesses_len, ReadLen(r + 14080, 32, "epoch_state.rounds.witnesses.len"));
      ASSIGN_OR_RETURN(s.data_index, r_.U64(r + 14088, "epoch_state.rounds.data_index"));
      ASSIGN_OR_RETURN(s.random_seed, r_.U64(r + 14096, "epoch_state.rounds.random_seed"));
      ASSIGN_OR_RETURN(s.height, r_.U32(r + 14104, "epoch_state.rounds.height"));
      ASSIGN_OR_RETURN(s.clients_len, r_.U16(r + 14108, "epoch_state.rounds.clients_len"));
      ASSIGN_OR_RETURN(s.tie_breaker_tasks,
                       r_.U16(r + 14110, "epoch_state.rounds.tie_breaker_tasks"));
    }
    RETURN_IF_ERROR(ReadEpochClients(o + kEpochClientsData, o + kEpochClientsLen,
                                     "epoch_state.clients", &e->clients));
    RETURN_IF_ERROR(ReadEpochClients(o + kEpochExitedData, o + kEpochExitedLen,
                                     "epoch_state.exited_clients", &e->exited_clients));
    size_t t = o + kEpochTail;
    ASSIGN_OR_RETURN(e->rounds_head, r_.U32(t, "epoch_state.rounds_head"));
    if (e->rounds_head >= 4) {
      return r_.Error("epoch_state.rounds_head", t,
                      absl::StrCat("index ", e->rounds_head, " outside the 4-round ring"));
    }
    ASSIGN_OR_RETURN(e->start_step, r_.U32(t + 4, "epoch_state.start_step"));
    if (l_.kind == CoordinatorLayout::kV1) {
      ASSIGN_OR_RETURN(e->last_step, r_.U32(t + 8, "epoch_state.last_step"));
      ASSIGN_OR_RETURN(e->start_timestamp, r_.U64(t + 16, "epoch_state.start_timestamp"));
      ASSIGN_OR_RETURN(e->first_round, r_.SmallBoolean(t + 24, "epoch_state.first_round"));
      ASSIGN_OR_RETURN(e->cold_start_epoch,
                       r_.SmallBoolean(t + 25, "epoch_state.cold_start_epoch"));
    } else {
      ASSIGN_OR_RETURN(e->first_round, r_.SmallBoolean(t + 8, "epoch_state.first_round"));
      ASSIGN_OR_RETURN(e->checkpointed, r_.SmallBoolean(t + 9, "epoch_state.checkpointed"));
      ASSIGN_OR_RETURN(e->cold_start_epoch,
                       r_.SmallBoolean(t + 10, "epoch_state.cold_start_epoch"));
    }
    return absl::OkStatus();
  }

  absl::Status ReadRates(size_t o, absl::string_view field, ClientsEpochRates* rates) {
    ASSIGN_OR_RETURN(rates->earning_rate_total_shared, r_.U64(o, field));
    ASSIGN_OR_RETURN(rates->slashing_rate_per_client, r_.U64(o + 8, field));
    return absl::OkStatus();
  }

  absl::Status ReadClientsState(ClientsState* cs) {
    size_t o = l_.clients_state;
    ASSIGN_OR_RETURN(size_t len,
                     ReadLen(o + kClientsLen, kMaxClients, "clients_state.clients.len"));
    cs->clients.reserve(len);
    for (size_t k = 0; k < len; ++k) {
      size_t e = o + k * kRegisteredClientSize;
      RegisteredClient c;
      ASSIGN_OR_RETURN(c.id, ReadNodeIdentity(e, "clients_state.clients.id"));
      ASSIGN_OR_RETURN(c.earned, r_.U64(e + 72, "clients_state.clients.earned"));
      ASSIGN_OR_RETURN(c.slashed, r_.U64(e + 80, "clients_state.clients.slashed"));
      ASSIGN_OR_RETURN(c.active, r_.U64(e + 88, "clients_state.clients.active"));
      cs->clients.push_back(c);
    }
    ASSIGN_OR_RETURN(cs->next_active, r_.U64(o + kClientsLen + 8, "clients_state.next_active"));
    RETURN_IF_ERROR(ReadRates(o + kClientsLen + 16, "clients_state.current_epoch_rates",
                              &cs->current_epoch_rates));
    RETURN_IF_ERROR(ReadRates(o + kClientsLen + 32, "clients_state.future_epoch_rates",
                              &cs->future_epoch_rates));
    return absl::OkStatus();
  }

  OffsetReader r_;
  const Layout& l_;
};

}  // namespace

const AnchorDiscriminator& CoordinatorAccountDiscriminator() {
  static const AnchorDiscriminator d = AnchorAccountDiscriminator(kName);
  return d;
}

absl::StatusOr<CoordinatorLayout> DetectCoordinatorLayout(solana::ByteView data) {
  RETURN_IF_ERROR(CheckDiscriminator(data, CoordinatorAccountDiscriminator(), kName));
  if (data.size() == kCoordinatorAccountSizeV0) return CoordinatorLayout::kV0;
  OffsetReader r(data, kName);
  ASSIGN_OR_RETURN(uint64_t version, r.U64(8, "version"));
  if (version != kCoordinatorAccountVersion) {
    return r.Error("version", 8,
                   absl::StrCat("unknown layout version ", version, " (data is ", data.size(),
                                " bytes; only version 1 is supported)"));
  }
  if (data.size() != kCoordinatorAccountSize) {
    return absl::InvalidArgumentError(absl::StrCat(kName, ": data is ", data.size(),
                                                   " bytes, expected ", kCoordinatorAccountSize,
                                                   " for layout version 1"));
  }
  return CoordinatorLayout::kV1;
}

absl::StatusOr<CoordinatorState> DecodeCoordinatorAccount(solana::ByteView data) {
  ASSIGN_OR_RETURN(CoordinatorLayout layout, DetectCoordinatorLayout(data));
  return Decoder(data, layout == CoordinatorLayout::kV1 ? kV1 : kV0).Decode();
}

absl::StatusOr<CoordinatorState> DecodeCoordinatorAccount(solana::ByteView data,
                                                          const solana::Pubkey& owner,
                                                          const solana::Pubkey& program_id) {
  RETURN_IF_ERROR(CheckOwner(owner, program_id, kName));
  return DecodeCoordinatorAccount(data);
}

}  // namespace psyche
