// CoNLL-2003 files and conlleval's chunk rules (shared by training, tagging and evaluation).
//
// A CoNLL file has one token per line (columns separated by white space: word first),
// blank lines between sentences and "-DOCSTART-" lines between documents.
#ifndef STORYLINE_NLP_CONLL_H_
#define STORYLINE_NLP_CONLL_H_

#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline::nlp {

struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // the chosen column, one per word (empty when absent)
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

// Reads documents; `tag_column` is the 0-based column of the tags (3 for CoNLL-2003's
// NER column); lines with fewer columns have an empty tag. Fails on an I/O error.
Result<std::vector<ConllDocument>> ReadConll(std::istream& in, size_t tag_column = 3);

// A chunk (entity) as conlleval sees it: tokens [begin, end) of one sentence, its type.
struct Chunk {
  size_t begin = 0;
  size_t end = 0;
  std::string type;
  bool operator==(const Chunk&) const = default;
};

// The chunks of an IOB1/IOB2/IOBES tag sequence with conlleval's rules: an I-X after O or
// after a chunk of another type starts a chunk; "O" and "" are outside.
std::vector<Chunk> ConllChunks(const std::vector<std::string>& tags);

// Entity-level counts, as conlleval computes them: a predicted chunk is correct when a
// gold chunk has the same type and the same boundaries.
struct ChunkCounts {
  size_t gold = 0;
  size_t predicted = 0;
  size_t correct = 0;
  double precision() const { return predicted ? double(correct) / double(predicted) : 0.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct ConllScore {
  ChunkCounts overall;
  std::map<std::string, ChunkCounts> by_type;  // "LOC", "MISC", "ORG", "PER"
  size_t tokens = 0;
  size_t correct_tags = 0;  // token accuracy, as conlleval also prints
};

// Adds one sentence. REQUIRES: gold.size() == predicted.size().
void ScoreSentence(const std::vector<std::string>& gold, const std::vector<std::string>& predicted,
                   ConllScore& score);

}  // namespace storyline::nlp

#endif  // STORYLINE_NLP_CONLL_H_
