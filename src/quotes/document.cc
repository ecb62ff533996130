#include "quotes/document.h"

#include <algorithm>
#include <string>

namespace storyline::quotes::detail {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

QuoteMark ClassifyQuote(std::string_view text, const nlp::Token& token) {
  std::string_view t = text.substr(token.begin, token.end - token.begin);
  if (t == "\u201c" || t == "\u00ab" || t == "\u201e" || t == "``") return QuoteMark::kOpen;
  if (t == "\u201d" || t == "\u00bb") return QuoteMark::kClose;
  if (t == "\u2018" || t == "\u2019" || t == "'") return QuoteMark::kSingle;
  if (t == "\"" || t == "''") {
    bool space_before = token.begin == 0 || IsSpace(text[token.begin - 1]) ||
                        text[token.begin - 1] == '(' || text[token.begin - 1] == '[';
    bool space_after = token.end >= text.size() || IsSpace(text[token.end]);
    if (space_before && !space_after) return QuoteMark::kOpen;
    if (!space_before && space_after) return QuoteMark::kClose;
    if (!space_before) {
      char next = text[token.end];
      if (next == ',' || next == '.' || next == ';' || next == ':' || next == ')' || next == '?' ||
          next == '!') {
        return QuoteMark::kClose;
      }
    }
    return QuoteMark::kSingle;  // undecided; resolved by the running state below
  }
  return QuoteMark::kNone;
}

Shape ShapeOf(std::string_view t) {
  bool lower = false, upper = false, digit = false, other = false, alpha_first = false;
  bool upper_first = false;
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
      if (i == 0) upper_first = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c >= 0x80) {
      other = true;
    }
    if (i == 0) alpha_first = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (digit && !lower && !upper) return Shape::kDigit;
  if (!lower && !upper && !digit) return other ? Shape::kOther : Shape::kPunct;
  if (upper_first && lower && !digit) {
    bool rest_lower = true;
    for (size_t i = 1; i < t.size(); ++i) {
      if (t[i] >= 'A' && t[i] <= 'Z') rest_lower = false;
    }
    return rest_lower ? Shape::kCapital : Shape::kMixed;
  }
  if (upper && !lower) return Shape::kUpper;
  if (lower && !upper && !digit && alpha_first) return Shape::kLower;
  return Shape::kMixed;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Inflectional suffixes off: "says" "saying" "said"→"said", "noted"→"not", "denies"→"deny".
std::string Stem(std::string_view token) {
  std::string s(token);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  if (EndsWith(s, "\u2019s") || EndsWith(s, "'s")) return s;
  if (EndsWith(s, "ing") && s.size() >= 6) {
    s.resize(s.size() - 3);
  } else if (EndsWith(s, "ied") || (EndsWith(s, "ies") && s.size() >= 5)) {
    s.resize(s.size() - 3);
    s += 'y';
  } else if (EndsWith(s, "ed") && s.size() >= 5) {
    s.resize(s.size() - 2);
  } else if (EndsWith(s, "es") && s.size() >= 5 &&
             (s[s.size() - 3] == 's' || s[s.size() - 3] == 'x' || s[s.size() - 3] == 'h')) {
    s.resize(s.size() - 2);
  } else if (EndsWith(s, "s") && !EndsWith(s, "ss") && s.size() >= 4) {
    s.resize(s.size() - 1);
  }
  return s;
}

bool IsSpeakerPronoun(uint64_t word) {
  static constexpr uint64_t kPronouns[] = {HashLower("he"), HashLower("she"), HashLower("they"),
                                           HashLower("i"),  HashLower("we"),  HashLower("it"),
                                           HashLower("you")};
  return std::find(std::begin(kPronouns), std::end(kPronouns), word) != std::end(kPronouns);
}

}  // namespace

