#pragma once

#include "fix/fixplan.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace Corscope {

// One fragment of a server's configuration, valid pasted as it is into the context it names
// (nginx: "http", "server" or "location"; Apache: "server"; Express: "js"; …).
struct SnippetPart {
    QString context;
    QString code;
};

struct ServerSnippet {
    QString server;      // the id --fix takes: nginx, apache, caddy, haproxy, express, …
    QString displayName; // nginx, Apache httpd, Caddy 2, …
    QString language;    // for syntax highlighting: nginx, apache, javascript, python, …
    QList<SnippetPart> parts;
    QStringList notes; // what the reader must know to apply it (two layers adding a header, …)

    QString code(const QString &context) const;
};

// Renders a FixPolicy as one server's configuration, the way that server's documentation
// recommends. One subclass per server, each in its own file pair under fix/servers/.
class SnippetRenderer {
public:
    virtual ~SnippetRenderer() = default;
    virtual QString id() const = 0;
    virtual QString displayName() const = 0;
    virtual QString language() const = 0;
    // The contexts this server's configuration has, in the order they nest or are read.
    virtual QStringList contexts() const = 0;
    // Only the contexts the policy needs, each a complete fragment.
    virtual ServerSnippet render(const FixPolicy &policy) const = 0;

    // Every server Corscope renders, in the order they are offered.
    static const QList<const SnippetRenderer *> &all();
    static const SnippetRenderer *byId(QStringView id);
    static QStringList ids();

protected:
    ServerSnippet snippet() const;
};

// Helpers the renderers share; they only format, they decide nothing.
class SnippetText {
    Q_DECLARE_TR_FUNCTIONS(Corscope::SnippetText)

public:
    static QString joined(const QByteArrayList &items, QStringView separator = u", ");
    // "'a', 'b'" with the given quote character.
    static QString quotedList(const QByteArrayList &items, QChar quote);
    // An anchored regular expression that matches exactly these origins (dots escaped).
    static QString originRegex(const QByteArrayList &origins);
    // The note every layer in front of an application gets when the response already carried
    // CORS headers: two layers each adding Access-Control-Allow-Origin is a failure of its own.
    static QString upstreamNote(const FixPolicy &policy);
    static QString duplicateNote(const FixPolicy &policy);
};

} // namespace Corscope
