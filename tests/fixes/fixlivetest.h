#pragma once

// Issue 16's proof, for one server: for every failure family, the broken server makes
// `corscope-cli check` say blocked; the snippet it prints, pasted into the server's config,
// makes check say allowed, a foreign origin is still refused and no CORS header is wider than
// the request needs; then real headless Chromium runs every family's fetch against the fixed
// servers and must be allowed too.

#include "fixfamily.h"
#include "scenarioserver.h"
#include "serverrig.h"
#include "sharedcache.h"

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
        std::unique_ptr<SharedCache> cache; // in front of rig, for a family that has one
        QString url;
    };
    // Puts a shared cache in front of 127.0.0.1:port and fills it with visits from these origins
    // ("" = none); returns the URL of the endpoint through the cache, empty and *error on failure.
    static QString cacheInFront(SharedCache &cache, int port, const QString &dir,
                                const QByteArrayList &visitors, QString *error);

    Factory m_factory;
    QString m_server;
    QTemporaryDir m_dir;
    ScenarioServer m_pages;
    QList<std::shared_ptr<Fixed>> m_fixed;
};

} // namespace CorscopeTest
