#include "dedup/features.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <string>

#include "text/hash.h"

namespace storyline::dedup::detail {
namespace {

uint64_t HashBytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

// ASCII byte classes, by table: one load per byte in the scanning loops.
constexpr uint8_t kAlnum = 1, kDigit = 2, kUpper = 4;
constexpr std::array<uint8_t, 256> kAsciiClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = kAlnum | kDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kAlnum;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kAlnum | kUpper;
  return t;
}();
uint8_t Class(char c) { return kAsciiClass[static_cast<unsigned char>(c)]; }
bool IsDigit(char c) { return (Class(c) & kDigit) != 0; }
char AsciiLower(char c) { return (Class(c) & kUpper) != 0 ? static_cast<char>(c + 32) : c; }

// Reporting verbs and function words: they carry no facts, and rewrites swap them.
constexpr std::string_view kStopwords[] = {
    "about",  "above",   "according", "across",  "after",   "again",   "against", "all",
    "along",  "also",    "although",  "among",   "and",     "another", "any",     "are",
    "around", "because", "been",      "before",  "being",   "between", "both",    "but",
    "can",    "could",   "did",       "does",    "doing",   "down",    "during",  "each",
    "either", "even",    "ever",      "every",   "few",     "for",     "from",    "further",
    "had",    "has",     "have",      "having",  "her",     "here",    "hers",    "herself",
    "him",    "himself", "his",       "how",     "however", "into",    "its",     "itself",
    "just",   "last",    "less",      "may",     "might",   "more",    "most",    "much",
    "must",   "not",     "now",       "off",     "once",    "one",     "only",    "other",
    "our",    "ours",    "out",       "over",    "own",     "per",     "said",    "same",
    "say",    "says",    "she",       "should",  "since",   "some",    "still",   "such",
    "than",   "that",    "the",       "their",   "theirs",  "them",    "then",    "there",
    "these",  "they",    "this",      "those",   "though",  "through", "told",    "too",
    "under",  "until",   "upon",      "very",    "was",     "were",    "what",    "when",
    "where",  "whether", "which",     "while",   "who",     "whom",    "whose",   "why",
    "will",   "with",    "within",    "without", "would",   "yet",     "you",     "your",
};

// Stopwords by the XXH3 hash of the word (the hash a word gets anyway), in a small
// open-addressing set built once.
class StopwordSet {
 public:
  StopwordSet() : slots_(512, 0) {
    for (std::string_view w : kStopwords) {
      const uint64_t h = HashBytes(w.data(), w.size());
      size_t i = h & (slots_.size() - 1);
      while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = h;
    }
  }
  bool Contains(uint64_t h) const {
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  std::vector<uint64_t> slots_;
};

// REQUIRES: h is HashBytes(word).
bool IsStopword(std::string_view word, uint64_t h) {
  if (word.size() > 9) return false;  // the longest is "according"
  static const StopwordSet set;
  return set.Contains(h);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Crude suffix stripping so that "rates", "rated", "rating" and "rate" meet.
void Stem(std::string& w) {
  if (w.size() > 3 && w.back() == 's' && !EndsWith(w, "ss")) {
    w.resize(w.size() - 1);
    if (EndsWith(w, "ie")) w.back() = 'y';
  }
  if (w.size() > 5 && EndsWith(w, "ing")) {
    w.resize(w.size() - 3);
  } else if (w.size() > 4 && EndsWith(w, "ied")) {
    w.resize(w.size() - 3);
    w += 'y';
  } else if (w.size() > 4 && EndsWith(w, "ed")) {
    w.resize(w.size() - 2);
  } else if (w.size() > 5 && EndsWith(w, "ly")) {
    w.resize(w.size() - 2);
  }
  if (w.size() >= 4 && w.back() == 'e') w.resize(w.size() - 1);
}

// Stem() can change only words ending in one of these.
bool MayStem(std::string_view w) {
  const char c = w.back();
  return c == 's' || c == 'g' || c == 'd' || c == 'y' || c == 'e';
}

// Bytes of UTF-8 punctuation at `p` (U+0080..U+00BF, U+2000..U+207F), else 0. These end
// words like ASCII punctuation does.
size_t Utf8PunctuationLength(std::string_view text, size_t p) {
  const auto c = static_cast<unsigned char>(text[p]);
  if (c == 0xC2 && p + 1 < text.size()) {
    const auto d = static_cast<unsigned char>(text[p + 1]);
    if (d >= 0x80 && d <= 0xBF) return 2;
  }
  if (c == 0xE2 && p + 2 < text.size()) {
    const auto d = static_cast<unsigned char>(text[p + 1]);
    if (d == 0x80 || d == 0x81) return 3;
  }
  return 0;
}

// A byte of a sentence word: ASCII letters and digits, and non-ASCII but for punctuation.
bool IsWordByte(std::string_view text, size_t p) {
  const auto c = static_cast<unsigned char>(text[p]);
  if (c < 0x80) return (kAsciiClass[c] & kAlnum) != 0;
  return Utf8PunctuationLength(text, p) == 0;
}

uint16_t TokenValue(uint64_t hash, bool entity) {
  return static_cast<uint16_t>(((hash >> 48) & 0xFFFEu) | (entity ? 1u : 0u));
}

bool IsAscii(std::string_view text) {
  unsigned char any = 0;  // no early exit: the compiler vectorizes this
  for (char c : text) any = static_cast<unsigned char>(any | static_cast<unsigned char>(c));
  return any < 0x80;
}

ShingleSketch SketchWords(std::span<const uint64_t> words, uint64_t exact_hash) {
  ShingleSketch sketch;
  sketch.exact_hash = exact_hash;
  sketch.words = words.size();
  sketch.minhash.fill(std::numeric_limits<uint32_t>::max());
  if (words.empty()) return sketch;

  const size_t width = std::min<size_t>(kShingleWords, words.size());
  const size_t count = words.size() - width + 1;
  // The sampling level the count predicts: shingles are filtered before they are sorted.
  int level = 0;
  while ((count >> level) > kMaxSamples * 3 / 4) ++level;
  uint32_t mask = (1u << level) - 1;
  std::array<bool, kMinHashBins> filled{};
  std::vector<uint32_t> samples;
  samples.reserve(std::min(count, 2 * kMaxSamples));
  for (size_t i = 0; i < count; ++i) {
    const uint64_t h = HashBytes(&words[i], width * sizeof(uint64_t));
    const auto bin = static_cast<size_t>(h >> 59);  // top 5 bits: 32 bins
    const auto value = static_cast<uint32_t>(h);
    sketch.minhash[bin] = std::min(sketch.minhash[bin], value);
    filled[bin] = true;
    const auto sample = static_cast<uint32_t>(h >> 32);
    if ((sample & mask) == 0) samples.push_back(sample);
  }
  // Densification: an empty bin borrows the next filled bin's value, shifted by distance.
  for (int b = 0; b < kMinHashBins; ++b) {
    if (filled[b]) continue;
    for (int d = 1; d < kMinHashBins; ++d) {
      const int from = (b + d) % kMinHashBins;
      if (filled[from]) {
        sketch.minhash[b] = sketch.minhash[from] + static_cast<uint32_t>(d) * 0x9E3779B1u;
        break;
      }
    }
  }

  // The sampling level: the smallest that keeps at most kMaxSamples distinct shingles.
  for (;; ++level) {
    mask = (1u << level) - 1;
    std::erase_if(samples, [&](uint32_t s) { return (s & mask) != 0; });
    std::sort(samples.begin(), samples.end());
    samples.erase(std::unique(samples.begin(), samples.end()), samples.end());
    if (samples.size() <= kMaxSamples) break;
  }
  sketch.samples = std::move(samples);
  sketch.sample_level = static_cast<uint8_t>(level);
  return sketch;
}

// Collects the sentence features word by word.
class SentenceBuilder {
 public:
  explicit SentenceBuilder(size_t text_size)
      : slots_(std::bit_ceil(std::max<size_t>(text_size / 4, 256)), 0) {
    out_.terms.reserve(text_size / 16);
  }

  // The next word: `word` lowercased, `h` its HashBytes. `digit`: it has a digit;
  // `capitalized`: its first letter was upper case.
  void Word(std::string_view word, uint64_t h, bool digit, bool capitalized) {
    const bool starts_sentence = first_word_;
    first_word_ = false;
    if ((word.size() < 3 && !digit) || IsStopword(word, h)) return;
    if (!digit && MayStem(word)) {
      stem_.assign(word);
      Stem(stem_);
      if (stem_ != word) h = HashBytes(stem_.data(), stem_.size()), word = stem_;
    }
    const bool entity = digit || (capitalized && !starts_sentence);
    if (count_ < kMaxSentenceTokens) sentence_[count_++] = TokenValue(h, entity);
    if (word.size() >= 4 || entity) AddTerm(h, entity);
  }

  void EndSentence() {
    first_word_ = true;
    if (count_ == 0) return;
    std::sort(sentence_.begin(), sentence_.begin() + count_);
    // The same word as entity and as plain word: keep one, flagged.
    const size_t start = out_.tokens.size();
    for (size_t i = 0; i < count_; ++i) {
      const uint16_t v = sentence_[i];
      if (out_.tokens.size() > start && (out_.tokens.back() >> 1) == (v >> 1)) {
        out_.tokens.back() = static_cast<uint16_t>(out_.tokens.back() | v);
      } else {
        out_.tokens.push_back(v);
      }
    }
    const size_t n = out_.tokens.size() - start;
    if (n < kMinSentenceTokens || out_.sizes.size() >= kMaxSentences) {
      out_.tokens.resize(start);
    } else {
      out_.sizes.push_back(static_cast<uint8_t>(n));
    }
    count_ = 0;
  }

  SentenceFeatures Finish() {
    EndSentence();
    return std::move(out_);
  }

 private:
  // Distinct terms by an open-addressing set of indexes into out_.terms (+1; 0: empty).
  void AddTerm(uint64_t h, bool entity) {
    if ((out_.terms.size() + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        out_.terms.push_back({h, entity});
        slots_[i] = static_cast<uint32_t>(out_.terms.size());
        return;
      }
      Term& t = out_.terms[slots_[i] - 1];
      if (t.hash == h) {
        t.entity = t.entity || entity;
        return;
      }
    }
  }
  void Grow() {
    slots_.assign(slots_.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (size_t k = 0; k < out_.terms.size(); ++k) {
      size_t i = out_.terms[k].hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = static_cast<uint32_t>(k + 1);
    }
  }

  SentenceFeatures out_;
  std::array<uint16_t, kMaxSentenceTokens> sentence_{};  // tokens of the current sentence
  size_t count_ = 0;
  bool first_word_ = true;  // the next word starts a sentence
  std::string stem_;
  std::vector<uint32_t> slots_;
};

// Does punctuation at `p` (not a word byte) end a sentence?
bool EndsSentence(std::string_view text, size_t p) {
  const char c = text[p];
  if (c == '\n') return true;
  return (c == '.' || c == '!' || c == '?') && (p + 1 == text.size() || !IsWordByte(text, p + 1));
}

// A number keeps its inner '.' and ',' ("1,000", "1.5"): is text[p] one of those?
bool NumberSeparator(std::string_view text, size_t p) {
  return (text[p] == '.' || text[p] == ',') && p + 1 < text.size() && IsDigit(text[p + 1]);
}

// ASCII text: the normalized text (runs of letters and digits, lowercased, one space
// between), each run's hash, and the sentence words, in one pass.
void ScanAscii(std::string_view text, std::string& normalized, std::vector<uint64_t>& words,
               SentenceBuilder& sentences) {
  normalized.resize(text.size());  // never longer: each space stands for >= 1 other byte
  char* const out = normalized.data();
  size_t n = 0;
  std::string merged;  // a number of several runs ("1,500" is "1 500" normalized)
  const size_t size = text.size();
  size_t p = 0;
  while (p < size) {
    if ((Class(text[p]) & kAlnum) == 0) {
      if (EndsSentence(text, p)) sentences.EndSentence();
      ++p;
      continue;
    }
    const bool capitalized = (Class(text[p]) & kUpper) != 0;
    bool digit = false;
    size_t runs = 0, word_begin = 0;
    for (;;) {
      if (n > 0) out[n++] = ' ';
      const size_t run_begin = n;
      if (runs++ == 0) word_begin = n;
      for (uint8_t k; p < size && ((k = Class(text[p])) & kAlnum) != 0; ++p) {
        digit = digit || (k & kDigit) != 0;
        out[n++] = (k & kUpper) != 0 ? static_cast<char>(text[p] + 32) : text[p];
      }
      words.push_back(HashBytes(out + run_begin, n - run_begin));
      if (!(digit && p < size && NumberSeparator(text, p))) break;
      ++p;
    }
    if (runs == 1) {
      sentences.Word({out + word_begin, n - word_begin}, words.back(), digit, capitalized);
    } else {
      merged.clear();
      for (size_t i = word_begin; i < n; ++i) {
        if (out[i] != ' ') merged += out[i];
      }
      sentences.Word(merged, HashBytes(merged.data(), merged.size()), digit, capitalized);
    }
  }
  normalized.resize(n);
}

// Any UTF-8: the sentence words (non-ASCII bytes are word bytes but for punctuation).
void ScanSentences(std::string_view text, SentenceBuilder& sentences) {
  std::string word;
  size_t p = 0;
  while (p < text.size()) {
    if (!IsWordByte(text, p)) {
      const size_t punct = Utf8PunctuationLength(text, p);
      if (EndsSentence(text, p)) sentences.EndSentence();
      p += punct > 0 ? punct : 1;
      continue;
    }
    word.clear();
    bool digit = false;
    const bool capitalized = (Class(text[p]) & kUpper) != 0;
    while (p < text.size()) {
      if (IsWordByte(text, p)) {
        digit = digit || IsDigit(text[p]);
        word += AsciiLower(text[p]);
        ++p;
      } else if (digit && NumberSeparator(text, p)) {
        ++p;
      } else {
        break;
      }
    }
    sentences.Word(word, HashBytes(word.data(), word.size()), digit, capitalized);
  }
}

}  // namespace

TextFeatures ExtractFeatures(std::string_view text) {
  SentenceBuilder sentences(text.size());
  std::string normalized;
  std::vector<uint64_t> words;
  words.reserve(text.size() / 5 + 1);
  if (IsAscii(text)) {
    ScanAscii(text, normalized, words, sentences);
  } else {
    ScanSentences(text, sentences);
    normalized = text::NormalizeForHash(text);
    for (size_t p = 0; p < normalized.size();) {
      size_t end = normalized.find(' ', p);
      if (end == std::string::npos) end = normalized.size();
      words.push_back(HashBytes(normalized.data() + p, end - p));
      p = end + 1;
    }
  }
  return {SketchWords(words, HashBytes(normalized.data(), normalized.size())), sentences.Finish()};
}

uint64_t BandKey(const std::array<uint32_t, kMinHashBins>& minhash, int band) {
  const uint64_t key =
      XXH3_64bits_withSeed(&minhash[static_cast<size_t>(band * kBandRows)],
                           kBandRows * sizeof(uint32_t), static_cast<uint64_t>(band));
  return key == 0 ? 1 : key;
}

double SampledContainment(std::span<const uint32_t> a, int level_a, std::span<const uint32_t> b,
                          int level_b) {
  const uint32_t mask = (1u << std::max(level_a, level_b)) - 1;
  size_t na = 0, nb = 0, shared = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && (a[i] & mask) != 0) {
      ++i;
      continue;
    }
    if (j < b.size() && (b[j] & mask) != 0) {
      ++j;
      continue;
    }
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      ++na, ++i;
    } else if (i == a.size() || b[j] < a[i]) {
      ++nb, ++j;
    } else {
      ++na, ++nb, ++shared, ++i, ++j;
    }
  }
  const size_t smaller = std::min(na, nb);
  return smaller == 0 ? 0 : double(shared) / double(smaller);
}

