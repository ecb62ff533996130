// storyline_train_story_model: trains the story model files of models/stories/ (see its
// README) on neus train. A thin client of eval/stories/story_training.h.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "eval/stories/story_training.h"

namespace {

namespace fs = std::filesystem;
namespace eval = storyline::eval;
namespace cluster = storyline::cluster;

fs::path SharedDir() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) return shared;
  return fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared";
}

bool Write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) std::cerr << "storyline_train_story_model: " << path << ": cannot write\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"storyline_train_story_model: the IDF prior and pair weights of models/stories"};
  app.require_subcommand(1);
  std::string allsides = (SharedDir() / "datasets" / "stories" / "allsides").string();
  std::string bbc = (SharedDir() / "datasets" / "summaries" / "bbc" / "bbc.jsonl").string();
  const fs::path models = fs::path(STORYLINE_SOURCE_DIR) / "models" / "stories";
  std::string idf_out = (models / "idf_prior.tsv").string();
  std::string idf_in = idf_out;
  std::string weights_out = (models / "pair_weights.txt").string();
  uint32_t min_df = 2;
  double l2 = 1.0;
  app.add_option("--allsides", allsides, "The allsides folder (neus.jsonl)")->capture_default_str();

  auto* idf = app.add_subcommand("idf", "Document frequencies over neus train and the BBC corpus");
  idf->add_option("--bbc", bbc, "JSON Lines {title, article} (empty: none)")->capture_default_str();
  idf->add_option("--min-df", min_df, "Keep terms in at least this many documents")
      ->capture_default_str();
  idf->add_option("--out", idf_out)->capture_default_str();

  auto* pair = app.add_subcommand("pair", "Pair weights by logistic regression on neus train");
  pair->add_option("--idf", idf_in, "The IDF prior to train with")->capture_default_str();
  pair->add_option("--l2", l2, "L2 penalty on the weights")->capture_default_str();
  pair->add_option("--out", weights_out)->capture_default_str();
  int rounds = 2;
  pair->add_option("--rounds", rounds,
                   "Training rounds; after the first, on the index's own stories")
      ->capture_default_str();
  std::vector<std::string> dropped;
  pair->add_option("--drop", dropped, "Leave these features out (weight 0), for ablations");
  CLI11_PARSE(app, argc, argv);

  auto splits = eval::LoadAllSides(allsides);
  if (!splits.ok()) {
    std::cerr << "storyline_train_story_model: " << splits.status().ToString() << "\n";
    return 1;
  }
  const eval::StorySplit& train = splits->front();
  cluster::StoryOptions options;
  if (idf->parsed()) {
    auto text = eval::BuildIdfPrior(train, bbc, options, min_df);
    if (!text.ok()) {
      std::cerr << "storyline_train_story_model: " << text.status().ToString() << "\n";
      return 1;
    }
    if (!Write(idf_out, *text)) return 1;
    std::cout << "wrote " << idf_out << "\n";
    return 0;
  }
  auto prior = cluster::LoadStoryModel(idf_in, "");
  if (!prior.ok()) {
    std::cerr << "storyline_train_story_model: " << prior.status().ToString() << "\n";
    return 1;
  }
  options.model = std::make_shared<const cluster::StoryModel>(std::move(*prior));
  // Parts of the validation split's size: the density of competing stories a threshold
  // and the features' weights are learnt at (see TuneOnTrain).
  auto trained = eval::TrainPairWeights(eval::SplitByEvents(train, (*splits)[1].event_count),
                                        options, l2, dropped, rounds);
  if (!trained.ok()) {
    std::cerr << "storyline_train_story_model: " << trained.status().ToString() << "\n";
    return 1;
  }
  const std::string comment =
      "P(article reports the story's event) = sigmoid(bias + sum of weight * feature)\n"
      "(cluster/story_model.h). Trained by: storyline_train_story_model pair --l2 " +
      std::to_string(l2) + " --rounds " + std::to_string(rounds) +
      "\non neus train in val-sized parts: " + std::to_string(trained->examples) + " candidates, " +
      std::to_string(trained->positives) + " same-event; log-loss " +
      std::to_string(trained->log_loss);
  if (!Write(weights_out, cluster::FormatPairWeights(trained->model, comment))) return 1;
  std::cout << "wrote " << weights_out << ": " << trained->examples << " candidates, "
            << trained->positives << " same-event, gold not ranked " << trained->gold_missed
            << ", log-loss " << trained->log_loss << "\n";
  return 0;
}
