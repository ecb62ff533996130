#include "summarize/summarize.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "nlp/tokenize.h"

namespace storyline::summarize {
namespace {

// English function words: they carry no content for informativeness or similarity.
constexpr std::string_view kStopwords[] = {
    "a",      "about",   "above",   "after",   "again",   "against",   "all",   "also",    "am",
    "an",     "and",     "any",     "are",     "as",      "at",        "be",    "because", "been",
    "before", "being",   "below",   "between", "both",    "but",       "by",    "can",     "could",
    "did",    "do",      "does",    "doing",   "down",    "during",    "each",  "few",     "for",
    "from",   "further", "had",     "has",     "have",    "having",    "he",    "her",     "here",
    "hers",   "herself", "him",     "himself", "his",     "how",       "i",     "if",      "in",
    "into",   "is",      "it",      "its",     "itself",  "just",      "me",    "more",    "most",
    "my",     "myself",  "no",      "nor",     "not",     "now",       "of",    "off",     "on",
    "once",   "only",    "or",      "other",   "our",     "ours",      "out",   "over",    "own",
    "said",   "same",    "says",    "she",     "should",  "so",        "some",  "such",    "than",
    "that",   "the",     "their",   "theirs",  "them",    "then",      "there", "these",   "they",
    "this",   "those",   "through", "to",      "too",     "under",     "until", "up",      "very",
    "was",    "we",      "were",    "what",    "when",    "where",     "which", "while",   "who",
    "whom",   "why",     "will",    "with",    "would",   "you",       "your",  "yours",   "mr",
    "mrs",    "ms",      "s",       "t",       "n't",     "'s",        "’s",    "said",    "say",
    "told",   "one",     "two",     "new",     "year",    "years",     "may",   "might",   "must",
    "shall",  "us",      "yet",     "still",   "however", "according", "since", "well",
};

const std::unordered_set<std::string_view>& Stopwords() {
  static const std::unordered_set<std::string_view> set(std::begin(kStopwords),
                                                        std::end(kStopwords));
  return set;
}

// Words that, first in a sentence, point back to an earlier sentence. A personal pronoun
// ("He", "It", "Their") needs someone or something named earlier in the summary; a
// demonstrative ("This", "These") refers to what was just said and needs the sentence
// right before it. ("It" is held to the rule even where it does not refer.)
enum class Anaphora { kNone, kPersonal, kDemonstrative };

Anaphora AnaphoraOf(std::string_view lower) {
  static const std::unordered_set<std::string_view> personal = {
      "he", "she", "they", "his", "her", "their", "him", "them", "it", "its"};
  static const std::unordered_set<std::string_view> demonstrative = {"this", "these", "those"};
  if (personal.count(lower) > 0) return Anaphora::kPersonal;
  if (demonstrative.count(lower) > 0) return Anaphora::kDemonstrative;
  return Anaphora::kNone;
}

bool IsTimeNoun(std::string_view lower) {
  static const std::unordered_set<std::string_view> kTime = {
      "year",    "years",     "month",   "months", "week",    "weeks",  "day",    "days",
      "morning", "afternoon", "evening", "night",  "weekend", "season", "summer", "winter",
      "spring",  "autumn",    "fall",    "time",   "century", "decade", "quarter"};
  return kTime.count(lower) > 0;
}

// Chrome that extraction left in the text ("You may also like", "Sign up ...").
constexpr std::string_view kChrome[] = {
    "click here",
    "sign up",
    "subscribe",
    "newsletter",
    "all rights reserved",
    "follow us",
    "read more",
    "you may also like",
    "cookie",
    "advertisement",
    "share this",
    "copyright",
    "terms of use",
    "privacy policy",
    "download the app",
    "related articles",
    "recommended for you",
    "log in",
    "sign in",
    "watch:",
};

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

// "It is unclear whether ...", "It was the first time that ...", "It is expected to ...": an
// "it" that a form of "be" (or "seems", "appears") follows, with "that", "to", "whether",
// "if", "how" or "when" within the next few words, points forward to a clause, not back.
bool IsExpletiveIt(std::string_view text, const std::vector<nlp::Token>& tokens, size_t next,
                   size_t end) {
  static const std::unordered_set<std::string_view> kVerb = {
      "is",    "was",   "'s",    "has",    "had",     "will",     "would",   "may",
      "might", "could", "seems", "seemed", "appears", "appeared", "remains", "remained"};
  static const std::unordered_set<std::string_view> kClause = {"that", "to",   "whether", "if",
                                                               "how",  "when", "why"};
  if (next >= end || kVerb.count(AsciiLower(nlp::TokenText(text, tokens[next]))) == 0) {
    return false;
  }
  for (size_t u = next + 1; u < end && u <= next + 5; ++u) {
    const std::string lower = AsciiLower(nlp::TokenText(text, tokens[u]));
    if (kClause.count(lower) > 0) return true;
    if (lower == "," || lower == ";" || lower == ".") return false;
  }
  return false;
}

bool IsReportingVerb(std::string_view token) {
  static const std::unordered_set<std::string_view> kVerbs = {
      "said", "says", "told", "added", "stated", "argued", "warned", "claimed", "insisted"};
  return kVerbs.count(AsciiLower(token)) > 0;
}

bool HasAlnum(std::string_view s) {
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch >= 0x80) return true;
  }
  return false;
}

