#include "text/hash.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace storyline::text {
namespace {

TEST(HashTest, NormalizesCasePunctuationAndSpace) {
  EXPECT_EQ(NormalizeForHash("  Peskov SAID: \"Yes!\"\n\nNo."), "peskov said yes no");
  EXPECT_EQ(NormalizeForHash("Straße"), "strasse");
  EXPECT_EQ(NormalizeForHash("ｆｕｌｌ width"), "full width");
}

TEST(HashTest, SameWordsSameHashOtherWordsOtherHash) {
  const std::string a = ContentHash("The Kremlin said, on Friday, that talks continue.");
  const std::string b = ContentHash("the kremlin said on friday that talks continue");
  const std::string c = ContentHash("The Kremlin said on Friday that talks stopped.");
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(HashTest, AsciiFastPathGivesTheBytesIcuGives) {
  // Characters that combine with the ASCII one before them ("e" + U+0301, "<" + U+0338 → "≮"),
  // that NFKC expands or folds, default ignorables (U+00AD, U+200D) and plain ASCII.
  const std::vector<std::string> pieces = {
      "e",      "E",      "<",          "=",      " ",      ".",      "\"",     "'",      "9",
      "Zz",     "\n",     "\t",         "-",      "\u0301", "\u0338", "\u0308", "\u00e9", "\u00c5",
      "\ufb01", "\u00df", "\u0130",     "\u03a3", "\u00ad", "\u200d", "\uff21", "\u2460", "\u4e2d",
      "\u00a0", "\u2019", "\U0001F600", "\u1100", "\u1161", "\u0b47", "\u0b3e", "A\u030a"};
  std::mt19937 rng(7);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const size_t count = 1 + rng() % 30;
    for (size_t k = 0; k < count; ++k) text += pieces[rng() % pieces.size()];
    ASSERT_EQ(NormalizeForHash(text), NormalizeForHashWithIcu(text)) << text;
  }
  EXPECT_EQ(NormalizeForHash("cafe\u0301 au lait"), "caf\u00e9 au lait");
  EXPECT_EQ(NormalizeForHash("a<\u0338b"), "a b");  // "≮" is not a letter
}

}  // namespace
}  // namespace storyline::text
