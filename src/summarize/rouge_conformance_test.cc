// ROUGE-1.5.5 conformance: our scorer against the official outputs of the ROUGE release
// (../shared/datasets/summaries/rouge155-conformance, outside the repository; skipped
// without it). Every Average_R/P/F of ROUGE-1..4 and ROUGE-L for every system in the
// `-a -n 4 [-l 10 | -b 75] [-m [-s]]` runs must match to the printed 5 decimals.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "summarize/rouge.h"

namespace storyline::summarize {
namespace {

namespace fs = std::filesystem;

fs::path ConformanceDir() {
  if (const char* shared = std::getenv("STORYLINE_SHARED"); shared && *shared) {
    return fs::path(shared) / "datasets" / "summaries" / "rouge155-conformance";
  }
  const char* source = std::getenv("STORYLINE_SOURCE_DIR");
  return fs::path(source && *source ? source : STORYLINE_SOURCE_DIR) / ".." / "shared" /
         "datasets" / "summaries" / "rouge155-conformance";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text between <tag ...> and </tag> starting at `pos`, trimmed; advances `pos`.
bool NextElement(const std::string& xml, const std::string& tag, size_t& pos, std::string& attrs,
                 std::string& body) {
  size_t open = xml.find("<" + tag, pos);
  while (open != std::string::npos && xml[open + tag.size() + 1] != ' ' &&
         xml[open + tag.size() + 1] != '>') {
    open = xml.find("<" + tag, open + 1);
  }
  if (open == std::string::npos) return false;
  const size_t gt = xml.find('>', open);
  const size_t close = xml.find("</" + tag + ">", gt);
  if (gt == std::string::npos || close == std::string::npos) return false;
  attrs = xml.substr(open + tag.size() + 1, gt - open - tag.size() - 1);
  body = xml.substr(gt + 1, close - gt - 1);
  const size_t b = body.find_first_not_of(" \t\r\n");
  const size_t e = body.find_last_not_of(" \t\r\n");
  body = b == std::string::npos ? "" : body.substr(b, e - b + 1);
  pos = close + tag.size() + 3;
  return true;
}

std::string IdOf(const std::string& attrs) {
  const size_t q = attrs.find("ID=\"");
  if (q == std::string::npos) return "";
  return attrs.substr(q + 4, attrs.find('"', q + 4) - q - 4);
}

struct Eval {
  std::string id;
  std::map<std::string, fs::path> peers;  // peer id → file
  std::vector<fs::path> models;           // in listed order
};

std::vector<Eval> ReadEvals(const fs::path& xml_path) {
  const std::string xml = ReadFile(xml_path);
  const fs::path root = xml_path.parent_path();
  std::vector<Eval> evals;
  size_t pos = 0;
  std::string attrs, body;
  while (NextElement(xml, "EVAL", pos, attrs, body)) {
    Eval e;
    e.id = IdOf(attrs);
    size_t p = 0;
    std::string a, peer_root, model_root, x;
    NextElement(body, "PEER-ROOT", p, a, peer_root);
    p = 0;
    NextElement(body, "MODEL-ROOT", p, a, model_root);
    p = 0;
    while (NextElement(body, "P", p, a, x)) e.peers[IdOf(a)] = root / peer_root / x;
    p = 0;
    while (NextElement(body, "M", p, a, x)) e.models.push_back(root / model_root / x);
    evals.push_back(std::move(e));
  }
  return evals;
}

struct Expected {
  double value = 0;
  std::string text;
};

TEST(RougeConformanceTest, MatchesRouge155SampleOutputs) {
  const fs::path dir = ConformanceDir();
  const fs::path xml = dir / "sample-test" / "ROUGE-test.xml";
  if (!fs::is_regular_file(xml)) {
    GTEST_SKIP() << "ROUGE-1.5.5 fixtures not found at " << dir
                 << " (../shared/datasets/summaries/rouge155-conformance); skipping";
  }
  const std::vector<Eval> evals = ReadEvals(xml);
  ASSERT_FALSE(evals.empty());

  std::map<fs::path, std::vector<std::string>> cache;
  auto sentences = [&](const fs::path& p) -> const std::vector<std::string>& {
    auto it = cache.find(p);
    if (it == cache.end()) it = cache.emplace(p, ParseSeeSummary(ReadFile(p))).first;
    return it->second;
  };

  int total = 0;
  int matched = 0;
  int files = 0;
  for (const std::string limit : {"", "l10-", "b75-"}) {
    for (const std::string flags : {"a", "a-m", "a-m-s"}) {
      const fs::path out =
          dir / "sample-output" / ("ROUGE-test-c95-2-1-U-r1000-n4-w1.2-" + limit + flags + ".out");
      if (!fs::is_regular_file(out)) continue;
      ++files;
      RougeOptions options;
      options.max_n = 4;
      options.stem = flags.find("-m") != std::string::npos;
      options.remove_stopwords = flags.find("-s") != std::string::npos;
      if (limit == "l10-") options.word_limit = 10;
      if (limit == "b75-") options.byte_limit = 75;
      Result<RougeScorer> scorer = RougeScorer::Load(options, dir / "data");
      ASSERT_TRUE(scorer.ok()) << scorer.status().ToString();

      // Expected "peer metric Average_X" → value as printed.
      std::map<std::string, Expected> expected;
      std::istringstream lines(ReadFile(out));
      std::string line;
      while (std::getline(lines, line)) {
        std::istringstream ls(line);
        std::string peer, metric, kind, value;
        if (!(ls >> peer >> metric >> kind >> value)) continue;
        if (kind.rfind("Average_", 0) != 0) continue;
        if (metric != "ROUGE-1" && metric != "ROUGE-2" && metric != "ROUGE-3" &&
            metric != "ROUGE-4" && metric != "ROUGE-L") {
          continue;
        }
        expected[peer + " " + metric + " " + kind.substr(0, kind.size() - 1)] = {
            std::strtod(value.c_str(), nullptr), value};
      }

      std::map<std::string, std::map<std::string, RougeResult>> by_peer;  // peer → key → result
      for (const Eval& e : evals) {
        std::vector<std::vector<std::string>> models;
        for (const fs::path& m : e.models) models.push_back(sentences(m));
        for (const auto& [peer_id, peer_path] : e.peers) {
          by_peer[peer_id][e.id + "." + peer_id] = scorer->Score(sentences(peer_path), models);
        }
      }
      for (const auto& [peer_id, docs] : by_peer) {
        for (int metric = 0; metric <= 4; ++metric) {
          std::vector<RougeScore> scores;
          for (const auto& [key, result] : docs) {  // std::map: keys in string order
            scores.push_back(metric < 4 ? result.n[static_cast<size_t>(metric)] : result.l);
          }
          const RougeScore avg = Rouge155Average(scores);
          const std::string name = metric < 4 ? "ROUGE-" + std::to_string(metric + 1) : "ROUGE-L";
          const std::pair<const char*, double> got[] = {
              {"R", avg.recall}, {"P", avg.precision}, {"F", avg.f}};
          for (const auto& [kind, value] : got) {
            const std::string key = peer_id + " " + name + " Average_" + kind;
            auto it = expected.find(key);
            if (it == expected.end()) continue;
            ++total;
            char buf[32];
            std::snprintf(buf, sizeof buf, "%7.5f", value);
            if (it->second.text == buf) {
              ++matched;
            } else {
              ADD_FAILURE() << out.filename().string() << ": " << key << " expected "
                            << it->second.text << ", got " << buf;
            }
          }
        }
      }
    }
  }
  std::printf("ROUGE-1.5.5 conformance: %d of %d Average_R/P/F values match (%d runs)\n", matched,
              total, files);
  EXPECT_GT(total, 0);
  EXPECT_EQ(matched, total);
}

}  // namespace
}  // namespace storyline::summarize
