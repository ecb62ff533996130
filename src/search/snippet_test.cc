#include "search/snippet.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/utf8.h"

namespace storyline::search {
namespace {

// The snippet without its markup and entities: what a reader sees.
std::string Visible(std::string s) {
  for (const char* tag : {"<mark>", "</mark>"}) {
    for (size_t at; (at = s.find(tag)) != std::string::npos;) s.erase(at, std::string(tag).size());
  }
  for (auto [entity, c] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (size_t at; (at = s.find(entity)) != std::string::npos;)
      s.replace(at, std::string(entity).size(), c);
  }
  return s;
}

TEST(SnippetTest, MarksWordsAndStemsOfTheQuery) {
  StemCache stem(Xapian::Stem("en"));
  SnippetTerms terms;
  terms.AddStem("summit", 2);
  terms.AddWord("peskov", 3);
  const std::string s = MakeSnippet(
      "Kremlin spokesman Peskov said the summits in Budapest were postponed.", terms, &stem);
  EXPECT_EQ(s,
            "Kremlin spokesman <mark>Peskov</mark> said the <mark>summits</mark> in Budapest were "
            "postponed.");
}

TEST(SnippetTest, NoStemmingWithoutStems) {
  SnippetTerms terms;
  terms.AddWord("budapest", 1);
  // No stem cache: words are matched as they are.
  EXPECT_EQ(MakeSnippet("A summit in Budapest.", terms, nullptr),
            "A summit in <mark>Budapest</mark>.");
  EXPECT_EQ(MakeSnippet("Budapests.", terms, nullptr), "Budapests.");
}

TEST(SnippetTest, ChoosesThePassageWithTheMostQueryWeight) {
  SnippetTerms terms;
  terms.AddWord("ukraine", 1);
  terms.AddWord("budapest", 5);
  std::string text = "Ukraine was mentioned first.";
  for (int i = 0; i < 20; ++i) text += " Filler sentence number " + std::to_string(i) + " here.";
  text += " The Budapest meeting and Ukraine came up together. More filler follows it.";
  for (int i = 0; i < 20; ++i) text += " Other words " + std::to_string(i) + ".";
  SnippetOptions options;
  options.bytes = 80;
  const std::string s = MakeSnippet(text, terms, nullptr, options);
  EXPECT_EQ(
      s.rfind("The <mark>Budapest</mark> meeting and <mark>Ukraine</mark> came up together.", 0),
      0u)
      << s;
  EXPECT_EQ(s.substr(s.size() - 3), "…") << s;  // text follows
  EXPECT_LE(Visible(s).size(), options.bytes + std::string("…").size()) << s;
}

TEST(SnippetTest, LongTextWithAnEarlyMatch) {
  SnippetTerms terms;
  terms.AddWord("peskov", 1);
  std::string text = "Peskov spoke first. ";
  for (int i = 0; i < 2000; ++i) text += "Filler words of a long article. ";
  text += "Peskov spoke again.";
  SnippetOptions options;
  options.bytes = 40;
  EXPECT_EQ(MakeSnippet(text, terms, nullptr, options),
            "<mark>Peskov</mark> spoke first. Filler words of a…");
}

TEST(SnippetTest, StartsMidSentenceWithAnOmissionMark) {
  SnippetTerms terms;
  terms.AddWord("target", 1);
  std::string text = "This sentence is long";
  for (int i = 0; i < 30; ++i) text += " and it goes on";
  text += " until the target word appears, then it stops.";
  SnippetOptions options;
  options.bytes = 60;
  const std::string s = MakeSnippet(text, terms, nullptr, options);
  EXPECT_EQ(s, "…and it goes on until the <mark>target</mark> word appears, then it stops.") << s;
}

TEST(SnippetTest, WithoutMatchShowsTheStartCutAfterAWholeWord) {
  SnippetTerms terms;
  terms.AddWord("absent", 1);
  SnippetOptions options;
  options.bytes = 20;
  EXPECT_EQ(MakeSnippet("  First words of the article, then more.", terms, nullptr, options),
            "First words of the…");
  EXPECT_EQ(MakeSnippet("", terms, nullptr, options), "");
}

TEST(SnippetTest, EscapesTheTextAndCollapsesWhiteSpace) {
  SnippetTerms terms;
  terms.AddWord("alert", 1);
  const std::string s =
      MakeSnippet("Tom &  \t Jerry <script>alert(1)</script> <b onerror=x>", terms, nullptr);
  EXPECT_EQ(
      s, "Tom &amp; Jerry &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &lt;b onerror=x&gt;");
}

TEST(SnippetTest, UnicodeWordsApostrophesAndCase) {
  StemCache russian(Xapian::Stem("ru"));
  SnippetTerms ru;
  ru.AddStem(russian("пескова"), 1);
  EXPECT_EQ(MakeSnippet("Слова Пескова о саммите.", ru, &russian),
            "Слова <mark>Пескова</mark> о саммите.");

  StemCache english(Xapian::Stem("en"));
  SnippetTerms en;
  en.AddStem("kremlin", 1);
  en.AddWord("état", 1);
  EXPECT_EQ(MakeSnippet("The Kremlin’s view and the ÉTAT.", en, &english),
            "The <mark>Kremlin’s</mark> view and the <mark>ÉTAT</mark>.");
}

TEST(SnippetTest, NeverCutsACharacterOrOverrunsTheBudget) {
  SnippetTerms terms;
  terms.AddWord("x", 1);
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {
      "x", "word", " ", "\n",   "é", "日本",
      "<", "&",    ".", "\xff", "’", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 80);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    SnippetOptions options;
    options.bytes = 1 + rng() % 50;
    const std::string s = MakeSnippet(text, terms, nullptr, options);
    std::string visible = Visible(s);
    if (visible.rfind("…", 0) == 0) visible.erase(0, 3);
    if (visible.size() >= 3 && visible.compare(visible.size() - 3, 3, "…") == 0) {
      visible.erase(visible.size() - 3);
    }
    ASSERT_LE(visible.size(), options.bytes) << text;
    if (text::IsValidUtf8(text)) {
      ASSERT_TRUE(text::IsValidUtf8(s)) << text;
    }
    // Only our tags are markup.
    std::string stripped = s;
    for (const char* tag : {"<mark>", "</mark>"}) {
      for (size_t at; (at = stripped.find(tag)) != std::string::npos;)
        stripped.erase(at, 6 + (tag[1] == '/'));
    }
    ASSERT_EQ(stripped.find_first_of("<>"), std::string::npos) << s;
  }
}

TEST(SnippetTest, TermsOfAParsedQuery) {
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.add_prefix("title", "S");
  parser.add_boolean_prefix("outlet", "XO");
  const Xapian::Query query =
      parser.parse_query("summits Peskov title:meetings \"Budapest talks\" outlet:sputnik");
  const SnippetTerms terms = SnippetTerms::FromQuery(query, [](const std::string&) { return 1.0; });
  StemCache stem(Xapian::Stem("en"));
  EXPECT_GE(terms.Match("summit", &stem), 0);    // Zsummit
  EXPECT_GE(terms.Match("peskov", &stem), 0);    // unstemmed (capitalized)
  EXPECT_GE(terms.Match("meeting", &stem), 0);   // ZSmeet, a title term
  EXPECT_GE(terms.Match("budapest", &stem), 0);  // a phrase's word
  EXPECT_GE(terms.Match("talks", &stem), 0);
  EXPECT_LT(terms.Match("sputnik", &stem), 0);  // a filter is not a word of the text
  EXPECT_LT(terms.Match("kremlin", &stem), 0);
}

}  // namespace
}  // namespace storyline::search