bool IsWordToken(std::string_view s) {
  for (unsigned char ch : s) {
    if (std::isalpha(ch) || ch >= 0x80) return true;
  }
  return false;
}

// The content term of a token, or "" (stopwords, punctuation, one-letter tokens). Plurals
// fold to the singular cheaply ("talks" → "talk"); that is enough for counting.
std::string Term(std::string_view token) {
  if (token.size() < 2 || !IsWordToken(token)) {
    // Numbers are content ("$9.3bn" keeps its digits).
    if (token.empty() || !HasAlnum(token)) return "";
  }
  std::string t = AsciiLower(token);
  if (Stopwords().count(t) > 0) return "";
  if (t.size() > 4 && t.back() == 's' && t[t.size() - 2] != 's' && t[t.size() - 2] != 'u' &&
      t[t.size() - 2] != 'i') {
    t.pop_back();
  }
  return t;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (unsigned char ch : s) {
    const bool space =
        ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

class Vocabulary {
 public:
  uint32_t Id(const std::string& term) {
    auto [it, inserted] = ids_.emplace(term, static_cast<uint32_t>(ids_.size()));
    return it->second;
  }
  size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
};

using SparseVector = std::vector<std::pair<uint32_t, float>>;  // sorted by id, unit length

float Cosine(const SparseVector& a, const SparseVector& b) {
  float dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      dot += a[i].second * b[j].second;
      ++i;
      ++j;
    }
  }
  return dot;
}

struct Sent {
  size_t article = 0;
  size_t position = 0;  // index among the article's sentences
  size_t begin = 0;
  size_t end = 0;
  size_t first_token = 0;
  size_t end_token = 0;
  size_t words = 0;
  std::vector<uint32_t> terms;  // content term ids, with repeats, in order
  bool boilerplate = false;
  bool anaphoric = false;
  Anaphora anaphora = Anaphora::kNone;
  bool names = false;     // a capitalized word after the first: someone or something named
  bool reported = false;  // a reporting verb ("said", "told") in the sentence
  bool quoted = false;    // a quotation mark in the sentence
  SparseVector vec;
};

struct Doc {
  std::string_view text;
  std::vector<nlp::Token> tokens;
  std::vector<Sent> sents;
};

// `own_line`: the sentence is a whole line of a text that has several lines.
bool LooksLikeChrome(std::string_view sentence, size_t words, size_t content_terms, bool own_line) {
  if (content_terms == 0 || words < 4) return true;
  // A line of a page without final punctuation is a headline, a caption or a menu item.
  // (A one-paragraph text, such as an excerpt, may simply be cut off.)
  size_t last = sentence.size();
  while (last > 0 && (sentence[last - 1] == ' ' || sentence[last - 1] == '\n')) --last;
  const std::string_view trimmed = sentence.substr(0, last);
  const bool terminal =
      !trimmed.empty() &&
      (std::string_view(".!?\"')").find(trimmed.back()) != std::string_view::npos ||
       (trimmed.size() >= 3 && (trimmed.substr(trimmed.size() - 3) == "\xE2\x80\x9D" ||
                                trimmed.substr(trimmed.size() - 3) == "\xE2\x80\x99" ||
                                trimmed.substr(trimmed.size() - 3) == "\xE2\x80\xA6")));
  if (!terminal && own_line && words < 30) return true;
  const std::string lower = AsciiLower(sentence);
  for (std::string_view chrome : kChrome) {
    if (lower.find(chrome) != std::string::npos) return true;
  }
  return false;
}

Doc Analyze(std::string_view text, size_t article, Vocabulary& vocab, size_t max_sentences) {
  Doc doc;
  doc.text = text;
  doc.tokens = nlp::Tokenize(text);
  const std::vector<nlp::Sentence> sentences = nlp::SplitSentences(text, doc.tokens);
  size_t line_breaks = 0;
  for (size_t k = 1; k < sentences.size(); ++k) {
    const std::string_view gap =
        text.substr(sentences[k - 1].end, sentences[k].begin - sentences[k - 1].end);
    if (gap.find('\n') != std::string_view::npos) ++line_breaks;
  }
  const bool multi_line = line_breaks >= 2;
  for (const nlp::Sentence& s : sentences) {
    if (doc.sents.size() >= max_sentences) break;
    Sent out;
    out.article = article;
    out.position = doc.sents.size();
    out.begin = s.begin;
    out.end = s.end;
    out.first_token = s.first_token;
    out.end_token = s.end_token;
    const std::string_view stext = text.substr(s.begin, s.end - s.begin);
    out.words = CountWords(stext);
    bool first_word = true;
    for (size_t t = s.first_token; t < s.end_token; ++t) {
      const std::string_view tok = nlp::TokenText(text, doc.tokens[t]);
      if (first_word && IsWordToken(tok)) {
        out.anaphora = AnaphoraOf(AsciiLower(tok));
        if (AsciiLower(tok) == "it" && IsExpletiveIt(text, doc.tokens, t + 1, s.end_token)) {
          out.anaphora = Anaphora::kNone;
        }
        if (out.anaphora == Anaphora::kDemonstrative) {
          // "This year", "These days": a time, not a reference back.
          for (size_t u = t + 1; u < s.end_token; ++u) {
            const std::string_view next = nlp::TokenText(text, doc.tokens[u]);
            if (!IsWordToken(next)) continue;
            if (IsTimeNoun(AsciiLower(next))) out.anaphora = Anaphora::kNone;
            break;
          }
        }
        out.anaphoric = out.anaphora != Anaphora::kNone;
        first_word = false;
      } else if (!first_word && tok.size() > 1 && tok[0] >= 'A' && tok[0] <= 'Z' && tok[1] >= 'a' &&
                 tok[1] <= 'z') {
        out.names = true;
      }
      if (IsReportingVerb(tok)) out.reported = true;
      if (nlp::IsQuoteMark(tok)) out.quoted = true;
      std::string term = Term(tok);
      if (!term.empty()) out.terms.push_back(vocab.Id(term));
    }
    const bool line_start = s.begin == 0 || text.substr(0, s.begin).find_last_not_of(" \t\r") ==
                                                text.substr(0, s.begin).rfind('\n');
    const size_t after = text.find_first_not_of(" \t\r", s.end);
    const bool line_end = after == std::string_view::npos || text[after] == '\n';
    out.boilerplate =
        LooksLikeChrome(stext, out.words, out.terms.size(), multi_line && line_start && line_end);
    doc.sents.push_back(std::move(out));
  }
  return doc;
}

