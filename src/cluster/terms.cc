// Words, entities and numbers of a text (see terms.h).
#include "cluster/terms.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storyline::cluster {
namespace {

constexpr std::string_view kStopWords[] = {
    "a",         "about",     "above",    "according", "across",   "after",  "again",    "against",
    "ago",       "all",       "almost",   "along",     "already",  "also",   "although", "am",
    "among",     "an",        "and",      "another",   "any",      "are",    "around",   "as",
    "at",        "be",        "because",  "been",      "before",   "being",  "between",  "both",
    "but",       "by",        "can",      "could",     "did",      "do",     "does",     "doing",
    "done",      "down",      "during",   "each",      "either",   "even",   "ever",     "every",
    "few",       "for",       "from",     "further",   "get",      "gets",   "got",      "had",
    "has",       "have",      "having",   "he",        "her",      "here",   "hers",     "herself",
    "him",       "himself",   "his",      "how",       "however",  "i",      "if",       "in",
    "including", "into",      "is",       "it",        "its",      "itself", "just",     "last",
    "least",     "less",      "like",     "made",      "make",     "many",   "may",      "me",
    "might",     "more",      "most",     "much",      "must",     "my",     "near",     "never",
    "new",       "no",        "nor",      "not",       "now",      "of",     "off",      "often",
    "on",        "once",      "one",      "only",      "or",       "other",  "others",   "our",
    "ours",      "out",       "over",     "own",       "per",      "put",    "rather",   "really",
    "said",      "same",      "say",      "says",      "see",      "she",    "should",   "since",
    "so",        "some",      "still",    "such",      "than",     "that",   "the",      "their",
    "theirs",    "them",      "then",     "there",     "these",    "they",   "this",     "those",
    "though",    "through",   "thus",     "to",        "told",     "too",    "toward",   "under",
    "until",     "up",        "upon",     "us",        "very",     "via",    "was",      "we",
    "week",      "well",      "were",     "what",      "when",     "where",  "whether",  "which",
    "while",     "who",       "whom",     "whose",     "why",      "will",   "with",     "within",
    "without",   "would",     "year",     "years",     "yet",      "you",    "your",     "yours",
    "yourself",  "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday",
    "today",     "yesterday", "tomorrow", "time",
};

bool IsStopWord(std::string_view lower) {
  static const std::vector<std::string_view> kSorted = [] {
    std::vector<std::string_view> words(std::begin(kStopWords), std::end(kStopWords));
    std::sort(words.begin(), words.end());
    return words;
  }();
  return std::binary_search(kSorted.begin(), kSorted.end(), lower);
}

// Abbreviations whose period does not end a sentence.
bool IsAbbreviation(std::string_view lower) {
  static constexpr std::array<std::string_view, 14> kAbbreviations = {
      "dr", "gen", "gov", "jr", "mr", "mrs", "ms", "no", "rep", "sen", "sr", "st", "us", "vs"};
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// The byte length of a UTF-8 punctuation or space character at `s[i]` (general punctuation
// U+2000–U+206F, NBSP, guillemets), or 0 when it is part of a word.
size_t NonWordUtf8(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == 0xC2 && i + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 == 0xA0 || b1 == 0xAB || b1 == 0xBB || b1 == 0xB7) return 2;
  }
  if (b0 == 0xE2 && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 == 0x80 || b1 == 0x81) return 3;
  }
  return 0;
}

bool IsWordByte(std::string_view s, size_t i) {
  const char c = s[i];
  if (IsAsciiUpper(c) || IsAsciiLower(c) || IsDigit(c)) return true;
  return static_cast<unsigned char>(c) >= 0x80 && NonWordUtf8(s, i) == 0;
}

bool IsApostrophe(std::string_view s, size_t i) {
  if (s[i] == '\'') return true;
  return NonWordUtf8(s, i) == 3 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) == 0x99 ||
          static_cast<unsigned char>(s[i + 2]) == 0x98);
}

}  // namespace

struct Word {
  std::string lower;    // lowercased; "U.S." → "us", "1,000" → "1000"
  bool sentence_start;  // first word of the text or of a sentence
  bool capitalized;     // starts with an ASCII capital
  bool all_caps;        // two or more letters, all capitals ("NATO", "U.S.")
  bool number;          // has a digit
  bool joined;          // only spaces or hyphens since the previous word
};

