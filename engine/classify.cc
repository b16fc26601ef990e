#include "engine/classify.h"

#include <algorithm>
#include <cmath>

#include "engine/hash.h"

namespace proctor {

namespace {

// Words that say nothing about a domain: English function words, and the words every AWS question
// uses. Measured by cross-validation (tools/classify_eval): dropping them gains a few points.
constexpr const char* kStopWords[] = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "each", "for",
    "from", "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "more", "most",
    "must", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "over", "own", "per",
    "same", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "up", "use", "uses", "used",
    "using", "very", "was", "were", "what", "when", "where", "which", "while", "who", "will", "with",
    "within", "without", "would", "you", "your", "aws", "amazon", "company", "companies", "solution",
    "solutions", "requirement", "requirements", "meet", "meets", "needs", "need", "wants", "want",
    "team", "new", "option", "options", "following", "best", "least", "choose", "correct", "answer",
    "two", "three"};

constexpr double kSmoothing = 0.2;      // additive smoothing of feature counts (tuned by cross-validation)
constexpr double kTaskWeight = 3.0;     // a task statement line counts as this many questions
constexpr double kServiceWeight = 2.0;  // and a service name as this many
constexpr double kMinFeatureCount = 2.0;  // features seen less are dropped when learning ends
constexpr bool kPairs = true;

// A word's hash: its bytes packed eight at a time into 64-bit chunks, each chunk mixed in (a
// byte-at-a-time FNV hash was most of the classifier's time).
class WordHasher {
 public:
  void Add(unsigned char c) {
    chunk_ |= uint64_t{c} << (8 * (length_ & 7));
    if ((++length_ & 7) == 0) {
      h_ = Mix64(h_ ^ chunk_);
      chunk_ = 0;
    }
  }
  uint64_t Finish() const { return Mix64(h_ ^ chunk_ ^ (uint64_t{length_} << 56)) | 1; }  // never 0
  size_t length() const { return length_; }
  void Reset() {
    h_ = kSeed;
    chunk_ = 0;
    length_ = 0;
  }

 private:
  static constexpr uint64_t kSeed = 0x9E3779B97F4A7C15ull;
  uint64_t h_ = kSeed;
  uint64_t chunk_ = 0;
  size_t length_ = 0;
};

uint64_t WordHash(std::string_view word) {
  WordHasher h;
  for (char c : word) h.Add(static_cast<unsigned char>(c));
  return h.Finish();
}

// A pair's hash, distinct from either word's.
uint64_t PairHash(uint64_t first, uint64_t second) { return Mix64(first * 0x9E3779B97F4A7C15ull + second) | 1; }

// The stop words' hashes in a small open-addressing table (a quarter full).
class StopWordSet {
 public:
  StopWordSet() {
    for (const char* w : kStopWords) {
      const uint64_t h = WordHash(w);
      size_t i = h & kMask;
      while (slots_[i] != 0) i = (i + 1) & kMask;
      slots_[i] = h;
    }
  }
  bool Contains(uint64_t h) const {
    for (size_t i = h & kMask;; i = (i + 1) & kMask) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  static constexpr size_t kMask = 511;
  uint64_t slots_[kMask + 1] = {};
};

// The features of `text` in reading order, repeats included.
void AppendFeatures(std::string_view text, std::vector<uint64_t>& features) {
  static const StopWordSet stop;
  WordHasher word;
  bool digits_only = true;
  uint64_t previous = 0;
  auto flush = [&] {
    if (word.length() > 1 && !digits_only) {
      const uint64_t h = word.Finish();
      if (!stop.Contains(h)) {
        features.push_back(h);
        if (kPairs && previous != 0) features.push_back(PairHash(previous, h));
        previous = h;
      }
    }
    word.Reset();
    digits_only = true;
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word.Add(c);
      digits_only = digits_only && c <= '9';
    } else if (word.length() > 0) {
      flush();
    }
  }
  flush();
}

}  // namespace

std::vector<uint64_t> DomainFeatures(std::string_view text) {
  std::vector<uint64_t> features;
  features.reserve(text.size() / 4);
  AppendFeatures(text, features);
  // Presence, not frequency: a long explanation repeating a word is not more evidence.
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
  return features;
}

std::string ClassifierText(const Question& q) {
  std::string text = q.scenario_text + "\n" + q.stem;
  for (const Option& o : q.options) text += "\n" + o.text;
  for (const Prompt& p : q.prompts) text += "\n" + p.text;
  return text + "\n" + q.explanation;
}

DomainClassifier::DomainClassifier(const Blueprint& blueprint)
    : blueprint_(blueprint), domains_(blueprint.domains.size()), keys_(1024, 0), counts_(1024 * domains_, 0.0f),
      totals_(domains_, 0.0) {}

size_t DomainClassifier::Slot(uint64_t feature) const {
  const size_t mask = keys_.size() - 1;
  size_t slot = static_cast<size_t>(feature) & mask;  // features are mixed hashes already
  while (keys_[slot] != 0 && keys_[slot] != feature) slot = (slot + 1) & mask;
  return slot;
}

