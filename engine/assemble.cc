#include "engine/assemble.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_set>

#include "engine/error.h"
#include "engine/random.h"

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
  if (available < shape.total) {
    throw Error(b.code + " needs " + std::to_string(shape.total) + " questions (" +
                std::to_string(shape.total - shape.unscored) + " scored, " +
                std::to_string(shape.unscored) + " unscored) but the banks have " +
                std::to_string(available) + " for this exam; use --questions " +
                std::to_string(std::max(available, 1)) + " or fewer for a shorter form, or import more questions");
  }
  std::string short_domains;
  for (size_t d = 0; d < b.domains.size(); ++d) {
    int have = static_cast<int>(by_domain[d].size());
    if (have < shape.scored_per_domain[d]) {
      short_domains += (short_domains.empty() ? "" : "; ") + std::string("domain ") +
                       std::to_string(d + 1) + " (" + b.domains[d].name + ") needs " +
                       std::to_string(shape.scored_per_domain[d]) + " scored questions, the banks have " +
                       std::to_string(have);
    }
  }
  if (!short_domains.empty()) {
    throw Error(b.code + ": the banks are short of questions: " + short_domains);
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
  for (size_t d = 0; d < b.domains.size(); ++d) {
    std::vector<Candidate>& list = by_domain[d];
    OrderByFreshness(list, rng);
    take(list, static_cast<size_t>(shape.scored_per_domain[d]), true, &leftover);
  }
  OrderByFreshness(leftover, rng);
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
