// The evaluations storyline_eval runs: our extractor over a dataset, scored by the
// dataset's own metric, with the peers' published outputs scored by the same code in the
// same run. The tool only parses flags and prints these reports (report.h).
//
// Each Evaluate* call reads the dataset from `dir`, runs on the calling thread and shares
// nothing between calls. A page our extractor rejects is scored as empty text, not skipped.
#ifndef STORYLINE_EVAL_EVALUATE_H_
#define STORYLINE_EVAL_EVALUATE_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval/datasets.h"
#include "eval/metrics.h"
#include "extract/extraction.h"
#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline::eval {

struct EvalOptions {
  size_t limit = 0;       // score only the first N pages (by id); 0 = all
  size_t show_worst = 0;  // keep the K pages where we do worst
  size_t show_metadata_misses = 0;  // keep the first K misses of each metadata field (wcxb)
  std::string page_type;            // score only pages of this type ("" = all; wcxb)
  std::filesystem::path dump_dir;   // write our text of each page to DIR/ID.txt ("" = none)
  bool flattened = false;  // wcxb: the text extractor on the pages flattened to scraper text
};

// Read (gzip, charset) then extract one page file, telling the extractor the page's URL
// ("" if unknown). The error names the file when the page cannot be read or holds no article.
Result<extract::Extraction> ExtractPage(const std::filesystem::path& html, const std::string& url,
                                        bool flattened = false);

struct Throughput {
  size_t pages = 0;
  double seconds = 0;  // read + extract, scoring excluded
  double PagesPerSecond() const { return seconds > 0 ? static_cast<double>(pages) / seconds : 0; }
};

struct SystemScore {
  std::string system;
  Score score;
  size_t pages = 0;
};

// A page where we do badly, for whoever improves the extractor.
struct WorstPage {
  std::string id;
  double score = 0;    // F1 (zyte, wcxb) or the share of fields matched (readability)
  std::string detail;  // the first 80 characters of our text, or the mismatched fields
};

struct ZyteReport {
  std::vector<SystemScore> systems;  // "storyline" first, then the peers by name
  Throughput extraction;
  size_t rejected = 0;  // pages our extractor gave no article for
  std::vector<WorstPage> worst;
};

// One system's outputs (page id → article body; a missing page is an empty output) scored
// against the pages' reference bodies with the benchmark's shingle metric.
Score ScoreZyteOutputs(const std::vector<ZytePage>& pages,
                       const std::unordered_map<std::string, std::string>& bodies);

Result<ZyteReport> EvaluateZyte(const std::filesystem::path& dir, const EvalOptions& options);

// The text extractor on pages from many sites: each zyte page flattened to scraper-style
// text (eval/flatten.h), extracted as flattened text, scored like EvaluateZyte; our HTML
// extractor on the same pages beside it.
Result<ZyteReport> EvaluateZyteFlattened(const std::filesystem::path& dir,
                                         const EvalOptions& options);

// One metadata field scored as exact matches over the pages whose reference has it.
struct FieldAccuracy {
  std::string field;
  std::string rule;  // how "equal" is decided, printed beside the number
  size_t matched = 0;
  size_t total = 0;
  double Rate() const {
    return total > 0 ? static_cast<double>(matched) / static_cast<double>(total) : 0;
  }
};

// Scores published for the WCXB dev split (not computed here): F1 overall and on articles.
struct PublishedScore {
  std::string system;
  double overall = 0;
  double article = 0;
};
const std::vector<PublishedScore>& WcxbPublishedDev();

// One metadata field of one page where our value is not the reference's.
struct MetadataMiss {
  std::string field;
  std::string id;
  std::string want;  // the reference, whitespace collapsed
  std::string got;   // ours as scored ("" when we gave none)
};

struct WcxbReport {
  SystemScore overall;               // system "storyline"
  std::vector<SystemScore> by_type;  // system = page type, sorted by type
  std::vector<FieldAccuracy> metadata;
  std::vector<MetadataMiss> metadata_misses;  // per field, in page order, at most K each
  Throughput extraction;
  size_t rejected = 0;
  std::vector<WorstPage> worst;
};

Result<WcxbReport> EvaluateWcxb(const std::filesystem::path& dir, const EvalOptions& options);

struct ReadabilityReport {
  size_t pages = 0;
  std::vector<FieldAccuracy> fields;
  Throughput extraction;
  size_t rejected = 0;
  std::vector<WorstPage> worst;
};

Result<ReadabilityReport> EvaluateReadability(const std::filesystem::path& dir,
                                              const EvalOptions& options);

// Metadata comparisons, exposed for their tests.
// Our authors as one byline: "A, B, C".
std::string JoinAuthors(const std::vector<std::string>& authors);
// The names in a byline as pages write it: split at ", ", "; ", " and ", " & " ("A, B, and C",
// "A & B" → {"A", "B", "C"}), whitespace collapsed.
std::vector<std::string> SplitByline(std::string_view byline);
// True when our authors are the byline's names, in order, case-folded (and we have one).
bool SameAuthorNames(const std::vector<std::string>& authors, std::string_view byline);
// True when `published` falls on the calendar day that `reference` starts with
// ("2024-06-25", "2015-04-30T07:19:58+02:00"), read as written with no zone conversion.
// A month-only reference ("2015-11") needs the same month.
bool SameCalendarDay(const std::optional<Timestamp>& published, std::string_view reference);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_EVALUATE_H_
