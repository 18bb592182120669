#pragma once

#include "cors/evaluation.h"
#include "fix/fixadvisor.h"

#include <QJsonObject>

namespace Corscope {

class JsonTextWriter;

// The evaluation value as JSON: the contract of `corscope-cli … --format json` (one object per
// fetch). Fields are only ever added, never renamed. The layout lives once, in write() and
// writeFix(); toJson()/fixToJson() parse what they write, for callers that edit the object.
class EvaluationJson {
public:
    // Writes the evaluation object's members into the writer's open object, so a caller can add
    // members of its own ("fix", "harEntry") before closing it.
    static void writeMembers(JsonTextWriter &writer, const Evaluation &evaluation);
    static void write(JsonTextWriter &writer, const Evaluation &evaluation);
    // The plan, and the snippets of these servers (every server when empty): "snippets" maps a
    // server id to its config contexts, each holding the fragment pasted there.
    static void writeFix(JsonTextWriter &writer, const FixPlan &plan, const QStringList &servers = {});
    static void writePolicy(JsonTextWriter &writer, const FixPolicy &policy);

    static QJsonObject toJson(const Evaluation &evaluation);
    static QJsonObject fixToJson(const FixPlan &plan, const QStringList &servers = {});
};

} // namespace Corscope
