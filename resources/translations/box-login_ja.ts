<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddressStrip</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="105"/>
        <source>Demo sign-in page on this computer</source>
        <extracomment>True when this process draws web pages in software (then it needs no OpenGL at all).</extracomment>
        <translation>このコンピューター上のデモ用ログインページ</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="110"/>
        <source>Box Login on this computer</source>
        <translation>このコンピューター上のBox&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="115"/>
        <source>Not a Box page — continue only if your organization signs in here</source>
        <translation>Boxのページではありません。所属組織のログインページである場合のみ続けてください</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="121"/>
        <source>Not secure</source>
        <translation>安全ではありません</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="153"/>
        <source>Secure connection</source>
        <translation>安全な接続</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="164"/>
        <source>Could not be reached</source>
        <translation>接続できませんでした</translation>
    </message>
</context>
<context>
    <name>AdvancedDialog</name>
    <message>
        <location filename="../../gui/advanced.py" line="51"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="52"/>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="53"/>
        <source>Upload</source>
        <translation>アップロード</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="54"/>
        <source>Rename</source>
        <translation>名前の変更</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="55"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="56"/>
        <source>Share</source>
        <translation>共有</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="57"/>
        <source>UI Elements: preview</source>
        <translation>UI Elements：プレビュー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="58"/>
        <source>UI Elements: explore</source>
        <translation>UI Elements：エクスプローラー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="59"/>
        <source>UI Elements: upload</source>
        <translation>UI Elements：アップロード</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="60"/>
        <source>View own annotations</source>
        <translation>自分の注釈の表示</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="61"/>
        <source>Edit annotations</source>
        <translation>注釈の編集</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="71"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="72"/>
        <source>The private key in this file is protected. Type its passphrase:</source>
        <translation>このファイルの秘密鍵は保護されています。パスフレーズを入力してください：</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="139"/>
        <source>Advanced — Box Login</source>
        <translation>詳細設定 — Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="151"/>
        <source>For administrators and developers. These keys act for an app or a company rather than for you; keep them private.</source>
        <translation>管理者・開発者向けです。これらのキーはあなた個人ではなく、アプリまたは企業として動作します。他の人に知られないようにしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="158"/>
        <source>Server key</source>
        <translation>サーバーキー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="159"/>
        <source>Server key (JWT)</source>
        <translation>サーバーキー（JWT）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="160"/>
        <source>Limited key</source>
        <translation>制限付きキー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="161"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="178"/>
        <source>Get a key for the app&apos;s service account (enterprise) or for one user, with the app&apos;s client ID and secret (client credentials).</source>
        <translation>アプリのクライアントIDとクライアントシークレット（クライアント資格情報）を使って、アプリのサービスアカウント（Enterprise）または特定のユーザー用のキーを取得します。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="182"/>
        <source>Company (enterprise)</source>
        <translation>企業（Enterprise）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="183"/>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="193"/>
        <source>Enterprise ID or user ID</source>
        <translation>Enterprise IDまたはユーザーID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="195"/>
        <source>For</source>
        <translation>対象</translation>
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
        <translation>サーバーキーを取得</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="217"/>
        <source>Set up the Box app first (Tools menu).</source>
        <translation>先にBoxアプリを設定してください（［ツール］メニュー）。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="221"/>
        <source>Type the enterprise or user ID.</source>
        <translation>Enterprise IDまたはユーザーIDを入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="251"/>
        <source>Get a server key with the Box app&apos;s configuration file (JWT), downloaded from the Box Developer Console.</source>
        <translation>Box開発者コンソールからダウンロードしたBoxアプリの構成ファイル（JWT）を使って、サーバーキーを取得します。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="256"/>
        <source>…_config.json</source>
        <translation>…_config.json</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="257"/>
        <source>Choose file…</source>
        <translation>ファイルを選択…</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="263"/>
        <source>Leave empty for the company (enterprise)</source>
        <translation>企業（Enterprise）の場合は空欄のままにしてください</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="265"/>
        <source>Configuration file</source>
        <translation>構成ファイル</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="266"/>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="281"/>
        <source>Box app configuration</source>
        <translation>Boxアプリの構成</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="283"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="293"/>
        <source>Choose the Box app configuration file.</source>
        <translation>Boxアプリの構成ファイルを選択してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="312"/>
        <source>The configuration has no enterprise ID; type a user ID.</source>
        <translation>構成ファイルにEnterprise IDがありません。ユーザーIDを入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="346"/>
        <source>Make a key that can do only a few things, optionally only on one file, folder or shared link — for example to hand to a web page. It is made from your connected account.</source>
        <translation>できることを限定したキーを作成します。必要に応じて、1つのファイル、フォルダ、または共有リンクだけに絞ることもできます（Webページに渡す場合など）。キーは接続中のアカウントから作成されます。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="360"/>
        <source>https://api.box.com/2.0/files/123 (optional)</source>
        <translation>https://api.box.com/2.0/files/123（任意）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="362"/>
        <source>https://app.box.com/s/… (optional)</source>
        <translation>https://app.box.com/s/…（任意）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="364"/>
        <source>File or folder</source>
        <translation>ファイルまたはフォルダ</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="365"/>
        <source>Shared link</source>
        <translation>共有リンク</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="366"/>
        <source>Make limited key</source>
        <translation>制限付きキーを作成</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="383"/>
        <source>Connect your Box account first.</source>
        <translation>先にBoxアカウントを接続してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="388"/>
        <source>Choose at least one thing the key may do.</source>
        <translation>キーに許可する操作を1つ以上選んでください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="395"/>
        <source>Give a file or folder, or a shared link — not both.</source>
        <translation>ファイル・フォルダか共有リンクのどちらか一方を指定してください。</translation>
    </message>
</context>
<context>
    <name>AppConfig</name>
    <message>
        <location filename="../../core/jwt_assertion.py" line="35"/>
        <source>Download the app&apos;s configuration again in the Box developer console (your app &gt; Configuration &gt; App Settings &gt; Download as JSON).</source>
        <extracomment>The ``aud`` claim Box expects. Signing algorithms Box accepts for app keys. Seconds the assertion stays valid (the SDK&apos;s choice; Box allows at most 60).</extracomment>
        <translation>Box開発者コンソールで、アプリの構成ファイルをもう一度ダウンロードしてください（対象のアプリ＞［構成］＞［アプリ設定］＞［JSON形式でダウンロード］）。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="69"/>
        <source>The Box app configuration file {path} could not be read ({error}).</source>
        <translation>Boxアプリの構成ファイル{path}を読み込めませんでした（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="73"/>
        <source>Check the file&apos;s name and permissions.</source>
        <translation>ファイル名とアクセス権を確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="77"/>
        <source>The Box app configuration file {path} is not a text (JSON) file.</source>
        <translation>Boxアプリの構成ファイル{path}は、テキスト（JSON）ファイルではありません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="92"/>
        <source>The Box app configuration is not valid JSON ({problem} at line {line}, column {column}).</source>
        <translation>Boxアプリの構成が正しいJSONではありません（{line}行目、{column}列目：{problem}）。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="101"/>
        <source>The Box app configuration is not valid JSON (it is nested too deeply to read).</source>
        <translation>Boxアプリの構成が正しいJSONではありません（入れ子が深すぎて読み込めません）。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="110"/>
        <source>The Box app configuration is not a JSON object.</source>
        <translation>Boxアプリの構成がJSONオブジェクトではありません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="135"/>
        <source>The private key in the Box app configuration is encrypted, but the configuration has no passphrase (boxAppSettings.appAuth.passphrase).</source>
        <translation>Boxアプリの構成に含まれる秘密鍵は暗号化されていますが、構成にパスフレーズ（boxAppSettings.appAuth.passphrase）がありません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="147"/>
        <source>The private key in the Box app configuration could not be opened with its passphrase (boxAppSettings.appAuth.passphrase): the passphrase is wrong or the key is damaged.</source>
        <translation>Boxアプリの構成に含まれる秘密鍵を、構成のパスフレーズ（boxAppSettings.appAuth.passphrase）で開けませんでした。パスフレーズが間違っているか、鍵が破損しています。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="153"/>
        <source>Download the configuration again, or generate a new key pair in the Box developer console.</source>
        <translation>構成ファイルをもう一度ダウンロードするか、Box開発者コンソールで新しいキーペアを生成してください。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="160"/>
        <source>The private key in the Box app configuration (boxAppSettings.appAuth.privateKey) is not a readable PEM key.</source>
        <translation>Boxアプリの構成に含まれる秘密鍵（boxAppSettings.appAuth.privateKey）は、読み込めるPEM形式の鍵ではありません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="169"/>
        <source>The private key in the Box app configuration is not an RSA key; Box signs in apps with RSA keys only.</source>
        <translation>Boxアプリの構成に含まれる秘密鍵はRSA鍵ではありません。BoxでのアプリのログインにはRSA鍵しか使えません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="174"/>
        <source>Generate a new key pair in the Box developer console.</source>
        <translation>Box開発者コンソールで新しいキーペアを生成してください。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="203"/>
        <source>No enterprise ID to sign in as (enterpriseID is missing from the configuration).</source>
        <translation>ログインに使うEnterprise IDがありません（構成にenterpriseIDが含まれていません）。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="208"/>
        <source>No user ID to sign in as.</source>
        <translation>ログインに使うユーザーIDがありません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="232"/>
        <source>The Box app configuration has no {key} section.</source>
        <translation>Boxアプリの構成に{key}セクションがありません。</translation>
    </message>
    <message>
        <location filename="../../core/jwt_assertion.py" line="244"/>
        <source>The Box app configuration has no {key}.</source>
        <translation>Boxアプリの構成に{key}がありません。</translation>
    </message>
</context>
<context>
    <name>BrowserWaitDialog</name>
    <message>
        <location filename="../../gui/signin_window.py" line="101"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The command-line flag that makes ``main.py`` (or the bundled executable) the child.</extracomment>
        <translation>Boxにログイン — Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="108"/>
        <location filename="../../gui/signin_window.py" line="133"/>
        <source>Continue in your web browser</source>
        <translation>Webブラウザーで続けてください</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="112"/>
        <location filename="../../gui/signin_window.py" line="138"/>
        <source>Open in my browser instead</source>
        <translation>代わりにブラウザーで開く</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="114"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="136"/>
        <source>Open the sign-in page again</source>
        <translation>ログインページをもう一度開く</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="144"/>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="146"/>
        <source>You&apos;re connected as {who}. This window closes by itself.</source>
        <translation>{who}として接続しました。このウィンドウは自動的に閉じます。</translation>
    </message>
</context>
<context>
    <name>CallbackPages</name>
    <message>
        <location filename="../../core/loopback/pages.py" line="36"/>
        <source>en</source>
        <extracomment>Placeholders filled with trusted markup from resources/, not escaped. Every string a person sees on the callback pages, in English: the templates in resources/ hold only markup. Marked for translation in context &quot;CallbackPages&quot; (``lang`` too: a translation gives its language code); :func:`page_messages` gives them translated.</extracomment>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="39"/>
        <source>You can close this tab and return to Box Login.</source>
        <translation>このタブを閉じて、Box Loginに戻ってください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="42"/>
        <source>Signed in – Box Login</source>
        <translation>ログインしました – Box Login</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="43"/>
        <source>You’re signed in to Box</source>
        <translation>Boxにログインしました</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="44"/>
        <source>Box Login received your sign-in and is finishing up.</source>
        <translation>Box Loginがログイン情報を受け取り、処理を完了しています。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="47"/>
        <source>Sign-in didn’t finish – Box Login</source>
        <translation>ログインが完了しませんでした – Box Login</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="48"/>
        <source>Sign-in didn’t finish</source>
        <translation>ログインが完了しませんでした</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="49"/>
        <source>Box said:</source>
        <translation>Boxからのメッセージ：</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="50"/>
        <source>You chose not to give Box Login access to your Box account.</source>
        <translation>Box LoginにBoxアカウントへのアクセスを許可しませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="53"/>
        <source>If that was a mistake, go back to Box Login and sign in again.</source>
        <translation>誤って操作した場合は、Box Loginに戻ってもう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="56"/>
        <source>This answer did not belong to your sign-in, so Box Login ignored it.</source>
        <translation>この応答はお使いのログインのものではないため、Box Loginは無視しました。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="59"/>
        <source>If you are signing in, go back to Box Login and finish there. If you did not start a sign-in, you can ignore this page.</source>
        <translation>ログイン中の場合は、Box Loginに戻ってログインを完了してください。ログインを始めた覚えがない場合は、このページは無視してかまいません。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="64"/>
        <source>Box’s answer was incomplete, so Box Login could not finish signing you in.</source>
        <translation>Boxからの応答が不完全だったため、Box Loginはログインを完了できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="68"/>
        <source>Go back to Box Login and sign in again.</source>
        <translation>Box Loginに戻って、もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="71"/>
        <source>Box did not accept how this app is set up.</source>
        <translation>Boxでこのアプリの設定が受け付けられませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="74"/>
        <source>Ask whoever gave you Box Login, or your Box administrator, to check the app’s settings.</source>
        <translation>Box Loginを提供した担当者またはBox管理者に、アプリの設定を確認するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="78"/>
        <source>Box is having trouble right now.</source>
        <translation>Boxで現在問題が発生しています。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="79"/>
        <source>Wait a minute, then go back to Box Login and sign in again.</source>
        <translation>1分ほど待ってから、Box Loginに戻ってもう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="82"/>
        <source>Box could not sign you in.</source>
        <translation>Boxでログインできませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="83"/>
        <source>Go back to Box Login and try again. If it keeps happening, ask whoever gave you the app for help.</source>
        <translation>Box Loginに戻って、もう一度お試しください。繰り返し発生する場合は、アプリを提供した担当者にご相談ください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="88"/>
        <source>This page was opened with an address that is not a sign-in answer.</source>
        <translation>このページは、ログインの応答ではないアドレスで開かれました。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="91"/>
        <source>Go back to Box Login and sign in from there.</source>
        <translation>Box Loginに戻って、そこからログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="94"/>
        <source>This sign-in has already finished.</source>
        <translation>このログインはすでに完了しています。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/pages.py" line="97"/>
        <source>Go back to Box Login to continue.</source>
        <translation>続けるには、Box Loginに戻ってください。</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="118"/>
        <source>What to do: {fix}</source>
        <extracomment>The icon (resources/&lt;name&gt;.svg) and the word a screen reader says for each verdict.</extracomment>
        <translation>対処方法：{fix}</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../cli/commands.py" line="52"/>
        <source>Note: with --store memory the sign-in is forgotten when this command ends.</source>
        <translation>注意：--store memoryを指定した場合、ログイン情報はこのコマンドの終了時に破棄されます。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="62"/>
        <source>Open the address above in a web browser and sign in to Box.</source>
        <translation>上のアドレスをWebブラウザーで開いて、Boxにログインしてください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="73"/>
        <source>Opening your web browser at Box&apos;s sign-in page…</source>
        <translation>WebブラウザーでBoxのログインページを開いています…</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="76"/>
        <source>No web browser could be opened. Open this address yourself:</source>
        <translation>Webブラウザーを開けませんでした。次のアドレスをご自身で開いてください：</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="88"/>
        <source>Your sign-in is kept in {place}.</source>
        <translation>ログイン情報の保管場所：{place}</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="166"/>
        <source>{command} exec: {program}: command not found</source>
        <extracomment>What ``exec`` puts in the command&apos;s environment (and ``token --format env`` prints).</extracomment>
        <translation>{command} exec: {program}: コマンドが見つかりません</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="178"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="184"/>
        <source>expired ({time})</source>
        <translation>期限切れ（{time}）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="185"/>
        <source>valid until {time} ({time_left})</source>
        <translation>{time}まで有効（{time_left}）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="193"/>
        <source>less than a minute left</source>
        <translation>残り1分未満</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="195"/>
        <source>1 minute left</source>
        <translation>残り1分</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="197"/>
        <source>{minutes} minutes left</source>
        <translation>残り{minutes}分</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="200"/>
        <source>{hours} hours left</source>
        <translation>残り{hours}時間</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="201"/>
        <source>{days} days left</source>
        <translation>残り{days}日</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="206"/>
        <location filename="../../cli/commands.py" line="258"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="208"/>
        <source>renews on next use (an earlier renewal did not finish)</source>
        <translation>次回の使用時に更新（前回の更新が完了しなかったため）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="210"/>
        <source>renews on next use (its end time is unknown)</source>
        <translation>次回の使用時に更新（有効期限が不明なため）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="212"/>
        <source>renews on next use (its stored end time cannot be right)</source>
        <translation>次回の使用時に更新（保存されている有効期限が正しくないため）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="237"/>
        <source>Profile</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="238"/>
        <source>Box user</source>
        <translation>Boxユーザー</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="240"/>
        <source>not signed in</source>
        <translation>ログインしていません</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="243"/>
        <source>{name} ({login}), user id {id} — needs to sign in again</source>
        <translation>{name}（{login}）、ユーザーID {id} — 再ログインが必要です</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="247"/>
        <source>{name} ({login}), user id {id}</source>
        <translation>{name}（{login}）、ユーザーID {id}</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="252"/>
        <source>Access token</source>
        <translation>アクセスキー</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="255"/>
        <source>Refresh token</source>
        <translation>更新キー</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="262"/>
        <source>Days left</source>
        <translation>残り日数</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="265"/>
        <source>Scope</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="266"/>
        <source>all of the app&apos;s scopes</source>
        <translation>アプリのすべてのスコープ</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="269"/>
        <source>Kept in</source>
        <translation>保管場所</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="271"/>
        <location filename="../../cli/commands.py" line="715"/>
        <source>Keep-alive</source>
        <translation>接続維持</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="282"/>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="288"/>
        <source>Renewed the access token for {who}: {when}.</source>
        <translation>{who}のアクセスキーを更新しました：{when}。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="306"/>
        <source>Remove the sign-in from this computer anyway? (It stays valid at Box until it expires.)</source>
        <translation>それでもこのコンピューターからログイン情報を削除しますか？（有効期限が切れるまで、Box側では有効なままです。）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="315"/>
        <source>Nothing was changed. To remove it from this computer only, run &quot;{command}&quot;.</source>
        <translation>何も変更していません。このコンピューターからだけ削除するには、「{command}」を実行してください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="323"/>
        <source>Removed the sign-in from this computer. It stays valid at Box until it expires (at most 60 days); to end it sooner, remove the app in your Box account settings (Apps) or run this command again when online.</source>
        <translation>このコンピューターからログイン情報を削除しました。有効期限が切れるまで（最長60日）、Box側では有効なままです。それより早く無効にするには、Boxのアカウント設定（［アプリ］）でアプリを削除するか、オンラインのときにこのコマンドをもう一度実行してください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="332"/>
        <source>Signed out: Box ended this program&apos;s access.</source>
        <translation>ログアウトしました。このプログラムのアクセスはBox側で終了しました。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="335"/>
        <source>Signed out. (There was no valid token to end at Box.)</source>
        <translation>ログアウトしました。（Box側で終了させる有効なキーはありませんでした。）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="338"/>
        <source>The sign-in was removed from {place}.</source>
        <translation>ログイン情報を削除しました（保管場所：{place}）。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="344"/>
        <source>Checked: Box no longer accepts the old access token.</source>
        <translation>確認しました：古いアクセスキーはBoxで無効になっています。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="348"/>
        <source>Box Login could not confirm that Box stopped accepting the old access token.</source>
        <translation>古いアクセスキーがBoxで無効になったことを、Box Loginは確認できませんでした。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="361"/>
        <source>No connected accounts yet. Sign in with &quot;{command}&quot;.</source>
        <translation>接続済みのアカウントはまだありません。「{command}」でログインしてください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="372"/>
        <source>{name} ({login}) — needs to sign in again</source>
        <translation>{name}（{login}）— 再ログインが必要です</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="386"/>
        <source>Box answered without an access token.</source>
        <translation>Boxの応答にアクセスキーが含まれていませんでした。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="418"/>
        <source>The app configuration&apos;s private key is encrypted and the file has no passphrase. Run the command in a terminal to type it.</source>
        <translation>アプリの構成ファイルの秘密鍵は暗号化されていますが、ファイルにパスフレーズが含まれていません。パスフレーズを入力できるよう、ターミナルでコマンドを実行してください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="424"/>
        <source>Passphrase of the private key: </source>
        <translation>秘密鍵のパスフレーズ: </translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="432"/>
        <source>The app configuration has no enterpriseID. Give --user-id to act as a user.</source>
        <translation>アプリの構成ファイルにenterpriseIDがありません。ユーザーとして動作させるには、--user-idを指定してください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="455"/>
        <source>Give at least one permission with --scope, e.g. --scope &quot;item_preview&quot;.</source>
        <translation>--scopeで権限を1つ以上指定してください（例：--scope &quot;item_preview&quot;）。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="503"/>
        <source>The settings that point {app} at it are saved in {file}:
run &quot;{command}&quot;.
</source>
        <translation>{app}をこのサンドボックスにつなぐ設定を{file}に保存しました：
「{command}」を実行してください。
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="512"/>
        <source>To point {app} at it, save these settings as a file (for example
sandbox.json) and run &quot;{command}&quot;
(or let --save-settings FILE do it):
</source>
        <translation>{app}をこのサンドボックスにつなぐには、次の設定をファイル（例：sandbox.json）に
保存して「{command}」を実行してください
（--save-settings FILEを使うと、自動で保存されます）：
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="518"/>
        <source>The Box sandbox is running at {address}
Sign in with {login} and the password {password}.
</source>
        <translation>Boxのサンドボックスを実行しています：{address}
メールアドレス{login}、パスワード{password}でログインしてください。
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="528"/>
        <source>Or open {app} and choose &quot;Try the demo&quot;, which starts its own sandbox.
</source>
        <translation>または、{app}を開いて「デモを試す」を選んでください（専用のサンドボックスが起動します）。
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="533"/>
        <source>Press Ctrl-C to stop.
</source>
        <translation>停止するにはCtrl-Cを押してください。
</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="547"/>
        <source>{days_left} of Box&apos;s 60 (every renewal starts the 60 again)</source>
        <translation>Boxの60日のうち{days_left}（更新するたびに60日に戻ります）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="563"/>
        <source>not available with this way of keeping the sign-in</source>
        <translation>このログイン情報の保管方法では利用できません</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="568"/>
        <source>off (turn it on with &quot;{command}&quot;)</source>
        <translation>オフ（「{command}」でオンにできます）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="574"/>
        <source>reminders only ({where})</source>
        <translation>お知らせのみ（{where}）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="577"/>
        <source>on: renews when older than {days} days ({where})</source>
        <translation>オン：{days}日以上経過したら更新（{where}）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="607"/>
        <source>Keep-alive and its reminders are off. Removed:</source>
        <translation>接続維持とお知らせをオフにしました。削除したもの：</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="611"/>
        <source>Keep-alive was not installed; it stays off.</source>
        <translation>接続維持はインストールされていませんでした。オフのままです。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="617"/>
        <source>Note: Box Login is not set up for a Box app yet; keep-alive has nothing to renew until you sign in.</source>
        <translation>注意：Box LoginはまだBoxアプリ用に設定されていません。ログインするまで、接続維持で更新するものはありません。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="626"/>
        <source>once a day</source>
        <translation>1日1回</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="628"/>
        <source>each time you sign in to your desktop (this computer has no systemd user session)</source>
        <translation>デスクトップにログインするたびに（このコンピューターにはsystemdのユーザーセッションがありません）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="635"/>
        <source>Keep-alive is on: {how}, the system runs a short check that renews every sign-in older than {days} days, and sends nothing to Box otherwise.</source>
        <translation>接続維持をオンにしました。{how}、システムが短い確認を実行し、{days}日以上経過したログインをすべて更新します。それ以外の場合、Boxには何も送信しません。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="643"/>
        <source>Reminders are on, keep-alive renews nothing: {how}, the system checks whether a sign-in ends within {days} days.</source>
        <translation>お知らせをオンにしました（接続維持による更新は行いません）。{how}、期限が{days}日以内に切れるログインがないか、システムが確認します。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="650"/>
        <source>You get a desktop notification when a sign-in is about to end, when Box ended one, or when the password store is locked.</source>
        <translation>ログインの期限が近づいたとき、Boxがログインを終了したとき、またはパスワード保管庫がロックされているときは、デスクトップ通知でお知らせします。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="656"/>
        <source>Installed: {where}.</source>
        <translation>インストールしました：{where}。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="660"/>
        <source>Turn it off with &quot;{command}&quot;.</source>
        <translation>オフにするには「{command}」を実行してください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="719"/>
        <source>(installed, but the system&apos;s scheduler has it disabled)</source>
        <translation>（インストール済みですが、システムのスケジューラーで無効になっています）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="725"/>
        <source>needs to sign in again</source>
        <translation>再ログインが必要です</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="728"/>
        <source>days left unknown (due)</source>
        <translation>残り日数不明（更新対象）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="730"/>
        <source>days left unknown</source>
        <translation>残り日数不明</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="733"/>
        <source>{days_left}, due: older than {days} days</source>
        <translation>{days_left}、更新対象（{days}日以上経過）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="741"/>
        <source>No connected accounts.</source>
        <translation>接続済みのアカウントはありません。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="770"/>
        <source>Reminder: {title}. {body}</source>
        <translation>お知らせ：{title}。{body}</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="791"/>
        <source>(No desktop notification could be shown: {reason}.)</source>
        <translation>（デスクトップ通知を表示できませんでした：{reason}。）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="838"/>
        <source>{app} never keeps your sign-in in a plain file. Choose one and run the command again:
  --store encrypted-file   keep it in a file encrypted with a passphrase
                           (taken from {variable}, or asked for)
  --store memory           keep it only while this command runs
