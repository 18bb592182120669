#include "fixlivetest.h"
#include "haproxyrig.h"

#include <QTest>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CorscopeTest::FixLiveTest test([] { return std::make_unique<CorscopeTest::HaproxyRig>(); });
    return QTest::qExec(&test, argc, argv);
}
