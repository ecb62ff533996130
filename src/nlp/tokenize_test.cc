#include "nlp/tokenize.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace storyline::nlp {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.emplace_back(TokenText(text, t));
  return out;
}

// Each sentence's text, tokens joined by one space.
std::vector<std::string> Sentences(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text, tokens)) {
    std::string joined;
    for (size_t k = s.first_token; k < s.end_token; ++k) {
      if (!joined.empty()) joined += ' ';
      joined += TokenText(text, tokens[k]);
    }
    EXPECT_EQ(s.begin, tokens[s.first_token].begin);
    EXPECT_EQ(s.end, tokens[s.end_token - 1].end);
    out.push_back(joined);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(TokenizeTest, WordsAndPunctuation) {
  EXPECT_EQ(Words("EU rejects German call, to boycott."),
            (V{"EU", "rejects", "German", "call", ",", "to", "boycott", "."}));
  EXPECT_EQ(Words(""), V{});
  EXPECT_EQ(Words(" \t\n "), V{});
  EXPECT_EQ(Words("Песков сказал: «нет»."), (V{"Песков", "сказал", ":", "«", "нет", "»", "."}));
}

TEST(TokenizeTest, Numbers) {
  EXPECT_EQ(Words("1,000.5 rose 7% to $5 at 12:30 on 1996-08-22 (3/4)"),
            (V{"1,000.5", "rose", "7", "%", "to", "$", "5", "at", "12:30", "on", "1996-08-22", "(",
               "3/4", ")"}));
  EXPECT_EQ(Words("the 1990s and 5th"), (V{"the", "1990s", "and", "5th"}));
  EXPECT_EQ(Words("in 1996, 2000."), (V{"in", "1996", ",", "2000", "."}));
}

TEST(TokenizeTest, ContractionsAndPossessives) {
  EXPECT_EQ(Words("Clinton’s aide"), (V{"Clinton", "’s", "aide"}));
  EXPECT_EQ(Words("Clinton's aide"), (V{"Clinton", "'s", "aide"}));
  EXPECT_EQ(Words("don't can't we're I'm they've she'd we'll"),
            (V{"do", "n't", "ca", "n't", "we", "'re", "I", "'m", "they", "'ve", "she", "'d", "we",
               "'ll"}));
  EXPECT_EQ(Words("O'Neill and the leaders' talks"),
            (V{"O'Neill", "and", "the", "leaders", "'", "talks"}));
  EXPECT_EQ(Words("in the '90s"), (V{"in", "the", "'90s"}));
}

TEST(TokenizeTest, QuoteMarksAreTokens) {
  EXPECT_EQ(Words("'we are ready,' he said"),
            (V{"'", "we", "are", "ready", ",", "'", "he", "said"}));
  EXPECT_EQ(Words("“No,” he said. ‘Yes’ „ja“ «oui» ‹non›"),
            (V{"“", "No", ",", "”", "he", "said", ".", "‘", "Yes", "’", "„", "ja", "“", "«", "oui",
               "»", "‹", "non", "›"}));
  EXPECT_EQ(Words("\"Go!\" ``PTB''"), (V{"\"", "Go", "!", "\"", "``", "PTB", "''"}));
  for (const char* q : {"\"", "'", "“", "”", "‘", "’", "«", "»", "„", "``", "''"}) {
    EXPECT_TRUE(IsQuoteMark(q)) << q;
  }
  EXPECT_FALSE(IsQuoteMark("'s"));
  EXPECT_FALSE(IsQuoteMark("a"));
}

TEST(TokenizeTest, DashesAndEllipses) {
  EXPECT_EQ(Words("pro-Russian — not -- well... wait… x - y"),
            (V{"pro-Russian", "—", "not", "--", "well", "...", "wait", "…", "x", "-", "y"}));
  EXPECT_EQ(Words("What?! No!!"), (V{"What", "?!", "No", "!!"}));
}

TEST(TokenizeTest, UrlsAndEmails) {
  EXPECT_EQ(Words("See https://example.com/a?b=1&c=(2). Or www.bbc.co.uk, mail a.b@x-y.org."),
            (V{"See", "https://example.com/a?b=1&c=(2)", ".", "Or", "www.bbc.co.uk", ",", "mail",
               "a.b@x-y.org", "."}));
  EXPECT_EQ(Words("(http://x.org/wiki)"), (V{"(", "http://x.org/wiki", ")"}));
  EXPECT_EQ(Words("reuters.com reported"), (V{"reuters.com", "reported"}));
  EXPECT_EQ(Words("user@localhost"), (V{"user", "@", "localhost"}));
}

TEST(TokenizeTest, AbbreviationsKeepTheirPeriod) {
  EXPECT_EQ(Words("On Sept. 4 the U.S. and Dr. J. R. Smith met Inc. staff."),
            (V{"On", "Sept.", "4", "the", "U.S.", "and", "Dr.", "J.", "R.", "Smith", "met", "Inc.",
               "staff", "."}));
  EXPECT_EQ(Words("at 5 p.m. e.g. here"), (V{"at", "5", "p.m.", "e.g.", "here"}));
  EXPECT_EQ(Words("the end.Next"), (V{"the", "end", ".", "Next"}));
  EXPECT_EQ(Words("AT&T"), (V{"AT&T"}));
}

TEST(TokenizeTest, OffsetsAreBytesIntoTheText) {
  const std::string text = "«Да» — 5%";
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 2u);  // « is two bytes
  EXPECT_EQ(TokenText(text, tokens[1]), "Да");
  EXPECT_EQ(tokens.back().end, text.size());
}

