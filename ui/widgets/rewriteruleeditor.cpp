#include "widgets/rewriteruleeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace Corscope {

RewriteRuleEditor::RewriteRuleEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_path(new QLineEdit(this))
    , m_method(new QLineEdit(this))
    , m_set(new QPlainTextEdit(this))
    , m_add(new QPlainTextEdit(this))
    , m_remove(new QPlainTextEdit(this))
    , m_answerLocally(new QCheckBox(tr("Answer here instead of the server"), this))
    , m_answers(new QComboBox(this))
    , m_status(new QSpinBox(this))
    , m_answerHeaders(new QPlainTextEdit(this))
    , m_answerBody(new QLineEdit(this))
{
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_host->setObjectName(QStringLiteral("ruleHost"));
    m_host->setPlaceholderText(tr("any host — or api.example, *.example.com"));
    m_path->setObjectName(QStringLiteral("rulePath"));
    m_path->setPlaceholderText(tr("any path — or /v1/users, /v1/* for a prefix"));
    m_method->setObjectName(QStringLiteral("ruleMethod"));
    m_method->setPlaceholderText(tr("any method — or PUT, OPTIONS (case-sensitive)"));
    m_set->setObjectName(QStringLiteral("ruleSet"));
    m_set->setPlaceholderText(tr("Access-Control-Allow-Origin: https://app.example"));
    m_set->setToolTip(tr("Replace every header of the name, one \"Name: value\" per line"));
    m_add->setObjectName(QStringLiteral("ruleAdd"));
    m_add->setPlaceholderText(tr("Vary: Origin"));
    m_add->setToolTip(tr("Append these headers, one \"Name: value\" per line"));
    m_remove->setObjectName(QStringLiteral("ruleRemove"));
    m_remove->setPlaceholderText(tr("X-Powered-By"));
    m_remove->setToolTip(tr("Remove every header of these names, one per line"));
    m_answerLocally->setObjectName(QStringLiteral("ruleAnswerLocally"));
    m_answerLocally->setToolTip(tr("The proxy sends this response itself and never contacts the server: "
                                   "try a preflight answer a gateway cannot give yet"));
    m_answers->setObjectName(QStringLiteral("ruleAnswers"));
    m_answers->addItem(tr("CORS preflights only"), int(LocalResponse::Answers::Preflights));
    m_answers->addItem(tr("every matching request"), int(LocalResponse::Answers::AllRequests));
    m_status->setObjectName(QStringLiteral("ruleAnswerStatus"));
    m_status->setRange(100, 599);
    m_status->setValue(204);
    m_answerHeaders->setObjectName(QStringLiteral("ruleAnswerHeaders"));
    m_answerHeaders->setPlaceholderText(
        tr("Access-Control-Allow-Origin: https://app.example\nAccess-Control-Allow-Methods: PUT"));
    m_answerBody->setObjectName(QStringLiteral("ruleAnswerBody"));
    m_answerBody->setPlaceholderText(tr("no body"));
    connect(m_answerLocally, &QCheckBox::toggled, this, [this] {
        updateLocalAnswerFields();
        onEdited();
    });
    connect(m_answers, &QComboBox::currentIndexChanged, this, &RewriteRuleEditor::onEdited);
    connect(m_status, &QSpinBox::valueChanged, this, &RewriteRuleEditor::onEdited);
    connect(m_answerBody, &QLineEdit::textEdited, this, &RewriteRuleEditor::onEdited);
    for (QPlainTextEdit *edit : {m_set, m_add, m_remove, m_answerHeaders}) {
        edit->setTabChangesFocus(true);
        edit->setMaximumHeight(fontMetrics().height() * 5);
        connect(edit, &QPlainTextEdit::textChanged, this, &RewriteRuleEditor::onEdited);
    }
    for (QLineEdit *edit : {m_name, m_host, m_path, m_method})
        connect(edit, &QLineEdit::textEdited, this, &RewriteRuleEditor::onEdited);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Path:"), m_path);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&Set headers:"), m_set);
    form->addRow(tr("A&dd headers:"), m_add);
    form->addRow(tr("&Remove headers:"), m_remove);
    form->addRow(QString(), m_answerLocally);
    form->addRow(tr("Ans&wers:"), m_answers);
    form->addRow(tr("S&tatus:"), m_status);
    form->addRow(tr("Response &headers:"), m_answerHeaders);
    form->addRow(tr("Response &body:"), m_answerBody);
    updateLocalAnswerFields();
}

void RewriteRuleEditor::updateLocalAnswerFields()
{
    for (QWidget *field : std::initializer_list<QWidget *>{m_answers, m_status, m_answerHeaders, m_answerBody})
        field->setEnabled(m_answerLocally->isChecked());
}

void RewriteRuleEditor::setRule(const RewriteRule &rule)
{
    // Loading is not editing: the fields' change signals must not echo the rule back.
    m_loading = true;
    m_name->setText(rule.name);
    m_host->setText(rule.host);
    m_path->setText(rule.path);
    m_method->setText(QString::fromLatin1(rule.method));
    m_set->setPlainText(headerLines(rule.set));
    m_add->setPlainText(headerLines(rule.add));
    QStringList removed;
    for (const QByteArray &name : rule.remove)
        removed << QString::fromLatin1(name);
    m_remove->setPlainText(removed.join(u'\n'));
    const LocalResponse answer = rule.respond.value_or(LocalResponse{});
    m_answerLocally->setChecked(rule.respond.has_value());
    m_answers->setCurrentIndex(m_answers->findData(int(answer.answers)));
    m_status->setValue(answer.status);
    m_answerHeaders->setPlainText(headerLines(answer.headers));
    m_answerBody->setText(QString::fromUtf8(answer.body));
    updateLocalAnswerFields();
    m_loading = false;
}

RewriteRule RewriteRuleEditor::rule() const
{
    RewriteRule rule;
    rule.name = m_name->text().trimmed();
    rule.host = m_host->text().trimmed();
    rule.path = m_path->text().trimmed();
    rule.method = m_method->text().trimmed().toLatin1();
    rule.set = parseHeaderLines(m_set->toPlainText());
    rule.add = parseHeaderLines(m_add->toPlainText());
    for (const QString &line : m_remove->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            rule.remove.append(line.trimmed().toLatin1());
    }
    if (m_answerLocally->isChecked()) {
        LocalResponse answer;
        answer.answers = LocalResponse::Answers(m_answers->currentData().toInt());
        answer.status = m_status->value();
        answer.headers = parseHeaderLines(m_answerHeaders->toPlainText());
        answer.body = m_answerBody->text().toUtf8();
        rule.respond = answer;
    }
    return rule;
}

HeaderList RewriteRuleEditor::parseHeaderLines(const QString &text)
{
    HeaderList headers;
    for (const QString &line : text.split(u'\n')) {
        const qsizetype colon = line.indexOf(u':');
        const QString name = line.left(colon).trimmed();
        if (colon <= 0 || name.isEmpty())
            continue;
        headers.append(name.toLatin1(), line.mid(colon + 1).trimmed().toLatin1());
    }
    return headers;
}

QString RewriteRuleEditor::headerLines(const HeaderList &headers)
{
    QStringList lines;
    for (const Header &header : headers)
        lines << QString::fromLatin1(header.name + ": " + header.value);
    return lines.join(u'\n');
}

void RewriteRuleEditor::onEdited()
{
    if (!m_loading)
        emit ruleEdited(rule());
}

} // namespace Corscope
