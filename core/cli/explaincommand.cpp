#include "cli/explaincommand.h"

#include "fix/fixadvisor.h"
#include "har/harentrystream.h"
#include "har/harpairer.h"
#include "har/harreader.h"
#include "report/evaluationjson.h"
#include "report/jsontextwriter.h"
#include "report/textreport.h"
#include "scenario/scenario.h"

#include <QCommandLineParser>
#include <QFile>

namespace Corscope {

namespace {

// One JSON Lines record. The stream is UTF-8 (set up by CliApplication), so when it writes to a
// device the bytes go there directly after what is already buffered; a string-backed stream
// (tests) gets the decoded text.
void writeLine(QTextStream &to, QByteArray &line)
{
    line.append('\n');
    if (QIODevice *device = to.device()) {
        to.flush();
        device->write(line);
    } else {
        to << QString::fromUtf8(line);
    }
}

} // namespace

CliApplication::Command ExplainCommand::command()
{
    return {
        QStringLiteral("explain"),
        QStringLiteral(
            "explain FILE [--browser chromium|firefox] [--format text|json] [--snippets] [--fix SERVER]..."),
        tr("Explain offline, step by step, a JSON scenario (a request and the responses it got) or every "
           "cross-origin request of a HAR file."),
        &ExplainCommand::run};
}

ExitStatus ExplainCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Explains, without network, what the browser decides for a scenario: a "
           "fetch() and the responses the server gave (see resources/scenarios)."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        tr("A scenario (JSON) or a HAR capture (every cross-origin request in it is explained); "
           "- reads standard input."));
    const QCommandLineOption browserOption(QStringLiteral("browser"), tr("chromium (default) or firefox."),
                                           QStringLiteral("BROWSER"), QStringLiteral("chromium"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          tr("text (default) or json (JSON Lines, one object per fetch)."),
                                          QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        tr("Show this help."));
    parser.addOption(browserOption);
    parser.addOption(formatOption);
    const QCommandLineOption snippetsOption(
        QStringLiteral("snippets"),
        tr("With text output, print every server's configuration snippet for the fix."));
    parser.addOption(snippetsOption);
    const QCommandLineOption fixOption(
        QStringLiteral("fix"),
        tr("Print the fix as this server's configuration (repeatable): %1. With json, fix.snippets holds "
           "only these servers (all without --fix).")
            .arg(SnippetRenderer::ids().join(QStringLiteral(", "))),
        QStringLiteral("SERVER"));
    parser.addOption(fixOption);
    parser.addOption(helpOption);
    if (!parser.parse(QStringList{QStringLiteral("corscope-cli explain")} + arguments)) {
        err << QStringLiteral("corscope-cli explain: %1\n").arg(parser.errorText());
        return ExitStatus::UsageError;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return ExitStatus::Ok;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        err << tr("corscope-cli explain: expected exactly one FILE\n");
        return ExitStatus::UsageError;
    }
    const BrowserProfile *profile = BrowserProfile::byId(parser.value(browserOption));
    if (!profile) {
        err << tr("corscope-cli explain: unknown browser '%1' (chromium or firefox)\n")
                   .arg(parser.value(browserOption));
        return ExitStatus::UsageError;
    }
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        err << tr("corscope-cli explain: unknown format '%1' (text or json)\n").arg(format);
        return ExitStatus::UsageError;
    }

    QFile file(files.first());
    const bool opened = files.first() == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                            : file.open(QIODevice::ReadOnly);
    if (!opened) {
        err << tr("corscope-cli explain: cannot read %1: %2\n").arg(files.first(), file.errorString());
        return ExitStatus::UsageError;
    }
    bool anyBlocked = false;
    const QStringList servers = parser.values(fixOption);
    for (const QString &server : servers) {
        if (!SnippetRenderer::byId(server)) {
            err << tr("corscope-cli explain: unknown server '%1' for --fix (%2)\n")
                       .arg(server, SnippetRenderer::ids().join(QStringLiteral(", ")));
            return ExitStatus::UsageError;
        }
    }
    // --snippets, from before --fix named servers: every server.
    const QStringList textServers = parser.isSet(snippetsOption) ? SnippetRenderer::ids() : servers;
    // One scenario's output and whether anything in it was blocked: the same for a HAR's
    // scenarios, written as the pairer settles them, and for a scenario file.
    auto render = [profile, format, servers, textServers](const HarScenario &item, QTextStream &to) {
        bool blocked = false;
        const Scenario &scenario = item.scenario;
        if (!item.notCors.isEmpty()) { // listed, not judged as the fetch() it is not
            if (format == QLatin1String("json")) {
                QByteArray line;
                JsonTextWriter writer(line);
                writer.beginObject();
                writer.key(QLatin1StringView("harEntry"));
                writer.value(qint64(item.entryIndex));
                writer.key(QLatin1StringView("notCors"));
                writer.value(QStringView(item.notCors));
                writer.endObject();
                writeLine(to, line);
            } else
                to << tr("HAR entry %1: %2 — not CORS: %3\n\n")
                          .arg(item.entryIndex)
                          .arg(scenario.title, item.notCors);
            return false;
        }
        const QList<Evaluation> evaluations = ScenarioRunner::run(scenario, *profile);
        for (qsizetype i = 0; i < evaluations.size(); ++i) {
            const Evaluation &evaluation = evaluations.at(i);
            blocked = blocked || !evaluation.allowed();
            // An opened WebSocket still gets advice: whether its server checks Origin at all. A HAR
            // holds one answer per request, which cannot show how the server answers another Origin.
            const bool advise = !evaluation.allowed() ||
                                (evaluation.resourceType == ResourceType::WebSocket && item.entryIndex < 0);
            const std::optional<FixPlan> fix =
                advise ? std::optional<FixPlan>(FixAdvisor::minimalFix(scenario, i, *profile)) : std::nullopt;
            if (format == QLatin1String("json")) {
                // Written straight as UTF-8: no QJsonObject, no QString round trip (issue 15).
                QByteArray line;
                line.reserve(8192);
                JsonTextWriter writer(line);
                writer.beginObject();
                EvaluationJson::writeMembers(writer, evaluation);
                if (fix) {
                    writer.key(QLatin1StringView("fix"));
                    EvaluationJson::writeFix(writer, *fix, servers);
                }
                if (item.entryIndex >= 0) {
                    writer.key(QLatin1StringView("harEntry"));
                    writer.value(qint64(item.entryIndex));
                    writer.key(QLatin1StringView("assumptions"));
                    writer.beginArray();
                    for (const QString &assumption : item.assumptions)
                        writer.value(QStringView(assumption));
                    writer.endArray();
                }
                writer.endObject();
                writeLine(to, line);
                continue;
            }
            QString heading = scenario.title.isEmpty() ? scenario.name : scenario.title;
            if (item.entryIndex >= 0)
                heading = tr("HAR entry %1: %2").arg(item.entryIndex).arg(heading);
            if (evaluations.size() > 1)
                heading = tr("%1 — fetch %2 of %3 (after %4 ms)")
                              .arg(heading)
                              .arg(i + 1)
                              .arg(evaluations.size())
                              .arg(scenario.fetches.at(i).delayMs);
            for (const QString &assumption : item.assumptions)
                heading += QLatin1Char('\n') + tr("  (assumed: %1)").arg(assumption);
            to << TextReport::render(evaluation, heading);
            if (fix)
                to << TextReport::renderFix(*fix, textServers);
            to << '\n';
        }
        return blocked;
    };

    // A HAR capture explains every cross-origin request in it, each as soon as the entries after
    // it can no longer change it: the file is read one entry at a time and never held whole.
    if (HarEntryStream::looksLikeHar(file.peek(HarEntryStream::peekSize))) {
        HarEntryStream stream(&file, HarEntryStream::Options{});
        qsizetype explained = 0;
        HarPairer pairer([&](HarScenario &&item) {
            ++explained;
            anyBlocked = render(item, out) || anyBlocked;
        });
        while (std::optional<HarEntry> entry = stream.next())
            pairer.add(std::move(*entry));
        if (const std::optional<HarError> &error = stream.error()) {
            out.flush();
            err << QStringLiteral("corscope-cli explain: %1: %2\n").arg(files.first(), error->toString());
            return ExitStatus::UsageError;
        }
        pairer.finish();
        if (explained == 0)
            out << tr("No cross-origin requests in %1.\n").arg(files.first());
        return anyBlocked ? ExitStatus::Blocked : ExitStatus::Ok;
    }
    // Anything else is a scenario.
    ScenarioError error;
    std::optional<Scenario> scenario = ScenarioReader::read(file.readAll(), &error);
    if (!scenario) {
        err << QStringLiteral("corscope-cli explain: %1: %2\n").arg(files.first(), error.toString());
        return ExitStatus::UsageError;
    }
    anyBlocked = render(HarScenario{-1, std::nullopt, *scenario, {}, {}}, out);
    return anyBlocked ? ExitStatus::Blocked : ExitStatus::Ok;
}

} // namespace Corscope
