// storyline_train_quotes DIR: trains models/quotes/quotes.model on DIR/train (PolNeAR),
// logging dev scores after every epoch. A thin client of eval/quotes/training.h; the exact
// command is in models/quotes/README.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "eval/quotes/training.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  namespace q = storyline::eval::quotes;
  CLI::App app{"storyline_train_quotes: the quote attribution model (models/quotes)"};
  std::string dir;
  std::string out =
      (fs::path(STORYLINE_SOURCE_DIR) / "models" / "quotes" / "quotes.model").string();
  bool with_dev = true;
  q::TrainOptions options;
  app.add_option("DIR", dir, "The polnear folder (with train/ and dev/)")->required();
  app.add_option("--out", out, "Where to write the model")->capture_default_str();
  app.add_option("--epochs", options.epochs)->capture_default_str();
  app.add_option("--seed", options.seed)->capture_default_str();
  app.add_option("--shuffles", options.shuffles,
                 "Train this many (seeds seed, seed + 1, ...) and average")
      ->capture_default_str();
  app.add_option("--bits", options.table_bits, "log2 of the weight table size")
      ->capture_default_str();
  app.add_flag("!--no-dev", with_dev, "Do not score dev after each epoch");
  CLI11_PARSE(app, argc, argv);

  auto train = q::LoadSplit(fs::path(dir) / "train");
  if (!train.ok()) {
    std::cerr << "storyline_train_quotes: " << train.status().ToString() << "\n";
    return 1;
  }
  std::vector<q::AnnotatedText> dev;
  if (with_dev) {
    auto loaded = q::LoadSplit(fs::path(dir) / "dev");
    if (!loaded.ok()) {
      std::cerr << "storyline_train_quotes: " << loaded.status().ToString() << "\n";
      return 1;
    }
    dev = std::move(loaded).value();
  }
  auto weights = q::Train(*train, dev, options, std::cerr);
  if (!weights.ok()) {
    std::cerr << "storyline_train_quotes: " << weights.status().ToString() << "\n";
    return 1;
  }
  std::string bytes = weights->Serialize();
  std::ofstream file(out, std::ios::binary);
  file << bytes;
  if (!file) {
    std::cerr << "storyline_train_quotes: " << out << ": cannot write\n";
    return 1;
  }
  std::cerr << "wrote " << out << " (" << bytes.size() << " bytes)\n";
  return 0;
}
