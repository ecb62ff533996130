// Parsing and formatting of the story model files (see story_model.h).
#include "cluster/story_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace storyline::cluster {

const std::array<std::string_view, kPairFeatureCount> kPairFeatureNames = {
    "centroid", "title", "body", "cross", "entities", "numbers", "rarest", "shared", "meaning"};

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

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Decodes unpadded or padded base64; false on a character outside the alphabet.
bool DecodeBase64(std::string_view text, std::vector<int8_t>& out) {
  out.clear();
  uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const size_t v = kBase64.find(c);
    if (v == std::string_view::npos) return false;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<int8_t>(static_cast<uint8_t>((bits >> count) & 0xFF)));
    }
  }
  return true;
}

std::string EncodeBase64(const std::vector<int8_t>& bytes) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (const int8_t b : bytes) {
    bits = (bits << 8) | static_cast<uint8_t>(b);
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(kBase64[(bits >> count) & 0x3F]);
    }
  }
  if (count > 0) out.push_back(kBase64[(bits << (6 - count)) & 0x3F]);
  return out;
}

Status ParseWordVectors(std::string_view text, StoryModel& model) {
  size_t expected = 0;
  size_t number = 0;
  std::vector<int8_t> bytes;
  const auto error = [&number](std::string_view what) {
    return Status::BadInput("word vectors: line " + std::to_string(number) + ": " +
                            std::string(what));
  };
  for (std::string_view line : Lines(text)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    if (model.vector_dims == 0) {
      constexpr std::string_view kHeader = "vectors ";
      const size_t space = line.find(' ', kHeader.size());
      if (line.substr(0, kHeader.size()) != kHeader || space == std::string_view::npos ||
          !ParseNumber(line.substr(kHeader.size(), space - kHeader.size()), expected) ||
          !ParseNumber(line.substr(space + 1), model.vector_dims) || model.vector_dims == 0) {
        return error("expected \"vectors V D\" (D > 0)");
      }
      model.vector_terms.reserve(expected);
      model.vectors.reserve(expected * model.vector_dims);
      continue;
    }
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || !DecodeBase64(line.substr(tab + 1), bytes) ||
        bytes.size() != model.vector_dims) {
      return error("expected \"TERM<TAB>BASE64\" of D bytes");
    }
    const std::string_view term = line.substr(0, tab);
    if (!model.vector_terms.empty() && model.vector_terms.back() >= term) {
      return error("terms are not in byte order");
    }
    double norm2 = 0;
    for (const int8_t b : bytes) norm2 += static_cast<double>(b) * b;
    const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0;
    model.vector_terms.emplace_back(term);
    for (const int8_t b : bytes) model.vectors.push_back(static_cast<float>(b * inv));
  }
  if (!text.empty() && model.vector_dims == 0) {
    return Status::BadInput("word vectors: no \"vectors V D\" line");
  }
  if (model.vector_terms.size() != expected) {
    return Status::BadInput("word vectors: " + std::to_string(model.vector_terms.size()) +
                            " vectors, the header says " + std::to_string(expected));
  }
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

int64_t StoryModel::VectorRow(std::string_view term) const {
  const auto it = std::lower_bound(vector_terms.begin(), vector_terms.end(), term);
  if (it == vector_terms.end() || *it != term) return -1;
  return it - vector_terms.begin();
}

Result<StoryModel> ParseStoryModel(std::string_view idf_prior, std::string_view pair_weights,
                                   std::string_view word_vectors) {
  StoryModel model;
  if (Status s = ParseIdfPrior(idf_prior, model); !s.ok()) return s;
  if (Status s = ParsePairWeights(pair_weights, model); !s.ok()) return s;
  if (Status s = ParseWordVectors(word_vectors, model); !s.ok()) return s;
  return model;
}

Result<StoryModel> LoadStoryModel(const std::filesystem::path& idf_prior,
                                  const std::filesystem::path& pair_weights,
                                  const std::filesystem::path& word_vectors) {
  Result<std::string> idf = ReadFile(idf_prior);
  if (!idf.ok()) return idf.status();
  Result<std::string> weights = ReadFile(pair_weights);
  if (!weights.ok()) return weights.status();
  Result<std::string> vectors = ReadFile(word_vectors);
  if (!vectors.ok()) return vectors.status();
  Result<StoryModel> model = ParseStoryModel(*idf, *weights, *vectors);
  if (!model.ok()) {
    return model.status().WithContext(idf_prior.string() + ", " + pair_weights.string() + ", " +
                                      word_vectors.string());
  }
  return model;
}

std::shared_ptr<const StoryModel> EmbeddedStoryModel() {
  static const std::shared_ptr<const StoryModel> kModel = [] {
    Result<StoryModel> model =
        ParseStoryModel(EmbeddedIdfPrior(), EmbeddedPairWeights(), EmbeddedWordVectors());
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

std::string FormatWordVectors(const std::vector<std::string>& terms,
                              const std::vector<float>& vectors, size_t dims) {
  std::string out = "vectors " + std::to_string(terms.size()) + " " + std::to_string(dims) + "\n";
  std::vector<int8_t> bytes(dims);
  for (size_t t = 0; t < terms.size(); ++t) {
    const float* row = vectors.data() + t * dims;
    float largest = 0;
    for (size_t d = 0; d < dims; ++d) largest = std::max(largest, std::fabs(row[d]));
    const float scale = largest > 0 ? 127.0f / largest : 0.0f;
    for (size_t d = 0; d < dims; ++d) {
      bytes[d] = static_cast<int8_t>(std::lround(row[d] * scale));
    }
    out += terms[t] + "\t" + EncodeBase64(bytes) + "\n";
  }
  return out;
}

}  // namespace storyline::cluster
