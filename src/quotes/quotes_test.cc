#include "quotes/quotes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

namespace storyline::quotes {
namespace {

constexpr size_t npos = std::string_view::npos;

std::string_view Text(std::string_view text, const Span& span) {
  return text.substr(span.begin(), span.end() - span.begin());
}

class QuoteFinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<QuoteFinder> finder = QuoteFinder::FromEmbedded();
    ASSERT_TRUE(finder.ok()) << finder.status().ToString();
    finder_ = std::make_unique<QuoteFinder>(std::move(finder).value());
  }

  // The second fragment of the content of `cue` in `text` (an interrupted quotation's second
  // half), or why there is none.
  std::string SecondHalf(std::string_view text, std::string_view cue) const {
    Result<std::vector<Attribution>> found = finder_->Find(text);
    if (!found.ok()) return found.status().ToString();
    for (const Attribution& a : *found) {
      if (Text(text, a.cue) != cue) continue;
      if (a.content.fragments.size() != 2) return "(one fragment)";
      const Fragment& f = a.content.fragments[1];
      return std::string(text.substr(f.begin, f.end - f.begin));
    }
    return "(no such cue)";
  }

  std::unique_ptr<QuoteFinder> finder_;
};

TEST_F(QuoteFinderTest, DirectQuoteWithPostposedCue) {
  std::string text =
      "Moscow is ready for talks. \u201cWe are open to a summit in Budapest,\u201d Kremlin "
      "spokesman Dmitry Peskov told reporters on Tuesday.";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  const Attribution& a = found->front();
  EXPECT_EQ(Text(text, a.cue), "told");
  ASSERT_TRUE(a.source.has_value());
  EXPECT_NE(Text(text, *a.source).find("Peskov"), std::string_view::npos);
  EXPECT_EQ(a.source_kind, SourceKind::kName);
  EXPECT_EQ(Text(text, a.content), "We are open to a summit in Budapest");
  EXPECT_TRUE(a.direct);
}

// Attributions the layout makes: a transcript's speaker labels and a credit line under a
// quotation. Each speaker gets the words of his own paragraph.
TEST_F(QuoteFinderTest, TranscriptLabelsAttributeTheirParagraphs) {
  std::string text =
      "Partial transcript as follows:\n\n"
      "WALLACE: Will she be there tomorrow night, sitting in the front row of the hall?\n\n"
      "PENCE: Well, look, she will not be attending the debate tomorrow night, I can tell you "
      "that much.\n";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  std::map<std::string, std::string> said;  // source -> content of the colon cues
  for (const Attribution& a : *found) {
    if (Text(text, a.cue) != ":" || !a.source || Text(text, *a.source).find(' ') != npos) {
      continue;  // the writer's "as follows:" is not a speaker's label
    }
    said[std::string(Text(text, *a.source))] = Text(text, a.content);
    EXPECT_TRUE(a.direct) << Text(text, *a.source);  // a transcript gives their own words
  }
  EXPECT_EQ(said["WALLACE"],
            "Will she be there tomorrow night, sitting in the front row of the hall");
  EXPECT_EQ(said["PENCE"],
            "Well, look, she will not be attending the debate tomorrow night, I can tell you "
            "that much");
}

TEST_F(QuoteFinderTest, CreditUnderAQuotation) {
  std::string text =
      "Readers wrote in after the debate.\n\n"
      "\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n"
      "\u201cHe makes blanket statements about people he knows nothing about.\u201d\u2015 "
      "Pamela Padilla.\n";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  std::map<std::string, std::string> said;
  for (const Attribution& a : *found) {
    if (!a.source || Text(text, a.cue) != "\u2015") continue;
    said[std::string(Text(text, *a.source))] = Text(text, a.content);
    EXPECT_TRUE(a.direct);
  }
  EXPECT_EQ(said["Sonya Herridge"], "He represents our greatest shame");
  EXPECT_EQ(said["Pamela Padilla"],
            "He makes blanket statements about people he knows nothing about");
}

