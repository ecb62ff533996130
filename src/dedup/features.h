// The per-article features the duplicate index keeps, and the comparisons on them.
//
//   text ──ExtractFeatures (one pass over the bytes)──┬─► words ──4-word shingles──► ShingleSketch
//                                                     │  (exact hash, one-permutation MinHash,
//                                                     │   sampled shingle set)
//                                                     └─► SentenceFeatures (per sentence: 16-bit
//                                                         hashes of stemmed content words, entity
//                                                         flag; distinct terms for the index)
//
// Each word is lowercased and hashed once (XXH3 on its bytes); the shingles hash the
// word hashes, the stopword test and the sentence tokens reuse them. ASCII text is
// normalized in the same pass; other text is normalized by text::NormalizeForHash (ICU).
//
// Everything here is a pure function of its arguments; safe from any thread.
#ifndef STORYLINE_DEDUP_FEATURES_H_
#define STORYLINE_DEDUP_FEATURES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace storyline::dedup::detail {

inline constexpr int kShingleWords = 4;  // words per shingle
inline constexpr int kMinHashBins = 32;  // one-permutation MinHash bins
inline constexpr int kBandRows = 2;      // bins per LSH band: 16 bands of 2
inline constexpr int kBands = kMinHashBins / kBandRows;
inline constexpr size_t kMaxSamples = 96;  // sampled shingles kept per article

struct ShingleSketch {
  uint64_t exact_hash = 0;  // XXH3-64 of the normalized text (what text::ContentHash prints)
  size_t words = 0;         // words of the normalized text (texts shorter than a shingle
                            // are one shingle)
  std::array<uint32_t, kMinHashBins> minhash{};  // densified one-permutation MinHash
  // Shingles whose hash has `sample_level` low zero bits, sorted and distinct: a level
  // that keeps at most kMaxSamples (all of them up to 72 shingles, else about 36-96).
  // Two sets compare at the larger level.
  std::vector<uint32_t> samples;
  uint8_t sample_level = 0;
};

// 64-bit key of LSH band `band` of a sketch's MinHash (never 0).
uint64_t BandKey(const std::array<uint32_t, kMinHashBins>& minhash, int band);

// |A∩B| / min(|A|,|B|) estimated from two sampled shingle sets (exact while both sets
// are at level 0, i.e. texts of at most kMaxSamples shingles). 0 when either is empty.
double SampledContainment(std::span<const uint32_t> a, int level_a, std::span<const uint32_t> b,
                          int level_b);

// A word of the text that can be a rare key of the rewrite index.
struct Term {
  uint64_t hash = 0;
  bool entity = false;  // a capitalized word inside a sentence, or a number
};

// The sentences of a text by their content words. Token value: bits 15..1 hash the
// lowercased, suffix-stripped content word; bit 0 is set for entities. Each sentence's
// tokens are sorted and distinct.
struct SentenceFeatures {
  std::vector<uint8_t> sizes;    // tokens per sentence, in text order
  std::vector<uint16_t> tokens;  // the sentences' tokens, one after the other
  std::vector<Term> terms;       // distinct words of >= 4 letters, and entities (any order)
};

inline constexpr size_t kMaxSentences = 24;       // later sentences are not kept
inline constexpr size_t kMaxSentenceTokens = 16;  // later words of a sentence are not kept
inline constexpr size_t kMinSentenceTokens = 3;   // shorter sentences (chrome) are dropped

struct TextFeatures {
  ShingleSketch sketch;
  SentenceFeatures sentences;
};

// Both feature sets of `text` from one pass over it. REQUIRES: valid UTF-8.
TextFeatures ExtractFeatures(std::string_view text);

// Sentences as stored: `sizes[i]` tokens each, one after the other in `tokens`.
struct SentenceView {
  std::span<const uint8_t> sizes;
  std::span<const uint16_t> tokens;
};

// Weighted Dice similarity of two sentences: entities weigh 2, other words 1.
double SentenceSimilarity(std::span<const uint16_t> a, std::span<const uint16_t> b);

struct Alignment {
  size_t sentences = 0;   // sentences of the text with fewer
  size_t aligned = 0;     // of those, how many have a similar sentence in the other text
  size_t in_order = 0;    // the longest run of aligned sentences in the same order
  double similarity = 0;  // the largest sum of similarities of aligned sentences in order
  double share() const { return sentences == 0 ? 0 : double(in_order) / double(sentences); }
  // The in-order similarity per sentence of the shorter text: 1 for a copy.
  double weighted_share() const { return sentences == 0 ? 0 : similarity / double(sentences); }
};

// Aligns each sentence of the text with fewer sentences to its most similar sentence of
// the other (similarity >= sentence_threshold), then counts the aligned pairs that are in
// order (longest non-decreasing subsequence, by count and by summed similarity).
Alignment AlignSentences(const SentenceView& a, const SentenceView& b, double sentence_threshold);

}  // namespace storyline::dedup::detail

#endif  // STORYLINE_DEDUP_FEATURES_H_
