#include "report/textreport.h"

#include "cors/websockethandshake.h"

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
        const StepText text = step.text();
        stream << "  " << marker(step.outcome) << ' ' << text.title << '\n';
        stream << "      " << text.detail << '\n';
        if (!text.browserNote.isEmpty())
            stream << "      " << tr("Browser note: %1").arg(text.browserNote) << '\n';
        if (text.fix && step.outcome == StepOutcome::Fail)
            stream << "      " << tr("Fix: %1").arg(text.fix->summary) << '\n';
    }
    if (!e.allowed()) {
        if (!e.consoleMessage.isEmpty()) {
            stream << tr("Console message:") << '\n' << "  " << e.consoleMessage << '\n';
            if (!e.consoleMessageVerified)
                stream
                    << "  "
                    << tr("(wording from the browser's source; its headless console cannot be read, so the "
                          "test suite does not check it)")
                    << '\n';
        }
        stream << tr("Error code: %1").arg(e.errorCode()) << '\n';
    }
    return out;
}

QString TextReport::renderFix(const FixPlan &plan, const QStringList &servers)
{
    QString out;
    QTextStream stream(&out);
    if (!plan.fixable) {
        stream << tr("No server change can fix this: %1").arg(plan.blocker) << '\n';
        return out;
    }
    if (plan.webSocket && plan.alreadyAllowed) {
        stream << tr("The socket opens; what its server must still check:") << '\n';
        for (const QString &note : plan.notes)
            stream << "  " << note << '\n';
        return out;
    }
    stream << (plan.webSocket ? tr("What would fix it (the WebSocket server's handshake, not CORS):")
                              : tr("What would fix it (the smallest server change):"))
           << '\n';
    for (const ResponseChange &change : plan.changes) {
        const QString target =
            QStringLiteral("%1 %2").arg(QString::fromUtf8(change.method),
                                        (plan.webSocket ? WebSocketHandshake::socketUrl(change.url) : change.url)
                                            .toString());
        if (change.newStatus)
            stream << "  "
                   << tr("answer %1 with status %2 instead of %3")
                          .arg(target)
                          .arg(change.newStatus)
                          .arg(change.oldStatus)
                   << '\n';
        if (!change.header.isEmpty()) {
            stream << "  "
                   << tr("on %1: %2: %3")
                          .arg(target, QString::fromUtf8(change.header), QString::fromUtf8(change.newValue));
            if (change.oldValue)
                stream << ' ' << tr("(was '%1')").arg(QString::fromUtf8(*change.oldValue));
            stream << '\n';
        }
    }
    for (const QString &note : plan.notes)
        stream << "  " << tr("note: %1").arg(note) << '\n';
    for (const QString &server : servers) {
        if (plan.webSocket)
            break; // CORS configuration changes nothing for a WebSocket
        if (const SnippetRenderer *renderer = SnippetRenderer::byId(server))
            stream << '\n' << renderSnippet(renderer->render(plan.policy));
    }
    return out;
}

QString TextReport::renderSnippet(const ServerSnippet &snippet)
{
    QString out;
    QTextStream stream(&out);
    for (const SnippetPart &part : snippet.parts) {
        stream << tr("-- %1, in the %2 context --").arg(snippet.displayName, part.context) << '\n'
               << part.code;
        if (!part.code.endsWith(QLatin1Char('\n')))
            stream << '\n';
    }
    for (const QString &note : snippet.notes)
        stream << tr("note: %1").arg(note) << '\n';
    return out;
}

QString TextReport::rawExchanges(const Evaluation &evaluation)
{
    QString out;
    QTextStream stream(&out);
    for (const Exchange &exchange : evaluation.exchanges) {
        const OutgoingRequest &request = exchange.request;
        const QString target = request.url.path(QUrl::FullyEncoded).isEmpty()
                                   ? QStringLiteral("/")
                                   : request.url.path(QUrl::FullyEncoded);
        stream << (request.kind == OutgoingRequest::Kind::Preflight ? tr("# preflight") : tr("# request"))
               << '\n';
        stream << QString::fromUtf8(request.method) << ' ' << target
               << (request.url.hasQuery() ? QLatin1Char('?') + request.url.query(QUrl::FullyEncoded)
                                          : QString())
               << " HTTP/1.1\n";
        stream << "Host: " << request.url.authority() << '\n';
        for (const Header &header : request.headers)
            stream << QString::fromUtf8(header.name) << ": " << QString::fromUtf8(header.value) << '\n';
        if (request.body)
            stream << '\n' << QString::fromUtf8(*request.body) << '\n';
        stream << '\n';
        if (exchange.response) {
            stream << "HTTP/1.1 " << exchange.response->status << ' '
                   << QString::fromUtf8(exchange.response->statusText) << '\n';
            for (const Header &header : exchange.response->headers)
                stream << QString::fromUtf8(header.name) << ": " << QString::fromUtf8(header.value) << '\n';
        } else if (!exchange.networkError.isEmpty()) {
            stream << tr("# no response: %1").arg(exchange.networkError) << '\n';
        }
        stream << '\n';
    }
    return out;
}

} // namespace Corscope
