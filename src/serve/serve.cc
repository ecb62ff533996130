#include "serve/serve.h"

#include <httplib.h>

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <thread>

#include "serve/site.h"

namespace storyline::serve {
namespace {

// Adapts cpp-httplib to the site: one handler answers every request, so routing,
// 404/405 and metrics live in Site::Handle (testable without sockets).
void Configure(httplib::Server& http, Site& site, const ServeOptions& options) {
  const size_t threads = static_cast<size_t>(std::max(1, options.threads));
  // httplib takes ownership of the queue it is given (and deletes it when it stops).
  http.new_task_queue = [threads] {
    return std::make_unique<httplib::ThreadPool>(threads).release();
  };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_seconds, 0);
  http.set_write_timeout(options.write_timeout_seconds, 0);
  http.set_keep_alive_timeout(options.keep_alive_seconds);
  http.set_keep_alive_max_count(100);  // then the connection yields its thread
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second server
  // bind the same port and silently take half of the connections.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  httplib::Headers defaults;
  for (const auto& [name, value] : SecurityHeaders()) defaults.emplace(name, value);
  http.set_default_headers(defaults);

  // One handler for every path and method (httplib reads a body before calling it).
  auto handle = [&site](const httplib::Request& req, httplib::Response& res) {
    HttpRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [k, v] : req.params) request.query.emplace(k, v);
    for (const auto& [k, v] : req.headers) {
      std::string name = k;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.headers.emplace(std::move(name), v);
    }
    request.body = req.body;
    HttpResponse response = site.Handle(request);
    res.status = response.status;
    for (auto& [name, value] : response.headers) res.set_header(name, value);
    res.set_content(std::move(response.body), response.content_type);
  };
  const std::string any = ".*";
  http.Get(any, handle).Post(any, handle).Put(any, handle).Patch(any, handle);
  http.Delete(any, handle).Options(any, handle);
  // Errors httplib finds before routing (413 over the body limit, 400 bad request line).
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413 ? "the request body is over the size limit"
                                                  : "the request could not be read";
    HttpResponse r = JsonError(res.status, message);
    res.set_content(r.body, r.content_type);
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        HttpResponse r = JsonError(500, "internal error");
        res.status = 500;
        res.set_content(r.body, r.content_type);
      });
}

std::string BaseUrl(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

}  // namespace

namespace detail {
struct ServerState {
  std::unique_ptr<Site> site;
  httplib::Server http;
  std::string host;
  int port = 0;
  std::thread thread;
};
}  // namespace detail

Server::Server(std::unique_ptr<detail::ServerState> rep) : rep_(std::move(rep)) {}

Server::~Server() { Stop(); }

int Server::port() const { return rep_->port; }
std::string Server::url() const { return BaseUrl(rep_->host, rep_->port); }

void Server::Wait() {
  if (rep_->thread.joinable()) rep_->thread.join();
}

void Server::Stop() {
  rep_->http.stop();
  if (rep_->thread.joinable()) rep_->thread.join();
}

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  Result<std::unique_ptr<Site>> site = Site::Open(options);
  if (!site.ok()) return site.status();
  auto rep = std::make_unique<detail::ServerState>();
  rep->site = std::move(*site);
  rep->host = options.host;
  Configure(rep->http, *rep->site, options);
  if (options.port == 0) {
    rep->port = rep->http.bind_to_any_port(options.host);
    if (rep->port <= 0) return Status::IoError("cannot bind " + options.host);
  } else {
    if (!rep->http.bind_to_port(options.host, options.port)) {
      return Status::IoError("cannot listen on " + BaseUrl(options.host, options.port) +
                             " (is the port in use? try --port)");
    }
    rep->port = options.port;
  }
  httplib::Server& http = rep->http;
  rep->thread = std::thread([&http] { http.listen_after_bind(); });
  // httplib's stop() before its listen loop has begun is lost and the loop then runs on:
  // return only once it runs, so a Stop right after Start (or an early exit) cannot hang.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!http.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto server = std::make_unique<Server>(std::move(rep));
  if (options.on_listening) options.on_listening(server->url());
  return server;
}

Status Serve(const ServeOptions& options) {
  Result<std::unique_ptr<Server>> server = Server::Start(options);
  if (!server.ok()) return server.status();
  (*server)->Wait();
  return Status::Ok();
}

}  // namespace storyline::serve
