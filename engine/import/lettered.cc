// Lettered options with an answer key, and Moodle's Aiken layout:
//
//   1. A company needs ...?<br/>Which service ...?        (every item may be numbered "1.")
//       - A. Amazon S3
//       - B. Amazon EBS
//   <details><summary>Answer</summary>
//   Correct answer: B, E           (or "Correct Answer: AB", or Aiken's "ANSWER: B")
//   Explanation: ...
//   Reference: <https://docs.aws.amazon.com/...>
//   </details>
//
// Option letters are matched by letter, so a list that starts at B works. In Aiken files (no
// numbered stems) the first text after an ANSWER line starts the next question.
#include <cctype>
#include <regex>

#include "engine/import/html_text.h"
#include "engine/import/markdown_text.h"
#include "engine/import/readers.h"
#include "engine/text.h"

namespace proctor {

namespace {

std::string StripTags(std::string_view line) {
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '<') {
      size_t close = line.find('>', i);
      if (close != std::string_view::npos) {
        std::string tag = AsciiLower(line.substr(i, close - i + 1));
        if (tag.rfind("<br", 0) == 0) out += '\n';
        i = close + 1;
        if (tag.rfind("<summary", 0) == 0) {
          // "<summary>Answer</summary>" is a label, not part of the answer.
          size_t end = AsciiLower(line.substr(i)).find("</summary>");
          if (end != std::string::npos) i += end + 10;
        }
        continue;
      }
    }
    out += line[i++];
  }
  return out;
}

// "12. text" or "12) text" at the start of a line (indent under 2): the stem's text.
bool ParseNumbered(std::string_view raw, std::string& text) {
  size_t indent = raw.find_first_not_of(' ');
  if (indent == std::string_view::npos || indent > 1) return false;
  size_t i = indent;
  while (i < raw.size() && std::isdigit(static_cast<unsigned char>(raw[i]))) ++i;
  if (i == indent || i - indent > 4 || i + 1 >= raw.size() || (raw[i] != '.' && raw[i] != ')') || raw[i + 1] != ' ') {
    return false;
  }
  text = std::string(Trim(raw.substr(i + 2)));
  return !text.empty();
}

// "- A. text", "A) text", "* b. text" -> ('A', text).
bool ParseOption(std::string_view line, char& letter, std::string& text) {
  std::string_view l = Trim(line);
  if (l.size() >= 2 && (l[0] == '-' || l[0] == '*') && l[1] == ' ') l = Trim(l.substr(2));
  if (l.size() < 3 || !std::isalpha(static_cast<unsigned char>(l[0])) || (l[1] != '.' && l[1] != ')') || l[2] != ' ') {
    return false;
  }
  letter = static_cast<char>(std::toupper(static_cast<unsigned char>(l[0])));
  text = std::string(Trim(l.substr(3)));
  return !text.empty();
}

// The letters of "B, E", "AB", "A and C", "B." -> "BE", "AB", "AC", "B". Empty if none.
std::string ParseAnswerLetters(std::string_view text) {
  std::string letters;
  std::string token;
  const auto flush = [&]() -> bool {
    if (token.empty()) return true;
    std::string t = token;
    token.clear();
    if (AsciiLower(t) == "and") return true;
    while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.pop_back();
    if (t.empty() || t.size() > 8) return false;
    for (char c : t) {
      if (!std::isupper(static_cast<unsigned char>(c))) return false;
    }
    letters += t;
    return true;
  };
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '&' || c == ';' || c == '/') {
      if (!flush()) return letters;
    } else {
      token += c;
    }
  }
  flush();
  return letters;
}

// "Correct answer: B" / "Correct Answers - A, C" / "ANSWER: B" -> the text after the label.
bool ParseAnswerLine(std::string_view line, std::string& rest) {
  std::string lower = AsciiLower(line);
  size_t at = std::string::npos;
  size_t label = 0;
  for (const char* prefix : {"correct answers", "correct answer", "answer"}) {
    size_t p = lower.find(prefix);
    if (p != std::string::npos && (p == 0 || !std::isalpha(static_cast<unsigned char>(lower[p - 1])))) {
      at = p;
      label = std::string(prefix).size();
      break;
    }
  }
  if (at == std::string::npos || at > 4) return false;  // "answer" must open the line
  std::string_view after = line.substr(at + label);
  size_t i = 0;
  while (i < after.size() && (after[i] == ' ' || after[i] == ':' || after[i] == '-' || after[i] == '*')) ++i;
  if (i == 0) return false;
  rest = std::string(Trim(after.substr(i)));
  return true;  // an empty rest is reported by the caller
}

