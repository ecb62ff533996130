// storyline: the command-line client. Every command is a thin shell over the library:
// parse flags, call one pipeline function, print.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "nlp/ner.h"
#include "pipeline/collect.h"
#include "pipeline/json.h"
#include "pipeline/pipeline.h"
#include "search/search.h"
#include "serve/serve.h"
#include "storyline/store.h"

namespace {

using storyline::Article;
using storyline::Result;
using storyline::Status;
using storyline::Store;
namespace pipeline = storyline::pipeline;
namespace read = storyline::read;
namespace extract = storyline::extract;

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitSomeRejected = 2;

std::string DefaultDb() {
  const char* env = std::getenv("STORYLINE_DB");
  return env && *env ? env : "./storyline-data";
}

// Flags shared by the commands that read inputs.
struct InputFlags {
  std::string format = "auto";
  std::string url;
  size_t max_bytes = 16u << 20;

  void AddTo(CLI::App* cmd) {
    cmd->add_option("--format", format, "Input format: auto (by content), html, text, jsonl")
        ->capture_default_str();
    cmd->add_option("--url", url, "The page's URL, when the input does not state it");
    cmd->add_option("--max-bytes", max_bytes,
                    "Reject inputs larger than this (bytes, after decompression)")
        ->capture_default_str();
  }

  Result<pipeline::PipelineOptions> Options() const {
    pipeline::PipelineOptions o;
    Result<read::Format> f = read::ParseFormat(format);
    if (!f.ok()) return f.status();
    o.read.format = *f;
    o.read.max_bytes = max_bytes;
    o.extract.url = url;
    return o;
  }
};

int Fail(const Status& s) {
  std::cerr << "storyline: " << s.ToString() << "\n";
  return kExitFatal;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, bool create) {
  storyline::StoreOptions options;
  options.create_if_missing = create;
  return Store::Open(db, options);
}

// A progress bar on a terminal (files done of files found); silent when stderr is piped.
class ProgressBar {
 public:
  explicit ProgressBar(size_t total) : total_(total), enabled_(isatty(STDERR_FILENO) != 0) {}

  // Called per ingest event; JSON Lines records ("x.jsonl:12") count toward their file.
  void Update(const std::string& source) {
    if (!enabled_) return;
    const std::string file = FileOf(source);
    if (file != last_file_) {
      last_file_ = file;
      ++done_;
    }
    const auto now = std::chrono::steady_clock::now();
    if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(50)) return;
    last_draw_ = now;
    constexpr int kWidth = 30;
    const size_t shown = std::min(done_, total_);
    const int filled = total_ ? static_cast<int>(kWidth * shown / total_) : kWidth;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r\033[K[%s] %zu/%zu files", bar.c_str(), shown, total_);
    std::fflush(stderr);
  }
  void Clear() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  static std::string FileOf(const std::string& source) {
    std::string s = source.substr(0, source.find("#related-"));
    const size_t colon = s.rfind(':');
    if (colon != std::string::npos && colon + 1 < s.size() &&
        s.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
      s.resize(colon);
    }
    return s;
  }

