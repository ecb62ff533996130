// Parsing and formatting of the story model files (see story_model.h).
#include "cluster/story_model.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace storyline::cluster {

const std::array<std::string_view, kPairFeatureCount> kPairFeatureNames = {
    "centroid", "title",      "body",       "cross",       "entities", "numbers", "rarest",
    "shared",   "title_mean", "cross_mean", "shared_mean", "size",     "margin"};

namespace {

// The lines of `text` without their '\n' (and '\r').
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

Status ParseIdfPrior(std::string_view text, StoryModel& model) {
  const std::vector<std::string_view> lines = Lines(text);
  size_t number = 0;
  for (std::string_view line : lines) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    if (model.prior_documents == 0) {
      constexpr std::string_view kHeader = "documents ";
      if (line.substr(0, kHeader.size()) != kHeader ||
          !ParseNumber(line.substr(kHeader.size()), model.prior_documents) ||
          model.prior_documents == 0) {
        return Status::BadInput("IDF prior: line " + std::to_string(number) +
                                ": expected \"documents N\" (N > 0)");
      }
      continue;
    }
    const size_t tab = line.find('\t');
    uint32_t df = 0;
    if (tab == std::string_view::npos || tab + 1 == line.size() ||
        !ParseNumber(line.substr(0, tab), df) || df > model.prior_documents) {
      return Status::BadInput("IDF prior: line " + std::to_string(number) +
                              ": expected \"DF<TAB>TERM\" with DF <= documents");
    }
    model.prior_df.emplace_back(std::string(line.substr(tab + 1)), df);
  }
  if (!text.empty() && model.prior_documents == 0) {
    return Status::BadInput("IDF prior: no \"documents N\" line");
  }
  return Status::Ok();
}

Status ParsePairWeights(std::string_view text, StoryModel& model) {
  std::array<bool, kPairFeatureCount> seen{};
  bool bias_seen = false;
  size_t number = 0;
  for (std::string_view line : Lines(text)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const size_t space = line.find(' ');
    const std::string_view name = line.substr(0, space);
    double value = 0;
    // from_chars for double is in libstdc++ 11+; strtod would depend on the locale.
    if (space == std::string_view::npos || !ParseNumber(line.substr(space + 1), value) ||
        !std::isfinite(value)) {
      return Status::BadInput("pair weights: line " + std::to_string(number) +
                              ": expected \"NAME VALUE\"");
    }
    if (name == "bias") {
      model.bias = value;
      bias_seen = true;
      continue;
    }
    size_t f = 0;
    while (f < kPairFeatureCount && kPairFeatureNames[f] != name) ++f;
    if (f == kPairFeatureCount) {
      return Status::BadInput("pair weights: line " + std::to_string(number) +
                              ": unknown feature \"" + std::string(name) + "\"");
    }
    model.weights[f] = value;
    seen[f] = true;
  }
  if (text.empty()) return Status::Ok();
  for (size_t f = 0; f < kPairFeatureCount; ++f) {
    if (!seen[f]) {
      return Status::BadInput("pair weights: no weight for \"" + std::string(kPairFeatureNames[f]) +
                              "\"");
    }
  }
  if (!bias_seen) return Status::BadInput("pair weights: no bias");
  model.has_pair_weights = true;
  return Status::Ok();
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  if (path.empty()) return std::string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError(path.string() + ": cannot read");
  return text.str();
}

}  // namespace

Result<StoryModel> ParseStoryModel(std::string_view idf_prior, std::string_view pair_weights) {
  StoryModel model;
  if (Status s = ParseIdfPrior(idf_prior, model); !s.ok()) return s;
  if (Status s = ParsePairWeights(pair_weights, model); !s.ok()) return s;
  return model;
}

Result<StoryModel> LoadStoryModel(const std::filesystem::path& idf_prior,
                                  const std::filesystem::path& pair_weights) {
  Result<std::string> idf = ReadFile(idf_prior);
  if (!idf.ok()) return idf.status();
  Result<std::string> weights = ReadFile(pair_weights);
  if (!weights.ok()) return weights.status();
  Result<StoryModel> model = ParseStoryModel(*idf, *weights);
  if (!model.ok()) {
    return model.status().WithContext(idf_prior.string() + ", " + pair_weights.string());
  }
  return model;
}

std::shared_ptr<const StoryModel> EmbeddedStoryModel() {
  static const std::shared_ptr<const StoryModel> kModel = [] {
    Result<StoryModel> model = ParseStoryModel(EmbeddedIdfPrior(), EmbeddedPairWeights());
    // The embedded files are checked by cluster_test; a broken one is our bug, not input.
    return std::make_shared<const StoryModel>(model.ok() ? std::move(*model) : StoryModel{});
  }();
  return kModel;
}

std::string FormatPairWeights(const StoryModel& model, std::string_view comment) {
  std::string out;
  for (std::string_view line : Lines(comment)) out += "# " + std::string(line) + "\n";
  char buffer[64];
  const auto add = [&](std::string_view name, double value) {
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out += std::string(name) + " " + std::string(buffer, ec == std::errc() ? end : buffer) + "\n";
  };
  add("bias", model.bias);
  for (size_t f = 0; f < kPairFeatureCount; ++f) add(kPairFeatureNames[f], model.weights[f]);
  return out;
}

}  // namespace storyline::cluster
