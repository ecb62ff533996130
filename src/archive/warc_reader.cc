// Reading WARC files a record at a time: a byte stream (plain or gzip, file or memory) with
// a sliding window, and the record parser on top of it.
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <deque>

#include "archive/warc.h"
#include "text/ascii.h"

namespace storyline::archive {
namespace {

constexpr size_t kChunk = 64 * 1024;

bool IsGzipMagic(std::string_view s) {
  return s.size() >= 3 && s[0] == '\x1f' && s[1] == '\x8b' && s[2] == '\x08';
}

// "WARC/" and a digit: the version line every record starts with.
bool IsVersionLine(std::string_view s) {
  return s.size() >= 6 && s.substr(0, 5) == "WARC/" &&
         std::isdigit(static_cast<unsigned char>(s[5]));
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// The uncompressed bytes of a WARC file, through a window that slides forward.
class Stream {
 public:
  Status OpenFile(const std::string& path) {
    file_.reset(std::fopen(path.c_str(), "rb"));
    if (!file_) return Status::IoError(path + ": " + std::strerror(errno));
    return Start();
  }
  Status SetBytes(std::string bytes) {
    raw_ = std::move(bytes);
    raw_eof_ = true;
    return Start();
  }
  ~Stream() {
    if (gzip_) inflateEnd(&zs_);
  }

  std::string_view Available() const { return std::string_view(window_).substr(pos_); }
  uint64_t Position() const { return base_ + pos_; }
  // Makes `n` bytes available; false when the stream ends (or breaks) first.
  bool Fill(size_t n) {
    while (window_.size() - pos_ < n) {
      if (!Produce()) return false;
    }
    return true;
  }
  void Consume(size_t n) {
    pos_ += n;
    if (pos_ > (1u << 20) && pos_ * 2 > window_.size()) {
      window_.erase(0, pos_);
      base_ += pos_;
      pos_ = 0;
    }
  }
  // Skips `n` bytes without keeping them; the number skipped (less at the end).
  uint64_t Skip(uint64_t n) {
    uint64_t skipped = 0;
    while (skipped < n) {
      if (Available().empty() && !Produce()) break;
      const size_t take = static_cast<size_t>(std::min<uint64_t>(n - skipped, Available().size()));
      Consume(take);
      skipped += take;
    }
    return skipped;
  }
  // Where the byte at uncompressed `position` starts in the file: its gzip member's start
  // when a member starts there, else the uncompressed position.
  uint64_t FileOffset(uint64_t position) {
    while (!members_.empty() && members_.front().first < position) members_.pop_front();
    if (!members_.empty() && members_.front().first == position) return members_.front().second;
    return position;
  }
  // True when the file ends inside a gzip member (a crash while writing, a cut download);
  // member_start() is where that member starts.
  bool cut_member() const { return cut_member_; }
  uint64_t member_start() const { return member_start_; }
  // Why the stream stopped early (corrupt gzip), OK when it just ended.
  const Status& error() const { return error_; }
  uint64_t error_offset() const { return error_offset_; }
  // After corrupt gzip data: drops what is buffered and restarts at the next gzip member.
  // False when there is none.
  bool RecoverAtNextMember() {
    if (!gzip_ || error_.ok()) return false;
    error_ = Status();
    base_ += window_.size();
    window_.clear();
    pos_ = 0;
    uint64_t from = resume_search_;
    while (true) {
      if (from < raw_base_) from = raw_base_;
      const std::string_view raw = std::string_view(raw_).substr(from - raw_base_);
      const size_t hit = raw.find("\x1f\x8b\x08");
      if (hit != std::string_view::npos) {
        raw_pos_ = static_cast<size_t>(from - raw_base_) + hit;
        inflateReset(&zs_);
        // The broken member gave nothing that is still to be read.
        while (!members_.empty() && members_.back().first >= base_) members_.pop_back();
        members_.emplace_back(base_, raw_base_ + raw_pos_);
        member_start_ = raw_base_ + raw_pos_;
        return true;
      }
      // Keep two bytes: the magic may straddle reads.
      raw_pos_ = raw_.size() - std::min<size_t>(2, raw_.size());
      if (!ReadRaw()) return false;
      from = raw_base_;
    }
  }

 private:
  Status Start() {
    // Peek at the first raw bytes to choose plain or gzip.
    while (raw_.size() < 3 && !raw_eof_) {
      if (!ReadRaw()) break;
    }
    gzip_ = raw_.size() >= 2 && raw_[0] == '\x1f' && raw_[1] == '\x8b';
    if (gzip_) {
      if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) return Status::Internal("zlib init failed");
      members_.emplace_back(0, 0);
    }
    return Status();
  }

  // Appends more raw bytes (keeping unread ones); false at the end of the file.
  bool ReadRaw() {
    if (raw_eof_) return false;
    if (raw_pos_ > 0) {
      raw_.erase(0, raw_pos_);
      raw_base_ += raw_pos_;
      raw_pos_ = 0;
    }
    const size_t old = raw_.size();
    raw_.resize(old + kChunk);
    const size_t n = std::fread(raw_.data() + old, 1, kChunk, file_.get());
    raw_.resize(old + n);
    if (n == 0) raw_eof_ = true;
    return n > 0;
  }

  // Adds uncompressed bytes to the window; false at the end or on an error.
  bool Produce() {
    if (!error_.ok() || done_) return false;
    if (!gzip_) {
      if (raw_pos_ == raw_.size() && !ReadRaw()) {
        done_ = true;
        return false;
      }
      window_.append(raw_, raw_pos_);
      raw_pos_ = raw_.size();
      return true;
    }
    char out[kChunk];
    while (true) {
      if (raw_pos_ == raw_.size() && !ReadRaw()) {
        // The file ends inside a member: the record parser reports the cut record.
        done_ = true;
        cut_member_ = raw_base_ + raw_pos_ > member_start_;
        return false;
      }
      zs_.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
      zs_.avail_in = static_cast<uInt>(std::min<size_t>(raw_.size() - raw_pos_, 1u << 30));
      zs_.next_out = reinterpret_cast<Bytef*>(out);
      zs_.avail_out = sizeof out;
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      raw_pos_ = static_cast<size_t>(reinterpret_cast<char*>(zs_.next_in) - raw_.data());
      const size_t produced = sizeof out - zs_.avail_out;
      window_.append(out, produced);
      if (rc == Z_STREAM_END) {
        // Another member, the end of the file, or bytes that are not gzip.
        while (raw_.size() - raw_pos_ < 3 && ReadRaw()) {
        }
        const std::string_view rest = std::string_view(raw_).substr(raw_pos_);
        if (rest.empty()) {
          done_ = true;
          return produced > 0;
        }
        if (!IsGzipMagic(rest)) {
          const uint64_t at = raw_base_ + raw_pos_;
          Fail(Status::BadInput("bytes after a gzip member are not gzip"), at, at + 1);
          return produced > 0;
        }
        inflateReset(&zs_);
        member_start_ = raw_base_ + raw_pos_;
        members_.emplace_back(base_ + window_.size(), member_start_);
        if (produced > 0) return true;
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Fail(Status::BadInput(std::string("corrupt gzip data (") +
                              (zs_.msg ? zs_.msg : "zlib error") + ")"),
             member_start_, member_start_ + 1);
        return produced > 0;
      }
      if (produced > 0) return true;
    }
  }

  // Stops the stream; recovery looks for the next member from raw offset `resume_search`.
  void Fail(Status status, uint64_t offset, uint64_t resume_search) {
    error_ = std::move(status);
    error_offset_ = offset;
    resume_search_ = resume_search;
  }

  std::unique_ptr<std::FILE, FileCloser> file_;
  std::string raw_;     // raw bytes read, from raw_base_ in the file
  size_t raw_pos_ = 0;  // next raw byte to use
  uint64_t raw_base_ = 0;
  bool raw_eof_ = false;
  bool gzip_ = false;
  z_stream zs_{};
  uint64_t member_start_ = 0;                          // raw offset of the member being inflated
  std::deque<std::pair<uint64_t, uint64_t>> members_;  // (uncompressed, raw) member starts
  std::string window_;                                 // uncompressed bytes from base_
  size_t pos_ = 0;                                     // next unread byte of window_
  uint64_t base_ = 0;
  bool done_ = false;
  bool cut_member_ = false;
  Status error_;
  uint64_t error_offset_ = 0;
  uint64_t resume_search_ = 0;
};

}  // namespace

struct WarcReader::Impl {
  std::string name;
  WarcReaderOptions options;
  Stream stream;
  bool resync = false;  // the last record was bad: look for the next record start first
  bool finished = false;