  size_t total_;
  bool enabled_;
  size_t done_ = 0;
  std::string last_file_;
  std::chrono::steady_clock::time_point last_draw_{};
};

int RunIngest(const std::string& db, const std::vector<std::string>& inputs,
              const InputFlags& flags, size_t batch_size) {
  auto options = flags.Options();
  if (!options.ok()) return Fail(options.status());
  options->batch_size = batch_size;
  auto store = OpenStore(db, true);
  if (!store.ok()) return Fail(store.status());
  const std::vector<std::string> files = read::ExpandInputs(inputs);
  ProgressBar progress(files.size());
  auto report = pipeline::Ingest(**store, files, *options, [&](const pipeline::IngestEvent& e) {
    progress.Update(e.source);
    if (e.outcome == pipeline::IngestOutcome::kRejected) {
      progress.Clear();
      std::cerr << "rejected: " << e.reason.message() << "\n";
    }
  });
  progress.Clear();
  if (!report.ok()) return Fail(report.status());
  std::printf("read %zu, new %zu, already known %zu, rejected %zu", report->read,
              report->stored_new, report->already_known, report->rejected);
  if (report->related_split)
    std::printf(" (%zu related articles split off)", report->related_split);
  if (report->analyzed)
    std::printf(", analyzed %zu (%zu quotes)", report->analyzed, report->quotes);
  if (report->indexed) std::printf(", indexed %zu", report->indexed);
  std::printf(" — store: %s\n", (*store)->database_path().c_str());
  return report->rejected ? kExitSomeRejected : kExitOk;
}

std::string Truncate(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

void PrintArticleLine(const Article& a) {
  std::printf("%6lld  %-25s  %-22s  %s\n", static_cast<long long>(a.id),
              a.published ? a.published->ToIso8601().c_str() : "-",
              Truncate(a.outlet.empty() ? "-" : a.outlet, 22).c_str(),
              Truncate(a.title.empty() ? "(no title)" : a.title, 80).c_str());
}

int RunArticles(const std::string& db, bool json, int limit, int64_t after) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  storyline::ListOptions list;
  list.after_id = after;
  int remaining = limit;
  if (!json) std::printf("%6s  %-25s  %-22s  %s\n", "id", "published", "outlet", "title");
  while (remaining > 0) {
    list.limit = std::min(remaining, 1000);
    auto page = (*store)->List(list);
    if (!page.ok()) return Fail(page.status());
    if (page->empty()) break;
    for (const Article& a : *page) {
      if (json) {
        std::printf("%s\n", pipeline::ArticleToJson(a, {.include_text = false}).c_str());
      } else {
        PrintArticleLine(a);
      }
    }
    remaining -= static_cast<int>(page->size());
    list.after_id = page->back().id;
  }
  return kExitOk;
}

int RunShow(const std::string& db, int64_t id, bool json) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  auto article = (*store)->Get(id);
  if (!article.ok()) return Fail(article.status());
  const Article& a = *article;
  if (json) {
    std::printf("%s\n", pipeline::ArticleToJson(a, {.include_text = true}).c_str());
    return kExitOk;
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out.empty() ? std::string("-") : out;
  };
  std::printf("%s\n\n", a.title.empty() ? "(no title)" : a.title.c_str());
  std::printf("id:        %lld\n", static_cast<long long>(a.id));
  std::printf("outlet:    %s\n", a.outlet.empty() ? "-" : a.outlet.c_str());
  std::printf("published: %s\n", a.published ? a.published->ToIso8601().c_str() : "-");
  std::printf("authors:   %s\n", join(a.authors).c_str());
  std::printf("url:       %s\n", a.url.empty() ? "-" : a.url.c_str());
  std::printf("language:  %s\n", a.language.empty() ? "-" : a.language.c_str());
  std::printf("tags:      %s\n", join(a.tags).c_str());
  std::printf("source:    %s\n\n%s\n", a.source_file.c_str(), a.text.c_str());
  return kExitOk;
}

std::string Published(const std::optional<storyline::Timestamp>& t) {
  return t ? t->ToIso8601() : "-";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? std::string("-") : out;
}

int RunStories(const std::string& db, bool json, int limit, int64_t after) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  storyline::ListOptions list;
  list.after_id = after;
  int remaining = limit;
  if (!json)
    std::printf("%6s  %8s  %-25s  %-30s  %s\n", "id", "articles", "first published", "outlets",
                "title");
  while (remaining > 0) {
    list.limit = std::min(remaining, 1000);
    auto page = (*store)->ListStories(list);
    if (!page.ok()) return Fail(page.status());
    if (page->empty()) break;
    for (const storyline::Story& story : *page) {
      if (json) {
        std::printf("%s\n", pipeline::StoryToJson(story).c_str());
      } else {
        std::printf("%6lld  %8zu  %-25s  %-30s  %s\n", static_cast<long long>(story.id),
                    story.article_ids.size(), Published(story.first_published).c_str(),
                    Truncate(Join(story.outlets), 30).c_str(),
                    Truncate(story.title.empty() ? "(no title)" : story.title, 70).c_str());
      }
    }
    remaining -= static_cast<int>(page->size());
    list.after_id = page->back().id;
  }
  return kExitOk;
}

