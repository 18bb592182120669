#include "widgets/countdowndelegate.h"

#include <QPainter>

namespace Corscope {

CountdownDelegate::CountdownDelegate(int fractionRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_fractionRole(fractionRole)
{
}

void CountdownDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    const QVariant fraction = index.data(m_fractionRole);
    if (fraction.isValid()) {
        const double left = std::clamp(fraction.toDouble(), 0.0, 1.0);
        const QRect track = option.rect.adjusted(2, 3, -2, -3);
        QRect bar = track;
        bar.setWidth(static_cast<int>(track.width() * left));
        painter->save();
        painter->fillRect(track, option.palette.alternateBase());
        // Green while most of the lifetime is left, amber near the end: the next request
        // will preflight again soon.
        painter->fillRect(bar, left > 0.25 ? QColor(0x2d, 0xa4, 0x4e, 140) : QColor(0xd4, 0xa7, 0x2c, 160));
        painter->restore();
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace Corscope
