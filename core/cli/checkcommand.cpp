#include "cli/checkcommand.h"

#include "cli/checkoptions.h"
#include "fix/fixtrial.h"
#include "http/headerdiff.h"
#include "report/evaluationjson.h"
#include "report/junitreport.h"
#include "report/textreport.h"
#include "sender/sendsession.h"
#include "session/sessionentry.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace Corscope {

namespace {

// The smallest server change that lets the request through, found on the responses the server
// really gave. None for an allowed request, and none for a network error: no response to change.
// The --read-header names the page cannot read: for that page the request failed as surely as
// a blocked one, and the fix is the Access-Control-Expose-Headers that lets it read them.
QByteArrayList unreadableHeaders(const CheckOptions &options, const Evaluation &evaluation)
{
    QByteArrayList result;
    if (!evaluation.allowed())
        return result;
    for (const QByteArray &name : options.readHeaders) {
        if (!evaluation.readableHeaders.contains(name.toLower()))
            result << name;
    }
    return result;
}

std::optional<FixPlan> fixFor(const CheckOptions &options, const SendResult &result)
{
    if ((result.evaluation.allowed() && unreadableHeaders(options, result.evaluation).isEmpty()) ||
        result.evaluation.failure.error == CorsError::NetworkError)
        return std::nullopt;
    const SessionEntry entry = SessionEntry::fromSendResult(options.request, result, options.profile->id);
    return FixAdvisor::minimalFix(entry.scenario, 0, *options.profile, options.readHeaders);
}

SendOptions sendOptionsFor(const CheckOptions &options)
{
    SendOptions send;
    send.caFile = options.caFile;
    send.insecure = options.insecure;
    send.proxyUrl = options.proxy;
    send.totalTimeoutMs = options.timeoutMs;
    send.connectTimeoutMs = std::min(options.timeoutMs, 10000);
    return send;
}

// --try-fix: the request sent again, the fix written into the server's answers by Corscope.
struct TriedFix {
    std::optional<SendResult> result; // none when the fix cannot be tried
    QString problem;                  // why not
    QList<HeaderRewrite> rewrites;
};

TriedFix tryFix(const CheckOptions &options, const SendResult &result, const std::optional<FixPlan> &fix,
                const SendOptions &send)
{
    TriedFix tried;
    const SessionEntry entry = SessionEntry::fromSendResult(options.request, result, options.profile->id);
    const std::optional<RewriteRules> rules = FixTrial::rulesFor(fix, entry.scenario, &tried.problem);
    if (!rules)
        return tried;
    // A session of its own, so the rewritten preflight leaves nothing in the real session's
    // preflight cache for the next --repeat to profit from.
    SendSession trial(*options.profile);
    tried.result = trial.sendAndWait(options.request, FixTrial::optionsFor(send, *rules));
    tried.rewrites = FixTrial::rewritesOf(*tried.result);
    return tried;
}

QJsonArray stringsJson(const QByteArrayList &values)
{
    QJsonArray array;
    for (const QByteArray &value : values)
        array.append(QString::fromLatin1(value));
    return array;
}

QJsonObject triedFixJson(const TriedFix &tried)
{
    if (!tried.result)
        return {{QStringLiteral("verdict"), QJsonValue::Null},
                {QStringLiteral("problem"), tried.problem},
                {QStringLiteral("rewrittenHeaders"), QJsonArray()}};
    const QJsonObject evaluation = EvaluationJson::toJson(tried.result->evaluation);
    QJsonArray rewrites;
    for (const HeaderRewrite &rewrite : tried.rewrites) {
        QJsonArray headers;
        for (const HeaderDifference &difference : rewrite.changes) {
            const QString change =
                difference.kind == HeaderDifference::Kind::OnlyRight  ? QStringLiteral("added")
                : difference.kind == HeaderDifference::Kind::OnlyLeft ? QStringLiteral("removed")
                                                                      : QStringLiteral("changed");
            headers.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(difference.name)},
                                       {QStringLiteral("change"), change},
                                       {QStringLiteral("before"), stringsJson(difference.left)},
                                       {QStringLiteral("after"), stringsJson(difference.right)}});
        }
        rewrites.append(QJsonObject{{QStringLiteral("kind"), rewrite.kind == OutgoingRequest::Kind::Preflight
                                                                 ? QStringLiteral("preflight")
                                                                 : QStringLiteral("actual")},
                                    {QStringLiteral("method"), QString::fromLatin1(rewrite.method)},
                                    {QStringLiteral("url"), rewrite.url.toString()},
                                    {QStringLiteral("answeredLocally"), rewrite.answeredLocally},
                                    {QStringLiteral("rules"), QJsonArray::fromStringList(rewrite.rules)},
                                    {QStringLiteral("headers"), headers}});
    }
    return {{QStringLiteral("verdict"), evaluation.value(QStringLiteral("verdict"))},
            {QStringLiteral("error"), evaluation.value(QStringLiteral("error"))},
            {QStringLiteral("problem"), QJsonValue::Null},
            {QStringLiteral("rewrittenHeaders"), rewrites},
            {QStringLiteral("evaluation"), evaluation}};
}

