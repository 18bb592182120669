#pragma once

#include "http/headerlist.h"

#include <QByteArrayList>
#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Corscope {

// How a server decides its Access-Control-Allow-Origin.
enum class OriginRule {
    AllowList,  // echo the request's Origin when it is listed, otherwise send no ACAO
    Wildcard,   // always "*"
    ReflectAny, // echo whatever Origin arrives: the classic "works everywhere" hole
};

// The CORS behaviour of one server, as the knobs people actually turn in nginx, Express or an
// API gateway. preflightHeaders() and actualHeaders() compute exactly what such a server sends,
// so the playground's DemoApiServer, its form and its lessons all share one definition.
struct CorsPolicy {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CorsPolicy)

public:
    OriginRule originRule = OriginRule::AllowList;
    QStringList allowedOrigins; // serialized origins, for OriginRule::AllowList
    QByteArrayList allowedMethods;
    QByteArrayList allowedHeaders; // may hold "*"
    bool allowCredentials = false;
    std::optional<int> maxAgeSeconds;
    QByteArrayList exposedHeaders;
    bool varyOrigin = true;
    int preflightStatus = 204;
    int actualStatus = 200;
    // A shared cache (a CDN) in front of the API keeps GET answers for this long; 0 = no-store.
    // Whether Vary: Origin is sent decides if that cache mixes up origins.
    int sharedCacheSeconds = 0;
    // Sent verbatim after the computed headers on both responses, e.g. the second ACAO a proxy
    // adds on top of the application's.
    HeaderList extraHeaders;

    // The response headers to an OPTIONS preflight carrying these request headers.
    HeaderList preflightHeaders(const HeaderList &request) const;
    // The CORS-related response headers to any other request (Content-Type etc. are the
    // server's business).
    HeaderList actualHeaders(const HeaderList &request) const;
    // The ACAO this policy answers to that Origin request header value; nullopt for none.
    std::optional<QByteArray> allowOriginFor(const std::optional<QByteArray> &origin) const;
    // The same origin rule as a WebSocket server's own Origin check ([rfc6455] 10.2), which is all
    // that stands between a page and the socket: an allow-list accepts only the listed origins,
    // the other rules accept every page (and a client that sends no Origin at all).
    bool acceptsWebSocketOrigin(const std::optional<QByteArray> &origin) const;

    QJsonObject toJson() const;
    // Missing fields take the defaults above; wrong types are errors naming the field.
    static std::optional<CorsPolicy> fromJson(const QJsonObject &object, QString *error = nullptr);

    bool operator==(const CorsPolicy &) const = default;
};

QString toString(OriginRule rule); // stable id: "allow-list", "wildcard", "reflect"
std::optional<OriginRule> originRuleFromString(const QString &text);

} // namespace Corscope
