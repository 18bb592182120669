#pragma once

#include <Qsci/qsciabstractapis.h>

namespace Corscope {

// Completes header names in a header-block editor, case-insensitively, from a fixed list.
// QsciAPIs would do this with a worker thread per editor whose destruction can abort the
// process when a window closes while the thread still runs; a few dozen names need no thread.
class HeaderNameCompletion : public QsciAbstractAPIs {
    Q_OBJECT

public:
    HeaderNameCompletion(QsciLexer *lexer, QStringList names);

    void updateAutoCompletionList(const QStringList &context, QStringList &list) override;
    QStringList callTips(const QStringList &context, int commas, QsciScintilla::CallTipsStyle style,
                         QList<int> &shifts) override;

private:
    QStringList m_names;
};

} // namespace Corscope
