#!/usr/bin/env bash
# Builds, from the CLI's fat jar, the self-contained runtime image and the Debian package:
#   1. jdeps lists the modules the jar needs; jlink makes a runtime of those modules;
#   2. jpackage makes the application image around it (native launcher bin/rdp-probe, the jar,
#      the runtime), with the manual page and completions under lib/app/share; it is also packed
#      as rdp-probe-VERSION-linux-ARCH.tar.gz;
#   3. jpackage makes the .deb of that image (installed under /opt/rdp-probe; its postinst links
#      /usr/bin/rdp-probe, and makes the application's class-data archive its launcher names).
# dist/pom.xml runs it at `package`. What this machine lacks the tools for is skipped, saying
# why; a tool that is there and fails fails the build.
#
# usage: native.sh JDK_HOME JAR VERSION RELEASE_FILES_DIR RESOURCE_DIR LICENSE OUT_DIR
set -euo pipefail

jdk=$1 jar=$2 version=$3 release_files=$4 resources=$5 license=$6 out=$7

say() { echo "[dist] $*"; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

for tool in jdeps jlink jpackage; do
  if [ ! -x "$jdk/bin/$tool" ]; then
    say "skipping the runtime image and the .deb: $jdk/bin/$tool is missing (a full JDK 17+ has it)"
    exit 0
  fi
done
if [ ! -d "$jdk/jmods" ]; then
  say "skipping the runtime image and the .deb: $jdk/jmods is missing (Debian: openjdk-17-jdk-headless)"
  exit 0
fi

arch=$(uname -m)
rm -rf "$out"
# the input becomes lib/app of the image: the jar, and the files the package links into /usr
# (jpackage keeps nothing else of an application image in a .deb)
mkdir -p "$out/input/share/man/man1" "$out/input/share/completion"
cp "$jar" "$out/input/rdp-probe.jar"
cp "$release_files/rdp-probe.1" "$out/input/share/man/man1/"
cp "$release_files/rdp-probe.bash" "$release_files/rdp-probe.fish" "$out/input/share/completion/"

start=$(date +%s)
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
say "jdeps: the jar needs $modules ($(elapsed "$start"))"

# java.desktop is needed only for java.beans (Jackson); its native libraries serve AWT, Swing and
# sound, which the tool never loads, and would make the package depend on X11 and ALSA.
# --strip-java-debug-attributes rather than --strip-debug, which also needs objcopy (binutils).
# --generate-cds-archive: the runtime's own class-data archive of its JDK classes, which a JDK
# ships and a jlinked runtime lacks unless asked (without it every start loads and verifies them
# one by one: `rdp-probe version` from the image 299 -> 246 ms); the one for heaps over 32 GB
# (classes_nocoops.jsa, another 11 MB) is left out.
start=$(date +%s)
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/runtime" \
  --strip-java-debug-attributes --no-header-files --no-man-pages --compress=2 \
  --exclude-files='glob:/java.desktop/lib/**' --generate-cds-archive
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"
say "jlink: runtime image $out/runtime ($(du -sh "$out/runtime" | cut -f1), $(elapsed "$start"))"

# Debian versions sort 0.1.0~SNAPSHOT before 0.1.0
app_version=${version/-/\~}
start=$(date +%s)
"$jdk/bin/jpackage" --type app-image --name rdp-probe --dest "$out/image" \
  --input "$out/input" --main-jar rdp-probe.jar --runtime-image "$out/runtime" \
  --app-version "$app_version" --vendor rdp-probe \
  --description "Probes the RDP connection handshake step by step and explains how it ends."
image="$out/image/rdp-probe"
cp "$license" "$image/lib/app/LICENSE"
tar -C "$out/image" -czf "$out/rdp-probe-$version-linux-$arch.tar.gz" rdp-probe
say "jpackage: application image $image and rdp-probe-$version-linux-$arch.tar.gz ($(elapsed "$start"))"

if [ "$(uname -s)" != Linux ]; then
  say "skipping the .deb: not Linux"
  exit 0
fi
for tool in dpkg-deb fakeroot; do
  if ! command -v "$tool" > /dev/null; then
    say "skipping the .deb: $tool is missing (Debian packages dpkg and fakeroot)"
    exit 0
  fi
done
# The installed image's launcher maps an application class-data archive that postinst makes at its
# fixed path (an archive holds the jar's path, so none can ship in a relocatable image); the
# tarball's image names none, since naming a missing archive turns off the runtime's own as well.
start=$(date +%s)
"$jdk/bin/jpackage" --type app-image --name rdp-probe --dest "$out/deb-image" \
  --input "$out/input" --main-jar rdp-probe.jar --runtime-image "$out/runtime" \
  --app-version "$app_version" --vendor rdp-probe \
  --java-options '-XX:SharedArchiveFile=$APPDIR/rdp-probe.jsa' \
  --java-options -Xlog:cds=off --java-options -Xlog:cds+dynamic=off \
  --description "Probes the RDP connection handshake step by step and explains how it ends."
cp "$license" "$out/deb-image/rdp-probe/lib/app/LICENSE"
# gzip: dpkg-deb's default xz takes five times as long for a few MB less
DPKG_DEB_COMPRESSOR_TYPE=gzip "$jdk/bin/jpackage" --type deb --app-image "$out/deb-image/rdp-probe" \
  --name rdp-probe --linux-package-name rdp-probe --app-version "$app_version" \
  --dest "$out" --resource-dir "$resources" --install-dir /opt \
  --vendor rdp-probe --linux-deb-maintainer rdp-probe@example.invalid \
  --about-url https://github.com/rdp-probe/rdp-probe --license-file "$license" \
  --linux-app-category net \
  --description "Probes the RDP connection handshake step by step and explains how it ends."
say "jpackage: $(cd "$out" && ls ./*.deb) ($(elapsed "$start"))"
