#include "read/reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "archive/warc.h"
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

// --- WARC archives ---------------------------------------------------------------------

// A WARC/1.1 record, uncompressed.
std::string WarcRecord(std::string_view type, std::string_view id, std::string_view uri,
                       std::string_view block, std::string_view extra = "",
                       std::string_view content_type = "application/http;msgtype=response") {
  std::string r = "WARC/1.1\r\nWARC-Type: " + std::string(type) +
                  "\r\nWARC-Record-ID: " + std::string(id) + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + std::string(uri) + "\r\n";
  r += std::string(extra);
  r += "Content-Type: " + std::string(content_type) +
       "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + std::string(block) +
       "\r\n\r\n";
  return r;
}

std::string HttpOk(std::string_view content_type, std::string_view body) {
  std::string r = "HTTP/1.1 200 OK\r\n";
  if (!content_type.empty()) r += "Content-Type: " + std::string(content_type) + "\r\n";
  return r + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

std::vector<uint64_t> ResponseOffsets(const std::string& path) {
  std::vector<uint64_t> out;
  Result<archive::WarcReader> reader = archive::WarcReader::Open(path);
  EXPECT_TRUE(reader.ok());
  while (true) {
    Result<std::optional<archive::WarcRecord>> next = reader->Next();
    if (!next.ok() || !next->has_value()) break;
    if ((*next)->type == "response") out.push_back((*next)->offset);
  }
  return out;
}

TEST_F(ReaderTest, CommonCrawlWarcGivesItsPages) {
  const std::string path =
      std::string(STORYLINE_SOURCE_DIR) + "/src/archive/testdata/cc-news-sample.warc.gz";
  auto c = Read({path});
  ASSERT_TRUE(c.errors.empty()) << c.errors[0].ToString();
  ASSERT_EQ(c.docs.size(), 2u);  // not the redirect, the image, robots.txt or the revisit
  const std::vector<uint64_t> offsets = ResponseOffsets(path);
  ASSERT_EQ(offsets.size(), 5u);
  EXPECT_EQ(c.docs[0].source, path + ":" + std::to_string(offsets[0]));
  EXPECT_EQ(c.docs[0].hints.url, "https://news.example.com/2025/11/07/storm.html");
  EXPECT_EQ(c.docs[0].format, Format::kHtml);
  EXPECT_EQ(c.docs[0].charset, "WINDOWS-1252");  // from the HTTP Content-Type
  EXPECT_NE(c.docs[0].content.find("The caf\xc3\xa9 on the pier"), std::string::npos);
  EXPECT_TRUE(c.docs[0].hints.title.empty());  // CC's metadata fields are not feed hints
  EXPECT_EQ(c.docs[1].source, path + ":" + std::to_string(offsets[4]));
  EXPECT_EQ(c.docs[1].hints.url, "https://other.example.org/news/bridge");
  EXPECT_EQ(c.docs[1].charset, "UTF-8");
  EXPECT_NE(c.docs[1].content.find("The old bridge reopened"), std::string::npos);  // gunzipped
}

TEST_F(ReaderTest, FetcherArchiveKeepsFeedHints) {
  archive::WarcWriterOptions options;
  options.directory = (dir_ / "archive").string();
  Result<archive::WarcWriter> writer = archive::WarcWriter::Open(options);
  ASSERT_TRUE(writer.ok());
  auto exchange = [](std::string uri, std::string head, std::string body) {
    archive::Exchange x;
    x.target_uri = std::move(uri);
    x.request_head = "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n";
    x.response_head = std::move(head);
    x.response_body = std::move(body);
    return x;
  };
  const std::string page =
      "<html><body><p>Ein Bericht \xfc"
      "ber das Wetter.</p></body></html>";
  archive::Exchange with_feed =
      exchange("https://a.example/1",
               "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n", page);
  with_feed.metadata = {{"title", "Feed title"}, {"date", "2025-11-07T10:00:00Z"},
                        {"author", "A. Writer"}, {"author", "B. Writer"},
                        {"outlet", "A News"},    {"feed", "https://a.example/rss"}};
  Result<archive::WrittenExchange> w1 = writer->Write(with_feed);
  ASSERT_TRUE(w1.ok());
  // Not pages: skipped without a word.
  ASSERT_TRUE(writer
                  ->Write(exchange("https://a.example/logo.png",
                                   "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n",
                                   "\x89PNG\r\n\x1a\n"))
                  .ok());
  ASSERT_TRUE(writer
                  ->Write(exchange("https://a.example/gone",
                                   "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n",
                                   "<html><body>Not found</body></html>"))
                  .ok());
  ASSERT_TRUE(writer
                  ->Write(exchange("https://a.example/robots.txt",
                                   "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
                                   "User-agent: *\n"))
                  .ok());
  ASSERT_TRUE(
      writer
          ->Write(exchange("https://a.example/data.json", "HTTP/1.1 200 OK\r\n\r\n", "{\"a\": 1}"))
          .ok());
  // Plain text, and an HTML page without a Content-Type (sniffed); no feed hints on them.
  Result<archive::WrittenExchange> w2 = writer->Write(
      exchange("https://a.example/notes.txt", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
               "Plain notes about the storm."));
  Result<archive::WrittenExchange> w3 =
      writer->Write(exchange("https://a.example/3", "HTTP/1.1 200 OK\r\n\r\n",
                             "<!DOCTYPE html><html><body><p>Sniffed.</p></body></html>"));
  ASSERT_TRUE(w2.ok() && w3.ok());

  // While the file is open, a directory walk leaves it alone.
  auto open = Read({options.directory});
  EXPECT_TRUE(open.docs.empty());
  EXPECT_TRUE(open.errors.empty());
  ASSERT_TRUE(writer->Close().ok());

  auto c = Read({options.directory});
  ASSERT_TRUE(c.errors.empty()) << c.errors[0].ToString();
  ASSERT_EQ(c.docs.size(), 3u);
  EXPECT_EQ(c.docs[0].source, w1->file + ":" + std::to_string(w1->offset));
  EXPECT_EQ(c.docs[0].hints.url, "https://a.example/1");
  EXPECT_EQ(c.docs[0].hints.title, "Feed title");
  EXPECT_EQ(c.docs[0].hints.date, "2025-11-07T10:00:00Z");
  EXPECT_EQ(c.docs[0].hints.authors, (std::vector<std::string>{"A. Writer", "B. Writer"}));
  EXPECT_EQ(c.docs[0].hints.outlet, "A News");
  EXPECT_EQ(c.docs[0].charset, "WINDOWS-1252");
  EXPECT_NE(c.docs[0].content.find("\xc3\xbc"
                                   "ber das Wetter"),
            std::string::npos);
  EXPECT_EQ(c.docs[1].source, w2->file + ":" + std::to_string(w2->offset));
  EXPECT_EQ(c.docs[1].format, Format::kText);
  EXPECT_TRUE(c.docs[1].hints.title.empty());
  EXPECT_EQ(c.docs[2].source, w3->file + ":" + std::to_string(w3->offset));
  EXPECT_EQ(c.docs[2].format, Format::kHtml);

  // DocumentFromHttp gives the fetcher the very same document.
  Result<Document> direct =
      DocumentFromHttp(c.docs[0].source, "https://a.example/1", "text/html; charset=ISO-8859-1",
                       page, with_feed.metadata, ReadOptions{});
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(direct->content, c.docs[0].content);
  EXPECT_EQ(direct->charset, c.docs[0].charset);
  EXPECT_EQ(direct->hints.title, c.docs[0].hints.title);
  EXPECT_EQ(direct->hints.authors, c.docs[0].hints.authors);
  EXPECT_EQ(direct->hints.outlet, c.docs[0].hints.outlet);
}

TEST_F(ReaderTest, MalformedWarcRecordsAreNamedAndReadingGoesOn) {
  const std::string first = WarcRecord("response", "<urn:uuid:1>", "https://a.example/1",
                                       HttpOk("text/html", "<p>First page.</p>"));
  const std::string bad =
      "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: nope\r\n\r\nxx\r\n\r\n";
  const std::string bad_http =
      WarcRecord("response", "<urn:uuid:2>", "https://a.example/2", "HTTP/1.1 2OO OK\r\n\r\n");
  const std::string last = WarcRecord("response", "<urn:uuid:3>", "https://a.example/3",
                                      HttpOk("text/html", "<p>Last page.</p>"));
  const std::string path = Write("crawl.warc", first + bad + bad_http + last);
  auto c = Read({path});
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].source, path + ":0");
  EXPECT_EQ(c.docs[1].source,
            path + ":" + std::to_string(first.size() + bad.size() + bad_http.size()));
  EXPECT_EQ(c.docs[1].hints.url, "https://a.example/3");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_NE(c.errors[0].message().find(path + " at byte " + std::to_string(first.size()) +
                                       ": Content-Length \"nope\""),
            std::string::npos)
      << c.errors[0].message();
  EXPECT_NE(c.errors[1].message().find(path + ":" + std::to_string(first.size() + bad.size()) +
                                       ": malformed HTTP status line"),
            std::string::npos)
      << c.errors[1].message();
}

