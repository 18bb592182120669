#include "firstpaintprobe.h"
#include "mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Corscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/corscope.svg")));
    QApplication::setOrganizationName(QStringLiteral("Corscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Corscope"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("corscope"), QStringLiteral("_"),
                        QStringLiteral(":/translations")))
        QApplication::installTranslator(&translator);

    QSettings settings;
    Corscope::MainWindow window(settings);
    FirstPaintProbe probe;
    if (qEnvironmentVariableIsSet("CORSCOPE_EXIT_AFTER_FIRST_PAINT"))
        window.installEventFilter(&probe);
    window.show();
    return QApplication::exec();
}
