#include "widgets/sequencediagramview.h"

#include <QApplication>
#include <QClipboard>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>
#include <QWheelEvent>

namespace Corscope {

namespace {

constexpr int kMargin = 16;
constexpr int kLaneSpacing = 300;
constexpr int kHeaderHeight = 36;
constexpr int kRowHeight = 34;
constexpr int kDetailLine = 15;

int laneX(SequenceArrow::Lane lane)
{
    return kMargin + 60 + int(lane) * kLaneSpacing;
}

int rowHeight(const SequenceArrow &arrow)
{
    return kRowHeight + int(arrow.details.size()) * kDetailLine;
}

} // namespace

SequenceDiagramView::SequenceDiagramView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sequenceDiagram"));
    setAccessibleName(tr("Request sequence diagram"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void SequenceDiagramView::setArrows(const QList<SequenceArrow> &arrows)
{
    m_arrows = arrows;
    QString description;
    for (const SequenceArrow &arrow : arrows)
        description += arrow.label + QLatin1Char('\n');
    setAccessibleDescription(description);
    updateGeometry();
    resize(sizeHint());
    update();
}

void SequenceDiagramView::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, 0.25, 4.0);
    updateGeometry();
    resize(sizeHint());
    update();
}

QSize SequenceDiagramView::diagramSize() const
{
    int height = kHeaderHeight + kMargin;
    for (const SequenceArrow &arrow : m_arrows)
        height += rowHeight(arrow);
    return {laneX(SequenceArrow::Lane::Server) + 260, height + kMargin};
}

QSize SequenceDiagramView::sizeHint() const
{
    const QSize size = diagramSize();
    return {int(size.width() * m_zoom), int(size.height() * m_zoom)};
}

void SequenceDiagramView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(m_zoom, m_zoom);
    paint(painter);
}

void SequenceDiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        setZoom(m_zoom * (event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15));
        event->accept();
        return;
    }
    QWidget::wheelEvent(event);
}

void SequenceDiagramView::paint(QPainter &painter) const
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor muted = pal.color(QPalette::PlaceholderText);
    const QColor blocked(0xcf, 0x22, 0x2e);
    const QColor allowed(0x1a, 0x7f, 0x37);
    const QSize size = diagramSize();
    QFont bold = painter.font();
    bold.setBold(true);

    const std::pair<SequenceArrow::Lane, QString> lanes[] = {{SequenceArrow::Lane::Page, tr("Page")},
                                                             {SequenceArrow::Lane::Browser, tr("Browser")},
                                                             {SequenceArrow::Lane::Server, tr("Server")}};
    for (const auto &[lane, name] : lanes) {
        const int x = laneX(lane);
        painter.setPen(text);
        painter.setFont(bold);
        painter.drawText(QRect(x - 60, kMargin, 120, 20), Qt::AlignCenter, name);
        painter.setPen(QPen(muted, 1, Qt::DashLine));
        painter.drawLine(x, kHeaderHeight, x, size.height() - kMargin);
    }

    QFont small = painter.font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    int y = kHeaderHeight + kMargin;
    for (const SequenceArrow &arrow : m_arrows) {
        const int x1 = laneX(arrow.from);
        const int x2 = laneX(arrow.to);
        const int arrowY = y + 18;
        const QColor colour = arrow.kind == SequenceArrow::Kind::Blocked    ? blocked
                              : arrow.kind == SequenceArrow::Kind::Resolved ? allowed
                                                                            : text;
        painter.setPen(QPen(colour, arrow.kind == SequenceArrow::Kind::Response ? 1 : 1.6,
                            arrow.kind == SequenceArrow::Kind::Response ? Qt::DashLine : Qt::SolidLine));
        QString label = arrow.label;
        if (arrow.durationUs >= 0)
            label += QStringLiteral("  (%1 ms)").arg(arrow.durationUs / 1000.0, 0, 'f', 1);
        painter.setFont(small);
        if (x1 == x2) {
            // The browser answering itself: a loop on its own lifeline.
            QPainterPath loop;
            loop.moveTo(x1, arrowY - 8);
            loop.cubicTo(x1 + 60, arrowY - 14, x1 + 60, arrowY + 14, x1 + 4, arrowY + 8);
            painter.drawPath(loop);
            painter.drawText(QPoint(x1 + 66, arrowY + 4), label);
        } else {
            painter.drawLine(x1, arrowY, x2, arrowY);
            const int direction = x2 > x1 ? -1 : 1;
            painter.drawLine(x2, arrowY, x2 + direction * 8, arrowY - 5);
            painter.drawLine(x2, arrowY, x2 + direction * 8, arrowY + 5);
            painter.drawText(QRect(std::min(x1, x2) + 6, y, std::abs(x2 - x1) - 12, 16), Qt::AlignCenter,
                             label);
        }
        if (arrow.kind == SequenceArrow::Kind::Blocked) {
            painter.setPen(QPen(blocked, 3));
            const int bx = laneX(SequenceArrow::Lane::Browser);
            painter.drawLine(bx - 7, arrowY - 7, bx + 7, arrowY + 7);
            painter.drawLine(bx - 7, arrowY + 7, bx + 7, arrowY - 7);
        }
        painter.setPen(muted);
        int detailY = arrowY + 6;
        for (const QString &detail : arrow.details) {
            painter.drawText(QRect(std::min(x1, x2) + 6, detailY, kLaneSpacing * 2, kDetailLine),
                             Qt::AlignLeft, detail);
            detailY += kDetailLine;
        }
        y += rowHeight(arrow);
    }
}

bool SequenceDiagramView::exportPng(const QString &path) const
{
    QImage image(diagramSize() * 2, QImage::Format_ARGB32);
    image.setDevicePixelRatio(2);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(painter);
    painter.end();
    return image.save(path, "PNG");
}

bool SequenceDiagramView::exportSvg(const QString &path) const
{
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(diagramSize());
    generator.setViewBox(QRect(QPoint(0, 0), diagramSize()));
    generator.setTitle(tr("Corscope request sequence"));
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    paint(painter);
    return painter.end();
}

void SequenceDiagramView::copyImage() const
{
    QImage image(diagramSize(), QImage::Format_ARGB32);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    paint(painter);
    painter.end();
    QApplication::clipboard()->setImage(image);
}

} // namespace Corscope
