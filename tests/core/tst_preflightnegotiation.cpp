#include "cors/fetchsimulation.h"
#include "report/preflightnegotiation.h"

#include <QTest>

using namespace Corscope;

class TestPreflightNegotiation : public QObject {
    Q_OBJECT

private:
    static Evaluation evaluate(CredentialsMode credentials, const HeaderList &preflightHeaders,
                               const BrowserProfile &profile = BrowserProfile::chromium())
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/items"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        request.method = "PUT";
        request.headers = {{"X-Trace", "1"}, {"Authorization", "Bearer t"}};
        request.credentials = credentials;
        ManualClock clock;
        PreflightCache cache(profile, clock);
        return runFetch(
            request, profile, cache, [&](const OutgoingRequest &outgoing) -> std::optional<HttpResponse> {
                HttpResponse response;
                response.status = outgoing.kind == OutgoingRequest::Kind::Preflight ? 204 : 200;
                response.headers = outgoing.kind == OutgoingRequest::Kind::Preflight
                                       ? preflightHeaders
                                       : HeaderList{{"Access-Control-Allow-Origin", "https://app.example"}};
                return response;
            });
    }

    static const NegotiationRow *row(const QList<NegotiationRow> &rows, const QByteArray &item)
    {
        for (const NegotiationRow &r : rows) {
            if (r.item == item)
                return &r;
        }
        return nullptr;
    }

private slots:
    void everythingGrantedAgreesWithTheVerdict()
    {
        const Evaluation evaluation = evaluate(CredentialsMode::SameOrigin,
                                               {{"Access-Control-Allow-Origin", "https://app.example"},
                                                {"Access-Control-Allow-Methods", "PUT"},
                                                {"Access-Control-Allow-Headers", "X-Trace, Authorization"}});
        QVERIFY(evaluation.allowed());
        const QList<NegotiationRow> rows = PreflightNegotiation::fromEvaluation(evaluation);
        QCOMPARE(rows.size(), 4); // origin, method, authorization, x-trace
        for (const NegotiationRow &r : rows)
            QVERIFY2(r.allowed, r.item.constData());
        QCOMPARE(row(rows, "authorization")->reason, QStringLiteral("listed"));
    }

    void wildcardWithCredentialsIsDeniedLikeTheEvaluatorSays()
    {
        const Evaluation evaluation =
            evaluate(CredentialsMode::Include, {{"Access-Control-Allow-Origin", "https://app.example"},
                                                {"Access-Control-Allow-Credentials", "true"},
                                                {"Access-Control-Allow-Methods", "*"},
                                                {"Access-Control-Allow-Headers", "*"}});
        QVERIFY(!evaluation.allowed());
        const QList<NegotiationRow> rows = PreflightNegotiation::fromEvaluation(evaluation);
        QVERIFY(row(rows, "Access-Control-Allow-Credentials")->allowed);
        QVERIFY(!row(rows, "PUT")->allowed);
        QVERIFY(!row(rows, "x-trace")->allowed);
    }

    void authorizationByWildcardIsABrowserDeparture()
    {
        const Evaluation evaluation =
            evaluate(CredentialsMode::SameOrigin, {{"Access-Control-Allow-Origin", "*"},
                                                   {"Access-Control-Allow-Methods", "PUT"},
                                                   {"Access-Control-Allow-Headers", "*"}});
        QVERIFY(evaluation.allowed());
        const QList<NegotiationRow> rows = PreflightNegotiation::fromEvaluation(evaluation);
        const NegotiationRow *authorization = row(rows, "authorization");
        QVERIFY(authorization && authorization->allowed);
        QVERIFY(authorization->reason.contains(QStringLiteral("spec")));
        QVERIFY(row(rows, "x-trace")->reason.contains(QStringLiteral("'*'")));
    }

    void duplicatedAllowOriginIsShownAsTheReason()
    {
        HeaderList answer{{"Access-Control-Allow-Origin", "https://app.example"},
                          {"Access-Control-Allow-Origin", "https://app.example"},
                          {"Access-Control-Allow-Methods", "PUT"},
                          {"Access-Control-Allow-Headers", "x-trace, authorization"}};
        const Evaluation evaluation = evaluate(CredentialsMode::SameOrigin, answer);
        QVERIFY(!evaluation.allowed());
        // The rows must outlive the pointer into them (valgrind caught a read of the freed list).
        const QList<NegotiationRow> rows = PreflightNegotiation::fromEvaluation(evaluation);
        const NegotiationRow *origin = row(rows, "Access-Control-Allow-Origin");
        QVERIFY(origin && !origin->allowed);
        QVERIFY(origin->reason.contains(QStringLiteral("2 times")));
    }

    void noPreflightNoRows()
    {
        FetchRequest request;
        request.url = QUrl(QStringLiteral("https://api.example/items"));
        request.origin = Origin::parse(QStringLiteral("https://app.example"));
        ManualClock clock;
        PreflightCache cache(BrowserProfile::firefox(), clock);
        const Evaluation simple =
            runFetch(request, BrowserProfile::firefox(), cache,
                     [](const OutgoingRequest &) -> std::optional<HttpResponse> { return HttpResponse{}; });
        QVERIFY(PreflightNegotiation::fromEvaluation(simple).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPreflightNegotiation)
#include "tst_preflightnegotiation.moc"
