#!/usr/bin/env sh
# Renders the icon sources in this folder to the PNGs the app ships in
# ../public/icons. Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
# Run it after editing an SVG, and commit both.
set -eu
cd "$(dirname "$0")"
out=../public/icons
mkdir -p "$out"
png() { rsvg-convert --width "$2" --height "$2" "$1" --output "$out/$3"; }
png icon.svg 192 icon-192.png
png icon.svg 512 icon-512.png
png icon-maskable.svg 512 icon-maskable-512.png
# iOS rounds the corners itself and shows transparency as black.
png icon-maskable.svg 180 apple-touch-icon.png
png shortcut-goal.svg 96 shortcut-goal-96.png
png shortcut-meeting.svg 96 shortcut-meeting-96.png
# The browser tab's icon (index.html) is the source itself: a few hundred
# bytes on a first visit, where the 192 px PNG is 9 KB.
cp icon.svg "$out/icon.svg"
