// NLP kernels: tokenization + sentence splitting, NER per sentence and per document, model
// load. Text: CoNLL-2003 valid.txt (../shared/datasets; its documents, or its tokens joined
// by spaces for the tokenizer) when present, else a synthetic news paragraph.
// Items are sentences: items_per_second is sentences/s on one core.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "nlp/conll.h"
#include "nlp/ner.h"
#include "nlp/ner_model.h"
#include "nlp/tokenize.h"

namespace {

namespace fs = std::filesystem;
using namespace storyline;

fs::path ConllDir() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) {
    return fs::path(shared) / "datasets/ner/conll2003";
  }
  return fs::path(STORYLINE_SOURCE_DIR) / "../shared/datasets/ner/conll2003";
}

// Documents of sentences of words.
const std::vector<std::vector<std::vector<std::string>>>& Documents() {
  static const auto kDocs = [] {
    std::vector<std::vector<std::vector<std::string>>> docs;
    std::ifstream in(ConllDir() / "valid.txt");
    if (in) {
      if (auto read = nlp::ReadConll(in); read.ok()) {
        for (const auto& d : *read) {
          auto& doc = docs.emplace_back();
          for (const auto& s : d.sentences) doc.push_back(s.words);
        }
      }
    }
    if (docs.empty()) {
      const std::string text =
          "Kremlin spokesman Dmitry Peskov told reporters on Tuesday that President Vladimir "
          "Putin and U.S. President Donald Trump had discussed a summit in Budapest. \"We are "
          "ready,\" Peskov said. The Hungarian government in Budapest said on Sept. 4 it would "
          "host the talks, according to Reuters.";
      const auto tokens = nlp::Tokenize(text);
      auto& doc = docs.emplace_back();
      for (const auto& s : nlp::SplitSentences(text, tokens)) {
        auto& words = doc.emplace_back();
        for (size_t k = s.first_token; k < s.end_token; ++k) {
          words.emplace_back(nlp::TokenText(text, tokens[k]));
        }
      }
    }
    return docs;
  }();
  return kDocs;
}

size_t SentenceCount() {
  size_t n = 0;
  for (const auto& d : Documents()) n += d.size();
  return n;
}

// Running text: one paragraph per document, words joined by spaces.
const std::string& Text() {
  static const std::string kText = [] {
    std::string text;
    for (const auto& d : Documents()) {
      for (const auto& s : d) {
        for (const auto& w : s) text += w + ' ';
      }
      text += "\n\n";
    }
    return text;
  }();
  return kText;
}

void BM_TokenizeAndSplit(benchmark::State& state) {
  const std::string& text = Text();
  size_t sentences = 0;
  for (auto _ : state) {
    const auto tokens = nlp::Tokenize(text);
    const auto split = nlp::SplitSentences(text, tokens);
    sentences += split.size();
    benchmark::DoNotOptimize(split.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(sentences));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TokenizeAndSplit)->Unit(benchmark::kMillisecond);

void BM_NerDocuments(benchmark::State& state) {
  auto tagger = nlp::NerTagger::Default();
  if (!tagger.ok()) {
    state.SkipWithError(tagger.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    for (const auto& d : Documents()) benchmark::DoNotOptimize(tagger->TagDocument(d).data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * SentenceCount()));
}
BENCHMARK(BM_NerDocuments)->Unit(benchmark::kMillisecond);

void BM_NerSentences(benchmark::State& state) {
  auto tagger = nlp::NerTagger::Default();
  if (!tagger.ok()) {
    state.SkipWithError(tagger.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    for (const auto& d : Documents()) {
      for (const auto& s : d) benchmark::DoNotOptimize(tagger->TagWords(s).data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * SentenceCount()));
}
BENCHMARK(BM_NerSentences)->Unit(benchmark::kMillisecond);

void BM_NerModelLoad(benchmark::State& state) {
  const std::string_view bytes = nlp::detail::EmbeddedNerModel();
  if (bytes.empty()) {
    state.SkipWithError("no NER model compiled in");
    return;
  }
  for (auto _ : state) {
    auto tagger = nlp::NerTagger::FromBytes(bytes);
    benchmark::DoNotOptimize(tagger.ok());
  }
}
BENCHMARK(BM_NerModelLoad)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
