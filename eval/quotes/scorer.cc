#include "eval/quotes/scorer.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "nlp/tokenize.h"

namespace storyline::eval::quotes {

namespace {

using storyline::quotes::Attribution;
using storyline::quotes::Span;

// The length of the trimmable character at text[at] (0: not trimmable), reading forwards.
size_t TrimmableAt(std::string_view text, size_t at) {
  unsigned char c = static_cast<unsigned char>(text[at]);
  if (c < 0x80) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    bool punct = (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
                 (c >= 0x7b && c <= 0x7e);
    return space || punct ? 1 : 0;
  }
  if (at + 1 < text.size() && c == 0xc2) {
    unsigned char d = static_cast<unsigned char>(text[at + 1]);
    return d == 0xa0 || d == 0xab || d == 0xbb ? 2 : 0;  // no-break space, « »
  }
  if (at + 2 < text.size() && c == 0xe2) {
    unsigned char d = static_cast<unsigned char>(text[at + 1]);
    return d == 0x80 || d == 0x81 ? 3 : 0;  // U+2000–U+207F: spaces, dashes, quotes, …
  }
  return 0;
}

// The length of the trimmable character ending at text[end - 1] (0: none).
size_t TrimmableBefore(std::string_view text, size_t end) {
  for (size_t len = 1; len <= 3 && len <= end; ++len) {
    size_t at = end - len;
    unsigned char c = static_cast<unsigned char>(text[at]);
    if ((c & 0xc0) == 0x80) continue;  // a continuation byte: look further back
    return TrimmableAt(text, at) == len ? len : 0;
  }
  return 0;
}

struct Item {
  Extent extent;
  std::vector<size_t> tokens;  // sorted token indices
};

Item MakeItem(std::string_view text, const Span& span, const std::vector<nlp::Token>& tokens) {
  Item item;
  item.extent = Trimmed(text, span);
  auto first = std::lower_bound(tokens.begin(), tokens.end(), item.extent.begin,
                                [](const nlp::Token& t, size_t at) { return t.begin < at; });
  for (auto it = first; it != tokens.end() && it->end <= item.extent.end; ++it) {
    bool inside = false;
    for (const auto& f : span.fragments)
      inside = inside || (it->begin >= f.begin && it->end <= f.end);
    if (inside) item.tokens.push_back(static_cast<size_t>(it - tokens.begin()));
  }
  return item;
}

double Jaccard(const std::vector<size_t>& a, const std::vector<size_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

void Match(const std::vector<Item>& gold, const std::vector<Item>& pred, RoleScores& out) {
  // Exact: multiset intersection of extents.
  std::map<std::pair<size_t, size_t>, int> counts;
  for (const Item& g : gold) ++counts[{g.extent.begin, g.extent.end}];
  size_t tp = 0;
  for (const Item& p : pred) {
    auto it = counts.find({p.extent.begin, p.extent.end});
    if (it != counts.end() && it->second > 0) {
      --it->second;
      ++tp;
    }
  }
  out.exact.tp += tp;
  out.exact.fp += pred.size() - tp;
  out.exact.fn += gold.size() - tp;
  // Lenient: greedy one-to-one by Jaccard.
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t g = 0; g < gold.size(); ++g) {
    for (size_t p = 0; p < pred.size(); ++p) {
      // Spans that share no character do not match, unless they are the same place (a
      // punctuation cue such as "PENCE:" trims to an empty extent: exact, so lenient too).
      const bool same = pred[p].extent == gold[g].extent;
      if (!same && (pred[p].extent.end <= gold[g].extent.begin ||
                    gold[g].extent.end <= pred[p].extent.begin)) {
        continue;
      }
      double j = Jaccard(gold[g].tokens, pred[p].tokens);
      if (j >= 0.5) pairs.emplace_back(j, g, p);
    }
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  std::vector<bool> gold_used(gold.size()), pred_used(pred.size());
  size_t ltp = 0;
  for (const auto& [j, g, p] : pairs) {
    if (gold_used[g] || pred_used[p]) continue;
    gold_used[g] = pred_used[p] = true;
    ++ltp;
  }
  out.lenient.tp += ltp;
  out.lenient.fp += pred.size() - ltp;
  out.lenient.fn += gold.size() - ltp;
}

}  // namespace

void Scores::Add(const Scores& other) {
  for (size_t r = 0; r < roles.size(); ++r) {
    for (auto [mine, theirs] : {std::pair{&roles[r].exact, &other.roles[r].exact},
                                std::pair{&roles[r].lenient, &other.roles[r].lenient}}) {
      mine->tp += theirs->tp;
      mine->fp += theirs->fp;
      mine->fn += theirs->fn;
    }
  }
}

Extent Trimmed(std::string_view text, const Span& span) {
  Extent e;
  if (span.empty()) return e;
  e.begin = span.fragments.front().begin;
  e.end = span.fragments.front().end;
  for (const auto& f : span.fragments) {
    e.begin = std::min(e.begin, f.begin);
    e.end = std::max(e.end, f.end);
  }
  e.end = std::min(e.end, text.size());
  e.begin = std::min(e.begin, e.end);
  while (e.begin < e.end) {
    size_t n = TrimmableAt(text, e.begin);
    if (n == 0 || e.begin + n > e.end) break;
    e.begin += n;
  }
  while (e.end > e.begin) {
    size_t n = TrimmableBefore(text.substr(0, e.end), e.end);
    if (n == 0 || e.end - n < e.begin) break;
    e.end -= n;
  }
  return e;
}

Scores ScoreText(std::string_view text, const std::vector<GoldAttribution>& gold,
                 const std::vector<Attribution>& predicted) {
  std::vector<nlp::Token> tokens = nlp::Tokenize(text);
  std::array<std::vector<Item>, 3> g, p;
  for (const GoldAttribution& a : gold) {
    if (a.source) g[0].push_back(MakeItem(text, *a.source, tokens));
    g[1].push_back(MakeItem(text, a.cue, tokens));
    g[2].push_back(MakeItem(text, a.content, tokens));
  }
  for (const Attribution& a : predicted) {
    if (a.source) p[0].push_back(MakeItem(text, *a.source, tokens));
    p[1].push_back(MakeItem(text, a.cue, tokens));
    p[2].push_back(MakeItem(text, a.content, tokens));
  }
  Scores scores;
  for (size_t r = 0; r < 3; ++r) Match(g[r], p[r], scores.roles[r]);
  return scores;
}

}  // namespace storyline::eval::quotes
