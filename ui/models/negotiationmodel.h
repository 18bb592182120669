#pragma once

#include "report/preflightnegotiation.h"

#include <QAbstractTableModel>

namespace Corscope {

// "What the preflight asked for vs what the server allowed", one row per origin, credentials,
// method and requested header, coloured by whether the server's answer grants it.
class NegotiationModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Item, Asked, Granted, Result, ColumnCount };

    explicit NegotiationModel(QObject *parent = nullptr);

    void setRows(QList<NegotiationRow> rows);
    const QList<NegotiationRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<NegotiationRow> m_rows;
};

} // namespace Corscope