int RunStory(const std::string& db, int64_t id, bool json) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  auto story = (*store)->GetStory(id);
  if (!story.ok()) return Fail(story.status());
  auto coverage = pipeline::CompareStoryCoverage(**store, id, pipeline::PipelineOptions{});
  if (!coverage.ok()) return Fail(coverage.status());
  if (json) {
    std::printf("%s\n", pipeline::StoryPageToJson(*story, *coverage).c_str());
    return kExitOk;
  }
  std::printf("%s\n\n", story->title.empty() ? "(no title)" : story->title.c_str());
  std::printf("story:     %lld\n", static_cast<long long>(story->id));
  std::printf("outlets:   %s\n", Join(story->outlets).c_str());
  std::printf("published: %s .. %s\n\n", Published(story->first_published).c_str(),
              Published(story->last_published).c_str());
  if (!story->summary.empty()) {
    std::printf("summary:\n");
    for (const storyline::SummaryLine& line : story->summary) {
      std::printf("  %s [%s, article %lld]\n", line.text.c_str(),
                  line.outlet.empty() ? "-" : line.outlet.c_str(),
                  static_cast<long long>(line.article_id));
    }
    std::printf("\n");
  }
  for (int64_t article_id : story->article_ids) {
    auto a = (*store)->Get(article_id);
    if (!a.ok()) return Fail(a.status());
    std::string relation;
    if (a->duplicate_of) {
      relation = "  [" + a->relation + " of " + std::to_string(*a->duplicate_of) + "]";
    }
    std::printf("%6lld  %-25s  %-22s  %s%s\n", static_cast<long long>(a->id),
                Published(a->published).c_str(),
                Truncate(a->outlet.empty() ? "-" : a->outlet, 22).c_str(),
                Truncate(a->title.empty() ? "(no title)" : a->title, 70).c_str(), relation.c_str());
  }
  const auto& cov = coverage->coverage;
  if (cov.outlets.size() > 1) {
    std::printf("\ncoverage:\n");
    for (const auto& o : cov.outlets) {
      const int64_t aid = o.article < coverage->article_ids.size() ? coverage->article_ids[o.article] : 0;
      std::printf("  only in article %lld (%s):\n", static_cast<long long>(aid),
                  o.outlet.empty() ? "-" : o.outlet.c_str());
      for (const auto& sentence : o.only_here) {
        std::printf("    - %s\n", Truncate(sentence.text, 300).c_str());
      }
    }
    for (const auto& w : cov.wording) {
      std::printf("  wording: \"%s\" / \"%s\" (%zu)\n", w.a.c_str(), w.b.c_str(), w.count);
    }
  }
  return kExitOk;
}

int RunSummarize(const std::vector<std::string>& inputs, const InputFlags& flags,
                 size_t sentences, size_t words, bool together) {
  auto options = flags.Options();
  if (!options.ok()) return Fail(options.status());
  pipeline::SummarizeOptions how;
  how.together = together;
  how.summary.sentences = sentences;
  how.summary.words = words;
  bool rejected = false;
  Status s = pipeline::SummarizeInputs(
      inputs, *options, how,
      [&](std::vector<std::string> sources, Result<storyline::summarize::StorySummary> summary) {
        if (!summary.ok()) {
          rejected = true;
          std::cerr << "rejected: " << summary.status().message() << "\n";
          return;
        }
        std::printf("%s\n", pipeline::SummaryToJson(sources, *summary).c_str());
      });
  if (!s.ok()) return Fail(s);
  return rejected ? kExitSomeRejected : kExitOk;
}

int RunCluster(const std::vector<std::string>& inputs, const InputFlags& flags) {
  auto options = flags.Options();
  if (!options.ok()) return Fail(options.status());
  bool rejected = false;
  pipeline::ClusterInputs(inputs, *options, [&](pipeline::ClusterResult result) {
    rejected |= !result.article.ok();
    std::printf("%s\n", pipeline::ClusterResultToJson(result).c_str());
  });
  return rejected ? kExitSomeRejected : kExitOk;
}

int RunExtract(const std::vector<std::string>& inputs, const InputFlags& flags) {
  auto options = flags.Options();
  if (!options.ok()) return Fail(options.status());
  options->extract.keep_empty = true;  // a page without text still reports its metadata
  bool rejected = false;
  pipeline::ExtractInputs(inputs, *options, [&](pipeline::PageResult page) {
    rejected |= !page.extraction.ok() || page.extraction->kind == extract::PageKind::kEmpty;
    std::printf("%s\n", pipeline::PageResultToJson(page).c_str());
  });
  return rejected ? kExitSomeRejected : kExitOk;
}

int RunAnalyze(const std::vector<std::string>& inputs, const InputFlags& flags) {
  InputFlags f = flags;
  const bool plain = f.format == "plain";
  if (plain) f.format = "text";
  auto options = f.Options();
  if (!options.ok()) return Fail(options.status());
  bool rejected = false;
  Status s = pipeline::AnalyzeInputs(inputs, *options, plain, [&](pipeline::AnalyzedPage page) {
    rejected |= !page.extraction.ok() || !page.analysis.ok();
    std::printf("%s\n", pipeline::AnalyzedPageToJson(page).c_str());
  });
  if (!s.ok()) return Fail(s);
  return rejected ? kExitSomeRejected : kExitOk;
}