TEST_F(ReaderTest, WarcFilesAreStreamedWithAPerRecordLimit) {
  ReadOptions options;
  options.max_bytes = 4096;
  std::string warc;
  for (int i = 0; i < 12; ++i) {
    warc += WarcRecord(
        "response", "<urn:uuid:" + std::to_string(i) + ">",
        "https://a.example/" + std::to_string(i),
        HttpOk("text/html", "<p>" + std::string(3000, static_cast<char>('a' + i % 26)) + "</p>"));
  }
  // One page over the limit (an error), one image over it (skipped: not a page).
  const size_t big_offset = warc.size();
  warc += WarcRecord("response", "<urn:uuid:big>", "https://a.example/big",
                     HttpOk("text/html", "<p>" + std::string(50000, 'b') + "</p>"));
  warc += WarcRecord("response", "<urn:uuid:img>", "https://a.example/big.jpg",
                     HttpOk("image/jpeg", std::string(50000, '\xff')));
  warc += WarcRecord("resource", "<urn:uuid:res>", "file:///notes.txt", "Resource notes.", "",
                     "text/plain");
  ASSERT_GT(warc.size(), options.max_bytes * 4 + 1024);  // too big to read whole
  const std::string path = Write("big.warc.gz", Gzip(warc));
  auto c = Read({path}, options);
  ASSERT_EQ(c.docs.size(), 13u);
  EXPECT_EQ(c.docs[12].content, "Resource notes.");
  EXPECT_EQ(c.docs[12].format, Format::kText);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code(), StatusCode::kTooLarge);
  EXPECT_NE(c.errors[0].message().find(path + ":" + std::to_string(big_offset)), std::string::npos)
      << c.errors[0].message();
}

