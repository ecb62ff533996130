// Tokenization and sentence splitting for news prose (the first step of the nlp stage).
//
// Tokens are byte spans into the caller's UTF-8 text; nothing is copied. The split is
// Penn-Treebank-like, as CoNLL-2003 and PolNeAR text need:
//   - words and numbers ("1,000.5", "12:30", "1996-08-22", "pro-Russian", "1990s");
//     "%" and currency signs are their own tokens ("7" "%", "$" "5");
//   - contractions and possessives split off: "Clinton’s" → "Clinton" "’s",
//     "don't" → "do" "n't"; an apostrophe inside a name stays ("O'Neill");
//   - every quote mark is its own token: " “ ” ‘ ’ « » „ ‚ ‹ › and a straight or curly
//     single quote used as a quote ('we are ready,' he said);
//   - dashes (— – --), ellipses (… ...) and other punctuation are their own tokens;
//   - URLs and e-mail addresses are one token;
//   - abbreviations keep their period: "Sept.", "U.S.", "Dr.", initials "J." "R.".
// Invalid UTF-8 bytes become one-character tokens; white space and control/format
// characters (zero-width space, BOM) separate tokens and are never part of one.
//
// Both functions run in time linear in the input (no backtracking over long runs) and
// are pure: safe to call from any thread.
#ifndef STORYLINE_NLP_TOKENIZE_H_
#define STORYLINE_NLP_TOKENIZE_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace storyline::nlp {

struct Token {
  size_t begin = 0;  // byte offsets into the UTF-8 text, [begin, end)
  size_t end = 0;
};

// The tokens of `text`, in order, non-empty and non-overlapping.
std::vector<Token> Tokenize(std::string_view text);

inline std::string_view TokenText(std::string_view text, const Token& token) {
  return text.substr(token.begin, token.end - token.begin);
}

struct Sentence {
  size_t begin = 0;  // bytes: from the first token's begin to the last token's end
  size_t end = 0;
  size_t first_token = 0;  // tokens [first_token, end_token)
  size_t end_token = 0;
};

struct SentenceOptions {
  // A sentence longer than this many tokens is cut (hostile text: a 5 MB paragraph with
  // no full stop). Downstream taggers are linear, so this only bounds per-sentence memory.
  size_t max_tokens = 1000;
};

// Splits `tokens` (from Tokenize(text)) into sentences that cover every token. A sentence
// ends at . ! ? … (with the closing quotes and brackets that follow it) unless the next
// word starts in lower case; at a line break between two tokens; and after max_tokens.
// Abbreviations and initials ("Dr.", "J.", "Sept. 4") do not end a sentence, except an
// abbreviation such as "U.S." or "Inc." before a word that usually starts one ("The").
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens,
                                     const SentenceOptions& options);
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens);

// True for a token that is only a quote mark (" “ ” ‘ ’ « » „ ‚ ‹ › ' ` and `` '').
bool IsQuoteMark(std::string_view token);

}  // namespace storyline::nlp

#endif  // STORYLINE_NLP_TOKENIZE_H_