// One label in capitals is no transcript: its line is not taken for anyone's own words.
TEST_F(QuoteFinderTest, OneCapitalsLabelIsNoTranscript) {
  std::string text =
      "The council met on Tuesday.\n\n"
      "REMINDER: Comments that insult other readers or the staff will be taken down.\n";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  for (const Attribution& a : *found) {
    if (Text(text, a.cue) == ":") EXPECT_FALSE(a.direct);
  }
}

// An editor's label, a list of names under a place or a shop's teaser is no one speaking.
TEST_F(QuoteFinderTest, EditorsLabelsAndNameListsAreNotSpeakers) {
  std::string text =
      "Correction: An earlier version of this article misstated the date of the vote.\n\n"
      "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jim Carley.\n\n"
      "New Price Drop: Apple Watch Series 3 38mm Smart Watch for $169.99 (Originally $200)\n";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  for (const Attribution& a : *found) EXPECT_NE(Text(text, a.cue), ":");
}

// "“X,” said Caddell, speaking of her health. “Y.”": the participle is the attribution's
// tail, so Y is still his.
TEST_F(QuoteFinderTest, InterruptedQuotationAcrossAParticiple) {
  std::string text =
      "\u201cThis is in their heads. This is in their consciousness,\u201d said Caddell, "
      "speaking of Clinton\u2019s health issue. \u201cIt is one of the things worrying "
      "them.\u201d";
  EXPECT_EQ(SecondHalf(text, "said"), "It is one of the things worrying them");
}

// A cue whose colon ends its paragraph reports the paragraph under it, and the next ones
// while the quotation runs on.
TEST_F(QuoteFinderTest, BlockQuotationUnderAColon) {
  std::string text =
      "The New York Times reports:\n\n"
      "\"In an illustration of the lack of enthusiasm, just 24 percent of the contributors gave "
      "$200 or less.\n\n"
      "\"Without this online network, she is being made to continue with fund-raisers.\"\n\n"
      "Her campaign did not answer.\n";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  bool reports = false;
  for (const Attribution& a : *found) {
    if (Text(text, a.cue).find("reports") == npos) continue;
    reports = true;
    const std::string_view content = Text(text, a.content);
    EXPECT_TRUE(content.starts_with("In an illustration")) << content;
    EXPECT_TRUE(content.ends_with("continue with fund-raisers")) << content;
  }
  EXPECT_TRUE(reports);
}

// The attribution between the halves may be long: when and where it was said, and a clause
// on the place.
TEST_F(QuoteFinderTest, InterruptedQuotationAroundALongAttribution) {
  std::string text =
      "\"My name may not be on the ballot, but our progress is on the ballot,\" Mr. Obama said on "
      "Saturday night at the Congressional Black Caucus Foundation gala dinner in Washington, "
      "where Mrs. Clinton also spoke. \"Tolerance is on the ballot. Democracy is on the "
      "ballot.\"";
  EXPECT_EQ(SecondHalf(text, "said"), "Tolerance is on the ballot. Democracy is on the ballot");
}

// "“X,” he said, but “Y.”": the quotation goes on after the conjunction.
TEST_F(QuoteFinderTest, InterruptedQuotationAfterAConjunction) {
  std::string text =
      "\"You know, I love Larry,\" he said, but \"when it comes to energy issues, Larry has a "
      "history of representing fossil fuel industries.\"";
  EXPECT_EQ(SecondHalf(text, "said"),
            "when it comes to energy issues, Larry has a history of representing fossil fuel "
            "industries");
}

TEST_F(QuoteFinderTest, IndirectThatClauseWithPronoun) {
  std::string text = "He said that the talks would resume next week.";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Attribution& a = found->front();
  EXPECT_EQ(Text(text, a.cue), "said");
  ASSERT_TRUE(a.source.has_value());
  EXPECT_EQ(Text(text, *a.source), "He");
  EXPECT_EQ(a.source_kind, SourceKind::kPronoun);
  EXPECT_NE(Text(text, a.content).find("the talks would resume next week"), std::string::npos);
  EXPECT_FALSE(a.direct);
}

