// MD5 (RFC 1321), for Kuaidi100-style request signatures only; not for security.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tracksim::sim::server {

// The 16-byte digest of the bytes of `data`.
std::array<std::uint8_t, 16> md5(std::string_view data);

// The digest as 32 hex digits, upper-case as Kuaidi100 signs ("900150983CD24FB0...").
std::string md5_hex_upper(std::string_view data);

}  // namespace tracksim::sim::server
