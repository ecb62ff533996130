// storyline_train_ner: trains the named-entity model (see models/ner/README.md).
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "nlp/conll.h"
#include "nlp/ner_model.h"
#include "nlp/ner_train.h"

namespace {

namespace fs = std::filesystem;
using storyline::Result;
using storyline::Status;

Result<std::vector<storyline::nlp::ConllDocument>> Load(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  auto docs = storyline::nlp::ReadConll(in);
  if (!docs.ok()) return docs.status().WithContext(path.string());
  return docs;
}

int Run(const fs::path& conll, const fs::path& datasets, const fs::path& out,
        const storyline::nlp::TrainOptions& options, bool use_dev) {
  const auto start = std::chrono::steady_clock::now();
  auto train = Load(conll / "train.txt");
  if (!train.ok()) {
    std::cerr << train.status().ToString() << "\n";
    return 1;
  }
  Result<std::vector<storyline::nlp::ConllDocument>> dev =
      std::vector<storyline::nlp::ConllDocument>{};
  if (use_dev) {
    dev = Load(conll / "valid.txt");
    if (!dev.ok()) {
      std::cerr << dev.status().ToString() << "\n";
      return 1;
    }
  }
  auto text = storyline::nlp::ReadUnlabelledText(datasets, &std::cerr);
  if (!text.ok()) {
    std::cerr << text.status().ToString() << "\n";
    return 1;
  }
  // The training sentences are unlabelled text too (their words, not their tags).
  for (const auto& d : *train) {
    for (const auto& s : d.sentences) text->push_back(s.words);
  }
  std::cerr << "unlabelled sentences: " << text->size() << "\n";
  storyline::nlp::detail::Lexicon lexicon =
      storyline::nlp::BuildLexicon(*text, storyline::nlp::LexiconOptions{}, &std::cerr);
  text->clear();
  auto model = storyline::nlp::TrainNer(*train, std::move(lexicon), options,
                                        use_dev ? &dev.value() : nullptr, &std::cerr);
  if (!model.ok()) {
    std::cerr << model.status().ToString() << "\n";
    return 1;
  }
  const std::string bytes = storyline::nlp::detail::SerializeModel(*model);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::cerr << out << ": write failed\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "wrote " << out << " (" << bytes.size() << " bytes) in " << seconds << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train the storyline named-entity tagger on CoNLL-2003"};
  fs::path conll;
  fs::path datasets;
  fs::path out;
  storyline::nlp::TrainOptions options;
  bool no_dev = false;
  app.add_option("--conll", conll, "folder with train.txt (and valid.txt, scored per epoch)")
      ->required();
  app.add_option("--datasets", datasets, "../shared/datasets: unlabelled text for word clusters")
      ->required();
  app.add_option("--out", out, "model file to write")->required();
  app.add_option("--epochs", options.epochs, "perceptron passes per stage");
  app.add_option("--stages", options.stages, "1 or 2 (document-level votes)");
  app.add_option("--folds", options.folds, "jackknife folds");
  app.add_option("--shuffles", options.shuffles, "sentence orders averaged per stage");
  app.add_option("--prune", options.prune, "drop weights with |w| at most this");
  app.add_flag("--no-dev", no_dev, "do not score valid.txt after each epoch");
  CLI11_PARSE(app, argc, argv);
  return Run(conll, datasets, out, options, !no_dev);
}
