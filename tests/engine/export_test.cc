// Bank export: every shipped bank in every format, read back with the format's own reader (the one
// `proctor import` uses), gives the same stems, options, keys, explanations and domains question by
// question; whatever a format cannot hold, the export says, with the right count. Hostile and
// awkward text survives each format's escaping, or the export names the question.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "engine/export/export.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"
#include "engine/text.h"

namespace proctor {
namespace {

constexpr ExportFormat kFormats[] = {ExportFormat::kNative, ExportFormat::kGift, ExportFormat::kMoodleXml,
                                     ExportFormat::kCsv, ExportFormat::kMarkdown};

const Catalog& TheCatalog() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

const ExportLoss* FindLoss(const ExportResult& r, const std::string& what) {
  for (const ExportLoss& l : r.losses) {
    if (l.what == what) return &l;
  }
  return nullptr;
}

// The loss named `what` says `expected` questions (and no loss when none is expected).
void ExpectLoss(const ExportResult& r, const std::string& what, int expected, bool left_out = false) {
  const ExportLoss* loss = FindLoss(r, what);
  if (expected == 0) {
    EXPECT_EQ(loss, nullptr) << what;
    return;
  }
  ASSERT_NE(loss, nullptr) << what << " is not reported";
  EXPECT_EQ(loss->questions, expected) << what;
  EXPECT_EQ(loss->left_out, left_out) << what;
}

// Reads an export back as `proctor import` would (the exam given for formats without one).
Bank ReadBack(const ExportResult& r, ExportFormat format, Diagnostics& diag) {
  if (format == ExportFormat::kNative) return ReadNativeBank(r.text, "export.json", TheCatalog(), diag);
  ImportSettings settings;
  settings.exam = r.exams.empty() ? "" : r.exams.front();
  TextFile file = TextFile::FromText(r.text, "export" + std::string(ExportExtension(format)));
  return ReadBankFile(file, ImportFormatOf(format), settings, TheCatalog(), diag).bank;
}

std::vector<std::string> RightTexts(const Question& q) {
  std::vector<std::string> right;
  for (const Option& o : q.options) {
    if (std::find(q.key.begin(), q.key.end(), o.id) != q.key.end()) right.push_back(o.text);
  }
  return right;
}

std::vector<std::string> OptionTexts(const Question& q) {
  std::vector<std::string> texts;
  for (const Option& o : q.options) texts.push_back(o.text);
  return texts;
}

// Checks one bank in one format: the round trip, and the export's account of what it lost.
void CheckRoundTrip(const Bank& bank, ExportFormat format) {
  SCOPED_TRACE(std::string(ExportFormatName(format)) + " " + bank.info.id);
  const ExportResult r = ExportBank(bank, format, TheCatalog());
  EXPECT_TRUE(r.not_read_back.empty()) << r.not_read_back.front();
  Diagnostics diag;
  Bank back = ReadBack(r, format, diag);
  EXPECT_FALSE(diag.HasErrors()) << diag.Format(5);

  const bool native = format == ExportFormat::kNative;
  int ordering = 0, matching = 0, scenarios = 0, references = 0, extra_references = 0, tags = 0, written = 0;
  std::multimap<std::string, const Question*> by_stem;  // formats without ids: matched by stem
  std::map<std::string, const Question*> by_id;
  for (const Question& q : back.questions) {
    by_stem.emplace(q.stem, &q);
    by_id.emplace(q.id, &q);
  }
  for (const Question& q : bank.questions) {
    if (!native && (q.type == ItemType::kOrdering || q.type == ItemType::kMatching)) {
      (q.type == ItemType::kOrdering ? ordering : matching) += 1;
      continue;
    }
    ++written;
    scenarios += q.scenario_id.empty() ? 0 : 1;
    references += q.references.empty() ? 0 : 1;
    extra_references += q.references.size() > 1 ? 1 : 0;
    tags += q.tags.empty() ? 0 : 1;
    const Question* got = nullptr;
    if (native) {
      auto it = by_id.find(q.id);
      if (it != by_id.end()) got = it->second;
    } else {
      auto it = by_stem.find(ExportedStem(q, format));
      if (it != by_stem.end()) {
        got = it->second;
        by_stem.erase(it);
      }
    }
    ASSERT_NE(got, nullptr) << q.id << " did not come back";
    EXPECT_EQ(got->stem, ExportedStem(q, format)) << q.id;
    EXPECT_EQ(OptionTexts(*got), OptionTexts(q)) << q.id;
    EXPECT_EQ(RightTexts(*got), RightTexts(q)) << q.id;
    EXPECT_EQ(got->type, q.type) << q.id;
    EXPECT_EQ(got->explanation, q.explanation) << q.id;
    EXPECT_EQ(got->domain, q.domain) << q.id;
    EXPECT_EQ(got->exam, q.exam) << q.id;
    if (native || format == ExportFormat::kMarkdown) {
      EXPECT_EQ(got->references, q.references) << q.id;
    }
    if (format == ExportFormat::kCsv && !q.references.empty()) {
      EXPECT_EQ(got->references, std::vector<std::string>{q.references.front()}) << q.id;
    }
    if (native) {
      EXPECT_EQ(got->key, q.key) << q.id;  // ordering and matching keys too
      EXPECT_EQ(got->prompts.size(), q.prompts.size()) << q.id;
      EXPECT_EQ(got->scenario_text, q.scenario_text) << q.id;
      EXPECT_EQ(got->tags, q.tags) << q.id;
      EXPECT_EQ(got->topic, q.topic) << q.id;
      EXPECT_EQ(got->borderline, q.borderline) << q.id;
    }
  }
  EXPECT_EQ(back.questions.size(), static_cast<size_t>(written));
  EXPECT_EQ(r.written, written);
  if (native) {
    EXPECT_TRUE(r.losses.empty()) << r.losses.front().what;
    return;
  }
  ExpectLoss(r, "ordering items", ordering, true);
  ExpectLoss(r, "matching items", matching, true);
  ExpectLoss(r, "case-study scenarios", scenarios);
  ExpectLoss(r, "tags", tags);
  ExpectLoss(r, "question ids", written);
  ExpectLoss(r, "topic", written);  // every shipped question has a topic and a borderline
  ExpectLoss(r, "borderline", written);
  const bool holds_references = format == ExportFormat::kMarkdown || format == ExportFormat::kCsv;
  ExpectLoss(r, "references", holds_references ? 0 : references);
  ExpectLoss(r, "references after the first", format == ExportFormat::kCsv ? extra_references : 0);
  ExpectLoss(r, "exam", format == ExportFormat::kCsv ? 0 : written);
}

TEST(ExportTest, EveryShippedBankRoundTripsInEveryFormat) {
  size_t questions = 0;
  for (const ShippedFile& file : ShippedBanks()) {
    Diagnostics diag;
    const Bank bank = ReadNativeBank(file.data, std::string(file.name), TheCatalog(), diag);  // each read once
    ASSERT_FALSE(diag.HasErrors()) << file.name;
    questions += bank.questions.size();
    for (ExportFormat format : kFormats) CheckRoundTrip(bank, format);
  }
  EXPECT_GT(questions, 3000u);
}

// What a format holds of `text`: Moodle XML cannot hold a C0 control other than tab, line feed and
// carriage return (XML forbids it raw, HTML reading drops its reference), and says so.
std::string Held(ExportFormat format, std::string text) {
  if (format != ExportFormat::kMoodleXml) return text;
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r'; }),
             text.end());
  return text;
}

Question Held(ExportFormat format, Question q) {
  q.stem = Held(format, q.stem);
  for (Option& o : q.options) o.text = Held(format, o.text);
  q.explanation = Held(format, q.explanation);
  return q;
}

Question MakeQuestion(const std::string& id, const std::string& stem, std::vector<std::string> options,
                      std::vector<int> right, const std::string& explanation = "Because.") {
  Question q;
  q.bank_id = "tricky";
  q.id = id;
  q.exam = "CLF-C02";
  q.domain = 2;
  q.stem = stem;
  for (size_t i = 0; i < options.size(); ++i) q.options.push_back({std::string(1, static_cast<char>('a' + i)), options[i], false});
  for (int r : right) q.key.push_back(q.options[static_cast<size_t>(r)].id);
  q.type = q.key.size() > 1 ? ItemType::kMultiple : ItemType::kSingle;
  q.explanation = explanation;
  q.references = {"https://docs.aws.amazon.com/a?b=1&c=2"};
  return q;
}

// Text that means something in one format or another: each format's escaping keeps it.
Bank TrickyBank() {
  Bank bank;
  bank.info.id = "tricky";
  bank.info.title = "Tricky -- text <&> \"quoted\"";
  bank.questions = {
      MakeQuestion("gift", "Which of {these} = ~right #1: a\\b?", {"~x = y", "{=z}", "#### not feedback", "a -> b? no: a - > b"}, {1},
                   "General # feedback with } and { and \\n literal"),
      MakeQuestion("prefix", "[html]<b>bold</b> is not HTML here &amp; &lt;", {"%50%not a weight", "[plain] x", "&nbsp;", "<br>"},
                   {0, 2}, "x ]]> y <![CDATA[ z"),
      MakeQuestion("lines", "First line\nSecond line with, comma and \"quotes\"", {"a, b", "\"c\"", "d", "e"}, {3},
                   "One\nTwo\n\"Three\", four"),
      MakeQuestion("md", "# not a heading\n- [x] not an option\n| not a table |\n![not](an image)\n\\ backslash\nExplanation: not yet",
                   {"- [x] nested", "# hash", "\\escaped", "Reference: no"}, {0},
                   "Reference: not a reference\n* star\n+ plus"),
      MakeQuestion("wide", "日本語の問題文 \x1b[31mred\x1b[0m \t tab — dash", {"はい", "いいえ", "\x7f del", "\xe2\x80\xae rtl"}, {1}),
  };
  bank.questions[1].references.push_back("https://example.com/second");
  return bank;
}

TEST(ExportTest, TextThatMeansSomethingInAFormatReadsBackAsWritten) {
  const Bank bank = TrickyBank();
  for (ExportFormat format : kFormats) {
    const ExportResult r = ExportBank(bank, format, TheCatalog());
    SCOPED_TRACE(std::string(ExportFormatName(format)) + "\n" + r.text);
    std::string failures;
    for (const std::string& s : r.not_read_back) failures += s + "\n";
    // GIFT reads any answer with "->" as a matching question: that one question is named.
    if (format == ExportFormat::kGift) {
      ASSERT_EQ(r.not_read_back.size(), 1u) << failures;
      EXPECT_EQ(r.not_read_back[0].rfind("gift ", 0), 0u) << failures;
    } else {
      EXPECT_TRUE(r.not_read_back.empty()) << failures;
    }
    Diagnostics diag;
    Bank back = ReadBack(r, format, diag);
    if (format == ExportFormat::kMoodleXml) {
      EXPECT_TRUE(std::any_of(r.losses.begin(), r.losses.end(), [](const ExportLoss& l) { return l.what == "control characters"; }))
          << "the escape character of question 'wide' is named as lost";
    }
    for (const Question& original : bank.questions) {
      const Question q = Held(format, original);
      if (format == ExportFormat::kGift && q.id == "gift") continue;
      auto it = std::find_if(back.questions.begin(), back.questions.end(), [&](const Question& b) { return b.stem == q.stem; });
      ASSERT_NE(it, back.questions.end()) << q.id;
      EXPECT_EQ(OptionTexts(*it), OptionTexts(q)) << q.id;
      EXPECT_EQ(RightTexts(*it), RightTexts(q)) << q.id;
      EXPECT_EQ(it->explanation, q.explanation) << q.id;
      EXPECT_EQ(it->domain, 2) << q.id;
    }
  }
}

// A random line from characters that mean something in some format: no white space at its ends,
// and no "->" (GIFT's reader takes an answer holding it for a matching question; named, not lost).
std::string RandomLine(std::mt19937_64& rng) {
  static const std::vector<std::string> pieces = {
      "a", "b", "Z", "9", " ", "~", "=", "#", "{", "}", ":", "\\", "[", "]", "%", "\"", "'", ",", "<", ">", "&", "&amp;",
      ";", "!", "|", "-", "*", "+", "/", "(", ")", "]]>", "<![CDATA[", "<br>", "&nbsp;", "[html]", "%50%", "- [x] ", "### ",
      "Explanation:", "Reference:", "\t", "\r", "\x1b[31m", "\x7f", "\xc3\xa9", "\xe6\x97\xa5", "\xe2\x80\xae", "\xf0\x9f\x98\x80"};
  std::string line;
  const size_t n = 1 + rng() % 12;
  for (size_t i = 0; i < n; ++i) line += pieces[rng() % pieces.size()];
  for (size_t at = line.find("->"); at != std::string::npos; at = line.find("->")) line.replace(at, 2, "-)");
  std::string trimmed(Trim(line));
  return trimmed.empty() ? "x" : trimmed;
}

// Lines joined by single line breaks (no blank line: HTML and Markdown fold blank lines away).
std::string RandomText(std::mt19937_64& rng, size_t max_lines) {
  std::string text = RandomLine(rng);
  const size_t lines = 1 + rng() % max_lines;
  // Appended piece by piece: g++ 12 at -O3 reports -Wrestrict for "\n" + a temporary (GCC bug 105651).
  for (size_t i = 1; i < lines; ++i) text.append("\n").append(RandomLine(rng));
  return text;
}

TEST(ExportTest, RandomTextFullOfEveryFormatsSpecialCharactersRoundTripsInEveryFormat) {
  std::mt19937_64 rng(20261206);
  Bank bank;
  bank.info = {"random", "Random", "", "", "", {}};
  for (int i = 0; i < 400; ++i) {
    const size_t count = 3 + rng() % 3;
    std::vector<std::string> options;
    // Markdown options are one line each: a line break in one is named (tested above), so none here.
    for (size_t k = 0; k < count; ++k) options.push_back(RandomLine(rng) + " " + std::to_string(k));
    std::vector<int> right = {static_cast<int>(rng() % count)};
    if (rng() % 3 == 0) right.push_back(static_cast<int>((static_cast<size_t>(right[0]) + 1) % count));
    Question q = MakeQuestion("r" + std::to_string(i), RandomText(rng, 3) + " " + std::to_string(i), options, right,
                              rng() % 4 == 0 ? "" : RandomText(rng, 3));
    q.domain = 1 + static_cast<int>(rng() % 4);
    bank.questions.push_back(std::move(q));
  }
  for (ExportFormat format : kFormats) {
    SCOPED_TRACE(ExportFormatName(format));
    const ExportResult r = ExportBank(bank, format, TheCatalog());
    std::string failures;
    for (size_t i = 0; i < r.not_read_back.size() && i < 5; ++i) failures += r.not_read_back[i] + "\n";
    EXPECT_TRUE(r.not_read_back.empty()) << r.not_read_back.size() << " not read back, e.g.\n" << failures;
    Diagnostics diag;
    Bank back = ReadBack(r, format, diag);
    EXPECT_EQ(back.questions.size(), bank.questions.size()) << diag.Format(5);
    for (size_t i = 0; i < back.questions.size() && i < bank.questions.size(); ++i) {
      const Question want = Held(format, bank.questions[i]);
      const Question& got = back.questions[i];
      EXPECT_EQ(got.stem, want.stem);
      EXPECT_EQ(OptionTexts(got), OptionTexts(want));
      EXPECT_EQ(RightTexts(got), RightTexts(want));
      EXPECT_EQ(got.explanation, want.explanation);
      EXPECT_EQ(got.domain, want.domain);
    }
  }
}

TEST(ExportTest, TextAFormatCannotCarryIsNamedNotLostInSilence) {
  Bank bank;
  bank.info = {"gaps", "Gaps", "", "", "", {}};
  // A blank line in a stem: HTML (Moodle XML, and GIFT, whose text is read as HTML) and Markdown
  // paragraphs fold it away; CSV keeps it. A line break inside an option: Markdown options are one
  // line each.
  bank.questions = {MakeQuestion("para", "First paragraph.\n\nSecond paragraph.", {"x", "y"}, {0}),
                    MakeQuestion("optbreak", "Stem", {"two\nlines", "one line"}, {0})};
  const std::map<ExportFormat, std::vector<std::string>> expected = {
      {ExportFormat::kNative, {}},
      {ExportFormat::kGift, {"para"}},
      {ExportFormat::kCsv, {}},
      {ExportFormat::kMoodleXml, {"para"}},
      {ExportFormat::kMarkdown, {"para", "optbreak"}}};
  for (const auto& [format, ids] : expected) {
    const ExportResult r = ExportBank(bank, format, TheCatalog());
    std::vector<std::string> named;
    for (const std::string& s : r.not_read_back) named.push_back(s.substr(0, s.find(' ')));
    EXPECT_EQ(named, ids) << ExportFormatName(format);
  }
}

TEST(ExportTest, AnInferredDomainIsNotWrittenAndTheExportSaysSo) {
  Bank bank;
  bank.info = {"inferred", "Inferred", "", "", "", {}};
  bank.questions = {MakeQuestion("mine", "Given domain", {"x", "y"}, {0}), MakeQuestion("guessed", "Guessed domain", {"x", "y"}, {1})};
  bank.questions[1].domain_inferred = true;
  bank.questions[1].domain_confidence = 0.6;
  for (ExportFormat format : kFormats) {
    SCOPED_TRACE(ExportFormatName(format));
    const ExportResult r = ExportBank(bank, format, TheCatalog());
    EXPECT_TRUE(r.not_read_back.empty());
    ExpectLoss(r, "inferred domains", 1);
    Diagnostics diag;
    Bank back = ReadBack(r, format, diag);
    ASSERT_EQ(back.questions.size(), 2u);
    EXPECT_EQ(back.questions[0].domain, 2);
    EXPECT_EQ(back.questions[1].domain, 0);  // the import infers it again
  }
}

TEST(ExportTest, CsvLeavesOutAQuestionWithMoreThanEightOptionsAndSaysSo) {
  Bank bank;
  bank.info = {"wide", "Wide", "", "", "", {}};
  bank.questions = {MakeQuestion("nine", "Nine options", {"1", "2", "3", "4", "5", "6", "7", "8", "9"}, {8}),
                    MakeQuestion("two", "Two options", {"x", "y"}, {0})};
  const ExportResult r = ExportBank(bank, ExportFormat::kCsv, TheCatalog());
  EXPECT_EQ(r.written, 1);
  ExpectLoss(r, "questions with more than 8 options", 1, true);
  EXPECT_EQ(ExportBank(bank, ExportFormat::kGift, TheCatalog()).written, 2);
}

TEST(ExportTest, AFileOfAFormatWithoutExamsSaysWhenTheBankMixesExams) {
  Bank bank;
  bank.info = {"mixed", "Mixed", "", "", "", {}};
  bank.questions = {MakeQuestion("c1", "First CLF", {"x", "y"}, {0}), MakeQuestion("c2", "Second CLF", {"x", "y"}, {0}),
                    MakeQuestion("s1", "An SAA one", {"x", "y"}, {1})};
  bank.questions[2].exam = "SAA-C03";
  const ExportResult gift = ExportBank(bank, ExportFormat::kGift, TheCatalog());
  EXPECT_EQ(gift.exams, (std::vector<std::string>{"CLF-C02", "SAA-C03"}));
  const ExportLoss* exam = FindLoss(gift, "exam");
  ASSERT_NE(exam, nullptr);
  EXPECT_EQ(exam->questions, 3);
  EXPECT_NE(exam->note.find("mixes 2 exams"), std::string::npos) << exam->note;
  // CSV and native hold each question's exam.
  EXPECT_EQ(FindLoss(ExportBank(bank, ExportFormat::kCsv, TheCatalog()), "exam"), nullptr);
  Diagnostics diag;
  const ExportResult native = ExportBank(bank, ExportFormat::kNative, TheCatalog());
  Bank back = ReadBack(native, ExportFormat::kNative, diag);
  ASSERT_EQ(back.questions.size(), 3u);
  EXPECT_EQ(back.questions[2].exam, "SAA-C03");
}

}  // namespace
}  // namespace proctor
