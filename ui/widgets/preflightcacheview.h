#pragma once

#include <QWidget>

class QLabel;
class QTimer;
class QTreeView;

namespace Corscope {

class PreflightCacheTableModel;
class SendSession;

// What the browser remembers from successful preflights in this session, with each entry's
// time left counting down, so a user sees why the next request sends no OPTIONS.
class PreflightCacheView : public QWidget {
    Q_OBJECT

public:
    explicit PreflightCacheView(QWidget *parent = nullptr);

    void setSession(SendSession *session);
    PreflightCacheTableModel *model() const { return m_model; }
    QString capText() const;
    // Why the table is empty, in words; empty while it lists entries.
    QString emptyText() const;

public slots:
    void refresh();
    void clearSelected();
    void clearAll();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showEmptyReason();

    PreflightCacheTableModel *m_model;
    QTreeView *m_table;
    QLabel *m_cap;
    QLabel *m_empty;
    QTimer *m_ticker;
    SendSession *m_session = nullptr;
};

} // namespace Corscope
