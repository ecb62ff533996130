// Training the story model (cluster/story_model.h) on neus train (and, for the IDF prior,
// the BBC summaries corpus): the code behind storyline_train_story_model.
#ifndef STORYLINE_EVAL_STORIES_STORY_TRAINING_H_
#define STORYLINE_EVAL_STORIES_STORY_TRAINING_H_

#include <filesystem>
#include <string>

#include "cluster/stories.h"
#include "cluster/story_model.h"
#include "eval/stories/stories_eval.h"
#include "storyline/status.h"

namespace storyline::eval {

// The IDF prior file: document frequencies of every term (as StoryIndex extracts them with
// `options`) over the articles of `train` and the JSON Lines records ({"title",
// "article"}) of `extra_corpus` (none when empty), keeping terms in >= min_df documents.
Result<std::string> BuildIdfPrior(const StorySplit& train,
                                  const std::filesystem::path& extra_corpus,
                                  const cluster::StoryOptions& options, uint32_t min_df);

struct PairTraining {
  cluster::StoryModel model;  // options.model's prior with the fitted weights
  size_t examples = 0;
  size_t positives = 0;
  size_t gold_missed = 0;  // articles whose gold story the index did not rank (added anyway)
  double log_loss = 0;     // mean, on the training examples
};

// Fits the pair weights by L2-regularized logistic regression (Newton's method) on the
// candidates StoryIndex ranks for each article of each of `parts`, streamed in order (one
// index per part) with every earlier article already in its gold story: positive = the
// gold story, negatives = the other candidates (hard near neighbours). Each further round
// (`rounds` > 1) streams the parts again through an index that assigns with the last
// round's weights and adds its candidates (positive: a story holding an article of the same
// event), so the model also learns the stories it builds itself; the weights are fitted on
// all rounds' candidates. Features named in `dropped` (kPairFeatureNames) are left out
// (weight 0), for ablations. Deterministic.
Result<PairTraining> TrainPairWeights(const std::vector<StorySplit>& parts,
                                      const cluster::StoryOptions& options, double l2,
                                      const std::vector<std::string>& dropped = {}, int rounds = 1);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_STORIES_STORY_TRAINING_H_
