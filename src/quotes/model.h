// The three learned parts of quote attribution, all linear over hashed features in one
// Weights table (weights.h):
//   - the cue tagger: B/I/O tags over a sentence's tokens, Viterbi-decoded;
//   - the span scorers (source, content): for one cue, the best span in a window of
//     sentences around it, scored as start(token) + end(token) + shape(span) — where it starts
//     and ends relative to the cue, its words, quote marks and sentence edges, its length;
//     the source may also be absent (a "no source" score).
// Decode* are used by QuoteFinder; Train* by the training tool (eval/quotes).
#ifndef STORYLINE_QUOTES_MODEL_H_
#define STORYLINE_QUOTES_MODEL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "quotes/document.h"
#include "quotes/weights.h"

namespace storyline::quotes::detail {

enum class Tag : uint8_t { kO = 0, kB = 1, kI = 2 };

struct CueSpan {
  size_t first = 0;  // tokens [first, end)
  size_t end = 0;
};

struct TokenSpan {
  size_t first = 0;  // tokens [first, last], inclusive
  size_t last = 0;
  friend bool operator==(const TokenSpan&, const TokenSpan&) = default;
};

enum class Role : uint32_t { kSource = 0, kContent = 1 };

struct SpanLimits {
  size_t max_content_tokens = 200;
  // Inference only (null in training): tokens a content span may not hold, as prefix counts
  // (blocked_before[i] = blocked tokens before token i; size n + 1), and the run of them that
  // belongs to the cue being decoded (its own, which it may hold). See QuoteFinder::Find.
  const std::vector<uint32_t>* blocked_before = nullptr;
  TokenSpan own_blocked{1, 0};  // empty unless first <= last
  // Inference only: the cue's source, which a content before the cue never runs on into
  // ("“X,” Scott Pruitt, the attorney general, said": the content is X).
  std::optional<TokenSpan> source;
};

// The span shape scores of every pair key (a cache: they depend on the weights only).
std::vector<float> PairScores(const Weights& weights, Role role);

// The weights and what is precomputed from them; immutable, shared by all threads.
class Model {
 public:
  explicit Model(Weights weights);
  const Weights& weights() const { return weights_; }
  std::span<const float> pair_scores(Role role) const {
    return pair_scores_[static_cast<size_t>(role)];
  }

 private:
  Weights weights_;
  std::array<std::vector<float>, 2> pair_scores_;
};

// Cue tags for the tokens of `sentence`; `cue_bias` is added to the score of every cue tag
// (larger: more recall, less precision).
std::vector<Tag> DecodeCues(const Weights& weights, const Document& doc,
                            const nlp::Sentence& sentence, float cue_bias);
// The cue spans of a tag sequence starting at token `offset`.
std::vector<CueSpan> CueSpansOf(const std::vector<Tag>& tags, size_t offset);
// One perceptron step on a sentence; returns whether the decoded tags were wrong.
bool TrainCues(AveragedTrainer& trainer, const Weights& weights, const Document& doc,
               const nlp::Sentence& sentence, const std::vector<Tag>& gold);

// The best span for `role` of `cue`; nullopt for "no source" (never for content, unless
// the window is empty).
std::optional<TokenSpan> DecodeSpan(const Model& model, const Document& doc, CueSpan cue, Role role,
                                    const SpanLimits& limits);
// Whether `gold` can be produced at all for this cue (inside the search window).
bool Reachable(const Document& doc, CueSpan cue, Role role, const std::optional<TokenSpan>& gold,
               const SpanLimits& limits);
// One perceptron step; returns whether the decoded span was wrong. REQUIRES: Reachable.
bool TrainSpan(AveragedTrainer& trainer, const Weights& weights, const Document& doc, CueSpan cue,
               Role role, const std::optional<TokenSpan>& gold, const SpanLimits& limits);

}  // namespace storyline::quotes::detail

#endif  // STORYLINE_QUOTES_MODEL_H_
