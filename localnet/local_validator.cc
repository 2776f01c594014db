#include "localnet/local_validator.h"

#include <cstdio>

#include "rapidjson/document.h"

namespace localnet {

absl::StatusOr<std::unique_ptr<LocalValidator>> LocalValidator::Start(
    LocalValidatorOptions options) {
  auto v = std::make_unique<LocalValidator>(Token{}, std::move(options));
  RETURN_IF_ERROR(v->OpenLedger());
  for (const SeedAccount& s : v->options_.seed_accounts) {
    RETURN_IF_ERROR(v->ledger_->SetAccount(s.address, s.account));
  }
  v->StartClock();
  return v;
}

LocalValidator::~LocalValidator() {
  if (clock_) clock_->Stop();
}

absl::Status LocalValidator::OpenLedger() {
  ASSIGN_OR_RETURN(ledger_, Ledger::Open(options_.ledger, ProgramRegistry::WithBuiltins()));
  rpc_ = std::make_unique<RpcServer>(ledger_.get(), &faults_, options_.rpc);
  return absl::OkStatus();
}

void LocalValidator::StartClock() {
  if (options_.slot_interval.count() <= 0) return;
  clock_ = std::make_unique<SlotClock>(
      options_.slot_interval,
      [this] {
        std::shared_lock<std::shared_mutex> lock(restart_mu_);
        return ledger_->Tick(1);
      },
      [](const absl::Status& s) {
        std::fprintf(stderr, "psyche-localnet: tick failed: %s\n", s.ToString().c_str());
      });
}

absl::Status LocalValidator::Restart(bool clean) {
  if (options_.ledger.dir.empty()) {
    return absl::FailedPreconditionError("an in-memory ledger cannot restart");
  }
  if (clock_) clock_->Stop();
  clock_.reset();
  {
    std::unique_lock<std::shared_mutex> lock(restart_mu_);
    if (clean) RETURN_IF_ERROR(ledger_->Checkpoint());
    rpc_.reset();
    ledger_.reset();
    RETURN_IF_ERROR(OpenLedger());
  }
  StartClock();
  return absl::OkStatus();
}

HttpReply LocalValidator::Handle(absl::string_view body) {
  // localnet_restart cannot run inside the handler it replaces.
  if (body.find("\"localnet_restart\"") != absl::string_view::npos &&
      body.size() <= options_.rpc.max_body_bytes) {
    rapidjson::Document d;
    d.Parse(body.data(), body.size());
    if (!d.HasParseError() && d.IsObject() && d.HasMember("method") && d["method"].IsString() &&
        std::string(d["method"].GetString()) == "localnet_restart") {
      bool clean = d.HasMember("params") && d["params"].IsArray() && d["params"].Size() > 0 &&
                   d["params"][0].IsBool() && d["params"][0].GetBool();
      absl::Status s = Restart(clean);
      HttpReply r;
      std::string id = "null";
      if (d.HasMember("id") && d["id"].IsUint64()) id = std::to_string(d["id"].GetUint64());
      r.body =
          s.ok()
              ? absl::StrCat(R"({"jsonrpc":"2.0","result":true,"id":)", id, "}")
              : absl::StrCat(
                    R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":)",
                    id, "}");
      return r;
    }
  }
  std::shared_lock<std::shared_mutex> lock(restart_mu_);
  return rpc_->Handle(body);
}

}  // namespace localnet