namespace {

// Splits `text` into words with the flags the entity heuristics need.
void SplitWords(std::string_view text, std::vector<Word>& out) {
  out.clear();
  bool pending_start = true;
  bool joined = false;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    if (!IsWordByte(text, i)) {
      const char c = text[i];
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';' || c == ':') {
        pending_start = true;
        joined = false;
      } else if (c != ' ' && c != '-' && c != '\t') {
        joined = false;
      }
      const size_t skip = NonWordUtf8(text, i);
      if (skip > 0) {
        // Dashes and ellipses end a run; NBSP is a space.
        if (!(skip == 2 && static_cast<unsigned char>(text[i + 1]) == 0xA0)) joined = false;
        i += skip;
      } else {
        ++i;
      }
      continue;
    }
    Word w{std::string(), pending_start, IsAsciiUpper(text[i]), false, false, joined};
    size_t letters = 0, uppers = 0;
    while (i < n) {
      if (IsWordByte(text, i)) {
        const char c = text[i];
        if (IsDigit(c)) w.number = true;
        if (IsAsciiUpper(c)) ++uppers;
        if (IsAsciiUpper(c) || IsAsciiLower(c)) ++letters;
        w.lower.push_back(ToLower(c));
        ++i;
        continue;
      }
      // "1,000" and "3.5" stay one number; "U.S." one acronym.
      const char c = text[i];
      if ((c == ',' || c == '.') && w.number && i + 1 < n && IsDigit(text[i + 1])) {
        if (c == '.') w.lower.push_back('.');
        ++i;
        continue;
      }
      if (c == '.' && w.lower.size() == letters && uppers == letters && i + 2 < n &&
          IsAsciiUpper(text[i + 1]) && (text[i + 2] == '.' || !IsWordByte(text, i + 2))) {
        ++i;
        continue;
      }
      if (IsApostrophe(text, i)) {
        // Possessives and contractions: drop the short suffix ("Kerry's" → "kerry").
        const size_t a = text[i] == '\'' ? i + 1 : i + 3;
        size_t e = a;
        while (e < n && IsAsciiLower(text[e]) && e - a < 3) ++e;
        if (e > a && (e >= n || !IsWordByte(text, e))) {
          i = e;
          break;
        }
      }
      break;
    }
    w.all_caps = letters >= 2 && uppers == letters && !w.number;
    if (!w.lower.empty() && w.lower.back() == '.') w.lower.pop_back();
    // "U.S." ends with a period that ends nothing; "Mr." neither.
    if (i < n && text[i] == '.' && (w.all_caps || IsAbbreviation(w.lower))) {
      ++i;
      pending_start = false;
    } else {
      pending_start = false;
    }
    joined = true;
    out.push_back(std::move(w));
  }
}

// Light suffix stripping: plurals, -ing, -ed. Crude but consistent, which is what matters
// for matching two outlets' words.
void Stem(std::string& w) {
  const auto ends = [&w](std::string_view suffix) {
    return w.size() > suffix.size() &&
           std::string_view(w).substr(w.size() - suffix.size()) == suffix;
  };
  if (w.size() > 4 && ends("ies")) {
    w.resize(w.size() - 3);
    w.push_back('y');
  } else if (ends("sses")) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    w.pop_back();
  }
  if (w.size() > 5 && ends("ing")) {
    w.resize(w.size() - 3);
  } else if (w.size() > 4 && ends("ed")) {
    w.resize(w.size() - 2);
  }
  if (w.size() > 4 && ends("e")) w.pop_back();  // "raise"/"rais(ed)" → "rais"
}

}  // namespace

TermKind KindOf(std::string_view term) {
  if (!term.empty() && term.front() == '#') return TermKind::kEntity;
  if (!term.empty() && term.front() == '@') return TermKind::kOutlet;
  for (const char c : term) {
    if (IsDigit(c)) return TermKind::kNumber;
  }
  return TermKind::kWord;
}

TermExtractor::TermExtractor() = default;
TermExtractor::~TermExtractor() = default;
TermExtractor::TermExtractor(TermExtractor&&) noexcept = default;
TermExtractor& TermExtractor::operator=(TermExtractor&&) noexcept = default;

void TermExtractor::Extract(std::string_view text, const TermWeights& weights,
                            std::vector<std::pair<std::string, double>>& out) {
  SplitWords(text, words_);
  // Headline case ("Trump Slams Kerry Over Iran") says nothing about names.
  size_t capitalized = 0, alpha = 0;
  for (const Word& w : words_) {
    if (w.number) continue;
    ++alpha;
    if (w.capitalized) ++capitalized;
  }
  const bool headline_case = alpha >= 4 && capitalized * 10 > alpha * 6;
  std::string term, entity;
  for (size_t i = 0; i < words_.size(); ++i) {
    const Word& w = words_[i];
    if (w.number) {
      out.emplace_back(w.lower, weights.number);
      continue;
    }
    if (w.lower.size() < 2 || IsStopWord(w.lower)) continue;
    term = w.lower;
    Stem(term);
    out.emplace_back(term, 1.0);
  }
  if (weights.entity <= 0) return;
  // Entities: runs of capitalized words joined by spaces; a lone capitalized word at a
  // sentence start is an ordinary word, a run's leading stop word ("The", "But") is not
  // part of the name. Acronyms are entities wherever they are.
  size_t i = 0;
  while (i < words_.size()) {
    if (!words_[i].capitalized || words_[i].number) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < words_.size() && words_[end].capitalized && !words_[end].number &&
           words_[end].joined && !words_[end].sentence_start) {
      ++end;
    }
    size_t begin = i;
    if (words_[begin].sentence_start && IsStopWord(words_[begin].lower)) ++begin;
    const bool lone_start = end - begin == 1 && words_[begin].sentence_start;
    if (begin < end && (!headline_case || end - begin == 1)) {
      if (end - begin == 1) {
        const Word& w = words_[begin];
        if (w.all_caps || (!lone_start && !headline_case && !IsStopWord(w.lower))) {
          entity.assign(1, '#');
          entity += w.lower;
          out.emplace_back(entity, weights.entity);
        }
      } else {
        entity.assign(1, '#');
        for (size_t k = begin; k < end; ++k) {
          if (k > begin) entity.push_back(' ');
          entity += words_[k].lower;
        }
        out.emplace_back(entity, weights.entity);
        entity.assign(1, '#');  // "John Kerry" is also "Kerry"
        entity += words_[end - 1].lower;
        out.emplace_back(entity, weights.entity);
      }
    }
    i = end;
  }
}

}  // namespace storyline::cluster
