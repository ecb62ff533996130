#include "extract/page_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace storyline::extract {
namespace {

bool Has(const std::vector<std::string>& blocks, const std::string& block) {
  return std::find(blocks.begin(), blocks.end(), block) != blocks.end();
}

bool AnyContains(const std::vector<std::string>& blocks, const std::string& part) {
  return std::any_of(blocks.begin(), blocks.end(),
                     [&](const std::string& b) { return b.find(part) != std::string::npos; });
}

const char* kChrome = R"(
  <header class="site-header"><a href="/">Acme</a><a href="/shop">Shop</a></header>
  <nav><ul><li><a href="/a">Alpha section</a></li><li><a href="/b">Beta section</a></li></ul></nav>
  <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
)";
const char* kFooter = R"(
  <aside class="sidebar"><h3>Popular</h3><a href="/p">A popular story elsewhere on the site</a></aside>
  <footer><p>Copyright 2025 Acme Corporation. All rights reserved.</p></footer>
  <script>var tracking = "never content";</script>
)";

std::string Page(const std::string& head, const std::string& main) {
  return "<html><head><title>t</title>" + head + "</head><body>" + kChrome + main + kFooter +
         "</body></html>";
}

void ExpectNoChrome(const std::vector<std::string>& blocks) {
  EXPECT_FALSE(AnyContains(blocks, "Alpha section"));
  EXPECT_FALSE(AnyContains(blocks, "cookies"));
  EXPECT_FALSE(AnyContains(blocks, "popular story"));
  EXPECT_FALSE(AnyContains(blocks, "Copyright"));
  EXPECT_FALSE(AnyContains(blocks, "tracking"));
}

TEST(PageExtractorTest, ListingKeepsItemTitlesAndSnippets) {
  std::string items;
  for (int i = 1; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    items += "<li class=\"card\"><h2><a href=\"/course/" + n + "\">Course number " + n +
             " in data engineering</a></h2><p>Learn pipelines and warehouses, part " + n +
             " of the track.</p></li>";
  }
  const std::string html =
      Page("", "<main><h1>Data engineering courses</h1><ul>" + items + "</ul></main>");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->blocks.front(), "Data engineering courses");
  EXPECT_TRUE(Has(r->blocks, "Course number 1 in data engineering"));
  EXPECT_TRUE(Has(r->blocks, "Learn pipelines and warehouses, part 6 of the track."));
  EXPECT_FALSE(r->declares_article);
  ExpectNoChrome(r->blocks);
}

TEST(PageExtractorTest, ForumThreadKeepsEveryPost) {
  const std::string html = Page("", R"(
    <div id="content"><div class="question">
      <h1>How should I prepare for my first catering event?</h1>
      <div class="post"><p>I am starting a catering service and my first event is for forty
        people. What am I missing?</p></div></div>
    <div class="answers">
      <div class="post"><p>Check everything, then check it again. Test your recipes in
        advance.</p><span class="share"><a href="#">Share</a></span></div>
      <div class="post"><p>Scout the location first and make sure you have the burner space
        you need.</p></div>
    </div></div>)");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(Has(r->blocks, "How should I prepare for my first catering event?"));
  EXPECT_TRUE(AnyContains(r->blocks, "first event is for forty people"));
  EXPECT_TRUE(AnyContains(r->blocks, "Check everything, then check it again."));
  EXPECT_TRUE(AnyContains(r->blocks, "Scout the location first"));
  EXPECT_FALSE(Has(r->blocks, "Share"));
  ExpectNoChrome(r->blocks);
}

TEST(PageExtractorTest, ForumPostsDropAuthorCardsAndSignatures) {
  std::string posts;
  for (int i = 1; i <= 3; ++i) {
    posts += "<div class=\"post\"><dl class=\"postprofile\"><dt>member" + std::to_string(i) +
             "</dt><dd>Posts: 4032</dd><dd>Joined: Dec 2021</dd></dl>"
             "<div class=\"content\"><p>Reply number " + std::to_string(i) +
             ": the ferry timetable changes in spring, so check the harbour office first.</p>"
             "</div><div class=\"signature\">My boat is faster than yours, sig " +
             std::to_string(i) + "</div></div>";
  }
  const std::string html = Page("", "<div id=\"thread\"><h1>Ferry times?</h1>" + posts + "</div>");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(AnyContains(r->blocks, "Reply number 1"));
  EXPECT_TRUE(AnyContains(r->blocks, "Reply number 3"));
  EXPECT_FALSE(AnyContains(r->blocks, "Posts: 4032"));
  EXPECT_FALSE(AnyContains(r->blocks, "My boat is faster"));
}

