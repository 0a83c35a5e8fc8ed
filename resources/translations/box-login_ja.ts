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
        <translation>このコンピューター上のBox Login</translation>
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
        <location filename="../../gui/advanced.py" line="50"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="51"/>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="52"/>
        <source>Upload</source>
        <translation>アップロード</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="53"/>
        <source>Rename</source>
        <translation>名前の変更</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="54"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="55"/>
        <source>Share</source>
        <translation>共有</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="56"/>
        <source>UI Elements: preview</source>
        <translation>UI Elements：プレビュー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="57"/>
        <source>UI Elements: explore</source>
        <translation>UI Elements：エクスプローラー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="58"/>
        <source>UI Elements: upload</source>
        <translation>UI Elements：アップロード</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="59"/>
        <source>View own annotations</source>
        <translation>自分の注釈の表示</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="60"/>
        <source>Edit annotations</source>
        <translation>注釈の編集</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="70"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="71"/>
        <source>The private key in this file is protected. Type its passphrase:</source>
        <translation>このファイルの秘密鍵は保護されています。パスフレーズを入力してください：</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="138"/>
        <source>Advanced — Box Login</source>
        <translation>詳細設定 — Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="150"/>
        <source>For administrators and developers. These keys act for an app or a company rather than for you; keep them private.</source>
        <translation>管理者・開発者向けです。これらのキーはあなた個人ではなく、アプリまたは企業として動作します。他の人に知られないようにしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="157"/>
        <source>Server key</source>
        <translation>サーバーキー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="158"/>
        <source>Server key (JWT)</source>
        <translation>サーバーキー（JWT）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="159"/>
        <source>Limited key</source>
        <translation>制限付きキー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="160"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="177"/>
        <source>Get a key for the app&apos;s service account (enterprise) or for one user, with the app&apos;s client ID and secret (client credentials).</source>
        <translation>アプリのクライアントIDとクライアントシークレットを使って、アプリのサービスアカウント（Enterprise）または特定のユーザー用のキーを取得します（クライアント資格情報）。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="181"/>
        <source>Company (enterprise)</source>
        <translation>企業（Enterprise）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="182"/>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="192"/>
        <source>Enterprise ID or user ID</source>
        <translation>Enterprise IDまたはユーザーID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="194"/>
        <source>For</source>
        <translation>対象</translation>
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
        <translation>サーバーキーを取得</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="216"/>
        <source>Set up the Box app first (Tools menu).</source>
        <translation>先にBoxアプリを設定してください（［ツール］メニュー）。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="220"/>
        <source>Type the enterprise or user ID.</source>
        <translation>Enterprise IDまたはユーザーIDを入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="250"/>
        <source>Get a server key with the Box app&apos;s configuration file (JWT), downloaded from the Box Developer Console.</source>
        <translation>Box開発者コンソールからダウンロードしたBoxアプリの構成ファイル（JWT）を使って、サーバーキーを取得します。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="255"/>
        <source>…_config.json</source>
        <translation>…_config.json</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="256"/>
        <source>Choose file…</source>
        <translation>ファイルを選択…</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="262"/>
        <source>Leave empty for the company (enterprise)</source>
        <translation>企業（Enterprise）の場合は空欄のままにしてください</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="264"/>
        <source>Configuration file</source>
        <translation>構成ファイル</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="265"/>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="280"/>
        <source>Box app configuration</source>
        <translation>Boxアプリの構成</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="282"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="292"/>
        <source>Choose the Box app configuration file.</source>
        <translation>Boxアプリの構成ファイルを選択してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="311"/>
        <source>The configuration has no enterprise ID; type a user ID.</source>
        <translation>構成ファイルにEnterprise IDがありません。ユーザーIDを入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="345"/>
        <source>Make a key that can do only a few things, optionally only on one file, folder or shared link — for example to hand to a web page. It is made from your connected account.</source>
        <translation>できることを限定したキーを作成します。必要に応じて、1つのファイル、フォルダ、または共有リンクだけに絞ることもできます（Webページに渡す場合など）。キーは接続中のアカウントから作成されます。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="359"/>
        <source>https://api.box.com/2.0/files/123 (optional)</source>
        <translation>https://api.box.com/2.0/files/123（任意）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="361"/>
        <source>https://app.box.com/s/… (optional)</source>
        <translation>https://app.box.com/s/…（任意）</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="363"/>
        <source>File or folder</source>
        <translation>ファイルまたはフォルダ</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="364"/>
        <source>Shared link</source>
        <translation>共有リンク</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="365"/>
        <source>Make limited key</source>
        <translation>制限付きキーを作成</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="382"/>
        <source>Connect your Box account first.</source>
        <translation>先にBoxアカウントを接続してください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="387"/>
        <source>Choose at least one thing the key may do.</source>
        <translation>キーに許可する操作を1つ以上選んでください。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="394"/>
        <source>Give a file or folder, or a shared link — not both.</source>
        <translation>ファイル・フォルダか共有リンクのどちらか一方を指定してください。</translation>
    </message>
