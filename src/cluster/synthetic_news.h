// Synthetic news for tests and benchmarks of story clustering: events with their own
// vocabulary and names, told by several outlets in words mostly shared with every other
// event, in publication order. Deterministic for a given seed; header-only.
#ifndef STORYLINE_CLUSTER_SYNTHETIC_NEWS_H_
#define STORYLINE_CLUSTER_SYNTHETIC_NEWS_H_

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "storyline/article.h"

namespace storyline::cluster::testing {

struct SyntheticOptions {
  uint64_t seed = 42;
  int64_t start_unix = 1735689600;  // 2025-01-01T00:00:00Z
  int articles_per_day = 2000;
  int articles_per_event = 10;  // on average
  int event_overlap = 30;       // an article belongs to one of the last this many events
  int shared_vocabulary = 5000;
  int event_vocabulary = 12;  // words only this event uses
  int body_words = 120;
  double event_word_share = 0.3;  // of body words drawn from the event's vocabulary
};

// A generator of articles in publication order; event() is the gold story of the last one.
class SyntheticNews {
 public:
  explicit SyntheticNews(const SyntheticOptions& options = {})
      : options_(options), rng_(options.seed) {}

  Article Next() {
    const int64_t i = count_++;
    const int64_t newest = i / options_.articles_per_event;
    const auto back = static_cast<int64_t>(rng_() % static_cast<uint64_t>(options_.event_overlap));
    event_ = newest > back ? newest - back : 0;
    Article a;
    a.outlet = "outlet" + std::to_string(rng_() % 50);
    Timestamp t;
    const int64_t unix = options_.start_unix + i * 86400 / options_.articles_per_day;
    t = FromUnix(unix);
    a.published = t;
    a.title = Capitalize(EventWord(0)) + " " + SharedWord() + " " + EventName(0) + " " +
              EventWord(1 + Pick(3)) + " " + SharedWord() + " " + SharedWord();
    std::string text;
    bool sentence_start = true;
    for (int w = 0; w < options_.body_words; ++w) {
      std::string word;
      const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
      if (r < 0.05) {
        word = EventName(Pick(2));
      } else if (r < options_.event_word_share) {
        word = EventWord(Pick(options_.event_vocabulary));
      } else {
        word = SharedWord();
      }
      if (sentence_start) word = Capitalize(word);
      sentence_start = (w % 15) == 14;
      if (!text.empty()) text += ' ';
      text += word;
      if (sentence_start) text += '.';
    }
    a.text = text + '.';
    a.paragraphs = {a.text};
    return a;
  }

  int64_t event() const { return event_; }

 private:
  static Timestamp FromUnix(int64_t unix) {
    // Civil from days (Howard Hinnant's algorithm).
    const int64_t days = unix / 86400;
    const int64_t secs = unix % 86400;
    const int64_t z = days + 719468;
    const int64_t era = z / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    Timestamp t;
    t.year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    t.month = static_cast<int>(m);
    t.day = static_cast<int>(d);
    t.hour = static_cast<int>(secs / 3600);
    t.minute = static_cast<int>(secs / 60 % 60);
    t.second = static_cast<int>(secs % 60);
    t.has_time = true;
    t.utc_offset_minutes = 0;
    return t;
  }

  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }

  // Letters only, so the words are words (not numbers) to the tokenizer.
  static std::string Letters(uint64_t n, char first) {
    std::string s(1, first);
    do {
      s += static_cast<char>('a' + n % 26);
      n /= 26;
    } while (n > 0);
    return s;
  }
  static std::string Capitalize(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
  }
  // Shared words follow a Zipf-like law: a few are everywhere, most are rare.
  std::string SharedWord() {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    const auto rank =
        static_cast<uint64_t>(std::pow(static_cast<double>(options_.shared_vocabulary), u));
    return Letters(rank, 'q');
  }
  std::string EventWord(int k) const {
    return Letters(static_cast<uint64_t>(event_) * 64 + static_cast<uint64_t>(k), 'x');
  }
  std::string EventName(int k) const {
    return Capitalize(Letters(static_cast<uint64_t>(event_) * 4 + static_cast<uint64_t>(k), 'z'));
  }

  SyntheticOptions options_;
  std::mt19937_64 rng_;
  int64_t count_ = 0;
  int64_t event_ = 0;
};

}  // namespace storyline::cluster::testing

#endif  // STORYLINE_CLUSTER_SYNTHETIC_NEWS_H_
