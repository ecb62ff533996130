#include "people/analyze.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <map>
#include <set>
#include <string>

#include "people/people.h"

namespace storyline::people {
namespace {

TextSpan MakeSpan(std::string_view text, const quotes::Span& span) {
  TextSpan out;
  out.begin = span.begin();
  out.end = span.end();
  for (const quotes::Fragment& f : span.fragments) {
    if (f.end > text.size() || f.begin >= f.end) continue;
    if (!out.text.empty()) out.text += ' ';
    out.text += text.substr(f.begin, f.end - f.begin);
  }
  if (span.fragments.size() > 1) {
    for (const quotes::Fragment& f : span.fragments) out.fragments.emplace_back(f.begin, f.end);
  }
  return out;
}

enum class MarkFamily { kDouble, kSingle };
struct Mark {
  MarkFamily family;
  bool opens;
  bool closes;
};

// What a quote-mark token can do, from its character and what stands around it.
std::optional<Mark> ClassifyMark(std::string_view text, const nlp::Token& t) {
  const std::string_view m = nlp::TokenText(text, t);
  if (!nlp::IsQuoteMark(m)) return std::nullopt;
  const bool space_before = t.begin == 0 || std::isspace(static_cast<unsigned char>(text[t.begin - 1])) ||
                            text[t.begin - 1] == '(' || text[t.begin - 1] == '[';
  const bool space_after = t.end >= text.size() || std::isspace(static_cast<unsigned char>(text[t.end]));
  if (m == "\u201c" || m == "\u201e" || m == "\u00ab") return Mark{MarkFamily::kDouble, true, false};
  if (m == "\u201d" || m == "\u00bb") return Mark{MarkFamily::kDouble, false, true};
  if (m == "\u2018" || m == "\u201a" || m == "\u2039") return Mark{MarkFamily::kSingle, true, false};
  if (m == "\u2019" || m == "\u203a") return Mark{MarkFamily::kSingle, false, true};
  if (m == "\"" || m == "``" || m == "''") {
    return Mark{MarkFamily::kDouble, space_before || !space_after, !space_before || space_after};
  }
  if (m == "'" || m == "`") {
    return Mark{MarkFamily::kSingle, space_before && !space_after, !space_before};
  }
  return std::nullopt;
}

// The passages between matching quote marks ("…", “…”, '…', ‘…’, «…»), inside one
// paragraph: byte spans of what is quoted, marks excluded, in text order.
std::vector<std::pair<size_t, size_t>> QuotedPassages(std::string_view text,
                                                      const std::vector<nlp::Token>& tokens) {
  std::vector<std::pair<size_t, size_t>> out;
  std::vector<std::pair<MarkFamily, size_t>> open;  // family, end of the opening mark
  size_t last_end = 0;
  for (const nlp::Token& t : tokens) {
    if (text.substr(last_end, t.begin - last_end).find("\n\n") != std::string_view::npos) {
      open.clear();  // a paragraph break ends every open quotation
    }
    last_end = t.end;
    const std::optional<Mark> mark = ClassifyMark(text, t);
    if (!mark) continue;
    if (mark->closes && !open.empty() && open.back().first == mark->family) {
      if (t.begin > open.back().second) out.emplace_back(open.back().second, t.begin);
      open.pop_back();
    } else if (mark->opens && open.size() < 8) {
      open.emplace_back(mark->family, t.end);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool w = !std::isspace(static_cast<unsigned char>(c));
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words;
}

// How much of [b, e) lies inside [pb, pe).
size_t Overlap(size_t b, size_t e, size_t pb, size_t pe) {
  const size_t lo = std::max(b, pb), hi = std::min(e, pe);
  return hi > lo ? hi - lo : 0;
}

}  // namespace

Result<Analyzer> Analyzer::Default() {
  Result<nlp::NerTagger> ner = nlp::NerTagger::Default();
  if (!ner.ok()) return ner.status().WithContext("loading the NER model");
  Result<quotes::QuoteFinder> finder = quotes::QuoteFinder::FromEmbedded();
  if (!finder.ok()) return finder.status().WithContext("loading the quote model");
  return Analyzer(std::move(*ner), std::move(*finder));
}

Analyzer::Analyzer(nlp::NerTagger ner, quotes::QuoteFinder quotes)
    : ner_(std::move(ner)),
      quotes_(std::make_shared<const quotes::QuoteFinder>(std::move(quotes))) {}

Result<ArticleAnalysis> Analyzer::Analyze(std::string_view text,
                                          const AnalyzeOptions& options) const {
  if (text.size() > options.max_text_bytes) {
    return Status::TooLarge("text of " + std::to_string(text.size()) +
                            " bytes is over the analysis limit of " +
                            std::to_string(options.max_text_bytes));
  }
  const std::vector<nlp::Token> tokens = nlp::Tokenize(text);
  const std::vector<nlp::Sentence> sentences = nlp::SplitSentences(text, tokens);
  std::vector<nlp::Entity> entities = ner_.Tag(text, tokens, sentences);
  // One sense per article: a mention whose words are the full name or surname of a person
  // the article names in full is that person, whatever type the tagger gave it there.
  {
    std::set<std::string> full_keys, surnames;
    for (const nlp::Entity& e : entities) {
      if (e.type != nlp::EntityType::kPerson) continue;
      const std::string key = PersonKey(text.substr(e.begin, e.end - e.begin));
      if (key.find('-') == std::string::npos) continue;
      full_keys.insert(key);
      surnames.insert(std::string(SurnameOfKey(key)));
    }
    for (nlp::Entity& e : entities) {
      if (e.type == nlp::EntityType::kPerson) continue;
      const std::string key = PersonKey(text.substr(e.begin, e.end - e.begin));
      if (full_keys.count(key) || surnames.count(key)) e.type = nlp::EntityType::kPerson;
    }
  }

  std::vector<Span> names;
  for (const nlp::Entity& e : entities) {
    if (e.type == nlp::EntityType::kPerson) names.push_back({e.begin, e.end});
  }
  People people = FindPeople(text, tokens, sentences, names);

  Result<std::vector<quotes::Attribution>> found = quotes_->Find(text, options.quotes);
  if (!found.ok()) return found.status();

  // Attributions whose cue and source both sit inside one quotation are the quotation's
  // own words ("'We have repeatedly said that …,'" inside Peskov's quote), not a new quote.
  const std::vector<std::pair<size_t, size_t>> passages = QuotedPassages(text, tokens);
  std::vector<quotes::Attribution> kept;
  for (quotes::Attribution& a : *found) {
    bool inside = false;
    for (const auto& [pb, pe] : passages) {
      const bool cue_in = !a.cue.empty() && a.cue.begin() >= pb && a.cue.end() <= pe;
      const bool source_in = !a.source || a.source->empty() ||
                             (a.source->begin() >= pb && a.source->end() <= pe);
      inside = inside || (cue_in && source_in);
    }
    if (!inside) kept.push_back(std::move(a));
  }
  *found = std::move(kept);

  // A quotation followed by a speaker and a verb the cue tagger did not take as a cue
  // ("“…,” the Kremlin spokesperson stated."): the verb is the cue, the phrase the source.
  auto lower_at = [&](size_t i) {
    std::string w(nlp::TokenText(text, tokens[i]));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return w;
  };
  auto is_word = [&](size_t i) {
    const std::string_view w = nlp::TokenText(text, tokens[i]);
    return !w.empty() && std::isalpha(static_cast<unsigned char>(w.front())) != 0;
  };
  for (const auto& [pb, pe] : passages) {
    if (CountWords(text.substr(pb, pe - pb)) < 4) continue;
    bool taken = false;
    for (const quotes::Attribution& a : *found) {
      taken = taken || Overlap(a.content.begin(), a.content.end(), pb, pe) * 2 > pe - pb ||
              (!a.cue.empty() && a.cue.begin() >= pe && a.cue.begin() <= pe + 80);
    }
    if (taken) continue;
    size_t i = std::lower_bound(tokens.begin(), tokens.end(), pe,
                                [](const nlp::Token& t, size_t at) { return t.begin < at; }) -
               tokens.begin();
    if (i < tokens.size() && nlp::IsQuoteMark(nlp::TokenText(text, tokens[i]))) ++i;  // closing mark
    if (i < tokens.size() && nlp::TokenText(text, tokens[i]) == ",") ++i;
    if (i >= tokens.size()) continue;
    // The source: a person's name, a pronoun, or "the" + up to three words ending in a role.
    size_t source_end = i;
    for (const nlp::Entity& e : entities) {
      if (e.type == nlp::EntityType::kPerson && e.begin == tokens[i].begin) {
        while (source_end < tokens.size() && tokens[source_end].end <= e.end) ++source_end;
      }
    }
    if (source_end == i) {
      const std::string w = lower_at(i);
      if (w == "he" || w == "she") {
        source_end = i + 1;
      } else if (w == "the") {
        for (size_t k = i + 1; k < tokens.size() && k <= i + 3 && is_word(k); ++k) {
          if (IsRoleHead(lower_at(k))) source_end = k + 1;
        }
      }
    }
    if (source_end == i || source_end >= tokens.size()) continue;
    const size_t verb = source_end;
    const std::string v = lower_at(verb);
    const bool verb_like = is_word(verb) && v.size() > 3 && (v.ends_with("ed") || v.ends_with("s")) &&
                           std::islower(static_cast<unsigned char>(text[tokens[verb].begin])) != 0;
    const bool ends = verb + 1 >= tokens.size() || nlp::TokenText(text, tokens[verb + 1]) == "." ||
                      nlp::TokenText(text, tokens[verb + 1]) == ",";
    if (!verb_like || !ends) continue;
    quotes::Attribution a;
    a.content.fragments = {{pb, pe}};
    a.cue.fragments = {{tokens[verb].begin, tokens[verb].end}};
    a.source = quotes::Span{{{tokens[i].begin, tokens[source_end - 1].end}}};
    a.direct = true;
    found->push_back(std::move(a));
  }
  std::stable_sort(found->begin(), found->end(), [](const quotes::Attribution& a,
                                                    const quotes::Attribution& b) {
    return a.cue.begin() < b.cue.begin();
  });

  // A quotation no attribution covers, right before a cue ("“…,” he noted.") or right after
  // one ("He added, '…'"), is that cue's content: the tagger found the cue and the speaker
  // but took its content from elsewhere. Attributions whose content is already a quotation
  // keep it.
  auto holds_quotation = [&](const quotes::Attribution& a) {
    for (const auto& [pb, pe] : passages) {
      if (Overlap(a.content.begin(), a.content.end(), pb, pe) > 0) return true;
    }
    return false;
  };
  auto only_glue = [&](size_t from, size_t to, bool after_quote) {
    if (to < from || to - from > 80) return false;
    const std::string_view gap = text.substr(from, to - from);
    size_t words = 0;
    bool in_word = false;
    for (char c : gap) {
      if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ';') {
        // The sentence may end inside the closing quote, not between quote and cue.
        if (!after_quote || words > 0) return false;
      }
      const bool w = std::isalnum(static_cast<unsigned char>(c)) != 0;
      if (w && !in_word) ++words;
      in_word = w;
    }
    return words <= 6;
  };
  for (const auto& [pb, pe] : passages) {
    if (CountWords(text.substr(pb, pe - pb)) < 4) continue;
    bool covered = false;
    for (const quotes::Attribution& a : *found) {
      covered = covered || Overlap(a.content.begin(), a.content.end(), pb, pe) * 2 > pe - pb;
    }
    if (covered) continue;
    // The closing and opening marks: one token each, right outside the passage.
    const size_t close_end = std::min(text.size(), pe + 4);
    std::optional<size_t> best;
    for (size_t i = 0; i < found->size(); ++i) {
      const quotes::Attribution& a = (*found)[i];
      if (a.cue.empty() || holds_quotation(a)) continue;
      const bool after = a.cue.begin() >= pe && only_glue(std::min(close_end, a.cue.begin()),
                                                          a.cue.begin(), true) &&
                         (!a.source || a.source->begin() >= pe);
      const bool before = a.cue.end() <= pb && pb - a.cue.end() <= 6 &&
                          only_glue(a.cue.end(), pb, false);
      if ((after || before) && !best) best = i;
    }
    if (!best) continue;
    quotes::Attribution& a = (*found)[*best];
    a.content.fragments = {{pb, pe}};
    a.direct = true;
  }

  ArticleAnalysis out;
  std::vector<SpeakerRef> speakers;
  std::vector<std::optional<size_t>> quote_speaker;
  for (const quotes::Attribution& a : *found) {
    std::optional<size_t> who;
    if (a.source && !a.source->empty()) {
      // A discontinuous source resolves by its last fragment ("… Dmitry Peskov").
      for (const quotes::Fragment& f : a.source->fragments) {
        std::optional<size_t> w = ResolveSpeaker(text, tokens, sentences, {f.begin, f.end},
                                                 speakers, people);
        if (w) who = w;
      }
    }
    if (who) speakers.push_back({*who, a.source->begin()});
    quote_speaker.push_back(who);
  }

  // Entities, with the person each PER mention belongs to.
  for (const nlp::Entity& e : entities) {
    EntityMention m;
    m.begin = e.begin;
    m.end = e.end;
    m.type = std::string(nlp::EntityTypeName(e.type));
    m.text = std::string(text.substr(e.begin, e.end - e.begin));
    if (e.type == nlp::EntityType::kPerson) {
      for (const Person& p : people.people) {
        for (const Mention& mention : p.mentions) {
          if (mention.kind == MentionKind::kName && mention.span.begin < e.end &&
              e.begin < mention.span.end) {
            m.person = p.key;
          }
        }
      }
    }
    out.entities.push_back(std::move(m));
  }
  for (const Person& p : people.people) {
    out.people.push_back({p.key, p.name, p.roles, static_cast<int64_t>(p.mentions.size())});
  }
  // Quotations no attribution covers continue the quote before them, when it is direct and
  // in the same or the previous paragraph, with no other person named in between: "'…,'
  // Rubio said, referencing …. 'There are Patriot batteries …'".
  struct Continuation {
    size_t after;  // index into *found of the quote it continues
    std::pair<size_t, size_t> passage;
  };
  std::vector<Continuation> continuations;
  for (const auto& [pb, pe] : passages) {
    if (CountWords(text.substr(pb, pe - pb)) < 4) continue;  // a 'scare quote', a title
    bool covered = false;
    std::optional<size_t> before;
    for (size_t i = 0; i < found->size(); ++i) {
      const quotes::Attribution& a = (*found)[i];
      covered = covered || Overlap(a.content.begin(), a.content.end(), pb, pe) * 2 > pe - pb;
      if (a.content.end() <= pb && (!before || a.content.end() >= (*found)[*before].content.end())) {
        before = i;
      }
    }
    if (covered || !before || !quote_speaker[*before]) continue;
    const size_t gap_begin = std::max((*found)[*before].content.end(),
                                      (*found)[*before].cue.empty() ? 0 : (*found)[*before].cue.end());
    const std::string_view gap = text.substr(gap_begin, pb > gap_begin ? pb - gap_begin : 0);
    size_t breaks = 0;
    for (size_t at = gap.find("\n\n"); at != std::string_view::npos; at = gap.find("\n\n", at + 2)) ++breaks;
    bool other_person = false;
    for (const nlp::Entity& e : entities) {
      other_person = other_person || (e.type == nlp::EntityType::kPerson && e.begin >= gap_begin &&
                                      e.end <= pb);
    }
    const bool was_direct = (*found)[*before].direct ||
                            std::any_of(passages.begin(), passages.end(), [&](const auto& p) {
                              return Overlap((*found)[*before].content.begin(),
                                             (*found)[*before].content.end(), p.first, p.second) > 0;
                            });
    if (breaks <= 1 && !other_person && was_direct) continuations.push_back({*before, {pb, pe}});
  }

  for (size_t i = 0; i < found->size(); ++i) {
    const quotes::Attribution& a = (*found)[i];
    QuoteRecord q;
    q.content = MakeSpan(text, a.content);
    if (!a.cue.empty()) q.cue = MakeSpan(text, a.cue);
    if (a.source && !a.source->empty()) q.source = MakeSpan(text, *a.source);
    // Direct when the content is mostly a quotation, whatever marks it uses.
    size_t quoted = 0;
    for (const auto& [pb, pe] : passages) quoted += Overlap(q.content.begin, q.content.end, pb, pe);
    q.direct = a.direct || quoted * 2 > q.content.end - q.content.begin;
    if (quote_speaker[i]) {
      const Person& p = people.people[*quote_speaker[i]];
      q.speaker = p.key;
      q.speaker_name = p.name;
    } else if (q.source) {
      q.speaker_name = q.source->text;
    }
    out.quotes.push_back(std::move(q));
  }
  for (const Continuation& c : continuations) {
    QuoteRecord q;
    q.content = {c.passage.first, c.passage.second,
                 std::string(text.substr(c.passage.first, c.passage.second - c.passage.first)), {}};
    q.speaker = out.quotes[c.after].speaker;
    q.speaker_name = out.quotes[c.after].speaker_name;
    q.direct = true;
    out.quotes.push_back(std::move(q));
  }
  std::stable_sort(out.quotes.begin(), out.quotes.end(), [](const QuoteRecord& a, const QuoteRecord& b) {
    return a.content.begin < b.content.begin;
  });
  return out;
}

void LinkSurnames(std::vector<ArticleAnalysis*> analyses) {
  // Surname → the full-name ids that carry it, over all articles.
  std::map<std::string, std::set<std::string>> full_ids;
  std::map<std::string, const PersonRecord*> record;
  for (const ArticleAnalysis* a : analyses) {
    for (const PersonRecord& p : a->people) {
      if (p.id.find('-') == std::string::npos) continue;
      full_ids[std::string(SurnameOfKey(p.id))].insert(p.id);
      const PersonRecord*& best = record[p.id];
      if (best == nullptr || p.name.size() > best->name.size()) best = &p;
    }
  }
  for (ArticleAnalysis* a : analyses) {
    std::map<std::string, const PersonRecord*> rename;
    for (const PersonRecord& p : a->people) {
      if (p.id.empty() || p.id.find('-') != std::string::npos) continue;
      auto it = full_ids.find(p.id);
      if (it == full_ids.end() || it->second.size() != 1) continue;
      rename[p.id] = record[*it->second.begin()];
    }
    if (rename.empty()) continue;
    for (PersonRecord& p : a->people) {
      if (auto it = rename.find(p.id); it != rename.end()) {
        p.id = it->second->id;
        p.name = it->second->name;
      }
    }
    for (EntityMention& m : a->entities) {
      if (auto it = rename.find(m.person); it != rename.end()) m.person = it->second->id;
    }
    for (QuoteRecord& q : a->quotes) {
      if (auto it = rename.find(q.speaker); it != rename.end()) {
        q.speaker = it->second->id;
        q.speaker_name = it->second->name;
      }
    }
  }
}

}  // namespace storyline::people