// Each quotation goes with the attribution right after it: a content does not run through
// another cue's quotation tail, nor on into its own source.
TEST_F(QuoteFinderTest, QuotationsInARowKeepTheirOwnSpeakers) {
  std::string text =
      "\u201cI love you,\u201d he said. \u201cHe really does love us,\u201d Melanie said, and "
      "soon the balloons fell. \u201cIt is an invasion, in our estimation, of the state "
      "regulatory domain,\u201d Scott Pruitt, the Republican attorney general of Oklahoma, said "
      "at a Washington event this month.";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok());
  std::map<std::string, std::string> content_of;  // source -> content
  for (const Attribution& a : *found) {
    if (!a.source) continue;
    std::string content;
    for (const Fragment& f : a.content.fragments) {
      content += (content.empty() ? "" : " | ") + text.substr(f.begin, f.end - f.begin);
    }
    content_of[std::string(Text(text, *a.source))] = content;
  }
  EXPECT_EQ(content_of["he"], "I love you");
  EXPECT_EQ(content_of["Melanie"], "He really does love us");
  EXPECT_EQ(content_of["Scott Pruitt, the Republican attorney general of Oklahoma"],
            "It is an invasion, in our estimation, of the state regulatory domain");
}

TEST_F(QuoteFinderTest, ContentAroundItsCueIsTwoFragments) {
  std::string text =
      "\u201cWe will not allow this,\u201d the minister said, \u201cand we will respond.\u201d";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Attribution& a = found->front();
  EXPECT_EQ(Text(text, a.cue), "said");
  ASSERT_TRUE(a.source.has_value());
  EXPECT_EQ(Text(text, *a.source), "the minister");
  EXPECT_EQ(a.source_kind, SourceKind::kNominal);
  ASSERT_EQ(a.content.fragments.size(), 2u);
  const Fragment& first = a.content.fragments[0];
  const Fragment& second = a.content.fragments[1];
  EXPECT_EQ(text.substr(first.begin, first.end - first.begin).find("We will not allow this"), 0u);
  EXPECT_NE(text.substr(second.begin, second.end - second.begin).find("and we will respond"),
            std::string::npos);
  EXPECT_LT(first.end, a.source->begin());
  EXPECT_GT(second.begin, a.cue.end());
  EXPECT_TRUE(a.direct);
}

// A quotation interrupted by its attribution and a full stop ("“X,” she said. “Y.”") is one
// content in two fragments; a quotation after a clause of its own is not part of it.
TEST_F(QuoteFinderTest, InterruptedQuotationIsOneContent) {
  std::string text =
      "\u201cI think there may be a couple of reasons,\u201d she said at the rally. \u201cFirst, "
      "maybe he is not as rich as he says he is.\u201d";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Attribution& a = found->front();
  EXPECT_EQ(Text(text, a.cue), "said");
  ASSERT_EQ(a.content.fragments.size(), 2u);
  const Fragment& first = a.content.fragments[0];
  const Fragment& second = a.content.fragments[1];
  EXPECT_EQ(text.substr(first.begin, first.end - first.begin),
            "I think there may be a couple of reasons");
  EXPECT_EQ(text.substr(second.begin, second.end - second.begin).rfind("First, maybe he", 0), 0u)
      << text.substr(second.begin, second.end - second.begin);
  EXPECT_TRUE(a.direct);

  std::string apart =
      "\u201cWe will win,\u201d she said, and the crowd cheered. \u201cFour more years.\u201d";
  Result<std::vector<Attribution>> alone = finder_->Find(apart);
  ASSERT_TRUE(alone.ok());
  for (const Attribution& b : *alone) {
    EXPECT_EQ(b.content.fragments.back().end, apart.find(",\u201d she")) << Text(apart, b.cue);
  }
}

