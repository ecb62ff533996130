#include "fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <random>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "fetch/robots.h"
#include "fetch/url.h"
#include "text/ascii.h"

namespace storyline::fetch {
namespace {

using Clock = std::chrono::steady_clock;

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// "60", "0.5", "0.25": seconds as a person writes them.
std::string FormatSeconds(double s) {
  std::ostringstream out;
  out << std::fixed;
  out.precision(3);
  out << s;
  std::string text = out.str();
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string FormatBytes(size_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n >= 1024 && n % 1024 == 0) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + " bytes";
}

double SecondsBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

Clock::duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// The media type of a Content-Type value: "text/html" for "Text/HTML; charset=utf-8".
std::string MediaType(std::string_view content_type) {
  return text::AsciiLower(text::TrimAscii(content_type.substr(0, content_type.find(';'))));
}

bool Acceptable(Expect expect, std::string_view content_type) {
  const std::string type = MediaType(content_type);
  if (expect == Expect::kAny || type.empty()) return true;
  if (type == "text/html" || type == "text/plain") return true;
  if (expect == Expect::kPage) return type == "application/xhtml+xml";
  auto ends_with = [&](std::string_view suffix) {
    return type.size() >= suffix.size() &&
           type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("+xml") || ends_with("+json") || ends_with("/xml") ||
         type == "application/json" || type == "application/rss" || type == "application/x-rss" ||
         type == "text/rss";
}

std::string_view ExpectName(Expect expect) {
  switch (expect) {
    case Expect::kPage:
      return "page";
    case Expect::kFeed:
      return "feed";
    case Expect::kAny:
      break;
  }
  return "document";
}

struct CurlEasyDeleter {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

enum class RobotsState { kUnknown, kFetching, kReady };

struct Host;

// One request on its way: its current hop, retries and redirects so far.
struct Job {
  FetchRequest request;
  FetchResponse response;
  std::string url;  // the hop being fetched, normalised
  std::unordered_set<std::string> visited;
  int redirects = 0;
  int hop_attempts = 0;  // tries at the current hop
  Clock::time_point not_before{};
  Clock::time_point first_start{};
  bool started = false;
  Host* robots_for = nullptr;  // set for a robots.txt fetch: the host whose rules it gets
};

// The politeness unit "scheme://host:port": its robots.txt, pace and waiting jobs.
struct Host {
  std::string key;
  RobotsState robots_state = RobotsState::kUnknown;
  Robots robots;
  std::string robots_error;  // why everything is refused ("robots.txt unreachable (HTTP 503)")
  bool robots_this_run_only = false;
  Clock::time_point robots_at{};  // when the rules were learnt
  double delay_s = 0;
  Clock::time_point next_start{};  // no request starts before
  Clock::time_point last_start{};
  size_t active = 0;
  std::deque<std::unique_ptr<Job>> exempt;    // robots.txt fetches: need no robots.txt
  std::deque<std::unique_ptr<Job>> queue;     // in turn, once robots.txt is known
  std::vector<std::unique_ptr<Job>> waiting;  // retries, each after its not_before
};

enum class Cut { kNone, kTooLarge, kBadType, kTruncated };

// One HTTP request in flight: its curl handle and what has arrived.
struct Transfer {
  std::unique_ptr<Job> job;
  Host* host = nullptr;
  std::unique_ptr<CURL, CurlEasyDeleter> easy;
  std::unique_ptr<curl_slist, CurlSlistDeleter> request_headers;
  bool robots = false;
  Expect expect = Expect::kPage;
  size_t cap = 0;
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string response_head, request_head, body;
  bool type_checked = false;
  Cut cut = Cut::kNone;
  Clock::time_point started{};
  char error[CURL_ERROR_SIZE] = {};

  bool Success() const { return status >= 200 && status < 300; }
  std::string Header(std::string_view name) const {
    std::string value;
    for (const auto& [k, v] : headers) {
      if (k.size() == name.size() && text::AsciiLower(k) == name) value = v;
    }
    return value;
  }
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t n = size * count;
  const std::string_view line(data, n);
  if (line.substr(0, 5) == "HTTP/") {  // a status line: a new response (1xx before the final)
    t.headers.clear();
    t.response_head.assign(line);
    const size_t sp = line.find(' ');
    t.status =
        sp == std::string_view::npos ? 0 : std::atoi(std::string(line.substr(sp + 1, 3)).c_str());
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    t.response_head.append(line);
    return n;
  }
  const std::string_view name = text::TrimAscii(line.substr(0, colon));
  const std::string_view value = text::TrimAscii(line.substr(colon + 1));
  const std::string lname = text::AsciiLower(name);
  if (lname == "content-encoding" || lname == "transfer-encoding" || lname == "content-length") {
    t.response_head.append("X-Crawler-").append(line);
  } else {
    t.response_head.append(line);
  }
  t.headers.emplace_back(std::string(name), std::string(value));
  if (lname == "content-length" && !t.robots && t.Success()) {
    const unsigned long long length = std::strtoull(std::string(value).c_str(), nullptr, 10);
    if (length > t.cap) {
      t.cut = Cut::kTooLarge;
      return 0;  // aborts the transfer: CURLE_WRITE_ERROR
    }
  }
  return n;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (!t.type_checked) {
    t.type_checked = true;
    if (!t.robots && t.Success() && !Acceptable(t.expect, t.Header("content-type"))) {
      t.cut = Cut::kBadType;
      return 0;
    }
  }
  if (t.body.size() + n > t.cap) {
    t.body.append(data, t.cap - t.body.size());
    // Over the cap is an error for a page; robots.txt and error pages are only truncated.
    t.cut = t.Success() && !t.robots ? Cut::kTooLarge : Cut::kTruncated;
    return 0;
  }
  t.body.append(data, n);
  return n;
}

int OnDebug(CURL* /*easy*/, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) static_cast<Transfer*>(user)->request_head.append(data, size);
  return 0;
}

}  // namespace

namespace detail {

std::optional<double> RetryAfterSeconds(std::string_view value, std::time_t now) {
  value = text::TrimAscii(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return value.size() > 9 ? 1e9 : std::stod(std::string(value));
  }
  const std::time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return std::max(0.0, std::difftime(when, now));
}

std::string IsoUtc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace detail

struct Fetcher::Impl {
  explicit Impl(FetchOptions o) : options(std::move(o)), rng(std::random_device{}()) {
    GlobalInitOnce();
    multi = curl_multi_init();
    const long per_host = static_cast<long>(
        std::max<size_t>(1, options.polite ? options.max_connections_per_host
                                           : options.impolite_connections_per_host));
    const long total = static_cast<long>(std::max<size_t>(1, options.max_total_connections));
    if (multi != nullptr) {
      curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, per_host);
      curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
      curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, total);
    }
  }

