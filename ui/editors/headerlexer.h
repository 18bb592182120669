#pragma once

#include <Qsci/qscilexercustom.h>

namespace Corscope {

// Colours a "Name: value" header block: names, values, the headers CORS turns on
// (Access-Control-*, Origin) and lines that are not headers at all, so a typo shows before
// the request is sent.
class HeaderLexer : public QsciLexerCustom {
    Q_OBJECT

public:
    enum Style { Default = 0, Name, Value, CorsName, Malformed, StatusLine };

    explicit HeaderLexer(QObject *parent = nullptr);

    const char *language() const override;
    QString description(int style) const override;
    QColor defaultColor(int style) const override;
    QFont defaultFont(int style) const override;
    void styleText(int start, int end) override;
    // Header names are words with dashes: "Access-Co" completes as one word.
    const char *wordCharacters() const override;

    // The style of each byte range of one line: exposed so it can be tested without an editor.
    struct Span {
        int length;
        Style style;
    };
    static QList<Span> styleLine(const QByteArray &line);
};

} // namespace Corscope
