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
        <translation>Box&#xa0;Login auf diesem Computer</translation>
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
        <location filename="../../gui/advanced.py" line="51"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="52"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="53"/>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="54"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="55"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="56"/>
        <source>Share</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="57"/>
        <source>UI Elements: preview</source>
        <translation>UI Elements: Vorschau</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="58"/>
        <source>UI Elements: explore</source>
        <translation>UI Elements: Explorer</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="59"/>
        <source>UI Elements: upload</source>
        <translation>UI Elements: Hochladen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="60"/>
        <source>View own annotations</source>
        <translation>Eigene Anmerkungen ansehen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="61"/>
        <source>Edit annotations</source>
        <translation>Anmerkungen bearbeiten</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="71"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="72"/>
        <source>The private key in this file is protected. Type its passphrase:</source>
        <translation>Der private Schlüssel in dieser Datei ist geschützt. Geben Sie die Passphrase ein:</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="139"/>
        <source>Advanced — Box Login</source>
        <translation>Erweitert – Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="151"/>
        <source>For administrators and developers. These keys act for an app or a company rather than for you; keep them private.</source>
        <translation>Für Administratoren und Entwickler. Diese Schlüssel handeln im Namen einer App oder eines Unternehmens, nicht in Ihrem Namen. Halten Sie sie geheim.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="158"/>
        <source>Server key</source>
        <translation>Serverschlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="159"/>
        <source>Server key (JWT)</source>
        <translation>Serverschlüssel (JWT)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="160"/>
        <source>Limited key</source>
        <translation>Eingeschränkter Schlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="161"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="178"/>
        <source>Get a key for the app&apos;s service account (enterprise) or for one user, with the app&apos;s client ID and secret (client credentials).</source>
        <translation>Holen Sie mit der Client-ID und dem Client-Geheimnis der App einen Schlüssel für das Dienstkonto der App (Enterprise) oder für einen einzelnen Benutzer (Client Credentials).</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="182"/>
        <source>Company (enterprise)</source>
        <translation>Unternehmen (Enterprise)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="183"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="193"/>
        <source>Enterprise ID or user ID</source>
        <translation>Enterprise-ID oder Benutzer-ID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="195"/>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="196"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="197"/>
        <location filename="../../gui/advanced.py" line="267"/>
        <source>Get server key</source>
        <translation>Serverschlüssel holen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="217"/>
        <source>Set up the Box app first (Tools menu).</source>
        <translation>Richten Sie zuerst die Box-App ein (Menü „Werkzeuge“).</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="221"/>
        <source>Type the enterprise or user ID.</source>
        <translation>Geben Sie die Enterprise-ID oder die Benutzer-ID ein.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="251"/>
        <source>Get a server key with the Box app&apos;s configuration file (JWT), downloaded from the Box Developer Console.</source>
        <translation>Holen Sie einen Serverschlüssel mit der Konfigurationsdatei der Box-App (JWT), die Sie aus der Box Developer Console heruntergeladen haben.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="256"/>
        <source>…_config.json</source>
        <translation>…_config.json</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="257"/>
        <source>Choose file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="263"/>
        <source>Leave empty for the company (enterprise)</source>
        <translation>Für das Unternehmen (Enterprise) leer lassen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="265"/>
        <source>Configuration file</source>
        <translation>Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="266"/>
        <source>User ID</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="281"/>
        <source>Box app configuration</source>
        <translation>Konfiguration der Box-App</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="283"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="293"/>
        <source>Choose the Box app configuration file.</source>
        <translation>Wählen Sie die Konfigurationsdatei der Box-App aus.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="312"/>
        <source>The configuration has no enterprise ID; type a user ID.</source>
        <translation>Die Konfiguration enthält keine Enterprise-ID; geben Sie eine Benutzer-ID ein.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="346"/>
        <source>Make a key that can do only a few things, optionally only on one file, folder or shared link — for example to hand to a web page. It is made from your connected account.</source>
        <translation>Erstellen Sie einen Schlüssel, der nur wenig darf – auf Wunsch nur für eine Datei, einen Ordner oder einen freigegebenen Link, etwa um ihn an eine Webseite weiterzugeben. Er wird aus Ihrem verbundenen Konto erstellt.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="360"/>
        <source>https://api.box.com/2.0/files/123 (optional)</source>
        <translation>https://api.box.com/2.0/files/123 (optional)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="362"/>
        <source>https://app.box.com/s/… (optional)</source>
        <translation>https://app.box.com/s/… (optional)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="364"/>
        <source>File or folder</source>
        <translation>Datei oder Ordner</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="365"/>
        <source>Shared link</source>
        <translation>Freigegebener Link</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="366"/>
        <source>Make limited key</source>
        <translation>Eingeschränkten Schlüssel erstellen</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="383"/>
        <source>Connect your Box account first.</source>
        <translation>Verbinden Sie zuerst Ihr Box-Konto.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="388"/>
        <source>Choose at least one thing the key may do.</source>
        <translation>Wählen Sie mindestens eine Berechtigung für den Schlüssel aus.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="395"/>
        <source>Give a file or folder, or a shared link — not both.</source>
        <translation>Geben Sie eine Datei oder einen Ordner an oder einen freigegebenen Link – nicht beides.</translation>
    </message>
</context>
<context>
    <name>AppConfig</name>
    <message>
        <location filename="../../core/jwt_assertion.py" line="35"/>
        <source>Download the app&apos;s configuration again in the Box developer console (your app &gt; Configuration &gt; App Settings &gt; Download as JSON).</source>
        <extracomment>The ``aud`` claim Box expects. Signing algorithms Box accepts for app keys. Seconds the assertion stays valid (the SDK&apos;s choice; Box allows at most 60).</extracomment>
        <translation>Laden Sie die Konfiguration der App erneut aus der Box Developer Console herunter (Ihre App &gt; Configuration &gt; App Settings &gt; Download as JSON).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="69"/>
        <source>The Box app configuration file {path} could not be read ({error}).</source>
        <translation>Die Konfigurationsdatei {path} der Box-App konnte nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="73"/>
        <source>Check the file&apos;s name and permissions.</source>
        <translation>Prüfen Sie den Dateinamen und die Zugriffsrechte.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="77"/>
        <source>The Box app configuration file {path} is not a text (JSON) file.</source>
        <translation>Die Konfigurationsdatei {path} der Box-App ist keine Textdatei (JSON).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="92"/>
        <source>The Box app configuration is not valid JSON ({problem} at line {line}, column {column}).</source>
        <translation>Die Konfiguration der Box-App ist kein gültiges JSON (Zeile {line}, Spalte {column}: {problem}).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="101"/>
        <source>The Box app configuration is not valid JSON (it is nested too deeply to read).</source>
        <translation>Die Konfiguration der Box-App ist kein gültiges JSON (sie ist zu tief verschachtelt, um gelesen zu werden).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="110"/>
        <source>The Box app configuration is not a JSON object.</source>
        <translation>Die Konfiguration der Box-App ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="135"/>
        <source>The private key in the Box app configuration is encrypted, but the configuration has no passphrase (boxAppSettings.appAuth.passphrase).</source>
        <translation>Der private Schlüssel in der Konfiguration der Box-App ist verschlüsselt, aber die Konfiguration enthält keine Passphrase (boxAppSettings.appAuth.passphrase).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="147"/>
        <source>The private key in the Box app configuration could not be opened with its passphrase (boxAppSettings.appAuth.passphrase): the passphrase is wrong or the key is damaged.</source>
        <translation>Der private Schlüssel in der Konfiguration der Box-App ließ sich mit seiner Passphrase (boxAppSettings.appAuth.passphrase) nicht öffnen: Die Passphrase ist falsch oder der Schlüssel ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="153"/>
        <source>Download the configuration again, or generate a new key pair in the Box developer console.</source>
        <translation>Laden Sie die Konfiguration erneut herunter oder erzeugen Sie in der Box Developer Console ein neues Schlüsselpaar.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="160"/>
        <source>The private key in the Box app configuration (boxAppSettings.appAuth.privateKey) is not a readable PEM key.</source>
        <translation>Der private Schlüssel in der Konfiguration der Box-App (boxAppSettings.appAuth.privateKey) ist kein lesbarer PEM-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="169"/>
        <source>The private key in the Box app configuration is not an RSA key; Box signs in apps with RSA keys only.</source>
        <translation>Der private Schlüssel in der Konfiguration der Box-App ist kein RSA-Schlüssel; Box meldet Apps nur mit RSA-Schlüsseln an.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="174"/>
        <source>Generate a new key pair in the Box developer console.</source>
        <translation>Erzeugen Sie in der Box Developer Console ein neues Schlüsselpaar.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="203"/>
        <source>No enterprise ID to sign in as (enterpriseID is missing from the configuration).</source>
        <translation>Keine Enterprise-ID für die Anmeldung vorhanden (enterpriseID fehlt in der Konfiguration).</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="208"/>
        <source>No user ID to sign in as.</source>
        <translation>Keine Benutzer-ID für die Anmeldung vorhanden.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="232"/>
        <source>The Box app configuration has no {key} section.</source>
        <translation>Die Konfiguration der Box-App enthält keinen Abschnitt {key}.</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="244"/>
        <source>The Box app configuration has no {key}.</source>
        <translation>In der Konfiguration der Box-App fehlt {key}.</translation>
    </message>
</context>
<context>
    <name>BrowserWaitDialog</name>
    <message>
        <location filename="../../gui/signin_window.py" line="101"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The command-line flag that makes ``main.py`` (or the bundled executable) the child.</extracomment>
        <translation>Bei Box anmelden – Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="108"/>
        <location filename="../../gui/signin_window.py" line="133"/>
        <source>Continue in your web browser</source>
        <translation>Bitte fahren Sie in Ihrem Webbrowser fort</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="112"/>
        <location filename="../../gui/signin_window.py" line="138"/>
        <source>Open in my browser instead</source>
        <translation>Stattdessen in meinem Browser öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="114"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="136"/>
        <source>Open the sign-in page again</source>
        <translation>Anmeldeseite erneut öffnen</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="144"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="146"/>
        <source>You&apos;re connected as {who}. This window closes by itself.</source>
        <translation>Sie sind als {who} verbunden. Dieses Fenster schließt sich von selbst.</translation>
    </message>
</context>
<context>
    <name>CallbackPages</name>
    <message>
        <location filename="../../core/loopback/pages.py" line="36"/>
        <source>en</source>
        <extracomment>Placeholders filled with trusted markup from resources/, not escaped. Every string a person sees on the callback pages, in English: the templates in resources/ hold only markup. Marked for translation in context &quot;CallbackPages&quot; (``lang`` too: a translation gives its language code); :func:`page_messages` gives them translated.</extracomment>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="39"/>
        <source>You can close this tab and return to Box Login.</source>
        <translation>Sie können diesen Tab schließen und zu Box Login zurückkehren.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="42"/>
        <source>Signed in – Box Login</source>
        <translation>Angemeldet – Box Login</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="43"/>
        <source>You’re signed in to Box</source>
        <translation>Sie sind bei Box angemeldet</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="44"/>
        <source>Box Login received your sign-in and is finishing up.</source>
        <translation>Box Login hat Ihre Anmeldung erhalten und schließt sie gerade ab.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="47"/>
        <source>Sign-in didn’t finish – Box Login</source>
        <translation>Anmeldung nicht abgeschlossen – Box Login</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="48"/>
        <source>Sign-in didn’t finish</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="49"/>
        <source>Box said:</source>
        <translation>Box meldete:</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="50"/>
        <source>You chose not to give Box Login access to your Box account.</source>
        <translation>Sie haben Box Login keinen Zugriff auf Ihr Box-Konto gegeben.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="53"/>
        <source>If that was a mistake, go back to Box Login and sign in again.</source>
        <translation>Falls das ein Versehen war, kehren Sie zu Box Login zurück und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="56"/>
        <source>This answer did not belong to your sign-in, so Box Login ignored it.</source>
        <translation>Diese Antwort gehörte nicht zu Ihrer Anmeldung, daher hat Box Login sie ignoriert.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="59"/>
        <source>If you are signing in, go back to Box Login and finish there. If you did not start a sign-in, you can ignore this page.</source>
        <translation>Wenn Sie sich gerade anmelden, kehren Sie zu Box Login zurück und schließen Sie die Anmeldung dort ab. Wenn Sie keine Anmeldung begonnen haben, können Sie diese Seite ignorieren.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="64"/>
        <source>Box’s answer was incomplete, so Box Login could not finish signing you in.</source>
        <translation>Die Antwort von Box war unvollständig, daher konnte Box Login Ihre Anmeldung nicht abschließen.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="68"/>
        <source>Go back to Box Login and sign in again.</source>
        <translation>Kehren Sie zu Box Login zurück und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="71"/>
        <source>Box did not accept how this app is set up.</source>
        <translation>Box hat die Einrichtung dieser App nicht akzeptiert.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="74"/>
        <source>Ask whoever gave you Box Login, or your Box administrator, to check the app’s settings.</source>
        <translation>Bitten Sie die Person, die Ihnen Box Login gegeben hat, oder Ihre Box-Administration, die Einstellungen der App zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="78"/>
        <source>Box is having trouble right now.</source>
        <translation>Bei Box gibt es gerade Probleme.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="79"/>
        <source>Wait a minute, then go back to Box Login and sign in again.</source>
        <translation>Warten Sie eine Minute, kehren Sie dann zu Box Login zurück und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="82"/>
        <source>Box could not sign you in.</source>
        <translation>Box konnte Sie nicht anmelden.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="83"/>
        <source>Go back to Box Login and try again. If it keeps happening, ask whoever gave you the app for help.</source>
        <translation>Kehren Sie zu Box Login zurück und versuchen Sie es erneut. Wenn es weiterhin passiert, wenden Sie sich an die Person, die Ihnen die App gegeben hat.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="88"/>
        <source>This page was opened with an address that is not a sign-in answer.</source>
        <translation>Diese Seite wurde mit einer Adresse geöffnet, die keine Antwort auf eine Anmeldung ist.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="91"/>
        <source>Go back to Box Login and sign in from there.</source>
        <translation>Kehren Sie zu Box Login zurück und melden Sie sich von dort aus an.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="94"/>
        <source>This sign-in has already finished.</source>
        <translation>Diese Anmeldung ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="97"/>
        <source>Go back to Box Login to continue.</source>
        <translation>Kehren Sie zu Box Login zurück, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="118"/>
        <source>What to do: {fix}</source>
        <extracomment>The icon (resources/&lt;name&gt;.svg) and the word a screen reader says for each verdict.</extracomment>
        <translation>So beheben Sie es: {fix}</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../cli/commands.py" line="52"/>
        <source>Note: with --store memory the sign-in is forgotten when this command ends.</source>
        <translation>Hinweis: Mit --store memory wird die Anmeldung vergessen, sobald dieser Befehl endet.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="62"/>
        <source>Open the address above in a web browser and sign in to Box.</source>
        <translation>Öffnen Sie die obige Adresse in einem Webbrowser und melden Sie sich bei Box an.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="73"/>
        <source>Opening your web browser at Box&apos;s sign-in page…</source>
        <translation>Ihr Webbrowser wird mit der Anmeldeseite von Box geöffnet…</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="76"/>
        <source>No web browser could be opened. Open this address yourself:</source>
        <translation>Es konnte kein Webbrowser geöffnet werden. Öffnen Sie diese Adresse selbst:</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="88"/>
        <source>Your sign-in is kept in {place}.</source>
        <translation>Ihre Anmeldung wird hier aufbewahrt: {place}.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="166"/>
        <source>{command} exec: {program}: command not found</source>
        <extracomment>What ``exec`` puts in the command&apos;s environment (and ``token --format env`` prints).</extracomment>
        <translation>{command} exec: {program}: Befehl nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="178"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="184"/>
        <source>expired ({time})</source>
        <translation>abgelaufen ({time})</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="185"/>
        <source>valid until {time} ({time_left})</source>
        <translation>gültig bis {time} ({time_left})</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="193"/>
        <source>less than a minute left</source>
        <translation>noch weniger als eine Minute</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="195"/>
        <source>1 minute left</source>
        <translation>noch 1 Minute</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="197"/>
        <source>{minutes} minutes left</source>
        <translation>noch {minutes} Minuten</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="200"/>
        <source>{hours} hours left</source>
        <translation>noch {hours} Stunden</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="201"/>
        <source>{days} days left</source>
        <translation>noch {days} Tage</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="206"/>
        <location filename="../../cli/commands.py" line="258"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="208"/>
        <source>renews on next use (an earlier renewal did not finish)</source>
        <translation>wird bei der nächsten Nutzung erneuert (eine frühere Erneuerung wurde nicht abgeschlossen)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="210"/>
        <source>renews on next use (its end time is unknown)</source>
        <translation>wird bei der nächsten Nutzung erneuert (die Ablaufzeit ist unbekannt)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="212"/>
        <source>renews on next use (its stored end time cannot be right)</source>
        <translation>wird bei der nächsten Nutzung erneuert (die gespeicherte Ablaufzeit kann nicht stimmen)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="237"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="238"/>
        <source>Box user</source>
        <translation>Box-Benutzer</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="240"/>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="243"/>
        <source>{name} ({login}), user id {id} — needs to sign in again</source>
        <translation>{name} ({login}), Benutzer-ID {id} – erneute Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="247"/>
        <source>{name} ({login}), user id {id}</source>
        <translation>{name} ({login}), Benutzer-ID {id}</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="252"/>
        <source>Access token</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="255"/>
        <source>Refresh token</source>
        <translation>Erneuerungsschlüssel</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="262"/>
        <source>Days left</source>
        <translation>Verbleibende Tage</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="265"/>
        <source>Scope</source>
        <translation>Bereich (Scope)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="266"/>
        <source>all of the app&apos;s scopes</source>
        <translation>alle Bereiche der App</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="269"/>
        <source>Kept in</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="271"/>
        <location filename="../../cli/commands.py" line="715"/>
        <source>Keep-alive</source>
        <translation>Verbunden bleiben</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="282"/>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="288"/>
        <source>Renewed the access token for {who}: {when}.</source>
        <translation>Zugriffsschlüssel für {who} erneuert: {when}.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="306"/>
        <source>Remove the sign-in from this computer anyway? (It stays valid at Box until it expires.)</source>
        <translation>Die Anmeldung trotzdem von diesem Computer entfernen? (Bei Box bleibt sie gültig, bis sie abläuft.)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="315"/>
        <source>Nothing was changed. To remove it from this computer only, run &quot;{command}&quot;.</source>
        <translation>Es wurde nichts geändert. Um die Anmeldung nur von diesem Computer zu entfernen, führen Sie „{command}“ aus.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="323"/>
        <source>Removed the sign-in from this computer. It stays valid at Box until it expires (at most 60 days); to end it sooner, remove the app in your Box account settings (Apps) or run this command again when online.</source>
        <translation>Die Anmeldung wurde von diesem Computer entfernt. Bei Box bleibt sie gültig, bis sie abläuft (höchstens 60 Tage). Um sie früher zu beenden, entfernen Sie die App in den Einstellungen Ihres Box-Kontos (unter „Apps“) oder führen Sie diesen Befehl erneut aus, sobald Sie wieder online sind.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="332"/>
        <source>Signed out: Box ended this program&apos;s access.</source>
        <translation>Abgemeldet: Box hat den Zugriff dieses Programms beendet.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="335"/>
        <source>Signed out. (There was no valid token to end at Box.)</source>
        <translation>Abgemeldet. (Bei Box gab es keinen gültigen Schlüssel mehr, der zu beenden war.)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="338"/>
        <source>The sign-in was removed from {place}.</source>
        <translation>Die Anmeldung wurde entfernt (Speicherort: {place}).</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="344"/>
        <source>Checked: Box no longer accepts the old access token.</source>
        <translation>Geprüft: Box akzeptiert den alten Zugriffsschlüssel nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="348"/>
        <source>Box Login could not confirm that Box stopped accepting the old access token.</source>
        <translation>Box Login konnte nicht bestätigen, dass Box den alten Zugriffsschlüssel nicht mehr akzeptiert.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="361"/>
        <source>No connected accounts yet. Sign in with &quot;{command}&quot;.</source>
        <translation>Noch keine verbundenen Konten. Melden Sie sich mit „{command}“ an.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="372"/>
        <source>{name} ({login}) — needs to sign in again</source>
        <translation>{name} ({login}) – erneute Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="386"/>
        <source>Box answered without an access token.</source>
        <translation>Box hat ohne Zugriffsschlüssel geantwortet.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="418"/>
        <source>The app configuration&apos;s private key is encrypted and the file has no passphrase. Run the command in a terminal to type it.</source>
        <translation>Der private Schlüssel in der App-Konfiguration ist verschlüsselt, und die Datei enthält keine Passphrase dafür. Führen Sie den Befehl in einem Terminal aus, um sie einzugeben.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="424"/>
        <source>Passphrase of the private key: </source>
        <translation>Passphrase des privaten Schlüssels: </translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="432"/>
        <source>The app configuration has no enterpriseID. Give --user-id to act as a user.</source>
        <translation>Die App-Konfiguration enthält keine enterpriseID. Geben Sie --user-id an, um im Namen eines Benutzers zu handeln.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="455"/>
        <source>Give at least one permission with --scope, e.g. --scope &quot;item_preview&quot;.</source>
        <translation>Geben Sie mit --scope mindestens eine Berechtigung an, z. B. --scope &quot;item_preview&quot;.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="503"/>
        <source>The settings that point {app} at it are saved in {file}:
run &quot;{command}&quot;.
</source>
        <translation>Die passenden Einstellungen für {app} sind in {file} gespeichert:
Führen Sie „{command}“ aus.
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="512"/>
        <source>To point {app} at it, save these settings as a file (for example
sandbox.json) and run &quot;{command}&quot;
(or let --save-settings FILE do it):
</source>
        <translation>Damit {app} die Simulation verwendet, speichern Sie diese Einstellungen als Datei