TEST(TokenizeTest, InvalidUtf8AndControlsDoNotBreakOffsets) {
  const std::string text = std::string("a\xff") + "b\u200b c\xe2\x82";
  const std::vector<Token> tokens = Tokenize(text);
  size_t last = 0;
  for (const Token& t : tokens) {
    EXPECT_LT(t.begin, t.end);
    EXPECT_GE(t.begin, last);
    last = t.end;
  }
  EXPECT_LE(last, text.size());
  EXPECT_EQ(Words(text), (V{"a", "\xff", "b", "c", "\xe2", "\x82"}));
}

TEST(SentenceTest, SplitsOnStops) {
  EXPECT_EQ(Sentences("He left. She stayed! Why? Fine..."),
            (V{"He left .", "She stayed !", "Why ?", "Fine ..."}));
  EXPECT_EQ(Sentences("one"), (V{"one"}));
  EXPECT_EQ(Sentences(""), V{});
}

TEST(SentenceTest, AbbreviationsAndInitialsDoNotEnd) {
  EXPECT_EQ(Sentences("Dr. Smith met Gen. J. R. Allen on Sept. 4 in Washington. He left."),
            (V{"Dr. Smith met Gen. J. R. Allen on Sept. 4 in Washington .", "He left ."}));
  EXPECT_EQ(Sentences("The U.S. Army came. It went to the U.S. The end."),
            (V{"The U.S. Army came .", "It went to the U.S.", "The end ."}));
}

// Court cases and party-state tags of US politicians do not end sentences.
TEST(SentenceTest, VersusAndPartyStateTagsDoNotEnd) {
  EXPECT_EQ(Sentences("The court ruled in Janus v. AFSCME that unions lose. Next."),
            (V{"The court ruled in Janus v. AFSCME that unions lose .", "Next ."}));
  EXPECT_EQ(Sentences("A letter to Chairman Richard Neal (D-Mass.), the IRS said. Next."),
            (V{"A letter to Chairman Richard Neal ( D-Mass . ) , the IRS said .", "Next ."}));
  EXPECT_EQ(Sentences("Rep. Jim Clyburn (D-S.C.) spoke. Then Sen. Lindsey Graham (R-S.C.) did."),
            (V{"Rep. Jim Clyburn ( D-S.C. ) spoke .", "Then Sen. Lindsey Graham ( R-S.C. ) did ."}));
}

TEST(SentenceTest, ClosingQuoteBelongsToTheSentence) {
  EXPECT_EQ(Sentences("He said: “We are ready.” Then he left."),
            (V{"He said : “ We are ready . ”", "Then he left ."}));
  EXPECT_EQ(Sentences("\"Stop!\" he said. 'Go.' They went."),
            (V{"\" Stop ! \" he said .", "' Go . '", "They went ."}));
}

TEST(SentenceTest, LineBreaksEndSentences) {
  EXPECT_EQ(Sentences("A headline\n\nThe body starts here. More\ntext"),
            (V{"A headline", "The body starts here .", "More", "text"}));
}

TEST(SentenceTest, SentencesCoverAllTokens) {
  const std::string text = "a. b. C. D? e! (F.) “G.” h";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Sentence> sentences = SplitSentences(text, tokens);
  size_t next = 0;
  for (const Sentence& s : sentences) {
    EXPECT_EQ(s.first_token, next);
    EXPECT_LT(s.first_token, s.end_token);
    next = s.end_token;
  }
  EXPECT_EQ(next, tokens.size());
}

TEST(SentenceTest, LongSentencesAreCut) {
  std::string text;
  for (int k = 0; k < 25; ++k) text += "word ";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Sentence> sentences = SplitSentences(text, tokens, {.max_tokens = 10});
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[0].end_token, 10u);
  EXPECT_EQ(sentences[2].end_token, 25u);
}

// Hostile inputs finish quickly (linear time); the bound is generous for sanitizer builds.
TEST(HostileTextTest, FinishesInLinearTime) {
  const std::vector<std::string> inputs = {
      [] {  // a 5 MB paragraph with no full stop
        std::string s;
        while (s.size() < 5'000'000) s += "the minister said that talks would go on and ";
        return s;
      }(),
      std::string(10'000, '(') + "x" + std::string(10'000, ')'),
      std::string(1'000'000, '"') + "unbalanced “ « ‘",
      std::string(2'000'000, 'a'),  // one huge word
      std::string(1'000'000, '.'),  // one huge ellipsis
      [] {                          // e-mail and URL look-alikes everywhere
        std::string s;
        while (s.size() < 2'000'000) s += "a.b.c-d+e_f%g.";
        return s + "@";
      }(),
      "http://" + std::string(1'000'000, 'x') + std::string(100'000, ')'),
      [] {
        std::string s;
        while (s.size() < 1'000'000) s += "U.S. J. Dr. ";
        return s;
      }(),
  };
  for (const std::string& text : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Token> tokens = Tokenize(text);
    const std::vector<Sentence> sentences = SplitSentences(text, tokens);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 20.0) << text.substr(0, 40);
    size_t covered = 0;
    for (const Sentence& s : sentences) covered += s.end_token - s.first_token;
    EXPECT_EQ(covered, tokens.size());
  }
}

}  // namespace
}  // namespace storyline::nlp
