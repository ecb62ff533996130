#include "extract/boilerplate.h"

#include <gtest/gtest.h>

namespace storyline::extract {
namespace {

TEST(BoilerplateTest, ChromeLabelsAreChrome) {
  for (const char* s : {"Sign Up", "  sign up ", "Hashtags",
                        "Comments (12)", "Advertisement", "No comments yet...",
                        "Sign in or create a free ReOpen Media account to post commentsSign Up",
                        "Subscribe to our newsletter", "Share this article"}) {
    EXPECT_TRUE(IsChrome(s)) << s;
  }
}

TEST(BoilerplateTest, ProseIsNotChrome) {
  for (const char* s :
       {"Share prices fell sharply on Monday after the central bank raised rates.",
        "Peskov noted that the Kremlin refrains from assessing them.", "Sign",
        "Follow the money, investigators said, and you will find the culprits in three "
        "different countries across two continents and several decades of history."}) {
    EXPECT_FALSE(IsChrome(s)) << s;
  }
}

TEST(BoilerplateTest, RelatedMarkers) {
  for (const char* s : {"Related Reads", "You may also like", "Related Articles", "READ MORE:",
                        "More from Sputnik", "Previous Article", "Next Article", "Latest news"}) {
    EXPECT_TRUE(IsRelatedMarker(s)) << s;
  }
  for (const char* s : {"Related to the matter, Peskov said nothing.", "Moreover", "Russia"}) {
    EXPECT_FALSE(IsRelatedMarker(s)) << s;
  }
}

TEST(BoilerplateTest, ClassAndIdTokens) {
  EXPECT_TRUE(IsBoilerplateClassOrId("share-bar"));
  EXPECT_TRUE(IsBoilerplateClassOrId("post related_posts"));
  EXPECT_TRUE(IsBoilerplateClassOrId("Cookie-Banner"));
  EXPECT_FALSE(IsBoilerplateClassOrId("article-body"));
  EXPECT_FALSE(IsBoilerplateClassOrId("shareholder-news"));
  EXPECT_FALSE(IsBoilerplateClassOrId("headline"));
}

TEST(BoilerplateTest, RelativeAges) {
  EXPECT_TRUE(IsRelativeAge("18 minutes ago"));
  EXPECT_TRUE(IsRelativeAge("an hour ago"));
  EXPECT_TRUE(IsRelativeAge("Yesterday"));
  EXPECT_FALSE(IsRelativeAge("Russia Today"));
  EXPECT_FALSE(IsRelativeAge("He left the party long ago"));
}

}  // namespace
}  // namespace storyline::extract