TEST(PageExtractorTest, ProductKeepsDescriptionAndSpecsButNotOverlays) {
  const std::string html = Page(R"(<meta property="og:type" content="product">)", R"(
    <div class="product"><h1>Wool Runner</h1>
      <p>A true original: soft merino wool with cloud-like comfort for all-day wear.</p>
      <form class="buy"><select><option>Size 9</option></select><button>Add to cart</button></form>
      <table><tr><th>Material</th><td>Merino wool</td></tr>
             <tr><th>Weight</th><td>250 g</td></tr></table></div>
    <div id="modal-terms" class="fixed"><p>These terms of use apply to your access to our online
      services. They are long and legal and never the product's description, however much of
      this text there is on the page, which can be a lot of text indeed.</p></div>)");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(Has(r->blocks, "Wool Runner"));
  EXPECT_TRUE(AnyContains(r->blocks, "soft merino wool"));
  EXPECT_TRUE(Has(r->blocks, "Material Merino wool"));  // a table row is one line
  EXPECT_TRUE(Has(r->blocks, "Weight 250 g"));
  EXPECT_FALSE(AnyContains(r->blocks, "Add to cart"));
  EXPECT_FALSE(AnyContains(r->blocks, "terms of use"));
  ExpectNoChrome(r->blocks);
}

TEST(PageExtractorTest, ProductDropsSwatchesWishlistAndQuantityWidgets) {
  const std::string html = Page("", R"(
    <div class="product"><h1>Linen Shirt</h1>
      <p>Breathable washed linen with a relaxed cut, made to be worn all summer long.</p>
      <div class="color-swatches"><span>Sand</span><span>Olive</span><span>Navy</span></div>
      <div class="product-qty"><span>Quantity</span><span>1</span></div>
      <div class="wishlist-link"><span>Save to my favourites</span></div>
      <div class="minicart"><span>Your bag is empty</span></div>
      <p>Machine wash cold; tumble dry low; iron while damp for a crisp finish.</p></div>)");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(AnyContains(r->blocks, "washed linen"));
  EXPECT_TRUE(AnyContains(r->blocks, "Machine wash cold"));
  EXPECT_FALSE(AnyContains(r->blocks, "Olive"));
  EXPECT_FALSE(AnyContains(r->blocks, "Quantity"));
  EXPECT_FALSE(AnyContains(r->blocks, "favourites"));
  EXPECT_FALSE(AnyContains(r->blocks, "bag is empty"));
}

TEST(PageExtractorTest, SkipsTheWidgetARecommendationHeadingLeads) {
  std::string recs;
  for (int i = 1; i <= 3; ++i) {
    recs += "<div class=\"tile\"><a href=\"/p/" + std::to_string(i) + "\">Other lamp model " +
            std::to_string(i) + "</a><span>$40</span></div>";
  }
  const std::string description =
      "<p>A brass desk lamp with a weighted base and an arm that holds any angle you set.</p>"
      "<p>The warm LED lasts for years and dims smoothly from reading light to night light.</p>"
      "<p>Each lamp is assembled by hand and tested before it leaves our workshop.</p>";
  const std::string html =
      Page("", "<div class=\"product\"><h1>Brass Desk Lamp</h1>" + description +
                   "<h2>Specifications</h2><p>Height 45 cm, cable 1.8 m, bulb included.</p>"
                   "<section><div class=\"head\"><h2>Customers also viewed</h2></div>"
                   "<div class=\"row\">" +
                   recs + "</div></section></div>");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(AnyContains(r->blocks, "weighted base"));
  EXPECT_TRUE(Has(r->blocks, "Specifications"));  // an ordinary heading is kept
  EXPECT_TRUE(AnyContains(r->blocks, "Height 45 cm"));
  EXPECT_FALSE(AnyContains(r->blocks, "Customers also viewed"));
  EXPECT_FALSE(AnyContains(r->blocks, "Other lamp model"));
  EXPECT_FALSE(AnyContains(r->blocks, "$40"));
}

