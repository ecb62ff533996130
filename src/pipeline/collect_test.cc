#include "pipeline/collect.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "archive/warc.h"
#include "pipeline/news_site_for_tests.h"
#include "store/temp_dir_for_tests.h"

namespace storyline::pipeline {
namespace {

using storyline::testing::NewsSite;
using storyline::testing::TempDir;

CollectOptions FastOptions() {
  CollectOptions o;
  o.fetch.min_host_delay_s = 0.01;
  o.fetch.backoff_base_s = 0.01;
  o.fetch.max_attempts = 2;
  o.fetch.total_timeout_ms = 5000;
  o.min_interval_s = 0;
  o.initial_interval_s = 0;
  return o;
}

PipelineOptions NoIndex() {
  PipelineOptions o;
  o.index = false;
  return o;
}

TEST(CollectTest, FetchesEachPageOnceThenPollsConditionallyAndReprocessesTheSame) {
  NewsSite site;
  TempDir tmp;
  auto store = Store::Open(tmp.Sub("store"), {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const std::vector<feeds::FeedSource> feeds = {{site.Url("/feed.xml"), ""}};
  std::vector<CollectEvent> events;
  auto record = [&](const CollectEvent& e) { events.push_back(e); };
  const CollectOptions collect = FastOptions();

  auto first = Collect(**store, feeds, NoIndex(), collect, record, nullptr);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->feeds, 1u);
  EXPECT_EQ(first->items, 7u);
  EXPECT_EQ(first->pages_fetched, 3u);  // ferry, bridge, kyiv
  EXPECT_EQ(first->pages_failed, 4u);   // robots.txt, 404, 500, image/png
  EXPECT_EQ(first->ingest.stored_new, 3u);
  // robots.txt kept the crawler out of /private/; the 500 was tried max_attempts times.
  EXPECT_EQ(site.Count("/private/secret.html"), 0);
  EXPECT_EQ(site.Count("/robots.txt"), 1);
  EXPECT_EQ(site.Count("/news/broken.html"), collect.fetch.max_attempts);
  // Each fault is a named error; the rest of the run went on.
  std::map<std::string, std::string> errors;
  for (const CollectEvent& e : events) {
    if (!e.error.ok()) errors[e.url.substr(e.url.rfind('/') + 1)] = e.error.message();
  }
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_NE(errors["secret.html"].find("robots.txt"), std::string::npos) << errors["secret.html"];
  EXPECT_NE(errors["gone.html"].find("404"), std::string::npos) << errors["gone.html"];
  EXPECT_NE(errors["broken.html"].find("500"), std::string::npos) << errors["broken.html"];
  EXPECT_NE(errors["image.html"].find("image/png"), std::string::npos) << errors["image.html"];
  for (const auto& [page, message] : errors) {
    EXPECT_NE(message.find(site.Url("/")), std::string::npos) << message;
  }

  // The feed filled what the pages leave out (date, byline); the windows-1251 page reads right.
  auto articles = (*store)->List({});
  ASSERT_TRUE(articles.ok());
  ASSERT_EQ(articles->size(), 3u);
  int russian = 0;
  for (const Article& a : *articles) {
    EXPECT_TRUE(a.published.has_value()) << a.title;
    EXPECT_EQ(a.authors, std::vector<std::string>{"Ana Reporter"});
    EXPECT_EQ(a.url.find("utm_source"), std::string::npos) << a.url;
    if (a.title == "Песков о встрече в Будапеште") {
      ++russian;
      EXPECT_NE(a.text.find("Дмитрий Песков заявил журналистам"), std::string::npos) << a.text;
      EXPECT_EQ(a.language, "ru");
    }
  }
  EXPECT_EQ(russian, 1);

  // Second run: a conditional request, 304, nothing fetched or stored twice.
  events.clear();
  auto second = Collect(**store, feeds, NoIndex(), collect, record, nullptr);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->feeds_not_modified, 1u);
  EXPECT_EQ(second->pages_fetched, 0u);
  EXPECT_EQ(site.Count("/news/ferry.html"), 1);
  EXPECT_EQ(*(*store)->CountArticles(), 3);

  // A new item: only its page is fetched; the known ones are skipped.
  site.AddItem("market");
  auto third = Collect(**store, feeds, NoIndex(), collect, record, nullptr);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->pages_fetched, 1u);
  // Known: the pages that arrived, the 404 and the image (refused for good); the 500 and the
  // robots.txt refusal are tried again.
  EXPECT_EQ(third->items_known, 5u);
  EXPECT_EQ(third->pages_failed, 2u);
  EXPECT_EQ(site.Count("/news/ferry.html"), 1);
  EXPECT_EQ(site.Count("/news/market.html"), 1);
  EXPECT_EQ(*(*store)->CountArticles(), 4);

  // The archive holds every response; reprocessing it gives the same articles.
  const std::string archive_dir = ArchiveDir(**store, collect);
  EXPECT_FALSE(archive::ListWarcFiles(archive_dir).empty());
  auto copy = Store::Open(tmp.Sub("reprocessed"), {});
  ASSERT_TRUE(copy.ok());
  auto again = Reprocess(**copy, archive_dir, NoIndex(), nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->stored_new, 4u);
  auto live = (*store)->List({});
  auto replayed = (*copy)->List({});
  ASSERT_TRUE(live.ok() && replayed.ok());
  ASSERT_EQ(live->size(), replayed->size());
  std::map<std::string, const Article*> by_url;
  for (const Article& a : *live) by_url[a.canonical_url] = &a;
  for (const Article& b : *replayed) {
    ASSERT_TRUE(by_url.count(b.canonical_url)) << b.canonical_url;
    const Article& a = *by_url[b.canonical_url];
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.text, b.text);
    EXPECT_EQ(a.authors, b.authors);
    EXPECT_EQ(a.outlet, b.outlet);
    ASSERT_EQ(a.published.has_value(), b.published.has_value());
    if (a.published) {
      EXPECT_EQ(a.published->ToIso8601(), b.published->ToIso8601());
    }
    EXPECT_EQ(a.story_id.has_value(), b.story_id.has_value());
  }
}

