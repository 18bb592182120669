#pragma once

#include "cors/preflightcache.h"

#include <QAbstractTableModel>
#include <functional>

namespace Corscope {

// (Named Table model: PreflightCacheModel is the browser's cache-keying enum.)
// Adapts a PreflightCache's fresh entries to a table. The cache is not a QObject and expires
// entries by the clock alone, so the owner calls refresh(): rows are rebuilt only when entries
// came or went; otherwise just the age columns change.
class PreflightCacheTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        OriginColumn,
        UrlColumn,
        CredentialsColumn,
        MethodsColumn,
        HeadersColumn,
        ServerNowColumn, // would the server still allow it (known for the Playground's own API)
        MaxAgeColumn,
        AgeColumn,
        RemainingColumn,
        ColumnCount
    };
    // On RemainingColumn: the fraction of the entry's lifetime left, 0 to 1.
    enum Role { RemainingFractionRole = Qt::UserRole + 1 };

    explicit PreflightCacheTableModel(QObject *parent = nullptr);

    // Why the server's current policy would refuse an entry's preflight ("" when it would not);
    // without one the Server now column says it cannot know without asking the server.
    using Recheck = std::function<QString(const PreflightCacheEntry &)>;

    void setCache(PreflightCache *cache, Recheck recheck = {});
    // The policy changed: every entry is asked again.
    void recheckAll();
    PreflightCache *cache() const { return m_cache; }
    void refresh();
    // Removes the entries on those rows from the cache itself.
    void removeEntries(const QList<int> &rows);
    const PreflightCacheEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static bool sameEntries(const QList<PreflightCacheEntry> &a, const QList<PreflightCacheEntry> &b);

    PreflightCache *m_cache = nullptr;
    Recheck m_recheck;
    QList<PreflightCacheEntry> m_entries;
    QStringList m_refusals; // per entry, m_recheck's answer
};

} // namespace Corscope
