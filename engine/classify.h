// Inferring the blueprint domain of a question whose bank gives none (most public banks carry no
// domains). A multinomial naive Bayes model per exam over the words and word pairs of a question,
// trained on the shipped domain-tagged questions of that exam and on the catalog's facts about each
// domain (its task statements and services); the prior is the blueprint's weights. Deterministic,
// no network, no downloaded model. Its accuracy, by cross-validation on the shipped banks, is in
// docs/domain-inference.md (tools/classify_eval).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"
#include "engine/question.h"

namespace proctor {

struct DomainGuess {
  int domain = 0;            // 1-based; 0 when the model has nothing to go on
  double probability = 0.0;  // the model's posterior for that domain, in (0, 1]
};

// The features of a text, as 64-bit hashes, each once: its lower-case words (ASCII letters and
// digits, stop words and numbers dropped) and the pairs of consecutive ones. Hashes, not strings:
// classifying 100,000 questions must take well under a second.
std::vector<uint64_t> DomainFeatures(std::string_view text);

// The text of a question the model reads: stem, scenario, options, prompts and explanation.
std::string ClassifierText(const Question& question);

class DomainClassifier {
 public:
  explicit DomainClassifier(const Blueprint& blueprint);

  // Learns from one text of `domain` (1-based), counted `weight` times.
  void Add(int domain, std::string_view text, double weight = 1.0);
  // Learns the blueprint's own facts: each domain's name, task statements and services.
  void AddCatalogFacts();
  // Turns what was learned into the tables Classify reads. Call after the last Add.
  void Finish();

  // The most probable domain of `text` and its probability. {0, 0} if nothing was learned or
  // Finish was not called.
  DomainGuess Classify(std::string_view text) const;

  const Blueprint& blueprint() const { return blueprint_; }

 private:
  size_t Slot(uint64_t feature) const;  // in keys_: the feature's slot, or an empty one

  Blueprint blueprint_;
  size_t domains_ = 0;
  // Open addressing over feature hashes (0 marks an empty slot; no feature hashes to 0).
  std::vector<uint64_t> keys_;
  std::vector<float> counts_;    // while learning: weighted count per slot and domain
  std::vector<float> log_odds_;  // after Finish: log P(feature | domain) per slot and domain
  std::vector<double> totals_;   // weighted feature count per domain
  std::vector<double> log_prior_;
  size_t used_ = 0;
  double examples_ = 0;
  bool finished_ = false;
};

// The classifier of exam `blueprint` built from the catalog's facts and `examples` (questions of that
// exam with a domain; others are ignored).
DomainClassifier BuildDomainClassifier(const Blueprint& blueprint, const std::vector<Question>& examples);

}  // namespace proctor
