// Kernel benchmarks: the per-page costs of the read → extract path on the bundled seeds.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/html_extractor.h"
#include "extract/text_extractor.h"
#include "read/charset.h"
#include "text/hash.h"
#include "text/language.h"

namespace {

namespace fs = std::filesystem;
using namespace storyline;

std::vector<std::string> Seeds() {
  std::vector<std::string> out;
  std::vector<fs::path> paths;
  for (const auto& e :
       fs::directory_iterator(std::string(STORYLINE_SOURCE_DIR) + "/examples/seeds")) {
    paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

// A synthetic article page with the usual chrome around it.
std::string SyntheticHtml(const std::vector<std::string>& seeds) {
  std::string html =
      "<!DOCTYPE html><html lang=en><head><title>Headline | Outlet</title>"
      "<meta property='og:site_name' content='Outlet'>"
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Headline\","
      "\"datePublished\":\"2025-11-07T12:20:00Z\"}</script></head><body>"
      "<nav><ul><li><a href=/>Home</a></li><li><a "
      "href=/w>World</a></li></ul></nav><article><h1>Headline</h1>";
  std::stringstream ss(seeds[3]);
  for (std::string line; std::getline(ss, line);) {
    if (line.size() > 60) html += "<p>" + line + "</p>";
  }
  html +=
      "</article><aside class=related><h2>Related</h2><ul><li><a href=/x>Other</a></li></ul>"
      "</aside><footer>© Outlet</footer></body></html>";
  return html;
}

void BM_ExtractText(benchmark::State& state) {
  const auto seeds = Seeds();
  extract::ExtractOptions options;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& s : seeds) {
      auto r = extract::ExtractText(s, options);
      benchmark::DoNotOptimize(r);
      bytes += s.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * seeds.size()));
}
BENCHMARK(BM_ExtractText);

void BM_ExtractHtml(benchmark::State& state) {
  const std::string html = SyntheticHtml(Seeds());
  extract::ExtractOptions options;
  for (auto _ : state) {
    auto r = extract::ExtractHtml(html, options);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * html.size()));
}
BENCHMARK(BM_ExtractHtml);

void BM_ContentHash(benchmark::State& state) {
  const std::string text = Seeds()[4];
  for (auto _ : state) benchmark::DoNotOptimize(text::ContentHash(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ContentHash);

void BM_DetectLanguage(benchmark::State& state) {
  const std::string text = Seeds()[4];
  for (auto _ : state) benchmark::DoNotOptimize(text::DetectLanguage(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DetectLanguage);

void BM_DecodeUtf8(benchmark::State& state) {
  const std::string text = Seeds()[4];
  for (auto _ : state) benchmark::DoNotOptimize(read::DecodeToUtf8(text, ""));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DecodeUtf8);

}  // namespace

BENCHMARK_MAIN();
