// Fetch + full ingest from a local news site: pages/s with politeness off, the time per stage,
// and the cost of one feed poll when nothing changed.
//
//   storyline_fetch_bench [--pages N] [--articles FILE.jsonl] [--polite] [--no-analyze] [--no-archive]
//
// The site (cpp-httplib on 127.0.0.1, in this process, its own threads) serves an RSS feed of
// N items, robots.txt and N article pages: the BBC articles of ../shared/datasets/summaries/bbc
// when present (real prose for the analyzers), else synthetic news. Each page carries site
// chrome (navigation, a related-links list, a footer) for the extractor to remove.
#include <sys/resource.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cluster/synthetic_news.h"
#include "pipeline/collect.h"

namespace {

using storyline::pipeline::CollectOptions;
using storyline::pipeline::CollectReport;
using storyline::pipeline::PipelineOptions;

struct Page {
  std::string title;
  std::string text;  // paragraphs separated by blank lines
};

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<Page> LoadPages(const std::string& jsonl, size_t n) {
  std::vector<Page> pages;
  std::ifstream in(jsonl);
  std::string line;
  while (pages.size() < n && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("title") || !j.contains("article")) continue;
    pages.push_back({j["title"].get<std::string>(), j["article"].get<std::string>()});
  }
  if (!pages.empty()) {
    std::fprintf(stderr, "pages: %zu BBC articles from %s\n", pages.size(), jsonl.c_str());
  } else {
    storyline::cluster::testing::SyntheticNews news;
    while (pages.size() < n) {
      storyline::Article a = news.Next();
      pages.push_back({a.title, a.text});
    }
    std::fprintf(stderr, "pages: %zu synthetic articles (%s not found)\n", pages.size(),
                 jsonl.c_str());
  }
  // More pages than articles: reuse them under other URLs with a numbered title.
  const size_t base = pages.size();
  for (size_t i = base; i < n; ++i) {
    Page p = pages[i % base];
    p.title += " (" + std::to_string(i / base) + ")";
    p.text = "Update " + std::to_string(i) + ".\n\n" + p.text;
    pages.push_back(std::move(p));
  }
  return pages;
}

