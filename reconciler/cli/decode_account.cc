// `psyche-reconcile decode account FILE`: prints a raw account dump as JSON, recognizing the
// account kind from its discriminator (see providers/psyche/account_decoders.h to add kinds).
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "providers/psyche/account_decoders.h"
#include "reconciler/cli/commands.h"

namespace cli {
namespace {

struct DecodeAccountArgs {
  std::string file;
  bool compact = false;
};

int RunDecodeAccount(const DecodeAccountArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot open " << args.file << "\n";
    return 1;
  }
  solana::Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto decoded = psyche::DecodeAnyAccount(data);
  if (!decoded.ok()) {
    std::cerr << "error: " << args.file << ": " << decoded.status().message() << "\n";
    return 1;
  }
  if (args.compact) {
    std::cout << decoded->json << "\n";
    return 0;
  }
  auto pretty = psyche::PrettyJson(decoded->json);
  if (!pretty.ok()) {
    std::cerr << "error: " << pretty.status().message() << "\n";
    return 1;
  }
  std::cout << *pretty << "\n";
  return 0;
}

}  // namespace

void RegisterDecode(CLI::App& app) {
  auto* decode = app.add_subcommand("decode", "Decode on-chain data offline");
  decode->require_subcommand(1);
  auto args = std::make_shared<DecodeAccountArgs>();
  auto* account = decode->add_subcommand(
      "account", "Print a raw account dump (CoordinatorInstance, CoordinatorAccount) as JSON");
  account->add_option("file", args->file, "File holding the raw account data bytes")->required();
  account->add_flag("--compact", args->compact, "One-line JSON instead of indented");
  account->callback([args] { SetExitCode(RunDecodeAccount(*args)); });
}

}  // namespace cli
