// The fetcher against cpp-httplib servers on 127.0.0.1 that log every request with its
// arrival time: politeness, robots.txt, redirects, retries and every named failure.
#include "fetch/fetcher.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "read/gzip_for_tests.h"

namespace storyline::fetch {
namespace {

using Clock = std::chrono::steady_clock;

double Between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct Arrival {
  std::string method, target;  // target: path and query as requested
  Clock::time_point at;
  httplib::Headers headers;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A server on an ephemeral port of 127.0.0.1 that logs each request as it arrives.
class TestServer {
 public:
  TestServer() {
    http_.set_keep_alive_timeout(1);
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lock(mu_);
      log_.push_back({req.method, req.target, Clock::now(), req.headers});
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~TestServer() { Stop(); }

  httplib::Server& http() { return http_; }

  // Binds, serves on a thread and returns once the listen loop runs (httplib drops a stop()
  // that comes before it).
  void Start() {
    port_ = http_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!http_.is_running() && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_TRUE(http_.is_running());
  }

  void Stop() {
    stopping_ = true;
    http_.stop();
    if (thread_.joinable()) thread_.join();
  }

  bool stopping() const { return stopping_; }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<Arrival> Log() const {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }
  std::vector<Arrival> LogOf(const std::string& target) const {
    std::vector<Arrival> out;
    for (const Arrival& a : Log()) {
      if (a.target == target) out.push_back(a);
    }
    return out;
  }
  std::vector<std::string> Targets() const {
    std::vector<std::string> out;
    for (const Arrival& a : Log()) out.push_back(a.target);
    return out;
  }

 private:
  httplib::Server http_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::vector<Arrival> log_;
};

void ServePage(TestServer& server, const std::string& path, const std::string& body,
               const std::string& type = "text/html; charset=utf-8") {
  server.http().Get(path, [body, type](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, type);
  });
}

void ServeRobots(TestServer& server, const std::string& robots) {
  ServePage(server, "/robots.txt", robots, "text/plain");
}

// Fast settings for local servers: polite, with short delays and backoffs.
FetchOptions Quick() {
  FetchOptions o;
  o.min_host_delay_s = 0.01;
  o.backoff_base_s = 0.01;
  o.backoff_max_s = 0.05;
  o.total_timeout_ms = 5000;
  o.connect_timeout_ms = 2000;
  return o;
}

// Runs `fetcher` over `urls` and returns the responses by requested URL.
std::map<std::string, FetchResponse> FetchAll(Fetcher& fetcher,
                                              const std::vector<std::string>& urls,
                                              Expect expect = Expect::kPage) {
  for (const std::string& url : urls) fetcher.Add({url, expect, "", "", 0});
  std::map<std::string, FetchResponse> out;
  fetcher.Run([&](const FetchRequest& req, FetchResponse res) { out[req.url] = std::move(res); });
  return out;
}

FetchResponse FetchOne(Fetcher& fetcher, const std::string& url, Expect expect = Expect::kPage) {
  auto all = FetchAll(fetcher, {url}, expect);
  EXPECT_EQ(all.size(), 1u);
  return all.empty() ? FetchResponse() : std::move(all.begin()->second);
}

// Gaps between consecutive arrivals, in seconds.
std::vector<double> Gaps(const std::vector<Arrival>& log) {
  std::vector<double> gaps;
  for (size_t i = 1; i < log.size(); ++i) gaps.push_back(Between(log[i - 1].at, log[i].at));
  return gaps;
}

// A port nothing listens on: bound, never listened, then closed.
int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(Fetcher, FetchesAPageWithItsHeads) {
  TestServer server;
  ServePage(server, "/page", "<html><p>Hello</p></html>");
  server.http().Get("/etagged", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("ETag", "\"v7\"");
    res.set_header("Last-Modified", "Sun, 22 Nov 2026 09:00:00 GMT");
    res.set_content("<p>x</p>", "text/html");
  });
  server.Start();
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {server.Url("/page?utm_source=x"), server.Url("/etagged")});
  ASSERT_EQ(all.size(), 2u);
  const FetchResponse& r = all[server.Url("/page?utm_source=x")];
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.url, server.Url("/page"));
  EXPECT_EQ(r.final_url, server.Url("/page"));
  EXPECT_EQ(r.body, "<html><p>Hello</p></html>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.ip, "127.0.0.1");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.fetched_at.size(), 20u);
  EXPECT_EQ(r.fetched_at.back(), 'Z');
  EXPECT_NE(r.request_head.find("GET /page HTTP/1.1\r\n"), std::string::npos) << r.request_head;
  EXPECT_NE(r.request_head.find("User-Agent: storyline/0.1 (+https://"), std::string::npos);
  EXPECT_EQ(r.response_head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << r.response_head;
  // (httplib may compress on its own: the length is whatever went over the wire.)
  EXPECT_NE(r.response_head.find("\r\nX-Crawler-Content-Length: "), std::string::npos)
      << r.response_head;
  EXPECT_EQ(r.response_head.find("\nContent-Length"), std::string::npos);
  EXPECT_FALSE(r.headers.empty());
  const FetchResponse& e = all[server.Url("/etagged")];
  EXPECT_EQ(e.etag, "\"v7\"");
  EXPECT_EQ(e.last_modified, "Sun, 22 Nov 2026 09:00:00 GMT");
  // robots.txt first, once, then the pages; the tracking parameter never sent.
  const auto targets = server.Targets();
  ASSERT_EQ(targets.size(), 3u);
  EXPECT_EQ(targets[0], "/robots.txt");
  EXPECT_EQ(server.LogOf("/page").size(), 1u);
  EXPECT_EQ(server.LogOf("/page").at(0).Header("User-Agent"), Quick().user_agent);
  EXPECT_EQ(fetcher.stats().requests, 2u);
  EXPECT_EQ(fetcher.stats().robots_fetches, 1u);
  EXPECT_EQ(fetcher.stats().errors, 0u);
}

TEST(Fetcher, RobotsDisallowedUrlIsNeverRequested) {
  TestServer server;
  ServeRobots(server, "User-agent: *\nDisallow: /\n\nUser-agent: storyline\nDisallow: /private/\n");
  ServePage(server, "/private/a", "secret");
  ServePage(server, "/public", "<p>ok</p>");
  server.Start();
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {server.Url("/private/a"), server.Url("/public")});
  const FetchResponse& denied = all[server.Url("/private/a")];
  EXPECT_EQ(denied.error.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(denied.error.message(), server.Url("/private/a") + ": disallowed by robots.txt");
  EXPECT_EQ(denied.status, 0);
  EXPECT_EQ(denied.attempts, 0);
  EXPECT_TRUE(all[server.Url("/public")].error.ok());
  EXPECT_TRUE(server.LogOf("/private/a").empty());
  EXPECT_EQ(server.LogOf("/public").size(), 1u);

  // The rules are cached: a second Run asks robots.txt nothing and still refuses.
  auto again = FetchAll(fetcher, {server.Url("/private/a")});
  EXPECT_FALSE(again.begin()->second.error.ok());
  EXPECT_EQ(server.LogOf("/robots.txt").size(), 1u);
  EXPECT_TRUE(server.LogOf("/private/a").empty());
}

TEST(Fetcher, CrawlDelayIsObeyed) {
  TestServer server;
  ServeRobots(server, "User-agent: storyline\nCrawl-delay: 0.3\nAllow: /\n");
  for (int i = 0; i < 3; ++i) ServePage(server, "/p" + std::to_string(i), "<p>x</p>");
  server.Start();
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {server.Url("/p0"), server.Url("/p1"), server.Url("/p2")});
  for (const auto& [url, r] : all) EXPECT_TRUE(r.error.ok()) << r.error.message();
  const auto log = server.Log();
  ASSERT_EQ(log.size(), 4u);  // robots.txt and three pages
  // Start to start on our side; arrivals may shift by a connection setup (a few ms).
  for (double gap : Gaps(log)) EXPECT_GE(gap, 0.29);
}

TEST(Fetcher, MaxCrawlDelayCapsRobots) {
  TestServer server;
  ServeRobots(server, "User-agent: *\nCrawl-delay: 30\n");
  ServePage(server, "/a", "<p>a</p>");
  server.Start();
  FetchOptions options = Quick();
  options.max_crawl_delay_s = 0.2;
  Fetcher fetcher(options);
  const auto start = Clock::now();
  const FetchResponse r = FetchOne(fetcher, server.Url("/a"));
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_LT(Between(start, Clock::now()), 2.0);
  const auto gaps = Gaps(server.Log());
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_GE(gaps[0], 0.19);
}

TEST(Fetcher, MinHostDelayBetweenRequests) {
  TestServer server;  // no robots.txt: 404, everything allowed
  for (int i = 0; i < 3; ++i) ServePage(server, "/p" + std::to_string(i), "<p>x</p>");
  server.Start();
  FetchOptions options = Quick();
  options.min_host_delay_s = 0.2;
  Fetcher fetcher(options);
  auto all = FetchAll(fetcher, {server.Url("/p0"), server.Url("/p1"), server.Url("/p2")});
  for (const auto& [url, r] : all) EXPECT_TRUE(r.error.ok()) << r.error.message();
  const auto log = server.Log();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].target, "/robots.txt");
  for (double gap : Gaps(log)) EXPECT_GE(gap, 0.19);
}

