// storyline_syndication_eval: the duplicate index on a labelled syndication set generated
// from the BBC News articles. A thin client of syndication.h: parse flags, run, print.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "eval/dedup/syndication.h"

namespace {

namespace fs = std::filesystem;

// $STORYLINE_SHARED, else the shared folder beside the source tree.
fs::path DefaultDataset() {
  const char* shared = std::getenv("STORYLINE_SHARED");
  const fs::path root =
      shared && *shared ? fs::path(shared) : fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared";
  return root / "datasets" / "summaries" / "bbc" / "bbc.jsonl";
}

}  // namespace

int main(int argc, char** argv) {
  namespace ed = storyline::eval::dedup;
  CLI::App app{
      "storyline_syndication_eval: duplicate relations on a generated BBC syndication set"};
  std::string dataset = DefaultDataset().string();
  ed::SyndicationOptions options;
  app.add_option("--dataset", dataset, "bbc.jsonl (one JSON article a line)")
      ->capture_default_str();
  app.add_option("--originals", options.originals, "Articles that get variants")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed of the sample and the edits")
      ->capture_default_str();
  app.add_option("--near-threshold", options.dedup.near_threshold)->capture_default_str();
  app.add_option("--rewrite-threshold", options.dedup.rewrite_threshold)->capture_default_str();
  app.add_option("--sentence-threshold", options.dedup.sentence_threshold)->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (!fs::exists(dataset)) {
    std::cout << "storyline_syndication_eval: skipped: " << dataset
              << " not found (set --dataset or $STORYLINE_SHARED)\n";
    return 0;
  }
  const auto report = ed::EvaluateSyndication(dataset, options);
  if (!report.ok()) {
    std::cerr << "storyline_syndication_eval: " << report.status().ToString() << "\n";
    return 1;
  }
  std::cout << ed::FormatReport(*report);
  return 0;
}
