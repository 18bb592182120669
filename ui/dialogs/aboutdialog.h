#pragma once

#include <QDialog>

class QLabel;

namespace Corscope {

// Names the versions of Qt, QScintilla and libcurl actually linked, because "which libcurl?"
// is the first question on any bug report about sending requests.
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QString qtVersionText() const;
    QString qscintillaVersionText() const;
    QString curlVersionText() const;

private:
    QLabel *m_qtVersion;
    QLabel *m_qscintillaVersion;
    QLabel *m_curlVersion;
};

} // namespace Corscope
