// The features of the named-entity tagger (internal to the nlp stage). Training
// (ner_train.cc) and tagging (ner.cc) share this code, so a model always sees the
// features it was trained on.
//
// A feature is a 64-bit hash of its template and values. Per token: the word, its
// lower-cased form, shape, prefixes and suffixes, the words and shapes around it (±2),
// word clusters learned from unlabelled news text, how often the word is capitalised in
// that text, gazetteer matches (entity names from the training data) and document-level
// evidence: how the same word is written elsewhere in the document.
#ifndef STORYLINE_NLP_NER_FEATURES_H_
#define STORYLINE_NLP_NER_FEATURES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace storyline::nlp::detail {

// IOB2 labels; the order is part of the model file format.
inline constexpr int kNumLabels = 9;
inline constexpr std::array<std::string_view, kNumLabels> kLabelNames = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
int LabelIndex(std::string_view name);  // -1 when unknown
// Entity type of a label: 0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC.
inline int LabelType(int label) { return label == 0 ? 0 : (label + 1) / 2; }
inline bool IsInside(int label) { return label > 0 && label % 2 == 0; }
// May `label` follow `prev` (-1: sentence start)? I-X only after B-X or I-X.
inline bool Allowed(int prev, int label) {
  return !IsInside(label) || (prev > 0 && LabelType(prev) == LabelType(label));
}

// An entity in a label sequence: labels [begin, end) of one type (1 PER .. 4 MISC). A
// span starts at any non-O label and runs over the I- labels of its type that follow.
struct LabelSpan {
  size_t begin = 0;
  size_t end = 0;
  int type = 0;
};
std::vector<LabelSpan> LabelSpans(const std::vector<int>& labels);

// Word clusters at three granularities (0 = unknown word).
struct ClusterIds {
  uint16_t coarse = 0;
  uint16_t medium = 0;
  uint16_t fine = 0;
};

// Entity phrases (tokens joined by one space) → bit mask of types (1 << (type - 1)).
// Also knows which strings start a longer phrase, so that a scan can stop early.
class Gazetteer {
 public:
  struct Entry {
    uint8_t mask = 0;     // the types of the phrase (0: not a phrase, or no type)
    bool phrase = false;  // a phrase, not only the start of one
    bool longer = false;  // some phrase starts with this string and a space
  };
  // Adds the types of `mask` to `phrase`.
  void Add(const std::string& phrase, uint8_t mask);
  // The entry of `text` (a phrase or the start of one), or null.
  const Entry* Find(const std::string& text) const {
    auto it = entries_.find(text);
    return it == entries_.end() ? nullptr : &it->second;
  }
  size_t size() const { return size_; }  // phrases
  bool empty() const { return size_ == 0; }
  void clear() {
    entries_.clear();
    size_ = 0;
  }
  void reserve(size_t phrases) { entries_.reserve(phrases * 2); }
  std::vector<std::pair<std::string, uint8_t>> Sorted() const;  // the phrases and their types

 private:
  std::unordered_map<std::string, Entry> entries_;  // phrases and the token prefixes of them
  size_t size_ = 0;
};
inline constexpr size_t kMaxGazetteerTokens = 6;

// Everything the features look up besides the sentence itself.
struct Lexicon {
  std::unordered_map<std::string, ClusterIds> clusters;  // by word as written
  // Lower-cased word → how often it is capitalised away from a sentence start in the
  // unlabelled text, in buckets 1 (never) .. 5 (always); absent when rare.
  std::unordered_map<std::string, uint8_t> capitalisation;
};

// Stage-one predictions of the entity type per word of the document, when present
// (entity type counts of the word's other mentions in the document).
struct DocumentTypeVotes {
  // Title-cased word → counts of the types its mentions got (index 0: outside).
  std::unordered_map<std::string, std::array<uint16_t, 5>> words;
  // Entity phrases found in the document (title-cased words joined by a space) → types.
  Gazetteer phrases;
  void clear() {
    words.clear();
    phrases.clear();
  }
};

// One document: its sentences of words.
using Document = std::vector<std::vector<std::string>>;

// The feature hashes of every token of a sentence, flattened: token t has
// keys[offsets[t] .. offsets[t + 1]).
struct SentenceFeatures {
  std::vector<uint32_t> offsets;
  std::vector<uint64_t> keys;
};

// Per-document evidence: how the document's words are written elsewhere in it.
struct DocumentStats {
  std::unordered_set<std::string> lower_seen;        // lower-cased words written in lower case
  std::unordered_set<std::string> cap_non_initial;   // title-cased words capitalised mid-sentence
  std::unordered_set<std::string> prev_capitalised;  // title-cased words after a capital
  std::unordered_set<std::string> next_capitalised;  // title-cased words before a capital
};

// The features of a sentence that do not depend on the previous stage's votes, with what
// the vote features need, so that a second stage only adds those (CombineFeatures).
struct SentenceBase {
  // Token t: keys[bounds[2t] .. bounds[2t + 1]) come before the vote phrase features,
  // keys[bounds[2t + 1] .. bounds[2t + 2]) after them and before the vote word features.
  std::vector<uint32_t> bounds;
  std::vector<uint64_t> keys;
  std::vector<std::string> titles;  // each word title-cased
  std::vector<uint8_t> cased;       // 1: capitalised or all caps (gets vote word features)
};

// The vote-independent features of one document's sentences, a sentence at a time.
// REQUIRES: lexicon and gazetteer outlive the extractor.
class FeatureExtractor {
 public:
  FeatureExtractor(const Document& document, const Lexicon& lexicon, const Gazetteer& gazetteer);
  size_t size() const { return document_.size(); }
  SentenceBase Base(size_t sentence) const;

 private:
  Document document_;  // words normalized (typographic quotes and dashes as in CoNLL)
  DocumentStats stats_;
  const Lexicon& lexicon_;
  const Gazetteer& gazetteer_;
};

// The features a sentence gets from the votes, per token: phrase features (they follow
// the first part of the token's base features) and word features (they follow the rest).
struct VoteFeatures {
  SentenceFeatures phrases;
  SentenceFeatures words;
};
// `out` is overwritten (its buffers are reused).
void ExtractVoteFeatures(const SentenceBase& base, const DocumentTypeVotes& votes,
                         VoteFeatures& out);

// The features of a sentence: its base and the features of `votes` (null in stage one).
// `out` is overwritten (its buffers are reused).
void CombineFeatures(const SentenceBase& base, const DocumentTypeVotes* votes,
                     SentenceFeatures& out);

// Features of every sentence of `document`. `votes` may be null (stage one).
std::vector<SentenceFeatures> ExtractFeatures(const Document& document, const Lexicon& lexicon,
                                              const Gazetteer& gazetteer,
                                              const DocumentTypeVotes* votes);

// Counts the entity types that `labels` give each word and each entity phrase of a
// sentence of the document (for the votes).
void AddVotes(const std::vector<std::string>& words, const std::vector<int>& labels,
              DocumentTypeVotes& votes);

// Word helpers shared with the cluster and lexicon builders.
std::string Normalize(std::string_view word);  // “ ” « » → ", ’ → ', – — → -, … → ...
std::string Lower(std::string_view word);
std::string Shape(std::string_view word);  // "Xx", "X.X.", "d,d.d", repeats collapsed
bool IsCapitalised(std::string_view word);
uint64_t HashBytes(std::string_view bytes, uint64_t seed);

}  // namespace storyline::nlp::detail

#endif  // STORYLINE_NLP_NER_FEATURES_H_
