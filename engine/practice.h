// A practice session as a state machine over a Session (which saves every event): one question at
// a time; an answer is final once checked, and the key and explanation follow; a question answered
// wrong comes back later in the same session (same-day relearning: after kRelearnGap more answers,
// at most kMaxRelearn times); flags mark questions to look at again; the summary at the end counts
// the first answers. Both front ends (line mode and full screen) drive this class.
#pragma once

#include <string>
#include <vector>

#include "engine/session.h"

namespace proctor {

// A missed question comes back after this many more answers (or at the end, if fewer are left).
inline constexpr int kRelearnGap = 3;
// How many times one missed question comes back in a session.
inline constexpr int kMaxRelearn = 2;

struct PracticeDomainTally {
  int number = 0;  // 0: questions without a domain
  std::string name;
  int right = 0;
  int answered = 0;
};

struct PracticeSummary {
  int questions = 0;  // in the session
  int answered = 0;   // first answers given (an incomplete one counts, and is wrong)
  int right = 0;
  int wrong() const { return answered - right; }
  int not_answered() const { return questions - answered; }
  std::vector<PracticeDomainTally> by_domain;  // domains answered in, in blueprint order
  int came_back = 0;       // missed questions shown again
  int right_again = 0;     // of those, answered right the last time they came back
  // Missed and not put right later in the session: due again today.
  int still_wrong() const { return static_cast<int>(missed.size()) - right_again; }
  std::vector<int> missed;   // positions answered wrong at first, in order
  std::vector<int> flagged;  // positions flagged
  bool kept = false;         // the session is in the history (it has an answer)
  bool time_up = false;
};

class PracticeSession {
 public:
  // Takes over `session` (a practice attempt) at its current question.
  explicit PracticeSession(Session& session);

  const Session& session() const { return session_; }
  const AttemptItem& current() const { return session_.current(); }
  int position() const { return session_.position(); }
  // The question on screen is a missed one shown again.
  bool relearning() const { return relearning_; }
  // Its answer has been checked: the feedback is showing.
  bool checked() const { return checked_; }
  // The answer just checked (when relearning, not the item's first answer) and whether it was right.
  const Response& checked_response() const { return checked_response_; }
  bool checked_correct() const { return checked_correct_; }
  // New questions shown so far (the one on screen included), and missed ones still to come back.
  int new_shown() const { return next_new_; }
  int pending_again() const { return static_cast<int>(again_.size()); }
  bool time_up() const { return time_up_; }

  // Checks `response` for the question on screen and saves it with its review. Returns false if the
  // session refused it because its time is up (the attempt has ended).
  bool Check(Response response);
  // On to the next question: a missed one due back if any, else the next new one, else a missed one
  // still waiting. Also skips the question on screen when it is unchecked. Returns false when
  // nothing is left (or time is up).
  bool Next();
  // Flags or unflags the question on screen. Returns false if time is up.
  bool ToggleFlag();
  // Ends the session (a session with no answer is not kept) and counts it up.
  PracticeSummary Finish();

 private:
  struct Again {
    int position;
    int after;  // comes back once this many answers have been checked
    int times;  // how many times it has come back before
  };
  bool Show(int position, bool relearning);

  Session& session_;
  int next_new_ = 1;   // positions [0, next_new_) have been shown
  int checks_ = 0;
  bool relearning_ = false;
  int relearn_times_ = 0;  // of the question on screen, when relearning
  bool checked_ = false;
  Response checked_response_;
  bool checked_correct_ = false;
  bool time_up_ = false;
  std::vector<Again> again_;
  std::vector<int> came_back_;        // positions shown again at least once
  std::vector<bool> last_again_right_;  // by position: the last time it came back, right?
};

}  // namespace proctor
