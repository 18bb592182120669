#include "widgets/sequencediagramview.h"

#include <QApplication>
#include <QClipboard>
#include <QPainter>
#include <QHelpEvent>
#include <QPainterPath>
#include <QToolTip>
#include <QSvgGenerator>
#include <QWheelEvent>

namespace Corscope {

namespace {

constexpr int kMargin = 16;
constexpr int kLaneSpacing = 250;
constexpr int kHeaderHeight = 36;
constexpr int kRowHeight = 34;
constexpr int kDetailLine = 15;

int laneX(SequenceArrow::Lane lane)
{
    return kMargin + 60 + int(lane) * kLaneSpacing;
}

constexpr int kWaterfallGap = 24;
constexpr int kWaterfallWidth = 160;
constexpr int kLegendHeight = 34; // two rows of the waterfall's legend, under the last arrow

int rowHeight(const SequenceArrow &arrow)
{
    return kRowHeight + int(arrow.details.size()) * kDetailLine;
}

struct Phase {
    qint64 us;
    QColor colour;
    QString name;
};

// The waterfall's segments in order, with colours that read on light and dark backgrounds.
QList<Phase> phasesOf(const ExchangePhases &phases)
{
    QList<Phase> list;
    const auto add = [&list](qint64 us, QColor colour, const QString &name) {
        if (us >= 0)
            list.append({us, colour, name});
    };
    add(phases.dnsUs, QColor(0x1b, 0x9e, 0x9e), SequenceDiagramView::tr("DNS"));
    add(phases.connectUs, QColor(0xe0, 0x8a, 0x1e), SequenceDiagramView::tr("connect"));
    add(phases.tlsUs, QColor(0x8e, 0x5c, 0xc9), SequenceDiagramView::tr("TLS"));
    add(phases.sendUs, QColor(0x8a, 0x8a, 0x8a), SequenceDiagramView::tr("send"));
    add(phases.waitUs, QColor(0x2e, 0xa0, 0x43), SequenceDiagramView::tr("waiting (first byte)"));
    add(phases.receiveUs, QColor(0x3b, 0x7d, 0xd8), SequenceDiagramView::tr("download"));
    return list;
}

QString milliseconds(qint64 us)
{
    return SequenceDiagramView::tr("%1 ms").arg(us / 1000.0, 0, 'f', us < 10000 ? 2 : 1);
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

qint64 SequenceDiagramView::longestExchangeUs() const
{
    qint64 longest = 0;
    for (const SequenceArrow &arrow : m_arrows)
        longest = std::max(longest, arrow.phases.totalUs());
    return longest;
}

QRect SequenceDiagramView::waterfallRect(qsizetype arrowIndex) const
{
    const qint64 longest = longestExchangeUs();
    const SequenceArrow &arrow = m_arrows.at(arrowIndex);
    if (longest <= 0 || arrow.phases.isEmpty())
        return {};
    int y = kHeaderHeight + kMargin;
    for (qsizetype i = 0; i < arrowIndex; ++i)
        y += rowHeight(m_arrows.at(i));
    const int width = std::max(4, int(kWaterfallWidth * double(arrow.phases.totalUs()) / double(longest)));
    return {laneX(SequenceArrow::Lane::Server) + kWaterfallGap, y + 13, width, 10};
}

QString SequenceDiagramView::waterfallToolTip(const ExchangePhases &phases)
{
    QStringList lines;
    for (const Phase &phase : phasesOf(phases))
        lines << QStringLiteral("%1: %2").arg(phase.name, milliseconds(phase.us));
    lines << tr("total: %1").arg(milliseconds(phases.totalUs()));
    return lines.join(QLatin1Char('\n'));
}

bool SequenceDiagramView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPointF at = help->pos() / m_zoom;
        for (qsizetype i = 0; i < m_arrows.size(); ++i) {
            if (waterfallRect(i).adjusted(-2, -4, 2, 4).contains(at.toPoint())) {
                QToolTip::showText(help->globalPos(), waterfallToolTip(m_arrows.at(i).phases), this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void SequenceDiagramView::setArrows(const QList<SequenceArrow> &arrows)
{
    m_arrows = arrows;
    QString description;
    for (const SequenceArrow &arrow : arrows)
        description += arrow.label + QLatin1Char('\n');
    setAccessibleDescription(description);
    if (m_fitToWidth)
        fitToParent();
    updateGeometry();
    resize(sizeHint());
    update();
}

void SequenceDiagramView::setFitToWidth(bool fit)
{
    m_fitToWidth = fit;
    if (fit && parentWidget()) {
        parentWidget()->installEventFilter(this);
        fitToParent();
    }
}

void SequenceDiagramView::fitToParent()
{
    if (!parentWidget())
        return;
    // Shrink to show all three lanes, but not so far that the text cannot be read; never grow.
    const double fit = double(parentWidget()->width()) / double(diagramSize().width());
    applyZoom(std::clamp(fit, 0.6, 1.0));
}

bool SequenceDiagramView::eventFilter(QObject *watched, QEvent *event)
{
    if (m_fitToWidth && watched == parentWidget() && event->type() == QEvent::Resize)
        fitToParent();
    return QWidget::eventFilter(watched, event);
}

void SequenceDiagramView::setZoom(double zoom)
{
    m_fitToWidth = false; // the user chose a size
    emit fitToWidthChanged(false);
    applyZoom(zoom);
}

void SequenceDiagramView::applyZoom(double zoom)
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
    if (longestExchangeUs() > 0)
        height += kLegendHeight;
    return {laneX(SequenceArrow::Lane::Server) + kWaterfallGap + kWaterfallWidth + 60, height + kMargin};
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
    paintWaterfall(painter, small);
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

void SequenceDiagramView::paintWaterfall(QPainter &painter, const QFont &font) const
{
    if (longestExchangeUs() <= 0)
        return;
    const QColor muted = palette().color(QPalette::PlaceholderText);
    painter.setFont(font);
    // Legend: only the phases that occur in this diagram.
    QList<Phase> seen;
    for (const SequenceArrow &arrow : m_arrows)
        for (const Phase &phase : phasesOf(arrow.phases))
            if (std::none_of(seen.begin(), seen.end(), [&](const Phase &p) { return p.name == phase.name; }))
                seen.append(phase);
    const QFontMetrics metrics(font);
    int x = laneX(SequenceArrow::Lane::Server) + kWaterfallGap;
    int legendY = diagramSize().height() - kMargin - kLegendHeight + 4;
    for (const Phase &phase : seen) {
        const int width = 12 + metrics.horizontalAdvance(phase.name) + 10;
        if (x + width > laneX(SequenceArrow::Lane::Server) + kWaterfallGap + kWaterfallWidth + 60) {
            x = laneX(SequenceArrow::Lane::Server) + kWaterfallGap;
            legendY += metrics.height();
        }
        painter.fillRect(QRect(x, legendY + 3, 8, 8), phase.colour);
        painter.setPen(muted);
        painter.drawText(QPoint(x + 11, legendY + 11), phase.name);
        x += width;
    }
    for (qsizetype i = 0; i < m_arrows.size(); ++i) {
        const QRect bar = waterfallRect(i);
        if (bar.isEmpty())
            continue;
        const ExchangePhases &phases = m_arrows.at(i).phases;
        const double scale = double(bar.width()) / double(std::max<qint64>(1, phases.totalUs()));
        double left = bar.left();
        for (const Phase &phase : phasesOf(phases)) {
            const double width = std::max(1.0, phase.us * scale);
            painter.fillRect(QRectF(left, bar.top(), width, bar.height()), phase.colour);
            left += width;
        }
        painter.setPen(muted);
        painter.drawText(QPoint(int(left) + 4, bar.bottom()), milliseconds(phases.totalUs()));
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
