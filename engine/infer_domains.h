// Filling in the domain of imported questions that have none: a learner's override if there is one,
// else the exam's classifier (engine/classify.h), built on first use from the shipped banks and the
// catalog. Used by every import path, so the same question gets the same domain however it came.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/catalog.h"
#include "engine/classify.h"
#include "engine/question.h"

namespace proctor {

// (bank id, question id) -> the domain the learner set for it ('proctor bank set-domain').
using DomainOverrides = std::map<std::pair<std::string, std::string>, int>;

class DomainInference {
 public:
  DomainInference(const Catalog& catalog, DomainOverrides overrides);

  // Gives `question` the learner's override if it has one (not marked inferred); else, when it has
  // no domain and its exam is in the catalog, the classifier's guess, marked inferred with its
  // probability. Returns true if the question was given an inferred domain.
  bool Apply(Question& question);

  int inferred() const { return inferred_; }
  // The probabilities of the domains inferred so far, lowest first.
  std::vector<double> confidences() const;

 private:
  const DomainClassifier* ModelFor(const Blueprint& exam);

  const Catalog& catalog_;
  DomainOverrides overrides_;
  std::map<std::string, DomainClassifier> models_;
  std::optional<std::vector<Question>> shipped_;  // read on first use
  int inferred_ = 0;
  std::vector<double> confidences_;
};

}  // namespace proctor