int RunNer(const std::string& conll) {
  Result<storyline::nlp::NerTagger> tagger = storyline::nlp::NerTagger::Default();
  if (!tagger.ok()) return Fail(tagger.status());
  Status s;
  if (conll == "-") {
    s = storyline::nlp::TagConll(std::cin, std::cout, *tagger);
  } else {
    std::ifstream in(conll, std::ios::binary);
    if (!in) return Fail(Status::NotFound(conll + ": cannot open"));
    s = storyline::nlp::TagConll(in, std::cout, *tagger);
  }
  return s.ok() ? kExitOk : Fail(s.WithContext(conll));
}

int RunPeople(const std::string& db, bool json, int limit) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  auto people = (*store)->ListPeople(limit);
  if (!people.ok()) return Fail(people.status());
  if (!json) std::printf("%-28s  %8s  %-26s  %s\n", "id", "mentions", "name", "roles");
  for (const storyline::PersonRecord& p : *people) {
    if (json) {
      std::printf("%s\n", pipeline::PersonToJson(p).c_str());
    } else {
      std::printf("%-28s  %8lld  %-26s  %s\n", Truncate(p.id, 28).c_str(),
                  static_cast<long long>(p.mentions), Truncate(p.name, 26).c_str(),
                  Truncate(Join(p.roles), 90).c_str());
    }
  }
  return kExitOk;
}

int RunQuotes(const std::string& db, bool json, int limit, const std::string& speaker,
              std::optional<int64_t> story) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  storyline::QuoteQuery query;
  query.speaker = speaker;
  query.story_id = story;
  int remaining = limit;
  while (remaining > 0) {
    query.limit = std::min(remaining, 1000);
    auto quotes = (*store)->ListQuotes(query);
    if (!quotes.ok()) return Fail(quotes.status());
    if (quotes->empty()) break;
    for (const storyline::StoredQuote& q : *quotes) {
      if (json) {
        std::printf("%s\n", pipeline::StoredQuoteToJson(q).c_str());
      } else {
        std::printf("%s  %s  [%s, article %lld]\n  %s%s%s\n\n",
                    q.speaker_name.empty() ? "(unattributed)" : q.speaker_name.c_str(),
                    q.cue.c_str(), q.outlet.empty() ? "-" : q.outlet.c_str(),
                    static_cast<long long>(q.article_id), q.direct ? "\u201c" : "",
                    Truncate(q.content, 400).c_str(), q.direct ? "\u201d" : "");
      }
    }
    remaining -= static_cast<int>(quotes->size());
    query.after_id = quotes->back().id;
  }
  return kExitOk;
}

// Snippet HTML as plain text for a terminal: matches in [brackets], entities decoded.
std::string SnippetText(const std::string& html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      out += '[';
      i += 6;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      out += ']';
      i += 7;
    } else if (html[i] == '&') {
      const size_t semi = html.find(';', i);
      const std::string entity = semi == std::string::npos ? "" : html.substr(i, semi - i + 1);
      const char* plain = entity == "&lt;" ? "<" : entity == "&gt;" ? ">" : entity == "&amp;" ? "&"
                          : entity == "&quot;" ? "\"" : entity == "&#39;" ? "'" : nullptr;
      if (plain) {
        out += plain;
        i = semi + 1;
      } else {
        out += html[i++];
      }
    } else {
      out += html[i++];
    }
  }
  return out;
}

int RunSearch(const std::string& db, const std::string& query, bool json, int limit, int offset,
              bool by_date) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  storyline::search::SearchIndexOptions index_options;
  index_options.read_only = true;
  auto index = storyline::search::SearchIndex::Open(pipeline::SearchIndexDir(**store), index_options);
  if (!index.ok()) return Fail(index.status().WithContext("the search index (run storyline reindex)"));
  storyline::search::SearchQuery q;
  q.text = query;
  q.limit = static_cast<size_t>(limit);
  q.offset = static_cast<size_t>(offset);
  q.sort = by_date ? storyline::search::SearchQuery::Sort::kDate
                   : storyline::search::SearchQuery::Sort::kRelevance;
  auto results = (*index)->Search(q);
  if (!results.ok()) {
    std::cerr << "storyline: " << results.status().ToString() << "\n";
    return results.status().code() == storyline::StatusCode::kInvalidArgument ? kExitSomeRejected
                                                                               : kExitFatal;
  }
  if (json) {
    std::printf("%s\n", pipeline::SearchResultsToJson(*results).c_str());
    return kExitOk;
  }
  std::printf("%lld matches%s\n\n", static_cast<long long>(results->matches_estimated),
              results->suggestion.empty() ? "" : (" — did you mean: " + results->suggestion).c_str());
  for (const auto& hit : results->hits) {
    std::printf("%6lld  %-25s  %-22s  %s\n        %s\n", static_cast<long long>(hit.article_id),
                Published(hit.published).c_str(),
                Truncate(hit.outlet.empty() ? "-" : hit.outlet, 22).c_str(),
                Truncate(hit.title.empty() ? "(no title)" : hit.title, 70).c_str(),
                SnippetText(hit.snippet_html).c_str());
  }
  auto facet = [](const char* name, const std::vector<storyline::search::FacetValue>& values) {
    if (values.empty()) return;
    std::string line;
    for (const auto& v : values) line += (line.empty() ? "" : ", ") + v.value + " (" + std::to_string(v.count) + ")";
    std::printf("%-8s %s\n", name, line.c_str());
  };
  std::printf("\n");
  facet("outlets:", results->outlets);
  facet("people:", results->people);
  facet("months:", results->months);
  return kExitOk;
}

