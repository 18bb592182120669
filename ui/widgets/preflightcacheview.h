#pragma once

#include "models/preflightcachetablemodel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTimer;
class QTreeView;

namespace Corscope {

class SendSession;

// What the browser remembers from successful preflights, with each entry's time left counting
// down, so a user sees why the next request sends no OPTIONS. Each tab that sends has its own
// browser, so its own cache: a source list picks which one is shown.
class PreflightCacheView : public QWidget {
    Q_OBJECT

public:
    explicit PreflightCacheView(QWidget *parent = nullptr);

    // A cache to offer in the source list; recheck (when the server's policy is known, as the
    // Playground's is) fills the Server now column.
    void addSource(const QString &name, SendSession *session, PreflightCacheTableModel::Recheck recheck = {});
    // Shows the source of that session (adding it, unnamed, if it was not one).
    void setSession(SendSession *session);
    SendSession *session() const { return m_session; }
    // The Playground's policy changed: its entries are asked again.
    void recheck();
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
    void showSource(int index);


    PreflightCacheTableModel *m_model;
    QTreeView *m_table;
    QLabel *m_cap;
    QLabel *m_empty;
    QTimer *m_ticker;
    SendSession *m_session = nullptr;
    struct Source {
        SendSession *session;
        PreflightCacheTableModel::Recheck recheck;
    };
    QList<Source> m_sources;
    QComboBox *m_sourcePicker;
};

} // namespace Corscope
