#pragma once

#include "report/sequencediagram.h"

#include <QWidget>

class QPainter;

namespace Corscope {

// Paints the arrows SequenceDiagram computed: Page, Browser and Server lanes, the preflight, a
// cache hit as the browser answering itself, the actual request and the point where the browser
// blocks, and a small waterfall per request (DNS, connect, TLS, send, wait, download) on one
// time scale. Zoom with Ctrl+wheel; export as PNG or SVG.
class SequenceDiagramView : public QWidget {
    Q_OBJECT

public:
    explicit SequenceDiagramView(QWidget *parent = nullptr);

    void setArrows(const QList<SequenceArrow> &arrows);
    const QList<SequenceArrow> &arrows() const { return m_arrows; }
    void setZoom(double zoom); // turns fitting to the width off
    double zoom() const { return m_zoom; }
    // Zooms out (down to 60%) so all three lanes fit the width of the parent (a scroll area's
    // viewport), following its resizes.
    void setFitToWidth(bool fit);
    bool fitsToWidth() const { return m_fitToWidth; }

    // The per-request timing bar right of the Server lane, in unzoomed diagram coordinates;
    // empty when that arrow has no measured phases.
    QRect waterfallRect(qsizetype arrowIndex) const;
    static QString waterfallToolTip(const ExchangePhases &phases);

    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;
    QSize sizeHint() const override;

public slots:
    void copyImage() const;

signals:
    void fitToWidthChanged(bool fit);

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QSize diagramSize() const; // unzoomed
    void applyZoom(double zoom);
    void fitToParent();
    void paint(QPainter &painter) const;
    void paintWaterfall(QPainter &painter, const QFont &font) const;
    qint64 longestExchangeUs() const; // the waterfall's scale: every bar shares it

    QList<SequenceArrow> m_arrows;
    bool m_fitToWidth = false;
    double m_zoom = 1.0;
};

} // namespace Corscope
