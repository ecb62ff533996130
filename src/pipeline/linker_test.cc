#include "pipeline/linker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"

namespace storyline::pipeline {
namespace {

namespace fs = std::filesystem;

Article Dated(const std::string& text, const char* iso) {
  Article a;
  a.text = text;
  if (iso) a.published = Timestamp::FromIso8601(iso);
  return a;
}

TEST(LinkOrderTest, DatedByTimeThenUndatedQuotingFirst) {
  std::vector<Article> articles = {
      Dated("A paraphrase without quotations of what was said.", nullptr),
      Dated("Later report.", "2025-11-08T10:00:00+00:00"),
      Dated("'We will wait for signals,' he said. 'We prefer peace,' he added.", nullptr),
      Dated("Earlier report.", "2025-11-07T10:00:00+03:00"),
  };
  EXPECT_EQ(LinkOrder(articles), (std::vector<size_t>{3, 1, 2, 0}));
}

// A synthetic dated corpus: ten events a week apart, each covered by five outlets over two
// days, in publication order. Each outlet tells its event with its own selection of facts.
std::vector<nlohmann::json> Corpus() {
  struct Event {
    const char* title;
    std::vector<const char*> facts;
  };
  const std::vector<Event> events = {
      {"Wildfire forces evacuations near Marseille",
       {"A wildfire spread across the hills north of Marseille on Tuesday.",
        "Firefighters evacuated three villages as winds reached ninety kilometres an hour.",
        "Canadair water bombers from Corsica joined the effort.",
        "The prefect of Bouches-du-Rhone ordered schools closed.",
        "Smoke from the blaze was visible across the Calanques."}},
      {"Dockworkers strike at Rotterdam port",
       {"Dockworkers at the port of Rotterdam walked out over pay on Monday.",
        "Container ships queued in the North Sea as terminals stood idle.",
        "The FNV union demanded a seven percent raise for crane operators.",
        "Maersk said deliveries to Germany would be delayed.",
        "Port authorities estimated losses at forty million euros a day."}},
      {"Earthquake shakes central Chile",
       {"A magnitude 6.8 earthquake struck central Chile near Talca.",
        "Buildings swayed in Santiago and power failed in several districts.",
        "The Onemi emergency office reported damaged churches in Maule.",
        "No tsunami warning was issued for the Pacific coast.",
        "Seismologists recorded dozens of aftershocks overnight."}},
      {"Nordic bank agrees merger with Baltic lender",
       {"Nordea agreed to buy the Baltic lender Luminor for 2.3 billion euros.",
        "Shareholders of Luminor will receive cash at a premium of 18 percent.",
        "Regulators in Estonia and Latvia must still approve the deal.",
        "Analysts at Danske Bank called the price steep but strategic.",
        "The combined bank would serve four million customers."}},
      {"Flooding closes Danube shipping in Hungary",
       {"The Danube rose above nine metres in Budapest after heavy rain.",
        "River shipping between Vienna and Belgrade was suspended.",
        "Soldiers stacked sandbags along the embankments of Szentendre.",
        "The national water authority expects the crest on Friday.",
        "Low-lying campsites on Csepel island were evacuated."}},
      {"Rocket launch puts weather satellite in orbit",
       {"An Ariane 6 rocket lifted off from Kourou carrying the Metop satellite.",
        "The launch was delayed twice by high-altitude winds.",
        "Eumetsat confirmed signal acquisition forty minutes after liftoff.",
        "The satellite will improve storm forecasts for Europe.",
        "Engineers at Toulouse will test its instruments for six months."}},
      {"Tennis final goes to five sets in Melbourne",
       {"The Australian Open final in Melbourne lasted nearly five hours.",
        "Jannik Sinner came back from two sets down against Daniil Medvedev.",
        "Rod Laver Arena stayed full past one in the morning.",
        "Sinner became the first Italian to win the title.",
        "Medvedev said cramps slowed him in the fourth set."}},
      {"Parliament votes on pension reform in Lisbon",
       {"The Portuguese parliament approved a pension reform in Lisbon.",
        "The retirement age will rise gradually to sixty seven.",
        "Opposition deputies from Chega walked out before the vote.",
        "Unions called a general strike for the following week.",
        "Prime minister Luis Montenegro defended the budget savings."}},
      {"Measles outbreak reported in Romanian schools",
       {"Health officials confirmed a measles outbreak in schools in Iasi.",
        "More than two hundred children were infected in three weeks.",
        "The health ministry opened vaccination centres in Moldavia.",
        "Doctors blamed falling immunisation rates among infants.",
        "Parents queued outside clinics for the MMR vaccine."}},
      {"Archaeologists find Roman villa under car park",
       {"Archaeologists uncovered a Roman villa beneath a car park in Chester.",
        "Mosaics showing Neptune and dolphins were found in the dining room.",
        "The villa dates from the third century, experts from Cheshire said.",
        "Coins of emperor Carausius lay near a collapsed wall.",
        "The council postponed construction of new flats on the site."}},
  };
  const char* outlets[] = {"Sputnik", "Reuters", "AP", "RT", "BBC"};
  std::vector<nlohmann::json> docs;
  for (int e = 0; e < 10; ++e) {
    const Event& event = events[static_cast<size_t>(e)];
    for (int k = 0; k < 5; ++k) {
      const int day = e * 7 + k / 3;  // events a week apart, coverage over two days
      char date[40];
      std::snprintf(date, sizeof date, "2025-%02d-%02dT%02d:00:00+00:00", 1 + day / 28,
                    1 + day % 28, 8 + k);
      // Outlet k leaves out fact k and tells the rest starting from fact k+1.
      std::string text;
      for (int f = 1; f < 5; ++f)
        text += std::string(event.facts[static_cast<size_t>((k + f) % 5)]) + " ";
      text += std::string(outlets[k]) + " will update this report.";
      docs.push_back({{"url", "https://news" + std::to_string(k) + ".example/" + std::to_string(e) +
                                  "/" + std::to_string(k)},
                      {"title", event.title},
                      {"text", text},
                      {"date", date},
                      {"source", outlets[k]}});
    }
  }
  return docs;
}

class LinkerIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_linker_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteJsonl(const std::string& name, const std::vector<nlohmann::json>& docs,
                         size_t begin, size_t end) {
    const fs::path p = dir_ / name;
    std::ofstream out(p);
    for (size_t i = begin; i < end; ++i) out << docs[i].dump() << "\n";
    return p.string();
  }

