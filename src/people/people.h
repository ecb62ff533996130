// People in an article: who is named, in which roles, and which mentions are the same
// person ("Kremlin spokesman Dmitry Peskov" … "Peskov" … "he" … "the spokesman").
//
// Takes the article text, its tokens and sentences (nlp/tokenize.h) and the person-name
// spans the NER tagger found; gives one Person per individual with the roles attached to
// the name in the text (a title before it: "Defense Minister Andrey Belousov"; an
// apposition: "Press Secretary for the President of the Russian Federation, Dmitry Peskov";
// "Sergei Avakyants, commander of the Pacific Fleet") and every name mention. Speakers of
// quotes — names, surnames, pronouns, nominals such as "the Kremlin spokesman" — resolve to
// those people with ResolveSpeaker.
//
// Identity across articles: PersonKey folds the spelling variants of transliterated names
// (Dmitry/Dmitri/Dmitriy, Alexey/Aleksei, Sergey/Sergei), so the same person gets the same
// key in every article; a different first name gives a different key. A person named only
// by surname in an article gets the surname as key; callers that see other articles
// (the store, a batch) may map it to the one known full name with that surname.
//
// Everything here is a pure function of its inputs; safe to call from any thread.
#ifndef STORYLINE_PEOPLE_PEOPLE_H_
#define STORYLINE_PEOPLE_PEOPLE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/tokenize.h"

namespace storyline::people {

struct Span {
  size_t begin = 0;  // byte offsets into the article text, [begin, end)
  size_t end = 0;
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

enum class MentionKind {
  kName,     // "Dmitry Peskov", "Peskov"
  kPronoun,  // "he", "she"
  kNominal,  // "the Kremlin spokesman", "the official"
};

struct Mention {
  Span span;
  MentionKind kind = MentionKind::kName;
};

struct Person {
  std::string key;                  // identity across articles: "dmitri-peskov"
  std::string name;                 // the fullest form in the text: "Dmitry Peskov"
  std::vector<std::string> roles;   // as written, first seen first: "Kremlin spokesman"
  std::vector<Mention> mentions;    // in text order
};

struct People {
  std::vector<Person> people;  // in order of first mention
};

// The people named in `text`. `names` are the PER spans (any order, may overlap tokens
// partially: they are snapped to tokens). REQUIRES: tokens and sentences from
// nlp::Tokenize / nlp::SplitSentences of this text.
People FindPeople(std::string_view text, const std::vector<nlp::Token>& tokens,
                  const std::vector<nlp::Sentence>& sentences, const std::vector<Span>& names);

// The person a speaker span refers to: a name or surname of a known person; a pronoun
// (he, she, his) — the most recent earlier speaker within a few sentences, else the first
// person named in the nearest earlier sentence that names one; a nominal ("the Kremlin
// spokesman", "the official") — the person whose role shares its head noun, else as a
// pronoun. `earlier_speakers` are the resolved speakers of the quotes before this one, in
// text order (index into people.people and the start of their source span).
// Adds the nominal's wording as a role and the mention to the person when it resolves.
struct SpeakerRef {
  size_t person = 0;
  size_t at = 0;  // byte offset of the quote's source in the text
};
std::optional<size_t> ResolveSpeaker(std::string_view text, const std::vector<nlp::Token>& tokens,
                                     const std::vector<nlp::Sentence>& sentences, Span source,
                                     const std::vector<SpeakerRef>& earlier_speakers,
                                     People& people);

// "Dmitry Peskov" → "dmitri-peskov"; "Peskov" → "peskov". Lowercased, accents removed,
// transliteration variants folded; empty when the name has no letters.
std::string PersonKey(std::string_view name);

// The last word of a key ("dmitri-peskov" → "peskov").
std::string_view SurnameOfKey(std::string_view key);

// True for the words that head a role: "spokesman", "minister", "president", "aide" …
bool IsRoleHead(std::string_view lower_word);

}  // namespace storyline::people

#endif  // STORYLINE_PEOPLE_PEOPLE_H_
