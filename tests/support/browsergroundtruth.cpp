#include "browsergroundtruth.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace CorscopeTest {

bool BrowserGroundTruth::run(ScenarioServer &server, const Filter &filter, QString *error)
{
    const QDir dir(qEnvironmentVariable("CORSCOPE_SOURCE_DIR") + QStringLiteral("/tests/browser/scenarios"));
    // One prefix, or several separated by commas (a change touching two families runs both at once).
    const QStringList only = qEnvironmentVariable("CORSCOPE_SCENARIO").split(QLatin1Char(','), Qt::SkipEmptyParts);
    QJsonArray scenarios;
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (!only.isEmpty() &&
            std::none_of(only.cbegin(), only.cend(), [&file](const QString &prefix) { return file.startsWith(prefix); }))
            continue;
        QFile in(dir.filePath(file));
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(in.fileName());
            return false;
        }
        const QJsonObject scenario = QJsonDocument::fromJson(in.readAll()).object();
        if (!filter || filter(scenario))
            scenarios.append(scenario);
    }
    if (scenarios.isEmpty()) {
        *error = QStringLiteral("no scenarios in %1").arg(dir.path());
        return false;
    }
    m_localized = server.localize(scenarios);
    for (const QJsonValue &value : std::as_const(m_localized))
        m_byName.insert(value.toObject().value(QStringLiteral("name")).toString(), value.toObject());
    for (Browser browser : {Browser::Chromium, Browser::Firefox}) {
        if (!BrowserRunner::available(browser))
            continue;
        server.setScenarios(m_localized);
        BrowserRunner runner;
        const QList<ScenarioObservation> observations =
            runner.run(browser, server, m_localized, error, 600000);
        if (!error->isEmpty()) {
            *error = BrowserRunner::name(browser) + QStringLiteral(": ") + *error;
            return false;
        }
        for (const ScenarioObservation &observation : observations)
            m_observed[browser].insert(observation.name, observation);
    }
    return true;
}

QList<QPair<Browser, QString>> BrowserGroundTruth::rows() const
{
    QList<QPair<Browser, QString>> result;
    for (Browser browser : {Browser::Chromium, Browser::Firefox}) {
        QStringList names = m_observed.value(browser).keys();
        names.sort();
        for (const QString &name : names)
            result.append({browser, name});
    }
    return result;
}

} // namespace CorscopeTest