  ~Impl() {
    for (auto& [easy, transfer] : transfers) curl_multi_remove_handle(multi, easy);
    transfers.clear();
    if (multi != nullptr) curl_multi_cleanup(multi);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  size_t PerHostLimit() const {
    return std::max<size_t>(1, options.polite ? options.max_connections_per_host
                                              : options.impolite_connections_per_host);
  }

  Host& HostFor(const std::string& url) {
    const std::string key = HostKey(url);
    auto& slot = hosts[key];
    if (!slot) {
      slot = std::make_unique<Host>();
      slot->key = key;
      slot->delay_s = options.polite ? std::max(0.0, options.min_host_delay_s) : 0.0;
      if (!options.polite) slot->robots_state = RobotsState::kReady;
    }
    return *slot;
  }

  // The message of a failed request: "<url>: <what>", with the hop it failed at.
  static std::string Named(const Job& job, std::string_view what) {
    std::string message = job.response.url.empty() ? job.request.url : job.response.url;
    message.append(": ").append(what);
    if (!job.response.url.empty() && job.url != job.response.url) {
      message.append(" (at ").append(job.url).append(")");
    }
    return message;
  }

  void Finish(std::unique_ptr<Job> job, Status error) {
    FetchResponse& r = job->response;
    r.final_url = job->url;
    r.seconds = job->started ? SecondsBetween(job->first_start, Clock::now()) : 0.0;
    r.error = std::move(error);
    if (!r.error.ok()) ++stats.errors;
    if (r.error.ok() && r.status == 304) ++stats.not_modified;
    --jobs_alive;
    done.push_back(std::move(job));
  }

  void FinishDisallowed(std::unique_ptr<Job> job, const Host& host) {
    const std::string what = host.robots_error.empty() ? std::string("disallowed by robots.txt")
                                                       : "not fetched: " + host.robots_error;
    std::string message = Named(*job, what);
    Finish(std::move(job), Status::InvalidArgument(std::move(message)));
  }

  // Puts `job` in its host's line (a redirect hop at the front), or refuses it by robots.txt.
  void Enqueue(std::unique_ptr<Job> job, bool front) {
    Host& host = HostFor(job->url);
    if (job->robots_for != nullptr) {
      host.exempt.push_back(std::move(job));
      return;
    }
    if (host.robots_state == RobotsState::kUnknown) {
      host.robots_state = RobotsState::kFetching;
      auto robots = std::make_unique<Job>();
      robots->url = ResolveAndNormalize(job->url, "/robots.txt");
      robots->request.url = robots->url;
      robots->request.expect = Expect::kAny;
      robots->response.url = robots->url;
      robots->visited.insert(robots->url);
      robots->robots_for = &host;
      ++jobs_alive;
      host.exempt.push_back(std::move(robots));
    } else if (host.robots_state == RobotsState::kReady &&
               !host.robots.Allowed(PathAndQuery(job->url))) {
      FinishDisallowed(std::move(job), host);
      return;
    }
    if (front) {
      host.queue.push_front(std::move(job));
    } else {
      host.queue.push_back(std::move(job));
    }
  }

  void ApplyRobots(Host& host, Robots robots, std::string error) {
    host.robots = std::move(robots);
    host.robots_error = std::move(error);
    host.robots_this_run_only = !host.robots_error.empty();
    host.robots_state = RobotsState::kReady;
    host.robots_at = Clock::now();
    const double crawl_delay =
        std::min(host.robots.crawl_delay().value_or(0.0), std::max(0.0, options.max_crawl_delay_s));
    host.delay_s = std::max(std::max(0.0, options.min_host_delay_s), crawl_delay);
    if (options.polite) {
      host.next_start = std::max(host.next_start, host.last_start + Seconds(host.delay_s));
    }
    auto sweep = [&](auto& jobs) {
      for (auto it = jobs.begin(); it != jobs.end();) {
        if (host.robots.Allowed(PathAndQuery((*it)->url))) {
          ++it;
        } else {
          std::unique_ptr<Job> job = std::move(*it);
          it = jobs.erase(it);
          FinishDisallowed(std::move(job), host);
        }
      }
    };
    sweep(host.queue);
    sweep(host.waiting);
  }

  // A robots.txt fetch is over: its host's rules are known.
  void FinishRobots(std::unique_ptr<Job> job, Robots robots, std::string error) {
    Host& host = *job->robots_for;
    --jobs_alive;
    ApplyRobots(host, std::move(robots), std::move(error));
  }

  // Ends `job` with `error`, or for robots.txt with what that outcome means for the host.
  void Fail(std::unique_ptr<Job> job, Status error, bool unreachable) {
    if (job->robots_for != nullptr) {
      std::string what = error.message();
      const std::string prefix = job->response.url + ": ";
      if (what.rfind(prefix, 0) == 0) what.erase(0, prefix.size());
      if (unreachable) {
        FinishRobots(std::move(job), Robots::DisallowAll(),
                     "robots.txt unreachable (" + what + ")");
      } else {
        FinishRobots(std::move(job), Robots::AllowAll(), "");  // RFC 9309 §2.3.1.2: unavailable
      }
      return;
    }
    Finish(std::move(job), std::move(error));
  }

  // Schedules another try of `job`, or fails it once its tries (or patience) are spent.
  void Retry(std::unique_ptr<Job> job, Host& host, const std::string& what,
             std::optional<double> retry_after, Clock::time_point now) {
    if (retry_after && *retry_after > options.max_retry_after_s) {
      std::string message =
          Named(*job, "Retry-After " + FormatSeconds(*retry_after) + " s is over the " +
                          FormatSeconds(options.max_retry_after_s) + " s limit");
      Fail(std::move(job), Status::IoError(std::move(message)), true);
      return;
    }
    if (job->hop_attempts >= std::max(1, options.max_attempts)) {
      std::string detail = what;
      if (job->hop_attempts > 1)
        detail += " after " + std::to_string(job->hop_attempts) + " attempts";
      std::string message = Named(*job, detail);
      Fail(std::move(job), Status::IoError(std::move(message)), true);
      return;
    }
    const double ceiling = std::min(
        options.backoff_max_s, options.backoff_base_s * std::ldexp(1.0, job->hop_attempts - 1));
    double wait = std::uniform_real_distribution<double>(0.0, std::max(0.0, ceiling))(rng);
    if (retry_after) {
      wait = std::max(wait, *retry_after);
      host.next_start = std::max(host.next_start, now + Seconds(*retry_after));
    }
    job->not_before = now + Seconds(wait);
    ++stats.retries;
    host.waiting.push_back(std::move(job));
  }

  void Redirect(std::unique_ptr<Job> job, const std::string& location) {
    if (location.empty()) {
      std::string message = Named(*job, "redirect without a Location");
      Fail(std::move(job), Status::BadInput(std::move(message)), false);
      return;
    }
    const std::string next = ResolveAndNormalize(job->url, location);
    if (next.empty()) {
      std::string message = Named(*job, "redirect to a URL that is not http(s): " + location);
      Fail(std::move(job), Status::BadInput(std::move(message)), false);
      return;
    }
    if (job->visited.count(next) != 0) {
      std::string message = Named(*job, "redirect loop");
      Fail(std::move(job), Status::BadInput(std::move(message)), false);
      return;
    }
    if (job->redirects >= options.max_redirects) {
      std::string message =
          Named(*job, "more than " + std::to_string(options.max_redirects) + " redirects");
      Fail(std::move(job), Status::BadInput(std::move(message)), false);
      return;
    }
    ++job->redirects;
    job->url = next;
    job->visited.insert(next);
    job->hop_attempts = 0;
    job->not_before = {};
    Enqueue(std::move(job), /*front=*/true);
  }

  void Start(Host& host, std::unique_ptr<Job> job, Clock::time_point now) {
    auto t = std::make_unique<Transfer>();
    t->host = &host;
    t->robots = job->robots_for != nullptr;
    t->expect = job->request.expect;
    t->cap = t->robots ? Robots::kMaxBytes : options.max_body_bytes;
    t->started = now;
    if (!job->started) {
      job->started = true;
      job->first_start = now;
    }
    ++job->hop_attempts;
    ++job->response.attempts;
    ++(t->robots ? stats.robots_fetches : stats.requests);
    t->easy.reset(curl_easy_init());
    CURL* e = t->easy.get();
    if (e == nullptr) {
      std::string message = Named(*job, "cannot create a curl handle");
      Fail(std::move(job), Status::Internal(std::move(message)), true);
      return;
    }
    curl_slist* headers = nullptr;
    switch (t->expect) {
      case Expect::kPage:
        headers = curl_slist_append(
            headers, "Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1");
        break;
      case Expect::kFeed:
        headers = curl_slist_append(
            headers,
            "Accept: application/rss+xml,application/atom+xml,application/feed+json,"
            "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1");
        break;
      case Expect::kAny:
        break;
    }
    if (!t->robots && !job->request.etag.empty()) {
      headers = curl_slist_append(headers, ("If-None-Match: " + job->request.etag).c_str());
    }
    if (!t->robots && !job->request.last_modified.empty()) {
      headers =
          curl_slist_append(headers, ("If-Modified-Since: " + job->request.last_modified).c_str());
    }
    t->request_headers.reset(headers);
    curl_easy_setopt(e, CURLOPT_URL, job->url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, options.accept_encoding.c_str());
    if (headers != nullptr) curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes_per_s);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options.low_speed_time_s);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    // The debug callback is how curl shows the request head as sent; VERBOSE turns it on
    // (with a callback set nothing goes to stderr).
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &OnDebug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, t.get());
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    if (curl_multi_add_handle(multi, e) != CURLM_OK) {
      std::string message = Named(*job, "cannot start the transfer");
      Fail(std::move(job), Status::Internal(std::move(message)), true);
      return;
    }
    t->job = std::move(job);
    ++host.active;
    host.last_start = now;
    if (options.polite) host.next_start = now + Seconds(host.delay_s);
    transfers.emplace(e, std::move(t));
  }

  // Starts what may start now; returns when something next may.
  Clock::time_point Schedule(Clock::time_point now) {
    Clock::time_point wake = now + std::chrono::seconds(1);
    const size_t per_host = PerHostLimit();
    const size_t total = std::max<size_t>(1, options.max_total_connections);
    for (auto& [key, slot] : hosts) {
      Host& host = *slot;
      while (transfers.size() < total && host.active < per_host) {
        const bool from_exempt = !host.exempt.empty();
        const bool ready = host.robots_state == RobotsState::kReady;
        auto due = host.waiting.end();
        if (!from_exempt) {
          // The earliest retry that may go: any once robots.txt is known, else robots.txt's own.
          for (auto it = host.waiting.begin(); it != host.waiting.end(); ++it) {
            if ((ready || (*it)->robots_for != nullptr) &&
                (due == host.waiting.end() || (*it)->not_before < (*due)->not_before)) {
              due = it;
            }
          }
          if (due != host.waiting.end() && (*due)->not_before > now) {
            wake = std::min(wake, std::max(host.next_start, (*due)->not_before));
            due = host.waiting.end();
          }
          if (due == host.waiting.end() && (!ready || host.queue.empty())) break;
        }
        if (now < host.next_start) {
          wake = std::min(wake, host.next_start);
          break;
        }
        std::unique_ptr<Job> job;
        if (from_exempt) {
          job = std::move(host.exempt.front());
          host.exempt.pop_front();
        } else if (due != host.waiting.end()) {
          job = std::move(*due);
          host.waiting.erase(due);
        } else {
          job = std::move(host.queue.front());
          host.queue.pop_front();
        }
        Start(host, std::move(job), now);
        if (options.polite && host.delay_s > 0) {
          wake = std::min(wake, host.next_start);
          break;
        }
      }
    }
    return wake;
  }

  // Turns a finished transfer into a response, a retry, a redirect hop or host rules.
  void Complete(CURL* easy, CURLcode code) {
    auto it = transfers.find(easy);
    if (it == transfers.end()) return;
    std::unique_ptr<Transfer> t = std::move(it->second);
    transfers.erase(it);
    curl_multi_remove_handle(multi, easy);
    Host& host = *t->host;
    --host.active;
    std::unique_ptr<Job> job = std::move(t->job);
    const Clock::time_point now = Clock::now();

    FetchResponse& r = job->response;
    r.final_url = job->url;
    r.status = t->status;
    r.content_type = t->Header("content-type");
    r.etag = t->Header("etag");
    r.last_modified = t->Header("last-modified");
    r.headers = std::move(t->headers);
    r.request_head = std::move(t->request_head);
    r.response_head = std::move(t->response_head);
    r.body = std::move(t->body);
    char* ip = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
    r.ip = ip != nullptr ? ip : "";
    r.fetched_at = t->status != 0 ? detail::IsoUtc(std::time(nullptr)) : "";
    stats.bytes += r.body.size();

    if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && t->cut == Cut::kTruncated)) {
      CompleteResponse(std::move(job), host, now);
      return;
    }
    if (code == CURLE_WRITE_ERROR && t->cut == Cut::kTooLarge) {
      std::string message = Named(*job, "body over " + FormatBytes(options.max_body_bytes));
      Fail(std::move(job), Status::TooLarge(std::move(message)), false);
      return;
    }
    if (code == CURLE_WRITE_ERROR && t->cut == Cut::kBadType) {
      std::string message = Named(*job, "content type " + MediaType(r.content_type) + " is not a " +
                                            std::string(ExpectName(job->request.expect)));
      Fail(std::move(job), Status::BadInput(std::move(message)), false);
      return;
    }
    CompleteFailure(std::move(job), host, *t, code, now);
  }

  void CompleteResponse(std::unique_ptr<Job> job, Host& host, Clock::time_point now) {
    const FetchResponse& r = job->response;
    const int status = r.status;
    auto header = [&](std::string_view name) {
      std::string value;
      for (const auto& [k, v] : r.headers) {
        if (text::AsciiLower(k) == name) value = v;
      }
      return value;
    };
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      Redirect(std::move(job), header("location"));
      return;
    }
    if (status == 429 || status >= 500) {
      std::optional<double> retry_after;
      if (const std::string value = header("retry-after"); !value.empty()) {
        retry_after = detail::RetryAfterSeconds(value, std::time(nullptr));
      }
      Retry(std::move(job), host, "HTTP " + std::to_string(status), retry_after, now);
      return;
    }
    if (job->robots_for != nullptr) {
      Robots robots = Robots::ForResponse(status, r.body, options.robots_token);
      const bool available = (status >= 200 && status < 300) || (status >= 400 && status < 500);
      std::string error =
          available ? "" : "robots.txt unreachable (HTTP " + std::to_string(status) + ")";
      FinishRobots(std::move(job), std::move(robots), std::move(error));
      return;
    }
    if (status >= 200 && status < 300) {
      if (!Acceptable(job->request.expect, r.content_type)) {
        std::string message =
            Named(*job, "content type " + MediaType(r.content_type) + " is not a " +
                            std::string(ExpectName(job->request.expect)));
        Finish(std::move(job), Status::BadInput(std::move(message)));
        return;
      }
      Finish(std::move(job), Status::Ok());
      return;
    }
    if (status == 304) {
      Finish(std::move(job), Status::Ok());
      return;
    }
    std::string message = Named(*job, "HTTP " + std::to_string(status));
    Finish(std::move(job), status == 404 || status == 410 ? Status::NotFound(std::move(message))
                                                          : Status::IoError(std::move(message)));
  }

  void CompleteFailure(std::unique_ptr<Job> job, Host& host, const Transfer& t, CURLcode code,
                       Clock::time_point now) {
    CURL* e = t.easy.get();
    const std::string detail = t.error[0] != '\0' ? t.error : curl_easy_strerror(code);
    std::string what;
    bool retry = false;
    switch (code) {
      case CURLE_COULDNT_CONNECT: {
        long os_errno = 0;
        curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
        what = os_errno == ECONNREFUSED ? "connection refused" : "cannot connect (" + detail + ")";
        retry = true;
        break;
      }
      case CURLE_COULDNT_RESOLVE_HOST:
        what = "cannot resolve the host (" + detail + ")";
        break;
      case CURLE_OPERATION_TIMEDOUT: {
        const double elapsed = SecondsBetween(t.started, now);
        if (elapsed * 1000.0 >= static_cast<double>(options.total_timeout_ms) - 50.0) {
          what = "timed out after " +
                 FormatSeconds(static_cast<double>(options.total_timeout_ms) / 1000.0) + " s";
        } else if (t.status == 0 && t.request_head.empty()) {
          what = "connect timed out after " +
                 FormatSeconds(static_cast<double>(options.connect_timeout_ms) / 1000.0) + " s";
          retry = true;
        } else {
          what = "stalled: under " + std::to_string(options.low_speed_bytes_per_s) +
                 " bytes/s for " + std::to_string(options.low_speed_time_s) + " s";
        }
        break;
      }
      case CURLE_GOT_NOTHING:
        what = "the server closed the connection without a response";
        retry = true;
        break;
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_PARTIAL_FILE:
      case CURLE_HTTP2:
      case CURLE_HTTP2_STREAM:
        what = "connection broken (" + detail + ")";
        retry = true;
        break;
      case CURLE_BAD_CONTENT_ENCODING:
        what = "bad content encoding (" + detail + ")";
        break;
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_CACERT_BADFILE:
        what = "TLS failed (" + detail + ")";
        break;
      default:
        what = detail;
        break;
    }
    if (retry) {
      Retry(std::move(job), host, what, std::nullopt, now);
      return;
    }
    std::string message = Named(*job, what);
    Fail(std::move(job), Status::IoError(std::move(message)), true);
  }

  // Completes the finished transfers; returns how many there were.
  size_t CollectFinished() {
    size_t finished = 0;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Complete(msg->easy_handle, msg->data.result);
      ++finished;
    }
    return finished;
  }

  // Calls on_done for each finished request; returns how many.
  size_t Deliver(const std::function<void(const FetchRequest&, FetchResponse)>& on_done) {
    size_t delivered = 0;
    while (!done.empty()) {
      std::vector<std::unique_ptr<Job>> batch;
      batch.swap(done);
      for (auto& job : batch) on_done(job->request, std::move(job->response));
      delivered += batch.size();
    }
    return delivered;
  }

  bool Add(FetchRequest request) {
    auto job = std::make_unique<Job>();
    job->url = NormalizeUrl(request.url);
    job->request = std::move(request);
    job->response.url = job->url;
    if (job->url.empty()) {
      if (!seen.insert("\n" + job->request.url).second) return false;
      ++jobs_alive;
      job->response.url = job->request.url;
      job->url = job->request.url;
      std::string message = job->request.url + ": not an http(s) URL";
      Finish(std::move(job), Status::InvalidArgument(std::move(message)));
      return true;
    }
    if (!seen.insert(job->url).second) return false;
    job->visited.insert(job->url);
    ++jobs_alive;
    if (multi == nullptr) {
      std::string message = Named(*job, "cannot create a curl multi handle");
      Finish(std::move(job), Status::Internal(std::move(message)));
      return true;
    }
    Enqueue(std::move(job), /*front=*/false);
    return true;
  }

  void Run(const std::function<void(const FetchRequest&, FetchResponse)>& on_done) {
    for (;;) {
      const Clock::time_point wake = Schedule(Clock::now());
      if (Deliver(on_done) > 0) continue;  // on_done may have added requests: schedule them
      if (jobs_alive == 0) break;
      int running = 0;
      curl_multi_perform(multi, &running);
      // A finished transfer may free a host, retry, redirect or bring robots.txt: reschedule.
      if (CollectFinished() > 0) continue;
      const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - Clock::now());
      const int timeout_ms = static_cast<int>(std::clamp<long long>(wait.count(), 0, 1000));
      curl_multi_poll(multi, nullptr, 0, timeout_ms, nullptr);
    }
    seen.clear();
    const Clock::time_point stale = Clock::now() - Seconds(options.robots_max_age_s);
    for (auto& [key, host] : hosts) {
      if (host->robots_this_run_only ||
          (host->robots_state == RobotsState::kReady && host->robots_at < stale)) {
        host->robots_state = RobotsState::kUnknown;
        host->robots = Robots();
        host->robots_error.clear();
        host->robots_this_run_only = false;
      }
    }
  }

  FetchOptions options;
  CURLM* multi = nullptr;
  std::mt19937_64 rng;  // backoff jitter
  std::unordered_map<std::string, std::unique_ptr<Host>> hosts;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers;
  std::unordered_set<std::string> seen;    // normalised URLs added in this Run
  std::vector<std::unique_ptr<Job>> done;  // finished, not yet delivered
  size_t jobs_alive = 0;                   // added (and robots.txt) jobs not yet finished
  Stats stats;
};

Fetcher::Fetcher(FetchOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;
Fetcher::Fetcher(Fetcher&&) noexcept = default;
Fetcher& Fetcher::operator=(Fetcher&&) noexcept = default;

bool Fetcher::Add(FetchRequest request) { return impl_->Add(std::move(request)); }

void Fetcher::Run(const std::function<void(const FetchRequest&, FetchResponse)>& on_done) {
  impl_->Run(on_done);
}

const Fetcher::Stats& Fetcher::stats() const { return impl_->stats; }

}  // namespace storyline::fetch
