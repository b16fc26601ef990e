// Per-question answer statistics kept up to date as attempts finish (schema 11), so that
// `proctor stats --items` reads a few hundred rows instead of every answer ever given.
#pragma once

#include "engine/question.h"
#include "engine/scoring.h"
#include "engine/session.h"

namespace proctor {

class Database;

// What one wrong answer counts against: for single and multiple response, each chosen option
// outside the key (a multiple-response answer that chose only keyed options, too few of them, counts
// none); for ordering and matching, the whole answer (encoded).
std::vector<std::string> WrongChoices(const Question& question, const Response& response);

// Adds a finished attempt's answers to item_tallies and item_wrong_choices. Inside the caller's
// transaction (SqliteAttemptLog::SaveFinish).
void TallyAttempt(Database& db, const Attempt& attempt, const ScoreReport& report);

// Computes both tables from every finished attempt (schema 11's migration; they must be empty).
void BackfillItemTallies(Database& db);

}  // namespace proctor