TEST(PageExtractorTest, KeepsARecommendationHeadingThatLeadsMostOfThePage) {
  // A page that is itself a list of suggestions keeps them: the widget must be a small part.
  std::string items;
  for (int i = 1; i <= 5; ++i) {
    items += "<li><a href=\"/g/" + std::to_string(i) + "\">Gift idea number " + std::to_string(i) +
             " for a keen gardener</a><p>Useful, durable and well made, idea " + std::to_string(i) +
             ".</p></li>";
  }
  const std::string html =
      Page("",
           "<div class=\"content\"><p>Our gardeners chose these gifts for the season, "
           "from tools to seeds, and wrote a line about each one.</p>"
           "<div class=\"gifts\"><h2>You may also like</h2><ul>" +
               items + "</ul></div></div>");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(Has(r->blocks, "Gift idea number 1 for a keen gardener"));
  EXPECT_TRUE(Has(r->blocks, "Gift idea number 5 for a keen gardener"));
}

TEST(PageExtractorTest, ReadsContentAfterAStrayEndOfDocument) {
  // A template printed the page's end tags before its content: libxml2 would stop at </html>.
  const std::string html =
      "<html><body><nav><a href=/>Home</a></nav></body></html>\n"
      "<div class=\"blog\"><h1>Six kinds of outsourcing</h1><p>When defined in the simplest way "
      "possible, human resources is about people and the work they do.</p></div>";
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(Has(r->blocks, "Six kinds of outsourcing"));
  EXPECT_TRUE(AnyContains(r->blocks, "human resources is about people"));
}

TEST(PageExtractorTest, KeepsProseNestedInsideAMenuByBrokenMarkup) {
  // An unclosed menu item swallows the article: its prose outweighs its class name.
  const std::string html =
      "<body><ul class=\"menu\"><li class=\"menu-item\"><a href=/a>About</a>"
      "<div><p>This paragraph is the page's content, long enough to read as prose rather than "
      "a label, and it ended up inside the menu because the markup never closed the item.</p>"
      "</div></ul></body>";
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(AnyContains(r->blocks, "This paragraph is the page's content"));
}

TEST(PageExtractorTest, SaysWhenThePageDeclaresAnArticle) {
  const std::string html = Page(
      R"(<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x"}</script>)",
      "<article><h1>Pier opens</h1><p>The harbour authority said the pier opens in spring.</p>"
      "</article>");
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->declares_article);
  EXPECT_EQ(r->blocks.front(), "Pier opens");
}

TEST(PageExtractorTest, RepeatedBlocksAppearOnce) {
  const std::string html =
      "<body><main><p>Free returns within thirty days on every order.</p><div><p>Free returns "
      "within thirty days on every order.</p></div><p>Other text.</p></main></body>";
  Result<PageContent> r = ExtractMainContent(html, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(std::count(r->blocks.begin(), r->blocks.end(),
                       "Free returns within thirty days on every order."),
            1);
}

TEST(PageExtractorTest, AllChromeIsNoText) {
  const std::string html =
      "<body><nav><a href=/>Home</a></nav><footer>Copyright Acme</footer></body>";
  EXPECT_EQ(ExtractMainContent(html, {}).status().code(), StatusCode::kBadInput);
  EXPECT_EQ(ExtractMainContent("", {}).status().code(), StatusCode::kBadInput);
}

TEST(PageExtractorTest, DeepNestingIsCutNotRecursed) {
  std::string html = "<body><p>Shallow text before the deep part.</p>";
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "deep";
  ExtractOptions options;
  options.max_dom_depth = 64;
  Result<PageContent> r = ExtractMainContent(html, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(Has(r->blocks, "Shallow text before the deep part."));
  EXPECT_FALSE(Has(r->blocks, "deep"));
}

}  // namespace
}  // namespace storyline::extract
