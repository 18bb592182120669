#pragma once

#include "http/headerlist.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Corscope {

struct HeaderBlockProblem {
    int line = 0; // 0-based, as editors count
    QString message;
};

// A block of header lines as people paste it from DevTools or type it: an optional status line
// ("HTTP/1.1 200 OK", or just "200"), then "Name: value" lines. Blank lines are skipped.
struct HeaderBlock {
    int status = 0; // 0 when the block has no status line
    QByteArray statusText;
    HeaderList headers;
    QList<HeaderBlockProblem> problems;

    bool ok() const { return problems.isEmpty(); }
};

class HeaderBlockParser {
    Q_DECLARE_TR_FUNCTIONS(Corscope::HeaderBlockParser)

public:
    enum class StatusLine { Allowed, NotAllowed };

    static HeaderBlock parse(const QString &text, StatusLine statusLine);
    // "Name: value" per line, in order, duplicates kept.
    static QString format(const HeaderList &headers);
    // [rfc9110] 5.1. Field Names: a token.
    static bool isFieldName(QByteArrayView name);
};

} // namespace Corscope