  Status Error(uint64_t offset, std::string_view what) const {
    return Status::BadInput(name + " at byte " + std::to_string(offset) + ": " + std::string(what));
  }

  // Moves to the next "WARC/<digit>" at a line start (or a gzip member start); false if none.
  bool Resync() {
    if (!stream.error().ok()) return stream.RecoverAtNextMember();
    stream.Consume(std::min<size_t>(1, stream.Available().size()));
    while (true) {
      const std::string_view avail = stream.Available();
      size_t from = 0;
      while (true) {
        const size_t hit = avail.find("\nWARC/", from);
        if (hit == std::string_view::npos) break;
        if (hit + 6 < avail.size()) {
          if (std::isdigit(static_cast<unsigned char>(avail[hit + 6]))) {
            stream.Consume(hit + 1);
            return true;
          }
          from = hit + 1;
          continue;
        }
        break;  // need one more byte to decide
      }
      // Keep the last 6 bytes: a record start may straddle the window edge.
      const size_t keep = std::min<size_t>(6, avail.size());
      const size_t drop = avail.size() - keep;
      stream.Consume(drop);
      const size_t have = stream.Available().size();
      if (!stream.Fill(have + 1)) {
        if (!stream.error().ok()) return stream.RecoverAtNextMember();
        return false;
      }
    }
  }