int RunReindex(const std::string& db) {
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  auto index = storyline::search::SearchIndex::Open(pipeline::SearchIndexDir(**store));
  if (!index.ok()) return Fail(index.status());
  Status s = storyline::search::Reindex(**store, **index);
  if (!s.ok()) return Fail(s);
  auto count = (*index)->Count();
  if (!count.ok()) return Fail(count.status());
  std::printf("indexed %lld articles — %s\n", static_cast<long long>(*count),
              pipeline::SearchIndexDir(**store).c_str());
  return kExitOk;
}

// Flags of fetch and watch: the fetcher's politeness and the archive.
struct CollectFlags {
  std::string user_agent;
  double delay = -1;
  bool impolite = false;
  bool no_archive = false;
  std::string archive_dir;
  size_t max_items = 1000;
  double timeout = 60;
  int max_attempts = 4;
  double min_interval = 120;
  double max_interval = 86400;

  void AddTo(CLI::App* cmd, bool watch) {
    cmd->add_option("--user-agent", user_agent,
                    "User-Agent (default names storyline and its contact URL)");
    cmd->add_option("--delay", delay, "Seconds between two requests to one host (default 1)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--impolite", impolite,
                  "No robots.txt, no per-host delay, parallel connections (your own servers only)");
    cmd->add_flag("--no-archive", no_archive, "Do not keep the responses as WARC files");
    cmd->add_option("--archive", archive_dir, "WARC directory (default <db>/archive)");
    cmd->add_option("--max-items", max_items, "Items read per feed")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--timeout", timeout, "Seconds one transfer may take")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-attempts", max_attempts,
                    "Tries per URL on 429, 5xx and connection failures (with backoff)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    if (watch) {
      cmd->add_option("--min-interval", min_interval, "Shortest seconds between two polls of a feed")
          ->capture_default_str()
          ->check(CLI::NonNegativeNumber);
      cmd->add_option("--max-interval", max_interval, "Longest seconds between two polls of a feed")
          ->capture_default_str()
          ->check(CLI::PositiveNumber);
    }
  }

  pipeline::CollectOptions Options() const {
    pipeline::CollectOptions o;
    if (!user_agent.empty()) o.fetch.user_agent = user_agent;
    if (delay >= 0) o.fetch.min_host_delay_s = delay;
    o.fetch.polite = !impolite;
    o.fetch.total_timeout_ms = static_cast<long>(timeout * 1000);
    o.fetch.max_attempts = max_attempts;
    o.archive = !no_archive;
    o.archive_dir = archive_dir;
    o.max_items_per_feed = max_items;
    o.min_interval_s = min_interval;
    o.max_interval_s = max_interval;
    o.initial_interval_s = std::clamp(900.0, min_interval, std::max(min_interval, max_interval));
    return o;
  }
};

void PrintFetchError(const pipeline::CollectEvent& e) {
  if (!e.error.ok()) std::cerr << "fetch error: " << e.error.message() << "\n";
}

void PrintIngestRejection(const pipeline::IngestEvent& e) {
  if (e.outcome == pipeline::IngestOutcome::kRejected) {
    std::cerr << "rejected: " << e.reason.message() << "\n";
  }
}