(zum Beispiel sandbox.json) und führen Sie „{command}“ aus
(oder lassen Sie das --save-settings FILE erledigen):
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="518"/>
        <source>The Box sandbox is running at {address}
Sign in with {login} and the password {password}.
</source>
        <translation>Die Box-Simulation läuft unter {address}
Melden Sie sich als {login} mit dem Passwort {password} an.
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="528"/>
        <source>Or open {app} and choose &quot;Try the demo&quot;, which starts its own sandbox.
</source>
        <translation>Oder öffnen Sie {app} und wählen Sie „Demo ausprobieren“ (mit eigener Box-Simulation).
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="533"/>
        <source>Press Ctrl-C to stop.
</source>
        <translation>Zum Beenden drücken Sie Strg+C.
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="547"/>
        <source>{days_left} of Box&apos;s 60 (every renewal starts the 60 again)</source>
        <translation>{days_left} (von 60 bei Box; jede Erneuerung beginnt wieder bei 60)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="563"/>
        <source>not available with this way of keeping the sign-in</source>
        <translation>mit dieser Art der Aufbewahrung nicht möglich</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="568"/>
        <source>off (turn it on with &quot;{command}&quot;)</source>
        <translation>aus (einschalten mit „{command}“)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="574"/>
        <source>reminders only ({where})</source>
        <translation>nur Erinnerungen ({where})</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="577"/>
        <source>on: renews when older than {days} days ({where})</source>
        <translation>ein: erneuert, wenn älter als {days} Tage ({where})</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="607"/>
        <source>Keep-alive and its reminders are off. Removed:</source>
        <translation>„Verbunden bleiben“ und die Erinnerungen sind ausgeschaltet. Entfernt:</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="611"/>
        <source>Keep-alive was not installed; it stays off.</source>
        <translation>„Verbunden bleiben“ war nicht installiert und bleibt ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="617"/>
        <source>Note: Box Login is not set up for a Box app yet; keep-alive has nothing to renew until you sign in.</source>
        <translation>Hinweis: Box Login ist noch für keine Box-App eingerichtet; „Verbunden bleiben“ hat nichts zu erneuern, bis Sie sich anmelden.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="626"/>
        <source>once a day</source>
        <translation>einmal am Tag</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="628"/>
        <source>each time you sign in to your desktop (this computer has no systemd user session)</source>
        <translation>bei jeder Anmeldung am Desktop (dieser Computer hat keine systemd-Benutzersitzung)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="635"/>
        <source>Keep-alive is on: {how}, the system runs a short check that renews every sign-in older than {days} days, and sends nothing to Box otherwise.</source>
        <translation>„Verbunden bleiben“ ist eingeschaltet. Das System führt {how} eine kurze Prüfung aus, die jede Anmeldung erneuert, die älter als {days} Tage ist; sonst wird nichts an Box gesendet.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="643"/>
        <source>Reminders are on, keep-alive renews nothing: {how}, the system checks whether a sign-in ends within {days} days.</source>
        <translation>Erinnerungen sind eingeschaltet, „Verbunden bleiben“ erneuert nichts. Das System prüft {how}, ob eine Anmeldung innerhalb von {days} Tagen endet.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="650"/>
        <source>You get a desktop notification when a sign-in is about to end, when Box ended one, or when the password store is locked.</source>
        <translation>Sie erhalten eine Desktop-Benachrichtigung, wenn eine Anmeldung bald endet, wenn Box eine beendet hat oder wenn der Passwortspeicher gesperrt ist.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="656"/>
        <source>Installed: {where}.</source>
        <translation>Installiert: {where}.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="660"/>
        <source>Turn it off with &quot;{command}&quot;.</source>
        <translation>Ausschalten mit „{command}“.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="719"/>
        <source>(installed, but the system&apos;s scheduler has it disabled)</source>
        <translation>(installiert, aber in der Aufgabenplanung des Systems deaktiviert)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="725"/>
        <source>needs to sign in again</source>
        <translation>erneute Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="728"/>
        <source>days left unknown (due)</source>
        <translation>verbleibende Tage unbekannt (fällig)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="730"/>
        <source>days left unknown</source>
        <translation>verbleibende Tage unbekannt</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="733"/>
        <source>{days_left}, due: older than {days} days</source>
        <translation>{days_left}, fällig: älter als {days} Tage</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="741"/>
        <source>No connected accounts.</source>
        <translation>Keine verbundenen Konten.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="770"/>
        <source>Reminder: {title}. {body}</source>
        <translation>Erinnerung: {title}. {body}</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="791"/>
        <source>(No desktop notification could be shown: {reason}.)</source>
        <translation>(Es konnte keine Desktop-Benachrichtigung angezeigt werden: {reason}.)</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="838"/>
        <source>{app} never keeps your sign-in in a plain file. Choose one and run the command again:
  --store encrypted-file   keep it in a file encrypted with a passphrase
                           (taken from {variable}, or asked for)
  --store memory           keep it only while this command runs
for example: {command}
Or install a password store (Debian/Ubuntu: sudo apt-get install gnome-keyring).</source>
        <translation>{app} legt Ihre Anmeldung nie in einer ungeschützten Datei ab. Wählen Sie eine
Möglichkeit und führen Sie den Befehl erneut aus:
  --store encrypted-file   in einer mit Passphrase verschlüsselten Datei aufbewahren
                           (aus {variable} gelesen oder abgefragt)
  --store memory           nur aufbewahren, solange dieser Befehl läuft
zum Beispiel: {command}
Oder installieren Sie einen Passwortspeicher
(Debian/Ubuntu: sudo apt-get install gnome-keyring).</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="856"/>
        <source>Sign in with &quot;{command}&quot;.</source>
        <translation>Melden Sie sich mit „{command}“ an.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="869"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="881"/>
        <source>(Details: {details})</source>
        <translation>(Details: {details})</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="887"/>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="893"/>
        <source>Something unexpected went wrong ({error}). Run the command again with --verbose for details.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen ({error}). Führen Sie den Befehl für Details erneut mit --verbose aus.</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="75"/>
        <source>[y/N]</source>
        <translation>[j/N]</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="83"/>
        <source>y, yes</source>
        <translation>j, ja</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="126"/>
        <source>The encrypted file needs a passphrase. Set {variable}, or run the command in a terminal to type it.</source>
        <translation>Die verschlüsselte Datei braucht eine Passphrase. Setzen Sie {variable} oder führen Sie den Befehl in einem Terminal aus, um sie einzugeben.</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="132"/>
        <source>Passphrase for Box Login&apos;s encrypted file: </source>
        <translation>Passphrase für die verschlüsselte Datei von Box Login: </translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="134"/>
        <source>An empty passphrase cannot protect the file.</source>
        <translation>Eine leere Passphrase kann die Datei nicht schützen.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="189"/>
        <source>a profile name is made of {rule}</source>
        <translation>ein Profilname besteht aus {rule}</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="201"/>
        <source>{value} is not a number of seconds</source>
        <translation>{value} ist keine gültige Anzahl von Sekunden</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="206"/>
        <source>give a number of seconds between 1 and 86400</source>
        <translation>geben Sie eine Anzahl von Sekunden zwischen 1 und 86400 an</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="216"/>
        <source>{value} is not a port number</source>
        <translation>{value} ist keine Portnummer</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="220"/>
        <source>a port number is between 0 and 65535</source>
        <translation>eine Portnummer liegt zwischen 0 und 65535</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="753"/>
        <source>exec needs a command to run: exec -- COMMAND [ARGS …]</source>
        <translation>exec braucht einen Befehl, den es ausführen soll: exec -- COMMAND [ARGS …]</translation>
    </message>
</context>
<context>
    <name>CommandLineHelp</name>
    <message>
        <location filename="../../cli/parser.py" line="59"/>
        <source>exit codes:</source>
        <extracomment>``core.keepalive.RENEW_AFTER_DAYS`` and ``REMIND_WITHIN_DAYS``, for the help texts without importing keep-alive for every command (a test keeps them equal). ``token --format``: for scripts (plain, env, header) and programs (json). ``exec --min-valid`` default: the command keeps one token for its whole run, so it gets one with at least 5 minutes left (``token``&apos;s 60 s suit a caller that asks again).</extracomment>
        <translation>Exit-Codes:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="64"/>
        <source>exit codes (doctor&apos;s own):
  0    every check is ok
  1    warnings only: Box Login works, but something is worth knowing
  2    at least one problem (each comes with its fix), or a command line that was
       not understood
</source>
        <translation>Exit-Codes (nur für doctor):
  0    alle Prüfungen sind in Ordnung
  1    nur Warnungen: Box Login funktioniert, aber es gibt etwas Wissenswertes
  2    mindestens ein Problem (jeweils mit der Lösung) oder eine Befehlszeile, die
       nicht verstanden wurde
</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="75"/>
        <source>{app} connects your Box account to programs on this computer. Sign in once; the
sign-in is kept in your computer&apos;s password store and renewed automatically. Without a
command, {app} opens its window.</source>
        <translation>{app} verbindet Ihr Box-Konto mit Programmen auf diesem Computer. Sie melden sich einmal
an; die Anmeldung wird im Passwortspeicher Ihres Computers aufbewahrt und automatisch
erneuert. Ohne Befehl öffnet {app} sein Fenster.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="88"/>
        <source>sign in (opens your web browser)</source>
        <translation>anmelden (öffnet Ihren Webbrowser)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="92"/>
        <source>print a valid access token, for scripts:</source>
        <translation>einen gültigen Zugriffsschlüssel ausgeben, für Skripte:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="100"/>
        <source>who is signed in, and until when</source>
        <translation>wer angemeldet ist und bis wann</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="104"/>
        <source>sign in a second account, kept separately</source>
        <translation>ein zweites Konto anmelden, das getrennt aufbewahrt wird</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="108"/>
        <source>sign out (ends the access at Box too)</source>
        <translation>abmelden (beendet auch den Zugriff bei Box)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="112"/>
        <source>try it all against a demo Box on this computer</source>
        <translation>alles mit einer Box-Simulation auf diesem Computer ausprobieren</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="116"/>
        <location filename="../../cli/parser.py" line="336"/>
        <location filename="../../cli/parser.py" line="644"/>
        <source>examples:</source>
        <translation>Beispiele:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="120"/>
        <source>Messages go to standard error; only what you asked for (a token, an address, JSON) goes
to standard output. Every command has its own --help.</source>
        <translation>Meldungen gehen an die Standardfehlerausgabe; nur das Angeforderte (ein Schlüssel, eine
Adresse, JSON) geht an die Standardausgabe. Jeder Befehl hat seine eigene Hilfe (--help).</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="132"/>
        <source>where to keep the sign-in: keyring (the system password store, default), encrypted-file (a file protected by a passphrase taken from {variable} or asked for), memory (this run only)</source>
        <translation>wo die Anmeldung aufbewahrt wird: keyring (der Passwortspeicher des Systems, Standard), encrypted-file (eine Datei, geschützt durch eine Passphrase aus {variable} oder per Abfrage), memory (nur für diesen Aufruf)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="249"/>
        <source>options for every command</source>
        <translation>Optionen für alle Befehle</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="255"/>
        <source>the settings file of the Box app (default: look in the usual places)</source>
        <translation>die Einstellungsdatei der Box-App (Standard: an den üblichen Orten suchen)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="265"/>
        <source>which connected account to use (default: %(default)s)</source>
        <translation>welches verbundene Konto verwendet wird (Standard: %(default)s)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="267"/>
        <source>which connected account to use</source>
        <translation>welches verbundene Konto verwendet wird</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="274"/>
        <source>the window&apos;s language (default: BOX_LOGIN_LANGUAGE, the one chosen in the window, else the system&apos;s)</source>
        <translation>die Sprache des Fensters (Standard: BOX_LOGIN_LANGUAGE, sonst die im Fenster gewählte, sonst die des Systems)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="285"/>
        <source>write a detailed log to standard error (it never contains a token or secret)</source>
        <translation>ein ausführliches Protokoll auf die Standardfehlerausgabe schreiben (es enthält nie einen Schlüssel oder ein Geheimnis)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="305"/>
        <source>show program&apos;s version number and exit</source>
        <translation>Versionsnummer des Programms anzeigen und beenden</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="310"/>
        <source>start the window and the embedded browser, check that they and the password store work, and quit (for installers and CI; exit 0 when all is well, 6 without a password store, 7 when the embedded browser cannot start)</source>
        <translation>das Fenster und den eingebetteten Browser starten, prüfen, ob sie und der Passwortspeicher funktionieren, und beenden (für Installationsprogramme und CI; Exit-Code 0, wenn alles in Ordnung ist, 6 ohne Passwortspeicher, 7, wenn der eingebettete Browser nicht starten kann)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="320"/>
        <source>commands</source>
        <translation>Befehle</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="337"/>
        <source>example:</source>
        <translation>Beispiel:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="341"/>
        <source>sign in to Box in your web browser</source>
        <translation>im Webbrowser bei Box anmelden</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="342"/>
        <source>Sign in to Box. Opens your web browser at Box&apos;s sign-in page and waits until you
have signed in and allowed access, then keeps the sign-in in the password store.
It ends with &quot;Signed in as NAME (LOGIN)&quot; on standard error.</source>
        <translation>Meldet Sie bei Box an. Öffnet die Anmeldeseite von Box in Ihrem Webbrowser und wartet,
bis Sie sich angemeldet und den Zugriff erlaubt haben; dann wird die Anmeldung im
Passwortspeicher aufbewahrt. Zum Schluss steht „Angemeldet als NAME (LOGIN)“ auf der
Standardfehlerausgabe.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="350"/>
        <source>      opens your web browser at Box&apos;s sign-in page</source>
        <translation>      öffnet Ihren Webbrowser mit der Anmeldeseite von Box</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="352"/>
        <source>      prints the address to open yourself (on a server, or to use another
      browser); nothing else goes to standard output</source>
        <translation>      gibt die Adresse aus, die Sie selbst öffnen (auf einem Server oder um einen
      anderen Browser zu verwenden); sonst geht nichts an die Standardausgabe</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="361"/>
        <source>do not open a browser; print the sign-in address, alone on one line, on standard output</source>
        <translation>keinen Browser öffnen; die Anmeldeadresse allein in einer Zeile auf der Standardausgabe ausgeben</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="372"/>
        <source>stop waiting after this many seconds (default: %(default).0f)</source>
        <translation>nach so vielen Sekunden nicht mehr warten (Standard: %(default).0f)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="379"/>
        <source>print a valid access token (for scripts)</source>
        <translation>einen gültigen Zugriffsschlüssel ausgeben (für Skripte)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="380"/>
        <source>Print the access token, and nothing else, on standard output, renewing it first
when it is about to expire. When you are not signed in, nothing is printed on
standard output, a message goes to standard error and the exit code is 4.</source>
        <translation>Gibt den Zugriffsschlüssel – und nichts anderes – auf der Standardausgabe aus und
erneuert ihn vorher, wenn er bald abläuft. Wenn Sie nicht angemeldet sind, wird auf der
Standardausgabe nichts ausgegeben, eine Meldung geht an die Standardfehlerausgabe und
der Exit-Code ist 4.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="394"/>
        <source>renew first unless the token stays valid this long (default: %(default).0f)</source>
        <translation>vorher erneuern, wenn der Schlüssel nicht mindestens so viele Sekunden gültig bleibt (Standard: %(default).0f)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="403"/>
        <source>plain: the token alone (default); json: {&quot;access_token&quot;, &quot;expires_at&quot; (ISO 8601, UTC), &quot;profile&quot;, &quot;user&quot;: {&quot;id&quot;, &quot;name&quot;, &quot;login&quot;}}; env: BOX_ACCESS_TOKEN=…; header: Authorization: Bearer …</source>
        <translation>plain: nur der Zugriffsschlüssel (Standard); json: {&quot;access_token&quot;, &quot;expires_at&quot; (ISO 8601, UTC), &quot;profile&quot;, &quot;user&quot;: {&quot;id&quot;, &quot;name&quot;, &quot;login&quot;}}; env: BOX_ACCESS_TOKEN=…; header: Authorization: Bearer …</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="413"/>
        <source>run a command with a valid access token in its environment</source>
        <translation>einen Befehl mit einem gültigen Zugriffsschlüssel in seiner Umgebung ausführen</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="414"/>
        <source>Run COMMAND with BOX_ACCESS_TOKEN (a valid access token, renewed first when needed)
and BOX_ACCESS_TOKEN_EXPIRES_AT (its end, ISO 8601 in UTC) in its environment. Ctrl-C,
SIGTERM and SIGHUP reach the command; the exit code is the command&apos;s (128+N when a
signal N ended it; 127 when it cannot be found, 126 when it cannot be started).
When no token can be had, the command does not run, and Box Login exits with one of
its own exit codes (below).</source>
        <translation>Führt COMMAND mit BOX_ACCESS_TOKEN (ein gültiger Zugriffsschlüssel, bei Bedarf vorher
erneuert) und BOX_ACCESS_TOKEN_EXPIRES_AT (sein Ablauf, ISO 8601 in UTC) in seiner
Umgebung aus. Strg+C, SIGTERM und SIGHUP erreichen den Befehl; der Exit-Code ist der des
Befehls (128+N, wenn ein Signal N ihn beendet hat; 127, wenn er nicht gefunden wird,
126, wenn er nicht starten kann). Ist kein Schlüssel zu bekommen, wird der Befehl nicht
ausgeführt, und Box Login endet mit einem seiner eigenen Exit-Codes (siehe unten).</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="434"/>
        <source>renew first unless the token stays valid this long; the command gets one token for its whole run (default: %(default).0f)</source>
        <translation>vorher erneuern, wenn der Schlüssel nicht mindestens so viele Sekunden gültig bleibt; der Befehl erhält einen Schlüssel für seine gesamte Laufzeit (Standard: %(default).0f)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="444"/>
        <source>the command to run and its arguments (after --)</source>
        <translation>der auszuführende Befehl und seine Argumente (nach --)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="447"/>
        <source>print the same as JSON</source>
        <translation>dasselbe als JSON ausgeben</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="450"/>
        <source>who is signed in, until when, and where it is kept</source>
        <translation>wer angemeldet ist, bis wann und wo die Anmeldung aufbewahrt wird</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="451"/>
        <source>Show the profile, the Box user, when the access token and the refresh token
expire, the permissions (scope) and where the sign-in is kept. Never shows a
token. Exit code 0 when signed in, 4 when a sign-in is needed. No network.</source>
        <translation>Zeigt das Profil, den Box-Benutzer, wann der Zugriffsschlüssel und der
Erneuerungsschlüssel (Refresh-Token) ablaufen, die Berechtigungen (Scope) und wo die
Anmeldung aufbewahrt wird. Zeigt nie einen Schlüssel an. Exit-Code 0, wenn Sie
angemeldet sind, 4, wenn eine Anmeldung nötig ist. Ohne Netzwerkzugriff.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="462"/>
        <source>renew the access token now</source>
        <translation>den Zugriffsschlüssel jetzt erneuern</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="463"/>
        <source>Renew the access token now, even if it is still valid. (token renews by itself
when needed; this is for trying it out.)</source>
        <translation>Erneuert den Zugriffsschlüssel sofort, auch wenn er noch gültig ist. (Der Befehl token
erneuert ihn bei Bedarf selbst; dieser Befehl ist zum Ausprobieren gedacht.)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="472"/>
        <source>sign out: end the access at Box and forget it here</source>
        <translation>abmelden: den Zugriff bei Box beenden und hier vergessen</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="473"/>
        <source>Sign out: asks Box to end this program&apos;s access (refresh and access token), removes
the sign-in from this computer, and checks with Box that the old token no longer
works. When Box cannot be reached, it says so and (in a terminal) asks whether to
remove the sign-in from this computer anyway.</source>
        <translation>Abmelden: Bittet Box, den Zugriff dieses Programms zu beenden (Erneuerungs- und
Zugriffsschlüssel), entfernt die Anmeldung von diesem Computer und vergewissert sich bei
Box, dass der alte Schlüssel nicht mehr funktioniert. Ist Box nicht erreichbar, wird das
gemeldet und (in einem Terminal) gefragt, ob die Anmeldung trotzdem von diesem Computer
entfernt werden soll.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="486"/>
        <source>when Box cannot be reached, remove the sign-in from this computer without asking (it then stays valid at Box until it expires)</source>
        <translation>wenn Box nicht erreichbar ist, die Anmeldung ohne Nachfrage von diesem Computer entfernen (bei Box bleibt sie dann gültig, bis sie abläuft)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="495"/>
        <source>list the connected accounts</source>
        <translation>die verbundenen Konten auflisten</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="496"/>
        <source>List the profiles (one per connected account) on standard output, with the Box
user of each.</source>
        <translation>Listet die Profile (eines pro verbundenem Konto) mit dem jeweiligen Box-Benutzer auf der
Standardausgabe auf.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="505"/>
        <source>print Box&apos;s whole answer as JSON instead of the token alone (includes every token in it)</source>
        <translation>die vollständige Antwort von Box als JSON ausgeben statt nur den Schlüssel (mit allen darin enthaltenen Schlüsseln)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="511"/>
        <source>get a server token with Client Credentials (administrators)</source>
        <translation>einen Serverschlüssel mit Client Credentials holen (für Administratoren)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="512"/>
        <source>Get an access token with the Client Credentials Grant of the configured Box app
(a server-side app authorized by the Box administrator), and print it.</source>
        <translation>Holt einen Zugriffsschlüssel mit dem Client Credentials Grant der eingerichteten Box-App
(einer serverseitigen App, die von der Box-Administration autorisiert wurde) und gibt
ihn aus.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="525"/>
        <source>get a server token with a JWT app configuration (administrators)</source>
        <translation>einen Serverschlüssel mit einer JWT-App-Konfiguration holen (für Administratoren)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="528"/>
        <source>Get an access token for a server-side Box app (JWT authentication) from the app
