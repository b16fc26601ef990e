// HTML in question files (GIFT with or without [html], Moodle XML) becomes plain text with every
// character reference decoded as a browser would.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/import/html_text.h"
#include "engine/json/json_tree.h"

namespace proctor {
namespace {

// tests/fixtures/import/html_entities.json: [input, what Python's html.unescape makes of it] for
// every one of the 2,231 names of the WHATWG table in context, tricky cases, and 3,000 seeded
// random strings of '&', '#', digits and letters (tools/gen_html_entities.py --vectors).
TEST(HtmlTextTest, DecodesEveryHtml5NameAndReferenceAsHtmlDoes) {
  std::ifstream in(PROCTOR_SOURCE_DIR "/tests/fixtures/import/html_entities.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string json = text.str();
  JsonNode root = ParseJson(JsonSource(json, "html_entities.json"));
  ASSERT_EQ(root.kind, JsonNode::Kind::kArray);
  ASSERT_GT(root.children.size(), 2231u + 3000u);
  int wrong = 0;
  for (const JsonNode& pair : root.children) {
    ASSERT_EQ(pair.children.size(), 2u);
    const std::string& input = pair.children[0].text;
    const std::string& expected = pair.children[1].text;
    if (DecodeEntities(input) != expected && ++wrong <= 10) {
      ADD_FAILURE() << "\"" << input << "\" decoded as \"" << DecodeEntities(input) << "\", expected \"" << expected << "\"";
    }
  }
  EXPECT_EQ(wrong, 0);
}

TEST(HtmlTextTest, TheEntitiesLearnersMetShowAsText) {
  // Before: only &lt; &gt; &amp; &quot; &apos; &nbsp; were known, so these showed raw.
  EXPECT_EQ(DecodeEntities("It&rsquo;s a caf&eacute;"), "It\u2019s a caf\u00e9");
  EXPECT_EQ(DecodeEntities("&ldquo;least privilege&rdquo; &mdash; &hellip; &euro;5 &times; 2"),
            "\u201cleast privilege\u201d \u2014 \u2026 \u20ac5 \u00d7 2");
  EXPECT_EQ(DecodeEntities("&#8217; &#x2019; &#150;"), "\u2019 \u2019 \u2013");
  EXPECT_EQ(DecodeEntities("&amp;lt; stays &lt; once"), "&lt; stays < once");  // never decoded twice
  EXPECT_EQ(DecodeEntities("AT&T and R&D; &unknown;"), "AT&T and R&D; &unknown;");
}

TEST(HtmlTextTest, HtmlBecomesPlainText) {
  EXPECT_EQ(HtmlToText("<p>It&rsquo;s <b>caf&eacute;</b>&nbsp;time</p><p>Second</p>"), "It\u2019s caf\u00e9 time\nSecond");
  EXPECT_EQ(HtmlToText("Pick one:<ul><li>Amazon S3</li><li>Amazon EBS</li></ul>"), "Pick one:\n- Amazon S3\n- Amazon EBS");
  EXPECT_EQ(HtmlToText("When x < 5 and y > 2"), "When x < 5 and y > 2");
  // Only HTML's elements are tags: placeholders and comparisons in plain GIFT text stay.
  EXPECT_EQ(HtmlToText("Run aws ec2 stop-instances --instance-ids <instance-id> when x<y and y>z"),
            "Run aws ec2 stop-instances --instance-ids <instance-id> when x<y and y>z");
  EXPECT_EQ(HtmlToText("<P>Upper<BR>case</P>"), "Upper\ncase");
  EXPECT_EQ(HtmlToText("See <https://docs.aws.amazon.com/s3/> for more"), "See https://docs.aws.amazon.com/s3/ for more");
  EXPECT_EQ(HtmlToText("<p>The diagram <img src=\"arch.png\" alt=\"VPC &amp; subnets\"/> shows</p>"),
            "The diagram [image: VPC & subnets \u2014 arch.png] shows");
  EXPECT_EQ(HtmlToText("a<!-- <b>hidden</b> -->b<script>alert('x < y')</script>c"), "abc");
}

}  // namespace
}  // namespace proctor
