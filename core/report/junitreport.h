#pragma once

#include "cors/evaluation.h"

#include <QCoreApplication>

namespace Corscope {

// JUnit XML for CI pipelines: one test case per fetch, failing when the browser would block it.
class JunitReport {
    Q_DECLARE_TR_FUNCTIONS(Corscope::JunitReport)

public:
    struct Case {
        QString name;
        Evaluation evaluation;
        double seconds = 0;
    };
    static QString render(const QString &suiteName, const QList<Case> &cases);
};

} // namespace Corscope
