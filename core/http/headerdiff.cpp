#include "http/headerdiff.h"

namespace Corscope {

QList<HeaderDifference> HeaderDiff::compare(const HeaderList &left, const HeaderList &right)
{
    QList<HeaderDifference> result;
    auto seen = [&result](const QByteArray &name) {
        return std::any_of(result.begin(), result.end(), [&name](const HeaderDifference &d) {
            return HeaderList::namesEqual(d.name, name);
        });
    };
    auto add = [&](const QByteArray &name) {
        if (seen(name))
            return;
        HeaderDifference difference;
        difference.name = name;
        for (const QByteArray &value : left.values(name))
            difference.left.append(normalizeHeaderValue(value));
        for (const QByteArray &value : right.values(name))
            difference.right.append(normalizeHeaderValue(value));
        if (difference.left.isEmpty())
            difference.kind = HeaderDifference::Kind::OnlyRight;
        else if (difference.right.isEmpty())
            difference.kind = HeaderDifference::Kind::OnlyLeft;
        else
            difference.kind = difference.left == difference.right ? HeaderDifference::Kind::Same
                                                                  : HeaderDifference::Kind::Changed;
        result.append(difference);
    };
    for (const Header &header : left)
        add(header.name);
    for (const Header &header : right)
        add(header.name);
    return result;
}

} // namespace Corscope
