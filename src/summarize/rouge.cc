#include "summarize/rouge.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace storyline::summarize {
namespace {

// ---------------------------------------------------------------------------------------
// Porter stemmer, as ROUGE-1.5.5 runs it. Its conditions are regular expressions over
// c = [^aeiou], v = [aeiouy], C = c[^aeiouy]*, V = v[aeiou]*; the matcher below tries every
// way a pattern can match, as a backtracking regex engine does, so the measures agree with
// the Perl release on every word (including the 'y' cases).

enum class Part { kOptC, kC, kV, kOptV, kVowel, kNotAeiouwxy, kEnd };

bool IsAeiou(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u'; }
bool IsAeiouy(char ch) { return IsAeiou(ch) || ch == 'y'; }

bool Match(std::string_view w, size_t pos, const Part* parts, size_t count) {
  if (count == 0) return true;
  switch (parts[0]) {
    case Part::kEnd:
      return pos == w.size();
    case Part::kOptC:
      if (Match(w, pos, parts + 1, count - 1)) return true;
      [[fallthrough]];
    case Part::kC: {
      if (pos >= w.size() || IsAeiou(w[pos])) return false;
      size_t end = pos + 1;
      while (end < w.size() && !IsAeiouy(w[end])) ++end;
      for (size_t e = end; e > pos; --e) {
        if (Match(w, e, parts + 1, count - 1)) return true;
      }
      return false;
    }
    case Part::kOptV:
      if (Match(w, pos, parts + 1, count - 1)) return true;
      [[fallthrough]];
    case Part::kV: {
      if (pos >= w.size() || !IsAeiouy(w[pos])) return false;
      size_t end = pos + 1;
      while (end < w.size() && IsAeiou(w[end])) ++end;
      for (size_t e = end; e > pos; --e) {
        if (Match(w, e, parts + 1, count - 1)) return true;
      }
      return false;
    }
    case Part::kVowel:
      return pos < w.size() && IsAeiouy(w[pos]) && Match(w, pos + 1, parts + 1, count - 1);
    case Part::kNotAeiouwxy: {
      if (pos >= w.size()) return false;
      const char ch = w[pos];
      if (IsAeiou(ch) || ch == 'w' || ch == 'x' || ch == 'y') return false;
      return Match(w, pos + 1, parts + 1, count - 1);
    }
  }
  return false;
}

template <size_t N>
bool Matches(std::string_view w, const std::array<Part, N>& parts) {
  return Match(w, 0, parts.data(), N);
}

constexpr std::array<Part, 3> kMgr0 = {Part::kOptC, Part::kV, Part::kC};  // m > 0
constexpr std::array<Part, 5> kMeq1 = {Part::kOptC, Part::kV, Part::kC, Part::kOptV,
                                       Part::kEnd};  // m = 1
constexpr std::array<Part, 5> kMgr1 = {Part::kOptC, Part::kV, Part::kC, Part::kV,
                                       Part::kC};                       // m > 1
constexpr std::array<Part, 2> kHasVowel = {Part::kOptC, Part::kVowel};  // vowel in stem
constexpr std::array<Part, 4> kCvc = {Part::kC, Part::kVowel, Part::kNotAeiouwxy,
                                      Part::kEnd};  // the whole word is C v c

bool EndsWith(std::string_view w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

// The longest suffix of `w` in `table` (a Perl alternation anchored at $ matches at the
// leftmost start, i.e. the longest suffix). Returns its index or -1.
template <size_t N>
int LongestSuffix(std::string_view w,
                  const std::array<std::pair<std::string_view, std::string_view>, N>& table) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < N; ++i) {
    if (table[i].first.size() > best_len && EndsWith(w, table[i].first)) {
      best = static_cast<int>(i);
      best_len = table[i].first.size();
    }
  }
  return best;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kStep2 = {{
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"}, {"eli", "e"},     {"ousli", "ous"},
    {"ization", "ize"}, {"ation", "ate"},   {"ator", "ate"},  {"alism", "al"},  {"iveness", "ive"},
    {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},  {"iviti", "ive"}, {"biliti", "ble"},
    {"logi", "log"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kStep3 = {{
    {"icate", "ic"},
    {"ative", ""},
    {"alize", "al"},
    {"iciti", "ic"},
    {"ical", "ic"},
    {"ful", ""},
    {"ness", ""},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kStep4 = {{
    {"al", ""},
    {"ance", ""},
    {"ence", ""},
    {"er", ""},
    {"ic", ""},
    {"able", ""},
    {"ible", ""},
    {"ant", ""},
    {"ement", ""},
    {"ou", ""},
    {"ism", ""},
    {"ate", ""},
    {"iti", ""},
    {"ous", ""},
    {"ive", ""},
    {"ize", ""},
}};

std::string Cut(const std::string& w, size_t n) { return w.substr(0, w.size() - n); }

// ---------------------------------------------------------------------------------------
// Text preparation.

bool IsPerlSpace(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

// Perl's split(/\s+/, s): a leading empty field when s starts with white space, no
// trailing empty fields.
std::vector<std::string_view> PerlSplit(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  if (!s.empty() && IsPerlSpace(s[0])) {
    out.emplace_back();
    while (i < s.size() && IsPerlSpace(s[i])) ++i;
  }
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && !IsPerlSpace(s[j])) ++j;
    out.push_back(s.substr(i, j - i));
    while (j < s.size() && IsPerlSpace(s[j])) ++j;
    i = j;
  }
  return out;
}

std::string Join(const std::vector<std::string_view>& parts, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ' ';
    if (i < parts.size()) out += parts[i];
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

// s/-/ - /g; s/[^a-z0-9-]/ /g (after lower-casing); trim; squeeze spaces.
std::string Clean(std::string_view s) {
  std::string spaced;
  spaced.reserve(s.size() + 8);
  for (char ch : s) {
    const bool alnum =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (ch == '-') {
      spaced += " - ";
    } else {
      spaced += alnum ? ch : ' ';
    }
  }
  std::string out;
  out.reserve(spaced.size());
  for (char ch : spaced) {
    if (ch == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += ch;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct Prepared {
  bool defined = false;            // ROUGE's "empty text" when false
  std::string text;                // cleaned, for ROUGE-N
  std::vector<std::string> units;  // cleaned sentences, for ROUGE-L
};

Prepared Prepare(const std::vector<std::string>& sentences, const RougeOptions& options) {
  std::vector<std::string> lowered;
  lowered.reserve(sentences.size());
  for (const std::string& s : sentences) lowered.push_back(Lower(s));

  Prepared out;
  std::string text;
  std::vector<std::string> units;
  if (options.word_limit == 0 && options.byte_limit == 0) {
    for (size_t i = 0; i < lowered.size(); ++i) {
      if (i > 0) text += ' ';
      text += lowered[i];
    }
    out.defined = true;
    units = lowered;
  } else if (options.word_limit != 0) {
    const size_t limit = options.word_limit;
    size_t len = 0;
    for (const std::string& s : lowered) {
      const std::vector<std::string_view> tokens = PerlSplit(s);
      if (len + tokens.size() < limit) {
        if (len != 0) text += ' ';
        text += s;
        len += tokens.size();
        units.push_back(s);
      } else {
        if (len > 0) text += ' ';
        std::string cut = Join(tokens, limit - len);
        text += cut;
        units.push_back(std::move(cut));
        break;
      }
    }
    out.defined = !text.empty();
  } else {
    const size_t limit = options.byte_limit;
    size_t len = 0;
    for (const std::string& s : lowered) {
      if (len + s.size() < limit) {
        if (len != 0) text += ' ';
        text += s;
        len += s.size();
      } else {
        if (len > 0) text += ' ';
        text += s.substr(0, limit - len);
        break;
      }
    }
    // ROUGE-1.5.5's sentence reader for ROUGE-L never advances its byte count: it keeps
    // every sentence shorter than the limit, and cuts the first longer one to the limit.
    for (const std::string& s : lowered) {
      if (s.size() < limit) {
        units.push_back(s);
      } else {
        units.push_back(s.substr(0, limit));
        break;
      }
    }
    out.defined = !text.empty();
  }
  if (out.defined) out.text = Clean(text);
  for (std::string& u : units) out.units.push_back(Clean(u));
  return out;
}

using Grams = std::unordered_map<std::string, int64_t>;

struct GramCounts {
  Grams grams;
  int64_t total = 0;
};

GramCounts CountGrams(const std::vector<std::string>& tokens, size_t n) {
  GramCounts out;
  if (n == 0 || tokens.size() < n) return out;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string gram = tokens[i];
    for (size_t j = i + 1; j < i + n; ++j) {
      gram += ' ';
      gram += tokens[j];
    }
    ++out.grams[gram];
    ++out.total;
  }
  return out;
}

int64_t Hits(const GramCounts& model, const GramCounts& peer) {
  int64_t hits = 0;
  for (const auto& [gram, count] : model.grams) {
    auto it = peer.grams.find(gram);
    if (it != peer.grams.end()) hits += std::min(count, it->second);
  }
  return hits;
}

double Round5(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%7.5f", x);
  return std::strtod(buf, nullptr);
}

RougeScore MakeScore(double hits, double model_count, double peer_count, double alpha) {
  RougeScore s;
  s.recall = model_count != 0 ? Round5(hits / model_count) : 0.0;
  s.precision = peer_count != 0 ? Round5(hits / peer_count) : 0.0;
  const double denom = (1 - alpha) * s.precision + alpha * s.recall;
  s.f = denom > 0 ? Round5((s.precision * s.recall) / denom) : 0.0;
  return s;
}

// Marks in `hit` the model positions on the LCS of model and peer (ROUGE's traceback:
// diagonal on equal tokens, else up when the upper cell is at least the left one).
void MarkLcs(const std::vector<std::string>& model, const std::vector<std::string>& peer,
             std::vector<char>& hit) {
  const size_t m = model.size();
  const size_t n = peer.size();
  if (m == 0 || n == 0) return;
  std::vector<uint32_t> c((m + 1) * (n + 1), 0);
  std::vector<char> dir((m + 1) * (n + 1), 0);
  auto at = [n](size_t i, size_t j) { return i * (n + 1) + j; };
  for (size_t i = 1; i <= m; ++i) {
    for (size_t j = 1; j <= n; ++j) {
      if (model[i - 1] == peer[j - 1]) {
        c[at(i, j)] = c[at(i - 1, j - 1)] + 1;
        dir[at(i, j)] = 'd';
      } else if (c[at(i - 1, j)] >= c[at(i, j - 1)]) {
        c[at(i, j)] = c[at(i - 1, j)];
        dir[at(i, j)] = 'u';
      } else {
        c[at(i, j)] = c[at(i, j - 1)];
        dir[at(i, j)] = 'l';
      }
    }
  }
  size_t i = m;
  size_t j = n;
  while (i != 0 && j != 0) {
    const char d = dir[at(i, j)];
    if (d == 'd') {
      --i;
      --j;
      hit[i] = 1;
    } else if (d == 'u') {
      --i;
    } else {
      --j;
    }
  }
}

// Perl's drand48 (the generator behind rand() on the systems ROUGE-1.5.5 ran on, and in
// every Perl since 5.20).
class Drand48 {
 public:
  explicit Drand48(uint32_t seed) : x_((static_cast<uint64_t>(seed) << 16) | 0x330E) {}
  double Next() {
    x_ = (x_ * 0x5DEECE66DULL + 0xB) & ((1ULL << 48) - 1);
    return std::ldexp(static_cast<double>(x_), -48);
  }

 private:
  uint64_t x_;
};

Status ReadLines(const std::filesystem::path& path, std::vector<std::string>& lines) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return Status::Ok();
}

}  // namespace

std::string PorterStem(std::string_view word) {
  std::string w(word);
  if (w.size() < 3) return w;
  const bool initial_y = w[0] == 'y';
  if (initial_y) w[0] = 'Y';

  // Step 1a
  if (EndsWith(w, "sses") || EndsWith(w, "ies")) {
    w = Cut(w, 2);
  } else if (w.size() >= 2 && w.back() == 's' && w[w.size() - 2] != 's') {
    w = Cut(w, 1);
  }
  // Step 1b
  if (EndsWith(w, "eed")) {
    if (Matches(std::string_view(w).substr(0, w.size() - 3), kMgr0)) w = Cut(w, 1);
  } else if (EndsWith(w, "ed") || EndsWith(w, "ing")) {
    const std::string stem = Cut(w, EndsWith(w, "ed") ? 2 : 3);
    if (Matches(stem, kHasVowel)) {
      w = stem;
      const size_t n = w.size();
      if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) {
        w += 'e';
      } else if (n >= 2 && w[n - 1] == w[n - 2] &&
                 std::string_view("aeiouylsz").find(w[n - 1]) == std::string_view::npos) {
        w = Cut(w, 1);
      } else if (Matches(w, kCvc)) {
        w += 'e';
      }
    }
  }
  // Step 1c
  if (!w.empty() && w.back() == 'y') {
    const std::string stem = Cut(w, 1);
    if (Matches(stem, kHasVowel)) w = stem + "i";
  }
  // Step 2
  if (int k = LongestSuffix(w, kStep2); k >= 0) {
    const std::string stem = Cut(w, kStep2[k].first.size());
    if (Matches(stem, kMgr0)) w = stem + std::string(kStep2[k].second);
  }
  // Step 3
  if (int k = LongestSuffix(w, kStep3); k >= 0) {
    const std::string stem = Cut(w, kStep3[k].first.size());
    if (Matches(stem, kMgr0)) w = stem + std::string(kStep3[k].second);
  }
  // Step 4 (ROUGE-1.5.5: "-ment" and "-ent" are tried after the list, one after the other)
  if (int k = LongestSuffix(w, kStep4); k >= 0) {
    const std::string stem = Cut(w, kStep4[k].first.size());
    if (Matches(stem, kMgr1)) w = stem;
  }
  if (EndsWith(w, "ment")) {
    const std::string stem = Cut(w, 4);
    if (Matches(stem, kMgr1)) w = stem;
  }
  if (EndsWith(w, "ent")) {
    const std::string stem = Cut(w, 3);
    if (Matches(stem, kMgr1)) w = stem;
  } else if (EndsWith(w, "sion") || EndsWith(w, "tion")) {
    const std::string stem = Cut(w, 3);
    if (Matches(stem, kMgr1)) w = stem;
  }
  // Step 5
  if (!w.empty() && w.back() == 'e') {
    const std::string stem = Cut(w, 1);
    if (Matches(stem, kMgr1) || (Matches(stem, kMeq1) && !Matches(stem, kCvc))) w = stem;
  }
  if (EndsWith(w, "ll") && Matches(w, kMgr1)) w = Cut(w, 1);

  if (initial_y) w[0] = 'y';
  return w;
}

Result<RougeScorer> RougeScorer::Load(const RougeOptions& options,
                                      const std::filesystem::path& data_dir) {
  RougeScorer scorer(options);
  {
    std::vector<std::string> lines;
    Status st = ReadLines(data_dir / "smart_common_words.txt", lines);
    if (!st.ok() && options.remove_stopwords) return st;
    for (std::string& line : lines) {
      if (!line.empty()) scorer.stopwords_.insert(std::move(line));
    }
  }
  // Files in name order; a later file's entry replaces an earlier one (a DB_File hash
  // built by inserting them one after the other).
  for (const char* name : {"adj.exc", "adv.exc", "noun.exc", "verb.exc"}) {
    std::vector<std::string> lines;
    Status st = ReadLines(data_dir / "WordNet-2.0-Exceptions" / name, lines);
    if (!st.ok()) {
      if (options.stem) return st;
      continue;
    }
    for (const std::string& line : lines) {
      std::vector<std::string_view> f = PerlSplit(line);
      if (f.size() >= 2 && !f[0].empty()) {
        scorer.exceptions_[std::string(f[0])] = std::string(f[1]);
      }
    }
  }
  return scorer;
}

std::string RougeScorer::Stem(const std::string& token) {
  if (auto it = stem_cache_.find(token); it != stem_cache_.end()) return it->second;
  std::string stem;
  if (auto it = exceptions_.find(token); it != exceptions_.end()) {
    stem = it->second;
  } else {
    stem = PorterStem(token);
  }
  if (stem_cache_.size() > 500000) stem_cache_.clear();  // bound memory on huge inputs
  stem_cache_.emplace(token, stem);
  return stem;
}

std::vector<std::string> RougeScorer::TokensOfClean(std::string_view clean) {
  std::vector<std::string> out;
  for (std::string_view t : PerlSplit(clean)) {
    if (t.empty()) continue;
    std::string tok(t);
    if (options_.remove_stopwords && stopwords_.count(tok) > 0) continue;
    const char first = tok[0];
    if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) continue;
    if (options_.stem && tok.size() > 3) {
      out.push_back(Stem(tok));
    } else {
      out.push_back(std::move(tok));
    }
  }
  return out;
}

std::vector<std::string> RougeScorer::Tokens(std::string_view text) {
  return TokensOfClean(Clean(Lower(text)));
}

RougeResult RougeScorer::Score(const std::vector<std::string>& peer,
                               const std::vector<std::vector<std::string>>& models) {
  const size_t max_n = static_cast<size_t>(std::max(options_.max_n, 0));
  RougeResult result;

  const Prepared peer_text = Prepare(peer, options_);
  const std::vector<std::string> peer_tokens =
      peer_text.defined ? TokensOfClean(peer_text.text) : std::vector<std::string>{};
  std::vector<std::vector<std::string>> peer_units;
  for (const std::string& u : peer_text.units) peer_units.push_back(TokensOfClean(u));
  std::vector<GramCounts> peer_grams;
  for (size_t n = 1; n <= std::max<size_t>(max_n, 1); ++n) {
    peer_grams.push_back(CountGrams(peer_tokens, n));
  }

  std::vector<double> hits(max_n, 0), model_counts(max_n, 0), peer_counts(max_n, 0);
  double lcs_hits = 0, lcs_base = 0, lcs_peer = 0;
  for (const std::vector<std::string>& model : models) {
    const Prepared model_text = Prepare(model, options_);
    const std::vector<std::string> model_tokens =
        model_text.defined ? TokensOfClean(model_text.text) : std::vector<std::string>{};
    for (size_t n = 1; n <= max_n; ++n) {
      const GramCounts mg = CountGrams(model_tokens, n);
      hits[n - 1] += static_cast<double>(Hits(mg, peer_grams[n - 1]));
      model_counts[n - 1] += static_cast<double>(mg.total);
      peer_counts[n - 1] += static_cast<double>(peer_grams[n - 1].total);
    }
    // ROUGE-L: union LCS per model sentence, clipped by unigram counts.
    GramCounts model_1 = CountGrams(model_tokens, 1);
    Grams peer_left = peer_grams[0].grams;
    for (const std::string& unit : model_text.units) {
      const std::vector<std::string> m = TokensOfClean(unit);
      lcs_base += static_cast<double>(m.size());
      std::vector<char> mask(m.size(), 0);
      for (const std::vector<std::string>& p : peer_units) MarkLcs(m, p, mask);
      for (size_t j = 0; j < m.size(); ++j) {
        if (!mask[j]) continue;
        auto mi = model_1.grams.find(m[j]);
        auto pi = peer_left.find(m[j]);
        if (mi != model_1.grams.end() && pi != peer_left.end() && mi->second > 0 &&
            pi->second > 0) {
          lcs_hits += 1;
          --mi->second;
          --pi->second;
        }
      }
    }
    lcs_peer += static_cast<double>(peer_grams[0].total);
  }
  for (size_t n = 0; n < max_n; ++n) {
    result.n.push_back(MakeScore(hits[n], model_counts[n], peer_counts[n], options_.alpha));
  }
  result.l = MakeScore(lcs_hits, lcs_base, lcs_peer, options_.alpha);
  return result;
}

std::vector<std::string> ParseSeeSummary(std::string_view html) {
  // ^<a size="N" name="N">[N]</a>\s+<a href="#N" id=N>([^<]+), line by line.
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < html.size()) {
    size_t eol = html.find('\n', pos);
    const size_t line_end = eol == std::string_view::npos ? html.size() : eol + 1;
    const std::string_view line = html.substr(pos, line_end - pos);
    pos = line_end;
    if (line.rfind("<a ", 0) != 0) continue;
    const size_t close1 = line.find("</a>");
    if (close1 == std::string_view::npos) continue;
    const std::string_view head = line.substr(0, close1);
    if (head.find("name=\"") == std::string_view::npos ||
        head.find('[') == std::string_view::npos) {
      continue;
    }
    size_t k = close1 + 4;
    if (k >= line.size() || !IsPerlSpace(line[k])) continue;
    while (k < line.size() && IsPerlSpace(line[k])) ++k;
    if (line.substr(k).rfind("<a href=\"#", 0) != 0) continue;
    const size_t id = line.find(" id=", k);
    if (id == std::string_view::npos) continue;
    const size_t gt = line.find('>', id);
    if (gt == std::string_view::npos) continue;
    const size_t lt = line.find('<', gt + 1);
    const std::string_view text =
        line.substr(gt + 1, (lt == std::string_view::npos ? line.size() : lt) - gt - 1);
    if (text.empty()) continue;
    out.emplace_back(text);
  }
  return out;
}

RougeScore Rouge155Average(const std::vector<RougeScore>& docs, int resamples) {
  RougeScore avg;
  if (docs.empty() || resamples <= 0) return avg;
  const size_t n = docs.size();
  std::array<std::vector<double>, 3> samples;
  for (int i = 0; i < resamples; ++i) {
    Drand48 rng(static_cast<uint32_t>(i));
    std::array<double, 3> sum = {0, 0, 0};
    for (size_t k = 0; k < n; ++k) {
      const size_t idx = static_cast<size_t>(rng.Next() * static_cast<double>(n));
      const RougeScore& d = docs[std::min(idx, n - 1)];
      if (k == 0) {
        sum = {d.recall, d.precision, d.f};
      } else {
        sum[0] += d.recall;
        sum[1] += d.precision;
        sum[2] += d.f;
      }
    }
    for (size_t m = 0; m < 3; ++m) samples[m].push_back(sum[m] / static_cast<double>(n));
  }
  std::array<double, 3> out{};
  for (size_t m = 0; m < 3; ++m) {
    std::sort(samples[m].begin(), samples[m].end());
    double total = 0;
    for (double v : samples[m]) total += v;
    out[m] = Round5(total / static_cast<double>(samples[m].size()));
  }
  avg.recall = out[0];
  avg.precision = out[1];
  avg.f = out[2];
  return avg;
}

RougeScore MeanScore(const std::vector<RougeScore>& docs) {
  RougeScore avg;
  if (docs.empty()) return avg;
  for (const RougeScore& d : docs) {
    avg.recall += d.recall;
    avg.precision += d.precision;
    avg.f += d.f;
  }
  const double n = static_cast<double>(docs.size());
  avg.recall /= n;
  avg.precision /= n;
  avg.f /= n;
  return avg;
}

}  // namespace storyline::summarize
