// Moodle GIFT. Questions are separated by blank lines:
//
//   // a comment
//   $CATEGORY: $course$/AWS/Security and Compliance
//   ::Shared model:: Who patches the guest OS on EC2? {
//     =The customer #Right: it runs in the customer's instance.
//     ~AWS ~=Both    (the common "~=" spelling marks a right answer too)
//     ####General feedback becomes the explanation.
//   }
//   Pick two. {~%50%S3 ~%50%EFS ~%-100%EC2}
//   S3 is object storage. {T}
//
//   Grant is {=buried ~not buried} in Grant's tomb.     (a blank: the stem shows "_____")
//   Match each service. {=EC2 -> Compute =S3 -> Storage =RDS -> Database}
//
// Multiple choice, multiple answer (weights), true/false and matching (3-7 pairs) are imported. A
// single answer with partial-credit distractors ({~%50%half =full}) keeps = as its key, with a
// warning: proctor gives no partial credit. Short answer, numerical, essay, description and Moodle
// Cloze ({1:MC:~a~=b}) questions are skipped with their line and type. Text is read as HTML.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "engine/import/html_text.h"
#include "engine/import/readers.h"
#include "engine/text.h"

namespace proctor {

namespace {

// Removes GIFT escapes (\~ \= \# \{ \} \: \\ and \n) and a format prefix, giving display text.
// Text is read as HTML whatever its prefix: Moodle's default (moodle auto-format) and [markdown]
// pass HTML through too, and exports carry <p> and &rsquo; without saying [html].
std::string Unescape(std::string_view text) {
  std::string_view t = Trim(text);
  for (std::string_view prefix : {"[html]", "[markdown]", "[plain]", "[moodle]"}) {
    if (t.substr(0, prefix.size()) == prefix) t = Trim(t.substr(prefix.size()));
  }
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size()) {
      char n = t[++i];
      out += n == 'n' ? '\n' : n;
    } else {
      out += t[i];
    }
  }
  return HtmlToText(out);
}

// Finds the next unescaped `c` at or after `from`.
size_t FindUnescaped(std::string_view text, char c, size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == c) return i;
  }
  return std::string_view::npos;
}

struct Answer {
  char mark;  // '=' or '~'
  std::string text;
  std::string feedback;
  std::optional<double> weight;
};

// Splits the inside of {...} into answers at unescaped = and ~; "#" starts feedback and "####"
// the general feedback.
// Text before the first answer goes to `leading` (it was glued onto the first answer).
std::vector<Answer> SplitAnswers(std::string_view body, std::string& general, std::string& leading) {
  std::vector<Answer> answers;
  size_t i = 0;
  std::string current;
  Answer* open = nullptr;
  const auto flush_text = [&] {
    if (open == nullptr) {
      leading = std::string(Trim(current));
      current.clear();
      return;
    }
    std::string t = current;
    current.clear();
    size_t hash = FindUnescaped(t, '#', 0);
    if (hash != std::string::npos) {
      open->feedback = Unescape(std::string_view(t).substr(hash + 1));
      t.resize(hash);
    }
    std::string_view v = Trim(t);
    if (v.size() > 2 && v[0] == '%') {
      size_t end = v.find('%', 1);
      if (end != std::string_view::npos) {
        open->weight = std::strtod(std::string(v.substr(1, end - 1)).c_str(), nullptr);
        v = Trim(v.substr(end + 1));
      }
    }
    open->text = Unescape(v);
  };
  while (i < body.size()) {
    char c = body[i];
    if (c == '\\' && i + 1 < body.size()) {
      current += body.substr(i, 2);
      i += 2;
      continue;
    }
    if (body.substr(i, 4) == "####") {
      flush_text();
      general = Unescape(body.substr(i + 4));
      return answers;
    }
    if (c == '=' || c == '~') {
      // "~=" is a common spelling of a right answer.
      char mark = c;
      if (c == '~' && i + 1 < body.size() && body[i + 1] == '=') {
        mark = '=';
        ++i;
      }
      flush_text();
      answers.push_back({mark, "", "", std::nullopt});
      open = &answers.back();
      ++i;
      continue;
    }
    current += c;
    ++i;
  }
  flush_text();
  return answers;
}

// Moodle's Cloze (embedded answers) syntax: {1:MC:~a~=b}, {:SHORTANSWER:=x}, a weight then a type.
bool IsCloze(std::string_view body) {
  size_t i = 0;
  while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i;
  if (i >= body.size() || body[i] != ':') return false;
  size_t type_end = ++i;
  while (type_end < body.size() && (std::isalpha(static_cast<unsigned char>(body[type_end])) || body[type_end] == '_')) ++type_end;
  return type_end > i && type_end < body.size() && body[type_end] == ':';
}

