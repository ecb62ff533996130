#include "dedup/dedup.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace storyline::dedup {
namespace {

// Lines [first, last) (1-based first) of examples/seeds/<name>, joined by newlines.
std::string SeedLines(const std::string& name, size_t first, size_t last) {
  std::ifstream in(std::string(STORYLINE_SOURCE_DIR) + "/examples/seeds/" + name);
  EXPECT_TRUE(in) << "cannot read seed " << name;
  std::string line, out;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (n >= first && n < last) out += line + "\n";
  }
  return out;
}

std::string Seed(const std::string& name) { return SeedLines(name, 1, 100000); }

// The main article of seed 004 (title and body, no "Related Articles").
std::string Seed004Body() { return SeedLines("004_15f1c4107c37abfd.txt", 2, 11); }
// Seed 002, a paraphrase of 004, without its "You may also like" teasers.
std::string Seed002Body() { return SeedLines("002_b657d2916ab985db.txt", 1, 8); }

Article Text(std::string text, std::optional<std::string> date = std::nullopt) {
  Article a;
  a.text = std::move(text);
  if (date) a.published = Timestamp::FromIso8601(*date);
  return a;
}

// Eight paragraphs of seed 003, the briefing on mobilization.
std::vector<std::string> Paragraphs003() {
  std::vector<std::string> out;
  std::istringstream in(Seed("003_2f87dc2640e37137.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > 120) out.push_back(line);
  }
  return out;
}

std::string Join(const std::vector<std::string>& paragraphs, size_t first, size_t last) {
  std::string out;
  for (size_t i = first; i < last && i < paragraphs.size(); ++i) out += paragraphs[i] + "\n\n";
  return out;
}

TEST(RelationTest, NamesRoundTrip) {
  for (Relation r : {Relation::kExact, Relation::kNear, Relation::kRewrite}) {
    EXPECT_EQ(ParseRelation(RelationName(r)), r);
  }
  EXPECT_EQ(RelationName(Relation::kNear), "near");
  EXPECT_FALSE(ParseRelation("copy").has_value());
}

TEST(DuplicateIndexTest, ParagraphFixtureIsLongEnough) { ASSERT_GE(Paragraphs003().size(), 9u); }

TEST(DuplicateIndexTest, ExactCopyIgnoresCaseSpacingAndPunctuation) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  EXPECT_FALSE(index.Add(1, Text(Join(p, 0, 6))).has_value());
  std::string copy = Join(p, 0, 6);
  for (char& c : copy) {
    if (c == '\n') c = ' ';
    if (c == ',') c = ';';
  }
  const auto m = index.Add(2, Text(copy));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 1);
  EXPECT_EQ(m->relation, Relation::kExact);
  EXPECT_EQ(m->score, 1.0);
  EXPECT_EQ(index.size(), 2u);
}

TEST(DuplicateIndexTest, NearCopyWithOtherChrome) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  ASSERT_FALSE(index.Add(1, Text(Join(p, 0, 8))).has_value());
  const std::string chrome =
      "Home | World | Politics\nSign up for our newsletter\nShare this article\n\n" +
      Join(p, 0, 8) + "Related: Ten things to know about the week\nAll rights reserved 2025\n";
  const auto m = index.Add(2, Text(chrome));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 1);
  EXPECT_EQ(m->relation, Relation::kNear);
  EXPECT_GE(m->score, 0.8);
}

TEST(DuplicateIndexTest, NearCopyTrimmedRetitledAndWithTypos) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  ASSERT_FALSE(index.Add(1, Text("Russia briefing\n\n" + Join(p, 0, 9))).has_value());
  // First and last paragraphs dropped, another title, three words misspelt.
  std::string trimmed = "Kremlin on mobilization\n\n" + Join(p, 1, 8);
  for (const char* word : {"briefing", "Moscow", "corridor"}) {
    const size_t at = trimmed.find(word);
    ASSERT_NE(at, std::string::npos) << word;
    std::swap(trimmed[at + 1], trimmed[at + 2]);
  }
  const auto m = index.Add(2, Text(trimmed));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 1);
  EXPECT_EQ(m->relation, Relation::kNear);
}

TEST(DuplicateIndexTest, UnrelatedTextOfTheSameSourceIsNotACopy) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  ASSERT_FALSE(index.Add(1, Text(Join(p, 0, 4))).has_value());
  EXPECT_FALSE(index.Add(2, Text(Join(p, 5, 9))).has_value());
}

TEST(DuplicateIndexTest, ParaphraseOfSeed004IsARewrite) {
  DuplicateIndex index;
  ASSERT_FALSE(index.Add(4, Text(Seed004Body())).has_value());
  const auto m = index.Add(2, Text(Seed002Body()));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 4);
  EXPECT_EQ(m->relation, Relation::kRewrite);
  EXPECT_GE(m->score, 0.5);
  EXPECT_LT(m->score, 1.0);
}

TEST(DuplicateIndexTest, IndependentReportsOfOneBriefingAreNotRelated) {
  DuplicateIndex index;
  EXPECT_FALSE(index.Add(0, Text(Seed("000_68ef8a0b26c085fc.txt"))).has_value());
  EXPECT_FALSE(index.Add(1, Text(Seed("001_4732aee553240bac.txt"))).has_value());
  EXPECT_FALSE(index.Add(3, Text(Seed("003_2f87dc2640e37137.txt"))).has_value());
  EXPECT_FALSE(index.Add(4, Text(Seed004Body())).has_value());
  // The paraphrase still finds its original among the other Kremlin stories.
  const auto m = index.Add(2, Text(Seed002Body()));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 4);
}

