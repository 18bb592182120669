#pragma once

#include <QBrush>

namespace Corscope {

// Diff colours that stay readable in light and dark palettes: translucent tints over whatever
// base colour the style paints, instead of fixed light backgrounds that vanish in dark mode.
namespace DiffColors {
enum class Kind { Good, Bad, Changed, Neutral };
inline QBrush background(Kind kind)
{
    switch (kind) {
    case Kind::Good:
        return QColor(46, 160, 67, 60);
    case Kind::Bad:
        return QColor(248, 81, 73, 70);
    case Kind::Changed:
        return QColor(210, 153, 34, 70);
    case Kind::Neutral:
        break;
    }
    return {};
}
} // namespace DiffColors

} // namespace Corscope
