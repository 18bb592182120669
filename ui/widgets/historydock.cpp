#include "widgets/historydock.h"

#include "models/historymodel.h"

#include <QAction>
#include <QCloseEvent>
#include <QHeaderView>
#include <QSettings>
#include <QTreeView>

namespace Corscope {

namespace {
const auto choiceKey = QStringLiteral("history/dock");
} // namespace

HistoryDock::HistoryDock(HistoryModel *history, QSettings &settings, QWidget *parent)
    : QDockWidget(tr("History"), parent)
    , m_history(history)
    , m_settings(settings)
    , m_view(new QTreeView(this))
    , m_toggle(new QAction(this))
    , m_compare(new QAction(tr("Compare &Responses"), this))
{
    setObjectName(QStringLiteral("historyDock"));
    const QString stored = m_settings.value(choiceKey).toString();
    if (stored == QLatin1String("opened"))
        m_choice = Choice::Opened;
    else if (stored == QLatin1String("closed"))
        m_choice = Choice::Closed;

    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setAccessibleName(tr("History"));
    m_view->setModel(m_history);
    m_view->setRootIsDecorated(false);
    // Tens of thousands of rows: one height for all, no per-row widgets.
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(HistoryModel::UrlColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    // Two entries selected (Ctrl+click) can be compared: before and after a server change.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_compare->setObjectName(QStringLiteral("compareResponsesAction"));
    m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_compare->setToolTip(tr("Select two history entries (Ctrl+click) to compare their responses' headers"));
    m_compare->setEnabled(false);
    connect(m_compare, &QAction::triggered, this, [this] {
        QModelIndexList rows = m_view->selectionModel()->selectedRows();
        if (rows.size() != 2)
            return;
        std::sort(rows.begin(), rows.end()); // older entry on the left
        emit compareRequested(rows.at(0).row(), rows.at(1).row());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_compare->setEnabled(m_view->selectionModel()->selectedRows().size() == 2); });
    m_view->addAction(m_compare);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    emit entryActivated(index.row());
            });
    setWidget(m_view);

    m_toggle->setObjectName(QStringLiteral("historyToggleAction"));
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_toggle->setToolTip(tr("Show or hide the requests sent so far (Ctrl+H)"));
    connect(m_toggle, &QAction::triggered, this, [this](bool show) {
        setChoice(show ? Choice::Opened : Choice::Closed);
        setVisible(show);
        if (show)
            raise();
    });

    connect(m_history, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int, int last) {
        m_view->scrollTo(m_history->index(last, 0));
        historyChanged();
    });
    connect(m_history, &QAbstractItemModel::rowsRemoved, this, &HistoryDock::historyChanged);
    connect(m_history, &QAbstractItemModel::modelReset, this, &HistoryDock::historyChanged);
    historyChanged();
}

void HistoryDock::applyStartVisibility()
{
    setVisible(m_choice == Choice::Opened || (m_choice == Choice::None && m_history->rowCount() > 0));
}

void HistoryDock::setVisible(bool visible)
{
    QDockWidget::setVisible(visible);
    m_toggle->setChecked(!isHidden());
}

void HistoryDock::closeEvent(QCloseEvent *event)
{
    setChoice(Choice::Closed);
    QDockWidget::closeEvent(event);
}

void HistoryDock::setChoice(Choice choice)
{
    m_choice = choice;
    m_settings.setValue(choiceKey, choice == Choice::Opened ? QStringLiteral("opened") : QStringLiteral("closed"));
}

void HistoryDock::historyChanged()
{
    const int count = m_history->rowCount();
    m_toggle->setText(tr("&History (%1)").arg(count));
    // The first entry brings the dock in, unless the user has put it away.
    if (count > 0 && m_choice != Choice::Closed && isHidden())
        show();
}

} // namespace Corscope
