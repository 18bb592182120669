#pragma once

#include "playground/corspolicy.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Corscope {

// Edits a CorsPolicy with the words server admins use. Every edit emits policyEdited() with the
// whole policy, so the owner can apply it live.
class CorsPolicyForm : public QWidget {
    Q_OBJECT

public:
    explicit CorsPolicyForm(QWidget *parent = nullptr);

    CorsPolicy policy() const;
    // Shows a policy without emitting policyEdited().
    void setPolicy(const CorsPolicy &policy);

signals:
    void policyEdited(const Corscope::CorsPolicy &policy);

private:
    void emitEdited();
    void updateEnabledFields();

    QComboBox *m_originRule;
    QLineEdit *m_origins;
    QLineEdit *m_methods;
    QLineEdit *m_headers;
    QCheckBox *m_credentials;
    QCheckBox *m_hasMaxAge;
    QSpinBox *m_maxAge;
    QLineEdit *m_exposed;
    QCheckBox *m_vary;
    QSpinBox *m_preflightStatus;
    QSpinBox *m_actualStatus;
    QSpinBox *m_sharedCache;
    QPlainTextEdit *m_extraHeaders;
    bool m_settingPolicy = false;
};

} // namespace Corscope