void PrintCollectReport(const pipeline::CollectReport& r) {
  const pipeline::IngestReport& in = r.ingest;
  std::printf("feeds %zu (not modified %zu, failed %zu), items %zu (known %zu), pages %zu "
              "(failed %zu), archived %zu; new articles %zu, already known %zu, rejected %zu",
              r.feeds, r.feeds_not_modified, r.feeds_failed, r.items, r.items_known,
              r.pages_fetched, r.pages_failed, r.archived, in.stored_new, in.already_known,
              in.rejected);
  if (in.analyzed) std::printf(", analyzed %zu (%zu quotes)", in.analyzed, in.quotes);
  if (in.indexed) std::printf(", indexed %zu", in.indexed);
  std::printf("\n");
  const double pages_per_s = r.seconds > 0 ? static_cast<double>(r.pages_fetched) / r.seconds : 0;
  std::printf("time %.2f s (%.1f pages/s): fetch+archive %.2f s, extract %.2f s, store+link "
              "%.2f s, analyze %.2f s, index %.2f s; %zu requests, %zu retries, %.1f MB\n",
              r.seconds, pages_per_s, in.times.read_s, in.times.extract_s, in.times.store_link_s,
              in.times.analyze_s, in.times.index_s, r.fetcher.requests, r.fetcher.retries,
              static_cast<double>(r.bytes) / 1e6);
}

int RunFetch(const std::string& db, const std::vector<std::string>& lists,
             const CollectFlags& flags) {
  auto feeds = pipeline::ReadFeedLists(lists);
  if (!feeds.ok()) return Fail(feeds.status());
  if (feeds->empty()) return Fail(Status::InvalidArgument("the feed lists name no feeds"));
  auto store = OpenStore(db, true);
  if (!store.ok()) return Fail(store.status());
  const pipeline::PipelineOptions options;
  auto report = pipeline::Collect(**store, *feeds, options, flags.Options(), PrintFetchError,
                                  PrintIngestRejection);
  if (!report.ok()) return Fail(report.status());
  PrintCollectReport(*report);
  const bool failures = report->feeds_failed || report->pages_failed || report->ingest.rejected;
  return failures ? kExitSomeRejected : kExitOk;
}

std::atomic<bool> g_stop{false};

int RunWatch(const std::string& db, const std::vector<std::string>& lists,
             const CollectFlags& flags, int cycles) {
  auto feeds = pipeline::ReadFeedLists(lists);
  if (!feeds.ok()) return Fail(feeds.status());
  if (feeds->empty()) return Fail(Status::InvalidArgument("the feed lists name no feeds"));
  auto store = OpenStore(db, true);
  if (!store.ok()) return Fail(store.status());
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });
  pipeline::WatchOptions watch;
  watch.cycles = cycles;
  watch.stop = [] { return g_stop.load(); };
  std::printf("storyline: watching %zu feeds (Ctrl-C stops)\n", feeds->size());
  std::fflush(stdout);
  const pipeline::PipelineOptions options;
  Status s = pipeline::Watch(**store, *feeds, options, flags.Options(), watch, PrintFetchError,
                             PrintIngestRejection, [](const pipeline::CollectReport& r) {
                               PrintCollectReport(r);
                               std::fflush(stdout);
                             });
  return s.ok() ? kExitOk : Fail(s);
}

