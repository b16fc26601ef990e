#include "engine/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/error.h"
#include "engine/import/text_file.h"

namespace proctor {

std::string_view MemoryByteSource::Next() {
  if (done_) return {};
  done_ = true;
  return text_;
}

FileByteSource::FileByteSource(const std::string& path) : path_(path), buffer_(1 << 20) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
  fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd_ < 0) throw Error(path + ": cannot open the file: " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    const unsigned mode = st.st_mode;
    close(fd_);
    throw Error(path + ": " + NotARegularFile(mode));
  }
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
  size_ = static_cast<uint64_t>(st.st_size);
}

FileByteSource::~FileByteSource() {
  if (fd_ >= 0) close(fd_);
}

std::string_view FileByteSource::Next() {
  for (;;) {
    ssize_t n = read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(path_ + ": cannot read the file: " + std::strerror(errno));
    consumed_ += static_cast<uint64_t>(n);
    return {buffer_.data(), static_cast<size_t>(n)};
  }
}

}  // namespace proctor
