#include "models/preflightcachetablemodel.h"

#include <QColor>
#include <algorithm>

namespace Corscope {

namespace {

QString tokensText(const CachedTokens &tokens)
{
    QStringList names;
    for (const CachedToken &token : tokens)
        names << QString::fromUtf8(token.token());
    return names.join(QStringLiteral(", "));
}

} // namespace

PreflightCacheTableModel::PreflightCacheTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PreflightCacheTableModel::setCache(PreflightCache *cache, Recheck recheck)
{
    beginResetModel();
    m_cache = cache;
    m_recheck = std::move(recheck);
    m_entries = cache ? cache->freshEntries() : QList<PreflightCacheEntry>{};
    m_refusals.clear();
    for (const PreflightCacheEntry &entry : std::as_const(m_entries))
        m_refusals.append(m_recheck ? m_recheck(entry) : QString());
    endResetModel();
}

void PreflightCacheTableModel::recheckAll()
{
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        m_refusals[i] = m_recheck ? m_recheck(m_entries.at(i)) : QString();
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, ServerNowColumn), index(rowCount() - 1, ServerNowColumn));
}

bool PreflightCacheTableModel::sameEntries(const QList<PreflightCacheEntry> &a,
                                           const QList<PreflightCacheEntry> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto &x, const auto &y) {
        return x.origin == y.origin && x.url == y.url && x.credentials == y.credentials &&
               x.storedMs == y.storedMs && x.expiresMs == y.expiresMs;
    });
}

void PreflightCacheTableModel::refresh()
{
    QList<PreflightCacheEntry> fresh = m_cache ? m_cache->freshEntries() : QList<PreflightCacheEntry>{};
    if (!sameEntries(fresh, m_entries)) {
        beginResetModel();
        m_entries = std::move(fresh);
        m_refusals.clear();
        for (const PreflightCacheEntry &entry : std::as_const(m_entries))
            m_refusals.append(m_recheck ? m_recheck(entry) : QString());
        endResetModel();
        return;
    }
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, RemainingColumn),
                         {Qt::DisplayRole, RemainingFractionRole});
}

void PreflightCacheTableModel::removeEntries(const QList<int> &rows)
{
    if (!m_cache)
        return;
    for (int row : rows) {
        if (row >= 0 && row < m_entries.size()) {
            const PreflightCacheEntry &e = m_entries.at(row);
            m_cache->remove(e.origin, e.url, e.credentials);
        }
    }
    refresh();
}

int PreflightCacheTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int PreflightCacheTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PreflightCacheTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_cache)
        return {};
    const PreflightCacheEntry &entry = m_entries.at(index.row());
    const qint64 now = m_cache->clock().nowMs();
    const qint64 remainingMs = std::max<qint64>(0, entry.expiresMs - now);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case OriginColumn:
            return QString::fromUtf8(entry.origin);
        case UrlColumn:
            return entry.url.toString();
        case CredentialsColumn:
            return entry.credentials ? tr("yes") : tr("no");
        case MethodsColumn:
            return tokensText(entry.methods);
        case HeadersColumn:
            return tokensText(entry.headers);
        case ServerNowColumn:
            if (!m_recheck)
                return tr("not asked");
            return m_refusals.value(index.row()).isEmpty() ? tr("still allows") : tr("would refuse");
        case MaxAgeColumn:
            return tr("%1 s").arg(entry.maxAgeSeconds);
        case AgeColumn:
            return tr("%1 s").arg((now - entry.storedMs) / 1000);
        case RemainingColumn:
            return tr("%1 s").arg((remainingMs + 999) / 1000);
        }
    } else if (index.column() == ServerNowColumn && role == Qt::ToolTipRole) {
        if (!m_recheck)
            return tr("Corscope knows the current policy only of the Playground's demo API; a real server "
                      "is asked again when this entry expires or is cleared.");
        const QString refusal = m_refusals.value(index.row());
        return refusal.isEmpty() ? tr("The demo API's current policy still allows what this entry holds.")
                                 : refusal;
    } else if (index.column() == ServerNowColumn && role == Qt::ForegroundRole &&
               !m_refusals.value(index.row()).isEmpty()) {
        return QColor(0xcf, 0x22, 0x2e);
    } else if (role == RemainingFractionRole && index.column() == RemainingColumn) {
        const qint64 lifetime = entry.expiresMs - entry.storedMs;
        return lifetime > 0 ? double(remainingMs) / double(lifetime) : 0.0;
    }
    return {};
}

QVariant PreflightCacheTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OriginColumn:
        return tr("Origin");
    case UrlColumn:
        return tr("URL");
    case CredentialsColumn:
        return tr("Credentials");
    case MethodsColumn:
        return tr("Methods");
    case HeadersColumn:
        return tr("Headers");
    case ServerNowColumn:
        return tr("Server now");
    case MaxAgeColumn:
        return tr("Max-Age");
    case AgeColumn:
        return tr("Age");
    case RemainingColumn:
        return tr("Remaining");
    }
    return {};
}

} // namespace Corscope
