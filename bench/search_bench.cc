// Search index speed on a generated corpus: indexing rate, then queries/s and p50/p99 latency
// for a mix of queries (words, phrases, filters, date ranges, sort by date), with facets.
//
//   storyline_search_bench [--articles 100000] [--queries 2000] [--dir /tmp/x] [--threads 1]
//                          [--reuse 1]   (query an index the same flags built before)
//                          [--facet-depth N]   (SearchIndexOptions::facet_depth)
//
// The corpus: titles of 8 words and bodies of 150 words drawn from a 30,000-word vocabulary
// with Zipf frequencies (s = 1), 40 outlets and 800 people (both Zipf), dates spread over two
// years, stories of about 10 articles. Fixed seeds: every run indexes the same articles and
// asks the same queries. With --threads N, N read-only indexes query in parallel (the way a
// server would); the single writer is closed first.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "search/search.h"

namespace {

// CPU seconds this process used: on a shared machine, steadier than wall time.
double CpuSeconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

constexpr size_t kKinds = 8;
constexpr const char* kKindNames[kKinds] = {
    "common word",    "rare word", "two words",         "phrase",
    "word + outlet:", "person:",   "word + date range", "A OR B by date"};

using storyline::Article;
using storyline::Timestamp;
using storyline::search::IndexedArticle;
using storyline::search::SearchIndex;
using storyline::search::SearchIndexOptions;
using storyline::search::SearchQuery;

using Clock = std::chrono::steady_clock;

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1).
class Zipf {
 public:
  explicit Zipf(size_t n) : cumulative_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cumulative_[i] = sum += 1.0 / static_cast<double>(i + 1);
  }
  size_t operator()(std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    const double x = u(rng);
    return static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) -
                               cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

// Pronounceable distinct words: "ka", "rimo", "tasuvel", ...
std::vector<std::string> Vocabulary(size_t n, std::mt19937_64& rng) {
  static constexpr std::string_view kOnsets[] = {"b", "d", "f", "g", "k", "l",  "m",  "n",  "p",
                                                 "r", "s", "t", "v", "z", "ch", "sh", "tr", "br"};
  static constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou"};
  std::vector<std::string> words;
  while (words.size() < n) {
    std::string word;
    const size_t syllables = 1 + rng() % 4;
    for (size_t s = 0; s < syllables; ++s) {
      word += kOnsets[rng() % std::size(kOnsets)];
      word += kVowels[rng() % std::size(kVowels)];
    }
    if (rng() % 3 == 0) word += "n";
    words.push_back(std::move(word));
    if (words.size() == n) {  // keep distinct words only, refill the gaps
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
      std::shuffle(words.begin(), words.end(), rng);
    }
  }
  return words;
}

struct Corpus {
  std::vector<std::string> words, outlets, people;
};

Corpus MakeCorpus(std::mt19937_64& rng) {
  Corpus c;
  c.words = Vocabulary(30000, rng);
  for (int i = 0; i < 40; ++i) c.outlets.push_back("Outlet " + c.words[1000 + i]);
  for (int i = 0; i < 800; ++i) {
    c.people.push_back(c.words[2000 + i] + "-" + c.words[3000 + i]);
  }
  return c;
}

IndexedArticle MakeArticle(int64_t id, const Corpus& c, const Zipf& words, const Zipf& outlets,
                           const Zipf& people, std::mt19937_64& rng) {
  IndexedArticle a;
  a.article.id = id;
  auto text = [&](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) out += (i % 12 == 0) ? ". " : " ";
      out += c.words[words(rng)];
    }
    return out + ".";
  };
  a.article.title = text(8);
  a.article.text = text(150);
  a.article.outlet = c.outlets[outlets(rng)];
  a.article.language = "en";
  a.article.url = "https://example.com/" + std::to_string(id);
  a.article.content_hash = std::to_string(id);
  Timestamp t;
  const int day = static_cast<int>(rng() % (2 * 365));
  t.year = 2024 + day / 365;
  t.month = 1 + (day % 365) / 31 % 12;
  t.day = 1 + (day % 365) % 28;
  t.hour = static_cast<int>(rng() % 24);
  t.has_time = true;
  t.utc_offset_minutes = 0;
  a.article.published = t;
  a.article.story_id = id / 10 + 1;
  const size_t named = rng() % 4;
  for (size_t i = 0; i < named; ++i) a.people.push_back(c.people[people(rng)]);
  if (!a.people.empty() && rng() % 2 == 0) a.speakers.push_back(a.people.front());
  return a;
}