std::string PageHtml(const Page& p, size_t i) {
  std::string html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" +
                     Escape(p.title) + " - Bench News</title>"
                     "<meta property=\"og:site_name\" content=\"Bench News\"></head><body>"
                     "<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> "
                     "<a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav>"
                     "</header><main><article><h1>" + Escape(p.title) + "</h1>";
  size_t start = 0;
  while (start < p.text.size()) {
    size_t end = p.text.find("\n", start);
    if (end == std::string::npos) end = p.text.size();
    const std::string para = p.text.substr(start, end - start);
    if (para.find_first_not_of(" \t\r") != std::string::npos) html += "<p>" + Escape(para) + "</p>";
    start = end + 1;
  }
  html += "</article><aside><h2>Related</h2><ul>";
  for (int k = 1; k <= 4; ++k) {
    html += "<li><a href=\"/news/" + std::to_string(i + k) + ".html\">More news " +
            std::to_string(i + k) + "</a></li>";
  }
  return html + "</ul></aside></main><footer>Sign up for our newsletter. © Bench News</footer>"
                "</body></html>";
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void Print(const char* what, const CollectReport& r) {
  const auto& t = r.ingest.times;
  std::printf("%s: %zu pages in %.2f s = %.1f pages/s (new articles %zu, rejected %zu, "
              "analyzed %zu, indexed %zu, archived %zu)\n",
              what, r.pages_fetched, r.seconds,
              r.seconds > 0 ? static_cast<double>(r.pages_fetched) / r.seconds : 0,
              r.ingest.stored_new, r.ingest.rejected, r.ingest.analyzed, r.ingest.indexed,
              r.archived);
  std::printf("  stages: fetch+archive %.2f s, extract %.2f s, store+link %.2f s, "
              "analyze %.2f s, index %.2f s; %zu requests, %.1f MB\n",
              t.read_s, t.extract_s, t.store_link_s, t.analyze_s, t.index_s, r.fetcher.requests,
              static_cast<double>(r.bytes) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 1000;
  bool polite = false;
  bool analyze = true;
  bool archive = true;
  std::string jsonl = std::string(STORYLINE_SOURCE_DIR) + "/../shared/datasets/summaries/bbc/bbc.jsonl";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--pages" && i + 1 < argc) {
      n = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--articles" && i + 1 < argc) {
      jsonl = argv[++i];
    } else if (arg == "--polite") {
      polite = true;
    } else if (arg == "--no-analyze") {  // diagnosis: fetch, extract, store and link only
      analyze = false;
    } else if (arg == "--no-archive") {
      archive = false;
    } else {
      std::fprintf(stderr, "usage: %s [--pages N] [--articles FILE.jsonl] [--polite] [--no-analyze] [--no-archive]\n", argv[0]);
      return 2;
    }
  }
  const std::vector<Page> pages = LoadPages(jsonl, n);

  httplib::Server site;
  const std::string rss_head =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
      "<title>Bench News</title>";
  std::string feed;
  site.Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
  });
  site.Get("/feed.xml", [&feed](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"bench-1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"bench-1\"");
    res.set_content(feed, "application/rss+xml");
  });
  site.Get(R"(/news/(\d+)\.html)", [&pages](const httplib::Request& req, httplib::Response& res) {
    const size_t i = std::strtoul(req.matches[1].str().c_str(), nullptr, 10);
    if (i >= pages.size()) {
      res.status = 404;
      return;
    }
    res.set_content(PageHtml(pages[i], i), "text/html; charset=utf-8");
  });
  site.new_task_queue = [] { return new httplib::ThreadPool(8); };
  site.set_tcp_nodelay(true);  // headers and body go in two writes: no Nagle wait between
  const int port = site.bind_to_any_port("127.0.0.1");
  std::thread server([&] { site.listen_after_bind(); });
  while (!site.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  feed = rss_head;
  for (size_t i = 0; i < pages.size(); ++i) {
    feed += "<item><title>" + Escape(pages[i].title) + "</title><link>" + base + "/news/" +
            std::to_string(i) + ".html</link><pubDate>Mon, 03 Nov 2025 " +
            std::to_string(10 + i % 10) + ":00:00 +0000</pubDate></item>";
  }
  feed += "</channel></rss>";

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("storyline-fetch-bench-" + std::to_string(getpid()));
  int rc = 0;
  {
    auto store = storyline::Store::Open(dir.string(), {});
    if (!store.ok()) {
      std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
      return 1;
    }
    CollectOptions collect;
    collect.fetch.polite = polite;
    // cpp-httplib compresses with brotli at its slowest setting when offered br; a news site
    // serves gzip. The bench measures storyline, not the test server.
    collect.fetch.accept_encoding = "gzip";
    collect.max_items_per_feed = pages.size();
    collect.archive = archive;
    PipelineOptions options;
    options.analyze = analyze;
    options.index = analyze;
    std::printf("fetch bench: %zu pages from %s, politeness %s, full ingest (extract, dedup, "
                "stories%s), WARC archive %s\n",
                pages.size(), base.c_str(), polite ? "on" : "off",
                analyze ? ", people/quotes, summaries, search index" : "", archive ? "on" : "off");
    auto first = storyline::pipeline::Collect(**store, {{base + "/feed.xml", ""}}, options,
                                              collect, nullptr, nullptr);
    if (!first.ok()) {
      std::fprintf(stderr, "%s\n", first.status().ToString().c_str());
      rc = 1;
    } else {
      Print("first run", *first);
      // The steady state of `watch`: one fetcher kept between polls, the feed unchanged.
      storyline::fetch::Fetcher fetcher(collect.fetch);
      double best = 1e9;
      for (int k = 0; k < 20; ++k) {
        auto again = storyline::pipeline::Collect(**store, {{base + "/feed.xml", ""}}, options,
                                                  collect, fetcher, nullptr, nullptr);
        if (!again.ok() || again->feeds_not_modified != 1) {
          std::fprintf(stderr, "unchanged poll failed\n");
          rc = 1;
          break;
        }
        best = std::min(best, again->seconds);
      }
      if (rc == 0) {
        std::printf("unchanged feed poll (304, nothing stored): %.2f ms (best of 20)\n",
                    best * 1000);
      }
    }
  }
  std::printf("peak RSS: %.1f MiB\n", PeakRssMiB());
  site.stop();
  server.join();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return rc;
}
