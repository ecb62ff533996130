#include "quotes/weights.h"

#include <gtest/gtest.h>

#include <vector>

namespace storyline::quotes::detail {
namespace {

TEST(WeightsTest, SerializeRoundTripsNonZeroWeights) {
  Weights w(10);
  std::vector<uint64_t> f = {Feat(1, 2), Feat(3, HashLower("said"))};
  w.At(w.Slot(f[0], 0)) = 1.5f;
  w.At(w.Slot(f[1], 2)) = -0.25f;
  Result<Weights> back = Weights::Parse(w.Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FLOAT_EQ(back->Score(f, 0), w.Score(f, 0));
  EXPECT_FLOAT_EQ(back->Score(f, 2), w.Score(f, 2));
  EXPECT_EQ(back->size(), w.size());
}

TEST(WeightsTest, ParseRejectsGarbageAndTruncation) {
  EXPECT_FALSE(Weights::Parse("").ok());
  EXPECT_FALSE(Weights::Parse("not a model file at all").ok());
  Weights w(8);
  w.At(3) = 1.0f;
  std::string bytes = w.Serialize();
  bytes.pop_back();
  Result<Weights> r = Weights::Parse(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

TEST(WeightsTest, HashLowerIgnoresAsciiCase) {
  EXPECT_EQ(HashLower("Said"), HashLower("said"));
  EXPECT_NE(HashLower("said"), HashLower("says"));
}

TEST(AveragedTrainerTest, AveragesOverSteps) {
  Weights w(8);
  AveragedTrainer trainer(w);
  uint64_t f = Feat(7);
  trainer.Update({&f, 1}, 0, 1.0f);  // weight 1 from step 1
  trainer.Tick();                    // step 2
  trainer.Tick();                    // step 3
  trainer.Update({&f, 1}, 0, 1.0f);  // weight 2 from step 3
  Weights avg = trainer.Averaged();
  // Steps 1,2 at weight 1; step 3 at weight 2: (1 + 1 + 2) / 3.
  EXPECT_NEAR(avg.Score({&f, 1}, 0), 4.0 / 3.0, 1e-5);
  EXPECT_FLOAT_EQ(w.Score({&f, 1}, 0), 2.0f);
}

}  // namespace
}  // namespace storyline::quotes::detail
