#include "archive/warc.h"

#include <archive.h>
#include <archive_entry.h>
#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

namespace storyline::archive {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBody = "<html><body><p>Hello.</p></body></html>";
constexpr std::string_view kBodySha1 = "sha1:6RA67NP5WNU2KZH5DOIF3KTPJVGQA3TV";  // python hashlib
constexpr std::string_view kEmptySha1 = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ";

// zlib: gzip (window 31), zlib (15) or raw deflate (-15) of `data`.
std::string Compress(std::string_view data, int window_bits = 16 + MAX_WBITS) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Gunzip(std::string_view data) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 16 + MAX_WBITS), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[4096];
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_STREAM_END && zs.avail_in > 0) {
      inflateReset(&zs);
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&zs);
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct ReadResult {
  std::vector<WarcRecord> records;
  std::vector<Status> errors;
  std::vector<size_t> error_before;  // how many records had been read at each error
};

ReadResult ReadEverything(WarcReader reader) {
  ReadResult out;
  for (int guard = 0; guard < 10000; ++guard) {
    Result<std::optional<WarcRecord>> next = reader.Next();
    if (!next.ok()) {
      out.errors.push_back(next.status());
      out.error_before.push_back(out.records.size());
      continue;
    }
    if (!next->has_value()) return out;
    out.records.push_back(std::move(**next));
  }
  ADD_FAILURE() << "reader never ended";
  return out;
}

ReadResult ReadFile(const std::string& path, WarcReaderOptions options = {}) {
  Result<WarcReader> reader = WarcReader::Open(path, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  return ReadEverything(std::move(reader).value());
}

ReadResult ReadBytes(std::string bytes, WarcReaderOptions options = {}) {
  Result<WarcReader> reader = WarcReader::FromBytes("mem.warc", std::move(bytes), options);
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return {};
  return ReadEverything(std::move(reader).value());
}

std::vector<std::string> Types(const ReadResult& r) {
  std::vector<std::string> out;
  for (const auto& rec : r.records) out.push_back(rec.type);
  return out;
}

Exchange MakeExchange(std::string uri, std::string body = std::string(kBody)) {
  Exchange x;
  x.target_uri = std::move(uri);
  x.date = "2025-11-07T12:28:00Z";
  x.ip_address = "192.0.2.1";
  x.request_head = "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n";
  x.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
      "X-Crawler-Content-Encoding: gzip\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  x.response_body = std::move(body);
  return x;
}

class WarcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_warc_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  WarcWriterOptions Options() const {
    WarcWriterOptions o;
    o.directory = (dir_ / "warcs").string();
    o.prefix = "test";
    o.operator_contact = "ops@example.org";
    return o;
  }

  fs::path dir_;
};

