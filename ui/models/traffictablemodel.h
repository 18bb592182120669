#pragma once

#include "capture/trafficentry.h"

#include <QAbstractTableModel>
#include <QSet>
#include <vector>

namespace Corscope {

// The Traffic list: every captured flow in arrival order, with a filter applied in place.
// A QSortFilterProxyModel re-asks data() per row and cannot filter a million flows within the
// 200 ms budget; here the filter runs over precomputed facts and the model exposes the indices
// that matched.
class TrafficTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Number, Method, Url, Origin, Status, Verdict, Preflight, Size, Time, Timeline, ColumnCount };
    // TimelineRole: the flow's bar on the capture's one time axis, as a QPointF of fractions
    // (start, end) of the span from the first flow's start to the last one's end.
    enum Role { FlowIdRole = Qt::UserRole + 1, VerdictRole, TimelineRole };

    explicit TrafficTableModel(QObject *parent = nullptr);

    // Adds a flow, or updates it when a flow of that id is already listed (a response arrived).
    void upsert(TrafficEntry entry);
    void append(std::vector<TrafficEntry> entries);
    void clear();
    void setFilter(const FlowFilter &filter);
    // A redirect chain is one row, its deciding hop; expanding it lists the hops before it under it.
    void setChainExpanded(quint64 chainId, bool expanded);
    bool isChainExpanded(quint64 chainId) const { return m_expandedChains.contains(chainId); }
    // Expands or folds the chain of the flow at row; false when that flow is in no chain.
    bool toggleChainAt(int row);

    // How the list names a flow, in the # column and wherever another row refers to it: "#4" for
    // a captured flow (its capture id, which a restored flow keeps), "H3" for the third flow
    // imported from HAR files (their own sequence, so it never reads as a capture's number).
    static QString flowLabel(quint64 flowId);

    const TrafficEntry *entryAt(int row) const;
    const TrafficEntry *entryForFlow(quint64 flowId) const;
    // The row that shows the flow, or -1 when the filter (or a folded chain) hides it or it is gone.
    int rowOfFlow(quint64 flowId) const;
    int totalCount() const { return int(m_entries.size()); }
    // The timeline's axis: from the earliest start to the latest end of every flow kept.
    qint64 timelineStartMs() const { return m_timelineStartMs; }
    double timelineSpanMs() const { return m_timelineSpanMs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refilter();
    bool isShown(const TrafficEntry &entry) const;
    // Widens the axis to take in the entry; true when it changed (every bar moves then).
    bool extendTimeline(const TrafficEntry &entry);
    void emitTimelineMoved();
    static QString durationText(double ms); // "35 ms", "2.40 s"

    std::vector<TrafficEntry> m_entries;
    std::vector<int> m_visible; // indices into m_entries that pass the filter, in order
    QHash<quint64, int> m_indexByFlow;
    FlowFilter m_filter;
    QSet<quint64> m_expandedChains;
    bool m_hasTimeline = false;
    qint64 m_timelineStartMs = 0;
    double m_timelineEndMs = 0; // after m_timelineStartMs
    double m_timelineSpanMs = 0;
};

} // namespace Corscope
