// The site: every route of the API and the pages, as a function from a request to a
// response, with no sockets involved (serve.cc adapts cpp-httplib to it; tests call it
// directly too). Handlers only parse parameters, call the store and the pipeline, and render.
//
// Threading: Handle() may be called from many threads at once. Reads lease one Store handle
// each from a pool (a Store is single-threaded; WAL lets readers run side by side); ingest
// writes through its own handle under a mutex. GET answers are cached until the store's files
// change (size or mtime of storyline.db and its WAL), so another process's ingest is seen too.
#ifndef STORYLINE_SERVE_SITE_H_
#define STORYLINE_SERVE_SITE_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "serve/metrics.h"
#include "serve/serve.h"
#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline::serve {
namespace detail {
struct SiteState;
}  // namespace detail

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers
  std::string route;  // the matched route's pattern, for metrics ("" when none matched)
};

// Headers every response carries (CSP and friends).
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// {"error": {"status": 404, "code": "not_found", "message": "..."}}
HttpResponse JsonError(int status, std::string_view message);

// Opens the search index in `dir`, building it from the store first when it is missing or
// holds another number of articles than the store (a store filled by a run that did not index),
// or was written by an older version (SearchIndex::HasCurrentFormat).
Status EnsureSearchIndex(Store& store, const std::string& dir);

class Site {
 public:
  // Opens (creating if needed) the store in options.db.
  static Result<std::unique_ptr<Site>> Open(const ServeOptions& options);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  HttpResponse Handle(const HttpRequest& request);
  Metrics& metrics();

  explicit Site(std::unique_ptr<detail::SiteState> rep);  // use Open

 private:
  std::unique_ptr<detail::SiteState> rep_;
};

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_SITE_H_
