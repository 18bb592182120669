#pragma once

#include "cors/evaluation.h"
#include "fix/fixadvisor.h"
#include "fix/snippetrenderer.h"

#include <QCoreApplication>

namespace Corscope {

// A readable step list for terminals: ✔/✘ per step, the console message, the fix.
class TextReport {
    Q_DECLARE_TR_FUNCTIONS(Corscope::TextReport)

public:
    static QString render(const Evaluation &evaluation, const QString &heading = {});
    // The plan, then the snippet of each named server (see SnippetRenderer::ids()), each part
    // headed by the config context it goes in.
    static QString renderFix(const FixPlan &plan, const QStringList &servers);
    static QString renderSnippet(const ServerSnippet &snippet);
    // Every exchange as HTTP/1.1 text: the request the browser sent and the response it got.
    static QString rawExchanges(const Evaluation &evaluation);
};

} // namespace Corscope
