#pragma once

#include "cors/fetchrequest.h"
#include "scenario/scenario.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace Corscope {

// One HAR 1.2 entry, reduced to what CORS needs.
struct HarEntry {
    qsizetype index = 0;
    QDateTime started;
    QByteArray method;
    QUrl url;
    HeaderList requestHeaders;
    std::optional<QByteArray> requestBody;
    HttpResponse response;
    QUrl redirectUrl;
    // The entry and its page as the file had them: what Corscope does not model (timings,
    // cookies, Chrome's _initiator and _priority, Firefox's cache) goes back out unchanged on export.
    QJsonObject raw;
    QJsonObject page;
};

struct HarError {
    QString message;
    int line = 0;
    int column = 0;
    QString path;
    QString toString() const;
};

// A scenario rebuilt from a HAR capture: the page's fetch (as far as the capture shows it) and
// every response the browser got for it, preflight and redirects included.
struct HarScenario {
    qsizetype entryIndex = 0;
    std::optional<qsizetype> preflightEntryIndex; // the OPTIONS entry paired with this request
    Scenario scenario;
    QStringList assumptions; // what the HAR does not record and had to be inferred
};

class HarReader {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HarReader)

public:
    // Whether the bytes look like a HAR file rather than a scenario (a top-level "log").
    static bool looksLikeHar(const QByteArray &json);
    static std::optional<QList<HarEntry>> read(const QByteArray &json, HarError *error);
    // Every cross-origin request of the capture (preflights are paired, not listed).
    static QList<HarScenario> crossOriginScenarios(const QList<HarEntry> &entries);
    // What a capture does not show of a cross-origin request's fetch(), inferred from what it
    // does: request has the url, origin, method and body as sent; this adds the headers the page
    // set (not those the browser adds, nor those the guarding preflight did not announce) and
    // the credentials mode, and appends what it assumed. The HAR reader and the proxy's
    // FlowAnalyzer both rebuild requests through it, so a file and a live capture agree.
    static void inferPageRequest(FetchRequest &request, const HeaderList &sentHeaders,
                                 const HeaderList *preflightHeaders, QStringList *assumptions);
};

} // namespace Corscope
