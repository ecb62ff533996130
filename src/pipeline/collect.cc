#include "pipeline/collect.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>

#include "archive/warc.h"
#include "extract/url.h"
#include "fetch/url.h"
#include "read/reader.h"

namespace storyline::pipeline {
namespace {

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The median gap (seconds) between the dated items of a feed, 0 when fewer than two.
double MedianItemGap(const feeds::Feed& feed) {
  std::vector<int64_t> times;
  for (const feeds::FeedItem& item : feed.items) {
    if (item.published_at) times.push_back(item.published_at->ToUnixSeconds());
  }
  if (times.size() < 2) return 0;
  std::sort(times.begin(), times.end());
  std::vector<double> gaps;
  for (size_t i = 1; i < times.size(); ++i) {
    if (times[i] > times[i - 1]) gaps.push_back(static_cast<double>(times[i] - times[i - 1]));
  }
  if (gaps.empty()) return 0;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  return gaps[gaps.size() / 2];
}

// What the feed said about an item, archived beside its page (the reader maps these WARC
// metadata fields to document hints).
std::vector<std::pair<std::string, std::string>> ItemMetadata(const feeds::FeedItem& item,
                                                              const std::string& feed_url) {
  std::vector<std::pair<std::string, std::string>> m;
  m.emplace_back("via", feed_url);
  if (!item.title.empty()) m.emplace_back("title", item.title);
  if (!item.published.empty()) m.emplace_back("date", item.published);
  for (const std::string& a : item.authors) m.emplace_back("author", a);
  return m;
}

struct PendingPage {
  std::vector<std::pair<std::string, std::string>> metadata;
};

// One Collect run: the fetcher's callbacks, the archive and the fetch records it keeps.
class Run {
 public:
  Run(Store& store, const PipelineOptions& options, const CollectOptions& collect,
      const std::function<void(const CollectEvent&)>& on_fetch, fetch::Fetcher& fetcher)
      : store_(store), options_(options), collect_(collect), on_fetch_(on_fetch),
        fetcher_(fetcher), stats_before_(fetcher.stats()) {}

  Status OpenArchive() {
    if (!collect_.archive) return Status::Ok();
    archive::WarcWriterOptions w;
    w.directory = ArchiveDir(store_, collect_);
    w.max_file_bytes = collect_.archive_max_file_bytes;
    w.software = "storyline";
    w.operator_contact = collect_.fetch.user_agent;
    Result<archive::WarcWriter> writer = archive::WarcWriter::Open(std::move(w));
    if (!writer.ok()) return writer.status().WithContext("opening the archive");
    writer_.emplace(std::move(*writer));
    return Status::Ok();
  }

  Status AddFeeds(const std::vector<feeds::FeedSource>& feeds) {
    for (const feeds::FeedSource& f : feeds) {
      std::string url = fetch::NormalizeUrl(f.url);
      if (url.empty()) url = f.url;
      if (!queued_.insert(url).second) continue;
      fetch::FetchRequest r;
      r.url = url;
      r.expect = fetch::Expect::kFeed;
      Result<std::optional<FetchRecord>> known = store_.GetFetchRecord(url);
      if (!known.ok()) return known.status();
      if (known->has_value() && (*known)->kind == "feed") {
        r.etag = (*known)->etag;
        r.last_modified = (*known)->last_modified;
        feed_records_[url] = **known;
      }
      ++report_.feeds;
      fetcher_.Add(std::move(r));
    }
    return Status::Ok();
  }

  // The document source Ingest pulls from: runs the fetcher, handing over each page.
  void Fetch(const read::DocumentSink& sink) {
    sink_ = &sink;
    fetcher_.Run([this](const fetch::FetchRequest& request, fetch::FetchResponse response) {
      if (!fatal_.ok()) return;
      Archive(request, response);
      if (request.expect == fetch::Expect::kFeed) {
        OnFeed(request, response);
      } else {
        OnPage(request, std::move(response));
      }
    });
    sink_ = nullptr;
  }

  // Ingest reports pages by their request URL; the fetch record gets the article id.
  void OnIngest(const IngestEvent& e) {
    auto it = page_records_.find(e.source);
    if (it == page_records_.end()) return;
    if (e.outcome != IngestOutcome::kRejected) it->second.article_id = e.article_id;
  }