TEST(Fetcher, TwoHostsRunInParallel) {
  TestServer a, b;
  for (TestServer* s : {&a, &b}) {
    for (int i = 0; i < 2; ++i) ServePage(*s, "/p" + std::to_string(i), "<p>x</p>");
    s->Start();
  }
  FetchOptions options = Quick();
  options.min_host_delay_s = 0.4;
  Fetcher fetcher(options);
  const auto start = Clock::now();
  auto all = FetchAll(fetcher, {a.Url("/p0"), a.Url("/p1"), b.Url("/p0"), b.Url("/p1")});
  const double elapsed = Between(start, Clock::now());
  ASSERT_EQ(all.size(), 4u);
  for (const auto& [url, r] : all) EXPECT_TRUE(r.error.ok()) << r.error.message();
  // Each host: robots.txt, then two pages 0.4 s apart (0.8 s); one after the other: 1.6 s.
  EXPECT_GE(elapsed, 0.79);
  EXPECT_LT(elapsed, 1.4);
  const auto log_a = a.Log(), log_b = b.Log();
  ASSERT_EQ(log_a.size(), 3u);
  ASSERT_EQ(log_b.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_LT(std::abs(Between(log_a[i].at, log_b[i].at)), 0.2) << i;
  for (double gap : Gaps(log_a)) EXPECT_GE(gap, 0.39);
  for (double gap : Gaps(log_b)) EXPECT_GE(gap, 0.39);
}

TEST(Fetcher, FollowsRedirectsAcrossHosts) {
  TestServer a, b;
  a.http().Get("/old", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/middle", 301);
  });
  b.http().Get("/new", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<p>moved</p>", "text/html");
  });
  ServeRobots(b, "User-agent: *\nDisallow: /blocked\n");
  b.Start();
  a.http().Get("/middle", [&b](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(b.Url("/new"), 302);
  });
  a.http().Get("/to-blocked", [&b](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(b.Url("/blocked"), 302);
  });
  a.Start();
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {a.Url("/old"), a.Url("/to-blocked")});
  const FetchResponse& r = all[a.Url("/old")];
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(r.url, a.Url("/old"));
  EXPECT_EQ(r.final_url, b.Url("/new"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>moved</p>");
  EXPECT_EQ(r.attempts, 3);
  const FetchResponse& blocked = all[a.Url("/to-blocked")];
  EXPECT_EQ(blocked.error.message(),
            a.Url("/to-blocked") + ": disallowed by robots.txt (at " + b.Url("/blocked") + ")");
  EXPECT_TRUE(b.LogOf("/blocked").empty());
  EXPECT_EQ(b.Targets().at(0), "/robots.txt");
  EXPECT_EQ(b.LogOf("/robots.txt").size(), 1u);
}

TEST(Fetcher, RobotsTxtRedirectIsFollowed) {
  TestServer a, b;
  ServeRobots(b, "User-agent: storyline\nDisallow: /x\n");
  b.Start();
  a.http().Get("/robots.txt", [&b](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(b.Url("/robots.txt"), 301);
  });
  ServePage(a, "/x", "<p>x</p>");
  ServePage(a, "/y", "<p>y</p>");
  a.Start();
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {a.Url("/x"), a.Url("/y")});
  EXPECT_EQ(all[a.Url("/x")].error.message(), a.Url("/x") + ": disallowed by robots.txt");
  EXPECT_TRUE(all[a.Url("/y")].error.ok());
  EXPECT_TRUE(a.LogOf("/x").empty());
  EXPECT_EQ(b.Targets(), std::vector<std::string>{"/robots.txt"});
  EXPECT_EQ(fetcher.stats().robots_fetches, 2u);
}

