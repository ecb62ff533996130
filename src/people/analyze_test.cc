#include "people/analyze.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace storyline::people {
namespace {

class AnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Default();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::make_unique<Analyzer>(std::move(*a));  // one per suite: models load once
  }
  static void TearDownTestSuite() { analyzer_.reset(); }
  static inline std::unique_ptr<Analyzer> analyzer_;
};

const QuoteRecord* QuoteWith(const ArticleAnalysis& a, std::string_view words) {
  for (const QuoteRecord& q : a.quotes) {
    if (q.content.text.find(words) != std::string::npos) return &q;
  }
  return nullptr;
}

TEST_F(AnalyzerTest, AttributesQuotesToPeopleAcrossPronounsAndContinuations) {
  const std::string text =
      "Kremlin spokesman Dmitry Peskov spoke to reporters on Friday.\n\n"
      "\"We believe that a summit will certainly be welcomed by both sides,\" Peskov said. "
      "\"We have repeatedly said that we prefer peaceful means.\"\n\n"
      "He added that the lack of trust between the two countries was evident.";
  auto a = analyzer_->Analyze(text);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_FALSE(a->people.empty());
  EXPECT_EQ(a->people[0].id, "dmitri-peskov");
  EXPECT_EQ(a->people[0].roles, std::vector<std::string>{"Kremlin spokesman"});
  const QuoteRecord* first = QuoteWith(*a, "a summit will certainly be welcomed");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->speaker, "dmitri-peskov");
  EXPECT_TRUE(first->direct);
  // The next quotation has no cue of its own: it continues Peskov's quote. "We have
  // repeatedly said" inside it is not a new speaker.
  const QuoteRecord* next = QuoteWith(*a, "we prefer peaceful means");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->speaker, "dmitri-peskov");
  EXPECT_TRUE(next->direct);
  const QuoteRecord* added = QuoteWith(*a, "the lack of trust");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->speaker, "dmitri-peskov");  // "He added"
  EXPECT_FALSE(added->direct);
  for (const EntityMention& e : a->entities) {
    EXPECT_EQ(text.substr(e.begin, e.end - e.begin), e.text);
  }
}

TEST_F(AnalyzerTest, AQuotationBeforeItsSpeakerIsTheirs) {
  const std::string text =
      "Kremlin spokesman Dmitry Peskov spoke about the region on Tuesday.\n\n"
      "\u201cThe current tension around the corridor is of serious concern, and Russia will "
      "continue its work,\u201d the Kremlin spokesperson stated.\n\n"
      "\u2018There are batteries available in many countries in Europe,\u2019 Peskov explained.";
  auto a = analyzer_->Analyze(text);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  for (std::string_view words : {"The current tension around the corridor",
                                 "There are batteries available"}) {
    const QuoteRecord* q = QuoteWith(*a, words);
    ASSERT_NE(q, nullptr) << words;
    EXPECT_EQ(q->speaker, "dmitri-peskov") << words;
    EXPECT_TRUE(q->direct) << words;
    EXPECT_EQ(q->content.text.find("\u201d"), std::string::npos) << "marks are not content";
  }
}

TEST_F(AnalyzerTest, HostileTextEndsInAResultOrAClearError) {
  // Over the limit: a clear error, not minutes of work.
  std::string huge;
  while (huge.size() < (5u << 20)) huge += "Dmitry Peskov said that the summit will come ";
  auto refused = analyzer_->Analyze(huge);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(refused.status().message().find("limit"), std::string::npos);

  // Under it: a paragraph with no full stop, unbalanced quote marks, deep parentheses.
  std::string paragraph;
  while (paragraph.size() < (200u << 10)) paragraph += "Dmitry Peskov said that the summit \u201cwill ";
  auto long_one = analyzer_->Analyze(paragraph);
  ASSERT_TRUE(long_one.ok()) << long_one.status().ToString();
  const std::string nested = std::string(10000, '(') + "Peskov said \"it" + std::string(10000, ')');
  auto deep = analyzer_->Analyze(nested);
  ASSERT_TRUE(deep.ok()) << deep.status().ToString();
  const std::string quotes = std::string(5000, '"') + "' \u201c\u2019 \u00ab";
  ASSERT_TRUE(analyzer_->Analyze(quotes).ok());
  ASSERT_TRUE(analyzer_->Analyze("").ok());
}

}  // namespace
}  // namespace storyline::people
