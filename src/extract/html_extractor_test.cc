#include "extract/html_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace storyline::extract {
namespace {

constexpr int64_t kNow = 1762517000;  // 2025-11-07T12:03:20Z

std::string ReadFixture(const std::string& name) {
  const std::string path = std::string(STORYLINE_SOURCE_DIR) + "/testdata/extract/html/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Extraction MustExtract(const std::string& html, const std::string& url = "") {
  ExtractOptions options;
  options.url = url;
  options.now_unix = kNow;
  Result<Extraction> r = ExtractHtml(html, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Extraction{};
}

bool AnyParagraphContains(const Article& a, const std::string& needle) {
  return std::any_of(a.paragraphs.begin(), a.paragraphs.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

std::vector<std::string> RelatedUrls(const Extraction& e) {
  std::vector<std::string> urls;
  for (const RelatedItem& r : e.related) urls.push_back(r.url);
  return urls;
}

// A page wrapped around `head` and a body of three real paragraphs.
std::string Page(const std::string& head, const std::string& body_extra = "") {
  return "<html><head>" + head + "</head><body><article>" + body_extra +
         "<p>The council met on Tuesday evening to discuss the new budget, which cuts spending on "
         "roads and raises it for schools, libraries and parks.</p>"
         "<p>Several members said the plan was rushed, and the vote was put off until next month "
         "so that residents can comment on it first.</p>"
         "<p>The mayor said she was confident the budget would pass in the end.</p>"
         "</article></body></html>";
}

// ---------------------------------------------------------------------------------------------
// A realistic article page: JSON-LD in @graph, og tags, navigation, share bar, cookie banner,
// newsletter box, comments and related lists.

class NewsArticleFixture : public ::testing::Test {
 protected:
  void SetUp() override { e_ = MustExtract(ReadFixture("news_article.html")); }
  Extraction e_;
};

TEST_F(NewsArticleFixture, Metadata) {
  const Article& a = e_.article;
  EXPECT_EQ(e_.kind, PageKind::kArticle);
  EXPECT_EQ(a.title, "Harbour bridge reopens after two-year repair");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(a.published->ToIso8601(), "2025-11-07T12:20:00+03:00");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Maria Lopez", "Tom O'Brien"}));
  EXPECT_EQ(a.outlet, "The Coastal Herald");
  EXPECT_EQ(a.url, "https://www.coastalherald.example/news/2025/11/07/harbour-bridge-reopens");
  EXPECT_EQ(a.canonical_url, a.url);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Transport", "Harbour", "Infrastructure", "bridges",
                                              "city council"}));
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(e_.lead_image, "https://www.coastalherald.example/images/bridge-lead.jpg");
  EXPECT_EQ(e_.description,
            "The old harbour bridge carries traffic again after a repair that ran a year late.");
}

TEST_F(NewsArticleFixture, ParagraphsInOrderWithoutChrome) {
  const std::vector<std::string>& p = e_.article.paragraphs;
  ASSERT_EQ(p.size(), 7u);
  EXPECT_EQ(p[0].rfind("The old harbour bridge opened to traffic again", 0), 0u);
  EXPECT_EQ(p[1].rfind("Engineers replaced the steel deck", 0), 0u);
  EXPECT_EQ(p[2], "Delays and costs");
  EXPECT_EQ(p[3].rfind("The work was delayed", 0), 0u);
  // Inline links keep their text inside the paragraph.
  EXPECT_NE(p[4].find("a full account of the costs in a report next month."), std::string::npos);
  EXPECT_EQ(p[5].rfind("Local shop owners", 0), 0u);
  EXPECT_EQ(p[6].rfind("The first bus crossed the bridge", 0), 0u);
  for (const char* chrome : {"cookies", "Share on", "Copy link", "newsletter", "morning briefing",
                             "Advertisement", "Finally!", "Photo:", "All rights reserved",
                             "Ring road traffic jams", "Related Articles", "By Maria"}) {
    EXPECT_FALSE(AnyParagraphContains(e_.article, chrome)) << chrome;
  }
}

TEST_F(NewsArticleFixture, RelatedItemsSplitOff) {
  const std::vector<std::string> urls = RelatedUrls(e_);
  for (const char* expected :
       {"https://www.coastalherald.example/news/2025/10/01/ring-road-traffic-jams",
        "https://www.coastalherald.example/news/2025/09/12/steel-shortage",
        "https://www.coastalherald.example/news/2025/11/06/ferry-timetable"}) {
    EXPECT_NE(std::find(urls.begin(), urls.end(), expected), urls.end()) << expected;
  }
  for (const RelatedItem& r : e_.related) {
    if (r.url.find("ring-road") != std::string::npos) {
      EXPECT_EQ(r.title, "Ring road traffic jams reach record length");
    }
  }
}

TEST_F(NewsArticleFixture, GivenUrlWins) {
  const Extraction e = MustExtract(ReadFixture("news_article.html"), "https://m.example/x");
  EXPECT_EQ(e.article.url, "https://m.example/x");
  // The canonical link is relative: it is resolved against the known URL.
  EXPECT_EQ(e.article.canonical_url, "https://m.example/news/2025/11/07/harbour-bridge-reopens");
}

// ---------------------------------------------------------------------------------------------
// Other fixtures.

TEST(HtmlExtractorTest, DateOnlyInVisibleByline) {
  const Extraction e = MustExtract(ReadFixture("byline_date_only.html"));
  const Article& a = e.article;
  EXPECT_EQ(e.kind, PageKind::kArticle);
  EXPECT_EQ(a.title, "Storm closes mountain pass for a week");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(a.published->ToIso8601(), "2025-11-07T12:28:00");  // the page gave no zone
  EXPECT_EQ(a.authors, std::vector<std::string>{"John Smith"});
  ASSERT_EQ(a.paragraphs.size(), 3u);
  EXPECT_EQ(a.paragraphs[0].rfind("Heavy snow closed the mountain pass", 0), 0u);
  EXPECT_FALSE(AnyParagraphContains(a, "Posted on"));
}

TEST(HtmlExtractorTest, ListingPage) {
  const Extraction e = MustExtract(ReadFixture("listing.html"), "https://daily.example/world");
  EXPECT_EQ(e.kind, PageKind::kListing);
  ASSERT_GE(e.related.size(), 10u);
  EXPECT_EQ(e.related[0].title, "Floods force thousands from their homes in the delta");
  EXPECT_EQ(e.related[0].url, "https://daily.example/world/1");
}

TEST(HtmlExtractorTest, ArticleWithManyLinksIsNotAListing) {
  std::string teasers;
  for (int i = 0; i < 15; ++i) {
    teasers += "<div><a href=\"/s/" + std::to_string(i) + "\">Another story headline number " +
               std::to_string(i) + " here</a></div>";
  }
  const std::string prose =
      "<p>A long paragraph of prose that goes on for a while, with commas, clauses and the kind of "
      "detail that only an article has, such as names, places and numbers.</p>";
  const Extraction e = MustExtract("<html><body><article>" + prose + prose + prose + prose +
                                   "</article><div>" + teasers + "</div></body></html>");
  EXPECT_EQ(e.kind, PageKind::kArticle);
}

// A wire story of two paragraphs under a rail of teasers: the page says it is an article.
TEST(HtmlExtractorTest, ShortDeclaredArticleWithTeasersIsNotAListing) {
  std::string teasers;
  for (int i = 0; i < 15; ++i) {
    teasers += "<div><a href=\"/s/" + std::to_string(i) + "\">Another story headline number " +
               std::to_string(i) + " here</a></div>";
  }
  const std::string body =
      "<body><article><p>SANTA FE, N.M. (AP) — A cat who has been missing for five years in "
      "Portland, Oregon, has been found in Santa Fe, New Mexico, officials said.</p>"
      "<p>The shelter said a scan of the microchip showed where the cat came from.</p>"
      "</article><div>" +
      teasers + "</div></body></html>";
  const Extraction declared =
      MustExtract("<html><head><meta property=\"og:type\" content=\"article\"></head>" + body);
  EXPECT_EQ(declared.kind, PageKind::kArticle);
  EXPECT_EQ(declared.article.paragraphs.size(), 2u);
  // Without the declaration the same page still reads as a listing.
  EXPECT_EQ(MustExtract("<html><head></head>" + body).kind, PageKind::kListing);
}

// libxml2 leaves an unclosed <header> open around the rest of the page; a streamed page keeps
// its body in a <div hidden> until a script shows it. Both hold the article.
// Three paragraphs of a council report, for tests that wrap them in broken markup.
const std::string kCouncilProse =
    "<p>The council met on Tuesday evening to discuss the new budget, which cuts spending.</p>"
    "<p>Several members said the plan was rushed, and the vote was put off until next month.</p>"
    "<p>The mayor said she was confident the budget would pass in the end, as it always has.</p>";

TEST(HtmlExtractorTest, ArticleInsideUnclosedHeaderOrHiddenStreamIsKept) {
  const Extraction header =
      MustExtract("<html><body><header><div class=\"logo\">Town Gazette</div><button>Menu<div>" +
                  kCouncilProse + "</div></button></header></body></html>");
  EXPECT_EQ(header.article.paragraphs.size(), 3u);
  const Extraction hidden = MustExtract("<html><body><div hidden id=\"S:0\"><main>" +
                                        kCouncilProse + "</main></div></body></html>");
  EXPECT_EQ(hidden.article.paragraphs.size(), 3u);
  // A masthead is still dropped.
  const Extraction masthead = MustExtract(
      "<html><body><header><p>Town Gazette, the paper of record for the valley since 1901.</p>"
      "</header><article>" +
      kCouncilProse + "</article></body></html>");
  EXPECT_FALSE(AnyParagraphContains(masthead.article, "paper of record"));
}

// libxml2 ignores </aside> while a <div> inside it is still open; HTML5 closes the div and
// the aside, and so must we, or the article nests inside the newsletter pop-up and goes with it.
TEST(HtmlExtractorTest, EndTagClosesTheUnclosedDivsInsideItAsHtml5Does) {
  const Extraction popup = MustExtract(
      "<html><body><aside class=\"popup newsletter\"><div class=\"inner\"><h2>Newsletter</h2>"
      "<a href=\"/signup\">Sign up</a></aside><nav><ul><li><div><a href=\"/\">Home</a></ul>"
      "</nav><main><div class=\"entry\">" +
      kCouncilProse + "</div></main></body></html>");
  EXPECT_EQ(popup.article.paragraphs.size(), 3u);
  EXPECT_FALSE(AnyParagraphContains(popup.article, "Sign up"));
  EXPECT_FALSE(AnyParagraphContains(popup.article, "Home"));
  // A table cell is a scope boundary: </section> inside it does not close the section outside.
  const Extraction table =
      MustExtract("<html><body><section><table><tr><td><div>" + kCouncilProse +
                  "</section></div></td></tr></table></section></body></html>");
  EXPECT_EQ(table.article.paragraphs.size(), 3u);
}

// A guide whose steps are in accordion panels, closed until clicked: they are the article.
// A lightbox dialog and a popover are hidden the same way and are not.
TEST(HtmlExtractorTest, CollapsedPanelsAreReadAndHiddenDialogsAreNot) {
  const std::string html =
      "<html><body><main><h1>How to install solar panels</h1>"
      "<p>Installing solar panels can cut your electric bill, but the work takes months and "
      "involves several steps, from the first quote to the utility's approval.</p>"
      "<div class=\"item\"><button id=\"h1\" aria-controls=\"s1\">Step 1</button>"
      "<div id=\"s1\" role=\"region\" aria-labelledby=\"h1\" style=\"display: none\">"
      "<p>First, read a year of electricity bills to learn how much power the house uses in "
      "summer and in winter, and how much of it a roof could supply.</p></div></div>"
      "<div class=\"item\"><button>Step 2</button><div class=\"collapse\" hidden>"
      "<p>Then compare quotes from three installers, checking their licences, the warranty on "
      "the panels and inverter, and what the price includes.</p></div></div>"
      "<div role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"t\" hidden><p id=\"t\">"
      "Promoted items are selected based on what we think may interest you, and they earn "
      "the site advertising revenue when you click on them.</p></div>"
      "<div popover class=\"card\" role=\"tabpanel\"><p>Turn on notifications to hear about "
      "new posts as soon as they are published, in your browser or on your phone.</p></div>"
      "</main></body></html>";
  const Extraction e = MustExtract(html);
  EXPECT_TRUE(AnyParagraphContains(e.article, "read a year of electricity bills"));
  EXPECT_TRUE(AnyParagraphContains(e.article, "compare quotes from three installers"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Promoted items"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Turn on notifications"));
}

// A blog builder writes each part of the article as its own <section> of one class; the
// longest wins the vote, but the article is the run of them.
TEST(HtmlExtractorTest, ArticleCutIntoSectionsOfOneClassIsReadWhole) {
  auto section = [](const std::string& heading, const std::string& text, int paragraphs) {
    std::string out = "<section class=\"BlogSection\"><div class=\"wrap\"><h2>" + heading +
                      "</h2></div><div class=\"wrap\"><div class=\"rich\">";
    for (int i = 0; i < paragraphs; ++i) {
      out += "<p>" + text + " This is paragraph " + std::to_string(i + 1) +
             " of the part, with enough words in it, and commas, to count as prose.</p>";
    }
    return out + "</div></div></section>";
  };
  const std::string head = "<html><head><meta property=\"og:type\" content=\"article\"></head>";
  const std::string html =
      head +
      "<body><div class=\"sidebar\"><a href=\"/contact\">Contact us</a></div>"
      "<div id=\"page\">" +
      section("Introduction", "Choosing a development model shapes the whole project.", 2) +
      section("Waterfall", "The waterfall model runs its phases one after another.", 4) +
      section("Agile", "The agile model works in short iterations with the customer.", 8) +
      section("Spiral", "The spiral model repeats planning, risk analysis and building.", 3) +
      section("Kanban", "Kanban limits the work in progress on a shared board.", 4) +
      "</div></body></html>";
  const Extraction e = MustExtract(html);
  for (const char* part : {"shapes the whole project", "phases one after another",
                           "short iterations", "risk analysis", "work in progress"}) {
    EXPECT_TRUE(AnyParagraphContains(e.article, part)) << part;
  }
  EXPECT_FALSE(AnyParagraphContains(e.article, "Contact us"));
  // The article's section over a smaller one of fine print: the fine print stays out.
  const std::string builder =
      head + "<body><div id=\"page\">" +
      section("Agile", "The agile model works in short iterations with the customer.", 8) +
      section("Disclaimer", "The information here is general and is not legal advice.", 2) +
      "</div></body></html>";
  const Extraction b = MustExtract(builder);
  EXPECT_TRUE(AnyParagraphContains(b.article, "short iterations"));
  EXPECT_FALSE(AnyParagraphContains(b.article, "not legal advice"));
}

TEST(HtmlExtractorTest, CaptionsAndCreditsAreDropped) {
  const Extraction e = MustExtract(
      Page("",
           "<div class=\"wp-caption-text\">The council chamber on Tuesday, before the vote.</div>"
           "<span class=\"photo-credit\">Jane Doe / Town Gazette</span>"
           "<p>Photo: Jane Doe, AP</p><p>Caption</p><p>Back to Gallery</p>"
           "<p>Members of the council arrive for the vote (Image: GETTY)</p>"
           "<p>jane.doe@gazette.example</p>"
           "<p>Residents lined up outside the hall long before the doors opened at six.</p>"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "chamber"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Jane Doe"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Caption"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Gallery"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "GETTY"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "@"));
  EXPECT_EQ(e.article.paragraphs.size(), 4u);  // the residents, and the three of Page()
}

// ---------------------------------------------------------------------------------------------
// Hostile and broken input: never a crash, and a sensible kind.

struct BrokenCase {
  std::string name;
  std::string html;
};

class BrokenInputTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenInputTest, DoesNotCrash) {
  ExtractOptions options;
  options.now_unix = kNow;
  Result<Extraction> r = ExtractHtml(GetParam().html, options);
  if (r.ok()) {
    for (const std::string& p : r->article.paragraphs) EXPECT_FALSE(p.empty());
  } else {
    EXPECT_FALSE(r.status().message().empty());
  }
}

std::string Binaryish() {
  std::string s;
  for (int i = 0; i < 4096; ++i) s.push_back(static_cast<char>((i * 7919) % 256));
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    All, BrokenInputTest,
    ::testing::Values(
        BrokenCase{"empty", ""}, BrokenCase{"spaces", "  \n\t "}, BrokenCase{"binary", Binaryish()},
        BrokenCase{"nul_bytes", std::string("<html>\0\0\0<body>\0</body>", 24)},
        BrokenCase{"truncated", "<html><head><title>Cut</title></head><body><div><p>The text st"},
        BrokenCase{"unclosed_script", "<html><body><script>var a = '<p>not text</p>';"},
        BrokenCase{"angle_soup", "<<<<>>>><</><p<p<p>>>&&&&#;&#x;&#99999999;"},
        BrokenCase{"bad_json_ld",
                   "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                   "\"author\": [[[[{]]]</script><p>Text</p>"},
        BrokenCase{"json_ld_wrong_types",
                   "<script type='application/ld+json'>{\"@type\": 5, \"headline\": [1], "
                   "\"author\": {\"name\": {\"x\": 1}}, \"keywords\": 7, \"datePublished\": "
                   "null, \"@graph\": \"no\"}</script><p>Text</p>"},
        BrokenCase{"only_comment", "<!-- nothing here -->"},
        BrokenCase{"invalid_utf8", "<p>caf\xC3 na\xEFve \xFF\xFE text that goes on</p>"}),
    [](const ::testing::TestParamInfo<BrokenCase>& p) { return p.param.name; });

TEST(HtmlExtractorTest, EmptyInputIsEmptyKind) {
  const Extraction e = MustExtract("");
  EXPECT_EQ(e.kind, PageKind::kEmpty);
  const Extraction scripts = MustExtract("<html><body><script>x()</script></body></html>");
  EXPECT_EQ(scripts.kind, PageKind::kEmpty);
  EXPECT_TRUE(scripts.article.paragraphs.empty());
}

TEST(HtmlExtractorTest, DeepNestingDoesNotCrash) {
  constexpr int kDepth = 100000;
  std::string html = "<html><body>";
  html.reserve(static_cast<size_t>(kDepth) * 12);
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html += "<p>Deep text at the bottom of the well, with a comma, and another.</p>";
  for (int i = 0; i < kDepth; ++i) html += "</div>";
  html += "<p>A paragraph after the well that is long enough to count, with commas, too.</p>";
  html += "</body></html>";
  ExtractOptions options;
  options.now_unix = kNow;
  Result<Extraction> r = ExtractHtml(html, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();

  // Deep nesting of inline elements and of JSON-LD, too.
  std::string spans = "<p>";
  for (int i = 0; i < kDepth; ++i) spans += "<span><b>";
  spans += "x";
  std::string json = "<script type=\"application/ld+json\">";
  for (int i = 0; i < kDepth; ++i) json += "[";
  json += "</script>";
  Result<Extraction> inline_deep = ExtractHtml(json + spans, options);
  EXPECT_TRUE(inline_deep.ok()) << inline_deep.status().ToString();
}

TEST(HtmlExtractorTest, MaxDomDepthCutsDeepContent) {
  std::string html = "<html><body>";
  for (int i = 0; i < 40; ++i) html += "<div>";
  html += "<p>Deep text that is long enough to be a paragraph, with a comma, and more words.</p>";
  for (int i = 0; i < 40; ++i) html += "</div>";
  html += "</body></html>";
  ExtractOptions options;
  options.now_unix = kNow;
  options.max_dom_depth = 10;
  Result<Extraction> shallow = ExtractHtml(html, options);
  ASSERT_TRUE(shallow.ok());
  EXPECT_TRUE(shallow->article.paragraphs.empty());
  options.max_dom_depth = 256;
  Result<Extraction> deep = ExtractHtml(html, options);
  ASSERT_TRUE(deep.ok());
  EXPECT_EQ(deep->article.paragraphs.size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Authors.

struct AuthorCase {
  std::string head;  // what goes in <head>
  std::vector<std::string> expected;
};

class AuthorTest : public ::testing::TestWithParam<AuthorCase> {};

TEST_P(AuthorTest, Filters) {
  const Extraction e = MustExtract(
      Page("<meta property=\"og:site_name\" content=\"Town Gazette\">" + GetParam().head));
  EXPECT_EQ(e.article.authors, GetParam().expected) << GetParam().head;
}

INSTANTIATE_TEST_SUITE_P(
    All, AuthorTest,
    ::testing::Values(
        AuthorCase{"<meta name=\"author\" content=\"By Jane Doe\">", {"Jane Doe"}},
        AuthorCase{"<meta name=\"author\" content=\"Jane Doe and John Roe\">",
                   {"Jane Doe", "John Roe"}},
        AuthorCase{"<meta name=\"author\" content=\"Jane Doe, John Roe\">",
                   {"Jane Doe", "John Roe"}},
        // A name in quote marks.
        AuthorCase{"<meta name=\"author\" content=\"&quot;David Kim&quot;\">", {"David Kim"}},
        AuthorCase{"<meta name=\"author\" content=\"\u201cDavid Kim\u201d\">", {"David Kim"}},
        // "and" inside one name: one word after it does not make another person.
        AuthorCase{"<meta name=\"author\" content=\"Center for Drug Evaluation and Research\">",
                   {"Center for Drug Evaluation and Research"}},
        AuthorCase{"<meta name=\"author\" content=\"jane@example.com\">", {}},
        AuthorCase{"<meta name=\"author\" content=\"@janedoe\">", {}},
        AuthorCase{"<meta property=\"article:author\" content=\"https://facebook.com/jane\">", {}},
        // The outlet as the only author field is the author (a company blog), as people read
        // it; next to a person's name it is a credit and dropped (the last case).
        AuthorCase{"<meta name=\"author\" content=\"Town Gazette\">", {"Town Gazette"}},
        // Scholarly tags, one author each, last name first.
        AuthorCase{"<meta name=\"citation_author\" content=\"Berger, Emery D.\">"
                   "<meta name=\"citation_author\" content=\"Doe, Jane\">",
                   {"Emery D. Berger", "Jane Doe"}},
        AuthorCase{"<meta name=\"DC.Creator\" content=\"Tsun-Ju Lin\">", {"Tsun-Ju Lin"}},
        // The social card's labelled field.
        AuthorCase{"<meta name=\"twitter:label1\" content=\"Written by\">"
                   "<meta name=\"twitter:data1\" content=\"Tyler Brown\">"
                   "<meta name=\"twitter:label2\" content=\"Est. reading time\">"
                   "<meta name=\"twitter:data2\" content=\"5 minutes\">",
                   {"Tyler Brown"}},
        // A team's account, its role written as a name; also in lowercase, as sites type them.
        AuthorCase{"<meta name=\"author\" content=\"Community Editor\">", {"Community Editor"}},
        AuthorCase{"<meta name=\"author\" content=\"Contributors to Wikimedia projects\">",
                   {"Contributors to Wikimedia projects"}},
        AuthorCase{"<meta name=\"author\" content=\"kirstin boatto\">", {"kirstin boatto"}},
        AuthorCase{"<meta name=\"author\" content=\"AccountingDepartment.com\">",
                   {"AccountingDepartment.com"}},
        AuthorCase{"<meta name=\"author\" content=\"page.head.extra.author\">", {}},
        AuthorCase{"<meta name=\"author\" content=\"Jane Doe, Moscow correspondent\">",
                   {"Jane Doe"}},
        AuthorCase{"<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                   "\"author\": \"By Ana Ruiz\"}</script>",
                   {"Ana Ruiz"}},
        AuthorCase{"<script type=\"application/ld+json\">[{\"@type\": \"BlogPosting\", "
                   "\"author\": {\"@type\": \"Person\", \"name\": \"Ana Ruiz\"}}]</script>",
                   {"Ana Ruiz"}},
        AuthorCase{"<script type=\"application/ld+json\">{\"@type\": \"ReportageNews\", "
                   "\"author\": {\"@type\": \"Organization\", \"name\": \"Town Gazette\"}}"
                   "</script><meta name=\"author\" content=\"Jane Doe\">",
                   {"Jane Doe"}}));

TEST(HtmlExtractorTest, BylineElementAuthors) {
  const Extraction e =
      MustExtract(Page("",
                       "<div class=\"article-byline\">By <a href=\"/p/1\">Jane Doe</a> &amp; "
                       "<a href=\"/p/2\">John Roe</a> | 6 Nov 2025</div>"));
  EXPECT_EQ(e.article.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Jane Doe"));
}

TEST(HtmlExtractorTest, BareByBeforeTheNameElement) {
  const Extraction e = MustExtract(
      Page("", "<h1>Choosing motors</h1><p>By <a href=\"/contributor/ajn\">A. J. Neal</a> "
               "<a href=\"/edition\">View in digital edition</a></p>"));
  EXPECT_EQ(e.article.authors, (std::vector<std::string>{"A. J. Neal"}));
}

TEST(HtmlExtractorTest, ByLineOfItsOwn) {
  const Extraction e = MustExtract(
      Page("", "<h1>How mapping works</h1><p><time>Feb 6, 2025</time></p><p>By Jane Doe</p>"));
  EXPECT_EQ(e.article.authors, (std::vector<std::string>{"Jane Doe"}));
  // Prose that merely begins with "By" is not a byline.
  const Extraction prose = MustExtract(
      Page("", "<p>By the end of the meeting, nothing had been decided about the new budget at "
               "all, and the members went home.</p>"));
  EXPECT_TRUE(prose.article.authors.empty());
  // Other labels of such a line; a date after the name is not a name.
  const Extraction written = MustExtract(
      Page("", "<h1>Local SEO basics</h1><p>Written by John Crenshaw</p><p>Text.</p>"));
  EXPECT_EQ(written.article.authors, (std::vector<std::string>{"John Crenshaw"}));
  const Extraction colon = MustExtract(
      Page("", "<h1>Mini-SGLang</h1><p>by: <!-- -->Ziyi Xu<!-- -->, Dec 17, 2025</p>"));
  EXPECT_EQ(colon.article.authors, (std::vector<std::string>{"Ziyi Xu"}));
  const Extraction lower = MustExtract(
      Page("", "<h1>Survival Guide to SysV Init</h1><p>by Jon Foster - 2019</p><p>Text.</p>"));
  EXPECT_EQ(lower.article.authors, (std::vector<std::string>{"Jon Foster"}));
  const Extraction not_a_name =
      MustExtract(Page("", "<h1>Notes</h1><p>by the river, at dawn</p><p>Text.</p>"));
  EXPECT_TRUE(not_a_name.article.authors.empty());
}

// A team credited as the author keeps its words, "the" and the group word included.
TEST(HtmlExtractorTest, CollectiveBylines) {
  const Extraction editors = MustExtract(
      Page("", "<h1>Why markets move</h1><h4 class=\"author-name\">By <a href=\"/e\">The "
               "Currency editors</a></h4><p>Text.</p>"));
  EXPECT_EQ(editors.article.authors, (std::vector<std::string>{"The Currency editors"}));
  const Extraction team = MustExtract(Page(
      "", "<h1>Coffee guide</h1><span class=\"author\">By the Lavazza Team</span><p>Text.</p>"));
  EXPECT_EQ(team.article.authors, (std::vector<std::string>{"the Lavazza Team"}));
  // A role after a person is still not a second author.
  const Extraction role =
      MustExtract(Page("", "<h1>Notes</h1><p>By Jane Doe, staff writer</p><p>Text.</p>"));
  EXPECT_EQ(role.article.authors, (std::vector<std::string>{"Jane Doe"}));
}

TEST(HtmlExtractorTest, APageTitledWithTheSiteNameAloneKeepsIt) {
  const Extraction e = MustExtract(Page(
      "<title>Town Gazette</title><meta property=\"og:site_name\" content=\"Town Gazette\">"));
  EXPECT_EQ(e.article.title, "Town Gazette");
}

// ---------------------------------------------------------------------------------------------
// Titles.

struct TitleCase {
  std::string head;
  std::string expected;
};

class TitleTest : public ::testing::TestWithParam<TitleCase> {};

TEST_P(TitleTest, StripsSiteName) {
  const Extraction e = MustExtract(Page(GetParam().head));
  EXPECT_EQ(e.article.title, GetParam().expected) << GetParam().head;
}

const std::string kSite = "<meta property=\"og:site_name\" content=\"Town Gazette\">";

INSTANTIATE_TEST_SUITE_P(
    All, TitleTest,
    ::testing::Values(
        TitleCase{kSite + "<title>Council delays budget vote | Town Gazette</title>",
                  "Council delays budget vote"},
        TitleCase{kSite + "<title>Council delays budget vote - Town Gazette</title>",
                  "Council delays budget vote"},
        TitleCase{kSite + "<title>Council delays budget vote \xE2\x80\x94 Town Gazette</title>",
                  "Council delays budget vote"},
        TitleCase{kSite + "<title>Town Gazette | Council delays budget vote</title>",
                  "Council delays budget vote"},
        TitleCase{kSite + "<title>Council delays budget vote | Local | Town Gazette</title>",
                  "Council delays budget vote"},
        TitleCase{"<title>Council delays budget vote - Local news</title>",
                  "Council delays budget vote"},
        TitleCase{"<title>Vote delayed - and members are angry about how it happened</title>",
                  "Vote delayed - and members are angry about how it happened"},
        TitleCase{kSite + "<meta property=\"og:title\" content=\"Budget vote put off | Town "
                          "Gazette\"><title>Something else | Town Gazette</title>",
                  "Budget vote put off"},
        TitleCase{kSite + "<meta name=\"twitter:title\" content=\"Budget vote put off\">",
                  "Budget vote put off"},
        TitleCase{"<link rel=\"canonical\" href=\"https://www.towngazette.example/a\">"
                  "<title>Council delays budget vote | TownGazette.example</title>",
                  "Council delays budget vote"},
        TitleCase{"<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                  "\"headline\": \"Council delays &amp; defers budget\"}</script>"
                  "<title>Other | Town Gazette</title>",
                  "Council delays & defers budget"}));

TEST(HtmlExtractorTest, TitleCopiedIntoApplicationNameIsStillTheTitle) {
  const Extraction e = MustExtract(
      Page("<meta name=\"application-name\" content=\"Nintendo's first iPhone game will launch "
           "in December\"><meta property=\"og:title\" content=\"Nintendo's first iPhone game "
           "will launch in December\"><meta property=\"og:site_name\" content=\"MSN\">"));
  EXPECT_EQ(e.article.title, "Nintendo's first iPhone game will launch in December");
  EXPECT_EQ(e.article.outlet, "MSN");
}

TEST(HtmlExtractorTest, OutletGivenAsUrlIsReadAsHost) {
  const Extraction e = MustExtract(
      Page("<meta property=\"og:site_name\" content=\"https://www.islandnews.example\">"));
  EXPECT_EQ(e.article.outlet, "islandnews.example");
}

TEST(HtmlExtractorTest, TitleFromArticleH1AndNotRepeated) {
  const Extraction e = MustExtract(Page("<title>Town Gazette</title>", "<h1>Budget put off</h1>"));
  EXPECT_EQ(e.article.title, "Budget put off");
  ASSERT_FALSE(e.article.paragraphs.empty());
  EXPECT_NE(e.article.paragraphs[0], "Budget put off");
}

// The headline the reader sees beats a title rewritten for search engines, when both name the
// same story; a lone <h1> that is the site's name does not.
TEST(HtmlExtractorTest, LoneH1PreferredOverRewrittenMetaTitle) {
  const Extraction e = MustExtract(
      Page("<meta property=\"og:title\" content=\"Council Budget 2025: Vote Delayed – Top News\">",
           "<h1>Council budget vote delayed until next month</h1>"));
  EXPECT_EQ(e.article.title, "Council budget vote delayed until next month");
  const Extraction site =
      MustExtract(Page("<meta property=\"og:title\" content=\"Council budget vote put off\">",
                       "<h1>Silicon Exposed</h1>"));
  EXPECT_EQ(site.article.title, "Council budget vote put off");
}

// A paragraph that merely mentions a short title is text, not the title repeated.
TEST(HtmlExtractorTest, ShortTitleMentionedInTextIsKept) {
  const Extraction e = MustExtract(
      "<html><head><title>AWS Lambda</title></head><body><article><h1>AWS Lambda</h1>"
      "<p>AWS Lambda runs code without servers, and it scales with the number of requests.</p>"
      "<p>With AWS Lambda you pay only for the compute time you use, by the millisecond.</p>"
      "</article></body></html>");
  EXPECT_EQ(e.article.title, "AWS Lambda");
  EXPECT_EQ(e.article.paragraphs.size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Dates.

struct PublishedCase {
  std::string head;
  std::string url;
  std::string expected;  // "" = none
};

class PublishedTest : public ::testing::TestWithParam<PublishedCase> {};

TEST_P(PublishedTest, Chooses) {
  const Extraction e = MustExtract(Page(GetParam().head), GetParam().url);
  const std::string got = e.article.published ? e.article.published->ToIso8601() : "";
  EXPECT_EQ(got, GetParam().expected) << GetParam().head;
}

INSTANTIATE_TEST_SUITE_P(
    All, PublishedTest,
    ::testing::Values(
        PublishedCase{"<meta property=\"article:published_time\" content=\"2025-11-06T10:00:00Z\">",
                      "", "2025-11-06T10:00:00+00:00"},
        PublishedCase{"<meta name=\"pubdate\" content=\"2025-11-06\">", "", "2025-11-06"},
        PublishedCase{"<meta name=\"sailthru.date\" content=\"Thu, 06 Nov 2025 10:00:00 -0500\">",
                      "", "2025-11-06T10:00:00-05:00"},
        PublishedCase{"<meta name=\"DC.date.issued\" content=\"2025-11-05\">", "", "2025-11-05"},
        PublishedCase{"<meta name=\"citation_publication_date\" content=\"2023 Jan 7\">", "",
                      "2023-01-07"},
        PublishedCase{"<meta name=\"published-date\" content=\"2021-02-16\">", "", "2021-02-16"},
        PublishedCase{"<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                      "\"datePublished\": \"1970-01-01T00:00:00Z\"}</script>"
                      "<meta name=\"parsely-pub-date\" content=\"2025-11-04T08:00:00Z\">",
                      "", "2025-11-04T08:00:00+00:00"},  // an implausible date is dropped
        PublishedCase{"<meta name=\"date\" content=\"2031-01-01\">", "", ""},  // the future
        PublishedCase{"", "https://sputnikglobe.com/20251107/slug-123.html", "2025-11-07"},
        PublishedCase{"", "https://example.com/2025/11/03/story", "2025-11-03"},
        PublishedCase{"", "", ""}));

TEST(HtmlExtractorTest, TimeElementInArticle) {
  const Extraction e =
      MustExtract(Page("", "<time datetime=\"2025-11-06T09:30:00+01:00\">6 November</time>"));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-11-06T09:30:00+01:00");
}

// The CMS's metadata in UTC, the page's <time> in the newsroom's zone: the same instant, and
// the date the page prints is the local one. Another instant in the <time> changes nothing.
TEST(HtmlExtractorTest, UtcMetadataTakesThePagesLocalTimeOfTheSameInstant) {
  const std::string meta =
      "<meta property=\"article:published_time\" content=\"2025-11-07T03:05:00+00:00\">";
  const Extraction local = MustExtract(
      Page(meta, "<time datetime=\"2025-11-06T19:05:00-08:00\">November 6, 2025</time>"));
  ASSERT_TRUE(local.article.published.has_value());
  EXPECT_EQ(local.article.published->ToIso8601(), "2025-11-06T19:05:00-08:00");
  const Extraction other = MustExtract(
      Page(meta, "<time datetime=\"2025-11-06T09:00:00-08:00\">November 6, 2025</time>"));
  ASSERT_TRUE(other.article.published.has_value());
  EXPECT_EQ(other.article.published->ToIso8601(), "2025-11-07T03:05:00+00:00");
}

// ---------------------------------------------------------------------------------------------
// Content rules.

TEST(HtmlExtractorTest, HiddenAndBoilerplateBlocksAreDropped) {
  const Extraction e = MustExtract(
      Page("",
           "<div style=\"display: none\"><p>Hidden text that should never appear in output.</p>"
           "</div><div aria-hidden=\"true\"><p>Also hidden from readers of the page.</p></div>"
           "<div hidden><p>The hidden attribute hides this paragraph too.</p></div>"
           "<div class=\"social-share\"><p>Share this story with your friends today.</p></div>"
           "<div role=\"navigation\"><p>Navigation block text should not appear.</p></div>"));
  EXPECT_EQ(e.article.paragraphs.size(), 3u);
  EXPECT_FALSE(AnyParagraphContains(e.article, "hidden"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Share this"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Navigation"));
}

TEST(HtmlExtractorTest, ReadMoreMarkerStopsText) {
  const Extraction e = MustExtract(
      "<html><body><article>"
      "<p>First paragraph of the story with enough words in it to be a real paragraph.</p>"
      "<p>Second paragraph of the story, also with enough words to count, and a comma.</p>"
      "<h4>Read more</h4>"
      "<p><a href=\"https://other.example/a\">Another story about something else entirely</a></p>"
      "<p><a href=\"/b\">And a second story that is also not this one</a></p>"
      "</article></body></html>",
      "https://news.example/story");
  EXPECT_EQ(e.article.paragraphs.size(), 2u);
  EXPECT_EQ(RelatedUrls(e),
            (std::vector<std::string>{"https://other.example/a", "https://news.example/b"}));
}

// CNN's "Read More" is a button that expands the rest of the story, not a heading over
// teasers: the paragraphs after it are the article's, with their links' words.
TEST(HtmlExtractorTest, ReadMoreButtonBeforeTheRestOfTheStoryKeepsIt) {
  const Extraction e = MustExtract(
      "<html><body><article>"
      "<p>First paragraph of the story with enough words in it to be a real paragraph.</p>"
      "<p>Second paragraph of the story, also with enough words to count, and a comma.</p>"
      "<div class=\"read-more\"><div class=\"read-more-link\">Read More</div></div>"
      "<div class=\"read-all\"><p>Stock futures were <a href=\"/markets\">trading slightly "
      "higher</a> in Asia after small losses earlier in the day.</p>"
      "<p>The government on Monday did <a href=\"/2019/11/18/tech/license\">extend a temporary "
      "license</a> allowing companies to sell to the firm, which has become a symbol of the "
      "tensions between the two countries. It is the third extension of the license, which is "
      "now set to expire in February, officials said.</p></div>"
      "</article></body></html>",
      "https://news.example/story");
  EXPECT_TRUE(AnyParagraphContains(e.article, "trading slightly higher in Asia"));
  EXPECT_TRUE(AnyParagraphContains(e.article, "did extend a temporary license allowing"));
  EXPECT_TRUE(RelatedUrls(e).empty());
}

// One paragraph per "card" div: the container of all the cards is the article.
TEST(HtmlExtractorTest, ParagraphsSpreadOverCards) {
  std::string cards;
  for (int i = 0; i < 6; ++i) {
    cards += "<div class=\"card item\"><div class=\"card-content\"><p>Paragraph " +
             std::to_string(i) +
             " of the story, long enough to be scored, with a comma, and then some more words "
             "to make it count.</p></div></div>";
  }
  const Extraction e = MustExtract("<html><body><div class=\"cards\">" + cards +
                                   "</div><div class=\"other\"><p>Unrelated short note.</p>"
                                   "</div></body></html>");
  ASSERT_EQ(e.article.paragraphs.size(), 6u);
  EXPECT_EQ(e.article.paragraphs[0].rfind("Paragraph 0 of the story", 0), 0u);
  EXPECT_EQ(e.article.paragraphs[5].rfind("Paragraph 5 of the story", 0), 0u);
}

// A paragraph of story text, long enough to vote, with commas; `n` tells them apart.
std::string StoryParagraph(const std::string& n) {
  return "<p>Paragraph " + n +
         " of the story goes on for a while, with a comma or two, and enough words in it to be "
         "read as prose by any reader.</p>";
}

// A reply that quotes an earlier post repeats its text: the post is kept once, the reply's
// own words are kept.
TEST(HtmlExtractorTest, QuotedPostInAReplyIsNotRepeated) {
  const std::string opening =
      "I currently own a pair of closed headphones, but I am thinking of selling them and getting "
      "something with a wider stage.";
  const Extraction e = MustExtract(
      "<html><body><div class=\"thread\">"
      "<div class=\"message\"><div class=\"message-body\"><p>" +
      opening +
      "</p></div></div>"
      "<div class=\"message\"><div class=\"message-body\"><blockquote><p>" +
      opening +
      "</p></blockquote><p>Might also consider the open ones, they have the widest stage of all "
      "the pairs I have heard, and they are cheaper.</p></div></div>"
      "</div></body></html>");
  const auto copies = std::count(e.article.paragraphs.begin(), e.article.paragraphs.end(), opening);
  EXPECT_EQ(copies, 1) << ::testing::PrintToString(e.article.paragraphs);
  EXPECT_TRUE(AnyParagraphContains(e.article, "Might also consider the open ones"));
}

// A class name can be wrong: a box named like chrome that holds most of the page's prose is
// the article; comments stay chrome however much they hold.
TEST(HtmlExtractorTest, MisnamedBoxHoldingMostOfTheProseIsKept) {
  std::string story;
  for (int i = 0; i < 4; ++i) story += StoryParagraph(std::to_string(i));
  const Extraction e = MustExtract("<html><body><div class=\"page-footer\"><h1>Title</h1>" + story +
                                   "</div><div class=\"comments\">" + StoryParagraph("C1") +
                                   StoryParagraph("C2") + StoryParagraph("C3") +
                                   "</div><div class=\"sidebar\"><p>About this site and its "
                                   "writers.</p></div></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "Paragraph 0 of the story"));
  EXPECT_TRUE(AnyParagraphContains(e.article, "Paragraph 3 of the story"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Paragraph C1"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "About this site"));
}

// A widget is a page builder's or an editor's unit of layout as often as a sidebar's box: its
// paragraphs are read. A call-to-action box is chrome.
TEST(HtmlExtractorTest, WidgetIsReadAndCallToActionIsDropped) {
  const Extraction e = MustExtract(
      "<html><body><article>" + StoryParagraph("1") +
      "<div class=\"ck-widget bs_grid\"><div class=\"col\">" + StoryParagraph("2") +
      "</div><div class=\"col\">" + StoryParagraph("3") + "</div></div>" + StoryParagraph("4") +
      "<div class=\"zone-widget custom-cta-letter\"><p>Support our newsroom so that we can keep "
      "checking the facts for you and for everyone else.</p></div></article></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "Paragraph 2 of the story"));
  EXPECT_TRUE(AnyParagraphContains(e.article, "Paragraph 3 of the story"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "Support our newsroom"));
}

// A page builder puts each part of the article in its own block and the votes go to the block
// with the most paragraphs: on a page that declares an article, the <article> around it is
// read when it holds more than twice the block's prose.
TEST(HtmlExtractorTest, DeclaredArticleSplitIntoBlocksIsReadWhole) {
  const auto block = [](const std::string& inner) {
    return "<section class=\"block\"><div><div><div><div><div>" + inner +
           "</div></div></div></div></div></section>";
  };
  std::string body = block(StoryParagraph("A1") + StoryParagraph("A2") + StoryParagraph("A3"));
  for (int i = 0; i < 4; ++i) body += block(StoryParagraph("B" + std::to_string(i)));
  const std::string head = "<meta property=\"og:type\" content=\"article\">";
  const Extraction declared =
      MustExtract("<html><head>" + head + "</head><body><article>" + body +
                  "</article><div class=\"more\"><p>Unrelated short note.</p></div>"
                  "</body></html>");
  EXPECT_TRUE(AnyParagraphContains(declared.article, "Paragraph A1 of the story"));
  EXPECT_TRUE(AnyParagraphContains(declared.article, "Paragraph B0 of the story"));
  EXPECT_TRUE(AnyParagraphContains(declared.article, "Paragraph B3 of the story"));
  EXPECT_FALSE(AnyParagraphContains(declared.article, "Unrelated short note"));
  // A <main> is the page's main region, not its text: without the declaration it is not read
  // whole.
  const Extraction undeclared = MustExtract("<html><body><main>" + body + "</main></body></html>");
  EXPECT_TRUE(AnyParagraphContains(undeclared.article, "Paragraph A1 of the story"));
  EXPECT_FALSE(AnyParagraphContains(undeclared.article, "Paragraph B0 of the story"));
}

// A consent dialog is dropped even when the article's own class names are not trusted (the
// reading that ignores class names, after the first found next to nothing).
TEST(HtmlExtractorTest, ConsentDialogIsDroppedWhenClassNamesAreIgnored) {
  std::string dialog;
  for (int i = 0; i < 4; ++i) {
    dialog +=
        "<p>We process your data to deliver content or advertisements and measure their "
        "delivery, with our partners, on the basis of consent and legitimate interest.</p>";
  }
  const Extraction e = MustExtract(
      "<html><body><div class=\"ad-free-column\">" + StoryParagraph("1") + StoryParagraph("2") +
      "</div><div id=\"onetrust-consent-sdk\"><div class=\"ot-pc-content\">" + dialog +
      "</div></div></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "Paragraph 1 of the story"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "We process your data"));
}

TEST(HtmlExtractorTest, LineBreaksSplitParagraphs) {
  const Extraction e = MustExtract(
      "<html><body><div class=\"article-text\">First part of a story that uses line breaks, "
      "as some old sites do, instead of paragraphs.<br><br>Second part of the same story, "
      "written in the same way,<br>with a single break inside it.</div></body></html>");
  ASSERT_EQ(e.article.paragraphs.size(), 2u);
  EXPECT_EQ(e.article.paragraphs[1],
            "Second part of the same story, written in the same way, with a single break inside "
            "it.");
}

TEST(HtmlExtractorTest, TagsDeduplicatedAndCapped) {
  std::string keywords;
  for (int i = 0; i < 50; ++i) keywords += "tag" + std::to_string(i) + ", ";
  const Extraction e =
      MustExtract(Page("<meta property=\"article:tag\" content=\"Budget\">"
                       "<meta name=\"news_keywords\" content=\" budget ,  Council , ,Schools\">"
                       "<meta name=\"keywords\" content=\"" +
                       keywords + "\">"));
  ASSERT_GE(e.article.tags.size(), 3u);
  EXPECT_EQ(e.article.tags[0], "Budget");
  EXPECT_EQ(e.article.tags[1], "tag0");  // meta keywords come before news_keywords
  EXPECT_LE(e.article.tags.size(), 30u);
}

TEST(HtmlExtractorTest, OutletFallsBackToHost) {
  const Extraction e = MustExtract(Page(""), "https://www.towngazette.example/a/b");
  EXPECT_EQ(e.article.outlet, "towngazette.example");
  const Extraction ld = MustExtract(
      Page("<meta property=\"og:site_name\" content=\"TG\"><script type=\"application/ld+json\">"
           "{\"@type\": \"NewsArticle\", \"publisher\": {\"@type\": \"Organization\", \"name\": "
           "\"Town Gazette\"}}</script>"));
  EXPECT_EQ(ld.article.outlet, "Town Gazette");
}

TEST(HtmlExtractorTest, LanguageFromHtmlLang) {
  EXPECT_EQ(MustExtract("<html lang=\"PT-br\"><body><p>Texto.</p></body></html>").article.language,
            "pt");
  EXPECT_EQ(MustExtract("<html lang=\"x\"><body><p>Text.</p></body></html>").article.language, "");
}


// Article paragraphs for the tests below: `n` paragraphs of plain prose, numbered.
std::string StoryParagraphs(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "<p>Sentence " + std::to_string(i) +
           " of the story runs on, with a comma, and enough words to be scored as prose by the "
           "extractor.</p>";
  }
  return out;
}

TEST(HtmlExtractorTest, TableRowIsOneLine) {
  const Extraction e = MustExtract(
      "<html><body><article>" + StoryParagraphs(4) +
      "<table><tr><th>Pos</th><th>Driver</th><th>Points</th></tr>"
      "<tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr></table></article></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "1 Kyle Busch 5040"));
  EXPECT_TRUE(AnyParagraphContains(e.article, "Pos Driver Points"));
}

TEST(HtmlExtractorTest, ArticlesAfterRelatedHeadingAreTeasers) {
  const std::string teaser =
      "<article><p>A teaser of another article, written as long prose so that it reads like "
      "the story going on after an inline box, which it is not: it is a different post with "
      "its own page, linked from the bottom of this one, and it runs past two hundred and "
      "fifty characters.</p><a href=\"/other\">Another article entirely here</a></article>";
  const Extraction e = MustExtract("<html><body><article>" + StoryParagraphs(4) +
                                   "<h3>Você pode gostar...</h3>" + teaser + teaser +
                                   "</article></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "Sentence 3 of the story"));
  EXPECT_FALSE(AnyParagraphContains(e.article, "A teaser of another article"));
}

TEST(HtmlExtractorTest, PaywallWrapperHoldingProseIsKept) {
  const Extraction e = MustExtract("<html><body><article>" + StoryParagraphs(2) +
                                   "<div class=\"paywall\">" + StoryParagraphs(4) +
                                   "<p>Closing line of the premium part of the story, kept.</p>"
                                   "</div></article></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "premium part of the story"));
}

TEST(HtmlExtractorTest, EmbeddedPostIsQuotedNotChrome) {
  const Extraction e = MustExtract(
      "<html><body><article>" + StoryParagraphs(4) +
      "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>Yes this is "
      "real and the state spent half a million dollars on it</p></blockquote></div>" +
      StoryParagraphs(2) + "</article></body></html>");
  EXPECT_TRUE(AnyParagraphContains(e.article, "Yes this is real"));
}

TEST(HtmlExtractorTest, AuthorFromLabelledElementAndAuthorLink) {
  const Extraction labelled = MustExtract(
      "<html><body><div><p>Written by</p><p>Edzel Tabing</p></div><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  ASSERT_EQ(labelled.article.authors.size(), 1u);
  EXPECT_EQ(labelled.article.authors[0], "Edzel Tabing");
  const Extraction heading = MustExtract(
      "<html><body><article>" + StoryParagraphs(4) +
      "</article><div><h2>Article by</h2><div>Matias Heikkil\u00e4</div></div></body></html>");
  EXPECT_EQ(heading.article.authors, (std::vector<std::string>{"Matias Heikkil\u00e4"}));

  const Extraction linked = MustExtract(
      "<html><body><div><span><a href=\"/authors/trevor-jackins\">Trevor Jackins</a></span>"
      "</div><article>" + StoryParagraphs(4) + "</article></body></html>");
  ASSERT_EQ(linked.article.authors.size(), 1u);
  EXPECT_EQ(linked.article.authors[0], "Trevor Jackins");
}

TEST(HtmlExtractorTest, BylineJunkIsDropped) {
  // A month before the date's digits, the outlet after the name, a label before it.
  const Extraction e = MustExtract(
      "<html><head><meta property=\"og:site_name\" content=\"USA TODAY\"></head><body>"
      "<div class=\"byline\">Author Brian Truitt USA TODAY November 3, 2025</div><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  ASSERT_EQ(e.article.authors.size(), 1u);
  EXPECT_EQ(e.article.authors[0], "Brian Truitt");
}

TEST(HtmlExtractorTest, FirstVisibleBylineWinsOverCommentAuthors) {
  const Extraction e = MustExtract(
      "<html><body><div class=\"byline\">By Jane Doe</div><article>" + StoryParagraphs(4) +
      "</article><div class=\"comment-author\">Max Mustermann says</div>"
      "<div class=\"comment-author\">Joe Bloggs</div></body></html>");
  ASSERT_EQ(e.article.authors.size(), 1u);
  EXPECT_EQ(e.article.authors[0], "Jane Doe");
}

TEST(HtmlExtractorTest, OrganisationNamedInAuthorFieldIsTheAuthor) {
  const Extraction e = MustExtract(
      "<html><head><meta property=\"og:site_name\" content=\"ServiceTitan\">"
      "<meta name=\"author\" content=\"ServiceTitan\"></head><body><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  ASSERT_EQ(e.article.authors.size(), 1u);
  EXPECT_EQ(e.article.authors[0], "ServiceTitan");
}

TEST(HtmlExtractorTest, WebPageDatePublishedWhenNoArticleObject) {
  const Extraction e = MustExtract(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"WebPage\","
      "\"datePublished\":\"2024-03-17T19:47:39+00:00\"}</script></head><body><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2024-03-17");
}

// Visible bylines name people: a phrase of prose, a label or a login form's field is not one.
TEST(HtmlExtractorTest, VisibleBylineThatIsNotANameIsDropped) {
  for (const char* byline : {"<div class=\"author-bio\">blogger specializing in bread</div>",
                             "<span class=\"author\">Authors of this article</span>",
                             "<label class=\"username\">Username</label>",
                             "<span class=\"byline\">Share</span>"}) {
    const Extraction e = MustExtract("<html><body>" + std::string(byline) + "<article>" +
                                     StoryParagraphs(4) + "</article></body></html>");
    EXPECT_TRUE(e.article.authors.empty()) << byline << " gave " << e.article.authors[0];
  }
  const Extraction particle = MustExtract(
      "<html><body><span class=\"byline\">By Erik van der Berg -</span><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(particle.article.authors, std::vector<std::string>{"Erik van der Berg"});
}

// A forum thread: JSON-LD describes the first post; without it, the first "username" on the
// page is the one who opened the thread.
TEST(HtmlExtractorTest, ForumThreadIsCreditedToItsOpener) {
  const Extraction ld = MustExtract(
      "<html><head><script type=\"application/ld+json\">{\"@type\": \"DiscussionForumPosting\","
      " \"headline\": \"Which telescope first?\", \"datePublished\": \"2025-02-20T14:19:26Z\","
      " \"author\": {\"@type\": \"Person\", \"name\": \"solaradelaide\"}}</script></head>"
      "<body><article>" + StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(ld.article.authors, std::vector<std::string>{"solaradelaide"});
  EXPECT_EQ(ld.article.title, "Which telescope first?");
  ASSERT_TRUE(ld.article.published.has_value());
  EXPECT_EQ(ld.article.published->ToIso8601(), "2025-02-20T14:19:26+00:00");
  EXPECT_FALSE(ld.declares_article);  // a forum page, not an article

  const Extraction marked = MustExtract(
      "<html><body><article class=\"message\"><span class=\"username\">paulb203</span>" +
      StoryParagraphs(4) + "</article><article class=\"message\">"
      "<span class=\"username\">phinds</span><p>A reply.</p></article></body></html>");
  EXPECT_EQ(marked.article.authors, std::vector<std::string>{"paulb203"});

  // Other forum engines mark the poster as a post's user (Flarum) or a person's listing (Lemmy).
  for (const char* mark : {"<h3 class=\"PostUser-name\">antonjw</h3>",
                           "<a class=\"person-listing\" title=\"antonjw\">antonjw</a>"}) {
    const Extraction other =
        MustExtract(std::string("<html><body><article class=\"Post\"><div class=\"PostUser\">") +
                    mark + "</div>" + StoryParagraphs(4) + "</article></body></html>");
    EXPECT_EQ(other.article.authors, std::vector<std::string>{"antonjw"}) << mark;
  }
}

// A heading that links to the home page is the site's masthead, and the <title>'s last part
// that repeats a heading is the site's name: neither is the title.
TEST(HtmlExtractorTest, MastheadHeadingIsNotTheTitle) {
  const Extraction linked = MustExtract(
      "<html><head><title>Vibe Coding | davidbau.com</title></head><body>"
      "<h1><a href=\"https://davidbau.com/\">davidbau.com</a></h1><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(linked.article.title, "Vibe Coding");

  const Extraction book = MustExtract(
      "<html><head><title>What is Ownership? - The Rust Programming Language</title></head>"
      "<body><h1>The Rust Programming Language</h1><article>" + StoryParagraphs(4) +
      "</article></body></html>");
  EXPECT_EQ(book.article.title, "What is Ownership?");
}

// A heading that is the metadata's title behind a short label is the title with chrome.
TEST(HtmlExtractorTest, LabelledHeadingGivesWayToTheCleanTitle) {
  const Extraction e = MustExtract(
      Page("<meta property=\"og:title\" content=\"What do you look for in a web host?\">",
           "<h1>Thread: What do you look for in a web host?</h1>"));
  EXPECT_EQ(e.article.title, "What do you look for in a web host?");
  // A heading that goes on after the title is a longer headline, and stays.
  const Extraction longer = MustExtract(
      Page("<meta property=\"og:title\" content=\"Best High School Tutors in 2025\">",
           "<h1>Best High School Tutors in 2025, Reviewed by a Student</h1>"));
  EXPECT_EQ(longer.article.title, "Best High School Tutors in 2025, Reviewed by a Student");
  // A link aggregator's heading: the story's title, its source's host and a comment count.
  const Extraction aggregated = MustExtract(
      Page("<meta property=\"og:title\" content=\"Grads Find Degrees No Longer Guarantee Jobs\">",
           "<h1><a href=\"/story/1\">Grads Find Degrees No Longer Guarantee Jobs</a> <span><a "
           "href=\"https://www.latimes.com/x\"> (latimes.com) </a></span> <span>87</span></h1>"));
  EXPECT_EQ(aggregated.article.title, "Grads Find Degrees No Longer Guarantee Jobs");
}

// A heading the social card repeats beats a JSON-LD headline that holds a description; the
// heading's own site suffix and permalink mark are not part of it.
TEST(HtmlExtractorTest, HeadingConfirmedByOgTitleBeatsJsonLdHeadline) {
  const Extraction e = MustExtract(
      "<html><head><meta property=\"og:site_name\" content=\"Wikipedia\">"
      "<meta property=\"og:title\" content=\"New Zealand - Wikipedia\">"
      "<script type=\"application/ld+json\">{\"@type\": \"Article\", \"headline\": "
      "\"constitutional monarchy in Oceania\"}</script></head><body><h1>New Zealand</h1>"
      "<h1>Other heading</h1><article>" + StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(e.article.title, "New Zealand");
  const Extraction marked = MustExtract(
      Page("<meta property=\"og:site_name\" content=\"Artlyst\">",
           "<h1>Best UK Art Exhibitions 2025 \xE2\x80\x93 Artlyst\xC2\xB6</h1>"));
  EXPECT_EQ(marked.article.title, "Best UK Art Exhibitions 2025");
}

// SEO plugins cut JSON-LD's headline at 110 characters; og:title holds the whole of it. A
// short headline that og:title extends with a subtitle stays as it is.
TEST(HtmlExtractorTest, CutJsonLdHeadlineGivesWayToTheWholeTitle) {
  const std::string whole =
      "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find "
      "Solutions (Including One Universal Trick That 9/10 Works)";
  const std::string cut = whole.substr(0, whole.find(" One Universal"));
  const Extraction e = MustExtract(
      Page("<meta property=\"og:site_name\" content=\"Emily Henderson\">"
           "<meta property=\"og:title\" content=\"" +
           whole +
           " - Emily Henderson\">"
           "<script type=\"application/ld+json\">{\"@type\": \"Article\", \"headline\": \"" +
           cut + "\"}</script>"));
  EXPECT_EQ(e.article.title, whole);
  const Extraction subtitle = MustExtract(
      Page("<meta property=\"og:title\" content=\"Council delays budget: what it means\">"
           "<script type=\"application/ld+json\">{\"@type\": \"Article\", \"headline\": "
           "\"Council delays budget\"}</script>"));
  EXPECT_EQ(subtitle.article.title, "Council delays budget");
}

// "<h1>Title<h3>Posted on ...</h3>": the <h3> closes the heading (HTML5), so the date line
// under it is not part of the title.
TEST(HtmlExtractorTest, HeadingNestedInTheTitleHeadingIsNotTheTitle) {
  const Extraction e = MustExtract(
      "<html><head></head><body><h1 class=\"hero\">Top Strategies to Optimize Blockchain "
      "Security<div class=\"divider\"></div><h3>Posted on July 1, 2024 by infuy</h3></h1>"
      "<article>" +
      StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(e.article.title, "Top Strategies to Optimize Blockchain Security");
}

// The site's section: JSON-LD's articleSection (a string or the first of an array), else
// article:section; WordPress's "Uncategorized" and the site's own name are not sections.
TEST(HtmlExtractorTest, SectionFromStructuredData) {
  const Extraction ld = MustExtract(
      Page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
           "\"Council delays budget\", \"articleSection\": [\"Local News\", \"Politics\"]}"
           "</script><meta property=\"article:section\" content=\"Home\">"));
  EXPECT_EQ(ld.section, "Local News");
  const Extraction meta =
      MustExtract(Page("<meta property=\"article:section\" content=\"World\">"));
  EXPECT_EQ(meta.section, "World");
  const Extraction none =
      MustExtract(Page("<meta property=\"og:site_name\" content=\"The Daily Star\">"
                       "<meta property=\"article:section\" content=\"Uncategorized\">"
                       "<meta name=\"parsely-section\" content=\"The Daily Star\">"));
  EXPECT_EQ(none.section, "");
  EXPECT_EQ(MustExtract(Page("")).section, "");
}

// UTF-8 stored as Latin-1 read as UTF-8 ("Investor\u00E2\u0080\u0099s") is repaired.
TEST(HtmlExtractorTest, DoubleEncodedTitleIsRepaired) {
  const Extraction e = MustExtract(
      Page("<title>A DIY Investor\xC3\xA2\xC2\x80\xC2\x99s Guide</title>"));
  EXPECT_EQ(e.article.title, "A DIY Investor\xE2\x80\x99s Guide");
  // Latin-1 text that was never double-encoded is left alone.
  const Extraction plain = MustExtract(Page("<title>Caf\xC3\xA9 na\xC3\xAFve</title>"));
  EXPECT_EQ(plain.article.title, "Caf\xC3\xA9 na\xC3\xAFve");
}

// The date inside a byline's <time>, and a dateline beside an icon.
TEST(HtmlExtractorTest, DatesInBylinesAndBesideIcons) {
  const Extraction byline = MustExtract(
      "<html><body><div class=\"byline\"><a class=\"u-author\">scvalex</a> "
      "<time datetime=\"2024-08-12 10:00:23\">1 year ago</time></div><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  ASSERT_TRUE(byline.article.published.has_value());
  EXPECT_EQ(byline.article.published->ToIso8601(), "2024-08-12T10:00:23");

  const Extraction icon = MustExtract(
      "<html><body><h1>Why Rust for embedded systems</h1><div><svg><use href=\"#cal\"></use>"
      "</svg> Oct 12, 2025 </div><article>" + StoryParagraphs(4) + "</article></body></html>");
  ASSERT_TRUE(icon.article.published.has_value());
  EXPECT_EQ(icon.article.published->ToIso8601(), "2025-10-12");
}

// The title is the page's, character for character: typographic quotes stay (Readability's
// expectations and most references keep them; matching folds them where it needs to).
TEST(HtmlExtractorTest, TitleKeepsThePagesQuotes) {
  const Extraction e = MustExtract("<html><head><title>We\xE2\x80\x99ve compiled \xE2\x80\x9Cthe"
                                   " list\xE2\x80\x9D today</title></head><body><article>" +
                                   StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(e.article.title, "We\xE2\x80\x99ve compiled \xE2\x80\x9Cthe list\xE2\x80\x9D today");
}

}  // namespace
}  // namespace storyline::extract

namespace storyline::extract {
namespace {

TEST(HtmlExtractorTest, UnmarkedDatelineUnderTheHeadlineIsThePublicationDate) {
  // No class, itemprop or <time> names the date; a short dated line under the <h1> does. A
  // dated line before the headline (a sidebar) is only the fallback.
  const Extraction e = MustExtract(
      Page("", "<div class=\"x1\"><p>Oct 1, 2024</p></div><h1>Headline here</h1>"
               "<p class=\"text-sm\">Updated:<!-- --> <span>October 3, 2024</span></p>"));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2024-10-03");
  // Metadata still beats a visible line that disagrees with it.
  const Extraction m = MustExtract(
      Page("<meta property=\"article:published_time\" content=\"2024-09-01\">",
           "<h1>Headline here</h1><p>October 3, 2024</p>"));
  ASSERT_TRUE(m.article.published.has_value());
  EXPECT_EQ(m.article.published->ToIso8601(), "2024-09-01");
  // A long paragraph that mentions a date is prose, not a dateline.
  const Extraction p = MustExtract(Page(
      "", "<h1>Headline here</h1><p>The council met on October 3, 2024 to vote on the new "
          "budget for the coming year and the plan for the roads.</p>"));
  EXPECT_FALSE(p.article.published.has_value());
}

// JSON-LD's datePublished that disagrees with the dateline printed right under the headline
// gives way to it (plugins fill JSON-LD from a draft or an import); not to an update's date
// (labelled in the dateline or in the byline around it), not to a numeric date JSON-LD reads
// the other way round, and not to a date further down the page.
TEST(HtmlExtractorTest, DatelineUnderTheHeadlineBeatsJsonLd) {
  const std::string ld =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
      "\"2025-06-23T10:00:00+00:00\"}</script>";
  const std::string body = StoryParagraphs(4);
  Extraction e = MustExtract(Page(ld,
                                  "<h1>Best movers in New York</h1><p>Mike Marshall</p>"
                                  "<p>Friday, September 19, 2025</p>" +
                                      body));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-09-19");
  e = MustExtract(Page(ld,
                       "<h1>Best movers in New York</h1><span class=\"c-byline__item\">"
                       "Updated <time>Jul 24, 2025, 2:15pm EDT</time></span>" +
                           body));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2025-06-23");
  e = MustExtract(Page(ld,
                       "<h1>Best movers in New York</h1><p>By Block Renovation</p>"
                       "<p>06.23.2025</p>" +
                           body));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2025-06-23");
  e = MustExtract(Page(ld, "<h1>Best movers in New York</h1>" + body +
                               "<p>More</p><p>Other</p><p>Links</p><p>Here</p><p>Footer</p>"
                               "<p>September 19, 2025</p>"));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2025-06-23");
}

// A date written as bare text between a post's title and its body, in no element of its own.
TEST(HtmlExtractorTest, BareDatelineBetweenBlocks) {
  const Extraction e = MustExtract(
      "<html><body><fieldset><legend>Advent of Code 2024 week 2</legend>\n20 December 2024\n"
      "<div class=\"body\">" +
      StoryParagraphs(4) + "</div></fieldset></body></html>");
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2024-12-20");
}

TEST(HtmlExtractorTest, ModifiedComesFromDateModifiedAndModifiedTime) {
  const Extraction ld = MustExtract(Page(
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\","
      "\"datePublished\":\"2025-01-12T15:33:02+00:00\","
      "\"dateModified\":\"2025-01-22T23:00:05+00:00\"}</script>",
      ""));
  ASSERT_TRUE(ld.modified.has_value());
  EXPECT_EQ(ld.modified->ToIso8601(), "2025-01-22T23:00:05+00:00");
  EXPECT_EQ(ld.article.published->ToIso8601().substr(0, 10), "2025-01-12");
  const Extraction meta = MustExtract(
      Page("<meta property=\"article:modified_time\" content=\"2025-02-03T10:00:00Z\">", ""));
  ASSERT_TRUE(meta.modified.has_value());
  EXPECT_EQ(meta.modified->ToIso8601().substr(0, 10), "2025-02-03");
  EXPECT_FALSE(MustExtract(Page("", "")).modified.has_value());
}

TEST(HtmlExtractorTest, BylineElementsWhoseWordsTouchAreKeptApart) {
  const Extraction e = MustExtract(
      Page("", "<h1>Headline here</h1><div class=\"entry-meta\"><span class=\"byline\">By<a "
               "href=\"/u/gb\">Gabby Boucher</a></span><span class=\"cat-links\">In <a "
               "href=\"/c/t\">Budget Travel</a>, <a href=\"/c/g\">Guides</a></span></div>"));
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Gabby Boucher"});
}

TEST(HtmlExtractorTest, OwnerNamedAsAuthorAndPublisherIsTheAuthor) {
  // A one-person blog: JSON-LD names the same person as author and publisher, and the visible
  // byline names only them.
  const std::string ld =
      "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"H\","
      "\"author\":{\"name\":\"Gabby Boucher\"},\"publisher\":{\"name\":\"Gabby Boucher\"}}"
      "</script>";
  const Extraction e = MustExtract(
      Page(ld, "<h1>H</h1><span class=\"author\">Gabby Boucher</span>"));
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Gabby Boucher"});
  // When the visible byline names someone else, that person is the author.
  const Extraction other = MustExtract(
      Page(ld, "<h1>H</h1><span class=\"author\">By Jane Roe, Gabby Boucher</span>"));
  EXPECT_EQ(other.article.authors, std::vector<std::string>{"Jane Roe"});
}

// A byline that credits the site itself is its author when no person is named anywhere; a
// person named elsewhere on the page still wins.
TEST(HtmlExtractorTest, VisibleBylineCreditingTheSiteIsTheLastResort) {
  const std::string site = "<meta property=\"og:site_name\" content=\"Damien Walter\">";
  const Extraction owner = MustExtract(
      Page(site,
           "<h1>H</h1><span class=\"byline\">Posted by <span class=\"author vcard\">"
           "<a class=\"url fn n\" href=\"/author/dw/\">Damien Walter</a></span></span>"));
  EXPECT_EQ(owner.article.authors, std::vector<std::string>{"Damien Walter"});
  const Extraction person =
      MustExtract(Page(site + "<meta name=\"author\" content=\"Jane Roe\">",
                       "<h1>H</h1><span class=\"byline\">By Damien Walter</span>"));
  EXPECT_EQ(person.article.authors, std::vector<std::string>{"Jane Roe"});
}

// A line break in a byline ends the name: what follows is the author's job title.
TEST(HtmlExtractorTest, LineBreakInBylineEndsTheName) {
  const Extraction e = MustExtract(
      Page("",
           "<h1>H</h1><span class=\"byline-author__description\"> By <a href=\"/people/"
           "keith-barry/\">Keith Barry</a><br> <span class=\"byline-author__title\">Senior "
           "Autos Reporter</span></span>"));
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Keith Barry"});
}

// The byline keeps how the page joins its authors; anything else between the names (a job
// title, a date) leaves it to the names joined by ", ".
TEST(HtmlExtractorTest, BylineKeepsTheAuthorsAsWritten) {
  const Extraction two =
      MustExtract(Page("", "<h1>H</h1><span class=\"byline\">By Maria &amp; Katerina</span>"));
  EXPECT_EQ(two.article.authors, (std::vector<std::string>{"Maria", "Katerina"}));
  EXPECT_EQ(two.byline, "Maria & Katerina");
  const Extraction ld =
      MustExtract(Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
                       "{\"name\":\"Ann Lee, Bo Chen, and Cy Diaz\"}}</script>",
                       "<h1>H</h1>"));
  EXPECT_EQ(ld.article.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen", "Cy Diaz"}));
  EXPECT_EQ(ld.byline, "Ann Lee, Bo Chen, and Cy Diaz");
  const Extraction list =
      MustExtract(Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
                       "[{\"name\":\"Ann Lee\"},{\"name\":\"Bo Chen\"}]}</script>",
                       "<h1>H</h1>"));
  EXPECT_EQ(list.byline, "Ann Lee, Bo Chen");
  // A list in the publisher's fields, written out on the page.
  const Extraction shown = MustExtract(
      Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
           "[{\"name\":\"Ann Lee\"},{\"name\":\"Bo Chen\"},{\"name\":\"Cy Diaz\"}]}"
           "</script>",
           "<h1>H</h1><div class=\"byline\">By <a href=\"/a/1\">Ann Lee</a> , <a href=\"/a/2\">"
           "Bo Chen</a> and <a href=\"/a/3\">Cy Diaz</a></div>"));
  EXPECT_EQ(shown.byline, "Ann Lee, Bo Chen and Cy Diaz");
  const Extraction one =
      MustExtract(Page("", "<h1>H</h1><span class=\"byline\">By Jane Doe | 7 Nov 2025</span>"));
  EXPECT_EQ(one.byline, "Jane Doe");
  const Extraction none = MustExtract(Page("", "<h1>H</h1>"));
  EXPECT_EQ(none.byline, "");
}

// A link to an author page inside a sentence mentions someone; it is not a byline.
TEST(HtmlExtractorTest, AuthorLinkInRunningTextIsNotAByline) {
  const std::string prose =
      "<p>\"It opens up a whole new potential type of treatment,\" says study author <a "
      "href=\"/author/elizabeth-hoge\">Elizabeth Hoge</a>, director of the Anxiety Disorders "
      "Research Program at the university.</p>";
  const Extraction mention = MustExtract(Page("", "<h1>H</h1>" + prose));
  EXPECT_TRUE(mention.article.authors.empty()) << mention.article.authors[0];
  const Extraction byline = MustExtract(
      Page("", "<h1>H</h1><p>By <a href=\"/author/april-fulton\">April Fulton</a></p>" + prose));
  EXPECT_EQ(byline.article.authors, std::vector<std::string>{"April Fulton"});
}

// A dateline under the headline that names the writer first ("Name | Role | Date"), and a
// label element with the name as the text after it.
TEST(HtmlExtractorTest, NameInDatelineAndTextAfterLabel) {
  const Extraction dateline = MustExtract(
      Page("",
           "<h1>How AI Is Transforming Healthcare</h1><p>Aaron Ricadela | Senior Writer | July 2, "
           "2025</p>"));
  EXPECT_EQ(dateline.article.authors, std::vector<std::string>{"Aaron Ricadela"});
  const Extraction dated_only =
      MustExtract(Page("", "<h1>H</h1><p>Updated Daily | July 2, 2025</p>"));
  EXPECT_TRUE(dated_only.article.authors.empty()) << dated_only.article.authors[0];
  const Extraction label =
      MustExtract(Page("", "<h1>H</h1><div><strong>Contributors:</strong> Janet Loughrey </div>"));
  EXPECT_EQ(label.article.authors, std::vector<std::string>{"Janet Loughrey"});
}

TEST(HtmlExtractorTest, TitleDropsWhatFollowsAPipe) {
  const Extraction e = MustExtract(
      Page("<meta property=\"og:title\" content=\"Best Movers in NYC 2025 | Top 19 Companies\">",
           ""));
  EXPECT_EQ(e.article.title, "Best Movers in NYC 2025");
  const Extraction dash = MustExtract(
      Page("<meta property=\"og:title\" content=\"The Language Death Spiral - How Small "
           "Languages Die\">",
           ""));
  EXPECT_EQ(dash.article.title, "The Language Death Spiral - How Small Languages Die");
  const Extraction bullet = MustExtract(Page(
      "<meta property=\"og:site_name\" content=\"Gardenary\"><meta property=\"og:title\" "
      "content=\"Planting vs. Ordinary Planting \xE2\x80\xA2 Gardenary\">",
      ""));
  EXPECT_EQ(bullet.article.title, "Planting vs. Ordinary Planting");
}

TEST(HtmlExtractorTest, ForumHandleKeepsItsDigits) {
  const Extraction e = MustExtract("<html><body><div class=\"byline\">By paulb203 on 7 Nov 2025"
                                   "</div><article>" + StoryParagraphs(4) +
                                   "</article></body></html>");
  ASSERT_EQ(e.article.authors.size(), 1u);
  EXPECT_EQ(e.article.authors[0], "paulb203");
}

TEST(HtmlExtractorTest, AuthorBoxNameElementLeavesJobTitleOut) {
  const Extraction e = MustExtract(
      "<html><body><div class=\"author-box\"><h4 class=\"author-box__name\">Liz Kenny</h4>"
      "<div class=\"author-box__bio\"><p>Former McKinsey Consultant</p></div></div><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  ASSERT_EQ(e.article.authors.size(), 1u);
  EXPECT_EQ(e.article.authors[0], "Liz Kenny");
}

TEST(HtmlExtractorTest, ForumBadgesAroundUsernameAreDropped) {
  for (const char* box : {"B boobaloobie Full Member", "boobaloobie B", "boobaloobie (Boobaloobie)",
                          "B Offline boobaloobie wrote", "boobaloobie Members Joined"}) {
    const Extraction e = MustExtract(std::string("<html><body><div class=\"post-author\">") + box +
                                     "</div><article>" + StoryParagraphs(4) +
                                     "</article></body></html>");
    ASSERT_EQ(e.article.authors.size(), 1u) << box;
    EXPECT_EQ(e.article.authors[0], "boobaloobie") << box;
  }
}

TEST(HtmlExtractorTest, CredentialKeptAndReviewerDropped) {
  const Extraction e = MustExtract(
      "<html><body><div class=\"byline\">Shelby Loos, DVM*. Reviewed by Molly Price, DVM</div>"
      "<article>" + StoryParagraphs(4) + "</article></body></html>");
  ASSERT_EQ(e.article.authors.size(), 2u);
  EXPECT_EQ(e.article.authors[0], "Shelby Loos");
  EXPECT_EQ(e.article.authors[1], "DVM");
}

// A page whose body is `before` (headline, byline, dateline), then a four-paragraph article,
// then `after`: unlike Page(), the blocks stand outside the <article>, where pages put them.
Extraction PageWith(const std::string& before, const std::string& after = "") {
  return MustExtract("<html><body>" + before + "<article>" + StoryParagraphs(4) + "</article>" +
                     after + "</body></html>");
}
using Names = std::vector<std::string>;

TEST(HtmlExtractorTest, MonthAfterOneWordIsASurname) {
  EXPECT_EQ(PageWith("<div class=\"byline\">By Tom May</div>").article.authors, Names{"Tom May"});
  EXPECT_EQ(PageWith("<div class=\"byline\">By Jane Doe May 5, 2025</div>").article.authors,
            Names{"Jane Doe"});
}

TEST(HtmlExtractorTest, MicrodataAuthorOfTheArticleNotOfAComment) {
  const Extraction article = MustExtract(
      "<html><body><div itemscope itemtype=\"https://schema.org/Article\"><h1>Going vegan</h1>"
      "<span>By <span itemprop=\"author\" itemscope itemtype=\"http://schema.org/Person\">"
      "<span itemprop=\"name\">Ask the Doctors</span></span></span><article>" +
      StoryParagraphs(4) + "</article></div></body></html>");
  EXPECT_EQ(article.article.authors, Names{"Ask the Doctors"});
  const Extraction comment = PageWith(
      "<h1>Going vegan</h1><div class=\"byline\">By Jane Doe</div>",
      "<div itemscope itemtype=\"https://schema.org/Comment\"><span itemprop=\"author\">Some "
      "Reader</span> wrote a comment.</div>");
  EXPECT_EQ(comment.article.authors, Names{"Jane Doe"});
}

TEST(HtmlExtractorTest, BylineCreditsWithListsAndCompanies) {
  // "with" joins two writers; the byline keeps it.
  const Extraction with =
      PageWith("<h1>Run a marathon</h1><span class=author>By Dieter Hogen with Uta Pippig</span>");
  EXPECT_EQ(with.article.authors, (Names{"Dieter Hogen", "Uta Pippig"}));
  EXPECT_EQ(with.byline, "Dieter Hogen with Uta Pippig");
  // A label heading over a list of names.
  EXPECT_EQ(PageWith("<h1>Policies</h1><div><h6>Author(s)</h6>\n<ul><li><a href=\"/l?a=1\">John "
                     "A. Alic</a></li><li><a href=\"/l?a=2\">David C. Mowery</a></li></ul></div>")
                .article.authors,
            (Names{"John A. Alic", "David C. Mowery"}));
  // A company whose name starts with digits.
  EXPECT_EQ(PageWith("<h1>Robot vacuums</h1><div><p>Feb 6, 2025</p><p>By 3i Global</p></div>")
                .article.authors,
            Names{"3i Global"});
  // A forum thread's opening line; an analytics tag's author field.
  EXPECT_EQ(PageWith("<h2>AI in forums?</h2><p>Started by Biology Forums, June 04, 2024, "
                     "11:23:55 AM</p>")
                .article.authors,
            Names{"Biology Forums"});
  EXPECT_EQ(PageWith("<meta property=\"cXenseParse:author\" content=\"Harry Rabinowitz\"/>")
                .article.authors,
            Names{"Harry Rabinowitz"});
}

TEST(HtmlExtractorTest, AuthorBoxNameBeforeItsBio) {
  const Extraction e = PageWith(
      "<h1>Surge</h1>",
      "<div class=\"storyArticle_author\"><a class=\"authorBlock\" "
      "href=\"/author/reyan\"><div><div "
      "class=\"authorBlock_authorText\"><div>Written By</div><div "
      "class=\"authorBlock_title\">Reyan "
      "Perumal</div></div></div><div class=\"authorBlock_description\">Reyan Perumal is a content "
      "writer at Surge Global, a digital consultancy, and writes about data.</div></a></div>");
  EXPECT_EQ(e.article.authors, Names{"Reyan Perumal"});
}

TEST(HtmlExtractorTest, WriterCreditedInASentenceWithPosition) {
  EXPECT_EQ(PageWith("<h1>Peer review</h1><div class=\"post-author\">This post was written by "
                     "Danielle Padula, Head of Marketing and Community Development</div>")
                .article.authors,
            Names{"Danielle Padula"});
}

TEST(HtmlExtractorTest, ForumPosterBoxNamesTheAuthorNotTheDate) {
  // FluxBB / PunBB: the poster's box left of the post; its date is the member's.
  const Extraction e = MustExtract(
      "<html><body><div class=\"blockpost\"><h2><span><a href=\"#p1\">2024-08-03 10:59:47</a>"
      "</span></h2><div class=\"postleft\"><dl><dt><strong>archuser38013</strong></dt><dd class="
      "\"usertitle\"><strong>Member</strong></dd><dd><span>Registered: 2024-01-27</span></dd>"
      "</dl></div><div class=\"postright\"><h3>Forum software</h3><div class=\"postmsg\">" +
      StoryParagraphs(4) + "</div></div></div></body></html>");
  EXPECT_EQ(e.article.authors, Names{"archuser38013"});
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2024-08-03");
}

TEST(HtmlExtractorTest, NameAfterTheDateBesideTheHeadline) {
  auto authors = [](const std::string& before) { return PageWith(before).article.authors; };
  EXPECT_EQ(authors("<h1>Mission accomplished</h1><div><span>2025-12-17</span><span>\xC2\xB7"
                    "</span><a title=\"Trond Teigen\"><img alt=\"\"><span>Trond Teigen</span></a>"
                    "</div>"),
            Names{"Trond Teigen"});
  EXPECT_EQ(authors("<h1>Pricing guide</h1><p>Dec 26, 2025 <span>\xE2\x80\xA2</span> Mahua Das "
                    "in <a href=\"/blog/pm\">Project Management</a></p>"),
            Names{"Mahua Das"});
  // The line right before the headline too; and not a reading time.
  EXPECT_EQ(authors("<div><span>Dec 17, 2025</span> <span>Julian K. Arni</span></div><h1>Nix "
                    "builds</h1>"),
            Names{"Julian K. Arni"});
  EXPECT_TRUE(authors("<h1>Nix builds</h1><p>Dec 17, 2025 \xC2\xB7 5 min read</p>").empty());
  EXPECT_EQ(authors("<h1>Which program?</h1><div class=\"fs-small\">March 15, 2022 <span>\xC2\xB7"
                    "</span> 3 min read <span>\xC2\xB7</span> By Jane Roe</div>"),
            Names{"Jane Roe"});
}

TEST(HtmlExtractorTest, WikiFooterEditDateIsNotThePublicationDate) {
  const Extraction e =
      PageWith("<h1>Sudo</h1>",
               "<footer><ul><li id=\"footer-info-lastmod\">This page was last edited on 2 "
               "March 2025, at 10:32.</li></ul></footer>");
  EXPECT_FALSE(e.article.published.has_value()) << e.article.published->ToIso8601();
}

TEST(HtmlExtractorTest, TitleEntitiesDecodedAndPermalinkMarkDropped) {
  const Extraction escaped =
      MustExtract("<html><body><h1>And finally&amp;#8230; trouble brewing</h1><article>" +
                  StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(escaped.article.title, "And finally\xE2\x80\xA6 trouble brewing");
  const Extraction docs = MustExtract(
      "<html><body><h1>Quickstart<a class=\"headerlink\" href=\"#q\">\xC2\xB6</a></h1><article>" +
      StoryParagraphs(4) + "</article></body></html>");
  EXPECT_EQ(docs.article.title, "Quickstart");
}

}  // namespace
}  // namespace storyline::extract

// ---------------------------------------------------------------------------------------------
// Metadata fixtures: each testdata/extract/metadata/NAME.html is checked against
// NAME.expected.json ({"title": ..., "authors": [...], "published": ISO 8601 or null}).
// Adding a case is adding the two files.

namespace storyline::extract {
namespace {

std::vector<std::string> MetadataFixtures() {
  std::vector<std::string> names;
  const std::filesystem::path dir =
      std::filesystem::path(STORYLINE_SOURCE_DIR) / "testdata/extract/metadata";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".html") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class MetadataFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MetadataFixtureTest, MatchesExpectation) {
  const std::filesystem::path dir =
      std::filesystem::path(STORYLINE_SOURCE_DIR) / "testdata/extract/metadata";
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << "missing " << path;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const nlohmann::json want =
      nlohmann::json::parse(read(dir / (GetParam() + ".expected.json")), nullptr, false);
  ASSERT_FALSE(want.is_discarded()) << GetParam() << ".expected.json is not JSON";
  ExtractOptions options;
  options.now_unix = 1762517000;  // 2025-11-07T12:03:20Z
  const Result<Extraction> e = ExtractHtml(read(dir / (GetParam() + ".html")), options);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->article.title, want.at("title").get<std::string>());
  EXPECT_EQ(e->article.authors, want.at("authors").get<std::vector<std::string>>());
  const std::string published = e->article.published ? e->article.published->ToIso8601() : "";
  EXPECT_EQ(published, want.at("published").is_null() ? "" : want.at("published").get<std::string>());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MetadataFixtureTest, ::testing::ValuesIn(MetadataFixtures()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace storyline::extract
