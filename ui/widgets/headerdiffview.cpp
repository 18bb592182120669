#include "widgets/headerdiffview.h"

#include "cors/evaluation.h"
#include "models/headerdiffmodel.h"
#include "models/negotiationmodel.h"
#include "report/preflightnegotiation.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Corscope {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, const QString &accessibleName,
                      QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setModel(model);
    table->setAlternatingRowColors(false);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(true);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    return table;
}

} // namespace

HeaderDiffView::HeaderDiffView(QWidget *parent)
    : QWidget(parent)
    , m_negotiation(new NegotiationModel(this))
    , m_diff(new HeaderDiffModel(this))
    , m_negotiationTitle(new QLabel(this))
    , m_diffTitle(new QLabel(this))
{
    m_negotiationTable = makeTable(m_negotiation, QStringLiteral("negotiationTable"),
                                   tr("Preflight: asked for versus allowed"), this);
    m_diffTable = makeTable(m_diff, QStringLiteral("headerDiffTable"), tr("Response headers compared"), this);
    m_negotiationTable->horizontalHeader()->setSectionResizeMode(NegotiationModel::Item,
                                                                 QHeaderView::ResizeToContents);
    m_diffTable->horizontalHeader()->setSectionResizeMode(HeaderDiffModel::Name,
                                                          QHeaderView::ResizeToContents);
    m_diffTable->horizontalHeader()->setSectionResizeMode(HeaderDiffModel::Left, QHeaderView::Stretch);
    m_diffTable->horizontalHeader()->setSectionResizeMode(HeaderDiffModel::Right, QHeaderView::Stretch);
    // A title wider than its column keeps its start readable and ends in "…" (the whole title
    // is the header's tooltip), instead of being centred and cut at both ends.
    m_diffTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_diffTable->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    m_negotiationTable->setToolTip(
        tr("Each thing the preflight asked for, beside what the server's answer grants"));
    m_diffTable->setToolTip(tr("Header names compare case-insensitively; every value of a name counts, so a "
                               "duplicated header shows as a difference"));

    // Wrapping titles keep the view from imposing a minimum width on every window that shows it.
    m_negotiationTitle->setWordWrap(true);
    m_diffTitle->setWordWrap(true);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_negotiationTitle);
    topLayout->addWidget(m_negotiationTable);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_diffTitle);
    bottomLayout->addWidget(m_diffTable);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("headerDiffSplitter"));
    split->addWidget(top);
    split->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    updateSummaries();
}

void HeaderDiffView::setEvaluation(const Evaluation &evaluation)
{
    m_negotiation->setRows(PreflightNegotiation::fromEvaluation(evaluation));
    // The default pair: the preflight's answer against the actual response's — the classic
    // "the OPTIONS handler sends CORS headers but the GET handler does not".
    const HttpResponse *preflight = nullptr;
    const HttpResponse *actual = nullptr;
    for (const Exchange &exchange : evaluation.exchanges) {
        if (!exchange.response)
            continue;
        if (exchange.request.kind == OutgoingRequest::Kind::Preflight)
            preflight = &*exchange.response;
        else
            actual = &*exchange.response;
    }
    if (preflight && actual)
        compareResponses(tr("Preflight response"), preflight->headers, tr("Actual response"),
                         actual->headers);
    else
        m_diff->clear();
    updateSummaries();
}

void HeaderDiffView::compareResponses(const QString &leftTitle, const HeaderList &left,
                                      const QString &rightTitle, const HeaderList &right)
{
    m_diff->compare(leftTitle, left, rightTitle, right);
    updateSummaries();
}

void HeaderDiffView::setNegotiationVisible(bool visible)
{
    m_negotiationTitle->parentWidget()->setVisible(visible);
}

void HeaderDiffView::updateSummaries()
{
    const auto &rows = m_negotiation->rows();
    const auto refused =
        std::count_if(rows.begin(), rows.end(), [](const NegotiationRow &r) { return !r.allowed; });
    if (rows.isEmpty())
        m_negotiationTitle->setText(
            tr("<b>Preflight: asked vs allowed</b> — no preflight went on the wire."));
    else if (refused == 0)
        m_negotiationTitle->setText(
            tr("<b>Preflight: asked vs allowed</b> — the server grants everything asked."));
    else
        m_negotiationTitle->setText(
            tr("<b>Preflight: asked vs allowed</b> — %n item(s) refused.", nullptr, int(refused)));
    if (m_diff->rowCount() == 0)
        m_diffTitle->setText(tr("<b>Responses compared</b> — nothing to compare yet."));
    else if (m_diff->noiseCount() == 0)
        m_diffTitle->setText(
            tr("<b>Responses compared</b> — %n header(s) differ.", nullptr, m_diff->changedCount()));
    else
        m_diffTitle->setText(
            tr("<b>Responses compared</b> — %n header(s) differ", nullptr, m_diff->changedCount()) +
            tr(" (%n per-response header(s) such as Date greyed, not counted).", nullptr,
               m_diff->noiseCount()));
}

QString HeaderDiffView::diffSummary() const
{
    return m_diffTitle->text();
}

} // namespace Corscope