// Sentences considered per article of a story: the story's pairwise work is quadratic in
// all its sentences, so a story of many articles reads fewer of each (their leads first).
size_t PerArticleLimit(size_t per_article, size_t per_story, size_t articles) {
  if (articles == 0) return per_article;
  return std::min(per_article, std::max<size_t>(20, per_story / articles));
}

// tf-idf unit vectors; idf over all the sentences given.
void Vectorize(std::vector<Sent*>& sents, size_t vocab_size) {
  std::vector<uint32_t> df(vocab_size, 0);
  for (const Sent* s : sents) {
    std::vector<uint32_t> u = s->terms;
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    for (uint32_t t : u) ++df[t];
  }
  const double n = static_cast<double>(std::max<size_t>(sents.size(), 1));
  for (Sent* s : sents) {
    std::vector<uint32_t> u = s->terms;
    std::sort(u.begin(), u.end());
    SparseVector v;
    for (size_t i = 0; i < u.size();) {
      size_t j = i;
      while (j < u.size() && u[j] == u[i]) ++j;
      const double idf = std::log((n + 1) / (df[u[i]] + 0.5));
      v.emplace_back(u[i], static_cast<float>(static_cast<double>(j - i) * std::max(idf, 0.1)));
      i = j;
    }
    double norm = 0;
    for (auto& [id, w] : v) norm += static_cast<double>(w) * w;
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (auto& [id, w] : v) w = static_cast<float>(w / norm);
    }
    s->vec = std::move(v);
  }
}

SummarySentence Output(const Doc& doc, const Sent& s, double score) {
  SummarySentence out;
  out.text = std::string(doc.text.substr(s.begin, s.end - s.begin));
  out.begin = s.begin;
  out.end = s.end;
  out.article = s.article;
  out.score = score;
  return out;
}

// Whether sentence i may open with its pronoun given the sentences chosen so far.
bool HasAntecedent(const std::vector<Sent>& sents, const std::vector<char>& chosen, size_t i) {
  switch (sents[i].anaphora) {
    case Anaphora::kNone:
      return true;
    case Anaphora::kDemonstrative:
      return i > 0 && chosen[i - 1];
    case Anaphora::kPersonal:
      for (size_t j = 0; j < i; ++j) {
        if (chosen[j] && sents[j].names) return true;
      }
      return false;
  }
  return false;
}

// Picks sentence indices by descending score under the budget: `words` > 0 is a word
// budget (the longest prefix of the ranking that fits; with fill_budget a sentence that
// does not fit is passed over and a shorter, lower-ranked one may still come in), else
// `sentences` sentences. With avoid_dangling, a sentence opening with a pronoun comes in
// only when its antecedent is in (HasAntecedent), or together with its predecessor.
std::vector<size_t> Select(const std::vector<Sent>& sents, const std::vector<double>& score,
                           const SummaryOptions& options) {
  std::vector<size_t> order;
  bool fragments = false;  // sentences left out for being under min_sentence_words
  for (size_t i = 0; i < sents.size(); ++i) {
    if (sents[i].boilerplate || sents[i].words > options.max_sentence_words) continue;
    if (sents[i].words < options.min_sentence_words) {
      fragments = true;
      continue;
    }
    order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score[a] > score[b]; });
  std::vector<char> chosen(sents.size(), 0);
  size_t used = 0;
  size_t count = 0;
  std::vector<size_t> deferred;
  auto fits = [&](size_t extra_words, size_t extra_count) {
    if (options.words > 0) return used + extra_words <= options.words;
    return count + extra_count <= options.sentences;
  };
  auto take = [&](size_t i) {
    chosen[i] = 1;
    used += sents[i].words;
    ++count;
  };
  // A deferred sentence comes in as soon as its antecedent is in (best-ranked first).
  auto admit_deferred = [&] {
    for (bool added = true; added;) {
      added = false;
      for (size_t d : deferred) {
        if (!chosen[d] && HasAntecedent(sents, chosen, d) && fits(sents[d].words, 1)) {
          take(d);
          added = true;
        }
      }
    }
  };
  for (size_t i : order) {
    if (options.words == 0 && count >= options.sentences) break;
    if (chosen[i]) continue;
    if (!options.avoid_dangling || HasAntecedent(sents, chosen, i)) {
      if (fits(sents[i].words, 1)) {
        take(i);
        admit_deferred();
      } else if (options.words > 0 && !options.fill_budget) {
        break;
      }
      continue;
    }
    // Take it with its antecedent when both fit and the antecedent is usable; else it
    // waits until its antecedent has been chosen for its own sake.
    if (i > 0 && !sents[i - 1].boilerplate && !sents[i - 1].anaphoric &&
        fits(sents[i].words + sents[i - 1].words, 2)) {
      take(i - 1);
      take(i);
      admit_deferred();
    } else {
      deferred.push_back(i);
    }
  }
  if (count == 0 && fragments) {
    // Nothing longer fits: a short sentence is better than a dangling pronoun or nothing.
    SummaryOptions relaxed = options;
    relaxed.min_sentence_words = 0;
    return Select(sents, score, relaxed);
  }
  if (count == 0 && (options.avoid_dangling || (options.words > 0 && !options.fill_budget))) {
    // Nothing was taken: the best sentences are over the budget, or only sentences that lean
    // on an antecedent fit. Then the best sentence that fits, even with a leading pronoun (it
    // is not avoidable), is better than no summary.
    SummaryOptions relaxed = options;
    relaxed.avoid_dangling = false;
    relaxed.fill_budget = true;
    return Select(sents, score, relaxed);
  }
  std::vector<size_t> out;
  for (size_t i = 0; i < sents.size(); ++i) {
    if (chosen[i]) out.push_back(i);
  }
  return out;
}

