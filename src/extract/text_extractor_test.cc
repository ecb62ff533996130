#include "extract/text_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace storyline::extract {
namespace {

std::string Seed(const std::string& name) {
  std::ifstream in(std::string(STORYLINE_SOURCE_DIR) + "/examples/seeds/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Extraction ExtractPage(const std::string& text) {
  ExtractOptions options;
  options.now_unix = 1767225600;  // 2026-01-01
  auto r = ExtractText(text, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Extraction{};
}

// `n` copies of a line of prose, each ending the line.
std::string Repeated(const std::string& line, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += line + "\n";
  return out;
}

std::string Joined(const Article& a) {
  std::string out;
  for (const auto& p : a.paragraphs) out += p + "\n\n";
  return out;
}

void ExpectNoChrome(const Article& a) {
  const std::string text = Joined(a);
  for (const char* chrome :
       {"Sign Up", "Related Reads", "You may also like", "No time to read?", "Get a summary",
        "Hashtags", "Comments", "feedback@", "Previous Article", "Related Articles", "1920 1080"}) {
    EXPECT_EQ(text.find(chrome), std::string::npos) << chrome << " leaked into:\n" << text;
  }
}

TEST(TextExtractorTest, ReopenMediaBriefing) {
  Extraction e = ExtractPage(Seed("000_68ef8a0b26c085fc.txt"));
  const Article& a = e.article;
  EXPECT_EQ(a.title, "Peskov on Ukraine, US Dialogue, and Russian Military Buildup");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->ToIso8601(), "2025-11-07T12:28:00");
  ASSERT_EQ(a.paragraphs.size(), 4u);
  EXPECT_EQ(a.paragraphs[0].rfind("Press Secretary for the President", 0), 0u);
  EXPECT_NE(a.paragraphs[3].find("presidential aide Alexey Dyumin."), std::string::npos);
  ExpectNoChrome(a);
  EXPECT_TRUE(e.related.empty());
}

TEST(TextExtractorTest, SputnikWithUrlDatesTagsAndImprint) {
  Extraction e = ExtractPage(Seed("001_4732aee553240bac.txt"));
  const Article& a = e.article;
  EXPECT_EQ(a.title, "Russian-US Summit Will Be in Demand by Both Sides at Some Point - Kremlin");
  EXPECT_EQ(a.url,
            "https://sputnikglobe.com/20251107/"
            "russian-us-summit-will-be-in-demand-by-both-sides-at-some-point---kremlin-"
            "1123073323.html");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->ToIso8601(), "2025-11-07T12:20:00+00:00");
  EXPECT_EQ(a.outlet, "Sputnik International");
  ASSERT_GE(a.tags.size(), 5u);
  EXPECT_EQ(a.tags[0], "world");
  EXPECT_EQ(a.tags[1], "dmitry peskov");
  EXPECT_EQ(a.paragraphs.front().rfind("A Russia-US summit will certainly", 0), 0u);
  // The glued subheading is split off the paragraph before it.
  bool split = false;
  for (const auto& p : a.paragraphs) split |= p.rfind("Pause in Negotiation Process", 0) == 0;
  EXPECT_TRUE(split) << Joined(a);
  // ... and so is the sentence glued to its end ("...Caused by UkraineThe pause in ...").
  bool heading_alone = false;
  for (const auto& p : a.paragraphs) {
    heading_alone |= p == "Pause in Negotiation Process Caused by Ukraine";
    EXPECT_EQ(p.find("UkraineThe"), std::string::npos) << p;
  }
  EXPECT_TRUE(heading_alone) << Joined(a);
  EXPECT_NE(e.lead_image.find("cdn1.img.sputnikglobe.com"), std::string::npos);
  ExpectNoChrome(a);
  ASSERT_EQ(e.related.size(), 1u);
  EXPECT_NE(e.related[0].url.find("orban-1123070977"), std::string::npos);
}

TEST(TextExtractorTest, NamesWithInnerCapitalsAreNotSeams) {
  const Extraction e = ExtractPage(
      "Gadget news\n\nThe McDonald family bought an iPhone on YouTube in March, and "
      "they said the PlayStation was sold out at every store in town.\n\nA second "
      "paragraph says that the store will order more of them next week, the owner said.\n");
  const std::string all = Joined(e.article);
  EXPECT_NE(all.find("The McDonald family bought an iPhone on YouTube"), std::string::npos)
      << all;
}

TEST(TextExtractorTest, RewriteWithoutTitleAndTeasers) {
  Extraction e = ExtractPage(Seed("002_b657d2916ab985db.txt"));
  const Article& a = e.article;
  EXPECT_EQ(a.title, "");  // the page states none; a body sentence is not a title
  EXPECT_FALSE(a.published);
  EXPECT_EQ(a.paragraphs.size(), 7u);
  ExpectNoChrome(a);
  ASSERT_EQ(e.related.size(), 5u);
  EXPECT_EQ(e.related[4].title, "Bacon cooks 'perfectly' in the air fryer with 1 simple method");
}

TEST(TextExtractorTest, SubheadingsAreKeptSummaryWidgetIsNot) {
  Extraction e = ExtractPage(Seed("003_2f87dc2640e37137.txt"));
  const Article& a = e.article;
  EXPECT_EQ(a.title, "Russia Briefing: Peskov Updates on Mobilization and Security");
  EXPECT_EQ(a.paragraphs.front().rfind("Dmitry Peskov told reporters", 0), 0u);
  const std::string text = Joined(a);
  EXPECT_NE(text.find("\n\nProtecting cities from attacks\n\n"), std::string::npos);
  EXPECT_NE(text.find("\n\nNegotiations with Xi Jinping\n\n"), std::string::npos);
  EXPECT_EQ(text.find("report to the president"), std::string::npos);
  EXPECT_EQ(a.outlet, "");  // a repeated widget label is not the outlet
  ExpectNoChrome(a);
  ASSERT_EQ(e.related.size(), 2u);
  EXPECT_EQ(e.related[0].title, "Rivet and Free Itch.io Games for North America");
}

TEST(TextExtractorTest, RelatedArticlesAreSplitWithTheirOutlet) {
  Extraction e = ExtractPage(Seed("004_15f1c4107c37abfd.txt"));
  const Article& a = e.article;
  EXPECT_EQ(a.title, "Russia prefers peaceful solution to Ukraine conflict");
  EXPECT_EQ(a.paragraphs.size(), 8u);
  EXPECT_NE(a.paragraphs.back().find("not being used."), std::string::npos);
  ExpectNoChrome(a);
  ASSERT_EQ(e.related.size(), 3u);
  EXPECT_EQ(e.related[0].title, "Ukraine has ‘sold out'");
  EXPECT_EQ(e.related[0].outlet, "Russia Today");
  EXPECT_EQ(e.related[1].title, "Putin and Xi discuss Ukraine ahead of expected Russia-US summit");
  EXPECT_EQ(e.related[2].text.rfind("Indian Prime Minister Narendra Modi", 0), 0u);
}

// A "Related" box inside the story (two markers over teaser titles, then the story goes on for
// longer than it had run) is not where the article ends; a box after the end of the story,
// over a shorter run of other prose, still is.
TEST(TextExtractorTest, RelatedBoxInsideTheStoryDoesNotEndIt) {
  auto paragraphs = [](const char* subject, std::initializer_list<const char*> topics) {
    std::string out;
    for (const char* topic : topics) {
      out += std::string(subject) + topic +
             ", the finance officer said on Tuesday, since the money that was set aside last "
             "year was never spent and the council now wants it back for the coming year.\n";
    }
    return out;
  };
  const std::string before =
      paragraphs("The council cut the budget for ", {"roads", "parks", "lighting", "bridges"});
  const std::string after =
      paragraphs("The council raised the budget for ",
                 {"schools", "libraries", "buses", "museums", "sport", "housing"});
  const std::string related =
      "Related\nFerry timetable changes for the winter season\nNew pier opens to visitors\n"
      "Related\nMuseum extends its opening hours\nLibrary card fees are dropped\n";
  const Extraction inside = ExtractPage("Council sets its budget\n" + before + related + after);
  EXPECT_NE(Joined(inside.article).find("budget for housing"), std::string::npos);
  EXPECT_EQ(Joined(inside.article).find("Ferry timetable"), std::string::npos);

  // Teaser titles in title case that end in a quote mark are headlines, not sentences.
  const std::string quoted_related =
      "Related\nThe Ferry Company: Sailing On With the Crews of 'The Winter Run'\n"
      "Related\nMarty Stuart on Making the Museum's 'Country Music' Show\n";
  const Extraction quoted =
      ExtractPage("Council sets its budget\n" + before + quoted_related + after);
  EXPECT_NE(Joined(quoted.article).find("budget for housing"), std::string::npos);
  EXPECT_EQ(Joined(quoted.article).find("Winter Run"), std::string::npos);

  // A "Read More" button right over the rest of the story.
  const Extraction button =
      ExtractPage("Council sets its budget\n" + before + "Read More\n" + after);
  EXPECT_NE(Joined(button.article).find("budget for housing"), std::string::npos);

  // A call-to-action box closed by its "Read more" button, then the story goes on under a
  // subheading, for much longer than it had run: the story does not end at the box.
  const std::string long_after = after + paragraphs("The council kept the budget for ",
                                                    {"parking", "markets", "swimming pools",
                                                     "allotments", "cemeteries", "street art"});
  const Extraction cta =
      ExtractPage("Council sets its budget\n" + before +
                  "Plan your spending with our budgeting tools for councils\nRead more\n"
                  "Where the money goes\n" +
                  long_after);
  EXPECT_NE(Joined(cta.article).find("budget for street art"), std::string::npos);
  EXPECT_EQ(Joined(cta.article).find("budgeting tools"), std::string::npos);

  // Teasers credited with their source's domain ("1 digg citylab.com Cities Law") are a list
  // of other articles, however long their blurbs run.
  std::string teasers = "Want more stories like this?\n";
  for (const char* site : {"citylab.com", "thecut.com", "aeon.co", "vox.com"}) {
    teasers += std::string("A teaser headline about another city\n1 digg ") + site +
               " Cities Law\n" +
               paragraphs("Another city voted to change the budget for ", {"trams", "ports"});
  }
  const Extraction credited = ExtractPage("Council sets its budget\n" + before + after + teasers);
  EXPECT_NE(Joined(credited.article).find("budget for housing"), std::string::npos);
  EXPECT_EQ(Joined(credited.article).find("Another city"), std::string::npos);

  // After the whole story, a box over a shorter run of other prose ends it.
  const std::string notice = paragraphs("We use your data to publish your comment on ",
                                        {"this page", "our site", "our apps"});
  const Extraction end =
      ExtractPage("Council sets its budget\n" + before + after + related + notice);
  EXPECT_NE(Joined(end.article).find("budget for housing"), std::string::npos);
  EXPECT_EQ(Joined(end.article).find("We use your data"), std::string::npos);
}

// A rail of teasers, each title glued to its blurb, reads like prose and outweighs a short
// wire story; the story starts under the headline the page's <title> names and its date.
TEST(TextExtractorTest, StoryStartsUnderItsHeadline) {
  std::string page = "Storm hits the coast \u2013 Valley News\nHome\nNews\n";
  for (const char* teaser :
       {"Council Sets Its BudgetThe council met on Tuesday evening to discuss the new budget, "
        "which cuts spending on roads and raises it for schools, libraries and parks.",
        "Ferry Timetable ChangesThe winter timetable of the ferry starts next week, with fewer "
        "crossings in the morning and a new late crossing on Friday and Saturday nights.",
        "New Pier OpensThe new pier opened to visitors on Saturday after two years of building "
        "work, and the harbour master said boats will be able to moor there from spring.",
        "Museum Extends HoursThe town museum will stay open until eight in the evening on "
        "Thursdays, its director said, so that people who work during the day can visit.",
        "Library Drops Card FeesThe library no longer charges for new cards, the council said, "
        "after a year in which the number of members fell for the first time in a decade."}) {
    page += std::string(teaser) + "\n";
  }
  page +=
      "Storm hits the coast\nNovember 19, 2019 at 9:45 am\n"
      "VALLEY (AP) \u2014 A storm hit the coast on Tuesday night, bringing down trees and power "
      "lines in several towns.\n"
      "About two thousand homes were without power on Wednesday morning, the utility said, and "
      "crews from three counties were working to restore it before the evening.\n"
      "Schools in the harbour towns stayed closed, and the coast road was shut between the two "
      "bridges while workers cleared fallen trees, the police said.\n";
  const Extraction e = ExtractPage(page);
  ASSERT_FALSE(e.article.paragraphs.empty());
  EXPECT_EQ(e.article.paragraphs.front().rfind("VALLEY (AP)", 0), 0u) << Joined(e.article);
  EXPECT_EQ(Joined(e.article).find("ferry"), std::string::npos);
}

// A related box right under the lede (a dateline over it) interrupts the story before an
// article's worth of it: the lede stays the story's first paragraph.
TEST(TextExtractorTest, RelatedBoxUnderTheLede) {
  std::string page =
      "Third case of plague reported | Daily Star\nHome\nNews\nThird case of plague reported\n"
      "By Sean Martin\nPUBLISHED: 00:01, Tue, Nov 19, 2019\n"
      "Health authorities in the region have confirmed that a third case of the plague has been "
      "reported, after two people from the same town contracted the disease earlier this "
      "month while working on a farm.\n"
      "Related articles\nPlague outbreak: region hit by highly contagious plague\n"
      "Horror as swarms of mosquitos head north\n";
  page += Repeated(
      "The other people who met the patients have shown no signs of the disease, the health "
      "authorities said, and the hospital where they were treated has been disinfected.",
      4);
  const Extraction e = ExtractPage(page);
  ASSERT_FALSE(e.article.paragraphs.empty());
  EXPECT_EQ(e.article.paragraphs.front().rfind("Health authorities in the region", 0), 0u)
      << Joined(e.article);
  EXPECT_NE(Joined(e.article).find("has been disinfected"), std::string::npos);
  EXPECT_EQ(Joined(e.article).find("mosquitos"), std::string::npos);
}

// A tag cloud flattened into one long line of words has no punctuation: it is not the
// article, however long it is.
TEST(TextExtractorTest, TagCloudLineIsNotProse) {
  const Extraction e = ExtractPage(
      "Home care base reports break-in\n"
      "adopt a friend water alert environment friendship service archive library walk campaign "
      "training carnival civil council culture course courses dance defense day notice school "
      "events fair festival forum housing opening library books lights environment mobility "
      "museum christmas work works lecture bridge project projects reading reform street\n"
      "05/10/2018 - Published by the press office\n"
      "Two of the five cars of the home-care service were found broken into this morning, with "
      "their batteries gone and their doors damaged.\n"
      "The police came to see the damage and a report was filed, and patients booked for the "
      "morning are being given new appointments.\n");
  EXPECT_NE(Joined(e.article).find("broken into this morning"), std::string::npos);
  EXPECT_EQ(Joined(e.article).find("carnival"), std::string::npos) << Joined(e.article);
}

// Comments under the article (a name over the time it was posted, three times or more, by
// different people) are not the article; a live blog's entries, headed by their times, are.
TEST(TextExtractorTest, CommentThreadIsNotTheArticle) {
  std::string story;
  for (const char* topic : {"roads", "parks", "schools", "libraries", "buses"}) {
    story += std::string("The council changed the budget for ") + topic +
             ", the finance officer said on Tuesday, since the money that was set aside last "
             "year was never spent and the council now wants it back.\n";
  }
  // Each head over the same text: comments under their names and times, live-blog entries.
  auto posts = [](std::initializer_list<const char*> heads, const std::string& text) {
    std::string out;
    for (const char* head : heads) out += std::string(head) + "\n" + text + "\n";
    return out;
  };
  const std::string comments =
      "[ 3 comments ]\n" +
      posts({"riverwatcher\n2 days ago at 07:52 am", "Ann K\n2 days ago at 08:10 am",
             "oldtowner\n2 days ago at 09:45 am"},
            "This budget is a disgrace and the council should be ashamed of what it has done to "
            "the roads in this town over the years.");
  const Extraction e = ExtractPage("Council sets its budget\n" + story + comments);
  EXPECT_NE(Joined(e.article).find("budget for buses"), std::string::npos);
  EXPECT_EQ(Joined(e.article).find("disgrace"), std::string::npos) << Joined(e.article);

  const std::string live =
      posts({"10:32 am", "10:45 am", "11:02 am"},
            "The mayor told the meeting that the vote would go ahead as planned, despite the "
            "protests outside the hall and the calls for a delay from the opposition.");
  const Extraction blog = ExtractPage("Council sets its budget\n" + story + live);
  EXPECT_NE(Joined(blog.article).find("protests outside the hall"), std::string::npos);

  // A forum thread: the first post has a head of its own (some lines of badges and buttons
  // may stand between it and the post), and the replies are the page.
  const Extraction forum = ExtractPage(
      "Council sets its budget\nmayorwatch\n3 days ago at 09:10 am\nMember\nPosts: 212\n"
      "Joined 2019\nQuote\nReply\nShare\n" +
      story + comments);
  EXPECT_NE(Joined(forum.article).find("disgrace"), std::string::npos);
}

// A page that prints its story twice (a summary block that repeats the text) gives it once;
// a list's short lines that recur (a meal plan's daily items) all stay.
TEST(TextExtractorTest, RepeatedLongParagraphIsKeptOnce) {
  std::string story;
  for (int i = 0; i < 8; ++i) {
    story +=
        "The council changed the budget again this year, the finance officer said on "
        "Tuesday, because the money that was set aside last year for the roads, the parks "
        "and the schools was never spent, and the council now wants it back for the ";
  }
  story += "coming year.";
  const Extraction e = ExtractPage("Council sets its budget\n" + story + "\n" + story + "\n" +
                                   "Day one: rice, beans and a green salad with lemon.\n"
                                   "Day two: rice, beans and a green salad with lemon.\n");
  ASSERT_FALSE(e.article.paragraphs.empty());
  EXPECT_EQ(std::count(e.article.paragraphs.begin(), e.article.paragraphs.end(), story), 1);
}

// A page that prints its story twice in paragraphs of a sentence or two gives each once; a
// list's items of that length that recur (no sentence: a recipe per day) all stay.
TEST(TextExtractorTest, RepeatedSentenceParagraphsAreKeptOnce) {
  const std::string first =
      "The council changed the budget again this year, the finance officer said on Tuesday, "
      "because the money set aside last year for the roads was never spent.";
  const std::string second =
      "The council now wants that money back for the coming year, and it will vote on the new "
      "plan for the roads, the parks and the schools next week, she said.";
  const std::string item =
      "Asparagus and Eggs [1 cup asparagus, 2 soft-boiled or poached eggs, half a cup of sweet "
      "potato or a slice of whole-grain toast, 1 tsp. olive oil for the potatoes]";
  const std::string page = "Council sets its budget\n" + first + "\n" + second + "\n" + item +
                           "\n" + first + "\n" + second + "\n" + item + "\n";
  const Extraction e = ExtractPage(page);
  const auto& p = e.article.paragraphs;
  EXPECT_EQ(std::count(p.begin(), p.end(), first), 1) << Joined(e.article);
  EXPECT_EQ(std::count(p.begin(), p.end(), second), 1);
  EXPECT_EQ(std::count(p.begin(), p.end(), item), 2);
}

// A flattened page opens with its <title> ("Headline | Site"); its menu repeats "Order Now"
// more often than the page repeats the headline, which stands just over the story.
TEST(TextExtractorTest, TitleIsTheHeadlineThePagesTitleNamesNotTheMostRepeatedMenuItem) {
  std::string page =
      "Autumn menus get more protein | Scratch Kitchen\nHome\nOrder Now\nMenu\n"
      "Order Now\nPlans\nOrder Now\nAbout\nOrder Now\n"
      "Autumn menus get more protein\nSeptember 4, 2025\n";
  page += Repeated(
      "Fall is a season when nutrition trends take center stage, and athletes and busy "
      "professionals alike look for ways to stay fueled and support their health.",
      3);
  page += "Order Now\n";
  const Extraction e = ExtractPage(page);
  EXPECT_EQ(e.article.title, "Autumn menus get more protein");
}

// With no headline printed over the story, the <title> line is the title without the site's
// name, whichever separator it is cut off by; "Headline / Forum / Site" keeps the headline.
TEST(TextExtractorTest, TitleLineLosesTheSiteAfterAnySeparator) {
  const std::string story = Repeated(
      "Fall is a season when nutrition trends take center stage, and athletes and busy "
      "professionals alike look for ways to stay fueled and support their health.",
      3);
  for (const char* top :
       {"Healthy Eating Plate \u2022 The Nutrition Source", "Healthy Eating Plate : NPR",
        "Healthy Eating Plate \u00BB Goshopia", "Healthy Eating Plate @ Windy Community",
        "Healthy Eating Plate / Nutrition Discussion / Food Forums"}) {
    const Extraction e = ExtractPage(std::string(top) + "\nHome\nAbout\n" + story);
    EXPECT_EQ(e.article.title, "Healthy Eating Plate") << top;
  }
}

// A byline's label on a line of its own names the line under it; a filter's label does not.
TEST(TextExtractorTest, BylineLabelOnItsOwnLine) {
  const std::string story = Repeated(
      "Fall is a season when nutrition trends take center stage, and athletes and busy "
      "professionals alike look for ways to stay fueled and support their health.",
      3);
  for (const char* label : {"By", "Written By", "Author:"}) {
    const Extraction e = ExtractPage("Autumn menus get more protein\n" + std::string(label) +
                                     "\nJoanna Okedara\nTable of Contents\n" + story);
    EXPECT_EQ(e.article.authors, std::vector<std::string>{"Joanna Okedara"}) << label;
  }
  const Extraction filter =
      ExtractPage("Autumn menus get more protein\nAuthor\nDate within\n" + story);
  EXPECT_TRUE(filter.article.authors.empty()) << filter.article.authors[0];
}

// A name on a line of its own under the headline the page prints, with the writer's job
// title or the date under it, is the byline; a heading under the headline is not.
TEST(TextExtractorTest, NameUnderThePrintedHeadline) {
  const std::string story = Repeated(
      "Fall is a season when nutrition trends take center stage, and athletes and busy "
      "professionals alike look for ways to stay fueled and support their health.",
      3);
  const std::string top = "Autumn menus get more protein | Scratch Kitchen\nHome\n" +
                          Repeated(
                              "Order healthy meals from our chefs and get them delivered to "
                              "your door this week.",
                              1) +
                          "Autumn menus get more protein\n";
  for (const char* under : {"VP - Technology", "April 10, 2025"}) {
    const Extraction e = ExtractPage(top + "Chirag Bhardwaj\n" + under + "\n" + story);
    EXPECT_EQ(e.article.authors, std::vector<std::string>{"Chirag Bhardwaj"}) << under;
  }
  const Extraction heading = ExtractPage(top + "Table Of Contents\nIntroduction\n" + story);
  EXPECT_TRUE(heading.article.authors.empty()) << heading.article.authors[0];
  // The headline as printed words the <title> otherwise; a breadcrumb that holds it is
  // passed over; a byline's label under it names the line below.
  const std::string reworded = "Autumn menus get more protein | Scratch Kitchen\nHome\n" +
                               Repeated(
                                   "Order healthy meals from our chefs and get them delivered to "
                                   "your door this week.",
                                   1) +
                               "Home - Blog - Why autumn menus get more protein this year\n"
                               "Why autumn menus get more protein this year\n";
  // The name comes back in an author box and under related posts.
  Extraction e = ExtractPage(reworded + "Pavlina Petkova\nApril 10, 2025\n" + story +
                             "Pavlina Petkova\nMore posts\nPavlina Petkova\n");
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Pavlina Petkova"});
  e = ExtractPage(reworded + "Written By\nMiguel Zabludovsky\n" + story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Miguel Zabludovsky"});
}

// The byline's date wins over a date line inside the story, however long the byline.
TEST(TextExtractorTest, BylineDateBeatsADateLineInTheStory) {
  const Extraction e = ExtractPage(
      "Best Cloud Computing Stocks of 2025\n"
      "By Scott Levine \u2013 Updated Sep 9, 2025 at 1:00 PM EST | Fact-checked by Frank Bass "
      "and the editors of the markets desk\n" +
      Repeated("Cloud computing companies sell computing power, storage and software over the "
               "internet, and investors have rewarded the largest of them this year.",
               2) +
      "Data as of Dec 20, 2025.\n" +
      Repeated("Analysts expect spending on cloud services to keep growing as companies move more "
               "of their work to rented data centers and buy tools for artificial intelligence.",
               2));
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2025-09-09");
}

// A menu written in sentences puts the body's start over the headline; the headline that the
// page's <title> names is still the title.
TEST(TextExtractorTest, TitleNamedByThePagesTitleInsideTheBody) {
  const Extraction e = ExtractPage(
      "Autumn menus get more protein | Scratch Kitchen\n" +
      Repeated("Order healthy meals from our chefs and get them delivered to your door this week.",
               2) +
      "Autumn menus get more protein\n" +
      Repeated("Fall is a season when nutrition trends take center stage, and athletes and busy "
               "professionals alike look for ways to stay fueled and support their health.",
               3));
  EXPECT_EQ(e.article.title, "Autumn menus get more protein");
}

// A long headline reads like a sentence (a colon, a comma, 28 words); printed over the story
// as the page's <title> names it, it is still the title.
TEST(TextExtractorTest, TitleNamedByThePagesTitleEvenWhenItReadsAsProse) {
  const std::string headline =
      "Top nutrition trends for fall 2025: what fitness experts are eating this season, and how "
      "our kitchen makes eating well easy for busy people every single week";
  const Extraction e = ExtractPage(
      headline + " | Scratch Kitchen\nHome\nOrder Now\nMenu\nOrder Now\nPlans\nOrder Now\n" +
      headline + "\n" +
      Repeated("Fall is a season when nutrition trends take center stage, and athletes and busy "
               "professionals alike look for ways to stay fueled and support their health.",
               3));
  EXPECT_EQ(e.article.title, headline);
}

// The page does not print its headline again: its <title> line, without the site's name, is
// the title, not the menu item it repeats most.
TEST(TextExtractorTest, TitleFromThePagesTitleWhenNoLinePrintsIt) {
  std::string page =
      "Best moving companies in New York | Movers Guide\nHome\nGet a Quote\nMenu\n"
      "Get a Quote\nPlans\nGet a Quote\n";
  page += Repeated(
      "Moving within New York takes planning, and the companies below were rated on price, care "
      "and punctuality by hundreds of customers over the past year.",
      3);
  EXPECT_EQ(ExtractPage(page).article.title, "Best moving companies in New York");
  // A first line that is a sentence is not a title.
  page = "Moving within New York takes planning, and the companies below were rated.\n" + page;
  EXPECT_NE(ExtractPage(page).article.title, "Best moving companies in New York");
}

// "Headline | Section | Site": the masthead prints the site's name, the story its headline;
// both are parts of the <title>, and the headline is the one just over the story.
TEST(TextExtractorTest, TitleIsThePartOfThePagesTitleClosestOverTheStory) {
  const Extraction e = ExtractPage(
      "Healthy eating tips | Nutrition | Valley Health\nValley Health\nHome\nTopics\n"
      "Healthy eating tips\n" +
      Repeated("Eating well means more vegetables, fruit and whole grains, and less salt and "
               "sugar, the health service says in its new guidance for families.",
               3));
  EXPECT_EQ(e.article.title, "Healthy eating tips");
}

// The <title> printed again over the story, site name and all: the title loses the name the
// first line ends with, and a separator left dangling; the byline beside the printed line is
// still found. A tail that is a date or a number is no site's name.
TEST(TextExtractorTest, HeadlinePrintedWithTheSiteNameLosesIt) {
  const std::string story = Repeated(
      "Renting a car could lead to an arrest when the rental company lists the car as stolen, "
      "and several drivers have now told reporters about frightening traffic stops.",
      3);
  Extraction e = ExtractPage(
      "Vehicle rental news and coverage | WRAL\nHome\nNews\nVehicle rental news and coverage | "
      "WRAL\nJane Doe\nDec 19, 2025\n" +
      story);
  EXPECT_EQ(e.article.title, "Vehicle rental news and coverage");
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Jane Doe"});
  e = ExtractPage("Best clothing subscription boxes |\nHome\nBest clothing subscription boxes |\n" +
                  story);
  EXPECT_EQ(e.article.title, "Best clothing subscription boxes");
  e = ExtractPage(
      "Tech conferences in the Americas 2026 / 2027\nHome\n"
      "Tech conferences in the Americas 2026 / 2027\n" +
      story);
  EXPECT_EQ(e.article.title, "Tech conferences in the Americas 2026 / 2027");
}

// A forum marks the thread's headline with a list mark ("» Headline"); the mark is not part of
// the title. A reading time next to the story is never its title.
TEST(TextExtractorTest, TitleLosesAListMarkAndIsNeverAReadingTime) {
  const std::string story = Repeated(
      "The new installation image stopped booting on older machines, and several users traced "
      "the failure to a change in the boot loader that shipped with the latest release.",
      3);
  EXPECT_EQ(ExtractPage("What happened with the ISO in 2024 / Discussion / Forums\nForums\nHome\n"
                        "\u00BB What happened with the ISO in 2024\n" +
                        story)
                .article.title,
            "What happened with the ISO in 2024");
  EXPECT_NE(ExtractPage("001\nHome\nProjects\nMore...\n001\nBen\n2 days ago\n6 min read\n" + story)
                .article.title,
            "6 min read");
}

// A blog prints the post's date on the headline's line, before or after it; the <title>
// (first line) has the headline alone, which is the title. A date the <title> has too stays.
TEST(TextExtractorTest, DatePrintedOnTheHeadlinesLineIsNotPartOfTheTitle) {
  const std::string story = Repeated(
      "We announced a public beta of the new repositories recently, and one thing I am keen on "
      "is being able to use them to prepare transitions of many packages together.",
      3);
  EXPECT_EQ(ExtractPage("Preparing a transition in Debusine | Colin's blog\nColin's blog\n"
                        "Dec 18 2025 Preparing a transition in Debusine\n" +
                        story)
                .article.title,
            "Preparing a transition in Debusine");
  EXPECT_EQ(ExtractPage("RogerBW's Blog: Advent of Code 2025 week 2\nRogerBW's Blog\n"
                        "Advent of Code 2025 week 2 20 December 2025\n" +
                        story)
                .article.title,
            "Advent of Code 2025 week 2");
  EXPECT_EQ(ExtractPage("Lemmy Development Update 2024-10-04 - Lemmy\nLemmy\n"
                        "Lemmy Development Update 2024-10-04\n" +
                        story)
                .article.title,
            "Lemmy Development Update 2024-10-04");
}

// The <title> reworded for search engines: the headline over the story says the same in
// other words (most of its words are the title's and the other way round), and is the
// title; a breadcrumb trail that holds the headline is not, nor is a heading that only shares
// a few of the title's words. A documentation heading loses its permalink mark.
TEST(TextExtractorTest, TitleIsTheHeadlineThatRewordsThePagesTitle) {
  const std::string story = Repeated(
      "Filing software has become cheaper this year, and most households can now prepare a "
      "simple federal return at home without paying for a professional to do it.",
      3);
  Extraction e = ExtractPage(
      "Best Tax Preparation Software of 2025 | Accounting Guide\nHome\nReviews\n"
      "You are here: Home / Reviews / The Best Tax Prep Software of 2025\n"
      "Tax Software\nThe Best Tax Prep Software of 2025\nBy Jane Doe\n" +
      story);
  EXPECT_EQ(e.article.title, "The Best Tax Prep Software of 2025");
  e = ExtractPage(
      "Best Tax Preparation Software of 2025 | Accounting Guide\nHome\nReviews\n"
      "Best Software\nBy Jane Doe\n" +
      story);
  EXPECT_EQ(e.article.title, "Best Tax Preparation Software of 2025");
  e = ExtractPage(
      "Advanced Usage of Sessions - Requests documentation\nHome\n"
      "Advanced usage of sessions\xC2\xB6\n" +
      story);
  EXPECT_EQ(e.article.title, "Advanced usage of sessions");
}

// "Headline - Site": the site's name printed again over or under the story (a masthead's
// "Ovolo Hotels", a footer's "Flatworld Solutions") is not the headline; a headline after the
// site's name ("Site | Headline") is the title wherever it is printed.
TEST(TextExtractorTest, SiteNameOverOrUnderTheStoryIsNotTheTitle) {
  const std::string story = Repeated(
      "Camera and editing technology has changed rapidly over the past decade, and anyone with "
      "a phone can now take, edit and share pictures that once needed a studio.",
      3);
  Extraction e = ExtractPage(
      "8 Recent Trends in Photography - Flatworld Solutions\nHome\n" + story +
      "Flatworld Solutions\n" +
      Repeated("If you would like to learn more about our photo editing services, contact us "
               "today and one of our experts will answer within a working day.",
               1));
  EXPECT_EQ(e.article.title, "8 Recent Trends in Photography");
  e = ExtractPage("The Best Hotel Life Hacks and Travel Tips | Ovolo Hotels\nOvolo Hotels\nStay\n" +
                  story);
  EXPECT_EQ(e.article.title, "The Best Hotel Life Hacks and Travel Tips");
  e = ExtractPage("Fields - Pydantic Validation\nPydantic Validation\nGet Started\nFields\n" +
                  story);
  EXPECT_EQ(e.article.title, "Fields");
  e = ExtractPage("Frommers | The 10 Best Airfare Search Sites for 2026\nHome\nDestinations\n" +
                  Repeated("Subscribe to the newsletter and get the best deals of the week in "
                           "your inbox, with tips from our editors and readers around the world.",
                           1) +
                  "The 10 Best Airfare Search Sites for 2026\nBy Jane Doe\n" + story);
  EXPECT_EQ(e.article.title, "The 10 Best Airfare Search Sites for 2026");
}

// A teaser rail over the story carries its own dates; the story's is the one closest over it.
TEST(TextExtractorTest, DateIsTheOneClosestOverTheStory) {
  std::string page =
      "Council sets its budget | Valley News\nLatest\nFerry timetable changes\n"
      "March 2, 2025\nNew pier opens\nMarch 3, 2025\nCouncil sets its budget\n"
      "March 7, 2025\n";
  page += Repeated(
      "The council met on Tuesday evening to discuss the new budget, which cuts spending on "
      "roads and raises it for schools, libraries and parks.",
      3);
  const Extraction e = ExtractPage(page);
  ASSERT_TRUE(e.article.published);
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-03-07");
}

// A story's standfirst (which reads as prose) and text, for the byline and date tests.
std::string HostingStandfirst() {
  return "It is a year for bold colour, organic florals and progressive dining, planners say, "
         "and hosts are taking note of every one of these trends.\n";
}
std::string HostingStory() {
  return Repeated(
      "Event planners expect more colour, more flowers and longer dinners at the parties that "
      "people host at home this year, they said in interviews.",
      3);
}

// The standfirst under the headline reads as the story's start; the byline and date under
// it ("By Jane Doe Published: Jun 25, 2025", "Dec 18, 2025 2 min read") still date it. A
// date in a sentence of the story does not.
TEST(TextExtractorTest, DateInTheBylineUnderTheStandfirst) {
  const std::string standfirst = HostingStandfirst();
  const std::string story = HostingStory();
  for (const std::string byline :
       {"By Rebecca NorrisPublished: Jun 25, 2025", "Jun 25, 2025 2 min read"}) {
    const Extraction e = ExtractPage("Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" +
                                     standfirst + byline + "\n" + story);
    ASSERT_TRUE(e.article.published) << byline;
    EXPECT_EQ(e.article.published->ToIso8601(), "2025-06-25") << byline;
  }
  const Extraction e = ExtractPage(
      "Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" + standfirst +
      "The show opens on Jun 25, 2025 in the city's convention centre, organisers said.\n" + story);
  EXPECT_FALSE(e.article.published);
}

// Bylines as pages print them, over the story or under its standfirst: the label after the
// date, glued to the name, a user name, a name with the date and no "By".
TEST(TextExtractorTest, BylineForms) {
  const std::string standfirst = HostingStandfirst();
  const std::string story = HostingStory();
  const std::pair<std::string, std::string> cases[] = {
      {"October 11, 2023 by Autumn Huerter", "Autumn Huerter"},
      {"Posted by Jean Dupont on Friday December 19, 2025 @08:00PM", "Jean Dupont"},
      {"Last Updated on April 8, 2024 by Amanda Brooks", "Amanda Brooks"},
      {"ByNina Pineda", "Nina Pineda"},
      {"Written by:Elise Nass", "Elise Nass"},
      {"By Kathryn GiuffridaMar 5, 2025 | 6 comments", "Kathryn Giuffrida"},
      {"By Sara Harberson In Parenting", "Sara Harberson"},
      {"Written by: Sean Peek, Senior Analyst", "Sean Peek"},
      {"by jsteinhardt", "jsteinhardt"},
      {"Tom Talbot October 14, 2025", "Tom Talbot"},
      {"David Hartshorne\u2022Updated on Jul 4, 2024 \u202228 min read", "David Hartshorne"},
      {"Zach Lezberg | May 22, 2025", "Zach Lezberg"},
      {"By Jeff Cobb. Last Updated on December 11, 2025", "Jeff Cobb"},
      {"By John Smith Jr.", "John Smith Jr."},
      {"Thread starter beijingwalker", "beijingwalker"},
      {"Discussion in 'Hosting Advice' started by pelex, May 26, 2025.", "pelex"},
  };
  for (const auto& [byline, author] : cases) {
    for (bool under_standfirst : {false, true}) {
      const std::string head = "Hosting trends of 2025 | Veranda\nHosting trends of 2025\n";
      const Extraction e =
          ExtractPage(under_standfirst ? head + standfirst + byline + "\n" + story
                                       : head + byline + "\n" + standfirst + story);
      EXPECT_EQ(e.article.authors, std::vector<std::string>{author})
          << byline << (under_standfirst ? " (under the standfirst)" : "");
    }
  }
  // A "by" in a sentence or a slogan names no author, nor does a menu's "By Industry".
  for (const std::string line :
       {"All of our content is written by humans, not robots. Learn More",
        "Apply to jobs posted by clients", "Bypass the queue with our app", "By Industry"}) {
    const Extraction e = ExtractPage("Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" +
                                     line + "\n" + standfirst + story);
    EXPECT_TRUE(e.article.authors.empty()) << line;
  }
}

// A menu's "By Use Case" high on the page is no byline; the one just over the story is, with
// the date's label a scraper glued to the name cut off.
TEST(TextExtractorTest, BylineIsTheOneClosestOverTheStory) {
  const Extraction e = ExtractPage(
      "Diet trends for 2025 | Health\nSolutions\nBy Use Case\nBy Role\nDiet trends for 2025\n"
      "By Korin MillerPublished: Jan 29, 2025\n" +
      Repeated("Nutritionists expect more protein, more fibre and fewer ultra-processed foods "
               "on the plates of people who want to eat well this year, they said.",
               3));
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Korin Miller"});
}

// Bylines as flattened pages print them: with what follows the name on the same line, or a
// name alone on the line next to the story's date.
TEST(TextExtractorTest, BylinesWithTheirTailsAndNamesNextToTheDate) {
  const std::string story = Repeated(
      "Nutritionists expect more protein, more fibre and fewer ultra-processed foods on the "
      "plates of people who want to eat well this year, they said.",
      3);
  for (const char* line :
       {"By Jason Rostar | SEO | 8 min read", "By: Jason Rostar",
        "By Jason Rostar \u2013 Updated Sep 9, 2025 at 1:00 PM EST",
        "By Jason Rostar December 2, 2025", "Written by Jason Rostar",
        "by Jason Rostar on January 21, 2023",
        "By Jason Rostar Last\u00A0Updated: December 6, 2024",
        "By Jason Rostar View In Digital Edition", "By Jason Rostar Jason Rostar",
        "By Jason Rostar \u00BB Tue Dec 02, 2025 10:12 pm"}) {
    const Extraction e = ExtractPage(std::string("Diet trends for 2025\n") + line + "\n" + story);
    EXPECT_EQ(e.article.authors, std::vector<std::string>{"Jason Rostar"}) << line;
  }
  const Extraction alone =
      ExtractPage("Diet trends for 2025\nJason Rostar\nMarch 7, 2025\nShare\n" + story);
  EXPECT_EQ(alone.article.authors, std::vector<std::string>{"Jason Rostar"});
  // A heading next to the date is no name: it is printed with lower-case words or repeated.
  const Extraction heading =
      ExtractPage("Diet trends for 2025\nHealth and fitness news\nMarch 7, 2025\n" + story);
  EXPECT_TRUE(heading.article.authors.empty());
}

// A paragraph hard-wrapped at a fixed width is one paragraph, not a run of short lines.
TEST(TextExtractorTest, HardWrappedParagraphsAreJoined) {
  const Extraction e = ExtractPage(
      "A beginner's guide to gym machines\n"
      "Cardio machines are an essential part of any gym, as they provide a convenient\n"
      "way to improve cardiovascular health and burn calories. Treadmills are one of\n"
      "the most popular cardio machines, offering a versatile platform for walking,\n"
      "jogging, or running at various speeds and inclines.\n"
      "\n"
      "Ellipticals are another popular choice for low-impact cardio exercise, giving\n"
      "a smooth and fluid motion that targets the lower body muscles while also\n"
      "engaging the upper body, which makes them a favourite of beginners.\n");
  ASSERT_EQ(e.article.paragraphs.size(), 2u) << Joined(e.article);
  EXPECT_NE(e.article.paragraphs[0].find("a convenient way to improve"), std::string::npos);
  EXPECT_NE(e.article.paragraphs[1].find("giving a smooth and fluid motion"), std::string::npos);
}

TEST(TextExtractorTest, BylineAndNoProse) {
  Extraction e = ExtractPage(
      "Storm hits coast\nBy Jane Doe and John Roe\nPublished: 2024-03-01 10:00\n"
      "The storm reached the coast on Friday morning, cutting power to thousands of homes.\n");
  EXPECT_EQ(e.article.title, "Storm hits coast");
  EXPECT_EQ(e.article.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  ASSERT_TRUE(e.article.published);
  EXPECT_EQ(e.article.published->ToIso8601(), "2024-03-01T10:00:00");

  Extraction empty = ExtractPage("Home\nMenu\nSign Up\n");
  EXPECT_EQ(empty.kind, PageKind::kEmpty);
  EXPECT_TRUE(empty.article.paragraphs.empty());
}

// A question page prints its date under the question ("asked Feb 11, 2011 at 23:49"), further
// into the page than a byline stands.
TEST(TextExtractorTest, DatelineOfItsOwnFurtherIntoTheStory) {
  std::string page = "How do I read a file line by line?\n";
  for (int i = 0; i < 8; ++i) {
    page +=
        "I tried opening the file and reading it in one call, but the whole text came back "
        "at once and I need each line on its own, paragraph " +
        std::to_string(i) + ".\n";
  }
  page += "asked Feb 11, 2011 at 23:49\nKumikoGoingCrAzY\n15911 silver badge66 bronze badges\n";
  const Extraction e = ExtractPage(page);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2011-02-11T23:49:00");
  // The asker's name under the question's date line.
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"KumikoGoingCrAzY"});
}

// The question's date line and asker stand under the answers' start on a Q&A page, past
// where the story's text ends; an "edited" line over them is not the question's date.
TEST(TextExtractorTest, QuestionDateAfterTheStory) {
  std::string page = "How do I read a file line by line?\n";
  page += Repeated(
      "I tried opening the file and reading it in one call, but the whole text came back at "
      "once and I need each line on its own to parse it.",
      3);
  page += "Share\nImprove this question\nFollow\n";
  for (int i = 0; i < 40; ++i) page += "Related question number " + std::to_string(i) + "\n";
  page += "edited Apr 13, 2017 at 12:52\nCommunityBot\nasked Mar 28, 2014 at 11:38\ndrat\n";
  const Extraction e = ExtractPage(page);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2014-03-28");
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"drat"});
}

