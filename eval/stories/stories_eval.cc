#include "eval/stories/stories_eval.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <set>
#include <utility>

#ifndef STORYLINE_SOURCE_DIR
#define STORYLINE_SOURCE_DIR "."
#endif

namespace storyline::eval {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr uint64_t kShuffleSeed = 20211017;

// A permutation of 0..n-1 that is the same on every platform (std::shuffle is not).
std::vector<size_t> FixedPermutation(size_t n) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937_64 rng(kShuffleSeed);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

struct Item {
  Article article;
  int64_t event = 0;
  int64_t time = 0;  // crawl only
};

StorySplit Pool(std::string name, std::vector<Item> items, size_t events, bool by_date) {
  const std::vector<size_t> perm = FixedPermutation(items.size());
  std::vector<size_t> order(perm);
  if (by_date) {
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return items[a].time < items[b].time; });
  }
  StorySplit split;
  split.name = std::move(name);
  split.event_count = events;
  for (size_t i : order) {
    split.articles.push_back(std::move(items[i].article));
    split.events.push_back(items[i].event);
  }
  return split;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

Result<std::vector<json>> ReadJsonLines(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::vector<json> lines;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::BadInput(fmt::format("{}:{}: not a JSON object", path.string(), number));
    }
    lines.push_back(std::move(j));
  }
  return lines;
}

