#include "nlp/ner.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include "nlp/conll.h"
#include "nlp/ner_model.h"

namespace storyline::nlp {

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "PER";
    case EntityType::kOrganization:
      return "ORG";
    case EntityType::kLocation:
      return "LOC";
    case EntityType::kMisc:
      return "MISC";
  }
  return "MISC";
}

NerTagger::NerTagger(std::shared_ptr<const detail::NerModel> model) : model_(std::move(model)) {}

Result<NerTagger> NerTagger::FromBytes(std::string_view bytes) {
  Result<detail::NerModel> model = detail::ParseModel(bytes);
  if (!model.ok()) return model.status();
  return NerTagger(std::make_shared<const detail::NerModel>(std::move(model).value()));
}

Result<NerTagger> NerTagger::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the NER model");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(path + ": reading the NER model failed");
  Result<NerTagger> tagger = FromBytes(bytes);
  if (!tagger.ok()) return tagger.status().WithContext(path);
  return tagger;
}

Result<NerTagger> NerTagger::Default() {
  // Parsed once; the result (model or error) is immutable afterwards.
  static const Result<NerTagger> kDefault = []() -> Result<NerTagger> {
    const std::string_view bytes = detail::EmbeddedNerModel();
    if (bytes.empty()) {
      return Status::NotFound(
          "no NER model was compiled in: train one (models/ner/README.md) and rebuild");
    }
    return FromBytes(bytes);
  }();
  return kDefault;
}

size_t NerTagger::num_features() const {
  size_t n = 0;
  for (size_t s = 0; s < model_->transitions.size(); ++s) n += model_->features.size(s);
  return n;
}

std::vector<std::vector<std::string>> NerTagger::TagDocument(
    const std::vector<std::vector<std::string>>& sentences) const {
  const std::vector<std::vector<int>> labels = detail::TagDocumentLabels(*model_, sentences);
  std::vector<std::vector<std::string>> tags(labels.size());
  for (size_t s = 0; s < labels.size(); ++s) {
    for (int l : labels[s]) tags[s].emplace_back(detail::kLabelNames[static_cast<size_t>(l)]);
  }
  return tags;
}

std::vector<std::string> NerTagger::TagWords(const std::vector<std::string>& words) const {
  std::vector<std::vector<std::string>> tags = TagDocument({words});
  return std::move(tags.front());
}

std::vector<Entity> NerTagger::Tag(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Sentence>& sentences) const {
  detail::Document document;
  document.reserve(sentences.size());
  for (const Sentence& s : sentences) {
    std::vector<std::string>& words = document.emplace_back();
    for (size_t k = s.first_token; k < s.end_token && k < tokens.size(); ++k) {
      words.emplace_back(TokenText(text, tokens[k]));
    }
  }
  const std::vector<std::vector<int>> labels = detail::TagDocumentLabels(*model_, document);
  std::vector<Entity> entities;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const size_t first = sentences[s].first_token;
    for (const detail::LabelSpan& span : detail::LabelSpans(labels[s])) {
      Entity e;
      e.first_token = first + span.begin;
      e.end_token = first + span.end;
      e.begin = tokens[e.first_token].begin;
      e.end = tokens[e.end_token - 1].end;
      e.type = static_cast<EntityType>(span.type - 1);
      entities.push_back(e);
    }
  }
  return entities;
}

Status TagConll(std::istream& in, std::ostream& out, const NerTagger& tagger) {
  // Lines are buffered per document (the tagger reads a document as a whole) and written
  // back verbatim with the tag appended.
  std::vector<std::string> lines;
  std::vector<std::vector<size_t>> sentence_lines;  // line index of each word
  std::vector<std::vector<std::string>> sentences;
  auto flush = [&]() -> Status {
    const std::vector<std::vector<std::string>> tags = tagger.TagDocument(sentences);
    std::vector<std::string> suffix(lines.size());
    for (size_t s = 0; s < sentences.size(); ++s) {
      for (size_t w = 0; w < sentences[s].size(); ++w) suffix[sentence_lines[s][w]] = tags[s][w];
    }
    for (size_t k = 0; k < lines.size(); ++k) {
      out << lines[k];
      if (!suffix[k].empty()) out << ' ' << suffix[k];
      out << '\n';
    }
    lines.clear();
    sentence_lines.clear();
    sentences.clear();
    if (!out) return Status::IoError("writing tagged CoNLL lines failed");
    return Status::Ok();
  };
  bool in_sentence = false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string word;
    fields >> word;
    if (word == "-DOCSTART-") {
      STORYLINE_RETURN_IF_ERROR(flush());
      in_sentence = false;
      lines.push_back(line);
      continue;
    }
    if (word.empty()) {
      in_sentence = false;
      lines.push_back(line);
      continue;
    }
    if (!in_sentence) {
      sentences.emplace_back();
      sentence_lines.emplace_back();
      in_sentence = true;
    }
    sentences.back().push_back(word);
    sentence_lines.back().push_back(lines.size());
    lines.push_back(line);
  }
  if (in.bad()) return Status::IoError("reading CoNLL lines failed");
  return flush();
}

}  // namespace storyline::nlp
