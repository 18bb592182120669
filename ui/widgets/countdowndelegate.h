#pragma once

#include <QStyledItemDelegate>

namespace Corscope {

// Paints a bar of the time left (a fraction from 0 to 1 in fractionRole) behind the cell's text.
class CountdownDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    CountdownDelegate(int fractionRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    int m_fractionRole;
};

} // namespace Corscope
