// Compact hash tables for the duplicate index: a map from 64-bit keys to 32-bit values
// (open addressing, linear probing) and, on top of it, posting lists (key → documents,
// newest first) kept as chains in one node array. About 12 bytes per table slot and 8 per
// posting, instead of the ~50 of a node-based std::unordered_multimap.
// Not thread-safe: one writer, no concurrent readers.
#ifndef STORYLINE_DEDUP_POSTINGS_H_
#define STORYLINE_DEDUP_POSTINGS_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace storyline::dedup::detail {

class FlatMap {
 public:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

  // The value stored under `key`, or kNone.
  uint32_t Find(uint64_t key) const {
    if (keys_.empty()) return kNone;
    key = Fix(key);
    for (size_t i = Slot(key);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == 0) return kNone;
    }
  }

  // The value under `key`, inserted as `value` when absent.
  uint32_t& FindOrInsert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > keys_.size() * 3) Grow();
    key = Fix(key);
    size_t i = Slot(key);
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & (keys_.size() - 1);
    if (keys_[i] == 0) {
      keys_[i] = key;
      values_[i] = value;
      ++size_;
    }
    return values_[i];
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const {
    return keys_.capacity() * sizeof(uint64_t) + values_.capacity() * sizeof(uint32_t);
  }

 private:
  static uint64_t Fix(uint64_t key) { return key == 0 ? 0x9E3779B97F4A7C15ull : key; }
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Grow() {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_values = std::move(values_);
    const size_t capacity = old_keys.empty() ? 64 : old_keys.size() * 2;
    keys_.assign(capacity, 0);
    values_.assign(capacity, 0);
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != 0) FindOrInsert(old_keys[i], old_values[i]);
    }
  }

  std::vector<uint64_t> keys_;  // 0: empty slot
  std::vector<uint32_t> values_;
  size_t size_ = 0;
  int shift_ = 64;
};

class Postings {
 public:
  void Add(uint64_t key, uint32_t doc) {
    uint32_t& head = heads_.FindOrInsert(key, FlatMap::kNone);
    nodes_.push_back({doc, head});
    head = static_cast<uint32_t>(nodes_.size() - 1);
  }

  // Calls visit(doc) for at most `limit` documents under `key`, newest first.
  template <typename Visit>
  void ForEach(uint64_t key, size_t limit, Visit&& visit) const {
    for (uint32_t n = heads_.Find(key); n != FlatMap::kNone && limit > 0; --limit) {
      visit(nodes_[n].doc);
      n = nodes_[n].next;
    }
  }

  size_t MemoryBytes() const { return heads_.MemoryBytes() + nodes_.capacity() * sizeof(Node); }

 private:
  struct Node {
    uint32_t doc;
    uint32_t next;
  };
  FlatMap heads_;
  std::vector<Node> nodes_;
};

}  // namespace storyline::dedup::detail

#endif  // STORYLINE_DEDUP_POSTINGS_H_