// The dateline right under the printed headline dates the story, before a date line closer
// over the story's first paragraph (a sidebar's), and however long the line when the date
// starts it ("On January 12, 2025January 22, 2025 By Gabby BoucherIn Budget Travel, ...").
TEST(TextExtractorTest, DatelineUnderTheHeadline) {
  const std::string story = HostingStory();
  Extraction e = ExtractPage(
      "Hosting trends of 2025 | Veranda\nMenu\nHosting trends of 2025\n"
      "On January 12, 2025January 22, 2025 By Gabby BoucherIn Budget Travel, Budget Travel "
      "Guides, Travel Resources, Travel Tips, Hosting\n" +
      story);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-01-12");
  e = ExtractPage(
      "Hosting trends of 2025 | Veranda\nHosting trends of 2025\nBy The Editors\n"
      "12.12.2025\nKey takeaways\nMost read\nMarch 3, 2025\n" +
      story);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-12-12");
  // A date line just over the headline, as a kicker.
  e = ExtractPage(
      "Hosting trends of 2025 | Veranda\nMost read\nMarch 3, 2025\nBlog\n"
      "December 17, 2025 \u2022 8 minutes\nHosting trends of 2025\nContents\n"
      "Colour\nFlowers\n" +
      story);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-12-17");
}

