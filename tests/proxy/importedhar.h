#pragma once

// A HAR through the importer the Traffic tab and a re-import use (FlowImportJob on its worker
// thread): the flows read and their verdicts, later revisions applied as the tab applies them.

#include "capture/flowimportjob.h"
#include "cors/browserprofile.h"

#include <QHash>
#include <QSignalSpy>
#include <optional>

namespace ImportedHar {

struct Imported {
    QList<Corscope::Flow> flows;
    QHash<quint64, Corscope::FlowVerdict> verdicts;
};

// nullopt when the import fails or takes longer than 20 s.
inline std::optional<Imported> import(const QByteArray &har)
{
    using Corscope::FlowVerdict;
    auto job = Corscope::FlowImportJob::fromHar(har, Corscope::BrowserProfile::chromium());
    Imported imported;
    QObject::connect(job.get(), &Corscope::FlowImportJob::batchReady,
                     [&](const QList<Corscope::Flow> &flows, const QList<FlowVerdict> &verdicts) {
                         imported.flows += flows;
                         for (const FlowVerdict &verdict : verdicts)
                             imported.verdicts.insert(verdict.flowId, verdict);
                     });
    // A later entry may settle an earlier one's verdict (a preflight its request settled).
    QObject::connect(job.get(), &Corscope::FlowImportJob::verdictsRevised,
                     [&](const QList<FlowVerdict> &verdicts) {
                         for (const FlowVerdict &verdict : verdicts)
                             imported.verdicts.insert(verdict.flowId, verdict);
                     });
    QSignalSpy finished(job.get(), &Corscope::FlowImportJob::finished);
    job->start(1);
    if (!finished.wait(20000) || !finished.first().at(1).toString().isEmpty())
        return std::nullopt;
    return imported;
}

} // namespace ImportedHar
