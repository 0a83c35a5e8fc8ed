; Box Login: Windows installer. Per-user by default (no administrator rights needed); silent
; per-machine mode for IT departments.
;
; Build on Windows with packaging/windows/build-installer.sh (the PyInstaller bundle, then this
; script), or by hand after the bundle (see packaging/README.md):
;   makensis -DVERSION=0.1.0 -DPAYLOAD_DIR=..\..\dist\box-login -DICON=..\..\build\icons\box-login.ico ^
;            -DOUTFILE=..\..\dist\box-login-0.1.0-setup.exe [-DCONFIG_FILE=path\to\settings.json] box-login.nsi
; On Linux, packaging/windows/build-placeholder.sh compiles it against a placeholder payload.
;
; Modes:
;   setup.exe                   per-user, with pages: %LOCALAPPDATA%\Programs\Box Login, the
;                               person's Start menu, uninstaller under HKCU (Settings > Apps).
;                               Nothing is written outside the user profile.
;   setup.exe /S                silent, per-machine, for IT (an elevated caller: GPO, Intune, SCCM,
;                               "Run as administrator"): %ProgramFiles%\Box Login, the Start menu of
;                               all users, uninstaller under HKLM. Without administrator rights it
;                               installs nothing and exits with 740 (ERROR_ELEVATION_REQUIRED).
;   setup.exe /S /CURRENTUSER   silent, per-user.
;   setup.exe /ALLUSERS         per-machine with pages (elevated).
;   /D=C:\path                  (last on the line) another installation folder.
; The uninstaller (Uninstall.exe, /S for silent) removes what its installation wrote.
;
; Baked-in settings (-DCONFIG_FILE=...): Box Login reads the settings an administrator installs
; for everyone from %PROGRAMDATA%\Box Login\config.json (core/settings.py).
; - Per-machine, the installer writes the file there (replacing an earlier one: the IT
;   department's package is the source of these settings); the uninstaller removes it.
; - Per-user, it cannot (that folder is admin-only), so it writes the file where Box Login reads
;   the person's own settings, %LOCALAPPDATA%\box-login\config.json
;   (platformdirs.user_config_path("box-login", appauthor=False)), and only when that file does
;   not exist yet, so a reinstall never overwrites settings the person changed. The person's
;   settings and sign-ins (Windows Credential Manager) stay when uninstalling.
; A copy of the baked-in file stays in the installation folder either way.

Unicode true
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "Pass /DVERSION=x.y.z (packaging/README.md)"
!endif
!ifndef PAYLOAD_DIR
  !error "Pass /DPAYLOAD_DIR=path\to\dist\box-login (the PyInstaller bundle)"
!endif
!ifndef OUTFILE
  !define OUTFILE "box-login-${VERSION}-setup.exe"
!endif

; Authenticode signing (packaging/windows/build-installer.sh defines these when it has a
; certificate): the uninstaller the installer carries, then the installer itself. cmd.exe
; expands %WINDOWS_SIGN_PASSWORD% from the environment.
!ifdef SIGN_PFX
  !define /ifndef SIGN_TIMESTAMP_URL "http://timestamp.digicert.com"
  !define SIGN_COMMAND '"${SIGNTOOL}" sign /fd SHA256 /td SHA256 /tr "${SIGN_TIMESTAMP_URL}" /f "${SIGN_PFX}" /p "%WINDOWS_SIGN_PASSWORD%"'
  !uninstfinalize '${SIGN_COMMAND} "%1"' = 0
  !finalize '${SIGN_COMMAND} "%1"' = 0
!endif

!define APP_NAME "Box Login"
!define PUBLISHER "Box Login contributors"
!define GUI_EXE "Box Login.exe"
!define CLI_EXE "box-login.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\BoxLogin"
!define APP_KEY "Software\Box Login"
!define USER_CONFIG_DIR "$LOCALAPPDATA\box-login"
!define INSTALL_INI "$INSTDIR\install.ini"
!define ERROR_ELEVATION_REQUIRED 740

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}, MIT licence"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var AllUsers ; "1": per-machine installation (all users), "0": per-user

; "1" when the process runs with administrator rights (elevated), else "0", in $0.
!macro _IsAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "Admin"
    StrCpy $0 "1"
  ${Else}
    StrCpy $0 "0"
  ${EndIf}
!macroend

