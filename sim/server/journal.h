// Journal: the requests the mock carrier answered (method, path, status, virtual and wall time),
// newest last, in a bounded ring that drops the oldest. Thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "sim/time/instant.h"

namespace tracksim::sim::server {

struct JournalEntry {
  std::string method;
  std::string path;
  int status = 0;
  Instant virtual_time;
  std::int64_t wall_ms = 0;  // from SystemClock::wall_millis
};

class Journal {
 public:
  explicit Journal(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  void add(JournalEntry entry);
  std::vector<JournalEntry> entries() const;  // oldest first
  std::uint64_t total() const;                // every entry ever added, dropped ones included
  void clear();

 private:
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<JournalEntry> entries_;
  std::uint64_t total_ = 0;
};

}  // namespace tracksim::sim::server
