#include "fixlivetest.h"
#include "flaskrig.h"

#include <QTest>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CorscopeTest::FixLiveTest test([] { return std::make_unique<CorscopeTest::FlaskRig>(); });
    return QTest::qExec(&test, argc, argv);
}