TEST_F(ReaderTest, WarcBytesAndNamesAreRecognised) {
  const std::string warc = WarcRecord("response", "<urn:uuid:1>", "https://a.example/1",
                                      HttpOk("text/html", "<p>From memory.</p>"));
  std::vector<Document> docs;
  ReadBytes("-", Gzip(warc), ReadOptions{}, [&](Result<Document> r) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    docs.push_back(std::move(r).value());
  });
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].source, "-:0");
  EXPECT_EQ(docs[0].hints.url, "https://a.example/1");
  // The name breaks ties: junk named .warc is a broken WARC file, HTML named .warc a page.
  auto junk = Read({Write("junk.warc", "hello there")});
  ASSERT_EQ(junk.errors.size(), 1u);
  EXPECT_NE(junk.errors[0].message().find("junk.warc at byte 0: not a WARC record"),
            std::string::npos);
  auto page = Read({Write("page.warc", kHtml)});
  ASSERT_EQ(page.docs.size(), 1u);
  EXPECT_EQ(page.docs[0].content, kHtml);
  auto empty = Read({Write("empty.warc.gz", "")});
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_NE(empty.errors[0].message().find("empty WARC file"), std::string::npos);
}

TEST_F(ReaderTest, DocumentFromHttpRejectsWhatIsNotAPage) {
  const ReadOptions options;
  auto error = [&](std::string_view content_type, std::string_view body,
                   ReadOptions o = ReadOptions{}) {
    Result<Document> r = DocumentFromHttp("src", "https://a.example/", content_type, body, {}, o);
    return r.ok() ? std::string("OK") : r.status().message();
  };
  EXPECT_EQ(error("image/png", "\x89PNG\r\n"), "src: not a page (Content-Type \"image/png\")");
  EXPECT_EQ(error("application/json", "{}"), "src: not a page (Content-Type \"application/json\")");
  EXPECT_EQ(error("", "{\"a\": 1}"), "src: not a page (Content-Type \"\")");
  EXPECT_NE(error("text/html", std::string_view("%PDF-1.4\0\0\0binary", 17)).find("PDF"),
            std::string::npos);
  EXPECT_NE(error("text/html", "   ").find("empty page"), std::string::npos);
  ReadOptions small;
  small.max_bytes = 10;
  EXPECT_NE(error("text/html", "<p>more than ten bytes</p>", small).find("src: HTTP body is over"),
            std::string::npos);
  // The HTTP charset comes first; an unknown one falls back to the page's own evidence.
  Result<Document> koi8 = DocumentFromHttp("src", "u", "text/html; charset=\"KOI8-R\"",
                                           "<p>\xf0\xd2\xc9\xd7\xc5\xd4</p>", {}, options);
  ASSERT_TRUE(koi8.ok());
  EXPECT_EQ(koi8->content, "<p>\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82</p>");  // Привет
  Result<Document> unknown =
      DocumentFromHttp("src", "u", "text/html; charset=x-no-such", "<p>plain</p>", {}, options);
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_EQ(unknown->content, "<p>plain</p>");
  Result<Document> xhtml = DocumentFromHttp("src", "u", "application/xhtml+xml",
                                            "<html><body><p>x</p></body></html>", {}, options);
  ASSERT_TRUE(xhtml.ok());
  EXPECT_EQ(xhtml->format, Format::kHtml);
}

}  // namespace
}  // namespace storyline::read
