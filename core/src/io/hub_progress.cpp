// A download's progress in words (hub.h); in every build, the training build too.

#include "aia/io/hub.h"

#include <cstdio>

namespace aia {

std::string describe_download(const HubProgress& p) {
  auto mb = [](double bytes) { return bytes / 1e6; };
  char text[160];
  int n = p.total > 0 ? std::snprintf(text, sizeof text, "%.1f of %.1f MB", mb(double(p.done)), mb(double(p.total)))
                      : std::snprintf(text, sizeof text, "%.1f MB", mb(double(p.done)));
  if (p.bytes_per_second > 0)
    n += std::snprintf(text + n, sizeof text - std::size_t(n), ", %.1f MB/s", mb(p.bytes_per_second));
  if (p.eta_seconds >= 0) {
    const long s = static_cast<long>(p.eta_seconds + 0.5);
    if (s >= 3600)
      std::snprintf(text + n, sizeof text - std::size_t(n), ", %ld:%02ld:%02ld left", s / 3600, s / 60 % 60, s % 60);
    else
      std::snprintf(text + n, sizeof text - std::size_t(n), ", %ld:%02ld left", s / 60, s % 60);
  }
  return text;
}

}  // namespace aia