QString triedFixText(const TriedFix &tried)
{
    if (!tried.result)
        return CheckCommand::tr("Fix not tried: %1").arg(tried.problem) + QLatin1Char('\n');
    QString text = CheckCommand::tr("Fix tried: responses rewritten by Corscope — the server is unchanged.") +
                   QLatin1Char('\n');
    for (const QString &line : FixTrial::summary(tried.rewrites))
        text += QStringLiteral("  %1\n").arg(line);
    text += TextReport::render(tried.result->evaluation,
                               CheckCommand::tr("With the fix tried (rewritten by Corscope)"));
    return text;
}

double ms(qint64 microseconds)
{
    return microseconds / 1000.0;
}

QJsonObject timingJson(const SendResult &result)
{
    QJsonArray exchanges;
    for (const ExchangeRecord &record : result.exchanges) {
        exchanges.append(
            QJsonObject{{QStringLiteral("kind"), record.request.kind == OutgoingRequest::Kind::Preflight
                                                     ? QStringLiteral("preflight")
                                                     : QStringLiteral("actual")},
                        {QStringLiteral("url"), result.evaluation.shownUrl(record.request).toString()},
                        {QStringLiteral("dnsMs"), ms(record.timing.dnsUs)},
                        {QStringLiteral("connectMs"), ms(record.timing.connectUs)},
                        {QStringLiteral("tlsMs"), ms(record.timing.tlsUs)},
                        {QStringLiteral("firstByteMs"), ms(record.timing.firstByteUs)},
                        {QStringLiteral("totalMs"), ms(record.timing.totalUs)},
                        {QStringLiteral("connectionReused"), record.connectionReused},
                        {QStringLiteral("remoteAddress"), record.remoteAddress},
                        {QStringLiteral("httpVersion"), QString::fromLatin1(record.httpVersion)}});
    }
    return {{QStringLiteral("totalMs"), double(result.durationMs)}, {QStringLiteral("exchanges"), exchanges}};
}

// The transport error that kept the browser from getting any response, if that is what
// happened: to scripts that is "the server can't be reached", exit status 2.
std::optional<TransportError> unreachable(const SendResult &result)
{
    if (result.evaluation.failure.error != CorsError::NetworkError)
        return std::nullopt;
    for (const ExchangeRecord &record : result.exchanges) {
        if (record.error)
            return record.error;
    }
    return std::nullopt;
}

QString timingText(const SendResult &result)
{
    QString text;
    for (const ExchangeRecord &record : result.exchanges) {
        text +=
            QStringLiteral("  %1 %2  dns %3 ms, connect %4 ms, tls %5 ms, first byte %6 ms, total %7 ms%8\n")
                .arg(QString::fromUtf8(record.request.method), result.evaluation.shownUrl(record.request).toString())
                .arg(ms(record.timing.dnsUs), 0, 'f', 1)
                .arg(ms(record.timing.connectUs), 0, 'f', 1)
                .arg(ms(record.timing.tlsUs), 0, 'f', 1)
                .arg(ms(record.timing.firstByteUs), 0, 'f', 1)
                .arg(ms(record.timing.totalUs), 0, 'f', 1)
                .arg(record.connectionReused ? CheckCommand::tr(" (reused connection)") : QString());
    }
    return text;
}

void waitMs(int milliseconds)
{
    if (milliseconds <= 0)
        return;
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

ExitStatus usage(QTextStream &err, const QString &command, const QString &message)
{
    err << QStringLiteral("corscope-cli %1: %2\n").arg(command, message);
    return ExitStatus::UsageError;
}

} // namespace

CliApplication::Command CheckCommand::checkCommand()
{
    return {
        QStringLiteral("check"),
        QStringLiteral(
            "check URL --origin ORIGIN [-X METHOD] [-H 'Name: value']... [-d DATA] [--credentials "
            "omit|same-origin|include] [--mode cors|no-cors|same-origin] [--browser chromium|firefox] "
            "[--repeat N] [--interval-ms MS] [--format text|json|junit] [--curl 'curl …'] [--fix SERVER]... "
            "[--read-header NAME]... [--try-fix]"),
        tr("Send a request to a real server exactly as the browser would (preflight first) and report its "
           "verdict, console message and fix."),
        &CheckCommand::runCheck};
}

