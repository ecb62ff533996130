#include "people/people.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storyline::people {
namespace {

struct Doc {
  std::string text;
  std::vector<nlp::Token> tokens;
  std::vector<nlp::Sentence> sentences;
};

Doc Prepare(std::string text) {
  Doc d{std::move(text), {}, {}};
  d.tokens = nlp::Tokenize(d.text);
  d.sentences = nlp::SplitSentences(d.text, d.tokens);
  return d;
}

Span SpanOf(const std::string& text, std::string_view what, size_t from = 0) {
  const size_t at = text.find(what, from);
  EXPECT_NE(at, std::string::npos) << what;
  return {at, at + what.size()};
}

// Every occurrence of each name.
std::vector<Span> Names(const std::string& text, std::initializer_list<std::string_view> names) {
  std::vector<Span> out;
  for (std::string_view n : names) {
    for (size_t at = text.find(n); at != std::string::npos; at = text.find(n, at + n.size())) {
      out.push_back({at, at + n.size()});
    }
  }
  return out;
}

const Person* Find(const People& p, std::string_view key) {
  for (const Person& person : p.people) {
    if (person.key == key) return &person;
  }
  return nullptr;
}

TEST(PersonKeyTest, FoldsTransliterationVariantsAndKeepsFirstNamesApart) {
  EXPECT_EQ(PersonKey("Dmitry Peskov"), "dmitri-peskov");
  EXPECT_EQ(PersonKey("Dmitri Peskov"), PersonKey("Dmitry Peskov"));
  EXPECT_EQ(PersonKey("Dmitriy Peskov"), PersonKey("Dmitry Peskov"));
  EXPECT_EQ(PersonKey("Alexey Dyumin"), PersonKey("Aleksei Dyumin"));
  EXPECT_EQ(PersonKey("Sergey Lavrov"), PersonKey("Sergei Lavrov"));
  EXPECT_EQ(PersonKey("José Martí"), "jose-marti");
  EXPECT_EQ(PersonKey("Xi Jinping"), "xi-jinping");
  EXPECT_EQ(PersonKey("Peskov’s"), "peskov");
  EXPECT_EQ(PersonKey("Mr. Peskov"), "peskov");
  EXPECT_NE(PersonKey("Nikolai Peskov"), PersonKey("Dmitry Peskov"));
  EXPECT_EQ(PersonKey("!!"), "");
  EXPECT_EQ(SurnameOfKey("dmitri-peskov"), "peskov");
}

TEST(FindPeopleTest, TitlesBeforeNamesBecomeRoles) {
  Doc d = Prepare(
      "He noted that officials will attend, including Deputy Chairman of the Security Council "
      "Dmitry Medvedev, Defense Minister Andrey Belousov, Chief of the General Staff Valery "
      "Gerasimov, and presidential aide Alexey Dyumin. Referring to US President Donald "
      "Trump's statements, Peskov informed that President Vladimir Putin will attend.");
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        Names(d.text, {"Dmitry Medvedev", "Andrey Belousov", "Valery Gerasimov",
                                       "Alexey Dyumin", "Donald Trump", "Vladimir Putin"}));
  ASSERT_EQ(p.people.size(), 6u);
  auto role = [&](std::string_view key) {
    const Person* person = Find(p, key);
    EXPECT_NE(person, nullptr) << key;
    return person && !person->roles.empty() ? person->roles.front() : std::string("(none)");
  };
  EXPECT_EQ(role("dmitri-medvedev"), "Deputy Chairman of the Security Council");
  EXPECT_EQ(role("andrei-belousov"), "Defense Minister");
  EXPECT_EQ(role("valeri-gerasimov"), "Chief of the General Staff");
  EXPECT_EQ(role("aleksei-dyumin"), "presidential aide");
  EXPECT_EQ(role("donald-trump"), "US President");
  EXPECT_EQ(role("vladimir-putin"), "President");
}

