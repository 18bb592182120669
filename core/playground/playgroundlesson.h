#pragma once

#include "cors/fetchrequest.h"
#include "playground/corspolicy.h"

#include <QCoreApplication>

namespace Corscope {

// What the page in the playground asks for, and through which API (fetch(), XMLHttpRequest, an
// @font-face …); the URL and origin come from the DemoApiServer, whose ports are random.
struct PlaygroundRequest {
    ResourceType resourceType = ResourceType::Fetch;
    QByteArray method = QByteArrayLiteral("GET");
    QString path = QStringLiteral("/api/data");
    HeaderList headers;
    CredentialsMode credentials = CredentialsMode::SameOrigin;
    std::optional<QByteArray> body;

    FetchRequest toFetchRequest(const QUrl &apiUrl, const Origin &pageOrigin) const;
    bool operator==(const PlaygroundRequest &) const = default;
};

// One classic CORS failure to break and fix live: the symptom people report, the server policy
// that causes it, the request that shows it, and the policy that fixes it. Read from JSON in
// which "$PAGE_ORIGIN" stands for the playground's page origin.
struct PlaygroundLesson {
    Q_DECLARE_TR_FUNCTIONS(Corscope::PlaygroundLesson)

public:
    QString id;
    QString title;
    QString symptom; // plain text, what the user sees or reports
    QString lesson;  // plain text, why it happens and what the fix changes
    PlaygroundRequest request;
    CorsPolicy policy;
    CorsPolicy fix;
    // Another site's visit that filled the shared cache before the user's request; empty for none.
    QByteArray sharedCacheFilledBy;

    static std::optional<PlaygroundLesson> read(const QByteArray &json, const Origin &pageOrigin,
                                                QString *error = nullptr);
};

} // namespace Corscope