TEST(Fetcher, RedirectLoopIsNamed) {
  TestServer server;
  server.http().Get(
      "/a", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/b", 302); });
  server.http().Get("/b", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/a?utm_campaign=loop", 302);  // the same URL, normalised
  });
  server.Start();
  Fetcher fetcher(Quick());
  const FetchResponse r = FetchOne(fetcher, server.Url("/a"));
  EXPECT_EQ(r.error.message(), server.Url("/a") + ": redirect loop (at " + server.Url("/b") + ")");
  EXPECT_EQ(server.LogOf("/a").size(), 1u);
  EXPECT_EQ(server.LogOf("/b").size(), 1u);
}

TEST(Fetcher, TooManyRedirectsIsNamed) {
  TestServer server;
  server.http().Get(R"(/r/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_redirect("/r/" + std::to_string(std::stoi(req.matches[1]) + 1), 307);
  });
  server.Start();
  FetchOptions options = Quick();
  options.max_redirects = 3;
  Fetcher fetcher(options);
  const FetchResponse r = FetchOne(fetcher, server.Url("/r/0"));
  EXPECT_EQ(r.error.message(),
            server.Url("/r/0") + ": more than 3 redirects (at " + server.Url("/r/3") + ")");
  EXPECT_EQ(r.status, 307);
  EXPECT_EQ(server.Log().size(), 5u);  // robots.txt, /r/0 .. /r/3
  EXPECT_TRUE(server.LogOf("/r/4").empty());
}

