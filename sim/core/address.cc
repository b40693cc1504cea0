#include "sim/core/address.h"

#include <cstddef>

namespace tracksim::sim {
namespace {

// A dotted-quad IPv4 address (four decimal octets, no leading zeros beyond "0"); its first octet.
int ipv4_first_octet(std::string_view host) {
  int first = -1;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    const std::size_t start = i;
    int value = 0;
    while (i < host.size() && host[i] >= '0' && host[i] <= '9' && i - start < 3) {
      value = value * 10 + (host[i] - '0');
      ++i;
    }
    const std::size_t digits = i - start;
    if (digits == 0 || value > 255 || (digits > 1 && host[start] == '0')) return -1;
    if (parts == 0) first = value;
    ++parts;
    if (parts < 4) {
      if (i >= host.size() || host[i] != '.') return -1;
      ++i;
    }
  }
  return i == host.size() ? first : -1;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  return ipv4_first_octet(host) == 127;
}

bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  }
  return diff == 0;
}

}  // namespace tracksim::sim
