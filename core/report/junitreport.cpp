#include "report/junitreport.h"

#include "report/textreport.h"

#include <QXmlStreamWriter>

namespace Corscope {

QString JunitReport::render(const QString &suiteName, const QList<Case> &cases)
{
    QString xml;
    QXmlStreamWriter writer(&xml);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    qsizetype failures = 0;
    double total = 0;
    for (const Case &c : cases) {
        failures += c.evaluation.allowed() ? 0 : 1;
        total += c.seconds;
    }
    writer.writeStartElement(QStringLiteral("testsuites"));
    writer.writeStartElement(QStringLiteral("testsuite"));
    writer.writeAttribute(QStringLiteral("name"), suiteName);
    writer.writeAttribute(QStringLiteral("tests"), QString::number(cases.size()));
    writer.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    writer.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    writer.writeAttribute(QStringLiteral("time"), QString::number(total, 'f', 3));
    for (const Case &c : cases) {
        writer.writeStartElement(QStringLiteral("testcase"));
        writer.writeAttribute(QStringLiteral("classname"),
                              QStringLiteral("corscope.%1").arg(c.evaluation.browser));
        writer.writeAttribute(QStringLiteral("name"), c.name);
        writer.writeAttribute(QStringLiteral("time"), QString::number(c.seconds, 'f', 3));
        if (!c.evaluation.allowed()) {
            writer.writeStartElement(QStringLiteral("failure"));
            writer.writeAttribute(QStringLiteral("type"), c.evaluation.errorCode());
            writer.writeAttribute(QStringLiteral("message"),
                                  c.evaluation.consoleMessage.isEmpty()
                                      ? tr("blocked: %1").arg(c.evaluation.errorCode())
                                      : c.evaluation.consoleMessage);
            writer.writeCharacters(TextReport::render(c.evaluation));
            writer.writeEndElement();
        }
        writer.writeStartElement(QStringLiteral("system-out"));
        writer.writeCharacters(c.evaluation.allowed() ? TextReport::render(c.evaluation) : QString());
        writer.writeEndElement();
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

} // namespace Corscope
