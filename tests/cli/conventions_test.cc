// The command-line conventions a shell user expects (issue 17): `proctor help [COMMAND]`, help texts
// that explain every option and show no internal ones, an unknown option named as such, output that
// cannot be written is a failure, `--json` with the documented members, a configuration file, and a
// man page that covers every command and option.
#include <fstream>
#include <set>
#include <sstream>

#include "cli/commands/command.h"
#include "cli/help.h"
#include "engine/json/json_tree.h"
#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

JsonNode Json(const std::string& text) { return ParseJson(JsonSource(text, "stdout")); }

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

// Every member of `node` in order.
std::vector<std::string> Keys(const JsonNode& node) { return node.keys; }

TEST_F(CliTest, HelpWithACommandIsThatCommandsHelp) {
  ProcessResult help = Run({"help", "take"});
  ProcessResult flag = Run({"take", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_EQ(help.out, flag.out);
  EXPECT_EQ(help.out.rfind("Usage: proctor take EXAM [OPTIONS]\n", 0), 0u) << help.out;
  ProcessResult all = Run({"help"});
  EXPECT_EQ(all.exit_code, 0);
  EXPECT_EQ(all.out, Run({"--help"}).out);
  EXPECT_NE(all.out.find("  help [COMMAND]"), std::string::npos) << all.out;
  ProcessResult unknown = Run({"help", "frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos) << unknown.err;
}

TEST_F(CliTest, HelpListsNoInternalOptionsAndExplainsArguments) {
  for (const char* command : {"take", "practice", "resume", "review", "stats", "import", "banks", "bank", "backup", "restore", "help"}) {
    ProcessResult r = Run({"help", command});
    ASSERT_EQ(r.exit_code, 0) << command;
    for (const char* internal : {"--exam arg", "--exam EXAM ", "--attempt", "--files", "--action", "--id ", "--file ", "--command", "--what"}) {
      // --exam is a real option of history and export (and import's and bank check's --exam EXAM
      // is one); the positional carriers of take, practice and stats must not be shown as options.
      if (std::string(internal).rfind("--exam", 0) == 0 && (std::string(command) == "import" || std::string(command) == "bank")) continue;
      EXPECT_EQ(r.out.find(internal), std::string::npos) << command << " shows " << internal << ":\n" << r.out;
    }
  }
  ProcessResult take = Run({"help", "take"});
  EXPECT_NE(take.out.find("Arguments:\n  EXAM                  the exam, by code (CLF-C02) or family (clf)\n"), std::string::npos)
      << take.out;
  ProcessResult banks = Run({"help", "banks"});
  EXPECT_NE(banks.out.find("  ACTION  "), std::string::npos) << banks.out;
  EXPECT_NE(banks.out.find("  ID  "), std::string::npos) << banks.out;
}

TEST_F(CliTest, EveryOptionOfEveryCommandIsExplained) {
  for (const CommandSpec* c : AllCommands()) {
    po::options_description own;
    po::positional_options_description positional;
    c->define(own, positional);
    for (const auto& option : own.options()) {
      EXPECT_GE(option->description().size(), 8u) << c->name << " --" << option->long_name();
    }
    EXPECT_FALSE(c->summary.empty()) << c->name;
  }
}

TEST_F(CliTest, MainHelpKeepsNamesAndSummariesApart) {
  ProcessResult r = Run({"--help"});
  // "banks [list | show ID | remove ID]" is wider than the name column: its summary goes below.
  EXPECT_NE(r.out.find("  banks [list | show ID [--inferred] | remove ID]\n                        the question banks in your database\n"),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("ID]the"), std::string::npos) << r.out;
}

TEST_F(CliTest, AnUnknownOptionIsNamedAsSuch) {
  ProcessResult alone = Run({"--bogus"});
  EXPECT_EQ(alone.exit_code, 2);
  EXPECT_EQ(alone.err, "proctor: unrecognised option '--bogus' (see 'proctor --help')\n");
  ProcessResult before = Run({"--bogus", "history"});
  EXPECT_EQ(before.exit_code, 2);
  EXPECT_NE(before.err.find("unrecognised option '--bogus'"), std::string::npos) << before.err;
  ProcessResult after = Run({"exams", "--bogus"});
  EXPECT_EQ(after.exit_code, 2);
  EXPECT_NE(after.err.find("unrecognised option '--bogus'"), std::string::npos) << after.err;
  ProcessResult missing = Run({"take"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "proctor: missing EXAM (usage: proctor take EXAM) (see 'proctor take --help')\n");
}

// A report that cannot be written is a failure with a message, not a silent success.
TEST_F(CliTest, WriteErrorOnStandardOutputExitsOneWithAMessage) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"history"}, {"exams"}, {"exams", "--json"}, {"--help"}}) {
    std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full", PROCTOR_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult r = RunProcess(argv, "", Options());
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, "proctor: cannot write to standard output: No space left on device\n") << args[0];
  }
}

