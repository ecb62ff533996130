// The storyline binary, run as a user runs it: exit codes, stdout, stderr, the store.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "pipeline/news_site_for_tests.h"
#include "read/gzip_for_tests.h"
#include "storyline/store.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSeeds = std::string(STORYLINE_SOURCE_DIR) + "/examples/seeds";

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::vector<std::string> OutLines() const {
    std::vector<std::string> lines;
    std::stringstream ss(out);
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
    return lines;
  }
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_cli_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `storyline ARGS` through the shell (ARGS quoted by the caller), stdin from `input`.
  RunResult Run(const std::string& args, const std::string& stdin_file = "/dev/null") {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string cmd = std::string("'") + STORYLINE_BIN + "' " + args + " <'" + stdin_file +
                            "' >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }

  std::string Write(const std::string& name, std::string_view bytes) {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

  int64_t Count() {
    auto store = Store::Open(db_, {});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? *(*store)->CountArticles() : -1;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliTest, HelpDocumentsEveryCommand) {
  RunResult r = Run("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"ingest", "articles", "show", "extract", "stories", "story", "cluster",
                          "analyze", "ner", "people", "quotes"}) {
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  }
  r = Run("ingest --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--db", "--format", "--max-bytes", "--url", "--batch-size"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(Run("frobnicate").exit_code, 1);
  EXPECT_EQ(Run("extract --format xml " + kSeeds).exit_code, 1);
}

TEST_F(CliTest, IngestSeedsTwiceStoresThemOnce) {
  RunResult r = Run("ingest --db '" + db_ + "' '" + kSeeds + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("read 5, new 8, already known 0, rejected 0"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");  // piped: no progress display
  r = Run("ingest --db '" + db_ + "' '" + kSeeds + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("read 5, new 0, already known 8, rejected 0"), std::string::npos) << r.out;
  EXPECT_EQ(Count(), 8);
}

TEST_F(CliTest, DbComesFromEnvironmentWhenNoFlag) {
  const std::string env_db = (dir_ / "envdb").string();
  const std::string cmd = "STORYLINE_DB='" + env_db + "' '" + STORYLINE_BIN + "' ingest '" +
                          kSeeds + "/000_68ef8a0b26c085fc.txt' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_TRUE(fs::exists(fs::path(env_db) / "storyline.db"));
}

TEST_F(CliTest, ArticlesAndShow) {
  ASSERT_EQ(Run("ingest --db '" + db_ + "' '" + kSeeds + "'").exit_code, 0);
  RunResult r = Run("articles --db '" + db_ + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = r.OutLines();
  ASSERT_EQ(lines.size(), 8u);
  std::vector<std::string> titles;
  for (const auto& l : lines) {
    json j = json::parse(l);
    EXPECT_TRUE(j["id"].is_number_integer());
    EXPECT_TRUE(j.contains("story"));
    EXPECT_TRUE(j.contains("duplicate_of"));
    titles.push_back(j["title"].is_null() ? "" : j["title"].get<std::string>());
  }
  // Ids follow publication order: the two dated seeds first (Sputnik 12:20, then 12:28).
  EXPECT_EQ(titles[0], "Russian-US Summit Will Be in Demand by Both Sides at Some Point - Kremlin");
  EXPECT_EQ(titles[1], "Peskov on Ukraine, US Dialogue, and Russian Military Buildup");

  r = Run("articles --db '" + db_ + "' --limit 2 --after 1");
  ASSERT_EQ(r.exit_code, 0);
  ASSERT_EQ(r.OutLines().size(), 3u);  // header + 2
  EXPECT_NE(r.OutLines()[1].find("     2  "), std::string::npos) << r.out;

  r = Run("show --db '" + db_ + "' 1 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["outlet"], "Sputnik International");
  EXPECT_NE(j["text"].get<std::string>().find("Peskov told reporters"), std::string::npos);

  r = Run("show --db '" + db_ + "' 999");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not found"), std::string::npos) << r.err;

  r = Run("articles --db '" + (dir_ / "nowhere").string() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "nowhere" / "storyline.db"));
}

TEST_F(CliTest, ExtractSeedsGivesTitlesDatesUrlsAndCleanText) {
  RunResult r = Run("extract --json '" + kSeeds + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = r.OutLines();
  ASSERT_EQ(lines.size(), 5u);
  std::vector<json> pages;
  for (const auto& l : lines) pages.push_back(json::parse(l));
  for (const json& p : pages) {
    for (const char* key : {"source_file", "url", "title", "published", "authors", "outlet",
                            "language", "tags", "text", "related", "error"}) {
      EXPECT_TRUE(p.contains(key)) << key;
    }
    EXPECT_TRUE(p["error"].is_null());
    EXPECT_EQ(p["language"], "en");
    const std::string text = p["text"];
    for (const char* chrome : {"Sign Up", "Related Reads", "You may also like", "No time to read",
                               "Get a summary", "Hashtags", "feedback@", "dmitry peskov\n"}) {
      EXPECT_EQ(text.find(chrome), std::string::npos) << chrome << " in " << p["source_file"];
    }
  }
  EXPECT_EQ(pages[0]["title"], "Peskov on Ukraine, US Dialogue, and Russian Military Buildup");
  EXPECT_EQ(pages[0]["published"], "2025-11-07T12:28:00");
  EXPECT_EQ(pages[1]["title"],
            "Russian-US Summit Will Be in Demand by Both Sides at Some Point - Kremlin");
  EXPECT_EQ(pages[1]["published"], "2025-11-07T12:20:00+00:00");
  EXPECT_EQ(pages[1]["url"].get<std::string>().rfind("https://sputnikglobe.com/20251107/", 0), 0u);
  EXPECT_TRUE(pages[2]["title"].is_null());
  EXPECT_EQ(pages[3]["title"], "Russia Briefing: Peskov Updates on Mobilization and Security");
  EXPECT_EQ(pages[4]["title"], "Russia prefers peaceful solution to Ukraine conflict");
  EXPECT_EQ(pages[4]["related"].size(), 3u);
  EXPECT_EQ(pages[2]["related"].size(), 5u);
}

TEST_F(CliTest, ExtractReadsStdinAndTakesUrl) {
  RunResult r =
      Run("extract --url https://example.org/2025/11/07/x -", kSeeds + "/002_b657d2916ab985db.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["source_file"], "-");
  EXPECT_EQ(j["url"], "https://example.org/2025/11/07/x");
  EXPECT_EQ(j["outlet"], "example.org");
  EXPECT_EQ(j["published"], "2025-11-07");
}

std::string GzipOf(std::string_view data) { return read::testing::Gzip(data); }

TEST_F(CliTest, MixedJunkIsRejectedByNameAndTheRestIsStored) {
  ASSERT_EQ(Run("ingest --db '" + db_ + "' '" + kSeeds + "'").exit_code, 0);
  const std::string before = Run("articles --db '" + db_ + "' --json").out;

  const std::string seed = Slurp(kSeeds + "/003_2f87dc2640e37137.txt");
  std::string truncated = GzipOf(seed + seed);
  truncated.resize(truncated.size() / 2);
  Write("junk/empty.html", "");
  Write("junk/image.png", std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Write("junk/random.bin", std::string("\x01\x02\x03\x00\xff\xfe", 6) + std::string(200, '\x07'));
  Write("junk/cut.txt.gz", truncated);
  Write("junk/huge.txt", std::string(3000, 'a') + "\n");
  Write("junk/bad-utf8.html",
        "<html><head><meta charset=\"utf-8\"></head><body><p>caf\xe9</p></body>");
  Write("junk/broken.jsonl", "{\"url\": \"https://x.org/a\", \"text\": \"unterminated\n");
  Write(
      "junk/new.txt",
      "A brand new headline\n"
      "The harbour authority said on Monday that the new pier would open to ferries in spring.\n");
  RunResult r =
      Run("ingest --db '" + db_ + "' --max-bytes 2048 '" + (dir_ / "junk").string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  for (const char* name : {"empty.html", "image.png", "random.bin", "cut.txt.gz", "huge.txt",
                           "bad-utf8.html", "broken.jsonl"}) {
    EXPECT_NE(r.err.find(name), std::string::npos) << name << " not named in:\n" << r.err;
  }
  EXPECT_NE(r.err.find("PNG image"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated gzip"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("limit"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not valid UTF-8"), std::string::npos) << r.err;
  std::stringstream err(r.err);
  size_t lines = 0;
  for (std::string l; std::getline(err, l);) ++lines;
  EXPECT_EQ(lines, 7u) << r.err;  // one line per rejected input
  EXPECT_NE(r.out.find("read 1, new 1, already known 0, rejected 7"), std::string::npos) << r.out;

  // What was stored before is unchanged; the good page was added after it.
  const std::string after = Run("articles --db '" + db_ + "' --json").out;
  EXPECT_EQ(after.substr(0, before.size()), before);
  EXPECT_EQ(Count(), 9);
}

TEST_F(CliTest, ExtractReportsRejectedInputsInline) {
  Write("bad/x.pdf", "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n");
  RunResult r =
      Run("extract '" + (dir_ / "bad").string() + "' '" + kSeeds + "/000_68ef8a0b26c085fc.txt'");
  EXPECT_EQ(r.exit_code, 2);
  const auto lines = r.OutLines();
  ASSERT_EQ(lines.size(), 2u);
  json bad = json::parse(lines[0]);
  EXPECT_NE(bad["error"].get<std::string>().find("PDF document"), std::string::npos);
  EXPECT_TRUE(json::parse(lines[1])["error"].is_null());
}

TEST_F(CliTest, KilledIngestLeavesAConsistentStoreAndRerunCompletes) {
  // Many small records, one transaction per 5: a kill lands between or inside batches.
  std::string jsonl;
  constexpr int kRecords = 3000;
  for (int i = 0; i < kRecords; ++i) {
    jsonl += "{\"url\":\"https://example.org/news/" + std::to_string(i) + "\",\"title\":\"Item " +
             std::to_string(i) + "\",\"text\":\"Report number " + std::to_string(i) +
             " says the committee met on Tuesday and agreed on item " + std::to_string(i * 7) +
             " of the agenda.\"}\n";
  }
  const std::string input = Write("many.jsonl", jsonl);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(STORYLINE_BIN, STORYLINE_BIN, "ingest", "--db", db_.c_str(), "--batch-size", "5",
          input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until some batches are committed, then kill without warning.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (fs::exists(fs::path(db_) / "storyline.db")) {
      auto store = Store::Open(db_, {.create_if_missing = false});
      if (store.ok() && *(*store)->CountArticles() > 0) break;
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const int64_t partial = Count();
  EXPECT_GE(partial, 0);
  EXPECT_EQ(partial % 5, 0) << "a batch was half stored";
  EXPECT_LT(partial, kRecords) << "the run ended before it was killed: the test proved nothing";
  std::printf("killed after %lld of %d articles were stored\n", static_cast<long long>(partial),
              kRecords);

  RunResult r = Run("ingest --db '" + db_ + "' '" + input + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count(), kRecords);
  auto store = Store::Open(db_, {});
  ASSERT_TRUE(store.ok());
  auto unanalyzed = (*store)->UnanalyzedArticles(10);
  ASSERT_TRUE(unanalyzed.ok());
  EXPECT_TRUE(unanalyzed->empty()) << "the re-run left articles without people and quotes";
  EXPECT_NE(r.out.find("new " + std::to_string(kRecords - partial) + ", already known " +
                       std::to_string(partial)),
            std::string::npos)
      << r.out;
}

// The people and quotes of one analyzed seed, by source file name prefix.
struct SeedAnalysis {
  json people = json::array();
  json quotes = json::array();
  std::string text;
};

std::map<std::string, SeedAnalysis> ParseAnalyses(const std::string& out) {
  std::map<std::string, SeedAnalysis> by_seed;
  std::stringstream ss(out);
  for (std::string line; std::getline(ss, line);) {
    const json j = json::parse(line);
    const std::string file = fs::path(j["source_file"].get<std::string>()).filename().string();
    by_seed[file.substr(0, 3)] = {j["people"], j["quotes"], j["text"].get<std::string>()};
  }
  return by_seed;
}

const json* PersonById(const json& people, const std::string& id) {
  for (const json& p : people) {
    if (p["id"] == id) return &p;
  }
  return nullptr;
}

bool HasRole(const json& person, const std::string& role) {
  for (const json& r : person["roles"]) {
    if (r == role) return true;
  }
  return false;
}

// The speaker of the quote whose content holds `words`, or "(no quote)".
std::string SpeakerOf(const SeedAnalysis& a, const std::string& words) {
  for (const json& q : a.quotes) {
    if (q["content"]["text"].get<std::string>().find(words) != std::string::npos) {
      return q["speaker"].is_null() ? "(no speaker)" : q["speaker"].get<std::string>();
    }
  }
  return "(no quote)";
}

TEST_F(CliTest, AnalyzeSeedsNamesTheOfficialsWithRolesAndAttributesEveryQuotation) {
  RunResult r = Run("analyze --json '" + kSeeds + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, SeedAnalysis> seeds = ParseAnalyses(r.out);
  ASSERT_EQ(seeds.size(), 5u);

  // Seed 000: the eight officials of the briefing, each with the role the text gives.
  const json& people = seeds["000"].people;
  const std::vector<std::pair<std::string, std::string>> officials = {
      {"dmitri-peskov", "Press Secretary for the President of the Russian Federation"},
      {"donald-trump", "US President"},
      {"vladimir-putin", "President"},
      {"dmitri-medvedev", "Deputy Chairman of the Security Council"},
      {"andrei-belousov", "Defense Minister"},
      {"valeri-gerasimov", "Chief of the General Staff"},
      {"aleksander-bortnikov", "Director of the Federal Security Service"},
      {"aleksei-dyumin", "presidential aide"}};
  for (const auto& [id, role] : officials) {
    const json* p = PersonById(people, id);
    ASSERT_NE(p, nullptr) << id << " missing from " << people.dump();
    EXPECT_TRUE(HasRole(*p, role)) << id << ": " << (*p)["roles"].dump();
  }
  EXPECT_TRUE(HasRole(*PersonById(people, "dmitri-peskov"), "Kremlin spokesman"));

  // Every quotation, with its speaker; surnames resolve across the inputs (seed 004 names
  // Peskov only by surname).
  const std::string peskov = "dmitri-peskov";
  EXPECT_EQ(SpeakerOf(seeds["000"], "the Kremlin refrains from assessing them"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["000"], "Moscow respects Pyongyang"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["001"], "We believe that at some point"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["001"], "The main thing currently holding back"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["002"], "We need to receive some signals"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["003"], "We all spoke often about the problems"), peskov);  // he noted
  EXPECT_EQ(SpeakerOf(seeds["003"], "The current tension around the Lachin corridor"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["003"], "The meeting is arranged for tomorrow"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["004"], "We should wait for some signals"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["004"], "We have repeatedly said"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["004"], "As long as this outcome is impossible"), peskov);
  EXPECT_EQ(SpeakerOf(seeds["004"], "One of the things that the Ukrainians need"), "marco-rubio");
  EXPECT_EQ(SpeakerOf(seeds["004"], "There are Patriot batteries available"), "marco-rubio");
  EXPECT_EQ(SpeakerOf(seeds["004"], "throwing a lot of bullsh"), "donald-trump");

  // Offsets are code points into "text".
  const json& q = seeds["003"].quotes[0];
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(seeds["003"].text);
  const int32_t start = q["content"]["start"].get<int32_t>(), end = q["content"]["end"].get<int32_t>();
  std::string slice;
  text.tempSubStringBetween(text.moveIndex32(0, start), text.moveIndex32(0, end)).toUTF8String(slice);
  EXPECT_EQ(slice, q["content"]["text"].get<std::string>());
}

TEST_F(CliTest, IngestStoresPeopleAndQuotesForTheStoryPages) {
  RunResult r = Run("ingest --db '" + db_ + "' '" + kSeeds + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("analyzed 8"), std::string::npos) << r.out;
  r = Run("people --db '" + db_ + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool listed = false;
  for (const std::string& line : r.OutLines()) {
    const json p = json::parse(line);
    if (p["id"] != "dmitri-peskov") continue;
    listed = true;
    EXPECT_GE(p["mentions"].get<int>(), 10) << line;
    EXPECT_TRUE(HasRole(p, "Kremlin spokesman")) << line;
  }
  EXPECT_TRUE(listed) << r.out;
  EXPECT_EQ(r.out.find("\"id\":\"peskov\""), std::string::npos) << "surname not resolved";
  r = Run("quotes --db '" + db_ + "' --speaker Peskov --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t peskov_quotes = 0;
  for (const std::string& line : r.OutLines()) {
    const json q = json::parse(line);
    EXPECT_EQ(q["speaker"], "dmitri-peskov") << line;
    ++peskov_quotes;
  }
  EXPECT_GE(peskov_quotes, 10u);
  r = Run("quotes --db '" + db_ + "' --speaker marco-rubio");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Patriot batteries"), std::string::npos) << r.out;
}

TEST_F(CliTest, NerTagsConllLinesAndKeepsDocumentMarkers) {
  const std::string conll = Write("in.conll",
                                  "-DOCSTART- -X- -X- O\n\nDmitry NNP B-NP B-PER\nPeskov NNP "
                                  "I-NP I-PER\nspoke VBD B-VP O\nin IN B-PP O\nMoscow NNP B-NP "
                                  "B-LOC\n. . O O\n");
  RunResult r = Run("ner --conll '" + conll + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 8u) << r.out;
  EXPECT_EQ(lines[0], "-DOCSTART- -X- -X- O");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "Dmitry NNP B-NP B-PER B-PER");
  EXPECT_EQ(lines[3], "Peskov NNP I-NP I-PER I-PER");
  EXPECT_EQ(lines[6], "Moscow NNP B-NP B-LOC B-LOC");
  EXPECT_EQ(Run("ner --conll '" + (dir_ / "missing").string() + "'").exit_code, 1);
}

TEST_F(CliTest, AnalyzePlainOffsetsAreIntoTheFile) {
  const std::string text = "“Ça va,” a dit Ivan Petrov. \"We will win,\" Dmitry Peskov said.";
  const std::string file = Write("plain.txt", text);
  RunResult r = Run("analyze --format plain --json '" + file + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.OutLines().at(0));
  EXPECT_EQ(j["text"], text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  bool found = false;
  for (const json& e : j["entities"]) {
    std::string slice;
    u.tempSubStringBetween(u.moveIndex32(0, e["start"].get<int32_t>()),
                           u.moveIndex32(0, e["end"].get<int32_t>()))
        .toUTF8String(slice);
    EXPECT_EQ(slice, e["text"].get<std::string>());
    found = found || e["text"] == "Dmitry Peskov";
  }
  EXPECT_TRUE(found) << r.out;
}

TEST_F(CliTest, StoryOfTheRewriteSummarizesAndComparesItsOutlets) {
  ASSERT_EQ(Run("ingest --db '" + db_ + "' '" + kSeeds + "'").exit_code, 0);
  // The story that holds seed 002 (the rewrite) and seed 004 (RT's piece).
  RunResult r = Run("stories --db '" + db_ + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int64_t story = 0;
  for (const std::string& line : r.OutLines()) {
    const json j = json::parse(line);
    if (j["articles"].size() == 2 && j["title"] == "Russia prefers peaceful solution to Ukraine conflict") {
      story = j["id"].get<int64_t>();
    }
  }
  ASSERT_NE(story, 0) << r.out;
  r = Run("story --db '" + db_ + "' " + std::to_string(story) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json page = json::parse(r.out);

  // The summary states the Kremlin's wait for Kyiv's signal on a third round, by Peskov.
  bool signal = false;
  for (const json& line : page["summary"]) {
    const std::string text = line["text"];
    signal = signal || ((text.find("signal") != std::string::npos ||
                         text.find("waiting") != std::string::npos) &&
                        text.find("Peskov") != std::string::npos);
  }
  EXPECT_TRUE(signal) << page["summary"].dump(1);

  // What only RT reports: Trump's exact words, Rubio's argument on unused equipment; and
  // the Kyiv/Kiev wording.
  const json& outlets = page["coverage"]["outlets"];
  ASSERT_EQ(outlets.size(), 2u);
  bool trump = false, rubio = false;
  for (const json& o : outlets) {
    for (const json& sentence : o["only_here"]) {
      const std::string text = sentence;
      trump = trump || text.find("throwing a lot of bullsh") != std::string::npos;
      rubio = rubio || text.find("send Kiev equipment") != std::string::npos;
    }
    for (const json& q : o["quotes"]) {
      const std::string text = q["content"];
      trump = trump || (q["only_here"] == true &&
                        text.find("throwing a lot of bullsh") != std::string::npos);
    }
  }
  EXPECT_TRUE(trump) << outlets.dump(1);
  EXPECT_TRUE(rubio) << outlets.dump(1);
  bool kyiv = false;
  for (const json& w : page["coverage"]["wording"]) {
    kyiv = kyiv || (w["a"] == "Kyiv" && w["b"] == "Kiev") || (w["a"] == "Kiev" && w["b"] == "Kyiv");
  }
  EXPECT_TRUE(kyiv) << page["coverage"]["wording"].dump(1);

  // The text page shows the same.
  r = Run("story --db '" + db_ + "' " + std::to_string(story));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("summary:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"Kyiv\""), std::string::npos) << r.out;
}

TEST_F(CliTest, SummarizeGivesWholeSentencesOfEachInputOrOfAllTogether) {
  RunResult r = Run("summarize --json --sentences 2 '" + kSeeds + "/001_4732aee553240bac.txt' '" +
                    kSeeds + "/003_2f87dc2640e37137.txt'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 2u);
  for (const std::string& line : lines) {
    const json j = json::parse(line);
    ASSERT_EQ(j["summary"].size(), 2u) << line;
    for (const json& s : j["summary"]) {
      EXPECT_EQ(s["source_file"], j["source_file"]);
      const std::string text = s["text"];
      EXPECT_TRUE(text.back() == '.' || text.back() == '"' || text.back() == '?') << text;
    }
  }
  r = Run("summarize --json --together --words 60 '" + kSeeds + "/002_b657d2916ab985db.txt' '" +
          kSeeds + "/004_15f1c4107c37abfd.txt'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.OutLines().size(), 1u) << r.out;
  const json together = json::parse(r.out);
  EXPECT_EQ(together["source_files"].size(), 2u);
  size_t words = 0;
  for (const json& s : together["summary"]) {
    const std::string text = s["text"];
    words += static_cast<size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
  }
  EXPECT_GT(words, 0u);
  EXPECT_LE(words, 60u);
  EXPECT_EQ(Run("summarize --sentences 2 --words 10 '" + kSeeds + "'").exit_code, 1);
}

TEST_F(CliTest, SearchFindsSeedsByWordsPhraseOutletAndSpeakerAndReindexAnswersTheSame) {
  RunResult r = Run("ingest --db '" + db_ + "' '" + kSeeds + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 8"), std::string::npos) << r.out;
  const std::vector<std::string> queries = {
      "Budapest summit", "\"third round\"", "outlet:sputnik-international",
      "speaker:marco-rubio Patriot", "Lachin corridor", "Budapest 2025-11-01..2025-11-30",
      "Kremlin OR Pashinyan"};
  std::vector<std::string> before;
  for (const std::string& q : queries) {
    r = Run("search --db '" + db_ + "' --json '" + q + "'");
    ASSERT_EQ(r.exit_code, 0) << q << ": " << r.err;
    const json j = json::parse(r.out);
    EXPECT_GE(j["hits"].size(), 1u) << q << ": " << r.out;
    before.push_back(r.out);
  }
  const json budapest = json::parse(before[0]);
  EXPECT_NE(budapest["hits"][0]["snippet_html"].get<std::string>().find("<mark>"), std::string::npos);
  // The seed that reported Peskov on 7 November 2025, not the undated ones.
  EXPECT_EQ(json::parse(before[5])["hits"].size(), 1u) << before[5];
  ASSERT_EQ(Run("reindex --db '" + db_ + "'").exit_code, 0);
  for (size_t i = 0; i < queries.size(); ++i) {
    r = Run("search --db '" + db_ + "' --json '" + queries[i] + "'");
    EXPECT_EQ(r.out, before[i]) << queries[i];
  }
  r = Run("search --db '" + db_ + "' Peskof");
  EXPECT_NE(r.out.find("did you mean: peskov"), std::string::npos) << r.out;
  EXPECT_EQ(Run("search --db '" + db_ + "' '\"unclosed'").exit_code, 2);
}

TEST_F(CliTest, FetchArchivesAndIngestsOnceThenReprocessGivesTheSameArticles) {
  testing::NewsSite site;
  const std::string list = Write(
      "feeds.opml",
      "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"News\">"
      "<outline type=\"rss\" text=\"Harbour\" xmlUrl=\"" + site.Url("/feed.xml") + "\"/>"
      "</outline></body></opml>");
  const std::string flags = "--db '" + db_ + "' --delay 0 --timeout 5 --max-attempts 2 ";
  RunResult first = Run("fetch " + flags + "'" + list + "'");
  // Three pages arrive; the robots.txt-disallowed, 404, 500 and image items are named
  // errors (exit 2).
  EXPECT_EQ(first.exit_code, 2) << first.err;
  EXPECT_NE(first.out.find("new articles 3"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("fetch+archive"), std::string::npos) << first.out;
  EXPECT_NE(first.err.find("robots.txt"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("404"), std::string::npos) << first.err;
  EXPECT_EQ(site.Count("/private/secret.html"), 0);

  RunResult second = Run("fetch " + flags + "'" + list + "'");
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("not modified 1"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("new articles 0"), std::string::npos) << second.out;
  EXPECT_EQ(site.Count("/news/ferry.html"), 1);

  const std::string copy = (dir_ / "copy").string();
  RunResult re = Run("reprocess --db '" + db_ + "' --into '" + copy + "'");
  ASSERT_EQ(re.exit_code, 0) << re.err;
  EXPECT_NE(re.out.find("new 3"), std::string::npos) << re.out;
  RunResult live = Run("articles --json --db '" + db_ + "'");
  RunResult replayed = Run("articles --json --db '" + copy + "'");
  ASSERT_EQ(live.OutLines().size(), 3u);
  ASSERT_EQ(replayed.OutLines().size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const json a = json::parse(live.OutLines()[i]);
    const json b = json::parse(replayed.OutLines()[i]);
    for (const char* field : {"title", "url", "published", "authors", "outlet", "story"}) {
      EXPECT_EQ(a[field], b[field]) << field;
    }
  }
  // Reprocess never writes over a store.
  EXPECT_EQ(Run("reprocess --db '" + db_ + "' --into '" + copy + "'").exit_code, 1);

  // `ingest` reads the WARC files too.
  const std::string warc_db = (dir_ / "warc-db").string();
  RunResult ingested = Run("ingest --db '" + warc_db + "' '" + db_ + "/archive'");
  EXPECT_EQ(ingested.exit_code, 0) << ingested.err;
  EXPECT_NE(ingested.out.find("new 3"), std::string::npos) << ingested.out;

  // `watch` polls each feed on its schedule (here: within a second) until its rounds are done.
  const std::string watch_db = (dir_ / "watch-db").string();
  RunResult watched = Run("watch --db '" + watch_db + "' --delay 0 --timeout 5 --max-attempts 1 "
                          "--min-interval 0 --max-interval 1 --cycles 2 '" + list + "'");
  EXPECT_EQ(watched.exit_code, 0) << watched.err;
  EXPECT_NE(watched.out.find("new articles 3"), std::string::npos) << watched.out;
  EXPECT_NE(watched.out.find("not modified 1"), std::string::npos) << watched.out;

  // An unreachable feed is a named error; the run goes on and reports it.
  RunResult down = Run("fetch " + flags + "http://127.0.0.1:1/feed.xml");
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_NE(down.err.find("http://127.0.0.1:1/feed.xml"), std::string::npos) << down.err;
}

}  // namespace
}  // namespace storyline