configuration file downloaded from the Box developer console, and print it. If the
file has no passphrase for its private key, you are asked for it.</source>
        <translation>Holt einen Zugriffsschlüssel für eine serverseitige Box-App (JWT-Authentifizierung)
anhand der Konfigurationsdatei der App aus der Box Developer Console und gibt ihn aus.
Enthält die Datei keine Passphrase für ihren privaten Schlüssel, werden Sie danach
gefragt.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="536"/>
        <source>the app&apos;s service account</source>
        <translation>das Dienstkonto der App</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="538"/>
        <source>acting as user {id}</source>
        <translation>im Namen des Benutzers {id}</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="544"/>
        <source>act as this Box user (default: the enterprise&apos;s service account)</source>
        <translation>im Namen dieses Box-Benutzers handeln (Standard: das Dienstkonto des Unternehmens)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="552"/>
        <source>get a restricted token from your sign-in (for sharing with less trusted code)</source>
        <translation>einen eingeschränkten Schlüssel aus Ihrer Anmeldung holen (zur Weitergabe an weniger vertrauenswürdigen Code)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="556"/>
        <source>Exchange your access token for one with fewer permissions, optionally limited to
one file or folder, and print it.</source>
        <translation>Tauscht Ihren Zugriffsschlüssel gegen einen mit weniger Berechtigungen – auf Wunsch
beschränkt auf eine Datei oder einen Ordner – und gibt ihn aus.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="568"/>
        <source>the permissions, separated by spaces, e.g. &quot;item_preview item_download&quot;</source>
        <translation>die Berechtigungen, durch Leerzeichen getrennt, z. B. &quot;item_preview item_download&quot;</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="577"/>
        <source>the API URL of one file or folder</source>
        <translation>die API-URL einer Datei oder eines Ordners</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="580"/>
        <source>a shared link</source>
        <translation>ein freigegebener Link</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="586"/>
        <source>run a demo Box on this computer</source>
        <translation>eine Box-Simulation (Demo) auf diesem Computer ausführen</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="587"/>
        <source>Run a stand-in for Box on this computer (no internet, no Box account needed). It
prints its address and a settings file that points at it; stop it with Ctrl-C.</source>
        <translation>Startet eine Box-Simulation auf diesem Computer (kein Internet und kein Box-Konto
nötig). Sie gibt ihre Adresse und eine Einstellungsdatei aus, die auf sie verweist;
beenden mit Strg+C.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="597"/>
        <source>port to listen on (default: any free port)</source>
        <translation>Port für die Box-Simulation (Standard: ein beliebiger freier Port)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="603"/>
        <source>also save the settings that point at it in FILE, ready for --config FILE</source>
        <translation>die Einstellungen für diese Box-Simulation zusätzlich in FILE speichern, bereit für --config FILE</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="611"/>
        <source>check this computer&apos;s setup for Box Login, one line per check</source>
        <translation>die Einrichtung dieses Computers für Box Login prüfen, eine Zeile pro Prüfung</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="614"/>
        <source>Check what Box Login needs, one line each with a verdict (ok, warning or problem)
and, for a problem, how to fix it: the settings file (which one, and why), the
return addresses (ports), the password store, the way to Box (proxy, name lookup,
secure connection and who issued Box&apos;s certificate, Box&apos;s sign-in and token
addresses and how fast they answer), the clock, and whether Box accepts this app.
Never shows a secret and changes nothing; takes at most about 10 seconds, even when
Box cannot be reached.</source>
        <translation>Prüft, was Box Login braucht, jeweils in einer Zeile mit Ergebnis (OK, Warnung oder
Problem) und bei einem Problem mit der Lösung: die Einstellungsdatei (welche und warum),
die Rückleitungsadressen (Ports), den Passwortspeicher, den Weg zu Box (Proxy,
Namensauflösung, sichere Verbindung und wer das Zertifikat von Box ausgestellt hat, die
Anmelde- und die Token-Adresse von Box und wie schnell sie antworten), die Uhrzeit und ob
Box diese App akzeptiert. Zeigt nie ein Geheimnis an und ändert nichts; dauert höchstens
etwa 10 Sekunden, auch wenn Box nicht erreichbar ist.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="631"/>
        <source>a report to send to IT</source>
        <translation>ein Bericht für die IT</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="638"/>
        <source>print the results as JSON (for IT and scripts)</source>
        <translation>die Ergebnisse als JSON ausgeben (für die IT und Skripte)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="647"/>
        <source>keep your sign-ins alive while Box Login is closed (daily, by the system)</source>
        <translation>Ihre Anmeldungen aktiv halten, während Box Login geschlossen ist (täglich, durch das System)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="651"/>
        <source>Box ends a sign-in that goes unused for 60 days. Keep-alive asks this computer&apos;s own
scheduler (a systemd user timer on Linux, a LaunchAgent on macOS, a Task Scheduler
task on Windows) to run a short check once a day: it renews every connected account
whose sign-in is more than {renew_after} days old, and sends nothing to Box otherwise. It reminds
you with a desktop notification when a sign-in will end within {remind_within} days, when Box
ended one, or when the password store is locked. Nothing of Box Login runs in between.
Keep-alive needs the system password store: with an encrypted token file it cannot
renew without your passphrase, which Box Login never keeps.</source>
        <translation>Box beendet eine Anmeldung, die 60 Tage lang nicht genutzt wird. „Verbunden bleiben“
