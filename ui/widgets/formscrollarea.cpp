#include "formscrollarea.h"

#include <QScrollBar>

namespace Corscope {

FormScrollArea::FormScrollArea(QWidget *form, QWidget *parent) : QScrollArea(parent)
{
    setWidget(form);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(form->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width());
}

} // namespace Corscope