int RunReprocess(const std::string& db, const std::string& into, const std::string& archive_dir) {
  auto source = OpenStore(db, false);
  if (!source.ok() && archive_dir.empty()) return Fail(source.status());
  pipeline::CollectOptions collect;
  collect.archive_dir = archive_dir;
  const std::string dir = source.ok() ? pipeline::ArchiveDir(**source, collect) : archive_dir;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(into) / "storyline.db", ec)) {
    return Fail(Status::InvalidArgument(into + ": a store is already there; reprocess writes a new one"));
  }
  auto target = OpenStore(into, true);
  if (!target.ok()) return Fail(target.status());
  auto report = pipeline::Reprocess(**target, dir, pipeline::PipelineOptions{},
                                    PrintIngestRejection);
  if (!report.ok()) return Fail(report.status());
  std::printf("reprocessed %s: read %zu, new %zu, already known %zu, rejected %zu",
              dir.c_str(), report->read, report->stored_new, report->already_known,
              report->rejected);
  if (report->analyzed) std::printf(", analyzed %zu (%zu quotes)", report->analyzed, report->quotes);
  std::printf(" — store: %s\n", (*target)->database_path().c_str());
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"storyline: news pages in, stories, people and quotes out."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "storyline 0.1.0");

  std::string db = DefaultDb();
  auto add_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", db, "Store directory (env STORYLINE_DB)")->capture_default_str();
  };

  InputFlags input_flags;
  std::vector<std::string> inputs;

  auto* ingest = app.add_subcommand(
      "ingest", "Read pages (files, directories, .gz, JSON Lines, - for stdin) into the store");
  add_db(ingest);
  input_flags.AddTo(ingest);
  ingest->add_option("inputs", inputs, "Files or directories to read")->required();
  size_t batch_size = 64;
  ingest
      ->add_option("--batch-size", batch_size,
                   "Articles per transaction (larger: faster; a killed run redoes at most one)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);

  bool json = false;
  int limit = 1000000;
  int64_t after = 0;
  auto* articles = app.add_subcommand("articles", "List stored articles");
  add_db(articles);
  articles->add_flag("--json", json, "JSON Lines, one article per line");
  articles->add_option("--limit", limit, "At most this many")->check(CLI::PositiveNumber);
  articles->add_option("--after", after, "Only ids greater than this (cursor)");

  int64_t id = 0;
  auto* show = app.add_subcommand("show", "Show one stored article");
  add_db(show);
  show->add_option("id", id, "Article id")->required();
  show->add_flag("--json", json, "JSON output");

  auto* extract = app.add_subcommand(
      "extract", "Extract articles from pages without a store; prints JSON Lines");
  input_flags.AddTo(extract);
  extract->add_flag("--json", json, "JSON Lines output (the default and only format)");
  extract->add_option("inputs", inputs, "Files or directories to read")->required();

  auto* stories = app.add_subcommand("stories", "List stories: one event, every outlet");
  add_db(stories);
  stories->add_flag("--json", json, "JSON Lines, one story per line");
  stories->add_option("--limit", limit, "At most this many")->check(CLI::PositiveNumber);
  stories->add_option("--after", after, "Only story ids greater than this (cursor)");

  auto* story = app.add_subcommand("story", "Show one story and its articles");
  add_db(story);
  story->add_option("id", id, "Story id")->required();
  story->add_flag("--json", json, "JSON output");

  auto* cluster = app.add_subcommand(
      "cluster", "Extraction, duplicates and stories on the given inputs, without a store");
  input_flags.AddTo(cluster);
  cluster->add_flag("--json", json, "JSON Lines output (the default and only format)");
  cluster->add_option("inputs", inputs, "Files or directories to read")->required();

  auto* analyze = app.add_subcommand(
      "analyze", "Entities, people with roles, and quotes with speakers, without a store");
  input_flags.AddTo(analyze);
  analyze->get_option("--format")
      ->description("Input format: auto, html, text, jsonl, or plain (the file is the article text)");
  analyze->add_flag("--json", json, "JSON Lines output (the default and only format)");
  analyze->add_option("inputs", inputs, "Files or directories to read")->required();

  size_t summary_sentences = 3, summary_words = 0;
  bool together = false;
  auto* summarize = app.add_subcommand(
      "summarize", "Extractive summaries: one per input, or --together one of all as one story");
  input_flags.AddTo(summarize);
  auto* sentences_option =
      summarize->add_option("--sentences", summary_sentences, "Sentences per summary")
          ->capture_default_str()
          ->check(CLI::PositiveNumber);
  summarize->add_option("--words", summary_words, "A word budget instead (whole sentences)")
      ->excludes(sentences_option)
      ->check(CLI::PositiveNumber);
  summarize->add_flag("--together", together, "One summary of all inputs, as one story");
  summarize->add_flag("--json", json, "JSON Lines output (the default and only format)");
  summarize->add_option("inputs", inputs, "Files or directories to read")->required();

  std::string query;
  int offset = 0;
  bool by_date = false;
  auto* search = app.add_subcommand(
      "search", "Full-text search: words, \"phrases\", AND/OR/NOT, outlet: person: speaker: story: "
                "lang: filters, date ranges 2025-11-01..2025-11-30");
  add_db(search);
  search->add_option("query", query, "The query")->required();
  search->add_flag("--json", json, "One JSON object: hits, facets, suggestion");
  search->add_option("--limit", limit, "Hits per page (at most 100)")->check(CLI::PositiveNumber);
  search->add_option("--offset", offset, "Skip this many hits")->check(CLI::NonNegativeNumber);
  search->add_flag("--by-date", by_date, "Newest first instead of by relevance");

  auto* reindex = app.add_subcommand("reindex", "Rebuild the search index from the store");
  add_db(reindex);

  storyline::serve::ServeOptions serve_options;
  auto* serve = app.add_subcommand(
      "serve", "Web UI and JSON API over the store (POST /api/ingest needs STORYLINE_INGEST_TOKEN)");
  add_db(serve);
  serve->add_option("--host", serve_options.host, "Address to listen on (loopback by default)")
      ->capture_default_str();
  serve->add_option("--port", serve_options.port, "Port (0: any free one)")->capture_default_str();

  std::string conll;
  auto* ner = app.add_subcommand("ner", "Tag CoNLL lines: each line gets the predicted tag appended");
  ner->add_option("--conll", conll, "CoNLL file (- for stdin)")->required();

  auto* people = app.add_subcommand("people", "List the people named in stored articles");
  add_db(people);
  people->add_flag("--json", json, "JSON Lines, one person per line");
  people->add_option("--limit", limit, "At most this many")->check(CLI::PositiveNumber);

  std::string speaker;
  int64_t story_filter = 0;
  auto* quotes = app.add_subcommand("quotes", "List stored quotes with their speakers");
  add_db(quotes);
  quotes->add_flag("--json", json, "JSON Lines, one quote per line");
  quotes->add_option("--speaker", speaker, "A person id or words of the speaker's name");
  auto* story_option = quotes->add_option("--story", story_filter, "Only quotes of this story");
  quotes->add_option("--limit", limit, "At most this many")->check(CLI::PositiveNumber);

  CollectFlags collect_flags;
  std::vector<std::string> feed_lists;
  auto* fetch = app.add_subcommand(
      "fetch", "Poll feeds (RSS, Atom, JSON Feed, sitemaps; lists in OPML or text), fetch their "
               "new pages politely, archive them (WARC) and ingest them");
  add_db(fetch);
  collect_flags.AddTo(fetch, false);
  fetch->add_option("feeds", feed_lists, "Feed URLs or feed-list files")->required();

  int cycles = 0;
  auto* watch = app.add_subcommand(
      "watch", "Fetch again and again, each feed on a schedule that follows how often it changes");
  add_db(watch);
  collect_flags.AddTo(watch, true);
  watch->add_option("feeds", feed_lists, "Feed URLs or feed-list files")->required();
  watch->add_option("--cycles", cycles, "Stop after this many polling rounds (0: never)")
      ->check(CLI::NonNegativeNumber);

  std::string into;
  std::string archive_dir;
  auto* reprocess = app.add_subcommand(
      "reprocess", "Re-run extraction and everything after it on the archived pages, into a new store");
  add_db(reprocess);
  reprocess->add_option("--into", into, "The new store's directory")->required();
  reprocess->add_option("--archive", archive_dir, "WARC directory (default <db>/archive)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; usage errors are fatal errors (1), not rejections (2).
    return app.exit(e) == 0 ? kExitOk : kExitFatal;
  }

  if (ingest->parsed()) return RunIngest(db, inputs, input_flags, batch_size);
  if (fetch->parsed()) return RunFetch(db, feed_lists, collect_flags);
  if (watch->parsed()) return RunWatch(db, feed_lists, collect_flags, cycles);
  if (reprocess->parsed()) return RunReprocess(db, into, archive_dir);
  if (articles->parsed()) return RunArticles(db, json, limit, after);
  if (show->parsed()) return RunShow(db, id, json);
  if (extract->parsed()) return RunExtract(inputs, input_flags);
  if (stories->parsed()) return RunStories(db, json, limit, after);
  if (story->parsed()) return RunStory(db, id, json);
  if (cluster->parsed()) return RunCluster(inputs, input_flags);
  if (analyze->parsed()) return RunAnalyze(inputs, input_flags);
  if (ner->parsed()) return RunNer(conll);
  if (search->parsed()) return RunSearch(db, query, json, limit == 1000000 ? 20 : limit, offset, by_date);
  if (reindex->parsed()) return RunReindex(db);
  if (serve->parsed()) {
    serve_options.db = db;
    // The token comes from the environment, not a flag: flags show in `ps`.
    if (const char* token = std::getenv("STORYLINE_INGEST_TOKEN")) serve_options.ingest_token = token;
    serve_options.on_listening = [](const std::string& url) {
      std::printf("storyline: serving %s (Ctrl-C stops)\n", url.c_str());
      std::fflush(stdout);
    };
    Status s = storyline::serve::Serve(serve_options);
    return s.ok() ? kExitOk : Fail(s);
  }
  if (summarize->parsed()) {
    return RunSummarize(inputs, input_flags, summary_sentences, summary_words, together);
  }
  if (people->parsed()) return RunPeople(db, json, limit);
  if (quotes->parsed()) {
    return RunQuotes(db, json, limit, speaker,
                     story_option->count() ? std::optional<int64_t>(story_filter) : std::nullopt);
  }
  return kExitFatal;
}
