#include "widgets/preflightcacheview.h"

#include "sender/sendsession.h"
#include "widgets/countdowndelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Corscope {

PreflightCacheView::PreflightCacheView(QWidget *parent)
    : QWidget(parent)
    , m_model(new PreflightCacheTableModel(this))
    , m_table(new QTreeView(this))
    , m_cap(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_ticker(new QTimer(this))
    , m_sourcePicker(new QComboBox(this))
{
    m_sourcePicker->setObjectName(QStringLiteral("cacheSource"));
    m_sourcePicker->setAccessibleName(tr("Whose preflight cache"));
    m_sourcePicker->setToolTip(tr("The Request tab's browsers and the Playground's each keep their own cache"));
    connect(m_sourcePicker, &QComboBox::currentIndexChanged, this, &PreflightCacheView::showSource);
    m_table->setObjectName(QStringLiteral("preflightCacheTable"));
    m_table->setAccessibleName(tr("Preflight cache entries"));
    m_table->setModel(m_model);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setItemDelegateForColumn(
        PreflightCacheTableModel::RemainingColumn,
        new CountdownDelegate(PreflightCacheTableModel::RemainingFractionRole, this));
    // Origins and URLs are what tells entries apart: show them whole; the countdown takes the rest.
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(PreflightCacheTableModel::RemainingColumn, QHeaderView::Stretch);
    m_table->header()->setMinimumSectionSize(60);

    m_cap->setObjectName(QStringLiteral("cacheCap"));
    m_cap->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("cacheEmptyReason"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Rows come and go with sends, clears and expiry: the reason follows the model.
    connect(m_model, &QAbstractItemModel::modelReset, this, &PreflightCacheView::showEmptyReason);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PreflightCacheView::showEmptyReason);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PreflightCacheView::showEmptyReason);

    auto *clearSelectedButton = new QPushButton(tr("Clear &selected"), this);
    auto *clearAllButton = new QPushButton(tr("Clear &all"), this);
    connect(clearSelectedButton, &QPushButton::clicked, this, &PreflightCacheView::clearSelected);
    connect(clearAllButton, &QPushButton::clicked, this, &PreflightCacheView::clearAll);

    auto *buttons = new QHBoxLayout;
    auto *sourceLabel = new QLabel(tr("C&ache of:"), this);
    sourceLabel->setBuddy(m_sourcePicker);
    buttons->addWidget(sourceLabel);
    buttons->addWidget(m_sourcePicker);
    buttons->addWidget(m_cap, 1);
    buttons->addWidget(clearSelectedButton);
    buttons->addWidget(clearAllButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_empty); // above the empty table, where the eye looks for rows
    layout->addWidget(m_table, 1);

    // Ages change every second; entries appear and expire on their own. Only while visible:
    // a hidden tab has nothing to repaint.
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &PreflightCacheView::refresh);
}

void PreflightCacheView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_ticker->start();
}

void PreflightCacheView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_ticker->stop();
}

void PreflightCacheView::addSource(const QString &name, SendSession *session,
                                   PreflightCacheTableModel::Recheck recheck)
{
    m_sources.append({session, std::move(recheck)});
    if (session)
        connect(session, &QObject::destroyed, this, [this, session] {
        for (qsizetype i = 0; i < m_sources.size(); ++i) {
            if (m_sources.at(i).session == session) {
                m_sources[i].session = nullptr;
                if (m_session == session)
                    showSource(int(i));
            }
        }
    });
    m_sourcePicker->addItem(name);
    if (m_sources.size() == 1)
        showSource(0);
}

void PreflightCacheView::setSession(SendSession *session)
{
    for (qsizetype i = 0; i < m_sources.size(); ++i) {
        if (m_sources.at(i).session == session) {
            m_sourcePicker->setCurrentIndex(int(i));
            showSource(int(i));
            return;
        }
    }
    addSource(session ? session->profile().displayName : tr("No session"), session);
    m_sourcePicker->setCurrentIndex(int(m_sources.size() - 1));
    showSource(int(m_sources.size() - 1));
}

void PreflightCacheView::showSource(int index)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    const Source source = index >= 0 && index < m_sources.size() ? m_sources.at(index) : Source{nullptr, {}};
    m_session = source.session;
    m_model->setCache(m_session ? &m_session->preflightCache() : nullptr, source.recheck);
    if (m_session)
        connect(m_session, &SendSession::finished, this, &PreflightCacheView::refresh);
    m_cap->setText(capText());
    showEmptyReason();
}

void PreflightCacheView::recheck()
{
    m_model->recheckAll();
}

QString PreflightCacheView::emptyText() const
{
    if (m_model->rowCount() > 0)
        return {};
    if (!m_session)
        return tr("No browser session is attached, so there is no preflight cache to show.");
    const BrowserProfile &profile = m_session->profile();
    return tr("Nothing is cached now. %1 caches a preflight only when it passed, and only for its "
              "Access-Control-Max-Age (at most %2 s; without the header, %3 s; 0 caches nothing), "
              "so an entry also leaves this table when its time runs out. Requests that need no "
              "preflight (a simple GET or POST) never put anything here. To fill it, send a request "
              "that needs a preflight (a PUT, or a custom header) from the tab this cache belongs to.")
        .arg(profile.displayName)
        .arg(profile.maxAgeCapSeconds)
        .arg(profile.defaultMaxAgeSeconds);
}

void PreflightCacheView::showEmptyReason()
{
    const QString reason = emptyText();
    m_empty->setText(reason);
    m_empty->setVisible(!reason.isEmpty());
}

QString PreflightCacheView::capText() const
{
    if (!m_session)
        return {};
    const BrowserProfile &profile = m_session->profile();
    return tr("%1 caches a successful preflight for Access-Control-Max-Age seconds, at most %2 s; "
              "without the header, %3 s. Entries here are this session's, on the real clock.")
        .arg(profile.displayName)
        .arg(profile.maxAgeCapSeconds)
        .arg(profile.defaultMaxAgeSeconds);
}

void PreflightCacheView::refresh()
{
    m_model->refresh();
}

void PreflightCacheView::clearSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    m_model->removeEntries(rows);
}

void PreflightCacheView::clearAll()
{
    if (m_model->cache())
        m_model->cache()->clearAll();
    m_model->refresh();
}

} // namespace Corscope
