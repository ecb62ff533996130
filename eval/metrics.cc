#include "eval/metrics.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

#include "text/utf8.h"

namespace storyline::eval {
namespace {

bool IsWordChar(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0; }

double Harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

// Words of a text as counts, for the bag-of-words metric.
std::unordered_map<std::string_view, size_t> CountWords(
    const std::vector<std::string_view>& tokens) {
  std::unordered_map<std::string_view, size_t> counts;
  for (std::string_view t : tokens) ++counts[t];
  return counts;
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view utf8) {
  std::vector<std::string_view> tokens;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t start = -1;
  for (int32_t i = 0; i < length;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      tokens.push_back(utf8.substr(static_cast<size_t>(start), static_cast<size_t>(at - start)));
      start = -1;
    }
  }
  if (start >= 0) tokens.push_back(utf8.substr(static_cast<size_t>(start)));
  return tokens;
}

std::string Lowercase(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out;
  u.toLower(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

std::string NormalizeSpaces(std::string_view utf8) {
  if (!text::IsValidUtf8(utf8)) return std::string(utf8);
  return text::CollapseWhitespace(utf8);
}

std::string NormalizeForMatch(std::string_view utf8) {
  std::string folded = Lowercase(NormalizeSpaces(utf8));
  // Typographic quotes as their ASCII forms: the references were typed with straight ones
  // (“It’s” on the page is "it's" in WCXB's ground truth).
  static constexpr std::pair<std::string_view, char> kQuotes[] = {
      {"\u2018", '\''}, {"\u2019", '\''}, {"\u201c", '"'}, {"\u201d", '"'}};
  for (const auto& [from, to] : kQuotes) {
    for (size_t at = folded.find(from); at != std::string::npos; at = folded.find(from, at + 1)) {
      folded.replace(at, from.size(), 1, to);
    }
  }
  return folded;
}

ShingleCounts Shingles(std::string_view text, size_t n) {
  const std::vector<std::string_view> tokens = WordTokens(text);
  ShingleCounts counts;
  if (tokens.empty() || n == 0) return counts;
  const size_t count = tokens.size() >= n ? tokens.size() - n + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    std::string shingle(tokens[i]);
    for (size_t j = i + 1; j < std::min(i + n, tokens.size()); ++j) {
      shingle += ' ';
      shingle += tokens[j];
    }
    ++counts[shingle];
  }
  return counts;
}

ShingleMatch MatchShingles(std::string_view reference, std::string_view prediction, size_t n) {
  const ShingleCounts truth = Shingles(reference, n);
  const ShingleCounts predicted = Shingles(prediction, n);
  ShingleMatch m;
  for (const auto& [shingle, want] : truth) {
    const auto it = predicted.find(shingle);
    const size_t got = it == predicted.end() ? 0 : it->second;
    m.tp += static_cast<double>(std::min(want, got));
    m.fn += static_cast<double>(want - std::min(want, got));
  }
  for (const auto& [shingle, got] : predicted) {
    const auto it = truth.find(shingle);
    const size_t want = it == truth.end() ? 0 : it->second;
    m.fp += static_cast<double>(got - std::min(want, got));
  }
  const double total = m.tp + m.fp + m.fn;
  if (total > 0) m = {m.tp / total, m.fp / total, m.fn / total};
  return m;
}

double PagePrecision(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1;
  return Ratio(m.tp, m.tp + m.fp);
}

double PageRecall(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1;
  return Ratio(m.tp, m.tp + m.fn);
}

double PageF1(const ShingleMatch& m) { return Harmonic(PagePrecision(m), PageRecall(m)); }

Score AverageShingleScores(const std::vector<ShingleMatch>& pages) {
  double precision_sum = 0, recall_sum = 0;
  size_t precision_pages = 0, recall_pages = 0;
  for (const ShingleMatch& m : pages) {
    if (m.tp + m.fp > 0) {
      precision_sum += PagePrecision(m);
      ++precision_pages;
    }
    if (m.tp + m.fn > 0) {
      recall_sum += PageRecall(m);
      ++recall_pages;
    }
  }
  Score s;
  s.precision = Ratio(precision_sum, static_cast<double>(precision_pages));
  s.recall = Ratio(recall_sum, static_cast<double>(recall_pages));
  s.f1 = Harmonic(s.precision, s.recall);
  return s;
}

Score MatchWords(std::string_view reference, std::string_view prediction) {
  const std::string ref_lower = Lowercase(reference);
  const std::string pred_lower = Lowercase(prediction);
  const std::vector<std::string_view> ref_tokens = WordTokens(ref_lower);
  const std::vector<std::string_view> pred_tokens = WordTokens(pred_lower);
  if (ref_tokens.empty() && pred_tokens.empty()) return {1, 1, 1};
  if (ref_tokens.empty() || pred_tokens.empty()) return {0, 0, 0};
  const auto ref_counts = CountWords(ref_tokens);
  double common = 0;
  for (const auto& [word, got] : CountWords(pred_tokens)) {
    const auto it = ref_counts.find(word);
    if (it != ref_counts.end()) common += static_cast<double>(std::min(got, it->second));
  }
  Score s;
  s.precision = common / static_cast<double>(pred_tokens.size());
  s.recall = common / static_cast<double>(ref_tokens.size());
  s.f1 = Harmonic(s.precision, s.recall);
  return s;
}

Score MeanScore(const std::vector<Score>& pages) {
  Score mean;
  if (pages.empty()) return mean;
  for (const Score& s : pages) {
    mean.precision += s.precision;
    mean.recall += s.recall;
    mean.f1 += s.f1;
  }
  const auto n = static_cast<double>(pages.size());
  return {mean.precision / n, mean.recall / n, mean.f1 / n};
}

}  // namespace storyline::eval
