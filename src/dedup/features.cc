#include "dedup/features.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <limits>

#include "text/hash.h"

namespace storyline::dedup::detail {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

uint64_t HashBytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

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

// Stopwords by the XXH3 hash of the word, in a small open-addressing set built once.
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
  bool Contains(std::string_view word) const {
    const uint64_t h = HashBytes(word.data(), word.size());
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  std::vector<uint64_t> slots_;
};

bool IsStopword(std::string_view word) {
  if (word.size() > 9) return false;  // the longest is "according"
  static const StopwordSet set;
  return set.Contains(word);
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

bool IsWordByte(std::string_view text, size_t p) {
  const auto c = static_cast<unsigned char>(text[p]);
  if (c < 0x80) return IsAsciiAlnum(c);
  return Utf8PunctuationLength(text, p) == 0;
}

uint16_t TokenValue(uint64_t hash, bool entity) {
  return static_cast<uint16_t>(((hash >> 48) & 0xFFFEu) | (entity ? 1u : 0u));
}

}  // namespace

std::string NormalizeWords(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) return text::NormalizeForHash(text);
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (IsAsciiAlnum(static_cast<unsigned char>(c))) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += AsciiLower(c);
    } else {
      space = true;
    }
  }
  return out;
}

ShingleSketch SketchShingles(std::string_view normalized) {
  ShingleSketch sketch;
  sketch.exact_hash = HashBytes(normalized.data(), normalized.size());
  std::vector<uint64_t> words;
  words.reserve(normalized.size() / 5 + 1);
  for (size_t p = 0; p < normalized.size();) {
    size_t end = normalized.find(' ', p);
    if (end == std::string_view::npos) end = normalized.size();
    words.push_back(HashBytes(normalized.data() + p, end - p));
    p = end + 1;
  }
  sketch.words = words.size();
  sketch.minhash.fill(std::numeric_limits<uint32_t>::max());
  if (words.empty()) return sketch;

  const size_t width = std::min<size_t>(kShingleWords, words.size());
  const size_t count = words.size() - width + 1;
  std::array<bool, kMinHashBins> filled{};
  std::vector<uint32_t> samples;
  samples.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t h = HashBytes(&words[i], width * sizeof(uint64_t));
    const auto bin = static_cast<size_t>(h >> 59);  // top 5 bits: 32 bins
    const auto value = static_cast<uint32_t>(h);
    sketch.minhash[bin] = std::min(sketch.minhash[bin], value);
    filled[bin] = true;
    samples.push_back(static_cast<uint32_t>(h >> 32));
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
  // Start from the level the count predicts and filter before sorting (fewer to sort).
  int level = 0;
  while ((samples.size() >> level) > kMaxSamples * 3 / 4) ++level;
  for (;; ++level) {
    const uint32_t mask = (1u << level) - 1;
    std::erase_if(samples, [&](uint32_t s) { return (s & mask) != 0; });
    std::sort(samples.begin(), samples.end());
    samples.erase(std::unique(samples.begin(), samples.end()), samples.end());
    if (samples.size() <= kMaxSamples) break;
  }
  sketch.samples = std::move(samples);
  sketch.sample_level = static_cast<uint8_t>(level);
  return sketch;
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

SentenceFeatures ExtractSentences(std::string_view text) {
  SentenceFeatures out;
  std::vector<uint16_t> sentence;  // tokens of the current sentence
  bool first_word = true;          // the next word starts the sentence
  std::string word;

  auto end_sentence = [&] {
    first_word = true;
    if (sentence.empty()) return;
    std::sort(sentence.begin(), sentence.end());
    // The same word as entity and as plain word: keep one, flagged.
    const size_t start = out.tokens.size();
    for (uint16_t v : sentence) {
      if (out.tokens.size() > start && (out.tokens.back() >> 1) == (v >> 1)) {
        out.tokens.back() = static_cast<uint16_t>(out.tokens.back() | v);
      } else {
        out.tokens.push_back(v);
      }
    }
    const size_t n = out.tokens.size() - start;
    if (n < kMinSentenceTokens || out.sizes.size() >= kMaxSentences) {
      out.tokens.resize(out.tokens.size() - n);
    } else {
      out.sizes.push_back(static_cast<uint8_t>(n));
    }
    sentence.clear();
  };

  size_t p = 0;
  while (p < text.size()) {
    const char c = text[p];
    if (!IsWordByte(text, p)) {
      const size_t punct = Utf8PunctuationLength(text, p);
      if (c == '\n') {
        end_sentence();
      } else if ((c == '.' || c == '!' || c == '?') &&
                 (p + 1 == text.size() || !IsWordByte(text, p + 1))) {
        end_sentence();
      }
      p += punct > 0 ? punct : 1;
      continue;
    }
    // A word: letters and digits; a number keeps its inner '.' and ',' ("1,000", "1.5").
    word.clear();
    bool digit = false;
    const bool capitalized = c >= 'A' && c <= 'Z';
    while (p < text.size()) {
      const char d = text[p];
      if (IsWordByte(text, p)) {
        digit = digit || (d >= '0' && d <= '9');
        word += AsciiLower(d);
        ++p;
      } else if (digit && (d == '.' || d == ',') && p + 1 < text.size() && text[p + 1] >= '0' &&
                 text[p + 1] <= '9') {
        ++p;
      } else {
        break;
      }
    }
    const bool starts_sentence = first_word;
    first_word = false;
    if ((word.size() < 3 && !digit) || IsStopword(word)) continue;
    if (!digit) Stem(word);
    const uint64_t h = HashBytes(word.data(), word.size());
    const bool entity = digit || (capitalized && !starts_sentence);
    if (sentence.size() < kMaxSentenceTokens) sentence.push_back(TokenValue(h, entity));
    if (word.size() >= 4 || entity) out.terms.push_back({h, entity});
  }
  end_sentence();

  std::sort(out.terms.begin(), out.terms.end(), [](const Term& a, const Term& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.entity > b.entity;
  });
  out.terms.erase(std::unique(out.terms.begin(), out.terms.end(),
                              [](const Term& a, const Term& b) { return a.hash == b.hash; }),
                  out.terms.end());
  return out;
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
