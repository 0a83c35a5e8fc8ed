<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddressStrip</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="105"/>
        <source>Demo sign-in page on this computer</source>
        <extracomment>True when this process draws web pages in software (then it needs no OpenGL at all).</extracomment>
        <translation>Demo-Anmeldeseite auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="110"/>
        <source>Box Login on this computer</source>
        <translation>Box Login auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="115"/>
        <source>Not a Box page — continue only if your organization signs in here</source>
        <translation>Keine Box-Seite – fahren Sie nur fort, wenn sich Ihre Organisation hier anmeldet</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="121"/>
        <source>Not secure</source>
        <translation>Nicht sicher</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="153"/>
        <source>Secure connection</source>
        <translation>Sichere Verbindung</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="164"/>
        <source>Could not be reached</source>
        <translation>Nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>AdvancedDialog</name>
    <message>
        <location filename="../../gui/advanced.py" line="50"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="51"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="52"/>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="53"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="54"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="55"/>
        <source>Share</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="56"/>
        <source>UI Elements: preview</source>
        <translation>UI Elements: Vorschau</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="57"/>
        <source>UI Elements: explore</source>
        <translation>UI Elements: Explorer</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="58"/>
        <source>UI Elements: upload</source>
        <translation>UI Elements: Hochladen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="59"/>
        <source>View own annotations</source>
        <translation>Eigene Anmerkungen ansehen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="60"/>
        <source>Edit annotations</source>
        <translation>Anmerkungen bearbeiten</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="70"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="71"/>
        <source>The private key in this file is protected. Type its passphrase:</source>
        <translation>Der private Schlüssel in dieser Datei ist geschützt. Geben Sie die Passphrase ein:</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="138"/>
        <source>Advanced — Box Login</source>
        <translation>Erweitert – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="150"/>
        <source>For administrators and developers. These keys act for an app or a company rather than for you; keep them private.</source>
        <translation>Für Administratoren und Entwickler. Diese Schlüssel handeln im Namen einer App oder eines Unternehmens, nicht in Ihrem Namen. Halten Sie sie geheim.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="157"/>
        <source>Server key</source>
        <translation>Serverschlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="158"/>
        <source>Server key (JWT)</source>
        <translation>Serverschlüssel (JWT)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="159"/>
        <source>Limited key</source>
        <translation>Eingeschränkter Schlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="160"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="177"/>
        <source>Get a key for the app&apos;s service account (enterprise) or for one user, with the app&apos;s client ID and secret (client credentials).</source>
        <translation>Holen Sie mit der Client-ID und dem Client-Geheimnis der App einen Schlüssel für das Dienstkonto der App (Enterprise) oder für einen einzelnen Benutzer (Client Credentials).</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="181"/>
        <source>Company (enterprise)</source>
        <translation>Unternehmen (Enterprise)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="182"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="192"/>
        <source>Enterprise ID or user ID</source>
        <translation>Enterprise-ID oder Benutzer-ID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="194"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="195"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="196"/>
        <location filename="../../gui/advanced.py" line="266"/>
        <source>Get server key</source>
        <translation>Serverschlüssel holen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="216"/>
        <source>Set up the Box app first (Tools menu).</source>
        <translation>Richten Sie zuerst die Box-App ein (Menü „Werkzeuge“).</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="220"/>
        <source>Type the enterprise or user ID.</source>
        <translation>Geben Sie die Enterprise-ID oder die Benutzer-ID ein.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="250"/>
        <source>Get a server key with the Box app&apos;s configuration file (JWT), downloaded from the Box Developer Console.</source>
        <translation>Holen Sie einen Serverschlüssel mit der Konfigurationsdatei der Box-App (JWT), die Sie aus der Box Developer Console heruntergeladen haben.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="255"/>
        <source>…_config.json</source>
        <translation>…_config.json</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="256"/>
        <source>Choose file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="262"/>
        <source>Leave empty for the company (enterprise)</source>
        <translation>Für das Unternehmen (Enterprise) leer lassen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="264"/>
        <source>Configuration file</source>
        <translation>Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="265"/>
        <source>User ID</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="280"/>
        <source>Box app configuration</source>
        <translation>Konfiguration der Box-App</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="282"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="292"/>
        <source>Choose the Box app configuration file.</source>
        <translation>Wählen Sie die Konfigurationsdatei der Box-App aus.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="311"/>
        <source>The configuration has no enterprise ID; type a user ID.</source>
        <translation>Die Konfiguration enthält keine Enterprise-ID; geben Sie eine Benutzer-ID ein.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="345"/>
        <source>Make a key that can do only a few things, optionally only on one file, folder or shared link — for example to hand to a web page. It is made from your connected account.</source>
        <translation>Erstellen Sie einen Schlüssel, der nur wenig darf – auf Wunsch nur für eine Datei, einen Ordner oder einen freigegebenen Link, etwa um ihn an eine Webseite weiterzugeben. Er wird aus Ihrem verbundenen Konto erstellt.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="359"/>
        <source>https://api.box.com/2.0/files/123 (optional)</source>
        <translation>https://api.box.com/2.0/files/123 (optional)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="361"/>
        <source>https://app.box.com/s/… (optional)</source>
        <translation>https://app.box.com/s/… (optional)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="363"/>
        <source>File or folder</source>
        <translation>Datei oder Ordner</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="364"/>
        <source>Shared link</source>
        <translation>Freigegebener Link</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="365"/>
        <source>Make limited key</source>
        <translation>Eingeschränkten Schlüssel erstellen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="382"/>
        <source>Connect your Box account first.</source>
        <translation>Verbinden Sie zuerst Ihr Box-Konto.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="387"/>
        <source>Choose at least one thing the key may do.</source>
        <translation>Wählen Sie mindestens eine Berechtigung für den Schlüssel aus.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="394"/>
        <source>Give a file or folder, or a shared link — not both.</source>
        <translation>Geben Sie eine Datei oder einen Ordner an oder einen freigegebenen Link – nicht beides.</translation>
    </message>
</context>
<context>
    <name>BrowserWaitDialog</name>
    <message>
        <location filename="../../gui/signin_window.py" line="103"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The command-line flag that makes ``main.py`` (or the bundled executable) the child.</extracomment>
        <translation>Bei Box anmelden – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="110"/>
        <location filename="../../gui/signin_window.py" line="135"/>
        <source>Continue in your web browser</source>
        <translation>Bitte fahren Sie in Ihrem Webbrowser fort</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="114"/>
        <location filename="../../gui/signin_window.py" line="140"/>
        <source>Open in my browser instead</source>
        <translation>Stattdessen in meinem Browser öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="116"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="138"/>
        <source>Open the sign-in page again</source>
        <translation>Anmeldeseite erneut öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="146"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="148"/>
        <source>You&apos;re connected as {who}. This window closes by itself.</source>
        <translation>Sie sind als {who} verbunden. Dieses Fenster schließt sich von selbst.</translation>
    </message>
