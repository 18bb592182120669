#include "session/sessionfile.h"

#include "report/evaluationjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Corscope {

namespace {

const auto formatName = QStringLiteral("corscope-session");
constexpr int formatVersion = 1;

QString kindName(SessionEntry::Kind kind)
{
    return kind == SessionEntry::Kind::Sent ? QStringLiteral("sent") : QStringLiteral("offline");
}

} // namespace

QString SessionFileError::toString() const
{
    if (entry >= 0)
        return SessionFile::tr("entry %1: %2").arg(entry + 1).arg(message);
    return message;
}

QByteArray SessionFile::write(const QList<SessionEntry> &entries)
{
    QJsonArray items;
    for (const SessionEntry &entry : entries) {
        QJsonObject item{
            {QStringLiteral("kind"), kindName(entry.kind)},
            {QStringLiteral("browser"), entry.browser},
            {QStringLiteral("time"),
             QDateTime::fromMSecsSinceEpoch(entry.timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("scenario"), ScenarioReader::toJson(entry.scenario)},
            {QStringLiteral("evaluation"), EvaluationJson::toJson(entry.evaluation)},
        };
        // Only when set, so files without a tried fix are byte for byte what they were.
        if (entry.triedFix)
            item.insert(QStringLiteral("triedFix"),
                        QJsonObject{{QStringLiteral("rewrittenHeaders"),
                                     QJsonArray::fromStringList(entry.rewrittenHeaders)}});
        items.append(item);
    }
    const QJsonObject root{{QStringLiteral("format"), formatName},
                           {QStringLiteral("version"), formatVersion},
                           {QStringLiteral("entries"), items}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<QList<SessionEntry>> SessionFile::read(const QByteArray &json, SessionFileError *error)
{
    const auto fail = [error](const QString &message, int entry = -1) {
        if (error)
            *error = {message, entry};
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("not JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != formatName)
        return fail(tr("not a Corscope session file"));
    if (root.value(QStringLiteral("version")).toInt() != formatVersion)
        return fail(
            tr("unsupported session file version %1").arg(root.value(QStringLiteral("version")).toInt()));
    const QJsonArray items = root.value(QStringLiteral("entries")).toArray();
    QList<SessionEntry> entries;
    entries.reserve(items.size());
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        SessionEntry entry;
        const QString kind = item.value(QStringLiteral("kind")).toString();
        if (kind != QLatin1String("sent") && kind != QLatin1String("offline"))
            return fail(tr("kind must be \"sent\" or \"offline\""), i);
        entry.kind = kind == QLatin1String("sent") ? SessionEntry::Kind::Sent : SessionEntry::Kind::Offline;
        entry.browser = item.value(QStringLiteral("browser")).toString();
        if (!BrowserProfile::byId(entry.browser))
            return fail(tr("unknown browser \"%1\"").arg(entry.browser), i);
        const QDateTime time =
            QDateTime::fromString(item.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        entry.timeMs = time.isValid() ? time.toMSecsSinceEpoch() : 0;
        ScenarioError scenarioError;
        std::optional<Scenario> scenario =
            ScenarioReader::fromJson(item.value(QStringLiteral("scenario")).toObject(), &scenarioError);
        if (!scenario)
            return fail(scenarioError.toString(), i);
        entry.scenario = std::move(*scenario);
        entry.evaluation = *SessionEntry::replay(entry.scenario, entry.browser);
        if (const QJsonValue tried = item.value(QStringLiteral("triedFix")); tried.isObject()) {
            entry.triedFix = true;
            for (const QJsonValue &line :
                 tried.toObject().value(QStringLiteral("rewrittenHeaders")).toArray())
                entry.rewrittenHeaders << line.toString();
        }
        entries.append(std::move(entry));
    }
    return entries;
}

} // namespace Corscope
