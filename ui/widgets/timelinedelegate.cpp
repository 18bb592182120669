#include "widgets/timelinedelegate.h"

#include "capture/trafficentry.h"
#include "models/traffictablemodel.h"

#include <QApplication>
#include <QPainter>

namespace Corscope {

QRectF TimelineDelegate::barRect(const QRectF &cell, double start, double end)
{
    constexpr double kMargin = 3;
    const double width = std::max(1.0, cell.width() - 2 * kMargin);
    const double left = cell.left() + kMargin + std::clamp(start, 0.0, 1.0) * width;
    const double right = cell.left() + kMargin + std::clamp(end, 0.0, 1.0) * width;
    const double height = std::max(4.0, cell.height() * 0.5);
    return {std::min(left, cell.right() - kMargin - 2), cell.center().y() - height / 2,
            std::max(2.0, right - left), height};
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    const QVariant span = index.data(TrafficTableModel::TimelineRole);
    if (!span.isValid())
        return;
    const QPointF fractions = span.toPointF();
    QColor colour(QStringLiteral("#8c959f")); // not CORS, or still pending
    switch (TrafficEntry::Verdict(index.data(TrafficTableModel::VerdictRole).toInt())) {
    case TrafficEntry::Verdict::Allowed:
        colour = QColor(QStringLiteral("#2da44e"));
        break;
    case TrafficEntry::Verdict::Blocked:
        colour = QColor(QStringLiteral("#cf222e"));
        break;
    case TrafficEntry::Verdict::NotCors:
    case TrafficEntry::Verdict::Pending:
        break;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(barRect(option.rect, fractions.x(), fractions.y()), 1.5, 1.5);
    painter->restore();
}

} // namespace Corscope
