#include "caddyrig.h"
#include "fixlivetest.h"

#include <QTest>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CorscopeTest::FixLiveTest test([] { return std::make_unique<CorscopeTest::CaddyRig>(); });
    return QTest::qExec(&test, argc, argv);
}
