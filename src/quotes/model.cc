#include "quotes/model.h"

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <utility>

namespace storyline::quotes::detail {

namespace {

// Classes of the shared weight table.
constexpr uint32_t kCueClasses = 3;  // Tag: 0, 1, 2
constexpr uint32_t StartClass(Role r) { return 3 + 2 * static_cast<uint32_t>(r); }
constexpr uint32_t EndClass(Role r) { return 4 + 2 * static_cast<uint32_t>(r); }
constexpr uint32_t kPairClass = 7;
constexpr uint32_t kNullClass = 8;

constexpr uint64_t kOutside = HashLower("<outside>");
constexpr uint64_t kWordThat = HashLower("that");

// Source spans are short and near their cue; contents may run over a few sentences.
constexpr size_t kMaxSourceTokens = 20;
constexpr size_t kSourceReach = 40;
constexpr size_t kSourceSentences = 1;
constexpr size_t kContentSentences = 2;

uint64_t Word(const Document& doc, size_t i, size_t lo, size_t hi) {
  return i >= lo && i < hi ? doc.info[i].word : kOutside;
}
uint64_t WordAt(const Document& doc, ptrdiff_t i) {
  return i >= 0 && static_cast<size_t>(i) < doc.info.size() ? doc.info[static_cast<size_t>(i)].word
                                                            : kOutside;
}
uint64_t ShapeAt(const Document& doc, ptrdiff_t i) {
  return i >= 0 && static_cast<size_t>(i) < doc.info.size()
             ? static_cast<uint64_t>(doc.info[static_cast<size_t>(i)].shape)
             : 99;
}
uint64_t QuoteAt(const Document& doc, ptrdiff_t i) {
  return i >= 0 && static_cast<size_t>(i) < doc.info.size()
             ? static_cast<uint64_t>(doc.info[static_cast<size_t>(i)].quote)
             : 99;
}

uint64_t DistBucket(size_t d) {
  if (d <= 4) return d;
  if (d <= 6) return 5;
  if (d <= 10) return 6;
  if (d <= 20) return 7;
  if (d <= 40) return 8;
  return 9;
}

uint64_t LengthBucket(size_t n) {
  static constexpr size_t kEdges[] = {1, 2, 3, 4, 6, 9, 14, 20, 30, 45, 70};
  for (size_t b = 0; b < std::size(kEdges); ++b) {
    if (n <= kEdges[b]) return b;
  }
  return std::size(kEdges);
}
constexpr size_t kLengthBuckets = 12;

// ---------------------------------------------------------------------------------------
// Cue tagger.

void CueFeatures(const Document& doc, const nlp::Sentence& s, size_t i,
                 std::vector<uint64_t>& out) {
  out.clear();
  const size_t lo = s.first_token, hi = s.end_token;
  const TokenInfo& t = doc.info[i];
  uint64_t w = t.word, st = t.stem;
  uint64_t wp = Word(doc, i - 1, lo, hi), wn = Word(doc, i + 1, lo, hi);
  uint64_t wp2 = i >= 2 ? Word(doc, i - 2, lo, hi) : kOutside;
  uint64_t wn2 = Word(doc, i + 2, lo, hi);
  uint64_t sp = i > lo ? doc.info[i - 1].stem : kOutside;
  uint64_t sn = i + 1 < hi ? doc.info[i + 1].stem : kOutside;
  auto shape = [&](size_t j) -> uint64_t {
    return j >= lo && j < hi ? static_cast<uint64_t>(doc.info[j].shape) : 99;
  };
  // Quote marks close before / open after the token, within 3 tokens in the sentence.
  uint64_t close_before = 0, open_after = 0;
  for (size_t d = 1; d <= 3 && i >= lo + d; ++d) {
    if (doc.info[i - d].quote == QuoteMark::kClose) {
      close_before = d;
      break;
    }
  }
  for (size_t j = i + 1; j < hi && j <= i + 3; ++j) {
    if (doc.info[j].quote == QuoteMark::kOpen && open_after == 0) open_after = j - i;
  }
  uint64_t pos = i == lo ? 0 : (i - lo < 4 ? 1 : (i + 2 >= hi ? 3 : 2));
  out.push_back(Feat(1));
  out.push_back(Feat(2, w));
  out.push_back(Feat(3, st));
  out.push_back(Feat(4, wp));
  out.push_back(Feat(5, wn));
  out.push_back(Feat(6, wp2));
  out.push_back(Feat(7, wn2));
  out.push_back(Feat(8, wp, w));
  out.push_back(Feat(9, w, wn));
  out.push_back(Feat(10, sp, st));
  out.push_back(Feat(11, st, sn));
  out.push_back(Feat(12, shape(i)));
  out.push_back(Feat(13, shape(i - 1), shape(i + 1)));
  out.push_back(Feat(14, t.inside_quote));
  out.push_back(Feat(15, st, t.inside_quote));
  out.push_back(Feat(16, close_before));
  out.push_back(Feat(17, st, close_before != 0));
  out.push_back(Feat(18, open_after));
  out.push_back(Feat(19, st, open_after != 0));
  out.push_back(Feat(20, st, shape(i - 1)));
  out.push_back(Feat(21, pos));
  out.push_back(Feat(22, st, pos));
  out.push_back(Feat(23, t.pronoun, i > lo && doc.info[i - 1].pronoun));
  out.push_back(Feat(24, st, i > lo && doc.info[i - 1].pronoun));
  out.push_back(Feat(25, shape(i), static_cast<uint64_t>(t.quote)));
  out.push_back(Feat(26, wp2, wp, w));
  // Quotations elsewhere in the sentence, and where the token sits in it.
  out.push_back(Feat(27, t.suffix));
  out.push_back(Feat(28, st, t.quote_earlier, t.quote_later));
  out.push_back(Feat(29, st, wn));
  out.push_back(Feat(30, wp, st));
  out.push_back(Feat(31, st, DistBucket(hi - i)));
  out.push_back(Feat(32, sp, st, sn));
  out.push_back(Feat(33, t.suffix, shape(i - 1)));
  out.push_back(Feat(34, wp, wn));
  out.push_back(Feat(35, i >= lo + 3 ? doc.info[i - 3].word : kOutside));
  out.push_back(Feat(36, i + 3 < hi ? doc.info[i + 3].word : kOutside));
  out.push_back(Feat(37, t.suffix, wn));
  out.push_back(Feat(38, wp2, wp));
  out.push_back(Feat(39, wn, wn2));
}

uint64_t TransitionFeature(uint32_t prev) { return Feat(60, prev); }

// Tag 2 (I) may only follow B or I.
bool Allowed(uint32_t prev, uint32_t tag) { return tag != 2 || prev == 1 || prev == 2; }

std::vector<Tag> Viterbi(const Weights& weights, const Document& doc, const nlp::Sentence& s,
                         float cue_bias, std::vector<std::vector<uint64_t>>* features) {
  const size_t n = s.end_token - s.first_token;
  std::vector<Tag> tags(n, Tag::kO);
  if (n == 0) return tags;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  std::array<std::array<float, kCueClasses + 1>, kCueClasses + 1> trans{};
  for (uint32_t p = 0; p <= kCueClasses; ++p) {
    uint64_t f = TransitionFeature(p);
    for (uint32_t t = 0; t < kCueClasses; ++t) trans[p][t] = weights.Score({&f, 1}, t);
  }
  std::vector<std::array<float, kCueClasses>> score(n);
  std::vector<std::array<uint8_t, kCueClasses>> back(n);
  std::vector<uint64_t> local;
  for (size_t k = 0; k < n; ++k) {
    std::vector<uint64_t>& f = features ? (*features)[k] : local;
    CueFeatures(doc, s, s.first_token + k, f);
    for (uint32_t t = 0; t < kCueClasses; ++t) {
      float emit = weights.Score(f, t) + (t == 0 ? 0.0f : cue_bias);
      float best = kNeg;
      uint8_t arg = 0;
      if (k == 0) {
        if (Allowed(kCueClasses, t)) best = trans[kCueClasses][t];
      } else {
        for (uint32_t p = 0; p < kCueClasses; ++p) {
          if (!Allowed(p, t) || score[k - 1][p] == kNeg) continue;
          float v = score[k - 1][p] + trans[p][t];
          if (v > best) {
            best = v;
            arg = static_cast<uint8_t>(p);
          }
        }
      }
      score[k][t] = best == kNeg ? kNeg : best + emit;
      back[k][t] = arg;
    }
  }
  uint32_t best = 0;
  for (uint32_t t = 1; t < kCueClasses; ++t) {
    if (score[n - 1][t] > score[n - 1][best]) best = t;
  }
  for (size_t k = n; k-- > 0;) {
    tags[k] = static_cast<Tag>(best);
    best = back[k][best];
  }
  return tags;
}

// ---------------------------------------------------------------------------------------
// Span scorers.

struct Window {
  size_t lo = 0;  // tokens [lo, hi)
  size_t hi = 0;
};

Window WindowOf(const Document& doc, CueSpan cue, Role role, const SpanLimits& limits) {
  size_t cs = doc.info[cue.first].sentence;
  size_t ce = doc.info[cue.end - 1].sentence;
  size_t reach = role == Role::kSource ? kSourceSentences : kContentSentences;
  size_t tokens = role == Role::kSource ? kSourceReach : limits.max_content_tokens;
  size_t first_sentence = cs >= reach ? cs - reach : 0;
  size_t last_sentence = std::min(ce + reach, doc.sentences.size() - 1);
  Window w;
  w.lo = std::max(doc.sentences[first_sentence].first_token,
                  cue.first >= tokens ? cue.first - tokens : size_t{0});
  w.hi = std::min(doc.sentences[last_sentence].end_token, cue.end + tokens);
  return w;
}

size_t MaxLength(Role role, const SpanLimits& limits) {
  return role == Role::kSource ? kMaxSourceTokens : std::max<size_t>(limits.max_content_tokens, 1);
}

struct CueContext {
  CueSpan cue;
  uint64_t key = 0;  // the cue's stems
  size_t sentence = 0;
};

CueContext ContextOf(const Document& doc, CueSpan cue) {
  CueContext c;
  c.cue = cue;
  c.key = Feat(70);
  for (size_t i = cue.first; i < cue.end && i < cue.first + 4; ++i) {
    c.key = Feat(71, c.key, doc.info[i].stem);
  }
  c.sentence = doc.info[cue.first].sentence;
  return c;
}

uint64_t SideOf(const CueContext& c, size_t t) {
  return t < c.cue.first ? 0 : (t >= c.cue.end ? 2 : 1);
}
uint64_t DistanceOf(const CueContext& c, size_t t) {
  return DistBucket(t < c.cue.first ? c.cue.first - t : (t >= c.cue.end ? t - c.cue.end + 1 : 0));
}
uint64_t SentenceOffset(const Document& doc, const CueContext& c, size_t t) {
  ptrdiff_t d = static_cast<ptrdiff_t>(doc.info[t].sentence) - static_cast<ptrdiff_t>(c.sentence);
  return static_cast<uint64_t>(std::clamp<ptrdiff_t>(d, -3, 3) + 3);
}
bool SentenceStart(const Document& doc, size_t t) {
  return t == 0 || doc.info[t - 1].sentence != doc.info[t].sentence;
}
// Only punctuation and quote marks (at most 3) between t and the sentence's end.
bool SentenceEnd(const Document& doc, size_t t) {
  size_t end = doc.sentences[doc.info[t].sentence].end_token;
  if (end - t > 4) return false;
  for (size_t j = t + 1; j < end; ++j) {
    Shape s = doc.info[j].shape;
    if (s != Shape::kPunct && s != Shape::kQuote) return false;
  }
  return true;
}

void StartFeatures(const Document& doc, const CueContext& c, size_t t, std::vector<uint64_t>& out) {
  out.clear();
  ptrdiff_t i = static_cast<ptrdiff_t>(t);
  uint64_t side = SideOf(c, t), dist = DistanceOf(c, t);
  uint64_t prev = WordAt(doc, i - 1);
  bool start = SentenceStart(doc, t);
  out.push_back(Feat(1, side, dist));
  out.push_back(Feat(2, side, SentenceOffset(doc, c, t)));
  out.push_back(Feat(3, side, doc.info[t].word));
  out.push_back(Feat(4, side, prev));
  out.push_back(Feat(5, side, ShapeAt(doc, i - 1), ShapeAt(doc, i)));
  out.push_back(Feat(6, side, QuoteAt(doc, i - 1), QuoteAt(doc, i)));
  out.push_back(Feat(7, side, start, doc.info[t].paragraph_start));
  out.push_back(Feat(8, side, doc.info[t].inside_quote));
  out.push_back(Feat(9, c.key, side, dist));
  out.push_back(Feat(10, c.key, side, prev));
  out.push_back(Feat(11, side, prev, doc.info[t].word));
  out.push_back(Feat(12, side, dist, start));
  out.push_back(Feat(13, c.key, side, start));
  out.push_back(Feat(14, side, doc.info[t].pronoun, dist));
  out.push_back(Feat(15, side, WordAt(doc, i - 2), prev));
  out.push_back(Feat(16, side, prev == kWordThat, dist));
  out.push_back(Feat(17, side, doc.info[t].word, WordAt(doc, i + 1)));
  out.push_back(Feat(18, c.key, side, doc.info[t].word));
  out.push_back(Feat(19, side, doc.info[t].inside_quote, QuoteAt(doc, i - 1)));
}

void EndFeatures(const Document& doc, const CueContext& c, size_t t, std::vector<uint64_t>& out) {
  out.clear();
  ptrdiff_t i = static_cast<ptrdiff_t>(t);
  uint64_t side = SideOf(c, t), dist = DistanceOf(c, t);
  uint64_t next = WordAt(doc, i + 1);
  bool end = SentenceEnd(doc, t);
  out.push_back(Feat(21, side, dist));
  out.push_back(Feat(22, side, SentenceOffset(doc, c, t)));
  out.push_back(Feat(23, side, doc.info[t].word));
  out.push_back(Feat(24, side, next));
  out.push_back(Feat(25, side, ShapeAt(doc, i), ShapeAt(doc, i + 1)));
  out.push_back(Feat(26, side, QuoteAt(doc, i), QuoteAt(doc, i + 1)));
  out.push_back(Feat(27, side, end));
  out.push_back(Feat(28, side, doc.info[t].inside_quote));
  out.push_back(Feat(29, c.key, side, dist));
  out.push_back(Feat(30, c.key, side, next));
  out.push_back(Feat(31, side, doc.info[t].word, next));
  out.push_back(Feat(32, side, dist, end));
  out.push_back(Feat(33, c.key, side, end));
  out.push_back(Feat(34, side, QuoteAt(doc, i + 2), ShapeAt(doc, i + 1)));
  out.push_back(Feat(35, side, next, WordAt(doc, i + 2)));
  out.push_back(Feat(36, c.key, side, doc.info[t].word));
  out.push_back(Feat(37, side, WordAt(doc, i - 1), doc.info[t].word));
  bool closes = QuoteAt(doc, i + 1) == static_cast<uint64_t>(QuoteMark::kClose) ||
                QuoteAt(doc, i + 2) == static_cast<uint64_t>(QuoteMark::kClose);
  out.push_back(Feat(38, side, doc.info[t].inside_quote * 2 + closes, end));
}

// The shape of a whole span: a small key, so its score is a table lookup.
constexpr size_t kPairKeys = kLengthBuckets * 3 * 3 * 4 * 2 * 3;

// What the span shape needs of a token as a start or an end, computed once per token.
struct Edge {
  uint8_t side = 0;
  bool opens = false;   // a quote mark opens at or just before the token
  bool closes = false;  // a quote mark closes at or just after it (", ”" included)
  uint32_t sentence = 0;
};

Edge EdgeOf(const Document& doc, const CueContext& c, size_t t) {
  ptrdiff_t i = static_cast<ptrdiff_t>(t);
  constexpr uint64_t kOpen = static_cast<uint64_t>(QuoteMark::kOpen);
  constexpr uint64_t kClose = static_cast<uint64_t>(QuoteMark::kClose);
  Edge edge;
  edge.side = static_cast<uint8_t>(SideOf(c, t));
  edge.opens = QuoteAt(doc, i - 1) == kOpen || QuoteAt(doc, i) == kOpen;
  edge.closes = QuoteAt(doc, i + 1) == kClose || QuoteAt(doc, i) == kClose ||
                (ShapeAt(doc, i + 1) == static_cast<uint64_t>(Shape::kPunct) &&
                 QuoteAt(doc, i + 2) == kClose);
  edge.sentence = doc.info[t].sentence;
  return edge;
}

size_t PairKey(const Document& doc, const Edge& start, size_t s, const Edge& end, size_t e) {
  size_t len = LengthBucket(e - s + 1);
  size_t nsent = std::min<size_t>(end.sentence - start.sentence, 3);
  size_t enclosed = start.opens && end.closes ? 1 : 0;
  // Quote marks strictly inside the span: none, one (unbalanced), more.
  size_t inner = 0;
  if (e > s + 1) inner = std::min<size_t>(doc.quotes_before[e] - doc.quotes_before[s + 1], 2);
  return ((((len * 3 + start.side) * 3 + end.side) * 4 + nsent) * 2 + enclosed) * 3 + inner;
}

size_t PairKey(const Document& doc, const CueContext& c, size_t s, size_t e) {
  return PairKey(doc, EdgeOf(doc, c, s), s, EdgeOf(doc, c, e), e);
}

void PairFeatures(Role role, size_t key, std::vector<uint64_t>& out) {
  out.clear();
  uint64_t r = static_cast<uint64_t>(role);
  size_t inner = key % 3;
  key /= 3;
  size_t enclosed = key % 2;
  size_t nsent = (key / 2) % 4;
  size_t sides = (key / 8) % 9;
  size_t len = key / 72;
  out.push_back(Feat(40, r, len, sides));
  out.push_back(Feat(41, r, nsent, sides));
  out.push_back(Feat(42, r, enclosed, len));
  out.push_back(Feat(43, r, enclosed, sides));
  out.push_back(Feat(44, r, enclosed, nsent));
  out.push_back(Feat(45, r, inner, enclosed));
  out.push_back(Feat(46, r, inner * 4 + nsent, len));
}

void NullFeatures(const Document& doc, const CueContext& c, std::vector<uint64_t>& out) {
  out.clear();
  ptrdiff_t b = static_cast<ptrdiff_t>(c.cue.first), e = static_cast<ptrdiff_t>(c.cue.end);
  out.push_back(Feat(50));
  out.push_back(Feat(51, c.key));
  out.push_back(Feat(52, WordAt(doc, b - 1)));
  out.push_back(Feat(53, WordAt(doc, e)));
  out.push_back(Feat(54, ShapeAt(doc, b - 1), ShapeAt(doc, e)));
  out.push_back(Feat(55, SentenceStart(doc, c.cue.first)));
  out.push_back(Feat(56, c.key, WordAt(doc, b - 1)));
  out.push_back(Feat(57, WordAt(doc, b - 2), WordAt(doc, b - 1)));
}

bool Valid(const CueContext& c, Role role, size_t s, size_t e) {
  if (SideOf(c, s) == 1 || SideOf(c, e) == 1) return false;
  if (role == Role::kSource && s < c.cue.first && e >= c.cue.end) return false;
  return true;
}

struct Decoded {
  std::optional<TokenSpan> span;
  float score = 0;
};

Decoded Decode(const Weights& weights, std::span<const float> pair, const Document& doc,
               const CueContext& c, Role role, const SpanLimits& limits) {
  Window w = WindowOf(doc, c.cue, role, limits);
  size_t max_len = MaxLength(role, limits);
  std::vector<uint64_t> f;
  std::vector<float> start(w.hi - w.lo), end(w.hi - w.lo);
  std::vector<Edge> edges(w.hi - w.lo);
  for (size_t t = w.lo; t < w.hi; ++t) {
    edges[t - w.lo] = EdgeOf(doc, c, t);
    if (SideOf(c, t) == 1) continue;
    StartFeatures(doc, c, t, f);
    start[t - w.lo] = weights.Score(f, StartClass(role));
    EndFeatures(doc, c, t, f);
    end[t - w.lo] = weights.Score(f, EndClass(role));
  }
  Decoded best;
  best.score = -std::numeric_limits<float>::infinity();
  if (role == Role::kSource) {
    NullFeatures(doc, c, f);
    best.score = weights.Score(f, kNullClass);
  }
  // Blocked tokens (SpanLimits::blocked_before) other than the cue's own.
  auto blocked = [&](size_t t) {
    if (limits.blocked_before == nullptr || role != Role::kContent) return false;
    const std::vector<uint32_t>& before = *limits.blocked_before;
    if (before[t + 1] == before[t]) return false;
    return !(limits.own_blocked.first <= t && t <= limits.own_blocked.last);
  };
  const std::optional<TokenSpan> source = role == Role::kContent ? limits.source : std::nullopt;
  for (size_t s = w.lo; s < w.hi; ++s) {
    if (SideOf(c, s) == 1 || blocked(s)) continue;
    size_t stop = std::min(w.hi, s + max_len);
    for (size_t e = s; e < stop; ++e) {
      if (blocked(e)) break;
      // A content that runs on into the source before the cue ("“X,” Scott Pruitt, … said").
      if (source && s < source->first && e >= source->last && e < c.cue.first) continue;
      // A quotation that closes right before another attribution's cue is that one's
      // ("“I love you,” he said. “He really does love us,” Melanie said": not his words).
      if (s > 0 && doc.info[s - 1].quote == QuoteMark::kOpen && e + 2 < doc.info.size() &&
          e + 1 < w.hi &&
          (blocked(e + 1) || (doc.info[e + 1].shape == Shape::kPunct && blocked(e + 2)))) {
        continue;
      }
      if (!Valid(c, role, s, e)) {
        if (role == Role::kSource && s < c.cue.first && e >= c.cue.first) break;
        continue;
      }
      float v = start[s - w.lo] + end[e - w.lo] +
                pair[PairKey(doc, edges[s - w.lo], s, edges[e - w.lo], e)];
      if (v > best.score) {
        best.score = v;
        best.span = TokenSpan{s, e};
      }
    }
  }
  return best;
}

}  // namespace

std::vector<float> PairScores(const Weights& weights, Role role) {
  std::vector<float> scores(kPairKeys);
  std::vector<uint64_t> f;
  for (size_t k = 0; k < kPairKeys; ++k) {
    PairFeatures(role, k, f);
    scores[k] = weights.Score(f, kPairClass);
  }
  return scores;
}

namespace {

void UpdateSpan(AveragedTrainer& trainer, const Document& doc, const CueContext& c, Role role,
                const std::optional<TokenSpan>& span, float delta) {
  std::vector<uint64_t> f;
  if (!span) {
    NullFeatures(doc, c, f);
    trainer.Update(f, kNullClass, delta);
    return;
  }
  StartFeatures(doc, c, span->first, f);
  trainer.Update(f, StartClass(role), delta);
  EndFeatures(doc, c, span->last, f);
  trainer.Update(f, EndClass(role), delta);
  PairFeatures(role, PairKey(doc, c, span->first, span->last), f);
  trainer.Update(f, kPairClass, delta);
}

}  // namespace

std::vector<Tag> DecodeCues(const Weights& weights, const Document& doc,
                            const nlp::Sentence& sentence, float cue_bias) {
  return Viterbi(weights, doc, sentence, cue_bias, nullptr);
}

std::vector<CueSpan> CueSpansOf(const std::vector<Tag>& tags, size_t offset) {
  std::vector<CueSpan> spans;
  for (size_t k = 0; k < tags.size(); ++k) {
    if (tags[k] == Tag::kB || (tags[k] == Tag::kI && (k == 0 || tags[k - 1] == Tag::kO))) {
      spans.push_back({offset + k, offset + k + 1});
    } else if (tags[k] == Tag::kI) {
      spans.back().end = offset + k + 1;
    }
  }
  return spans;
}

bool TrainCues(AveragedTrainer& trainer, const Weights& weights, const Document& doc,
               const nlp::Sentence& sentence, const std::vector<Tag>& gold) {
  const size_t n = sentence.end_token - sentence.first_token;
  std::vector<std::vector<uint64_t>> features(n);
  std::vector<Tag> pred = Viterbi(weights, doc, sentence, 0.0f, &features);
  trainer.Tick();
  if (pred == gold) return false;
  for (size_t k = 0; k < n; ++k) {
    uint32_t g = static_cast<uint32_t>(gold[k]), p = static_cast<uint32_t>(pred[k]);
    uint32_t gp = k == 0 ? kCueClasses : static_cast<uint32_t>(gold[k - 1]);
    uint32_t pp = k == 0 ? kCueClasses : static_cast<uint32_t>(pred[k - 1]);
    if (g != p) {
      trainer.Update(features[k], g, 1.0f);
      trainer.Update(features[k], p, -1.0f);
    }
    if (g != p || gp != pp) {
      uint64_t tg = TransitionFeature(gp), tp = TransitionFeature(pp);
      trainer.Update({&tg, 1}, g, 1.0f);
      trainer.Update({&tp, 1}, p, -1.0f);
    }
  }
  return true;
}

Model::Model(Weights weights) : weights_(std::move(weights)) {
  for (Role role : {Role::kSource, Role::kContent}) {
    pair_scores_[static_cast<size_t>(role)] = PairScores(weights_, role);
  }
}

std::optional<TokenSpan> DecodeSpan(const Model& model, const Document& doc, CueSpan cue, Role role,
                                    const SpanLimits& limits) {
  if (cue.first >= cue.end || cue.end > doc.tokens.size()) return std::nullopt;
  return Decode(model.weights(), model.pair_scores(role), doc, ContextOf(doc, cue), role, limits)
      .span;
}

bool Reachable(const Document& doc, CueSpan cue, Role role, const std::optional<TokenSpan>& gold,
               const SpanLimits& limits) {
  if (cue.first >= cue.end || cue.end > doc.tokens.size()) return false;
  if (!gold) return role == Role::kSource;
  Window w = WindowOf(doc, cue, role, limits);
  CueContext c = ContextOf(doc, cue);
  return gold->first >= w.lo && gold->last < w.hi && gold->first <= gold->last &&
         gold->last - gold->first < MaxLength(role, limits) &&
         Valid(c, role, gold->first, gold->last);
}

bool TrainSpan(AveragedTrainer& trainer, const Weights& weights, const Document& doc, CueSpan cue,
               Role role, const std::optional<TokenSpan>& gold, const SpanLimits& limits) {
  CueContext c = ContextOf(doc, cue);
  std::vector<float> pair = PairScores(weights, role);
  Decoded pred = Decode(weights, pair, doc, c, role, limits);
  trainer.Tick();
  if (pred.span == gold) return false;
  UpdateSpan(trainer, doc, c, role, gold, 1.0f);
  UpdateSpan(trainer, doc, c, role, pred.span, -1.0f);
  return true;
}

}  // namespace storyline::quotes::detail
