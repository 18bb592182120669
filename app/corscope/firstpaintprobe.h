#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

// Startup benchmark hook (tests/bench/startup.sh): with CORSCOPE_EXIT_AFTER_FIRST_PAINT set,
// the app quits as soon as the main window has painted once, so the wall time of the whole
// process is "start to first painted window" plus a short teardown.
class FirstPaintProbe : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};
