// PolNeAR (Newell et al., LREC 2018) in brat standoff: one text per article in text/, one
// or more annotations of it (one per annotator) in attributions/NAME_ANNOTATOR.ann.
// T lines: "T1<TAB>Source 110 112<TAB>we" (Source | Cue | Content | Attribution, a
// discontinuous span written "a b;c d"); E lines tie an attribution's roles:
// "E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1".
#ifndef STORYLINE_EVAL_QUOTES_POLNEAR_H_
#define STORYLINE_EVAL_QUOTES_POLNEAR_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/quotes.h"
#include "storyline/status.h"

namespace storyline::eval::quotes {

struct GoldAttribution {
  storyline::quotes::Span content;
  storyline::quotes::Span cue;
  std::optional<storyline::quotes::Span> source;
};

struct AnnotatedText {
  std::string name;  // the .ann file's stem
  std::string text;
  std::vector<GoldAttribution> attributions;
};

// The attributions of one .ann file of `text`. brat offsets count code points; the spans
// returned are byte offsets into `text`. Attributions without a cue or a content are
// skipped (they cannot be scored).
Result<std::vector<GoldAttribution>> ParseBrat(std::string_view ann, std::string_view text);

// byte_of[i] is the byte offset of code point i of `text`; byte_of.back() == text.size().
std::vector<size_t> CodePointOffsets(std::string_view text);

// Every .ann of `split_dir` (train/ or dev/) with its text, sorted by name.
Result<std::vector<AnnotatedText>> LoadSplit(const std::filesystem::path& split_dir);

}  // namespace storyline::eval::quotes

#endif  // STORYLINE_EVAL_QUOTES_POLNEAR_H_