</context>
<context>
    <name>BrowserWaitDialog</name>
    <message>
        <location filename="../../gui/signin_window.py" line="103"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The command-line flag that makes ``main.py`` (or the bundled executable) the child.</extracomment>
        <translation>Boxにログイン — Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="110"/>
        <location filename="../../gui/signin_window.py" line="135"/>
        <source>Continue in your web browser</source>
        <translation>Webブラウザーで続けてください</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="114"/>
        <location filename="../../gui/signin_window.py" line="140"/>
        <source>Open in my browser instead</source>
        <translation>代わりにブラウザーで開く</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="116"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="138"/>
        <source>Open the sign-in page again</source>
        <translation>ログインページをもう一度開く</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="146"/>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="148"/>
        <source>You&apos;re connected as {who}. This window closes by itself.</source>
        <translation>{who}として接続しました。このウィンドウは自動的に閉じます。</translation>
    </message>
</context>
<context>
    <name>CallbackPages</name>
    <message>
        <location filename="../../gui/callback_pages.py" line="14"/>
        <source>en</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="15"/>
        <source>You can close this tab and return to Box Login.</source>
        <translation>このタブを閉じて、Box Loginに戻ってください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="18"/>
        <source>Signed in – Box Login</source>
        <translation>ログインしました – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="19"/>
        <source>You’re signed in to Box</source>
        <translation>Boxにログインしました</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="20"/>
        <source>Box Login received your sign-in and is finishing up.</source>
        <translation>Box Loginがログイン情報を受け取り、処理を完了しています。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="23"/>
        <source>Sign-in didn’t finish – Box Login</source>
        <translation>ログインが完了しませんでした – Box Login</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="24"/>
        <source>Sign-in didn’t finish</source>
        <translation>ログインが完了しませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="25"/>
        <source>Box said:</source>
        <translation>Boxからのメッセージ：</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="26"/>
        <source>You chose not to give Box Login access to your Box account.</source>
        <translation>Box LoginにBoxアカウントへのアクセスを許可しませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="29"/>
        <source>If that was a mistake, go back to Box Login and sign in again.</source>
        <translation>誤って操作した場合は、Box Loginに戻ってもう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="32"/>
        <source>This answer did not belong to your sign-in, so Box Login ignored it.</source>
        <translation>この応答はお使いのログインのものではないため、Box Loginは無視しました。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="35"/>
        <source>If you are signing in, go back to Box Login and finish there. If you did not start a sign-in, you can ignore this page.</source>
        <translation>ログイン中の場合は、Box Loginに戻ってログインを完了してください。ログインを始めた覚えがない場合は、このページは無視してかまいません。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="39"/>
        <source>Box’s answer was incomplete, so Box Login could not finish signing you in.</source>
        <translation>Boxからの応答が不完全だったため、Box Loginはログインを完了できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="43"/>
        <source>Go back to Box Login and sign in again.</source>
        <translation>Box Loginに戻って、もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="46"/>
        <source>Box did not accept how this app is set up.</source>
        <translation>Boxでこのアプリの設定が受け付けられませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="49"/>
        <source>Ask whoever gave you Box Login, or your Box administrator, to check the app’s settings.</source>
        <translation>Box Loginを提供した担当者またはBox管理者に、アプリの設定を確認するよう依頼してください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="53"/>
        <source>Box is having trouble right now.</source>
        <translation>Boxで現在問題が発生しています。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="54"/>
        <source>Wait a minute, then go back to Box Login and sign in again.</source>
        <translation>1分ほど待ってから、Box Loginに戻ってもう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="57"/>
        <source>Box could not sign you in.</source>
        <translation>Boxでログインできませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="58"/>
        <source>Go back to Box Login and try again. If it keeps happening, ask whoever gave you the app for help.</source>
        <translation>Box Loginに戻って、もう一度お試しください。繰り返し発生する場合は、アプリを提供した担当者にご相談ください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="62"/>
        <source>This page was opened with an address that is not a sign-in answer.</source>
        <translation>このページは、ログインの応答ではないアドレスで開かれました。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="65"/>
        <source>Go back to Box Login and sign in from there.</source>
        <translation>Box Loginに戻って、そこからログインしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="68"/>
        <source>This sign-in has already finished.</source>
        <translation>このログインはすでに完了しています。</translation>
    </message>
    <message>
        <location filename="../../gui/callback_pages.py" line="71"/>
        <source>Go back to Box Login to continue.</source>
        <translation>続けるには、Box Loginに戻ってください。</translation>
    </message>
