#include "serve/metrics.h"

#include <cstdio>

namespace storyline::serve {
namespace {

// A label value as the exposition format wants it: \ " and newline escaped.
std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method, status}];
  Series& s = latency_[route];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++s.buckets[i];
      break;
    }
  }
}

void Metrics::CountIngest(const std::string& outcome, int64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  ingest_[outcome] += n;
}

std::string Metrics::Render(int64_t store_bytes, int64_t articles) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  out += "# HELP storyline_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE storyline_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, code] = key;
    out += "storyline_http_requests_total{route=\"" + Label(route) + "\",method=\"" +
           Label(method) + "\",code=\"" + std::to_string(code) + "\"} " + std::to_string(n) +
           "\n";
  }
  out += "# HELP storyline_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE storyline_http_request_duration_seconds histogram\n";
  for (const auto& [route, s] : latency_) {
    const std::string r = Label(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s.buckets[i];
      out += "storyline_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" +
             Number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "storyline_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " +
           std::to_string(s.count) + "\n";
    out += "storyline_http_request_duration_seconds_sum{route=\"" + r + "\"} " + Number(s.sum) +
           "\n";
    out += "storyline_http_request_duration_seconds_count{route=\"" + r + "\"} " +
           std::to_string(s.count) + "\n";
  }
  out += "# HELP storyline_ingest_articles_total Articles posted to /api/ingest by outcome.\n";
  out += "# TYPE storyline_ingest_articles_total counter\n";
  for (const char* outcome : {"new", "known", "rejected"}) {
    auto it = ingest_.find(outcome);
    out += std::string("storyline_ingest_articles_total{outcome=\"") + outcome + "\"} " +
           std::to_string(it == ingest_.end() ? 0 : it->second) + "\n";
  }
  out += "# HELP storyline_store_size_bytes Size of the store on disk (database and WAL).\n";
  out += "# TYPE storyline_store_size_bytes gauge\n";
  out += "storyline_store_size_bytes " + std::to_string(store_bytes) + "\n";
  out += "# HELP storyline_store_articles Articles in the store.\n";
  out += "# TYPE storyline_store_articles gauge\n";
  out += "storyline_store_articles " + std::to_string(articles) + "\n";
  return out;
}

}  // namespace storyline::serve
