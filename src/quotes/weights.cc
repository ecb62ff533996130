#include "quotes/weights.h"

#include <bit>
#include <cstring>

namespace storyline::quotes::detail {

namespace {

constexpr std::string_view kMagic = "SLQW";

template <typename T>
void Put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <typename T>
T Get(std::string_view bytes, size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof(T));
  return value;
}

}  // namespace

Weights::Weights(uint32_t bits) : mask_((uint64_t{1} << bits) - 1), w_(size_t{1} << bits, 0.0f) {}

std::string Weights::Serialize() const {
  static_assert(std::endian::native == std::endian::little, "model files are little-endian");
  size_t count = 0;
  for (float v : w_) count += v != 0.0f;
  std::string out(kMagic);
  Put<uint32_t>(out, static_cast<uint32_t>(std::countr_zero(w_.size())));
  Put<uint64_t>(out, count);
  for (size_t i = 0; i < w_.size(); ++i) {
    if (w_[i] == 0.0f) continue;
    Put<uint32_t>(out, static_cast<uint32_t>(i));
    Put<float>(out, w_[i]);
  }
  return out;
}

Result<Weights> Weights::Parse(std::string_view bytes) {
  constexpr size_t kHeader = 4 + 4 + 8;
  if (bytes.size() < kHeader || bytes.substr(0, 4) != kMagic) {
    return Status::Corruption("quote model: not a weights file (bad magic)");
  }
  uint32_t bits = Get<uint32_t>(bytes, 4);
  uint64_t count = Get<uint64_t>(bytes, 8);
  if (bits < 4 || bits > 28) return Status::Corruption("quote model: bad table size");
  if (count > (uint64_t{1} << bits) || bytes.size() != kHeader + count * 8) {
    return Status::Corruption("quote model: truncated or oversized weights file");
  }
  Weights weights(bits);
  for (uint64_t i = 0; i < count; ++i) {
    size_t at = kHeader + static_cast<size_t>(i) * 8;
    uint32_t slot = Get<uint32_t>(bytes, at);
    if (slot >= weights.w_.size()) return Status::Corruption("quote model: slot out of range");
    weights.w_[slot] = Get<float>(bytes, at + 4);
  }
  return weights;
}

AveragedTrainer::AveragedTrainer(Weights& weights)
    : weights_(weights), total_(weights.size(), 0.0), stamp_(weights.size(), 0) {}

void AveragedTrainer::Update(std::span<const uint64_t> features, uint32_t cls, float delta) {
  for (uint64_t f : features) {
    size_t slot = weights_.Slot(f, cls);
    total_[slot] += static_cast<double>(step_ - stamp_[slot]) * weights_.At(slot);
    stamp_[slot] = step_;
    weights_.At(slot) += delta;
  }
}

Weights AveragedTrainer::Averaged() const {
  Weights averaged = weights_;
  for (size_t slot = 0; slot < weights_.size(); ++slot) {
    double total = total_[slot] + static_cast<double>(step_ - stamp_[slot] + 1) * weights_.At(slot);
    averaged.At(slot) = static_cast<float>(total / static_cast<double>(step_));
  }
  return averaged;
}

}  // namespace storyline::quotes::detail
