// Streaming story clustering: featurize (words, entities, numbers) → weight by incremental
// IDF → find candidate stories through the inverted index → score against each story's
// compact centroid → join the best or start a new story.
#include "cluster/stories.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace storyline::cluster {
namespace {

constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kOutletWindowSeconds = 3600;
constexpr size_t kRecentOutlets = 8;  // per story, for the outlet-same-hour penalty

// ---------------------------------------------------------------------------------------
// Words

constexpr std::string_view kStopWords[] = {
    "a",         "about",     "above",    "according", "across",   "after",  "again",    "against",
    "ago",       "all",       "almost",   "along",     "already",  "also",   "although", "am",
    "among",     "an",        "and",      "another",   "any",      "are",    "around",   "as",
    "at",        "be",        "because",  "been",      "before",   "being",  "between",  "both",
    "but",       "by",        "can",      "could",     "did",      "do",     "does",     "doing",
    "done",      "down",      "during",   "each",      "either",   "even",   "ever",     "every",
    "few",       "for",       "from",     "further",   "get",      "gets",   "got",      "had",
    "has",       "have",      "having",   "he",        "her",      "here",   "hers",     "herself",
    "him",       "himself",   "his",      "how",       "however",  "i",      "if",       "in",
    "including", "into",      "is",       "it",        "its",      "itself", "just",     "last",
    "least",     "less",      "like",     "made",      "make",     "many",   "may",      "me",
    "might",     "more",      "most",     "much",      "must",     "my",     "near",     "never",
    "new",       "no",        "nor",      "not",       "now",      "of",     "off",      "often",
    "on",        "once",      "one",      "only",      "or",       "other",  "others",   "our",
    "ours",      "out",       "over",     "own",       "per",      "put",    "rather",   "really",
    "said",      "same",      "say",      "says",      "see",      "she",    "should",   "since",
    "so",        "some",      "still",    "such",      "than",     "that",   "the",      "their",
    "theirs",    "them",      "then",     "there",     "these",    "they",   "this",     "those",
    "though",    "through",   "thus",     "to",        "told",     "too",    "toward",   "under",
    "until",     "up",        "upon",     "us",        "very",     "via",    "was",      "we",
    "week",      "well",      "were",     "what",      "when",     "where",  "whether",  "which",
    "while",     "who",       "whom",     "whose",     "why",      "will",   "with",     "within",
    "without",   "would",     "year",     "years",     "yet",      "you",    "your",     "yours",
    "yourself",  "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday",
    "today",     "yesterday", "tomorrow", "time",
};

bool IsStopWord(std::string_view lower) {
  static const std::vector<std::string_view> kSorted = [] {
    std::vector<std::string_view> words(std::begin(kStopWords), std::end(kStopWords));
    std::sort(words.begin(), words.end());
    return words;
  }();
  return std::binary_search(kSorted.begin(), kSorted.end(), lower);
}

// Abbreviations whose period does not end a sentence.
bool IsAbbreviation(std::string_view lower) {
  static constexpr std::array<std::string_view, 14> kAbbreviations = {
      "dr", "gen", "gov", "jr", "mr", "mrs", "ms", "no", "rep", "sen", "sr", "st", "us", "vs"};
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// The byte length of a UTF-8 punctuation or space character at `s[i]` (general punctuation
// U+2000–U+206F, NBSP, guillemets), or 0 when it is part of a word.
size_t NonWordUtf8(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == 0xC2 && i + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 == 0xA0 || b1 == 0xAB || b1 == 0xBB || b1 == 0xB7) return 2;
  }
  if (b0 == 0xE2 && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 == 0x80 || b1 == 0x81) return 3;
  }
  return 0;
}

bool IsWordByte(std::string_view s, size_t i) {
  const char c = s[i];
  if (IsAsciiUpper(c) || IsAsciiLower(c) || IsDigit(c)) return true;
  return static_cast<unsigned char>(c) >= 0x80 && NonWordUtf8(s, i) == 0;
}