TEST(Fetcher, ConditionalGetGives304) {
  TestServer server;
  const std::string date = "Sun, 22 Nov 2026 09:00:00 GMT";
  server.http().Get("/feed", [date](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"abc\"" &&
        req.get_header_value("If-Modified-Since") == date) {
      res.status = 304;
      return;
    }
    res.set_content("<rss/>", "application/rss+xml");
  });
  server.Start();
  Fetcher fetcher(Quick());
  fetcher.Add({server.Url("/feed"), Expect::kFeed, "\"abc\"", date, 42});
  std::vector<FetchResponse> got;
  fetcher.Run([&](const FetchRequest& req, FetchResponse res) {
    EXPECT_EQ(req.tag, 42u);
    got.push_back(std::move(res));
  });
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].error.ok()) << got[0].error.message();
  EXPECT_EQ(got[0].status, 304);
  EXPECT_TRUE(got[0].body.empty());
  EXPECT_EQ(fetcher.stats().not_modified, 1u);
  const auto log = server.LogOf("/feed");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].Header("If-None-Match"), "\"abc\"");
  EXPECT_EQ(log[0].Header("If-Modified-Since"), date);
  // Without validators the feed comes whole.
  const FetchResponse full = FetchOne(fetcher, server.Url("/feed"), Expect::kFeed);
  EXPECT_EQ(full.status, 200);
  EXPECT_EQ(full.body, "<rss/>");
}

TEST(Fetcher, TooManyRequestsHonoursRetryAfter) {
  TestServer server;
  std::atomic<int> calls{0};
  server.http().Get("/busy", [&calls](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      return;
    }
    res.set_content("<p>now</p>", "text/html");
  });
  server.Start();
  Fetcher fetcher(Quick());
  const FetchResponse r = FetchOne(fetcher, server.Url("/busy"));
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(fetcher.stats().retries, 1u);
  const auto log = server.LogOf("/busy");
  ASSERT_EQ(log.size(), 2u);
  EXPECT_GE(Between(log[0].at, log[1].at), 0.99);
  EXPECT_LT(Between(log[0].at, log[1].at), 1.5);
}

TEST(Fetcher, RetryAfterOverTheLimitGivesUp) {
  TestServer server;
  server.http().Get("/later", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_header("Retry-After", "3600");
  });
  server.Start();
  Fetcher fetcher(Quick());
  const FetchResponse r = FetchOne(fetcher, server.Url("/later"));
  EXPECT_EQ(r.error.message(),
            server.Url("/later") + ": Retry-After 3600 s is over the 120 s limit");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(server.LogOf("/later").size(), 1u);
}

