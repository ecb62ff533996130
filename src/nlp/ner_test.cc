#include "nlp/ner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "nlp/conll.h"
#include "nlp/ner_model.h"
#include "nlp/ner_train.h"

namespace storyline::nlp {
namespace {

using V = std::vector<std::string>;

// A toy corpus in CoNLL form: enough for the perceptron to learn names from context.
constexpr std::string_view kToyCorpus = R"(-DOCSTART- -X- -X- O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
visited VBD B-VP O
Brussels NNP B-NP B-LOC
. . O O

The DT B-NP O
European NNP I-NP B-ORG
Commission NNP I-NP I-ORG
met VBD B-VP O
in IN B-PP O
Paris NNP B-NP B-LOC
. . O O

-DOCSTART- -X- -X- O

Anna NNP B-NP B-PER
Smith NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
with IN B-PP O
German JJ B-NP B-MISC
officials NNS I-NP O
. . O O

Smith NNP B-NP B-PER
met VBD B-VP O
the DT B-NP O
European NNP I-NP B-ORG
Commission NNP I-NP I-ORG
. . O O
)";

std::vector<ConllDocument> ToyDocuments() {
  std::istringstream in{std::string(kToyCorpus)};
  auto docs = ReadConll(in);
  EXPECT_TRUE(docs.ok());
  return std::move(docs).value();
}

NerTagger TrainToy() {
  const std::vector<ConllDocument> docs = ToyDocuments();
  std::vector<V> sentences;
  for (const auto& d : docs) {
    for (const auto& s : d.sentences) sentences.push_back(s.words);
  }
  LexiconOptions lexicon_options;
  lexicon_options.min_count = 1;
  lexicon_options.coarse = 3;
  lexicon_options.medium = 2;
  lexicon_options.fine = 2;
  lexicon_options.dimensions = 16;
  TrainOptions options;
  options.epochs = 8;
  options.folds = 2;
  auto model =
      TrainNer(docs, BuildLexicon(sentences, lexicon_options, nullptr), options, nullptr, nullptr);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  // Through the file format, as the shipped model is.
  auto tagger = NerTagger::FromBytes(detail::SerializeModel(*model));
  EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
  return std::move(tagger).value();
}

TEST(NerTest, LearnsTheTrainingSentences) {
  const NerTagger tagger = TrainToy();
  EXPECT_GT(tagger.num_features(), 0u);
  for (const ConllDocument& d : ToyDocuments()) {
    std::vector<V> words;
    for (const auto& s : d.sentences) words.push_back(s.words);
    const std::vector<V> tags = tagger.TagDocument(words);
    ASSERT_EQ(tags.size(), d.sentences.size());
    for (size_t s = 0; s < tags.size(); ++s) EXPECT_EQ(tags[s], d.sentences[s].tags);
  }
  EXPECT_EQ(tagger.TagWords({}), V{});
}

TEST(NerTest, EntitiesAreByteSpans) {
  const NerTagger tagger = TrainToy();
  const std::string text = "Peter Blackburn visited Brussels.";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Entity> entities = tagger.Tag(text, tokens, SplitSentences(text, tokens));
  ASSERT_EQ(entities.size(), 2u);
  EXPECT_EQ(text.substr(entities[0].begin, entities[0].end - entities[0].begin), "Peter Blackburn");
  EXPECT_EQ(entities[0].type, EntityType::kPerson);
  EXPECT_EQ(entities[0].first_token, 0u);
  EXPECT_EQ(entities[0].end_token, 2u);
  EXPECT_EQ(text.substr(entities[1].begin, entities[1].end - entities[1].begin), "Brussels");
  EXPECT_EQ(EntityTypeName(entities[1].type), "LOC");
}

TEST(NerTest, TagConllAppendsATagToEveryTokenLine) {
  const NerTagger tagger = TrainToy();
  std::istringstream in(
      "-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n");
  std::ostringstream out;
  ASSERT_TRUE(TagConll(in, out, tagger).ok());
  EXPECT_EQ(out.str(),
            "-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER B-PER\n"
            "Blackburn NNP I-NP I-PER I-PER\n\n");
}

TEST(NerTest, RejectsCorruptModels) {
  EXPECT_FALSE(NerTagger::FromBytes("").ok());
  EXPECT_FALSE(NerTagger::FromBytes("SLNER1\n\x05").ok());
  const std::string good = [] {
    detail::NerModel m;
    m.transitions.emplace_back();
    return detail::SerializeModel(m);
  }();
  EXPECT_TRUE(NerTagger::FromBytes(good).ok());
  for (size_t cut = 0; cut < good.size(); ++cut) {
    EXPECT_FALSE(NerTagger::FromBytes(good.substr(0, cut)).ok()) << cut;
  }
  EXPECT_FALSE(NerTagger::FromFile("/nonexistent/model").ok());
}

// The shipped model, when this build has one compiled in.
TEST(NerTest, DefaultModelTagsNewsText) {
  const auto start = std::chrono::steady_clock::now();
  const Result<NerTagger> tagger = NerTagger::Default();
  if (!tagger.ok()) GTEST_SKIP() << tagger.status().ToString();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 10.0);  // < 1 s in a release build; generous for sanitizers
  const std::string text =
      "Kremlin spokesman Dmitry Peskov told reporters in Moscow on Tuesday that "
      "President Vladimir Putin would meet Donald Trump in Budapest.";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Entity> entities = tagger->Tag(text, tokens, SplitSentences(text, tokens));
  std::vector<std::string> found;
  for (const Entity& e : entities) {
    found.push_back(std::string(EntityTypeName(e.type)) + ":" +
                    text.substr(e.begin, e.end - e.begin));
  }
  auto has = [&](const std::string& s) {
    return std::find(found.begin(), found.end(), s) != found.end();
  };
  EXPECT_TRUE(has("PER:Dmitry Peskov")) << testing::PrintToString(found);
  EXPECT_TRUE(has("LOC:Moscow")) << testing::PrintToString(found);
  EXPECT_TRUE(has("PER:Vladimir Putin")) << testing::PrintToString(found);
  EXPECT_TRUE(has("LOC:Budapest")) << testing::PrintToString(found);
}

