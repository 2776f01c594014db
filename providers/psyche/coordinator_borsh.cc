#include "providers/psyche/coordinator_borsh.h"

#include <type_traits>
#include <utility>

namespace psyche {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

template <typename Variant>
void WriteVariantTag(BorshWriter& w, const Variant& v) {
  w.EnumTag(static_cast<uint8_t>(v.index()));
}

void WriteOptionalF32(BorshWriter& w, const std::optional<float>& v, absl::string_view what) {
  w.OptionTag(v.has_value());
  if (v) w.F32(*v, what);
}

void WriteOptionalFixedString(BorshWriter& w, const std::optional<std::string>& v, size_t capacity,
                              absl::string_view what) {
  w.OptionTag(v.has_value());
  if (v) w.FixedString(*v, capacity, what);
}

void WriteHubRepo(BorshWriter& w, const HubRepo& v) {
  w.FixedString(v.repo_id, kRepoIdCapacity, "checkpoint.repo_id");
  WriteOptionalFixedString(w, v.revision, kRepoIdCapacity, "checkpoint.revision");
}

void WriteGcsRepo(BorshWriter& w, const GcsRepo& v) {
  w.FixedString(v.bucket, kBucketCapacity, "checkpoint.bucket");
  WriteOptionalFixedString(w, v.prefix, kBucketCapacity, "checkpoint.prefix");
}

void WriteHttpLocation(BorshWriter& w, const HttpTrainingDataLocation& v) {
  WriteVariantTag(w, v);
  std::visit(Overloaded{
                 [&](const HttpSingleUrl& s) {
                   w.FixedString(s.url, kDataPathCapacity, "data_location.Http.SingleUrl");
                 },
                 [&](const HttpNumberedFiles& s) {
                   w.FixedString(s.url_template, kUrlTemplateCapacity,
                                 "data_location.Http.NumberedFiles.url_template");
                   w.U32(s.start_index);
                   w.U8(s.n_left_pad_zeros);
                   w.U32(s.num_files);
                 },
                 [&](const HttpGcp& s) {
                   w.FixedString(s.bucket_name, kGcpBucketNameCapacity,
                                 "data_location.Http.Gcp.bucket_name");
                   w.FixedString(s.filter_directory, kGcpFilterDirectoryCapacity,
                                 "data_location.Http.Gcp.filter_directory");
                 },
             },
             v);
}

void WriteShuffle(BorshWriter& w, const Shuffle& v) {
  WriteVariantTag(w, v);
  if (const auto* s = std::get_if<ShuffleSeeded>(&v)) {
    w.Raw(ByteView(s->seed.data(), s->seed.size()));
  }
}

void WriteDataLocation(BorshWriter& w, const LLMTrainingDataLocation& v) {
  WriteVariantTag(w, v);
  std::visit(Overloaded{
                 [&](const DataLocationDummy&) {},
                 [&](const DataLocationServer& s) {
                   w.FixedString(s.address, kServerAddressCapacity, "data_location.Server");
                 },
                 [&](const DataLocationLocal& s) {
                   w.FixedString(s.path, kDataPathCapacity, "data_location.Local");
                 },
                 [&](const DataLocationHttp& s) {
                   WriteHttpLocation(w, s.location);
                   w.EnumTag(static_cast<uint8_t>(s.token_size_in_bytes));
                   WriteShuffle(w, s.shuffle);
                 },
                 [&](const DataLocationWeightedHttp& s) {
                   w.FixedString(s.url, kDataPathCapacity, "data_location.WeightedHttp");
                 },
                 [&](const DataLocationPreprocessed& s) {
                   w.FixedString(s.location, kDataPathCapacity, "data_location.Preprocessed");
                 },
             },
             v);
}

void WriteLrSchedule(BorshWriter& w, const LearningRateSchedule& v) {
  WriteVariantTag(w, v);
  auto linear_like = [&](const auto& s) {
    w.F64(s.base_lr, "lr_schedule.base_lr");
    w.F64(s.warmup_init_lr, "lr_schedule.warmup_init_lr");
    w.F64(s.final_lr, "lr_schedule.final_lr");
    w.U32(s.warmup_steps);
    w.U32(s.total_steps);
  };
  std::visit(Overloaded{
                 [&](const LrConstant& s) {
                   w.F64(s.base_lr, "lr_schedule.base_lr");
                   w.F64(s.warmup_init_lr, "lr_schedule.warmup_init_lr");
                   w.U32(s.warmup_steps);
                 },
                 [&](const LrLinear& s) { linear_like(s); },
                 [&](const LrCosine& s) { linear_like(s); },
                 [&](const LrWarmupStableDecay& s) {
                   w.F64(s.base_lr, "lr_schedule.base_lr");
                   w.F64(s.warmup_init_lr, "lr_schedule.warmup_init_lr");
                   w.F64(s.cosine_decay_final_lr, "lr_schedule.cosine_decay_final_lr");
                   w.F64(s.linear_decay_final_lr, "lr_schedule.linear_decay_final_lr");
                   w.U32(s.warmup_steps);
                   w.U32(s.stable_steps);
                   w.U32(s.cosine_decay_steps);
                   w.U32(s.linear_decay_steps);
                 },
             },
             v);
}

void WriteOptimizer(BorshWriter& w, const OptimizerDefinition& v) {
  WriteVariantTag(w, v);
  std::visit(Overloaded{
                 [&](const OptimizerDummy&) {},
                 [&](const OptimizerAdamW& s) {
                   w.F32(s.betas[0], "optimizer.AdamW.betas[0]");
                   w.F32(s.betas[1], "optimizer.AdamW.betas[1]");
                   w.F32(s.weight_decay, "optimizer.AdamW.weight_decay");
                   w.F32(s.eps, "optimizer.AdamW.eps");
                   WriteOptionalF32(w, s.clip_grad_norm, "optimizer.AdamW.clip_grad_norm");
                 },
                 [&](const OptimizerDistro& s) {
                   WriteOptionalF32(w, s.clip_grad_norm, "optimizer.Distro.clip_grad_norm");
                   WriteOptionalF32(w, s.weight_decay, "optimizer.Distro.weight_decay");
                   w.F32(s.compression_decay, "optimizer.Distro.compression_decay");
                   w.U16(s.compression_topk);
                   w.U16(s.compression_chunk);
                   w.Bool(s.quantize_1bit);
                 },
             },
             v);
}

// ---- readers ----

absl::StatusOr<std::optional<float>> ReadOptionalF32(BorshReader& r, absl::string_view what) {
  ASSIGN_OR_RETURN(bool some, r.OptionTag(what));
  if (!some) return std::optional<float>();
  ASSIGN_OR_RETURN(float v, r.F32(what));
  return std::optional<float>(v);
}

absl::StatusOr<std::optional<std::string>> ReadOptionalFixedString(BorshReader& r, size_t capacity,
                                                                   absl::string_view what) {
  ASSIGN_OR_RETURN(bool some, r.OptionTag(what));
  if (!some) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string v, r.FixedString(capacity, what));
  return std::optional<std::string>(std::move(v));
}