CliApplication::Command CheckCommand::compareCommand()
{
    return {
        QStringLiteral("compare"),
        QStringLiteral("compare URL_A URL_B --origin ORIGIN [same request options as check]"),
        tr("Send the same request to two URLs (origin server and CDN, say) and show both verdicts and the "
           "response header diff."),
        &CheckCommand::runCompare};
}

ExitStatus CheckCommand::runCheck(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QString error;
    QString help;
    const std::optional<CheckOptions> options =
        CheckOptionsParser::parse(CheckOptionsParser::Command::Check, arguments, &error, &help);
    if (!options) {
        if (!help.isEmpty()) {
            out << help;
            return ExitStatus::Ok;
        }
        return usage(err, QStringLiteral("check"), error);
    }
    if (options->format == ReportFormat::Text) {
        if (options->insecure)
            out << tr("!! INSECURE: TLS certificates are NOT verified for these requests !!") << '\n';
        for (const QString &note : options->notes)
            out << tr("note: %1").arg(note) << '\n';
    }

    SendSession session(*options->profile);
    const SendOptions sendOptions = sendOptionsFor(*options);
    bool anyBlocked = false;
    std::optional<TransportError> unreachableError;
    QList<JunitReport::Case> cases;
    for (int i = 0; i < options->repeat; ++i) {
        if (i > 0)
            waitMs(options->intervalMs);
        const SendResult result = session.sendAndWait(options->request, sendOptions);
        const Evaluation &evaluation = result.evaluation;
        const QByteArrayList unreadable = unreadableHeaders(*options, evaluation);
        anyBlocked = anyBlocked || !evaluation.allowed() || !unreadable.isEmpty();
        if (!unreachableError)
            unreachableError = unreachable(result);
        const QString name =
            QStringLiteral("%1 %2 #%3")
                .arg(QString::fromUtf8(options->request.method), options->request.url.toString())
                .arg(i + 1);
        switch (options->format) {
        case ReportFormat::Json: {
            QJsonObject object = EvaluationJson::toJson(evaluation);
            object.insert(QStringLiteral("timing"), timingJson(result));
            object.insert(QStringLiteral("fetch"), i + 1);
            object.insert(QStringLiteral("insecure"), result.insecure);
            if (!options->readHeaders.isEmpty()) {
                QJsonArray names;
                for (const QByteArray &hidden : unreadable)
                    names.append(QString::fromUtf8(hidden));
                object.insert(QStringLiteral("unreadableHeaders"), names);
            }
            const std::optional<FixPlan> fix = fixFor(*options, result);
            object.insert(QStringLiteral("fix"),
                          fix ? QJsonValue(EvaluationJson::fixToJson(*fix, options->fixServers))
                              : QJsonValue(QJsonValue::Null));
            // Only with --try-fix, and null when there was nothing to fix: the fields before it
            // stay what they were.
            if (options->tryFix)
                object.insert(QStringLiteral("triedFix"),
                              fix ? QJsonValue(triedFixJson(tryFix(*options, result, fix, sendOptions)))
                                  : QJsonValue(QJsonValue::Null));
            if (!options->notes.isEmpty())
                object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(options->notes));
            out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
            out.flush();
            break;
        }
        case ReportFormat::Text:
            out << TextReport::render(evaluation, options->repeat > 1
                                                      ? tr("Fetch %1 of %2").arg(i + 1).arg(options->repeat)
                                                      : QString());
            for (const QByteArray &hidden : unreadable)
                out << tr("The page cannot read the response header %1: it is not CORS-safelisted and not "
                          "named in Access-Control-Expose-Headers.")
                           .arg(QString::fromUtf8(hidden))
                    << '\n';
            if (!options->fixServers.isEmpty() || options->tryFix) {
                if (const std::optional<FixPlan> fix = fixFor(*options, result)) {
                    if (!options->fixServers.isEmpty())
                        out << TextReport::renderFix(*fix, options->fixServers) << '\n';
                    if (options->tryFix)
                        out << triedFixText(tryFix(*options, result, fix, sendOptions)) << '\n';
                }
            }
            out << tr("Timing:") << '\n' << timingText(result) << '\n';
            out.flush();
            break;
        case ReportFormat::Junit:
            cases.append({name, evaluation, result.durationMs / 1000.0});
            // A case of its own, named for what it is, so CI can require that the fix works while
            // the real server's case still fails.
            if (options->tryFix) {
                if (const std::optional<FixPlan> fix = fixFor(*options, result)) {
                    const TriedFix tried = tryFix(*options, result, fix, sendOptions);
                    if (tried.result)
                        cases.append({tr("%1 with the fix tried (responses rewritten by Corscope)").arg(name),
                                      tried.result->evaluation, tried.result->durationMs / 1000.0});
                }
            }
            break;
        }
    }
    if (options->format == ReportFormat::Junit)
        out << JunitReport::render(QStringLiteral("corscope-cli check"), cases);
    if (unreachableError) {
        err << tr("corscope-cli check: the server can't be reached: %1").arg(unreachableError->reason)
            << '\n';
        return ExitStatus::UsageError;
    }
    return anyBlocked ? ExitStatus::Blocked : ExitStatus::Ok;
}