// A matching question's answers, "=prompt -> response" each ("= -> response" adds a response that
// matches no prompt). Returns false, reporting why, when they are not all of that form.
bool ReadMatching(const std::vector<Answer>& answers, const std::string& where, DraftQuestion& q, Diagnostics& diag) {
  for (const Answer& a : answers) {
    size_t arrow = a.text.find("->");
    if (a.mark != '=' || arrow == std::string::npos) {
      diag.Error(where, "a matching question's answers are each '=prompt -> response'; found '" +
                            std::string(1, a.mark) + a.text.substr(0, 40) + "'");
      return false;
    }
    std::string prompt(Trim(std::string_view(a.text).substr(0, arrow)));
    std::string response(Trim(std::string_view(a.text).substr(arrow + 2)));
    if (response.empty()) {
      diag.Error(where, "the matching pair '" + a.text.substr(0, 40) + "' has no response after '->'");
      return false;
    }
    if (prompt.empty()) {
      q.options.push_back({response, false});
    } else {
      q.pairs.push_back({prompt, response});
    }
  }
  return true;
}

int LineOf(const std::vector<size_t>& line_starts, size_t offset) {
  size_t line = 0;
  while (line + 1 < line_starts.size() && line_starts[line + 1] <= offset) ++line;
  return static_cast<int>(line) + 1;
}

}  // namespace

