#include "extract/boilerplate.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline::extract {
namespace {

TEST(BoilerplateTest, ChromeLabelsAreChrome) {
  for (const char* s :
       {"Sign Up", "  sign up ", "Hashtags", "Comments (12)", "Advertisement", "No comments yet...",
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
                        "More from Sputnik", "Previous Article", "Next Article", "Latest news",
                        "Post navigation", "Previous Post:2012 Harley-Davidson Fatboy 1800",
                        "Next Post: Tech Level course to help young mechanics"}) {
    EXPECT_TRUE(IsRelatedMarker(s)) << s;
  }
  for (const char* s : {"Related to the matter, Peskov said nothing.", "Moreover", "Russia",
                        "Previous posts on this blog covered the same council meeting."}) {
    EXPECT_FALSE(IsRelatedMarker(s)) << s;
  }
}

TEST(BoilerplateTest, ImageFurnitureIsChrome) {
  for (const char* s : {"Caption", "Back to Gallery", "Advert", "less", "More", "Image 1 of 5",
                        "Photo 12 of 30", "Photo: Jane Doe, AP", "(Image credit: Blue Origin)",
                        "Protesters have worn masks to protect their identities (Image: GETTY )",
                        "This slideshow requires JavaScript."}) {
    EXPECT_TRUE(IsChrome(s)) << s;
  }
  for (const char* s : {"Image 1 of the series shows the delta from above, before the flood.",
                        "Photo albums from the 1950s were found in the attic (and kept).",
                        "The minister (photo: left) spoke for an hour about the budget, which "
                        "cuts spending on roads and raises it for schools, libraries and parks "
                        "across the whole region over the next five years, and then took "
                        "questions from reporters about the cuts, the schools, the parks and "
                        "the roads, one by one, for another hour, until the lights went out."}) {
    EXPECT_FALSE(IsChrome(s)) << s;
  }
}

TEST(BoilerplateTest, RelatedMarkersInOtherLanguagesAndCases) {
  for (const char* s : {"RECENT ARTICLES", "Popular this week", "Você pode gostar...",
                        "À LIRE AUSSI", "Lesen Sie auch", "Читайте также:", "ЧИТАЙТЕ ТАКЖЕ",
                        "Самые популярные диеты", "関連記事"}) {
    EXPECT_TRUE(IsRelatedMarker(s)) << s;
  }
  for (const char* s : {"Recent articles in the journal show a sharp rise in cases.",
                        "Lire aussi les commentaires de nos lecteurs avant de voter demain"}) {
    EXPECT_FALSE(IsRelatedMarker(s)) << s;
  }
}

TEST(BoilerplateTest, BareAddresses) {
  for (const char* s : {"paul.takahashi@chron.com", "twitter.com/paultakahashi", "@tariqjmalik",
                        "https://example.com/a", "www.example.org"}) {
    EXPECT_TRUE(IsBareAddress(s)) << s;
  }
  for (const char* s : {"Email Jane at jane@paper.com for tips.", "and/or", "3.5/10", ""}) {
    EXPECT_FALSE(IsBareAddress(s)) << s;
  }
}

TEST(BoilerplateTest, ClassAndIdTokens) {
  EXPECT_TRUE(IsBoilerplateClassOrId("wp-caption-text"));
  EXPECT_TRUE(IsBoilerplateClassOrId("photo-credit"));
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

TEST(BoilerplateTest, ClassTokensMatchCaseInsensitively) {
  EXPECT_TRUE(IsBoilerplateClassOrId("Share-Bar"));
  EXPECT_TRUE(IsBoilerplateClassOrId("post SIDEBAR"));
  EXPECT_TRUE(IsBoilerplateClassOrId("js_comments_box"));
  EXPECT_FALSE(IsBoilerplateClassOrId("article-body headline"));
  EXPECT_FALSE(IsBoilerplateClassOrId("shared-content"));  // "shared" is not "share"
  // A forum post's author card and signature.
  EXPECT_TRUE(IsBoilerplateClassOrId("message-userExtras"));
  EXPECT_TRUE(IsBoilerplateClassOrId("postprofile"));
  EXPECT_TRUE(IsBoilerplateClassOrId("post-signature"));
  EXPECT_FALSE(IsBoilerplateClassOrId("message-body"));
}

TEST(BoilerplateTest, ForumMemberStatsAreChrome) {
  for (const char* s :
       {"Posts: 1,234", "Joined: Feb 2015", "Join Date: Aug 2009",
        "Messages:", "Likes received: 80", "Trophy points: 3", "12 likes", "Reply 4",
        "Posts: 45 Threads: 3 Joined: Feb 2015 Reputation: 12", "Reaction score: 1.2k"}) {
    EXPECT_TRUE(IsChrome(s)) << s;
  }
  for (const char* s : {"Posts are checked by a moderator before they appear.", "May 2015",
                        "Score: 3-1", "Joined the club in 2015 and never left"}) {
    EXPECT_FALSE(IsChrome(s)) << s;
  }
}

TEST(BoilerplateTest, WidgetIsNotChromeByItsNameAndCallToActionIs) {
  EXPECT_FALSE(IsBoilerplateClassOrId("elementor-widget-container"));
  EXPECT_FALSE(IsBoilerplateClassOrId("ck-widget"));
  EXPECT_TRUE(IsBoilerplateClassOrId("smg-zone-widget-custom-cta-letter"));
  EXPECT_FALSE(IsBoilerplateClassOrId("octagon"));  // "cta" is a whole part, not a substring
}

TEST(BoilerplateTest, OverlayClassAndIdTokens) {
  EXPECT_TRUE(IsOverlayClassOrId("onetrust-consent-sdk"));
  EXPECT_TRUE(IsOverlayClassOrId("Cookie-Banner"));
  EXPECT_TRUE(IsOverlayClassOrId("newsletter-modal"));
  EXPECT_TRUE(IsOverlayClassOrId("exit_popup"));
  EXPECT_FALSE(IsOverlayClassOrId("ImageIconGrid__modallink-wrap"));  // opens one, is none
  EXPECT_FALSE(IsOverlayClassOrId("ot-pc-content"));
  EXPECT_FALSE(IsOverlayClassOrId(""));
}

TEST(BoilerplateTest, LongBlocksAreNeverLabels) {
  std::string prose;
  for (int i = 0; i < 70; ++i) prose += "word ";
  EXPECT_FALSE(IsChrome("Share " + prose));
  EXPECT_FALSE(IsRelatedMarker("Related " + prose));
  EXPECT_FALSE(IsRelativeAge(prose + "ago"));
  EXPECT_FALSE(IsBareAddress("jane@paper.com and " + prose));
  EXPECT_TRUE(IsBareAddress("jane@paper.com"));
  EXPECT_TRUE(IsRelativeAge("18 minutes ago"));
}

TEST(BoilerplateTest, NameShapedWords) {
  EXPECT_TRUE(IsNameShaped("Jane Doe"));
  EXPECT_TRUE(IsNameShaped("Ellen van der Berg"));
  EXPECT_TRUE(IsNameShaped("paulb203"));  // one word: a handle
  EXPECT_FALSE(IsNameShaped("Posted on"));
  EXPECT_FALSE(IsNameShaped("blogger specializing in bread"));
}

TEST(BoilerplateTest, BylineLabels) {
  for (const char* label : {"By", "Written By", "author:", " Contributors: "}) {
    EXPECT_TRUE(IsBylineLabel(label)) << label;
  }
  for (const char* text : {"By Jane Doe", "Bypass", "Authority", ""}) {
    EXPECT_FALSE(IsBylineLabel(text)) << text;
  }
}

// A job title beside a name, as a whole word: a team's or a desk's name holds none.
TEST(BoilerplateTest, AuthorRolesAreWholeWords) {
  EXPECT_EQ(FindAuthorRole("Sean Peek, Senior Analyst"), 18u);
  EXPECT_EQ(FindAuthorRole("Executive Digital Editor"), 18u);
  EXPECT_EQ(FindAuthorRole("Moscow correspondent"), 7u);
  for (const char* name : {"Great Day Editorial Team", "The Currency editors", "Jane Doe"}) {
    EXPECT_EQ(FindAuthorRole(name), std::string_view::npos) << name;
  }
}

TEST(BoilerplateTest, MenuFacets) {
  for (const char* facet : {"Industry", "use case", "COMPANY SIZE", "Wine Region:", "Category"}) {
    EXPECT_TRUE(IsMenuFacet(facet)) << facet;
  }
  for (const char* name : {"Jane Doe", "Industry Dive", "Great Day Editorial Team", ""}) {
    EXPECT_FALSE(IsMenuFacet(name)) << name;
  }
  EXPECT_TRUE(IsChrome("Table of Contents"));
}

// A consent banner is chrome however long; a story's sentence about cookies is not.
TEST(BoilerplateTest, ConsentBannersAreChrome) {
  EXPECT_TRUE(IsChrome(
      "This website uses cookies to improve your experience while you navigate through the "
      "website. Out of these, the cookies that are categorized as necessary are stored on your "
      "browser as they are essential for the working of basic functionalities of the website. We "
      "also use third-party cookies that help us analyze and understand how you use this "
      "website."));
  EXPECT_TRUE(
      IsChrome("In order to give you the best experience, we use cookies and similar "
               "technologies for performance, analytics, personalization, advertising, "
               "and to help our site function. Want to know more? Read our Cookie Policy. "
               "You can change your preferences any time in your Privacy Settings."));
  EXPECT_FALSE(
      IsChrome("Google said on Tuesday that it would stop phasing out third-party "
               "cookies in Chrome, reversing a plan that advertisers had fought for years "
               "and that regulators in Britain had examined closely."));
}

TEST(BoilerplateTest, BylineAsWrittenKeepsThePagesConjunctions) {
  EXPECT_EQ(
      BylineAsWritten("By Ann Lee, Bo Chen and Cy Diaz | May 2", {"Ann Lee", "Bo Chen", "Cy Diaz"}),
      "Ann Lee, Bo Chen and Cy Diaz");
  EXPECT_EQ(BylineAsWritten("Ann Lee & Bo Chen", {"Ann Lee", "Bo Chen"}), "Ann Lee & Bo Chen");
  // Other words between the names, or a name missing: not one byline.
  EXPECT_EQ(BylineAsWritten("Ann Lee reports; photos by Bo Chen", {"Ann Lee", "Bo Chen"}), "");
  EXPECT_EQ(BylineAsWritten("Ann Lee", {"Ann Lee", "Bo Chen"}), "");
}

}  // namespace
}  // namespace storyline::extract
