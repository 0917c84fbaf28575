; Inno Setup 6 script for the Windows installer of EnergoDesk. Build on Windows from the repository root:
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[package]"
;   .venv\Scripts\python installer\build.py windows
; build.py makes build\icons\energodesk.ico and the PyInstaller bundle dist\energodesk\ (energodesk.exe,
; the command line; energodeskw.exe, the same program without a console window; _internal\), then runs  iscc /DAppVersion=X.Y.Z /DDistDir=...\dist installer\energodesk.iss
; when Inno Setup 6 is installed. The installer lands in dist\energodesk-setup-X.Y.Z.exe.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist"
#endif

[Setup]
AppId={{6F0B7E1C-3C55-4E8B-9A59-2D1F5B7C0E42}
AppName=EnergoDesk
AppVersion={#AppVersion}
AppPublisher=EnergoDesk
DefaultDirName={autopf}\EnergoDesk
DefaultGroupName=EnergoDesk
OutputDir={#DistDir}
OutputBaseFilename=energodesk-setup-{#AppVersion}
SetupIconFile=..\build\icons\energodesk.ico
UninstallDisplayIcon={app}\energodeskw.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-machine install; each Windows user gets the first-start dialog and their own settings
; (%APPDATA%\EnergoDesk\energodesk.ini).
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Files]
; The whole one-folder bundle: energodesk.exe and _internal\ (Python, Qt, fonts, translations, migrations).
Source: "{#DistDir}\energodesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version's bundle replaces the old one whole: no stale modules or Qt plugins left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\EnergoDesk"; Filename: "{app}\energodeskw.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,EnergoDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\EnergoDesk"; Filename: "{app}\energodeskw.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\energodeskw.exe"; Description: "{cm:LaunchProgram,EnergoDesk}"; Flags: nowait postinstall skipifsilent
