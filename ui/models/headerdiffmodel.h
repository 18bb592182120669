#pragma once

#include "http/headerdiff.h"

#include <QAbstractTableModel>

namespace Corscope {

// Two header lists side by side, one row per header name (case-insensitive), every value of
// the name shown so duplicates are visible; rows coloured by kind of difference.
class HeaderDiffModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Left, Right, ColumnCount };

    explicit HeaderDiffModel(QObject *parent = nullptr);

    void compare(const QString &leftTitle, const HeaderList &left, const QString &rightTitle,
                 const HeaderList &right);
    void clear();
    const QList<HeaderDifference> &differences() const { return m_differences; }
    // Differences that count: per-response noise (Date, Age, Expires, request ids) is shown
    // greyed and left out, as it differs between any two responses of the same server.
    int changedCount() const;
    int noiseCount() const;
    // Headers whose value changes with every response by design.
    static bool isPerResponseNoise(const QByteArray &name);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HeaderDifference> m_differences;
    QString m_leftTitle;
    QString m_rightTitle;
};

} // namespace Corscope