std::vector<double> Centrality(const std::vector<const Sent*>& sent_ptrs) {
  const size_t n = sent_ptrs.size();
  auto sents = [&](size_t i) -> const Sent& { return *sent_ptrs[i]; };
  std::vector<std::vector<uint32_t>> distinct(n);
  for (size_t i = 0; i < n; ++i) {
    if (sents(i).boilerplate) continue;
    distinct[i] = sents(i).terms;
    std::sort(distinct[i].begin(), distinct[i].end());
    distinct[i].erase(std::unique(distinct[i].begin(), distinct[i].end()), distinct[i].end());
  }
  std::vector<std::vector<std::pair<size_t, double>>> edges(n);
  std::vector<double> out_sum(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (sents(i).terms.size() < 2) continue;
    for (size_t j = i + 1; j < n; ++j) {
      if (sents(j).terms.size() < 2) continue;
      size_t common = 0;
      for (size_t x = 0, y = 0; x < distinct[i].size() && y < distinct[j].size();) {
        if (distinct[i][x] < distinct[j][y]) {
          ++x;
        } else if (distinct[i][x] > distinct[j][y]) {
          ++y;
        } else {
          ++common;
          ++x;
          ++y;
        }
      }
      if (common == 0) continue;
      const double weight =
          static_cast<double>(common) / (std::log(static_cast<double>(sents(i).terms.size())) +
                                         std::log(static_cast<double>(sents(j).terms.size())));
      edges[i].emplace_back(j, weight);
      edges[j].emplace_back(i, weight);
      out_sum[i] += weight;
      out_sum[j] += weight;
    }
  }
  std::vector<double> rank(n, n ? 1.0 / static_cast<double>(n) : 0.0), next(n);
  constexpr double kDamping = 0.85;
  for (int iter = 0; iter < 40; ++iter) {
    std::fill(next.begin(), next.end(), (1 - kDamping) / static_cast<double>(n));
    for (size_t i = 0; i < n; ++i) {
      if (out_sum[i] == 0) continue;
      const double share = kDamping * rank[i] / out_sum[i];
      for (const auto& [j, weight] : edges[i]) next[j] += share * weight;
    }
    double delta = 0;
    for (size_t i = 0; i < n; ++i) delta += std::fabs(next[i] - rank[i]);
    rank.swap(next);
    if (delta < 1e-7) break;
  }
  return rank;
}

std::vector<double> Informativeness(const std::vector<Sent>& sents, size_t vocab_size,
                                    const SummaryOptions& options) {
  std::vector<double> tf(vocab_size, 0);
  for (const Sent& s : sents) {
    if (s.boilerplate) continue;
    for (uint32_t t : s.terms) tf[t] += 1;
  }
  std::vector<double> score(sents.size(), 0);
  double best = 0;
  for (size_t i = 0; i < sents.size(); ++i) {
    double sum = 0;
    for (uint32_t t : sents[i].terms) sum += tf[t];
    const double n = static_cast<double>(std::max<size_t>(sents[i].terms.size(), 1));
    score[i] = sum / std::pow(n, options.length_exponent);
    best = std::max(best, score[i]);
  }
  // Centrality: PageRank over the sentence graph weighted by shared distinct terms over
  // log lengths (Mihalcea & Tarau's similarity).
  std::vector<const Sent*> ptrs;
  for (const Sent& s : sents) ptrs.push_back(&s);
  const std::vector<double> central = Centrality(ptrs);
  double best_central = 0;
  for (double c : central) best_central = std::max(best_central, c);
  const double w = std::clamp(options.centrality_weight, 0.0, 1.0);
  size_t content_position = 0;
  for (size_t i = 0; i < sents.size(); ++i) {
    if (best > 0) score[i] /= best;
    score[i] = (1 - w) * score[i] + w * (best_central > 0 ? central[i] / best_central : 0.0);
    if (sents[i].boilerplate) continue;
    score[i] += options.lead_weight / static_cast<double>(1 + content_position);
    if (sents[i].reported && !sents[i].quoted) score[i] += options.reported_weight;
    ++content_position;
  }
  return score;
}

}  // namespace