ExitStatus CheckCommand::runCompare(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QString error;
    QString help;
    const std::optional<CheckOptions> options =
        CheckOptionsParser::parse(CheckOptionsParser::Command::Compare, arguments, &error, &help);
    if (!options) {
        if (!help.isEmpty()) {
            out << help;
            return ExitStatus::Ok;
        }
        return usage(err, QStringLiteral("compare"), error);
    }
    const SendOptions sendOptions = sendOptionsFor(*options);
    // Separate sessions: the second URL must not profit from the first one's preflight cache.
    SendSession sessionA(*options->profile);
    SendSession sessionB(*options->profile);
    FetchRequest requestB = options->request;
    requestB.url = options->compareUrl;
    const SendResult a = sessionA.sendAndWait(options->request, sendOptions);
    const SendResult b = sessionB.sendAndWait(requestB, sendOptions);

    auto lastResponse = [](const SendResult &result) {
        for (auto record = result.exchanges.crbegin(); record != result.exchanges.crend(); ++record) {
            if (record->response)
                return record->response->headers;
        }
        return HeaderList();
    };
    const QList<HeaderDifference> diff = HeaderDiff::compare(lastResponse(a), lastResponse(b));
    if (options->format == ReportFormat::Json) {
        QJsonArray differences;
        for (const HeaderDifference &d : diff) {
            static const char *const kinds[] = {"same", "changed", "only-a", "only-b"};
            QJsonArray left;
            QJsonArray right;
            for (const QByteArray &value : d.left)
                left.append(QString::fromUtf8(value));
            for (const QByteArray &value : d.right)
                right.append(QString::fromUtf8(value));
            differences.append(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(d.name)},
                                           {QStringLiteral("kind"), QString::fromLatin1(kinds[int(d.kind)])},
                                           {QStringLiteral("a"), left},
                                           {QStringLiteral("b"), right}});
        }
        QJsonObject evaluationA = EvaluationJson::toJson(a.evaluation);
        evaluationA.insert(QStringLiteral("timing"), timingJson(a));
        QJsonObject evaluationB = EvaluationJson::toJson(b.evaluation);
        evaluationB.insert(QStringLiteral("timing"), timingJson(b));
        out << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("a"), evaluationA},
                                                           {QStringLiteral("b"), evaluationB},
                                                           {QStringLiteral("headerDiff"), differences}})
                                     .toJson(QJsonDocument::Compact))
            << '\n';
    } else {
        out << TextReport::render(a.evaluation, QStringLiteral("A: %1").arg(options->request.url.toString()))
            << '\n';
        out << TextReport::render(b.evaluation, QStringLiteral("B: %1").arg(requestB.url.toString())) << '\n';
        out << tr("Response headers, A vs B:") << '\n';
        for (const HeaderDifference &d : diff) {
            const QString left = QString::fromUtf8(d.left.join(" | "));
            const QString right = QString::fromUtf8(d.right.join(" | "));
            switch (d.kind) {
            case HeaderDifference::Kind::Same:
                out << QStringLiteral("  = %1: %2\n").arg(QString::fromUtf8(d.name), left);
                break;
            case HeaderDifference::Kind::Changed:
                out << QStringLiteral("  ~ %1: %2  →  %3\n").arg(QString::fromUtf8(d.name), left, right);
                break;
            case HeaderDifference::Kind::OnlyLeft:
                out << QStringLiteral("  - %1: %2  %3\n")
                           .arg(QString::fromUtf8(d.name), left, tr("(only in A)"));
                break;
            case HeaderDifference::Kind::OnlyRight:
                out << QStringLiteral("  + %1: %2  %3\n")
                           .arg(QString::fromUtf8(d.name), right, tr("(only in B)"));
                break;
            }
        }
    }
    for (const SendResult *result : {&a, &b}) {
        if (const std::optional<TransportError> problem = unreachable(*result)) {
            err << tr("corscope-cli compare: the server can't be reached: %1").arg(problem->reason) << '\n';
            return ExitStatus::UsageError;
        }
    }
    return a.evaluation.allowed() && b.evaluation.allowed() ? ExitStatus::Ok : ExitStatus::Blocked;
}

} // namespace Corscope
