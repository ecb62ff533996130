// An article prepared for the quote models: tokens and sentences (storyline::nlp), and per
// token the hashed word, stem and shape, the quote marks and whether the token is inside a
// quotation, which the cue tagger and span scorers read their features from.
#ifndef STORYLINE_QUOTES_DOCUMENT_H_
#define STORYLINE_QUOTES_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "nlp/tokenize.h"
#include "quotes/weights.h"

namespace storyline::quotes::detail {

enum class QuoteMark : uint8_t { kNone, kOpen, kClose, kSingle };

enum class Shape : uint8_t {
  kLower,    // "said"
  kCapital,  // "Peskov"
  kUpper,    // "NATO"
  kDigit,    // "2016", "3.5"
  kMixed,    // "iPhone", "U.S."
  kPunct,    // ",", "—"
  kQuote,    // any quote mark
  kOther,    // non-ASCII letters and the rest
};

struct TokenInfo {
  uint64_t word = 0;    // HashLower of the token
  uint64_t stem = 0;    // HashLower of the token without an inflectional suffix
  uint64_t suffix = 0;  // HashLower of its last three bytes
  uint32_t sentence = 0;
  Shape shape = Shape::kOther;
  QuoteMark quote = QuoteMark::kNone;
  bool inside_quote = false;     // between an opening and its closing double quote mark
  bool paragraph_start = false;  // first token after a line break
  bool quote_earlier = false;    // a quote mark before it in its sentence
  bool quote_later = false;      // a quote mark after it in its sentence
  bool pronoun = false;          // personal pronoun that can be a speaker
};

struct Document {
  std::string_view text;
  std::vector<nlp::Token> tokens;
  std::vector<nlp::Sentence> sentences;  // cover every token, in order
  std::vector<TokenInfo> info;           // one per token
  std::vector<uint32_t> quotes_before;   // quote-mark tokens before token i (size n + 1)

  std::string_view TokenText(size_t i) const {
    return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
};

// Tokenizes and annotates `text`. Sentences longer than `max_sentence_tokens` are cut into
// pieces of at most that many tokens.
Document Prepare(std::string_view text, size_t max_sentence_tokens);

}  // namespace storyline::quotes::detail

#endif  // STORYLINE_QUOTES_DOCUMENT_H_
