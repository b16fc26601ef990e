// Moodle XML quiz exports:
//
//   <quiz>
//     <question type="category"><category><text>$course$/AWS/Security</text></category></question>
//     <question type="multichoice">
//       <questiontext format="html"><text><![CDATA[<p>Which ...?</p>]]></text></questiontext>
//       <generalfeedback><text>...</text></generalfeedback>
//       <single>true</single>
//       <answer fraction="100"><text>Amazon S3</text><feedback><text>...</text></feedback></answer>
//       <answer fraction="-50"><text>Amazon EBS</text></answer>
//       <tags><tag><text>storage</text></tag></tags>
//     </question>
//     <question type="truefalse">...</question>
//     <question type="matching">
//       <questiontext>...</questiontext>
//       <subquestion><text>Amazon EC2</text><answer><text>Compute</text></answer></subquestion>
//       <subquestion><text></text><answer><text>Networking</text></answer></subquestion>  (a distractor)
//     </question>
//   </quiz>
//
// An answer is right when its fraction is positive; in a single-answer question the one at 100%
// is the key and a positive fraction below it is partial credit, which proctor does not give (a
// warning says so). Matching questions of 3-7 pairs are matching items. Other question types are
// skipped. The XML is read by xml_tree.h (no DTDs, no entities beyond XML's own), a question at a
// time: memory stays that of one question.
#include <algorithm>
#include <cstdlib>

#include "engine/import/html_text.h"
#include "engine/import/readers.h"
#include "engine/import/xml_tree.h"
#include "engine/text.h"

