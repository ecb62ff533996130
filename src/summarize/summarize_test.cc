#include "summarize/summarize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storyline::summarize {
namespace {

const char kArticle[] =
    "The central bank raised interest rates by half a point on Tuesday to fight inflation.\n\n"
    "Inflation reached 9% in March, the highest level in forty years. "
    "The bank said further interest rate rises were likely if inflation stayed high. "
    "It was the weather that mattered most to farmers in the north. "
    "Markets fell after the bank announced the rise in interest rates. "
    "Analysts expect the bank to raise rates again in June as inflation persists.\n"
    "You may also like\n"
    "Ten recipes for summer\n";

TEST(SummarizeArticleTest, PicksInformativeSentencesInDocumentOrder) {
  SummaryOptions options;
  options.sentences = 3;
  const ArticleSummary s = SummarizeArticle(kArticle, options);
  ASSERT_EQ(s.sentences.size(), 3u);
  for (size_t i = 1; i < s.sentences.size(); ++i) {
    EXPECT_LT(s.sentences[i - 1].begin, s.sentences[i].begin);
  }
  const std::string text = kArticle;
  for (const SummarySentence& x : s.sentences) {
    // Spans are exact and sentences whole.
    EXPECT_EQ(text.substr(x.begin, x.end - x.begin), x.text);
    EXPECT_EQ(x.text.find("You may also like"), std::string::npos);
    EXPECT_EQ(x.text.find("recipes"), std::string::npos);
    EXPECT_EQ(x.text.find("weather"), std::string::npos);  // off-topic
  }
  EXPECT_NE(s.sentences[0].text.find("raised interest rates"), std::string::npos);
}

TEST(SummarizeArticleTest, WordBudgetIsNeverExceeded) {
  SummaryOptions options;
  options.words = 30;
  const ArticleSummary s = SummarizeArticle(kArticle, options);
  ASSERT_FALSE(s.sentences.empty());
  size_t words = 0;
  for (const SummarySentence& x : s.sentences) {
    size_t n = 0;
    bool in = false;
    for (char ch : x.text) {
      const bool space = ch == ' ' || ch == '\n';
      if (!space && !in) ++n;
      in = !space;
    }
    words += n;
  }
  EXPECT_LE(words, 30u);
}

TEST(SummarizeArticleTest, ReportedSpeechOutranksTheSameWordsQuoted) {
  // Two sentences with the same content terms: one quotes the minister, one reports her
  // statement in the writer's words. The reported one is the better summary sentence.
  const std::string text =
      "Storms closed roads across the region on Monday.\n\n"
      "\"The coastal road will reopen after the storm repairs in May.\" "
      "The minister said the coastal road will reopen after the storm repairs in May. "
      "Ferries kept running between the islands.";
  SummaryOptions options;
  options.sentences = 1;
  options.lead_weight = 0;
  const ArticleSummary reported = SummarizeArticle(text, options);
  ASSERT_EQ(reported.sentences.size(), 1u);
  EXPECT_EQ(reported.sentences[0].text.rfind("The minister said", 0), 0u)
      << reported.sentences[0].text;
  options.reported_weight = 0;
  const ArticleSummary plain = SummarizeArticle(text, options);
  ASSERT_EQ(plain.sentences.size(), 1u);
  EXPECT_EQ(plain.sentences[0].text.rfind("\"The coastal road", 0), 0u) << plain.sentences[0].text;
}

TEST(SummarizeArticleTest, LeadingPronounComesWithItsAntecedent) {
  const std::string text =
      "Maria Lopez won the city marathon on Sunday in record time. "
      "The weather in the city was cold and windy for the marathon runners. "
      "She said the marathon record was the result of years of marathon training in the city. "
      "Organisers said thousands of runners took part.";
  SummaryOptions options;
  options.sentences = 1;
  const ArticleSummary one = SummarizeArticle(text, options);
  ASSERT_EQ(one.sentences.size(), 1u);
  EXPECT_NE(one.sentences[0].text.rfind("She", 0), 0u);
  options.sentences = 2;
  const ArticleSummary two = SummarizeArticle(text, options);
  for (size_t i = 0; i < two.sentences.size(); ++i) {
    if (two.sentences[i].text.rfind("She", 0) == 0) {
      ASSERT_GT(i, 0u);
      EXPECT_NE(two.sentences[i - 1].text.find("weather"), std::string::npos);
    }
  }
}

// Under a word budget that only a sentence with a leading pronoun fits, that sentence is the
// summary: the pronoun is not avoidable, and an empty summary says nothing.
TEST(SummarizeArticleTest, UnavoidablePronounRatherThanNothing) {
  const std::string text =
      "President Donald Trump heads to Texas on Thursday to press his case for spending billions "
      "of dollars on a wall along the border with Mexico. "
      "He will visit a Border Patrol station.";
  SummaryOptions options;
  options.words = 8;
  const ArticleSummary article = SummarizeArticle(text, options);
  ASSERT_EQ(article.sentences.size(), 1u);
  EXPECT_EQ(article.sentences[0].text, "He will visit a Border Patrol station.");
  StoryArticle a{text, "Trump heads to Texas", "Outlet A", "a.html", {}};
  StoryArticle b{"Tour of the border in Texas comes as the rift between the president and "
                 "congressional Democrats over the wall hardens further this week.",
                 "Trump visits the border", "Outlet B", "b.html", {}};
  const StorySummary story = SummarizeStory({a, b}, options);
  ASSERT_EQ(story.sentences.size(), 1u);
  EXPECT_EQ(story.sentences[0].text, "He will visit a Border Patrol station.");
}

// Two outlets open with the same fragment ("Apple prices rose this week.", 5 words): it
// leads and is what they agree on, but a one-sentence story summary is a full sentence. The
// fragment comes in only when nothing longer fits.
TEST(SummarizeStoryTest, FragmentsOnlyWhenNothingLongerFits) {
  const std::string fragment = "Apple prices rose this week.";
  StoryArticle a{fragment +
                     " Growers in the valley sold more apples than ever before, and shoppers "
                     "paid more for them.",
                 "Apple prices rise",
                 "Outlet A",
                 "a.html",
                 {}};
  StoryArticle b{fragment +
                     " The harvest in the valley was poor, so growers raised what they charge "
                     "for a crate.",
                 "Apples dearer",
                 "Outlet B",
                 "b.html",
                 {}};
  SummaryOptions options;
  options.sentences = 1;
  StorySummary story = SummarizeStory({a, b}, options);
  ASSERT_EQ(story.sentences.size(), 1u);
  EXPECT_NE(story.sentences[0].text, fragment);
  options.words = 6;
  story = SummarizeStory({a, b}, options);
  ASSERT_EQ(story.sentences.size(), 1u);
  EXPECT_EQ(story.sentences[0].text, fragment);
  const ArticleSummary article = SummarizeArticle(a.text, options);
  ASSERT_EQ(article.sentences.size(), 1u);
  EXPECT_EQ(article.sentences[0].text, fragment);
}

// The one-sentence summary (25 words, filling the budget) of a short lead and a long
// sentence that opens with `opening` and leans on nothing else: the long sentence when its
// opening needs no antecedent, else the lead (the two together do not fit).
std::string SummaryAfterOpening(const std::string& opening) {
  const std::string text = "Prices rose sharply in the valley. " + opening +
                           " apple growers in the valley sold more apples than ever, and apple "
                           "prices in the valley rose for apple growers.";
  SummaryOptions options;
  options.words = 25;
  options.fill_budget = true;
  const ArticleSummary s = SummarizeArticle(text, options);
  return s.sentences.size() == 1 ? s.sentences[0].text : std::string();
}

// "This year" and an expletive "It is unclear whether" point forward, not back; "These" and
// "It said that" need their antecedent.
TEST(SummarizeArticleTest, OpeningsThatAreNotPronouns) {
  EXPECT_EQ(SummaryAfterOpening("This year").rfind("This year apple growers", 0), 0u);
  EXPECT_EQ(SummaryAfterOpening("It is unclear whether").rfind("It is unclear whether", 0), 0u);
  EXPECT_EQ(SummaryAfterOpening("These"), "Prices rose sharply in the valley.");
  EXPECT_EQ(SummaryAfterOpening("It said that"), "Prices rose sharply in the valley.");
}

TEST(SummarizeArticleTest, EmptyAndHostileInput) {
  EXPECT_TRUE(SummarizeArticle("").sentences.empty());
  EXPECT_TRUE(SummarizeArticle("\xff\xfe\x00 <<<>>>").sentences.empty());
  const std::string long_run(200000, 'a');
  const ArticleSummary s = SummarizeArticle(long_run);
  EXPECT_LE(s.sentences.size(), 3u);
}

std::vector<StoryArticle> Story() {
  StoryArticle a;
  a.outlet = "left";
  a.source_file = "a.txt";
  a.title = "Kremlin waits for Kyiv signal on talks";
  a.text =
      "The Kremlin is waiting for a signal from Kyiv on a third round of peace talks, "
      "spokesman Dmitry Peskov said on Friday. "
      "\"We need to receive some signals from the Kyiv administration,\" Peskov said. "
      "Two rounds of talks were held in Istanbul earlier this year.";
  QuoteRecord q;
  const std::string quote = "We need to receive some signals from the Kyiv administration";
  q.content.begin = a.text.find(quote);
  q.content.end = q.content.begin + quote.size();
  q.content.text = quote;
  q.speaker = "dmitry-peskov";
  q.speaker_name = "Dmitry Peskov";
  q.direct = true;
  a.quotes.push_back(q);
  StoryArticle b;
  b.outlet = "right";
  b.source_file = "b.txt";
  b.title = "Moscow awaits Kiev signal on new talks";
  b.text =
      "The Kremlin is waiting for a signal from Kiev on a third round of peace talks, "
      "spokesman Dmitry Peskov said on Friday. "
      "Rubio argued that countries should send Kiev equipment they do not use. "
      "Two rounds of talks were held in Istanbul earlier this year.";
  return {a, b};
}

TEST(SummarizeStoryTest, NearDuplicatesCountOnceAndCarryTheirSource) {
  SummaryOptions options;
  options.sentences = 3;
  const StorySummary s = SummarizeStory(Story(), options);
  ASSERT_FALSE(s.sentences.empty());
  size_t waiting = 0;
  for (const SummarySentence& x : s.sentences) {
    EXPECT_FALSE(x.outlet.empty());
    EXPECT_FALSE(x.source_file.empty());
    if (x.text.find("is waiting for a signal") != std::string::npos) {
      ++waiting;
      EXPECT_EQ(x.also_in.size(), 1u);
    }
  }
  EXPECT_EQ(waiting, 1u);
  EXPECT_NE(s.sentences[0].text.find("waiting for a signal"), std::string::npos);
}

TEST(CompareCoverageTest, OnlyHereSentencesQuotesAndWording) {
  const Coverage c = CompareCoverage(Story());
  ASSERT_EQ(c.outlets.size(), 2u);
  bool rubio = false;
  for (const SummarySentence& x : c.outlets[1].only_here) {
    rubio |= x.text.find("Rubio") != std::string::npos;
    EXPECT_EQ(x.text.find("Istanbul"), std::string::npos);
  }
  EXPECT_TRUE(rubio);
  ASSERT_EQ(c.outlets[0].quotes.size(), 1u);
  EXPECT_TRUE(c.outlets[0].quotes[0].only_here);
  bool kyiv = false;
  for (const WordingDifference& w : c.wording) {
    if (w.a == "Kyiv" && w.b == "Kiev") {
      kyiv = true;
      EXPECT_EQ(w.article_a, 0u);
      EXPECT_EQ(w.article_b, 1u);
    }
  }
  EXPECT_TRUE(kyiv);
}

TEST(SummarizeStoryTest, ManyLongArticlesAreBounded) {
  std::vector<StoryArticle> story(60);
  for (size_t a = 0; a < story.size(); ++a) {
    for (int i = 0; i < 200; ++i) {
      story[a].text += "Officials in city " + std::to_string(i % 7) + " reported damage " +
                       std::to_string(a) + " after the storm on day " + std::to_string(i) + ". ";
    }
  }
  SummaryOptions options;
  options.max_story_sentences = 1200;  // 20 per article
  const StorySummary s = SummarizeStory(story, options);
  ASSERT_FALSE(s.sentences.empty());
  EXPECT_LE(s.sentences.size(), 3u);
  for (const SummarySentence& x : s.sentences) {
    // Only the first 20 sentences of each article were read.
    EXPECT_LT(x.begin, story[x.article].text.find("on day 20."));
  }
}

TEST(ContentTermsTest, DropsFunctionWordsFoldsPlurals) {
  EXPECT_EQ(ContentTerms("The talks in Istanbul"), (std::vector<std::string>{"talk", "istanbul"}));
}

}  // namespace
}  // namespace storyline::summarize