TEST_F(WarcTest, RoundTripThroughOurReader) {
  Result<WarcWriter> writer = WarcWriter::Open(Options());
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  Exchange first = MakeExchange("https://a.example/news/1");
  first.metadata = {{"title", "Storm: hits\r\ncoast"}, {"author", "A. Writer"}};
  Result<WrittenExchange> w1 = writer->Write(first);
  Exchange second = MakeExchange("https://b.example/", "");
  second.date.clear();  // now
  Result<WrittenExchange> w2 = writer->Write(second);
  ASSERT_TRUE(w1.ok() && w2.ok());
  // Not finished yet: only the ".open" file exists.
  EXPECT_TRUE(ListWarcFiles(Options().directory).empty());
  ASSERT_EQ(ListWarcFiles(Options().directory, true).size(), 1u);
  ASSERT_TRUE(writer->Close().ok());

  const std::vector<std::string> files = ListWarcFiles(Options().directory);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0], w1->file);
  EXPECT_TRUE(std::regex_match(fs::path(files[0]).filename().string(),
                               std::regex(R"(test-\d{14}-00000\.warc\.gz)")))
      << files[0];

  ReadResult r = ReadFile(files[0]);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].ToString();
  ASSERT_EQ(Types(r), (std::vector<std::string>{"warcinfo", "request", "response", "metadata",
                                                "request", "response"}));
  const WarcRecord& info = r.records[0];
  EXPECT_EQ(info.offset, 0u);
  EXPECT_EQ(Header(info, "WARC-Filename"), fs::path(files[0]).filename().string());
  EXPECT_NE(info.block.find("operator: ops@example.org\r\n"), std::string::npos);
  EXPECT_EQ(info.content_type, "application/warc-fields");

  const WarcRecord& request = r.records[1];
  const WarcRecord& response = r.records[2];
  const WarcRecord& metadata = r.records[3];
  EXPECT_EQ(response.record_id, w1->response_record_id);
  EXPECT_EQ(response.offset, w1->offset);
  EXPECT_EQ(r.records[5].offset, w2->offset);
  EXPECT_TRUE(std::regex_match(response.record_id,
                               std::regex("<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                          "[89ab][0-9a-f]{3}-[0-9a-f]{12}>")));
  EXPECT_EQ(response.target_uri, "https://a.example/news/1");
  EXPECT_EQ(response.date, "2025-11-07T12:28:00Z");
  EXPECT_EQ(response.content_type, "application/http;msgtype=response");
  EXPECT_EQ(request.content_type, "application/http;msgtype=request");
  EXPECT_EQ(response.block, first.response_head + first.response_body);
  EXPECT_EQ(request.block, first.request_head);
  EXPECT_EQ(response.concurrent_to, request.record_id);
  EXPECT_EQ(request.concurrent_to, response.record_id);
  EXPECT_EQ(metadata.concurrent_to, response.record_id);
  EXPECT_EQ(Header(response, "WARC-Warcinfo-ID"), info.record_id);
  EXPECT_EQ(Header(response, "warc-ip-address"), "192.0.2.1");
  EXPECT_EQ(Header(response, "WARC-Payload-Digest"), kBodySha1);
  EXPECT_EQ(Header(r.records[5], "WARC-Payload-Digest"), kEmptySha1);
  EXPECT_EQ(Header(response, "WARC-Block-Digest").substr(0, 5), "sha1:");
  EXPECT_EQ(Header(response, "WARC-Block-Digest").size(), 37u);
  EXPECT_EQ(metadata.block, "title: Storm: hits  coast\r\nauthor: A. Writer\r\n");
  EXPECT_TRUE(
      std::regex_match(r.records[5].date, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  // Every record is its own gzip member: the file offset of a record starts a member that
  // inflates on its own to exactly that record.
  const std::string bytes = ReadAll(files[0]);
  const std::string member = Gunzip(std::string_view(bytes).substr(response.offset));
  EXPECT_EQ(member.substr(0, 9), "WARC/1.1\r");
}

TEST_F(WarcTest, LibarchiveReadsWhatWeWrite) {
  // libarchive 3.6 reads WARC 0.12 to 1.0: write 1.0 and let it read the gzip file as is.
  WarcWriterOptions options = Options();
  options.warc_version = "1.0";
  std::string path;
  {
    Result<WarcWriter> writer = WarcWriter::Open(options);
    ASSERT_TRUE(writer.ok());
    Exchange x = MakeExchange("https://a.example/news/2025/storm.html");
    x.metadata = {{"title", "T"}};
    ASSERT_TRUE(writer->Write(x).ok());
    Result<WrittenExchange> w = writer->Write(MakeExchange("https://b.example/x?id=7", "second"));
    ASSERT_TRUE(w.ok());
    path = w->file;
  }  // the destructor finishes the file
  ASSERT_TRUE(fs::exists(path));

  struct Entry {
    std::string name;
    std::string data;
  };
  auto read_with_libarchive = [](const std::string& bytes) {
    std::vector<Entry> entries;
    struct archive* a = archive_read_new();
    archive_read_support_format_warc(a);
    archive_read_support_filter_gzip(a);
    EXPECT_EQ(archive_read_open_memory(a, bytes.data(), bytes.size()), ARCHIVE_OK)
        << archive_error_string(a);
    struct archive_entry* entry = nullptr;
    int rc = ARCHIVE_OK;
    while ((rc = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
      Entry e{archive_entry_pathname(entry), ""};
      // archive_read_data() would pad 4 NULs: libarchive 3.6's WARC reader ends each entry
      // at an offset past the "\r\n\r\n" record separator. Blocks carry their offsets.
      const void* block = nullptr;
      size_t size = 0;
      la_int64_t offset = 0;
      while (archive_read_data_block(a, &block, &size, &offset) == ARCHIVE_OK) {
        EXPECT_EQ(static_cast<size_t>(offset), e.data.size());
        e.data.append(static_cast<const char*>(block), size);
      }
      EXPECT_EQ(static_cast<size_t>(archive_entry_size(entry)), e.data.size());
      entries.push_back(std::move(e));
    }
    EXPECT_EQ(rc, ARCHIVE_EOF) << archive_error_string(a);
    archive_read_free(a);
    return entries;
  };
  // libarchive exposes response (and resource) records only, named by the URI's path.
  const Exchange x = MakeExchange("", "second");
  std::vector<Entry> entries = read_with_libarchive(ReadAll(path));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "news/2025/storm.html");
  EXPECT_EQ(entries[0].data, MakeExchange("").response_head + std::string(kBody));
  EXPECT_EQ(entries[1].name, "x?id=7");
  EXPECT_EQ(entries[1].data, x.response_head + "second");

  // Our default WARC/1.1 output has the same framing: with the version lines set to 1.0
  // (same length), libarchive reads it too.
  const std::string path11 = (dir_ / "v11").string();
  {
    WarcWriterOptions o11 = Options();
    o11.directory = path11;
    Result<WarcWriter> writer = WarcWriter::Open(o11);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer->Write(MakeExchange("https://a.example/news/2025/storm.html")).ok());
  }
  std::string plain = Gunzip(ReadAll(ListWarcFiles(path11).at(0)));
  size_t at = 0;
  int versions = 0;
  while ((at = plain.find("WARC/1.1\r\nWARC-Type", at)) != std::string::npos) {
    plain.replace(at, 8, "WARC/1.0");
    ++versions;
  }
  EXPECT_EQ(versions, 3);
  entries = read_with_libarchive(plain);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "news/2025/storm.html");
  EXPECT_EQ(entries[0].data, MakeExchange("").response_head + std::string(kBody));
}

TEST_F(WarcTest, RotatesFilesAndRenamesFinishedOnes) {
  WarcWriterOptions options = Options();
  options.max_file_bytes = 1000;
  Result<WarcWriter> writer = WarcWriter::Open(options);
  ASSERT_TRUE(writer.ok());
  std::vector<WrittenExchange> written;
  for (int i = 0; i < 6; ++i) {
    // Incompressible-ish bodies so that each exchange adds a few hundred bytes.
    std::string body;
    for (int j = 0; j < 120; ++j) body += std::to_string((i * 7919 + j * 104729) % 9973);
    Result<WrittenExchange> w =
        writer->Write(MakeExchange("https://a.example/" + std::to_string(i), body));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    written.push_back(*w);
  }
  ASSERT_TRUE(writer->Close().ok());
  const std::vector<std::string> files = ListWarcFiles(options.directory);
  ASSERT_GE(files.size(), 2u);
  EXPECT_TRUE(ListWarcFiles(options.directory, true) == files);  // nothing left open
  size_t responses = 0;
  for (size_t f = 0; f < files.size(); ++f) {
    char serial[32];
    std::snprintf(serial, sizeof serial, "-%05zu.warc.gz", f);
    EXPECT_TRUE(files[f].ends_with(serial)) << files[f];
    ReadResult r = ReadFile(files[f]);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_FALSE(r.records.empty());
    EXPECT_EQ(r.records[0].type, "warcinfo");  // every file starts with one
    EXPECT_EQ(Header(r.records[0], "WARC-Filename"), fs::path(files[f]).filename().string());
    for (const WarcRecord& rec : r.records) {
      if (rec.type != "response") continue;
      ASSERT_LT(responses, written.size());
      EXPECT_EQ(rec.record_id, written[responses].response_record_id);
      EXPECT_EQ(files[f], written[responses].file);
      EXPECT_EQ(rec.offset, written[responses].offset);
      EXPECT_EQ(rec.target_uri, "https://a.example/" + std::to_string(responses));
      ++responses;
    }
  }
  EXPECT_EQ(responses, written.size());
}

TEST_F(WarcTest, CrashKeepsEarlierRecordsAndNamesTheTruncation) {
  Result<WarcWriter> writer = WarcWriter::Open(Options());
  ASSERT_TRUE(writer.ok());
  std::vector<WrittenExchange> written;
  for (int i = 0; i < 3; ++i) {
    Result<WrittenExchange> w =
        writer->Write(MakeExchange("https://a.example/" + std::to_string(i)));
    ASSERT_TRUE(w.ok());
    written.push_back(*w);
  }
  const std::vector<std::string> open = ListWarcFiles(Options().directory, true);
  ASSERT_EQ(open.size(), 1u);
  // Flushed after each exchange: a reader sees all of it while the writer is still open.
  EXPECT_EQ(Types(ReadFile(open[0])).size(), 7u);
  // A crash in the middle of the last response record: its member is cut short.
  const std::string bytes = ReadAll(open[0]);
  const std::string cut = (dir_ / "crash.warc.gz").string();
  WriteAll(cut, std::string_view(bytes).substr(0, written[2].offset + 40));
  ReadResult r = ReadFile(cut);
  EXPECT_EQ(Types(r), (std::vector<std::string>{"warcinfo", "request", "response", "request",
                                                "response", "request"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(
      r.errors[0].message().substr(0, cut.size() + 9 + std::to_string(written[2].offset).size()),
      cut + " at byte " + std::to_string(written[2].offset));
  EXPECT_NE(r.errors[0].message().find("truncated record"), std::string::npos);
}

TEST_F(WarcTest, PlainMultiMemberAndSingleStreamGzipReadTheSame) {
  const std::string a =
      "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
      "WARC-Target-URI: <https://a.example/>\r\nContent-Type: text/html\r\n"
      "Content-Length: 11\r\n\r\n<p>one</p>\n\r\n\r\n";
  const std::string b =
      "WARC/1.1\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:uuid:2>\r\n"
      "WARC-Refers-To: <urn:uuid:1>\r\nX-Folded: first\r\n  second\r\n"
      "Content-Length: 0\r\n\r\n\r\n\r\n";
  // LF-only line ends, as some tools write them.
  const std::string c = "WARC/1.0\nWARC-Type: resource\nContent-Length: 3\n\nabc\n\n";
  const std::string plain = a + b + c;
  const std::string members = Compress(a) + Compress(b) + Compress(c);
  const std::string stream = Compress(plain);
  for (const std::string* bytes : {&plain, &members, &stream}) {
    EXPECT_TRUE(LooksLikeWarc(*bytes));
    ReadResult r = ReadBytes(*bytes);
    ASSERT_TRUE(r.errors.empty()) << r.errors[0].ToString();
    ASSERT_EQ(Types(r), (std::vector<std::string>{"resource", "metadata", "resource"}));
    EXPECT_EQ(r.records[0].block, "<p>one</p>\n");
    EXPECT_EQ(r.records[0].target_uri, "https://a.example/");
    EXPECT_EQ(r.records[1].concurrent_to, "<urn:uuid:1>");
    EXPECT_EQ(Header(r.records[1], "x-folded"), "first second");
    EXPECT_EQ(r.records[2].block, "abc");
    EXPECT_EQ(r.records[0].offset, 0u);
    if (bytes == &members) {  // gzip member starts in the file
      EXPECT_EQ(r.records[1].offset, Compress(a).size());
      EXPECT_EQ(r.records[2].offset, Compress(a).size() + Compress(b).size());
    } else {  // positions in the uncompressed stream
      EXPECT_EQ(r.records[1].offset, a.size());
      EXPECT_EQ(r.records[2].offset, a.size() + b.size());
    }
  }
  // The same from a file.
  const std::string path = (dir_ / "m.warc.gz").string();
  fs::create_directories(dir_);
  WriteAll(path, members);
  EXPECT_EQ(Types(ReadFile(path)).size(), 3u);
}

TEST_F(WarcTest, LargeBlocksAreSkippedNotKept) {
  const std::string big(100000, 'x');
  const std::string bytes =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 100000\r\n\r\n" + big +
      "\r\n\r\nWARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
  WarcReaderOptions options;
  options.max_block_bytes = 1000;
  for (const std::string& input : {bytes, Compress(bytes)}) {
    ReadResult r = ReadBytes(input, options);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_TRUE(r.records[0].truncated);
    EXPECT_EQ(r.records[0].block.size(), 1000u);
    EXPECT_EQ(r.records[0].content_length, 100000u);
    EXPECT_FALSE(r.records[1].truncated);
    EXPECT_EQ(r.records[1].block, "ok");
  }
}

TEST_F(WarcTest, HostileInputGivesErrorsAndResyncs) {
  const std::string good = "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
  struct Case {
    std::string bytes;
    std::string error;
    size_t records;
  };
  const std::vector<Case> cases = {
      {"hello, world\r\n\r\n" + good, "at byte 0: not a WARC record", 1},
      {"WARC/1.1\r\nWARC-Type: resource\r\n\r\n" + good, "no Content-Length", 1},
      {"WARC/1.1\r\nContent-Length: -5\r\n\r\n" + good, "is not a byte count", 1},
      {"WARC/1.1\r\nContent-Length: 12abc\r\n\r\n" + good, "is not a byte count", 1},
      {"WARC/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n" + good, "is not a byte count",
       1},
      // A Content-Length far beyond the file: reported, and the next record still found.
      {"WARC/1.1\r\nContent-Length: 999999999999999\r\n\r\nab\r\n\r\n" + good, "truncated record",
       1},
      {"WARC/1.1\r\nno colon here\r\nContent-Length: 2\r\n\r\nok\r\n\r\n" + good,
       "malformed WARC header line", 1},
      {"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2", "truncated record", 0},
      {std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03garbage", 18), "corrupt gzip data", 0},
  };
  for (const Case& c : cases) {
    ReadResult r = ReadBytes(c.bytes);
    ASSERT_GE(r.errors.size(), 1u) << c.bytes;
    EXPECT_NE(r.errors[0].message().find("mem.warc at byte "), std::string::npos);
    EXPECT_NE(r.errors[0].message().find(c.error), std::string::npos) << r.errors[0].message();
    EXPECT_EQ(r.records.size(), c.records) << c.error;
    if (c.records == 1) {
      EXPECT_EQ(r.records[0].block, "ok");
    }
  }
  // Headers without an end stop at the header limit.
  WarcReaderOptions small;
  small.max_header_bytes = 4096;
  ReadResult r = ReadBytes("WARC/1.1\r\n" + std::string(100000, 'h'), small);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("WARC header is over 4096 bytes"), std::string::npos);
  // Random bytes never crash and always end.
  std::string noise;
  uint32_t seed = 12345;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1103515245 + 12345;
    noise += static_cast<char>(seed >> 24);
    if (i % 997 == 0) noise += "\nWARC/1.0\r\nContent-Length: 7\r\n\r\n";
  }
  ReadEverything(WarcReader::FromBytes("noise", noise).value());
  ReadEverything(WarcReader::FromBytes("noise.gz", Compress(noise)).value());
  EXPECT_FALSE(WarcReader::Open((dir_ / "missing.warc").string()).ok());
  EXPECT_NE(
      WarcReader::Open((dir_ / "missing.warc").string()).status().message().find("missing.warc"),
      std::string::npos);
}

TEST_F(WarcTest, CorruptGzipMemberIsReportedAndTheNextMemberRead) {
  const std::string a =
      Compress("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 1\r\n\r\na\r\n\r\n");
  std::string b = Compress("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 1\r\n\r\nb\r\n\r\n");
  const std::string c =
      Compress("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 1\r\n\r\nc\r\n\r\n");
  for (size_t i = 10; i < b.size() - 8; ++i) b[i] = static_cast<char>(0xff);
  ReadResult r = ReadBytes(a + b + c);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].block, "a");
  EXPECT_EQ(r.records[1].block, "c");
  EXPECT_EQ(r.records[1].offset, a.size() + b.size());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("mem.warc at byte " + std::to_string(a.size()) +
                                       ": corrupt gzip data"),
            std::string::npos)
      << r.errors[0].message();
}

TEST_F(WarcTest, LooksLikeWarc) {
  EXPECT_TRUE(LooksLikeWarc("WARC/1.1\r\n"));
  EXPECT_TRUE(LooksLikeWarc("WARC/1.0\r\nWARC-Type"));
  EXPECT_TRUE(LooksLikeWarc(Compress("WARC/1.1\r\nWARC-Type: warcinfo\r\n")));
  // Only the start of a gzip file is enough.
  std::string varied = "WARC/1.0\r\n";
  for (int i = 0; i < 5000; ++i) varied += std::to_string(i * 7919 % 10007) + " ";
  const std::string gz = Compress(varied);
  ASSERT_GT(gz.size(), 4096u);
  EXPECT_TRUE(LooksLikeWarc(std::string_view(gz).substr(0, 4096)));
  EXPECT_FALSE(LooksLikeWarc(""));
  EXPECT_FALSE(LooksLikeWarc("WARC/"));
  EXPECT_FALSE(LooksLikeWarc("<html><body>WARC/1.1</body></html>"));
  EXPECT_FALSE(LooksLikeWarc(Compress("<html></html>")));
  EXPECT_FALSE(LooksLikeWarc("\x1f\x8b"));
}

TEST_F(WarcTest, CommonCrawlShapedFixture) {
  ReadResult r =
      ReadFile(std::string(STORYLINE_SOURCE_DIR) + "/src/archive/testdata/cc-news-sample.warc.gz");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].ToString();
  ASSERT_EQ(Types(r),
            (std::vector<std::string>{"warcinfo", "request", "response", "metadata", "request",
                                      "response", "request", "response", "request", "response",
                                      "request", "response", "revisit"}));
  const WarcRecord& response = r.records[2];
  EXPECT_EQ(response.target_uri, "https://news.example.com/2025/11/07/storm.html");
  EXPECT_EQ(Header(response, "WARC-Identified-Payload-Type"), "text/html");
  EXPECT_EQ(Header(response, "WARC-Payload-Digest").substr(0, 5), "sha1:");
  EXPECT_EQ(response.content_type, "application/http; msgtype=response");
  EXPECT_EQ(r.records[3].concurrent_to, response.record_id);
  EXPECT_EQ(r.records[12].concurrent_to, response.record_id);  // WARC-Refers-To
  Result<HttpResponse> http = ParseHttpResponse(response.block);
  ASSERT_TRUE(http.ok());
  EXPECT_EQ(http->status, 200);
  EXPECT_EQ(HttpHeader(*http, "x-crawler-content-encoding"), "gzip");
  EXPECT_NE(http->body.find("caf\xe9 on the pier"), std::string::npos);  // windows-1252
  // The archived gzip body (no X-Crawler- rename) is decoded.
  Result<HttpResponse> bridge = ParseHttpResponse(r.records[11].block);
  ASSERT_TRUE(bridge.ok()) << bridge.status().ToString();
  EXPECT_NE(bridge->body.find("The old bridge reopened"), std::string::npos);
  // Offsets of a per-record gzip file are member starts: each inflates to its record.
  const std::string bytes =
      ReadAll(std::string(STORYLINE_SOURCE_DIR) + "/src/archive/testdata/cc-news-sample.warc.gz");
  EXPECT_EQ(Gunzip(std::string_view(bytes).substr(response.offset)).substr(0, 29),
            "WARC/1.0\r\nWARC-Type: response");
}

