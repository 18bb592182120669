<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Corscope::AboutDialog</name>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="20"/>
        <source>About Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="23"/>
        <source>&lt;h2&gt;Corscope %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="24"/>
        <source>Explains why a browser allows or blocks a cross-origin request, exactly as Chromium and Firefox decide, and how to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="36"/>
        <source>Qt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="37"/>
        <source>QScintilla:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="38"/>
        <source>libcurl:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/aboutdialog.cpp" line="39"/>
        <source>OpenSSL:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::BrowserProfile</name>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="31"/>
        <location filename="../core/cors/browserprofile.cpp" line="75"/>
        <source>Authorization and Access-Control-Allow-Headers: *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="32"/>
        <source>Chromium lets &apos;*&apos; cover Authorization; the Fetch Standard says it never does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="34"/>
        <source>Client hints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="35"/>
        <source>DPR, Save-Data, Width, Viewport-Width and Device-Memory are sent without a preflight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="38"/>
        <location filename="../core/cors/browserprofile.cpp" line="80"/>
        <source>Preflight cache lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="39"/>
        <source>Access-Control-Max-Age is capped at 7200 s; a negative value caches nothing, an unparsable one caches for 5 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="67"/>
        <source>Preflights after a redirect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="68"/>
        <source>When a preflighted request is redirected, Firefox preflights the new URL too, even for a GET, and sends that preflight with the page&apos;s origin rather than null.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="72"/>
        <source>Access-Control-Request-Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="73"/>
        <source>A header the page appended twice is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="76"/>
        <source>Firefox lets &apos;*&apos; cover Authorization (pref network.cors_preflight.authorization_covered_by_wildcard) and only warns; the Fetch Standard and Chromium block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/browserprofile.cpp" line="81"/>
        <source>Access-Control-Max-Age is capped at 86400 s; a value that is not all digits caches nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::BrowserVerifier</name>
    <message>
        <location filename="../core/verify/browserverifier.cpp" line="48"/>
        <source>Chromium did not report within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/verify/browserverifier.cpp" line="122"/>
        <source>Chromium could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/verify/browserverifier.cpp" line="125"/>
        <source>Chromium exited (code %1) before the page reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/verify/browserverifier.cpp" line="135"/>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CertificateAuthority</name>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="105"/>
        <source>%1 holds only half of the Corscope CA; remove what is left to create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="113"/>
        <source>Cannot read the Corscope CA in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="125"/>
        <source>The Corscope CA in %1 is damaged or its key does not match its certificate; it was left untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="134"/>
        <source>Cannot create %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="163"/>
        <source>OpenSSL could not create the Corscope CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="170"/>
        <source>Cannot write the Corscope CA to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="181"/>
        <source>OpenSSL could not create the leaf key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/certificateauthority.cpp" line="216"/>
        <source>OpenSSL could not mint a certificate for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CheckCommand</name>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="81"/>
        <source> (reused connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="111"/>
        <source>Send a request to a real server exactly as the browser would (preflight first) and report its verdict, console message and fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="121"/>
        <source>Send the same request to two URLs (origin server and CDN, say) and show both verdicts and the response header diff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="141"/>
        <source>!! INSECURE: TLS certificates are NOT verified for these requests !!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="143"/>
        <source>note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="177"/>
        <source>Fetch %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="179"/>
        <source>Timing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="190"/>
        <source>corscope-cli check: the server can&apos;t be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="255"/>
        <source>Response headers, A vs B:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="268"/>
        <source>(only in A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="272"/>
        <source>(only in B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkcommand.cpp" line="279"/>
        <source>corscope-cli compare: the server can&apos;t be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CheckOptionsParser</name>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="17"/>
        <source>Sends the same request, as the browser would, to two base URLs (say the origin server and the CDN in front of it) and shows both verdicts and how their response headers differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="20"/>
        <source>The first URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="21"/>
        <source>The second URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="24"/>
        <source>Sends a request to a real server exactly as the chosen browser would (preflight first) and reports what the browser decides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="27"/>
        <source>The URL the page fetches (optional with --curl).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="30"/>
        <source>The page&apos;s origin, e.g. https://app.example.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="33"/>
        <source>The method, exactly as the page writes it (default GET).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="35"/>
        <source>A request header the page sets; repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="38"/>
        <source>A string body, as fetch(url, {body}); without a Content-Type the browser sends text/plain;charset=UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="42"/>
        <source>omit, same-origin (default) or include.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="44"/>
        <source>cors (default), no-cors or same-origin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="46"/>
        <source>chromium (default) or firefox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="49"/>
        <source>Perform the same fetch() N times sharing one preflight cache (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="53"/>
        <source>Milliseconds between repeated fetches (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="57"/>
        <source>text (default), json (one object per fetch, JSON Lines) or junit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="61"/>
        <source>A command from DevTools&apos; &quot;Copy as cURL&quot;; other options override what it says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="64"/>
        <source>Trust the CA certificates in FILE (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="67"/>
        <source>Do not verify TLS certificates (reported loudly).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="69"/>
        <source>Send through this proxy, e.g. http://127.0.0.1:8080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="72"/>
        <source>Give up on an exchange after MS milliseconds (default 30000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="76"/>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="95"/>
        <source>--curl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="105"/>
        <source>expected URL_A and URL_B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="105"/>
        <source>expected one URL (or --curl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="111"/>
        <location filename="../core/cli/checkoptions.cpp" line="118"/>
        <source>&apos;%1&apos; is not an absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="126"/>
        <source>--origin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="130"/>
        <source>--origin is required: the origin of the page that makes the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="138"/>
        <source>-H &apos;%1&apos;: expected &apos;Name: value&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="150"/>
        <source>--credentials must be omit, same-origin or include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="157"/>
        <source>--mode must be cors, no-cors or same-origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="163"/>
        <source>--browser must be chromium or firefox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="169"/>
        <source>--repeat must be a number from 1 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="174"/>
        <source>--interval-ms must be a number of milliseconds, 0 to 3600000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="179"/>
        <source>--timeout-ms must be a positive number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/checkoptions.cpp" line="190"/>
        <source>--format must be text, json or junit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CliApplication</name>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="31"/>
        <source>Usage: corscope-cli COMMAND [OPTIONS]
       corscope-cli --help | --version

Explains, exactly as Chromium or Firefox would decide, why a cross-origin request
is allowed or blocked by CORS.

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="35"/>
        <source>Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="38"/>
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
        <location filename="../core/cli/cliapplication.cpp" line="73"/>
        <source>corscope-cli: unknown option &apos;%1&apos;; see &apos;corscope-cli --help&apos;
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/cliapplication.cpp" line="78"/>
        <source>corscope-cli: unknown command &apos;%1&apos;; see &apos;corscope-cli --help&apos;
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CorsPolicy</name>
    <message>
        <location filename="../core/playground/corspolicy.cpp" line="30"/>
        <location filename="../core/playground/corspolicy.cpp" line="37"/>
        <source>&quot;%1&quot; must be an array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/corspolicy.cpp" line="65"/>
        <source>&quot;%1&quot; must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/corspolicy.cpp" line="81"/>
        <source>&quot;%1&quot; must be a whole number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/corspolicy.cpp" line="180"/>
        <source>&quot;originRule&quot; must be &quot;allow-list&quot;, &quot;wildcard&quot; or &quot;reflect&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/corspolicy.cpp" line="206"/>
        <source>&quot;extraHeaders&quot; must be an array of [name, value] pairs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CorsPolicyForm</name>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="45"/>
        <location filename="../ui/widgets/corspolicyform.cpp" line="74"/>
        <source>Allow credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="46"/>
        <source>Max-Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="49"/>
        <location filename="../ui/widgets/corspolicyform.cpp" line="88"/>
        <source>Send Vary: Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="55"/>
        <source>Allow-list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="56"/>
        <source>Any origin (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="57"/>
        <source>Reflect any origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="59"/>
        <source>Origin rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="60"/>
        <source>How the server chooses Access-Control-Allow-Origin: the request&apos;s Origin if listed, always &quot;*&quot;, or whatever Origin arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="63"/>
        <source>Allowed origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="64"/>
        <source>Comma-separated origins answered with their own Access-Control-Allow-Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="65"/>
        <source>none: no Access-Control-Allow-Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="67"/>
        <source>Allowed methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="68"/>
        <source>Access-Control-Allow-Methods on the preflight answer; empty sends none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="70"/>
        <source>Allowed headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="71"/>
        <source>Access-Control-Allow-Headers on the preflight answer; &quot;*&quot; allows any header except Authorization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="75"/>
        <source>Send Access-Control-Allow-Credentials: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="77"/>
        <source>Send Max-Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="78"/>
        <source>Send Access-Control-Max-Age: how long browsers may cache the preflight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="81"/>
        <location filename="../ui/widgets/corspolicyform.cpp" line="98"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="82"/>
        <source>Max-Age in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="83"/>
        <source>Access-Control-Max-Age in seconds (Chromium caps it at 7200)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="85"/>
        <source>Exposed headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="86"/>
        <source>Access-Control-Expose-Headers: response headers the page may read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="89"/>
        <source>Tell caches that the answer depends on the request&apos;s Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="91"/>
        <source>Preflight status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="92"/>
        <source>The status of the answer to OPTIONS preflights; browsers need 2xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="94"/>
        <source>Response status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="95"/>
        <source>The status of the answer to the request itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="99"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="100"/>
        <source>CDN cache time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="101"/>
        <source>A shared cache (CDN) in front of the API keeps GET answers this long; it tells origins apart only when the answer sends Vary: Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="104"/>
        <source>Extra response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="105"/>
        <source>Raw headers added to every answer, one &quot;Name: value&quot; per line, e.g. a proxy&apos;s own CORS headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="107"/>
        <source>Name: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="120"/>
        <source>Allow-Origin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="121"/>
        <source>Origins:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="122"/>
        <source>Methods:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="123"/>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="125"/>
        <source>Preflight cache:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="126"/>
        <source>Expose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="128"/>
        <source>Status (OPTIONS, request):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="129"/>
        <source>CDN cache:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/corspolicyform.cpp" line="130"/>
        <source>Extra headers:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CorsSafelist</name>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="361"/>
        <source>CORS-safelisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="363"/>
        <source>not a CORS-safelisted header name (only Accept, Accept-Language, Content-Language, Content-Type and Range are)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="366"/>
        <source>its value is longer than 128 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="368"/>
        <source>its value contains a CORS-unsafe byte (a control character or one of &quot;():&lt;&gt;?@[\]{})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="370"/>
        <source>its value contains a byte other than 0-9 A-Z a-z space * , - . ; =</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="372"/>
        <source>its value is not a parsable MIME type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="374"/>
        <source>its MIME type is not application/x-www-form-urlencoded, multipart/form-data or text/plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="377"/>
        <source>its value is not a single range of the form bytes=start-[end]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/corssafelist.cpp" line="379"/>
        <source>the safelisted header values together exceed 1024 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CurlCommand</name>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="105"/>
        <source>Only the first command was read: everything from offset %1 on was ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="136"/>
        <source>the command ends with a line continuation &apos;\&apos; and nothing after it: was the copy cut short?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="162"/>
        <source>unterminated single quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="242"/>
        <source>The shell would expand %1; it was read literally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="271"/>
        <location filename="../core/sender/curlcommand.cpp" line="536"/>
        <source>unterminated double quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="372"/>
        <source>unterminated $&apos;…&apos; string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="440"/>
        <source>the command ends with a line continuation &apos;^&apos; and nothing after it: was the copy cut short?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="749"/>
        <source>the command is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="762"/>
        <source>this is not a curl command: it starts with &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="782"/>
        <source>Ignored the unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="792"/>
        <source>the option %1 needs an argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="800"/>
        <source>Ignored the unknown option -%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="819"/>
        <source>the option -%1 needs an argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="837"/>
        <source>Only the first URL is read; %1 was ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="888"/>
        <source>-F builds a multipart/form-data body, which is not rebuilt: the request is a POST with that Content-Type and no body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="894"/>
        <source>-T uploads the file %1, which is not read: the request is a PUT with no body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="925"/>
        <source>no URL: a curl command names the address it requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="930"/>
        <source>The URL %1 has no scheme; read as http://%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="947"/>
        <source>&apos;%1&apos; is not a valid URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="952"/>
        <source>&apos;%1&apos; is not an http or https URL, the only ones fetch() and CORS apply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="966"/>
        <location filename="../core/sender/curlcommand.cpp" line="994"/>
        <source>The body is read from the file %1, which is not read: that part of the body is left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1011"/>
        <source>&apos;%1&apos; is not a valid HTTP method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1032"/>
        <source>Headers are read from the file %1, which is not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1047"/>
        <source>-H &apos;%1&apos; only stops curl from sending its own %2 header; ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1056"/>
        <source>&apos;%1&apos; is not a header: -H takes &apos;Name: value&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1063"/>
        <source>&apos;%1&apos; is not a valid header name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1069"/>
        <source>the value of the header %1 contains a line break or NUL, which HTTP does not allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1105"/>
        <source>-u %1 has no password, which curl would ask for; an empty one is assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1139"/>
        <source>-b %1 names a cookie file, which is not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1158"/>
        <source>This is the browser&apos;s preflight for a %1 request, not the page&apos;s request: copy the request that follows it instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1188"/>
        <source>Removed headers the browser adds itself, not the page: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1198"/>
        <source>the Origin header is not an origin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1200"/>
        <source>No Origin header: the page&apos;s origin is unknown, pass --origin to name it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1412"/>
        <source>offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curlcommand.cpp" line="1450"/>
        <source>Run in the console of a page on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::CurlTransfer</name>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="44"/>
        <source>libcurl could not create a transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="48"/>
        <source>libcurl refused the request options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="68"/>
        <source>the header &apos;%1&apos; is not a valid HTTP header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="77"/>
        <source>the method is not a valid HTTP method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="222"/>
        <source>the request could not be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="244"/>
        <source>the response headers from %1 are larger than %2 KiB; the exchange was abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="258"/>
        <source>%1 sent no valid HTTP status line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="286"/>
        <source>DNS lookup failed: the host name %1 does not resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="289"/>
        <source>DNS lookup failed for the proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="294"/>
        <source>could not connect to the proxy %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="297"/>
        <source>connection refused by %1: nothing is listening on that port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="300"/>
        <source>could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="310"/>
        <source>timed out: %1 accepted the connection but did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="312"/>
        <source>timed out connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="321"/>
        <source>TLS certificate problem with %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="330"/>
        <source>TLS handshake with %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="337"/>
        <source>%1 closed the connection before a complete response: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="346"/>
        <location filename="../core/sender/curltransfer.cpp" line="356"/>
        <source>%1 did not answer with valid HTTP: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="355"/>
        <source>%1 did not answer with valid HTTP: the reply has no HTTP status line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="359"/>
        <source>the scheme &apos;%1&apos; cannot be sent; only http and https can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="365"/>
        <source>a response header line from %1 is larger than libcurl accepts (100 KiB); the exchange was abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="370"/>
        <source>out of memory while talking to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/curltransfer.cpp" line="375"/>
        <location filename="../core/sender/curltransfer.cpp" line="378"/>
        <source>the request to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::DemoApiServer</name>
    <message>
        <location filename="../core/playground/demoapiserver.cpp" line="110"/>
        <source>The demo API cannot listen on 127.0.0.1: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ExplainCommand</name>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="20"/>
        <source>Explain offline, step by step, a JSON scenario (a request and the responses it got) or every cross-origin request of a HAR file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="29"/>
        <source>Explains, without network, what the browser decides for a scenario: a fetch() and the responses the server gave (see resources/scenarios).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="33"/>
        <source>A scenario (JSON) or a HAR capture (every cross-origin request in it is explained); - reads standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="35"/>
        <source>chromium (default) or firefox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="38"/>
        <source>text (default) or json (JSON Lines, one object per fetch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="41"/>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="45"/>
        <source>With text output, print server configuration snippets for the fix (nginx, Apache, Express, Spring, ASP.NET Core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="59"/>
        <source>corscope-cli explain: expected exactly one FILE
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="64"/>
        <source>corscope-cli explain: unknown browser &apos;%1&apos; (chromium or firefox)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="70"/>
        <source>corscope-cli explain: unknown format &apos;%1&apos; (text or json)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="78"/>
        <source>corscope-cli explain: cannot read %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="93"/>
        <source>No cross-origin requests in %1.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="128"/>
        <source>HAR entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="130"/>
        <source>%1 — fetch %2 of %3 (after %4 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/explaincommand.cpp" line="136"/>
        <source>  (assumed: %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ExplanationView</name>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="34"/>
        <source>No server change can fix this: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="35"/>
        <source>&lt;b&gt;What would fix it&lt;/b&gt; (the smallest server change):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="42"/>
        <source>answer %1 with status %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="46"/>
        <source>on %1 send &lt;code&gt;%2: %3&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="71"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="74"/>
        <source>Explanation steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="77"/>
        <source>Step detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="80"/>
        <source>Browser console message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="82"/>
        <source>The browser prints no CORS message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="83"/>
        <source>Server configuration snippets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="98"/>
        <source>Zoom In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="100"/>
        <source>Zoom Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="102"/>
        <source>Fit Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="105"/>
        <source>Zoom out so Page, Browser and Server all show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="107"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="108"/>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="110"/>
        <source>Export PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="110"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="114"/>
        <source>Export SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="116"/>
        <source>Export SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="116"/>
        <source>SVG images (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="129"/>
        <source>Raw requests and responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="132"/>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="133"/>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="134"/>
        <source>Header diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="135"/>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="140"/>
        <source>Console message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="160"/>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="160"/>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="165"/>
        <source>(wording from the browser&apos;s source; not checked against the running browser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="176"/>
        <source>%1 configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="213"/>
        <source>Fix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/explanationview.cpp" line="217"/>
        <source>Fetch Standard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FetchSimulation</name>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="93"/>
        <source>Method is valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="94"/>
        <source>&apos;%1&apos; is not a valid HTTP method (a token): fetch() throws a TypeError before any request is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="97"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="111"/>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="101"/>
        <source>TypeError: invalid method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="107"/>
        <source>Method is allowed in fetch()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="108"/>
        <source>%1 is a forbidden method (CONNECT, TRACE and TRACK are): fetch() throws a TypeError before any request is sent, whatever the server says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="113"/>
        <source>Use another method; browsers never send %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="119"/>
        <source>TypeError: forbidden method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="126"/>
        <source>fetch() normalizes &apos;%1&apos; to &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="129"/>
        <source>&apos;%1&apos; is sent exactly as written: fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT, and methods are case-sensitive, so a server allowing &apos;%2&apos; does not allow &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="134"/>
        <source>The method is sent as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="136"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="136"/>
        <source>written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="136"/>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="143"/>
        <source>Method is allowed in no-cors mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="144"/>
        <source>In mode &apos;no-cors&apos; only GET, HEAD and POST are allowed; fetch() throws a TypeError for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="147"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="284"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="307"/>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="149"/>
        <source>Use mode &apos;cors&apos; and let the server allow the method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="155"/>
        <source>TypeError: method not allowed in no-cors mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="169"/>
        <source>%1 (a forbidden request header: only the browser sets it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="175"/>
        <source>%1 (not allowed on a no-cors request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="184"/>
        <source>Headers the browser drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="185"/>
        <source>The browser silently drops: %1. The server never sees them, and they play no part in the CORS decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="200"/>
        <source>Body is allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="201"/>
        <source>A %1 request cannot have a body: fetch() throws a TypeError.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="206"/>
        <source>TypeError: GET/HEAD with a body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="217"/>
        <source>Content-Type of a string body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="218"/>
        <source>The body is a string and the page set no Content-Type, so the browser sends Content-Type: text/plain;charset=UTF-8 (a CORS-safelisted value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="265"/>
        <source>Same origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="266"/>
        <source>%1 has the page&apos;s own origin %2: CORS does not apply, the page may read the whole response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="269"/>
        <source>page origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="269"/>
        <source>URL origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="280"/>
        <source>Request mode allows cross-origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="281"/>
        <source>The request&apos;s mode is &apos;same-origin&apos; but %1 is cross-origin to %2: the browser refuses without sending anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="286"/>
        <source>Use mode &apos;cors&apos; (the fetch() default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="292"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="297"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="315"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="501"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="711"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="718"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="737"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="770"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="789"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="850"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="921"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="986"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="993"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="1016"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="1020"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="1042"/>
        <source>TypeError: network error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="304"/>
        <source>no-cors request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="305"/>
        <source>Mode &apos;no-cors&apos;: the browser sends the request without a CORS check and hands the page an opaque response — status 0, no headers, no body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="323"/>
        <source>%1 is cross-origin to the page&apos;s origin %2: the browser applies CORS and sends Origin: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="327"/>
        <source>A redirect crossed from one origin to another, so the browser now sends the origin as &apos;null&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="330"/>
        <source>Cross-origin request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="332"/>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="332"/>
        <source>credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="352"/>
        <source>No preflight: %1 is a CORS-safelisted method and every header is CORS-safelisted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="355"/>
        <source>%1 preflights again after a redirect because the original request needed a preflight, although this request alone would not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="361"/>
        <source>A preflight is needed because %1 is not a CORS-safelisted method (GET, HEAD, POST).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="365"/>
        <source>A preflight is needed because the header %1 is not CORS-safelisted: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="370"/>
        <source>Preflight decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="386"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="414"/>
        <source>Preflight cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="387"/>
        <source>A cached preflight result for %1 from %2 covers this request, so no preflight is sent. It was stored %3 s ago and lives %4 s more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="403"/>
        <source>No fresh cached preflight result for this origin and URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="406"/>
        <source>The cached result came from an uncredentialed preflight; it cannot serve a request with credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="409"/>
        <source>A cached result exists but does not cover the method %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="412"/>
        <source>A cached result exists but does not cover the header %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="444"/>
        <source>Preflight request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="445"/>
        <source>The browser first sends OPTIONS %1 without cookies or credentials, asking whether %2 with these headers is allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="493"/>
        <source>Server reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="494"/>
        <source>The request failed before any response: %1. To the page this is a network error (fetch() rejects with a TypeError), not a CORS decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="593"/>
        <source>preflight response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="593"/>
        <source>response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="595"/>
        <source>Origin sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="596"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="599"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="665"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="844"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="915"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="965"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="1161"/>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="673"/>
        <source>Access-Control-Allow-Origin on the %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="605"/>
        <source>The %1 allows the origin %2 with credentials (Access-Control-Allow-Credentials: true).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="609"/>
        <source>The %1 allows the origin %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="612"/>
        <source>The %1 (status %2) has no Access-Control-Allow-Origin header, so the browser blocks it. Often the server&apos;s CORS handling does not run for this path, method or status (an error page, a proxy or CDN answering, or middleware registered after the route).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="619"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="647"/>
        <source>Send Access-Control-Allow-Origin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="623"/>
        <source>Access-Control-Allow-Origin must hold exactly one origin, but the %1 carries &apos;%2&apos; (%3 header line(s)). Typically two layers (the app and a proxy or CDN) both add the header, or the server lists several origins instead of echoing the matching one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="633"/>
        <source>Send one Access-Control-Allow-Origin: %1, from one layer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="639"/>
        <source>The %1 allows &apos;%2&apos;, which is not the exact origin %3. The comparison is byte for byte: scheme, host and port must match, with no path or trailing slash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="645"/>
        <source>After a cross-origin redirect the browser sends Origin: null, so the server must answer null or *.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="651"/>
        <source>The %1 allows any origin with &apos;*&apos;, but the request&apos;s credentials mode is &apos;include&apos;: with credentials the server must name the origin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="657"/>
        <source>Send Access-Control-Allow-Origin: %1 (echo the allowed origin, with Vary: Origin) and Access-Control-Allow-Credentials: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="663"/>
        <source>The origin matches, but the request includes credentials and the %1&apos;s Access-Control-Allow-Credentials is &apos;%2&apos;, not exactly &apos;true&apos; (lower-case).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="666"/>
        <source>Send Access-Control-Allow-Credentials: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="696"/>
        <source>Preflight is not redirected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="697"/>
        <source>The preflight was answered with a %1 redirect to %2. Browsers never follow a redirect for a preflight. Common causes: http→https, a missing or extra trailing slash, or a login redirect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="702"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="728"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="743"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="704"/>
        <source>Answer OPTIONS at the exact URL the page calls, with 204 and the CORS headers; or have the page call the final URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="723"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="741"/>
        <source>Preflight has an ok status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="724"/>
        <source>The preflight was answered with status %1; it must be 2xx. The server (or a gateway in front of it) does not handle OPTIONS for this URL, or requires authentication the preflight never carries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="730"/>
        <source>Answer OPTIONS with 204 No Content, without requiring authentication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="742"/>
        <source>The preflight was answered with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="758"/>
        <source>Access-Control-Allow-Methods parses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="759"/>
        <source>&apos;%1&apos; in Access-Control-Allow-Methods is not a valid method token: the whole preflight fails. Separate methods with commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="765"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="837"/>
        <source>Send Access-Control-Allow-Methods: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="777"/>
        <source>Access-Control-Allow-Headers parses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="778"/>
        <source>&apos;%1&apos; in Access-Control-Allow-Headers is not a valid header-name token: the whole preflight fails. Separate names with commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="784"/>
        <location filename="../core/cors/fetchsimulation.cpp" line="907"/>
        <source>Send Access-Control-Allow-Headers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="815"/>
        <source>%1 is CORS-safelisted: it needs no Access-Control-Allow-Methods entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="819"/>
        <source>%1 is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="820"/>
        <source>&apos;*&apos; allows any method because the request has no credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="822"/>
        <source>%1 is not in Access-Control-Allow-Methods.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="824"/>
        <source>&apos;*&apos; is only a wildcard without credentials; with credentials it means a method literally named &apos;*&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="831"/>
        <source>&apos;%1&apos; is listed, but methods compare case-sensitively.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="840"/>
        <source>Method %1 is allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="881"/>
        <source>Every request header is CORS-safelisted: Access-Control-Allow-Headers is not consulted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="884"/>
        <source>Every non-safelisted header (%1) is allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="887"/>
        <source>%1 lets &apos;*&apos; cover Authorization, but the Fetch Standard says it never does and browsers are moving to the spec: list authorization explicitly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="894"/>
        <source>The header %1 is not allowed by Access-Control-Allow-Headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="897"/>
        <source>&apos;*&apos; never covers Authorization: it must be listed by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="899"/>
        <source>&apos;*&apos; is only a wildcard without credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="910"/>
        <source>Request headers are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="939"/>
        <source>No Access-Control-Max-Age: %1 caches the result for the default %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="945"/>
        <source>The result is cached for %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="946"/>
        <source>Max-age 0: the result is not cached; every request is preflighted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="949"/>
        <source>%1 caps Access-Control-Max-Age at %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="952"/>
        <source>A negative max-age: %1 caches nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="955"/>
        <source>&apos;%1&apos; is not a number: %2 falls back to %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="958"/>
        <source>&apos;%1&apos; is not a number: %2 caches nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="963"/>
        <source>Preflight cache entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1029"/>
        <source>Redirect target has no user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1030"/>
        <source>The redirect to %1 carries credentials in the URL; browsers refuse such redirects for CORS requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1035"/>
        <source>Remove user:password@ from the Location header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1052"/>
        <source>the method becomes GET and the body and its headers are dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1057"/>
        <source>Authorization is removed because the redirect changes origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1065"/>
        <source>%1 redirects (%2) to %3; the browser follows it and runs every check again for the new URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1072"/>
        <source>Redirect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1137"/>
        <source>The page can read: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1138"/>
        <source>no headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1142"/>
        <source>Hidden from the page: %1. Only CORS-safelisted response headers and those named in Access-Control-Expose-Headers are readable; Set-Cookie never is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1153"/>
        <source>To let the page read them, send Access-Control-Expose-Headers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1157"/>
        <source>Response headers the page can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1170"/>
        <source>fetch() resolves with an opaque response: status 0, no readable headers or body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1173"/>
        <source>fetch() resolves; the page sees status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1174"/>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1197"/>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1198"/>
        <source>fetch() rejects with a TypeError; the page cannot see the response, only the console message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1200"/>
        <source>error code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cors/fetchsimulation.cpp" line="1218"/>
        <source>connection failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FixAdvisor</name>
    <message>
        <location filename="../core/fix/fixadvisor.cpp" line="78"/>
        <source>The browser refuses this request before any server could help (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FixRuleBuilder</name>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="41"/>
        <source>%1 %2 is not a cross-origin request: there is nothing to fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="47"/>
        <source>The browser already allows this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="57"/>
        <source>%1 must answer %2 instead of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="70"/>
        <source>Fix %1 %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="89"/>
        <source>Fix OPTIONS %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="103"/>
        <source>Answer OPTIONS %1%2 locally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/fixrulebuilder.cpp" line="112"/>
        <source>Rewrite rules change headers, not the status: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FlowAnalyzer</name>
    <message>
        <location filename="../core/proxy/flowanalyzer.cpp" line="78"/>
        <source>a preflight never carries credentials, so the page&apos;s credentials mode is not visible; &apos;same-origin&apos; is assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/flowanalyzer.cpp" line="86"/>
        <source>this browser would not have sent a preflight for what this one announces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/flowanalyzer.cpp" line="102"/>
        <source>Corscope&apos;s rule &apos;%1&apos; answered this preflight: the server was not asked and may still fail it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/flowanalyzer.cpp" line="139"/>
        <source>its preflight was answered by Corscope&apos;s rule &apos;%1&apos;, not by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/flowanalyzer.cpp" line="165"/>
        <source>no preflight was captured for this request: the browser&apos;s preflight cache answered it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/flowanalyzer.cpp" line="169"/>
        <source>a browser stops at this failed preflight and never sends the request; the client that sent it anyway is not following CORS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FlowFilter</name>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="94"/>
        <source>The filter is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="110"/>
        <source>This parenthesis is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="115"/>
        <source>A condition is missing at the end of the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="117"/>
        <source>A condition is missing before &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="170"/>
        <source>A condition is missing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="186"/>
        <source>preflight: takes &apos;failed&apos; or &apos;cached&apos;, not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="190"/>
        <source>&apos;%1:&apos; needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="206"/>
        <source>Unknown filter &apos;%1:&apos;. Use method:, status:, origin:, host:, url: or preflight:.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="236"/>
        <source>status: takes a code (404), a class (4xx) or a range (400-499), not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="245"/>
        <source>This quote is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="254"/>
        <source>Unexpected &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/traffic/flowfilter.cpp" line="267"/>
        <source>The filter has too many conditions in a row; group them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FlowImportJob</name>
    <message>
        <location filename="../core/proxy/flowimportjob.cpp" line="39"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::FlowJournal</name>
    <message>
        <location filename="../core/proxy/flowjournal.cpp" line="34"/>
        <source>Cannot open the capture journal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/flowjournal.cpp" line="137"/>
        <source>Cannot read the capture journal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HarCommand</name>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="266"/>
        <source>Evaluate every cross-origin entry of a HAR capture (Chrome, Firefox or Corscope export).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="282"/>
        <source>corscope-cli har: %1 is not a HAR file (no top-level &quot;log&quot;); for a scenario use explain
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HarReader</name>
    <message>
        <location filename="../core/har/harreader.cpp" line="74"/>
        <source>not a HAR file: there is no &apos;log&apos; object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/har/harreader.cpp" line="77"/>
        <source>&apos;entries&apos; must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/har/harreader.cpp" line="90"/>
        <source>each entry needs a &apos;request&apos; object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/har/harreader.cpp" line="99"/>
        <source>each request needs a method and an absolute url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/har/harreader.cpp" line="178"/>
        <source>the request carried cookies, so credentials mode &apos;include&apos; is assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/har/harreader.cpp" line="180"/>
        <source>the HAR does not record the credentials mode; &apos;same-origin&apos; (the fetch() default) is assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/har/harreader.cpp" line="185"/>
        <source>no preflight was captured for this request (it may have come from the preflight cache); the evaluation replays it as a fresh one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HeaderBlockParser</name>
    <message>
        <location filename="../core/http/headerblock.cpp" line="39"/>
        <source>a request has no status line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/headerblock.cpp" line="41"/>
        <source>the status line must come first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/headerblock.cpp" line="50"/>
        <source>expected &quot;Name: value&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/headerblock.cpp" line="55"/>
        <source>&quot;%1&quot; is not a valid header name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HeaderDiffModel</name>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="22"/>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="23"/>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="74"/>
        <location filename="../ui/models/headerdiffmodel.cpp" line="76"/>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="82"/>
        <source>Same on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="84"/>
        <source>Different values (names compare case-insensitively; every value counts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="86"/>
        <location filename="../ui/models/headerdiffmodel.cpp" line="88"/>
        <source>Only in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/headerdiffmodel.cpp" line="116"/>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HeaderDiffView</name>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="45"/>
        <source>Preflight: asked for versus allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="46"/>
        <source>Response headers compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="52"/>
        <source>Each thing the preflight asked for, beside what the server&apos;s answer grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="53"/>
        <source>Header names compare case-insensitively; every value of a name counts, so a duplicated header shows as a difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="96"/>
        <source>Preflight response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="96"/>
        <source>Actual response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="122"/>
        <source>&lt;b&gt;Preflight: asked vs allowed&lt;/b&gt; — no preflight went on the wire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="125"/>
        <source>&lt;b&gt;Preflight: asked vs allowed&lt;/b&gt; — the server grants everything asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/headerdiffview.cpp" line="128"/>
        <source>&lt;b&gt;Preflight: asked vs allowed&lt;/b&gt; — %n item(s) refused.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/headerdiffview.cpp" line="130"/>
        <source>&lt;b&gt;Responses compared&lt;/b&gt; — nothing to compare yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/headerdiffview.cpp" line="133"/>
        <source>&lt;b&gt;Responses compared&lt;/b&gt; — %n header(s) differ.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Corscope::HeaderLexer</name>
    <message>
        <location filename="../ui/editors/headerlexer.cpp" line="24"/>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/editors/headerlexer.cpp" line="26"/>
        <source>Header name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/editors/headerlexer.cpp" line="28"/>
        <source>Header value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/editors/headerlexer.cpp" line="30"/>
        <source>CORS header name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/editors/headerlexer.cpp" line="32"/>
        <source>Not a header line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/editors/headerlexer.cpp" line="34"/>
        <source>Status line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HistoryModel</name>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="58"/>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="58"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="61"/>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="61"/>
        <source>explained offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="62"/>
        <source>%1 from %2, %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="76"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="78"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="80"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/historymodel.cpp" line="82"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::HttpMessageParser</name>
    <message>
        <location filename="../core/proxy/httpmessageparser.cpp" line="30"/>
        <source>The request target is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/httpmessageparser.cpp" line="44"/>
        <source>The header block is larger than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/httpmessageparser.cpp" line="66"/>
        <source>More than %1 header lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/httpmessageparser.cpp" line="170"/>
        <source>Malformed HTTP: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/httpmessageparser.cpp" line="194"/>
        <source>The connection closed in the middle of a message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/httpmessageparser.cpp" line="197"/>
        <source>The connection closed in the middle of a message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::JunitReport</name>
    <message>
        <location filename="../core/report/junitreport.cpp" line="39"/>
        <source>blocked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="52"/>
        <source>Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="56"/>
        <source>&amp;Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="57"/>
        <source>&amp;Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="58"/>
        <source>E&amp;xplain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="59"/>
        <source>Preflight &amp;cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="60"/>
        <source>&amp;Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="74"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="76"/>
        <source>&amp;Open Scenario…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="78"/>
        <source>&amp;Save Scenario As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="81"/>
        <source>Open Se&amp;ssion…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="82"/>
        <source>Save Session &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="84"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="87"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="90"/>
        <source>&amp;Paste cURL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="93"/>
        <source>Copy as c&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="94"/>
        <source>Copy as &amp;fetch()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="98"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="100"/>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="115"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="117"/>
        <source>&amp;About Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="118"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="124"/>
        <location filename="../ui/mainwindow.cpp" line="129"/>
        <source>Open Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="124"/>
        <location filename="../ui/mainwindow.cpp" line="139"/>
        <source>Scenarios (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="130"/>
        <location filename="../ui/mainwindow.cpp" line="228"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="139"/>
        <location filename="../ui/mainwindow.cpp" line="144"/>
        <source>Save Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="145"/>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="152"/>
        <location filename="../ui/mainwindow.cpp" line="179"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="163"/>
        <source>Compare &amp;Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="166"/>
        <source>Select two history entries (Ctrl+click) to compare their responses&apos; headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="209"/>
        <location filename="../ui/mainwindow.cpp" line="212"/>
        <source>Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="209"/>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>Corscope sessions (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="234"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>Save Session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::NegotiationModel</name>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="41"/>
        <source>Method %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="43"/>
        <source>Header %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="52"/>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="54"/>
        <source>allowed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="54"/>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="72"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="74"/>
        <source>Preflight asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="76"/>
        <source>Server allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/negotiationmodel.cpp" line="78"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::Origin</name>
    <message>
        <location filename="../core/http/origin.cpp" line="80"/>
        <source>an origin looks like scheme://host[:port], or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/origin.cpp" line="87"/>
        <source>an origin has no path, not even a trailing slash: remove everything from position %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/origin.cpp" line="96"/>
        <source>an origin has no query, fragment or user info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/origin.cpp" line="103"/>
        <source>&apos;%1&apos; is not a valid scheme://host[:port]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/http/origin.cpp" line="109"/>
        <source>the scheme &apos;%1&apos; has no tuple origin; its origin is null</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::PlaygroundLesson</name>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="66"/>
        <source>Not a JSON object: %1 at offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="75"/>
        <source>A lesson needs an &quot;id&quot; and a &quot;title&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="80"/>
        <source>policy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="83"/>
        <source>fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="93"/>
        <source>request: &quot;method&quot; must be a name and &quot;path&quot; must start with &quot;/&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="97"/>
        <source>request: &quot;headers&quot; must be [name, value] pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/playground/playgroundlesson.cpp" line="104"/>
        <source>request: &quot;credentials&quot; must be omit, same-origin or include</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::PlaygroundView</name>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="48"/>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="48"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="66"/>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="67"/>
        <source>&amp;Verify in Chromium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="68"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="69"/>
        <source>Show the &amp;fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="70"/>
        <source>&amp;Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="82"/>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="83"/>
        <source>Classic CORS failures: pick one, send, then fix the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="88"/>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="89"/>
        <source>What users report, and why it happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="92"/>
        <source>Server CORS policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="97"/>
        <source>Request method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="98"/>
        <source>The method the page passes to fetch()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="100"/>
        <source>Request path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="101"/>
        <source>Path on the demo API; /api/data answers JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="103"/>
        <source>Request headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="104"/>
        <source>Headers the page sets, one &quot;Name: value&quot; per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="105"/>
        <source>Name: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="112"/>
        <source>Credentials mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="113"/>
        <source>fetch()&apos;s credentials option: include sends cookies cross-origin and needs a named origin and Allow-Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="116"/>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="117"/>
        <source>A string body; empty sends none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="118"/>
        <source>no body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="121"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="122"/>
        <source>Send the request from the page origin to the demo API, as Chromium would (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="126"/>
        <source>Verify in Chromium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="128"/>
        <source>Cancel verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="129"/>
        <source>Stop the headless Chromium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="131"/>
        <source>Show the fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="132"/>
        <source>Apply the policy that fixes this lesson to the demo API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="134"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="135"/>
        <source>Back to the lesson&apos;s broken policy and request, with an empty preflight cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="137"/>
        <source>Demo origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="139"/>
        <source>The demo API and the page origin it is called from, both on this machine only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="143"/>
        <source>Browser verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="144"/>
        <source>What a real headless Chromium did with the same request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="148"/>
        <source>Requests the demo API received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="149"/>
        <source>Every request that reached the demo API, with its answer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="153"/>
        <source>No request has reached the demo API yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="154"/>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="156"/>
        <source>Result status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="162"/>
        <source>Page %1 → API %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="172"/>
        <source>Server policy (applied live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="175"/>
        <source>Request from the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="180"/>
        <source>Method, path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="181"/>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="182"/>
        <source>Credentials:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="183"/>
        <source>Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="246"/>
        <source>The request changed since this result. Press Send (Ctrl+Return) to send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="301"/>
        <source>Symptom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="302"/>
        <source>Why:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="311"/>
        <location filename="../ui/widgets/playgroundview.cpp" line="339"/>
        <source>Press Send (Ctrl+Return) to run the request against the demo API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="337"/>
        <source>The server policy changed since this result. Press Send (Ctrl+Return) to see what the browser decides now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="400"/>
        <source>Running the request in headless Chromium…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="414"/>
        <source>No verdict from Chromium: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="441"/>
        <source>Chromium agrees with the evaluator: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="442"/>
        <source>Chromium disagrees with the evaluator: Chromium %1, evaluator %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="445"/>
        <source>Requests from Chromium that reached the API: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="446"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="450"/>
        <source>fetch() rejected with: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="453"/>
        <source>The explanation shows a fresh browser, as Chromium ran it: no cached preflight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="484"/>
        <source>(from headless Chromium)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="486"/>
        <source>(answered by the CDN cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="500"/>
        <source>Run the same request in a real headless Chromium and compare its verdict with the evaluator&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/playgroundview.cpp" line="502"/>
        <source>Chromium is not installed (set CORSCOPE_CHROMIUM to its path)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::PreflightCacheTableModel</name>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="92"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="92"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="98"/>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="100"/>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="102"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="117"/>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="119"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="121"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="123"/>
        <source>Methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="125"/>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="127"/>
        <source>Max-Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="129"/>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/preflightcachetablemodel.cpp" line="131"/>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::PreflightCacheView</name>
    <message>
        <location filename="../ui/widgets/preflightcacheview.cpp" line="25"/>
        <source>Preflight cache entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/preflightcacheview.cpp" line="42"/>
        <source>Clear &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/preflightcacheview.cpp" line="43"/>
        <source>Clear &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/preflightcacheview.cpp" line="91"/>
        <source>%1 caches a successful preflight for Access-Control-Max-Age seconds, at most %2 s; without the header, %3 s. Entries here are this session&apos;s, on the real clock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::PreflightNegotiation</name>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="13"/>
        <source>CORS-safelisted: needs no entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="15"/>
        <source>listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="17"/>
        <source>covered by &apos;*&apos; (no credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="19"/>
        <source>covered by &apos;*&apos; in this browser only; the spec requires it listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="23"/>
        <source>not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="58"/>
        <source>absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/report/preflightnegotiation.cpp" line="60"/>
        <source>sent %n times; exactly one is allowed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="63"/>
        <source>matches the origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="66"/>
        <source>&apos;*&apos; is not allowed with credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="66"/>
        <source>&apos;*&apos; (no credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="68"/>
        <source>a different origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="76"/>
        <source>exactly &apos;true&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="76"/>
        <source>must be exactly &apos;true&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="85"/>
        <source>&apos;%1&apos; is not a method token: the list does not parse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/preflightnegotiation.cpp" line="101"/>
        <source>&apos;%1&apos; is not a header name: the list does not parse</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ProxyCommand</name>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="60"/>
        <source> (preflight #%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="62"/>
        <source> (preflight from the browser&apos;s cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="64"/>
        <source> (answered by the proxy: rule &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="66"/>
        <source> (rewritten by rule(s) &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="81"/>
        <source>Run the intercepting proxy until interrupted; print each cross-origin flow&apos;s verdict and write the capture as HAR (with _cors) on exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="90"/>
        <source>Address and port, e.g. 127.0.0.1:8080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="92"/>
        <source>chromium (default) or firefox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="94"/>
        <source>Write the capture to FILE on exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="96"/>
        <source>Response rewrite rules (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="99"/>
        <source>Allow listening on an address other than loopback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="101"/>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="103"/>
        <source>Pass HTTPS (CONNECT) through untouched instead of reading it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="106"/>
        <source>Where the interception CA lives (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="109"/>
        <source>Never intercept HOST (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="112"/>
        <source>Append every finished flow to FILE as it happens, and start from the flows already in it (a crashed or killed capture loses nothing that completed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="127"/>
        <source>corscope-cli proxy: unknown browser &apos;%1&apos; (chromium or firefox)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="142"/>
        <source>corscope-cli proxy: --listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080, not &apos;%1&apos;
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="151"/>
        <source>corscope-cli proxy: cannot read %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="156"/>
        <source>corscope-cli proxy: %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="173"/>
        <source>corscope-cli proxy: cannot set up signal handling
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="192"/>
        <source>Corscope proxy listening on %1 (%2); Ctrl+C to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="197"/>
        <source>HTTPS is intercepted with the CA in %1 (ca-cert.pem). Chromium without installing it:
  chromium --proxy-server=http://%2 --proxy-bypass-list=&apos;&lt;-loopback&gt;&apos; --ignore-certificate-errors-spki-list=%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/cli/proxycommand.cpp" line="225"/>
        <source>Recovered %n flow(s) from %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../core/cli/proxycommand.cpp" line="227"/>
        <source> (%n unreadable line(s) skipped)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/cli/proxycommand.cpp" line="254"/>
        <source>corscope-cli proxy: cannot write %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/cli/proxycommand.cpp" line="257"/>
        <source>Wrote %n flow(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Corscope::ProxyConnection</name>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="122"/>
        <source>The request head did not arrive within %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="148"/>
        <source>The client closed the connection before the response was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="266"/>
        <source>CONNECT needs host:port, got &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="294"/>
        <source>Corscope is a forward proxy: it takes absolute http:// URLs (and CONNECT for https), not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="424"/>
        <source>%1:%2 did not accept a connection within %3 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="469"/>
        <source>Could not reach %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="485"/>
        <source>The certificate of %1 is not trusted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="509"/>
        <source>Could not take over the connection for HTTPS interception.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="563"/>
        <source>Could not open a tunnel to %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="600"/>
        <source>The server&apos;s response is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyconnection.cpp" line="625"/>
        <source>The server closed the connection without a response.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ProxyServer</name>
    <message>
        <location filename="../core/proxy/proxyserver.cpp" line="17"/>
        <source>Refusing to listen on %1: Corscope&apos;s proxy listens on loopback unless you explicitly allow another address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/proxyserver.cpp" line="25"/>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::RequestBuilder</name>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="82"/>
        <source>Request headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="83"/>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="84"/>
        <source>Explain off&amp;line with pasted response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="87"/>
        <source>Response headers seen in DevTools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="88"/>
        <location filename="../ui/widgets/requestbuilder.cpp" line="473"/>
        <source>Preflight response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="90"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="97"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="98"/>
        <source>https://api.example/resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="102"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="112"/>
        <source>Initiator origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="113"/>
        <source>The origin of the page that calls fetch(); &quot;null&quot; for an opaque origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="122"/>
        <source>Credentials mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="123"/>
        <source>omit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="124"/>
        <location filename="../ui/widgets/requestbuilder.cpp" line="132"/>
        <source>same-origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="125"/>
        <source>include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="129"/>
        <source>Request mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="130"/>
        <source>cors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="131"/>
        <source>no-cors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="135"/>
        <source>Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="158"/>
        <source>Evaluate against response headers copied from DevTools; nothing is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="198"/>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="201"/>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="203"/>
        <source>Credentials:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="206"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="209"/>
        <source>&amp;Origin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="210"/>
        <source>&amp;Browser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="215"/>
        <source>Response headers seen in DevTools (status line optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="218"/>
        <source>Preflight (OPTIONS) response headers, if it answered differently:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="232"/>
        <source>Request hea&amp;ders (Name: value per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="236"/>
        <source>Request bod&amp;y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="291"/>
        <source>Enter an http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="298"/>
        <source>Origin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="303"/>
        <source>Enter a method, e.g. GET.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="308"/>
        <source>Request headers, line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="335"/>
        <source>Not a cURL command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="339"/>
        <source>Imported the cURL command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="418"/>
        <source>Sending %1 %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="436"/>
        <source>Done in %1 ms, %2 request(s) on the wire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="455"/>
        <source>%1, line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="468"/>
        <source>Response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="479"/>
        <source>Explained offline; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="507"/>
        <source>Copied the request as a cURL command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="519"/>
        <source>Copied the request as a fetch() call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="589"/>
        <source>Ex&amp;plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="589"/>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="590"/>
        <source>Explain against the pasted headers (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/requestbuilder.cpp" line="591"/>
        <source>Send the request for real, preflight first (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::RequestEngine</name>
    <message>
        <location filename="../core/sender/requestengine.cpp" line="219"/>
        <source>libcurl could not start the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ResponseComparisonDialog</name>
    <message>
        <location filename="../ui/dialogs/responsecomparisondialog.cpp" line="17"/>
        <source>Compare Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/responsecomparisondialog.cpp" line="32"/>
        <source>%1 %2 · %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/responsecomparisondialog.cpp" line="34"/>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/responsecomparisondialog.cpp" line="34"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::RestoreCaptureBanner</name>
    <message>
        <location filename="../ui/widgets/restorecapturebanner.cpp" line="13"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/restorecapturebanner.cpp" line="26"/>
        <source>Delete the flows of the last capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/restorecapturebanner.cpp" line="44"/>
        <source>The last capture did not end cleanly; its flows were kept on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/restorecapturebanner.cpp" line="45"/>
        <source>Restore %n flow(s) from the last capture</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Corscope::RewriteRuleEditor</name>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="21"/>
        <source>Answer here instead of the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="29"/>
        <source>any host — or api.example, *.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="31"/>
        <source>any path — or /v1/users, /v1/* for a prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="33"/>
        <source>any method — or PUT, OPTIONS (case-sensitive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="35"/>
        <source>Access-Control-Allow-Origin: https://app.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="36"/>
        <source>Replace every header of the name, one &quot;Name: value&quot; per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="38"/>
        <source>Vary: Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="39"/>
        <source>Append these headers, one &quot;Name: value&quot; per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="41"/>
        <source>X-Powered-By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="42"/>
        <source>Remove every header of these names, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="44"/>
        <source>The proxy sends this response itself and never contacts the server: try a preflight answer a gateway cannot give yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="47"/>
        <source>CORS preflights only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="48"/>
        <source>every matching request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="54"/>
        <source>Access-Control-Allow-Origin: https://app.example
Access-Control-Allow-Methods: PUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="56"/>
        <source>no body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="74"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="75"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="76"/>
        <source>&amp;Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="77"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="78"/>
        <source>&amp;Set headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="79"/>
        <source>A&amp;dd headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="80"/>
        <source>&amp;Remove headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="82"/>
        <source>Ans&amp;wers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="83"/>
        <source>S&amp;tatus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="84"/>
        <source>Response &amp;headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriteruleeditor.cpp" line="85"/>
        <source>Response &amp;body:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::RewriteRules</name>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="92"/>
        <source>not JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="98"/>
        <source>expected {&quot;rules&quot;: [...]} or an array of rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="106"/>
        <source>rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="113"/>
        <source>rule %1: &quot;set&quot; and &quot;add&quot; take an object of header names to string values, or [name, value] pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="129"/>
        <source>rule %1: &quot;respond&quot; takes {&quot;status&quot;: 200-599, &quot;headers&quot;: {...}, &quot;body&quot;: &quot;...&quot;, &quot;answers&quot;: &quot;preflights&quot; or &quot;all&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="140"/>
        <source>rule %1: &quot;respond&quot; answers preflights, which are OPTIONS requests; &quot;match&quot; method %2 never is one. Leave the method out, or give &quot;answers&quot;: &quot;all&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/proxy/rewriterules.cpp" line="149"/>
        <source>rule %1 (%2) changes nothing: give &quot;set&quot;, &quot;add&quot;, &quot;remove&quot; or &quot;respond&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::RewriteRulesModel</name>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="50"/>
        <source>set %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="52"/>
        <source>add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="54"/>
        <source>remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="57"/>
        <source>answers preflights itself: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="58"/>
        <source>answers every request itself: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="59"/>
        <source>(changes nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="81"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="150"/>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="152"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="154"/>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="156"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/rewriterulesmodel.cpp" line="158"/>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::RewriteRulesPanel</name>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="27"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="30"/>
        <source>Add a rule that sets Access-Control-Allow-Origin for any response; narrow it below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="31"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="33"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="36"/>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="38"/>
        <source>Replace the rules with a rules file (the format of corscope-cli proxy --rules)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="39"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="41"/>
        <source>Save the rules for corscope-cli proxy --rules or a later session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="44"/>
        <source>Rewrite rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="57"/>
        <source>Rules change responses on their way to the browser; the next request uses them. Select a blocked flow and use Fix with a rule to have one written for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="73"/>
        <source>New rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="82"/>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="151"/>
        <source>rule %1 (%2) changes nothing: give it a header to set, add or remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="167"/>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="171"/>
        <source>Load rewrite rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="168"/>
        <source>Rules files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="171"/>
        <source>Cannot load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="177"/>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="180"/>
        <source>Save rewrite rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="177"/>
        <source>Rules files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/rewriterulespanel.cpp" line="180"/>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ScenarioReader</name>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="46"/>
        <source>&apos;%1&apos; is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="50"/>
        <source>&apos;%1&apos; must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="63"/>
        <source>&apos;headers&apos; must be a list of [name, value] pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="72"/>
        <source>each header must be a [name, value] pair of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="77"/>
        <source>&apos;%1&apos; is not a valid header name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="82"/>
        <source>a header value cannot contain CR, LF or NUL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="97"/>
        <source>&apos;%1&apos; is not an absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="141"/>
        <source>mode must be cors, no-cors or same-origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="149"/>
        <source>credentials must be omit, same-origin or include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="156"/>
        <source>redirect must be follow, error or manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="227"/>
        <source>a scenario is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="242"/>
        <source>&apos;request&apos; is required and must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="251"/>
        <source>each response must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="262"/>
        <source>status must be a number from 100 to 999</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="273"/>
        <source>&apos;fetches&apos; lists 1 to 100 fetches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/scenario/scenario.cpp" line="287"/>
        <source>a fetch delay is a number of milliseconds, 0 to 600000</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::ScenarioWorkbench</name>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="40"/>
        <source>Built-in scenarios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="47"/>
        <source>Scenario (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="55"/>
        <source>Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="56"/>
        <source>Which browser&apos;s behaviour to explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="57"/>
        <source>Fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="58"/>
        <source>A scenario may fetch several times; each one shares the preflight cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="63"/>
        <source>&amp;Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="64"/>
        <source>Explain the scenario (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="81"/>
        <source>Browser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/scenarioworkbench.cpp" line="165"/>
        <source>Fetch %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::SendSession</name>
    <message>
        <location filename="../core/sender/sendsession.cpp" line="58"/>
        <source>more than %1 requests for one fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/sendsession.cpp" line="84"/>
        <source>no response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sender/sendsession.cpp" line="104"/>
        <source>the request was aborted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::SequenceDiagram</name>
    <message>
        <location filename="../core/report/sequencediagram.cpp" line="30"/>
        <source>fetch(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/sequencediagram.cpp" line="36"/>
        <source>preflight cache hit (%1 s left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/sequencediagram.cpp" line="57"/>
        <source>no response: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/sequencediagram.cpp" line="65"/>
        <source>resolves: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/sequencediagram.cpp" line="72"/>
        <source>rejects: blocked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::SequenceDiagramView</name>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="50"/>
        <source>DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="51"/>
        <source>connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="52"/>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="53"/>
        <source>send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="54"/>
        <source>waiting (first byte)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="55"/>
        <source>download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="61"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="70"/>
        <source>Request sequence diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="101"/>
        <source>total: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="222"/>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="223"/>
        <source>Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="224"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/sequencediagramview.cpp" line="345"/>
        <source>Corscope request sequence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::SessionFile</name>
    <message>
        <location filename="../core/session/sessionfile.cpp" line="27"/>
        <source>entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/session/sessionfile.cpp" line="60"/>
        <source>not JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/session/sessionfile.cpp" line="63"/>
        <source>not a Corscope session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/session/sessionfile.cpp" line="66"/>
        <source>unsupported session file version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/session/sessionfile.cpp" line="75"/>
        <source>kind must be &quot;sent&quot; or &quot;offline&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/session/sessionfile.cpp" line="79"/>
        <source>unknown browser &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::TextReport</name>
    <message>
        <location filename="../core/report/textreport.cpp" line="32"/>
        <source>ALLOWED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="32"/>
        <source>BLOCKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="38"/>
        <source>Browser note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="40"/>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="44"/>
        <source>Console message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="48"/>
        <source>(wording from the browser&apos;s source; its headless console cannot be read, so the test suite does not check it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="52"/>
        <source>Error code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="62"/>
        <source>No server change can fix this: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="65"/>
        <source>What would fix it (the smallest server change):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="71"/>
        <source>answer %1 with status %2 instead of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="78"/>
        <source>on %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="81"/>
        <source>(was &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="101"/>
        <source># preflight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="101"/>
        <source># request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/report/textreport.cpp" line="119"/>
        <source># no response: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::TrafficController</name>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="81"/>
        <source>Another Corscope is using the capture journal %1: this window&apos;s capture is not journaled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="102"/>
        <source>Finish or cancel the running import, then restore the last capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="144"/>
        <source>Capturing on %1 — set it as the HTTP proxy of a browser, or use Open Chromium through Corscope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="161"/>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="165"/>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="171"/>
        <source>Export CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="166"/>
        <source>PEM certificates (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="172"/>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="422"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="175"/>
        <source>CA certificate saved to %1. Firefox: Settings ▸ Privacy &amp; Security ▸ Certificates ▸ View Certificates ▸ Authorities ▸ Import. System store (Debian): copy it to /usr/local/share/ca-certificates/corscope.crt and run update-ca-certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/trafficcontroller.cpp" line="185"/>
        <source>Capture stopped; %n flow(s) kept.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="240"/>
        <source>Select a blocked flow to fix it with a rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/trafficcontroller.cpp" line="256"/>
        <source>Added %n rule(s) with the smallest response change that lets this request through; send it again (reload the page) to see it pass.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="274"/>
        <source>%1 — a tunnel passed through untouched (HTTPS interception is not set up).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="276"/>
        <source>%1 %2 — not a cross-origin request: the browser applies no CORS checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="290"/>
        <source>Server sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="290"/>
        <source>After rewrite rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="325"/>
        <source>Importing and evaluating the HAR capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="326"/>
        <source>Restoring the last capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="360"/>
        <source>Cannot restore the last capture: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="361"/>
        <source>Cannot import the HAR capture: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/trafficcontroller.cpp" line="363"/>
        <source>Import cancelled; %n flow(s) kept.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/trafficcontroller.cpp" line="366"/>
        <source>Restored %n flow(s) from the last capture.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/trafficcontroller.cpp" line="367"/>
        <source>Imported %n entries.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="394"/>
        <source>Chromium opened through %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="395"/>
        <source>Could not start chromium.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="416"/>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="421"/>
        <source>Export HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="416"/>
        <source>HAR files (*.har *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="427"/>
        <source>Import HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficcontroller.cpp" line="428"/>
        <source>HAR files (*.har *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::TrafficSummaryView</name>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="21"/>
        <source>Traffic summary per host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="22"/>
        <source>Per host: share of cross-origin requests blocked, share of preflights that failed, and preflight latency (bar: median, line: 95th percentile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="46"/>
        <source>No traffic captured yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="56"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="57"/>
        <source>Blocked requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="58"/>
        <source>Failed preflights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="59"/>
        <source>Preflight latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="79"/>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="81"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="94"/>
        <source>%1 ms (p95 %2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficsummaryview.cpp" line="99"/>
        <source>no preflights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::TrafficTableModel</name>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="132"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="133"/>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="139"/>
        <source>allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="141"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="143"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="149"/>
        <source>guards #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="150"/>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="154"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="172"/>
        <source>%1
TLS: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="192"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="194"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="196"/>
        <source>Initiator origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="198"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="200"/>
        <source>CORS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="202"/>
        <source>Preflight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="204"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/traffictablemodel.cpp" line="206"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corscope::TrafficView</name>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="38"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="48"/>
        <location filename="../ui/widgets/trafficview.cpp" line="54"/>
        <source>Start capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="52"/>
        <source>Start or stop the local proxy (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="54"/>
        <source>Stop capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="55"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="58"/>
        <source>Forget every captured flow (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="60"/>
        <source>Open Chromium through Corscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="63"/>
        <source>Launch the system Chromium with a temporary profile that uses this proxy and trusts its CA, without installing the CA anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="65"/>
        <source>Export CA certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="68"/>
        <source>Save the interception CA&apos;s certificate to trust it in Firefox or the system store (its private key never leaves Corscope&apos;s data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="71"/>
        <source>Import HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="73"/>
        <source>Export HAR…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="75"/>
        <source>Save the capture as HAR 1.2, each entry with its CORS verdict in _cors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="77"/>
        <source>Fix with a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="81"/>
        <source>Write rewrite rules that make the selected blocked flow pass, to try the fix in the browser before changing the server (Ctrl+Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="84"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="88"/>
        <source>Show the rewrite rules the proxy applies to responses (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="94"/>
        <source>Traffic filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="97"/>
        <source>Filter: method:PUT status:4xx host:api blocked preflight:failed !credentialed …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="98"/>
        <source>method: status: (404, 4xx, 400-499) origin: host: url:, and blocked, allowed, cross-origin, preflight, preflight:failed, preflight:cached, credentialed, reflects-origin, no-vary; combine with ! &amp; | and parentheses; other words search the URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="115"/>
        <source>Captured flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="151"/>
        <source>Flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="152"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="161"/>
        <source>%v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="183"/>
        <source>Start the capture, point a browser at the proxy (or use Open Chromium through Corscope) and select a flow to see its CORS decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="199"/>
        <source>Filter error at column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/trafficview.cpp" line="205"/>
        <source>%1 of %2 flows shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
