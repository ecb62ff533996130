// Compact hash tables for the duplicate index: a map from 64-bit keys to 32-bit values
// (open addressing, linear probing, key and value in one 12-byte slot so a lookup touches
// one cache line) and, on top of it, posting lists (key → documents, newest first).
//
// A posting list holds at most `max_per_key` documents (the most any reader asks for):
// one document lives in the map slot itself; more live in one contiguous block that
// doubles as it fills (2, 4, ... up to max_per_key rounded up to a power of two) and then
// turns into a ring that overwrites the oldest. Reading a list costs one or two cache
// misses however long it is, and a word every article has costs one block, not a chain
// through the whole index. Blocks outgrown go to a free list per size for reuse.
// Not thread-safe: one writer, no concurrent readers.
#ifndef STORYLINE_DEDUP_POSTINGS_H_
#define STORYLINE_DEDUP_POSTINGS_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace storyline::dedup::detail {

class FlatMap {
 public:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

  // The value stored under `key`, or kNone.
  uint32_t Find(uint64_t key) const {
    if (slots_.empty()) return kNone;
    key = Fix(key);
    for (size_t i = Slot(key);; i = (i + 1) & (slots_.size() - 1)) {
      const uint64_t k = slots_[i].key();
      if (k == key) return slots_[i].value;
      if (k == 0) return kNone;
    }
  }

  // Hints that `key` is looked up soon (a batch of lookups then overlaps its misses).
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Slot(Fix(key))]);
  }

  // The value under `key`, inserted as `value` when absent.
  uint32_t& FindOrInsert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    key = Fix(key);
    size_t i = Slot(key);
    while (slots_[i].key() != 0 && slots_[i].key() != key) i = (i + 1) & (slots_.size() - 1);
    if (slots_[i].key() == 0) {
      slots_[i] = {static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32), value};
      ++size_;
    }
    return slots_[i].value;
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Entry); }

 private:
  struct Entry {  // 12 bytes: the key split in halves keeps the slot 4-byte aligned
    uint32_t key_low;
    uint32_t key_high;
    uint32_t value;
    uint64_t key() const { return (uint64_t{key_high} << 32) | key_low; }
  };

  static uint64_t Fix(uint64_t key) { return key == 0 ? 0x9E3779B97F4A7C15ull : key; }
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Grow() {
    std::vector<Entry> old = std::move(slots_);
    const size_t capacity = old.empty() ? 64 : old.size() * 2;
    slots_.assign(capacity, Entry{0, 0, 0});
    shift_ = 64 - std::countr_zero(capacity);
    size_ = 0;
    for (const Entry& e : old) {
      if (e.key() != 0) FindOrInsert(e.key(), e.value);
    }
  }

  std::vector<Entry> slots_;  // key 0: empty slot
  size_t size_ = 0;
  int shift_ = 64;
};

class Postings {
 public:
  // REQUIRES: max_per_key >= 1. Lists keep the newest max_per_key documents.
  explicit Postings(size_t max_per_key)
      : max_class_(static_cast<uint32_t>(std::bit_width(std::max<size_t>(max_per_key, 2) - 1))) {}

  // REQUIRES: doc < 2^31.
  void Add(uint64_t key, uint32_t doc) {
    uint32_t& head = heads_.FindOrInsert(key, FlatMap::kNone);
    if (head == FlatMap::kNone) {
      head = kSingle | doc;
      return;
    }
    if ((head & kSingle) != 0) {
      const uint32_t block = Allocate(1);
      pool_[block + 1] = 2;
      pool_[block + 2] = head & ~kSingle;
      pool_[block + 3] = doc;
      head = block;
      return;
    }
    uint32_t block = head;
    const uint32_t size_class = pool_[block];
    const uint32_t capacity = 1u << size_class;
    const uint32_t count = pool_[block + 1];
    if (count == capacity && size_class < max_class_) {  // full: move to a block twice the size
      const uint32_t bigger = Allocate(size_class + 1);
      std::copy_n(pool_.begin() + block + 2, capacity, pool_.begin() + bigger + 2);
      pool_[bigger + 1] = count;
      Free(block);
      block = bigger;
      head = bigger;
    }
    const uint32_t mask = (1u << pool_[block]) - 1;
    pool_[block + 2 + (pool_[block + 1] & mask)] = doc;
    ++pool_[block + 1];
  }

  // Calls visit(doc) for at most `limit` documents under each of `keys` (key by key, each
  // newest first). The keys' slots and blocks are fetched together, so their cache misses
  // overlap.
  template <typename Visit>
  void ForEach(std::span<const uint64_t> keys, size_t limit, Visit&& visit) const {
    constexpr size_t kBatch = 32;
    for (size_t begin = 0; begin < keys.size(); begin += kBatch) {
      const size_t n = std::min(kBatch, keys.size() - begin);
      std::array<uint32_t, kBatch> heads;
      for (size_t i = 0; i < n; ++i) heads_.Prefetch(keys[begin + i]);
      for (size_t i = 0; i < n; ++i) {
        heads[i] = heads_.Find(keys[begin + i]);
        if (heads[i] != FlatMap::kNone && (heads[i] & kSingle) == 0) {
          __builtin_prefetch(&pool_[heads[i]]);
        }
      }
      for (size_t i = 0; i < n; ++i) Visit1(heads[i], limit, visit);
    }
  }

  size_t MemoryBytes() const { return heads_.MemoryBytes() + pool_.capacity() * sizeof(uint32_t); }

 private:
  static constexpr uint32_t kSingle = 1u << 31;  // a head that is one document, no block

  template <typename Visit>
  void Visit1(uint32_t head, size_t limit, Visit& visit) const {
    if (head == FlatMap::kNone || limit == 0) return;
    if ((head & kSingle) != 0) {
      visit(head & ~kSingle);
      return;
    }
    const uint32_t mask = (1u << pool_[head]) - 1;
    const uint32_t count = pool_[head + 1];
    const uint32_t held = std::min(count, mask + 1);
    const uint32_t n = static_cast<uint32_t>(std::min<size_t>(held, limit));
    for (uint32_t k = 1; k <= n; ++k) visit(pool_[head + 2 + ((count - k) & mask)]);
  }

  // A block of 2^size_class documents: [size class, documents added, documents...].
  uint32_t Allocate(uint32_t size_class) {
    if (size_class < free_.size() && free_[size_class] != FlatMap::kNone) {
      const uint32_t block = free_[size_class];
      free_[size_class] = pool_[block + 1];
      pool_[block] = size_class;
      return block;
    }
    const auto block = static_cast<uint32_t>(pool_.size());
    const size_t need = pool_.size() + 2 + (size_t{1} << size_class);
    if (need > pool_.capacity()) pool_.reserve(std::max(need, pool_.capacity() / 4 * 5));
    pool_.resize(need);
    pool_[block] = size_class;
    return block;
  }
  void Free(uint32_t block) {
    const uint32_t size_class = pool_[block];
    if (free_.size() <= size_class) free_.resize(size_class + 1, FlatMap::kNone);
    pool_[block + 1] = free_[size_class];
    free_[size_class] = block;
  }

  uint32_t max_class_;  // log2 of the largest block
  FlatMap heads_;       // key → kSingle|doc, or the offset of its block in pool_
  std::vector<uint32_t> pool_;
  std::vector<uint32_t> free_;  // per size class: first free block (its next in word 1)
};

}  // namespace storyline::dedup::detail

#endif  // STORYLINE_DEDUP_POSTINGS_H_
