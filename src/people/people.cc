#include "people/people.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

namespace storyline::people {
namespace {

using nlp::Sentence;
using nlp::Token;

// Words that head a role phrase. Linguistic knowledge about titles, not about any page.
constexpr std::string_view kRoleHeads[] = {
    "adviser",      "advisor",     "aide",          "ambassador",     "analyst",
    "anchor",       "attorney",    "author",        "boss",           "captain",
    "ceo",          "cfo",         "chair",         "chairman",       "chairwoman",
    "chancellor",   "chief",       "coach",         "colonel",        "commander",
    "commissioner", "congressman", "congresswoman", "correspondent",  "councillor",
    "councilman",   "counsel",     "deputy",        "diplomat",       "director",
    "economist",    "editor",      "emir",          "envoy",          "executive",
    "founder",      "general",     "governor",      "head",           "inspector",
    "journalist",   "judge",       "king",          "leader",         "lawmaker",
    "lawyer",       "lieutenant",  "manager",       "marshal",        "mayor",
    "member",       "minister",    "negotiator",    "officer",        "official",
    "owner",        "partner",     "pope",          "premier",        "president",
    "presenter",    "prince",      "princess",      "professor",      "prosecutor",
    "queen",        "rapporteur",  "reporter",      "representative", "researcher",
    "secretary",    "senator",     "sergeant",      "speaker",        "spokesman",
    "spokesperson", "spokeswoman", "strategist",    "superintendent", "treasurer",
    "chairperson",  "coordinator", "delegate",      "dean",           "investigator",
    "legislator",   "monarch",     "ombudsman",     "pastor",         "patriarch",
    "sheikh",       "scientist",   "sultan",        "nominee",        "candidate",
    "hopeful",      "challenger",  "incumbent",     "host",           "moderator",
    "commentator",  "columnist",   "pollster",      "activist",       "sheriff",
    "historian",    "physician",   "surgeon",       "campaigner",     "organizer",
    "organiser",    "justice"};

// Lowercase words that may stand before a role head inside a role ("presidential aide",
// "former defense minister"). Adjectives ending in -al/-ial/-ian/-ese/-ish are taken too.
constexpr std::string_view kRoleModifiers[] = {
    "acting",   "assistant", "associate", "chief",  "defense",   "defence",
    "deputy",   "executive", "first",     "foreign", "former",   "general",
    "interior", "junior",    "lead",      "managing", "press",   "prime",
    "senior",   "top",       "vice",      "then",    "outgoing", "incoming"};

constexpr std::string_view kConnectors[] = {"of", "for", "the", "at", "to", "on"};
constexpr std::string_view kPronouns[] = {"he",  "she", "him",    "his",   "her",
                                                       "they", "i",  "himself", "herself"};
constexpr std::string_view kDeterminers[] = {"the", "a",     "an",   "this",
                                                          "that", "these", "its", "their"};
constexpr std::string_view kHonorifics[] = {"mr", "mrs", "ms", "dr", "sir", "mr.",
                                                         "dr."};
// Nouns that end the name of an office or body ("General Staff", "Security Council"): a
// tagger may run such a title into the name after it ("Staff Valery Gerasimov").
constexpr std::string_view kBodyHeads[] = {
    "administration", "agency",     "army",       "assembly",  "bank",       "board",
    "bureau",         "command",    "commission", "committee", "corps",      "council",
    "court",          "department", "directorate", "fleet",    "force",      "forces",
    "government",     "guard",      "house",      "ministry",  "navy",       "office",
    "parliament",     "party",      "police",     "senate",    "service",    "staff",
    "union"};

// Words after which an apposition before a name may start ("by spokesman X").
constexpr std::string_view kClauseOpeners[] = {",", "by", "from", "with", "to", "including",
                                               "said", "says", "the", "and"};
// Role heads that name the same job.
constexpr std::string_view kSpokesWords[] = {"spokesman", "spokesperson",
                                                          "spokeswoman", "secretary"};

template <size_t N>
bool In(const std::string_view (&words)[N], std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Text(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

UChar32 FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool IsCapitalized(std::string_view w) { return u_isupper(FirstCodePoint(w)) != 0; }
bool IsWordToken(std::string_view w) { return u_isalpha(FirstCodePoint(w)) != 0; }
bool IsPossessive(std::string_view w) {
  return w == "'s" || w == "\u2019s" || w == "'" || w == "\u2019";
}

// "Sen.", "Gov.", "Rep.", "Dr.": a capitalised abbreviation of a title.
bool IsTitleAbbreviation(std::string_view w) {
  return w.size() >= 3 && w.size() <= 5 && w.back() == '.' && IsCapitalized(w) &&
         w.find('.') == w.size() - 1;
}

bool IsRoleModifier(std::string_view lower) {
  if (In(kRoleModifiers, lower)) return true;
  for (std::string_view suffix : {"al", "ial", "ian", "ese", "ish", "ary"}) {
    if (lower.size() > suffix.size() + 3 && lower.ends_with(suffix)) return true;
  }
  return false;
}

// Index of the token that starts at or contains byte `at`, or tokens.size().
size_t TokenAt(const std::vector<Token>& tokens, size_t at) {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), at,
                             [](const Token& t, size_t pos) { return t.end <= pos; });
  return static_cast<size_t>(it - tokens.begin());
}

size_t SentenceOf(const std::vector<Sentence>& sentences, size_t token) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), token,
                             [](size_t t, const Sentence& s) { return t < s.end_token; });
  return std::min(static_cast<size_t>(it - sentences.begin()),
                  sentences.empty() ? 0 : sentences.size() - 1);
}

