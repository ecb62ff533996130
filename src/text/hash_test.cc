#include "text/hash.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace storyline::text
