<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Corscope::AboutDialog</name>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="22"/>
        <source>About Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="25"/>
        <source>&lt;h2&gt;Corscope %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="26"/>
        <source>Explains why a browser allows or blocks a cross-origin request, exactly as Chromium and Firefox decide, and how to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="38"/>
        <source>Qt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="39"/>
        <source>QScintilla:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="40"/>
        <source>libcurl:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="41"/>
        <source>OpenSSL:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CliApplication</name>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="28"/>
        <source>Usage: corscope-cli COMMAND [OPTIONS]
       corscope-cli --help | --version

Explains, exactly as Chromium or Firefox would decide, why a cross-origin request
is allowed or blocked by CORS.

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="32"/>
        <source>Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="35"/>
        <source>
Options:
  -h, --help     Show this help, or a command&apos;s help with COMMAND --help.
  -v, --version  Show the version.

Exit status: 0 when every request is allowed, 1 when any is blocked,
2 for usage errors and unreadable input.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="70"/>
        <source>corscope-cli: unknown option &apos;%1&apos;; see &apos;corscope-cli --help&apos;
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="75"/>
        <source>corscope-cli: unknown command &apos;%1&apos;; see &apos;corscope-cli --help&apos;
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="25"/>
        <source>Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="36"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="38"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="41"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="43"/>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="48"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="50"/>
        <source>&amp;About Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="51"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
