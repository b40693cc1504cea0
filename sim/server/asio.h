// The one include of Boost.Asio (private to sim/server/*.cc; never in a public header). Boost 1.74
// Asio under GCC 12 in C++20 needs <utility> before it (std::exchange in awaitable.hpp).
// Thread-safety: that of Asio.
#pragma once

#include <boost/asio.hpp>
#include <utility>  // must come first: see above