for example: {command}
Or install a password store (Debian/Ubuntu: sudo apt-get install gnome-keyring).</source>
        <translation>{app}は、ログイン情報を暗号化されていないファイルには保存しません。
次のどちらかを選んで、コマンドをもう一度実行してください：
  --store encrypted-file   パスフレーズで暗号化したファイルに保管します
                           （パスフレーズは{variable}から取得するか、入力を求めます）
  --store memory           このコマンドの実行中だけ保持します
例：{command}
または、パスワード保管庫をインストールしてください
（Debian/Ubuntu：sudo apt-get install gnome-keyring）。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="856"/>
        <source>Sign in with &quot;{command}&quot;.</source>
        <translation>「{command}」でログインしてください。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="869"/>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="881"/>
        <source>(Details: {details})</source>
        <translation>（詳細：{details}）</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="887"/>
        <source>Details:</source>
        <translation>詳細：</translation>
    </message>
    <message>
        <location filename="../../cli/commands.py" line="893"/>
        <source>Something unexpected went wrong ({error}). Run the command again with --verbose for details.</source>
        <translation>予期しない問題が発生しました（{error}）。詳しく確認するには、--verboseを付けてコマンドをもう一度実行してください。</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="75"/>
        <source>[y/N]</source>
        <translation>[y/N]</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="83"/>
        <source>y, yes</source>
        <translation>y, yes, はい</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="126"/>
        <source>The encrypted file needs a passphrase. Set {variable}, or run the command in a terminal to type it.</source>
        <translation>暗号化ファイルにはパスフレーズが必要です。{variable}を設定するか、パスフレーズを入力できるよう、ターミナルでコマンドを実行してください。</translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="132"/>
        <source>Passphrase for Box Login&apos;s encrypted file: </source>
        <translation>Box Loginの暗号化ファイルのパスフレーズ: </translation>
    </message>
    <message>
        <location filename="../../cli/console.py" line="134"/>
        <source>An empty passphrase cannot protect the file.</source>
        <translation>空のパスフレーズではファイルを保護できません。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="189"/>
        <source>a profile name is made of {rule}</source>
        <translation>プロファイル名に使えるのは{rule}です</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="201"/>
        <source>{value} is not a number of seconds</source>
        <translation>{value}は有効な秒数ではありません</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="206"/>
        <source>give a number of seconds between 1 and 86400</source>
        <translation>1～86400の秒数を指定してください</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="216"/>
        <source>{value} is not a port number</source>
        <translation>{value}は有効なポート番号ではありません</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="220"/>
        <source>a port number is between 0 and 65535</source>
        <translation>ポート番号は0～65535の範囲で指定してください</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="753"/>
        <source>exec needs a command to run: exec -- COMMAND [ARGS …]</source>
        <translation>execには実行するコマンドを指定してください：exec -- COMMAND [ARGS …]</translation>
    </message>
</context>
<context>
    <name>CommandLineHelp</name>
    <message>
        <location filename="../../cli/parser.py" line="59"/>
        <source>exit codes:</source>
        <extracomment>``core.keepalive.RENEW_AFTER_DAYS`` and ``REMIND_WITHIN_DAYS``, for the help texts without importing keep-alive for every command (a test keeps them equal). ``token --format``: for scripts (plain, env, header) and programs (json). ``exec --min-valid`` default: the command keeps one token for its whole run, so it gets one with at least 5 minutes left (``token``&apos;s 60 s suit a caller that asks again).</extracomment>
        <translation>終了コード:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="64"/>
        <source>exit codes (doctor&apos;s own):
  0    every check is ok
  1    warnings only: Box Login works, but something is worth knowing
  2    at least one problem (each comes with its fix), or a command line that was
       not understood
</source>
        <translation>終了コード（doctor独自）:
  0    すべての確認項目に問題なし
  1    警告のみ：Box Loginは動作しますが、知っておいたほうがよいことがあります
  2    問題が1つ以上ある（それぞれに対処方法を表示）、またはコマンドラインを
       解釈できなかった
</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="75"/>
        <source>{app} connects your Box account to programs on this computer. Sign in once; the
sign-in is kept in your computer&apos;s password store and renewed automatically. Without a
command, {app} opens its window.</source>
        <translation>{app}は、お使いのBoxアカウントをこのコンピューター上のプログラムに接続します。ログインは
一度だけで済み、ログイン情報はコンピューターのパスワード保管庫に保管されて自動で更新されます。
コマンドを指定しない場合は、{app}のウィンドウが開きます。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="88"/>
        <source>sign in (opens your web browser)</source>
        <translation>ログインします（Webブラウザーが開きます）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="92"/>
        <source>print a valid access token, for scripts:</source>
        <translation>有効なアクセスキーを表示します（スクリプト用）：</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="100"/>
        <source>who is signed in, and until when</source>
        <translation>ログイン中のユーザーと有効期限を表示します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="104"/>
        <source>sign in a second account, kept separately</source>
        <translation>2つ目のアカウントでログインします（別々に保管されます）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="108"/>
        <source>sign out (ends the access at Box too)</source>
        <translation>ログアウトします（Box側のアクセスも終了します）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="112"/>
        <source>try it all against a demo Box on this computer</source>
        <translation>このコンピューター上のデモ用Boxで一通り試します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="116"/>
        <location filename="../../cli/parser.py" line="336"/>
        <location filename="../../cli/parser.py" line="644"/>
        <source>examples:</source>
        <translation>例:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="120"/>
        <source>Messages go to standard error; only what you asked for (a token, an address, JSON) goes
to standard output. Every command has its own --help.</source>
        <translation>メッセージは標準エラー出力に出力されます。要求したもの（アクセスキー、アドレス、JSON）だけが
標準出力に出力されます。各コマンドにもそれぞれ--helpがあります。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="132"/>
        <source>where to keep the sign-in: keyring (the system password store, default), encrypted-file (a file protected by a passphrase taken from {variable} or asked for), memory (this run only)</source>
        <translation>ログイン情報の保管場所：keyring（システムのパスワード保管庫、既定）、encrypted-file（パスフレーズで保護されたファイル。パスフレーズは{variable}から取得するか、入力を求めます）、memory（今回の実行中のみ）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="249"/>
        <source>options for every command</source>
        <translation>すべてのコマンドに共通のオプション</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="255"/>
        <source>the settings file of the Box app (default: look in the usual places)</source>
        <translation>Boxアプリの設定ファイル（既定：通常の場所から探します）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="265"/>
        <source>which connected account to use (default: %(default)s)</source>
        <translation>使用する接続済みアカウント（既定：%(default)s）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="267"/>
        <source>which connected account to use</source>
        <translation>使用する接続済みアカウント</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="274"/>
        <source>the window&apos;s language (default: BOX_LOGIN_LANGUAGE, the one chosen in the window, else the system&apos;s)</source>
        <translation>ウィンドウの言語（既定：BOX_LOGIN_LANGUAGE、次にウィンドウで選んだ言語、どちらもなければシステムの言語）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="285"/>
        <source>write a detailed log to standard error (it never contains a token or secret)</source>
        <translation>詳細なログを標準エラー出力に書き出します（キーやシークレットは一切含まれません）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="305"/>
        <source>show program&apos;s version number and exit</source>
        <translation>プログラムのバージョンを表示して終了します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="310"/>
        <source>start the window and the embedded browser, check that they and the password store work, and quit (for installers and CI; exit 0 when all is well, 6 without a password store, 7 when the embedded browser cannot start)</source>
        <translation>ウィンドウと埋め込みブラウザーを起動し、それらとパスワード保管庫が動作するか確認して終了します（インストーラーやCI用。終了コードは、問題がなければ0、パスワード保管庫がなければ6、埋め込みブラウザーを起動できなければ7）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="320"/>
        <source>commands</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="337"/>
        <source>example:</source>
        <translation>例:</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="341"/>
        <source>sign in to Box in your web browser</source>
        <translation>WebブラウザーでBoxにログインします</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="342"/>
        <source>Sign in to Box. Opens your web browser at Box&apos;s sign-in page and waits until you
have signed in and allowed access, then keeps the sign-in in the password store.
It ends with &quot;Signed in as NAME (LOGIN)&quot; on standard error.</source>
        <translation>Boxにログインします。WebブラウザーでBoxのログインページを開き、ログインしてアクセスを
許可するまで待ってから、ログイン情報をパスワード保管庫に保管します。
最後に、標準エラー出力に「NAME（LOGIN）としてログインしました」と表示されます。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="350"/>
        <source>      opens your web browser at Box&apos;s sign-in page</source>
        <translation>      WebブラウザーでBoxのログインページを開きます</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="352"/>
        <source>      prints the address to open yourself (on a server, or to use another
      browser); nothing else goes to standard output</source>
        <translation>      ご自身で開くためのアドレスを表示します（サーバー上で使う場合や、別のブラウザーを
      使う場合）。標準出力にはそれ以外何も出力されません</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="361"/>
        <source>do not open a browser; print the sign-in address, alone on one line, on standard output</source>
        <translation>ブラウザーを開かず、ログイン用のアドレスだけを1行で標準出力に出力します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="372"/>
        <source>stop waiting after this many seconds (default: %(default).0f)</source>
        <translation>この秒数が経過したら待機をやめます（既定：%(default).0f）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="379"/>
        <source>print a valid access token (for scripts)</source>
        <translation>有効なアクセスキーを表示します（スクリプト用）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="380"/>
        <source>Print the access token, and nothing else, on standard output, renewing it first
when it is about to expire. When you are not signed in, nothing is printed on
standard output, a message goes to standard error and the exit code is 4.</source>
        <translation>アクセスキーだけを標準出力に出力します。期限切れが近い場合は、先に更新します。
ログインしていない場合は、標準出力には何も出力されず、標準エラー出力にメッセージが
出力されて、終了コードは4になります。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="394"/>
        <source>renew first unless the token stays valid this long (default: %(default).0f)</source>
        <translation>アクセスキーの残り有効時間がこの秒数未満なら、先に更新します（既定：%(default).0f）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="403"/>
        <source>plain: the token alone (default); json: {&quot;access_token&quot;, &quot;expires_at&quot; (ISO 8601, UTC), &quot;profile&quot;, &quot;user&quot;: {&quot;id&quot;, &quot;name&quot;, &quot;login&quot;}}; env: BOX_ACCESS_TOKEN=…; header: Authorization: Bearer …</source>
        <translation>plain：アクセスキーのみ（既定）、json：{&quot;access_token&quot;, &quot;expires_at&quot; (ISO 8601, UTC), &quot;profile&quot;, &quot;user&quot;: {&quot;id&quot;, &quot;name&quot;, &quot;login&quot;}}、env：BOX_ACCESS_TOKEN=…、header：Authorization: Bearer …</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="413"/>
        <source>run a command with a valid access token in its environment</source>
        <translation>有効なアクセスキーを環境変数に設定してコマンドを実行します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="414"/>
        <source>Run COMMAND with BOX_ACCESS_TOKEN (a valid access token, renewed first when needed)
and BOX_ACCESS_TOKEN_EXPIRES_AT (its end, ISO 8601 in UTC) in its environment. Ctrl-C,
SIGTERM and SIGHUP reach the command; the exit code is the command&apos;s (128+N when a
signal N ended it; 127 when it cannot be found, 126 when it cannot be started).
When no token can be had, the command does not run, and Box Login exits with one of
its own exit codes (below).</source>
        <translation>環境変数BOX_ACCESS_TOKEN（有効なアクセスキー。必要なら先に更新）と
BOX_ACCESS_TOKEN_EXPIRES_AT（その有効期限。UTCのISO 8601形式）を設定してCOMMANDを
実行します。Ctrl-C、SIGTERM、SIGHUPはコマンドに渡されます。終了コードはコマンドの
ものです（シグナルNで終了した場合は128+N、見つからない場合は127、起動できない場合は126）。
アクセスキーを取得できない場合、コマンドは実行されず、Box Login独自の終了コード（下記）の
いずれかで終了します。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="434"/>
        <source>renew first unless the token stays valid this long; the command gets one token for its whole run (default: %(default).0f)</source>
        <translation>アクセスキーの残り有効時間がこの秒数未満なら、先に更新します。コマンドは実行中ずっと同じアクセスキーを使います（既定：%(default).0f）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="444"/>
        <source>the command to run and its arguments (after --)</source>
        <translation>実行するコマンドとその引数（--の後に指定）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="447"/>
        <source>print the same as JSON</source>
        <translation>同じ内容をJSONで出力します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="450"/>
        <source>who is signed in, until when, and where it is kept</source>
        <translation>ログイン中のユーザー、有効期限、保管場所を表示します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="451"/>
        <source>Show the profile, the Box user, when the access token and the refresh token
expire, the permissions (scope) and where the sign-in is kept. Never shows a
token. Exit code 0 when signed in, 4 when a sign-in is needed. No network.</source>
        <translation>プロファイル、Boxユーザー、アクセスキーと更新キー（リフレッシュトークン）の有効期限、
権限（スコープ）、ログイン情報の保管場所を表示します。キー自体は表示しません。
終了コードは、ログイン済みなら0、ログインが必要なら4です。ネットワークは使いません。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="462"/>
        <source>renew the access token now</source>
        <translation>アクセスキーを今すぐ更新します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="463"/>
        <source>Renew the access token now, even if it is still valid. (token renews by itself
when needed; this is for trying it out.)</source>
        <translation>まだ有効な場合でも、アクセスキーを今すぐ更新します。（tokenコマンドは必要なときに
自動で更新します。このコマンドは動作を試すためのものです。）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="472"/>
        <source>sign out: end the access at Box and forget it here</source>
        <translation>ログアウト：Box側のアクセスを終了し、このコンピューターからも削除します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="473"/>
        <source>Sign out: asks Box to end this program&apos;s access (refresh and access token), removes
the sign-in from this computer, and checks with Box that the old token no longer
works. When Box cannot be reached, it says so and (in a terminal) asks whether to
remove the sign-in from this computer anyway.</source>
        <translation>ログアウトします。Boxにこのプログラムのアクセス（更新キーとアクセスキー）の終了を
依頼し、このコンピューターからログイン情報を削除して、古いキーが使えなくなったことを
Boxで確認します。Boxに接続できない場合はその旨を表示し、（ターミナルでは）それでも
このコンピューターからログイン情報を削除するかどうかを尋ねます。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="486"/>
        <source>when Box cannot be reached, remove the sign-in from this computer without asking (it then stays valid at Box until it expires)</source>
        <translation>Boxに接続できない場合、確認せずにこのコンピューターからログイン情報を削除します（有効期限が切れるまでBox側では有効なままです）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="495"/>
        <source>list the connected accounts</source>
        <translation>接続済みのアカウントを一覧表示します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="496"/>
        <source>List the profiles (one per connected account) on standard output, with the Box
user of each.</source>
        <translation>プロファイル（接続済みアカウントごとに1つ）を、それぞれのBoxユーザーとともに
標準出力に一覧表示します。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="505"/>
        <source>print Box&apos;s whole answer as JSON instead of the token alone (includes every token in it)</source>
        <translation>キーだけでなく、Boxの応答全体をJSONで出力します（応答に含まれるキーもすべて出力されます）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="511"/>
        <source>get a server token with Client Credentials (administrators)</source>
        <translation>クライアント資格情報（Client Credentials）でサーバーキーを取得します（管理者向け）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="512"/>
        <source>Get an access token with the Client Credentials Grant of the configured Box app
(a server-side app authorized by the Box administrator), and print it.</source>
        <translation>設定済みのBoxアプリ（Box管理者が承認したサーバー側アプリ）のクライアント資格情報
（Client Credentials Grant）でアクセスキーを取得して表示します。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="525"/>
        <source>get a server token with a JWT app configuration (administrators)</source>
        <translation>JWTアプリの構成ファイルでサーバーキーを取得します（管理者向け）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="528"/>
        <source>Get an access token for a server-side Box app (JWT authentication) from the app
configuration file downloaded from the Box developer console, and print it. If the
file has no passphrase for its private key, you are asked for it.</source>
        <translation>Box開発者コンソールからダウンロードしたアプリの構成ファイルを使って、サーバー側Boxアプリ
（JWT認証）のアクセスキーを取得して表示します。ファイルに秘密鍵のパスフレーズが
含まれていない場合は、入力を求められます。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="536"/>
        <source>the app&apos;s service account</source>
        <translation>アプリのサービスアカウント</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="538"/>
        <source>acting as user {id}</source>
        <translation>ユーザー{id}として動作</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="544"/>
        <source>act as this Box user (default: the enterprise&apos;s service account)</source>
        <translation>このBoxユーザーとして動作します（既定：企業（Enterprise）のサービスアカウント）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="552"/>
        <source>get a restricted token from your sign-in (for sharing with less trusted code)</source>
        <translation>ログイン情報から制限付きキーを取得します（信頼度の低いコードに渡す場合など）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="556"/>
        <source>Exchange your access token for one with fewer permissions, optionally limited to
one file or folder, and print it.</source>
        <translation>アクセスキーを、権限を絞ったキーに交換して表示します。必要に応じて、
1つのファイルまたはフォルダに限定することもできます。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="568"/>
        <source>the permissions, separated by spaces, e.g. &quot;item_preview item_download&quot;</source>
        <translation>許可する権限（スペース区切り。例：&quot;item_preview item_download&quot;）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="577"/>
        <source>the API URL of one file or folder</source>
        <translation>1つのファイルまたはフォルダのAPI URL</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="580"/>
        <source>a shared link</source>
        <translation>共有リンク</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="586"/>
        <source>run a demo Box on this computer</source>
        <translation>このコンピューター上でデモ用のBoxを実行します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="587"/>
        <source>Run a stand-in for Box on this computer (no internet, no Box account needed). It
prints its address and a settings file that points at it; stop it with Ctrl-C.</source>
        <translation>このコンピューター上で模擬的なBoxを実行します（インターネットもBoxアカウントも不要）。
そのアドレスと、そこを接続先とする設定ファイルを表示します。Ctrl-Cで停止します。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="597"/>
        <source>port to listen on (default: any free port)</source>
        <translation>待ち受けるポート（既定：空いている任意のポート）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="603"/>
        <source>also save the settings that point at it in FILE, ready for --config FILE</source>
        <translation>そこを接続先とする設定をFILEにも保存します（そのまま--config FILEで使えます）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="611"/>
        <source>check this computer&apos;s setup for Box Login, one line per check</source>
        <translation>Box Loginの動作環境を確認します（確認項目ごとに1行）</translation>
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
        <translation>Box Loginに必要なものを確認し、項目ごとに1行で判定（正常・警告・問題）を表示します。
問題がある場合は対処方法も表示します。確認するのは、設定ファイル（どのファイルか、その理由）、
戻り先アドレス（ポート）、パスワード保管庫、Boxへの接続経路（プロキシ、名前解決、安全な
接続とBoxの証明書の発行元、Boxのログインアドレス・アクセスキー発行アドレスとその応答速度）、
時計、そしてBoxがこのアプリを受け付けるかどうかです。
シークレットは一切表示せず、何も変更しません。Boxに接続できない場合でも、かかる時間は
最大で10秒ほどです。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="631"/>
        <source>a report to send to IT</source>
        <translation>IT担当者に送るレポート</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="638"/>
        <source>print the results as JSON (for IT and scripts)</source>
        <translation>結果をJSONで出力します（IT担当者やスクリプト向け）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="647"/>
        <source>keep your sign-ins alive while Box Login is closed (daily, by the system)</source>
        <translation>Box Loginを閉じている間もログインを維持します（システムが毎日実行）</translation>
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
        <translation>Boxでは、60日間使われなかったログインは終了されます。接続維持（keep-alive）は、
