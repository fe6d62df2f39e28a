#pragma once

#include <QDeadlineTimer>
#include <functional>

namespace assay::screenshots {

// Runs the event loop for `ms` milliseconds: layouts, lazy model loads, queued signals and
// deferred deletes happen as they would on screen.
void settle(int ms = 100);

// Runs the event loop until `done()` is true or `deadline` passes; returns `done()`.
bool waitUntil(const std::function<bool()> &done, const QDeadlineTimer &deadline);

} // namespace assay::screenshots
