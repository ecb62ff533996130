// Story assignment throughput and index memory on synthetic news (cluster/synthetic_news.h:
// events with their own words and names, shared Zipf vocabulary, 2,000 articles a day).
// Reports articles/s of StoryIndex::Assign (generation excluded) and bytes/article
// (MemoryBytes() / N) at 10k, 100k and 1M articles.
#include <benchmark/benchmark.h>

#include <vector>

#include "cluster/stories.h"
#include "cluster/synthetic_news.h"

namespace {

using storyline::Article;
using storyline::cluster::StoryIndex;
using storyline::cluster::testing::SyntheticNews;

void BM_StoryAssign(benchmark::State& state) {
  const auto n = static_cast<int64_t>(state.range(0));
  constexpr int64_t kBatch = 10000;  // generated untimed, then assigned timed
  for (auto _ : state) {
    state.PauseTiming();
    StoryIndex index;
    SyntheticNews news;
    std::vector<Article> batch;
    int64_t stories_right = 0, joined = 0;
    for (int64_t done = 0; done < n;) {
      const int64_t size = std::min(kBatch, n - done);
      batch.clear();
      std::vector<int64_t> events;
      for (int64_t i = 0; i < size; ++i) {
        batch.push_back(news.Next());
        events.push_back(news.event());
      }
      state.ResumeTiming();
      for (int64_t i = 0; i < size; ++i) {
        const auto a = index.Assign(done + i + 1, batch[static_cast<size_t>(i)]);
        joined += a.new_story ? 0 : 1;
      }
      state.PauseTiming();
      done += size;
      (void)events;
    }
    stories_right = static_cast<int64_t>(index.story_count());
    state.counters["bytes_per_article"] =
        static_cast<double>(index.MemoryBytes()) / static_cast<double>(n);
    state.counters["stories"] = static_cast<double>(stories_right);
    state.counters["joined"] = static_cast<double>(joined);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_StoryAssign)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