// Campaign and media roles; the title styling the name ("Sen.") stays out of the role, and a
// headline's Title Case words before a name are no role.
TEST(FindPeopleTest, CampaignRolesWithoutTheNamesTitle) {
  Doc d = Prepare(
      "Republican vice presidential nominee Mike Pence spoke to Fox News moderator Chris "
      "Wallace. Former Democratic presidential candidate Sen. Bernie Sanders agreed. As CNN's "
      "chief medical correspondent Dr. Sanjay Gupta put it, nobody knows.\n\n"
      "Limbaugh: Hillary Asking Moderator To Fact Check Donald Trump.");
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        Names(d.text, {"Mike Pence", "Chris Wallace", "Bernie Sanders",
                                       "Sanjay Gupta", "Donald Trump"}));
  ASSERT_EQ(p.people.size(), 5u);
  auto roles = [&](std::string_view key) {
    const Person* person = Find(p, key);
    EXPECT_NE(person, nullptr) << key;
    return person ? person->roles : std::vector<std::string>{};
  };
  EXPECT_EQ(roles("mike-pence"), std::vector<std::string>{"Republican vice presidential nominee"});
  EXPECT_EQ(roles("chris-wallace"), std::vector<std::string>{"Fox News moderator"});
  EXPECT_EQ(roles("bernie-sanders"),
            std::vector<std::string>{"Former Democratic presidential candidate"});
  EXPECT_EQ(roles("sanjai-gupta"), std::vector<std::string>{"CNN's chief medical correspondent"});
  EXPECT_TRUE(roles("donald-trump").empty());
}

TEST(FindPeopleTest, ATitleRunIntoTheNameIsGivenBackToTheRole) {
  Doc d = Prepare("Also present: Chief of the General Staff Valery Gerasimov and Martin Luther "
                  "King.");
  // As a tagger may give them: the body's last word inside the name.
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        {SpanOf(d.text, "Staff Valery Gerasimov"),
                         SpanOf(d.text, "Martin Luther King")});
  ASSERT_EQ(p.people.size(), 2u);
  EXPECT_EQ(p.people[0].name, "Valery Gerasimov");
  EXPECT_EQ(p.people[0].roles, std::vector<std::string>{"Chief of the General Staff"});
  EXPECT_EQ(p.people[1].name, "Martin Luther King");
}

TEST(FindPeopleTest, AppositionsBeforeAndAfterTheName) {
  Doc d = Prepare(
      "Press Secretary for the President of the Russian Federation, Dmitry Peskov, made a "
      "statement. Sergei Avakyants, commander of the Pacific Fleet, will report. The regional "
      "governor, Roman Busargin, stated that the threat was neutralized. Ivan Petrov, who "
      "lives in Moscow, agreed.");
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        Names(d.text, {"Dmitry Peskov", "Sergei Avakyants", "Roman Busargin",
                                       "Ivan Petrov"}));
  ASSERT_EQ(p.people.size(), 4u);
  ASSERT_EQ(p.people[0].roles.size(), 1u);
  EXPECT_EQ(p.people[0].roles[0], "Press Secretary for the President of the Russian Federation");
  ASSERT_EQ(p.people[1].roles.size(), 1u);
  EXPECT_EQ(p.people[1].roles[0], "commander of the Pacific Fleet");
  ASSERT_EQ(p.people[2].roles.size(), 1u);
  EXPECT_EQ(p.people[2].roles[0], "regional governor");
  EXPECT_TRUE(p.people[3].roles.empty()) << p.people[3].roles[0];  // a relative clause
}

// A span of `n` bytes at the start of `what` in the text.
Span Prefix(const std::string& text, std::string_view what, size_t n) {
  const Span s = SpanOf(text, what);
  return {s.begin, s.begin + n};
}

TEST(FindPeopleTest, SurnamesJoinTheFullNameAndOthersStayApart) {
  Doc d = Prepare(
      "Kremlin spokesman Dmitry Peskov said on Friday. Peskov told reporters. Later, Nikolai "
      "Peskov spoke. Shoigu was not there.");
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        {SpanOf(d.text, "Dmitry Peskov"), Prefix(d.text, "Peskov told", 6),
                         SpanOf(d.text, "Nikolai Peskov"), SpanOf(d.text, "Shoigu")});
  ASSERT_EQ(p.people.size(), 3u);
  EXPECT_EQ(p.people[0].key, "dmitri-peskov");
  EXPECT_EQ(p.people[0].name, "Dmitry Peskov");
  EXPECT_EQ(p.people[0].mentions.size(), 2u);
  EXPECT_EQ(p.people[0].roles, std::vector<std::string>{"Kremlin spokesman"});
  EXPECT_EQ(p.people[1].key, "nikolai-peskov");
  EXPECT_EQ(p.people[1].mentions.size(), 1u);
  EXPECT_EQ(p.people[2].key, "shoigu");
}

