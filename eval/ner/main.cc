// storyline_ner_eval DIR: entity-level P/R/F1 of the compiled-in NER model on CoNLL-2003.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "eval/ner/ner_eval.h"

int main(int argc, char** argv) {
  CLI::App app{"Named-entity quality on CoNLL-2003 (conlleval semantics)"};
  std::string dir;
  std::string model;
  storyline::eval::NerEvalOptions options;
  app.add_option("dir", dir, "the conll2003 folder (../shared/datasets/ner/conll2003)")->required();
  app.add_option("--split", options.split, "file to score (default valid.txt)");
  app.add_option("--model", model, "a model file instead of the compiled-in one");
  CLI11_PARSE(app, argc, argv);
  const auto start = std::chrono::steady_clock::now();
  auto tagger = model.empty() ? storyline::nlp::NerTagger::Default()
                              : storyline::nlp::NerTagger::FromFile(model);
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!tagger.ok()) {
    std::cerr << "storyline_ner_eval: " << tagger.status().ToString() << "\n";
    return 1;
  }
  auto report = storyline::eval::EvaluateNer(dir, *tagger, options);
  if (!report.ok()) {
    std::cerr << "storyline_ner_eval: " << report.status().ToString() << "\n";
    return 1;
  }
  std::cout << "model: " << (model.empty() ? "compiled in" : model) << ", "
            << tagger->num_features() << " weighted features, loaded in " << load_ms << " ms\n"
            << storyline::eval::FormatNerReport(*report, options.split);
  return 0;
}