</context>
<context>
    <name>CallbackPages</name>
    <message>
        <location filename="../../gui/callback_pages.py" line="14"/>
        <source>en</source>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="15"/>
        <source>You can close this tab and return to Box Login.</source>
        <translation>Sie können diesen Tab schließen und zu Box Login zurückkehren.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="18"/>
        <source>Signed in – Box Login</source>
        <translation>Angemeldet – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="19"/>
        <source>You’re signed in to Box</source>
        <translation>Sie sind bei Box angemeldet</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="20"/>
        <source>Box Login received your sign-in and is finishing up.</source>
        <translation>Box Login hat Ihre Anmeldung erhalten und schließt sie gerade ab.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="23"/>
        <source>Sign-in didn’t finish – Box Login</source>
        <translation>Anmeldung nicht abgeschlossen – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="24"/>
        <source>Sign-in didn’t finish</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="25"/>
        <source>Box said:</source>
        <translation>Box meldete:</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="26"/>
        <source>You chose not to give Box Login access to your Box account.</source>
        <translation>Sie haben Box Login keinen Zugriff auf Ihr Box-Konto gegeben.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="29"/>
        <source>If that was a mistake, go back to Box Login and sign in again.</source>
        <translation>Falls das ein Versehen war, kehren Sie zu Box Login zurück und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="32"/>
        <source>This answer did not belong to your sign-in, so Box Login ignored it.</source>
        <translation>Diese Antwort gehörte nicht zu Ihrer Anmeldung, daher hat Box Login sie ignoriert.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="35"/>
        <source>If you are signing in, go back to Box Login and finish there. If you did not start a sign-in, you can ignore this page.</source>
        <translation>Wenn Sie sich gerade anmelden, kehren Sie zu Box Login zurück und schließen Sie die Anmeldung dort ab. Wenn Sie keine Anmeldung begonnen haben, können Sie diese Seite ignorieren.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="39"/>
        <source>Box’s answer was incomplete, so Box Login could not finish signing you in.</source>
        <translation>Die Antwort von Box war unvollständig, daher konnte Box Login Ihre Anmeldung nicht abschließen.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="43"/>
        <source>Go back to Box Login and sign in again.</source>
        <translation>Kehren Sie zu Box Login zurück und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="46"/>
        <source>Box did not accept how this app is set up.</source>
        <translation>Box hat die Einrichtung dieser App nicht akzeptiert.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="49"/>
        <source>Ask whoever gave you Box Login, or your Box administrator, to check the app’s settings.</source>
        <translation>Bitten Sie die Person, die Ihnen Box Login gegeben hat, oder Ihre Box-Administration, die Einstellungen der App zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="53"/>
        <source>Box is having trouble right now.</source>
        <translation>Bei Box gibt es gerade Probleme.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="54"/>
        <source>Wait a minute, then go back to Box Login and sign in again.</source>
        <translation>Warten Sie eine Minute, kehren Sie dann zu Box Login zurück und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="57"/>
        <source>Box could not sign you in.</source>
        <translation>Box konnte Sie nicht anmelden.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="58"/>
        <source>Go back to Box Login and try again. If it keeps happening, ask whoever gave you the app for help.</source>
        <translation>Kehren Sie zu Box Login zurück und versuchen Sie es erneut. Wenn es weiterhin passiert, wenden Sie sich an die Person, die Ihnen die App gegeben hat.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="62"/>
        <source>This page was opened with an address that is not a sign-in answer.</source>
        <translation>Diese Seite wurde mit einer Adresse geöffnet, die keine Antwort auf eine Anmeldung ist.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="65"/>
        <source>Go back to Box Login and sign in from there.</source>
        <translation>Kehren Sie zu Box Login zurück und melden Sie sich von dort aus an.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="68"/>
        <source>This sign-in has already finished.</source>
        <translation>Diese Anmeldung ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="71"/>
        <source>Go back to Box Login to continue.</source>
        <translation>Kehren Sie zu Box Login zurück, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="130"/>
        <source>What to do: {fix}</source>
        <extracomment>The icon (resources/&lt;name&gt;.svg) and the word a screen reader says for each verdict. The checks&apos; order (core.doctor runs them in this order and reports them as they finish).</extracomment>
        <translation>So beheben Sie es: {fix}</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../../gui/token_panel.py" line="132"/>
        <location filename="../../gui/token_panel.py" line="175"/>
        <source>Connect your Box account</source>
        <translation>Box-Konto verbinden</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="136"/>
        <source>Sign in to Box once. Box Login keeps the connection safe on this computer and renews it by itself, so your program can use your Box files.</source>
        <translation>Melden Sie sich einmal bei Box an. Box Login bewahrt die Verbindung sicher auf diesem Computer auf und erneuert sie selbstständig, damit Ihr Programm auf Ihre Box-Dateien zugreifen kann.</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="145"/>
        <location filename="../../gui/token_panel.py" line="146"/>
        <location filename="../../gui/token_panel.py" line="177"/>
        <source>Connect to Box</source>
        <translation>Mit Box verbinden</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="164"/>
        <source>this account</source>
        <translation>dieses Konto</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="165"/>
        <location filename="../../gui/token_panel.py" line="173"/>
        <source>Connect again</source>
        <translation>Erneut verbinden</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="168"/>
        <source>Box asked for a new sign-in for {who}. Connect again to continue; your program cannot use Box until you do.</source>
        <translation>Box verlangt eine neue Anmeldung für {who}. Verbinden Sie sich erneut, um fortzufahren – bis dahin kann Ihr Programm Box nicht nutzen.</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../gui/demo.py" line="20"/>
        <source>Demo: sign in as ada@example.com with the password demo.</source>
        <extracomment>How to sign in to the pretend Box: said once, in the sign-in window, where it is needed (the pretend Box&apos;s own page does not repeat it, see ``default_sandbox_factory``).</extracomment>
        <translation>Demo: Melden Sie sich als ada@example.com mit dem Passwort demo an.</translation>
    </message>
    <message>
        <location filename="../../gui/demo.py" line="22"/>
        <source>You are trying the demo: a pretend Box runs on this computer, so nothing real is used.</source>
        <extracomment>The main window&apos;s message bar when the demo starts.</extracomment>
        <translation>Sie probieren gerade die Demo aus: Auf diesem Computer läuft eine Box-Simulation, es wird also nichts Echtes verwendet.</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="168"/>
        <location filename="../../gui/doctor_dialog.py" line="184"/>
        <source>Check my setup</source>
        <translation>Meine Einrichtung prüfen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="187"/>
        <source>Box Login checks what it needs on this computer and on the way to Box. It changes nothing, here or at Box.</source>
        <translation>Box Login prüft, was es auf diesem Computer und auf dem Weg zu Box braucht. Dabei wird nichts verändert – weder hier noch bei Box.</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="193"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="198"/>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="210"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="213"/>
        <location filename="../../gui/doctor_dialog.py" line="214"/>
        <source>Run again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="216"/>
        <location filename="../../gui/doctor_dialog.py" line="217"/>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="218"/>
        <source>Copy the results as text, for example to send to IT.</source>
        <translation>Kopiert die Ergebnisse als Text, etwa um sie an die IT zu schicken.</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="220"/>
        <location filename="../../gui/doctor_dialog.py" line="221"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="262"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="295"/>
        <source>{summary} The report is on the clipboard.</source>
        <translation>{summary} Der Bericht ist in der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="343"/>
        <source>The checks could not run: {reason}</source>
        <translation>Die Prüfungen konnten nicht ausgeführt werden: {reason}</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../gui/token_panel.py" line="107"/>
        <source>{hours} h {minutes} min</source>
        <extracomment>The long date&apos;s pattern in each language (QLocale&apos;s own long format adds the weekday).</extracomment>
        <translation>{hours} Std. {minutes} Min.</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="111"/>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} Min. {seconds} Sek.</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="114"/>
        <source>{seconds} s</source>
        <translation>{seconds} Sek.</translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../gui/failure.py" line="15"/>
        <source>Something unexpected went wrong. Please try again.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen. Bitte versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../gui/first_run.py" line="74"/>
        <source>Welcome to Box Login</source>
        <translation>Willkommen bei Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="78"/>
        <source>Box Login connects your Box account to a program on this computer. You sign in to Box once; Box Login keeps the connection safe and renews it for you.</source>
        <translation>Box Login verbindet Ihr Box-Konto mit einem Programm auf diesem Computer. Sie melden sich einmal bei Box an; Box Login bewahrt die Verbindung sicher auf und erneuert sie für Sie.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="86"/>
        <source>This copy of Box Login is not set up yet: it does not know which program should get access. Whoever gave you Box Login can send you a settings file.</source>
        <translation>Box Login ist auf diesem Computer noch nicht eingerichtet: Es weiß noch nicht, welches Programm Zugriff bekommen soll. Wer Ihnen Box Login gegeben hat, kann Ihnen eine Einstellungsdatei schicken.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="93"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="96"/>
        <source>Runs a pretend Box on this computer so you can see how signing in works. No Box account needed.</source>
        <translation>Startet eine Box-Simulation auf diesem Computer, damit Sie sehen, wie die Anmeldung funktioniert. Sie brauchen kein Box-Konto.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="102"/>
        <source>No Box account needed: a pretend Box runs on this computer.</source>
        <translation>Kein Box-Konto nötig: Auf diesem Computer läuft eine Box-Simulation.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="105"/>
        <location filename="../../gui/first_run.py" line="146"/>
        <source>Set up…</source>
        <translation>Einrichten…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="108"/>
        <source>For the person who manages the program: enter its Box app details or open a settings file.</source>
        <translation>Für die Person, die das Programm betreut: Geben Sie die Angaben zur Box-App ein oder öffnen Sie eine Einstellungsdatei.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="137"/>
        <source>Box Login&apos;s settings could not be read</source>
        <translation>Die Einstellungen von Box Login konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="141"/>
        <source>Whoever gave you Box Login can send you a new settings file. Open it with “Set up…”, or try the demo meanwhile.</source>
        <translation>Wer Ihnen Box Login gegeben hat, kann Ihnen eine neue Einstellungsdatei schicken. Öffnen Sie sie mit „Einrichten…“ oder probieren Sie in der Zwischenzeit die Demo aus.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="160"/>
        <location filename="../../gui/first_run.py" line="181"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="163"/>
        <source>Shows or hides the technical details</source>
        <translation>Blendet die technischen Details ein oder aus</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="167"/>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="181"/>
        <source>Hide details</source>
        <translation>Details ausblenden</translation>
    </message>