void DomainClassifier::Add(int domain, std::string_view text, double weight) {
  if (domain < 1 || static_cast<size_t>(domain) > domains_ || weight <= 0) return;
  finished_ = false;
  const size_t d = static_cast<size_t>(domain - 1);
  for (uint64_t f : DomainFeatures(text)) {
    if ((used_ + 1) * 2 > keys_.size()) {  // keep the table at most half full
      std::vector<uint64_t> old_keys = std::move(keys_);
      std::vector<float> old_counts = std::move(counts_);
      keys_.assign(old_keys.size() * 2, 0);
      counts_.assign(keys_.size() * domains_, 0.0f);
      for (size_t i = 0; i < old_keys.size(); ++i) {
        if (old_keys[i] == 0) continue;
        const size_t s = Slot(old_keys[i]);
        keys_[s] = old_keys[i];
        std::copy_n(old_counts.begin() + static_cast<ptrdiff_t>(i * domains_), domains_,
                    counts_.begin() + static_cast<ptrdiff_t>(s * domains_));
      }
    }
    const size_t s = Slot(f);
    if (keys_[s] == 0) {
      keys_[s] = f;
      ++used_;
    }
    counts_[s * domains_ + d] += static_cast<float>(weight);
    totals_[d] += weight;
  }
  examples_ += weight;
}

void DomainClassifier::AddCatalogFacts() {
  for (const Domain& d : blueprint_.domains) {
    Add(d.number, d.name, kTaskWeight);
    for (const std::string& task : d.tasks) Add(d.number, task, kTaskWeight);
    for (const std::string& service : d.services) Add(d.number, service, kServiceWeight);
  }
}

void DomainClassifier::Finish() {
  // Features seen once (most word pairs) say little and would make the table several times larger
  // than the cache: keep those seen at least twice (every catalog fact counts twice or more).
  std::vector<uint64_t> keys;
  std::vector<float> counts;
  for (size_t s = 0; s < keys_.size(); ++s) {
    if (keys_[s] == 0) continue;
    double total = 0;
    for (size_t d = 0; d < domains_; ++d) total += counts_[s * domains_ + d];
    if (total < kMinFeatureCount) continue;
    keys.push_back(keys_[s]);
    counts.insert(counts.end(), counts_.begin() + static_cast<ptrdiff_t>(s * domains_),
                  counts_.begin() + static_cast<ptrdiff_t>((s + 1) * domains_));
  }
  size_t size = 64;
  while (size < keys.size() * 2) size *= 2;
  keys_.assign(size, 0);
  counts_.assign(size * domains_, 0.0f);
  used_ = keys.size();
  std::fill(totals_.begin(), totals_.end(), 0.0);
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t s = Slot(keys[i]);
    keys_[s] = keys[i];
    for (size_t d = 0; d < domains_; ++d) {
      counts_[s * domains_ + d] = counts[i * domains_ + d];
      totals_[d] += counts[i * domains_ + d];
    }
  }
  const double vocabulary = static_cast<double>(used_);
  log_odds_.assign(counts_.size(), 0.0f);
  for (size_t s = 0; s < keys_.size(); ++s) {
    if (keys_[s] == 0) continue;
    for (size_t d = 0; d < domains_; ++d) {
      log_odds_[s * domains_ + d] = static_cast<float>(
          std::log((counts_[s * domains_ + d] + kSmoothing) / (totals_[d] + kSmoothing * vocabulary)));
    }
  }
  // The blueprint's weights are the prior: an imported bank usually follows the exam guide.
  log_prior_.assign(domains_, 0.0);
  for (size_t d = 0; d < domains_; ++d) log_prior_[d] = std::log(std::max(1, blueprint_.domains[d].weight) / 100.0);
  finished_ = true;
}

DomainGuess DomainClassifier::Classify(std::string_view text) const {
  if (!finished_ || domains_ == 0 || examples_ <= 0) return {};
  std::vector<double> score = log_prior_;
  thread_local std::vector<uint64_t> features;
  features.clear();
  AppendFeatures(text, features);
  // Each feature once (presence, as in training), without sorting: a small table of the slots seen.
  thread_local std::vector<uint32_t> seen;  // the call that last counted each slot
  thread_local uint32_t call = 0;
  if (seen.size() != keys_.size() || ++call == 0) {
    seen.assign(keys_.size(), 0);
    call = 1;
  }
  for (uint64_t f : features) {
    const size_t s = Slot(f);
    if (keys_[s] == 0 || seen[s] == call) continue;  // never seen in training, or counted already
    seen[s] = call;
    const float* row = &log_odds_[s * domains_];
    for (size_t d = 0; d < domains_; ++d) score[d] += row[d];
  }
  const auto top = std::max_element(score.begin(), score.end());
  double sum = 0;
  for (double v : score) sum += std::exp(v - *top);
  return {static_cast<int>(top - score.begin()) + 1, 1.0 / sum};
}

DomainClassifier BuildDomainClassifier(const Blueprint& blueprint, const std::vector<Question>& examples) {
  DomainClassifier classifier(blueprint);
  classifier.AddCatalogFacts();
  for (const Question& q : examples) {
    if (q.exam == blueprint.code && q.domain != 0) classifier.Add(q.domain, ClassifierText(q));
  }
  classifier.Finish();
  return classifier;
}

}  // namespace proctor
