#include "engine/infer_domains.h"

#include <algorithm>

#include "engine/import/native_json.h"
#include "engine/shipped.h"

namespace proctor {

DomainInference::DomainInference(const Catalog& catalog, DomainOverrides overrides)
    : catalog_(catalog), overrides_(std::move(overrides)) {}

const DomainClassifier* DomainInference::ModelFor(const Blueprint& exam) {
  auto it = models_.find(exam.code);
  if (it != models_.end()) return &it->second;
  if (!shipped_) {
    // The shipped banks are compiled in; reading them all takes a few tens of milliseconds, and only
    // an import with domain-less questions needs it.
    shipped_.emplace();
    for (const ShippedFile& file : ShippedBanks()) {
      Diagnostics ignored;
      for (Question& q : ReadNativeBank(file.data, std::string(file.name), catalog_, ignored).questions) {
        if (q.domain != 0 && !q.domain_inferred) shipped_->push_back(std::move(q));
      }
    }
  }
  return &models_.emplace(exam.code, BuildDomainClassifier(exam, *shipped_)).first->second;
}

bool DomainInference::Apply(Question& q) {
  if (auto it = overrides_.find({q.bank_id, q.id}); it != overrides_.end()) {
    q.domain = it->second;
    q.domain_inferred = false;
    q.domain_confidence = 0;
    return false;
  }
  if (q.domain != 0) return false;
  const Blueprint* exam = nullptr;
  for (const Blueprint& b : catalog_.exams()) {
    if (b.code == q.exam) exam = &b;
  }
  if (exam == nullptr) return false;
  DomainGuess guess = ModelFor(*exam)->Classify(ClassifierText(q));
  if (guess.domain == 0) return false;
  q.domain = guess.domain;
  q.domain_inferred = true;
  q.domain_confidence = guess.probability;
  ++inferred_;
  confidences_.push_back(guess.probability);
  return true;
}

std::vector<double> DomainInference::confidences() const {
  std::vector<double> out = confidences_;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace proctor