absl::StatusOr<HubRepo> ReadHubRepo(BorshReader& r) {
  HubRepo v;
  ASSIGN_OR_RETURN(v.repo_id, r.FixedString(kRepoIdCapacity, "checkpoint.repo_id"));
  ASSIGN_OR_RETURN(v.revision, ReadOptionalFixedString(r, kRepoIdCapacity, "checkpoint.revision"));
  return v;
}

absl::StatusOr<GcsRepo> ReadGcsRepo(BorshReader& r) {
  GcsRepo v;
  ASSIGN_OR_RETURN(v.bucket, r.FixedString(kBucketCapacity, "checkpoint.bucket"));
  ASSIGN_OR_RETURN(v.prefix, ReadOptionalFixedString(r, kBucketCapacity, "checkpoint.prefix"));
  return v;
}

absl::StatusOr<HttpTrainingDataLocation> ReadHttpLocation(BorshReader& r) {
  ASSIGN_OR_RETURN(uint8_t tag, r.EnumTag(3, "data_location.Http.location tag"));
  switch (tag) {
    case 0: {
      HttpSingleUrl v;
      ASSIGN_OR_RETURN(v.url, r.FixedString(kDataPathCapacity, "data_location.Http.SingleUrl"));
      return HttpTrainingDataLocation(std::move(v));
    }
    case 1: {
      HttpNumberedFiles v;
      ASSIGN_OR_RETURN(v.url_template,
                       r.FixedString(kUrlTemplateCapacity, "NumberedFiles.url_template"));
      ASSIGN_OR_RETURN(v.start_index, r.U32("NumberedFiles.start_index"));
      ASSIGN_OR_RETURN(v.n_left_pad_zeros, r.U8("NumberedFiles.n_left_pad_zeros"));
      ASSIGN_OR_RETURN(v.num_files, r.U32("NumberedFiles.num_files"));
      return HttpTrainingDataLocation(std::move(v));
    }
    default: {
      HttpGcp v;
      ASSIGN_OR_RETURN(v.bucket_name, r.FixedString(kGcpBucketNameCapacity, "Gcp.bucket_name"));
      ASSIGN_OR_RETURN(v.filter_directory,
                       r.FixedString(kGcpFilterDirectoryCapacity, "Gcp.filter_directory"));
      return HttpTrainingDataLocation(std::move(v));
    }
  }
}

