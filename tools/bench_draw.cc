// Benchmark: drawing a full exam form from a large bank, against the naive SQL draw in the same
// run. Not a test: tools/bench_draw.sh builds the database and runs it.
//   build/proctor_bench_draw DB RUNS [EXAM]
// DB is a proctor database holding many questions of EXAM (default CLF-C02). Each of RUNS runs
// times, with a new seed:
//   draw:         proctor::DrawForm for the exam's full form (ShapeForm(blueprint, 0)), all banks;
//   draw + load:  the same with another seed, then proctor::LoadQuestion for every drawn item;
//   baseline:     per domain, SELECT ... ORDER BY random() LIMIT quota, then the unscored items
//                 the same way from any domain (skipping questions already drawn).
// One untimed warm-up of each comes first. Times are std::chrono::steady_clock milliseconds.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/assemble.h"
#include "engine/catalog.h"
#include "engine/error.h"
#include "engine/shipped.h"
#include "engine/store/bank_store.h"
#include "engine/store/database.h"
#include "tools/bench_stats.h"

namespace {

using proctor::bench::Ms;
using proctor::bench::MsSince;
using proctor::bench::Now;

// The naive draw: ORDER BY random() per domain with the form's quotas. Returns (bank, id) pairs.
std::vector<std::pair<std::string, std::string>> BaselineDraw(proctor::Database& db, const proctor::Blueprint& b,
                                                              const proctor::FormShape& shape) {
  std::vector<std::pair<std::string, std::string>> drawn;
  std::set<std::pair<std::string, std::string>> seen;
  proctor::Statement by_domain(db, "SELECT bank_id, id FROM questions WHERE exam = ?1 AND domain = ?2 "
                                   "AND active = 1 ORDER BY random() LIMIT ?3");
  for (size_t d = 0; d < shape.scored_per_domain.size(); ++d) {
    if (shape.scored_per_domain[d] == 0) continue;
    by_domain.Reset();
    by_domain.Bind(1, b.code).Bind(2, static_cast<int64_t>(d + 1)).Bind(3, shape.scored_per_domain[d]);
    while (by_domain.Step()) {
      drawn.emplace_back(by_domain.Text(0), by_domain.Text(1));
      seen.insert(drawn.back());
    }
  }
  // Unscored items from any domain: enough rows that skipping the scored ones still fills them.
  proctor::Statement any(db, "SELECT bank_id, id FROM questions WHERE exam = ?1 AND active = 1 "
                             "ORDER BY random() LIMIT ?2");
  any.Bind(1, b.code).Bind(2, shape.total);
  int unscored = 0;
  while (unscored < shape.unscored && any.Step()) {
    std::pair<std::string, std::string> key(any.Text(0), any.Text(1));
    if (seen.count(key)) continue;
    drawn.push_back(std::move(key));
    ++unscored;
  }
  return drawn;
}

int64_t QueryInt(proctor::Database& db, const std::string& sql, const std::string& bind = {}) {
  proctor::Statement s(db, sql);
  if (!bind.empty()) s.Bind(1, bind);
  return s.Step() ? s.Int(0) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || std::atoi(argv[2]) < 1) {
    std::cerr << "usage: proctor_bench_draw DB RUNS [EXAM]\n";
    return 2;
  }
  const std::string path = argv[1];
  const int runs = std::atoi(argv[2]);
  const std::string exam = argc > 3 ? argv[3] : "CLF-C02";
  try {
    proctor::Catalog catalog = proctor::Catalog::Parse(proctor::ShippedCatalog(), "catalog.json");
    const proctor::Blueprint* b = catalog.Find(exam, "9999-12-31");
    if (b == nullptr) throw proctor::Error("unknown exam " + exam);
    const proctor::FormShape shape = proctor::ShapeForm(*b, 0);

    auto open_start = Now();
    proctor::Database db = proctor::Database::Open(path);
    const double open_ms = MsSince(open_start);

    std::cout << "bench_draw: drawing a full " << b->code << " form (" << shape.total << " items, " << shape.unscored
              << " unscored; scored per domain";
    for (int q : shape.scored_per_domain) std::cout << " " << q;
    std::cout << ") with proctor::DrawForm, and DrawForm plus LoadQuestion of every item, against\n"
                 "  SELECT bank_id, id ... WHERE exam = ? AND domain = ? AND active = 1 ORDER BY random() LIMIT quota\n"
                 "  per domain (and the unscored items the same way from any domain), on one connection.\n"
                 "  A new seed each run; one untimed warm-up of each; steady_clock milliseconds.\n";
    std::cout << "run as: proctor_bench_draw " << path << " " << runs << " " << b->code << "\n";
    std::cout << "database: " << QueryInt(db, "SELECT count(*) FROM questions WHERE exam = ?1 AND active = 1", b->code)
              << " active " << b->code << " questions, " << QueryInt(db, "SELECT count(*) FROM questions")
              << " in all; schema version " << QueryInt(db, "PRAGMA user_version") << "; opened in " << Ms(open_ms)
              << " ms\n";

    proctor::DrawForm(db, *b, shape, {}, 0x5eed);  // warm-up
    BaselineDraw(db, *b, shape);

    std::vector<double> draw_ms, load_ms, base_ms;
    for (int r = 0; r < runs; ++r) {
      const uint64_t seed = 1000 + static_cast<uint64_t>(r);
      auto start = Now();
      std::vector<proctor::FormItem> form = proctor::DrawForm(db, *b, shape, {}, seed);
      draw_ms.push_back(MsSince(start));
      if (static_cast<int>(form.size()) != shape.total) throw proctor::Error("DrawForm drew a short form");

      start = Now();
      form = proctor::DrawForm(db, *b, shape, {}, seed + 1000000);
      size_t text_bytes = 0;
      for (const proctor::FormItem& item : form) {
        text_bytes += proctor::LoadQuestion(db, item.bank_id, item.question_id).stem.size();
      }
      load_ms.push_back(MsSince(start));
      if (text_bytes == 0) throw proctor::Error("LoadQuestion loaded no text");

      start = Now();
      auto naive = BaselineDraw(db, *b, shape);
      base_ms.push_back(MsSince(start));
      if (static_cast<int>(naive.size()) != shape.total) throw proctor::Error("the baseline drew a short form");

      std::cout << "run " << r + 1 << " (seed " << seed << "): draw " << Ms(draw_ms.back()) << " ms, draw + load "
                << Ms(load_ms.back()) << " ms, baseline ORDER BY random() " << Ms(base_ms.back()) << " ms\n";
    }
    std::cout << proctor::bench::ReportLine("draw              ", draw_ms)
              << proctor::bench::ReportLine("draw + load text  ", load_ms)
              << proctor::bench::ReportLine("baseline random() ", base_ms);
    const double draw = proctor::bench::Summarize(draw_ms).median;
    const double load = proctor::bench::Summarize(load_ms).median;
    const double base = proctor::bench::Summarize(base_ms).median;
    std::cout << "ratio of the medians: draw takes " << Ms(draw / base, 4) << "x the baseline's time (the baseline "
              << Ms(base / draw, 1) << "x the draw's); draw + load " << Ms(load / base, 4) << "x\n";
    std::cout << proctor::bench::RatioPerRunLine("draw / baseline", draw_ms, base_ms, 4);
    std::cout << "target: draw under 5 ms: " << (draw < 5.0 ? "met" : "not met") << " (median " << Ms(draw) << " ms)\n";
  } catch (const proctor::Error& e) {
    std::cerr << "proctor_bench_draw: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
