#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The desktop file, metainfo, schema and icons name each other by the
# application id; a typo in one of them makes the app lose its icon, its
# settings or its place in the software centre without any validator noticing.
#
# Usage: test-ids.py APP_ID SOURCE_DATA_DIR BUILT_DESKTOP BUILT_METAINFO

import configparser
import os
import sys
import xml.etree.ElementTree as ET

app_id, data_dir, desktop_path, metainfo_path = sys.argv[1:5]
failures = []


def check(ok, message):
    print(('ok    ' if ok else 'FAIL  ') + message)
    if not ok:
        failures.append(message)


check(os.path.basename(desktop_path) == app_id + '.desktop',
      'desktop file is named after the id')
desktop = configparser.ConfigParser(interpolation=None)
desktop.optionxform = str
desktop.read(desktop_path, encoding='utf-8')
entry = desktop['Desktop Entry']
check(entry.get('Icon') == app_id, 'desktop Icon= is the id')
check(entry.get('Exec', '').split(' ')[0] == 'annota', 'desktop Exec= runs annota')
check('%F' in entry.get('Exec', '').split(' '), 'desktop Exec= takes files (%F)')
mime = entry.get('MimeType', '').split(';')
check('application/json' in mime and 'text/plain' in mime,
      'desktop MimeType= has application/json and text/plain')

metainfo = ET.parse(metainfo_path).getroot()
check(metainfo.findtext('id') == app_id, 'metainfo <id> is the id')
launchable = metainfo.find("launchable[@type='desktop-id']")
check(launchable is not None and launchable.text == app_id + '.desktop',
      'metainfo launchable is the desktop file')
binaries = sorted(b.text for b in metainfo.findall('provides/binary'))
check(binaries == ['annota', 'annota-cli'], 'metainfo provides annota and annota-cli')
check(metainfo.findtext('name') == entry.get('Name'), 'metainfo and desktop have the same name')
check(metainfo.findtext('summary') == entry.get('Comment'),
      'metainfo summary is the desktop Comment=')
releases = metainfo.findall('releases/release')
check(len(releases) > 0 and releases[0].get('version') == os.environ.get('ANNOTA_VERSION'),
      'the newest release in the metainfo is the project version')
for shot in metainfo.findall('screenshots/screenshot/image'):
    check(shot.text.startswith('https://raw.githubusercontent.com/annota/annota/main/data/screenshots/'),
          'screenshot ' + shot.text + ' is where build-aux/screenshot.sh writes')

schema_path = os.path.join(data_dir, app_id + '.gschema.xml')
schemalist = ET.parse(schema_path).getroot()
check(schemalist.get('gettext-domain') == 'annota', 'schema gettext-domain is annota')
schema = schemalist.find('schema')
check(schema.get('id') == app_id, 'schema id is the id')
check(schema.get('path') == '/' + app_id.replace('.', '/') + '/', 'schema path follows the id')
keys = {k.get('name'): k for k in schema.findall('key')}
expected = {
    'window-width': ('type', 'i'), 'window-height': ('type', 'i'),
    'window-maximized': ('type', 'b'), 'recent-documents': ('type', 'as'),
    'recent-corpora': ('type', 'as'), 'show-rejected': ('type', 'b'),
    'last-label-set': ('type', 's'),
    'snap-mode': ('enum', app_id + '.SnapMode'),
    'review-order': ('enum', app_id + '.ReviewOrder'),
}
check(sorted(keys) == sorted(expected), 'schema has exactly the keys ' + ', '.join(sorted(expected)))
for name, (attr, value) in expected.items():
    key = keys.get(name)
    check(key is not None and key.get(attr) == value, 'key %s has %s %s' % (name, attr, value))
    check(key is not None and bool(key.findtext('summary')) and bool(key.findtext('description')),
          'key %s has a summary and a description' % name)
enums = {e.get('id'): [v.get('nick') for v in e.findall('value')] for e in schemalist.findall('enum')}
check(enums.get(app_id + '.SnapMode') == ['words', 'graphemes'], 'enum SnapMode is words, graphemes')
check(enums.get(app_id + '.ReviewOrder') == ['position', 'confidence'],
      'enum ReviewOrder is position, confidence')

SVG = '{http://www.w3.org/2000/svg}'
for sub, name, box in (('scalable', app_id + '.svg', '0 0 128 128'),
                       ('symbolic', app_id + '-symbolic.svg', '0 0 16 16')):
    path = os.path.join(data_dir, 'icons', 'hicolor', sub, 'apps', name)
    check(os.path.isfile(path), 'icon ' + path + ' exists')
    if not os.path.isfile(path):
        continue
    svg = ET.parse(path).getroot()
    check(svg.tag == SVG + 'svg' and svg.get('viewBox') == box, name + ' has viewBox ' + box)
    if sub == 'symbolic':
        # GTK recolours a symbolic icon by setting the fill of its shapes;
        # strokes, masks and a second colour would not follow the theme.
        elements = list(svg.iter())
        check(not any(e.get('stroke') not in (None, 'none') for e in elements),
              name + ' has no strokes')
        check(not any(e.tag in (SVG + 'mask', SVG + 'clipPath', SVG + 'image') for e in elements),
              name + ' has no masks, clips or images')
        fills = {e.get('fill') for e in elements if e.get('fill') not in (None, 'none')}
        check(len(fills) == 1, name + ' has one fill colour')

sys.exit(1 if failures else 0)
