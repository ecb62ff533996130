#include "quotes/document.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline::quotes::detail {
namespace {

size_t Find(const Document& doc, std::string_view token, size_t from = 0) {
  for (size_t i = from; i < doc.tokens.size(); ++i) {
    if (doc.TokenText(i) == token) return i;
  }
  return doc.tokens.size();
}

TEST(DocumentTest, MarksTokensInsideQuotations) {
  std::string text = "\u201cWe will win,\u201d Peskov said. He left.";
  Document doc = Prepare(text, 300);
  size_t we = Find(doc, "We"), peskov = Find(doc, "Peskov");
  ASSERT_LT(we, doc.tokens.size());
  ASSERT_LT(peskov, doc.tokens.size());
  EXPECT_EQ(doc.info[we - 1].quote, QuoteMark::kOpen);
  EXPECT_TRUE(doc.info[we].inside_quote);
  EXPECT_FALSE(doc.info[peskov].inside_quote);
  EXPECT_EQ(doc.info[peskov].shape, Shape::kCapital);
  EXPECT_TRUE(doc.info[Find(doc, "He")].pronoun);
  EXPECT_GT(doc.info[Find(doc, "He")].sentence, doc.info[peskov].sentence);
}

TEST(DocumentTest, StraightQuotesOpenAndClose) {
  std::string text = "He said \"no way\" and left.";
  Document doc = Prepare(text, 300);
  size_t no = Find(doc, "no"), left = Find(doc, "left");
  EXPECT_TRUE(doc.info[no].inside_quote);
  EXPECT_FALSE(doc.info[left].inside_quote);
}

TEST(DocumentTest, UnclosedQuoteEndsAtParagraph) {
  std::string text = "\u201cThis never closes, he said.\n\nA new paragraph here.";
  Document doc = Prepare(text, 300);
  EXPECT_TRUE(doc.info[Find(doc, "never")].inside_quote);
  EXPECT_FALSE(doc.info[Find(doc, "paragraph")].inside_quote);
}

// A straight mark that closes nothing at the end of a paragraph opens the next one (a page
// flattened to text moved it); a mark that closes a quotation there stays a closing mark.
TEST(DocumentTest, MarkAtTheEndOfAParagraphOpensTheNext) {
  std::string text =
      "The pause is slowing the settlement, Peskov said.\"\n\nThe main thing is the pause,\" he "
      "told reporters.";
  Document doc = Prepare(text, 300);
  const size_t main = Find(doc, "main"), told = Find(doc, "told");
  ASSERT_LT(main, doc.tokens.size());
  EXPECT_EQ(doc.info[Find(doc, "said") + 2].quote, QuoteMark::kOpen);
  EXPECT_TRUE(doc.info[main].inside_quote);
  EXPECT_FALSE(doc.info[told].inside_quote);

  std::string closed = "He said: \"We will win.\"\n\nThe vote was held.";
  Document doc2 = Prepare(closed, 300);
  EXPECT_FALSE(doc2.info[Find(doc2, "vote")].inside_quote);
}

TEST(DocumentTest, SentencesCoverEveryTokenAndAreCut) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "word ";
  Document doc = Prepare(text, 100);
  ASSERT_EQ(doc.tokens.size(), 1000u);
  size_t next = 0;
  for (const nlp::Sentence& s : doc.sentences) {
    EXPECT_EQ(s.first_token, next);
    EXPECT_LE(s.end_token - s.first_token, 100u);
    next = s.end_token;
  }
  EXPECT_EQ(next, doc.tokens.size());
}

}  // namespace
}  // namespace storyline::quotes::detail