このコンピューター自身のスケジューラー（Linuxではsystemdのユーザータイマー、macOSでは
LaunchAgent、Windowsではタスク スケジューラのタスク）に、1日1回短い確認を実行させます。
ログインから{renew_after}日以上経過した接続済みアカウントをすべて更新し、それ以外の場合は
Boxに何も送信しません。ログインの期限が{remind_within}日以内に切れるとき、Boxがログインを
終了したとき、またはパスワード保管庫がロックされているときは、デスクトップ通知で
お知らせします。それ以外の時間にBox Loginが動くことはありません。
接続維持にはシステムのパスワード保管庫が必要です。暗号化ファイルでは、
パスフレーズがなければ更新できず、Box Loginはパスフレーズを保存しないためです。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="670"/>
        <source>turn it on</source>
        <translation>オンにします</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="672"/>
        <source>only remind me before a sign-in ends</source>
        <translation>ログインの期限が切れる前にお知らせだけします</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="674"/>
        <source>is it on, and how many days each sign-in has left</source>
        <translation>オンかどうかと、各ログインの残り日数を表示します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="676"/>
        <source>turn it off, reminders too</source>
        <translation>お知らせも含めてオフにします</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="680"/>
        <source>actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="694"/>
        <source>turn keep-alive on for this user (or replace what is installed)</source>
        <translation>このユーザーの接続維持をオンにします（インストール済みのものは置き換えます）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="697"/>
        <source>Turn keep-alive on for this user (or replace what is installed).</source>
        <translation>このユーザーの接続維持をオンにします（インストール済みのものは置き換えます）。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="704"/>
        <source>never renew: only remind me when a sign-in will end within {days} days</source>
        <translation>更新は行わず、ログインの期限が{days}日以内に切れるときにお知らせだけします</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="711"/>
        <source>turn keep-alive and its reminders off for this user</source>
        <translation>このユーザーの接続維持とお知らせをオフにします</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="712"/>
        <source>Turn keep-alive and its reminders off for this user.</source>
        <translation>このユーザーの接続維持とお知らせをオフにします。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="716"/>
        <source>say whether keep-alive is on, and the days left of each sign-in</source>
        <translation>接続維持がオンかどうかと、各ログインの残り日数を表示します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="719"/>
        <source>Say whether keep-alive is on, and the days left of each sign-in.</source>
        <translation>接続維持がオンかどうかと、各ログインの残り日数を表示します。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="726"/>
        <source>check now: renew what is due and show reminders (what the scheduler runs)</source>
        <translation>今すぐ確認します：更新時期を迎えたログインを更新し、お知らせを表示します（スケジューラーが実行する処理）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="730"/>
        <source>Check now: renew what is due and show reminders (what the scheduler runs).</source>
        <translation>今すぐ確認します：更新時期を迎えたログインを更新し、お知らせを表示します（スケジューラーが実行）。</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="738"/>
        <source>renew nothing; only show reminders</source>
        <translation>何も更新せず、お知らせだけを表示します</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../../gui/token_panel.py" line="132"/>
        <location filename="../../gui/token_panel.py" line="175"/>
        <source>Connect your Box account</source>
        <translation>Boxアカウントを接続しましょう</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="136"/>
        <source>Sign in to Box once. Box Login keeps the connection safe on this computer and renews it by itself, so your program can use your Box files.</source>
        <translation>Boxへのログインは一度だけで済みます。Box&#xa0;Loginが接続をこのコンピューターに安全に保管して自動で更新するので、お使いのプログラムからBoxのファイルを利用できます。</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="145"/>
        <location filename="../../gui/token_panel.py" line="146"/>
        <location filename="../../gui/token_panel.py" line="177"/>
        <source>Connect to Box</source>
        <translation>Boxに接続</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="164"/>
        <source>this account</source>
        <translation>このアカウント</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="165"/>
        <location filename="../../gui/token_panel.py" line="173"/>
        <source>Connect again</source>
        <translation>もう一度接続</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="168"/>
        <source>Box asked for a new sign-in for {who}. Connect again to continue; your program cannot use Box until you do.</source>
        <translation>Boxから{who}の再ログインを求められました。続けるにはもう一度接続してください。接続するまで、プログラムはBoxを利用できません。</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../../gui/demo.py" line="20"/>
        <source>Demo: sign in as ada@example.com with the password demo.</source>
        <extracomment>How to sign in to the pretend Box: said once, in the sign-in window, where it is needed (the pretend Box&apos;s own page does not repeat it, see ``default_sandbox_factory``).</extracomment>
        <translation>デモ：メールアドレス「ada@example.com」、パスワード「demo」でログインしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/demo.py" line="22"/>
        <source>You are trying the demo: a pretend Box runs on this computer, so nothing real is used.</source>
        <extracomment>The main window&apos;s message bar when the demo starts.</extracomment>
        <translation>デモを試しています。このコンピューター上のBoxの模擬環境なので、実際のデータは使われません。</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <location filename="../../core/doctor/box_app.py" line="76"/>
        <source>the app&apos;s Configuration page in the Box developer console</source>
        <extracomment>At most this many redirect URIs are checked with Box (each costs a request). The OAuth error codes an authorize error page may name (docs/box-oauth.md).</extracomment>
        <translation>Box開発者コンソールのアプリの［構成］ページ</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="81"/>
        <source>Box does not know this app: it refused the client ID (&quot;client_id&quot; in the settings, {client_id}).</source>
        <translation>Boxはこのアプリを認識していません。クライアントID（設定の「client_id」、{client_id}）が拒否されました。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="86"/>
        <source>Copy the Client ID again from {console}. If it is right, the app may not be enabled yet: ask your Box administrator.</source>
        <translation>{console}からクライアントIDをもう一度コピーしてください。IDが正しい場合は、アプリがまだ有効になっていない可能性があります。Box管理者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="94"/>
        <source>Box does not allow this app to sign in for this enterprise.</source>
        <translation>この企業（Enterprise）では、このアプリでのBoxへのログインが許可されていません。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="95"/>
        <source>Ask your Box administrator to authorize (enable) the app in the Admin Console.</source>
        <translation>Box管理者に、管理コンソールでアプリを承認（有効化）するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="102"/>
        <source>Box does not accept the return address {address} for this app.</source>
        <translation>Boxは、このアプリの戻り先アドレス{address}を受け付けません。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="105"/>
        <source>Register {address} exactly (same host, port and path) under OAuth 2.0 Redirect URIs on {console}, or remove it from &quot;redirect_uris&quot; in the settings.</source>
        <translation>{console}の「OAuth 2.0リダイレクトURI」に{address}を正確に（ホスト、ポート、パスまで同じにして）登録するか、設定の「redirect_uris」から削除してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="113"/>
        <source>Box does not accept the permissions asked for (&quot;scope&quot; in the settings: &quot;{scope}&quot;).</source>
        <translation>要求した権限（設定の「scope」：「{scope}」）がBoxで受け付けられません。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="118"/>
        <source>Ask only for scopes the app has ({console}), or leave &quot;scope&quot; out.</source>
        <translation>アプリに許可されているスコープ（{console}）だけを要求するか、「scope」を設定から外してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="124"/>
        <source>Box could not show its sign-in page right now.</source>
        <translation>Boxは現在、ログインページを表示できない状態です。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="125"/>
        <source>Wait a few minutes and run this again.</source>
        <translation>数分待ってから、もう一度確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="128"/>
        <source>Box answered its sign-in address with an error page ({code}), not its sign-in page.</source>
        <translation>Boxのログインアドレスから、ログインページではなくエラーページ（{code}）が返されました。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="133"/>
        <source>Box answered its sign-in address with an error page, not its sign-in page.</source>
        <translation>Boxのログインアドレスから、ログインページではなくエラーページが返されました。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="138"/>
        <source>Check &quot;client_id&quot; and &quot;redirect_uris&quot; in the settings against {console}. Your Box administrator may also need to authorize the app.</source>
        <translation>設定の「client_id」と「redirect_uris」が{console}の内容と一致しているか確認してください。Box管理者によるアプリの承認が必要な場合もあります。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="154"/>
        <source>Not checked: there are no usable settings (see Settings).</source>
        <translation>未確認：使用できる設定がありません（「設定」を参照）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="163"/>
        <source>Not checked: Box&apos;s sign-in address could not be reached (see above).</source>
        <translation>未確認：Boxのログインアドレスに接続できませんでした（上記を参照）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="166"/>
        <source>Fix the network first, then run this again.</source>
        <translation>先にネットワークの問題を解決してから、もう一度確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="192"/>
        <source>{summary} The sign-in works while {address} can be opened.</source>
        <translation>{summary}{address}を開ける限り、ログインには支障ありません。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="202"/>
        <source>Box answered its sign-in address (HTTP {status}) with a page Box Login does not recognise as its sign-in page.</source>
        <translation>Boxのログインアドレスから、Box Loginがログインページとして認識できないページが返されました（HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="207"/>
        <source>Sign in to see what it shows; if it is not Box&apos;s page, a proxy or firewall may be answering in Box&apos;s place: ask your IT team.</source>
        <translation>ログインして、何が表示されるか確認してください。Boxのページでない場合は、プロキシやファイアウォールがBoxの代わりに応答している可能性があります。IT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="216"/>
        <source>Box answers with its sign-in page for this app&apos;s client ID and return addresses {addresses}.</source>
        <translation>このアプリのクライアントIDと戻り先アドレス{addresses}に対して、Boxはログインページを返しています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/box_app.py" line="222"/>
        <source>Box answers with its sign-in page for this app&apos;s client ID and return address {addresses}.</source>
        <translation>このアプリのクライアントIDと戻り先アドレス{addresses}に対して、Boxはログインページを返しています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/context.py" line="221"/>
        <source>The settings could not be read ({error}).</source>
        <extracomment>(connect, read) seconds for each call to Box.</extracomment>
        <translation>設定を読み込めませんでした（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="72"/>
        <source>directly ({source})</source>
        <extracomment>Seconds a name lookup may take. An answer slower than this many seconds is a warning. Clock offsets (seconds) beyond which the clock check warns, and fails. A JWT assertion lives 30 seconds (core.jwt_assertion.LIFETIME) and Box accepts one at most 60 seconds ahead: a clock off by more than 30 seconds breaks JWT sign-ins.</extracomment>
        <translation>直接（{source}）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="74"/>
        <source>through the proxy {proxy} ({source})</source>
        <translation>プロキシ{proxy}経由（{source}）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="80"/>
        <source>{way} for the sign-in page</source>
        <translation>ログインページは{way}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="82"/>
        <source>{way} for the token calls</source>
        <translation>アクセスキーの取得は{way}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="101"/>
        <source>Box Login reaches Box {way}, for the sign-in page and the token calls alike.</source>
        <translation>Box LoginからBoxへの接続は、ログインページ、アクセスキーの取得とも{way}です。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="107"/>
        <source>Box Login reaches Box {first} and {second}.</source>
        <translation>Box LoginからBoxへの接続は、{first}、{second}です。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="111"/>
        <source>{way} It gives the proxy the user name and password from the HTTPS_PROXY environment variable.</source>
        <translation>{way}プロキシには、環境変数HTTPS_PROXYのユーザー名とパスワードを渡します。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="126"/>
        <source>{way} But {note}, so it connects directly.</source>
        <translation>{way}ただし、次の理由で直接接続しています：{note}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="129"/>
        <source>Check the proxy settings (the PAC file&apos;s address in the system&apos;s settings, or the HTTPS_PROXY variable), or ask your IT team.</source>
        <translation>プロキシの設定（システム設定のPACファイルのアドレス、または環境変数HTTPS_PROXY）を確認するか、IT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="187"/>
        <source>No name to look up: Box is reached at {hosts}.</source>
        <translation>名前解決は不要です。Boxへの接続先は{hosts}です。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="223"/>
        <source>the proxy server&apos;s name {host}</source>
        <translation>プロキシサーバー{host}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="228"/>
        <source>Looking up {name} did not finish within {seconds}.</source>
        <translation>{name}の名前解決が{seconds}以内に完了しませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="230"/>
        <source>The network&apos;s name service (DNS) is not answering: check the internet connection, or ask your IT team.</source>
        <translation>ネットワークの名前解決サービス（DNS）が応答していません。インターネット接続を確認するか、IT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="236"/>
        <source>Box Login could not find {name} on the network: the name does not resolve.</source>
        <translation>Box Loginはネットワーク上で{name}を見つけられませんでした（名前を解決できません）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="241"/>
        <source>Check the proxy&apos;s address with your IT team.</source>
        <translation>プロキシのアドレスをIT担当者に確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="243"/>
        <source>Check your internet connection and the Box addresses in the settings (base_url, oauth_2_url). On a network that reaches the internet only through a proxy, ask your IT team which proxy to use (&quot;proxy&quot; in the settings).</source>
        <translation>インターネット接続と、設定内のBoxのアドレス（base_url、oauth_2_url）を確認してください。プロキシ経由でしかインターネットに接続できないネットワークの場合は、使用するプロキシ（設定の「proxy」）をIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="253"/>
        <source>Found {hosts}.</source>
        <translation>{hosts}が見つかりました。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="256"/>
        <source>{hosts} is looked up by the proxy, not here.</source>
        <translation>{hosts}の名前解決は、このコンピューターではなくプロキシが行います。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="258"/>
        <source>{hosts} are looked up by the proxy, not here.</source>
        <translation>{hosts}の名前解決は、このコンピューターではなくプロキシが行います。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="283"/>
        <source>Not used: Box is reached over plain http at {hosts} (a stand-in on this computer, such as the sandbox).</source>
        <translation>対象外：Boxには暗号化なしのhttpで{hosts}に接続します（サンドボックスなど、このコンピューター上の模擬的なBox）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="316"/>
        <source>Not checked: {reason}</source>
        <translation>未確認：{reason}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="334"/>
        <source>issued by {issuer}</source>
        <translation>発行元：{issuer}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="336"/>
        <source>whose issuer could not be read</source>
        <translation>発行元を読み取れません</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="339"/>
        <source>Verified: the certificate was {by}, which is not a public certificate authority: the network appears to inspect secure connections. {trust} accepts it, so Box Login works here.</source>
        <translation>検証済み：証明書（{by}）は公開認証局が発行したものではありません。このネットワークでは安全な接続が検査されているようです。{trust}で受け入れられるため、この環境でもBox Loginは動作します。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="346"/>
        <source>Verified: the certificate was {by}, a public certificate authority.</source>
        <translation>検証済み：証明書（{by}）は公開認証局が発行したものです。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="350"/>
        <source>Verified: the certificate was {by}; {trust} accepts it.</source>
        <translation>検証済み：証明書（{by}）は{trust}で受け入れられています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="357"/>
        <source>The certificates that come with Box Login (this computer has no certificate store)</source>
        <translation>Box Loginに付属の証明書（このコンピューターには証明書ストアがありません）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="362"/>
        <source>This computer&apos;s certificate store</source>
        <translation>このコンピューターの証明書ストア</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="366"/>
        <source>{store}, with the &quot;ca_bundle&quot; file {file},</source>
        <translation>{store}と「ca_bundle」のファイル{file}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="430"/>
        <source>Box answered {url} with an error of its own (HTTP {status}): Box is having trouble right now.</source>
        <translation>Boxは{url}に対して、Box側のエラー（HTTP {status}）を返しました。Boxで現在問題が発生しています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="435"/>
        <source>Wait a few minutes and run this again. If it stays, a proxy or firewall may be answering in Box&apos;s place: ask your IT team.</source>
        <translation>数分待ってから、もう一度確認してください。それでも続く場合は、プロキシやファイアウォールがBoxの代わりに応答している可能性があります。IT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="450"/>
        <source>{summary} That is slow.</source>
        <translation>{summary}応答に時間がかかっています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="451"/>
        <source>Sign-ins may take long or time out: check the connection, or ask your IT team whether the proxy or firewall slows Box down.</source>
        <translation>ログインに時間がかかったり、タイムアウトしたりする可能性があります。接続を確認するか、プロキシやファイアウォールがBoxへの通信を遅くしていないかIT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="472"/>
        <source>{url} answered in {time} (HTTP {status}).</source>
        <translation>{url}から応答がありました（{time}、HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="474"/>
        <source>{url} answered through the proxy {proxy} in {time} (HTTP {status}).</source>
        <translation>{url}から、プロキシ{proxy}経由で応答がありました（{time}、HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="500"/>
        <source>no content type</source>
        <translation>Content-Typeなし</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="506"/>
        <source>{url} answered (HTTP {status}, {kind}), but not as Box&apos;s token address does: something between this computer and Box (a proxy or firewall) may be answering in its place.</source>
        <translation>{url}から応答がありました（HTTP {status}、{kind}）が、Boxのアクセスキー発行アドレスの応答とは異なります。このコンピューターとBoxの間にあるもの（プロキシやファイアウォール）が、Boxの代わりに応答している可能性があります。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="513"/>
        <source>{url} answered through the proxy {proxy} (HTTP {status}, {kind}), but not as Box&apos;s token address does: something between this computer and Box (a proxy or firewall) may be answering in its place.</source>
        <translation>{url}から、プロキシ{proxy}経由で応答がありました（HTTP {status}、{kind}）が、Boxのアクセスキー発行アドレスの応答とは異なります。このコンピューターとBoxの間にあるもの（プロキシやファイアウォール）が、Boxの代わりに応答している可能性があります。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="522"/>
        <source>Ask your IT team whether the network lets Box Login reach {host}.</source>
        <translation>ネットワークでBox Loginから{host}への接続が許可されているか、IT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="529"/>
        <source>{url} answered in {time} (HTTP {status}, as expected for a request without sign-in details).</source>
        <translation>{url}から応答がありました（{time}、HTTP {status}。ログイン情報を含まないリクエストに対する想定どおりの応答です）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="535"/>
        <source>{url} answered through the proxy {proxy} in {time} (HTTP {status}, as expected for a request without sign-in details).</source>
        <translation>{url}から、プロキシ{proxy}経由で応答がありました（{time}、HTTP {status}。ログイン情報を含まないリクエストに対する想定どおりの応答です）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="569"/>
        <source>{minutes} minutes</source>
        <translation>{minutes}分</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="571"/>
        <source>{hours} hours</source>
        <translation>{hours}時間</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="572"/>
        <source>{days} days</source>
        <translation>{days}日</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="576"/>
        <source>Set this computer&apos;s clock to update automatically (Windows: Settings, Time &amp; language, &quot;Set time automatically&quot;; macOS: System Settings, General, Date &amp; Time; Linux: timedatectl set-ntp true).</source>
        <extracomment>Translated where used.</extracomment>
        <translation>このコンピューターの時計が自動で合わせられるように設定してください（Windows：［設定］＞［時刻と言語］＞「時刻を自動的に設定する」、macOS：［システム設定］＞［一般］＞［日付と時刻］、Linux：「timedatectl set-ntp true」を実行）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="590"/>
        <source>Not checked: Box&apos;s answers carried no date to compare with.</source>
        <translation>未確認：Boxの応答に、比較できる日時が含まれていませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="591"/>
        <source>If a proxy answers in Box&apos;s place, ask your IT team (see above).</source>
        <translation>プロキシがBoxの代わりに応答している場合は、IT担当者にご確認ください（上記を参照）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="599"/>
        <source>This computer&apos;s clock agrees with Box&apos;s (within {seconds}).</source>
        <translation>このコンピューターの時計はBoxの時計と合っています（誤差{seconds}以内）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="605"/>
        <source>This computer&apos;s clock is {duration} ahead of Box&apos;s.</source>
        <translation>このコンピューターの時計はBoxより{duration}進んでいます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="607"/>
        <source>This computer&apos;s clock is {duration} behind Box&apos;s.</source>
        <translation>このコンピューターの時計はBoxより{duration}遅れています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="613"/>
        <source>{summary} Sign-ins with a JWT app configuration fail beyond {seconds}.</source>
        <translation>{summary}JWTのアプリ構成を使ったログインは、ずれが{seconds}を超えると失敗します。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="621"/>
        <source>{summary} Sign-ins with a JWT app configuration (the jwt command) fail when it is off by more than {seconds}, and times shown are wrong.</source>
        <translation>{summary}JWTのアプリ構成を使ったログイン（jwtコマンド）は、ずれが{seconds}を超えると失敗します。また、表示される時刻も正しくありません。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="642"/>
        <source>Not checked: Box could not be reached (see above).</source>
        <translation>未確認：Boxに接続できませんでした（上記を参照）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/network_checks.py" line="643"/>
        <source>Run this again when Box can be reached.</source>
        <translation>Boxに接続できるようになったら、もう一度確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="84"/>
        <source>Not used: --store memory keeps the sign-in only while Box Login runs.</source>
        <extracomment>Replaced in tests (a probe that hangs, say); called in a daemon thread.</extracomment>
        <translation>対象外：--store memoryでは、ログイン情報はBox Loginの実行中だけ保持されます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="88"/>
        <source>Not used: --store encrypted-file keeps the sign-in in a file.</source>
        <translation>対象外：--store encrypted-fileでは、ログイン情報はファイルに保管されます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="107"/>
        <location filename="../../core/doctor/password_store.py" line="196"/>
        <source>The password store did not answer within {seconds}.</source>
        <translation>パスワード保管庫から{seconds}以内に応答がありませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="119"/>
        <source>The password store could not be asked ({error}).</source>
        <translation>パスワード保管庫に問い合わせできませんでした（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="122"/>
        <source>Check that it is installed and running, then run this again.</source>
        <translation>パスワード保管庫がインストールされていて動作していることを確かめてから、もう一度確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="131"/>
        <source>{store} answers and is unlocked.</source>
        <translation>{store}は応答しており、ロックも解除されています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="137"/>
        <source>No password store was found on this computer, so Box Login cannot keep your sign-in there.</source>
        <translation>このコンピューターにパスワード保管庫が見つからないため、Box Loginはログイン情報を保管できません。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="142"/>
        <source>Install one (Debian/Ubuntu: sudo apt-get install gnome-keyring; or KWallet), or choose --store encrypted-file (a file protected by a passphrase).</source>
        <translation>パスワード保管庫をインストールする（Debian/Ubuntu：「sudo apt-get install gnome-keyring」、またはKWallet）か、--store encrypted-file（パスフレーズで保護されたファイル）を選んでください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="152"/>
        <source>{store} is locked: it will ask for your password when Box Login uses it.</source>
        <translation>{store}はロックされています。Box Loginが使うときにパスワードの入力を求められます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="155"/>
        <source>Unlock it (signing in to the desktop usually does), or just answer its prompt.</source>
        <translation>ロックを解除する（通常はデスクトップにログインすると解除されます）か、表示される入力画面に応答してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="164"/>
        <source>{store} has no default keyring yet: it will ask you to create one the first time Box Login keeps a sign-in.</source>
        <translation>{store}にはまだデフォルトのキーリングがありません。Box Loginが初めてログイン情報を保管するときに、作成を求められます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="169"/>
        <source>Nothing to do: answer its prompt (or create a default keyring in Passwords and Keys).</source>
        <translation>対処は不要です。表示される画面に応答してください（または「パスワードと鍵」でデフォルトのキーリングを作成してください）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="179"/>
        <source>{store} could not be reached ({reason}).</source>
        <translation>{store}に接続できませんでした（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="182"/>
        <source>Check that it is running (on Linux, gnome-keyring-daemon in your desktop session), then run this again; or choose --store encrypted-file.</source>
        <translation>動作していること（Linuxでは、デスクトップセッションでgnome-keyring-daemonが動いていること）を確かめてから、もう一度確認してください。または、--store encrypted-fileを選んでください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/password_store.py" line="206"/>
        <source>Its service may be stuck: sign out of the desktop and in again (or restart the computer), then run this again. Meanwhile --store encrypted-file keeps the sign-in in a file protected by a passphrase.</source>
        <translation>サービスが応答しなくなっている可能性があります。デスクトップからログアウトして再度ログインしてから（またはコンピューターを再起動してから）、もう一度確認してください。それまでの間は、--store encrypted-fileを使えば、パスフレーズで保護されたファイルにログイン情報を保管できます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="73"/>
        <source>Box Login&apos;s return addresses are free: {addresses}.</source>
        <translation>Box Loginの戻り先アドレス{addresses}は使用できます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="75"/>
        <source>Box Login&apos;s return address is free: {addresses}.</source>
        <translation>Box Loginの戻り先アドレス{addresses}は使用できます。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="79"/>
        <source>{sentences} The sign-in will use {address} instead.</source>
        <translation>{sentences}ログインには代わりに{address}を使います。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="85"/>
        <source>None of Box Login&apos;s return addresses can be opened. {sentences}</source>
        <translation>Box Loginの戻り先アドレスをどれも開けません。{sentences}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="88"/>
        <source>{fix} Or ask whoever administers the Box app to register another redirect URI (for example {example}) and add it to redirect_uris in Box Login&apos;s settings.</source>
        <translation>{fix}または、Boxアプリの管理者に別のリダイレクトURI（例：{example}）を登録してもらい、Box Loginの設定のredirect_urisに追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="102"/>
        <source>{program}, pid {pid}</source>
        <translation>{program}、PID {pid}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="112"/>
        <source>Box Login&apos;s return address {address} is reserved by Windows (excluded port range {first}-{last}, which Hyper-V, WSL or Docker reserve).</source>
        <translation>Box Loginの戻り先アドレス{address}はWindowsによって予約されています（Hyper-V、WSL、Dockerが予約する除外ポート範囲{first}-{last}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="119"/>
        <source>Box Login&apos;s return address {address} is taken by another program ({by}).</source>
        <translation>Box Loginの戻り先アドレス{address}は、別のプログラム（{by}）が使用しています。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="122"/>
        <source>Box Login&apos;s return address {address} is taken by another program (the system did not say which).</source>
        <translation>Box Loginの戻り先アドレス{address}は、別のプログラムが使用しています（どのプログラムかはシステムから取得できませんでした）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="127"/>
        <source>Box Login&apos;s return address {address} cannot be opened: {why}.</source>
        <translation>Box Loginの戻り先アドレス{address}を開けません（{why}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="136"/>
        <source>{program} (pid {pid})</source>
        <translation>{program}（PID {pid}）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="141"/>
        <source>the program that uses the port</source>
        <translation>そのポートを使用しているプログラム</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="144"/>
        <source>; a port Windows reserves can be seen with: netsh interface ipv4 show excludedportrange protocol=tcp</source>
        <translation>（Windowsが予約しているポートは「netsh interface ipv4 show excludedportrange protocol=tcp」で確認できます）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="150"/>
        <source>Nothing needs doing now. To free it: close {what}{note}.</source>
        <translation>今は対処の必要はありません。ポートを空けるには、{what}を終了してください{note}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="153"/>
        <source>Close {what}{note}, then try again.</source>
        <translation>{what}を終了してから、もう一度お試しください{note}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="53"/>
        <source>Secure connection to {host}</source>
        <translation>{host}への安全な接続</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="72"/>
        <source>Settings</source>
        <extracomment>The checks&apos; titles, translated where shown (CheckResult.title).</extracomment>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="73"/>
        <source>Return addresses</source>
        <translation>戻り先アドレス</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="74"/>
        <source>Password store</source>
        <translation>パスワード保管庫</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="75"/>
        <source>Proxy</source>
        <translation>プロキシ</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="76"/>
        <source>Name lookup</source>
        <translation>名前解決</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="77"/>
        <source>Secure connection</source>
        <translation>安全な接続</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="78"/>
        <source>Box sign-in address</source>
        <translation>Boxのログインアドレス</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="79"/>
        <source>Box token address</source>
        <translation>Boxのアクセスキー発行アドレス</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="80"/>
        <source>Clock</source>
        <translation>時計</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="81"/>
        <source>Box app</source>
        <translation>Boxアプリ</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="88"/>
        <source>ok</source>
        <extracomment>Every check&apos;s name (the part before &quot;:&quot; of &quot;tls:host&quot;), in the order run_checks reports them. The verdicts as a person reads them in the report (doctor --json keeps Verdict&apos;s values).</extracomment>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="89"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="90"/>
        <source>problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="112"/>
        <source>1 second</source>
        <translation>1秒</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="113"/>
        <source>{seconds} seconds</source>
        <translation>{seconds}秒</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="140"/>
        <source>Fix: {fix}</source>
        <translation>対処方法：{fix}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="142"/>
        <source>{title}: {summary}</source>
        <translation>{title}：{summary}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="148"/>
        <source>as above.</source>
        <translation>上記と同じです。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="160"/>
        <source>All {count} checks are ok.</source>
        <translation>{count}項目すべて正常です。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="162"/>
        <source>1 problem</source>
        <translation>問題1件</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="164"/>
        <source>{problems} problems</source>
        <translation>問題{problems}件</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="167"/>
        <source>1 warning</source>
        <translation>警告1件</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="169"/>
        <source>{warnings} warnings</source>
        <translation>警告{warnings}件</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="172"/>
        <source>{problems} in {count} checks.</source>
        <translation>{count}項目を確認：{problems}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="174"/>
        <source>{warnings} in {count} checks.</source>
        <translation>{count}項目を確認：{warnings}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/results.py" line="176"/>
        <source>{problems} and {warnings} in {count} checks.</source>
        <translation>{count}項目を確認：{problems}、{warnings}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="134"/>
        <source>The check itself failed ({error}).</source>
        <extracomment>Seconds after which ``run_checks`` returns whatever has not finished as a problem. Seconds from the start after which the check counts as not finished (None: the overall deadline only), and what to say then.</extracomment>
        <translation>確認処理そのものが失敗しました（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="137"/>
        <source>Run it again with --verbose and report what it shows.</source>
        <translation>--verboseを付けてもう一度実行し、表示された内容を報告してください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="159"/>
        <source>Did not finish within {seconds}.</source>
        <translation>{seconds}以内に完了しませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/runner.py" line="162"/>
        <source>The network may be very slow or silently dropping connections: check the connection, or ask your IT team.</source>
        <translation>ネットワークが非常に遅いか、通知なしに接続が切断されている可能性があります。接続を確認するか、IT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="37"/>
        <source>named by --config</source>
        <translation>--configで指定</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="39"/>
        <source>named by the {variable} environment variable</source>
        <translation>環境変数{variable}で指定</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="43"/>
        <source>your own settings file</source>
        <translation>ご自身の設定ファイル</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="45"/>
        <source>the system-wide settings file an administrator installs</source>
        <translation>管理者がインストールするシステム全体の設定ファイル</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="57"/>
        <source>{place} ({role})</source>
        <translation>{place}（{role}）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="60"/>
        <source>{earlier}; {next}</source>
        <translation>{earlier}、{next}</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="78"/>
        <source>Box Login is not set up for a Box app yet: there is no settings file. It looked, in this order, at: {places}.</source>
        <translation>Box LoginはまだBoxアプリ用に設定されていません（設定ファイルがありません）。次の場所をこの順に探しました：{places}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="83"/>
        <source>Ask whoever gave you Box Login for its settings file, and save it as {file} (or name it with --config).</source>
        <translation>Box Loginを提供した担当者から設定ファイルを受け取り、{file}として保存してください（または--configで指定してください）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="100"/>
        <source>{why}; nothing at {places}, which come first</source>
        <translation>{why}。優先される{places}にはファイルがありません</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="106"/>
        <source>settings built in code</source>
        <translation>コード内で定義された設定</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="126"/>
        <source>it has {keys}, which Box Login does not know and ignores</source>
        <translation>このファイルにはBox Loginが認識しない{keys}が含まれており、無視されます</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="131"/>
        <source>Check the spelling of {keys} (the keys are {known}).</source>
        <translation>{keys}のつづりを確認してください（使用できるキーは{known}です）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="141"/>
        <source>its return address {address} uses &quot;localhost&quot;; 127.0.0.1 is recommended</source>
        <translation>戻り先アドレス{address}で「localhost」が使われています（127.0.0.1を推奨）</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="146"/>
        <source>Register {address} in the Box developer console and use it in the settings instead: 127.0.0.1 always means this computer, &quot;localhost&quot; depends on its setup.</source>
        <translation>Box開発者コンソールで{address}を登録し、設定でもこちらを使ってください。127.0.0.1は常にこのコンピューターを指しますが、「localhost」が何を指すかはコンピューターの設定によって異なります。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="152"/>
        <source>Using {file} ({why}).</source>
        <translation>{file}を使用しています（{why}）。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="154"/>
        <source>{summary} But {notes}.</source>
        <translation>{summary}ただし、{notes}。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/settings_check.py" line="155"/>
        <source>{earlier}; and {next}</source>
        <translation>{earlier}。また、{next}</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="156"/>
        <location filename="../../gui/doctor_dialog.py" line="172"/>
        <source>Check my setup</source>
        <translation>動作環境を確認</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="175"/>
        <source>Box Login checks what it needs on this computer and on the way to Box. It changes nothing, here or at Box.</source>
        <translation>Box&#xa0;Loginが、このコンピューター上とBoxへの接続経路で必要なものを確認します。このコンピューターでもBoxでも、何も変更しません。</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="181"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="186"/>
        <source>Checking</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="198"/>
        <source>Checks</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="201"/>
        <location filename="../../gui/doctor_dialog.py" line="202"/>
        <source>Run again</source>
        <translation>もう一度確認</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="204"/>
        <location filename="../../gui/doctor_dialog.py" line="205"/>
        <source>Copy report</source>
        <translation>レポートをコピー</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="206"/>
        <source>Copy the results as text, for example to send to IT.</source>
        <translation>結果をテキストとしてコピーします（IT担当者に送る場合など）。</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="208"/>
        <location filename="../../gui/doctor_dialog.py" line="209"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="250"/>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="283"/>
        <source>{summary} The report is on the clipboard.</source>
        <translation>{summary}レポートをクリップボードにコピーしました。</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="331"/>
        <source>The checks could not run: {reason}</source>
        <translation>確認を実行できませんでした：{reason}</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../gui/token_panel.py" line="107"/>
        <source>{hours} h {minutes} min</source>
        <extracomment>The long date&apos;s pattern in each language (QLocale&apos;s own long format adds the weekday).</extracomment>
        <translation>{hours}時間{minutes}分</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="111"/>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes}分{seconds}秒</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="114"/>
        <source>{seconds} s</source>
        <translation>{seconds}秒</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../core/errors.py" line="106"/>
        <source>Something went wrong in Box Login.</source>
        <extracomment>``--smoke-test``: no usable password store and no explicit alternative chosen. ``--smoke-test``: the embedded browser could not load a page or run JavaScript.</extracomment>
        <translation>Box Loginで問題が発生しました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="135"/>
        <source>Box Login&apos;s settings are missing or invalid.</source>
        <extracomment>Suggested exit status for the command line (see README, &quot;Exit codes&quot;).</extracomment>
        <translation>Box Loginの設定がないか、正しくありません。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="144"/>
        <source>Box Login is not set up for a Box app yet. Ask whoever gave you this program for its settings file, or try the demo.</source>
        <translation>Box LoginはまだBoxアプリ用に設定されていません。このプログラムを提供した担当者に設定ファイルを送ってもらうか、デモを試してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="154"/>
        <source>The Box app configuration file could not be used.</source>
        <translation>Boxアプリの構成ファイルを使用できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="165"/>
        <source>Box could not be reached. Check your internet connection and try again.</source>
        <translation>Boxに接続できませんでした。インターネット接続を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="184"/>
        <source>Box did not answer in time. Check your internet connection and try again.</source>
        <extracomment>False when the request certainly never reached Box (the connection was refused, or could not be set up or secured): a single-use refresh token sent with it is unused.</extracomment>
        <translation>Boxから時間内に応答がありませんでした。インターネット接続を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="193"/>
        <source>The secure connection to Box could not be verified. If you are on a company network, ask your IT team whether a proxy intercepts secure connections.</source>
        <translation>Boxとの安全な接続を検証できませんでした。社内ネットワークをお使いの場合は、プロキシが安全な接続を中継・検査していないかIT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="209"/>
        <source>The secure connection to Box could not be verified: this computer does not trust the certificate it was shown. On a company network, ask your IT team for the company&apos;s certificate authority.</source>
        <translation>Boxとの安全な接続を検証できませんでした。提示された証明書を、このコンピューターが信頼していません。社内ネットワークの場合は、会社の認証局の証明書をIT担当者から入手してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="247"/>
        <source>Box&apos;s server could not be found on the network (its name did not resolve). Check your internet connection and the Box addresses in the settings.</source>
        <translation>Boxのサーバーがネットワーク上で見つかりませんでした（名前を解決できませんでした）。インターネット接続と、設定にあるBoxのアドレスを確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="260"/>
        <source>Box&apos;s server refused the connection, so the request never reached Box. Try again in a minute; if it keeps happening, a firewall may be blocking Box Login.</source>
        <translation>Boxのサーバーが接続を拒否したため、要求はBoxに届いていません。1分ほど待ってからもう一度お試しください。繰り返し発生する場合は、ファイアウォールがBox Loginをブロックしている可能性があります。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="277"/>
        <source>The proxy server could not be used. Check the proxy settings, or ask your IT team which proxy to use.</source>
        <translation>プロキシサーバーを使用できませんでした。プロキシの設定を確認するか、使用するプロキシをIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="309"/>
        <source>The proxy server needs a user name and password (HTTP 407). Ask your IT team for them.</source>
        <translation>プロキシサーバーへのログインにユーザー名とパスワードが必要です（HTTP 407）。IT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="321"/>
        <source>Box answered with an error.</source>
        <translation>Boxからエラーが返されました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="364"/>
        <source>Box is having trouble right now. Wait a minute and try again.</source>
        <translation>Boxで現在問題が発生しています。1分ほど待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="374"/>
        <source>Box is receiving too many requests from this app. Wait a minute and try again.</source>
        <translation>このアプリからBoxへの要求が多すぎます。1分ほど待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="382"/>
        <source>Box refused the request.</source>
        <translation>Boxが要求を拒否しました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="388"/>
        <source>Box no longer accepts this access token. Sign in again.</source>
        <translation>このアクセスキーはBoxで無効になっています。もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="398"/>
        <source>Box refused to sign you in.</source>
        <translation>Boxでログインが拒否されました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="408"/>
        <source>Box rejected the app&apos;s client ID or client secret.</source>
        <extracomment>The OAuth ``error`` code this class stands for (None for the generic class).</extracomment>
        <translation>BoxでアプリのクライアントIDまたはクライアントシークレットが拒否されました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="413"/>
        <source>Ask whoever gave you this app to check its settings.</source>
        <translation>このアプリを提供した担当者に、アプリの設定を確認するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="422"/>
        <source>Box no longer accepts this sign-in. Sign in again.</source>
        <translation>このログインはBoxで無効になっています。もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="432"/>
        <source>This app is not authorized by your company&apos;s Box administrator.</source>
        <translation>このアプリは、会社のBox管理者に承認されていません。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="437"/>
        <source>Ask your Box administrator to authorize the app.</source>
        <translation>Box管理者に、アプリを承認するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="444"/>
        <source>Box did not understand the sign-in request.</source>
        <translation>Boxがログインの要求を解釈できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="452"/>
        <source>The app&apos;s return address does not match what is registered at Box.</source>
        <translation>アプリの戻り先アドレスが、Boxに登録されているものと一致しません。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="457"/>
        <source>Ask whoever administers the Box app to add this program&apos;s redirect URI in the Box developer console.</source>
        <translation>Boxアプリの管理者に、このプログラムのリダイレクトURIをBox開発者コンソールで追加するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="468"/>
        <source>You declined to give the app access to your Box account.</source>
        <translation>Boxアカウントへのアクセスをアプリに許可しませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="478"/>
        <source>The app asked Box for permissions it does not have.</source>
        <translation>アプリが、許可されていない権限をBoxに要求しました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="483"/>
        <source>Ask whoever administers the Box app to check its scopes.</source>
        <translation>Boxアプリの管理者に、アプリのスコープを確認するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="515"/>
        <source>Signing in to Box did not finish.</source>
        <translation>Boxへのログインが完了しませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="523"/>
        <source>Signing in took too long, so Box Login stopped waiting. Try again.</source>
        <translation>ログインに時間がかかりすぎたため、Box Loginは待機を終了しました。もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="531"/>
        <source>Signing in was cancelled.</source>
        <translation>ログインがキャンセルされました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="539"/>
        <source>The answer that came back did not belong to this sign-in, so it was ignored.</source>
        <translation>返ってきた応答はこのログインのものではなかったため、無視しました。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="547"/>
        <location filename="../../core/loopback/addresses.py" line="52"/>
        <source>Box Login could not open any of its registered return addresses on this computer.</source>
        <extracomment>The machine has no such address (or no IPv6 at all): nobody can listen there, so nobody can take a sign-in sent there either.</extracomment>
        <translation>Box Loginは、登録された戻り先アドレスをこのコンピューター上で1つも開けませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="558"/>
        <source>You need to sign in to Box.</source>
        <translation>Boxへのログインが必要です。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="579"/>
        <source>You are not signed in to Box. Sign in first.</source>
        <extracomment>The profile that has no usable sign-in: a face (the command line, the window) says how to sign in for it; core&apos;s message states only the fact. Who was signed in there, when known.</extracomment>
        <translation>Boxにログインしていません。先にログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="585"/>
        <source>Your Box sign-in has ended. Sign in again.</source>
        <translation>Boxへのログインの有効期限が切れました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="594"/>
        <source>Box Login could not use the place where it keeps your sign-in.</source>
        <translation>Box Loginは、ログイン情報の保管場所を使用できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="604"/>
        <source>This computer has no password store (keyring) that Box Login can use.</source>
        <translation>このコンピューターには、Box Loginが使えるパスワード保管庫（keyring）がありません。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="612"/>
        <source>A value is too large for the system password store.</source>
        <translation>システムのパスワード保管庫に保存するには、値が大きすぎます。</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="621"/>
        <source>The system password store is locked. Unlock it (for example by signing in to your desktop) and try again.</source>
        <translation>システムのパスワード保管庫がロックされています。ロックを解除して（デスクトップにログインするなど）、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="77"/>
        <source>Box could not be reached, so your sign-in was not ended at Box.</source>
        <extracomment>How long a process waits for another one that is refreshing the same profile. A refresh is at most a few requests with timeouts and one Retry-After wait, well under this. Told who signed in (the new StoredToken) just before it is saved.</extracomment>
        <translation>Boxに接続できなかったため、Box側でログインを終了できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="85"/>
        <source>Another Box Login is renewing this sign-in and has not finished. Try again soon.</source>
        <translation>別のBox Loginがこのログインを更新中で、まだ完了していません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="101"/>
        <source>That profile name cannot be used. Use letters, digits and . _ @ + - (up to 64).</source>
        <extracomment>Largest value written to one keyring entry. Windows Credential Manager refuses more than 2,560 bytes per secret; staying well under leaves room for the backend&apos;s own overhead.</extracomment>
        <translation>そのプロファイル名は使用できません。英字、数字、. _ @ + - を使ってください（最大64文字）。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="111"/>
        <source>The passphrase does not open the encrypted token file. Check it and try again.</source>
        <translation>このパスフレーズでは暗号化ファイルを開けません。パスフレーズを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="118"/>
        <source>Box Login&apos;s settings file could not be used.</source>
        <extracomment>The hosts Box accepts in a plain-http redirect URI (docs/box-oauth.md, &quot;Redirect URIs&quot;): the one list the settings check, the loopback listener and the sandbox use.</extracomment>
        <translation>Box Loginの設定ファイルを使用できませんでした。</translation>
    </message>
