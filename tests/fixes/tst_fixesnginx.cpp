#include "fixlivetest.h"
#include "nginxrig.h"

#include <QTest>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CorscopeTest::FixLiveTest test([] { return std::make_unique<CorscopeTest::NginxRig>(); });
    return QTest::qExec(&test, argc, argv);
}