// The two stages written out plainly (every feature of every stage looked up in turn, as
// in training) against TagDocumentLabels, which extracts the shared features once and
// scores them for both stages with one lookup: the labels must be the same.
std::vector<std::vector<int>> ReferenceLabels(const detail::NerModel& model,
                                              const detail::Document& document) {
  std::vector<std::vector<int>> labels(document.size());
  detail::DocumentTypeVotes votes;
  for (size_t stage = 0; stage < model.transitions.size(); ++stage) {
    const std::vector<detail::SentenceFeatures> features = detail::ExtractFeatures(
        document, model.lexicon, model.gazetteer, stage == 0 ? nullptr : &votes);
    for (size_t s = 0; s < document.size(); ++s) {
      const detail::SentenceFeatures& f = features[s];
      detail::Emissions emissions(document[s].size());
      for (size_t t = 0; t < emissions.size(); ++t) {
        for (uint32_t k = f.offsets[t]; k < f.offsets[t + 1]; ++k) {
          model.features.AddTo(model.features.Find(f.keys[k]), stage, emissions[t]);
        }
      }
      labels[s] = detail::Viterbi(emissions, model.transitions[stage]);
    }
    votes.clear();
    for (size_t s = 0; s < document.size(); ++s) detail::AddVotes(document[s], labels[s], votes);
  }
  return labels;
}

TEST(NerTest, TaggingMatchesThePlainTwoStageComputation) {
  const std::string_view bytes = detail::EmbeddedNerModel();
  if (bytes.empty()) GTEST_SKIP() << "no NER model compiled in";
  const Result<detail::NerModel> model = detail::ParseModel(bytes);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_EQ(model->transitions.size(), 2u);
  // A headline in capitals, names repeated (votes), multi-word names (phrases), typography.
  const detail::Document document = {
      {"PESKOV", "SAYS", "PUTIN", "READY", "FOR", "BUDAPEST", "SUMMIT"},
      {"MOSCOW", "1996-12-06"},
      {"Kremlin", "spokesman", "Dmitry", "Peskov", "told", "reporters", "on", "Tuesday", "that",
       "President", "Vladimir", "Putin", "and", "U.S.", "President", "Donald", "Trump", "had",
       "discussed", "a", "summit", "in", "Budapest", "."},
      {"“", "We", "are", "ready", ",", "”", "Peskov", "said", "–", "the", "European", "Union",
       "and", "New", "York", "Stock", "Exchange", "officials", "did", "not", "comment", "."},
      {"Putin", "’s", "trip", "to", "Hungary", "follows", "talks", "with", "Viktor", "Orban",
       "in", "Moscow", "and", "a", "call", "with", "Trump", "."},
      {},
  };
  const std::vector<std::vector<int>> labels = detail::TagDocumentLabels(*model, document);
  EXPECT_EQ(labels, ReferenceLabels(*model, document));
  size_t entities = 0;
  for (const auto& sentence : labels) entities += detail::LabelSpans(sentence).size();
  EXPECT_GT(entities, 10u);  // the comparison is not between two empty taggings
}

// Hostile text through the whole path: a long paragraph with no full stop (cut into
// sentences of max_tokens), deep parentheses and unbalanced quotes.
TEST(NerTest, DefaultModelSurvivesHostileText) {
  const Result<NerTagger> tagger = NerTagger::Default();
  if (!tagger.ok()) GTEST_SKIP() << tagger.status().ToString();
  std::string text;
  while (text.size() < 1'000'000)
    text += "Peskov said that talks with Rubio in Budapest would go on and ";
  text += std::string(10'000, '(') + "Moscow" + std::string(10'000, ')') + " \"“« unbalanced";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Sentence> sentences = SplitSentences(text, tokens);
  const std::vector<Entity> entities = tagger->Tag(text, tokens, sentences);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60.0);  // ~1 s in a release build
  EXPECT_GT(entities.size(), 10'000u);
  size_t last_end = 0;
  for (const Entity& e : entities) {
    ASSERT_LT(e.begin, e.end);
    ASSERT_LE(e.end, text.size());
    ASSERT_GE(e.begin, last_end);
    last_end = e.end;
  }
}

}  // namespace
}  // namespace storyline::nlp