</context>
<context>
    <name>KeepAlive</name>
    <message>
        <location filename="../../gui/keepalive_control.py" line="31"/>
        <source>Box ends a connection that goes unused for 60 days. So that yours keeps working while Box Login is closed, your computer now runs a short check once a day: when the connection is more than 30 days old, it renews it (nothing else is sent). If it cannot, you get a reminder a week before the end. You can turn this off here.</source>
        <extracomment>Said once, under the switch, when the window turns keep-alive on after the first sign-in.</extracomment>
        <translation>Box beendet eine Verbindung, die 60 Tage lang nicht genutzt wird. Damit Ihre Verbindung auch bei geschlossenem Box Login bestehen bleibt, prüft Ihr Computer sie jetzt einmal am Tag kurz: Ist sie älter als 30 Tage, wird sie erneuert (sonst wird nichts gesendet). Gelingt das nicht, werden Sie eine Woche vor dem Ende erinnert. Sie können das hier ausschalten.</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="39"/>
        <source>Once a day, your computer renews the connection when it is more than 30 days old.</source>
        <extracomment>Under the switch, afterwards.</extracomment>
        <translation>Ihr Computer erneuert die Verbindung einmal am Tag, sobald sie älter als 30 Tage ist.</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="42"/>
        <source>Off: Box Login reminds you a week before the connection ends.</source>
        <translation>Aus: Box Login erinnert Sie eine Woche, bevor die Verbindung endet.</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="46"/>
        <source>Off: nothing checks the connection while Box Login is closed.</source>
        <extracomment>Turned off altogether (&quot;box-login keep-alive uninstall&quot;): not even reminders.</extracomment>
        <translation>Aus: Solange Box Login geschlossen ist, prüft nichts die Verbindung.</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="49"/>
        <source>Not available with an encrypted file: renewing needs your passphrase, which Box Login never keeps. Open Box Login at least once every 60 days.</source>
        <translation>Mit einer verschlüsselten Datei nicht möglich: Zum Erneuern wird Ihre Passphrase gebraucht, und die bewahrt Box Login nie auf. Öffnen Sie Box Login mindestens alle 60 Tage einmal.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="245"/>
        <source>&amp;Account</source>
        <extracomment>The panel now shows a connected account (a StoredToken), saved in the store. The panel shows an account (a StoredToken); after a sign-in this comes while the store is still saving it, ``connected`` follows once it is saved. The account was disconnected (profile name). A sign-in ended without connecting (a Failure). The sign-in window was opened (a SignInWindow: its own process). A refresh (manual or automatic) finished (a StoredToken). The visible screen changed (its name: a :class:`Page`). The access key was copied to the clipboard. The window was drawn on screen for the first time (emitted once, after that paint). Something was said to the screen reader (text, urgent): an outcome in the status bar, or a message bar. Small enough for 1024x600 at 100 % and 1366x768 at 150 % (911x512 device-independent pixels) with room for the desktop&apos;s panels; the screens scroll when they need more.</extracomment>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="249"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="252"/>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="254"/>
        <source>&amp;Set up the Box app…</source>
        <translation>Box-App &amp;einrichten…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="256"/>
        <source>For administrators: which Box app Box Login signs in to</source>
        <translation>Für Administratoren: bei welcher Box-App sich Box Login anmeldet</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="258"/>
        <source>&amp;Advanced: server and limited access keys…</source>
        <translation>E&amp;rweitert: Server- und eingeschränkte Zugriffsschlüssel…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="263"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="265"/>
        <source>&amp;Check my setup…</source>
        <translation>Meine Einrichtung &amp;prüfen…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="267"/>
        <source>What Box Login needs on this computer and on the way to Box</source>
        <translation>Was Box Login auf diesem Computer und auf dem Weg zu Box braucht</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="269"/>
        <source>&amp;About {app}</source>
        <translation>Ü&amp;ber {app}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="281"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="284"/>
        <source>Same as the system</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="302"/>
        <source>The new language is used the next time you open Box Login.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Box Login.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="316"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="318"/>
        <source>A pretend Box on this computer; nothing real is used.</source>
        <translation>Eine Box-Simulation auf diesem Computer; nichts Echtes wird verwendet.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="338"/>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="349"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="643"/>
        <source>Add another Box account</source>
        <translation>Weiteres Box-Konto hinzufügen</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="644"/>
        <source>A short name for this account (for example “work” or “personal”):</source>
        <translation>Ein kurzer Name für dieses Konto (zum Beispiel „arbeit“ oder „privat“):</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="771"/>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="774"/>
        <source>Connects your Box account to a program on this computer and keeps the connection safe in your password store.</source>
        <translation>Verbindet Ihr Box-Konto mit einem Programm auf diesem Computer und bewahrt die Verbindung sicher in Ihrem Passwortspeicher auf.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../gui/widgets.py" line="219"/>
        <location filename="../../gui/widgets.py" line="221"/>
        <location filename="../../gui/widgets.py" line="300"/>
        <source>Details</source>
        <extracomment>KDE&apos;s mark for a password: Klipper and other clipboard managers (CopyQ, GPaste, …) keep such content out of their history. How Qt names a Windows clipboard format in mime data: ``application/x-qt-windows-mime; value=&quot;Name&quot;`` is registered as the clipboard format ``Name`` (RegisterClipboardFormat). macOS&apos;s concealed type (nspasteboard.org) as Qt-based clipboard tools (CopyQ, KeePassXC) name it. Qt itself puts an unknown mime type on the pasteboard as the type ``com.trolltech.anymime.&lt;mime&gt;``; the native ``org.nspasteboard.ConcealedType`` needs a native converter (QUtiMimeConverter), which PySide6 does not offer. The bar showed a message and told the screen reader (text, urgent). What a screen reader calls the bar, by level.</extracomment>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="223"/>
        <source>Shows or hides the technical details</source>
        <translation>Blendet die technischen Details ein oder aus</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="228"/>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="229"/>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="251"/>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="300"/>
        <source>Hide details</source>
        <translation>Details ausblenden</translation>
    </message>
