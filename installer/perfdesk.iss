; Inno Setup 6 script: the per-user installer of perfdesk (no administrator rights needed).
; Built by installer\build-windows.ps1, which passes the version and the bundle:
;   ISCC.exe /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 /DAppPublisher=... /DBundle=C:\...\perfdesk installer\perfdesk.iss
; Needs Inno Setup 6.3 or later (x64compatible).
; Installs the one-folder bundle (perfdesk.exe, perfdesk-cli.exe, _internal\) into
; %LOCALAPPDATA%\Programs\perfdesk, adds a Start-menu shortcut (and a desktop one if chosen) and
; opens .perfdesk files with perfdesk for this user (HKCU\Software\Classes), with the document icon.
; The uninstaller removes only what was installed: the clerk's workspaces (wherever they were
; saved), the sample workspace and settings (%APPDATA%\perfdesk) and the logs
; (%LOCALAPPDATA%\perfdesk\perfdesk\logs) stay.
; This file is UTF-8 with a byte order mark, so Inno Setup reads the Chinese text as such.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef NumericVersion
  #define NumericVersion "0.0.0.0"
#endif
#ifndef AppPublisher
  #define AppPublisher "perfdesk 项目组"
#endif
#ifndef Bundle
  #define Bundle "dist\perfdesk"
#endif
#define AppTitle "绩效文本编制助手"
#define ProgId "perfdesk.Workspace"

[Setup]
; never change AppId: it tells an upgrade from a second installation
AppId={{6F1E2C1B-5B7A-4B8E-9C3D-2A4F7E9D1C10}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppTitle}
VersionInfoDescription={#AppTitle} 安装程序
; per user: no UAC prompt, nothing outside the user's profile
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\perfdesk
DisableProgramGroupPage=yes
DisableDirPage=yes
UsePreviousAppDir=yes
; Qt 6 needs Windows 10 1809 or later, 64-bit
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=dist-windows
OutputBaseFilename=perfdesk-{#AppVersion}-setup
SetupIconFile=..\resources\perfdesk.ico
UninstallDisplayIcon={app}\perfdesk.exe
UninstallDisplayName={#AppTitle}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
; an open perfdesk is closed (its edits are saved already) before files are replaced
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
; Simplified Chinese where the Inno Setup installation has it (recent versions ship
; Languages\ChineseSimplified.isl; for older ones, put the file there), else English.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole bundle: no library of the old version stays behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\perfdesk.exe"; WorkingDir: "{userdocs}"; Comment: "编制、检查和导出部门预算绩效文本"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\perfdesk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; .perfdesk opens with perfdesk, for this user only (HKCU: no administrator rights)
Root: HKCU; Subkey: "Software\Classes\.perfdesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.perfdesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "绩效文本工作区"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\resources\perfdesk-document.ico"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\perfdesk.exe"" ""%1"""

[Run]
Filename: "{app}\perfdesk.exe"; Description: "启动{#AppTitle}"; Flags: nowait postinstall skipifsilent
