#include "nlp/conll.h"

#include <sstream>

namespace storyline::nlp {
namespace {

// conlleval splits "B-PER" into ("B", "PER"); a tag without '-' is its own prefix.
void SplitTag(std::string_view tag, std::string_view& prefix, std::string_view& type) {
  if (tag.empty() || tag == "O") {
    prefix = "O";
    type = "";
    return;
  }
  const size_t dash = tag.find('-');
  if (dash == std::string_view::npos) {
    prefix = tag;
    type = "";
    return;
  }
  prefix = tag.substr(0, dash);
  type = tag.substr(dash + 1);
}

// conlleval's endOfChunk(prevTag, tag, prevType, type).
bool EndOfChunk(std::string_view prev, std::string_view tag, std::string_view prev_type,
                std::string_view type) {
  if (prev == "B" && (tag == "B" || tag == "O" || tag == "S")) return true;
  if (prev == "I" && (tag == "B" || tag == "O" || tag == "S")) return true;
  if (prev == "E" || prev == "S") return true;
  if (prev != "O" && prev != "." && prev_type != type) return true;
  return false;
}

// conlleval's startOfChunk(prevTag, tag, prevType, type).
bool StartOfChunk(std::string_view prev, std::string_view tag, std::string_view prev_type,
                  std::string_view type) {
  if (tag == "B" || tag == "S") return true;
  if ((prev == "E" || prev == "S" || prev == "O") && (tag == "E" || tag == "I")) return true;
  if (tag != "O" && tag != "." && prev_type != type) return true;
  return false;
}

}  // namespace

Result<std::vector<ConllDocument>> ReadConll(std::istream& in, size_t tag_column) {
  std::vector<ConllDocument> docs;
  ConllSentence sentence;
  auto flush_sentence = [&] {
    if (sentence.words.empty()) return;
    if (docs.empty()) docs.emplace_back();
    docs.back().sentences.push_back(std::move(sentence));
    sentence = {};
  };
  std::string line;
  std::vector<std::string> columns;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    columns.clear();
    std::istringstream fields(line);
    for (std::string c; fields >> c;) columns.push_back(std::move(c));
    if (columns.empty()) {
      flush_sentence();
      continue;
    }
    if (columns[0] == "-DOCSTART-") {
      flush_sentence();
      docs.emplace_back();
      continue;
    }
    sentence.words.push_back(columns[0]);
    sentence.tags.push_back(tag_column < columns.size() ? columns[tag_column] : std::string());
  }
  if (in.bad()) return Status::IoError("reading CoNLL lines failed");
  flush_sentence();
  std::erase_if(docs, [](const ConllDocument& d) { return d.sentences.empty(); });
  return docs;
}

std::vector<Chunk> ConllChunks(const std::vector<std::string>& tags) {
  std::vector<Chunk> chunks;
  std::string_view prev = "O";
  std::string_view prev_type;
  bool open = false;
  for (size_t i = 0; i <= tags.size(); ++i) {
    std::string_view tag = "O";
    std::string_view type;
    if (i < tags.size()) SplitTag(tags[i], tag, type);
    if (open && EndOfChunk(prev, tag, prev_type, type)) {
      chunks.back().end = i;
      open = false;
    }
    if (i < tags.size() && StartOfChunk(prev, tag, prev_type, type)) {
      chunks.push_back({i, i + 1, std::string(type)});
      open = true;
    }
    prev = tag;
    prev_type = type;
  }
  return chunks;
}

void ScoreSentence(const std::vector<std::string>& gold, const std::vector<std::string>& predicted,
                   ConllScore& score) {
  const std::vector<Chunk> g = ConllChunks(gold);
  const std::vector<Chunk> p = ConllChunks(predicted);
  for (const Chunk& c : g) {
    ++score.overall.gold;
    ++score.by_type[c.type].gold;
  }
  for (const Chunk& c : p) {
    ++score.overall.predicted;
    ++score.by_type[c.type].predicted;
  }
  // Both lists are sorted by position and chunks do not overlap: merge.
  size_t i = 0;
  for (const Chunk& c : p) {
    while (i < g.size() && g[i].begin < c.begin) ++i;
    if (i < g.size() && g[i] == c) {
      ++score.overall.correct;
      ++score.by_type[c.type].correct;
    }
  }
  score.tokens += gold.size();
  for (size_t k = 0; k < gold.size() && k < predicted.size(); ++k) {
    score.correct_tags += gold[k] == predicted[k] ? 1 : 0;
  }
}

}  // namespace storyline::nlp
