// Every reader against the realistic samples in tests/fixtures/import/good/. The expected results
// come from good/MANIFEST.md, written with the samples: for each question, its type, option count
// and right options (a matching item's pairs), in file order; for each file, how many are skipped.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "engine/import/importer.h"
#include "engine/shipped.h"
#include "engine/text.h"

namespace proctor {
namespace {

const std::string kGood = PROCTOR_SOURCE_DIR "/tests/fixtures/import/good/";

struct Expected {
  std::string stem_words;  // the stem's first five words
  std::string type;        // single, multiple, truefalse-as-single
  int options = 0;
  std::vector<std::string> correct;
};

struct FileExpectation {
  int imported = 0;
  int skipped = 0;
  std::vector<Expected> questions;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Reads MANIFEST.md: "## `file` (...)", "- Import: **N**", "- Skip: **N**" and the question tables.
std::map<std::string, FileExpectation> ReadManifest() {
  std::map<std::string, FileExpectation> files;
  std::istringstream in(Slurp(kGood + "MANIFEST.md"));
  std::string line;
  std::string current;
  const std::regex heading("^## `([^`]+)`");
  const std::regex count("^- (Import|Skip): \\*\\*(\\d+)\\*\\*");
  const std::regex row("^\\| (\\d+) \\| (\\d+) \\| (.*?) \\| ([a-z-]+) \\| (\\d+) \\| (.*?) \\|");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, heading)) {
      current = m[1];
    } else if (!current.empty() && std::regex_search(line, m, count)) {
      (m[1] == "Import" ? files[current].imported : files[current].skipped) = std::stoi(m[2]);
    } else if (!current.empty() && std::regex_search(line, m, row)) {
      Expected e{m[3], m[4], std::stoi(m[5]), {}};
      std::string correct = m[6];
      std::regex tick("`([^`]*)`");
      for (std::sregex_iterator it(correct.begin(), correct.end(), tick), end; it != end; ++it) e.correct.push_back((*it)[1]);
      files[current].questions.push_back(e);
    }
  }
  return files;
}

std::string FirstWords(const std::string& text, int n) {
  std::istringstream in(text);
  std::string word;
  std::string out;
  for (int i = 0; i < n && in >> word; ++i) out += (out.empty() ? "" : " ") + word;
  return out;
}

TEST(ImportFormatsTest, EverySampleImportsAsItsManifestSays) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  std::map<std::string, FileExpectation> manifest = ReadManifest();
  ASSERT_EQ(manifest.size(), 6u) << "one section per sample file";
  int checked = 0;
  for (const auto& [name, expected] : manifest) {
    SCOPED_TRACE(name);
    TextFile file = TextFile::Load(kGood + name);
    Diagnostics diag;
    ImportSettings settings;
    settings.exam = "CLF-C02";
    ReadResult r = ReadBankFile(file, DetectBankFormat(name, file.text()), settings, catalog, diag);
    EXPECT_FALSE(diag.HasErrors()) << diag.Format();
    ASSERT_EQ(static_cast<int>(r.bank.questions.size()), expected.imported) << diag.Format();
    EXPECT_EQ(r.skipped, expected.skipped) << diag.Format();
    ASSERT_EQ(expected.questions.size(), r.bank.questions.size());
    for (size_t i = 0; i < expected.questions.size(); ++i) {
      const Expected& e = expected.questions[i];
      const Question& q = r.bank.questions[i];
      SCOPED_TRACE("question " + std::to_string(i + 1) + ": " + e.stem_words);
      EXPECT_EQ(FirstWords(q.stem, 5), e.stem_words);
      EXPECT_EQ(q.type, e.type == "multiple" ? ItemType::kMultiple : e.type == "matching" ? ItemType::kMatching : ItemType::kSingle);
      EXPECT_EQ(static_cast<int>(q.options.size()), e.options);
      std::vector<std::string> correct;
      for (size_t k = 0; k < q.key.size(); ++k) {
        if (q.type != ItemType::kMatching) {
          correct.push_back(q.FindOption(q.key[k])->text);
          continue;
        }
        // "p1=a": the prompt's text, then its response's.
        const std::string& pair = q.key[k];
        ASSERT_LT(k, q.prompts.size());
        EXPECT_EQ(pair.substr(0, pair.find('=')), q.prompts[k].id);
        const Option* response = q.FindOption(pair.substr(pair.find('=') + 1));
        ASSERT_NE(response, nullptr) << pair;
        correct.push_back(q.prompts[k].text + " -> " + response->text);
      }
      EXPECT_EQ(correct, e.correct);
      if (e.type == "truefalse-as-single") {
        ASSERT_EQ(q.options.size(), 2u);
        EXPECT_EQ(q.options[0].text, "True");
        EXPECT_EQ(q.options[1].text, "False");
      }
      for (const Option& o : q.options) EXPECT_EQ(o.text.find('\r'), std::string::npos) << "CRLF left in an option";
      ++checked;
    }
  }
  EXPECT_EQ(checked, 55);
}

