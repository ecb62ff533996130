#include "storyline/article.h"

#include <gtest/gtest.h>

namespace storyline {
namespace {

TEST(TimestampTest, FormatsDateOnlyLocalAndZoned) {
  Timestamp t;
  t.year = 2025;
  t.month = 11;
  t.day = 7;
  EXPECT_EQ(t.ToIso8601(), "2025-11-07");
  t.has_time = true;
  t.hour = 12;
  t.minute = 28;
  EXPECT_EQ(t.ToIso8601(), "2025-11-07T12:28:00");
  t.utc_offset_minutes = -330;
  EXPECT_EQ(t.ToIso8601(), "2025-11-07T12:28:00-05:30");
}

TEST(TimestampTest, RoundTripsThroughIso8601) {
  for (const char* s : {"2025-11-07", "2025-11-07T12:28:00", "2025-11-07T12:20:00+00:00",
                        "1999-02-28T23:59:59-08:00"}) {
    auto t = Timestamp::FromIso8601(s);
    ASSERT_TRUE(t) << s;
    EXPECT_EQ(t->ToIso8601(), s);
  }
}

TEST(TimestampTest, AcceptsCompactOffsetsAndZulu) {
  auto t = Timestamp::FromIso8601("2025-11-07T12:20+0000");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->ToIso8601(), "2025-11-07T12:20:00+00:00");
  t = Timestamp::FromIso8601("2025-11-07T12:20:05.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->ToIso8601(), "2025-11-07T12:20:05+00:00");
}

TEST(TimestampTest, RejectsImpossibleDates) {
  EXPECT_FALSE(Timestamp::FromIso8601("2025-02-29"));
  EXPECT_FALSE(Timestamp::FromIso8601("2025-13-01"));
  EXPECT_FALSE(Timestamp::FromIso8601("2025-11-07T25:00"));
  EXPECT_FALSE(Timestamp::FromIso8601("2025-11-07T12:00+0000garbage"));
  EXPECT_FALSE(Timestamp::FromIso8601("yesterday"));
}

TEST(TimestampTest, UnixSecondsHonourOffset) {
  auto utc = Timestamp::FromIso8601("2025-11-07T12:20:00+00:00");
  auto msk = Timestamp::FromIso8601("2025-11-07T15:20:00+03:00");
  ASSERT_TRUE(utc && msk);
  EXPECT_EQ(utc->ToUnixSeconds(), 1762518000);
  EXPECT_EQ(utc->ToUnixSeconds(), msk->ToUnixSeconds());
}

}  // namespace
}  // namespace storyline
