// Errors are values: every fallible call in storyline returns a Status or a Result<T>.
//
// A Status carries a code and a message a user can act on ("seeds/x.html: not valid
// UTF-8 at byte 1203"). Result<T> holds either a T or a non-OK Status. Both are plain
// values, cheap to move, and safe to use from any thread (they share nothing).
#ifndef STORYLINE_STATUS_H_
#define STORYLINE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace storyline {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something impossible
  kNotFound,         // a file, an article or a story that is not there
  kIoError,          // the operating system said no
  kBadInput,         // the input's bytes cannot be what they claim (binary, truncated, ...)
  kTooLarge,         // the input is over a configured limit
  kCorruption,       // stored data is not what we wrote
  kInternal,         // a bug of ours, reported instead of crashing
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status BadInput(std::string m) { return {StatusCode::kBadInput, std::move(m)}; }
  static Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "bad input: not valid UTF-8" ; "OK" for success.
  std::string ToString() const;
  // The same status with "context: " put before its message.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or the reason there is none. REQUIRES: value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {
    if (std::get<Status>(data_).ok()) data_ = Status::Internal("Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace storyline

#define STORYLINE_RETURN_IF_ERROR(expr) \
  do {                                  \
    ::storyline::Status _st = (expr);   \
    if (!_st.ok()) return _st;          \
  } while (0)

#endif  // STORYLINE_STATUS_H_