TEST_F(CliTest, ExamsJsonHasTheDocumentedMembers) {
  ProcessResult r = Run({"exams", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonNode exams = Json(r.out);
  ASSERT_EQ(exams.kind, JsonNode::Kind::kArray);
  ASSERT_EQ(exams.children.size(), 12u) << r.out;
  const JsonNode& clf = exams.children[0];
  EXPECT_EQ(Keys(clf), (std::vector<std::string>{"code", "family", "name", "level", "status", "launched", "beta_until",
                                                 "retired", "questions", "unscored_questions", "minutes", "pass_score",
                                                 "scale_min", "scale_max", "item_types", "domains", "bank_questions"}));
  EXPECT_EQ(clf.Find("code")->text, "CLF-C02");
  EXPECT_EQ(clf.Find("status")->text, "active");
  EXPECT_EQ(clf.Find("retired")->kind, JsonNode::Kind::kNull);
  EXPECT_EQ(clf.Find("questions")->text, "65");
  EXPECT_EQ(clf.Find("pass_score")->text, "700");
  EXPECT_EQ(clf.Find("domains")->children.size(), 4u);
  EXPECT_EQ(clf.Find("domains")->children[0].Find("weight")->text, "24");
  EXPECT_GT(std::stoi(clf.Find("bank_questions")->text), 100);
  ProcessResult all = Run({"exams", "--json", "--all"});
  EXPECT_EQ(Json(all.out).children.size(), 15u);
}

TEST_F(CliTest, BanksJsonListsAndShows) {
  ProcessResult list = Run({"banks", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  JsonNode banks = Json(list.out);
  ASSERT_EQ(banks.kind, JsonNode::Kind::kArray);
  ASSERT_GE(banks.children.size(), 12u);
  const JsonNode* clf = nullptr;
  for (const JsonNode& b : banks.children) {
    if (b.Find("id")->text == "proctor-clf-c02") clf = &b;
  }
  ASSERT_NE(clf, nullptr) << list.out;
  EXPECT_EQ(Keys(*clf), (std::vector<std::string>{"id", "title", "shipped", "source", "format", "imported_at",
                                                  "updated_at", "questions", "retired_questions"}));
  EXPECT_TRUE(clf->Find("shipped")->boolean);
  EXPECT_EQ(clf->Find("questions")->children[0].Find("exam")->text, "CLF-C02");
  ProcessResult show = Run({"banks", "show", "proctor-clf-c02", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(Json(show.out).Find("id")->text, "proctor-clf-c02");
  EXPECT_EQ(Run({"banks", "remove", "x", "--json"}).exit_code, 2);
}

TEST_F(CliTest, StatsJsonHasTheDocumentedMembers) {
  EXPECT_EQ(Run({"stats", "--json"}).out, "null\n");  // no attempt yet, no exam named
  ASSERT_EQ(Run({"take", "CLF-C02", "--seed", "7", "--questions", "10"}, "a\nn\nb\nn\nend\ny\n").exit_code, 0);
  ProcessResult r = Run({"stats", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonNode stats = Json(r.out);
  EXPECT_EQ(Keys(stats), (std::vector<std::string>{"exam", "name", "pass_score", "exam_attempts", "practice_sessions",
                                                   "best", "latest", "scores", "domains", "weakest", "cut",
                                                   "seconds_per_answer", "budget_seconds_per_question", "readiness"}));
  EXPECT_EQ(stats.Find("exam")->text, "CLF-C02");
  EXPECT_EQ(stats.Find("exam_attempts")->text, "1");
  ASSERT_EQ(stats.Find("scores")->children.size(), 1u);
  EXPECT_EQ(Keys(stats.Find("scores")->children[0]), (std::vector<std::string>{"attempt", "started_at", "scaled_score", "passed"}));
  EXPECT_EQ(Keys(*stats.Find("readiness")), (std::vector<std::string>{"probability", "low", "high", "answers"}));
  EXPECT_EQ(stats.Find("domains")->children.size(), 4u);
  ProcessResult items = Run({"stats", "clf", "--items", "--json"});
  ASSERT_EQ(items.exit_code, 0) << items.err;
  JsonNode list = Json(items.out);
  ASSERT_GE(list.Find("items")->children.size(), 2u) << items.out;
  EXPECT_EQ(list.Find("items")->children[0].Find("seen")->text, "1");
}

TEST_F(CliTest, ConfigFileSetsDefaultsAndTheCommandLineWins) {
  const std::string config = dir_ / "config/proctor/config";
  ProcessOptions options = Options();
  options.env["XDG_CONFIG_HOME"] = dir_ / "config";
  options.env.erase("PROCTOR_DB");
  auto run = [&](const std::vector<std::string>& args, const std::string& input = "") {
    return RunProcess(Argv(args), input, options);
  };
  // db from the file; esl for take, which has it (and nothing for commands that do not).
  WriteText(config, "# proctor's defaults\ndb = " + dir_ / "from-config.db" + "\nesl = true\n\n[take]\nquestions = 5\n");
  ProcessResult take = run({"take", "CLF-C02", "--seed", "1"}, "quit\n");
  ASSERT_EQ(take.exit_code, 0) << take.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "from-config.db"));
  EXPECT_NE(take.out.find("Question 1 of 5 "), std::string::npos) << take.out;
  // 5 of 65 questions scale 90 minutes to 7, and --esl adds 30.
  EXPECT_NE(take.out.find("Time left 0:36:"), std::string::npos) << take.out;
  ProcessResult history = run({"history", "--json"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("\"minutes_allowed\": 37"), std::string::npos) << history.out;
  // The command line wins.
  ProcessResult flag = run({"take", "CLF-C02", "--seed", "1", "--questions", "3", "--db", dir_ / "flag.db"}, "quit\n");
  EXPECT_NE(flag.out.find("Question 1 of 3 "), std::string::npos) << flag.out;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "flag.db"));
  // The environment wins over the file too (and the command line over both).
  options.env["PROCTOR_DB"] = dir_ / "from-env.db";
  EXPECT_EQ(run({"exams"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "from-env.db"));
  options.env.erase("PROCTOR_DB");
  // Problems in the file are errors that name it.
  WriteText(config, "esl = maybe\n");
  ProcessResult bad_switch = run({"exams"});
  EXPECT_EQ(bad_switch.exit_code, 1);
  EXPECT_EQ(bad_switch.err, "proctor: " + config + ": esl is a switch: write 'esl = true' or 'esl = false', not 'maybe'\n");
  WriteText(config, "colour = none\n");
  ProcessResult unknown = run({"exams"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "proctor: " + config + ": unknown option 'colour'\n");
  WriteText(config, "[take]\nexam = clf\n");
  EXPECT_EQ(run({"take"}).err, "proctor: " + config + ": unknown option 'exam' for 'proctor take'\n");
  WriteText(config, "[frobnicate]\nx = 1\n");
  EXPECT_EQ(run({"exams"}).err, "proctor: " + config + ": [frobnicate] is not a proctor command\n");
  // Without XDG_CONFIG_HOME: ~/.config/proctor/config.
  options.env.erase("XDG_CONFIG_HOME");
  WriteText(dir_ / ".config/proctor/config", "no-color = yes\ndb = " + dir_ / "home.db" + "\n");
  EXPECT_EQ(run({"exams"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "home.db"));
}

// The man page documents every command and every option that `--help` shows.
TEST(ManPage, CoversEveryCommandAndOption) {
  const std::string page = ReadText(std::string(PROCTOR_SOURCE_DIR) + "/dist/man/proctor.1");
  ASSERT_FALSE(page.empty());
  auto roff = [](std::string text) {
    std::string out;
    for (char ch : text) out += ch == '-' ? std::string("\\-") : std::string(1, ch);
    return out;
  };
  for (const CommandSpec* c : AllCommands()) {
    const std::string name(c->name);
    const bool listed = page.find(".BI \"" + roff(name) + " ") != std::string::npos ||
                        page.find(".BR " + roff(name) + " ") != std::string::npos ||
                        page.find("\\fB" + roff(name) + "\\fR") != std::string::npos;
    EXPECT_TRUE(listed) << "proctor.1 has no entry for " << name;
    const std::vector<std::string> arguments = PositionalOptionNames(*c);
    po::options_description own;
    po::positional_options_description positional;
    c->define(own, positional);
    for (const auto& option : own.options()) {
      const std::string& o = option->long_name();
      if (std::find(arguments.begin(), arguments.end(), o) != arguments.end()) continue;
      EXPECT_NE(page.find("\\-\\-" + roff(o)), std::string::npos) << "proctor.1 does not mention " << name << " --" << o;
    }
  }
  const po::options_description global = GlobalOptions();
  for (const auto& option : global.options()) {
    EXPECT_NE(page.find("\\-\\-" + roff(option->long_name())), std::string::npos) << option->long_name();
  }
}

// Every action of `proctor bank` (as its own error message lists them) has its entry in proctor.1,
// and the command's help names it.
TEST_F(CliTest, ManPageAndHelpCoverEveryBankAction) {
  ProcessResult unknown = Run({"bank", "frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  const std::string marker = "this version has: ";
  const size_t from = unknown.err.find(marker);
  ASSERT_NE(from, std::string::npos) << unknown.err;
  const size_t to = unknown.err.find(')', from);
  ASSERT_NE(to, std::string::npos) << unknown.err;
  std::vector<std::string> actions;
  std::stringstream list(unknown.err.substr(from + marker.size(), to - from - marker.size()));
  for (std::string action; std::getline(list, action, ',');) actions.push_back(action.substr(action.find_first_not_of(' ')));
  ASSERT_GE(actions.size(), 3u) << unknown.err;  // check, export, set-domain
  const std::string page = ReadText(std::string(PROCTOR_SOURCE_DIR) + "/dist/man/proctor.1");
  const std::string help = Run({"help", "bank"}).out;
  for (const std::string& action : actions) {
    std::string roff;
    for (char ch : action) roff += ch == '-' ? std::string("\\-") : std::string(1, ch);
    EXPECT_NE(page.find(".BI \"bank " + roff + " "), std::string::npos) << "proctor.1 has no entry for bank " << action;
    EXPECT_NE(help.find(action), std::string::npos) << "'proctor help bank' does not name " << action << ":\n" << help;
  }
}

TEST_F(CliTest, CompletionCandidatesComeFromTheCatalogAndAnExistingDatabaseOnly) {
  ProcessResult exams = Run({"complete", "exams"});
  EXPECT_EQ(exams.exit_code, 0);
  EXPECT_NE(exams.out.find("CLF-C02\n"), std::string::npos);
  EXPECT_NE(exams.out.find("\nclf\n"), std::string::npos);
  EXPECT_EQ(Run({"complete", "banks"}).out, "");  // no database yet, and none is created
  EXPECT_FALSE(std::filesystem::exists(db_path_));
  ProcessResult options = Run({"complete", "options", "take"});
  EXPECT_NE(options.out.find("--esl\n"), std::string::npos);
  EXPECT_EQ(options.out.find("--exam\n"), std::string::npos) << options.out;
  ASSERT_EQ(Run({"take", "CLF-C02", "--seed", "1"}, "quit\n").exit_code, 0);
  EXPECT_EQ(Run({"complete", "open-attempts"}).out, "1\n");
  EXPECT_EQ(Run({"complete", "finished-attempts"}).out, "");
  EXPECT_NE(Run({"complete", "banks"}).out.find("proctor-clf-c02\n"), std::string::npos);
  EXPECT_EQ(Run({"--help"}).out.find("complete"), std::string::npos);  // not for people
}

}  // namespace
}  // namespace proctor::testing