struct TokenRange {
  size_t first = 0;
  size_t end = 0;  // exclusive
};

// Role phrases are at most this many tokens.
constexpr size_t kMaxRoleTokens = 10;

class RoleFinder {
 public:
  RoleFinder(std::string_view text, const std::vector<Token>& tokens,
             const std::vector<Sentence>& sentences, std::vector<bool> in_name = {})
      : text_(text), tokens_(tokens), sentences_(sentences), in_name_(std::move(in_name)) {}

  // The role phrase ending right before token `end` (exclusive), walking left; stops at
  // a sentence start, punctuation, or a lowercase word that cannot be part of a title.
  std::optional<TokenRange> Before(size_t end) const {
    const size_t floor = sentences_.empty() ? 0 : sentences_[SentenceOf(sentences_, end)].first_token;
    size_t first = end;
    bool has_head = false;
    while (first > floor && end - first < kMaxRoleTokens) {
      const std::string_view w = Text(text_, tokens_[first - 1]);
      const std::string lower = AsciiLower(w);
      if (!IsWordToken(w) && !IsPossessive(w)) break;
      if (IsPossessive(w)) {
        // "Russia's presidential press secretary": the owner belongs to the role.
        if (first - 1 > floor && IsCapitalized(Text(text_, tokens_[first - 2]))) {
          first -= 2;
          continue;
        }
        break;
      }
      if (IsRoleHead(lower)) {
        has_head = true;
      } else if (IsCapitalized(w)) {
        // Title words and names of offices ("Federal Security Service").
      } else if (In(kConnectors, lower)) {
        // "of the", "for the" only inside a title: a capitalized word or a role head must
        // stand before the run of connectors.
        size_t k = first - 1;
        while (k > floor && In(kConnectors, AsciiLower(Text(text_, tokens_[k - 1])))) --k;
        if (k == floor) break;
        const std::string_view left = Text(text_, tokens_[k - 1]);
        if (!IsCapitalized(left) && !IsRoleHead(AsciiLower(left))) break;
        first = k;
        continue;
      } else if (!(has_head && IsRoleModifier(lower))) {
        break;
      }
      --first;
    }
    return Trim({first, end}, has_head);
  }

