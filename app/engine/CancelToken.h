#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace assay {

// How hard an interrupter stops the statement running now. An abort starts with Cancel and
// escalates while the worker does not finish: a server that ignores a cancel (a backend frozen
// by SIGSTOP, a server under swap) gets its session ended, then the connection is dropped on the
// client's side, so the worker's blocking call returns whatever the server does.
enum class InterruptLevel {
    Cancel,     // the driver's statement cancel (PQcancel, KILL QUERY, sqlite3_interrupt)
    Terminate,  // end the server session from a second connection (pg_terminate_backend, KILL)
    Disconnect, // shut the connection's socket down under the blocked call
};

using StatementInterrupter = std::function<void(InterruptLevel)>;

// Shared between the thread that asks for an abort and the worker that runs the operation.
// The worker checks isCancelled() between statements and registers an interrupter that stops
// the statement running now through the driver (PQcancel, sqlite3_interrupt, KILL QUERY).
class CancelToken
{
public:
    // Marks the operation cancelled; any thread. Does not call the interrupter (that may block
    // on the network): call interruptRunningStatement() off the GUI thread for that.
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

    // Runs the registered interrupter, if any. Blocks while it runs; any thread but the GUI's.
    void interruptRunningStatement(InterruptLevel level = InterruptLevel::Cancel)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_interrupter)
            m_interrupter(level);
    }

    // The worker registers the interrupter once its source connection is open, and clears it
    // before closing that connection; clearing waits for an interrupt in flight.
    void setInterrupter(StatementInterrupter interrupter)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_interrupter = std::move(interrupter);
    }
    void clearInterrupter() { setInterrupter(nullptr); }

    // Set once the operation has ended, so a repeating interrupt knows to stop.
    void markFinished() { m_finished.store(true); }
    bool isFinished() const { return m_finished.load(); }

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_finished{false};
    std::mutex m_mutex;
    StatementInterrupter m_interrupter;
};

using CancelTokenPtr = std::shared_ptr<CancelToken>;

} // namespace assay