</context>
<context>
    <name>NoKeyringPage</name>
    <message>
        <location filename="../../gui/first_run.py" line="204"/>
        <source>Where to keep your connection</source>
        <extracomment>Both choices get the same width, so neither looks like an afterthought.</extracomment>
        <translation>Wo soll die Verbindung aufbewahrt werden?</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="208"/>
        <source>This computer has no password store (such as GNOME Keyring) that Box Login can use, and Box Login never keeps your Box connection in a plain file. Please choose:</source>
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher (etwa GNOME Keyring), den Box Login nutzen kann, und Box Login legt Ihre Box-Verbindung nie in einer ungeschützten Datei ab. Bitte wählen Sie:</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="215"/>
        <source>Keep it in an encrypted file…</source>
        <translation>Verschlüsselte Datei verwenden…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="217"/>
        <source>You choose a passphrase; you will type it each time you start Box Login.</source>
        <translation>Sie legen eine Passphrase fest und geben sie bei jedem Start von Box Login ein.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="222"/>
        <source>Locked with a passphrase you choose. You type it each time you start Box Login.</source>
        <translation>Gesichert mit einer Passphrase, die Sie selbst wählen. Sie geben sie bei jedem Start von Box Login ein.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="225"/>
        <source>Keep it only while Box Login is open</source>
        <translation>Nur solange Box Login geöffnet ist</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="226"/>
        <source>Nothing is saved on this computer.</source>
        <translation>Auf diesem Computer wird nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="228"/>
        <source>Nothing is saved: you connect to Box again next time.</source>
        <translation>Es wird nichts gespeichert: Beim nächsten Mal verbinden Sie sich erneut mit Box.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="237"/>
        <source>Or have a password store installed, then start Box Login again. On Debian or Ubuntu, whoever looks after this computer can run “sudo apt-get install gnome-keyring”.</source>
        <translation>Oder lassen Sie einen Passwortspeicher installieren und starten Sie Box Login dann erneut. Unter Debian oder Ubuntu kann die Person, die diesen Computer betreut, „sudo apt-get install gnome-keyring“ ausführen.</translation>
    </message>
</context>
<context>
    <name>PageProblem</name>
    <message>
        <location filename="../../gui/web_network.py" line="488"/>
        <source>Box can&apos;t be found</source>
        <extracomment>The keyring service of proxy passwords the person chose to keep (one entry per proxy, named by its ``host:port``): apart from the Box sign-ins of ``core.store``. Seconds the password store has to find a kept proxy password before the sign-in window opens without it (the page then asks). Buttons on Box Login&apos;s own error page are links to this host, which never resolves (``.invalid`` is reserved): the sign-in window catches them before anything is sent. Chromium&apos;s environment variable for its switches (read when Qt WebEngine starts). The ``proxy`` part (see :func:`proxy_options`), or None: Qt WebEngine&apos;s own choice. Chromium&apos;s network error codes (net/base/net_error_list.h) and what they mean here. Codes that are no failure to report: a navigation Box Login (or a newer one) stopped. ABORTED, BLOCKED_BY_CLIENT, BLOCKED_BY_RESPONSE, DISALLOWED_URL_SCHEME.</extracomment>
        <translation>Box wurde nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="489"/>
        <source>Box refused the connection</source>
        <translation>Box hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="490"/>
        <source>Box did not answer</source>
        <translation>Box hat nicht geantwortet</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="491"/>
        <source>You&apos;re not connected to the internet</source>
        <translation>Sie sind nicht mit dem Internet verbunden</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="492"/>
        <source>Box can&apos;t be reached</source>
        <translation>Box ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="493"/>
        <source>The proxy server can&apos;t be reached</source>
        <translation>Der Proxyserver ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="496"/>
        <source>The proxy server did not let the page through</source>
        <translation>Der Proxyserver hat die Seite nicht durchgelassen</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="500"/>
        <source>The proxy server did not accept your user name and password</source>
        <translation>Der Proxyserver hat Ihren Benutzernamen und Ihr Passwort nicht angenommen</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="504"/>
        <source>The proxy server needs your user name and password</source>
        <translation>Der Proxyserver benötigt Ihren Benutzernamen und Ihr Passwort</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="506"/>
        <source>This may not really be Box</source>
        <translation>Dies ist möglicherweise nicht wirklich Box</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="514"/>
        <source>Box Login could not find {host} on the network: the name does not resolve.</source>
        <translation>Box Login konnte {host} im Netzwerk nicht finden: Der Name lässt sich nicht auflösen.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="518"/>
        <source>{host} refused the connection, so nothing was sent.</source>
        <translation>{host} hat die Verbindung abgelehnt; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="521"/>
        <source>{host} did not answer in time.</source>
        <translation>{host} hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="524"/>
        <source>This computer is not connected to a network.</source>
        <translation>Dieser Computer ist mit keinem Netzwerk verbunden.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="527"/>
        <source>The connection to {host} broke off before the page arrived.</source>
        <translation>Die Verbindung zu {host} ist abgebrochen, bevor die Seite ankam.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="530"/>
        <source>Box Login could not connect to the proxy server {proxy}.</source>
        <translation>Box Login konnte keine Verbindung zum Proxyserver {proxy} herstellen.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="533"/>
        <source>The proxy server {proxy} could not open a connection to {host}.</source>
        <translation>Der Proxyserver {proxy} konnte keine Verbindung zu {host} herstellen.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="537"/>
        <source>The proxy server {proxy} refused the user name and password.</source>
        <translation>Der Proxyserver {proxy} hat Benutzername und Passwort abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="541"/>
        <source>The proxy server {proxy} asks who you are before it lets the sign-in page through.</source>
        <translation>Der Proxyserver {proxy} möchte wissen, wer Sie sind, bevor er die Anmeldeseite durchlässt.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="547"/>
        <source>The security certificate of {host} could not be verified, so Box Login stopped loading the page. Nothing was sent.</source>
        <translation>Das Sicherheitszertifikat von {host} konnte nicht überprüft werden, daher hat Box Login das Laden der Seite abgebrochen. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="554"/>
        <source>The certificate file named by &quot;ca_bundle&quot; in the settings does not vouch for it either.</source>
        <translation>Auch die in den Einstellungen unter „ca_bundle“ angegebene Zertifikatsdatei bestätigt es nicht.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="568"/>
        <source>Check that this computer is connected to the internet, then try again. On a company network, ask your IT team whether Box is reached through a proxy.</source>
        <translation>Prüfen Sie, ob dieser Computer mit dem Internet verbunden ist, und versuchen Sie es dann erneut. In einem Firmennetzwerk fragen Sie Ihre IT, ob Box über einen Proxy erreicht wird.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="574"/>
        <source>Try again in a minute. If it keeps happening, a firewall may be blocking Box Login.</source>
        <translation>Versuchen Sie es in einer Minute erneut. Wenn es weiterhin passiert, blockiert möglicherweise eine Firewall Box Login.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="579"/>
        <source>Check the connection and try again. On a company network a firewall may be blocking the way to Box.</source>
        <translation>Prüfen Sie die Verbindung und versuchen Sie es erneut. In einem Firmennetzwerk blockiert möglicherweise eine Firewall den Weg zu Box.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="584"/>
        <source>Connect to a network, then try again.</source>
        <translation>Verbinden Sie sich mit einem Netzwerk und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="585"/>
        <source>Check that this computer is connected to the internet, then try again.</source>
        <translation>Prüfen Sie, ob dieser Computer mit dem Internet verbunden ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="589"/>
        <source>Check the proxy settings, or ask your IT team which proxy to use.</source>
        <translation>Prüfen Sie die Proxy-Einstellungen oder fragen Sie Ihre IT, welcher Proxy zu verwenden ist.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="592"/>
        <source>Try again in a minute. If it keeps happening, ask your IT team whether the proxy lets Box through.</source>
        <translation>Versuchen Sie es in einer Minute erneut. Wenn es weiterhin passiert, fragen Sie Ihre IT, ob der Proxy Box durchlässt.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="597"/>
        <source>Type them in the window Box Login opened, then try again. Your IT team can tell you which ones to use.</source>
        <translation>Geben Sie sie in dem Fenster ein, das Box Login geöffnet hat, und versuchen Sie es dann erneut. Ihre IT kann Ihnen sagen, welche Sie verwenden sollen.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="602"/>
        <source>If you are at work, your IT team can give you the certificate file Box Login needs for this network.</source>
        <translation>Am Arbeitsplatz kann Ihnen Ihre IT die Zertifikatsdatei geben, die Box Login für dieses Netzwerk braucht.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="630"/>
        <source>The sign-in page did not load. {what}</source>
        <translation>Die Anmeldeseite wurde nicht geladen. {what}</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="643"/>
        <source>Sign-in page not loaded – Box Login</source>
        <extracomment>The words on the error page&apos;s buttons (and the window&apos;s title).</extracomment>
        <translation>Anmeldeseite nicht geladen – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="644"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="645"/>
        <source>Check my setup</source>
        <translation>Meine Einrichtung prüfen</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="646"/>
        <source>Open in my browser instead</source>
        <translation>Stattdessen in meinem Browser öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="649"/>
        <source>en</source>
        <extracomment>The page&apos;s language code, &quot;translated&quot; into each language&apos;s own (de, ja).</extracomment>
        <translation>de</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../gui/first_run.py" line="282"/>
        <location filename="../../gui/first_run.py" line="299"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="286"/>
        <source>Choose a passphrase for the file that keeps your Box connection. You will need it each time you start Box Login; it cannot be recovered.</source>
        <translation>Wählen Sie eine Passphrase für die Datei, in der Ihre Box-Verbindung aufbewahrt wird. Sie brauchen sie bei jedem Start von Box Login; sie lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="290"/>
        <source>Type the passphrase of the file that keeps your Box connection.</source>
        <translation>Geben Sie die Passphrase der Datei ein, in der Ihre Box-Verbindung aufbewahrt wird.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="297"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="301"/>
        <source>Type it again</source>
        <translation>Noch einmal eingeben</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="325"/>
        <source>Please type a passphrase.</source>
        <translation>Bitte geben Sie eine Passphrase ein.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="329"/>
        <source>The two passphrases are different. Please type them again.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein. Bitte geben Sie sie erneut ein.</translation>
    </message>