bool StartsWithLabel(std::string_view line, std::string_view label, std::string& rest) {
  std::string lower = AsciiLower(Trim(line));
  if (lower.rfind(label, 0) != 0) return false;
  std::string_view t = Trim(line);
  rest = std::string(Trim(t.substr(label.size())));
  if (!rest.empty() && (rest[0] == ':' || rest[0] == '-')) rest = std::string(Trim(std::string_view(rest).substr(1)));
  return true;
}

enum class State { kNone, kStem, kOptions, kAnswered };

// A question's first option written on its stem's line after a gap ("...networking?    - A. Amazon
// RDS" or "...networking? A) Amazon RDS"): splits it off into `option` ("A. Amazon RDS").
bool SplitGluedOption(std::string& stem, std::string& option) {
  static const std::regex glued("([?:.])\\s+(?:[-*]\\s+)?([Aa][.)]\\s+\\S.*)$");
  std::smatch m;
  if (!std::regex_search(stem, m, glued)) return false;
  option = m[2];
  stem = stem.substr(0, static_cast<size_t>(m.position(0)) + 1);
  return true;
}

}  // namespace

DraftBank ReadLettered(const TextFile& file, Diagnostics& diag) {
  DraftBank bank;
  bank.format = "lettered";
  std::vector<std::string_view> lines = file.Lines();
  bool numbered = false;
  for (std::string_view l : lines) {
    std::string stem;
    if (ParseNumbered(l, stem)) numbered = true;
  }
  DraftQuestion q;
  std::string section;  // the last Markdown heading: it may name a domain
  std::vector<char> letters;
  std::string answer;
  int answer_line = 0;
  State state = State::kNone;
  bool in_explanation = false;
  bool blank_since_answer = false;
  bool blank_since_option = false;

  const auto finish = [&] {
    if (state == State::kNone) return;
    const std::string where = file.name() + ":" + std::to_string(q.line);
    if (answer == "?") {
      // already reported
    } else if (q.options.empty()) {
      diag.Error(where, "a question without lettered options (A. ..., B. ...)");
    } else if (answer.empty()) {
      diag.Error(where, "no answer line (\"Correct answer: B\" or \"ANSWER: B\") for this question");
    } else {
      bool ok = true;
      for (char a : answer) {
        bool found = false;
        for (size_t i = 0; i < letters.size(); ++i) {
          if (letters[i] == a) {
            q.options[i].correct = true;
            found = true;
          }
        }
        if (!found) {
          diag.Error(file.name() + ":" + std::to_string(answer_line),
                     std::string("the answer names option ") + a + ", but the options are " +
                         std::string(1, letters.front()) + "-" + std::string(1, letters.back()));
          ok = false;
        }
      }
      if (ok) bank.questions.push_back(q);
    }
    q = DraftQuestion{};
    letters.clear();
    answer.clear();
    state = State::kNone;
    in_explanation = false;
    blank_since_option = false;
  };

  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    // An autolink (<https://...>) is a link, not a tag to drop.
    const std::string linked = AutolinksAsText(lines[i]);
    std::string text = StripTags(linked);
    std::string_view raw = linked;
    std::string_view line = Trim(text);
    if (line.empty()) {
      if (state == State::kAnswered) blank_since_answer = true;
      if (state == State::kOptions) blank_since_option = true;
      continue;
    }
    if (raw.substr(0, 1) == "#" && numbered) {
      finish();
      section = MarkdownHeadingText(raw);
      continue;
    }
    std::string stem;
    if (numbered && ParseNumbered(raw, stem)) {
      finish();
      q.line = line_no;
      q.category = section;
      // "…networking?    - A. Amazon RDS": option A glued onto the stem's line.
      std::string glued;
      if (SplitGluedOption(stem, glued)) {
        q.stem = HtmlToText(stem);
        char letter = 0;
        std::string option;
        ParseOption(glued, letter, option);
        q.options.push_back({HtmlToText(option), false});
        letters.push_back(letter);
        diag.Warning(file.name() + ":" + std::to_string(line_no), "option " + std::string(1, letter) +
                                                                      " was on the question's line; read as an option");
        state = State::kOptions;
        continue;
      }
      q.stem = HtmlToText(stem);
      state = State::kStem;
      continue;
    }
    char letter0 = 0;
    std::string option0;
    if (state == State::kNone && ParseOption(line, letter0, option0)) {
      diag.Error(file.name() + ":" + std::to_string(line_no), "an option line before any question");
      continue;
    }
    if (!numbered && state == State::kOptions && blank_since_option && !ParseOption(line, letter0, option0)) {
      std::string label;
      if (!ParseAnswerLine(line, label)) {
        // Aiken: a blank line, then text that is no option and no answer: the next question.
        finish();
        q.line = line_no;
        q.stem = std::string(line);
        state = State::kStem;
        continue;
      }
    }
    if (state == State::kNone) {
      if (numbered) continue;  // preamble before the first numbered question
      q.line = line_no;
      q.stem = std::string(line);
      state = State::kStem;
      continue;
    }
    std::string rest;
    if (ParseAnswerLine(line, rest)) {
      answer_line = line_no;
      if (q.options.empty()) {
        diag.Error(file.name() + ":" + std::to_string(line_no), "an answer line before any options");
        answer = "?";
        state = State::kAnswered;
        continue;
      }
      if (rest.empty()) {
        diag.Error(file.name() + ":" + std::to_string(line_no), "the answer line names no option");
        answer = "?";
        state = State::kAnswered;
        continue;
      }
      answer = ParseAnswerLetters(rest);
      if (answer.empty()) {
        diag.Error(file.name() + ":" + std::to_string(line_no), "cannot read the answer \"" + rest + "\" (expected letters such as B or A, C)");
        answer = "?";
      }
      state = State::kAnswered;
      blank_since_answer = false;
      in_explanation = false;
      continue;
    }
    if (StartsWithLabel(line, "explanation", rest)) {
      in_explanation = true;
      q.explanation = rest;
      continue;
    }
    if (StartsWithLabel(line, "references", rest) || StartsWithLabel(line, "reference", rest)) {
      in_explanation = false;
      AddReferences(rest, file.name() + ":" + std::to_string(line_no), q.references, diag);
      continue;
    }
    if (!numbered && state == State::kAnswered && (blank_since_answer || !in_explanation)) {
      // Aiken: the first text after an answer starts the next question.
      finish();
      q.line = line_no;
      q.stem = std::string(line);
      state = State::kStem;
      continue;
    }
    char letter = 0;
    std::string option;
    if (state != State::kAnswered && ParseOption(line, letter, option)) {
      for (char seen : letters) {
        if (seen == letter) {
          diag.Error(file.name() + ":" + std::to_string(line_no), std::string("option letter ") + letter + " appears twice in this question");
          answer = "?";
        }
      }
      q.options.push_back({HtmlToText(option), false});
      letters.push_back(letter);
      state = State::kOptions;
      blank_since_option = false;
      continue;
    }
    if (line.rfind("http", 0) == 0 && state == State::kAnswered) {
      q.references.push_back(std::string(line));
      continue;
    }
    switch (state) {
      case State::kStem: q.stem += "\n" + std::string(line); break;
      case State::kOptions: q.options.back().text += " " + std::string(line); break;
      case State::kAnswered:
        if (in_explanation) q.explanation += (q.explanation.empty() ? "" : " ") + std::string(line);
        break;
      case State::kNone: break;
    }
  }
  finish();
  if (bank.questions.empty() && !diag.HasErrors()) {
    diag.Error(file.name() + ":1", "no questions found: expected numbered stems, lettered options and answer lines");
  }
  return bank;
}

}  // namespace proctor
