#include "dedup/postings.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <vector>

namespace storyline::dedup::detail {
namespace {

TEST(FlatMapTest, FindsWhatWasInsertedIncludingKeyZero) {
  FlatMap map;
  for (uint64_t k = 0; k < 5000; ++k) map.FindOrInsert(k * 0x100000001ull, uint32_t(k));
  EXPECT_EQ(map.size(), 5000u);
  for (uint64_t k = 0; k < 5000; ++k) EXPECT_EQ(map.Find(k * 0x100000001ull), uint32_t(k));
  EXPECT_EQ(map.Find(5000 * 0x100000001ull), FlatMap::kNone);
  EXPECT_EQ(map.FindOrInsert(7 * 0x100000001ull, 99), 7u);  // present: unchanged
}

// The blocked lists against a plain map of vectors: the newest `limit` documents, newest
// first, for keys with 1 to 300 documents, interleaved.
TEST(PostingsTest, MatchesAReferenceOfWholeLists) {
  for (size_t max_per_key : {1, 2, 5, 32}) {
    Postings postings(max_per_key);
    std::map<uint64_t, std::vector<uint32_t>> reference;
    uint64_t state = 42;
    for (uint32_t doc = 0; doc < 20000; ++doc) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      // Skewed keys: a few with hundreds of documents, many with one or two.
      const uint64_t key = (state >> 33) % ((state >> 60) < 4 ? 8 : 5000);
      postings.Add(key, doc);
      reference[key].push_back(doc);
    }
    std::vector<uint64_t> keys;
    for (const auto& [key, docs] : reference) keys.push_back(key);
    keys.push_back(123456789);  // absent
    for (size_t limit : {size_t{1}, max_per_key}) {
      std::vector<uint32_t> got, want;
      postings.ForEach(keys, limit, [&](uint32_t doc) { got.push_back(doc); });
      for (uint64_t key : keys) {
        const std::vector<uint32_t>& docs = reference[key];
        for (size_t k = 0; k < std::min(limit, docs.size()); ++k) {
          want.push_back(docs[docs.size() - 1 - k]);
        }
      }
      EXPECT_EQ(got, want) << "max_per_key " << max_per_key << " limit " << limit;
    }
    EXPECT_GT(postings.MemoryBytes(), 0u);
  }
}

}  // namespace
}  // namespace storyline::dedup::detail
