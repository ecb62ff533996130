// The extraction datasets in ../shared/datasets/extraction, loaded into plain structs.
//
// Each loader reads the dataset's own files where they are (nothing is copied) and fails
// with a Status naming the file when the layout or a JSON document is not what it expects.
#ifndef STORYLINE_EVAL_DATASETS_H_
#define STORYLINE_EVAL_DATASETS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storyline/status.h"

namespace storyline::eval {

// Zyte's article-extraction-benchmark: ground-truth.json (id → {articleBody, url}),
// html/ID.html.gz, and peer-output/NAME.json (id → {articleBody}, possibly wrapped in
// {"output": ..., "version": ...}).
struct ZytePage {
  std::string id;
  std::filesystem::path html;
  std::string url;
  std::string body;  // the reference article body
};

struct PeerOutput {
  std::string system;                                 // the file's stem ("trafilatura")
  std::unordered_map<std::string, std::string> body;  // page id → articleBody
};

struct ZyteDataset {
  std::vector<ZytePage> pages;    // sorted by id
  std::vector<PeerOutput> peers;  // sorted by name
};

Result<ZyteDataset> LoadZyte(const std::filesystem::path& dir);

// WCXB dev split: ground-truth/ID.json and html/ID.html.gz.
struct WcxbPage {
  std::string id;
  std::filesystem::path html;
  std::string url;
  std::string page_type;             // _internal.page_type.primary ("article", "forum", ...)
  std::string main_content;          // ground_truth.main_content ("" when the page has none)
  std::optional<std::string> title;  // nullopt when the ground truth gives none
  std::optional<std::string> author;
  std::optional<std::string> publish_date;  // "YYYY-MM-DD", rarely "YYYY-MM"
};

Result<std::vector<WcxbPage>> LoadWcxb(const std::filesystem::path& dir);

// Mozilla Readability's test pages: NAME/source.html and NAME/expected-metadata.json.
struct ReadabilityPage {
  std::string id;  // the folder name
  std::filesystem::path html;
  std::optional<std::string> title;  // nullopt when the expectation is null or ""
  std::optional<std::string> byline;
  std::optional<std::string> site_name;
  std::optional<std::string> published_time;  // as Readability reports it, any format
};

Result<std::vector<ReadabilityPage>> LoadReadability(const std::filesystem::path& dir);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_DATASETS_H_
