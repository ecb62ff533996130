// Any bytes through the tokenizer and sentence splitter (invariants checked), then, decoded to
// UTF-8, through the whole analysis: entities, quotes, people.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "nlp/tokenize.h"
#include "people/analyze.h"
#include "read/charset.h"

namespace {

void Require(bool ok) {
  if (!ok) std::abort();
}

void CheckTokens(std::string_view text) {
  const auto tokens = storyline::nlp::Tokenize(text);
  size_t last_end = 0;
  for (const auto& t : tokens) {
    Require(t.begin >= last_end && t.begin < t.end && t.end <= text.size());
    last_end = t.end;
  }
  const auto sentences = storyline::nlp::SplitSentences(text, tokens);
  size_t next = 0;
  for (const auto& s : sentences) {
    Require(s.first_token == next && s.first_token < s.end_token && s.end_token <= tokens.size());
    next = s.end_token;
  }
  Require(next == tokens.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckTokens(bytes);
  auto decoded = storyline::read::DecodeToUtf8(bytes, "");
  if (!decoded.ok()) return 0;
  static const auto analyzer = storyline::people::Analyzer::Default();
  if (!analyzer.ok()) return 0;
  auto analysis = analyzer->Analyze(decoded->utf8);
  if (!analysis.ok()) return 0;
  for (const auto& e : analysis->entities) Require(e.begin < e.end && e.end <= decoded->utf8.size());
  for (const auto& q : analysis->quotes) Require(q.content.end <= decoded->utf8.size());
  return 0;
}
