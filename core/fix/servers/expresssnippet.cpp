#include "fix/servers/expresssnippet.h"

namespace Corscope {

namespace {

// A JavaScript string literal in single quotes.
QString jsString(const QByteArray &value)
{
    QString text = QStringLiteral("'");
    for (const QChar c : QString::fromUtf8(value)) {
        if (c == QLatin1Char('\'') || c == QLatin1Char('\\'))
            text += QLatin1Char('\\');
        text += c;
    }
    return text + QLatin1Char('\'');
}

QString jsArray(const QByteArrayList &items)
{
    QStringList texts;
    for (const QByteArray &item : items)
        texts << jsString(item);
    return QLatin1Char('[') + texts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

ServerSnippet ExpressSnippet::render(const FixPolicy &policy) const
{
    // https://expressjs.com/en/resources/middleware/cors.html (the cors README): "Configuring
    // CORS", "Enabling CORS Pre-Flight" and "Configuration Options".
    ServerSnippet result = snippet();
    const QByteArray path = policy.path.isEmpty() ? QByteArray("/") : policy.path;

    QString options = QStringLiteral("const corsOptions = {\n");
    if (policy.anyOrigin) {
        options += QStringLiteral("  origin: '*',\n");
    } else {
        // An array: the middleware answers the request's Origin only when it is one of these
        // (compared with ===), sends nothing to any other, and adds Vary: Origin either way.
        options += QStringLiteral("  origin: %1,\n").arg(jsArray(policy.origins));
    }
    // Always explicit: left out, `methods` means GET,HEAD,PUT,PATCH,POST,DELETE and
    // `allowedHeaders` echoes whatever Access-Control-Request-Headers asks for. An empty array
    // sends no header at all.
    options += QStringLiteral("  methods: %1,%2\n")
                   .arg(jsArray(policy.methods),
                        policy.methods.isEmpty()
                            ? QStringLiteral(" // none: GET, HEAD and POST need no Allow-Methods")
                            : QString());
    options += QStringLiteral("  allowedHeaders: %1,%2\n")
                   .arg(jsArray(policy.headers),
                        policy.headers.isEmpty()
                            ? QStringLiteral(" // none: left out, cors would echo any requested header")
                            : QString());
    if (!policy.exposeHeaders.isEmpty())
        options += QStringLiteral("  exposedHeaders: %1,\n").arg(jsArray(policy.exposeHeaders));
    if (policy.credentials)
        options += QStringLiteral("  credentials: true,\n");
    if (policy.maxAgeSeconds >= 0)
        options += QStringLiteral("  maxAge: %1,\n").arg(policy.maxAgeSeconds);
    options += QStringLiteral("};\n");

    QString js = QStringLiteral("const cors = require('cors');\n\n") + options;
    if (policy.preflight)
        js += QStringLiteral(
                  "// The preflight: OPTIONS answered 204 with the headers above, before any route.\n"
                  "app.options(%1, cors(corsOptions));\n")
                  .arg(jsString(path));
    js += QStringLiteral("app.use(%1, cors(corsOptions));\n").arg(jsString(path));
    result.parts.append({QStringLiteral("js"), js});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    for (const QByteArray &method : policy.methods) {
        // Node's HTTP parser (llhttp) knows methods only in upper case; anything else is a 400
        // before Express sees the request.
        if (method != method.toUpper())
            result.notes << tr("Node.js answers a request whose method is '%1' with 400 Bad Request before "
                               "Express sees it (its HTTP parser accepts only upper-case methods): have the "
                               "page send %2 instead.")
                                .arg(QString::fromUtf8(method), QString::fromUtf8(method.toUpper()));
    }
    result.notes << tr("Paste this after `const app = express()` and before the routes that serve %1: "
                       "middleware only applies to the routes registered after it.")
                        .arg(QString::fromUtf8(path));
    return result;
}

} // namespace Corscope