bool IsApostrophe(std::string_view s, size_t i) {
  if (s[i] == '\'') return true;
  return NonWordUtf8(s, i) == 3 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0x99 ||
          static_cast<unsigned char>(s[i + 2]) == 0x98);
}

struct Word {
  std::string lower;    // lowercased; "U.S." → "us", "1,000" → "1000"
  bool sentence_start;  // first word of the text or of a sentence
  bool capitalized;     // starts with an ASCII capital
  bool all_caps;        // two or more letters, all capitals ("NATO", "U.S.")
  bool number;          // has a digit
  bool joined;          // only spaces or hyphens since the previous word
};

// Splits `text` into words with the flags the entity heuristics need.
void SplitWords(std::string_view text, std::vector<Word>& out) {
  out.clear();
  bool pending_start = true;
  bool joined = false;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    if (!IsWordByte(text, i)) {
      const char c = text[i];
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';' || c == ':') {
        pending_start = true;
        joined = false;
      } else if (c != ' ' && c != '-' && c != '\t') {
        joined = false;
      }
      const size_t skip = NonWordUtf8(text, i);
      if (skip > 0) {
        // Dashes and ellipses end a run; NBSP is a space.
        if (!(skip == 2 && static_cast<unsigned char>(text[i + 1]) == 0xA0)) joined = false;
        i += skip;
      } else {
        ++i;
      }
      continue;
    }
    Word w{std::string(), pending_start, IsAsciiUpper(text[i]), false, false, joined};
    size_t letters = 0, uppers = 0;
    while (i < n) {
      if (IsWordByte(text, i)) {
        const char c = text[i];
        if (IsDigit(c)) w.number = true;
        if (IsAsciiUpper(c)) ++uppers;
        if (IsAsciiUpper(c) || IsAsciiLower(c)) ++letters;
        w.lower.push_back(ToLower(c));
        ++i;
        continue;
      }
      // "1,000" and "3.5" stay one number; "U.S." one acronym.
      const char c = text[i];
      if ((c == ',' || c == '.') && w.number && i + 1 < n && IsDigit(text[i + 1])) {
        if (c == '.') w.lower.push_back('.');
        ++i;
        continue;
      }
      if (c == '.' && w.lower.size() == letters && uppers == letters && i + 2 < n &&
          IsAsciiUpper(text[i + 1]) && (text[i + 2] == '.' || !IsWordByte(text, i + 2))) {
        ++i;
        continue;
      }
      if (IsApostrophe(text, i)) {
        // Possessives and contractions: drop the short suffix ("Kerry's" → "kerry").
        const size_t a = text[i] == '\'' ? i + 1 : i + 3;
        size_t e = a;
        while (e < n && IsAsciiLower(text[e]) && e - a < 3) ++e;
        if (e > a && (e >= n || !IsWordByte(text, e))) {
          i = e;
          break;
        }
      }
      break;
    }
    w.all_caps = letters >= 2 && uppers == letters && !w.number;
    if (!w.lower.empty() && w.lower.back() == '.') w.lower.pop_back();
    // "U.S." ends with a period that ends nothing; "Mr." neither.
    if (i < n && text[i] == '.' && (w.all_caps || IsAbbreviation(w.lower))) {
      ++i;
      pending_start = false;
    } else {
      pending_start = false;
    }
    joined = true;
    out.push_back(std::move(w));
  }
}

// Light suffix stripping: plurals, -ing, -ed. Crude but consistent, which is what matters
// for matching two outlets' words.
void Stem(std::string& w) {
  const auto ends = [&w](std::string_view suffix) {
    return w.size() > suffix.size() &&
           std::string_view(w).substr(w.size() - suffix.size()) == suffix;
  };
  if (w.size() > 4 && ends("ies")) {
    w.resize(w.size() - 3);
    w.push_back('y');
  } else if (ends("sses")) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    w.pop_back();
  }
  if (w.size() > 5 && ends("ing")) {
    w.resize(w.size() - 3);
  } else if (w.size() > 4 && ends("ed")) {
    w.resize(w.size() - 2);
  }
  if (w.size() > 4 && ends("e")) w.pop_back();  // "raise"/"rais(ed)" → "rais"
}