(keep-alive) lässt die Aufgabenplanung dieses Computers (einen systemd-Benutzer-Timer unter
Linux, einen LaunchAgent unter macOS, eine Aufgabe in der Aufgabenplanung von Windows)
einmal am Tag eine kurze Prüfung ausführen. Diese erneuert jede Anmeldung, die älter als
{renew_after} Tage ist, und sendet sonst nichts an Box. Sie erhalten eine Desktop-Benachrichtigung,
wenn eine Anmeldung innerhalb von {remind_within} Tagen endet, wenn Box eine beendet hat oder
wenn der Passwortspeicher gesperrt ist. Dazwischen läuft nichts von Box Login.
„Verbunden bleiben“ braucht den Passwortspeicher des Systems: Mit einer verschlüsselten
Datei kann es ohne Ihre Passphrase nicht erneuern, und die bewahrt Box Login nie auf.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="670"/>
        <source>turn it on</source>
        <translation>einschalten</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="672"/>
        <source>only remind me before a sign-in ends</source>
        <translation>nur erinnern, bevor eine Anmeldung endet</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="674"/>
        <source>is it on, and how many days each sign-in has left</source>
        <translation>Status und verbleibende Tage jeder Anmeldung</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="676"/>
        <source>turn it off, reminders too</source>
        <translation>ausschalten, auch die Erinnerungen</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="680"/>
        <source>actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="694"/>
        <source>turn keep-alive on for this user (or replace what is installed)</source>
        <translation>„Verbunden bleiben“ für diesen Benutzer einschalten (oder die vorhandene Installation ersetzen)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="697"/>
        <source>Turn keep-alive on for this user (or replace what is installed).</source>
        <translation>„Verbunden bleiben“ für diesen Benutzer einschalten (oder die vorhandene Installation ersetzen).</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="704"/>
        <source>never renew: only remind me when a sign-in will end within {days} days</source>
        <translation>nie erneuern: nur erinnern, wenn eine Anmeldung innerhalb von {days} Tagen endet</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="711"/>
        <source>turn keep-alive and its reminders off for this user</source>
        <translation>„Verbunden bleiben“ und die Erinnerungen für diesen Benutzer ausschalten</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="712"/>
        <source>Turn keep-alive and its reminders off for this user.</source>
        <translation>„Verbunden bleiben“ und die Erinnerungen für diesen Benutzer ausschalten.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="716"/>
        <source>say whether keep-alive is on, and the days left of each sign-in</source>
        <translation>anzeigen, ob „Verbunden bleiben“ eingeschaltet ist und wie viele Tage jede Anmeldung noch hat</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="719"/>
        <source>Say whether keep-alive is on, and the days left of each sign-in.</source>
        <translation>Anzeigen, ob „Verbunden bleiben“ eingeschaltet ist und wie viele Tage jede Anmeldung noch hat.</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="726"/>
        <source>check now: renew what is due and show reminders (what the scheduler runs)</source>
        <translation>jetzt prüfen: Fälliges erneuern und Erinnerungen anzeigen (das, was die Aufgabenplanung ausführt)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="730"/>
        <source>Check now: renew what is due and show reminders (what the scheduler runs).</source>
        <translation>Jetzt prüfen: Fälliges erneuern und Erinnerungen anzeigen (das, was die Aufgabenplanung ausführt).</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="738"/>
        <source>renew nothing; only show reminders</source>
        <translation>nichts erneuern; nur Erinnerungen anzeigen</translation>
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
        <translation>Melden Sie sich einmal bei Box an. Box&#xa0;Login bewahrt die Verbindung sicher auf diesem Computer auf und erneuert sie selbstständig, damit Ihr Programm auf Ihre Box-Dateien zugreifen kann.</translation>
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
        <translation>Demo: Melden Sie sich als ada@example.com mit dem Passwort „demo“ an.</translation>
    </message>
    <message>
        <location filename="../../gui/demo.py" line="22"/>
        <source>You are trying the demo: a pretend Box runs on this computer, so nothing real is used.</source>
        <extracomment>The main window&apos;s message bar when the demo starts.</extracomment>
        <translation>Sie probieren gerade die Demo aus: Auf diesem Computer läuft eine Box-Simulation, es wird also nichts Echtes verwendet.</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <location filename="../../core/doctor/box_app.py" line="76"/>
        <source>the app&apos;s Configuration page in the Box developer console</source>
        <extracomment>At most this many redirect URIs are checked with Box (each costs a request). The OAuth error codes an authorize error page may name (docs/box-oauth.md).</extracomment>
        <translation>der Seite „Konfiguration“ der App in der Box Developer Console</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="81"/>
        <source>Box does not know this app: it refused the client ID (&quot;client_id&quot; in the settings, {client_id}).</source>
        <translation>Box kennt diese App nicht: Die Client-ID wurde abgelehnt („client_id“ in den Einstellungen, {client_id}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="86"/>
        <source>Copy the Client ID again from {console}. If it is right, the app may not be enabled yet: ask your Box administrator.</source>
        <translation>Kopieren Sie die Client-ID noch einmal von {console}. Wenn sie stimmt, ist die App vielleicht noch nicht freigegeben: Fragen Sie Ihre Box-Administration.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="94"/>
        <source>Box does not allow this app to sign in for this enterprise.</source>
        <translation>Box erlaubt dieser App keine Anmeldung für dieses Unternehmen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="95"/>
        <source>Ask your Box administrator to authorize (enable) the app in the Admin Console.</source>
        <translation>Bitten Sie Ihre Box-Administration, die App in der Admin Console zu autorisieren (freizugeben).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="102"/>
        <source>Box does not accept the return address {address} for this app.</source>
        <translation>Box akzeptiert die Rückleitungsadresse {address} für diese App nicht.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="105"/>
        <source>Register {address} exactly (same host, port and path) under OAuth 2.0 Redirect URIs on {console}, or remove it from &quot;redirect_uris&quot; in the settings.</source>
        <translation>Tragen Sie {address} genau so (gleicher Host, Port und Pfad) auf {console} unter „OAuth 2.0 Redirect URIs“ ein oder entfernen Sie die Adresse aus „redirect_uris“ in den Einstellungen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="113"/>
        <source>Box does not accept the permissions asked for (&quot;scope&quot; in the settings: &quot;{scope}&quot;).</source>
        <translation>Box akzeptiert die angeforderten Berechtigungen nicht („scope“ in den Einstellungen: „{scope}“).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="118"/>
        <source>Ask only for scopes the app has ({console}), or leave &quot;scope&quot; out.</source>
        <translation>Fordern Sie nur Bereiche (Scopes) an, die auf {console} freigegeben sind, oder lassen Sie „scope“ weg.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="124"/>
        <source>Box could not show its sign-in page right now.</source>
        <translation>Box konnte die Anmeldeseite gerade nicht anzeigen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="125"/>
        <source>Wait a few minutes and run this again.</source>
        <translation>Warten Sie ein paar Minuten und führen Sie die Prüfung dann erneut aus.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="128"/>
        <source>Box answered its sign-in address with an error page ({code}), not its sign-in page.</source>
        <translation>Die Anmeldeadresse von Box lieferte eine Fehlerseite ({code}) statt der Anmeldeseite.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="133"/>
        <source>Box answered its sign-in address with an error page, not its sign-in page.</source>
        <translation>Die Anmeldeadresse von Box lieferte eine Fehlerseite statt der Anmeldeseite.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="138"/>
        <source>Check &quot;client_id&quot; and &quot;redirect_uris&quot; in the settings against {console}. Your Box administrator may also need to authorize the app.</source>
        <translation>Gleichen Sie „client_id“ und „redirect_uris“ in den Einstellungen mit {console} ab. Eventuell muss Ihre Box-Administration die App außerdem autorisieren.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="154"/>
        <source>Not checked: there are no usable settings (see Settings).</source>
        <translation>Nicht geprüft: Es gibt keine verwendbaren Einstellungen (siehe „Einstellungen“).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="163"/>
        <source>Not checked: Box&apos;s sign-in address could not be reached (see above).</source>
        <translation>Nicht geprüft: Die Anmeldeadresse von Box war nicht erreichbar (siehe oben).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="166"/>
        <source>Fix the network first, then run this again.</source>
        <translation>Beheben Sie zuerst das Netzwerkproblem und führen Sie die Prüfung dann erneut aus.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="192"/>
        <source>{summary} The sign-in works while {address} can be opened.</source>
        <translation>{summary} Die Anmeldung funktioniert, solange sich {address} öffnen lässt.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="202"/>
        <source>Box answered its sign-in address (HTTP {status}) with a page Box Login does not recognise as its sign-in page.</source>
        <translation>Die Anmeldeadresse von Box lieferte (HTTP {status}) eine Seite, die Box Login nicht als Anmeldeseite von Box erkennt.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="207"/>
        <source>Sign in to see what it shows; if it is not Box&apos;s page, a proxy or firewall may be answering in Box&apos;s place: ask your IT team.</source>
        <translation>Melden Sie sich an, um zu sehen, was angezeigt wird. Ist es keine Seite von Box, antwortet möglicherweise ein Proxy oder eine Firewall anstelle von Box: Fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="216"/>
        <source>Box answers with its sign-in page for this app&apos;s client ID and return addresses {addresses}.</source>
        <translation>Box antwortet für die Client-ID dieser App und die Rückleitungsadressen {addresses} mit der Anmeldeseite.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="222"/>
        <source>Box answers with its sign-in page for this app&apos;s client ID and return address {addresses}.</source>
        <translation>Box antwortet für die Client-ID dieser App und die Rückleitungsadresse {addresses} mit der Anmeldeseite.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/context.py" line="221"/>
        <source>The settings could not be read ({error}).</source>
        <extracomment>(connect, read) seconds for each call to Box.</extracomment>
        <translation>Die Einstellungen konnten nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="72"/>
        <source>directly ({source})</source>
        <extracomment>Seconds a name lookup may take. An answer slower than this many seconds is a warning. Clock offsets (seconds) beyond which the clock check warns, and fails. A JWT assertion lives 30 seconds (core.jwt_assertion.LIFETIME) and Box accepts one at most 60 seconds ahead: a clock off by more than 30 seconds breaks JWT sign-ins.</extracomment>
        <translation>direkt ({source})</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="74"/>
        <source>through the proxy {proxy} ({source})</source>
        <translation>über den Proxy {proxy} ({source})</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="80"/>
        <source>{way} for the sign-in page</source>
        <translation>{way} für die Anmeldeseite</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="82"/>
        <source>{way} for the token calls</source>
        <translation>{way} für die Token-Abrufe</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="101"/>
        <source>Box Login reaches Box {way}, for the sign-in page and the token calls alike.</source>
        <translation>Box Login erreicht Box {way}, sowohl für die Anmeldeseite als auch für die Token-Abrufe.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="107"/>
        <source>Box Login reaches Box {first} and {second}.</source>
        <translation>Box Login erreicht Box {first} und {second}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="111"/>
        <source>{way} It gives the proxy the user name and password from the HTTPS_PROXY environment variable.</source>
        <translation>{way} Dabei übergibt Box Login dem Proxy Benutzername und Passwort aus der Umgebungsvariablen HTTPS_PROXY.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="126"/>
        <source>{way} But {note}, so it connects directly.</source>
        <translation>{way} Box Login verbindet sich jedoch direkt, denn {note}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="129"/>
        <source>Check the proxy settings (the PAC file&apos;s address in the system&apos;s settings, or the HTTPS_PROXY variable), or ask your IT team.</source>
        <translation>Prüfen Sie die Proxy-Einstellungen (die Adresse der PAC-Datei in den Systemeinstellungen oder die Variable HTTPS_PROXY) oder fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="187"/>
        <source>No name to look up: Box is reached at {hosts}.</source>
        <translation>Keine Namensauflösung nötig: Box wird unter {hosts} erreicht.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="223"/>
        <source>the proxy server&apos;s name {host}</source>
        <translation>den Namen des Proxyservers {host}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="228"/>
        <source>Looking up {name} did not finish within {seconds}.</source>
        <translation>Box Login konnte {name} nicht innerhalb von {seconds} auflösen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="230"/>
        <source>The network&apos;s name service (DNS) is not answering: check the internet connection, or ask your IT team.</source>
        <translation>Der Namensdienst des Netzwerks (DNS) antwortet nicht: Prüfen Sie die Internetverbindung oder fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="236"/>
        <source>Box Login could not find {name} on the network: the name does not resolve.</source>
        <translation>Box Login konnte {name} im Netzwerk nicht finden: Der Name lässt sich nicht auflösen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="241"/>
        <source>Check the proxy&apos;s address with your IT team.</source>
        <translation>Klären Sie die Adresse des Proxys mit Ihrer IT.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="243"/>
        <source>Check your internet connection and the Box addresses in the settings (base_url, oauth_2_url). On a network that reaches the internet only through a proxy, ask your IT team which proxy to use (&quot;proxy&quot; in the settings).</source>
        <translation>Prüfen Sie Ihre Internetverbindung und die Box-Adressen in den Einstellungen (base_url, oauth_2_url). In einem Netzwerk, das das Internet nur über einen Proxy erreicht, fragen Sie Ihre IT, welcher Proxy zu verwenden ist („proxy“ in den Einstellungen).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="253"/>
        <source>Found {hosts}.</source>
        <translation>Gefunden: {hosts}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="256"/>
        <source>{hosts} is looked up by the proxy, not here.</source>
        <translation>{hosts} wird vom Proxy aufgelöst, nicht hier.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="258"/>
        <source>{hosts} are looked up by the proxy, not here.</source>
        <translation>{hosts} werden vom Proxy aufgelöst, nicht hier.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="283"/>
        <source>Not used: Box is reached over plain http at {hosts} (a stand-in on this computer, such as the sandbox).</source>
        <translation>Nicht verwendet: Box wird über unverschlüsseltes http unter {hosts} erreicht (eine Box-Simulation auf diesem Computer, etwa die des Befehls sandbox).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="316"/>
        <source>Not checked: {reason}</source>
        <translation>Nicht geprüft: {reason}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="334"/>
        <source>issued by {issuer}</source>
        <translation>von {issuer}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="336"/>
        <source>whose issuer could not be read</source>
        <translation>von einem Aussteller, dessen Name nicht lesbar ist</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="339"/>
        <source>Verified: the certificate was {by}, which is not a public certificate authority: the network appears to inspect secure connections. {trust} accepts it, so Box Login works here.</source>
        <translation>Überprüft: Das Zertifikat stammt {by} – das ist keine öffentliche Zertifizierungsstelle, das Netzwerk prüft also offenbar sichere Verbindungen. {trust} akzeptiert es, daher funktioniert Box Login hier.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="346"/>
        <source>Verified: the certificate was {by}, a public certificate authority.</source>
        <translation>Überprüft: Das Zertifikat stammt {by}, einer öffentlichen Zertifizierungsstelle.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="350"/>
        <source>Verified: the certificate was {by}; {trust} accepts it.</source>
        <translation>Überprüft: Das Zertifikat stammt {by}. {trust} akzeptiert es.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="357"/>
        <source>The certificates that come with Box Login (this computer has no certificate store)</source>
        <translation>Die mit Box Login gelieferte Zertifikatsliste (dieser Computer hat keinen Zertifikatspeicher)</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="362"/>
        <source>This computer&apos;s certificate store</source>
        <translation>Der Zertifikatspeicher dieses Computers</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="366"/>
        <source>{store}, with the &quot;ca_bundle&quot; file {file},</source>
        <translation>{store}, ergänzt um die „ca_bundle“-Datei {file},</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="430"/>
        <source>Box answered {url} with an error of its own (HTTP {status}): Box is having trouble right now.</source>
        <translation>Box hat unter {url} mit einem eigenen Fehler geantwortet (HTTP {status}): Bei Box gibt es gerade Probleme.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="435"/>
        <source>Wait a few minutes and run this again. If it stays, a proxy or firewall may be answering in Box&apos;s place: ask your IT team.</source>
        <translation>Warten Sie ein paar Minuten und führen Sie die Prüfung dann erneut aus. Bleibt der Fehler, antwortet möglicherweise ein Proxy oder eine Firewall anstelle von Box: Fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="450"/>
        <source>{summary} That is slow.</source>
        <translation>{summary} Das ist langsam.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="451"/>
        <source>Sign-ins may take long or time out: check the connection, or ask your IT team whether the proxy or firewall slows Box down.</source>
        <translation>Anmeldungen können lange dauern oder abbrechen: Prüfen Sie die Verbindung oder fragen Sie Ihre IT, ob der Proxy oder die Firewall Box ausbremst.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="472"/>
        <source>{url} answered in {time} (HTTP {status}).</source>
        <translation>{url} hat in {time} geantwortet (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="474"/>
        <source>{url} answered through the proxy {proxy} in {time} (HTTP {status}).</source>
        <translation>{url} hat über den Proxy {proxy} in {time} geantwortet (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="500"/>
        <source>no content type</source>
        <translation>kein Inhaltstyp</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="506"/>
        <source>{url} answered (HTTP {status}, {kind}), but not as Box&apos;s token address does: something between this computer and Box (a proxy or firewall) may be answering in its place.</source>
        <translation>{url} hat geantwortet (HTTP {status}, {kind}), aber nicht so, wie die Token-Adresse von Box antwortet: Möglicherweise antwortet etwas zwischen diesem Computer und Box (ein Proxy oder eine Firewall) an ihrer Stelle.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="513"/>
        <source>{url} answered through the proxy {proxy} (HTTP {status}, {kind}), but not as Box&apos;s token address does: something between this computer and Box (a proxy or firewall) may be answering in its place.</source>
        <translation>{url} hat über den Proxy {proxy} geantwortet (HTTP {status}, {kind}), aber nicht so, wie die Token-Adresse von Box antwortet: Möglicherweise antwortet etwas zwischen diesem Computer und Box (ein Proxy oder eine Firewall) an ihrer Stelle.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="522"/>
        <source>Ask your IT team whether the network lets Box Login reach {host}.</source>
        <translation>Fragen Sie Ihre IT, ob Box Login {host} über das Netzwerk erreichen darf.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="529"/>
        <source>{url} answered in {time} (HTTP {status}, as expected for a request without sign-in details).</source>
        <translation>{url} hat in {time} geantwortet (HTTP {status}, wie erwartet bei einer Anfrage ohne Anmeldedaten).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="535"/>
        <source>{url} answered through the proxy {proxy} in {time} (HTTP {status}, as expected for a request without sign-in details).</source>
        <translation>{url} hat über den Proxy {proxy} in {time} geantwortet (HTTP {status}, wie erwartet bei einer Anfrage ohne Anmeldedaten).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="569"/>
        <source>{minutes} minutes</source>
        <translation>{minutes} Minuten</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="571"/>
        <source>{hours} hours</source>
        <translation>{hours} Stunden</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="572"/>
        <source>{days} days</source>
        <translation>{days} Tage</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="576"/>
        <source>Set this computer&apos;s clock to update automatically (Windows: Settings, Time &amp; language, &quot;Set time automatically&quot;; macOS: System Settings, General, Date &amp; Time; Linux: timedatectl set-ntp true).</source>
        <extracomment>Translated where used.</extracomment>
        <translation>Lassen Sie die Uhrzeit dieses Computers automatisch stellen (Windows: Einstellungen, Zeit und Sprache, „Uhrzeit automatisch festlegen“; macOS: Systemeinstellungen, Allgemein, Datum &amp; Uhrzeit; Linux: timedatectl set-ntp true).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="590"/>
        <source>Not checked: Box&apos;s answers carried no date to compare with.</source>
        <translation>Nicht geprüft: Die Antworten von Box enthielten kein Datum zum Vergleichen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="591"/>
        <source>If a proxy answers in Box&apos;s place, ask your IT team (see above).</source>
        <translation>Wenn ein Proxy anstelle von Box antwortet, fragen Sie Ihre IT (siehe oben).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="599"/>
        <source>This computer&apos;s clock agrees with Box&apos;s (within {seconds}).</source>
        <translation>Die Uhr dieses Computers stimmt mit der von Box überein (Abweichung höchstens {seconds}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="605"/>
        <source>This computer&apos;s clock is {duration} ahead of Box&apos;s.</source>
        <translation>Die Uhr dieses Computers geht gegenüber der Uhr von Box {duration} vor.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="607"/>
        <source>This computer&apos;s clock is {duration} behind Box&apos;s.</source>
        <translation>Die Uhr dieses Computers geht gegenüber der Uhr von Box {duration} nach.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="613"/>
        <source>{summary} Sign-ins with a JWT app configuration fail beyond {seconds}.</source>
        <translation>{summary} Anmeldungen mit einer JWT-Konfiguration der App schlagen bei einer Abweichung von mehr als {seconds} fehl.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="621"/>
        <source>{summary} Sign-ins with a JWT app configuration (the jwt command) fail when it is off by more than {seconds}, and times shown are wrong.</source>
        <translation>{summary} Anmeldungen mit einer JWT-Konfiguration der App (Befehl jwt) schlagen bei einer Abweichung von mehr als {seconds} fehl, und angezeigte Uhrzeiten sind falsch.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="642"/>
        <source>Not checked: Box could not be reached (see above).</source>
        <translation>Nicht geprüft: Box war nicht erreichbar (siehe oben).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="643"/>
        <source>Run this again when Box can be reached.</source>
        <translation>Führen Sie die Prüfung erneut aus, sobald Box erreichbar ist.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="84"/>
        <source>Not used: --store memory keeps the sign-in only while Box Login runs.</source>
        <extracomment>Replaced in tests (a probe that hangs, say); called in a daemon thread.</extracomment>
        <translation>Nicht verwendet: Mit --store memory bleibt die Anmeldung nur erhalten, solange Box Login läuft.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="88"/>
        <source>Not used: --store encrypted-file keeps the sign-in in a file.</source>
        <translation>Nicht verwendet: Mit --store encrypted-file wird die Anmeldung in einer Datei aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="107"/>
        <location filename="../../core/doctor/password_store.py" line="196"/>
        <source>The password store did not answer within {seconds}.</source>
        <translation>Der Passwortspeicher hat nicht innerhalb von {seconds} geantwortet.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="119"/>
        <source>The password store could not be asked ({error}).</source>
        <translation>Der Passwortspeicher konnte nicht abgefragt werden ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="122"/>
        <source>Check that it is installed and running, then run this again.</source>
        <translation>Prüfen Sie, ob er installiert ist und läuft, und führen Sie die Prüfung dann erneut aus.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="131"/>
        <source>{store} answers and is unlocked.</source>
        <translation>{store} antwortet und ist entsperrt.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="137"/>
        <source>No password store was found on this computer, so Box Login cannot keep your sign-in there.</source>
        <translation>Auf diesem Computer wurde kein Passwortspeicher gefunden, daher kann Box Login Ihre Anmeldung dort nicht aufbewahren.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="142"/>
        <source>Install one (Debian/Ubuntu: sudo apt-get install gnome-keyring; or KWallet), or choose --store encrypted-file (a file protected by a passphrase).</source>
        <translation>Installieren Sie einen (Debian/Ubuntu: sudo apt-get install gnome-keyring; oder KWallet) oder wählen Sie --store encrypted-file (eine durch eine Passphrase geschützte Datei).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="152"/>
        <source>{store} is locked: it will ask for your password when Box Login uses it.</source>
        <translation>{store} ist gesperrt und fragt nach Ihrem Passwort, sobald Box Login darauf zugreift.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="155"/>
        <source>Unlock it (signing in to the desktop usually does), or just answer its prompt.</source>
        <translation>Entsperren Sie den Passwortspeicher (das geschieht meist schon bei der Anmeldung am Desktop) oder beantworten Sie einfach seine Abfrage.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="164"/>
        <source>{store} has no default keyring yet: it will ask you to create one the first time Box Login keeps a sign-in.</source>
        <translation>{store} hat noch keinen Standard-Schlüsselbund und fordert Sie auf, einen anzulegen, sobald Box Login zum ersten Mal eine Anmeldung aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="169"/>
        <source>Nothing to do: answer its prompt (or create a default keyring in Passwords and Keys).</source>
        <translation>Nichts zu tun: Folgen Sie einfach der Aufforderung (oder legen Sie unter „Passwörter und Verschlüsselung“ einen Standard-Schlüsselbund an).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="179"/>
        <source>{store} could not be reached ({reason}).</source>
        <translation>{store} ist nicht erreichbar ({reason}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="182"/>
        <source>Check that it is running (on Linux, gnome-keyring-daemon in your desktop session), then run this again; or choose --store encrypted-file.</source>
        <translation>Prüfen Sie, ob der Passwortspeicher läuft (unter Linux: gnome-keyring-daemon in Ihrer Desktop-Sitzung), und führen Sie die Prüfung dann erneut aus – oder wählen Sie --store encrypted-file.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="206"/>
        <source>Its service may be stuck: sign out of the desktop and in again (or restart the computer), then run this again. Meanwhile --store encrypted-file keeps the sign-in in a file protected by a passphrase.</source>
        <translation>Der Dienst des Passwortspeichers hängt möglicherweise: Melden Sie sich vom Desktop ab und wieder an (oder starten Sie den Computer neu) und führen Sie die Prüfung dann erneut aus. Bis dahin bewahrt --store encrypted-file die Anmeldung in einer durch eine Passphrase geschützten Datei auf.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="73"/>
        <source>Box Login&apos;s return addresses are free: {addresses}.</source>
        <translation>Die Rückleitungsadressen von Box Login sind frei: {addresses}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="75"/>
        <source>Box Login&apos;s return address is free: {addresses}.</source>
        <translation>Die Rückleitungsadresse von Box Login ist frei: {addresses}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="79"/>
        <source>{sentences} The sign-in will use {address} instead.</source>
        <translation>{sentences} Die Anmeldung verwendet stattdessen {address}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="85"/>
        <source>None of Box Login&apos;s return addresses can be opened. {sentences}</source>
        <translation>Keine der Rückleitungsadressen von Box Login lässt sich öffnen. {sentences}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="88"/>
        <source>{fix} Or ask whoever administers the Box app to register another redirect URI (for example {example}) and add it to redirect_uris in Box Login&apos;s settings.</source>
        <translation>{fix} Oder bitten Sie die Person, die die Box-App verwaltet, eine weitere Umleitungs-URI (zum Beispiel {example}) einzutragen und in den Einstellungen von Box Login unter redirect_uris aufzunehmen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="102"/>
        <source>{program}, pid {pid}</source>
        <translation>{program}, PID {pid}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="112"/>
        <source>Box Login&apos;s return address {address} is reserved by Windows (excluded port range {first}-{last}, which Hyper-V, WSL or Docker reserve).</source>
        <translation>Die Rückleitungsadresse {address} von Box Login ist von Windows reserviert (ausgeschlossener Portbereich {first}-{last}, den Hyper-V, WSL oder Docker reservieren).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="119"/>
        <source>Box Login&apos;s return address {address} is taken by another program ({by}).</source>
        <translation>Die Rückleitungsadresse {address} von Box Login ist von einem anderen Programm belegt ({by}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="122"/>
        <source>Box Login&apos;s return address {address} is taken by another program (the system did not say which).</source>
        <translation>Die Rückleitungsadresse {address} von Box Login ist von einem anderen Programm belegt (das System hat nicht angegeben, von welchem).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="127"/>
        <source>Box Login&apos;s return address {address} cannot be opened: {why}.</source>
        <translation>Die Rückleitungsadresse {address} von Box Login lässt sich nicht öffnen: {why}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="136"/>
        <source>{program} (pid {pid})</source>
        <translation>{program} (PID {pid})</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="141"/>
        <source>the program that uses the port</source>
        <translation>das Programm, das den Port belegt</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="144"/>
        <source>; a port Windows reserves can be seen with: netsh interface ipv4 show excludedportrange protocol=tcp</source>
        <translation>; welche Ports Windows reserviert, zeigt dieser Befehl: netsh interface ipv4 show excludedportrange protocol=tcp</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="150"/>
        <source>Nothing needs doing now. To free it: close {what}{note}.</source>
        <translation>Im Moment ist nichts zu tun. Um die Adresse freizugeben, schließen Sie {what}{note}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="153"/>
        <source>Close {what}{note}, then try again.</source>
        <translation>Schließen Sie {what} und versuchen Sie es dann erneut{note}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="53"/>
        <source>Secure connection to {host}</source>
        <translation>Sichere Verbindung zu {host}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="72"/>
        <source>Settings</source>
        <extracomment>The checks&apos; titles, translated where shown (CheckResult.title).</extracomment>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="73"/>
        <source>Return addresses</source>
        <translation>Rückleitungsadressen</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="74"/>
        <source>Password store</source>
        <translation>Passwortspeicher</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="75"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="76"/>
        <source>Name lookup</source>
        <translation>Namensauflösung</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="77"/>
        <source>Secure connection</source>
        <translation>Sichere Verbindung</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="78"/>
        <source>Box sign-in address</source>
        <translation>Box-Anmeldeadresse</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="79"/>
        <source>Box token address</source>
        <translation>Box-Token-Adresse</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="80"/>
        <source>Clock</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="81"/>
        <source>Box app</source>
        <translation>Box-App</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="88"/>
        <source>ok</source>
        <extracomment>Every check&apos;s name (the part before &quot;:&quot; of &quot;tls:host&quot;), in the order run_checks reports them. The verdicts as a person reads them in the report (doctor --json keeps Verdict&apos;s values).</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="89"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="90"/>
        <source>problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="112"/>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="113"/>
        <source>{seconds} seconds</source>
        <translation>{seconds} Sekunden</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="140"/>
        <source>Fix: {fix}</source>
        <translation>Lösung: {fix}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="142"/>
        <source>{title}: {summary}</source>
        <translation>{title}: {summary}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="148"/>
        <source>as above.</source>
        <translation>wie oben.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="160"/>
        <source>All {count} checks are ok.</source>
        <translation>Alle {count} Prüfungen sind in Ordnung.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="162"/>
        <source>1 problem</source>
        <translation>1 Problem</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="164"/>
        <source>{problems} problems</source>
        <translation>{problems} Probleme</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="167"/>
        <source>1 warning</source>
        <translation>1 Warnung</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="169"/>
        <source>{warnings} warnings</source>
        <translation>{warnings} Warnungen</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="172"/>
        <source>{problems} in {count} checks.</source>
        <translation>{problems} bei {count} Prüfungen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="174"/>
        <source>{warnings} in {count} checks.</source>
        <translation>{warnings} bei {count} Prüfungen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="176"/>
        <source>{problems} and {warnings} in {count} checks.</source>
        <translation>{problems} und {warnings} bei {count} Prüfungen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="134"/>
        <source>The check itself failed ({error}).</source>
        <extracomment>Seconds after which ``run_checks`` returns whatever has not finished as a problem. Seconds from the start after which the check counts as not finished (None: the overall deadline only), and what to say then.</extracomment>
        <translation>Die Prüfung selbst ist fehlgeschlagen ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="137"/>
        <source>Run it again with --verbose and report what it shows.</source>
        <translation>Führen Sie sie mit --verbose erneut aus und melden Sie, was dabei angezeigt wird.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="159"/>
        <source>Did not finish within {seconds}.</source>
        <translation>Nicht innerhalb von {seconds} abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="162"/>
        <source>The network may be very slow or silently dropping connections: check the connection, or ask your IT team.</source>
        <translation>Das Netzwerk ist möglicherweise sehr langsam oder verwirft Verbindungen stillschweigend: Prüfen Sie die Verbindung oder fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="37"/>
        <source>named by --config</source>
        <translation>angegeben mit --config</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="39"/>
        <source>named by the {variable} environment variable</source>
        <translation>angegeben in der Umgebungsvariablen {variable}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="43"/>
        <source>your own settings file</source>
        <translation>Ihre eigene Einstellungsdatei</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="45"/>
        <source>the system-wide settings file an administrator installs</source>
        <translation>die systemweite Einstellungsdatei, die ein Administrator installiert</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="57"/>
        <source>{place} ({role})</source>
        <translation>{place} ({role})</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="60"/>
        <source>{earlier}; {next}</source>
        <translation>{earlier}; {next}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="78"/>
        <source>Box Login is not set up for a Box app yet: there is no settings file. It looked, in this order, at: {places}.</source>
        <translation>Box Login ist noch nicht für eine Box-App eingerichtet: Es gibt keine Einstellungsdatei. Gesucht wurde der Reihe nach hier: {places}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="83"/>
        <source>Ask whoever gave you Box Login for its settings file, and save it as {file} (or name it with --config).</source>
        <translation>Bitten Sie die Person, die Ihnen Box Login gegeben hat, um die Einstellungsdatei, und speichern Sie sie als {file} (oder geben Sie sie mit --config an).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="100"/>
        <source>{why}; nothing at {places}, which come first</source>
        <translation>{why}; unter {places}, wo zuerst gesucht wird, gibt es keine Datei</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="106"/>
        <source>settings built in code</source>
        <translation>im Programmcode festgelegte Einstellungen</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="126"/>
        <source>it has {keys}, which Box Login does not know and ignores</source>
        <translation>die Datei enthält Einträge, die Box Login nicht kennt und daher ignoriert: {keys}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="131"/>
        <source>Check the spelling of {keys} (the keys are {known}).</source>
        <translation>Prüfen Sie die Schreibweise von {keys} (Box Login kennt diese Einträge: {known}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="141"/>
        <source>its return address {address} uses &quot;localhost&quot;; 127.0.0.1 is recommended</source>
        <translation>die Rückleitungsadresse {address} verwendet „localhost“ – empfohlen ist 127.0.0.1</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="146"/>
        <source>Register {address} in the Box developer console and use it in the settings instead: 127.0.0.1 always means this computer, &quot;localhost&quot; depends on its setup.</source>
        <translation>Tragen Sie {address} in der Box Developer Console ein und verwenden Sie die Adresse stattdessen in den Einstellungen: 127.0.0.1 ist immer dieser Computer; was „localhost“ bedeutet, hängt von der Einrichtung des Computers ab.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="152"/>
        <source>Using {file} ({why}).</source>
        <translation>Box Login verwendet {file} ({why}).</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="154"/>
        <source>{summary} But {notes}.</source>
        <translation>{summary} Aber {notes}.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="155"/>
        <source>{earlier}; and {next}</source>
        <translation>{earlier}; und {next}</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="156"/>
        <location filename="../../gui/doctor_dialog.py" line="172"/>
        <source>Check my setup</source>
        <translation>Meine Einrichtung prüfen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="175"/>
        <source>Box Login checks what it needs on this computer and on the way to Box. It changes nothing, here or at Box.</source>
        <translation>Box&#xa0;Login prüft, was es auf diesem Computer und auf dem Weg zu Box braucht. Dabei wird nichts verändert – weder hier noch bei Box.</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="181"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="186"/>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="198"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="201"/>
        <location filename="../../gui/doctor_dialog.py" line="202"/>
        <source>Run again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="204"/>
        <location filename="../../gui/doctor_dialog.py" line="205"/>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="206"/>
        <source>Copy the results as text, for example to send to IT.</source>
        <translation>Kopiert die Ergebnisse als Text, etwa um sie an die IT zu schicken.</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="208"/>
        <location filename="../../gui/doctor_dialog.py" line="209"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="250"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="283"/>
        <source>{summary} The report is on the clipboard.</source>
        <translation>{summary} Der Bericht ist in der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="331"/>
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
    <name>Errors</name>
    <message>
        <location filename="../../core/errors.py" line="106"/>
        <source>Something went wrong in Box Login.</source>
        <extracomment>``--smoke-test``: no usable password store and no explicit alternative chosen. ``--smoke-test``: the embedded browser could not load a page or run JavaScript.</extracomment>
        <translation>In Box Login ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="135"/>
        <source>Box Login&apos;s settings are missing or invalid.</source>
        <extracomment>Suggested exit status for the command line (see README, &quot;Exit codes&quot;).</extracomment>
        <translation>Die Einstellungen von Box Login fehlen oder sind ungültig.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="144"/>
        <source>Box Login is not set up for a Box app yet. Ask whoever gave you this program for its settings file, or try the demo.</source>
        <translation>Box Login ist noch nicht für eine Box-App eingerichtet. Bitten Sie die Person, die Ihnen dieses Programm gegeben hat, um die Einstellungsdatei, oder probieren Sie die Demo aus.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="154"/>
        <source>The Box app configuration file could not be used.</source>
        <translation>Die Konfigurationsdatei der Box-App konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="165"/>
        <source>Box could not be reached. Check your internet connection and try again.</source>
        <translation>Box ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="184"/>
        <source>Box did not answer in time. Check your internet connection and try again.</source>
        <extracomment>False when the request certainly never reached Box (the connection was refused, or could not be set up or secured): a single-use refresh token sent with it is unused.</extracomment>
        <translation>Box hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="193"/>
        <source>The secure connection to Box could not be verified. If you are on a company network, ask your IT team whether a proxy intercepts secure connections.</source>
        <translation>Die sichere Verbindung zu Box konnte nicht überprüft werden. Wenn Sie sich in einem Firmennetzwerk befinden, fragen Sie Ihre IT, ob ein Proxy sichere Verbindungen abfängt.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="209"/>
        <source>The secure connection to Box could not be verified: this computer does not trust the certificate it was shown. On a company network, ask your IT team for the company&apos;s certificate authority.</source>
        <translation>Die sichere Verbindung zu Box konnte nicht überprüft werden: Dieser Computer vertraut dem vorgelegten Zertifikat nicht. Fragen Sie in einem Firmennetzwerk Ihre IT nach der Zertifizierungsstelle des Unternehmens.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="247"/>
        <source>Box&apos;s server could not be found on the network (its name did not resolve). Check your internet connection and the Box addresses in the settings.</source>
        <translation>Der Server von Box wurde im Netzwerk nicht gefunden (sein Name ließ sich nicht auflösen). Prüfen Sie Ihre Internetverbindung und die Box-Adressen in den Einstellungen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="260"/>
        <source>Box&apos;s server refused the connection, so the request never reached Box. Try again in a minute; if it keeps happening, a firewall may be blocking Box Login.</source>
        <translation>Der Server von Box hat die Verbindung abgelehnt; die Anfrage hat Box also nie erreicht. Versuchen Sie es in einer Minute erneut. Wenn es weiterhin passiert, blockiert möglicherweise eine Firewall Box Login.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="277"/>
        <source>The proxy server could not be used. Check the proxy settings, or ask your IT team which proxy to use.</source>
        <translation>Der Proxyserver konnte nicht verwendet werden. Prüfen Sie die Proxy-Einstellungen oder fragen Sie Ihre IT, welcher Proxy zu verwenden ist.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="309"/>
        <source>The proxy server needs a user name and password (HTTP 407). Ask your IT team for them.</source>
        <translation>Der Proxyserver verlangt einen Benutzernamen und ein Passwort (HTTP 407). Fragen Sie Ihre IT danach.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="321"/>
        <source>Box answered with an error.</source>
        <translation>Box hat mit einem Fehler geantwortet.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="364"/>
        <source>Box is having trouble right now. Wait a minute and try again.</source>
        <translation>Bei Box gibt es gerade Probleme. Warten Sie eine Minute und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="374"/>
        <source>Box is receiving too many requests from this app. Wait a minute and try again.</source>
        <translation>Box erhält zu viele Anfragen von dieser App. Warten Sie eine Minute und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="382"/>
        <source>Box refused the request.</source>
        <translation>Box hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="388"/>
        <source>Box no longer accepts this access token. Sign in again.</source>
        <translation>Box akzeptiert diesen Zugriffsschlüssel nicht mehr. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="398"/>
        <source>Box refused to sign you in.</source>
        <translation>Box hat Ihre Anmeldung abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="408"/>
        <source>Box rejected the app&apos;s client ID or client secret.</source>
        <extracomment>The OAuth ``error`` code this class stands for (None for the generic class).</extracomment>
        <translation>Box hat die Client-ID oder das Client-Geheimnis der App abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="413"/>
        <source>Ask whoever gave you this app to check its settings.</source>
        <translation>Bitten Sie die Person, die Ihnen diese App gegeben hat, die Einstellungen der App zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="422"/>
        <source>Box no longer accepts this sign-in. Sign in again.</source>
        <translation>Box akzeptiert diese Anmeldung nicht mehr. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="432"/>
        <source>This app is not authorized by your company&apos;s Box administrator.</source>
        <translation>Diese App wurde von der Box-Administration Ihres Unternehmens nicht freigegeben.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="437"/>
        <source>Ask your Box administrator to authorize the app.</source>
        <translation>Bitten Sie Ihre Box-Administration, die App freizugeben.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="444"/>
        <source>Box did not understand the sign-in request.</source>
        <translation>Box hat die Anmeldeanfrage nicht verstanden.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="452"/>
        <source>The app&apos;s return address does not match what is registered at Box.</source>
        <translation>Die Rückleitungsadresse der App stimmt nicht mit der bei Box eingetragenen überein.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="457"/>
        <source>Ask whoever administers the Box app to add this program&apos;s redirect URI in the Box developer console.</source>
        <translation>Bitten Sie die Person, die die Box-App verwaltet, die Umleitungs-URI dieses Programms in der Box Developer Console einzutragen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="468"/>
        <source>You declined to give the app access to your Box account.</source>
        <translation>Sie haben der App keinen Zugriff auf Ihr Box-Konto gegeben.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="478"/>
        <source>The app asked Box for permissions it does not have.</source>
        <translation>Die App hat bei Box Berechtigungen angefordert, die sie nicht hat.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="483"/>
        <source>Ask whoever administers the Box app to check its scopes.</source>
        <translation>Bitten Sie die Person, die die Box-App verwaltet, die Bereiche (Scopes) der App zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="515"/>
        <source>Signing in to Box did not finish.</source>
        <translation>Die Anmeldung bei Box wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="523"/>
        <source>Signing in took too long, so Box Login stopped waiting. Try again.</source>
        <translation>Die Anmeldung hat zu lange gedauert, deshalb wartet Box Login nicht mehr. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="531"/>
        <source>Signing in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="539"/>
        <source>The answer that came back did not belong to this sign-in, so it was ignored.</source>
        <translation>Die eingegangene Antwort gehörte nicht zu dieser Anmeldung und wurde daher ignoriert.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="547"/>
        <location filename="../../core/loopback/addresses.py" line="52"/>
        <source>Box Login could not open any of its registered return addresses on this computer.</source>
        <extracomment>The machine has no such address (or no IPv6 at all): nobody can listen there, so nobody can take a sign-in sent there either.</extracomment>
        <translation>Box Login konnte keine seiner eingetragenen Rückleitungsadressen auf diesem Computer öffnen.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="558"/>
        <source>You need to sign in to Box.</source>
        <translation>Sie müssen sich bei Box anmelden.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="579"/>
        <source>You are not signed in to Box. Sign in first.</source>
        <extracomment>The profile that has no usable sign-in: a face (the command line, the window) says how to sign in for it; core&apos;s message states only the fact. Who was signed in there, when known.</extracomment>
        <translation>Sie sind nicht bei Box angemeldet. Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="585"/>
        <source>Your Box sign-in has ended. Sign in again.</source>
        <translation>Ihre Anmeldung bei Box ist nicht mehr gültig. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="594"/>
        <source>Box Login could not use the place where it keeps your sign-in.</source>
        <translation>Box Login konnte den Speicherort Ihrer Anmeldung nicht verwenden.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="604"/>
        <source>This computer has no password store (keyring) that Box Login can use.</source>
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher (keyring), den Box Login nutzen kann.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="612"/>
        <source>A value is too large for the system password store.</source>
        <translation>Ein Wert ist zu groß für den Passwortspeicher des Systems.</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="621"/>
        <source>The system password store is locked. Unlock it (for example by signing in to your desktop) and try again.</source>
        <translation>Der Passwortspeicher des Systems ist gesperrt. Entsperren Sie ihn (zum Beispiel, indem Sie sich an Ihrem Desktop anmelden) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="77"/>
        <source>Box could not be reached, so your sign-in was not ended at Box.</source>
        <extracomment>How long a process waits for another one that is refreshing the same profile. A refresh is at most a few requests with timeouts and one Retry-After wait, well under this. Told who signed in (the new StoredToken) just before it is saved.</extracomment>
        <translation>Box war nicht erreichbar, daher wurde Ihre Anmeldung bei Box nicht beendet.</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="85"/>
        <source>Another Box Login is renewing this sign-in and has not finished. Try again soon.</source>
        <translation>Ein anderes Box Login erneuert gerade diese Anmeldung und ist noch nicht fertig. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="101"/>
        <source>That profile name cannot be used. Use letters, digits and . _ @ + - (up to 64).</source>
        <extracomment>Largest value written to one keyring entry. Windows Credential Manager refuses more than 2,560 bytes per secret; staying well under leaves room for the backend&apos;s own overhead.</extracomment>
        <translation>Dieser Profilname kann nicht verwendet werden. Verwenden Sie Buchstaben, Ziffern und . _ @ + - (bis zu 64 Zeichen).</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="111"/>
        <source>The passphrase does not open the encrypted token file. Check it and try again.</source>
        <translation>Mit dieser Passphrase lässt sich die verschlüsselte Datei nicht öffnen. Prüfen Sie die Passphrase und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="118"/>
        <source>Box Login&apos;s settings file could not be used.</source>
        <extracomment>The hosts Box accepts in a plain-http redirect URI (docs/box-oauth.md, &quot;Redirect URIs&quot;): the one list the settings check, the loopback listener and the sandbox use.</extracomment>
        <translation>Die Einstellungsdatei von Box Login konnte nicht verwendet werden.</translation>
    </message>
</context>
<context>
    <name>ExitCodes</name>
    <message>
        <location filename="../../core/errors.py" line="66"/>
        <source>done</source>
        <extracomment>Every exit status of the command line and what it means: the one list that ``--help``, the README&apos;s table and the error classes&apos; ``exit_code`` follow (a test checks all three). The meanings are marked for translation: ``translate(&quot;ExitCodes&quot;, meaning)`` where shown.</extracomment>
        <translation>erledigt</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="67"/>
        <source>something unexpected went wrong</source>
        <translation>etwas Unerwartetes ist schiefgegangen</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="68"/>
        <source>the command line was not understood</source>
        <translation>die Befehlszeile wurde nicht verstanden</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="71"/>
        <source>the settings are missing or wrong, or the Box app is set up wrongly</source>
        <translation>die Einstellungen fehlen oder sind falsch, oder die Box-App ist falsch eingerichtet</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="77"/>
        <source>you need to sign in (again), or the sign-in was declined or did not finish</source>
        <translation>eine (erneute) Anmeldung ist nötig, oder sie wurde abgelehnt oder nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="82"/>
        <source>Box could not be reached, or is having trouble</source>
        <translation>Box ist nicht erreichbar oder hat Probleme</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="83"/>
        <source>the password store (keyring) could not be used</source>
        <translation>der Passwortspeicher (keyring) konnte nicht verwendet werden</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="84"/>
        <source>(--smoke-test only) the embedded browser could not start</source>
        <translation>(nur --smoke-test) der eingebettete Browser konnte nicht starten</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="85"/>
        <source>cancelled (Ctrl-C)</source>
        <translation>abgebrochen (Strg+C)</translation>
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
        <translation>Willkommen bei Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="78"/>
        <source>Box Login connects your Box account to a program on this computer. You sign in to Box once; Box Login keeps the connection safe and renews it for you.</source>
        <translation>Box&#xa0;Login verbindet Ihr Box-Konto mit einem Programm auf diesem Computer. Sie melden sich einmal bei Box an; Box&#xa0;Login bewahrt die Verbindung sicher auf und erneuert sie für Sie.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="86"/>
        <source>This copy of Box Login is not set up yet: it does not know which program should get access. Whoever gave you Box Login can send you a settings file.</source>
        <translation>Box&#xa0;Login ist auf diesem Computer noch nicht eingerichtet: Es weiß noch nicht, welches Programm Zugriff bekommen soll. Wer Ihnen Box&#xa0;Login gegeben hat, kann Ihnen eine Einstellungsdatei schicken.</translation>
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
        <translation>Die Einstellungen von Box&#xa0;Login konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="141"/>
        <source>Whoever gave you Box Login can send you a new settings file. Open it with “Set up…”, or try the demo meanwhile.</source>
        <translation>Wer Ihnen Box&#xa0;Login gegeben hat, kann Ihnen eine neue Einstellungsdatei schicken. Öffnen Sie sie mit „Einrichten…“ oder probieren Sie in der Zwischenzeit die Demo aus.</translation>
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
    <name>Grammar</name>
    <message>
        <location filename="../../core/translation.py" line="146"/>
        <source>{earlier} {next}</source>
        <extracomment>The languages Box Login ships, English first (the source language). Where the ``.ts`` sources and the built ``.qm`` files live (also inside the installed bundle). The catalogue&apos;s base name: box-login_de.qm. The window&apos;s remembered choice: QSettings(IniFormat, UserScope, &quot;Box Login&quot;, &quot;window&quot;), key ``language`` in its [General] group.</extracomment>
        <translation>{earlier} {next}</translation>
    </message>
    <message>
        <location filename="../../core/translation.py" line="154"/>
        <source>{earlier}, {next}</source>
        <translation>{earlier}, {next}</translation>
    </message>
    <message>
        <location filename="../../core/translation.py" line="156"/>
        <source>{items} or {last}</source>
        <translation>{items} oder {last}</translation>
    </message>
    <message>
        <location filename="../../core/translation.py" line="158"/>
        <source>{items} and {last}</source>
        <translation>{items} und {last}</translation>
    </message>
</context>
<context>
    <name>KeepAlive</name>
    <message>
        <location filename="../../gui/keepalive_control.py" line="31"/>
        <source>Box ends a connection that goes unused for 60 days. So that yours keeps working while Box Login is closed, your computer now runs a short check once a day: when the connection is more than 30 days old, it renews it (nothing else is sent). If it cannot, you get a reminder a week before the end. You can turn this off here.</source>
        <extracomment>Said once, under the switch, when the window turns keep-alive on after the first sign-in.</extracomment>
        <translation>Box beendet eine Verbindung, die 60 Tage lang nicht genutzt wird. Damit Ihre Verbindung auch bei geschlossenem Box&#xa0;Login bestehen bleibt, prüft Ihr Computer sie jetzt einmal am Tag kurz: Ist sie älter als 30 Tage, wird sie erneuert (sonst wird nichts gesendet). Gelingt das nicht, werden Sie eine Woche vor dem Ende erinnert. Sie können das hier ausschalten.</translation>
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
        <translation>Aus: Box&#xa0;Login erinnert Sie eine Woche, bevor die Verbindung endet.</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="46"/>
        <source>Off: nothing checks the connection while Box Login is closed.</source>
        <extracomment>Turned off altogether (&quot;box-login keep-alive uninstall&quot;): not even reminders.</extracomment>
        <translation>Aus: Solange Box&#xa0;Login geschlossen ist, prüft nichts die Verbindung.</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="49"/>
        <source>Not available with an encrypted file: renewing needs your passphrase, which Box Login never keeps. Open Box Login at least once every 60 days.</source>
        <translation>Mit einer verschlüsselten Datei nicht möglich: Zum Erneuern wird Ihre Passphrase gebraucht, und die bewahrt Box&#xa0;Login nie auf. Öffnen Sie Box&#xa0;Login mindestens alle 60 Tage einmal.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="128"/>
        <source>Keep-alive is not available with an encrypted token file: renewing needs your passphrase, and Box Login never keeps it, so nothing can renew while you are away.</source>
        <extracomment>Renew a profile whose refresh token is older than this. Why 30 days, half of Box&apos;s 60: the scheduler runs the job about once a day, but a laptop may be off or away from the network for weeks (holidays), and a renewal may fail for days (Box or the proxy down, the password store locked). Renewing at 30 days leaves 30 days, some 30 daily attempts, before the sign-in ends, and the reminder a week before the end (``REMIND_WITHIN``) comes only after three weeks of failures. Renewing sooner would change nothing for a profile in use (every renewal by the window or ``token`` makes the refresh token new again, so the job finds nothing due and sends nothing) and would only rotate an idle profile&apos;s refresh token more often: each rotation is a keyring write and a moment where Box has taken the old token. At 30 days an idle profile is renewed about twice in 60 days. Remind the person when a sign-in that is not being renewed ends within this. Box&apos;s refresh token lifetime (``core.stored_token.REFRESH_TOKEN_LIFETIME``), repeated here so that this module does not import the store (and keyring) to decide what is due.</extracomment>
        <translation>„Verbunden bleiben“ ist mit einer verschlüsselten Datei nicht möglich: Zum Erneuern wird Ihre Passphrase gebraucht, und die bewahrt Box Login nie auf – solange Sie nicht da sind, kann also nichts erneuert werden.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="134"/>
        <source>Use the system password store (keyring) to keep the connection alive, or use Box Login at least once every 60 days.</source>
        <translation>Verwenden Sie den Passwortspeicher des Systems (keyring), damit die Verbindung bestehen bleibt, oder verwenden Sie Box Login mindestens alle 60 Tage einmal.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="141"/>
        <source>Keep-alive is not available when the sign-in is kept in memory only: it is gone when Box Login closes.</source>
        <translation>„Verbunden bleiben“ ist nicht möglich, wenn die Anmeldung nur im Arbeitsspeicher liegt: Sie ist weg, sobald Box Login geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="146"/>
        <source>Use the system password store (keyring).</source>
        <translation>Verwenden Sie den Passwortspeicher des Systems (keyring).</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="189"/>
        <source>less than a day left</source>
        <translation>noch weniger als ein Tag</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="191"/>
        <source>1 day left</source>
        <translation>noch 1 Tag</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="192"/>
        <source>{days} days left</source>
        <translation>noch {days} Tage</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="384"/>
        <source>{login} (profile {profile})</source>
        <extracomment>Younger than ``RENEW_AFTER``: nothing sent. Renewed at Box. Due when read, but another process renewed it before the lock was ours. Due, not renewed: the run was told to remind only. Box no longer accepts the sign-in (or it reached its 60 days): sign in again. The sign-in had already ended before this run. The renewal failed (network, Box, settings); the next run tries again.</extracomment>
        <translation>{login} (Profil {profile})</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="390"/>
        <source>your Box account</source>
        <translation>Ihr Box-Konto</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="391"/>
        <source>profile {profile}</source>
        <translation>Profil {profile}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="396"/>
        <source>January</source>
        <extracomment>The months&apos; names, translated where shown (the system&apos;s locale is not the chosen language).</extracomment>
        <translation>Januar</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="397"/>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="398"/>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="399"/>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="400"/>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="401"/>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="402"/>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="403"/>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="404"/>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="405"/>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="406"/>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="407"/>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="414"/>
        <source>{day} {month}</source>
        <translation>{day}. {month}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="423"/>
        <location filename="../../core/keepalive.py" line="478"/>
        <source>Box Login could not renew your Box connection</source>
        <translation>Box Login konnte Ihre Box-Verbindung nicht erneuern</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="425"/>
        <source>The connection for {who} ends today ({date}).</source>
        <translation>Die Verbindung für {who} endet heute ({date}).</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="430"/>
        <source>The connection for {who} ends in 1 day ({date}).</source>
        <translation>Die Verbindung für {who} endet in 1 Tag ({date}).</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="435"/>
        <source>The connection for {who} ends in {days} days ({date}).</source>
        <translation>Die Verbindung für {who} endet in {days} Tagen ({date}).</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="441"/>
        <source>Your Box connection ends today</source>
        <translation>Ihre Box-Verbindung endet heute</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="443"/>
        <source>Your Box connection ends in 1 day</source>
        <translation>Ihre Box-Verbindung endet in 1 Tag</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="445"/>
        <source>Your Box connection ends in {days} days</source>
        <translation>Ihre Box-Verbindung endet in {days} Tagen</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="446"/>
        <source>Box ends the connection for {who} on {date} unless it is used. Open Box Login to renew it, or turn on “Keep me connected even when Box Login is closed”.</source>
        <translation>Box beendet die Verbindung für {who} am {date}, wenn sie bis dahin nicht genutzt wird. Öffnen Sie Box Login, um sie zu erneuern, oder schalten Sie „Verbunden bleiben, auch wenn Box Login geschlossen ist“ ein.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="455"/>
        <source>Box Login tries again every day; open it to renew now.</source>
        <translation>Box Login versucht es jeden Tag erneut; öffnen Sie Box Login, um sie jetzt zu erneuern.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="464"/>
        <source>Your Box connection has ended</source>
        <translation>Ihre Box-Verbindung wurde beendet</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="465"/>
        <source>Box no longer accepts the sign-in for {who}: an administrator may have removed the access, the password may have changed, or it went unused for 60 days. Open Box Login to connect again; your programs cannot use Box until you do.</source>
        <translation>Box akzeptiert die Anmeldung für {who} nicht mehr: Möglicherweise hat Ihre Box-Administration den Zugriff entfernt, wurde das Passwort geändert oder die Verbindung 60 Tage lang nicht genutzt. Öffnen Sie Box Login, um sich erneut zu verbinden – bis dahin können Ihre Programme Box nicht nutzen.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="479"/>
        <source>The password store ({store}) is locked, so Box Login could not renew your Box connection. Unlock it, for example by signing in to your desktop again; Box Login tries again tomorrow.</source>
        <translation>Der Passwortspeicher ({store}) ist gesperrt, daher konnte Box Login Ihre Box-Verbindung nicht erneuern. Entsperren Sie ihn, zum Beispiel indem Sie sich erneut an Ihrem Desktop anmelden; Box Login versucht es morgen erneut.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="542"/>
        <source>Box Login is not set up for a Box app.</source>
        <translation>Box Login ist für keine Box-App eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="616"/>
        <source>Box no longer accepts this sign-in.</source>
        <translation>Box akzeptiert diese Anmeldung nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="643"/>
        <source>The password store is locked: nothing was checked or renewed.</source>
        <translation>Der Passwortspeicher ist gesperrt: Es wurde nichts geprüft oder erneuert.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="651"/>
        <source>{profile}: {outcome}</source>
        <translation>{profile}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="653"/>
        <source>No connected accounts.</source>
        <translation>Keine verbundenen Konten.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="659"/>
        <source>Box ended this sign-in: sign in again</source>
        <translation>Box hat diese Anmeldung beendet; bitte melden Sie sich erneut an</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="661"/>
        <source>needs to sign in again</source>
        <translation>erneute Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="664"/>
        <source>not due ({left})</source>
        <translation>nicht fällig ({left})</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="665"/>
        <source>renewed ({left})</source>
        <translation>erneuert ({left})</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="666"/>
        <source>already renewed by another Box Login ({left})</source>
        <translation>bereits von einem anderen Box Login erneuert ({left})</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="669"/>
        <source>due, not renewed: reminders only ({left})</source>
        <translation>fällig, nicht erneuert: nur Erinnerungen ({left})</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="672"/>
        <source>could not renew ({left}): {detail}</source>
        <translation>Erneuerung fehlgeschlagen ({left}): {detail}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="675"/>
        <source>not due</source>
        <translation>nicht fällig</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="676"/>
        <source>renewed</source>
        <translation>erneuert</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="677"/>
        <source>already renewed by another Box Login</source>
        <translation>bereits von einem anderen Box Login erneuert</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="678"/>
        <source>due, not renewed: reminders only</source>
        <translation>fällig, nicht erneuert: nur Erinnerungen</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="679"/>
        <source>could not renew: {detail}</source>
        <translation>Erneuerung fehlgeschlagen: {detail}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="88"/>
        <source>XDG autostart entry, run at each desktop sign-in</source>
        <extracomment>The desktop entry of the installed app (packaging/linux/com.example.BoxLogin.desktop). Our entries say so in their first line; uninstall removes only files that do.</extracomment>
        <translation>XDG-Autostart-Eintrag, ausgeführt bei jeder Anmeldung am Desktop</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="92"/>
        <source>systemd user timer {timer}</source>
        <translation>systemd-Benutzer-Timer {timer}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="96"/>
        <source>LaunchAgent {label}</source>
        <translation>LaunchAgent {label}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="100"/>
        <source>Task Scheduler task {name}</source>
        <translation>Aufgabe {name} in der Aufgabenplanung</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="418"/>
        <source>The system&apos;s scheduler refused to {what}: {said}</source>
        <translation>Die Aufgabenplanung des Systems hat es abgelehnt, {what}: {said}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="420"/>
        <source>The system&apos;s scheduler refused to {what} (exit code {code}).</source>
        <translation>Die Aufgabenplanung des Systems hat es abgelehnt, {what} (Exit-Code {code}).</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="425"/>
        <source>Run the command again with --verbose, or turn keep-alive off and on again.</source>
        <translation>Führen Sie den Befehl erneut mit --verbose aus, oder schalten Sie „Verbunden bleiben“ aus und wieder ein.</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="499"/>
        <source>reload its units</source>
        <translation>ihre Units neu zu laden</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="503"/>
        <source>enable {timer}</source>
        <translation>{timer} zu aktivieren</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="527"/>
        <source>load the LaunchAgent</source>
        <translation>den LaunchAgent zu laden</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="542"/>
        <source>create the scheduled task</source>
        <translation>die geplante Aufgabe zu erstellen</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="558"/>
        <source>delete the task</source>
        <translation>die Aufgabe zu löschen</translation>
    </message>
</context>
<context>
    <name>Loopback</name>
    <message>
        <location filename="../../core/loopback/addresses.py" line="86"/>
        <source>None of Box Login&apos;s redirect URIs is an address on this computer (http://127.0.0.1:PORT/…, http://localhost:PORT/… or http://[::1]:PORT/…).</source>
        <extracomment>The ports Box Login tried to open, in order. (redirect URI, why it could not be used), one per configured URI. What an administrator can change, in their words (shown under &quot;Details&quot;).</extracomment>
        <translation>Keine der Umleitungs-URIs von Box Login ist eine Adresse auf diesem Computer (http://127.0.0.1:PORT/…, http://localhost:PORT/… oder http://[::1]:PORT/…).</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="91"/>
        <source>Ask whoever administers the Box app to register a redirect URI such as http://127.0.0.1:8765/callback and add it to Box Login&apos;s settings.</source>
        <translation>Bitten Sie die Person, die die Box-App verwaltet, eine Umleitungs-URI wie http://127.0.0.1:8765/callback einzutragen und sie in die Einstellungen von Box Login aufzunehmen.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="100"/>
        <source>Ports {ports} in use by other programs. Close the program that is using ports {ports_or}, or register another redirect URI for the Box app (for example {example}) and add it to Box Login&apos;s settings.</source>
        <translation>Die Ports {ports} werden von anderen Programmen verwendet. Schließen Sie das Programm, das Port {ports_or} verwendet, oder tragen Sie für die Box-App eine andere Umleitungs-URI ein (zum Beispiel {example}) und nehmen Sie sie in die Einstellungen von Box Login auf.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="107"/>
        <source>Port {ports} in use by other programs. Close the program that is using port {ports_or}, or register another redirect URI for the Box app (for example {example}) and add it to Box Login&apos;s settings.</source>
        <translation>Port {ports} wird von einem anderen Programm verwendet. Schließen Sie das Programm, das Port {ports_or} verwendet, oder tragen Sie für die Box-App eine andere Umleitungs-URI ein (zum Beispiel {example}) und nehmen Sie sie in die Einstellungen von Box Login auf.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="116"/>
        <source>Another program on this computer is using the connection Box Login needs to finish signing in.</source>
        <translation>Ein anderes Programm auf diesem Computer belegt die Verbindung, die Box Login zum Abschließen der Anmeldung braucht.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="121"/>
        <source>Close programs you do not need (or restart the computer), then try again. If it keeps happening, send the details to whoever looks after Box Login.</source>
        <translation>Schließen Sie Programme, die Sie nicht brauchen (oder starten Sie den Computer neu), und versuchen Sie es dann erneut. Wenn es weiterhin passiert, senden Sie die Details an die Person, die Box Login betreut.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="168"/>
        <source>not a valid address</source>
        <extracomment>The redirect URI&apos;s host, lower case: ``127.0.0.1``, ``localhost`` or ``::1``.</extracomment>
        <translation>keine gültige Adresse</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="170"/>
        <source>not a plain http:// address, so it cannot be received on this computer</source>
        <translation>keine einfache http://-Adresse, kann daher auf diesem Computer nicht empfangen werden</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="175"/>
        <source>not a loopback address (127.0.0.1, localhost or [::1])</source>
        <translation>keine Loopback-Adresse (127.0.0.1, localhost oder [::1])</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="179"/>
        <source>not a valid redirect URI (user name or fragment)</source>
        <translation>keine gültige Umleitungs-URI (Benutzername oder Fragment)</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="181"/>
        <source>has port 0; Box needs a fixed port</source>
        <translation>hat Port 0; Box braucht einen festen Port</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="254"/>
        <source>port in use by another program</source>
        <translation>Port wird von einem anderen Programm verwendet</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="256"/>
        <source>access to the port denied (reserved or privileged)</source>
        <translation>Zugriff auf den Port verweigert (reserviert oder privilegiert)</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="258"/>
        <source>this computer has no such loopback address</source>
        <translation>diese Loopback-Adresse gibt es auf diesem Computer nicht</translation>
    </message>
    <message>
        <location filename="../../core/loopback/listener.py" line="239"/>
        <source>The sign-in listener stopped unexpectedly.</source>
        <extracomment>Open connections at once; beyond this the oldest one still sending its request is dropped, so a crowd of silent clients cannot keep the browser&apos;s real callback out. Answer sent; reading and discarding what the client still sends, so closing does not reset the connection before the client has read the answer. The redirect URI being listened on (None before ``start()``). The listening sockets, one per address of the redirect URI (empty once closed). The answer that ends the sign-in once its page is sent (serving thread only).</extracomment>
        <translation>Der Empfangsdienst für die Anmeldung wurde unerwartet beendet.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/listener.py" line="336"/>
        <source>The sign-in listener stopped unexpectedly. Try again.</source>
        <translation>Der Empfangsdienst für die Anmeldung wurde unerwartet beendet. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/loopback/listener.py" line="524"/>
        <source>Box&apos;s answer to the sign-in had no authorization code. Try signing in again.</source>
        <translation>Die Antwort von Box auf die Anmeldung enthielt keinen Autorisierungscode. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="51"/>
        <source>could not be opened</source>
        <translation>konnte nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../main.py" line="52"/>
        <source>Box Login is not set up for a Box app yet.</source>
        <translation>Box Login ist noch für keine Box-App eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../main.py" line="53"/>
        <source>Ask whoever gave you this program for its settings file (and pass it with --config PATH), or run &quot;{command} sandbox&quot; to try the demo.</source>
        <translation>Bitten Sie die Person, von der Sie dieses Programm haben, um die Einstellungsdatei (und geben Sie sie mit --config PATH an), oder führen Sie „{command} sandbox“ aus, um die Demo auszuprobieren.</translation>
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
        <translation>Für Administratoren: bei welcher Box-App sich Box&#xa0;Login anmeldet</translation>
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
        <translation>Was Box&#xa0;Login auf diesem Computer und auf dem Weg zu Box braucht</translation>
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
        <translation>Die neue Sprache gilt ab dem nächsten Start von Box&#xa0;Login.</translation>
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
        <location filename="../../gui/widgets.py" line="220"/>
        <location filename="../../gui/widgets.py" line="222"/>
        <location filename="../../gui/widgets.py" line="301"/>
        <source>Details</source>
        <extracomment>KDE&apos;s mark for a password: Klipper and other clipboard managers (CopyQ, GPaste, …) keep such content out of their history. How Qt names a Windows clipboard format in mime data: ``application/x-qt-windows-mime; value=&quot;Name&quot;`` is registered as the clipboard format ``Name`` (RegisterClipboardFormat). macOS&apos;s concealed type (nspasteboard.org) as Qt-based clipboard tools (CopyQ, KeePassXC) name it. Qt itself puts an unknown mime type on the pasteboard as the type ``com.trolltech.anymime.&lt;mime&gt;``; the native ``org.nspasteboard.ConcealedType`` needs a native converter (QUtiMimeConverter), which PySide6 does not offer. The bar showed a message and told the screen reader (text, urgent). What a screen reader calls the bar, by level.</extracomment>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="224"/>
        <source>Shows or hides the technical details</source>
        <translation>Blendet die technischen Details ein oder aus</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="229"/>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="230"/>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="252"/>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="301"/>
        <source>Hide details</source>
        <translation>Details ausblenden</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <location filename="../../core/http.py" line="322"/>
        <source>{host} did not answer within {seconds}.</source>
        <extracomment>Box&apos;s own analytics header, in the format the official SDK sends. (connect, read) seconds. At most this many retries of one call, however short the waits. Seconds since the epoch when the response arrived.</extracomment>
        <translation>{host} hat nicht innerhalb von {seconds} geantwortet.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="325"/>
        <source>Try again in a minute. If it keeps happening, check your internet connection.</source>
        <translation>Versuchen Sie es in einer Minute erneut. Wenn es weiterhin passiert, prüfen Sie Ihre Internetverbindung.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="365"/>
        <source>The Box address {address} in Box Login&apos;s settings is not a valid web address.</source>
        <translation>Die Box-Adresse {address} in den Einstellungen von Box Login ist keine gültige Webadresse.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="374"/>
        <source>A header for the request to Box is not valid (a value contains a line break or starts with a space).</source>
        <translation>Ein Header der Anfrage an Box ist ungültig (ein Wert enthält einen Zeilenumbruch oder beginnt mit einem Leerzeichen).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="427"/>
        <source>Box answered with a redirect (HTTP {status}) instead of an answer. Box Login does not follow redirects when it sends sign-in details.</source>
        <translation>Box hat mit einer Weiterleitung (HTTP {status}) statt mit einer Antwort reagiert. Box Login folgt keinen Weiterleitungen, wenn es Anmeldedaten sendet.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="434"/>
        <source>Check the Box addresses (base_url, oauth_2_url) in the settings.</source>
        <translation>Prüfen Sie die Box-Adressen (base_url, oauth_2_url) in den Einstellungen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="462"/>
        <source>Box Login could not set up a secure connection to {host}.</source>
        <translation>Box Login konnte keine sichere Verbindung zu {host} herstellen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="465"/>
        <source>If you are on a company network, a proxy or firewall may be interfering with secure connections: ask your IT team.</source>
        <translation>Wenn Sie sich in einem Firmennetzwerk befinden, stört möglicherweise ein Proxy oder eine Firewall sichere Verbindungen: Fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="480"/>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="481"/>
        <source>{seconds} seconds</source>
        <translation>{seconds} Sekunden</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="484"/>
        <source>Check the proxy settings, or ask your IT team which proxy to use (&quot;proxy&quot; in Box Login&apos;s settings; &quot;system&quot; follows this computer&apos;s settings).</source>
        <translation>Prüfen Sie die Proxy-Einstellungen oder fragen Sie Ihre IT, welcher Proxy zu verwenden ist („proxy“ in den Einstellungen von Box Login; „system“ übernimmt die Einstellungen dieses Computers).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="494"/>
        <source>Box Login could not connect to {host} through the proxy server {proxy} ({where}) within {seconds}.</source>
        <translation>Box Login konnte über den Proxyserver {proxy} ({where}) nicht innerhalb von {seconds} eine Verbindung zu {host} herstellen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="507"/>
        <source>Box Login could not connect to {host} within {seconds}.</source>
        <translation>Box Login konnte nicht innerhalb von {seconds} eine Verbindung zu {host} herstellen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="510"/>
        <source>Check your internet connection. On a company network a firewall may block the connection, or a proxy may be needed: ask your IT team.</source>
        <translation>Prüfen Sie Ihre Internetverbindung. In einem Firmennetzwerk blockiert möglicherweise eine Firewall die Verbindung oder es wird ein Proxy benötigt: Fragen Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="523"/>
        <source>A proxy server between this computer and {host} needs a user name and password, but Box Login was not set up to use a proxy.</source>
        <translation>Ein Proxyserver zwischen diesem Computer und {host} verlangt einen Benutzernamen und ein Passwort, aber Box Login ist nicht für einen Proxy eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="528"/>
        <source>Ask your IT team for the proxy&apos;s address, and set it as &quot;proxy&quot; in Box Login&apos;s settings (or in the HTTPS_PROXY environment variable).</source>
        <translation>Fragen Sie Ihre IT nach der Adresse des Proxys und tragen Sie sie als „proxy“ in den Einstellungen von Box Login ein (oder in der Umgebungsvariablen HTTPS_PROXY).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="539"/>
        <source>The proxy server {proxy} ({where}) needs a user name and password, and Box Login has none for it.</source>
        <translation>Der Proxyserver {proxy} ({where}) verlangt einen Benutzernamen und ein Passwort, aber Box Login hat dafür keine Zugangsdaten.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="546"/>
        <source>Give them in the HTTPS_PROXY environment variable, as HTTPS_PROXY=http://USER:PASSWORD@{proxy} (ask your IT team if you do not know them), and try again; in the window, Box Login asks for them. Box Login never reads them from its settings file.</source>
        <translation>Geben Sie sie in der Umgebungsvariablen HTTPS_PROXY an, in der Form HTTPS_PROXY=http://BENUTZER:PASSWORT@{proxy} (fragen Sie Ihre IT, falls Sie sie nicht kennen), und versuchen Sie es erneut; im Fenster fragt Box Login danach. Aus seiner Einstellungsdatei liest Box Login sie nie.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="555"/>
        <source>from the HTTPS_PROXY environment variable</source>
        <translation>aus der Umgebungsvariablen HTTPS_PROXY</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="560"/>
        <source>The proxy server {proxy} ({where}) did not accept the user name and password Box Login gave it ({origin}).</source>
        <translation>Der Proxyserver {proxy} ({where}) hat den Benutzernamen und das Passwort, die Box Login ihm übergeben hat ({origin}), nicht angenommen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="567"/>
        <source>Check them, or ask your IT team for the right ones, and try again.</source>
        <translation>Prüfen Sie sie oder fragen Sie Ihre IT nach den richtigen und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="587"/>
        <source>The proxy server {proxy} ({where}) would not connect Box Login to {host} (it answered {status}).</source>
        <translation>Der Proxyserver {proxy} ({where}) hat Box Login nicht mit {host} verbunden (Antwort: {status}).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="594"/>
        <source>Ask your IT team whether the proxy allows {host}.</source>
        <translation>Fragen Sie Ihre IT, ob der Proxy {host} zulässt.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="599"/>
        <source>The proxy server {proxy} ({where}) could not be found on the network (its name does not resolve).</source>
        <translation>Der Proxyserver {proxy} ({where}) wurde im Netzwerk nicht gefunden (sein Name lässt sich nicht auflösen).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="605"/>
        <source>The proxy server {proxy} ({where}) refused the connection.</source>
        <translation>Der Proxyserver {proxy} ({where}) hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="609"/>
        <source>The proxy server {proxy} ({where}) could not be used (the connection to it failed).</source>
        <translation>Der Proxyserver {proxy} ({where}) konnte nicht verwendet werden (die Verbindung zu ihm ist fehlgeschlagen).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="622"/>
        <source>Box Login could not find {host} on the network: the name does not resolve.</source>
        <translation>Box Login konnte {host} im Netzwerk nicht finden: Der Name lässt sich nicht auflösen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="626"/>
        <source>Check your internet connection and the Box addresses in the settings (base_url, oauth_2_url). On a network that reaches the internet only through a proxy, ask your IT team which proxy to use (&quot;proxy&quot; in the settings).</source>
        <translation>Prüfen Sie Ihre Internetverbindung und die Box-Adressen in den Einstellungen (base_url, oauth_2_url). In einem Netzwerk, das das Internet nur über einen Proxy erreicht, fragen Sie Ihre IT, welcher Proxy zu verwenden ist („proxy“ in den Einstellungen).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="638"/>
        <source>Ask your IT team for the company&apos;s root certificate: they can add it to this computer&apos;s certificate store, or give you a PEM file to name as &quot;ca_bundle&quot; in Box Login&apos;s settings.</source>
        <translation>Fragen Sie Ihre IT nach dem Stammzertifikat des Unternehmens. Die IT kann es dem Zertifikatspeicher dieses Computers hinzufügen oder Ihnen eine PEM-Datei geben, die Sie in den Einstellungen von Box Login unter „ca_bundle“ angeben.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="660"/>
        <source>issued by {issuer}</source>
        <translation>ausgestellt von {issuer}</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="662"/>
        <source>issued by an authority this computer does not know</source>
        <translation>ausgestellt von einer Zertifizierungsstelle, die dieser Computer nicht kennt</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="665"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown ({issued_by}) has expired or is not valid yet.</source>
        <translation>Box Login konnte die sichere Verbindung zu {host} nicht überprüfen: Das vorgelegte Zertifikat ({issued_by}) ist abgelaufen oder noch nicht gültig.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="670"/>
        <source>Check that this computer&apos;s date and time are right. If they are, tell your IT team: the network may be inspecting secure connections with an outdated certificate.</source>
        <translation>Prüfen Sie, ob Datum und Uhrzeit dieses Computers stimmen. Wenn ja, informieren Sie Ihre IT: Möglicherweise prüft das Netzwerk sichere Verbindungen mit einem veralteten Zertifikat.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="677"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown ({issued_by}) is for another server.</source>
        <translation>Box Login konnte die sichere Verbindung zu {host} nicht überprüfen: Das vorgelegte Zertifikat ({issued_by}) gilt für einen anderen Server.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="682"/>
        <source>Check the Box addresses in the settings. If they are right, the network may be redirecting secure connections: tell your IT team.</source>
        <translation>Prüfen Sie die Box-Adressen in den Einstellungen. Wenn sie stimmen, leitet das Netzwerk sichere Verbindungen möglicherweise um: Informieren Sie Ihre IT.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="689"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown is self-signed ({issuer}), and this computer does not trust it. The network appears to inspect secure connections (company proxies and security software do this).</source>
        <translation>Box Login konnte die sichere Verbindung zu {host} nicht überprüfen: Das vorgelegte Zertifikat ist selbst signiert ({issuer}), und dieser Computer vertraut ihm nicht. Das Netzwerk scheint sichere Verbindungen zu prüfen (das tun Firmen-Proxys und Sicherheitssoftware).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="697"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown was issued by an authority this computer does not trust. The network appears to inspect secure connections (company proxies and security software do this).</source>
        <translation>Box Login konnte die sichere Verbindung zu {host} nicht überprüfen: Das vorgelegte Zertifikat wurde von einer Zertifizierungsstelle ausgestellt, der dieser Computer nicht vertraut. Das Netzwerk scheint sichere Verbindungen zu prüfen (das tun Firmen-Proxys und Sicherheitssoftware).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="705"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown was issued by {issuer}, which this computer does not trust. The network appears to inspect secure connections (company proxies and security software do this).</source>
        <translation>Box Login konnte die sichere Verbindung zu {host} nicht überprüfen: Das vorgelegte Zertifikat wurde von {issuer} ausgestellt, und diesem Aussteller vertraut dieser Computer nicht. Das Netzwerk scheint sichere Verbindungen zu prüfen (das tun Firmen-Proxys und Sicherheitssoftware).</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="718"/>
        <source>The certificate file named as &quot;ca_bundle&quot; ({path}) does not include it either. Ask your IT team for the certificate of {issuer}, to add it to that file or to this computer&apos;s certificate store.</source>
        <translation>Auch die unter „ca_bundle“ angegebene Zertifikatsdatei ({path}) enthält es nicht. Bitten Sie Ihre IT um das Zertifikat von {issuer}, um es dieser Datei oder dem Zertifikatspeicher dieses Computers hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="725"/>
        <source>The certificate file named as &quot;ca_bundle&quot; ({path}) does not include it either. Ask your IT team for the certificate of the authority that issued it, to add it to that file or to this computer&apos;s certificate store.</source>
        <translation>Auch die unter „ca_bundle“ angegebene Zertifikatsdatei ({path}) enthält es nicht. Bitten Sie Ihre IT um das Zertifikat der ausstellenden Zertifizierungsstelle, um es dieser Datei oder dem Zertifikatspeicher dieses Computers hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="755"/>
        <source>Box asked to wait {seconds} seconds before trying again.</source>
        <translation>Box bittet darum, {seconds} Sekunden zu warten, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="79"/>
        <source>chosen by the proxy auto-configuration (PAC) file {pac}</source>
        <extracomment>The proxy schemes Box Login can use (SOCKS would need another library). ``&quot;system&quot;``, ``&quot;none&quot;`` or a proxy URL ``http://host:port`` (without credentials). A PEM file of certificate authorities trusted in addition to the system&apos;s.</extracomment>
        <translation>ausgewählt von der Proxy-Autokonfigurationsdatei (PAC) {pac}</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="99"/>
        <source>named by &quot;proxy&quot; in Box Login&apos;s settings</source>
        <translation>angegeben unter „proxy“ in den Einstellungen von Box Login</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="100"/>
        <source>&quot;proxy&quot; is &quot;none&quot; in Box Login&apos;s settings</source>
        <translation>„proxy“ ist in den Einstellungen von Box Login auf „none“ gesetzt</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="101"/>
        <source>from the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables</source>
        <translation>aus den Umgebungsvariablen HTTPS_PROXY / HTTP_PROXY / NO_PROXY</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="104"/>
        <source>from GNOME&apos;s network proxy settings</source>
        <translation>aus den Netzwerk-Proxy-Einstellungen von GNOME</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="105"/>
        <source>from the system&apos;s proxy settings</source>
        <translation>aus den Proxy-Einstellungen des Systems</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="106"/>
        <source>no proxy is configured</source>
        <translation>kein Proxy eingerichtet</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="131"/>
        <source>not a valid proxy address</source>
        <translation>keine gültige Proxy-Adresse</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="135"/>
        <source>{scheme} proxies are not supported (only http and https)</source>
        <translation>{scheme}-Proxys werden nicht unterstützt (nur http und https)</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="141"/>
        <source>the proxy address has no host</source>
        <translation>die Proxy-Adresse enthält keinen Host</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="243"/>
        <source>&quot;proxy&quot; in Box Login&apos;s settings is not a proxy address it can use: {problem}.</source>
        <extracomment>Seconds allowed to fetch a PAC file (connect, read) and to ask ``gsettings``.</extracomment>
        <translation>„proxy“ in den Einstellungen von Box Login ist keine Proxy-Adresse, die Box Login verwenden kann: {problem}.</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="248"/>
        <source>Use &quot;system&quot;, &quot;none&quot; or an address like &quot;http://proxy.example.com:3128&quot;.</source>
        <translation>Verwenden Sie „system“, „none“ oder eine Adresse wie „http://proxy.example.com:3128“.</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="331"/>
        <source>the address is in NO_PROXY</source>
        <translation>die Adresse steht in NO_PROXY</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="336"/>
        <source>the {variable} environment variable is not usable: {problem}</source>
        <translation>die Umgebungsvariable {variable} ist nicht verwendbar: {problem}</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="447"/>
        <source>the PAC file failed for this address ({error})</source>
        <translation>die PAC-Datei ist bei dieser Adresse fehlgeschlagen ({error})</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="461"/>
        <source>the PAC file offered no proxy Box Login can use</source>
        <translation>die PAC-Datei nennt keinen Proxy, den Box Login verwenden kann</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="471"/>
        <source>the PAC file {file} could not be used ({error})</source>
        <translation>die PAC-Datei {file} konnte nicht verwendet werden ({error})</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="94"/>
        <source>does not hold certificates in PEM format</source>
        <translation>enthält keine Zertifikate im PEM-Format</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="95"/>
        <source>A PEM file is text that starts with &quot;-----BEGIN CERTIFICATE-----&quot;. A binary (DER) .cer or .crt file can be converted with: openssl x509 -inform der -in company.cer -out company.pem</source>
        <translation>Eine PEM-Datei ist eine Textdatei, die mit „-----BEGIN CERTIFICATE-----“ beginnt. Eine binäre .cer- oder .crt-Datei (DER) lässt sich so umwandeln: openssl x509 -inform der -in company.cer -out company.pem</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="105"/>
        <source>could not be read ({error})</source>
        <translation>konnte nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="108"/>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="118"/>
        <source>could not be used ({error})</source>
        <translation>konnte nicht verwendet werden ({error})</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="119"/>
        <source>unknown problem</source>
        <translation>unbekanntes Problem</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="121"/>
        <source>Ask whoever gave you the file for a fresh copy.</source>
        <translation>Bitten Sie die Person, von der Sie die Datei haben, um eine neue Kopie.</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="124"/>
        <source>The certificate file {path} (named by &quot;ca_bundle&quot; in the settings) {problem}.</source>
        <translation>Die Zertifikatsdatei {path} (in den Einstellungen unter „ca_bundle“ angegeben) {problem}.</translation>
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
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher (etwa GNOME Keyring), den Box&#xa0;Login nutzen kann, und Box&#xa0;Login legt Ihre Box-Verbindung nie in einer ungeschützten Datei ab. Bitte wählen Sie:</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="215"/>
        <source>Keep it in an encrypted file…</source>
        <translation>Verschlüsselte Datei verwenden…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="217"/>
        <source>You choose a passphrase; you will type it each time you start Box Login.</source>
        <translation>Sie legen eine Passphrase fest und geben sie bei jedem Start von Box&#xa0;Login ein.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="222"/>
        <source>Locked with a passphrase you choose. You type it each time you start Box Login.</source>
        <translation>Gesichert mit einer Passphrase, die Sie selbst wählen. Sie geben sie bei jedem Start von Box&#xa0;Login ein.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="225"/>
        <source>Keep it only while Box Login is open</source>
        <translation>Nur solange Box&#xa0;Login geöffnet ist</translation>
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
        <translation>Oder lassen Sie einen Passwortspeicher installieren und starten Sie Box&#xa0;Login dann erneut. Unter Debian oder Ubuntu kann die Person, die diesen Computer betreut, „sudo apt-get install gnome-keyring“ ausführen.</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../core/notifications.py" line="96"/>
        <source>no session bus</source>
        <extracomment>How long to wait for a notification to be clicked before giving up (seconds).</extracomment>
        <translation>kein D-Bus-Sitzungsbus</translation>
    </message>
    <message>
        <location filename="../../core/notifications.py" line="101"/>
        <source>no session bus ({error})</source>
        <translation>kein D-Bus-Sitzungsbus ({error})</translation>
    </message>
    <message>
        <location filename="../../core/notifications.py" line="113"/>
        <source>no notification server ({name})</source>
        <translation>kein Benachrichtigungsdienst ({name})</translation>
    </message>
    <message>
        <location filename="../../core/notifications.py" line="141"/>
        <source>Open Box Login</source>
        <translation>Box Login öffnen</translation>
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
        <translation>Box&#xa0;Login konnte {host} im Netzwerk nicht finden: Der Name lässt sich nicht auflösen.</translation>
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
        <translation>Box&#xa0;Login konnte keine Verbindung zum Proxyserver {proxy} herstellen.</translation>
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
        <translation>Das Sicherheitszertifikat von {host} konnte nicht überprüft werden, daher hat Box&#xa0;Login das Laden der Seite abgebrochen. Es wurde nichts gesendet.</translation>
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
        <translation>Versuchen Sie es in einer Minute erneut. Wenn es weiterhin passiert, blockiert möglicherweise eine Firewall Box&#xa0;Login.</translation>
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
        <translation>Geben Sie sie in dem Fenster ein, das Box&#xa0;Login geöffnet hat, und versuchen Sie es dann erneut. Ihre IT kann Ihnen sagen, welche Sie verwenden sollen.</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="602"/>
        <source>If you are at work, your IT team can give you the certificate file Box Login needs for this network.</source>
        <translation>Am Arbeitsplatz kann Ihnen Ihre IT die Zertifikatsdatei geben, die Box&#xa0;Login für dieses Netzwerk braucht.</translation>
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
        <translation>Anmeldeseite nicht geladen – Box&#xa0;Login</translation>
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
        <translation>Wählen Sie eine Passphrase für die Datei, in der Ihre Box-Verbindung aufbewahrt wird. Sie brauchen sie bei jedem Start von Box&#xa0;Login; sie lässt sich nicht wiederherstellen.</translation>
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
        <translation>Welches Box-Konto Box&#xa0;Login anzeigt; mit dem letzten Eintrag fügen Sie ein weiteres Konto hinzu</translation>
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
    <message>
        <location filename="../../gui/profiles.py" line="57"/>
        <source>{user} ({account})</source>
        <translation>{user} ({account})</translation>
    </message>
    <message>
        <location filename="../../core/profiles.py" line="20"/>
        <source>letters, digits and . _ @ + - (up to 64 characters, starting with a letter or digit)</source>
        <extracomment>The rule in words, for messages; marked for translation: ``translate(&quot;Profiles&quot;, …)`` it.</extracomment>
        <translation>Buchstaben, Ziffern und . _ @ + - (höchstens 64 Zeichen, beginnend mit einem Buchstaben oder einer Ziffer)</translation>
    </message>
</context>
<context>
    <name>ProxyCredentialsDialog</name>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="41"/>
        <source>Proxy sign-in</source>
        <translation>Anmeldung am Proxy</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="43"/>
        <location filename="../../gui/proxy_dialog.py" line="112"/>
        <source>The proxy server needs your user name and password</source>
        <translation>Der Proxyserver benötigt Ihren Benutzernamen und Ihr Passwort</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="48"/>
        <source>Proxy user name</source>
        <translation>Benutzername für den Proxy</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="51"/>
        <source>Proxy password</source>
        <translation>Passwort für den Proxy</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="52"/>
        <source>Remember in the password store</source>
        <translation>Im Passwortspeicher merken</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="56"/>
        <source>Keep this user name and password in this computer&apos;s password store, so Box Login does not ask again. Unticked, they are used only until Box Login closes.</source>
        <translation>Benutzername und Passwort im Passwortspeicher dieses Computers aufbewahren, damit Box&#xa0;Login nicht erneut fragt. Ohne Häkchen gelten sie nur, bis Box&#xa0;Login geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="63"/>
        <source>This computer has no password store Box Login can use.</source>
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher, den Box&#xa0;Login nutzen kann.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="66"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="69"/>
        <source>&amp;User name</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="70"/>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="75"/>
        <location filename="../../gui/proxy_dialog.py" line="77"/>
        <source>Sign in to the proxy</source>
        <translation>Am Proxy anmelden</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="79"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="104"/>
        <source>The proxy server did not accept your user name and password</source>
        <translation>Der Proxyserver hat Ihren Benutzernamen und Ihr Passwort nicht angenommen</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="107"/>
        <source>The proxy server {proxy} refused them. Please type them again.</source>
        <translation>Der Proxyserver {proxy} hat sie abgelehnt. Bitte geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="109"/>
        <source>The proxy server refused them. Please type them again.</source>
        <translation>Der Proxyserver hat sie abgelehnt. Bitte geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="115"/>
        <source>The proxy server {proxy} asks who you are before it lets the Box sign-in page through.</source>
        <translation>Der Proxyserver {proxy} möchte wissen, wer Sie sind, bevor er die Anmeldeseite von Box durchlässt.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="120"/>
        <source>The proxy server asks who you are before it lets the Box sign-in page through.</source>
        <translation>Der Proxyserver möchte wissen, wer Sie sind, bevor er die Anmeldeseite von Box durchlässt.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="124"/>
        <source>Use the user name and password of your account on this network; your IT team can tell you which.</source>
        <translation>Verwenden Sie Benutzername und Passwort Ihres Kontos in diesem Netzwerk; Ihre IT kann Ihnen sagen, welche das sind.</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="135"/>
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
        <location filename="../../gui/widgets.py" line="328"/>
        <location filename="../../gui/widgets.py" line="363"/>
        <source>Access key (hidden)</source>
        <extracomment>What a hidden secret looks like: a fixed number of dots, so the field never shows a dot cut in half at its edge, nor how long the secret is.</extracomment>
        <translation>Zugriffsschlüssel (verborgen)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="330"/>
        <source>Use “Show the access key” to read it, or copy it with the button after it.</source>
        <translation>Mit „Zugriffsschlüssel anzeigen“ können Sie ihn lesen, oder Sie kopieren ihn mit der Schaltfläche dahinter.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="336"/>
        <location filename="../../gui/widgets.py" line="337"/>
        <location filename="../../gui/widgets.py" line="378"/>
        <source>Show the access key</source>
        <translation>Zugriffsschlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="340"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="363"/>
        <source>Access key</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="378"/>
        <source>Hide the access key</source>
        <translation>Zugriffsschlüssel verbergen</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../core/session.py" line="282"/>
        <source>(Waited {seconds} seconds for profile {profile}.)</source>
        <translation>(Für Profil {profile} wurde {seconds} Sekunden gewartet.)</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="357"/>
        <source>Box answered without an access token. Try again.</source>
        <translation>Box hat ohne Zugriffsschlüssel geantwortet. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="486"/>
        <source>Waiting for you to sign in to Box…</source>
        <translation>Warten auf Ihre Anmeldung bei Box…</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="492"/>
        <source>Finishing sign-in…</source>
        <translation>Anmeldung wird abgeschlossen…</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="497"/>
        <source>Signed in as {name} ({login})</source>
        <translation>Angemeldet als {name} ({login})</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="545"/>
        <source>You are not signed in to Box.</source>
        <translation>Sie sind nicht bei Box angemeldet.</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="548"/>
        <source>You are not signed in to Box with profile &quot;{profile}&quot;.</source>
        <translation>Sie sind mit dem Profil „{profile}“ nicht bei Box angemeldet.</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="557"/>
        <source>Your Box sign-in as {login} has ended. Sign in again.</source>
        <translation>Ihre Box-Anmeldung als {login} ist nicht mehr gültig. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="559"/>
        <source>Your Box sign-in has ended. Sign in again.</source>
        <translation>Ihre Box-Anmeldung ist nicht mehr gültig. Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../core/settings.py" line="267"/>
        <source>{file} is not a file.</source>
        <extracomment>``&quot;system&quot;``, ``&quot;none&quot;`` or ``&quot;http://host:port&quot;`` (see core.network). A PEM file of extra certificate authorities (absolute), for the token calls and the sign-in page.</extracomment>
        <translation>{file} ist keine Datei.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="269"/>
        <source>Point Box Login at the settings file itself (config.json).</source>
        <translation>Geben Sie Box Login die Einstellungsdatei selbst an (config.json), nicht den Ordner.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="275"/>
        <source>The settings file {file} (named by {option}) does not exist.</source>
        <translation>Die Einstellungsdatei {file} (angegeben mit {option}) existiert nicht.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="279"/>
        <source>The settings file {file} (named by the {variable} environment variable) does not exist.</source>
        <translation>Die Einstellungsdatei {file} (angegeben in der Umgebungsvariablen {variable}) existiert nicht.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="287"/>
        <source>Check the path, or leave it out to use the usual settings file.</source>
        <translation>Prüfen Sie den Pfad oder lassen Sie die Angabe weg, um die übliche Einstellungsdatei zu verwenden.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="303"/>
        <source>{file} is not a text file in UTF-8.</source>
        <translation>{file} ist keine Textdatei in UTF-8.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="305"/>
        <source>Save it again as UTF-8 text (JSON).</source>
        <translation>Speichern Sie sie erneut als UTF-8-Text (JSON).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="309"/>
        <source>{file} could not be read ({error}).</source>
        <translation>{file} konnte nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="313"/>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="320"/>
        <source>{file} is not valid JSON: {problem} at line {line}, column {column}.</source>
        <translation>{file} ist kein gültiges JSON (Zeile {line}, Spalte {column}: {problem}).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="324"/>
        <source>Fix the file there (a missing comma or quote is the usual cause).</source>
        <translation>Korrigieren Sie die Datei an dieser Stelle (meist fehlt ein Komma oder ein Anführungszeichen).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="330"/>
        <source>{file} is not valid JSON: it is nested too deeply to read.</source>
        <translation>{file} ist kein gültiges JSON: Die Datei ist zu tief verschachtelt, um gelesen zu werden.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="334"/>
        <source>Replace it with a JSON object with keys such as &quot;client_id&quot; and &quot;client_secret&quot; (ask whoever gave you the settings for a fresh copy).</source>
        <translation>Ersetzen Sie sie durch ein JSON-Objekt mit Einträgen wie „client_id“ und „client_secret“ (bitten Sie die Person, von der Sie die Einstellungen haben, um eine neue Kopie).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="351"/>
        <source>The settings</source>
        <translation>Die Einstellungen</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="364"/>
        <source>{file}: must be a JSON object with keys such as &quot;client_id&quot;, &quot;client_secret&quot; and &quot;redirect_uris&quot;.</source>
        <translation>{file}: muss ein JSON-Objekt mit Einträgen wie „client_id“, „client_secret“ und „redirect_uris“ sein.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="369"/>
        <source>Start the file with &quot;{open}&quot; and end it with &quot;{close}&quot;.</source>
        <translation>Beginnen Sie die Datei mit „{open}“ und beenden Sie sie mit „{close}“.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="386"/>
        <source>{file}: &quot;{key}&quot; must be the app&apos;s client ID, a non-empty string.</source>
        <translation>{file}: „{key}“ muss die Client-ID der App sein, eine nicht leere Zeichenkette.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="390"/>
        <source>{file}: &quot;{key}&quot; is missing.</source>
        <translation>{file}: „{key}“ fehlt.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="391"/>
        <source>Copy the Client ID from the app&apos;s Configuration page in the Box developer console, e.g. &quot;client_id&quot;: &quot;abc123&quot;.</source>
        <translation>Kopieren Sie die Client-ID von der Seite „Konfiguration“ der App in der Box Developer Console, z. B. &quot;client_id&quot;: &quot;abc123&quot;.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="402"/>
        <source>{file}: &quot;{key}&quot; must be the app&apos;s client secret, a non-empty string.</source>
        <translation>{file}: „{key}“ muss das Client-Geheimnis der App sein, eine nicht leere Zeichenkette.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="406"/>
        <source>{file}: &quot;{key}&quot; is missing; Box requires the app&apos;s client secret to sign in.</source>
        <translation>{file}: „{key}“ fehlt; Box braucht das Client-Geheimnis der App für die Anmeldung.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="410"/>
        <source>Copy the Client Secret from the app&apos;s Configuration page in the Box developer console. (For a desktop app it is not a real secret, but Box needs it.)</source>
        <translation>Kopieren Sie das Client-Geheimnis von der Seite „Konfiguration“ der App in der Box Developer Console. (Bei einer Desktop-App ist es kein echtes Geheimnis, aber Box braucht es.)</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="470"/>
        <source>Write them as a list, e.g. &quot;{key}&quot;: [&quot;{first}&quot;, &quot;{second}&quot;], exactly as registered in the Box developer console.</source>
        <translation>Schreiben Sie sie als Liste, z. B. &quot;{key}&quot;: [&quot;{first}&quot;, &quot;{second}&quot;], genau so, wie sie in der Box Developer Console eingetragen sind.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="477"/>
        <source>{file}: &quot;{key}&quot; must be a list of addresses like &quot;{example}&quot;.</source>
        <translation>{file}: „{key}“ muss eine Liste von Adressen wie „{example}“ sein.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="488"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot;, which is not a web address.</source>
        <translation>{file}: „{key}“ enthält „{uri}“; das ist keine Webadresse.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="491"/>
        <source>Use addresses like &quot;{example}&quot;, exactly as registered in the Box developer console.</source>
        <translation>Verwenden Sie Adressen wie „{example}“, genau so, wie sie in der Box Developer Console eingetragen sind.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="501"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot;; a redirect URI cannot have a &quot;#&quot; part.</source>
        <translation>{file}: „{key}“ enthält „{uri}“; eine Umleitungs-URI darf keinen „#“-Teil haben.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="505"/>
        <source>Remove it.</source>
        <translation>Entfernen Sie ihn.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="512"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot;: plain http is only allowed for 127.0.0.1, localhost and [::1].</source>
        <translation>{file}: „{key}“ enthält „{uri}“: Unverschlüsseltes http ist nur für 127.0.0.1, localhost und [::1] erlaubt.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="517"/>
        <source>Use https for other hosts, or a loopback address such as &quot;{example}&quot;.</source>
        <translation>Verwenden Sie für andere Hosts https oder eine Loopback-Adresse wie „{example}“.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="526"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot; without a port number.</source>
        <translation>{file}: „{key}“ enthält „{uri}“ ohne Portnummer.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="529"/>
        <source>Box matches redirect URIs exactly, so give the registered port, e.g. &quot;{example}&quot;.</source>
        <translation>Box vergleicht Umleitungs-URIs exakt; geben Sie daher den eingetragenen Port an, z. B. „{example}“.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="540"/>
        <source>{file}: &quot;{key}&quot; has no address Box Login can listen on: it needs at least one plain http address on this computer with a port.</source>
        <translation>{file}: „{key}“ enthält keine Adresse, auf der Box Login empfangen kann: Nötig ist mindestens eine einfache http-Adresse auf diesem Computer mit Port.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="545"/>
        <source>Register e.g. &quot;{example}&quot; in the Box developer console and add it to the list.</source>
        <translation>Tragen Sie z. B. „{example}“ in der Box Developer Console ein und fügen Sie die Adresse der Liste hinzu.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="594"/>
        <source>{file}: &quot;{key}&quot; must be a string of scopes separated by spaces.</source>
        <translation>{file}: „{key}“ muss eine Zeichenkette aus Bereichen (Scopes) sein, getrennt durch Leerzeichen.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="597"/>
        <source>For example &quot;scope&quot;: &quot;root_readwrite manage_managed_users&quot;, or leave it out to get the scopes configured for the app.</source>
        <translation>Zum Beispiel &quot;scope&quot;: &quot;root_readwrite manage_managed_users&quot;; oder lassen Sie den Eintrag weg, um die für die App eingerichteten Bereiche zu erhalten.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="610"/>
        <source>Leave &quot;{key}&quot; out to use Box (&quot;{default}&quot;), or give an https address.</source>
        <translation>Lassen Sie „{key}“ weg, um Box zu verwenden („{default}“), oder geben Sie eine https-Adresse an.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="616"/>
        <source>{file}: &quot;{key}&quot; must be a web address like &quot;{default}&quot;.</source>
        <translation>{file}: „{key}“ muss eine Webadresse wie „{default}“ sein.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="625"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;, which is not a web address like &quot;{default}&quot;.</source>
        <translation>{file}: „{key}“ ist „{value}“; das ist keine Webadresse wie „{default}“.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="636"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;: Box must be reached over https (plain http is only allowed for the sandbox on 127.0.0.1).</source>
        <translation>{file}: „{key}“ ist „{value}“: Box muss über https erreicht werden (unverschlüsseltes http ist nur für die Box-Simulation auf 127.0.0.1 erlaubt).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="647"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;; it cannot have a &quot;?&quot; or &quot;#&quot; part.</source>
        <translation>{file}: „{key}“ ist „{value}“; die Adresse darf keinen „?“- oder „#“-Teil haben.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="660"/>
        <source>Use &quot;{system}&quot; (what this computer is set up to use), &quot;none&quot; (connect directly) or a proxy address like &quot;http://proxy.example.com:3128&quot;.</source>
        <translation>Verwenden Sie „{system}“ (die Einstellung dieses Computers), „none“ (direkte Verbindung) oder eine Proxy-Adresse wie „http://proxy.example.com:3128“.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="668"/>
        <source>{file}: &quot;{key}&quot; must be &quot;system&quot;, &quot;none&quot; or a proxy address.</source>
        <translation>{file}: „{key}“ muss „system“, „none“ oder eine Proxy-Adresse sein.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="677"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;, which is not &quot;system&quot;, &quot;none&quot; or a proxy address.</source>
        <translation>{file}: „{key}“ ist „{value}“; das ist weder „system“ noch „none“ noch eine Proxy-Adresse.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="689"/>
        <source>{file}: &quot;{key}&quot; contains a user name or password. Box Login never reads those from its settings file, which other programs and people may be able to read.</source>
        <translation>{file}: „{key}“ enthält einen Benutzernamen oder ein Passwort. Box Login liest diese nie aus seiner Einstellungsdatei, denn andere Programme und Personen können sie möglicherweise lesen.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="694"/>
        <source>Write only &quot;http://host:port&quot; here. On the command line, give the user name and password in the HTTPS_PROXY environment variable (http://USER:PASSWORD@host:port, for the same proxy); the window asks for them.</source>
        <translation>Schreiben Sie hier nur „http://host:port“. Geben Sie auf der Befehlszeile Benutzername und Passwort in der Umgebungsvariablen HTTPS_PROXY an (http://BENUTZER:PASSWORT@host:port, für denselben Proxy); im Fenster werden sie abgefragt.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="704"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;, which is not a proxy address Box Login can use (an http or https proxy).</source>
        <translation>{file}: „{key}“ ist „{value}“; das ist keine Proxy-Adresse, die Box Login verwenden kann (ein http- oder https-Proxy).</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="715"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot; without a port number.</source>
        <translation>{file}: „{key}“ ist „{value}“ ohne Portnummer.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="716"/>
        <source>Give the proxy&apos;s port, e.g. &quot;http://proxy.example.com:3128&quot;.</source>
        <translation>Geben Sie den Port des Proxys an, z. B. „http://proxy.example.com:3128“.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="722"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;; a proxy address has no path, &quot;?&quot; or &quot;#&quot; part.</source>
        <translation>{file}: „{key}“ ist „{value}“; eine Proxy-Adresse hat keinen Pfad und keinen „?“- oder „#“-Teil.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="737"/>
        <source>Give the path of a PEM file with your company&apos;s certificate authority, e.g. &quot;ca_bundle&quot;: &quot;company-ca.pem&quot; (a relative path is read from the settings file&apos;s folder), or leave the key out.</source>
        <translation>Geben Sie den Pfad einer PEM-Datei mit der Zertifizierungsstelle Ihres Unternehmens an, z. B. &quot;ca_bundle&quot;: &quot;company-ca.pem&quot; (ein relativer Pfad gilt ab dem Ordner der Einstellungsdatei), oder lassen Sie den Eintrag weg.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="746"/>
        <source>{file}: &quot;{key}&quot; must be the path of a certificate file (PEM).</source>
        <translation>{file}: „{key}“ muss der Pfad einer Zertifikatsdatei (PEM) sein.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="756"/>
        <source>{file}: &quot;{key}&quot; names {path}, which does not exist.</source>
        <translation>{file}: „{key}“ verweist auf {path}; dieser Pfad existiert nicht.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="763"/>
        <source>{file}: &quot;{key}&quot; names {path}, which is not a file.</source>
        <translation>{file}: „{key}“ verweist auf {path}; das ist keine Datei.</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="773"/>
        <source>{file}: &quot;{key}&quot; names {path}, which {what}.</source>
        <translation>{file}: „{key}“ verweist auf {path}; diese Datei {what}.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../gui/setup_dialog.py" line="57"/>
        <location filename="../../gui/setup_dialog.py" line="62"/>
        <source>Set up Box Login</source>
        <extracomment>Wide enough that each explanation takes at most two lines.</extracomment>
        <translation>Box&#xa0;Login einrichten</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="65"/>
        <source>For the person who manages the Box app this copy of Box Login signs in to. Open the settings file you were given, or copy the app&apos;s details from the Box Developer Console.</source>
        <translation>Für die Person, die die Box-App betreut, bei der sich dieses Box&#xa0;Login anmeldet. Öffnen Sie die Einstellungsdatei, die Sie erhalten haben, oder übernehmen Sie die Angaben der App aus der Box Developer Console.</translation>
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
        <translation>Leer: die Einstellungen der App in Box</translation>
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
    <name>SignIn</name>
    <message>
        <location filename="../../core/oauth.py" line="340"/>
        <source>Box refused to sign this app out (HTTP {status}).</source>
        <translation>Box hat es abgelehnt, diese App abzumelden (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="370"/>
        <source>Box refused to say who is signed in (HTTP {status}).</source>
        <translation>Box hat die Auskunft verweigert, wer angemeldet ist (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="382"/>
        <source>Box&apos;s answer (HTTP {status}, {content_type}) did not contain the signed-in user.</source>
        <translation>Die Antwort von Box (HTTP {status}, {content_type}) enthielt den angemeldeten Benutzer nicht.</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="407"/>
        <source>Box refused to sign you in (HTTP {status}).</source>
        <translation>Box hat Ihre Anmeldung abgelehnt (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="413"/>
        <source>Box&apos;s answer (HTTP {status}, {content_type}) did not contain a token.</source>
        <translation>Die Antwort von Box (HTTP {status}, {content_type}) enthielt keinen Zugriffsschlüssel.</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="423"/>
        <source>Box&apos;s answer (HTTP {status}, {content_type}) did not contain a usable token.</source>
        <translation>Die Antwort von Box (HTTP {status}, {content_type}) enthielt keinen verwendbaren Zugriffsschlüssel.</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="435"/>
        <source>no content type</source>
        <translation>kein Inhaltstyp</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="442"/>
        <source>If Box Login is pointed at a proxy or a custom Box address, check the settings.</source>
        <translation>Wenn Box Login einen Proxy oder eine eigene Box-Adresse verwendet, prüfen Sie die Einstellungen.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="374"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The page did not load (a PageProblem): Box Login&apos;s own error page is shown instead. The error page&apos;s &quot;Check my setup&quot;. Tall enough for a whole sign-in page (with the demo hint above it) without scrolling.</extracomment>
        <translation>Bei Box anmelden – Box&#xa0;Login</translation>
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
        <translation>Box&#xa0;Login hat {host} nicht geöffnet, weil die Verbindung nicht sicher ist. Ihre Anmeldedaten wurden nirgendwohin gesendet.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="680"/>
        <source>Finishing…</source>
        <translation>Wird abgeschlossen…</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="688"/>
        <source>Box Login stopped loading {host}: its security certificate could not be verified, so this may not really be Box. Nothing was sent. Try again later or on another network; if you are at work, your IT team can tell you whether a network device inspects secure connections.</source>
        <translation>Box&#xa0;Login hat das Laden von {host} abgebrochen: Das Sicherheitszertifikat konnte nicht überprüft werden, daher ist dies möglicherweise nicht wirklich Box. Es wurde nichts gesendet. Versuchen Sie es später oder in einem anderen Netzwerk erneut; am Arbeitsplatz kann Ihnen Ihre IT sagen, ob ein Netzwerkgerät sichere Verbindungen prüft.</translation>
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
        <location filename="../../gui/signin_window.py" line="533"/>
        <location filename="../../gui/signin_window.py" line="571"/>
        <source>Finish signing in in your web browser. This window updates by itself.</source>
        <extracomment>Turns the test hooks on for sign-in windows started from now on (tests only). The page did not load (a gui.failure.Failure saying why), or None once one did. The error page&apos;s &quot;Check my setup&quot; was clicked. Why the page did not load, while Box Login&apos;s own error page shows it. What the child&apos;s address strip shows: host, kind (a SiteKind value) and note. The child&apos;s message bar: text and level (&quot;&quot; when none).</extracomment>
        <translation>Schließen Sie die Anmeldung in Ihrem Webbrowser ab. Dieses Fenster aktualisiert sich von selbst.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="538"/>
        <location filename="../../gui/signin_window.py" line="579"/>
        <source>Box Login could not open your web browser. Open your browser, then click “Open the sign-in page again”.</source>
        <translation>Box&#xa0;Login konnte Ihren Webbrowser nicht öffnen. Öffnen Sie Ihren Browser und klicken Sie dann auf „Anmeldeseite erneut öffnen“.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="619"/>
        <source>The sign-in window closed unexpectedly. Nothing was sent or saved. You can continue signing in in your web browser instead, or cancel and try again.</source>
        <translation>Das Anmeldefenster wurde unerwartet geschlossen. Es wurde nichts gesendet oder gespeichert. Sie können die Anmeldung stattdessen in Ihrem Webbrowser fortsetzen oder abbrechen und es erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="623"/>
        <source>The sign-in window stopped</source>
        <translation>Das Anmeldefenster wurde beendet</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <location filename="../../core/keyring_backends.py" line="45"/>
        <location filename="../../core/keyring_backends.py" line="46"/>
        <source>GNOME Keyring / Secret Service</source>
        <extracomment>Marked for translation (context &quot;Store&quot;): the systems&apos; own names for their password stores.</extracomment>
        <translation>GNOME Keyring / Secret Service</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="47"/>
        <source>Windows Credential Manager</source>
        <translation>Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="48"/>
        <source>macOS Keychain</source>
        <translation>macOS-Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="49"/>
        <source>KWallet</source>
        <translation>KWallet</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="51"/>
        <source>no password store</source>
        <translation>kein Passwortspeicher</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="52"/>
        <source>no password store (keyring is disabled)</source>
        <translation>kein Passwortspeicher (keyring ist deaktiviert)</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="121"/>
        <source>&quot;{profile}&quot; cannot be used as a profile name.</source>
        <translation>„{profile}“ kann nicht als Profilname verwendet werden.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="124"/>
        <source>Use {rule}.</source>
        <translation>Verwenden Sie {rule}.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="228"/>
        <source>The {store} is locked, so Box Login could not {action}.</source>
        <translation>Der Passwortspeicher ({store}) ist gesperrt, daher war es Box Login nicht möglich, {action}.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="231"/>
        <source>Unlock it (for example by signing in to your desktop) and try again.</source>
        <translation>Entsperren Sie ihn (zum Beispiel, indem Sie sich an Ihrem Desktop anmelden) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="240"/>
        <source>The {store} refused to {action} ({error}).</source>
        <translation>Der Passwortspeicher ({store}) hat es abgelehnt, {action} ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="245"/>
        <source>Check that the password store is running and unlocked, then try again.</source>
        <translation>Prüfen Sie, ob der Passwortspeicher läuft und entsperrt ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="252"/>
        <source>read your Box sign-in</source>
        <translation>Ihre Box-Anmeldung zu lesen</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="262"/>
        <source>The {what} is {size} bytes, too large for the {store} (Box Login keeps each value under {limit} bytes).</source>
        <translation>{what}: {size} Byte – zu groß für den Passwortspeicher ({store}). Box Login begrenzt jeden Wert auf weniger als {limit} Byte.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="272"/>
        <source>Nothing was saved. Report this to whoever supports Box Login.</source>
        <translation>Es wurde nichts gespeichert. Melden Sie dies der Person, die Box Login betreut.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="279"/>
        <source>save your Box sign-in</source>
        <translation>Ihre Box-Anmeldung zu speichern</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="289"/>
        <source>remove your Box sign-in</source>
        <translation>Ihre Box-Anmeldung zu entfernen</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="328"/>
        <source>Another Box Login is busy with the list of profiles.</source>
        <translation>Ein anderes Box Login bearbeitet gerade die Profilliste.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="329"/>
        <source>Wait a moment and try again.</source>
        <translation>Warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="345"/>
        <source>list of profiles</source>
        <translation>Profilliste</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="398"/>
        <location filename="../../core/store.py" line="408"/>
        <source>refresh token</source>
        <translation>Erneuerungsschlüssel (Refresh-Token)</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="399"/>
        <location filename="../../core/store.py" line="413"/>
        <source>access token</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="400"/>
        <location filename="../../core/store.py" line="434"/>
        <source>token details (user name, login, scope)</source>
        <translation>Angaben zur Anmeldung (Benutzername, Anmeldename, Bereich)</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="420"/>
        <location filename="../../core/store.py" line="436"/>
        <source>token details</source>
        <translation>Angaben zur Anmeldung</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="461"/>
        <source>memory only (forgotten when Box Login closes)</source>
        <translation>nur im Arbeitsspeicher (wird beim Schließen von Box Login vergessen)</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="529"/>
        <source>An encrypted token file needs a passphrase.</source>
        <translation>Eine verschlüsselte Datei braucht eine Passphrase.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="530"/>
        <source>Choose a passphrase, or keep the token for this run only.</source>
        <translation>Wählen Sie eine Passphrase oder bewahren Sie die Anmeldung nur für diesen Aufruf auf.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="546"/>
        <source>encrypted file {path}</source>
        <translation>verschlüsselte Datei {path}</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="560"/>
        <source>The token file {path} cannot be read: {why}.</source>
        <translation>Die verschlüsselte Datei {path} kann nicht gelesen werden: {why}.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="563"/>
        <source>Delete it and sign in again.</source>
        <translation>Löschen Sie sie und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="590"/>
        <source>it is not a Box Login token file</source>
        <translation>Das ist keine verschlüsselte Datei von Box Login</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="596"/>
        <source>The passphrase does not open {path}.</source>
        <translation>Mit dieser Passphrase lässt sich {path} nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="599"/>
        <source>Check the passphrase and try again (or delete the file and sign in again).</source>
        <translation>Prüfen Sie die Passphrase und versuchen Sie es erneut (oder löschen Sie die Datei und melden Sie sich erneut an).</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="609"/>
        <source>its contents are damaged</source>
        <translation>Der Inhalt ist beschädigt</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="640"/>
        <source>Box Login could not write {path} ({error}).</source>
        <translation>Box Login konnte {path} nicht schreiben ({error}).</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="704"/>
        <source>This computer has no password store Box Login can use (keyring is disabled in its settings), so it cannot keep your Box sign-in safely on its own.</source>
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher, den Box Login nutzen kann (keyring ist in seinen Einstellungen deaktiviert), daher kann Box Login Ihre Box-Anmeldung nicht von sich aus sicher aufbewahren.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="710"/>
        <source>This computer has no password store Box Login can use, so it cannot keep your Box sign-in safely on its own.</source>
        <translation>Auf diesem Computer gibt es keinen Passwortspeicher, den Box Login nutzen kann, daher kann Box Login Ihre Box-Anmeldung nicht von sich aus sicher aufbewahren.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="717"/>
        <source>Choose one: keep it in a file encrypted with a passphrase you pick (&quot;{encrypted_file}&quot;), or keep it only while Box Login runs (&quot;{memory}&quot;). Box Login never saves it as plain text.</source>
        <translation>Wählen Sie eine Möglichkeit: Bewahren Sie sie in einer Datei auf, die mit einer Passphrase Ihrer Wahl verschlüsselt ist („{encrypted_file}“), oder nur, solange Box Login läuft („{memory}“). Box Login speichert sie nie als Klartext.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="752"/>
        <source>&quot;{choice}&quot; is not a way to store tokens.</source>
        <translation>„{choice}“ ist keine gültige Art, die Anmeldung aufzubewahren.</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="753"/>
        <source>Use &quot;{keyring}&quot;, &quot;{encrypted_file}&quot; or &quot;{memory}&quot;.</source>
        <translation>Verwenden Sie „{keyring}“, „{encrypted_file}“ oder „{memory}“.</translation>
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
        <translation>Verbunden bleiben, auch wenn Box&#xa0;Login geschlossen ist</translation>
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
        <translation>Box hält diese Verbindung nach der letzten Erneuerung 60 Tage lang. Box&#xa0;Login erneuert sie, solange sie genutzt wird.</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="406"/>
        <source>Renewing…</source>
        <translation>Wird erneuert…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="411"/>
        <source>Expired — renewing…</source>
        <translation>Abgelaufen – wird erneuert…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="414"/>
        <source>Renewing now (valid for {duration})</source>
        <translation>Wird jetzt erneuert (noch {duration} gültig)</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="420"/>
        <source>Valid for {duration} — renews by itself before it runs out</source>
        <translation>Noch {duration} gültig – wird vor Ablauf automatisch erneuert</translation>
    </message>
</context>
<context>
    <name>TokenResult</name>
    <message>
        <location filename="../../gui/advanced.py" line="86"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="106"/>
        <source>Valid until {time} ({minutes} minutes).</source>
        <translation>Gültig bis {time} Uhr ({minutes} Minuten).</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="112"/>
        <source>Limited to {count} item(s).</source>
        <translation>Auf {count} Element(e) beschränkt.</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="114"/>
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
        <translation>Nur im Arbeitsspeicher – wird beim Schließen von Box&#xa0;Login vergessen</translation>
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
        <translation>Box&#xa0;Login konnte den Speicherort der Verbindungen nicht öffnen.</translation>
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
        <translation>Box&#xa0;Login konnte Ihre gespeicherte Verbindung nicht lesen.</translation>
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
        <location filename="../../gui/window_controller.py" line="591"/>
        <source>your password store</source>
        <translation>Ihrem Passwortspeicher</translation>
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
        <translation>Die Anmeldung hat zu lange gedauert, deshalb wartet Box&#xa0;Login nicht mehr. Bitte versuchen Sie es erneut.</translation>
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
        <translation>Die Verbindung wird jetzt auch bei geschlossenem Box&#xa0;Login gehalten.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="751"/>
        <source>Keep-alive is off; reminders stay on.</source>
        <translation>Die Verbindung wird nicht mehr im Hintergrund gehalten; Erinnerungen bleiben eingeschaltet.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="759"/>
        <source>Box Login could not change keep-alive.</source>
        <translation>Box&#xa0;Login konnte die Einstellung „Verbunden bleiben“ nicht ändern.</translation>
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
        <translation>Box&#xa0;Login konnte den Zugriffsschlüssel nicht erneuern und versucht es später noch einmal.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="811"/>
        <source>Box Login could not renew the access key.</source>
        <translation>Box&#xa0;Login konnte den Zugriffsschlüssel nicht erneuern.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="827"/>
        <source>Getting a valid access key…</source>
        <translation>Ein gültiger Zugriffsschlüssel wird geholt…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="838"/>
        <source>Access key copied. Box Login clears it from the clipboard in {seconds} seconds.</source>
        <translation>Zugriffsschlüssel kopiert. Box&#xa0;Login entfernt ihn in {seconds} Sekunden wieder aus der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="849"/>
        <source>Copying did not work.</source>
        <translation>Das Kopieren ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="853"/>
        <source>Box Login could not get a valid access key.</source>
        <translation>Box&#xa0;Login konnte keinen gültigen Zugriffsschlüssel holen.</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="861"/>
        <source>Disconnect from Box?</source>
        <translation>Von Box trennen?</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="862"/>
        <source>Disconnect {who}? Box Login will tell Box to end the connection and remove it from this computer. Your program will no longer be able to use Box until you connect again.</source>
        <translation>Verbindung für {who} trennen? Box&#xa0;Login bittet Box, die Verbindung zu beenden, und entfernt sie von diesem Computer. Ihr Programm kann Box dann erst wieder nutzen, wenn Sie sich erneut verbinden.</translation>
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
        <translation>Box&#xa0;Login konnte die Verbindung nicht entfernen.</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <location filename="../../cli/parser.py" line="147"/>
        <location filename="../../cli/parser.py" line="231"/>
        <source>usage: </source>
        <extracomment>The words argparse itself prints to people (&quot;usage: &quot;, its section titles, its errors): Python 3.11&apos;s gettext msgids, exactly, which argparse passes to its module-level ``_`` when it uses them (looked up at call time). Listed here for pyside6-lupdate; argparse&apos;s errors about how a parser is built are left out.</extracomment>
        <translation>Aufruf: </translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="148"/>
        <source>positional arguments</source>
        <translation>Positionsargumente</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="149"/>
        <source>options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="150"/>
        <source>show this help message and exit</source>
        <translation>diese Hilfe anzeigen und beenden</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="151"/>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: Fehler: %(message)s
</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="152"/>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>Argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="153"/>
        <source>unrecognized arguments: %s</source>
        <translation>unbekannte Argumente: %s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="154"/>
        <source>not allowed with argument %s</source>
        <translation>nicht zusammen mit Argument %s erlaubt</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="155"/>
        <source>ignored explicit argument %r</source>
        <translation>explizites Argument %r ignoriert</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="156"/>
        <source>the following arguments are required: %s</source>
        <translation>folgende Argumente sind erforderlich: %s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="157"/>
        <source>one of the arguments %s is required</source>
        <translation>eines der Argumente %s ist erforderlich</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="158"/>
        <source>expected one argument</source>
        <translation>ein Argument erwartet</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="159"/>
        <source>expected at most one argument</source>
        <translation>höchstens ein Argument erwartet</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="160"/>
        <source>expected at least one argument</source>
        <translation>mindestens ein Argument erwartet</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="161"/>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>mehrdeutige Option: %(option)s könnte %(matches)s bedeuten</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="162"/>
        <source>unexpected option string: %s</source>
        <translation>unerwartete Option: %s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="163"/>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>ungültiger Wert für %(type)s: %(value)r</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="164"/>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>ungültige Auswahl: %(value)r (möglich sind %(choices)s)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="165"/>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>unbekannter Parser %(parser_name)r (möglich sind %(choices)s)</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="166"/>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>&apos;%(filename)s&apos; kann nicht geöffnet werden: %(error)s</translation>
    </message>
</context>
</TS>
