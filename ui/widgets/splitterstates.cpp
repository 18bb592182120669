#include "widgets/splitterstates.h"

#include <QSettings>
#include <QSplitter>

namespace Corscope {

namespace {

QString keyOf(qsizetype index, const QSplitter *splitter)
{
    return QStringLiteral("splitters/%1-%2-%3")
        .arg(index)
        .arg(splitter->objectName().isEmpty() ? QStringLiteral("unnamed") : splitter->objectName())
        .arg(splitter->count());
}

} // namespace

void SplitterStates::save(const QWidget *root, QSettings &settings)
{
    const QList<QSplitter *> splitters = root->findChildren<QSplitter *>();
    for (qsizetype i = 0; i < splitters.size(); ++i)
        settings.setValue(keyOf(i, splitters.at(i)), splitters.at(i)->saveState());
}

void SplitterStates::restore(QWidget *root, const QSettings &settings)
{
    const QList<QSplitter *> splitters = root->findChildren<QSplitter *>();
    for (qsizetype i = 0; i < splitters.size(); ++i) {
        const QByteArray state = settings.value(keyOf(i, splitters.at(i))).toByteArray();
        if (!state.isEmpty())
            splitters.at(i)->restoreState(state);
    }
}

} // namespace Corscope
