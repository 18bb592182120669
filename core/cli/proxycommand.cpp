#include "cli/proxycommand.h"

#include "app/privatefile.h"
#include "capture/capturesession.h"
#include "cli/explaincommand.h"
#include "har/harentrystream.h"
#include "har/harreader.h"
#include "har/harredaction.h"
#include "proxy/certificateauthority.h"
#include "proxy/rewriterules.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Corscope {

namespace {

// SIGINT/SIGTERM reach the event loop through a socket pair: the handler may only write().
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

// A busy proxy sees the same few URLs over and over, and formatting one cost more than the rest
// of its line.
class UrlText {
public:
    const QString &of(const QUrl &url)
    {
        if (m_text.isNull() || url != m_url) {
            m_url = url;
            m_text = url.toString();
        }
        return m_text;
    }

private:
    QUrl m_url;
    QString m_text;
};

// Built by appending rather than by a chain of arg() calls: one line per flow is printed.
QString verdictLine(const Flow &flow, const FlowVerdict &verdict, const QString &url)
{
    QLatin1StringView label;
    switch (verdict.kind) {
    case FlowVerdict::Kind::Allowed:
        label = QLatin1StringView("ALLOWED");
        break;
    case FlowVerdict::Kind::Blocked:
        label = QLatin1StringView("BLOCKED");
        break;
    case FlowVerdict::Kind::PreflightPassed:
        label = QLatin1StringView("PREFLIGHT-OK");
        break;
    case FlowVerdict::Kind::PreflightFailed:
        label = QLatin1StringView("PREFLIGHT-BLOCKED");
        break;
    case FlowVerdict::Kind::PreflightUnfollowed:
        label = QLatin1StringView("PREFLIGHT-UNFOLLOWED");
        break;
    case FlowVerdict::Kind::RedirectFollowed:
        label = QLatin1StringView("FOLLOWED");
        break;
    case FlowVerdict::Kind::RedirectUnfollowed:
        label = QLatin1StringView("REDIRECT-UNFOLLOWED");
        break;
    case FlowVerdict::Kind::NotCors:
        return {};
    }
    const std::optional<QByteArray> origin = flow.requestHeaders.get("origin");
    QString line;
    line.reserve(64 + url.size());
    line += u'#';
    line += QString::number(flow.id);
    line += u' ';
    line += label;
    line += u' ';
    line += QLatin1StringView(flow.method);
    line += u' ';
    line += url;
    line += QLatin1StringView(" from ");
    if (origin)
        line += QString::fromUtf8(*origin);
    if (flow.status) {
        line += QLatin1StringView(" -> ");
        line += QString::number(flow.status);
    }
    if (verdict.pairedFlowId)
        line += ProxyCommand::tr(" (preflight #%1)").arg(*verdict.pairedFlowId);
    if (verdict.preflightFromBrowserCache)
        line += ProxyCommand::tr(" (preflight from the browser's cache)");
    if (flow.answeredLocally)
        line += ProxyCommand::tr(" (answered by the proxy: rule '%1')").arg(flow.appliedRules.value(0));
    else if (!flow.appliedRules.isEmpty())
        line += ProxyCommand::tr(" (rewritten by rule(s) '%1')")
                    .arg(flow.appliedRules.join(QStringLiteral("', '")));
    // A redirect chain is one fetch: each hop says where it sits, the last line is the verdict.
    if (verdict.chain)
        line += ProxyCommand::tr(" (chain #%1, hop %2 of %3)")
                    .arg(verdict.chain->id)
                    .arg(verdict.chain->hop + 1)
                    .arg(verdict.chain->hops);
    if (verdict.isBlocked() && verdict.evaluation && !verdict.evaluation->consoleMessage.isEmpty())
        line += QStringLiteral("\n    ") + verdict.evaluation->consoleMessage;
    // What the wire does not show, most likely first.
    for (const FlowReading &reading : verdict.readings) {
        line += QStringLiteral("\n    ") + ProxyCommand::tr("maybe: %1").arg(reading.description);
        if (!reading.fix.isEmpty())
            line += QStringLiteral("\n      ") + ProxyCommand::tr("fix: %1").arg(reading.fix);
    }
    return line;
}

// Every failed flow gets a line, cross-origin or not: a refused or unforwardable request must
// not be only a log line nobody sees. "#7 ERROR GET http://… connection-refused: Could not …"
QString errorLine(const Flow &flow, const QString &url)
{
    QString line = u'#' + QString::number(flow.id) + QLatin1StringView(" ERROR ");
    if (!flow.method.isEmpty())
        line += QLatin1StringView(flow.method) + u' ';
    line += url.isEmpty() ? ProxyCommand::tr("(no URL)") : url;
    line += u' ' + flowErrorName(flow.errorKind) + QLatin1StringView(": ") + flow.error;
    if (flow.proxyAnswerStatus)
        line += ProxyCommand::tr(" (answered %1)").arg(flow.proxyAnswerStatus);
    return line;
}

} // namespace

