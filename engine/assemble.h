// Drawing a form: which questions an attempt gets, which are scored, in what order, and the order
// of each question's options.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/question.h"

namespace proctor {

// Largest-remainder apportionment of `total` items over `weights` (percentages or any positive
// numbers). Ties go to the larger weight, then the earlier domain. The result sums to `total`.
std::vector<int> Apportion(const std::vector<int>& weights, int total);

// What the store knows about a question without loading its text.
struct Candidate {
  std::string bank_id;
  std::string question_id;
  int domain = 0;
  ItemType type = ItemType::kSingle;
  bool case_study = false;
  bool pilot = false;
  int64_t last_seen_ms = 0;  // when this learner last had it in an attempt; 0 = never
  std::string topic;         // the fact it tests; "" if its bank names none
};

struct FormItem {
  std::string bank_id;
  std::string question_id;
  int domain = 0;
  bool scored = true;
};

struct FormShape {
  int total = 0;
  int unscored = 0;
  std::vector<int> scored_per_domain;  // index d-1 for domain d
  // A domain short of its quota gives what it has, and the other domains the rest of the scored
  // items (the form then no longer follows the blueprint's weights; --any-domain).
  bool any_domain = false;
};

// The longest form (questions, 1 to the full form) that `available_per_domain` (index d-1) can
// fill, with `available_total` questions in all; 0 if none can.
int LargestFormThatFits(const Blueprint& blueprint, const std::vector<int>& available_per_domain, int available_total);

// The counts a form of `questions` items has for `blueprint` (questions <= 0: the full form).
// A shorter form scales the unscored count in proportion and keeps at least one scored item.
FormShape ShapeForm(const Blueprint& blueprint, int questions);

// Draws a form from `pool`: per domain its scored quota, preferring questions never seen, then
// those seen longest ago; then the unscored items from what is left, preferring pilots; then all
// items in random order. Only item types the blueprint allows are drawn. No two items share a
// topic while the pool has a question of a topic not yet drawn that fits (a form held two questions
// on st1 volumes). Throws Error naming the exam, the counts needed and the counts available when
// the pool cannot fill the form.
std::vector<FormItem> AssembleForm(const Blueprint& blueprint, const FormShape& shape,
                                   std::vector<Candidate> pool, uint64_t seed);

// The display order of a question's options (ids) for one attempt: shuffled, except that options
// marked fixed keep their places, and an ordering item never starts in its right order.
std::vector<std::string> ShuffleOptions(const Question& question, uint64_t seed);

}  // namespace proctor
