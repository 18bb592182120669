#include "fixlivetest.h"
#include "flaskrig.h"
#include "lookalikeorigintest.h"

#include <QTest>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto factory = [] {
        return std::make_unique<CorscopeTest::FlaskRig>();
    };
    CorscopeTest::FixLiveTest live(factory);
    CorscopeTest::LookalikeOriginTest lookalike(factory);
    int status = QTest::qExec(&live, argc, argv);
    status |= QTest::qExec(&lookalike, argc, argv);
    return status;
}
