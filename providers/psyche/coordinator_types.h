// Plain data mirroring the Psyche coordinator program's types (spec coordinator.md 2, 3, 4.2, 6).
// Shared by the account decoders, the Borsh encoders and the run-config parser.
//
// Conventions:
// * Every Rust data-carrying enum is a std::variant whose alternative INDEX equals the on-chain
//   variant tag (u32 in zero-copy, u8 in Borsh). Keep the order when adding variants.
// * Unit enums are `enum class` whose numeric value is the on-chain tag; k<Enum>Names[tag] is the
//   Rust/TOML spelling.
// * FixedString<N> fields are std::string holding the bytes up to the first 0x00 (or all N), valid
//   UTF-8 after decoding; k...Capacity gives N for encoders (longer strings are truncated by TOML
//   parsing rules, spec 6.1).
#ifndef PROVIDERS_PSYCHE_COORDINATOR_TYPES_H_
#define PROVIDERS_PSYCHE_COORDINATOR_TYPES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "providers/solana/pubkey.h"

namespace psyche {

// ---- FixedString capacities (bytes) ----
inline constexpr size_t kRunIdCapacity = 32;    // coordinator.run_id (v1); instance max 32
inline constexpr size_t kRunIdCapacityV0 = 64;  // coordinator.run_id in the v0 layout
inline constexpr size_t kMetadataNameCapacity = 64;
inline constexpr size_t kMetadataDescriptionCapacity = 280;
inline constexpr size_t kRepoIdCapacity = 64;         // HubRepo.repo_id, .revision
inline constexpr size_t kBucketCapacity = 64;         // GcsRepo.bucket, .prefix
inline constexpr size_t kServerAddressCapacity = 64;  // data_location Server
inline constexpr size_t kDataPathCapacity = 192;    // Local, WeightedHttp, Preprocessed, SingleUrl
inline constexpr size_t kUrlTemplateCapacity = 64;  // NumberedFiles.url_template
inline constexpr size_t kGcpBucketNameCapacity = 64;
inline constexpr size_t kGcpFilterDirectoryCapacity = 192;
inline constexpr size_t kClientVersionCapacity = 96;
inline constexpr size_t kMaxClients = 256;  // FixedVec capacity of client lists

// ---- RunMetadata (spec 3.4; Borsh 4.2, 360 bytes) ----
struct RunMetadata {
  std::string name;         // FS<64>
  std::string description;  // FS<280>
  uint64_t num_parameters = 0;
  uint64_t vocab_size = 0;
  bool operator==(const RunMetadata&) const = default;
};

// ---- CoordinatorConfig (spec 3.7; 64 bytes, same order in Borsh and memory) ----
struct CoordinatorConfig {
  uint64_t warmup_time = 0;
  uint64_t cooldown_time = 0;
  uint64_t max_round_train_time = 0;
  uint64_t round_witness_time = 0;
  uint64_t global_batch_size_warmup_tokens = 0;
  uint64_t epoch_time = 0;  // v1 only (v0 has rounds_per_epoch instead; see CoordinatorState)
  uint32_t total_steps = 0;
  uint16_t init_min_clients = 0;
  uint16_t min_clients = 0;
  uint16_t witness_nodes = 0;
  uint16_t global_batch_size_start = 0;
  uint16_t global_batch_size_end = 0;
  uint8_t verification_percent = 0;
  uint8_t waiting_for_members_extra_time = 0;  // v1 only
  bool operator==(const CoordinatorConfig&) const = default;
};

// ---- CoordinatorProgress (spec 3.8; Borsh 14 bytes, memory 16) ----
struct CoordinatorProgress {
  uint16_t epoch = 0;
  uint32_t step = 0;
  uint64_t epoch_start_data_index = 0;
  bool operator==(const CoordinatorProgress&) const = default;
};

// ---- Unit enums ----
enum class LLMArchitecture : uint32_t {
  kHfLlama = 0,
  kHfDeepseek = 1,
  kHfAuto = 2,
  kTorchtitan = 3
};
inline constexpr std::array<std::string_view, 4> kLLMArchitectureNames = {"HfLlama", "HfDeepseek",
                                                                          "HfAuto", "Torchtitan"};

enum class LLMTrainingDataType : uint32_t { kPretraining = 0, kFinetuning = 1 };
inline constexpr std::array<std::string_view, 2> kLLMTrainingDataTypeNames = {"Pretraining",
                                                                              "Finetuning"};

enum class TokenSize : uint32_t { kTwoBytes = 0, kFourBytes = 1 };
inline constexpr std::array<std::string_view, 2> kTokenSizeNames = {"TwoBytes", "FourBytes"};

// repr(u8) in the account (spec 3.5).
enum class RunState : uint8_t {
  kUninitialized = 0,
  kWaitingForMembers = 1,
  kWarmup = 2,
  kRoundTrain = 3,
  kRoundWitness = 4,
  kCooldown = 5,
  kFinished = 6,
  kPaused = 7,
};
inline constexpr std::array<std::string_view, 8> kRunStateNames = {
    "Uninitialized", "WaitingForMembers", "Warmup",   "RoundTrain",
    "RoundWitness",  "Cooldown",          "Finished", "Paused"};
// Text the Psyche tools display for each state.
inline constexpr std::array<std::string_view, 8> kRunStateDisplayTexts = {
    "Uninitialized", "Waiting for members", "Warmup", "Training", "Witness", "Cooldown", "Finished",
    "Paused"};

// Epoch participant state, repr(u8) (spec 3.9).
enum class ClientState : uint8_t { kHealthy = 0, kDropped = 1, kWithdrawn = 2, kEjected = 3 };
inline constexpr std::array<std::string_view, 4> kClientStateNames = {"Healthy", "Dropped",
                                                                      "Withdrawn", "Ejected"};

// ---- Checkpoint (spec 3.6 table A; Borsh 4.2) ----
struct HubRepo {
  std::string repo_id;                  // FS<64>
  std::optional<std::string> revision;  // Option<FS<64>>
  bool operator==(const HubRepo&) const = default;
};
struct GcsRepo {
  std::string bucket;                 // FS<64>
  std::optional<std::string> prefix;  // Option<FS<64>>
  bool operator==(const GcsRepo&) const = default;
};
struct CheckpointEphemeral {
  bool operator==(const CheckpointEphemeral&) const = default;
};
struct CheckpointDummy {
  HubRepo repo;
  bool operator==(const CheckpointDummy&) const = default;
};
struct CheckpointHub {
  HubRepo repo;
  bool operator==(const CheckpointHub&) const = default;
};
struct CheckpointP2P {
  HubRepo repo;
  bool operator==(const CheckpointP2P&) const = default;
};
struct CheckpointGcs {
  GcsRepo repo;
  bool operator==(const CheckpointGcs&) const = default;
};
struct CheckpointP2PGcs {
  GcsRepo repo;
  bool operator==(const CheckpointP2PGcs&) const = default;
};
using Checkpoint = std::variant<CheckpointEphemeral, CheckpointDummy, CheckpointHub, CheckpointP2P,
                                CheckpointGcs, CheckpointP2PGcs>;
inline constexpr std::array<std::string_view, 6> kCheckpointNames = {
    "Ephemeral", "Dummy", "Hub", "P2P", "Gcs", "P2PGcs"};

// ---- HttpTrainingDataLocation, Shuffle ----
struct HttpSingleUrl {
  std::string url;  // FS<192>
  bool operator==(const HttpSingleUrl&) const = default;
};
struct HttpNumberedFiles {
  std::string url_template;  // FS<64>
  uint32_t start_index = 0;
  uint8_t n_left_pad_zeros = 0;
  uint32_t num_files = 0;
  bool operator==(const HttpNumberedFiles&) const = default;
};
struct HttpGcp {
  std::string bucket_name;       // FS<64>
  std::string filter_directory;  // FS<192>; empty = no filter
  bool operator==(const HttpGcp&) const = default;
};
using HttpTrainingDataLocation = std::variant<HttpSingleUrl, HttpNumberedFiles, HttpGcp>;
inline constexpr std::array<std::string_view, 3> kHttpTrainingDataLocationNames = {
    "SingleUrl", "NumberedFiles", "Gcp"};

struct ShuffleDontShuffle {
  bool operator==(const ShuffleDontShuffle&) const = default;
};
struct ShuffleSeeded {
  std::array<uint8_t, 32> seed{};
  bool operator==(const ShuffleSeeded&) const = default;
};
using Shuffle = std::variant<ShuffleDontShuffle, ShuffleSeeded>;
inline constexpr std::array<std::string_view, 2> kShuffleNames = {"DontShuffle", "Seeded"};

// ---- LLMTrainingDataLocation (spec 3.6 table B) ----
struct DataLocationDummy {
  bool operator==(const DataLocationDummy&) const = default;
};
struct DataLocationServer {
  std::string address;  // FS<64>, "host:port"
  bool operator==(const DataLocationServer&) const = default;
};
struct DataLocationLocal {
  std::string path;  // FS<192>
  bool operator==(const DataLocationLocal&) const = default;
};
// HttpLLMTrainingDataLocation.
struct DataLocationHttp {
  HttpTrainingDataLocation location;
  TokenSize token_size_in_bytes = TokenSize::kTwoBytes;
  Shuffle shuffle;
  bool operator==(const DataLocationHttp&) const = default;
};
struct DataLocationWeightedHttp {
  std::string url;  // FS<192>
  bool operator==(const DataLocationWeightedHttp&) const = default;
};
struct DataLocationPreprocessed {
  std::string location;  // FS<192>
  bool operator==(const DataLocationPreprocessed&) const = default;
};
using LLMTrainingDataLocation =
    std::variant<DataLocationDummy, DataLocationServer, DataLocationLocal, DataLocationHttp,
                 DataLocationWeightedHttp, DataLocationPreprocessed>;
inline constexpr std::array<std::string_view, 6> kLLMTrainingDataLocationNames = {
    "Dummy", "Server", "Local", "Http", "WeightedHttp", "Preprocessed"};

// ---- LearningRateSchedule (spec 3.6 table C) ----
struct LrConstant {
  double base_lr = 0;
  double warmup_init_lr = 0;
  uint32_t warmup_steps = 0;
  bool operator==(const LrConstant&) const = default;
};
struct LrLinear {
  double base_lr = 0;
  double warmup_init_lr = 0;
  double final_lr = 0;
  uint32_t warmup_steps = 0;
  uint32_t total_steps = 0;
  bool operator==(const LrLinear&) const = default;
};
struct LrCosine {  // same fields as LrLinear
  double base_lr = 0;
  double warmup_init_lr = 0;
  double final_lr = 0;
  uint32_t warmup_steps = 0;
  uint32_t total_steps = 0;
  bool operator==(const LrCosine&) const = default;
};
struct LrWarmupStableDecay {
  double base_lr = 0;
  double warmup_init_lr = 0;
  double cosine_decay_final_lr = 0;
  double linear_decay_final_lr = 0;
  uint32_t warmup_steps = 0;
  uint32_t stable_steps = 0;
  uint32_t cosine_decay_steps = 0;
  uint32_t linear_decay_steps = 0;
  bool operator==(const LrWarmupStableDecay&) const = default;
};
using LearningRateSchedule = std::variant<LrConstant, LrLinear, LrCosine, LrWarmupStableDecay>;
inline constexpr std::array<std::string_view, 4> kLearningRateScheduleNames = {
    "Constant", "Linear", "Cosine", "WarmupStableDecay"};

// ---- OptimizerDefinition (spec 3.6 table D) ----
struct OptimizerDummy {
  bool operator==(const OptimizerDummy&) const = default;
};
struct OptimizerAdamW {
  std::array<float, 2> betas{};
  float weight_decay = 0;
  float eps = 0;
  std::optional<float> clip_grad_norm;
  bool operator==(const OptimizerAdamW&) const = default;
};
struct OptimizerDistro {
  std::optional<float> clip_grad_norm;
  std::optional<float> weight_decay;
  float compression_decay = 0;
  uint16_t compression_topk = 0;
  uint16_t compression_chunk = 0;
  bool quantize_1bit = false;
  bool operator==(const OptimizerDistro&) const = default;
};
using OptimizerDefinition = std::variant<OptimizerDummy, OptimizerAdamW, OptimizerDistro>;
inline constexpr std::array<std::string_view, 3> kOptimizerNames = {"Dummy", "AdamW", "Distro"};

// ---- Model (spec 3.6, 6.3) ----
struct LLM {
  uint32_t max_seq_len = 0;
  uint32_t cold_start_warmup_steps = 0;
  LLMArchitecture architecture = LLMArchitecture::kHfLlama;
  Checkpoint checkpoint;
  LLMTrainingDataType data_type = LLMTrainingDataType::kPretraining;
  LLMTrainingDataLocation data_location;
  LearningRateSchedule lr_schedule;
  OptimizerDefinition optimizer;
  bool operator==(const LLM&) const = default;
};
using Model = std::variant<LLM>;  // Rust `enum Model { LLM(LLM) }`; tag always 0
inline constexpr std::array<std::string_view, 1> kModelNames = {"LLM"};

// ---- Clients (spec 3.9, 3.10) ----
struct NodeIdentity {
  solana::Pubkey signer;        // wallet that signs join_run
  solana::Pubkey p2p_identity;  // node's P2P ed25519 key
  bool operator==(const NodeIdentity&) const = default;
};
// One entry of epoch_state.clients / exited_clients.
struct EpochClient {
  NodeIdentity id;
  ClientState state = ClientState::kHealthy;
  uint32_t exited_height = 0;
  bool operator==(const EpochClient&) const = default;
};
// One entry of clients_state.clients (registered by join_run, never removed).
struct RegisteredClient {
  NodeIdentity id;
  uint64_t earned = 0;
  uint64_t slashed = 0;
  uint64_t active = 0;  // queued for the next epoch iff active == next_active
  bool operator==(const RegisteredClient&) const = default;
};
// ClientsEpochRates (v0 names: earning_rate, slashing_rate; same bytes).
struct ClientsEpochRates {
  uint64_t earning_rate_total_shared = 0;
  uint64_t slashing_rate_per_client = 0;
  bool operator==(const ClientsEpochRates&) const = default;
};
struct ClientsState {
  std::vector<RegisteredClient> clients;  // data[0..len)
  uint64_t next_active = 0;
  ClientsEpochRates current_epoch_rates;
  ClientsEpochRates future_epoch_rates;
  bool operator==(const ClientsState&) const = default;
};

// ---- Epoch state (spec 3.9); the witnesses' proofs and blooms are not decoded ----
struct RoundSummary {
  uint64_t witnesses_len = 0;
  uint64_t data_index = 0;
  uint64_t random_seed = 0;
  uint32_t height = 0;
  uint16_t clients_len = 0;
  uint16_t tie_breaker_tasks = 0;
  bool operator==(const RoundSummary&) const = default;
};
struct EpochState {
  std::array<RoundSummary, 4> rounds{};  // ring buffer; rounds[rounds_head] is current
  std::vector<EpochClient> clients;      // participants, data[0..len)
  std::vector<EpochClient> exited_clients;
  uint32_t rounds_head = 0;
  uint32_t start_step = 0;
  uint32_t last_step = 0;        // v1 only; 0 = not yet decided
  uint64_t start_timestamp = 0;  // v1 only; Unix seconds
  bool first_round = false;
  bool cold_start_epoch = false;
  std::optional<bool> checkpointed;  // v0 only
  bool operator==(const EpochState&) const = default;
};

// ---- CoordinatorInstance account (spec 2; Borsh, 173 bytes) ----
struct CoordinatorInstance {
  uint8_t bump = 0;
  solana::Pubkey main_authority;
  solana::Pubkey join_authority;
  solana::Pubkey coordinator_account;
  std::string run_id;
  bool operator==(const CoordinatorInstance&) const = default;
};

// ---- CoordinatorAccount, decoded (spec 3) ----
enum class CoordinatorLayout : uint8_t {
  kV0 = 0,  // 119,072 bytes, June 2025 builds, no version field
  kV1 = 1,  // 119,160 bytes, version u64 = 1 (HEAD)
};

struct CoordinatorState {
  CoordinatorLayout layout = CoordinatorLayout::kV1;
  RunMetadata metadata;
  std::string run_id;
  RunState run_state = RunState::kUninitialized;
  Model model;
  CoordinatorConfig config;
  std::optional<uint32_t> rounds_per_epoch;  // v0 config only (v1 has config.epoch_time)
  CoordinatorProgress progress;
  EpochState epoch_state;
  uint64_t run_state_start_unix_timestamp = 0;
  bool pending_pause = false;
  ClientsState clients_state;
  bool is_warmup_first_tick = false;
  bool is_training_first_tick = false;
  std::optional<std::string> client_version;  // v1 only (FS<96>)
  uint64_t nonce = 0;
  bool operator==(const CoordinatorState&) const = default;
};

// ---- Name helpers (tags out of range give "?"; decoders never produce them) ----
template <typename E, size_t N>
constexpr std::string_view EnumName(E value, const std::array<std::string_view, N>& names) {
  auto i = static_cast<size_t>(value);
  return i < N ? names[i] : std::string_view("?");
}
// For std::variant-backed enums: the Rust variant name of the active alternative.
template <typename V, size_t N>
constexpr std::string_view VariantName(const V& v, const std::array<std::string_view, N>& names) {
  static_assert(std::variant_size_v<V> == N);
  return v.index() < N ? names[v.index()] : std::string_view("?");
}
// Index of `name` in `names` (exact, case-sensitive, as the TOML parser requires).
template <size_t N>
constexpr std::optional<size_t> NameIndex(std::string_view name,
                                          const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

// The program's own predicates (spec 3.5).
constexpr bool IsHalted(RunState s) {
  return s == RunState::kUninitialized || s == RunState::kFinished || s == RunState::kPaused;
}
constexpr bool IsActive(RunState s) {
  return s == RunState::kRoundTrain || s == RunState::kRoundWitness || s == RunState::kCooldown;
}

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_TYPES_H_
