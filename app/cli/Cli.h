#pragma once

namespace assay::cli {

// True when the arguments name a command (or --version/--help): run headless, no window.
bool isCliInvocation(int argc, char **argv);

// The headless entry point: creates its own QCoreApplication. Exit codes: 0 success,
// 1 the command failed (a one-line reason on stderr), 2 the command line is wrong.
int main(int argc, char **argv);

} // namespace assay::cli
