#include "sim/core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace tracksim::sim {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::size_t entries(const std::string& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(folder)) ++n;
  return n;
}

TEST(WriteFileAtomically, CreatesThenReplacesTheFileLeavingNothingElseBehind) {
  testing::TempDir dir;
  const std::string path = dir.path("report.json");
  ASSERT_TRUE(write_file_atomically(path, "old"));
  EXPECT_EQ(slurp(path), "old");
  const std::string big(3 << 20, 'x');  // several write() calls
  ASSERT_TRUE(write_file_atomically(path, big));
  EXPECT_EQ(slurp(path), big);
  EXPECT_EQ(entries(dir.path()), 1U) << "no temporary file may stay behind";
}

TEST(WriteFileAtomically, KeepsTheModeOfTheFileItReplaces) {
  testing::TempDir dir;
  const std::string path = dir.write("script.sh", "old");
  ASSERT_EQ(::chmod(path.c_str(), 0750), 0);
  ASSERT_TRUE(write_file_atomically(path, "new"));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750U);
}

// mkstemp makes 0600 files; a report others should read must get the umask's mode instead.
TEST(WriteFileAtomically, GivesANewFileTheUmasksMode) {
  testing::TempDir dir;
  const mode_t old_mask = ::umask(022);
  const std::string path = dir.path("new.txt");
  const Result<void> w = write_file_atomically(path, "x");
  ::umask(old_mask);
  ASSERT_TRUE(w);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644U);
}

TEST(WriteFileAtomically, AMissingFolderIsAnErrorNamingThePath) {
  testing::TempDir dir;
  const std::string path = dir.path("no/such/folder/report.json");
  const Result<void> w = write_file_atomically(path, "x");
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().where, path);
  EXPECT_FALSE(std::filesystem::exists(path));
}

// A failed rename (the target is a folder) leaves the folder and no temporary file.
TEST(WriteFileAtomically, AFailedRenameLeavesTheOldEntryAndNoTemporaryFile) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path("taken/inner"));
  const Result<void> w = write_file_atomically(dir.path("taken"), "x");
  ASSERT_FALSE(w);
  EXPECT_TRUE(std::filesystem::is_directory(dir.path("taken")));
  EXPECT_EQ(entries(dir.path()), 1U);
}

}  // namespace
}  // namespace tracksim::sim
