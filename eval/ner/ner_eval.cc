#include "eval/ner/ner_eval.h"

#include <cstdio>
#include <ctime>
#include <fstream>

namespace storyline::eval {

Result<NerReport> EvaluateNer(const std::filesystem::path& conll_dir, const nlp::NerTagger& tagger,
                              const NerEvalOptions& options) {
  const std::filesystem::path path = conll_dir / options.split;
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open (is ../shared/datasets there?)");
  Result<std::vector<nlp::ConllDocument>> docs = nlp::ReadConll(in);
  if (!docs.ok()) return docs.status().WithContext(path.string());
  if (docs->empty()) return Status::BadInput(path.string() + ": no sentences");
  if (options.max_documents > 0 && docs->size() > options.max_documents) {
    docs->resize(options.max_documents);
  }
  NerReport report;
  std::vector<std::vector<std::string>> words;
  for (const nlp::ConllDocument& d : *docs) {
    words.clear();
    for (const nlp::ConllSentence& s : d.sentences) {
      for (const std::string& tag : s.tags) {
        if (tag.empty())
          return Status::BadInput(path.string() + ": a token line has no NER column");
      }
      words.push_back(s.words);
    }
    const std::clock_t start = std::clock();
    const std::vector<std::vector<std::string>> predicted = tagger.TagDocument(words);
    report.seconds += double(std::clock() - start) / CLOCKS_PER_SEC;
    for (size_t s = 0; s < d.sentences.size(); ++s) {
      nlp::ScoreSentence(d.sentences[s].tags, predicted[s], report.score);
    }
    ++report.documents;
    report.sentences += d.sentences.size();
  }
  return report;
}

const std::vector<PublishedNer>& PublishedNerResults() {
  // The anchors of issue 5 (CoNLL-2003 English test set, entity F1).
  static const std::vector<PublishedNer> kPublished = {
      {"Stanford CRF (Finkel et al. 2005)", 0.86, "CoNLL-2003 test"},
      {"MITIE", 0.88, "CoNLL-2003 test, approx."},
      {"perceptron + clusters + gazetteers (Ratinov & Roth 2009)", 0.908, "0.908-0.914"},
      {"BERT-large (Devlin et al. 2019)", 0.928, "CoNLL-2003 test"},
  };
  return kPublished;
}

std::string FormatNerReport(const NerReport& report, const std::string& split) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "CoNLL-2003 %s: %zu documents, %zu sentences, %zu tokens\n",
                split.c_str(), report.documents, report.sentences, report.score.tokens);
  out += line;
  std::snprintf(line, sizeof line, "%-8s %9s %9s %9s %8s %8s %8s\n", "type", "precision", "recall",
                "F1", "gold", "found", "correct");
  out += line;
  auto row = [&](const std::string& name, const nlp::ChunkCounts& c) {
    std::snprintf(line, sizeof line, "%-8s %9.4f %9.4f %9.4f %8zu %8zu %8zu\n", name.c_str(),
                  c.precision(), c.recall(), c.f1(), c.gold, c.predicted, c.correct);
    out += line;
  };
  for (const auto& [type, counts] : report.score.by_type) row(type, counts);
  row("overall", report.score.overall);
  std::snprintf(
      line, sizeof line, "token accuracy %.4f; tagging %.0f sentences/s (one thread, CPU time)\n",
      report.score.tokens ? double(report.score.correct_tags) / double(report.score.tokens) : 0.0,
      report.seconds > 0 ? double(report.sentences) / report.seconds : 0.0);
  out += line;
  out += "\nstoryline (ours, " + split + "):";
  std::snprintf(line, sizeof line, " F1 %.4f\n", report.score.overall.f1());
  out += line;
  out += "published, test set (eng.testb, not this split; for scale only):\n";
  for (const PublishedNer& p : PublishedNerResults()) {
    std::snprintf(line, sizeof line, "  %-58s F1 %.3f  (%s)\n", p.system.c_str(), p.f1,
                  p.source.c_str());
    out += line;
  }
  return out;
}

}  // namespace storyline::eval
