#include "http/headerdiff.h"

#include <QTest>

using namespace Corscope;

class TestHeaderDiff : public QObject {
    Q_OBJECT

private slots:
    void comparesNamesCaseInsensitivelyAndEveryValue()
    {
        const HeaderList origin{
            {"Access-Control-Allow-Origin", "https://app.example"}, {"Vary", "Origin"}, {"X-A", "1"}};
        const HeaderList cdn{{"access-control-allow-origin", "https://app.example"},
                             {"Access-Control-Allow-Origin", "https://app.example"},
                             {"x-a", " 1 "},
                             {"Age", "30"}};
        const QList<HeaderDifference> diff = HeaderDiff::compare(origin, cdn);
        QCOMPARE(diff.size(), 4);
        QVERIFY(diff.at(0).kind == HeaderDifference::Kind::Changed); // duplicated by the CDN
        QCOMPARE(diff.at(0).right.size(), 2);
        QVERIFY(diff.at(1).kind == HeaderDifference::Kind::OnlyLeft); // Vary stripped
        QVERIFY(diff.at(2).kind == HeaderDifference::Kind::Same);     // whitespace is not a difference
        QVERIFY(diff.at(3).kind == HeaderDifference::Kind::OnlyRight);
    }
};

QTEST_GUILESS_MAIN(TestHeaderDiff)
#include "tst_headerdiff.moc"