Document Prepare(std::string_view text, size_t max_sentence_tokens) {
  Document doc;
  doc.text = text;
  doc.tokens = nlp::Tokenize(text);
  std::vector<nlp::Sentence> sentences = nlp::SplitSentences(text, doc.tokens);
  const size_t n = doc.tokens.size();
  const size_t piece = std::max<size_t>(max_sentence_tokens, 8);

  // Sentences that cover every token, long ones cut into pieces.
  size_t next = 0;
  auto add = [&](size_t first, size_t end) {
    while (first < end) {
      size_t stop = std::min(end, first + piece);
      nlp::Sentence s;
      s.first_token = first;
      s.end_token = stop;
      s.begin = doc.tokens[first].begin;
      s.end = doc.tokens[stop - 1].end;
      doc.sentences.push_back(s);
      first = stop;
    }
  };
  for (const nlp::Sentence& s : sentences) {
    size_t first = std::max(s.first_token, next);
    size_t end = std::min(s.end_token, n);
    if (first >= end) continue;
    add(next, first);  // tokens the splitter left out
    add(first, end);
    next = end;
  }
  add(next, n);

  doc.info.resize(n);
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    for (size_t i = doc.sentences[si].first_token; i < doc.sentences[si].end_token; ++i) {
      doc.info[i].sentence = static_cast<uint32_t>(si);
    }
  }
  bool open = false;
  bool opens_next_paragraph = false;
  doc.quotes_before.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    std::string_view t = doc.TokenText(i);
    doc.quotes_before[i + 1] = doc.quotes_before[i] + (nlp::IsQuoteMark(t) ? 1 : 0);
    if (nlp::IsQuoteMark(t)) {
      const nlp::Sentence& s = doc.sentences[doc.info[i].sentence];
      for (size_t j = i + 1; j < s.end_token && !doc.info[j].quote_earlier; ++j) {
        doc.info[j].quote_earlier = true;
      }
      for (size_t j = i; j > s.first_token && !doc.info[j - 1].quote_later; --j) {
        doc.info[j - 1].quote_later = true;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    TokenInfo& info = doc.info[i];
    std::string_view t = doc.TokenText(i);
    info.word = HashLower(t);
    info.stem = HashLower(Stem(t));
    info.suffix = HashLower(t.substr(t.size() > 3 ? t.size() - 3 : 0));
    info.pronoun = IsSpeakerPronoun(info.word);
    size_t gap_begin = i == 0 ? 0 : doc.tokens[i - 1].end;
    info.paragraph_start =
        i == 0 || text.substr(gap_begin, doc.tokens[i].begin - gap_begin).find('\n') !=
                      std::string_view::npos;
    // Quotations do not run over paragraphs unclosed, unless the paragraph before ended with
    // the mark that opens this one (below).
    if (info.paragraph_start) {
      open = opens_next_paragraph;
      opens_next_paragraph = false;
    }
    info.quote = ClassifyQuote(text, doc.tokens[i]);
    if (info.quote == QuoteMark::kSingle && (t == "\"" || t == "''")) {
      info.quote = open ? QuoteMark::kClose : QuoteMark::kOpen;
    }
    // A straight quote mark that closes nothing at the end of a paragraph ("... Peskov
    // said.\"" then "The main thing ...,\" he told reporters.") opens the next one: pages
    // flattened to text move it there.
    if (info.quote == QuoteMark::kClose && !open && t == "\"" && i + 1 < n &&
        text.substr(doc.tokens[i].end, doc.tokens[i + 1].begin - doc.tokens[i].end).find('\n') !=
            std::string_view::npos) {
      info.quote = QuoteMark::kOpen;
      opens_next_paragraph = true;
    }
    if (info.quote != QuoteMark::kNone) {
      info.shape = Shape::kQuote;
    } else {
      info.shape = ShapeOf(t);
    }
    if (info.quote == QuoteMark::kOpen) {
      open = true;
    } else if (info.quote == QuoteMark::kClose) {
      open = false;
    } else {
      info.inside_quote = open;
    }
  }
  return doc;
}

}  // namespace storyline::quotes::detail