  // Partition of urls into stories, labelled by first appearance so ids do not matter.
  static std::vector<int> Partition(Store& store, const std::vector<nlohmann::json>& docs) {
    std::map<std::string, int64_t> story_of;
    auto all = store.List({.after_id = 0, .limit = 10000});
    EXPECT_TRUE(all.ok());
    for (const Article& a : *all) {
      EXPECT_TRUE(a.story_id) << a.url;
      story_of[a.url] = a.story_id.value_or(-1);
    }
    std::map<int64_t, int> label;
    std::vector<int> out;
    for (const auto& d : docs) {
      const int64_t s = story_of[d["url"].get<std::string>()];
      out.push_back(label.emplace(s, static_cast<int>(label.size())).first->second);
    }
    return out;
  }

  fs::path dir_;
};

TEST_F(LinkerIngestTest, IngestingInTenChunksGivesTheSameStoriesAsAtOnce) {
  const auto docs = Corpus();
  PipelineOptions options;
  options.extract.now_unix = 1767225600;

  auto once = Store::Open((dir_ / "once").string(), {});
  ASSERT_TRUE(once.ok());
  auto r = Ingest(**once, {WriteJsonl("all.jsonl", docs, 0, docs.size())}, options, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stored_new, docs.size());

  const size_t chunk = docs.size() / 10;
  for (size_t c = 0; c < 10; ++c) {
    // A fresh Store handle each time: the indexes are reloaded from the store, as a new
    // `storyline ingest` process would.
    auto store = Store::Open((dir_ / "chunks").string(), {});
    ASSERT_TRUE(store.ok());
    auto rc = Ingest(**store,
                     {WriteJsonl("chunk" + std::to_string(c) + ".jsonl", docs, c * chunk,
                                 c == 9 ? docs.size() : (c + 1) * chunk)},
                     options, nullptr);
    ASSERT_TRUE(rc.ok()) << rc.status().ToString();
  }
  auto chunked = Store::Open((dir_ / "chunks").string(), {});
  ASSERT_TRUE(chunked.ok());
  const std::vector<int> a = Partition(**once, docs);
  const std::vector<int> b = Partition(**chunked, docs);
  EXPECT_EQ(a, b);
  // The comparison means something only when the corpus splits into its events.
  EXPECT_EQ(*std::max_element(a.begin(), a.end()) + 1, 10) << ::testing::PrintToString(a);

  // And `storyline cluster` groups the same way.
  std::map<std::string, int64_t> cluster_story;
  ClusterInputs({(dir_ / "all.jsonl").string()}, options, [&](ClusterResult res) {
    ASSERT_TRUE(res.article.ok()) << res.article.status().ToString();
    cluster_story[res.article->url] = res.article->story_id.value_or(-1);
  });
  std::map<int64_t, int> label;
  std::vector<int> c;
  for (const auto& d : docs) {
    c.push_back(
        label.emplace(cluster_story[d["url"].get<std::string>()], static_cast<int>(label.size()))
            .first->second);
  }
  EXPECT_EQ(a, c);
}

TEST_F(LinkerIngestTest, UnlinkedArticlesAreLinkedOnTheNextRun) {
  const auto docs = Corpus();
  const std::string db = (dir_ / "db").string();
  {
    // Store articles without links, as a run killed between storing and linking leaves them.
    auto store = Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    std::vector<Article> articles;
    for (size_t i = 0; i < 5; ++i) {
      Article a;
      a.url = docs[i]["url"];
      a.canonical_url = a.url;
      a.title = docs[i]["title"];
      a.text = docs[i]["text"];
      a.paragraphs = {a.text};
      a.content_hash = "h" + std::to_string(i);
      a.published = Timestamp::FromIso8601(docs[i]["date"].get<std::string>());
      articles.push_back(a);
    }
    ASSERT_TRUE((*store)->PutBatch(articles).ok());
  }
  auto store = Store::Open(db, {});
  ASSERT_TRUE(store.ok());
  Linker linker;
  ASSERT_TRUE(linker.LoadFrom(**store).ok());
  auto all = (*store)->List({});
  ASSERT_TRUE(all.ok());
  for (const Article& a : *all) EXPECT_TRUE(a.story_id) << a.id;
  auto stories = (*store)->ListStories({});
  ASSERT_TRUE(stories.ok());
  EXPECT_FALSE(stories->empty());
}

}  // namespace
}  // namespace storyline::pipeline

