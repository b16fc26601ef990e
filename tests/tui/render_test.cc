// The pure render function against literal expected screens.
#include "cli/tui/render.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace proctor
