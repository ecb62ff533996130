// Snippets: the passage of an article a search hit shows, with the query's words marked.
//
// Xapian's MSet::snippet did this before; under load it was 29% of the server's CPU for
// /api/search on 100k articles (perf, bench/serve_load.sh), because it decodes and classifies
// every character of every hit's text through its Unicode tables and keeps per-word state.
// This one reads ASCII bytes directly (other characters through Xapian's Unicode
// classification, so words split where the index split them), stems each word once through a
// cache, and scores passages by the query terms' weights.
#ifndef STORYLINE_SEARCH_SNIPPET_H_
#define STORYLINE_SEARCH_SNIPPET_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace storyline::search {

// Stems words and remembers the answers in a direct-mapped cache (one probe, no allocation on
// a hit; a collision replaces the slot's word). Stemming is a function of the word, so the
// answers are those of the stemmer. Not thread-safe.
class StemCache {
 public:
  explicit StemCache(Xapian::Stem stem);
  // The stem of `word` (lower case, as indexed); valid until the next call.
  const std::string& operator()(std::string_view word);
  const Xapian::Stem& stemmer() const { return stem_; }

 private:
  static constexpr size_t kSlots = size_t{1} << 15;  // about 2.5 MB of short words
  struct Slot {
    bool filled = false;
    uint64_t hash = 0;
    std::string word, stem;
  };
  Xapian::Stem stem_;
  std::vector<Slot> slots_;
};

// What a snippet marks: words as the index holds them (lower case, unstemmed) and stems, each
// with a weight (a rarer term weighs more); both keyed by their text.
class SnippetTerms {
 public:
  // The words and stems of a query, from Xapian's terms: an unprefixed term is a word, "Z" + a
  // stem is a stem; title terms ("S…", "ZS…") count as the same word or stem in the text;
  // other prefixed terms (filters, pairs) are not words of the text. `weight` gives a term's
  // weight (it is called with the term as Xapian spells it).
  static SnippetTerms FromQuery(const Xapian::Query& query,
                                const std::function<double(const std::string&)>& weight);

  void AddWord(std::string_view word, double weight);
  void AddStem(std::string_view stem, double weight);
  bool has_stems() const { return !stems_.empty(); }
  bool empty() const { return words_.empty() && stems_.empty(); }

  // The term `word` (lower case) matches: its index in weights(), or -1. `stem` is asked for
  // the word's stem only when there are stems to match.
  int Match(std::string_view word, StemCache* stem) const;
  const std::vector<double>& weights() const { return weights_; }

 private:
  // Queries have a handful of terms ("more like this" a few dozen): a linear scan that
  // compares lengths first beats hashing every word of the text.
  struct Entry {
    std::string key;
    int index = 0;
  };
  int Add(std::vector<Entry>& entries, std::string_view key, double weight);
  static int Find(const std::vector<Entry>& entries, std::string_view key) {
    for (const Entry& e : entries) {
      if (e.key.size() == key.size() && e.key == key) return e.index;
    }
    return -1;
  }
  std::vector<Entry> words_, stems_;
  std::vector<double> weights_;  // by term index; a word and its stem may share none
};

struct SnippetOptions {
  size_t bytes = 240;  // most bytes of text shown, before markup and omission marks
  std::string_view open = "<mark>", close = "</mark>";  // around each matching word
  std::string_view omit = "…";  // where text before or after the passage is left out
};

// The passage of `text` (UTF-8; invalid bytes are kept as they are, escaped like the rest)
// of at most `options.bytes` bytes with the most weight of distinct query terms (then the most
// matching words, then the earliest), starting at its sentence's start when that fits and at
// most a quarter of the passage before its first match otherwise; cut after a whole word;
// runs of white space shown as one space. HTML-escaped (&, <, >), the matching words between
// `open` and `close`. With no match, the start of the text. `stem` may be null when `terms`
// has no stems.
std::string MakeSnippet(std::string_view text, const SnippetTerms& terms, StemCache* stem,
                        const SnippetOptions& options = {});

}  // namespace storyline::search

#endif  // STORYLINE_SEARCH_SNIPPET_H_