TEST(DuplicateIndexTest, CopyOfACopyPointsToTheFirstArticle) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  ASSERT_GE(p.size(), 9u);
  const std::string a = Join(p, 0, 3);
  const std::string b = Join(p, 0, 7);  // extended: contains all of a
  const std::string c = Join(p, 3, 7) + "Read more about the briefing on our site";  // trimmed b
  ASSERT_FALSE(index.Add(10, Text(a)).has_value());
  const auto mb = index.Add(11, Text(b));
  ASSERT_TRUE(mb.has_value());
  EXPECT_EQ(mb->original_id, 10);
  const auto mc = index.Add(12, Text(c));
  ASSERT_TRUE(mc.has_value());
  EXPECT_EQ(mc->original_id, 10);
  EXPECT_EQ(mc->relation, Relation::kNear);
  // An exact copy of the near copy also reports the first article, and is near to it.
  const auto md = index.Add(13, Text(c));
  ASSERT_TRUE(md.has_value());
  EXPECT_EQ(md->original_id, 10);
  EXPECT_EQ(md->relation, Relation::kNear);
}

TEST(DuplicateIndexTest, ACopyOfARewriteIsARewriteOfTheOriginal) {
  DuplicateIndex index;
  ASSERT_FALSE(index.Add(4, Text(Seed004Body())).has_value());
  ASSERT_TRUE(index.Add(2, Text(Seed002Body())).has_value());
  const auto m = index.Add(5, Text("Share this\n" + Seed002Body() + "Follow us\n"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 4);
  EXPECT_EQ(m->relation, Relation::kRewrite);
}

TEST(DuplicateIndexTest, RestoreKeepsKnownRelationsWithoutMatching) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  index.Restore(1, Text(Join(p, 0, 6)), std::nullopt);
  index.Restore(2, Text(Join(p, 0, 7)), 1);
  // Restore does not match: an exact copy restored as original stays original...
  index.Restore(3, Text(Join(p, 0, 6)), std::nullopt);
  EXPECT_EQ(index.size(), 3u);
  // ...and later copies report the earliest article of the group: a copy of the restored
  // duplicate (whose relation Restore counts as near) is near to 1, a copy of 1 exact.
  const auto m = index.Add(4, Text(Join(p, 0, 7)));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 1);
  EXPECT_EQ(m->relation, Relation::kNear);
  const auto n = index.Add(5, Text(Join(p, 0, 6)));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->original_id, 1);
  EXPECT_EQ(n->relation, Relation::kExact);
}

TEST(DuplicateIndexTest, RestoreWithAnOriginalOutsideTheIndex) {
  DuplicateIndex index;
  const std::vector<std::string> p = Paragraphs003();
  index.Restore(7, Text(Join(p, 2, 8)), 3);  // 3 was evicted or never loaded
  const auto m = index.Add(8, Text(Join(p, 2, 8)));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 3);
}

TEST(DuplicateIndexTest, RewritesAreLookedForOnlyWithinTheWindow) {
  {
    DuplicateIndex index;
    ASSERT_FALSE(index.Add(4, Text(Seed004Body(), "2025-07-11")).has_value());
    EXPECT_FALSE(index.Add(2, Text(Seed002Body(), "2025-08-11")).has_value());
  }
  {
    DuplicateIndex index;
    ASSERT_FALSE(index.Add(4, Text(Seed004Body(), "2025-07-11")).has_value());
    const auto m = index.Add(2, Text(Seed002Body(), "2025-07-12T08:00:00Z"));
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->relation, Relation::kRewrite);
  }
  {  // Undated on either side: no window.
    DuplicateIndex index;
    ASSERT_FALSE(index.Add(4, Text(Seed004Body(), "2025-07-11")).has_value());
    const auto m = index.Add(2, Text(Seed002Body()));
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->relation, Relation::kRewrite);
  }
  {  // Copies have no window.
    DuplicateIndex index;
    ASSERT_FALSE(index.Add(4, Text(Seed004Body(), "2025-07-11")).has_value());
    const auto m = index.Add(5, Text(Seed004Body() + "\nShare this\n", "2026-07-11"));
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->relation, Relation::kNear);
  }
}

TEST(DuplicateIndexTest, EmptyAndTinyTextsAreNeverCopiesOfEachOther) {
  DuplicateIndex index;
  EXPECT_FALSE(index.Add(1, Text("")).has_value());
  EXPECT_FALSE(index.Add(2, Text("  \n ")).has_value());
  EXPECT_FALSE(index.Add(3, Text("Sign up")).has_value());
  EXPECT_FALSE(index.Add(4, Text("Sign in")).has_value());
  // The same short text is still an exact copy.
  const auto m = index.Add(5, Text("sign UP!"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original_id, 3);
}

TEST(DuplicateIndexTest, MemoryGrowsWithTheIndexAndMovesWithIt) {
  DuplicateIndex index;
  const size_t empty = index.MemoryBytes();
  const std::vector<std::string> p = Paragraphs003();
  for (int i = 0; i < 8; ++i) (void)index.Add(i, Text(Join(p, static_cast<size_t>(i), 9)));
  EXPECT_GT(index.MemoryBytes(), empty);
  DuplicateIndex moved = std::move(index);
  EXPECT_EQ(moved.size(), 8u);
}

}  // namespace
}  // namespace storyline::dedup
