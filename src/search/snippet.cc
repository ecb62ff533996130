#include "search/snippet.h"

#include <algorithm>
#include <array>
#include <utility>

namespace storyline::search {

StemCache::StemCache(Xapian::Stem stem) : stem_(std::move(stem)), slots_(kSlots) {}

const std::string& StemCache::operator()(std::string_view word) {
  // FNV-1a, inline: words are short, and a call into a hashing library per word of every
  // hit's text showed in profiles.
  uint64_t hash = 0xcbf29ce484222325u;
  for (char c : word) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
  hash ^= hash >> 29;
  Slot& slot = slots_[hash & (kSlots - 1)];
  if (slot.filled && slot.hash == hash && slot.word == word) return slot.stem;
  slot.filled = true;
  slot.hash = hash;
  slot.word.assign(word);
  slot.stem = stem_(slot.word);
  return slot.stem;
}

int SnippetTerms::Add(std::vector<Entry>& entries, std::string_view key, double weight) {
  if (key.empty()) return -1;
  if (!(weight > 0)) weight = 1;
  if (const int index = Find(entries, key); index >= 0) {
    double& w = weights_[static_cast<size_t>(index)];
    w = std::max(w, weight);
    return index;
  }
  const int index = static_cast<int>(weights_.size());
  weights_.push_back(weight);
  entries.push_back(Entry{std::string(key), index});
  return index;
}

void SnippetTerms::AddWord(std::string_view word, double weight) { Add(words_, word, weight); }
void SnippetTerms::AddStem(std::string_view stem, double weight) { Add(stems_, stem, weight); }

SnippetTerms SnippetTerms::FromQuery(const Xapian::Query& query,
                                     const std::function<double(const std::string&)>& weight) {
  SnippetTerms terms;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    std::string_view v = term;
    bool stemmed = false;
    if (!v.empty() && v[0] == 'Z') {
      stemmed = true;
      v.remove_prefix(1);
    }
    if (!v.empty() && v[0] == 'S' && (v.size() == 1 || !upper(v[1]))) v.remove_prefix(1);
    if (v.empty() || upper(v[0])) continue;  // a filter, a pair of words, an id
    if (stemmed) {
      terms.AddStem(v, weight(term));
    } else {
      terms.AddWord(v, weight(term));
    }
  }
  return terms;
}

int SnippetTerms::Match(std::string_view word, StemCache* stem) const {
  if (const int index = Find(words_, word); index >= 0) return index;
  if (stems_.empty() || stem == nullptr) return -1;
  return Find(stems_, (*stem)(word));
}

namespace {

// The code point at s[i] and its length in bytes; an invalid byte is U+FFFD of length 1.
inline std::pair<unsigned, size_t> Decode(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned c = byte(i);
  if (c < 0x80) return {c, 1};
  const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return {0xFFFD, 1};
  unsigned cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, n};
}

