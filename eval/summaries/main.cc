// storyline_summaries_eval: ROUGE-1/2/L F (ROUGE-1.5.5, -m) of our article and story
// summaries beside Lead, TextRank and LexRank, in one run with one scorer. A thin client of
// eval/summaries/summaries_eval.h.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "eval/summaries/summaries_eval.h"

namespace {

namespace fs = std::filesystem;
namespace eval = storyline::eval;

fs::path DefaultDatasets() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) {
    return fs::path(shared) / "datasets";
  }
  return fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "datasets";
}

double MeanOf(const std::vector<double>& v, const std::vector<size_t>& idx, int parity) {
  double sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (parity >= 0 && static_cast<int>(idx[i] % 2) != parity) continue;
    sum += v[i];
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 0.0;
}

void Print(const char* title, const eval::EvalResult& r, int parity) {
  std::printf("%s\n", title);
  std::printf("  %-18s %8s %8s %8s %12s\n", "system", "R1-F", "R2-F", "RL-F", "summaries/s");
  for (const eval::SystemScores& s : r.systems) {
    const double rate = s.seconds > 0 ? static_cast<double>(s.r1.size()) / s.seconds : 0.0;
    std::printf("  %-18s %8.5f %8.5f %8.5f %12.0f\n", s.system.c_str(),
                MeanOf(s.r1, r.doc_index, parity), MeanOf(s.r2, r.doc_index, parity),
                MeanOf(s.rl, r.doc_index, parity), rate);
  }
  // How far apart ours and each peer are, per document: the mean paired difference and
  // its standard error (a difference within about two errors may be chance).
  if (r.systems.size() < 2) return;
  std::printf("  storyline minus each peer (mean paired difference ± standard error):\n");
  for (size_t p = 1; p < r.systems.size(); ++p) {
    std::printf("    %-26s", r.systems[p].system.c_str());
    for (auto member : {&eval::SystemScores::r1, &eval::SystemScores::r2}) {
      const std::vector<double>& ours = r.systems[0].*member;
      const std::vector<double>& peer = r.systems[p].*member;
      double sum = 0, sum2 = 0;
      size_t n = 0;
      for (size_t i = 0; i < ours.size() && i < peer.size(); ++i) {
        if (parity >= 0 && static_cast<int>(r.doc_index[i] % 2) != parity) continue;
        const double d = ours[i] - peer[i];
        sum += d;
        sum2 += d * d;
        ++n;
      }
      const double mean = n ? sum / static_cast<double>(n) : 0.0;
      const double var =
          n > 1 ? (sum2 - static_cast<double>(n) * mean * mean) / static_cast<double>(n - 1) : 0.0;
      const double se = n ? std::sqrt(std::max(var, 0.0) / static_cast<double>(n)) : 0.0;
      std::printf("  %s %+.5f ± %.5f", member == &eval::SystemScores::r1 ? "R1" : "R2", mean, se);
    }
    std::printf("\n");
  }
}

