// Issue 13, fidelity, end to end: what `proctor import` prints for the files of
// tests/fixtures/import/fidelity/, and that their questions can be sat.
#include <regex>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

const std::string kFidelity = PROCTOR_SOURCE_DIR "/tests/fixtures/import/fidelity/";

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(CliTest, EachJsonShapeImportsAndTheSummarySaysWhichShapeWasRead) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"json_letters.json", "an array of {question, options (strings), answer (letters), explanation, domain}"},
      {"json_choices_objects.json", "an array of {text, choices (objects {id, text, isCorrect}), explanation, domain}"},
      {"json_indexes.json", "an array of {stem, answers (strings), correctAnswer (indexes from 0), explanation, domain, category}"},
      {"json_options_map.json", "an array of {question, options (an object of id: text), correct (option ids or option texts), "
                                "explanation, domain}"},
  };
  for (const auto& [name, shape] : files) {
    SCOPED_TRACE(name);
    ProcessResult r = Run({"import", "--exam", "SAA-C03", kFidelity + name});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(name + " (json-array: " + shape + "): bank " + name + ": 3 added, 0 updated, 0 unchanged, 0 skipped\n"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("no domain"), std::string::npos) << "every question names its domain: " << r.out;
  }
  // Twelve questions over SAA-C03's four domains: a short form draws from the bank.
  ProcessResult taken = Run({"take", "SAA-C03", "--bank", "json_letters.json", "--questions", "3", "--seed", "1"}, "a\na\na\nend\ny\n");
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_NE(taken.out.find("Question 3 of 3"), std::string::npos) << taken.out;
}

// Before: "$: error: expected an object, found an array" printed twice, for any of these files.
TEST_F(CliTest, AnUnknownJsonShapeIsRefusedOnceWithTheFieldsFoundAndNeeded) {
  ProcessResult r = Run({"import", "--exam", "SAA-C03", kFidelity + "json_unknown_shape.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Occurrences(r.err, "error:"), 1u) << r.err;
  EXPECT_NE(r.err.find("json_unknown_shape.json:1:1: $: error: not a question shape proctor reads: its objects have the "
                       "fields \"ans\", \"opts\", \"q\"; proctor needs a question (question, text or stem)"),
            std::string::npos)
      << r.err;
  ProcessResult native = Run({"import", "--format", "native", "--exam", "SAA-C03", kFidelity + "json_letters.json"});
  EXPECT_EQ(native.exit_code, 1);
  EXPECT_EQ(Occurrences(native.err, "error:"), 1u) << native.err;
}

TEST_F(CliTest, GiftAndMoodleQuirksImportWithTheirWarningsAndTheMatchingItemsCanBeSat) {
  ProcessResult gift = Run({"import", "--exam", "AIF-C01", kFidelity + "gift_quirks.gift"});
  ASSERT_EQ(gift.exit_code, 0) << gift.err;
  EXPECT_NE(gift.out.find("gift_quirks.gift (gift): bank gift_quirks.gift: 6 added, 0 updated, 0 unchanged, 1 skipped (1 Cloze question)"),
            std::string::npos)
      << gift.out;
  EXPECT_NE(gift.err.find("gift_quirks.gift:8: warning: partial credit (~%N%) on \"Semi-supervised learning\""), std::string::npos) << gift.err;
  EXPECT_NE(gift.err.find("gift_quirks.gift:35: warning: skipped: Cloze question"), std::string::npos) << gift.err;
  ProcessResult xml = Run({"import", "--exam", "SCS-C03", kFidelity + "moodle_matching.xml"});
  ASSERT_EQ(xml.exit_code, 0) << xml.err;
  EXPECT_NE(xml.out.find("bank moodle_matching.xml: 2 added, 0 updated, 0 unchanged, 1 skipped (1 matching question of 2 pairs)"),
            std::string::npos)
      << xml.out;
  // Practice the imported matching item in line mode: its prompts and responses are shown.
  ProcessResult practice = Run({"practice", "SCS-C03", "--bank", "moodle_matching.xml", "--count", "2"}, "s\ns\nq\n");
  EXPECT_NE(practice.out.find("1. Service control policy\n"), std::string::npos) << practice.out << practice.err;
  // A long response wraps under its text. Before, its letter was repeated on the next line
  // ("  C. Grants principals, ... it is" then "  C. attached to"), in practice and in exams alike.
  EXPECT_TRUE(std::regex_search(practice.out, std::regex("  [A-E]\\. Grants principals, in other accounts too, access to the resource it is\n"
                                                         "     attached to\n")))
      << practice.out;
}

}  // namespace
}  // namespace proctor::testing
