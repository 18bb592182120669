#pragma once

#include "har/harredaction.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace Corscope {

// Asked before a HAR export: is it to be shared? A shared export (the default, as Chrome's
// DevTools export sanitized by default) leaves out cookie values, credentials, the values of the
// listed query parameters and of the listed headers; a private one keeps everything. Either way
// the file is written readable by its owner only.
class HarExportDialog : public QDialog {
    Q_OBJECT

public:
    explicit HarExportDialog(QWidget *parent = nullptr);

    // What the options say; empty (nothing redacted) for a private export.
    HarRedaction redaction() const;
    // Shows a previous choice: empty means a private export.
    void setRedaction(const HarRedaction &redaction);
    // Why the options cannot be used (a header the verdict depends on), or empty; OK is disabled
    // while it is not empty.
    QString problem() const;

private:
    void updateState();

    QCheckBox *m_shared;
    QGroupBox *m_options;
    QCheckBox *m_cookies;
    QCheckBox *m_authorization;
    QCheckBox *m_query;
    QLineEdit *m_queryNames;
    QLineEdit *m_headerNames;
    QCheckBox *m_bodies;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace Corscope
