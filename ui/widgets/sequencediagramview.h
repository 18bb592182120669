#pragma once

#include "report/sequencediagram.h"

#include <QWidget>

class QPainter;

namespace Corscope {

// Paints the arrows SequenceDiagram computed: Page, Browser and Server lanes, the preflight, a
// cache hit as the browser answering itself, the actual request and the point where the browser
// blocks, and a waterfall per request (DNS, connect, TLS, send, wait, download) on one time
// axis with its own scale. Text is the application font or larger, never smaller: the layout
// spreads to the width it is given, long labels wrap, and a narrow view scrolls. Zoom with
// Ctrl+wheel; export as PNG or SVG.
class SequenceDiagramView : public QWidget {
    Q_OBJECT

public:
    explicit SequenceDiagramView(QWidget *parent = nullptr);

    void setArrows(const QList<SequenceArrow> &arrows);
    const QList<SequenceArrow> &arrows() const { return m_arrows; }
    // 1.0 (the application font) to 4.0; turns fitting to the width off.
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    // Lays the diagram out across the width of the parent (a scroll area's viewport), following
    // its resizes; narrower than the text needs, it stays wider and the view scrolls.
    void setFitToWidth(bool fit);
    bool fitsToWidth() const { return m_fitToWidth; }

    // The per-request timing bar right of the Server lane, in unzoomed diagram coordinates;
    // empty when that arrow has no measured phases.
    QRect waterfallRect(qsizetype arrowIndex) const;
    // Where an arrow's label is drawn (wrapped inside it), in unzoomed diagram coordinates.
    QRect labelRect(qsizetype arrowIndex) const;
    // The waterfall's time axis: its ticks' x positions and labels ("0", "2.5 ms", …).
    QList<std::pair<int, QString>> waterfallTicks() const;
    // The font every text in the diagram uses (before zoom): the widget's, never smaller.
    QFont diagramFont() const;
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
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    struct Row {
        int top = 0;
        int arrowY = 0;
        QRect label;
        QList<QRect> details;
        int bottom = 0;
    };
    // Every position in unzoomed diagram coordinates, computed once per change of arrows, width
    // or font rather than per paint.
    struct Layout {
        int lane[3] = {0, 0, 0};
        int waterfallLeft = 0;
        int waterfallWidth = 0;
        int axisY = 0; // the waterfall axis' line, under the lane names
        QList<Row> rows;
        int legendTop = 0;
        QSize size;
    };

    QSize diagramSize() const { return m_layout.size; } // unzoomed
    void relayout();
    void applyZoom(double zoom);
    void fitToParent();
    void paint(QPainter &painter) const;
    void paintWaterfall(QPainter &painter) const;
    qint64 longestExchangeUs() const; // the waterfall's scale: every bar shares it
    qint64 axisEndUs() const;         // the scale rounded up to a tick

    QList<SequenceArrow> m_arrows;
    bool m_fitToWidth = false;
    double m_zoom = 1.0;
    int m_fitWidth = 0; // the parent's width to lay out across, when fitting
    Layout m_layout;
};

} // namespace Corscope
