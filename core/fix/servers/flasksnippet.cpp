#include "fix/servers/flasksnippet.h"

namespace Corscope {

namespace {

// A Python list of double-quoted strings (tokens: no quote or backslash to escape).
QString pyList(const QByteArrayList &items)
{
    return QLatin1Char('[') + SnippetText::quotedList(items, QLatin1Char('"')) + QLatin1Char(']');
}

// A raw string, so the regex's backslashes stay as they are. URL paths carry no double quote
// (a path percent-encodes it).
QString pyRegex(const QByteArray &text)
{
    return QStringLiteral("r\"%1\"").arg(SnippetText::originRegex({text}));
}

// An anchored regex for one origin, escaped by Python itself so the origin stays readable.
QString pyOriginRegex(const QByteArray &origin)
{
    return QStringLiteral("\"^\" + re.escape(\"%1\") + \"$\"").arg(QString::fromUtf8(origin));
}

} // namespace

ServerSnippet FlaskSnippet::render(const FixPolicy &policy) const
{
    // Flask-Cors 3.0.10's documentation ("Resource specific CORS" and the CORS(app, …) options;
    // https://manpages.ubuntu.com/manpages/lunar/man1/flask-cors.1.html carries that release's
    // text) and flask_cors/core.py of 3.0.10, whose behaviour the comments below rely on.
    ServerSnippet result = snippet();
    const QByteArray path = policy.path.isEmpty() ? QByteArray("/") : policy.path;

    QStringList options;
    if (policy.anyOrigin) {
        // Without send_wildcard, flask-cors answers "*" by echoing the request's Origin.
        options << QStringLiteral("\"origins\": \"*\"") << QStringLiteral("\"send_wildcard\": True");
    } else {
        // Anchored regexes, matched with re.match(…, re.IGNORECASE): "$" keeps an origin that
        // merely starts with an allowed one out. A plain string would be compared exactly too,
        // but flask-cors 3.0 sends Vary: Origin only for several origins or a regex.
        QStringList origins;
        for (const QByteArray &origin : policy.origins)
            origins << pyOriginRegex(origin);
        options << QStringLiteral("\"origins\": [%1]").arg(origins.join(QStringLiteral(", ")));
    }
    // flask-cors adds the preflight headers only when Access-Control-Request-Method is among
    // `methods`; a preflight for a safelisted method (one caused by a header) needs those named.
    // Safelisted methods are allowed by every browser regardless, so naming them grants nothing.
    const QByteArrayList methods =
        policy.methods.isEmpty() ? QByteArrayList{"GET", "HEAD", "POST"} : policy.methods;
    if (policy.methods.isEmpty())
        options << QStringLiteral("# Safelisted, so they grant nothing: flask-cors answers a preflight\n"
                                  "        # only for a method listed here.");
    options << QStringLiteral("\"methods\": %1").arg(pyList(methods));
    // Explicit even when empty: the default "*" allows any header the preflight asks for.
    options << QStringLiteral("\"allow_headers\": %1").arg(pyList(policy.headers));
    if (!policy.exposeHeaders.isEmpty())
        options << QStringLiteral("\"expose_headers\": %1").arg(pyList(policy.exposeHeaders));
    if (policy.credentials)
        options << QStringLiteral("\"supports_credentials\": True");
    if (policy.maxAgeSeconds >= 0) {
        // A 0 would be dropped as falsy: the string is sent as it is.
        options << (policy.maxAgeSeconds == 0 ? QStringLiteral("\"max_age\": \"0\"")
                                              : QStringLiteral("\"max_age\": %1").arg(policy.maxAgeSeconds));
    }
    // flask-cors adds Vary: Origin only to an answer it adds CORS headers to: the answer to a
    // request without Origin, or from an origin it refuses, has none, and a shared cache then
    // hands that stored copy to the allowed origin too (flask_cors/core.py get_cors_headers; the
    // fix tests' nginx proxy_cache shows it). Vary comes from the app's own hook instead, on every
    // answer of the path, so flask-cors must not add a second one.
    if (policy.varyOrigin())
        options << QStringLiteral("\"vary_header\": False");

    QString python = QStringLiteral("import re\n\n%1from flask_cors import CORS\n\n"
                                    "CORS(app, resources={\n    %2: {\n")
                         .arg(policy.varyOrigin() ? QStringLiteral("from flask import request\n") : QString(),
                              pyRegex(path));
    for (const QString &option : options)
        python += QStringLiteral("        ") + option +
                  (option.startsWith(QLatin1Char('#')) ? QStringLiteral("\n") : QStringLiteral(",\n"));
    python += QStringLiteral("    },\n})\n");
    if (policy.varyOrigin())
        python += QStringLiteral("\n\n@app.after_request\n"
                                 "def vary_on_origin(response):\n"
                                 "    # Every answer here depends on Origin, also one without CORS headers:\n"
                                 "    # a shared cache must not hand one origin's copy to another.\n"
                                 "    if re.match(%1, request.path):\n"
                                 "        response.vary.add(\"Origin\")\n"
                                 "    return response\n")
                      .arg(pyRegex(path));
    result.parts.append({QStringLiteral("python"), python});

    for (const QString &note : {SnippetText::duplicateNote(policy), SnippetText::upstreamNote(policy)}) {
        if (!note.isEmpty())
            result.notes << note;
    }
    for (const QByteArray &method : policy.methods) {
        // serialize_options() upper-cases `methods`, and a browser matches the preflight's
        // method case-sensitively ([fetch] CORS-preflight fetch: the method check is a byte match).
        if (method != method.toUpper())
            result.notes << tr("flask-cors upper-cases the methods it allows (it sends "
                               "Access-Control-Allow-Methods: %2), and the browser compares '%1' "
                               "case-sensitively, so that preflight cannot pass: have the page send "
                               "%2 instead.")
                                .arg(QString::fromUtf8(method), QString::fromUtf8(method.toUpper()));
    }
    result.notes << tr("Put this right after `app = Flask(__name__)`, and remove any code that sets "
                       "Access-Control-* headers by hand: flask-cors leaves a response that already "
                       "carries Access-Control-Allow-Origin untouched.");
    return result;
}

} // namespace Corscope
