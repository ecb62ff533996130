// storyline_stories_eval: story clustering quality on the AllSides datasets, ours and a
// scikit-learn peer scored side by side. A thin client of eval/stories/stories_eval.h.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cluster/story_model.h"
#include "eval/stories/stories_eval.h"

namespace {

namespace fs = std::filesystem;
namespace eval = storyline::eval;

fs::path DefaultDir() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) {
    return fs::path(shared) / "datasets" / "stories" / "allsides";
  }
  return fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "datasets" / "stories" / "allsides";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "storyline_stories_eval: story clustering on AllSides (neus, crawl), sklearn beside"};
  std::string dir = DefaultDir().string();
  bool tune = false;
  std::string errors_of, pair_weights;
  size_t errors_limit = 40;
  eval::StoriesEvalOptions options;
  app.add_option("DIR", dir, "The allsides folder (neus.jsonl, crawl.jsonl)")
      ->capture_default_str();
  app.add_flag("--tune", tune, "Sweep the thresholds of ours and the peer on neus train");
  app.add_option("--errors", errors_of,
                 "Print the split and merged events of one split (neus-train, neus-train-partN, "
                 "neus-val, crawl) instead of the scores");
  app.add_option("--errors-limit", errors_limit, "At most this many of each")->capture_default_str();
  app.add_option("--pair-weights", pair_weights,
                 "Score with these pair weights (and models/stories/idf_prior.tsv) instead of "
                 "the compiled-in model");
  app.add_flag("!--no-peer", options.run_peer, "Do not run the scikit-learn peer");
  app.add_option("--peer-script", options.peer_script, "The peer (eval/stories/sklearn_peer.py)");
  app.add_option("--python", options.python, "The peer's interpreter (default /usr/bin/python3)");
  app.add_option("--peer-threshold", options.peer_threshold, "The peer's cosine distance cut")
      ->capture_default_str();
  app.add_option("--join-threshold", options.ours.join_threshold, "StoryOptions::join_threshold")
      ->capture_default_str();
  app.add_option("--title-weight", options.ours.title_weight)->capture_default_str();
  app.add_option("--entity-weight", options.ours.entity_weight)->capture_default_str();
  app.add_option("--number-weight", options.ours.number_weight)->capture_default_str();
  app.add_option("--centroid-terms", options.ours.centroid_terms)->capture_default_str();
  app.add_option("--query-terms", options.ours.query_terms)->capture_default_str();
  app.add_option("--posted-terms", options.ours.posted_terms)->capture_default_str();
  app.add_option(
      "--window-days",
      [&options](const std::vector<std::string>& v) {
        options.ours.window_seconds = static_cast<int64_t>(std::stod(v.front()) * 86400);
        return true;
      },
      "StoryOptions::window_seconds in days");
  app.add_option(
      "--half-life-days",
      [&options](const std::vector<std::string>& v) {
        options.ours.half_life_seconds = static_cast<int64_t>(std::stod(v.front()) * 86400);
        return true;
      },
      "StoryOptions::half_life_seconds in days (0: no decay)");
  CLI11_PARSE(app, argc, argv);

  if (!fs::is_regular_file(fs::path(dir) / "neus.jsonl") ||
      !fs::is_regular_file(fs::path(dir) / "crawl.jsonl")) {
    std::cout << "storyline_stories_eval: dataset not found (no neus.jsonl / crawl.jsonl in " << dir
              << "); skipping\n";
    return 0;
  }
  if (!pair_weights.empty()) {
    auto model = storyline::cluster::LoadStoryModel(
        fs::path(STORYLINE_SOURCE_DIR) / "models" / "stories" / "idf_prior.tsv", pair_weights);
    if (!model.ok()) {
      std::cerr << "storyline_stories_eval: " << model.status().ToString() << "\n";
      return 1;
    }
    options.ours.model = std::make_shared<const storyline::cluster::StoryModel>(std::move(*model));
  }
  if (!errors_of.empty()) {
    auto splits = eval::LoadAllSides(dir);
    if (!splits.ok()) {
      std::cerr << "storyline_stories_eval: " << splits.status().ToString() << "\n";
      return 1;
    }
    std::vector<eval::StorySplit> all = *splits;
    for (eval::StorySplit& part : eval::SplitByEvents(splits->front(), (*splits)[1].event_count)) {
      all.push_back(std::move(part));
    }
    for (const eval::StorySplit& split : all) {
      if (split.name != errors_of) continue;
      std::cout << eval::DescribeErrors(
          split, eval::ClusterWithStoryIndex(split, options.ours), errors_limit);
      return 0;
    }
    std::cerr << "storyline_stories_eval: no split " << errors_of << "\n";
    return 1;
  }
  if (tune) {
    const auto result = eval::TuneOnTrain(dir, options);
    if (!result.ok()) {
      std::cerr << "storyline_stories_eval: " << result.status().ToString() << "\n";
      return 1;
    }
    std::cout << result->table << "best join_threshold " << result->best_join_threshold
              << ", best peer distance threshold " << result->best_peer_threshold << "\n";
    return 0;
  }
  const auto reports = eval::EvaluateStories(dir, options);
  if (!reports.ok()) {
    std::cerr << "storyline_stories_eval: " << reports.status().ToString() << "\n";
    return 1;
  }
  std::cout << eval::FormatStoryReports(*reports);
  return 0;
}
