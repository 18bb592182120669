#pragma once

#include "cors/evaluation.h"
#include "cors/preflightgrant.h"

#include <QCoreApplication>

namespace Corscope {

// One line of "what the preflight asked for vs what the server allowed".
struct NegotiationRow {
    enum class Kind { Origin, Credentials, Method, Header };
    Kind kind = Kind::Header;
    QByteArray item;    // the method or header name; the header name for Origin/Credentials rows
    QByteArray asked;   // what the browser's preflight carried
    QByteArray granted; // what the preflight response answered, as sent ("(absent)" is empty)
    bool allowed = false;
    QString reason; // why, in a few words
};

// The preflight of one evaluation as a negotiation: each thing the browser asked for, beside
// what the server's answer grants. Empty when no preflight went on the wire.
class PreflightNegotiation {
    Q_DECLARE_TR_FUNCTIONS(Corscope::PreflightNegotiation)

public:
    static QList<NegotiationRow> fromEvaluation(const Evaluation &evaluation);
};

} // namespace Corscope
