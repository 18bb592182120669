#pragma once

// Issue 16's proof, for one server: for every failure family, the broken server makes
// `corscope-cli check` say blocked; the snippet it prints, pasted into the server's config,
// makes check say allowed, a foreign origin is still refused and no CORS header is wider than
// the request needs; then real headless Chromium runs every family's fetch against the fixed
// servers and must be allowed too.

#include "fixfamily.h"
#include "scenarioserver.h"
#include "serverrig.h"

#include <QHash>
#include <QObject>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace CorscopeTest {

class FixLiveTest : public QObject {
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<ServerRig>()>;
    explicit FixLiveTest(Factory factory);
    ~FixLiveTest() override;

private slots:
    void initTestCase();
    void family_data();
    void family();
    void chromiumAllowsEveryFix();
    void cleanupTestCase();

private:
    struct Fixed {
        FixFamily family;
        std::unique_ptr<ServerRig> rig;
        QString url;
    };
    Factory m_factory;
    QString m_server;
    QTemporaryDir m_dir;
    ScenarioServer m_pages;
    QList<std::shared_ptr<Fixed>> m_fixed;
};

} // namespace CorscopeTest
