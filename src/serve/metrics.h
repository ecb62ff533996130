// Server metrics in the Prometheus text format (version 0.0.4): requests and latency
// histograms per route and status class, ingest outcomes, and gauges sampled at scrape time.
//
// Threading: every method may be called from any thread (one mutex; a request takes it once).
#ifndef STORYLINE_SERVE_METRICS_H_
#define STORYLINE_SERVE_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>

namespace storyline::serve {

class Metrics {
 public:
  // One request: `route` is the route's pattern ("/api/stories/{id}"), never the raw path,
  // so that the number of series stays bounded.
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  // One ingested input: "new", "known" or "rejected"; `outcome` is a literal of ours.
  void CountIngest(const std::string& outcome, int64_t n = 1);

  // The exposition text; `store_bytes` is the store's size on disk now.
  std::string Render(int64_t store_bytes, int64_t articles) const;

  // Upper bounds of the latency buckets, seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Series {
    std::array<uint64_t, kBuckets.size()> buckets{};  // cumulative at render time only
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // route, method, code
  std::map<std::string, Series> latency_;                                   // by route
  std::map<std::string, int64_t> ingest_;
};

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_METRICS_H_