ArticleSummary SummarizeArticle(std::string_view text, const SummaryOptions& options) {
  ArticleSummary summary;
  Vocabulary vocab;
  const Doc doc = Analyze(text, 0, vocab, options.max_sentences_in);
  if (doc.sents.empty()) return summary;
  const std::vector<double> score = Informativeness(doc.sents, vocab.size(), options);
  for (size_t i : Select(doc.sents, score, options)) {
    summary.sentences.push_back(Output(doc, doc.sents[i], score[i]));
  }
  return summary;
}

StorySummary SummarizeStory(const std::vector<StoryArticle>& articles,
                            const SummaryOptions& options) {
  StorySummary summary;
  Vocabulary vocab;
  std::vector<Doc> docs;
  docs.reserve(articles.size());
  for (size_t a = 0; a < articles.size(); ++a) {
    docs.push_back(Analyze(
        articles[a].text, a, vocab,
        PerArticleLimit(options.max_sentences_in, options.max_story_sentences, articles.size())));
  }
  std::vector<Sent*> pool;
  bool fragments = false;  // sentences left out for being under min_sentence_words
  for (Doc& d : docs) {
    for (Sent& s : d.sents) {
      if (s.boilerplate || s.words > options.max_sentence_words) continue;
      if (s.words < options.min_sentence_words) {
        fragments = true;
        continue;
      }
      pool.push_back(&s);
    }
  }
  // When no longer sentence fits, the summary is made again with the short ones in.
  auto with_fragments = [&] {
    SummaryOptions relaxed = options;
    relaxed.min_sentence_words = 0;
    return SummarizeStory(articles, relaxed);
  };
  if (pool.empty()) return fragments ? with_fragments() : summary;
  Vectorize(pool, vocab.size());

  // How many articles use each term; the titles' terms.
  std::vector<uint32_t> article_df(vocab.size() + 1, 0);
  for (const Doc& d : docs) {
    std::unordered_set<uint32_t> seen;
    for (const Sent& s : d.sents) {
      if (s.boilerplate) continue;
      seen.insert(s.terms.begin(), s.terms.end());
    }
    for (uint32_t t : seen) ++article_df[t];
  }
  std::unordered_set<uint32_t> title_terms;
  for (const StoryArticle& a : articles) {
    for (const nlp::Token& tok : nlp::Tokenize(a.title)) {
      std::string term = Term(nlp::TokenText(a.title, tok));
      if (!term.empty()) title_terms.insert(vocab.Id(term));
    }
  }
  const size_t n_articles = articles.size();

  const size_t n = pool.size();
  std::vector<std::vector<float>> sim(n, std::vector<float>(n, 0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) sim[i][j] = sim[j][i] = Cosine(pool[i]->vec, pool[j]->vec);
  }
  std::vector<double> score(n, 0);
  std::vector<std::string> speaker(n);
  double max_support = 0, max_shared = 0;
  std::vector<double> support(n, 0), shared(n, 0), title(n, 0), lead(n, 0), quote(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Sent& s = *pool[i];
    // Agreement: the best match in each other article, summed.
    std::vector<float> best(n_articles, 0);
    for (size_t j = 0; j < n; ++j) {
      if (pool[j]->article != s.article) {
        best[pool[j]->article] = std::max(best[pool[j]->article], sim[i][j]);
      }
    }
    for (float b : best) support[i] += b;
    double sum = 0;
    size_t in_title = 0;
    for (uint32_t t : s.terms) {
      sum += static_cast<double>(article_df[t]) - 1.0;
      if (title_terms.count(t) > 0) ++in_title;
    }
    const double len = static_cast<double>(std::max<size_t>(s.terms.size(), 1));
    shared[i] = sum / std::pow(len, options.story_length_exponent);
    title[i] = static_cast<double>(in_title) / len;
    lead[i] = 1.0 / std::pow(static_cast<double>(1 + s.position), options.story_lead_exponent);
    for (const QuoteRecord& q : articles[s.article].quotes) {
      // A quote whose source resolved to a person (not "the statement", "both sides").
      if (q.content.begin < s.end && q.content.end > s.begin && !q.speaker.empty() &&
          !q.speaker_name.empty()) {
        quote[i] = 1;
        speaker[i] = q.speaker_name;
        break;
      }
    }
    max_support = std::max(max_support, support[i]);
    max_shared = std::max(max_shared, shared[i]);
  }
  const std::vector<double> central =
      Centrality(std::vector<const Sent*>(pool.begin(), pool.end()));
  const double max_central = *std::max_element(central.begin(), central.end());
  for (size_t i = 0; i < n; ++i) {
    score[i] = options.story_centrality_weight * (max_central > 0 ? central[i] / max_central : 0) +
               options.support_weight * (max_support > 0 ? support[i] / max_support : 0) +
               options.shared_weight * (max_shared > 0 ? shared[i] / max_shared : 0) +
               options.title_weight * title[i] + options.story_lead_weight * lead[i] +
               options.quote_weight * quote[i];
  }

  // MMR selection under the budget; near-duplicates count once.
  // A term's worth to coverage: the other articles that use it, plus how often the
  // pooled sentences repeat it (log of the number of sentences that carry it).
  std::vector<uint32_t> sentence_df(vocab.size() + 1, 0);
  for (const Sent* s : pool) {
    std::unordered_set<uint32_t> distinct(s->terms.begin(), s->terms.end());
    for (uint32_t t : distinct) ++sentence_df[t];
  }
  std::vector<double> worth(vocab.size() + 1, 0);
  for (size_t t = 0; t < worth.size(); ++t) {
    // Title terms enter the vocabulary after article_df was sized: no article counts them.
    const uint32_t df = t < article_df.size() ? article_df[t] : 0;
    worth[t] = (df > 0 ? static_cast<double>(df) - 1.0 : 0.0) +
               options.frequency_weight *
                   std::log(static_cast<double>(std::max<uint32_t>(sentence_df[t], 1)));
  }
  std::vector<char> covered(vocab.size() + 1, 0);
  double max_gain = 1e-9;
  for (size_t i = 0; i < n; ++i) {
    std::unordered_set<uint32_t> distinct(pool[i]->terms.begin(), pool[i]->terms.end());
    double g = 0;
    for (uint32_t t : distinct) g += worth[t];
    max_gain = std::max(max_gain, g);
  }
  // Saturated coverage of the pool (Lin & Bilmes 2011): how much of each sentence's total
  // similarity to the pool the chosen ones account for, capped at a fraction of it, so that
  // a new pick gains by representing what is not yet represented.
  std::vector<double> represented(n, 0), saturation(n, 0);
  double max_total = 0;
  for (size_t i = 0; i < n; ++i) {
    double total = 1;  // itself
    for (size_t j = 0; j < n; ++j) total += sim[i][j];
    saturation[i] = options.pool_saturation * total;
    max_total = std::max(max_total, total);
  }
  auto pool_gain = [&](size_t k) {
    double g = 0;
    for (size_t i = 0; i < n; ++i) {
      const double add = i == k ? 1.0 : sim[i][k];
      if (add <= 0 || represented[i] >= saturation[i]) continue;
      g += std::min(represented[i] + add, saturation[i]) - represented[i];
    }
    return g;
  };
  std::vector<char> taken(n, 0), dropped(n, 0);
  std::vector<size_t> picked;
  std::vector<std::vector<size_t>> also(n);
  size_t used = 0;
  auto redundancy_of = [&](size_t i) {
    float r = 0;
    for (size_t p : picked) r = std::max(r, sim[i][p]);
    return r;
  };
  // The MMR value of adding sentence i to what is chosen.
  auto value_of = [&](size_t i, float redundancy) {
    // Coverage: the shared terms this sentence adds to what is already chosen.
    double gain = 0;
    for (uint32_t t : pool[i]->terms) {
      if (!covered[t]) gain += worth[t];
    }
    double value =
        score[i] + options.coverage_weight * gain / max_gain - options.redundancy * redundancy;
    if (options.pool_coverage_weight != 0 && max_total > 0) {
      value += options.pool_coverage_weight * pool_gain(i) / max_total;
    }
    // Under a word budget, value per word (Lin & Bilmes' cost-scaled greedy): a long
    // sentence must earn the room it takes.
    if (options.words > 0 && options.story_cost_exponent != 0) {
      const double cost = std::pow(static_cast<double>(std::max<size_t>(pool[i]->words, 1)) /
                                       static_cast<double>(options.words),
                                   options.story_cost_exponent);
      value = value >= 0 ? value / cost : value * cost;
    }
    return value;
  };
  auto fits = [&](size_t words) {
    return !(options.story_fill_budget && options.words > 0 && used + words > options.words);
  };
  auto take = [&](size_t i) {
    for (uint32_t t : pool[i]->terms) covered[t] = 1;
    for (size_t k = 0; k < n; ++k) represented[k] += k == i ? 1.0 : sim[k][i];
    taken[i] = 1;
    picked.push_back(i);
    used += pool[i]->words;
  };
  // A dangling pronoun only where it is not avoidable: when no other sentence fits (a second
  // pass without the rule), one is better than no summary.
  bool avoid_dangling = options.avoid_dangling;
  for (;;) {
    if (options.words == 0 && picked.size() >= options.sentences) break;
    double best_value = -1e18;
    size_t best = n;
    size_t best_with = n;  // the antecedent that comes in with `best`, if any
    for (size_t i = 0; i < n; ++i) {
      if (taken[i] || dropped[i]) continue;
      if (!fits(pool[i]->words)) continue;
      const float redundancy = redundancy_of(i);
      if (redundancy >= options.duplicate_similarity) {
        dropped[i] = 1;
        for (size_t p : picked) {
          if (sim[i][p] >= options.duplicate_similarity) {
            also[p].push_back(pool[i]->article);
            break;
          }
        }
        continue;
      }
      // A leading pronoun needs its antecedent from the same article, as in an article
      // summary (HasAntecedent): a demonstrative the sentence right before it; a personal
      // pronoun an earlier sentence that names someone (the reading order puts it first).
      // Without one, it may come in together with the sentence right before it.
      size_t with = n;
      if (avoid_dangling && pool[i]->anaphoric) {
        bool antecedent = false;
        for (size_t p : picked) {
          if (pool[p]->article != pool[i]->article) continue;
          antecedent |= pool[i]->anaphora == Anaphora::kPersonal
                            ? pool[p]->position < pool[i]->position && pool[p]->names
                            : pool[p]->position + 1 == pool[i]->position;
        }
        if (!antecedent) {
          const size_t prev = i - 1;
          if (i == 0 || !options.story_take_antecedent || pool[prev]->article != pool[i]->article ||
              pool[prev]->position + 1 != pool[i]->position || taken[prev] || dropped[prev] ||
              pool[prev]->anaphoric || !fits(pool[prev]->words + pool[i]->words) ||
              redundancy_of(prev) >= options.duplicate_similarity ||
              sim[i][prev] >= options.duplicate_similarity) {
            continue;
          }
          with = prev;
        }
      }
      double value = value_of(i, redundancy);
      if (with != n) value = (value + value_of(with, redundancy_of(with))) / 2;
      if (value > best_value) {
        best_value = value;
        best = i;
        best_with = with;
      }
    }
    if (best == n && picked.empty() && fragments) return with_fragments();
    if (best == n && picked.empty() && avoid_dangling) {
      avoid_dangling = false;
      continue;
    }
    if (best == n) break;
    const size_t need = pool[best]->words + (best_with != n ? pool[best_with]->words : 0);
    if (options.words > 0 && used + need > options.words) break;  // prefix
    if (best_with != n) take(best_with);
    take(best);
  }
  // Near-duplicates of the picks among the rest count once, too.
  for (size_t i = 0; i < n; ++i) {
    if (taken[i] || dropped[i]) continue;
    for (size_t p : picked) {
      if (sim[i][p] >= options.duplicate_similarity) {
        also[p].push_back(pool[i]->article);
        break;
      }
    }
  }
  // Reading order: as the articles tell it (earlier in its article first: ledes before
  // background), the better sentence first between equals.
  std::stable_sort(picked.begin(), picked.end(), [&](size_t x, size_t y) {
    if (pool[x]->position != pool[y]->position) return pool[x]->position < pool[y]->position;
    return score[x] > score[y];
  });
  for (size_t p : picked) {
    const Sent& s = *pool[p];
    SummarySentence out = Output(docs[s.article], s, score[p]);
    out.outlet = articles[s.article].outlet;
    out.source_file = articles[s.article].source_file;
    std::sort(also[p].begin(), also[p].end());
    also[p].erase(std::unique(also[p].begin(), also[p].end()), also[p].end());
    also[p].erase(std::remove(also[p].begin(), also[p].end(), s.article), also[p].end());
    out.also_in = also[p];
    out.speaker = speaker[p];
    summary.sentences.push_back(std::move(out));
  }
  return summary;
}

