#include "sim/core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <ostream>
#include <streambuf>
#include <vector>

namespace tracksim::sim {
namespace {

namespace fs = std::filesystem;

std::string why(int err) { return std::strerror(err); }

// Writes all of `content` to `fd`, retrying short writes and EINTR; errno on failure, else 0.
int write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// The mode a new file would get (0666 minus the umask), or the existing file's.
mode_t mode_for(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return st.st_mode & 07777;
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

// Makes the rename itself durable; a folder that cannot be opened or synced is not an error (the
// file is in place either way).
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// An ostream buffer over a file descriptor: 64 KiB at a time, the first errno kept.
class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  int error() const { return err_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    if (err_ == 0 && n > 0) err_ = write_all(fd_, std::string_view(pbase(), n));
    setp(buf_.data(), buf_.data() + buf_.size());
    return err_ == 0 ? 0 : -1;
  }

 private:
  int fd_;
  int err_ = 0;
  std::array<char, 1 << 16> buf_{};
};

// The common path: `fill(fd)` writes the content and returns 0 or an errno.
Result<void> write_with(const std::string& path, const std::function<int(int fd)>& fill) {
  const fs::path target(path);
  if (target.filename().empty()) return unexpected(Error{"not a file name", path});
  const fs::path folder = target.parent_path();
  const std::string tmp_name =
      (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> tmp(tmp_name.begin(), tmp_name.end());
  tmp.push_back('\0');
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return unexpected(
        Error{"cannot create a file beside it (is the folder there and writable?): " + why(err),
              path, ErrorKind::io});
  }
  int err = fill(fd);
  if (err == 0 && ::fchmod(fd, mode_for(path)) != 0) err = errno;
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.data(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.data());
    return unexpected(Error{"writing failed, the old file (if any) is left as it was: " + why(err),
                            path, ErrorKind::io});
  }
  sync_folder(folder);
  return {};
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, std::string_view content) {
  return write_with(path, [&](int fd) { return write_all(fd, content); });
}

Result<void> write_file_atomically(const std::string& path,
                                   const std::function<void(std::ostream&)>& write) {
  return write_with(path, [&](int fd) {
    FdBuf buf(fd);
    std::ostream out(&buf);
    write(out);
    out.flush();
    return buf.error();
  });
}

}  // namespace tracksim::sim
