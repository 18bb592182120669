#pragma once

#include <QScrollArea>

namespace Corscope {

// A form that scrolls down, never sideways, when the window is low: a form cut off at the right
// hides its fields, so the area is never narrower than the form plus its scroll bar.
class FormScrollArea : public QScrollArea {
    Q_OBJECT
public:
    explicit FormScrollArea(QWidget *form, QWidget *parent = nullptr);
};

} // namespace Corscope
