// Training the quote model (src/quotes/model.h) on PolNeAR: the cue tagger on every
// sentence's gold B/I/O cue tags, the span scorers on every gold attribution's cue (so
// they learn from correct cues). Averaged perceptron, documents shuffled each epoch with a
// fixed seed: the same data and options give the same model file.
#ifndef STORYLINE_EVAL_QUOTES_TRAINING_H_
#define STORYLINE_EVAL_QUOTES_TRAINING_H_

#include <cstdint>
#include <ostream>
#include <vector>

#include "eval/quotes/polnear.h"
#include "quotes/weights.h"

namespace storyline::eval::quotes {

struct TrainOptions {
  size_t epochs = 8;
  uint32_t seed = 1;
  // Perceptrons trained with seeds seed, seed + 1, ...; the model is their mean weights
  // (averaging over document orders: about +1 point of dev F1 over one).
  size_t shuffles = 1;
  uint32_t table_bits = storyline::quotes::detail::Weights::kDefaultBits;
  // Must match the QuoteOptions the model is used with.
  size_t max_sentence_tokens = 300;
  size_t max_content_tokens = 200;
  // Cue biases (QuoteOptions::cue_bias) to score dev with after training.
  std::vector<float> cue_biases = {0.0f, 5.0f, 7.5f, 10.0f, 15.0f, 20.0f, 30.0f};
};

// `dev` may be empty; otherwise its scores are logged after every epoch.
Result<storyline::quotes::detail::Weights> Train(const std::vector<AnnotatedText>& train,
                                                 const std::vector<AnnotatedText>& dev,
                                                 const TrainOptions& options, std::ostream& log);

}  // namespace storyline::eval::quotes

#endif  // STORYLINE_EVAL_QUOTES_TRAINING_H_
