#pragma once

#include "report/sequencediagram.h"

#include <QWidget>

class QPainter;

namespace Corscope {

// Paints the arrows SequenceDiagram computed: Page, Browser and Server lanes, the preflight, a
// cache hit as the browser answering itself, the actual request and the point where the browser
// blocks. Zoom with Ctrl+wheel; export as PNG or SVG.
class SequenceDiagramView : public QWidget {
    Q_OBJECT

public:
    explicit SequenceDiagramView(QWidget *parent = nullptr);

    void setArrows(const QList<SequenceArrow> &arrows);
    const QList<SequenceArrow> &arrows() const { return m_arrows; }
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }

    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;
    QSize sizeHint() const override;

public slots:
    void copyImage() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QSize diagramSize() const; // unzoomed
    void paint(QPainter &painter) const;

    QList<SequenceArrow> m_arrows;
    double m_zoom = 1.0;
};

} // namespace Corscope
