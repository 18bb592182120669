#include "lookalikeorigintest.h"

#include "fix/snippetrenderer.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

namespace CorscopeTest {

namespace {

constexpr char allowedOrigin[] = "http://app.example";

struct Answer {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray raw;
    QByteArrayList values(const QByteArray &name) const
    {
        QByteArrayList result;
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                result << value;
        }
        return result;
    }
};

// One HTTP/1.1 exchange on a fresh connection, read to its close.
Answer ask(int port, const QByteArray &method, const QByteArray &origin)
{
    QByteArray request = method + ' ' + QByteArray(endpointPath) +
                         " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                         "\r\nOrigin: " + origin + "\r\nConnection: close\r\n";
    if (method == "OPTIONS")
        request += "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: x-trace\r\n";
    request += "\r\n";
    Answer answer;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(port));
    if (!socket.waitForConnected(5000))
        return answer;
    socket.write(request);
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
        answer.raw += socket.readAll();
    answer.raw += socket.readAll();
    const QByteArray head = answer.raw.left(answer.raw.indexOf("\r\n\r\n"));
    const QByteArrayList lines = head.split('\n');
    answer.status = lines.value(0).split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            answer.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return answer;
}

} // namespace

LookalikeOriginTest::LookalikeOriginTest(Factory factory)
    : m_factory(std::move(factory))
{
}

LookalikeOriginTest::~LookalikeOriginTest() = default;

void LookalikeOriginTest::initTestCase()
{
    m_rig = m_factory();
    QString why;
    QVERIFY2(m_rig->available(&why), qPrintable(why));
    QVERIFY(m_dir.isValid());
    // A preflighted request, so both the actual response and the preflight are checked.
    Corscope::FixPolicy policy;
    policy.origins = {allowedOrigin};
    policy.preflight = true;
    policy.methods = {"PUT"};
    policy.headers = {"x-trace"};
    policy.path = endpointPath;
    const Corscope::SnippetRenderer *renderer = Corscope::SnippetRenderer::byId(m_rig->server());
    QVERIFY2(renderer, qPrintable(m_rig->server()));
    QJsonObject snippet;
    for (const Corscope::SnippetPart &part : renderer->render(policy).parts)
        snippet.insert(part.context, part.code);
    m_port = ServerRig::freePort();
    QString error;
    QVERIFY2(m_rig->startFixed(snippet, m_port, m_dir.path(), &error),
             qPrintable(error + QString::fromUtf8(QJsonDocument(snippet).toJson())));
}

void LookalikeOriginTest::origin_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("allowed");
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("OPTIONS")}) {
        const auto row = [&method](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(QString::fromLatin1(method + ' ' + name)));
        };
        row("allowed") << method << QByteArray(allowedOrigin) << true;
        row("longer host") << method << QByteArray("http://app.example.evil.example") << false;
        row("prefixed host") << method << QByteArray("http://evilapp.example") << false;
        row("dot as any character") << method << QByteArray("http://appxexample") << false;
        row("other scheme") << method << QByteArray("https://app.example") << false;
        row("other port") << method << QByteArray("http://app.example:8080") << false;
        row("null") << method << QByteArray("null") << false;
    }
}

void LookalikeOriginTest::origin()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);
    const Answer answer = ask(m_port, method, origin);
    const QString context = QString::fromUtf8(answer.raw.left(2000)) + m_rig->log();
    QVERIFY2(answer.status >= 200 && answer.status < 300, qPrintable(context));
    QCOMPARE(answer.values("Access-Control-Allow-Origin"),
             allowed ? QByteArrayList{origin} : QByteArrayList{});
    if (allowed) {
        QStringList vary;
        for (const QByteArray &value : answer.values("Vary")) {
            for (const QByteArray &item : value.split(','))
                vary << QString::fromLatin1(item.trimmed()).toLower();
        }
        QVERIFY2(vary.contains(QStringLiteral("origin")), qPrintable(context));
    }
}

void LookalikeOriginTest::cleanupTestCase()
{
    if (m_rig)
        m_rig->stop();
}

} // namespace CorscopeTest