</context>
<context>
    <name>ExitCodes</name>
    <message>
        <location filename="../../core/errors.py" line="66"/>
        <source>done</source>
        <extracomment>Every exit status of the command line and what it means: the one list that ``--help``, the README&apos;s table and the error classes&apos; ``exit_code`` follow (a test checks all three). The meanings are marked for translation: ``translate(&quot;ExitCodes&quot;, meaning)`` where shown.</extracomment>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="67"/>
        <source>something unexpected went wrong</source>
        <translation>予期しない問題が発生した</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="68"/>
        <source>the command line was not understood</source>
        <translation>コマンドラインを解釈できなかった</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="71"/>
        <source>the settings are missing or wrong, or the Box app is set up wrongly</source>
        <translation>設定がない、設定に誤りがある、またはBoxアプリの設定が正しくない</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="77"/>
        <source>you need to sign in (again), or the sign-in was declined or did not finish</source>
        <translation>ログイン（再ログイン）が必要、またはログインが拒否されたか完了しなかった</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="82"/>
        <source>Box could not be reached, or is having trouble</source>
        <translation>Boxに接続できなかった、またはBoxで問題が発生している</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="83"/>
        <source>the password store (keyring) could not be used</source>
        <translation>パスワード保管庫（keyring）を使用できなかった</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="84"/>
        <source>(--smoke-test only) the embedded browser could not start</source>
        <translation>（--smoke-testのみ）埋め込みブラウザーを起動できなかった</translation>
    </message>
    <message>
        <location filename="../../core/errors.py" line="85"/>
        <source>cancelled (Ctrl-C)</source>
        <translation>キャンセルされた（Ctrl-C）</translation>
    </message>
</context>
<context>
    <name>Failure</name>
    <message>
        <location filename="../../gui/failure.py" line="15"/>
        <source>Something unexpected went wrong. Please try again.</source>
        <translation>予期しない問題が発生しました。もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../gui/first_run.py" line="74"/>
        <source>Welcome to Box Login</source>
        <translation>Box&#xa0;Loginへようこそ</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="78"/>
        <source>Box Login connects your Box account to a program on this computer. You sign in to Box once; Box Login keeps the connection safe and renews it for you.</source>
        <translation>Box&#xa0;Loginは、お使いのBoxアカウントをこのコンピューター上のプログラムに接続します。Boxへのログインは一度だけで、接続の安全な保管と更新はBox&#xa0;Loginが行います。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="86"/>
        <source>This copy of Box Login is not set up yet: it does not know which program should get access. Whoever gave you Box Login can send you a settings file.</source>
        <translation>このBox&#xa0;Loginはまだ設定されていないため、どのプログラムにアクセスを許可するかがわかりません。Box&#xa0;Loginを提供した担当者に設定ファイルを送ってもらってください。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="93"/>
        <source>Try the demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="96"/>
        <source>Runs a pretend Box on this computer so you can see how signing in works. No Box account needed.</source>
        <translation>このコンピューター上で模擬的なBoxを動かし、ログインの流れを体験できます。Boxアカウントは不要です。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="102"/>
        <source>No Box account needed: a pretend Box runs on this computer.</source>
        <translation>Boxアカウントは不要です。模擬的なBoxがこのコンピューター上で動きます。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="105"/>
        <location filename="../../gui/first_run.py" line="146"/>
        <source>Set up…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="108"/>
        <source>For the person who manages the program: enter its Box app details or open a settings file.</source>
        <translation>プログラムの管理者向け：Boxアプリの情報を入力するか、設定ファイルを開きます。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="137"/>
        <source>Box Login&apos;s settings could not be read</source>
        <translation>Box&#xa0;Loginの設定を読み込めませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="141"/>
        <source>Whoever gave you Box Login can send you a new settings file. Open it with “Set up…”, or try the demo meanwhile.</source>
        <translation>Box&#xa0;Loginを提供した担当者に新しい設定ファイルを送ってもらい、「設定…」から開いてください。それまでの間、デモを試すこともできます。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="160"/>
        <location filename="../../gui/first_run.py" line="181"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="163"/>
        <source>Shows or hides the technical details</source>
        <translation>技術的な詳細の表示・非表示を切り替えます</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="167"/>
        <source>Technical details</source>
        <translation>技術的な詳細</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="181"/>
        <source>Hide details</source>
        <translation>詳細を隠す</translation>
    </message>
</context>
<context>
    <name>Grammar</name>
    <message>
        <location filename="../../core/translation.py" line="146"/>
        <source>{earlier} {next}</source>
        <extracomment>The languages Box Login ships, English first (the source language). Where the ``.ts`` sources and the built ``.qm`` files live (also inside the installed bundle). The catalogue&apos;s base name: box-login_de.qm. The window&apos;s remembered choice: QSettings(IniFormat, UserScope, &quot;Box Login&quot;, &quot;window&quot;), key ``language`` in its [General] group.</extracomment>
        <translation>{earlier}{next}</translation>
    </message>
    <message>
        <location filename="../../core/translation.py" line="154"/>
        <source>{earlier}, {next}</source>
        <translation>{earlier}、{next}</translation>
    </message>
    <message>
        <location filename="../../core/translation.py" line="156"/>
        <source>{items} or {last}</source>
        <translation>{items}または{last}</translation>
    </message>
    <message>
        <location filename="../../core/translation.py" line="158"/>
        <source>{items} and {last}</source>
        <translation>{items}、{last}</translation>
    </message>
