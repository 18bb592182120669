#include "report/textreport.h"

#include <QTextStream>

namespace Corscope {

namespace {

QString marker(StepOutcome outcome)
{
    switch (outcome) {
    case StepOutcome::Pass:
        return QStringLiteral("\u2714");
    case StepOutcome::Fail:
        return QStringLiteral("\u2718");
    case StepOutcome::Info:
        return QStringLiteral("\u2022");
    case StepOutcome::Skipped:
        return QStringLiteral("-");
    }
    return {};
}

} // namespace

QString TextReport::render(const Evaluation &e, const QString &heading)
{
    QString out;
    QTextStream stream(&out);
    if (!heading.isEmpty())
        stream << heading << '\n';
    stream << (e.allowed() ? tr("ALLOWED") : tr("BLOCKED")) << QStringLiteral(" (%1)").arg(e.browser) << '\n';
    for (const ExplanationStep &step : e.steps) {
        stream << "  " << marker(step.outcome) << ' ' << step.title << '\n';
        stream << "      " << step.detail << '\n';
        if (!step.browserNote.isEmpty())
            stream << "      " << tr("Browser note: %1").arg(step.browserNote) << '\n';
        if (step.fix && step.outcome == StepOutcome::Fail)
            stream << "      " << tr("Fix: %1").arg(step.fix->summary) << '\n';
    }
    if (!e.allowed()) {
        if (!e.consoleMessage.isEmpty())
            stream << tr("Console message:") << '\n' << "  " << e.consoleMessage << '\n';
        stream << tr("Error code: %1").arg(e.errorCode()) << '\n';
    }
    return out;
}

} // namespace Corscope
