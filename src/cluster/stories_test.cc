#include "cluster/stories.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cluster/synthetic_news.h"

namespace storyline::cluster {
namespace {

namespace fs = std::filesystem;

Timestamp At(const char* iso) {
  const std::optional<Timestamp> t = Timestamp::FromIso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

Article Make(std::string title, std::string text, std::optional<Timestamp> published,
             std::string outlet = "") {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  a.paragraphs = {a.text};
  a.published = published;
  a.outlet = std::move(outlet);
  return a;
}

// Unrelated news, so document frequencies mean something before the articles under test.
void AddBackground(StoryIndex& index, int64_t& next_id, const char* date) {
  static const char* const kTexts[][2] = {
      {"Central bank raises interest rates again",
       "The central bank raised its benchmark interest rate by a quarter point on Wednesday, "
       "citing stubborn inflation in housing and services."},
      {"Storm floods coastal towns",
       "Heavy rain and a storm surge flooded several coastal towns overnight; emergency crews "
       "evacuated residents and closed roads."},
      {"Football club sacks its manager",
       "The football club dismissed its manager after a run of seven defeats, the board said "
       "in a statement on its website."},
      {"Tech company unveils new phone",
       "The company unveiled a new phone with a larger battery and a faster chip at an event "
       "in California."},
      {"Parliament passes budget bill",
       "Lawmakers passed the budget bill by a narrow margin after a long night of debate over "
       "spending cuts and tax credits."},
      {"Wildfire forces evacuations",
       "A fast-moving wildfire forced thousands of residents to evacuate as firefighters "
       "battled strong winds and dry conditions."},
      {"Museum returns looted artefacts",
       "The museum returned dozens of looted bronze artefacts to their country of origin in "
       "a ceremony attended by ministers."},
      {"Airline strike grounds flights",
       "Pilots at the airline walked out in a dispute over pay, grounding hundreds of flights "
       "and stranding travellers at airports."},
  };
  for (const auto& t : kTexts) {
    (void)index.Assign(next_id++, Make(t[0], t[1], At(date)));
  }
}

TEST(StoryIndexTest, SameEventInOtherWordsJoins) {
  StoryIndex index;
  int64_t id = 1;
  AddBackground(index, id, "2024-01-01T08:00:00Z");
  const Assignment a = index.Assign(
      id++, Make("Magnitude 7.5 earthquake strikes Noto peninsula in Japan",
                 "A powerful earthquake of magnitude 7.5 struck the Noto peninsula in Ishikawa "
                 "prefecture on Monday afternoon, collapsing houses and triggering a tsunami "
                 "warning along the Sea of Japan coast.",
                 At("2024-01-01T09:10:00Z"), "Reuters"));
  const Assignment b = index.Assign(
      id++, Make("Strong earthquake hits Japan's Noto peninsula, tsunami warning issued",
                 "Houses collapsed in Ishikawa prefecture after the 7.5 magnitude quake hit the "
                 "Noto region on Monday; authorities told coastal residents to flee to higher "
                 "ground as tsunami waves reached Wajima.",
                 At("2024-01-01T10:00:00Z"), "AP"));
  EXPECT_TRUE(a.new_story);
  EXPECT_FALSE(b.new_story);
  EXPECT_EQ(b.story_id, a.story_id);
  EXPECT_GT(b.score, StoryOptions{}.join_threshold);
}

const char* const kBriefingTitle = "Kremlin spokesman Peskov briefs reporters on Ukraine talks";
const char* const kBriefingText =
    "Kremlin spokesman Dmitry Peskov told reporters that Moscow is waiting for signals from Kyiv "
    "about a new round of direct talks on Ukraine, and that President Vladimir Putin has no "
    "plans to speak with Volodymyr Zelensky this week.";

TEST(StoryIndexTest, SameTopicAWeekApartIsTwoStories) {
  StoryIndex index;
  int64_t id = 1;
  AddBackground(index, id, "2025-06-01T08:00:00Z");
  const Assignment first =
      index.Assign(id++, Make(kBriefingTitle, kBriefingText, At("2025-06-02T10:00:00Z")));
  const Assignment week_later = index.Assign(
      id++, Make("Peskov: Kremlin still waits for Kyiv's answer on Ukraine talks",
                 "At his daily briefing Kremlin spokesman Dmitry Peskov said Moscow had not "
                 "received signals from Kyiv on direct talks on Ukraine and that Putin has no "
                 "plans for a call with Zelensky.",
                 At("2025-06-09T10:00:00Z")));
  EXPECT_TRUE(first.new_story);
  EXPECT_TRUE(week_later.new_story);
  EXPECT_NE(week_later.story_id, first.story_id);
}

TEST(StoryIndexTest, TimeWindowDecidesCandidates) {
  for (const auto& [second_date, joins] :
       std::vector<std::pair<const char*, bool>>{{"2025-06-02T22:00:00Z", true},
                                                 {"2025-06-05T09:00:00Z", true},
                                                 {"2025-06-06T11:00:00Z", false}}) {
    StoryOptions options;
    options.window_seconds = 3 * 86400;
    options.half_life_seconds = 0;  // only the window
    StoryIndex index(options);
    int64_t id = 1;
    AddBackground(index, id, "2025-06-01T08:00:00Z");
    const Assignment a =
        index.Assign(id++, Make(kBriefingTitle, kBriefingText, At("2025-06-02T10:00:00Z")));
    const Assignment b = index.Assign(id++, Make(kBriefingTitle, kBriefingText, At(second_date)));
    EXPECT_EQ(b.story_id == a.story_id, joins) << second_date;
  }
  // Undated: no time restriction.
  StoryIndex index;
  int64_t id = 1;
  AddBackground(index, id, "2025-06-01T08:00:00Z");
  const Assignment a =
      index.Assign(id++, Make(kBriefingTitle, kBriefingText, At("2025-06-02T10:00:00Z")));
  const Assignment b = index.Assign(id++, Make(kBriefingTitle, kBriefingText, std::nullopt));
  EXPECT_EQ(b.story_id, a.story_id);
}

TEST(StoryIndexTest, SameOutletWithinTheHourIsPenalized) {
  const auto score_of_second = [](const std::string& outlet, const char* date) {
    StoryIndex index;
    int64_t id = 1;
    AddBackground(index, id, "2025-06-01T08:00:00Z");
    (void)index.Assign(id++,
                       Make(kBriefingTitle, kBriefingText, At("2025-06-02T10:00:00Z"), "TASS"));
    return index.Assign(id++, Make(kBriefingTitle, kBriefingText, At(date), outlet)).score;
  };
  const double other_outlet = score_of_second("Reuters", "2025-06-02T10:30:00Z");
  const double same_outlet = score_of_second("TASS", "2025-06-02T10:30:00Z");
  EXPECT_NEAR(other_outlet - same_outlet, StoryOptions{}.outlet_hour_penalty, 1e-9);
  // Two hours later the same outlet is no longer suspicious.
  EXPECT_DOUBLE_EQ(score_of_second("TASS", "2025-06-02T12:00:00Z"),
                   score_of_second("Reuters", "2025-06-02T12:00:00Z"));
  // With a penalty above the similarity, the same-hour article starts its own story.
  StoryOptions options;
  options.outlet_hour_penalty = 2;
  StoryIndex index(options);
  int64_t id = 1;
  AddBackground(index, id, "2025-06-01T08:00:00Z");
  const Assignment a =
      index.Assign(id++, Make(kBriefingTitle, kBriefingText, At("2025-06-02T10:00:00Z"), "TASS"));
  const Assignment b =
      index.Assign(id++, Make(kBriefingTitle, kBriefingText, At("2025-06-02T10:30:00Z"), "TASS"));
  EXPECT_NE(a.story_id, b.story_id);
}

// Synthetic news is made-up words: with the English IDF prior each would look rare (the
// pair model's IDF features then join everything), so synthetic tests use the pair weights
// alone, their IDF learnt from the stream as for a stream in a language the prior lacks.
StoryOptions WithoutPrior() {
  StoryModel model = *EmbeddedStoryModel();
  model.prior_documents = 0;
  model.prior_df.clear();
  StoryOptions options;
  options.model = std::make_shared<const StoryModel>(std::move(model));
  return options;
}

std::vector<Article> Synthetic(int n) {
  testing::SyntheticOptions o;
  o.articles_per_day = 100;
  o.body_words = 60;
  testing::SyntheticNews news(o);
  std::vector<Article> out;
  for (int i = 0; i < n; ++i) out.push_back(news.Next());
  // Some undated and some outlet-less articles, to cover those paths too.
  for (int i = 0; i < n; i += 17) out[i].outlet.clear();
  for (int i = n - 5; i < n; ++i) out[i].published.reset();
  return out;
}

// The incremental index against a rebuild: restoring a prefix, then assigning the rest,
// must give exactly the assignments of assigning everything.
TEST(StoryIndexTest, RestoreThenAssignEqualsAssign) {
  const std::vector<Article> articles = Synthetic(400);
  StoryIndex full(WithoutPrior());
  std::vector<Assignment> expected;
  for (size_t i = 0; i < articles.size(); ++i) {
    expected.push_back(full.Assign(static_cast<int64_t>(i + 1), articles[i]));
  }
  size_t joined = 0;
  for (const Assignment& a : expected) joined += a.new_story ? 0 : 1;
  ASSERT_GT(joined, 100u) << "the synthetic events should form multi-article stories";
  ASSERT_GT(full.story_count(), 20u);

  for (const size_t k : {size_t{0}, size_t{1}, size_t{57}, size_t{200}, size_t{399}}) {
    StoryIndex restored(WithoutPrior());
    for (size_t i = 0; i < k; ++i) {
      restored.Restore(static_cast<int64_t>(i + 1), articles[i], expected[i].story_id);
    }
    for (size_t i = k; i < articles.size(); ++i) {
      const Assignment a = restored.Assign(static_cast<int64_t>(i + 1), articles[i]);
      ASSERT_EQ(a.story_id, expected[i].story_id) << "prefix " << k << ", article " << i;
      ASSERT_EQ(a.new_story, expected[i].new_story) << "prefix " << k << ", article " << i;
      ASSERT_EQ(a.score, expected[i].score) << "prefix " << k << ", article " << i;
    }
    EXPECT_EQ(restored.story_count(), full.story_count());
  }
}

// Ten chunks through a reloaded index give the same stories as one pass.
TEST(StoryIndexTest, IngestInTenChunksEqualsAtOnce) {
  const std::vector<Article> articles = Synthetic(300);
  StoryIndex once(WithoutPrior());
  std::vector<int64_t> expected;
  for (size_t i = 0; i < articles.size(); ++i) {
    expected.push_back(once.Assign(static_cast<int64_t>(i + 1), articles[i]).story_id);
  }
  std::vector<int64_t> stored;  // what the store would hold between runs
  for (size_t chunk = 0; chunk < 10; ++chunk) {
    StoryIndex index(WithoutPrior());  // a new process: reload, then ingest the next chunk
    for (size_t i = 0; i < stored.size(); ++i) {
      index.Restore(static_cast<int64_t>(i + 1), articles[i], stored[i]);
    }
    const size_t end = articles.size() * (chunk + 1) / 10;
    for (size_t i = stored.size(); i < end; ++i) {
      stored.push_back(index.Assign(static_cast<int64_t>(i + 1), articles[i]).story_id);
    }
  }
  EXPECT_EQ(stored, expected);
}

TEST(StoryIndexTest, IdsAreStableAndIncreasing) {
  const std::vector<Article> articles = Synthetic(200);
  StoryIndex index;
  int64_t last_new = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    const Assignment a = index.Assign(static_cast<int64_t>(i + 1), articles[i]);
    if (a.new_story) {
      EXPECT_EQ(a.story_id, last_new + 1);
      last_new = a.story_id;
      EXPECT_EQ(a.score, 0);
    } else {
      EXPECT_GE(a.story_id, 1);
      EXPECT_LE(a.story_id, last_new);
    }
    EXPECT_EQ(index.StoryOf(static_cast<int64_t>(i + 1)), a.story_id);  // nothing moves
  }
  EXPECT_EQ(index.story_count(), static_cast<size_t>(last_new));
  // After a restored story with a larger id, new ids continue above it.
  StoryIndex restored;
  restored.Restore(1, articles[0], 41);
  Article unrelated =
      Make("Orchestra premieres symphony", "The orchestra premiered a symphony.", std::nullopt);
  EXPECT_EQ(restored.Assign(2, unrelated).story_id, 42);
}

TEST(StoryIndexTest, DuplicateJoinsItsOriginalWithoutEvidence) {
  const std::vector<Article> articles = Synthetic(120);
  StoryIndex plain, with_duplicates;
  for (size_t i = 0; i < articles.size(); ++i) {
    const auto id = static_cast<int64_t>(i + 1);
    const Assignment a = plain.Assign(id, articles[i]);
    const Assignment b = with_duplicates.Assign(id, articles[i]);
    EXPECT_EQ(a.story_id, b.story_id);
    EXPECT_EQ(a.score, b.score);
    if (i % 10 == 3) {
      EXPECT_EQ(with_duplicates.AddDuplicate(1000 + id, id), b.story_id);
      EXPECT_EQ(with_duplicates.StoryOf(1000 + id), b.story_id);
    }
  }
  EXPECT_EQ(with_duplicates.AddDuplicate(5000, 4999), std::nullopt);
  EXPECT_EQ(with_duplicates.story_count(), plain.story_count());
  EXPECT_EQ(with_duplicates.article_count(), plain.article_count() + 12);
}

// examples/seeds: the prose lines of each page (the extractor is another stage).
Article Seed(const std::string& prefix, std::optional<Timestamp> published, std::string outlet) {
  const char* source = std::getenv("STORYLINE_SOURCE_DIR");
  const fs::path dir =
      fs::path(source && *source ? source : STORYLINE_SOURCE_DIR) / "examples" / "seeds";
  Article a;
  a.published = published;
  a.outlet = std::move(outlet);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix + "_", 0) != 0) continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line.rfind("http", 0) == 0) continue;
      if (a.title.empty()) {
        a.title = line;
        continue;
      }
      size_t words = 1;
      for (char c : line) words += c == ' ' ? 1 : 0;
      const char last = line.back();
      if (words >= 12 && (last == '.' || last == '"' || last == '\'' ||
                          static_cast<unsigned char>(last) >= 0x80)) {
        a.paragraphs.push_back(line);
      }
    }
  }
  for (const std::string& p : a.paragraphs) a.text += (a.text.empty() ? "" : "\n\n") + p;
  EXPECT_FALSE(a.text.empty()) << "no seed " << prefix << " in " << dir;
  return a;
}

