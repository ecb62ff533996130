#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "quotes/document.h"
#include "quotes/embedded_model.h"
#include "quotes/model.h"
#include "quotes/quotes.h"
#include "text/ascii.h"

namespace storyline::quotes {

namespace {

using detail::CueSpan;
using detail::Document;
using detail::QuoteMark;
using detail::Shape;
using detail::TokenSpan;

bool Edgy(const Document& doc, size_t i) {
  return doc.info[i].shape == Shape::kPunct || doc.info[i].shape == Shape::kQuote;
}

// Tokens [first, last] without the punctuation and quote marks at their edges (unless that
// is all there is: a colon cue stays a colon).
Fragment FragmentOf(const Document& doc, size_t first, size_t last) {
  size_t b = first, e = last;
  while (b < e && Edgy(doc, b)) ++b;
  while (e > b && Edgy(doc, e)) --e;
  if (Edgy(doc, b)) {
    b = first;
    e = last;
  }
  return {doc.tokens[b].begin, doc.tokens[e].end};
}

Span SpanOf(const Document& doc, size_t first, size_t last) {
  Span span;
  span.fragments.push_back(FragmentOf(doc, first, last));
  return span;
}

bool IsQuote(const Document& doc, size_t i, QuoteMark mark) {
  return i < doc.info.size() && doc.info[i].quote == mark;
}

// Quote marks open at (or just before) the first token and close at (or just after) the last.
bool Direct(const Document& doc, TokenSpan span) {
  bool open = IsQuote(doc, span.first, QuoteMark::kOpen) ||
              (span.first > 0 && IsQuote(doc, span.first - 1, QuoteMark::kOpen));
  bool close = IsQuote(doc, span.last, QuoteMark::kClose) ||
               IsQuote(doc, span.last + 1, QuoteMark::kClose) ||
               (span.last + 2 < doc.info.size() && doc.info[span.last + 1].shape == Shape::kPunct &&
                IsQuote(doc, span.last + 2, QuoteMark::kClose));
  return open && close;
}

bool Capitalized(const detail::TokenInfo& t) {
  return t.shape == Shape::kCapital || t.shape == Shape::kUpper || t.shape == Shape::kMixed;
}

// A pronoun; a name when the mention ends in a capitalised word that is alone or follows
// another ("Peskov", "Kremlin spokesman Dmitry Peskov", "The Washington Post"); otherwise a
// description ("officials", "a spokesman for the Kremlin").
SourceKind KindOf(const Document& doc, TokenSpan span) {
  size_t last = span.last;
  while (last > span.first &&
         (doc.info[last].shape == Shape::kPunct || doc.info[last].shape == Shape::kQuote)) {
    --last;
  }
  if (last == span.first && doc.info[last].pronoun) return SourceKind::kPronoun;
  if (Capitalized(doc.info[last]) && (last == span.first || Capitalized(doc.info[last - 1]))) {
    return SourceKind::kName;
  }
  return SourceKind::kNominal;
}

// The subject a relative clause interrupts: in "Azarov, who held his post ... after the Maidan
// coup, recalled that ...", the mention right before the cue ("the Maidan coup") ends the
// clause; the one who recalled is the name before ", who". Returns that name's span, or
// nullopt when `source` is not the last words of such a clause.
std::optional<TokenSpan> SubjectBeforeRelativeClause(const Document& doc,
                                                     const nlp::Sentence& sentence,
                                                     TokenSpan source, size_t cue_first) {
  // The source ends the clause: only a comma between it and the cue.
  if (source.last + 2 != cue_first || doc.TokenText(source.last + 1) != ",") return std::nullopt;
  constexpr size_t kMaxClause = 40;
  for (size_t i = source.first; i > sentence.first_token + 1 && source.first - i < kMaxClause;
       --i) {
    const std::string_view word = doc.TokenText(i);
    if (word != "who" && word != "which") continue;
    if (doc.TokenText(i - 1) != ",") return std::nullopt;
    // The name before the comma: a run of capitalised words.
    const size_t last = i - 2;
    size_t first = last;
    if (!Capitalized(doc.info[last])) return std::nullopt;
    while (first > sentence.first_token && Capitalized(doc.info[first - 1])) --first;
    return TokenSpan{first, last};
  }
  return std::nullopt;
}

}  // namespace

QuoteFinder::QuoteFinder(std::unique_ptr<const detail::Model> model) : model_(std::move(model)) {}
QuoteFinder::QuoteFinder(QuoteFinder&&) noexcept = default;
QuoteFinder& QuoteFinder::operator=(QuoteFinder&&) noexcept = default;
QuoteFinder::~QuoteFinder() = default;

Result<QuoteFinder> QuoteFinder::FromBytes(std::string_view bytes) {
  Result<detail::Weights> weights = detail::Weights::Parse(bytes);
  if (!weights.ok()) return weights.status();
  return QuoteFinder(std::make_unique<const detail::Model>(std::move(weights).value()));
}

Result<QuoteFinder> QuoteFinder::FromEmbedded() {
  std::string_view bytes = detail::EmbeddedQuoteModel();
  if (bytes.empty()) {
    return Status::NotFound(
        "quote model: none compiled in (models/quotes/quotes.model missing at build time; "
        "see models/quotes/README.md)");
  }
  return FromBytes(bytes);
}

namespace {

bool IsClauseOpener(std::string_view word) {
  // A relative clause ("said Rep. Butterfield, who heads the caucus. “...") still describes
  // the source: "who", "which" do not end the attribution.
  static constexpr std::string_view kOpeners[] = {"and",      "but",    "while", "because",
                                                  "before",   "after",  "then",  "so",
                                                  "although", "though", "when"};
  for (std::string_view w : kOpeners) {
    if (text::EqualsIgnoreAsciiCase(word, w)) return true;
  }
  return false;
}

// Where a reported content after its cue ends when a clause of the writer's follows it
// after a comma ("... said the plan would fail, encouraging his supporters to vote"; ",
// though she acknowledged ..."): the last token before that comma. Not inside a quotation.
std::optional<size_t> ClauseAfterContent(const Document& doc, TokenSpan content) {
  for (size_t k = content.first + 1; k < content.last; ++k) {
    if (doc.TokenText(k) != "," || doc.info[k].inside_quote) continue;
    const std::string_view next = doc.TokenText(k + 1);
    // Participles used as prepositions ("including", "according to") go on with the content.
    static constexpr std::string_view kPrepositions[] = {
        "including", "according", "regarding", "concerning",     "following",
        "excluding", "during",    "involving", "notwithstanding"};
    const bool participle = next.size() >= 6 && next.ends_with("ing") && next[0] >= 'a' &&
                            next[0] <= 'z' && doc.info[k + 1].quote == QuoteMark::kNone &&
                            std::find(std::begin(kPrepositions), std::end(kPrepositions), next) ==
                                std::end(kPrepositions);
    const bool concessive = next == "though" || next == "although" || next == "while";
    if (participle || concessive) return k - 1;
  }
  return std::nullopt;
}

// Whether `content` is a quotation (its marks inside or just outside it) that closes before
// the cue.
bool QuotationCloses(const Document& doc, TokenSpan content, CueSpan cue) {
  if (content.last >= cue.first) return false;
  size_t close = content.last;
  while (close + 1 < cue.first && doc.info[close].quote != QuoteMark::kClose &&
         close < content.last + 3) {
    ++close;
  }
  if (doc.info[close].quote != QuoteMark::kClose) return false;
  return doc.info[content.first].quote == QuoteMark::kOpen ||
         (content.first > 0 && doc.info[content.first - 1].quote == QuoteMark::kOpen);
}

// The second half of an interrupted quotation (see Find): the tokens inside its quote marks.
struct Continuation {
  size_t first = 0;
  size_t last = 0;
};

// Token k is in a participle phrase that opens after a comma ("said Caddell, speaking of
// her health"): the attribution's tail, even where the tagger read a cue in it.
bool ParticipleAfterComma(const Document& doc, size_t k) {
  size_t first = k;
  while (first > 0 && doc.info[first - 1].shape != Shape::kPunct && k - first < 3) --first;
  if (first == 0 || doc.TokenText(first - 1) != ",") return false;
  const std::string_view w = doc.TokenText(first);
  return w.size() > 4 && w.ends_with("ing");
}

// Where the second half of an interrupted quotation lies, if `content` (before the cue) is
// the first half of one.
std::optional<Continuation> InterruptedQuotationEnd(const Document& doc, TokenSpan content,
                                                    CueSpan cue,
                                                    const std::optional<TokenSpan>& source,
                                                    const std::vector<uint32_t>& blocked_before,
                                                    const std::vector<char>& in_cue,
                                                    size_t max_content_tokens) {
  const size_t n = doc.info.size();
  if (!QuotationCloses(doc, content, cue)) return std::nullopt;
  size_t clause_end = cue.end;  // first token after the cue and a source after it
  if (source && source->first >= cue.end) clause_end = std::max(clause_end, source->last + 1);
  // The rest of the attribution clause ("in an interview with The Huffington Post"), then
  // ", “" or ". “".
  constexpr size_t kClauseTokens = 24;
  size_t open = n;
  for (size_t k = clause_end; k < n && k < clause_end + kClauseTokens; ++k) {
    if (doc.info[k].quote != QuoteMark::kNone) {
      if (doc.info[k].quote == QuoteMark::kOpen && k > clause_end && !doc.info[k].paragraph_start) {
        const std::string_view before = doc.TokenText(k - 1);
        if (before == "," || before == "." || before == ":" || IsClauseOpener(before)) {
          open = k;
        }
      }
      break;
    }
    if (k > clause_end && doc.info[k].paragraph_start) break;
    // A clause of its own ("..., and soon the balloons fell."), not the attribution's tail.
    // "..., he said, but “when it comes to energy, ...”": the quotation goes on after the
    // conjunction; a clause of the writer's does not.
    if (IsClauseOpener(doc.TokenText(k)) &&
        !(k + 1 < n && doc.info[k + 1].quote == QuoteMark::kOpen)) {
      return std::nullopt;
    }
    if (in_cue[k] && !ParticipleAfterComma(doc, k)) return std::nullopt;
  }
  if (open == n) return std::nullopt;
  for (size_t k = open + 1; k < n && k - content.first < max_content_tokens; ++k) {
    if (doc.info[k].paragraph_start) return std::nullopt;
    if (doc.info[k].quote == QuoteMark::kOpen) return std::nullopt;
    if (doc.info[k].quote == QuoteMark::kClose) {
      if (blocked_before[k + 1] != blocked_before[k]) return std::nullopt;  // another cue's
      // Attributed in its own sentence ("“Y,” Scott Pruitt, the attorney general, said").
      for (size_t j = k + 1; j < n && j <= k + 25 && doc.info[j].sentence == doc.info[k].sentence;
           ++j) {
        if (in_cue[j]) return std::nullopt;
      }
      if (k < open + 2) return std::nullopt;  // an empty quotation
      return Continuation{open + 1, k - 1};   // the marks stay outside, as the decoder leaves them
    }
  }
  return std::nullopt;
}

// Per token, where its paragraph ends (one past its last token).
std::vector<size_t> ParagraphEnds(const Document& doc) {
  std::vector<size_t> ends(doc.info.size());
  size_t end = doc.info.size();
  for (size_t k = doc.info.size(); k-- > 0;) {
    ends[k] = end;
    if (doc.info[k].paragraph_start) end = k;
  }
  return ends;
}

bool IsConnector(std::string_view word) {
  return word == "and" || word == "&" || word == "of" || word == "de" || word == "van";
}

// Tokens [first, end) name someone: one to five capitalised words ("PENCE", "Q", "Bernie
// Sanders", "Dr. Ben Carson"), connectors only inside ("Frank Newport and Jim Harter").
bool IsNameRun(const Document& doc, size_t first, size_t end) {
  constexpr size_t kMaxNameTokens = 5;
  if (first >= end || end - first > kMaxNameTokens) return false;
  for (size_t k = first; k < end; ++k) {
    const bool inner = k > first && k + 1 < end;
    if (Capitalized(doc.info[k])) continue;
    if (inner && IsConnector(doc.TokenText(k))) continue;
    return false;
  }
  return true;
}

// Words that open an editor's line rather than name a speaker ("Correction: An earlier
// version ...", "Photo: ...", "The Latest: ..."): such a label is no attribution.
bool IsEditorialLabel(const Document& doc, size_t first, size_t end) {
  static constexpr std::string_view kLabels[] = {
      "correction", "clarification", "update",    "updated", "editor",
      "note",       "photo",         "photos",    "video",   "watch",
      "read",       "related",       "source",    "sources", "contributing",
      "byline",     "breaking",      "exclusive", "live",    "see",
      "more",       "also",          "credit",    "image",   "name",
      "so",         "wow",           "look",      "boom",    "busted",
      "bombshell",  "revealed",      "just",      "stat",    "paid",
      "delegate",   "summary",       "attention", "warning", "notice",
      "disclaimer", "disclosure",    "citation",  "tags"};
  if (end - first >= 2 && text::EqualsIgnoreAsciiCase(doc.TokenText(first), "the")) return true;
  const std::string_view head = doc.TokenText(first);
  for (std::string_view label : kLabels) {
    if (text::EqualsIgnoreAsciiCase(head, label)) return true;
  }
  return false;
}

// Word tokens (not punctuation, quote marks or numbers) in [first, end).
size_t WordsIn(const Document& doc, size_t first, size_t end) {
  size_t words = 0;
  for (size_t k = first; k < end; ++k) {
    const Shape shape = doc.info[k].shape;
    words += shape != Shape::kPunct && shape != Shape::kQuote && shape != Shape::kDigit;
  }
  return words;
}

// An attribution the layout makes rather than a reporting verb: a label that opens a
// paragraph ("PENCE: Well, look, ...", "Q: How did ...", the headline "Sanders: Clinton needs
// to ...": the label is the source, the colon the cue, the rest of the paragraph the
// content), or a credit after a quotation ("“... our greatest shame.” ― Sonya Herridge", or
// "- Bernie Sanders." under the quoted paragraph: the dash is the cue, the name the source).
struct LayoutAttribution {
  TokenSpan source;
  size_t cue = 0;
  TokenSpan content;
  bool direct = false;
  bool capitals_label = false;  // a label in capitals ("PENCE", "Q")
};

std::optional<LayoutAttribution> LabelledParagraph(const Document& doc,
                                                   const std::vector<size_t>& paragraph_end,
                                                   size_t start, size_t max_content_tokens) {
  constexpr size_t kMinContentWords = 4;
  const size_t end = paragraph_end[start];
  size_t first = start;
  if (doc.info[first].shape == Shape::kQuote) ++first;  // a transcript's line in quote marks
  size_t colon = first;
  while (colon < end && colon - first <= 5 && doc.TokenText(colon) != ":") ++colon;
  if (colon >= end || doc.TokenText(colon) != ":" || !IsNameRun(doc, first, colon) ||
      IsEditorialLabel(doc, first, colon) || WordsIn(doc, colon + 1, end) < kMinContentWords) {
    return std::nullopt;
  }
  const size_t last = std::min(end - 1, colon + max_content_tokens);
  // "Iowa: Tim Albrecht, Brad Anderson, ...": a list of names, not words said; "New Price
  // Drop: Apple Watch Series 3 38mm for $169.99": a teaser, not a sentence. Only a headline
  // (the text's first line) is written in capitals.
  size_t commas = 0, capitals = 0, lower = 0;
  for (size_t k = colon + 1; k <= last; ++k) {
    commas += doc.TokenText(k) == ",";
    capitals += Capitalized(doc.info[k]);
    lower += doc.info[k].shape == Shape::kLower;
  }
  const size_t words = WordsIn(doc, colon + 1, last + 1);
  if (commas >= 2 && 10 * capitals >= 7 * words) return std::nullopt;
  if (start > 0 && 10 * lower < 3 * words) return std::nullopt;
  LayoutAttribution found{{first, colon - 1}, colon, {colon + 1, last}};
  found.direct = Direct(doc, TokenSpan{colon + 1, last});
  found.capitals_label = true;  // "PENCE:", "Q:": a transcript's, when the speakers take turns
  for (size_t k = first; k < colon; ++k) found.capitals_label &= doc.info[k].shape == Shape::kUpper;
  return found;
}

// "The New York Times reports:" ending its paragraph: what it reports is the paragraph under
// it, and the next ones while a quotation runs on (each opens with a quote mark and the one
// before does not close).
std::optional<TokenSpan> BlockQuotationAfter(const Document& doc,
                                             const std::vector<size_t>& paragraph_end, CueSpan cue,
                                             const std::optional<TokenSpan>& source,
                                             size_t max_content_tokens) {
  const size_t n = doc.info.size();
  size_t colon = cue.end;  // the colon after the cue and any source after it ("said Mr. X:")
  if (source && source->first >= cue.end) colon = source->last + 1;
  if (doc.TokenText(cue.end - 1) == ":") colon = cue.end - 1;
  if (colon + 1 >= n || doc.TokenText(colon) != ":" || !doc.info[colon + 1].paragraph_start) {
    return std::nullopt;
  }
  const size_t first = colon + 1;
  size_t end = paragraph_end[first];
  while (end < n && doc.info[end].shape == Shape::kQuote &&
         doc.info[end - 1].quote != QuoteMark::kClose && doc.info[first].shape == Shape::kQuote &&
         paragraph_end[end] - first <= max_content_tokens) {
    end = paragraph_end[end];
  }
  if (end - first > max_content_tokens || WordsIn(doc, first, end) < 2) return std::nullopt;
  return TokenSpan{first, end - 1};
}

bool IsDash(std::string_view t) {
  return t == "\u2015" || t == "\u2014" || t == "\u2013" || t == "-" || t == "--";
}

std::optional<LayoutAttribution> QuotationCredit(const Document& doc,
                                                 const std::vector<size_t>& paragraph_end,
                                                 size_t dash, size_t max_content_tokens) {
  if (dash == 0 || !IsDash(doc.TokenText(dash))) return std::nullopt;
  const size_t end = paragraph_end[dash];
  size_t name_end = dash + 1;
  while (name_end < end && name_end - dash <= 5 && Capitalized(doc.info[name_end])) ++name_end;
  // The credit ends its paragraph, or goes on after a full stop, comma or bracket.
  if (name_end < end) {
    const std::string_view next = doc.TokenText(name_end);
    if (next != "." && next != "," && next != "(") return std::nullopt;
  }
  if (!IsNameRun(doc, dash + 1, name_end)) return std::nullopt;
  // The quotation: before the dash on its own line, or the paragraph above a line of its own.
  const size_t quote_last = dash - 1;
  if (doc.info[quote_last].shape != Shape::kQuote) return std::nullopt;
  // Back to the quotation's paragraph start, no further than a content may reach.
  size_t quote_first = quote_last;
  while (quote_first > 0 && !doc.info[quote_first].paragraph_start &&
         quote_last - quote_first <= max_content_tokens) {
    --quote_first;
  }
  if (doc.info[quote_first].shape != Shape::kQuote || quote_last <= quote_first + 1 ||
      quote_last - quote_first > max_content_tokens) {
    return std::nullopt;
  }
  return LayoutAttribution{{dash + 1, name_end - 1}, dash, {quote_first, quote_last}, true, false};
}

}  // namespace

Result<std::vector<Attribution>> QuoteFinder::Find(std::string_view text,
                                                   const QuoteOptions& options) const {
  if (text.size() > options.max_text_bytes) {
    return Status::TooLarge("quotes: text of " + std::to_string(text.size()) +
                            " bytes is over max_text_bytes (" +
                            std::to_string(options.max_text_bytes) + ")");
  }
  Document doc = detail::Prepare(text, options.max_sentence_tokens);
  const detail::Weights& weights = model_->weights();
  detail::SpanLimits limits;
  limits.max_content_tokens = std::max<size_t>(options.max_content_tokens, 1);
  std::vector<Attribution> out;
  // Every cue first: a content span must not run through another attribution's cue where a
  // quotation closes right before it ("“I love you,” he said. “He really does love us,”
  // Melanie said": the content of "Melanie said" is the second quotation only). Such a cue
  // blocks the tokens from the closing quote mark (after the quotation's own punctuation) to
  // its own end.
  struct Found {
    CueSpan cue;
    const nlp::Sentence* sentence;
    TokenSpan blocked{1, 0};
  };
  std::vector<Found> cues;
  for (const nlp::Sentence& sentence : doc.sentences) {
    std::vector<detail::Tag> tags = detail::DecodeCues(weights, doc, sentence, options.cue_bias);
    for (CueSpan cue : detail::CueSpansOf(tags, sentence.first_token)) {
      cues.push_back({cue, &sentence});
    }
  }
  constexpr size_t kQuoteToCue = 4;  // tokens between the closing mark and the cue (a source)
  std::vector<uint32_t> blocked_before(doc.info.size() + 1, 0);
  std::vector<char> in_cue(doc.info.size(), 0);
  {
    std::vector<char> blocked(doc.info.size(), 0);
    for (const Found& f : cues) {
      std::fill(in_cue.begin() + static_cast<ptrdiff_t>(f.cue.first),
                in_cue.begin() + static_cast<ptrdiff_t>(f.cue.end), 1);
    }
    for (Found& f : cues) {
      for (size_t back = 1; back <= kQuoteToCue + 1 && back <= f.cue.first; ++back) {
        const size_t j = f.cue.first - back;
        if (in_cue[j]) break;  // the quotation closes before an earlier cue: that one's
        // The quotation ends a sentence or clause of its own (",” he said"), not a phrase the
        // sentence goes on from ("was “absolutely right” when he said").
        if (doc.info[j].sentence != doc.info[f.cue.first].sentence) break;
        if (doc.info[j].quote == detail::QuoteMark::kClose && j > 0 &&
            doc.info[j - 1].shape == detail::Shape::kPunct) {
          f.blocked = TokenSpan{j, f.cue.end - 1};
          std::fill(blocked.begin() + static_cast<ptrdiff_t>(j),
                    blocked.begin() + static_cast<ptrdiff_t>(f.cue.end), 1);
          break;
        }
      }
    }
    for (size_t i = 0; i < blocked.size(); ++i)
      blocked_before[i + 1] = blocked_before[i] + blocked[i];
  }
  const std::vector<size_t> paragraph_end = ParagraphEnds(doc);
  for (const Found& f : cues) {
    const CueSpan cue = f.cue;
    const nlp::Sentence& sentence = *f.sentence;
    {
      if (options.max_attributions != 0 && out.size() >= options.max_attributions) return out;
      std::optional<TokenSpan> source =
          detail::DecodeSpan(*model_, doc, cue, detail::Role::kSource, limits);
      if (source) {
        if (auto subject = SubjectBeforeRelativeClause(doc, sentence, *source, cue.first)) {
          source = subject;
        }
      }
      detail::SpanLimits content_limits = limits;
      content_limits.blocked_before = &blocked_before;
      content_limits.own_blocked = f.blocked;
      content_limits.source = source;
      std::optional<TokenSpan> content =
          detail::DecodeSpan(*model_, doc, cue, detail::Role::kContent, content_limits);
      if (!content) continue;
      Attribution a;
      a.cue = SpanOf(doc, cue.first, cue.end - 1);
      if (source) {
        a.source = SpanOf(doc, source->first, source->last);
        a.source_kind = KindOf(doc, *source);
      }
      // The cue and any source beside it.
      size_t gap_first = cue.first, gap_last = cue.end - 1;
      if (source && source->last + 1 >= cue.first && source->first <= cue.end) {
        gap_first = std::min(gap_first, source->first);
        gap_last = std::max(gap_last, source->last);
      }
      // An interrupted quotation ("“X,” he said. “Y.”") is one content in two fragments around
      // its cue: the quotation closes before the cue and the rest of the cue's clause ends with
      // an opening quote mark (PolNeAR's convention, and the reader's: both halves are his).
      // Not when what follows is a clause of its own ("“X,” she said, and the crowd cheered.
      // “Y.”"), or a quotation with a cue of its own; then only the first half is the content,
      // even where the decoder ran on around the cue.
      std::optional<TokenSpan> second;
      if (content->first < gap_first) {
        const TokenSpan first_half{content->first, std::min(content->last, gap_first - 1)};
        const std::optional<Continuation> rest = InterruptedQuotationEnd(
            doc, first_half, cue, source, blocked_before, in_cue, limits.max_content_tokens);
        if (rest) {
          *content = first_half;
          second = TokenSpan{rest->first, rest->last};
        } else if (content->last > gap_last && first_half.last < content->last &&
                   QuotationCloses(doc, first_half, cue)) {
          *content = first_half;
        } else if (content->last > gap_last) {
          second = TokenSpan{gap_last + 1, content->last};
          content->last = gap_first - 1;
        }
      }
      if (!second && content->first >= cue.end) {
        if (auto cut = ClauseAfterContent(doc, *content)) content->last = *cut;
      }
      if (auto block =
              BlockQuotationAfter(doc, paragraph_end, cue, source, limits.max_content_tokens)) {
        *content = *block;
        second.reset();
      }
      a.direct = Direct(doc, TokenSpan{content->first, second ? second->last : content->last});
      a.content = SpanOf(doc, content->first, content->last);
      if (second) a.content.fragments.push_back(FragmentOf(doc, second->first, second->last));
      out.push_back(std::move(a));
    }
  }
  // Attributions the layout makes, where the tagger found no cue of its own.
  std::unordered_map<size_t, size_t> by_cue_begin;  // the tagger's attributions by cue start
  for (size_t k = 0; k < out.size(); ++k) by_cue_begin.emplace(out[k].cue.begin(), k);
  // A transcript: speakers' labels in capitals take turns ("WALLACE:", "PENCE:"; "Q:", "A:"),
  // and their lines are the speakers' own words. One label in capitals ("ATTENTION:") alone
  // makes no transcript.
  std::vector<std::pair<size_t, LayoutAttribution>> labelled;  // (paragraph start, label)
  std::vector<std::string_view> capitals_labels;  // the first two distinct ones
  for (size_t i = 0; i < doc.info.size(); ++i) {
    if (i > 0 && !doc.info[i].paragraph_start) continue;
    std::optional<LayoutAttribution> found =
        LabelledParagraph(doc, paragraph_end, i, limits.max_content_tokens);
    if (!found) continue;
    labelled.emplace_back(i, *found);
    if (!found->capitals_label || capitals_labels.size() >= 2) continue;
    const TokenSpan label = found->source;
    const std::string_view name = doc.text.substr(
        doc.tokens[label.first].begin, doc.tokens[label.last].end - doc.tokens[label.first].begin);
    if (capitals_labels.empty() || capitals_labels.front() != name) capitals_labels.push_back(name);
  }
  const bool transcript = capitals_labels.size() >= 2;
  size_t next_label = 0;
  for (size_t i = 0; i < doc.info.size(); ++i) {
    if (options.max_attributions != 0 && out.size() >= options.max_attributions) break;
    std::optional<LayoutAttribution> found;
    if (next_label < labelled.size() && labelled[next_label].first == i) {
      found = labelled[next_label++].second;
      if (found->capitals_label && transcript) found->direct = true;
    }
    if (!found) found = QuotationCredit(doc, paragraph_end, i, limits.max_content_tokens);
    if (!found) continue;
    if (in_cue[found->cue]) {
      // The tagger found this colon: a transcript's line is still the speaker's own words.
      const Span colon = SpanOf(doc, found->cue, found->cue);
      if (const auto it = by_cue_begin.find(colon.begin()); it != by_cue_begin.end()) {
        Attribution& a = out[it->second];
        if (a.cue.fragments == colon.fragments) a.direct = a.direct || found->direct;
      }
      continue;
    }
    Attribution a;
    a.cue = SpanOf(doc, found->cue, found->cue);
    a.source = SpanOf(doc, found->source.first, found->source.last);
    a.source_kind = KindOf(doc, found->source);
    a.content = SpanOf(doc, found->content.first, found->content.last);
    a.direct = found->direct;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace storyline::quotes
