#include "models/preflightcachetablemodel.h"

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

void PreflightCacheTableModel::setCache(PreflightCache *cache)
{
    beginResetModel();
    m_cache = cache;
    m_entries = cache ? cache->freshEntries() : QList<PreflightCacheEntry>{};
    endResetModel();
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
        case MaxAgeColumn:
            return tr("%1 s").arg(entry.maxAgeSeconds);
        case AgeColumn:
            return tr("%1 s").arg((now - entry.storedMs) / 1000);
        case RemainingColumn:
            return tr("%1 s").arg((remainingMs + 999) / 1000);
        }
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
