#include "engine/assemble.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_set>

#include "engine/error.h"
#include "engine/random.h"
#include "engine/text.h"

namespace proctor {

std::vector<int> Apportion(const std::vector<int>& weights, int total) {
  std::vector<int> out(weights.size(), 0);
  const int64_t sum = std::accumulate(weights.begin(), weights.end(), int64_t{0});
  if (sum <= 0 || total <= 0) return out;
  std::vector<int64_t> remainder(weights.size());
  int given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    int64_t exact = int64_t{weights[i]} * total;  // exact quota = exact / sum
    out[i] = static_cast<int>(exact / sum);
    remainder[i] = exact % sum;
    given += out[i];
  }
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return weights[a] > weights[b];
  });
  for (size_t k = 0; given < total; ++k, ++given) ++out[order[k % order.size()]];
  return out;
}

FormShape ShapeForm(const Blueprint& b, int questions) {
  FormShape shape;
  shape.total = questions > 0 ? questions : b.total_questions;
  if (shape.total == b.total_questions) {
    shape.unscored = b.unscored_questions;
  } else {
    shape.unscored = static_cast<int>(std::lround(static_cast<double>(shape.total) *
                                                  b.unscored_questions / b.total_questions));
    shape.unscored = std::min(shape.unscored, shape.total - 1);
  }
  std::vector<int> weights;
  for (const Domain& d : b.domains) weights.push_back(d.weight);
  shape.scored_per_domain = Apportion(weights, shape.total - shape.unscored);
  return shape;
}

int LargestFormThatFits(const Blueprint& b, const std::vector<int>& available, int total) {
  for (int n = std::min(b.total_questions, total); n >= 1; --n) {
    FormShape shape = ShapeForm(b, n);
    bool fits = true;
    for (size_t d = 0; d < shape.scored_per_domain.size() && fits; ++d) {
      fits = d < available.size() && available[d] >= shape.scored_per_domain[d];
    }
    if (fits) return n;
  }
  return 0;
}

namespace {

// Shuffles, then puts never-seen questions first and the rest oldest-seen first.
void OrderByFreshness(std::vector<Candidate>& items, Rng& rng) {
  rng.Shuffle(items);
  std::stable_sort(items.begin(), items.end(), [](const Candidate& a, const Candidate& b) {
    return a.last_seen_ms < b.last_seen_ms;
  });
}

}  // namespace

