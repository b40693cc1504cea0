#include "sim/server/journal.h"

namespace tracksim::sim::server {

void Journal::add(JournalEntry entry) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= capacity_) entries_.pop_front();
  entries_.push_back(std::move(entry));
  ++total_;
}

std::vector<JournalEntry> Journal::entries() const {
  std::lock_guard lock(mu_);
  return {entries_.begin(), entries_.end()};
}

std::uint64_t Journal::total() const {
  std::lock_guard lock(mu_);
  return total_;
}

void Journal::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
  total_ = 0;
}

}  // namespace tracksim::sim::server
