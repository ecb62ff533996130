#include "extract/date.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline::extract {
namespace {

// Expected results are written as Timestamp::ToIso8601 writes them: zone-less times have no
// offset, date-only values have no time.
struct DateCase {
  std::string input;
  std::string expected;  // "" = nullopt
};

std::string Show(const std::optional<Timestamp>& t) { return t ? t->ToIso8601() : ""; }

class ParseDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDateTest, Parses) {
  const DateCase& c = GetParam();
  EXPECT_EQ(Show(ParseDate(c.input)), c.expected) << "input: " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Iso8601, ParseDateTest,
    ::testing::Values(DateCase{"2025-11-07T12:20:00+00:00", "2025-11-07T12:20:00+00:00"},
                      DateCase{"2025-11-07T12:20+0000", "2025-11-07T12:20:00+00:00"},
                      DateCase{"2025-11-07T12:20:00Z", "2025-11-07T12:20:00+00:00"},
                      DateCase{"2025-11-07T12:20:00.123Z", "2025-11-07T12:20:00+00:00"},
                      DateCase{"2025-11-07T12:20:00.123456+03:00", "2025-11-07T12:20:00+03:00"},
                      DateCase{"2025-11-07 12:20:00Z", "2025-11-07T12:20:00+00:00"},
                      DateCase{"2025-11-07 12:20:00 +0000", "2025-11-07T12:20:00+00:00"},
                      DateCase{"2025-11-07T12:20:00-05:00", "2025-11-07T12:20:00-05:00"},
                      DateCase{"2025-11-07T12:20:00", "2025-11-07T12:20:00"},
                      DateCase{"2025-11-07T12:20", "2025-11-07T12:20:00"},
                      DateCase{"2025-11-07", "2025-11-07"},
                      DateCase{"  2025-11-07\n", "2025-11-07"},
                      DateCase{"2025/11/07", "2025-11-07"}, DateCase{"2025.11.07", "2025-11-07"},
                      DateCase{"2025/11/07 08:15", "2025-11-07T08:15:00"}));

INSTANTIATE_TEST_SUITE_P(
    Rfc2822, ParseDateTest,
    ::testing::Values(DateCase{"Fri, 07 Nov 2025 12:20:00 GMT", "2025-11-07T12:20:00+00:00"},
                      DateCase{"Fri, 07 Nov 2025 12:20:00 +0300", "2025-11-07T12:20:00+03:00"},
                      DateCase{"Fri, 7 Nov 2025 12:20:00 -0500", "2025-11-07T12:20:00-05:00"},
                      DateCase{"Fri, 07 Nov 2025 12:20 UTC", "2025-11-07T12:20:00+00:00"},
                      DateCase{"07 Nov 2025 12:20:00 EST", "2025-11-07T12:20:00-05:00"},
                      DateCase{"07 Nov 2025 12:20 EDT", "2025-11-07T12:20:00-04:00"},
                      DateCase{"07 Nov 2025 12:20 CST", "2025-11-07T12:20:00-06:00"},
                      DateCase{"07 Nov 2025 12:20 CDT", "2025-11-07T12:20:00-05:00"},
                      DateCase{"07 Nov 2025 12:20 MST", "2025-11-07T12:20:00-07:00"},
                      DateCase{"07 Nov 2025 12:20 MDT", "2025-11-07T12:20:00-06:00"},
                      DateCase{"07 Nov 2025 12:20 PST", "2025-11-07T12:20:00-08:00"},
                      DateCase{"07 Nov 2025 12:20 PDT", "2025-11-07T12:20:00-07:00"},
                      DateCase{"07 Jul 2025 12:20 BST", "2025-07-07T12:20:00+01:00"},
                      DateCase{"07 Nov 2025 12:20 CET", "2025-11-07T12:20:00+01:00"},
                      DateCase{"07 Jul 2025 12:20 CEST", "2025-07-07T12:20:00+02:00"},
                      DateCase{"07 Nov 2025 12:20 MSK", "2025-11-07T12:20:00+03:00"},
                      DateCase{"07 Nov 2025 12:20 IST", "2025-11-07T12:20:00+05:30"},
                      DateCase{"07 Nov 2025 12:20 GMT+3", "2025-11-07T12:20:00+03:00"},
                      DateCase{"07 Nov 2025 12:20 (UTC+03:00)", "2025-11-07T12:20:00+03:00"}));

