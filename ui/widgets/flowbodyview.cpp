#include "widgets/flowbodyview.h"

#include "capture/bodypreview.h"
#include "capture/flow.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace Corscope {

FlowBodyView::FlowBodyView(QWidget *parent)
    : QWidget(parent)
    , m_showRequest(new QRadioButton(tr("Request body"), this))
    , m_showResponse(new QRadioButton(tr("Response body"), this))
    , m_sides(new QButtonGroup(this))
    , m_summary(new QLabel(this))
    , m_text(new QsciScintilla(this))
    , m_jsonLexer(new QsciLexerJSON(m_text))
{
    m_showRequest->setObjectName(QStringLiteral("showRequestBody"));
    m_showResponse->setObjectName(QStringLiteral("showResponseBody"));
    m_showResponse->setChecked(true);
    m_sides->addButton(m_showRequest);
    m_sides->addButton(m_showResponse);
    connect(m_sides, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on)
            render();
    });
    m_summary->setObjectName(QStringLiteral("bodySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("bodyText"));
    m_text->setAccessibleName(tr("Body"));
    m_text->setReadOnly(true);
    m_text->setUtf8(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jsonLexer->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setWrapMode(QsciScintilla::WrapWord);

    auto *sides = new QHBoxLayout;
    sides->addWidget(m_showResponse);
    sides->addWidget(m_showRequest);
    sides->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    clear();
}

void FlowBodyView::showFlow(const Flow &flow)
{
    m_request = {flow.requestBody, flow.requestBodySize, flow.requestHeaders};
    m_response = {flow.responseBody, flow.responseBodySize, flow.responseHeaders};
    m_highlighted.clear();
    // Most flows a CORS user selects are GETs: the response is what they came for, unless only
    // the request has a body (a POST answered 204).
    if (m_response.size == 0 && m_request.size > 0)
        m_showRequest->setChecked(true);
    else if (m_response.size > 0)
        m_showResponse->setChecked(true);
    setEnabled(true);
    render();
}

void FlowBodyView::clear()
{
    m_request = {};
    m_response = {};
    m_highlighted.clear();
    m_summary->setText(tr("Select a flow to see its bodies."));
    m_text->setLexer(nullptr);
    m_text->setReadOnly(false);
    m_text->clear();
    m_text->setReadOnly(true);
}

void FlowBodyView::setSide(Side side)
{
    (side == Side::Request ? m_showRequest : m_showResponse)->setChecked(true);
}

FlowBodyView::Side FlowBodyView::side() const
{
    return m_showRequest->isChecked() ? Side::Request : Side::Response;
}

void FlowBodyView::render()
{
    const Body &body = side() == Side::Request ? m_request : m_response;
    const BodyPreview preview = BodyPreview::of(body.bytes, body.size, body.headers);
    m_summary->setText(preview.summary);
    m_text->setLexer(preview.kind == BodyPreview::Kind::Json ? m_jsonLexer : nullptr);
    if (preview.kind != BodyPreview::Kind::Json)
        m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setWrapMode(preview.kind == BodyPreview::Kind::Binary ? QsciScintilla::WrapNone
                                                                   : QsciScintilla::WrapWord);
    m_text->setReadOnly(false);
    m_text->setText(preview.text);
    m_text->setReadOnly(true);
    if (!m_highlighted.isEmpty())
        highlight(m_highlighted);
}

bool FlowBodyView::highlight(const QString &text)
{
    m_highlighted = text;
    if (text.isEmpty())
        return false;
    // From the top: regular expression off, case-insensitive, not whole words, no wrap, forward.
    m_text->setCursorPosition(0, 0);
    return m_text->findFirst(text, false, false, false, false, true, 0, 0);
}

QString FlowBodyView::summaryText() const
{
    return m_summary->text();
}

QString FlowBodyView::bodyText() const
{
    return m_text->text();
}

} // namespace Corscope