namespace {

struct WordTok {
  std::string lower;
  std::string_view text;
  bool content = false;
};

std::vector<WordTok> Words(const Doc& doc, const Sent& s) {
  std::vector<WordTok> out;
  for (size_t t = s.first_token; t < s.end_token; ++t) {
    const std::string_view tok = nlp::TokenText(doc.text, doc.tokens[t]);
    if (!HasAlnum(tok)) continue;
    WordTok w;
    w.lower = AsciiLower(tok);
    w.text = tok;
    w.content = !Term(tok).empty();
    out.push_back(std::move(w));
  }
  return out;
}

// The words [begin, end) as the text writes them, with what stands between them
// ("bullsh*t", "Kremlin-backed"), whitespace collapsed.
std::string JoinWords(const std::vector<WordTok>& w, size_t begin, size_t end) {
  if (begin >= end) return "";
  const char* first = w[begin].text.data();
  const char* last = w[end - 1].text.data() + w[end - 1].text.size();
  std::string out;
  bool space = false;
  for (const char* p = first; p < last; ++p) {
    const bool ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += *p;
  }
  return out;
}

bool HasDigit(const std::vector<WordTok>& w, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    for (char ch : w[i].lower) {
      if (ch >= '0' && ch <= '9') return true;
    }
  }
  return false;
}

