; Box Login: per-user Windows installer (no administrator rights needed).
;
; Build on Windows after the PyInstaller bundle (see packaging/README.md):
;   makensis /DVERSION=0.1.0 /DPAYLOAD_DIR=..\..\dist\box-login /DICON=..\..\build\icons\box-login.ico ^
;            /DOUTFILE=..\..\dist\box-login-0.1.0-setup.exe [/DCONFIG_FILE=path\to\settings.json] box-login.nsi
; On Linux, packaging/windows/build-placeholder.sh compiles it against a placeholder payload.
;
; Installs to %LOCALAPPDATA%\Programs\Box Login, adds a Start-menu shortcut, and registers the
; uninstaller under HKCU (Settings > Apps lists it). Nothing is written outside the user profile.
;
; Baked-in settings (/DCONFIG_FILE=...): Box Login reads system-wide settings from
; %PROGRAMDATA%\Box Login\config.json, but a per-user installer cannot write there (it is
; admin-only). The installer therefore writes the file where Box Login reads the person's own
; settings, %LOCALAPPDATA%\box-login\config.json (platformdirs.user_config_path("box-login",
; appauthor=False), see core/settings.py), and only when that file does not exist yet, so a
; reinstall never overwrites settings the person changed. A pristine copy stays in the install
; folder. For machine-wide settings an administrator copies the same file to
; %PROGRAMDATA%\Box Login\config.json (GPO, Intune...); the per-user file then only exists
; when someone changes settings in the app.

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

!define APP_NAME "Box Login"
!define PUBLISHER "Box Login contributors"
!define GUI_EXE "Box Login.exe"
!define CLI_EXE "box-login.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\BoxLogin"
!define APP_KEY "Software\Box Login"
!define USER_CONFIG_DIR "$LOCALAPPDATA\box-login"

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

Section "Box Login" SecMain
  SectionIn RO
  ; A running copy would keep its files locked.
  SetOutPath "$INSTDIR"
  ; Replace the previous version's files completely (PyInstaller bundles change file names).
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD_DIR}\*.*"

  !ifdef CONFIG_FILE
    File "/oname=$INSTDIR\config.json" "${CONFIG_FILE}"
    ${IfNot} ${FileExists} "${USER_CONFIG_DIR}\config.json"
      CreateDirectory "${USER_CONFIG_DIR}"
      CopyFiles /SILENT "$INSTDIR\config.json" "${USER_CONFIG_DIR}\config.json"
      DetailPrint "Settings written to ${USER_CONFIG_DIR}\config.json"
    ${Else}
      DetailPrint "Kept the existing settings in ${USER_CONFIG_DIR}\config.json"
    ${EndIf}
  !endif

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0

  WriteUninstaller "$INSTDIR\Uninstall.exe"
  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\config.json"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
  ; The person's settings (%LOCALAPPDATA%\box-login) and sign-ins (Windows Credential Manager)
  ; are theirs: they stay, as with every uninstaller that keeps user data. "box-login logout"
  ; before uninstalling signs out and forgets the token.
SectionEnd