// ---------------------------------------------------------------------------------------
// The index

struct TermWeight {
  uint32_t term;
  float weight;
};

// Heaviest first, ties by term id (so truncation is deterministic).
bool Heavier(const TermWeight& a, const TermWeight& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
}
bool ByTerm(const TermWeight& a, const TermWeight& b) { return a.term < b.term; }

struct Posting {
  uint32_t story;  // index into Rep::stories
  int64_t time;    // the story's last dated time when posted, or kNoTime
};

struct OutletSeen {
  uint32_t outlet;
  int64_t time;
};

struct Story {
  int64_t id = 0;
  int64_t last_time = kNoTime;       // the latest dated article
  uint32_t articles = 0;             // with evidence (duplicates not counted)
  float norm = 0;                    // of centroid
  std::vector<TermWeight> centroid;  // sorted by term
  std::vector<OutletSeen> outlets;   // the most recent kRecentOutlets, oldest first
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Heap bytes of a std::string (0 when it fits the small-string buffer).
size_t StringHeap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

struct StoryIndex::Rep {
  StoryOptions options;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> terms;
  std::vector<uint32_t> df;                    // by term id
  std::vector<std::vector<Posting>> postings;  // by term id
  uint64_t documents = 0;
  std::vector<Story> stories;                           // in creation order
  std::unordered_map<int64_t, uint32_t> story_index;    // story id → index
  std::unordered_map<int64_t, uint32_t> article_story;  // article id → story index
  int64_t next_id = 1;

  // Scratch, reused between calls (not state).
  std::vector<Word> words;
  std::vector<std::pair<uint32_t, double>> features;
  std::vector<TermWeight> vec;
  std::vector<float> dense;     // by term id: the article's weight
  std::vector<uint32_t> stamp;  // by story index: the query that last saw it
  uint32_t query = 0;

  explicit Rep(const StoryOptions& o) : options(o) {}

  uint32_t TermId(std::string_view term) {
    auto it = terms.find(term);
    if (it != terms.end()) return it->second;
    const auto id = static_cast<uint32_t>(terms.size());
    terms.emplace(std::string(term), id);
    df.push_back(0);
    postings.emplace_back();
    return id;
  }

  void AddFeature(std::string_view term, double weight) {
    features.emplace_back(TermId(term), weight);
  }

  // Features of one field into `features` (unsorted, repeated).
  void Featurize(std::string_view text, double field_weight) {
    SplitWords(text, words);
    // Headline case ("Trump Slams Kerry Over Iran") says nothing about names.
    size_t capitalized = 0, alpha = 0;
    for (const Word& w : words) {
      if (w.number) continue;
      ++alpha;
      if (w.capitalized) ++capitalized;
    }
    const bool headline_case = alpha >= 4 && capitalized * 10 > alpha * 6;
    std::string term, entity;
    for (size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      if (w.number) {
        AddFeature(w.lower, field_weight * options.number_weight);
        continue;
      }
      if (w.lower.size() < 2 || IsStopWord(w.lower)) continue;
      term = w.lower;
      Stem(term);
      AddFeature(term, field_weight);
    }
    if (options.entity_weight <= 0) return;
    // Entities: runs of capitalized words joined by spaces; a lone capitalized word at a
    // sentence start is an ordinary word, a run's leading stop word ("The", "But") is not
    // part of the name. Acronyms are entities wherever they are.
    size_t i = 0;
    while (i < words.size()) {
      if (!words[i].capitalized || words[i].number) {
        ++i;
        continue;
      }
      size_t end = i + 1;
      while (end < words.size() && words[end].capitalized && !words[end].number &&
             words[end].joined && !words[end].sentence_start) {
        ++end;
      }
      size_t begin = i;
      if (words[begin].sentence_start && IsStopWord(words[begin].lower)) ++begin;
      const bool lone_start = end - begin == 1 && words[begin].sentence_start;
      if (begin < end && (!headline_case || end - begin == 1)) {
        if (end - begin == 1) {
          const Word& w = words[begin];
          if (w.all_caps || (!lone_start && !headline_case && !IsStopWord(w.lower))) {
            entity.assign(1, '#');
            entity += w.lower;
            AddFeature(entity, options.entity_weight);
          }
        } else {
          entity.assign(1, '#');
          for (size_t k = begin; k < end; ++k) {
            if (k > begin) entity.push_back(' ');
            entity += words[k].lower;
          }
          AddFeature(entity, options.entity_weight);
          entity.assign(1, '#');  // "John Kerry" is also "Kerry"
          entity += words[end - 1].lower;
          AddFeature(entity, options.entity_weight);
        }
      }
      i = end;
    }
  }

