// Quote attribution speed: QuoteFinder::Find over the PolNeAR dev texts on one core
// (articles/s, and MB/s of text), and the time to load the compiled-in model.
// Needs ../shared/datasets/attribution/polnear (or STORYLINE_SHARED).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "eval/quotes/polnear.h"
#include "quotes/quotes.h"

namespace {

namespace fs = std::filesystem;
namespace q = storyline::eval::quotes;

fs::path PolnearDir() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) {
    return fs::path(shared) / "datasets" / "attribution" / "polnear";
  }
  return fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "datasets" / "attribution" / "polnear";
}

void BM_LoadQuoteModel(benchmark::State& state) {
  for (auto _ : state) {
    auto finder = storyline::quotes::QuoteFinder::FromEmbedded();
    if (!finder.ok()) state.SkipWithError(finder.status().ToString().c_str());
    benchmark::DoNotOptimize(finder);
  }
}
BENCHMARK(BM_LoadQuoteModel)->Unit(benchmark::kMillisecond);

void BM_FindQuotes(benchmark::State& state) {
  auto texts = q::LoadSplit(PolnearDir() / "dev");
  auto finder = storyline::quotes::QuoteFinder::FromEmbedded();
  if (!texts.ok() || !finder.ok()) {
    state.SkipWithError("PolNeAR dev or the quote model is missing");
    return;
  }
  size_t articles = 0, bytes = 0;
  for (auto _ : state) {
    for (const q::AnnotatedText& t : *texts) {
      auto found = finder->Find(t.text);
      benchmark::DoNotOptimize(found);
      ++articles;
      bytes += t.text.size();
    }
  }
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FindQuotes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
