#include "eval/quotes/polnear.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace storyline::eval::quotes {

namespace {

using storyline::quotes::Fragment;
using storyline::quotes::Span;

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t at = 0;
  while (true) {
    size_t next = s.find(sep, at);
    parts.push_back(
        s.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos) break;
    at = next + 1;
  }
  return parts;
}

bool ParseSize(std::string_view s, size_t& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// "110 112;120 130" (code points) → fragments (bytes) in text order.
std::optional<Span> ParseFragments(std::string_view s, const std::vector<size_t>& byte_of) {
  Span span;
  for (std::string_view part : Split(s, ';')) {
    std::vector<std::string_view> ab = Split(part, ' ');
    Fragment f;
    if (ab.size() != 2 || !ParseSize(ab[0], f.begin) || !ParseSize(ab[1], f.end) ||
        f.begin > f.end || f.end >= byte_of.size()) {
      return std::nullopt;
    }
    f.begin = byte_of[f.begin];
    f.end = byte_of[f.end];
    span.fragments.push_back(f);
  }
  std::sort(span.fragments.begin(), span.fragments.end(),
            [](const Fragment& a, const Fragment& b) { return a.begin < b.begin; });
  return span;
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::vector<size_t> CodePointOffsets(std::string_view text) {
  std::vector<size_t> byte_of;
  byte_of.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) byte_of.push_back(i);
  }
  byte_of.push_back(text.size());
  return byte_of;
}

Result<std::vector<GoldAttribution>> ParseBrat(std::string_view ann, std::string_view text) {
  const std::vector<size_t> byte_of = CodePointOffsets(text);
  struct TextBound {
    std::string label;
    Span span;
  };
  std::map<std::string, TextBound, std::less<>> bounds;
  std::vector<std::string_view> events;
  size_t line_no = 0;
  for (std::string_view line : Split(ann, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = Split(line, '\t');
    // A record starts with an id (T12, E3, #1, ...) and a tab; other lines continue the
    // previous record's text column (spans over line breaks).
    if (cols.size() < 2 || cols[0].size() < 2 ||
        !std::all_of(cols[0].begin() + 1, cols[0].end(),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    if (line[0] == 'T') {
      if (cols.size() < 2) {
        return Status::BadInput("line " + std::to_string(line_no) + ": T line without spans");
      }
      size_t space = cols[1].find(' ');
      if (space == std::string_view::npos) {
        return Status::BadInput("line " + std::to_string(line_no) + ": T line without offsets");
      }
      std::optional<Span> span = ParseFragments(cols[1].substr(space + 1), byte_of);
      if (!span) {
        return Status::BadInput("line " + std::to_string(line_no) + ": bad offsets '" +
                                std::string(cols[1]) + "'");
      }
      bounds[std::string(cols[0])] = {std::string(cols[1].substr(0, space)), std::move(*span)};
    } else if (line[0] == 'E' && cols.size() >= 2) {
      events.push_back(cols[1]);
    }
  }
  std::vector<GoldAttribution> out;
  for (std::string_view event : events) {
    std::optional<Span> content, cue, source;
    for (std::string_view arg : Split(event, ' ')) {
      size_t colon = arg.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view role = arg.substr(0, colon);
      auto it = bounds.find(arg.substr(colon + 1));
      if (it == bounds.end()) continue;
      if (role == "Content") content = it->second.span;
      if (role == "Cue") cue = it->second.span;
      if (role == "Source") source = it->second.span;
    }
    if (!content || !cue) continue;
    out.push_back({std::move(*content), std::move(*cue), std::move(source)});
  }
  return out;
}

Result<std::vector<AnnotatedText>> LoadSplit(const std::filesystem::path& split_dir) {
  std::filesystem::path ann_dir = split_dir / "attributions", text_dir = split_dir / "text";
  std::error_code ec;
  if (!std::filesystem::is_directory(ann_dir, ec) || !std::filesystem::is_directory(text_dir, ec)) {
    return Status::NotFound(split_dir.string() + ": expected attributions/ and text/ in it");
  }
  std::vector<std::filesystem::path> anns;
  for (const auto& entry : std::filesystem::directory_iterator(ann_dir, ec)) {
    if (entry.path().extension() == ".ann") anns.push_back(entry.path());
  }
  if (ec) return Status::IoError(ann_dir.string() + ": " + ec.message());
  std::sort(anns.begin(), anns.end());
  std::vector<AnnotatedText> out;
  for (const std::filesystem::path& ann_path : anns) {
    std::string stem = ann_path.stem().string();
    size_t underscore = stem.rfind('_');
    if (underscore == std::string::npos) {
      return Status::BadInput(ann_path.string() + ": name is not TEXT_ANNOTATOR.ann");
    }
    std::filesystem::path text_path = text_dir / (stem.substr(0, underscore) + ".txt");
    Result<std::string> text = ReadFile(text_path);
    if (!text.ok()) return text.status();
    Result<std::string> ann = ReadFile(ann_path);
    if (!ann.ok()) return ann.status();
    Result<std::vector<GoldAttribution>> gold = ParseBrat(*ann, *text);
    if (!gold.ok()) return gold.status().WithContext(ann_path.string());
    out.push_back({stem, std::move(text).value(), std::move(gold).value()});
  }
  return out;
}

}  // namespace storyline::eval::quotes