  // The article's unit vector into `vec` (sorted by term), updating document frequencies.
  void Vectorize(const Article& article) {
    features.clear();
    Featurize(article.title, options.title_weight);
    Featurize(article.text, 1.0);
    std::sort(features.begin(), features.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    vec.clear();
    ++documents;
    const double n = static_cast<double>(documents);
    double norm2 = 0;
    for (size_t i = 0; i < features.size();) {
      const uint32_t term = features[i].first;
      double tf = 0;
      for (; i < features.size() && features[i].first == term; ++i) tf += features[i].second;
      const double d = ++df[term];
      const double idf = std::log(1.0 + (n - d + 0.5) / (d + 0.5));
      const double w = std::log1p(tf) * idf;
      if (w <= 0) continue;
      vec.push_back({term, static_cast<float>(w)});
      norm2 += w * w;
    }
    if (norm2 <= 0) return;
    const double inv = 1.0 / std::sqrt(norm2);
    for (TermWeight& tw : vec) tw.weight = static_cast<float>(tw.weight * inv);
  }

  // The article's `k` heaviest terms (ties: lower term id first); with `indexed`, only terms
  // that point to some story (an article's heaviest terms are often its own new words).
  std::vector<uint32_t> Salient(int k, bool indexed) const {
    std::vector<TermWeight> top;
    top.reserve(vec.size());
    for (const TermWeight& tw : vec) {
      if (!indexed || !postings[tw.term].empty()) top.push_back(tw);
    }
    const size_t keep = std::min(top.size(), static_cast<size_t>(std::max(k, 0)));
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(keep), top.end(),
                      Heavier);
    std::vector<uint32_t> out;
    out.reserve(keep);
    for (size_t i = 0; i < keep; ++i) out.push_back(top[i].term);
    return out;
  }

  static int64_t TimeOf(const Article& article) {
    return article.published ? article.published->ToUnixSeconds() : kNoTime;
  }

  bool SameOutletWithinHour(const Story& s, uint32_t outlet, int64_t time) const {
    if (time == kNoTime) return false;
    for (const OutletSeen& o : s.outlets) {
      if (o.outlet == outlet && o.time != kNoTime && o.time > time - kOutletWindowSeconds &&
          o.time < time + kOutletWindowSeconds) {
        return true;
      }
    }
    return false;
  }

  double Score(const Story& s, std::optional<uint32_t> outlet, int64_t time) const {
    if (s.norm <= 0) return 0;
    double dot = 0;
    for (const TermWeight& tw : s.centroid) dot += static_cast<double>(dense[tw.term]) * tw.weight;
    double score = dot / s.norm;
    if (options.half_life_seconds > 0 && time != kNoTime && s.last_time != kNoTime) {
      const auto gap =
          static_cast<double>(time > s.last_time ? time - s.last_time : s.last_time - time);
      score *= std::exp2(-gap / static_cast<double>(options.half_life_seconds));
    }
    if (outlet && SameOutletWithinHour(s, *outlet, time)) score -= options.outlet_hour_penalty;
    return score;
  }