  // Keeps what was fetched. After a failed ingest, a page that arrived but has no stored
  // article is left unrecorded, so the next run fetches it again.
  Status Finish(bool ingested) {
    std::vector<FetchRecord> records;
    for (auto& [url, r] : feed_records_) {
      if (polled_.count(url)) records.push_back(r);
    }
    for (auto& [url, r] : page_records_) {
      if (!ingested && r.error.empty() && !r.article_id) continue;
      records.push_back(r);
    }
    STORYLINE_RETURN_IF_ERROR(store_.PutFetchRecords(records));
    if (writer_) STORYLINE_RETURN_IF_ERROR(writer_->Close());
    const fetch::Fetcher::Stats& now = fetcher_.stats();
    report_.fetcher.requests = now.requests - stats_before_.requests;
    report_.fetcher.robots_fetches = now.robots_fetches - stats_before_.robots_fetches;
    report_.fetcher.retries = now.retries - stats_before_.retries;
    report_.fetcher.not_modified = now.not_modified - stats_before_.not_modified;
    report_.fetcher.errors = now.errors - stats_before_.errors;
    report_.fetcher.bytes = now.bytes - stats_before_.bytes;
    return fatal_;
  }

  CollectReport& report() { return report_; }

 private:
  void Archive(const fetch::FetchRequest& request, const fetch::FetchResponse& response) {
    if (!writer_ || response.status == 0) return;
    archive::Exchange x;
    x.target_uri = response.final_url.empty() ? response.url : response.final_url;
    x.date = response.fetched_at;
    x.ip_address = response.ip;
    x.request_head = response.request_head;
    x.response_head = response.response_head;
    x.response_body = response.body;
    if (request.expect == fetch::Expect::kPage) {
      auto it = pending_.find(request.url);
      if (it != pending_.end()) x.metadata = it->second.metadata;
    }
    Result<archive::WrittenExchange> written = writer_->Write(x);
    if (!written.ok()) {
      fatal_ = written.status().WithContext("archiving " + x.target_uri);
      return;
    }
    ++report_.archived;
  }

  void Report(CollectEvent e) {
    if (on_fetch_) on_fetch_(e);
  }

  void OnFeed(const fetch::FetchRequest& request, const fetch::FetchResponse& response) {
    const int64_t now = NowUnix();
    polled_.insert(request.url);
    FetchRecord& rec = feed_records_[request.url];
    const double interval = rec.interval_s;
    rec.url = request.url;
    rec.kind = "feed";
    rec.fetched_at = now;
    rec.status = response.status;
    CollectEvent event{request.url, "feed", response.status, response.error, 0};
    auto fail = [&](Status why) {
      ++report_.feeds_failed;
      rec.error = why.message();
      rec.interval_s = NextPollInterval(interval, 0, true, 0, collect_);
      rec.next_fetch_at = now + static_cast<int64_t>(rec.interval_s);
      event.error = std::move(why);
      Report(event);
    };
    if (!response.error.ok()) return fail(response.error);
    if (response.status == 304) {
      ++report_.feeds_not_modified;
      rec.error.clear();
      rec.interval_s = NextPollInterval(interval, 0, false, 0, collect_);
      rec.next_fetch_at = now + static_cast<int64_t>(rec.interval_s);
      return Report(event);
    }
    report_.bytes += response.body.size();
    Result<feeds::Feed> feed = feeds::ParseFeed(response.body, request.url);
    if (!feed.ok()) return fail(feed.status());
    // A sitemap index is asked for in full each time (it is small): a 304 would hide its
    // sitemaps, which change when it does not.
    const bool index = feed->kind == feeds::FeedKind::kSitemapIndex;
    rec.etag = index ? "" : response.etag;
    rec.last_modified = index ? "" : response.last_modified;
    rec.error.clear();
    if (!feed->title.empty()) rec.title = feed->title;
    if (feed->kind == feeds::FeedKind::kSitemapIndex && collect_.follow_sitemap_index) {
      for (const std::string& child : feed->sitemaps) {
        const std::string url = fetch::NormalizeUrl(child);
        if (url.empty() || !queued_.insert(url).second) continue;
        fetch::FetchRequest r;
        r.url = url;
        r.expect = fetch::Expect::kFeed;
        auto known = store_.GetFetchRecord(url);
        if (!known.ok()) {
          fatal_ = known.status();
          return;
        }
        if (known->has_value()) {
          r.etag = (*known)->etag;
          r.last_modified = (*known)->last_modified;
          feed_records_[url] = **known;
        }
        ++report_.feeds;
        fetcher_.Add(std::move(r));
      }
    }
    size_t fresh = 0;
    const size_t n = std::min(feed->items.size(), collect_.max_items_per_feed);
    for (size_t i = 0; i < n; ++i) {
      const feeds::FeedItem& item = feed->items[i];
      ++report_.items;
      const std::string url = fetch::NormalizeUrl(item.url);
      if (url.empty()) continue;
      if (!queued_.insert(url).second) continue;  // another feed of this run lists it
      Result<std::optional<FetchRecord>> known = store_.GetFetchRecord(url);
      if (!known.ok()) {
        fatal_ = known.status();
        return;
      }
      // Fetched before: a page that arrived, or that the server refused for good (4xx).
      if (known->has_value() && (*known)->kind == "page" &&
          ((*known)->status / 100 == 2 || (*known)->status / 100 == 4)) {
        ++report_.items_known;
        continue;
      }
      pending_[url] = PendingPage{ItemMetadata(item, request.url)};
      fetch::FetchRequest r;
      r.url = url;
      r.expect = fetch::Expect::kPage;
      fetcher_.Add(std::move(r));
      ++fresh;
    }
    if (fresh > 0) rec.changed_at = now;
    rec.interval_s = NextPollInterval(interval, fresh, false, MedianItemGap(*feed), collect_);
    rec.next_fetch_at = now + static_cast<int64_t>(rec.interval_s);
    event.new_items = fresh;
    Report(event);
  }