</context>
<context>
    <name>CheckRow</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="130"/>
        <source>What to do: {fix}</source>
        <extracomment>The icon (resources/&lt;name&gt;.svg) and the word a screen reader says for each verdict. The checks&apos; order (core.doctor runs them in this order and reports them as they finish).</extracomment>
        <translation>対処方法：{fix}</translation>
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
        <translation>Boxへのログインは一度だけで済みます。Box Loginが接続をこのコンピューターに安全に保管して自動で更新するので、お使いのプログラムからBoxのファイルを利用できます。</translation>
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
        <translation>デモを試しています。模擬的なBoxがこのコンピューター上で動いているため、実際のデータは使われません。</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="168"/>
        <location filename="../../gui/doctor_dialog.py" line="184"/>
        <source>Check my setup</source>
        <translation>動作環境を確認</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="187"/>
        <source>Box Login checks what it needs on this computer and on the way to Box. It changes nothing, here or at Box.</source>
        <translation>Box Loginが、このコンピューター上とBoxへの接続経路で必要なものを確認します。このコンピューターでもBoxでも、何も変更しません。</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="193"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="198"/>
        <source>Checking</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="210"/>
        <source>Checks</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="213"/>
        <location filename="../../gui/doctor_dialog.py" line="214"/>
        <source>Run again</source>
        <translation>もう一度確認</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="216"/>
        <location filename="../../gui/doctor_dialog.py" line="217"/>
        <source>Copy report</source>
        <translation>レポートをコピー</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="218"/>
        <source>Copy the results as text, for example to send to IT.</source>
        <translation>結果をテキストとしてコピーします（IT担当者に送る場合など）。</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="220"/>
        <location filename="../../gui/doctor_dialog.py" line="221"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="262"/>
        <source>Checking…</source>
        <translation>確認しています…</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="295"/>
        <source>{summary} The report is on the clipboard.</source>
        <translation>{summary}レポートをクリップボードにコピーしました。</translation>
    </message>
    <message>
        <location filename="../../gui/doctor_dialog.py" line="343"/>
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
        <translation>Box Loginへようこそ</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="78"/>
        <source>Box Login connects your Box account to a program on this computer. You sign in to Box once; Box Login keeps the connection safe and renews it for you.</source>
        <translation>Box Loginは、お使いのBoxアカウントをこのコンピューター上のプログラムに接続します。Boxへのログインは一度だけで、接続の安全な保管と更新はBox Loginが行います。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="86"/>
        <source>This copy of Box Login is not set up yet: it does not know which program should get access. Whoever gave you Box Login can send you a settings file.</source>
        <translation>このBox Loginはまだ設定されていないため、どのプログラムにアクセスを許可するかがわかりません。Box Loginを提供した担当者に設定ファイルを送ってもらってください。</translation>
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
        <translation>Box Loginの設定を読み込めませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="141"/>
        <source>Whoever gave you Box Login can send you a new settings file. Open it with “Set up…”, or try the demo meanwhile.</source>
        <translation>Box Loginを提供した担当者に新しい設定ファイルを送ってもらい、「設定…」から開いてください。それまでの間、デモを試すこともできます。</translation>
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
    <name>KeepAlive</name>
    <message>
        <location filename="../../gui/keepalive_control.py" line="31"/>
        <source>Box ends a connection that goes unused for 60 days. So that yours keeps working while Box Login is closed, your computer now runs a short check once a day: when the connection is more than 30 days old, it renews it (nothing else is sent). If it cannot, you get a reminder a week before the end. You can turn this off here.</source>
        <extracomment>Said once, under the switch, when the window turns keep-alive on after the first sign-in.</extracomment>
        <translation>Boxは、60日間使われていない接続を終了します。Box Loginを閉じていても接続が切れないよう、このコンピューターが1日に1回短い確認を行い、接続から30日以上経っていれば更新します（それ以外の情報は送信しません）。更新できない場合は、期限の1週間前にお知らせします。この設定はここでオフにできます。</translation>
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
        <translation>オフ：接続が切れる1週間前にBox Loginからお知らせします。</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="46"/>
        <source>Off: nothing checks the connection while Box Login is closed.</source>
        <extracomment>Turned off altogether (&quot;box-login keep-alive uninstall&quot;): not even reminders.</extracomment>
        <translation>オフ：Box Loginを閉じている間は、接続の確認は行われません。</translation>
    </message>
    <message>
        <location filename="../../gui/keepalive_control.py" line="49"/>
        <source>Not available with an encrypted file: renewing needs your passphrase, which Box Login never keeps. Open Box Login at least once every 60 days.</source>
        <translation>暗号化ファイルでは利用できません。更新にはパスフレーズが必要ですが、Box Loginはパスフレーズを保存しないためです。60日に1回以上はBox Loginを開いてください。</translation>
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
        <translation>管理者向け：Box Loginがログインに使うBoxアプリを設定します</translation>
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
        <translation>このコンピューター上とBoxへの接続経路でBox Loginに必要なものを確認します</translation>
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
        <translation>新しい言語は、次にBox Loginを起動したときから使われます。</translation>
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
        <location filename="../../gui/widgets.py" line="219"/>
        <location filename="../../gui/widgets.py" line="221"/>
        <location filename="../../gui/widgets.py" line="300"/>
        <source>Details</source>
        <extracomment>KDE&apos;s mark for a password: Klipper and other clipboard managers (CopyQ, GPaste, …) keep such content out of their history. How Qt names a Windows clipboard format in mime data: ``application/x-qt-windows-mime; value=&quot;Name&quot;`` is registered as the clipboard format ``Name`` (RegisterClipboardFormat). macOS&apos;s concealed type (nspasteboard.org) as Qt-based clipboard tools (CopyQ, KeePassXC) name it. Qt itself puts an unknown mime type on the pasteboard as the type ``com.trolltech.anymime.&lt;mime&gt;``; the native ``org.nspasteboard.ConcealedType`` needs a native converter (QUtiMimeConverter), which PySide6 does not offer. The bar showed a message and told the screen reader (text, urgent). What a screen reader calls the bar, by level.</extracomment>
        <translation>詳細</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="223"/>
        <source>Shows or hides the technical details</source>
        <translation>技術的な詳細の表示・非表示を切り替えます</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="228"/>
        <source>Hide this message</source>
        <translation>このメッセージを閉じます</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="229"/>
        <source>Close message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="251"/>
        <source>Technical details</source>
        <translation>技術的な詳細</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="300"/>
        <source>Hide details</source>
        <translation>詳細を隠す</translation>
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
        <translation>このコンピューターには、Box Loginが使えるパスワード保管庫（GNOME Keyringなど）がありません。また、Box LoginはBoxの接続を暗号化されていないファイルには保存しません。次のどちらかを選んでください：</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="215"/>
        <source>Keep it in an encrypted file…</source>
        <translation>暗号化したファイルに保管する…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="217"/>
        <source>You choose a passphrase; you will type it each time you start Box Login.</source>
        <translation>パスフレーズをご自身で決め、Box Loginを起動するたびに入力します。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="222"/>
        <source>Locked with a passphrase you choose. You type it each time you start Box Login.</source>
        <translation>ご自身で決めたパスフレーズで保護します。Box Loginを起動するたびに入力が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="225"/>
        <source>Keep it only while Box Login is open</source>
        <translation>Box Loginを開いている間だけ保持する</translation>
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
        <translation>または、パスワード保管庫をインストールしてからBox Loginを起動し直してください。DebianやUbuntuでは、このコンピューターの管理者が「sudo apt-get install gnome-keyring」を実行すればインストールできます。</translation>
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
        <translation>Box Loginはネットワーク上で{host}を見つけられませんでした（名前を解決できません）。</translation>
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
        <translation>Box Loginはプロキシサーバー{proxy}に接続できませんでした。</translation>
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
        <translation>{host}のセキュリティ証明書を検証できなかったため、Box Loginはページの読み込みを中止しました。何も送信されていません。</translation>
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
        <translation>1分ほど待ってからもう一度お試しください。繰り返し発生する場合は、ファイアウォールがBox Loginをブロックしている可能性があります。</translation>
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
        <translation>Box Loginが開いたウィンドウに入力してから、もう一度お試しください。どれを使えばよいかはIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../gui/web_network.py" line="602"/>
        <source>If you are at work, your IT team can give you the certificate file Box Login needs for this network.</source>
        <translation>職場の場合は、このネットワークでBox Loginに必要な証明書ファイルをIT担当者から入手できます。</translation>
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
        <translation>ログインページを読み込めませんでした — Box Login</translation>
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
        <translation>Boxの接続を保管するファイルのパスフレーズを決めてください。Box Loginを起動するたびに必要になります。忘れると復元できません。</translation>
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
        <translation>Box Loginに表示するBoxアカウントです。最後の項目でアカウントを追加できます</translation>
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
</context>
<context>
    <name>ProxyCredentialsDialog</name>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="40"/>
        <source>Proxy sign-in</source>
        <translation>プロキシへのログイン</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="42"/>
        <location filename="../../gui/proxy_dialog.py" line="111"/>
        <source>The proxy server needs your user name and password</source>
        <translation>プロキシサーバーへのログインにユーザー名とパスワードが必要です</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="47"/>
        <source>Proxy user name</source>
        <translation>プロキシのユーザー名</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="50"/>
        <source>Proxy password</source>
        <translation>プロキシのパスワード</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="51"/>
        <source>Remember in the password store</source>
        <translation>パスワード保管庫に保存する</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="55"/>
        <source>Keep this user name and password in this computer&apos;s password store, so Box Login does not ask again. Unticked, they are used only until Box Login closes.</source>
        <translation>ユーザー名とパスワードをこのコンピューターのパスワード保管庫に保存し、次回から入力を求めないようにします。チェックを外すと、Box Loginを閉じるまでの間だけ使われます。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="62"/>
        <source>This computer has no password store Box Login can use.</source>
        <translation>このコンピューターには、Box Loginが使えるパスワード保管庫がありません。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="65"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="68"/>
        <source>&amp;User name</source>
        <translation>ユーザー名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="69"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="74"/>
        <location filename="../../gui/proxy_dialog.py" line="76"/>
        <source>Sign in to the proxy</source>
        <translation>プロキシにログイン</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="103"/>
        <source>The proxy server did not accept your user name and password</source>
        <translation>プロキシサーバーでユーザー名またはパスワードが認められませんでした</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="106"/>
        <source>The proxy server {proxy} refused them. Please type them again.</source>
        <translation>プロキシサーバー{proxy}で認証されませんでした。もう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="108"/>
        <source>The proxy server refused them. Please type them again.</source>
        <translation>プロキシサーバーで認証されませんでした。もう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="114"/>
        <source>The proxy server {proxy} asks who you are before it lets the Box sign-in page through.</source>
        <translation>Boxのログインページを表示するには、プロキシサーバー{proxy}での認証が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="119"/>
        <source>The proxy server asks who you are before it lets the Box sign-in page through.</source>
        <translation>Boxのログインページを表示するには、プロキシサーバーでの認証が必要です。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="123"/>
        <source>Use the user name and password of your account on this network; your IT team can tell you which.</source>
        <translation>このネットワークで使っているアカウントのユーザー名とパスワードを入力してください。わからない場合はIT担当者にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../gui/proxy_dialog.py" line="134"/>
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
        <location filename="../../gui/widgets.py" line="327"/>
        <location filename="../../gui/widgets.py" line="362"/>
        <source>Access key (hidden)</source>
        <extracomment>What a hidden secret looks like: a fixed number of dots, so the field never shows a dot cut in half at its edge, nor how long the secret is.</extracomment>
        <translation>アクセスキー（非表示）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="329"/>
        <source>Use “Show the access key” to read it, or copy it with the button after it.</source>
        <translation>「アクセスキーを表示」で内容を確認するか、隣のボタンでコピーしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="335"/>
        <location filename="../../gui/widgets.py" line="336"/>
        <location filename="../../gui/widgets.py" line="377"/>
        <source>Show the access key</source>
        <translation>アクセスキーを表示</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="339"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="362"/>
        <source>Access key</source>
        <translation>アクセスキー</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="377"/>
        <source>Hide the access key</source>
        <translation>アクセスキーを隠す</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../gui/setup_dialog.py" line="57"/>
        <location filename="../../gui/setup_dialog.py" line="62"/>
        <source>Set up Box Login</source>
        <extracomment>Wide enough that each explanation takes at most two lines.</extracomment>
        <translation>Box Loginの設定</translation>
    </message>
    <message>
        <location filename="../../gui/setup_dialog.py" line="65"/>
        <source>For the person who manages the Box app this copy of Box Login signs in to. Open the settings file you were given, or copy the app&apos;s details from the Box Developer Console.</source>
        <translation>このBox Loginがログインに使うBoxアプリの管理者向けです。受け取った設定ファイルを開くか、Box開発者コンソールからアプリの情報をコピーしてください。</translation>
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
    <name>SignInDialog</name>
    <message>
        <location filename="../../gui/signin_dialog.py" line="374"/>
        <source>Sign in to Box — Box Login</source>
        <extracomment>The page did not load (a PageProblem): Box Login&apos;s own error page is shown instead. The error page&apos;s &quot;Check my setup&quot;. Tall enough for a whole sign-in page (with the demo hint above it) without scrolling.</extracomment>
        <translation>Boxにログイン — Box Login</translation>
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
        <translation>接続が安全ではないため、Box Loginは{host}を開きませんでした。ログイン情報はどこにも送信されていません。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="680"/>
        <source>Finishing…</source>
        <translation>ログインを完了しています…</translation>
    </message>
    <message>
        <location filename="../../gui/signin_dialog.py" line="688"/>
        <source>Box Login stopped loading {host}: its security certificate could not be verified, so this may not really be Box. Nothing was sent. Try again later or on another network; if you are at work, your IT team can tell you whether a network device inspects secure connections.</source>
        <translation>セキュリティ証明書を検証できなかったため、Box Loginは{host}の読み込みを中止しました。本物のBoxではない可能性があります。何も送信されていません。時間をおくか、別のネットワークでもう一度お試しください。職場の場合は、ネットワーク機器が安全な接続を検査していないか、IT担当者にご確認ください。</translation>
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
        <location filename="../../gui/signin_window.py" line="535"/>
        <location filename="../../gui/signin_window.py" line="573"/>
        <source>Finish signing in in your web browser. This window updates by itself.</source>
        <extracomment>Turns the test hooks on for sign-in windows started from now on (tests only). The page did not load (a gui.failure.Failure saying why), or None once one did. The error page&apos;s &quot;Check my setup&quot; was clicked. Why the page did not load, while Box Login&apos;s own error page shows it. What the child&apos;s address strip shows: host, kind (a SiteKind value) and note. The child&apos;s message bar: text and level (&quot;&quot; when none).</extracomment>
        <translation>Webブラウザーでログインを完了してください。このウィンドウは自動的に更新されます。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="540"/>
        <location filename="../../gui/signin_window.py" line="581"/>
        <source>Box Login could not open your web browser. Open your browser, then click “Open the sign-in page again”.</source>
        <translation>Box LoginでWebブラウザーを開けませんでした。ブラウザーを開いてから、「ログインページをもう一度開く」をクリックしてください。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="621"/>
        <source>The sign-in window closed unexpectedly. Nothing was sent or saved. You can continue signing in in your web browser instead, or cancel and try again.</source>
        <translation>ログインウィンドウが予期せず閉じました。何も送信・保存されていません。代わりにWebブラウザーでログインを続けるか、キャンセルしてもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../gui/signin_window.py" line="625"/>
        <source>The sign-in window stopped</source>
        <translation>ログインウィンドウが終了しました</translation>
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
        <translation>Box Loginを閉じているときも接続を維持する</translation>
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
        <translation>Boxはこの接続を最後の更新から60日間保持します。使用中はBox Loginが更新します。</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="408"/>
        <source>Renewing…</source>
        <translation>更新しています…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="413"/>
        <source>Expired — renewing…</source>
        <translation>期限切れです。更新しています…</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="416"/>
        <source>Renewing now (valid for {duration})</source>
        <translation>更新しています（あと{duration}有効）</translation>
    </message>
    <message>
        <location filename="../../gui/token_panel.py" line="422"/>
        <source>Valid for {duration} — renews by itself before it runs out</source>
        <translation>あと{duration}有効です。期限が切れる前に自動で更新されます</translation>
    </message>
