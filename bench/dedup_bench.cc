// The duplicate index at scale: Add() throughput with 10k, 100k and 1M articles indexed,
// and the index's bytes per article. Articles are synthetic: 300-600 words drawn with
// Zipf-like frequencies from a 30,000-word vocabulary, 5% capitalized names, sentences
// and paragraphs; one in twenty is a copy of a recent article with other chrome.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "dedup/dedup.h"

namespace {

using storyline::Article;
using storyline::dedup::DuplicateIndex;

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  double Unit() { return double(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

class ArticleGenerator {
 public:
  explicit ArticleGenerator(uint64_t seed) : rng_(seed) {
    Rng words(7);
    auto word = [&](bool capital) {
      std::string w;
      const size_t length = 3 + words.Below(8);
      for (size_t i = 0; i < length; ++i) w += static_cast<char>('a' + words.Below(26));
      if (capital) w[0] = static_cast<char>(w[0] - 32);
      return w;
    };
    for (int i = 0; i < 30000; ++i) vocabulary_.push_back(word(false));
    for (int i = 0; i < 5000; ++i) names_.push_back(word(true));
    double sum = 0;
    for (size_t r = 1; r <= vocabulary_.size(); ++r) {
      sum += 1.0 / std::pow(double(r), 1.05);
      cdf_.push_back(sum);
    }
    for (double& c : cdf_) c /= sum;
  }

  std::string Next() {
    if (recent_.size() > 100 && rng_.Below(20) == 0) {
      std::string copy = "Home | World | Business\nShare this article\n\n" +
                         recent_[rng_.Below(recent_.size())] + "\nAll rights reserved\n";
      return copy;
    }
    std::string text;
    const size_t words = 300 + rng_.Below(301);
    size_t in_sentence = 0, sentence_length = 8 + rng_.Below(17), in_paragraph = 0;
    for (size_t i = 0; i < words; ++i) {
      const std::string& w =
          rng_.Below(20) == 0
              ? names_[rng_.Below(names_.size())]
              : vocabulary_[static_cast<size_t>(
                    std::lower_bound(cdf_.begin(), cdf_.end(), rng_.Unit()) - cdf_.begin())];
      if (in_sentence == 0 && !w.empty() && w[0] >= 'a') {
        text += static_cast<char>(w[0] - 32);
        text.append(w, 1);
      } else {
        text += w;
      }
      if (++in_sentence == sentence_length) {
        in_sentence = 0;
        sentence_length = 8 + rng_.Below(17);
        text += ".";
        if (++in_paragraph == 3 + rng_.Below(3)) {
          in_paragraph = 0;
          text += "\n\n";
          continue;
        }
      }
      text += ' ';
    }
    recent_.push_back(text);
    if (recent_.size() > 1000) recent_.pop_front();
    return text;
  }

 private:
  Rng rng_;
  std::vector<std::string> vocabulary_, names_;
  std::vector<double> cdf_;
  std::deque<std::string> recent_;
};

// Add() with `state.range(0)` articles already indexed; the index is built untimed (its
// own rate is reported as build_articles_per_second).
void BM_Add(benchmark::State& state) {
  const auto indexed = static_cast<size_t>(state.range(0));
  ArticleGenerator generator(1);
  DuplicateIndex index;
  Article article;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < indexed; ++i) {
    article.text = generator.Next();
    benchmark::DoNotOptimize(index.Add(static_cast<int64_t>(i), article));
  }
  const double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::string> batch;
  for (int i = 0; i < 4000; ++i) batch.push_back(generator.Next());

  size_t next = 0;
  size_t duplicates = 0;
  for (auto _ : state) {
    article.text = batch[next % batch.size()];
    duplicates += index.Add(static_cast<int64_t>(indexed + next), article).has_value();
    ++next;
  }
  state.counters["articles_per_second"] =
      benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["build_articles_per_second"] = double(indexed) / build_seconds;
  state.counters["bytes_per_article"] = double(index.MemoryBytes()) / double(index.size());
  state.counters["duplicate_share"] = double(duplicates) / double(state.iterations());
}
BENCHMARK(BM_Add)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Iterations(4000)->Unit(
    benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