INSTANTIATE_TEST_SUITE_P(
    Visible, ParseDateTest,
    ::testing::Values(
        DateCase{"7 NOV 2025 12:28", "2025-11-07T12:28:00"}, DateCase{"7 nov 2025", "2025-11-07"},
        DateCase{"7 Nov. 2025", "2025-11-07"}, DateCase{"7th November 2025", "2025-11-07"},
        DateCase{"7 November 2025", "2025-11-07"}, DateCase{"7-Nov-2025", "2025-11-07"},
        DateCase{"November 7, 2025", "2025-11-07"}, DateCase{"NOVEMBER 7 2025", "2025-11-07"},
        DateCase{"December 19. 2025", "2025-12-19"}, DateCase{"Sept. 30, 2025", "2025-09-30"},
        DateCase{"Nov. 7, 2025 at 3:04 PM EST", "2025-11-07T15:04:00-05:00"},
        DateCase{"Nov. 7, 2025 at 3:04 p.m. ET", "2025-11-07T15:04:00"},
        DateCase{"Nov 7, 2025, 12:04 am", "2025-11-07T00:04:00"},
        DateCase{"Nov 7, 2025 12 PM", "2025-11-07T12:00:00"},
        DateCase{"Friday, November 7, 2025 9:15 AM", "2025-11-07T09:15:00"},
        DateCase{"07.11.2025", "2025-11-07"}, DateCase{"07.11.2025 14:30", "2025-11-07T14:30:00"},
        DateCase{"14:30 07.11.2025", "2025-11-07T14:30:00"}, DateCase{"7.11.2025", "2025-11-07"},
        DateCase{"25/12/2025", "2025-12-25"}, DateCase{"12/25/2025", "2025-12-25"},
        DateCase{"07-11-2025", "2025-11-07"}, DateCase{"11-29-2024", "2024-11-29"},
        DateCase{"06.18.2025", "2025-06-18"}, DateCase{"December 15th 2025", "2025-12-15"},
        DateCase{"7 Nov 2025.", "2025-11-07"}));

// Structured data as CMSes and scholarly metadata write it.
INSTANTIATE_TEST_SUITE_P(
    Metadata, ParseDateTest,
    ::testing::Values(DateCase{"2024-08-12 10:00:23", "2024-08-12T10:00:23"},
                      DateCase{"2023 Jan 7", "2023-01-07"},
                      DateCase{"2024 Jun 30", "2024-06-30"}));

INSTANTIATE_TEST_SUITE_P(
    Labels, ParseDateTest,
    ::testing::Values(DateCase{"Published: 7 Nov 2025", "2025-11-07"},
                      DateCase{"Published on November 7, 2025", "2025-11-07"},
                      DateCase{"Updated on 07.11.2025 14:30", "2025-11-07T14:30:00"},
                      DateCase{"Posted 2025-11-07", "2025-11-07"},
                      DateCase{"Last updated: Fri, 07 Nov 2025 12:20:00 GMT",
                               "2025-11-07T12:20:00+00:00"},
                      DateCase{"PUBLISHED: 7 NOV 2025 12:28", "2025-11-07T12:28:00"}));

INSTANTIATE_TEST_SUITE_P(
    Rejected, ParseDateTest,
    ::testing::Values(DateCase{"", ""}, DateCase{"   ", ""}, DateCase{"hello world", ""},
                      DateCase{"2025-02-30", ""},          // no such day
                      DateCase{"31 Apr 2025", ""},         // no such day
                      DateCase{"29 Feb 2025", ""},         // not a leap year
                      DateCase{"2025-13-01", ""},          // no such month
                      DateCase{"2025-11-07T25:00", ""},    // no such hour
                      DateCase{"07/11/2025", ""},          // July or November: not guessed
                      DateCase{"7 Nov 2025 by John", ""},  // more than a date
                      DateCase{"Novembr 7, 2025", ""}, DateCase{"2025", ""}, DateCase{"12:30", ""},
                      DateCase{"Published:", ""}));