TEST(ResolveSpeakerTest, PronounsAndNominalsResolveToThePerson) {
  Doc d = Prepare(
      "Dmitry Peskov told reporters that action was considered. \"There was a rapid "
      "response,\" he noted. Peskov stated that a meeting between President Putin and Chinese "
      "President Xi Jinping was planned. \"The meeting is arranged,\" he explained. \"It is "
      "of serious concern,\" the Kremlin spokesperson stated. A source said it was over.");
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        {SpanOf(d.text, "Dmitry Peskov"), Prefix(d.text, "Peskov stated", 6),
                         SpanOf(d.text, "Putin"), SpanOf(d.text, "Xi Jinping")});
  ASSERT_EQ(p.people.size(), 3u);
  std::vector<SpeakerRef> speakers;
  auto resolve = [&](Span source) -> std::string {
    std::optional<size_t> who = ResolveSpeaker(d.text, d.tokens, d.sentences, source, speakers, p);
    if (!who) return "(none)";
    speakers.push_back({*who, source.begin});
    return p.people[*who].key;
  };
  EXPECT_EQ(resolve(SpanOf(d.text, "Dmitry Peskov")), "dmitri-peskov");
  EXPECT_EQ(resolve(Prefix(d.text, "he noted", 2)), "dmitri-peskov");
  EXPECT_EQ(resolve(Prefix(d.text, "Peskov stated", 6)), "dmitri-peskov");
  // The nearest name is Xi Jinping, but the speaker of the sentence before is Peskov.
  EXPECT_EQ(resolve(Prefix(d.text, "he explained", 2)), "dmitri-peskov");
  EXPECT_EQ(resolve(SpanOf(d.text, "the Kremlin spokesperson")), "dmitri-peskov");
  EXPECT_EQ(resolve(SpanOf(d.text, "A source")), "(none)");
  const Person& peskov = p.people[0];
  EXPECT_NE(std::find(peskov.roles.begin(), peskov.roles.end(), "Kremlin spokesperson"),
            peskov.roles.end());
}

TEST(ResolveSpeakerTest, ANominalMatchesTheRoleOfThePersonNamedInItsSentence) {
  Doc d = Prepare("Dmitry Peskov, the Kremlin spokesman, spoke first. The regional governor, "
                  "Roman Busargin, stated that the threat was neutralized. Georgiy Tikhiy "
                  "mentioned talks.");
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        {SpanOf(d.text, "Dmitry Peskov"), SpanOf(d.text, "Roman Busargin"),
                         SpanOf(d.text, "Georgiy Tikhiy")});
  ASSERT_EQ(p.people.size(), 3u);
  std::optional<size_t> who = ResolveSpeaker(d.text, d.tokens, d.sentences,
                                             SpanOf(d.text, "The regional governor"), {{0, 0}}, p);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(p.people[*who].key, "roman-busargin");
  // A source that is part of a name is that person.
  who = ResolveSpeaker(d.text, d.tokens, d.sentences, SpanOf(d.text, "Tikhiy"), {}, p);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(p.people[*who].key, "georgi-tikhi");
}

TEST(ResolveSpeakerTest, APronounWithNoEarlierSpeakerTakesTheNearestSubject) {
  Doc d = Prepare("Armenian Prime Minister Nikol Pashinyan urged Russia to act. He said it "
                  "was urgent.");
  People p = FindPeople(d.text, d.tokens, d.sentences, {SpanOf(d.text, "Nikol Pashinyan")});
  std::optional<size_t> who =
      ResolveSpeaker(d.text, d.tokens, d.sentences, Prefix(d.text, "He said", 2), {}, p);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(p.people[*who].key, "nikol-pashinyan");
  EXPECT_EQ(p.people[*who].roles, std::vector<std::string>{"Armenian Prime Minister"});
}

TEST(FindPeopleTest, HostileInputEndsQuickly) {
  std::string text(200000, '(');
  text += "President Ivan Petrov";
  Doc d = Prepare(text);
  People p = FindPeople(d.text, d.tokens, d.sentences,
                        {{text.size() - 11, text.size()}, {text.size(), text.size() + 5}});
  ASSERT_EQ(p.people.size(), 1u);
  EXPECT_EQ(p.people[0].roles, std::vector<std::string>{"President"});
}

}  // namespace
}  // namespace storyline::people