</context>
<context>
    <name>ProfileSwitcher</name>
    <message>
        <location filename="../../gui/profile_switcher.py" line="37"/>
        <location filename="../../gui/profile_switcher.py" line="41"/>
        <source>Account</source>
        <extracomment>An account was chosen, in the list or the menu (its profile name). The list&apos;s last row, &quot;Add another Box account…&quot;, was chosen.</extracomment>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../../gui/profile_switcher.py" line="43"/>
        <source>Which Box account Box Login shows; the last entry adds another account</source>
        <translation>Welches Box-Konto Box Login anzeigt; mit dem letzten Eintrag fügen Sie ein weiteres Konto hinzu</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../../gui/profiles.py" line="21"/>
        <source>Add another Box account…</source>
        <extracomment>The account the window shows when none is named (``core.store.DEFAULT_PROFILE``, which is not imported here: the window&apos;s first picture does not need the store). The last row of the account list and an item of the Account menu.</extracomment>
        <translation>Weiteres Box-Konto hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../gui/profiles.py" line="54"/>
        <source>Main account</source>
        <translation>Hauptkonto</translation>
    </message>
</context>
<context>
    <name>ProxyCredentialsDialog</name>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="40"/>
        <source>Proxy sign-in</source>
        <translation>Anmeldung am Proxy</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="42"/>
        <location filename="../../gui/proxy_dialog.py" line="111"/>
        <source>The proxy server needs your user name and password</source>
        <translation>Der Proxyserver benötigt Ihren Benutzernamen und Ihr Passwort</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="47"/>
        <source>Proxy user name</source>
        <translation>Benutzername für den Proxy</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="50"/>
        <source>Proxy password</source>
        <translation>Passwort für den Proxy</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="51"/>
        <source>Remember in the password store</source>
        <translation>Im Passwortspeicher merken</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="55"/>
        <source>Keep this user name and password in this computer&apos;s password store, so Box Login does not ask again. Unticked, they are used only until Box Login closes.</source>
        <translation>Benutzername und Passwort im Passwortspeicher dieses Computers aufbewahren, damit Box Login nicht erneut fragt. Ohne Häkchen gelten sie nur, bis Box Login geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="62"/>
        <source>This computer has no password store Box Login can use.</source>
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher, den Box Login nutzen kann.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="65"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="68"/>
        <source>&amp;User name</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="69"/>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="74"/>
        <location filename="../../gui/proxy_dialog.py" line="76"/>
        <source>Sign in to the proxy</source>
        <translation>Am Proxy anmelden</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="103"/>
        <source>The proxy server did not accept your user name and password</source>
        <translation>Der Proxyserver hat Ihren Benutzernamen und Ihr Passwort nicht angenommen</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="106"/>
        <source>The proxy server {proxy} refused them. Please type them again.</source>
        <translation>Der Proxyserver {proxy} hat sie abgelehnt. Bitte geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="108"/>
        <source>The proxy server refused them. Please type them again.</source>
        <translation>Der Proxyserver hat sie abgelehnt. Bitte geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="114"/>
        <source>The proxy server {proxy} asks who you are before it lets the Box sign-in page through.</source>
        <translation>Der Proxyserver {proxy} möchte wissen, wer Sie sind, bevor er die Anmeldeseite von Box durchlässt.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="119"/>
        <source>The proxy server asks who you are before it lets the Box sign-in page through.</source>
        <translation>Der Proxyserver möchte wissen, wer Sie sind, bevor er die Anmeldeseite von Box durchlässt.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="123"/>
        <source>Use the user name and password of your account on this network; your IT team can tell you which.</source>
        <translation>Verwenden Sie Benutzername und Passwort Ihres Kontos in diesem Netzwerk; Ihre IT kann Ihnen sagen, welche das sind.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="134"/>
        <source>Please type the user name.</source>
        <translation>Bitte geben Sie den Benutzernamen ein.</translation>
    </message>
