#include "nlp/tokenize.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>

#include "nlp/decode.h"

namespace storyline::nlp {
namespace {

using detail::CodePoint;
using detail::Decode;

// The code point that ends just before byte `i` (i > 0), or -1.
int32_t DecodeBefore(std::string_view s, size_t i) {
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xc0) == 0x80) {
    --start;
  }
  const CodePoint cp = Decode(s, start);
  return cp.next == i ? cp.c : -1;
}

bool IsSpace(int32_t c) {
  if (c < 0) return false;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  if (c < 0x80) return c < 0x20 || c == 0x7f;
  if (u_isUWhiteSpace(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

bool IsLineBreak(int32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0x0b ||
         c == 0x0c;
}

bool IsLetter(int32_t c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (u_isalpha(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool IsDigit(int32_t c) {
  if (c < 0) return false;
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(c) != 0;
}

bool IsAlnum(int32_t c) { return IsLetter(c) || IsDigit(c); }
bool IsUpper(int32_t c) { return c >= 0 && u_isupper(c); }
bool IsLower(int32_t c) { return c >= 0 && u_islower(c); }
bool IsApostrophe(int32_t c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

char AsciiLower(char ch) {
  return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (AsciiLower(a[k]) != AsciiLower(b[k])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// Abbreviations that keep their period; titles never end a sentence, the others may.
constexpr std::array<std::string_view, 40> kTitles = {
    "Mr",     "Mrs",  "Ms",   "Dr",   "Prof", "Gen",  "Sen",  "Rep",  "Gov",   "Lt",
    "Col",    "Capt", "Cmdr", "Sgt",  "Maj",  "Adm",  "Rev",  "Fr",   "St",    "Mt",
    "Ft",     "Hon",  "Pres", "Supt", "Insp", "Det",  "Amb",  "Brig", "Cpl",   "Pvt",
    "Messrs", "Mme",  "Mlle", "Gens", "Sens", "Reps", "Govs", "Cdr",  "Lieut", "Sec"};
constexpr std::array<std::string_view, 65> kAbbreviations = {
    "Jan",  "Feb",  "Mar",  "Apr",  "Jun",  "Jul",  "Aug",  "Sep",   "Sept", "Oct",  "Nov",
    "Dec",  "Inc",  "Corp", "Ltd",  "Co",   "Bros", "Jr",   "Sr",    "etc",  "al",   "approx",
    "est",  "Dept", "dept", "Univ", "Ave",  "Blvd", "Rd",   "Calif", "Ariz", "Ala",  "Ark",
    "Colo", "Conn", "Del",  "Fla",  "Ga",   "Ill",  "Ind",  "Kan",   "Kans", "Ky",   "La",
    "Md",   "Mass", "Mich", "Minn", "Miss", "Mo",   "Mont", "Neb",   "Nev",  "Okla", "Ore",
    "Pa",   "Tenn", "Tex",  "Va",   "Vt",   "Wash", "Wis",  "Wyo",   "vs",   "v"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Top-level domains that join "reuters.com" into one token.
constexpr std::array<std::string_view, 14> kDomains = {
    "com", "org", "net", "gov", "edu", "int", "mil", "io", "uk", "ru", "de", "fr", "info", "ua"};

// Words that usually start a sentence: after an abbreviation such as "U.S." they say the
// period also ended the sentence.
constexpr std::array<std::string_view, 40> kSentenceStarters = {
    "The",   "A",     "An",   "He",   "She",  "It",    "They",  "We",        "I",       "You",
    "In",    "But",   "And",  "This", "That", "These", "Those", "There",     "His",     "Her",
    "Its",   "Their", "Our",  "On",   "At",   "For",   "After", "As",        "If",      "When",
    "While", "Some",  "Many", "Most", "So",   "Yet",   "Still", "Meanwhile", "However", "Now"};

bool IsClosingQuote(int32_t c) { return c == 0x201d || c == 0x2019 || c == 0xbb || c == 0x203a; }

bool IsQuoteCodePoint(int32_t c) {
  return c == '"' || c == '\'' || c == '`' || c == 0x201c || c == 0x201d || c == 0x2018 ||
         c == 0x2019 || c == 0xab || c == 0xbb || c == 0x201e || c == 0x201a || c == 0x2039 ||
         c == 0x203a || c == 0x201f || c == 0x201b;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : s_(text) {}

  std::vector<Token> Run() {
    size_t i = 0;
    while (i < s_.size()) {
      const CodePoint cp = Decode(s_, i);
      if (IsSpace(cp.c)) {
        i = cp.next;
        continue;
      }
      if (AtChunkStart(i)) {
        if (const size_t url_end = MatchUrl(i); url_end > i) {
          Emit(i, url_end);
          i = url_end;
          continue;
        }
        if (const size_t email_end = MatchEmail(i); email_end > i) {
          Emit(i, email_end);
          i = email_end;
          continue;
        }
      }
      if (IsAlnum(cp.c)) {
        i = ScanWord(i);
      } else if (cp.c == '.' || cp.c == '-' || cp.c == '`' || cp.c == '!' || cp.c == '?') {
        i = ScanRun(i, cp.c);
      } else if (IsApostrophe(cp.c)) {
        i = ScanApostrophe(i, cp.next);
      } else {
        Emit(i, cp.next);
        i = cp.next;
      }
    }
    return std::move(tokens_);
  }

 private:
  void Emit(size_t begin, size_t end) { tokens_.push_back({begin, end}); }

  int32_t At(size_t i) const { return i < s_.size() ? Decode(s_, i).c : -1; }
  size_t Next(size_t i) const { return Decode(s_, i).next; }

  // URLs and e-mails start where a local-part character cannot precede: this keeps the
  // matching linear (every attempt starts a fresh run).
  bool AtChunkStart(size_t i) const {
    if (i == 0) return true;
    const int32_t prev = DecodeBefore(s_, i);
    if (IsAlnum(prev)) return false;
    return !(prev == '.' || prev == '_' || prev == '%' || prev == '+' || prev == '-' ||
             prev == '@' || prev == '/');
  }

  size_t MatchUrl(size_t i) const {
    const std::string_view rest = s_.substr(i);
    size_t prefix = 0;
    for (std::string_view p : {"https://", "http://", "ftp://", "www."}) {
      if (StartsWithIgnoreCase(rest, p)) {
        prefix = p.size();
        break;
      }
    }
    if (prefix == 0) return i;
    size_t j = i + prefix;
    if (!IsAlnum(At(j))) return i;
    while (j < s_.size()) {
      const CodePoint cp = Decode(s_, j);
      if (cp.c < 0 || IsSpace(cp.c) || cp.c == '"' || cp.c == '<' || cp.c == '>' ||
          (cp.c > 0x7f && IsQuoteCodePoint(cp.c))) {
        break;
      }
      j = cp.next;
    }
    long open = 0;
    for (size_t k = i; k < j; ++k) open += s_[k] == '(' ? 1 : s_[k] == ')' ? -1 : 0;
    while (j > i + prefix) {
      const char last = s_[j - 1];
      if (last == ')' && open >= 0) break;
      if (last == ')' || last == '.' || last == ',' || last == ';' || last == ':' || last == '!' ||
          last == '?' || last == '\'') {
        if (last == ')') ++open;
        --j;
        continue;
      }
      break;
    }
    return j;
  }

  static bool IsLocalChar(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
  }
  static bool IsDomainChar(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '-';
  }

  size_t MatchEmail(size_t i) const {
    if (!IsAlnum(At(i)) || static_cast<unsigned char>(s_[i]) >= 0x80) return i;
    size_t j = i;
    while (j < s_.size() && IsLocalChar(s_[j])) ++j;
    if (j >= s_.size() || s_[j] != '@') return i;
    size_t k = j + 1;
    while (k < s_.size() && IsDomainChar(s_[k])) ++k;
    while (k > j + 1 && (s_[k - 1] == '.' || s_[k - 1] == '-')) --k;
    const std::string_view domain = s_.substr(j + 1, k - j - 1);
    const size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return i;
    for (char ch : domain.substr(dot + 1)) {
      if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return i;
    }
    return k;
  }

  // Length of a contraction suffix ("s", "re", "ve", "ll", "d", "m", "t") starting at
  // byte `i` and followed by a non-alphanumeric, or 0.
  size_t ContractionSuffix(size_t i) const {
    size_t j = i;
    while (j < s_.size() && j - i < 3 && std::isalpha(static_cast<unsigned char>(s_[j]))) ++j;
    if (IsAlnum(At(j))) return 0;
    std::string lower;
    for (size_t k = i; k < j; ++k) lower.push_back(AsciiLower(s_[k]));
    for (std::string_view suffix : {"s", "re", "ve", "ll", "d", "m", "t"}) {
      if (lower == suffix) return j - i;
    }
    return 0;
  }

  // A word or number starting at `i`; emits it (and a split-off contraction) and returns
  // the offset after the last byte used.
  size_t ScanWord(size_t i) {
    size_t j = i;
    int32_t prev = -1;
    size_t segment_letters = 0;   // code points since the word start, the last '.' or hyphen
    bool dotted_initials = true;  // "U.S": every '.'-separated segment is one letter
    bool has_inner_dot = false;
    while (j < s_.size()) {
      const CodePoint cp = Decode(s_, j);
      if (IsAlnum(cp.c)) {
        prev = cp.c;
        ++segment_letters;
        j = cp.next;
        continue;
      }
      if (cp.next >= s_.size()) break;
      const CodePoint after = Decode(s_, cp.next);
      if (IsApostrophe(cp.c) && IsLetter(prev) && IsLetter(after.c)) {
        const size_t suffix = ContractionSuffix(cp.next);
        const bool is_t = suffix == 1 && AsciiLower(s_[cp.next]) == 't';
        if (suffix > 0 && !is_t) {  // "Clinton" "’s"
          Emit(i, j);
          Emit(j, cp.next + suffix);
          return cp.next + suffix;
        }
        if (is_t && (prev == 'n' || prev == 'N') && j - 1 > i) {  // "do" "n't"
          Emit(i, j - 1);
          Emit(j - 1, cp.next + suffix);
          return cp.next + suffix;
        }
        prev = cp.c;  // an apostrophe inside a name: "O'Neill"
        j = cp.next;
        continue;
      }
      const bool joins =
          (IsHyphen(cp.c) && IsAlnum(prev) && IsAlnum(after.c)) ||
          (cp.c == '.' && IsDigit(prev) && IsDigit(after.c)) ||
          (cp.c == '.' && IsLetter(prev) && IsLetter(after.c) &&
           (segment_letters == 1 || IsDomainAt(cp.next))) ||
          ((cp.c == ',' || cp.c == ':' || cp.c == '/') && IsDigit(prev) && IsDigit(after.c)) ||
          (cp.c == '&' && IsUpper(prev) && IsUpper(after.c));
      if (!joins) break;
      if (cp.c == '.') {
        has_inner_dot = true;
        if (segment_letters != 1) dotted_initials = false;
        segment_letters = 0;
      } else if (IsHyphen(cp.c)) {
        // What follows a hyphen is read as a word of its own: the party-state tag "D-S.C."
        // ends in the dotted initials "S.C.".
        segment_letters = 0;
        has_inner_dot = false;
        dotted_initials = true;
      } else {
        dotted_initials = false;
      }
      prev = cp.c;
      j = cp.next;
    }
    // A period that belongs to the word: "U.S.", "J.", "Sept.", but not an ellipsis.
    if (j < s_.size() && s_[j] == '.' && !(j + 1 < s_.size() && s_[j + 1] == '.')) {
      const std::string_view word = s_.substr(i, j - i);
      const bool initial = Next(i) == j && IsUpper(At(i));
      const bool acronym = has_inner_dot && dotted_initials && segment_letters == 1;
      if (initial || acronym || Contains(kTitles, word) || Contains(kAbbreviations, word)) {
        ++j;
      }
    }
    Emit(i, j);
    return j;
  }

  bool IsDomainAt(size_t i) const {
    size_t j = i;
    while (j < s_.size() && j - i < 5 && std::isalpha(static_cast<unsigned char>(s_[j]))) ++j;
    if (IsAlnum(At(j)) || (j < s_.size() && s_[j] == '.' && IsAlnum(At(j + 1)))) return false;
    const std::string_view tld = s_.substr(i, j - i);
    return std::find(kDomains.begin(), kDomains.end(), tld) != kDomains.end();
  }

  // Runs that are one token: "..." "--" "``" "?!" "!!"; a single character otherwise.
  size_t ScanRun(size_t i, int32_t c) {
    size_t j = i + 1;
    if (c == '!' || c == '?') {
      while (j < s_.size() && (s_[j] == '!' || s_[j] == '?')) ++j;
    } else {
      while (j < s_.size() && s_[j] == static_cast<char>(c)) ++j;
    }
    Emit(i, j);
    return j;
  }

  // An apostrophe not inside a word: "'90s" or "'96" stay whole, "''" is one closing
  // quote; anything else is a quote mark of its own.
  size_t ScanApostrophe(size_t i, size_t next) {
    if (s_[i] == '\'' && next < s_.size() && s_[next] == '\'') {
      Emit(i, next + 1);
      return next + 1;
    }
    size_t j = next;
    while (j < s_.size() && j - next < 4 && IsDigit(static_cast<unsigned char>(s_[j]))) ++j;
    if (j - next == 2 || (j - next == 4 && s_[j - 1] == '0')) {
      if (j < s_.size() && s_[j] == 's') ++j;
      if (!IsAlnum(At(j)) && (i == 0 || !IsAlnum(DecodeBefore(s_, i)))) {
        Emit(i, j);
        return j;
      }
    }
    Emit(i, next);
    return next;
  }

  std::string_view s_;
  std::vector<Token> tokens_;
};

bool IsTerminator(std::string_view t) {
  if (t == "." || t == "!" || t == "?" || t == "\u2026") return true;
  if (t.size() >= 2 && t.find_first_not_of('.') == std::string_view::npos) return true;
  return t.find_first_not_of("!?") == std::string_view::npos;
}

bool IsCloser(std::string_view t) {
  if (t == "\"" || t == "'" || t == "''" || t == ")" || t == "]" || t == "}") return true;
  const CodePoint cp = Decode(t, 0);
  return cp.next == t.size() && IsClosingQuote(cp.c);
}

// The period-bearing abbreviation kinds: initials and titles never end a sentence.
enum class Abbreviation { kNone, kInitialOrTitle, kOther };

Abbreviation ClassifyAbbreviation(std::string_view t) {
  if (t.size() < 2 || t.back() != '.') return Abbreviation::kNone;
  const std::string_view word = t.substr(0, t.size() - 1);
  if (word.find_first_not_of('.') == std::string_view::npos) return Abbreviation::kNone;
  const CodePoint first = Decode(word, 0);
  if (first.next == word.size() && IsUpper(first.c)) return Abbreviation::kInitialOrTitle;
  if (Contains(kTitles, word)) return Abbreviation::kInitialOrTitle;
  return Abbreviation::kOther;
}

bool StartsLower(std::string_view t) {
  const CodePoint cp = Decode(t, 0);
  return IsLower(cp.c);
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) { return Tokenizer(text).Run(); }

bool IsQuoteMark(std::string_view token) {
  if (token == "``" || token == "''") return true;
  if (token.empty()) return false;
  const CodePoint cp = Decode(token, 0);
  return cp.next == token.size() && IsQuoteCodePoint(cp.c);
}

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens) {
  return SplitSentences(text, tokens, SentenceOptions{});
}

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens,
                                     const SentenceOptions& options) {
  std::vector<Sentence> sentences;
  const size_t max_tokens = std::max<size_t>(options.max_tokens, 1);
  const size_t n = tokens.size();
  auto text_of = [&](size_t k) { return TokenText(text, tokens[k]); };
  auto line_break_before = [&](size_t k) {  // between token k-1 and token k
    for (size_t b = tokens[k - 1].end; b < tokens[k].begin;) {
      const CodePoint cp = Decode(text, b);
      if (IsLineBreak(cp.c)) return true;
      b = cp.next;
    }
    return false;
  };
  size_t first = 0;
  auto close = [&](size_t end_token) {
    sentences.push_back({tokens[first].begin, tokens[end_token - 1].end, first, end_token});
    first = end_token;
  };
  size_t k = 0;
  while (k < n) {
    if (k > first && line_break_before(k)) {
      close(k);
      continue;
    }
    if (k + 1 - first >= max_tokens) {
      close(k + 1);
      ++k;
      continue;
    }
    const std::string_view t = text_of(k);
    const Abbreviation abbreviation = ClassifyAbbreviation(t);
    if (!IsTerminator(t) && abbreviation != Abbreviation::kOther) {
      ++k;
      continue;
    }
    // Closing quotes and brackets written right after the stop belong to the sentence.
    size_t end = k + 1;
    if (abbreviation == Abbreviation::kNone) {
      while (end < n && tokens[end].begin == tokens[end - 1].end && IsCloser(text_of(end)) &&
             end + 1 - first < max_tokens) {
        ++end;
      }
    }
    if (end >= n) break;
    const std::string_view next = text_of(end);
    bool ends;
    if (abbreviation == Abbreviation::kOther) {
      ends = Contains(kSentenceStarters, next);
    } else {
      ends = !StartsLower(next) && next != "," && next != ";" && next != ":" && !IsTerminator(next);
    }
    if (ends) close(end);
    k = end;
  }
  if (first < n) close(n);
  return sentences;
}

}  // namespace storyline::nlp