namespace storyline::pipeline {
namespace {

// The seeds: one briefing told by two outlets, a rewrite of an RT piece, another briefing,
// and the RT articles appended to the Daily8 page.
TEST(ClusterSeedsTest, StoriesAndRewritesOfTheBundledExamples) {
  PipelineOptions options;
  options.extract.now_unix = 1767225600;
  std::map<std::string, Article> by_seed;
  ClusterInputs({std::string(STORYLINE_SOURCE_DIR) + "/examples/seeds"}, options,
                [&](ClusterResult r) {
                  ASSERT_TRUE(r.article.ok()) << r.article.status().ToString();
                  const std::string name = fs::path(r.source).filename().string();
                  by_seed[name.substr(0, 3) + (name.find("#related") != std::string::npos
                                                   ? name.substr(name.find('#'))
                                                   : "")] = *r.article;
                });
  ASSERT_EQ(by_seed.size(), 8u);
  const Article& s000 = by_seed["000"];
  const Article& s001 = by_seed["001"];
  const Article& s002 = by_seed["002"];
  const Article& s003 = by_seed["003"];
  const Article& s004 = by_seed["004"];
  EXPECT_EQ(s000.story_id, s001.story_id);
  EXPECT_FALSE(s000.duplicate_of);
  EXPECT_FALSE(s001.duplicate_of);
  EXPECT_EQ(s002.story_id, s004.story_id);
  EXPECT_EQ(s002.duplicate_of, s004.id);
  EXPECT_EQ(s002.relation, "rewrite");
  EXPECT_NE(s004.story_id, s000.story_id);  // the July briefing is another event
  EXPECT_NE(s003.story_id, s000.story_id);
  EXPECT_NE(s003.story_id, s004.story_id);
  for (const char* related : {"004#related-1", "004#related-2", "004#related-3"}) {
    EXPECT_NE(by_seed[related].story_id, s004.story_id) << related;
    EXPECT_FALSE(by_seed[related].duplicate_of) << related;
  }
}

}  // namespace
}  // namespace storyline::pipeline