</context>
<context>
    <name>KeepAlive</name>
    <message>
        <location filename="../../gui/keepalive_control.py" line="31"/>
        <source>Box ends a connection that goes unused for 60 days. So that yours keeps working while Box Login is closed, your computer now runs a short check once a day: when the connection is more than 30 days old, it renews it (nothing else is sent). If it cannot, you get a reminder a week before the end. You can turn this off here.</source>
        <extracomment>Said once, under the switch, when the window turns keep-alive on after the first sign-in.</extracomment>
        <translation>Boxは、60日間使われていない接続を終了します。Box&#xa0;Loginを閉じていても接続が切れないよう、このコンピューターが1日に1回短い確認を行い、接続から30日以上経っていれば更新します（それ以外の情報は送信しません）。更新できない場合は、期限の1週間前にお知らせします。この設定はここでオフにできます。</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="39"/>
        <source>Once a day, your computer renews the connection when it is more than 30 days old.</source>
        <extracomment>Under the switch, afterwards.</extracomment>
        <translation>接続から30日以上経つと、このコンピューターが1日1回自動で更新します。</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="42"/>
        <source>Off: Box Login reminds you a week before the connection ends.</source>
        <translation>オフ：接続が切れる1週間前にBox&#xa0;Loginからお知らせします。</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="46"/>
        <source>Off: nothing checks the connection while Box Login is closed.</source>
        <extracomment>Turned off altogether (&quot;box-login keep-alive uninstall&quot;): not even reminders.</extracomment>
        <translation>オフ：Box&#xa0;Loginを閉じている間は、接続の確認は行われません。</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="49"/>
        <source>Not available with an encrypted file: renewing needs your passphrase, which Box Login never keeps. Open Box Login at least once every 60 days.</source>
        <translation>暗号化ファイルでは利用できません。更新にはパスフレーズが必要ですが、Box&#xa0;Loginはパスフレーズを保存しないためです。60日に1回以上はBox&#xa0;Loginを開いてください。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="128"/>
        <source>Keep-alive is not available with an encrypted token file: renewing needs your passphrase, and Box Login never keeps it, so nothing can renew while you are away.</source>
        <extracomment>Renew a profile whose refresh token is older than this. Why 30 days, half of Box&apos;s 60: the scheduler runs the job about once a day, but a laptop may be off or away from the network for weeks (holidays), and a renewal may fail for days (Box or the proxy down, the password store locked). Renewing at 30 days leaves 30 days, some 30 daily attempts, before the sign-in ends, and the reminder a week before the end (``REMIND_WITHIN``) comes only after three weeks of failures. Renewing sooner would change nothing for a profile in use (every renewal by the window or ``token`` makes the refresh token new again, so the job finds nothing due and sends nothing) and would only rotate an idle profile&apos;s refresh token more often: each rotation is a keyring write and a moment where Box has taken the old token. At 30 days an idle profile is renewed about twice in 60 days. Remind the person when a sign-in that is not being renewed ends within this. Box&apos;s refresh token lifetime (``core.stored_token.REFRESH_TOKEN_LIFETIME``), repeated here so that this module does not import the store (and keyring) to decide what is due.</extracomment>
        <translation>暗号化ファイルでは、接続維持を利用できません。更新にはパスフレーズが必要ですが、Box Loginはパスフレーズを保存しないため、不在の間は何も更新できません。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="134"/>
        <source>Use the system password store (keyring) to keep the connection alive, or use Box Login at least once every 60 days.</source>
        <translation>接続を維持するには、システムのパスワード保管庫（keyring）を使うか、60日に1回以上Box Loginを使ってください。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="141"/>
        <source>Keep-alive is not available when the sign-in is kept in memory only: it is gone when Box Login closes.</source>
        <translation>ログイン情報をメモリ上にのみ保持している場合、接続維持は利用できません。Box Loginを閉じると消去されるためです。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="146"/>
        <source>Use the system password store (keyring).</source>
        <translation>システムのパスワード保管庫（keyring）を使ってください。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="189"/>
        <source>less than a day left</source>
        <translation>残り1日未満</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="191"/>
        <source>1 day left</source>
        <translation>残り1日</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="192"/>
        <source>{days} days left</source>
        <translation>残り{days}日</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="384"/>
        <source>{login} (profile {profile})</source>
        <extracomment>Younger than ``RENEW_AFTER``: nothing sent. Renewed at Box. Due when read, but another process renewed it before the lock was ours. Due, not renewed: the run was told to remind only. Box no longer accepts the sign-in (or it reached its 60 days): sign in again. The sign-in had already ended before this run. The renewal failed (network, Box, settings); the next run tries again.</extracomment>
        <translation>{login}（プロファイル「{profile}」）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="390"/>
        <source>your Box account</source>
        <translation>お使いのBoxアカウント</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="391"/>
        <source>profile {profile}</source>
        <translation>プロファイル「{profile}」</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="396"/>
        <source>January</source>
        <extracomment>The months&apos; names, translated where shown (the system&apos;s locale is not the chosen language).</extracomment>
        <translation>1月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="397"/>
        <source>February</source>
        <translation>2月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="398"/>
        <source>March</source>
        <translation>3月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="399"/>
        <source>April</source>
        <translation>4月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="400"/>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="401"/>
        <source>June</source>
        <translation>6月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="402"/>
        <source>July</source>
        <translation>7月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="403"/>
        <source>August</source>
        <translation>8月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="404"/>
        <source>September</source>
        <translation>9月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="405"/>
        <source>October</source>
        <translation>10月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="406"/>
        <source>November</source>
        <translation>11月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="407"/>
        <source>December</source>
        <translation>12月</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="414"/>
        <source>{day} {month}</source>
        <translation>{month}{day}日</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="423"/>
        <location filename="../../core/keepalive.py" line="478"/>
        <source>Box Login could not renew your Box connection</source>
        <translation>Box LoginはBoxの接続を更新できませんでした</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="425"/>
        <source>The connection for {who} ends today ({date}).</source>
        <translation>{who}の接続は今日（{date}）で終了します。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="430"/>
        <source>The connection for {who} ends in 1 day ({date}).</source>
        <translation>{who}の接続はあと1日（{date}）で終了します。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="435"/>
        <source>The connection for {who} ends in {days} days ({date}).</source>
        <translation>{who}の接続はあと{days}日（{date}）で終了します。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="441"/>
        <source>Your Box connection ends today</source>
        <translation>Boxの接続は今日で終了します</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="443"/>
        <source>Your Box connection ends in 1 day</source>
        <translation>Boxの接続はあと1日で終了します</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="445"/>
        <source>Your Box connection ends in {days} days</source>
        <translation>Boxの接続はあと{days}日で終了します</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="446"/>
        <source>Box ends the connection for {who} on {date} unless it is used. Open Box Login to renew it, or turn on “Keep me connected even when Box Login is closed”.</source>
        <translation>{who}の接続は、使われないままだと{date}にBoxによって終了されます。更新するには、Box Loginを開くか、「Box Loginを閉じているときも接続を維持する」をオンにしてください。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="455"/>
        <source>Box Login tries again every day; open it to renew now.</source>
        <translation>Box Loginは毎日再試行します。今すぐ更新するには、Box Loginを開いてください。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="464"/>
        <source>Your Box connection has ended</source>
        <translation>Boxの接続が終了しました</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="465"/>
        <source>Box no longer accepts the sign-in for {who}: an administrator may have removed the access, the password may have changed, or it went unused for 60 days. Open Box Login to connect again; your programs cannot use Box until you do.</source>
        <translation>Boxは{who}のログインを受け付けなくなりました。管理者がアクセスを削除したか、パスワードが変更されたか、60日間使われなかった可能性があります。もう一度接続するには、Box Loginを開いてください。接続するまで、プログラムはBoxを利用できません。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="479"/>
        <source>The password store ({store}) is locked, so Box Login could not renew your Box connection. Unlock it, for example by signing in to your desktop again; Box Login tries again tomorrow.</source>
        <translation>パスワード保管庫（{store}）がロックされているため、Box LoginはBoxの接続を更新できませんでした。デスクトップにもう一度ログインするなどして、ロックを解除してください。Box Loginは明日もう一度試します。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="542"/>
        <source>Box Login is not set up for a Box app.</source>
        <translation>Box LoginはBoxアプリ用に設定されていません。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="616"/>
        <source>Box no longer accepts this sign-in.</source>
        <translation>Boxはこのログインを受け付けなくなりました。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="643"/>
        <source>The password store is locked: nothing was checked or renewed.</source>
        <translation>パスワード保管庫がロックされています。何も確認・更新していません。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="651"/>
        <source>{profile}: {outcome}</source>
        <translation>{profile}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="653"/>
        <source>No connected accounts.</source>
        <translation>接続済みのアカウントはありません。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="659"/>
        <source>Box ended this sign-in: sign in again</source>
        <translation>Boxがこのログインを終了しました（再ログインが必要です）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="661"/>
        <source>needs to sign in again</source>
        <translation>再ログインが必要です</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="664"/>
        <source>not due ({left})</source>
        <translation>更新時期ではありません（{left}）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="665"/>
        <source>renewed ({left})</source>
        <translation>更新しました（{left}）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="666"/>
        <source>already renewed by another Box Login ({left})</source>
        <translation>別のBox Loginで更新済みです（{left}）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="669"/>
        <source>due, not renewed: reminders only ({left})</source>
        <translation>更新時期ですが、お知らせのみのため更新していません（{left}）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="672"/>
        <source>could not renew ({left}): {detail}</source>
        <translation>更新できませんでした（{left}）：{detail}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="675"/>
        <source>not due</source>
        <translation>更新時期ではありません</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="676"/>
        <source>renewed</source>
        <translation>更新しました</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="677"/>
        <source>already renewed by another Box Login</source>
        <translation>別のBox Loginで更新済みです</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="678"/>
        <source>due, not renewed: reminders only</source>
        <translation>更新時期ですが、お知らせのみのため更新していません</translation>
    </message>
    <message>
        <location filename="../../core/keepalive.py" line="679"/>
        <source>could not renew: {detail}</source>
        <translation>更新できませんでした：{detail}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="88"/>
        <source>XDG autostart entry, run at each desktop sign-in</source>
        <extracomment>The desktop entry of the installed app (packaging/linux/com.example.BoxLogin.desktop). Our entries say so in their first line; uninstall removes only files that do.</extracomment>
        <translation>XDG自動起動エントリ（デスクトップへのログインごとに実行）</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="92"/>
        <source>systemd user timer {timer}</source>
        <translation>systemdのユーザータイマー{timer}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="96"/>
        <source>LaunchAgent {label}</source>
        <translation>LaunchAgent {label}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="100"/>
        <source>Task Scheduler task {name}</source>
        <translation>タスク スケジューラのタスク{name}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="418"/>
        <source>The system&apos;s scheduler refused to {what}: {said}</source>
        <translation>システムのスケジューラーが{what}を拒否しました：{said}</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="420"/>
        <source>The system&apos;s scheduler refused to {what} (exit code {code}).</source>
        <translation>システムのスケジューラーが{what}を拒否しました（終了コード{code}）。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="425"/>
        <source>Run the command again with --verbose, or turn keep-alive off and on again.</source>
        <translation>--verboseを付けてコマンドをもう一度実行するか、接続維持をいったんオフにしてからオンにしてください。</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="499"/>
        <source>reload its units</source>
        <translation>ユニットの再読み込み</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="503"/>
        <source>enable {timer}</source>
        <translation>{timer}の有効化</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="527"/>
        <source>load the LaunchAgent</source>
        <translation>LaunchAgentの読み込み</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="542"/>
        <source>create the scheduled task</source>
        <translation>スケジュールされたタスクの作成</translation>
    </message>
    <message>
        <location filename="../../core/keepalive_schedulers.py" line="558"/>
        <source>delete the task</source>
        <translation>タスクの削除</translation>
    </message>
