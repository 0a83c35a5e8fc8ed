#!/bin/bash
# Builds dist/box-login_<version>_amd64.deb from the PyInstaller bundle in dist/box-login/.
# Called by `make -C packaging deb` (which builds the bundle first); see packaging/README.md.
#
# Environment:
#   CONFIG=path/settings.json   bake a settings file in as /etc/box-login/config.json (a conffile)
#   DEB_COMPRESSION=xz|zstd|gzip|none   default xz (release); zstd is ~70x faster (CI)
#   DEB_UNBUNDLE=1              drop the bundle's copies of libraries that are byte-identical to
#                               files of installed packages and depend on those packages instead
#                               (ties the .deb to the exact release it is built on). Default 0: the
#                               bundle keeps its libraries; Depends lists only what it does not carry.
#   PYTHON=.venv/bin/python     the interpreter used to check CONFIG
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/packaging/linux"
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
BUNDLE="$ROOT/dist/box-login"
ICONS="$ROOT/build/icons"
STAGE="$ROOT/build/deb/root"
COMPRESSION=${DEB_COMPRESSION:-xz}
UNBUNDLE=${DEB_UNBUNDLE:-0}
APP_ID=com.example.BoxLogin
T0=$(date +%s.%N)

say() { printf 'build-deb: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

command -v dpkg-deb >/dev/null || die "dpkg-deb not found (Debian package dpkg)"
"$HERE/system-deps.sh" check-deb || die "install the packages above, then build again"
[ -x "$BUNDLE/box-login" ] || die "no bundle at $BUNDLE: run 'make -C packaging bundle' first"
[ -d "$ICONS/hicolor" ] || die "no icons at $ICONS: run packaging/render_icons.py first"

VERSION=$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
DEB="$ROOT/dist/box-login_${VERSION}_${ARCH}.deb"

# --- the settings file to bake in, checked with the app's own parser ---------------------------
config_file=""
if [ -n "${CONFIG:-}" ]; then
    case "$CONFIG" in
        /*) config_file=$CONFIG ;;
        *) if [ -f "$ROOT/$CONFIG" ]; then config_file="$ROOT/$CONFIG"; else config_file="$PWD/$CONFIG"; fi ;;
    esac
    [ -f "$config_file" ] || die "CONFIG=$CONFIG: no such file"
    (cd "$ROOT" && "$PYTHON" -c '
import sys
from pathlib import Path
from core.settings import read_settings_file
s = read_settings_file(Path(sys.argv[1]))
print(f"build-deb: CONFIG ok: client id set, {len(s.redirect_uris)} redirect URI(s), oauth at {s.oauth_2_url}", file=sys.stderr)
' "$config_file") || die "CONFIG=$CONFIG is not a valid Box Login settings file (see the message above)"
fi

# --- stage the file system tree ------------------------------------------------------------------
say "staging $VERSION ($ARCH) in $STAGE"
rm -rf "$ROOT/build/deb"
mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/box-login" "$STAGE/usr/share/icons" \
    "$STAGE/DEBIAN"
cp -a "$BUNDLE" "$STAGE/opt/box-login"
OPT="$STAGE/opt/box-login"
INTERNAL="$OPT/_internal"
# Qt WebEngine creates resources/locales next to its .pak files at start when it is missing (the
# locales themselves live in translations/qtwebengine_locales). Ship it empty, so the package owns
# it and `dpkg -r` removes it instead of leaving /opt/box-login behind.
if [ -d "$INTERNAL/PySide6/Qt/resources" ]; then
    mkdir -p "$INTERNAL/PySide6/Qt/resources/locales"
fi

# Strip symbols the dynamic loader does not need (libpython and some wheels ship with debug
# info). Only shared objects: the box-login executable carries its Python archive appended to
# the ELF file, which strip would cut off.
before=$(du -sb "$OPT" | cut -f1)
find "$INTERNAL" -type f -name '*.so*' -print0 | xargs -0 -r file -N -0 |
    awk -F '\0' '/ELF/ && /not stripped/ { print $1 }' | tr '\n' '\0' |
    xargs -0 -r strip --strip-unneeded
say "stripped: $(( (before - $(du -sb "$OPT" | cut -f1)) / 1048576 )) MiB saved"

# Libraries the bundle copied from the build machine stay in it by default, so the .deb does not
# depend on package names that differ between releases (Ubuntu 24.04 renamed many libraries in
# the 64-bit time transition: libasound2 -> libasound2t64...). DEB_UNBUNDLE=1 drops the copies
# that are byte-identical to a file of an installed package and depends on that package instead:
# smaller, and security updates reach those libraries, but the .deb then installs only on the
# exact release it was built on.
declare -A deps=()
pkg_of() { # installed package owning a library path (tries the /usr-merged spellings too)
    local p=$1 q
    for q in "$p" "${p#/usr}" "/usr$p" "$(readlink -f "$p")"; do
        dpkg-query -S "$q" 2>/dev/null | head -n1 | cut -d: -f1 | grep . && return 0
    done
    return 1
}
if [ "$UNBUNDLE" = "1" ]; then
    saved=0 dropped=""
    multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
    for f in "$INTERNAL"/lib*.so*; do
        if [ ! -f "$f" ] || [ -L "$f" ]; then continue; fi
        name=$(basename "$f")
        case "$name" in libpython3*) continue ;; esac # the bootloader loads it from _internal
        sys="/usr/lib/$multiarch/$name"
        [ -e "$sys" ] || sys="/lib/$multiarch/$name"
        if [ ! -e "$sys" ] || ! cmp -s "$f" "$sys"; then continue; fi
        pkg=$(pkg_of "$sys") || continue
        saved=$((saved + $(stat -c %s "$f")))
        rm -f "$f"
        # Linked libraries come back through the DT_NEEDED scan below; dlopen()ed ones must not
        # be forgotten (Qt's TLS backend opens libssl, NSS its crypto modules).
        case "$name" in libssl* | libcrypto* | libsoftokn3* | libfreebl* | libnss* | libdbus-1*) deps[$pkg]=1 ;; esac
        dropped="$dropped $name"
    done
    say "unbundled $((saved / 1048576)) MiB of system libraries:$dropped"
fi

# --- which system libraries the bundle still needs ------------------------------------------------
# Every DT_NEEDED name of every ELF file in the bundle that the bundle does not provide itself is
# looked up in the loader's cache and mapped to its package. Only direct needs: those packages
# bring their own dependencies.
declare -A provided=() needed=()
while IFS= read -r -d '' f; do provided[$(basename "$f")]=1; done < <(find "$OPT" \( -type f -o -type l \) -name '*.so*' -print0)
while IFS= read -r -d '' elf; do
    while read -r soname; do
        [ -n "${provided[$soname]:-}" ] || needed[$soname]="${needed[$soname]:-${elf#"$OPT"/}}"
    done < <(readelf -d -W "$elf" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done < <(find "$OPT" -type f \( -name '*.so*' -o -name QtWebEngineProcess -o -name box-login \) -print0)
ldcache=$(/sbin/ldconfig -p)
missing=""
for soname in "${!needed[@]}"; do
    lib=$(printf '%s\n' "$ldcache" | awk -v n="$soname" '$1 == n && /x86-64/ { print $NF; exit }')
    if [ -z "$lib" ]; then
        missing="$missing $soname(needed by ${needed[$soname]})"
        continue
    fi
    pkg=$(pkg_of "$lib") || die "$lib (needed by ${needed[$soname]}) belongs to no package"
    deps[$pkg]=1
done
if [ -n "$missing" ]; then
    say "libraries not found on this build machine (install them and rebuild):$missing"
    die "some bundled files need libraries this machine lacks, so Depends would be incomplete"
fi
# Loaded at run time without being linked: Mesa's DRI drivers (GL in every mode), fonts.
deps[libgl1-mesa-dri]=1
unset 'deps[libc6]' 'deps[libgcc-s1]' 'deps[libstdc++6]' # essential or pulled in by every C++ lib
depends=$(printf '%s\n' "${!deps[@]}" | sort | paste -sd, | sed 's/,/, /g')
# fonts-noto-cjk: the window ships a Japanese translation, which no other font above draws.
depends="libc6, libstdc++6, $depends, fonts-dejavu-core | fonts-liberation2 | fonts-noto-core, fonts-noto-cjk"

# --- launcher, desktop entry, icons, AppStream, documentation ------------------------------------
install -m 0755 "$HERE/box-login.sh" "$STAGE/usr/bin/box-login"
install -m 0644 "$HERE/$APP_ID.desktop" "$STAGE/usr/share/applications/$APP_ID.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}" +%F)/" \
    "$HERE/$APP_ID.metainfo.xml" >"$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
cp -r "$ICONS/hicolor" "$STAGE/usr/share/icons/hicolor"
install -m 0644 "$HERE/copyright" "$STAGE/usr/share/doc/box-login/copyright"
# The AppArmor profile Ubuntu 24.04+ needs for Qt WebEngine's sandbox: shipped here, put in
# /etc/apparmor.d by the postinst only where AppArmor 4 reads it, removed again by the postrm.
install -D -m 0644 "$HERE/apparmor-box-login" "$STAGE/usr/share/box-login/apparmor/box-login"
install -m 0755 "$HERE/debian/postinst" "$STAGE/DEBIAN/postinst"
install -m 0755 "$HERE/debian/postrm" "$STAGE/DEBIAN/postrm"
# On removal, keep-alive's per-user timers and autostart entries go too (see the script).
install -m 0755 "$HERE/debian/prerm" "$STAGE/DEBIAN/prerm"
if [ -n "$config_file" ]; then
    install -d -m 0755 "$STAGE/etc/box-login"
    # World-readable on purpose: every person on the machine signs in with this Box app. A desktop
    # app's client secret is not a secret (RFC 8252 8.5).
    install -m 0644 "$config_file" "$STAGE/etc/box-login/config.json"
    echo /etc/box-login/config.json >"$STAGE/DEBIAN/conffiles"
fi

desktop-file-validate "$STAGE/usr/share/applications/$APP_ID.desktop" || die "desktop entry is invalid"
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --no-color "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml" >&2 ||
        die "AppStream metainfo is invalid"
else
    "$PYTHON" -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' \
        "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml" || die "metainfo is not well-formed XML"
fi

find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE/usr/share" -type f -exec chmod 0644 {} +

installed_kib=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat >"$STAGE/DEBIAN/control" <<EOF
Package: box-login
Version: $VERSION
Architecture: $ARCH
Maintainer: Box Login contributors <box-login@example.com>
Installed-Size: $installed_kib
Depends: $depends
Recommends: gnome-keyring | kwalletmanager | keepassxc, xdg-utils
Section: net
Priority: optional
Homepage: https://example.com/box-login
Description: connect your Box account to programs on this computer
 Box Login signs you in to Box once, in a window showing Box's own sign-in page,
 and keeps the sign-in in your password store (GNOME Keyring, KWallet or another
 Secret Service). Programs and scripts then ask it for a valid access token:
 "box-login token" prints one, renewing it when needed.
 .
 The program is a self-contained bundle under /opt/box-login (Python, Qt and
 Qt WebEngine included).
EOF

# --- build ---------------------------------------------------------------------------------------
say "Depends: $depends"
say "compressing with $COMPRESSION (installed size $((installed_kib / 1024)) MiB)"
t_pack=$(date +%s.%N)
mkdir -p "$ROOT/dist"
case "$COMPRESSION" in
    xz) zopts=(-Zxz -z9) ;; # -9: an 64 MiB window suits Qt WebEngine's 190 MB library
    zstd) zopts=(-Zzstd -z3) ;;
    gzip) zopts=(-Zgzip -z9) ;;
    none) zopts=(-Znone) ;;
    *) die "DEB_COMPRESSION must be xz, zstd, gzip or none" ;;
esac
dpkg-deb --root-owner-group "${zopts[@]}" --build "$STAGE" "$DEB" >/dev/null
size=$(stat -c %s "$DEB")
say "built $DEB: $((size / 1048576)) MiB ($size bytes) with $COMPRESSION in $(elapsed "$t_pack") s; total $(elapsed "$T0") s"
echo "$DEB"
