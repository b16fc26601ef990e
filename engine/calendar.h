// Calendar dates as proctor stores them: ISO "YYYY-MM-DD" strings in the proleptic Gregorian
// calendar, no time of day and no time zone. ISO dates compare correctly as strings; these helpers
// do the arithmetic that comparison cannot (days between two dates, a date some years later).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace proctor {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};

// Parses "YYYY-MM-DD" (exactly that shape, a real day of a real month, years 1900-9999).
// Returns nullopt for anything else, such as "2025-02-29" or "2025-6-1".
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD".
std::string FormatIsoDate(const CivilDate& date);

// Days since 1970-01-01 (negative before it).
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);

// The same day `years` later; 29 February becomes 28 February in a year without it.
// Precondition: `date` is a valid ISO date (ParseIsoDate succeeds).
std::string AddYears(std::string_view date, int years);

// `date` moved by `days` (negative: earlier). Precondition: `date` is a valid ISO date.
std::string AddDays(std::string_view date, int64_t days);

// Days from `from` to `to` (negative when `to` is earlier). Preconditions: both are valid ISO dates.
int64_t DaysBetween(std::string_view from, std::string_view to);

}  // namespace proctor