  // The best candidate story for the vectorized article: (index, score), or nullopt.
  std::optional<std::pair<uint32_t, double>> Best(const Article& article, int64_t time) {
    if (vec.empty()) return std::nullopt;
    if (dense.size() < terms.size()) dense.resize(terms.size(), 0.0f);
    if (stamp.size() < stories.size()) stamp.resize(stories.size(), 0);
    if (++query == 0) {  // wrapped: forget every stamp
      std::fill(stamp.begin(), stamp.end(), 0);
      query = 1;
    }
    for (const TermWeight& tw : vec) dense[tw.term] = tw.weight;
    std::optional<uint32_t> outlet;
    if (!article.outlet.empty()) {
      const auto it = terms.find("@" + article.outlet);
      if (it != terms.end()) outlet = it->second;
    }
    const int64_t oldest = time == kNoTime ? kNoTime : time - options.window_seconds;
    std::optional<std::pair<uint32_t, double>> best;
    for (const uint32_t term : Salient(options.query_terms, /*indexed=*/true)) {
      const std::vector<Posting>& list = postings[term];
      size_t scanned = 0;
      for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (++scanned > static_cast<size_t>(options.max_postings_scanned)) break;
        // Postings are in arrival order and each join re-posts the story, so once a dated
        // posting is older than the window every later one is too.
        if (oldest != kNoTime && it->time != kNoTime && it->time < oldest) break;
        if (stamp[it->story] == query) continue;
        stamp[it->story] = query;
        const Story& s = stories[it->story];
        if (oldest != kNoTime && s.last_time != kNoTime && s.last_time < oldest) continue;
        const double score = Score(s, outlet, time);
        if (!best || score > best->second || (score == best->second && it->story < best->first)) {
          best = std::make_pair(it->story, score);
        }
      }
    }
    for (const TermWeight& tw : vec) dense[tw.term] = 0.0f;
    return best;
  }

  uint32_t NewStory(int64_t id) {
    const auto index = static_cast<uint32_t>(stories.size());
    stories.emplace_back();
    stories.back().id = id;
    story_index.emplace(id, index);
    next_id = std::max(next_id, id + 1);
    return index;
  }

  // Adds the vectorized article's evidence to story `index`.
  void Join(uint32_t index, int64_t article_id, const Article& article, int64_t time) {
    Story& s = stories[index];
    ++s.articles;
    if (time != kNoTime) s.last_time = std::max(s.last_time, time);
    if (!article.outlet.empty()) {
      if (s.outlets.size() == kRecentOutlets) s.outlets.erase(s.outlets.begin());
      s.outlets.push_back({TermId("@" + article.outlet), time});
    }
    // centroid += vec, then keep the heaviest centroid_terms.
    std::vector<TermWeight> merged;
    merged.reserve(s.centroid.size() + vec.size());
    size_t a = 0, b = 0;
    while (a < s.centroid.size() || b < vec.size()) {
      if (b == vec.size() || (a < s.centroid.size() && s.centroid[a].term < vec[b].term)) {
        merged.push_back(s.centroid[a++]);
      } else if (a == s.centroid.size() || vec[b].term < s.centroid[a].term) {
        merged.push_back(vec[b++]);
      } else {
        merged.push_back({vec[b].term, s.centroid[a].weight + vec[b].weight});
        ++a;
        ++b;
      }
    }
    const auto limit = static_cast<size_t>(std::max(options.centroid_terms, 1));
    if (merged.size() > limit) {
      std::nth_element(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(limit),
                       merged.end(), Heavier);
      merged.resize(limit);
      std::sort(merged.begin(), merged.end(), ByTerm);
    }
    merged.shrink_to_fit();
    s.centroid = std::move(merged);
    double norm2 = 0;
    for (const TermWeight& tw : s.centroid) norm2 += static_cast<double>(tw.weight) * tw.weight;
    s.norm = static_cast<float>(std::sqrt(norm2));
    // Re-post the article's salient terms, so the newest posting of a live story is recent.
    for (const uint32_t term : Salient(options.posted_terms, /*indexed=*/false)) {
      std::vector<Posting>& list = postings[term];
      if (!list.empty() && list.back().story == index) {
        list.back().time = s.last_time;
      } else {
        list.push_back({index, s.last_time});
      }
    }
    article_story[article_id] = index;
  }
};