TEST(Fetcher, ServerErrorThenSuccess) {
  TestServer server;
  std::atomic<int> calls{0};
  server.http().Get("/flaky", [&calls](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 500;
      return;
    }
    res.set_content("<p>ok</p>", "text/html");
  });
  server.Start();
  Fetcher fetcher(Quick());
  const FetchResponse r = FetchOne(fetcher, server.Url("/flaky"));
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(server.LogOf("/flaky").size(), 2u);
}

TEST(Fetcher, ServerErrorAlwaysIsNamedAfterMaxAttempts) {
  TestServer server;
  server.http().Get("/broken", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content("oops", "text/plain");
  });
  server.Start();
  FetchOptions options = Quick();
  options.max_attempts = 3;
  Fetcher fetcher(options);
  const FetchResponse r = FetchOne(fetcher, server.Url("/broken"));
  EXPECT_EQ(r.error.code(), StatusCode::kIoError);
  EXPECT_EQ(r.error.message(), server.Url("/broken") + ": HTTP 500 after 3 attempts");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "oops");
  EXPECT_EQ(server.LogOf("/broken").size(), 3u);
  EXPECT_EQ(fetcher.stats().retries, 2u);
  EXPECT_EQ(fetcher.stats().errors, 1u);
}

TEST(Fetcher, NotFoundIsNamed) {
  TestServer server;
  server.Start();
  Fetcher fetcher(Quick());
  const FetchResponse r = FetchOne(fetcher, server.Url("/missing"));
  EXPECT_EQ(r.error.code(), StatusCode::kNotFound);
  EXPECT_EQ(r.error.message(), server.Url("/missing") + ": HTTP 404");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.attempts, 1);
}

TEST(Fetcher, UnreachableRobotsDisallowsTheHostForThisRun) {
  TestServer server;
  std::atomic<bool> robots_ok{false};
  server.http().Get("/robots.txt", [&robots_ok](const httplib::Request&, httplib::Response& res) {
    if (robots_ok) {
      res.set_content("User-agent: *\nAllow: /\n", "text/plain");
    } else {
      res.status = 503;
    }
  });
  ServePage(server, "/page", "<p>x</p>");
  server.Start();
  FetchOptions options = Quick();
  options.max_attempts = 2;
  Fetcher fetcher(options);
  const FetchResponse r = FetchOne(fetcher, server.Url("/page"));
  EXPECT_EQ(
      r.error.message(),
      server.Url("/page") + ": not fetched: robots.txt unreachable (HTTP 503 after 2 attempts)");
  EXPECT_TRUE(server.LogOf("/page").empty());
  EXPECT_EQ(server.LogOf("/robots.txt").size(), 2u);
  // The next Run asks again.
  robots_ok = true;
  const FetchResponse again = FetchOne(fetcher, server.Url("/page"));
  EXPECT_TRUE(again.error.ok()) << again.error.message();
  EXPECT_EQ(server.LogOf("/page").size(), 1u);
}

