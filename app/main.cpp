#include "app/cli/Cli.h"
#include "ui/GuiMain.h"

// One executable, two faces: `assay` opens the window; `assay <command> ...` runs headless.
int main(int argc, char **argv)
{
    if (assay::cli::isCliInvocation(argc, argv))
        return assay::cli::main(argc, argv);
    return assay::runGui(argc, argv);
}
