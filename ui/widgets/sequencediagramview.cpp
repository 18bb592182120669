#include "widgets/sequencediagramview.h"

#include <QApplication>
#include <QClipboard>
#include <QPainter>
#include <QHelpEvent>
#include <QLocale>
#include <QPainterPath>
#include <QToolTip>
#include <QSvgGenerator>
#include <QWheelEvent>

namespace Corscope {

namespace {

constexpr int kMargin = 16;
constexpr int kPad = 6;
constexpr int kBarHeight = 10;
constexpr int kWrap = Qt::TextWordWrap; // QPainter breaks a word too long for the line anywhere

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

// A round step (1, 2 or 5 × 10^n µs) that divides the axis into at most two parts: three
// labels fit a column of 22 characters.
qint64 tickStepUs(qint64 totalUs)
{
    for (qint64 magnitude = 1;; magnitude *= 10) {
        for (const qint64 factor : {1, 2, 5}) {
            if (factor * magnitude * 2 >= totalUs)
                return factor * magnitude;
        }
    }
}

QString tickLabel(qint64 us)
{
    if (us == 0)
        return QStringLiteral("0");
    if (us < 1000)
        return SequenceDiagramView::tr("%1 µs").arg(us);
    return SequenceDiagramView::tr("%1 ms").arg(QLocale::c().toString(us / 1000.0, 'g', 4));
}

QString arrowText(const SequenceArrow &arrow)
{
    QString label = arrow.label;
    if (arrow.durationUs >= 0)
        label += QStringLiteral("  (%1 ms)").arg(arrow.durationUs / 1000.0, 0, 'f', 1);
    return label;
}

} // namespace

SequenceDiagramView::SequenceDiagramView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sequenceDiagram"));
    setAccessibleName(tr("Request sequence diagram"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    relayout();
}

QFont SequenceDiagramView::diagramFont() const
{
    return font();
}

qint64 SequenceDiagramView::longestExchangeUs() const
{
    qint64 longest = 0;
    for (const SequenceArrow &arrow : m_arrows)
        longest = std::max(longest, arrow.phases.totalUs());
    return longest;
}

qint64 SequenceDiagramView::axisEndUs() const
{
    const qint64 longest = longestExchangeUs();
    if (longest <= 0)
        return 0;
    const qint64 step = tickStepUs(longest);
    return (longest + step - 1) / step * step;
}

void SequenceDiagramView::relayout()
{
    const QFont font = diagramFont();
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics metrics(font);
    const QFontMetrics boldMetrics(bold);
    const int charWidth = std::max(1, metrics.averageCharWidth());
    const bool timed = longestExchangeUs() > 0;
    Layout layout;
    layout.waterfallWidth = timed ? charWidth * 22 : 0;
    const int waterfallLabel = timed ? metrics.horizontalAdvance(QStringLiteral("999.99 ms")) + 2 * kPad : 0;
    const int firstLane = kMargin + charWidth * 6;
    const int tail = timed ? charWidth * 3 + layout.waterfallWidth + waterfallLabel : charWidth * 10;
    // Wide enough for a usual label on one line; given more (fitting a wide view), lanes
    // spread out; given less, the diagram keeps its minimum and the view scrolls.
    int spacing = charWidth * 36;
    if (m_fitToWidth && m_fitWidth > 0)
        spacing = std::max(charWidth * 20, (int(m_fitWidth / m_zoom) - firstLane - tail - kMargin) / 2);
    for (int lane = 0; lane < 3; ++lane)
        layout.lane[lane] = firstLane + lane * spacing;
    layout.waterfallLeft = layout.lane[2] + charWidth * 3;
    const int right = layout.lane[2] + tail;
    // Labels stop before the waterfall; the header lines under an arrow may run under it (the
    // bars sit on the arrows' lines), so they wrap less.
    const int labelsRight = timed ? layout.waterfallLeft - kPad : right;
    const int detailsRight = right;

    const int namesBottom = kMargin + boldMetrics.height();
    layout.axisY = namesBottom + (timed ? metrics.height() + 8 : 4);
    int y = layout.axisY + 10;
    for (const SequenceArrow &arrow : m_arrows) {
        Row row;
        row.top = y;
        const int x1 = layout.lane[int(arrow.from)];
        const int x2 = layout.lane[int(arrow.to)];
        const QString text = arrowText(arrow);
        if (x1 == x2) {
            // The browser answering itself: a loop on its lifeline, the label right of it.
            const int left = x1 + 66;
            const int width = std::max(charWidth * 10, labelsRight - left);
            const int height = metrics.boundingRect(QRect(0, 0, width, 1 << 20), kWrap, text).height();
            row.arrowY = y + std::max(height, 28) / 2 + 2;
            row.label = QRect(left, row.arrowY - height / 2, width, height);
        } else {
            const int left = std::min(x1, x2) + kPad;
            const int width = std::abs(x2 - x1) - 2 * kPad;
            const int height =
                metrics.boundingRect(QRect(0, 0, width, 1 << 20), kWrap | Qt::AlignHCenter, text).height();
            row.label = QRect(left, y, width, height);
            row.arrowY = y + height + 5;
        }
        int detailY = row.arrowY + 8;
        const int detailLeft = std::min(x1, x2) + kPad;
        const int detailWidth = std::max(charWidth * 10, detailsRight - detailLeft);
        for (const QString &detail : arrow.details) {
            const int height = metrics.boundingRect(QRect(0, 0, detailWidth, 1 << 20), kWrap, detail).height();
            row.details.append(QRect(detailLeft, detailY, detailWidth, height));
            detailY += height;
        }
        row.bottom = std::max(row.arrowY + 10, detailY) + 10;
        y = row.bottom;
        layout.rows.append(row);
    }
    layout.legendTop = y + 4;
    int height = y;
    if (timed) {
        // The legend wraps inside the waterfall's column.
        int x = layout.waterfallLeft;
        int lines = 1;
        QStringList seen;
        for (const SequenceArrow &arrow : m_arrows)
            for (const Phase &phase : phasesOf(arrow.phases)) {
                if (seen.contains(phase.name))
                    continue;
                seen.append(phase.name);
                const int width = 14 + metrics.horizontalAdvance(phase.name) + 10;
                if (x + width > right && x > layout.waterfallLeft) {
                    x = layout.waterfallLeft;
                    ++lines;
                }
                x += width;
            }
        height = layout.legendTop + lines * metrics.height() + 4;
    }
    layout.size = QSize(right + kMargin, height + kMargin);
    m_layout = layout;
}

QRect SequenceDiagramView::waterfallRect(qsizetype arrowIndex) const
{
    const qint64 end = axisEndUs();
    const SequenceArrow &arrow = m_arrows.at(arrowIndex);
    if (end <= 0 || arrow.phases.isEmpty() || arrowIndex >= m_layout.rows.size())
        return {};
    const int width =
        std::max(4, int(double(m_layout.waterfallWidth) * double(arrow.phases.totalUs()) / double(end)));
    return {m_layout.waterfallLeft, m_layout.rows.at(arrowIndex).arrowY - kBarHeight / 2, width, kBarHeight};
}

QRect SequenceDiagramView::labelRect(qsizetype arrowIndex) const
{
    return arrowIndex < m_layout.rows.size() ? m_layout.rows.at(arrowIndex).label : QRect();
}

QList<std::pair<int, QString>> SequenceDiagramView::waterfallTicks() const
{
    QList<std::pair<int, QString>> ticks;
    const qint64 end = axisEndUs();
    if (end <= 0)
        return ticks;
    const qint64 step = tickStepUs(longestExchangeUs());
    for (qint64 us = 0; us <= end; us += step)
        ticks.append({m_layout.waterfallLeft + int(double(m_layout.waterfallWidth) * double(us) / double(end)),
                      tickLabel(us)});
    return ticks;
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

void SequenceDiagramView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        relayout();
        updateGeometry();
        resize(sizeHint());
    }
    QWidget::changeEvent(event);
}

void SequenceDiagramView::setArrows(const QList<SequenceArrow> &arrows)
{
    m_arrows = arrows;
    QString description;
    for (const SequenceArrow &arrow : arrows)
        description += arrow.label + QLatin1Char('\n');
    setAccessibleDescription(description);
    relayout();
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
    m_zoom = 1.0;
    m_fitWidth = parentWidget()->width();
    relayout();
    updateGeometry();
    resize(sizeHint());
    update();
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
    // Below 1 the text would be smaller than the application's: a narrow view scrolls instead.
    m_zoom = std::clamp(zoom, 1.0, 4.0);
    relayout();
    updateGeometry();
    resize(sizeHint());
    update();
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
    // Details are secondary, not faint: the placeholder grey is too light to read at arm's length.
    const QColor muted = QColor::fromRgbF(text.redF() * 0.6 + pal.color(QPalette::Base).redF() * 0.4,
                                          text.greenF() * 0.6 + pal.color(QPalette::Base).greenF() * 0.4,
                                          text.blueF() * 0.6 + pal.color(QPalette::Base).blueF() * 0.4);
    const QColor lifeline = pal.color(QPalette::PlaceholderText);
    const QColor blocked(0xcf, 0x22, 0x2e);
    const QColor allowed(0x1a, 0x7f, 0x37);
    const QSize size = diagramSize();
    const QFont font = diagramFont();
    QFont bold = font;
    bold.setBold(true);
    const int spacing = m_layout.lane[1] - m_layout.lane[0];

    const std::pair<SequenceArrow::Lane, QString> lanes[] = {{SequenceArrow::Lane::Page, tr("Page")},
                                                             {SequenceArrow::Lane::Browser, tr("Browser")},
                                                             {SequenceArrow::Lane::Server, tr("Server")}};
    const int namesHeight = QFontMetrics(bold).height();
    for (const auto &[lane, name] : lanes) {
        const int x = m_layout.lane[int(lane)];
        painter.setPen(text);
        painter.setFont(bold);
        painter.drawText(QRect(x - spacing / 2, kMargin, spacing, namesHeight), Qt::AlignCenter, name);
        painter.setPen(QPen(lifeline, 1, Qt::DashLine));
        painter.drawLine(x, kMargin + namesHeight + 2, x, size.height() - kMargin);
    }

    painter.setFont(font);
    paintWaterfall(painter);
    for (qsizetype i = 0; i < m_arrows.size() && i < m_layout.rows.size(); ++i) {
        const SequenceArrow &arrow = m_arrows.at(i);
        const Row &row = m_layout.rows.at(i);
        const int x1 = m_layout.lane[int(arrow.from)];
        const int x2 = m_layout.lane[int(arrow.to)];
        const int arrowY = row.arrowY;
        const QColor colour = arrow.kind == SequenceArrow::Kind::Blocked    ? blocked
                              : arrow.kind == SequenceArrow::Kind::Resolved ? allowed
                                                                            : text;
        painter.setPen(QPen(colour, arrow.kind == SequenceArrow::Kind::Response ? 1 : 1.6,
                            arrow.kind == SequenceArrow::Kind::Response ? Qt::DashLine : Qt::SolidLine));
        if (x1 == x2) {
            QPainterPath loop;
            loop.moveTo(x1, arrowY - 8);
            loop.cubicTo(x1 + 60, arrowY - 14, x1 + 60, arrowY + 14, x1 + 4, arrowY + 8);
            painter.drawPath(loop);
            painter.drawText(row.label, kWrap | Qt::AlignLeft | Qt::AlignVCenter, arrowText(arrow));
        } else {
            painter.drawLine(x1, arrowY, x2, arrowY);
            const int direction = x2 > x1 ? -1 : 1;
            painter.drawLine(x2, arrowY, x2 + direction * 8, arrowY - 5);
            painter.drawLine(x2, arrowY, x2 + direction * 8, arrowY + 5);
            painter.drawText(row.label, kWrap | Qt::AlignHCenter | Qt::AlignBottom, arrowText(arrow));
        }
        if (arrow.kind == SequenceArrow::Kind::Blocked) {
            painter.setPen(QPen(blocked, 3));
            const int bx = m_layout.lane[int(SequenceArrow::Lane::Browser)];
            painter.drawLine(bx - 7, arrowY - 7, bx + 7, arrowY + 7);
            painter.drawLine(bx - 7, arrowY + 7, bx + 7, arrowY - 7);
        }
        painter.setPen(muted);
        for (qsizetype d = 0; d < arrow.details.size() && d < row.details.size(); ++d)
            painter.drawText(row.details.at(d), kWrap | Qt::AlignLeft, arrow.details.at(d));
    }
}

void SequenceDiagramView::paintWaterfall(QPainter &painter) const
{
    if (longestExchangeUs() <= 0)
        return;
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = palette().color(QPalette::Mid);
    const QFontMetrics metrics(painter.font());
    // The axis: its line, a tick and a label per step, and a faint grid down the rows.
    const int left = m_layout.waterfallLeft;
    const int axisRight = left + m_layout.waterfallWidth;
    const int rowsBottom = m_layout.rows.isEmpty() ? m_layout.axisY : m_layout.rows.constLast().bottom;
    painter.setPen(text);
    painter.drawLine(left, m_layout.axisY, axisRight, m_layout.axisY);
    const QList<std::pair<int, QString>> ticks = waterfallTicks();
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        const auto &[x, label] = ticks.at(i);
        painter.setPen(text);
        painter.drawLine(x, m_layout.axisY - 3, x, m_layout.axisY + 3);
        const int width = metrics.horizontalAdvance(label);
        const int labelLeft = i == 0 ? x : i + 1 == ticks.size() ? x - width : x - width / 2;
        painter.drawText(QPoint(labelLeft, m_layout.axisY - 5), label);
        painter.setPen(QPen(grid, 1, Qt::DotLine));
        painter.drawLine(x, m_layout.axisY + 4, x, rowsBottom);
    }
    // Legend: only the phases that occur in this diagram.
    QList<Phase> seen;
    for (const SequenceArrow &arrow : m_arrows)
        for (const Phase &phase : phasesOf(arrow.phases))
            if (std::none_of(seen.begin(), seen.end(), [&](const Phase &p) { return p.name == phase.name; }))
                seen.append(phase);
    int x = left;
    int legendY = m_layout.legendTop;
    for (const Phase &phase : seen) {
        const int width = 14 + metrics.horizontalAdvance(phase.name) + 10;
        if (x + width > diagramSize().width() - kMargin && x > left) {
            x = left;
            legendY += metrics.height();
        }
        painter.fillRect(QRect(x, legendY + (metrics.height() - 10) / 2, 10, 10), phase.colour);
        painter.setPen(text);
        painter.drawText(QRect(x + 14, legendY, width, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         phase.name);
        x += width;
    }
    for (qsizetype i = 0; i < m_arrows.size(); ++i) {
        const QRect bar = waterfallRect(i);
        if (bar.isEmpty())
            continue;
        const ExchangePhases &phases = m_arrows.at(i).phases;
        const double scale = double(bar.width()) / double(std::max<qint64>(1, phases.totalUs()));
        double barLeft = bar.left();
        for (const Phase &phase : phasesOf(phases)) {
            const double width = std::max(1.0, phase.us * scale);
            painter.fillRect(QRectF(barLeft, bar.top(), width, bar.height()), phase.colour);
            barLeft += width;
        }
        painter.setPen(text);
        painter.drawText(QRect(int(barLeft) + 4, bar.center().y() - metrics.height() / 2, 200, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, milliseconds(phases.totalUs()));
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
