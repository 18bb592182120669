#include "editors/headernamecompletion.h"

#include "http/headerblock.h"

#include <QKeyEvent>
#include <Qsci/qscilexer.h>

namespace Corscope {

HeaderNameCompletion::HeaderNameCompletion(QsciLexer *lexer, QStringList names)
    : QsciAbstractAPIs(lexer)
    , m_names(std::move(names))
{
    m_names.sort(Qt::CaseInsensitive);
    watchEditor();
}

bool HeaderNameCompletion::isTypingName(const QString &lineToCursor)
{
    // [RFC 9112] 4. Status Line: "HTTP/1.1 204 No Content" is no header; its words are not names.
    if (lineToCursor.startsWith(QLatin1String("HTTP/"), Qt::CaseInsensitive))
        return false;
    // [RFC 9110] 5.1 Field Names: a token before the colon, from the start of the line.
    return !lineToCursor.isEmpty() && HeaderBlockParser::isFieldName(lineToCursor.toLatin1());
}

void HeaderNameCompletion::updateAutoCompletionList(const QStringList &context, QStringList &list)
{
    watchEditor();
    m_navigated = false; // a new or narrowed list: nothing chosen in it yet
    const QString typed = context.isEmpty() ? QString() : context.last();
    if (typed.isEmpty())
        return;
    if (m_editor) {
        int line = 0;
        int index = 0;
        m_editor->getCursorPosition(&line, &index);
        const QString text = m_editor->text(line);
        // index counts bytes of the UTF-8 line; names are ASCII, and a line with other bytes
        // before the cursor is no name being typed anyway.
        const QByteArray utf8 = text.toUtf8().left(index);
        if (!isTypingName(QString::fromUtf8(utf8)))
            return;
    }
    for (const QString &name : m_names)
        if (name.startsWith(typed, Qt::CaseInsensitive) && name.size() > typed.size())
            list << name;
}

QStringList HeaderNameCompletion::callTips(const QStringList &, int, QsciScintilla::CallTipsStyle,
                                           QList<int> &)
{
    return {};
}

void HeaderNameCompletion::watchEditor()
{
    QsciScintilla *editor = lexer() ? lexer()->editor() : nullptr;
    if (!editor || editor == m_editor)
        return;
    if (m_editor)
        m_editor->removeEventFilter(this);
    m_editor = editor;
    m_editor->installEventFilter(this);
}

bool HeaderNameCompletion::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_editor || event->type() != QEvent::KeyPress || !m_editor->isListActive())
        return QsciAbstractAPIs::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        m_navigated = true;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // A popup the user never looked into must not take the line break: close it and let
        // the editor insert the newline.
        if (!m_navigated && !(key->modifiers() &
                              (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier | Qt::ShiftModifier)))
            m_editor->cancelList();
        break;
    default:
        break;
    }
    return QsciAbstractAPIs::eventFilter(watched, event);
}

} // namespace Corscope
