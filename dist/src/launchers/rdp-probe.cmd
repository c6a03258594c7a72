@echo off
rem rdp-probe from the release archive: runs lib\rdp-probe.jar with Java 17 or newer,
rem from JAVA_HOME\bin\java.exe when JAVA_HOME is set, else java.exe on the PATH.
rem On this command line, write protocol lists with commas: --protocols ssl,hybrid
setlocal
set "RDP_PROBE_HOME=%~dp0.."

if defined JAVA_HOME goto fromJavaHome
set "RDP_PROBE_JAVA=java.exe"
where /q java.exe
if errorlevel 1 goto noJava
goto run

:fromJavaHome
set "RDP_PROBE_JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%RDP_PROBE_JAVA%" goto run
echo rdp-probe: JAVA_HOME is "%JAVA_HOME%", which has no bin\java.exe 1>&2
exit /b 2

:noJava
echo rdp-probe: no Java runtime found: install Java 17 or newer, or set JAVA_HOME 1>&2
exit /b 2

:run
"%RDP_PROBE_JAVA%" %RDP_PROBE_JAVA_OPTS% -jar "%RDP_PROBE_HOME%\lib\rdp-probe.jar" %*
exit /b %ERRORLEVEL%
