#pragma once

#include "session/sessionentry.h"

#include <QDialog>

namespace Corscope {

class HeaderDiffView;

// Two history entries' responses side by side: the same URL before and after a server change,
// or two URLs that should answer alike. Case-insensitive names, every value, the CORS headers
// that differ first in mind.
class ResponseComparisonDialog : public QDialog {
    Q_OBJECT

public:
    ResponseComparisonDialog(const SessionEntry &left, const SessionEntry &right, QWidget *parent = nullptr);

    HeaderDiffView *diffView() const { return m_diff; }
    // "PUT https://api.example/v1 · 12:03:41 · blocked": how an entry is named in the columns.
    static QString entryTitle(const SessionEntry &entry);
    // The response the page's request got: the last one on the wire (the preflight's when the
    // browser stopped there).
    static HeaderList finalResponseHeaders(const SessionEntry &entry);

private:
    HeaderDiffView *m_diff;
};

} // namespace Corscope
