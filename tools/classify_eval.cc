// How well proctor infers a question's domain: k-fold cross-validation on the shipped banks, per
// exam, against the majority-class baseline, with the confusion matrix; and the time to classify
// 100,000 questions. Prints Markdown for docs/domain-inference.md.
//
//   build/proctor_classify_eval [FOLDS]   (default 5)
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "engine/classify.h"
#include "engine/hash.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"

namespace {

using proctor::Blueprint;
using proctor::Question;

struct Result {
  int total = 0;
  int right = 0;
  int baseline_right = 0;
  std::vector<std::vector<int>> confusion;  // [true domain - 1][guessed domain - 1]
};

// Deterministic folds: a question's fold is a hash of its id, so every run splits alike.
int FoldOf(const Question& q, int folds) { return static_cast<int>(proctor::Hash64(q.bank_id + "/" + q.id) % static_cast<uint64_t>(folds)); }

Result CrossValidate(const Blueprint& b, const std::vector<Question>& questions, int folds) {
  Result r;
  const size_t n = b.domains.size();
  r.confusion.assign(n, std::vector<int>(n, 0));
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<Question> train;
    std::vector<const Question*> test;
    for (const Question& q : questions) {
      if (FoldOf(q, folds) == fold) test.push_back(&q);
      else train.push_back(q);
    }
    proctor::DomainClassifier model = proctor::BuildDomainClassifier(b, train);
    std::vector<int> counts(n, 0);
    for (const Question& q : train) ++counts[static_cast<size_t>(q.domain - 1)];
    const int majority = static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin()) + 1;
    for (const Question* q : test) {
      proctor::DomainGuess guess = model.Classify(proctor::ClassifierText(*q));
      ++r.total;
      r.right += guess.domain == q->domain ? 1 : 0;
      r.baseline_right += majority == q->domain ? 1 : 0;
      if (guess.domain >= 1) ++r.confusion[static_cast<size_t>(q->domain - 1)][static_cast<size_t>(guess.domain - 1)];
    }
  }
  return r;
}

double Percent(int part, int whole) { return whole == 0 ? 0 : 100.0 * part / whole; }

}  // namespace

int main(int argc, char** argv) {
  const bool speed_only = argc > 1 && std::string(argv[1]) == "--speed";
  const int folds = argc > 1 && !speed_only ? std::max(2, std::atoi(argv[1])) : 5;
  proctor::Catalog catalog = proctor::Catalog::Parse(proctor::ShippedCatalog(), "catalog.json");
  std::map<std::string, std::vector<Question>> by_exam;
  for (const proctor::ShippedFile& file : proctor::ShippedBanks()) {
    proctor::Diagnostics diag;
    for (Question& q : proctor::ReadNativeBank(file.data, std::string(file.name), catalog, diag).questions) {
      if (q.domain != 0) by_exam[q.exam].push_back(std::move(q));
    }
  }
  if (!speed_only) {
  std::cout << "| Exam | Questions | Domains | Accuracy | Majority baseline | Gain |\n|---|---|---|---|---|---|\n";
  std::map<std::string, Result> results;
  double sum = 0;
  int active = 0;
  for (const Blueprint& b : catalog.exams()) {
    auto it = by_exam.find(b.code);
    if (it == by_exam.end()) continue;
    Result r = CrossValidate(b, it->second, folds);
    results[b.code] = r;
    char line[256];
    std::snprintf(line, sizeof line, "| %s%s | %d | %zu | %.1f%% | %.1f%% | %+.1f |\n", b.code.c_str(),
                  b.StatusOn("2026-12-06") == proctor::ExamStatus::kRetired ? " (retired)" : "", r.total,
                  b.domains.size(), Percent(r.right, r.total), Percent(r.baseline_right, r.total),
                  Percent(r.right, r.total) - Percent(r.baseline_right, r.total));
    std::cout << line;
    if (b.StatusOn("2026-12-06") != proctor::ExamStatus::kRetired) {
      sum += Percent(r.right, r.total);
      ++active;
    }
  }
  char avg[128];
  std::snprintf(avg, sizeof avg, "\nAverage over the %d exams on offer: %.1f%% (%d-fold cross-validation).\n", active,
                active ? sum / active : 0, folds);
  std::cout << avg;
  for (const auto& [code, r] : results) {
    std::cout << "\n### " << code << " confusion matrix (rows: the question's domain; columns: the guess)\n\n|  |";
    for (size_t d = 0; d < r.confusion.size(); ++d) std::cout << " " << d + 1 << " |";
    std::cout << "\n|---|";
    for (size_t d = 0; d < r.confusion.size(); ++d) std::cout << "---|";
    std::cout << "\n";
    for (size_t t = 0; t < r.confusion.size(); ++t) {
      std::cout << "| " << t + 1 << " |";
      for (int c : r.confusion[t]) std::cout << " " << c << " |";
      std::cout << "\n";
    }
  }
  }
  // Speed: 100,000 classifications with the SAA-C03 model.
  const Blueprint& saa = *catalog.Find("SAA-C03", "2026-12-06");
  proctor::DomainClassifier model = proctor::BuildDomainClassifier(saa, by_exam["SAA-C03"]);
  std::vector<std::string> texts;
  for (const Question& q : by_exam["SAA-C03"]) texts.push_back(proctor::ClassifierText(q));
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  int64_t checksum = 0;
  for (int i = 0; i < 100000; ++i) checksum += model.Classify(texts[static_cast<size_t>(i) % texts.size()]).domain;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  char speed[256];
  std::snprintf(speed, sizeof speed,
                "\n100,000 SAA-C03 questions (%zu bytes of text each on average) classified in %.0f ms (%.0f ms of CPU; "
                "checksum %lld).\n",
                bytes / texts.size(), ms, cpu_ms, static_cast<long long>(checksum));
  std::cout << speed;
  return 0;
}