namespace proctor {

namespace {

std::string FormatPercent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A <question type="matching">: its subquestions as pairs (an empty prompt adds a distractor).
void ReadMatchingQuestion(const XmlElement& q, DraftQuestion& d) {
  for (const auto& sub : q.children) {
    if (sub->name != "subquestion") continue;
    std::string prompt = HtmlToText(sub->Child("text") ? sub->Child("text")->text : sub->text);
    std::string response = HtmlToText(sub->ChildText("answer"));
    if (prompt.empty()) {
      d.options.push_back({response, false});
    } else {
      d.pairs.push_back({prompt, response});
    }
  }
}

// One <question>: a draft in `bank`, a skip, or errors in `diag`.
void ReadQuestion(const XmlElement& q, const std::string& file_name, std::string& category, DraftBank& bank, Diagnostics& diag) {
  if (q.name != "question") return;
  const std::string type = q.Attribute("type");
  const std::string where = file_name + ":" + std::to_string(q.line);
  if (type == "category") {
    category = std::string(Trim(q.ChildText("category")));
    return;
  }
  if (type != "multichoice" && type != "truefalse" && type != "matching") {
    bank.skipped.push_back({q.line, (type.empty() ? std::string("untyped") : type) + " question"});
    return;
  }
  DraftQuestion d;
  d.line = q.line;
  d.category = category;
  d.stem = HtmlToText(q.ChildText("questiontext"));
  d.explanation = HtmlToText(q.ChildText("generalfeedback"));
  if (const XmlElement* tags = q.Child("tags")) {
    for (const auto& tag : tags->children) {
      if (tag->name == "tag") d.tags.push_back(HtmlToText(tag->ChildText("text").empty() ? tag->text : tag->ChildText("text")));
    }
  }
  if (type == "matching") {
    ReadMatchingQuestion(q, d);
    if (d.pairs.size() < 3 || d.pairs.size() > 7) {
      bank.skipped.push_back({q.line, "matching question of " + std::to_string(d.pairs.size()) +
                                          " pairs (proctor's matching items, like AWS's, have 3-7)"});
      return;
    }
    bank.questions.push_back(std::move(d));
    return;
  }
  const bool single = type == "truefalse" || AsciiLower(Trim(q.ChildText("single").empty() ? (q.Child("single") ? q.Child("single")->text : "true") : q.ChildText("single"))) != "false";
  struct Answer {
    std::string text;
    std::string feedback;
    double fraction;
  };
  std::vector<Answer> answers;
  bool bad = false;
  for (const auto& a : q.children) {
    if (a->name != "answer") continue;
    std::string fraction = a->Attribute("fraction");
    char* end = nullptr;
    double f = std::strtod(fraction.c_str(), &end);
    if (fraction.empty() || *end != '\0') {
      diag.Error(file_name + ":" + std::to_string(a->line), "an <answer> needs a numeric fraction attribute, found \"" + fraction + "\"");
      bad = true;
      continue;
    }
    std::string text = HtmlToText(a->ChildText("text").empty() ? a->text : a->ChildText("text"));
    if (type == "truefalse") text = AsciiLower(text) == "true" ? "True" : AsciiLower(text) == "false" ? "False" : text;
    answers.push_back({text, HtmlToText(a->ChildText("feedback")), f});
  }
  if (bad) return;
  double positive = 0;
  double best = 0;
  for (const Answer& a : answers) {
    if (a.fraction > 0) positive += a.fraction;
    best = std::max(best, a.fraction);
  }
  if (best <= 0) {
    diag.Error(where, "no <answer> has a positive fraction, so no option is right");
    return;
  }
  // A single answer: the answer at 100% is the key; positive fractions below it are partial credit.
  std::vector<std::string> partial;
  int right = 0;
  for (const Answer& a : answers) {
    const bool correct = single ? a.fraction >= 99.0 : a.fraction > 0;
    if (single && !correct && a.fraction > 0) partial.push_back(a.text.substr(0, 40) + "\" (" + FormatPercent(a.fraction) + "%");
    right += correct;
    d.options.push_back({a.text, correct});
    if (correct && !a.feedback.empty()) d.explanation += (d.explanation.empty() ? "" : " ") + a.feedback;
  }
  if (single && right == 0) {
    diag.Error(where, "a single-answer question needs an <answer fraction=\"100\">; the best here is " + FormatPercent(best) + "%");
    return;
  }
  if (single && right > 1) {
    diag.Error(where, "a single-answer question (<single>true</single>) with " + std::to_string(right) + " right answers");
    return;
  }
  if (!single && (positive < 99.0 || positive > 101.0)) {
    diag.Error(where, "the positive answer fractions add up to " + FormatPercent(positive) + "%, not 100%");
    return;
  }
  if (!partial.empty()) {
    std::string list;
    for (const std::string& p : partial) list += (list.empty() ? "\"" : ", \"") + p + ")";
    diag.Warning(where, "partial credit on " + list + ": proctor gives none, as AWS exams give none, so " +
                            (partial.size() == 1 ? "it is" : "they are") + " scored as wrong; the 100% answer is the key");
  }
  bank.questions.push_back(std::move(d));
}

}  // namespace

DraftBank ReadMoodleXml(const TextFile& file, Diagnostics& diag) {
  DraftBank bank;
  bank.format = "moodle-xml";
  std::string category;
  std::unique_ptr<XmlElement> root;
  // Questions are read as they end; a document that turns out not to be a <quiz> is refused whole.
  DraftBank read;
  Diagnostics read_diag;
  try {
    root = ParseXml(file.text(), [&](std::unique_ptr<XmlElement> child) {
      ReadQuestion(*child, file.name(), category, read, read_diag);
      return true;
    });
  } catch (const XmlError& e) {
    diag.Error(file.name() + ":" + std::to_string(e.line), "XML is not well-formed: " + e.reason);
    return bank;
  }
  if (root->name != "quiz") {
    diag.Error(file.name() + ":" + std::to_string(root->line), "expected a Moodle <quiz> document, found <" + root->name + ">");
    return bank;
  }
  for (const Diagnostic& d : read_diag.items()) {
    if (d.severity == Diagnostic::Severity::kError) {
      diag.Error(d.where, d.message);
    } else {
      diag.Warning(d.where, d.message);
    }
  }
  bank.questions = std::move(read.questions);
  bank.skipped = std::move(read.skipped);
  if (bank.questions.empty() && bank.skipped.empty() && !diag.HasErrors()) {
    diag.Error(file.name() + ":1", "no questions found in the <quiz>");
  }
  return bank;
}

}  // namespace proctor