TEST(StoryIndexTest, Seeds) {
  StoryIndex index;
  int64_t id = 1;
  AddBackground(index, id, "2023-03-01T08:00:00Z");
  // A production index has seen many articles: rare words are then rare (idf), not merely
  // "seen once in five pages". Synthetic ones, dated before the seeds, stand in for them.
  testing::SyntheticOptions o;
  o.start_unix = 1609459200;  // 2021-01-01
  testing::SyntheticNews news(o);
  for (int i = 0; i < 2000; ++i) (void)index.Assign(id++, news.Next());
  const size_t background = index.story_count();
  // In publication order, undated last. 003: an older briefing (March 2023, mobilization,
  // Karabakh, Xi's visit); 004: the July 2025 briefing on a third round of talks; 001 and
  // 000: the 7 Nov 2025 briefing (Sputnik, then ReOpen Media); 002: undated rewrite of 004.
  const Assignment s003 = index.Assign(100003, Seed("003", At("2023-03-20T10:00:00Z"), "Gazeta"));
  const Assignment s004 = index.Assign(100004, Seed("004", At("2025-07-11T12:00:00Z"), "RT"));
  const Assignment s001 = index.Assign(100001, Seed("001", At("2025-11-07T12:20:00Z"), "Sputnik"));
  const Assignment s000 =
      index.Assign(100000, Seed("000", At("2025-11-07T12:28:00Z"), "ReOpen Media"));
  // 002 rewrites 004 in other words: 004's story is its best candidate (the
  // pipeline also marks it a rewrite, which puts it there whatever the score).
  const std::vector<StoryCandidate> c002 = index.Candidates(Seed("002", std::nullopt, "Times Now"));
  ASSERT_FALSE(c002.empty());
  EXPECT_EQ(c002[0].story_id, s004.story_id);
  const Assignment s002 = index.Assign(100002, Seed("002", std::nullopt, "Times Now"));
  EXPECT_TRUE(s003.new_story);
  EXPECT_TRUE(s004.new_story);
  EXPECT_TRUE(s001.new_story);
  EXPECT_EQ(s002.story_id, s004.story_id);
  EXPECT_GT(s002.score, StoryOptions{}.join_threshold + 0.03);
  // 000 (ReOpen Media's long round-up of the briefing) joins 001 (Sputnik's piece on the
  // summit line alone); it scored ~0.2 and stayed apart before the member-mean features.
  EXPECT_EQ(s000.story_id, s001.story_id) << "score " << s000.score;
  EXPECT_EQ(index.story_count(), background + 3);  // 003, 004, 000+001
}

}  // namespace
}  // namespace storyline::cluster