std::string StringField(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::vector<StorySplit>> LoadNeus(const fs::path& path) {
  Result<std::vector<json>> lines = ReadJsonLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<Item> train, val;
  size_t train_events = 0, val_events = 0;
  int64_t event = 0;
  for (const json& line : *lines) {
    ++event;
    const std::string split = StringField(line, "split");
    const auto articles = line.find("articles");
    if ((split != "train" && split != "val") || articles == line.end() || !articles->is_array()) {
      return Status::BadInput(
          fmt::format("{}: event {} has no split or articles", path.string(), event));
    }
    auto& into = split == "train" ? train : val;
    ++(split == "train" ? train_events : val_events);
    for (const json& a : *articles) {
      Item item;
      item.article.title = StringField(a, "title");
      item.article.text = StringField(a, "text");
      item.article.paragraphs = {item.article.text};
      item.event = event;
      into.push_back(std::move(item));
    }
  }
  std::vector<StorySplit> out;
  out.push_back(Pool("neus-train", std::move(train), train_events, false));
  out.push_back(Pool("neus-val", std::move(val), val_events, false));
  return out;
}

Result<StorySplit> LoadCrawl(const fs::path& path) {
  Result<std::vector<json>> lines = ReadJsonLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<Item> items;
  size_t events = 0;
  int64_t event = 0;
  for (const json& line : *lines) {
    ++event;
    const std::optional<Timestamp> date = Timestamp::FromIso8601(StringField(line, "date"));
    if (!date) {
      return Status::BadInput(fmt::format("{}: event {}: no ISO 8601 date", path.string(), event));
    }
    const auto news = line.find("news");
    if (news == line.end() || !news->is_object() || news->empty()) continue;  // nothing to cluster
    ++events;
    for (const auto& [stance, a] : news->items()) {
      Item item;
      item.article.outlet = StringField(a, "newsSource");
      item.article.title = StringField(a, "newsTitle");
      item.article.url = StringField(a, "newsLink");
      item.article.published = date;
      if (const auto body = a.find("newBody"); body != a.end() && body->is_array()) {
        for (const json& p : *body) {
          if (p.is_string()) item.article.paragraphs.push_back(p.get<std::string>());
        }
      }
      item.article.text = JoinParagraphs(item.article.paragraphs);
      item.event = event;
      item.time = date->ToUnixSeconds();
      items.push_back(std::move(item));
    }
  }
  return Pool("crawl", std::move(items), events, true);
}

// Runs `command`, returns its standard output, or an error with its exit status.
Result<std::string> RunCommand(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return Status::IoError("cannot run: " + command);
  std::string out;
  char buffer[1 << 16];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int rc = pclose(pipe);
  if (rc != 0) {
    return Status::IoError(
        fmt::format("`{}` failed (status {}); run scripts/install-eval-peers.sh", command, rc));
  }
  return out;
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

fs::path PeerScript(const StoriesEvalOptions& options) {
  if (!options.peer_script.empty()) return options.peer_script;
  return fs::path(STORYLINE_SOURCE_DIR) / "eval" / "stories" / "sklearn_peer.py";
}

std::string Python(const StoriesEvalOptions& options) {
  if (!options.python.empty()) return options.python;
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

}  // namespace

std::vector<StorySplit> SplitByEvents(const StorySplit& split, size_t events) {
  const size_t k =
      std::max<size_t>(1, (split.event_count + events / 2) / std::max<size_t>(events, 1));
  std::vector<StorySplit> parts(k);
  for (size_t p = 0; p < k; ++p) parts[p].name = fmt::format("{}-part{}", split.name, p);
  for (size_t i = 0; i < split.articles.size(); ++i) {
    StorySplit& part = parts[static_cast<size_t>(split.events[i]) % k];
    part.articles.push_back(split.articles[i]);
    part.events.push_back(split.events[i]);
  }
  for (StorySplit& part : parts) {
    std::vector<int64_t> distinct = part.events;
    std::sort(distinct.begin(), distinct.end());
    part.event_count =
        static_cast<size_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());
  }
  return parts;
}

Result<std::vector<StorySplit>> LoadAllSides(const fs::path& dir) {
  Result<std::vector<StorySplit>> splits = LoadNeus(dir / "neus.jsonl");
  if (!splits.ok()) return splits.status();
  Result<StorySplit> crawl = LoadCrawl(dir / "crawl.jsonl");
  if (!crawl.ok()) return crawl.status();
  splits->push_back(std::move(*crawl));
  return splits;
}

std::vector<int64_t> ClusterWithStoryIndex(const StorySplit& split,
                                           const cluster::StoryOptions& options) {
  cluster::StoryIndex index(options);
  std::vector<int64_t> labels;
  labels.reserve(split.articles.size());
  for (size_t i = 0; i < split.articles.size(); ++i) {
    labels.push_back(index.Assign(static_cast<int64_t>(i + 1), split.articles[i]).story_id);
  }
  return labels;
}

Result<std::vector<std::vector<int64_t>>> ClusterWithSklearn(
    const StorySplit& split, const std::string& python, const fs::path& script,
    const std::vector<double>& thresholds) {
  if (!fs::is_regular_file(script)) return Status::NotFound(script.string() + ": no peer script");
  const fs::path input = fs::temp_directory_path() /
                         fmt::format("storyline-stories-peer-{}-{}.jsonl", getpid(), split.name);
  {
    std::ofstream out(input);
    for (const Article& a : split.articles) {
      out << json{{"title", a.title}, {"text", a.text}}.dump() << "\n";
    }
    if (!out) return Status::IoError(input.string() + ": cannot write");
  }
  std::string list;
  for (double t : thresholds) list += (list.empty() ? "" : ",") + fmt::format("{}", t);
  Result<std::string> output =
      RunCommand(fmt::format("{} {} --thresholds {} --input {}", ShellQuote(python),
                             ShellQuote(script.string()), list, ShellQuote(input.string())));
  std::error_code ignored;
  fs::remove(input, ignored);
  if (!output.ok()) return output.status();
  const json j = json::parse(*output, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.contains("labels") || !j["labels"].is_array() ||
      j["labels"].size() != thresholds.size()) {
    return Status::BadInput(script.string() + ": output is not {\"labels\": [[...], ...]}");
  }
  std::vector<std::vector<int64_t>> labelings;
  for (const json& labels : j["labels"]) {
    if (!labels.is_array() || labels.size() != split.articles.size()) {
      return Status::BadInput(script.string() + ": a labelling has the wrong length");
    }
    labelings.push_back(labels.get<std::vector<int64_t>>());
  }
  return labelings;
}

Result<std::vector<SplitReport>> EvaluateStories(const fs::path& dir,
                                                 const StoriesEvalOptions& options) {
  Result<std::vector<StorySplit>> splits = LoadAllSides(dir);
  if (!splits.ok()) return splits.status();
  std::vector<SplitReport> reports;
  for (const StorySplit& split : *splits) {
    SplitReport report;
    report.split = split.name;
    report.articles = split.articles.size();
    report.events = split.event_count;
    auto start = std::chrono::steady_clock::now();
    const std::vector<int64_t> ours = ClusterWithStoryIndex(split, options.ours);
    report.rows.push_back({"storyline", ScoreClustering(split.events, ours), SecondsSince(start)});
    if (options.run_peer) {
      start = std::chrono::steady_clock::now();
      auto peer =
          ClusterWithSklearn(split, Python(options), PeerScript(options), {options.peer_threshold});
      if (peer.ok()) {
        report.rows.push_back(
            {"sklearn", ScoreClustering(split.events, peer->front()), SecondsSince(start)});
      } else {
        report.peer_error = peer.status().ToString();
      }
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

std::string DescribeErrors(const StorySplit& split, const std::vector<int64_t>& predicted,
                           size_t limit) {
  std::map<int64_t, std::vector<size_t>> by_event, by_story;
  for (size_t i = 0; i < split.articles.size(); ++i) {
    by_event[split.events[i]].push_back(i);
    by_story[predicted[i]].push_back(i);
  }
  const auto line = [&](size_t i) {
    const Article& a = split.articles[i];
    return fmt::format("    [event {} story {}] {} | {}\n", split.events[i], predicted[i], a.title,
                       a.text.substr(0, 160));
  };
  std::string out;
  size_t shown = 0;
  for (const auto& [event, items] : by_event) {
    std::set<int64_t> stories;
    for (size_t i : items) stories.insert(predicted[i]);
    if (stories.size() < 2 || shown++ >= limit) continue;
    out += fmt::format("split: event {} in {} stories\n", event, stories.size());
    for (size_t i : items) out += line(i);
  }
  shown = 0;
  for (const auto& [story, items] : by_story) {
    std::set<int64_t> events;
    for (size_t i : items) events.insert(split.events[i]);
    if (events.size() < 2 || shown++ >= limit) continue;
    out += fmt::format("merged: story {} holds {} events\n", story, events.size());
    for (size_t i : items) out += line(i);
  }
  return out;
}

std::string FormatStoryReports(const std::vector<SplitReport>& reports) {
  std::string out = fmt::format(
      "{:<11} {:>8} {:>6}  {:<10} {:>7}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>8}\n",
      "split", "articles", "events", "system", "stories", "B3-P", "B3-R", "B3-F1", "pair-P",
      "pair-R", "pair-F1", "ARI", "seconds");
  for (const SplitReport& r : reports) {
    bool first = true;
    for (const SystemRow& row : r.rows) {
      const ClusteringScore& s = row.score;
      out += fmt::format(
          "{:<11} {:>8} {:>6}  {:<10} {:>7}  {:>6.4f} {:>6.4f} {:>6.4f}  {:>6.4f} {:>6.4f} "
          "{:>6.4f}  {:>6.4f} {:>8.2f}\n",
          first ? r.split : "", first ? fmt::format("{}", r.articles) : "",
          first ? fmt::format("{}", r.events) : "", row.system, s.predicted_clusters,
          s.bcubed_precision, s.bcubed_recall, s.bcubed_f1, s.pair_precision, s.pair_recall,
          s.pair_f1, s.adjusted_rand, row.seconds);
      first = false;
    }
    if (!r.peer_error.empty()) out += fmt::format("{:<11} peer skipped: {}\n", "", r.peer_error);
  }
  return out;
}

Result<TuneResult> TuneOnTrain(const fs::path& dir, const StoriesEvalOptions& options) {
  Result<std::vector<StorySplit>> splits = LoadAllSides(dir);
  if (!splits.ok()) return splits.status();
  const StorySplit& train = splits->front();
  // How many stories an article competes with changes the best threshold: ours is also
  // scored on train parts of the validation split's size (events by number modulo k).
  const std::vector<StorySplit> parts = SplitByEvents(train, (*splits)[1].event_count);
  TuneResult result;
  double best = -1;
  result.table += fmt::format(
      "storyline on neus-train: join_threshold  B3-F1  pair-F1  ARI  stories  "
      "B3-F1 mean of {} val-sized parts\n",
      parts.size());
  for (int step = 2; step <= 60; step += 2) {
    cluster::StoryOptions o = options.ours;
    o.join_threshold = step / 100.0;
    const ClusteringScore s = ScoreClustering(train.events, ClusterWithStoryIndex(train, o));
    double parts_f1 = 0;
    for (const StorySplit& part : parts) {
      parts_f1 += ScoreClustering(part.events, ClusterWithStoryIndex(part, o)).bcubed_f1 /
                  static_cast<double>(parts.size());
    }
    result.table +=
        fmt::format("  {:.2f}  {:.4f}  {:.4f}  {:.4f}  {}  {:.4f}\n", o.join_threshold, s.bcubed_f1,
                    s.pair_f1, s.adjusted_rand, s.predicted_clusters, parts_f1);
    if (parts_f1 > best) {
      best = parts_f1;
      result.best_join_threshold = o.join_threshold;
    }
  }
  if (options.run_peer) {
    std::vector<double> thresholds;
    for (int step = 50; step <= 98; step += 2) thresholds.push_back(step / 100.0);
    auto peer = ClusterWithSklearn(train, Python(options), PeerScript(options), thresholds);
    if (!peer.ok()) return peer.status();
    // The peer is tuned as ours is: on the mean over the val-sized parts.
    std::vector<double> parts_f1(thresholds.size(), 0.0);
    for (const StorySplit& part : parts) {
      auto on_part = ClusterWithSklearn(part, Python(options), PeerScript(options), thresholds);
      if (!on_part.ok()) return on_part.status();
      for (size_t i = 0; i < thresholds.size(); ++i) {
        parts_f1[i] += ScoreClustering(part.events, (*on_part)[i]).bcubed_f1 /
                       static_cast<double>(parts.size());
      }
    }
    best = -1;
    result.table += fmt::format(
        "sklearn on neus-train: distance_threshold  B3-F1  pair-F1  ARI  clusters  "
        "B3-F1 mean of {} val-sized parts\n",
        parts.size());
    for (size_t i = 0; i < thresholds.size(); ++i) {
      const ClusteringScore s = ScoreClustering(train.events, (*peer)[i]);
      result.table +=
          fmt::format("  {:.2f}  {:.4f}  {:.4f}  {:.4f}  {}  {:.4f}\n", thresholds[i], s.bcubed_f1,
                      s.pair_f1, s.adjusted_rand, s.predicted_clusters, parts_f1[i]);
      if (parts_f1[i] > best) {
        best = parts_f1[i];
        result.best_peer_threshold = thresholds[i];
      }
    }
  }
  return result;
}

}  // namespace storyline::eval
