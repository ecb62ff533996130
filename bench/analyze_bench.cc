// NER + quotes + people on a corpus of article texts, one core: model load time,
// articles/s, sentences/s, quotes found and peak resident memory.
//
//   storyline_analyze_bench [--repeat N] [JSONL]
// JSONL holds one article per line with its text in "article" or "text" (default:
// ../shared/datasets/summaries/bbc/bbc.jsonl, 1,811 BBC articles).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nlp/tokenize.h"
#include "people/analyze.h"

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(STORYLINE_SOURCE_DIR) + "/../shared/datasets/summaries/bbc/bbc.jsonl";
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      path = argv[i];
    }
  }
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open (give a JSON Lines file of articles)\n", path.c_str());
    return 1;
  }
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    for (const char* field : {"article", "text"}) {
      if (j.contains(field) && j[field].is_string()) {
        texts.push_back(j[field].get<std::string>());
        bytes += texts.back().size();
        break;
      }
    }
  }
  const auto load_start = std::chrono::steady_clock::now();
  auto analyzer = storyline::people::Analyzer::Default();
  const double load_secs = Since(load_start);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "%s\n", analyzer.status().ToString().c_str());
    return 1;
  }
  size_t sentences = 0;
  for (const std::string& t : texts) {
    sentences += storyline::nlp::SplitSentences(t, storyline::nlp::Tokenize(t)).size();
  }
  size_t quotes = 0, entities = 0, failed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& t : texts) {
      auto a = analyzer->Analyze(t);
      if (!a.ok()) {
        ++failed;
        continue;
      }
      quotes += a->quotes.size();
      entities += a->entities.size();
    }
  }
  const double secs = Since(start);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double n = static_cast<double>(texts.size()) * repeat;
  std::printf(
      "articles %zu x%d  failed %zu  model load %.3f s  seconds %.3f  articles/s %.1f  "
      "sentences/s %.0f  text MB/s %.2f  entities %zu  quotes %zu  peak RSS %.1f MiB\n",
      texts.size(), repeat, failed, load_secs, secs, n / secs,
      static_cast<double>(sentences) * repeat / secs,
      static_cast<double>(bytes) * repeat / (1 << 20) / secs, entities, quotes,
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
