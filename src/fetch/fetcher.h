// The polite HTTP fetcher: pages and feeds from many hosts at once, each host at its own
// pace, robots.txt obeyed, retries with backoff, every failure a named error.
#ifndef STORYLINE_FETCH_FETCHER_H_
#define STORYLINE_FETCH_FETCHER_H_

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyline/status.h"

namespace storyline::fetch {

struct FetchOptions {
  // Names storyline and a contact URL, so a site owner can tell who is crawling.
  std::string user_agent = "storyline/0.1 (+https://github.com/storyline-news/storyline)";
  std::string robots_token = "storyline";  // the product token looked up in robots.txt
  // false: no robots.txt, no per-host delay, up to impolite_connections_per_host at once
  // (benchmarks, trusted local servers). Never for other people's sites.
  bool polite = true;
  // Seconds between the starts of two requests to one host; a robots.txt Crawl-delay
  // raises it, capped at max_crawl_delay_s. Smaller: faster crawls, more load on the site.
  double min_host_delay_s = 1.0;
  double max_crawl_delay_s = 60.0;
  // A host's robots.txt rules are kept this long by a Fetcher that runs again and again
  // (storyline watch), then fetched anew (RFC 9309 asks for at most 24 hours).
  double robots_max_age_s = 86400;
  size_t max_connections_per_host = 1;  // when polite
  size_t impolite_connections_per_host = 8;
  size_t max_total_connections = 32;
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 60000;  // a whole transfer; a stalled server fails with a named timeout
  long low_speed_bytes_per_s = 1, low_speed_time_s = 30;  // slower than this for that long: stalled
  // Redirects are followed by the fetcher itself: each hop normalised, checked against its
  // host's robots.txt and politeness, loops detected.
  int max_redirects = 5;
  // Tries per URL on 429, 5xx and connection failures, with exponential backoff and full
  // jitter (a random wait in [0, min(backoff_max_s, backoff_base_s * 2^(try-1))]); a
  // Retry-After (seconds or HTTP-date) is waited at least, and delays the whole host.
  int max_attempts = 4;
  double backoff_base_s = 0.5, backoff_max_s = 30.0;
  double max_retry_after_s = 120.0;  // a longer Retry-After gives up with a named error
  // Larger bodies are cut off with a named error (checked on Content-Length and while
  // receiving; counted after content decoding).
  size_t max_body_bytes = 16u << 20;
  // The content codings offered (Accept-Encoding): "" offers every one libcurl decodes (gzip,
  // deflate, br, zstd); "gzip" when a server's brotli is slower than the transfer it saves.
  std::string accept_encoding;
};

// Which content types a request accepts (a missing Content-Type is always accepted):
//   kPage: text/html, application/xhtml+xml, text/plain;
//   kFeed: RSS/Atom/RDF/JSON feed types, any +xml or +json type, text/xml, application/xml,
//          application/json, text/plain and text/html (feeds are often mislabelled);
//   kAny: anything.
// Anything else fails the request with "content type image/png is not a page".
enum class Expect { kPage, kFeed, kAny };

struct FetchRequest {
  std::string url;
  Expect expect = Expect::kPage;
  std::string etag, last_modified;  // conditional GET: sent as If-None-Match / If-Modified-Since
  uint64_t tag = 0;                 // the caller's, untouched
};

struct FetchResponse {
  std::string url;        // the requested URL, normalised
  std::string final_url;  // after redirects, normalised
  int status = 0;         // final HTTP status (200, 304, 404, ...), 0 if none
  std::string content_type, etag, last_modified;
  std::vector<std::pair<std::string, std::string>> headers;  // the final response's, in order
  std::string body;          // content-decoded (gzip, br, deflate); cut at max_body_bytes on error
  std::string request_head;  // the final request as sent, for the WARC archive
  // The final status line and headers as received, Content-Encoding, Transfer-Encoding and
  // Content-Length renamed X-Crawler-... (as Common Crawl does), since `body` is decoded.
  std::string response_head;
  std::string ip;          // the server's address
  std::string fetched_at;  // UTC ISO 8601 ("2026-11-22T09:00:00Z") of the final response
  int attempts = 0;        // requests sent for this URL (retries and redirect hops included)
  double seconds = 0;      // from the first request's start to done
  // OK for 2xx and 304. Otherwise a named error starting with the requested URL:
  //   kInvalidArgument "<url>: not an http(s) URL", "<url>: disallowed by robots.txt",
  //                    "<url>: not fetched: robots.txt unreachable (HTTP 503)"
  //   kNotFound        "<url>: HTTP 404" (and 410)
  //   kTooLarge        "<url>: body over 16 MiB"
  //   kBadInput        "<url>: content type image/png is not a page", "<url>: redirect loop",
  //                    "<url>: more than 5 redirects", "<url>: redirect without a Location"
  //   kIoError         "<url>: HTTP 500 after 4 attempts", "<url>: timed out after 60 s",
  //                    "<url>: connection refused", "<url>: Retry-After 3600 s is over the
  //                    120 s limit", "<url>: stalled: under 1 bytes/s for 30 s", ...
  // When the error happened after a redirect, " (at <final_url>)" ends the message.
  Status error;
};

// Fetches requests concurrently across hosts and politely within one host (scheme, host and
// port): one connection and min_host_delay_s between request starts; robots.txt fetched
// before anything else on the host, cached for the Fetcher's life (a 5xx or unreachable
// robots.txt disallows the host for the current Run only) and its Crawl-delay obeyed;
// retries with backoff on 429, 5xx and connection failures, honouring Retry-After, as
// timers: a host waiting never holds up another.
//
// Not thread-safe: one thread drives it. Move-only. Owns its libcurl handles and
// connections (reused per host across requests and Runs).
class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(Fetcher&&) noexcept;
  Fetcher& operator=(Fetcher&&) noexcept;
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Queues `request` for the next (or current) Run. Returns false, and queues nothing, when
  // its normalised URL was already added in this Run: it is fetched once, and on_done is
  // called once, for the first request. A URL that is not http(s) is accepted and fails.
  bool Add(FetchRequest request);

  // Runs until every added request is done, calling on_done for each on the calling thread
  // as they complete. on_done may Add() more requests (a feed's items); they run in the same
  // Run. REQUIRES: on_done does not call Run.
  void Run(const std::function<void(const FetchRequest&, FetchResponse)>& on_done);

  struct Stats {
    size_t requests = 0;        // HTTP requests for pages and feeds (retries, hops included)
    size_t robots_fetches = 0;  // HTTP requests for robots.txt
    size_t retries = 0;         // requests re-queued after a 429, 5xx or connection failure
    size_t not_modified = 0;    // 304 responses delivered
    size_t errors = 0;          // responses delivered with an error
    uint64_t bytes = 0;         // body bytes received, decoded
  };
  const Stats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

namespace detail {
// Seconds to wait for a Retry-After value: delta-seconds ("120") or an HTTP-date, counted
// from `now`; nullopt if it is neither.
std::optional<double> RetryAfterSeconds(std::string_view value, std::time_t now);
// "2026-11-22T09:00:00Z"
std::string IsoUtc(std::time_t t);
}  // namespace detail

}  // namespace storyline::fetch

#endif  // STORYLINE_FETCH_FETCHER_H_
