#pragma once

#include "session/sessionentry.h"

#include <QAbstractTableModel>
#include <vector>

namespace Corscope {

// Every request sent or explained in this session, oldest first. Adapts SessionEntry values;
// rows only ever grow at the end, or the whole list is replaced when a session file is opened.
class HistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, MethodColumn, UrlColumn, VerdictColumn, ColumnCount };

    explicit HistoryModel(QObject *parent = nullptr);

    void append(const SessionEntry &entry);
    void setEntries(QList<SessionEntry> entries);
    void clear();
    const SessionEntry &entry(int row) const { return m_entries.at(row); }
    const QList<SessionEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SessionEntry> m_entries;
};

} // namespace Corscope
