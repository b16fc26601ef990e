// The readiness calibration simulation (docs/readiness.md): synthetic learners with known
// per-domain ability sit simulated attempts; the predicted chance to pass is compared with the
// simulated pass rate, decile by decile. Usage: build/tools/proctor_readiness_sim [EXAM] [LEARNERS] [SEED]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/readiness.h"
#include "engine/shipped.h"

int main(int argc, char** argv) {
  using namespace proctor;
  const std::string exam = argc > 1 ? argv[1] : "CLF-C02";
  const int learners = argc > 2 ? std::atoi(argv[2]) : 100000;
  const uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 2026;
  const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  const Blueprint* b = catalog.Find(exam, "2026-11-22");
  if (b == nullptr) {
    std::fprintf(stderr, "no exam %s\n", exam.c_str());
    return 2;
  }
  std::printf("%s, %d simulated learners, seed %llu\n\n", b->code.c_str(), learners, static_cast<unsigned long long>(seed));
  std::printf("| Predicted | Learners | Mean predicted | Passed the next exam | Difference |\n");
  std::printf("|-----------|---------:|---------------:|---------------------:|-----------:|\n");
  for (const CalibrationRow& row : SimulateCalibration(*b, learners, seed)) {
    std::printf("| %3.0f-%3.0f%% | %8d | %13.1f%% | %19.1f%% | %+9.1f |\n", row.from * 100, row.to * 100, row.learners,
                row.predicted * 100, row.passed * 100, (row.passed - row.predicted) * 100);
  }
  return 0;
}
