#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace assay {

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
    void interruptRunningStatement()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_interrupter)
            m_interrupter();
    }

    // The worker registers the interrupter once its source connection is open, and clears it
    // before closing that connection; clearing waits for an interrupt in flight.
    void setInterrupter(std::function<void()> interrupter)
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
    std::function<void()> m_interrupter;
};

using CancelTokenPtr = std::shared_ptr<CancelToken>;

} // namespace assay
