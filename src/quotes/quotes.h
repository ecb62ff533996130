// Quote attribution: who said what. Given an article's text, finds its attributions — each
// a cue (the reporting verb or phrase: "said", "told reporters", "according to"), the content
// attributed (a quotation, a "that"-clause, the rest of a sentence, a sentence before a
// post-posed "he said") and the source (the speaker mention, absent in "it was reported").
//
// Offsets are bytes into the text given. Spans are made of fragments: the content of
// "“We will win,” he said, “and soon.”" is one span of two fragments around the cue.
//
// The model (a cue tagger and two span scorers, averaged perceptrons trained on PolNeAR by
// storyline_train_quotes, see models/quotes/README.md) is compiled into the library.
//
// Threads: a QuoteFinder is immutable once built; Find may be called from any number of
// threads at once.
#ifndef STORYLINE_QUOTES_QUOTES_H_
#define STORYLINE_QUOTES_QUOTES_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline::quotes {

struct Fragment {
  size_t begin = 0;  // byte offsets [begin, end)
  size_t end = 0;
  friend bool operator==(const Fragment&, const Fragment&) = default;
};

// One span made of one or more fragments, in text order.
struct Span {
  std::vector<Fragment> fragments;
  bool empty() const { return fragments.empty(); }
  size_t begin() const { return fragments.empty() ? 0 : fragments.front().begin; }
  size_t end() const { return fragments.empty() ? 0 : fragments.back().end; }
};

// What kind of mention the source is, for speaker resolution downstream.
enum class SourceKind {
  kNone,     // no source
  kPronoun,  // "he", "they", "we"
  kName,     // a capitalised name: "Peskov", "The Washington Post"
  kNominal,  // a description: "a spokesman", "officials", "the report"
};

struct Attribution {
  Span content;
  Span cue;
  std::optional<Span> source;
  SourceKind source_kind = SourceKind::kNone;
  bool direct = false;  // the content is a quotation inside quote marks
};

// Limits: the input is the hostile web. Work is linear in the text's length; these bound it.
struct QuoteOptions {
  // Longer texts are refused with kTooLarge. Larger: longer articles, more time and memory
  // (about 20 bytes of working memory per byte of text: 5 MB take ~100 MB).
  size_t max_text_bytes = 8 * 1024 * 1024;
  // Longer sentences (a paragraph without a full stop) are tagged in windows of this many
  // tokens; cues across a window edge may be missed.
  size_t max_sentence_tokens = 300;
  // A content span is searched within this many tokens of its cue, and is at most this long.
  size_t max_content_tokens = 200;
  // Added to the cue tagger's score of a cue (tuned on PolNeAR dev for the best cue F1).
  // Larger: more cues found, more of them wrong.
  float cue_bias = 7.5f;
  // At most this many attributions per text; more cues are ignored. 0: no limit.
  size_t max_attributions = 10000;
};

namespace detail {
class Model;
}

class QuoteFinder {
 public:
  // The model compiled into the library.
  static Result<QuoteFinder> FromEmbedded();
  // A model file written by the training tool (its bytes).
  static Result<QuoteFinder> FromBytes(std::string_view bytes);

  QuoteFinder(QuoteFinder&&) noexcept;
  QuoteFinder& operator=(QuoteFinder&&) noexcept;
  ~QuoteFinder();

  // The attributions of `text` (UTF-8), in text order of their cues. Errors: kTooLarge when
  // the text is over options.max_text_bytes.
  Result<std::vector<Attribution>> Find(std::string_view text,
                                        const QuoteOptions& options = {}) const;

 private:
  explicit QuoteFinder(std::unique_ptr<const detail::Model> model);
  std::unique_ptr<const detail::Model> model_;
};

}  // namespace storyline::quotes

#endif  // STORYLINE_QUOTES_QUOTES_H_