</context>
<context>
    <name>Scopes</name>
    <message>
        <location filename="../../gui/token_panel.py" line="38"/>
        <source>Read and change all your files and folders</source>
        <extracomment>Plain words for Box&apos;s scopes (what the program may do), one for each name in core.scopes.BOX_SCOPES (a test keeps the two lists equal).</extracomment>
        <translation>Alle Ihre Dateien und Ordner lesen und ändern</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="39"/>
        <source>Read all your files and folders</source>
        <translation>Alle Ihre Dateien und Ordner lesen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="40"/>
        <source>Manage users</source>
        <translation>Benutzer verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="41"/>
        <source>Manage app users</source>
        <translation>App-Benutzer verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="42"/>
        <source>Manage groups</source>
        <translation>Gruppen verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="43"/>
        <source>Manage webhooks</source>
        <translation>Webhooks verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="44"/>
        <source>Manage company settings</source>
        <translation>Unternehmenseinstellungen verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="45"/>
        <source>Manage retention policies</source>
        <translation>Aufbewahrungsrichtlinien verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="46"/>
        <source>Manage legal holds</source>
        <translation>Legal Holds verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="47"/>
        <source>Send and manage signature requests</source>
        <translation>Signaturanfragen senden und verwalten</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="48"/>
        <source>Use Box AI</source>
        <translation>Box AI verwenden</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="49"/>
        <source>Preview files</source>
        <translation>Vorschau von Dateien anzeigen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="50"/>
        <source>Download files and folders</source>
        <translation>Dateien und Ordner herunterladen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="51"/>
        <source>Upload files</source>
        <translation>Dateien hochladen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="52"/>
        <source>Share files and folders</source>
        <translation>Dateien und Ordner freigeben</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="53"/>
        <source>Delete files and folders</source>
        <translation>Dateien und Ordner löschen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="54"/>
        <source>Rename files and folders</source>
        <translation>Dateien und Ordner umbenennen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="55"/>
        <source>Comment on files</source>
        <translation>Dateien kommentieren</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="56"/>
        <source>Read files and folders</source>
        <translation>Dateien und Ordner lesen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="57"/>
        <source>Read and change files and folders</source>
        <translation>Dateien und Ordner lesen und ändern</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="58"/>
        <source>Manage automated workflows (Box Relay)</source>
        <translation>Automatisierte Workflows verwalten (Box Relay)</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="59"/>
        <source>Show file previews inside the app</source>
        <translation>Dateivorschauen in der App anzeigen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="60"/>
        <source>Upload files from inside the app</source>
        <translation>Dateien aus der App hochladen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="61"/>
        <source>Browse your files inside the app</source>
        <translation>Ihre Dateien in der App durchsuchen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="62"/>
        <source>Pick files inside the app</source>
        <translation>Dateien in der App auswählen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="63"/>
        <source>Show file details inside the app</source>
        <translation>Dateidetails in der App anzeigen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="64"/>
        <source>Add and change notes on files</source>
        <translation>Anmerkungen zu Dateien hinzufügen und ändern</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="65"/>
        <source>See everyone&apos;s notes on files</source>
        <translation>Anmerkungen aller Personen zu Dateien sehen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="66"/>
        <source>See your own notes on files</source>
        <translation>Eigene Anmerkungen zu Dateien sehen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="76"/>
        <source>Everything the app was allowed when it was set up at Box</source>
        <extracomment>Renew the access key this long before it expires.</extracomment>
        <translation>Alles, was der App bei ihrer Einrichtung in Box erlaubt wurde</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="79"/>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <location filename="../../gui/widgets.py" line="327"/>
        <location filename="../../gui/widgets.py" line="362"/>
        <source>Access key (hidden)</source>
        <extracomment>What a hidden secret looks like: a fixed number of dots, so the field never shows a dot cut in half at its edge, nor how long the secret is.</extracomment>
        <translation>Zugriffsschlüssel (verborgen)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="329"/>
        <source>Use “Show the access key” to read it, or copy it with the button after it.</source>
        <translation>Mit „Zugriffsschlüssel anzeigen“ können Sie ihn lesen, oder Sie kopieren ihn mit der Schaltfläche dahinter.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="335"/>
        <location filename="../../gui/widgets.py" line="336"/>
        <location filename="../../gui/widgets.py" line="377"/>
        <source>Show the access key</source>
        <translation>Zugriffsschlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="339"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="362"/>
        <source>Access key</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="377"/>
        <source>Hide the access key</source>
        <translation>Zugriffsschlüssel verbergen</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../gui/setup_dialog.py" line="57"/>
        <location filename="../../gui/setup_dialog.py" line="62"/>
        <source>Set up Box Login</source>
        <extracomment>Wide enough that each explanation takes at most two lines.</extracomment>
        <translation>Box Login einrichten</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="65"/>
        <source>For the person who manages the Box app this copy of Box Login signs in to. Open the settings file you were given, or copy the app&apos;s details from the Box Developer Console.</source>
        <translation>Für die Person, die die Box-App betreut, bei der sich dieses Box Login anmeldet. Öffnen Sie die Einstellungsdatei, die Sie erhalten haben, oder übernehmen Sie die Angaben der App aus der Box Developer Console.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="71"/>
        <source>Open a settings file…</source>
        <translation>Einstellungsdatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="75"/>
        <source>(a .json file)</source>
        <translation>(eine .json-Datei)</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="83"/>
        <source>One address per line</source>
        <translation>Eine Adresse pro Zeile</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="88"/>
        <source>Leave empty to use the app&apos;s settings at Box</source>
        <translation>Leer lassen, um die Einstellungen der App in Box zu verwenden</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="90"/>
        <source>The Box app</source>
        <translation>Die Box-App</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="94"/>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="96"/>
        <source>The app&apos;s ID, on its Configuration page at Box.</source>
        <translation>Die Kennung der App, zu finden auf ihrer Seite „Konfiguration“ bei Box.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="100"/>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="102"/>
        <source>The app&apos;s password, next to the client ID. Keep it private.</source>
        <translation>Das Passwort der App, neben der Client-ID. Geben Sie es nicht weiter.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="106"/>
        <source>Redirect URIs</source>
        <translation>Umleitungs-URIs</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="109"/>
        <source>Where Box sends people back after they sign in; the app at Box must list the same ones. Addresses with 127.0.0.1 work best.</source>
        <translation>Wohin Box nach der Anmeldung zurückleitet; bei der App in Box müssen dieselben Adressen eingetragen sein. Adressen mit 127.0.0.1 funktionieren am besten.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="120"/>
        <source>Scope</source>
        <extracomment>Shown while a &quot;localhost&quot; address is listed: which 127.0.0.1 address to use.</extracomment>
        <translation>Bereich (Scope)</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="123"/>
        <source>Optional: what the app may do, e.g. root_readonly. Empty: all that the app was allowed at Box.</source>
        <translation>Optional: was die App darf, z. B. root_readonly. Leer: alles, was der App bei Box erlaubt wurde.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="133"/>
        <location filename="../../gui/setup_dialog.py" line="237"/>
        <source>Box addresses (change only if Box told you to)…</source>
        <translation>Box-Adressen (nur ändern, wenn Box Sie darum bittet)…</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="137"/>
        <source>Box addresses</source>
        <translation>Box-Adressen</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="140"/>
        <source>Change these only if Box told you to.</source>
        <translation>Ändern Sie diese nur, wenn Box Sie darum bittet.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="143"/>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="235"/>
        <source>Hide Box addresses</source>
        <translation>Box-Adressen ausblenden</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="284"/>
        <source>Read {file}. Check the details and click Save.</source>
        <translation>{file} wurde gelesen. Prüfen Sie die Angaben und klicken Sie auf „Speichern“.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="292"/>
        <source>Open a settings file</source>
        <translation>Einstellungsdatei öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="294"/>
        <source>Settings (*.json);;All files (*)</source>
        <translation>Einstellungen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="310"/>
        <source>The settings could not be saved.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="330"/>
        <source>Tip: use {preferred} instead of {uri} (and likewise for the others), and list it at Box too. 127.0.0.1 always means this computer; what “localhost” means depends on the computer’s setup.</source>
        <translation>Tipp: Verwenden Sie {preferred} statt {uri} (und entsprechend für die anderen) und tragen Sie die Adresse auch bei Box ein. 127.0.0.1 ist immer dieser Computer; was „localhost“ bedeutet, hängt von der Einrichtung des Computers ab.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="337"/>
        <source>Tip: use {preferred} instead of {uri}, and list it at Box too. 127.0.0.1 always means this computer; what “localhost” means depends on the computer’s setup.</source>
        <translation>Tipp: Verwenden Sie {preferred} statt {uri} und tragen Sie die Adresse auch bei Box ein. 127.0.0.1 ist immer dieser Computer; was „localhost“ bedeutet, hängt von der Einrichtung des Computers ab.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="374"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The page did not load (a PageProblem): Box Login&apos;s own error page is shown instead. The error page&apos;s &quot;Check my setup&quot;. Tall enough for a whole sign-in page (with the demo hint above it) without scrolling.</extracomment>
        <translation>Bei Box anmelden – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="420"/>
        <source>Open in my browser instead</source>
        <extracomment>The last load failure shown on Box Login&apos;s own error page (None once a page loads).</extracomment>
        <translation>Stattdessen in meinem Browser öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="423"/>
        <source>Continue this same sign-in in your usual web browser (for example if you use a security key or your organization&apos;s sign-in page does not work here).</source>
        <translation>Setzen Sie diese Anmeldung in Ihrem gewohnten Webbrowser fort (zum Beispiel, wenn Sie einen Sicherheitsschlüssel verwenden oder die Anmeldeseite Ihrer Organisation hier nicht funktioniert).</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="428"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="501"/>
        <source>Connected as {who}. This window closes by itself.</source>
        <translation>Verbunden als {who}. Dieses Fenster schließt sich von selbst.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="669"/>
        <source>Box Login did not open {host} because the connection is not secure. Your sign-in was not sent anywhere.</source>
        <translation>Box Login hat {host} nicht geöffnet, weil die Verbindung nicht sicher ist. Ihre Anmeldedaten wurden nirgendwohin gesendet.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="680"/>
        <source>Finishing…</source>
        <translation>Wird abgeschlossen…</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="688"/>
        <source>Box Login stopped loading {host}: its security certificate could not be verified, so this may not really be Box. Nothing was sent. Try again later or on another network; if you are at work, your IT team can tell you whether a network device inspects secure connections.</source>
        <translation>Box Login hat das Laden von {host} abgebrochen: Das Sicherheitszertifikat konnte nicht überprüft werden, daher ist dies möglicherweise nicht wirklich Box. Es wurde nichts gesendet. Versuchen Sie es später oder in einem anderen Netzwerk erneut; am Arbeitsplatz kann Ihnen Ihre IT sagen, ob ein Netzwerkgerät sichere Verbindungen prüft.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="336"/>
        <source>This sign-in asks for a security key.</source>
        <extracomment>True while Box Login&apos;s own error page is shown (its buttons work only then). Since the last navigation: the proxy asked and got no answer (none, or refused).</extracomment>
        <translation>Für diese Anmeldung wird ein Sicherheitsschlüssel benötigt.</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <location filename="../../gui/signin_window.py" line="535"/>
        <location filename="../../gui/signin_window.py" line="573"/>
        <source>Finish signing in in your web browser. This window updates by itself.</source>
        <extracomment>Turns the test hooks on for sign-in windows started from now on (tests only). The page did not load (a gui.failure.Failure saying why), or None once one did. The error page&apos;s &quot;Check my setup&quot; was clicked. Why the page did not load, while Box Login&apos;s own error page shows it. What the child&apos;s address strip shows: host, kind (a SiteKind value) and note. The child&apos;s message bar: text and level (&quot;&quot; when none).</extracomment>
        <translation>Schließen Sie die Anmeldung in Ihrem Webbrowser ab. Dieses Fenster aktualisiert sich von selbst.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="540"/>
        <location filename="../../gui/signin_window.py" line="581"/>
        <source>Box Login could not open your web browser. Open your browser, then click “Open the sign-in page again”.</source>
        <translation>Box Login konnte Ihren Webbrowser nicht öffnen. Öffnen Sie Ihren Browser und klicken Sie dann auf „Anmeldeseite erneut öffnen“.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="621"/>
        <source>The sign-in window closed unexpectedly. Nothing was sent or saved. You can continue signing in in your web browser instead, or cancel and try again.</source>
        <translation>Das Anmeldefenster wurde unerwartet geschlossen. Es wurde nichts gesendet oder gespeichert. Sie können die Anmeldung stattdessen in Ihrem Webbrowser fortsetzen oder abbrechen und es erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="625"/>
        <source>The sign-in window stopped</source>
        <translation>Das Anmeldefenster wurde beendet</translation>
    </message>