std::vector<SearchQuery> MakeQueries(size_t n, const Corpus& c, const Zipf& people,
                                     std::mt19937_64& rng) {
  auto word = [&](size_t low, size_t high) { return c.words[low + rng() % (high - low)]; };
  std::vector<SearchQuery> queries;
  for (size_t i = 0; i < n; ++i) {
    SearchQuery q;
    switch (i % kKinds) {
      case 0:
        q.text = word(20, 200);
        break;  // one common word
      case 1:
        q.text = word(2000, 20000);
        break;  // one rare word
      case 2:
        q.text = word(50, 2000) + " " + word(50, 2000);
        break;  // two words, both
      case 3:
        q.text = "\"" + word(10, 200) + " " + word(10, 200) + "\"";
        break;  // phrase
      case 4:
        q.text = word(20, 500) + " outlet:" + storyline::search::FilterKey(c.outlets[rng() % 40]);
        break;
      case 5:
        q.text = "person:" + c.people[people(rng)];
        break;
      case 6:
        q.text = word(20, 500) + " 2024-03-01..2024-06-30";
        break;
      default:
        q.text = word(100, 1000) + " OR " + word(100, 1000);
        q.sort = SearchQuery::Sort::kDate;
        break;
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t at = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[at];
}

}  // namespace

int main(int argc, char** argv) {
  size_t articles = 100000, query_count = 2000, threads = 1, facet_depth = 0;
  bool reuse = false;
  std::string dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--articles")
      articles = std::stoul(value);
    else if (flag == "--queries")
      query_count = std::stoul(value);
    else if (flag == "--threads")
      threads = std::max<size_t>(1, std::stoul(value));
    else if (flag == "--dir")
      dir = value;
    else if (flag == "--facet-depth")
      facet_depth = std::stoul(value);
    else if (flag == "--reuse")
      reuse = value == "1";
    else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const bool temporary = dir.empty();
  if (temporary) {
    dir = (std::filesystem::temp_directory_path() / "storyline_search_bench").string();
  }
  std::error_code ec;
  if (!reuse) std::filesystem::remove_all(dir, ec);

  std::mt19937_64 rng(20251122);
  const Corpus corpus = MakeCorpus(rng);
  const Zipf words(corpus.words.size()), outlets(corpus.outlets.size()),
      people(corpus.people.size());

  if (reuse) {
    // The corpus is generated all the same: the queries draw from the same random stream.
    for (size_t id = 1; id <= articles; ++id) {
      MakeArticle(static_cast<int64_t>(id), corpus, words, outlets, people, rng);
    }
  } else {
    auto index = SearchIndex::Open(dir);
    if (!index.ok()) {
      std::fprintf(stderr, "%s\n", index.status().ToString().c_str());
      return 1;
    }
    const auto start = Clock::now();
    constexpr size_t kBatch = 1000;
    for (size_t first = 1; first <= articles; first += kBatch) {
      std::vector<IndexedArticle> batch;
      for (size_t id = first; id < first + kBatch && id <= articles; ++id) {
        batch.push_back(MakeArticle(static_cast<int64_t>(id), corpus, words, outlets, people, rng));
      }
      storyline::Status s = (*index)->Put(batch);
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("indexed %zu articles (8 + 150 words each) in %.1f s: %.0f articles/s\n", articles,
                seconds, static_cast<double>(articles) / seconds);
  }

  const std::vector<SearchQuery> queries = MakeQueries(query_count, corpus, people, rng);
  SearchIndexOptions read_only;
  read_only.read_only = true;
  if (facet_depth > 0) read_only.facet_depth = facet_depth;
  std::vector<std::vector<double>> latencies(threads);
  std::vector<std::vector<double>> cpu_by_kind(kKinds);  // thread CPU ms, first thread only
  std::vector<int64_t> failures(threads, 0), matched(threads, 0);
  // One warm-up pass over the queries (the page cache), then the timed run.
  auto run = [&](size_t t, bool timed) {
    auto index = SearchIndex::Open(dir, read_only);
    if (!index.ok()) {
      ++failures[t];
      return;
    }
    for (size_t i = t; i < queries.size(); i += threads) {
      const auto start = Clock::now();
      const double cpu_start = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
      auto results = (*index)->Search(queries[i]);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      if (timed && t == 0) {
        cpu_by_kind[i % kKinds].push_back(1000 * (CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu_start));
      }
      if (!results.ok()) {
        ++failures[t];
        continue;
      }
      if (timed) {
        latencies[t].push_back(ms);
        matched[t] += results->matches_estimated;
      }
    }
  };
  run(0, false);
  const double cpu_start = CpuSeconds();
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) workers.emplace_back(run, t, true);
  for (std::thread& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu_seconds = CpuSeconds() - cpu_start;

  std::vector<double> all;
  int64_t failed = 0, total_matched = 0;
  for (size_t t = 0; t < threads; ++t) {
    all.insert(all.end(), latencies[t].begin(), latencies[t].end());
    failed += failures[t];
    total_matched += matched[t];
  }
  std::printf(
      "%zu queries on %zu thread(s) in %.2f s: %.0f queries/s; latency p50 %.2f ms, "
      "p99 %.2f ms, max %.2f ms; %.2f ms CPU per query; %lld failed; %.0f matches per "
      "query on average\n",
      all.size(), threads, seconds, static_cast<double>(all.size()) / seconds,
      Percentile(all, 0.50), Percentile(all, 0.99), Percentile(all, 1.0),
      1000 * cpu_seconds / static_cast<double>(std::max<size_t>(1, all.size())),
      static_cast<long long>(failed),
      static_cast<double>(total_matched) / static_cast<double>(std::max<size_t>(1, all.size())));
  for (size_t k = 0; k < kKinds; ++k) {
    std::printf("  %-18s CPU p50 %.2f ms, p99 %.2f ms\n", kKindNames[k],
                Percentile(cpu_by_kind[k], 0.5), Percentile(cpu_by_kind[k], 0.99));
  }

  // "More like this" for a sample of articles.
  {
    auto index = SearchIndex::Open(dir, read_only);
    std::vector<double> related;
    for (size_t i = 0; index.ok() && i < 200; ++i) {
      const auto begin = Clock::now();
      auto hits = (*index)->Related(static_cast<int64_t>(1 + rng() % articles), 10);
      related.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
      if (!hits.ok()) ++failed;
    }
    std::printf("%zu related (10 each): latency p50 %.2f ms, p99 %.2f ms\n", related.size(),
                Percentile(related, 0.50), Percentile(related, 0.99));
  }
  if (temporary) std::filesystem::remove_all(dir, ec);
  return failed == 0 ? 0 : 1;
}
