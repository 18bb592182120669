#pragma once

#include "capture/trafficsummary.h"

#include <QWidget>

namespace Corscope {

// The Traffic summary as small bar charts, one row per host: blocked-request rate, preflight
// failure rate and preflight latency (median, with the p95 as a whisker). Painted by hand: three
// bars per host do not justify a charts module.
class TrafficSummaryView : public QWidget {
    Q_OBJECT

public:
    explicit TrafficSummaryView(QWidget *parent = nullptr);

    void setSummary(QList<HostSummary> hosts);
    const QList<HostSummary> &summary() const { return m_hosts; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<HostSummary> m_hosts;
};

} // namespace Corscope