std::string Brotli(std::string_view data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  EXPECT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                    data.size(), reinterpret_cast<const uint8_t*>(data.data()),
                                    &size, reinterpret_cast<uint8_t*>(out.data())));
  out.resize(size);
  return out;
}

TEST(HttpTest, ParsesStatusHeadersAndFoldedLines) {
  Result<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nX-Long: a\r\n\tb\r\n\r\nnope");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->reason, "Not Found");
  EXPECT_EQ(HttpHeader(*r, "content-type"), "text/html");
  EXPECT_EQ(HttpHeader(*r, "X-Long"), "a b");
  EXPECT_EQ(HttpHeader(*r, "Absent"), "");
  EXPECT_EQ(r->body, "nope");
  Result<HttpResponse> lf = ParseHttpResponse("HTTP/1.0 200\nA: b\n\nbody");
  ASSERT_TRUE(lf.ok());
  EXPECT_EQ(lf->status, 200);
  EXPECT_EQ(lf->body, "body");
  Result<HttpResponse> head =
      ParseHttpResponseHead("HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\nbody");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->status, 301);
  EXPECT_EQ(head->body, "");
}

TEST(HttpTest, DechunksAndDecodes) {
  const std::string html = "<html><body><p>" + std::string(3000, 'z') + "</p></body></html>";
  const std::string gz = Compress(html);
  std::string chunked;
  for (size_t i = 0; i < gz.size(); i += 700) {
    const std::string piece = gz.substr(i, 700);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", piece.size());
    chunked += std::string(size) + (i == 0 ? ";ext=1" : "") + "\r\n" + piece + "\r\n";
  }
  chunked += "0\r\nTrailer: x\r\n\r\n";
  Result<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, html);

  auto parse = [](std::string_view coding, const std::string& body, size_t max = 1 << 20) {
    return ParseHttpResponse(
        "HTTP/1.1 200 OK\r\nContent-Encoding: " + std::string(coding) + "\r\n\r\n" + body, max);
  };
  EXPECT_EQ(parse("deflate", Compress(html, MAX_WBITS))->body, html);   // zlib wrapper
  EXPECT_EQ(parse("deflate", Compress(html, -MAX_WBITS))->body, html);  // raw deflate
  EXPECT_EQ(parse("br", Brotli(html))->body, html);
  EXPECT_EQ(parse("gzip, br", Brotli(Compress(html)))->body, html);  // applied in order
  // Archives that keep decoded bodies under the original header: kept as is.
  EXPECT_EQ(parse("gzip", html)->body, html);
  EXPECT_EQ(parse("br", html)->body, html);
  EXPECT_EQ(parse("deflate", html)->body, html);
  // A body cut short keeps what was received (crawlers truncate).
  EXPECT_EQ(parse("gzip", Compress(html).substr(0, 40))->body.substr(0, 12), "<html><body>");
  EXPECT_EQ(ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "5\r\nhello\r\n10\r\nwor")
                ->body,
            "hellowor");
  // A body already de-chunked under the header stays as it is.
  EXPECT_EQ(
      ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<p>x</p>")->body,
      "<p>x</p>");
}

