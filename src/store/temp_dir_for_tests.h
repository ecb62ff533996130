// Tests only: a fresh directory under the system temp dir, named after the running test,
// removed with everything in it at the end.
#ifndef STORYLINE_STORE_TEMP_DIR_FOR_TESTS_H_
#define STORYLINE_STORE_TEMP_DIR_FOR_TESTS_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace storyline::testing {

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("storyline_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()) +
             "_" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string Sub(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace storyline::testing

#endif  // STORYLINE_STORE_TEMP_DIR_FOR_TESTS_H_
