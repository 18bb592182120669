#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Corscope {

// The non-modal offer, above the flow list, to bring back the flows of a capture that did not
// end cleanly (Corscope crashed or was killed while capturing).
class RestoreCaptureBanner : public QFrame {
    Q_OBJECT

public:
    explicit RestoreCaptureBanner(QWidget *parent = nullptr);

    void offer(int flowCount);
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *discardButton() const { return m_discard; }

signals:
    void restoreRequested();
    void discardRequested();

private:
    QLabel *m_text;
    QPushButton *m_restore;
    QPushButton *m_discard;
};

} // namespace Corscope