// A line that is a date ("12.12.2025") is no phone number: over the story, it dates it
// before a date line inside the story does.
TEST(TextExtractorTest, NumericDateLineIsNoPhoneNumber) {
  const Extraction e = ExtractPage(
      "Tax 101: Understanding the basics - The Currency\nLife\nTax 101\nTax 101\n"
      "By The Currency editors\n12.12.2025\nKey takeaways\n" +
      HostingStory() + "December 19, 2025\n" + HostingStory());
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-12-12");
}

// Without a date over the story, a theme's post footer right under it dates the story
// ("Training" / "August 12, 2025 By The Diggs Team"); not a teaser's date past "Further
// reading", nor a comment's.
TEST(TextExtractorTest, PostFooterDateUnderTheStory) {
  const std::string head = "Hosting trends of 2025 | Veranda\nHosting trends of 2025\n";
  const std::string story = HostingStory();
  Extraction e = ExtractPage(head + story +
                             "Share\nFacebook\nTraining\n"
                             "August 12, 2025 By The Diggs Team\nShop\n");
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-08-12");
  e = ExtractPage(head + story +
                  "Further reading\nRemote Work\n22 Top Sites to Find Work\n"
                  "2024-12-06\n");
  EXPECT_FALSE(e.article.published.has_value()) << e.article.published->ToIso8601();
  e = ExtractPage(head + story +
                  "6 thoughts on \u201cHosting trends of 2025\u201d\n"
                  "Happy September 17, 2025 at 6:26 pm\nReply\n");
  EXPECT_FALSE(e.article.published.has_value()) << e.article.published->ToIso8601();
}