double SentenceSimilarity(std::span<const uint16_t> a, std::span<const uint16_t> b) {
  unsigned wa = 0, wb = 0, shared = 0;
  for (uint16_t v : a) wa += 1u + (v & 1u);
  for (uint16_t v : b) wb += 1u + (v & 1u);
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const unsigned x = a[i] >> 1, y = b[j] >> 1;
    if (x < y) {
      ++i;
    } else if (y < x) {
      ++j;
    } else {
      shared += 1u + ((a[i] | b[j]) & 1u);
      ++i, ++j;
    }
  }
  if (wa + wb == 0) return 0;
  return std::min(1.0, 2.0 * shared / double(wa + wb));
}

Alignment AlignSentences(const SentenceView& a, const SentenceView& b, double sentence_threshold) {
  const bool a_shorter = a.sizes.size() <= b.sizes.size();
  const SentenceView& s = a_shorter ? a : b;
  const SentenceView& l = a_shorter ? b : a;
  std::vector<std::span<const uint16_t>> long_sentences;
  long_sentences.reserve(l.sizes.size());
  for (size_t k = 0, off = 0; k < l.sizes.size(); off += l.sizes[k], ++k) {
    long_sentences.push_back(l.tokens.subspan(off, l.sizes[k]));
  }

  Alignment result;
  result.sentences = s.sizes.size();
  std::vector<size_t> tails;      // patience sorting: smallest tail of each run length
  std::vector<size_t> positions;  // aligned pairs so far: position in `l`...
  std::vector<double> chains;     // ...and the heaviest in-order chain ending there
  for (size_t k = 0, off = 0; k < s.sizes.size(); off += s.sizes[k], ++k) {
    const auto sentence = s.tokens.subspan(off, s.sizes[k]);
    double best = 0;
    size_t best_at = 0;
    for (size_t m = 0; m < long_sentences.size(); ++m) {
      const double sim = SentenceSimilarity(sentence, long_sentences[m]);
      if (sim > best) best = sim, best_at = m;
    }
    if (best < sentence_threshold) continue;
    ++result.aligned;
    // Heaviest chain ending here: this pair after any earlier pair not later in `l`.
    double chain = best;
    for (size_t q = 0; q < positions.size(); ++q) {
      if (positions[q] <= best_at) chain = std::max(chain, chains[q] + best);
    }
    positions.push_back(best_at);
    chains.push_back(chain);
    result.similarity = std::max(result.similarity, chain);
    auto it = std::upper_bound(tails.begin(), tails.end(), best_at);
    if (it == tails.end()) {
      tails.push_back(best_at);
    } else {
      *it = best_at;
    }
  }
  result.in_order = tails.size();
  return result;
}

}  // namespace storyline::dedup::detail
