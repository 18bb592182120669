#include "editors/headernamecompletion.h"

namespace Corscope {

HeaderNameCompletion::HeaderNameCompletion(QsciLexer *lexer, QStringList names)
    : QsciAbstractAPIs(lexer)
    , m_names(std::move(names))
{
    m_names.sort(Qt::CaseInsensitive);
}

void HeaderNameCompletion::updateAutoCompletionList(const QStringList &context, QStringList &list)
{
    const QString typed = context.isEmpty() ? QString() : context.last();
    if (typed.isEmpty())
        return;
    for (const QString &name : m_names)
        if (name.startsWith(typed, Qt::CaseInsensitive) && name.size() > typed.size())
            list << name;
}

QStringList HeaderNameCompletion::callTips(const QStringList &, int, QsciScintilla::CallTipsStyle, QList<int> &)
{
    return {};
}

} // namespace Corscope