  // The apposition after a name: ", commander of the Pacific Fleet," or ", the Kremlin
  // spokesman." — `after` is the token after the name.
  std::optional<TokenRange> After(size_t after) const {
    if (after >= tokens_.size() || Text(text_, tokens_[after]) != ",") return std::nullopt;
    const size_t limit = sentences_.empty() ? tokens_.size()
                                            : sentences_[SentenceOf(sentences_, after)].end_token;
    size_t end = after + 1;
    bool has_head = false;
    while (end < limit && end - after <= kMaxRoleTokens) {
      const std::string_view w = Text(text_, tokens_[end]);
      const std::string lower = AsciiLower(w);
      if (w == "," || w == "." || w == ")" || w == ";") break;
      if (end < in_name_.size() && in_name_[end]) return std::nullopt;  // another person
      if (IsRoleHead(lower)) {
        has_head = true;
      } else if (IsPossessive(w) || IsCapitalized(w) || In(kConnectors, lower) ||
                 In(kDeterminers, lower) || lower == "and" || IsRoleModifier(lower)) {
      } else {
        return std::nullopt;  // a clause, not an apposition
      }
      ++end;
    }
    if (end >= limit && end < tokens_.size()) return std::nullopt;
    if (end < tokens_.size()) {
      const std::string_view stop = Text(text_, tokens_[end]);
      if (stop != "," && stop != "." && stop != ")" && stop != ";") return std::nullopt;
    }
    return Trim({after + 1, end}, has_head);
  }

  std::string Words(TokenRange r) const {
    std::string out;
    for (size_t i = r.first; i < r.end; ++i) {
      const std::string_view w = Text(text_, tokens_[i]);
      if (!out.empty() && !IsPossessive(w) && tokens_[i].begin > tokens_[i - 1].end) out += ' ';
      out += w;
    }
    return out;
  }

 private:
  // Drops determiners and connectors at the edges; a role needs a head word.
  std::optional<TokenRange> Trim(TokenRange r, bool has_head) const {
    if (!has_head) return std::nullopt;
    while (r.first < r.end) {
      const std::string lower = AsciiLower(Text(text_, tokens_[r.first]));
      // A sentence-initial participle is not a title: "Referring to US President".
      const bool participle = lower.size() > 4 && (lower.ends_with("ing") || lower.ends_with("ed"));
      // "As CNN's chief medical correspondent Dr. Sanjay Gupta put it": "as" is no title.
      if (!In(kDeterminers, lower) && !In(kConnectors, lower) && lower != "and" && lower != "as" &&
          !participle) {
        break;
      }
      ++r.first;
    }
    while (r.end > r.first) {
      const std::string_view w = Text(text_, tokens_[r.end - 1]);
      const std::string lower = AsciiLower(w);
      // A title before the name is the name's styling, not the role: "former presidential
      // candidate Sen. Bernie Sanders" is a former candidate.
      if (!In(kConnectors, lower) && lower != "and" && !IsTitleAbbreviation(w)) break;
      --r.end;
    }
    if (r.first >= r.end) return std::nullopt;
    size_t last_head = r.end;
    for (size_t i = r.first; i < r.end; ++i) {
      if (IsRoleHead(AsciiLower(Text(text_, tokens_[i])))) last_head = i;
    }
    if (last_head == r.end) return std::nullopt;
    // What follows the head names its office ("Secretary of State", "Chief of the General
    // Staff"); a connector written in capitals after it is a headline's Title Case ("Moderator
    // To Fact Check"): a headline's words, not a role.
    if (last_head + 1 < r.end) {
      const std::string_view next = Text(text_, tokens_[last_head + 1]);
      if (IsCapitalized(next) && In(kConnectors, AsciiLower(next))) return std::nullopt;
    }
    return r;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<Sentence>& sentences_;
  std::vector<bool> in_name_;  // per token: part of a person's name
};

void AddRole(Person& person, std::string role) {
  if (role.empty()) return;
  const std::string lower = AsciiLower(role);
  for (const std::string& r : person.roles) {
    if (AsciiLower(r) == lower) return;
  }
  person.roles.push_back(std::move(role));
}

// Folds transliteration variants of one lowercase name word.
std::string FoldNameWord(std::string w) {
  std::string out;
  for (char c : w) {
    if (c == 'x' && !out.empty()) {  // "Alexey" → "aleksei"; "Xi" stays "xi"
      out += "ks";
    } else {
      out += c;
    }
  }
  auto replace_end = [&](std::string_view from, std::string_view to) {
    if (out.size() > from.size() + 1 && out.ends_with(from)) {
      out.replace(out.size() - from.size(), from.size(), to);
      return true;
    }
    return false;
  };
  replace_end("iy", "i") || replace_end("yy", "i") || replace_end("ii", "i") ||
      replace_end("ey", "ei") || replace_end("y", "i");
  return out;
}

}  // namespace

