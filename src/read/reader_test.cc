#include "read/reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "read/gzip_for_tests.h"

namespace storyline::read {
namespace {

namespace fs = std::filesystem;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_reader_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, std::string_view bytes) {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

  struct Collected {
    std::vector<Document> docs;
    std::vector<Status> errors;
  };
  Collected Read(const std::vector<std::string>& inputs, ReadOptions options = {}) {
    Collected c;
    ReadInputs(inputs, options, [&](Result<Document> r) {
      if (r.ok())
        c.docs.push_back(std::move(r).value());
      else
        c.errors.push_back(r.status());
    });
    return c;
  }

  static std::string Gzip(std::string_view data) { return read::testing::Gzip(data); }

  fs::path dir_;
};

constexpr std::string_view kHtml =
    "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello world.</p></body></html>";

TEST_F(ReaderTest, SniffsFormatsByContent) {
  EXPECT_EQ(SniffFormat(kHtml), Format::kHtml);
  EXPECT_EQ(SniffFormat("  <div class=x><p>para</p></div>"), Format::kHtml);
  EXPECT_EQ(SniffFormat("Title\nSign Up\nBody text here."), Format::kText);
  EXPECT_EQ(SniffFormat("{\"url\": \"https://x\", \"text\": \"t\"}\n{}"), Format::kJsonLines);
  EXPECT_EQ(SniffFormat("{not json at all"), Format::kText);
}

TEST_F(ReaderTest, HtmlWithTxtExtensionIsHtml) {
  auto c = Read({Write("page.txt", kHtml)});
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].format, Format::kHtml);
}

TEST_F(ReaderTest, GzipIsInflated) {
  auto c = Read({Write("page.html.gz", Gzip(kHtml))});
  ASSERT_EQ(c.docs.size(), 1u) << (c.errors.empty() ? "" : c.errors[0].ToString());
  EXPECT_EQ(c.docs[0].content, kHtml);
  EXPECT_EQ(c.docs[0].format, Format::kHtml);
}

TEST_F(ReaderTest, TruncatedGzipIsRejectedByName) {
  std::string gz = Gzip(std::string(kHtml) + std::string(5000, 'x'));
  gz.resize(gz.size() / 2);
  const std::string path = Write("cut.html.gz", gz);
  auto c = Read({path});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message().find(path), std::string::npos);
  EXPECT_NE(c.errors[0].message().find("truncated gzip"), std::string::npos);
}

TEST_F(ReaderTest, GzipBombStopsAtTheLimit) {
  ReadOptions options;
  options.max_bytes = 1 << 16;
  auto c = Read({Write("bomb.gz", Gzip(std::string(1 << 22, 'a')))}, options);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code(), StatusCode::kTooLarge);
}

TEST_F(ReaderTest, BadInputsAreNamedAndTheRunGoesOn) {
  ReadOptions options;
  options.max_bytes = 1024;
  const std::string good = Write("junk/a_good.html", kHtml);
  Write("junk/b_empty.txt", "");
  Write("junk/c_binary.bin", std::string_view("\x7f"
                                              "ELF\x02\x01\x01\0\0\0",
                                              10));
  Write("junk/d_big.txt", std::string(5000, 'x'));
  Write("junk/e_bad_utf8.html", "<meta charset=\"utf-8\"><p>caf\xe9 au lait</p>");
  Write("junk/.hidden", "ignored");
  auto c = Read({(dir_ / "junk").string(), (dir_ / "missing.html").string()}, options);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].source, good);
  ASSERT_EQ(c.errors.size(), 5u);
  EXPECT_NE(c.errors[0].message().find("b_empty.txt: empty input"), std::string::npos);
  EXPECT_NE(c.errors[1].message().find("c_binary.bin: ELF executable"), std::string::npos);
  EXPECT_EQ(c.errors[2].code(), StatusCode::kTooLarge);
  EXPECT_NE(c.errors[2].message().find("d_big.txt"), std::string::npos);
  EXPECT_NE(c.errors[3].message().find("e_bad_utf8.html: declared UTF-8"), std::string::npos);
  EXPECT_EQ(c.errors[4].code(), StatusCode::kNotFound);
}

TEST_F(ReaderTest, JsonLinesRecordsBecomeDocuments) {
  const std::string path =
      Write("crawl.jsonl",
            "{\"url\":\"https://a.example/1\",\"html\":\"<html><body><p>One.</p></body></html>\","
            "\"title\":\"First\",\"author\":\"A. Writer\",\"hostname\":\"a.example\"}\n"
            "\n"
            "{\"url\":\"https://b.example/2\",\"text\":\"Second text.\",\"date\":\"2025-11-07\","
            "\"authors\":[\"X\",\"Y\"],\"source\":\"B News\"}\n"
            "{broken\n"
            "{\"url\":\"https://c.example/3\"}\n");
  auto c = Read({path});
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].source, path + ":1");
  EXPECT_EQ(c.docs[0].format, Format::kHtml);
  EXPECT_EQ(c.docs[0].hints.title, "First");
  EXPECT_EQ(c.docs[0].hints.outlet, "a.example");
  EXPECT_EQ(c.docs[0].hints.authors, std::vector<std::string>{"A. Writer"});
  EXPECT_EQ(c.docs[1].source, path + ":3");
  EXPECT_EQ(c.docs[1].format, Format::kText);
  EXPECT_EQ(c.docs[1].hints.date, "2025-11-07");
  EXPECT_EQ(c.docs[1].hints.authors, (std::vector<std::string>{"X", "Y"}));
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_NE(c.errors[0].message().find(path + ":4: not valid JSON"), std::string::npos);
  EXPECT_NE(c.errors[1].message().find(path + ":5: record has no"), std::string::npos);
}

TEST_F(ReaderTest, ExpandInputsListsFilesInReadingOrder) {
  const std::string b = Write("d/b.txt", "b");
  const std::string a = Write("d/sub/a.txt", "a");
  const std::string c = Write("d/a.txt", "c");
  Write("d/.git/config", "hidden");
  const std::string missing = (dir_ / "nope").string();
  auto files = ExpandInputs({(dir_ / "d").string(), missing, "-"});
  EXPECT_EQ(files, (std::vector<std::string>{c, b, a, missing, "-"}));
}

TEST_F(ReaderTest, ForcedFormatWins) {
  ReadOptions options;
  options.format = Format::kText;
  auto c = Read({Write("page.html", kHtml)}, options);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].format, Format::kText);
  EXPECT_FALSE(ParseFormat("xml").ok());
  EXPECT_EQ(*ParseFormat("jsonl"), Format::kJsonLines);
}

}  // namespace
}  // namespace storyline::read