absl::StatusOr<Shuffle> ReadShuffle(BorshReader& r) {
  ASSIGN_OR_RETURN(uint8_t tag, r.EnumTag(2, "data_location.Http.shuffle tag"));
  if (tag == 0) return Shuffle(ShuffleDontShuffle{});
  ShuffleSeeded v;
  ASSIGN_OR_RETURN(v.seed, r.Array<32>("data_location.Http.shuffle.Seeded"));
  return Shuffle(v);
}

absl::StatusOr<LLMTrainingDataLocation> ReadDataLocation(BorshReader& r) {
  ASSIGN_OR_RETURN(uint8_t tag, r.EnumTag(6, "data_location tag"));
  switch (tag) {
    case 0:
      return LLMTrainingDataLocation(DataLocationDummy{});
    case 1: {
      DataLocationServer v;
      ASSIGN_OR_RETURN(v.address, r.FixedString(kServerAddressCapacity, "data_location.Server"));
      return LLMTrainingDataLocation(std::move(v));
    }
    case 2: {
      DataLocationLocal v;
      ASSIGN_OR_RETURN(v.path, r.FixedString(kDataPathCapacity, "data_location.Local"));
      return LLMTrainingDataLocation(std::move(v));
    }
    case 3: {
      DataLocationHttp v;
      ASSIGN_OR_RETURN(v.location, ReadHttpLocation(r));
      ASSIGN_OR_RETURN(uint8_t size, r.EnumTag(2, "data_location.Http.token_size_in_bytes"));
      v.token_size_in_bytes = static_cast<TokenSize>(size);
      ASSIGN_OR_RETURN(v.shuffle, ReadShuffle(r));
      return LLMTrainingDataLocation(std::move(v));
    }
    case 4: {
      DataLocationWeightedHttp v;
      ASSIGN_OR_RETURN(v.url, r.FixedString(kDataPathCapacity, "data_location.WeightedHttp"));
      return LLMTrainingDataLocation(std::move(v));
    }
    default: {
      DataLocationPreprocessed v;
      ASSIGN_OR_RETURN(v.location, r.FixedString(kDataPathCapacity, "data_location.Preprocessed"));
      return LLMTrainingDataLocation(std::move(v));
    }
  }
}

template <typename T>
absl::StatusOr<T> ReadLinearLike(BorshReader& r) {
  T v;
  ASSIGN_OR_RETURN(v.base_lr, r.F64("lr_schedule.base_lr"));
  ASSIGN_OR_RETURN(v.warmup_init_lr, r.F64("lr_schedule.warmup_init_lr"));
  ASSIGN_OR_RETURN(v.final_lr, r.F64("lr_schedule.final_lr"));
  ASSIGN_OR_RETURN(v.warmup_steps, r.U32("lr_schedule.warmup_steps"));
  ASSIGN_OR_RETURN(v.total_steps, r.U32("lr_schedule.total_steps"));
  return v;
}

