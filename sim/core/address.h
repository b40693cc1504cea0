// Which hosts stay on this machine, for the checks that guard binds, proxy targets and callback
// URLs (docs/security.md). Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace tracksim::sim {

// True for "localhost", any IPv4 address in 127.0.0.0/8, and "::1" (with or without brackets).
// Everything else, including "0.0.0.0", "::" and names that merely resolve to loopback, is false.
bool is_loopback_host(std::string_view host);

// Compares two secrets in time that depends on their lengths only, not on where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace tracksim::sim
