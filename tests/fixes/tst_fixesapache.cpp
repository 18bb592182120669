#include "apacherig.h"
#include "fixlivetest.h"

#include <QTest>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CorscopeTest::FixLiveTest test([] { return std::make_unique<CorscopeTest::ApacheRig>(); });
    return QTest::qExec(&test, argc, argv);
}
