// Generates a store for the serve load benchmark (bench/serve_load.sh): N articles in stories
// of about 10, with story summaries and coverage (pipeline::StoreStoryCoverage, as ingest
// stores it), written straight through the Store API (no extraction or analysis, so 100k
// articles take a minute or two, not hours); then the URL lists wrk replays.
//
//   storyline_serve_gen --db DIR [--articles 100000]
//   -> DIR/storyline.db, DIR/search_paths.txt, DIR/story_paths.txt
//
// Corpus: pronounceable words from a 20,000-word vocabulary with Zipf frequencies, titles of 8
// words, bodies of 150 words in 12-word sentences and 5 paragraphs, 40 outlets (Zipf), dates
// over two years (a story's articles within a few days). Fixed seed: every run is the same.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"
#include "storyline/store.h"
#include "text/hash.h"

namespace {

using storyline::Article;
using storyline::ArticleLinks;
using storyline::Status;
using storyline::StoryRecord;
using storyline::SummaryLine;
using storyline::Timestamp;

class Zipf {
 public:
  explicit Zipf(size_t n) : cumulative_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cumulative_[i] = sum += 1.0 / static_cast<double>(i + 1);
  }
  size_t operator()(std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    return static_cast<size_t>(
        std::lower_bound(cumulative_.begin(), cumulative_.end(), u(rng)) - cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

std::vector<std::string> Vocabulary(size_t n, std::mt19937_64& rng) {
  static constexpr std::string_view kOnsets[] = {"b", "d", "f", "g", "k", "l", "m", "n", "p",
                                                 "r", "s", "t", "v", "z", "ch", "sh", "tr", "br"};
  static constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou"};
  std::vector<std::string> words;
  while (words.size() < n) {
    std::string word;
    const size_t syllables = 2 + rng() % 3;
    for (size_t s = 0; s < syllables; ++s) {
      word += kOnsets[rng() % std::size(kOnsets)];
      word += kVowels[rng() % std::size(kVowels)];
    }
    words.push_back(std::move(word));
    if (words.size() == n) {
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
      std::shuffle(words.begin(), words.end(), rng);
    }
  }
  return words;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "storyline_serve_gen: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  long articles = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") {
      db = argv[i + 1];
    } else if (flag == "--articles") {
      articles = std::atol(argv[i + 1]);
    }
  }
  if (db.empty() || articles <= 0) {
    std::fprintf(stderr, "usage: storyline_serve_gen --db DIR [--articles N]\n");
    return 2;
  }
  auto store = storyline::Store::Open(db, storyline::StoreOptions{});
  if (!store.ok()) return Fail(store.status());
  std::mt19937_64 rng(20251107);
  const std::vector<std::string> words = Vocabulary(20000, rng);
  std::vector<std::string> outlets;
  for (int i = 0; i < 40; ++i) {
    std::string name = words[1000 + i];
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    outlets.push_back(name + " News");
  }
  const Zipf word_rank(words.size());
  const Zipf outlet_rank(outlets.size());
  auto sentence = [&](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      if (i) out += ' ';
      out += words[word_rank(rng)];
    }
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out + ".";
  };