TEST(ImportFormatsTest, DetectionByExtensionAndContent) {
  EXPECT_EQ(DetectBankFormat("a.json", "{}"), BankFormat::kNative);
  EXPECT_EQ(DetectBankFormat("a.gift", ""), BankFormat::kGift);
  EXPECT_EQ(DetectBankFormat("a.xml", ""), BankFormat::kMoodleXml);
  EXPECT_EQ(DetectBankFormat("a.CSV", ""), BankFormat::kCsv);
  EXPECT_EQ(DetectBankFormat("a.md", "### Q?\n- [ ] a\n- [x] b\n"), BankFormat::kChecklistMarkdown);
  EXPECT_EQ(DetectBankFormat("a.md", "1. Q?\n   - A. a\nCorrect answer: A\n"), BankFormat::kLettered);
  EXPECT_EQ(DetectBankFormat("a.txt", "Q?\nA. a\nB. b\nANSWER: A\n"), BankFormat::kLettered);
  EXPECT_EQ(DetectBankFormat("a.txt", "Q? {=a ~b}\n"), BankFormat::kGift);
  EXPECT_EQ(ParseBankFormat("aiken"), BankFormat::kLettered);
  EXPECT_FALSE(ParseBankFormat("docx").has_value());
}

TEST(ImportFormatsTest, DomainsComeFromColumnsCategoriesAndSections) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  const auto read = [&](const std::string& name, const std::string& text) {
    Diagnostics diag;
    ImportSettings settings;
    settings.exam = "CLF-C02";
    TextFile file = TextFile::FromText(text, name);
    ReadResult r = ReadBankFile(file, DetectBankFormat(name, text), settings, catalog, diag);
    EXPECT_FALSE(diag.HasErrors()) << diag.Format();
    std::vector<int> domains;
    for (const Question& q : r.bank.questions) domains.push_back(q.domain);
    return domains;
  };
  EXPECT_EQ(read("a.md", "## Domain 2: Security and Compliance\n### Q one?\n- [x] a\n- [ ] b\n"
                         "## 4. Billing, Pricing, and Support\n### Q two?\n- [ ] a\n- [x] b\n"),
            (std::vector<int>{2, 4}));
  EXPECT_EQ(read("a.gift", "$CATEGORY: $course$/AWS/Cloud Concepts\nQ one? {=a ~b}\n\n"
                           "$CATEGORY: $course$/AWS/Other\nQ two? {=a ~b}\n"),
            (std::vector<int>{1, 0}));
  EXPECT_EQ(read("a.csv", "stem,a,b,answer,domain\nQ one?,x,y,A,3\nQ two?,x,y,B,Cloud Concepts\n"),
            (std::vector<int>{3, 1}));
}

// Found by fuzzing: a heading of only '#' characters threw std::out_of_range.
TEST(ImportFormatsTest, HeadingOfOnlyHashesIsJustAnEmptySection) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  for (const char* name : {"a.md", "b.md"}) {
    Diagnostics diag;
    ImportSettings settings;
    settings.exam = "CLF-C02";
    const std::string text = std::string(name) == "a.md" ? "##\n### Q?\n- [x] a\n- [ ] b\n"
                                                         : "#\n1. Q?\n   - A. a\n   - B. b\nCorrect answer: A\n";
    ReadResult r;
    ASSERT_NO_THROW(r = ReadBankFile(TextFile::FromText(text, name), DetectBankFormat(name, text), settings, catalog, diag));
    EXPECT_EQ(r.bank.questions.size(), 1u) << diag.Format();
  }
}

}  // namespace
}  // namespace proctor

namespace proctor {
namespace {

// Issue 12: a question with more than 26 options got labels past Z (punctuation, then raw bytes
// 0x80-0xA4 in line mode), and some of its options could not be chosen. It is refused at import,
// with its place, in every format.
TEST(ImportFormatsTest, MoreThanTwentySixOptionsIsRefusedWithItsPlace) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  std::string checklist = "### Which one?\n";
  std::string gift = "Which one? {\n";
  for (int i = 0; i < 30; ++i) {
    checklist += std::string("- [") + (i == 3 ? "x" : " ") + "] option " + std::to_string(i) + "\n";
    gift += std::string(i == 3 ? "=" : "~") + "option " + std::to_string(i) + "\n";
  }
  gift += "}\n";
  for (const auto& [name, text] : {std::pair<std::string, std::string>{"many.md", checklist}, {"many.gift", gift}}) {
    SCOPED_TRACE(name);
    Diagnostics diag;
    ImportSettings settings;
    settings.exam = "CLF-C02";
    ReadResult r = ReadBankFile(TextFile::FromText(text, name), DetectBankFormat(name, text), settings, catalog, diag);
    EXPECT_TRUE(diag.HasErrors());
    EXPECT_TRUE(std::regex_search(diag.Format(), std::regex(name + ":1:.*at most 26 options \\(lettered A-Z; AWS items have at most 8\\), found 30")))
        << diag.Format();
  }
}

}  // namespace
}  // namespace proctor
