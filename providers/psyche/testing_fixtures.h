// Test-only helper: loads a committed fixture from <source>/tests/fixtures. Include only from
// *_test.cc / *_bench.cc files (PSYCHE_SOURCE_DIR is defined for test targets).
#ifndef PROVIDERS_PSYCHE_TESTING_FIXTURES_H_
#define PROVIDERS_PSYCHE_TESTING_FIXTURES_H_

#include <fstream>
#include <iterator>
#include <string>

#include "providers/solana/coding.h"

namespace psyche::testing {

inline std::string FixturePath(const std::string& name) {
  return std::string(PSYCHE_SOURCE_DIR) + "/tests/fixtures/" + name;
}

// Empty when the file is missing (tests then fail on the size check).
inline solana::Bytes ReadFixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  return solana::Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace psyche::testing

#endif  // PROVIDERS_PSYCHE_TESTING_FIXTURES_H_