  Result<std::optional<WarcRecord>> Next() {
    if (finished) return std::optional<WarcRecord>();
    if (resync) {
      resync = false;
      if (!Resync()) {
        finished = true;
        return std::optional<WarcRecord>();
      }
    }
    // Records are separated by CR LF CR LF; tolerate more (or fewer) line ends and spaces.
    while (true) {
      if (stream.Available().empty() && !stream.Fill(1)) break;
      const char c = stream.Available()[0];
      if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != '\0') break;
      stream.Consume(1);
    }
    const uint64_t position = stream.Position();
    const uint64_t offset = stream.FileOffset(position);
    if (stream.Available().empty()) {
      if (!stream.error().ok()) return Broken(stream.error_offset());
      finished = true;
      if (stream.cut_member()) {
        return Error(stream.member_start(),
                     "truncated record (the file ends inside its gzip member)");
      }
      return std::optional<WarcRecord>();
    }
    // The named fields end at the first empty line.
    size_t header_end = std::string_view::npos;
    size_t body_start = 0;
    size_t searched = 0;
    while (true) {
      const std::string_view avail = stream.Available();
      if (searched == 0 && avail.size() >= 5 && avail.substr(0, 5) != "WARC/") {
        resync = true;
        return Error(offset, "not a WARC record (no \"WARC/\" version line)");
      }
      const size_t from = searched > 3 ? searched - 3 : 0;
      const size_t crlf = avail.find("\r\n\r\n", from);
      const size_t lf = avail.find("\n\n", from);
      if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
        header_end = crlf + 2;
        body_start = crlf + 4;
      } else if (lf != std::string_view::npos) {
        header_end = lf + 1;
        body_start = lf + 2;
      }
      if (header_end != std::string_view::npos) break;
      searched = avail.size();
      if (searched > options.max_header_bytes) {
        resync = true;
        return Error(offset,
                     "WARC header is over " + std::to_string(options.max_header_bytes) + " bytes");
      }
      if (!stream.Fill(searched + 1)) {
        if (!stream.error().ok()) return Broken(stream.error_offset());
        finished = true;
        return Error(offset, "truncated record (the file ends inside its header)");
      }
    }
    const std::string_view head = stream.Available().substr(0, header_end);
    if (!IsVersionLine(head)) {
      resync = true;
      return Error(offset, "not a WARC record (no \"WARC/\" version line)");
    }
    WarcRecord record;
    record.offset = offset;
    size_t pos = head.find('\n') + 1;
    while (pos < head.size()) {
      size_t end = head.find('\n', pos);
      if (end == std::string_view::npos) end = head.size();
      std::string_view line = head.substr(pos, end - pos);
      pos = end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      if ((line[0] == ' ' || line[0] == '\t') && !record.headers.empty()) {
        record.headers.back().second += ' ';
        record.headers.back().second += text::TrimAscii(line);
        continue;
      }
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        resync = true;
        return Error(offset,
                     "malformed WARC header line \"" + std::string(line.substr(0, 60)) + "\"");
      }
      record.headers.emplace_back(std::string(text::TrimAscii(line.substr(0, colon))),
                                  std::string(text::TrimAscii(line.substr(colon + 1))));
    }
    const std::string_view length_text = Header(record, "Content-Length");
    if (length_text.empty()) {
      resync = true;
      return Error(offset, "record has no Content-Length");
    }
    uint64_t length = 0;
    if (length_text.size() > 18 || !std::all_of(length_text.begin(), length_text.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      resync = true;
      return Error(offset, "Content-Length \"" + std::string(length_text.substr(0, 30)) +
                               "\" is not a byte count");
    }
    for (char c : length_text) length = length * 10 + static_cast<uint64_t>(c - '0');
    record.content_length = length;
    record.type = std::string(Header(record, "WARC-Type"));
    record.record_id = std::string(Header(record, "WARC-Record-ID"));
    std::string_view uri = Header(record, "WARC-Target-URI");
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>')
      uri = uri.substr(1, uri.size() - 2);
    record.target_uri = std::string(uri);
    record.date = std::string(Header(record, "WARC-Date"));
    record.concurrent_to = std::string(Header(record, "WARC-Concurrent-To"));
    if (record.concurrent_to.empty()) {
      record.concurrent_to = std::string(Header(record, "WARC-Refers-To"));
    }
    record.content_type = std::string(Header(record, "Content-Type"));
    stream.Consume(body_start);

    // The block: keep up to max_block_bytes, skip the rest.
    const uint64_t keep = std::min(length, options.max_block_bytes);
    record.truncated = keep < length;
    if (!stream.Fill(static_cast<size_t>(keep))) {
      // Cut short, or a wrong Content-Length: look for a record start inside what is left.
      const size_t got = stream.Available().size();
      if (!stream.error().ok()) return Broken(stream.error_offset());
      resync = true;
      return Error(offset, "truncated record (Content-Length " + std::to_string(length) +
                               ", the file ends after " + std::to_string(got) + " bytes)");
    }
    record.block.assign(stream.Available().substr(0, static_cast<size_t>(keep)));
    stream.Consume(static_cast<size_t>(keep));
    if (record.truncated) {
      const uint64_t skipped = stream.Skip(length - keep);
      if (skipped < length - keep) {
        if (!stream.error().ok()) return Broken(stream.error_offset());
        finished = true;
        return Error(offset, "truncated record (Content-Length " + std::to_string(length) +
                                 ", the file ends after " + std::to_string(keep + skipped) +
                                 " bytes)");
      }
    }
    return std::optional<WarcRecord>(std::move(record));
  }

  // The gzip layer failed: report it; the next call resumes at the next member.
  Status Broken(uint64_t offset) {
    resync = true;
    return Error(offset, stream.error().message());
  }
};

