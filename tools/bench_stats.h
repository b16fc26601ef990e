// Summary statistics and timing for the benchmark tools (tools/bench_*.cc): every measurement is a
// list of per-run milliseconds from std::chrono::steady_clock, reported as median and spread.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace proctor::bench {

using SteadyTime = std::chrono::steady_clock::time_point;

inline SteadyTime Now() { return std::chrono::steady_clock::now(); }

// Milliseconds from `start` to now, with the clock's full resolution.
inline double MsSince(SteadyTime start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

struct Summary {
  size_t count = 0;
  double median = 0;  // the mean of the two middle values for an even count
  double p90 = 0;     // nearest rank
  double min = 0;
  double max = 0;
};

// Summarises `ms` (any order). All fields are 0 for an empty list.
inline Summary Summarize(std::vector<double> ms) {
  Summary s;
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  const size_t n = ms.size();
  s.count = n;
  s.median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  size_t rank = (n * 9 + 9) / 10;  // ceil(0.9 n), 1-based
  s.p90 = ms[std::max<size_t>(rank, 1) - 1];
  s.min = ms.front();
  s.max = ms.back();
  return s;
}

// The run-by-run ratios a[i] / b[i] (each run against the baseline taken in the same run).
inline Summary RatioPerRun(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> ratios;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) ratios.push_back(a[i] / b[i]);
  return Summarize(ratios);
}

// Formats milliseconds with `decimals` places.
inline std::string Ms(double ms, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, ms);
  return buf;
}

// "median M ms (min-max A-B)" for a summary.
inline std::string MedianSpread(const Summary& s, int decimals = 3) {
  return "median " + Ms(s.median, decimals) + " ms (min-max " + Ms(s.min, decimals) + "-" + Ms(s.max, decimals) + ")";
}

// "LABEL median M ms (min-max A-B)" and a new line, for the per-run milliseconds `ms`.
inline std::string ReportLine(const std::string& label, const std::vector<double>& ms, int decimals = 3) {
  return label + MedianSpread(Summarize(ms), decimals) + "\n";
}

// "ratio per run (WHAT): median Nx (min-max A-B)" and a new line, for the runs of `a` against the
// baseline runs `b`.
inline std::string RatioPerRunLine(const std::string& what, const std::vector<double>& a, const std::vector<double>& b,
                                   int decimals) {
  const Summary r = RatioPerRun(a, b);
  return "ratio per run (" + what + "): median " + Ms(r.median, decimals) + "x (min-max " + Ms(r.min, decimals) + "-" +
         Ms(r.max, decimals) + ")\n";
}

}  // namespace proctor::bench