  const long batch_size = 1000;
  long made = 0;
  int64_t story = 0;
  std::vector<std::string> story_first_sentences;
  while (made < articles) {
    std::vector<Article> batch;
    std::vector<int64_t> batch_story;
    while (static_cast<long>(batch.size()) < batch_size && made < articles) {
      ++story;
      const int day = static_cast<int>(rng() % 720);
      const long in_story = std::min<long>(articles - made, 6 + static_cast<long>(rng() % 9));
      for (long k = 0; k < in_story; ++k, ++made) {
        Article a;
        a.title = sentence(8);
        a.title.pop_back();
        for (int p = 0; p < 5; ++p) {
          std::string paragraph;
          for (int s = 0; s < 3; ++s) paragraph += (s ? " " : "") + sentence(10);
          a.paragraphs.push_back(std::move(paragraph));
        }
        for (size_t p = 0; p < a.paragraphs.size(); ++p) {
          a.text += (p ? "\n\n" : "") + a.paragraphs[p];
        }
        a.outlet = outlets[outlet_rank(rng)];
        a.url = "https://" + a.outlet.substr(0, a.outlet.find(' ')) + ".example/" +
                std::to_string(made + 1);
        a.canonical_url = a.url;
        a.language = "en";
        a.content_hash = storyline::text::ContentHash(a.text);
        Timestamp t;
        const int d = day + static_cast<int>(k / 4);
        t.year = 2024 + d / 360;
        t.month = 1 + (d % 360) / 30;
        t.day = 1 + d % 30 % 28;
        t.hour = static_cast<int>(rng() % 24);
        t.minute = static_cast<int>(rng() % 60);
        t.has_time = true;
        t.utc_offset_minutes = 0;
        a.published = t;
        a.source_file = "generated";
        batch.push_back(std::move(a));
        batch_story.push_back(story);
      }
    }
    auto put = (*store)->PutBatch(batch);
    if (!put.ok()) return Fail(put.status());
    std::vector<StoryRecord> stories;
    std::vector<ArticleLinks> links;
    std::vector<std::pair<int64_t, std::vector<SummaryLine>>> summaries;
    for (size_t i = 0; i < batch.size(); ++i) {
      const int64_t id = (*put)[i].id;
      if (stories.empty() || stories.back().id != batch_story[i]) {
        stories.push_back({batch_story[i], batch[i].title});
        std::vector<SummaryLine> lines;
        const std::string& text = batch[i].paragraphs[0];
        size_t begin = 0;
        for (int s = 0; s < 3 && begin < text.size(); ++s) {
          const size_t end = std::min(text.find(". ", begin), text.size() - 1);
          lines.push_back({id, batch[i].outlet, text.substr(begin, end + 1 - begin)});
          begin = end + 2;
        }
        summaries.emplace_back(batch_story[i], std::move(lines));
      }
      ArticleLinks link;
      link.article_id = id;
      link.story_id = batch_story[i];
      links.push_back(link);
    }
    if (Status s = (*store)->SetLinks(stories, links); !s.ok()) return Fail(s);
    if (Status s = (*store)->PutStorySummaries(summaries); !s.ok()) return Fail(s);
    // What each outlet adds, as ingest stores it for every story it summarizes.
    std::vector<int64_t> story_ids;
    for (const StoryRecord& s : stories) story_ids.push_back(s.id);
    if (Status s = storyline::pipeline::StoreStoryCoverage(**store, story_ids, {}); !s.ok()) {
      return Fail(s);
    }
    std::fprintf(stderr, "\rstoryline_serve_gen: %ld articles, %lld stories", made,
                 static_cast<long long>(story));
  }
  std::fprintf(stderr, "\n");
  // What wrk replays: searches (one common word, a rarer word, two words, an outlet filter, a
  // phrase) and story pages, spread over the whole store.
  std::ofstream search(db + "/search_paths.txt");
  for (int i = 0; i < 2000; ++i) {
    auto w = [&](size_t lo, size_t hi) { return words[lo + rng() % (hi - lo)]; };
    switch (i % 5) {
      case 0: search << "/api/search?q=" << w(20, 300) << "\n"; break;
      case 1: search << "/api/search?q=" << w(300, 5000) << "\n"; break;
      case 2: search << "/api/search?q=" << w(20, 2000) << "+" << w(20, 2000) << "\n"; break;
      case 3:
      {
        const std::string& outlet = outlets[rng() % outlets.size()];
        search << "/api/search?q=" << w(20, 1000) << "&outlet=" << outlet.substr(0, outlet.find(' '))
               << "+News\n";
      }
        break;
      default: search << "/api/search?q=%22" << w(0, 30) << "+" << w(0, 30) << "%22\n"; break;
    }
  }
  std::ofstream pages(db + "/story_paths.txt");
  for (int i = 0; i < 2000; ++i) pages << "/stories/" << 1 + static_cast<int64_t>(rng() % story) << "\n";
  return 0;
}