TEST(ParseDateTest, LeapDayAccepted) {
  EXPECT_EQ(Show(ParseDate("29 Feb 2024")), "2024-02-29");
  EXPECT_EQ(Show(ParseDate("2000-02-29")), "2000-02-29");
  EXPECT_EQ(Show(ParseDate("1900-02-29")), "");
}

TEST(ParseDateTest, KeepsZoneLessTimesZoneLess) {
  auto t = ParseDate("7 Nov 2025 12:28");
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(t->has_time);
  EXPECT_FALSE(t->utc_offset_minutes.has_value());
  auto d = ParseDate("7 Nov 2025");
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->has_time);
}

class FindDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(FindDateTest, Finds) {
  const DateCase& c = GetParam();
  EXPECT_EQ(Show(FindDate(c.input)), c.expected) << "input: " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    All, FindDateTest,
    ::testing::Values(
        DateCase{"Posted on 7 NOV 2025 12:28 by Jane Doe", "2025-11-07T12:28:00"},
        // Blocks a scraper glued together: a capital after a letter or a digit.
        DateCase{"ByKathryn GiuffridaMar 5, 2025 | 6 comments", "2025-03-05"},
        DateCase{"Posted on November 25, 2024December 3, 2024 in", "2024-11-25"},
        DateCase{"extreme minimalismKristenMarch 11, 2024 sustainable", "2024-03-11"},
        DateCase{"iPhone 15 Pro", ""}, DateCase{"By Jane Doe | November 7, 2025", "2025-11-07"},
        DateCase{"By Jane Doe, Reuters. Nov. 7, 2025 at 3:04 PM EST. 5 min read",
                 "2025-11-07T15:04:00-05:00"},
        DateCase{"Updated 14:30 07.11.2025", "2025-11-07T14:30:00"},
        DateCase{"Moscow, 2025-11-07T10:00:00+03:00 (RIA)", "2025-11-07T10:00:00+03:00"},
        DateCase{"7 Nov 2025 - 12 comments", "2025-11-07"}, DateCase{"version 3.14 released", ""},
        DateCase{"id20251107", ""},
        // A scraper glued the next block to the year; a letter after a date in
        // lower case is an identifier.
        DateCase{"Posted on June 29, 2020November 12, 2021", "2020-06-29"},
        DateCase{"2025-11-07abc", ""}, DateCase{"no date here at all", ""}, DateCase{"", ""},
        // ... or its reading time or age: one or two digits and a unit of time.
        DateCase{"Mar 27, 20255 mins", "2025-03-27"},
        DateCase{"By Conor AllisonJanuary 14, 202620 Mins Read", "2026-01-14"},
        DateCase{"June 14, 20241 yr in Kerbal Network", "2024-06-14"},
        DateCase{"May 2nd 202511 mins", "2025-05-02"}, DateCase{"Mar 27, 20255 apples", ""},
        DateCase{"Mar 27, 2025123 mins", ""},
        DateCase{"It happened on 31 April 2025, then on 1 May 2025", "2025-05-01"}));

// Month names of other European languages, with the connectors they take ("de", "22.").
INSTANTIATE_TEST_SUITE_P(
    Foreign, ParseDateTest,
    ::testing::Values(DateCase{"22. Januar 2018", "2018-01-22"},
                      DateCase{"3. M\xC3\xA4rz 2021", "2021-03-03"},       // März
                      DateCase{"3. M\xC3\x84RZ 2021", "2021-03-03"},       // MÄRZ
                      DateCase{"22 janvier 2018", "2018-01-22"},
                      DateCase{"1er ao\xC3\xBBt 2019", ""},               // "1er": not read
                      DateCase{"14 f\xC3\xA9vr. 2020", "2020-02-14"},      // févr.
                      DateCase{"22 de enero de 2018", "2018-01-22"},
                      DateCase{"5 de mar\xC3\xA7o de 2019", "2019-03-05"},  // março
                      DateCase{"22 gennaio 2018", "2018-01-22"},
                      DateCase{"22 januari 2018", "2018-01-22"},
                      DateCase{"22 stycznia 2018", "2018-01-22"},
                      // 22 января 2018, then Января (capitalised Cyrillic)
                      DateCase{"22 \xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F 2018",
                               "2018-01-22"},
                      DateCase{"22 \xD0\xAF\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F 2018",
                               "2018-01-22"},
                      DateCase{"22 de 2018", ""},  // a connector is not a month
                      DateCase{"22 janviers 2018", ""}));