bool AnyContent(const std::vector<WordTok>& w, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (w[i].content) return true;
  }
  return false;
}

// Pairs of differing stretches between aligned tokens of two sentences, each flanked by
// an aligned token on at least one side.
std::vector<std::pair<std::pair<size_t, size_t>, std::pair<size_t, size_t>>> Substitutions(
    const std::vector<WordTok>& a, const std::vector<WordTok>& b, size_t max_len) {
  const size_t m = a.size(), n = b.size();
  std::vector<uint16_t> c((m + 1) * (n + 1), 0);
  auto at = [n](size_t i, size_t j) { return i * (n + 1) + j; };
  for (size_t i = m; i-- > 0;) {
    for (size_t j = n; j-- > 0;) {
      c[at(i, j)] = a[i].lower == b[j].lower ? static_cast<uint16_t>(c[at(i + 1, j + 1)] + 1)
                                             : std::max(c[at(i + 1, j)], c[at(i, j + 1)]);
    }
  }
  std::vector<std::pair<size_t, size_t>> matches;
  for (size_t i = 0, j = 0; i < m && j < n;) {
    if (a[i].lower == b[j].lower) {
      matches.emplace_back(i, j);
      ++i;
      ++j;
    } else if (c[at(i + 1, j)] >= c[at(i, j + 1)]) {
      ++i;
    } else {
      ++j;
    }
  }
  std::vector<std::pair<std::pair<size_t, size_t>, std::pair<size_t, size_t>>> out;
  if (matches.size() < 2) return out;
  size_t pa = 0, pb = 0;
  bool have_prev = false;
  for (size_t k = 0; k <= matches.size(); ++k) {
    const size_t ea = k < matches.size() ? matches[k].first : m;
    const size_t eb = k < matches.size() ? matches[k].second : n;
    const bool have_next = k < matches.size();
    if (ea > pa && eb > pb && ea - pa <= max_len && eb - pb <= max_len &&
        (have_prev || have_next)) {
      out.push_back({{pa, ea}, {pb, eb}});
    }
    if (k < matches.size()) {
      pa = matches[k].first + 1;
      pb = matches[k].second + 1;
      have_prev = true;
    }
  }
  return out;
}

}  // namespace