TEST(Fetcher, StalledServerTimesOut) {
  TestServer server;
  server.http().Get("/stall", [&server](const httplib::Request&, httplib::Response& res) {
    // Headers go out before the provider runs; then nothing comes.
    res.set_chunked_content_provider("text/html", [&server](size_t, httplib::DataSink& sink) {
      const auto until = Clock::now() + std::chrono::seconds(5);
      while (!server.stopping() && Clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      sink.done();
      return true;
    });
  });
  server.Start();
  FetchOptions options = Quick();
  options.total_timeout_ms = 500;
  Fetcher fetcher(options);
  const auto start = Clock::now();
  const FetchResponse r = FetchOne(fetcher, server.Url("/stall"));
  EXPECT_LT(Between(start, Clock::now()), 1.5);
  EXPECT_EQ(r.error.code(), StatusCode::kIoError);
  EXPECT_EQ(r.error.message(), server.Url("/stall") + ": timed out after 0.5 s");
  EXPECT_EQ(r.attempts, 1);  // a whole-transfer timeout is not retried
  EXPECT_EQ(r.status, 200);  // the headers did arrive
  EXPECT_TRUE(r.body.empty());
}

TEST(Fetcher, HugeStreamedBodyIsCutAtTheLimit) {
  TestServer server;
  constexpr size_t kHundredMb = 100u << 20;
  server.http().Get("/huge", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
      static const std::string chunk(64 * 1024, 'x');
      if (offset >= kHundredMb) {
        sink.done();
        return true;
      }
      return sink.write(chunk.data(), chunk.size());
    });
  });
  server.http().Get("/huge-length", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(kHundredMb, "text/html",
                             [](size_t offset, size_t length, httplib::DataSink& sink) {
                               static const std::string chunk(64 * 1024, 'y');
                               (void)offset;
                               return sink.write(chunk.data(), std::min(length, chunk.size()));
                             });
  });
  server.Start();
  FetchOptions options = Quick();
  options.max_body_bytes = 1u << 20;
  Fetcher fetcher(options);
  const auto start = Clock::now();
  auto all = FetchAll(fetcher, {server.Url("/huge"), server.Url("/huge-length")});
  EXPECT_LT(Between(start, Clock::now()), 3.0);
  const FetchResponse& streamed = all[server.Url("/huge")];
  EXPECT_EQ(streamed.error.code(), StatusCode::kTooLarge);
  EXPECT_EQ(streamed.error.message(), server.Url("/huge") + ": body over 1 MiB");
  EXPECT_EQ(streamed.body.size(), 1u << 20);
  const FetchResponse& declared = all[server.Url("/huge-length")];
  EXPECT_EQ(declared.error.message(), server.Url("/huge-length") + ": body over 1 MiB");
  EXPECT_TRUE(declared.body.empty());  // refused on Content-Length, before any byte
  EXPECT_LT(fetcher.stats().bytes, 3u << 20);
}

TEST(Fetcher, WrongContentTypesAreNamed) {
  TestServer server;
  ServePage(server, "/img.png", std::string("\x89PNG\r\n", 6), "image/png");
  ServePage(server, "/doc.pdf", "%PDF-1.4", "application/pdf");
  ServePage(server, "/feed.xml", "<rss/>", "application/rss+xml; charset=utf-8");
  ServePage(server, "/feed.html", "<rss/>", "text/html");
  ServePage(server, "/empty.png", "", "image/png");
  server.Start();
  Fetcher fetcher(Quick());
  auto pages = FetchAll(
      fetcher, {server.Url("/img.png"), server.Url("/feed.xml"), server.Url("/empty.png")});
  EXPECT_EQ(pages[server.Url("/img.png")].error.code(), StatusCode::kBadInput);
  EXPECT_EQ(pages[server.Url("/img.png")].error.message(),
            server.Url("/img.png") + ": content type image/png is not a page");
  EXPECT_TRUE(pages[server.Url("/img.png")].body.empty());
  EXPECT_EQ(pages[server.Url("/feed.xml")].error.message(),
            server.Url("/feed.xml") + ": content type application/rss+xml is not a page");
  EXPECT_EQ(pages[server.Url("/empty.png")].error.message(),
            server.Url("/empty.png") + ": content type image/png is not a page");
  auto feeds =
      FetchAll(fetcher, {server.Url("/feed.xml"), server.Url("/feed.html"), server.Url("/doc.pdf")},
               Expect::kFeed);
  EXPECT_TRUE(feeds[server.Url("/feed.xml")].error.ok());
  EXPECT_TRUE(feeds[server.Url("/feed.html")].error.ok());
  EXPECT_EQ(feeds[server.Url("/doc.pdf")].error.message(),
            server.Url("/doc.pdf") + ": content type application/pdf is not a feed");
  const FetchResponse any = FetchOne(fetcher, server.Url("/img.png"), Expect::kAny);
  EXPECT_TRUE(any.error.ok());
  EXPECT_EQ(any.body.size(), 6u);
}