// One line per document: its dataset line (1-based), then each system's ROUGE-2 F.
void WritePerDocument(const std::string& path, const eval::EvalResult& r) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (out == nullptr) {
    std::fprintf(stderr, "%s: cannot write\n", path.c_str());
    return;
  }
  std::fprintf(out, "line");
  for (const eval::SystemScores& s : r.systems) std::fprintf(out, "\t%s", s.system.c_str());
  std::fprintf(out, "\n");
  for (size_t d = 0; d < r.doc_index.size(); ++d) {
    std::fprintf(out, "%zu", r.doc_index[d] + 1);
    for (const eval::SystemScores& s : r.systems) std::fprintf(out, "\t%.5f", s.r2[d]);
    std::fprintf(out, "\n");
  }
  std::fclose(out);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "storyline_summaries_eval: article (BBC) and story (AllSides) summaries, "
      "ROUGE-1.5.5 with stemming, Lead/TextRank/LexRank beside ours"};
  eval::SummariesEvalOptions options;
  std::string datasets = DefaultDatasets().string();
  std::string only;
  bool no_peers = false;
  app.add_option("DATASETS", datasets, "The datasets folder (summaries/, stories/)")
      ->capture_default_str();
  app.add_option("--only", only, "bbc or allsides");
  app.add_option("--split", options.allsides_split, "AllSides split")->capture_default_str();
  app.add_option("--stride", options.stride, "Every n-th document")->capture_default_str();
  app.add_option("--max-docs", options.max_docs, "At most this many documents (0: all)");
  app.add_flag("--no-peers", no_peers, "Only ours");
  app.add_option("--length-exponent", options.article.length_exponent)->capture_default_str();
  app.add_option("--lead-weight", options.article.lead_weight)->capture_default_str();
  size_t min_sentence_words = options.article.min_sentence_words;
  app.add_option("--min-sentence-words", min_sentence_words,
                 "Articles and stories: shorter sentences only when nothing else is there")
      ->capture_default_str();
  app.add_option("--reported-weight", options.article.reported_weight)->capture_default_str();
  app.add_option("--centrality-weight", options.article.centrality_weight)->capture_default_str();
  app.add_option("--story-centrality-weight", options.story.story_centrality_weight)
      ->capture_default_str();
  app.add_option("--avoid-dangling", options.article.avoid_dangling)->capture_default_str();
  app.add_option("--fill-budget", options.article.fill_budget)->capture_default_str();
  app.add_option("--story-fill-budget", options.story.story_fill_budget)->capture_default_str();
  app.add_option("--story-length-exponent", options.story.story_length_exponent)
      ->capture_default_str();
  app.add_option("--story-lead-weight", options.story.story_lead_weight)->capture_default_str();
  app.add_option("--support-weight", options.story.support_weight)->capture_default_str();
  app.add_option("--shared-weight", options.story.shared_weight)->capture_default_str();
  app.add_option("--title-weight", options.story.title_weight)->capture_default_str();
  app.add_option("--quote-weight", options.story.quote_weight)->capture_default_str();
  app.add_option("--redundancy", options.story.redundancy)->capture_default_str();
  app.add_option("--coverage-weight", options.story.coverage_weight)->capture_default_str();
  app.add_option("--frequency-weight", options.story.frequency_weight)->capture_default_str();
  app.add_option("--story-take-antecedent", options.story.story_take_antecedent)
      ->capture_default_str();
  app.add_option("--pool-coverage-weight", options.story.pool_coverage_weight)
      ->capture_default_str();
  app.add_option("--pool-saturation", options.story.pool_saturation)->capture_default_str();
  app.add_option("--story-cost-exponent", options.story.story_cost_exponent)
      ->capture_default_str();
  app.add_option("--story-lead-exponent", options.story.story_lead_exponent)
      ->capture_default_str();
  app.add_option("--duplicate-similarity", options.story.duplicate_similarity)
      ->capture_default_str();
  app.add_option("--story-quotes", options.story_quotes,
                 "AllSides: quotes and speakers found by the people/quotes models, as ingest does")
      ->capture_default_str();
  app.add_option("--story-avoid-dangling", options.story.avoid_dangling)->capture_default_str();
  std::string per_document;
  app.add_option("--per-document", per_document,
                 "Write each document's ROUGE-2 F per system (tab-separated) to this file");
  CLI11_PARSE(app, argc, argv);
  options.datasets = datasets;
  options.run_peers = !no_peers;
  options.article.min_sentence_words = min_sentence_words;
  options.story.min_sentence_words = min_sentence_words;

  if (only.empty() || only == "bbc") {
    storyline::Result<eval::EvalResult> bbc = eval::EvaluateBbc(options);
    if (!bbc.ok()) {
      std::fprintf(stderr, "bbc: %s\n", bbc.status().ToString().c_str());
      return 1;
    }
    std::printf("BBC News Summary: %zu articles, budget = reference words\n",
                bbc->doc_index.size());
    Print("all articles", *bbc, -1);
    Print("held-out half (odd lines; tuning used the even lines)", *bbc, 1);
    if (!per_document.empty() && only == "bbc") WritePerDocument(per_document, *bbc);
  }
  if (only.empty() || only == "allsides") {
    storyline::Result<eval::EvalResult> as = eval::EvaluateAllSides(options);
    if (!as.ok()) {
      std::fprintf(stderr, "allsides: %s\n", as.status().ToString().c_str());
      return 1;
    }
    std::printf("AllSides neus %s: %zu stories, budget = roundup words; ours %s\n",
                options.allsides_split.c_str(), as->doc_index.size(),
                options.story_quotes ? "with the quotes the people/quotes models find (as ingest)"
                                     : "without quotes");
    Print("all stories", *as, -1);
    if (!per_document.empty()) WritePerDocument(per_document, *as);
  }
  return 0;
}