</context>
<context>
    <name>TokenResult</name>
    <message>
        <location filename="../../gui/advanced.py" line="85"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="105"/>
        <source>Valid until {time} ({minutes} minutes).</source>
        <translation>{time}まで有効です（{minutes}分間）。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="111"/>
        <source>Limited to {count} item(s).</source>
        <translation>{count}件の項目に限定されています。</translation>
    </message>
    <message>
        <location filename="../../gui/advanced.py" line="113"/>
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
        <translation>メモリ上のみ（Box Loginを閉じると消去されます）</translation>
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
        <translation>Box Loginは接続の保管場所を開けませんでした。</translation>
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
        <translation>Box Loginは保存された接続を読み込めませんでした。</translation>
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
        <translation>ログインに時間がかかりすぎたため、Box Loginは待機を終了しました。もう一度お試しください。</translation>
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
        <translation>Box Loginを閉じていても接続が維持されるようになりました。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="751"/>
        <source>Keep-alive is off; reminders stay on.</source>
        <translation>バックグラウンドでの接続維持をオフにしました。期限前のお知らせは引き続き届きます。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="759"/>
        <source>Box Login could not change keep-alive.</source>
        <translation>Box Loginはバックグラウンドでの接続維持の設定を変更できませんでした。</translation>
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
        <translation>Box Loginはアクセスキーを更新できませんでした。後でもう一度試します。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="811"/>
        <source>Box Login could not renew the access key.</source>
        <translation>Box Loginはアクセスキーを更新できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="827"/>
        <source>Getting a valid access key…</source>
        <translation>有効なアクセスキーを取得しています…</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="838"/>
        <source>Access key copied. Box Login clears it from the clipboard in {seconds} seconds.</source>
        <translation>アクセスキーをコピーしました。{seconds}秒後にBox Loginがクリップボードから消去します。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="849"/>
        <source>Copying did not work.</source>
        <translation>コピーできませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="853"/>
        <source>Box Login could not get a valid access key.</source>
        <translation>Box Loginは有効なアクセスキーを取得できませんでした。</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="861"/>
        <source>Disconnect from Box?</source>
        <translation>Boxとの接続を解除しますか？</translation>
    </message>
    <message>
        <location filename="../../gui/window_controller.py" line="862"/>
        <source>Disconnect {who}? Box Login will tell Box to end the connection and remove it from this computer. Your program will no longer be able to use Box until you connect again.</source>
        <translation>{who}の接続を解除しますか？&#x3000;Box LoginがBoxに接続の終了を伝え、このコンピューターから接続を削除します。もう一度接続するまで、プログラムはBoxを利用できなくなります。</translation>
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
        <translation>Box Loginは接続を削除できませんでした。</translation>
    </message>
</context>
</TS>
