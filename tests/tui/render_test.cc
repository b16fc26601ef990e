// The pure render function against literal expected screens.
#include "cli/tui/render.h"

#include <gtest/gtest.h>

#include "cli/tui/start_screen.h"
#include "engine/shipped.h"
#include "engine/text.h"

namespace proctor {
namespace {

Attempt MakeAttempt(const std::string& stem, const std::vector<std::string>& options, ItemType type) {
  Attempt a;
  a.id = 7;
  a.blueprint = *Catalog::Parse(ShippedCatalog(), "catalog.json").Find("CLF-C02", "2026-11-22");
  for (int i = 0; i < 65; ++i) {
    AttemptItem item;
    item.form = {"b", "q" + std::to_string(i), 1 + i % 4, true};
    item.question.type = type;
    item.question.stem = stem;
    for (size_t o = 0; o < options.size(); ++o) {
      item.question.options.push_back({std::string(1, static_cast<char>('a' + o)), options[o]});
      item.option_order.push_back(std::string(1, static_cast<char>('a' + o)));
    }
    item.question.key = type == ItemType::kMultiple ? Response{"a", "c"} : Response{"b"};
    a.items.push_back(item);
  }
  return a;
}

std::string Screen(const Frame& f) {
  std::string out;
  for (const std::string& line : f.Lines()) out += line + "\n";
  return out;
}

TEST(RenderTest, QuestionScreenAt80x24) {
  Attempt a = MakeAttempt(
      "A company wants to store backups of its on-premises file servers in the AWS Cloud at the lowest "
      "cost. The backups are restored at most once a year, and a restore may take up to 48 hours. "
      "Which Amazon S3 storage class meets these requirements?",
      {"S3 Standard", "S3 Glacier Deep Archive", "S3 One Zone-Infrequent Access", "S3 Intelligent-Tiering"},
      ItemType::kSingle);
  a.position = 11;
  for (int i = 1; i <= 11; ++i) a.items[static_cast<size_t>(i)].response = {"b"};
  a.items[11].flagged = true;
  a.items[30].flagged = true;
  ExamSnapshot exam = SnapshotOf(a, (1 * 3600 + 12 * 60 + 5) * 1000LL);
  ViewState view;
  view.cursor = 1;
  const char* expected =
      " CLF-C02  AWS Certified Clou…  Question 12 of 65  [Flagged]   Time left 1:12:05\n"
      "\n"
      " A company wants to store backups of its on-premises file servers in the AWS\n"
      " Cloud at the lowest cost. The backups are restored at most once a year, and a\n"
      " restore may take up to 48 hours. Which Amazon S3 storage class meets these\n"
      " requirements?\n"
      "\n"
      " ( ) A. S3 Standard\n"
      " (*) B. S3 Glacier Deep Archive\n"
      " ( ) C. S3 One Zone-Infrequent Access\n"
      " ( ) D. S3 Intelligent-Tiering\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      " Answered 11/65 · Flagged 2\n"
      " A-D choose  ←/→ move  F flag  R review  E end  ? help  S strike\n";
  Frame f = Render(exam, view, 80, 24);
  EXPECT_EQ(Screen(f), expected);
  EXPECT_EQ(f.At(8, 3).style, Style::kCursor) << "the cursor line is highlighted";
  EXPECT_EQ(f.At(0, 0).style, Style::kBar);
}

TEST(RenderTest, JapaneseStemAndOptionsWrapByDisplayColumns) {
  Attempt a = MakeAttempt(
      "ある企業は、オンプレミスのデータセンターからAWSへ移行し、インフラストラクチャの管理負担を減らしたいと考えています。"
      "どのAWSのサービスを使えば、サーバーを管理せずにコードを実行できますか。",
      {"Amazon EC2", "AWS Lambda（サーバーレスのコンピューティングサービス）", "Amazon EBS", "AWS Outposts"},
      ItemType::kMultiple);
  ExamSnapshot exam = SnapshotOf(a, 90 * 60000LL);
  ViewState view;
  const char* expected =
      " CLF-C02  AWS Certified Cloud Practition…  Question 1 of 65   Time left 1:30:00\n"
      "\n"
      " ある企業は、オンプレミスのデータセンターからAWSへ移行し、インフラストラクチャ\n"
      " の管理負担を減らしたいと考えています。どのAWSのサービスを使えば、サーバーを管\n"
      " 理せずにコードを実行できますか。\n"
      " (Choose TWO.)\n"
      "\n"
      " [ ] A. Amazon EC2\n"
      " [ ] B. AWS Lambda（サーバーレスのコンピューティングサービス）\n"
      " [ ] C. Amazon EBS\n"
      " [ ] D. AWS Outposts\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      "\n"
      " Choose TWO · 0 selected    Answered 0/65 · Flagged 0\n"
      " A-D choose  Space toggle  ←/→ move  F flag  R review  E end  ? help  S strike\n";
  Frame f = Render(exam, view, 80, 24);
  EXPECT_EQ(Screen(f), expected);
  for (const std::string& line : f.Lines()) EXPECT_LE(DisplayWidth(line), 80);
}

TEST(RenderTest, TooSmallAt40x12ShowsANoticeAndTheClock) {
  Attempt a = MakeAttempt("Stem", {"One", "Two"}, ItemType::kSingle);
  ExamSnapshot exam = SnapshotOf(a, 4 * 60000 + 59000);
  const char* expected =
      "\n"
      "\n"
      "\n"
      "\n"
      "           Terminal too small\n"
      "  proctor needs 60x20, this is 40x12.\n"
      "           Time left 0:04:59\n"
      "        Your answers are saved.\n"
      "\n"
      "\n"
      "\n"
      "\n";
  Frame f = Render(exam, ViewState{}, 40, 12);
  EXPECT_EQ(Screen(f), expected);
  EXPECT_EQ(f.At(6, 11).style, Style::kCritical) << "under five minutes the clock is red";
}

TEST(RenderTest, ReviewScreenMarksAnsweredAndFlagged) {
  Attempt a = MakeAttempt("Stem", {"One", "Two", "Three", "Four"}, ItemType::kSingle);
  a.items[0].response = {"b"};
  a.items[2].flagged = true;
  ExamSnapshot exam = SnapshotOf(a, 50 * 60000LL);
  ViewState view;
  view.screen = Screen::kReview;
  view.review_cursor = 39;
  view.go_to = "4";
  std::vector<std::string> lines = Render(exam, view, 80, 24).Lines();
  EXPECT_EQ(lines[0], " CLF-C02  AWS Certified Cloud Practitioner           Review   Time left 0:50:00");
  EXPECT_EQ(lines[2], " 1 answered, 64 unanswered, 1 flagged.  * flagged  + incomplete");
  EXPECT_EQ(lines[3], " Show: [A] all [F] flagged [U] unanswered [I] incomplete   Go to: 4_");
  // The flag mark sits inside its own question's cell, next to the number.
  EXPECT_EQ(lines[5], "  1  B        2  --       3* --       4  --       5  --       6  --");
  EXPECT_EQ(lines[23], " Arrows or a number, Enter open  A/F/U/I filter  E end exam  Esc back");
}

TEST(RenderTest, FiveOptionQuestionsEndWithCtrlE) {
  Attempt a = MakeAttempt("Stem", {"1", "2", "3", "4", "5"}, ItemType::kMultiple);
  ExamSnapshot exam = SnapshotOf(a, 50 * 60000LL);
  std::vector<std::string> lines = Render(exam, ViewState{}, 80, 24).Lines();
  EXPECT_EQ(lines[23], " A-E choose  Space toggle  ←/→ move  F flag  R review  ^E end  ? help  S strike");
}

TEST(RenderTest, HostileTextIsNeutralised) {
  Attempt a = MakeAttempt("Before\x1b[2J\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\xE2\x80\xAE" "After",
                          {"Opt\x1b[31mion\r", "Two"}, ItemType::kSingle);
  ExamSnapshot exam = SnapshotOf(a, 50 * 60000LL);
  Frame f = Render(exam, ViewState{}, 80, 24);
  std::vector<std::string> lines = f.Lines();
  EXPECT_EQ(lines[2], " BeforeAfter");
  EXPECT_EQ(lines[4], " ( ) A. Option");
  for (int r = 0; r < f.height(); ++r) {
    for (int c = 0; c < f.width(); ++c) {
      for (char ch : f.At(r, c).glyph) EXPECT_GE(static_cast<unsigned char>(ch), 0x20) << "row " << r;
    }
  }
}

// The exam room's screens (issue 12), literal, at 80x24 and 60x20, with Japanese text.
// A multiple-response question in Japanese with one of its two choices made and option D struck.
Attempt JapaneseMultiple() {
  Attempt a;
  a.id = 7;
  a.blueprint = *Catalog::Parse(ShippedCatalog(), "catalog.json").Find("CLF-C02", "2026-11-22");
  for (int i = 0; i < 65; ++i) {
    AttemptItem item;
    item.form = {"b", "q" + std::to_string(i), 1 + i % 4, true};
    item.question.type = ItemType::kMultiple;
    item.question.stem = "ある企業は、サーバーを管理せずにコードを実行したいと考えています。どの2つのサービスを使えますか。";
    const char* const options[] = {"Amazon EC2", "AWS Lambda（サーバーレス）", "AWS Fargate", "Amazon EBS", "AWS Outposts"};
    for (size_t o = 0; o < 5; ++o) {
      item.question.options.push_back({std::string(1, static_cast<char>('a' + o)), options[o]});
      item.option_order.push_back(std::string(1, static_cast<char>('a' + o)));
    }
    item.question.key = {"b", "c"};
    a.items.push_back(item);
  }
  a.items[0].response = {"b"};
  a.items[0].struck = {"d"};
  return a;
}

// Thirteen AIF-C01 items of every type, in Japanese: answered, incomplete (multiple, ordering,
// matching), unanswered and flagged, for the review grid and the answer review.
Attempt Grid() {
  Attempt a;
  a.id = 9;
  a.blueprint = *Catalog::Parse(ShippedCatalog(), "catalog.json").Find("AIF-C01", "2026-11-22");
  auto add = [&](ItemType type, Response key, int options, int prompts) {
    AttemptItem item;
    int i = static_cast<int>(a.items.size());
    item.form = {"proctor-aif-c01", "aif-q" + std::to_string(i + 1), 1 + i % 5, i % 4 != 3};
    item.question.type = type;
    item.question.stem = "質問 " + std::to_string(i + 1) + ": 生成AIの責任ある利用について正しいものはどれですか。";
    for (int o = 0; o < options; ++o) {
      std::string id(1, static_cast<char>('a' + o));
      item.question.options.push_back({id, "選択肢 " + id});
      item.option_order.push_back(id);
    }
    for (int p = 0; p < prompts; ++p) item.question.prompts.push_back({"p" + std::to_string(p + 1), "項目 " + std::to_string(p + 1)});
    item.question.key = std::move(key);
    item.question.explanation = "解説。";
    a.items.push_back(std::move(item));
  };
  for (int i = 0; i < 13; ++i) {
    switch (i % 4) {
      case 0: add(ItemType::kSingle, {"b"}, 4, 0); break;
      case 1: add(ItemType::kMultiple, {"a", "c"}, 5, 0); break;
      case 2: add(ItemType::kOrdering, {"c", "a", "b", "d"}, 4, 0); break;
      default: add(ItemType::kMatching, {"p1=b", "p2=a", "p3=c"}, 3, 3); break;
    }
  }
  a.items[0].response = {"b"};
  a.items[1].response = {"a"};  // incomplete: one of two
  a.items[1].flagged = true;
  a.items[2].response = {"c", "a", "b", "d"};
  a.items[3].response = {"p1=b", "p2=a", "p3=c"};
  a.items[3].flagged = true;
  a.items[5].response = {"a", "c"};
  a.items[6].response = {"c", "a"};  // incomplete ordering
  a.items[7].response = {"p1=b"};    // incomplete matching
  a.items[12].flagged = true;
  return a;
}

// Expected screens, one string per row (right-trimmed).
const std::vector<std::string> kStart80 = {
    " CLF-C02  AWS Certified Cloud Practitioner",
    "",
    " Before you begin",
    "",
    "   65 questions: 50 scored and 15 unscored. The unscored ones look like the",
    "   others, as on the real exam.",
    "   Time: 120 minutes, including the 30-minute ESL accommodation. The clock",
    "   starts when you press Enter and keeps running if you leave; at zero the exam",
    "   ends with your saved answers.",
    "   Pass: 700 on a scale of 100-1000. Unanswered questions count as wrong;",
    "   guessing costs nothing.",
    "",
    " Keys",
    "   A-E       choose (toggle on multiple response)    Left/Right  previous, next",
    "   F         flag for review                         R           review screen",
    "   S         strike out the option under the cursor  E           end the exam",
    "   ?         every key                               Q           leave for now",
    "",
    "   Every answer is saved the moment you give it.",
    "",
    "",
    "",
    " The clock has not started.",
    " Enter start the exam  Q leave (nothing is saved)",
};
const std::vector<std::string> kStart60 = {
    " CLF-C02  AWS Certified Cloud Practitioner",
    "",
    " Before you begin",
    "",
    "   65 questions: 50 scored and 15 unscored. The unscored",
    "   ones look like the others, as on the real exam.",
    "   Time: 120 minutes, including the 30-minute ESL",
    "   accommodation. The clock starts when you press Enter and",
    "   keeps running if you leave; at zero the exam ends with",
    "   your saved answers.",
    "   Pass: 700 on a scale of 100-1000. Unanswered questions",
    "   count as wrong; guessing costs nothing.",
    "",
    " Keys",
    "   A-E choose · Left/Right move · F flag · S strike out · R",
    "   review · E end · ? every key · Q leave for now",
    "",
    "   Every answer is saved the moment you give it.",
    " The clock has not started.",
    " Enter start the exam  Q leave (nothing is saved)",
};
const std::vector<std::string> kIncompleteStruck80 = {
    " CLF-C02  AWS Certified Cloud Practition…  Question 1 of 65   Time left 0:30:00",
    "",
    " ある企業は、サーバーを管理せずにコードを実行したいと考えています。どの2つのサ",
    " ービスを使えますか。",
    " (Choose TWO.)",
    "",
    " [ ] A. Amazon EC2",
    " [x] B. AWS Lambda（サーバーレス）",
    " [ ] C. AWS Fargate",
    " [/] D. Amazon EBS",
    " [ ] E. AWS Outposts",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " Choose TWO · 1 selected    Answered 0/65 · Incomplete 1 · Flagged 0",
    " A-E choose  Space toggle  ←/→ move  F flag  R review  ^E end  ? help  S strike",
};
const std::vector<std::string> kIncompleteStruck60 = {
    " CLF-C02  AWS Certif…  Question 1 of 65   Time left 0:30:00",
    "",
    " ある企業は、サーバーを管理せずにコードを実行したいと考えて",
    " います。どの2つのサービスを使えますか。",
    " (Choose TWO.)",
    "",
    " [ ] A. Amazon EC2",
    " [x] B. AWS Lambda（サーバーレス）",
    " [ ] C. AWS Fargate",
    " [/] D. Amazon EBS",
    " [ ] E. AWS Outposts",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " Choose TWO · 1 selected  Answered 0/65 · Incomplete 1",
    " A-E choose  ←/→ move  F flag  R review  ^E end  ? help",
};
const std::vector<std::string> kGrid80 = {
    " AIF-C01  AWS Certified AI Practitioner              Review   Time left 1:20:00",
    "",
    " 4 answered, 3 incomplete, 6 unanswered, 3 flagged.  * flagged  + incomplete",
    " Show: [A] all [F] flagged [U] unanswered [I] incomplete   Go to: type a number",
    "",
    "  1  B        2* A+       3  CABD     4* match    5  --       6  AC",
    "  7  CA+      8  1/3+     9  --      10  --      11  --      12  --",
    " 13* --",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " Answered 4/13 · Incomplete 3 · Flagged 3",
    " Arrows or a number, Enter open  A/F/U/I filter  E end exam  Esc back",
};
const std::vector<std::string> kGrid60 = {
    " AIF-C01  AWS Certified AI Pra…  Review   Time left 1:20:00",
    "",
    " 4 answered, 3 incomplete, 6 unanswered, 3 flagged.",
    " Show: [A] all [F] flagged [U] unanswered [I] incomplete",
    " * flagged  + incomplete   Go to: type a number",
    "  1  B        2* A+       3  CABD     4* match",
    "  5  --       6  AC       7  CA+      8  1/3+",
    "  9  --      10  --      11  --      12  --",
    " 13* --",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " Answered 4/13 · Incomplete 3 · Flagged 3",
    " Arrows, Enter open  A/F/U/I filter  E end  Esc back",
};
const std::vector<std::string> kWrongFlagged80 = {
    " AIF-C01  AWS Certified AI Practitioner                Answer review   Finished",
    "",
    " Question 2 of 13 · domain 2 · scored · incomplete, wrong · flagged",
    " Bank proctor-aif-c01, question aif-q2",
    "",
    " 質問 2: 生成AIの責任ある利用について正しいものはどれですか。",
    " (Choose TWO.)",
    "",
    " >* A. 選択肢 a",
    "    B. 選択肢 b",
    "  * C. 選択肢 c",
    "    D. 選択肢 d",
    "    E. 選択肢 e",
    "",
    " > your answer   * the right answer",
    " Time on this question: 0:00:00",
    "",
    " Explanation",
    " 解説。",
    "",
    "",
    "",
    " 1 of 2 questions · showing not right, flagged",
    " ←/→ question  I/F/U/C/D filter  A all  ? help  Q quit",
};
const std::vector<std::string> kIncomplete60 = {
    " AIF-C01  AWS Certified AI Pract…  Answer review   Finished",
    "",
    " Question 7 of 13 · domain 2 · scored · incomplete, wrong",
    " Bank proctor-aif-c01, question aif-q7",
    "",
    " 質問 7: 生成AIの責任ある利用について正しいものはどれですか",
    " 。",
    "",
    "    A. 選択肢 a",
    "    B. 選択肢 b",
    "    C. 選択肢 c",
    "    D. 選択肢 d",
    "",
    " Your answer:    CA",
    " Right answer:   CABD",
    " Time on this question: 0:00:00",
    "",
    " Explanation",
    " 2 of 3 questions · showing incomplete     PgDn: more below",
    " ←/→ question  I/F/U/C/D filter  A all  ? help  Q quit",
};

TEST(RenderTest, StartScreenSaysWhatTheExamIsBeforeTheClockStarts) {
  const StartInfo info{"CLF-C02", "AWS Certified Cloud Practitioner", 65, 15, 120, true, 700, 100, 1000};
  EXPECT_EQ(RenderStartScreen(info, "", 80, 24).Lines(), kStart80);
  EXPECT_EQ(RenderStartScreen(info, "", 60, 20).Lines(), kStart60);
  std::vector<std::string> waiting = RenderStartScreen(info, "Waiting for another proctor to finish writing.", 80, 24).Lines();
  EXPECT_EQ(waiting[1], " Waiting for another proctor to finish writing.");
}

TEST(RenderTest, IncompleteMultipleResponseAndAStruckOption) {
  Attempt a = JapaneseMultiple();
  ViewState view;
  view.cursor = 3;
  Frame wide = Render(SnapshotOf(a, 30 * 60000LL), view, 80, 24);
  EXPECT_EQ(wide.Lines(), kIncompleteStruck80);
  Frame narrow = Render(SnapshotOf(a, 30 * 60000LL), view, 60, 20);
  EXPECT_EQ(narrow.Lines(), kIncompleteStruck60);
  // The struck option is marked in its box and drawn struck; the cursor line keeps the cursor style.
  view.cursor = 0;
  Frame f = Render(SnapshotOf(a, 30 * 60000LL), view, 80, 24);
  EXPECT_EQ(f.At(9, 9).style, Style::kStruck) << f.Lines()[9];
  EXPECT_EQ(f.At(7, 9).style, Style::kSelected);
  for (const std::string& line : narrow.Lines()) EXPECT_LE(DisplayWidth(line), 60);
}

TEST(RenderTest, ReviewGridKeepsFlagsInTheirCellsAndMarksIncompleteAnswers) {
  Attempt a = Grid();
  ViewState view;
  view.screen = Screen::kReview;
  view.review_cursor = 5;
  EXPECT_EQ(Render(SnapshotOf(a, 80 * 60000LL), view, 80, 24).Lines(), kGrid80);
  EXPECT_EQ(Render(SnapshotOf(a, 80 * 60000LL), view, 60, 20).Lines(), kGrid60);
  view.filter = ReviewFilter::kIncomplete;
  view.review_cursor = 0;
  EXPECT_EQ(ReviewList(a, view.filter), (std::vector<int>{1, 6, 7}));
}

TEST(RenderTest, AnswerReviewFiltersCombineAndNameTheBankAndQuestion) {
  Attempt a = Grid();
  a.status = AttemptStatus::kSubmitted;
  ScoreReport report = ScoreAttempt(a);
  ViewState view;
  view.screen = Screen::kAnswerReview;
  view.answer_filters.incorrect = true;
  view.answer_filters.flagged = true;
  EXPECT_EQ(Render(SnapshotOf(a, 0, &report), view, 80, 24).Lines(), kWrongFlagged80);
  view.answer_filters = AnswerFilters{};
  view.answer_filters.incomplete = true;
  view.answer_review = 1;
  EXPECT_EQ(Render(SnapshotOf(a, 0, &report), view, 60, 20).Lines(), kIncomplete60);
  AnswerFilters unscored;
  unscored.unscored = true;
  EXPECT_EQ(AnswerReviewList(a, unscored), (std::vector<int>{3, 7, 11}));
  AnswerFilters domain;
  domain.domain = 2;
  EXPECT_EQ(AnswerReviewList(a, domain), (std::vector<int>{1, 6, 11}));
}

}  // namespace
}  // namespace proctor
