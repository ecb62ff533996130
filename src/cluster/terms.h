// The evidence of an article for story clustering: its words (lowercased, lightly stemmed,
// stop words dropped), named entities ("#john kerry": runs of capitalized words not at a
// sentence start, acronyms) and numbers, in the order they appear. Shared by StoryIndex
// and the tools that train its model (eval/stories), so both see the same terms.
#ifndef STORYLINE_CLUSTER_TERMS_H_
#define STORYLINE_CLUSTER_TERMS_H_

#include <string>
#include <string_view>
#include <vector>

namespace storyline::cluster {

enum class TermKind : unsigned char { kWord, kEntity, kNumber, kOutlet };

// "#..." is an entity, "@..." an outlet, a term with a digit a number, anything else a word.
TermKind KindOf(std::string_view term);

struct TermWeights {
  double entity = 0.5;  // an entity adds a feature of this weight on top of its words (0: none)
  double number = 1.0;  // a number counts as this many words
};

struct Word;  // one token with the flags the entity heuristics need (terms.cc)

// Splits text into terms. Not thread-safe (keeps scratch); one per thread.
class TermExtractor {
 public:
  TermExtractor();
  ~TermExtractor();
  TermExtractor(TermExtractor&&) noexcept;
  TermExtractor& operator=(TermExtractor&&) noexcept;

  // Appends the (term, weight) features of `text` to `out` (repeated, in text order).
  void Extract(std::string_view text, const TermWeights& weights,
               std::vector<std::pair<std::string, double>>& out);

 private:
  std::vector<Word> words_;
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_TERMS_H_
