// Hashed linear weights for the quote models, and their averaged-perceptron trainer.
// A feature is a 64-bit hash; its weight for class k lives at Slot(feature, k) in one table
// of 2^bits floats shared by every model (each model uses its own classes).
#ifndef STORYLINE_QUOTES_WEIGHTS_H_
#define STORYLINE_QUOTES_WEIGHTS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline::quotes::detail {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

// FNV-1a of the ASCII-lowercased bytes.
constexpr uint64_t HashLower(std::string_view s, uint64_t h = kFnvOffset) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') u = static_cast<unsigned char>(u + 32);
    h = (h ^ u) * kFnvPrime;
  }
  return h;
}

constexpr uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// A feature from a template id and up to three values.
constexpr uint64_t Feat(uint64_t templ, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0) {
  return Mix(Mix(Mix(templ * 0x9e3779b97f4a7c15ULL + a) + b) + c);
}

class Weights {
 public:
  static constexpr uint32_t kDefaultBits = 22;

  explicit Weights(uint32_t bits = kDefaultBits);

  size_t Slot(uint64_t feature, uint32_t cls) const {
    // The classes of one feature are neighbours: one cache line for the cue tagger's three.
    return static_cast<size_t>((Mix(feature) + cls) & mask_);
  }
  float Score(std::span<const uint64_t> features, uint32_t cls) const {
    float s = 0;
    for (uint64_t f : features) s += w_[Slot(f, cls)];
    return s;
  }
  float At(size_t slot) const { return w_[slot]; }
  float& At(size_t slot) { return w_[slot]; }
  size_t size() const { return w_.size(); }

  // Binary file: "SLQW", bits (u32), count (u64), then count × (slot u32, weight f32),
  // little-endian. Only non-zero weights are written.
  std::string Serialize() const;
  static Result<Weights> Parse(std::string_view bytes);

 private:
  uint64_t mask_;
  std::vector<float> w_;
};

// Averaged perceptron over a Weights table. Each training step is Tick() then its Updates;
// Averaged() gives the mean of the weights in effect at the end of every step (computed
// lazily, per slot).
class AveragedTrainer {
 public:
  explicit AveragedTrainer(Weights& weights);
  void Tick() { ++step_; }
  void Update(std::span<const uint64_t> features, uint32_t cls, float delta);
  // The weights averaged over every step so far (training may go on).
  Weights Averaged() const;

 private:
  Weights& weights_;
  std::vector<double> total_;
  std::vector<int64_t> stamp_;
  int64_t step_ = 1;
};

}  // namespace storyline::quotes::detail

#endif  // STORYLINE_QUOTES_WEIGHTS_H_
