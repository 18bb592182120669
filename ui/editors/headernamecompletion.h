#pragma once

#include <QPointer>
#include <Qsci/qsciabstractapis.h>

namespace Corscope {

// Completes header names in a header-block editor, case-insensitively, from a fixed list.
// QsciAPIs would do this with a worker thread per editor whose destruction can abort the
// process when a window closes while the thread still runs; a few dozen names need no thread.
//
// Only the name at the start of a line is completed (never a word of a status line or of a
// value), and Enter accepts a suggestion only after the user moved through the list: typing
// "HTTP/1.1 204 No Content" then Enter must give a new line, not "No Content-Type".
class HeaderNameCompletion : public QsciAbstractAPIs {
    Q_OBJECT

public:
    HeaderNameCompletion(QsciLexer *lexer, QStringList names);

    void updateAutoCompletionList(const QStringList &context, QStringList &list) override;
    QStringList callTips(const QStringList &context, int commas, QsciScintilla::CallTipsStyle style,
                         QList<int> &shifts) override;

    // Whether text (a line up to the cursor) ends in a header name being typed: nothing but
    // the name from the line's start, and not a status line.
    static bool isTypingName(const QString &lineToCursor);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watchEditor();

    QStringList m_names;
    QPointer<QsciScintilla> m_editor;
    bool m_navigated = false; // the user moved through the current list with the keys
};

} // namespace Corscope
