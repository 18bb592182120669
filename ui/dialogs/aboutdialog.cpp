#include "dialogs/aboutdialog.h"

#include "app/buildinfo.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <Qsci/qsciglobal.h>

namespace Corscope {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_qtVersion(new QLabel(BuildInfo::qtRuntimeVersion(), this))
    , m_qscintillaVersion(new QLabel(QStringLiteral(QSCINTILLA_VERSION_STR), this))
    , m_curlVersion(new QLabel(
          QStringLiteral("%1 (%2)").arg(BuildInfo::curlRuntimeVersion(), BuildInfo::curlSslBackend()), this))
{
    setWindowTitle(tr("About Corscope"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *title = new QLabel(tr("<h2>Corscope %1</h2>").arg(BuildInfo::corscopeVersion()), this);
    auto *blurb = new QLabel(tr("Explains why a browser allows or blocks a cross-origin request, exactly as "
                                "Chromium and Firefox decide, and how to fix it."),
                             this);
    blurb->setWordWrap(true);

    m_qtVersion->setObjectName(QStringLiteral("qtVersion"));
    m_qscintillaVersion->setObjectName(QStringLiteral("qscintillaVersion"));
    m_curlVersion->setObjectName(QStringLiteral("curlVersion"));
    for (QLabel *label : {m_qtVersion, m_qscintillaVersion, m_curlVersion})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *versions = new QFormLayout;
    versions->addRow(tr("Qt:"), m_qtVersion);
    versions->addRow(tr("QScintilla:"), m_qscintillaVersion);
    versions->addRow(tr("libcurl:"), m_curlVersion);
    versions->addRow(tr("OpenSSL:"), new QLabel(BuildInfo::openSslRuntimeVersion(), this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(blurb);
    layout->addLayout(versions);
    layout->addWidget(buttons);
}

QString AboutDialog::qtVersionText() const
{
    return m_qtVersion->text();
}
QString AboutDialog::qscintillaVersionText() const
{
    return m_qscintillaVersion->text();
}
QString AboutDialog::curlVersionText() const
{
    return m_curlVersion->text();
}

} // namespace Corscope