CliApplication::Command ProxyCommand::command()
{
    return {
        QStringLiteral("proxy"),
        QStringLiteral("proxy --listen 127.0.0.1:PORT [--browser chromium|firefox] [--har FILE [--redact "
                       "LIST]] [--rules FILE] "
                       "[--allow-non-loopback [--proxy-auth USER:PASSWORD] [--allow-target HOST[:PORT]]...]"),
        tr("Run the intercepting proxy until interrupted; print each cross-origin flow's verdict and write "
           "the capture as HAR (with _cors) on exit."),
        &ProxyCommand::run};
}

ExitStatus ProxyCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          tr("Address and port, e.g. 127.0.0.1:8080."),
                                          QStringLiteral("ADDRESS:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption browserOption(QStringLiteral("browser"), tr("chromium (default) or firefox."),
                                           QStringLiteral("BROWSER"), QStringLiteral("chromium"));
    const QCommandLineOption harOption(QStringLiteral("har"),
                                       tr("Write the capture to FILE on exit (readable by you alone, 0600)."),
                                       QStringLiteral("FILE"));
    // Chrome's DevTools export sanitized by default since Chrome 130 (cookies and credentials out):
    // a HAR is made to be handed to someone, so the CLI's is too, unless asked for in full. The
    // names stay, so the verdicts of a re-import are those of the capture.
    const QCommandLineOption redactOption(
        QStringLiteral("redact"),
        tr("What the HAR leaves out: none, or a comma-separated list of cookies, authorization, "
           "query=NAME, header=NAME, bodies (default: %1). Values become %2; each entry's _redacted says "
           "what "
           "went.")
            .arg(HarRedaction::chromeSanitized().toSpec(), QString(HarRedaction::kMarker)),
        QStringLiteral("LIST"), HarRedaction::chromeSanitized().toSpec());
    const QCommandLineOption rulesOption(QStringLiteral("rules"), tr("Response rewrite rules (JSON)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption allowOption(QStringLiteral("allow-non-loopback"),
                                         tr("Allow listening on an address other than loopback."));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        tr("Show this help."));
    const QCommandLineOption noInterceptOption(
        QStringLiteral("no-intercept"), tr("Pass HTTPS (CONNECT) through untouched instead of reading it."));
    const QCommandLineOption caDirOption(
        QStringLiteral("ca-dir"),
        tr("Where the interception CA lives (default: %1).").arg(CertificateAuthority::defaultDirectory()),
        QStringLiteral("DIR"), CertificateAuthority::defaultDirectory());
    const QCommandLineOption upstreamCaOption(
        QStringLiteral("upstream-ca"),
        tr("Also trust the CA certificates in FILE (PEM) for origin servers, e.g. a development CA "
           "(repeatable)."),
        QStringLiteral("FILE"));
    parser.addOption(upstreamCaOption);
    const QCommandLineOption tunnelOnlyOption(
        QStringLiteral("tunnel-only"), tr("Never intercept HOST (repeatable)."), QStringLiteral("HOST"));
    const QCommandLineOption journalOption(
        QStringLiteral("journal"),
        tr("Append every finished flow to FILE as it happens, and start from the flows already in it (a "
           "crashed or killed capture loses nothing that completed)."),
        QStringLiteral("FILE"));
    parser.addOption(redactOption);
    const QCommandLineOption proxyAuthOption(
        QStringLiteral("proxy-auth"),
        tr("The credential clients must send (Proxy-Authorization: Basic) when the proxy listens beyond "
           "loopback; without it a random one is made and printed. Given on loopback, it is required "
           "there too."),
        QStringLiteral("USER:PASSWORD"));
    const QCommandLineOption allowTargetOption(
        QStringLiteral("allow-target"),
        tr("Beyond loopback, where the proxy may go (repeatable): HOST (port 80, and 443 for CONNECT), "
           "HOST:PORT, or * for any host; default * on ports 80 and 443. The proxy machine's own "
           "addresses only when named."),
        QStringLiteral("HOST[:PORT]"));
    parser.addOptions({listenOption, browserOption, harOption, rulesOption, allowOption, noInterceptOption,
                       caDirOption, tunnelOnlyOption, journalOption, proxyAuthOption, allowTargetOption,
                       helpOption});
    if (!parser.parse(QStringList{QStringLiteral("corscope-cli proxy")} + arguments)) {
        err << QStringLiteral("corscope-cli proxy: %1\n").arg(parser.errorText());
        return ExitStatus::UsageError;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return ExitStatus::Ok;
    }
    QString redactError;
    const std::optional<HarRedaction> redaction =
        HarRedaction::parse(parser.value(redactOption), &redactError);
    if (!redaction) {
        err << tr("corscope-cli proxy: --redact: %1\n").arg(redactError);
        return ExitStatus::UsageError;
    }
    const BrowserProfile *profile = BrowserProfile::byId(parser.value(browserOption));
    if (!profile) {
        err << tr("corscope-cli proxy: unknown browser '%1' (chromium or firefox)\n")
                   .arg(parser.value(browserOption));
        return ExitStatus::UsageError;
    }
    const QString listen = parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const quint16 port = colon > 0 ? listen.mid(colon + 1).toUShort(&portOk) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    ProxySettings settings;
    settings.address = QHostAddress(host);
    settings.port = port;
    if (!portOk || settings.address.isNull()) {
        err << tr("corscope-cli proxy: --listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080, not '%1'\n")
                   .arg(listen);
        return ExitStatus::UsageError;
    }
    // Beyond loopback the proxy takes a credential and goes only to allowed targets (ProxyAccess);
    // on loopback only when asked for with either option.
    for (const QString &text : parser.values(allowTargetOption)) {
        QString targetError;
        const std::optional<ProxyAccess::Target> target = ProxyAccess::parseTarget(text, &targetError);
        if (!target) {
            err << tr("corscope-cli proxy: --allow-target: %1\n").arg(targetError);
            return ExitStatus::UsageError;
        }
        settings.access.targets.append(*target);
    }
    bool credentialMade = false;
    if (parser.isSet(proxyAuthOption)) {
        const QString credential = parser.value(proxyAuthOption);
        if (credential.indexOf(u':') < 1) {
            err << tr("corscope-cli proxy: --proxy-auth takes USER:PASSWORD, not '%1'\n").arg(credential);
            return ExitStatus::UsageError;
        }
        settings.access.credential = credential.toUtf8();
    }
    settings.access.enforced =
        !settings.address.isLoopback() || parser.isSet(proxyAuthOption) || parser.isSet(allowTargetOption);
    if (settings.access.enforced && settings.access.credential.isEmpty()) {
        settings.access.credential = ProxyAccess::randomCredential();
        credentialMade = true;
    }
    RewriteRules rules;
    if (parser.isSet(rulesOption)) {
        QFile file(parser.value(rulesOption));
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            err << tr("corscope-cli proxy: cannot read %1: %2\n").arg(file.fileName(), file.errorString());
            return ExitStatus::UsageError;
        }
        const auto parsed = RewriteRules::parse(file.readAll(), &error);
        if (!parsed) {
            err << tr("corscope-cli proxy: %1: %2\n").arg(file.fileName(), error);
            return ExitStatus::UsageError;
        }
        rules = *parsed;
    }

    // The origin's certificate is verified as the browser would verify it; a development CA the
    // browser trusts has to be named here too, or every intercepted flow to it fails.
    for (const QString &path : parser.values(upstreamCaOption)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            err << tr("corscope-cli proxy: cannot read %1: %2\n").arg(path, file.errorString());
            return ExitStatus::UsageError;
        }
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (certificates.isEmpty()) {
            err << tr("corscope-cli proxy: %1 holds no PEM certificate\n").arg(path);
            return ExitStatus::UsageError;
        }
        settings.upstreamCaCertificates += certificates;
    }
    if (!parser.isSet(noInterceptOption)) {
        QString caError;
        settings.authority = CertificateAuthority::loadOrCreate(parser.value(caDirOption), &caError);
        if (!settings.authority) {
            err << QStringLiteral("corscope-cli proxy: %1\n").arg(caError);
            return ExitStatus::UsageError;
        }
        settings.tunnelOnlyHosts = parser.values(tunnelOnlyOption);
    }
    // Flows are kept only for the HAR written at exit: kept regardless, a long capture grew without
    // bound and filling the list and hash was a tenth of the proxy's time under load.
    CaptureSession session(*profile, EvaluationDetail::VerdictOnly);
    session.setKeepFlows(parser.isSet(harOption));
    if (!rules.isEmpty())
        session.setRewriteRules(rules);
    // The journal is read before the proxy listens: its flows are analysed before any new one, and
    // new ids continue after theirs.
    std::optional<CaptureSession::JournalRecovery> recovery;
    if (parser.isSet(journalOption)) {
        QString journalError;
        recovery = session.openJournal(parser.value(journalOption), &journalError);
        if (!recovery) {
            err << QStringLiteral("corscope-cli proxy: %1\n").arg(journalError);
            return ExitStatus::UsageError;
        }
    }
    // From start() until stop() the analysis thread owns out and anyBlocked: lines are printed
    // there, as flows are evaluated, and the event loop only moves bytes.
    bool anyBlocked = false;
    UrlText urlText; // used on the analysis thread only
    session.setDirectSink({
        [&](const Flow &flow, const FlowVerdict &verdict) {
            if (flow.state == Flow::State::Error)
                out << errorLine(flow, urlText.of(flow.url)) << '\n';
            // A verdict later flows may still change is printed once they have (see below).
            if (verdict.settled) {
                anyBlocked = anyBlocked || verdict.isBlocked();
                const QString line = verdictLine(flow, verdict, urlText.of(flow.url));
                if (!line.isEmpty())
                    out << line << '\n';
            }
        },
        // An earlier flow settled: its line now, and the HAR gets the final verdict. A preflight
        // declared unfollowed whose request then came late is printed again, settled as paired.
        [&](const Flow &flow, const FlowVerdict &verdict) {
            anyBlocked = anyBlocked || verdict.isBlocked();
            const QString line = verdictLine(flow, verdict, urlText.of(flow.url));
            if (!line.isEmpty())
                out << line << '\n';
        },
        // Each line is out as soon as the thread has caught up, not flushed one by one.
        [&] { out.flush(); },
    });

    // Signals are caught before the proxy announces itself: a script may stop it right after.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        err << tr("corscope-cli proxy: cannot set up signal handling\n");
        return ExitStatus::UsageError;
    }
    QEventLoop loop;
    QSocketNotifier notifier(signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // Announced before the analysis thread, which prints every later line, starts.
    QObject::connect(&session, &CaptureSession::captureStarted, &session, [&](const QString &address) {
        out << tr("Corscope proxy listening on %1 (%2); Ctrl+C to stop.").arg(address, profile->displayName)
            << Qt::endl;
        if (settings.access.enforced) {
            QStringList targets;
            for (const ProxyAccess::Target &target : settings.access.targets)
                targets.append(target.port < 0 ? target.host
                                               : target.host + u':' + QString::number(target.port));
            out << (credentialMade ? tr("Clients must authenticate as %1 (Proxy-Authorization: Basic); made "
                                        "for this run, "
                                        "pass --proxy-auth to choose one.")
                                         .arg(QString::fromUtf8(settings.access.credential))
                                   : tr("Clients must authenticate with the --proxy-auth credential "
                                        "(Proxy-Authorization: "
                                        "Basic)."))
                << Qt::endl
                << tr("Allowed targets: %1; CONNECT to port 443 unless a target names another port; this "
                      "machine's own addresses only when named.")
                       .arg(targets.isEmpty() ? tr("any host on port 80 (and 443 for CONNECT)")
                                              : targets.join(QStringLiteral(", ")))
                << Qt::endl;
        }
        if (settings.authority)
            out << tr("HTTPS is intercepted with the CA in %1 (ca-cert.pem). Chromium without installing "
                      "it:\n"
                      "  chromium --proxy-server=http://%2 --proxy-bypass-list='<-loopback>' "
                      "--ignore-certificate-errors-spki-list=%3")
                       .arg(parser.value(caDirOption), address,
                            QString::fromLatin1(settings.authority->spkiSha256Base64()))
                << Qt::endl;
        if (recovery && (recovery->flows > 0 || recovery->skipped > 0))
            out << tr("Recovered %n flow(s) from %1", nullptr, recovery->flows)
                       .arg(parser.value(journalOption))
                << (recovery->skipped ? tr(" (%n unreadable line(s) skipped)", nullptr, recovery->skipped)
                                      : QString())
                << Qt::endl;
    });
    // Emitted on this thread, which writes nothing else to err while the capture runs.
    QObject::connect(&session, &CaptureSession::error, &session, [&](const QString &message) {
        err << QStringLiteral("corscope-cli proxy: %1\n").arg(message) << Qt::flush;
    });
    QString error;
    if (!session.start(settings, &error, parser.isSet(allowOption))) {
        err << QStringLiteral("corscope-cli proxy: %1\n").arg(error);
        return ExitStatus::UsageError;
    }

    loop.exec();
    // Every flow that finished is evaluated, printed and kept for the HAR before it is written.
    session.stop();
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);

    if (parser.isSet(harOption)) {
        QSaveFile file(parser.value(harOption));
        QString openError;
        if (!PrivateFile::open(file, QIODevice::WriteOnly, &openError)) {
            err << QStringLiteral("corscope-cli proxy: %1\n").arg(openError);
            return ExitStatus::UsageError;
        }
        if (file.write(session.exportHar(*redaction)) < 0 || !file.commit()) {
            err << tr("corscope-cli proxy: cannot write %1: %2\n").arg(file.fileName(), file.errorString());
            return ExitStatus::UsageError;
        }
        out << tr("Wrote %n flow(s) to %1", nullptr, int(session.flows().size())).arg(file.fileName())
            << Qt::endl;
    }
    return anyBlocked ? ExitStatus::Blocked : ExitStatus::Ok;
}

CliApplication::Command HarCommand::command()
{
    return {QStringLiteral("har"),
            QStringLiteral("har FILE [--browser chromium|firefox] [--format text|json]"),
            tr("Evaluate every cross-origin entry of a HAR capture (Chrome, Firefox or Corscope export)."),
            &HarCommand::run};
}

ExitStatus HarCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--browser" || argument == u"--format") {
            ++i; // its value
            continue;
        }
        if (argument.startsWith(u'-'))
            continue;
        QFile file(argument);
        // The beginning says it: the file is read once, by explain, one entry at a time.
        if (file.open(QIODevice::ReadOnly) &&
            !HarEntryStream::looksLikeHar(file.peek(HarEntryStream::peekSize))) {
            err << tr("corscope-cli har: %1 is not a HAR file (no top-level \"log\"); for a scenario use "
                      "explain\n")
                       .arg(argument);
            return ExitStatus::UsageError;
        }
        break;
    }
    return ExplainCommand::run(arguments, out, err);
}

} // namespace Corscope
