#include "widgets/rewriteruleeditor.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

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
    for (QPlainTextEdit *edit : {m_set, m_add, m_remove}) {
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