TEST(Fetcher, GzipBodyIsDecoded) {
  TestServer server;
  std::string feed = "<rss><channel>";
  for (int i = 0; i < 200; ++i)
    feed += "<item><title>Item " + std::to_string(i) + "</title></item>";
  feed += "</channel></rss>";
  const std::string gz = read::testing::Gzip(feed);
  // httplib compresses text/* replies again (br or gzip, as the client accepts): a feed type
  // it leaves alone carries our gzip alone; the page arrives encoded twice.
  for (const char* path : {"/feed.gz", "/page.gz"}) {
    const std::string type = std::string(path) == "/feed.gz" ? "application/rss+xml" : "text/html";
    server.http().Get(path, [gz, type](const httplib::Request& req, httplib::Response& res) {
      EXPECT_NE(req.get_header_value("Accept-Encoding").find("gzip"), std::string::npos);
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gz, type);
    });
  }
  server.Start();
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {server.Url("/feed.gz"), server.Url("/page.gz")}, Expect::kAny);
  const FetchResponse& r = all[server.Url("/feed.gz")];
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(r.body, feed);
  EXPECT_NE(r.response_head.find("\r\nX-Crawler-Content-Encoding: gzip\r\n"), std::string::npos)
      << r.response_head;
  EXPECT_NE(
      r.response_head.find("\r\nX-Crawler-Content-Length: " + std::to_string(gz.size()) + "\r\n"),
      std::string::npos)
      << r.response_head;
  EXPECT_EQ(r.response_head.find("\nContent-"), r.response_head.find("\nContent-Type"));
  const FetchResponse& twice = all[server.Url("/page.gz")];
  EXPECT_TRUE(twice.error.ok()) << twice.error.message();
  EXPECT_EQ(twice.body, feed);
}

TEST(Fetcher, NonUtf8BytesArriveIntact) {
  TestServer server;
  // "Привет, мир" in windows-1251.
  const std::string cp1251 = "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0";
  ServePage(server, "/ru", "<html><p>" + cp1251 + "</p></html>", "text/html; charset=windows-1251");
  server.Start();
  Fetcher fetcher(Quick());
  const FetchResponse r = FetchOne(fetcher, server.Url("/ru"));
  EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(r.body, "<html><p>" + cp1251 + "</p></html>");
  EXPECT_EQ(r.content_type, "text/html; charset=windows-1251");
}

TEST(Fetcher, ConnectionRefusedIsNamed) {
  const int port = ClosedPort();
  FetchOptions options = Quick();
  options.max_attempts = 2;
  options.polite = false;  // no robots.txt: the page request itself is refused
  Fetcher fetcher(options);
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  const FetchResponse r = FetchOne(fetcher, url);
  EXPECT_EQ(r.error.code(), StatusCode::kIoError);
  EXPECT_EQ(r.error.message(), url + ": connection refused after 2 attempts");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.status, 0);

  // Polite: robots.txt is unreachable too, so the page is not tried.
  FetchOptions polite = Quick();
  polite.max_attempts = 1;
  Fetcher polite_fetcher(polite);
  const FetchResponse p = FetchOne(polite_fetcher, url);
  EXPECT_EQ(p.error.message(), url + ": not fetched: robots.txt unreachable (connection refused)");
}

TEST(Fetcher, NotHttpUrlIsNamed) {
  Fetcher fetcher(Quick());
  auto all = FetchAll(fetcher, {"ftp://example.com/file", "not a url"});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all["ftp://example.com/file"].error.message(),
            "ftp://example.com/file: not an http(s) URL");
  EXPECT_EQ(all["not a url"].error.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fetcher.stats().requests, 0u);
  EXPECT_EQ(fetcher.stats().errors, 2u);
}

TEST(Fetcher, SameUrlIsFetchedOncePerRun) {
  TestServer server;
  ServePage(server, "/dup", "<p>x</p>");
  server.Start();
  Fetcher fetcher(Quick());
  EXPECT_TRUE(fetcher.Add({server.Url("/dup"), Expect::kPage, "", "", 1}));
  EXPECT_FALSE(fetcher.Add({server.Url("/dup?utm_source=rss#top"), Expect::kPage, "", "", 2}));
  int done = 0;
  fetcher.Run([&](const FetchRequest& req, FetchResponse res) {
    ++done;
    EXPECT_EQ(req.tag, 1u);
    EXPECT_TRUE(res.error.ok());
  });
  EXPECT_EQ(done, 1);
  EXPECT_EQ(server.LogOf("/dup").size(), 1u);
  // A new Run fetches it again.
  EXPECT_TRUE(fetcher.Add({server.Url("/dup"), Expect::kPage, "", "", 3}));
  fetcher.Run([&](const FetchRequest&, FetchResponse) { ++done; });
  EXPECT_EQ(done, 2);
  EXPECT_EQ(server.LogOf("/dup").size(), 2u);
}