// A participle clause after a comma is the writer's, not the speaker's; "including" is not
// such a clause.
TEST_F(QuoteFinderTest, ReportedContentEndsBeforeTheWritersParticipleClause) {
  std::string text =
      "The senator said the plan would fail in the House, encouraging his supporters to vote "
      "against it.";
  auto content_of_said = [&](const std::string& t) {
    Result<std::vector<Attribution>> found = finder_->Find(t);
    EXPECT_TRUE(found.ok());
    for (const Attribution& a : *found) {
      if (Text(t, a.cue) == "said") {
        const Fragment& f = a.content.fragments.back();
        return t.substr(f.begin, f.end - f.begin);
      }
    }
    return std::string("(no said)");
  };
  EXPECT_EQ(content_of_said(text), "the plan would fail in the House");
  std::string including =
      "The minister said the storm damaged many towns, including Dover and Folkestone.";
  EXPECT_EQ(content_of_said(including),
            "the storm damaged many towns, including Dover and Folkestone");
}

TEST_F(QuoteFinderTest, TheSubjectARelativeClauseInterruptsIsTheSource) {
  std::string text =
      "Speaking in an interview aired on Thursday, Azarov, who held his post between 2010 and "
      "2014 and fled to Russia after the Maidan coup, recalled that local officials had failed "
      "to use the money.";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  bool recalled = false;
  for (const Attribution& a : *found) {
    if (Text(text, a.cue) != "recalled") continue;
    recalled = true;
    ASSERT_TRUE(a.source.has_value());
    EXPECT_EQ(Text(text, *a.source), "Azarov");
    EXPECT_EQ(a.source_kind, SourceKind::kName);
  }
  EXPECT_TRUE(recalled);
}

TEST_F(QuoteFinderTest, AccordingToIsACue) {
  std::string text = "The economy grew by 3 percent last year, according to the central bank.";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Attribution& a = found->front();
  EXPECT_EQ(Text(text, a.cue), "according to");
  ASSERT_TRUE(a.source.has_value());
  EXPECT_EQ(Text(text, *a.source), "the central bank");
  EXPECT_EQ(Text(text, a.content).substr(0, 34), "The economy grew by 3 percent last");
}

TEST_F(QuoteFinderTest, NoAttributionInPlainNarrative) {
  std::string text = "The river rose by two metres overnight. Roads were closed.";
  Result<std::vector<Attribution>> found = finder_->Find(text);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
}

TEST_F(QuoteFinderTest, TooLargeIsAnError) {
  QuoteOptions options;
  options.max_text_bytes = 10;
  Result<std::vector<Attribution>> found = finder_->Find("He said it was over, again.", options);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), StatusCode::kTooLarge);
}

TEST_F(QuoteFinderTest, HostileTextEndsWithinLimits) {
  // A 5 MB paragraph without a full stop, with quote marks that never close.
  std::string text;
  text.reserve(5 * 1024 * 1024 + 64);
  while (text.size() < 5 * 1024 * 1024) text += "officials said \u201cthe plan, he noted ";
  auto start = std::chrono::steady_clock::now();
  QuoteOptions options;
  options.max_attributions = 1000;
  Result<std::vector<Attribution>> found = finder_->Find(text, options);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_LE(found->size(), 1000u);
  for (const Attribution& a : *found) {
    EXPECT_LE(a.content.end(), text.size());
    EXPECT_LE(a.cue.end(), text.size());
  }
  // 10,000 nested parentheses and unbalanced quotes.
  std::string nested = "He said \u201c" + std::string(10000, '(') + "yes" + std::string(9000, ')') +
                       "\" \u201d \" she added.";
  Result<std::vector<Attribution>> found2 = finder_->Find(nested);
  ASSERT_TRUE(found2.ok());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 120.0);  // linear work; generous for sanitizer builds
}

TEST_F(QuoteFinderTest, EmptyTextHasNoAttributions) {
  Result<std::vector<Attribution>> found = finder_->Find("");
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
}

TEST(QuoteFinderModelTest, BadModelBytesAreAnError) {
  Result<QuoteFinder> finder = QuoteFinder::FromBytes("garbage");
  ASSERT_FALSE(finder.ok());
  EXPECT_EQ(finder.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace storyline::quotes