bool IsRoleHead(std::string_view lower_word) { return In(kRoleHeads, lower_word); }

std::string PersonKey(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (U_SUCCESS(status)) u = nfd->normalize(u, status);
  u.toLower();
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(FoldNameWord(std::move(word)));
    word.clear();
  };
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x2019 || c == '\'') {
      // "O'Brien" keeps its letters together; a possessive "'s" at the end is dropped.
      if (i < u.length() && u.char32At(i) == 's' && i + 1 >= u.length()) break;
      continue;
    }
    if (u_isalnum(c)) {
      std::string utf8;
      icu::UnicodeString(c).toUTF8String(utf8);
      word += utf8;
    } else {
      flush();
    }
  }
  flush();
  while (words.size() > 1 && In(kHonorifics, words.front())) words.erase(words.begin());
  std::string key;
  for (const std::string& w : words) {
    if (!key.empty()) key += '-';
    key += w;
  }
  return key;
}

std::string_view SurnameOfKey(std::string_view key) {
  const size_t dash = key.rfind('-');
  return dash == std::string_view::npos ? key : key.substr(dash + 1);
}

People FindPeople(std::string_view text, const std::vector<Token>& tokens,
                  const std::vector<Sentence>& sentences, const std::vector<Span>& names) {
  // Snap the spans to tokens, drop a trailing possessive, keep them in order, no overlaps.
  std::vector<TokenRange> ranges;
  for (const Span& s : names) {
    if (s.empty() || s.end > text.size()) continue;
    TokenRange r{TokenAt(tokens, s.begin), TokenAt(tokens, s.end - 1) + 1};
    if (r.end > tokens.size()) r.end = tokens.size();
    while (r.end > r.first && !IsWordToken(Text(text, tokens[r.end - 1]))) --r.end;
    // "Chief of the General [Staff Valery Gerasimov]": the body's name is not the person's.
    while (r.end - r.first >= 3 && r.first > 0 && IsCapitalized(Text(text, tokens[r.first - 1])) &&
           In(kBodyHeads, AsciiLower(Text(text, tokens[r.first])))) {
      ++r.first;
    }
    if (r.first < r.end) ranges.push_back(r);
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const TokenRange& a, const TokenRange& b) { return a.first < b.first; });
  std::vector<TokenRange> kept;
  for (const TokenRange& r : ranges) {
    if (!kept.empty() && r.first < kept.back().end) continue;
    kept.push_back(r);
  }

  People out;
  std::map<std::string, size_t> by_key;
  std::vector<std::optional<size_t>> owner(kept.size());
  auto name_of = [&](TokenRange r) {
    return std::string(text.substr(tokens[r.first].begin, tokens[r.end - 1].end - tokens[r.first].begin));
  };
  // Full names first: each key is one person.
  for (size_t i = 0; i < kept.size(); ++i) {
    const std::string name = name_of(kept[i]);
    const std::string key = PersonKey(name);
    if (key.empty() || key.find('-') == std::string::npos) continue;
    auto [it, added] = by_key.emplace(key, out.people.size());
    if (added) out.people.push_back({key, name, {}, {}});
    Person& p = out.people[it->second];
    if (name.size() > p.name.size()) p.name = name;
    owner[i] = it->second;
  }
  // Single names: the full-named person with that surname (the nearest one before, if
  // several), else a person of their own.
  for (size_t i = 0; i < kept.size(); ++i) {
    if (owner[i]) continue;
    const std::string key = PersonKey(name_of(kept[i]));
    if (key.empty()) continue;
    std::optional<size_t> match;
    for (size_t j = 0; j < kept.size(); ++j) {
      if (!owner[j] || out.people[*owner[j]].key.find('-') == std::string::npos) continue;
      const std::string& full = out.people[*owner[j]].key;
      if (SurnameOfKey(full) != key && full.substr(0, full.find('-')) != key) continue;
      if (!match || j < i) match = owner[j];
    }
    if (!match) {
      auto [it, added] = by_key.emplace(key, out.people.size());
      if (added) out.people.push_back({key, name_of(kept[i]), {}, {}});
      match = it->second;
    }
    owner[i] = match;
  }
  // Mentions and roles.
  std::vector<bool> in_name(tokens.size(), false);
  for (const TokenRange& r : kept) {
    for (size_t i = r.first; i < r.end; ++i) in_name[i] = true;
  }
  const RoleFinder roles(text, tokens, sentences, std::move(in_name));
  for (size_t i = 0; i < kept.size(); ++i) {
    if (!owner[i]) continue;
    Person& p = out.people[*owner[i]];
    const TokenRange r = kept[i];
    p.mentions.push_back({{tokens[r.first].begin, tokens[r.end - 1].end}, MentionKind::kName});
    std::optional<TokenRange> role = roles.Before(r.first);
    if (!role && r.first > 0 && Text(text, tokens[r.first - 1]) == ",") {
      // "Press Secretary for the President of the Russian Federation, Dmitry Peskov": an
      // apposition before the name, from the start of the sentence or a preposition.
      std::optional<TokenRange> before = roles.Before(r.first - 1);
      if (before) {
        const size_t s =
            sentences.empty() ? 0 : sentences[SentenceOf(sentences, r.first)].first_token;
        const std::string prev =
            before->first > s ? AsciiLower(Text(text, tokens[before->first - 1])) : "";
        if (before->first == s || In(kClauseOpeners, prev)) role = before;
      }
    }
    if (role) AddRole(p, roles.Words(*role));
    if (std::optional<TokenRange> after = roles.After(r.end)) AddRole(p, roles.Words(*after));
  }
  // People in order of first mention.
  std::stable_sort(out.people.begin(), out.people.end(), [](const Person& a, const Person& b) {
    const size_t ma = a.mentions.empty() ? SIZE_MAX : a.mentions.front().span.begin;
    const size_t mb = b.mentions.empty() ? SIZE_MAX : b.mentions.front().span.begin;
    return ma < mb;
  });
  return out;
}

