#pragma once

#include "session/sessionentry.h"

#include <QDialog>

class QLabel;

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
    // Set when the two sides are not the same kind of response (one request stopped at its
    // preflight, the other got its actual response); empty otherwise.
    QString mismatchText() const;
    // "PUT https://api.example/v1 · 12:03:41 · blocked": how an entry is named in the columns.
    static QString entryTitle(const SessionEntry &entry);

    // The response the page's request got: the last one on the wire (the preflight's when the
    // browser stopped there).
    struct FinalResponse {
        HeaderList headers;
        bool found = false;
        bool preflight = false; // the OPTIONS answer: the browser never sent the request itself
    };
    static FinalResponse finalResponse(const SessionEntry &entry);
    static HeaderList finalResponseHeaders(const SessionEntry &entry) { return finalResponse(entry).headers; }

private:
    HeaderDiffView *m_diff;
    QLabel *m_mismatch;
};

} // namespace Corscope