// Word characters among ASCII: letters, digits and '_' (as Xapian::Unicode::is_wordchar).
constexpr std::array<bool, 128> kAsciiWordChar = [] {
  std::array<bool, 128> table{};
  for (unsigned c = 0; c < 128; ++c) {
    table[c] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();

inline bool IsWordChar(unsigned cp) {
  return cp < 0x80 ? kAsciiWordChar[cp] : Xapian::Unicode::is_wordchar(cp);
}

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct Token {
  size_t begin = 0, end = 0;
  size_t sentence = 0;  // where its sentence starts
  int term = -1;        // the query term it matches, or -1
};

// The words of `text` (as Xapian's TermGenerator splits them: runs of word characters, with
// an apostrophe between two of them kept inside), the query terms they match and their
// sentences (a sentence starts the text, after a line break, or after . ! ? and white space).
// Stops early, setting `truncated`, once every term has been seen close enough together to
// share a passage of `budget` bytes and the text for that passage is read: the rest could not
// give a better one (only one as good, later).
std::vector<Token> Tokenize(std::string_view text, const SnippetTerms& terms, StemCache* stem,
                            size_t budget, bool& truncated) {
  std::vector<Token> tokens;
  tokens.reserve(std::min<size_t>(text.size(), 4096) / 6 + 1);
  const size_t n_terms = terms.weights().size();
  constexpr size_t kNever = std::string_view::npos;
  std::vector<size_t> last_seen(n_terms, kNever);  // by term: where it was last seen
  size_t terms_seen = 0, stop_at = kNever;
  if (n_terms == 0) stop_at = budget + 1;  // the passage is the start of the text
  std::string lower;
  size_t sentence = 0;
  bool boundary = true, stop = false;  // stop: . ! ? seen, waiting for white space
  size_t i = 0;
  while (i < text.size() && i < stop_at) {
    auto [cp, len] = Decode(text, i);
    if (!IsWordChar(cp)) {
      if (cp == '\n') {
        boundary = true;
      } else if (cp == '.' || cp == '!' || cp == '?') {
        stop = true;
      } else if (IsSpace(static_cast<char>(cp))) {
        if (stop) boundary = true;
        stop = false;
      } else if (boundary) {
        // An opening quote or bracket starts the sentence it opens.
        sentence = i;
        boundary = false;
      } else if (cp != '"' && cp != ')' && cp != 0x201D && cp != 0x2019 && cp != '\'') {
        stop = false;
      }
      i += len;
      continue;
    }
    if (boundary) {
      sentence = i;
      boundary = false;
    }
    stop = false;
    Token token;
    token.begin = i;
    token.sentence = sentence;
    lower.clear();
    while (i < text.size()) {
      std::tie(cp, len) = Decode(text, i);
      if (IsWordChar(cp)) {
        if (cp < 0x80) {
          lower += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else {
          Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(cp));
        }
        i += len;
        continue;
      }
      if ((cp == '\'' || cp == 0x2019) && i + len < text.size() &&
          IsWordChar(Decode(text, i + len).first)) {
        lower += '\'';
        i += len;
        continue;
      }
      break;
    }
    token.end = i;
    token.term = terms.Match(lower, stem);
    tokens.push_back(token);
    if (token.term >= 0) {
      size_t& seen = last_seen[static_cast<size_t>(token.term)];
      if (seen == kNever) ++terms_seen;
      seen = token.begin;
      if (terms_seen == n_terms && stop_at == kNever) {
        const size_t earliest = *std::min_element(last_seen.begin(), last_seen.end());
        if (token.end - earliest <= budget * 2 / 3) stop_at = token.end + budget;
      }
    }
  }
  truncated = i < text.size();
  return tokens;
}

// Whether tokens[i] is the first word of its sentence.
bool OpensSentence(const std::vector<Token>& tokens, size_t i) {
  return i == 0 || tokens[i - 1].sentence != tokens[i].sentence;
}

// Where a passage whose first word is tokens[i] starts: its sentence's start (an opening quote
// included) when it is the sentence's first word, else the word.
size_t PassageStart(const std::vector<Token>& tokens, size_t i) {
  return OpensSentence(tokens, i) ? tokens[i].sentence : tokens[i].begin;
}

void AppendEscaped(std::string& out, std::string_view text, bool& space) {
  for (char c : text) {
    if (IsSpace(c)) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

std::string MakeSnippet(std::string_view text, const SnippetTerms& terms, StemCache* stem,
                        const SnippetOptions& options) {
  const size_t budget = std::max<size_t>(options.bytes, 1);
  bool truncated = false;
  const std::vector<Token> tokens = Tokenize(text, terms, stem, budget, truncated);

  // Candidate starts: for each of the first matches, its sentence's start when the match is
  // within the first two thirds of a passage from there, else a quarter of a passage before it.
  constexpr size_t kMaxCandidates = 32;
  const size_t n_terms = terms.weights().size();
  double all_terms = 0;  // a passage with every term ends the search
  for (double w : terms.weights()) all_terms += w;
  std::vector<char> seen(n_terms, 0);
  std::vector<int> touched;
  size_t best_first = 0;  // index of the passage's first token
  double best_score = -1;
  size_t candidates = 0;
  size_t last_first = tokens.size();
  for (size_t i = 0; i < tokens.size() && candidates < kMaxCandidates; ++i) {
    if (tokens[i].term < 0) continue;
    ++candidates;
    size_t first = i;
    if (tokens[i].end - tokens[i].sentence <= budget * 2 / 3) {
      while (first > 0 && tokens[first - 1].begin >= tokens[i].sentence) --first;
    } else {
      // Context before the match: up to a quarter of the passage, within the sentence.
      while (first > 0 && tokens[i].begin - tokens[first - 1].begin <= budget / 4 &&
             tokens[first - 1].begin >= tokens[i].sentence) {
        --first;
      }
    }
    if (first == last_first) continue;
    last_first = first;
    const size_t start = PassageStart(tokens, first);
    double score = 0;
    size_t count = 0;
    for (size_t t = first; t < tokens.size() && tokens[t].end - start <= budget; ++t) {
      const int term = tokens[t].term;
      if (term < 0) continue;
      ++count;
      if (!seen[static_cast<size_t>(term)]) {
        seen[static_cast<size_t>(term)] = 1;
        touched.push_back(term);
        score += terms.weights()[static_cast<size_t>(term)];
      }
    }
    for (int term : touched) seen[static_cast<size_t>(term)] = 0;
    touched.clear();
    score += 1e-3 * static_cast<double>(count);
    if (score > best_score) {
      best_score = score;
      best_first = first;
    }
    if (score >= all_terms) break;
  }

  std::string out;
  if (tokens.empty()) {
    // No words at all: the start of the text, whole characters only.
    size_t begin = 0;
    while (begin < text.size() && IsSpace(text[begin])) ++begin;
    const std::string_view rest = text.substr(begin);
    size_t cut = std::min(rest.size(), budget);
    while (cut > 0 && cut < rest.size() && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80)
      --cut;
    bool space = false;
    AppendEscaped(out, rest.substr(0, cut), space);
    if (cut < rest.size()) out += options.omit;
    return out;
  }

  size_t start = PassageStart(tokens, best_first);
  bool cut_before = start > 0 && !OpensSentence(tokens, best_first);
  size_t last = best_first;  // the last whole word that fits
  while (last + 1 < tokens.size() && tokens[last + 1].end - start <= budget) ++last;
  size_t end = tokens[last].end;
  if (end - start > budget) {
    // One word longer than the budget: cut it between characters.
    end = start + budget;
    while (end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  }
  // Punctuation that closes the last word (". , ; : ! ? ) quotes") when it fits.
  while (end < text.size() && end - start < budget) {
    const auto [cp, len] = Decode(text, end);
    const bool closing = cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' ||
                         cp == '?' || cp == ')' || cp == '"' || cp == '\'' || cp == 0x201D ||
                         cp == 0x2019 || cp == 0xBB;
    if (!closing || end + len - start > budget) break;
    end += len;
  }
  bool more = last + 1 < tokens.size() || tokens[last].end > end || truncated;
  if (!more) {
    // Only white space or punctuation follows: show it if it fits, never mark it as cut.
    size_t tail = text.size();
    while (tail > end && IsSpace(text[tail - 1])) --tail;
    if (tail - start <= budget) end = tail;
  }

  // A passage that reaches the end of the text uses what is left of the budget for the words
  // before it (within its sentence).
  if (!more) {
    while (best_first > 0 && !OpensSentence(tokens, best_first) &&
           end - PassageStart(tokens, best_first - 1) <= budget) {
      --best_first;
      start = PassageStart(tokens, best_first);
    }
    cut_before = start > 0 && !OpensSentence(tokens, best_first);
  }

  out.reserve((end - start) + 64);
  if (cut_before) out += options.omit;
  bool space = false;
  size_t pos = start;
  for (size_t t = best_first; t <= last && pos < end; ++t) {
    const Token& token = tokens[t];
    if (token.begin >= end) break;
    AppendEscaped(out, text.substr(pos, token.begin - pos), space);
    const size_t token_end = std::min(token.end, end);
    if (token.term >= 0) out += options.open;
    AppendEscaped(out, text.substr(token.begin, token_end - token.begin), space);
    if (token.term >= 0) out += options.close;
    pos = token_end;
  }
  if (pos < end) AppendEscaped(out, text.substr(pos, end - pos), space);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (more) out += options.omit;
  return out;
}

}  // namespace storyline::search