std::vector<FormItem> AssembleForm(const Blueprint& b, const FormShape& shape,
                                   std::vector<Candidate> pool, uint64_t seed) {
  Rng rng(seed);
  // Keep only what this exam can show, in a fixed order so the seed alone decides the draw.
  std::erase_if(pool, [&](const Candidate& c) {
    return c.domain < 1 || c.domain > static_cast<int>(b.domains.size()) || !b.AllowsType(c.type) ||
           (c.case_study && !b.AllowsCaseStudies());
  });
  std::sort(pool.begin(), pool.end(), [](const Candidate& x, const Candidate& y) {
    return std::tie(x.bank_id, x.question_id) < std::tie(y.bank_id, y.question_id);
  });

  std::vector<std::vector<Candidate>> by_domain(b.domains.size());
  for (Candidate& c : pool) by_domain[static_cast<size_t>(c.domain - 1)].push_back(std::move(c));

  const int available = static_cast<int>(pool.size());
  std::vector<int> per_domain;
  for (const auto& list : by_domain) per_domain.push_back(static_cast<int>(list.size()));
  // The way out a message offers must work: the longest form that fits, never a size that cannot.
  const int fits = LargestFormThatFits(b, per_domain, available);
  // When no form keeps the blueprint's weights, one of every drawable question without them still fits.
  const std::string shorter = fits > 0        ? "a shorter form fits: --questions " + std::to_string(fits)
                              : available > 0 ? "a shorter form without the blueprint's weights fits: --questions " +
                                                    std::to_string(available) + " --any-domain"
                                              : std::string();
  if (available < shape.total) {
    throw Error(b.code + " needs " + std::to_string(shape.total) + " questions (" +
                std::to_string(shape.total - shape.unscored) + " scored, " + std::to_string(shape.unscored) +
                " unscored) but the banks have " + std::to_string(available) + " it can draw" +
                (available > 0 ? "; " + shorter + ", or import more questions"
                               : "; import questions for " + b.code + " (questions without a domain get one inferred)"));
  }
  std::string short_domains;
  for (size_t d = 0; d < b.domains.size(); ++d) {
    int have = per_domain[d];
    if (have < shape.scored_per_domain[d]) {
      short_domains += (short_domains.empty() ? "" : "; ") + std::string("domain ") +
                       std::to_string(d + 1) + " (" + b.domains[d].name + ") needs " +
                       CountOf(shape.scored_per_domain[d], "scored question") + ", the banks have " + std::to_string(have);
    }
  }
  if (!short_domains.empty() && !shape.any_domain) {
    throw Error(b.code + ": the banks are short of questions: " + short_domains + ". " +
                (fits > 0 ? std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(shorter[0])))) +
                                shorter.substr(1) + "; or "
                          : std::string("Use ")) +
                "--any-domain to draw the missing scored questions from the other domains (the form then does not "
                "follow the blueprint's weights)");
  }

  std::vector<FormItem> items;
  std::vector<Candidate> leftover;
  std::unordered_set<std::string> topics;  // drawn so far
  // Takes `count` of `list` (in its order) as items, topics not yet drawn first; the rest go to `rest`.
  auto take = [&](std::vector<Candidate>& list, size_t count, bool scored, std::vector<Candidate>* rest) {
    std::vector<Candidate> repeats;  // a topic already drawn: only if nothing else fits
    size_t taken = 0;
    for (Candidate& c : list) {
      if (taken < count && (c.topic.empty() || !topics.contains(c.topic))) {
        if (!c.topic.empty()) topics.insert(c.topic);
        items.push_back({c.bank_id, c.question_id, c.domain, scored});
        ++taken;
      } else {
        repeats.push_back(std::move(c));
      }
    }
    for (Candidate& c : repeats) {
      if (taken < count) {
        items.push_back({c.bank_id, c.question_id, c.domain, scored});
        ++taken;
      } else if (rest != nullptr) {
        rest->push_back(std::move(c));
      }
    }
  };
  int missing = 0;  // scored items short domains could not give (--any-domain)
  for (size_t d = 0; d < b.domains.size(); ++d) {
    std::vector<Candidate>& list = by_domain[d];
    OrderByFreshness(list, rng);
    const int quota = shape.scored_per_domain[d];
    missing += std::max(0, quota - static_cast<int>(list.size()));
    take(list, static_cast<size_t>(std::min<int>(quota, static_cast<int>(list.size()))), true, &leftover);
  }
  OrderByFreshness(leftover, rng);
  if (missing > 0) {
    std::vector<Candidate> others = std::move(leftover);
    leftover.clear();
    take(others, static_cast<size_t>(missing), true, &leftover);
  }
  std::stable_sort(leftover.begin(), leftover.end(),
                   [](const Candidate& x, const Candidate& y) { return x.pilot && !y.pilot; });
  take(leftover, static_cast<size_t>(shape.unscored), false, nullptr);
  // Unscored items must be indistinguishable: they take random positions among the scored ones.
  rng.Shuffle(items);
  return items;
}

std::vector<std::string> ShuffleOptions(const Question& q, uint64_t seed) {
  Rng rng(seed ^ (std::hash<std::string>{}(q.bank_id + "/" + q.id) * 0x9E3779B97F4A7C15ull));
  std::vector<std::string> movable;
  for (const Option& o : q.options) {
    if (!o.fixed) movable.push_back(o.id);
  }
  rng.Shuffle(movable);
  // Never show the answer as the order on screen: ordering steps already in order, or matching
  // responses lettered in the prompts' order (1-A, 2-B, 3-C ...).
  bool in_key_order = movable.size() > 1;
  if (q.type == ItemType::kOrdering) {
    in_key_order = in_key_order && movable == q.key;
  } else if (q.type == ItemType::kMatching) {
    for (size_t i = 0; i < q.prompts.size() && in_key_order; ++i) {
      auto pair = std::find_if(q.key.begin(), q.key.end(), [&](const std::string& k) {
        return k.compare(0, k.find('='), q.prompts[i].id) == 0 && k.find('=') == q.prompts[i].id.size();
      });
      in_key_order = pair != q.key.end() && i < movable.size() && movable[i] == pair->substr(pair->find('=') + 1);
    }
  } else {
    in_key_order = false;
  }
  if (in_key_order) std::rotate(movable.begin(), movable.begin() + 1, movable.end());
  std::vector<std::string> order;
  size_t next = 0;
  for (const Option& o : q.options) order.push_back(o.fixed ? o.id : movable[next++]);
  return order;
}

}  // namespace proctor
