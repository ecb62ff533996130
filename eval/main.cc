// storyline_eval: our extractor on the public extraction datasets, scored by each dataset's
// own metric, peers beside us. A thin client of the storyline_evaluation library: parse
// flags, run one evaluation, print.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "eval/evaluate.h"
#include "eval/report.h"

namespace {

using storyline::Result;
namespace eval = storyline::eval;

struct Flags {
  std::string dir;
  bool json = false;
  eval::EvalOptions options;

  void AddTo(CLI::App* cmd, const std::string& dir_help) {
    cmd->add_option("DIR", dir, dir_help)->required();
    cmd->add_flag("--json", json, "Print one JSON object instead of tables");
    cmd->add_option("--limit", options.limit, "Score only the first N pages (0: all)");
    cmd->add_option("--show-worst", options.show_worst, "List the K pages where we do worst");
    cmd->add_option("--show-metadata-misses", options.show_metadata_misses,
                    "List the first K pages where each metadata field misses (wcxb)");
    cmd->add_option("--type", options.page_type, "Score only pages of this type (wcxb)");
    cmd->add_flag("--flattened", options.flattened,
                  "wcxb: the text extractor on the pages flattened to scraper-style text");
    cmd->add_option("--dump", options.dump_dir,
                    "Write our text of each page to DIR/ID.txt (zyte-text, wcxb --flattened: and "
                    "the flattened page it read to DIR/ID.input.txt)");
  }
};

// Prints a report or its error; returns the exit code.
template <typename Report, typename Format>
int Print(const Result<Report>& report, bool json, Format format) {
  if (!report.ok()) {
    std::cerr << "storyline_eval: " << report.status().ToString() << "\n";
    return 1;
  }
  if (json) {
    std::cout << eval::ToJson(*report).dump(2) << "\n";
  } else {
    std::cout << format(*report);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"storyline_eval: extraction quality on ../shared/datasets/extraction"};
  app.require_subcommand(1);

  Flags zyte, zyte_text, wcxb, readability;
  zyte.AddTo(app.add_subcommand("zyte", "articleBody shingle F1 on Zyte's benchmark, peers beside"),
             "The zyte dataset folder (ground-truth.json, html/, peer-output/)");
  zyte_text.AddTo(
      app.add_subcommand("zyte-text",
                         "The text extractor on the zyte pages flattened to scraper-style text"),
      "The zyte dataset folder (ground-truth.json, html/)");
  wcxb.AddTo(app.add_subcommand("wcxb", "main-content word F1 and metadata on WCXB dev"),
             "The wcxb-dev folder (ground-truth/, html/)");
  readability.AddTo(
      app.add_subcommand("readability", "metadata on Mozilla Readability's test pages"),
      "The mozilla-readability-pages folder (NAME/source.html, NAME/expected-metadata.json)");
  CLI11_PARSE(app, argc, argv);

  if (app.got_subcommand("zyte")) {
    return Print(eval::EvaluateZyte(zyte.dir, zyte.options), zyte.json,
                 [](const eval::ZyteReport& r) { return eval::FormatZyte(r); });
  }
  if (app.got_subcommand("zyte-text")) {
    return Print(eval::EvaluateZyteFlattened(zyte_text.dir, zyte_text.options), zyte_text.json,
                 [](const eval::ZyteReport& r) { return eval::FormatZyte(r); });
  }
  if (app.got_subcommand("wcxb")) {
    return Print(eval::EvaluateWcxb(wcxb.dir, wcxb.options), wcxb.json,
                 [](const eval::WcxbReport& r) { return eval::FormatWcxb(r); });
  }
  return Print(eval::EvaluateReadability(readability.dir, readability.options), readability.json,
               [](const eval::ReadabilityReport& r) { return eval::FormatReadability(r); });
}
