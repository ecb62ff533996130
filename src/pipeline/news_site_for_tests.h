// Test support: a news site on loopback (cpp-httplib) for the fetch tests of the pipeline
// and the CLI. Header-only; link PkgConfig::HTTPLIB.
#ifndef STORYLINE_PIPELINE_NEWS_SITE_FOR_TESTS_H_
#define STORYLINE_PIPELINE_NEWS_SITE_FOR_TESTS_H_

#include <httplib.h>
#include <iconv.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace storyline::testing {

// A news site on loopback: an RSS feed (ETag-aware), robots.txt and article pages. Logs
// every request it gets.
class NewsSite {
 public:
  NewsSite() {
    server_.Get("/robots.txt", [this](const httplib::Request& req, httplib::Response& res) {
      Log(req);
      res.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
    });
    server_.Get("/feed.xml", [this](const httplib::Request& req, httplib::Response& res) {
      Log(req);
      if (req.get_header_value("If-None-Match") == Etag()) {
        res.status = 304;
        return;
      }
      res.set_header("ETag", Etag());
      res.set_content(Feed(), "application/rss+xml");
    });
    // The same news in the other feed formats: Atom, JSON Feed, and a sitemap index whose
    // one sitemap is a Google News sitemap.
    server_.Get("/atom.xml", [this](const httplib::Request& req, httplib::Response& res) {
      Log(req);
      std::string xml = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                        "<title>Harbour News (Atom)</title>";
      for (const char* slug : {"ferry", "school"}) {
        xml += std::string("<entry><title>") + slug + "</title><link rel=\"alternate\" href=\"/news/" +
               slug + ".html\"/><id>tag:harbour," + slug + "</id>"
               "<updated>2025-09-03T10:00:00Z</updated><author><name>Ana Reporter</name>"
               "</author></entry>";
      }
      res.set_content(xml + "</feed>", "application/atom+xml");
    });
    server_.Get("/feed.json", [this](const httplib::Request& req, httplib::Response& res) {
      Log(req);
      res.set_content("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Harbour\", "
                      "\"items\": [{\"id\": \"1\", \"url\": \"" + Url("/news/school.html") +
                      "\", \"title\": \"School\", \"date_published\": \"2025-09-03T10:00:00Z\"}, "
                      "{\"id\": \"2\", \"url\": \"" + Url("/news/bridge.html") + "\"}]}",
                      "application/feed+json");
    });
    server_.Get("/sitemap_index.xml", [this](const httplib::Request& req, httplib::Response& res) {
      Log(req);
      res.set_content("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/"
                      "schemas/sitemap/0.9\"><sitemap><loc>" + Url("/sitemap-news.xml") +
                      "</loc></sitemap></sitemapindex>", "application/xml");
    });
    server_.Get("/sitemap-news.xml", [this](const httplib::Request& req, httplib::Response& res) {
      Log(req);
      res.set_content("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/"
                      "sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                      "<url><loc>" + Url("/news/market.html") + "</loc><news:news><news:publication>"
                      "<news:name>Harbour News</news:name><news:language>en</news:language>"
                      "</news:publication><news:publication_date>2025-09-04T09:00:00Z"
                      "</news:publication_date><news:title>Market</news:title></news:news></url>"
                      "</urlset>", "application/xml");
    });
    server_.Get(R"(/(news|private)/(\w+)\.html)",
                [this](const httplib::Request& req, httplib::Response& res) {
                  Log(req);
                  const std::string slug = req.matches[2];
                  if (slug == "gone") {
                    res.status = 404;
                    res.set_content("not here", "text/plain");
                  } else if (slug == "broken") {
                    res.status = 500;
                    res.set_content("try later", "text/plain");
                  } else if (slug == "image") {
                    res.set_content(std::string("\x89PNG\r\n\x1a\n", 8), "image/png");
                  } else if (slug == "kyiv") {
                    res.set_content(ToWindows1251(RussianPage()), "text/html; charset=windows-1251");
                  } else {
                    res.set_content(Page(slug), "text/html; charset=utf-8");
                  }
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~NewsSite() {
    server_.stop();
    thread_.join();
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<std::string> Requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }
  int Count(const std::string& path) {
    int n = 0;
    for (const std::string& r : Requests()) n += r == path;
    return n;
  }
  void AddItem(const std::string& slug) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(slug);
  }

 private:
  void Log(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mu_);
    log_.push_back(req.path);
  }
  std::string Etag() {
    std::lock_guard<std::mutex> lock(mu_);
    return "\"v" + std::to_string(items_.size()) + "\"";
  }
  std::string Feed() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string xml =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Harbour News</title>"
        "<link>" + Url("/") + "</link>";
    int day = 1;
    for (const std::string& slug : items_) {
      const std::string dir = slug == "secret" ? "private" : "news";
      xml += "<item><title>Feed title of " + slug + "</title><link>" +
             Url("/" + dir + "/" + slug + ".html?utm_source=rss") + "</link><pubDate>Tue, 0" +
             std::to_string(day++) + " Sep 2025 08:30:00 +0000</pubDate><dc:creator>Ana " +
             "Reporter</dc:creator></item>";
    }
    return xml + "</channel></rss>";
  }
  // An article page without its own date or byline: the feed's fill them.
  static std::string Page(const std::string& slug) {
    std::string body;
    const char* const topics[] = {"ferry", "bridge", "market", "school", "hospital"};
    for (int i = 0; i < 6; ++i) {
      body += "<p>The " + slug + " council met on Monday to discuss the " + topics[i % 5] +
              " plan, which residents of the old harbour district have debated for months. "
              "Officials said the budget would be published next week, and that the " +
              slug + " project would need approval from the regional assembly before work "
              "could start.</p>";
    }
    return "<!doctype html><html><head><title>" + slug + " plan debated | Harbour News</title>"
           "<meta property=\"og:site_name\" content=\"Harbour News\"></head><body>"
           "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>The " +
           slug + " plan is debated</h1>" + body + "</article><footer>© Harbour News</footer>"
           "</body></html>";
  }

  // A page in Russian, served in windows-1251 (as many Russian sites still do).
  static std::string RussianPage() {
    std::string body;
    for (int i = 0; i < 5; ++i) {
      body += "<p>Пресс-секретарь президента Дмитрий Песков заявил журналистам, что встреча "
              "в Будапеште пока не назначена, но подготовка к ней продолжается. По его словам, "
              "стороны обсуждают сроки и состав делегаций.</p>";
    }
    return "<!doctype html><html><head><meta charset=\"windows-1251\"><title>Песков о встрече "
           "в Будапеште</title></head><body><article><h1>Песков о встрече в Будапеште</h1>" +
           body + "</article></body></html>";
  }
  static std::string ToWindows1251(const std::string& utf8) {
    std::string out;
    iconv_t cd = iconv_open("WINDOWS-1251", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return utf8;
    std::string in = utf8;
    char* src = in.data();
    size_t left = in.size();
    out.resize(in.size());
    char* dst = out.data();
    size_t room = out.size();
    iconv(cd, &src, &left, &dst, &room);
    out.resize(out.size() - room);
    iconv_close(cd);
    return out;
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> log_;
  // Two pages, then one of each fault, then a page in windows-1251.
  std::vector<std::string> items_ = {"ferry", "bridge", "secret", "gone", "broken", "image", "kyiv"};
};

}  // namespace storyline::testing

#endif  // STORYLINE_PIPELINE_NEWS_SITE_FOR_TESTS_H_
