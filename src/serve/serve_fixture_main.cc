// serve_fixture: a server for the browser tests and the load benchmark. Ingests the inputs
// into a store (a fresh one in a temporary directory unless --db is given), serves it on
// 127.0.0.1 (port 0: any free port), prints "listening URL" on stdout, and serves until
// stdin closes or the process is killed. Test support, not a product: `storyline serve` is.
//
//   serve_fixture [--db DIR] [--port N] [--token T] [--cache ENTRIES] [--no-ingest] INPUT...
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "serve/serve.h"

int main(int argc, char** argv) {
  using namespace storyline;  // NOLINT: a main, not a header
  serve::ServeOptions options;
  options.port = 0;
  std::vector<std::string> inputs;
  bool ingest = true;
  std::string db;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (arg == "--port" && i + 1 < argc) {
      options.port = std::atoi(argv[++i]);
    } else if (arg == "--token" && i + 1 < argc) {
      options.ingest_token = argv[++i];
    } else if (arg == "--cache" && i + 1 < argc) {
      options.cache_entries = static_cast<size_t>(std::atol(argv[++i]));
    } else if (arg == "--no-ingest") {
      ingest = false;
    } else {
      inputs.push_back(arg);
    }
  }
  std::filesystem::path temp;
  if (db.empty()) {
    std::string dir = (std::filesystem::temp_directory_path() / "storyline-fixture-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) {
      std::cerr << "serve_fixture: cannot make a temporary directory\n";
      return 1;
    }
    temp = dir;
    db = dir;
  }
  options.db = db;
  if (ingest && !inputs.empty()) {
    auto store = Store::Open(db, StoreOptions{});
    if (!store.ok()) {
      std::cerr << "serve_fixture: " << store.status().ToString() << "\n";
      return 1;
    }
    auto report = pipeline::Ingest(**store, inputs, pipeline::PipelineOptions{}, {});
    if (!report.ok()) {
      std::cerr << "serve_fixture: " << report.status().ToString() << "\n";
      return 1;
    }
    std::cerr << "serve_fixture: ingested " << report->stored_new << " articles\n";
  }
  auto server = serve::Server::Start(options);
  if (!server.ok()) {
    std::cerr << "serve_fixture: " << server.status().ToString() << "\n";
    return 1;
  }
  std::cout << "listening " << (*server)->url() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  (*server)->Stop();
  if (!temp.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp, ec);
  }
  return 0;
}