DraftBank ReadGift(const TextFile& file, Diagnostics& diag) {
  DraftBank bank;
  bank.format = "gift";
  std::vector<std::string_view> lines = file.Lines();
  std::string category;
  // Blocks of non-blank, non-comment lines; a block may continue past blank lines while a { is open.
  size_t i = 0;
  while (i < lines.size()) {
    std::string_view l = Trim(lines[i]);
    if (l.empty() || l.substr(0, 2) == "//") {
      ++i;
      continue;
    }
    if (l.substr(0, 10) == "$CATEGORY:") {
      category = std::string(Trim(l.substr(10)));
      ++i;
      continue;
    }
    const int first_line = static_cast<int>(i) + 1;
    std::string block;
    std::vector<size_t> line_starts;
    int depth = 0;
    while (i < lines.size()) {
      std::string_view cur = lines[i];
      std::string_view trimmed = Trim(cur);
      if (trimmed.empty() && depth == 0) break;
      if (trimmed.substr(0, 2) != "//") {
        line_starts.push_back(block.size());
        block += cur;
        block += '\n';
        for (size_t k = 0; k < cur.size(); ++k) {
          if (cur[k] == '\\') ++k;
          else if (cur[k] == '{') ++depth;
          else if (cur[k] == '}') --depth;
        }
      }
      ++i;
    }
    const std::string where = file.name() + ":" + std::to_string(first_line);
    std::string_view b = block;
    // ::title::
    size_t start = 0;
    if (b.substr(0, 2) == "::") {
      size_t end = b.find("::", 2);
      size_t brace = FindUnescaped(b, '{', 2);
      if (end == std::string_view::npos || (brace != std::string_view::npos && end > brace)) {
        diag.Error(where, "the title '::...' is never closed with '::'");
        continue;
      }
      start = end + 2;
    }
    size_t open = FindUnescaped(b, '{', start);
    size_t stray = FindUnescaped(b, '}', start);
    if (stray != std::string_view::npos && (open == std::string_view::npos || stray < open)) {
      diag.Error(file.name() + ":" + std::to_string(first_line - 1 + LineOf(line_starts, stray)), "a '}' without a '{' before it");
      continue;
    }
    if (open == std::string_view::npos) {
      bank.skipped.push_back({first_line, "description (text without answers)"});
      continue;
    }
    size_t close = FindUnescaped(b, '}', open + 1);
    if (close == std::string_view::npos) {
      diag.Error(file.name() + ":" + std::to_string(first_line - 1 + LineOf(line_starts, open)),
                 "this '{' is never closed with '}'");
      continue;
    }
    std::string_view body = Trim(b.substr(open + 1, close - open - 1));
    if (IsCloze(body)) {
      bank.skipped.push_back({first_line, "Cloze question (Moodle embedded answers such as {1:MC:~a~=b}: proctor cannot "
                                          "show answers inside a stem)"});
      continue;
    }
    std::string_view after = b.substr(close + 1);
    if (size_t second = FindUnescaped(after, '{', 0); second != std::string_view::npos) {
      diag.Error(file.name() + ":" + std::to_string(first_line - 1 + LineOf(line_starts, close + 1 + second)),
                 "a second answer block in one question (a GIFT question has one {...}; leave a blank line between questions)");
      continue;
    }
    // Text after the answers makes them a blank inside the stem: "Grant is {=buried ~not} in Grant's tomb."
    std::string stem_text(b.substr(start, open - start));
    if (!Trim(after).empty()) {
      stem_text += "_____";
      stem_text += after;
    }
    std::string stem = Unescape(stem_text);
    DraftQuestion q;
    q.line = first_line;
    q.stem = stem;
    q.category = category;
    std::string upper = AsciiUpper(body.substr(0, body.find('#')));
    upper = std::string(Trim(upper));
    if (body.empty()) {
      bank.skipped.push_back({first_line, "essay question"});
      continue;
    }
    if (upper == "T" || upper == "TRUE" || upper == "F" || upper == "FALSE") {
      bool truth = upper[0] == 'T';
      q.options = {{"True", truth}, {"False", !truth}};
      size_t hash = body.find("####");
      if (hash != std::string_view::npos) q.explanation = Unescape(body.substr(hash + 4));
      bank.questions.push_back(q);
      continue;
    }
    if (body[0] == '#') {
      // Numerical: "#2", "#2:0.5", "#1..3", "#=2 =%50%3". Anything else after # is a mistake.
      std::string_view n = Trim(body.substr(1));
      if (n.empty() || !(std::isdigit(static_cast<unsigned char>(n[0])) || n[0] == '-' || n[0] == '=' || n[0] == '.')) {
        diag.Error(where, "expected T or F, answers (=right ~wrong) or a number after '{', found '#" +
                              std::string(n.substr(0, 20)) + "'");
        continue;
      }
      bank.skipped.push_back({first_line, "numerical question"});
      continue;
    }
    std::string general;
    std::string leading;
    std::vector<Answer> answers = SplitAnswers(body, general, leading);
    if (!leading.empty() && !answers.empty()) {
      diag.Error(where, "text before the first answer in the braces: '" + leading.substr(0, 40) +
                            "' (each answer starts with = for right or ~ for wrong)");
      continue;
    }
    if (answers.empty()) {
      diag.Error(where, "cannot read the answers between { and }: expected =right and ~wrong answers, or T/F");
      continue;
    }
    bool matching = false;
    bool any_wrong = false;
    for (const Answer& a : answers) {
      matching = matching || a.text.find("->") != std::string::npos;
      any_wrong = any_wrong || a.mark == '~';
    }
    if (matching) {
      if (ReadMatching(answers, where, q, diag)) {
        if (!general.empty()) q.explanation = general;
        if (q.pairs.size() < 3 || q.pairs.size() > 7) {
          bank.skipped.push_back({first_line, "matching question of " + std::to_string(q.pairs.size()) +
                                                  " pairs (proctor's matching items, like AWS's, have 3-7)"});
        } else {
          bank.questions.push_back(std::move(q));
        }
      }
      continue;
    }
    if (!any_wrong) {
      bank.skipped.push_back({first_line, "short-answer question"});
      continue;
    }
    // One "=" answer makes a single-answer question (Moodle's reading): "~%50%" on a distractor is
    // partial credit, which proctor (like AWS) does not give, so it is a wrong option. Without "=",
    // positive weights mark the right answers of a multiple-answer question and must total 100%.
    const bool single = std::any_of(answers.begin(), answers.end(), [](const Answer& a) { return a.mark == '=' && !a.weight; });
    bool weighted = false;
    double positive = 0;
    std::vector<std::string> partial;
    for (const Answer& a : answers) {
      DraftOption o{a.text, false};
      if (single) {
        o.correct = a.mark == '=' && (!a.weight || *a.weight > 0);
        if (!o.correct && a.weight && *a.weight > 0) partial.push_back(a.text);
      } else if (a.weight) {
        weighted = true;
        o.correct = *a.weight > 0;
        if (*a.weight > 0) positive += *a.weight;
      } else {
        o.correct = a.mark == '=';
      }
      q.options.push_back(o);
      if (!a.feedback.empty() && o.correct) q.explanation += (q.explanation.empty() ? "" : " ") + a.feedback;
    }
    if (!partial.empty()) {
      std::string list;
      for (const std::string& t : partial) list += (list.empty() ? "\"" : ", \"") + t.substr(0, 40) + (t.size() > 40 ? "...\"" : "\"");
      diag.Warning(where, "partial credit (~%N%) on " + list + ": proctor gives none, as AWS exams give none, so " +
                              (partial.size() == 1 ? "it is" : "they are") + " scored as wrong; the = answer is the key");
    }
    if (weighted && std::fabs(positive - 100.0) > 1.0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", positive);
      diag.Error(where, std::string("the positive answer weights add up to ") + buf + "%, not 100%");
      continue;
    }
    if (!general.empty()) q.explanation = general + (q.explanation.empty() ? "" : " " + q.explanation);
    bank.questions.push_back(q);
  }
  if (bank.questions.empty() && bank.skipped.empty() && !diag.HasErrors()) {
    diag.Error(file.name() + ":1", "no questions found: expected GIFT questions such as 'Stem {=right ~wrong}'");
  }
  return bank;
}

}  // namespace proctor
