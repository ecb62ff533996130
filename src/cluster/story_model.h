// The learned part of story clustering: a prior of document frequencies (so the first
// articles of a stream already know which words are rare) and the weights of the
// (article, story) same-event model StoryIndex scores candidates with. Both are text files
// in models/stories/ (see its README for how they are trained); a copy of each is compiled
// into the library and used unless StoryOptions names another model.
#ifndef STORYLINE_CLUSTER_STORY_MODEL_H_
#define STORYLINE_CLUSTER_STORY_MODEL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyline/status.h"

namespace storyline::cluster {

// What the pair model sees of an (article, story) candidate. Member features are the best
// (largest) value over the story's most recent members.
enum class PairFeature : size_t {
  kCentroid,  // cosine of the article and the story centroid (title + body terms)
  kTitle,     // title–title cosine with a member
  kBody,      // body–body cosine with a member
  kCross,     // mean of the two title–body cosines with a member
  kEntities,  // log(1 + summed IDF of the entities shared with a member)
  kNumbers,   // log(1 + numbers shared with a member)
  kRarest,    // the largest IDF of a term shared with a member
  kShared,    // log(1 + summed IDF of all terms shared with a member)
  // Means over the story's recent members (not the best one): a story that has grown by
  // chaining one member to the next matches a new article through one member only.
  kTitleMean,   // title–title cosine
  kCrossMean,   // mean of the two title–body cosines
  kSharedMean,  // log(1 + summed IDF of all terms shared)
  // log(1 + the story's members compared): the best member of a large story matches by
  // chance more often, and a story that keeps growing gathers other events.
  kSize,
  // The centroid cosine less the best other candidate's (0 without one): how clearly the
  // article points to this story rather than to another.
  kMargin,
  kCount,
};
constexpr size_t kPairFeatureCount = static_cast<size_t>(PairFeature::kCount);
using PairFeatures = std::array<double, kPairFeatureCount>;

// The feature names of the weights file, in PairFeature order.
extern const std::array<std::string_view, kPairFeatureCount> kPairFeatureNames;

struct StoryModel {
  // Document frequencies of a reference corpus: `prior_documents` articles, and for each
  // term seen in at least two of them, in how many.
  uint64_t prior_documents = 0;
  std::vector<std::pair<std::string, uint32_t>> prior_df;
  // P(same event | features) = 1 / (1 + exp(-(bias + weights · features))). Without pair
  // weights StoryIndex scores by centroid cosine alone.
  bool has_pair_weights = false;
  double bias = 0;
  PairFeatures weights{};
};

// Parses the two files' contents. The IDF prior: a line "documents N", then one line
// "DF<TAB>TERM" per term. The pair weights: lines "NAME VALUE" for "bias" and every name in
// kPairFeatureNames; '#' starts a comment. Either text may be empty (no prior / no weights).
Result<StoryModel> ParseStoryModel(std::string_view idf_prior, std::string_view pair_weights);

// Reads and parses the files; an empty path is an empty text.
Result<StoryModel> LoadStoryModel(const std::filesystem::path& idf_prior,
                                  const std::filesystem::path& pair_weights);

// The text of the two files (models/stories/) compiled into the library.
std::string_view EmbeddedIdfPrior();
std::string_view EmbeddedPairWeights();

// The embedded model, parsed once (thread-safe); shared because it is immutable and large.
std::shared_ptr<const StoryModel> EmbeddedStoryModel();

// The weights file for `model` (the inverse of ParseStoryModel's second half).
std::string FormatPairWeights(const StoryModel& model, std::string_view comment);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_STORY_MODEL_H_
