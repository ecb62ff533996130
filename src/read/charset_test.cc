#include "read/charset.h"

#include <gtest/gtest.h>

namespace storyline::read {
namespace {

TEST(CharsetTest, ValidUtf8PassesThrough) {
  auto d = DecodeToUtf8("Песков сказал", "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, "Песков сказал");
  EXPECT_EQ(d->charset, "UTF-8");
}

TEST(CharsetTest, BomIsStripped) {
  auto d = DecodeToUtf8("\xef\xbb\xbfhello", "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, "hello");
}

TEST(CharsetTest, Utf16WithBom) {
  const std::string bytes("\xff\xfeh\0i\0", 6);
  auto d = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->utf8, "hi");
}

TEST(CharsetTest, DeclaredLegacyCharsetIsConverted) {
  // "Песков" in Windows-1251, declared in a meta tag.
  const std::string html =
      "<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xe5\xf1\xea\xee\xe2</body>";
  auto d = DecodeToUtf8(html, "");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_NE(d->utf8.find("Песков"), std::string::npos);
  EXPECT_EQ(d->charset, "WINDOWS-1251");
}

TEST(CharsetTest, UndeclaredLatin1IsDetected) {
  const std::string text =
      "Le porte-parole du Kremlin a d\xe9"
      "clar\xe9 vendredi qu'un sommet entre la Russie et les "
      "\xc9tats-Unis serait le bienvenu. Il a \xe9galement \xe9voqu\xe9 la situation.";
  auto d = DecodeToUtf8(text, "");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_NE(d->utf8.find("déclaré"), std::string::npos);
}

TEST(CharsetTest, DeclaredUtf8ButInvalidIsAnError) {
  auto d = DecodeToUtf8("<meta charset=utf-8><p>caf\xe9</p>", "");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kBadInput);
  EXPECT_NE(d.status().message().find("not valid UTF-8 at byte"), std::string::npos);
}

TEST(CharsetTest, FindsDeclarations) {
  EXPECT_EQ(DeclaredCharset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-5\">"),
            "ISO-8859-5");
  EXPECT_EQ(DeclaredCharset("<?xml version=\"1.0\" encoding='koi8-r'?><rss>"), "KOI8-R");
  EXPECT_EQ(DeclaredCharset("<p>no declaration</p>"), "");
}

TEST(CharsetTest, SniffsBinary) {
  EXPECT_EQ(SniffBinary("%PDF-1.7 ..."), "PDF document");
  EXPECT_EQ(SniffBinary(std::string_view("\x89PNG\r\n\x1a\n....", 12)), "PNG image");
  EXPECT_EQ(SniffBinary(std::string_view("abc\0def", 7)), "binary data (NUL bytes)");
  EXPECT_EQ(SniffBinary("plain text\nwith lines\n"), "");
  EXPECT_EQ(SniffBinary(std::string_view("\xff\xfeh\0i\0", 6)), "");
}

}  // namespace
}  // namespace storyline::read