  void OnPage(const fetch::FetchRequest& request, fetch::FetchResponse response) {
    FetchRecord& rec = page_records_[request.url];
    rec.url = request.url;
    rec.kind = "page";
    rec.fetched_at = NowUnix();
    rec.status = response.status;
    rec.etag = response.etag;
    rec.last_modified = response.last_modified;
    CollectEvent event{request.url, "page", response.status, response.error, 0};
    if (!response.error.ok()) {
      ++report_.pages_failed;
      rec.error = response.error.message();
      Report(event);
      return;
    }
    ++report_.pages_fetched;
    report_.bytes += response.body.size();
    rec.changed_at = rec.fetched_at;
    Report(event);
    auto it = pending_.find(request.url);
    static const std::vector<std::pair<std::string, std::string>> kNone;
    const auto& metadata = it != pending_.end() ? it->second.metadata : kNone;
    const std::string& url = response.final_url.empty() ? response.url : response.final_url;
    Result<read::Document> doc = read::DocumentFromHttp(request.url, url, response.content_type,
                                                        response.body, metadata, options_.read);
    if (it != pending_.end()) pending_.erase(it);
    (*sink_)(std::move(doc));
  }

  Store& store_;
  const PipelineOptions& options_;
  const CollectOptions& collect_;
  const std::function<void(const CollectEvent&)>& on_fetch_;
  fetch::Fetcher& fetcher_;
  const fetch::Fetcher::Stats stats_before_;  // the fetcher may have served earlier runs
  std::optional<archive::WarcWriter> writer_;
  const read::DocumentSink* sink_ = nullptr;
  std::set<std::string> queued_;
  std::set<std::string> polled_;
  std::map<std::string, FetchRecord> feed_records_;
  std::map<std::string, FetchRecord> page_records_;
  std::unordered_map<std::string, PendingPage> pending_;
  CollectReport report_;
  Status fatal_;
};

}  // namespace

std::string ArchiveDir(const Store& store, const CollectOptions& collect) {
  return collect.archive_dir.empty() ? store.directory() + "/archive" : collect.archive_dir;
}

double NextPollInterval(double interval_s, size_t new_items, bool failed, double item_gap_s,
                        const CollectOptions& collect) {
  double next = interval_s > 0 ? interval_s : collect.initial_interval_s;
  if (failed) {
    next *= 2;
  } else if (new_items > 0) {
    next /= 2;
    // Toward the feed's own rhythm: about one new item per poll.
    if (item_gap_s > 0) next = std::sqrt(next * item_gap_s);
  } else if (interval_s > 0) {
    next *= 1.5;
  }
  return std::clamp(next, collect.min_interval_s, std::max(collect.min_interval_s,
                                                           collect.max_interval_s));
}

Result<std::vector<feeds::FeedSource>> ReadFeedLists(const std::vector<std::string>& entries) {
  std::vector<feeds::FeedSource> out;
  std::set<std::string> seen;
  auto add = [&](feeds::FeedSource f) {
    std::string key = fetch::NormalizeUrl(f.url);
    if (key.empty()) key = f.url;
    if (seen.insert(key).second) out.push_back(std::move(f));
  };
  for (const std::string& entry : entries) {
    if (extract::IsHttpUrl(entry)) {
      add({entry, ""});
      continue;
    }
    std::ifstream in(entry, std::ios::binary);
    if (!in) return Status::IoError(entry + ": cannot read the feed list");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Result<std::vector<feeds::FeedSource>> list = feeds::ParseFeedList(bytes.str(), entry);
    if (!list.ok()) return list.status();
    for (feeds::FeedSource& f : *list) add(std::move(f));
  }
  return out;
}

Result<CollectReport> Collect(Store& store, const std::vector<feeds::FeedSource>& feeds,
                              const PipelineOptions& options, const CollectOptions& collect,
                              const std::function<void(const CollectEvent&)>& on_fetch,
                              const std::function<void(const IngestEvent&)>& on_ingest) {
  fetch::Fetcher fetcher(collect.fetch);
  return Collect(store, feeds, options, collect, fetcher, on_fetch, on_ingest);
}

Result<CollectReport> Collect(Store& store, const std::vector<feeds::FeedSource>& feeds,
                              const PipelineOptions& options, const CollectOptions& collect,
                              fetch::Fetcher& fetcher,
                              const std::function<void(const CollectEvent&)>& on_fetch,
                              const std::function<void(const IngestEvent&)>& on_ingest) {
  const auto start = std::chrono::steady_clock::now();
  Run run(store, options, collect, on_fetch, fetcher);
  STORYLINE_RETURN_IF_ERROR(run.OpenArchive());
  STORYLINE_RETURN_IF_ERROR(run.AddFeeds(feeds));
  Result<IngestReport> ingest = IngestDocuments(
      store, [&run](const read::DocumentSink& sink) { run.Fetch(sink); }, options,
      [&](const IngestEvent& e) {
        run.OnIngest(e);
        if (on_ingest) on_ingest(e);
      });
  // The fetch records are kept even when ingest stopped: what was fetched was archived.
  const Status finished = run.Finish(ingest.ok());
  if (!ingest.ok()) return ingest.status();
  STORYLINE_RETURN_IF_ERROR(finished);
  CollectReport report = std::move(run.report());
  report.ingest = std::move(*ingest);
  report.seconds = SecondsSince(start);
  return report;
}

Status Watch(Store& store, const std::vector<feeds::FeedSource>& feeds,
             const PipelineOptions& options, const CollectOptions& collect,
             const WatchOptions& watch,
             const std::function<void(const CollectEvent&)>& on_fetch,
             const std::function<void(const IngestEvent&)>& on_ingest,
             const std::function<void(const CollectReport&)>& on_round) {
  auto stopped = [&] { return watch.stop && watch.stop(); };
  // One fetcher for every round: robots.txt rules and connections are kept between polls.
  fetch::Fetcher fetcher(collect.fetch);
  for (int round = 0; watch.cycles == 0 || round < watch.cycles; ++round) {
    if (stopped()) return Status::Ok();
    // Due now: never polled, or the poll time has come.
    std::vector<feeds::FeedSource> due;
    int64_t next_due = std::numeric_limits<int64_t>::max();
    const int64_t now = NowUnix();
    for (const feeds::FeedSource& f : feeds) {
      std::string url = fetch::NormalizeUrl(f.url);
      if (url.empty()) url = f.url;
      Result<std::optional<FetchRecord>> rec = store.GetFetchRecord(url);
      if (!rec.ok()) return rec.status();
      if (!rec->has_value() || (*rec)->next_fetch_at <= now) {
        due.push_back(f);
      } else {
        next_due = std::min(next_due, (*rec)->next_fetch_at);
      }
    }
    if (due.empty()) {
      // Wait for the first feed due (in short steps, so a stop request is seen quickly).
      while (NowUnix() < next_due && !stopped()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      --round;  // waiting is not a round
      continue;
    }
    Result<CollectReport> report =
        Collect(store, due, options, collect, fetcher, on_fetch, on_ingest);
    if (!report.ok()) return report.status();
    if (on_round) on_round(*report);
  }
  return Status::Ok();
}

Result<IngestReport> Reprocess(Store& store, const std::string& archive_dir,
                               const PipelineOptions& options,
                               const std::function<void(const IngestEvent&)>& on_event) {
  std::error_code ec;
  if (!std::filesystem::is_directory(archive_dir, ec)) {
    return Status::NotFound(archive_dir + ": no archive here (storyline fetch writes one)");
  }
  const std::vector<std::string> files = archive::ListWarcFiles(archive_dir);
  return IngestDocuments(store, InputsSource(files, options.read), options, on_event);
}

}  // namespace storyline::pipeline