</context>
<context>
    <name>TokenPanel</name>
    <message>
        <location filename="../../gui/token_panel.py" line="234"/>
        <location filename="../../gui/token_panel.py" line="352"/>
        <source>Connected</source>
        <extracomment>The person flipped &quot;Keep me connected even when Box Login is closed&quot; (on or off).</extracomment>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="255"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="256"/>
        <source>Access key</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="257"/>
        <source>Allowed to</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="258"/>
        <source>Where</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="269"/>
        <source>Keep me connected even when Box Login is closed</source>
        <translation>Verbunden bleiben, auch wenn Box Login geschlossen ist</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="278"/>
        <source>Copy access key</source>
        <translation>Zugriffsschlüssel kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="282"/>
        <source>Your program uses this access key to reach Box for you. Keep it private.</source>
        <translation>Mit diesem Zugriffsschlüssel greift Ihr Programm für Sie auf Box zu. Geben Sie ihn nicht weiter.</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="288"/>
        <source>Refresh now</source>
        <translation>Jetzt erneuern</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="289"/>
        <source>Get a new access key from Box now</source>
        <translation>Jetzt einen neuen Zugriffsschlüssel von Box holen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="291"/>
        <source>Disconnect…</source>
        <translation>Trennen…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="293"/>
        <source>End this connection at Box and remove it from this computer</source>
        <translation>Diese Verbindung bei Box beenden und von diesem Computer entfernen</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="315"/>
        <source>less than a day left</source>
        <translation>noch weniger als ein Tag</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="317"/>
        <source>1 day left</source>
        <translation>noch 1 Tag</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="318"/>
        <source>{days} days left</source>
        <translation>noch {days} Tage</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="324"/>
        <source>Box user</source>
        <translation>Box-Benutzer</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="336"/>
        <source>Connected until {date}</source>
        <translation>Verbunden bis {date}</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="341"/>
        <source>{until} ({days_left})</source>
        <translation>{until} ({days_left})</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="347"/>
        <source>Box keeps this connection for 60 days after the last renewal. Box Login renews it while it is in use.</source>
        <translation>Box hält diese Verbindung nach der letzten Erneuerung 60 Tage lang. Box Login erneuert sie, solange sie genutzt wird.</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="408"/>
        <source>Renewing…</source>
        <translation>Wird erneuert…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="413"/>
        <source>Expired — renewing…</source>
        <translation>Abgelaufen – wird erneuert…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="416"/>
        <source>Renewing now (valid for {duration})</source>
        <translation>Wird jetzt erneuert (noch {duration} gültig)</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="422"/>
        <source>Valid for {duration} — renews by itself before it runs out</source>
        <translation>Noch {duration} gültig – wird vor Ablauf automatisch erneuert</translation>
    </message>