// A weekday in another language before the date: found inside the text, not parsed whole.
INSTANTIATE_TEST_SUITE_P(
    Foreign, FindDateTest,
    ::testing::Values(DateCase{"segunda-feira, 22 de janeiro de 2018", "2018-01-22"},
                      DateCase{"Publi\xC3\xA9 le 22 janvier 2018 \xC3\xA0 10h", "2018-01-22"},
                      DateCase{"Montag, 22. Januar 2018, 10:15 Uhr", "2018-01-22T10:15:00"},
                      DateCase{"Stand: 22.01.2018", "2018-01-22"}));

class DateFromUrlTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateFromUrlTest, Reads) {
  const DateCase& c = GetParam();
  EXPECT_EQ(Show(DateFromUrl(c.input)), c.expected) << "input: " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    All, DateFromUrlTest,
    ::testing::Values(DateCase{"https://example.com/2025/11/07/some-story/", "2025-11-07"},
                      DateCase{"https://example.com/news/2025/11/07/some-story.html", "2025-11-07"},
                      DateCase{"https://example.com/2025-11-07/some-story", "2025-11-07"},
                      DateCase{"https://example.com/world/2025-11-07-some-story", "2025-11-07"},
                      DateCase{"https://sputnikglobe.com/20251107/slug-123.html", "2025-11-07"},
                      DateCase{"https://example.com/20251107/", "2025-11-07"},
                      DateCase{"sputnikglobe.com/20251107/slug-123.html", "2025-11-07"},
                      DateCase{"https://example.com/2025/11/some-story", ""},
                      DateCase{"https://example.com/2025/02/30/bad-day", ""},
                      DateCase{"https://example.com/article/12345678-story", ""},  // not a date
                      DateCase{"https://example.com/a/202511071/", ""},            // nine digits
                      DateCase{"https://20251107.example.com/story", ""},          // host, not path
                      DateCase{"https://example.com/story?d=2025-11-07", ""},  // query, not path
                      DateCase{"", ""}));

TEST(IsPlausibleNewsDateTest, Bounds) {
  const int64_t now = 1762517000;  // 2025-11-07T12:03:20Z
  EXPECT_TRUE(IsPlausibleNewsDate(*ParseDate("2025-11-07T12:00:00Z"), now));
  EXPECT_TRUE(IsPlausibleNewsDate(*ParseDate("1990-01-01"), now));
  EXPECT_FALSE(IsPlausibleNewsDate(*ParseDate("1989-12-31"), now));
  EXPECT_TRUE(IsPlausibleNewsDate(*ParseDate("2025-11-08T11:00:00Z"), now));
  EXPECT_FALSE(IsPlausibleNewsDate(*ParseDate("2025-11-09"), now));
  EXPECT_FALSE(IsPlausibleNewsDate(*ParseDate("2099-01-01"), now));
  EXPECT_FALSE(IsPlausibleNewsDate(Timestamp{}, now));  // the Unix epoch: a default, not a date
}

TEST(IsPlausibleNewsDateTest, ZeroNowMeansTheClock) {
  EXPECT_TRUE(IsPlausibleNewsDate(*ParseDate("2020-01-01"), 0));
  EXPECT_FALSE(IsPlausibleNewsDate(*ParseDate("2200-01-01"), 0));
}

}  // namespace
}  // namespace storyline::extract
