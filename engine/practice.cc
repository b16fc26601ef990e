#include "engine/practice.h"

#include <algorithm>
#include <map>

namespace proctor {

PracticeSession::PracticeSession(Session& session)
    : session_(session), last_again_right_(static_cast<size_t>(session.size()), false) {
  next_new_ = std::min(session_.size(), session_.position() + 1);
  time_up_ = !session_.in_progress();
}

bool PracticeSession::Check(Response response) {
  if (checked_ || time_up_) return !time_up_;
  bool correct = false;
  bool ok = false;
  if (relearning_) {
    ok = session_.Relearn(response, &correct);
  } else {
    ok = session_.Check(response);
    correct = ok && IsCorrect(current().question, current().response);
  }
  if (!ok) {
    time_up_ = true;
    return false;
  }
  checked_ = true;
  ++checks_;
  checked_response_ = std::move(response);
  checked_correct_ = correct;
  const int times = relearning_ ? relearn_times_ : 0;
  if (relearning_) last_again_right_[static_cast<size_t>(position())] = correct;
  if (!correct && times < kMaxRelearn) again_.push_back({position(), checks_ + kRelearnGap, times});
  return true;
}

bool PracticeSession::Show(int position, bool relearning) {
  if (!session_.GoTo(position)) {
    time_up_ = true;
    return false;
  }
  session_.Shown();
  relearning_ = relearning;
  checked_ = false;
  checked_response_.clear();
  checked_correct_ = false;
  return true;
}

bool PracticeSession::Next() {
  if (time_up_ || session_.CheckDeadline() || !session_.in_progress()) {
    time_up_ = time_up_ || !session_.in_progress();
    return false;
  }
  // A missed question whose turn has come (the earliest missed first), else the next new question,
  // else a missed question still waiting.
  auto due = std::find_if(again_.begin(), again_.end(), [&](const Again& a) { return a.after <= checks_; });
  if (due == again_.end() && next_new_ >= session_.size() && !again_.empty()) due = again_.begin();
  if (due != again_.end()) {
    const Again a = *due;
    again_.erase(due);
    relearn_times_ = a.times + 1;
    if (std::find(came_back_.begin(), came_back_.end(), a.position) == came_back_.end()) came_back_.push_back(a.position);
    return Show(a.position, true);
  }
  if (next_new_ < session_.size()) {
    relearn_times_ = 0;
    return Show(next_new_++, false);
  }
  return false;
}

bool PracticeSession::ToggleFlag() {
  if (time_up_ || !session_.SetFlag(!current().flagged)) {
    time_up_ = true;
    return false;
  }
  return true;
}

PracticeSummary PracticeSession::Finish() {
  session_.Submit();
  const Attempt& a = session_.attempt();
  PracticeSummary s;
  s.questions = session_.size();
  s.time_up = a.status == AttemptStatus::kExpired;
  std::map<int, PracticeDomainTally> tallies;
  for (size_t i = 0; i < a.items.size(); ++i) {
    const AttemptItem& item = a.items[i];
    if (item.flagged) s.flagged.push_back(static_cast<int>(i));
    if (item.response.empty()) continue;
    const bool right = IsCorrect(item.question, item.response);
    ++s.answered;
    s.right += right;
    if (!right) s.missed.push_back(static_cast<int>(i));
    PracticeDomainTally& t = tallies[item.form.domain];
    t.number = item.form.domain;
    ++t.answered;
    t.right += right;
  }
  for (const Domain& d : a.blueprint.domains) {
    if (auto it = tallies.find(d.number); it != tallies.end()) {
      it->second.name = d.name;
      s.by_domain.push_back(it->second);
      tallies.erase(it);
    }
  }
  for (auto& [number, t] : tallies) s.by_domain.push_back(t);  // no domain, or one the blueprint lacks
  s.came_back = static_cast<int>(came_back_.size());
  for (int p : came_back_) s.right_again += last_again_right_[static_cast<size_t>(p)];
  s.kept = s.answered > 0;
  return s;
}

}  // namespace proctor
