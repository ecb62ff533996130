// `storyline serve`: the JSON API and the web pages over an embedded store.
//
// Serve() binds, answers until the process ends, and returns only when it cannot open the
// store or bind, or the server stops; it is Server::Start() followed by Wait().
// Both read the store through a pool of handles (one per worker thread: a Store handle is
// single-threaded; SQLite in WAL mode lets the readers run side by side) and write it, for
// POST /api/ingest, through one more handle under a mutex. See src/serve/README.md.
#ifndef STORYLINE_SERVE_SERVE_H_
#define STORYLINE_SERVE_SERVE_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "pipeline/pipeline.h"
#include "storyline/status.h"

namespace storyline::serve {
namespace detail {
struct ServerState;
}  // namespace detail

struct ServeOptions {
  std::string host = "127.0.0.1";   // loopback only; "0.0.0.0" exposes the store to the network
  int port = 8080;                   // 0: any free port (Server::port() tells which)
  std::string db = "./storyline-data";
  // POST /api/ingest is off (403) while this is empty; when set, a request must carry
  // "Authorization: Bearer <token>" (else 401).
  std::string ingest_token;
  // The only folder /static/ files come from (flat: names without '/' or a leading '.').
  // "" uses the folder built in (src/serve/static).
  std::string static_dir;
  size_t max_body_bytes = 4u << 20;  // larger request bodies get 413 before they are read
  int read_timeout_seconds = 5;      // a client slower than this is cut off
  int write_timeout_seconds = 5;
  int keep_alive_seconds = 5;
  // Worker threads (and store handles at most). A keep-alive connection holds its thread
  // while it stays open, so this is also how many clients are served at once.
  int threads = 32;
  int default_page_size = 20;        // API pages when ?limit= is not given
  int max_page_size = 100;           // ?limit= above this is lowered to it
  bool search = true;                // /api/search, /search and related articles (Xapian)
  std::string search_dir;            // the index; "" is <db>/search (built at start if missing)
  size_t cache_entries = 2048;       // GET responses kept until the store changes; 0: none
  size_t cache_bytes = 64u << 20;    // ... and at most this many bytes of them
  pipeline::PipelineOptions pipeline;  // for story coverage and ingest
  // Called once the socket listens, with the base URL ("http://127.0.0.1:8080/").
  std::function<void(const std::string& url)> on_listening;
};

// Runs the server on the calling thread until it stops. Errors: the store cannot be opened,
// the address cannot be bound.
Status Serve(const ServeOptions& options);

// A server answering on a background thread. Threading: Stop() and port() from any thread.
class Server {
 public:
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string url() const;  // "http://host:port/"
  void Stop();
  void Wait();  // until the server stops (Stop from another thread, or a socket error)

  explicit Server(std::unique_ptr<detail::ServerState> rep);  // use Start

 private:
  std::unique_ptr<detail::ServerState> rep_;
};

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_SERVE_H_
