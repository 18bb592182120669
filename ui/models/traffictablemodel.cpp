#include "models/traffictablemodel.h"

#include "capture/capturesession.h"
#include "models/diffcolors.h"
#include "models/outcomeicons.h"

#include <QLocale>
#include <QPointF>
#include <algorithm>

namespace Corscope {

TrafficTableModel::TrafficTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TrafficTableModel::upsert(TrafficEntry entry)
{
    const auto existing = m_indexByFlow.constFind(entry.flowId);
    if (existing != m_indexByFlow.constEnd()) {
        const int index = *existing;
        const bool axisMoved = extendTimeline(entry);
        m_entries[size_t(index)] = std::move(entry);
        // The update may change whether the flow passes the filter (it became blocked, say).
        const auto visible = std::lower_bound(m_visible.begin(), m_visible.end(), index);
        const bool wasVisible = visible != m_visible.end() && *visible == index;
        const bool isVisible = isShown(m_entries[size_t(index)]);
        const int row = int(visible - m_visible.begin());
        if (axisMoved)
            emitTimelineMoved();
        if (wasVisible && isVisible) {
            emit dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
        } else if (wasVisible) {
            beginRemoveRows({}, row, row);
            m_visible.erase(visible);
            endRemoveRows();
        } else if (isVisible) {
            beginInsertRows({}, row, row);
            m_visible.insert(visible, index);
            endInsertRows();
        }
        return;
    }
    std::vector<TrafficEntry> one;
    one.push_back(std::move(entry));
    append(std::move(one));
}

void TrafficTableModel::append(std::vector<TrafficEntry> entries)
{
    std::vector<int> added;
    bool axisMoved = false;
    for (TrafficEntry &entry : entries) {
        axisMoved = extendTimeline(entry) || axisMoved;
        const int index = int(m_entries.size());
        m_indexByFlow.insert(entry.flowId, index);
        if (isShown(entry))
            added.push_back(index);
        m_entries.push_back(std::move(entry));
    }
    if (axisMoved)
        emitTimelineMoved();
    if (added.empty())
        return;
    const int first = int(m_visible.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_visible.insert(m_visible.end(), added.begin(), added.end());
    endInsertRows();
}

void TrafficTableModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_visible.clear();
    m_indexByFlow.clear();
    m_hasTimeline = false;
    m_timelineStartMs = 0;
    m_timelineEndMs = 0;
    m_timelineSpanMs = 0;
    endResetModel();
}

bool TrafficTableModel::extendTimeline(const TrafficEntry &entry)
{
    if (!entry.started.isValid())
        return false;
    const qint64 startMs = entry.started.toMSecsSinceEpoch();
    if (!m_hasTimeline) {
        m_hasTimeline = true;
        m_timelineStartMs = startMs;
        m_timelineEndMs = std::max(0.0, entry.durationMs);
        m_timelineSpanMs = m_timelineEndMs;
        return true;
    }
    bool moved = false;
    if (startMs < m_timelineStartMs) {
        m_timelineEndMs += double(m_timelineStartMs - startMs);
        m_timelineStartMs = startMs;
        moved = true;
    }
    const double endMs = double(startMs - m_timelineStartMs) + std::max(0.0, entry.durationMs);
    if (endMs > m_timelineEndMs) {
        m_timelineEndMs = endMs;
        moved = true;
    }
    m_timelineSpanMs = m_timelineEndMs;
    return moved;
}

void TrafficTableModel::emitTimelineMoved()
{
    emit headerDataChanged(Qt::Horizontal, Timeline, Timeline);
    if (!m_visible.empty())
        emit dataChanged(index(0, Timeline), index(int(m_visible.size()) - 1, Timeline), {TimelineRole});
}

QString TrafficTableModel::durationText(double ms)
{
    return ms < 1000 ? tr("%1 ms").arg(ms, 0, 'f', ms < 10 ? 1 : 0) : tr("%1 s").arg(ms / 1000, 0, 'f', 2);
}

void TrafficTableModel::setFilter(const FlowFilter &filter)
{
    m_filter = filter;
    refilter();
}

void TrafficTableModel::refilter()
{
    beginResetModel();
    m_visible.clear();
    m_visible.reserve(m_entries.size());
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (isShown(m_entries[i]))
            m_visible.push_back(int(i));
    }
    endResetModel();
}

bool TrafficTableModel::isShown(const TrafficEntry &entry) const
{
    // A followed hop shows only under its expanded chain; the deciding hop always stands for it.
    return m_filter.matches(entry.facts) &&
           (!entry.followedHop() || m_expandedChains.contains(*entry.chainId));
}

void TrafficTableModel::setChainExpanded(quint64 chainId, bool expanded)
{
    if (expanded == m_expandedChains.contains(chainId))
        return;
    if (expanded)
        m_expandedChains.insert(chainId);
    else
        m_expandedChains.remove(chainId);
    refilter();
}

bool TrafficTableModel::toggleChainAt(int row)
{
    const TrafficEntry *entry = entryAt(row);
    if (!entry || !entry->chainId)
        return false;
    setChainExpanded(*entry->chainId, !isChainExpanded(*entry->chainId));
    return true;
}

const TrafficEntry *TrafficTableModel::entryAt(int row) const
{
    if (row < 0 || row >= int(m_visible.size()))
        return nullptr;
    return &m_entries[size_t(m_visible[size_t(row)])];
}

const TrafficEntry *TrafficTableModel::entryForFlow(quint64 flowId) const
{
    const auto found = m_indexByFlow.constFind(flowId);
    return found == m_indexByFlow.constEnd() ? nullptr : &m_entries[size_t(*found)];
}

