#pragma once

#include <functional>

namespace assay {

// Sizes that follow their content until the person sets them: the fit is applied as ours, and
// a resize that is not ours (a splitter dragged, a column widened) is the person's choice,
// which stands for the rest of the session. Shared by the splitters and column fits that size
// themselves (ListDetailSplitter, ColumnPriority, the profile view's split).
class FitUntilUserSizes
{
public:
    bool userSized() const { return m_userSized; }
    // Runs `apply` (which resizes) as a fit, unless the person has sized it already.
    void fit(const std::function<void()> &apply)
    {
        if (m_userSized)
            return;
        m_fitting = true;
        apply();
        m_fitting = false;
    }
    // A resize happened: the person's, unless a fit is applying it.
    void resized()
    {
        if (!m_fitting)
            m_userSized = true;
    }

private:
    bool m_userSized = false;
    bool m_fitting = false;
};

} // namespace assay