Coverage CompareCoverage(const std::vector<StoryArticle>& articles,
                         const CoverageOptions& options) {
  Coverage coverage;
  Vocabulary vocab;
  std::vector<Doc> docs;
  for (size_t a = 0; a < articles.size(); ++a) {
    docs.push_back(Analyze(
        articles[a].text, a, vocab,
        PerArticleLimit(options.max_sentences_in, options.max_story_sentences, articles.size())));
  }
  std::vector<Sent*> pool;
  for (Doc& d : docs) {
    for (Sent& s : d.sents) {
      if (!s.boilerplate) pool.push_back(&s);
    }
  }
  Vectorize(pool, vocab.size());

  for (size_t a = 0; a < articles.size(); ++a) {
    OutletCoverage oc;
    oc.article = a;
    oc.outlet = articles[a].outlet;
    oc.source_file = articles[a].source_file;
    for (const Sent& s : docs[a].sents) {
      if (s.boilerplate || s.terms.size() < 3) continue;
      float best = 0;
      for (const Sent* o : pool) {
        if (o->article != a) best = std::max(best, Cosine(s.vec, o->vec));
      }
      if (best < options.counterpart_similarity) {
        SummarySentence out = Output(docs[a], s, 1.0 - static_cast<double>(best));
        out.outlet = articles[a].outlet;
        out.source_file = articles[a].source_file;
        oc.only_here.push_back(std::move(out));
      }
    }
    for (const QuoteRecord& q : articles[a].quotes) {
      // The quote's words against every sentence of the other articles.
      std::unordered_set<uint32_t> qterms;
      for (const nlp::Token& tok : nlp::Tokenize(q.content.text)) {
        std::string term = Term(nlp::TokenText(q.content.text, tok));
        if (!term.empty()) qterms.insert(vocab.Id(term));
      }
      double best = 0;
      for (const Sent* o : pool) {
        if (o->article == a || qterms.empty()) continue;
        std::unordered_set<uint32_t> st(o->terms.begin(), o->terms.end());
        size_t in = 0;
        for (uint32_t t : qterms) in += st.count(t);
        best = std::max(best, static_cast<double>(in) / static_cast<double>(qterms.size()));
      }
      oc.quotes.push_back({q, best < 0.6});
    }
    coverage.outlets.push_back(std::move(oc));
  }

  // Wording: aligned sentence pairs across articles, short substitutions between them.
  std::map<std::tuple<std::string, std::string, size_t, size_t>, WordingDifference> found;
  for (size_t x = 0; x < pool.size(); ++x) {
    for (size_t y = 0; y < pool.size(); ++y) {
      const Sent& sa = *pool[x];
      const Sent& sb = *pool[y];
      if (sa.article >= sb.article) continue;
      if (Cosine(sa.vec, sb.vec) < options.align_similarity) continue;
      const std::vector<WordTok> wa = Words(docs[sa.article], sa);
      const std::vector<WordTok> wb = Words(docs[sb.article], sb);
      if (wa.size() > 200 || wb.size() > 200) continue;
      for (const auto& [ra, rb] : Substitutions(wa, wb, options.max_phrase_tokens)) {
        if (HasDigit(wa, ra.first, ra.second) || HasDigit(wb, rb.first, rb.second)) continue;
        if (!AnyContent(wa, ra.first, ra.second) || !AnyContent(wb, rb.first, rb.second)) {
          continue;
        }
        std::string pa = JoinWords(wa, ra.first, ra.second);
        std::string pb = JoinWords(wb, rb.first, rb.second);
        auto key = std::make_tuple(AsciiLower(pa), AsciiLower(pb), sa.article, sb.article);
        WordingDifference& d = found[key];
        if (d.count == 0) {
          d.a = std::move(pa);
          d.b = std::move(pb);
          d.article_a = sa.article;
          d.article_b = sb.article;
          d.example_a = std::string(docs[sa.article].text.substr(sa.begin, sa.end - sa.begin));
          d.example_b = std::string(docs[sb.article].text.substr(sb.begin, sb.end - sb.begin));
        }
        ++d.count;
      }
    }
  }
  for (auto& [key, d] : found) coverage.wording.push_back(std::move(d));
  std::stable_sort(
      coverage.wording.begin(), coverage.wording.end(),
      [](const WordingDifference& l, const WordingDifference& r) { return l.count > r.count; });
  return coverage;
}

std::vector<std::string> ContentTerms(std::string_view text) {
  std::vector<std::string> out;
  for (const nlp::Token& tok : nlp::Tokenize(text)) {
    std::string term = Term(nlp::TokenText(text, tok));
    if (!term.empty()) out.push_back(std::move(term));
  }
  return out;
}

}  // namespace storyline::summarize