int TrafficTableModel::rowOfFlow(quint64 flowId) const
{
    const auto found = m_indexByFlow.constFind(flowId);
    if (found == m_indexByFlow.constEnd())
        return -1;
    // m_visible keeps arrival order, so the entry's index is found by bisection.
    const auto at = std::lower_bound(m_visible.begin(), m_visible.end(), *found);
    return at != m_visible.end() && *at == *found ? int(at - m_visible.begin()) : -1;
}

int TrafficTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int TrafficTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrafficTableModel::flowLabel(quint64 flowId)
{
    if (flowId >= CaptureSession::firstImportedId)
        return tr("H%1").arg(flowId - CaptureSession::firstImportedId + 1);
    return tr("#%1").arg(flowId);
}

QVariant TrafficTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrafficEntry &entry = *entryAt(index.row());
    switch (role) {
    case FlowIdRole:
        return QVariant::fromValue(entry.flowId);
    case VerdictRole:
        return int(entry.verdict);
    case TimelineRole: {
        if (!entry.started.isValid())
            return {};
        const double span = std::max(m_timelineSpanMs, 1.0);
        const double start = double(entry.started.toMSecsSinceEpoch() - m_timelineStartMs);
        return QPointF(start / span, (start + std::max(0.0, entry.durationMs)) / span);
    }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            // A rewrite rule's hand on a flow is marked where the eye starts a row, as DevTools
            // marks an overridden response; the tooltip names the rules.
            return entry.appliedRules.isEmpty() ? flowLabel(entry.flowId)
                                                : tr("✎ %1").arg(flowLabel(entry.flowId));
        case Method:
            return QString::fromLatin1(entry.method);
        case Url:
            if (entry.followedHop())
                return tr("    ↳ hop %1 of %2: %3")
                    .arg(entry.chainHop + 1)
                    .arg(entry.chainHops)
                    .arg(entry.url);
            if (entry.decidesChain())
                return tr("%1 %2  (redirect chain of %3 hops)")
                    .arg(isChainExpanded(*entry.chainId) ? QStringLiteral("▾") : QStringLiteral("▸"),
                         entry.url)
                    .arg(entry.chainHops);
            return entry.url;
        case Origin:
            return QString::fromLatin1(entry.origin);
        case Status:
            return entry.error.isEmpty() ? (entry.status ? QVariant(entry.status) : QVariant(tr("…")))
                                         : QVariant(tr("error"));
        case Verdict:
            switch (entry.verdict) {
            case TrafficEntry::Verdict::NotCors:
                return QString();
            case TrafficEntry::Verdict::Allowed:
                return tr("allowed");
            case TrafficEntry::Verdict::Blocked:
                return tr("blocked");
            case TrafficEntry::Verdict::Pending:
                return tr("pending");
            }
            return {};
        case Preflight:
            if (!entry.pairedFlowId)
                return QString();
            return entry.facts.isPreflight ? tr("guards %1").arg(flowLabel(*entry.pairedFlowId))
                                           : flowLabel(*entry.pairedFlowId);
        case Size:
            return QLocale().formattedDataSize(entry.responseBytes);
        case Time:
            return tr("%1 ms").arg(entry.durationMs, 0, 'f', 1);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != Verdict)
            return {};
        if (entry.verdict == TrafficEntry::Verdict::Allowed)
            return outcomeIcon(StepOutcome::Pass);
        if (entry.verdict == TrafficEntry::Verdict::Blocked)
            return outcomeIcon(StepOutcome::Fail);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Timeline && entry.started.isValid())
            return tr("Started %1 after the first flow; took %2")
                .arg(durationText(double(entry.started.toMSecsSinceEpoch() - m_timelineStartMs)),
                     durationText(entry.durationMs));
        if (index.column() == Number && !entry.appliedRules.isEmpty())
            return entry.answeredLocally
                       ? tr("Answered by the rewrite rule '%1': the server never saw this request.")
                             .arg(entry.appliedRules.constFirst())
                       : tr("Response headers changed by the rewrite rule(s) '%1' before the browser "
                            "saw them; the CORS verdict is the browser's on the changed response.")
                             .arg(entry.appliedRules.join(QStringLiteral("', '")));
        if (!entry.error.isEmpty())
            return entry.error;
        if (entry.verdict == TrafficEntry::Verdict::Blocked)
            return entry.consoleMessage;
        if (index.column() != Url)
            return {};
        return entry.tls.isEmpty() ? entry.url : tr("%1\nTLS: %2").arg(entry.url, entry.tls);
    case Qt::BackgroundRole:
        if (entry.verdict == TrafficEntry::Verdict::Blocked)
            return DiffColors::background(DiffColors::Kind::Bad);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Time || index.column() == Status ||
            index.column() == Number)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant TrafficTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Timeline)
        return tr("Every flow on one time axis, from the first flow's start to the last one's end (%1), "
                  "as DevTools' Waterfall: overlapping bars ran at the same time.")
            .arg(durationText(m_timelineSpanMs));
    if (role == Qt::ToolTipRole && section == Number)
        return tr("#N: the Nth flow captured (a restored capture keeps its numbers); HN: the Nth flow "
                  "imported from a HAR file. The Preflight column names rows by these.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("#");
    case Method:
        return tr("Method");
    case Url:
        return tr("URL");
    case Origin:
        return tr("Initiator origin");
    case Status:
        return tr("Status");
    case Verdict:
        return tr("CORS");
    case Preflight:
        return tr("Preflight");
    case Size:
        return tr("Size");
    case Time:
        return tr("Time");
    case Timeline:
        return !m_hasTimeline ? tr("Timeline") : tr("Timeline · %1").arg(durationText(m_timelineSpanMs));
    }
    return {};
}

} // namespace Corscope
