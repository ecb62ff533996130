// Summaries per second on one core: every article of BBC News Summary (or any JSON Lines
// file with an "article" or "text" field) summarized to 3 sentences, then every AllSides
// story (three outlets' texts) summarized and compared; repeated until --seconds have
// passed. Single-threaded by construction.
//
//   storyline_summarize_bench [--seconds S] [--sentences N] [BBC_JSONL [ALLSIDES_JSONL]]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "summarize/summarize.h"

namespace {

namespace fs = std::filesystem;
namespace sum = storyline::summarize;
using Clock = std::chrono::steady_clock;

fs::path Datasets() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) {
    return fs::path(shared) / "datasets";
  }
  return fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "datasets";
}

std::vector<std::string> ReadArticles(const fs::path& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    if (j.contains("article") && j["article"].is_string()) {
      out.push_back(j["article"].get<std::string>());
    } else if (j.contains("text") && j["text"].is_string()) {
      out.push_back(j["text"].get<std::string>());
    }
  }
  return out;
}

std::vector<std::vector<sum::StoryArticle>> ReadStories(const fs::path& path) {
  std::vector<std::vector<sum::StoryArticle>> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("articles") || !j["articles"].is_array()) continue;
    std::vector<sum::StoryArticle> story;
    for (const nlohmann::json& a : j["articles"]) {
      sum::StoryArticle sa;
      sa.title = a.value("title", "");
      sa.text = a.value("text", "");
      sa.outlet = "outlet" + std::to_string(story.size());
      story.push_back(std::move(sa));
    }
    out.push_back(std::move(story));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  size_t sentences = 3;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (arg == "--sentences" && i + 1 < argc) {
      sentences = static_cast<size_t>(std::atol(argv[++i]));
    } else {
      paths.push_back(arg);
    }
  }
  const fs::path bbc =
      paths.size() > 0 ? fs::path(paths[0]) : Datasets() / "summaries" / "bbc" / "bbc.jsonl";
  const fs::path allsides =
      paths.size() > 1 ? fs::path(paths[1]) : Datasets() / "stories" / "allsides" / "neus.jsonl";
  const std::vector<std::string> articles = ReadArticles(bbc);
  if (articles.empty()) {
    std::fprintf(stderr, "%s: no articles (a JSON Lines file with \"article\" or \"text\")\n",
                 bbc.string().c_str());
    return 1;
  }
  size_t bytes = 0;
  for (const std::string& a : articles) bytes += a.size();

  sum::SummaryOptions options;
  options.sentences = sentences;
  size_t done = 0, out_sentences = 0;
  const auto t0 = Clock::now();
  double elapsed = 0;
  do {
    for (const std::string& a : articles) {
      out_sentences += sum::SummarizeArticle(a, options).sentences.size();
      ++done;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (elapsed < seconds);
  const double n_articles = static_cast<double>(articles.size());
  std::printf(
      "article summaries: %zu in %.2f s = %.0f summaries/s, %.1f MB/s "
      "(%zu articles, %.0f bytes avg, %.2f sentences avg)\n",
      done, elapsed, static_cast<double>(done) / elapsed,
      static_cast<double>(bytes) * (static_cast<double>(done) / n_articles) / elapsed / 1e6,
      articles.size(), static_cast<double>(bytes) / n_articles,
      static_cast<double>(out_sentences) / static_cast<double>(done));

  const std::vector<std::vector<sum::StoryArticle>> stories = ReadStories(allsides);
  if (stories.empty()) return 0;
  size_t story_done = 0;
  const auto t1 = Clock::now();
  do {
    for (const std::vector<sum::StoryArticle>& s : stories) {
      out_sentences += sum::SummarizeStory(s, options).sentences.size();
      out_sentences += sum::CompareCoverage(s).outlets.size();
      ++story_done;
    }
    elapsed = std::chrono::duration<double>(Clock::now() - t1).count();
  } while (elapsed < seconds);
  std::printf("story summaries + coverage: %zu in %.2f s = %.0f stories/s (%zu stories)\n",
              story_done, elapsed, static_cast<double>(story_done) / elapsed, stories.size());
  return out_sentences == 0 ? 1 : 0;
}