TEST(Fetcher, OnDoneMayAddMoreRequests) {
  TestServer server;
  ServePage(server, "/feed", "<rss>/item1 /item2</rss>", "application/rss+xml");
  ServePage(server, "/item1", "<p>1</p>");
  ServePage(server, "/item2", "<p>2</p>");
  server.Start();
  Fetcher fetcher(Quick());
  fetcher.Add({server.Url("/feed"), Expect::kFeed, "", "", 0});
  std::vector<std::string> done;
  fetcher.Run([&](const FetchRequest& req, FetchResponse res) {
    EXPECT_TRUE(res.error.ok()) << res.error.message();
    done.push_back(res.url);
    if (req.expect == Expect::kFeed) {
      fetcher.Add({server.Url("/item1"), Expect::kPage, "", "", 1});
      fetcher.Add({server.Url("/item2"), Expect::kPage, "", "", 2});
    }
  });
  EXPECT_EQ(done, (std::vector<std::string>{server.Url("/feed"), server.Url("/item1"),
                                            server.Url("/item2")}));
}

TEST(Fetcher, ImpoliteUsesParallelConnectionsAndNoRobots) {
  TestServer server;
  server.http().Get(R"(/slow/(\d+))", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    res.set_content("<p>slow</p>", "text/html");
  });
  server.Start();
  FetchOptions options = Quick();
  options.polite = false;
  options.impolite_connections_per_host = 4;
  Fetcher fetcher(options);
  const auto start = Clock::now();
  auto all = FetchAll(fetcher, {server.Url("/slow/1"), server.Url("/slow/2"), server.Url("/slow/3"),
                                server.Url("/slow/4")});
  const double elapsed = Between(start, Clock::now());
  for (const auto& [url, r] : all) EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_LT(elapsed, 0.9);  // four 0.3 s requests at once, not one after another (1.2 s)
  EXPECT_TRUE(server.LogOf("/robots.txt").empty());
  EXPECT_EQ(fetcher.stats().robots_fetches, 0u);
}

TEST(Fetcher, PoliteUsesOneConnectionPerHost) {
  TestServer server;
  std::atomic<int> in_flight{0}, most{0};
  server.http().Get(R"(/one/(\d+))", [&](const httplib::Request&, httplib::Response& res) {
    const int now = ++in_flight;
    most = std::max(most.load(), now);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --in_flight;
    res.set_content("<p>x</p>", "text/html");
  });
  server.Start();
  FetchOptions options = Quick();
  options.min_host_delay_s = 0;  // only the connection limit keeps them apart
  Fetcher fetcher(options);
  auto all = FetchAll(fetcher, {server.Url("/one/1"), server.Url("/one/2"), server.Url("/one/3")});
  for (const auto& [url, r] : all) EXPECT_TRUE(r.error.ok()) << r.error.message();
  EXPECT_EQ(most.load(), 1);
}

TEST(FetcherDetail, RetryAfterSecondsAndDates) {
  const std::time_t now = 1795338000;  // 2026-11-22T09:00:00Z
  EXPECT_EQ(detail::IsoUtc(now), "2026-11-22T09:00:00Z");
  EXPECT_EQ(detail::RetryAfterSeconds("120", now), 120.0);
  EXPECT_EQ(detail::RetryAfterSeconds(" 0 ", now), 0.0);
  EXPECT_EQ(detail::RetryAfterSeconds("Sun, 22 Nov 2026 09:00:30 GMT", now), 30.0);
  EXPECT_EQ(detail::RetryAfterSeconds("Sun, 22 Nov 2026 08:00:00 GMT", now), 0.0);  // past
  EXPECT_FALSE(detail::RetryAfterSeconds("soon", now).has_value());
  EXPECT_FALSE(detail::RetryAfterSeconds("", now).has_value());
  EXPECT_FALSE(detail::RetryAfterSeconds("-5", now).has_value());
}

}  // namespace
}  // namespace storyline::fetch