// A writer's name on a line of its own in the header under the headline, with a reading
// time, a job title or the date next to it; not a heading whose words the story writes in
// lower case, not a control's label, not a place.
TEST(TextExtractorTest, NameInTheHeaderUnderTheHeadline) {
  const std::string head = "Hosting trends of 2025 | Veranda\nHosting trends of 2025\n";
  const std::string story = HostingStory();
  Extraction e = ExtractPage(head + "Trevor Jackins\n9 min read\nUpdated October 8, 2025\n" +
                             "Table of Contents\n" + story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Trevor Jackins"});
  e = ExtractPage(head + HostingStandfirst() + "Updated Dec. 23, 2024, 1:24 PM EST\n" +
                  "Nicoletta Richardson\nTrending Editor\n" + story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Nicoletta Richardson"});
  for (const std::string not_a_name : {"Party Planners", "Submit Search", "Atlanta, Georgia"}) {
    e = ExtractPage(head + not_a_name + "\n9 min read\nOctober 8, 2025\n" + story);
    EXPECT_TRUE(e.article.authors.empty()) << not_a_name << ": " << e.article.authors[0];
  }
}

// A byline that reads as a sentence ("Posted by BeauHD on Friday December 19, 2025 @08:00PM
// from the skewed-job-market dept.") among the story's first lines dates it, however long.
TEST(TextExtractorTest, BylineSentenceUnderTheStoryStart) {
  std::string page =
      "Stanford Computer Science Grads Find Their Degrees No Longer Guarantee Jobs\n"
      "MongoDB Atlas: Multi-cloud, modern database on AWS, Azure, and Google Cloud. Get access "
      "to our most high performance version ever, with faster and easier scaling.\n"
      "Posted by BeauHD on Friday December 19, 2025 @08:00PM from the skewed-job-market dept.\n";
  page += Repeated(
      "Elite computer science degrees are no longer a guaranteed on-ramp to tech jobs, as "
      "coding tools cut the demand for entry-level engineers across the industry.",
      3);
  const Extraction e = ExtractPage(page);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601().substr(0, 10), "2025-12-19");
}

// No byline over the story: the author box under it names the writer, a bio that calls them
// by their first name under the name; a subheading over a paragraph that repeats its words
// is no author.
TEST(TextExtractorTest, AuthorBoxUnderTheStory) {
  const std::string story = Repeated(
      "Event planners expect more colour, more flowers and longer dinners at the parties that "
      "people host at home this year, they said in interviews.",
      3);
  Extraction e = ExtractPage("Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" + story +
                             "Autumn Adams\nOwner, Founder, & Retreat Leader\n"
                             "Autumn founded the studio in 2014 to share her love of adventure, "
                             "yoga and travel with her guests.\n");
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Autumn Adams"});
  e = ExtractPage("Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" + story +
                  "Red Wines\nRed wines are the hosts' favourite this year, planners say, with "
                  "lighter reds served cool.\n");
  EXPECT_TRUE(e.article.authors.empty()) << e.article.authors[0];
}

// A byline glued to its dates by a scraper has commas like a tag list, but its date says it is
// no tag list ("ByKathy Owen January 21, 2025January 12, 2026 Updated onJanuary 12, 2026").
TEST(TextExtractorTest, BylineGluedToItsDatesIsNoTagList) {
  const std::string story = Repeated(
      "Event planners expect more colour, more flowers and longer dinners at the parties that "
      "people host at home this year, they said in interviews.",
      3);
  for (const char* line :
       {"ByKathy Owen January 21, 2025January 12, 2026 Updated onJanuary 12, 2026",
        "Posted byKathy OwenDecember 30, 2024December 30, 2024Posted inPodcast, Writing"}) {
    const Extraction e = ExtractPage("Hosting trends | Veranda\nHosting trends\n" +
                                     std::string(line) + "\n" + story);
    EXPECT_EQ(e.article.authors, std::vector<std::string>{"Kathy Owen"}) << line;
  }
}

// A byline label on its own line further into the page ("By" / "Melanie Hanson"), when a long
// menu line high up reads as the story's start.
TEST(TextExtractorTest, BylineLabelAloneFurtherIntoThePage) {
  const std::string story = Repeated(
      "Report highlights: the average online college student pays about a thousand dollars per "
      "class, and public universities charge far less to students from their own state.",
      3);
  const Extraction e = ExtractPage(
      "Average cost of online college | Education Data\nResearch by Topic\n"
      "Average Cost of Community College Average Cost of Private School College Dropout Rate "
      "College Enrollment Cost of College Financial Aid Statistics How Do People Pay for College? "
      "Student Loan Default Rate Student Loan Forgiveness What Happens if Student Loan Debt is "
      "Canceled?\n"
      "Refinance\nAbout\nDonate\nAverage cost of online college\nCite this Webpage\nShare\nBy\n"
      "Melanie Hanson\nFact Checked\n" +
      story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Melanie Hanson"});
}

// What a scraper leaves around a byline's name is not part of it: a bullet where the date
// stood, an asterisk, a reviewer after it, a glued section label. The headline is never an
// author.
TEST(TextExtractorTest, BylineNameWithoutWhatStandsAroundIt) {
  const std::string story = Repeated(
      "Event planners expect more colour, more flowers and longer dinners at the parties that "
      "people host at home this year, they said in interviews.",
      3);
  for (const auto& [line, name] : std::vector<std::pair<std::string, std::string>>{
           {"By Workzone Team\u2022", "Workzone Team"},
           {"By Meaghan Weeden \u25CF", "Meaghan Weeden"},
           {"By Angela Holliday*", "Angela Holliday"},
           {"By Shelby Loos. Reviewed by Molly Price", "Shelby Loos"},
           {"By Sara Harberson In", "Sara Harberson"}}) {
    const Extraction e =
        ExtractPage("Hosting trends | Veranda\nHosting trends\n" + line + "\n" + story);
    EXPECT_EQ(e.article.authors, std::vector<std::string>{name}) << line;
  }
  const Extraction e =
      ExtractPage("Backup Strategy | Blog\nBlog\nBackup Strategy\nBy Backup Strategy\n" + story);
  EXPECT_TRUE(e.article.authors.empty()) << e.article.authors[0];
}

// A category next to the date line is no writer: the story writes its words in lower case
// ("UX Analytics" over "... product analytics ..."), and a control's label is none either.
TEST(TextExtractorTest, CategoryBesideTheDateIsNoAuthor) {
  const std::string story = Repeated(
      "Product teams lean on analytics more every year, and the tools that read how users move "
      "through an app now shape what gets built next, the survey of vendors found.",
      3);
  for (const char* category : {"UX Analytics", "No Comments"}) {
    const Extraction e = ExtractPage("Data trends for 2025 | Acme\nGet a Demo\nOctober 26, 2025\n" +
                                     std::string(category) + "\n" + story);
    EXPECT_TRUE(e.article.authors.empty()) << e.article.authors[0];
  }
}

// A forum's thread starter is a user name, which may end in digits; a number still ends a
// byline's names ("By Jane Doe 21 May").
TEST(TextExtractorTest, ThreadStarterWithDigitsInTheUserName) {
  const std::string story = Repeated(
      "I want to buy the new office suite but not from the maker's own shop, and I wonder if "
      "the cheaper keys sold elsewhere are safe to use for a small business like mine.",
      3);
  Extraction e = ExtractPage(
      "Buying the office suite | Forums\nForums\nBuying the office suite\n"
      "Thread starter paulb203\nStart date Oct 8, 2024\n" +
      story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"paulb203"});
  e = ExtractPage(
      "Buying the office suite | Forums\nForums\nBuying the office suite\n"
      "By Jane Doe 21 May 2024 10:01 am\n" +
      story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Jane Doe"});
  // The label after the user name, as other forums print it.
  e = ExtractPage(
      "Buying the office suite | Forums\nForums\nBuying the office suite\n"
      "Ejp55230 Discussion starter\n" +
      story);
  EXPECT_EQ(e.article.authors, std::vector<std::string>{"Ejp55230"});
}

// An author box far under the story that labels the writers ("Written by ..."), and the
// byline as the page writes the names together; a bare "By ..." down there is a teaser's.
TEST(TextExtractorTest, WrittenByInAnAuthorBoxUnderTheStory) {
  const std::string story = Repeated(
      "Event planners expect more colour, more flowers and longer dinners at the parties that "
      "people host at home this year, they said in interviews.",
      3);
  std::string chrome;  // past the reach of a "By" line under the story's start
  for (int i = 0; i < 35; ++i) chrome += "Topic " + std::to_string(i) + "\n";
  Extraction e = ExtractPage("Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" + story +
                             chrome + "Written by Moses Kim and Kate Shokurova\n");
  EXPECT_EQ(e.article.authors, (std::vector<std::string>{"Moses Kim", "Kate Shokurova"}));
  EXPECT_EQ(e.byline, "Moses Kim and Kate Shokurova");
  e = ExtractPage("Hosting trends of 2025 | Veranda\nHosting trends of 2025\n" + story + chrome +
                  "By Moses Kim\n");
  EXPECT_TRUE(e.article.authors.empty()) << e.article.authors[0];
}

// A page that prints when the story was posted and when it was updated is dated by the first.
TEST(TextExtractorTest, PostingDateBeatsTheUpdateUnderIt) {
  const std::string story = Repeated(
      "Event planners expect more colour, more flowers and longer dinners at the parties that "
      "people host at home this year, they said in interviews.",
      3);
  for (const char* dates : {"Posted on\nNov 21, 2018\nUpdated at\nDec 10, 2025\n",
                            "Nov 21, 2018\nUpdated Dec 10, 2025\n",
                            "November 21st, 2018 by JWU\nLast updated: December 10, 2025\n",
                            // A member's join date and a thread's last post are not the story's.
                            "Nov 21, 2018\njdoe\nJoined\nFeb 8, 2023\n",
                            "Nov 21, 2018\n5 replies last post by nwberm Jun 5, 2024\n"}) {
    const Extraction e =
        ExtractPage("Hosting trends | Veranda\nHosting trends\n" + std::string(dates) + story);
    ASSERT_TRUE(e.article.published.has_value()) << dates;
    EXPECT_EQ(e.article.published->ToIso8601(), "2018-11-21") << dates;
  }
  // An update's date alone dates the page.
  const Extraction e =
      ExtractPage("Hosting trends | Veranda\nHosting trends\nUpdated Dec 10, 2025\n" + story);
  ASSERT_TRUE(e.article.published.has_value());
  EXPECT_EQ(e.article.published->ToIso8601(), "2025-12-10");
}

// The outlet is the site's name the <title> line ends with, when the page prints it again
// (a footer line, its copyright line); a menu's "Contact" over "Contact us at ..." is none.
TEST(TextExtractorTest, OutletIsTheSiteNameThePagesTitleEndsWith) {
  const std::string story = Repeated(
      "Camera and editing technology has changed rapidly over the past decade, and anyone with "
      "a phone can now take, edit and share pictures that once needed a studio.",
      3);
  Extraction e = ExtractPage(
      "8 Recent Trends in Photography - Flatworld Solutions\nHome\n"
      "Services\nContact\nServices\nContact\n" +
      story + "\u00A9 2025 Flatworld Solutions. All rights reserved.\n");
  EXPECT_EQ(e.article.outlet, "Flatworld Solutions");
  e = ExtractPage("8 Recent Trends in Photography\nHome\nContact\nServices\n" + story +
                  "Contact\nContact us at info@example.com or call 555 0100 any day\n");
  EXPECT_EQ(e.article.outlet, "");
}

TEST(TextExtractorTest, FutureDatesAreDropped) {
  Extraction e = ExtractPage(
      "Headline here\n2091-05-05\n"
      "The council voted on Tuesday to extend the program for another two years.\n");
  EXPECT_FALSE(e.article.published);
}

}  // namespace
}  // namespace storyline::extract