TEST(HttpTest, BadResponsesAreNamedErrors) {
  auto error = [](std::string_view block, size_t max = 1 << 20) {
    Result<HttpResponse> r = ParseHttpResponse(block, max);
    return r.ok() ? std::string("OK") : r.status().message();
  };
  EXPECT_NE(error("").find("not an HTTP response"), std::string::npos);
  EXPECT_NE(error("GET / HTTP/1.1\r\n\r\n").find("not an HTTP response"), std::string::npos);
  EXPECT_NE(error("HTTP/1.1 2x0 OK\r\n\r\n").find("malformed HTTP status line"), std::string::npos);
  EXPECT_NE(error("HTTP/1.1 200 OK\r\nA: b").find("cut short"), std::string::npos);
  EXPECT_NE(error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n")
                .find("malformed chunked body"),
            std::string::npos);
  EXPECT_NE(error("HTTP/1.1 200 OK\r\nContent-Encoding: compress\r\n\r\nx")
                .find("unsupported Content-Encoding \"compress\""),
            std::string::npos);
  EXPECT_NE(error("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08garbage!")
                .find("corrupt compressed body"),
            std::string::npos);
  EXPECT_NE(error("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x01\x02\x03\x04\xff\xfe")
                .find("corrupt brotli body"),
            std::string::npos);
  // A gzip bomb stops at the limit.
  const std::string bomb = Compress(std::string(10 << 20, 'a'));
  Result<HttpResponse> r =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + bomb, 1 << 16);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  EXPECT_EQ(
      ParseHttpResponse("HTTP/1.1 200 OK\r\n\r\n" + std::string(100, 'x'), 10).status().code(),
      StatusCode::kTooLarge);
}

