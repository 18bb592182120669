#pragma once

#include "browserrunner.h"
#include "scenarioserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <functional>

namespace CorscopeTest {

// What the real browsers did with the scenarios in tests/browser/scenarios: loads them (those
// the filter accepts, and only names starting with $CORSCOPE_SCENARIO when that is set),
// localizes them on the server and runs every installed browser over them once.
class BrowserGroundTruth {
public:
    using Filter = std::function<bool(const QJsonObject &scenario)>;

    // False with *error set when the scenarios cannot be read or a browser run fails.
    bool run(ScenarioServer &server, const Filter &filter, QString *error);

    bool anyBrowser() const { return !m_observed.isEmpty(); }
    qsizetype scenarioCount() const { return m_localized.size(); }
    QJsonObject localized(const QString &name) const { return m_byName.value(name); }
    ScenarioObservation observed(Browser browser, const QString &name) const
    {
        return m_observed.value(browser).value(name);
    }
    // (browser, scenario name) pairs in a stable order, for data-driven tests.
    QList<QPair<Browser, QString>> rows() const;

private:
    QJsonArray m_localized;
    QHash<QString, QJsonObject> m_byName;
    QHash<Browser, QHash<QString, ScenarioObservation>> m_observed;
};

} // namespace CorscopeTest
