#pragma once

#include <QStyledItemDelegate>

namespace Corscope {

// Paints the Traffic list's Timeline column: each flow a bar on the capture's one time axis
// (TrafficTableModel::TimelineRole), coloured by its CORS verdict, as DevTools' Waterfall.
class TimelineDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Where the bar of a flow spanning the fractions (start, end) of the axis goes in a cell; a
    // flow too short to see keeps two pixels.
    static QRectF barRect(const QRectF &cell, double start, double end);
};

} // namespace Corscope