</context>
<context>
    <name>TokenResult</name>
    <message>
        <location filename="../../gui/advanced.py" line="85"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="105"/>
        <source>Valid until {time} ({minutes} minutes).</source>
        <translation>Gültig bis {time} Uhr ({minutes} Minuten).</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="111"/>
        <source>Limited to {count} item(s).</source>
        <translation>Auf {count} Element(e) beschränkt.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="113"/>
        <source>Box did not say how long it is valid.</source>
        <translation>Box hat nicht mitgeteilt, wie lange er gültig ist.</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <location filename="../../gui/window_controller.py" line="93"/>
        <source>Saved in </source>
        <extracomment>After a failed automatic renewal, try again this much later (not on every tick). How long a status line that reports an outcome stays (one that reports work stays). Wraps a GUI-thread handler into a callback core may call from any thread.</extracomment>
        <translation>Gespeichert in </translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="97"/>
        <source>Kept in memory only — forgotten when Box Login closes</source>
        <translation>Nur im Arbeitsspeicher – wird beim Schließen von Box Login vergessen</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="102"/>
        <source>Your connection will be saved in an {place}, protected by your passphrase</source>
        <translation>Ihre Verbindung wird gespeichert in: {place}, geschützt durch Ihre Passphrase</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="107"/>
        <source>Saved in an {place}, protected by your passphrase</source>
        <translation>Gespeichert in: {place}, geschützt durch Ihre Passphrase</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="110"/>
        <source>Your connection will be saved in {place}</source>
        <translation>Ihre Verbindung wird gespeichert in: {place}</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="112"/>
        <source>Saved in {place}</source>
        <translation>Gespeichert in: {place}</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="119"/>
        <source>Your connection will be saved in </source>
        <translation>Ihre Verbindung wird gespeichert in </translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="328"/>
        <source>Opening your password store…</source>
        <translation>Ihr Passwortspeicher wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="347"/>
        <source>No password store found on this computer.</source>
        <translation>Auf diesem Computer wurde kein Passwortspeicher gefunden.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="354"/>
        <source>Box Login could not open where it keeps connections.</source>
        <translation>Box Login konnte den Speicherort der Verbindungen nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="362"/>
        <source>Checking your connection…</source>
        <translation>Ihre Verbindung wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="374"/>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="384"/>
        <source>Box Login could not read your saved connection.</source>
        <translation>Box Login konnte Ihre gespeicherte Verbindung nicht lesen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="423"/>
        <source>Switched to {profile}.</source>
        <translation>Zu {profile} gewechselt.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="435"/>
        <source>Please use a short name with letters, digits, dots or dashes (for example “work”).</source>
        <translation>Bitte verwenden Sie einen kurzen Namen aus Buchstaben, Ziffern, Punkten oder Bindestrichen (zum Beispiel „arbeit“).</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="472"/>
        <source>The demo could not start.</source>
        <translation>Die Demo konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="492"/>
        <source>Settings saved to {where}.</source>
        <translation>Einstellungen gespeichert in {where}.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="531"/>
        <location filename="../../gui/window_controller.py" line="560"/>
        <source>Waiting for you to sign in to Box…</source>
        <translation>Warten auf Ihre Anmeldung bei Box…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="555"/>
        <source>The Box sign-in page did not load; the sign-in window says why.</source>
        <translation>Die Anmeldeseite von Box wurde nicht geladen; das Anmeldefenster nennt den Grund.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="566"/>
        <source>Continue signing in in your web browser…</source>
        <translation>Setzen Sie die Anmeldung in Ihrem Webbrowser fort…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="594"/>
        <source>Saving the connection in {where}…</source>
        <translation>Die Verbindung wird gespeichert in {where}…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="604"/>
        <source>your Box account</source>
        <translation>Ihr Box-Konto</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="609"/>
        <source>Connected as {who}.</source>
        <translation>Verbunden als {who}.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="635"/>
        <source>Sign-in cancelled. Nothing was saved.</source>
        <translation>Anmeldung abgebrochen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="638"/>
        <location filename="../../gui/window_controller.py" line="649"/>
        <location filename="../../gui/window_controller.py" line="659"/>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="640"/>
        <source>You chose not to give access at Box, so nothing was connected. You can connect again whenever you like.</source>
        <translation>Sie haben den Zugriff bei Box nicht erlaubt, daher wurde nichts verbunden. Sie können sich jederzeit erneut verbinden.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="651"/>
        <source>Signing in took too long, so Box Login stopped waiting. Please try again.</source>
        <translation>Die Anmeldung hat zu lange gedauert, deshalb wartet Box Login nicht mehr. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="661"/>
        <source>Connecting to Box did not work.</source>
        <translation>Die Verbindung mit Box ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="727"/>
        <source>Setting it up…</source>
        <translation>Wird eingerichtet…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="729"/>
        <source>Turning it off…</source>
        <translation>Wird ausgeschaltet…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="749"/>
        <source>Keep-alive is on.</source>
        <translation>Die Verbindung wird jetzt auch bei geschlossenem Box Login gehalten.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="751"/>
        <source>Keep-alive is off; reminders stay on.</source>
        <translation>Die Verbindung wird nicht mehr im Hintergrund gehalten; Erinnerungen bleiben eingeschaltet.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="759"/>
        <source>Box Login could not change keep-alive.</source>
        <translation>Box Login konnte die Einstellung „Verbunden bleiben“ nicht ändern.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="771"/>
        <source>Renewing the access key…</source>
        <translation>Der Zugriffsschlüssel wird erneuert…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="773"/>
        <source>Getting a new access key from Box…</source>
        <translation>Neuer Zugriffsschlüssel wird von Box geholt…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="783"/>
        <source>Access key renewed.</source>
        <translation>Zugriffsschlüssel erneuert.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="789"/>
        <source>Renewing did not work.</source>
        <translation>Die Erneuerung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="792"/>
        <source>Box asks you to sign in again. Click “Connect again”.</source>
        <translation>Box bittet Sie, sich erneut anzumelden. Klicken Sie auf „Erneut verbinden“.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="804"/>
        <source>Box Login could not renew the access key; it will try again.</source>
        <translation>Box Login konnte den Zugriffsschlüssel nicht erneuern und versucht es später noch einmal.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="811"/>
        <source>Box Login could not renew the access key.</source>
        <translation>Box Login konnte den Zugriffsschlüssel nicht erneuern.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="827"/>
        <source>Getting a valid access key…</source>
        <translation>Ein gültiger Zugriffsschlüssel wird geholt…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="838"/>
        <source>Access key copied. Box Login clears it from the clipboard in {seconds} seconds.</source>
        <translation>Zugriffsschlüssel kopiert. Box Login entfernt ihn in {seconds} Sekunden wieder aus der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="849"/>
        <source>Copying did not work.</source>
        <translation>Das Kopieren ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="853"/>
        <source>Box Login could not get a valid access key.</source>
        <translation>Box Login konnte keinen gültigen Zugriffsschlüssel holen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="861"/>
        <source>Disconnect from Box?</source>
        <translation>Von Box trennen?</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="862"/>
        <source>Disconnect {who}? Box Login will tell Box to end the connection and remove it from this computer. Your program will no longer be able to use Box until you connect again.</source>
        <translation>Verbindung für {who} trennen? Box Login bittet Box, die Verbindung zu beenden, und entfernt sie von diesem Computer. Ihr Programm kann Box dann erst wieder nutzen, wenn Sie sich erneut verbinden.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="867"/>
        <source>this account</source>
        <translation>dieses Konto</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="868"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="889"/>
        <source>Disconnected.</source>
        <translation>Getrennt.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="891"/>
        <source>Disconnected. Box confirmed that the old access key no longer works.</source>
        <translation>Getrennt. Box hat bestätigt, dass der alte Zugriffsschlüssel nicht mehr funktioniert.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="896"/>
        <source>Disconnected and removed from this computer.</source>
        <translation>Getrennt und von diesem Computer entfernt.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="904"/>
        <source>Disconnecting did not finish.</source>
        <translation>Das Trennen wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="907"/>
        <source>Box could not be reached</source>
        <translation>Box ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="908"/>
        <source>Box could not be reached, so the connection could not be ended at Box. Remove it from this computer anyway? It then stays valid at Box until it expires (at most 60 days).</source>
        <translation>Box ist nicht erreichbar, daher konnte die Verbindung bei Box nicht beendet werden. Trotzdem von diesem Computer entfernen? Bei Box bleibt sie dann gültig, bis sie abläuft (höchstens 60 Tage).</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="914"/>
        <source>Remove from this computer</source>
        <translation>Von diesem Computer entfernen</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="924"/>
        <source>Disconnecting did not work.</source>
        <translation>Das Trennen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="933"/>
        <source>Removing the connection from this computer…</source>
        <translation>Die Verbindung wird von diesem Computer entfernt…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="943"/>
        <source>Removed from this computer.</source>
        <translation>Von diesem Computer entfernt.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="945"/>
        <source>Removed from this computer. Box was not told (it could not be reached); the old connection ends there by itself.</source>
        <translation>Von diesem Computer entfernt. Box wurde nicht benachrichtigt (nicht erreichbar); die alte Verbindung endet dort von selbst.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="957"/>
        <source>Box Login could not remove the connection.</source>
        <translation>Box Login konnte die Verbindung nicht entfernen.</translation>
    </message>
</context>
</TS>
