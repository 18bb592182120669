#pragma once

#include "cors/evaluation.h"
#include "http/exchangephases.h"

#include <QCoreApplication>

namespace Corscope {

// The sequence of one fetch() as arrows between three lanes, computed here so every view (the
// GUI's Flow tab, an SVG export, a text report) draws the same thing.
struct SequenceArrow {
    enum class Lane { Page, Browser, Server };
    enum class Kind { Call, Request, Response, CacheHit, Resolved, Blocked };
    Lane from = Lane::Page;
    Lane to = Lane::Browser;
    Kind kind = Kind::Call;
    QString label;
    QStringList details;    // the CORS-relevant headers, one per line
    qint64 durationUs = -1; // the exchange's total time, when the engine measured it
    ExchangePhases phases;  // on a request arrow: where that time went, for the waterfall
};

class SequenceDiagram {
    Q_DECLARE_TR_FUNCTIONS(Corscope::SequenceDiagram)

public:
    // exchangePhases pairs with evaluation.exchanges (empty when offline).
    static QList<SequenceArrow> fromEvaluation(const Evaluation &evaluation,
                                               const QList<ExchangePhases> &exchangePhases = {});
};

} // namespace Corscope
