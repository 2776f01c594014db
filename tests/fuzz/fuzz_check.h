// FUZZ_CHECK: an invariant of a fuzz target. A violation aborts so libFuzzer
// records the input as a crash (plain assert would vanish under NDEBUG).
#ifndef TESTS_FUZZ_FUZZ_CHECK_H_
#define TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                         \
  do {                                                                           \
    if (!(cond)) {                                                               \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                                       \
      std::abort();                                                              \
    }                                                                            \
  } while (0)

#endif  // TESTS_FUZZ_FUZZ_CHECK_H_
