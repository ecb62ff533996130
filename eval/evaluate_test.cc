#include "eval/evaluate.h"

#include <gtest/gtest.h>

namespace storyline::eval {
namespace {

Timestamp Day(int year, int month, int day) {
  Timestamp t;
  t.year = year;
  t.month = month;
  t.day = day;
  return t;
}

TEST(SameCalendarDayTest, ComparesTheDayAsWritten) {
  EXPECT_TRUE(SameCalendarDay(Day(2024, 6, 25), "2024-06-25"));
  EXPECT_TRUE(SameCalendarDay(Day(2015, 4, 30), "2015-04-30T07:19:58"));
  EXPECT_TRUE(SameCalendarDay(Day(2016, 12, 22), "2016-12-22T10:43:37-08:00"));
  EXPECT_FALSE(SameCalendarDay(Day(2016, 12, 23), "2016-12-22T23:43:37-08:00"));
  EXPECT_FALSE(SameCalendarDay(Day(2024, 6, 25), "2024-07-25"));
}

TEST(SameCalendarDayTest, MonthOnlyReferenceNeedsTheMonth) {
  EXPECT_TRUE(SameCalendarDay(Day(2015, 11, 3), "2015-11"));
  EXPECT_FALSE(SameCalendarDay(Day(2015, 10, 3), "2015-11"));
}

TEST(SameCalendarDayTest, NoDateOrUnreadableReferenceIsAMiss) {
  EXPECT_FALSE(SameCalendarDay(std::nullopt, "2024-06-25"));
  EXPECT_FALSE(SameCalendarDay(Day(2024, 6, 25), "June 25, 2024"));
  EXPECT_FALSE(SameCalendarDay(Day(2024, 6, 25), ""));
}

TEST(JoinAuthorsTest, CommaSeparated) {
  EXPECT_EQ(JoinAuthors({}), "");
  EXPECT_EQ(JoinAuthors({"Ana"}), "Ana");
  EXPECT_EQ(JoinAuthors({"Ana", "Bo", "Cy"}), "Ana, Bo, Cy");
}

TEST(SplitBylineTest, SplitsAtCommasAndConjunctions) {
  EXPECT_EQ(SplitByline("Ana"), (std::vector<std::string>{"Ana"}));
  EXPECT_EQ(SplitByline("Ana and Bo"), (std::vector<std::string>{"Ana", "Bo"}));
  EXPECT_EQ(SplitByline("Ana, Bo, and Cy"), (std::vector<std::string>{"Ana", "Bo", "Cy"}));
  EXPECT_EQ(SplitByline("Ana & Bo;  Cy"), (std::vector<std::string>{"Ana", "Bo", "Cy"}));
  EXPECT_EQ(SplitByline("Anderson Cooper"), (std::vector<std::string>{"Anderson Cooper"}));
  EXPECT_TRUE(SplitByline("").empty());
}

TEST(SameAuthorNamesTest, SameNamesInOrder) {
  EXPECT_TRUE(SameAuthorNames({"Ana Lee", "Bo Roe"}, "ana lee and Bo Roe"));
  EXPECT_FALSE(SameAuthorNames({"Bo Roe", "Ana Lee"}, "Ana Lee and Bo Roe"));
  EXPECT_FALSE(SameAuthorNames({"Ana Lee"}, "Ana Lee and Bo Roe"));
  EXPECT_FALSE(SameAuthorNames({}, "Ana Lee"));
}

TEST(ExtractPageTest, MissingFileIsAnErrorNamingIt) {
  const Result<extract::Extraction> r = ExtractPage("/nonexistent/page.html", "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/page.html"), std::string::npos);
}

TEST(EvaluateTest, MissingDatasetIsNotFound) {
  EXPECT_EQ(EvaluateZyte("/nonexistent", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(EvaluateWcxb("/nonexistent", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(EvaluateReadability("/nonexistent", {}).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace storyline::eval
