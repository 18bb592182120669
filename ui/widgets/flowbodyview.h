#pragma once

#include "http/headerlist.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QsciLexerJSON;
class QsciScintilla;
class QRadioButton;

namespace Corscope {

struct Flow;

// The Traffic detail's Body tab: the selected flow's request or response body as DevTools'
// Response tab shows it (decoded, JSON indented, binary as hex), with a line saying what it is.
// It keeps its own copies of the two bodies, so a flow evicted from the capture cannot leave
// it pointing at freed memory.
class FlowBodyView : public QWidget {
    Q_OBJECT

public:
    enum class Side { Request, Response };

    explicit FlowBodyView(QWidget *parent = nullptr);

    void showFlow(const Flow &flow);
    void clear();
    void setSide(Side side);
    Side side() const;
    // Selects the first occurrence of text in the body shown (case-insensitive); false when
    // there is none.
    bool highlight(const QString &text);

    QString summaryText() const;
    QString bodyText() const;

private:
    void render();

    struct Body {
        QByteArray bytes;
        qint64 size = 0;
        HeaderList headers;
    };
    Body m_request;
    Body m_response;
    QString m_highlighted;
    QRadioButton *m_showRequest;
    QRadioButton *m_showResponse;
    QButtonGroup *m_sides;
    QLabel *m_summary;
    QsciScintilla *m_text;
    QsciLexerJSON *m_jsonLexer;
};

} // namespace Corscope
