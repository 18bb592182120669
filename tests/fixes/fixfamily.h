#pragma once

// The failure families issue 16 proves fixes for: each is a request a page makes and the
// broken way a server answers it. A ServerRig renders the broken behaviour into its server's
// own configuration (test fixtures, written per server by hand: they are what users have), and
// the fixed configuration from Corscope's snippet (never by hand).

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QPair>
#include <QString>

namespace CorscopeTest {

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

// What the broken server does. "{origin}" in a header value stands for the page's origin.
struct BrokenPolicy {
    HeaderPairs actualHeaders;    // added to every response that is not a preflight
    HeaderPairs preflightHeaders; // added to the answer to OPTIONS
    // How OPTIONS is answered: 0 = 204 with preflightHeaders; else this status (404, 405, 500)
    // with preflightHeaders; 301 = a redirect to optionsRedirect.
    int optionsStatus = 0;
    QByteArray optionsRedirect;
    // actualHeaders go only to a request whose Origin is the page's (an allow-list of one, as
    // hand-written CORS code has it), and nothing says Vary: Origin.
    bool actualOnlyForPageOrigin = false;
};

struct FixFamily {
    QString name;
    QByteArray method = "GET";
    HeaderPairs requestHeaders;
    bool credentials = false;   // fetch(…, {credentials: 'include'})
    QByteArrayList readHeaders; // response headers the page reads (check --read-header)
    BrokenPolicy broken;
    // A shared cache (SharedCache) sits in front of the server and the request goes through it,
    // after a visit without Origin (someone opening the API's URL in a tab) filled it.
    bool sharedCache = false;
    // What the application behind the layer under test sends on every answer, broken and fixed
    // alike: the fix goes into the layer in front (a reverse proxy), the application is unchanged.
    HeaderPairs applicationHeaders;

    static QList<FixFamily> all();
};

// Every rig serves this path; any method gets 200, body {"ok":true}, and X-Total: 5.
inline constexpr char endpointPath[] = "/api/data";

} // namespace CorscopeTest
