; Inno Setup script for the Windows installer; build the PyInstaller folder first:
;   pyinstaller installer\energodesk.spec   then   iscc installer\energodesk.iss
[Setup]
AppName=EnergoDesk
AppVersion=0.1.0
DefaultDirName={autopf}\EnergoDesk
DefaultGroupName=EnergoDesk
OutputBaseFilename=energodesk-setup
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Files]
Source: "..\dist\energodesk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\EnergoDesk"; Filename: "{app}\energodesk.exe"
Name: "{autodesktop}\EnergoDesk"; Filename: "{app}\energodesk.exe"