StoryIndex::StoryIndex(const StoryOptions& options) : rep_(std::make_unique<Rep>(options)) {}
StoryIndex::~StoryIndex() = default;
StoryIndex::StoryIndex(StoryIndex&&) noexcept = default;
StoryIndex& StoryIndex::operator=(StoryIndex&&) noexcept = default;

Assignment StoryIndex::Assign(int64_t article_id, const Article& article) {
  Rep& r = *rep_;
  const int64_t time = Rep::TimeOf(article);
  r.Vectorize(article);
  const auto best = r.Best(article, time);
  Assignment out;
  if (best && best->second >= r.options.join_threshold) {
    out.story_id = r.stories[best->first].id;
    out.score = best->second;
    r.Join(best->first, article_id, article, time);
  } else {
    out.story_id = r.next_id;
    out.new_story = true;
    r.Join(r.NewStory(r.next_id), article_id, article, time);
  }
  return out;
}

void StoryIndex::Restore(int64_t article_id, const Article& article, int64_t story_id) {
  Rep& r = *rep_;
  r.Vectorize(article);
  const auto it = r.story_index.find(story_id);
  const uint32_t index = it != r.story_index.end() ? it->second : r.NewStory(story_id);
  r.Join(index, article_id, article, Rep::TimeOf(article));
}

std::optional<int64_t> StoryIndex::AddDuplicate(int64_t article_id, int64_t original_id) {
  Rep& r = *rep_;
  const auto it = r.article_story.find(original_id);
  if (it == r.article_story.end()) return std::nullopt;
  const uint32_t index = it->second;
  r.article_story[article_id] = index;
  return r.stories[index].id;
}

size_t StoryIndex::story_count() const { return rep_->stories.size(); }

size_t StoryIndex::article_count() const { return rep_->article_story.size(); }

std::optional<int64_t> StoryIndex::StoryOf(int64_t article_id) const {
  const auto it = rep_->article_story.find(article_id);
  if (it == rep_->article_story.end()) return std::nullopt;
  return rep_->stories[it->second].id;
}

size_t StoryIndex::MemoryBytes() const {
  const Rep& r = *rep_;
  // Hash-map nodes: the value, a next pointer and the cached hash; plus the bucket array.
  constexpr size_t kNode = 2 * sizeof(void*);
  size_t bytes = sizeof(Rep);
  for (const auto& [term, id] : r.terms) {
    bytes += kNode + sizeof(std::pair<const std::string, uint32_t>) + StringHeap(term);
  }
  bytes += r.terms.bucket_count() * sizeof(void*);
  bytes += r.df.capacity() * sizeof(uint32_t);
  bytes += r.postings.capacity() * sizeof(std::vector<Posting>);
  for (const auto& list : r.postings) bytes += list.capacity() * sizeof(Posting);
  bytes += r.stories.capacity() * sizeof(Story);
  for (const Story& s : r.stories) {
    bytes += s.centroid.capacity() * sizeof(TermWeight) + s.outlets.capacity() * sizeof(OutletSeen);
  }
  bytes += r.story_index.size() * (kNode + sizeof(std::pair<const int64_t, uint32_t>)) +
           r.story_index.bucket_count() * sizeof(void*);
  bytes += r.article_story.size() * (kNode + sizeof(std::pair<const int64_t, uint32_t>)) +
           r.article_story.bucket_count() * sizeof(void*);
  bytes += r.dense.capacity() * sizeof(float) + r.stamp.capacity() * sizeof(uint32_t);
  return bytes;
}

}  // namespace storyline::cluster