absl::StatusOr<LearningRateSchedule> ReadLrSchedule(BorshReader& r) {
  ASSIGN_OR_RETURN(uint8_t tag, r.EnumTag(4, "lr_schedule tag"));
  switch (tag) {
    case 0: {
      LrConstant v;
      ASSIGN_OR_RETURN(v.base_lr, r.F64("lr_schedule.base_lr"));
      ASSIGN_OR_RETURN(v.warmup_init_lr, r.F64("lr_schedule.warmup_init_lr"));
      ASSIGN_OR_RETURN(v.warmup_steps, r.U32("lr_schedule.warmup_steps"));
      return LearningRateSchedule(v);
    }
    case 1: {
      ASSIGN_OR_RETURN(LrLinear v, ReadLinearLike<LrLinear>(r));
      return LearningRateSchedule(v);
    }
    case 2: {
      ASSIGN_OR_RETURN(LrCosine v, ReadLinearLike<LrCosine>(r));
      return LearningRateSchedule(v);
    }
    default: {
      LrWarmupStableDecay v;
      ASSIGN_OR_RETURN(v.base_lr, r.F64("lr_schedule.base_lr"));
      ASSIGN_OR_RETURN(v.warmup_init_lr, r.F64("lr_schedule.warmup_init_lr"));
      ASSIGN_OR_RETURN(v.cosine_decay_final_lr, r.F64("lr_schedule.cosine_decay_final_lr"));
      ASSIGN_OR_RETURN(v.linear_decay_final_lr, r.F64("lr_schedule.linear_decay_final_lr"));
      ASSIGN_OR_RETURN(v.warmup_steps, r.U32("lr_schedule.warmup_steps"));
      ASSIGN_OR_RETURN(v.stable_steps, r.U32("lr_schedule.stable_steps"));
      ASSIGN_OR_RETURN(v.cosine_decay_steps, r.U32("lr_schedule.cosine_decay_steps"));
      ASSIGN_OR_RETURN(v.linear_decay_steps, r.U32("lr_schedule.linear_decay_steps"));
      return LearningRateSchedule(v);
    }
  }
}

absl::StatusOr<OptimizerDefinition> ReadOptimizer(BorshReader& r) {
  ASSIGN_OR_RETURN(uint8_t tag, r.EnumTag(3, "optimizer tag"));
  switch (tag) {
    case 0:
      return OptimizerDefinition(OptimizerDummy{});
    case 1: {
      OptimizerAdamW v;
      ASSIGN_OR_RETURN(v.betas[0], r.F32("optimizer.AdamW.betas[0]"));
      ASSIGN_OR_RETURN(v.betas[1], r.F32("optimizer.AdamW.betas[1]"));
      ASSIGN_OR_RETURN(v.weight_decay, r.F32("optimizer.AdamW.weight_decay"));
      ASSIGN_OR_RETURN(v.eps, r.F32("optimizer.AdamW.eps"));
      ASSIGN_OR_RETURN(v.clip_grad_norm, ReadOptionalF32(r, "optimizer.AdamW.clip_grad_norm"));
      return OptimizerDefinition(v);
    }
    default: {
      OptimizerDistro v;
      ASSIGN_OR_RETURN(v.clip_grad_norm, ReadOptionalF32(r, "optimizer.Distro.clip_grad_norm"));
      ASSIGN_OR_RETURN(v.weight_decay, ReadOptionalF32(r, "optimizer.Distro.weight_decay"));
      ASSIGN_OR_RETURN(v.compression_decay, r.F32("optimizer.Distro.compression_decay"));
      ASSIGN_OR_RETURN(v.compression_topk, r.U16("optimizer.Distro.compression_topk"));
      ASSIGN_OR_RETURN(v.compression_chunk, r.U16("optimizer.Distro.compression_chunk"));
      ASSIGN_OR_RETURN(v.quantize_1bit, r.Bool("optimizer.Distro.quantize_1bit"));
      return OptimizerDefinition(v);
    }
  }
}

}  // namespace

void WriteRunMetadata(BorshWriter& w, const RunMetadata& v) {
  w.FixedString(v.name, kMetadataNameCapacity, "metadata.name");
  w.FixedString(v.description, kMetadataDescriptionCapacity, "metadata.description");
  w.U64(v.num_parameters);
  w.U64(v.vocab_size);
}

void WriteCoordinatorConfig(BorshWriter& w, const CoordinatorConfig& v) {
  w.U64(v.warmup_time);
  w.U64(v.cooldown_time);
  w.U64(v.max_round_train_time);
  w.U64(v.round_witness_time);
  w.U64(v.global_batch_size_warmup_tokens);
  w.U64(v.epoch_time);
  w.U32(v.total_steps);
  w.U16(v.init_min_clients);
  w.U16(v.min_clients);
  w.U16(v.witness_nodes);
  w.U16(v.global_batch_size_start);
  w.U16(v.global_batch_size_end);
  w.U8(v.verification_percent);
  w.U8(v.waiting_for_members_extra_time);
}

