// storyline_quotes_eval DIR: attribution quality of storyline::quotes on a PolNeAR split
// (default dev) — exact and lenient P/R/F1 per role beside the published anchors. A thin
// client of eval/quotes/quotes_eval.h.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "eval/quotes/quotes_eval.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  namespace q = storyline::eval::quotes;
  CLI::App app{"storyline_quotes_eval: quote attribution on PolNeAR (exact and lenient F1)"};
  std::string dir, split = "dev", model;
  app.add_option("DIR", dir, "The polnear folder (with train/ and dev/)")->required();
  app.add_option("--split", split, "Which split to score")->capture_default_str();
  app.add_option("--model", model, "A model file instead of the compiled-in one");
  storyline::quotes::QuoteOptions options;
  app.add_option("--cue-bias", options.cue_bias, "QuoteOptions::cue_bias")->capture_default_str();
  std::string errors;
  app.add_option("--errors", errors, "Print the unmatched spans of this role instead")
      ->check(CLI::IsMember({"source", "cue", "content"}));
  CLI11_PARSE(app, argc, argv);

  auto texts = q::LoadSplit(fs::path(dir) / split);
  if (!texts.ok()) {
    std::cerr << "storyline_quotes_eval: " << texts.status().ToString() << "\n";
    return 1;
  }
  storyline::Result<storyline::quotes::QuoteFinder> finder = storyline::Status::Internal("unset");
  if (model.empty()) {
    finder = storyline::quotes::QuoteFinder::FromEmbedded();
  } else {
    std::ifstream in(model, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      std::cerr << "storyline_quotes_eval: " << model << ": cannot read\n";
      return 1;
    }
    finder = storyline::quotes::QuoteFinder::FromBytes(bytes.str());
  }
  if (!finder.ok()) {
    std::cerr << "storyline_quotes_eval: " << finder.status().ToString() << "\n";
    return 1;
  }
  if (!errors.empty()) {
    q::Role role = errors == "source" ? q::Role::kSource
                                      : (errors == "cue" ? q::Role::kCue : q::Role::kContent);
    storyline::Status st = q::PrintErrors(*finder, *texts, role, options, std::cout);
    if (!st.ok()) {
      std::cerr << "storyline_quotes_eval: " << st.ToString() << "\n";
      return 1;
    }
    return 0;
  }
  auto result = q::EvaluateSplit(*finder, *texts, options);
  if (!result.ok()) {
    std::cerr << "storyline_quotes_eval: " << result.status().ToString() << "\n";
    return 1;
  }
  std::cout << "split: " << split << "\n";
  q::PrintReport(*result, std::cout);
  return 0;
}
