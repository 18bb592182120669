#include "widgets/restorecapturebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Corscope {

RestoreCaptureBanner::RestoreCaptureBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_restore(new QPushButton(this))
    , m_discard(new QPushButton(tr("Discard"), this))
{
    setObjectName(QStringLiteral("restoreCaptureBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, QColor(0xfc, 0xf8, 0xe3));
    tinted.setColor(QPalette::WindowText, QColor(0x3b, 0x33, 0x1a));
    setPalette(tinted);
    m_text->setObjectName(QStringLiteral("restoreCaptureText"));
    m_text->setWordWrap(true);
    m_restore->setObjectName(QStringLiteral("restoreCaptureButton"));
    m_discard->setObjectName(QStringLiteral("discardCaptureButton"));
    m_discard->setToolTip(tr("Delete the flows of the last capture"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_restore);
    layout->addWidget(m_discard);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        hide();
        emit restoreRequested();
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        hide();
        emit discardRequested();
    });
    hide();
}

void RestoreCaptureBanner::offer(int flowCount)
{
    m_text->setText(tr("The last capture did not end cleanly; its flows were kept on disk."));
    m_restore->setText(tr("Restore %n flow(s) from the last capture", nullptr, flowCount));
    show();
}

} // namespace Corscope
