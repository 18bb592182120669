#include "editors/headerlexer.h"
#include "editors/headernamecompletion.h"

#include <QTest>
#include <Qsci/qsciscintilla.h>

using namespace Corscope;
using Style = HeaderLexer::Style;

Q_DECLARE_METATYPE(QList<int>)

class TestHeaderLexer : public QObject {
    Q_OBJECT

private slots:
    void completesDashedNamesCaseInsensitively()
    {
        HeaderLexer lexer;
        HeaderNameCompletion completion(&lexer, {QStringLiteral("Content-Type"), QStringLiteral("Access-Control-Allow-Origin"),
                                                 QStringLiteral("Access-Control-Allow-Headers"), QStringLiteral("Accept")});
        QStringList list;
        completion.updateAutoCompletionList({QStringLiteral("access-control-allow-h")}, list);
        QCOMPARE(list, QStringList{QStringLiteral("Access-Control-Allow-Headers")});
        list.clear();
        completion.updateAutoCompletionList({QStringLiteral("Acc")}, list);
        QCOMPARE(list, (QStringList{QStringLiteral("Accept"), QStringLiteral("Access-Control-Allow-Headers"),
                                    QStringLiteral("Access-Control-Allow-Origin")}));
        list.clear();
        completion.updateAutoCompletionList({QStringLiteral("Accept")}, list); // already complete
        QVERIFY(list.isEmpty());
    }

    void anEditorTreatsADashedNameAsOneWord()
    {
        // QScintilla builds the completion context from the lexer's word characters.
        QsciScintilla editor;
        editor.setLexer(new HeaderLexer(&editor));
        const QByteArray wordCharacters(editor.wordCharacters());
        QVERIFY(wordCharacters.contains('-'));
        QVERIFY(!wordCharacters.contains(':'));
    }

    void stylesLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QList<int>>("styles"); // style per span, in order

        QTest::newRow("plain header") << QByteArray("Content-Type: text/plain")
                                      << QList<int>{Style::Name, Style::Default, Style::Value};
        QTest::newRow("cors header") << QByteArray("access-control-allow-origin: *")
                                     << QList<int>{Style::CorsName, Style::Default, Style::Value};
        QTest::newRow("origin") << QByteArray("Origin: https://a.example")
                                << QList<int>{Style::CorsName, Style::Default, Style::Value};
        QTest::newRow("status line") << QByteArray("HTTP/1.1 204 No Content")
                                     << QList<int>{Style::StatusLine};
        QTest::newRow("no colon") << QByteArray("just words") << QList<int>{Style::Malformed};
        QTest::newRow("space in name") << QByteArray("Bad Name: x") << QList<int>{Style::Malformed};
        QTest::newRow("blank") << QByteArray("   ") << QList<int>{Style::Default};
    }

    void stylesLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QList<int>, styles);
        const QList<HeaderLexer::Span> spans = HeaderLexer::styleLine(line);
        QList<int> actual;
        int total = 0;
        for (const HeaderLexer::Span &span : spans) {
            actual << span.style;
            total += span.length;
        }
        QCOMPARE(actual, styles);
        QCOMPARE(total, line.size()); // every byte styled exactly once
    }
};

QTEST_MAIN(TestHeaderLexer)
#include "tst_headerlexer.moc"
