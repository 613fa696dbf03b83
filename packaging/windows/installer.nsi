; xxgk-report-<version>-setup.exe: per-user installer of the Windows one-folder bundle.
;   makensis -INPUTCHARSET UTF8 -DVERSION=.. -DVERSION4=a.b.c.d -DBUNDLE=dist/windows/xxgk-report
;            -DOUTFILE=.. -DCOMPRESSOR=lzma -DICON=resources/icons/app.ico packaging/windows/installer.nsi
; (packaging/windows/dist_windows.py passes these.)
;
; - No administrator rights: installs into %LOCALAPPDATA%\Programs\xxgk-report and registers
;   under HKCU, as office PCs rarely grant elevation.
; - 64-bit stub (amd64-unicode): the default x86 stub needs 32-bit Wine to be tested here,
;   and Qt 6 runs on 64-bit Windows 10+ only anyway.
; - An upgrade replaces the program files only. The clerk's drafts (Documents), autosave,
;   settings and logs (the user data folder %LOCALAPPDATA%\xxgk-report) are never in the
;   program folder, so neither an upgrade nor the uninstaller touches them.
; - /S installs and uninstalls silently (IT departments); /D=<folder> picks the folder.

Unicode true
Target amd64-unicode
SetCompressor /SOLID ${COMPRESSOR}
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define PRODUCT "政府信息公开工作年度报告填报助手"
!define PUBLISHER "xxgk-report"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\xxgk-report"
!define SHORTCUT "${PRODUCT}.lnk"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION} 安装"
UninstallCaption "${PRODUCT} 卸载"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\xxgk-report"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装${PRODUCT}"
!define MUI_WELCOMEPAGE_TEXT "本程序将安装${PRODUCT} ${VERSION}。$\r$\n$\r$\n只为当前用户安装，不需要管理员权限。升级时请先关闭正在运行的填报助手；您的报告草稿、自动备份和设置保存在用户数据目录中，升级和卸载都不会删除它们。$\r$\n$\r$\n单击「下一步」继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\xxgk-gui.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即启动${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The program's own files, and only those: never RMDir /r "$INSTDIR" (the clerk may have
; picked a folder that holds other files).
!macro RemoveProgramFiles
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\xxgk-gui.exe"
  Delete "$INSTDIR\xxgk.exe"
  Delete "$INSTDIR\uninstall.exe"
!macroend

Section "-program"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An older version's files go first, so no stale library is left beside the new ones.
  !insertmacro RemoveProgramFiles
  File /r "${BUNDLE}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\xxgk-gui.exe" "" "$INSTDIR\xxgk-gui.exe" 0
  CreateShortCut "$DESKTOP\${SHORTCUT}" "$INSTDIR\xxgk-gui.exe" "" "$INSTDIR\xxgk-gui.exe" 0

  ; The entry in Settings > 应用和功能 (and the Control Panel's 程序和功能).
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\xxgk-gui.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  !insertmacro RemoveProgramFiles
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