; Per-machine context: all users' Start menu, HKLM (64-bit view) and Program Files.
!macro _AllUsersContext
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
!macroend

Function .onInit
  StrCpy $AllUsers "0"
  ${GetParameters} $R0
  ${If} ${Silent}
    StrCpy $AllUsers "1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers "1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CURRENTUSER" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers "0"
  ${EndIf}
  ${If} $AllUsers == "1"
    !insertmacro _IsAdmin
    ${If} $0 != "1"
      ${IfNot} ${Silent}
        MessageBox MB_ICONSTOP|MB_OK "Installing ${APP_NAME} for all users needs administrator rights. Run the installer as administrator, or without /ALLUSERS to install it for yourself only."
      ${EndIf}
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      Quit
    ${EndIf}
    ; Keep a folder given with /D=; otherwise Program Files instead of the per-user default.
    ${If} $INSTDIR == "$LOCALAPPDATA\Programs\${APP_NAME}"
      ${If} ${RunningX64}
        StrCpy $INSTDIR "$PROGRAMFILES64\${APP_NAME}"
      ${Else}
        StrCpy $INSTDIR "$PROGRAMFILES\${APP_NAME}"
      ${EndIf}
    ${EndIf}
    !insertmacro _AllUsersContext
  ${EndIf}
FunctionEnd

Section "Box Login" SecMain
  SectionIn RO
  ; A running copy would keep its files locked.
  SetOutPath "$INSTDIR"
  ; Replace the previous version's files completely (PyInstaller bundles change file names).
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD_DIR}\*.*"
  WriteINIStr "${INSTALL_INI}" "Box Login" "AllUsers" "$AllUsers"
  WriteINIStr "${INSTALL_INI}" "Box Login" "Version" "${VERSION}"

  !ifdef CONFIG_FILE
    File "/oname=$INSTDIR\config.json" "${CONFIG_FILE}"
    ${If} $AllUsers == "1"
      ; Where core/settings.py looks: %PROGRAMDATA%\Box Login\config.json.
      ReadEnvStr $R0 "PROGRAMDATA"
      ${If} $R0 == ""
        StrCpy $R0 "$APPDATA" ; all users' application data, C:\ProgramData
      ${EndIf}
      CreateDirectory "$R0\${APP_NAME}"
      CopyFiles /SILENT "$INSTDIR\config.json" "$R0\${APP_NAME}\config.json"
      WriteINIStr "${INSTALL_INI}" "Box Login" "SystemConfigDir" "$R0\${APP_NAME}"
      DetailPrint "Settings for all users written to $R0\${APP_NAME}\config.json"
    ${ElseIfNot} ${FileExists} "${USER_CONFIG_DIR}\config.json"
      CreateDirectory "${USER_CONFIG_DIR}"
      CopyFiles /SILENT "$INSTDIR\config.json" "${USER_CONFIG_DIR}\config.json"
      DetailPrint "Settings written to ${USER_CONFIG_DIR}\config.json"
    ${Else}
      DetailPrint "Kept the existing settings in ${USER_CONFIG_DIR}\config.json"
    ${EndIf}
  !endif

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0

  ; SHCTX: HKLM per-machine, HKCU per-user (SetShellVarContext in .onInit).
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  WriteRegStr SHCTX "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  ReadINIStr $AllUsers "${INSTALL_INI}" "Box Login" "AllUsers"
  ${If} $AllUsers == "1"
    !insertmacro _IsAdmin
    ${If} $0 != "1"
      ${IfNot} ${Silent}
        MessageBox MB_ICONSTOP|MB_OK "${APP_NAME} is installed for all users: removing it needs administrator rights. Run the uninstaller as administrator."
      ${EndIf}
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      Quit
    ${EndIf}
    !insertmacro _AllUsersContext
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  ; The settings a per-machine installation wrote for all users.
  ReadINIStr $R0 "${INSTALL_INI}" "Box Login" "SystemConfigDir"
  ${If} $R0 != ""
    Delete "$R0\config.json"
    RMDir "$R0"
  ${EndIf}
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\config.json"
  Delete "${INSTALL_INI}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${APP_KEY}"
  ; The person's settings (%LOCALAPPDATA%\box-login) and sign-ins (Windows Credential Manager)
  ; are theirs: they stay, as with every uninstaller that keeps user data. "box-login logout"
  ; before uninstalling signs out and forgets the token.
SectionEnd
