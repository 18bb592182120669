#pragma once

// The application frameworks match origins with their own code (Express' ===, flask-cors'
// re.match, django-cors-headers' urlsplit): an origin that merely contains, extends or
// resembles the allowed one must get no Access-Control-Allow-Origin from the fixed server, and
// the allowed one gets Vary: Origin on the actual response and the preflight alike.

#include "serverrig.h"

#include <QObject>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace CorscopeTest {

class LookalikeOriginTest : public QObject {
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<ServerRig>()>;
    explicit LookalikeOriginTest(Factory factory);
    ~LookalikeOriginTest() override;

private slots:
    void initTestCase();
    void origin_data();
    void origin();
    void cleanupTestCase();

private:
    Factory m_factory;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerRig> m_rig;
    int m_port = 0;
};

} // namespace CorscopeTest