void WriteCoordinatorProgress(BorshWriter& w, const CoordinatorProgress& v) {
  w.U16(v.epoch);
  w.U32(v.step);
  w.U64(v.epoch_start_data_index);
}

void WriteNodeIdentity(BorshWriter& w, const NodeIdentity& v) {
  w.Pubkey(v.signer);
  w.Pubkey(v.p2p_identity);
}

void WriteCheckpoint(BorshWriter& w, const Checkpoint& v) {
  WriteVariantTag(w, v);
  std::visit(Overloaded{
                 [&](const CheckpointEphemeral&) {},
                 [&](const CheckpointDummy& s) { WriteHubRepo(w, s.repo); },
                 [&](const CheckpointHub& s) { WriteHubRepo(w, s.repo); },
                 [&](const CheckpointP2P& s) { WriteHubRepo(w, s.repo); },
                 [&](const CheckpointGcs& s) { WriteGcsRepo(w, s.repo); },
                 [&](const CheckpointP2PGcs& s) { WriteGcsRepo(w, s.repo); },
             },
             v);
}

void WriteModel(BorshWriter& w, const Model& v) {
  WriteVariantTag(w, v);
  const LLM& llm = std::get<LLM>(v);
  w.U32(llm.max_seq_len);
  w.U32(llm.cold_start_warmup_steps);
  w.EnumTag(static_cast<uint8_t>(llm.architecture));
  WriteCheckpoint(w, llm.checkpoint);
  w.EnumTag(static_cast<uint8_t>(llm.data_type));
  WriteDataLocation(w, llm.data_location);
  WriteLrSchedule(w, llm.lr_schedule);
  WriteOptimizer(w, llm.optimizer);
}

absl::StatusOr<RunMetadata> ReadRunMetadata(BorshReader& r) {
  RunMetadata v;
  ASSIGN_OR_RETURN(v.name, r.FixedString(kMetadataNameCapacity, "metadata.name"));
  ASSIGN_OR_RETURN(v.description,
                   r.FixedString(kMetadataDescriptionCapacity, "metadata.description"));
  ASSIGN_OR_RETURN(v.num_parameters, r.U64("metadata.num_parameters"));
  ASSIGN_OR_RETURN(v.vocab_size, r.U64("metadata.vocab_size"));
  return v;
}

absl::StatusOr<CoordinatorConfig> ReadCoordinatorConfig(BorshReader& r) {
  CoordinatorConfig v;
  ASSIGN_OR_RETURN(v.warmup_time, r.U64("config.warmup_time"));
  ASSIGN_OR_RETURN(v.cooldown_time, r.U64("config.cooldown_time"));
  ASSIGN_OR_RETURN(v.max_round_train_time, r.U64("config.max_round_train_time"));
  ASSIGN_OR_RETURN(v.round_witness_time, r.U64("config.round_witness_time"));
  ASSIGN_OR_RETURN(v.global_batch_size_warmup_tokens,
                   r.U64("config.global_batch_size_warmup_tokens"));
  ASSIGN_OR_RETURN(v.epoch_time, r.U64("config.epoch_time"));
  ASSIGN_OR_RETURN(v.total_steps, r.U32("config.total_steps"));
  ASSIGN_OR_RETURN(v.init_min_clients, r.U16("config.init_min_clients"));
  ASSIGN_OR_RETURN(v.min_clients, r.U16("config.min_clients"));
  ASSIGN_OR_RETURN(v.witness_nodes, r.U16("config.witness_nodes"));
  ASSIGN_OR_RETURN(v.global_batch_size_start, r.U16("config.global_batch_size_start"));
  ASSIGN_OR_RETURN(v.global_batch_size_end, r.U16("config.global_batch_size_end"));
  ASSIGN_OR_RETURN(v.verification_percent, r.U8("config.verification_percent"));
  ASSIGN_OR_RETURN(v.waiting_for_members_extra_time, r.U8("config.waiting_for_members_extra_time"));
  return v;
}