</context>
<context>
    <name>Loopback</name>
    <message>
        <location filename="../../core/loopback/addresses.py" line="86"/>
        <source>None of Box Login&apos;s redirect URIs is an address on this computer (http://127.0.0.1:PORT/…, http://localhost:PORT/… or http://[::1]:PORT/…).</source>
        <extracomment>The ports Box Login tried to open, in order. (redirect URI, why it could not be used), one per configured URI. What an administrator can change, in their words (shown under &quot;Details&quot;).</extracomment>
        <translation>Box LoginのリダイレクトURIに、このコンピューター上のアドレス（http://127.0.0.1:PORT/…、http://localhost:PORT/…、http://[::1]:PORT/…）が1つもありません。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="91"/>
        <source>Ask whoever administers the Box app to register a redirect URI such as http://127.0.0.1:8765/callback and add it to Box Login&apos;s settings.</source>
        <translation>Boxアプリの管理者にhttp://127.0.0.1:8765/callbackのようなリダイレクトURIを登録してもらい、それをBox Loginの設定に追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="100"/>
        <source>Ports {ports} in use by other programs. Close the program that is using ports {ports_or}, or register another redirect URI for the Box app (for example {example}) and add it to Box Login&apos;s settings.</source>
        <translation>ポート{ports}は、いずれも他のプログラムが使用しています。ポート{ports_or}を使用しているプログラムを終了するか、Boxアプリに別のリダイレクトURI（例：{example}）を登録してBox Loginの設定に追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="107"/>
        <source>Port {ports} in use by other programs. Close the program that is using port {ports_or}, or register another redirect URI for the Box app (for example {example}) and add it to Box Login&apos;s settings.</source>
        <translation>ポート{ports}は他のプログラムが使用しています。ポート{ports_or}を使用しているプログラムを終了するか、Boxアプリに別のリダイレクトURI（例：{example}）を登録してBox Loginの設定に追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="116"/>
        <source>Another program on this computer is using the connection Box Login needs to finish signing in.</source>
        <translation>Box Loginがログインを完了するために必要な接続を、このコンピューター上の別のプログラムが使用しています。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="121"/>
        <source>Close programs you do not need (or restart the computer), then try again. If it keeps happening, send the details to whoever looks after Box Login.</source>
        <translation>不要なプログラムを終了して（またはコンピューターを再起動して）から、もう一度お試しください。繰り返し発生する場合は、詳細をBox Loginの管理者に送ってください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="168"/>
        <source>not a valid address</source>
        <extracomment>The redirect URI&apos;s host, lower case: ``127.0.0.1``, ``localhost`` or ``::1``.</extracomment>
        <translation>有効なアドレスではありません</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="170"/>
        <source>not a plain http:// address, so it cannot be received on this computer</source>
        <translation>http://で始まる通常のアドレスではないため、このコンピューターでは受け取れません</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="175"/>
        <source>not a loopback address (127.0.0.1, localhost or [::1])</source>
        <translation>ループバックアドレス（127.0.0.1、localhost、[::1]）ではありません</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="179"/>
        <source>not a valid redirect URI (user name or fragment)</source>
        <translation>有効なリダイレクトURIではありません（ユーザー名またはフラグメントを含んでいます）</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="181"/>
        <source>has port 0; Box needs a fixed port</source>
        <translation>ポート番号が0になっています（Boxには固定のポート番号が必要です）</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="254"/>
        <source>port in use by another program</source>
        <translation>ポートが他のプログラムに使用されています</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="256"/>
        <source>access to the port denied (reserved or privileged)</source>
        <translation>ポートへのアクセスが拒否されました（予約済みまたは特権ポート）</translation>
    </message>
    <message>
        <location filename="../../core/loopback/addresses.py" line="258"/>
        <source>this computer has no such loopback address</source>
        <translation>このコンピューターにはこのループバックアドレスがありません</translation>
    </message>
    <message>
        <location filename="../../core/loopback/listener.py" line="239"/>
        <source>The sign-in listener stopped unexpectedly.</source>
        <extracomment>Open connections at once; beyond this the oldest one still sending its request is dropped, so a crowd of silent clients cannot keep the browser&apos;s real callback out. Answer sent; reading and discarding what the client still sends, so closing does not reset the connection before the client has read the answer. The redirect URI being listened on (None before ``start()``). The listening sockets, one per address of the redirect URI (empty once closed). The answer that ends the sign-in once its page is sent (serving thread only).</extracomment>
        <translation>ログインの待ち受け処理が予期せず停止しました。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/listener.py" line="336"/>
        <source>The sign-in listener stopped unexpectedly. Try again.</source>
        <translation>ログインの待ち受け処理が予期せず停止しました。もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/loopback/listener.py" line="524"/>
        <source>Box&apos;s answer to the sign-in had no authorization code. Try signing in again.</source>
        <translation>Boxからのログインの応答に認証コードが含まれていませんでした。もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/doctor/ports.py" line="51"/>
        <source>could not be opened</source>
        <translation>開けませんでした</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../main.py" line="52"/>
        <source>Box Login is not set up for a Box app yet.</source>
        <translation>Box LoginはまだBoxアプリ用に設定されていません。</translation>
    </message>
    <message>
        <location filename="../../main.py" line="53"/>
        <source>Ask whoever gave you this program for its settings file (and pass it with --config PATH), or run &quot;{command} sandbox&quot; to try the demo.</source>
        <translation>このプログラムを提供した担当者に設定ファイルを送ってもらい、--config PATHで指定してください。デモを試すには「{command} sandbox」を実行してください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="245"/>
        <source>&amp;Account</source>
        <extracomment>The panel now shows a connected account (a StoredToken), saved in the store. The panel shows an account (a StoredToken); after a sign-in this comes while the store is still saving it, ``connected`` follows once it is saved. The account was disconnected (profile name). A sign-in ended without connecting (a Failure). The sign-in window was opened (a SignInWindow: its own process). A refresh (manual or automatic) finished (a StoredToken). The visible screen changed (its name: a :class:`Page`). The access key was copied to the clipboard. The window was drawn on screen for the first time (emitted once, after that paint). Something was said to the screen reader (text, urgent): an outcome in the status bar, or a message bar. Small enough for 1024x600 at 100 % and 1366x768 at 150 % (911x512 device-independent pixels) with room for the desktop&apos;s panels; the screens scroll when they need more.</extracomment>
        <translation>アカウント(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="249"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="252"/>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="254"/>
        <source>&amp;Set up the Box app…</source>
        <translation>Boxアプリを設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="256"/>
        <source>For administrators: which Box app Box Login signs in to</source>
        <translation>管理者向け：Box&#xa0;Loginがログインに使うBoxアプリを設定します</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="258"/>
        <source>&amp;Advanced: server and limited access keys…</source>
        <translation>詳細設定：サーバーキーと制限付きアクセスキー(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="263"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="265"/>
        <source>&amp;Check my setup…</source>
        <translation>動作環境を確認(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="267"/>
        <source>What Box Login needs on this computer and on the way to Box</source>
        <translation>このコンピューター上とBoxへの接続経路でBox&#xa0;Loginに必要なものを確認します</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="269"/>
        <source>&amp;About {app}</source>
        <translation>{app}について(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="281"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="284"/>
        <source>Same as the system</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="302"/>
        <source>The new language is used the next time you open Box Login.</source>
        <translation>新しい言語は、次にBox&#xa0;Loginを起動したときから使われます。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="316"/>
        <source>Demo</source>
        <translation>デモ</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="318"/>
        <source>A pretend Box on this computer; nothing real is used.</source>
        <translation>このコンピューター上の模擬的なBoxです。実際のデータは使われません。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="338"/>
        <source>Opening…</source>
        <translation>開いています…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="349"/>
        <source>Working</source>
        <translation>処理中</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="643"/>
        <source>Add another Box account</source>
        <translation>Boxアカウントを追加</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="644"/>
        <source>A short name for this account (for example “work” or “personal”):</source>
        <translation>このアカウントの短い名前（例：「work」や「personal」）：</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="771"/>
        <source>About {app}</source>
        <translation>{app}について</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="774"/>
        <source>Connects your Box account to a program on this computer and keeps the connection safe in your password store.</source>
        <translation>お使いのBoxアカウントをこのコンピューター上のプログラムに接続し、その接続をパスワード保管庫に安全に保管します。</translation>
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
        <translation>詳細</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="224"/>
        <source>Shows or hides the technical details</source>
        <translation>技術的な詳細の表示・非表示を切り替えます</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="229"/>
        <source>Hide this message</source>
        <translation>このメッセージを閉じます</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="230"/>
        <source>Close message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="252"/>
        <source>Technical details</source>
        <translation>技術的な詳細</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="301"/>
        <source>Hide details</source>
        <translation>詳細を隠す</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <location filename="../../core/http.py" line="322"/>
        <source>{host} did not answer within {seconds}.</source>
        <extracomment>Box&apos;s own analytics header, in the format the official SDK sends. (connect, read) seconds. At most this many retries of one call, however short the waits. Seconds since the epoch when the response arrived.</extracomment>
        <translation>{host}から{seconds}以内に応答がありませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="325"/>
        <source>Try again in a minute. If it keeps happening, check your internet connection.</source>
        <translation>1分ほど待ってからもう一度お試しください。繰り返し発生する場合は、インターネット接続を確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="365"/>
        <source>The Box address {address} in Box Login&apos;s settings is not a valid web address.</source>
        <translation>Box Loginの設定にあるBoxのアドレス{address}は、有効なWebアドレスではありません。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="374"/>
        <source>A header for the request to Box is not valid (a value contains a line break or starts with a space).</source>
        <translation>Boxへの要求のヘッダーが正しくありません（値に改行が含まれているか、値が空白で始まっています）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="427"/>
        <source>Box answered with a redirect (HTTP {status}) instead of an answer. Box Login does not follow redirects when it sends sign-in details.</source>
        <translation>Boxが応答の代わりにリダイレクト（HTTP {status}）を返しました。Box Loginは、ログイン情報を送信するときにはリダイレクトに従いません。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="434"/>
        <source>Check the Box addresses (base_url, oauth_2_url) in the settings.</source>
        <translation>設定にあるBoxのアドレス（base_url、oauth_2_url）を確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="462"/>
        <source>Box Login could not set up a secure connection to {host}.</source>
        <translation>Box Loginは{host}との安全な接続を確立できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="465"/>
        <source>If you are on a company network, a proxy or firewall may be interfering with secure connections: ask your IT team.</source>
        <translation>社内ネットワークをお使いの場合は、プロキシやファイアウォールが安全な接続を妨げている可能性があります。IT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="480"/>
        <source>1 second</source>
        <translation>1秒</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="481"/>
        <source>{seconds} seconds</source>
        <translation>{seconds}秒</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="484"/>
        <source>Check the proxy settings, or ask your IT team which proxy to use (&quot;proxy&quot; in Box Login&apos;s settings; &quot;system&quot; follows this computer&apos;s settings).</source>
        <translation>プロキシの設定を確認するか、使用するプロキシをIT担当者にお問い合わせください（Box Loginの設定の「proxy」。&quot;system&quot;にすると、このコンピューターの設定に従います）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="494"/>
        <source>Box Login could not connect to {host} through the proxy server {proxy} ({where}) within {seconds}.</source>
        <translation>Box Loginは、プロキシサーバー{proxy}（{where}）経由で{host}に{seconds}以内に接続できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="507"/>
        <source>Box Login could not connect to {host} within {seconds}.</source>
        <translation>Box Loginは{host}に{seconds}以内に接続できませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="510"/>
        <source>Check your internet connection. On a company network a firewall may block the connection, or a proxy may be needed: ask your IT team.</source>
        <translation>インターネット接続を確認してください。社内ネットワークでは、ファイアウォールが接続をブロックしているか、プロキシが必要な可能性があります。IT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="523"/>
        <source>A proxy server between this computer and {host} needs a user name and password, but Box Login was not set up to use a proxy.</source>
        <translation>このコンピューターと{host}の間にあるプロキシサーバーがユーザー名とパスワードを求めていますが、Box Loginはプロキシを使うように設定されていません。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="528"/>
        <source>Ask your IT team for the proxy&apos;s address, and set it as &quot;proxy&quot; in Box Login&apos;s settings (or in the HTTPS_PROXY environment variable).</source>
        <translation>プロキシのアドレスをIT担当者に確認し、Box Loginの設定の「proxy」（または環境変数HTTPS_PROXY）に設定してください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="539"/>
        <source>The proxy server {proxy} ({where}) needs a user name and password, and Box Login has none for it.</source>
        <translation>プロキシサーバー{proxy}（{where}）にはユーザー名とパスワードが必要ですが、Box Loginはその情報を持っていません。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="546"/>
        <source>Give them in the HTTPS_PROXY environment variable, as HTTPS_PROXY=http://USER:PASSWORD@{proxy} (ask your IT team if you do not know them), and try again; in the window, Box Login asks for them. Box Login never reads them from its settings file.</source>
        <translation>環境変数HTTPS_PROXYに、HTTPS_PROXY=http://USER:PASSWORD@{proxy}の形式で指定してから（わからない場合はIT担当者にお問い合わせください）、もう一度お試しください。ウィンドウでは、Box Loginが入力を求めます。Box Loginが設定ファイルからこれらを読み込むことはありません。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="555"/>
        <source>from the HTTPS_PROXY environment variable</source>
        <translation>環境変数HTTPS_PROXYから取得</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="560"/>
        <source>The proxy server {proxy} ({where}) did not accept the user name and password Box Login gave it ({origin}).</source>
        <translation>プロキシサーバー{proxy}（{where}）で、Box Loginが渡したユーザー名とパスワード（{origin}）が認められませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="567"/>
        <source>Check them, or ask your IT team for the right ones, and try again.</source>
        <translation>ユーザー名とパスワードを確認するか、正しいものをIT担当者に確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="587"/>
        <source>The proxy server {proxy} ({where}) would not connect Box Login to {host} (it answered {status}).</source>
        <translation>プロキシサーバー{proxy}（{where}）が、{host}への接続を中継しませんでした（応答：{status}）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="594"/>
        <source>Ask your IT team whether the proxy allows {host}.</source>
        <translation>プロキシが{host}への接続を許可しているか、IT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="599"/>
        <source>The proxy server {proxy} ({where}) could not be found on the network (its name does not resolve).</source>
        <translation>プロキシサーバー{proxy}（{where}）がネットワーク上で見つかりませんでした（名前を解決できません）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="605"/>
        <source>The proxy server {proxy} ({where}) refused the connection.</source>
        <translation>プロキシサーバー{proxy}（{where}）が接続を拒否しました。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="609"/>
        <source>The proxy server {proxy} ({where}) could not be used (the connection to it failed).</source>
        <translation>プロキシサーバー{proxy}（{where}）を使用できませんでした（プロキシへの接続に失敗しました）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="622"/>
        <source>Box Login could not find {host} on the network: the name does not resolve.</source>
        <translation>Box Loginはネットワーク上で{host}を見つけられませんでした（名前を解決できません）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="626"/>
        <source>Check your internet connection and the Box addresses in the settings (base_url, oauth_2_url). On a network that reaches the internet only through a proxy, ask your IT team which proxy to use (&quot;proxy&quot; in the settings).</source>
        <translation>インターネット接続と、設定にあるBoxのアドレス（base_url、oauth_2_url）を確認してください。プロキシ経由でしかインターネットに接続できないネットワークの場合は、使用するプロキシをIT担当者にお問い合わせください（設定の「proxy」）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="638"/>
        <source>Ask your IT team for the company&apos;s root certificate: they can add it to this computer&apos;s certificate store, or give you a PEM file to name as &quot;ca_bundle&quot; in Box Login&apos;s settings.</source>
        <translation>会社のルート証明書をIT担当者に依頼してください。IT担当者がこのコンピューターの証明書ストアに追加するか、PEMファイルを受け取ってBox Loginの設定の「ca_bundle」に指定できます。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="660"/>
        <source>issued by {issuer}</source>
        <translation>{issuer}が発行</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="662"/>
        <source>issued by an authority this computer does not know</source>
        <translation>このコンピューターが認識していない認証局が発行</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="665"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown ({issued_by}) has expired or is not valid yet.</source>
        <translation>Box Loginは{host}との安全な接続を検証できませんでした。提示された証明書（{issued_by}）は、有効期限が切れているか、まだ有効になっていません。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="670"/>
        <source>Check that this computer&apos;s date and time are right. If they are, tell your IT team: the network may be inspecting secure connections with an outdated certificate.</source>
        <translation>このコンピューターの日付と時刻が正しいか確認してください。正しい場合はIT担当者に伝えてください。ネットワークが古い証明書を使って安全な接続を検査している可能性があります。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="677"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown ({issued_by}) is for another server.</source>
        <translation>Box Loginは{host}との安全な接続を検証できませんでした。提示された証明書（{issued_by}）は別のサーバー用のものです。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="682"/>
        <source>Check the Box addresses in the settings. If they are right, the network may be redirecting secure connections: tell your IT team.</source>
        <translation>設定にあるBoxのアドレスを確認してください。正しい場合は、ネットワークが安全な接続を別の宛先に転送している可能性があります。IT担当者に伝えてください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="689"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown is self-signed ({issuer}), and this computer does not trust it. The network appears to inspect secure connections (company proxies and security software do this).</source>
        <translation>Box Loginは{host}との安全な接続を検証できませんでした。提示された証明書は自己署名証明書（{issuer}）で、このコンピューターはこれを信頼していません。ネットワークが安全な接続を検査しているようです（企業のプロキシやセキュリティソフトがこうした検査を行います）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="697"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown was issued by an authority this computer does not trust. The network appears to inspect secure connections (company proxies and security software do this).</source>
        <translation>Box Loginは{host}との安全な接続を検証できませんでした。提示された証明書は、このコンピューターが信頼していない認証局が発行したものです。ネットワークが安全な接続を検査しているようです（企業のプロキシやセキュリティソフトがこうした検査を行います）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="705"/>
        <source>Box Login could not verify the secure connection to {host}: the certificate it was shown was issued by {issuer}, which this computer does not trust. The network appears to inspect secure connections (company proxies and security software do this).</source>
        <translation>Box Loginは{host}との安全な接続を検証できませんでした。提示された証明書は{issuer}が発行したもので、このコンピューターはこの発行元を信頼していません。ネットワークが安全な接続を検査しているようです（企業のプロキシやセキュリティソフトがこうした検査を行います）。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="718"/>
        <source>The certificate file named as &quot;ca_bundle&quot; ({path}) does not include it either. Ask your IT team for the certificate of {issuer}, to add it to that file or to this computer&apos;s certificate store.</source>
        <translation>「ca_bundle」に指定された証明書ファイル（{path}）にも、発行元の証明書は含まれていません。{issuer}の証明書をIT担当者から入手し、そのファイルか、このコンピューターの証明書ストアに追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="725"/>
        <source>The certificate file named as &quot;ca_bundle&quot; ({path}) does not include it either. Ask your IT team for the certificate of the authority that issued it, to add it to that file or to this computer&apos;s certificate store.</source>
        <translation>「ca_bundle」に指定された証明書ファイル（{path}）にも、発行元の証明書は含まれていません。この証明書を発行した認証局の証明書をIT担当者から入手し、そのファイルか、このコンピューターの証明書ストアに追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/http.py" line="755"/>
        <source>Box asked to wait {seconds} seconds before trying again.</source>
        <translation>Boxから、{seconds}秒待ってから再試行するよう求められました。</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="79"/>
        <source>chosen by the proxy auto-configuration (PAC) file {pac}</source>
        <extracomment>The proxy schemes Box Login can use (SOCKS would need another library). ``&quot;system&quot;``, ``&quot;none&quot;`` or a proxy URL ``http://host:port`` (without credentials). A PEM file of certificate authorities trusted in addition to the system&apos;s.</extracomment>
        <translation>プロキシ自動設定のPACファイル{pac}で選択</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="99"/>
        <source>named by &quot;proxy&quot; in Box Login&apos;s settings</source>
        <translation>Box Loginの設定の「proxy」で指定</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="100"/>
        <source>&quot;proxy&quot; is &quot;none&quot; in Box Login&apos;s settings</source>
        <translation>Box Loginの設定で「proxy」を「none」に指定</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="101"/>
        <source>from the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables</source>
        <translation>環境変数HTTPS_PROXY / HTTP_PROXY / NO_PROXYで指定</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="104"/>
        <source>from GNOME&apos;s network proxy settings</source>
        <translation>GNOMEのネットワークプロキシ設定で指定</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="105"/>
        <source>from the system&apos;s proxy settings</source>
        <translation>システムのプロキシ設定で指定</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="106"/>
        <source>no proxy is configured</source>
        <translation>プロキシは設定されていません</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="131"/>
        <source>not a valid proxy address</source>
        <translation>有効なプロキシアドレスではありません</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="135"/>
        <source>{scheme} proxies are not supported (only http and https)</source>
        <translation>{scheme}プロキシには対応していません（対応しているのはhttpとhttpsのみです）</translation>
    </message>
    <message>
        <location filename="../../core/network/decision.py" line="141"/>
        <source>the proxy address has no host</source>
        <translation>プロキシアドレスにホストがありません</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="243"/>
        <source>&quot;proxy&quot; in Box Login&apos;s settings is not a proxy address it can use: {problem}.</source>
        <extracomment>Seconds allowed to fetch a PAC file (connect, read) and to ask ``gsettings``.</extracomment>
        <translation>Box Loginの設定の「proxy」に指定されたプロキシアドレスは使用できません：{problem}。</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="248"/>
        <source>Use &quot;system&quot;, &quot;none&quot; or an address like &quot;http://proxy.example.com:3128&quot;.</source>
        <translation>&quot;system&quot;、&quot;none&quot;、または&quot;http://proxy.example.com:3128&quot;のようなアドレスを指定してください。</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="331"/>
        <source>the address is in NO_PROXY</source>
        <translation>アドレスがNO_PROXYに含まれています</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="336"/>
        <source>the {variable} environment variable is not usable: {problem}</source>
        <translation>環境変数{variable}を使用できません（{problem}）</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="447"/>
        <source>the PAC file failed for this address ({error})</source>
        <translation>このアドレスでPACファイルの実行に失敗しました（{error}）</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="461"/>
        <source>the PAC file offered no proxy Box Login can use</source>
        <translation>PACファイルにBox Loginが使用できるプロキシがありません</translation>
    </message>
    <message>
        <location filename="../../core/network/proxy.py" line="471"/>
        <source>the PAC file {file} could not be used ({error})</source>
        <translation>PACファイル{file}を使用できませんでした（{error}）</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="94"/>
        <source>does not hold certificates in PEM format</source>
        <translation>PEM形式の証明書ファイルではありません</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="95"/>
        <source>A PEM file is text that starts with &quot;-----BEGIN CERTIFICATE-----&quot;. A binary (DER) .cer or .crt file can be converted with: openssl x509 -inform der -in company.cer -out company.pem</source>
        <translation>PEMファイルは「-----BEGIN CERTIFICATE-----」で始まるテキストファイルです。バイナリ（DER）形式の.cerや.crtファイルは、次のコマンドで変換できます：openssl x509 -inform der -in company.cer -out company.pem</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="105"/>
        <source>could not be read ({error})</source>
        <translation>読み込めませんでした（{error}）</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="108"/>
        <source>Check that the file exists and that you may read it.</source>
        <translation>ファイルが存在し、読み取り権限があることを確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="118"/>
        <source>could not be used ({error})</source>
        <translation>使用できませんでした（{error}）</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="119"/>
        <source>unknown problem</source>
        <translation>不明な問題</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="121"/>
        <source>Ask whoever gave you the file for a fresh copy.</source>
        <translation>ファイルを提供した担当者に、新しいコピーを依頼してください。</translation>
    </message>
    <message>
        <location filename="../../core/network/trust.py" line="124"/>
        <source>The certificate file {path} (named by &quot;ca_bundle&quot; in the settings) {problem}.</source>
        <translation>証明書ファイル{path}（設定の「ca_bundle」で指定）は{problem}。</translation>
    </message>
</context>
<context>
    <name>NoKeyringPage</name>
    <message>
        <location filename="../../gui/first_run.py" line="204"/>
        <source>Where to keep your connection</source>
        <extracomment>Both choices get the same width, so neither looks like an afterthought.</extracomment>
        <translation>接続の保管場所</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="208"/>
        <source>This computer has no password store (such as GNOME Keyring) that Box Login can use, and Box Login never keeps your Box connection in a plain file. Please choose:</source>
        <translation>このコンピューターには、Box&#xa0;Loginが使えるパスワード保管庫（GNOME Keyringなど）がありません。また、Box&#xa0;LoginはBoxの接続を暗号化されていないファイルには保存しません。次のどちらかを選んでください。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="215"/>
        <source>Keep it in an encrypted file…</source>
        <translation>暗号化したファイルに保管する…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="217"/>
        <source>You choose a passphrase; you will type it each time you start Box Login.</source>
        <translation>パスフレーズをご自身で決め、Box&#xa0;Loginを起動するたびに入力します。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="222"/>
        <source>Locked with a passphrase you choose. You type it each time you start Box Login.</source>
        <translation>ご自身で決めたパスフレーズで保護します。Box&#xa0;Loginを起動するたびに入力が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="225"/>
        <source>Keep it only while Box Login is open</source>
        <translation>Box&#xa0;Loginを開いている間だけ保持する</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="226"/>
        <source>Nothing is saved on this computer.</source>
        <translation>このコンピューターには何も保存されません。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="228"/>
        <source>Nothing is saved: you connect to Box again next time.</source>
        <translation>何も保存されません。次回はもう一度Boxに接続します。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="237"/>
        <source>Or have a password store installed, then start Box Login again. On Debian or Ubuntu, whoever looks after this computer can run “sudo apt-get install gnome-keyring”.</source>
        <translation>または、パスワード保管庫をインストールしてからBox&#xa0;Loginを起動し直してください。DebianやUbuntuでは、このコンピューターの管理者が「sudo apt-get install gnome-keyring」を実行すればインストールできます。</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../core/notifications.py" line="96"/>
        <source>no session bus</source>
        <extracomment>How long to wait for a notification to be clicked before giving up (seconds).</extracomment>
        <translation>セッションバスがありません</translation>
    </message>
    <message>
        <location filename="../../core/notifications.py" line="101"/>
        <source>no session bus ({error})</source>
        <translation>セッションバスがありません（{error}）</translation>
    </message>
    <message>
        <location filename="../../core/notifications.py" line="113"/>
        <source>no notification server ({name})</source>
        <translation>通知サーバーがありません（{name}）</translation>
    </message>
    <message>
        <location filename="../../core/notifications.py" line="141"/>
        <source>Open Box Login</source>
        <translation>Box Loginを開く</translation>
    </message>
</context>
<context>
    <name>PageProblem</name>
    <message>
        <location filename="../../gui/web_network.py" line="488"/>
        <source>Box can&apos;t be found</source>
        <extracomment>The keyring service of proxy passwords the person chose to keep (one entry per proxy, named by its ``host:port``): apart from the Box sign-ins of ``core.store``. Seconds the password store has to find a kept proxy password before the sign-in window opens without it (the page then asks). Buttons on Box Login&apos;s own error page are links to this host, which never resolves (``.invalid`` is reserved): the sign-in window catches them before anything is sent. Chromium&apos;s environment variable for its switches (read when Qt WebEngine starts). The ``proxy`` part (see :func:`proxy_options`), or None: Qt WebEngine&apos;s own choice. Chromium&apos;s network error codes (net/base/net_error_list.h) and what they mean here. Codes that are no failure to report: a navigation Box Login (or a newer one) stopped. ABORTED, BLOCKED_BY_CLIENT, BLOCKED_BY_RESPONSE, DISALLOWED_URL_SCHEME.</extracomment>
        <translation>Boxが見つかりません</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="489"/>
        <source>Box refused the connection</source>
        <translation>Boxが接続を拒否しました</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="490"/>
        <source>Box did not answer</source>
        <translation>Boxから応答がありません</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="491"/>
        <source>You&apos;re not connected to the internet</source>
        <translation>インターネットに接続されていません</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="492"/>
        <source>Box can&apos;t be reached</source>
        <translation>Boxに接続できません</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="493"/>
        <source>The proxy server can&apos;t be reached</source>
        <translation>プロキシサーバーに接続できません</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="496"/>
        <source>The proxy server did not let the page through</source>
        <translation>プロキシサーバーがページを通しませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="500"/>
        <source>The proxy server did not accept your user name and password</source>
        <translation>プロキシサーバーでユーザー名またはパスワードが認められませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="504"/>
        <source>The proxy server needs your user name and password</source>
        <translation>プロキシサーバーへのログインにユーザー名とパスワードが必要です</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="506"/>
        <source>This may not really be Box</source>
        <translation>本物のBoxではない可能性があります</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="514"/>
        <source>Box Login could not find {host} on the network: the name does not resolve.</source>
        <translation>Box&#xa0;Loginはネットワーク上で{host}を見つけられませんでした（名前を解決できません）。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="518"/>
        <source>{host} refused the connection, so nothing was sent.</source>
        <translation>{host}が接続を拒否したため、何も送信されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="521"/>
        <source>{host} did not answer in time.</source>
        <translation>{host}から時間内に応答がありませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="524"/>
        <source>This computer is not connected to a network.</source>
        <translation>このコンピューターはネットワークに接続されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="527"/>
        <source>The connection to {host} broke off before the page arrived.</source>
        <translation>ページを受信する前に{host}との接続が切れました。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="530"/>
        <source>Box Login could not connect to the proxy server {proxy}.</source>
        <translation>Box&#xa0;Loginはプロキシサーバー{proxy}に接続できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="533"/>
        <source>The proxy server {proxy} could not open a connection to {host}.</source>
        <translation>プロキシサーバー{proxy}から{host}に接続できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="537"/>
        <source>The proxy server {proxy} refused the user name and password.</source>
        <translation>プロキシサーバー{proxy}でユーザー名またはパスワードが認められませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="541"/>
        <source>The proxy server {proxy} asks who you are before it lets the sign-in page through.</source>
        <translation>ログインページを表示するには、プロキシサーバー{proxy}での認証が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="547"/>
        <source>The security certificate of {host} could not be verified, so Box Login stopped loading the page. Nothing was sent.</source>
        <translation>{host}のセキュリティ証明書を検証できなかったため、Box&#xa0;Loginはページの読み込みを中止しました。何も送信されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="554"/>
        <source>The certificate file named by &quot;ca_bundle&quot; in the settings does not vouch for it either.</source>
        <translation>設定の「ca_bundle」で指定された証明書ファイルでも検証できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="568"/>
        <source>Check that this computer is connected to the internet, then try again. On a company network, ask your IT team whether Box is reached through a proxy.</source>
        <translation>このコンピューターがインターネットに接続されているか確認してから、もう一度お試しください。社内ネットワークの場合は、Boxへの接続にプロキシが必要かどうかIT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="574"/>
        <source>Try again in a minute. If it keeps happening, a firewall may be blocking Box Login.</source>
        <translation>1分ほど待ってからもう一度お試しください。繰り返し発生する場合は、ファイアウォールがBox&#xa0;Loginをブロックしている可能性があります。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="579"/>
        <source>Check the connection and try again. On a company network a firewall may be blocking the way to Box.</source>
        <translation>接続を確認してから、もう一度お試しください。社内ネットワークでは、ファイアウォールがBoxへの接続をブロックしている可能性があります。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="584"/>
        <source>Connect to a network, then try again.</source>
        <translation>ネットワークに接続してから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="585"/>
        <source>Check that this computer is connected to the internet, then try again.</source>
        <translation>このコンピューターがインターネットに接続されているか確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="589"/>
        <source>Check the proxy settings, or ask your IT team which proxy to use.</source>
        <translation>プロキシの設定を確認するか、使用するプロキシをIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="592"/>
        <source>Try again in a minute. If it keeps happening, ask your IT team whether the proxy lets Box through.</source>
        <translation>1分ほど待ってからもう一度お試しください。繰り返し発生する場合は、プロキシがBoxへの接続を許可しているかIT担当者にご確認ください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="597"/>
        <source>Type them in the window Box Login opened, then try again. Your IT team can tell you which ones to use.</source>
        <translation>Box&#xa0;Loginが開いたウィンドウに入力してから、もう一度お試しください。どれを使えばよいかはIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="602"/>
        <source>If you are at work, your IT team can give you the certificate file Box Login needs for this network.</source>
        <translation>職場の場合は、このネットワークでBox&#xa0;Loginに必要な証明書ファイルをIT担当者から入手できます。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="630"/>
        <source>The sign-in page did not load. {what}</source>
        <translation>ログインページを読み込めませんでした。{what}</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="643"/>
        <source>Sign-in page not loaded – Box Login</source>
        <extracomment>The words on the error page&apos;s buttons (and the window&apos;s title).</extracomment>
        <translation>ログインページを読み込めませんでした — Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="644"/>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="645"/>
        <source>Check my setup</source>
        <translation>動作環境を確認</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="646"/>
        <source>Open in my browser instead</source>
        <translation>代わりにブラウザーで開く</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="649"/>
        <source>en</source>
        <extracomment>The page&apos;s language code, &quot;translated&quot; into each language&apos;s own (de, ja).</extracomment>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../gui/first_run.py" line="282"/>
        <location filename="../../gui/first_run.py" line="299"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="286"/>
        <source>Choose a passphrase for the file that keeps your Box connection. You will need it each time you start Box Login; it cannot be recovered.</source>
        <translation>Boxの接続を保管するファイルのパスフレーズを決めてください。Box&#xa0;Loginを起動するたびに必要になります。忘れると復元できません。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="290"/>
        <source>Type the passphrase of the file that keeps your Box connection.</source>
        <translation>Boxの接続を保管しているファイルのパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="297"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="301"/>
        <source>Type it again</source>
        <translation>もう一度入力</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="325"/>
        <source>Please type a passphrase.</source>
        <translation>パスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="329"/>
        <source>The two passphrases are different. Please type them again.</source>
        <translation>2つのパスフレーズが一致しません。もう一度入力してください。</translation>
    </message>
</context>
<context>
    <name>ProfileSwitcher</name>
    <message>
        <location filename="../../gui/profile_switcher.py" line="37"/>
        <location filename="../../gui/profile_switcher.py" line="41"/>
        <source>Account</source>
        <extracomment>An account was chosen, in the list or the menu (its profile name). The list&apos;s last row, &quot;Add another Box account…&quot;, was chosen.</extracomment>
        <translation>アカウント</translation>
    </message>
    <message>
        <location filename="../../gui/profile_switcher.py" line="43"/>
        <source>Which Box account Box Login shows; the last entry adds another account</source>
        <translation>Box&#xa0;Loginに表示するBoxアカウントです。最後の項目でアカウントを追加できます</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../../gui/profiles.py" line="21"/>
        <source>Add another Box account…</source>
        <extracomment>The account the window shows when none is named (``core.store.DEFAULT_PROFILE``, which is not imported here: the window&apos;s first picture does not need the store). The last row of the account list and an item of the Account menu.</extracomment>
        <translation>Boxアカウントを追加…</translation>
    </message>
    <message>
        <location filename="../../gui/profiles.py" line="54"/>
        <source>Main account</source>
        <translation>メインアカウント</translation>
    </message>
    <message>
        <location filename="../../gui/profiles.py" line="57"/>
        <source>{user} ({account})</source>
        <translation>{user}（{account}）</translation>
    </message>
    <message>
        <location filename="../../core/profiles.py" line="20"/>
        <source>letters, digits and . _ @ + - (up to 64 characters, starting with a letter or digit)</source>
        <extracomment>The rule in words, for messages; marked for translation: ``translate(&quot;Profiles&quot;, …)`` it.</extracomment>
        <translation>英字、数字、. _ @ + -（64文字以内、先頭は英字または数字）</translation>
    </message>
</context>
<context>
    <name>ProxyCredentialsDialog</name>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="41"/>
        <source>Proxy sign-in</source>
        <translation>プロキシへのログイン</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="43"/>
        <location filename="../../gui/proxy_dialog.py" line="112"/>
        <source>The proxy server needs your user name and password</source>
        <translation>プロキシサーバーへのログインにユーザー名とパスワードが必要です</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="48"/>
        <source>Proxy user name</source>
        <translation>プロキシのユーザー名</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="51"/>
        <source>Proxy password</source>
        <translation>プロキシのパスワード</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="52"/>
        <source>Remember in the password store</source>
        <translation>パスワード保管庫に保存する</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="56"/>
        <source>Keep this user name and password in this computer&apos;s password store, so Box Login does not ask again. Unticked, they are used only until Box Login closes.</source>
        <translation>ユーザー名とパスワードをこのコンピューターのパスワード保管庫に保存し、次回から入力を求めないようにします。チェックを外すと、Box&#xa0;Loginを閉じるまでの間だけ使われます。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="63"/>
        <source>This computer has no password store Box Login can use.</source>
        <translation>このコンピューターには、Box&#xa0;Loginが使えるパスワード保管庫がありません。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="66"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="69"/>
        <source>&amp;User name</source>
        <translation>ユーザー名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="70"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="75"/>
        <location filename="../../gui/proxy_dialog.py" line="77"/>
        <source>Sign in to the proxy</source>
        <translation>プロキシにログイン</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="79"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="104"/>
        <source>The proxy server did not accept your user name and password</source>
        <translation>プロキシサーバーでユーザー名またはパスワードが認められませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="107"/>
        <source>The proxy server {proxy} refused them. Please type them again.</source>
        <translation>プロキシサーバー{proxy}で認証されませんでした。もう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="109"/>
        <source>The proxy server refused them. Please type them again.</source>
        <translation>プロキシサーバーで認証されませんでした。もう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="115"/>
        <source>The proxy server {proxy} asks who you are before it lets the Box sign-in page through.</source>
        <translation>Boxのログインページを表示するには、プロキシサーバー{proxy}での認証が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="120"/>
        <source>The proxy server asks who you are before it lets the Box sign-in page through.</source>
        <translation>Boxのログインページを表示するには、プロキシサーバーでの認証が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="124"/>
        <source>Use the user name and password of your account on this network; your IT team can tell you which.</source>
        <translation>このネットワークで使っているアカウントのユーザー名とパスワードを入力してください。わからない場合はIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="135"/>
        <source>Please type the user name.</source>
        <translation>ユーザー名を入力してください。</translation>
    </message>
</context>
<context>
    <name>Scopes</name>
    <message>
        <location filename="../../gui/token_panel.py" line="38"/>
        <source>Read and change all your files and folders</source>
        <extracomment>Plain words for Box&apos;s scopes (what the program may do), one for each name in core.scopes.BOX_SCOPES (a test keeps the two lists equal).</extracomment>
        <translation>すべてのファイルとフォルダの読み取りと変更</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="39"/>
        <source>Read all your files and folders</source>
        <translation>すべてのファイルとフォルダの読み取り</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="40"/>
        <source>Manage users</source>
        <translation>ユーザーの管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="41"/>
        <source>Manage app users</source>
        <translation>App Userの管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="42"/>
        <source>Manage groups</source>
        <translation>グループの管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="43"/>
        <source>Manage webhooks</source>
        <translation>Webhookの管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="44"/>
        <source>Manage company settings</source>
        <translation>企業設定の管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="45"/>
        <source>Manage retention policies</source>
        <translation>リテンションポリシーの管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="46"/>
        <source>Manage legal holds</source>
        <translation>リーガルホールドの管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="47"/>
        <source>Send and manage signature requests</source>
        <translation>署名リクエストの送信と管理</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="48"/>
        <source>Use Box AI</source>
        <translation>Box AIの利用</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="49"/>
        <source>Preview files</source>
        <translation>ファイルのプレビュー</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="50"/>
        <source>Download files and folders</source>
        <translation>ファイルとフォルダのダウンロード</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="51"/>
        <source>Upload files</source>
        <translation>ファイルのアップロード</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="52"/>
        <source>Share files and folders</source>
        <translation>ファイルとフォルダの共有</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="53"/>
        <source>Delete files and folders</source>
        <translation>ファイルとフォルダの削除</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="54"/>
        <source>Rename files and folders</source>
        <translation>ファイルとフォルダの名前の変更</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="55"/>
        <source>Comment on files</source>
        <translation>ファイルへのコメント</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="56"/>
        <source>Read files and folders</source>
        <translation>ファイルとフォルダの読み取り</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="57"/>
        <source>Read and change files and folders</source>
        <translation>ファイルとフォルダの読み取りと変更</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="58"/>
        <source>Manage automated workflows (Box Relay)</source>
        <translation>自動ワークフローの管理（Box Relay）</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="59"/>
        <source>Show file previews inside the app</source>
        <translation>アプリ内でのファイルのプレビュー表示</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="60"/>
        <source>Upload files from inside the app</source>
        <translation>アプリ内からのファイルのアップロード</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="61"/>
        <source>Browse your files inside the app</source>
        <translation>アプリ内でのファイルの閲覧</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="62"/>
        <source>Pick files inside the app</source>
        <translation>アプリ内でのファイルの選択</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="63"/>
        <source>Show file details inside the app</source>
        <translation>アプリ内でのファイルの詳細表示</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="64"/>
        <source>Add and change notes on files</source>
        <translation>ファイルへの注釈の追加と変更</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="65"/>
        <source>See everyone&apos;s notes on files</source>
        <translation>ファイルに付けられた全員の注釈の表示</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="66"/>
        <source>See your own notes on files</source>
        <translation>ファイルに付けた自分の注釈の表示</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="76"/>
        <source>Everything the app was allowed when it was set up at Box</source>
        <extracomment>Renew the access key this long before it expires.</extracomment>
        <translation>Boxでアプリを設定したときに許可されたすべての操作</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="79"/>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <location filename="../../gui/widgets.py" line="328"/>
        <location filename="../../gui/widgets.py" line="363"/>
        <source>Access key (hidden)</source>
        <extracomment>What a hidden secret looks like: a fixed number of dots, so the field never shows a dot cut in half at its edge, nor how long the secret is.</extracomment>
        <translation>アクセスキー（非表示）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="330"/>
        <source>Use “Show the access key” to read it, or copy it with the button after it.</source>
        <translation>「アクセスキーを表示」で内容を確認するか、隣のボタンでコピーしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="336"/>
        <location filename="../../gui/widgets.py" line="337"/>
        <location filename="../../gui/widgets.py" line="378"/>
        <source>Show the access key</source>
        <translation>アクセスキーを表示</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="340"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="363"/>
        <source>Access key</source>
        <translation>アクセスキー</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="378"/>
        <source>Hide the access key</source>
        <translation>アクセスキーを隠す</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../core/session.py" line="282"/>
        <source>(Waited {seconds} seconds for profile {profile}.)</source>
        <translation>（プロファイル「{profile}」の処理を{seconds}秒間待ちました。）</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="357"/>
        <source>Box answered without an access token. Try again.</source>
        <translation>Boxの応答にアクセスキーが含まれていませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="486"/>
        <source>Waiting for you to sign in to Box…</source>
        <translation>Boxへのログインを待っています…</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="492"/>
        <source>Finishing sign-in…</source>
        <translation>ログインを完了しています…</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="497"/>
        <source>Signed in as {name} ({login})</source>
        <translation>{name}（{login}）としてログインしました</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="545"/>
        <source>You are not signed in to Box.</source>
        <translation>Boxにログインしていません。</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="548"/>
        <source>You are not signed in to Box with profile &quot;{profile}&quot;.</source>
        <translation>プロファイル「{profile}」でBoxにログインしていません。</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="557"/>
        <source>Your Box sign-in as {login} has ended. Sign in again.</source>
        <translation>{login}としてのBoxへのログインは終了しました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/session.py" line="559"/>
        <source>Your Box sign-in has ended. Sign in again.</source>
        <translation>Boxへのログインは終了しました。もう一度ログインしてください。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../core/settings.py" line="267"/>
        <source>{file} is not a file.</source>
        <extracomment>``&quot;system&quot;``, ``&quot;none&quot;`` or ``&quot;http://host:port&quot;`` (see core.network). A PEM file of extra certificate authorities (absolute), for the token calls and the sign-in page.</extracomment>
        <translation>{file}はファイルではありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="269"/>
        <source>Point Box Login at the settings file itself (config.json).</source>
        <translation>設定ファイルそのもの（config.json）を指定してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="275"/>
        <source>The settings file {file} (named by {option}) does not exist.</source>
        <translation>設定ファイル{file}（{option}で指定）が存在しません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="279"/>
        <source>The settings file {file} (named by the {variable} environment variable) does not exist.</source>
        <translation>設定ファイル{file}（環境変数{variable}で指定）が存在しません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="287"/>
        <source>Check the path, or leave it out to use the usual settings file.</source>
        <translation>パスを確認するか、指定を外して通常の設定ファイルを使用してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="303"/>
        <source>{file} is not a text file in UTF-8.</source>
        <translation>{file}はUTF-8のテキストファイルではありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="305"/>
        <source>Save it again as UTF-8 text (JSON).</source>
        <translation>UTF-8のテキスト（JSON）として保存し直してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="309"/>
        <source>{file} could not be read ({error}).</source>
        <translation>{file}を読み込めませんでした（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="313"/>
        <source>Check that the file exists and that you may read it.</source>
        <translation>ファイルが存在し、読み取り権限があることを確認してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="320"/>
        <source>{file} is not valid JSON: {problem} at line {line}, column {column}.</source>
        <translation>{file}は正しいJSONではありません（{line}行目、{column}列目：{problem}）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="324"/>
        <source>Fix the file there (a missing comma or quote is the usual cause).</source>
        <translation>その箇所を修正してください（よくある原因は、カンマや引用符の抜けです）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="330"/>
        <source>{file} is not valid JSON: it is nested too deeply to read.</source>
        <translation>{file}は正しいJSONではありません（入れ子が深すぎて読み込めません）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="334"/>
        <source>Replace it with a JSON object with keys such as &quot;client_id&quot; and &quot;client_secret&quot; (ask whoever gave you the settings for a fresh copy).</source>
        <translation>「client_id」や「client_secret」などのキーを持つJSONオブジェクトに置き換えてください（設定を提供した担当者に新しいコピーを依頼してください）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="351"/>
        <source>The settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="364"/>
        <source>{file}: must be a JSON object with keys such as &quot;client_id&quot;, &quot;client_secret&quot; and &quot;redirect_uris&quot;.</source>
        <translation>{file}：「client_id」「client_secret」「redirect_uris」などのキーを持つJSONオブジェクトである必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="369"/>
        <source>Start the file with &quot;{open}&quot; and end it with &quot;{close}&quot;.</source>
        <translation>ファイルの先頭を「{open}」、末尾を「{close}」にしてください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="386"/>
        <source>{file}: &quot;{key}&quot; must be the app&apos;s client ID, a non-empty string.</source>
        <translation>{file}：「{key}」には、アプリのクライアントIDを空でない文字列で指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="390"/>
        <source>{file}: &quot;{key}&quot; is missing.</source>
        <translation>{file}：「{key}」がありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="391"/>
        <source>Copy the Client ID from the app&apos;s Configuration page in the Box developer console, e.g. &quot;client_id&quot;: &quot;abc123&quot;.</source>
        <translation>Box開発者コンソールで、アプリの［構成］ページからクライアントIDをコピーしてください（例：&quot;client_id&quot;: &quot;abc123&quot;）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="402"/>
        <source>{file}: &quot;{key}&quot; must be the app&apos;s client secret, a non-empty string.</source>
        <translation>{file}：「{key}」には、アプリのクライアントシークレットを空でない文字列で指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="406"/>
        <source>{file}: &quot;{key}&quot; is missing; Box requires the app&apos;s client secret to sign in.</source>
        <translation>{file}：「{key}」がありません。Boxへのログインには、アプリのクライアントシークレットが必要です。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="410"/>
        <source>Copy the Client Secret from the app&apos;s Configuration page in the Box developer console. (For a desktop app it is not a real secret, but Box needs it.)</source>
        <translation>Box開発者コンソールで、アプリの［構成］ページからクライアントシークレットをコピーしてください（デスクトップアプリでは本当の意味での秘密情報ではありませんが、Boxでは必要です）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="470"/>
        <source>Write them as a list, e.g. &quot;{key}&quot;: [&quot;{first}&quot;, &quot;{second}&quot;], exactly as registered in the Box developer console.</source>
        <translation>リスト形式で、Box開発者コンソールに登録したとおりに記述してください（例：&quot;{key}&quot;: [&quot;{first}&quot;, &quot;{second}&quot;]）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="477"/>
        <source>{file}: &quot;{key}&quot; must be a list of addresses like &quot;{example}&quot;.</source>
        <translation>{file}：「{key}」には、&quot;{example}&quot;のようなアドレスのリストを指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="488"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot;, which is not a web address.</source>
        <translation>{file}：「{key}」に含まれる「{uri}」は、Webアドレスではありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="491"/>
        <source>Use addresses like &quot;{example}&quot;, exactly as registered in the Box developer console.</source>
        <translation>&quot;{example}&quot;のようなアドレスを、Box開発者コンソールに登録したとおりに指定してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="501"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot;; a redirect URI cannot have a &quot;#&quot; part.</source>
        <translation>{file}：「{key}」に「{uri}」が含まれています。リダイレクトURIには「#」以降の部分を含めることはできません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="505"/>
        <source>Remove it.</source>
        <translation>「#」以降を削除してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="512"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot;: plain http is only allowed for 127.0.0.1, localhost and [::1].</source>
        <translation>{file}：「{key}」に「{uri}」が含まれています。httpのアドレスが使えるのは、127.0.0.1、localhost、[::1]の場合のみです。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="517"/>
        <source>Use https for other hosts, or a loopback address such as &quot;{example}&quot;.</source>
        <translation>それ以外のホストにはhttpsを使うか、&quot;{example}&quot;のようなループバックアドレスを使用してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="526"/>
        <source>{file}: &quot;{key}&quot; contains &quot;{uri}&quot; without a port number.</source>
        <translation>{file}：「{key}」の「{uri}」にポート番号がありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="529"/>
        <source>Box matches redirect URIs exactly, so give the registered port, e.g. &quot;{example}&quot;.</source>
        <translation>BoxはリダイレクトURIを完全一致で照合するため、登録したポート番号を指定してください（例：&quot;{example}&quot;）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="540"/>
        <source>{file}: &quot;{key}&quot; has no address Box Login can listen on: it needs at least one plain http address on this computer with a port.</source>
        <translation>{file}：「{key}」に、Box Loginが待ち受けできるアドレスがありません。このコンピューター上のアドレスで、ポート番号付きのhttpアドレスが1つ以上必要です。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="545"/>
        <source>Register e.g. &quot;{example}&quot; in the Box developer console and add it to the list.</source>
        <translation>Box開発者コンソールで&quot;{example}&quot;などを登録し、リストに追加してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="594"/>
        <source>{file}: &quot;{key}&quot; must be a string of scopes separated by spaces.</source>
        <translation>{file}：「{key}」には、スコープをスペースで区切った文字列を指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="597"/>
        <source>For example &quot;scope&quot;: &quot;root_readwrite manage_managed_users&quot;, or leave it out to get the scopes configured for the app.</source>
        <translation>例：&quot;scope&quot;: &quot;root_readwrite manage_managed_users&quot;。省略すると、アプリに設定されているスコープが使われます。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="610"/>
        <source>Leave &quot;{key}&quot; out to use Box (&quot;{default}&quot;), or give an https address.</source>
        <translation>「{key}」を省略するとBox（&quot;{default}&quot;）が使われます。または、httpsのアドレスを指定してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="616"/>
        <source>{file}: &quot;{key}&quot; must be a web address like &quot;{default}&quot;.</source>
        <translation>{file}：「{key}」には、&quot;{default}&quot;のようなWebアドレスを指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="625"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;, which is not a web address like &quot;{default}&quot;.</source>
        <translation>{file}：「{key}」の値「{value}」は、&quot;{default}&quot;のようなWebアドレスではありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="636"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;: Box must be reached over https (plain http is only allowed for the sandbox on 127.0.0.1).</source>
        <translation>{file}：「{key}」の値が「{value}」になっています。Boxにはhttpsで接続する必要があります（httpが使えるのは127.0.0.1上のサンドボックスのみです）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="647"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;; it cannot have a &quot;?&quot; or &quot;#&quot; part.</source>
        <translation>{file}：「{key}」の値が「{value}」になっています。「?」や「#」以降の部分を含めることはできません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="660"/>
        <source>Use &quot;{system}&quot; (what this computer is set up to use), &quot;none&quot; (connect directly) or a proxy address like &quot;http://proxy.example.com:3128&quot;.</source>
        <translation>&quot;{system}&quot;（このコンピューターの設定を使用）、&quot;none&quot;（直接接続）、または&quot;http://proxy.example.com:3128&quot;のようなプロキシアドレスを指定してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="668"/>
        <source>{file}: &quot;{key}&quot; must be &quot;system&quot;, &quot;none&quot; or a proxy address.</source>
        <translation>{file}：「{key}」には、&quot;system&quot;、&quot;none&quot;、またはプロキシアドレスを指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="677"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;, which is not &quot;system&quot;, &quot;none&quot; or a proxy address.</source>
        <translation>{file}：「{key}」の値「{value}」は、&quot;system&quot;、&quot;none&quot;、プロキシアドレスのいずれでもありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="689"/>
        <source>{file}: &quot;{key}&quot; contains a user name or password. Box Login never reads those from its settings file, which other programs and people may be able to read.</source>
        <translation>{file}：「{key}」にユーザー名またはパスワードが含まれています。設定ファイルは他のプログラムや他の人から読み取られる可能性があるため、Box Loginはこれらを設定ファイルから読み込みません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="694"/>
        <source>Write only &quot;http://host:port&quot; here. On the command line, give the user name and password in the HTTPS_PROXY environment variable (http://USER:PASSWORD@host:port, for the same proxy); the window asks for them.</source>
        <translation>ここには&quot;http://host:port&quot;だけを記述してください。コマンドラインでは、ユーザー名とパスワードを環境変数HTTPS_PROXYで指定してください（同じプロキシに対してhttp://USER:PASSWORD@host:portの形式）。ウィンドウでは入力を求められます。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="704"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;, which is not a proxy address Box Login can use (an http or https proxy).</source>
        <translation>{file}：「{key}」の値「{value}」は、Box Loginが使用できるプロキシアドレス（httpまたはhttpsのプロキシ）ではありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="715"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot; without a port number.</source>
        <translation>{file}：「{key}」の値「{value}」にポート番号がありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="716"/>
        <source>Give the proxy&apos;s port, e.g. &quot;http://proxy.example.com:3128&quot;.</source>
        <translation>プロキシのポート番号を指定してください（例：&quot;http://proxy.example.com:3128&quot;）。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="722"/>
        <source>{file}: &quot;{key}&quot; is &quot;{value}&quot;; a proxy address has no path, &quot;?&quot; or &quot;#&quot; part.</source>
        <translation>{file}：「{key}」の値が「{value}」になっています。プロキシアドレスには、パス、「?」、「#」の部分を含めることはできません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="737"/>
        <source>Give the path of a PEM file with your company&apos;s certificate authority, e.g. &quot;ca_bundle&quot;: &quot;company-ca.pem&quot; (a relative path is read from the settings file&apos;s folder), or leave the key out.</source>
        <translation>会社の認証局の証明書を含むPEMファイルのパスを指定するか（例：&quot;ca_bundle&quot;: &quot;company-ca.pem&quot;。相対パスは設定ファイルのあるフォルダを基準にします）、このキーを削除してください。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="746"/>
        <source>{file}: &quot;{key}&quot; must be the path of a certificate file (PEM).</source>
        <translation>{file}：「{key}」には、証明書ファイル（PEM）のパスを指定する必要があります。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="756"/>
        <source>{file}: &quot;{key}&quot; names {path}, which does not exist.</source>
        <translation>{file}：「{key}」で指定された{path}は存在しません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="763"/>
        <source>{file}: &quot;{key}&quot; names {path}, which is not a file.</source>
        <translation>{file}：「{key}」で指定された{path}はファイルではありません。</translation>
    </message>
    <message>
        <location filename="../../core/settings.py" line="773"/>
        <source>{file}: &quot;{key}&quot; names {path}, which {what}.</source>
        <translation>{file}：「{key}」で指定された{path}は{what}。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../gui/setup_dialog.py" line="57"/>
        <location filename="../../gui/setup_dialog.py" line="62"/>
        <source>Set up Box Login</source>
        <extracomment>Wide enough that each explanation takes at most two lines.</extracomment>
        <translation>Box&#xa0;Loginの設定</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="65"/>
        <source>For the person who manages the Box app this copy of Box Login signs in to. Open the settings file you were given, or copy the app&apos;s details from the Box Developer Console.</source>
        <translation>このBox&#xa0;Loginがログインに使うBoxアプリの管理者向けです。受け取った設定ファイルを開くか、Box開発者コンソールからアプリの情報をコピーしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="71"/>
        <source>Open a settings file…</source>
        <translation>設定ファイルを開く…</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="75"/>
        <source>(a .json file)</source>
        <translation>（.jsonファイル）</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="83"/>
        <source>One address per line</source>
        <translation>1行に1つのアドレス</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="88"/>
        <source>Leave empty to use the app&apos;s settings at Box</source>
        <translation>空欄の場合はBox上のアプリの設定を使います</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="90"/>
        <source>The Box app</source>
        <translation>Boxアプリ</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="94"/>
        <source>Client ID</source>
        <translation>クライアントID</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="96"/>
        <source>The app&apos;s ID, on its Configuration page at Box.</source>
        <translation>アプリのIDです。Boxのアプリの［構成］ページに表示されています。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="100"/>
        <source>Client secret</source>
        <translation>クライアントシークレット</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="102"/>
        <source>The app&apos;s password, next to the client ID. Keep it private.</source>
        <translation>アプリのパスワードです。クライアントIDの隣に表示されています。他の人には教えないでください。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="106"/>
        <source>Redirect URIs</source>
        <translation>リダイレクトURI</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="109"/>
        <source>Where Box sends people back after they sign in; the app at Box must list the same ones. Addresses with 127.0.0.1 work best.</source>
        <translation>ログイン後にBoxが戻る先のアドレスです。Boxのアプリにも同じアドレスを登録しておく必要があります。127.0.0.1を使ったアドレスをお勧めします。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="120"/>
        <source>Scope</source>
        <extracomment>Shown while a &quot;localhost&quot; address is listed: which 127.0.0.1 address to use.</extracomment>
        <translation>スコープ</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="123"/>
        <source>Optional: what the app may do, e.g. root_readonly. Empty: all that the app was allowed at Box.</source>
        <translation>任意：アプリに許可する操作（例：root_readonly）。空欄の場合は、Boxでアプリに許可されたすべての操作になります。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="133"/>
        <location filename="../../gui/setup_dialog.py" line="237"/>
        <source>Box addresses (change only if Box told you to)…</source>
        <translation>Boxのアドレス（Boxから指示があった場合のみ変更）…</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="137"/>
        <source>Box addresses</source>
        <translation>Boxのアドレス</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="140"/>
        <source>Change these only if Box told you to.</source>
        <translation>Boxから指示があった場合のみ変更してください。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="143"/>
        <source>Sign-in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="235"/>
        <source>Hide Box addresses</source>
        <translation>Boxのアドレスを隠す</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="284"/>
        <source>Read {file}. Check the details and click Save.</source>
        <translation>{file}を読み込みました。内容を確認して［保存］をクリックしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="292"/>
        <source>Open a settings file</source>
        <translation>設定ファイルを開く</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="294"/>
        <source>Settings (*.json);;All files (*)</source>
        <translation>設定ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="310"/>
        <source>The settings could not be saved.</source>
        <translation>設定を保存できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="330"/>
        <source>Tip: use {preferred} instead of {uri} (and likewise for the others), and list it at Box too. 127.0.0.1 always means this computer; what “localhost” means depends on the computer’s setup.</source>
        <translation>ヒント：{uri}の代わりに{preferred}を使い（他のアドレスも同様です）、Boxにも登録してください。127.0.0.1は常にこのコンピューターを指しますが、「localhost」が何を指すかはコンピューターの設定によって異なります。</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="337"/>
        <source>Tip: use {preferred} instead of {uri}, and list it at Box too. 127.0.0.1 always means this computer; what “localhost” means depends on the computer’s setup.</source>
        <translation>ヒント：{uri}の代わりに{preferred}を使い、Boxにも登録してください。127.0.0.1は常にこのコンピューターを指しますが、「localhost」が何を指すかはコンピューターの設定によって異なります。</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../core/oauth.py" line="340"/>
        <source>Box refused to sign this app out (HTTP {status}).</source>
        <translation>Boxがこのアプリのログアウトを拒否しました（HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="370"/>
        <source>Box refused to say who is signed in (HTTP {status}).</source>
        <translation>Boxがログイン中のユーザーの情報の提供を拒否しました（HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="382"/>
        <source>Box&apos;s answer (HTTP {status}, {content_type}) did not contain the signed-in user.</source>
        <translation>Boxの応答（HTTP {status}、{content_type}）に、ログイン中のユーザーの情報が含まれていませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="407"/>
        <source>Box refused to sign you in (HTTP {status}).</source>
        <translation>Boxがログインを拒否しました（HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="413"/>
        <source>Box&apos;s answer (HTTP {status}, {content_type}) did not contain a token.</source>
        <translation>Boxの応答（HTTP {status}、{content_type}）にアクセスキーが含まれていませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="423"/>
        <source>Box&apos;s answer (HTTP {status}, {content_type}) did not contain a usable token.</source>
        <translation>Boxの応答（HTTP {status}、{content_type}）に、使用できるアクセスキーが含まれていませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="435"/>
        <source>no content type</source>
        <translation>Content-Typeなし</translation>
    </message>
    <message>
        <location filename="../../core/oauth.py" line="442"/>
        <source>If Box Login is pointed at a proxy or a custom Box address, check the settings.</source>
        <translation>Box Loginがプロキシや独自のBoxアドレスを使うよう設定されている場合は、設定を確認してください。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="374"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The page did not load (a PageProblem): Box Login&apos;s own error page is shown instead. The error page&apos;s &quot;Check my setup&quot;. Tall enough for a whole sign-in page (with the demo hint above it) without scrolling.</extracomment>
        <translation>Boxにログイン — Box&#xa0;Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="420"/>
        <source>Open in my browser instead</source>
        <extracomment>The last load failure shown on Box Login&apos;s own error page (None once a page loads).</extracomment>
        <translation>代わりにブラウザーで開く</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="423"/>
        <source>Continue this same sign-in in your usual web browser (for example if you use a security key or your organization&apos;s sign-in page does not work here).</source>
        <translation>このログインを普段お使いのWebブラウザーで続けます（セキュリティキーを使う場合や、所属組織のログインページがここで動作しない場合など）。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="428"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="501"/>
        <source>Connected as {who}. This window closes by itself.</source>
        <translation>{who}として接続しました。このウィンドウは自動的に閉じます。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="669"/>
        <source>Box Login did not open {host} because the connection is not secure. Your sign-in was not sent anywhere.</source>
        <translation>接続が安全ではないため、Box&#xa0;Loginは{host}を開きませんでした。ログイン情報はどこにも送信されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="680"/>
        <source>Finishing…</source>
        <translation>ログインを完了しています…</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="688"/>
        <source>Box Login stopped loading {host}: its security certificate could not be verified, so this may not really be Box. Nothing was sent. Try again later or on another network; if you are at work, your IT team can tell you whether a network device inspects secure connections.</source>
        <translation>セキュリティ証明書を検証できなかったため、Box&#xa0;Loginは{host}の読み込みを中止しました。本物のBoxではない可能性があります。何も送信されていません。時間をおくか、別のネットワークでもう一度お試しください。職場の場合は、ネットワーク機器が安全な接続を検査していないか、IT担当者にご確認ください。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="336"/>
        <source>This sign-in asks for a security key.</source>
        <extracomment>True while Box Login&apos;s own error page is shown (its buttons work only then). Since the last navigation: the proxy asked and got no answer (none, or refused).</extracomment>
        <translation>このログインにはセキュリティキーが必要です。</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <location filename="../../gui/signin_window.py" line="533"/>
        <location filename="../../gui/signin_window.py" line="571"/>
        <source>Finish signing in in your web browser. This window updates by itself.</source>
        <extracomment>Turns the test hooks on for sign-in windows started from now on (tests only). The page did not load (a gui.failure.Failure saying why), or None once one did. The error page&apos;s &quot;Check my setup&quot; was clicked. Why the page did not load, while Box Login&apos;s own error page shows it. What the child&apos;s address strip shows: host, kind (a SiteKind value) and note. The child&apos;s message bar: text and level (&quot;&quot; when none).</extracomment>
        <translation>Webブラウザーでログインを完了してください。このウィンドウは自動的に更新されます。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="538"/>
        <location filename="../../gui/signin_window.py" line="579"/>
        <source>Box Login could not open your web browser. Open your browser, then click “Open the sign-in page again”.</source>
        <translation>Box&#xa0;LoginでWebブラウザーを開けませんでした。ブラウザーを開いてから、「ログインページをもう一度開く」をクリックしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="619"/>
        <source>The sign-in window closed unexpectedly. Nothing was sent or saved. You can continue signing in in your web browser instead, or cancel and try again.</source>
        <translation>ログインウィンドウが予期せず閉じました。何も送信・保存されていません。代わりにWebブラウザーでログインを続けるか、キャンセルしてもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="623"/>
        <source>The sign-in window stopped</source>
        <translation>ログインウィンドウが終了しました</translation>
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
        <translation>Windows資格情報マネージャー</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="48"/>
        <source>macOS Keychain</source>
        <translation>macOSキーチェーン</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="49"/>
        <source>KWallet</source>
        <translation>KWallet</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="51"/>
        <source>no password store</source>
        <translation>パスワード保管庫なし</translation>
    </message>
    <message>
        <location filename="../../core/keyring_backends.py" line="52"/>
        <source>no password store (keyring is disabled)</source>
        <translation>パスワード保管庫なし（keyringが無効）</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="121"/>
        <source>&quot;{profile}&quot; cannot be used as a profile name.</source>
        <translation>「{profile}」はプロファイル名として使用できません。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="124"/>
        <source>Use {rule}.</source>
        <translation>{rule}を使用してください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="228"/>
        <source>The {store} is locked, so Box Login could not {action}.</source>
        <translation>{store}がロックされているため、Box Loginは{action}ことができませんでした。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="231"/>
        <source>Unlock it (for example by signing in to your desktop) and try again.</source>
        <translation>ロックを解除して（デスクトップにログインするなど）、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="240"/>
        <source>The {store} refused to {action} ({error}).</source>
        <translation>{store}で、{action}ことが拒否されました（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="245"/>
        <source>Check that the password store is running and unlocked, then try again.</source>
        <translation>パスワード保管庫が起動していて、ロックが解除されていることを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="252"/>
        <source>read your Box sign-in</source>
        <translation>Boxのログイン情報を読み込む</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="262"/>
        <source>The {what} is {size} bytes, too large for the {store} (Box Login keeps each value under {limit} bytes).</source>
        <translation>{what}が{size}バイトあり、{store}に保存するには大きすぎます（Box Loginは1つの値を{limit}バイト未満に制限しています）。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="272"/>
        <source>Nothing was saved. Report this to whoever supports Box Login.</source>
        <translation>何も保存されていません。この問題をBox Loginのサポート担当者に報告してください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="279"/>
        <source>save your Box sign-in</source>
        <translation>Boxのログイン情報を保存する</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="289"/>
        <source>remove your Box sign-in</source>
        <translation>Boxのログイン情報を削除する</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="328"/>
        <source>Another Box Login is busy with the list of profiles.</source>
        <translation>別のBox Loginがプロファイルの一覧を処理中です。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="329"/>
        <source>Wait a moment and try again.</source>
        <translation>しばらく待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="345"/>
        <source>list of profiles</source>
        <translation>プロファイルの一覧</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="398"/>
        <location filename="../../core/store.py" line="408"/>
        <source>refresh token</source>
        <translation>更新キー</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="399"/>
        <location filename="../../core/store.py" line="413"/>
        <source>access token</source>
        <translation>アクセスキー</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="400"/>
        <location filename="../../core/store.py" line="434"/>
        <source>token details (user name, login, scope)</source>
        <translation>ログインの詳細情報（ユーザー名、ログインID、スコープ）</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="420"/>
        <location filename="../../core/store.py" line="436"/>
        <source>token details</source>
        <translation>ログインの詳細情報</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="461"/>
        <source>memory only (forgotten when Box Login closes)</source>
        <translation>メモリ上のみ（Box Loginを閉じると消去されます）</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="529"/>
        <source>An encrypted token file needs a passphrase.</source>
        <translation>暗号化ファイルにはパスフレーズが必要です。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="530"/>
        <source>Choose a passphrase, or keep the token for this run only.</source>
        <translation>パスフレーズを決めるか、今回の実行中だけログイン情報を保持するようにしてください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="546"/>
        <source>encrypted file {path}</source>
        <translation>暗号化ファイル（{path}）</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="560"/>
        <source>The token file {path} cannot be read: {why}.</source>
        <translation>暗号化ファイル{path}を読み込めません（{why}）。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="563"/>
        <source>Delete it and sign in again.</source>
        <translation>ファイルを削除して、もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="590"/>
        <source>it is not a Box Login token file</source>
        <translation>Box Loginの暗号化ファイルではありません</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="596"/>
        <source>The passphrase does not open {path}.</source>
        <translation>このパスフレーズでは{path}を開けません。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="599"/>
        <source>Check the passphrase and try again (or delete the file and sign in again).</source>
        <translation>パスフレーズを確認して、もう一度お試しください（または、ファイルを削除してもう一度ログインしてください）。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="609"/>
        <source>its contents are damaged</source>
        <translation>内容が破損しています</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="640"/>
        <source>Box Login could not write {path} ({error}).</source>
        <translation>Box Loginは{path}に書き込めませんでした（{error}）。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="704"/>
        <source>This computer has no password store Box Login can use (keyring is disabled in its settings), so it cannot keep your Box sign-in safely on its own.</source>
        <translation>このコンピューターには、Box Loginが使えるパスワード保管庫がありません（keyringの設定で無効になっています）。そのため、このままではBoxのログイン情報を安全に保管できません。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="710"/>
        <source>This computer has no password store Box Login can use, so it cannot keep your Box sign-in safely on its own.</source>
        <translation>このコンピューターには、Box Loginが使えるパスワード保管庫がありません。そのため、このままではBoxのログイン情報を安全に保管できません。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="717"/>
        <source>Choose one: keep it in a file encrypted with a passphrase you pick (&quot;{encrypted_file}&quot;), or keep it only while Box Login runs (&quot;{memory}&quot;). Box Login never saves it as plain text.</source>
        <translation>次のどちらかを選んでください：自分で決めたパスフレーズで暗号化したファイルに保管する（&quot;{encrypted_file}&quot;）か、Box Loginの実行中だけ保持する（&quot;{memory}&quot;）。Box Loginがログイン情報を暗号化せずに保存することはありません。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="752"/>
        <source>&quot;{choice}&quot; is not a way to store tokens.</source>
        <translation>「{choice}」はログイン情報の保管方法として指定できません。</translation>
    </message>
    <message>
        <location filename="../../core/store.py" line="753"/>
        <source>Use &quot;{keyring}&quot;, &quot;{encrypted_file}&quot; or &quot;{memory}&quot;.</source>
        <translation>&quot;{keyring}&quot;、&quot;{encrypted_file}&quot;、&quot;{memory}&quot;のいずれかを指定してください。</translation>
    </message>
</context>
<context>
    <name>TokenPanel</name>
    <message>
        <location filename="../../gui/token_panel.py" line="234"/>
        <location filename="../../gui/token_panel.py" line="352"/>
        <source>Connected</source>
        <extracomment>The person flipped &quot;Keep me connected even when Box Login is closed&quot; (on or off).</extracomment>
        <translation>接続済み</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="255"/>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="256"/>
        <source>Access key</source>
        <translation>アクセスキー</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="257"/>
        <source>Allowed to</source>
        <translation>許可された操作</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="258"/>
        <source>Where</source>
        <translation>保管場所</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="269"/>
        <source>Keep me connected even when Box Login is closed</source>
        <translation>Box&#xa0;Loginを閉じているときも接続を維持する</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="278"/>
        <source>Copy access key</source>
        <translation>アクセスキーをコピー</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="282"/>
        <source>Your program uses this access key to reach Box for you. Keep it private.</source>
        <translation>お使いのプログラムは、このアクセスキーを使ってBoxにアクセスします。他の人には教えないでください。</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="288"/>
        <source>Refresh now</source>
        <translation>今すぐ更新</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="289"/>
        <source>Get a new access key from Box now</source>
        <translation>Boxから新しいアクセスキーを今すぐ取得します</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="291"/>
        <source>Disconnect…</source>
        <translation>接続を解除…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="293"/>
        <source>End this connection at Box and remove it from this computer</source>
        <translation>Box側でこの接続を終了し、このコンピューターから削除します</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="315"/>
        <source>less than a day left</source>
        <translation>残り1日未満</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="317"/>
        <source>1 day left</source>
        <translation>残り1日</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="318"/>
        <source>{days} days left</source>
        <translation>残り{days}日</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="324"/>
        <source>Box user</source>
        <translation>Boxユーザー</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="336"/>
        <source>Connected until {date}</source>
        <translation>{date}まで接続済み</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="341"/>
        <source>{until} ({days_left})</source>
        <translation>{until}（{days_left}）</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="347"/>
        <source>Box keeps this connection for 60 days after the last renewal. Box Login renews it while it is in use.</source>
        <translation>Boxはこの接続を最後の更新から60日間保持します。使用中はBox&#xa0;Loginが更新します。</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="406"/>
        <source>Renewing…</source>
        <translation>更新しています…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="411"/>
        <source>Expired — renewing…</source>
        <translation>期限切れです。更新しています…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="414"/>
        <source>Renewing now (valid for {duration})</source>
        <translation>更新しています（あと{duration}有効）</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="420"/>
        <source>Valid for {duration} — renews by itself before it runs out</source>
        <translation>あと{duration}有効です。期限が切れる前に自動で更新されます。</translation>
    </message>
</context>
<context>
    <name>TokenResult</name>
    <message>
        <location filename="../../gui/advanced.py" line="86"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="106"/>
        <source>Valid until {time} ({minutes} minutes).</source>
        <translation>{time}まで有効です（{minutes}分間）。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="112"/>
        <source>Limited to {count} item(s).</source>
        <translation>{count}件の項目に限定されています。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="114"/>
        <source>Box did not say how long it is valid.</source>
        <translation>有効期間はBoxから示されませんでした。</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <location filename="../../gui/window_controller.py" line="93"/>
        <source>Saved in </source>
        <extracomment>After a failed automatic renewal, try again this much later (not on every tick). How long a status line that reports an outcome stays (one that reports work stays). Wraps a GUI-thread handler into a callback core may call from any thread.</extracomment>
        <translation>保存先：</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="97"/>
        <source>Kept in memory only — forgotten when Box Login closes</source>
        <translation>メモリ上のみ（Box&#xa0;Loginを閉じると消去されます）</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="102"/>
        <source>Your connection will be saved in an {place}, protected by your passphrase</source>
        <translation>接続は{place}に保存され、パスフレーズで保護されます</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="107"/>
        <source>Saved in an {place}, protected by your passphrase</source>
        <translation>{place}に保存（パスフレーズで保護）</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="110"/>
        <source>Your connection will be saved in {place}</source>
        <translation>接続は{place}に保存されます</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="112"/>
        <source>Saved in {place}</source>
        <translation>{place}に保存</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="119"/>
        <source>Your connection will be saved in </source>
        <translation>接続の保存先：</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="328"/>
        <source>Opening your password store…</source>
        <translation>パスワード保管庫を開いています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="347"/>
        <source>No password store found on this computer.</source>
        <translation>このコンピューターにパスワード保管庫が見つかりませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="354"/>
        <source>Box Login could not open where it keeps connections.</source>
        <translation>Box&#xa0;Loginは接続の保管場所を開けませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="362"/>
        <source>Checking your connection…</source>
        <translation>接続を確認しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="374"/>
        <source>Ready.</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="384"/>
        <source>Box Login could not read your saved connection.</source>
        <translation>Box&#xa0;Loginは保存された接続を読み込めませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="423"/>
        <source>Switched to {profile}.</source>
        <translation>{profile}に切り替えました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="435"/>
        <source>Please use a short name with letters, digits, dots or dashes (for example “work”).</source>
        <translation>英字、数字、ピリオド、ハイフンを使った短い名前にしてください（例：「work」）。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="472"/>
        <source>The demo could not start.</source>
        <translation>デモを開始できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="492"/>
        <source>Settings saved to {where}.</source>
        <translation>設定を{where}に保存しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="531"/>
        <location filename="../../gui/window_controller.py" line="560"/>
        <source>Waiting for you to sign in to Box…</source>
        <translation>Boxへのログインを待っています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="555"/>
        <source>The Box sign-in page did not load; the sign-in window says why.</source>
        <translation>Boxのログインページを読み込めませんでした。理由はログインウィンドウに表示されています。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="566"/>
        <source>Continue signing in in your web browser…</source>
        <translation>Webブラウザーでログインを続けてください…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="591"/>
        <source>your password store</source>
        <translation>パスワード保管庫</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="594"/>
        <source>Saving the connection in {where}…</source>
        <translation>接続を{where}に保存しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="604"/>
        <source>your Box account</source>
        <translation>お使いのBoxアカウント</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="609"/>
        <source>Connected as {who}.</source>
        <translation>{who}として接続しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="635"/>
        <source>Sign-in cancelled. Nothing was saved.</source>
        <translation>ログインをキャンセルしました。何も保存されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="638"/>
        <location filename="../../gui/window_controller.py" line="649"/>
        <location filename="../../gui/window_controller.py" line="659"/>
        <source>Not connected.</source>
        <translation>接続されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="640"/>
        <source>You chose not to give access at Box, so nothing was connected. You can connect again whenever you like.</source>
        <translation>Boxでアクセスを許可しなかったため、接続されていません。いつでももう一度接続できます。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="651"/>
        <source>Signing in took too long, so Box Login stopped waiting. Please try again.</source>
        <translation>ログインに時間がかかりすぎたため、Box&#xa0;Loginは待機を終了しました。もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="661"/>
        <source>Connecting to Box did not work.</source>
        <translation>Boxに接続できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="727"/>
        <source>Setting it up…</source>
        <translation>設定しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="729"/>
        <source>Turning it off…</source>
        <translation>オフにしています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="749"/>
        <source>Keep-alive is on.</source>
        <translation>Box&#xa0;Loginを閉じていても接続が維持されるようになりました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="751"/>
        <source>Keep-alive is off; reminders stay on.</source>
        <translation>バックグラウンドでの接続維持をオフにしました。期限前のお知らせは引き続き届きます。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="759"/>
        <source>Box Login could not change keep-alive.</source>
        <translation>Box&#xa0;Loginはバックグラウンドでの接続維持の設定を変更できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="771"/>
        <source>Renewing the access key…</source>
        <translation>アクセスキーを更新しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="773"/>
        <source>Getting a new access key from Box…</source>
        <translation>Boxから新しいアクセスキーを取得しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="783"/>
        <source>Access key renewed.</source>
        <translation>アクセスキーを更新しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="789"/>
        <source>Renewing did not work.</source>
        <translation>更新できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="792"/>
        <source>Box asks you to sign in again. Click “Connect again”.</source>
        <translation>Boxから再ログインを求められています。「もう一度接続」をクリックしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="804"/>
        <source>Box Login could not renew the access key; it will try again.</source>
        <translation>Box&#xa0;Loginはアクセスキーを更新できませんでした。後でもう一度試します。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="811"/>
        <source>Box Login could not renew the access key.</source>
        <translation>Box&#xa0;Loginはアクセスキーを更新できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="827"/>
        <source>Getting a valid access key…</source>
        <translation>有効なアクセスキーを取得しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="838"/>
        <source>Access key copied. Box Login clears it from the clipboard in {seconds} seconds.</source>
        <translation>アクセスキーをコピーしました。{seconds}秒後にBox&#xa0;Loginがクリップボードから消去します。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="849"/>
        <source>Copying did not work.</source>
        <translation>コピーできませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="853"/>
        <source>Box Login could not get a valid access key.</source>
        <translation>Box&#xa0;Loginは有効なアクセスキーを取得できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="861"/>
        <source>Disconnect from Box?</source>
        <translation>Boxとの接続を解除しますか？</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="862"/>
        <source>Disconnect {who}? Box Login will tell Box to end the connection and remove it from this computer. Your program will no longer be able to use Box until you connect again.</source>
        <translation>{who}の接続を解除しますか？&#x3000;Box&#xa0;LoginがBoxに接続の終了を伝え、このコンピューターから接続を削除します。もう一度接続するまで、プログラムはBoxを利用できなくなります。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="867"/>
        <source>this account</source>
        <translation>このアカウント</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="868"/>
        <source>Disconnect</source>
        <translation>接続を解除</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="889"/>
        <source>Disconnected.</source>
        <translation>接続を解除しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="891"/>
        <source>Disconnected. Box confirmed that the old access key no longer works.</source>
        <translation>接続を解除しました。古いアクセスキーが無効になったことをBoxで確認しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="896"/>
        <source>Disconnected and removed from this computer.</source>
        <translation>接続を解除し、このコンピューターから削除しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="904"/>
        <source>Disconnecting did not finish.</source>
        <translation>接続の解除が完了しませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="907"/>
        <source>Box could not be reached</source>
        <translation>Boxに接続できません</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="908"/>
        <source>Box could not be reached, so the connection could not be ended at Box. Remove it from this computer anyway? It then stays valid at Box until it expires (at most 60 days).</source>
        <translation>Boxに接続できないため、Box側で接続を終了できませんでした。それでもこのコンピューターから削除しますか？&#x3000;その場合、接続は期限が切れるまで（最長60日）Box側では有効なままです。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="914"/>
        <source>Remove from this computer</source>
        <translation>このコンピューターから削除</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="924"/>
        <source>Disconnecting did not work.</source>
        <translation>接続を解除できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="933"/>
        <source>Removing the connection from this computer…</source>
        <translation>このコンピューターから接続を削除しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="943"/>
        <source>Removed from this computer.</source>
        <translation>このコンピューターから削除しました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="945"/>
        <source>Removed from this computer. Box was not told (it could not be reached); the old connection ends there by itself.</source>
        <translation>このコンピューターから削除しました。Boxに接続できなかったため通知していませんが、古い接続はBox側で自動的に期限切れになります。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="957"/>
        <source>Box Login could not remove the connection.</source>
        <translation>Box&#xa0;Loginは接続を削除できませんでした。</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <location filename="../../cli/parser.py" line="147"/>
        <location filename="../../cli/parser.py" line="231"/>
        <source>usage: </source>
        <extracomment>The words argparse itself prints to people (&quot;usage: &quot;, its section titles, its errors): Python 3.11&apos;s gettext msgids, exactly, which argparse passes to its module-level ``_`` when it uses them (looked up at call time). Listed here for pyside6-lupdate; argparse&apos;s errors about how a parser is built are left out.</extracomment>
        <translation>使い方: </translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="148"/>
        <source>positional arguments</source>
        <translation>位置引数</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="149"/>
        <source>options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="150"/>
        <source>show this help message and exit</source>
        <translation>このヘルプを表示して終了します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="151"/>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: エラー: %(message)s
</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="152"/>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>引数 %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="153"/>
        <source>unrecognized arguments: %s</source>
        <translation>認識できない引数: %s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="154"/>
        <source>not allowed with argument %s</source>
        <translation>引数 %s と同時には指定できません</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="155"/>
        <source>ignored explicit argument %r</source>
        <translation>明示的な引数 %r は無視されました</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="156"/>
        <source>the following arguments are required: %s</source>
        <translation>次の引数は必須です: %s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="157"/>
        <source>one of the arguments %s is required</source>
        <translation>引数 %s のいずれかが必要です</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="158"/>
        <source>expected one argument</source>
        <translation>引数が1つ必要です</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="159"/>
        <source>expected at most one argument</source>
        <translation>引数は1つまでです</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="160"/>
        <source>expected at least one argument</source>
        <translation>引数が1つ以上必要です</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="161"/>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>あいまいなオプション: %(option)s は %(matches)s のいずれにも一致します</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="162"/>
        <source>unexpected option string: %s</source>
        <translation>予期しないオプション文字列: %s</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="163"/>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>%(type)s の値が無効です: %(value)r</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="164"/>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>無効な選択肢です: %(value)r（%(choices)s から選んでください）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="165"/>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>不明なパーサー %(parser_name)r（選択肢: %(choices)s）</translation>
    </message>
    <message>
        <location filename="../../cli/parser.py" line="166"/>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>&apos;%(filename)s&apos; を開けません: %(error)s</translation>
    </message>
</context>
</TS>