std::string_view Header(const WarcRecord& record, std::string_view name) {
  for (const auto& [key, value] : record.headers) {
    if (text::EqualsIgnoreAsciiCase(key, name)) return value;
  }
  return {};
}

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::WarcReader(WarcReader&&) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&&) noexcept = default;
WarcReader::~WarcReader() = default;

Result<WarcReader> WarcReader::Open(const std::string& path, WarcReaderOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->name = path;
  impl->options = options;
  Status opened = impl->stream.OpenFile(path);
  if (!opened.ok()) return opened;
  return WarcReader(std::move(impl));
}

Result<WarcReader> WarcReader::FromBytes(std::string name, std::string bytes,
                                         WarcReaderOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(name);
  impl->options = options;
  Status opened = impl->stream.SetBytes(std::move(bytes));
  if (!opened.ok()) return opened.WithContext(impl->name);
  return WarcReader(std::move(impl));
}

Result<std::optional<WarcRecord>> WarcReader::Next() { return impl_->Next(); }

bool LooksLikeWarc(std::string_view first_bytes) {
  if (first_bytes.size() >= 2 && first_bytes[0] == '\x1f' && first_bytes[1] == '\x8b') {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return false;
    char out[16];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(first_bytes.data()));
    zs.avail_in = static_cast<uInt>(std::min<size_t>(first_bytes.size(), 1u << 30));
    zs.next_out = reinterpret_cast<Bytef*>(out);
    zs.avail_out = sizeof out;
    while (zs.avail_out > 0) {
      const int rc = inflate(&zs, Z_NO_FLUSH);
      if (rc != Z_OK) break;
    }
    const size_t n = sizeof out - zs.avail_out;
    inflateEnd(&zs);
    return IsVersionLine(std::string_view(out, n));
  }
  return IsVersionLine(first_bytes);
}

}  // namespace storyline::archive