absl::StatusOr<CoordinatorProgress> ReadCoordinatorProgress(BorshReader& r) {
  CoordinatorProgress v;
  ASSIGN_OR_RETURN(v.epoch, r.U16("progress.epoch"));
  ASSIGN_OR_RETURN(v.step, r.U32("progress.step"));
  ASSIGN_OR_RETURN(v.epoch_start_data_index, r.U64("progress.epoch_start_data_index"));
  return v;
}

absl::StatusOr<NodeIdentity> ReadNodeIdentity(BorshReader& r) {
  NodeIdentity v;
  ASSIGN_OR_RETURN(v.signer, r.Pubkey("client_id.signer"));
  ASSIGN_OR_RETURN(v.p2p_identity, r.Pubkey("client_id.p2p_identity"));
  return v;
}

absl::StatusOr<Checkpoint> ReadCheckpoint(BorshReader& r) {
  ASSIGN_OR_RETURN(uint8_t tag, r.EnumTag(6, "checkpoint tag"));
  switch (tag) {
    case 0:
      return Checkpoint(CheckpointEphemeral{});
    case 1: {
      ASSIGN_OR_RETURN(HubRepo repo, ReadHubRepo(r));
      return Checkpoint(CheckpointDummy{std::move(repo)});
    }
    case 2: {
      ASSIGN_OR_RETURN(HubRepo repo, ReadHubRepo(r));
      return Checkpoint(CheckpointHub{std::move(repo)});
    }
    case 3: {
      ASSIGN_OR_RETURN(HubRepo repo, ReadHubRepo(r));
      return Checkpoint(CheckpointP2P{std::move(repo)});
    }
    case 4: {
      ASSIGN_OR_RETURN(GcsRepo repo, ReadGcsRepo(r));
      return Checkpoint(CheckpointGcs{std::move(repo)});
    }
    default: {
      ASSIGN_OR_RETURN(GcsRepo repo, ReadGcsRepo(r));
      return Checkpoint(CheckpointP2PGcs{std::move(repo)});
    }
  }
}

absl::StatusOr<Model> ReadModel(BorshReader& r) {
  RETURN_IF_ERROR(r.EnumTag(1, "model tag").status());
  LLM llm;
  ASSIGN_OR_RETURN(llm.max_seq_len, r.U32("model.LLM.max_seq_len"));
  ASSIGN_OR_RETURN(llm.cold_start_warmup_steps, r.U32("model.LLM.cold_start_warmup_steps"));
  ASSIGN_OR_RETURN(uint8_t arch, r.EnumTag(4, "model.LLM.architecture"));
  llm.architecture = static_cast<LLMArchitecture>(arch);
  ASSIGN_OR_RETURN(llm.checkpoint, ReadCheckpoint(r));
  ASSIGN_OR_RETURN(uint8_t data_type, r.EnumTag(2, "model.LLM.data_type"));
  llm.data_type = static_cast<LLMTrainingDataType>(data_type);
  ASSIGN_OR_RETURN(llm.data_location, ReadDataLocation(r));
  ASSIGN_OR_RETURN(llm.lr_schedule, ReadLrSchedule(r));
  ASSIGN_OR_RETURN(llm.optimizer, ReadOptimizer(r));
  return Model(std::move(llm));
}

absl::StatusOr<Bytes> EncodeModel(const Model& v) {
  BorshWriter w;
  WriteModel(w, v);
  return std::move(w).Finish();
}

absl::StatusOr<Model> DecodeModel(ByteView data) {
  BorshReader r(data);
  ASSIGN_OR_RETURN(Model m, ReadModel(r));
  RETURN_IF_ERROR(r.ExpectEnd("model"));
  return m;
}

absl::StatusOr<Bytes> EncodeCoordinatorConfig(const CoordinatorConfig& v) {
  BorshWriter w;
  WriteCoordinatorConfig(w, v);
  return std::move(w).Finish();
}

absl::StatusOr<CoordinatorConfig> DecodeCoordinatorConfig(ByteView data) {
  BorshReader r(data);
  ASSIGN_OR_RETURN(CoordinatorConfig c, ReadCoordinatorConfig(r));
  RETURN_IF_ERROR(r.ExpectEnd("config"));
  return c;
}

}  // namespace psyche
