#include "widgets/trafficsummaryview.h"

#include <QPainter>
#include <algorithm>

namespace Corscope {

namespace {

constexpr int rowHeight = 26;
constexpr int headerHeight = 28;
constexpr int hostColumn = 220;
constexpr int gap = 16;

} // namespace

TrafficSummaryView::TrafficSummaryView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("trafficSummary"));
    setAccessibleName(tr("Traffic summary per host"));
    setToolTip(tr("Per host: share of cross-origin requests blocked, share of preflights that failed, and "
                  "preflight latency (bar: median, line: 95th percentile)"));
}

void TrafficSummaryView::setSummary(QList<HostSummary> hosts)
{
    m_hosts = std::move(hosts);
    updateGeometry();
    update();
}

QSize TrafficSummaryView::sizeHint() const
{
    return {900, headerHeight + rowHeight * int(std::max<qsizetype>(m_hosts.size(), 3)) + 8};
}

void TrafficSummaryView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.base());
    painter.setPen(pal.text().color());
    if (m_hosts.isEmpty()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("No traffic captured yet."));
        return;
    }
    const int chartWidth = std::max(80, (width() - hostColumn - 4 * gap) / 3);
    const int x0 = hostColumn + gap;
    const int x1 = x0 + chartWidth + gap;
    const int x2 = x1 + chartWidth + gap;
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRect(8, 0, hostColumn, headerHeight), Qt::AlignVCenter, tr("Host"));
    painter.drawText(QRect(x0, 0, chartWidth, headerHeight), Qt::AlignVCenter, tr("Blocked requests"));
    painter.drawText(QRect(x1, 0, chartWidth, headerHeight), Qt::AlignVCenter, tr("Failed preflights"));
    painter.drawText(QRect(x2, 0, chartWidth, headerHeight), Qt::AlignVCenter, tr("Preflight latency"));
    painter.setFont(font());

    double maxLatency = 1;
    for (const HostSummary &host : m_hosts)
        maxLatency = std::max(maxLatency, host.preflightP95Ms);
    const QColor bad(220, 70, 60);
    const QColor latency(70, 130, 220);
    auto drawRate = [&](int x, int y, double rate, const QString &label) {
        const QRect track(x, y + 5, chartWidth, rowHeight - 10);
        painter.fillRect(track, pal.alternateBase());
        painter.fillRect(QRect(track.topLeft(), QSize(int(track.width() * rate), track.height())), bad);
        painter.drawText(track.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight, label);
    };
    int y = headerHeight;
    for (const HostSummary &host : m_hosts) {
        painter.setPen(pal.text().color());
        painter.drawText(QRect(8, y, hostColumn - 8, rowHeight), Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(QString::fromLatin1(host.host), Qt::ElideMiddle,
                                                          hostColumn - 8));
        drawRate(x0, y, host.blockedRate(), tr("%1 of %2").arg(host.blocked).arg(host.crossOrigin));
        drawRate(x1, y, host.preflightFailureRate(),
                 tr("%1 of %2").arg(host.preflightsFailed).arg(host.preflights));
        const QRect track(x2, y + 5, chartWidth, rowHeight - 10);
        painter.fillRect(track, pal.alternateBase());
        if (host.preflights > 0) {
            painter.fillRect(
                QRect(track.topLeft(),
                      QSize(int(track.width() * host.preflightMedianMs / maxLatency), track.height())),
                latency);
            const int p95 = track.left() + int(track.width() * host.preflightP95Ms / maxLatency);
            painter.setPen(QPen(pal.text().color(), 2));
            painter.drawLine(p95, track.top(), p95, track.bottom());
            painter.setPen(pal.text().color());
            painter.drawText(track.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight,
                             tr("%1 ms (p95 %2 ms)")
                                 .arg(host.preflightMedianMs, 0, 'f', 1)
                                 .arg(host.preflightP95Ms, 0, 'f', 1));
        } else {
            painter.drawText(track.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight,
                             tr("no preflights"));
        }
        y += rowHeight;
    }
}

} // namespace Corscope