std::optional<size_t> ResolveSpeaker(std::string_view text, const std::vector<Token>& tokens,
                                     const std::vector<Sentence>& sentences, Span source,
                                     const std::vector<SpeakerRef>& earlier_speakers,
                                     People& people) {
  if (source.empty() || source.end > text.size() || tokens.empty()) return std::nullopt;
  // A named person inside the span: the last name mentioned in it ("Kremlin spokesman
  // Dmitry Peskov", "Peskov").
  std::optional<size_t> named;
  size_t named_at = 0;
  for (size_t p = 0; p < people.people.size(); ++p) {
    for (const Mention& m : people.people[p].mentions) {
      // Overlap, not containment: the source may be part of the name ("Tikhiy" in
      // "Georgiy Tikhiy").
      if (m.kind == MentionKind::kName && m.span.begin < source.end &&
          source.begin < m.span.end && (!named || m.span.begin >= named_at)) {
        named = p;
        named_at = m.span.begin;
      }
    }
  }
  if (named) return named;
  {
    // A name the tagger missed in this place: the person whose name or surname it is.
    const std::string key = PersonKey(text.substr(source.begin, source.end - source.begin));
    if (!key.empty()) {
      for (size_t p = 0; p < people.people.size(); ++p) {
        const std::string& k = people.people[p].key;
        if (k == key || (key.find('-') == std::string::npos && SurnameOfKey(k) == key)) {
          people.people[p].mentions.push_back({source, MentionKind::kName});
          std::sort(people.people[p].mentions.begin(), people.people[p].mentions.end(),
                    [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
          return p;
        }
      }
    }
  }

  const size_t first = TokenAt(tokens, source.begin);
  const size_t last = std::min(TokenAt(tokens, source.end - 1), tokens.size() - 1);
  if (first > last) return std::nullopt;
  std::vector<std::string> words;
  for (size_t i = first; i <= last; ++i) {
    const std::string_view w = Text(text, tokens[i]);
    if (IsWordToken(w)) words.push_back(AsciiLower(w));
  }
  if (words.empty()) return std::nullopt;
  const bool pronoun = words.size() == 1 && In(kPronouns, words.front()) &&
                       words.front() != "they" && words.front() != "i";
  std::string head;
  for (const std::string& w : words) {
    if (IsRoleHead(w)) head = w;
  }
  const bool nominal = !pronoun && !head.empty() && In(kDeterminers, words.front());
  if (!pronoun && !nominal) return std::nullopt;

  const size_t sentence = SentenceOf(sentences, first);
  constexpr size_t kWindow = 3;  // sentences back that a pronoun may reach
  auto within_window = [&](size_t at) {
    const size_t s = SentenceOf(sentences, TokenAt(tokens, at));
    return s <= sentence && sentence - s <= kWindow;
  };
  std::optional<size_t> found;
  if (nominal) {
    // The person whose role shares the head noun; the most recently mentioned if several.
    size_t best_at = 0;
    const bool spokes = In(kSpokesWords, head);
    for (size_t p = 0; p < people.people.size(); ++p) {
      bool shares = false;
      for (const std::string& role : people.people[p].roles) {
        for (size_t a = 0, b; a < role.size(); a = b + 1) {
          b = role.find(' ', a);
          if (b == std::string::npos) b = role.size();
          const std::string w = AsciiLower(std::string_view(role).substr(a, b - a));
          shares = shares || w == head || (spokes && In(kSpokesWords, w));
        }
      }
      if (!shares) continue;
      // A mention before the source, or in its sentence ("The regional governor, Roman
      // Busargin, stated"); the nearest before wins, one in the sentence beats them all.
      for (const Mention& m : people.people[p].mentions) {
        const bool same_sentence = SentenceOf(sentences, TokenAt(tokens, m.span.begin)) == sentence;
        const size_t rank = same_sentence ? SIZE_MAX : m.span.begin;
        if ((m.span.begin < source.begin || same_sentence) && (!found || rank >= best_at)) {
          found = p;
          best_at = rank;
        }
      }
    }
  }
  if (!found) {
    // The latest earlier speaker within the window.
    for (auto it = earlier_speakers.rbegin(); it != earlier_speakers.rend(); ++it) {
      if (it->at < source.begin && it->person < people.people.size() && within_window(it->at)) {
        found = it->person;
        break;
      }
    }
  }
  if (!found) {
    // The first person named in the nearest earlier sentence (or earlier in this one).
    for (size_t back = 0; back <= kWindow && back <= sentence && !found; ++back) {
      const size_t s = sentence - back;
      const size_t lo = sentences.empty() ? 0 : tokens[sentences[s].first_token].begin;
      const size_t hi = back == 0 ? source.begin : (sentences.empty() ? text.size() : sentences[s].end);
      size_t best_at = SIZE_MAX;
      for (size_t p = 0; p < people.people.size(); ++p) {
        for (const Mention& m : people.people[p].mentions) {
          if (m.kind == MentionKind::kName && m.span.begin >= lo && m.span.end <= hi &&
              m.span.begin < best_at) {
            best_at = m.span.begin;
            found = p;
          }
        }
      }
    }
  }
  if (!found) return std::nullopt;
  Person& person = people.people[*found];
  person.mentions.push_back({source, pronoun ? MentionKind::kPronoun : MentionKind::kNominal});
  std::sort(person.mentions.begin(), person.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  if (nominal && words.size() >= 3) {
    // "the Kremlin spokesman" tells a role; "the official" does not.
    TokenRange r{first, last + 1};
    while (r.first < r.end && In(kDeterminers, AsciiLower(Text(text, tokens[r.first])))) ++r.first;
    AddRole(person, RoleFinder(text, tokens, sentences).Words(r));
  }
  return found;
}

}  // namespace storyline::people
