#pragma once

#include "http/headerlist.h"

#include <QByteArrayList>

namespace Corscope {

// One header name compared across two header lists: names case-insensitively, every value of
// the name in order (so a duplicated Access-Control-Allow-Origin shows up as a difference).
struct HeaderDifference {
    enum class Kind { Same, Changed, OnlyLeft, OnlyRight };
    Kind kind = Kind::Same;
    QByteArray name; // as first seen
    QByteArrayList left;
    QByteArrayList right;
};

class HeaderDiff {
public:
    static QList<HeaderDifference> compare(const HeaderList &left, const HeaderList &right);
};

} // namespace Corscope