TEST(CollectTest, WatchPollsAgainOnItsScheduleAndStopsWhenAsked) {
  NewsSite site;
  TempDir tmp;
  auto store = Store::Open(tmp.Sub("store"), {});
  ASSERT_TRUE(store.ok());
  CollectOptions collect = FastOptions();
  collect.archive = false;
  WatchOptions watch;
  watch.cycles = 2;
  std::vector<CollectReport> rounds;
  Status s = Watch(**store, {{site.Url("/feed.xml"), ""}}, NoIndex(), collect, watch, nullptr,
                   nullptr, [&](const CollectReport& r) { rounds.push_back(r); });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(rounds[0].pages_fetched, 3u);
  EXPECT_EQ(rounds[1].feeds_not_modified, 1u);
  EXPECT_EQ(site.Count("/feed.xml"), 2);
  auto rec = (*store)->GetFetchRecord(site.Url("/feed.xml"));
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->status, 304);
  EXPECT_EQ((*rec)->title, "Harbour News");

  // A stop request ends an endless watch.
  watch.cycles = 0;
  int polls = 0;
  watch.stop = [&] { return polls >= 1; };
  s = Watch(**store, {{site.Url("/feed.xml"), ""}}, NoIndex(), collect, watch, nullptr, nullptr,
            [&](const CollectReport&) { ++polls; });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(polls, 1);
}

TEST(CollectTest, ReadsAtomJsonFeedAndSitemapsAndFetchesEachPageOnce) {
  NewsSite site;
  TempDir tmp;
  auto store = Store::Open(tmp.Sub("store"), {});
  ASSERT_TRUE(store.ok());
  CollectOptions collect = FastOptions();
  collect.archive = false;
  // ferry and school (Atom), school and bridge (JSON Feed), market (sitemap index → news
  // sitemap): four pages, school listed twice.
  auto report = Collect(**store,
                        {{site.Url("/atom.xml"), ""}, {site.Url("/feed.json"), ""},
                         {site.Url("/sitemap_index.xml"), ""}},
                        NoIndex(), collect, nullptr, nullptr);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->feeds, 4u);  // the three, and the sitemap the index names
  EXPECT_EQ(report->feeds_failed, 0u);
  EXPECT_EQ(report->pages_fetched, 4u);
  EXPECT_EQ(site.Count("/news/school.html"), 1);
  EXPECT_EQ(site.Count("/news/market.html"), 1);
  EXPECT_EQ(*(*store)->CountArticles(), 4);
  // The sitemap's date and title filled the page's gaps.
  auto articles = (*store)->List({});
  ASSERT_TRUE(articles.ok());
  bool market = false;
  for (const Article& a : *articles) {
    if (a.url.find("market") == std::string::npos) continue;
    market = true;
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(a.published->ToIso8601().substr(0, 10), "2025-09-04");
  }
  EXPECT_TRUE(market);

  // Polled again: the index in full (its sitemaps may change while it does not), each
  // known page skipped.
  auto again = Collect(**store, {{site.Url("/sitemap_index.xml"), ""}}, NoIndex(), collect,
                       nullptr, nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->feeds, 2u);
  EXPECT_EQ(again->items_known, 1u);
  EXPECT_EQ(site.Count("/sitemap-news.xml"), 2);
  EXPECT_EQ(site.Count("/news/market.html"), 1);
}

TEST(CollectTest, PollIntervalsFollowTheFeed) {
  CollectOptions o;
  o.initial_interval_s = 900;
  o.min_interval_s = 120;
  o.max_interval_s = 86400;
  EXPECT_DOUBLE_EQ(NextPollInterval(0, 0, false, 0, o), 900);     // first poll
  EXPECT_DOUBLE_EQ(NextPollInterval(900, 0, false, 0, o), 1350);  // nothing new: slower
  EXPECT_DOUBLE_EQ(NextPollInterval(900, 3, false, 0, o), 450);   // new items: faster
  EXPECT_DOUBLE_EQ(NextPollInterval(900, 0, true, 0, o), 1800);   // errors: back off
  EXPECT_DOUBLE_EQ(NextPollInterval(200, 5, false, 0, o), 120);   // never below the minimum
  EXPECT_DOUBLE_EQ(NextPollInterval(80000, 0, true, 0, o), 86400);  // nor above the maximum
  // A feed with an item every 100 s pulls the interval toward it.
  EXPECT_LT(NextPollInterval(900, 3, false, 100, o), 450);
}

TEST(CollectTest, ReadsFeedListsAndUrls) {
  TempDir tmp;
  const std::string list = tmp.Sub("feeds.txt");
  {
    std::FILE* f = std::fopen(list.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("# outlets\nhttps://a.example/feed.xml\n\nhttps://B.example:443/rss#x\n", f);
    std::fclose(f);
  }
  auto feeds = ReadFeedLists({list, "https://a.example/feed.xml", "https://c.example/atom"});
  ASSERT_TRUE(feeds.ok()) << feeds.status().ToString();
  ASSERT_EQ(feeds->size(), 3u);  // a.example once
  EXPECT_EQ((*feeds)[2].url, "https://c.example/atom");
  auto missing = ReadFeedLists({tmp.Sub("nope.opml")});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.opml"), std::string::npos);
}

}  // namespace
}  // namespace storyline::pipeline