TEST_F(WarcTest, WriterRejectsBadExchangesAndOptions) {
  WarcWriterOptions bad = Options();
  bad.warc_version = "2.0";
  EXPECT_EQ(WarcWriter::Open(bad).status().code(), StatusCode::kInvalidArgument);
  bad = Options();
  bad.directory.clear();
  EXPECT_FALSE(WarcWriter::Open(bad).ok());
  Result<WarcWriter> writer = WarcWriter::Open(Options());
  ASSERT_TRUE(writer.ok());
  Exchange x = MakeExchange("https://a.example/ x");
  EXPECT_EQ(writer->Write(x).status().code(), StatusCode::kInvalidArgument);
  x = MakeExchange("https://a.example/");
  x.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";  // no blank line
  EXPECT_EQ(writer->Write(x).status().code(), StatusCode::kInvalidArgument);
  x = MakeExchange("https://a.example/");
  x.date = "2025\r\nWARC-Type: evil";
  EXPECT_EQ(writer->Write(x).status().code(), StatusCode::kInvalidArgument);
  // The rejected exchanges left nothing behind: only the warcinfo record.
  ASSERT_TRUE(writer->Close().ok());
  EXPECT_EQ(Types(ReadFile(ListWarcFiles(Options().directory).at(0))),
            std::vector<std::string>{"warcinfo"});
  // Two writers in one directory never share a file.
  Result<WarcWriter> w1 = WarcWriter::Open(Options());
  Result<WarcWriter> w2 = WarcWriter::Open(Options());
  ASSERT_TRUE(w1.ok() && w2.ok());
  Result<WrittenExchange> e1 = w1->Write(MakeExchange("https://a.example/1"));
  Result<WrittenExchange> e2 = w2->Write(MakeExchange("https://a.example/2"));
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_NE(e1->file, e2->file);
}

}  // namespace
}  // namespace storyline::archive
