#pragma once

class QSettings;
class QWidget;

namespace Corscope {

// Remembers where the user left every splitter under a window: the playground's columns, the
// explanation's step list, the traffic list and its detail. A splitter is known by its place in
// the widget tree, its name and its number of panes, so a layout that changes between versions
// starts from its defaults instead of someone else's sizes.
class SplitterStates {
public:
    static void save(const QWidget *root, QSettings &settings);
    static void restore(QWidget *root, const QSettings &settings);
};

} // namespace Corscope
